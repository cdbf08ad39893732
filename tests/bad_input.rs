//! Bad input is a diagnostic with a location, never a panic, and the rest is still checked.

mod common;

use common::*;
use std::fs;

/// The clean example with one change applied; returns the JSON report.
fn broken(change: impl FnOnce(&std::path::Path)) -> (i32, serde_json::Value) {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    change(&dir);
    check_json(&[dir.to_str().unwrap()])
}

fn input<'a>(json: &'a serde_json::Value, code: &str) -> Vec<&'a serde_json::Value> {
    findings(json, &format!("input/{code}"))
}

#[test]
fn malformed_yaml_is_located_and_other_years_still_checked() {
    let (code, json) = broken(|d| {
        fs::write(
            d.join("metrics/2022.yaml"),
            "year: 2022\nstaff_total: 30\n  enterprises_served: 5\n",
        )
        .unwrap()
    });
    assert_eq!(code, 1);
    let f = input(&json, "yaml-syntax");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["file"], "metrics/2022.yaml");
    assert_eq!(f[0]["line"], 3);
    assert_eq!(
        outcome(&json, "EVA-004"),
        "pass",
        "the reporting year is unaffected"
    );
}

#[test]
fn malformed_center_yaml_makes_document_rules_errors_not_passes() {
    let (code, json) =
        broken(|d| fs::write(d.join("center.yaml"), "center:\n  id: X\n name: broken\n").unwrap());
    assert_eq!(code, 1);
    assert_eq!(input(&json, "yaml-syntax").len(), 1);
    assert_eq!(outcome(&json, "PRO-002"), "error");
    assert_eq!(outcome(&json, "BAS-001"), "error");
    // metrics are still checked, with the latest metrics year as the reporting year;
    // a cohort threshold needs the unknown level and region, so it cannot pass
    assert_eq!(outcome(&json, "EVA-006"), "pass");
    assert_eq!(outcome(&json, "EVA-004"), "error");
    let overall = json["submissions"][0]["score"]["overall"].as_f64().unwrap();
    assert!(overall < 100.0, "errors count as not passed");
}

#[test]
fn wrong_type_unknown_key_and_year_mismatch() {
    let (_, json) = broken(|d| {
        let p = d.join("metrics/2024.yaml");
        let t = fs::read_to_string(&p).unwrap();
        let t = t
            .replace("year: 2024", "year: 2023")
            .replace("staff_total: 42", "staff_total: 很多");
        fs::write(p, t).unwrap();
        let c = d.join("center.yaml");
        let t = fs::read_to_string(&c).unwrap().replace(
            "reporting_year: 2024",
            "reporting_year: 2024\nauditor: 张三",
        );
        fs::write(c, t).unwrap();
    });
    let wt = input(&json, "wrong-type");
    assert_eq!(wt.len(), 1, "{:#}", json["submissions"][0]["findings"]);
    assert!(wt[0]["message"].as_str().unwrap().contains("staff_total"));
    assert_eq!(input(&json, "year-mismatch").len(), 1);
    let uk = input(&json, "unknown-key");
    assert_eq!(uk.len(), 1);
    assert_eq!(uk[0]["file"], "center.yaml");
    // the rule reading staff_total cannot pass on a missing value
    assert_eq!(outcome(&json, "SUP-002"), "error");
}

#[test]
fn duplicate_keys_are_reported() {
    let (_, json) = broken(|d| {
        let p = d.join("metrics/2024.yaml");
        let t = fs::read_to_string(&p).unwrap() + "staff_total: 43\n";
        fs::write(p, t).unwrap();
    });
    let f = input(&json, "yaml-syntax");
    assert_eq!(f.len(), 1);
    assert!(
        f[0]["message"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("duplicate"),
        "{}",
        f[0]["message"]
    );
}

#[test]
fn bom_and_crlf_are_transparent_with_right_line_numbers() {
    let (code, json) = broken(|d| {
        let p = d.join("metrics/2024.yaml");
        let t = fs::read_to_string(&p)
            .unwrap()
            .replace("avg_response_days: 1.3", "avg_response_days: 7.5");
        let t = format!("\u{feff}{}", t.replace('\n', "\r\n"));
        fs::write(p, t).unwrap();
        // The report states the same average, as it must (EVA-003 compares them).
        let report = d.join("docs/2024年度绩效自评报告.md");
        let t = fs::read_to_string(&report).unwrap();
        let t = t
            .replace("平均服务响应时间1.3个工作日", "平均服务响应时间7.5个工作日")
            .replace("| 1.6 | 1.4 | 1.3 |", "| 1.6 | 1.4 | 7.5 |");
        fs::write(&report, t).unwrap();
    });
    assert_eq!(code, 0, "a slow response is a warning");
    assert_eq!(input(&json, "bom")[0]["severity"], "info");
    assert_eq!(input(&json, "crlf")[0]["severity"], "info");
    let f = findings(&json, "PRO-007");
    let original =
        fs::read_to_string(example("shenzhen-nanshan").join("metrics/2024.yaml")).unwrap();
    let line = original
        .lines()
        .position(|l| l.starts_with("avg_response_days"))
        .unwrap()
        + 1;
    assert_eq!(f[0]["line"], line as i64);
    assert_eq!(f[0]["column"], 20);
}

#[test]
fn gbk_document_is_reported_and_decoded_on_request() {
    let write_gbk = |d: &std::path::Path| {
        let p = d.join("docs/数据安全管理制度.md");
        let text = fs::read_to_string(&p).unwrap();
        let (gbk, _, _) = encoding_rs::GBK.encode(&text);
        fs::write(p, gbk).unwrap();
    };
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    write_gbk(&dir);
    let (code, json) = check_json(&[dir.to_str().unwrap()]);
    assert_eq!(code, 1);
    let f = input(&json, "encoding-gbk");
    assert_eq!(f.len(), 1);
    assert!(f[0]["message"].as_str().unwrap().contains("GBK"));
    assert_eq!(outcome(&json, "SUP-009"), "error");
    let (code, json) = check_json(&[dir.to_str().unwrap(), "--decode-gbk"]);
    assert_eq!(code, 0);
    assert_eq!(input(&json, "encoding-gbk")[0]["severity"], "warning");
    assert_eq!(outcome(&json, "SUP-009"), "pass");
}

#[test]
fn empty_and_missing_documents() {
    let (_, json) = broken(|d| {
        fs::write(d.join("docs/投诉处理制度.md"), "  \n\n").unwrap();
        fs::remove_file(d.join("docs/数据安全管理制度.md")).unwrap();
    });
    let empty = findings(&json, "SUP-006");
    assert_eq!(empty.len(), 1);
    assert!(empty[0]["message"].as_str().unwrap().contains("empty"));
    assert_eq!(
        outcome(&json, "SUP-007"),
        "error",
        "sections of an empty document cannot pass"
    );
    let missing = findings(&json, "SUP-008");
    assert_eq!(
        missing[0]["file"], "center.yaml",
        "points at the index entry"
    );
}

#[test]
fn a_path_that_leaves_the_submission_is_refused() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    let secret = dir.parent().unwrap().join("secret.md");
    fs::write(&secret, "# 总则\n").unwrap();
    let c = dir.join("center.yaml");
    let t = fs::read_to_string(&c).unwrap();
    let line = t
        .lines()
        .find(|l| l.contains("data_security:"))
        .unwrap()
        .to_string();
    fs::write(&c, t.replace(&line, "  data_security: ../secret.md")).unwrap();
    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    let f = input(&json, "path-outside");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["file"], "center.yaml");
    assert_eq!(outcome(&json, "SUP-009"), "error");
}

