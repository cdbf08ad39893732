//! `sscheck standard validate DIR`: lint a standard, with diagnostics in its YAML.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

use sscheck::report::human::{plain_diagnostic, Snippet};
use sscheck::standard::{self, StandardError};

#[derive(Subcommand)]
pub enum StandardCommand {
    /// Lint a standard folder: schema, ids, references, expressions, thresholds, texts.
    Validate(ValidateArgs),
}

#[derive(clap::Args)]
pub struct ValidateArgs {
    /// The standard folder (standard.yaml + rules/*.yaml).
    dir: PathBuf,
}

pub fn run(cmd: StandardCommand) -> ExitCode {
    match cmd {
        StandardCommand::Validate(args) => validate(args),
    }
}

fn validate(args: ValidateArgs) -> ExitCode {
    if !args.dir.join("standard.yaml").is_file() {
        eprintln!(
            "sscheck: {} holds no standard.yaml (a standard is a folder with standard.yaml and rules/*.yaml)",
            args.dir.display()
        );
        return ExitCode::from(2);
    }
    match standard::validate_dir(&args.dir) {
        Ok(s) => {
            println!(
                "ok: {} {} — {} rules ({} switched off), {} metrics, {} document types",
                s.id,
                s.version,
                s.rules.len(),
                s.disabled.len(),
                s.metrics.len(),
                s.documents.len()
            );
            ExitCode::SUCCESS
        }
        Err(errors) => {
            let mut out = String::new();
            for e in &errors {
                out.push_str(&render_error(e));
            }
            out.push_str(&format!(
                "{} error(s) in {}\n",
                errors.len(),
                args.dir.display()
            ));
            print!("{out}");
            ExitCode::from(1)
        }
    }
}

/// One error with a snippet of its file, underlining the token at its position.
fn render_error(e: &StandardError) -> String {
    let name = format!("{}:{}:{}", e.file, e.line, e.column);
    let text = std::fs::read_to_string(&e.file).ok();
    let snippet = text.as_deref().map(|text| {
        let start = offset_of(text, e.line, e.column);
        let len = text[start..]
            .chars()
            .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | '}' | ']' | ':'))
            .map(char::len_utf8)
            .sum::<usize>()
            .max(1)
            .min(text.len() - start);
        Snippet {
            name: name.clone(),
            text,
            span: start..start + len,
            line: e.line,
            label: Some("here".to_string()),
        }
    });
    // Without the file's text, the position goes into the message.
    let header = if snippet.is_some() {
        e.message.clone()
    } else {
        format!("{name}: {}", e.message)
    };
    plain_diagnostic(header, "standard".to_string(), snippet)
}

/// Byte offset of a 1-based line and character column.
fn offset_of(text: &str, line: u32, column: u32) -> usize {
    let mut offset = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line as usize {
            let col: usize = l
                .chars()
                .take(column.saturating_sub(1) as usize)
                .map(char::len_utf8)
                .sum();
            return offset + col.min(l.trim_end_matches('\n').len());
        }
        offset += l.len();
    }
    text.len()
}
