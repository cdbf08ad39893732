//! Documentation of a rule, generated from its definition: what it checks, its thresholds
//! per cohort, and a passing and a failing input. Used by `sscheck explain`.

use super::{Check, Cohort, MetricType, Profile, Rule, Standard, Threshold, TrendTest};
use crate::i18n::Text;
use crate::t;

/// A threshold's value for one cohort.
pub struct CohortValue {
    pub cohort: String,
    pub value: String,
}

pub struct RuleDoc {
    /// What the rule checks, in words.
    pub what: Text,
    /// Thresholds that differ by cohort (empty when fixed or not applicable).
    pub thresholds: Vec<CohortValue>,
    pub pass_example: Option<String>,
    pub fail_example: Option<String>,
}

const LEVELS: [&str; 4] = ["national", "provincial", "municipal", "county"];

pub fn describe(standard: &Standard, rule: &Rule) -> RuleDoc {
    let metric_name = |id: &str| {
        standard
            .metric(id)
            .map_or_else(|| Text::new(id, id), |m| m.name.clone())
    };
    let doc_name = |id: &str| {
        standard
            .document(id)
            .map_or_else(|| Text::new(id, id), |d| d.name.clone())
    };
    let mut thresholds = Vec::new();
    let (what, generated) = match &rule.check {
        Check::Field { field, required, pattern, one_of, province } => {
            let mut parts_zh = vec![format!("center.yaml 的 `{field}`")];
            let mut parts_en = vec![format!("`{field}` of center.yaml")];
            if *required {
                parts_zh.push("必须填写".into());
                parts_en.push("must be present".into());
            }
            if !one_of.is_empty() {
                parts_zh.push(format!("取值为 {} 之一", one_of.join(" / ")));
                parts_en.push(format!("one of {}", one_of.join(" / ")));
            }
            if let Some(p) = pattern {
                parts_zh.push(format!("匹配 `{}`", p.as_str()));
                parts_en.push(format!("matches `{}`", p.as_str()));
            }
            if *province {
                parts_zh.push("为内地省级行政区".into());
                parts_en.push("names a mainland province".into());
            }
            let ex = if let Some(first) = one_of.first() {
                Some((format!("{field}: {first}"), format!("{field}: unknown")))
            } else if *province {
                Some((format!("{field}: 广东"), format!("{field}: 台北")))
            } else if pattern.is_none() {
                Some((format!("{field}: …"), format!("# {field} missing")))
            } else {
                None
            };
            (Text::new(parts_zh.join("，"), parts_en.join(", ")), ex)
        }
        Check::Metric { metric, min, max } => {
            let name = metric_name(metric);
            let (zh, en, ex) = bounds(standard, metric, min.as_ref(), max.as_ref(), &mut thresholds);
            (
                t!("报告年度的{name}{bounds}", "{name} of the reporting year {bounds}", name = name, bounds = Text::new(zh, en)),
                ex.map(|(p, f)| (format!("{metric}: {p}"), format!("{metric}: {f}"))),
            )
        }
        Check::Expr { expr } => (
            t!("报告年度的指标满足条件 `{expr}`", "the reporting year's metrics satisfy `{expr}`", expr = expr.source()),
            None,
        ),
        Check::Trend { years, test } => match test {
            TrendTest::Range { metric, min, max } => {
                let name = metric_name(metric);
                let (zh, en, ex) = bounds(standard, metric, min.as_ref(), max.as_ref(), &mut thresholds);
                let ex = ex.map(|(p, f)| {
                    let fails: Vec<String> = (0..*years).map(|_| f.clone()).collect();
                    let mut mixed = fails.clone();
                    mixed[0] = p;
                    (
                        format!("{metric} over {years} years: {}", mixed.join(", ")),
                        format!("{metric} over {years} years: {}", fails.join(", ")),
                    )
                });
                (
                    t!("{name}不得连续 {years} 年都不满足“{bounds}”", "{name} must not miss “{bounds}” in {years} years running", name = name, years = years, bounds = Text::new(zh, en)),
                    ex,
                )
            }
            TrendTest::Require { expr } => (
                t!(
                    "条件 `{expr}` 不得连续 {years} 年都不成立",
                    "the condition `{expr}` must not fail in {years} years running",
                    expr = expr.source(),
                    years = years
                ),
                None,
            ),
            TrendTest::Decline { metric, max_drop } => {
                let name = metric_name(metric);
                let drop = max_drop.map_or(String::new(), |d| format!("{:.0}%", d * 100.0));
                (
                    t!(
                        "{name}不得连续 {years} 年下降且最后一年降幅超过 {drop}",
                        "{name} must not fall {years} years running with a last fall of more than {drop}",
                        name = name,
                        years = years,
                        drop = drop
                    ),
                    Some((
                        format!("{metric}: 1000 → 1100 → 1050 → 1000"),
                        format!("{metric}: 1500 → 1400 → 1300 → 900"),
                    )),
                )
            }
        },
        Check::Document { document } => {
            let name = doc_name(document);
            (
                t!("提交《{name}》：在 center.yaml 登记、文件存在、可读且非空", "the {name} is indexed in center.yaml, exists, is readable and not empty", name = name),
                Some((
                    format!("documents:\n  {document}: docs/{}.md   # exists, has content", name.zh),
                    format!("documents: {{}}   # no `{document}`, or the file is missing or empty"),
                )),
            )
        }
        Check::Sections { document, headings, ordered } => {
            let name = doc_name(document);
            let wanted: Vec<&str> = standard
                .document(document)
                .map(|d| {
                    d.headings
                        .iter()
                        .filter(|h| if headings.is_empty() { h.required } else { headings.contains(&h.id) })
                        .map(|h| h.name.zh.as_str())
                        .collect()
                })
                .unwrap_or_default();
            let order = if *ordered { ("，且按此顺序", ", in this order") } else { ("", "") };
            let pass: Vec<String> = wanted.iter().enumerate().map(|(i, h)| format!("## {} {h}", i + 1)).collect();
            let fail: Vec<String> = pass.iter().skip(1).cloned().collect();
            (
                t!("《{name}》包含章节：{sections}{order}", "the {name} has the sections: {sections}{order}", name = name, sections = Text::new(wanted.join("、"), wanted.join(", ")), order = Text::new(order.0, order.1)),
                Some((pass.join("\n"), fail.join("\n"))),
            )
        }
        Check::Keywords { document, section, all_of, any_of, none_of } => {
            let name = doc_name(document);
            let scope = section.as_deref().unwrap_or("*");
            let mut zh = vec![];
            let mut en = vec![];
            if !all_of.is_empty() {
                zh.push(format!("提及全部：{}", all_of.join("、")));
                en.push(format!("mentions all of: {}", all_of.join(", ")));
            }
            if !any_of.is_empty() {
                zh.push(format!("提及其一：{}", any_of.join("、")));
                en.push(format!("mentions one of: {}", any_of.join(", ")));
            }
            if !none_of.is_empty() {
                zh.push(format!("不得出现：{}", none_of.join("、")));
                en.push(format!("mentions none of: {}", none_of.join(", ")));
            }
            let good = all_of.first().or(any_of.first()).cloned().unwrap_or_else(|| "……".into());
            let bad = none_of.first().cloned();
            let ex = match bad {
                Some(b) if all_of.is_empty() && any_of.is_empty() => ("负责人：王明".to_string(), format!("负责人：{b}")),
                _ => (format!("……{good}……"), "……".to_string()),
            };
            (
                t!("《{name}》（章节 {scope}）{terms}", "the {name} (section {scope}) {terms}", name = name, scope = scope, terms = Text::new(zh.join("；"), en.join("; "))),
                Some(ex),
            )
        }
        Check::Table { document, section, columns } => {
            let name = doc_name(document);
            let cols: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
            (
                t!("《{name}》（章节 {scope}）有一张表格，列为：{columns}", "the {name} (section {scope}) has a table with the columns: {columns}", name = name, scope = section.as_deref().unwrap_or("*"), columns = cols.join(" | ")),
                Some((format!("| {} |", cols.join(" | ")), format!("| {} |", cols[..cols.len().saturating_sub(1)].join(" | ")))),
            )
        }
        Check::Consistency { document, metrics, tolerance, percent_tolerance } => {
            let name = doc_name(document);
            let ex = metrics.iter().find_map(|m| {
                let def = standard.metric(m)?;
                let term = def.prose.as_ref()?.terms.first()?.clone();
                Some(match def.kind {
                    MetricType::Percent => (
                        format!("{m}: 94.3%   +   “{term}94.3%”"),
                        format!("{m}: 94.3%   +   “{term}98.1%”"),
                    ),
                    _ => (
                        format!("{m}: 1250   +   “{term}1,250{}”", def.unit.zh),
                        format!("{m}: 1250   +   “{term}1,560{}”", def.unit.zh),
                    ),
                })
            });
            (
                t!(
                    "《{name}》正文所述的 {metrics} 与报告年度指标一致（相对误差 {tolerance}，百分数 {points} 个百分点）",
                    "figures stated in the {name} for {metrics} match the reporting year's metrics (relative tolerance {tolerance}, percentages {points} points)",
                    name = name,
                    metrics = metrics.join(", "),
                    tolerance = tolerance,
                    points = percent_tolerance * 100.0
                ),
                ex,
            )
        }
        Check::Freshness { documents, max_age_years } => (
            t!(
                "文档（{documents}）写明修订日期，且距报告年度年底不超过 {years} 年",
                "the documents ({documents}) state a revision date at most {years} years before the end of the reporting year",
                documents = documents.join(", "),
                years = max_age_years
            ),
            Some(("修订日期：2024-03-15".to_string(), "修订日期：2019-06-01".to_string())),
        ),
    };
    let (pass_example, fail_example) = match rule.examples.clone().or(generated) {
        Some((p, f)) => (Some(p), Some(f)),
        None => (None, None),
    };
    RuleDoc {
        what,
        thresholds,
        pass_example,
        fail_example,
    }
}

