//! The figures over all centers of an audit: gate, grades (overall, by region, by
//! level), the most-violated rules, the worst centers, the exit-risk list and the
//! copied-document pairs. Every format shows them from here.

use std::collections::BTreeMap;

use serde::Serialize;

use super::record::{Center, Counts};
use crate::i18n::Lang;
use crate::standard::Standard;

/// How many centers the "worst centers" list shows.
pub const WORST: usize = 10;

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub submissions: usize,
    /// Files and folders under the roots that are no submission.
    pub skipped: usize,
    pub passed: usize,
    pub failed: usize,
    pub incomplete: usize,
    /// Findings over all centers.
    pub findings: Counts,
    /// Centers per grade, best grade first; `-` for centers without a grade.
    pub grades: Vec<GradeCount>,
    pub by_region: Vec<Group>,
    pub by_level: Vec<Group>,
    /// Rules failed by at least one center, most centers first.
    pub rules: Vec<RuleCount>,
    /// Centers with the most unwaived errors, then warnings, then lowest score.
    pub worst: Vec<Worst>,
    pub exit_risk: Vec<ExitRisk>,
    pub duplicates: Vec<Pair>,
}

#[derive(Debug, Clone, Serialize)]
pub struct GradeCount {
    pub grade: String,
    pub count: usize,
}

/// Grades of the centers sharing a region or level (`-` when unknown).
#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub key: String,
    pub submissions: usize,
    pub grades: Vec<GradeCount>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RuleCount {
    pub rule: String,
    pub title: String,
    /// Centers with an unwaived finding of the rule.
    pub centers: usize,
    pub findings: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Worst {
    pub path: String,
    pub center_id: Option<String>,
    pub name: Option<String>,
    pub overall: Option<f64>,
    pub grade: Option<String>,
    pub errors: usize,
    pub warnings: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExitRisk {
    pub path: String,
    pub center_id: Option<String>,
    pub name: Option<String>,
    /// The exit-risk rules failed, each with its evidence.
    pub evidence: Vec<super::record::Evidence>,
}

/// Two submissions sharing a copied document.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pair {
    pub rule: String,
    pub a: Side,
    pub b: Side,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Side {
    pub path: String,
    pub center_id: Option<String>,
    pub file: String,
    pub line: u32,
}

const NO_KEY: &str = "-";

impl Summary {
    pub fn of(standard: &Standard, centers: &[Center], skipped: usize, _lang: Lang) -> Summary {
        let grade_order: Vec<String> = standard.grades.iter().map(|g| g.grade.clone()).collect();
        let count_grades = |subset: &mut dyn Iterator<Item = &Center>| -> Vec<GradeCount> {
            let mut n: BTreeMap<String, usize> = BTreeMap::new();
            for c in subset {
                *n.entry(c.score.grade.clone().unwrap_or_else(|| NO_KEY.into()))
                    .or_default() += 1;
            }
            let mut out: Vec<GradeCount> = grade_order
                .iter()
                .map(|g| GradeCount {
                    grade: g.clone(),
                    count: n.remove(g).unwrap_or(0),
                })
                .collect();
            out.extend(
                n.into_iter()
                    .map(|(grade, count)| GradeCount { grade, count }),
            );
            out
        };
        let group = |key: &dyn Fn(&Center) -> Option<&str>| -> Vec<Group> {
            let mut keys: Vec<&str> = centers.iter().map(|c| key(c).unwrap_or(NO_KEY)).collect();
            keys.sort();
            keys.dedup();
            keys.into_iter()
                .map(|k| {
                    let of = |c: &&Center| key(c).unwrap_or(NO_KEY) == k;
                    Group {
                        key: k.to_string(),
                        submissions: centers.iter().filter(of).count(),
                        grades: count_grades(&mut centers.iter().filter(of)),
                    }
                })
                .collect()
        };
        let mut findings = Counts::default();
        let mut rules: BTreeMap<&str, RuleCount> = BTreeMap::new();
        let mut duplicates = Vec::new();
        for c in centers {
            findings.error += c.counts.error;
            findings.warning += c.counts.warning;
            findings.info += c.counts.info;
            findings.waived += c.counts.waived;
            findings.baselined += c.counts.baselined;
            let mut seen: Vec<&str> = Vec::new();
            for f in c.findings.iter().filter(|f| !f.waived) {
                let entry = rules.entry(&f.rule).or_insert_with(|| RuleCount {
                    rule: f.rule.clone(),
                    title: f.title.clone(),
                    centers: 0,
                    findings: 0,
                });
                entry.findings += 1;
                if !seen.contains(&f.rule.as_str()) {
                    seen.push(&f.rule);
                    entry.centers += 1;
                }
                if let (Some(other), Some(file)) = (&f.related, &f.file) {
                    let here = Side {
                        path: c.path.clone(),
                        center_id: c.center_id.clone(),
                        file: file.clone(),
                        line: f.line.unwrap_or(1),
                    };
                    let there = Side {
                        path: other.path.clone(),
                        center_id: other.center_id.clone(),
                        file: other.file.clone(),
                        line: other.line,
                    };
                    // Each pair once, its sides in path order.
                    if here < there {
                        duplicates.push(Pair {
                            rule: f.rule.clone(),
                            a: here,
                            b: there,
                        });
                    }
                }
            }
        }
        duplicates.sort();
        duplicates.dedup();
        let mut rules: Vec<RuleCount> = rules.into_values().collect();
        rules.sort_by(|a, b| b.centers.cmp(&a.centers).then(a.rule.cmp(&b.rule)));
        let mut worst: Vec<&Center> = centers
            .iter()
            .filter(|c| c.counts.error + c.counts.warning > 0 || !c.passed)
            .collect();
        worst.sort_by(|a, b| {
            b.counts
                .error
                .cmp(&a.counts.error)
                .then(b.counts.warning.cmp(&a.counts.warning))
                .then(
                    a.score
                        .overall
                        .unwrap_or(0.0)
                        .total_cmp(&b.score.overall.unwrap_or(0.0)),
                )
                .then(a.path.cmp(&b.path))
        });
        Summary {
            submissions: centers.len(),
            skipped,
            passed: centers.iter().filter(|c| c.passed).count(),
            failed: centers.iter().filter(|c| !c.passed).count(),
            incomplete: centers.iter().filter(|c| c.incomplete).count(),
            findings,
            grades: count_grades(&mut centers.iter()),
            by_region: group(&|c| c.profile.region.as_deref()),
            by_level: group(&|c| c.profile.level.as_deref()),
            rules,
            worst: worst
                .into_iter()
                .take(WORST)
                .map(|c| Worst {
                    path: c.path.clone(),
                    center_id: c.center_id.clone(),
                    name: c.name.clone(),
                    overall: c.score.overall,
                    grade: c.score.grade.clone(),
                    errors: c.counts.error,
                    warnings: c.counts.warning,
                })
                .collect(),
            exit_risk: centers
                .iter()
                .filter(|c| !c.exit_risk.is_empty())
                .map(|c| ExitRisk {
                    path: c.path.clone(),
                    center_id: c.center_id.clone(),
                    name: c.name.clone(),
                    evidence: c.exit_risk.clone(),
                })
                .collect(),
            duplicates,
        }
    }
}
