//! `sscheck standard validate`, `rules`, `explain` and `extends`, from the outside.
//! Every validate error has a broken standard and an assertion on the reported location.

mod common;

use common::*;
use std::fs;
use std::path::{Path, PathBuf};

const STANDARD: &str = r#"id: test-province
version: "0.1"
title: {zh: 测试省标准, en: Test province standard}
extends: [national-baseline]
grades:
  - {grade: A, min: 80}
  - {grade: C, min: 0}
overrides:
  EVA-006:
    min: 0.9
grading: {incomplete: C, errors: C}
"#;

const RULES: &str = r#"rules:
  - id: TP-001
    dimension: support
    severity: warning
    weight: 1
    title: {zh: 合作院所不少于3家, en: At least 3 partner institutes}
    rationale: {zh: 理由。, en: Reason.}
    help: {zh: 增加合作。, en: Add partners.}
    source: "《2025年及未来5年中国生产力促进中心市场供需格局及未来发展趋势报告》（市场研究报告）：“87.4%的中心已与本地高校、科研院所建立稳定合作机制”"
    check: {kind: metric, metric: university_partners, min: 3}
  - id: TP-002
    dimension: support
    severity: warning
    weight: 1
    title: {zh: 财政占比, en: Fiscal share}
    rationale: {zh: 理由。, en: Reason.}
    help: {zh: 处理。, en: Fix it.}
    source: "项目默认值 / project default"
    check: {kind: expr, expr: "revenue_fiscal / revenue_total <= 0.5"}
"#;

/// A standard folder extending the embedded baseline, with one edit applied.
fn standard_with(edit: impl FnOnce(&mut String, &mut String)) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("test-province");
    fs::create_dir_all(dir.join("rules")).unwrap();
    let (mut std, mut rules) = (STANDARD.to_string(), RULES.to_string());
    edit(&mut std, &mut rules);
    fs::write(dir.join("standard.yaml"), std).unwrap();
    fs::write(dir.join("rules/tp.yaml"), rules).unwrap();
    (tmp, dir)
}

/// Run validate in English; returns (exit code, stdout).
fn validate(dir: &Path) -> (i32, String) {
    validate_in("en", dir)
}

/// Run validate with `--lang`; returns (exit code, stdout).
fn validate_in(lang: &str, dir: &Path) -> (i32, String) {
    let out = sscheck()
        .args(["standard", "validate", "--lang", lang])
        .arg(dir)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// Assert validate fails with the English `message` reported at `file:line:col`.
fn fails_at(
    edit: impl FnOnce(&mut String, &mut String),
    file: &str,
    line: u32,
    col: u32,
    message: &str,
) {
    fails_in("en", edit, file, line, col, message);
}

/// Assert validate `--lang lang` fails with `message` reported at `file:line:col`, and
/// `check --standard` in the same language prints the same diagnostics and exits 2.
/// Returns check's standard error.
fn fails_in(
    lang: &str,
    edit: impl FnOnce(&mut String, &mut String),
    file: &str,
    line: u32,
    col: u32,
    message: &str,
) -> String {
    let (_tmp, dir) = standard_with(edit);
    let (code, out) = validate_in(lang, &dir);
    assert_eq!(code, 1, "{out}");
    let place = format!("{}:{line}:{col}", dir.join(file).display());
    assert!(out.contains(&place), "expected {place} in:\n{out}");
    assert!(out.contains(message), "expected “{message}” in:\n{out}");
    // One loader: `check --standard` refuses the same standard with the same located
    // errors, and exits 2.
    let run = sscheck()
        .args([
            "check",
            "examples/shenzhen-nanshan",
            "--lang",
            lang,
            "--standard",
        ])
        .arg(&dir)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&run.stderr);
    assert_eq!(
        run.status.code(),
        Some(2),
        "check ran a standard validate rejects:\n{err}"
    );
    assert!(
        run.stdout.is_empty(),
        "check printed a report for a broken standard"
    );
    assert!(
        err.starts_with(&out),
        "check and validate report differently:\n--- validate\n{out}\n--- check\n{err}"
    );
    err.into_owned()
}

#[test]
fn a_valid_extending_standard_passes() {
    let (_tmp, dir) = standard_with(|_, _| {});
    let (code, out) = validate(&dir);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("48 rules"), "{out}");
    sscheck()
        .args(["standard", "validate", "standards/national-baseline"])
        .assert()
        .code(0);
    sscheck()
        .args(["standard", "validate", "standards/jiangsu-star"])
        .assert()
        .code(0);
}

