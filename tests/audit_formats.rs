//! The audit's SARIF, JUnit and CSV reports: SARIF validated against the official
//! SARIF 2.1.0 schema (tests/data, from oasis-tcs/sarif-spec), JUnit and CSV parsed
//! back and compared with the JSON report of the same run; a hostile submission
//! corrupts none of them; the output is the same from run to run.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use serde_json::Value;

/// The reports of one `sscheck audit` run, in `dir`.
struct Run {
    json: Value,
    sarif: Value,
    sarif_text: String,
    junit: String,
    csv: Vec<u8>,
}

fn audit(cwd: &Path, roots: &[&str], extra: &[&str]) -> Run {
    let out = sscheck()
        .current_dir(cwd)
        .arg("audit")
        .args(roots)
        .args([
            "--today",
            "2025-03-01",
            "--lang",
            "en",
            "--format",
            "concise",
        ])
        .args(["--output", "json=a.json"])
        .args(["--output", "sarif=a.sarif"])
        .args(["--output", "junit=j.xml"])
        .args(["--output", "csv=c.csv"])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "audit failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let read = |name: &str| std::fs::read(cwd.join(name)).unwrap();
    let sarif_text = String::from_utf8(read("a.sarif")).unwrap();
    Run {
        json: serde_json::from_slice(&read("a.json")).unwrap(),
        sarif: serde_json::from_str(&sarif_text).unwrap(),
        sarif_text,
        junit: String::from_utf8(read("j.xml")).unwrap(),
        csv: read("c.csv"),
    }
}

/// Every example, copied under `tmp/ex`.
fn examples() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("ex");
    copy_dir(&repo().join("examples"), &root);
    std::fs::remove_file(root.join("README.md")).ok();
    (tmp, root)
}

/// Validate against the official SARIF 2.1.0 schema (draft-04), with format assertions
/// (uri-reference, date-time...), loaded from the local file only.
fn validate_sarif(sarif: &Value) {
    let schema: Value = serde_json::from_slice(
        &std::fs::read(repo().join("tests/data/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    let url = schema["id"].as_str().unwrap().to_string();
    let mut compiler = boon::Compiler::new();
    compiler.enable_format_assertions();
    compiler.add_resource(&url, schema).unwrap();
    let mut schemas = boon::Schemas::new();
    let index = compiler
        .compile(&url, &mut schemas)
        .unwrap_or_else(|e| panic!("the SARIF schema does not compile: {e:#}"));
    if let Err(e) = schemas.validate(sarif, index) {
        panic!("SARIF is not valid 2.1.0: {e:#}");
    }
}

fn all_findings(json: &Value) -> Vec<(&Value, &Value)> {
    json["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| {
            s["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |f| (s, f))
        })
        .collect()
}

fn csv_rows(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "the CSV starts with a BOM"
    );
    let mut r = csv::ReaderBuilder::new().from_reader(&bytes[3..]);
    let header = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

fn cell<'a>(header: &[String], row: &'a [String], key: &str) -> &'a str {
    let i = header
        .iter()
        .position(|h| h == key)
        .unwrap_or_else(|| panic!("no column {key}"));
    &row[i]
}

fn suites<'a>(doc: &'a roxmltree::Document<'a>) -> Vec<roxmltree::Node<'a, 'a>> {
    doc.descendants()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect()
}

