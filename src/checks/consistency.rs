//! `consistency`: figures stated in a document's prose (服务企业1,250家, 4.87亿元, 94.3%)
//! match the reporting year's metrics within a tolerance. The metric catalogue's `prose`
//! terms say which figure is which.

use super::{show, show_metric, Ctx, RuleResult};
use crate::figures::{agrees, find_statements, ProseSpec};
use crate::standard::{Check, MetricType};
use crate::t;

pub fn run(ctx: &Ctx) -> RuleResult {
    let Check::Consistency {
        document,
        metrics,
        tolerance,
        percent_tolerance,
    } = &ctx.rule.check
    else {
        unreachable!("dispatched by kind")
    };
    let doc = match ctx.document(document) {
        Ok(d) => d,
        Err(r) => return r,
    };
    let year = match ctx.reporting_year() {
        Ok(y) => y,
        Err(r) => return r,
    };
    let mut findings = Vec::new();
    let mut dropped = 0;
    let mut compared = 0;
    for id in metrics {
        let Some(def) = ctx.standard.metric(id) else {
            continue;
        };
        let Some(prose) = &def.prose else { continue };
        let Some((value, metric_loc)) = ctx.metric(id, year) else {
            continue;
        };
        let Some(metric_value) = value.as_f64() else {
            continue;
        };
        compared += 1;
        let percent = def.kind == MetricType::Percent;
        let spec = ProseSpec {
            terms: &prose.terms,
            units: &prose.units,
            money_base: prose.money_base.as_deref(),
            percent,
        };
        for stated in find_statements(&doc.text, &spec) {
            if agrees(
                &stated,
                metric_value,
                percent,
                *tolerance,
                *percent_tolerance,
            ) {
                continue;
            }
            // A hostile document can state a figure a million times: count beyond the cap.
            if findings.len() >= ctx.limit {
                dropped += 1;
                continue;
            }
            let written = &doc.text[stated.span.clone()];
            let stated_norm = if percent {
                format!("{}%", show((stated.value * 1000.0).round() / 10.0))
            } else {
                format!("{}{}", show(stated.value), def.unit.zh)
            };
            let metric_shown = show_metric(ctx.standard, id, metric_value);
            findings.push(ctx.finding(
                t!(
                    "文中{name}写作“{written}”（即 {stated}），与 {file} 中 {id} = {value} 不一致",
                    "the prose states {name} as “{written}” ({stated}), but {file} has {id} = {value}",
                    name = def.name,
                    written = written,
                    stated = stated_norm,
                    file = metric_loc.file,
                    id = id,
                    value = metric_shown
                ),
                Some(t!("指标值为 {value}", "the metric is {value}", value = metric_shown)),
                Some(ctx.location_in(doc, stated.span.clone())),
            ));
        }
    }
    if compared == 0 && !metrics.is_empty() {
        return RuleResult::error(t!(
            "{year} 年没有可供比对的指标值",
            "no metric of {year} is available to compare with",
            year = year
        ));
    }
    RuleResult::from_findings_and_dropped(findings, dropped)
}
