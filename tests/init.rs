//! `sscheck init`: the scaffold passes `check` structurally and is never overwritten.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;

fn init(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = sscheck()
        .arg("init")
        .arg(dir)
        .args(["--lang", "en"])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
    )
}

/// Every file under `dir` with its bytes, by relative path.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

#[test]
fn init_output_passes_check_structurally() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("new-center");
    let (code, stdout) = init(&dir, &["--year", "2024", "--today", "2025-03-01"]);
    assert_eq!(code, 0, "{stdout}");
    let files = snapshot(&dir);
    // As many years as the baseline's multi-year rules look back (3 falls: 4 years).
    for f in [
        "center.yaml",
        "metrics/2021.yaml",
        "metrics/2022.yaml",
        "metrics/2023.yaml",
        "metrics/2024.yaml",
        "docs/服务流程规范.md",
        "docs/服务目录与收费标准.md",
        "docs/投诉处理制度.md",
        "docs/数据安全管理制度.md",
        "docs/年度绩效自评报告.md",
        "center.schema.json",
        "metrics.schema.json",
    ] {
        assert!(files.contains_key(f), "{f} missing: {:?}", files.keys());
        assert!(stdout.contains(&format!("created {f}")), "{stdout}");
    }
    assert_eq!(files.len(), 12);

    let (_, json) = check_json(&[dir.to_str().unwrap()]);
    let s = &json["submissions"][0];
    assert_eq!(s["center_id"], "XX-XX-0001");
    assert_eq!(s["reporting_year"], 2024);
    let structural = ["input", "field", "document", "sections", "table"];
    let bad: Vec<_> = s["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| structural.contains(&f["kind"].as_str().unwrap()))
        // The zero sample values leave a ratio undefined (0 / 0): an untouched scaffold
        // must not pass the gate, and this is one of the reasons it does not.
        .filter(|f| f["rule"] != "input/unchecked")
        .collect();
    assert!(bad.is_empty(), "{bad:#?}");
    // And those rules pass outright (not merely "could not be checked").
    let standard = sscheck::standard::load_embedded().unwrap();
    for r in &standard.rules {
        if structural.contains(&r.check.kind()) || r.check.kind() == "freshness" {
            assert_eq!(outcome(&json, &r.id), "pass", "{}", r.id);
        }
    }
    // Unfilled sections are what the placeholder rule is for.
    assert_eq!(outcome(&json, "BAS-008"), "fail");
}

#[test]
fn scaffold_is_valid_against_the_schemas_it_points_at() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("c");
    assert_eq!(init(&dir, &["--years", "2"]).0, 0);
    let files = snapshot(&dir);
    let load = |name: &str| {
        let s: serde_json::Value = serde_json::from_slice(&files[name]).unwrap();
        jsonschema::validator_for(&s).unwrap()
    };
    let (center, metrics) = (load("center.schema.json"), load("metrics.schema.json"));
    let json = |name: &str| {
        sscheck::yaml::parse(std::str::from_utf8(&files[name]).unwrap())
            .unwrap()
            .to_json()
    };
    let text = String::from_utf8(files["center.yaml"].clone()).unwrap();
    assert!(text.starts_with("# yaml-language-server: $schema=./center.schema.json\n"));
    let errors: Vec<String> = center
        .iter_errors(&json("center.yaml"))
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    // Default reporting year: last calendar year; `--years 2` adds the one before.
    let last = i32::from(jiff::Zoned::now().date().year()) - 1;
    for y in [last - 1, last] {
        let name = format!("metrics/{y}.yaml");
        assert!(files.contains_key(&name), "{:?}", files.keys());
        let text = std::str::from_utf8(&files[&name]).unwrap();
        assert!(text.starts_with("# yaml-language-server: $schema=../metrics.schema.json\n"));
        assert!(metrics.is_valid(&json(&name)), "{name}");
    }
}

#[test]
fn running_init_twice_changes_nothing_and_reports_skips() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("c");
    assert_eq!(init(&dir, &["--year", "2024"]).0, 0);
    let before = snapshot(&dir);
    let (code, stdout) = init(&dir, &["--year", "2024", "--today", "2030-01-01"]);
    assert_eq!(code, 0);
    assert_eq!(snapshot(&dir), before);
    assert!(!stdout.contains("created"), "{stdout}");
    for f in before.keys() {
        assert!(
            stdout.contains(&format!("skipped {f} (exists, left unchanged)")),
            "{f}: {stdout}"
        );
    }
}

#[test]
fn existing_files_are_kept_and_the_rest_is_added() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("c");
    std::fs::create_dir_all(dir.join("docs")).unwrap();
    std::fs::write(dir.join("center.yaml"), "center: {id: MINE}\n").unwrap();
    std::fs::write(dir.join("docs/投诉处理制度.md"), "# 我的制度\n").unwrap();
    let (code, stdout) = init(&dir, &["--year", "2024"]);
    assert_eq!(code, 0);
    assert_eq!(
        std::fs::read_to_string(dir.join("center.yaml")).unwrap(),
        "center: {id: MINE}\n"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("docs/投诉处理制度.md")).unwrap(),
        "# 我的制度\n"
    );
    assert!(stdout.contains("skipped center.yaml"), "{stdout}");
    assert!(stdout.contains("created docs/服务流程规范.md"), "{stdout}");
    assert!(stdout.contains("center.yaml existed"), "{stdout}");
    assert!(dir.join("metrics/2024.yaml").is_file());
}

#[test]
fn init_follows_the_chosen_standard_and_refuses_a_file_as_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let std_dir = tmp.path().join("std");
    copy_dir(&repo().join("standards/national-baseline"), &std_dir);
    let path = std_dir.join("standard.yaml");
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "  data_platform_connected:\n",
        "  incubators:\n    name: {zh: 孵化载体数, en: Incubators}\n    type: int\n    unit: {zh: 个, en: incubators}\n    min: 1\n  data_platform_connected:\n",
    );
    std::fs::write(&path, text).unwrap();
    let dir = tmp.path().join("c");
    let (code, _) = init(
        &dir,
        &["--year", "2024", "--standard", std_dir.to_str().unwrap()],
    );
    assert_eq!(code, 0);
    let metrics = std::fs::read_to_string(dir.join("metrics/2024.yaml")).unwrap();
    // The sample value is moved into the metric's range.
    assert!(metrics.contains("incubators: 1 "), "{metrics}");
    assert!(
        metrics.contains("# 孵化载体数（个） / Incubators"),
        "{metrics}"
    );

    let file = tmp.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let (code, _) = init(&file, &[]);
    assert_eq!(code, 2);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
}
