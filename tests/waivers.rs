//! Waivers: scoped to a file or to fingerprints, input codes, expiry in the date forms
//! documents use, and the findings about waivers themselves (expired, stale, too broad,
//! unknown rule).

mod common;

use std::path::Path;

use common::{check_json, example_copy, findings, sscheck};
use serde_json::Value;

const EXAMPLE: &str = "hengyang-county";

fn write_waivers(dir: &Path, entries: &str) {
    std::fs::write(dir.join("waivers.yaml"), format!("waivers:\n{entries}")).unwrap();
}

/// One waiver entry, with optional extra lines (already indented by four spaces).
fn waiver(rule: &str, expires: &str, extra: &str) -> String {
    format!(
        "  - rule: {rule}\n    reason: 已报主管部门备案\n    expires: {expires}\n    approved_by: 县科技局\n{extra}"
    )
}

fn run(dir: &Path, today: &str) -> Value {
    check_json(&[dir.to_str().unwrap(), "--today", today]).1
}

/// Rewrite a document's revision line, making BAS-007 (revised within three years)
/// fail or pass for it.
fn set_revision(dir: &Path, doc: &str, date: &str) {
    let path = dir.join("docs").join(doc);
    let text = std::fs::read_to_string(&path).unwrap();
    let line = text
        .lines()
        .find(|l| l.contains("修订日期"))
        .unwrap()
        .to_string();
    let prefix = if line.starts_with('>') { "> " } else { "" };
    std::fs::write(
        &path,
        text.replace(&line, &format!("{prefix}修订日期：{date}")),
    )
    .unwrap();
}

fn waived(f: &[&Value]) -> Vec<bool> {
    f.iter().map(|f| f["waived"].as_bool().unwrap()).collect()
}

fn in_file<'a>(f: &[&'a Value], file: &str) -> Vec<&'a Value> {
    f.iter().copied().filter(|f| f["file"] == file).collect()
}

#[test]
fn every_finding_has_a_stable_fingerprint() {
    let (_, json) = check_json(&["examples/hengyang-county"]);
    let all = json["submissions"][0]["findings"].as_array().unwrap();
    assert!(all.len() >= 5);
    for f in all {
        let fp = f["fingerprint"].as_str().unwrap();
        assert_eq!(fp.len(), 16, "{f}");
        assert!(fp.chars().all(|c| c.is_ascii_hexdigit()), "{f}");
    }
    let mut fps: Vec<&str> = all
        .iter()
        .map(|f| f["fingerprint"].as_str().unwrap())
        .collect();
    fps.sort();
    fps.dedup();
    assert_eq!(fps.len(), all.len(), "fingerprints are distinct");
    // The same run gives the same fingerprints, in both languages.
    let (_, again) = check_json(&["examples/hengyang-county"]);
    assert_eq!(
        json["submissions"][0]["findings"],
        again["submissions"][0]["findings"]
    );
    let zh = sscheck()
        .args([
            "check",
            "examples/hengyang-county",
            "--format",
            "json",
            "--lang",
            "zh",
        ])
        .args(["--today", "2025-03-01"])
        .output()
        .unwrap();
    let zh: Value = serde_json::from_slice(&zh.stdout).unwrap();
    let zh_fps: Vec<&Value> = zh["submissions"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| &f["fingerprint"])
        .collect();
    let en_fps: Vec<&Value> = all.iter().map(|f| &f["fingerprint"]).collect();
    assert_eq!(zh_fps, en_fps);
}

