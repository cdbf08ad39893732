//! `metric`: a metric of the reporting year is within min/max (thresholds may vary by cohort).

use super::{show, Ctx, RuleResult};
use crate::standard::Threshold;
use crate::t;
use serde_json::{json, Value};
use super::registry::{Bounds, Kind};
use crate::i18n::Text;
use crate::standard::describe::{bounds, CohortValue};
use crate::standard::standard_format_schema::{max_param, metric_param, min_param};
use crate::standard::{Params, Standard};

/// Parameters of a `metric` check.
#[derive(Debug, Clone)]
pub struct Metric {
    pub metric: String,
    pub min: Option<Threshold>,
    pub max: Option<Threshold>,
}

impl Kind for Metric {
    const NAME: &'static str = "metric";

    fn summary() -> Text {
        Text::new(
            "报告年度的指标值不低于下限、不高于上限（阈值可随层级、区域变化）",
            "a metric of the reporting year is within its bounds (thresholds may vary by cohort)",
        )
    }

    fn schema() -> Value {
        json!({
            "required": ["metric"],
            "anyOf": [{"required": ["min"]}, {"required": ["max"]}],
            "properties": {"metric": metric_param(), "min": min_param(), "max": max_param()}
        })
    }

    fn example() -> &'static str {
        "{kind: metric, metric: staff_total, min: 5}"
    }

    fn load(p: &mut Params) -> Option<Self> {
        let metric = p.metric("metric")?;
        let min = p.threshold("min");
        let max = p.threshold("max");
        if min.is_none() && max.is_none() {
            p.error("", t!("metric 检查需要 `min` 或 `max`", "a metric check needs `min` or `max`"));
        }
        p.within_range(&metric, &min, &max);
        Some(Metric { metric, min, max })
    }

    fn describe(&self, standard: &Standard, out: &mut Vec<CohortValue>) -> (Text, Option<(String, String)>) {
        let Metric { metric, min, max } = self;
        let name = standard.metric_name(metric);
        let (zh, en, ex) = bounds(standard, metric, min.as_ref(), max.as_ref(), out);
        (
            t!("报告年度的{name}{bounds}", "{name} of the reporting year {bounds}", name = name, bounds = Text::new(zh, en)),
            ex.map(|(p, f)| (format!("{metric}: {p}"), format!("{metric}: {f}"))),
        )
    }

    fn run(&self, ctx: &Ctx) -> RuleResult {
        run(self, ctx)
    }

    fn bounds_mut(&mut self) -> Option<Bounds<'_>> {
        Some(Bounds {
            metric: &self.metric,
            min: &mut self.min,
            max: &mut self.max,
        })
    }
}

fn run(check: &Metric, ctx: &Ctx) -> RuleResult {
    let Metric { metric, min, max } = check;
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
    let shown = ctx.standard.show_value(metric, v);
    let cohort = |t: &Threshold| {
        if t.varies() {
            let p = &ctx.profile;
            let parts = [&p.level, &p.region, &p.operation_model]
                .into_iter()
                .flatten()
                .map(String::as_str);
            t!(
                "（{cohort}）",
                " ({cohort})",
                cohort = crate::standard::cohort_names(parts)
            )
        } else {
            t!("", "")
        }
    };
    if let Some(t) = min {
        let lo = ctx.standard.effective_bound(metric, ctx.threshold(t)?, true);
        if v < lo {
            let c = cohort(t);
            return Ok(Some((
                t!(
                    "{name}为 {value}，低于下限 {min}{cohort}",
                    "{name} is {value}, below the minimum {min}{cohort}",
                    name = name,
                    value = shown,
                    min = ctx.standard.show_value(metric, lo),
                    cohort = c
                ),
                t!(
                    "低于 {min}",
                    "below {min}",
                    min = ctx.standard.show_value(metric, lo)
                ),
            )));
        }
    }
    if let Some(t) = max {
        let hi = ctx.standard.effective_bound(metric, ctx.threshold(t)?, false);
        if v > hi {
            let c = cohort(t);
            return Ok(Some((
                t!(
                    "{name}为 {value}，超过上限 {max}{cohort}",
                    "{name} is {value}, above the maximum {max}{cohort}",
                    name = name,
                    value = shown,
                    max = ctx.standard.show_value(metric, hi),
                    cohort = c
                ),
                t!("超过 {max}", "above {max}", max = show(hi)),
            )));
        }
    }
    Ok(None)
}