#[cfg(unix)]
#[test]
fn a_symlink_out_of_the_submission_is_refused() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    let outside = dir.parent().unwrap().join("outside.md");
    fs::write(&outside, "# 外部文件\n").unwrap();
    let doc = dir.join("docs/数据安全管理制度.md");
    fs::remove_file(&doc).unwrap();
    std::os::unix::fs::symlink(&outside, &doc).unwrap();
    let (code, json) = check_json(&[dir.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(input(&json, "path-outside").len(), 1);
    // The file is there: nothing may call it missing (the refusal says what to fix).
    assert!(input(&json, "file-missing").is_empty(), "{json:#}");
    assert_eq!(outcome(&json, "SUP-008"), "error");
}

#[test]
fn binary_and_alias_bomb_files_do_not_stop_the_run() {
    let (code, json) = broken(|d| {
        fs::write(
            d.join("docs/服务流程规范.md"),
            [0x50u8, 0x4B, 3, 4, 0, 0, 0xFF, 0xFE, 0, 1],
        )
        .unwrap();
        let mut bomb = String::from("year: 2021\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let (p, c) = ((b'a' + i - 1) as char, (b'a' + i) as char);
            bomb.push_str(&format!(
                "{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
            ));
        }
        fs::write(d.join("metrics/2021.yaml"), bomb).unwrap();
    });
    assert_eq!(code, 1);
    assert_eq!(input(&json, "binary-file").len(), 1);
    let limit: Vec<_> = json["submissions"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["file"] == "metrics/2021.yaml" && f["kind"] == "input")
        .collect();
    assert!(!limit.is_empty());
    assert_eq!(
        outcome(&json, "SUP-008"),
        "pass",
        "other documents are still checked"
    );
}

#[test]
fn missing_metrics_folder_and_not_a_folder() {
    let (_, json) = broken(|d| fs::remove_dir_all(d.join("metrics")).unwrap());
    assert_eq!(input(&json, "file-missing").len(), 1);
    assert_eq!(outcome(&json, "EVA-004"), "error");
    assert_eq!(outcome(&json, "PRO-002"), "pass");
}

#[test]
fn findings_are_capped_and_the_cap_is_reported() {
    let (_, json) = check_json(&["examples/zombie-center", "--max-findings", "2"]);
    let all = json["submissions"][0]["findings"].as_array().unwrap();
    assert_eq!(all.len(), 3);
    assert_eq!(json["submissions"][0]["findings_capped"], true);
    assert_eq!(input(&json, "findings-capped").len(), 1);
}

#[test]
fn the_submission_folder_is_never_written() {
    let (_tmp, dir) = example_copy("hengyang-county");
    let snapshot = |d: &std::path::Path| {
        let mut v = Vec::new();
        let mut stack = vec![d.to_path_buf()];
        while let Some(p) = stack.pop() {
            for e in fs::read_dir(&p).unwrap() {
                let e = e.unwrap();
                if e.file_type().unwrap().is_dir() {
                    stack.push(e.path());
                } else {
                    let m = e.metadata().unwrap();
                    v.push((e.path(), fs::read(e.path()).unwrap(), m.modified().unwrap()));
                }
            }
        }
        v.sort();
        v
    };
    let before = snapshot(&dir);
    check_json(&[dir.to_str().unwrap()]);
    assert_eq!(before, snapshot(&dir));
}