#[test]
fn duplicate_rule_ids() {
    fails_at(
        |_, r| *r = r.replace("id: TP-002", "id: TP-001"),
        "rules/tp.yaml",
        11,
        9,
        "duplicate rule id `TP-001`",
    );
    fails_at(
        |_, r| *r = r.replace("id: TP-002", "id: SUP-003"),
        "rules/tp.yaml",
        11,
        9,
        "already defined by an extended standard",
    );
}

#[test]
fn unknown_metric_and_document_references() {
    fails_at(
        |_, r| *r = r.replace("metric: university_partners", "metric: university_partner"),
        "rules/tp.yaml",
        10,
        35,
        "unknown metric `university_partner`",
    );
    fails_at(
        |_, r| {
            *r = r.replace(
                "{kind: metric, metric: university_partners, min: 3}",
                "{kind: document, document: annual_plan}",
            )
        },
        "rules/tp.yaml",
        10,
        39,
        "unknown document type `annual_plan`",
    );
}

#[test]
fn expression_errors_carry_the_column_inside_the_expression() {
    // `revenu_total` is at column 18 of the expression, which starts at column 32 of the line.
    fails_at(
        |_, r| *r = r.replace("revenue_total <= 0.5", "revenu_total <= 0.5"),
        "rules/tp.yaml",
        19,
        49,
        "column 18 of the expression",
    );
    fails_at(
        |_, r| *r = r.replace("<= 0.5\"", "<= \""),
        "rules/tp.yaml",
        19,
        66,
        "unexpected end",
    );
    fails_at(
        |_, r| {
            *r = r.replace(
                "revenue_fiscal / revenue_total <= 0.5",
                "revenue_fiscal + 1",
            )
        },
        "rules/tp.yaml",
        19,
        31,
        "is a number",
    );
}

#[test]
fn thresholds_outside_the_metric_range() {
    fails_at(
        |s, _| *s = s.replace("min: 0.9", "min: 90"),
        "standard.yaml",
        10,
        10,
        "outside the range of metric `satisfaction_rate`",
    );
}

#[test]
fn weights_that_sum_to_zero() {
    fails_at(
        |s, _| {
            *s = s.replace("grades:", "dimensions:\n  basic: {weight: 0}\n  provision: {weight: 0}\n  support: {weight: 0}\n  evaluation: {weight: 0}\ngrades:")
        },
        "standard.yaml",
        6,
        3,
        "dimension weights sum to zero",
    );
}

#[test]
fn missing_language_text_and_missing_source() {
    fails_at(
        |_, r| {
            *r = r.replace(
                "title: {zh: 合作院所不少于3家, en: At least 3 partner institutes}",
                "title: {zh: 合作院所不少于3家}",
            )
        },
        "rules/tp.yaml",
        6,
        12,
        "no English text",
    );
    fails_at(
        |_, r| {
            *r = r.replace(
                "title: {zh: 财政占比, en: Fiscal share}",
                "title: {en: Fiscal share}",
            )
        },
        "rules/tp.yaml",
        15,
        12,
        "no Chinese text",
    );
    fails_at(
        |_, r| *r = r.replace("    source: \"项目默认值 / project default\"\n", ""),
        "rules/tp.yaml",
        11,
        5,
        "missing `source`",
    );
}

#[test]
fn extends_errors_are_located_in_the_extending_file() {
    fails_at(
        |s, _| *s = s.replace("[national-baseline]", "[national-basline]"),
        "standard.yaml",
        4,
        11,
        "cannot find the standard `national-basline`",
    );
    fails_at(
        |s, _| *s = s.replace("  EVA-006:", "  EVA-066:"),
        "standard.yaml",
        9,
        3,
        "unknown rule `EVA-066`",
    );
    fails_at(
        |s, _| {
            *s = s.replace(
                "overrides:",
                "metrics:\n  staff_total: {name: {zh: 人数, en: Staff}, type: int}\noverrides:",
            )
        },
        "standard.yaml",
        9,
        3,
        "metric `staff_total` is already defined",
    );
    fails_at(
        |s, _| *s = s.replace("    min: 0.9", "    max: 0.9\n  EVA-003:\n    min: 3"),
        "standard.yaml",
        12,
        10,
        "has no `min` threshold",
    );
}

#[test]
fn extends_cycle_is_an_error_not_a_hang() {
    let tmp = tempfile::tempdir().unwrap();
    for (name, other) in [("a", "../b"), ("b", "../a")] {
        let dir = tmp.path().join(name);
        fs::create_dir_all(&dir).unwrap();
        fs::write(
            dir.join("standard.yaml"),
            STANDARD
                .replace("test-province", name)
                .replace("[national-baseline]", &format!("[{other}]")),
        )
        .unwrap();
    }
    let (code, out) = validate(&tmp.path().join("a"));
    assert_eq!(code, 1);
    assert!(out.contains("cycle"), "{out}");
}

