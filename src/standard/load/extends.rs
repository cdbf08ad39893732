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
                self.err(
                    ext.pos,
                    t!(
                        "`extends` 必须是标准的列表",
                        "`extends` must be a list of standards"
                    ),
                );
                return Err(std::mem::take(&mut self.errors));
            }
        };
        let mut merged: Option<Base> = None;
        for entry in entries {
            let Some(name) = entry.as_str() else {
                self.err(
                    entry.pos,
                    t!(
                        "`extends` 的每一项必须是文本",
                        "an `extends` entry must be a text"
                    ),
                );
                continue;
            };
            if stack.len() > MAX_EXTENDS_DEPTH {
                self.err(
                    entry.pos,
                    t!(
                        "`extends` 嵌套超过 {max} 层",
                        "`extends` is nested more than {max} levels deep",
                        max = MAX_EXTENDS_DEPTH
                    ),
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
                            t!(
                                "`extends` 形成循环：`{name}` 又继承了本标准",
                                "`extends` cycle: `{name}` extends this standard again",
                                name = name
                            ),
                        );
                        continue;
                    }
                    load_dir_inner(&path, stack)
                }
                None if name == EMBEDDED_NAME => load_embedded(),
                None => {
                    self.err(
                        entry.pos,
                        t!(
                            "找不到标准 `{name}`：应为相对于本标准、含 standard.yaml 的文件夹，或 `{embedded}`（内置的全国基线标准）",
                            "cannot find the standard `{name}`: expected a folder with standard.yaml relative to this standard, or `{embedded}` (the embedded baseline)",
                            name = name,
                            embedded = EMBEDDED_NAME
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
                        t!(
                            "继承的标准 `{name}` 有错误（见下文）",
                            "the extended standard `{name}` has errors (listed below)",
                            name = name
                        ),
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
                        grade_caps: std.grade_caps,
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
                                t!(
                                    "指标 `{id}` 在两个继承的标准中都有定义",
                                    "metric `{id}` is defined by two extended standards",
                                    id = m.id
                                ),
                            );
                        } else {
                            b.metrics.push(m);
                        }
                    }
                    for d in std.documents {
                        if b.documents.iter().any(|x| x.id == d.id) {
                            self.err(
                                entry.pos,
                                t!(
                                    "文档类型 `{id}` 在两个继承的标准中都有定义",
                                    "document type `{id}` is defined by two extended standards",
                                    id = d.id
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
                                t!(
                                    "规则 `{id}` 在两个继承的标准中都有定义",
                                    "rule `{id}` is defined by two extended standards",
                                    id = rule.id
                                ),
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
