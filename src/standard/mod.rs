//! A service standard: catalogues, dimensions, grades and rules, loaded from YAML.

pub mod describe;
mod load;
pub mod region;
pub mod standard_format_schema;
pub mod submission_schema;

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::expr::Expr;
use crate::finding::{Dimension, Severity};
use crate::i18n::Text;

pub use crate::checks::Check;
pub use load::{
    embedded_names, embedded_sources, load_dir, load_embedded, load_named, load_sources, Params,
    StandardError,
};

/// A loaded, compiled standard. Read-only and shared by every worker thread.
#[derive(Debug)]
pub struct Standard {
    pub id: String,
    /// The standards this one extends, as written.
    pub extends: Vec<String>,
    pub version: String,
    pub title: Text,
    pub metrics: Vec<MetricDef>,
    pub documents: Vec<DocDef>,
    pub dimension_weights: BTreeMap<Dimension, f64>,
    /// Grades, best first; a score gets the first grade whose `min` it reaches.
    pub grades: Vec<Grade>,
    /// The best grades submissions may get whatever their score.
    pub grade_caps: GradeCaps,
    pub rules: Vec<Rule>,
    /// Rules an extending standard turned `off`.
    pub disabled: Vec<DisabledRule>,
    /// Validates `metrics/YEAR.yaml`; generated from the metric catalogue.
    pub metrics_schema: jsonschema::Validator,
    /// Validates `center.yaml`; its document keys come from the document catalogue.
    pub center_schema: jsonschema::Validator,
}

impl Standard {
    pub fn metric(&self, id: &str) -> Option<&MetricDef> {
        self.metrics.iter().find(|m| m.id == id)
    }

    pub fn document(&self, id: &str) -> Option<&DocDef> {
        self.documents.iter().find(|d| d.id == id)
    }

    /// A metric's display name; its id when the catalogue lacks it.
    pub fn metric_name(&self, id: &str) -> Text {
        self.metric(id)
            .map_or_else(|| Text::new(id, id), |m| m.name.clone())
    }

    /// A document type's display name; its id when the catalogue lacks it.
    pub fn document_name(&self, id: &str) -> Text {
        self.document(id)
            .map_or_else(|| Text::new(id, id), |d| d.name.clone())
    }

    /// A metric value for messages: percentages as `94.3%`, other numbers trimmed.
    pub fn show_value(&self, id: &str, v: f64) -> String {
        match self.metric(id).map(|m| m.kind) {
            Some(MetricType::Percent) => {
                format!(
                    "{}%",
                    crate::expr::format_number((v * 1000.0).round() / 10.0)
                )
            }
            _ => crate::expr::format_number(v),
        }
    }

    /// A metric value as center staff read it: digits grouped by three and the
    /// catalogue's unit (`48,700 万元` / `48,700 × 10k CNY`, `1,250 家`); percentages as
    /// [`show_value`](Self::show_value) writes them (`94.3%`), with no unit after.
    pub fn show_quantity(&self, id: &str, v: f64) -> Text {
        let shown = crate::i18n::group_thousands(&self.show_value(id, v));
        let Some(m) = self.metric(id).filter(|m| m.kind != MetricType::Percent) else {
            return Text::new(shown.clone(), shown);
        };
        let with = |unit: &str| match unit.trim() {
            "" => shown.clone(),
            // `10k CNY` after a number reads as a factor: 48,700 × 10k CNY.
            u if u.starts_with(|c: char| c.is_ascii_digit()) => format!("{shown} × {u}"),
            u => format!("{shown} {u}"),
        };
        Text::new(with(&with_measure_word(&m.unit.zh)), with(&m.unit.en))
    }

    /// A resolved bound as it works on the metric's values: a whole-number metric cannot
    /// reach 31.8, so its minimum is 32 and a maximum of 4.5 is 4. Same verdicts, and
    /// messages never ask for a fraction of an enterprise.
    pub fn effective_bound(&self, id: &str, v: f64, is_min: bool) -> f64 {
        match self.metric(id).map(|m| m.kind) {
            Some(MetricType::Int) if is_min => (v - 1e-9).ceil(),
            Some(MetricType::Int) => (v + 1e-9).floor(),
            _ => v,
        }
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }
}

