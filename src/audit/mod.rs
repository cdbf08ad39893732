//! `sscheck audit`: every submission under one or more roots, checked in parallel and
//! reduced to a compact [`Center`] record as soon as it is checked (its texts dropped);
//! then the cross-center rules compare the records, the scores are computed again, the
//! baseline and the gate are applied, and the renderers write the [`Audit`].
//!
//! Memory stays small as the centers grow: the records wait in a temporary file
//! ([`store`]) from checking to rendering, and what the cross-center rules gathered in
//! another ([`gathered`]). Memory keeps per center only a few dozen bytes besides its
//! texts, in columns rather than one small allocation each: its reported path (in one
//! arena, [`texts`], which is the discovery list's own, moved, not copied), its places
//! in the two files, what a peer shows of it ([`cross::Heads`]: its id and name in
//! arenas, its profile as an index into the distinct ones, its outcomes in a flat list),
//! and the summary's figures.
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
pub mod texts;

use std::io;
use std::path::PathBuf;

use texts::Texts;

pub use record::{AuditFinding, Center, RuleState};
pub use summary::Summary;

use crate::blobs;
use crate::engine::{self, CheckOptions};
use crate::finding::Severity;
use crate::i18n::{Lang, Text};
use crate::select::Selection;
use crate::standard::Standard;
use crate::t;

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

    /// Every center, in path order, turned by `f` in worker threads a chunk at a time,
    /// the results given to `sink` in order (see [`store::Store::each_par`]).
    pub fn each_center<T: Send>(
        &self,
        f: impl Fn(Center) -> io::Result<T> + Sync,
        sink: impl FnMut(T) -> io::Result<()>,
    ) -> io::Result<()> {
        self.centers.each_par(f, sink)
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
/// in memory only what sorting and the cross-center rules need, by column (one entry
/// per record, in the order written).
pub struct Checked {
    records: store::Writer,
    gathered: blobs::Writer,
    /// Each record's reported path.
    paths: Texts,
    /// Where what the cross-center rules gathered of each record is.
    spans: Vec<blobs::Span>,
    /// What a peer shows of each record; `None` when the standard has no cross-center
    /// rule.
    heads: Option<cross::Heads>,
}

/// A checked record in its stored form, its gathered data in theirs, and what memory
/// keeps of it: its path and its head.
struct Spilled {
    record: Vec<u8>,
    gathered: Vec<u8>,
    path: String,
    head: Option<cross::Head>,
}

impl Checked {
    /// Nothing checked yet; room for `n` records. `compare`: the cross-center rules
    /// will run (not in a shard, whose merge runs them), so keep the heads.
    fn new(standard: &Standard, n: usize, compare: bool, lang: Lang) -> Result<Checked, Text> {
        let cross = compare && cross::cross_rules(standard).next().is_some();
        Ok(Checked {
            records: store::Writer::create(lang)?,
            gathered: blobs::Writer::create()?,
            // Grown as paths come, or the discovery list's moved in.
            paths: Texts::new(),
            spans: Vec::with_capacity(n),
            heads: cross.then(|| cross::Heads::new(standard, n)),
        })
    }

    /// Nothing yet, for the records of shard reports (`sscheck merge`), [`add`](Self::add)ed
    /// one at a time.
    pub fn merging(standard: &Standard, lang: Lang) -> Result<Checked, Text> {
        Checked::new(standard, 0, true, lang)
    }

    /// A record read back from a shard report.
    pub fn add(&mut self, standard: &Standard, center: Center) -> Result<(), Text> {
        let heads = self.heads.is_some();
        self.push(spill(standard, center, heads)?, PathFrom::Record)
    }

    fn push(&mut self, s: Spilled, path: PathFrom) -> Result<(), Text> {
        self.records.push_encoded(&s.record)?;
        self.spans.push(self.gathered.push(&s.gathered)?);
        if path == PathFrom::Record && self.paths.push(&s.path).is_err() {
            return Err(t!(
                "中心太多：内存中的路径超过 2 GiB",
                "too many centers: their paths in memory pass 2 GiB"
            ));
        }
        if let (Some(heads), Some(head)) = (self.heads.as_mut(), s.head) {
            heads.push(head)?;
        }
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }
}

/// Where [`Checked`] gets a record's path from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PathFrom {
    /// The discovery list, whose paths are moved in whole after checking.
    Discovery,
    /// The record (its shard report).
    Record,
}

/// A record and its gathered data in their stored forms, and what memory keeps of it:
/// its path, and its head when `head` (the standard has cross-center rules).
fn spill(standard: &Standard, mut c: Center, head: bool) -> Result<Spilled, Text> {
    let head = head.then(|| cross::Head::of(standard, &c));
    let gathered = gathered::encode(&std::mem::take(&mut c.gathered));
    let record = store::encode(&c)?;
    Ok(Spilled {
        record,
        gathered,
        path: c.path,
        head,
    })
}

