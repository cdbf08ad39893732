//! The fast paths of the per-submission rules find what the plain reading finds: the
//! placeholder triggers (a SIMD search for texts that may start inside a character, and
//! single bytes), the term search of `consistency`, and the heading shortcuts (full-width
//! numbering, case folding), each seen through a whole check of a real submission.

mod common;

use common::*;
use std::fs;

const PROCESS: &str = "docs/服务流程规范.md";
const REPORT: &str = "docs/2024年度绩效自评报告.md";

/// (file, line) of each finding of `rule`.
fn places(json: &serde_json::Value, rule: &str) -> Vec<(String, i64)> {
    findings(json, rule)
        .into_iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap_or_default().to_string(),
                f["line"].as_i64().unwrap_or(0),
            )
        })
        .collect()
}

#[test]
fn placeholders_behind_frequent_characters_are_found_and_prose_is_not() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    assert!(places(&json, "BAS-008").is_empty());
    // Each opens with (or follows) a character that is everywhere in Chinese prose: 在, 请,
    // 。; and × and ASCII X runs, which are found by other searches. Five: the most
    // listed per file.
    let first = append_lines(
        &dir,
        PROCESS,
        &[
            "在此填写受理窗口的地址。",
            "请在此处填写",
            "服务对象说明：。。。",
            "办结时间：2024年×月×日",
            "受理地点：XXX中心一楼大厅",
        ],
    );
    // Real prose with the same characters.
    append_lines(
        &dir,
        REPORT,
        &[
            "在此基础上，中心进一步完善了服务流程。",
            "请于工作日来访（节假日除外）。",
            "全年服务企业较上年有所增加。",
        ],
    );
    let (code, json) = check_json(&[dir.to_str().unwrap()]);
    assert_eq!(code, 1);
    let found = places(&json, "BAS-008");
    let want: Vec<(String, i64)> = (0..5).map(|k| (PROCESS.to_string(), first + k)).collect();
    assert_eq!(found, want, "{json:#}");
}

#[test]
fn a_placeholder_on_the_last_line_without_a_newline_is_found() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    let p = dir.join(PROCESS);
    let mut t = fs::read_to_string(&p).unwrap();
    t.push_str("\n负责人：请填写");
    let last = t.lines().count() as i64;
    fs::write(&p, t).unwrap();
    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    assert_eq!(places(&json, "BAS-008"), [(PROCESS.to_string(), last)]);
}

#[test]
fn a_figure_stated_again_after_other_mentions_is_compared() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    assert!(places(&json, "EVA-003").is_empty(), "{json:#}");
    // Mentions without a figure first (the term twice in a row too), then a wrong figure.
    let first = append_lines(
        &dir,
        REPORT,
        &[
            "服务企业服务企业的满意度持续提升。",
            "中心全年服务企业1,480家。",
            "服务企业数量稳步增长。",
        ],
    );
    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    let found = findings(&json, "EVA-003");
    assert_eq!(found.len(), 1, "{json:#}");
    assert_eq!(found[0]["line"].as_i64(), Some(first + 1));
    assert!(found[0]["message"].as_str().unwrap().contains("1,480"));
}

#[test]
fn headings_in_full_width_or_latin_capitals_still_match_their_sections() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    let p = dir.join(PROCESS);
    let t = fs::read_to_string(&p)
        .unwrap()
        .replace("## 二、服务受理", "## ２．服务受理")
        .replace("## 三、需求诊断", "## ＩＩＩ　需求诊断")
        .replace("## 七、响应时限", "## RESPONSE TIME LIMITS");
    fs::write(&p, t).unwrap();
    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    assert_eq!(outcome(&json, "PRO-002"), "pass", "{json:#}");
    // A heading that is no longer there is missed.
    let t = fs::read_to_string(&p)
        .unwrap()
        .replace("## ２．服务受理", "## ２．其他事项");
    fs::write(&p, t).unwrap();
    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    assert_ne!(outcome(&json, "PRO-002"), "pass", "{json:#}");
}
