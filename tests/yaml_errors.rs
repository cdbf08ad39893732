//! YAML errors speak the user's language: the usual mistakes are named, in Chinese or
//! English, with the caret on the character that causes them and what to write instead;
//! a file that does not parse is one finding, not a finding per rule; a year written
//! `2003年` is one finding with the fix, and is read as 2003.

mod common;

use common::{example_copy, findings, outcome, sscheck};
use std::fs;
use std::path::Path;

/// `check --format json` in a language.
fn check(dir: &Path, lang: &str) -> (i32, serde_json::Value) {
    let out = sscheck()
        .arg("check")
        .arg(dir)
        .args(["--format", "json", "--lang", lang, "--today", "2025-03-01"])
        .output()
        .unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap();
    (out.status.code().unwrap_or(-1), json)
}

/// The example with `old` replaced by `new` in `file`.
fn edited(file: &str, old: &str, new: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, dir) = example_copy("shenzhen-nanshan");
    let path = dir.join(file);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(old), "{old:?} not in {file}");
    fs::write(&path, text.replacen(old, new, 1)).unwrap();
    (tmp, dir)
}

fn inputs(json: &serde_json::Value) -> Vec<&serde_json::Value> {
    json["submissions"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "input")
        .collect()
}

/// The single yaml-syntax finding of a run, in both languages: (zh, en) messages.
fn syntax_error(dir: &Path, file: &str, line: u64, column: u64) -> (String, String) {
    let mut messages = Vec::new();
    for lang in ["zh", "en"] {
        let (code, json) = check(dir, lang);
        assert_eq!(code, 1, "a syntax error fails the gate");
        let f = findings(&json, "input/yaml-syntax");
        assert_eq!(f.len(), 1, "{:#}", json["submissions"][0]["findings"]);
        assert_eq!(f[0]["file"], file);
        assert_eq!(f[0]["severity"], "error");
        assert_eq!(
            (f[0]["line"].as_u64(), f[0]["column"].as_u64()),
            (Some(line), Some(column)),
            "{lang}: {}",
            f[0]["message"]
        );
        messages.push(f[0]["message"].as_str().unwrap().to_string());
    }
    let en = messages.pop().unwrap();
    let zh = messages.pop().unwrap();
    assert!(!zh.starts_with("YAML"), "no doubled prefix: {zh}");
    assert!(!en.starts_with("YAML syntax"), "no doubled prefix: {en}");
    for raw in ["mapping", "expected", "simple key", "scanning", "indicator"] {
        assert!(
            !zh.contains(raw),
            "parser English in the Chinese message: {zh}"
        );
    }
    (zh, en)
}

fn assert_says(message: &str, needles: &[&str]) {
    for n in needles {
        assert!(message.contains(n), "{n:?} not in {message:?}");
    }
}

#[test]
fn a_full_width_colon_after_a_key_is_named_at_the_colon() {
    let (_t, dir) = edited("center.yaml", "  name: 深圳", "  name：深圳");
    let (zh, en) = syntax_error(&dir, "center.yaml", 3, 7);
    assert_says(&zh, &["`name`", "全角冒号"]);
    assert_says(&en, &["`name`", "full-width colon"]);
    // At the top level the parser stops a line later; the caret is still on the colon.
    let (_t, dir) = edited("center.yaml", "center:\n", "联系人：张三\ncenter:\n");
    let (zh, en) = syntax_error(&dir, "center.yaml", 1, 4);
    assert_says(&zh, &["`联系人`", "全角冒号"]);
    assert_says(&en, &["full-width colon"]);
}

#[test]
fn a_full_width_space_in_the_indentation_is_named() {
    // YAML reads `　　name` as a new top-level key: still reported, at the space.
    let (_t, dir) = edited("center.yaml", "  name: 深圳", "\u{3000}\u{3000}name: 深圳");
    let (zh, en) = syntax_error(&dir, "center.yaml", 3, 1);
    assert_says(&zh, &["全角空格"]);
    assert_says(&en, &["full-width space"]);
    // After ASCII spaces, in a metrics file.
    let (_t, dir) = edited(
        "metrics/2024.yaml",
        "staff_total: 42",
        " \u{3000}staff_total: 42",
    );
    let text = fs::read_to_string(dir.join("metrics/2024.yaml")).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("staff_total"))
        .unwrap() as u64
        + 1;
    let (zh, _) = syntax_error(&dir, "metrics/2024.yaml", line, 2);
    assert_says(&zh, &["全角空格"]);
}

#[test]
fn a_tab_in_the_indentation_is_named_on_its_own_line() {
    // The parser gives up at the end of line 3; the tab is on line 4.
    let (_t, dir) = edited("center.yaml", "  level: national", "\tlevel: national");
    let (zh, en) = syntax_error(&dir, "center.yaml", 4, 1);
    assert_says(&zh, &["制表符", "Tab"]);
    assert_says(&en, &["tab"]);
    let (_t, dir) = edited("center.yaml", "  province: 广东", "  \tprovince: 广东");
    syntax_error(&dir, "center.yaml", 5, 3);
}

