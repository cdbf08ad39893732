//! Cross-center `cohort` rules, relative grading and exit risk under `sscheck audit`:
//! hand-made cohorts with exact expected ranks, and a generated corpus whose manifest
//! names the cohort outliers.

mod common;

use std::path::{Path, PathBuf};

use common::{copy_dir, example, sscheck};
use serde_json::Value;

/// A submission copied from the Shenzhen example under `root/name`, with its id, province,
/// level and enterprises_served of each given year changed (`None`: the line removed).
fn center(root: &Path, name: &str, province: &str, level: &str, values: &[(i32, Option<f64>)]) {
    center_with(root, name, province, level, "enterprises_served", values);
}

/// As [`center`], changing `metric`.
fn center_with(
    root: &Path,
    name: &str,
    province: &str,
    level: &str,
    metric: &str,
    values: &[(i32, Option<f64>)],
) {
    let dir = root.join(name);
    copy_dir(&example("shenzhen-nanshan"), &dir);
    let yaml = dir.join("center.yaml");
    let text = std::fs::read_to_string(&yaml)
        .unwrap()
        .replace("GD-SZ-0012", name)
        .replace("province: 广东", &format!("province: {province}"))
        .replace("level: national", &format!("level: {level}"));
    std::fs::write(&yaml, text).unwrap();
    for (year, v) in values {
        let file = dir.join(format!("metrics/{year}.yaml"));
        let text = std::fs::read_to_string(&file).unwrap();
        let out: Vec<String> = text
            .lines()
            .filter_map(|l| {
                if l.starts_with(&format!("{metric}:")) {
                    v.map(|v| format!("{metric}: {v}"))
                } else {
                    Some(l.to_string())
                }
            })
            .collect();
        std::fs::write(&file, out.join("\n") + "\n").unwrap();
    }
}

/// The same value in 2022–2024.
fn three(v: f64) -> Vec<(i32, Option<f64>)> {
    (2022..=2024).map(|y| (y, Some(v))).collect()
}

/// A standard extending the embedded baseline with `rules` (YAML list items).
fn standard(dir: &Path, extra_head: &str, rules: impl AsRef<str>) -> PathBuf {
    let rules = rules.as_ref();
    let s = dir.join("std");
    std::fs::create_dir_all(s.join("rules")).unwrap();
    std::fs::write(
        s.join("standard.yaml"),
        format!(
            "id: test-cohort\nversion: \"1\"\ntitle: {{zh: 测试, en: test}}\nextends: [national-baseline]\n{extra_head}"
        ),
    )
    .unwrap();
    std::fs::write(s.join("rules/t.yaml"), format!("rules:\n{rules}")).unwrap();
    s
}

fn rule(id: &str, check: &str) -> String {
    format!(
        "  - id: {id}\n    dimension: evaluation\n    severity: warning\n    title: {{zh: 测试, en: test}}\n    rationale: {{zh: 测试, en: test}}\n    help: {{zh: 测试, en: test}}\n    source: 项目默认值 / project default\n    check: {check}\n"
    )
}

fn audit(root: &Path, standard: Option<&Path>) -> Value {
    let mut cmd = sscheck();
    cmd.arg("audit").arg(root);
    if let Some(s) = standard {
        cmd.arg("--standard").arg(s);
    }
    cmd.args([
        "--format",
        "json",
        "--lang",
        "en",
        "--fail-on",
        "never",
        "--today",
        "2025-03-01",
        "--no-progress",
    ]);
    let out = cmd.output().unwrap();
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn sub<'a>(json: &'a Value, id: &str) -> &'a Value {
    json["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["center_id"] == id)
        .unwrap_or_else(|| panic!("no submission {id}"))
}

fn state<'a>(json: &'a Value, id: &str, rule: &str) -> &'a Value {
    sub(json, id)["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rule"] == rule)
        .unwrap()
}

