//! `trend`: over consecutive years ending with the reporting year, a metric stayed out of
//! range, a condition failed, or a metric fell every year.

use super::metric::out_of_range;
use super::{Ctx, RuleResult};
use crate::t;
use serde_json::{json, Value};
use super::registry::{Bounds, Kind};
use crate::finding::Severity;
use crate::i18n::Text;
use crate::standard::describe::{bounds, CohortValue};
use crate::standard::standard_format_schema::{condition_param, d, max_param, metric_param, min_param};
use crate::standard::{Params, Standard, Threshold};

/// Parameters of a `trend` check: a yearly test that fails the rule when it fails in
/// `years` consecutive years ending with the reporting year.
#[derive(Debug, Clone)]
pub struct Trend {
    pub years: u32,
    pub test: TrendTest,
    /// A longer run that raises the finding's severity (2 years a warning, 3 an error).
    pub escalate: Option<Escalation>,
}

/// `escalate: {years, severity}`: when the run reaches `years`, the finding takes
/// `severity` instead of the rule's.
#[derive(Debug, Clone)]
pub struct Escalation {
    pub years: u32,
    pub severity: Severity,
}

/// The yearly test of a `trend` rule.
#[derive(Debug, Clone)]
pub enum TrendTest {
    /// The metric must stay within its range.
    Range {
        metric: String,
        min: Option<Threshold>,
        max: Option<Threshold>,
    },
    /// The expression must hold (metric ids refer to the year tested).
    Require { expr: crate::expr::Expr },
    /// The metric must not fall every year; with `max_drop`, the last fall must also
    /// exceed that fraction for the rule to fail.
    Decline {
        metric: String,
        max_drop: Option<f64>,
    },
}

impl Kind for Trend {
    const NAME: &'static str = "trend";

    fn summary() -> Text {
        Text::new(
            "连续若干年（截至报告年度）指标越限、条件不成立或指标逐年下降",
            "over consecutive years up to the reporting year, a metric stayed out of range, a condition failed, or a metric fell every year",
        )
    }

    fn schema() -> Value {
        let min_or_max = json!([{"required": ["min"]}, {"required": ["max"]}]);
        json!({
            "required": ["years"],
            "properties": {
                "years": d(json!({"type": "integer", "minimum": 1, "maximum": 20}), "连续年数（2–20；`decline` 为连续下降的次数，1–20）", "consecutive years (2–20; for `decline`, the number of falls in a row, 1–20)"),
                "metric": metric_param(),
                "min": min_param(),
                "max": max_param(),
                "require": condition_param("每年都应成立的条件（每年都不成立则不通过）", "a condition for each year (the rule fails when it is false every year)"),
                "decline": d(
                    json!({
                        "type": "object",
                        "properties": {
                            "max_drop": d(json!({"type": "number"}), "最后一年降幅超过该比例才不通过，如 0.25", "the last fall must exceed this fraction to fail, e.g. 0.25")
                        },
                        "additionalProperties": false
                    }),
                    "指标逐年下降则不通过", "fails when the metric fell every year"
                ),
                "escalate": d(
                    json!({
                        "type": "object",
                        "required": ["years"],
                        "properties": {
                            "years": d(json!({"type": "integer", "minimum": 2, "maximum": 20}), "连续年数达到该值时升级", "the run length that escalates"),
                            "severity": d(json!({"enum": ["error", "warning", "info"]}), "升级后的严重程度（默认 error）", "the severity after escalation (default error)")
                        },
                        "additionalProperties": false
                    }),
                    "连续更多年时提高严重程度，如 2 年为警告、3 年为错误", "raise the severity for a longer run, e.g. 2 years a warning, 3 an error"
                )
            },
            "if": {"required": ["require"]},
            "then": {"properties": {"years": {"minimum": 2}}},
            "else": {
                "if": {"required": ["decline"]},
                "then": {"required": ["metric"]},
                "else": {"required": ["metric"], "anyOf": min_or_max, "properties": {"years": {"minimum": 2}}}
            }
        })
    }

