//! `sscheck audit`: every submission under one or more roots, checked in parallel and
//! reduced to a compact [`Center`] record as soon as it is checked (its texts dropped);
//! then the cross-center rules compare the records, the scores are computed again, the
//! baseline and the gate are applied, and the renderers write the [`Audit`].
//!
//! `sscheck merge` rebuilds the same records from shard reports and runs the same
//! [`finish`], so a merged run equals a single run.

pub mod baseline;
pub mod cross;
pub mod discover;
pub mod record;
pub mod relative;
pub mod shard;
pub mod summary;

use std::path::PathBuf;

use rayon::prelude::*;

pub use record::{AuditFinding, Center, RuleState};
pub use summary::Summary;

use crate::engine::{self, CheckOptions};
use crate::finding::Severity;
use crate::i18n::Lang;
use crate::standard::Standard;

/// How an audit is run and judged.
#[derive(Debug, Clone)]
pub struct AuditOptions {
    pub check: CheckOptions,
    pub lang: Lang,
    /// Findings at or above this severity fail the gate; `None` never fails.
    pub fail_on: Option<Severity>,
    /// Keep each center's metric values by year (the HTML report's trend charts, and
    /// shard reports for a merge that writes one); otherwise they are dropped.
    pub keep_metrics: bool,
}

/// A finished audit: every center, in path order, with the cross-center rules applied,
/// and the figures over all of them.
#[derive(Debug)]
pub struct Audit {
    pub centers: Vec<Center>,
    pub summary: Summary,
    /// `K/N` when this is one shard of a run; a shard report defers the cross-center
    /// rules to `sscheck merge`.
    pub shard: Option<shard::Shard>,
    pub lang: Lang,
}

impl Audit {
    /// Whether the gate fails: some center has a finding at or above `--fail-on` that is
    /// neither waived nor in the baseline.
    pub fn failed(&self) -> bool {
        self.centers.iter().any(|c| !c.passed)
    }
}

/// Check `submissions` (found by [`discover`]) in parallel, a chunk at a time, calling
/// `progress` after each submission; records come back in the submissions' order.
pub fn check_all(
    standard: &Standard,
    submissions: &[discover::Found],
    opts: &AuditOptions,
    progress: &(dyn Fn() + Sync),
) -> Vec<Center> {
    let check = CheckOptions {
        keep_sources: false,
        gather: true,
        ..opts.check.clone()
    };
    let mut centers = Vec::with_capacity(submissions.len());
    for chunk in submissions.chunks(CHUNK) {
        let done: Vec<Center> = chunk
            .par_iter()
            .map(|found| {
                let report = engine::check_submission(standard, &found.dir, &check);
                progress();
                let mut center =
                    Center::from_report(standard, report, found.display.clone(), opts.lang);
                if !opts.keep_metrics {
                    center.metrics = Vec::new();
                }
                center
            })
            .collect();
        centers.extend(done);
    }
    centers
}

/// Submissions checked in parallel per step: the records of a step are kept, their texts
/// are not.
const CHUNK: usize = 256;

/// Finish an audit of `centers`: the cross-center rules (unless this is a shard), the
/// scores again, the baseline, the gate, the summary.
pub fn finish(
    standard: &Standard,
    mut centers: Vec<Center>,
    skipped: usize,
    shard: Option<shard::Shard>,
    baseline: Option<&baseline::Baseline>,
    opts: &AuditOptions,
) -> Audit {
    centers.sort_by(|a, b| a.path.cmp(&b.path));
    if shard.is_none() {
        cross::apply(standard, &mut centers, opts.check.max_findings, opts.lang);
    }
    for c in centers.iter_mut() {
        if let Some(b) = baseline {
            b.mark(c);
        }
        c.settle(standard, opts.fail_on);
    }
    if shard.is_none() {
        relative::apply(standard, &mut centers);
        for c in centers.iter_mut() {
            c.gathered.clear();
        }
    }
    let summary = Summary::of(standard, &centers, skipped, opts.lang);
    Audit {
        centers,
        summary,
        shard,
        lang: opts.lang,
    }
}

/// The roots, as given, for messages.
pub fn roots_text(roots: &[PathBuf]) -> String {
    roots
        .iter()
        .map(|r| r.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
