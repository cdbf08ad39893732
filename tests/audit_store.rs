//! The records of `sscheck audit` spilled to a temporary file between checking and
//! rendering: nothing written into the submissions, nothing left behind, an unusable
//! temporary folder a clear error, and every report read from the spilled records the
//! same whichever formats one run writes.

mod common;

use std::path::Path;

use common::{assert_same_tree, corpus, snapshot, sscheck};

const FORMATS: &[(&str, &str)] = &[
    ("human", "txt"),
    ("json", "json"),
    ("concise", "txt"),
    ("github", "txt"),
    ("sarif", "sarif"),
    ("junit", "xml"),
    ("csv", "csv"),
    ("html", "html"),
];

fn audit(root: &Path, tmpdir: &Path, extra: &[&str]) -> std::process::Output {
    sscheck()
        .arg("audit")
        .arg(root)
        .args([
            "--today",
            "2025-03-01",
            "--no-progress",
            "--fail-on",
            "never",
        ])
        .args(extra)
        .env("TMPDIR", tmpdir)
        .output()
        .unwrap()
}

#[test]
fn records_spill_outside_the_submissions_and_nothing_is_left_behind() {
    let (tmp, root) = corpus(30, 5);
    let spill = tmp.path().join("spill");
    std::fs::create_dir(&spill).unwrap();
    let before = snapshot(&root);
    let json = tmp.path().join("out.json");
    let html = tmp.path().join("out.html");
    let out = audit(
        &root,
        &spill,
        &[
            "--lang",
            "en",
            "--output",
            &format!("json={}", json.display()),
            "--output",
            &format!("html={}", html.display()),
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_same_tree(&before, &snapshot(&root), "audit");
    let left: Vec<_> = std::fs::read_dir(&spill).unwrap().collect();
    assert!(left.is_empty(), "temporary files left behind: {left:?}");
    let report: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    assert_eq!(report["submissions"].as_array().unwrap().len(), 30);
}

#[test]
fn an_unusable_temporary_folder_is_an_error_of_the_run_in_the_users_language() {
    let (tmp, root) = corpus(6, 9);
    let missing = tmp.path().join("no-such-folder");
    let not_a_folder = tmp.path().join("a-file");
    std::fs::write(&not_a_folder, "x").unwrap();
    for bad in [&missing, &not_a_folder] {
        for (lang, expected) in [("en", "temporary file"), ("zh", "临时文件")] {
            let out = audit(&root, bad, &["--lang", lang, "--format", "json"]);
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{stderr}");
            assert!(stderr.contains(expected), "{lang}: {stderr}");
            assert!(stderr.contains("TMPDIR"), "{lang}: {stderr}");
            // It names the folder it tried.
            assert!(stderr.contains(&*bad.to_string_lossy()), "{lang}: {stderr}");
            assert!(!stderr.contains("panicked"), "{stderr}");
            assert!(out.stdout.is_empty(), "a report was written");
        }
    }
    // `sscheck merge` spills too.
    let good = tmp.path().join("spill");
    std::fs::create_dir(&good).unwrap();
    let shard = tmp.path().join("shard.json");
    let out = audit(
        &root,
        &good,
        &[
            "--lang",
            "en",
            "--shard",
            "1/1",
            "--output",
            &format!("json={}", shard.display()),
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    let out = sscheck()
        .args(["merge", "--lang", "en", "--format", "json"])
        .arg(&shard)
        .env("TMPDIR", &missing)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("temporary file"), "{stderr}");
    // The one-center page of `sscheck check` needs no temporary folder.
    let first = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.join("center.yaml").is_file())
        .unwrap();
    let out = sscheck()
        .args([
            "check",
            "--format",
            "html",
            "--lang",
            "en",
            "--today",
            "2025-03-01",
        ])
        .arg(&first)
        .env("TMPDIR", &missing)
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("<html"));
}

#[test]
fn every_format_of_one_run_equals_its_own_run_and_relative_grades_reach_the_summary() {
    let (tmp, root) = corpus(60, 21);
    let spill = tmp.path().join("spill");
    std::fs::create_dir(&spill).unwrap();
    let standard = common::repo().join("standards/jiangsu-relative");
    let base = [
        "--lang".to_string(),
        "en".to_string(),
        "--standard".to_string(),
        standard.display().to_string(),
    ];
    // One run writes every format (the records are read once per format) ...
    let mut all: Vec<String> = base.to_vec();
    for (format, ext) in FORMATS {
        let path = tmp.path().join(format!("all-{format}.{ext}"));
        all.push("--output".into());
        all.push(format!("{format}={}", path.display()));
    }
    let args: Vec<&str> = all.iter().map(String::as_str).collect();
    let out = audit(&root, &spill, &args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // ... each the same as a run of its own.
    for (format, ext) in FORMATS {
        let alone = tmp.path().join(format!("alone-{format}.{ext}"));
        let mut args: Vec<String> = base.to_vec();
        args.extend(["--output".into(), format!("{format}={}", alone.display())]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        audit(&root, &spill, &args);
        let a = std::fs::read(tmp.path().join(format!("all-{format}.{ext}"))).unwrap();
        let b = std::fs::read(&alone).unwrap();
        assert!(!a.is_empty(), "{format}: empty");
        assert!(
            a == b,
            "{format}: one run of every format differs from its own run"
        );
    }
    // The summary counts the grades the records end with: relative grades included.
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(tmp.path().join("all-json.json")).unwrap()).unwrap();
    let subs = json["submissions"].as_array().unwrap();
    assert_eq!(json["summary"]["submissions"], subs.len());
    let mut counted = std::collections::BTreeMap::<String, u64>::new();
    for s in subs {
        let g = s["score"]["grade"].as_str().unwrap_or("-").to_string();
        *counted.entry(g).or_default() += 1;
    }
    let mut summary = std::collections::BTreeMap::<String, u64>::new();
    for g in json["summary"]["grades"].as_array().unwrap() {
        let n = g["count"].as_u64().unwrap();
        if n > 0 {
            summary.insert(g["grade"].as_str().unwrap().to_string(), n);
        }
    }
    assert_eq!(counted, summary);
    // Percentile grading gives each cohort its As and Cs.
    assert!(counted.get("A").copied().unwrap_or(0) > 0, "{counted:?}");
    assert!(counted.get("C").copied().unwrap_or(0) > 0, "{counted:?}");
    // The paths come sorted, each once.
    let paths: Vec<&str> = subs.iter().map(|s| s["path"].as_str().unwrap()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(paths, sorted);
}
