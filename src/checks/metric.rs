//! `metric`: a metric of the reporting year is within min/max (thresholds may vary by cohort).

use super::{show, show_metric, Ctx, RuleResult};
use crate::standard::{Check, Threshold};
use crate::t;

pub fn run(ctx: &Ctx) -> RuleResult {
    let Check::Metric { metric, min, max } = &ctx.rule.check else {
        unreachable!("dispatched by kind")
    };
    let year = match ctx.reporting_year() {
        Ok(y) => y,
        Err(r) => return r,
    };
    let Some((value, loc)) = ctx.metric(metric, year) else {
        return ctx.metric_missing(metric, year);
    };
    let Some(v) = value.as_f64() else {
        return RuleResult::error(t!(
            "指标 `{metric}` 不是数值",
            "metric `{metric}` is not a number",
            metric = metric
        ));
    };
    match out_of_range(ctx, metric, v, min.as_ref(), max.as_ref()) {
        Ok(None) => RuleResult::from_findings(Vec::new()),
        Ok(Some((message, label))) => {
            RuleResult::from_findings(vec![ctx.finding(message, Some(label), Some(loc.clone()))])
        }
        Err(r) => r,
    }
}

/// Message and label when `v` is outside [min, max]; shared with `trend`.
pub fn out_of_range(
    ctx: &Ctx,
    metric: &str,
    v: f64,
    min: Option<&Threshold>,
    max: Option<&Threshold>,
) -> Result<Option<(crate::i18n::Text, crate::i18n::Text)>, RuleResult> {
    let name = ctx.metric_name(metric);
    let shown = show_metric(ctx.standard, metric, v);
    let cohort = |t: &Threshold| {
        if t.varies() {
            let p = &ctx.profile;
            let parts: Vec<&str> = [&p.level, &p.region, &p.operation_model]
                .into_iter()
                .flatten()
                .map(String::as_str)
                .collect();
            t!("（{cohort}）", " ({cohort})", cohort = parts.join("/"))
        } else {
            t!("", "")
        }
    };
    if let Some(t) = min {
        let lo = ctx.threshold(t)?;
        if v < lo {
            let c = cohort(t);
            return Ok(Some((
                t!(
                    "{name} 为 {value}，低于下限 {min}{cohort}",
                    "{name} is {value}, below the minimum {min}{cohort}",
                    name = name,
                    value = shown,
                    min = show_metric(ctx.standard, metric, lo),
                    cohort = c
                ),
                t!(
                    "低于 {min}",
                    "below {min}",
                    min = show_metric(ctx.standard, metric, lo)
                ),
            )));
        }
    }
    if let Some(t) = max {
        let hi = ctx.threshold(t)?;
        if v > hi {
            let c = cohort(t);
            return Ok(Some((
                t!(
                    "{name} 为 {value}，超过上限 {max}{cohort}",
                    "{name} is {value}, above the maximum {max}{cohort}",
                    name = name,
                    value = shown,
                    max = show_metric(ctx.standard, metric, hi),
                    cohort = c
                ),
                t!("超过 {max}", "above {max}", max = show(hi)),
            )));
        }
    }
    Ok(None)
}
