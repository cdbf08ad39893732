//! The findings model every check produces and every renderer consumes.

use std::ops::Range;

mod classification;
mod input_code;

pub use classification::{Dimension, Outcome, Severity};
pub use input_code::InputCode;

use crate::i18n::Text;

/// A place in a submission file. `line` and `column` are 1-based; `column` counts
/// characters (not bytes), so it is right under Chinese text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// Path relative to the submission folder, with `/` separators.
    pub file: String,
    pub line: u32,
    pub column: u32,
    /// Byte range in the file's (decoded) text, for the snippet.
    pub span: Range<usize>,
}

impl Location {
    /// A location covering `span` of `text`, computing line and character column.
    pub fn in_text(file: &str, text: &str, span: Range<usize>) -> Location {
        let (line, column) = line_col(text, span.start);
        Location {
            file: file.to_string(),
            line,
            column,
            span,
        }
    }

    /// A location for a whole file whose content has no useful position.
    pub fn file_only(file: &str) -> Location {
        Location {
            file: file.to_string(),
            line: 1,
            column: 1,
            span: 0..0,
        }
    }
}

/// 1-based line and character column of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (u32, u32) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() as u32 + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() as u32 + 1;
    (line, column)
}

/// Where the lines of a text start, for computing many locations in one text: each
/// lookup is a binary search plus at most [`LineIndex::STRIDE`] bytes of counting, so a
/// hostile file with a hundred thousand findings (or one 8 MiB line) stays linear.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    /// Byte offset of the start of each line.
    starts: Vec<usize>,
    /// Characters in `text[..k * STRIDE]`, for each k.
    chars_before: Vec<usize>,
}

impl LineIndex {
    /// Distance in bytes between character-count checkpoints.
    pub const STRIDE: usize = 1024;

    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        starts.extend(
            bytes
                .iter()
                .enumerate()
                .filter(|(_, &b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        let mut chars_before = Vec::with_capacity(bytes.len() / Self::STRIDE + 1);
        let mut count = 0;
        for chunk in bytes.chunks(Self::STRIDE) {
            chars_before.push(count);
            count += chunk.iter().filter(|&&b| !is_continuation(b)).count();
        }
        chars_before.push(count);
        LineIndex {
            starts,
            chars_before,
        }
    }

    /// Characters that start before byte `offset` (`offset <= text.len()`).
    fn chars_to(&self, bytes: &[u8], offset: usize) -> usize {
        let k = offset / Self::STRIDE;
        let base = self.chars_before.get(k).copied().unwrap_or(0);
        let from = (k * Self::STRIDE).min(offset);
        base + bytes[from..offset]
            .iter()
            .filter(|&&b| !is_continuation(b))
            .count()
    }

    /// 1-based line and character column of byte `offset`; the same as [`line_col`].
    pub fn line_col(&self, text: &str, offset: usize) -> (u32, u32) {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let bytes = text.as_bytes();
        let column = self.chars_to(bytes, offset) - self.chars_to(bytes, start) + 1;
        (line as u32, column as u32)
    }

    /// A location covering `span` of `text`; the same as [`Location::in_text`].
    pub fn location(&self, file: &str, text: &str, span: Range<usize>) -> Location {
        let (line, column) = self.line_col(text, span.start);
        Location {
            file: file.to_string(),
            line,
            column,
            span,
        }
    }
}

fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

/// One diagnostic.
#[derive(Debug, Clone)]
pub struct Finding {
    /// A rule id (`SUP-003`) or an input diagnostic code (`input/yaml-syntax`).
    pub rule: String,
    /// The check kind (`metric`, `sections`, ...) or `input`.
    pub kind: String,
    /// The dimension of the rule; `None` for input diagnostics.
    pub dimension: Option<Dimension>,
    pub severity: Severity,
    /// The rule's title in the standard's own wording.
    pub title: Text,
    pub message: Text,
    /// A short label shown under the exact span.
    pub label: Option<Text>,
    pub help: Option<Text>,
    pub location: Option<Location>,
    /// Set when an active waiver covers this finding.
    pub waived: bool,
    /// A short stable hash naming this finding for a waiver (see [`fingerprint`]); empty
    /// until the engine assigns it.
    pub fingerprint: String,
}

impl Finding {
    /// An input diagnostic (a file that cannot be read or parsed, an unknown key, ...).
    pub fn input(
        code: InputCode,
        severity: Severity,
        message: Text,
        location: Option<Location>,
    ) -> Finding {
        Finding {
            rule: code.rule_id(),
            kind: "input".to_string(),
            dimension: None,
            severity,
            title: code.title(),
            message,
            label: None,
            help: Some(code.help()),
            location,
            waived: false,
            fingerprint: String::new(),
        }
    }
}

/// The fingerprint of a finding: 16 hex digits of FNV-1a 64 over its rule id, its file
/// and what it is about. What it is about is the flagged line (trimmed) and the flagged
/// text when the finding points into `source` (the text of its file), else its English
/// message with line and column numbers masked; so inserting or deleting unrelated lines
/// above it, or reflowing indentation, leaves it unchanged.
pub fn fingerprint(f: &Finding, source: Option<&str>) -> String {
    let mut h = Fnv64::new();
    h.write(f.rule.as_bytes());
    h.write(&[0]);
    match &f.location {
        Some(l) => h.write(l.file.as_bytes()),
        None => h.write(b"-"),
    }
    h.write(&[0]);
    let pointed = f
        .location
        .as_ref()
        .filter(|l| l.span != (0..0))
        .zip(source)
        .and_then(|(l, text)| {
            let span = text.get(l.span.clone())?;
            // The flagged line, within a bounded window each side: a finding on a line of
            // megabytes costs the same as any other.
            let from = floor_boundary(text, l.span.start.saturating_sub(CONTEXT));
            let to = floor_boundary(text, l.span.start.saturating_add(CONTEXT));
            let start = text[from..l.span.start]
                .rfind('\n')
                .map_or(from, |i| from + i + 1);
            let end = text[l.span.start..to]
                .find('\n')
                .map_or(to, |i| l.span.start + i);
            let span = &span[..floor_boundary(span, CONTEXT)];
            Some((text[start..end].trim(), span.trim()))
        });
    match pointed {
        Some((line, span)) => {
            h.write(b"L");
            h.write(squash(line).as_bytes());
            h.write(&[0]);
            h.write(squash(span).as_bytes());
        }
        None => {
            h.write(b"M");
            h.write(mask_positions(&f.message.en).as_bytes());
        }
    }
    format!("{:016x}", h.0)
}

/// Bytes of the flagged line taken each side of a finding for its fingerprint.
const CONTEXT: usize = 512;

/// The largest char boundary of `text` at or below `i`.
fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Runs of whitespace as one space, so re-indenting or re-wrapping does not matter.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A message with the numbers of positions (`line 12`, `column 3`, `byte 40`, `12:3`)
/// replaced by `#`.
fn mask_positions(message: &str) -> String {
    use std::sync::OnceLock;
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        regex::Regex::new(
            r"(?i)\b(lines?|columns?|col|bytes?|offset|position)(\s*)\d+|\b\d+:\d+\b|第\s*\d+\s*(行|列|字节)",
        )
        .expect("static regex")
    });
    squash(&re.replace_all(message, "${1}${2}#"))
}

