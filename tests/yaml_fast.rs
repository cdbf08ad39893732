//! The fast YAML path (`yaml::parse_fast`) gives exactly the serde-saphyr tree
//! (`yaml::parse_slow`) whenever it answers, and `yaml::parse` equals the slow path on
//! every input: trees, positions, errors and budget verdicts.

mod common;

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use sscheck::yaml::{parse, parse_fast, parse_simple, parse_slow};

/// Compare both paths on `text`; `true` when the fast path answered.
fn same(text: &str) -> bool {
    let full = parse(text);
    if text.trim().is_empty() {
        // `parse` reads blank text as an empty document before either path.
        assert_eq!(format!("{full:?}"), format!("{:?}", parse_slow(text)));
        return false;
    }
    let slow = parse_slow(text);
    if let Some(simple) = parse_simple(text) {
        // The line reader answers only with serde-saphyr's tree (its ASCII keys never
        // start with the full-width space the check after both paths rejects).
        assert_eq!(
            format!("{:?}", Ok::<_, ()>(&simple)),
            format!("{:?}", slow.as_ref().map_err(|_| ())),
            "line reader differs from serde-saphyr on {text:?}"
        );
    }
    // Debug text also tells -0.0 from 0.0 and compares every position field.
    assert_eq!(
        format!("{full:?}"),
        format!("{slow:?}"),
        "parse differs from the slow path on {text:?}"
    );
    let Some(fast) = parse_fast(text) else {
        return false;
    };
    match &slow {
        Ok(tree) => assert_eq!(
            format!("{fast:?}"),
            format!("{tree:?}"),
            "fast tree differs on {text:?}"
        ),
        // The only error a tree can still get is the check applied after both paths.
        Err(e) => assert!(
            e.message.contains("U+3000"),
            "fast answered {fast:?} but slow failed with {e:?} on {text:?}"
        ),
    }
    true
}

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n == "target") {
                continue;
            }
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
}

fn all_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            all_files(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn every_yaml_file_of_the_repository_reads_the_same_both_ways() {
    let repo = common::repo();
    let mut files = Vec::new();
    for dir in ["examples", "standards", "tests"] {
        yaml_files(&repo.join(dir), &mut files);
    }
    // Fuzz seeds of the YAML loaders are YAML whatever their names.
    for dir in ["fuzz/seeds/metrics_loader", "fuzz/seeds/standard_loader"] {
        all_files(&repo.join(dir), &mut files);
    }
    let (mut read, mut fast) = (0, 0);
    for path in &files {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue; // not UTF-8: never reaches the parser as is
        };
        read += 1;
        if same(&text) {
            fast += 1;
        }
        // Line endings and a missing final newline do not change the verdict.
        same(&text.replace('\n', "\r\n"));
        same(text.trim_end());
    }
    assert!(read > 40, "only {read} files found");
    assert!(
        fast * 2 > read,
        "the fast path answered for {fast} of {read} files"
    );
}

#[test]
fn generated_submissions_take_the_fast_path() {
    for seed in [7, 2024] {
        let (_tmp, root) = common::corpus(25, seed);
        let mut files = Vec::new();
        yaml_files(&root, &mut files);
        let (mut ordinary, mut fast, mut simple) = (0, 0, 0);
        let mut declined = Vec::new();
        for path in &files {
            let text = std::fs::read_to_string(path).unwrap();
            let answered = same(&text);
            let name = path.file_name().unwrap().to_string_lossy();
            let is_data = name == "center.yaml" || path.parent().unwrap().ends_with("metrics");
            if is_data && parse_slow(&text).is_ok() {
                ordinary += 1;
                simple += usize::from(parse_simple(&text).is_some());
                if answered {
                    fast += 1;
                } else {
                    declined.push(path.clone());
                }
            }
        }
        assert!(ordinary > 50, "{ordinary} files");
        assert!(
            declined.is_empty(),
            "the fast path declined {} of {ordinary} readable data files: {declined:?}",
            declined.len()
        );
        assert_eq!(fast, ordinary);
        // Most data files are plain block mappings: the line reader takes them.
        assert!(
            simple * 10 >= ordinary * 9,
            "line reader answered {simple} of {ordinary}"
        );
    }
}