    fn example() -> &'static str {
        "{kind: trend, years: 3, metric: enterprises_served, decline: {max_drop: 0.25}}"
    }

    fn load(p: &mut Params) -> Option<Self> {
        let falls = p.has("decline") && !p.has("require");
        let years = p.whole("years", if falls { 1..=20 } else { 2..=20 })?;
        let escalate = p.nested("escalate", &["years", "severity"]).and_then(|mut e| {
            let at = e.whole("years", 2..=20)?;
            let severity = match e.text_opt("severity") {
                None => Severity::Error,
                Some(s) => match Severity::parse(&s) {
                    Some(s) => s,
                    None => {
                        e.error(
                            "severity",
                            t!(
                                "未知的严重程度 `{s}`（error、warning、info）",
                                "unknown severity `{s}` (error, warning, info)",
                                s = s
                            ),
                        );
                        return None;
                    }
                },
            };
            Some(Escalation { years: at, severity })
        });
        if let Some(e) = &escalate {
            if e.years <= years {
                p.error(
                    "escalate",
                    t!(
                        "`escalate.years` 必须大于 `years`（{years}）",
                        "`escalate.years` must be greater than `years` ({years})",
                        years = years
                    ),
                );
            }
        }
        let test = if p.has("require") {
            TrendTest::Require {
                expr: p.condition("require")?,
            }
        } else if p.has("decline") {
            let max_drop = p
                .nested("decline", &["max_drop"])
                .and_then(|mut d| d.number("max_drop"));
            TrendTest::Decline {
                metric: p.metric("metric")?,
                max_drop,
            }
        } else {
            let metric = p.metric("metric")?;
            let min = p.threshold("min");
            let max = p.threshold("max");
            if min.is_none() && max.is_none() {
                p.error(
                    "",
                    t!(
                        "trend 检查需要 `require`、`decline` 或 `min`/`max`",
                        "a trend check needs `require`, `decline`, or `min`/`max`"
                    ),
                );
            }
            TrendTest::Range { metric, min, max }
        };
        Some(Trend {
            years,
            test,
            escalate,
        })
    }

    fn describe(&self, standard: &Standard, out: &mut Vec<CohortValue>) -> (Text, Option<(String, String)>) {
        let (text, example) = self.describe_test(standard, out);
        let text = match &self.escalate {
            Some(e) => t!(
                "{text}；连续 {years} 年及以上为{severity}",
                "{text}; {years} years or more running is {severity}",
                text = text,
                years = e.years,
                severity = e.severity.name()
            ),
            None => text,
        };
        (text, example)
    }

    fn run(&self, ctx: &Ctx) -> RuleResult {
        run(self, ctx)
    }

    fn bounds_mut(&mut self) -> Option<Bounds<'_>> {
        match &mut self.test {
            TrendTest::Range { metric, min, max } => Some(Bounds { metric, min, max }),
            _ => None,
        }
    }
}

impl Trend {
    fn describe_test(&self, standard: &Standard, out: &mut Vec<CohortValue>) -> (Text, Option<(String, String)>) {
        let years = &self.years;
        match &self.test {
            TrendTest::Range { metric, min, max } => {
                let name = standard.metric_name(metric);
                let (zh, en, ex) = bounds(standard, metric, min.as_ref(), max.as_ref(), out);
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
                let name = standard.metric_name(metric);
                let drop = max_drop.map(|d| format!("{:.0}%", d * 100.0));
                let text = match (*years, drop) {
                    (1, Some(drop)) => t!(
                        "{name}同比降幅不得超过 {drop}",
                        "{name} must not fall by more than {drop} on the year before",
                        name = name,
                        drop = drop
                    ),
                    (1, None) => t!(
                        "{name}不得同比下降",
                        "{name} must not fall on the year before",
                        name = name
                    ),
                    (years, Some(drop)) => t!(
                        "{name}不得连续 {years} 年下降且最后一年降幅超过 {drop}",
                        "{name} must not fall {years} years running with a last fall of more than {drop}",
                        name = name,
                        years = years,
                        drop = drop
                    ),
                    (years, None) => t!(
                        "{name}不得连续 {years} 年下降",
                        "{name} must not fall {years} years running",
                        name = name,
                        years = years
                    ),
                };
                (
                    text,
                    Some((
                        format!("{metric}: 1000 → 1100 → 1050 → 1000"),
                        format!("{metric}: 1500 → 1400 → 1300 → 900"),
                    )),
                )
            }
        }
    }

}

