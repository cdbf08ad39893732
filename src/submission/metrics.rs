//! `metrics/YEAR.yaml`: one value per metric id of the standard's catalogue.

use std::collections::BTreeMap;

use super::validate::{schema_findings, SchemaContext};
use super::{read_tracked, Folder, Submission};
use crate::finding::{Finding, InputCode, LineIndex, Location, Severity};
use crate::i18n::Text;
use crate::standard::submission_schema as schema;
use crate::standard::{MetricDef, MetricType, Standard};
use crate::t;
use crate::text::ReadOptions;
use crate::yaml::{self, Kind, Node};

/// A typed metric value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MetricValue {
    Number(f64),
    Bool(bool),
}

impl MetricValue {
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            MetricValue::Number(n) => Some(*n),
            MetricValue::Bool(_) => None,
        }
    }
}

/// One year of metrics.
#[derive(Debug, Clone)]
pub struct MetricsYear {
    pub year: i32,
    pub file: String,
    /// Values that are present and valid, with the location of each value.
    pub values: BTreeMap<String, (MetricValue, Location)>,
}

pub(crate) fn load_all(
    sub: &mut Submission,
    folder: &mut Folder,
    standard: &Standard,
    opts: &ReadOptions,
) {
    let missing = || {
        Finding::input(
            InputCode::FileMissing,
            Severity::Error,
            t!(
                "缺少 metrics/ 目录：每个年度应有一个 metrics/年份.yaml",
                "the metrics/ folder is missing: each year needs a metrics/YEAR.yaml"
            ),
            None,
        )
    };
    // The folder itself may be a link: out of the submission, or a loop.
    let dir = match folder.resolve("metrics") {
        Ok(dir) => dir,
        Err(super::Unresolved::Missing) => {
            sub.findings.push(missing());
            return;
        }
        Err(problem) => {
            let at = Location::file_only("metrics");
            sub.findings
                .push(super::path_finding(&problem, "metrics", at));
            return;
        }
    };
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => {
            sub.findings.push(super::path_finding(
                &super::Unresolved::Io(e.to_string()),
                "metrics",
                Location::file_only("metrics"),
            ));
            return;
        }
        Err(_) => {
            sub.findings.push(missing());
            return;
        }
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_type()
                .map(|t| t.is_file() || t.is_symlink())
                .unwrap_or(false)
        })
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml") || n.ends_with(".yml"))
        .collect();
    names.sort();
    for name in names {
        let rel = format!("metrics/{name}");
        let stem = name.trim_end_matches(".yaml").trim_end_matches(".yml");
        let Some(year) = stem
            .parse::<i32>()
            .ok()
            .filter(|_| stem.len() == 4 && stem.bytes().all(|b| b.is_ascii_digit()))
        else {
            sub.findings.push(Finding::input(
                InputCode::UnexpectedFile,
                Severity::Warning,
                t!(
                    "指标文件名应为年份（如 metrics/2024.yaml），`{file}` 已忽略",
                    "metric files are named by year (metrics/2024.yaml); `{file}` was ignored",
                    file = rel
                ),
                Some(Location::file_only(&rel)),
            ));
            continue;
        };
        // read_tracked refuses symlinks that leave the submission or loop.
        let Some(text) = read_tracked(sub, folder, &rel, opts, true) else {
            continue;
        };
        let year_data = parse_year(&mut sub.findings, &rel, year, &text, standard);
        sub.metrics.insert(year, year_data);
    }
}

/// The finding for a YAML file that does not parse: what is wrong in the user's
/// language, underlining the cause when it is identifiable (a full-width colon, a tab),
/// else where the parser stopped, with what to write instead.
pub(crate) fn syntax_finding(file: &str, text: &str, e: &yaml::ParseError) -> Finding {
    let explained = yaml::explain(text, e);
    let loc = if e.pos.is_some() || !explained.span.is_empty() {
        Location::in_text(file, text, explained.span.clone())
    } else {
        Location::file_only(file)
    };
    let code = if e.budget {
        InputCode::YamlLimit
    } else {
        InputCode::YamlSyntax
    };
    let mut finding = Finding::input(code, Severity::Error, explained.message, Some(loc));
    finding.label = explained.label;
    if let Some(help) = explained.help {
        finding.help = Some(help);
    }
    finding
}

