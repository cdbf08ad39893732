//! `standard.yaml`'s own parts: header, dimensions, grades, the metric and document catalogues, cohorts and thresholds.

use super::*;
use crate::figures::Frame;

impl Reader {
    pub(super) fn header(&mut self, root: &Node, base: Option<&Base>) -> Header {
        self.only_keys(
            root,
            &[
                "id",
                "version",
                "title",
                "extends",
                "dimensions",
                "grades",
                "metrics",
                "documents",
                "overrides",
                "grading",
            ],
        );
        let id = self.str_req(root, "id").unwrap_or_default();
        let version = self.str_req(root, "version").unwrap_or_default();
        let title = self.text(root, "title", false);
        let extends = self.strings(root, "extends");
        let mut dimension_weights =
            base.map_or_else(BTreeMap::new, |b| b.dimension_weights.clone());
        match root
            .get("dimensions")
            .and_then(|d| d.as_map().map(|m| (d, m)))
        {
            Some((_, entries)) => {
                for (k, v) in entries {
                    let Some(dim) = Dimension::parse(&k.name) else {
                        self.err(
                            k.pos,
                            t!(
                                "未知的维度 `{name}`（basic、provision、support、evaluation）",
                                "unknown dimension `{name}` (basic, provision, support, evaluation)",
                                name = k.name
                            ),
                        );
                        continue;
                    };
                    self.only_keys(v, &["weight"]);
                    if let Some(w) = v.get("weight").and_then(|w| self.num(w, "weight")) {
                        if w < 0.0 {
                            self.err(v.pos, t!("权重不能为负数", "a weight cannot be negative"));
                        }
                        dimension_weights.insert(dim, w);
                    }
                }
                if dimension_weights.values().sum::<f64>() <= 0.0 {
                    self.err(
                        root.get("dimensions").map_or(root.pos, |d| d.pos),
                        t!("各维度权重之和为零", "dimension weights sum to zero"),
                    );
                }
            }
            None if base.is_some() => {}
            None => self.err(
                root.pos,
                t!(
                    "缺少 `dimensions`（basic、provision、support、evaluation 及其权重）",
                    "missing `dimensions` (basic, provision, support, evaluation with weights)"
                ),
            ),
        }
        let mut grades = base.map_or_else(Vec::new, |b| b.grades.clone());
        match root.get("grades").and_then(Node::as_seq) {
            Some(items) => {
                // An extending standard's grade scale replaces the base's whole.
                grades.clear();
                for g in items {
                    self.only_keys(g, &["grade", "min", "label"]);
                    let grade = self.str_req(g, "grade").unwrap_or_default();
                    let min = match g.get("min") {
                        Some(v) => self.num(v, "min").unwrap_or(0.0),
                        None => {
                            self.err(g.pos, t!("缺少 `min`", "missing `min`"));
                            0.0
                        }
                    };
                    let label = self.text(g, "label", true);
                    grades.push(Grade { grade, min, label });
                }
                grades.sort_by(|a, b| b.min.total_cmp(&a.min));
                if grades.is_empty() {
                    self.err(
                        root.get("grades").map_or(root.pos, |g| g.pos),
                        t!("`grades` 为空", "`grades` is empty"),
                    );
                }
            }
            None if base.is_some() => {}
            None => self.err(
                root.pos,
                t!(
                    "缺少 `grades`（由 {{grade, min}} 组成的列表）",
                    "missing `grades` (a list of {{grade, min}})"
                ),
            ),
        }
        let mut grade_caps = base.map_or_else(GradeCaps::default, |b| b.grade_caps.clone());
        // Caps inherited with a grade the new scale lacks must be set again.
        for (key, cap) in [
            ("incomplete", &grade_caps.incomplete),
            ("errors", &grade_caps.errors),
        ] {
            let here = root.get("grading").and_then(|g| g.get(key)).is_some();
            if let Some(grade) = cap
                .as_ref()
                .filter(|g| !here && !grades.iter().any(|x| &x.grade == *g))
            {
                self.err(
                    root.get("grades").map_or(root.pos, |n| n.pos),
                    t!(
                        "继承的 grading.{key} 为等级 `{grade}`，而本标准的等级中没有它；请在 grading 中重新设定 {key}",
                        "the inherited grading.{key} is grade `{grade}`, which this standard's grades lack; set {key} under `grading:`",
                        key = key,
                        grade = grade
                    ),
                );
            }
        }
        // An inherited relative grading must name grades of this scale.
        if let Some(rel) = &grade_caps.relative {
            let here = root
                .get("grading")
                .and_then(|g| g.get("relative"))
                .is_some();
            if let Some((grade, _)) = rel
                .grades
                .iter()
                .find(|(g, _)| !here && !grades.iter().any(|x| &x.grade == g))
            {
                self.err(
                    root.get("grades").map_or(root.pos, |n| n.pos),
                    t!(
                        "继承的 grading.relative 使用等级 `{grade}`，而本标准的等级中没有它；请在 grading 中重新设定 relative",
                        "the inherited grading.relative uses grade `{grade}`, which this standard's grades lack; set relative under `grading:`",
                        grade = grade
                    ),
                );
            }
        }
        if let Some(g) = root.get("grading") {
            self.only_keys(g, &["incomplete", "errors", "relative"]);
            if let Some(rel) = g.get("relative") {
                grade_caps.relative = self.relative(rel, &grades, root, base);
            }
            for key in ["incomplete", "errors"] {
                let Some(grade) = self.str_opt(g, key) else {
                    continue;
                };
                self.known_grade(g, key, &grade, &grades);
                match key {
                    "incomplete" => grade_caps.incomplete = Some(grade),
                    _ => grade_caps.errors = Some(grade),
                }
            }
        }
        let mut metrics = base.map_or_else(Vec::new, |b| b.metrics.clone());
        let own_metrics = self.metrics(root, base.is_some());
        self.add_unique(
            &mut metrics,
            own_metrics,
            root,
            "metrics",
            |m| &m.id,
            t!("指标", "metric"),
        );
        let mut documents = base.map_or_else(Vec::new, |b| b.documents.clone());
        let own_docs = self.documents(root, base.is_some());
        self.add_unique(
            &mut documents,
            own_docs,
            root,
            "documents",
            |d| &d.id,
            t!("文档类型", "document type"),
        );
        Header {
            extends,
            id,
            version,
            title,
            metrics,
            documents,
            dimension_weights,
            grades,
            grade_caps,
        }
    }

