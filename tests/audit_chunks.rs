//! An audit of more centers than the steps the audit works in (records settled, read
//! back and rendered a few dozen at a time in worker threads, a cross-center rule's
//! results converted a few hundred at a time): every format is the same whatever
//! `--jobs`, the records stay in path order, and each cross-center result lands on the
//! center it is about.

mod common;

use std::collections::HashSet;
use std::path::Path;

use common::{corpus, merge_expecting, sscheck};

const FORMATS: &[(&str, &str)] = &[
    ("json", "audit.json"),
    ("sarif", "audit.sarif"),
    ("csv", "centers.csv"),
    ("junit", "junit.xml"),
    ("html", "audit.html"),
    ("concise", "audit.txt"),
    ("github", "github.txt"),
    ("human", "human.txt"),
];

/// `sscheck audit ROOT` writing every format into `dir`; its exit code.
fn audit_all(root: &Path, jobs: &str, dir: &Path) -> i32 {
    std::fs::create_dir_all(dir).unwrap();
    let mut cmd = sscheck();
    cmd.arg("audit")
        .arg(root)
        .args(["--lang", "en", "--today", "2025-03-01", "--no-progress"])
        .args(["--jobs", jobs, "--verbose"]);
    for (format, file) in FORMATS {
        cmd.arg("--output")
            .arg(format!("{format}={}", dir.join(file).display()));
    }
    let out = cmd.output().unwrap();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.status.code().unwrap_or(-1)
}

#[test]
fn many_centers_give_the_same_reports_whatever_the_threads_each_result_on_its_center() {
    // More than four steps of records and more than one step of a rule's results.
    let n = 300;
    let (tmp, root) = corpus(n, 23);
    // The centers at the edges of the steps copy every document of a center far from
    // them: each must be told of its own source, not of its neighbour's.
    let first = tmp.path().join("first");
    audit_all(&root, "2", &first);
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(first.join("audit.json")).unwrap()).unwrap();
    let subs = json["submissions"].as_array().unwrap();
    // Sources: centers whose documents were compared and are no copy.
    let plain: Vec<&str> = common::submissions_where(&json, "BAS-009", "pass")
        .iter()
        .map(|s| s["path"].as_str().unwrap())
        .collect();
    let order: Vec<&str> = subs.iter().map(|s| s["path"].as_str().unwrap()).collect();
    // At each edge (or the first center after it whose documents were compared and
    // whose center.yaml reads as plain YAML).
    let mut edges: Vec<usize> = Vec::new();
    for k in [0, 1, 63, 64, 65, 127, 128, 255, 256, 257, n - 20] {
        let at = (k..n)
            .find(|&i| {
                !edges.contains(&i) && plain.contains(&order[i]) && !documents(order[i]).is_empty()
            })
            .unwrap();
        edges.push(at);
    }
    let mut sources = Vec::new();
    // The next candidate source (one not at an edge, each used once).
    let mut next = plain.len() / 2;
    for &k in &edges {
        let to = documents(order[k]);
        loop {
            let source = plain[next];
            next += 1;
            if edges.iter().any(|&e| order[e] == source) {
                continue;
            }
            // The source's documents over the edge's of the same types.
            let from = documents(source);
            let mut copied = 0;
            for (ty, path) in &to {
                if let Some((_, there)) = from.iter().find(|(t, _)| t == ty) {
                    if std::fs::copy(there, path).is_ok() {
                        copied += 1;
                    }
                }
            }
            assert!(next < plain.len(), "no source for {}", order[k]);
            if copied > 0 {
                sources.push((order[k].to_string(), source.to_string()));
                break;
            }
        }
    }
    let one = tmp.path().join("one");
    let three = tmp.path().join("three");
    let code = audit_all(&root, "1", &one);
    assert_eq!(code, audit_all(&root, "3", &three));
    for (format, file) in FORMATS {
        let a = std::fs::read(one.join(file)).unwrap();
        let b = std::fs::read(three.join(file)).unwrap();
        assert!(a == b, "--jobs changed the {format} report");
    }

    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(one.join("audit.json")).unwrap()).unwrap();
    let subs = json["submissions"].as_array().unwrap();
    assert_eq!(subs.len(), n);
    let paths: Vec<&str> = subs.iter().map(|s| s["path"].as_str().unwrap()).collect();
    assert!(
        paths.windows(2).all(|w| w[0] < w[1]),
        "records out of path order"
    );
    // Every near-copy is reported on both sides, each naming the other: a result put
    // on the wrong center breaks the pairing.
    let mut copies: HashSet<(String, String)> = HashSet::new();
    let mut told: HashSet<(String, String)> = HashSet::new();
    for s in subs {
        for f in s["findings"].as_array().unwrap() {
            if f["rule"] != "BAS-009" {
                continue;
            }
            let pair = (
                s["path"].as_str().unwrap().to_string(),
                f["related"]["path"].as_str().unwrap().to_string(),
            );
            assert_ne!(pair.0, pair.1);
            if f["waived"] != true {
                copies.insert(pair.clone());
            }
            told.insert(pair);
        }
    }
    for (copy, source) in &sources {
        assert!(
            told.contains(&(copy.clone(), source.clone())),
            "{copy} copies {source}, but is not told so: {}",
            subs.iter().find(|s| s["path"] == copy.as_str()).unwrap()
        );
    }
    for (a, b) in &copies {
        let back = copies.contains(&(b.clone(), a.clone()));
        let waived = subs.iter().any(|s| {
            s["path"] == b.as_str()
                && s["findings"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|f| f["rule"] == "BAS-009" && f["waived"] == true)
        });
        assert!(back || waived, "{a} copies {b}, but {b} does not name {a}");
    }
    // The CSV has the centers in the same order, one row each.
    let csv = std::fs::read_to_string(one.join("centers.csv")).unwrap();
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!(rows.len(), n);
    for (row, path) in rows.iter().zip(&paths) {
        assert!(row.contains(path), "{row} is not {path}");
    }

    // Shards merged equal one run.
    let mut shards = Vec::new();
    for k in 1..=2 {
        let path = tmp.path().join(format!("shard-{k}.json"));
        let out = sscheck()
            .arg("audit")
            .arg(&root)
            .args(["--lang", "en", "--today", "2025-03-01", "--no-progress"])
            .args(["--shard", &format!("{k}/2"), "--jobs", "2"])
            .arg("--output")
            .arg(format!("json={}", path.display()))
            .output()
            .unwrap();
        assert!(matches!(out.status.code(), Some(0 | 1)));
        shards.push(path);
    }
    let merged = tmp.path().join("merged.json");
    merge_expecting(&shards, &[format!("json={}", merged.display())], code);
    assert!(
        std::fs::read(&merged).unwrap() == std::fs::read(one.join("audit.json")).unwrap(),
        "the merge differs from one run"
    );
}

/// The documents `center.yaml` lists in the submission at `dir`: type and file.
fn documents(dir: &str) -> Vec<(String, std::path::PathBuf)> {
    let text = std::fs::read_to_string(Path::new(dir).join("center.yaml")).unwrap_or_default();
    let Ok(yaml) = serde_yaml_ng::from_str::<serde_yaml_ng::Value>(&text) else {
        return Vec::new();
    };
    let Some(docs) = yaml.get("documents").and_then(|d| d.as_mapping()) else {
        return Vec::new();
    };
    docs.iter()
        .filter_map(|(k, v)| Some((k.as_str()?.to_string(), Path::new(dir).join(v.as_str()?))))
        .collect()
}
