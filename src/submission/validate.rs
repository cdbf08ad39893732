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
