//! A fast path for ordinary YAML: the same [`Node`] tree built straight from the parser's
//! events, without serde-saphyr's serde layer.
//!
//! It is conservative by construction: it answers only when it is certain to reproduce
//! exactly what the serde-saphyr path (`slow_tree`) gives, and returns `None` ("don't know")
//! on anything else — a parse error, an anchor, an alias, a tag, a duplicate or complex key,
//! a merge key, a second document, a large or deep file, or a plain scalar whose YAML 1.2
//! resolution it is not sure of. `parse` then falls back to the serde-saphyr path, which
//! produces every error message, budget verdict and unusual value as before.
//!
//! The parser is granit-parser, used through serde-saphyr's own re-export so that the very
//! same parser build (version and features) reads the text on both paths, with the options
//! serde-saphyr gives it for sscheck's settings.

use std::borrow::Cow;
use std::collections::HashSet;

use serde_saphyr::granit_parser::{self, Event, Parser, ScalarStyle, Span};

use super::{Key, Kind, Node, Pos, MAX_DEPTH, MAX_NODES};

/// Containers deeper than this are left to the slow path, which enforces `MAX_DEPTH`
/// itself; the margin keeps the fast path well away from the limit's exact counting.
pub(super) const FAST_MAX_DEPTH: usize = MAX_DEPTH - 4;
/// Parser events beyond this are left to the slow path (it enforces `MAX_NODES`).
pub(super) const FAST_MAX_EVENTS: usize = MAX_NODES / 4;
/// Texts longer than this are left to the slow path (its byte budgets apply there).
const FAST_MAX_BYTES: usize = 4 * 1024 * 1024;

/// The parser options serde-saphyr derives from sscheck's settings (`Budget::parser_options`
/// with its default lookahead and flow limit, block limit `max(255, MAX_DEPTH + 1)`, no
/// comment events, default indentation and BOM handling).
fn parser_options() -> granit_parser::Options {
    granit_parser::options! {
        simple_key_max_lookahead: 1024,
        flow_nesting_limit: 255,
        block_nesting_limit: 255usize.max(MAX_DEPTH + 1),
        emit_comments: false,
        strict_indentation: false,
        bom_inside_document_as_content: false,
    }
}

/// Position of an event exactly as `pos_of` computes it from serde-saphyr's `Location`:
/// byte offset and byte length of the span, 1-based line, 1-based character column.
fn pos_of_span(span: &Span) -> Option<Pos> {
    let start = span.start.byte_offset()?;
    let end = span.end.byte_offset()?;
    let len = end.saturating_sub(start);
    if start > u32::MAX as usize || len > u32::MAX as usize {
        return None;
    }
    Some(Pos {
        start,
        len,
        line: u32::try_from(span.start.line()).ok()?,
        column: u32::try_from(span.start.col() + 1).ok()?,
    })
}

/// Whether `name` is already a key of a mapping under construction: a scan of its entries
/// while it is small, a set of the names once it is large.
pub(super) fn is_duplicate(
    entries: &[(Key, Node)],
    big: &mut Option<HashSet<String>>,
    name: &str,
) -> bool {
    const SMALL: usize = 16;
    if entries.len() < SMALL {
        return entries.iter().any(|(k, _)| k.name == name);
    }
    let set = big.get_or_insert_with(|| entries.iter().map(|(k, _)| k.name.clone()).collect());
    !set.insert(name.to_string())
}

/// An open container while the tree is being built.
enum Frame {
    Seq {
        pos: Pos,
        items: Vec<Node>,
    },
    Map {
        pos: Pos,
        entries: Vec<(Key, Node)>,
        /// The key read, waiting for its value.
        key: Option<Key>,
        /// The key names, once the mapping is large.
        seen: Option<HashSet<String>>,
    },
}

