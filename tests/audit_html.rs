//! The HTML report's structure, checked by parsing the page: one row of data per center,
//! every rule and finding present, no external reference, valid UTF-8, a script allowed
//! by its hash only; and a hostile submission shown as text, never as markup.

mod common;
mod html_common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;
use sha2::{Digest, Sha256};

use html_common::{hostile_name, hostile_submission, PAYLOADS};

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// Run `sscheck audit ROOT` writing HTML and JSON; the page's text and the JSON report.
fn audit(root: &Path, extra: &[&str]) -> (String, Value) {
    let out = tempfile::tempdir().unwrap();
    let html = out.path().join("report.html");
    let json = out.path().join("report.json");
    common::sscheck()
        .arg("audit")
        .arg(root)
        .args(["--fail-on", "never"])
        .args(extra)
        .arg("--output")
        .arg(format!("html={}", html.display()))
        .arg("--output")
        .arg(format!("json={}", json.display()))
        .assert()
        .success();
    let bytes = std::fs::read(&html).unwrap();
    let page = String::from_utf8(bytes).expect("the page is valid UTF-8");
    let report = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    (page, report)
}

fn corpus(centers: usize, seed: u64) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("corpus");
    let opts = sscheck_corpus::Options {
        centers,
        seed,
        ..Default::default()
    };
    sscheck_corpus::generate(&opts, &root).unwrap();
    (tmp, root)
}

/// The data the page's script reads.
fn data(doc: &Html) -> Value {
    let scripts: Vec<ElementRef> = doc.select(&sel("script#sscheck-data")).collect();
    assert_eq!(scripts.len(), 1);
    assert_eq!(scripts[0].value().attr("type"), Some("application/json"));
    serde_json::from_str(&scripts[0].text().collect::<String>()).expect("the data is JSON")
}

/// The page loads nothing: no src, no link but to its own anchors, no URL in its style,
/// and its one script is the one the CSP names by hash.
fn assert_self_contained(page: &str, doc: &Html, scripts: usize) {
    for el in doc.select(&sel("*")) {
        for (name, value) in el.value().attrs() {
            let name = name.to_ascii_lowercase();
            assert!(
                !name.starts_with("on"),
                "event handler attribute {name}={value:?} on <{}>",
                el.value().name()
            );
            if matches!(
                name.as_str(),
                "src" | "srcset" | "action" | "formaction" | "poster" | "data" | "background"
            ) {
                panic!("<{}> loads {name}={value:?}", el.value().name());
            }
            if name == "href" || name == "xlink:href" {
                assert!(value.starts_with('#'), "a link out of the page: {value}");
            }
        }
    }
    for name in [
        "link", "iframe", "object", "embed", "img", "image", "base", "form",
    ] {
        assert_eq!(doc.select(&sel(name)).count(), 0, "<{name}> in the page");
    }
    // The only URL in the page is SVG's namespace, which loads nothing.
    let without_ns = page.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
    for needle in ["http://", "https://", "//fonts", "@import", "url("] {
        assert!(!without_ns.contains(needle), "`{needle}` in the page");
    }
    let all: Vec<ElementRef> = doc.select(&sel("script")).collect();
    assert_eq!(all.len(), scripts, "scripts in the page");
    let csp: Vec<ElementRef> = doc
        .select(&sel("meta[http-equiv=\"Content-Security-Policy\"]"))
        .collect();
    assert_eq!(csp.len(), 1);
    let policy = csp[0].value().attr("content").unwrap();
    assert!(policy.starts_with("default-src 'none';"), "{policy}");
    let inline: Vec<String> = all
        .iter()
        .filter(|s| s.value().attr("type").is_none())
        .map(|s| s.text().collect())
        .collect();
    match inline.as_slice() {
        [] => assert!(policy.contains("script-src 'none'"), "{policy}"),
        [js] => {
            let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(js));
            assert!(
                policy.contains(&format!("script-src 'sha256-{hash}';")),
                "{policy}"
            );
        }
        more => panic!("{} inline scripts", more.len()),
    }
}

