//! Run the cross-center rules over every record of an audit and put each rule's result
//! into each record: its outcome, reason and findings.

use crate::checks::cross::{CrossCtx, Peer};
use crate::checks::{self, RuleResult};
use crate::finding::{Finding, Outcome};
use crate::i18n::Lang;
use crate::standard::Standard;

use super::record::{AuditFinding, Center};

/// Apply every cross-center rule of `standard` to `centers` (sorted by path).
pub fn apply(standard: &Standard, centers: &mut [Center], limit: usize, lang: Lang) {
    for (index, rule) in standard.rules.iter().enumerate() {
        if !checks::is_cross(rule) {
            continue;
        }
        let ctx = CrossCtx {
            standard,
            rule,
            limit,
        };
        let results = {
            let peers: Vec<Peer> = centers
                .iter()
                .map(|c| {
                    let gathered = c.gathered.iter().find(|(id, _)| *id == rule.id);
                    Peer {
                        path: &c.path,
                        center_id: c.center_id.as_deref(),
                        name: c.name.as_deref(),
                        profile: &c.profile,
                        reporting_year: c.reporting_year,
                        overall: c.score.overall,
                        gathered: gathered.and_then(|(_, g)| g.as_ref()),
                        outcome: match gathered {
                            Some(_) => Outcome::Pass,
                            None => c.rules[index].outcome,
                        },
                    }
                })
                .collect();
            rule.check.cross(&ctx, &peers)
        };
        let Some(results) = results else { continue };
        for (center, result) in centers.iter_mut().zip(results) {
            put(center, index, result, lang);
        }
    }
}

/// Put one rule's result into a record. A rule left out of the run (`--select`,
/// `--ignore`) stays out.
fn put(center: &mut Center, index: usize, result: RuleResult, lang: Lang) {
    let state = &mut center.rules[index];
    if state.outcome == Outcome::NotSelected {
        return;
    }
    state.outcome = result.outcome;
    state.reason = result.reason.map(|t| t.get(lang).into());
    state.waived = false;
    let mut related = result.related.into_iter();
    for f in result.findings {
        let other = related.next().flatten();
        center.findings.push(audit_finding(f, other, lang));
    }
    center.sort_findings();
}

/// A cross-center finding as a record keeps it, with its fingerprint: rule, file, and
/// the message with numbers masked, so that it stays the same from run to run while
/// the same thing is found.
fn audit_finding(
    mut f: Finding,
    related: Option<crate::checks::cross::Related>,
    lang: Lang,
) -> AuditFinding {
    if f.fingerprint.is_empty() {
        f.fingerprint = crate::finding::fingerprint(&f, None);
    }
    AuditFinding::new(f, related, lang)
}