/// Build the tree of `text` from parser events, or `None` when not certain to match the
/// serde-saphyr path exactly.
pub(super) fn parse(text: &str) -> Option<Node> {
    if text.len() > FAST_MAX_BYTES {
        return None;
    }
    let mut parser = Parser::new_from_str_with_options(text, parser_options());
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<Node> = None;
    let mut documents = 0usize;
    let mut events = 0usize;
    for item in &mut parser {
        let (event, span) = item.ok()?;
        events += 1;
        if events > FAST_MAX_EVENTS {
            return None;
        }
        match event {
            Event::StreamStart | Event::DocumentEnd => {}
            Event::StreamEnd => break,
            Event::DocumentStart(_, version) => {
                documents += 1;
                if documents > 1 || version.is_some() || root.is_some() {
                    return None;
                }
            }
            Event::Scalar(value, style, anchor, tag) => {
                if anchor != 0 || tag.is_some() || root.is_some() {
                    return None;
                }
                let pos = pos_of_span(&span)?;
                // A key position takes the text; anything else is a value.
                if let Some(Frame::Map {
                    key: key @ None,
                    seen,
                    entries,
                    ..
                }) = stack.last_mut()
                {
                    let name = key_name(&value, style)?;
                    if is_duplicate(entries, seen, &name) {
                        return None;
                    }
                    *key = Some(Key { name, pos });
                    continue;
                }
                let kind = resolve(value, style)?;
                attach(&mut stack, &mut root, Node { pos, kind })?;
            }
            Event::SequenceStart(_, anchor, tag) => {
                open(&mut stack, &root, &span, anchor, tag.is_some(), true)?;
            }
            Event::MappingStart(_, anchor, tag) => {
                open(&mut stack, &root, &span, anchor, tag.is_some(), false)?;
            }
            Event::SequenceEnd => {
                let Some(Frame::Seq { pos, items }) = stack.pop() else {
                    return None;
                };
                let node = Node {
                    pos,
                    kind: Kind::Seq(items),
                };
                attach(&mut stack, &mut root, node)?;
            }
            Event::MappingEnd => {
                let Some(Frame::Map {
                    pos,
                    entries,
                    key: None,
                    ..
                }) = stack.pop()
                else {
                    return None;
                };
                let node = Node {
                    pos,
                    kind: Kind::Map(entries),
                };
                attach(&mut stack, &mut root, node)?;
            }
            // Aliases, anchors, comments and anything added later: not ours.
            _ => return None,
        }
    }
    // The stream must have ended cleanly, with one complete root and nothing open.
    if !stack.is_empty() || documents != 1 {
        return None;
    }
    parser.next().is_none().then_some(())?;
    root
}

/// Open a sequence or mapping, unless it is anchored, tagged, a complex key or too deep.
fn open(
    stack: &mut Vec<Frame>,
    root: &Option<Node>,
    span: &Span,
    anchor: usize,
    tagged: bool,
    is_seq: bool,
) -> Option<()> {
    if anchor != 0 || tagged || root.is_some() || stack.len() >= FAST_MAX_DEPTH {
        return None;
    }
    // A collection in key position is a complex key.
    if let Some(Frame::Map { key: None, .. }) = stack.last() {
        return None;
    }
    let pos = pos_of_span(span)?;
    stack.push(if is_seq {
        Frame::Seq {
            pos,
            items: Vec::new(),
        }
    } else {
        Frame::Map {
            pos,
            entries: Vec::new(),
            key: None,
            seen: None,
        }
    });
    Some(())
}

/// Put a finished node where it belongs: as the pending key's value, as the next item of
/// a sequence, or as the root.
fn attach(stack: &mut [Frame], root: &mut Option<Node>, node: Node) -> Option<()> {
    match stack.last_mut() {
        None => {
            *root = Some(node);
        }
        Some(Frame::Seq { items, .. }) => items.push(node),
        Some(Frame::Map { entries, key, .. }) => {
            let key = key.take()?;
            entries.push((key, node));
        }
    }
    Some(())
}

/// The name of a key scalar as the slow path gives it (`KeyText`: the resolved value as
/// text), for the keys whose text and resolved value agree; `None` for the others.
pub(super) fn key_name(value: &str, style: ScalarStyle) -> Option<String> {
    // `<<` is a merge key for serde-saphyr, whatever its style.
    if value == "<<" {
        return None;
    }
    if style != ScalarStyle::Plain {
        return Some(value.to_string());
    }
    match resolve_plain(value)? {
        Kind::Str(_) => Some(value.to_string()),
        // Canonical decimal integers only: their text is their value's text.
        Kind::Int(i) if i.to_string() == value => Some(value.to_string()),
        _ => None,
    }
}

/// The value of a scalar event.
fn resolve(value: Cow<'_, str>, style: ScalarStyle) -> Option<Kind> {
    match style {
        ScalarStyle::Plain => match resolve_plain(&value)? {
            Kind::Str(_) => Some(Kind::Str(value.into_owned())),
            kind => Some(kind),
        },
        // Quoted and block scalars without a tag are always strings.
        ScalarStyle::SingleQuoted
        | ScalarStyle::DoubleQuoted
        | ScalarStyle::Literal
        | ScalarStyle::Folded => Some(Kind::Str(value.into_owned())),
        #[allow(unreachable_patterns)]
        _ => None,
    }
}

