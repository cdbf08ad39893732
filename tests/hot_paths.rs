//! The per-document hot paths read only what can match (placeholder lines holding a
//! trigger text, date windows holding an event word or a dash, headings cored once):
//! what they skip never hides a finding.

mod common;

use common::*;
use std::fs;

const PROCESS: &str = "docs/服务流程规范.md";

/// Lines (1-based) of the BAS-008 findings in `file`.
fn placeholder_lines(json: &serde_json::Value, file: &str) -> Vec<i64> {
    findings(json, "BAS-008")
        .into_iter()
        .filter(|f| f["file"] == file)
        .map(|f| f["line"].as_i64().unwrap_or(0))
        .collect()
}

#[test]
fn placeholders_after_long_clean_prose_and_on_a_last_line_without_newline() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    let (_, before) = check_json(&[dir.to_str().unwrap()]);
    assert!(placeholder_lines(&before, PROCESS).is_empty());
    let p = dir.join(PROCESS);
    let mut t = fs::read_to_string(&p).unwrap();
    if !t.ends_with('\n') {
        t.push('\n');
    }
    t.push_str("\n## 补充说明\n\n");
    for _ in 0..300 {
        t.push_str("本中心按规定受理服务申请，并在两个工作日内答复企业。\n");
    }
    let two = t.lines().count() + 1;
    t.push_str("负责人：（待补充），联系电话：待填写\n");
    t.push_str("正常的一行。\n");
    let last = t.lines().count() + 1;
    t.push_str("编制日期：YYYY-MM-DD");
    fs::write(&p, t).unwrap();
    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    let lines = placeholder_lines(&json, PROCESS);
    assert_eq!(
        lines.iter().filter(|&&l| l == two as i64).count(),
        2,
        "both on one line: {lines:?}"
    );
    assert!(lines.contains(&(last as i64)), "the last line: {lines:?}");
    assert_eq!(lines.len(), 3, "{lines:?}");
}

#[test]
fn headings_with_connectives_and_generic_words_still_match() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    let (_, before) = check_json(&[dir.to_str().unwrap()]);
    let p = dir.join(PROCESS);
    let t = fs::read_to_string(&p).unwrap();
    // Decorate every `##` heading with connectives, emphasis and generic words a reader
    // ignores: the sections found stay the same.
    let decorated: String = t
        .lines()
        .map(|l| match l.strip_prefix("## ") {
            Some(h) => format!("## **{h}的相关情况**\n"),
            None => format!("{l}\n"),
        })
        .collect();
    assert_ne!(decorated, t);
    fs::write(&p, decorated).unwrap();
    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    let outcomes = |j: &serde_json::Value| -> Vec<(String, String)> {
        j["submissions"][0]["rules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| (r["rule"].to_string(), r["outcome"].to_string()))
            .collect()
    };
    // PRO-002: the service process has every stage's section.
    assert_eq!(outcome(&before, "PRO-002"), "pass");
    assert_eq!(outcome(&json, "PRO-002"), "pass");
    assert!(findings(&json, "PRO-002").is_empty(), "no near miss either");
    assert_eq!(outcomes(&json), outcomes(&before));
}