    /// `grading.relative: {index, by, min_cohort, grades: [{grade, min_percentile}]}`.
    fn relative(
        &mut self,
        node: &Node,
        grades: &[Grade],
        root: &Node,
        base: Option<&Base>,
    ) -> Option<RelativeGrading> {
        if node.is_null() {
            return None;
        }
        if node.as_map().is_none() {
            self.err(
                node.pos,
                t!(
                    "`relative` 必须是映射（index、by、min_cohort、grades）",
                    "`relative` must be a mapping (index, by, min_cohort, grades)"
                ),
            );
            return None;
        }
        self.only_keys(node, &["index", "by", "min_cohort", "grades"]);
        // The metric catalogue is this standard's own plus the inherited one.
        let mut known: Vec<String> = base.map_or_else(Vec::new, |b| {
            b.metrics.iter().map(|m| m.id.clone()).collect()
        });
        if let Some(m) = root.get("metrics").and_then(Node::as_map) {
            known.extend(m.iter().map(|(k, _)| k.name.clone()));
        }
        let index = self.strings(node, "index");
        if index.is_empty() {
            self.err(
                node.get("index").map_or(node.pos, |n| n.pos),
                t!(
                    "`relative.index` 需要至少一个指标",
                    "`relative.index` needs at least one metric"
                ),
            );
        }
        for m in &index {
            if !known.contains(m) {
                self.err(
                    node.get("index").map_or(node.pos, |n| n.pos),
                    t!(
                        "未知的指标 `{m}`（不在指标目录中）",
                        "unknown metric `{m}` (not in the metric catalogue)",
                        m = m
                    ),
                );
            }
        }
        let by = if node.get("by").is_some() {
            self.strings(node, "by")
        } else {
            vec!["region".to_string(), "level".to_string()]
        };
        self.cohort_keys(node, "by", &by);
        let min_cohort = match node.get("min_cohort") {
            None => 8,
            Some(v) => match v.kind {
                Kind::Int(n) if (2..=10_000).contains(&n) => n as u32,
                _ => {
                    self.err(
                        v.pos,
                        t!(
                            "`min_cohort` 必须是 2 到 10000 之间的整数",
                            "`min_cohort` must be a whole number from 2 to 10000"
                        ),
                    );
                    8
                }
            },
        };
        let mut out = Vec::new();
        match node.get("grades").and_then(Node::as_seq) {
            Some(items) if !items.is_empty() => {
                for item in items {
                    self.only_keys(item, &["grade", "min_percentile"]);
                    let Some(grade) = self.str_req(item, "grade") else {
                        continue;
                    };
                    self.known_grade(item, "grade", &grade, grades);
                    let min = match item.get("min_percentile") {
                        Some(v) => self.num(v, "min_percentile"),
                        None => {
                            self.err(
                                item.pos,
                                t!("缺少 `min_percentile`", "missing `min_percentile`"),
                            );
                            None
                        }
                    };
                    let Some(min) = min else { continue };
                    if !(0.0..=100.0).contains(&min) {
                        self.err(
                            item.get("min_percentile").map_or(item.pos, |n| n.pos),
                            t!(
                                "`min_percentile` 必须在 0 到 100 之间",
                                "`min_percentile` must be from 0 to 100"
                            ),
                        );
                        continue;
                    }
                    out.push((grade, min));
                }
                out.sort_by(|a, b| b.1.total_cmp(&a.1));
                if out.last().is_some_and(|(_, m)| *m > 0.0) {
                    self.err(
                        node.get("grades").map_or(node.pos, |n| n.pos),
                        t!(
                            "最低的相对等级的 `min_percentile` 必须为 0，否则排名最后的中心没有等级",
                            "the lowest relative grade needs `min_percentile: 0`, or the last-ranked centers get no grade"
                        ),
                    );
                }
            }
            _ => self.err(
                node.get("grades").map_or(node.pos, |n| n.pos),
                t!(
                    "`relative.grades` 必须是由 {{grade, min_percentile}} 组成的非空列表",
                    "`relative.grades` must be a non-empty list of {{grade, min_percentile}}"
                ),
            ),
        }
        Some(RelativeGrading {
            index,
            by,
            min_cohort,
            grades: out,
        })
    }

