//! The JSON report: a stable, versioned contract (`schema_version`).

use serde_json::{json, Value};

use crate::engine::SubmissionReport;
use crate::i18n::Lang;
use crate::standard::{Dimension, Standard};

pub const SCHEMA_VERSION: u32 = 1;

pub fn render(standard: &Standard, reports: &[SubmissionReport], lang: Lang) -> String {
    let submissions: Vec<Value> = reports.iter().map(|r| submission(r, lang)).collect();
    let doc = json!({
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "sscheck", "version": env!("CARGO_PKG_VERSION")},
        "standard": {"id": standard.id, "version": standard.version},
        "lang": lang.code(),
        "submissions": submissions,
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("JSON values always serialize");
    s.push('\n');
    s
}

fn submission(r: &SubmissionReport, lang: Lang) -> Value {
    let mut dims = serde_json::Map::new();
    for d in Dimension::ALL {
        dims.insert(
            d.id().into(),
            json!(r.score.dimensions.get(&d).copied().flatten()),
        );
    }
    let findings: Vec<Value> = r
        .findings
        .iter()
        .map(|f| {
            json!({
                "rule": f.rule,
                "kind": f.kind,
                "dimension": f.dimension.map(|d| d.id()),
                "severity": f.severity.as_str(),
                "title": f.title.get(lang),
                "message": f.message.get(lang),
                "file": f.location.as_ref().map(|l| l.file.clone()),
                "line": f.location.as_ref().map(|l| l.line),
                "column": f.location.as_ref().map(|l| l.column),
                "waived": f.waived,
            })
        })
        .collect();
    let rules: Vec<Value> = r
        .rules
        .iter()
        .map(|s| {
            let mut v = json!({"rule": s.rule, "outcome": s.outcome.as_str()});
            if s.waived {
                v["waived"] = json!(true);
            }
            if let Some(reason) = &s.reason {
                v["reason"] = json!(reason.get(lang));
            }
            v
        })
        .collect();
    json!({
        "path": r.path.display().to_string(),
        "center_id": r.center_id,
        "reporting_year": r.reporting_year,
        "score": {
            "overall": r.score.overall,
            "grade": r.score.grade,
            "dimensions": dims,
        },
        "findings": findings,
        "findings_capped": r.capped,
        "rules": rules,
    })
}
