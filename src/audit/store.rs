//! Where an audit keeps its records between checking and rendering: in an anonymous
//! temporary file, so that memory stays flat however many centers are audited.
//!
//! Design:
//! - Each checked [`Center`] is serialised (JSON of a private mirror, floats as their bit
//!   patterns so they round-trip exactly) and appended to a [`Writer`], which is an
//!   anonymous file in the system's temporary folder (`tempfile::tempfile()`: never in a
//!   submission folder, gone when sscheck exits; see [`blobs`]). Memory keeps only each record's place
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

use std::collections::VecDeque;
use std::io;

use rayon::prelude::*;

use serde::{Deserialize, Serialize};

use super::record::{AuditFinding, Center, Counts, Dimensions, Evidence, RuleState, Score};
use crate::blobs::{self, trouble, Act, Reader, Span};
use crate::i18n::{Lang, Text};
use crate::standard::Profile;
use crate::submission::waivers::Scope;

/// A relative grade that replaces the grade of a stored record (see
/// [`super::relative`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Regrade {
    pub grade: String,
    pub capped_by: Vec<String>,
}

/// Records being written, in the order they come.
pub struct Writer {
    blobs: blobs::Writer,
    spans: blobs::Ends,
    lang: Lang,
}

impl Writer {
    /// A new anonymous temporary file.
    pub fn create(lang: Lang) -> Result<Writer, Text> {
        let blobs = blobs::Writer::create()?;
        Ok(Writer {
            spans: blobs::Ends::after(&blobs),
            blobs,
            lang,
        })
    }

    /// Records kept in memory, in the same form as in a file.
    pub fn in_memory(lang: Lang) -> Writer {
        let blobs = blobs::Writer::in_memory();
        Writer {
            spans: blobs::Ends::after(&blobs),
            blobs,
            lang,
        }
    }

    /// Append a record; returns its index.
    pub fn push(&mut self, center: &Center) -> Result<usize, Text> {
        let bytes = encode(center)?;
        self.push_encoded(&bytes)
    }

    /// Append a record [`encode`]d already (in a worker thread); returns its index.
    pub fn push_encoded(&mut self, bytes: &[u8]) -> Result<usize, Text> {
        self.spans.push(self.blobs.push(bytes)?)?;
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
        Ok(Store {
            blobs: self.blobs.finish()?,
            spans: self.spans,
            lang: self.lang,
            regrades: Vec::new(),
            gathered: None,
        })
    }
}

/// Records written, read back one at a time.
pub struct Store {
    blobs: Reader,
    spans: blobs::Ends,
    lang: Lang,
    /// Empty, or one per record: a relative grade to put into it.
    regrades: Vec<Option<Regrade>>,
    /// The cross-center data to put back into each record (shard reports carry it for
    /// `sscheck merge`): where it is, and its span per record.
    gathered: Option<(Reader, Vec<Span>)>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("records", &self.spans.len())
            .finish_non_exhaustive()
    }
}

impl Store {
    /// `centers`, in their order, kept in memory in their stored form.
    pub fn in_memory(centers: &[Center], lang: Lang) -> Result<Store, Text> {
        let mut w = Writer::in_memory(lang);
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
    pub fn set_gathered(&mut self, reader: Reader, spans: Vec<Span>) {
        debug_assert!(spans.len() == self.spans.len());
        self.gathered = Some((reader, spans));
    }

    /// Record `i` as it was written, without what is put back on reading.
    pub(crate) fn get_raw(&self, i: usize, buf: &mut Vec<u8>) -> Result<Center, Text> {
        self.blobs.read(self.spans.get(i), buf)?;
        decode(buf)
    }

    /// Record `i`, with its relative grade and cross-center data.
    pub fn get(&self, i: usize, buf: &mut Vec<u8>) -> Result<Center, Text> {
        let mut c = self.get_raw(i, buf)?;
        if let Some(Some(r)) = self.regrades.get(i) {
            c.score.grade = Some(r.grade.clone());
            c.score.capped_by = r.capped_by.clone();
        }
        if let Some((reader, spans)) = &self.gathered {
            c.gathered = super::gathered::all(reader, spans[i])?;
        }
        Ok(c)
    }

    /// Every record, in order; a record that cannot be read is an I/O error whose
    /// message is in the run's language.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            store: self,
            next: 0,
            ready: VecDeque::new(),
        }
    }

    /// Record `i`, read back with `buf` as scratch.
    fn read_one(&self, buf: &mut Vec<u8>, i: usize) -> io::Result<Center> {
        self.get(i, buf)
            .map_err(|e| io::Error::other(e.get(self.lang).to_string()))
    }

    /// Every record, in order, turned by `f` in worker threads a chunk at a time (what a
    /// renderer makes of each, its text), then given to `sink` in order: both use every
    /// core while memory holds one chunk. The first error stops the walk.
    pub fn each_par<T: Send>(
        &self,
        f: impl Fn(Center) -> io::Result<T> + Sync,
        mut sink: impl FnMut(T) -> io::Result<()>,
    ) -> io::Result<()> {
        crate::ordered::map_in_order(
            self.len(),
            READ_CHUNK,
            Vec::new,
            |buf, i| self.read_one(buf, i).and_then(&f),
            |_, done| sink(done?),
        )
    }
}