#[test]
fn an_unquoted_colon_inside_a_value_is_named_with_the_quoted_fix() {
    let (_t, dir) = edited(
        "center.yaml",
        "  name: 深圳市南山区生产力促进中心",
        "  name: 南山中心 备注: 2024",
    );
    let (zh, en) = syntax_error(&dir, "center.yaml", 3, 16);
    assert_says(&zh, &["`name`", "“: ”"]);
    assert_says(&en, &["`name`", "`: `"]);
    let (_t, dir) = edited("center.yaml", "  province: 广东", "  province: 时间: 2024");
    let (zh, _) = syntax_error(&dir, "center.yaml", 5, 15);
    assert_says(&zh, &["`province`"]);
}

#[test]
fn a_full_width_colon_inside_a_value_is_fine() {
    let (_t, dir) = edited(
        "center.yaml",
        "  name: 深圳市南山区生产力促进中心",
        "  name: 深圳市：南山区生产力促进中心",
    );
    let (code, json) = check(&dir, "zh");
    assert_eq!(code, 0, "{json:#}");
    assert!(findings(&json, "input/yaml-syntax").is_empty());
}

#[test]
fn misaligned_indentation_is_named_with_the_levels_above() {
    let (_t, dir) = edited("center.yaml", "  level: national", " level: national");
    let (zh, en) = syntax_error(&dir, "center.yaml", 4, 2);
    assert_says(&zh, &["第 4 行", "1 个空格", "0、2"]);
    assert_says(&en, &["line 4", "1 space,", "0 or 2"]);
    let (_t, dir) = edited("center.yaml", "  level: national", "    level: national");
    let (zh, en) = syntax_error(&dir, "center.yaml", 4, 5);
    assert_says(&zh, &["缩进更深", "`name: 深圳市南山区生产力促进中心`"]);
    assert_says(&en, &["indented deeper"]);
    let (_t, dir) = edited("metrics/2024.yaml", "staff_total: 42", "  staff_total: 42");
    let text = fs::read_to_string(dir.join("metrics/2024.yaml")).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("staff_total"))
        .unwrap() as u64
        + 1;
    let (_, en) = syntax_error(&dir, "metrics/2024.yaml", line, 3);
    assert_says(&en, &["indented deeper"]);
}

#[test]
fn a_key_without_its_colon_is_named() {
    let (_t, dir) = edited("center.yaml", "  province: 广东", "  province 广东");
    let (zh, en) = syntax_error(&dir, "center.yaml", 5, 3);
    assert_says(&zh, &["`province 广东`", "缺少冒号"]);
    assert_says(&en, &["no colon"]);
}

#[test]
fn a_byte_order_mark_in_the_middle_is_named() {
    let (_t, dir) = edited(
        "center.yaml",
        "  level: national",
        "\u{feff}  level: national",
    );
    let (zh, en) = syntax_error(&dir, "center.yaml", 4, 1);
    assert_says(&zh, &["BOM"]);
    assert_says(&en, &["byte-order mark"]);
}

#[test]
fn full_width_quotes_and_commas_are_named() {
    let (_t, dir) = edited(
        "center.yaml",
        "  name: 深圳市南山区生产力促进中心",
        "  name: “南山中心: 深圳”",
    );
    let (zh, en) = syntax_error(&dir, "center.yaml", 3, 9);
    assert_says(&zh, &["全角引号"]);
    assert_says(&en, &["full-width quotes"]);
    let (_t, dir) = edited(
        "center.yaml",
        "  name: 深圳市南山区生产力促进中心",
        "  name: {zh: 南山中心，en: Nanshan}",
    );
    let (zh, en) = syntax_error(&dir, "center.yaml", 3, 18);
    assert_says(&zh, &["全角逗号"]);
    assert_says(&en, &["full-width comma"]);
}

#[test]
fn other_parser_messages_are_rephrased_in_chinese() {
    for (old, new, needle) in [
        ("  name: 深圳", "  name: \"深圳", "引号没有闭合"),
        (
            "  id: GD-SZ-0012",
            "  id: GD-SZ-0012\n  id: GD-SZ-0013",
            "重复",
        ),
        ("  name: 深圳", "  name: @深圳", "保留"),
    ] {
        let (_t, dir) = edited("center.yaml", old, new);
        let (code, json) = check(&dir, "zh");
        assert_eq!(code, 1);
        let f = findings(&json, "input/yaml-syntax");
        assert_eq!(f.len(), 1, "{new}");
        let message = f[0]["message"].as_str().unwrap();
        assert_says(message, &[needle]);
        // No parser English: outside `quoted` names, no ASCII words.
        let prose: String = message.split('`').step_by(2).collect();
        assert!(!prose.chars().any(|c| c.is_ascii_lowercase()), "{message}");
    }
}

