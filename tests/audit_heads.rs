//! What an audit keeps per center between discovery and the cross-center rules (the
//! discovery list, the paths, the heads the rules compare) is compact, but must still
//! give back every submission's folder and every peer exactly: these runs compare the
//! reports of the same submissions found in different ways.

mod common;

use std::path::{Path, PathBuf};

use common::{audit_to_json, copy_dir, corpus, example, merge_expecting};

/// Run `audit` over `roots` with `extra` arguments, writing the JSON report to `out`;
/// returns the exit code and the report's bytes.
fn audit_to(roots: &[PathBuf], extra: &[&str], out: &Path) -> (i32, Vec<u8>) {
    let run = audit_to_json(roots, extra, out);
    let code = run.status.code().unwrap_or(-1);
    assert!(
        code == 0 || code == 1,
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    (code, std::fs::read(out).unwrap())
}

fn report(bytes: &[u8]) -> serde_json::Value {
    serde_json::from_slice(bytes).unwrap()
}

fn paths(json: &serde_json::Value) -> Vec<String> {
    json["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["path"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_root_written_differently_or_given_twice_gives_the_same_report() {
    let (tmp, root) = corpus(45, 7);
    let (code, plain) = audit_to(std::slice::from_ref(&root), &[], &tmp.path().join("a.json"));
    let json = report(&plain);
    assert_eq!(paths(&json).len(), 45);
    // The cross-center rules ran and compared: some center is told about a copy.
    let text = String::from_utf8_lossy(&plain);
    assert!(text.contains("\"related\""), "no cross-center finding");

    let slashed = PathBuf::from(format!("{}/", root.display()));
    let dotted = tmp.path().join(".").join("corpus");
    let ways: [(&str, Vec<PathBuf>); 3] = [
        ("a trailing slash", vec![slashed.clone()]),
        ("a `.` inside", vec![dotted.clone()]),
        ("the root three times", vec![root.clone(), slashed, dotted]),
    ];
    for (k, (how, roots)) in ways.iter().enumerate() {
        let (c, bytes) = audit_to(roots, &[], &tmp.path().join(format!("w{k}.json")));
        assert_eq!(c, code, "{how}");
        // The report names its roots; the submissions and summary are the same.
        let mut other = report(&bytes);
        assert!(other["submissions"] == json["submissions"], "{how}");
        // Stray files are counted under each root given.
        let skipped = other["summary"]["skipped"].as_u64().unwrap();
        assert_eq!(
            skipped,
            json["summary"]["skipped"].as_u64().unwrap() * roots.len() as u64
        );
        other["summary"]["skipped"] = json["summary"]["skipped"].clone();
        assert!(other["summary"] == json["summary"], "{how}");
    }
}

#[test]
fn two_roots_checked_together_equal_their_shards_merged() {
    let (tmp_a, a) = corpus(30, 21);
    let (_tmp_b, b) = corpus(25, 22);
    // The same centers under two roots: the second copy of each is a copy of the first.
    let roots = [a.clone(), b.clone()];
    let (code, single) = audit_to(&roots, &[], &tmp_a.path().join("single.json"));
    let json = report(&single);
    let all = paths(&json);
    assert_eq!(all.len(), 55);
    let mut sorted = all.clone();
    sorted.sort();
    assert_eq!(all, sorted, "the report lists the centers in path order");

    let mut shards = Vec::new();
    for k in 1..=4 {
        let out = tmp_a.path().join(format!("shard-{k}.json"));
        audit_to(&roots, &["--shard", &format!("{k}/4")], &out);
        shards.push(out);
    }
    let merged = tmp_a.path().join("merged.json");
    merge_expecting(&shards, &[format!("json={}", merged.display())], code);
    assert!(
        std::fs::read(&merged).unwrap() == single,
        "the merge of the shards differs from the single run"
    );
}

#[cfg(unix)]
#[test]
fn a_folder_whose_name_is_not_utf8_is_checked_where_it_is() {
    use std::os::unix::ffi::OsStrExt;
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("subs");
    // 成都 in GBK: a name written on a Windows machine and copied over as is.
    let odd = root.join(std::ffi::OsStr::from_bytes(b"\xb3\xc9\xb6\xbc"));
    if std::fs::create_dir_all(&odd).is_err() {
        return; // a file system that refuses such names
    }
    copy_dir(&example("shenzhen-nanshan"), &odd);
    copy_dir(&example("shenzhen-nanshan"), &root.join("plain"));
    let (_, bytes) = audit_to(std::slice::from_ref(&root), &[], &tmp.path().join("r.json"));
    let json = report(&bytes);
    let subs = json["submissions"].as_array().unwrap();
    assert_eq!(subs.len(), 2);
    let (odd_one, plain) = if subs[0]["path"].as_str().unwrap().ends_with("plain") {
        (&subs[1], &subs[0])
    } else {
        (&subs[0], &subs[1])
    };
    assert!(odd_one["path"].as_str().unwrap().contains('\u{FFFD}'));
    // Read from its own folder: scored as the same submission under a plain name.
    assert_eq!(odd_one["center_id"], plain["center_id"]);
    assert_eq!(odd_one["score"], plain["score"]);
}
