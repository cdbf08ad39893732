//! The JSON report: a stable, versioned contract (`schema_version`).
//!
//! Serialized from borrowed, typed views (no intermediate `serde_json::Value` tree), so a
//! bulk run does not hold a second copy of every report.

use serde::Serialize;

use crate::engine::SubmissionReport;
use crate::finding::Dimension;
use crate::i18n::Lang;
use crate::standard::Standard;

pub const SCHEMA_VERSION: u32 = 1;

/// The whole report; what the streamed chunks add up to (checked in the tests).
#[cfg(test)]
#[derive(Serialize)]
struct Report<'a> {
    schema_version: u32,
    tool: Tool,
    standard: StandardRef<'a>,
    lang: &'static str,
    submissions: Vec<Submission<'a>>,
}

#[derive(Serialize)]
pub(crate) struct Tool {
    name: &'static str,
    version: &'static str,
}

/// This program, as reports name it.
pub(crate) const TOOL: Tool = Tool {
    name: "sscheck",
    version: env!("CARGO_PKG_VERSION"),
};

#[derive(Serialize)]
pub(crate) struct StandardRef<'a> {
    id: &'a str,
    version: &'a str,
}

impl StandardRef<'_> {
    pub(crate) fn of(standard: &Standard) -> StandardRef<'_> {
        StandardRef {
            id: &standard.id,
            version: &standard.version,
        }
    }
}

#[derive(Serialize)]
struct Submission<'a> {
    path: String,
    center_id: Option<&'a str>,
    reporting_year: Option<i32>,
    score: Score<'a>,
    findings: Vec<Finding<'a>>,
    findings_capped: bool,
    /// Some rules could not be checked: the verdict is incomplete.
    incomplete: bool,
    rules: Vec<Rule<'a>>,
}

#[derive(Serialize)]
struct Score<'a> {
    overall: Option<f64>,
    grade: Option<&'a str>,
    dimensions: Dimensions,
    /// What held the grade below the score's: rule ids, `incomplete`, `errors`.
    capped_by: &'a [String],
}

/// In the contract's order: basic, provision, support, evaluation.
#[derive(Serialize)]
struct Dimensions {
    basic: Option<f64>,
    provision: Option<f64>,
    support: Option<f64>,
    evaluation: Option<f64>,
}

#[derive(Serialize)]
struct Finding<'a> {
    rule: &'a str,
    kind: &'a str,
    dimension: Option<&'static str>,
    severity: &'static str,
    title: &'a str,
    message: &'a str,
    file: Option<&'a str>,
    line: Option<u32>,
    column: Option<u32>,
    waived: bool,
    /// A short stable hash of the finding, for a waiver's `fingerprint:`.
    fingerprint: &'a str,
}

#[derive(Serialize)]
struct Rule<'a> {
    rule: &'a str,
    outcome: &'static str,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    waived: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'a str>,
}

pub fn render(standard: &Standard, reports: &[SubmissionReport], lang: Lang) -> String {
    let mut out = begin(standard, lang);
    out.push_str(&submissions(reports, lang, true));
    out.push_str(&end(!reports.is_empty()));
    out
}

#[derive(Serialize)]
struct Header<'a> {
    schema_version: u32,
    tool: Tool,
    standard: StandardRef<'a>,
    lang: &'static str,
}

/// The document up to the opening of the `submissions` array. With [`submissions`] and
/// [`end`] it writes exactly what pretty-printing the whole report as one value would, one chunk of
/// submissions at a time.
pub fn begin(standard: &Standard, lang: Lang) -> String {
    let header = Header {
        schema_version: SCHEMA_VERSION,
        tool: Tool {
            name: "sscheck",
            version: env!("CARGO_PKG_VERSION"),
        },
        standard: StandardRef {
            id: &standard.id,
            version: &standard.version,
        },
        lang: lang.code(),
    };
    let text = serde_json::to_string_pretty(&header).expect("report types always serialize");
    let open = text.strip_suffix("\n}").unwrap_or(&text);
    format!("{open},\n  \"submissions\": [")
}

