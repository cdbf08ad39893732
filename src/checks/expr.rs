//! `expr`: a boolean expression over the metrics of the reporting year and earlier years.

use super::{Ctx, RuleResult};
use crate::expr::{self as expression, EvalError};
use crate::finding::Location;
use crate::submission::MetricValue;
use crate::t;
use serde_json::{json, Value};
use super::registry::Kind;
use crate::i18n::Text;
use crate::standard::describe::CohortValue;
use crate::standard::standard_format_schema::condition_param;
use crate::standard::{Params, Standard};

/// Parameters of an `expr` check.
#[derive(Debug, Clone)]
pub struct Expr {
    /// A condition over the reporting year's metrics.
    pub expr: expression::Expr,
}

impl Kind for Expr {
    const NAME: &'static str = "expr";

    fn summary() -> Text {
        Text::new(
            "报告年度的指标满足一个条件表达式",
            "the reporting year's metrics satisfy a condition",
        )
    }

    fn schema() -> Value {
        json!({
            "required": ["expr"],
            "properties": {
                "expr": condition_param("条件表达式，如 revenue_fiscal / revenue_total <= 0.6", "a condition, e.g. revenue_fiscal / revenue_total <= 0.6")
            }
        })
    }

    fn example() -> &'static str {
        "{kind: expr, expr: \"revenue_fiscal / revenue_total <= 0.6\"}"
    }

    fn load(p: &mut Params) -> Option<Self> {
        Some(Expr {
            expr: p.condition("expr")?,
        })
    }

    fn describe(&self, _: &Standard, _: &mut Vec<CohortValue>) -> (Text, Option<(String, String)>) {
        (
            t!("报告年度的指标满足条件 `{expr}`", "the reporting year's metrics satisfy `{expr}`", expr = self.expr.source()),
            None,
        )
    }

    fn run(&self, ctx: &Ctx) -> RuleResult {
        run(self, ctx)
    }
}

fn run(check: &Expr, ctx: &Ctx) -> RuleResult {
    let Expr { expr } = check;
    let year = match ctx.reporting_year() {
        Ok(y) => y,
        Err(r) => return r,
    };
    match evaluate(ctx, expr, year) {
        Ok(true) => RuleResult::from_findings(Vec::new()),
        Ok(false) => {
            let loc = first_location(ctx, expr, year);
            RuleResult::from_findings(vec![ctx.finding(
                why_false(ctx, expr, year),
                Some(t!("{year} 年的值", "value of {year}", year = year)),
                loc,
            )])
        }
        Err(r) => r,
    }
}

/// Why the condition fails in `year`, in words; the condition and its values when words
/// cannot say it.
pub fn why_false(ctx: &Ctx, expr: &expression::Expr, year: i32) -> Text {
    let lookup = |id: &str, offset: i32| -> Option<expression::Value> {
        ctx.metric(id, year + offset).map(|(v, _)| match v {
            MetricValue::Number(n) => expression::Value::Number(n),
            MetricValue::Bool(b) => expression::Value::Bool(b),
        })
    };
    expr.why(false, &lookup, ctx.standard).unwrap_or_else(|| {
        t!(
            "条件 `{expr}` 不成立（{values}）",
            "`{expr}` does not hold ({values})",
            expr = expr.source(),
            values = values_text(ctx, expr, year)
        )
    })
}

/// Evaluate a condition for `year`; missing values make the rule an error.
pub fn evaluate(ctx: &Ctx, expr: &expression::Expr, year: i32) -> Result<bool, RuleResult> {
    let lookup = |id: &str, offset: i32| -> Option<expression::Value> {
        ctx.metric(id, year + offset).map(|(v, _)| match v {
            MetricValue::Number(n) => expression::Value::Number(n),
            MetricValue::Bool(b) => expression::Value::Bool(b),
        })
    };
    match expr.eval(&lookup) {
        Ok(expression::Value::Bool(b)) => Ok(b),
        Ok(expression::Value::Number(_)) => Err(RuleResult::error(t!(
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
pub fn values_text(ctx: &Ctx, expr: &expression::Expr, year: i32) -> String {
    expr.references()
        .iter()
        .filter_map(|(id, off)| {
            let (v, _) = ctx.metric(id, year + off)?;
            let shown = match v {
                MetricValue::Number(n) => ctx.standard.show_value(id, n),
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
pub fn first_location(ctx: &Ctx, expr: &expression::Expr, year: i32) -> Option<Location> {
    expr.references()
        .iter()
        .find_map(|(id, off)| ctx.metric(id, year + off).map(|(_, l)| l.clone()))
}
