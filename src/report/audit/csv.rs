//! `csv`: one row per center, for a spreadsheet.
//!
//! The header is a row of stable English keys whatever `--lang` (`path`, `center_id`,
//! `name`, ...): scripts and pivot tables refer to columns by these names, so they do not
//! change with the language of the run. Numbers are plain (`87.7`), booleans are `true`
//! or `false`, an unknown value is an empty cell, `exit_risk` and `capped_by` are rule ids
//! joined by `;`.
//!
//! Submission text is untrusted: a text cell that would start with `=`, `+`, `-`, `@`, a
//! tab or a carriage return (or their full-width forms) is prefixed with `'`, so that a
//! spreadsheet shows it as text instead of running it as a formula (OWASP CSV
//! injection); control characters other than tab and line breaks are replaced by U+FFFD.
//! The file starts with a UTF-8 byte order mark, so that Excel and WPS read Chinese
//! correctly.

use std::io::{self, Write};

use crate::audit::{Audit, Center};
use crate::finding::Dimension;
use crate::standard::Standard;

/// The columns, in order.
pub const HEADER: [&str; 25] = [
    "path",
    "center_id",
    "name",
    "province",
    "region",
    "level",
    "operation_model",
    "reporting_year",
    "basic",
    "provision",
    "support",
    "evaluation",
    "overall",
    "grade",
    "capped_by",
    "errors",
    "warnings",
    "infos",
    "waived",
    "baselined",
    "findings",
    "incomplete",
    "passed",
    "exit_risk",
    "exit_risk_count",
];

pub fn write(_standard: &Standard, audit: &Audit, out: &mut dyn Write) -> io::Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    let mut w = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    w.write_record(HEADER).map_err(io::Error::other)?;
    for c in audit.centers() {
        w.write_record(row(&c?)).map_err(io::Error::other)?;
    }
    w.flush()
}

fn row(c: &Center) -> Vec<String> {
    let text = |s: Option<&str>| s.map(neutralise).unwrap_or_default();
    let number = |n: Option<f64>| n.map(|n| n.to_string()).unwrap_or_default();
    let dims = Dimension::ALL.map(|d| number(c.score.dimensions.get(d)));
    let mut exit_ids: Vec<&str> = c.exit_risk.iter().map(|e| e.rule.as_str()).collect();
    exit_ids.dedup();
    let p = &c.profile;
    let mut row = vec![
        neutralise(&c.path),
        text(c.center_id.as_deref()),
        text(c.name.as_deref()),
        text(p.province.as_deref()),
        text(p.region.as_deref()),
        text(p.level.as_deref()),
        text(p.operation_model.as_deref()),
        c.reporting_year.map(|y| y.to_string()).unwrap_or_default(),
    ];
    row.extend(dims);
    row.extend([
        number(c.score.overall),
        text(c.score.grade.as_deref()),
        neutralise(&c.score.capped_by.join(";")),
        c.counts.error.to_string(),
        c.counts.warning.to_string(),
        c.counts.info.to_string(),
        c.counts.waived.to_string(),
        c.counts.baselined.to_string(),
        c.findings.len().to_string(),
        c.incomplete.to_string(),
        c.passed.to_string(),
        neutralise(&exit_ids.join(";")),
        exit_ids.len().to_string(),
    ]);
    row
}

/// A text cell a spreadsheet will not read as a formula; control characters other
/// than tab, CR and LF replaced by U+FFFD.
pub fn neutralise(s: &str) -> String {
    let clean: String = s
        .chars()
        .map(|ch| match ch {
            '\t' | '\n' | '\r' => ch,
            c if c.is_control() => '\u{fffd}',
            c => c,
        })
        .collect();
    match clean.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '＝' | '＋' | '－' | '＠') => {
            format!("'{clean}")
        }
        _ => clean,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        for cell in [
            "=1+2",
            "+1",
            "-1",
            "@SUM(A1)",
            "\t=1",
            "\r=1",
            "＝HYPERLINK(\"x\")",
        ] {
            assert!(neutralise(cell).starts_with('\''), "{cell:?}");
        }
        assert_eq!(neutralise("湖南"), "湖南");
        assert_eq!(neutralise("a=1"), "a=1");
        assert_eq!(neutralise(""), "");
        assert_eq!(neutralise("a\u{1}b\nc"), "a\u{fffd}b\nc");
        // A leading control character is replaced first, so it cannot hide a formula
        // from the check but neither does it start one.
        assert_eq!(neutralise("\u{0}=1"), "\u{fffd}=1");
    }

    #[test]
    fn header_has_one_key_per_cell() {
        let c = Center {
            path: "root/a".into(),
            center_id: None,
            name: None,
            profile: Default::default(),
            reporting_year: None,
            score: crate::audit::record::Score {
                overall: None,
                grade: None,
                dimensions: Default::default(),
                capped_by: vec![],
            },
            findings: vec![],
            findings_capped: false,
            incomplete: true,
            rules: vec![],
            counts: Default::default(),
            passed: true,
            exit_risk: vec![],
            gathered: vec![],
            waivers: vec![],
            metrics: vec![],
        };
        assert_eq!(row(&c).len(), HEADER.len());
    }
}