/// Every key and value of `node` with the line and character column its parser gave.
fn positions(node: &sscheck::yaml::Node, out: &mut Vec<sscheck::yaml::Pos>) {
    out.push(node.pos);
    match &node.kind {
        sscheck::yaml::Kind::Map(entries) => {
            for (k, v) in entries {
                out.push(k.pos);
                positions(v, out);
            }
        }
        sscheck::yaml::Kind::Seq(items) => items.iter().for_each(|v| positions(v, out)),
        _ => {}
    }
}

/// The loaders take a value's line and column from the parser when the text (decoded: no
/// leading BOM) holds no `\r` and no U+FEFF: they must be those of `line_col` (1-based
/// line, character column), CJK included.
fn parser_positions_are_line_col(text: &str) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains(['\r', '\u{feff}']) {
        return;
    }
    let Ok(root) = parse(text) else { return };
    let mut all = Vec::new();
    positions(&root, &mut all);
    for pos in all.iter().filter(|p| p.len > 0) {
        assert_eq!(
            (pos.line, pos.column),
            sscheck::finding::line_col(text, pos.start),
            "at byte {} of {text:?}",
            pos.start
        );
    }
}

#[test]
fn parser_positions_are_lines_and_character_columns() {
    let (_tmp, root) = common::corpus(10, 3);
    let mut files = Vec::new();
    yaml_files(&root, &mut files);
    yaml_files(&common::repo().join("examples"), &mut files);
    assert!(files.len() > 50);
    for path in &files {
        parser_positions_are_line_col(&std::fs::read_to_string(path).unwrap());
    }
    parser_positions_are_line_col(
        "名称: 中心\n指标: 九十\n注: \"全角　空格\"   # 说明\nx: [甲, 乙]\n",
    );
}

#[test]
fn ordinary_files_are_answered_with_positions() {
    let text = "center:\n  id: GD-SZ-0001\n  name: 深圳市南山区生产力促进中心\n  established: 2014\nyear: 2024\nsatisfaction_rate: 92.3%\navg_response_days: 3.6\nturnover: 1,317万\nconnected: true\nnote: no\nempty:\nlist: [a, 1, 2.5, \"x\"]\nitems:\n  - 甲\n  - {k: v}\n";
    assert!(same(text));
    let root = parse_fast(text).unwrap();
    let name = root.path("center.name").unwrap();
    assert_eq!(&text[name.pos.span()], "深圳市南山区生产力促进中心");
    let (k, v) = root.entry("avg_response_days").unwrap();
    assert_eq!((k.pos.line, k.pos.column), (7, 1));
    assert_eq!(v.kind, sscheck::yaml::Kind::Float(3.6));
    assert_eq!(root.get("note").unwrap().as_str(), Some("no"));
    assert!(root.get("empty").unwrap().is_null());
}

#[test]
fn the_fast_path_declines_what_it_cannot_be_sure_of() {
    let declined = [
        // anchors and aliases
        "a: &x 1\nb: *x\n",
        "a: &x [1, 2]\n",
        // duplicate keys, also spelled differently
        "a: 1\nb: 2\na: 3\n",
        "a: 1\n\"a\": 2\n",
        "1: x\n\"1\": y\n",
        // tags
        "a: !!str 1\n",
        "a: !custom x\n",
        "!!map\na: 1\n",
        // merge key
        "base: {x: 1}\nother:\n  <<: {y: 2}\n",
        // complex keys
        "? [a, b]\n: 1\n",
        "? {a: 1}\n: 2\n",
        // several documents, directives
        "a: 1\n---\nb: 2\n",
        "%YAML 1.2\n---\na: 1\n",
        // syntax errors
        "a: [1, 2\n",
        "center:\n  id: X\n name: Y\n",
        "a: 'open\n",
        // unusual scalars left to serde-saphyr
        "a: 0x1F\n",
        "a: +1\n",
        "a: 1_000\n",
        "a: 1e3\n",
        "a: .inf\n",
        "a: .nan\n",
        "a: 0755\n",
        "a: 12345678901234567890\n",
        "a: tRUE\n",
        // keys whose text is not their value's text
        "true: 1\n",
        "~: 1\n",
        "1.5: x\n",
        "-0: x\n",
        // comments only: no document
        "# nothing here\n",
    ];
    for text in declined {
        assert!(parse_fast(text).is_none(), "fast path answered {text:?}");
        same(text);
    }
    // A duplicate far down a large mapping, and in a nested one.
    let mut large: String = (0..50).map(|i| format!("指标{i}: {i}\n")).collect();
    assert!(same(&large));
    large.push_str("指标7: 8\n");
    assert!(parse_fast(&large).is_none());
    same(&large);
    let nested = format!(
        "outer:\n{}",
        large.replace('\n', "\n  ").replacen("指标0", "  指标0", 1)
    );
    assert!(parse_fast(&nested).is_none());
    same(&nested);
    for text in [&large, &nested] {
        let err = parse_slow(text).unwrap_err();
        assert!(err.message.starts_with("duplicate mapping key"), "{err:?}");
    }
}

