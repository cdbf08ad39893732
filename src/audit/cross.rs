//! Run the cross-center rules over every record of an audit and put each rule's result
//! into each record: its outcome, reason and findings.
//!
//! The rules run on the centers' [`Heads`] (what a peer shows of a center, kept in memory
//! by column) and the gathered data, which they read back from its temporary file ([`super::gathered`]).
//! Their results ([`Put`]) wait in a temporary file too ([`Puts`]), and are put into
//! each record later, as the records are read back from the store one at a time.

use serde::{Deserialize, Serialize};

use std::collections::HashMap;
use std::sync::Mutex;

use rayon::prelude::*;

use crate::blobs::{trouble, Act};
use crate::blobs::{Ends, Reader, Span, Writer};
use crate::checks::cross::{CrossCtx, DocSketch, Gathered, Gatherings, Peer, Peers};
use crate::checks::{self, RuleResult};
use crate::finding::{Finding, InputCode, Outcome, Severity};
use crate::i18n::{Lang, Text};
use crate::standard::{Profile, Standard};
use crate::t;

use super::record::{AuditFinding, Center};
use super::texts::Texts;

/// What the cross-center rules see of one center besides its gathered data, as a
/// worker thread takes it from the record, before [`Heads::push`] stores it.
#[derive(Debug, Clone, PartialEq)]
pub struct Head {
    pub center_id: Option<String>,
    pub name: Option<String>,
    pub profile: Profile,
    pub reporting_year: Option<i32>,
    pub overall: Option<f64>,
    /// The outcome of each cross-center rule, in the order of [`cross_rules`], from the
    /// per-submission step; `pass` when the rule applied and gathered (what it
    /// gathered may be nothing).
    pub outcomes: Vec<Outcome>,
}

impl Head {
    /// The head of `c`, from its record and what it gathered (`c.gathered`).
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
            center_id: c.center_id.clone(),
            name: c.name.clone(),
            profile: c.profile.clone(),
            reporting_year: c.reporting_year,
            overall: c.score.overall,
            outcomes: cross_rules(standard).map(outcome).collect(),
        }
    }
}

/// The heads of every center, kept until the rules have run: memory keeps one per
/// center, so they are stored by column, about 40 bytes a center besides its id and
/// name. The ids and names share two arenas, each distinct profile is kept once (a
/// center holds its index), the outcomes are one flat list.
#[derive(Debug, Default)]
pub struct Heads {
    /// The standard's cross-center rules (indices), in order: each center has one
    /// outcome per rule, in this order.
    rules: Vec<usize>,
    center_ids: Texts,
    names: Texts,
    profiles: Vec<Profile>,
    profile_index: HashMap<Profile, u32>,
    profile: Vec<u32>,
    reporting_year: Vec<Option<i32>>,
    overall: Vec<Option<f64>>,
    outcomes: Vec<Outcome>,
}

impl Heads {
    /// No heads yet, for `standard`'s cross-center rules; room for `n`.
    pub fn new(standard: &Standard, n: usize) -> Heads {
        let rules: Vec<usize> = cross_rules(standard).collect();
        Heads {
            center_ids: Texts::with_capacity(n, 0),
            names: Texts::with_capacity(n, 0),
            profile: Vec::with_capacity(n),
            reporting_year: Vec::with_capacity(n),
            overall: Vec::with_capacity(n),
            outcomes: Vec::with_capacity(n * rules.len()),
            rules,
            ..Heads::default()
        }
    }

