//! Rule selection (`--select`, `--ignore`, and the `select`/`ignore` keys of `sscheck.toml`).
//!
//! A selector is `all`, a dimension (`support` or `服务保障`), a rule id prefix (`EVA`,
//! `SUP-00`), a rule id (`SUP-003`), or an input diagnostic code or prefix
//! (`input/encoding-gbk`, `input`). As in ruff, the most specific selector that matches a
//! rule decides: an id beats a longer prefix beats a shorter prefix beats a dimension beats
//! `all`; on a tie, `ignore` wins.
//!
//! Settings come in layers (the config file, a per-path override, the command line). A
//! layer with a `select` decides anew for every rule it can speak about; a layer with only
//! `ignore` switches more rules off. Input diagnostics are only affected by selectors that
//! name them (`input…`): `--select EVA` does not hide a YAML syntax error.

use std::collections::BTreeSet;

use crate::finding::{Dimension, InputCode};
use crate::i18n::Text;
use crate::standard::Standard;
use crate::t;

/// One layer of settings: its `select` (if any) and its `ignore`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Layer {
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
}

/// Which rules and input diagnostics are switched off for a run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    off_rules: BTreeSet<String>,
    off_inputs: BTreeSet<String>,
}

impl Selection {
    /// Every rule and diagnostic selected.
    pub fn all() -> Selection {
        Selection::default()
    }

    pub fn rule_selected(&self, id: &str) -> bool {
        !self.off_rules.contains(id)
    }

    /// Whether findings of `rule` (a rule id or an `input/<code>` id) are kept.
    pub fn finding_selected(&self, rule: &str) -> bool {
        !self.off_rules.contains(rule) && !self.off_inputs.contains(rule)
    }

    pub fn is_all(&self) -> bool {
        self.off_rules.is_empty() && self.off_inputs.is_empty()
    }
}

/// A selector that names nothing the standard knows, with what was probably meant.
#[derive(Debug, Clone, PartialEq)]
pub struct UnknownSelector {
    pub selector: String,
    pub suggestions: Vec<String>,
}

impl UnknownSelector {
    pub fn message(&self, standard: &str) -> Text {
        t!(
            "未知的规则选择 `{sel}`：标准 {standard} 中没有这样的规则编号、前缀、维度或输入诊断{hint}",
            "unknown rule selector `{sel}`: no rule id, prefix, dimension or input diagnostic of {standard} is called that{hint}",
            sel = self.selector,
            standard = standard,
            hint = crate::suggest::hint(&self.suggestions)
        )
    }
}

/// Split `EVA,SUP-003` items (repeatable, comma-separated) into single selectors.
pub fn split(items: &[String]) -> Vec<String> {
    items
        .iter()
        .flat_map(|i| i.split([',', '，']))
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    All,
    Dimension(Dimension),
    /// An upper-cased rule id prefix (a whole id is the longest prefix).
    Rule(String),
    /// A lower-cased prefix of `input/<code>`.
    Input(String),
}

#[derive(Debug, Clone)]
struct Selector {
    kind: Kind,
}

impl Selector {
    fn parse(raw: &str, standard: &Standard) -> Result<Selector, UnknownSelector> {
        let lower = raw.to_lowercase();
        let upper = raw.to_uppercase();
        let kind = if lower == "all" {
            Some(Kind::All)
        } else if let Some(d) = Dimension::ALL
            .into_iter()
            .find(|d| d.id() == lower || d.name().zh == raw || d.name().en.to_lowercase() == lower)
        {
            Some(Kind::Dimension(d))
        } else if lower == "input" || lower.starts_with(InputCode::RULE_PREFIX) {
            let p = if lower == "input" {
                InputCode::RULE_PREFIX.to_string()
            } else {
                lower.clone()
            };
            InputCode::ALL
                .iter()
                .any(|c| c.rule_id().starts_with(&p))
                .then_some(Kind::Input(p))
        } else {
            known_rule_ids(standard)
                .any(|id| id.to_uppercase().starts_with(&upper))
                .then_some(Kind::Rule(upper))
        };
        kind.map(|kind| Selector { kind }).ok_or_else(|| {
            let inputs: Vec<String> = InputCode::ALL.iter().map(|c| c.rule_id()).collect();
            let mut known: Vec<&str> = known_rule_ids(standard).collect();
            known.extend(inputs.iter().map(String::as_str));
            known.extend(Dimension::ALL.iter().map(|d| d.id()));
            // A typo in a prefix: compare against prefixes of the same length too.
            let prefixes: BTreeSet<String> = known_rule_ids(standard)
                .filter_map(|id| id.get(..raw.len().min(id.len())).map(str::to_string))
                .collect();
            known.extend(prefixes.iter().map(String::as_str));
            UnknownSelector {
                selector: raw.to_string(),
                suggestions: crate::suggest::suggest(known, raw),
            }
        })
    }

