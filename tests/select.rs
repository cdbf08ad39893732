//! `--select`/`--ignore`: ids, prefixes, dimensions (English and Chinese), input codes,
//! comma lists and repetition, the most specific selector winning, `not-selected`
//! outcomes (never silently absent), scores of selected rules only, unknown selectors.

mod common;

use common::{check_json, example, sscheck};
use serde_json::Value;

fn rules(json: &Value) -> Vec<(String, String)> {
    json["submissions"][0]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["rule"].as_str().unwrap().to_string(),
                r["outcome"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn finding_rules(json: &Value) -> Vec<String> {
    json["submissions"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

fn zombie() -> String {
    example("zombie-center").display().to_string()
}

fn run(args: &[&str]) -> Value {
    let z = zombie();
    let (code, json) = check_json(&[&[z.as_str()], args].concat());
    assert!(code == 0 || code == 1);
    json
}

#[test]
fn deselected_rules_are_listed_as_not_selected() {
    let all = rules(&run(&[]));
    let json = run(&["--select", "EVA"]);
    let some = rules(&json);
    assert_eq!(all.len(), some.len(), "no rule silently absent");
    for (id, outcome) in &some {
        if id.starts_with("EVA-") {
            assert_ne!(outcome, "not-selected", "{id}");
        } else {
            assert_eq!(outcome, "not-selected", "{id}");
        }
    }
    let f = finding_rules(&json);
    assert!(
        !f.is_empty() && f.iter().all(|r| r.starts_with("EVA-")),
        "{f:?}"
    );
}

#[test]
fn dimensions_in_english_and_chinese() {
    let en = run(&["--ignore", "support"]);
    let zh = run(&["--ignore", "服务保障"]);
    assert_eq!(rules(&en), rules(&zh));
    for (id, outcome) in rules(&en) {
        assert_eq!(
            id.starts_with("SUP-"),
            outcome == "not-selected",
            "{id} {outcome}"
        );
    }
    // Not counted in the score: the support dimension has none.
    let score = &en["submissions"][0]["score"];
    assert!(score["dimensions"]["support"].is_null(), "{score}");
    assert!(score["dimensions"]["evaluation"].is_number());
}

#[test]
fn comma_lists_equal_repeated_flags() {
    let a = run(&["--select", "EVA,SUP-00"]);
    let b = run(&["--select", "EVA", "--select", "SUP-00"]);
    assert_eq!(rules(&a), rules(&b));
    for (id, outcome) in rules(&a) {
        let on = id.starts_with("EVA-") || id.starts_with("SUP-00");
        assert_eq!(on, outcome != "not-selected", "{id}");
    }
}

#[test]
fn the_most_specific_selector_wins() {
    // The id beats the prefix it is in, whichever of select/ignore holds it.
    let json = run(&["--select", "SUP-003", "--ignore", "SUP"]);
    for (id, outcome) in rules(&json) {
        assert_eq!(id == "SUP-003", outcome != "not-selected", "{id}");
    }
    let json = run(&["--select", "SUP", "--ignore", "SUP-003"]);
    for (id, outcome) in rules(&json) {
        assert_eq!(
            id.starts_with("SUP-") && id != "SUP-003",
            outcome != "not-selected",
            "{id}"
        );
    }
    // A longer prefix beats a dimension.
    let json = run(&["--select", "SUP-00", "--ignore", "support"]);
    for (id, outcome) in rules(&json) {
        assert_eq!(id.starts_with("SUP-00"), outcome != "not-selected", "{id}");
    }
    // `all` is the least specific.
    let json = run(&["--select", "all", "--ignore", "EVA"]);
    for (id, outcome) in rules(&json) {
        assert_eq!(!id.starts_with("EVA-"), outcome != "not-selected", "{id}");
    }
}

#[test]
fn input_codes_can_be_ignored_but_rule_selection_keeps_them() {
    let hy = example("hengyang-county").display().to_string();
    let (_, json) = check_json(&[&hy]);
    assert!(finding_rules(&json).contains(&"input/unknown-metric".to_string()));
    let (_, json) = check_json(&[&hy, "--select", "EVA"]);
    assert!(
        finding_rules(&json).contains(&"input/unknown-metric".to_string()),
        "selecting rules does not hide input diagnostics"
    );
    let (_, json) = check_json(&[&hy, "--ignore", "input/unknown-metric"]);
    assert!(!finding_rules(&json).contains(&"input/unknown-metric".to_string()));
    let (_, json) = check_json(&[&hy, "--ignore", "input"]);
    assert!(finding_rules(&json)
        .iter()
        .all(|r| !r.starts_with("input/")));
}

#[test]
fn an_ignored_input_cannot_make_an_unchecked_submission_pass() {
    let (_tmp, dir) = common::example_copy("shenzhen-nanshan");
    std::fs::remove_dir_all(dir.join("metrics")).unwrap();
    let d = dir.display().to_string();
    let (code, json) = check_json(&[&d, "--ignore", "input/file-missing"]);
    assert_eq!(
        code, 1,
        "rules that could not be checked still fail the gate"
    );
    assert!(
        json["submissions"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["severity"] == "error"),
        "{json}"
    );
}

#[test]
fn a_waiver_of_a_deselected_rule_is_not_stale() {
    let hy = example("hengyang-county").display().to_string();
    let (_, json) = check_json(&[&hy, "--select", "EVA"]);
    assert!(!finding_rules(&json).contains(&"input/waiver-stale".to_string()));
    assert_eq!(common::outcome(&json, "SUP-003"), "not-selected");
}

#[test]
fn human_summary_counts_not_selected() {
    let z = zombie();
    for (lang, want) in [("en", "not selected"), ("zh", "未选用")] {
        let out = sscheck()
            .args([
                "check",
                &z,
                "--select",
                "EVA",
                "--today",
                "2025-03-01",
                "--lang",
                lang,
            ])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains(want), "{text}");
    }
    let out = sscheck()
        .args(["check", &z, "--today", "2025-03-01", "--lang", "en"])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains("not selected"));
}

#[test]
fn unknown_selectors_exit_2_with_a_suggestion() {
    let z = zombie();
    for (sel, want) in [
        ("EVA-04", Some("EVA-004")),
        ("suport", Some("support")),
        ("input/encodng-gbk", Some("input/encoding-gbk")),
        ("QQQ", None),
    ] {
        let out = sscheck()
            .args(["check", &z, "--ignore", sel, "--lang", "en"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{sel}");
        assert!(out.stdout.is_empty());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&format!("unknown rule selector `{sel}`")),
            "{err}"
        );
        match want {
            Some(w) => assert!(err.contains(&format!("`{w}`")), "{err}"),
            None => assert!(!err.contains("did you mean"), "{err}"),
        }
    }
}
