//! The standard-format JSON Schema applied to each file, so the loader rejects what `standard validate` rejects.

use super::*;

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

pub(super) fn schema_errors(dir: &Path) -> Vec<StandardError> {
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
