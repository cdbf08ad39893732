//! Documentation of a rule, generated from its definition: what it checks, its thresholds
//! per cohort, and a passing and a failing input. Used by `sscheck explain`.

use super::{Cohort, MetricType, Profile, Rule, Standard, Threshold, LEVELS};
use crate::i18n::Text;

/// A threshold's value for one cohort.
pub struct CohortValue {
    pub cohort: Text,
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

pub fn describe(standard: &Standard, rule: &Rule) -> RuleDoc {
    let mut thresholds = Vec::new();
    let (what, generated) = rule.check.describe(standard, &mut thresholds);
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

/// Words for min/max bounds, cohort values into `out`, and a (pass, fail) value pair for
/// the first cohort.
pub(crate) fn bounds(
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
                let v = standard.effective_bound(metric, *v, is_min);
                out.push(CohortValue {
                    cohort: cohort_text(cohort),
                    value: format!("{sign} {}", standard.show_value(metric, v)),
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
                        let v = standard.effective_bound(metric, v, is_min);
                        let label = crate::standard::cohort_names(
                            [level, region].into_iter().filter(|s| !s.is_empty()),
                        );
                        out.push(CohortValue {
                            cohort: label,
                            value: format!("{sign} {}", standard.show_value(metric, v)),
                        });
                    }
                }
            }
        } else {
            let v = standard.effective_bound(metric, t.base, is_min);
            zh.push(format!("{sign} {}", standard.show_value(metric, v)));
            en.push(format!("{sign} {}", standard.show_value(metric, v)));
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
                standard.show_value(metric, round(good)),
                standard.show_value(metric, round(bad)),
            ));
        }
    }
    (zh.join("，"), en.join(" and "), ex)
}

fn cohort_text(c: &Cohort) -> Text {
    let parts: Vec<Text> = [&c.level, &c.region, &c.operation_model, &c.province]
        .into_iter()
        .filter(|l| !l.is_empty())
        .map(|l| {
            let names: Vec<Text> = l
                .iter()
                .map(|v| crate::standard::cohort_value_name(v))
                .collect();
            Text::new(
                names
                    .iter()
                    .map(|n| n.zh.as_str())
                    .collect::<Vec<_>>()
                    .join("或"),
                names
                    .iter()
                    .map(|n| n.en.as_str())
                    .collect::<Vec<_>>()
                    .join(" or "),
            )
        })
        .collect();
    crate::standard::join_texts(&parts, "、", ", ")
}
