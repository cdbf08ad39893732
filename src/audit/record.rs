//! The compact record an audit keeps of one submission, and its JSON form.
//!
//! The record is what the JSON report says about the submission (in the run's language)
//! plus what the cross-center rules gathered; a shard report writes it and `sscheck
//! merge` reads it back, so both give the same bytes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::checks::cross::{Gathered, Related};
use crate::engine::SubmissionReport;
use crate::finding::{Dimension, Outcome, Severity};
use crate::i18n::Lang;
use crate::standard::{Profile, Standard};
use crate::submission::waivers::Scope;

/// A metric's values by year.
pub type Series = (String, Vec<(i32, f64)>);

/// One submission of an audit.
#[derive(Debug, Clone)]
pub struct Center {
    /// The folder, as found under the root (`root/sub/folder`, `/` separators).
    pub path: String,
    pub center_id: Option<String>,
    pub name: Option<String>,
    pub profile: Profile,
    pub reporting_year: Option<i32>,
    pub score: Score,
    /// Sorted by file, line, column, rule.
    pub findings: Vec<AuditFinding>,
    pub findings_capped: bool,
    pub incomplete: bool,
    /// One per rule of the standard, in its order.
    pub rules: Vec<RuleState>,
    /// Unwaived findings by severity, waived and baselined ones (set by [`Center::settle`]).
    pub counts: Counts,
    /// No finding at or above the gate's level that is neither waived nor baselined.
    pub passed: bool,
    /// The exit-risk rules this center fails, each with its evidence.
    pub exit_risk: Vec<Evidence>,
    /// What the cross-center rules keep until they run (shard reports carry it).
    pub gathered: Vec<(String, Option<Gathered>)>,
    /// The center's unexpired waivers of cross-center rules, applied when those rules
    /// run (shard reports carry them).
    pub waivers: Vec<Scope>,
    /// Numeric metric values by year, in catalogue order (for the HTML report's charts;
    /// not in the JSON report, so empty after `sscheck merge`).
    pub metrics: Vec<(String, Vec<(i32, f64)>)>,
}

/// The score part of a record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Score {
    pub overall: Option<f64>,
    pub grade: Option<String>,
    pub dimensions: Dimensions,
    pub capped_by: Vec<String>,
}

/// In the contract's order: basic, provision, support, evaluation.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Dimensions {
    pub basic: Option<f64>,
    pub provision: Option<f64>,
    pub support: Option<f64>,
    pub evaluation: Option<f64>,
}

impl Dimensions {
    pub fn get(&self, d: Dimension) -> Option<f64> {
        match d {
            Dimension::Basic => self.basic,
            Dimension::Provision => self.provision,
            Dimension::Support => self.support,
            Dimension::Evaluation => self.evaluation,
        }
    }
}

/// A finding of an audit, its texts in the run's language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditFinding {
    pub rule: String,
    pub kind: String,
    pub dimension: Option<String>,
    pub severity: String,
    pub title: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub help: Option<String>,
    pub file: Option<String>,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub waived: bool,
    /// Also in the `--baseline` report: shown, but it does not fail the gate.
    pub baselined: bool,
    pub fingerprint: String,
    /// The place in another submission the finding refers to (a copied document's
    /// other copy).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub related: Option<Related>,
}

impl AuditFinding {
    /// A finding as a record keeps it: its texts in `lang`.
    pub fn new(f: crate::finding::Finding, related: Option<Related>, lang: Lang) -> AuditFinding {
        AuditFinding {
            dimension: f.dimension.map(|d| d.id().to_string()),
            severity: f.severity.as_str().to_string(),
            title: f.title.get(lang).to_string(),
            message: f.message.get(lang).to_string(),
            help: f.help.as_ref().map(|h| h.get(lang).to_string()),
            file: f.location.as_ref().map(|l| l.file.clone()),
            line: f.location.as_ref().map(|l| l.line),
            column: f.location.as_ref().map(|l| l.column),
            waived: f.waived,
            baselined: false,
            fingerprint: f.fingerprint,
            related,
            rule: f.rule,
            kind: f.kind,
        }
    }

    pub fn severity(&self) -> Severity {
        Severity::parse(&self.severity).unwrap_or(Severity::Error)
    }

    /// Counts for the gate: neither waived nor baselined.
    pub fn is_new(&self) -> bool {
        !self.waived && !self.baselined
    }
}

/// How one rule ended for a center (the rule is the standard's rule at the same index).
#[derive(Debug, Clone, PartialEq)]
pub struct RuleState {
    pub outcome: Outcome,
    pub waived: bool,
    pub reason: Option<Box<str>>,
}

/// Finding counts of a center.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Unwaived findings, baselined or not, by severity.
    pub error: usize,
    pub warning: usize,
    pub info: usize,
    pub waived: usize,
    /// Unwaived findings that are in the baseline.
    pub baselined: usize,
}

/// Why a center is at exit risk: a failed exit-risk rule and what it found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub rule: String,
    pub title: String,
    pub message: String,
    pub file: Option<String>,
    pub line: Option<u32>,
}

