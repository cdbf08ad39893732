//! Run the cross-center rules over every record of an audit and put each rule's result
//! into each record: its outcome, reason and findings.
//!
//! The rules run on small in-memory [`Head`]s (what a peer shows of a center) and the
//! gathered data, which they read back from its temporary file ([`super::gathered`]).
//! Their results ([`Put`]) wait in a temporary file too ([`Puts`]), and are put into
//! each record later, as the records are read back from the store one at a time.

use serde::{Deserialize, Serialize};

use std::sync::{Arc, Mutex};

use crate::blobs::{trouble, Act};
use crate::blobs::{Reader, Span, Writer};
use crate::checks::cross::{CrossCtx, Gathered, Gatherings, Peer};
use crate::checks::{self, RuleResult};
use crate::finding::{Finding, InputCode, Outcome, Severity};
use crate::i18n::{Lang, Text};
use crate::standard::{Profile, Standard};
use crate::t;

use super::record::{AuditFinding, Center};

/// What the cross-center rules see of a center besides its gathered data. Memory keeps
/// one per center until the rules have run, so it is kept small: the profile is shared
/// among the centers that have the same one.
#[derive(Debug, Clone)]
pub struct Head {
    /// Set by [`super::finish`] (which holds the paths), empty until then.
    pub path: String,
    pub center_id: Option<Box<str>>,
    pub name: Option<Box<str>>,
    pub profile: Arc<Profile>,
    pub reporting_year: Option<i32>,
    pub overall: Option<f64>,
    /// The outcome of each cross-center rule (by rule index) from the per-submission
    /// step; `pass` when the rule applied and gathered (what it gathered may be
    /// nothing).
    pub outcomes: Box<[(u32, Outcome)]>,
}

impl Head {
    /// The head of `c`, from its record and what it gathered (`c.gathered`), without
    /// its path.
    pub fn of(standard: &Standard, c: &Center) -> Head {
        let outcome = |i: usize| {
            let id = &standard.rules[i].id;
            if c.gathered.iter().any(|(k, _)| k == id) {
                Outcome::Pass
            } else {
                c.rules[i].outcome
            }
        };
        Head {
            path: String::new(),
            center_id: c.center_id.as_deref().map(Box::from),
            name: c.name.as_deref().map(Box::from),
            profile: Arc::new(c.profile.clone()),
            reporting_year: c.reporting_year,
            overall: c.score.overall,
            outcomes: cross_rules(standard)
                .map(|i| (i as u32, outcome(i)))
                .collect(),
        }
    }

    fn outcome(&self, index: usize) -> Outcome {
        self.outcomes
            .iter()
            .find(|(i, _)| *i as usize == index)
            .map_or(Outcome::NotSelected, |(_, o)| *o)
    }
}

/// The indices of the standard's cross-center rules.
pub fn cross_rules(standard: &Standard) -> impl Iterator<Item = usize> + '_ {
    standard
        .rules
        .iter()
        .enumerate()
        .filter(|(_, r)| checks::is_cross(r))
        .map(|(i, _)| i)
}

/// Whether some cross-center rule ran for `c` (is selected), so the rules need its head.
pub fn wanted(standard: &Standard, c: &Center) -> bool {
    cross_rules(standard).any(|i| c.rules[i].outcome != Outcome::NotSelected)
}

/// One rule's result for one center, in the run's language, to put into its record.
#[derive(Debug, Clone)]
pub struct Put {
    index: usize,
    outcome: Outcome,
    reason: Option<Box<str>>,
    findings: Vec<AuditFinding>,
}

/// A [`Put`] as it waits in the file.
#[derive(Serialize, Deserialize)]
struct StoredPut {
    index: usize,
    outcome: Box<str>,
    reason: Option<Box<str>>,
    findings: Vec<AuditFinding>,
}

impl Put {
    fn encode(self) -> Result<Vec<u8>, Text> {
        serde_json::to_vec(&StoredPut {
            index: self.index,
            outcome: self.outcome.as_str().into(),
            reason: self.reason,
            findings: self.findings,
        })
        .map_err(|e| trouble(Act::Write, &e))
    }

    fn decode(bytes: &[u8]) -> Result<Put, Text> {
        let s: StoredPut = serde_json::from_slice(bytes).map_err(|e| trouble(Act::Read, &e))?;
        let outcome = super::record::parse_outcome(&s.outcome)
            .ok_or_else(|| trouble(Act::Read, &"an unknown outcome in a stored result"))?;
        Ok(Put {
            index: s.index,
            outcome,
            reason: s.reason,
            findings: s.findings,
        })
    }
}

/// The cross-center rules' results for every center, in a temporary file: memory keeps
/// one span per rule and center.
pub struct Puts {
    reader: Reader,
    /// Per rule run, the span of each center's result (`None`: the rule is not
    /// selected for the center).
    rules: Vec<Vec<Option<Span>>>,
}

impl Puts {
    /// The results for center `k` (path order), in rule order.
    pub fn of(&self, k: usize) -> Result<Vec<Put>, Text> {
        let mut out = Vec::new();
        for spans in &self.rules {
            if let Some(span) = spans[k] {
                out.push(Put::decode(&self.reader.bytes(span)?)?);
            }
        }
        Ok(out)
    }
}

