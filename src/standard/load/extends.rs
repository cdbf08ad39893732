//! `extends`: loading the standards a standard builds on, recursively, and merging what they contribute.

use super::*;

impl Reader {
    /// Load and merge the standards named by `extends`.
    pub(super) fn bases(
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
}
