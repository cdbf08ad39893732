//! `sscheck audit`: every submission under one or more roots, checked in parallel and
//! reduced to a compact [`Center`] record as soon as it is checked (its texts dropped);
//! then the cross-center rules compare the records, the scores are computed again, the
//! baseline and the gate are applied, and the renderers write the [`Audit`].
//!
//! Memory stays flat in the number of centers: the records wait in a temporary file
//! ([`store`]) from checking to rendering, and what the cross-center rules gathered in
//! another ([`gathered`]); memory keeps per center only its places in the files, what a
//! peer shows of it, and the summary's figures.
//!
//! `sscheck merge` rebuilds the same records from shard reports and runs the same
//! [`finish`], so a merged run equals a single run.

pub mod baseline;
pub mod cross;
pub mod discover;
pub mod gathered;
pub mod record;
pub mod relative;
pub mod shard;
pub mod store;
pub mod summary;

use std::collections::HashSet;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

pub use record::{AuditFinding, Center, RuleState};
pub use summary::Summary;

use crate::blobs;
use crate::engine::{self, CheckOptions};
use crate::finding::Severity;
use crate::i18n::{Lang, Text};
use crate::standard::{Profile, Standard};

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
/// and the figures over all of them. The records are in a temporary file
/// ([`store::Store`]); [`Audit::centers`] reads them back one at a time.
#[derive(Debug)]
pub struct Audit {
    centers: store::Store,
    pub summary: Summary,
    /// `K/N` when this is one shard of a run; a shard report defers the cross-center
    /// rules to `sscheck merge`.
    pub shard: Option<shard::Shard>,
    pub lang: Lang,
}

impl Audit {
    /// An audit of a few settled `centers` (in the order given) and their summary, kept
    /// in memory (in their stored form): the one-center HTML page of `sscheck check`.
    pub fn of_centers(centers: &[Center], summary: Summary, lang: Lang) -> io::Result<Audit> {
        let centers = store::Store::in_memory(centers, lang)
            .map_err(|e| io::Error::other(e.get(lang).to_string()))?;
        Ok(Audit {
            centers,
            summary,
            shard: None,
            lang,
        })
    }

    /// Whether the gate fails: some center has a finding at or above `--fail-on` that is
    /// neither waived nor in the baseline.
    pub fn failed(&self) -> bool {
        self.summary.failed > 0
    }

    /// Every center, in path order, read back one at a time; a record that cannot be
    /// read back is an I/O error (its message in the run's language).
    pub fn centers(&self) -> store::Iter<'_> {
        self.centers.iter()
    }

    /// How many centers the audit has.
    pub fn len(&self) -> usize {
        self.centers.len()
    }

    pub fn is_empty(&self) -> bool {
        self.centers.is_empty()
    }
}

/// Checked records waiting for [`finish`]: the records themselves in a temporary file,
/// in memory only what sorting and the cross-center rules need.
pub struct Checked {
    records: store::Writer,
    gathered: blobs::Writer,
    keys: Vec<Key>,
    /// The distinct profiles of the heads, shared.
    profiles: HashSet<Arc<Profile>>,
}

/// What memory keeps of a checked record until [`finish`].
struct Key {
    path: String,
    /// Where what the cross-center rules gathered of it is.
    gathered: blobs::Span,
    /// When some cross-center rule is selected for the center.
    head: Option<Box<cross::Head>>,
}

/// A checked record in its stored form, its gathered data in theirs, and what memory
/// keeps of it.
struct Spilled {
    record: Vec<u8>,
    gathered: Vec<u8>,
    key: Key,
}

impl Checked {
    pub fn new(lang: Lang) -> Result<Checked, Text> {
        Ok(Checked {
            records: store::Writer::create(lang)?,
            gathered: blobs::Writer::create()?,
            keys: Vec::new(),
            profiles: HashSet::new(),
        })
    }

    /// Records read back from shard reports (`sscheck merge`).
    pub fn of_centers(
        standard: &Standard,
        centers: Vec<Center>,
        lang: Lang,
    ) -> Result<Checked, Text> {
        let mut checked = Checked::new(lang)?;
        for c in centers {
            checked.push(spill(standard, c)?)?;
        }
        Ok(checked)
    }

