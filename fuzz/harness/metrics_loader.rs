//! The metrics loader: arbitrary bytes as `metrics/2024.yaml` go through decoding, YAML
//! parsing with budgets, schema validation and typing; every finding must point inside
//! the text, and rendering the findings with snippets must not panic.
//!
//! Shared by the fuzz target and by `tests/fuzz_regressions.rs`, which replays the
//! seeds and every saved crash input through it.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use sscheck::engine::SubmissionReport;
use sscheck::i18n::Lang;
use sscheck::standard::Standard;
use sscheck::submission::{check_metrics_text, MetricValue};
use sscheck::text::{decode, ReadOptions};

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
    let text = decoded.text;
    let file = "metrics/2024.yaml";
    let (year, findings) = check_metrics_text(standard(), file, 2024, &text);
    for f in &findings {
        let l = f.location.as_ref().expect("metrics findings are located");
        assert!(
            text.get(l.span.clone()).is_some(),
            "{:?} in {} bytes",
            l,
            text.len()
        );
        assert!(l.line >= 1 && l.column >= 1);
    }
    for (id, (value, loc)) in &year.values {
        assert!(standard().metric(id).is_some());
        if let MetricValue::Number(v) = value {
            assert!(v.is_finite());
        }
        assert!(text.get(loc.span.clone()).is_some());
    }
    let report = SubmissionReport {
        path: PathBuf::from("fuzz"),
        center_id: None,
        reporting_year: Some(2024),
        score: sscheck::score::score(standard(), &[]),
        findings,
        rules: Vec::new(),
        sources: BTreeMap::from([(file.to_string(), text.clone())]),
        capped: false,
        incomplete: false,
        show_fingerprints: true,
        name: None,
        profile: Default::default(),
        gathered: Vec::new(),
        metrics: Vec::new(),
        cross_waivers: Vec::new(),
    };
    let reports = [report];
    let _ = sscheck::report::human::render(standard(), &reports, Lang::Zh, false);
    let _ = sscheck::report::json::render(standard(), &reports, Lang::En);
}
