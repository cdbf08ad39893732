//! The check-kind registry. A kind is one module implementing [`Kind`] (its parameters,
//! how they load, how `explain` describes them, how it runs) plus one line in the
//! [`registry!`](crate::registry) call of `checks/mod.rs`. From that line come the
//! [`Check`](super::Check) enum and its dispatch, the loader's allowed keys, the
//! standard-format JSON Schema of the kind and the README's table of kinds.

use serde_json::Value;

use super::cross::{CrossCtx, Gathered, Peers, Results};
use super::{Ctx, RuleResult};
use crate::i18n::Text;
use crate::standard::describe::CohortValue;
use crate::standard::{Params, Standard, Threshold};

/// One check kind.
pub trait Kind: Sized {
    /// The `kind:` of a rule's `check`.
    const NAME: &'static str;

    /// What the kind checks, in one line (README table, schema description).
    fn summary() -> Text;

    /// The kind's parameters as a JSON Schema object: `properties` (each with a
    /// bilingual description), `required`, and any other constraint. `kind` itself and
    /// `additionalProperties: false` are added by the registry. The loader accepts
    /// exactly the keys of `properties`.
    fn schema() -> Value;

    /// A `check:` the kind accepts against the national baseline's catalogues, as YAML
    /// flow text; documents the kind and tests that it loads.
    fn example() -> &'static str;

    /// Read the parameters. Keys outside [`schema`](Kind::schema)'s `properties` were
    /// already reported; wrong values are reported through `p`, located.
    fn load(p: &mut Params) -> Option<Self>;

    /// What a rule of this kind checks, in words, with cohort thresholds into `out`, and
    /// a generated (pass, fail) example when one can be made.
    fn describe(
        &self,
        standard: &Standard,
        out: &mut Vec<CohortValue>,
    ) -> (Text, Option<(String, String)>);

    /// Run the check on one submission.
    fn run(&self, ctx: &Ctx) -> RuleResult;

    /// Build ahead what every run of the kind shares and builds on first use (compiled
    /// patterns). A run calls it on a thread of its own as it starts, so that the first
    /// submissions checked do not wait for it; running the kind without it is the same.
    fn prepare() {}

    /// The bounds an `overrides:` entry may change (`min`/`max`), when the kind has them.
    fn bounds_mut(&mut self) -> Option<Bounds<'_>> {
        None
    }

    /// A cross-center kind (see [`cross`](super::cross)): what it keeps of one submission
    /// while that submission is checked. Only called for a rule that applies.
    fn gather(&self, _ctx: &Ctx) -> Option<Gathered> {
        None
    }

    /// A cross-center kind: compare every submission of the audit and give each its
    /// result to `out`, one per peer in `peers` order (as they come, so that an audit
    /// does not hold them all). `false` for the kinds that check one submission.
    fn cross(&self, _ctx: &CrossCtx, _peers: &dyn Peers, _out: Results<'_>) -> bool {
        false
    }
}

/// A kind's metric bounds, for `overrides:`.
pub struct Bounds<'a> {
    pub metric: &'a str,
    pub min: &'a mut Option<Threshold>,
    pub max: &'a mut Option<Threshold>,
}

/// A registered kind, for documentation and schema generation.
pub struct KindInfo {
    pub name: &'static str,
    /// The module that implements it (`src/checks/<module>.rs`).
    pub module: &'static str,
    pub summary: fn() -> Text,
    pub schema: fn() -> Value,
    pub example: fn() -> &'static str,
    pub prepare: fn(),
}

impl KindInfo {
    /// The parameter names of the kind, in schema order.
    pub fn parameters(&self) -> Vec<String> {
        (self.schema)()["properties"]
            .as_object()
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default()
    }