    fn push(&mut self, s: Spilled) -> Result<(), Text> {
        self.records.push_encoded(&s.record)?;
        let mut key = s.key;
        key.gathered = self.gathered.push(&s.gathered)?;
        if let Some(head) = key.head.as_mut() {
            match self.profiles.get(&head.profile) {
                Some(shared) => head.profile = Arc::clone(shared),
                None => {
                    self.profiles.insert(Arc::clone(&head.profile));
                }
            }
        }
        self.keys.push(key);
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// A record and its gathered data in their stored forms, and what memory keeps of it
/// (its span in the gathered data's file is set when it is written).
fn spill(standard: &Standard, mut c: Center) -> Result<Spilled, Text> {
    let head = cross::wanted(standard, &c).then(|| Box::new(cross::Head::of(standard, &c)));
    let gathered = gathered::encode(&std::mem::take(&mut c.gathered));
    let record = store::encode(&c)?;
    Ok(Spilled {
        record,
        gathered,
        key: Key {
            path: c.path,
            gathered: blobs::Span::default(),
            head,
        },
    })
}

/// Check `submissions` (found by [`discover`]) in parallel, a chunk at a time, calling
/// `progress` after each submission; the records are spilled in the submissions' order.
pub fn check_all(
    standard: &Standard,
    submissions: &[discover::Found],
    opts: &AuditOptions,
    progress: &(dyn Fn() + Sync),
) -> Result<Checked, Text> {
    let check = CheckOptions {
        keep_sources: false,
        gather: true,
        ..opts.check.clone()
    };
    let mut checked = Checked::new(opts.lang)?;
    for chunk in submissions.chunks(CHUNK) {
        let done: Vec<Result<Spilled, Text>> = chunk
            .par_iter()
            .map(|found| {
                let report = engine::check_submission(standard, &found.dir, &check);
                progress();
                let mut center =
                    Center::from_report(standard, report, found.display.clone(), opts.lang);
                if !opts.keep_metrics {
                    center.metrics = Vec::new();
                }
                spill(standard, center)
            })
            .collect();
        for d in done {
            checked.push(d?)?;
        }
    }
    Ok(checked)
}

/// Submissions checked in parallel per step: the records of a step are kept, their texts
/// are not.
const CHUNK: usize = 256;

/// Finish an audit of the `checked` records: the cross-center rules (unless this is a
/// shard), the scores again, the baseline, the gate, relative grading, the summary.
///
/// The records are read from their temporary file in path order, settled one at a time
/// and written to a second one; memory keeps per center only what the cross-center
/// rules and relative grading compare, and the summary's figures.
pub fn finish(
    standard: &Standard,
    checked: Checked,
    skipped: usize,
    shard: Option<shard::Shard>,
    baseline: Option<&baseline::Baseline>,
    opts: &AuditOptions,
) -> Result<Audit, Text> {
    let lang = opts.lang;
    let Checked {
        records,
        gathered,
        keys,
        profiles,
    } = checked;
    drop(profiles);
    let first = records.finish()?;
    let gathered = gathered.finish()?;
    let mut keys = keys;
    // Record positions in path order (a stable sort: equal paths keep their order).
    let mut positions: Vec<usize> = (0..keys.len()).collect();
    positions.sort_by(|&a, &b| keys[a].path.cmp(&keys[b].path));
    let mut spans = Vec::with_capacity(keys.len());
    let mut heads = Vec::with_capacity(keys.len());
    for &pos in &positions {
        let key = &mut keys[pos];
        spans.push(key.gathered);
        heads.push(key.head.take().map(|mut h| {
            h.path = std::mem::take(&mut key.path);
            h
        }));
    }
    drop(keys);
    let mut buf = Vec::new();
    let mut puts: Option<cross::Puts> = None;
    if shard.is_none() && heads.iter().any(Option::is_some) {
        // A center without a head has no cross-center rule selected, but is still a
        // peer of those that do.
        let mut all = Vec::with_capacity(heads.len());
        for (pos, head) in positions.iter().zip(heads) {
            all.push(match head {
                Some(h) => *h,
                None => {
                    let c = first.get_raw(*pos, &mut buf)?;
                    let mut h = cross::Head::of(standard, &c);
                    h.path = c.path;
                    h
                }
            });
        }
        puts = Some(cross::results(
            standard,
            &all,
            &gathered,
            &spans,
            opts.check.max_findings,
            lang,
        )?);
    }
    let relative = shard.is_none() && standard.relative_grading().is_some();
    let mut candidates = Vec::new();
    let mut summary = (!relative).then(|| summary::Builder::new(standard));
    let mut settled = store::Writer::create(lang)?;

    for (k, pos) in positions.iter().enumerate() {
        let mut c = first.get_raw(*pos, &mut buf)?;
        if let Some(p) = &puts {
            cross::put(standard, &mut c, p.of(k)?, lang);
        }
        if let Some(b) = baseline {
            b.mark(&mut c);
        }
        c.settle(standard, opts.fail_on);
        if relative {
            let index = gathered::get(&gathered, spans[k], relative::KEY)?;
            candidates.push(relative::candidate(standard, &c, index.as_ref()));
        }
        if let Some(s) = summary.as_mut() {
            s.add(&c);
        }
        settled.push(&c)?;
    }
    drop(first);
    let mut centers = settled.finish()?;
    if relative {
        centers.set_regrades(relative::grades(standard, &candidates));
    }
    if shard.is_some() {
        centers.set_gathered(gathered, spans);
    } else {
        drop(gathered);
    }
    let summary = match summary {
        Some(s) => s.finish(skipped),
        None => {
            // Relative grades change the grades: count them as they end.
            let mut s = summary::Builder::new(standard);
            for i in 0..centers.len() {
                s.add(&centers.get(i, &mut buf)?);
            }
            s.finish(skipped)
        }
    };
    Ok(Audit {
        centers,
        summary,
        shard,
        lang,
    })
}

/// The roots, as given, for messages.
pub fn roots_text(roots: &[PathBuf]) -> String {
    roots
        .iter()
        .map(|r| r.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
