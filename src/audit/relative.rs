//! Relative grading (`grading.relative`, audit only): the grade comes from the center's
//! percentile within its cohort on a composite index, as Jiangsu rates its centers A/B/C
//! by rank, instead of from the score's absolute cut-offs.
//!
//! While each submission is checked, the reporting year's values of the index's metrics
//! are gathered under [`KEY`]. When every center is settled, each cohort (the centers of
//! the audit sharing the `by` attributes and the reporting year) is ranked: a center's
//! index is the mean of its percentile ranks on each metric, and the percentile rank of
//! that index gives the grade. The grade caps (incomplete, unwaived errors, veto rules)
//! still apply: a center gets the worse of its relative grade and its caps. A center that
//! cannot be ranked (a metric missing, no cohort attribute, a cohort smaller than
//! `min_cohort`) keeps the grade its score earns. Under `sscheck check` nothing changes.

use std::collections::BTreeMap;

use crate::checks::cohort::{cohort_key, composite, Groups, Ranking};
use crate::checks::cross::Gathered;
use crate::finding::Outcome;
use crate::standard::Standard;
use crate::submission::Submission;

use super::record::Center;
use super::store::Regrade;

/// The key the index's values are gathered under (no rule id has a dot).
pub const KEY: &str = "grading.relative";

/// The reporting year's values of the relative grading's index metrics, when the standard
/// grades relatively.
pub fn gather(standard: &Standard, sub: &Submission) -> Option<Gathered> {
    let rel = standard.relative_grading()?;
    let year = sub.reporting_year()?;
    let values = sub.metrics.get(&year).map_or_else(
        || vec![None; rel.index.len()],
        |m| {
            rel.index
                .iter()
                .map(|id| m.values.get(id).and_then(|(v, _)| v.as_f64()))
                .collect()
        },
    );
    Some(Gathered::Years(BTreeMap::from([(year, values)])))
}

/// What relative grading needs of one settled center: its cohort, its index values by
/// year, and the caps on its grade.
#[derive(Debug, Clone)]
pub struct Candidate {
    key: Vec<String>,
    years: Vec<(i32, Vec<f64>)>,
    caps: Vec<(String, String)>,
}

/// The candidate a settled center is for relative grading, when the standard grades
/// relatively and the center can be ranked at all (it has a grade, a cohort and the
/// gathered index values).
pub fn candidate(standard: &Standard, c: &Center, index: Option<&Gathered>) -> Option<Candidate> {
    let rel = standard.relative_grading()?;
    c.score.grade.as_ref()?;
    let key = cohort_key(&c.profile, &rel.by).ok()?;
    let Some(Gathered::Years(years)) = index else {
        return None;
    };
    let years = years
        .iter()
        .filter_map(|(year, values)| {
            let values: Option<Vec<f64>> = values.iter().copied().collect();
            values.filter(|v| !v.is_empty()).map(|v| (*year, v))
        })
        .collect();
    Some(Candidate {
        key,
        years,
        caps: caps(standard, c),
    })
}

/// Grade the candidates (one per settled center, in path order) relatively, when the
/// standard says so: the new grade of each center that gets one. Empty when no center
/// does.
pub fn grades(standard: &Standard, candidates: &[Option<Candidate>]) -> Vec<Option<Regrade>> {
    let Some(rel) = standard.relative_grading() else {
        return Vec::new();
    };
    let mut groups: Groups = BTreeMap::new();
    for (i, c) in candidates.iter().enumerate() {
        let Some(c) = c else { continue };
        for (year, values) in &c.years {
            groups
                .entry((c.key.clone(), *year))
                .or_default()
                .push((i, values.clone()));
        }
    }
    let mut out: Vec<Option<Regrade>> = Vec::new();
    for members in groups.values() {
        if members.len() < rel.min_cohort as usize {
            continue;
        }
        let rows: Vec<Vec<f64>> = members.iter().map(|(_, v)| v.clone()).collect();
        let index = composite(&rows);
        let ranking = Ranking::new(&index);
        for ((i, _), v) in members.iter().zip(&index) {
            let percentile = ranking.standing(*v).percentile();
            let Some(grade) = rel.grade_of(percentile) else {
                continue;
            };
            let Some(c) = &candidates[*i] else { continue };
            if let Some(r) = regrade(standard, c, grade) {
                if out.is_empty() {
                    out = vec![None; candidates.len()];
                }
                out[*i] = Some(r);
            }
        }
    }
    out
}

/// A center's relative grade, held down by its caps.
fn regrade(standard: &Standard, c: &Candidate, relative: &str) -> Option<Regrade> {
    let mut rank = standard.grade_rank(relative)?;
    let mut capped_by = Vec::new();
    for (grade, by) in &c.caps {
        if let Some(r) = standard
            .grade_rank(grade)
            .filter(|r| *r > standard.grade_rank(relative).unwrap_or(0))
        {
            rank = rank.max(r);
            capped_by.push(by.clone());
        }
    }
    capped_by.sort();
    capped_by.dedup();
    Some(Regrade {
        grade: standard.grades[rank].grade.clone(),
        capped_by,
    })
}

/// The caps on a settled center's grade, as the score applies them: failed veto rules,
/// an incomplete check, an unwaived error.
fn caps(standard: &Standard, c: &Center) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (rule, state) in standard.rules.iter().zip(&c.rules) {
        if let Some(grade) = &rule.caps_grade {
            if state.outcome == Outcome::Fail && !state.waived {
                out.push((grade.clone(), rule.id.clone()));
            }
        }
    }
    let of = &standard.grade_caps;
    if let Some(grade) = &of.incomplete {
        if c.rules.iter().any(|r| r.outcome == Outcome::Error) {
            out.push((grade.clone(), "incomplete".into()));
        }
    }
    if let Some(grade) = &of.errors {
        let unwaived_error = c
            .findings
            .iter()
            .any(|f| !f.waived && f.severity() == crate::finding::Severity::Error);
        if unwaived_error {
            out.push((grade.clone(), "errors".into()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::standard::RelativeGrading;

    #[test]
    fn percentiles_map_to_the_first_grade_reached() {
        let rel = RelativeGrading {
            index: vec!["enterprises_served".into()],
            by: vec!["region".into(), "level".into()],
            min_cohort: 8,
            grades: vec![("A".into(), 80.0), ("B".into(), 30.0), ("C".into(), 0.0)],
        };
        assert_eq!(rel.grade_of(100.0), Some("A"));
        assert_eq!(rel.grade_of(80.0), Some("A"));
        assert_eq!(rel.grade_of(79.9), Some("B"));
        assert_eq!(rel.grade_of(30.0), Some("B"));
        assert_eq!(rel.grade_of(29.9), Some("C"));
        assert_eq!(rel.grade_of(0.0), Some("C"));
    }
}
