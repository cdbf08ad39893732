//! What the cross-center rules gathered of each center (document sketches, values by
//! year), in its stored form: it waits in a temporary file ([`super::blobs`]) until the
//! rules compare. At national scale this data would be most of an audit's memory;
//! memory keeps one [`Span`] per center, and a rule reads a center's data back when it
//! needs it.
//!
//! The stored form is fixed-width little-endian, so that reading a sketch back is
//! mostly a copy. A center's data is a list of entries (rule id, length, payload; the
//! length [`NOTHING`] when the rule gathered nothing), so that a reader looking for one
//! rule skips the others without decoding them.

use crate::blobs::{trouble, Act};
use crate::blobs::{Reader, Span};
use crate::checks::cross::{DocSketch, Gathered};
use crate::i18n::Text;

/// The length of an entry whose rule gathered nothing.
const NOTHING: u32 = u32::MAX;

/// What rule `key` gathered of the center at `span`: `None` when it gathered nothing or
/// has no entry.
pub fn get(reader: &Reader, span: Span, key: &str) -> Result<Option<Gathered>, Text> {
    let bytes = reader.bytes(span)?;
    let mut entries = decode(&bytes, Some(key))?;
    Ok(entries.pop().and_then(|(_, g)| g))
}

/// Document `slot` of the sketches rule `key` gathered of the center at `span`: `None`
/// when it gathered none, no documents, or fewer. Only that document is decoded: a rule
/// comparing documents of one type wants one of each center's sketches at a time.
pub fn document(
    reader: &Reader,
    span: Span,
    key: &str,
    slot: usize,
) -> Result<Option<DocSketch>, Text> {
    let bytes = reader.bytes(span)?;
    let mut r = Cursor {
        bytes: &bytes,
        at: 0,
    };
    if bytes.is_empty() {
        return Ok(None);
    }
    for _ in 0..r.u32()? {
        let name = r.str()?;
        let len = r.u32()?;
        if len == NOTHING {
            if name == key {
                return Ok(None);
            }
            continue;
        }
        let payload = r.take(len as usize)?;
        if name != key {
            continue;
        }
        let mut r = Cursor {
            bytes: payload,
            at: 0,
        };
        if r.take(1)?[0] != DOCUMENTS {
            return Ok(None);
        }
        let n = r.u32()? as usize;
        if slot >= n {
            return Ok(None);
        }
        for _ in 0..slot {
            r.str()?;
            r.str()?;
            let k = r.u32()? as usize;
            r.take(k.checked_mul(8).ok_or_else(damaged)?)?;
        }
        return document_at(&mut r).map(Some);
    }
    Ok(None)
}

/// Everything gathered of the center at `span`, in its order.
pub fn all(reader: &Reader, span: Span) -> Result<Vec<(String, Option<Gathered>)>, Text> {
    decode(&reader.bytes(span)?, None)
}

// --- The stored form ---

const YEARS: u8 = 0;
const DOCUMENTS: u8 = 1;

/// One center's data in its stored form (empty when it has none).
pub fn encode(gathered: &[(String, Option<Gathered>)]) -> Vec<u8> {
    let mut out = Vec::new();
    if gathered.is_empty() {
        return out;
    }
    put_u32(&mut out, gathered.len());
    for (key, g) in gathered {
        put_str(&mut out, key);
        let Some(g) = g else {
            out.extend_from_slice(&NOTHING.to_le_bytes());
            continue;
        };
        let at = out.len();
        out.extend_from_slice(&[0; 4]);
        match g {
            Gathered::Years(years) => {
                out.push(YEARS);
                put_u32(&mut out, years.len());
                for (year, values) in years {
                    out.extend_from_slice(&year.to_le_bytes());
                    put_u32(&mut out, values.len());
                    for v in values {
                        out.push(u8::from(v.is_some()));
                        out.extend_from_slice(&v.unwrap_or(0.0).to_bits().to_le_bytes());
                    }
                }
            }
            Gathered::Documents(docs) => {
                out.push(DOCUMENTS);
                put_u32(&mut out, docs.len());
                for d in docs {
                    put_str(&mut out, &d.doc);
                    put_str(&mut out, &d.file);
                    put_u32(&mut out, d.sentences.len());
                    for [hash, line] in &d.sentences {
                        out.extend_from_slice(&hash.to_le_bytes());
                        out.extend_from_slice(&line.to_le_bytes());
                    }
                }
            }
        }
        // Lengths are bounded by the sketch limits far below 4 GiB.
        let len = u32::try_from(out.len() - at - 4).unwrap_or(NOTHING - 1);
        out[at..at + 4].copy_from_slice(&len.to_le_bytes());
    }
    out
}