/// Check the submissions `found` by [`discover`] in parallel, a chunk at a time, calling
/// `progress` after each submission; the records are spilled in the submissions' order.
/// The list's reported paths become the records' (moved, not copied); the rest of it
/// is dropped. In a `shard`, nothing is kept for the cross-center rules but their
/// gathered data.
pub fn check_all(
    standard: &Standard,
    found: discover::Found,
    shard: Option<shard::Shard>,
    opts: &AuditOptions,
    selections: &Selections,
    progress: &(dyn Fn() + Sync),
) -> Result<Checked, Text> {
    let check = CheckOptions {
        keep_sources: false,
        gather: true,
        ..opts.check.clone()
    };
    let checks: Vec<CheckOptions> = selections
        .groups
        .iter()
        .map(|selection| CheckOptions {
            selection: selection.clone(),
            ..check.clone()
        })
        .collect();
    let check_of = |i: usize| {
        selections
            .of
            .get(i)
            .and_then(|&g| checks.get(g as usize))
            .unwrap_or(&check)
    };
    let n = found.len();
    let mut checked = Checked::new(standard, n, shard.is_none(), opts.lang)?;
    let heads = checked.heads.is_some();
    // Checked in parallel a chunk at a time, pushed in discovery order.
    crate::ordered::map_in_order(
        n,
        CHUNK,
        || (),
        |_, i| {
            let report = engine::check_submission(standard, &found.dir(i), check_of(i));
            progress();
            let display = found.display(i).to_string();
            let mut center = Center::from_report(standard, report, display, opts.lang);
            if !opts.keep_metrics {
                center.metrics = Vec::new();
            }
            spill(standard, center, heads)
        },
        |_, done| checked.push(done?, PathFrom::Discovery),
    )?;
    checked.paths = found.into_displays();
    Ok(checked)
}

/// The rules each submission is checked with, when they differ between submissions: a
/// folder's own `sscheck.toml`, or an `[[overrides]]` entry matching it, may select or
/// ignore rules for some centers only (a province that does not require a document).
#[derive(Debug, Clone, Default)]
pub struct Selections {
    /// The distinct selections.
    pub groups: Vec<Selection>,
    /// Per submission in discovery order, an index into `groups`. Empty: every submission
    /// is checked with the audit's own selection ([`AuditOptions::check`]).
    pub of: Vec<u32>,
}

/// Submissions checked in parallel per step: the records of a step are kept, their texts
/// are not. Records are settled in steps of the same size.
const CHUNK: usize = 64;

/// A center settled by [`finish`] in a worker thread, waiting to be taken in order.
struct Settled {
    /// The record, when the summary counts it as it is settled.
    center: Option<Center>,
    /// Its candidate for relative grading, when the standard grades relatively.
    candidate: Option<Option<relative::Candidate>>,
    /// Its stored form.
    record: Vec<u8>,
}

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
        paths,
        spans: written,
        heads,
    } = checked;
    let first = records.finish()?;
    let gathered = gathered.finish()?;
    // Record positions in path order (a stable sort: equal paths keep their order).
    let mut positions: Vec<usize> = (0..paths.len()).collect();
    positions.sort_by(|&a, &b| paths.str(a).cmp(paths.str(b)));
    let spans: Vec<blobs::Span> = positions.iter().map(|&pos| written[pos]).collect();
    drop(written);
    let mut buf = Vec::new();
    let mut puts: Option<cross::Puts> = None;
    // A center with no cross-center rule selected is still a peer of those that have.
    if let Some(heads) = heads.filter(|h| shard.is_none() && h.any_selected()) {
        let centers = cross::Centers {
            heads: &heads,
            paths: &paths,
            order: &positions,
        };
        puts = Some(cross::results(
            standard,
            centers,
            &gathered,
            &spans,
            opts.check.max_findings,
            lang,
        )?);
    }
    drop(paths);
    let relative = shard.is_none() && standard.relative_grading().is_some();
    let mut candidates = Vec::new();
    let mut summary = (!relative).then(|| summary::Builder::new(standard));
    let mut settled = store::Writer::create(lang)?;
    let counted = summary.is_some();
    // Center `k` in path order, settled: what the summary counts (unless relative
    // grades change it later), its relative-grading candidate, its stored form.
    let settle = |buf: &mut Vec<u8>, k: usize| -> Result<Settled, Text> {
        let mut c = first.get_raw(positions[k], buf)?;
        if let Some(p) = &puts {
            cross::put(standard, &mut c, p.of(k)?, lang);
        }
        if let Some(b) = baseline {
            b.mark(&mut c);
        }
        c.settle(standard, opts.fail_on);
        let candidate = match relative {
            true => {
                let index = gathered::get(&gathered, spans[k], relative::KEY)?;
                Some(relative::candidate(standard, &c, index.as_ref()))
            }
            false => None,
        };
        let record = store::encode(&c)?;
        Ok(Settled {
            center: counted.then_some(c),
            candidate,
            record,
        })
    };
    // Settled in parallel a chunk at a time, then taken in path order: the summary,
    // the candidates and the stored records come in the same order for any number of
    // threads, and memory holds one chunk of records at a time.
    crate::ordered::map_in_order(positions.len(), CHUNK, Vec::new, settle, |_, done| {
        let done = done?;
        if let Some(c) = done.candidate {
            candidates.push(c);
        }
        if let (Some(s), Some(c)) = (summary.as_mut(), &done.center) {
            s.add(c);
        }
        settled.push_encoded(&done.record).map(drop)
    })?;
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