/// Check the text of one metrics file (`metrics/YEAR.yaml`, already decoded) against a
/// standard, exactly as the loader does: the valid typed values and the input findings.
/// The entry point for fuzzing the metrics loader and for tools that check one file.
pub fn check_text(
    standard: &Standard,
    file: &str,
    year: i32,
    text: &str,
) -> (MetricsYear, Vec<Finding>) {
    let mut findings = Vec::new();
    let year_data = parse_year(&mut findings, file, year, text, standard);
    (year_data, findings)
}

fn parse_year(
    findings: &mut Vec<Finding>,
    rel: &str,
    year: i32,
    text: &str,
    standard: &Standard,
) -> MetricsYear {
    let mut out = MetricsYear {
        year,
        file: rel.to_string(),
        values: BTreeMap::new(),
    };
    let mut root = match yaml::parse(text) {
        Ok(r) => r,
        Err(e) => {
            findings.push(syntax_finding(rel, text, &e));
            return out;
        }
    };
    findings.extend(super::validate::year_as_written(
        &mut root, "year", rel, text,
    ));
    findings.extend(read_as_meant(&mut root, standard, rel, text));
    let Some(entries) = root.as_map() else {
        findings.push(Finding::input(
            InputCode::WrongType,
            Severity::Error,
            t!(
                "指标文件应是“指标编号: 数值”的映射",
                "a metrics file must be a mapping of metric id to value"
            ),
            Some(Location::file_only(rel)),
        ));
        return out;
    };
    let known = |_: &str| {
        standard
            .metrics
            .iter()
            .map(|m| m.id.clone())
            .collect::<Vec<_>>()
    };
    let expected = |pointer: &str| -> Option<Text> {
        let id = pointer.trim_start_matches('/');
        if id == "year" {
            return Some(Text::new("整数年份", "a year as an integer"));
        }
        standard.metric(id).map(expected_text)
    };
    let schema_start = findings.len();
    findings.extend(schema_findings(
        &standard.metrics_schema,
        &root,
        &SchemaContext {
            file: rel,
            text,
            unknown_code: InputCode::UnknownMetric,
            known_keys: &known,
            expected: &expected,
        },
    ));
    if let Some(node) = root.get("year") {
        if let Kind::Int(y) = node.kind {
            if y != i64::from(year) {
                findings.push(Finding::input(
                    InputCode::YearMismatch,
                    Severity::Error,
                    t!(
                        "文件名表示 {year} 年，但 `year` 写的是 {stated}；以文件名为准",
                        "the file name says {year} but `year` says {stated}; the file name is used",
                        year = year,
                        stated = y
                    ),
                    Some(Location::in_text(rel, text, node.pos.span())),
                ));
            }
        }
    }
    // Values the schema already reported, by the start of their span.
    let reported: std::collections::HashSet<usize> = findings[schema_start..]
        .iter()
        .filter_map(|f| f.location.as_ref().map(|l| l.span.start))
        .collect();
    // Every value keeps its location. The parser's line and character column are those
    // of `Location::in_text` unless a lone `\r` (a line break to YAML, not to us) or a
    // U+FEFF (no character to YAML) is there: then one index of the lines, not a rescan
    // per value.
    let odd = memchr::memchr(b'\r', text.as_bytes()).is_some()
        || memchr::memmem::find(text.as_bytes(), "\u{feff}".as_bytes()).is_some();
    let lines = odd.then(|| LineIndex::new(text));
    for (key, node) in entries {
        let Some(def) = standard.metric(&key.name) else {
            continue;
        };
        let loc = match &lines {
            None => Location {
                file: rel.to_string(),
                line: node.pos.line,
                column: node.pos.column,
                span: node.pos.span(),
            },
            Some(lines) => lines.location(rel, text, node.pos.span()),
        };
        let Some(value) = typed_value(node, def) else {
            // Normally the schema reported it; a value the schema lets through but that
            // is no finite number (a thousand-digit "integer") is reported here.
            if !reported.contains(&node.pos.start) {
                let expected = expected_text(def);
                findings.push(Finding::input(
                    InputCode::WrongType,
                    Severity::Error,
                    t!(
                        "`{key}` 的值 `{value}` 不符合要求：应为{expected}",
                        "value `{value}` of `{key}` is not valid: expected {expected}",
                        key = key.name,
                        value = node.scalar_text().unwrap_or_default(),
                        expected = expected
                    ),
                    Some(loc),
                ));
            }
            continue;
        };
        if let MetricValue::Number(v) = value {
            let below = def.min.is_some_and(|lo| v < lo);
            let above = def.max.is_some_and(|hi| v > hi);
            if below || above {
                let written = node.scalar_text().unwrap_or_default();
                // `94` for a percentage is almost surely 94%: say so (not to `195%`,
                // which has its sign and is simply too large).
                let bare = !written.contains(['%', '％']);
                let hint = if def.kind == MetricType::Percent && bare && (1.0..=100.0).contains(&v)
                {
                    t!(
                        "；百分数请写作 `{written}%`（或小数 {fraction}）",
                        "; write a percentage as `{written}%` (or the fraction {fraction})",
                        written = written.trim(),
                        fraction = crate::expr::format_number(v / 100.0)
                    )
                } else {
                    Text::default()
                };
                findings.push(Finding::input(
                    InputCode::OutOfRange,
                    Severity::Error,
                    t!(
                        "`{key}` 的值 {value} 超出可能范围 [{min}, {max}]{hint}",
                        "`{key}` = {value} is outside its possible range [{min}, {max}]{hint}",
                        key = key.name,
                        value = written,
                        min = def.min.map_or("-∞".into(), |x| x.to_string()),
                        max = def.max.map_or("∞".into(), |x| x.to_string()),
                        hint = hint
                    ),
                    Some(loc),
                ));
                continue;
            }
        }
        out.values.insert(key.name.clone(), (value, loc));
    }
    out
}