#[test]
fn show_fingerprints_prints_them_in_the_human_output() {
    let (_, json) = check_json(&["examples/hengyang-county"]);
    let fp = findings(&json, "EVA-003")[0]["fingerprint"]
        .as_str()
        .unwrap()
        .to_string();
    let out = sscheck()
        .args([
            "check",
            "examples/hengyang-county",
            "--lang",
            "en",
            "--today",
            "2025-03-01",
        ])
        .arg("--show-fingerprints")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(&format!("fingerprint: {fp}")), "{text}");
    let out = sscheck()
        .args([
            "check",
            "examples/hengyang-county",
            "--lang",
            "zh",
            "--today",
            "2025-03-01",
        ])
        .arg("--show-fingerprints")
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains(&format!("指纹：{fp}")));
    // Not without the flag.
    let out = sscheck()
        .args([
            "check",
            "examples/hengyang-county",
            "--lang",
            "en",
            "--today",
            "2025-03-01",
        ])
        .output()
        .unwrap();
    assert!(!String::from_utf8(out.stdout).unwrap().contains(&fp));
}

#[test]
fn a_waiver_scoped_to_a_file_waives_only_there() {
    let (_tmp, dir) = example_copy(EXAMPLE);
    // BAS-007 fails for 04 (2019) in the example; make 03 fail too.
    set_revision(&dir, "03_投诉处理制度.md", "2018-05-01");
    write_waivers(
        &dir,
        &waiver(
            "BAS-007",
            "2030-12-31",
            "    file: docs/04_数据安全管理制度.md\n",
        ),
    );
    let json = run(&dir, "2025-03-01");
    let f = findings(&json, "BAS-007");
    assert_eq!(f.len(), 2, "{f:?}");
    assert_eq!(waived(&in_file(&f, "docs/04_数据安全管理制度.md")), [true]);
    assert_eq!(waived(&in_file(&f, "docs/03_投诉处理制度.md")), [false]);
    assert!(findings(&json, "input/waiver-stale").is_empty());
    // `./` and backslashes name the same file.
    write_waivers(
        &dir,
        &waiver(
            "BAS-007",
            "2030-12-31",
            "    file: .\\docs\\04_数据安全管理制度.md\n",
        ),
    );
    let json = run(&dir, "2025-03-01");
    assert_eq!(
        waived(&in_file(
            &findings(&json, "BAS-007"),
            "docs/04_数据安全管理制度.md"
        )),
        [true]
    );
    // A rule-wide waiver hides both.
    write_waivers(&dir, &waiver("BAS-007", "2030-12-31", ""));
    let json = run(&dir, "2025-03-01");
    assert_eq!(waived(&findings(&json, "BAS-007")), [true, true]);
}

#[test]
fn a_waiver_for_a_file_without_that_finding_is_stale_and_names_the_file_meant() {
    let (_tmp, dir) = example_copy(EXAMPLE);
    write_waivers(
        &dir,
        &waiver("PRO-002", "2030-12-31", "    file: docs/服务流程规范.md\n"),
    );
    let json = run(&dir, "2025-03-01");
    assert_eq!(waived(&findings(&json, "PRO-002")), [false]);
    let stale = findings(&json, "input/waiver-stale");
    assert_eq!(stale.len(), 1);
    let message = stale[0]["message"].as_str().unwrap();
    assert!(
        message.contains("did you mean docs/01_服务流程规范.md?"),
        "{message}"
    );
    assert_eq!(stale[0]["file"], "waivers.yaml");
    assert_eq!(stale[0]["line"], 2);
    // The right file, but no finding of the rule there: stale, with no file suggested.
    write_waivers(
        &dir,
        &waiver(
            "PRO-002",
            "2030-12-31",
            "    file: docs/03_投诉处理制度.md\n",
        ),
    );
    let json = run(&dir, "2025-03-01");
    let stale = findings(&json, "input/waiver-stale");
    assert_eq!(stale.len(), 1);
    assert!(!stale[0]["message"]
        .as_str()
        .unwrap()
        .contains("did you mean"));
    assert_eq!(waived(&findings(&json, "PRO-002")), [false]);
}