    /// Append the head of the next center; an error when the arenas are full (more than
    /// 2 GiB of ids or names) or the head is not one of this standard (its outcomes
    /// are not one per cross-center rule). Nothing is stored then.
    pub fn push(&mut self, head: Head) -> Result<(), Text> {
        let full = || {
            t!(
                "中心太多：内存中的中心编号或名称超过 2 GiB",
                "too many centers: their ids or names in memory pass 2 GiB"
            )
        };
        if head.outcomes.len() != self.rules.len() {
            return Err(t!(
                "内部错误：中心的跨中心规则结果数（{n}）与标准不符（{m}）",
                "internal error: a center has {n} cross-center outcomes, the standard {m} cross-center rules",
                n = head.outcomes.len(),
                m = self.rules.len()
            ));
        }
        let room =
            |texts: &Texts, s: &Option<String>| texts.has_room(s.as_deref().map_or(0, str::len));
        if !room(&self.center_ids, &head.center_id) || !room(&self.names, &head.name) {
            return Err(full());
        }
        let profile = match self.profile_index.get(&head.profile) {
            Some(&k) => k,
            None => {
                let k = u32::try_from(self.profiles.len()).map_err(|_| full())?;
                self.profile_index.insert(head.profile.clone(), k);
                self.profiles.push(head.profile);
                k
            }
        };
        // Room was checked above: these cannot fail.
        let _ = self.center_ids.push_opt(head.center_id.as_deref());
        let _ = self.names.push_opt(head.name.as_deref());
        self.profile.push(profile);
        self.reporting_year.push(head.reporting_year);
        self.overall.push(head.overall);
        self.outcomes.extend(head.outcomes);
        Ok(())
    }

    /// How many heads.
    pub fn len(&self) -> usize {
        self.profile.len()
    }

    pub fn is_empty(&self) -> bool {
        self.profile.is_empty()
    }

    /// How many distinct profiles the heads have.
    pub fn profiles(&self) -> usize {
        self.profiles.len()
    }

    /// Whether some cross-center rule is selected for some center, so the rules have
    /// something to run for.
    pub fn any_selected(&self) -> bool {
        self.outcomes.iter().any(|o| *o != Outcome::NotSelected)
    }

    /// The outcome of rule `index` (by index in the standard) for center `i`;
    /// `not-selected` for a rule that is not cross-center.
    pub fn outcome(&self, i: usize, index: usize) -> Outcome {
        match self.rules.iter().position(|&r| r == index) {
            Some(slot) => self.outcomes[i * self.rules.len() + slot],
            None => Outcome::NotSelected,
        }
    }

    /// Center `i`, reported as `path`, as rule `index` sees it.
    pub fn peer<'a>(&'a self, i: usize, path: &'a str, index: usize) -> Peer<'a> {
        Peer {
            path,
            center_id: self.center_ids.get(i),
            name: self.names.get(i),
            profile: &self.profiles[self.profile[i] as usize],
            reporting_year: self.reporting_year[i],
            overall: self.overall[i],
            outcome: self.outcome(i, index),
        }
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
    /// Per rule run, the span of each center's result (empty: the rule is not selected
    /// for the center).
    rules: Vec<Ends>,
}

impl Puts {
    /// The results for center `k` (path order), in rule order.
    pub fn of(&self, k: usize) -> Result<Vec<Put>, Text> {
        let mut out = Vec::new();
        let mut buf = Vec::new();
        for spans in &self.rules {
            let span = spans.get(k);
            if !span.is_empty() {
                self.reader.read(span, &mut buf)?;
                out.push(Put::decode(&buf)?);
            }
        }
        Ok(out)
    }
}

/// The centers the cross-center rules compare, in path order: center `k` is number
/// `order[k]` of the `heads` and `paths`.
#[derive(Clone, Copy)]
pub struct Centers<'a> {
    pub heads: &'a Heads,
    pub paths: &'a Texts,
    pub order: &'a [usize],
}

/// Run every cross-center rule of `standard` over the `centers` (sorted by path) and
/// their gathered data at `spans` (in the same order) in `reader`. Returns the results
/// to [`put`] into each record; a temporary file that cannot be written or read back is
/// an error.
///
/// One rule runs at a time (each holds a list of every peer), using the worker threads
/// within itself and to convert its results.
pub fn results(
    standard: &Standard,
    centers: Centers<'_>,
    reader: &Reader,
    spans: &[Span],
    limit: usize,
    lang: Lang,
) -> Result<Puts, Text> {
    let mut out = Writer::create()?;
    let mut rules = Vec::new();
    for index in cross_rules(standard) {
        let gathered = (reader, spans);
        rules.extend(run_rule(
            standard, index, centers, gathered, limit, lang, &mut out,
        )?);
    }
    Ok(Puts {
        reader: out.finish()?,
        rules,
    })
}