/// Records read back in parallel per step: what memory holds of them at once.
const READ_CHUNK: usize = 64;

/// The records of a [`Store`], owned, one at a time; they are read back (and decoded)
/// a chunk at a time in worker threads.
pub struct Iter<'a> {
    store: &'a Store,
    /// The first record not read yet.
    next: usize,
    /// Records read, not yet given.
    ready: VecDeque<io::Result<Center>>,
}

impl Iterator for Iter<'_> {
    type Item = io::Result<Center>;

    fn next(&mut self) -> Option<io::Result<Center>> {
        if self.ready.is_empty() && self.next < self.store.len() {
            let end = self.store.len().min(self.next + READ_CHUNK);
            self.ready = (self.next..end)
                .into_par_iter()
                .map_init(Vec::new, |buf, i| self.store.read_one(buf, i))
                .collect::<Vec<_>>()
                .into();
            self.next = end;
        }
        self.ready.pop_front()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.store.len() - self.next + self.ready.len();
        (n, Some(n))
    }
}

impl ExactSizeIterator for Iter<'_> {}

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
    #[serde(skip_serializing_if = "<[Scope]>::is_empty")]
    waivers: &'a [Scope],
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
    #[serde(default)]
    waivers: Vec<Scope>,
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
        waivers: &c.waivers,
        metrics: c
            .metrics
            .iter()
            .map(|(m, s)| {
                (
                    m.as_str(),
                    s.iter().map(|(y, v)| (*y, v.to_bits())).collect(),
                )
            })
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
        waivers: s.waivers,
        gathered: Vec::new(),
        metrics: s
            .metrics
            .into_iter()
            .map(|(m, v)| {
                (
                    m,
                    v.into_iter().map(|(y, b)| (y, f64::from_bits(b))).collect(),
                )
            })
            .collect(),
    })
}

#[cfg(test)]
#[allow(clippy::manual_is_multiple_of)] // varied fixtures read best as `i % n`
pub(crate) mod tests {
    use super::*;
    use crate::checks::cross::Related;

    const HOSTILE: &[&str] = &[
        "",
        "\"quoted\" \\ back\\slash \\u0000",
        "nul \u{0} bell \u{7} esc \u{1b}[31m tab\t cr\r lf\n",
        "中文：深圳市南山区生产力促进中心（第二批）",
        "emoji 🏭🧾 and zero width \u{200b}\u{feff} and RTL \u{202e}txet",
        "</script><!-- ]]> {\"a\":1} ${x} %s",
        "a very long one ",
    ];

    fn floats() -> Vec<f64> {
        vec![
            0.1 + 0.2,
            -0.0,
            0.0,
            1.0 / 3.0,
            5e-324,
            f64::MIN_POSITIVE,
            f64::MAX,
            -f64::MAX,
            f64::EPSILON,
            123_456_789.123_456_78,
            f64::INFINITY,
        ]
    }

    fn text(i: usize) -> String {
        let s = HOSTILE[i % HOSTILE.len()];
        if s.starts_with("a very long") {
            s.repeat(5000)
        } else {
            s.to_string()
        }
    }

