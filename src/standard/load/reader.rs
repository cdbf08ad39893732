//! Reading YAML values of a standard with located errors: the helpers every part of the loader uses.

use super::*;

/// A required key is absent.
fn missing(key: &str) -> Text {
    t!("缺少 `{key}`", "missing `{key}`", key = key)
}

/// What kind of YAML value a node is, for messages (`found string` / `实为 文本`).
fn type_text(v: &Node) -> Text {
    let zh = match v.kind {
        Kind::Null => "空值",
        Kind::Bool(_) => "布尔值",
        Kind::Int(_) => "整数",
        Kind::Float(_) => "数值",
        Kind::Str(_) => "文本",
        Kind::Seq(_) => "列表",
        Kind::Map(_) => "映射",
    };
    Text::new(zh, v.type_name())
}

impl Reader {
    pub(super) fn err(&mut self, pos: Pos, message: Text) {
        self.errors
            .push(StandardError::at(&self.file, pos, message));
    }

    pub(super) fn only_keys(&mut self, node: &Node, allowed: &[&str]) {
        if let Some(entries) = node.as_map() {
            for (k, _) in entries {
                if !allowed.contains(&k.name.as_str()) {
                    self.err(
                        k.pos,
                        t!(
                            "未知的键 `{key}`（应为以下之一：{allowed_zh}）",
                            "unknown key `{key}` (expected one of: {allowed})",
                            key = k.name,
                            allowed = allowed.join(", "),
                            allowed_zh = allowed.join("、")
                        ),
                    );
                }
            }
        }
    }

    pub(super) fn str_req(&mut self, node: &Node, key: &str) -> Option<String> {
        match node.get(key) {
            Some(v) => match v.scalar_text() {
                Some(s) if !s.trim().is_empty() => Some(s),
                _ => {
                    self.err(
                        v.pos,
                        t!(
                            "`{key}` 必须是非空文本",
                            "`{key}` must be a non-empty text",
                            key = key
                        ),
                    );
                    None
                }
            },
            None => {
                self.err(node.pos, missing(key));
                None
            }
        }
    }

    pub(super) fn str_opt(&mut self, node: &Node, key: &str) -> Option<String> {
        let v = node.get(key)?;
        match v.scalar_text() {
            Some(s) => Some(s),
            None => {
                self.err(
                    v.pos,
                    t!("`{key}` 必须是文本", "`{key}` must be a text", key = key),
                );
                None
            }
        }
    }

    pub(super) fn num(&mut self, v: &Node, what: &str) -> Option<f64> {
        match v.kind {
            Kind::Int(i) => Some(i as f64),
            Kind::Float(f) if f.is_finite() => Some(f),
            _ => {
                self.err(
                    v.pos,
                    t!(
                        "`{what}` 必须是数值，实为 {found}",
                        "`{what}` must be a number, found {found}",
                        what = what,
                        found = type_text(v)
                    ),
                );
                None
            }
        }
    }

    pub(super) fn num_opt(&mut self, node: &Node, key: &str) -> Option<f64> {
        let v = node.get(key)?;
        self.num(v, key)
    }

    pub(super) fn strings(&mut self, node: &Node, key: &str) -> Vec<String> {
        let Some(v) = node.get(key) else {
            return Vec::new();
        };
        if let Some(s) = v.scalar_text() {
            return vec![s];
        }
        match v.as_seq() {
            Some(items) => items
                .iter()
                .filter_map(|i| match i.scalar_text() {
                    Some(s) => Some(s),
                    None => {
                        self.err(
                            i.pos,
                            t!(
                                "`{key}` 的各项必须是文本",
                                "`{key}` entries must be texts",
                                key = key
                            ),
                        );
                        None
                    }
                })
                .collect(),
            None => {
                self.err(
                    v.pos,
                    t!(
                        "`{key}` 必须是文本列表",
                        "`{key}` must be a list of texts",
                        key = key
                    ),
                );
                Vec::new()
            }
        }
    }