impl Center {
    /// The record of a checked submission; texts in `lang`.
    pub fn from_report(
        standard: &Standard,
        r: SubmissionReport,
        path: String,
        lang: Lang,
    ) -> Center {
        let dim = |d: Dimension| r.score.dimensions.get(&d).copied().flatten();
        let score = Score {
            overall: r.score.overall,
            grade: r.score.grade.clone(),
            dimensions: Dimensions {
                basic: dim(Dimension::Basic),
                provision: dim(Dimension::Provision),
                support: dim(Dimension::Support),
                evaluation: dim(Dimension::Evaluation),
            },
            capped_by: r.score.capped_by.clone(),
        };
        let findings = r
            .findings
            .into_iter()
            .map(|f| AuditFinding::new(f, None, lang))
            .collect();
        debug_assert_eq!(r.rules.len(), standard.rules.len());
        let rules = r
            .rules
            .into_iter()
            .map(|s| RuleState {
                outcome: s.outcome,
                waived: s.waived,
                reason: s.reason.map(|t| t.get(lang).into()),
            })
            .collect();
        Center {
            path,
            center_id: r.center_id,
            name: r.name,
            profile: r.profile,
            reporting_year: r.reporting_year,
            score,
            findings,
            findings_capped: r.capped,
            incomplete: r.incomplete,
            rules,
            counts: Counts::default(),
            passed: true,
            exit_risk: Vec::new(),
            gathered: r.gathered,
            waivers: r.cross_waivers,
            metrics: r.metrics,
        }
    }

    /// Score again from the rules' outcomes (after the cross-center rules), then count
    /// the findings, judge the gate and list the exit-risk evidence.
    pub fn settle(&mut self, standard: &Standard, fail_on: Option<Severity>) {
        let outcomes: Vec<(Outcome, bool)> =
            self.rules.iter().map(|r| (r.outcome, r.waived)).collect();
        let unwaived_error = self
            .findings
            .iter()
            .any(|f| !f.waived && f.severity() == Severity::Error);
        let s = crate::engine::rescore(standard, &outcomes, unwaived_error);
        let dim = |d: Dimension| s.dimensions.get(&d).copied().flatten();
        self.score = Score {
            overall: s.overall,
            grade: s.grade,
            dimensions: Dimensions {
                basic: dim(Dimension::Basic),
                provision: dim(Dimension::Provision),
                support: dim(Dimension::Support),
                evaluation: dim(Dimension::Evaluation),
            },
            capped_by: s.capped_by,
        };
        self.incomplete = self.rules.iter().any(|r| r.outcome == Outcome::Error);
        let mut counts = Counts::default();
        for f in &self.findings {
            if f.waived {
                counts.waived += 1;
                continue;
            }
            if f.baselined {
                counts.baselined += 1;
            }
            match f.severity() {
                Severity::Error => counts.error += 1,
                Severity::Warning => counts.warning += 1,
                Severity::Info => counts.info += 1,
            }
        }
        self.counts = counts;
        self.passed = !fail_on.is_some_and(|level| {
            self.findings
                .iter()
                .any(|f| f.is_new() && f.severity() >= level)
        });
        self.exit_risk.clear();
        for (rule, state) in standard.rules.iter().zip(&self.rules) {
            if !rule.exit_risk || state.outcome != Outcome::Fail || state.waived {
                continue;
            }
            let first = self
                .findings
                .iter()
                .find(|f| f.rule == rule.id && !f.waived);
            self.exit_risk.push(Evidence {
                rule: rule.id.clone(),
                title: first.map_or_else(String::new, |f| f.title.clone()),
                message: first.map_or_else(String::new, |f| f.message.clone()),
                file: first.and_then(|f| f.file.clone()),
                line: first.and_then(|f| f.line),
            });
        }
    }

    /// Sort the findings as every report lists them: by file, line, column, rule; those
    /// without a file last.
    pub fn sort_findings(&mut self) {
        self.findings.sort_by(|a, b| {
            let key = |f: &AuditFinding| (f.file.is_none(), f.file.clone(), f.line, f.column);
            key(a).cmp(&key(b)).then_with(|| a.rule.cmp(&b.rule))
        });
    }

    /// The best-known name for messages: the center's name, else its id, else its path.
    pub fn label(&self) -> &str {
        self.name
            .as_deref()
            .or(self.center_id.as_deref())
            .unwrap_or(&self.path)
    }
}

// --- JSON form ---

/// A record as the JSON report writes it: the `check` contract's fields first, then the
/// audit's.
#[derive(Serialize)]
pub struct CenterOut<'a> {
    path: &'a str,
    center_id: Option<&'a str>,
    reporting_year: Option<i32>,
    score: &'a Score,
    findings: &'a [AuditFinding],
    findings_capped: bool,
    incomplete: bool,
    rules: Vec<RuleOut<'a>>,
    name: Option<&'a str>,
    center: &'a Profile,
    counts: Counts,
    passed: bool,
    exit_risk: &'a [Evidence],
    #[serde(skip_serializing_if = "Option::is_none")]
    gathered: Option<BTreeMap<&'a str, &'a Option<Gathered>>>,
    /// Shard reports only: the waivers of cross-center rules, for the merge to apply.
    #[serde(skip_serializing_if = "Option::is_none")]
    waivers: Option<&'a [Scope]>,
    /// Shard reports only: the metric series, for a merged HTML report.
    #[serde(skip_serializing_if = "Option::is_none")]
    metrics: Option<&'a [Series]>,
}

