//! A rule of `rules/*.yaml`: its header fields, references into the catalogues and its check.

use super::*;

impl Reader {
    pub(super) fn rule(&mut self, item: &Node, head: &Header) -> Option<Rule> {
        self.only_keys(
            item,
            &[
                "id",
                "dimension",
                "severity",
                "weight",
                "title",
                "rationale",
                "help",
                "source",
                "applies_to",
                "check",
                "examples",
            ],
        );
        let id = self.str_req(item, "id")?;
        let dimension = match self.str_req(item, "dimension") {
            Some(d) => Dimension::parse(&d).or_else(|| {
                self.err(
                    item.get("dimension").map_or(item.pos, |n| n.pos),
                    format!("unknown dimension `{d}`"),
                );
                None
            }),
            None => None,
        };
        let severity = match self.str_req(item, "severity") {
            Some(s) => Severity::parse(&s).or_else(|| {
                self.err(
                    item.get("severity").map_or(item.pos, |n| n.pos),
                    format!("unknown severity `{s}` (error, warning, info)"),
                );
                None
            }),
            None => None,
        };
        let weight = self.num_opt(item, "weight").unwrap_or(1.0);
        let title = self.text(item, "title", false);
        let rationale = self.text(item, "rationale", false);
        let help = self.text(item, "help", false);
        let source = self.str_req(item, "source").unwrap_or_default();
        let applies_to = item
            .get("applies_to")
            .map(|a| self.cohort(a))
            .unwrap_or_default();
        let check = match item.get("check") {
            Some(c) => self.check(c, head),
            None => {
                self.err(item.pos, format!("rule `{id}` has no `check`"));
                None
            }
        };
        Some(Rule {
            id,
            dimension: dimension?,
            severity: severity?,
            weight,
            title,
            rationale,
            help,
            source,
            applies_to,
            check: check?,
            origin: format!("{}:{}", head.id, self.file),
            overridden: Vec::new(),
            examples: item.get("examples").and_then(|e| {
                self.only_keys(e, &["pass", "fail"]);
                let pass = self.str_req(e, "pass")?;
                let fail = self.str_req(e, "fail")?;
                Some((pass, fail))
            }),
        })
    }

    pub(super) fn metric_ref(&mut self, node: &Node, key: &str, head: &Header) -> Option<String> {
        let m = self.str_req(node, key)?;
        if !head.metrics.iter().any(|x| x.id == m) {
            self.err(
                node.get(key).map_or(node.pos, |n| n.pos),
                format!("unknown metric `{m}` (not in the metric catalogue)"),
            );
        }
        Some(m)
    }

    pub(super) fn doc_ref(&mut self, node: &Node, key: &str, head: &Header) -> Option<String> {
        let d = self.str_req(node, key)?;
        if !head.documents.iter().any(|x| x.id == d) {
            self.err(
                node.get(key).map_or(node.pos, |n| n.pos),
                format!("unknown document type `{d}` (not in the document catalogue)"),
            );
        }
        Some(d)
    }

    pub(super) fn heading_ref(
        &mut self,
        node: &Node,
        key: &str,
        doc: &str,
        head: &Header,
    ) -> Option<String> {
        let h = self.str_opt(node, key)?;
        let known = head
            .documents
            .iter()
            .find(|d| d.id == doc)
            .is_none_or(|d| d.headings.iter().any(|x| x.id == h));
        if !known {
            self.err(
                node.get(key).map_or(node.pos, |n| n.pos),
                format!("unknown heading `{h}` of document `{doc}`"),
            );
        }
        Some(h)
    }

    pub(super) fn expr(&mut self, node: &Node, key: &str, head: &Header) -> Option<Expr> {
        let v = node.get(key)?;
        let Some(src) = v.as_str() else {
            self.err(v.pos, format!("`{key}` must be an expression text"));
            return None;
        };
        let metric_type = |id: &str| {
            head.metrics
                .iter()
                .find(|m| m.id == id)
                .map(|m| match m.kind {
                    MetricType::Bool => Type::Bool,
                    _ => Type::Number,
                })
        };
        match Expr::compile(src, &metric_type, &Limits::default()) {
            Ok(e) if e.result_type() == Type::Bool => Some(e),
            Ok(_) => {
                self.err(
                    v.pos,
                    format!("`{key}` must be a condition (true/false), but `{src}` is a number"),
                );
                None
            }
            Err(e) => {
                // Point at the column inside the expression (after an opening quote).
                let quoted = matches!(v.pos.len.checked_sub(src.len()), Some(n) if n >= 2);
                let mut pos = v.pos;
                pos.column += e.column.saturating_sub(1) as u32 + u32::from(quoted);
                self.err(
                    pos,
                    format!(
                        "expression: {} (column {} of the expression)",
                        e.message, e.column
                    ),
                );
                None
            }
        }
    }

