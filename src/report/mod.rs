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

/// Renders a run chunk by chunk, so a bulk run writes reports as they are made instead of
/// holding them all; the output is the same as [`render`] of every report at once.
pub struct Stream<'a> {
    format: Format,
    standard: &'a Standard,
    lang: Lang,
    color: bool,
    totals: human::Totals,
}

impl<'a> Stream<'a> {
    pub fn new(format: Format, standard: &'a Standard, lang: Lang, color: bool) -> Stream<'a> {
        Stream {
            format,
            standard,
            lang,
            color,
            totals: human::Totals::default(),
        }
    }

    /// The standard the next chunks were checked against (a run may check folders
    /// against different standards, as their `sscheck.toml` says).
    pub fn set_standard(&mut self, standard: &'a Standard) {
        self.standard = standard;
    }

    pub fn begin(&self) -> String {
        match self.format {
            Format::Human => String::new(),
            Format::Json => json::begin(self.standard, self.lang),
        }
    }

    pub fn chunk(&mut self, reports: &[SubmissionReport]) -> String {
        let first = self.totals.submissions == 0;
        self.totals.add(reports);
        match self.format {
            Format::Human => human::submissions(self.standard, reports, self.lang, self.color),
            Format::Json => json::submissions(reports, self.lang, first),
        }
    }

    pub fn finish(self) -> String {
        match self.format {
            Format::Human if self.totals.submissions > 1 => human::totals(&self.totals, self.lang),
            Format::Human => String::new(),
            Format::Json => json::end(self.totals.submissions > 0),
        }
    }
}