#[test]
fn a_waiver_scoped_to_a_fingerprint_survives_lines_inserted_above() {
    let (_tmp, dir) = example_copy(EXAMPLE);
    let json = run(&dir, "2025-03-01");
    let eva = findings(&json, "EVA-003");
    assert_eq!(eva.len(), 1);
    let fp = eva[0]["fingerprint"].as_str().unwrap().to_string();
    let line = eva[0]["line"].as_u64().unwrap();
    write_waivers(
        &dir,
        &waiver("EVA-003", "2030-12-31", &format!("    fingerprint: {fp}\n")),
    );
    let json = run(&dir, "2025-03-01");
    assert_eq!(waived(&findings(&json, "EVA-003")), [true]);
    assert!(findings(&json, "input/waiver-stale").is_empty());

    // Insert a paragraph above the flagged line, and add a second contradicting figure
    // below it: the accepted finding keeps its fingerprint, the new one is not hidden.
    let doc = dir.join("docs/05_2024年度绩效自评报告.md");
    let text = std::fs::read_to_string(&doc).unwrap();
    let (head, tail) = text.split_at(text.find("全年服务企业298家").unwrap());
    let text = format!(
        "{head}本年度中心按照县委县政府部署，\n持续推进服务体系建设。\n\n{tail}\n\n另外，全年服务企业310家。\n"
    );
    std::fs::write(&doc, text).unwrap();
    let json = run(&dir, "2025-03-01");
    let eva = findings(&json, "EVA-003");
    assert_eq!(eva.len(), 2, "{eva:?}");
    let old = eva
        .iter()
        .find(|f| f["fingerprint"] == fp.as_str())
        .expect("same fingerprint");
    assert_eq!(
        old["line"].as_u64().unwrap(),
        line + 3,
        "the line moved down"
    );
    assert_eq!(old["waived"], true);
    let new = eva
        .iter()
        .find(|f| f["fingerprint"] != fp.as_str())
        .unwrap();
    assert_eq!(new["waived"], false, "a new deviation is not hidden");

    // An abbreviated fingerprint (first 8 digits, upper case) works too.
    write_waivers(
        &dir,
        &waiver(
            "EVA-003",
            "2030-12-31",
            &format!("    fingerprint: [\"{}\"]\n", fp[..8].to_uppercase()),
        ),
    );
    let json = run(&dir, "2025-03-01");
    let eva = findings(&json, "EVA-003");
    assert_eq!(eva.iter().filter(|f| f["waived"] == true).count(), 1);
}

#[test]
fn a_stale_fingerprint_lists_the_current_ones() {
    let (_tmp, dir) = example_copy(EXAMPLE);
    let json = run(&dir, "2025-03-01");
    let fp = findings(&json, "EVA-003")[0]["fingerprint"]
        .as_str()
        .unwrap()
        .to_string();
    write_waivers(
        &dir,
        &waiver(
            "EVA-003",
            "2030-12-31",
            "    fingerprint: 0123456789abcdef\n",
        ),
    );
    let json = run(&dir, "2025-03-01");
    assert_eq!(waived(&findings(&json, "EVA-003")), [false]);
    let stale = findings(&json, "input/waiver-stale");
    assert_eq!(stale.len(), 1);
    let message = stale[0]["message"].as_str().unwrap();
    assert!(message.contains(&fp), "{message}");
    assert!(message.contains("0123456789abcdef"), "{message}");
}

#[test]
fn an_input_code_can_be_waived_and_is_not_stale() {
    let (_tmp, dir) = example_copy(EXAMPLE);
    write_waivers(&dir, &waiver("input/unknown-metric", "2030-12-31", ""));
    let json = run(&dir, "2025-03-01");
    assert_eq!(waived(&findings(&json, "input/unknown-metric")), [true]);
    assert!(findings(&json, "input/waiver-stale").is_empty());
    assert!(findings(&json, "input/waiver-unknown-rule").is_empty());
    // Scoped to its file, too; and stale once the typo is fixed.
    write_waivers(
        &dir,
        &waiver(
            "input/unknown-metric",
            "2030-12-31",
            "    file: metrics/2024.yaml\n",
        ),
    );
    let json = run(&dir, "2025-03-01");
    assert_eq!(waived(&findings(&json, "input/unknown-metric")), [true]);
    let metrics = dir.join("metrics/2024.yaml");
    let text = std::fs::read_to_string(&metrics).unwrap();
    std::fs::write(
        &metrics,
        text.replace("enterprise_served:", "enterprises_served:"),
    )
    .unwrap();
    let json = run(&dir, "2025-03-01");
    assert!(findings(&json, "input/unknown-metric").is_empty());
    assert_eq!(findings(&json, "input/waiver-stale").len(), 1);
}

