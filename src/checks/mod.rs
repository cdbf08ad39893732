//! The check engine: one module per check kind, dispatched from a rule's `check`.
//!
//! Each check reads the loaded standard and submission and returns an outcome with
//! findings. Checks never read files and never know how findings are rendered.

pub mod cross;
pub mod registry;

// One line per check kind: `module::Type`, the module implementing `registry::Kind`.
crate::registry! {
    field::Field,
    metric::Metric,
    expr::Expr,
    trend::Trend,
    document::Document,
    sections::Sections,
    keywords::Keywords,
    table::Table,
    consistency::Consistency,
    freshness::Freshness,
    placeholders::Placeholders,
    cohort::Cohort,
    duplicate::Duplicate,
}

use crate::finding::{Finding, Location, Outcome};
use crate::i18n::Text;
use crate::standard::{Profile, Rule, Standard, Threshold};
use crate::submission::{DocProblem, Document, MetricValue, Submission};
use crate::t;

/// Build ahead what the kinds share (see [`registry::Kind::prepare`]): a run starts this
/// on a thread of its own while it loads the standard and finds the submissions.
pub fn prepare() {
    for kind in KINDS {
        (kind.prepare)();
    }
}

/// Start [`prepare`] on a thread of its own; what is not ready when a submission needs
/// it is built then (each is built once, whoever asks first).
pub fn prepare_in_background() {
    // A thread that cannot start only leaves the building to the first submissions.
    let _ = std::thread::Builder::new()
        .name("sscheck-prepare".into())
        .spawn(prepare);
}

/// The result of one rule on one submission.
#[derive(Debug, Clone)]
pub struct RuleResult {
    pub outcome: Outcome,
    pub findings: Vec<Finding>,
    /// Why the rule could not be evaluated (outcome `error`) or does not apply.
    pub reason: Option<Text>,
    /// Findings of this rule beyond the submission's cap: counted, not built.
    pub dropped: usize,
    /// For outcome `error`: the input whose absence or invalidity stopped the rule.
    pub cause: Option<Box<Cause>>,
    /// For a cross-center rule: the place in another submission each finding refers to
    /// (`related[i]` belongs to `findings[i]`); empty otherwise.
    pub related: Vec<Option<cross::Related>>,
}

/// The input a rule could not be checked without. The engine reports each cause once,
/// so a missing file is one finding however many rules needed it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cause {
    /// A file (path relative to the submission) is missing, unreadable or unparseable.
    File(String),
    /// A key of a file (a metric id, a dotted profile field) has no valid value.
    Value { file: String, key: String },
}

impl RuleResult {
    pub fn from_findings(findings: Vec<Finding>) -> RuleResult {
        RuleResult::from_findings_and_dropped(findings, 0)
    }

    /// Findings built, plus `dropped` more that were only counted (over the cap).
    pub fn from_findings_and_dropped(findings: Vec<Finding>, dropped: usize) -> RuleResult {
        RuleResult {
            outcome: if findings.is_empty() && dropped == 0 {
                Outcome::Pass
            } else {
                Outcome::Fail
            },
            findings,
            reason: None,
            dropped,
            cause: None,
            related: Vec::new(),
        }
    }

    /// The rule could not be evaluated, for `reason`.
    pub fn error(reason: Text) -> RuleResult {
        RuleResult {
            outcome: Outcome::Error,
            findings: Vec::new(),
            reason: Some(reason),
            dropped: 0,
            cause: None,
            related: Vec::new(),
        }
    }

    /// The rule does not apply to this submission, for `reason` when one is given.
    pub fn not_applicable(reason: Option<Text>) -> RuleResult {
        RuleResult {
            outcome: Outcome::NotApplicable,
            reason,
            ..RuleResult::from_findings(Vec::new())
        }
    }

    /// The rule could not be evaluated because of a missing or invalid input.
    pub fn missing(reason: Text, cause: Cause) -> RuleResult {
        RuleResult {
            cause: Some(Box::new(cause)),
            ..RuleResult::error(reason)
        }
    }
}

/// What a check sees.
pub struct Ctx<'a> {
    pub standard: &'a Standard,
    pub sub: &'a Submission,
    pub rule: &'a Rule,
    pub profile: &'a Profile,
    pub year: Option<i32>,
    /// The most findings a check builds; checks that can find one problem per occurrence
    /// in a document count the rest in [`RuleResult::dropped`] instead.
    pub limit: usize,
}

