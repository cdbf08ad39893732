//! Recall and precision on a generated corpus (the in-repo generator, `corpus/`): every
//! injected defect of a kind the baseline covers is found, in the defect's own file for
//! file-bound kinds, and defect-free centers have no error finding.

use std::collections::BTreeMap;

use sscheck::engine::{check_submission, CheckOptions};
use sscheck::finding::Severity;
use sscheck_corpus::{generate, Manifest, Options};

/// Check kinds the baseline covers (`input` = a file-level diagnostic). `cohort` and
/// `duplicate` are audit-only kinds.
const COVERED: [&str; 12] = [
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
    "placeholders",
    "input",
];

/// Kinds whose finding must be in the defect's own file.
const FILE_BOUND: [&str; 7] = [
    "input",
    "sections",
    "keywords",
    "table",
    "consistency",
    "freshness",
    "placeholders",
];

fn corpus(dir: &std::path::Path) -> Manifest {
    let opts = Options {
        centers: 240,
        seed: 5,
        defect_rate: 0.6,
        copy_rate: 0.05,
        outlier_rate: 0.05,
        ..Options::default()
    };
    generate(&opts, dir).expect("the corpus generator writes the corpus")
}

#[test]
fn every_injected_defect_is_found_and_clean_centers_stay_clean() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("corpus");
    let manifest = corpus(&root);
    let standard = sscheck::standard::load_embedded().unwrap();
    let opts = CheckOptions {
        today: "2025-03-01".parse().unwrap(),
        ..CheckOptions::default()
    };
    let mut total: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    let (mut clean, mut clean_with_errors) = (0, Vec::new());
    let (mut audit_only, mut clean_warnings) = (0, BTreeMap::<String, usize>::new());
    let mut variant_misses = Vec::new();
    for center in &manifest.centers {
        let id = &center.id;
        let report = check_submission(&standard, &root.join(id), &opts);
        let mut covered_defects = 0;
        for d in &center.defects {
            let expect: Vec<&str> = d
                .expect
                .iter()
                .map(String::as_str)
                .filter(|k| COVERED.contains(k))
                .collect();
            if expect.is_empty() {
                continue;
            }
            covered_defects += 1;
            // A truly missing heading stays an error (not a near-miss warning).
            let must_be_error = d.kind == "missing_heading";
            let found = report.findings.iter().any(|f| {
                expect.contains(&f.kind.as_str())
                    && (!must_be_error || f.severity == Severity::Error)
                    && (!FILE_BOUND.contains(&f.kind.as_str())
                        || f.location.as_ref().is_some_and(|l| l.file == d.file))
            });
            let entry = total.entry(d.kind.clone()).or_default();
            entry.0 += 1;
            if found {
                entry.1 += 1;
            } else {
                let got: Vec<String> = report
                    .findings
                    .iter()
                    .map(|f| {
                        let file = f.location.as_ref().map(|l| l.file.as_str());
                        format!(
                            "{} {} {} {:?}: {}",
                            f.rule,
                            f.kind,
                            f.severity.as_str(),
                            file,
                            f.message.en
                        )
                    })
                    .collect();
                misses.push(format!("{id}: {d:?}\n    findings: {got:?}"));
            }
        }
        // Line ends and byte-order marks are valid: noticed (info), never an error.
        for v in &center.variants {
            let code = match v.variant.as_str() {
                "crlf" => "input/crlf",
                "bom" => "input/bom",
                _ => continue,
            };
            let noticed = report.findings.iter().any(|f| {
                f.rule == code
                    && f.severity == Severity::Info
                    && f.location.as_ref().is_some_and(|l| l.file == v.file)
            });
            if !noticed {
                variant_misses.push(format!("{id}: {code} in {}", v.file));
            }
        }
        if covered_defects > 0 || center.variants.iter().any(|v| v.rejected) {
            continue;
        }
        // No defect the baseline checks: copies and cohort outliers are audit-only.
        clean += 1;
        if !center.defects.is_empty() {
            audit_only += 1;
        }
        let errors: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| format!("{} {}", f.rule, f.message.zh))
            .collect();
        if !errors.is_empty() {
            clean_with_errors.push(format!("{id}: {errors:?}"));
        }
        for f in report
            .findings
            .iter()
            .filter(|f| f.severity != Severity::Info)
        {
            *clean_warnings.entry(f.rule.clone()).or_default() += 1;
        }
    }
    let (n, found) = total.values().fold((0, 0), |a, v| (a.0 + v.0, a.1 + v.1));
    eprintln!(
        "recall {found}/{n} by kind {total:?}\nclean centers {clean} (of which {audit_only} with audit-only defects), \
         with errors {}; warnings on clean centers {clean_warnings:?}",
        clean_with_errors.len()
    );
    assert!(n > 100, "the corpus must exercise many defects");
    assert!(total.len() >= 22, "most defect kinds must occur: {total:?}");
    assert!(misses.is_empty(), "missed defects:\n{}", misses.join("\n"));
    assert!(clean > 60);
    assert!(
        clean_with_errors.is_empty(),
        "clean centers with errors:\n{}",
        clean_with_errors.join("\n")
    );
    assert!(
        variant_misses.is_empty(),
        "valid variants not noticed:\n{}",
        variant_misses.join("\n")
    );
}

/// The generator mirrors the baseline's catalogues; if the standard changes, this says
/// where the generator must follow.
#[test]
fn the_generator_follows_the_baseline_catalogues() {
    let tmp = tempfile::tempdir().unwrap();
    let m = generate(
        &Options {
            centers: 1,
            ..Options::default()
        },
        &tmp.path().join("one"),
    )
    .unwrap();
    let standard = sscheck::standard::load_embedded().unwrap();
    let ids: Vec<&str> = standard.metrics.iter().map(|d| d.id.as_str()).collect();
    let generated: Vec<&str> = m
        .metric_catalogue
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(generated, ids, "metric catalogue");
    let docs = m.doc_catalogue.as_object().unwrap();
    assert_eq!(docs.len(), standard.documents.len());
    for def in &standard.documents {
        let sections = docs[&def.id]["sections"].as_array().unwrap();
        let gen: Vec<(String, Vec<String>, bool)> = sections
            .iter()
            .map(|s| {
                (
                    s["heading"].as_str().unwrap().to_string(),
                    serde_json::from_value(s["aliases"].clone()).unwrap(),
                    s["required"].as_bool().unwrap(),
                )
            })
            .collect();
        let std: Vec<(String, Vec<String>, bool)> = def
            .headings
            .iter()
            .map(|h| (h.name.zh.clone(), h.aliases.clone(), h.required))
            .collect();
        assert_eq!(gen, std, "headings of {}", def.id);
    }
}