fn show_value(standard: &Standard, metric: &str, v: f64) -> String {
    match standard.metric(metric).map(|m| m.kind) {
        Some(MetricType::Percent) => format!(
            "{}%",
            crate::expr::format_number((v * 1000.0).round() / 10.0)
        ),
        _ => crate::expr::format_number(v),
    }
}

/// Words for min/max bounds, cohort values into `out`, and a (pass, fail) value pair for
/// the first cohort.
fn bounds(
    standard: &Standard,
    metric: &str,
    min: Option<&Threshold>,
    max: Option<&Threshold>,
    out: &mut Vec<CohortValue>,
) -> (String, String, Option<(String, String)>) {
    let mut zh = Vec::new();
    let mut en = Vec::new();
    let mut ex = None;
    for (t, is_min) in [(min, true), (max, false)] {
        let Some(t) = t else { continue };
        let sign = if is_min { "≥" } else { "≤" };
        if t.varies() {
            zh.push(format!("{sign} 阈值（随层级/区域变化，见下表）"));
            en.push(format!(
                "{sign} a threshold that varies by cohort (table below)"
            ));
            for (cohort, v) in &t.cases {
                out.push(CohortValue {
                    cohort: cohort_text(cohort),
                    value: format!("{sign} {}", show_value(standard, metric, *v)),
                });
            }
            let regions: Vec<&str> = t
                .factors
                .get("region")
                .map_or_else(Vec::new, |m| m.keys().map(String::as_str).collect());
            let levels: Vec<&str> = if t.factors.contains_key("level") {
                LEVELS.to_vec()
            } else {
                vec![]
            };
            for level in if levels.is_empty() {
                vec![""]
            } else {
                levels.clone()
            } {
                for region in if regions.is_empty() {
                    vec![""]
                } else {
                    regions.clone()
                } {
                    let p = Profile {
                        level: (!level.is_empty()).then(|| level.to_string()),
                        region: (!region.is_empty()).then(|| region.to_string()),
                        operation_model: Some("hybrid".into()),
                        province: None,
                    };
                    if let Some(v) = t.resolve(&p) {
                        let label = [level, region]
                            .iter()
                            .filter(|s| !s.is_empty())
                            .cloned()
                            .collect::<Vec<_>>()
                            .join(" / ");
                        out.push(CohortValue {
                            cohort: label,
                            value: format!("{sign} {}", show_value(standard, metric, v)),
                        });
                    }
                }
            }
        } else {
            zh.push(format!("{sign} {}", show_value(standard, metric, t.base)));
            en.push(format!("{sign} {}", show_value(standard, metric, t.base)));
        }
        if ex.is_none() {
            let v = t.cases.first().map_or(t.base, |c| c.1);
            let (good, bad) = if is_min {
                (v * 1.1, v * 0.9)
            } else {
                (v * 0.9, v * 1.1)
            };
            let round = |x: f64| match standard.metric(metric).map(|m| m.kind) {
                Some(MetricType::Int) => x.round(),
                Some(MetricType::Percent) => (x * 1000.0).round() / 1000.0,
                _ => (x * 10.0).round() / 10.0,
            };
            ex = Some((
                show_value(standard, metric, round(good)),
                show_value(standard, metric, round(bad)),
            ));
        }
    }
    (zh.join("，"), en.join(" and "), ex)
}

fn cohort_text(c: &Cohort) -> String {
    [&c.level, &c.region, &c.operation_model, &c.province]
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| l.join("|"))
        .collect::<Vec<_>>()
        .join(" / ")
}