fn run(check: &Trend, ctx: &Ctx) -> RuleResult {
    let Trend { years, test, .. } = check;
    let year = match ctx.reporting_year() {
        Ok(y) => y,
        Err(r) => return r,
    };
    let first = year + 1 - *years as i32;
    // A center cannot miss a target before it existed: a younger center is not judged on
    // a run of years it could not have had, and is not asked for their metrics. (A run of
    // `years` falls starts from the year before the first.)
    let data_from = match test {
        TrendTest::Decline { .. } => first - 1,
        _ => first,
    };
    if let Some(established) = established(ctx).filter(|e| *e > data_from) {
        return RuleResult::not_applicable(Some(t!(
                "中心成立于 {established} 年，不足连续 {years} 年（{first}–{year}）",
                "the center was established in {established}, less than the {years} years {first}–{year}",
                established = established,
                years = years,
                first = data_from,
                year = year
            )));
    }
    let span: Vec<i32> = (first..=year).collect();
    match test {
        TrendTest::Range { metric, min, max } => {
            for &y in &span {
                let Some((v, _)) = ctx.metric(metric, y) else {
                    return ctx.metric_missing(metric, y);
                };
                let Some(v) = v.as_f64() else {
                    return RuleResult::error(t!(
                        "指标 `{metric}` 不是数值",
                        "metric `{metric}` is not a number",
                        metric = metric
                    ));
                };
                match out_of_range(ctx, metric, v, min.as_ref(), max.as_ref()) {
                    Ok(Some(_)) => {}
                    Ok(None) => return RuleResult::from_findings(Vec::new()),
                    Err(r) => return r,
                }
            }
            let name = ctx.metric_name(metric);
            let loc = ctx.metric(metric, year).map(|(_, l)| l.clone());
            let limit = match (min, max) {
                (Some(t), _) => ctx.threshold(t).map(|v| {
                    let v = ctx.standard.effective_bound(metric, v, true);
                    format!("≥ {}", ctx.standard.show_value(metric, v))
                }),
                (_, Some(t)) => ctx.threshold(t).map(|v| {
                    let v = ctx.standard.effective_bound(metric, v, false);
                    format!("≤ {}", ctx.standard.show_value(metric, v))
                }),
                _ => Ok(String::new()),
            }
            .unwrap_or_default();
            let run = escalated(ctx, check, year, |y| {
                let v = ctx.metric(metric, y)?.0.as_f64()?;
                out_of_range(ctx, metric, v, min.as_ref(), max.as_ref())
                    .ok()
                    .map(|o| o.is_some())
            });
            let years = &run.years;
            let range_text = format!("{}–{}", year + 1 - *years as i32, year);
            let shown: Vec<String> = (year + 1 - *years as i32..=year)
                .filter_map(|y| {
                    let v = ctx.metric(metric, y)?.0.as_f64()?;
                    Some(format!("{y}: {}", ctx.standard.show_value(metric, v)))
                })
                .collect();
            run.apply(RuleResult::from_findings(vec![ctx.finding(
                t!(
                    "{name}连续 {years} 年（{range}）未达要求 {limit}：{values}",
                    "{name} missed {limit} for {years} years running ({range}): {values}",
                    name = name,
                    years = years,
                    range = range_text,
                    limit = limit,
                    values = crate::i18n::Text::new(shown.join("，"), shown.join(", "))
                ),
                Some(t!(
                    "连续第 {years} 年未达要求",
                    "{years} years running",
                    years = years
                )),
                loc,
            )]))
        }
        TrendTest::Require { expr } => {
            for &y in &span {
                match super::expr::evaluate(ctx, expr, y) {
                    Ok(true) => return RuleResult::from_findings(Vec::new()),
                    Ok(false) => {}
                    Err(r) => return r,
                }
            }
            let run = escalated(ctx, check, year, |y| {
                super::expr::evaluate(ctx, expr, y).ok().map(|holds| !holds)
            });
            let years = &run.years;
            let range_text = format!("{}–{}", year + 1 - *years as i32, year);
            let values: Vec<Text> = (year + 1 - *years as i32..=year)
                .map(|y| {
                    let why = super::expr::why_false(ctx, expr, y);
                    t!("{y} 年{why}", "{y}: {why}", y = y, why = why)
                })
                .collect();
            run.apply(RuleResult::from_findings(vec![ctx.finding(
                t!(
                    "连续 {years} 年（{range}）未满足：{values}",
                    "not met {years} years running ({range}): {values}",
                    years = years,
                    range = range_text,
                    values = crate::standard::join_texts(&values, "；", "; ")
                ),
                Some(t!("{year} 年的值", "value of {year}", year = year)),
                super::expr::first_location(ctx, expr, year),
            )]))
        }
        TrendTest::Decline { metric, max_drop } => {
            // `years` falls need `years + 1` values.
            let mut values = Vec::new();
            for y in (year - *years as i32)..=year {
                let Some((v, _)) = ctx.metric(metric, y) else {
                    return ctx.metric_missing(metric, y);
                };
                let Some(v) = v.as_f64() else {
                    return RuleResult::error(t!(
                        "指标 `{metric}` 不是数值",
                        "metric `{metric}` is not a number",
                        metric = metric
                    ));
                };
                values.push((y, v));
            }
            let all_fall = values.windows(2).all(|w| w[1].1 < w[0].1);
            let (prev, last) = (values[values.len() - 2].1, values[values.len() - 1].1);
            let last_drop = if prev > 0.0 { 1.0 - last / prev } else { 0.0 };
            if !all_fall || max_drop.is_some_and(|m| last_drop <= m) {
                return RuleResult::from_findings(Vec::new());
            }
            let name = ctx.metric_name(metric);
            let series: Vec<String> = values
                .iter()
                .map(|(y, v)| format!("{y}: {}", ctx.standard.show_value(metric, *v)))
                .collect();
            let pct = format!("{:.1}%", last_drop * 100.0);
            let message = if *years == 1 {
                t!(
                    "{name} {year} 年同比下降 {pct}：{series}",
                    "{name} fell by {pct} in {year} on the year before: {series}",
                    name = name,
                    year = year,
                    pct = pct,
                    series = series.join(" → ")
                )
            } else {
                t!(
                    "{name}连续 {years} 年下降，{year} 年降幅 {pct}：{series}",
                    "{name} fell {years} years running, by {pct} in {year}: {series}",
                    name = name,
                    years = years,
                    year = year,
                    pct = pct,
                    series = series.join(" → ")
                )
            };
            RuleResult::from_findings(vec![ctx.finding(
                message,
                Some(t!(
                    "较上年下降 {pct}",
                    "down {pct} on the year before",
                    pct = pct
                )),
                ctx.metric(metric, year).map(|(_, l)| l.clone()),
            )])
        }
    }
}