    /// The names of its required parameters.
    pub fn required(&self) -> Vec<String> {
        (self.schema)()["required"]
            .as_array()
            .map(|r| {
                r.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// The README's table of check kinds, generated from the registry (a test keeps the
/// README's copy current).
pub fn readme_table() -> String {
    let mut out =
        String::from("| kind | what it checks | parameters (required in bold) |\n|---|---|---|\n");
    for k in super::KINDS {
        let required = k.required();
        let params: Vec<String> = k
            .parameters()
            .into_iter()
            .map(|p| {
                if required.contains(&p) {
                    format!("**`{p}`**")
                } else {
                    format!("`{p}`")
                }
            })
            .collect();
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            k.name,
            (k.summary)().en,
            params.join(", ")
        ));
    }
    out
}

/// Declare the check kinds: `module::Type` per line. Generates the modules, the
/// [`Check`](super::Check) enum, its dispatch and [`KINDS`](super::KINDS).
#[macro_export]
#[doc(hidden)]
macro_rules! registry {
    ($($module:ident :: $kind:ident),+ $(,)?) => {
        $(pub mod $module;)+

        /// What a rule checks: one variant per registered kind.
        #[derive(Debug, Clone)]
        pub enum Check {
            $($kind($module::$kind)),+
        }

        /// Every registered kind, in registry order.
        pub const KINDS: &[$crate::checks::registry::KindInfo] = &[$(
            $crate::checks::registry::KindInfo {
                name: <$module::$kind as $crate::checks::registry::Kind>::NAME,
                module: stringify!($module),
                summary: <$module::$kind as $crate::checks::registry::Kind>::summary,
                schema: <$module::$kind as $crate::checks::registry::Kind>::schema,
                example: <$module::$kind as $crate::checks::registry::Kind>::example,
                prepare: <$module::$kind as $crate::checks::registry::Kind>::prepare,
            }
        ),+];

        impl Check {
            /// The kind's name, as written in `kind:`.
            pub fn kind(&self) -> &'static str {
                use $crate::checks::registry::Kind;
                match self {
                    $(Check::$kind(_) => $module::$kind::NAME),+
                }
            }

            /// Load a check of the named kind; `None` when no kind has that name.
            pub fn load(name: &str, p: &mut $crate::standard::Params) -> Option<Option<Check>> {
                use $crate::checks::registry::Kind;
                $(if name == $module::$kind::NAME {
                    return Some($module::$kind::load(p).map(Check::$kind));
                })+
                None
            }

            /// Run the check on one submission.
            pub fn run(&self, ctx: &Ctx) -> RuleResult {
                use $crate::checks::registry::Kind;
                match self {
                    $(Check::$kind(k) => k.run(ctx)),+
                }
            }

            /// What it checks, in words; see [`Kind::describe`](registry::Kind::describe).
            pub fn describe(
                &self,
                standard: &$crate::standard::Standard,
                out: &mut Vec<$crate::standard::describe::CohortValue>,
            ) -> ($crate::i18n::Text, Option<(String, String)>) {
                use $crate::checks::registry::Kind;
                match self {
                    $(Check::$kind(k) => k.describe(standard, out)),+
                }
            }

            /// What a cross-center rule keeps of one submission.
            pub fn gather(&self, ctx: &Ctx) -> Option<$crate::checks::cross::Gathered> {
                use $crate::checks::registry::Kind;
                match self {
                    $(Check::$kind(k) => k.gather(ctx)),+
                }
            }

            /// Compare the submissions of an audit (cross-center kinds only).
            pub fn cross(
                &self,
                ctx: &$crate::checks::cross::CrossCtx,
                peers: &dyn $crate::checks::cross::Peers,
                out: $crate::checks::cross::Results<'_>,
            ) -> bool {
                use $crate::checks::registry::Kind;
                match self {
                    $(Check::$kind(k) => k.cross(ctx, peers, out)),+
                }
            }

            /// The bounds an `overrides:` entry may change.
            pub fn bounds_mut(&mut self) -> Option<$crate::checks::registry::Bounds<'_>> {
                use $crate::checks::registry::Kind;
                match self {
                    $(Check::$kind(k) => k.bounds_mut()),+
                }
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::super::KINDS;
    use super::*;

    /// Every file under src/checks/ other than the shared ones is a registered kind, and
    /// every registered kind is complete. This fails when a kind is half-registered.
    #[test]
    fn every_kind_is_fully_registered() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/checks");
        let mut files: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter_map(|n| n.strip_suffix(".rs").map(str::to_string))
            .filter(|n| !matches!(n.as_str(), "mod" | "registry" | "cross"))
            .collect();
        files.sort();
        let mut modules: Vec<String> = KINDS.iter().map(|k| k.module.to_string()).collect();
        modules.sort();
        assert_eq!(
            files, modules,
            "a file in src/checks/ without a registry line, or the reverse"
        );

        let standard = crate::standard::load_embedded().unwrap();
        let readme_path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
        let mut readme = std::fs::read_to_string(&readme_path).unwrap();
        if std::env::var_os("SSCHECK_BLESS").is_some() {
            // Regenerate the README's table in place (`SSCHECK_BLESS=1 cargo test`).
            let head = "| kind | what it checks |";
            if let Some(start) = readme.find(head) {
                let end = readme[start..]
                    .find("\n\n")
                    .map_or(readme.len(), |e| start + e + 1);
                readme.replace_range(start..end, &readme_table());
                std::fs::write(&readme_path, &readme).unwrap();
            }
        }
        let mut names = std::collections::BTreeSet::new();
        for k in KINDS {
            assert!(names.insert(k.name), "two kinds named `{}`", k.name);
            assert_eq!(
                k.name, k.module,
                "kind `{}` lives in a module of another name",
                k.name
            );
            let summary = (k.summary)();
            assert!(
                !summary.zh.is_empty() && !summary.en.is_empty(),
                "{}: summary",
                k.name
            );
            let schema = (k.schema)();
            let props = schema["properties"]
                .as_object()
                .unwrap_or_else(|| panic!("{}: no properties", k.name));
            for (p, s) in props {
                let d = s["description"].as_str().unwrap_or_default();
                assert!(
                    d.contains(" / "),
                    "{}.{p}: no bilingual description",
                    k.name
                );
            }
            for r in k.required() {
                assert!(
                    props.contains_key(&r),
                    "{}: required `{r}` is no parameter",
                    k.name
                );
            }
            // The example loads and is described, through the one loader.
            let rule = format!(
                "rules:\n- id: T-001\n  dimension: basic\n  severity: error\n  title: {{zh: 测试, en: test}}\n  rationale: {{zh: 测试, en: test}}\n  help: {{zh: 测试, en: test}}\n  source: 项目默认值 / project default\n  check: {}\n",
                (k.example)()
            );
            let mut sources = crate::standard::embedded_sources();
            sources.truncate(1);
            sources.push(("rules/t.yaml".into(), rule));
            let loaded = crate::standard::load_sources(&sources)
                .unwrap_or_else(|e| panic!("{}: its example does not load: {e:?}", k.name));
            let rule = loaded.rule("T-001").unwrap();
            assert_eq!(rule.check.kind(), k.name);
            let (what, _) = rule.check.describe(&standard, &mut Vec::new());
            assert!(
                !what.zh.is_empty() && !what.en.is_empty(),
                "{}: explain",
                k.name
            );
            let row = format!("| `{}` |", k.name);
            assert!(
                readme.contains(&row),
                "README's table of kinds lacks `{}`",
                k.name
            );
        }
        assert!(
            readme.contains(&readme_table()),
            "README's table of kinds is out of date (SSCHECK_BLESS=1 cargo test rewrites it); it should be:\n{}",
            readme_table()
        );
    }
}