#[test]
fn deep_and_large_files_are_left_to_the_limits() {
    // Depth: the fast path stops well before MAX_DEPTH; the slow path decides.
    for depth in [10, 27, 28, 29, 31, 32, 33, 40, 200] {
        let flow = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
        let mut block = String::new();
        for i in 0..depth {
            block.push_str(&"  ".repeat(i));
            block.push_str("a:\n");
        }
        block.push_str(&"  ".repeat(depth));
        block.push_str("b: 1\n");
        for text in [&flow, &block] {
            let answered = same(text);
            if depth >= 29 {
                assert!(!answered, "depth {depth} answered");
            }
            if depth <= 10 {
                assert!(answered, "depth {depth} declined");
            }
        }
    }
    // Many nodes: over the fast path's share the slow path counts against MAX_NODES.
    let big: String = (0..30_000).map(|i| format!("k{i}: {i}\n")).collect();
    assert!(parse_fast(&big).is_none());
    same(&big);
    let over: String = (0..120_000).map(|i| format!("- {i}\n")).collect();
    assert!(parse(&over).is_err_and(|e| e.budget));
    same(&over);
}

#[test]
fn full_width_indentation_is_still_reported() {
    let text = "center:\n  id: X\n\u{3000}\u{3000}name: Y\n";
    assert!(parse_fast(text).is_some());
    let err = parse(text).unwrap_err();
    assert!(err.message.contains("U+3000"), "{err:?}");
    same(text);
}

// ---- generated YAML-ish texts ----

fn scalar() -> impl Strategy<Value = String> {
    prop_oneof![
        // numbers in many forms
        2 => prop_oneof![
            Just("0"), Just("-0"), Just("007"), Just("12"), Just("-12"), Just("+12"),
            Just("1_000"), Just("0x1F"), Just("0X1F"), Just("0o17"), Just("0b101"),
            Just("1.5"), Just("-0.25"), Just("0.0"), Just("-0.0"), Just("1."), Just(".5"),
            Just("1e3"), Just("1E-3"), Just("2.5e10"), Just(".inf"), Just("-.Inf"),
            Just(".NaN"), Just("-.nan"), Just("inf"), Just("nan"), Just("NaN"),
            Just("9223372036854775807"), Just("9223372036854775808"),
            Just("-9223372036854775809"), Just("123456789012345678"),
            Just("1e400"), Just("92.3%"), Just("1,317万"), Just("3.6"),
        ]
        .prop_map(str::to_string),
        // booleans and nulls
        1 => prop_oneof![
            Just("true"), Just("True"), Just("TRUE"), Just("tRUE"), Just("false"),
            Just("False"), Just("yes"), Just("no"), Just("No"), Just("NO"), Just("on"),
            Just("off"), Just("y"), Just("n"), Just("null"), Just("Null"), Just("NULL"),
            Just("nUll"), Just("~"), Just(""),
        ]
        .prop_map(str::to_string),
        // quotes
        1 => prop_oneof![
            Just("'no'"), Just("\"12\""), Just("''"), Just("\"\""), Just("'it''s'"),
            Just("\"a\\tb\""), Just("\"中文\""), Just("'~'"),
        ]
        .prop_map(str::to_string),
        // text: CJK, dates, ids, phone numbers, urls
        1 => prop_oneof![
            Just("深圳市生产力促进中心"), Just("2024-01-15"), Just("0755-12345678"),
            Just("GD-SZ-0001"), Just("https://example.org/a"), Just("v1.2"), Just("3rd"),
            Just("a b"), Just("x: y"), Just("a #not"), Just("1-2"), Just("1e-"),
            Just("-"), Just("."), Just("-1e5"), Just("1e+5"), Just("\u{3000}缩进"),
            Just("<<"), Just("="), Just("@x"), Just("`x"), Just("&a x"), Just("*a"),
            Just("!!str 1"), Just("!x y"), Just("|"), Just(">"),
        ]
        .prop_map(str::to_string),
        2 => "[a-z0-9._+-]{1,6}",
        4 => "[\u{4e00}-\u{4e20}a-z][\u{4e00}-\u{4e20}a-z0-9 ]{0,5}[\u{4e00}-\u{4e20}a-z]",
        3 => "[1-9][0-9]{0,5}",
        2 => "[1-9][0-9]{0,3}\\.[0-9]{1,2}",
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => "[a-z_]{1,8}",
        6 => "[\u{4e00}-\u{4e20}]{1,4}",
        1 => Just("2024".to_string()),
        1 => Just("1".to_string()),
        1 => Just("true".to_string()),
        1 => Just("null".to_string()),
        1 => Just("'quoted'".to_string()),
        1 => Just("\"1\"".to_string()),
        1 => Just("<<".to_string()),
        1 => Just("a".to_string()),
        1 => Just("? x".to_string()),
    ]
}

