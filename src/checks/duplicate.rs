//! `duplicate` (audit only): a document is a near-copy of another center's document of
//! the same type.
//!
//! While a submission is checked, each of its documents is reduced to a sketch: the
//! fingerprints of its sentences (normalised: spacing, punctuation, numbering, policy
//! titles and the center's own name, id and place names removed), a fixed half of them
//! kept, with the line each starts on. The audit keeps the sketches in a temporary file.
//! When every submission is checked, the sketches of one document type are read back
//! into an inverted index (sentence → documents). Sentences found in many centers are
//! boilerplate and count for nothing. Pairs of documents are only ever formed from the
//! rare sentences they share (at least two of them), so the cost grows with the number
//! of documents, not with the number of pairs; each such pair is then scored, in
//! parallel, by the share of the smaller document's sentences found in the other (the
//! two sketches read back again). Memory holds the index of one type at a time, never
//! every sketch.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use rayon::prelude::*;
use serde_json::{json, Value};

use super::cross::{line_location, CrossCtx, DocSketch, Gathered, Peer, Peers, Related, Results};
use super::registry::Kind;
use super::{Ctx, RuleResult};
use crate::blobs;
use crate::finding::Outcome;
use crate::i18n::Text;
use crate::standard::describe::CohortValue;
use crate::standard::standard_format_schema::d;
use crate::standard::{Params, Standard};
use crate::t;

/// Parameters of a `duplicate` check.
#[derive(Debug, Clone)]
pub struct Duplicate {
    /// Document types compared (all types of the standard when the rule names none).
    pub documents: Vec<String>,
    /// The least share of the smaller document's sentences found in the other.
    pub min_similarity: f64,
    /// The least number of shared sentences (of those sampled).
    pub min_shared: u32,
    /// A sentence found in more than this share of the centers' documents of a type (and
    /// in more than [`COMMON_FLOOR`] of them) is boilerplate.
    pub common_share: f64,
}

/// A sentence shorter than this (characters other than digits, once normalised) is too
/// short to tell a copy: a heading, a label, a date.
const MIN_CHARS: usize = 12;
/// A sentence found in at most this many centers is never boilerplate, however small the
/// audit: a document copied by a few centers stays visible.
const COMMON_FLOOR: usize = 5;
/// Pairs of documents are formed only from sentences found in at most this many centers:
/// rarer than boilerplate, so that the pairs formed stay few (near-linear cost).
const PAIRING_MAX: usize = 16;
/// The most sentences kept of one document (about twice as many read): bounds the memory
/// a huge document takes; no real procedure document comes near.
const MAX_SENTENCES: usize = 2000;
/// The rare sentences two documents must share before they are compared at all (fewer
/// when `min_shared` asks for fewer).
const PAIR_EVIDENCE: usize = 2;

const DEFAULT_SIMILARITY: f64 = 0.5;
const DEFAULT_SHARED: u32 = 5;
const DEFAULT_COMMON: f64 = 0.02;

impl Kind for Duplicate {
    const NAME: &'static str = "duplicate";

    fn summary() -> Text {
        Text::new(
            "（仅审计）文档与另一中心同类文档高度雷同",
            "(audit only) a document is a near-copy of another center's document of the same type",
        )
    }

    fn schema() -> Value {
        json!({
            "properties": {
                "documents": d(json!({"type": "array", "items": {"type": "string"}}), "要比较的文档类型（默认：全部）", "document types compared (default: all)"),
                "min_similarity": d(json!({"type": "number", "exclusiveMinimum": 0, "maximum": 1}), "判为雷同的最低相似度：较短文档的句子在另一文档中出现的比例（默认 0.5）", "the least similarity to call a near-copy: the share of the shorter document's sentences found in the other (default 0.5)"),
                "min_shared": d(json!({"type": "integer", "minimum": 1, "maximum": 1000}), "判为雷同至少需要的相同句数（按抽样的句子计，约为全部句子的一半；默认 5）", "the fewest shared sentences to call a near-copy (counted among the sampled sentences, about half of all; default 5)"),
                "common_share": d(json!({"type": "number", "minimum": 0, "maximum": 1}), "出现在超过此比例中心（且超过 5 个中心）同类文档中的句子视为通用套话，不计入比较（默认 0.02）", "a sentence found in the documents of more than this share of the centers (and of more than 5 centers) is boilerplate and not compared (default 0.02)"),
            }
        })
    }

    fn example() -> &'static str {
        "{kind: duplicate, documents: [service_process], min_similarity: 0.6}"
    }

    fn load(p: &mut Params) -> Option<Self> {
        let documents = p.texts("documents");
        for doc in &documents {
            if !p.documents().iter().any(|x| &x.id == doc) {
                p.error(
                    "documents",
                    t!("未知的文档类型 `{d}`", "unknown document type `{d}`", d = doc),
                );
            }
        }
        let share = |p: &mut Params, key: &str, default: f64, zero_ok: bool| -> f64 {
            match p.number(key) {
                None => default,
                Some(v) if v <= 1.0 && (v > 0.0 || (zero_ok && v == 0.0)) => v,
                Some(_) => {
                    p.error(
                        key,
                        if zero_ok {
                            t!(
                                "`{key}` 必须是 0 到 1 之间的比例",
                                "`{key}` must be a share from 0 to 1",
                                key = key
                            )
                        } else {
                            t!(
                                "`{key}` 必须是大于 0、不超过 1 的比例",
                                "`{key}` must be a share above 0 and at most 1",
                                key = key
                            )
                        },
                    );
                    default
                }
            }
        };
        let min_similarity = share(p, "min_similarity", DEFAULT_SIMILARITY, false);
        let common_share = share(p, "common_share", DEFAULT_COMMON, true);
        let min_shared = if p.has("min_shared") {
            p.whole("min_shared", 1..=1000).unwrap_or(DEFAULT_SHARED)
        } else {
            DEFAULT_SHARED
        };
        Some(Duplicate {
            documents,
            min_similarity,
            min_shared,
            common_share,
        })
    }

    fn describe(&self, _: &Standard, _: &mut Vec<CohortValue>) -> (Text, Option<(String, String)>) {
        let zh_docs = if self.documents.is_empty() {
            "全部文档".to_string()
        } else {
            format!("文档（{}）", self.documents.join(", "))
        };
        let en_docs = if self.documents.is_empty() {
            "every document".to_string()
        } else {
            format!("the documents ({})", self.documents.join(", "))
        };
        (
            Text::new(
                format!(
                    "{zh_docs}不与其他中心的同类文档雷同：较短一方至少 {pct}% 的句子、且至少 {n} 句（抽样计）出现在对方文档中即视为雷同。比较前去掉空白、标点、条款编号、《》内的政策名称和本中心的名称、编号、地名；超过 {common}%（且超过 {floor} 个）中心都有的句子视为通用套话，不计入",
                    pct = percent(self.min_similarity),
                    n = self.min_shared,
                    common = crate::checks::show(self.common_share * 100.0),
                    floor = COMMON_FLOOR
                ),
                format!(
                    "{en_docs} are no near-copy of another center's document of the same type: a pair is a near-copy when at least {pct}% of the shorter one's sentences, and at least {n} (counted in a sample), are found in the other. Spacing, punctuation, article numbers, policy titles in 《》 and each center's own name, id and place names are removed first; sentences found in more than {common}% of the centers (and more than {floor}) are boilerplate and do not count",
                    pct = percent(self.min_similarity),
                    n = self.min_shared,
                    common = crate::checks::show(self.common_share * 100.0),
                    floor = COMMON_FLOOR
                ),
            ),
            None,
        )
    }

    fn run(&self, _: &Ctx) -> RuleResult {
        super::cross::single_submission()
    }

    fn gather(&self, ctx: &Ctx) -> Option<Gathered> {
        let own = own_names(ctx);
        // The names' searchers and the sketching buffers are made once for the center's
        // documents.
        let mut names = OwnNames::new(&own);
        let mut scratch = Scratch::default();
        let mut sketches = Vec::new();
        for (id, doc) in &ctx.sub.documents {
            if !self.documents.is_empty() && !self.documents.contains(id) {
                continue;
            }
            let Ok(doc) = doc else { continue };
            if doc.is_blank() {
                continue;
            }
            sketches.push(DocSketch {
                doc: id.clone(),
                file: doc.file.clone(),
                sentences: sketch_with(&doc.text, &mut names, &mut scratch),
            });
        }
        (!sketches.is_empty()).then_some(Gathered::Documents(sketches))
    }

    fn cross(&self, ctx: &CrossCtx, peers: &dyn Peers, out: Results<'_>) -> bool {
        compare(self, ctx, peers, out);
        true
    }
}