/// What a metric's value should look like, for `wrong-type` messages: every written form
/// the loader accepts for it.
fn expected_text(def: &MetricDef) -> Text {
    if schema::money_exp(def).is_some() {
        let unit = &def.unit;
        return Text::new(
            format!(
                "以{}计的数值（如 48700、\"3,256万\"、\"4.87亿\"；万/亿 按单位{}换算）",
                unit.zh, unit.zh
            ),
            format!(
                "a number in {} ({}) (e.g. 48700, \"3,256万\" or \"4.87亿\"; 万/亿 are converted to {})",
                unit.en, unit.zh, unit.zh
            ),
        );
    }
    match def.kind {
        MetricType::Int => Text::new(
            "整数（如 1250、\"1,250\" 或 \"１２５０\"）",
            "a whole number (e.g. 1250, \"1,250\" or \"１２５０\")",
        ),
        MetricType::Number => Text::new(
            "数值（如 1.3、\"1,250.5\" 或 \"１．３\"）",
            "a number (e.g. 1.3, \"1,250.5\" or \"１．３\")",
        ),
        MetricType::Percent => Text::new(
            "百分数（如 94.3%、\"９４．３％\" 或 0.943）",
            "a percentage (e.g. 94.3%, \"９４．３％\" or 0.943)",
        ),
        MetricType::Bool => Text::new("true 或 false", "true or false"),
    }
}

