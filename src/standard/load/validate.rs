//! The standard-format JSON Schema applied to each file, inside the one loader: what
//! `standard validate` rejects, `check --standard` rejects too, with the same located
//! errors.

use std::sync::OnceLock;

use super::*;

/// The compiled schemas of `standard.yaml` and of a rules file, built once.
fn validators() -> &'static (jsonschema::Validator, jsonschema::Validator) {
    static VALIDATORS: OnceLock<(jsonschema::Validator, jsonschema::Validator)> = OnceLock::new();
    VALIDATORS.get_or_init(|| {
        let compile = |schema: serde_json::Value| {
            jsonschema::options()
                .should_validate_formats(false)
                .build(&schema)
                .expect("the standard-format schema compiles (tested)")
        };
        (
            compile(super::super::standard_format_schema::standard_file_schema()),
            compile(super::super::standard_format_schema::rules_file_schema()),
        )
    })
}

/// The schema errors of one parsed file of a standard (`standard.yaml` when `main`).
pub(super) fn schema_errors(file: &str, root: &Node, main: bool) -> Vec<StandardError> {
    let (standard, rules) = validators();
    let validator = if main { standard } else { rules };
    let json = root.to_json();
    let mut out = Vec::new();
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
        // The validator's own words stay the detail, in English in both languages.
        let message = if pointer.is_empty() {
            t!(
                "不符合标准格式（schema）：整个文件：{err}",
                "schema: the file: {err}",
                err = err
            )
        } else {
            t!(
                "不符合标准格式（schema）：`{at}`：{err}",
                "schema: `{at}`: {err}",
                at = pointer.trim_start_matches('/').replace('/', "."),
                err = err
            )
        };
        out.push(StandardError::at(file, pos, message));
    }
    out
}

/// Loader errors first (the more specific message where both speak of a line), then the
/// schema's errors on lines the loader said nothing about.
pub(super) fn merge(
    mut errors: Vec<StandardError>,
    schema: Vec<StandardError>,
) -> Vec<StandardError> {
    for e in schema {
        if !errors.iter().any(|x| x.file == e.file && x.line == e.line) {
            errors.push(e);
        }
    }
    errors
}