/// `0.5` as `50`.
fn percent(share: f64) -> String {
    crate::checks::show((share * 100.0).round())
}

// ---------------------------------------------------------------------------------------
// Sketching one submission.

/// The texts a center writes where a copier writes its own: the center's name, its id,
/// and the place names of its name (`深圳市南山区`, `深圳市`, `南山区`), longest first.
fn own_names(ctx: &Ctx) -> Vec<String> {
    let mut out = Vec::new();
    let manifest = ctx.sub.manifest.as_ref();
    if let Some(id) = manifest.and_then(|m| m.center_id.as_deref()) {
        let id = normalize(id);
        if id.chars().count() >= 2 {
            out.push(id);
        }
    }
    if let Some(name) = manifest.and_then(|m| m.name.as_deref()) {
        out.extend(name_parts(&normalize(name)));
    }
    out.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    out.dedup();
    out
}

/// A (normalised) center name and its place names.
fn name_parts(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    if name.chars().count() < 2 {
        return out;
    }
    out.push(name.to_string());
    let place = ["生产力促进中心", "促进中心", "中心"]
        .iter()
        .find_map(|suffix| name.find(suffix).map(|i| &name[..i]))
        .unwrap_or("");
    if place.chars().count() >= 2 {
        out.push(place.to_string());
    }
    let mut start = 0;
    for (i, c) in place.char_indices() {
        if "省市区县州盟旗".contains(c) {
            let end = i + c.len_utf8();
            let part = &place[start..end];
            if part.chars().count() >= 2 {
                out.push(part.to_string());
            }
            start = end;
        }
    }
    out
}

/// The `[hash, line]` of a text's sentences, a fixed half of them (the same half in every
/// document: the sample is decided by the sentence itself), each distinct sentence once,
/// in text order, at most [`MAX_SENTENCES`].
#[cfg(test)]
fn sketch(text: &str, own: &[String]) -> Vec<[u32; 2]> {
    sketch_with(text, &mut OwnNames::new(own), &mut Scratch::default())
}

/// The buffers a document is sketched with, kept from one document to the next so that
/// each is allocated and grown once per center rather than once per document.
#[derive(Default)]
struct Scratch {
    all: Vec<u8>,
    sentences: Vec<Sentence>,
    seen: HashSet<u32, BuildHasherDefault<Prehashed>>,
    buf: Vec<u8>,
}

/// [`sketch`] with the center's names ready to search for.
fn sketch_with(text: &str, own: &mut OwnNames, scratch: &mut Scratch) -> Vec<[u32; 2]> {
    // The sentences are normalised one after another into one buffer, a chunk of the
    // document at a time, so that each of the center's names is searched for along the
    // chunk rather than in each sentence (a search per sentence and name was 5 % of an
    // audit's instructions). A chunk ends at a sentence's end, and a name never counts
    // across one: chunks change nothing but the memory held.
    const CHUNK: usize = 64 * 1024;
    let mut sketch = Sketching {
        own,
        all: std::mem::take(&mut scratch.all),
        sentences: std::mem::take(&mut scratch.sentences),
        out: Vec::new(),
        seen: std::mem::take(&mut scratch.seen),
        buf: std::mem::take(&mut scratch.buf),
    };
    sketch.seen.clear();
    // A chunk's normalised sentences are no longer than its text.
    sketch.all.reserve(text.len().min(CHUNK + 4096));
    'lines: for (i, line) in crate::text::lines(text).enumerate() {
        let mut rest = line.trim_start();
        if rest.starts_with('#') {
            // A heading: the outline every center follows.
            continue;
        }
        // One pass over the line: each sentence is normalised up to the character that
        // ends it (`。！？；!?;`).
        loop {
            let body = strip_numbering(rest);
            let start = sketch.all.len();
            let (telling, end) = normalize_sentence(body, &mut sketch.all);
            if sketch.all.len() - start < MIN_CHARS {
                // Too short to count (bytes bound characters; removing names only
                // shortens it): not kept.
                sketch.all.truncate(start);
            } else {
                sketch.sentences.push(Sentence {
                    bytes: start..sketch.all.len(),
                    telling,
                    line: u32::try_from(i + 1).unwrap_or(u32::MAX),
                });
            }
            if sketch.all.len() >= CHUNK && sketch.hash_chunk() {
                break 'lines;
            }
            match end {
                Some(end) => rest = &body[end..],
                None => break,
            }
        }
    }
    sketch.hash_chunk();
    let mut out = sketch.out;
    out.shrink_to_fit();
    (scratch.all, scratch.sentences, scratch.seen, scratch.buf) =
        (sketch.all, sketch.sentences, sketch.seen, sketch.buf);
    out
}

/// A document's sketch being made: the chunk of normalised sentences waiting to be
/// hashed, and what is kept so far.
struct Sketching<'a, 'n> {
    own: &'a mut OwnNames<'n>,
    all: Vec<u8>,
    sentences: Vec<Sentence>,
    out: Vec<[u32; 2]>,
    seen: HashSet<u32, BuildHasherDefault<Prehashed>>,
    /// Scratch space for a sentence without the center's names.
    buf: Vec<u8>,
}

impl Sketching<'_, '_> {
    /// Hash the chunk's sentences into the sketch and start a new chunk; whether the
    /// sketch is full ([`MAX_SENTENCES`]).
    fn hash_chunk(&mut self) -> bool {
        self.own.restart();
        let mut full = self.out.len() >= MAX_SENTENCES;
        for sentence in &self.sentences {
            if full {
                break;
            }
            if let Some(hash) = sentence_hash(&self.all, sentence, self.own, &mut self.buf) {
                if self.seen.insert(hash) {
                    self.out.push([hash, sentence.line]);
                    full = self.out.len() >= MAX_SENTENCES;
                }
            }
        }
        self.all.clear();
        self.sentences.clear();
        full
    }
}

/// One normalised sentence of a document: its bytes in the chunk's buffer, how many
/// characters other than ASCII digits it holds, and its line.
struct Sentence {
    bytes: std::ops::Range<usize>,
    telling: usize,
    line: u32,
}

/// The fingerprint of one normalised sentence of `all` holding `telling` characters
/// other than digits, or `None` when it is too short to count or falls outside the
/// sample. `buf` is scratch space for the sentence without the center's names.
fn sentence_hash(all: &[u8], sentence: &Sentence, own: &mut OwnNames, buf: &mut Vec<u8>) -> Option<u32> {
    let mut bytes = &all[sentence.bytes.clone()];
    let mut telling = sentence.telling;
    // Too short already (bytes bound characters; removing names only shortens it).
    if bytes.len() < MIN_CHARS {
        return None;
    }
    if own.any_in(all, &sentence.bytes) {
        buf.clear();
        buf.extend_from_slice(bytes);
        for name in &own.names {
            telling -= name.remove_from(buf) * name.telling;
        }
        bytes = buf;
    }
    // Digits aside: a date or a figure alone tells no copy.
    if telling < MIN_CHARS {
        return None;
    }
    let h = fingerprint(bytes);
    // The top bit decides the sample; the stored hash folds the rest.
    if h >> 63 != 0 {
        return None;
    }
    Some((h as u32) ^ ((h >> 32) as u32))
}