impl crate::expr::Words for Standard {
    fn name(&self, id: &str) -> Text {
        self.metric_name(id)
    }

    fn value(&self, id: &str, v: f64) -> String {
        self.show_value(id, v)
    }
}

/// The value type of a metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MetricType {
    Int,
    Number,
    /// Written `94.3%` or `0.943`; stored as the fraction.
    Percent,
    Bool,
}

impl MetricType {
    pub fn parse(s: &str) -> Option<MetricType> {
        match s {
            "int" => Some(MetricType::Int),
            "number" => Some(MetricType::Number),
            "percent" => Some(MetricType::Percent),
            "bool" => Some(MetricType::Bool),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct MetricDef {
    pub id: String,
    pub name: Text,
    pub kind: MetricType,
    pub unit: Text,
    /// Plausible range of any value (a value outside it is an input error, not a rule failure).
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// How prose writes this metric, for the `consistency` check.
    pub prose: Option<ProseDef>,
}

#[derive(Debug, Clone)]
pub struct ProseDef {
    /// Words that introduce the figure (`服务企业`).
    pub terms: Vec<String>,
    /// Wordings that put the figure before its noun (`为{n}企业提供服务`).
    pub frames: Vec<crate::figures::Frame>,
    /// Unit words accepted after the number (`家`; `元` accepts 元/万元/亿元).
    pub units: Vec<String>,
    /// The unit the metric is stored in, for money (`万元`).
    pub money_base: Option<String>,
}

#[derive(Debug, Clone)]
pub struct DocDef {
    pub id: String,
    pub name: Text,
    pub headings: Vec<HeadingDef>,
}

#[derive(Debug, Clone)]
pub struct HeadingDef {
    pub id: String,
    pub name: Text,
    /// Other accepted wordings (Chinese or English).
    pub aliases: Vec<String>,
    /// Words that show the section's content when it is written under another heading.
    pub keywords: Vec<String>,
    /// Wordings that name the section loosely: a heading so worded is probably the
    /// section (a near miss, reported), never surely it.
    pub near: Vec<String>,
    pub required: bool,
}

impl HeadingDef {
    /// Every accepted wording: zh, en and aliases.
    pub fn wordings(&self) -> impl Iterator<Item = &str> {
        [self.name.zh.as_str(), self.name.en.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .chain(self.aliases.iter().map(String::as_str))
    }
}

/// Grades a standard withholds whatever the score: from a submission that could not be
/// fully checked, and from one with an unwaived error finding.
#[derive(Debug, Clone, Default)]
pub struct GradeCaps {
    /// The best grade of an incomplete submission (a rule could not be checked).
    pub incomplete: Option<String>,
    /// The best grade of a submission with an unwaived error finding.
    pub errors: Option<String>,
    /// `grading.relative`: in an audit, grades by percentile within the cohort instead
    /// of by score (the caps above still apply).
    pub relative: Option<RelativeGrading>,
}

/// Relative grading (Jiangsu's A/B/C by rank): a composite index of metrics is ranked
/// within each cohort of the audit, and the percentile gives the grade.
#[derive(Debug, Clone)]
pub struct RelativeGrading {
    /// The metrics of the index; a center's index is the mean of its percentile ranks
    /// on each within the cohort.
    pub index: Vec<String>,
    /// The profile attributes that make a cohort (`region`, `level`, ...).
    pub by: Vec<String>,
    /// A smaller cohort is not graded relatively (its centers keep their score's grade).
    pub min_cohort: u32,
    /// `(grade, min_percentile)`, best first; the last starts at 0.
    pub grades: Vec<(String, f64)>,
}

impl RelativeGrading {
    /// The grade of a percentile (0–100): the first whose minimum it reaches.
    pub fn grade_of(&self, percentile: f64) -> Option<&str> {
        self.grades
            .iter()
            .find(|(_, min)| percentile + 1e-9 >= *min)
            .map(|(g, _)| g.as_str())
    }
}

impl Standard {
    /// The position of a grade in the scale, best first.
    pub fn grade_rank(&self, grade: &str) -> Option<usize> {
        self.grades.iter().position(|g| g.grade == grade)
    }

    /// Relative grading, when the standard declares it.
    pub fn relative_grading(&self) -> Option<&RelativeGrading> {
        self.grade_caps.relative.as_ref()
    }
}

#[derive(Debug, Clone)]
pub struct Grade {
    pub grade: String,
    pub min: f64,
    pub label: Text,
}

/// The profile attributes a cohort may be made of (`by:` of `cohort` rules and of
/// relative grading).
pub const COHORT_KEYS: [&str; 4] = ["region", "level", "province", "operation_model"];

impl Profile {
    /// The value of a cohort attribute (see [`COHORT_KEYS`]).
    pub fn attribute(&self, key: &str) -> Option<&str> {
        match key {
            "region" => self.region.as_deref(),
            "level" => self.level.as_deref(),
            "province" => self.province.as_deref(),
            "operation_model" => self.operation_model.as_deref(),
            _ => None,
        }
    }
}

/// The levels of a center, highest first.
pub const LEVELS: [&str; 4] = ["national", "provincial", "municipal", "county"];
/// The operation models of a center.
pub const OPERATION_MODELS: [&str; 3] = ["government", "market", "hybrid"];

/// Other ways people write a level or an operation model: the Chinese names, and the
/// English ones in any letter case.
const VALUE_ALIASES: [(&str, &[&str]); 7] = [
    ("national", &["国家级"]),
    ("provincial", &["省级"]),
    ("municipal", &["地市级", "市级", "地级"]),
    ("county", &["区县级", "县级", "县区级", "区级"]),
    ("government", &["政府主导", "政府主导型", "政府"]),
    (
        "market",
        &["市场化", "市场主导", "市场主导型", "市场化运营"],
    ),
    ("hybrid", &["混合", "混合型", "混合运营"]),
];

/// The canonical level or operation model a value names (`区县级`, `County` → `county`).
/// How users read a cohort value (a level, region or operation model id) in each language;
/// other values (province names) as they are.
pub fn cohort_value_name(value: &str) -> Text {
    let (zh, en) = match value {
        "national" => ("国家级", "national"),
        "provincial" => ("省级", "provincial"),
        "municipal" => ("地市级", "municipal"),
        "county" => ("区县级", "county"),
        "east" => ("东部", "east"),
        "central" => ("中部", "central"),
        "west" => ("西部", "west"),
        "northeast" => ("东北", "northeast"),
        "government" => ("政府主导", "government-led"),
        "market" => ("市场化", "market-run"),
        "hybrid" => ("混合", "hybrid"),
        other => (other, other),
    };
    Text::new(zh, en)
}

/// Cohort values joined for one line: 区县级、西部、政府主导 / county, west, government-led.
pub fn cohort_names<'a>(values: impl IntoIterator<Item = &'a str>) -> Text {
    let names: Vec<Text> = values.into_iter().map(cohort_value_name).collect();
    join_texts(&names, "、", ", ")
}

/// Texts joined with a separator per language.
pub fn join_texts(texts: &[Text], zh: &str, en: &str) -> Text {
    Text::new(
        texts
            .iter()
            .map(|n| n.zh.as_str())
            .collect::<Vec<_>>()
            .join(zh),
        texts
            .iter()
            .map(|n| n.en.as_str())
            .collect::<Vec<_>>()
            .join(en),
    )
}

pub fn canonical_value(value: &str) -> Option<&'static str> {
    let value = value.trim();
    let lower = value.to_ascii_lowercase();
    VALUE_ALIASES
        .iter()
        .find(|(canonical, aliases)| *canonical == lower || aliases.contains(&value))
        .map(|(canonical, _)| *canonical)
}

/// Which centers a rule or threshold case applies to. Empty lists match everything.
#[derive(Debug, Clone, Default)]
pub struct Cohort {
    pub level: Vec<String>,
    pub region: Vec<String>,
    pub operation_model: Vec<String>,
    pub province: Vec<String>,
}

/// The profile attributes that select rules and thresholds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Profile {
    pub level: Option<String>,
    pub region: Option<String>,
    pub operation_model: Option<String>,
    pub province: Option<String>,
}

impl Cohort {
    pub fn is_empty(&self) -> bool {
        self.level.is_empty()
            && self.region.is_empty()
            && self.operation_model.is_empty()
            && self.province.is_empty()
    }

