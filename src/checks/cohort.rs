//! `cohort` (audit only): a metric ranks in the bottom P % of its cohort (centers of the
//! same region and level, as the rule says), optionally N years running.

use serde_json::{json, Value};

use super::cross::{CrossCtx, Gathered, Peer};
use super::registry::Kind;
use super::{Ctx, RuleResult};
use crate::i18n::Text;
use crate::standard::describe::CohortValue;
use crate::standard::standard_format_schema::d;
use crate::standard::{Params, Standard};
use crate::t;

/// Parameters of a `cohort` check.
#[derive(Debug, Clone)]
pub struct Cohort {
    pub metric: String,
}

impl Kind for Cohort {
    const NAME: &'static str = "cohort";

    fn summary() -> Text {
        Text::new(
            "（仅审计）指标在同组中心（同区域、同层级）中排名后 P%，可要求连续 N 年",
            "(audit only) a metric ranks in the bottom P% of its cohort (same region/level), optionally N years running",
        )
    }

    fn schema() -> Value {
        json!({
            "required": ["metric"],
            "properties": {
                "metric": d(json!({"type": "string"}), "排名所用的指标", "the metric ranked"),
            }
        })
    }

    fn example() -> &'static str {
        "{kind: cohort, metric: enterprises_served}"
    }

    fn load(p: &mut Params) -> Option<Self> {
        Some(Cohort {
            metric: p.metric("metric")?,
        })
    }

    fn describe(&self, _: &Standard, _: &mut Vec<CohortValue>) -> (Text, Option<(String, String)>) {
        (
            t!(
                "指标 {metric} 在同组中心中排名靠后",
                "{metric} ranks at the bottom of the cohort",
                metric = self.metric
            ),
            None,
        )
    }

    fn run(&self, _: &Ctx) -> RuleResult {
        super::cross::single_submission()
    }

    fn gather(&self, _: &Ctx) -> Option<Gathered> {
        None
    }

    fn cross(&self, _: &CrossCtx, peers: &[Peer]) -> Option<Vec<RuleResult>> {
        Some(peers.iter().map(|_| RuleResult::not_applicable(None)).collect())
    }
}
