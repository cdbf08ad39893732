//! YAML with a source span on every key and value.
//!
//! Wraps serde-saphyr (pure Rust, budgets against alias bombs and deep nesting, duplicate
//! keys rejected) behind our own small tree so its API churn stays in this file.

use std::fmt;
use std::ops::Range;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

mod explain;
mod fast;
mod simple;
pub use explain::{explain, offset_of, Explained};

/// Limits applied to every YAML file sscheck reads.
pub const MAX_DEPTH: usize = 32;
pub const MAX_NODES: usize = 100_000;

/// A YAML node with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub pos: Pos,
    pub kind: Kind,
}

/// Where a node starts: byte span, 1-based line and character column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub start: usize,
    pub len: usize,
    pub line: u32,
    pub column: u32,
}

impl Pos {
    pub fn span(&self) -> Range<usize> {
        self.start..self.start + self.len
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Key, Node)>),
}

/// A mapping key (always read as text: `2024:` is the key "2024").
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub name: String,
    pub pos: Pos,
}

fn pos_of(loc: &serde_saphyr::Location) -> Pos {
    let span = loc.span();
    Pos {
        start: span.byte_offset().unwrap_or(0) as usize,
        len: span.byte_len().unwrap_or(0) as usize,
        line: loc.line() as u32,
        column: loc.column() as u32,
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Spanned::<Kind>::deserialize(d)?;
        Ok(Node {
            pos: pos_of(&s.referenced),
            kind: s.value,
        })
    }
}

impl<'de> Deserialize<'de> for Kind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(KindVisitor)
    }
}

struct KindVisitor;