#[test]
fn a_waived_input_error_no_longer_fails_the_run() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    let json = run(&dir, "2025-03-01");
    assert_eq!(
        json["submissions"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["severity"] == "error")
            .count(),
        0
    );
    // Make a GBK-encoded document: an input error that fails the run.
    let doc = std::fs::read_dir(dir.join("docs"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = std::fs::read_to_string(&doc).unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    std::fs::write(&doc, &gbk).unwrap();
    let (code, json) = check_json(&[dir.to_str().unwrap()]);
    assert_eq!(code, 1);
    let gbk = findings(&json, "input/encoding-gbk");
    assert_eq!(waived(&gbk), [false]);
    write_waivers(&dir, &waiver("input/encoding-gbk", "2030-12-31", ""));
    let (code, json) = check_json(&[dir.to_str().unwrap()]);
    assert_eq!(waived(&findings(&json, "input/encoding-gbk")), [true]);
    assert!(findings(&json, "input/waiver-stale").is_empty());
    // The document could not be read, so its rules were not checked: that still fails.
    let unchecked = findings(&json, "input/unchecked");
    assert_eq!(unchecked.len(), 1, "{unchecked:?}");
    assert_eq!(waived(&unchecked), [false]);
    let message = unchecked[0]["message"].as_str().unwrap();
    assert!(message.contains("cannot be used"), "{message}");
    assert_eq!(code, 1);
    assert_eq!(json["submissions"][0]["incomplete"], true);
}

#[test]
fn expiry_in_every_date_form_documents_use() {
    let (_tmp, dir) = example_copy(EXAMPLE);
    for written in [
        "2027-06-30",
        "2027年6月30日",
        "2027年6月",
        "2027/6/30",
        "2027.6.30",
        "２０２７年６月３０日",
        "二〇二七年六月三十日",
        "\"2027-06-30\"",
    ] {
        write_waivers(&dir, &waiver("SUP-003", written, ""));
        // In force through its last day...
        let json = run(&dir, "2027-06-30");
        assert!(
            findings(&json, "input/waiver-invalid").is_empty(),
            "{written}"
        );
        assert_eq!(waived(&findings(&json, "SUP-003")), [true], "{written}");
        assert!(
            findings(&json, "input/waiver-expired").is_empty(),
            "{written}"
        );
        // ...and expired the day after.
        let json = run(&dir, "2027-07-01");
        assert_eq!(waived(&findings(&json, "SUP-003")), [false], "{written}");
        let expired = findings(&json, "input/waiver-expired");
        assert_eq!(expired.len(), 1, "{written}");
        assert!(
            expired[0]["message"]
                .as_str()
                .unwrap()
                .contains("2027-06-30"),
            "{written}: {}",
            expired[0]["message"]
        );
    }
}

#[test]
fn an_expiry_that_is_no_date_is_invalid_and_says_what_is_accepted() {
    let (_tmp, dir) = example_copy(EXAMPLE);
    for written in ["明年六月", "2027-06-31", "2027年13月"] {
        write_waivers(&dir, &waiver("SUP-003", written, ""));
        let (code, json) = check_json(&[dir.to_str().unwrap()]);
        assert_eq!(code, 1, "{written}");
        let invalid = findings(&json, "input/waiver-invalid");
        assert_eq!(invalid.len(), 1, "{written}");
        assert!(invalid[0]["message"]
            .as_str()
            .unwrap()
            .contains("2027年6月30日"));
        assert_eq!(invalid[0]["line"], 4, "{written}: points at expires");
        assert_eq!(waived(&findings(&json, "SUP-003")), [false], "{written}");
    }
}

#[test]
fn an_expired_waiver_does_not_waive() {
    let (_tmp, dir) = example_copy(EXAMPLE);
    write_waivers(
        &dir,
        &waiver(
            "PRO-002",
            "2024年12月",
            "    file: docs/01_服务流程规范.md\n",
        ),
    );
    let json = run(&dir, "2025-03-01");
    assert_eq!(waived(&findings(&json, "PRO-002")), [false]);
    let expired = findings(&json, "input/waiver-expired");
    assert_eq!(expired.len(), 1);
    assert_eq!(expired[0]["severity"], "warning");
    let message = expired[0]["message"].as_str().unwrap();
    assert!(
        message.contains("2024-12-31") && message.contains("docs/01_服务流程规范.md"),
        "{message}"
    );
    assert!(
        findings(&json, "input/waiver-stale").is_empty(),
        "expired, not stale"
    );
}

#[test]
fn a_rule_wide_waiver_hiding_many_findings_is_too_broad() {
    let (_tmp, dir) = example_copy(EXAMPLE);
    for doc in [
        "01_服务流程规范.md",
        "02_服务目录与收费标准.md",
        "03_投诉处理制度.md",
    ] {
        set_revision(&dir, doc, "2019年3月1日");
    }
    write_waivers(&dir, &waiver("BAS-007", "2030-12-31", ""));
    let json = run(&dir, "2025-03-01");
    assert_eq!(waived(&findings(&json, "BAS-007")), [true; 4]);
    let broad = findings(&json, "input/waiver-broad");
    assert_eq!(broad.len(), 1);
    assert_eq!(broad[0]["severity"], "info");
    let message = broad[0]["message"].as_str().unwrap();
    assert!(
        message.contains("4 findings") && message.contains("fingerprint"),
        "{message}"
    );

    // Three are not too many.
    set_revision(&dir, "01_服务流程规范.md", "2024-01-01");
    let json = run(&dir, "2025-03-01");
    assert_eq!(findings(&json, "BAS-007").len(), 3);
    assert!(findings(&json, "input/waiver-broad").is_empty());

    // Narrowed waivers are never too broad, however many they hide.
    set_revision(&dir, "01_服务流程规范.md", "2019-01-01");
    let json = run(&dir, "2025-03-01");
    let fps: Vec<String> = findings(&json, "BAS-007")
        .iter()
        .map(|f| format!("\"{}\"", f["fingerprint"].as_str().unwrap()))
        .collect();
    write_waivers(
        &dir,
        &waiver(
            "BAS-007",
            "2030-12-31",
            &format!("    fingerprint: [{}]\n", fps.join(", ")),
        ),
    );
    let json = run(&dir, "2025-03-01");
    assert_eq!(waived(&findings(&json, "BAS-007")), [true; 4]);
    assert!(findings(&json, "input/waiver-broad").is_empty());
}

#[test]
fn a_waiver_of_an_unknown_rule_suggests_the_closest() {
    let (_tmp, dir) = example_copy(EXAMPLE);
    for (written, meant) in [
        ("SUP-03", "SUP-003"),
        ("sup-003", "SUP-003"),
        ("SUP-0003", "SUP-003"),
        ("input/unknown-metirc", "input/unknown-metric"),
    ] {
        write_waivers(&dir, &waiver(written, "2030-12-31", ""));
        let (code, json) = check_json(&[dir.to_str().unwrap()]);
        assert_eq!(code, 1, "the example fails anyway");
        let unknown = findings(&json, "input/waiver-unknown-rule");
        assert_eq!(unknown.len(), 1, "{written}");
        assert_eq!(unknown[0]["severity"], "warning");
        let message = unknown[0]["message"].as_str().unwrap();
        assert!(
            message.contains(&format!("did you mean {meant}?")),
            "{written}: {message}"
        );
        assert!(
            findings(&json, "input/waiver-stale").is_empty(),
            "{written}"
        );
        assert_eq!(waived(&findings(&json, "SUP-003")), [false], "{written}");
    }
    // Nothing close: no guess.
    write_waivers(&dir, &waiver("XYZ-999", "2030-12-31", ""));
    let json = run(&dir, "2025-03-01");
    let unknown = findings(&json, "input/waiver-unknown-rule");
    assert!(!unknown[0]["message"]
        .as_str()
        .unwrap()
        .contains("did you mean"));
}

#[test]
fn diagnostics_about_waivers_cannot_be_waived() {
    let (_tmp, dir) = example_copy(EXAMPLE);
    write_waivers(
        &dir,
        &format!(
            "{}{}",
            waiver("input/waiver-stale", "2030-12-31", ""),
            waiver("PRO-005", "2030-12-31", "")
        ),
    );
    let json = run(&dir, "2025-03-01");
    let invalid = findings(&json, "input/waiver-invalid");
    assert_eq!(invalid.len(), 1);
    assert_eq!(invalid[0]["line"], 2);
    let stale = findings(&json, "input/waiver-stale");
    assert_eq!(waived(&stale), [false]);
}

#[test]
fn a_misspelt_scope_key_does_not_widen_the_waiver() {
    let (_tmp, dir) = example_copy(EXAMPLE);
    write_waivers(
        &dir,
        &waiver(
            "SUP-003",
            "2030-12-31",
            "    fil: docs/01_服务流程规范.md\n",
        ),
    );
    let (code, json) = check_json(&[dir.to_str().unwrap()]);
    assert_eq!(code, 1);
    let invalid = findings(&json, "input/waiver-invalid");
    assert_eq!(invalid.len(), 1);
    assert!(invalid[0]["message"]
        .as_str()
        .unwrap()
        .contains("did you mean `file`?"));
    assert_eq!(invalid[0]["line"], 6);
    assert_eq!(waived(&findings(&json, "SUP-003")), [false]);
}

#[test]
fn the_waivers_schema_accepts_the_scoped_keys_and_date_forms() {
    let out = sscheck().args(["schema", "waivers"]).output().unwrap();
    assert!(out.status.success());
    let schema: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut compiler = boon::Compiler::new();
    compiler.set_default_draft(boon::Draft::V2020_12);
    let url = "https://sscheck.invalid/waivers.schema.json";
    compiler.add_resource(url, schema).unwrap();
    let mut schemas = boon::Schemas::new();
    let index = compiler.compile(url, &mut schemas).unwrap();
    let valid = |yaml: &str| {
        let value = sscheck::yaml::parse(yaml).unwrap().to_json();
        schemas.validate(&value, index).is_ok()
    };
    let example = std::fs::read_to_string(common::example(EXAMPLE).join("waivers.yaml")).unwrap();
    assert!(valid(&example));
    for expires in [
        "2027-06-30",
        "2027年6月30日",
        "2027年6月",
        "2027/6/30",
        "2027.6.30",
        "２０２７年６月３０日",
        "二〇二七年六月三十日",
    ] {
        let text = format!(
            "waivers:\n{}",
            waiver(
                "EVA-003",
                &format!("\"{expires}\""),
                "    file: docs/a.md\n    fingerprint: [0123abcd0123abcd, 3f9a0000]\n"
            )
        );
        assert!(valid(&text), "{text}");
    }
    for bad in [
        waiver("EVA-003", "明年", ""),
        waiver(
            "EVA-003",
            "2027-06-30",
            "    fingerpint: 0123abcd0123abcd\n",
        ),
        waiver("EVA-003", "2027-06-30", "    fingerprint: 3f9a\n"),
        waiver("EVA-003", "2027-06-30", "    fingerprint: []\n"),
    ] {
        assert!(!valid(&format!("waivers:\n{bad}")), "{bad}");
    }
}
