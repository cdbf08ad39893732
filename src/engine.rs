//! Checking submissions: load → check every rule → apply waivers → score.
//!
//! `check_submission` is a pure function of (standard, folder, options): no global state,
//! safe on many threads. The standard is shared read-only.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::checks;
use crate::finding::{Finding, InputCode, Outcome, Severity};
use crate::i18n::Text;
use crate::score::{self, Score, Scored};
use crate::standard::Standard;
use crate::submission::{self, waivers};
use crate::t;
use crate::text::ReadOptions;

/// Default cap on findings per submission.
pub const DEFAULT_MAX_FINDINGS: usize = 1000;

#[derive(Debug, Clone)]
pub struct CheckOptions {
    pub read: ReadOptions,
    /// Apply waivers.yaml (`--no-waivers` turns this off for auditors).
    pub use_waivers: bool,
    /// The date waiver expiry is judged against.
    pub today: jiff::civil::Date,
    pub max_findings: usize,
    /// Keep the text of files findings point into, for snippets (human output only;
    /// machine formats drop it so a bulk run's memory stays flat).
    pub keep_sources: bool,
    /// Rules and input diagnostics switched on (`--select`/`--ignore`); a rule left out
    /// is not run, its outcome is `not-selected` and it does not count in the score.
    pub selection: crate::select::Selection,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            read: ReadOptions::default(),
            use_waivers: true,
            today: jiff::Zoned::now().date(),
            max_findings: DEFAULT_MAX_FINDINGS,
            keep_sources: true,
            selection: crate::select::Selection::all(),
        }
    }
}

/// How one rule ended for one submission.
#[derive(Debug, Clone)]
pub struct RuleStatus {
    pub rule: String,
    pub outcome: Outcome,
    /// The rule failed and every finding of it is waived.
    pub waived: bool,
    pub reason: Option<Text>,
}

/// Everything a renderer needs about one submission.
#[derive(Debug, Clone)]
pub struct SubmissionReport {
    /// The path as the user gave it.
    pub path: PathBuf,
    pub center_id: Option<String>,
    pub reporting_year: Option<i32>,
    pub score: Score,
    /// Sorted by file, line, column, rule.
    pub findings: Vec<Finding>,
    pub rules: Vec<RuleStatus>,
    /// Text of the files findings point into, for snippets.
    pub sources: BTreeMap<String, Arc<str>>,
    /// Findings beyond `max_findings` were dropped.
    pub capped: bool,
    /// Some rules could not be checked (outcome `error`): the verdict is incomplete.
    pub incomplete: bool,
}

impl SubmissionReport {
    /// Findings that count for the exit code: not waived, at or above `level`.
    pub fn failing(&self, level: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| !f.waived && f.severity >= level)
            .count()
    }
}

/// Check several submissions in parallel; reports come back in argument order.
pub fn check_all(
    standard: &Standard,
    paths: &[PathBuf],
    opts: &CheckOptions,
) -> Vec<SubmissionReport> {
    paths
        .par_iter()
        .map(|p| check_submission(standard, p, opts))
        .collect()
}