#[test]
fn sarif_of_the_examples_is_valid_and_says_what_json_says() {
    let (tmp, _) = examples();
    let run = audit(tmp.path(), &["ex"], &[]);
    validate_sarif(&run.sarif);
    let sarif_run = &run.sarif["runs"][0];
    assert_eq!(run.sarif["version"], "2.1.0");
    let driver = &sarif_run["tool"]["driver"];
    assert_eq!(driver["name"], "sscheck");
    let rules = driver["rules"].as_array().unwrap();
    let results = sarif_run["results"].as_array().unwrap();
    let findings = all_findings(&run.json);
    assert!(findings.len() > 10, "the examples have findings");
    assert_eq!(results.len(), findings.len(), "one result per finding");

    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(ids, sorted, "rules sorted by id, each once");
    for r in rules {
        assert!(!r["shortDescription"]["text"].as_str().unwrap().is_empty());
        assert!(!r["help"]["text"].as_str().unwrap().is_empty(), "{r}");
    }
    assert!(
        ids.contains(&"input/unknown-metric"),
        "input codes too: {ids:?}"
    );

    for ((s, f), res) in findings.iter().zip(results) {
        assert_eq!(res["ruleId"], f["rule"]);
        let i = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[i]["id"], f["rule"], "ruleIndex points at the rule");
        let level = match f["severity"].as_str().unwrap() {
            "info" => "note",
            other => other,
        };
        assert_eq!(res["level"], level);
        let loc = &res["locations"][0]["physicalLocation"];
        let path = format!(
            "{}/{}",
            s["path"].as_str().unwrap(),
            f["file"].as_str().unwrap()
        );
        let uri = loc["artifactLocation"]["uri"].as_str().unwrap();
        assert_eq!(decode(uri), path);
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        assert_eq!(loc["region"]["startLine"], f["line"]);
        assert_eq!(loc["region"]["startColumn"], f["column"]);
        let fp = res["partialFingerprints"]["sscheckFingerprint/v1"]
            .as_str()
            .unwrap();
        assert_eq!(
            fp,
            format!(
                "{}:{}",
                s["center_id"].as_str().unwrap(),
                f["fingerprint"].as_str().unwrap()
            )
        );
        assert_eq!(res["baselineState"], "new");
        let message = res["message"]["text"].as_str().unwrap();
        assert!(message.contains(f["message"].as_str().unwrap()));
        assert_eq!(
            res["suppressions"].is_array(),
            f["waived"] == true,
            "waived findings, and only they, are suppressed: {res}"
        );
    }
    let waived = results
        .iter()
        .find(|r| r["suppressions"].is_array())
        .expect("hengyang waives SUP-003");
    assert_eq!(waived["suppressions"][0]["kind"], "external");
    // Fingerprints name one finding each.
    let mut fps: Vec<&str> = results
        .iter()
        .map(|r| {
            r["partialFingerprints"]["sscheckFingerprint/v1"]
                .as_str()
                .unwrap()
        })
        .collect();
    fps.sort();
    fps.dedup();
    assert_eq!(fps.len(), results.len());
}

