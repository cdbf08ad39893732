//! The read-only guarantee: sscheck never writes into a submission. Every command that
//! reads submissions runs over a tree (examples, hostile files, a generated corpus), and
//! the tree's bytes, symlink targets and mtimes are compared before and after, also
//! when the run is killed part-way (SIGKILL, so nothing is cleaned up).

mod common;

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

/// Every command that reads submissions, as arguments for a root folder holding
/// submission folders and the list of those folders. A new command is one line here.
fn commands(root: &Path, subs: &[PathBuf]) -> Vec<Vec<OsString>> {
    let with = |head: &[&str], paths: &[&Path]| -> Vec<OsString> {
        let mut v: Vec<OsString> = head.iter().map(OsString::from).collect();
        v.extend(paths.iter().map(|p| p.as_os_str().to_os_string()));
        v
    };
    let subs: Vec<&Path> = subs.iter().map(PathBuf::as_path).collect();
    let _ = root; // used by `audit`
    vec![
        with(&["check", "--format", "json"], &subs),
        with(&["check", "--format", "human", "--decode-gbk"], &subs),
        // with(&["audit", "--format", "json"], &[root]),  // once `sscheck audit` exists
    ]
}

fn submissions(root: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("center.yaml").exists())
        .collect();
    v.sort();
    v
}

fn os(args: &[OsString]) -> Vec<&OsStr> {
    args.iter().map(OsString::as_os_str).collect()
}

#[test]
fn check_leaves_examples_and_hostile_files_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("root");
    for name in ["shenzhen-nanshan", "hengyang-county", "zombie-center"] {
        copy_dir(&example(name), &root.join(name));
    }
    // Hostile bits: CRLF + BOM, GBK (decoded with --decode-gbk), a symlink out, a loop.
    let hy = root.join("hengyang-county");
    let report = hy.join("docs/05_2024年度绩效自评报告.md");
    let text = std::fs::read_to_string(&report).unwrap();
    std::fs::write(&report, format!("\u{feff}{}", text.replace('\n', "\r\n"))).unwrap();
    let zc = root.join("zombie-center/docs/数据安全管理制度.md");
    let utf8 = std::fs::read_to_string(&zc).unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode(&utf8);
    std::fs::write(&zc, gbk).unwrap();
    #[cfg(unix)]
    {
        let outside = tmp.path().join("outside.md");
        std::fs::write(&outside, "# 外部\n").unwrap();
        let doc = root.join("shenzhen-nanshan/docs/数据安全管理制度.md");
        std::fs::remove_file(&doc).unwrap();
        std::os::unix::fs::symlink(&outside, &doc).unwrap();
        std::os::unix::fs::symlink("loop", root.join("shenzhen-nanshan/docs/loop")).unwrap();
    }
    let subs = submissions(&root);
    assert_eq!(subs.len(), 3);
    let before = snapshot(tmp.path());
    for args in commands(&root, &subs) {
        let run = run_watched(&os(&args), Duration::from_secs(60));
        assert!(matches!(run.code, Some(0 | 1)), "{args:?}: {:?}", run.code);
        assert_same_tree(&before, &snapshot(tmp.path()), &format!("{args:?}"));
    }
}

#[test]
fn an_interrupted_run_leaves_the_corpus_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("corpus");
    let opts = sscheck_corpus::Options {
        centers: 200,
        seed: 3,
        ..Default::default()
    };
    sscheck_corpus::generate(&opts, &root).expect("the corpus generator writes the corpus");
    let subs = submissions(&root);
    assert_eq!(subs.len(), 200);
    let before = snapshot(&root);
    let mut killed_midway = 0;
    for args in commands(&root, &subs) {
        for delay_ms in [2, 10, 40, 120] {
            let mut child = Command::new(env!("CARGO_BIN_EXE_sscheck"))
                .args(&args)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            std::thread::sleep(Duration::from_millis(delay_ms));
            if child.try_wait().unwrap().is_none() {
                killed_midway += 1;
            }
            child.kill().unwrap(); // SIGKILL on Unix: no handler runs
            child.wait().unwrap();
            assert_same_tree(
                &before,
                &snapshot(&root),
                &format!("{:?} killed after {delay_ms} ms", &args[..2]),
            );
        }
        // And a run to the end.
        let start = Instant::now();
        let run = run_watched(&os(&args), Duration::from_secs(120));
        assert!(matches!(run.code, Some(0 | 1)), "{:?}", run.code);
        assert_same_tree(
            &before,
            &snapshot(&root),
            &format!("{:?} complete", &args[..2]),
        );
        eprintln!("{:?}: full run in {:?}", &args[..3], start.elapsed());
    }
    assert!(
        killed_midway > 0,
        "no run was interrupted while working; the test proved nothing"
    );
}
