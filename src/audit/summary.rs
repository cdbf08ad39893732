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
        let mut b = Builder::new(standard);
        for c in centers {
            b.add(c);
        }
        b.finish(skipped)
    }
}

/// A [`Summary`] built one center at a time (in path order), keeping only the figures.
#[derive(Debug)]
pub struct Builder {
    grade_order: Vec<String>,
    submissions: usize,
    passed: usize,
    failed: usize,
    incomplete: usize,
    findings: Counts,
    grades: BTreeMap<String, usize>,
    by_region: BTreeMap<String, BTreeMap<String, usize>>,
    by_level: BTreeMap<String, BTreeMap<String, usize>>,
    rules: BTreeMap<String, RuleCount>,
    /// The worst centers so far, at most `2 * WORST` between trims.
    worst: Vec<Worst>,
    exit_risk: Vec<ExitRisk>,
    /// Each pair as seen from a side whose finding is not waived, with whether that side
    /// comes first in path order (its lines are the ones shown).
    duplicates: Vec<(Pair, bool)>,
}

impl Builder {
    pub fn new(standard: &Standard) -> Builder {
        Builder {
            grade_order: standard.grades.iter().map(|g| g.grade.clone()).collect(),
            submissions: 0,
            passed: 0,
            failed: 0,
            incomplete: 0,
            findings: Counts::default(),
            grades: BTreeMap::new(),
            by_region: BTreeMap::new(),
            by_level: BTreeMap::new(),
            rules: BTreeMap::new(),
            worst: Vec::new(),
            exit_risk: Vec::new(),
            duplicates: Vec::new(),
        }
    }

