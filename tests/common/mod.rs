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

/// One entry of a tree snapshot: what a path is, its bytes (regular files) or link
/// target (symlinks), and its modification time.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry {
    pub path: PathBuf,
    pub kind: &'static str,
    pub content: Vec<u8>,
    pub modified: Option<std::time::SystemTime>,
}

/// Bytes and mtimes of every file of a tree, without following symlinks and without
/// opening anything that is not a regular file (a FIFO would block).
pub fn snapshot(root: &Path) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(p) = stack.pop() {
        let meta = std::fs::symlink_metadata(&p).unwrap();
        let t = meta.file_type();
        let (kind, content) = if t.is_symlink() {
            let target = std::fs::read_link(&p).unwrap();
            ("symlink", target.to_string_lossy().as_bytes().to_vec())
        } else if t.is_dir() {
            for e in std::fs::read_dir(&p).unwrap() {
                stack.push(e.unwrap().path());
            }
            ("dir", Vec::new())
        } else if t.is_file() {
            ("file", std::fs::read(&p).unwrap())
        } else {
            ("other", Vec::new())
        };
        out.push(Entry {
            path: p,
            kind,
            content,
            modified: meta.modified().ok(),
        });
    }
    out.sort();
    out
}

/// Assert two snapshots are equal, naming the first difference (not dumping megabytes).
pub fn assert_same_tree(before: &[Entry], after: &[Entry], what: &str) {
    assert_eq!(
        before.len(),
        after.len(),
        "{what}: the number of files changed"
    );
    for (b, a) in before.iter().zip(after) {
        assert_eq!(b.path, a.path, "{what}: a file appeared or vanished");
        assert!(
            b.kind == a.kind && b.content == a.content,
            "{what}: {} changed",
            b.path.display()
        );
        assert_eq!(
            b.modified,
            a.modified,
            "{what}: mtime of {} changed",
            b.path.display()
        );
    }
}

/// The outcome of a process run under a watchdog.
pub struct Watched {
    pub code: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub elapsed: std::time::Duration,
}

/// Run the sscheck binary with `args` and wait at most `deadline`: past it the process
/// is killed and the test fails. A hang detector, not a benchmark: the bound is generous
/// and only a run that never ends can exceed it.
pub fn run_watched(args: &[&std::ffi::OsStr], deadline: std::time::Duration) -> Watched {
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    let out_dir = tempfile::tempdir().unwrap();
    let out_path = out_dir.path().join("stdout");
    let err_path = out_dir.path().join("stderr");
    let mut child = Command::new(env!("CARGO_BIN_EXE_sscheck"))
        .args(args)
        .current_dir(repo())
        .env_remove("LANG")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "sscheck {:?} did not finish within {:?}: killed (a hang)",
                args, deadline
            );
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Watched {
        code: status.code(),
        stdout: std::fs::read(&out_path).unwrap(),
        stderr: std::fs::read(&err_path).unwrap(),
        elapsed: start.elapsed(),
    }
}

/// A generated corpus of `n` centers with copies and cohort outliers.
pub fn corpus(n: usize, seed: u64) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("corpus");
    let opts = sscheck_corpus::Options {
        centers: n,
        seed,
        defect_rate: 0.4,
        copy_rate: 0.1,
        outlier_rate: 0.05,
        ..sscheck_corpus::Options::default()
    };
    sscheck_corpus::generate(&opts, &root).unwrap();
    (tmp, root)
}

/// `sscheck merge --lang en` of shard `reports`, writing each of `outputs`
/// (`FORMAT=PATH`).
pub fn merge(reports: &[PathBuf], outputs: &[String]) -> std::process::Output {
    let mut cmd = sscheck();
    cmd.args(["merge", "--lang", "en"]).args(reports);
    for o in outputs {
        cmd.arg("--output").arg(o);
    }
    cmd.output().unwrap()
}

/// [`merge`], which must exit with `code` (its stderr is shown when not).
pub fn merge_expecting(reports: &[PathBuf], outputs: &[String], code: i32) {
    let out = merge(reports, outputs);
    assert_eq!(
        out.status.code(),
        Some(code),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `sscheck audit ROOTS` in English on 2025-03-01, with `extra` arguments, writing its
/// JSON report to `out`.
pub fn audit_to_json(roots: &[PathBuf], extra: &[&str], out: &Path) -> std::process::Output {
    sscheck()
        .arg("audit")
        .args(roots)
        .args(["--lang", "en", "--today", "2025-03-01", "--no-progress"])
        .args(extra)
        .arg("--output")
        .arg(format!("json={}", out.display()))
        .output()
        .unwrap()
}

/// Append `lines` to a file of the submission after a blank line; the 1-based number of
/// the first line appended (as JSON reports lines).
pub fn append_lines(dir: &Path, file: &str, lines: &[&str]) -> i64 {
    let p = dir.join(file);
    let mut t = std::fs::read_to_string(&p).unwrap();
    if !t.ends_with('\n') {
        t.push('\n');
    }
    t.push('\n');
    let first = t.lines().count() as i64 + 1;
    for l in lines {
        t.push_str(l);
        t.push('\n');
    }
    std::fs::write(p, t).unwrap();
    first
}

/// The submissions of an audit's JSON report where `rule` has `outcome`.
#[allow(dead_code)]
pub fn submissions_where<'a>(
    json: &'a serde_json::Value,
    rule: &str,
    outcome: &str,
) -> Vec<&'a serde_json::Value> {
    json["submissions"]
        .as_array()
        .expect("an audit report")
        .iter()
        .filter(|s| {
            s["rules"]
                .as_array()
                .expect("rules")
                .iter()
                .any(|r| r["rule"] == rule && r["outcome"] == outcome)
        })
        .collect()
}