#[test]
fn audit_page_has_every_center_rule_and_finding() {
    let (_tmp, root) = corpus(120, 11);
    let (page, report) = audit(&root, &[]);
    let doc = Html::parse_document(&page);
    assert_self_contained(&page, &doc, 2);
    assert_eq!(
        doc.root_element().value().attr("lang"),
        Some("zh-CN"),
        "Chinese by default"
    );
    let subs = report["submissions"].as_array().unwrap();
    assert_eq!(subs.len(), 120);
    let d = data(&doc);
    let centers = d["centers"].as_array().unwrap();
    // One row of data per center, in the report's order, with its findings.
    assert_eq!(centers.len(), subs.len());
    let rules: Vec<&str> = d["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r[0].as_str().unwrap())
        .collect();
    let mut finding_rules = BTreeSet::new();
    let mut total = 0;
    for (c, s) in centers.iter().zip(subs) {
        assert_eq!(c["p"], s["path"]);
        assert_eq!(c["i"], s["center_id"]);
        assert_eq!(c["g"], s["score"]["grade"]);
        let (fs, want) = (
            c["f"].as_array().unwrap(),
            s["findings"].as_array().unwrap(),
        );
        assert_eq!(fs.len(), want.len(), "{}", s["path"]);
        for (f, w) in fs.iter().zip(want) {
            assert_eq!(rules[f[0].as_u64().unwrap() as usize], w["rule"]);
            assert_eq!(f[2], w["message"]);
            assert_eq!(f[4], w["file"].as_str().unwrap_or(""));
            finding_rules.insert(w["rule"].as_str().unwrap().to_string());
            total += 1;
        }
    }
    assert!(total > 20, "the corpus has findings ({total})");
    // A section per rule: every rule of the standard and every rule a finding names.
    let articles: Vec<ElementRef> = doc.select(&sel("article.rule")).collect();
    let ids: BTreeSet<&str> = articles
        .iter()
        .map(|a| a.value().attr("data-rule").unwrap())
        .collect();
    for s in subs {
        for r in s["rules"].as_array().unwrap() {
            assert!(ids.contains(r["rule"].as_str().unwrap()), "{}", r["rule"]);
        }
    }
    for r in &finding_rules {
        assert!(ids.contains(r.as_str()), "no section for {r}");
    }
    // Each rule's section lists exactly the centers that fail it, unwaived.
    for a in &articles {
        let id = a.value().attr("data-rule").unwrap();
        let listed: Vec<usize> = a
            .select(&sel("a[data-center]"))
            .map(|l| l.value().attr("data-center").unwrap().parse().unwrap())
            .collect();
        let want: Vec<usize> = subs
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                let state = s["rules"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|r| r["rule"] == id);
                match state {
                    Some(r) => r["outcome"] == "fail" && r["waived"] != true,
                    None => s["findings"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|f| f["rule"] == id && f["waived"] == false),
                }
            })
            .map(|(k, _)| k)
            .collect();
        assert_eq!(listed, want, "centers failing {id}");
    }
    // The headline figures and charts.
    let cards: String = doc
        .select(&sel("#overview .card"))
        .flat_map(|c| c.text())
        .collect();
    assert!(cards.contains("120"), "{cards}");
    let figures = doc.select(&sel("#charts figure svg")).count();
    // Grades by region and by level, the top rules, four dimensions, a metric at least.
    assert!(figures >= 8, "{figures} charts");
    let top = &report["summary"]["rules"][0]["rule"];
    let charts: String = doc.select(&sel("#charts")).flat_map(|c| c.text()).collect();
    assert!(
        charts.contains(top.as_str().unwrap()),
        "the top rule is charted"
    );
    // The table's header, drawn by the page; its rows come from the data.
    assert_eq!(
        doc.select(&sel("#centers-table thead th button")).count(),
        13
    );
    // Budget: 10 MB for 3,000 centers.
    assert!(
        page.len() < 120 * 10_000_000 / 3000,
        "{} bytes for 120 centers",
        page.len()
    );
}