/// The center's own names (normalised), longest first, as a copier rewrites them.
struct OwnNames<'a> {
    names: Vec<OwnName<'a>>,
    /// The names that hold no other: a text holds some name only if it holds one of
    /// these, so most sentences are cleared with fewer searches.
    minimal: Vec<usize>,
    /// For each minimal name, where it next occurs in the document's buffer at or after
    /// the last place asked about (`None`: nowhere; `usize::MAX`: not searched yet).
    next: Vec<Option<usize>>,
}

impl<'a> OwnNames<'a> {
    fn new(names: &'a [String]) -> Self {
        let minimal: Vec<usize> = (0..names.len())
            .filter(|&i| {
                !names
                    .iter()
                    .enumerate()
                    .any(|(j, other)| {
                        // Equal names count once: the first is the minimal one.
                        let shorter = other.len() < names[i].len() || (j < i && *other == names[i]);
                        shorter && !other.is_empty() && names[i].contains(other.as_str())
                    })
            })
            .collect();
        OwnNames {
            names: names.iter().map(|n| OwnName::new(n)).collect(),
            next: vec![Some(usize::MAX); minimal.len()],
            minimal,
        }
    }

    /// Forget where the names occur: the buffer asked about next is another.
    fn restart(&mut self) {
        self.next.fill(Some(usize::MAX));
    }

    /// Whether `all[range]` holds any of the names. Ranges are asked about in order:
    /// each name is searched for forward from the range's start, and the place found
    /// serves every later range up to it.
    fn any_in(&mut self, all: &[u8], range: &std::ops::Range<usize>) -> bool {
        let mut found = false;
        for (k, &i) in self.minimal.iter().enumerate() {
            let finder = &self.names[i].finder;
            let len = finder.needle().len();
            if len == 0 {
                // The empty name is in every text, as `Finder::find` says.
                found = true;
                continue;
            }
            let next = match self.next[k] {
                Some(at) if at == usize::MAX || at < range.start => {
                    let at = finder.find(&all[range.start..]).map(|i| range.start + i);
                    self.next[k] = at;
                    at
                }
                next => next,
            };
            // The first occurrence at or after the start: if it does not end within the
            // range, no other does.
            found |= next.is_some_and(|at| at + len <= range.end);
        }
        found
    }
}

/// One of the center's own names (normalised), as a copier rewrites it.
struct OwnName<'a> {
    finder: memchr::memmem::Finder<'a>,
    /// Its characters other than ASCII digits.
    telling: usize,
}

impl<'a> OwnName<'a> {
    fn new(name: &'a str) -> Self {
        OwnName {
            finder: memchr::memmem::Finder::new(name),
            telling: name.chars().filter(|c| !c.is_ascii_digit()).count(),
        }
    }

    /// Take every occurrence out of `buf`, left to right, in place (as `str::replace`
    /// with `""` would); how many there were.
    fn remove_from(&self, buf: &mut Vec<u8>) -> usize {
        let len = self.finder.needle().len();
        let Some(first) = self.finder.find(buf).filter(|_| len > 0) else {
            return 0;
        };
        let (mut write, mut read, mut count) = (first, first + len, 1);
        while let Some(at) = self.finder.find(&buf[read..]) {
            buf.copy_within(read..read + at, write);
            write += at;
            read += at + len;
            count += 1;
        }
        let rest = buf.len() - read;
        buf.copy_within(read.., write);
        buf.truncate(write + rest);
        count
    }
}

/// A 64-bit fingerprint of a normalised sentence, eight bytes at a time (FNV-1a, a byte
/// at a time, was a third of the sketching), finished with a full avalanche so that its
/// top bit is a fair sample. Fixed, so that shard reports agree across machines.
fn fingerprint(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut h = (bytes.len() as u64).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let word = u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
        h = (h.rotate_left(23) ^ word).wrapping_mul(K);
    }
    let mut tail = [0u8; 8];
    tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    h = (h.rotate_left(23) ^ u64::from_le_bytes(tail)).wrapping_mul(K);
    // The finaliser of MurmurHash3.
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// A hasher for values that are hashes already.
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) | u64::from(*b);
        }
    }
    fn write_u32(&mut self, n: u32) {
        // Spread the bits hashbrown reads (top 7 for the tag, low ones for the bucket).
        self.0 = u64::from(n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// Numerals of article and item numbers.
fn is_numeral(c: char) -> bool {
    matches!(
        c,
        '0'..='9'
            | '０'..='９'
            | '零' | '〇' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
            | '百' | '千' | '两'
    )
}

/// The sentence without its list marker and numbering (`- `, `> `, `第十二条`, `（三）`,
/// `3.`, `二、`): a copy may be renumbered.
fn strip_numbering(s: &str) -> &str {
    // Most sentences start with a character that is no marker, bracket or numeral.
    let plain = |c: char| {
        !(c.is_whitespace()
            || matches!(c, '>' | '*' | '+' | '-' | '|' | '第' | '（' | '(')
            || is_numeral(c))
    };
    if s.chars().next().is_some_and(plain) {
        return s;
    }
    let s = s.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '>' | '*' | '+' | '-' | '|'));
    let numbered = |rest: &str, ends: &str| -> Option<usize> {
        let digits: usize = rest
            .chars()
            .take_while(|c| is_numeral(*c))
            .map(char::len_utf8)
            .sum();
        let end = rest[digits..].chars().next()?;
        (digits > 0 && ends.contains(end)).then(|| digits + end.len_utf8())
    };
    let skip = if let Some(rest) = s.strip_prefix('第') {
        numbered(rest, "条章节款").map(|n| n + '第'.len_utf8())
    } else if let Some(rest) = s.strip_prefix(['（', '(']) {
        let open = s.len() - rest.len();
        numbered(rest, ")）").map(|n| n + open)
    } else {
        numbered(s, "、.．)）")
    };
    skip.map_or(s, |n| &s[n..])
}

/// Whether `c` ends a sentence.
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';')
}

/// The sentence that starts `s`, normalised into `out`: letters and digits only,
/// full-width forms as half-width, lower case; the titles in 《》 (names of laws and
/// policies every center cites) left out. Gives the number of characters written other
/// than ASCII digits, and where the rest of `s` starts after the character that ends the
/// sentence (`None`: the sentence runs to the end of `s`).
///
/// Bytes, because this runs over every line of every document: the common cases (ASCII,
/// CJK ideographs, the sentence ends) never decode a char.
fn normalize_sentence(s: &str, out: &mut Vec<u8>) -> (usize, Option<usize>) {
    let bytes = s.as_bytes();
    let mut telling = 0;
    let mut i = 0;
    // Lower-case ASCII letters, digits and CJK ideographs are kept as written: they are
    // copied a run at a time, from `run` up to the byte that breaks the run.
    let mut run = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if b.is_ascii_lowercase() || b.is_ascii_digit() {
                telling += usize::from(b.is_ascii_lowercase());
                i += 1;
                continue;
            }
            out.extend_from_slice(&bytes[run..i]);
            if b.is_ascii_uppercase() {
                out.push(b.to_ascii_lowercase());
                telling += 1;
            } else if matches!(b, b'!' | b'?' | b';') {
                return (telling, Some(i + 1));
            }
            i += 1;
            run = i;
            continue;
        }
        // A run of CJK ideographs U+4E00..=U+9FFF, most of a Chinese text, taken whole:
        // 0xE4 0xB8.. to 0xE9 0xBF.. (`s` is UTF-8: two continuation bytes follow). One
        // comparison of the first two bytes: testing 0xE4 apart was the sketch's most
        // mispredicted branch (中, 一, 企 lead with 0xE4).
        let ideographs = ideograph_run(&bytes[i..]);
        if ideographs > 0 {
            telling += ideographs;
            i += ideographs * 3;
            continue;
        }
        out.extend_from_slice(&bytes[run..i]);
        if let Some((cp, len)) = decode_bmp(&bytes[i..]) {
            if leaves_no_trace(cp) {
                i += len;
                run = i;
                continue;
            }
        }
        let Some(c) = s[i..].chars().next() else {
            run = bytes.len();
            break;
        };
        if ends_sentence(c) {
            return (telling, Some(i + c.len_utf8()));
        }
        if c == '《' {
            // A title closed within the sentence is left out whole.
            let close = s[i..]
                .char_indices()
                .take(80)
                .take_while(|(_, c)| !ends_sentence(*c))
                .find(|(_, c)| *c == '》');
            if let Some((close, _)) = close {
                i += close + '》'.len_utf8();
                run = i;
                continue;
            }
        }
        let mut push = |c: char| {
            out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
            telling += usize::from(!c.is_ascii_digit());
        };
        match c {
            '\u{4e00}'..='\u{9fff}' => push(c),
            '\u{ff01}'..='\u{ff5e}' => {
                let c = char::from_u32(c as u32 - 0xfee0).unwrap_or(c);
                if c.is_ascii_alphanumeric() {
                    push(c.to_ascii_lowercase());
                }
            }
            _ if c.is_alphanumeric() => c.to_lowercase().for_each(&mut push),
            _ => {}
        }
        i += c.len_utf8();
        run = i;
    }
    out.extend_from_slice(&bytes[run.min(bytes.len())..]);
    (telling, None)
}

