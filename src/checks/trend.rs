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
                        "指标 `{}` 不是数值",
                        "metric `{}` is not a number",
                        metric
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
                    "{} 连续 {} 年（{}）未达要求 {}：{}",
                    "{} missed {} for {} years running ({}): {}",
                    name.zh,
                    years,
                    range_text,
                    limit,
                    shown.join("，")
                )
                .with_en(format!(
                    "{} missed {limit} for {years} years running ({range_text}): {}",
                    name.en,
                    shown.join(", ")
                )),
                Some(t!("连续第 {} 年未达要求", "{} years running", years)),
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
                    "连续 {} 年（{}）条件 `{}` 均不成立 —— {}",
                    "the condition `{}` failed in each of {} years ({}) — {}",
                    years,
                    range_text,
                    expr.source(),
                    values.join("；")
                )
                .with_en(format!(
                    "the condition `{}` failed in each of {years} years ({range_text}) — {}",
                    expr.source(),
                    values.join("; ")
                )),
                Some(t!("{} 年的值", "value of {}", year)),
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
                        "指标 `{}` 不是数值",
                        "metric `{}` is not a number",
                        metric
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
                    "{} 连续 {} 年下降，{} 年降幅 {}：{}",
                    "{} fell {} years running, by {} in {}: {}",
                    name.zh,
                    years,
                    year,
                    pct,
                    series.join(" → ")
                )
                .with_en(format!(
                    "{} fell {years} years running, by {pct} in {year}: {}",
                    name.en,
                    series.join(" → ")
                )),
                Some(t!("较上年下降 {}", "down {} on the year before", pct)),
                ctx.metric(metric, year).map(|(_, l)| l.clone()),
            )])
        }
    }
}