fn messages(json: &Value, id: &str, rule: &str) -> Vec<String> {
    sub(json, id)["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == rule)
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect()
}

fn failing(json: &Value, rule: &str) -> Vec<String> {
    let mut out: Vec<String> = common::submissions_where(json, rule, "fail")
        .iter()
        .map(|s| s["center_id"].as_str().unwrap().to_string())
        .collect();
    out.sort();
    out
}

#[test]
fn bottom_ten_percent_of_twenty_is_the_last_two_with_exact_ranks() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("subs");
    for i in 1..=20 {
        center(
            &root,
            &format!("C-{i:02}"),
            "广东",
            "national",
            &[(2024, Some(1000.0 + 10.0 * i as f64))],
        );
    }
    let s = standard(
        tmp.path(),
        "",
        rule(
            "T-001",
            "{kind: cohort, metric: enterprises_served, bottom_percent: 10}",
        ),
    );
    let json = audit(&root, Some(&s));
    assert_eq!(failing(&json, "T-001"), vec!["C-01", "C-02"]);
    let m = messages(&json, "C-01", "T-001");
    assert_eq!(m.len(), 1);
    assert!(m[0].contains("ranked 20 of 20"), "{}", m[0]);
    assert!(m[0].contains("1010"), "{}", m[0]);
    assert!(m[0].contains("east, national"), "{}", m[0]);
    assert!(messages(&json, "C-02", "T-001")[0].contains("ranked 19 of 20"));
    let f = sub(&json, "C-01")["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "T-001")
        .unwrap();
    assert_eq!(f["file"], "metrics/2024.yaml");
    assert!(f["line"].as_u64().unwrap() >= 1);
    assert_eq!(state(&json, "C-03", "T-001")["outcome"], "pass");
    // Under `check` a cohort rule does not apply.
    let (_, one) = common::check_json(&[
        root.join("C-01").to_str().unwrap(),
        "--standard",
        s.to_str().unwrap(),
    ]);
    assert_eq!(common::outcome(&one, "T-001"), "not-applicable");
}

#[test]
fn a_tie_straddling_the_cut_is_not_flagged_and_a_tie_within_it_is() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("subs");
    // Ten centers, one slot in the bottom 10%: the two last tie.
    for i in 1..=10 {
        let v = if i <= 2 { 500.0 } else { 1000.0 + i as f64 };
        center(
            &root,
            &format!("T-{i:02}"),
            "广东",
            "national",
            &[(2024, Some(v))],
        );
    }
    let s = standard(
        tmp.path(),
        "",
        rule(
            "T-001",
            "{kind: cohort, metric: enterprises_served, bottom_percent: 10}",
        ) + &rule(
            "T-002",
            "{kind: cohort, metric: enterprises_served, bottom_percent: 20}",
        ),
    );
    let json = audit(&root, Some(&s));
    assert!(failing(&json, "T-001").is_empty());
    assert_eq!(failing(&json, "T-002"), vec!["T-01", "T-02"]);
}

#[test]
fn years_running_each_year_ranked_on_its_own_metrics() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("subs");
    for i in 3..=12 {
        center(
            &root,
            &format!("Y-{i:02}"),
            "广东",
            "national",
            &three(1000.0 + 10.0 * i as f64),
        );
    }
    // Last all three years.
    center(&root, "Y-01", "广东", "national", &three(100.0));
    // Last in 2023 and 2024 only; in 2022 it was the best.
    center(
        &root,
        "Y-02",
        "广东",
        "national",
        &[(2022, Some(5000.0)), (2023, Some(90.0)), (2024, Some(90.0))],
    );
    let s = standard(
        tmp.path(),
        "",
        rule(
            "T-003",
            "{kind: cohort, metric: enterprises_served, bottom_percent: 20, years: 3}",
        ) + &rule(
            "T-002",
            "{kind: cohort, metric: enterprises_served, bottom_percent: 20, years: 2}",
        ),
    );
    let json = audit(&root, Some(&s));
    assert_eq!(failing(&json, "T-003"), vec!["Y-01"]);
    assert_eq!(failing(&json, "T-002"), vec!["Y-01", "Y-02"]);
    let m = &messages(&json, "Y-01", "T-003")[0];
    assert!(m.contains("3 years running"), "{m}");
    assert!(
        m.contains("2022: 100, ranked 11 of 12") || m.contains("2022: 100, ranked 12 of 12"),
        "{m}"
    );
    assert!(m.contains("2024: 100, ranked 11 of 12"), "{m}");
}

