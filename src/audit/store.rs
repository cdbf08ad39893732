//! Where an audit keeps its records between checking and rendering: in an anonymous
//! temporary file, so that memory stays flat however many centers are audited.
//!
//! Design:
//! - Each checked [`Center`] is serialised (JSON of a private mirror, floats as their bit
//!   patterns so they round-trip exactly) and appended to a [`Writer`], which is an
//!   anonymous file in the system's temporary folder (`tempfile::tempfile()`: never in a
//!   submission folder, gone when sscheck exits). Memory keeps only each record's place
//!   in the file, plus what the cross-center rules need (kept by [`super::finish`], not
//!   here).
//! - [`super::finish`] reads the records in path order, applies the cross-center
//!   results, the baseline and the gate, and writes the final records to a second file,
//!   a [`Store`].
//! - Renderers walk a [`Store`] one owned [`Center`] at a time ([`Store::iter`]); a few
//!   small per-center values (a relative grade, the data a shard report carries for
//!   `sscheck merge`) stay in memory and are put back into each record as it is read.
//!
//! A temporary file that cannot be created, written or read is an error in the run's
//! language, never a panic.

use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};

use serde::{Deserialize, Serialize};

use super::record::{AuditFinding, Center, Counts, Dimensions, Evidence, RuleState, Score};
use crate::checks::cross::Gathered;
use crate::i18n::{Lang, Text};
use crate::standard::Profile;
use crate::t;

/// A record's place in its file.
#[derive(Debug, Clone, Copy)]
struct Span {
    offset: u64,
    len: u32,
}

/// A relative grade that replaces the grade of a stored record (see
/// [`super::relative`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Regrade {
    pub grade: String,
    pub capped_by: Vec<String>,
}

/// Records being written, in the order they come.
pub struct Writer {
    file: BufWriter<File>,
    pos: u64,
    spans: Vec<Span>,
    lang: Lang,
}

impl Writer {
    /// A new anonymous temporary file.
    pub fn create(lang: Lang) -> Result<Writer, Text> {
        let file = tempfile::tempfile().map_err(|e| trouble(Act::Create, &e))?;
        Ok(Writer {
            file: BufWriter::with_capacity(1 << 16, file),
            pos: 0,
            spans: Vec::new(),
            lang,
        })
    }

    /// Append a record; returns its index.
    pub fn push(&mut self, center: &Center) -> Result<usize, Text> {
        let bytes = encode(center)?;
        self.push_encoded(&bytes)
    }

