//! The Markdown document reader: arbitrary bytes as every process document go through
//! decoding, outline and table extraction, then every rule of the baseline (sections,
//! keywords, tables, prose consistency, freshness) and the human renderer.
//!
//! Shared by the fuzz target and by `tests/fuzz_regressions.rs`, which replays the
//! seeds and every saved crash input through it.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use sscheck::engine::SubmissionReport;
use sscheck::i18n::Lang;
use sscheck::standard::Standard;
use sscheck::submission::{check_metrics_text, Document, Submission};
use sscheck::text::{decode, ReadOptions};

const METRICS: &str = include_str!("../../examples/shenzhen-nanshan/metrics/2024.yaml");

fn standard() -> &'static Standard {
    static S: OnceLock<Standard> = OnceLock::new();
    S.get_or_init(|| sscheck::standard::load_embedded().expect("baseline loads"))
}

pub fn run(data: &[u8]) {
    let opts = ReadOptions {
        max_file_bytes: u64::MAX,
        decode_gbk: data.first().is_some_and(|b| b & 1 == 1),
    };
    let Ok(decoded) = decode(data.to_vec(), &opts) else {
        return;
    };
    let file = "docs/fuzz.md";
    let text: Arc<str> = decoded.text;
    let doc = Document::parse(file, text.clone());
    for h in &doc.headings {
        assert!(text.get(h.span.clone()).is_some());
        assert!(text.get(h.body.clone()).is_some());
        let _ = doc.tables_in(h.body.clone()).count();
    }
    for t in &doc.tables {
        assert!(text.get(t.header_span.clone()).is_some());
    }
    let standard = standard();
    let (metrics, _) = check_metrics_text(standard, "metrics/2024.yaml", 2024, METRICS);
    let sub = Submission {
        root: PathBuf::from("fuzz"),
        sources: BTreeMap::from([(file.to_string(), text.clone())]),
        manifest: None,
        metrics: BTreeMap::from([(2024, metrics)]),
        documents: standard
            .documents
            .iter()
            .map(|d| (d.id.clone(), Ok(doc.clone())))
            .collect(),
        waivers: Vec::new(),
        findings: Vec::new(),
    };
    let mut findings = Vec::new();
    for rule in &standard.rules {
        let r = sscheck::checks::run_rule(standard, &sub, rule, 1000);
        for f in &r.findings {
            if let Some(l) = &f.location {
                if l.file == file {
                    assert!(text.get(l.span.clone()).is_some(), "{} {:?}", rule.id, l);
                }
            }
        }
        findings.extend(r.findings);
    }
    let report = SubmissionReport {
        path: PathBuf::from("fuzz"),
        center_id: None,
        reporting_year: Some(2024),
        score: sscheck::score::score(standard, &[]),
        findings,
        rules: Vec::new(),
        sources: sub.sources.clone(),
        capped: false,
        incomplete: false,
        show_fingerprints: true,
        name: None,
        profile: Default::default(),
        gathered: Vec::new(),
        metrics: Vec::new(),
        cross_waivers: Vec::new(),
    };
    let _ = sscheck::report::human::render(standard, &[report], Lang::En, false);
}
