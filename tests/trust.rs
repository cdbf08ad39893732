//! Never pass what could not be checked: a missing or misnamed input is one error
//! finding at its cause, naming the rules it stopped, and the submission is incomplete.

mod common;

use common::{check_json, example_copy, findings};

fn submission(json: &serde_json::Value) -> &serde_json::Value {
    &json["submissions"][0]
}

fn inputs<'a>(json: &'a serde_json::Value, code: &str) -> Vec<&'a serde_json::Value> {
    findings(json, &format!("input/{code}"))
}

#[test]
fn a_missing_metrics_file_is_one_error_finding_and_fails_the_gate() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    std::fs::remove_file(dir.join("metrics/2024.yaml")).unwrap();
    let (code, json) = check_json(&[dir.to_str().unwrap()]);
    assert_eq!(code, 1, "{json:#}");
    let missing = inputs(&json, "file-missing");
    assert_eq!(missing.len(), 1, "one cause, one finding: {missing:#?}");
    let f = missing[0];
    assert_eq!(f["severity"], "error");
    assert_eq!(f["file"], "metrics/2024.yaml");
    let message = f["message"].as_str().unwrap();
    for rule in ["SUP-001", "EVA-006", "PRO-007"] {
        assert!(message.contains(rule), "{message}");
    }
    assert_eq!(submission(&json)["incomplete"], true);
    assert_eq!(common::outcome(&json, "SUP-001"), "error");
}

