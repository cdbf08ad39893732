//! Output habits: layout of the human report, --format concise/github, --quiet,
//! --statistics, --color, completions, man page, --version.

mod common;

fn run(args: &[&str]) -> (i32, String, String) {
    run_env(args, &[])
}

/// Runs sscheck with `env` set (common::sscheck sets NO_COLOR=1; an empty value unsets).
fn run_env(args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut cmd = common::sscheck();
    for (k, v) in env {
        if v.is_empty() {
            cmd.env_remove(k);
        } else {
            cmd.env(k, v);
        }
    }
    let out = cmd.args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn check(args: &[&str]) -> String {
    let mut all = vec!["check", "--today", "2025-03-01"];
    all.extend(args);
    run(&all).1
}

const ZOMBIE: &str = "examples/zombie-center";
const HENGYANG: &str = "examples/hengyang-county";
const CLEAN: &str = "examples/shenzhen-nanshan";

#[test]
fn each_header_precedes_its_findings_and_the_summary_closes_the_block() {
    for lang in ["zh", "en"] {
        let out = check(&[ZOMBIE, HENGYANG, "--lang", lang]);
        let lines: Vec<&str> = out.lines().collect();
        let pos = |pred: &dyn Fn(&str) -> bool| lines.iter().position(|l| pred(l)).unwrap();
        let zombie_header = pos(&|l| l.starts_with("== examples/zombie-center"));
        let hengyang_header = pos(&|l| l.starts_with("== examples/hengyang-county"));
        assert_eq!(zombie_header, 0, "{out}");
        // Findings of each submission sit between its header and the next one.
        let zombie_finding = pos(&|l| l.contains("examples/zombie-center/metrics/2024.yaml"));
        let hengyang_finding = pos(&|l| l.contains("examples/hengyang-county/metrics/2024.yaml"));
        assert!(zombie_header < zombie_finding && zombie_finding < hengyang_header);
        assert!(hengyang_header < hengyang_finding);
        // The zombie's summary (grade line) comes after its findings, before the next header.
        let grades: Vec<usize> = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.contains("等级 C") || l.contains("grade C"))
            .map(|(i, _)| i)
            .collect();
        assert_eq!(grades.len(), 2, "{out}");
        assert!(zombie_finding < grades[0] && grades[0] < hengyang_header);
        assert!(hengyang_finding < grades[1]);
        // The run's totals close the output.
        let last = lines.last().unwrap();
        assert!(
            last.starts_with("共检查 2 份提交") || last.starts_with("checked 2 submissions"),
            "{last}"
        );
    }
}

#[test]
fn piped_output_is_never_wrapped() {
    // Long messages (EVA-011 is far over 100 columns) stay on one line.
    for lang in ["zh", "en"] {
        let out = check(&[ZOMBIE, "--lang", lang]);
        let line = out
            .lines()
            .find(|l| l.contains("EVA-011") || l.contains("近三年开展了实质性技术服务"))
            .unwrap();
        let header = out
            .lines()
            .find(|l| {
                l.contains("2024 年提供服务项次为 0") || l.contains("2024: Services delivered")
            })
            .unwrap_or_else(|| panic!("{out}"));
        assert!(
            header.contains("2022") && header.contains("2023") && header.contains("2024"),
            "wrapped: {header}"
        );
        assert!(!line.is_empty());
        assert!(!out.contains("\n  │ "), "a continued header line: {out}");
    }
    // A date in an English message is never split at its hyphen.
    let en = check(&[HENGYANG, "--lang", "en"]);
    assert!(
        en.contains("last revised on 2019-06-01: more than 3 years"),
        "{en}"
    );
    assert!(en.contains("e.g. 修订日期：2024-03-15."), "{en}");
    // A file gets the same unwrapped text.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("report.txt");
    check(&[HENGYANG, "--lang", "en", "-o", file.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), en);
}