impl Ctx<'_> {
    /// A finding of this rule.
    pub fn finding(
        &self,
        message: Text,
        label: Option<Text>,
        location: Option<Location>,
    ) -> Finding {
        Finding {
            rule: self.rule.id.clone(),
            kind: self.rule.check.kind().to_string(),
            dimension: Some(self.rule.dimension),
            severity: self.rule.severity,
            title: self.rule.title.clone(),
            message,
            label,
            help: (!self.rule.help.is_empty()).then(|| self.rule.help.clone()),
            location,
            waived: false,
            fingerprint: String::new(),
        }
    }

    /// The reporting year, or an error result when it is unknown.
    pub fn reporting_year(&self) -> Result<i32, RuleResult> {
        self.year.ok_or_else(|| {
            RuleResult::missing(t!(
                "无法确定报告年度（center.yaml 的 reporting_year 无法读取，且没有指标文件）",
                "the reporting year is unknown (reporting_year in center.yaml is unreadable and there are no metric files)"
            ), Cause::Value { file: "center.yaml".into(), key: "reporting_year".into() })
        })
    }

    /// A metric value of a year, with its location.
    pub fn metric(&self, id: &str, year: i32) -> Option<(MetricValue, &Location)> {
        self.sub
            .metrics
            .get(&year)
            .and_then(|m| m.values.get(id))
            .map(|(v, l)| (*v, l))
    }

    pub fn metric_missing(&self, id: &str, year: i32) -> RuleResult {
        RuleResult::missing(
            t!(
                "缺少 {year} 年的指标 `{id}`（文件缺失、无法解析或该值无效）",
                "metric `{id}` of {year} is missing (file absent, unparseable, or the value is invalid)",
                year = year,
                id = id
            ),
            self.metrics_cause(id, year),
        )
    }

    /// What to fix when metric `id` of `year` has no value: the year's file, or the key.
    pub fn metrics_cause(&self, id: &str, year: i32) -> Cause {
        match self.sub.metrics.get(&year) {
            Some(m) => Cause::Value {
                file: m.file.clone(),
                key: id.to_string(),
            },
            None => Cause::File(format!("metrics/{year}.yaml")),
        }
    }

    /// The metric's display name in both languages.
    pub fn metric_name(&self, id: &str) -> Text {
        self.standard
            .metric(id)
            .map_or_else(|| Text::new(id, id), |m| m.name.clone())
    }

    /// Resolve a cohort threshold for this center.
    pub fn threshold(&self, t: &Threshold) -> Result<f64, RuleResult> {
        t.resolve(self.profile).ok_or_else(|| {
            RuleResult::missing(
                t!(
                    "阈值随层级/区域/运营模式变化，但该中心的这些信息缺失或无效",
                    "the threshold depends on level, region or operation model, which this center lacks"
                ),
                profile_gap(self.profile),
            )
        })
    }

    /// A document that can be checked, or the result to return when it cannot.
    pub fn document(&self, id: &str) -> Result<&Document, RuleResult> {
        match self.sub.documents.get(id) {
            Some(Ok(doc)) if !doc.is_blank() => Ok(doc),
            Some(Ok(doc)) => Err(RuleResult::missing(
                t!(
                    "文档 `{file}` 为空，无法检查",
                    "document `{file}` is empty and cannot be checked",
                    file = doc.file
                ),
                Cause::File(doc.file.clone()),
            )),
            Some(Err(p)) => Err(RuleResult::missing(
                doc_problem_reason(id, p),
                doc_problem_cause(id, p),
            )),
            None => Err(RuleResult::error(t!(
                "标准未定义文档类型 `{id}`",
                "the standard defines no document type `{id}`",
                id = id
            ))),
        }
    }

    pub fn location_in(&self, doc: &Document, span: std::ops::Range<usize>) -> Location {
        doc.location(span)
    }
}

/// The input to fix when a document cannot be checked.
pub fn doc_problem_cause(id: &str, p: &DocProblem) -> Cause {
    match p {
        DocProblem::NoManifest => Cause::File("center.yaml".into()),
        // The entry in center.yaml is what to fix, and its finding is there.
        DocProblem::NotListed | DocProblem::Refused { .. } => Cause::Value {
            file: "center.yaml".into(),
            key: format!("documents.{id}"),
        },
        DocProblem::FileMissing { path, .. } | DocProblem::Unreadable { path } => {
            Cause::File(path.clone())
        }
    }
}