#[derive(Serialize, Deserialize)]
struct RuleOut<'a> {
    rule: std::borrow::Cow<'a, str>,
    outcome: std::borrow::Cow<'a, str>,
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    waived: bool,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    reason: Option<std::borrow::Cow<'a, str>>,
}

impl Center {
    /// The JSON view; with `gathered` (shard reports) the cross-center data too.
    pub fn out<'a>(&'a self, standard: &'a Standard, gathered: bool) -> CenterOut<'a> {
        CenterOut {
            path: &self.path,
            center_id: self.center_id.as_deref(),
            reporting_year: self.reporting_year,
            score: &self.score,
            findings: &self.findings,
            findings_capped: self.findings_capped,
            incomplete: self.incomplete,
            rules: standard
                .rules
                .iter()
                .zip(&self.rules)
                .map(|(rule, s)| RuleOut {
                    rule: rule.id.as_str().into(),
                    outcome: s.outcome.as_str().into(),
                    waived: s.waived,
                    reason: s.reason.as_deref().map(Into::into),
                })
                .collect(),
            name: self.name.as_deref(),
            center: &self.profile,
            counts: self.counts,
            passed: self.passed,
            exit_risk: &self.exit_risk,
            gathered: gathered.then(|| {
                self.gathered
                    .iter()
                    .map(|(rule, g)| (rule.as_str(), g))
                    .collect()
            }),
            waivers: (gathered && !self.waivers.is_empty()).then_some(self.waivers.as_slice()),
            metrics: (gathered && !self.metrics.is_empty()).then_some(self.metrics.as_slice()),
        }
    }
}

/// A record as read back from a shard report.
#[derive(Deserialize)]
pub struct CenterIn {
    path: String,
    center_id: Option<String>,
    reporting_year: Option<i32>,
    score: Score,
    findings: Vec<AuditFinding>,
    findings_capped: bool,
    incomplete: bool,
    rules: Vec<RuleOut<'static>>,
    name: Option<String>,
    center: Profile,
    #[serde(default)]
    gathered: BTreeMap<String, Option<Gathered>>,
    #[serde(default)]
    waivers: Vec<Scope>,
    #[serde(default)]
    metrics: Vec<(String, Vec<(i32, f64)>)>,
}

impl CenterIn {
    /// The record, its rules matched to `standard`'s; an error names a rule the standard
    /// lacks or lacks one of the standard's (the shard was made with another standard).
    pub fn into_center(self, standard: &Standard) -> Result<Center, crate::i18n::Text> {
        let by_id: BTreeMap<&str, &RuleOut> =
            self.rules.iter().map(|r| (r.rule.as_ref(), r)).collect();
        let other_standard = |what: crate::i18n::Text| {
            crate::t!(
                "{path}：{what}；分片是否用另一个标准生成？",
                "{path}: {what}; were the shards written with another standard?",
                path = self.path,
                what = what
            )
        };
        if by_id.len() != standard.rules.len() {
            return Err(other_standard(crate::t!(
                "{n} 条规则，而标准有 {m} 条",
                "{n} rules, the standard has {m}",
                n = by_id.len(),
                m = standard.rules.len()
            )));
        }
        let mut rules = Vec::with_capacity(standard.rules.len());
        for rule in &standard.rules {
            let Some(r) = by_id.get(rule.id.as_str()) else {
                return Err(other_standard(crate::t!(
                    "缺少规则 {rule} 的结果",
                    "no outcome for rule {rule}",
                    rule = rule.id
                )));
            };
            let outcome = parse_outcome(&r.outcome).ok_or_else(|| {
                other_standard(crate::t!(
                    "未知的结果 `{o}`",
                    "unknown outcome `{o}`",
                    o = r.outcome
                ))
            })?;
            rules.push(RuleState {
                outcome,
                waived: r.waived,
                reason: r.reason.as_deref().map(Into::into),
            });
        }
        Ok(Center {
            path: self.path,
            center_id: self.center_id,
            name: self.name,
            profile: self.center,
            reporting_year: self.reporting_year,
            score: self.score,
            findings: self.findings,
            findings_capped: self.findings_capped,
            incomplete: self.incomplete,
            rules,
            counts: Counts::default(),
            passed: true,
            exit_risk: Vec::new(),
            gathered: self.gathered.into_iter().collect(),
            waivers: self.waivers,
            metrics: self.metrics,
        })
    }
}

pub(crate) fn parse_outcome(s: &str) -> Option<Outcome> {
    Some(match s {
        "pass" => Outcome::Pass,
        "fail" => Outcome::Fail,
        "not-applicable" => Outcome::NotApplicable,
        "error" => Outcome::Error,
        "not-selected" => Outcome::NotSelected,
        _ => return None,
    })
}