#[test]
fn chinese_output_has_chinese_labels() {
    // A copy without metrics: rules that could not be checked, an incomplete verdict.
    let (_tmp, incomplete) = common::example_copy("shenzhen-nanshan");
    std::fs::remove_dir_all(incomplete.join("metrics")).unwrap();
    let incomplete = incomplete.to_str().unwrap().to_string();
    let incomplete_out = check(&[&incomplete, "--lang", "zh"]);
    assert!(
        incomplete_out.contains("无法检查的规则"),
        "{incomplete_out}"
    );
    // Outside snippets (which quote the files) and paths, no English word:
    let word = regex::Regex::new(r"[A-Za-z]{3,}").unwrap();
    // Rule ids, input codes, metric ids, paths, flags, commands and quoted names are
    // names, not English words.
    let names = regex::Regex::new(
        r"`[^`]*`|[A-Z]+-\d+|input/[a-z-]+|national-baseline|[a-z]+(_[a-z]+)+|[A-Za-z_]+/|[\w-]+\.(yaml|md)|--[a-z-]+|sscheck( [a-z]+)*",
    )
    .unwrap();
    for example in [ZOMBIE, HENGYANG, CLEAN, &incomplete] {
        let out = check(&[example, HENGYANG, "--lang", "zh"]);
        assert!(!out.contains("help:"), "{out}");
        assert!(out.contains("帮助："), "{out}");
        for english in [
            "waived", "rules", "findings", "scores", "overall", "grade", "error", "warning",
            "(合格)", "(优秀)", "(良好)",
        ] {
            assert!(!out.contains(english), "{english} in {example}:\n{out}");
        }
        for line in out.lines() {
            if line.contains('│')
                || line.contains('·')
                || line.contains("examples/")
                || line.contains(incomplete.as_str())
            {
                continue;
            }
            let cleaned = names.replace_all(line, "");
            assert!(!word.is_match(&cleaned), "English in zh output: {line}");
        }
    }
    let en = check(&[HENGYANG, "--lang", "en"]);
    assert!(en.contains("  help: ") && !en.contains("帮助"), "{en}");
    assert!(en.contains("grade C (Pass)") && !en.contains("(Pass) (Pass)"));
}

#[test]
fn concise_lines_are_exact() {
    let en = check(&[ZOMBIE, "--format", "concise", "--lang", "en"]);
    assert!(en.lines().any(|l| l
        == "examples/zombie-center/metrics/2024.yaml:2:21: EVA-004 [error] Enterprises served reach the cohort floor: Enterprises served is 0, below the minimum 32 (county, west, government-led)"),
        "{en}");
    let zh = check(&[ZOMBIE, "--format", "concise", "--lang", "zh"]);
    assert!(zh.lines().any(|l| l
        == "examples/zombie-center/metrics/2024.yaml:2:21: EVA-004 [错误] 服务企业数达到同类底线：服务企业数为 0，低于下限 32（区县级、西部、政府主导）"),
        "{zh}");
    // One line per finding, then one summary line for the submission.
    let findings = en.lines().filter(|l| !l.starts_with("== ")).count();
    assert_eq!(findings, 15, "{en}");
    assert_eq!(
        en.lines().last().unwrap(),
        "== examples/zombie-center [GS-TS-0733]: 5 errors, 9 warnings, 1 info, 0 waived; overall 73.2, grade C (Pass)"
    );
    // Waived findings are marked; --output-format is the same flag.
    let hy = check(&[HENGYANG, "--output-format", "concise", "--lang", "en"]);
    assert!(hy.contains(": SUP-003 [warning, waived] "), "{hy}");
}

#[test]
fn concise_line_without_location_starts_with_the_submission() {
    let (_tmp, dir) = common::example_copy("shenzhen-nanshan");
    std::fs::remove_dir_all(dir.join("metrics")).unwrap();
    let d = dir.to_str().unwrap();
    let out = check(&[d, "--format", "concise", "--lang", "en", "-q"]);
    // path:line:col: RULE [severity] message, or path: RULE [severity] message
    let re =
        regex::Regex::new(r"^.+?(:\d+:\d+)?: \S+ \[(error|warning|info)(, waived)?\] .+$").unwrap();
    for line in out.lines() {
        assert!(line.starts_with(d), "{line}");
        assert!(re.is_match(line), "{line}");
    }
    assert!(!out.is_empty());
}