    /// Whether the profile is in this cohort. `None` means the attribute is unknown.
    pub fn matches(&self, p: &Profile) -> Option<bool> {
        let one = |list: &Vec<String>, v: &Option<String>| -> Option<bool> {
            if list.is_empty() {
                return Some(true);
            }
            v.as_ref().map(|v| list.iter().any(|x| x == v))
        };
        let parts = [
            one(&self.level, &p.level),
            one(&self.region, &p.region),
            one(&self.operation_model, &p.operation_model),
            one(&self.province, &p.province),
        ];
        if parts.contains(&Some(false)) {
            return Some(false);
        }
        if parts.contains(&None) {
            return None;
        }
        Some(true)
    }
}

/// A threshold that may differ by cohort: `cases` first (first match wins), else
/// `base` times the factors of the center's level, region and operation model.
#[derive(Debug, Clone)]
pub struct Threshold {
    pub base: f64,
    pub factors: BTreeMap<String, BTreeMap<String, f64>>,
    pub cases: Vec<(Cohort, f64)>,
}

impl Threshold {
    pub fn fixed(v: f64) -> Threshold {
        Threshold {
            base: v,
            factors: BTreeMap::new(),
            cases: Vec::new(),
        }
    }

    pub fn varies(&self) -> bool {
        !self.factors.is_empty() || !self.cases.is_empty()
    }

