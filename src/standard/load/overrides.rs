//! `overrides:` in standard.yaml: changes to inherited or own rules.

use super::*;

impl Reader {
    /// Apply `overrides:` of standard.yaml to inherited or own rules.
    pub(super) fn overrides(
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
            self.err(
                node.pos,
                t!(
                    "`overrides` 必须是从规则编号到修改内容的映射",
                    "`overrides` must map rule ids to changes"
                ),
            );
            return;
        };
        for (key, change) in entries {
            let Some(i) = rules.iter().position(|r| r.id == key.name) else {
                let hint = crate::suggest::hint(&crate::suggest::suggest(
                    rules.iter().map(|r| r.id.as_str()),
                    &key.name,
                ));
                self.err(
                    key.pos,
                    t!(
                        "`overrides` 中的规则 `{id}` 不存在{hint}",
                        "`overrides` names the unknown rule `{id}`{hint}",
                        id = key.name,
                        hint = hint
                    ),
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
                        t!(
                            "未知的严重程度 `{sev}`（error、warning、info、off）",
                            "unknown severity `{sev}` (error, warning, info, off)",
                            sev = sev
                        ),
                    ),
                }
            }
            if let Some(w) = self.num_opt(change, "weight") {
                if w < 0.0 {
                    self.err(
                        change.pos,
                        t!("权重不能为负数", "a weight cannot be negative"),
                    );
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
                let kind = rules[i].check.kind();
                let Some(bounds) = rules[i].check.bounds_mut() else {
                    self.err(
                        v.pos,
                        t!(
                            "规则 `{id}`（{kind}）没有可修改的 `{key_name}` 阈值",
                            "rule `{id}` ({kind}) has no `{key_name}` threshold to override",
                            id = key.name,
                            kind = kind,
                            key_name = key_name
                        ),
                    );
                    continue;
                };
                if key_name == "min" {
                    *bounds.min = Some(t.clone());
                } else {
                    *bounds.max = Some(t.clone());
                }
                let metric = bounds.metric.to_string();
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
}