#[test]
fn off_switches_a_rule_off_and_rules_shows_origins() {
    let (_tmp, dir) = standard_with(|s, _| {
        *s = s.replace(
            "    min: 0.9\n",
            "    min: 0.9\n  PRO-009:\n    severity: off\n",
        )
    });
    let out = sscheck()
        .args(["rules", "--format", "json", "--standard"])
        .arg(&dir)
        .output()
        .unwrap();
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(!ids.contains(&"PRO-009"));
    assert!(ids.contains(&"TP-001") && ids.contains(&"SUP-003"));
    let eva6 = list
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "EVA-006")
        .unwrap();
    assert_eq!(eva6["origin"], "national-baseline:rules/evaluation.yaml");
    assert!(eva6["overridden"][0]
        .as_str()
        .unwrap()
        .starts_with("test-province:standard.yaml:9"));
    let table = sscheck()
        .args(["rules", "--lang", "en", "--standard"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&table.stdout).contains("PRO-009  off"));
}

#[test]
fn rules_filters_by_dimension_and_severity() {
    let out = sscheck()
        .args([
            "rules",
            "--format",
            "json",
            "--dimension",
            "support",
            "--severity",
            "error",
        ])
        .output()
        .unwrap();
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = list.as_array().unwrap();
    assert!(!list.is_empty());
    assert!(list
        .iter()
        .all(|r| r["dimension"] == "support" && r["severity"] == "error"));
    sscheck()
        .args(["rules", "--dimension", "finance"])
        .assert()
        .code(2);
}

#[test]
fn explain_documents_a_rule_in_both_languages() {
    let zh = sscheck()
        .args(["explain", "EVA-004", "--lang", "zh"])
        .output()
        .unwrap();
    let zh = String::from_utf8(zh.stdout).unwrap();
    for part in [
        "检查内容",
        "理由",
        "依据",
        "各类中心的阈值",
        "区县级、西部   ≥ 32",
        "严重程度：错误",
        "通过的示例",
        "不通过的示例",
    ] {
        assert!(zh.contains(part), "{part} missing:\n{zh}");
    }
    let en = sscheck()
        .args(["explain", "sup-003", "--lang", "en"])
        .output()
        .unwrap();
    let en = String::from_utf8(en.stdout).unwrap();
    for part in [
        "What it checks",
        "Why",
        "  Source: 《2025年及未来5年中国生产力促进中心市场供需格局及未来发展趋势报告》（市场研究报告）：“财政依赖度超过60%”",
        "Passes",
        "revenue_fiscal: 440",
    ] {
        assert!(en.contains(part), "{part} missing:\n{en}");
    }
    sscheck().args(["explain", "NOPE-1"]).assert().code(2);
}

/// A missing section's message names a few of its other wordings; `explain` lists all.
#[test]
fn explain_lists_every_wording_a_section_is_accepted_in() {
    let explain = |lang: &str| {
        let out = sscheck()
            .args(["explain", "EVA-002", "--lang", lang])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let zh = explain("zh");
    assert!(
        zh.contains("；下一年度工作计划（或：下一步工作计划、工作计划、工作思路、工作打算、工作安排、工作设想、下一步打算）"),
        "{zh}"
    );
    let en = explain("en");
    assert!(
        en.contains("; 存在问题 (or: 问题与不足, 存在的不足, 主要问题, 困难和问题, 问题和困难);"),
        "{en}"
    );
}

#[test]
fn jiangsu_star_grades_the_examples_on_its_own_scale() {
    let grade = |example: &str, standard: &str| {
        let (_, json) = check_json(&[&format!("examples/{example}"), "--standard", standard]);
        let s = &json["submissions"][0]["score"];
        (
            s["overall"].as_f64().unwrap(),
            s["grade"].as_str().unwrap().to_string(),
        )
    };
    let nb = "standards/national-baseline";
    let js = "standards/jiangsu-star";
    assert_eq!(grade("shenzhen-nanshan", js).1, "A");
    // The zombie center scores lower under Jiangsu's stricter thresholds and new rule.
    let (zn, zj) = (grade("zombie-center", nb), grade("zombie-center", js));
    assert!(zj.0 < zn.0, "{zj:?} vs {zn:?}");
    assert_eq!(zj.1, "C");
    // Jiangsu's scale has no D: every score maps to A, B or C.
    let (_, json) = check_json(&["examples/zombie-center", "--standard", js]);
    let rules: Vec<&str> = findings(&json, "JS-002")
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["JS-002"]);
    assert_eq!(
        findings(&json, "PRO-007")[0]["severity"],
        "error",
        "Jiangsu makes slow response an error"
    );
    assert_eq!(json["standard"]["id"], "jiangsu-star");
}