    /// A `{zh, en}` text; both languages are required unless `optional`.
    pub(super) fn text(&mut self, node: &Node, key: &str, optional: bool) -> Text {
        let Some(v) = node.get(key) else {
            if !optional {
                self.err(
                    node.pos,
                    t!(
                        "缺少 `{key}`（含 `zh` 和 `en` 的映射）",
                        "missing `{key}` (a mapping with `zh` and `en`)",
                        key = key
                    ),
                );
            }
            return Text::default();
        };
        if v.as_map().is_none() {
            self.err(
                v.pos,
                t!(
                    "`{key}` 必须是含 `zh` 和 `en` 的映射",
                    "`{key}` must be a mapping with `zh` and `en`",
                    key = key
                ),
            );
            return Text::default();
        }
        self.only_keys(v, &["zh", "en"]);
        let zh = v.get("zh").and_then(Node::scalar_text).unwrap_or_default();
        let en = v.get("en").and_then(Node::scalar_text).unwrap_or_default();
        if zh.trim().is_empty() {
            self.err(
                v.pos,
                t!(
                    "`{key}` 缺少中文文本（`zh`）",
                    "`{key}` has no Chinese text (`zh`)",
                    key = key
                ),
            );
        }
        if en.trim().is_empty() {
            self.err(
                v.pos,
                t!(
                    "`{key}` 缺少英文文本（`en`）",
                    "`{key}` has no English text (`en`)",
                    key = key
                ),
            );
        }
        Text { zh, en }
    }
}

/// What a check kind's loader sees: the `check:` mapping of one rule, the catalogues it
/// may refer to, and a place for located errors. Every accessor reports a wrong value at
/// the value itself; none guesses.
pub struct Params<'a> {
    reader: &'a mut Reader,
    node: &'a Node,
    head: &'a Header,
}

