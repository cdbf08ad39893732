//! Hostile and broken submissions, table-driven: each folder under `tests/hostile/` is
//! one case. A case starts from a copy of an example submission (`base`, default
//! `shenzhen-nanshan`), overlays the files of its folder, applies the `remove` and
//! `generate` steps of its `expect.txt` (for content too big, binary or special to
//! commit: huge files, symlinks, FIFOs, other encodings), then runs
//! `sscheck check CASE --format json` under a watchdog and checks:
//!
//! - the process ends before the deadline (it is killed otherwise: a hang),
//! - it exits 0 or 1, never 2 or a signal, and prints a JSON report (and the human
//!   report, under the same watchdog),
//! - every expected code (input code or rule id) appears, with its severity and place
//!   when given, and no forbidden code appears,
//! - the submission folder is byte-for-byte and mtime-for-mtime unchanged.
//!
//! `expect.txt`, one directive a line (`#` starts a comment):
//!
//! ```text
//! base zombie-center                  the example to start from
//! remove docs/x.md                    delete a file or folder of the copy
//! generate NAME                       run a generator of this file (see `generate`)
//! args --decode-gbk                   extra arguments
//! exit 1                              the exit code (default: 0 or 1)
//! input/yaml-limit error metrics/2021.yaml   a finding: code [severity] [file[:line]]
//! !input/wrong-type                   no finding with this code
//! ```

mod common;

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::*;
use sscheck::finding::InputCode;

/// The watchdog's deadline per case: far above any honest run (all finish in well
/// under a second), so only a hang trips it.
const DEADLINE: Duration = Duration::from_secs(10);

#[derive(Debug, Default)]
struct Case {
    name: String,
    base: Option<String>,
    remove: Vec<String>,
    generate: Vec<String>,
    args: Vec<String>,
    exit: Option<i32>,
    expect: Vec<Expect>,
    absent: Vec<String>,
}

#[derive(Debug)]
struct Expect {
    code: String,
    severity: Option<String>,
    file: Option<String>,
    line: Option<u64>,
}

fn parse_case(dir: &Path) -> Case {
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    let text = fs::read_to_string(dir.join("expect.txt"))
        .unwrap_or_else(|e| panic!("{name}: expect.txt: {e}"));
    let mut case = Case {
        name: name.clone(),
        ..Case::default()
    };
    for line in text.lines() {
        let line = line.split('#').next().unwrap().trim();
        if line.is_empty() {
            continue;
        }
        let (word, rest) = line.split_once(' ').unwrap_or((line, ""));
        let rest = rest.trim();
        match word {
            "base" => case.base = Some(rest.to_string()),
            "remove" => case.remove.push(rest.to_string()),
            "generate" => case.generate.push(rest.to_string()),
            "args" => case.args.extend(rest.split_whitespace().map(String::from)),
            "exit" => case.exit = Some(rest.parse().unwrap()),
            w if w.starts_with('!') => case.absent.push(w[1..].to_string()),
            code => {
                let mut e = Expect {
                    code: code.to_string(),
                    severity: None,
                    file: None,
                    line: None,
                };
                for part in rest.split_whitespace() {
                    if ["error", "warning", "info"].contains(&part) {
                        e.severity = Some(part.to_string());
                    } else if let Some((f, l)) = part.rsplit_once(':') {
                        e.file = Some(f.to_string());
                        e.line = Some(l.parse().unwrap());
                    } else {
                        e.file = Some(part.to_string());
                    }
                }
                case.expect.push(e);
            }
        }
    }
    assert!(
        !case.expect.is_empty() || !case.absent.is_empty(),
        "{name}: a case names the diagnostics it must (or must not) produce"
    );
    case
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(path, bytes).unwrap();
}

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend(if big_endian {
            [0xFE, 0xFF]
        } else {
            [0xFF, 0xFE]
        });
    }
    for unit in text.encode_utf16() {
        out.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    out
}

const SELF_EVAL: &str = "docs/2024年度绩效自评报告.md";
const DATA_SECURITY: &str = "docs/数据安全管理制度.md";
const PROCESS: &str = "docs/服务流程规范.md";