    /// Cohort attributes (`by:`) must be among [`COHORT_KEYS`], without repeats.
    pub(super) fn cohort_keys(&mut self, node: &Node, key: &str, by: &[String]) {
        let pos = node.get(key).map_or(node.pos, |n| n.pos);
        if by.is_empty() {
            self.err(
                pos,
                t!(
                    "`{key}` 需要至少一个分组属性（{keys}）",
                    "`{key}` needs at least one attribute ({keys})",
                    key = key,
                    keys = COHORT_KEYS.join(", ")
                ),
            );
        }
        for (i, b) in by.iter().enumerate() {
            if !COHORT_KEYS.contains(&b.as_str()) {
                self.err(
                    pos,
                    t!(
                        "未知的分组属性 `{b}`（应为以下之一：{keys}）",
                        "unknown cohort attribute `{b}` (expected one of: {keys})",
                        b = b,
                        keys = COHORT_KEYS.join(", ")
                    ),
                );
            } else if by[..i].contains(b) {
                self.err(
                    pos,
                    t!(
                        "分组属性 `{b}` 重复",
                        "cohort attribute `{b}` is repeated",
                        b = b
                    ),
                );
            }
        }
    }

    /// A grade named by a cap must be one of the scale's.
    pub(super) fn known_grade(&mut self, node: &Node, key: &str, grade: &str, grades: &[Grade]) {
        if !grades.is_empty() && !grades.iter().any(|g| g.grade == grade) {
            let names: Vec<&str> = grades.iter().map(|g| g.grade.as_str()).collect();
            self.err(
                node.get(key).map_or(node.pos, |n| n.pos),
                t!(
                    "未知等级 `{grade}`（应为：{names}）",
                    "unknown grade `{grade}` (expected one of: {names})",
                    grade = grade,
                    names = Text::new(names.join("、"), names.join(", "))
                ),
            );
        }
    }