    /// The threshold for a center; `None` when it depends on an attribute the center lacks.
    pub fn resolve(&self, p: &Profile) -> Option<f64> {
        for (cohort, v) in &self.cases {
            if cohort.matches(p)? {
                return Some(*v);
            }
        }
        let mut v = self.base;
        for (attr, table) in &self.factors {
            let value = match attr.as_str() {
                "level" => p.level.as_ref(),
                "region" => p.region.as_ref(),
                "operation_model" => p.operation_model.as_ref(),
                _ => None,
            }?;
            v *= table.get(value).copied().unwrap_or(1.0);
        }
        // Keep thresholds readable (600 × 0.3 × 0.7 = 125.99999999999999).
        Some((v * 1e6).round() / 1e6)
    }
}

/// One rule of the standard.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub dimension: Dimension,
    pub severity: Severity,
    pub weight: f64,
    pub title: Text,
    pub rationale: Text,
    pub help: Text,
    /// The policy fact or clause the rule rests on.
    pub source: String,
    pub applies_to: Cohort,
    pub check: Check,
    /// Where the rule was defined: `standard-id:file`.
    pub origin: String,
    /// Overrides applied by extending standards, each `standard-id:file:line (what)`.
    pub overridden: Vec<String>,
    /// A passing and a failing input, for `sscheck explain` (generated when absent).
    pub examples: Option<(String, String)>,
    /// An unwaived failure of this rule caps the grade here (一票否决).
    pub caps_grade: Option<String>,
    /// An unwaived failure of this rule puts the center on the audit's exit-risk list
    /// (动态调整/退出), with the rule's findings as evidence.
    pub exit_risk: bool,
}

/// A rule an extending standard switched off.
#[derive(Debug, Clone)]
pub struct DisabledRule {
    pub id: String,
    pub origin: String,
    /// `standard-id:file:line` of the override.
    pub by: String,
}

/// The national baseline shipped inside the binary.
pub const EMBEDDED_NAME: &str = "national-baseline";

/// A Chinese unit as it follows a number: a noun of time counted in whole units takes the
/// measure word 个 (`1.3 个工作日`, `6 个月`), which a standard's unit usually leaves out
/// because the same word labels a column (`平均响应时间（工作日）`).
fn with_measure_word(unit: &str) -> String {
    let unit = unit.trim();
    if ["工作日", "月", "星期", "季度"].contains(&unit) {
        format!("个{unit}")
    } else {
        unit.to_string()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_quantity_reads_as_people_write_it() {
        let standard = super::load_embedded().unwrap();
        let days = standard.show_quantity("avg_response_days", 1.3);
        assert_eq!(days.zh, "1.3 个工作日");
        assert_eq!(days.en, "1.3 working days");
        let served = standard.show_quantity("enterprises_served", 1250.0);
        assert_eq!(served.zh, "1,250 家");
    }
}