/// Content generated at test time: `NAME [FILE]` (FILE overrides the generator's usual
/// target). `outside` is a folder next to the submission.
fn generate(spec: &str, dir: &Path, outside: &Path) {
    let read = |rel: &str| fs::read_to_string(dir.join(rel)).unwrap();
    let (name, file) = spec
        .split_once(' ')
        .map_or((spec, None), |(n, f)| (n, Some(f.trim())));
    let target = |default: &'static str| file.unwrap_or(default);
    match name {
        // Over the default 8 MiB cap.
        "huge-document" => write(
            &dir.join(PROCESS),
            "## 总则\n本规范适用于全部服务。\n".repeat(300_000),
        ),
        "deep-flow" => write(
            &dir.join("metrics/2021.yaml"),
            format!("year: 2021\nx: {}", "[".repeat(200_000)),
        ),
        "deep-block" => {
            let mut s = String::from("year: 2021\n");
            for i in 0..2_000 {
                s.push_str(&" ".repeat(i));
                s.push_str("a:\n");
            }
            write(&dir.join("metrics/2021.yaml"), s)
        }
        // A Word file saved under a .md name: a zip archive.
        "docx" => {
            let mut b = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00".to_vec();
            b.extend(b"[Content_Types].xml");
            b.extend([0u8; 64]);
            write(&dir.join(PROCESS), b)
        }
        "pdf" => {
            let mut b =
                b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<</Type/Catalog>>\nstream\n".to_vec();
            b.extend((0..=255u8).cycle().take(4096));
            write(&dir.join(DATA_SECURITY), b)
        }
        "nul-in-yaml" => write(
            &dir.join("metrics/2023.yaml"),
            "year: 2023\0\nstaff_total: 40\n",
        ),
        "utf16le-bom-metrics" => {
            let t = read("metrics/2024.yaml").replace('\n', "\r\n");
            write(&dir.join("metrics/2024.yaml"), utf16(&t, false, true))
        }
        "utf16be-bom-document" => {
            let f = target(SELF_EVAL);
            write(&dir.join(f), utf16(&read(f), true, true))
        }
        "utf16-no-bom-document" => {
            let f = target(DATA_SECURITY);
            write(&dir.join(f), utf16(&read(f), false, false))
        }
        "gbk-document" => {
            let f = target(SELF_EVAL);
            let text = read(f);
            let (gbk, _, _) = encoding_rs::GBK.encode(&text);
            write(&dir.join(f), gbk)
        }
        "gbk-metrics" => {
            let text = read("metrics/2024.yaml");
            let (gbk, _, _) = encoding_rs::GBK.encode(&text);
            write(&dir.join("metrics/2024.yaml"), gbk)
        }
        "invalid-utf8" => {
            let mut b = read(DATA_SECURITY).into_bytes();
            b.extend(b"\n\xff\xfe\xfd garbage \xc3\x28\n");
            write(&dir.join(DATA_SECURITY), b)
        }
        "bom-crlf" => {
            let f = target(SELF_EVAL);
            let t = format!("\u{feff}{}", read(f).replace('\n', "\r\n"));
            write(&dir.join(f), t)
        }
        // 200 000 statements that contradict the metric, on one line.
        "findings-flood" => write(
            &dir.join(SELF_EVAL),
            format!(
                "# 2024年度绩效自评报告\n\n## 一、总体情况\n\n{}\n",
                "全年服务企业1家。".repeat(200_000)
            ),
        ),
        // 40 000 unknown metric ids (under the YAML node budget).
        "key-flood" => {
            let mut s = String::from("year: 2023\n");
            for i in 0..40_000 {
                s.push_str(&format!("metric_{i}: {i}\n"));
            }
            write(&dir.join("metrics/2023.yaml"), s)
        }
        // Markdown built to make parsers go quadratic or deep.
        "pathological-markdown" => {
            let mut s = String::from("# 服务流程规范\n\n");
            s.push_str(&">".repeat(50_000));
            s.push_str(" 引用\n\n");
            for i in 0..1_000 {
                s.push_str(&"  ".repeat(i));
                s.push_str("- 列表\n");
            }
            s.push_str(&"*a **b ".repeat(20_000));
            s.push_str("\n\n");
            s.push_str(&"[".repeat(50_000));
            s.push_str("\n\n|a|b|\n|-|-|\n");
            s.push_str(&"|x|y|\n".repeat(20_000));
            write(&dir.join(PROCESS), s)
        }
        "huge-yaml-string" => {
            let t = read("metrics/2024.yaml").replace(
                "enterprises_served: 1250",
                &format!("enterprises_served: \"{}\"", "很".repeat(1_700_000)),
            );
            write(&dir.join("metrics/2024.yaml"), t)
        }
        "empty-files" => {
            write(&dir.join("metrics/2024.yaml"), "");
            write(&dir.join(DATA_SECURITY), "");
        }
        #[cfg(unix)]
        "symlink-out" => {
            let secret = outside.join("secret.md");
            write(&secret, "# 外部文件\n## 总则\n");
            fs::remove_file(dir.join(DATA_SECURITY)).unwrap();
            std::os::unix::fs::symlink(&secret, dir.join(DATA_SECURITY)).unwrap();
        }
        #[cfg(unix)]
        "center-symlink-out" => {
            let c = outside.join("center.yaml");
            fs::copy(dir.join("center.yaml"), &c).unwrap();
            fs::remove_file(dir.join("center.yaml")).unwrap();
            std::os::unix::fs::symlink(&c, dir.join("center.yaml")).unwrap();
        }
        #[cfg(unix)]
        "symlink-loop" => {
            fs::remove_file(dir.join(DATA_SECURITY)).unwrap();
            std::os::unix::fs::symlink("loop-b.md", dir.join(DATA_SECURITY)).unwrap();
            std::os::unix::fs::symlink("数据安全管理制度.md", dir.join("docs/loop-b.md")).unwrap();
        }
        #[cfg(unix)]
        "metrics-dir-loop" => {
            fs::remove_dir_all(dir.join("metrics")).unwrap();
            std::os::unix::fs::symlink("metrics", dir.join("metrics")).unwrap();
        }
        #[cfg(unix)]
        "metrics-dir-outside" => {
            let m = outside.join("metrics");
            copy_dir(&dir.join("metrics"), &m);
            fs::remove_dir_all(dir.join("metrics")).unwrap();
            std::os::unix::fs::symlink(&m, dir.join("metrics")).unwrap();
        }
        #[cfg(unix)]
        "metrics-file-loop" => {
            std::os::unix::fs::symlink("2019.yaml", dir.join("metrics/2019.yaml")).unwrap();
        }
        #[cfg(unix)]
        "fifo-document" => {
            fs::remove_file(dir.join(DATA_SECURITY)).unwrap();
            let ok = std::process::Command::new("mkfifo")
                .arg(dir.join(DATA_SECURITY))
                .status()
                .unwrap()
                .success();
            assert!(ok, "mkfifo");
        }
        "directory-as-document" => {
            fs::remove_file(dir.join(DATA_SECURITY)).unwrap();
            fs::create_dir_all(dir.join(DATA_SECURITY)).unwrap();
        }
        other => panic!("unknown generator {other}"),
    }
}