#[test]
fn cohorts_are_region_by_level_never_one_national_pool() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("subs");
    // East national centers all serve more than any west national one; the west's
    // lowest is flagged within the west, the east's lowest within the east.
    for i in 1..=10 {
        center(
            &root,
            &format!("E-{i:02}"),
            "广东",
            "national",
            &[(2024, Some(5000.0 + 100.0 * i as f64))],
        );
        center(
            &root,
            &format!("W-{i:02}"),
            "四川",
            "national",
            &[(2024, Some(700.0 + 10.0 * i as f64))],
        );
    }
    // Another level in the east: a cohort of its own, too small to rank.
    center(&root, "M-01", "广东", "municipal", &[(2024, Some(10.0))]);
    let s = standard(
        tmp.path(),
        "",
        rule(
            "T-001",
            "{kind: cohort, metric: enterprises_served, bottom_percent: 10}",
        ) + &rule(
            "T-002",
            "{kind: cohort, metric: enterprises_served, by: [level], bottom_percent: 10}",
        ),
    );
    let json = audit(&root, Some(&s));
    assert_eq!(failing(&json, "T-001"), vec!["E-01", "W-01"]);
    assert!(messages(&json, "W-01", "T-001")[0].contains("(west, national)"));
    // By level alone, the 20 national centers are one cohort: the two west lowest.
    assert_eq!(failing(&json, "T-002"), vec!["W-01", "W-02"]);
    let small = state(&json, "M-01", "T-001");
    assert_eq!(small["outcome"], "not-applicable");
    let reason = small["reason"].as_str().unwrap();
    assert!(
        reason.contains("only 1 comparable") && reason.contains("fewer than 8"),
        "{reason}"
    );
}

#[test]
fn a_missing_metric_is_not_ranked_and_not_counted() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("subs");
    for i in 1..=9 {
        center(
            &root,
            &format!("G-{i:02}"),
            "广东",
            "national",
            &[(2024, Some(1000.0 + i as f64))],
        );
    }
    center(&root, "G-00", "广东", "national", &[(2024, None)]);
    let s = standard(
        tmp.path(),
        "",
        rule(
            "T-001",
            "{kind: cohort, metric: enterprises_served, bottom_percent: 15, min_cohort: 9}",
        ) + &rule(
            "T-002",
            "{kind: cohort, metric: enterprises_served, bottom_percent: 15, min_cohort: 10}",
        ),
    );
    let json = audit(&root, Some(&s));
    let missing = state(&json, "G-00", "T-001");
    assert_eq!(missing["outcome"], "not-applicable");
    assert!(missing["reason"]
        .as_str()
        .unwrap()
        .contains("Enterprises served of 2024 is missing"));
    // Nine ranked: 15% of 9 is one center, G-01, ranked 9 of 9.
    assert_eq!(failing(&json, "T-001"), vec!["G-01"]);
    assert!(messages(&json, "G-01", "T-001")[0].contains("ranked 9 of 9"));
    // Nine is fewer than ten: nobody is ranked.
    assert!(failing(&json, "T-002").is_empty());
    assert_eq!(state(&json, "G-01", "T-002")["outcome"], "not-applicable");
}

#[test]
fn composite_index_and_median_gap() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("subs");
    // Every other metric is the same for all: the index follows enterprises_served.
    for i in 1..=10 {
        center(
            &root,
            &format!("X-{i:02}"),
            "广东",
            "national",
            &three(1000.0 + 10.0 * i as f64),
        );
    }
    center(&root, "X-00", "广东", "national", &three(300.0));
    let s = standard(
        tmp.path(),
        "",
        rule("T-001", "{kind: cohort, index: [enterprises_served, services_delivered], bottom_percent: 10, years: 2}")
            + &rule("T-002", "{kind: cohort, metric: enterprises_served, below_median: 0.4, years: 3}")
            + &rule("T-003", "{kind: cohort, metric: enterprises_served, below_median: 0.2}"),
    );
    let json = audit(&root, Some(&s));
    assert_eq!(failing(&json, "T-001"), vec!["X-00"]);
    let m = &messages(&json, "X-00", "T-001")[0];
    // Percentiles: enterprises 0, services 50 (all tied): index 25.
    assert!(
        m.contains("composite index") && m.contains("2024: 25, ranked 11 of 11"),
        "{m}"
    );
    assert_eq!(failing(&json, "T-002"), vec!["X-00"]);
    assert!(messages(&json, "X-00", "T-002")[0].contains("median 1050"));
    // 300 is not below a fifth of the median.
    assert!(failing(&json, "T-003").is_empty());
}

