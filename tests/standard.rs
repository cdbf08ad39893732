//! Loading standards: the embedded baseline's shape, and located errors in broken ones.

use sscheck::finding::Dimension;
use sscheck::standard;

fn baseline_sources() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("standards/national-baseline");
    let mut v = vec![(
        "standard.yaml".to_string(),
        std::fs::read_to_string(dir.join("standard.yaml")).unwrap(),
    )];
    for f in ["basic", "provision", "support", "evaluation"] {
        let name = format!("rules/{f}.yaml");
        v.push((
            name.clone(),
            std::fs::read_to_string(dir.join(&name)).unwrap(),
        ));
    }
    v
}

#[test]
fn baseline_covers_all_dimensions_and_check_kinds() {
    let s = standard::load_embedded().unwrap();
    assert!(
        (25..=60).contains(&s.rules.len()),
        "{} rules",
        s.rules.len()
    );
    for d in Dimension::ALL {
        assert!(s.rules.iter().any(|r| r.dimension == d), "{d}");
    }
    for kind in [
        "field",
        "metric",
        "expr",
        "trend",
        "document",
        "sections",
        "keywords",
        "table",
        "consistency",
        "freshness",
    ] {
        assert!(
            s.rules.iter().any(|r| r.check.kind() == kind),
            "kind {kind} unused"
        );
    }
    for r in &s.rules {
        // What a source must cite is checked in tests/sources.rs.
        assert!(!r.source.trim().is_empty(), "{} has no source", r.id);
        assert!(!r.title.zh.is_empty() && !r.title.en.is_empty(), "{}", r.id);
    }
    // Region-varying thresholds exist where the facts say so.
    assert!(s
        .rules
        .iter()
        .any(|r| matches!(&r.check, standard::Check::Metric(m) if m.min.as_ref().is_some_and(|t| t.varies()))));
    assert_eq!(s.metrics.len(), 15);
}

#[test]
fn embedded_and_on_disk_baseline_agree() {
    let a = standard::load_embedded().unwrap();
    let b = standard::load_dir(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("standards/national-baseline"),
    )
    .unwrap();
    let ids = |s: &standard::Standard| s.rules.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&a), ids(&b));
}

fn load_with(file: &str, from: &str, to: &str) -> Vec<standard::StandardError> {
    let mut src = baseline_sources();
    let entry = src.iter_mut().find(|(n, _)| n == file).unwrap();
    assert!(entry.1.contains(from), "fixture text not found: {from}");
    entry.1 = entry.1.replacen(from, to, 1);
    standard::load_sources(&src).unwrap_err()
}