/// FNV-1a, 64 bits: tiny, deterministic across runs, platforms and versions (the
/// standard library's hashers promise none of that).
pub struct Fnv64(u64);

impl Default for Fnv64 {
    fn default() -> Fnv64 {
        Fnv64::new()
    }
}

impl Fnv64 {
    pub fn new() -> Fnv64 {
        Fnv64(0xcbf2_9ce4_8422_2325)
    }

    pub fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    pub fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding_at(text: &str, needle: &str) -> Finding {
        let start = text.find(needle).unwrap();
        let mut f = Finding::input(
            InputCode::Crlf,
            Severity::Info,
            Text::new("", "line 3"),
            Some(Location::in_text(
                "docs/a.md",
                text,
                start..start + needle.len(),
            )),
        );
        f.rule = "PRO-002".into();
        f
    }

    #[test]
    fn fnv_known_values() {
        let mut h = Fnv64::new();
        h.write(b"");
        assert_eq!(h.0, 0xcbf2_9ce4_8422_2325);
        let mut h = Fnv64::new();
        h.write(b"a");
        assert_eq!(h.0, 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn fingerprint_survives_lines_inserted_above() {
        let before = "# 标题\n\n服务企业 298 家。\n";
        let after = "# 标题\n\n新增一段说明。\n\n  服务企业   298 家。\n";
        let a = fingerprint(&finding_at(before, "298 家"), Some(before));
        assert_eq!(a.len(), 16);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        // The flagged text differs only in blanks; the line moved down.
        let c = fingerprint(&finding_at(after, "298 家"), Some(after));
        assert_eq!(a, c);
        // Another line, another rule or another file: another fingerprint.
        let other = "# 标题\n\n服务企业 300 家。\n";
        assert_ne!(a, fingerprint(&finding_at(other, "300 家"), Some(other)));
        let mut f = finding_at(before, "298 家");
        f.rule = "EVA-003".into();
        assert_ne!(a, fingerprint(&f, Some(before)));
        let mut f = finding_at(before, "298 家");
        f.location.as_mut().unwrap().file = "docs/b.md".into();
        assert_ne!(a, fingerprint(&f, Some(before)));
    }

    #[test]
    fn unlocated_fingerprint_ignores_positions_only() {
        let f = |en: &str| {
            let mut f = Finding::input(
                InputCode::InvalidUtf8,
                Severity::Error,
                Text::new("", en),
                None,
            );
            f.location = Some(Location::file_only("docs/a.md"));
            fingerprint(&f, Some("text"))
        };
        assert_eq!(
            f("invalid UTF-8 at line 3, byte 40"),
            f("invalid UTF-8 at line 9, byte 52")
        );
        assert_ne!(
            f("rule SUP-003 could not be checked"),
            f("rule SUP-004 could not be checked")
        );
    }

    #[test]
    fn line_index_agrees_with_line_col() {
        let long = "服务企业1家。".repeat(400);
        let text = format!("# 标题\n\n{long}\nabc\r\n\n末行𝟙x");
        let index = LineIndex::new(&text);
        for offset in 0..=text.len() + 3 {
            assert_eq!(
                index.line_col(&text, offset),
                line_col(&text, offset),
                "{offset}"
            );
        }
        let empty = LineIndex::new("");
        assert_eq!(empty.line_col("", 5), (1, 1));
    }
}