    /// Add catalogue entries of an extending standard; an id the base has is a conflict.
    pub(super) fn add_unique<T>(
        &mut self,
        into: &mut Vec<T>,
        own: Vec<T>,
        root: &Node,
        key: &str,
        id: impl Fn(&T) -> &String,
        what: Text,
    ) {
        for item in own {
            if into.iter().any(|x| id(x) == id(&item)) {
                let pos = root
                    .get(key)
                    .and_then(|m| m.entry(id(&item)))
                    .map_or(root.pos, |(k, _)| k.pos);
                self.err(
                    pos,
                    t!(
                        "{what} `{id}` 已由继承的标准定义；继承其他标准的标准只能新增，不能重复定义",
                        "{what} `{id}` is already defined by an extended standard; an extending standard can only add new ones",
                        what = what,
                        id = id(&item)
                    ),
                );
                continue;
            }
            into.push(item);
        }
    }

    /// A metric's `prose.frames`: each a wording with `{n}` once, before the noun.
    fn frames(&mut self, prose: &Node) -> Vec<Frame> {
        let written = self.strings(prose, "frames");
        let items: Vec<Pos> = match prose.get("frames") {
            Some(v) => match v.as_seq() {
                Some(items) => items.iter().map(|i| i.pos).collect(),
                None => vec![v.pos],
            },
            None => Vec::new(),
        };
        let mut frames = Vec::new();
        for (k, w) in written.iter().enumerate() {
            match Frame::parse(w) {
                Some(f) => frames.push(f),
                None => {
                    let pos = items.get(k).copied().unwrap_or(prose.pos);
                    self.err(
                        pos,
                        t!(
                            "`frames` 的 `{w}` 需要恰好一个 {{n}} 代表数字及单位，且其后写出名词，如 为{{n}}企业提供服务",
                            "`{w}` in `frames` needs exactly one {{n}} for the number and its unit, with the noun after it, e.g. 为{{n}}企业提供服务",
                            w = w
                        ),
                    );
                }
            }
        }
        frames
    }

    pub(super) fn metrics(&mut self, root: &Node, extending: bool) -> Vec<MetricDef> {
        let Some(entries) = root.get("metrics").and_then(Node::as_map) else {
            if !extending {
                self.err(
                    root.pos,
                    t!(
                        "缺少 `metrics`（指标目录）",
                        "missing `metrics` (the metric catalogue)"
                    ),
                );
            }
            return Vec::new();
        };
        let mut out = Vec::new();
        for (k, v) in entries {
            if !is_ident(&k.name) {
                self.err(
                    k.pos,
                    t!(
                        "指标编号 `{id}` 必须由小写 ASCII 字母、数字和下划线组成（lower_snake_case）",
                        "metric id `{id}` must be lower_snake_case ASCII",
                        id = k.name
                    ),
                );
            }
            self.only_keys(v, &["name", "type", "unit", "min", "max", "prose"]);
            let name = self.text(v, "name", false);
            let kind = match self.str_req(v, "type") {
                Some(t) => MetricType::parse(&t).unwrap_or_else(|| {
                    self.err(
                        v.get("type").map_or(v.pos, |n| n.pos),
                        t!(
                            "未知的指标类型 `{t}`（int、number、percent、bool）",
                            "unknown metric type `{t}` (int, number, percent, bool)",
                            t = t
                        ),
                    );
                    MetricType::Number
                }),
                None => MetricType::Number,
            };
            let unit = self.text(v, "unit", true);
            let min = self.num_opt(v, "min");
            let max = self.num_opt(v, "max");
            let prose = v.get("prose").map(|p| {
                self.only_keys(p, &["terms", "frames", "units", "money_base"]);
                let terms = self.strings(p, "terms");
                if terms.is_empty() {
                    self.err(
                        p.pos,
                        t!(
                            "`prose` 需要 `terms`：正文中写在数字前面的用语",
                            "`prose` needs `terms`: the words prose uses before the figure"
                        ),
                    );
                }
                let frames = self.frames(p);
                ProseDef {
                    terms,
                    frames,
                    units: self.strings(p, "units"),
                    money_base: self.str_opt(p, "money_base"),
                }
            });
            out.push(MetricDef {
                id: k.name.clone(),
                name,
                kind,
                unit,
                min,
                max,
                prose,
            });
        }
        out
    }

