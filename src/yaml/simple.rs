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

use super::fast::{is_duplicate, key_name, resolve_plain, FAST_MAX_DEPTH, FAST_MAX_EVENTS};
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
    for (index, line) in text.split('\n').enumerate() {
        let start = line_start;
        line_start += line.len() + 1;
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
                    entries: Vec::new(),
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
        let after = after.find(" #").map_or(after, |at| &after[..at]);
        let name = key_name(&rest[..key_len], granit_plain())?;
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

/// The plain style, for `key_name`.
fn granit_plain() -> serde_saphyr::granit_parser::ScalarStyle {
    serde_saphyr::granit_parser::ScalarStyle::Plain
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
    let flow = value.contains(['[', ']', '{', '}']);
    if indicator || dash_not_number || flow || value.ends_with(':') || value.contains(": ") {
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
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            if (b < 0x20 && b != b'\n') || b == 0x7f {
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
    true
}

#[cfg(test)]
mod tests {
    use super::*;

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