/// A block or flow YAML value at some indentation.
fn value(depth: u32) -> BoxedStrategy<String> {
    let leaf = scalar().prop_map(|s| format!(" {s}")).boxed();
    if depth == 0 {
        return leaf;
    }
    prop_oneof![
        3 => leaf,
        1 => prop::collection::vec((key(), value(depth - 1)), 1..4).prop_map(|entries| {
            let mut s = String::new();
            for (k, v) in entries {
                s.push('\n');
                s.push_str(&format!("{k}:{}", v.replace('\n', "\n  ")));
            }
            s.replace('\n', "\n  ")
        }),
        1 => prop::collection::vec(value(depth - 1), 1..4).prop_map(|items| {
            let mut s = String::new();
            for v in items {
                s.push_str(&format!("\n-{}", v.replace('\n', "\n  ")));
            }
            s
        }),
        1 => prop::collection::vec(scalar(), 0..4).prop_map(|items| format!(" [{}]", items.join(", "))),
        1 => prop::collection::vec((key(), scalar()), 0..3).prop_map(|entries| {
            let inner: Vec<String> = entries.into_iter().map(|(k, v)| format!("{k}: {v}")).collect();
            format!(" {{{}}}", inner.join(", "))
        }),
    ]
    .boxed()
}

fn document() -> impl Strategy<Value = String> {
    (
        prop::collection::vec((key(), value(3)), 1..6),
        prop::collection::vec(0usize..6, 0..2),
        any::<bool>(),
    )
        .prop_map(|(entries, twists, comment)| {
            let mut s = String::new();
            if comment {
                s.push_str("# 注释 comment\n");
            }
            for (k, v) in entries {
                s.push_str(&format!("{k}:{v}"));
                if comment {
                    s.push_str(" # trailing");
                }
                s.push('\n');
            }
            // Odd indentation and other small damage.
            for t in twists {
                s = match t {
                    0 => s.replacen("\n  ", "\n   ", 1),
                    1 => s.replacen("\n  ", "\n ", 1),
                    2 => s.replacen("\n  ", "\n\t", 1),
                    3 => s.replacen(": ", ":  ", 1),
                    4 => format!("---\n{s}"),
                    _ => s.replacen('\n', "\r\n", 2),
                };
            }
            s
        })
}