    /// Count a settled center in.
    pub fn add(&mut self, c: &Center) {
        self.submissions += 1;
        if c.passed {
            self.passed += 1;
        } else {
            self.failed += 1;
        }
        if c.incomplete {
            self.incomplete += 1;
        }
        let grade = c.score.grade.clone().unwrap_or_else(|| NO_KEY.into());
        *self.grades.entry(grade.clone()).or_default() += 1;
        let region = c.profile.region.as_deref().unwrap_or(NO_KEY);
        *self
            .by_region
            .entry(region.to_string())
            .or_default()
            .entry(grade.clone())
            .or_default() += 1;
        let level = c.profile.level.as_deref().unwrap_or(NO_KEY);
        *self
            .by_level
            .entry(level.to_string())
            .or_default()
            .entry(grade)
            .or_default() += 1;
        let findings = &mut self.findings;
        findings.error += c.counts.error;
        findings.warning += c.counts.warning;
        findings.info += c.counts.info;
        findings.waived += c.counts.waived;
        findings.baselined += c.counts.baselined;
        let mut seen: Vec<&str> = Vec::new();
        for f in c.findings.iter().filter(|f| !f.waived) {
            let entry = self
                .rules
                .entry(f.rule.clone())
                .or_insert_with(|| RuleCount {
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
                // Its sides in path order; seen from the first side when that one's
                // finding is not waived, else from the second.
                let first = here < there;
                let (a, b) = if first { (here, there) } else { (there, here) };
                self.duplicates.push((
                    Pair {
                        rule: f.rule.clone(),
                        a,
                        b,
                    },
                    first,
                ));
            }
        }
        if c.counts.error + c.counts.warning > 0 || !c.passed {
            self.worst.push(Worst {
                path: c.path.clone(),
                center_id: c.center_id.clone(),
                name: c.name.clone(),
                overall: c.score.overall,
                grade: c.score.grade.clone(),
                errors: c.counts.error,
                warnings: c.counts.warning,
            });
            if self.worst.len() >= 2 * WORST {
                self.trim_worst();
            }
        }
        if !c.exit_risk.is_empty() {
            self.exit_risk.push(ExitRisk {
                path: c.path.clone(),
                center_id: c.center_id.clone(),
                name: c.name.clone(),
                evidence: c.exit_risk.clone(),
            });
        }
    }

    /// Keep the `WORST` worst: most errors, then warnings, then the lowest score, then
    /// by path (a stable sort keeps the order of equal ones).
    fn trim_worst(&mut self) {
        self.worst.sort_by(|a, b| {
            b.errors
                .cmp(&a.errors)
                .then(b.warnings.cmp(&a.warnings))
                .then(
                    a.overall
                        .unwrap_or(0.0)
                        .total_cmp(&b.overall.unwrap_or(0.0)),
                )
                .then(a.path.cmp(&b.path))
        });
        self.worst.truncate(WORST);
    }

    pub fn finish(mut self, skipped: usize) -> Summary {
        self.trim_worst();
        let grade_order = &self.grade_order;
        let count_grades = |mut n: BTreeMap<String, usize>| -> Vec<GradeCount> {
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
        let group = |groups: BTreeMap<String, BTreeMap<String, usize>>| -> Vec<Group> {
            groups
                .into_iter()
                .map(|(key, grades)| Group {
                    key,
                    submissions: grades.values().sum(),
                    grades: count_grades(grades),
                })
                .collect()
        };
        // Each pair once: by rule, paths and files; the first side's view when there is one.
        let mut seen = self.duplicates;
        let key = |p: &Pair| {
            (
                p.rule.clone(),
                p.a.path.clone(),
                p.a.file.clone(),
                p.b.path.clone(),
                p.b.file.clone(),
            )
        };
        seen.sort_by(|(x, fx), (y, fy)| key(x).cmp(&key(y)).then(fy.cmp(fx)).then(x.cmp(y)));
        seen.dedup_by(|later, earlier| key(&later.0) == key(&earlier.0));
        let mut duplicates: Vec<Pair> = seen.into_iter().map(|(p, _)| p).collect();
        duplicates.sort();
        let mut rules: Vec<RuleCount> = self.rules.into_values().collect();
        rules.sort_by(|a, b| b.centers.cmp(&a.centers).then(a.rule.cmp(&b.rule)));
        Summary {
            submissions: self.submissions,
            skipped,
            passed: self.passed,
            failed: self.failed,
            incomplete: self.incomplete,
            findings: self.findings,
            grades: count_grades(self.grades),
            by_region: group(self.by_region),
            by_level: group(self.by_level),
            rules,
            worst: self.worst,
            exit_risk: self.exit_risk,
            duplicates,
        }
    }
}

#[cfg(test)]
#[allow(clippy::manual_is_multiple_of)] // varied fixtures read best as `i % n`
mod tests {
    use super::*;
    use crate::audit::store::tests::center;

    /// The worst list kept while centers stream in equals a sort of them all: most
    /// errors, then warnings, then the lowest score, then the path; ties included.
    #[test]
    fn the_worst_centers_streamed_equal_a_sort_of_them_all() {
        let standard = crate::standard::load_embedded().unwrap();
        let mut centers: Vec<Center> = (0..75)
            .map(|i| {
                let mut c = center(i);
                c.path = format!("root/c{i:03}");
                c.counts.error = (i * 7) % 4;
                c.counts.warning = (i * 5) % 3;
                c.passed = i % 9 != 0;
                c.score.overall = [None, Some(40.0), Some(55.5), Some(40.0)][i % 4];
                c
            })
            .collect();
        centers.sort_by(|a, b| a.path.cmp(&b.path));
        let s = Summary::of(&standard, &centers, 0, Lang::En);
        let mut all: Vec<&Center> = centers
            .iter()
            .filter(|c| c.counts.error + c.counts.warning > 0 || !c.passed)
            .collect();
        all.sort_by(|a, b| {
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
        let expected: Vec<&str> = all.iter().take(WORST).map(|c| c.path.as_str()).collect();
        let got: Vec<&str> = s.worst.iter().map(|w| w.path.as_str()).collect();
        assert_eq!(got, expected);
        assert!(all.len() > 3 * WORST);
        assert_eq!(s.submissions, 75);
        assert_eq!(s.passed + s.failed, 75);
        assert_eq!(s.by_region.iter().map(|g| g.submissions).sum::<usize>(), 75);
    }
}
