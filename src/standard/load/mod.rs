//! Loading a standard folder (`standard.yaml` + `rules/*.yaml`) with precise errors.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::*;
use crate::expr::{Limits, Type};
use crate::t;
use crate::yaml::{self, Kind, Node, Pos};

mod catalogue;
mod extends;
mod overrides;
mod reader;
mod rules;
mod validate;

pub use reader::Params;

/// A problem in a standard's YAML, located in its file.
#[derive(Debug, Clone, PartialEq)]
pub struct StandardError {
    pub file: String,
    pub line: u32,
    pub column: u32,
    /// The bytes of the file the error is about (empty when it is about the whole file).
    pub span: std::ops::Range<usize>,
    pub message: Text,
}

impl StandardError {
    /// An error at a position of a file.
    pub fn at(file: &str, pos: Pos, message: Text) -> StandardError {
        StandardError {
            file: file.to_string(),
            line: pos.line.max(1),
            column: pos.column.max(1),
            span: pos.span(),
            message,
        }
    }

    /// An error about a whole file (unreadable, missing).
    pub fn whole_file(file: String, message: Text) -> StandardError {
        StandardError {
            file,
            line: 1,
            column: 1,
            span: 0..0,
            message,
        }
    }
}

/// The English message (for logs and test failures; users see either language through
/// [`standard_errors`](crate::report::human::standard_errors)).
impl fmt::Display for StandardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message.en
        )
    }
}

/// The embedded national baseline, as (file name, YAML) pairs.
const EMBEDDED: [(&str, &str); 5] = [
    (
        "standard.yaml",
        include_str!("../../../standards/national-baseline/standard.yaml"),
    ),
    (
        "rules/basic.yaml",
        include_str!("../../../standards/national-baseline/rules/basic.yaml"),
    ),
    (
        "rules/provision.yaml",
        include_str!("../../../standards/national-baseline/rules/provision.yaml"),
    ),
    (
        "rules/support.yaml",
        include_str!("../../../standards/national-baseline/rules/support.yaml"),
    ),
    (
        "rules/evaluation.yaml",
        include_str!("../../../standards/national-baseline/rules/evaluation.yaml"),
    ),
];

/// The files of the national baseline compiled into the binary, as (name, YAML) pairs.
pub fn embedded_sources() -> Vec<(String, String)> {
    EMBEDDED
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect()
}

/// Load the national baseline compiled into the binary.
pub fn load_embedded() -> Result<Standard, Vec<StandardError>> {
    load_sources(&embedded_sources())
}

/// The names of the standards compiled into the binary, as `--standard`, `extends` and
/// `sscheck.toml` accept them.
pub fn embedded_names() -> &'static [&'static str] {
    &[crate::standard::EMBEDDED_NAME]
}

/// The embedded standard called `name`, if there is one.
pub fn load_named(name: &str) -> Option<Result<Standard, Vec<StandardError>>> {
    (name == crate::standard::EMBEDDED_NAME).then(load_embedded)
}

/// Load a standard folder from disk, resolving `extends`.
pub fn load_dir(dir: &Path) -> Result<Standard, Vec<StandardError>> {
    load_dir_inner(dir, &mut Vec::new())
}

/// Most levels of `extends` followed (a chain, not a cycle, that is too long to be meant).
const MAX_EXTENDS_DEPTH: usize = 8;

