//! A rule of `rules/*.yaml`: its header fields, references into the catalogues and its check.

use super::*;
use crate::checks::KINDS;

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
                "caps_grade",
                "exit_risk",
            ],
        );
        let id = self.str_req(item, "id")?;
        let dimension = match self.str_req(item, "dimension") {
            Some(d) => Dimension::parse(&d).or_else(|| {
                self.err(
                    item.get("dimension").map_or(item.pos, |n| n.pos),
                    t!("未知的维度 `{d}`", "unknown dimension `{d}`", d = d),
                );
                None
            }),
            None => None,
        };
        let severity = match self.str_req(item, "severity") {
            Some(s) => Severity::parse(&s).or_else(|| {
                self.err(
                    item.get("severity").map_or(item.pos, |n| n.pos),
                    t!(
                        "未知的严重程度 `{s}`（error、warning、info）",
                        "unknown severity `{s}` (error, warning, info)",
                        s = s
                    ),
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
        let caps_grade = self.str_opt(item, "caps_grade");
        if let Some(g) = &caps_grade {
            self.known_grade(item, "caps_grade", g, &head.grades);
        }
        let exit_risk = match self.str_opt(item, "exit_risk").as_deref() {
            None | Some("false") => false,
            Some("true") => true,
            Some(other) => {
                self.err(
                    item.get("exit_risk").map_or(item.pos, |n| n.pos),
                    t!(
                        "`exit_risk` 必须是 true 或 false，而不是 `{v}`",
                        "`exit_risk` must be true or false, not `{v}`",
                        v = other
                    ),
                );
                false
            }
        };
        let check = match item.get("check") {
            Some(c) => self.check(c, head),
            None => {
                self.err(
                    item.pos,
                    t!(
                        "规则 `{id}` 缺少 `check`",
                        "rule `{id}` has no `check`",
                        id = id
                    ),
                );
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
            caps_grade,
            exit_risk,
        })
    }

    pub(super) fn metric_ref(&mut self, node: &Node, key: &str, head: &Header) -> Option<String> {
        let m = self.str_req(node, key)?;
        if !head.metrics.iter().any(|x| x.id == m) {
            self.err(
                node.get(key).map_or(node.pos, |n| n.pos),
                t!(
                    "未知的指标 `{m}`（不在指标目录中）",
                    "unknown metric `{m}` (not in the metric catalogue)",
                    m = m
                ),
            );
        }
        Some(m)
    }

    pub(super) fn doc_ref(&mut self, node: &Node, key: &str, head: &Header) -> Option<String> {
        let d = self.str_req(node, key)?;
        if !head.documents.iter().any(|x| x.id == d) {
            self.err(
                node.get(key).map_or(node.pos, |n| n.pos),
                t!(
                    "未知的文档类型 `{d}`（不在文档目录中）",
                    "unknown document type `{d}` (not in the document catalogue)",
                    d = d
                ),
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
                t!(
                    "文档 `{doc}` 没有章节 `{h}`",
                    "unknown heading `{h}` of document `{doc}`",
                    h = h,
                    doc = doc
                ),
            );
        }
        Some(h)
    }

    /// The expression under `key`, which must give `want` (a condition or a number).
    pub(super) fn expr(
        &mut self,
        node: &Node,
        key: &str,
        head: &Header,
        want: Type,
    ) -> Option<Expr> {
        let v = node.get(key)?;
        let Some(src) = v.as_str() else {
            self.err(
                v.pos,
                t!(
                    "`{key}` 必须是表达式文本",
                    "`{key}` must be an expression text",
                    key = key
                ),
            );
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
            Ok(e) if e.result_type() == want => Some(e),
            Ok(_) if want == Type::Bool => {
                self.err(
                    v.pos,
                    t!(
                        "`{key}` 必须是条件（结果为真或假），但 `{src}` 的结果是数值",
                        "`{key}` must be a condition (true/false), but `{src}` is a number",
                        key = key,
                        src = src
                    ),
                );
                None
            }
            Ok(_) => {
                self.err(
                    v.pos,
                    t!(
                        "`{key}` 必须是数值表达式（如 revenue_fiscal / revenue_total），但 `{src}` 的结果是真假值",
                        "`{key}` must be a number expression (such as revenue_fiscal / revenue_total), but `{src}` is a condition",
                        key = key,
                        src = src
                    ),
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
                    t!(
                        "表达式：{message}（表达式第 {column} 列）",
                        "expression: {message} (column {column} of the expression)",
                        message = e.message,
                        column = e.column
                    ),
                );
                None
            }
        }
    }

    /// A rule's `check`: its kind picks the parameters, which only that kind's module reads.
    pub(super) fn check(&mut self, c: &Node, head: &Header) -> Option<Check> {
        let kind = self.str_req(c, "kind")?;
        let Some(info) = KINDS.iter().find(|k| k.name == kind) else {
            let names: Vec<&str> = KINDS.iter().map(|k| k.name).collect();
            self.err(
                c.get("kind").map_or(c.pos, |n| n.pos),
                t!(
                    "未知的检查类型 `{kind}`（{names_zh}）",
                    "unknown check kind `{kind}` ({names})",
                    kind = kind,
                    names = names.join(", "),
                    names_zh = names.join("、")
                ),
            );
            return None;
        };
        let mut keys = info.parameters();
        keys.insert(0, "kind".to_string());
        let keys: Vec<&str> = keys.iter().map(String::as_str).collect();
        self.only_keys(c, &keys);
        let mut params = Params::new(self, c, head);
        Check::load(&kind, &mut params).flatten()
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
                        t!(
                            "阈值 {v} 超出指标 `{metric}` 的取值范围（{min}..{max}）",
                            "threshold {v} is outside the range of metric `{metric}` ({min}..{max})",
                            v = v,
                            metric = metric,
                            min = def.min.map_or("".into(), |x| x.to_string()),
                            max = def.max.map_or("".into(), |x| x.to_string())
                        ),
                    );
                }
            }
        }
    }
}