#[test]
fn an_expression_is_ranked_year_by_year_and_a_year_it_cannot_compute_is_not_ranked() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("subs");
    // The share of income not from the state: 1 - fiscal / total (total 2860 everywhere).
    let fiscal =
        |f: f64| -> Vec<(i32, Option<f64>)> { (2022..=2024).map(|y| (y, Some(f))).collect() };
    for i in 1..=10 {
        center_with(
            &root,
            &format!("E-{i:02}"),
            "广东",
            "national",
            "revenue_fiscal",
            &fiscal(1000.0 + 10.0 * i as f64),
        );
    }
    // Almost all income from the state, three years running.
    center_with(
        &root,
        "E-00",
        "广东",
        "national",
        "revenue_fiscal",
        &fiscal(2800.0),
    );
    // As bad, but its 2023 total is zero: that year cannot be computed.
    center_with(
        &root,
        "E-99",
        "广东",
        "national",
        "revenue_fiscal",
        &fiscal(2790.0),
    );
    let y2023 = root.join("E-99/metrics/2023.yaml");
    let text = std::fs::read_to_string(&y2023).unwrap();
    let total = text
        .lines()
        .find(|l| l.starts_with("revenue_total:"))
        .unwrap()
        .to_string();
    std::fs::write(&y2023, text.replace(&total, "revenue_total: 0")).unwrap();
    let s = standard(
        tmp.path(),
        "",
        rule("T-001", "{kind: cohort, expr: \"1 - revenue_fiscal / revenue_total\", bottom_percent: 10, years: 3}")
            + &rule("T-002", "{kind: cohort, expr: \"1 - revenue_fiscal / revenue_total\", bottom_percent: 20}"),
    );
    let json = audit(&root, Some(&s));
    assert_eq!(failing(&json, "T-001"), vec!["E-00"]);
    let m = &messages(&json, "E-00", "T-001")[0];
    assert!(
        m.contains("`1 - revenue_fiscal / revenue_total`")
            && m.contains("3 years running")
            && m.contains("2024: 0.021, ranked 12 of 12"),
        "{m}"
    );
    // Located at the first metric the expression reads.
    let f = sub(&json, "E-00")["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "T-001")
        .unwrap()
        .clone();
    assert_eq!(f["file"], "metrics/2024.yaml", "{f}");
    assert!(f["line"].as_u64().unwrap() > 1, "{f}");
    // E-99: 2023 divides by zero, so three years running cannot be judged; 2024 alone can.
    let st = state(&json, "E-99", "T-001");
    assert_eq!(st["outcome"], "not-applicable", "{st}");
    assert!(
        st["reason"]
            .as_str()
            .unwrap()
            .contains("cannot be computed for 2023"),
        "{st}"
    );
    assert_eq!(failing(&json, "T-002"), vec!["E-00", "E-99"]);
}