#[test]
fn github_annotations_are_exact_and_escaped() {
    let out = check(&[ZOMBIE, "--format", "github", "--lang", "en"]);
    assert!(out.lines().any(|l| l
        == "::error file=examples/zombie-center/metrics/2024.yaml,line=2,col=21,title=EVA-004::Enterprises served reach the cohort floor: Enterprises served is 0, below the minimum 32 (county, west, government-led)%0Ahelp: Check enterprises_served counts unique enterprises (家); if it is right, widen the service reach."),
        "{out}");
    assert!(
        out.lines().all(|l| l.starts_with("::error ")
            || l.starts_with("::warning ")
            || l.starts_with("::notice ")),
        "{out}"
    );
    // info → notice; a % in a message is escaped.
    assert!(out.contains(
        "::notice file=examples/zombie-center/metrics/2024.yaml,line=15,col=23,title=PRO-009::"
    ));
    assert!(out.contains("94.7%25, above 60%25"), "{out}");
    assert_eq!(out.lines().count(), 15);
    // Waived findings get no annotation.
    let hy = check(&[HENGYANG, "--format", "github", "--lang", "en"]);
    assert!(!hy.contains("SUP-003"), "{hy}");
}

#[test]
fn quiet_prints_findings_only() {
    for format in ["human", "concise"] {
        let out = check(&[ZOMBIE, HENGYANG, "-q", "--lang", "zh", "--format", format]);
        assert!(!out.contains("== "), "{out}");
        assert!(!out.contains("等级") && !out.contains("共检查"), "{out}");
        assert!(out.contains("EVA-004"), "{out}");
    }
    let loud = check(&[ZOMBIE, "--lang", "en"]);
    let quiet = check(&[ZOMBIE, "--quiet", "--lang", "en"]);
    assert!(loud.len() > quiet.len());
    let first_finding: String = quiet.lines().take(8).collect::<Vec<_>>().join("\n");
    assert!(loud.contains(&first_finding), "{quiet}");
    // The gate still applies.
    let (code, _, _) = run(&["check", "--today", "2025-03-01", ZOMBIE, "-q"]);
    assert_eq!(code, 1);
}

