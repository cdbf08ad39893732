//! `sscheck rules`: the resolved rules of a standard, and where each came from.

use std::process::ExitCode;

use clap::ValueEnum;
use serde_json::json;
use unicode_width::UnicodeWidthStr;

use super::{LangArg, StandardArgs};
use sscheck::finding::{Dimension, Severity};

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
}

#[derive(clap::Args)]
pub struct RulesArgs {
    #[command(flatten)]
    standard: StandardArgs,
    /// Only rules of this dimension (basic, provision, support, evaluation).
    #[arg(long, value_name = "DIM")]
    dimension: Option<String>,
    /// Only rules of this severity (error, warning, info).
    #[arg(long, value_name = "SEVERITY")]
    severity: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    format: ListFormat,
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
}

pub fn run(args: RulesArgs) -> ExitCode {
    let lang = super::lang(args.lang);
    let standard = match args.standard.load(lang) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let dimension = match args.dimension.as_deref().map(|d| (d, Dimension::parse(d))) {
        Some((d, None)) => {
            eprintln!("sscheck: unknown dimension `{d}` (basic, provision, support, evaluation)");
            return ExitCode::from(2);
        }
        Some((_, d)) => d,
        None => None,
    };
    let severity = match args.severity.as_deref().map(|s| (s, Severity::parse(s))) {
        Some((s, None)) => {
            eprintln!("sscheck: unknown severity `{s}` (error, warning, info)");
            return ExitCode::from(2);
        }
        Some((_, s)) => s,
        None => None,
    };
    let rules: Vec<_> = standard
        .rules
        .iter()
        .filter(|r| dimension.is_none_or(|d| r.dimension == d))
        .filter(|r| severity.is_none_or(|s| r.severity == s))
        .collect();
    match args.format {
        ListFormat::Json => {
            let list: Vec<_> = rules
                .iter()
                .map(|r| {
                    json!({
                        "id": r.id,
                        "dimension": r.dimension.id(),
                        "severity": r.severity.as_str(),
                        "kind": r.check.kind(),
                        "weight": r.weight,
                        "title": r.title.get(lang),
                        "origin": r.origin,
                        "overridden": r.overridden,
                    })
                })
                .collect();
            println!(
                "{}",
                serde_json::to_string_pretty(&list).expect("JSON values serialize")
            );
        }
        ListFormat::Table => {
            let header = ["ID", "DIMENSION", "SEVERITY", "KIND", "TITLE", "ORIGIN"];
            let rows: Vec<[String; 6]> = rules
                .iter()
                .map(|r| {
                    let mut origin = r.origin.clone();
                    if !r.overridden.is_empty() {
                        origin.push_str(&format!(" (overridden: {})", r.overridden.join("; ")));
                    }
                    [
                        r.id.clone(),
                        r.dimension.id().to_string(),
                        r.severity.as_str().to_string(),
                        r.check.kind().to_string(),
                        r.title.get(lang).to_string(),
                        origin,
                    ]
                })
                .collect();
            let mut widths = header.map(|h| h.width());
            for row in &rows {
                for (w, cell) in widths.iter_mut().zip(row) {
                    *w = (*w).max(cell.width());
                }
            }
            let line = |cells: &[String]| {
                let mut s = String::new();
                for (i, cell) in cells.iter().enumerate() {
                    s.push_str(cell);
                    if i + 1 < cells.len() {
                        s.push_str(&" ".repeat(widths[i] - cell.width() + 2));
                    }
                }
                s
            };
            println!("{}", line(&header.map(String::from)));
            for row in &rows {
                println!("{}", line(row));
            }
            for d in &standard.disabled {
                println!("{}  off  ({}; switched off by {})", d.id, d.origin, d.by);
            }
            println!(
                "\n{} rules · {} {}",
                rules.len(),
                standard.id,
                standard.version
            );
        }
    }
    ExitCode::SUCCESS
}