/// YAML 1.2 core resolution of an untagged plain scalar with strict booleans, as
/// serde-saphyr's `deserialize_any` does it (text comes back as an empty `Str`: the caller
/// owns the text), restricted to the spellings whose result is certain: null, booleans,
/// canonical decimal integers, simple decimal fractions, and text that cannot be a number.
/// `None` for everything else (`0x1F`, `+1`, `1_000`, `1e3`, `.inf`, `0755`, `tRUE`, ...).
pub(super) fn resolve_plain(s: &str) -> Option<Kind> {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Kind::Null),
        "true" | "True" | "TRUE" => return Some(Kind::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Kind::Bool(false)),
        _ => {}
    }
    if let Some(i) = canonical_int(s) {
        return Some(Kind::Int(i));
    }
    if simple_decimal(s) {
        let f: f64 = s.parse().ok()?;
        return f.is_finite().then_some(Kind::Float(f));
    }
    certainly_text(s).then(|| Kind::Str(String::new()))
}

/// `0`, `-0`, or an optional `-` then up to 18 digits without a leading zero (so it fits
/// an `i64` whichever way it is read).
fn canonical_int(s: &str) -> Option<i64> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let b = digits.as_bytes();
    let ok = !b.is_empty()
        && b.len() <= 18
        && b.iter().all(u8::is_ascii_digit)
        && (b[0] != b'0' || b.len() == 1);
    if ok {
        s.parse().ok()
    } else {
        None
    }
}

/// An optional `-`, an integer part without a leading zero (or `0`), a dot and at least
/// one digit: `3.6`, `-0.25`, `1317.0`. At most 40 characters.
fn simple_decimal(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    if s.len() > 40 {
        return false;
    }
    let Some((int, frac)) = digits.split_once('.') else {
        return false;
    };
    let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    all_digits(int) && all_digits(frac) && (int == "0" || !int.starts_with('0'))
}

/// A plain scalar that no YAML core rule reads as anything but text (given it is not one
/// of the null and boolean spellings handled before).
///
/// Integers (any radix, with `_`) and floats (including Rust's `inf`/`nan` spellings and
/// YAML's `.inf`/`.nan`) are written with ASCII letters, digits, `+`, `-`, `.` and `_`
/// only; a sign can only come first or right after an exponent `e`/`E`; and they start
/// with a sign, a digit, a dot, or one of the words `inf`, `infinity`, `nan` (any case).
fn certainly_text(s: &str) -> bool {
    let Some(&first) = s.as_bytes().first() else {
        return false;
    };
    if first.is_ascii_alphabetic() {
        // Words serde-saphyr or Rust's float parser give a meaning to in some spelling
        // are left to the slow path.
        return !["true", "false", "null", "inf", "infinity", "nan"]
            .iter()
            .any(|w| s.eq_ignore_ascii_case(w));
    }
    // Anything else that does not start like a number (`_x`, `@x`, `中心`) is text.
    if !first.is_ascii_digit() && !matches!(first, b'+' | b'-' | b'.') {
        return true;
    }
    let numeric_char = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.' | b'_');
    if s.bytes().any(|b| !numeric_char(b)) {
        return true;
    }
    // A '-' inside, not after an exponent mark: a date, a phone number, an id.
    s.as_bytes()
        .windows(2)
        .any(|w| w[1] == b'-' && !matches!(w[0], b'e' | b'E'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(s: &str) -> Option<Kind> {
        resolve(Cow::Borrowed(s), ScalarStyle::Plain)
    }

    #[test]
    fn plain_scalars_resolve_only_when_certain() {
        assert_eq!(plain("2024"), Some(Kind::Int(2024)));
        assert_eq!(plain("-7"), Some(Kind::Int(-7)));
        assert_eq!(plain("3.6"), Some(Kind::Float(3.6)));
        assert_eq!(plain("no"), Some(Kind::Str("no".into())));
        assert_eq!(plain("92.3%"), Some(Kind::Str("92.3%".into())));
        assert_eq!(plain("2024-01-15"), Some(Kind::Str("2024-01-15".into())));
        assert_eq!(plain("0755-1234"), Some(Kind::Str("0755-1234".into())));
        assert_eq!(plain("~"), Some(Kind::Null));
        assert_eq!(plain("True"), Some(Kind::Bool(true)));
        for unsure in [
            "0x1F",
            "0o17",
            "+1",
            "1_000",
            "1e3",
            ".inf",
            "-.inf",
            ".nan",
            "0755",
            "tRUE",
            "NaN",
            "inf",
            "1.",
            ".5",
            "1234567890123456789",
            "1e-3",
            "-0x1",
        ] {
            assert_eq!(plain(unsure), None, "{unsure}");
        }
    }

    #[test]
    fn duplicates_are_found_in_small_and_large_mappings() {
        for n in [2, 15, 16, 17, 40] {
            let mut text: String = (0..n).map(|i| format!("k{i}: {i}\n")).collect();
            assert!(parse(&text).is_some(), "{n} keys");
            text.push_str("k0: again\n");
            assert!(parse(&text).is_none(), "{n} keys and a duplicate");
        }
    }
}