/// A compiled text pattern of the schema (each compiled once).
fn text_regex(pattern: &'static str) -> &'static regex::Regex {
    use std::sync::OnceLock;
    static COMPILED: OnceLock<Vec<(&'static str, regex::Regex)>> = OnceLock::new();
    let all = COMPILED.get_or_init(|| {
        [
            schema::INT_PATTERN,
            schema::NUMBER_PATTERN,
            schema::MONEY_PATTERN,
            schema::PERCENT_PATTERN,
        ]
        .into_iter()
        .map(|p| (p, regex::Regex::new(p).expect("static pattern")))
        .collect()
    });
    all.iter()
        .find(|(p, _)| *p == pattern)
        .map(|(_, r)| r)
        .expect("every text pattern is compiled")
}

/// The value of a metric written as text, when it matches the metric's schema pattern:
/// thousands separators, full-width digits and punctuation, `%`/`％`, and for money
/// `万`/`亿` (converted to the catalogue unit: `4.87亿` is 48700 万元).
fn text_value(s: &str, def: &MetricDef) -> Option<f64> {
    let pattern = schema::text_pattern(def)?;
    if !text_regex(pattern).is_match(s) {
        return None;
    }
    let half = crate::figures::to_half_width(s).replace(',', "");
    let mut body = half.trim();
    let mut exp = 0;
    if def.kind == MetricType::Percent {
        body = body.strip_suffix('%')?.trim_end();
        exp = -2;
    } else if let Some(base) = schema::money_exp(def) {
        body = body.strip_suffix('元').unwrap_or(body).trim_end();
        let written = if let Some(b) = body.strip_suffix('万') {
            body = b;
            4
        } else if let Some(b) = body.strip_suffix('亿') {
            body = b;
            8
        } else {
            base
        };
        exp = written - base;
        body = body.trim_end();
    }
    // Decimal digits and a power of ten, so 4.87亿 is exactly 48700.
    let v: f64 = format!("{body}e{exp}").parse().ok()?;
    v.is_finite().then_some(v)
}

/// Values whose meaning is plain though the form is not, read as meant with a warning
/// (a human auditor reads them without a second thought): a number followed by the
/// metric's own unit (`staff_total: 42人`, the unit being 人) and 是/否 for a yes-or-no
/// metric. The node is replaced by the value read, so the schema sees a valid file.
fn read_as_meant(root: &mut Node, standard: &Standard, rel: &str, text: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    let Kind::Map(entries) = &mut root.kind else {
        return out;
    };
    for (key, node) in entries.iter_mut() {
        let Some(def) = standard.metric(&key.name) else {
            continue;
        };
        let Kind::Str(written) = &node.kind else {
            continue;
        };
        let read = match def.kind {
            MetricType::Bool => match written.trim() {
                "是" => Kind::Bool(true),
                "否" => Kind::Bool(false),
                _ => continue,
            },
            // Percentages and money have their own signs and multipliers (`text_value`).
            MetricType::Int | MetricType::Number if schema::money_exp(def).is_none() => {
                let unit = def.unit.zh.as_str();
                let Some(body) = written
                    .trim()
                    .strip_suffix(unit)
                    .filter(|_| !unit.is_empty())
                else {
                    continue;
                };
                match text_value(body.trim_end(), def) {
                    Some(v) if def.kind == MetricType::Int && v.fract() == 0.0 => {
                        Kind::Int(v as i64)
                    }
                    Some(v) if def.kind == MetricType::Number => Kind::Float(v),
                    _ => continue,
                }
            }
            _ => continue,
        };
        let shown = match &read {
            Kind::Bool(b) => b.to_string(),
            Kind::Int(i) => i.to_string(),
            Kind::Float(f) => crate::expr::format_number(*f),
            _ => String::new(),
        };
        let message = if def.kind == MetricType::Bool {
            t!(
                "`{key}` 的值 `{written}` 按 {read} 读取；是否类指标请写 true 或 false",
                "value `{written}` of `{key}` is read as {read}; write a yes-or-no metric as true or false",
                key = key.name,
                written = written,
                read = shown
            )
        } else {
            t!(
                "`{key}` 的值 `{written}` 带了单位，按 {read} 读取；指标值只写数字，单位（{unit}）由标准规定",
                "value `{written}` of `{key}` carries its unit and is read as {read}; write the number alone, the standard sets the unit ({unit})",
                key = key.name,
                written = written,
                read = shown,
                unit = def.unit.zh
            )
        };
        out.push(Finding::input(
            InputCode::WrongType,
            Severity::Warning,
            message,
            Some(Location::in_text(rel, text, node.pos.span())),
        ));
        node.kind = read;
    }
    out
}

/// The value of a metric node, converting the ways people write numbers.
pub fn typed_value(node: &Node, def: &MetricDef) -> Option<MetricValue> {
    let kind = def.kind;
    let whole = |v: f64| (kind != MetricType::Int || v.fract() == 0.0).then_some(v);
    match (kind, &node.kind) {
        (MetricType::Bool, Kind::Bool(b)) => Some(MetricValue::Bool(*b)),
        (MetricType::Bool, _) => None,
        (_, Kind::Int(i)) => Some(MetricValue::Number(*i as f64)),
        (_, Kind::Float(f)) if f.is_finite() => whole(*f).map(MetricValue::Number),
        (_, Kind::Str(s)) => text_value(s, def).and_then(whole).map(MetricValue::Number),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(s: &str) -> Node {
        yaml::parse(&format!("v: {s}\n"))
            .unwrap()
            .get("v")
            .unwrap()
            .clone()
    }

    fn def(kind: MetricType, unit: &str) -> MetricDef {
        MetricDef {
            id: "m".into(),
            name: Text::new("m", "m"),
            kind,
            unit: Text::new(unit, unit),
            min: None,
            max: None,
            prose: None,
        }
    }

    fn value(s: &str, kind: MetricType, unit: &str) -> Option<MetricValue> {
        typed_value(&node(s), &def(kind, unit))
    }

    fn num(v: f64) -> Option<MetricValue> {
        Some(MetricValue::Number(v))
    }

    #[test]
    fn numbers_as_people_write_them() {
        use MetricType::*;
        assert_eq!(value("94.3%", Percent, "%"), num(0.943));
        assert_eq!(value("\"９４．３％\"", Percent, "%"), num(0.943));
        assert_eq!(value("94.3 ％", Percent, "%"), num(0.943));
        assert_eq!(value("0.943", Percent, "%"), num(0.943));
        assert_eq!(value("\"1,250\"", Int, "家"), num(1250.0));
        assert_eq!(value("1,250", Int, "家"), num(1250.0));
        assert_eq!(value("１２５０", Int, "家"), num(1250.0));
        assert_eq!(value("１，２５０", Int, "家"), num(1250.0));
        assert_eq!(value("1250.0", Int, "家"), num(1250.0));
        assert_eq!(value("\"1,250.5\"", Number, "工作日"), num(1250.5));
        assert_eq!(value("１．３", Number, "工作日"), num(1.3));
        assert_eq!(value("true", Bool, ""), Some(MetricValue::Bool(true)));
    }

    #[test]
    fn a_value_with_the_metrics_own_unit_or_a_chinese_yes_is_read_with_a_warning() {
        let standard = crate::standard::load_embedded().expect("embedded standard");
        let check = |line: &str| {
            let text = format!("year: 2024\n{line}\n");
            let (year, findings) = check_text(&standard, "metrics/2024.yaml", 2024, &text);
            let said: Vec<(Severity, u32)> = findings
                .iter()
                .map(|f| (f.severity, f.location.as_ref().map_or(0, |l| l.column)))
                .collect();
            (year.values.into_values().next().map(|(v, _)| v), said)
        };
        // 人 is the unit of staff_total, 万元 of revenue_total (money has its own rules).
        assert_eq!(
            check("staff_total: 42人"),
            (num(42.0), vec![(Severity::Warning, 14)])
        );
        assert_eq!(
            check("staff_total: \"４２ 人\""),
            (num(42.0), vec![(Severity::Warning, 14)])
        );
        assert_eq!(
            check("avg_response_days: 1.5工作日"),
            (num(1.5), vec![(Severity::Warning, 20)])
        );
        assert_eq!(
            check("data_platform_connected: 否"),
            (
                Some(MetricValue::Bool(false)),
                vec![(Severity::Warning, 26)]
            )
        );
        // Another unit, an approximation or a fraction of a whole count: not plain.
        for line in [
            "staff_total: 42人次",
            "staff_total: 约42人",
            "staff_total: 42.5人",
            "enterprises_served: 1250人",
            "data_platform_connected: 有",
        ] {
            let (value, said) = check(line);
            assert_eq!((value, said.len()), (None, 1), "{line}");
            assert_eq!(said[0].0, Severity::Error, "{line}");
        }
    }

    #[test]
    fn money_multipliers_follow_the_catalogue_unit() {
        use MetricType::*;
        assert_eq!(value("4.87亿", Number, "万元"), num(48700.0));
        assert_eq!(value("4.87亿元", Number, "万元"), num(48700.0));
        assert_eq!(value("3,256万", Number, "万元"), num(3256.0));
        assert_eq!(value("3256万元", Number, "万元"), num(3256.0));
        assert_eq!(value("\"４．８７亿\"", Number, "万元"), num(48700.0));
        assert_eq!(value("48700", Number, "万元"), num(48700.0));
        assert_eq!(value("1.2万", Number, "元"), num(12000.0));
        // Only where the unit is money, and only 万/亿.
        assert_eq!(value("1.2万", Int, "人次"), None);
        assert_eq!(value("48700元", Number, "万元"), None);
        assert_eq!(value("4.87千万", Number, "万元"), None);
    }

    #[test]
    fn anything_else_is_not_a_number() {
        use MetricType::*;
        for s in [
            "很多",
            "1.5",
            "\"1e5\"",
            "inf",
            "NaN",
            "\"0x10\"",
            "1,25",
            "12,50",
            "1.2.3",
            "\"1 250\"",
            "\"1250家\"",
            "\"\"",
            "[1]",
            "null",
        ] {
            assert_eq!(value(s, Int, "家"), None, "{s}");
        }
        for s in ["很多", "\"0.943\"", "\"%\"", "94.3%%", "\"1,000%\""] {
            assert_eq!(value(s, Percent, "%"), None, "{s}");
        }
        // Matches the pattern but is no finite number: the loader reports it itself.
        assert_eq!(
            value(&format!("\"{}\"", "9".repeat(400)), Number, "工作日"),
            None
        );
    }

    #[test]
    fn syntax_errors_are_placed_by_line_and_column() {
        let text = "year: 2024\n服务: 1\n  bad: [\n";
        for (line, column, want) in [(1, 1, 0), (2, 2, 14), (3, 3, 23), (9, 1, 30), (2, 99, 20)] {
            let at = yaml::offset_of(text, line, column);
            assert_eq!(at, want, "{line}:{column}");
            assert!(text.is_char_boundary(at));
        }
    }

    #[test]
    fn schema_and_loader_agree_on_text() {
        use MetricType::*;
        let samples = [
            "1250",
            "\"1,250\"",
            "１２５０",
            "１，２５０",
            "1,250.5",
            "１．３",
            "94.3%",
            "９４．３％",
            "4.87亿",
            "3,256万元",
            "48700元",
            "很多",
            "1e5",
            "1,25",
            "-3",
            "－3",
            " 12 ",
            "12 %",
            "1.5",
            "0.943",
            "true",
            "4.87千万",
            "1,250,000",
            "12,34",
            "亿",
        ];
        for (kind, unit) in [
            (Int, "家"),
            (Number, "工作日"),
            (Number, "万元"),
            (Percent, "%"),
            (Bool, ""),
        ] {
            let d = def(kind, unit);
            let schema =
                crate::standard::submission_schema::metrics_schema(std::slice::from_ref(&d));
            let validator = jsonschema::validator_for(&schema).unwrap();
            for s in samples {
                let n = node(s);
                let doc = serde_json::json!({"year": 2024, "m": n.to_json()});
                assert_eq!(
                    validator.is_valid(&doc),
                    typed_value(&n, &d).is_some(),
                    "{kind:?} {unit} {s:?}"
                );
            }
        }
    }
}
