//! Recall and precision on a generated corpus: every injected defect of a kind the
//! baseline covers is found, and defect-free centers have no error findings.

mod common;

use std::collections::BTreeMap;
use std::process::Command;

use sscheck::engine::{check_submission, CheckOptions};
use sscheck::finding::Severity;

/// Check kinds the baseline covers (`input` = a file-level diagnostic). `cohort` and
/// `duplicate` are audit-only kinds.
const COVERED: [&str; 11] = [
    "field",
    "metric",
    "expr",
    "trend",
    "document",
    "sections",
    "keywords",
    "table",
    "consistency",
    "freshness",
    "input",
];

/// Kinds whose finding must be in the defect's own file.
const FILE_BOUND: [&str; 5] = ["input", "sections", "table", "consistency", "freshness"];

fn generate(dir: &std::path::Path, centers: u32, seed: u32, rate: &str) {
    let script = common::repo().join("../shared/corpus/gen_corpus.py");
    let status = Command::new("python3")
        .arg(&script)
        .arg(dir)
        .args([
            "--centers",
            &centers.to_string(),
            "--seed",
            &seed.to_string(),
            "--defect-rate",
            rate,
            "--force",
        ])
        .stdout(std::process::Stdio::null())
        .status()
        .expect("python3 runs the corpus generator (../shared/corpus/gen_corpus.py)");
    assert!(status.success());
}

#[test]
fn every_injected_defect_is_found_and_clean_centers_stay_clean() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("corpus");
    generate(&root, 160, 5, "0.6");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("manifest.json")).unwrap())
            .unwrap();
    let standard = sscheck::standard::load_embedded().unwrap();
    let opts = CheckOptions {
        today: "2025-03-01".parse().unwrap(),
        ..CheckOptions::default()
    };
    let mut total: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    let (mut clean, mut clean_with_errors) = (0, Vec::new());
    for center in manifest["centers"].as_array().unwrap() {
        let id = center["id"].as_str().unwrap();
        let report = check_submission(&standard, &root.join(id), &opts);
        let defects = center["defects"].as_array().unwrap();
        for d in defects {
            let expect: Vec<&str> = d["expect"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|k| k.as_str())
                .filter(|k| COVERED.contains(k))
                .collect();
            if expect.is_empty() {
                continue;
            }
            let file = d["file"].as_str().unwrap_or_default();
            let found = report.findings.iter().any(|f| {
                expect.contains(&f.kind.as_str())
                    && (!FILE_BOUND.contains(&f.kind.as_str())
                        || f.location.as_ref().is_some_and(|l| l.file == file))
            });
            let entry = total
                .entry(d["kind"].as_str().unwrap().to_string())
                .or_default();
            entry.0 += 1;
            if found {
                entry.1 += 1;
            } else {
                misses.push(format!("{id}: {d}"));
            }
        }
        if defects.is_empty() {
            clean += 1;
            let errors: Vec<_> = report
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .map(|f| f.rule.clone())
                .collect();
            if !errors.is_empty() {
                clean_with_errors.push(format!("{id}: {errors:?}"));
            }
        }
    }
    let (n, found) = total.values().fold((0, 0), |a, v| (a.0 + v.0, a.1 + v.1));
    eprintln!(
        "recall {found}/{n} by kind {total:?}; clean centers {clean}, with errors {}",
        clean_with_errors.len()
    );
    assert!(n > 50, "the corpus must exercise many defects");
    assert!(total.len() >= 15, "most defect kinds must occur: {total:?}");
    assert!(misses.is_empty(), "missed defects:\n{}", misses.join("\n"));
    assert!(clean > 30);
    assert!(
        clean_with_errors.is_empty(),
        "clean centers with errors:\n{}",
        clean_with_errors.join("\n")
    );
}