fn put_u32(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u32(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

/// The entries of one center's data (only `want`'s when given).
fn decode(bytes: &[u8], want: Option<&str>) -> Result<Vec<(String, Option<Gathered>)>, Text> {
    let mut r = Cursor { bytes, at: 0 };
    let mut out = Vec::new();
    if bytes.is_empty() {
        return Ok(out);
    }
    let n = r.u32()?;
    for _ in 0..n {
        let key = r.str()?;
        let len = r.u32()?;
        let wanted = want.is_none_or(|w| w == key);
        if len == NOTHING {
            if wanted {
                out.push((key.to_string(), None));
            }
            continue;
        }
        let payload = r.take(len as usize)?;
        if wanted {
            out.push((key.to_string(), Some(payload_of(payload)?)));
        }
    }
    Ok(out)
}

fn payload_of(bytes: &[u8]) -> Result<Gathered, Text> {
    let mut r = Cursor { bytes, at: 0 };
    match r.take(1)?[0] {
        YEARS => {
            let n = r.u32()?;
            let mut years = std::collections::BTreeMap::new();
            for _ in 0..n {
                let year = i32::from_le_bytes(r.array()?);
                let m = r.u32()? as usize;
                let mut values = Vec::with_capacity(m.min(r.left() / 9));
                for _ in 0..m {
                    let some = r.take(1)?[0] != 0;
                    let v = f64::from_bits(u64::from_le_bytes(r.array()?));
                    values.push(some.then_some(v));
                }
                years.insert(year, values);
            }
            Ok(Gathered::Years(years))
        }
        DOCUMENTS => {
            let n = r.u32()? as usize;
            let mut docs = Vec::with_capacity(n.min(r.left()));
            for _ in 0..n {
                docs.push(document_at(&mut r)?);
            }
            Ok(Gathered::Documents(docs))
        }
        _ => Err(damaged()),
    }
}

/// The document sketch `r` is at.
fn document_at(r: &mut Cursor) -> Result<DocSketch, Text> {
    let doc = r.str()?.to_string();
    let file = r.str()?.to_string();
    let k = r.u32()? as usize;
    let raw = r.take(k.checked_mul(8).ok_or_else(damaged)?)?;
    let sentences = raw
        .chunks_exact(8)
        .map(|c| {
            let [a, b, c, d, e, f, g, h] = c else {
                unreachable!("chunks of eight")
            };
            [
                u32::from_le_bytes([*a, *b, *c, *d]),
                u32::from_le_bytes([*e, *f, *g, *h]),
            ]
        })
        .collect();
    Ok(DocSketch {
        doc,
        file,
        sentences,
    })
}

fn damaged() -> Text {
    trouble(Act::Read, &"damaged cross-center data")
}

/// Reads the stored form; running past its end is damage, never a panic.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn left(&self) -> usize {
        self.bytes.len() - self.at
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8], Text> {
        let end = self.at.checked_add(n).filter(|e| *e <= self.bytes.len());
        let end = end.ok_or_else(damaged)?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], Text> {
        self.take(N)?.try_into().map_err(|_| damaged())
    }

    fn u32(&mut self) -> Result<u32, Text> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    fn str(&mut self) -> Result<&'a str, Text> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.take(n)?).map_err(|_| damaged())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn sample() -> Vec<(String, Option<Gathered>)> {
        vec![
            (
                "EVA-017".to_string(),
                Some(Gathered::Years(BTreeMap::from([
                    (2023, vec![Some(1.5), None, Some(-0.0)]),
                    (2024, vec![Some(f64::MAX), Some(f64::MIN_POSITIVE)]),
                ]))),
            ),
            ("EVA-018".to_string(), None),
            (
                "BAS-009".to_string(),
                Some(Gathered::Documents(vec![
                    DocSketch {
                        doc: "service_process".to_string(),
                        file: "docs/服务流程.md".to_string(),
                        sentences: vec![[u32::MAX, 1], [7, 12]],
                    },
                    DocSketch {
                        doc: "empty".to_string(),
                        file: String::new(),
                        sentences: Vec::new(),
                    },
                ])),
            ),
            (
                "grading.relative".to_string(),
                Some(Gathered::Years(BTreeMap::new())),
            ),
        ]
    }

    #[test]
    fn data_round_trips_through_the_file_and_one_rule_reads_alone() {
        let mut w = crate::blobs::Writer::create().unwrap();
        let a = w.push(&encode(&sample())).unwrap();
        let none = w.push(&encode(&[])).unwrap();
        let b = w.push(&encode(&sample()[1..2])).unwrap();
        let r = w.finish().unwrap();
        let back = all(&r, a).unwrap();
        assert_eq!(back, sample());
        // -0.0 keeps its sign: the bits are stored.
        let Some(Gathered::Years(y)) = &back[0].1 else {
            panic!()
        };
        assert!(y[&2023][2].unwrap().is_sign_negative());
        assert_eq!(get(&r, a, "BAS-009").unwrap(), sample()[2].1);
        assert_eq!(get(&r, a, "EVA-018").unwrap(), None);
        assert_eq!(get(&r, a, "XYZ").unwrap(), None);
        assert!(all(&r, none).unwrap().is_empty());
        assert_eq!(all(&r, b).unwrap(), sample()[1..2].to_vec());
        // One document alone, as the whole entry has it.
        let Some(Gathered::Documents(docs)) = sample()[2].1.clone() else {
            panic!()
        };
        for (slot, doc) in docs.into_iter().enumerate() {
            assert_eq!(document(&r, a, "BAS-009", slot).unwrap(), Some(doc));
        }
        assert_eq!(document(&r, a, "BAS-009", 2).unwrap(), None);
        assert_eq!(
            document(&r, a, "EVA-017", 0).unwrap(),
            None,
            "years, no documents"
        );
        assert_eq!(
            document(&r, a, "EVA-018", 0).unwrap(),
            None,
            "gathered nothing"
        );
        assert_eq!(document(&r, a, "XYZ", 0).unwrap(), None);
        assert_eq!(document(&r, none, "BAS-009", 0).unwrap(), None);
    }

    #[test]
    fn damaged_data_is_an_error_not_a_panic() {
        let bytes = encode(&sample());
        for cut in 1..bytes.len() {
            let _ = decode(&bytes[..cut], None);
        }
        assert!(decode(&bytes[..bytes.len() - 1], None).is_err());
        let mut bad = bytes.clone();
        // The first entry's payload tag.
        let tag = 4 + 4 + "EVA-017".len() + 4;
        bad[tag] = 9;
        assert!(decode(&bad, None).is_err());
        // A huge count does not allocate first.
        let mut huge = Vec::new();
        put_u32(&mut huge, 1);
        put_str(&mut huge, "k");
        huge.extend_from_slice(&9u32.to_le_bytes());
        huge.push(DOCUMENTS);
        huge.extend_from_slice(&u32::MAX.to_le_bytes());
        huge.extend_from_slice(&[0; 4]);
        assert!(decode(&huge, None).is_err());
    }
}
