//! The command line on the shipped examples: exit codes, JSON contents, waivers, order.

mod common;

use common::*;
use sscheck::finding::InputCode;

#[test]
fn clean_example_passes_with_grade_a_and_exit_0() {
    let (code, json) = check_json(&["examples/shenzhen-nanshan"]);
    assert_eq!(code, 0);
    let s = &json["submissions"][0];
    assert_eq!(json["schema_version"], 1);
    assert_eq!(json["standard"]["id"], "national-baseline");
    assert_eq!(s["center_id"], "GD-SZ-0012");
    assert_eq!(
        s["findings"].as_array().unwrap().len(),
        0,
        "{:#}",
        s["findings"]
    );
    assert_eq!(s["score"]["overall"], 100.0);
    assert_eq!(s["score"]["grade"], "A");
    let rules = s["rules"].as_array().unwrap();
    assert!(rules.len() >= 25, "the baseline has 25-40 rules");
    // Every rule passes, but the cross-center ones, which only `sscheck audit` checks.
    assert!(rules.iter().all(|r| r["outcome"] == "pass"
        || (r["outcome"] == "not-applicable"
            && r["reason"]
                .as_str()
                .unwrap_or_default()
                .contains("only sscheck audit"))));
}

#[test]
fn defective_example_reports_each_defect_at_its_line() {
    let (code, json) = check_json(&["examples/hengyang-county"]);
    assert_eq!(code, 1);
    // (c) prose states 298 enterprises, the metric is 236
    let c = findings(&json, "EVA-003");
    assert_eq!(c.len(), 1);
    assert_eq!(c[0]["file"], "docs/05_2024年度绩效自评报告.md");
    assert_eq!(c[0]["line"], 15);
    assert!(c[0]["message"].as_str().unwrap().contains("236"));
    // (f) typo'd metric id, with a suggestion
    let f: Vec<_> = findings(&json, "input/unknown-metric");
    assert_eq!(f.len(), 1);
    assert_eq!(
        (
            f[0]["file"].as_str(),
            f[0]["line"].as_i64(),
            f[0]["column"].as_i64()
        ),
        (Some("metrics/2024.yaml"), Some(3), Some(1))
    );
    assert!(f[0]["message"]
        .as_str()
        .unwrap()
        .contains("enterprises_served"));
    // (b) missing heading, (d) missing column, (e) stale date, (g) satisfaction below the floor
    assert_eq!(findings(&json, "PRO-002").len(), 1);
    assert_eq!(findings(&json, "PRO-006").len(), 1);
    let e = findings(&json, "BAS-007");
    assert_eq!(e.len(), 1);
    assert_eq!(e[0]["file"], "docs/04_数据安全管理制度.md");
    let g = findings(&json, "EVA-006");
    assert_eq!(
        (g[0]["file"].as_str(), g[0]["line"].as_i64()),
        (Some("metrics/2024.yaml"), Some(7))
    );
    // (a) fiscal share: reported, waived, and not failing the run on its own
    let a = findings(&json, "SUP-003");
    assert_eq!(a.len(), 1);
    assert_eq!(a[0]["waived"], true);
    assert_eq!(outcome(&json, "SUP-003"), "fail");
    assert_eq!(outcome(&json, "PRO-001"), "pass");
}

#[test]
fn no_waivers_shows_the_unwaived_view() {
    let (_, json) = check_json(&["examples/hengyang-county", "--no-waivers"]);
    assert_eq!(findings(&json, "SUP-003")[0]["waived"], false);
}

#[test]
fn zombie_example_is_flagged_and_graded_low() {
    let (code, json) = check_json(&["examples/zombie-center"]);
    assert_eq!(code, 1);
    for rule in ["EVA-011", "SUP-001", "EVA-004"] {
        assert_eq!(outcome(&json, rule), "fail", "{rule}");
    }
    let grade = json["submissions"][0]["score"]["grade"].as_str().unwrap();
    assert!(
        grade == "C" || grade == "D",
        "a zombie center must not grade {grade}"
    );
}

#[test]
fn fail_on_gates_the_exit_code() {
    sscheck()
        .args(["check", "examples/hengyang-county", "--fail-on", "never"])
        .assert()
        .code(0);
    sscheck()
        .args(["check", "examples/shenzhen-nanshan", "--fail-on", "warning"])
        .assert()
        .code(0);
    sscheck()
        .args(["check", "examples/zombie-center", "--fail-on", "warning"])
        .assert()
        .code(1);
}

#[test]
fn bad_arguments_exit_2() {
    sscheck()
        .args(["check", "examples/does-not-exist"])
        .assert()
        .code(2);
    sscheck()
        .args([
            "check",
            "examples/shenzhen-nanshan",
            "--standard",
            "/nonexistent",
        ])
        .assert()
        .code(2);
    // No path checks `.`: here the repository root, which is not a submission.
    sscheck().args(["check"]).assert().code(1);
    sscheck()
        .args(["check", "examples/shenzhen-nanshan", "--format", "xml"])
        .assert()
        .code(2);
}

