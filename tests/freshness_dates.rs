//! `freshness` (BAS-007) says which date it took and why, in both languages, and writes a
//! month-only date as a month.

mod common;

use std::fs;
use std::path::Path;

use common::{check_json, example_copy, findings, outcome, sscheck};

const DOC: &str = "docs/投诉处理制度.md";

/// The example with the revision line of the complaint procedure replaced by `line`.
fn with_date_line(line: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let (tmp, dir) = example_copy("shenzhen-nanshan");
    let p = dir.join(DOC);
    let t = fs::read_to_string(&p).unwrap();
    let old = t
        .lines()
        .find(|l| l.contains("修订日期"))
        .unwrap()
        .to_string();
    fs::write(&p, t.replace(&old, line)).unwrap();
    (tmp, dir)
}

fn zh_message(dir: &Path) -> String {
    let out = sscheck()
        .args([
            "check",
            dir.to_str().unwrap(),
            "--format",
            "json",
            "--lang",
            "zh",
        ])
        .args(["--today", "2025-03-01"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let fs = findings(&json, "BAS-007");
    assert_eq!(fs.len(), 1, "{fs:#?}");
    fs[0]["message"].as_str().unwrap().to_string()
}

/// The English and Chinese messages of the one BAS-007 finding, and its line.
fn stale(line: &str) -> (String, String, u64) {
    let (_tmp, dir) = with_date_line(line);
    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    let fs = findings(&json, "BAS-007");
    assert_eq!(fs.len(), 1, "{line}: {fs:#?}");
    assert_eq!(fs[0]["file"], DOC);
    let en = fs[0]["message"].as_str().unwrap().to_string();
    (en, zh_message(&dir), fs[0]["line"].as_u64().unwrap())
}

#[test]
fn an_adoption_date_with_no_later_revision() {
    let (en, zh, line) = stale("——2019年4月26日经中心主任办公会审议通过");
    assert!(
        en.contains("was adopted on 2019-04-26, with no later revision"),
        "{en}"
    );
    assert!(
        en.contains("more than 3 years before the end of 2024"),
        "{en}"
    );
    assert!(
        zh.contains("《投诉处理制度》通过于 2019-04-26，此后未修订，距 2024 年底已超过 3 年"),
        "{zh}"
    );
    assert_eq!(line, 5, "the date line");
}

#[test]
fn a_revision_date() {
    let (en, zh, _) = stale("> 修订日期：2020-03-01");
    assert!(en.contains("was last revised on 2020-03-01"), "{en}");
    assert!(zh.contains("最近修订于 2020-03-01"), "{zh}");
    assert!(!zh.contains("此后未修订"), "{zh}");
}

#[test]
fn an_amendment_date() {
    let (en, zh, _) = stale("（2018年3月24日第二次修正）");
    assert!(en.contains("was last amended on 2018-03-24"), "{en}");
    assert!(zh.contains("最近修正于 2018-03-24"), "{zh}");
}

#[test]
fn a_publication_date_known_to_the_month() {
    let (en, zh, _) = stale("本制度于2020年5月印发");
    assert!(
        en.contains("was issued in May 2020, with no later revision"),
        "{en}"
    );
    assert!(zh.contains("发布于 2020年5月，此后未修订"), "{zh}");
    assert!(
        !zh.contains("2020-05-31") && !en.contains("2020-05-31"),
        "no made-up day"
    );
}

#[test]
fn an_effective_date() {
    let (en, zh, _) = stale("本制度自2019年1月1日起施行。");
    assert!(
        en.contains("in force since 2019-01-01, with no later revision"),
        "{en}"
    );
    assert!(zh.contains("自 2019-01-01 起施行，此后未修订"), "{zh}");
}

#[test]
fn the_latest_date_wins_and_a_revision_after_adoption_is_taken() {
    let (en, _, _) = stale("——2016年4月26日经理事会通过，2020年6月30日修订");
    assert!(en.contains("was last revised on 2020-06-30"), "{en}");
    // A recent month-only revision passes.
    let (_tmp, dir) = with_date_line("> 修订日期：2024年03月");
    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    assert!(findings(&json, "BAS-007").is_empty());
    assert_eq!(outcome(&json, "BAS-007"), "pass");
}

#[test]
fn no_date_at_all() {
    let (_tmp, dir) = with_date_line("> 版本：V2");
    let p = dir.join(DOC);
    let t = fs::read_to_string(&p).unwrap();
    fs::write(&p, t.replace("发布", "公布").replace("施行", "执行")).unwrap();
    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    let fs = findings(&json, "BAS-007");
    assert_eq!(fs.len(), 1, "{fs:#?}");
    assert!(fs[0]["message"]
        .as_str()
        .unwrap()
        .contains("states no revision, adoption or publication date"));
    assert!(zh_message(&dir).contains("未写明修订、通过或发布日期"));
}