/// How many CJK ideographs (U+4E00..=U+9FFF) `bytes` (valid UTF-8) starts with.
#[inline]
fn ideograph_run(bytes: &[u8]) -> usize {
    bytes
        .chunks_exact(3)
        .take_while(|c| (0xE4B8..=0xE9BF).contains(&u16::from_be_bytes([c[0], c[1]])))
        .count()
}

/// The code point of the two- or three-byte UTF-8 sequence `bytes` starts with, and its
/// length (`None` for a four-byte one; `bytes` is valid UTF-8).
fn decode_bmp(bytes: &[u8]) -> Option<(u32, usize)> {
    let cont = |k: usize| u32::from(bytes.get(k).copied().unwrap_or(0) & 0x3F);
    match bytes.first()? {
        b @ 0xC2..=0xDF => Some(((u32::from(b & 0x1F) << 6) | cont(1), 2)),
        b @ 0xE0..=0xEF => Some(((u32::from(b & 0x0F) << 12) | (cont(1) << 6) | cont(2), 3)),
        _ => None,
    }
}

/// Whether the character `cp` (below U+10000) is left out of a normalised sentence
/// without ending it: punctuation, symbols and spaces, but not a letter or digit (or the
/// full-width form of one), a sentence end or the `《` that opens a title. A table built
/// from that definition, 64 characters at a time as they are met: punctuation (，、“”（）—)
/// is about a tenth of a Chinese text, and deciding each mark through the Unicode tables
/// was the sketch's slowest path; a text meets a few blocks (ASCII, CJK punctuation,
/// full-width forms), and building all 1,024 blocks up front took 23 M instructions, 1.6 %
/// of an audit of 300 centers.
fn leaves_no_trace(cp: u32) -> bool {
    #[allow(clippy::declare_interior_mutable_const)] // only to repeat it in the array
    const UNBUILT: OnceLock<u64> = OnceLock::new();
    static BLOCKS: [OnceLock<u64>; 0x10000 / 64] = [UNBUILT; 0x10000 / 64];
    let Some(block) = BLOCKS.get(cp as usize / 64) else {
        return false;
    };
    let bits = block.get_or_init(|| {
        let first = cp / 64 * 64;
        (0..64).fold(0u64, |bits, k| bits | u64::from(traceless(first + k)) << k)
    });
    (bits >> (cp % 64)) & 1 == 1
}

/// [`leaves_no_trace`], decided from the Unicode tables.
fn traceless(cp: u32) -> bool {
    let Some(c) = char::from_u32(cp) else {
        return false;
    };
    match c {
        _ if ends_sentence(c) || c == '《' => false,
        '\u{4e00}'..='\u{9fff}' => false,
        '\u{ff01}'..='\u{ff5e}' => {
            char::from_u32(cp - 0xfee0).is_none_or(|half| !half.is_ascii_alphanumeric())
        }
        _ => !c.is_alphanumeric(),
    }
}

fn normalize(s: &str) -> String {
    // Sentence ends are letters of no name: normalise piece by piece.
    let mut out = Vec::new();
    let mut rest = s;
    while let (_, Some(end)) = normalize_sentence(rest, &mut out) {
        rest = &rest[end..];
    }
    // Only whole characters were copied.
    String::from_utf8(out).unwrap_or_default()
}

// ---------------------------------------------------------------------------------------
// Comparing the submissions.

/// One document in the comparison: whose it is, its type, and its place among the
/// sketches the peer gathered (the sentences themselves are read back when needed).
#[derive(Debug, Clone, Copy)]
struct Item {
    // Narrow fields: an audit holds one per document.
    peer: u32,
    ty: u16,
    slot: u16,
}

impl Item {
    fn peer(&self) -> usize {
        self.peer as usize
    }
    fn slot(&self) -> usize {
        usize::from(self.slot)
    }
}

/// A near-copy found, seen from one side.
struct Hit {
    doc: String,
    file: String,
    line: u32,
    other: usize,
    other_file: String,
    other_line: u32,
    shared: usize,
    own_total: usize,
}

fn compare(rule: &Duplicate, ctx: &CrossCtx, peers: &dyn Peers, out: Results<'_>) {
    match index(ctx, peers) {
        Ok(index) => compare_indexed(rule, ctx, peers, index, out),
        Err(e) => failed(ctx, peers, e, out),
    }
}

/// The documents of every peer, and the sentences of each document type partitioned by
/// hash (read back a partition at a time); memory keeps no sentence of them.
struct Index {
    types: Vec<String>,
    items: Vec<Item>,
    /// Whether each peer has a document to compare.
    sketched: Vec<bool>,
    postings: Partitions,
}

/// `(sentence hash, member)` of each document type, partitioned by hash so that one
/// partition at a time is in memory. Members are numbered within their type, in peer
/// order.
struct Partitions {
    parts: usize,
    /// Per type and partition (`ty * parts + part`): postings not yet spilled.
    pending: Vec<Vec<(u32, u32)>>,
    /// Per type and partition: the spilled chunks.
    spilled: Vec<Vec<blobs::Span>>,
    /// Where chunks are spilled (when there is more than one partition).
    spill: Option<blobs::Writer>,
}

/// Postings written at a time to the spill file (8 KB).
const SPILL_CHUNK: usize = 1024;
/// Peers whose sketches are read back at once (in parallel) to be indexed or given
/// their results.
const READ_CHUNK: usize = 64;
/// About how many peers' documents of a type one partition holds: with the sketches of
/// ordinary documents, a few hundred kilobytes a partition, whatever the audit's size.
const PEERS_PER_PARTITION: usize = 2048;

impl Partitions {
    /// `parts` partitions (at least one); spilled when there are several.
    fn new(parts: usize) -> Result<Partitions, Text> {
        let parts = parts.max(1);
        Ok(Partitions {
            parts,
            pending: Vec::new(),
            spilled: Vec::new(),
            spill: if parts > 1 {
                Some(blobs::Writer::create()?)
            } else {
                None
            },
        })
    }

    fn push(&mut self, ty: usize, hash: u32, member: u32) -> Result<(), Text> {
        let at = ty * self.parts + partition(hash, self.parts);
        if at >= self.pending.len() {
            self.pending.resize_with(at + 1, Vec::new);
            self.spilled.resize_with(at + 1, Vec::new);
        }
        let pending = &mut self.pending[at];
        pending.push((hash, member));
        if let Some(spill) = self.spill.as_mut().filter(|_| pending.len() >= SPILL_CHUNK) {
            let mut bytes = Vec::with_capacity(pending.len() * 8);
            for (h, m) in pending.drain(..) {
                bytes.extend_from_slice(&h.to_le_bytes());
                bytes.extend_from_slice(&m.to_le_bytes());
            }
            self.spilled[at].push(spill.push(&bytes)?);
        }
        Ok(())
    }

