//! Cross-center checks: rules that compare a submission with the others of an audit
//! (`cohort`, `duplicate`).
//!
//! They run in two steps. While each submission is checked, the rule [`gathers`](super::registry::Kind::gather)
//! the little it needs from it (a value per year, document sketches) and the submission's
//! texts are dropped. When every submission is checked, the rule [`compares`](super::registry::Kind::cross)
//! the gathered data of all of them and gives each its result. Gathered data is
//! serializable, so a shard report carries it and `sscheck merge` can compare after the
//! merge. The audit keeps it in a temporary file, not in memory: a rule reads a peer's
//! data back when it needs it ([`CrossCtx::gathered`]). Under `sscheck check` a
//! cross-center rule does not apply.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::RuleResult;
use crate::finding::{Finding, Location};
use crate::i18n::Text;
use crate::standard::{Profile, Rule, Standard};
use crate::t;

/// What a cross-center rule keeps of one submission.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gathered {
    /// The values the rule ranks, by year (`None`: missing or invalid that year).
    Years(BTreeMap<i32, Vec<Option<f64>>>),
    /// Sketches of the documents the rule compares.
    Documents(Vec<DocSketch>),
}

/// A document reduced to what near-copy detection needs: its type, its file and the
/// fingerprints of its sentences with the line each starts on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocSketch {
    /// The document type (`service_process`).
    pub doc: String,
    /// Path relative to the submission folder.
    pub file: String,
    /// `[hash, line]` of the document's sentences (a sample of them), in text order.
    pub sentences: Vec<[u32; 2]>,
}

/// The place in another submission a cross-center finding refers to (the other copy of
/// a copied document).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Related {
    /// The other submission's path, as reported.
    pub path: String,
    pub center_id: Option<String>,
    /// The file in that submission, relative to it.
    pub file: String,
    pub line: u32,
}

/// One submission as a cross-center rule sees it.
#[derive(Debug, Clone, Copy)]
pub struct Peer<'a> {
    /// The submission's path as reported (relative to the audit root it was found under).
    pub path: &'a str,
    pub center_id: Option<&'a str>,
    pub name: Option<&'a str>,
    pub profile: &'a Profile,
    pub reporting_year: Option<i32>,
    /// The overall score before cross-center rules.
    pub overall: Option<f64>,
    /// The rule's outcome from the per-submission step: `not-applicable` (its
    /// `applies_to` excludes the center), `error` (input missing), or `pass` (it applied,
    /// and [`CrossCtx::gathered`] reads what it gathered).
    pub outcome: crate::finding::Outcome,
}

/// The submissions a cross-center rule compares, each made on demand: an audit keeps
/// its centers by column, and a list of every peer, made for each rule, cost about 100
/// bytes a center (3 MiB at 30,000 centers) on top of them.
pub trait Peers: Sync {
    /// How many peers.
    fn len(&self) -> usize;

    /// Peer `i` (`i < len()`).
    fn get(&self, i: usize) -> Peer<'_>;

    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl dyn Peers + '_ {
    /// Every peer, in order.
    pub fn iter(&self) -> impl Iterator<Item = Peer<'_>> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }
}

/// Where a cross-center rule puts its results: one per peer, in peer order.
pub type Results<'a> = &'a mut dyn FnMut(RuleResult);

/// Where a rule reads back what it gathered of each peer.
pub trait Gatherings: Sync {
    /// What the rule gathered of peer `i` (by index in the peers); `None` when it
    /// gathered nothing.
    fn of(&self, peer: usize) -> Option<Gathered>;

    /// Document `slot` of the sketches gathered of peer `i`, when it gathered documents
    /// and has that many: as [`Gatherings::of`] gives it, which a store may answer
    /// without decoding the others.
    fn document_of(&self, peer: usize, slot: usize) -> Option<DocSketch> {
        match self.of(peer) {
            Some(Gathered::Documents(mut docs)) if slot < docs.len() => {
                Some(docs.swap_remove(slot))
            }
            _ => None,
        }
    }

    /// The rule could not finish (its temporary storage failed): the run fails with
    /// `error`, since the rule's results cannot be trusted.
    fn fail(&self, error: Text);
}

/// The rule being compared across centers.
pub struct CrossCtx<'a> {
    pub standard: &'a Standard,
    pub rule: &'a Rule,
    /// The most findings per submission.
    pub limit: usize,
    pub gatherings: &'a dyn Gatherings,
}

impl CrossCtx<'_> {
    /// What the rule gathered of peer `i`, read back (each call reads it again: keep
    /// only what is needed).
    pub fn gathered(&self, peer: usize) -> Option<Gathered> {
        self.gatherings.of(peer)
    }

    /// Document `slot` of what the rule gathered of peer `i` (see
    /// [`Gatherings::document_of`]).
    pub fn gathered_document(&self, peer: usize, slot: usize) -> Option<DocSketch> {
        self.gatherings.document_of(peer, slot)
    }

    /// Fail the run: the rule could not finish (see [`Gatherings::fail`]).
    pub fn fail(&self, error: Text) {
        self.gatherings.fail(error);
    }

    /// A finding of this rule at `location` (a file of the submission; no span: the
    /// text is no longer held).
    pub fn finding(&self, message: Text, location: Option<Location>) -> Finding {
        Finding {
            rule: self.rule.id.clone(),
            kind: self.rule.check.kind().to_string(),
            dimension: Some(self.rule.dimension),
            severity: self.rule.severity,
            title: self.rule.title.clone(),
            message,
            label: None,
            help: (!self.rule.help.is_empty()).then(|| self.rule.help.clone()),
            location,
            waived: false,
            fingerprint: String::new(),
        }
    }
}

/// A location at `line` of `file`, for a finding of a cross-center rule.
pub fn line_location(file: &str, line: u32) -> Location {
    Location {
        file: file.to_string(),
        line: line.max(1),
        column: 1,
        span: 0..0,
    }
}

/// The result of a cross-center rule under `sscheck check`, where there is nothing to
/// compare with.
pub fn single_submission() -> RuleResult {
    RuleResult::not_applicable(Some(t!(
        "此规则比较各中心，仅在 sscheck audit 中检查",
        "this rule compares centers; only sscheck audit checks it"
    )))
}