    /// Append a record [`encode`]d already (in a worker thread); returns its index.
    pub fn push_encoded(&mut self, bytes: &[u8]) -> Result<usize, Text> {
        let len = u32::try_from(bytes.len()).map_err(|_| {
            trouble(
                Act::Write,
                &io::Error::other("a record of more than 4 GiB"),
            )
        })?;
        self.file
            .write_all(bytes)
            .map_err(|e| trouble(Act::Write, &e))?;
        self.spans.push(Span {
            offset: self.pos,
            len,
        });
        self.pos += u64::from(len);
        Ok(self.spans.len() - 1)
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The records written, ready to be read.
    pub fn finish(self) -> Result<Store, Text> {
        let file = self
            .file
            .into_inner()
            .map_err(|e| trouble(Act::Write, e.error()))?;
        Ok(Store {
            file,
            spans: self.spans,
            lang: self.lang,
            regrades: Vec::new(),
            gathered: Vec::new(),
        })
    }
}

/// Records written, read back one at a time.
pub struct Store {
    file: File,
    spans: Vec<Span>,
    lang: Lang,
    /// Empty, or one per record: a relative grade to put into it.
    regrades: Vec<Option<Regrade>>,
    /// Empty, or one per record: the cross-center data to put back into it (shard
    /// reports carry it for `sscheck merge`).
    gathered: Vec<Vec<(String, Option<Gathered>)>>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("records", &self.spans.len())
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Spill `centers`, in their order.
    pub fn of(centers: &[Center], lang: Lang) -> Result<Store, Text> {
        let mut w = Writer::create(lang)?;
        for c in centers {
            w.push(c)?;
        }
        w.finish()
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Put a relative grade into each record as it is read (`regrades[i]` for record
    /// `i`).
    pub fn set_regrades(&mut self, regrades: Vec<Option<Regrade>>) {
        debug_assert!(regrades.is_empty() || regrades.len() == self.spans.len());
        self.regrades = regrades;
    }

    /// Put the cross-center data back into each record as it is read.
    pub fn set_gathered(&mut self, gathered: Vec<Vec<(String, Option<Gathered>)>>) {
        debug_assert!(gathered.is_empty() || gathered.len() == self.spans.len());
        self.gathered = gathered;
    }

    /// Record `i` as it was written, without what is put back on reading.
    pub(crate) fn get_raw(&self, i: usize, buf: &mut Vec<u8>) -> Result<Center, Text> {
        let span = self.spans[i];
        buf.resize(span.len as usize, 0);
        let mut file = &self.file;
        file.seek(SeekFrom::Start(span.offset))
            .and_then(|_| file.read_exact(buf))
            .map_err(|e| trouble(Act::Read, &e))?;
        decode(buf)
    }

    /// Record `i`, with its relative grade and cross-center data.
    pub fn get(&self, i: usize, buf: &mut Vec<u8>) -> Result<Center, Text> {
        let mut c = self.get_raw(i, buf)?;
        if let Some(Some(r)) = self.regrades.get(i) {
            c.score.grade = Some(r.grade.clone());
            c.score.capped_by = r.capped_by.clone();
        }
        if let Some(g) = self.gathered.get(i) {
            c.gathered = g.clone();
        }
        Ok(c)
    }

    /// Every record, in order; a record that cannot be read is an I/O error whose
    /// message is in the run's language.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            store: self,
            next: 0,
            buf: Vec::new(),
        }
    }
}

/// The records of a [`Store`], owned, one at a time.
pub struct Iter<'a> {
    store: &'a Store,
    next: usize,
    buf: Vec<u8>,
}

impl Iterator for Iter<'_> {
    type Item = io::Result<Center>;

    fn next(&mut self) -> Option<io::Result<Center>> {
        if self.next >= self.store.len() {
            return None;
        }
        let i = self.next;
        self.next += 1;
        Some(
            self.store
                .get(i, &mut self.buf)
                .map_err(|e| io::Error::other(e.get(self.store.lang).to_string())),
        )
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.store.len() - self.next;
        (n, Some(n))
    }
}

impl ExactSizeIterator for Iter<'_> {}

#[derive(Clone, Copy)]
enum Act {
    Create,
    Write,
    Read,
}

/// The error of a temporary file, in both languages.
fn trouble(act: Act, e: &dyn std::fmt::Display) -> Text {
    match act {
        Act::Create => t!(
            "无法在系统临时目录中创建存放中心记录的临时文件：{e}（可用 TMPDIR 指定其他目录）",
            "cannot create the temporary file for the center records in the system's temporary folder: {e} (TMPDIR chooses another folder)",
            e = e
        ),
        Act::Write => t!(
            "无法写入存放中心记录的临时文件：{e}（临时目录的磁盘是否已满？可用 TMPDIR 指定其他目录）",
            "cannot write the temporary file of the center records: {e} (is the temporary folder's disk full? TMPDIR chooses another folder)",
            e = e
        ),
        Act::Read => t!(
            "无法读回存放中心记录的临时文件：{e}",
            "cannot read back the temporary file of the center records: {e}",
            e = e
        ),
    }
}

// --- The stored form ---

/// A record as written: every field of [`Center`] but the cross-center data, floats as
/// their bits.
#[derive(Serialize)]
struct StoredOut<'a> {
    path: &'a str,
    center_id: Option<&'a str>,
    name: Option<&'a str>,
    profile: &'a Profile,
    reporting_year: Option<i32>,
    overall: Option<u64>,
    grade: Option<&'a str>,
    dimensions: [Option<u64>; 4],
    capped_by: &'a [String],
    findings: &'a [AuditFinding],
    findings_capped: bool,
    incomplete: bool,
    rules: Vec<(&'static str, bool, Option<&'a str>)>,
    counts: Counts,
    passed: bool,
    exit_risk: &'a [Evidence],
    metrics: Vec<(&'a str, Vec<(i32, u64)>)>,
}