    /// Done writing: the spilled chunks become readable.
    fn finish(self) -> Result<Spilled, Text> {
        Ok(Spilled {
            parts: self.parts,
            pending: self.pending,
            spilled: self.spilled,
            reader: self.spill.map(blobs::Writer::finish).transpose()?,
        })
    }
}

/// The partition of a sentence hash (uniform in `u32`) among `parts`.
fn partition(hash: u32, parts: usize) -> usize {
    ((u64::from(hash) * parts as u64) >> 32) as usize
}

/// [`Partitions`] ready to be read back.
struct Spilled {
    parts: usize,
    pending: Vec<Vec<(u32, u32)>>,
    spilled: Vec<Vec<blobs::Span>>,
    reader: Option<blobs::Reader>,
}

impl Spilled {
    /// The postings of one type's partition, sorted and without repeats.
    fn take(&mut self, ty: usize, part: usize) -> Result<Vec<(u32, u32)>, Text> {
        let at = ty * self.parts + part;
        let Some(pending) = self.pending.get_mut(at) else {
            return Ok(Vec::new());
        };
        let spans = std::mem::take(&mut self.spilled[at]);
        let mut out = std::mem::take(pending);
        out.reserve_exact(spans.len() * SPILL_CHUNK);
        if let Some(reader) = &self.reader {
            let mut buf = Vec::new();
            for span in spans {
                reader.read(span, &mut buf)?;
                out.extend(buf.chunks_exact(8).map(|c| {
                    let word = |i: usize| u32::from_le_bytes([c[i], c[i + 1], c[i + 2], c[i + 3]]);
                    (word(0), word(4))
                }));
            }
        }
        // A radix sort on the pair as one 64-bit key (hash, then member): the hashes are
        // uniform, and a comparison sort of them was 3 % of an audit's instructions.
        radsort::sort_by_key(&mut out, |&(hash, member)| (u64::from(hash) << 32) | u64::from(member));
        out.dedup();
        Ok(out)
    }
}

/// One pass over the peers (each one's sketches read back once): their documents, and
/// the sentences of each type partitioned by hash.
fn index(ctx: &CrossCtx, peers: &dyn Peers) -> Result<Index, Text> {
    let mut types: Vec<String> = Vec::new();
    let mut items: Vec<Item> = Vec::new();
    let mut sketched = vec![false; peers.len()];
    // Members of each type so far.
    let mut counts: Vec<u32> = Vec::new();
    let pass = peers.iter().filter(|p| p.outcome == Outcome::Pass).count();
    let mut postings = Partitions::new(pass.div_ceil(PEERS_PER_PARTITION))?;
    // The sketches are read back in parallel a chunk of peers at a time, then indexed in
    // peer order.
    let read = |peer: usize| match ctx.gathered(peer) {
        Some(Gathered::Documents(docs)) if peers.get(peer).outcome == Outcome::Pass => Some(docs),
        _ => None,
    };
    crate::ordered::map_in_order(peers.len(), READ_CHUNK, || (), |_, peer| read(peer), |peer, docs| {
        let Some(docs) = docs else {
            return Ok(());
        };
        sketched[peer] = !docs.is_empty();
        for (slot, d) in docs.iter().enumerate() {
            let ty = match types.iter().position(|t| *t == d.doc) {
                Some(ty) => ty,
                None => {
                    types.push(d.doc.clone());
                    counts.push(0);
                    types.len() - 1
                }
            };
            let member = counts[ty];
            counts[ty] += 1;
            // Within bounds: peers and types are counted far below these widths.
            items.push(Item {
                peer: peer as u32,
                ty: ty as u16,
                slot: slot as u16,
            });
            for s in &d.sentences {
                postings.push(ty, s[0], member)?;
            }
        }
        Ok(())
    })?;
    Ok(Index {
        types,
        items,
        sketched,
        postings,
    })
}

fn compare_indexed(rule: &Duplicate, ctx: &CrossCtx, peers: &dyn Peers, index: Index, out: Results<'_>) {
    let Index {
        types,
        items,
        sketched,
        postings,
    } = index;
    let mut postings = match postings.finish() {
        Ok(p) => p,
        Err(e) => return failed(ctx, peers, e, out),
    };
    let mut order: Vec<usize> = (0..types.len()).collect();
    order.sort_by(|a, b| types[*a].cmp(&types[*b]));
    // The near-copies found, by peer: few peers have any, so a list of (peer, hit)
    // rather than a list per peer.
    let mut hits: Vec<(u32, Hit)> = Vec::new();
    // Whether a center had any other center's document of one of its types to compare with.
    let mut compared = vec![false; peers.len()];
    for ty in order {
        let members: Vec<Item> = items.iter().filter(|i| usize::from(i.ty) == ty).copied().collect();
        let partitions = (0..postings.parts).map(|part| postings.take(ty, part));
        if let Err(e) = compare_type(rule, ctx, peers, &members, partitions, &mut hits, &mut compared) {
            return failed(ctx, peers, e, out);
        }
    }
    // Each peer's result is made in parallel a chunk at a time, given in peer order.
    let result = |(((peer, mut hits), compared), sketched): (((Peer, Vec<Hit>), bool), bool)| {
        match peer.outcome {
            Outcome::NotApplicable => return RuleResult::not_applicable(None),
            Outcome::Error => {
                return RuleResult::error(t!(
                    "无法判断规则是否适用：中心的层级、区域或运营模式缺失",
                    "cannot tell whether the rule applies: the center's level, region or operation model is missing"
                ))
            }
            _ => {}
        }
        if !sketched {
            return RuleResult::not_applicable(Some(t!(
                "没有可比较的文档（文档缺失、为空或无法读取）",
                "no document to compare (missing, empty or unreadable)"
            )));
        }
        if !compared {
            return RuleResult::not_applicable(Some(t!(
                "审计中没有其他中心的同类文档可供比较",
                "no other center of the audit has a document of the same type to compare with"
            )));
        }
        hits.sort_by(|a, b| {
            (&a.file, a.line, peers.get(a.other).path).cmp(&(&b.file, b.line, peers.get(b.other).path))
        });
        let dropped = hits.len().saturating_sub(ctx.limit);
        hits.truncate(ctx.limit);
        let mut findings = Vec::with_capacity(hits.len());
        let mut related = Vec::with_capacity(hits.len());
        for h in hits {
            let other = &peers.get(h.other);
            findings.push(ctx.finding(message(ctx, &h, other), Some(line_location(&h.file, h.line))));
            related.push(Some(Related {
                path: other.path.to_string(),
                center_id: other.center_id.map(str::to_string),
                file: h.other_file,
                line: h.other_line,
            }));
        }
        let mut result = RuleResult::from_findings_and_dropped(findings, dropped);
        result.related = related;
        result
    };
    // In peer order, each peer's in the order found.
    hits.sort_by_key(|(peer, _)| *peer);
    let mut hits = hits.into_iter().peekable();
    let mut each = peers.iter().enumerate().map(|(i, peer)| {
        let mut own = Vec::new();
        while let Some((_, hit)) = hits.next_if(|(p, _)| *p as usize == i) {
            own.push(hit);
        }
        (peer, own)
    });
    let mut each = each.by_ref().zip(compared).zip(sketched);
    loop {
        let chunk: Vec<_> = each.by_ref().take(READ_CHUNK).collect();
        if chunk.is_empty() {
            break;
        }
        let results: Vec<RuleResult> = chunk.into_par_iter().map(result).collect();
        results.into_iter().for_each(&mut *out);
    }
}

/// Every peer's result when the rule could not finish: the run fails with `e`.
fn failed(ctx: &CrossCtx, peers: &dyn Peers, e: Text, out: Results<'_>) {
    ctx.fail(e.clone());
    for _ in 0..peers.len() {
        out(RuleResult::error(e.clone()));
    }
}

