//! Each check kind, from the outside: one change to the clean example, one expected finding.

mod common;

use common::*;
use std::fs;
use std::path::Path;

fn edit(dir: &Path, file: &str, from: &str, to: &str) {
    let p = dir.join(file);
    let t = fs::read_to_string(&p).unwrap();
    assert!(t.contains(from), "{file} does not contain {from:?}");
    fs::write(p, t.replacen(from, to, 1)).unwrap();
}

fn run(change: impl FnOnce(&Path)) -> serde_json::Value {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    change(&dir);
    check_json(&[dir.to_str().unwrap()]).1
}

fn only(json: &serde_json::Value, rule: &str) -> serde_json::Value {
    let all = json["submissions"][0]["findings"].as_array().unwrap();
    let fs: Vec<_> = all.iter().filter(|f| f["rule"] == rule).collect();
    assert_eq!(fs.len(), 1, "{rule}: {all:#?}");
    fs[0].clone()
}

#[test]
fn field_invalid_enum_and_missing_field() {
    let json = run(|d| edit(d, "center.yaml", "level: national", "level: city"));
    let f = only(&json, "BAS-003");
    assert_eq!(
        (f["file"].as_str(), f["line"].as_i64()),
        (Some("center.yaml"), Some(4))
    );
    let json = run(|d| {
        let t = fs::read_to_string(d.join("center.yaml")).unwrap();
        let t: String = t
            .lines()
            .filter(|l| !l.contains("operation_model:"))
            .map(|l| format!("{l}\n"))
            .collect();
        fs::write(d.join("center.yaml"), t).unwrap();
    });
    assert!(only(&json, "BAS-005")["message"]
        .as_str()
        .unwrap()
        .contains("operation_model"));
}

#[test]
fn metric_threshold_depends_on_the_cohort() {
    // 150 enterprises: below a national east floor (600), above a county west floor (600×0.1×0.53).
    let json = run(|d| {
        edit(
            d,
            "metrics/2024.yaml",
            "enterprises_served: 1250",
            "enterprises_served: 150",
        )
    });
    let f = only(&json, "EVA-004");
    assert!(
        f["message"].as_str().unwrap().contains("600"),
        "{}",
        f["message"]
    );
    let json = run(|d| {
        edit(
            d,
            "metrics/2024.yaml",
            "enterprises_served: 1250",
            "enterprises_served: 150",
        );
        edit(d, "center.yaml", "level: national", "level: county");
        edit(d, "center.yaml", "province: 广东", "province: 甘肃");
    });
    assert_eq!(outcome(&json, "EVA-004"), "pass");
}

#[test]
fn expr_reports_the_values_it_read() {
    let json = run(|d| edit(d, "metrics/2024.yaml", "staff_total: 42", "staff_total: 3"));
    // 6 brokers: SUP-001 holds; only the staff floor fails
    assert_eq!(outcome(&json, "SUP-001"), "pass");
    only(&json, "SUP-002");
    let json = run(|d| {
        edit(d, "metrics/2024.yaml", "staff_total: 42", "staff_total: 3");
        edit(
            d,
            "metrics/2024.yaml",
            "full_time_brokers: 6",
            "full_time_brokers: 0",
        );
    });
    let f = only(&json, "SUP-001");
    let m = f["message"].as_str().unwrap();
    // Said positively, with names and values, never as `not (…)`.
    assert_eq!(m, "Staff: 3, below 5; and Full-time technology brokers: 0");
}

#[test]
fn trend_decline_needs_every_year_to_fall() {
    let json = run(|d| {
        for (file, value) in [
            ("metrics/2021.yaml", 2000),
            ("metrics/2022.yaml", 1800),
            ("metrics/2023.yaml", 1700),
        ] {
            let p = d.join(file);
            let t = fs::read_to_string(&p).unwrap();
            let line = t
                .lines()
                .find(|l| l.starts_with("enterprises_served:"))
                .unwrap()
                .to_string();
            fs::write(
                &p,
                t.replace(&line, &format!("enterprises_served: {value}")),
            )
            .unwrap();
        }
    });
    // 2000 → 1800 → 1700 → 1250: three falls, the last by 26.5% (> 25%)
    let f = only(&json, "EVA-007");
    assert!(
        f["message"].as_str().unwrap().contains("26.5%"),
        "{}",
        f["message"]
    );
}

#[test]
fn keywords_forbidden_placeholder_is_located() {
    let json = run(|d| {
        let p = d.join("docs/服务流程规范.md");
        let t = fs::read_to_string(&p).unwrap() + "\n负责人：XXX\n";
        fs::write(p, t).unwrap();
    });
    let f = only(&json, "BAS-008");
    assert_eq!(f["column"], 5);
}

#[test]
fn table_accepts_column_aliases() {
    let json = run(|d| edit(d, "docs/服务目录与收费标准.md", "服务时限 |", "办结时限 |"));
    assert_eq!(outcome(&json, "PRO-006"), "pass");
    let json = run(|d| edit(d, "docs/服务目录与收费标准.md", "服务时限 |", "备注 |"));
    assert!(only(&json, "PRO-006")["message"]
        .as_str()
        .unwrap()
        .contains("服务时限"));
}

