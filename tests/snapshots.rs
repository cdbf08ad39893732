//! Snapshots of what a user sees in the terminal, in both languages.

mod common;

fn human(example: &str, lang: &str) -> String {
    run(&[&format!("examples/{example}"), "--lang", lang])
}

/// `check --today 2025-03-01` with `args`; its standard output.
fn run(args: &[&str]) -> String {
    let out = common::sscheck()
        .arg("check")
        .args(args)
        .args(["--today", "2025-03-01"])
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn hengyang_zh() {
    insta::assert_snapshot!(human("hengyang-county", "zh"));
}

#[test]
fn hengyang_en() {
    insta::assert_snapshot!(human("hengyang-county", "en"));
}

#[test]
fn zombie_zh() {
    insta::assert_snapshot!(human("zombie-center", "zh"));
}

#[test]
fn clean_en() {
    insta::assert_snapshot!(human("shenzhen-nanshan", "en"));
}

#[test]
fn zombie_en() {
    insta::assert_snapshot!(human("zombie-center", "en"));
}

#[test]
fn clean_zh() {
    insta::assert_snapshot!(human("shenzhen-nanshan", "zh"));
}

#[test]
fn two_submissions_concise_zh() {
    insta::assert_snapshot!(run(&[
        "examples/zombie-center",
        "examples/hengyang-county",
        "--format",
        "concise",
        "--lang",
        "zh"
    ]));
}

#[test]
fn two_submissions_concise_en() {
    insta::assert_snapshot!(run(&[
        "examples/zombie-center",
        "examples/hengyang-county",
        "--format",
        "concise",
        "--lang",
        "en"
    ]));
}

#[test]
fn hengyang_github_zh() {
    insta::assert_snapshot!(run(&[
        "examples/hengyang-county",
        "--format",
        "github",
        "--lang",
        "zh"
    ]));
}

#[test]
fn statistics_en() {
    insta::assert_snapshot!(run(&[
        "examples/zombie-center",
        "examples/hengyang-county",
        "examples/shenzhen-nanshan",
        "--statistics",
        "--lang",
        "en"
    ]));
}

#[test]
fn statistics_zh() {
    insta::assert_snapshot!(run(&[
        "examples/zombie-center",
        "examples/hengyang-county",
        "--statistics",
        "--lang",
        "zh"
    ]));
}

#[test]
fn underline_sits_under_the_chinese_figure() {
    // The figure 298家 follows 全年服务企业 (6 wide characters) on line 15 of the self-evaluation.
    let out = human("hengyang-county", "zh");
    let lines: Vec<&str> = out.lines().collect();
    let i = lines
        .iter()
        .position(|l| l.contains("全年服务企业298家"))
        .expect("snippet line");
    let text_line = lines[i];
    let under = lines[i + 1];
    use unicode_width::UnicodeWidthStr;
    let col_of = |s: &str, needle: &str| s[..s.find(needle).unwrap()].width();
    assert_eq!(
        col_of(text_line, "298"),
        col_of(under, "─"),
        "\n{text_line}\n{under}"
    );
}

#[test]
fn a_snippet_of_a_line_pasted_as_one_paragraph_is_a_window_around_the_span() {
    // A document flattened into one line (a Word paste): the snippet printed the whole
    // line, thousands of characters, for each finding.
    let (tmp, dir) = common::example_copy("shenzhen-nanshan");
    let process = dir.join("docs/服务流程规范.md");
    let text = std::fs::read_to_string(&process).unwrap();
    let filler = "中心为企业提供技术咨询与成果转化服务，".repeat(60);
    std::fs::write(
        &process,
        format!("{text}\n{filler}联系人：某某。{filler}\n"),
    )
    .unwrap();
    let out = common::sscheck()
        .current_dir(tmp.path())
        .args([
            "check",
            "shenzhen-nanshan",
            "--today",
            "2025-03-01",
            "--lang",
            "zh",
            "--color",
            "never",
        ])
        .output()
        .unwrap();
    let out = String::from_utf8(out.stdout).unwrap();
    use unicode_width::UnicodeWidthStr;
    let widest = out.lines().map(|l| l.width()).max().unwrap();
    assert!(widest < 240, "a line {widest} columns wide:\n{out}");
    let lines: Vec<&str> = out.lines().collect();
    let i = lines
        .iter()
        .position(|l| l.contains("联系人：某某"))
        .expect("snippet line");
    let (text_line, under) = (lines[i], lines[i + 1]);
    assert!(
        text_line.contains("│ …") && text_line.ends_with('…'),
        "{text_line}"
    );
    let col_of = |s: &str, needle: &str| s[..s.find(needle).unwrap()].width();
    assert_eq!(
        col_of(text_line, "某某"),
        col_of(under, "─"),
        "\n{text_line}\n{under}"
    );
}

/// The kinds the examples do not trigger (field, document, placeholders), on a copy of
/// the clean example with one defect each, run from its parent so paths are stable.
fn broken(lang: &str) -> String {
    let (tmp, dir) = common::example_copy("shenzhen-nanshan");
    let center = dir.join("center.yaml");
    let text = std::fs::read_to_string(&center).unwrap();
    std::fs::write(&center, text.replace("id: GD-SZ-0012", "id: 深圳南山中心")).unwrap();
    let catalog = std::fs::read_dir(dir.join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("投诉"))
        .expect("a complaint-handling document");
    std::fs::remove_file(catalog).unwrap();
    let process = std::fs::read_dir(dir.join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().contains("流程"))
        .expect("a service-process document");
    let text = std::fs::read_to_string(&process).unwrap();
    std::fs::write(&process, format!("{text}\n联系人：（待补充）\n")).unwrap();
    let out = common::sscheck()
        .current_dir(tmp.path())
        .args([
            "check",
            "shenzhen-nanshan",
            "--today",
            "2025-03-01",
            "--lang",
            lang,
        ])
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn broken_field_document_placeholder_zh() {
    insta::assert_snapshot!(broken("zh"));
}

#[test]
fn broken_field_document_placeholder_en() {
    insta::assert_snapshot!(broken("en"));
}