/// Whether a case can run here (symlinks and FIFOs are Unix-only).
fn supported(case: &Case) -> bool {
    cfg!(unix)
        || !case.generate.iter().any(|g| {
            g.contains("symlink")
                || g.contains("loop")
                || g.contains("fifo")
                || g.ends_with("outside")
        })
}

fn run_case(case: &Case, src: &Path) -> Result<(), String> {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("submission");
    let outside = tmp.path().join("outside");
    fs::create_dir_all(&outside).unwrap();
    copy_dir(
        &example(case.base.as_deref().unwrap_or("shenzhen-nanshan")),
        &dir,
    );
    for entry in fs::read_dir(src).unwrap() {
        let entry = entry.unwrap();
        if entry.file_name() == "expect.txt" {
            continue;
        }
        let target = dir.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
    for r in &case.remove {
        let p = dir.join(r);
        if p.is_dir() {
            fs::remove_dir_all(p).unwrap();
        } else {
            fs::remove_file(p).unwrap();
        }
    }
    for g in &case.generate {
        generate(g, &dir, &outside);
    }
    let before = snapshot(tmp.path());
    let mut args: Vec<&OsStr> = vec![
        OsStr::new("check"),
        dir.as_os_str(),
        OsStr::new("--format"),
        OsStr::new("json"),
        OsStr::new("--lang"),
        OsStr::new("en"),
        OsStr::new("--today"),
        OsStr::new("2025-03-01"),
    ];
    args.extend(case.args.iter().map(OsStr::new));
    let run = run_watched(&args, DEADLINE);
    let stderr = String::from_utf8_lossy(&run.stderr);
    match (run.code, case.exit) {
        (Some(c), Some(want)) if c != want => {
            return Err(format!("exit {c}, expected {want}; stderr: {stderr}"))
        }
        (Some(0 | 1), _) | (Some(_), Some(_)) => {}
        (code, _) => {
            return Err(format!(
                "exit {code:?} (a crash or a refusal); stderr: {stderr}"
            ))
        }
    }
    let json: serde_json::Value = serde_json::from_slice(&run.stdout)
        .map_err(|e| format!("not JSON ({e}); stderr: {stderr}"))?;
    let findings = json["submissions"][0]["findings"]
        .as_array()
        .ok_or("no findings array")?;
    let summary = || {
        findings
            .iter()
            .map(|f| {
                format!(
                    "{} {} {}:{}",
                    f["rule"], f["severity"], f["file"], f["line"]
                )
            })
            .take(40)
            .collect::<Vec<_>>()
            .join("\n  ")
    };
    for e in &case.expect {
        let hit = findings.iter().any(|f| {
            f["rule"] == e.code.as_str()
                && e.severity
                    .as_ref()
                    .is_none_or(|s| f["severity"] == s.as_str())
                && e.file.as_ref().is_none_or(|p| f["file"] == p.as_str())
                && e.line.is_none_or(|l| f["line"] == l)
        });
        if !hit {
            return Err(format!("expected {e:?}; findings:\n  {}", summary()));
        }
    }
    for code in &case.absent {
        if findings.iter().any(|f| f["rule"] == code.as_str()) {
            return Err(format!("unexpected {code}; findings:\n  {}", summary()));
        }
    }
    // The terminal renderer sees the same hostile files (snippets of huge lines).
    let mut human = args.clone();
    human[3] = OsStr::new("human");
    let run_human = run_watched(&human, DEADLINE);
    if !matches!(run_human.code, Some(0 | 1)) && case.exit.is_none() {
        return Err(format!(
            "human output: exit {:?}; stderr: {}",
            run_human.code,
            String::from_utf8_lossy(&run_human.stderr)
        ));
    }
    let after = snapshot(tmp.path());
    std::panic::catch_unwind(|| assert_same_tree(&before, &after, &case.name))
        .map_err(|_| "the submission was modified".to_string())?;
    eprintln!("{:<28} ok in {:?}", case.name, run.elapsed);
    Ok(())
}

fn cases() -> Vec<(Case, PathBuf)> {
    let root = repo().join("tests/hostile");
    let mut dirs: Vec<PathBuf> = fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs.into_iter().map(|d| (parse_case(&d), d)).collect()
}

#[test]
fn every_hostile_case_gives_its_diagnostic_fast_without_crash_or_write() {
    let all = cases();
    assert!(all.len() >= 30, "only {} cases", all.len());
    let mut failures = Vec::new();
    for (case, dir) in &all {
        if !supported(case) {
            eprintln!("{:<28} skipped on this platform", case.name);
            continue;
        }
        if let Err(e) = run_case(case, dir) {
            failures.push(format!("{}: {e}", case.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_input_code_of_the_catalogue_is_exercised_or_listed_as_out_of_reach() {
    // Codes a hostile folder cannot produce through `check` alone.
    let elsewhere = [
        InputCode::NotASubmission, // a path that is not a folder: exit 2 by design, see tests/cli.rs
        InputCode::ReadError,      // needs a file the test user cannot read (root can read all)
        InputCode::Unchecked,      // an absent metric or field that rules need: tests/trust.rs
    ];
    let mut produced = std::collections::BTreeSet::new();
    for (case, _) in cases() {
        for e in case.expect {
            if let Some(code) = e.code.strip_prefix(InputCode::RULE_PREFIX) {
                produced.insert(code.to_string());
            }
        }
    }
    for &code in InputCode::ALL {
        assert!(
            produced.contains(code.code()) || elsewhere.contains(&code),
            "no hostile case expects input/{code}"
        );
    }
}

#[test]
fn every_input_code_has_a_title_cause_and_help_in_both_languages() {
    for &code in InputCode::ALL {
        for (what, text) in [
            ("title", code.title()),
            ("cause", code.cause()),
            ("help", code.help()),
        ] {
            assert!(
                !text.zh.trim().is_empty() && !text.en.trim().is_empty(),
                "input/{code}: {what} lacks zh or en: {text:?}"
            );
        }
    }
}

#[test]
fn input_codes_are_unique_kebab_case_and_parse_back() {
    let mut seen = std::collections::BTreeSet::new();
    for &code in InputCode::ALL {
        let c = code.code();
        assert!(seen.insert(c), "input/{c} appears twice in InputCode::ALL");
        let kebab = !c.is_empty()
            && c.split('-').all(|part| {
                !part.is_empty()
                    && part
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            });
        assert!(kebab, "input/{c} is not kebab-case");
        assert_eq!(InputCode::parse(c), Some(code));
        assert_eq!(code.rule_id(), format!("input/{c}"));
    }
    assert!(seen.len() >= 20, "only {} input codes", seen.len());
}

#[test]
fn readme_input_catalogue_lists_exactly_the_input_codes() {
    let readme = fs::read_to_string(repo().join("README.md")).unwrap();
    let section = readme
        .split("\n## ")
        .find(|s| s.starts_with("Input diagnostics"))
        .expect("README.md has an `## Input diagnostics` section");
    let mut listed = Vec::new();
    for line in section.lines() {
        if let Some(rest) = line.strip_prefix("| `") {
            listed.push(rest.split('`').next().unwrap().to_string());
        }
    }
    let mut unique = std::collections::BTreeSet::new();
    for code in &listed {
        assert!(unique.insert(code), "the README lists input/{code} twice");
        assert!(
            InputCode::parse(code).is_some(),
            "the README lists input/{code}, which is not an InputCode"
        );
    }
    for &code in InputCode::ALL {
        assert!(
            unique.contains(&code.code().to_string()),
            "input/{code} is not in the README's input catalogue"
        );
    }
}
