//! `waivers.yaml`: accepted deviations, each with a reason, an expiry and an approver.

use crate::finding::{Finding, InputCode, Location, Severity};
use crate::t;
use crate::yaml::{self, Node};

pub const FILE: &str = "waivers.yaml";

#[derive(Debug, Clone)]
pub struct Waiver {
    pub rule: String,
    pub reason: String,
    pub expires: jiff::civil::Date,
    pub approved_by: String,
    /// The waiver entry in waivers.yaml.
    pub location: Location,
}

pub fn parse(findings: &mut Vec<Finding>, text: &str) -> Vec<Waiver> {
    let root = match yaml::parse(text) {
        Ok(r) => r,
        Err(e) => {
            findings.push(super::metrics::syntax_finding(FILE, text, &e));
            return Vec::new();
        }
    };
    let Some(items) = root.get("waivers").and_then(Node::as_seq) else {
        findings.push(Finding::input(
            InputCode::WaiverInvalid,
            Severity::Error,
            t!(
                "waivers.yaml 应有顶层列表 `waivers:`",
                "waivers.yaml needs a top-level `waivers:` list"
            ),
            Some(Location::file_only(FILE)),
        ));
        return Vec::new();
    };
    let mut out = Vec::new();
    let index = crate::finding::LineIndex::new(text);
    for item in items {
        let location = index.location(FILE, text, item.pos.span());
        let field = |k: &str| {
            item.get(k)
                .and_then(Node::scalar_text)
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        let missing: Vec<&str> = ["rule", "reason", "expires", "approved_by"]
            .into_iter()
            .filter(|k| field(k).is_none())
            .collect();
        if !missing.is_empty() {
            findings.push(Finding::input(
                InputCode::WaiverInvalid,
                Severity::Error,
                t!(
                    "豁免条目缺少：{missing}（rule、reason、expires、approved_by 均必填）",
                    "the waiver lacks: {missing} (rule, reason, expires and approved_by are all required)",
                    missing = missing.join(", ")
                ),
                Some(location),
            ));
            continue;
        }
        let expires_text = field("expires").unwrap_or_default();
        let Ok(expires) = expires_text.parse::<jiff::civil::Date>() else {
            let at = item.get("expires").map_or(location.clone(), |n| {
                index.location(FILE, text, n.pos.span())
            });
            findings.push(Finding::input(
                InputCode::WaiverInvalid,
                Severity::Error,
                t!(
                    "豁免到期日 `{expires}` 不是有效日期（应为 YYYY-MM-DD）",
                    "the waiver expiry `{expires}` is not a date (expected YYYY-MM-DD)",
                    expires = expires_text
                ),
                Some(at),
            ));
            continue;
        };
        out.push(Waiver {
            rule: field("rule").unwrap_or_default(),
            reason: field("reason").unwrap_or_default(),
            expires,
            approved_by: field("approved_by").unwrap_or_default(),
            location,
        });
    }
    out
}
