//! Every shipped rule's `source` cites what a user can look up: a public document by its
//! title with the quoted phrase, a named policy or standard, or 项目默认值 / project default.
//! Never a file of the project, a section of its notes, or a character offset.

mod common;

use common::*;
use regex::Regex;
use sscheck::standard::{self, Standard};

/// The report the thresholds come from, as `shared/domain.md` spells it.
const REPORT: &str =
    "《2025年及未来5年中国生产力促进中心市场供需格局及未来发展趋势报告》（市场研究报告）";

/// Every title a shipped source may cite. A new title belongs here only once it is
/// checked that users can find the document under exactly this title.
const TITLES: [&str; 3] = [
    "《2025年及未来5年中国生产力促进中心市场供需格局及未来发展趋势报告》",
    "《生产力促进机构动态管理实施细则》",
    "《服务标准制定导则 考虑消费者需求》",
];

const PROJECT_DEFAULT: &str = "项目默认值 / project default";

/// The embedded baseline and every standard folder under `standards/`.
fn shipped() -> Vec<(String, Standard)> {
    let mut out = vec![(
        "embedded baseline".to_string(),
        standard::load_embedded().unwrap(),
    )];
    let mut dirs: Vec<_> = std::fs::read_dir(repo().join("standards"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("standard.yaml").is_file())
        .collect();
    dirs.sort();
    for dir in dirs {
        let s = standard::load_dir(&dir).unwrap_or_else(|e| panic!("{}: {e:?}", dir.display()));
        out.push((dir.display().to_string(), s));
    }
    assert!(
        out.iter().any(|(n, _)| n.ends_with("jiangsu-star")),
        "{:?}",
        out.iter().map(|(n, _)| n).collect::<Vec<_>>()
    );
    out
}

/// Why `source` is not something a user can look up, if it is not.
fn fault(source: &str) -> Option<String> {
    if source.trim().is_empty() {
        return Some("empty".into());
    }
    let internal = [
        // a file of the project, or a folder of its notes
        (
            r"(?i)\.md\b|shared/|PRODUCT|\bdomain\.",
            "names an internal file",
        ),
        // a section sign, or a section letter: (c), （e）, table A, section 3, part b
        (
            r"§|\([a-z]\)|（[a-z]）|(?i)\b(table|section|part|row|chapter)\s+[a-z0-9]\b",
            "refers to a section of internal notes",
        ),
        // a position in a file
        (
            r"(?i)offset|\bchar(acter)?s?\b|\bseed\b|偏移",
            "gives a position in a file",
        ),
    ];
    for (pattern, why) in internal {
        if let Some(m) = Regex::new(pattern).unwrap().find(source) {
            return Some(format!("{why} (`{}`)", m.as_str()));
        }
    }
    let titles: Vec<&str> = Regex::new(r"《[^》]*》")
        .unwrap()
        .find_iter(source)
        .map(|m| m.as_str())
        .collect();
    if let Some(t) = titles.iter().find(|t| !TITLES.contains(t)) {
        return Some(format!("cites {t}, not a known title"));
    }
    if titles.is_empty() && !source.contains("GB/T") && !source.contains(PROJECT_DEFAULT) {
        return Some(format!(
            "cites no document by title, no GB/T standard and is not `{PROJECT_DEFAULT}`"
        ));
    }
    if source.contains(TITLES[0]) {
        if !source.contains(REPORT) {
            return Some(format!("cites the market report, but not as {REPORT}"));
        }
        if !source.contains('“') || !source.contains('”') {
            return Some("cites the market report without a quoted phrase".into());
        }
    }
    None
}

#[test]
fn every_shipped_source_cites_what_a_user_can_look_up() {
    let mut wrong = Vec::new();
    for (name, s) in shipped() {
        assert!(!s.rules.is_empty(), "{name}");
        for r in &s.rules {
            if let Some(why) = fault(&r.source) {
                wrong.push(format!("{name} {}: {why}: {}", r.id, r.source));
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn the_source_check_rejects_internal_references() {
    for bad in [
        "",
        "   ",
        "domain.md (e) 21 support.revenue.fiscal_dependency",
        "see shared/domain.md",
        "PRODUCT.md center.yaml",
        "§c.5 Stage",
        "(c) 5: cohorts are keyed by jurisdiction",
        "table A university_partnership",
        "财政依赖度超过60% (seed offset 28608)",
        "char 28608 of the report",
        "《某省生产力促进中心管理办法》第三条",
        "财政依赖度超过60%",
        "《2025年及未来5年中国生产力促进中心市场供需格局及未来发展趋势报告》：财政依赖度超过60%",
    ] {
        assert!(fault(bad).is_some(), "accepted: {bad:?}");
    }
    for good in [
        format!("{REPORT}：“财政依赖度超过60%”；阈值取自该市场报告，为{PROJECT_DEFAULT}"),
        PROJECT_DEFAULT.to_string(),
        "参见 GB/T 24620-2022《服务标准制定导则 考虑消费者需求》".to_string(),
    ] {
        assert_eq!(fault(&good), None, "{good}");
    }
}

/// `sscheck explain` shows each rule's source under 依据 (zh) / Source (en).
#[test]
fn explain_shows_the_source() {
    // The on-disk baseline is the embedded one (tests/standard.rs checks they agree).
    for (name, s) in shipped()
        .into_iter()
        .filter(|(n, _)| !n.ends_with("national-baseline"))
    {
        let dir = (!name.starts_with("embedded")).then_some(name);
        for r in &s.rules {
            for (lang, label) in [("zh", "依据："), ("en", "Source: ")] {
                let mut cmd = sscheck();
                cmd.args(["explain", &r.id, "--lang", lang]);
                if let Some(d) = &dir {
                    cmd.args(["--standard", d]);
                }
                let out = cmd.output().unwrap();
                assert!(out.status.success(), "{} {lang}", r.id);
                let text = String::from_utf8(out.stdout).unwrap();
                let line = format!("  {label}{}\n", r.source);
                assert!(
                    text.contains(&line),
                    "{} {lang}: no `{line}` in\n{text}",
                    r.id
                );
            }
        }
    }
}