#[test]
fn schema_errors_of_the_standard_format_are_located() {
    // `ordered: yes` is text, not true/false: never read as false.
    fails_at(
        |_, r| {
            *r = r.replace(
                "{kind: metric, metric: university_partners, min: 3}",
                "{kind: sections, document: service_process, ordered: yes}",
            )
        },
        "rules/tp.yaml",
        10,
        65,
        "`ordered` must be true or false, found `yes`",
    );
    // `required: maybe` likewise.
    fails_at(
        |_, r| {
            *r = r.replace(
                "{kind: metric, metric: university_partners, min: 3}",
                "{kind: field, field: center.name, required: maybe}",
            )
        },
        "rules/tp.yaml",
        10,
        56,
        "`required` must be true or false, found `maybe`",
    );
    fails_at(
        |_, r| {
            *r = r.replace(
                "    weight: 1\n    title: {zh: 财政占比",
                "    weight: heavy\n    title: {zh: 财政占比",
            )
        },
        "rules/tp.yaml",
        14,
        13,
        "heavy",
    );
    fails_at(
        |s, _| *s = s.replace("    min: 0.9", "    severity: fatal"),
        "standard.yaml",
        10,
        15,
        "fatal",
    );
}

/// The same broken standards, in Chinese: the message in Chinese at the same place, from
/// `standard validate --lang zh` and from `check --standard … --lang zh` (exit 2).
#[test]
fn errors_are_reported_in_chinese_at_the_same_place() {
    let err = fails_in(
        "zh",
        |_, r| *r = r.replace("metric: university_partners", "metric: university_partner"),
        "rules/tp.yaml",
        10,
        35,
        "未知的指标 `university_partner`（不在指标目录中）",
    );
    for part in [
        "╰── 此处",
        " 中有 1 个错误\n",
        "sscheck: 标准有错误（见上文）",
    ] {
        assert!(err.contains(part), "expected “{part}” in:\n{err}");
    }
    for english in [
        "unknown metric",
        "╰── here",
        "error(s)",
        "the standard has errors",
    ] {
        assert!(
            !err.contains(english),
            "“{english}” in Chinese output:\n{err}"
        );
    }
    // A kind's own parameters (through `Params`).
    fails_in(
        "zh",
        |_, r| {
            *r = r.replace(
                "{kind: metric, metric: university_partners, min: 3}",
                "{kind: sections, document: service_process, ordered: yes}",
            )
        },
        "rules/tp.yaml",
        10,
        65,
        "`ordered` 必须是 true 或 false，实为 `yes`",
    );
    // An expression error keeps its own Chinese text and column.
    fails_in(
        "zh",
        |_, r| *r = r.replace("revenue_total <= 0.5", "revenu_total <= 0.5"),
        "rules/tp.yaml",
        19,
        49,
        "表达式：未知指标 `revenu_total`",
    );
    fails_in(
        "zh",
        |_, r| *r = r.replace("revenue_total <= 0.5", "revenu_total <= 0.5"),
        "rules/tp.yaml",
        19,
        49,
        "（表达式第 18 列）",
    );
    // `extends` and `overrides` in standard.yaml.
    fails_in(
        "zh",
        |s, _| *s = s.replace("[national-baseline]", "[national-basline]"),
        "standard.yaml",
        4,
        11,
        "找不到标准 `national-basline`",
    );
    fails_in(
        "zh",
        |s, _| *s = s.replace("min: 0.9", "min: 90"),
        "standard.yaml",
        10,
        10,
        "阈值 90 超出指标 `satisfaction_rate` 的取值范围",
    );
    // The schema's errors: a Chinese lead-in, the validator's own detail.
    let schema_only = |s: &mut String, _: &mut String| {
        *s = s.replace("  EVA-006:\n    min: 0.9\n", "  EVA-006: {}\n")
    };
    fails_in(
        "zh",
        schema_only,
        "standard.yaml",
        9,
        12,
        "不符合标准格式（schema）：`overrides.EVA-006`：{} has less than 1 property",
    );
    fails_at(
        schema_only,
        "standard.yaml",
        9,
        12,
        "schema: `overrides.EVA-006`: {} has less than 1 property",
    );
}