/// Rule `index` over the `centers`, its results written to `out`: where each center's
/// is (empty when the rule is not selected for it), `None` when the rule turns out not
/// to compare centers.
fn run_rule(
    standard: &Standard,
    index: usize,
    centers: Centers<'_>,
    (reader, spans): (&Reader, &[Span]),
    limit: usize,
    lang: Lang,
    out: &mut Writer,
) -> Result<Option<Ends>, Text> {
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
    let Centers {
        heads,
        paths: _,
        order,
    } = centers;
    let peers = Ranked { centers, index };
    let mut at = Ends::after(out);
    at.reserve(order.len());
    let mut written = Written {
        out,
        at,
        pending: Vec::new(),
        failure: None,
    };
    // The results as the rule gives them, one per peer in order; a rule left out of
    // the run (`--select`, `--ignore`) for a center stays out.
    let mut store = |result: RuleResult| {
        let Some(&i) = order.get(written.at.len() + written.pending.len()) else {
            return;
        };
        let selected = heads.outcome(i, index) != Outcome::NotSelected;
        written.pending.push(selected.then_some(result));
        if written.pending.len() >= RESULTS_CHUNK {
            written.flush(index, lang);
        }
    };
    let is_cross = rule.check.cross(&ctx, &peers, &mut store);
    written.flush(index, lang);
    if let Some(e) = written.failure.or_else(|| {
        gatherings
            .error
            .into_inner()
            .unwrap_or_else(|p| p.into_inner())
    }) {
        return Err(e);
    }
    if !is_cross {
        return Ok(None);
    }
    // Every center has its result (a rule gives one per peer).
    let mut at = written.at;
    while at.len() < order.len() {
        at.push(Span::default())?;
    }
    Ok(Some(at))
}

/// The centers as rule `index` sees them, in path order, each made from the columns
/// when asked for.
struct Ranked<'a> {
    centers: Centers<'a>,
    index: usize,
}

impl Peers for Ranked<'_> {
    fn len(&self) -> usize {
        self.centers.order.len()
    }

    fn get(&self, k: usize) -> Peer<'_> {
        let i = self.centers.order[k];
        self.centers
            .heads
            .peer(i, self.centers.paths.str(i), self.index)
    }
}

/// Results converted and encoded in parallel per step, then written in order.
const RESULTS_CHUNK: usize = 256;

/// One rule's results being written: each converted into the run's language and
/// encoded in worker threads a chunk at a time, written in peer order; the first write
/// error is kept, and no result is written after it.
struct Written<'a> {
    out: &'a mut Writer,
    /// Per peer so far, where its result is (empty: none).
    at: Ends,
    /// Results waiting, in peer order (`None`: the rule is not selected for the peer).
    pending: Vec<Option<RuleResult>>,
    failure: Option<Text>,
}