fn load_dir_inner(dir: &Path, stack: &mut Vec<PathBuf>) -> Result<Standard, Vec<StandardError>> {
    let prefix = |name: &str| dir.join(name).display().to_string();
    let io_err = |file: String, msg: Text| vec![StandardError::whole_file(file, msg)];
    let main = dir.join("standard.yaml");
    let mut sources = Vec::new();
    match std::fs::read_to_string(&main) {
        Ok(t) => sources.push(("standard.yaml".to_string(), t)),
        Err(e) => {
            return Err(io_err(
                main.display().to_string(),
                t!(
                    "无法读取标准：{e}（标准是一个包含 standard.yaml 和 rules/*.yaml 的文件夹）",
                    "cannot read the standard: {e} (a standard is a folder with standard.yaml and rules/*.yaml)",
                    e = e
                ),
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
                Err(e) => {
                    return Err(io_err(
                        prefix(&name),
                        t!("无法读取：{e}", "cannot read: {e}", e = e),
                    ))
                }
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
pub(crate) struct Base {
    metrics: Vec<MetricDef>,
    documents: Vec<DocDef>,
    dimension_weights: BTreeMap<Dimension, f64>,
    grades: Vec<Grade>,
    grade_caps: GradeCaps,
    rules: Vec<Rule>,
    disabled: Vec<DisabledRule>,
}

fn load_layered(
    sources: &[(String, String)],
    dir: Option<&Path>,
    stack: &mut Vec<PathBuf>,
) -> Result<Standard, Vec<StandardError>> {
    let mut errors = Vec::new();
    let mut schema_errors = Vec::new();
    let mut parsed = Vec::new();
    for (i, (name, text)) in sources.iter().enumerate() {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        match yaml::parse(text) {
            Ok(node) => {
                schema_errors.extend(validate::schema_errors(name, &node, i == 0));
                parsed.push((name.clone(), node));
            }
            Err(e) => {
                let pos = e.pos.unwrap_or_default();
                errors.push(StandardError::at(
                    name,
                    pos,
                    if e.budget {
                        t!(
                            "YAML 超出安全限制（嵌套深度、节点或别名数量）：{error}",
                            "YAML exceeds a safety limit (nesting depth, nodes or aliases): {error}",
                            error = e.message
                        )
                    } else {
                        t!("YAML 语法错误", "YAML syntax error")
                    },
                ));
                if !e.budget {
                    // Say the cause in the user's language and point at it, as for
                    // submission files.
                    let explained = yaml::explain(text, &e);
                    let last = errors.last_mut().expect("just pushed");
                    last.message = match &explained.help {
                        Some(help) => {
                            let mut en = help.en.chars();
                            let help = Text::new(
                                help.zh.clone(),
                                en.next().map_or_else(String::new, |c| {
                                    c.to_uppercase().chain(en).collect()
                                }),
                            );
                            t!(
                                "YAML 语法错误：{message}。{help}",
                                "YAML syntax error: {message}. {help}",
                                message = explained.message,
                                help = help
                            )
                        }
                        None => t!(
                            "YAML 语法错误：{message}",
                            "YAML syntax error: {message}",
                            message = explained.message
                        ),
                    };
                    if !explained.span.is_empty() {
                        let loc = crate::finding::LineIndex::new(text).location(
                            name,
                            text,
                            explained.span.clone(),
                        );
                        last.line = loc.line;
                        last.column = loc.column;
                        last.span = explained.span;
                    }
                }
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let Some((main_name, main)) = parsed.first() else {
        return Err(vec![StandardError::whole_file(
            "standard.yaml".into(),
            t!("缺少 standard.yaml", "no standard.yaml"),
        )]);
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
                    t!(
                        "规则文件的顶层需要 `rules:` 列表",
                        "a rules file needs a top-level `rules:` list"
                    ),
                );
                continue;
            }
        };
        r.only_keys(node, &["rules"]);
        let Some(items) = list.as_seq() else {
            r.err(list.pos, t!("`rules` 必须是列表", "`rules` must be a list"));
            continue;
        };
        for item in items {
            if let Some(rule) = r.rule(item, &head) {
                let id_pos = item.get("id").map_or(item.pos, |n| n.pos);
                if let Some((file, pos)) = seen.get(&rule.id) {
                    r.err(
                        id_pos,
                        t!(
                            "规则编号 `{id}` 重复（首次定义于 {file}:{line}）",
                            "duplicate rule id `{id}` (first defined in {file}:{line})",
                            id = rule.id,
                            file = file,
                            line = pos.line
                        ),
                    );
                    continue;
                }
                if let Some(origin) = inherited.get(&rule.id) {
                    r.err(
                        id_pos,
                        t!(
                            "规则 `{id}` 已由继承的标准定义（{origin}）；请在 standard.yaml 的 `overrides:` 中修改",
                            "rule `{id}` is already defined by an extended standard ({origin}); change it under `overrides:` in standard.yaml",
                            id = rule.id,
                            origin = origin
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
    // A veto rule inherited into a scale without its grade would silently cap nothing.
    for rule in rules
        .iter()
        .filter(|x| x.origin.split(':').next() != Some(&head.id))
    {
        if let Some(grade) = rule
            .caps_grade
            .as_ref()
            .filter(|g| !head.grades.iter().any(|x| &x.grade == *g))
        {
            r.err(
                main.get("grades").map_or(main.pos, |n| n.pos),
                t!(
                    "继承的规则 {rule} 的 caps_grade 为等级 `{grade}`，而本标准的等级中没有它",
                    "the inherited rule {rule} has caps_grade `{grade}`, which this standard's grades lack",
                    rule = rule.id,
                    grade = grade
                ),
            );
        }
    }
    if !r.errors.is_empty() || !schema_errors.is_empty() {
        return Err(validate::merge(r.errors, schema_errors));
    }
    // Dimension order, then definition order, whatever the rule files are called.
    rules.sort_by_key(|rule| rule.dimension);
    let metrics_schema = submission_schema::metrics_schema(&head.metrics);
    let center_schema = submission_schema::center_schema(&head.documents);
    let compile = |s: &serde_json::Value| {
        jsonschema::options()
            .should_validate_formats(false)
            .build(s)
            .map_err(|e| {
                vec![StandardError::whole_file(
                    main_name.clone(),
                    t!(
                        "内部错误：生成的 schema 无法编译：{e}",
                        "internal: generated schema does not compile: {e}",
                        e = e
                    ),
                )]
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
        grade_caps: head.grade_caps,
        rules,
        disabled,
    })
}

/// The parts of `standard.yaml` rules are checked against.
pub(crate) struct Header {
    extends: Vec<String>,
    id: String,
    version: String,
    title: Text,
    metrics: Vec<MetricDef>,
    documents: Vec<DocDef>,
    dimension_weights: BTreeMap<Dimension, f64>,
    grades: Vec<Grade>,
    grade_caps: GradeCaps,
}

pub(crate) struct Reader {
    file: String,
    errors: Vec<StandardError>,
}

fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}
