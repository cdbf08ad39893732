//! `--format concise`: one line per finding, `path:line:col: RULE [severity] message`,
//! the form editors and `grep` read; unless quiet, one summary line per submission.

use super::human::{fmt_score, grade_text, Counts};
use super::{display_path, headline, one_line, Options};
use crate::engine::SubmissionReport;
use crate::finding::Finding;
use crate::i18n::Lang;
use crate::standard::Standard;
use crate::t;

pub fn submissions(standard: &Standard, reports: &[SubmissionReport], opts: &Options) -> String {
    let lang = opts.lang;
    let mut out = String::new();
    for r in reports {
        for f in &r.findings {
            out.push_str(&line(r, f, lang));
            out.push('\n');
        }
        if !opts.quiet {
            out.push_str(&summary(standard, r, lang));
            out.push('\n');
        }
    }
    out
}

/// One finding on one line. Findings without a place in a file start with the
/// submission's path.
pub fn line(r: &SubmissionReport, f: &Finding, lang: Lang) -> String {
    let place = match &f.location {
        Some(loc) => format!("{}:{}:{}", display_path(r, &loc.file), loc.line, loc.column),
        None => r.path.display().to_string(),
    };
    let severity = f.severity.name();
    let tag = match (f.waived, lang) {
        (false, _) => severity.get(lang).to_string(),
        (true, Lang::Zh) => format!("{}，已豁免", severity.get(lang)),
        (true, Lang::En) => format!("{}, waived", severity.get(lang)),
    };
    format!(
        "{place}: {} [{tag}] {}",
        f.rule,
        one_line(&headline(f, lang))
    )
}

/// `== path [ID]: 5 errors, …; overall 73.2, grade C (Pass)`, plus `incomplete` when so.
fn summary(standard: &Standard, r: &SubmissionReport, lang: Lang) -> String {
    let line = t!(
        "== {path} [{id}]：{counts}；总分 {overall}，等级 {grade}",
        "== {path} [{id}]: {counts}; overall {overall}, grade {grade}",
        path = r.path.display(),
        id = r.center_id.as_deref().unwrap_or("?"),
        counts = Counts::of(r).text(),
        overall = fmt_score(r.score.overall),
        grade = grade_text(standard, r, lang)
    );
    let mut s = line.get(lang).to_string();
    if r.incomplete {
        s.push_str(t!("；结论不完整", "; incomplete").get(lang));
    }
    s
}