/// The length of a failing run, extended back past `years` towards the escalation's
/// length while earlier years fail too, and the severity that length earns.
struct Run {
    years: u32,
    severity: Option<Severity>,
}

impl Run {
    fn apply(&self, mut result: RuleResult) -> RuleResult {
        if let Some(severity) = self.severity {
            for f in &mut result.findings {
                f.severity = severity;
            }
        }
        result
    }
}

/// `fails(y)` is `Some(true)` when year `y` fails the yearly test, `None` when it cannot
/// be told (no data, before the center existed): an unknown year never escalates.
fn escalated(ctx: &Ctx, check: &Trend, year: i32, fails: impl Fn(i32) -> Option<bool>) -> Run {
    let mut run = check.years;
    if let Some(e) = &check.escalate {
        let founded = established(ctx).unwrap_or(i32::MIN);
        while run < e.years {
            let y = year - run as i32;
            if y < founded || fails(y) != Some(true) {
                break;
            }
            run += 1;
        }
        if run >= e.years {
            return Run {
                years: run,
                severity: Some(e.severity),
            };
        }
    }
    Run {
        years: run,
        severity: None,
    }
}

/// The year the center was established, when center.yaml states it as a year.
fn established(ctx: &Ctx) -> Option<i32> {
    let node = ctx.sub.manifest.as_ref()?.root.path("center.established")?;
    match node.kind {
        crate::yaml::Kind::Int(y) => i32::try_from(y).ok(),
        _ => node.scalar_text()?.trim().get(..4)?.parse().ok(),
    }
}