impl<'de> Visitor<'de> for KindVisitor {
    type Value = Kind;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Kind, E> {
        Ok(Kind::Null)
    }
    fn visit_none<E>(self) -> Result<Kind, E> {
        Ok(Kind::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Kind, D::Error> {
        Kind::deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Kind, E> {
        Ok(Kind::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Kind, E> {
        Ok(Kind::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Kind, E> {
        Ok(i64::try_from(v).map_or(Kind::Float(v as f64), Kind::Int))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Kind, E> {
        Ok(i64::try_from(v).map_or(Kind::Float(v as f64), Kind::Int))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Kind, E> {
        Ok(i64::try_from(v).map_or(Kind::Float(v as f64), Kind::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Kind, E> {
        Ok(Kind::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Kind, E> {
        Ok(Kind::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Kind, E> {
        Ok(Kind::Str(v))
    }
    fn visit_bytes<E: de::Error>(self, _v: &[u8]) -> Result<Kind, E> {
        Err(E::custom("binary values are not supported"))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Kind, A::Error> {
        let mut items = Vec::new();
        while let Some(n) = seq.next_element::<Node>()? {
            items.push(n);
        }
        Ok(Kind::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Kind, A::Error> {
        let mut entries = Vec::new();
        while let Some(k) = map.next_key::<Spanned<KeyText>>()? {
            let v = map.next_value::<Node>()?;
            entries.push((
                Key {
                    name: k.value.0,
                    pos: pos_of(&k.referenced),
                },
                v,
            ));
        }
        Ok(Kind::Map(entries))
    }
}

/// A key scalar of any type, kept as text.
struct KeyText(String);

impl<'de> Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = KeyText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a scalar mapping key")
            }
            fn visit_str<E>(self, v: &str) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<KeyText, E> {
                Ok(KeyText(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_bool<E>(self, v: bool) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_unit<E>(self) -> Result<KeyText, E> {
                Ok(KeyText("null".to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// A YAML file that could not be parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub message: String,
    /// Position of the problem, when the parser knows it.
    pub pos: Option<Pos>,
    /// A resource budget (depth, nodes, aliases) was exceeded: likely a hostile file.
    pub budget: bool,
}

/// Parse one YAML document. The text must already be decoded (no BOM).
///
/// Plain block mappings of one-line values (most metrics and center files) are read line by
/// line; other ordinary files take a fast path that builds the tree straight from the
/// parser's events; whatever neither is certain to read exactly as serde-saphyr does
/// (errors, anchors, tags, unusual scalars, limits...) goes through serde-saphyr as before.
/// All give the same tree.
pub fn parse(text: &str) -> Result<Node, ParseError> {
    if text.trim().is_empty() {
        return Ok(empty_document());
    }
    let root = match simple::parse(text).or_else(|| fast::parse(text)) {
        Some(root) => root,
        None => slow_tree(text)?,
    };
    finish(root)
}

/// The fast path alone: the tree of `text` before the checks `parse` applies to every
/// tree, or `None` when the fast path declines. For tests that compare both paths.
#[doc(hidden)]
pub fn parse_fast(text: &str) -> Option<Node> {
    fast::parse(text)
}

/// The line reader for plain block mappings alone, or `None` when it declines. For tests
/// that compare the paths.
#[doc(hidden)]
pub fn parse_simple(text: &str) -> Option<Node> {
    simple::parse(text)
}

/// `parse` through serde-saphyr only, as it was before the fast path. For tests.
#[doc(hidden)]
pub fn parse_slow(text: &str) -> Result<Node, ParseError> {
    if text.trim().is_empty() {
        return Ok(empty_document());
    }
    finish(slow_tree(text)?)
}

fn empty_document() -> Node {
    Node {
        pos: Pos::default(),
        kind: Kind::Null,
    }
}

/// The tree of `text` read through serde-saphyr's serde layer, with its errors mapped.
fn slow_tree(text: &str) -> Result<Node, ParseError> {
    let options = serde_saphyr::options! {
        strict_booleans: true,
        budget: serde_saphyr::budget! { max_depth: MAX_DEPTH, max_nodes: MAX_NODES, max_aliases: 1_000 },
    };
    serde_saphyr::from_str_with_options::<Node>(text, options).map_err(|e| {
        let pos = e.location().map(|l| pos_of(&l));
        let full = e.to_string();
        let budget = is_limit(&full);
        ParseError {
            message: first_line(&full),
            pos: pos.filter(|p| p.line > 0),
            budget,
        }
    })
}

/// The checks applied to every parsed tree, whichever path read it.
fn finish(root: Node) -> Result<Node, ParseError> {
    match indented_with_wide_space(&root) {
        Some(pos) => Err(ParseError {
            message: "the indentation contains a full-width space (U+3000)".to_string(),
            pos: Some(pos),
            budget: false,
        }),
        None => Ok(root),
    }
}

/// A key that starts with a full-width space (U+3000): YAML does not read it as
/// indentation, so `　　name:` under `center:` silently becomes a top-level key named
/// "　　name". Nobody means that; it is reported as the syntax error it is.
fn indented_with_wide_space(node: &Node) -> Option<Pos> {
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        match &n.kind {
            Kind::Map(entries) => {
                for (k, v) in entries {
                    if k.name.starts_with('\u{3000}') {
                        return Some(k.pos);
                    }
                    stack.push(v);
                }
            }
            Kind::Seq(items) => stack.extend(items),
            _ => {}
        }
    }
    None
}

/// Whether a parser error is a resource limit (budget, recursion depth, alias expansion)
/// rather than a syntax mistake: serde-saphyr and its parser only say so in the message.
fn is_limit(message: &str) -> bool {
    let m = message.to_lowercase();
    [
        "budget",
        "recursion limit",
        "limit exceeded",
        "exceeds limit",
        "too large or too complex",
        "too deeply nested",
    ]
    .iter()
    .any(|w| m.contains(w))
}

fn first_line(s: &str) -> String {
    // serde-saphyr appends a rendered snippet; keep the message line only.
    let line = s.lines().next().unwrap_or(s).trim();
    // Drop a trailing " at line X column Y" since we print our own position.
    let mut line = match line.find(" at line ") {
        Some(i) => &line[..i],
        None => line,
    };
    // And the prefixes "YAML syntax error: error: line X column Y: " some errors carry.
    loop {
        let before = line;
        line = line
            .strip_prefix("YAML syntax error:")
            .unwrap_or(line)
            .trim_start();
        line = line.strip_prefix("error:").unwrap_or(line).trim_start();
        if let Some(rest) = line.strip_prefix("line ") {
            let after_pos = rest
                .split_once(':')
                .filter(|(pos, _)| {
                    pos.split(' ')
                        .all(|w| w == "column" || w.bytes().all(|b| b.is_ascii_digit()))
                })
                .map(|(_, msg)| msg.trim_start());
            line = after_pos.unwrap_or(line);
        }
        if line == before {
            break;
        }
    }
    line.to_string()
}

impl Node {
    pub fn as_map(&self) -> Option<&[(Key, Node)]> {
        match &self.kind {
            Kind::Map(m) => Some(m),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.kind {
            Kind::Seq(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The value of a mapping key.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(_, v)| v)
    }

    /// The node at a dotted path, to change it in place.
    pub fn path_mut(&mut self, dotted: &str) -> Option<&mut Node> {
        dotted
            .split('.')
            .try_fold(self, |n, part| match &mut n.kind {
                Kind::Map(entries) => entries
                    .iter_mut()
                    .find(|(k, _)| k.name == part)
                    .map(|(_, v)| v),
                _ => None,
            })
    }

    pub fn entry(&self, key: &str) -> Option<(&Key, &Node)> {
        self.as_map()?
            .iter()
            .find(|(k, _)| k.name == key)
            .map(|(k, v)| (k, v))
    }

    /// Follow a dotted path (`center.province`).
    pub fn path(&self, dotted: &str) -> Option<&Node> {
        dotted.split('.').try_fold(self, |n, part| n.get(part))
    }

    pub fn is_null(&self) -> bool {
        matches!(self.kind, Kind::Null)
    }

    /// Scalar as display text (numbers and booleans included).
    pub fn scalar_text(&self) -> Option<String> {
        match &self.kind {
            Kind::Str(s) => Some(s.clone()),
            Kind::Int(i) => Some(i.to_string()),
            Kind::Float(f) => Some(f.to_string()),
            Kind::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// A short name of the node's type, for messages.
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            Kind::Null => "null",
            Kind::Bool(_) => "boolean",
            Kind::Int(_) => "integer",
            Kind::Float(_) => "number",
            Kind::Str(_) => "string",
            Kind::Seq(_) => "list",
            Kind::Map(_) => "mapping",
        }
    }

    /// The same data as JSON, for JSON Schema validation.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match &self.kind {
            Kind::Null => Value::Null,
            Kind::Bool(b) => Value::Bool(*b),
            Kind::Int(i) => Value::from(*i),
            Kind::Float(f) => serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number),
            Kind::Str(s) => Value::String(s.clone()),
            Kind::Seq(items) => Value::Array(items.iter().map(Node::to_json).collect()),
            Kind::Map(entries) => Value::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.name.clone(), v.to_json()))
                    .collect(),
            ),
        }
    }

    /// Resolve a JSON Pointer (as jsonschema reports it) to the key and value it names.
    pub fn locate(&self, pointer: &str) -> (Option<&Key>, &Node) {
        let mut node = self;
        let mut key = None;
        for raw in pointer.split('/').skip(1) {
            let part = raw.replace("~1", "/").replace("~0", "~");
            match &node.kind {
                Kind::Map(entries) => match entries.iter().find(|(k, _)| k.name == part) {
                    Some((k, v)) => {
                        key = Some(k);
                        node = v;
                    }
                    None => break,
                },
                Kind::Seq(items) => match part.parse::<usize>().ok().and_then(|i| items.get(i)) {
                    Some(v) => {
                        key = None;
                        node = v;
                    }
                    None => break,
                },
                _ => break,
            }
        }
        (key, node)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_of_keys_and_values_under_cjk() {
        let text = "center:\n  name: 深圳市中心\n  province: 广东\nyear: 2024\n";
        let root = parse(text).unwrap();
        let (k, v) = root.get("center").unwrap().entry("province").unwrap();
        assert_eq!(k.pos.line, 3);
        assert_eq!(k.pos.column, 3);
        assert_eq!(v.as_str(), Some("广东"));
        assert_eq!(&text[v.pos.span()], "广东");
        let year = root.get("year").unwrap();
        assert_eq!(year.kind, Kind::Int(2024));
        assert_eq!(&text[year.pos.span()], "2024");
    }

    #[test]
    fn strict_booleans_keep_no_as_text() {
        let root = parse("a: NO\nb: true\n").unwrap();
        assert_eq!(root.get("a").unwrap().as_str(), Some("NO"));
        assert_eq!(root.get("b").unwrap().kind, Kind::Bool(true));
    }

    #[test]
    fn duplicate_keys_are_an_error_with_position() {
        let err = parse("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!(err.pos.map(|p| p.line), Some(3), "{err:?}");
        assert!(err.message.starts_with("duplicate mapping key"), "{err:?}");
    }

    #[test]
    fn bad_indentation_is_an_error() {
        let err = parse("center:\n  id: X\n name: Y\n").unwrap_err();
        assert!(err.pos.is_some());
    }

    #[test]
    fn alias_bomb_stops_fast() {
        let mut s = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for i in 1..9 {
            let prev = (b'a' + i - 1) as char;
            let cur = (b'a' + i) as char;
            s.push_str(&format!(
                "{cur}: &{cur} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
        }
        let err = parse(&s).unwrap_err();
        assert!(!err.message.is_empty());
        assert!(err.budget);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let s = "[".repeat(100_000);
        assert!(
            parse(&s).unwrap_err().budget,
            "a depth limit, not a syntax error"
        );
        let s = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(parse(&s).unwrap_err().budget);
        let mut deep = String::new();
        for i in 0..5000 {
            deep.push_str(&" ".repeat(i));
            deep.push_str("a:\n");
        }
        assert!(parse(&deep).is_err());
    }

    #[test]
    fn pointer_resolves_to_key_and_value() {
        let root = parse("center:\n  level: city\n").unwrap();
        let (k, v) = root.locate("/center/level");
        assert_eq!(k.unwrap().name, "level");
        assert_eq!(v.as_str(), Some("city"));
    }
}