/// The fixed lines around the diagnostics, and the language taken from the environment
/// when `--lang` is not given (as every other command does).
#[test]
fn validate_speaks_the_language_asked_for() {
    let (_tmp, dir) = standard_with(|_, _| {});
    let (code, zh) = validate_in("zh", &dir);
    assert_eq!(code, 0, "{zh}");
    assert!(
        zh.starts_with("通过：test-province 0.1 — 48 条规则（0 条已关闭），"),
        "{zh}"
    );
    let (code, en) = validate(&dir);
    assert_eq!(code, 0, "{en}");
    assert!(
        en.starts_with("ok: test-province 0.1 — 48 rules (0 switched off), "),
        "{en}"
    );
    // No standard.yaml: exit 2, in either language.
    let empty = tempfile::tempdir().unwrap();
    for (lang, words) in [
        ("zh", "中没有 standard.yaml"),
        ("en", "holds no standard.yaml"),
    ] {
        let out = sscheck()
            .args(["standard", "validate", "--lang", lang])
            .arg(empty.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(words), "{err}");
    }
    // Without --lang: Chinese when LANG is unset (sscheck() removes it), English for an
    // English locale.
    let (_tmp, broken) = standard_with(|s, _| *s = s.replace("  EVA-006:", "  EVA-066:"));
    let unset = sscheck()
        .args(["standard", "validate"])
        .arg(&broken)
        .output()
        .unwrap();
    let unset = String::from_utf8_lossy(&unset.stdout);
    assert!(
        unset.contains("`overrides` 中的规则 `EVA-066` 不存在"),
        "{unset}"
    );
    let english = sscheck()
        .env("LANG", "en_US.UTF-8")
        .args(["standard", "validate"])
        .arg(&broken)
        .output()
        .unwrap();
    let english = String::from_utf8_lossy(&english.stdout);
    assert!(
        english.contains("`overrides` names the unknown rule `EVA-066`"),
        "{english}"
    );
    assert!(english.contains("\n1 error(s) in "), "{english}");
    // Every command with --standard speaks the same: here `schema`, which gained --lang.
    for (lang, words) in [
        ("zh", "`overrides` 中的规则 `EVA-066` 不存在"),
        ("en", "`overrides` names the unknown rule `EVA-066`"),
    ] {
        let out = sscheck()
            .args(["schema", "center", "--lang", lang, "--standard"])
            .arg(&broken)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(out.stdout.is_empty());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(words), "{err}");
    }
}

#[test]
fn trend_runs_and_escalations_are_checked() {
    let trend = |check: &'static str| {
        move |_: &mut String, rules: &mut String| {
            *rules = rules.replace("{kind: metric, metric: university_partners, min: 3}", check);
        }
    };
    fails_at(
        trend("{kind: trend, years: 3, metric: university_partners, min: 3, escalate: {years: 2}}"),
        "rules/tp.yaml",
        10,
        83,
        "`escalate.years` must be greater than `years` (3)",
    );
    // One year is a run only of falls (a year-on-year decline), not of misses.
    fails_at(
        trend("{kind: trend, years: 1, metric: university_partners, min: 3}"),
        "rules/tp.yaml",
        10,
        33,
        "`years` must be a whole number from 2 to 20",
    );
    fails_at(
        trend("{kind: trend, years: 2, metric: university_partners, min: 3, escalate: {years: 3, severity: fatal}}"),
        "rules/tp.yaml",
        10,
        104,
        "unknown severity `fatal` (error, warning, info)",
    );
    let (_tmp, dir) = standard_with(trend(
        "{kind: trend, years: 1, metric: university_partners, decline: {max_drop: 0.2}}",
    ));
    let (code, out) = validate(&dir);
    assert_eq!(code, 0, "{out}");
}

/// A YAML syntax error in a standard is explained the way it is in a submission: in the
/// user's language, at the character that causes it, with no parser English.
#[test]
fn yaml_syntax_errors_in_a_standard_are_explained_at_their_cause() {
    let full_width_colon =
        |s: &mut String, _: &mut String| *s = s.replace("id: test-province", "id：test-province");
    let err = fails_in(
        "zh",
        full_width_colon,
        "standard.yaml",
        1,
        3,
        "YAML 语法错误：键 `id` 后用了全角冒号“：”",
    );
    assert!(!err.contains("simple key"), "{err}");
    fails_at(
        full_width_colon,
        "standard.yaml",
        1,
        3,
        "YAML syntax error: the key `id` is followed by a full-width colon",
    );
}

#[test]
fn an_override_of_a_misspelt_rule_suggests_the_closest_id() {
    fails_at(
        |s, _| *s = s.replace("  EVA-006:", "  EVA-06:"),
        "standard.yaml",
        9,
        3,
        "`overrides` names the unknown rule `EVA-06` (did you mean `EVA-006`?)",
    );
}