/// The sketch of `item`, read back.
fn sketch_of(ctx: &CrossCtx, item: Item) -> Option<DocSketch> {
    ctx.gathered_document(item.peer(), item.slot())
}

/// The sentences of a sketch that are not boilerplate, sorted.
fn kept(sketch: &DocSketch, common: &HashSet<u32, BuildHasherDefault<Prehashed>>) -> Vec<u32> {
    let mut out: Vec<u32> = sketch
        .sentences
        .iter()
        .map(|s| s[0])
        .filter(|h| !common.contains(h))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Find the near-copies among the documents of one type (`members`, in peer order),
/// whose sentences come a partition of the index at a time.
fn compare_type(
    rule: &Duplicate,
    ctx: &CrossCtx,
    peers: &dyn Peers,
    members: &[Item],
    partitions: impl Iterator<Item = Result<Vec<(u32, u32)>, Text>>,
    hits: &mut Vec<(u32, Hit)>,
    compared: &mut [bool],
) -> Result<(), Text> {
    if members.len() < 2 {
        return Ok(());
    }
    let centers = {
        let mut c: Vec<usize> = members.iter().map(|i| i.peer()).collect();
        c.dedup();
        c.len()
    };
    if centers >= 2 {
        for item in members {
            compared[item.peer()] = true;
        }
    }
    let common = ((rule.common_share * centers as f64).ceil() as usize).max(COMMON_FLOOR);
    let pairing = common.min(PAIRING_MAX);
    // Distinct centers of a run (members are in peer order, so a center's are adjacent).
    let owners = |run: &[(u32, u32)]| -> usize {
        1 + run
            .windows(2)
            .filter(|w| members[w[0].1 as usize].peer() != members[w[1].1 as usize].peer())
            .count()
    };
    // The boilerplate sentences, and the runs of rare sentences (found in at most
    // PAIRING_MAX centers): their members end to end. The index is read one partition
    // (of sentence hashes) at a time.
    let is_rare = |run: &[(u32, u32)], owners: usize| run.len() >= 2 && owners <= pairing;
    let mut boilerplate: HashSet<u32, BuildHasherDefault<Prehashed>> = HashSet::default();
    let mut rare: Vec<u32> = Vec::new();
    let mut rare_starts: Vec<u32> = vec![0];
    // Per document, what scoring keeps of it (its sentences but boilerplate) and how
    // many of those another document holds too without being rare: a pair shares no
    // more than its rare runs and the fewer of these.
    let mut kept_count = vec![0u32; members.len()];
    let mut middling = vec![0u32; members.len()];
    for partition in partitions {
        let postings = partition?;
        for run in postings.chunk_by(|a, b| a.0 == b.0) {
            let n = owners(run);
            if n > common {
                boilerplate.insert(run[0].0);
                continue;
            }
            for p in run {
                kept_count[p.1 as usize] += 1;
            }
            if is_rare(run, n) {
                rare.extend(run.iter().map(|p| p.1));
                // Within bounds: rare runs hold a small share of the sentences.
                rare_starts.push(rare.len() as u32);
            } else if run.len() >= 2 {
                for p in run {
                    middling[p.1 as usize] += 1;
                }
            }
        }
    }
    let run = |r: u32| &rare[rare_starts[r as usize] as usize..rare_starts[r as usize + 1] as usize];
    // The rare runs each document is in, documents in order (offsets, then run numbers);
    // no list of every pair is ever made.
    let mut offsets = vec![0usize; members.len() + 1];
    for &m in &rare {
        offsets[m as usize + 1] += 1;
    }
    for m in 1..offsets.len() {
        offsets[m] += offsets[m - 1];
    }
    let mut runs_of = vec![0u32; rare.len()];
    let mut fill = offsets.clone();
    for r in 0..rare_starts.len() - 1 {
        for &m in run(r as u32) {
            let slot = &mut fill[m as usize];
            runs_of[*slot] = r as u32;
            *slot += 1;
        }
    }
    drop(fill);
    // A pair is scored only when it shares at least two rare runs (sentences): one can be
    // chance (two centers picking the same uncommon phrasing); a copy shares many.
    let need = (rule.min_shared as usize).min(PAIR_EVIDENCE);
    let pairs: Vec<(u32, u32)> = (0..members.len())
        .into_par_iter()
        .flat_map_iter(|a| {
            let mut partners: Vec<u32> = Vec::new();
            for &r in &runs_of[offsets[a]..offsets[a + 1]] {
                partners.extend(run(r).iter().copied().filter(|&b| b as usize > a));
            }
            partners.sort_unstable();
            let (pa, a) = (members[a].peer(), a as u32);
            partners
                .chunk_by(|x, y| x == y)
                .filter(|same| same.len() >= need)
                .filter(|same| could_be_copy(rule, same.len(), [a, same[0]], &kept_count, &middling))
                .map(|same| same[0])
                .filter(|&b| {
                    let pb = members[b as usize].peer();
                    pa != pb && !same_center(&peers.get(pa), &peers.get(pb))
                })
                .map(|b| (a, b))
                .collect::<Vec<_>>()
        })
        .collect();
    drop(runs_of);
    drop(rare);
    // Score the pairs in parallel, a first document at a time (its sketch read back
    // once); the hits are taken in pair order, so the result does not depend on the
    // threads.
    let groups: Vec<&[(u32, u32)]> = pairs.chunk_by(|x, y| x.0 == y.0).collect();
    let scored: Vec<Vec<Scored>> = groups
        .par_iter()
        .map(|group| {
            let a = group[0].0;
            let Some(sa) = sketch_of(ctx, members[a as usize]) else {
                return Vec::new();
            };
            let ka = kept(&sa, &boilerplate);
            let mut out = Vec::new();
            for &(_, b) in *group {
                let Some(sb) = sketch_of(ctx, members[b as usize]) else {
                    continue;
                };
                let kb = kept(&sb, &boilerplate);
                let shared = intersect(&ka, &kb);
                let smaller = ka.len().min(kb.len());
                if shared.len() < rule.min_shared as usize
                    || (shared.len() as f64) < rule.min_similarity * smaller as f64
                {
                    continue;
                }
                let (line_a, line_b) = first_shared(&sa, &sb, &shared);
                let (line_b2, line_a2) = first_shared(&sb, &sa, &shared);
                out.push(Scored {
                    b,
                    shared: shared.len(),
                    totals: (ka.len(), kb.len()),
                    lines: [line_a, line_b, line_b2, line_a2],
                    files: (sa.file.clone(), sb.file.clone()),
                    docs: (sa.doc.clone(), sb.doc.clone()),
                });
            }
            out
        })
        .collect();
    for (group, scored) in groups.iter().zip(scored) {
        let ia = members[group[0].0 as usize];
        for s in scored {
            let ib = members[s.b as usize];
            let [line_a, line_b, line_b2, line_a2] = s.lines;
            let (file_a, file_b) = s.files;
            let (doc_a, doc_b) = s.docs;
            hits.push((ia.peer, Hit {
                doc: doc_a,
                file: file_a.clone(),
                line: line_a,
                other: ib.peer(),
                other_file: file_b.clone(),
                other_line: line_b,
                shared: s.shared,
                own_total: s.totals.0,
            }));
            hits.push((ib.peer, Hit {
                doc: doc_b,
                file: file_b,
                line: line_b2,
                other: ia.peer(),
                other_file: file_a,
                other_line: line_a2,
                shared: s.shared,
                own_total: s.totals.1,
            }));
        }
    }
    Ok(())
}

/// Whether documents `a` and `b`, which share `rare` rare sentences, could share enough
/// to be a near-copy: at most those and the fewer of their `middling` sentences (neither
/// rare nor boilerplate), against the thresholds scoring applies to what each keeps
/// (`kept`). Most pairs found through two rare sentences are chance, and reading back
/// both sketches to score them was most of the rule's time; this bound skips them
/// without changing a verdict.
fn could_be_copy(rule: &Duplicate, rare: usize, [a, b]: [u32; 2], kept: &[u32], middling: &[u32]) -> bool {
    let (a, b) = (a as usize, b as usize);
    let most = rare + middling[a].min(middling[b]) as usize;
    let smaller = kept[a].min(kept[b]) as usize;
    most >= rule.min_shared as usize && (most as f64) >= rule.min_similarity * smaller as f64
}

/// A pair found a near-copy, from the first document's side of the scoring.
struct Scored {
    b: u32,
    shared: usize,
    /// The sentences each side keeps (not boilerplate).
    totals: (usize, usize),
    /// The first shared line in each (a, b), then from b's side (b, a).
    lines: [u32; 4],
    files: (String, String),
    docs: (String, String),
}

/// Two submissions of one center (the same id) are no copy of each other.
fn same_center(a: &Peer, b: &Peer) -> bool {
    matches!((a.center_id, b.center_id), (Some(x), Some(y)) if x == y)
}

/// The sorted values both sorted lists hold.
fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// The line of the first shared sentence in `own` (text order), and the line the same
/// sentence is on in `other`.
fn first_shared(own: &DocSketch, other: &DocSketch, shared: &[u32]) -> (u32, u32) {
    let Some([hash, line]) = own
        .sentences
        .iter()
        .find(|s| shared.binary_search(&s[0]).is_ok())
    else {
        return (1, 1);
    };
    let there = other
        .sentences
        .iter()
        .find(|s| s[0] == *hash)
        .map_or(1, |s| s[1]);
    (*line, there)
}

fn message(ctx: &CrossCtx, h: &Hit, other: &Peer) -> Text {
    // The document as the standard names it (《服务流程规范》), its type id otherwise.
    let doc = ctx
        .standard
        .document(&h.doc)
        .map_or_else(|| Text::new(h.doc.as_str(), h.doc.as_str()), |d| d.name.clone());
    let (zh, en) = match (other.name, other.center_id) {
        (Some(n), Some(id)) => (
            format!("{n}（{id}，{}）", other.path),
            format!("{} ({n}, {id})", other.path),
        ),
        (Some(n), None) => (
            format!("{n}（{}）", other.path),
            format!("{} ({n})", other.path),
        ),
        (None, Some(id)) => (
            format!("{id}（{}）", other.path),
            format!("{} ({id})", other.path),
        ),
        (None, None) => (other.path.to_string(), other.path.to_string()),
    };
    let pct = percent(h.shared as f64 / h.own_total.max(1) as f64);
    Text::new(
        format!(
            "《{doc}》与 {zh} 的 {file} 高度雷同：本文抽查的 {total} 句中有 {shared} 句（{pct}%）与之相同，首处相同在第 {line} 行（对方第 {other_line} 行）",
            doc = doc.zh,
            file = h.other_file,
            total = h.own_total,
            shared = h.shared,
            line = h.line,
            other_line = h.other_line,
        ),
        format!(
            "the {doc} is a near-copy of {file} in {en}: {shared} of the {total} sentences sampled here ({pct}%) are the same; the first is on line {line} (line {other_line} there)",
            doc = doc.en,
            file = h.other_file,
            total = h.own_total,
            shared = h.shared,
            line = h.line,
            other_line = h.other_line,
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_traceless_table_is_its_definition() {
        // Blocks are built as characters are met: ask in an order that starts blocks in
        // the middle, then every character.
        for cp in (0..0x10000u32).rev().step_by(37).chain(0..0x10000) {
            assert_eq!(leaves_no_trace(cp), traceless(cp), "U+{cp:04X}");
        }
        assert!(leaves_no_trace('，' as u32) && leaves_no_trace(' ' as u32));
        assert!(!leaves_no_trace('中' as u32) && !leaves_no_trace('Ａ' as u32));
        assert!(!leaves_no_trace('。' as u32) && !leaves_no_trace('《' as u32));
    }

    #[test]
    fn a_name_is_taken_out_only_of_a_sentence_that_holds_it_whole() {
        let own = vec!["南山区".to_string()];
        // Across a sentence end, the name's characters belong to no one sentence.
        let split = "本中心服务对象包括辖区内的科技型企业南山。区内企业可通过线上平台提交服务需求。\n南山区";
        assert_eq!(sketch(split, &own), sketch(split, &[]));
        // Whole within sentences, again and again along the text: taken out of each.
        let with: String = (0..20).map(|i| format!("第{i}类对象包括南山区内的科技型企业及个人创业者与高校。")).collect();
        let without = with.replace("南山区", "");
        let (a, b) = (sketch(&with, &own), sketch(&without, &[]));
        assert!(a.len() >= 5, "{a:?}");
        assert_eq!(a, b);
        // Over many chunks of the buffer, some of its sentences on one long line, and up
        // to the sketch's bound: as the reference reads it.
        let long: String = (0..6000)
            .map(|i| {
                let end = if i % 7 == 0 { "\n" } else { "" };
                format!("第{i}项服务由南山区科技企业提出申请，中心受理后转办。{end}")
            })
            .collect();
        assert!(long.len() > 4 * 64 * 1024);
        let a = sketch(&long, &own);
        assert_eq!(a.len(), MAX_SENTENCES);
        let mut want = sketch_by_chars(&long, &own);
        assert!(want.len() > MAX_SENTENCES);
        want.truncate(MAX_SENTENCES);
        assert_eq!(a, want);
    }

    fn own(name: &str, id: &str) -> Vec<String> {
        let mut out = name_parts(&normalize(name));
        out.push(normalize(id));
        out.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        out
    }

    fn hashes(text: &str, own: &[String]) -> Vec<u32> {
        sketch(text, own).into_iter().map(|s| s[0]).collect()
    }

    #[test]
    fn place_names_come_from_the_center_name() {
        let parts = name_parts("深圳市南山区生产力促进中心");
        assert!(parts.contains(&"深圳市南山区".to_string()), "{parts:?}");
        assert!(parts.contains(&"深圳市".to_string()), "{parts:?}");
        assert!(parts.contains(&"南山区".to_string()), "{parts:?}");
        assert_eq!(name_parts("中心"), vec!["中心".to_string()]);
        assert!(name_parts("").is_empty());
    }

    #[test]
    fn a_renamed_copy_hashes_the_same_and_other_text_does_not() {
        let a = "第三条　深圳市南山区生产力促进中心应当在受理后五个工作日内完成需求诊断并出具诊断报告。\n\
                 南山区的企业可以通过线上平台提交服务申请，中心安排专人跟踪办理进度。";
        let b = "第三条 杭州市西湖区生产力促进中心应当在受理后五个工作日内完成需求诊断并出具诊断报告。\n\
                 西湖区的企业可以通过线上平台提交服务申请，中心安排专人跟踪办理进度。";
        let ha = hashes(a, &own("深圳市南山区生产力促进中心", "GD-SZ-0012"));
        let hb = hashes(b, &own("杭州市西湖区生产力促进中心", "ZJ-HZ-0003"));
        assert_eq!(ha, hb);
        let c = "中心每季度组织一次服务质量评议，评议结果向社会公开并接受监督。";
        let hc = hashes(c, &[]);
        assert!(hc.iter().all(|h| !ha.contains(h)));
    }

    #[test]
    fn headings_short_lines_and_titles_do_not_count() {
        let text = "# 服务流程规范\n## 一、总则\n修订日期：2024-03-15\n《中华人民共和国促进科技成果转化法》";
        assert!(sketch(text, &[]).is_empty());
    }

    #[test]
    fn about_half_of_the_sentences_are_sampled_with_their_lines() {
        let text: String = (0..400)
            .map(|i| format!("这是用于测试抽样比例的第{i}句不同内容的长句子。\n"))
            .collect();
        let s = sketch(&text, &[]);
        assert!((150..250).contains(&s.len()), "{}", s.len());
        assert!(s.windows(2).all(|w| w[0][1] < w[1][1]));
        assert!(s.iter().all(|x| (1..=400).contains(&x[1])));
    }

    #[test]
    fn fingerprints_differ_by_one_byte_and_sample_half() {
        let texts: Vec<String> = (0..10_000).map(|i| format!("本中心第{i}项服务流程说明")).collect();
        let top = texts
            .iter()
            .filter(|t| super::fingerprint(t.as_bytes()) >> 63 == 1)
            .count();
        assert!((4_500..=5_500).contains(&top), "{top} of 10000 in the sample");
        let mut seen: Vec<u64> = texts.iter().map(|t| super::fingerprint(t.as_bytes())).collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), texts.len());
        assert_ne!(super::fingerprint(b"abcdefgh1"), super::fingerprint(b"abcdefgh2"));
        assert_ne!(super::fingerprint(b"abc"), super::fingerprint(b"abc\0"));
    }

    #[test]
    fn partitions_give_back_each_type_sorted_without_repeats_whatever_their_number() {
        // Two types, hashes spread over u32, members repeated, more than a spill chunk.
        let postings: Vec<(usize, u32, u32)> = (0..5_000u32)
            .map(|i| {
                let hash = i.wrapping_mul(2_654_435_761) ^ (i >> 3);
                ((i % 2) as usize, hash % 1_500 * 2_863_311, i % 97)
            })
            .collect();
        for parts in [1, 3, 7] {
            let mut p = Partitions::new(parts).unwrap();
            for &(ty, h, m) in &postings {
                p.push(ty, h, m).unwrap();
            }
            assert_eq!(p.spill.is_some(), parts > 1);
            let mut spilled = p.finish().unwrap();
            for ty in 0..2 {
                let mut want: Vec<(u32, u32)> = postings
                    .iter()
                    .filter(|p| p.0 == ty)
                    .map(|p| (p.1, p.2))
                    .collect();
                want.sort_unstable();
                want.dedup();
                let mut got = Vec::new();
                for part in 0..parts {
                    let chunk = spilled.take(ty, part).unwrap();
                    assert!(chunk.windows(2).all(|w| w[0] < w[1]), "sorted, no repeats");
                    assert!(chunk.iter().all(|(h, _)| partition(*h, parts) == part));
                    got.extend(chunk);
                }
                got.sort_unstable();
                assert_eq!(got, want, "{parts} partitions, type {ty}");
            }
            // A type never seen gives nothing.
            assert!(spilled.take(5, 0).unwrap().is_empty());
        }
    }

    /// The sketch as first written, with the standard library's string operations: the
    /// byte-wise version must give the same hashes.
    fn sketch_by_chars(text: &str, own: &[String]) -> Vec<[u32; 2]> {
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        for (i, line) in text.lines().enumerate() {
            let trimmed = line.trim_start();
            if trimmed.starts_with('#') {
                continue;
            }
            for sentence in trimmed.split(['。', '！', '？', '；', '!', '?', ';']) {
                let mut buf = String::new();
                let mut chars = strip_numbering(sentence).char_indices().peekable();
                let s = strip_numbering(sentence);
                while let Some((i, c)) = chars.next() {
                    if c == '《' {
                        if let Some((close, _)) =
                            s[i..].char_indices().take(80).find(|(_, c)| *c == '》')
                        {
                            while chars.next_if(|(j, _)| *j <= i + close).is_some() {}
                            continue;
                        }
                    }
                    let half = match c {
                        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap(),
                        _ => c,
                    };
                    if half.is_ascii_alphanumeric() {
                        buf.push(half.to_ascii_lowercase());
                    } else if !c.is_ascii()
                        && !('\u{ff01}'..='\u{ff5e}').contains(&c)
                        && c.is_alphanumeric()
                    {
                        buf.extend(c.to_lowercase());
                    }
                }
                if buf.len() < MIN_CHARS {
                    continue;
                }
                for name in own {
                    buf = buf.replace(name.as_str(), "");
                }
                if buf.chars().filter(|c| !c.is_ascii_digit()).count() < MIN_CHARS {
                    continue;
                }
                let h = fingerprint(buf.as_bytes());
                let hash = (h as u32) ^ ((h >> 32) as u32);
                if h >> 63 == 0 && seen.insert(hash) {
                    out.push([hash, (i + 1) as u32]);
                }
            }
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn bytewise_sketch_agrees_with_the_char_version(
            picks in proptest::collection::vec(0usize..56, 0..400),
        ) {
            // Text built from the pieces that matter: terminators, titles, full-width and
            // other scripts, numbering, the own names, digits, line and heading starts.
            const PIECES: [&str; 56] = [
                "。", "！", "？", "；", "!", "?", ";", "《", "》", "\n", "\n# ", "\n  ",
                "中心", "深圳市", "南山区", "服务流程", "企业需求诊断", "ＡＢＣ１２", "ａｂ", "，",
                "、", "第三条", "（二）", "3.", "- ", "> ", "2024", "年", "Straße", "ÉCOLE",
                "ΣΊΣΥΦΟΣ", "гкп", "㐀㐁", "䷀", "𠀀𠀁", "\u{3000}", " ", "abc DEF", "gd-sz-0012",
                "按照规定及时完成评价工作", "“", "”", "（", "）", "——", "……", "々", "〇", "ⁱ²",
                "·", "\u{a0}", "é", "①", "〔", "\u{feff}", "¥",
            ];
            let text: String = picks.iter().map(|&i| PIECES[i]).collect();
            let own = own("深圳市南山区生产力促进中心", "GD-SZ-0012");
            proptest::prop_assert_eq!(sketch(&text, &own), sketch_by_chars(&text, &own));
        }
    }

    #[test]
    fn the_pair_bound_never_skips_a_pair_scoring_would_keep() {
        // Every split of a pair's shared sentences into rare and middling ones, against
        // every size of what each side keeps: wherever scoring would find a copy, the
        // bound lets the pair through; wherever the bound skips, scoring finds none.
        for (min_similarity, min_shared) in [(0.5, 5), (0.3, 2), (1.0, 1), (0.0, 8)] {
            let rule = Duplicate {
                documents: Vec::new(),
                min_similarity,
                min_shared,
                common_share: DEFAULT_COMMON,
            };
            for rare in 0..12 {
                for middling in [(0u32, 0u32), (3, 9), (9, 3), (20, 20)] {
                    for kept in [(0u32, 0u32), (4, 30), (30, 4), (12, 40), (60, 60)] {
                        let kept = [kept.0 + rare as u32 + middling.0, kept.1 + rare as u32 + middling.1];
                        let through = could_be_copy(&rule, rare, [0, 1], &kept, &[middling.0, middling.1]);
                        for shared_middling in 0..=middling.0.min(middling.1) as usize {
                            let shared = rare + shared_middling;
                            let smaller = kept[0].min(kept[1]) as usize;
                            let copy = shared >= min_shared as usize
                                && (shared as f64) >= min_similarity * smaller as f64;
                            assert!(
                                through || !copy,
                                "skipped a copy: rare {rare}, middling {middling:?}, kept {kept:?}, shared {shared}"
                            );
                        }
                    }
                }
            }
        }
        // And it does skip the chance pair: two rare sentences, few others in common.
        let rule = Duplicate {
            documents: Vec::new(),
            min_similarity: DEFAULT_SIMILARITY,
            min_shared: DEFAULT_SHARED,
            common_share: DEFAULT_COMMON,
        };
        assert!(!could_be_copy(&rule, 2, [0, 1], &[120, 90], &[6, 40]));
        assert!(could_be_copy(&rule, 2, [0, 1], &[120, 90], &[60, 43]));
    }

    #[test]
    fn intersect_sorted_lists() {
        assert_eq!(intersect(&[1, 3, 5, 7], &[2, 3, 7, 9]), vec![3, 7]);
        assert!(intersect(&[], &[1]).is_empty());
    }
}