/// Submissions as array elements; `first` when nothing was written before them.
pub fn submissions(reports: &[SubmissionReport], lang: Lang, first: bool) -> String {
    let mut out = String::new();
    for (i, r) in reports.iter().enumerate() {
        out.push_str(if first && i == 0 { "\n" } else { ",\n" });
        let text = serde_json::to_string_pretty(&submission(r, lang))
            .expect("report types always serialize");
        for (j, line) in text.lines().enumerate() {
            if j > 0 {
                out.push('\n');
            }
            out.push_str("    ");
            out.push_str(line);
        }
    }
    out
}

/// Close the array and the document.
pub fn end(any: bool) -> String {
    if any { "\n  ]\n}\n" } else { "]\n}\n" }.to_string()
}

#[cfg(test)]
fn whole<'a>(standard: &'a Standard, reports: &'a [SubmissionReport], lang: Lang) -> Report<'a> {
    Report {
        schema_version: SCHEMA_VERSION,
        tool: Tool {
            name: "sscheck",
            version: env!("CARGO_PKG_VERSION"),
        },
        standard: StandardRef {
            id: &standard.id,
            version: &standard.version,
        },
        lang: lang.code(),
        submissions: reports.iter().map(|r| submission(r, lang)).collect(),
    }
}

fn submission(r: &SubmissionReport, lang: Lang) -> Submission<'_> {
    let dim = |d: Dimension| r.score.dimensions.get(&d).copied().flatten();
    let dimensions = Dimensions {
        basic: dim(Dimension::Basic),
        provision: dim(Dimension::Provision),
        support: dim(Dimension::Support),
        evaluation: dim(Dimension::Evaluation),
    };
    Submission {
        path: r.path.display().to_string(),
        center_id: r.center_id.as_deref(),
        reporting_year: r.reporting_year,
        score: Score {
            overall: r.score.overall,
            grade: r.score.grade.as_deref(),
            dimensions,
            capped_by: &r.score.capped_by,
        },
        findings: r
            .findings
            .iter()
            .map(|f| Finding {
                rule: &f.rule,
                kind: &f.kind,
                dimension: f.dimension.map(|d| d.id()),
                severity: f.severity.as_str(),
                title: f.title.get(lang),
                message: f.message.get(lang),
                file: f.location.as_ref().map(|l| l.file.as_str()),
                line: f.location.as_ref().map(|l| l.line),
                column: f.location.as_ref().map(|l| l.column),
                waived: f.waived,
                fingerprint: &f.fingerprint,
            })
            .collect(),
        findings_capped: r.capped,
        incomplete: r.incomplete,
        rules: r
            .rules
            .iter()
            .map(|s| Rule {
                rule: &s.rule,
                outcome: s.outcome.as_str(),
                waived: s.waived,
                reason: s.reason.as_ref().map(|t| t.get(lang)),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{check_submission, CheckOptions};

    #[test]
    fn streamed_chunks_equal_the_pretty_printed_whole() {
        let standard = crate::standard::load_embedded().unwrap();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
        let opts = CheckOptions::default();
        let reports: Vec<_> = ["zombie-center", "hengyang-county", "shenzhen-nanshan"]
            .iter()
            .map(|e| check_submission(&standard, &root.join(e), &opts))
            .collect();
        let mut expected =
            serde_json::to_string_pretty(&whole(&standard, &reports, Lang::En)).unwrap();
        expected.push('\n');
        let mut streamed = begin(&standard, Lang::En);
        streamed.push_str(&submissions(&reports[..1], Lang::En, true));
        streamed.push_str(&submissions(&reports[1..], Lang::En, false));
        streamed.push_str(&end(true));
        assert_eq!(streamed, expected);
        let empty = format!("{}{}", begin(&standard, Lang::En), end(false));
        let mut expected = serde_json::to_string_pretty(&whole(&standard, &[], Lang::En)).unwrap();
        expected.push('\n');
        assert_eq!(empty, expected);
    }
}