#[derive(Deserialize)]
struct StoredIn {
    path: String,
    center_id: Option<String>,
    name: Option<String>,
    profile: Profile,
    reporting_year: Option<i32>,
    overall: Option<u64>,
    grade: Option<String>,
    dimensions: [Option<u64>; 4],
    capped_by: Vec<String>,
    findings: Vec<AuditFinding>,
    findings_capped: bool,
    incomplete: bool,
    rules: Vec<(String, bool, Option<Box<str>>)>,
    counts: Counts,
    passed: bool,
    exit_risk: Vec<Evidence>,
    metrics: Vec<(String, Vec<(i32, u64)>)>,
}

fn bits(v: Option<f64>) -> Option<u64> {
    v.map(f64::to_bits)
}

fn float(v: Option<u64>) -> Option<f64> {
    v.map(f64::from_bits)
}

/// A record in its stored form (without its cross-center data).
pub fn encode(c: &Center) -> Result<Vec<u8>, Text> {
    let d = &c.score.dimensions;
    let out = StoredOut {
        path: &c.path,
        center_id: c.center_id.as_deref(),
        name: c.name.as_deref(),
        profile: &c.profile,
        reporting_year: c.reporting_year,
        overall: bits(c.score.overall),
        grade: c.score.grade.as_deref(),
        dimensions: [
            bits(d.basic),
            bits(d.provision),
            bits(d.support),
            bits(d.evaluation),
        ],
        capped_by: &c.score.capped_by,
        findings: &c.findings,
        findings_capped: c.findings_capped,
        incomplete: c.incomplete,
        rules: c
            .rules
            .iter()
            .map(|r| (r.outcome.as_str(), r.waived, r.reason.as_deref()))
            .collect(),
        counts: c.counts,
        passed: c.passed,
        exit_risk: &c.exit_risk,
        metrics: c
            .metrics
            .iter()
            .map(|(m, s)| (m.as_str(), s.iter().map(|(y, v)| (*y, v.to_bits())).collect()))
            .collect(),
    };
    serde_json::to_vec(&out).map_err(|e| trouble(Act::Write, &e))
}

/// A record from its stored form.
pub fn decode(bytes: &[u8]) -> Result<Center, Text> {
    let s: StoredIn = serde_json::from_slice(bytes).map_err(|e| trouble(Act::Read, &e))?;
    let mut rules = Vec::with_capacity(s.rules.len());
    for (outcome, waived, reason) in s.rules {
        let outcome = super::record::parse_outcome(&outcome).ok_or_else(|| {
            trouble(
                Act::Read,
                &format!("unknown outcome `{outcome}` in a stored record"),
            )
        })?;
        rules.push(RuleState {
            outcome,
            waived,
            reason,
        });
    }
    let [basic, provision, support, evaluation] = s.dimensions.map(float);
    Ok(Center {
        path: s.path,
        center_id: s.center_id,
        name: s.name,
        profile: s.profile,
        reporting_year: s.reporting_year,
        score: Score {
            overall: float(s.overall),
            grade: s.grade,
            dimensions: Dimensions {
                basic,
                provision,
                support,
                evaluation,
            },
            capped_by: s.capped_by,
        },
        findings: s.findings,
        findings_capped: s.findings_capped,
        incomplete: s.incomplete,
        rules,
        counts: s.counts,
        passed: s.passed,
        exit_risk: s.exit_risk,
        gathered: Vec::new(),
        metrics: s
            .metrics
            .into_iter()
            .map(|(m, v)| (m, v.into_iter().map(|(y, b)| (y, f64::from_bits(b))).collect()))
            .collect(),
    })
}
