//! The fastest path, for the YAML sscheck reads most: block mappings of plain keys and
//! plain one-line values (`center.yaml`, `metrics/YEAR.yaml`), read line by line.
//!
//! A metrics file is about 400 bytes; for files that small the event parser's fixed cost
//! per file and per character dominated the audit's YAML time. This reader answers only
//! for the plainest shape, where each line is `KEY: VALUE` or opens a nested mapping with
//! `KEY:`, with comments, and returns `None` ("don't know") at the first thing outside it: tabs,
//! `\r`, quotes, flow collections, sequences, empty values, indicators, control characters,
//! unusual indentation, a duplicate key, a scalar whose YAML 1.2 resolution is not certain.
//! The event-parser path then reads the file as before. Whenever it answers, the tree is
//! exactly the one the other paths give, positions included (`tests/yaml_fast.rs`).

use std::collections::HashSet;

use super::fast::{is_duplicate, resolve_plain, FAST_MAX_DEPTH, FAST_MAX_EVENTS};
use super::{Key, Kind, Node, Pos};

/// Files longer than this are left to the other paths.
const SIMPLE_MAX_BYTES: usize = 64 * 1024;

/// A mapping being read: its indentation, where it starts, its entries so far.
struct Open {
    indent: usize,
    pos: Pos,
    entries: Vec<(Key, Node)>,
    seen: Option<HashSet<String>>,
}

/// The tree of `text` when it is a plain block mapping, or `None`.
pub(super) fn parse(text: &str) -> Option<Node> {
    if text.len() > SIMPLE_MAX_BYTES || !plain_bytes(text.as_bytes()) {
        return None;
    }
    let mut stack: Vec<Open> = Vec::new();
    // The key of the line before, when that line opened a nested mapping (`key:`).
    let mut opener: Option<Key> = None;
    let mut entries = 0usize;
    let mut line_start = 0usize;
    // The lines as `split('\n')` gives them (no `\r` gets here), found with memchr.
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()));
    for (index, end) in ends.enumerate() {
        let start = line_start;
        let line = &text[start..end];
        line_start = end + 1;
        if line.is_empty() {
            continue;
        }
        let line_no = u32::try_from(index + 1).ok()?;
        let indent = line.len() - line.trim_start_matches(' ').len();
        if indent == line.len() {
            return None; // a line of spaces
        }
        if line[indent..].starts_with('#') {
            continue; // a comment line
        }
        entries += 1;
        if entries > FAST_MAX_EVENTS / 2 {
            return None;
        }
        let pos_at = |offset: usize, len: usize| Pos {
            start: start + offset,
            len,
            line: line_no,
            // Everything before a key or value on the line is ASCII.
            column: u32::try_from(offset + 1).unwrap_or(u32::MAX),
        };
        match opener.take() {
            Some(key) => {
                // The first line of the mapping the line before opened.
                if indent <= stack.last().map_or(0, |m| m.indent) || stack.len() >= FAST_MAX_DEPTH {
                    return None;
                }
                stack.push(Open {
                    indent,
                    pos: pos_at(indent, 0),
                    entries: Vec::new(),
                    seen: None,
                });
                // The opener's key waits in its mapping, as the event path has it.
                pending_keys_push(&mut stack, key);
            }
            None if stack.is_empty() => {
                if indent != 0 {
                    return None;
                }
                stack.push(Open {
                    indent: 0,
                    pos: pos_at(0, 0),
                    // A metrics file holds about 16 entries: one allocation, not five.
                    entries: Vec::with_capacity(16),
                    seen: None,
                });
            }
            None => {
                // Back out of the nested mappings this line is less indented than.
                while stack.last().is_some_and(|m| m.indent > indent) {
                    close(&mut stack)?;
                }
                if stack.last()?.indent != indent {
                    return None;
                }
            }
        }
        let rest = &line[indent..];
        let key_len = rest
            .bytes()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-')))
            .unwrap_or(rest.len());
        let first = *rest.as_bytes().first()?;
        if key_len == 0 || !(first.is_ascii_alphabetic() || first == b'_') {
            return None;
        }
        let after = rest[key_len..].strip_prefix(':')?;
        // A comment starts at a `#` after a space; a plain value cannot hold ` #`.
        let after = match memchr::memchr_iter(b'#', after.as_bytes())
            .find(|&at| at > 0 && after.as_bytes()[at - 1] == b' ')
        {
            Some(at) => &after[..at - 1],
            None => after,
        };
        let name = word_key(&rest[..key_len])?;
        let top = stack.last_mut()?;
        if is_duplicate(&top.entries, &mut top.seen, &name) {
            return None;
        }
        let key = Key {
            name,
            pos: pos_at(indent, key_len),
        };
        if after.trim_end_matches(' ').is_empty() {
            opener = Some(key);
            continue;
        }
        // `key: value`: at least one space, then the value up to trailing spaces.
        let value = after.strip_prefix(' ')?.trim_start_matches(' ');
        let value = value.trim_end_matches(' ');
        // Where the value starts in the line (`value` is a slice of it).
        let offset = value.as_ptr() as usize - line.as_ptr() as usize;
        let kind = plain_value(value)?;
        let node = Node {
            pos: pos_at(offset, value.len()),
            kind,
        };
        stack.last_mut()?.entries.push((key, node));
    }
    if opener.is_some() {
        return None; // `key:` on the last line: a null left to the other paths
    }
    while stack.len() > 1 {
        close(&mut stack)?;
    }
    let root = stack.pop()?;
    Some(Node {
        pos: root.pos,
        kind: Kind::Map(root.entries),
    })
}