impl<'a> Params<'a> {
    pub(super) fn new(reader: &'a mut Reader, node: &'a Node, head: &'a Header) -> Params<'a> {
        Params { reader, node, head }
    }

    /// Whether the key is present.
    pub fn has(&self, key: &str) -> bool {
        self.node.get(key).is_some()
    }

    /// A located error at the key's value, or at the check when the key is absent.
    pub fn error(&mut self, key: &str, message: Text) {
        let pos = self.node.get(key).map_or(self.node.pos, |n| n.pos);
        self.reader.err(pos, message);
    }

    /// The metric catalogue.
    pub fn metrics(&self) -> &[MetricDef] {
        &self.head.metrics
    }

    /// The standard's relative grading (`grading.relative`), when it declares one.
    pub fn relative_grading(&self) -> Option<&RelativeGrading> {
        self.head.grade_caps.relative.as_ref()
    }

    /// The grade scale, best first.
    pub fn grades(&self) -> &[Grade] {
        &self.head.grades
    }

    /// Cohort attributes (`by:`): each among region, level, province, operation_model.
    pub fn cohort_keys(&mut self, key: &str, by: &[String]) {
        self.reader.cohort_keys(self.node, key, by);
    }

    /// The document catalogue.
    pub fn documents(&self) -> &[DocDef] {
        &self.head.documents
    }

    /// A required, non-empty text.
    pub fn text(&mut self, key: &str) -> Option<String> {
        self.reader.str_req(self.node, key)
    }

    /// An optional text.
    pub fn text_opt(&mut self, key: &str) -> Option<String> {
        self.reader.str_opt(self.node, key)
    }

    /// A text or a list of texts; empty when absent.
    pub fn texts(&mut self, key: &str) -> Vec<String> {
        self.reader.strings(self.node, key)
    }

    /// `true` or `false`, `default` when absent; anything else is an error, never a guess.
    pub fn flag(&mut self, key: &str, default: bool) -> bool {
        match self.node.get(key) {
            None => default,
            Some(Node {
                kind: Kind::Bool(b),
                ..
            }) => *b,
            Some(v) => {
                self.reader.err(
                    v.pos,
                    t!(
                        "`{key}` 必须是 true 或 false，实为 {found}",
                        "`{key}` must be true or false, found {found}",
                        key = key,
                        found = v.scalar_text().map_or_else(
                            || type_text(v),
                            |s| Text::new(format!("`{s}`"), format!("`{s}`"))
                        )
                    ),
                );
                default
            }
        }
    }

    /// An optional number.
    pub fn number(&mut self, key: &str) -> Option<f64> {
        self.reader.num_opt(self.node, key)
    }

    /// A required whole number within `range`.
    pub fn whole(&mut self, key: &str, range: std::ops::RangeInclusive<i64>) -> Option<u32> {
        match self.node.get(key) {
            Some(Node {
                kind: Kind::Int(n), ..
            }) if range.contains(n) => Some(*n as u32),
            Some(n) => {
                self.reader.err(
                    n.pos,
                    t!(
                        "`{key}` 必须是 {start} 到 {end} 之间的整数",
                        "`{key}` must be a whole number from {start} to {end}",
                        key = key,
                        start = range.start(),
                        end = range.end()
                    ),
                );
                None
            }
            None => {
                self.reader.err(self.node.pos, missing(key));
                None
            }
        }
    }

    /// An optional threshold (a number, or `{base, factors, cases}`).
    pub fn threshold(&mut self, key: &str) -> Option<Threshold> {
        let v = self.node.get(key)?;
        self.reader.threshold(v, key)
    }

    /// A required metric id of the catalogue.
    pub fn metric(&mut self, key: &str) -> Option<String> {
        self.reader.metric_ref(self.node, key, self.head)
    }

    /// A required document type of the catalogue.
    pub fn document(&mut self, key: &str) -> Option<String> {
        self.reader.doc_ref(self.node, key, self.head)
    }

    /// An optional heading id of a document of the catalogue.
    pub fn heading(&mut self, key: &str, document: &str) -> Option<String> {
        self.reader.heading_ref(self.node, key, document, self.head)
    }

    /// A required condition, parsed and type-checked against the metric catalogue.
    pub fn condition(&mut self, key: &str) -> Option<Expr> {
        if !self.has(key) {
            self.reader.err(self.node.pos, missing(key));
            return None;
        }
        self.reader
            .expr(self.node, key, self.head, crate::expr::Type::Bool)
    }

    /// A required number expression (such as `revenue_fiscal / revenue_total`), parsed and
    /// type-checked against the metric catalogue.
    pub fn quantity(&mut self, key: &str) -> Option<Expr> {
        if !self.has(key) {
            self.reader.err(self.node.pos, missing(key));
            return None;
        }
        self.reader
            .expr(self.node, key, self.head, crate::expr::Type::Number)
    }

    /// Thresholds outside the metric's declared range can never be met or never fail.
    pub fn within_range(&mut self, metric: &str, min: &Option<Threshold>, max: &Option<Threshold>) {
        self.reader.in_range(self.node, metric, self.head, min, max);
    }

    /// The parameters of a nested mapping (such as `decline: {max_drop}`), its keys
    /// limited to `allowed`.
    pub fn nested(&mut self, key: &str, allowed: &[&str]) -> Option<Params<'_>> {
        let node = self.node.get(key)?;
        if node.as_map().is_none() && !node.is_null() {
            self.reader.err(
                node.pos,
                t!("`{key}` 必须是映射", "`{key}` must be a mapping", key = key),
            );
            return None;
        }
        self.reader.only_keys(node, allowed);
        Some(Params {
            reader: self.reader,
            node,
            head: self.head,
        })
    }

    /// The list under `key`, each item as its own parameters (such as table columns).
    pub fn items(&self, key: &str) -> &'a [Node] {
        self.node.get(key).and_then(Node::as_seq).unwrap_or(&[])
    }

    /// The parameters of one item of [`items`](Self::items).
    pub fn item<'b>(&'b mut self, node: &'b Node) -> Params<'b> {
        Params {
            reader: self.reader,
            node,
            head: self.head,
        }
    }

    /// The item itself when it is a plain text.
    pub fn as_text(&self) -> Option<String> {
        self.node.scalar_text()
    }

    /// Limit the keys of this mapping to `allowed`.
    pub fn only(&mut self, allowed: &[&str]) {
        self.reader.only_keys(self.node, allowed);
    }
}
