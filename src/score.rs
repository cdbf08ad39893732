//! Scoring: a dimension's score is 100 × the weight of passed applicable rules over the
//! weight of all applicable rules; the overall score weighs the dimensions; the standard
//! maps the overall score to a grade.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::finding::{Dimension, Outcome};
use crate::standard::Standard;

#[derive(Debug, Clone, Serialize)]
pub struct Score {
    /// `None` when no rule applied at all.
    pub overall: Option<f64>,
    pub grade: Option<String>,
    /// `None` for a dimension with no applicable rule.
    pub dimensions: BTreeMap<Dimension, Option<f64>>,
    /// What held the grade below the one the score earns: rule ids (veto items),
    /// `incomplete`, `errors`. Empty when the score alone decided.
    pub capped_by: Vec<String>,
}

/// A reason the grade may be no better than `grade`.
pub struct Cap {
    pub grade: String,
    /// A rule id, `incomplete` or `errors`.
    pub by: String,
}

/// Lower the grade to the worst of the caps that are below it, and record them.
pub fn apply_caps(standard: &Standard, score: &mut Score, caps: &[Cap]) {
    let Some(earned) = score.grade.as_deref().and_then(|g| standard.grade_rank(g)) else {
        return;
    };
    let mut rank = earned;
    for cap in caps {
        let Some(r) = standard.grade_rank(&cap.grade) else {
            continue;
        };
        if r > earned {
            rank = rank.max(r);
            score.capped_by.push(cap.by.clone());
        }
    }
    score.capped_by.sort();
    score.capped_by.dedup();
    score.grade = Some(standard.grades[rank].grade.clone());
}

/// One rule's contribution: its dimension, weight, and whether it counts as passed.
pub struct Scored {
    pub dimension: Dimension,
    pub weight: f64,
    pub outcome: Outcome,
    /// Every finding of the failed rule is waived: the deviation was accepted.
    pub waived: bool,
}

pub fn score(standard: &Standard, rules: &[Scored]) -> Score {
    let mut dimensions = BTreeMap::new();
    for dim in Dimension::ALL {
        let applicable: Vec<&Scored> = rules
            .iter()
            .filter(|r| r.dimension == dim && r.outcome != Outcome::NotApplicable)
            .collect();
        let total: f64 = applicable.iter().map(|r| r.weight).sum();
        let passed: f64 = applicable
            .iter()
            .filter(|r| r.outcome == Outcome::Pass || (r.outcome == Outcome::Fail && r.waived))
            .map(|r| r.weight)
            .sum();
        dimensions.insert(dim, (total > 0.0).then(|| round1(100.0 * passed / total)));
    }
    let (mut num, mut den) = (0.0, 0.0);
    for (dim, s) in &dimensions {
        if let Some(s) = s {
            let w = standard.dimension_weights.get(dim).copied().unwrap_or(0.0);
            num += w * s;
            den += w;
        }
    }
    let overall = (den > 0.0).then(|| round1(num / den));
    let grade = overall.and_then(|o| {
        standard
            .grades
            .iter()
            .find(|g| o + 1e-9 >= g.min)
            .map(|g| g.grade.clone())
    });
    Score {
        overall,
        grade,
        dimensions,
        capped_by: Vec::new(),
    }
}

/// One decimal; never `-0.0` (adding `0.0` turns a negative zero positive).
fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0 + 0.0
}

#[cfg(test)]
mod tests {
    #[test]
    fn no_negative_zero() {
        assert_eq!(super::round1(-0.0).to_string(), "0");
        assert_eq!(format!("{:.1}", super::round1(-0.04)), "0.0");
        assert_eq!(super::round1(86.84), 86.8);
    }
}