#[test]
fn relative_grading_by_percentile_with_caps_and_two_consecutive_c() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("subs");
    // services_delivered: no document states it, so no other rule minds the change.
    for i in 1..=10 {
        center_with(
            &root,
            &format!("R-{i:02}"),
            "广东",
            "national",
            "services_delivered",
            &three(3000.0 + 10.0 * i as f64),
        );
    }
    let s = common::repo().join("standards/jiangsu-relative");
    let json = audit(&root, Some(&s));
    // The index (services_delivered and four metrics tied for all): percentiles 0, 11.1,
    // ... 100 of services give index = (p + 4 × 50) / 5, ranked the same way: R-10 at
    // 100, R-09 at 88.9 → A (≥ 80); R-04 at 33.3 → B (≥ 30); R-03 at 22.2 → C.
    let grade = |id: &str| {
        sub(&json, id)["score"]["grade"]
            .as_str()
            .map(str::to_string)
    };
    let capped = |id: &str| {
        !sub(&json, id)["score"]["capped_by"]
            .as_array()
            .unwrap()
            .is_empty()
    };
    for id in ["R-10", "R-09"] {
        // The best grade a center with an unwaived error may get is B (grading.errors).
        let expected = if capped(id) { "B" } else { "A" };
        assert_eq!(grade(id).as_deref(), Some(expected), "{id}");
    }
    assert_eq!(grade("R-04").as_deref(), Some("B"));
    for id in ["R-01", "R-02", "R-03"] {
        assert_eq!(grade(id).as_deref(), Some("C"), "{id}");
    }
    // C in 2023 and 2024: the rule errs and puts the center on the exit-risk list.
    assert_eq!(failing(&json, "JSR-001"), vec!["R-01", "R-02", "R-03"]);
    let m = &messages(&json, "R-01", "JSR-001")[0];
    assert!(
        m.contains("relative grade C or worse 2 years running"),
        "{m}"
    );
    assert!(
        m.contains("2023: ranked 10 of 10 (percentile 0) → C"),
        "{m}"
    );
    let risk = sub(&json, "R-01")["exit_risk"].as_array().unwrap();
    let e = risk
        .iter()
        .find(|e| e["rule"] == "JSR-001")
        .expect("exit risk");
    assert!(e["message"].as_str().unwrap().contains("ranked 10 of 10"));
    assert_eq!(e["file"], "metrics/2024.yaml");
    // Under `check` the score's grade stands (the example scores above C).
    let (_, one) = common::check_json(&[
        root.join("R-01").to_str().unwrap(),
        "--standard",
        s.to_str().unwrap(),
    ]);
    assert_ne!(one["submissions"][0]["score"]["grade"], "C");
}

#[test]
fn wrong_combinations_are_located_load_errors() {
    let cases = [
        (
            "{kind: cohort, metric: enterprises_served, index: [staff_total], bottom_percent: 10}",
            "exactly one of",
        ),
        (
            "{kind: cohort, metric: enterprises_served}",
            "needs `bottom_percent` or `below_median`",
        ),
        (
            "{kind: cohort, metric: enterprises_served, bottom_percent: 100}",
            "below 100",
        ),
        (
            "{kind: cohort, metric: enterprises_served, bottom_percent: 10, years: 6}",
            "from 1 to 5",
        ),
        (
            "{kind: cohort, metric: enterprises_served, bottom_percent: 10, by: [city]}",
            "unknown cohort attribute `city`",
        ),
        (
            "{kind: cohort, index: [enterprises_served, nope], bottom_percent: 10}",
            "unknown metric `nope`",
        ),
        (
            "{kind: cohort, score: true, bottom_percent: 10, years: 2}",
            "`years` must be 1",
        ),
        ("{kind: cohort, grade: C, years: 2}", "grading.relative"),
        (
            "{kind: cohort, metric: enterprises_served, below_median: 1.5}",
            "at most 1",
        ),
        (
            "{kind: cohort, expr: \"revenue_fiscal / revenue_total <= 0.6\", bottom_percent: 10}",
            "must be a number expression",
        ),
        (
            "{kind: cohort, expr: \"revenue_fiscal / nope\", bottom_percent: 10}",
            "nope",
        ),
        (
            "{kind: cohort, expr: \"1 - revenue_fiscal / revenue_total\", metric: staff_total, bottom_percent: 10}",
            "exactly one of",
        ),
    ];
    for (check, expected) in cases {
        let tmp = tempfile::tempdir().unwrap();
        let s = standard(tmp.path(), "", rule("T-001", check));
        let out = sscheck()
            .args(["standard", "validate", "--lang", "en"])
            .arg(&s)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).to_string()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{check} loaded");
        assert!(text.contains(expected), "{check}: {text}");
        assert!(
            text.contains("rules/t.yaml:"),
            "{check}: not located: {text}"
        );
    }
    // Relative grading itself: grades of the scale, a lowest grade at 0.
    for (head, expected) in [
        ("grading:\n  relative: {index: [enterprises_served], grades: [{grade: A, min_percentile: 50}, {grade: E, min_percentile: 0}]}\n", "unknown grade `E`"),
        ("grading:\n  relative: {index: [enterprises_served], grades: [{grade: A, min_percentile: 50}]}\n", "min_percentile: 0"),
        ("grading:\n  relative: {index: [nope], grades: [{grade: A, min_percentile: 0}]}\n", "unknown metric `nope`"),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let s = standard(tmp.path(), head, rule("T-001", "{kind: cohort, metric: enterprises_served, bottom_percent: 10}"));
        let out = sscheck()
            .args(["standard", "validate", "--lang", "en"])
            .arg(&s)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{head} loaded");
        assert!(text.contains(expected), "{head}: {text}");
    }
}

