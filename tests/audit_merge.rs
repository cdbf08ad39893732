//! `sscheck merge` reads shard reports as they stream (their centers one at a time): a
//! report that is broken, cut short, of another standard or without its centers is
//! refused with a message that names it, exit 2, and nothing is written.

mod common;

use std::path::{Path, PathBuf};

use common::{audit_to_json, corpus, merge};

/// Shard reports of a small generated corpus, split in two.
fn shards(tmp: &Path, root: &Path) -> Vec<PathBuf> {
    (1..=2)
        .map(|k| {
            let path = tmp.join(format!("shard-{k}.json"));
            let out = audit_to_json(
                &[root.to_path_buf()],
                &["--shard", &format!("{k}/2")],
                &path,
            );
            assert!(matches!(out.status.code(), Some(0 | 1)), "shard {k}");
            path
        })
        .collect()
}

/// `sscheck merge` of `reports` into a JSON file: exit code, stderr, and whether the
/// file was written.
fn merge_to_json(tmp: &Path, reports: &[PathBuf]) -> (Option<i32>, String, bool) {
    let target = tmp.join("merged.json");
    let _ = std::fs::remove_file(&target);
    let out = merge(reports, &[format!("json={}", target.display())]);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        target.exists(),
    )
}

#[test]
fn broken_shard_reports_are_refused_with_their_name() {
    let (tmp, root) = corpus(12, 5);
    let reports = shards(tmp.path(), &root);
    let (code, stderr, written) = merge_to_json(tmp.path(), &reports);
    assert!(matches!(code, Some(0 | 1)), "{stderr}");
    assert!(written);
    let good = std::fs::read_to_string(&reports[1]).unwrap();
    let json: serde_json::Value = serde_json::from_str(&good).unwrap();
    assert!(!json["submissions"].as_array().unwrap().is_empty());

    // The good report with one change.
    let edited = |change: &dyn Fn(&mut serde_json::Value)| {
        let mut v = json.clone();
        change(&mut v);
        v.to_string()
    };
    let broken = tmp.path().join("broken.json");
    let cases: Vec<(&str, String, &str)> = vec![
        // Cut in the middle of its centers.
        (
            "cut short",
            good[..good.len() * 2 / 3].to_string(),
            "not a JSON report of sscheck",
        ),
        // Its centers taken away.
        (
            "no centers",
            edited(&|v| {
                v.as_object_mut().unwrap().remove("submissions");
            }),
            "submissions",
        ),
        // A center whose rules are not the standard's.
        (
            "another rule",
            edited(&|v| v["submissions"][0]["rules"][0]["rule"] = "XYZ-999".into()),
            "were the shards written with another standard?",
        ),
        // A center that is not one.
        (
            "a number for a center",
            edited(&|v| v["submissions"][0] = 7.into()),
            "not a JSON report of sscheck",
        ),
        // Another standard's report.
        (
            "another standard",
            edited(&|v| v["standard"]["version"] = "0.0.0-other".into()),
            "pass the --standard the shards were written with",
        ),
        // Not a shard.
        (
            "no shard",
            edited(&|v| {
                v.as_object_mut().unwrap().remove("shard");
            }),
            "not a shard report",
        ),
    ];
    for (what, text, says) in cases {
        std::fs::write(&broken, text).unwrap();
        let (code, stderr, written) =
            merge_to_json(tmp.path(), &[reports[0].clone(), broken.clone()]);
        assert_eq!(code, Some(2), "{what}: {stderr}");
        assert!(stderr.contains("cannot merge"), "{what}: {stderr}");
        assert!(stderr.contains("broken.json"), "{what}: {stderr}");
        assert!(stderr.contains(says), "{what}: {stderr}");
        assert!(!written, "{what}: a report was written");
    }
    // A report that does not exist.
    let (code, stderr, _) = merge_to_json(
        tmp.path(),
        &[reports[0].clone(), tmp.path().join("nope.json")],
    );
    assert_eq!(code, Some(2));
    assert!(stderr.contains("cannot read the file"), "{stderr}");
}

#[test]
fn the_same_shard_given_twice_is_refused_before_its_centers_are_read() {
    let (tmp, root) = corpus(6, 9);
    let reports = shards(tmp.path(), &root);
    // The same shard twice is refused before any center is read.
    let (code, stderr, written) =
        merge_to_json(tmp.path(), &[reports[0].clone(), reports[0].clone()]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("given twice"), "{stderr}");
    assert!(!written);
}