/// The name of a plain key of ASCII letters, digits, `_` and `-` that starts with a letter
/// or `_`, as `key_name` reads it: the text itself, unless it is a word the other paths give
/// a meaning to in some spelling (`true`, `Null`, `nan`, ...). Those are declined.
fn word_key(key: &str) -> Option<String> {
    const MEANINGFUL: [&str; 6] = ["true", "false", "null", "inf", "infinity", "nan"];
    let meaningful =
        (3..=8).contains(&key.len()) && MEANINGFUL.iter().any(|w| key.eq_ignore_ascii_case(w));
    (!meaningful).then(|| key.to_string())
}

/// Hold the key of the mapping just opened: pushed as an entry with a placeholder value,
/// replaced when the mapping closes.
fn pending_keys_push(stack: &mut [Open], key: Key) {
    let parent = stack.len() - 2;
    stack[parent].entries.push((
        key,
        Node {
            pos: Pos::default(),
            kind: Kind::Null,
        },
    ));
}

/// Close the innermost mapping: it becomes the value of its parent's last key.
fn close(stack: &mut Vec<Open>) -> Option<()> {
    let done = stack.pop()?;
    let parent = stack.last_mut()?;
    let (_, slot) = parent.entries.last_mut()?;
    *slot = Node {
        pos: done.pos,
        kind: Kind::Map(done.entries),
    };
    Some(())
}

/// A one-line plain value whose reading is certain: no indicator first, no `: ` inside,
/// no flow brackets, and a YAML 1.2 resolution `resolve_plain` is sure of.
fn plain_value(value: &str) -> Option<Kind> {
    let bytes = value.as_bytes();
    let first = *bytes.first()?;
    let indicator = matches!(
        first,
        b'?' | b':' | b',' | b'&' | b'*' | b'!' | b'|' | b'>' | b'\'' | b'"' | b'%' | b'@' | b'`'
    );
    let dash_not_number = first == b'-' && !bytes.get(1).is_some_and(u8::is_ascii_digit);
    // Flow brackets, or `: ` inside: one pass over the value's bytes.
    let flow_or_pair = bytes.iter().enumerate().any(|(i, &b)| {
        matches!(b, b'[' | b']' | b'{' | b'}') || (b == b':' && bytes.get(i + 1) == Some(&b' '))
    });
    if indicator || dash_not_number || flow_or_pair || value.ends_with(':') {
        return None;
    }
    match resolve_plain(value)? {
        Kind::Str(_) => Some(Kind::Str(value.to_string())),
        kind => Some(kind),
    }
}

/// No byte the line reader does not handle: tabs, carriage returns, control characters, and the non-ASCII characters YAML does not print or reads
/// as breaks or marks (C1 controls, U+2028/U+2029, U+FEFF, U+FFFE/U+FFFF).
fn plain_bytes(bytes: &[u8]) -> bool {
    const CHUNK: usize = 8;
    let printable = |b: &u8| (0x20..0x7f).contains(b) || *b == b'\n';
    let mut i = 0;
    while i < bytes.len() {
        // Nearly every byte of a metrics file is printable ASCII: eight at a time.
        if let Some(word) = bytes
            .get(i..i + CHUNK)
            .and_then(|c| <[u8; 8]>::try_from(c).ok())
        {
            if printable_ascii_word(u64::from_le_bytes(word)) {
                i += CHUNK;
                continue;
            }
        }
        // Otherwise this stretch a byte at a time (a sequence may run past its end: the
        // bytes after a lead byte are read from `bytes`).
        let end = bytes.len().min(i + CHUNK);
        while i < end {
            let b = bytes[i];
            if b < 0x80 {
                if !printable(&b) {
                    return false;
                }
            } else {
                let next = bytes.get(i + 1).copied().unwrap_or(0);
                let third = bytes.get(i + 2).copied().unwrap_or(0);
                let refused = (b == 0xC2 && (0x80..=0x9F).contains(&next))
                    || (b == 0xE2 && next == 0x80 && matches!(third, 0xA8 | 0xA9))
                    || (b == 0xEF && next == 0xBB && third == 0xBF)
                    || (b == 0xEF && next == 0xBF && matches!(third, 0xBE | 0xBF));
                if refused {
                    return false;
                }
            }
            i += 1;
        }
    }
    true
}