#[test]
fn a_misnamed_metrics_file_does_not_pass() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    std::fs::rename(
        dir.join("metrics/2024.yaml"),
        dir.join("metrics/2024年.yaml"),
    )
    .unwrap();
    let (code, json) = check_json(&[dir.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(inputs(&json, "unexpected-file").len(), 1);
    assert_eq!(
        inputs(&json, "file-missing")[0]["file"],
        "metrics/2024.yaml"
    );
}

#[test]
fn missing_history_years_are_reported_once_per_file() {
    let (_tmp, dir) = example_copy("zombie-center");
    for y in [2021, 2022] {
        std::fs::remove_file(dir.join(format!("metrics/{y}.yaml"))).unwrap();
    }
    let (code, json) = check_json(&[dir.to_str().unwrap()]);
    assert_eq!(code, 1);
    let files: Vec<&str> = inputs(&json, "file-missing")
        .iter()
        .filter_map(|f| f["file"].as_str())
        .collect();
    assert!(files.contains(&"metrics/2022.yaml"), "{files:?}");
    assert_eq!(
        files.len(),
        files
            .iter()
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        "one finding per missing file: {files:?}"
    );
    assert_eq!(submission(&json)["incomplete"], true);
}

#[test]
fn trend_rules_ask_only_for_the_years_the_center_existed() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    let center = std::fs::read_to_string(dir.join("center.yaml")).unwrap();
    std::fs::write(
        dir.join("center.yaml"),
        center.replace("established: 1998", "established: 2023"),
    )
    .unwrap();
    for y in [2020, 2021, 2022] {
        std::fs::remove_file(dir.join(format!("metrics/{y}.yaml"))).unwrap();
    }
    let (code, json) = check_json(&[dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{json:#}");
    assert!(inputs(&json, "file-missing").is_empty());
    assert_eq!(submission(&json)["incomplete"], false);
    let trend_na = submission(&json)["rules"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["outcome"] == "not-applicable")
        .count();
    assert!(trend_na > 0, "the multi-year rules do not apply yet");
}

#[test]
fn an_absent_metric_is_named_once_in_its_file() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    let path = dir.join("metrics/2024.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let text: String = text
        .lines()
        .filter(|l| !l.starts_with("staff_total:"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&path, text).unwrap();
    let (code, json) = check_json(&[dir.to_str().unwrap()]);
    assert_eq!(code, 1);
    let unchecked = inputs(&json, "unchecked");
    assert_eq!(unchecked.len(), 1, "{unchecked:#?}");
    let message = unchecked[0]["message"].as_str().unwrap();
    assert!(message.contains("staff_total"), "{message}");
    assert!(message.contains("SUP-001"), "{message}");
    assert_eq!(unchecked[0]["file"], "metrics/2024.yaml");
}

#[test]
fn an_invalid_value_is_reported_by_its_own_finding_only() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    let path = dir.join("metrics/2024.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("staff_total: 42", "staff_total: 很多")).unwrap();
    let (code, json) = check_json(&[dir.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(inputs(&json, "wrong-type").len(), 1);
    assert!(
        inputs(&json, "unchecked").is_empty(),
        "the wrong-type finding is the cause"
    );
}

#[test]
fn the_terminal_report_says_incomplete_in_both_languages() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    std::fs::remove_file(dir.join("metrics/2024.yaml")).unwrap();
    for (lang, needles) in [
        (
            "zh",
            [
                "缺少 `metrics/2024.yaml`，以下规则因此无法检查：PRO-007、",
                "不完整：16 条规则无法检查",
            ],
        ),
        (
            "en",
            [
                "`metrics/2024.yaml` is missing, so these rules could not be checked: PRO-007, ",
                "incomplete: 16 rules could not be checked",
            ],
        ),
    ] {
        let out = common::sscheck()
            .args(["check", "--today", "2025-03-01", "--lang", lang])
            .arg(&dir)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let text = String::from_utf8_lossy(&out.stdout).replace("\n  │ ", " ");
        for n in needles {
            assert!(text.contains(n), "{lang}: “{n}” not in:\n{text}");
        }
    }
}

#[test]
fn grades_agree_with_findings() {
    // A veto item (prose contradicting the metrics) holds the grade at C.
    let (code, json) = check_json(&["examples/hengyang-county"]);
    assert_eq!(code, 1);
    let score = &submission(&json)["score"];
    assert!(score["overall"].as_f64().unwrap() >= 80.0, "{score}");
    assert_eq!(score["grade"], "C");
    assert_eq!(score["capped_by"], serde_json::json!(["EVA-003"]));

    // An incomplete submission is not passed.
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    std::fs::remove_file(dir.join("metrics/2024.yaml")).unwrap();
    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    let score = &submission(&json)["score"];
    assert_eq!(score["grade"], "D");
    assert!(score["capped_by"]
        .as_array()
        .unwrap()
        .contains(&serde_json::json!("incomplete")));

    // A clean submission is held by nothing.
    let (_, json) = check_json(&["examples/shenzhen-nanshan"]);
    assert_eq!(submission(&json)["score"]["grade"], "A");
    assert_eq!(
        submission(&json)["score"]["capped_by"],
        serde_json::json!([])
    );
}

#[test]
fn an_unwaived_error_keeps_a_high_score_from_grade_a() {
    // One error rule fails (the center id's format, BAS-001); everything else passes.
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    let path = dir.join("center.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("id: GD-SZ-0012", "id: 南山中心")).unwrap();
    let (code, json) = check_json(&[dir.to_str().unwrap()]);
    assert_eq!(code, 1);
    let score = &submission(&json)["score"];
    assert!(score["overall"].as_f64().unwrap() >= 90.0, "{score}");
    assert_eq!(score["grade"], "B");
    assert_eq!(score["capped_by"], serde_json::json!(["errors"]));
}

#[test]
fn a_percentage_written_without_its_sign_gets_the_fix() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    let path = dir.join("metrics/2024.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("satisfaction_rate: 94.3%", "satisfaction_rate: 94"),
    )
    .unwrap();
    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    let f = inputs(&json, "out-of-range");
    assert_eq!(f.len(), 1);
    let message = f[0]["message"].as_str().unwrap();
    assert!(
        message.contains("`94%`") && message.contains("0.94"),
        "{message}"
    );
}

#[test]
fn a_percentage_with_its_sign_but_too_large_gets_no_sign_advice() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    let path = dir.join("metrics/2024.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    for written in ["195.2%", "１９５．２％"] {
        let replaced = format!("satisfaction_rate: {written}");
        std::fs::write(&path, text.replace("satisfaction_rate: 94.3%", &replaced)).unwrap();
        let (_, json) = check_json(&[dir.to_str().unwrap()]);
        let f = inputs(&json, "out-of-range");
        assert_eq!(f.len(), 1, "{written}");
        let message = f[0]["message"].as_str().unwrap();
        assert!(
            message.contains(written) && !message.contains("%%") && !message.contains("0.01952"),
            "{message}"
        );
    }
}

#[test]
fn enum_values_as_people_write_them() {
    for (level, model) in [
        ("区县级", "政府主导"),
        ("County", "GOVERNMENT"),
        ("县级", "政府"),
    ] {
        let (_tmp, dir) = example_copy("hengyang-county");
        let path = dir.join("center.yaml");
        let text = std::fs::read_to_string(&path).unwrap();
        let text = text
            .replace("level: county", &format!("level: {level}"))
            .replace(
                "operation_model: government",
                &format!("operation_model: {model}"),
            );
        std::fs::write(&path, text).unwrap();
        let (_, json) = check_json(&[dir.to_str().unwrap()]);
        for rule in ["BAS-003", "BAS-005"] {
            assert_eq!(
                common::outcome(&json, rule),
                "pass",
                "{level}/{model}: {rule}"
            );
        }
        // The cohort is read too: county thresholds apply, nothing is left unchecked.
        assert_eq!(submission(&json)["incomplete"], false, "{level}/{model}");
    }
}

#[test]
fn an_empty_folder_is_one_clear_diagnostic() {
    let tmp = tempfile::tempdir().unwrap();
    let (code, json) = check_json(&[tmp.path().to_str().unwrap()]);
    assert_eq!(code, 1);
    let all = submission(&json)["findings"].as_array().unwrap();
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0]["rule"], "input/not-a-submission");
    assert!(all[0]["message"].as_str().unwrap().contains("sscheck init"));
    let out = common::sscheck()
        .args(["check", "--lang", "en", "--today", "2025-03-01"])
        .arg(tmp.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("rules that could not be checked"), "{text}");
}