/// Percent-decoding of a URI reference.
fn decode(uri: &str) -> String {
    let bytes = uri.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&uri[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn junit_of_the_examples_has_a_suite_per_submission_and_a_case_per_finding() {
    let (tmp, _) = examples();
    let run = audit(tmp.path(), &["ex"], &[]);
    let doc = roxmltree::Document::parse(&run.junit).expect("JUnit is well-formed XML");
    let subs = run.json["submissions"].as_array().unwrap();
    let suites = suites(&doc);
    assert_eq!(suites.len(), subs.len());
    let mut total_failures = 0;
    for (suite, s) in suites.iter().zip(subs) {
        let path = s["path"].as_str().unwrap();
        assert_eq!(suite.attribute("name"), Some(path));
        let cases: Vec<_> = suite
            .children()
            .filter(|n| n.has_tag_name("testcase"))
            .collect();
        let findings = s["findings"].as_array().unwrap();
        if findings.is_empty() {
            assert_eq!(cases.len(), 1, "a clean submission has one passing case");
            assert_eq!(cases[0].children().filter(|n| n.is_element()).count(), 0);
            assert_eq!(suite.attribute("failures"), Some("0"));
            continue;
        }
        assert_eq!(cases.len(), findings.len());
        for (case, f) in cases.iter().zip(findings) {
            assert_eq!(case.attribute("classname"), Some(path));
            let name = case.attribute("name").unwrap();
            let file = f["file"].as_str().unwrap();
            assert_eq!(
                name,
                format!(
                    "{} {path}/{file}:{}",
                    f["rule"].as_str().unwrap(),
                    f["line"]
                )
            );
            let child = case.children().find(|n| n.is_element()).unwrap();
            if f["waived"] == true {
                assert!(child.has_tag_name("skipped"));
                assert!(child.attribute("message").unwrap().starts_with("waived"));
            } else {
                total_failures += 1;
                assert!(child.has_tag_name("failure"), "{name}");
                let message = child.attribute("message").unwrap();
                assert!(message.starts_with(f["title"].as_str().unwrap()));
                assert!(message.ends_with(f["message"].as_str().unwrap()));
                assert_eq!(child.attribute("type"), f["severity"].as_str());
                let body = child.text().unwrap();
                if let Some(help) = f["help"].as_str() {
                    assert!(body.contains(help), "the failure text has the help");
                }
            }
        }
        let failures: usize = suite.attribute("failures").unwrap().parse().unwrap();
        let skipped: usize = suite.attribute("skipped").unwrap().parse().unwrap();
        assert_eq!(failures + skipped, findings.len());
    }
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    assert_eq!(
        root.attribute("failures").unwrap(),
        total_failures.to_string()
    );
}

#[test]
fn csv_of_the_examples_has_a_row_per_center() {
    let (tmp, _) = examples();
    let run = audit(tmp.path(), &["ex"], &[]);
    let (header, rows) = csv_rows(&run.csv);
    assert_eq!(&header[..3], ["path", "center_id", "name"]);
    let subs = run.json["submissions"].as_array().unwrap();
    assert_eq!(rows.len(), subs.len());
    for (row, s) in rows.iter().zip(subs) {
        assert_eq!(row.len(), header.len());
        let c = |k: &str| -> String { cell(&header, row, k).to_string() };
        assert_eq!(c("path"), s["path"]);
        assert_eq!(c("center_id"), s["center_id"]);
        assert_eq!(c("name"), s["name"]);
        assert_eq!(c("province"), s["center"]["province"]);
        assert_eq!(c("region"), s["center"]["region"]);
        assert_eq!(c("level"), s["center"]["level"]);
        assert_eq!(c("operation_model"), s["center"]["operation_model"]);
        assert_eq!(c("grade"), s["score"]["grade"]);
        let num = |k: &str| c(k).parse::<f64>().unwrap();
        assert_eq!(num("overall"), s["score"]["overall"].as_f64().unwrap());
        for d in ["basic", "provision", "support", "evaluation"] {
            assert_eq!(num(d), s["score"]["dimensions"][d].as_f64().unwrap(), "{d}");
        }
        assert_eq!(c("errors"), s["counts"]["error"].to_string());
        assert_eq!(c("warnings"), s["counts"]["warning"].to_string());
        assert_eq!(c("infos"), s["counts"]["info"].to_string());
        assert_eq!(c("waived"), s["counts"]["waived"].to_string());
        assert_eq!(c("incomplete"), s["incomplete"].to_string());
        assert_eq!(c("passed"), s["passed"].to_string());
        let exit: Vec<&str> = s["exit_risk"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["rule"].as_str().unwrap())
            .collect();
        let mut exit = exit;
        exit.dedup();
        assert_eq!(c("exit_risk"), exit.join(";"));
    }
    // The Chinese names survive the round trip.
    assert!(rows.iter().any(|r| r[2].contains("生产力促进中心")));
}

#[test]
fn baselined_findings_are_unchanged_and_skipped() {
    let (tmp, _) = examples();
    let first = audit(tmp.path(), &["ex"], &[]);
    std::fs::rename(tmp.path().join("a.json"), tmp.path().join("base.json")).unwrap();
    // A new finding after the baseline: an unknown metric in the clean example.
    let metrics = tmp.path().join("ex/shenzhen-nanshan/metrics/2024.yaml");
    let mut text = std::fs::read_to_string(&metrics).unwrap();
    text.push_str("\nno_such_metric_at_all: 3\n");
    std::fs::write(&metrics, text).unwrap();
    let run = audit(tmp.path(), &["ex"], &["--baseline", "base.json"]);
    validate_sarif(&run.sarif);

    let results = run.sarif["runs"][0]["results"].as_array().unwrap();
    let before = all_findings(&first.json).len();
    assert_eq!(results.len(), before + 1);
    let new: Vec<_> = results
        .iter()
        .filter(|r| r["baselineState"] == "new")
        .collect();
    assert_eq!(new.len(), 1, "only the added finding is new");
    assert!(
        new[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .starts_with("ex/shenzhen-nanshan/")
    );
    assert!(results
        .iter()
        .filter(|r| r["baselineState"] != "new")
        .all(|r| r["baselineState"] == "unchanged"));

    let doc = roxmltree::Document::parse(&run.junit).unwrap();
    let skipped: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("skipped"))
        .collect();
    let failures = doc
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .count();
    assert_eq!(failures, 1);
    assert_eq!(skipped.len(), before);
    assert!(skipped.iter().any(|s| s
        .attribute("message")
        .unwrap()
        .starts_with("in the baseline")));

    let (header, rows) = csv_rows(&run.csv);
    let baselined: usize = rows
        .iter()
        .map(|r| cell(&header, r, "baselined").parse::<usize>().unwrap())
        .sum();
    let waived: usize = rows
        .iter()
        .map(|r| cell(&header, r, "waived").parse::<usize>().unwrap())
        .sum();
    assert_eq!(baselined + waived, before);
}

/// Text that is a formula, markup, quotes, line breaks and control characters at once.
const HOSTILE: &str = "=HYPERLINK(\"http://x\",\"y\")<script>&amp;'\"\t\n\u{1}\u{8}\u{1b}";

fn yaml_quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A submission whose name, province, id, a metric key, a heading and a document's
/// file name carry [`HOSTILE`] text.
fn hostile() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("ex");
    let dir = root.join("bad");
    copy_dir(&example("hengyang-county"), &dir);
    copy_dir(&example("shenzhen-nanshan"), &root.join("good"));
    let center = dir.join("center.yaml");
    let odd_doc = "docs/=cmd|' & <x> \"q\"\t@.md";
    let text = std::fs::read_to_string(&center)
        .unwrap()
        .replace(
            "name: 衡阳市湘安县生产力促进中心",
            &format!("name: {}", yaml_quoted(&format!("{HOSTILE}衡阳"))),
        )
        .replace("id: HN-HY-0417", "id: \"-1+2<id>&\"")
        .replace(
            "province: 湖南",
            &format!("province: {}", yaml_quoted("@SUM(1)<p>")),
        )
        .replace(
            "data_security: docs/04_数据安全管理制度.md",
            &format!("data_security: {}", yaml_quoted(odd_doc)),
        );
    std::fs::write(&center, text).unwrap();
    std::fs::rename(dir.join("docs/04_数据安全管理制度.md"), dir.join(odd_doc)).unwrap();
    let metrics = dir.join("metrics/2024.yaml");
    let mut m = std::fs::read_to_string(&metrics).unwrap();
    m.push_str(&format!("{}: 1\n", yaml_quoted(&format!("{HOSTILE}key"))));
    std::fs::write(&metrics, m).unwrap();
    let doc = dir.join("docs/01_服务流程规范.md");
    let d = std::fs::read_to_string(&doc).unwrap().replace(
        "## 服务受理",
        &format!("## 服务受理 {}", HOSTILE.replace('\n', " ")),
    );
    std::fs::write(&doc, d).unwrap();
    (tmp, root)
}

#[test]
fn a_hostile_submission_corrupts_no_format() {
    let (tmp, _) = hostile();
    let run = audit(tmp.path(), &["ex"], &[]);
    let bad = &run.json["submissions"][0];
    assert_eq!(bad["path"], "ex/bad");
    assert!(
        bad["name"].as_str().unwrap().starts_with("=HYPERLINK"),
        "the hostile name is read: {}",
        bad["name"]
    );
    let texts: String = all_findings(&run.json)
        .iter()
        .map(|(_, f)| format!("{} {}\n", f["message"], f["file"]))
        .collect();
    assert!(
        texts.contains("<script>"),
        "findings carry the hostile text"
    );
    assert!(
        texts.contains("<x>"),
        "a finding is in the oddly named file"
    );

    // SARIF: valid, and the hostile text comes back intact.
    validate_sarif(&run.sarif);
    let results = run.sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), all_findings(&run.json).len());
    assert!(results.iter().any(|r| r["message"]["text"]
        .as_str()
        .unwrap()
        .contains("<script>&amp;'\"")));
    let uris: Vec<String> = results
        .iter()
        .map(|r| {
            decode(
                r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap(),
            )
        })
        .collect();
    assert!(uris.iter().any(|u| u.contains("=cmd|' & <x> \"q\"\t@.md")));
    assert!(
        !run.sarif_text.contains('\u{1}'),
        "controls are JSON-escaped"
    );

    // JUnit: well-formed XML 1.0, no forbidden character, markup read back as text.
    for ch in run.junit.chars() {
        assert!(
            !ch.is_control() || matches!(ch, '\t' | '\n' | '\r'),
            "raw control character {ch:?} in the JUnit report"
        );
    }
    let doc = roxmltree::Document::parse(&run.junit).expect("JUnit is well-formed XML");
    let suites = suites(&doc);
    assert_eq!(suites.len(), 2);
    assert_eq!(suites[0].attribute("name"), Some("ex/bad"));
    let name_prop = suites[0]
        .descendants()
        .find(|n| n.has_tag_name("property") && n.attribute("name") == Some("name"))
        .unwrap();
    assert_eq!(
        name_prop.attribute("value").unwrap(),
        format!(
            "{}衡阳",
            HOSTILE.replace(['\u{1}', '\u{8}', '\u{1b}'], "\u{fffd}")
        )
    );
    let failures: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .map(|n| n.attribute("message").unwrap())
        .collect();
    assert!(failures.iter().any(|m| m.contains("<script>&amp;'\"")));
    assert!(doc
        .descendants()
        .any(|n| n.has_tag_name("testcase")
            && n.attribute("name").unwrap().contains("<x> \"q\"\t@.md")));
    let good_cases = suites[1]
        .children()
        .filter(|n| n.has_tag_name("testcase"))
        .count();
    assert_eq!(
        good_cases, 1,
        "the clean submission next to it is untouched"
    );

    // CSV: two rows, every text cell neutralised, the name's text kept after the quote.
    let (header, rows) = csv_rows(&run.csv);
    assert_eq!(rows.len(), 2);
    let row = &rows[0];
    let name = cell(&header, row, "name");
    assert!(name.starts_with("'=HYPERLINK(\"http://x\""), "{name:?}");
    assert!(name.contains("<script>&amp;'\"\t\n"));
    assert!(!name.contains('\u{1}'));
    assert!(cell(&header, row, "center_id").starts_with("'-1+2"));
    for r in &rows {
        for (h, v) in header.iter().zip(r) {
            let first = v.chars().next();
            assert!(
                !matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r')),
                "{h} = {v:?} starts a formula"
            );
        }
    }
    assert_eq!(cell(&header, &rows[1], "path"), "ex/good");
}

