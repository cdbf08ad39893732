//! Renderers: one per output format. A renderer sees findings, outcomes and scores,
//! never a check.

pub mod audit;
pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub(crate) mod window;

use std::collections::BTreeMap;

use crate::engine::SubmissionReport;
use crate::i18n::{Lang, Text};
use crate::standard::Standard;
use crate::t;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Compiler-style diagnostics with snippets, then a summary per submission.
    Human,
    /// The JSON contract (schema_version 1).
    Json,
    /// One line per finding: `path:line:col: RULE [severity] message`.
    Concise,
    /// GitHub Actions workflow commands (`::error file=…,line=…::message`).
    Github,
    /// One self-contained HTML page per run: scores, metric trends, findings with
    /// excerpts (written by `sscheck check` itself, not by [`Stream`]).
    Html,
}

/// How a run is rendered, beyond its format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub lang: Lang,
    /// ANSI colours (human format only).
    pub color: bool,
    /// Wrap text to this many columns; `None` never wraps (files, pipes).
    pub width: Option<usize>,
    /// Findings only: no per-submission summaries, no totals.
    pub quiet: bool,
    /// Instead of findings, one line per rule with its count of findings.
    pub statistics: bool,
}

impl Options {
    /// Plain output in `lang`: no colour, no wrapping, findings and summaries.
    pub fn plain(lang: Lang) -> Options {
        Options {
            lang,
            color: false,
            width: None,
            quiet: false,
            statistics: false,
        }
    }
}

/// Render reports in a format.
pub fn render(
    format: Format,
    standard: &Standard,
    reports: &[SubmissionReport],
    lang: Lang,
    color: bool,
) -> String {
    render_with(
        format,
        standard,
        reports,
        Options {
            color,
            ..Options::plain(lang)
        },
    )
}

/// Render reports in a format with every option.
pub fn render_with(
    format: Format,
    standard: &Standard,
    reports: &[SubmissionReport],
    opts: Options,
) -> String {
    let mut stream = Stream::with_options(format, standard, opts);
    let mut out = stream.begin();
    out.push_str(&stream.chunk(reports));
    out.push_str(&stream.finish());
    out
}

/// Renders a run chunk by chunk, so a bulk run writes reports as they are made instead of
/// holding them all; the output is the same as [`render`] of every report at once.
pub struct Stream<'a> {
    format: Format,
    standard: &'a Standard,
    opts: Options,
    totals: human::Totals,
    statistics: Statistics,
}

impl<'a> Stream<'a> {
    pub fn new(format: Format, standard: &'a Standard, lang: Lang, color: bool) -> Stream<'a> {
        Stream::with_options(
            format,
            standard,
            Options {
                color,
                ..Options::plain(lang)
            },
        )
    }

    pub fn with_options(format: Format, standard: &'a Standard, opts: Options) -> Stream<'a> {
        Stream {
            format,
            standard,
            opts,
            totals: human::Totals::default(),
            statistics: Statistics::default(),
        }
    }

    /// The standard the next chunks were checked against (a run may check folders
    /// against different standards, as their `sscheck.toml` says).
    pub fn set_standard(&mut self, standard: &'a Standard) {
        self.standard = standard;
    }

    pub fn begin(&self) -> String {
        match self.format {
            Format::Json if !self.opts.statistics => json::begin(self.standard, self.opts.lang),
            _ => String::new(),
        }
    }

    pub fn chunk(&mut self, reports: &[SubmissionReport]) -> String {
        let first = self.totals.submissions == 0;
        self.totals.add(reports);
        if self.opts.statistics {
            self.statistics.add(reports);
            return String::new();
        }
        match self.format {
            Format::Human => human::submissions(self.standard, reports, &self.opts),
            Format::Json => json::submissions(reports, self.opts.lang, first),
            Format::Concise => concise::submissions(self.standard, reports, &self.opts),
            Format::Github => github::submissions(reports, self.opts.lang),
            Format::Html => String::new(),
        }
    }

    pub fn finish(self) -> String {
        if self.opts.statistics {
            return match self.format {
                Format::Json => self.statistics.json(self.opts.lang),
                _ => self.statistics.text(self.opts.lang),
            };
        }
        match self.format {
            Format::Human | Format::Concise if self.opts.quiet => String::new(),
            Format::Human | Format::Concise if self.totals.submissions > 1 => {
                human::totals(&self.totals, self.opts.lang)
            }
            Format::Human | Format::Concise | Format::Github | Format::Html => String::new(),
            Format::Json => json::end(self.totals.submissions > 0),
        }
    }
}

/// Unwaived findings per rule over a run, for `--statistics`.
#[derive(Debug, Default)]
pub struct Statistics {
    rules: BTreeMap<String, (usize, Text)>,
}

impl Statistics {
    pub fn add(&mut self, reports: &[SubmissionReport]) {
        for f in reports.iter().flat_map(|r| &r.findings) {
            if f.waived {
                continue;
            }
            let entry = self
                .rules
                .entry(f.rule.clone())
                .or_insert_with(|| (0, f.title.clone()));
            entry.0 += 1;
        }
    }

    /// Rules by count, most frequent first, then by id.
    fn sorted(&self) -> Vec<(&str, usize, &Text)> {
        let mut rows: Vec<(&str, usize, &Text)> = self
            .rules
            .iter()
            .map(|(rule, (n, title))| (rule.as_str(), *n, title))
            .collect();
        rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        rows
    }

    /// One line per rule: count, id, title (like `ruff --statistics`).
    pub fn text(&self, lang: Lang) -> String {
        let rows = self.sorted();
        if rows.is_empty() {
            let none = t!("没有未豁免的问题", "no unwaived findings");
            return format!("{}\n", none.get(lang));
        }
        let count_w = rows
            .iter()
            .map(|r| r.1.to_string().len())
            .max()
            .unwrap_or(1);
        let id_w = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(1);
        let mut out = String::new();
        for (rule, n, title) in rows {
            out.push_str(&format!(
                "{n:>count_w$}  {rule:<id_w$}  {}\n",
                one_line(title.get(lang))
            ));
        }
        out
    }

    /// The same rows as a JSON array of `{count, rule, title}`.
    pub fn json(&self, lang: Lang) -> String {
        let rows: Vec<serde_json::Value> = self
            .sorted()
            .into_iter()
            .map(|(rule, n, title)| {
                serde_json::json!({"count": n, "rule": rule, "title": title.get(lang)})
            })
            .collect();
        let mut s = serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".to_string());
        s.push('\n');
        s
    }
}

/// A finding's file as the user can open it: the submission path joined with the file.
pub(crate) fn display_path(r: &SubmissionReport, file: &str) -> String {
    let base = r.path.display().to_string();
    let base = base.trim_end_matches('/');
    if base.is_empty() {
        return file.to_string();
    }
    format!("{base}/{file}")
}

/// Text on one line: line breaks and tabs become spaces.
pub(crate) fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\r' => {}
            '\n' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// `title：message` (Chinese) or `title: message` (English).
pub(crate) fn headline(f: &crate::finding::Finding, lang: Lang) -> String {
    let sep = match lang {
        Lang::Zh => "：",
        Lang::En => ": ",
    };
    format!("{}{sep}{}", f.title.get(lang), f.message.get(lang))
}