#[test]
fn statistics_count_rules_most_frequent_first() {
    let en = check(&[ZOMBIE, HENGYANG, "--statistics", "--lang", "en"]);
    let lines: Vec<&str> = en.lines().collect();
    assert_eq!(
        lines[0],
        "5  BAS-007               Documents were revised within three years"
    );
    assert!(
        lines.contains(
            &"1  SUP-001               Fewer than 5 staff and no full-time technology broker"
        ),
        "{en}"
    );
    // Counts descend; equal counts are ordered by id.
    let rows: Vec<(usize, &str)> = lines
        .iter()
        .map(|l| {
            let mut it = l.split_whitespace();
            (it.next().unwrap().parse().unwrap(), it.next().unwrap())
        })
        .collect();
    for w in rows.windows(2) {
        assert!(
            w[0].0 > w[1].0 || (w[0].0 == w[1].0 && w[0].1 < w[1].1),
            "{en}"
        );
    }
    // Waived findings do not count (hengyang's SUP-003 is waived; zombie's is not).
    assert!(en.contains("1  SUP-003 "), "{en}");
    let zh = check(&[ZOMBIE, "--statistics", "--lang", "zh"]);
    assert!(zh.starts_with("4  BAS-007  制度文件在三年内修订\n"), "{zh}");
    let json = check(&[ZOMBIE, "--statistics", "--format", "json", "--lang", "en"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v[0]["rule"], "BAS-007");
    assert_eq!(v[0]["count"], 4);
    let clean = check(&[CLEAN, "--statistics", "--lang", "en"]);
    assert_eq!(clean, "no unwaived findings\n");
}

const ESC: &str = "\x1b[";

#[test]
fn color_follows_the_flag_and_the_environment() {
    let base = ["check", "--today", "2025-03-01", ZOMBIE];
    let with = |extra: &[&str], env: &[(&str, &str)]| {
        let mut args = base.to_vec();
        args.extend(extra);
        run_env(&args, env).1
    };
    // Not a terminal: auto means no colour.
    assert!(!with(&[], &[("NO_COLOR", "")]).contains(ESC));
    assert!(!with(&["--color", "auto"], &[("NO_COLOR", "")]).contains(ESC));
    assert!(with(&["--color", "always"], &[]).contains(ESC));
    assert!(with(&["--color=always"], &[]).contains(ESC));
    // `--color` alone still means always.
    assert!(with(&["--lang", "zh", "--color"], &[]).contains(ESC));
    assert!(!with(&["--color", "never"], &[("FORCE_COLOR", "1")]).contains(ESC));
    assert!(!with(&["--color=never"], &[]).contains(ESC));
    // FORCE_COLOR forces colour under auto, even into a pipe; NO_COLOR (set by the
    // helper) does not win over it.
    assert!(with(&[], &[("FORCE_COLOR", "1")]).contains(ESC));
    assert!(!with(&[], &[("FORCE_COLOR", "0")]).contains(ESC));
    assert!(!with(&[], &[("NO_COLOR", "1")]).contains(ESC));
    // Only the human format is coloured.
    assert!(!with(&["--color", "always", "--format", "concise"], &[]).contains(ESC));
    assert!(!with(&["--color", "always", "--format", "json"], &[]).contains(ESC));
    // Unknown values name the accepted ones.
    let (code, _, err) = run(&["check", ZOMBIE, "--color", "sometimes"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("auto") && err.contains("always") && err.contains("never"),
        "{err}"
    );
}

#[test]
fn unknown_format_lists_the_accepted_ones() {
    for flag in ["--format", "--output-format"] {
        let (code, _, err) = run(&["check", ZOMBIE, flag, "sarif"]);
        assert_eq!(code, 2);
        for v in ["human", "json", "concise", "github"] {
            assert!(err.contains(v), "{err}");
        }
    }
    // --output-format json is JSON, not a file named json.
    let out = check(&[ZOMBIE, "--output-format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["schema_version"], 1);
}

#[test]
fn completions_for_each_shell() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let (code, out, _) = run(&["completions", shell]);
        assert_eq!(code, 0, "{shell}");
        assert!(
            !out.is_empty() && out.contains("check") && out.contains("sscheck"),
            "{shell}"
        );
        assert!(
            out.contains("statistics"),
            "{shell}: flags of check are completed"
        );
    }
    let (code, _, err) = run(&["completions", "tcsh"]);
    assert_eq!(code, 2);
    assert!(err.contains("bash") && err.contains("zsh"), "{err}");
}

#[test]
fn man_page_is_roff() {
    let (code, out, _) = run(&["man"]);
    assert_eq!(code, 0);
    // The first macro after clap_mangen's two-line apostrophe preamble (.ie/.el) is .TH.
    let first = out
        .lines()
        .find(|l| !l.starts_with(".ie ") && !l.starts_with(".el "))
        .unwrap();
    assert!(first.starts_with(".TH sscheck 1"), "{first}");
    assert!(out.contains(".SH NAME"));
    assert!(out.contains("sscheck") && out.contains("check"));
}

#[test]
fn version_names_the_embedded_baseline() {
    let (code, out, _) = run(&["--version"]);
    assert_eq!(code, 0);
    let standard = sscheck::standard::load_embedded().unwrap();
    assert_eq!(
        out.trim_end(),
        format!(
            "sscheck {} ({} {})",
            env!("CARGO_PKG_VERSION"),
            standard.id,
            standard.version
        )
    );
    assert_eq!(out.trim_end(), "sscheck 0.1.0 (national-baseline 1.0.0)");
}

#[test]
fn findings_without_a_place_name_their_submission() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let d = empty.to_str().unwrap();
    let concise = check(&[d, "--format", "concise", "--lang", "en", "-q"]);
    assert_eq!(
        concise,
        format!("{d}: input/not-a-submission [error] Not a submission folder: {d} holds neither center.yaml nor metrics/ (sscheck init {d} creates a submission)\n")
    );
    let github = check(&[d, "--format", "github", "--lang", "zh"]);
    let escaped_title = "title=input/not-a-submission::";
    assert!(
        github.starts_with(&format!("::error {escaped_title}{d}：不是提交目录：")),
        "{github}"
    );
    assert_eq!(github.lines().count(), 1);
}