/// The validator can fail: a result with a level SARIF does not have.
#[test]
#[should_panic(expected = "SARIF is not valid 2.1.0")]
fn an_invalid_sarif_log_is_rejected() {
    let (tmp, _) = examples();
    let mut run = audit(tmp.path(), &["ex"], &[]);
    run.sarif["runs"][0]["results"][0]["level"] = "fatal".into();
    validate_sarif(&run.sarif);
}

/// Format assertions are on: a URI with a raw space is not a uri-reference.
#[test]
#[should_panic(expected = "SARIF is not valid 2.1.0")]
fn an_unencoded_uri_is_rejected() {
    let (tmp, _) = examples();
    let mut run = audit(tmp.path(), &["ex"], &[]);
    run.sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"] = "ex/a b.md".into();
    validate_sarif(&run.sarif);
}

#[test]
fn reports_are_the_same_from_run_to_run() {
    let (tmp, _) = hostile();
    let a = audit(tmp.path(), &["ex"], &[]);
    let b = audit(tmp.path(), &["ex"], &[]);
    assert_eq!(a.sarif_text, b.sarif_text);
    assert_eq!(a.junit, b.junit);
    assert_eq!(a.csv, b.csv);
}

/// A submission with only its profile: findings about missing files, one of them about
/// the submission as a whole (no file), located at its folder.
#[test]
fn a_finding_without_a_file_points_at_its_submission() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("r/only-profile");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(
        example("hengyang-county").join("center.yaml"),
        dir.join("center.yaml"),
    )
    .unwrap();
    let run = audit(tmp.path(), &["r"], &[]);
    validate_sarif(&run.sarif);
    let fileless: Vec<&Value> = all_findings(&run.json)
        .into_iter()
        .map(|(_, f)| f)
        .filter(|f| f["file"].is_null())
        .collect();
    assert!(!fileless.is_empty(), "a finding has no file");
    let results = run.sarif["runs"][0]["results"].as_array().unwrap();
    let at_folder: Vec<&Value> = results
        .iter()
        .filter(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "r/only-profile/"
        })
        .collect();
    assert_eq!(at_folder.len(), fileless.len());
    for r in at_folder {
        assert!(r["locations"][0]["physicalLocation"]["region"].is_null());
        assert!(r["message"]["text"]
            .as_str()
            .unwrap()
            .starts_with("r/only-profile"));
    }
    let doc = roxmltree::Document::parse(&run.junit).unwrap();
    for f in fileless {
        let rule = f["rule"].as_str().unwrap();
        assert!(doc
            .descendants()
            .any(|n| n.has_tag_name("testcase") && n.attribute("name") == Some(rule)));
    }
    let (header, rows) = csv_rows(&run.csv);
    assert_eq!(rows.len(), 1);
    assert_eq!(cell(&header, &rows[0], "path"), "r/only-profile");
}
