//! `sscheck.toml`: discovery, every key, per-path overrides, precedence (defaults < file <
//! override < flag), `--config`, `--isolated`, located errors, `schema config`, `--standard
//! NAME`, `check` with no path, and did-you-mean in `explain`.

mod common;

use std::path::{Path, PathBuf};

use common::{copy_dir, example, repo, sscheck};
use serde_json::Value;

/// A repository root (has `.git`, so discovery stops here) holding copies of examples at
/// the given relative places.
fn workspace(places: &[(&str, &str)]) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("ws");
    std::fs::create_dir_all(root.join(".git")).unwrap();
    for (name, at) in places {
        copy_dir(&example(name), &root.join(at));
    }
    (tmp, root)
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// `check --format json` from `dir` with `args`; no default --today or --lang.
fn run_json(dir: &Path, args: &[&str]) -> (i32, Value, String) {
    let out = sscheck()
        .current_dir(dir)
        .arg("check")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.code().unwrap_or(-1), json, stderr)
}

fn run_human(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = sscheck()
        .current_dir(dir)
        .arg("check")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn findings(json: &Value, i: usize) -> Vec<String> {
    json["submissions"][i]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

fn outcome(json: &Value, i: usize, rule: &str) -> String {
    json["submissions"][i]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rule"] == rule)
        .map(|r| r["outcome"].as_str().unwrap().to_string())
        .unwrap_or_default()
}

#[test]
fn fail_on_from_file_and_flag() {
    let (_t, root) = workspace(&[("hengyang-county", "hy")]);
    let (code, _, _) = run_json(&root, &["hy", "--today", "2025-03-01"]);
    assert_eq!(code, 1, "hengyang has error findings: fails by default");
    write(&root.join("sscheck.toml"), "fail_on = \"never\"\n");
    let (code, json, err) = run_json(&root, &["hy", "--today", "2025-03-01"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        !findings(&json, 0).is_empty(),
        "findings are still reported"
    );
    let (code, _, _) = run_json(
        &root,
        &["hy", "--today", "2025-03-01", "--fail-on", "error"],
    );
    assert_eq!(code, 1, "the flag beats the file");
}

#[test]
fn lang_from_file_and_flag() {
    let (_t, root) = workspace(&[("shenzhen-nanshan", "sz")]);
    write(&root.join("sscheck.toml"), "lang = \"en\"\n");
    let (_, out, _) = run_human(&root, &["sz", "--today", "2025-03-01"]);
    assert!(out.contains("rules:") && out.contains("passed"), "{out}");
    let (_, out, _) = run_human(&root, &["sz", "--today", "2025-03-01", "--lang", "zh"]);
    assert!(out.contains("通过"), "{out}");
    write(&root.join("sscheck.toml"), "lang = \"zh\"\n");
    let (_, out, _) = run_human(&root, &["sz", "--today", "2025-03-01"]);
    assert!(out.contains("通过"), "{out}");
}

#[test]
fn standard_from_file_as_folder_or_name_and_flag_wins() {
    let (_t, root) = workspace(&[("shenzhen-nanshan", "sz")]);
    copy_dir(&repo().join("standards"), &root.join("standards"));
    write(
        &root.join("sscheck.toml"),
        "standard = \"standards/jiangsu-star\"\n",
    );
    let (code, json, err) = run_json(&root, &["sz", "--today", "2025-03-01", "--lang", "en"]);
    assert!(code == 0 || code == 1, "{err}");
    assert_eq!(json["standard"]["id"], "jiangsu-star");
    // Relative to the config file, not to the working folder.
    let (_, json, err) = run_json(&root.join("sz"), &["--today", "2025-03-01"]);
    assert_eq!(json["standard"]["id"], "jiangsu-star", "{err}");
    let (_, json, _) = run_json(
        &root,
        &[
            "sz",
            "--today",
            "2025-03-01",
            "--standard",
            "national-baseline",
        ],
    );
    assert_eq!(json["standard"]["id"], "national-baseline");
    write(
        &root.join("sscheck.toml"),
        "standard = \"national-baseline\"\n",
    );
    let (code, json, _) = run_json(&root, &["sz", "--today", "2025-03-01"]);
    assert_eq!(code, 0);
    assert_eq!(json["standard"]["id"], "national-baseline");
}

#[test]
fn select_and_ignore_from_file_and_flag() {
    let (_t, root) = workspace(&[("zombie-center", "z")]);
    write(
        &root.join("sscheck.toml"),
        "select = [\"EVA\"]\nignore = \"EVA-004\"\n",
    );
    let (_, json, err) = run_json(&root, &["z", "--today", "2025-03-01"]);
    let f = findings(&json, 0);
    assert!(!f.is_empty(), "{err}");
    assert!(
        f.iter().all(|r| r.starts_with("EVA-") && r != "EVA-004"),
        "{f:?}"
    );
    assert_eq!(outcome(&json, 0, "SUP-001"), "not-selected");
    assert_eq!(outcome(&json, 0, "EVA-004"), "not-selected");
    // The flag's select replaces the file's.
    let (_, json, _) = run_json(&root, &["z", "--today", "2025-03-01", "--select", "SUP"]);
    let f = findings(&json, 0);
    assert!(
        !f.is_empty() && f.iter().all(|r| r.starts_with("SUP-")),
        "{f:?}"
    );
    // A flag with only --ignore adds to the file's selection.
    let (_, json, _) = run_json(
        &root,
        &["z", "--today", "2025-03-01", "--ignore", "EVA-005"],
    );
    let f = findings(&json, 0);
    assert!(f.iter().all(|r| r.starts_with("EVA-")), "{f:?}");
    assert!(!f.contains(&"EVA-005".to_string()) && !f.contains(&"EVA-004".to_string()));
}

#[test]
fn today_from_file_and_flag() {
    let (_t, root) = workspace(&[("hengyang-county", "hy")]);
    // The waiver of SUP-003 expires 2025-12-31.
    write(&root.join("sscheck.toml"), "today = 2030-01-01\n");
    let (_, json, err) = run_json(&root, &["hy"]);
    assert!(
        findings(&json, 0).contains(&"input/waiver-expired".to_string()),
        "{err}"
    );
    let (_, json, _) = run_json(&root, &["hy", "--today", "2025-03-01"]);
    assert!(!findings(&json, 0).contains(&"input/waiver-expired".to_string()));
    write(&root.join("sscheck.toml"), "today = \"2025-03-01\"\n");
    let (_, json, _) = run_json(&root, &["hy"]);
    assert!(!findings(&json, 0).contains(&"input/waiver-expired".to_string()));
}

/// Listed findings, not counting the "too many findings" notice.
fn listed(json: &Value, i: usize) -> usize {
    findings(json, i)
        .iter()
        .filter(|r| *r != "input/findings-capped")
        .count()
}

#[test]
fn precedence_defaults_file_override_flag() {
    let (_t, root) = workspace(&[("zombie-center", "jiangsu/z"), ("zombie-center", "other/z")]);
    let args = ["jiangsu/z", "other/z", "--today", "2025-03-01"];
    let (_, json, _) = run_json(&root, &args);
    let all = listed(&json, 0);
    assert!(all > 3, "defaults: every finding listed ({all})");
    write(
        &root.join("sscheck.toml"),
        "max_findings = 3\n\n[[overrides]]\npaths = [\"jiangsu/**\"]\nmax_findings = 2\n",
    );
    let (_, json, err) = run_json(&root, &args);
    assert_eq!(listed(&json, 0), 2, "override beats file: {err}");
    assert_eq!(listed(&json, 1), 3, "file beats defaults");
    // Output keeps argument order across groups.
    assert!(json["submissions"][0]["path"]
        .as_str()
        .unwrap()
        .starts_with("jiangsu"));
    assert!(json["submissions"][1]["path"]
        .as_str()
        .unwrap()
        .starts_with("other"));
    let (_, json, _) = run_json(&root, &[&args[..], &["--max-findings", "1"]].concat());
    assert_eq!(listed(&json, 0), 1, "flag beats override");
    assert_eq!(listed(&json, 1), 1, "flag beats file");
}

#[test]
fn overrides_give_a_different_standard_and_gate_per_path() {
    let (_t, root) = workspace(&[
        ("hengyang-county", "hunan/hy"),
        ("shenzhen-nanshan", "jiangsu/sz"),
        ("hengyang-county", "jiangsu/hy"),
    ]);
    let jiangsu = repo().join("standards/jiangsu-star");
    write(
        &root.join("sscheck.toml"),
        &format!(
            "[[overrides]]\npaths = [\"jiangsu/**\"]\nstandard = '{}'\nfail_on = \"never\"\n",
            jiangsu.display()
        ),
    );
    let (code, out, err) = run_human(
        &root,
        &["jiangsu/hy", "--today", "2025-03-01", "--lang", "en"],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("standard jiangsu-star"), "{out}");
    let (code, out, _) = run_human(
        &root,
        &[
            "hunan/hy",
            "jiangsu/sz",
            "jiangsu/hy",
            "--today",
            "2025-03-01",
            "--lang",
            "en",
        ],
    );
    assert_eq!(code, 1, "hunan/hy still fails");
    let heads: Vec<&str> = out.lines().filter(|l| l.starts_with("== ")).collect();
    assert_eq!(heads.len(), 3, "{out}");
    assert!(heads[0].contains("hunan/hy") && heads[0].contains("national-baseline"));
    assert!(heads[1].contains("jiangsu/sz") && heads[1].contains("jiangsu-star"));
    assert!(heads[2].contains("jiangsu/hy") && heads[2].contains("jiangsu-star"));
}

#[test]
fn discovery_walks_up_and_stops_at_the_repository_root() {
    let (_t, root) = workspace(&[("hengyang-county", "a/b/hy")]);
    write(&root.join("sscheck.toml"), "fail_on = \"never\"\n");
    let (code, _, _) = run_json(&root.join("a/b"), &["hy", "--today", "2025-03-01"]);
    assert_eq!(code, 0, "found two folders up");
    // A nearer file wins over the farther one.
    write(&root.join("a/sscheck.toml"), "fail_on = \"error\"\n");
    let (code, _, _) = run_json(&root, &["a/b/hy", "--today", "2025-03-01"]);
    assert_eq!(code, 1);
    // Above a repository root nothing is searched.
    std::fs::remove_file(root.join("a/sscheck.toml")).unwrap();
    std::fs::create_dir_all(root.join("a/.git")).unwrap();
    let (code, _, _) = run_json(&root, &["a/b/hy", "--today", "2025-03-01"]);
    assert_eq!(code, 1);
}

#[test]
fn config_flag_and_isolated() {
    let (_t, root) = workspace(&[("hengyang-county", "hy")]);
    write(&root.join("sscheck.toml"), "fail_on = \"never\"\n");
    write(
        &root.join("elsewhere/strict.toml"),
        "fail_on = \"warning\"\nmax_findings = 1\n",
    );
    let (code, _, _) = run_json(&root, &["hy", "--today", "2025-03-01", "--isolated"]);
    assert_eq!(code, 1, "--isolated ignores sscheck.toml");
    let (code, json, err) = run_json(
        &root,
        &[
            "hy",
            "--today",
            "2025-03-01",
            "--config",
            "elsewhere/strict.toml",
        ],
    );
    assert_eq!(code, 1, "{err}");
    assert_eq!(listed(&json, 0), 1, "--config replaces the discovered file");
    let (code, _, err) = run_json(&root, &["hy", "--config", "missing.toml"]);
    assert_eq!(code, 2);
    assert!(err.contains("missing.toml"), "{err}");
    let (code, _, _) = run_json(&root, &["hy", "--config", "x.toml", "--isolated"]);
    assert_eq!(code, 2, "the two conflict");
}

#[test]
fn wrong_key_is_a_located_diagnostic_with_a_suggestion() {
    let (_t, root) = workspace(&[("shenzhen-nanshan", "sz")]);
    write(
        &root.join("sscheck.toml"),
        "lang = \"en\"\n# strict\nfial_on = \"warning\"\n",
    );
    let (code, json, err) = run_json(&root, &["sz", "--lang", "en"]);
    assert_eq!(code, 2);
    assert_eq!(json, Value::Null, "no report");
    assert!(err.contains("sscheck.toml:3:1:"), "{err}");
    assert!(err.contains("did you mean `fail_on`"), "{err}");
    let (code, _, err) = run_json(&root, &["sz", "--lang", "zh"]);
    assert_eq!(code, 2);
    assert!(err.contains("未知的配置项 `fial_on`"), "{err}");
    write(
        &root.join("sscheck.toml"),
        "[[overrides]]\npaths = [\"x/**\"]\nfail_on = \"warn\"\n",
    );
    let (code, _, err) = run_json(&root, &["sz", "--lang", "en"]);
    assert_eq!(code, 2);
    assert!(err.contains("sscheck.toml:3:"), "{err}");
    assert!(err.contains("did you mean `warning`"), "{err}");
    write(
        &root.join("sscheck.toml"),
        "standard = \"nationl-baseline\"\n",
    );
    let (code, _, err) = run_json(&root, &["sz", "--lang", "en"]);
    assert_eq!(code, 2);
    assert!(err.contains("sscheck.toml:1:12:"), "{err}");
    assert!(err.contains("national-baseline"), "{err}");
    // --isolated gets past a broken file.
    let (code, _, _) = run_json(&root, &["sz", "--isolated", "--today", "2025-03-01"]);
    assert_eq!(code, 0);
}

#[test]
fn schema_config_is_valid_and_accepts_a_sample() {
    let out = sscheck().args(["schema", "config"]).output().unwrap();
    assert!(out.status.success());
    let schema: Value = serde_json::from_slice(&out.stdout).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let sample = r#"
standard = "standards/jiangsu-star"
fail_on = "warning"
lang = "zh"
select = ["all"]
ignore = ["EVA-004", "input/encoding-gbk"]
today = "2025-03-01"
max_findings = 200

[[overrides]]
paths = ["jiangsu/**"]
standard = "national-baseline"
select = "SUP,EVA"
"#;
    let as_json =
        |text: &str| serde_json::to_value(toml::from_str::<toml::Value>(text).unwrap()).unwrap();
    let ok = as_json(sample);
    assert!(
        validator.is_valid(&ok),
        "{:?}",
        validator
            .iter_errors(&ok)
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
    );
    assert!(!validator.is_valid(&as_json("fial_on = \"warning\"")));
    assert!(!validator.is_valid(&as_json("fail_on = \"warn\"")));
    assert!(!validator.is_valid(&as_json("[[overrides]]\nfail_on = \"never\"")));
    // The sample is also a file check accepts.
    let (_t, root) = workspace(&[("shenzhen-nanshan", "sz")]);
    copy_dir(&repo().join("standards"), &root.join("standards"));
    write(&root.join("sscheck.toml"), sample);
    let (code, _, err) = run_json(&root, &["sz"]);
    assert!(code == 0 || code == 1, "{err}");
}

#[test]
fn check_without_a_path_checks_the_current_folder() {
    let (_t, root) = workspace(&[("shenzhen-nanshan", "sz")]);
    let (code, json, err) = run_json(&root.join("sz"), &["--today", "2025-03-01"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(json["submissions"].as_array().unwrap().len(), 1);
    assert_eq!(json["submissions"][0]["path"], ".");
    assert!(json["submissions"][0]["center_id"].is_string());
}

#[test]
fn standard_flag_takes_embedded_names_and_folders_win() {
    let (_t, root) = workspace(&[("shenzhen-nanshan", "sz")]);
    let (code, json, err) = run_json(
        &root,
        &[
            "sz",
            "--standard",
            "national-baseline",
            "--today",
            "2025-03-01",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(json["standard"]["id"], "national-baseline");
    let (code, _, err) = run_json(&root, &["sz", "--standard", "jiangsu", "--lang", "en"]);
    assert_eq!(code, 2);
    assert!(err.contains("embedded: national-baseline"), "{err}");
    // A folder called like an embedded standard is the folder.
    copy_dir(&repo().join("standards"), &root.join("standards"));
    copy_dir(
        &root.join("standards/jiangsu-star"),
        &root.join("national-baseline"),
    );
    std::fs::write(
        root.join("national-baseline/standard.yaml"),
        std::fs::read_to_string(root.join("national-baseline/standard.yaml"))
            .unwrap()
            .replace("../national-baseline", "../standards/national-baseline"),
    )
    .unwrap();
    let (_, json, err) = run_json(
        &root,
        &[
            "sz",
            "--standard",
            "national-baseline",
            "--today",
            "2025-03-01",
        ],
    );
    assert_eq!(json["standard"]["id"], "jiangsu-star", "{err}");
    // rules and explain take names too.
    let out = sscheck()
        .args(["rules", "--standard", "national-baseline"])
        .output()
        .unwrap();
    assert!(out.status.success());
}

#[test]
fn explain_suggests_the_closest_ids() {
    let out = sscheck()
        .args(["explain", "EVA-04", "--lang", "en"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("did you mean `EVA-004`?"), "{err}");
    let out = sscheck()
        .args(["explain", "SUP-3", "--lang", "zh"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("是否想写 `SUP-003`"), "{err}");
    let out = sscheck()
        .args(["explain", "XYZ-999", "--lang", "en"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("did you mean"), "{err}");
}

/// `audit ROOT` from `dir` with a JSON report; exit code, report, stderr.
fn audit_json(dir: &Path, args: &[&str]) -> (i32, Value, String) {
    let out_dir = tempfile::tempdir().unwrap();
    let report = out_dir.path().join("audit.json");
    let out = sscheck()
        .current_dir(dir)
        .arg("audit")
        .args(args)
        .arg("--no-progress")
        .arg("--output")
        .arg(format!("json={}", report.display()))
        .output()
        .unwrap();
    let json = std::fs::read(&report)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or(Value::Null);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code().unwrap_or(-1), json, stderr)
}

#[test]
fn audit_selects_rules_per_submission_from_its_nearest_config_and_overrides() {
    let (_t, root) = workspace(&[
        ("hengyang-county", "hunan/hy"),
        ("hengyang-county", "jiangsu/hy"),
    ]);
    let args = [
        "hunan",
        "jiangsu",
        "--today",
        "2025-03-01",
        "--fail-on",
        "never",
    ];
    // Without a config both are checked alike: each has a BAS-007 and a SUP-003 finding.
    let (_, json, err) = audit_json(&root, &args);
    for i in 0..2 {
        let rules = findings(&json, i);
        assert!(
            rules.contains(&"BAS-007".into()) && rules.contains(&"SUP-003".into()),
            "{err}"
        );
    }
    write(
        &root.join("sscheck.toml"),
        "[[overrides]]\npaths = [\"jiangsu/**\"]\nignore = [\"BAS-007\"]\n",
    );
    // The nearest file wins for the folders below it, as for `check`.
    write(
        &root.join("hunan/hy/sscheck.toml"),
        "ignore = [\"SUP-003\"]\n",
    );
    let (code, json, err) = audit_json(&root, &args);
    assert_eq!(code, 0, "{err}");
    let subs = json["submissions"].as_array().unwrap();
    assert_eq!(subs[0]["path"].as_str().unwrap(), "hunan/hy");
    assert_eq!(subs[1]["path"].as_str().unwrap(), "jiangsu/hy");
    let hunan = findings(&json, 0);
    assert!(hunan.contains(&"BAS-007".into()) && !hunan.contains(&"SUP-003".into()));
    assert_eq!(outcome(&json, 0, "SUP-003"), "not-selected");
    let jiangsu = findings(&json, 1);
    assert!(!jiangsu.contains(&"BAS-007".into()) && jiangsu.contains(&"SUP-003".into()));
    assert_eq!(outcome(&json, 1, "BAS-007"), "not-selected");
    // The config files are no material left outside a submission.
    assert_eq!(json["summary"]["skipped"], 0, "{}", json["summary"]);
}

#[test]
fn audit_refuses_configs_that_disagree_on_what_an_audit_decides_once() {
    let (_t, root) = workspace(&[
        ("hengyang-county", "hunan/hy"),
        ("shenzhen-nanshan", "jiangsu/sz"),
    ]);
    let jiangsu = repo().join("standards/jiangsu-star");
    write(
        &root.join("sscheck.toml"),
        &format!(
            "[[overrides]]\npaths = [\"jiangsu/**\"]\nstandard = '{}'\n",
            jiangsu.display()
        ),
    );
    let (code, json, err) = audit_json(&root, &[".", "--today", "2025-03-01", "--lang", "en"]);
    assert_eq!(code, 2, "{err}");
    assert!(json.is_null(), "no report is written");
    assert!(
        err.contains("different values of standard (jiangsu-star 1.0.0, national-baseline 1.0.0)")
            && err.contains("pass --standard"),
        "{err}"
    );
    // The default standard, and the same one named: one standard.
    write(
        &root.join("sscheck.toml"),
        "[[overrides]]\npaths = [\"jiangsu/**\"]\nstandard = \"national-baseline\"\n",
    );
    let (code, _, err) = audit_json(&root, &[".", "--today", "2025-03-01", "--fail-on", "never"]);
    assert_eq!(code, 0, "{err}");
    let (code, json, err) = audit_json(
        &root,
        &[
            ".",
            "--today",
            "2025-03-01",
            "--standard",
            "national-baseline",
            "--fail-on",
            "never",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(json["standard"]["id"], "national-baseline");
    assert_eq!(json["submissions"].as_array().unwrap().len(), 2);

    // The gate too: one per audit, or the flag.
    write(
        &root.join("sscheck.toml"),
        "[[overrides]]\npaths = [\"jiangsu/**\"]\nfail_on = \"never\"\n",
    );
    let (code, _, err) = audit_json(&root, &[".", "--today", "2025-03-01", "--lang", "zh"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("fail_on（error, never）") && err.contains("请用 --fail-on 指定"),
        "{err}"
    );
    let (code, _, err) = audit_json(&root, &[".", "--today", "2025-03-01", "--fail-on", "never"]);
    assert_eq!(code, 0, "{err}");
}