/// Check one submission folder.
pub fn check_submission(standard: &Standard, path: &Path, opts: &CheckOptions) -> SubmissionReport {
    let mut sub = submission::load(path, standard, &opts.read);
    let mut findings = std::mem::take(&mut sub.findings);
    let mut results = Vec::with_capacity(standard.rules.len());
    let mut uncounted = 0;
    let selection = &opts.selection;
    // Input diagnostics switched off are dropped here, before the findings that say which
    // rules could not be checked are made: those are never dropped, so an ignored input
    // cannot make an unchecked submission pass.
    findings.retain(|f| selection.finding_selected(&f.rule));
    for rule in &standard.rules {
        if !selection.rule_selected(&rule.id) {
            results.push((
                rule,
                checks::RuleResult {
                    outcome: Outcome::NotSelected,
                    ..checks::RuleResult::from_findings(Vec::new())
                },
            ));
            continue;
        }
        let r = checks::run_rule(standard, &sub, rule, opts.max_findings);
        findings.extend(r.findings.iter().cloned());
        uncounted += r.dropped;
        results.push((rule, r));
    }
    let not_a_submission = findings
        .iter()
        .any(|f| f.rule == InputCode::NotASubmission.rule_id());
    if !not_a_submission {
        findings.extend(unchecked_findings(&sub, &results, &findings));
    }
    if opts.use_waivers {
        if selection.is_all() {
            apply_waivers(&sub.waivers, &mut findings, opts.today);
        } else {
            // A waiver of a rule left out of the run is neither used nor stale.
            let waivers: Vec<waivers::Waiver> = sub
                .waivers
                .iter()
                .filter(|w| selection.finding_selected(&w.rule))
                .cloned()
                .collect();
            apply_waivers(&waivers, &mut findings, opts.today);
        }
    }
    let rules: Vec<RuleStatus> = results
        .iter()
        .map(|(rule, r)| {
            let own: Vec<&Finding> = findings.iter().filter(|f| f.rule == rule.id).collect();
            RuleStatus {
                rule: rule.id.clone(),
                outcome: r.outcome,
                waived: r.outcome == Outcome::Fail
                    && !own.is_empty()
                    && own.iter().all(|f| f.waived),
                reason: r.reason.clone(),
            }
        })
        .collect();
    let scored: Vec<Scored> = results
        .iter()
        .zip(&rules)
        .map(|((rule, r), status)| Scored {
            dimension: rule.dimension,
            weight: rule.weight,
            // A rule left out counts like one that does not apply: not at all.
            outcome: if r.outcome == Outcome::NotSelected {
                Outcome::NotApplicable
            } else {
                r.outcome
            },
            waived: status.waived,
        })
        .collect();
    let mut score = score::score(standard, &scored);
    score::apply_caps(
        standard,
        &mut score,
        &grade_caps(standard, &results, &rules, &findings),
    );

    findings.sort_by(|a, b| {
        let key = |f: &Finding| {
            f.location
                .as_ref()
                .map(|l| (0, l.file.clone(), l.line, l.column))
                .unwrap_or((1, String::new(), 0, 0))
        };
        key(a).cmp(&key(b)).then_with(|| a.rule.cmp(&b.rule))
    });
    let mut capped = false;
    if findings.len() > opts.max_findings || uncounted > 0 {
        capped = true;
        let dropped = findings.len().saturating_sub(opts.max_findings) + uncounted;
        findings.truncate(opts.max_findings);
        findings.push(Finding::input(
            InputCode::FindingsCapped,
            Severity::Warning,
            t!(
                "问题过多：另有 {dropped} 条未列出（上限 {cap}）",
                "too many findings: {dropped} more were not listed (cap {cap})",
                dropped = dropped,
                cap = opts.max_findings
            ),
            None,
        ));
    }
    let mut sources = BTreeMap::new();
    for f in findings.iter().filter(|_| opts.keep_sources) {
        if let Some(l) = &f.location {
            if let Some(text) = sub.sources.get(&l.file) {
                sources.insert(l.file.clone(), text.clone());
            }
        }
    }
    let incomplete = rules.iter().any(|r| r.outcome == Outcome::Error);
    SubmissionReport {
        path: path.to_path_buf(),
        center_id: sub.manifest.as_ref().and_then(|m| m.center_id.clone()),
        reporting_year: sub.reporting_year(),
        score,
        findings,
        rules,
        sources,
        capped,
        incomplete,
    }
}

