//! `duplicate` (audit only): a document is a near-copy of another center's document of
//! the same type.

use serde_json::{json, Value};

use super::cross::{CrossCtx, Gathered, Peer};
use super::registry::Kind;
use super::{Ctx, RuleResult};
use crate::i18n::Text;
use crate::standard::describe::CohortValue;
use crate::standard::standard_format_schema::d;
use crate::standard::{Params, Standard};
use crate::t;

/// Parameters of a `duplicate` check.
#[derive(Debug, Clone)]
pub struct Duplicate {
    pub documents: Vec<String>,
}

impl Kind for Duplicate {
    const NAME: &'static str = "duplicate";

    fn summary() -> Text {
        Text::new(
            "（仅审计）文档与另一中心同类文档高度雷同",
            "(audit only) a document is a near-copy of another center's document of the same type",
        )
    }

    fn schema() -> Value {
        json!({
            "properties": {
                "documents": d(json!({"type": "array", "items": {"type": "string"}}), "要比较的文档类型（默认：全部）", "document types compared (default: all)"),
            }
        })
    }

    fn example() -> &'static str {
        "{kind: duplicate, documents: [service_process]}"
    }

    fn load(p: &mut Params) -> Option<Self> {
        Some(Duplicate {
            documents: p.texts("documents"),
        })
    }

    fn describe(&self, _: &Standard, _: &mut Vec<CohortValue>) -> (Text, Option<(String, String)>) {
        (
            t!(
                "文档（{documents}）不与其他中心的同类文档雷同",
                "the documents ({documents}) are no near-copy of another center's",
                documents = self.documents.join(", ")
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