#[test]
fn several_paths_keep_argument_order_and_output_is_thread_independent() {
    let args = [
        "check",
        "examples/zombie-center",
        "examples/shenzhen-nanshan",
        "examples/hengyang-county",
        "--format",
        "json",
        "--today",
        "2025-03-01",
    ];
    let one = sscheck()
        .args(args)
        .args(["--jobs", "1"])
        .output()
        .unwrap()
        .stdout;
    let two = sscheck()
        .args(args)
        .args(["--jobs", "2"])
        .output()
        .unwrap()
        .stdout;
    assert_eq!(
        one, two,
        "reports must be byte-identical whatever the thread count"
    );
    let json: serde_json::Value = serde_json::from_slice(&one).unwrap();
    let ids: Vec<_> = json["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["center_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["GS-TS-0733", "GD-SZ-0012", "HN-HY-0417"]);
}

#[test]
fn expired_waiver_no_longer_applies_and_is_reported() {
    let (code, json) = check_json(&["examples/hengyang-county", "--today", "2026-06-01"]);
    assert_eq!(code, 1);
    assert_eq!(findings(&json, "SUP-003")[0]["waived"], false);
    let expired = findings(&json, "input/waiver-expired");
    assert_eq!(expired.len(), 1);
    assert_eq!(expired[0]["severity"], "warning");
    assert_eq!(expired[0]["file"], "waivers.yaml");
}

#[test]
fn stale_waiver_is_a_warning() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    std::fs::write(
        dir.join("waivers.yaml"),
        "waivers:\n  - rule: SUP-003\n    reason: 临时\n    expires: 2030-01-01\n    approved_by: 科技局\n",
    )
    .unwrap();
    let (code, json) = check_json(&[dir.to_str().unwrap()]);
    assert_eq!(code, 0, "a stale waiver is a warning, not an error");
    let stale = findings(&json, "input/waiver-stale");
    assert_eq!(stale.len(), 1);
    assert_eq!(stale[0]["line"], 2);
}

#[test]
fn waiver_missing_fields_is_an_error() {
    let (_tmp, dir) = example_copy("shenzhen-nanshan");
    std::fs::write(
        dir.join("waivers.yaml"),
        "waivers:\n  - rule: SUP-003\n    reason: 临时\n",
    )
    .unwrap();
    let (code, json) = check_json(&[dir.to_str().unwrap()]);
    assert_eq!(code, 1);
    let invalid = findings(&json, "input/waiver-invalid");
    assert!(invalid[0]["message"].as_str().unwrap().contains("expires"));
}

#[test]
fn output_file_and_english_language() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("report.json");
    sscheck()
        .args([
            "check",
            "examples/hengyang-county",
            "--format",
            "json",
            "--lang",
            "en",
            "-o",
        ])
        .arg(&out)
        .assert()
        .code(1)
        .stdout("");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap();
    assert_eq!(json["lang"], "en");
    let msg = findings(&json, "PRO-006")[0]["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(msg.starts_with("the table lacks the column"), "{msg}");
}

#[test]
fn lang_defaults_from_the_environment() {
    let out = sscheck()
        .env("LANG", "en_US.UTF-8")
        .args(["check", "examples/zombie-center"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("rules:"));
    let out = sscheck()
        .env("LANG", "zh_CN.UTF-8")
        .args(["check", "examples/zombie-center"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("规则"));
}

#[test]
fn explain_documents_an_input_diagnostic_in_both_languages() {
    let explain = |code: &str, lang: &str| {
        let out = sscheck()
            .args(["explain", code, "--lang", lang])
            .assert()
            .success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    let gbk = InputCode::EncodingGbk;
    let zh = explain("input/encoding-gbk", "zh");
    for part in [
        "input/encoding-gbk — GBK 编码",
        "检查类型: input",
        "何时出现",
        &gbk.cause().zh,
        "如何修正",
        "--decode-gbk",
    ] {
        assert!(zh.contains(part), "{part} missing:\n{zh}");
    }
    let en = explain("INPUT/Encoding-GBK", "en");
    for part in [
        "input/encoding-gbk — GBK encoding",
        "kind: input",
        "What triggers it",
        &gbk.cause().en,
        "How to fix",
        &gbk.help().en,
    ] {
        assert!(en.contains(part), "{part} missing:\n{en}");
    }
    // Every code, in both languages.
    for &code in InputCode::ALL {
        for (lang, title, help) in [
            ("zh", code.title().zh, code.help().zh),
            ("en", code.title().en, code.help().en),
        ] {
            let out = explain(&code.rule_id(), lang);
            assert!(
                out.starts_with(&format!("{} — {title}\n", code.rule_id())) && out.contains(&help),
                "{code} --lang {lang}:\n{out}"
            );
        }
    }
}

#[test]
fn explain_suggests_the_closest_input_code_for_an_unknown_one() {
    let fails = |id: &str| {
        let out = sscheck().args(["explain", id]).assert().code(2);
        String::from_utf8(out.get_output().stderr.clone()).unwrap()
    };
    let typo = fails("input/encoding-gkb");
    assert!(
        typo.contains("did you mean `input/encoding-gbk`?"),
        "{typo}"
    );
    let part = fails("input/waiver");
    for code in ["waiver-invalid", "waiver-expired", "waiver-stale"] {
        assert!(part.contains(&format!("`input/{code}`")), "{part}");
    }
    // Nothing close: the list of every input code.
    let none = fails("input/xyz");
    for &code in InputCode::ALL {
        assert!(none.contains(&code.rule_id()), "{code} missing:\n{none}");
    }
    // A bare code is not a rule id, but the input diagnostic is suggested.
    let bare = fails("yaml-syntax");
    assert!(bare.contains("`input/yaml-syntax`"), "{bare}");
}