/// The generated corpus: the manifest's cohort outliers (enterprises served just above the
/// floor, far below every peer, three years running) against the baseline's EVA-017.
#[test]
fn generated_cohort_outliers_are_found_and_clean_centers_are_not_flagged() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("corpus");
    let opts = sscheck_corpus::Options {
        centers: 200,
        seed: 3,
        outlier_rate: 0.08,
        ..sscheck_corpus::Options::default()
    };
    let manifest = sscheck_corpus::generate(&opts, &root).unwrap();
    let json = audit(&root, None);
    let outliers: Vec<&str> = manifest
        .cohort_outliers
        .iter()
        .map(|o| o[0].as_str())
        .collect();
    assert!(
        outliers.len() >= 5,
        "too few outliers to measure: {outliers:?}"
    );
    let defective: Vec<&str> = manifest
        .centers
        .iter()
        .filter(|c| !c.defects.is_empty())
        .map(|c| c.id.as_str())
        .collect();
    let flagged = failing(&json, "EVA-017");
    // Precision: a flagged center is an outlier or has another defect; never a clean one.
    for id in &flagged {
        assert!(
            defective.contains(&id.as_str()),
            "clean center {id} flagged by EVA-017"
        );
    }
    // Recall: most outliers whose cohort is large enough to rank are found (the others
    // sit within 40% of their cohort's median, where clean centers are too).
    let rankable: Vec<&&str> = outliers
        .iter()
        .filter(|id| state(&json, id, "EVA-017")["outcome"] != "not-applicable")
        .collect();
    let found = rankable
        .iter()
        .filter(|id| flagged.contains(&id.to_string()))
        .count();
    assert!(
        found * 2 >= rankable.len(),
        "found {found} of {} rankable outliers",
        rankable.len()
    );
    for id in &flagged {
        let m = &messages(&json, id, "EVA-017")[0];
        assert!(m.contains("3 years running") && m.contains("median"), "{m}");
    }
    // Every exit-risk entry names its rule and carries the finding's message.
    for s in json["submissions"].as_array().unwrap() {
        for e in s["exit_risk"].as_array().unwrap() {
            assert!(!e["message"].as_str().unwrap().is_empty(), "{e}");
        }
    }
}

#[test]
fn the_overall_score_ranks_the_reporting_year() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("subs");
    for i in 1..=9 {
        center(&root, &format!("S-{i:02}"), "广东", "national", &[]);
    }
    // Response time over the limit: one failed rule, a lower score.
    center_with(
        &root,
        "S-00",
        "广东",
        "national",
        "avg_response_days",
        &[(2024, Some(9.0))],
    );
    let s = standard(
        tmp.path(),
        "",
        rule("T-001", "{kind: cohort, score: true, bottom_percent: 10}"),
    );
    let json = audit(&root, Some(&s));
    assert_eq!(failing(&json, "T-001"), vec!["S-00"]);
    let m = &messages(&json, "S-00", "T-001")[0];
    assert!(
        m.contains("the overall score") && m.contains("ranked 10 of 10"),
        "{m}"
    );
}