#[test]
fn audit_page_in_english() {
    let (_tmp, root) = corpus(20, 5);
    let (page, report) = audit(&root, &["--lang", "en"]);
    let doc = Html::parse_document(&page);
    assert_eq!(doc.root_element().value().attr("lang"), Some("en"));
    let title: String = doc
        .select(&sel("head > title"))
        .flat_map(|t| t.text())
        .collect();
    assert_eq!(title, "Service standard compliance audit");
    let d = data(&doc);
    assert_eq!(d["lang"], "en");
    assert_eq!(d["ui"]["waived"], "waived");
    // Finding texts are the run's language.
    let first = report["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["findings"].as_array().unwrap())
        .next()
        .cloned();
    if let Some(f) = first {
        assert!(page.contains(f["message"].as_str().unwrap().split('<').next().unwrap()));
    }
    assert!(!page.contains("全部中心"));
}

/// Every element and text of the page: the payloads must be text, never elements.
fn assert_no_injection(page: &str, doc: &Html, scripts: usize) {
    assert_self_contained(page, doc, scripts);
    for bad in ["img", "iframe", "object"] {
        assert_eq!(doc.select(&sel(bad)).count(), 0, "<{bad}>");
    }
    // Every svg is one of the charts.
    for svg in doc.select(&sel("svg")) {
        let in_figure = svg
            .ancestors()
            .filter_map(ElementRef::wrap)
            .any(|a| a.value().name() == "figure");
        assert!(in_figure, "an svg outside the charts");
    }
    // The raw payloads never appear unescaped.
    for p in PAYLOADS.iter().take(4) {
        assert!(!page.contains(p), "raw payload {p:?} in the page");
    }
    let json = doc
        .select(&sel("script#sscheck-data"))
        .next()
        .map(|s| s.text().collect::<String>());
    if let Some(json) = json {
        let lower = json.to_ascii_lowercase();
        assert!(!lower.contains("</script") && !lower.contains("<!--"));
    }
}

#[test]
fn hostile_submission_is_shown_as_text_in_the_audit() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("root");
    hostile_submission(&root);
    // A second, ordinary center beside it.
    common::copy_dir(&common::example("hengyang-county"), &root.join("ok"));
    let (page, report) = audit(&root, &[]);
    let doc = Html::parse_document(&page);
    assert_no_injection(&page, &doc, 2);
    let d = data(&doc);
    let evil = d["centers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["p"].as_str().unwrap().ends_with("evil"))
        .unwrap();
    // The data carries the payloads intact: the page shows them as text.
    assert_eq!(evil["n"], hostile_name().as_str());
    let messages: String = evil["f"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| format!("{} {}\n", f[4].as_str().unwrap(), f[2].as_str().unwrap()))
        .collect();
    for p in [PAYLOADS[0], PAYLOADS[1], PAYLOADS[2]] {
        assert!(messages.contains(p), "{p} not in the findings:\n{messages}");
    }
    // The rule sections name the center as text.
    let names: Vec<String> = doc
        .select(&sel("a[data-center]"))
        .map(|a| a.text().collect())
        .collect();
    assert!(names.contains(&hostile_name()), "{names:?}");
    let n = report["submissions"].as_array().unwrap().len();
    assert_eq!(n, 2);
}

#[test]
fn hostile_submission_is_shown_as_text_in_the_center_page() {
    let tmp = tempfile::tempdir().unwrap();
    let sub = hostile_submission(tmp.path());
    let out = common::sscheck()
        .arg("check")
        .arg(&sub)
        .args(["--format", "html", "--today", "2025-03-01"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "the hostile center fails");
    let page = String::from_utf8(out.stdout).unwrap();
    let doc = Html::parse_document(&page);
    assert_no_injection(&page, &doc, 0);
    let h2: String = doc
        .select(&sel("section.center h2"))
        .flat_map(|h| h.text())
        .collect();
    assert_eq!(h2, hostile_name());
    let text: String = doc
        .select(&sel("ul.findings"))
        .flat_map(|u| u.text())
        .collect();
    for p in [PAYLOADS[0], PAYLOADS[1], PAYLOADS[2]] {
        assert!(text.contains(p), "{p} not shown as text");
    }
    // The excerpt of the placeholder finding shows the hostile heading's text.
    let excerpts: String = doc
        .select(&sel("pre.excerpt"))
        .flat_map(|p| p.text())
        .collect();
    assert!(excerpts.contains(PAYLOADS[0]), "{excerpts}");
}

#[test]
fn center_page_shows_scores_trends_and_findings() {
    for (example, lang) in [("zombie-center", "en"), ("hengyang-county", "zh")] {
        let (code, json) = common::check_json(&[common::example(example).to_str().unwrap()]);
        let out = common::sscheck()
            .arg("check")
            .arg(common::example(example))
            .args(["--format", "html", "--lang", lang, "--today", "2025-03-01"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(code), "same exit code as json");
        let page = String::from_utf8(out.stdout).unwrap();
        let doc = Html::parse_document(&page);
        assert_self_contained(&page, &doc, 0);
        assert_eq!(doc.select(&sel("section.center")).count(), 1);
        // The four dimension scores, each a bar with its value.
        let sub = &json["submissions"][0];
        let bars: String = doc
            .select(&sel("section.center figure"))
            .next()
            .unwrap()
            .text()
            .collect();
        for d in ["basic", "provision", "support", "evaluation"] {
            if let Some(v) = sub["score"]["dimensions"][d].as_f64() {
                assert!(bars.contains(&format!("{v:.1}")), "{d} {v} in {bars}");
            }
        }
        // A trend per metric with data; bounded metrics show their thresholds.
        let trends: Vec<ElementRef> = doc.select(&sel("figure[data-metric]")).collect();
        assert!(trends.len() >= 10, "{} trends", trends.len());
        let staff = trends
            .iter()
            .find(|f| f.value().attr("data-metric") == Some("staff_total"))
            .expect("staff trend");
        assert!(
            staff.select(&sel("line[stroke-dasharray]")).count() >= 1,
            "the staff minimum is drawn"
        );
        assert_eq!(
            staff.select(&sel("circle")).count(),
            5,
            "five years of staff"
        );
        // Every finding, with its location.
        let items: Vec<ElementRef> = doc.select(&sel("ul.findings > li")).collect();
        let findings = sub["findings"].as_array().unwrap();
        assert_eq!(items.len(), findings.len());
        for (li, f) in items.iter().zip(findings) {
            assert_eq!(li.value().attr("data-rule"), f["rule"].as_str());
            let text: String = li.text().collect();
            if let (Some(file), Some(line)) = (f["file"].as_str(), f["line"].as_u64()) {
                assert!(text.contains(&format!("{file}:{line}")), "{text}");
                assert_eq!(li.select(&sel("pre.excerpt")).count(), 1, "{text}");
            }
        }
        if example == "zombie-center" {
            assert!(!findings.is_empty());
            // A failing year is marked red.
            let served = trends
                .iter()
                .find(|f| f.value().attr("data-metric") == Some("enterprises_served"))
                .unwrap();
            assert!(served.select(&sel("circle[fill=\"#c62828\"]")).count() >= 3);
        }
    }
}
