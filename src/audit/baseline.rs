//! `--baseline earlier.json`: findings already in an earlier audit's JSON report are
//! shown, marked, but do not fail the gate. Findings match by center and fingerprint
//! (rule, file and the content flagged), never by line number, so edits elsewhere in a
//! file do not make old findings new.

use std::collections::HashSet;
use std::path::Path;

use serde::Deserialize;

use super::record::Center;

/// The findings of an earlier report.
#[derive(Debug, Default)]
pub struct Baseline {
    known: HashSet<(String, String)>,
}

#[derive(Deserialize)]
struct Report {
    submissions: Vec<Submission>,
}

#[derive(Deserialize)]
struct Submission {
    path: String,
    center_id: Option<String>,
    #[serde(default)]
    findings: Vec<Finding>,
}

#[derive(Deserialize)]
struct Finding {
    fingerprint: String,
}

impl Baseline {
    /// Read an earlier JSON report (of `audit`, `merge` or `check`).
    pub fn load(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
        Baseline::parse(&text)
    }

    pub fn parse(text: &str) -> Result<Baseline, String> {
        let report: Report = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let mut known = HashSet::new();
        for s in report.submissions {
            let center = s.center_id.unwrap_or(s.path);
            for f in s.findings {
                known.insert((center.clone(), f.fingerprint));
            }
        }
        Ok(Baseline { known })
    }

    /// Mark the findings of `center` that the baseline holds.
    pub fn mark(&self, center: &mut Center) {
        let key = center
            .center_id
            .clone()
            .unwrap_or_else(|| center.path.clone());
        for f in center.findings.iter_mut() {
            f.baselined = self.known.contains(&(key.clone(), f.fingerprint.clone()));
        }
    }

    pub fn len(&self) -> usize {
        self.known.len()
    }

    pub fn is_empty(&self) -> bool {
        self.known.is_empty()
    }
}