#[test]
fn the_terminal_report_underlines_the_cause_with_the_fix() {
    let (_t, dir) = edited("center.yaml", "  name: 深圳", "  name：深圳");
    let out = sscheck()
        .arg("check")
        .arg(&dir)
        .args(["--lang", "zh", "--today", "2025-03-01"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_says(
        &text,
        &[
            "YAML 语法错误：键 `name` 后用了全角冒号",
            "全角冒号",
            "`name: 深圳市南山区生产力促进中心`",
        ],
    );
    assert!(!text.contains("YAML 语法错误：YAML"), "{text}");
    assert!(!text.contains("simple key"), "{text}");
}

#[test]
fn a_broken_center_yaml_is_one_finding_and_the_submission_incomplete() {
    for broken in ["  name：深圳", "  name: 深圳\n name: x", "\tname: 深圳"] {
        let (_t, dir) = edited("center.yaml", "  name: 深圳", broken);
        let (code, json) = check(&dir, "en");
        assert_eq!(code, 1);
        let all = inputs(&json);
        assert_eq!(all.len(), 1, "one cause, one finding: {all:#?}");
        assert_eq!(all[0]["rule"], "input/yaml-syntax");
        assert_eq!(all[0]["file"], "center.yaml");
        assert_eq!(json["submissions"][0]["incomplete"], true);
        for rule in ["BAS-001", "BAS-007", "PRO-002", "EVA-004"] {
            assert_eq!(outcome(&json, rule), "error", "{rule}");
        }
        // The metrics are still checked.
        assert_eq!(outcome(&json, "EVA-006"), "pass");
    }
}

#[test]
fn a_broken_metrics_file_is_one_finding() {
    let (_t, dir) = edited("metrics/2024.yaml", "staff_total: 42", "staff_total：42");
    let (code, json) = check(&dir, "en");
    assert_eq!(code, 1);
    let all = inputs(&json);
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0]["rule"], "input/yaml-syntax");
    assert_eq!(all[0]["file"], "metrics/2024.yaml");
    assert_eq!(json["submissions"][0]["incomplete"], true);
    assert_eq!(outcome(&json, "SUP-001"), "error");
}

/// The one finding of a year written as text, and the run's exit code.
fn year_finding(file: &str, old: &str, new: &str) -> (i32, serde_json::Value, serde_json::Value) {
    let (_t, dir) = edited(file, old, new);
    let (code, json) = check(&dir, "zh");
    let all = inputs(&json);
    assert_eq!(all.len(), 1, "{new}: {all:#?}");
    (code, all[0].clone(), json)
}

#[test]
fn a_year_written_with_nian_is_one_finding_with_the_fix_and_read_as_the_year() {
    for (new, written, column) in [
        ("established: 2003年", "2003年", 16),
        ("established: \"2003年\"", "2003年", 16),
        ("established: 2003 年", "2003 年", 16),
        ("established: ２００３", "２００３", 16),
    ] {
        let (code, f, _) = year_finding("center.yaml", "established: 1998", new);
        assert_eq!(code, 0, "a warning: the year is understood");
        assert_eq!(f["rule"], "input/wrong-type");
        assert_eq!(f["severity"], "warning");
        assert_eq!(
            (f["line"].as_u64(), f["column"].as_u64()),
            (Some(7), Some(column))
        );
        let message = f["message"].as_str().unwrap();
        assert_says(message, &[written, "整数 2003", "已按 2003 读取"]);
    }
    // Read as 2003: the trend rules do not ask for the years before 2003... nor before 2023.
    let (_t, dir) = edited("center.yaml", "established: 1998", "established: 2023年");
    for y in [2020, 2021, 2022] {
        fs::remove_file(dir.join(format!("metrics/{y}.yaml"))).unwrap();
    }
    let (code, json) = check(&dir, "en");
    assert_eq!(code, 0, "{json:#}");
    assert_eq!(json["submissions"][0]["incomplete"], false);
    let f = findings(&json, "input/wrong-type");
    assert_says(
        f[0]["message"].as_str().unwrap(),
        &["2023年", "whole number 2023"],
    );
}

#[test]
fn the_reporting_year_and_the_metrics_year_too() {
    let (code, f, json) = year_finding(
        "center.yaml",
        "reporting_year: 2024",
        "reporting_year: 2024年",
    );
    assert_eq!(code, 0);
    assert_eq!(f["line"], 8);
    assert_eq!(json["submissions"][0]["reporting_year"], 2024);
    let (code, f, _) = year_finding("metrics/2024.yaml", "year: 2024", "year: 2024年");
    assert_eq!(code, 0);
    assert_eq!(f["file"], "metrics/2024.yaml");
    assert_says(f["message"].as_str().unwrap(), &["`year`", "2024"]);
    // A different year is still a mismatch, once.
    let (_t, dir) = edited("metrics/2024.yaml", "year: 2024", "year: 2023年");
    let (_, json) = check(&dir, "en");
    assert_eq!(findings(&json, "input/year-mismatch").len(), 1);
}

#[test]
fn what_is_not_just_a_year_stays_an_error() {
    for new in [
        "established: 2003年5月",
        "established: 03年",
        "established: 两千零三年",
    ] {
        let (_t, dir) = edited("center.yaml", "established: 1998", new);
        let (code, json) = check(&dir, "en");
        assert_eq!(code, 1, "{new}");
        let f = findings(&json, "input/wrong-type");
        assert_eq!(f.len(), 1, "{new}");
        assert_eq!(f[0]["severity"], "error");
    }
}