#[test]
fn sections_accept_aliases_and_numbering() {
    let json = run(|d| {
        let p = d.join("docs/投诉处理制度.md");
        let t = fs::read_to_string(&p).unwrap();
        let line = t
            .lines()
            .find(|l| l.starts_with('#') && l.contains("投诉渠道"))
            .unwrap()
            .to_string();
        fs::write(&p, t.replace(&line, "## 二、投诉方式")).unwrap();
    });
    assert_eq!(outcome(&json, "SUP-007"), "pass");
}

/// How regulations and policies title the section on accountability: a human auditor
/// accepts `第五章 法律责任` or `罚则` for 责任追究.
#[test]
fn accountability_is_accepted_as_regulations_title_it() {
    for heading in [
        "## 第五章 法律责任",
        "## 六、罚则",
        "## 奖励与处罚",
        "## 问责",
    ] {
        let json = run(|d| {
            let p = d.join("docs/投诉处理制度.md");
            let t = fs::read_to_string(&p).unwrap();
            let line = t
                .lines()
                .find(|l| l.starts_with('#') && l.contains("责任追究"))
                .unwrap()
                .to_string();
            fs::write(&p, t.replace(&line, heading)).unwrap();
        });
        assert_eq!(outcome(&json, "SUP-007"), "pass", "{heading}");
    }
}

#[test]
fn consistency_reads_full_width_digits_and_yi_yuan() {
    let json = run(|d| edit(d, "docs/2024年度绩效自评报告.md", "1,250家", "１２５０家"));
    assert_eq!(outcome(&json, "EVA-003"), "pass");
    let json = run(|d| edit(d, "docs/2024年度绩效自评报告.md", "1,250家", "１５５０家"));
    let f = only(&json, "EVA-003");
    assert!(f["message"].as_str().unwrap().contains("1,250 enterprises"));
}

#[test]
fn consistency_names_the_metric_with_its_unit() {
    // The metric is shown as staff read it (name, grouped digits, unit), not as a YAML
    // key and a bare number, and the file it comes from is still named.
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    edit(
        &dir,
        "docs/2024年度绩效自评报告.md",
        "## 二、主要工作成效\n",
        "## 二、主要工作成效\n\n2024年，中心技术合同成交额9,999万元。\n",
    );
    let json = check_json(&[dir.to_str().unwrap()]).1;
    let f = only(&json, "EVA-003");
    assert_eq!(
        f["message"],
        "the prose states Technology contract turnover as “9,999万元”, \
         but metrics/2024.yaml reports Technology contract turnover = 48,700 × 10k CNY (tech_contract_turnover)"
    );
    let out = sscheck()
        .arg("check")
        .arg(&dir)
        .args([
            "--format",
            "concise",
            "--lang",
            "zh",
            "--today",
            "2025-03-01",
        ])
        .output()
        .unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.contains("文中技术合同成交额写作“9,999万元”，与 metrics/2024.yaml 填报的技术合同成交额 48,700 万元（tech_contract_turnover）不一致"),
        "{out}"
    );
}

#[test]
fn freshness_accepts_chinese_dates_and_flags_old_ones() {
    let json = run(|d| {
        let p = d.join("docs/投诉处理制度.md");
        let t = fs::read_to_string(&p).unwrap();
        let line = t
            .lines()
            .find(|l| l.contains("修订日期"))
            .unwrap()
            .to_string();
        fs::write(&p, t.replace(&line, "修订日期：2020年6月1日")).unwrap();
    });
    let f = only(&json, "BAS-007");
    assert!(f["message"].as_str().unwrap().contains("2020-06-01"));
}

#[test]
fn document_missing_from_the_index() {
    let json = run(|d| {
        let t = fs::read_to_string(d.join("center.yaml")).unwrap();
        let t: String = t
            .lines()
            .filter(|l| !l.contains("complaint_handling:"))
            .map(|l| format!("{l}\n"))
            .collect();
        fs::write(d.join("center.yaml"), t).unwrap();
    });
    let f = only(&json, "SUP-006");
    assert_eq!(f["file"], "center.yaml");
    assert_eq!(outcome(&json, "SUP-007"), "error");
}

#[test]
fn table_is_still_checked_when_its_section_heading_is_missing() {
    let json = run(|d| {
        let p = d.join("docs/服务目录与收费标准.md");
        let t = fs::read_to_string(&p).unwrap();
        let heading = t
            .lines()
            .find(|l| l.starts_with("## ") && l.contains("服务目录"))
            .unwrap()
            .to_string();
        let t = t
            .replace(&format!("{heading}\n"), "")
            .replacen("服务时限 |", "备注 |", 1);
        fs::write(p, t).unwrap();
    });
    only(&json, "PRO-005");
    assert!(only(&json, "PRO-006")["message"]
        .as_str()
        .unwrap()
        .contains("服务时限"));
}