#[test]
fn expression_error_points_at_the_column_inside_the_expression() {
    let errors = load_with(
        "rules/support.yaml",
        "expr: \"revenue_fiscal / revenue_total <= 0.6\"",
        "expr: \"revenue_fiscal / revenu_total <= 0.6\"",
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    let e = &errors[0];
    assert_eq!(e.file, "rules/support.yaml");
    assert!(
        e.message.en.contains("revenu_total") && e.message.en.contains("column 18"),
        "{}",
        e.message.en
    );
    let text = &baseline_sources()[3].1;
    let line = text
        .lines()
        .position(|l| l.contains("revenue_fiscal / revenue_total <= 0.6"))
        .unwrap()
        + 1;
    assert_eq!(e.line as usize, line);
    let col = text
        .lines()
        .nth(line - 1)
        .unwrap()
        .find("revenue_total")
        .unwrap()
        + 1;
    assert_eq!(e.column as usize, col);
}

#[test]
fn a_frame_without_its_figure_or_with_nothing_after_it_is_located() {
    let frames = "frames: [\"{n}专职技术经纪人\"]";
    for bad in ["\"专职技术经纪人\"", "\"拥有{n}\"", "\"{n}{n}人\""] {
        let e = load_with("standard.yaml", frames, &format!("frames: [{bad}]"));
        assert_eq!(e.len(), 1, "{bad}: {e:?}");
        assert!(
            e[0].message.en.contains("exactly one {n}"),
            "{bad}: {}",
            e[0].message.en
        );
        let text = &baseline_sources()[0].1;
        let line = text.lines().position(|l| l.contains(frames)).unwrap() + 1;
        // Columns count characters: the item, after `frames: [`.
        let written = text.lines().nth(line - 1).unwrap();
        let item = written.find(frames).unwrap() + "frames: [".len();
        let column = written[..item].chars().count() + 1;
        assert_eq!(
            (e[0].line as usize, e[0].column as usize),
            (line, column),
            "{bad}"
        );
    }
}

#[test]
fn unknown_metric_duplicate_id_and_bad_kind_are_located() {
    let e = load_with(
        "rules/provision.yaml",
        "metric: avg_response_days",
        "metric: avg_response_time",
    );
    assert!(e[0]
        .message
        .en
        .contains("unknown metric `avg_response_time`"));
    assert_eq!(e[0].file, "rules/provision.yaml");
    let e = load_with("rules/support.yaml", "id: SUP-002", "id: SUP-001");
    assert!(
        e[0].message.en.contains("duplicate rule id `SUP-001`"),
        "{e:?}"
    );
    let e = load_with(
        "rules/basic.yaml",
        "kind: field, field: center.name",
        "kind: fields, field: center.name",
    );
    assert!(e[0].message.en.contains("unknown check kind `fields`"));
    let e = load_with(
        "rules/basic.yaml",
        "    source: \"项目默认值 / project default：中心名称为本项目规定的必填项 / a required field chosen by the project\"\n",
        "",
    );
    assert!(e[0].message.en.contains("missing `source`"), "{e:?}");
}

#[test]
fn yaml_syntax_error_in_a_standard_is_located() {
    let e = load_with(
        "standard.yaml",
        "dimensions:\n  basic: {weight: 20}",
        "dimensions:\n basic: {weight: 20}\n  x: 1",
    );
    assert!(e[0].message.en.starts_with("YAML syntax"), "{e:?}");
    assert_eq!(e[0].file, "standard.yaml");
}

#[test]
fn expression_length_depth_and_yaml_bombs_in_a_standard_are_located_errors() {
    let rule = "expr: \"revenue_fiscal <= revenue_total\"";
    let long = format!(
        "expr: \"{}revenue_fiscal <= revenue_total\"",
        "1 + ".repeat(2000)
    );
    let errors = load_with("rules/support.yaml", rule, &long);
    assert!(
        errors.iter().any(|e| e.message.en.contains("too long")),
        "{errors:?}"
    );
    let deep = format!(
        "expr: \"{}revenue_fiscal{} <= revenue_total\"",
        "(".repeat(500),
        ")".repeat(500)
    );
    let errors = load_with("rules/support.yaml", rule, &deep);
    assert!(
        errors
            .iter()
            .any(|e| e.message.en.contains("nested too deeply") && e.file == "rules/support.yaml"),
        "{errors:?}"
    );
    // A billion-laughs rules file ends fast with an error, not an expansion.
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for i in 1..9u8 {
        let (p, c) = ((b'a' + i - 1) as char, (b'a' + i) as char);
        bomb.push_str(&format!(
            "{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
        ));
    }
    let mut sources = baseline_sources();
    sources.push(("rules/bomb.yaml".to_string(), bomb));
    let errors = standard::load_sources(&sources).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.file == "rules/bomb.yaml" && e.message.en.contains("limit")),
        "{errors:?}"
    );
}

/// The baseline's README maps every proposed national rule (1–40) to a rule or a reason,
/// and names every rule the baseline has, so neither side drifts.
#[test]
fn the_baseline_readme_maps_every_proposed_rule_and_names_every_rule() {
    let readme = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("standards/national-baseline/README.md"),
    )
    .unwrap();
    let rows: Vec<&str> = readme.lines().filter(|l| l.starts_with("| ")).collect();
    for n in 1..=40 {
        let row = rows
            .iter()
            .find(|r| r.starts_with(&format!("| {n} |")))
            .unwrap_or_else(|| panic!("proposed rule {n} has no row"));
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        assert!(
            cells[3] != "not implemented" || cells[4].len() > 10,
            "rule {n} is not implemented and gives no reason: {row}"
        );
    }
    let s = standard::load_embedded().unwrap();
    for rule in &s.rules {
        assert!(
            readme.contains(&rule.id),
            "{} is not in standards/national-baseline/README.md",
            rule.id
        );
    }
}