    fn finding(i: usize) -> AuditFinding {
        AuditFinding {
            rule: format!("BAS-{i:03}"),
            kind: text(i + 1),
            dimension: (i % 2 == 0).then(|| "basic".to_string()),
            severity: ["error", "warning", "info"][i % 3].to_string(),
            title: text(i + 2),
            message: text(i + 3),
            help: (i % 3 == 0).then(|| text(i + 4)),
            file: (i % 4 != 0).then(|| format!("docs/{}.md", text(i))),
            line: (i % 4 != 0).then_some(i as u32 * 7),
            column: (i % 5 != 0).then_some(u32::MAX - i as u32),
            waived: i % 2 == 1,
            baselined: i % 3 == 1,
            fingerprint: format!("{i:016x}"),
            related: (i % 3 == 2).then(|| Related {
                path: text(i + 5),
                center_id: Some(text(i + 6)),
                file: "docs/制度.md".into(),
                line: 3,
            }),
        }
    }

    pub(crate) fn center(i: usize) -> Center {
        let f = floats();
        let at = |k: usize| f[(i + k) % f.len()];
        Center {
            path: format!("root/{}/c{i:05}", text(i)),
            center_id: (i % 3 != 0).then(|| format!("ID-{i}")),
            name: Some(text(i + 1)),
            profile: Profile {
                level: Some("national".into()),
                region: (i % 2 == 0).then(|| text(i + 2)),
                operation_model: None,
                province: Some("广东".into()),
            },
            reporting_year: (i % 5 != 0).then_some(2024),
            score: Score {
                overall: (i % 4 != 0).then(|| at(0)),
                grade: (i % 4 != 0).then(|| "B".into()),
                dimensions: Dimensions {
                    basic: Some(at(1)),
                    provision: Some(at(2)),
                    support: None,
                    evaluation: Some(at(3)),
                },
                capped_by: vec![text(i), "errors".into()],
            },
            findings: (0..i % 7).map(|k| finding(i + k)).collect(),
            findings_capped: i % 2 == 0,
            incomplete: i % 3 == 0,
            rules: [
                Outcome::Pass,
                Outcome::Fail,
                Outcome::NotApplicable,
                Outcome::Error,
                Outcome::NotSelected,
            ]
            .iter()
            .enumerate()
            .map(|(k, o)| RuleState {
                outcome: *o,
                waived: (i + k) % 2 == 0,
                reason: ((i + k) % 3 == 0).then(|| text(i + k).into()),
            })
            .collect(),
            counts: Counts {
                error: i,
                warning: i * 2,
                info: 1,
                waived: 0,
                baselined: i % 2,
            },
            passed: i % 2 == 0,
            exit_risk: (0..i % 3)
                .map(|k| Evidence {
                    rule: format!("EVA-0{k}"),
                    title: text(i + k),
                    message: text(i + k + 1),
                    file: Some("docs/a.md".into()),
                    line: Some(k as u32),
                })
                .collect(),
            gathered: Vec::new(),
            // Hostile text survives in a waiver's scope too.
            waivers: (0..i % 2)
                .map(|k| Scope {
                    rule: "BAS-009".into(),
                    file: Some(text(i + k)),
                    fingerprints: vec![format!("{k:x}")],
                    line: k as u32 + 2,
                })
                .collect(),
            metrics: vec![
                (
                    "enterprises_served".into(),
                    vec![(2022, at(4)), (2023, at(5))],
                ),
                (text(i), vec![(i32::MIN, at(6)), (i32::MAX, at(7))]),
            ],
        }
    }

    use crate::finding::Outcome;

    /// Every field, floats by their bits (so -0.0 and 0.0 differ, as they would in the
    /// reports).
    fn assert_same(a: &Center, b: &Center) {
        assert_eq!(a.path, b.path);
        assert_eq!(a.center_id, b.center_id);
        assert_eq!(a.name, b.name);
        assert_eq!(a.profile, b.profile);
        assert_eq!(a.reporting_year, b.reporting_year);
        let bits = |s: &Score| {
            let d = &s.dimensions;
            [s.overall, d.basic, d.provision, d.support, d.evaluation].map(|v| v.map(f64::to_bits))
        };
        assert_eq!(bits(&a.score), bits(&b.score));
        assert_eq!(a.score.grade, b.score.grade);
        assert_eq!(a.score.capped_by, b.score.capped_by);
        assert_eq!(a.findings, b.findings);
        assert_eq!(a.findings_capped, b.findings_capped);
        assert_eq!(a.incomplete, b.incomplete);
        assert_eq!(a.rules, b.rules);
        assert_eq!(a.counts, b.counts);
        assert_eq!(a.passed, b.passed);
        assert_eq!(a.exit_risk, b.exit_risk);
        assert_eq!(a.waivers, b.waivers);
        let m = |c: &Center| -> Vec<(String, Vec<(i32, u64)>)> {
            c.metrics
                .iter()
                .map(|(k, v)| {
                    (
                        k.clone(),
                        v.iter().map(|(y, x)| (*y, x.to_bits())).collect(),
                    )
                })
                .collect()
        };
        assert_eq!(m(a), m(b));
    }