/// A plain block mapping as people type it: nested keys, values from the scalar pool,
/// extra spaces after the colon or at the end of a line, blank lines, a missing final
/// newline.
fn plain_mapping() -> impl Strategy<Value = String> {
    let line = (
        0usize..3,
        "[a-z_][a-z0-9_-]{0,7}",
        scalar(),
        prop_oneof![6 => Just(" "), 1 => Just("   ")],
        prop_oneof![6 => Just(""), 1 => Just("  "), 2 => Just("   # 注释 [单位]"), 1 => Just(" #"), 1 => Just("#x")],
        prop_oneof![8 => Just("\n"), 1 => Just("\n\n")],
    );
    (prop::collection::vec(line, 1..12), any::<bool>()).prop_map(|(lines, final_newline)| {
        let mut s = String::new();
        let mut depth = 0usize;
        for (wanted, key, value, gap, tail, end) in lines {
            if wanted > depth {
                // Open one level deeper.
                s.push_str(&format!("{}{key}x:\n", "  ".repeat(depth)));
                depth += 1;
            } else {
                depth = wanted;
            }
            s.push_str(&format!(
                "{}{key}:{gap}{value}{tail}{end}",
                "  ".repeat(depth)
            ));
            if key.len() % 4 == 0 {
                s.push_str("# 整行注释\n");
            }
        }
        if !final_newline {
            s.truncate(s.trim_end_matches('\n').len());
        }
        s
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn plain_mappings_read_the_same_every_way(text in plain_mapping()) {
        same(&text);
        parser_positions_are_line_col(&text);
    }

    #[test]
    fn generated_texts_read_the_same_both_ways(text in document()) {
        same(&text);
        parser_positions_are_line_col(&text);
    }

    #[test]
    fn arbitrary_short_texts_never_panic_and_agree(text in "[a-z0-9:\\-\\[\\]{},'\" #&*!|>\n\u{3000}中]{0,40}") {
        same(&text);
    }
}

#[test]
fn the_line_reader_answers_often_on_plain_mappings() {
    // Guard that the proptest above exercises the line reader, not only the fallbacks.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = plain_mapping();
    let (mut total, mut simple) = (0, 0);
    for _ in 0..500 {
        let text = strategy.new_tree(&mut runner).unwrap().current();
        same(&text);
        total += 1;
        simple += usize::from(parse_simple(&text).is_some());
    }
    assert!(
        simple * 4 > total,
        "line reader answered {simple} of {total}"
    );
}

#[test]
fn the_fast_path_answers_often_on_generated_texts() {
    // Guard that the proptest above exercises the fast path, not only the fallback.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = document();
    let (mut total, mut fast) = (0, 0);
    for _ in 0..500 {
        let text = strategy.new_tree(&mut runner).unwrap().current();
        total += 1;
        if same(&text) {
            fast += 1;
        }
    }
    assert!(fast * 5 > total, "fast path answered {fast} of {total}");
}

/// Time both paths on every YAML file of a folder (default: a generated corpus):
/// `SSCHECK_YAML_BENCH=/tmp/sscheck-bench-3000 cargo test --release --test yaml_fast -- --ignored --nocapture`.
#[test]
#[ignore = "a measurement, not a check"]
fn time_both_paths() {
    let (_tmp, root) = match std::env::var_os("SSCHECK_YAML_BENCH") {
        Some(dir) => (None, PathBuf::from(dir)),
        None => {
            let (tmp, root) = common::corpus(200, 1);
            (Some(tmp), root)
        }
    };
    let mut files = Vec::new();
    yaml_files(&root, &mut files);
    let texts: Vec<String> = files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    let time = |f: &dyn Fn(&str) -> bool| {
        let start = std::time::Instant::now();
        let ok = texts.iter().filter(|t| f(t)).count();
        (start.elapsed(), ok)
    };
    let (slow, slow_ok) = time(&|t| parse_slow(t).is_ok());
    let (full, full_ok) = time(&|t| parse(t).is_ok());
    let (_, fast_answers) = time(&|t| parse_fast(t).is_some());
    assert_eq!(slow_ok, full_ok);
    let missed: Vec<&PathBuf> = files
        .iter()
        .filter(|p| {
            let t = std::fs::read_to_string(p).unwrap_or_default();
            !t.trim().is_empty() && parse_slow(&t).is_ok() && parse_fast(&t).is_none()
        })
        .collect();
    eprintln!(
        "readable but declined: {} {:?}",
        missed.len(),
        &missed[..missed.len().min(5)]
    );
    eprintln!(
        "{} files: serde-saphyr path {slow:?}, parse (fast path first) {full:?}: {:.2}x faster; fast path answered {fast_answers}",
        texts.len(),
        slow.as_secs_f64() / full.as_secs_f64()
    );
}