    pub(super) fn check(&mut self, c: &Node, head: &Header) -> Option<Check> {
        let kind = self.str_req(c, "kind")?;
        let keys: &[&str] = match kind.as_str() {
            "field" => &["kind", "field", "required", "pattern", "one_of", "province"],
            "metric" => &["kind", "metric", "min", "max"],
            "expr" => &["kind", "expr"],
            "trend" => &[
                "kind", "years", "metric", "min", "max", "require", "decline",
            ],
            "document" => &["kind", "document"],
            "sections" => &["kind", "document", "headings", "ordered"],
            "keywords" => &["kind", "document", "section", "all_of", "any_of", "none_of"],
            "table" => &["kind", "document", "section", "columns"],
            "consistency" => &[
                "kind",
                "document",
                "metrics",
                "tolerance",
                "percent_tolerance",
            ],
            "freshness" => &["kind", "documents", "max_age_years"],
            other => {
                self.err(
                    c.get("kind").map_or(c.pos, |n| n.pos),
                    format!("unknown check kind `{other}` (field, metric, expr, trend, document, sections, keywords, table, consistency, freshness)"),
                );
                return None;
            }
        };
        self.only_keys(c, keys);
        let check = match kind.as_str() {
            "field" => {
                let field = self.str_req(c, "field")?;
                let pattern = match self.str_opt(c, "pattern") {
                    Some(p) => match regex::RegexBuilder::new(&p).size_limit(1 << 20).build() {
                        Ok(r) => Some(r),
                        Err(e) => {
                            self.err(
                                c.get("pattern").map_or(c.pos, |n| n.pos),
                                format!("invalid pattern: {e}"),
                            );
                            None
                        }
                    },
                    None => None,
                };
                Check::Field {
                    field,
                    required: !matches!(
                        c.get("required").map(|n| &n.kind),
                        Some(Kind::Bool(false))
                    ),
                    pattern,
                    one_of: self.strings(c, "one_of"),
                    province: matches!(c.get("province").map(|n| &n.kind), Some(Kind::Bool(true))),
                }
            }
            "metric" => {
                let metric = self.metric_ref(c, "metric", head)?;
                let min = c.get("min").and_then(|n| self.threshold(n, "min"));
                let max = c.get("max").and_then(|n| self.threshold(n, "max"));
                if min.is_none() && max.is_none() {
                    self.err(c.pos, "a metric check needs `min` or `max`".into());
                }
                self.in_range(c, &metric, head, &min, &max);
                Check::Metric { metric, min, max }
            }
            "expr" => {
                if c.get("expr").is_none() {
                    self.err(c.pos, "missing `expr`".into());
                }
                Check::Expr {
                    expr: self.expr(c, "expr", head)?,
                }
            }
            "trend" => {
                let years = match c.get("years") {
                    Some(Node {
                        kind: Kind::Int(n), ..
                    }) if (2..=20).contains(n) => *n as u32,
                    Some(n) => {
                        self.err(n.pos, "`years` must be a whole number from 2 to 20".into());
                        return None;
                    }
                    None => {
                        self.err(c.pos, "missing `years`".into());
                        return None;
                    }
                };
                let test = if c.get("require").is_some() {
                    TrendTest::Require {
                        expr: self.expr(c, "require", head)?,
                    }
                } else if let Some(d) = c.get("decline") {
                    self.only_keys(d, &["max_drop"]);
                    TrendTest::Decline {
                        metric: self.metric_ref(c, "metric", head)?,
                        max_drop: self.num_opt(d, "max_drop"),
                    }
                } else {
                    let metric = self.metric_ref(c, "metric", head)?;
                    let min = c.get("min").and_then(|n| self.threshold(n, "min"));
                    let max = c.get("max").and_then(|n| self.threshold(n, "max"));
                    if min.is_none() && max.is_none() {
                        self.err(
                            c.pos,
                            "a trend check needs `require`, `decline`, or `min`/`max`".into(),
                        );
                    }
                    TrendTest::Range { metric, min, max }
                };
                Check::Trend { years, test }
            }
            "document" => Check::Document {
                document: self.doc_ref(c, "document", head)?,
            },
            "sections" => {
                let document = self.doc_ref(c, "document", head)?;
                let headings = self.strings(c, "headings");
                if let Some(d) = head.documents.iter().find(|d| d.id == document) {
                    for h in &headings {
                        if !d.headings.iter().any(|x| &x.id == h) {
                            self.err(
                                c.get("headings").map_or(c.pos, |n| n.pos),
                                format!("unknown heading `{h}` of document `{document}`"),
                            );
                        }
                    }
                }
                Check::Sections {
                    document,
                    headings,
                    ordered: matches!(c.get("ordered").map(|n| &n.kind), Some(Kind::Bool(true))),
                }
            }
            "keywords" => {
                let document = self.doc_ref(c, "document", head)?;
                let section = self.heading_ref(c, "section", &document, head);
                let (all_of, any_of, none_of) = (
                    self.strings(c, "all_of"),
                    self.strings(c, "any_of"),
                    self.strings(c, "none_of"),
                );
                if all_of.is_empty() && any_of.is_empty() && none_of.is_empty() {
                    self.err(
                        c.pos,
                        "a keywords check needs `all_of`, `any_of` or `none_of`".into(),
                    );
                }
                Check::Keywords {
                    document,
                    section,
                    all_of,
                    any_of,
                    none_of,
                }
            }
            "table" => {
                let document = self.doc_ref(c, "document", head)?;
                let section = self.heading_ref(c, "section", &document, head);
                let mut columns = Vec::new();
                for col in c.get("columns").and_then(Node::as_seq).unwrap_or(&[]) {
                    if let Some(name) = col.scalar_text() {
                        columns.push(Column {
                            name,
                            aliases: Vec::new(),
                        });
                    } else {
                        self.only_keys(col, &["name", "aliases"]);
                        if let Some(name) = self.str_req(col, "name") {
                            columns.push(Column {
                                name,
                                aliases: self.strings(col, "aliases"),
                            });
                        }
                    }
                }
                if columns.is_empty() {
                    self.err(c.pos, "a table check needs `columns`".into());
                }
                Check::Table {
                    document,
                    section,
                    columns,
                }
            }
            "consistency" => {
                let document = self.doc_ref(c, "document", head)?;
                let mut metrics = self.strings(c, "metrics");
                for m in &metrics {
                    match head.metrics.iter().find(|x| &x.id == m) {
                        None => self.err(c.get("metrics").map_or(c.pos, |n| n.pos), format!("unknown metric `{m}`")),
                        Some(def) if def.prose.is_none() => self.err(
                            c.get("metrics").map_or(c.pos, |n| n.pos),
                            format!("metric `{m}` has no `prose` terms in the catalogue, so prose cannot be matched to it"),
                        ),
                        _ => {}
                    }
                }
                if metrics.is_empty() {
                    metrics = head
                        .metrics
                        .iter()
                        .filter(|m| m.prose.is_some())
                        .map(|m| m.id.clone())
                        .collect();
                }
                Check::Consistency {
                    document,
                    metrics,
                    tolerance: self.num_opt(c, "tolerance").unwrap_or(0.01),
                    percent_tolerance: self.num_opt(c, "percent_tolerance").unwrap_or(0.002),
                }
            }
            "freshness" => {
                let mut documents = self.strings(c, "documents");
                for d in &documents {
                    if !head.documents.iter().any(|x| &x.id == d) {
                        self.err(
                            c.get("documents").map_or(c.pos, |n| n.pos),
                            format!("unknown document type `{d}`"),
                        );
                    }
                }
                if documents.is_empty() {
                    documents = head.documents.iter().map(|d| d.id.clone()).collect();
                }
                let max_age_years = match c.get("max_age_years") {
                    Some(Node {
                        kind: Kind::Int(n), ..
                    }) if (1..=50).contains(n) => *n as u32,
                    Some(n) => {
                        self.err(
                            n.pos,
                            "`max_age_years` must be a whole number from 1 to 50".into(),
                        );
                        return None;
                    }
                    None => {
                        self.err(c.pos, "missing `max_age_years`".into());
                        return None;
                    }
                };
                Check::Freshness {
                    documents,
                    max_age_years,
                }
            }
            _ => unreachable!("kinds were matched above"),
        };
        Some(check)
    }

    /// Thresholds outside the metric's declared range can never be met or never fail.
    pub(super) fn in_range(
        &mut self,
        c: &Node,
        metric: &str,
        head: &Header,
        min: &Option<Threshold>,
        max: &Option<Threshold>,
    ) {
        let Some(def) = head.metrics.iter().find(|m| m.id == metric) else {
            return;
        };
        for (key, t) in [("min", min), ("max", max)] {
            let Some(t) = t else { continue };
            let values = std::iter::once(t.base).chain(t.cases.iter().map(|(_, v)| *v));
            for v in values {
                let below = def.min.is_some_and(|lo| v < lo);
                let above = def.max.is_some_and(|hi| v > hi);
                if below || above {
                    self.err(
                        c.get(key).map_or(c.pos, |n| n.pos),
                        format!(
                            "threshold {v} is outside the range of metric `{metric}` ({}..{})",
                            def.min.map_or("".into(), |x| x.to_string()),
                            def.max.map_or("".into(), |x| x.to_string())
                        ),
                    );
                }
            }
        }
    }
}