    #[test]
    fn records_round_trip_exactly_in_order_through_a_file_and_memory() {
        let centers: Vec<Center> = (0..40).map(center).collect();
        let mut w = Writer::create(Lang::En).unwrap();
        for c in &centers {
            w.push(c).unwrap();
        }
        assert_eq!(w.len(), centers.len());
        let file = w.finish().unwrap();
        let memory = Store::in_memory(&centers, Lang::En).unwrap();
        for store in [&file, &memory] {
            assert_eq!(store.len(), centers.len());
            let back: Vec<Center> = store.iter().map(Result::unwrap).collect();
            assert_eq!(back.len(), centers.len());
            for (a, b) in centers.iter().zip(&back) {
                assert_same(a, b);
            }
            // Random access and a second pass read the same records.
            let mut buf = Vec::new();
            for i in [39, 0, 17, 17, 3] {
                assert_same(&centers[i], &store.get(i, &mut buf).unwrap());
            }
            assert_eq!(store.iter().count(), centers.len());
        }
        // Two readers at once do not disturb each other.
        let mut a = file.iter();
        let mut b = file.iter();
        b.next();
        for c in &centers[..10] {
            assert_same(c, &a.next().unwrap().unwrap());
        }
        assert_same(&centers[1], &b.next().unwrap().unwrap());
    }

    #[test]
    fn a_relative_grade_and_the_gathered_data_are_put_back_on_reading() {
        let centers: Vec<Center> = (0..3).map(center).collect();
        let mut store = Store::in_memory(&centers, Lang::Zh).unwrap();
        let regrade = Regrade {
            grade: "C".into(),
            capped_by: vec!["JSR-001".into()],
        };
        store.set_regrades(vec![None, Some(regrade.clone()), None]);
        let gathered = vec![
            Vec::new(),
            vec![("BAS-009".to_string(), None)],
            vec![("EVA-017".to_string(), None)],
        ];
        let mut w = crate::blobs::Writer::create().unwrap();
        let spans = gathered
            .iter()
            .map(|g| w.push(&super::super::gathered::encode(g)).unwrap())
            .collect();
        store.set_gathered(w.finish().unwrap(), spans);
        let back: Vec<Center> = store.iter().map(Result::unwrap).collect();
        assert_eq!(back[0].score.grade, centers[0].score.grade);
        assert_eq!(back[1].score.grade.as_deref(), Some("C"));
        assert_eq!(back[1].score.capped_by, regrade.capped_by);
        assert_eq!(back[2].score.capped_by, centers[2].score.capped_by);
        for (c, g) in back.iter().zip(&gathered) {
            assert_eq!(&c.gathered, g);
        }
        // Stored with the record, the gathered data is not: it waits in its own file.
        let raw = decode(&encode(&back[1]).unwrap()).unwrap();
        assert!(raw.gathered.is_empty());
    }

    #[test]
    fn damaged_bytes_are_an_error_in_both_languages_not_a_panic() {
        let good = encode(&center(4)).unwrap();
        for bad in [
            &good[..good.len() / 2],
            b"",
            b"null",
            b"{\"path\": 1}",
            &good[1..],
        ] {
            let e = decode(bad).unwrap_err();
            assert!(e.get(Lang::Zh).contains("临时文件"), "{}", e.get(Lang::Zh));
            assert!(
                e.get(Lang::En).contains("temporary file"),
                "{}",
                e.get(Lang::En)
            );
        }
        let text = String::from_utf8(good).unwrap();
        let unknown = text.replacen("\"not-selected\"", "\"maybe\"", 1);
        assert_ne!(unknown, text);
        assert!(decode(unknown.as_bytes()).is_err());
    }
}