/// Run every cross-center rule of `standard` over the centers (sorted by path): their
/// heads, and their gathered data at `spans` in `reader`. Returns the results to
/// [`put`] into each record; a temporary file that cannot be written or read back is an
/// error.
pub fn results(
    standard: &Standard,
    heads: &[Head],
    reader: &Reader,
    spans: &[Span],
    limit: usize,
    lang: Lang,
) -> Result<Puts, Text> {
    let mut out = Writer::create()?;
    let mut rules = Vec::new();
    for index in cross_rules(standard) {
        let rule = &standard.rules[index];
        let gatherings = Reading {
            reader,
            spans,
            key: &rule.id,
            error: Mutex::new(None),
        };
        let ctx = CrossCtx {
            standard,
            rule,
            limit,
            gatherings: &gatherings,
        };
        let peers: Vec<Peer> = heads
            .iter()
            .map(|h| Peer {
                path: &h.path,
                center_id: h.center_id.as_deref(),
                name: h.name.as_deref(),
                profile: &h.profile,
                reporting_year: h.reporting_year,
                overall: h.overall,
                outcome: h.outcome(index),
            })
            .collect();
        // Each result is written as the rule gives it; the first write error is kept.
        let mut at: Vec<Option<Span>> = Vec::with_capacity(heads.len());
        let mut failure: Option<Text> = None;
        let mut store = |result: RuleResult| {
            let Some(head) = heads.get(at.len()) else {
                return;
            };
            // A rule left out of the run (`--select`, `--ignore`) stays out.
            if failure.is_some() || head.outcome(index) == Outcome::NotSelected {
                at.push(None);
                return;
            }
            match convert(index, result, lang)
                .encode()
                .and_then(|bytes| out.push(&bytes))
            {
                Ok(span) => at.push(Some(span)),
                Err(e) => {
                    failure = Some(e);
                    at.push(None);
                }
            }
        };
        let is_cross = rule.check.cross(&ctx, &peers, &mut store);
        drop(peers);
        if let Some(e) = failure.or_else(|| {
            gatherings
                .error
                .into_inner()
                .unwrap_or_else(|p| p.into_inner())
        }) {
            return Err(e);
        }
        if !is_cross {
            continue;
        }
        // Every center has its result (a rule gives one per peer).
        at.resize(heads.len(), None);
        rules.push(at);
    }
    Ok(Puts {
        reader: out.finish()?,
        rules,
    })
}

/// One rule's gathered data, read back from the temporary file; the first error (of a
/// read, or one the rule reports) is kept and fails the run, the rule sees nothing
/// gathered.
struct Reading<'a> {
    reader: &'a Reader,
    spans: &'a [Span],
    key: &'a str,
    error: Mutex<Option<Text>>,
}

impl Gatherings for Reading<'_> {
    fn of(&self, peer: usize) -> Option<Gathered> {
        match super::gathered::get(self.reader, self.spans[peer], self.key) {
            Ok(g) => g,
            Err(e) => {
                self.fail(e);
                None
            }
        }
    }

    fn fail(&self, error: Text) {
        let mut first = self.error.lock().unwrap_or_else(|p| p.into_inner());
        first.get_or_insert(error);
    }
}

fn convert(index: usize, result: RuleResult, lang: Lang) -> Put {
    let mut related = result.related.into_iter();
    let findings = result
        .findings
        .into_iter()
        .map(|f| {
            let other = related.next().flatten();
            audit_finding(f, other, lang)
        })
        .collect();
    Put {
        index,
        outcome: result.outcome,
        reason: result.reason.map(|t| t.get(lang).into()),
        findings,
    }
}

/// Put the cross-center rules' results into a record, with the center's waivers of them
/// applied; a waiver of a rule that was judged here and matched none of its findings is
/// stale, as under `check`.
pub fn put(standard: &Standard, center: &mut Center, puts: Vec<Put>, lang: Lang) {
    let mut used = vec![false; center.waivers.len()];
    let mut judged: Vec<&str> = Vec::new();
    for p in puts {
        let state = &mut center.rules[p.index];
        if state.outcome == Outcome::NotSelected {
            continue;
        }
        let mut findings = p.findings;
        for f in findings.iter_mut() {
            for (k, w) in center.waivers.iter().enumerate() {
                if w.covers(&f.rule, f.file.as_deref(), &f.fingerprint) {
                    f.waived = true;
                    used[k] = true;
                }
            }
        }
        if matches!(p.outcome, Outcome::Pass | Outcome::Fail) {
            judged.push(&standard.rules[p.index].id);
        }
        state.outcome = p.outcome;
        state.reason = p.reason;
        // As `check` judges a rule: failed, and every finding of it waived.
        state.waived =
            p.outcome == Outcome::Fail && !findings.is_empty() && findings.iter().all(|f| f.waived);
        center.findings.extend(findings);
    }
    let stale: Vec<AuditFinding> = center
        .waivers
        .iter()
        .zip(used)
        .filter(|(w, used)| !used && judged.contains(&w.rule.as_str()))
        .map(|(w, _)| {
            let f = Finding::input(
                InputCode::WaiverStale,
                Severity::Warning,
                t!(
                    "对 {rule}{scope} 的豁免没有匹配到审计中的任何问题，可以删除",
                    "the waiver of {rule}{scope} matches no finding of the audit; it can be removed",
                    rule = w.rule,
                    scope = w.text()
                ),
                Some(crate::checks::cross::line_location("waivers.yaml", w.line.max(1))),
            );
            audit_finding(f, None, lang)
        })
        .collect();
    center.findings.extend(stale);
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