impl Written<'_> {
    fn flush(&mut self, index: usize, lang: Lang) {
        let encoded: Vec<Option<Result<Vec<u8>, Text>>> = std::mem::take(&mut self.pending)
            .into_par_iter()
            .map(|r| r.map(|r| convert(index, r, lang).encode()))
            .collect();
        for e in encoded {
            let span = match e {
                Some(bytes) if self.failure.is_none() => {
                    match bytes.and_then(|b| self.out.push(&b)) {
                        Ok(span) => span,
                        Err(e) => {
                            self.failure = Some(e);
                            Span::default()
                        }
                    }
                }
                _ => Span::default(),
            };
            if let Err(e) = self.at.push(span) {
                self.failure.get_or_insert(e);
                // Still one per peer (an empty span always follows).
                let _ = self.at.push(Span::default());
            }
        }
    }
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

    fn document_of(&self, peer: usize, slot: usize) -> Option<DocSketch> {
        match super::gathered::document(self.reader, self.spans[peer], self.key, slot) {
            Ok(d) => d,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn head(i: usize, rules: usize) -> Head {
        let provinces = ["广东", "四川", "浙江"];
        Head {
            center_id: match i % 4 {
                0 => None,
                1 => Some(String::new()),
                _ => Some(format!("ID-{i:05}")),
            },
            name: (!i.is_multiple_of(5)).then(|| format!("第{i}号生产力促进中心")),
            profile: Profile {
                level: Some(["national", "provincial"][i % 2].into()),
                region: None,
                operation_model: i.is_multiple_of(3).then(|| "public".into()),
                province: Some(provinces[(i / 6) % provinces.len()].into()),
            },
            reporting_year: (!i.is_multiple_of(7)).then_some(2020 + (i % 5) as i32),
            overall: (!i.is_multiple_of(6)).then_some(i as f64 / 7.0),
            outcomes: (0..rules)
                .map(|k| {
                    [
                        Outcome::Pass,
                        Outcome::NotApplicable,
                        Outcome::Error,
                        Outcome::NotSelected,
                    ][(i + k) % 4]
                })
                .collect(),
        }
    }

    #[test]
    fn heads_give_back_every_peer_as_pushed() {
        let standard = crate::standard::load_embedded().unwrap();
        let rules: Vec<usize> = cross_rules(&standard).collect();
        assert!(rules.len() >= 2, "the baseline has cross-center rules");
        let n = 5_000;
        let mut heads = Heads::new(&standard, 16);
        assert!(heads.is_empty());
        let paths: Vec<String> = (0..n).map(|i| format!("subs/c{i:05}")).collect();
        for i in 0..n {
            heads.push(head(i, rules.len())).unwrap();
        }
        assert_eq!(heads.len(), n);
        // 2 levels x 2 operation models x 3 provinces, each kept once.
        assert_eq!(heads.profiles(), 12);
        for i in (0..n).step_by(13).chain([0, n - 1]) {
            let want = head(i, rules.len());
            for (slot, &index) in rules.iter().enumerate() {
                let p = heads.peer(i, &paths[i], index);
                assert_eq!(p.path, paths[i]);
                assert_eq!(p.center_id, want.center_id.as_deref(), "center {i}");
                assert_eq!(p.name, want.name.as_deref());
                assert_eq!(*p.profile, want.profile);
                assert_eq!(p.reporting_year, want.reporting_year);
                assert_eq!(p.overall.map(f64::to_bits), want.overall.map(f64::to_bits));
                assert_eq!(p.outcome, want.outcomes[slot]);
            }
        }
        // A rule that compares no centers is not selected for any.
        let plain = (0..standard.rules.len())
            .find(|i| !rules.contains(i))
            .unwrap();
        assert_eq!(heads.outcome(3, plain), Outcome::NotSelected);
        assert!(heads.any_selected());
    }

    #[test]
    fn heads_refuse_a_head_of_another_standard_and_see_no_selection() {
        let standard = crate::standard::load_embedded().unwrap();
        let rules = cross_rules(&standard).count();
        let mut heads = Heads::new(&standard, 0);
        assert!(heads.push(head(2, rules + 1)).is_err());
        assert!(heads.is_empty(), "nothing stored of a refused head");
        let mut none = head(3, rules);
        none.outcomes = vec![Outcome::NotSelected; rules];
        heads.push(none.clone()).unwrap();
        heads.push(none).unwrap();
        assert_eq!(heads.len(), 2);
        assert!(!heads.any_selected());
        let p = heads.peer(1, "", cross_rules(&standard).next().unwrap());
        assert_eq!(p.center_id, Some("ID-00003"));
        assert_eq!(p.name, Some("第3号生产力促进中心"));
    }
}
