//! `metrics/YEAR.yaml`: one value per metric id of the standard's catalogue.

use std::collections::BTreeMap;
use std::path::Path;

use super::validate::{schema_findings, SchemaContext};
use super::{read_tracked, Submission};
use crate::finding::{Finding, Location, Severity};
use crate::i18n::Text;
use crate::standard::{MetricType, Standard};
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

pub(crate) fn load_all(sub: &mut Submission, root: &Path, standard: &Standard, opts: &ReadOptions) {
    let missing = || {
        Finding::input(
            "file-missing",
            Severity::Error,
            t!(
                "缺少 metrics/ 目录：每个年度应有一个 metrics/年份.yaml",
                "the metrics/ folder is missing: each year needs a metrics/YEAR.yaml"
            ),
            None,
        )
    };
    // The folder itself may be a link: out of the submission, or a loop.
    let dir = match super::resolve(root, "metrics") {
        Ok(dir) => dir,
        Err(super::Unresolved::Missing) => {
            sub.findings.push(missing());
            return;
        }
        Err(problem) => {
            let at = Location::file_only("metrics");
            sub.findings.push(super::path_finding(&problem, "metrics", at));
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
                "unexpected-file",
                Severity::Warning,
                t!(
                    "指标文件名应为年份（如 metrics/2024.yaml），`{}` 已忽略",
                    "metric files are named by year (metrics/2024.yaml); `{}` was ignored",
                    rel
                ),
                Some(Location::file_only(&rel)),
            ));
            continue;
        };
        // read_tracked refuses symlinks that leave the submission or loop.
        let Some(text) = read_tracked(sub, root, &rel, opts, true) else {
            continue;
        };
        let year_data = parse_year(&mut sub.findings, &rel, year, &text, standard);
        sub.metrics.insert(year, year_data);
    }
}

pub(crate) fn syntax_finding(file: &str, text: &str, e: &yaml::ParseError) -> Finding {
    let loc = e.pos.map_or_else(
        || Location::file_only(file),
        |p| {
            let mut l = Location::in_text(file, text, p.start..p.start);
            l.line = p.line.max(1);
            l.column = p.column.max(1);
            l
        },
    );
    if e.budget {
        Finding::input(
            "yaml-limit",
            Severity::Error,
            t!(
                "YAML 超出安全限制（嵌套深度、节点或别名数量）：{}",
                "YAML exceeds a safety limit (nesting depth, nodes or aliases): {}",
                e.message
            ),
            Some(loc),
        )
    } else {
        Finding::input(
            "yaml-syntax",
            Severity::Error,
            t!("YAML 语法错误：{}", "YAML syntax error: {}", e.message),
            Some(loc),
        )
    }
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
    let root = match yaml::parse(text) {
        Ok(r) => r,
        Err(e) => {
            findings.push(syntax_finding(rel, text, &e));
            return out;
        }
    };
    let Some(entries) = root.as_map() else {
        findings.push(Finding::input(
            "wrong-type",
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
        standard.metric(id).map(|m| expected_text(m.kind))
    };
    findings.extend(schema_findings(
        &standard.metrics_schema,
        &root,
        &SchemaContext {
            file: rel,
            text,
            unknown_code: "unknown-metric",
            known_keys: &known,
            expected: &expected,
        },
    ));
    if let Some(node) = root.get("year") {
        if let Kind::Int(y) = node.kind {
            if y != i64::from(year) {
                findings.push(Finding::input(
                    "year-mismatch",
                    Severity::Error,
                    t!(
                        "文件名表示 {} 年，但 `year` 写的是 {}；以文件名为准",
                        "the file name says {} but `year` says {}; the file name is used",
                        year,
                        y
                    ),
                    Some(Location::in_text(rel, text, node.pos.span())),
                ));
            }
        }
    }
    for (key, node) in entries {
        let Some(def) = standard.metric(&key.name) else {
            continue;
        };
        let loc = Location::in_text(rel, text, node.pos.span());
        let Some(value) = typed_value(node, def.kind) else {
            continue; // the schema already reported the wrong type
        };
        if let MetricValue::Number(v) = value {
            let below = def.min.is_some_and(|lo| v < lo);
            let above = def.max.is_some_and(|hi| v > hi);
            if below || above {
                findings.push(Finding::input(
                    "out-of-range",
                    Severity::Error,
                    t!(
                        "`{}` 的值 {} 超出可能范围 [{}, {}]",
                        "`{}` = {} is outside its possible range [{}, {}]",
                        key.name,
                        node.scalar_text().unwrap_or_default(),
                        def.min.map_or("-∞".into(), |x| x.to_string()),
                        def.max.map_or("∞".into(), |x| x.to_string())
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

fn expected_text(kind: MetricType) -> Text {
    match kind {
        MetricType::Int => Text::new(
            "整数（如 1250 或 \"1,250\"）",
            "a whole number (e.g. 1250 or \"1,250\")",
        ),
        MetricType::Number => Text::new("数值（如 48700）", "a number (e.g. 48700)"),
        MetricType::Percent => Text::new(
            "百分数（如 94.3% 或 0.943）",
            "a percentage (e.g. 94.3% or 0.943)",
        ),
        MetricType::Bool => Text::new("true 或 false", "true or false"),
    }
}

/// The value of a metric node, converting the ways people write numbers.
pub fn typed_value(node: &Node, kind: MetricType) -> Option<MetricValue> {
    match (kind, &node.kind) {
        (MetricType::Bool, Kind::Bool(b)) => Some(MetricValue::Bool(*b)),
        (MetricType::Bool, _) => None,
        (MetricType::Int, Kind::Int(i)) => Some(MetricValue::Number(*i as f64)),
        (MetricType::Int, Kind::Float(f)) if f.fract() == 0.0 => Some(MetricValue::Number(*f)),
        (MetricType::Number | MetricType::Percent, Kind::Int(i)) => {
            Some(MetricValue::Number(*i as f64))
        }
        (MetricType::Number | MetricType::Percent, Kind::Float(f)) if f.is_finite() => {
            Some(MetricValue::Number(*f))
        }
        (MetricType::Percent, Kind::Str(s)) => {
            let h = crate::figures::to_half_width(s.trim());
            let body = h.strip_suffix('%')?.trim();
            body.parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .map(|v| MetricValue::Number(v / 100.0))
        }
        (MetricType::Int | MetricType::Number, Kind::Str(s)) => {
            let h = crate::figures::to_half_width(s.trim()).replace(',', "");
            let v = h.parse::<f64>().ok().filter(|v| v.is_finite())?;
            (kind == MetricType::Number || v.fract() == 0.0).then_some(MetricValue::Number(v))
        }
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

    #[test]
    fn numbers_as_people_write_them() {
        assert_eq!(
            typed_value(&node("94.3%"), MetricType::Percent),
            Some(MetricValue::Number(0.943))
        );
        assert_eq!(
            typed_value(&node("0.943"), MetricType::Percent),
            Some(MetricValue::Number(0.943))
        );
        assert_eq!(
            typed_value(&node("\"1,250\""), MetricType::Int),
            Some(MetricValue::Number(1250.0))
        );
        assert_eq!(
            typed_value(&node("１２５０"), MetricType::Int),
            Some(MetricValue::Number(1250.0))
        );
        assert_eq!(typed_value(&node("很多"), MetricType::Int), None);
        assert_eq!(typed_value(&node("1.5"), MetricType::Int), None);
        assert_eq!(
            typed_value(&node("true"), MetricType::Bool),
            Some(MetricValue::Bool(true))
        );
    }
}