/// The first profile field a cohort needs that the center lacks.
fn profile_gap(p: &Profile) -> Cause {
    let key = if p.level.is_none() {
        "center.level"
    } else if p.region.is_none() {
        "center.province"
    } else {
        "center.operation_model"
    };
    Cause::Value {
        file: "center.yaml".into(),
        key: key.into(),
    }
}

fn doc_problem_reason(id: &str, p: &DocProblem) -> Text {
    match p {
        DocProblem::NoManifest => t!(
            "center.yaml 无法读取或解析，不知道文档 `{id}` 在哪里",
            "center.yaml could not be read or parsed, so the location of document `{id}` is unknown",
            id = id
        ),
        DocProblem::NotListed => t!(
            "center.yaml 的 documents 中没有登记 `{id}`",
            "`{id}` is not listed under documents in center.yaml",
            id = id
        ),
        DocProblem::FileMissing { path, .. } => t!(
            "文档 `{id}` 的文件 `{path}` 不存在",
            "the file `{path}` of document `{id}` does not exist",
            id = id,
            path = path
        ),
        DocProblem::Unreadable { path } | DocProblem::Refused { path } => t!(
            "文档 `{id}` 的文件 `{path}` 无法读取（见输入诊断）",
            "the file `{path}` of document `{id}` cannot be read (see the input diagnostics)",
            id = id,
            path = path
        ),
    }
}

/// Run one rule on one submission, building at most `limit` findings (the submission's
/// `--max-findings`; the rest are counted).
pub fn run_rule(standard: &Standard, sub: &Submission, rule: &Rule, limit: usize) -> RuleResult {
    let profile = sub.profile();
    if !rule.applies_to.is_empty() {
        match rule.applies_to.matches(profile) {
            Some(true) => {}
            Some(false) => return RuleResult::not_applicable(None),
            None => {
                return RuleResult::missing(
                    t!(
                    "无法判断规则是否适用：中心的层级、区域或运营模式缺失",
                    "cannot tell whether the rule applies: the center's level, region or operation model is missing"
                ),
                    profile_gap(profile),
                )
            }
        }
    }
    let ctx = Ctx {
        standard,
        sub,
        rule,
        profile,
        year: sub.reporting_year(),
        limit,
    };
    rule.check.run(&ctx)
}

/// What a cross-center rule keeps of a submission it applies to: `None` when it is no
/// cross-center rule or does not apply, `Some(None)` when it applies but found nothing
/// to keep (its input is missing).
pub fn gather_rule(
    standard: &Standard,
    sub: &Submission,
    rule: &Rule,
) -> Option<Option<cross::Gathered>> {
    if !is_cross(rule) {
        return None;
    }
    let profile = sub.profile();
    if !rule.applies_to.is_empty() && rule.applies_to.matches(profile) != Some(true) {
        return None;
    }
    let ctx = Ctx {
        standard,
        sub,
        rule,
        profile,
        year: sub.reporting_year(),
        limit: 0,
    };
    Some(rule.check.gather(&ctx))
}

/// Whether the rule compares centers (its kind is a cross-center kind).
pub fn is_cross(rule: &Rule) -> bool {
    matches!(rule.check, Check::Cohort(_) | Check::Duplicate(_))
}

/// A number for messages: integral values without decimals, others trimmed.
pub fn show(v: f64) -> String {
    crate::expr::format_number(v)
}

/// Byte ranges sorted by start, with the furthest end reached so far, for lookups in
/// logarithmic time (ranges may nest).
pub(crate) struct Ranges {
    ranges: Vec<std::ops::Range<usize>>,
    reach: Vec<usize>,
}

impl Ranges {
    pub(crate) fn new(mut ranges: Vec<std::ops::Range<usize>>) -> Ranges {
        ranges.sort_by_key(|r| r.start);
        let reach = ranges
            .iter()
            .scan(0, |end, r| {
                *end = r.end.max(*end);
                Some(*end)
            })
            .collect();
        Ranges { ranges, reach }
    }

    pub(crate) fn contains(&self, pos: usize) -> bool {
        let k = self.ranges.partition_point(|r| r.start <= pos);
        k > 0 && self.reach[k - 1] > pos
    }
}
