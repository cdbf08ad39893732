//! Reading YAML values of a standard with located errors: the helpers every part of the loader uses.

use super::*;

impl Reader {
    pub(super) fn err(&mut self, pos: Pos, message: String) {
        self.errors.push(StandardError {
            file: self.file.clone(),
            line: pos.line.max(1),
            column: pos.column.max(1),
            message,
        });
    }

    pub(super) fn only_keys(&mut self, node: &Node, allowed: &[&str]) {
        if let Some(entries) = node.as_map() {
            for (k, _) in entries {
                if !allowed.contains(&k.name.as_str()) {
                    self.err(
                        k.pos,
                        format!(
                            "unknown key `{}` (expected one of: {})",
                            k.name,
                            allowed.join(", ")
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
                    self.err(v.pos, format!("`{key}` must be a non-empty text"));
                    None
                }
            },
            None => {
                self.err(node.pos, format!("missing `{key}`"));
                None
            }
        }
    }

    pub(super) fn str_opt(&mut self, node: &Node, key: &str) -> Option<String> {
        let v = node.get(key)?;
        match v.scalar_text() {
            Some(s) => Some(s),
            None => {
                self.err(v.pos, format!("`{key}` must be a text"));
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
                    format!("`{what}` must be a number, found {}", v.type_name()),
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
                        self.err(i.pos, format!("`{key}` entries must be texts"));
                        None
                    }
                })
                .collect(),
            None => {
                self.err(v.pos, format!("`{key}` must be a list of texts"));
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
                    format!("missing `{key}` (a mapping with `zh` and `en`)"),
                );
            }
            return Text::default();
        };
        if v.as_map().is_none() {
            self.err(
                v.pos,
                format!("`{key}` must be a mapping with `zh` and `en`"),
            );
            return Text::default();
        }
        self.only_keys(v, &["zh", "en"]);
        let zh = v.get("zh").and_then(Node::scalar_text).unwrap_or_default();
        let en = v.get("en").and_then(Node::scalar_text).unwrap_or_default();
        if zh.trim().is_empty() {
            self.err(v.pos, format!("`{key}` has no Chinese text (`zh`)"));
        }
        if en.trim().is_empty() {
            self.err(v.pos, format!("`{key}` has no English text (`en`)"));
        }
        Text { zh, en }
    }
}
