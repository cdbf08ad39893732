//! Loading a standard folder (`standard.yaml` + `rules/*.yaml`) with precise errors.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::*;
use crate::expr::{Limits, Type};
use crate::yaml::{self, Kind, Node, Pos};

/// A problem in a standard's YAML, located in its file.
#[derive(Debug, Clone, PartialEq)]
pub struct StandardError {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl fmt::Display for StandardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

/// The embedded national baseline, as (file name, YAML) pairs.
const EMBEDDED: [(&str, &str); 5] = [
    (
        "standard.yaml",
        include_str!("../../standards/national-baseline/standard.yaml"),
    ),
    (
        "rules/basic.yaml",
        include_str!("../../standards/national-baseline/rules/basic.yaml"),
    ),
    (
        "rules/provision.yaml",
        include_str!("../../standards/national-baseline/rules/provision.yaml"),
    ),
    (
        "rules/support.yaml",
        include_str!("../../standards/national-baseline/rules/support.yaml"),
    ),
    (
        "rules/evaluation.yaml",
        include_str!("../../standards/national-baseline/rules/evaluation.yaml"),
    ),
];

/// Load the national baseline compiled into the binary.
pub fn load_embedded() -> Result<Standard, Vec<StandardError>> {
    let sources: Vec<(String, String)> = EMBEDDED
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    load_sources(&sources)
}

/// Load a standard folder from disk, resolving `extends`.
pub fn load_dir(dir: &Path) -> Result<Standard, Vec<StandardError>> {
    load_dir_inner(dir, &mut Vec::new())
}

/// Most levels of `extends` followed (a chain, not a cycle, that is too long to be meant).
const MAX_EXTENDS_DEPTH: usize = 8;

fn load_dir_inner(dir: &Path, stack: &mut Vec<PathBuf>) -> Result<Standard, Vec<StandardError>> {
    let prefix = |name: &str| dir.join(name).display().to_string();
    let io_err = |file: String, msg: String| {
        vec![StandardError {
            file,
            line: 1,
            column: 1,
            message: msg,
        }]
    };
    let main = dir.join("standard.yaml");
    let mut sources = Vec::new();
    match std::fs::read_to_string(&main) {
        Ok(t) => sources.push(("standard.yaml".to_string(), t)),
        Err(e) => {
            return Err(io_err(
                main.display().to_string(),
                format!("cannot read the standard: {e} (a standard is a folder with standard.yaml and rules/*.yaml)"),
            ))
        }
    }
    let rules_dir = dir.join("rules");
    if let Ok(entries) = std::fs::read_dir(&rules_dir) {
        let mut files: Vec<_> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
            .collect();
        files.sort();
        for f in files {
            let name = format!(
                "rules/{}",
                f.file_name().unwrap_or_default().to_string_lossy()
            );
            match std::fs::read_to_string(&f) {
                Ok(t) => sources.push((name, t)),
                Err(e) => return Err(io_err(prefix(&name), format!("cannot read: {e}"))),
            }
        }
    }
    let canonical = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    stack.push(canonical);
    let result = load_layered(&sources, Some(dir), stack);
    stack.pop();
    result.map_err(|errors| {
        errors
            .into_iter()
            .map(|mut e| {
                // Errors of an extended standard already carry their full path.
                if !Path::new(&e.file).is_absolute()
                    && !e.file.starts_with(&dir.display().to_string())
                {
                    e.file = prefix(&e.file);
                }
                e
            })
            .collect()
    })
}

/// Load a standard from (file name, YAML text) pairs; the first is `standard.yaml`.
/// `extends` may name only the embedded baseline here (there is no folder to resolve against).
pub fn load_sources(sources: &[(String, String)]) -> Result<Standard, Vec<StandardError>> {
    load_layered(sources, None, &mut Vec::new())
}

/// What extended standards contribute, merged in `extends` order.
struct Base {
    metrics: Vec<MetricDef>,
    documents: Vec<DocDef>,
    dimension_weights: BTreeMap<Dimension, f64>,
    grades: Vec<Grade>,
    rules: Vec<Rule>,
    disabled: Vec<DisabledRule>,
}

fn load_layered(
    sources: &[(String, String)],
    dir: Option<&Path>,
    stack: &mut Vec<PathBuf>,
) -> Result<Standard, Vec<StandardError>> {
    let mut errors = Vec::new();
    let mut parsed = Vec::new();
    for (name, text) in sources {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        match yaml::parse(text) {
            Ok(node) => parsed.push((name.clone(), node)),
            Err(e) => {
                let pos = e.pos.unwrap_or_default();
                errors.push(StandardError {
                    file: name.clone(),
                    line: pos.line.max(1),
                    column: pos.column.max(1),
                    message: if e.budget {
                        format!(
                            "YAML exceeds a safety limit (nesting depth, nodes or aliases): {}",
                            e.message
                        )
                    } else {
                        format!("YAML syntax: {}", e.message)
                    },
                });
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let Some((main_name, main)) = parsed.first() else {
        return Err(vec![StandardError {
            file: "standard.yaml".into(),
            line: 1,
            column: 1,
            message: "no standard.yaml".into(),
        }]);
    };
    let mut r = Reader {
        file: main_name.clone(),
        errors: Vec::new(),
    };
    let base = r.bases(main, dir, stack)?;
    let head = r.header(main, base.as_ref());
    let mut rules: Vec<Rule> = base.as_ref().map_or_else(Vec::new, |b| b.rules.clone());
    let mut disabled = base.as_ref().map_or_else(Vec::new, |b| b.disabled.clone());
    let inherited: BTreeMap<String, String> = rules
        .iter()
        .map(|r| (r.id.clone(), r.origin.clone()))
        .collect();
    let mut seen: BTreeMap<String, (String, Pos)> = BTreeMap::new();
    for (name, node) in &parsed[1..] {
        r.file = name.clone();
        let list = match node.get("rules") {
            Some(l) => l,
            None => {
                r.err(
                    node.pos,
                    "a rules file needs a top-level `rules:` list".into(),
                );
                continue;
            }
        };
        r.only_keys(node, &["rules"]);
        let Some(items) = list.as_seq() else {
            r.err(list.pos, "`rules` must be a list".into());
            continue;
        };
        for item in items {
            if let Some(rule) = r.rule(item, &head) {
                let id_pos = item.get("id").map_or(item.pos, |n| n.pos);
                if let Some((file, pos)) = seen.get(&rule.id) {
                    r.err(
                        id_pos,
                        format!(
                            "duplicate rule id `{}` (first defined in {}:{})",
                            rule.id, file, pos.line
                        ),
                    );
                    continue;
                }
                if let Some(origin) = inherited.get(&rule.id) {
                    r.err(
                        id_pos,
                        format!(
                            "rule `{}` is already defined by an extended standard ({origin}); change it under `overrides:` in standard.yaml",
                            rule.id
                        ),
                    );
                    continue;
                }
                seen.insert(rule.id.clone(), (name.clone(), id_pos));
                rules.push(rule);
            }
        }
    }
    r.file = main_name.clone();
    r.overrides(main, &head, &mut rules, &mut disabled);
    if !r.errors.is_empty() {
        return Err(r.errors);
    }
    // Dimension order, then definition order, whatever the rule files are called.
    rules.sort_by_key(|rule| rule.dimension);
    let metrics_schema = schema::metrics_schema(&head.metrics);
    let center_schema = schema::center_schema(&head.documents);
    let compile = |s: &serde_json::Value| {
        jsonschema::options()
            .should_validate_formats(false)
            .build(s)
            .map_err(|e| {
                vec![StandardError {
                    file: main_name.clone(),
                    line: 1,
                    column: 1,
                    message: format!("internal: generated schema does not compile: {e}"),
                }]
            })
    };
    Ok(Standard {
        id: head.id,
        version: head.version,
        title: head.title,
        extends: head.extends,
        metrics_schema: compile(&metrics_schema)?,
        center_schema: compile(&center_schema)?,
        metrics: head.metrics,
        documents: head.documents,
        dimension_weights: head.dimension_weights,
        grades: head.grades,
        rules,
        disabled,
    })
}

/// The parts of `standard.yaml` rules are checked against.
struct Header {
    extends: Vec<String>,
    id: String,
    version: String,
    title: Text,
    metrics: Vec<MetricDef>,
    documents: Vec<DocDef>,
    dimension_weights: BTreeMap<Dimension, f64>,
    grades: Vec<Grade>,
}

struct Reader {
    file: String,
    errors: Vec<StandardError>,
}

impl Reader {
    fn err(&mut self, pos: Pos, message: String) {
        self.errors.push(StandardError {
            file: self.file.clone(),
            line: pos.line.max(1),
            column: pos.column.max(1),
            message,
        });
    }

    fn only_keys(&mut self, node: &Node, allowed: &[&str]) {
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

    fn str_req(&mut self, node: &Node, key: &str) -> Option<String> {
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

    fn str_opt(&mut self, node: &Node, key: &str) -> Option<String> {
        let v = node.get(key)?;
        match v.scalar_text() {
            Some(s) => Some(s),
            None => {
                self.err(v.pos, format!("`{key}` must be a text"));
                None
            }
        }
    }

    fn num(&mut self, v: &Node, what: &str) -> Option<f64> {
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

    fn num_opt(&mut self, node: &Node, key: &str) -> Option<f64> {
        let v = node.get(key)?;
        self.num(v, key)
    }

    fn strings(&mut self, node: &Node, key: &str) -> Vec<String> {
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
    fn text(&mut self, node: &Node, key: &str, optional: bool) -> Text {
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

    fn header(&mut self, root: &Node, base: Option<&Base>) -> Header {
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
                            format!(
                                "unknown dimension `{}` (basic, provision, support, evaluation)",
                                k.name
                            ),
                        );
                        continue;
                    };
                    self.only_keys(v, &["weight"]);
                    if let Some(w) = v.get("weight").and_then(|w| self.num(w, "weight")) {
                        if w < 0.0 {
                            self.err(v.pos, "a weight cannot be negative".into());
                        }
                        dimension_weights.insert(dim, w);
                    }
                }
                if dimension_weights.values().sum::<f64>() <= 0.0 {
                    self.err(
                        root.get("dimensions").map_or(root.pos, |d| d.pos),
                        "dimension weights sum to zero".into(),
                    );
                }
            }
            None if base.is_some() => {}
            None => self.err(
                root.pos,
                "missing `dimensions` (basic, provision, support, evaluation with weights)".into(),
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
                            self.err(g.pos, "missing `min`".into());
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
                        "`grades` is empty".into(),
                    );
                }
            }
            None if base.is_some() => {}
            None => self.err(root.pos, "missing `grades` (a list of {grade, min})".into()),
        }
        let mut metrics = base.map_or_else(Vec::new, |b| b.metrics.clone());
        let own_metrics = self.metrics(root, base.is_some());
        self.add_unique(
            &mut metrics,
            own_metrics,
            root,
            "metrics",
            |m| &m.id,
            "metric",
        );
        let mut documents = base.map_or_else(Vec::new, |b| b.documents.clone());
        let own_docs = self.documents(root, base.is_some());
        self.add_unique(
            &mut documents,
            own_docs,
            root,
            "documents",
            |d| &d.id,
            "document type",
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
        }
    }

    /// Add catalogue entries of an extending standard; an id the base has is a conflict.
    fn add_unique<T>(
        &mut self,
        into: &mut Vec<T>,
        own: Vec<T>,
        root: &Node,
        key: &str,
        id: impl Fn(&T) -> &String,
        what: &str,
    ) {
        for item in own {
            if into.iter().any(|x| id(x) == id(&item)) {
                let pos = root
                    .get(key)
                    .and_then(|m| m.entry(id(&item)))
                    .map_or(root.pos, |(k, _)| k.pos);
                self.err(
                    pos,
                    format!(
                        "{what} `{}` is already defined by an extended standard; an extending standard can only add new ones",
                        id(&item)
                    ),
                );
                continue;
            }
            into.push(item);
        }
    }

    /// Load and merge the standards named by `extends`.
    fn bases(
        &mut self,
        root: &Node,
        dir: Option<&Path>,
        stack: &mut Vec<PathBuf>,
    ) -> Result<Option<Base>, Vec<StandardError>> {
        let Some(ext) = root.get("extends") else {
            return Ok(None);
        };
        let entries: Vec<&Node> = match &ext.kind {
            Kind::Null => return Ok(None),
            Kind::Str(_) => vec![ext],
            Kind::Seq(items) => items.iter().collect(),
            _ => {
                self.err(ext.pos, "`extends` must be a list of standards".into());
                return Err(std::mem::take(&mut self.errors));
            }
        };
        let mut merged: Option<Base> = None;
        for entry in entries {
            let Some(name) = entry.as_str() else {
                self.err(entry.pos, "an `extends` entry must be a text".into());
                continue;
            };
            if stack.len() > MAX_EXTENDS_DEPTH {
                self.err(
                    entry.pos,
                    format!("`extends` is nested more than {MAX_EXTENDS_DEPTH} levels deep"),
                );
                continue;
            }
            let folder = dir
                .map(|d| d.join(name))
                .filter(|p| p.join("standard.yaml").is_file());
            let loaded = match folder {
                Some(path) => {
                    let canonical = path.canonicalize().unwrap_or_else(|_| path.clone());
                    if stack.contains(&canonical) {
                        self.err(
                            entry.pos,
                            format!("`extends` cycle: `{name}` extends this standard again"),
                        );
                        continue;
                    }
                    load_dir_inner(&path, stack)
                }
                None if name == EMBEDDED_NAME => load_embedded(),
                None => {
                    self.err(
                        entry.pos,
                        format!(
                            "cannot find the standard `{name}`: expected a folder with standard.yaml relative to this standard, or `{EMBEDDED_NAME}` (the embedded baseline)"
                        ),
                    );
                    continue;
                }
            };
            let std = match loaded {
                Ok(s) => s,
                Err(mut errs) => {
                    self.err(
                        entry.pos,
                        format!("the extended standard `{name}` has errors (listed below)"),
                    );
                    let mut all = std::mem::take(&mut self.errors);
                    all.append(&mut errs);
                    return Err(all);
                }
            };
            match merged.as_mut() {
                None => {
                    merged = Some(Base {
                        metrics: std.metrics,
                        documents: std.documents,
                        dimension_weights: std.dimension_weights,
                        grades: std.grades,
                        rules: std.rules,
                        disabled: std.disabled,
                    })
                }
                Some(b) => {
                    // Later bases add to earlier ones; the same id twice is a conflict.
                    for m in std.metrics {
                        if b.metrics.iter().any(|x| x.id == m.id) {
                            self.err(
                                entry.pos,
                                format!("metric `{}` is defined by two extended standards", m.id),
                            );
                        } else {
                            b.metrics.push(m);
                        }
                    }
                    for d in std.documents {
                        if b.documents.iter().any(|x| x.id == d.id) {
                            self.err(
                                entry.pos,
                                format!(
                                    "document type `{}` is defined by two extended standards",
                                    d.id
                                ),
                            );
                        } else {
                            b.documents.push(d);
                        }
                    }
                    for rule in std.rules {
                        if b.rules.iter().any(|x| x.id == rule.id) {
                            self.err(
                                entry.pos,
                                format!("rule `{}` is defined by two extended standards", rule.id),
                            );
                        } else {
                            b.rules.push(rule);
                        }
                    }
                    b.disabled.extend(std.disabled);
                }
            }
        }
        if !self.errors.is_empty() {
            return Err(std::mem::take(&mut self.errors));
        }
        Ok(merged)
    }

    /// Apply `overrides:` of standard.yaml to inherited or own rules.
    fn overrides(
        &mut self,
        root: &Node,
        head: &Header,
        rules: &mut Vec<Rule>,
        disabled: &mut Vec<DisabledRule>,
    ) {
        let Some(node) = root.get("overrides") else {
            return;
        };
        let Some(entries) = node.as_map() else {
            self.err(node.pos, "`overrides` must map rule ids to changes".into());
            return;
        };
        for (key, change) in entries {
            let Some(i) = rules.iter().position(|r| r.id == key.name) else {
                self.err(
                    key.pos,
                    format!("`overrides` names the unknown rule `{}`", key.name),
                );
                continue;
            };
            self.only_keys(
                change,
                &["severity", "weight", "applies_to", "min", "max", "title"],
            );
            let here = format!("{}:{}:{}", head.id, self.file, key.pos.line);
            let mut notes = Vec::new();
            if let Some(sev) = self.str_opt(change, "severity") {
                if sev == "off" {
                    let rule = rules.remove(i);
                    disabled.push(DisabledRule {
                        id: rule.id,
                        origin: rule.origin,
                        by: here,
                    });
                    continue;
                }
                match Severity::parse(&sev) {
                    Some(s) => {
                        notes.push(format!(
                            "severity {} → {}",
                            rules[i].severity.as_str(),
                            s.as_str()
                        ));
                        rules[i].severity = s;
                    }
                    None => self.err(
                        change.get("severity").map_or(change.pos, |n| n.pos),
                        format!("unknown severity `{sev}` (error, warning, info, off)"),
                    ),
                }
            }
            if let Some(w) = self.num_opt(change, "weight") {
                if w < 0.0 {
                    self.err(change.pos, "a weight cannot be negative".into());
                }
                notes.push(format!("weight {} → {}", rules[i].weight, w));
                rules[i].weight = w;
            }
            if change.get("title").is_some() {
                rules[i].title = self.text(change, "title", false);
                notes.push("title".to_string());
            }
            if let Some(a) = change.get("applies_to") {
                rules[i].applies_to = self.cohort(a);
                notes.push("applies_to".to_string());
            }
            for key_name in ["min", "max"] {
                let Some(v) = change.get(key_name) else {
                    continue;
                };
                let Some(t) = self.threshold(v, key_name) else {
                    continue;
                };
                let metric = match &mut rules[i].check {
                    Check::Metric { metric, min, max }
                    | Check::Trend {
                        test: TrendTest::Range { metric, min, max },
                        ..
                    } => {
                        if key_name == "min" {
                            *min = Some(t.clone());
                        } else {
                            *max = Some(t.clone());
                        }
                        metric.clone()
                    }
                    _ => {
                        self.err(
                            v.pos,
                            format!(
                                "rule `{}` ({}) has no `{key_name}` threshold to override",
                                key.name,
                                rules[i].check.kind()
                            ),
                        );
                        continue;
                    }
                };
                let (min, max) = match key_name {
                    "min" => (Some(t), None),
                    _ => (None, Some(t)),
                };
                self.in_range(change, &metric, head, &min, &max);
                notes.push(format!("{key_name} threshold"));
            }
            rules[i]
                .overridden
                .push(format!("{here} ({})", notes.join(", ")));
        }
    }

    fn metrics(&mut self, root: &Node, extending: bool) -> Vec<MetricDef> {
        let Some(entries) = root.get("metrics").and_then(Node::as_map) else {
            if !extending {
                self.err(root.pos, "missing `metrics` (the metric catalogue)".into());
            }
            return Vec::new();
        };
        let mut out = Vec::new();
        for (k, v) in entries {
            if !is_ident(&k.name) {
                self.err(
                    k.pos,
                    format!("metric id `{}` must be lower_snake_case ASCII", k.name),
                );
            }
            self.only_keys(v, &["name", "type", "unit", "min", "max", "prose"]);
            let name = self.text(v, "name", false);
            let kind = match self.str_req(v, "type") {
                Some(t) => MetricType::parse(&t).unwrap_or_else(|| {
                    self.err(
                        v.get("type").map_or(v.pos, |n| n.pos),
                        format!("unknown metric type `{t}` (int, number, percent, bool)"),
                    );
                    MetricType::Number
                }),
                None => MetricType::Number,
            };
            let unit = self.text(v, "unit", true);
            let min = self.num_opt(v, "min");
            let max = self.num_opt(v, "max");
            let prose = v.get("prose").map(|p| {
                self.only_keys(p, &["terms", "units", "money_base"]);
                let terms = self.strings(p, "terms");
                if terms.is_empty() {
                    self.err(
                        p.pos,
                        "`prose` needs `terms`: the words prose uses before the figure".into(),
                    );
                }
                ProseDef {
                    terms,
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

    fn documents(&mut self, root: &Node, extending: bool) -> Vec<DocDef> {
        let Some(entries) = root.get("documents").and_then(Node::as_map) else {
            if !extending {
                self.err(
                    root.pos,
                    "missing `documents` (the document catalogue)".into(),
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
                self.only_keys(h, &["id", "name", "aliases", "required"]);
                let id = self.str_req(h, "id").unwrap_or_default();
                let name = self.text(h, "name", false);
                let aliases = self.strings(h, "aliases");
                let required =
                    !matches!(h.get("required").map(|r| &r.kind), Some(Kind::Bool(false)));
                headings.push(HeadingDef {
                    id,
                    name,
                    aliases,
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

    fn cohort(&mut self, node: &Node) -> Cohort {
        self.only_keys(node, &["level", "region", "operation_model", "province"]);
        let c = Cohort {
            level: self.strings(node, "level"),
            region: self.strings(node, "region"),
            operation_model: self.strings(node, "operation_model"),
            province: self.strings(node, "province"),
        };
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
                        format!(
                            "unknown {key} `{v}` (expected one of: {})",
                            allowed.join(", ")
                        ),
                    );
                }
            }
        }
        c
    }

    fn threshold(&mut self, v: &Node, what: &str) -> Option<Threshold> {
        if v.as_map().is_none() {
            return self.num(v, what).map(Threshold::fixed);
        }
        self.only_keys(v, &["base", "factors", "cases"]);
        let base = match v.get("base") {
            Some(b) => self.num(b, "base")?,
            None => {
                self.err(v.pos, format!("`{what}` needs a `base` value"));
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

    fn rule(&mut self, item: &Node, head: &Header) -> Option<Rule> {
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

    fn metric_ref(&mut self, node: &Node, key: &str, head: &Header) -> Option<String> {
        let m = self.str_req(node, key)?;
        if !head.metrics.iter().any(|x| x.id == m) {
            self.err(
                node.get(key).map_or(node.pos, |n| n.pos),
                format!("unknown metric `{m}` (not in the metric catalogue)"),
            );
        }
        Some(m)
    }

    fn doc_ref(&mut self, node: &Node, key: &str, head: &Header) -> Option<String> {
        let d = self.str_req(node, key)?;
        if !head.documents.iter().any(|x| x.id == d) {
            self.err(
                node.get(key).map_or(node.pos, |n| n.pos),
                format!("unknown document type `{d}` (not in the document catalogue)"),
            );
        }
        Some(d)
    }

    fn heading_ref(&mut self, node: &Node, key: &str, doc: &str, head: &Header) -> Option<String> {
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

    fn expr(&mut self, node: &Node, key: &str, head: &Header) -> Option<Expr> {
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
                        e.message.en, e.column
                    ),
                );
                None
            }
        }
    }

    fn check(&mut self, c: &Node, head: &Header) -> Option<Check> {
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
    fn in_range(
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

pub const LEVELS: [&str; 4] = ["national", "provincial", "municipal", "county"];
pub const OPERATION_MODELS: [&str; 3] = ["government", "market", "hybrid"];

fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Everything wrong with a standard folder, for `sscheck standard validate`: each file
/// against the JSON Schema of the standard format, then the loader's own checks
/// (references, expressions, ranges, `extends`), without reporting one place twice.
pub fn validate_dir(dir: &Path) -> Result<Standard, Vec<StandardError>> {
    let schema = schema_errors(dir);
    match load_dir(dir) {
        Ok(standard) if schema.is_empty() => Ok(standard),
        Ok(_) => Err(schema),
        Err(mut errors) => {
            // The loader's message is the more specific one where both speak of a line.
            for e in schema {
                if !errors.iter().any(|x| x.file == e.file && x.line == e.line) {
                    errors.push(e);
                }
            }
            Err(errors)
        }
    }
}

fn schema_errors(dir: &Path) -> Vec<StandardError> {
    let mut files = vec![(
        dir.join("standard.yaml"),
        super::format_schema::standard_file_schema(),
    )];
    if let Ok(entries) = std::fs::read_dir(dir.join("rules")) {
        let mut rules: Vec<PathBuf> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
            .collect();
        rules.sort();
        files.extend(
            rules
                .into_iter()
                .map(|p| (p, super::format_schema::rules_file_schema())),
        );
    }
    let mut out = Vec::new();
    for (path, schema) in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let Ok(root) = yaml::parse(text.strip_prefix('\u{feff}').unwrap_or(&text)) else {
            continue; // the loader reports syntax errors
        };
        let Ok(validator) = jsonschema::options()
            .should_validate_formats(false)
            .build(&schema)
        else {
            continue;
        };
        let json = root.to_json();
        for err in validator.iter_errors(&json) {
            let pointer = err.instance_path().as_str().to_string();
            let (key, node) = root.locate(&pointer);
            let pos = match err.kind() {
                // These name the parent object: point at its key when there is one.
                jsonschema::error::ValidationErrorKind::AdditionalProperties { unexpected } => {
                    unexpected
                        .first()
                        .and_then(|name| node.entry(name))
                        .map_or(node.pos, |(k, _)| k.pos)
                }
                jsonschema::error::ValidationErrorKind::Required { .. } => {
                    key.map_or(node.pos, |k| k.pos)
                }
                _ => node.pos,
            };
            let at = if pointer.is_empty() {
                "the file".to_string()
            } else {
                format!("`{}`", pointer.trim_start_matches('/').replace('/', "."))
            };
            out.push(StandardError {
                file: path.display().to_string(),
                line: pos.line.max(1),
                column: pos.column.max(1),
                message: format!("schema: {at}: {err}"),
            });
        }
    }
    out
}
