//! Renderers: one per output format. A renderer sees findings, outcomes and scores,
//! never a check.

pub mod human;
pub mod json;

use crate::engine::SubmissionReport;
use crate::i18n::Lang;
use crate::standard::Standard;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
}

/// Render reports in a format.
pub fn render(
    format: Format,
    standard: &Standard,
    reports: &[SubmissionReport],
    lang: Lang,
    color: bool,
) -> String {
    match format {
        Format::Human => human::render(standard, reports, lang, color),
        Format::Json => json::render(standard, reports, lang),
    }
}
