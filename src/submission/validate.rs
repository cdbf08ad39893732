//! Validating a YAML tree against a JSON Schema and locating each error in the file.

use jsonschema::error::ValidationErrorKind;

use crate::finding::{Finding, InputCode, LineIndex, Severity};
use crate::i18n::Text;
use crate::t;
use crate::yaml::Node;

/// What to call an unexpected key, and what a key's value should be.
pub struct SchemaContext<'a> {
    pub file: &'a str,
    pub text: &'a str,
    /// Input code for a key the schema does not know.
    pub unknown_code: InputCode,
    /// Known keys at the level where an unknown key was found, for "did you mean".
    pub known_keys: &'a dyn Fn(&str) -> Vec<String>,
    /// What a value at a pointer should be, in both languages.
    pub expected: &'a dyn Fn(&str) -> Option<Text>,
}

pub fn schema_findings(
    validator: &jsonschema::Validator,
    root: &Node,
    ctx: &SchemaContext,
) -> Vec<Finding> {
    let json = root.to_json();
    // Nearly every file is valid: one pass that stops at the first error, before the one
    // that gathers every error with its path.
    if validator.is_valid(&json) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let index = std::cell::OnceCell::new();
    for err in validator.iter_errors(&json) {
        let pointer = err.instance_path().as_str().to_string();
        let (key, node) = root.locate(&pointer);
        let loc = |span: std::ops::Range<usize>| {
            index
                .get_or_init(|| LineIndex::new(ctx.text))
                .location(ctx.file, ctx.text, span)
        };
        match err.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                let known = (ctx.known_keys)(&pointer);
                // By name, so that 40 000 unknown keys are not 40 000 linear searches.
                let keys: std::collections::HashMap<&str, &crate::yaml::Key> = node
                    .as_map()
                    .unwrap_or_default()
                    .iter()
                    .map(|(k, _)| (k.name.as_str(), k))
                    .collect();
                for name in unexpected {
                    let Some(k) = keys.get(name.as_str()) else {
                        continue;
                    };
                    let hint = closest(name, &known)
                        .map(|s| {
                            t!(
                                "（是否应为 `{key}`？）",
                                " (did you mean `{key}`?)",
                                key = s
                            )
                        })
                        .unwrap_or_default();
                    out.push(Finding::input(
                        ctx.unknown_code,
                        Severity::Error,
                        t!(
                            "未知的键 `{key}`{hint}",
                            "unknown key `{key}`{hint}",
                            key = name,
                            hint = hint
                        ),
                        Some(loc(k.pos.span())),
                    ));
                }
            }
            ValidationErrorKind::Required { property } => {
                let name = property.as_str().unwrap_or_default().to_string();
                let at = key.map_or(0..0, |k| k.pos.span());
                out.push(Finding::input(
                    InputCode::MissingKey,
                    Severity::Error,
                    t!(
                        "缺少必填的键 `{key}`",
                        "required key `{key}` is missing",
                        key = name
                    ),
                    Some(loc(at)),
                ));
            }
            _ => {
                let name = key.map_or(pointer.clone(), |k| k.name.clone());
                let shown = node
                    .scalar_text()
                    .unwrap_or_else(|| node.type_name().to_string());
                let expected = (ctx.expected)(&pointer)
                    .unwrap_or_else(|| Text::new(err.to_string(), err.to_string()));
                out.push(Finding::input(
                    InputCode::WrongType,
                    Severity::Error,
                    t!(
                        "`{key}` 的值 `{value}` 不符合要求：应为{expected}",
                        "value `{value}` of `{key}` is not valid: expected {expected}",
                        key = name,
                        value = shown,
                        expected = expected
                    ),
                    Some(loc(node.pos.span())),
                ));
            }
        }
    }
    out
}

/// A year written as text, as people write it: `2003年`, `2003 年`, `２００３`. Only a
/// four-digit year alone (with `年` at most) counts: `2003年5月` is not a year.
pub fn year_in_text(s: &str) -> Option<i64> {
    let half = crate::figures::to_half_width(s.trim());
    let digits = half.strip_suffix('年').unwrap_or(&half).trim_end();
    (digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| digits.parse().ok())
        .flatten()
        .filter(|y| (1000..=2999).contains(y))
}

/// Read a year written as text (`established: 2003年`) at `path` as the integer it
/// unambiguously is, so the schema and every rule see 2003, and return the one finding
/// that says how to write it. Anything else is left for the schema to report.
pub fn year_as_written(root: &mut Node, path: &str, file: &str, text: &str) -> Option<Finding> {
    let node = root.path_mut(path)?;
    let written = node.as_str()?.to_string();
    let year = year_in_text(&written)?;
    node.kind = crate::yaml::Kind::Int(year);
    let key = path.rsplit('.').next().unwrap_or(path);
    let mut f = Finding::input(
        InputCode::WrongType,
        Severity::Warning,
        t!(
            "`{key}` 写作 `{written}`；年份应写成整数 {year}（本次已按 {year} 读取）",
            "`{key}` is written `{written}`; a year is written as the whole number {year} (read as {year} this time)",
            key = key,
            written = written.trim(),
            year = year
        ),
        Some(crate::finding::Location::in_text(file, text, node.pos.span())),
    );
    f.label = Some(t!("写成 {year}", "write {year}", year = year));
    f.help = Some(t!(
        "改为 `{key}: {year}`（不加“年”，用半角数字，不加引号）",
        "write `{key}: {year}` (no 年, ASCII digits, no quotes)",
        key = key,
        year = year
    ));
    Some(f)
}

/// The known name closest to a misspelt one, when it is close enough to be a typo.
pub fn closest(name: &str, known: &[String]) -> Option<String> {
    let allowed = |k: &str| 2.max(k.len() / 5);
    let chars = name.chars().count();
    known
        .iter()
        // The distance is at least the difference in length: skip hopeless (and huge) names.
        .filter(|k| chars.abs_diff(k.chars().count()) <= allowed(k))
        .map(|k| (edit_distance(name, k), k))
        .filter(|(d, k)| *d <= allowed(k))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k.clone())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typo_suggestions() {
        let known = vec!["enterprises_served".to_string(), "staff_total".to_string()];
        assert_eq!(
            closest("enterprise_served", &known).as_deref(),
            Some("enterprises_served")
        );
        assert_eq!(closest("completely_else", &known), None);
    }
}
