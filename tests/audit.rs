//! `sscheck audit` and `sscheck merge` from the outside: discovery under a root, the
//! gate, the JSON contract, the same bytes whatever `--jobs`, shards merged equal to one
//! run, a baseline of a run gating nothing on the same run.

mod common;

use std::path::{Path, PathBuf};

use common::{audit_to_json, copy_dir, corpus, example, merge, merge_expecting, sscheck};

/// A root holding the three examples (one nested a level deeper), a stray file, an
/// empty folder and a broken submission.
fn mixed_root() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("subs");
    copy_dir(
        &example("shenzhen-nanshan"),
        &root.join("east/shenzhen-nanshan"),
    );
    copy_dir(&example("hengyang-county"), &root.join("hengyang-county"));
    copy_dir(
        &example("zombie-center"),
        &root.join("west/gansu/zombie-center"),
    );
    std::fs::write(root.join("manifest.json"), "{}").unwrap();
    std::fs::create_dir_all(root.join("empty")).unwrap();
    let broken = root.join("broken");
    std::fs::create_dir_all(&broken).unwrap();
    std::fs::write(broken.join("center.yaml"), "center: [unclosed\n").unwrap();
    (tmp, root)
}

fn audit_json(args: &[&std::ffi::OsStr]) -> (i32, serde_json::Value, String) {
    let out = sscheck()
        .arg("audit")
        .args(args)
        .args(["--format", "json", "--lang", "en", "--today", "2025-03-01"])
        .output()
        .unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (
        out.status.code().unwrap_or(-1),
        json,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn every_submission_under_the_root_is_found_and_a_broken_one_does_not_stop_the_run() {
    let (_tmp, root) = mixed_root();
    let (code, json, stderr) = audit_json(&[root.as_os_str()]);
    assert_eq!(code, 1, "{stderr}");
    let subs = json["submissions"].as_array().unwrap();
    let paths: Vec<&str> = subs.iter().map(|s| s["path"].as_str().unwrap()).collect();
    let names: Vec<&str> = paths
        .iter()
        .map(|p| p.rsplit('/').next().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "broken",
            "shenzhen-nanshan",
            "hengyang-county",
            "zombie-center"
        ],
        "{paths:?}"
    );
    assert_eq!(json["summary"]["submissions"], 4);
    assert_eq!(json["summary"]["skipped"], 1, "manifest.json");
    let broken = &subs[0];
    assert_eq!(broken["incomplete"], true);
    assert_eq!(broken["passed"], false);
    assert!(broken["counts"]["error"].as_u64().unwrap() >= 1);
    let nanshan = &subs[1];
    assert_eq!(nanshan["passed"], true);
    assert_eq!(nanshan["name"], "深圳市南山区生产力促进中心");
    assert_eq!(nanshan["center"]["region"], "east");
    assert_eq!(nanshan["center"]["level"], "national");
    // Counts agree with the findings listed.
    for s in subs {
        let findings = s["findings"].as_array().unwrap();
        let unwaived = |sev: &str| {
            findings
                .iter()
                .filter(|f| f["severity"] == sev && f["waived"] == false)
                .count() as u64
        };
        assert_eq!(s["counts"]["error"].as_u64().unwrap(), unwaived("error"));
        assert_eq!(
            s["counts"]["warning"].as_u64().unwrap(),
            unwaived("warning")
        );
        let waived = findings.iter().filter(|f| f["waived"] == true).count() as u64;
        assert_eq!(s["counts"]["waived"].as_u64().unwrap(), waived);
        assert_eq!(s["passed"], s["counts"]["error"] == 0, "{}", s["path"]);
    }
    assert_eq!(json["summary"]["passed"], 1);
    assert_eq!(json["summary"]["failed"], 3);
    // The same submission checked alone gives the same findings.
    let (_, alone) = common::check_json(&[root.join("hengyang-county").to_str().unwrap()]);
    let strip = |v: &serde_json::Value| {
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| (f["rule"].clone(), f["message"].clone(), f["line"].clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&subs[2]), strip(&alone["submissions"][0]));
    // Every rule ends the same, but the cross-center ones, which only the audit checks.
    let audited = subs[2]["rules"].as_array().unwrap();
    let checked = alone["submissions"][0]["rules"].as_array().unwrap();
    assert_eq!(audited.len(), checked.len());
    let mut cross = 0;
    for (a, c) in audited.iter().zip(checked) {
        assert_eq!(a["rule"], c["rule"]);
        if c["reason"]
            .as_str()
            .unwrap_or_default()
            .contains("only sscheck audit")
        {
            cross += 1;
            assert_ne!(a["outcome"], "fail", "{a}");
        } else {
            assert_eq!(a, c);
        }
    }
    assert!(cross >= 2, "the baseline has cross-center rules");
}

#[test]
fn no_submission_and_a_missing_root_are_errors_of_the_run() {
    let tmp = tempfile::tempdir().unwrap();
    let out = sscheck()
        .args(["audit", "--lang", "en"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no submission"));
    let out = sscheck()
        .args(["audit", "--lang", "en", "does/not/exist"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a folder"));
}

fn run_to(root: &Path, extra: &[&str], out: &Path) -> i32 {
    let run = audit_to_json(&[root.to_path_buf()], extra, out);
    run.status.code().unwrap_or(-1)
}

#[test]
fn the_output_is_the_same_whatever_the_thread_count_and_shards_merge_into_one_run() {
    let (tmp, root) = corpus(60, 11);
    let one = tmp.path().join("one.json");
    let four = tmp.path().join("four.json");
    let c1 = run_to(&root, &["--jobs", "1"], &one);
    let c4 = run_to(&root, &["--jobs", "4"], &four);
    assert_eq!(c1, c4);
    let single = std::fs::read(&one).unwrap();
    assert_eq!(
        single,
        std::fs::read(&four).unwrap(),
        "--jobs changed the report"
    );

    let mut shards = Vec::new();
    for k in 1..=3 {
        let path = tmp.path().join(format!("shard-{k}.json"));
        let code = run_to(&root, &["--shard", &format!("{k}/3")], &path);
        assert!(code == 0 || code == 1);
        shards.push(path);
    }
    let merged = tmp.path().join("merged.json");
    let merged_html = tmp.path().join("merged.html");
    merge_expecting(
        &shards,
        &[
            format!("json={}", merged.display()),
            format!("html={}", merged_html.display()),
        ],
        c1,
    );
    let merged = std::fs::read(&merged).unwrap();
    assert!(
        merged == single,
        "merge differs from a single run:\n{}",
        first_difference(&single, &merged)
    );
    // The HTML report too, metric charts included (the shards carry the series).
    let single_html = tmp.path().join("one.html");
    run_to(
        &root,
        &["--output", &format!("html={}", single_html.display())],
        &tmp.path().join("again.json"),
    );
    let (a, b) = (
        std::fs::read(&single_html).unwrap(),
        std::fs::read(&merged_html).unwrap(),
    );
    assert!(a == b, "merged HTML differs:\n{}", first_difference(&a, &b));
    // A shard missing is refused, unless allowed.
    let out = merge(&shards[..2], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("3/3"));
}

fn first_difference(a: &[u8], b: &[u8]) -> String {
    let a = String::from_utf8_lossy(a);
    let b = String::from_utf8_lossy(b);
    for (i, (x, y)) in a.lines().zip(b.lines()).enumerate() {
        if x != y {
            return format!("line {}: `{x}` vs `{y}`", i + 1);
        }
    }
    format!("lengths {} vs {}", a.len(), b.len())
}

#[test]
fn a_baseline_of_a_run_gates_nothing_on_the_same_run_and_new_findings_still_fail() {
    let (_tmp, root) = mixed_root();
    let tmp = tempfile::tempdir().unwrap();
    let first = tmp.path().join("first.json");
    assert_eq!(run_to(&root, &[], &first), 1);
    let again = tmp.path().join("again.json");
    let code = run_to(&root, &["--baseline", first.to_str().unwrap()], &again);
    assert_eq!(code, 0, "a baseline of the same run gated something");
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&again).unwrap()).unwrap();
    let summary = &json["summary"];
    assert_eq!(summary["failed"], 0);
    assert!(summary["findings"]["baselined"].as_u64().unwrap() > 5);
    for s in json["submissions"].as_array().unwrap() {
        for f in s["findings"].as_array().unwrap() {
            assert_eq!(f["baselined"], true, "{f}");
        }
    }
    // A new problem in one submission fails the gate again; lines inserted above old
    // findings do not make them new.
    let hengyang = root.join("hengyang-county");
    let doc = std::fs::read_dir(hengyang.join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("投诉"))
        .unwrap();
    let text = std::fs::read_to_string(&doc).unwrap();
    let (first_line, rest) = text.split_once('\n').unwrap();
    std::fs::write(&doc, format!("{first_line}\n\n插入的一段说明。\n{rest}")).unwrap();
    std::fs::remove_file(root.join("east/shenzhen-nanshan/metrics/2024.yaml")).unwrap();
    let third = tmp.path().join("third.json");
    assert_eq!(
        run_to(&root, &["--baseline", first.to_str().unwrap()], &third),
        1
    );
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&third).unwrap()).unwrap();
    let subs = json["submissions"].as_array().unwrap();
    let by_name = |n: &str| {
        subs.iter()
            .find(|s| s["path"].as_str().unwrap().ends_with(n))
            .unwrap()
    };
    assert_eq!(by_name("hengyang-county")["passed"], true);
    assert_eq!(by_name("shenzhen-nanshan")["passed"], false);
}

#[test]
fn human_summary_in_both_languages() {
    let (_tmp, root) = mixed_root();
    for (lang, words) in [
        (
            "en",
            [
                "audited 4 submissions",
                "Grades",
                "By region",
                "Exit risk",
                "verdict: 3 submissions failed",
            ],
        ),
        (
            "zh",
            [
                "审计了 4 份提交材料",
                "等级分布",
                "按区域",
                "退出风险",
                "结论：3 份提交材料未通过",
            ],
        ),
    ] {
        let out = sscheck()
            .arg("audit")
            .arg(&root)
            .args(["--lang", lang, "--today", "2025-03-01"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let text = String::from_utf8(out.stdout).unwrap();
        for w in words {
            assert!(text.contains(w), "{lang}: `{w}` missing in\n{text}");
        }
        // A summary, not every finding: no file:line:col lines without --verbose.
        assert!(!text.contains(".md:"), "{text}");
    }
    let out = sscheck()
        .arg("audit")
        .arg(&root)
        .args(["--lang", "en", "--today", "2025-03-01", "--verbose"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("zombie-center/metrics/2024.yaml:"), "{text}");
}

#[test]
fn bad_output_arguments_are_errors_of_the_run() {
    let (_tmp, root) = mixed_root();
    for args in [
        vec!["--output", "xml=out.xml"],
        vec!["--shard", "3/2"],
        vec!["--shard", "1/2", "--output", "csv=x.csv"],
        vec!["--baseline", "does-not-exist.json"],
    ] {
        let out = sscheck()
            .arg("audit")
            .arg(&root)
            .args(["--lang", "en"])
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!out.stderr.is_empty(), "{args:?}");
    }
}

#[test]
fn every_format_lists_the_centers_at_exit_risk_with_their_evidence() {
    let (_tmp, root) = mixed_root();
    let out_dir = tempfile::tempdir().unwrap();
    let path = |f: &str| out_dir.path().join(f);
    let mut cmd = sscheck();
    cmd.arg("audit")
        .arg(&root)
        .args(["--lang", "en", "--today", "2025-03-01"]);
    for (format, file) in [
        ("json", "a.json"),
        ("csv", "a.csv"),
        ("junit", "a.xml"),
        ("sarif", "a.sarif"),
        ("concise", "a.txt"),
        ("github", "a.gh"),
        ("human", "a.human"),
        ("html", "a.html"),
    ] {
        cmd.arg("--output")
            .arg(format!("{format}={}", path(file).display()));
    }
    assert_eq!(cmd.output().unwrap().status.code(), Some(1));
    let read = |f: &str| std::fs::read_to_string(path(f)).unwrap();
    // The zombie center fails EVA-011 (no substantive service three years running).
    let json: serde_json::Value = serde_json::from_str(&read("a.json")).unwrap();
    let risk = json["summary"]["exit_risk"].as_array().unwrap();
    assert_eq!(risk.len(), 1, "{risk:?}");
    assert!(risk[0]["path"].as_str().unwrap().ends_with("zombie-center"));
    assert_eq!(risk[0]["evidence"][0]["rule"], "EVA-011");
    assert!(!risk[0]["evidence"][0]["message"]
        .as_str()
        .unwrap()
        .is_empty());
    let sarif: serde_json::Value = serde_json::from_str(&read("a.sarif")).unwrap();
    assert_eq!(
        sarif["runs"][0]["properties"]["exitRisk"][0]["evidence"][0]["rule"],
        "EVA-011"
    );
    let csv = read("a.csv");
    let zombie = csv.lines().find(|l| l.contains("zombie-center")).unwrap();
    assert!(zombie.contains("EVA-011"), "{zombie}");
    let junit = read("a.xml");
    assert!(
        junit.contains(r#"<property name="exit_risk" value="EVA-011: "#),
        "{junit}"
    );
    assert!(read("a.txt")
        .lines()
        .any(|l| l.ends_with("zombie-center: exit risk [EVA-011]")));
    assert!(read("a.gh")
        .lines()
        .any(|l| l.starts_with("::notice title=Exit risk::") && l.contains("EVA-011")));
    let human = read("a.human");
    assert!(
        human.contains("Exit risk (1 center)") && human.contains("    EVA-011 "),
        "{human}"
    );
    assert!(read("a.html").contains("EVA-011"));
}
