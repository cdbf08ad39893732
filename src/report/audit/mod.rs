//! Renderers of an audit: one per format, each from the finished [`Audit`] (records and
//! summary), writing straight to its output so a national run is never held as text.

pub mod concise;
pub mod csv;
pub mod github;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

use std::io::{self, Write};

use crate::audit::Audit;
use crate::standard::Standard;

/// The formats `sscheck audit` and `sscheck merge` write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum AuditFormat {
    /// A summary: grades, worst centers, most-violated rules, exit risk, copied documents.
    Human,
    /// The JSON contract of `check`, plus counts, pass/fail and a summary.
    Json,
    /// One line per finding.
    Concise,
    /// GitHub Actions annotations.
    Github,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// JUnit XML: a test suite per submission, a failing test case per finding.
    Junit,
    /// One row per center, for spreadsheets (UTF-8 with BOM).
    Csv,
    /// One self-contained HTML page with charts, a table of every center and a section
    /// per rule.
    Html,
}

impl AuditFormat {
    pub fn name(self) -> &'static str {
        match self {
            AuditFormat::Human => "human",
            AuditFormat::Json => "json",
            AuditFormat::Concise => "concise",
            AuditFormat::Github => "github",
            AuditFormat::Sarif => "sarif",
            AuditFormat::Junit => "junit",
            AuditFormat::Csv => "csv",
            AuditFormat::Html => "html",
        }
    }
}

/// How an audit is rendered beyond its format.
#[derive(Debug, Clone, Copy)]
pub struct AuditRender {
    pub color: bool,
    /// Human format: list every finding too.
    pub verbose: bool,
}

/// Write `audit` in `format`.
pub fn write(
    format: AuditFormat,
    standard: &Standard,
    audit: &Audit,
    opts: AuditRender,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        AuditFormat::Human => human::write(standard, audit, opts, out),
        AuditFormat::Json => json::write(standard, audit, out),
        AuditFormat::Concise => concise::write(audit, out),
        AuditFormat::Github => github::write(audit, out),
        AuditFormat::Sarif => sarif::write(standard, audit, out),
        AuditFormat::Junit => junit::write(standard, audit, out),
        AuditFormat::Csv => csv::write(standard, audit, out),
        AuditFormat::Html => html::write(standard, audit, out),
    }
}

/// A finding's file as the user can open it: the submission path joined with the file.
pub(crate) fn file_path(center: &crate::audit::Center, file: &str) -> String {
    if center.path == "." || center.path.is_empty() {
        return file.to_string();
    }
    format!("{}/{}", center.path.trim_end_matches('/'), file)
}
