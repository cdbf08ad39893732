#![allow(dead_code)]
//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn example(name: &str) -> PathBuf {
    repo().join("examples").join(name)
}

/// Copy a folder tree (files only) into `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A fresh copy of an example in a temporary folder.
pub fn example_copy(name: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join(name);
    copy_dir(&example(name), &dir);
    (tmp, dir)
}

pub fn sscheck() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("sscheck").unwrap();
    cmd.current_dir(repo())
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("NO_COLOR", "1");
    cmd
}

/// Run `check --format json` and parse the output.
pub fn check_json(args: &[&str]) -> (i32, serde_json::Value) {
    let mut cmd = sscheck();
    cmd.arg("check")
        .args(args)
        .args(["--format", "json", "--lang", "en"]);
    if !args.contains(&"--today") {
        cmd.args(["--today", "2025-03-01"]);
    }
    let out = cmd.output().unwrap();
    let json = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    (out.status.code().unwrap_or(-1), json)
}

/// Findings of the first submission whose rule is `rule`.
pub fn findings<'a>(json: &'a serde_json::Value, rule: &str) -> Vec<&'a serde_json::Value> {
    json["submissions"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == rule)
        .collect()
}

pub fn outcome(json: &serde_json::Value, rule: &str) -> String {
    json["submissions"][0]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rule"] == rule)
        .map(|r| r["outcome"].as_str().unwrap().to_string())
        .unwrap_or_default()
}