    /// How specific the selector is, when it matches `target`.
    fn matches(&self, target: &Target) -> Option<usize> {
        match (&self.kind, target) {
            (Kind::All, Target::Rule(..)) => Some(0),
            (Kind::Dimension(d), Target::Rule(_, dim)) => (d == dim).then_some(1),
            (Kind::Rule(p), Target::Rule(id, _)) => id
                .to_uppercase()
                .starts_with(p.as_str())
                .then(|| 2 + p.len()),
            (Kind::Input(p), Target::Input(id)) => id.starts_with(p.as_str()).then(|| 2 + p.len()),
            _ => None,
        }
    }
}

enum Target {
    Rule(String, Dimension),
    Input(String),
}

fn known_rule_ids(standard: &Standard) -> impl Iterator<Item = &str> {
    standard
        .rules
        .iter()
        .map(|r| r.id.as_str())
        .chain(standard.disabled.iter().map(|d| d.id.as_str()))
}

/// The selection the layers make, in order (later layers win), for `standard`; or every
/// selector that names nothing.
pub fn resolve(standard: &Standard, layers: &[Layer]) -> Result<Selection, Vec<UnknownSelector>> {
    let mut errors = Vec::new();
    let mut parse = |items: &[String]| -> Vec<Selector> {
        split(items)
            .iter()
            .filter_map(|raw| {
                Selector::parse(raw, standard)
                    .map_err(|e| {
                        if !errors.contains(&e) {
                            errors.push(e)
                        }
                    })
                    .ok()
            })
            .collect()
    };
    let parsed: Vec<(Option<Vec<Selector>>, Vec<Selector>)> = layers
        .iter()
        .map(|l| (l.select.as_deref().map(&mut parse), parse(&l.ignore)))
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut targets: Vec<(Target, bool)> = standard
        .rules
        .iter()
        .map(|r| (Target::Rule(r.id.clone(), r.dimension), true))
        .chain(
            InputCode::ALL
                .iter()
                .map(|c| (Target::Input(c.rule_id()), true)),
        )
        .collect();
    for (select, ignore) in &parsed {
        for (target, on) in targets.iter_mut() {
            let best_ignore = ignore.iter().filter_map(|s| s.matches(target)).max();
            let speaks = match (select, &*target) {
                (None, _) => None,
                // A select without input selectors says nothing about input diagnostics.
                (Some(sel), Target::Input(_))
                    if !sel.iter().any(|s| matches!(s.kind, Kind::Input(_))) =>
                {
                    None
                }
                (Some(sel), _) => Some(sel.iter().filter_map(|s| s.matches(target)).max()),
            };
            *on = match (speaks, best_ignore) {
                (None, Some(_)) => false,
                (None, None) => *on,
                (Some(None), _) => false,
                (Some(Some(s)), Some(i)) => s > i,
                (Some(Some(_)), None) => true,
            };
        }
    }
    let mut selection = Selection::default();
    for (target, on) in targets {
        if !on {
            match target {
                Target::Rule(id, _) => selection.off_rules.insert(id),
                Target::Input(id) => selection.off_inputs.insert(id),
            };
        }
    }
    Ok(selection)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn baseline() -> Standard {
        crate::standard::load_embedded().unwrap()
    }

    fn layer(select: Option<&[&str]>, ignore: &[&str]) -> Layer {
        Layer {
            select: select.map(|s| s.iter().map(|x| x.to_string()).collect()),
            ignore: ignore.iter().map(|x| x.to_string()).collect(),
        }
    }

    fn on(standard: &Standard, s: &Selection) -> Vec<String> {
        standard
            .rules
            .iter()
            .filter(|r| s.rule_selected(&r.id))
            .map(|r| r.id.clone())
            .collect()
    }

    #[test]
    fn no_layer_selects_everything() {
        let st = baseline();
        let s = resolve(&st, &[]).unwrap();
        assert!(s.is_all());
        assert_eq!(on(&st, &s).len(), st.rules.len());
    }

    #[test]
    fn prefix_and_dimension_select() {
        let st = baseline();
        let s = resolve(&st, &[layer(Some(&["EVA"]), &[])]).unwrap();
        let ids = on(&st, &s);
        assert!(!ids.is_empty() && ids.iter().all(|i| i.starts_with("EVA")));
        let s = resolve(&st, &[layer(Some(&["服务保障"]), &[])]).unwrap();
        let d = resolve(&st, &[layer(Some(&["support"]), &[])]).unwrap();
        assert_eq!(s, d);
        assert!(on(&st, &s)
            .iter()
            .all(|i| st.rule(i).unwrap().dimension == Dimension::Support));
        // Input diagnostics stay on when only rules are selected.
        assert!(s.finding_selected("input/yaml-syntax"));
    }

    #[test]
    fn most_specific_selector_wins() {
        let st = baseline();
        let first = st
            .rules
            .iter()
            .find(|r| r.id.starts_with("SUP"))
            .unwrap()
            .id
            .clone();
        // Ignore the dimension, select one id back: the id is more specific.
        let s = resolve(
            &st,
            &[
                layer(None, &["support"]),
                layer(Some(&["all", &first]), &["support"]),
            ],
        )
        .unwrap();
        assert!(s.rule_selected(&first));
        assert_eq!(
            on(&st, &s).iter().filter(|i| i.starts_with("SUP")).count(),
            1
        );
        // The other way round: select the prefix, ignore the id.
        let s = resolve(&st, &[layer(Some(&["SUP"]), &[&first])]).unwrap();
        assert!(!s.rule_selected(&first));
        assert!(on(&st, &s).iter().all(|i| i.starts_with("SUP")));
        // Same specificity: ignore wins.
        let s = resolve(&st, &[layer(Some(&["SUP"]), &["sup"])]).unwrap();
        assert!(on(&st, &s).is_empty());
    }

    #[test]
    fn later_layers_override_earlier_ones() {
        let st = baseline();
        let file = layer(Some(&["EVA"]), &[]);
        let flag = layer(Some(&["SUP"]), &[]);
        let s = resolve(&st, &[file.clone(), flag]).unwrap();
        assert!(on(&st, &s).iter().all(|i| i.starts_with("SUP")));
        let ignore_only = layer(None, &["EVA-001"]);
        let s = resolve(&st, &[file, ignore_only]).unwrap();
        assert!(!s.rule_selected("EVA-001"));
        assert!(on(&st, &s).iter().all(|i| i.starts_with("EVA")));
    }

    #[test]
    fn input_codes_and_comma_lists() {
        let st = baseline();
        let s = resolve(&st, &[layer(None, &["input/encoding-gbk,input/yaml-syn"])]).unwrap();
        assert!(!s.finding_selected("input/encoding-gbk"));
        assert!(!s.finding_selected("input/yaml-syntax"));
        assert!(s.finding_selected("input/file-missing"));
        assert_eq!(on(&st, &s).len(), st.rules.len());
        let s = resolve(&st, &[layer(None, &["input"])]).unwrap();
        assert!(!s.finding_selected("input/file-missing"));
    }

    #[test]
    fn unknown_selectors_suggest() {
        let st = baseline();
        let e = resolve(&st, &[layer(Some(&["EVA-04", "suport", "zzz"]), &[])]).unwrap_err();
        assert_eq!(e.len(), 3);
        assert!(
            e[0].suggestions.iter().any(|s| s.starts_with("EVA-")),
            "{e:?}"
        );
        assert_eq!(e[1].suggestions, vec!["support"]);
        assert!(e[2].suggestions.is_empty());
        assert!(e[0].message("x").en.contains("did you mean"));
    }
}