/// Whether each of the eight bytes of `w` is printable ASCII (0x20..=0x7E) or `\n`.
/// Every step is exact per byte: once the top bits are known clear, no sum below carries
/// into the next byte.
fn printable_ascii_word(w: u64) -> bool {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const fn each(b: u8) -> u64 {
        u64::from_le_bytes([b; 8])
    }
    if w & HIGH != 0 {
        return false;
    }
    // Top bit of each byte set where the byte is at least 0x20.
    let at_least_space = w.wrapping_add(each(0x60)) & HIGH;
    // Top bit of each byte set where the byte is not `b`.
    let not = |b: u8| {
        let x = w ^ each(b);
        (((x & LOW7).wrapping_add(LOW7)) | x) & HIGH
    };
    let control = !at_least_space & not(b'\n') & HIGH;
    let delete = !not(0x7f) & HIGH;
    control | delete == 0
}

#[cfg(test)]
mod tests {
    use super::super::fast::key_name;
    use super::*;

    #[test]
    fn word_keys_are_named_as_the_event_path_names_them() {
        use serde_saphyr::granit_parser::ScalarStyle;
        let mut keys: Vec<String> = [
            "year",
            "a",
            "_",
            "_x",
            "x-1",
            "True",
            "TRUE",
            "true",
            "tRUE",
            "false",
            "FaLsE",
            "null",
            "NULL",
            "nUll",
            "inf",
            "Inf",
            "INFINITY",
            "infinity",
            "nan",
            "NaN",
            "nans",
            "info",
            "nul",
            "truee",
            "infinit",
            "e",
            "e1",
            "y",
            "yes",
            "no",
            "on",
            "off",
            "service_rate_2024",
        ]
        .iter()
        .map(|k| k.to_string())
        .collect();
        // Every key of up to three characters from a small alphabet.
        let alphabet = ['a', 'n', 'N', 'f', 'i', '_', '-', '1', 'e'];
        for a in alphabet
            .iter()
            .filter(|c| c.is_ascii_alphabetic() || **c == '_')
        {
            keys.push(a.to_string());
            for b in alphabet {
                keys.push(format!("{a}{b}"));
                for c in alphabet {
                    keys.push(format!("{a}{b}{c}"));
                }
            }
        }
        for key in keys {
            assert_eq!(
                word_key(&key),
                key_name(&key, ScalarStyle::Plain),
                "{key:?}"
            );
        }
    }

    #[test]
    fn printable_words_are_told_byte_by_byte() {
        let interesting = [
            0x00, 0x09, 0x0a, 0x0b, 0x1f, 0x20, 0x41, 0x7e, 0x7f, 0x80, 0xc2, 0xff,
        ];
        for &a in &interesting {
            for &b in &interesting {
                for at in 0..8 {
                    let mut word = [b'k'; 8];
                    word[at] = a;
                    word[(at + 3) % 8] = b;
                    let want = word
                        .iter()
                        .all(|&x| (0x20..0x7f).contains(&x) || x == b'\n');
                    assert_eq!(
                        printable_ascii_word(u64::from_le_bytes(word)),
                        want,
                        "{word:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn plain_bytes_refuses_what_it_refused_byte_by_byte() {
        let refused = |bytes: &[u8]| {
            std::str::from_utf8(bytes).is_ok_and(|s| {
                s.chars().any(|c| {
                    (c < ' ' && c != '\n')
                        || ('\u{7f}'..='\u{9f}').contains(&c)
                        || matches!(
                            c,
                            '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
                        )
                })
            })
        };
        let pieces = [
            "a: 1\n", "中心", "\t", "\u{85}", "\u{2028}", "\u{feff}", "x", "\u{7f}", "é", "\r",
            "\u{ffff}",
        ];
        // Every placement of a piece among printable text, across the 16-byte stretches.
        for piece in pieces {
            for before in 0..40 {
                for after in [0, 1, 15, 16, 17, 40] {
                    let text = format!("{}{piece}{}", "k".repeat(before), "v".repeat(after));
                    assert_eq!(
                        plain_bytes(text.as_bytes()),
                        !refused(text.as_bytes()),
                        "{text:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn plain_files_are_read_and_others_declined() {
        assert!(parse("year: 2024\nrate: 95.1%\nturnover: 2,288万\nok: true\n").is_some());
        assert!(parse("center:\n  id: X-1\n  name: 中心\nyear: 2024").is_some());
        assert!(parse("# 指标\nyear: 2024   # 年份\n  # 说明\nrate: C#\n").is_some());
        for declined in [
            "a:\n",
            "a: \n",
            "a: 'x'\n",
            "a: [1]\n",
            "a:\n- 1\n",
            "a: 1\r\n",
            "a:\tb\n",
            "a: x: y\n",
            "a: foo\n  bar\n",
            " a: 1\n",
            "a:\n  b: 1\n c: 2\n",
            "a: 1\na: 2\n",
            "true: 1\n",
            "a: 0x1F\n",
            "a: - x\n",
            "a: x\u{85}y\n",
            "\u{feff}a: 1\n",
            "a:1\n",
            "\n\n",
            "a: 1\n  \n",
            "a: # nothing\n",
            "# only a comment\n",
        ] {
            assert!(parse(declined).is_none(), "answered {declined:?}");
        }
    }
}