/// One error finding per input that stopped rules, unless an error finding in that input
/// already says what is wrong with it: a missing metrics file is one finding, not one per
/// rule, and it fails the gate. Rules stopped for no input-related cause get one each.
fn unchecked_findings(
    sub: &submission::Submission,
    results: &[(&crate::standard::Rule, checks::RuleResult)],
    findings: &[Finding],
) -> Vec<Finding> {
    use checks::Cause;
    let mut by_file: BTreeMap<String, Vec<(Option<String>, &str)>> = BTreeMap::new();
    let mut out = Vec::new();
    for (rule, r) in results.iter().filter(|(_, r)| r.outcome == Outcome::Error) {
        match r.cause.as_deref() {
            Some(Cause::File(file)) => by_file
                .entry(file.clone())
                .or_default()
                .push((None, &rule.id)),
            Some(Cause::Value { file, key }) => by_file
                .entry(file.clone())
                .or_default()
                .push((Some(key.clone()), &rule.id)),
            None => out.push(Finding::input(
                InputCode::Unchecked,
                Severity::Error,
                t!(
                    "规则 {rule} 无法检查：{reason}",
                    "rule {rule} could not be checked: {reason}",
                    rule = rule.id,
                    reason = r.reason.clone().unwrap_or_default()
                ),
                None,
            )),
        }
    }
    let explained = |file: &str| {
        findings.iter().any(|f| {
            f.severity == Severity::Error
                && match &f.location {
                    Some(l) => l.file == file,
                    // The missing metrics/ folder explains every missing year.
                    None => {
                        f.rule == InputCode::FileMissing.rule_id() && file.starts_with("metrics/")
                    }
                }
        })
    };
    for (file, stopped) in by_file {
        let mut rules: Vec<&str> = stopped.iter().map(|(_, r)| *r).collect();
        rules.dedup();
        let rules = Text::new(rules.join("、"), rules.join(", "));
        let whole_file = stopped.iter().any(|(k, _)| k.is_none());
        let Some(text) = sub.sources.get(&file).filter(|_| !whole_file) else {
            if explained(&file) {
                continue;
            }
            let missing = !sub.sources.contains_key(&file);
            out.push(Finding::input(
                if missing {
                    InputCode::FileMissing
                } else {
                    InputCode::Unchecked
                },
                Severity::Error,
                if missing {
                    t!(
                        "缺少 `{file}`，以下规则因此无法检查：{rules}",
                        "`{file}` is missing, so these rules could not be checked: {rules}",
                        file = file,
                        rules = rules
                    )
                } else {
                    t!(
                        "`{file}` 无法使用，以下规则因此无法检查：{rules}",
                        "`{file}` cannot be used, so these rules could not be checked: {rules}",
                        file = file,
                        rules = rules
                    )
                },
                Some(crate::finding::Location::file_only(&file)),
            ));
            continue;
        };
        // A key that is present has an invalid value, which its own finding reports; only
        // keys that are absent need one more.
        let root = crate::yaml::parse(text.strip_prefix('\u{feff}').unwrap_or(text)).ok();
        let Some(root) = root else { continue };
        let mut absent: Vec<String> = stopped
            .iter()
            .filter_map(|(k, _)| k.clone())
            .filter(|k| root.path(k).is_none_or(|n| n.is_null()))
            .collect();
        absent.sort();
        absent.dedup();
        if absent.is_empty() {
            continue;
        }
        let keys = Text::new(absent.join("、"), absent.join(", "));
        out.push(Finding::input(
            InputCode::Unchecked,
            Severity::Error,
            t!(
                "`{file}` 缺少 {keys}，以下规则因此无法检查：{rules}",
                "`{file}` has no {keys}, so these rules could not be checked: {rules}",
                file = file,
                keys = keys,
                rules = rules
            ),
            Some(crate::finding::Location::file_only(&file)),
        ));
    }
    out
}

/// What may hold the grade down: veto rules that failed unwaived, an incomplete check,
/// unwaived error findings; each as the standard sets it.
fn grade_caps(
    standard: &Standard,
    results: &[(&crate::standard::Rule, checks::RuleResult)],
    rules: &[RuleStatus],
    findings: &[Finding],
) -> Vec<score::Cap> {
    let mut caps = Vec::new();
    for ((rule, r), status) in results.iter().zip(rules) {
        if let Some(grade) = &rule.caps_grade {
            if r.outcome == Outcome::Fail && !status.waived {
                caps.push(score::Cap {
                    grade: grade.clone(),
                    by: rule.id.clone(),
                });
            }
        }
    }
    let caps_of = &standard.grade_caps;
    if let Some(grade) = &caps_of.incomplete {
        if rules.iter().any(|r| r.outcome == Outcome::Error) {
            caps.push(score::Cap {
                grade: grade.clone(),
                by: "incomplete".into(),
            });
        }
    }
    if let Some(grade) = &caps_of.errors {
        if findings
            .iter()
            .any(|f| f.severity == Severity::Error && !f.waived)
        {
            caps.push(score::Cap {
                grade: grade.clone(),
                by: "errors".into(),
            });
        }
    }
    caps
}

/// Mark waived findings; an expired waiver no longer applies and is itself a warning,
/// and a waiver that matches nothing is stale.
fn apply_waivers(
    waivers: &[waivers::Waiver],
    findings: &mut Vec<Finding>,
    today: jiff::civil::Date,
) {
    let mut extra = Vec::new();
    for w in waivers {
        if w.expires < today {
            extra.push(Finding::input(
                InputCode::WaiverExpired,
                Severity::Warning,
                t!(
                    "对 {rule} 的豁免已于 {expires} 到期，不再生效",
                    "the waiver of {rule} expired on {expires} and no longer applies",
                    rule = w.rule,
                    expires = w.expires
                ),
                Some(w.location.clone()),
            ));
            continue;
        }
        let mut matched = false;
        for f in findings
            .iter_mut()
            .filter(|f| f.rule == w.rule && f.kind != "input")
        {
            f.waived = true;
            matched = true;
        }
        if !matched {
            extra.push(Finding::input(
                InputCode::WaiverStale,
                Severity::Warning,
                t!(
                    "对 {rule} 的豁免没有匹配到任何问题（问题已解决或规则编号有误）",
                    "the waiver of {rule} matches no finding (fixed already, or a wrong rule id)",
                    rule = w.rule
                ),
                Some(w.location.clone()),
            ));
        }
    }
    findings.extend(extra);
}
