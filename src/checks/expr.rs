//! `expr`: a boolean expression over the metrics of the reporting year and earlier years.

use super::{show_metric, Ctx, RuleResult};
use crate::expr::{EvalError, Expr, Value};
use crate::finding::Location;
use crate::standard::Check;
use crate::submission::MetricValue;
use crate::t;

pub fn run(ctx: &Ctx) -> RuleResult {
    let Check::Expr { expr } = &ctx.rule.check else {
        unreachable!("dispatched by kind")
    };
    let year = match ctx.reporting_year() {
        Ok(y) => y,
        Err(r) => return r,
    };
    match evaluate(ctx, expr, year) {
        Ok(true) => RuleResult::from_findings(Vec::new()),
        Ok(false) => {
            let values = values_text(ctx, expr, year);
            let loc = first_location(ctx, expr, year);
            RuleResult::from_findings(vec![ctx.finding(
                t!(
                    "条件不成立：`{expr}`（{values}）",
                    "condition does not hold: `{expr}` ({values})",
                    expr = expr.source(),
                    values = values
                ),
                Some(t!("{year} 年的值", "value of {year}", year = year)),
                loc,
            )])
        }
        Err(r) => r,
    }
}

/// Evaluate a condition for `year`; missing values make the rule an error.
pub fn evaluate(ctx: &Ctx, expr: &Expr, year: i32) -> Result<bool, RuleResult> {
    let lookup = |id: &str, offset: i32| -> Option<Value> {
        ctx.metric(id, year + offset).map(|(v, _)| match v {
            MetricValue::Number(n) => Value::Number(n),
            MetricValue::Bool(b) => Value::Bool(b),
        })
    };
    match expr.eval(&lookup) {
        Ok(Value::Bool(b)) => Ok(b),
        Ok(Value::Number(_)) => Err(RuleResult::error(t!(
            "表达式结果不是真假值",
            "the expression is not a condition"
        ))),
        Err(EvalError::Missing { metric, offset }) => {
            Err(ctx.metric_missing(&metric, year + offset))
        }
        Err(EvalError::DivisionByZero { .. }) => Err(RuleResult::error(t!(
            "{year} 年的表达式 `{expr}` 出现除以零（分母为 0）",
            "the expression `{expr}` divides by zero for {year}",
            year = year,
            expr = expr.source()
        ))),
        Err(EvalError::NotFinite) => Err(RuleResult::error(t!(
            "表达式结果溢出",
            "the expression overflowed"
        ))),
    }
}

/// `revenue_fiscal = 1100, revenue_total = 2860`
pub fn values_text(ctx: &Ctx, expr: &Expr, year: i32) -> String {
    expr.references()
        .iter()
        .filter_map(|(id, off)| {
            let (v, _) = ctx.metric(id, year + off)?;
            let shown = match v {
                MetricValue::Number(n) => show_metric(ctx.standard, id, n),
                MetricValue::Bool(b) => b.to_string(),
            };
            let name = if *off == 0 {
                id.clone()
            } else {
                format!("{id}[{off}]")
            };
            Some(format!("{name} = {shown}"))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The value of the first metric the expression reads in `year`.
pub fn first_location(ctx: &Ctx, expr: &Expr, year: i32) -> Option<Location> {
    expr.references()
        .iter()
        .find_map(|(id, off)| ctx.metric(id, year + off).map(|(_, l)| l.clone()))
}
