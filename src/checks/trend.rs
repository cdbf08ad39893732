//! `trend`: over consecutive years ending with the reporting year, a metric stayed out of
//! range, a condition failed, or a metric fell every year.

use super::metric::out_of_range;
use super::{show_metric, Ctx, RuleResult};
use crate::standard::{Check, TrendTest};
use crate::t;

pub fn run(ctx: &Ctx) -> RuleResult {
    let Check::Trend { years, test } = &ctx.rule.check else {
        unreachable!("dispatched by kind")
    };
    let year = match ctx.reporting_year() {
        Ok(y) => y,
        Err(r) => return r,
    };
    let span: Vec<i32> = (year + 1 - *years as i32..=year).collect();
    let range_text = format!("{}–{}", span[0], year);
    match test {
        TrendTest::Range { metric, min, max } => {
            let mut shown = Vec::new();
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
                    Ok(Some(_)) => {
                        shown.push(format!("{y}: {}", show_metric(ctx.standard, metric, v)))
                    }
                    Ok(None) => return RuleResult::from_findings(Vec::new()),
                    Err(r) => return r,
                }
            }
            let name = ctx.metric_name(metric);
            let loc = ctx.metric(metric, year).map(|(_, l)| l.clone());
            let limit = match (min, max) {
                (Some(t), _) => ctx
                    .threshold(t)
                    .map(|v| format!("≥ {}", show_metric(ctx.standard, metric, v))),
                (_, Some(t)) => ctx
                    .threshold(t)
                    .map(|v| format!("≤ {}", show_metric(ctx.standard, metric, v))),
                _ => Ok(String::new()),
            }
            .unwrap_or_default();
            RuleResult::from_findings(vec![ctx.finding(
                t!(
                    "{name} 连续 {years} 年（{range}）未达要求 {limit}：{values}",
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
            )])
        }
        TrendTest::Require { expr } => {
            for &y in &span {
                match super::expr::evaluate(ctx, expr, y) {
                    Ok(true) => return RuleResult::from_findings(Vec::new()),
                    Ok(false) => {}
                    Err(r) => return r,
                }
            }
            let values: Vec<String> = span
                .iter()
                .map(|&y| format!("{y}: {}", super::expr::values_text(ctx, expr, y)))
                .collect();
            RuleResult::from_findings(vec![ctx.finding(
                t!(
                    "连续 {years} 年（{range}）条件 `{expr}` 均不成立 —— {values}",
                    "the condition `{expr}` failed in each of {years} years ({range}) — {values}",
                    years = years,
                    range = range_text,
                    expr = expr.source(),
                    values = crate::i18n::Text::new(values.join("；"), values.join("; "))
                ),
                Some(t!("{year} 年的值", "value of {year}", year = year)),
                super::expr::first_location(ctx, expr, year),
            )])
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
                .map(|(y, v)| format!("{y}: {}", show_metric(ctx.standard, metric, *v)))
                .collect();
            let pct = format!("{:.1}%", last_drop * 100.0);
            RuleResult::from_findings(vec![ctx.finding(
                t!(
                    "{name} 连续 {years} 年下降，{year} 年降幅 {pct}：{series}",
                    "{name} fell {years} years running, by {pct} in {year}: {series}",
                    name = name,
                    years = years,
                    year = year,
                    pct = pct,
                    series = series.join(" → ")
                ),
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