    pub(super) fn documents(&mut self, root: &Node, extending: bool) -> Vec<DocDef> {
        let Some(entries) = root.get("documents").and_then(Node::as_map) else {
            if !extending {
                self.err(
                    root.pos,
                    t!(
                        "缺少 `documents`（文档目录）",
                        "missing `documents` (the document catalogue)"
                    ),
                );
            }
            return Vec::new();
        };
        let mut out = Vec::new();
        for (k, v) in entries {
            self.only_keys(v, &["name", "headings"]);
            let name = self.text(v, "name", false);
            let mut headings = Vec::new();
            for h in v.get("headings").and_then(Node::as_seq).unwrap_or(&[]) {
                self.only_keys(
                    h,
                    &["id", "name", "aliases", "keywords", "near", "required"],
                );
                let id = self.str_req(h, "id").unwrap_or_default();
                let name = self.text(h, "name", false);
                let aliases = self.strings(h, "aliases");
                let keywords = self.strings(h, "keywords");
                let near = self.strings(h, "near");
                let required =
                    !matches!(h.get("required").map(|r| &r.kind), Some(Kind::Bool(false)));
                headings.push(HeadingDef {
                    id,
                    name,
                    aliases,
                    keywords,
                    near,
                    required,
                });
            }
            out.push(DocDef {
                id: k.name.clone(),
                name,
                headings,
            });
        }
        out
    }

    pub(super) fn cohort(&mut self, node: &Node) -> Cohort {
        self.only_keys(node, &["level", "region", "operation_model", "province"]);
        let mut c = Cohort {
            level: self.strings(node, "level"),
            region: self.strings(node, "region"),
            operation_model: self.strings(node, "operation_model"),
            province: self.strings(node, "province"),
        };
        // Centers carry the short name (`广东`); a standard may write either form, but a
        // name that is no mainland province would silently never match.
        for p in &mut c.province {
            match region::normalize_province(p) {
                Some(short) => *p = short.to_string(),
                None => {
                    let pos = node.get("province").map_or(node.pos, |n| n.pos);
                    self.err(
                        pos,
                        t!(
                            "未知的省份 `{p}`（应为内地省级行政区，如 广东 或 广东省）",
                            "unknown province `{p}` (a mainland province, such as 广东 or 广东省)",
                            p = p
                        ),
                    );
                }
            }
        }
        let checks: [(&str, &Vec<String>, &[&str]); 3] = [
            ("level", &c.level, &LEVELS),
            ("region", &c.region, &region::REGIONS),
            ("operation_model", &c.operation_model, &OPERATION_MODELS),
        ];
        for (key, list, allowed) in checks {
            for v in list {
                if !allowed.contains(&v.as_str()) {
                    let pos = node.get(key).map_or(node.pos, |n| n.pos);
                    self.err(
                        pos,
                        t!(
                            "未知的 {key} 取值 `{v}`（应为以下之一：{allowed_zh}）",
                            "unknown {key} `{v}` (expected one of: {allowed})",
                            key = key,
                            v = v,
                            allowed = allowed.join(", "),
                            allowed_zh = allowed.join("、")
                        ),
                    );
                }
            }
        }
        c
    }

    pub(super) fn threshold(&mut self, v: &Node, what: &str) -> Option<Threshold> {
        if v.as_map().is_none() {
            return self.num(v, what).map(Threshold::fixed);
        }
        self.only_keys(v, &["base", "factors", "cases"]);
        let base = match v.get("base") {
            Some(b) => self.num(b, "base")?,
            None => {
                self.err(
                    v.pos,
                    t!(
                        "`{what}` 需要 `base` 值",
                        "`{what}` needs a `base` value",
                        what = what
                    ),
                );
                return None;
            }
        };
        let mut factors = BTreeMap::new();
        if let Some(f) = v.get("factors") {
            self.only_keys(f, &["level", "region", "operation_model"]);
            for (attr, table) in f.as_map().unwrap_or(&[]) {
                let mut t = BTreeMap::new();
                for (k, n) in table.as_map().unwrap_or(&[]) {
                    if let Some(x) = self.num(n, "factor") {
                        t.insert(k.name.clone(), x);
                    }
                }
                factors.insert(attr.name.clone(), t);
            }
        }
        let mut cases = Vec::new();
        for c in v.get("cases").and_then(Node::as_seq).unwrap_or(&[]) {
            self.only_keys(c, &["when", "value"]);
            let cohort = c.get("when").map(|w| self.cohort(w)).unwrap_or_default();
            if let Some(x) = c.get("value").and_then(|n| self.num(n, "value")) {
                cases.push((cohort, x));
            }
        }
        Some(Threshold {
            base,
            factors,
            cases,
        })
    }
}
