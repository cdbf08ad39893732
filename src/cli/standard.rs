//! `sscheck standard validate DIR`: lint a standard, with diagnostics in its YAML.

use std::fmt;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Subcommand;
use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode,
};

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
            let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
                .with_width(100)
                .with_links(false)
                .without_primary_span_start();
            let mut out = String::new();
            for e in &errors {
                let mut s = String::new();
                if handler
                    .render_report(&mut s, &StandardDiagnostic::new(e))
                    .is_ok()
                {
                    out.push_str(&s);
                    out.push('\n');
                }
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

struct StandardDiagnostic {
    message: String,
    source: Option<NamedSource<Arc<str>>>,
    label: Option<LabeledSpan>,
}

impl StandardDiagnostic {
    fn new(e: &StandardError) -> StandardDiagnostic {
        let name = format!("{}:{}:{}", e.file, e.line, e.column);
        let text: Option<Arc<str>> = std::fs::read_to_string(&e.file).ok().map(Arc::from);
        let (source, label) = match text {
            Some(text) => {
                let start = offset_of(&text, e.line, e.column);
                let len = text[start..]
                    .chars()
                    .take_while(|c| !c.is_whitespace() && !matches!(c, ',' | '}' | ']' | ':'))
                    .map(char::len_utf8)
                    .sum::<usize>()
                    .max(1)
                    .min(text.len() - start);
                (
                    Some(NamedSource::new(name, text.clone())),
                    Some(LabeledSpan::new(Some("here".to_string()), start, len)),
                )
            }
            None => (None, None),
        };
        StandardDiagnostic {
            message: if source.is_none() {
                format!("{}: {}", e, "")
            } else {
                e.message.clone()
            }
            .trim_end_matches(": ")
            .to_string(),
            source,
            label,
        }
    }
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

impl fmt::Debug for StandardDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for StandardDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for StandardDiagnostic {}

impl Diagnostic for StandardDiagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new("standard"))
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.label
            .clone()
            .map(|l| Box::new(std::iter::once(l)) as Box<dyn Iterator<Item = LabeledSpan>>)
    }
}
