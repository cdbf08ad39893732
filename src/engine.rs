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
    /// Print each finding's fingerprint in the human output (`--show-fingerprints`).
    pub show_fingerprints: bool,
    /// Keep what the cross-center rules need (`sscheck audit`).
    pub gather: bool,
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
            show_fingerprints: false,
            gather: false,
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
    /// Print each finding's fingerprint in the human output.
    pub show_fingerprints: bool,
    /// `center.name`, when it could be read.
    pub name: Option<String>,
    /// The center's level, region, operation model and province, as far as known.
    pub profile: crate::standard::Profile,
    /// What each applicable cross-center rule kept of the submission (with
    /// [`CheckOptions::gather`]), by rule id; `None` when the rule could gather nothing.
    pub gathered: Vec<(String, Option<checks::cross::Gathered>)>,
    /// The numeric metrics of every year read, in catalogue order, each with its values
    /// by year (for the HTML report's trend charts).
    pub metrics: Vec<(String, Vec<(i32, f64)>)>,
    /// The unexpired waivers of cross-center rules, for the audit to apply once it has
    /// compared the centers.
    pub cross_waivers: Vec<waivers::Scope>,
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

/// The score of a submission from its rule outcomes (one per rule of `standard`, in its
/// order) and findings: dimension scores, overall score, grade and the caps that held the
/// grade down. An audit scores again once the cross-center rules have their outcomes.
pub fn rescore(standard: &Standard, rules: &[(Outcome, bool)], unwaived_error: bool) -> Score {
    let scored: Vec<Scored> = standard
        .rules
        .iter()
        .zip(rules)
        .map(|(rule, &(outcome, waived))| Scored {
            dimension: rule.dimension,
            weight: rule.weight,
            // A rule left out counts like one that does not apply: not at all.
            outcome: if outcome == Outcome::NotSelected {
                Outcome::NotApplicable
            } else {
                outcome
            },
            waived,
        })
        .collect();
    let mut score = score::score(standard, &scored);
    score::apply_caps(
        standard,
        &mut score,
        &grade_caps(standard, rules, unwaived_error),
    );
    score
}

/// Check one submission folder.
pub fn check_submission(standard: &Standard, path: &Path, opts: &CheckOptions) -> SubmissionReport {
    let mut sub = submission::load(path, standard, &opts.read);
    let mut findings = std::mem::take(&mut sub.findings);
    let mut results = Vec::with_capacity(standard.rules.len());
    let mut uncounted = 0;
    let mut gathered = Vec::new();
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
        if opts.gather {
            if let Some(g) = checks::gather_rule(standard, &sub, rule) {
                gathered.push((rule.id.clone(), g));
            }
        }
        findings.extend(r.findings.iter().cloned());
        uncounted += r.dropped;
        results.push((rule, r));
    }
    if opts.gather {
        if let Some(g) = crate::audit::relative::gather(standard, &sub) {
            gathered.push((crate::audit::relative::KEY.to_string(), Some(g)));
        }
    }
    let not_a_submission = findings
        .iter()
        .any(|f| f.rule == InputCode::NotASubmission.rule_id());
    if !not_a_submission {
        findings.extend(unchecked_findings(&sub, &results, &findings));
    }
    assign_fingerprints(&mut findings, &sub.sources);
    if opts.use_waivers {
        // A waiver of a rule left out of the run is neither used nor stale.
        let active: Vec<waivers::Waiver> = sub
            .waivers
            .iter()
            .filter(|w| selection.is_all() || selection.finding_selected(&w.rule))
            .cloned()
            .collect();
        apply_waivers(&active, &mut findings, opts.today, standard, &sub.sources);
        // A waived input error still left its rules unchecked: that is said, unwaived
        // (unless `input/unchecked` itself is waived), so a waiver never passes what could
        // not be checked.
        if !not_a_submission {
            let mut more: Vec<Finding> = unchecked_findings(&sub, &results, &findings)
                .into_iter()
                .filter(|m| {
                    !findings
                        .iter()
                        .any(|f| f.rule == m.rule && f.location == m.location)
                })
                .collect();
            assign_fingerprints(&mut more, &sub.sources);
            for f in more.iter_mut() {
                f.waived = active
                    .iter()
                    .any(|w| w.expires >= opts.today && w.covers(f));
            }
            findings.extend(more);
        }
        assign_fingerprints(&mut findings, &sub.sources);
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
    let outcomes: Vec<(Outcome, bool)> = rules.iter().map(|r| (r.outcome, r.waived)).collect();
    let unwaived_error = findings
        .iter()
        .any(|f| f.severity == Severity::Error && !f.waived);
    let score = rescore(standard, &outcomes, unwaived_error);

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
        assign_fingerprints(&mut findings, &sub.sources);
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
        show_fingerprints: opts.show_fingerprints,
        name: sub.manifest.as_ref().and_then(|m| m.name.clone()),
        profile: sub.profile().clone(),
        gathered,
        metrics: metric_series(standard, &sub),
        cross_waivers: if opts.use_waivers {
            sub.waivers
                .iter()
                .filter(|w| w.expires >= opts.today)
                .filter(|w| selection.is_all() || selection.finding_selected(&w.rule))
                .filter(|w| {
                    standard
                        .rules
                        .iter()
                        .any(|r| r.id == w.rule && checks::is_cross(r))
                })
                .map(waivers::Waiver::scope)
                .collect()
        } else {
            Vec::new()
        },
    }
}

/// The numeric values of each catalogue metric over the years read, oldest first.
fn metric_series(
    standard: &Standard,
    sub: &submission::Submission,
) -> Vec<(String, Vec<(i32, f64)>)> {
    standard
        .metrics
        .iter()
        .filter_map(|m| {
            let values: Vec<(i32, f64)> = sub
                .metrics
                .iter()
                .filter_map(|(year, y)| {
                    let v = y.values.get(&m.id)?.0.as_f64()?;
                    v.is_finite().then_some((*year, v))
                })
                .collect();
            (!values.is_empty()).then(|| (m.id.clone(), values))
        })
        .collect()
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
                && !f.waived
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
            // A file with an input finding of its own is there, just not usable.
            let missing = !sub.sources.contains_key(&file)
                && !findings.iter().any(|f| {
                    f.kind == "input" && f.location.as_ref().is_some_and(|l| l.file == file)
                });
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
    rules: &[(Outcome, bool)],
    unwaived_error: bool,
) -> Vec<score::Cap> {
    let mut caps = Vec::new();
    for (rule, &(outcome, waived)) in standard.rules.iter().zip(rules) {
        if let Some(grade) = &rule.caps_grade {
            if outcome == Outcome::Fail && !waived {
                caps.push(score::Cap {
                    grade: grade.clone(),
                    by: rule.id.clone(),
                });
            }
        }
    }
    let caps_of = &standard.grade_caps;
    if let Some(grade) = &caps_of.incomplete {
        if rules.iter().any(|r| r.0 == Outcome::Error) {
            caps.push(score::Cap {
                grade: grade.clone(),
                by: "incomplete".into(),
            });
        }
    }
    if let Some(grade) = &caps_of.errors {
        if unwaived_error {
            caps.push(score::Cap {
                grade: grade.clone(),
                by: "errors".into(),
            });
        }
    }
    caps
}

/// A rule-wide waiver (no `file`, no `fingerprint`) hiding more findings than this is
/// reported as too broad.
pub const BROAD_WAIVER_LIMIT: usize = 3;

/// Give every finding without one its fingerprint, from the text of its file.
fn assign_fingerprints(findings: &mut [Finding], sources: &BTreeMap<String, Arc<str>>) {
    for f in findings.iter_mut().filter(|f| f.fingerprint.is_empty()) {
        let source = f
            .location
            .as_ref()
            .and_then(|l| sources.get(&l.file))
            .map(|t| &**t);
        f.fingerprint = crate::finding::fingerprint(f, source);
    }
}

/// Input codes about waivers themselves or about the report: a waiver cannot hide them.
fn unwaivable(code: InputCode) -> bool {
    matches!(
        code,
        InputCode::WaiverInvalid
            | InputCode::WaiverExpired
            | InputCode::WaiverStale
            | InputCode::WaiverBroad
            | InputCode::WaiverUnknownRule
            | InputCode::FindingsCapped
            | InputCode::NotASubmission
    )
}

/// The known id a misspelt one was probably meant to be: the same but for case, else the
/// closest spelling.
fn closest_id(wanted: &str, known: &[String]) -> Option<String> {
    known
        .iter()
        .find(|k| k.eq_ignore_ascii_case(wanted))
        .cloned()
        .or_else(|| waivers::closest(&wanted.to_uppercase(), known))
        .or_else(|| waivers::closest(wanted, known))
}

/// Describe a waiver's scope for messages: ` in docs/x.md, fingerprint 3f9a…`.
fn scope_text(w: &waivers::Waiver) -> Text {
    w.scope().text()
}

/// Mark waived findings. A waiver applies to the findings of its rule (a rule id or an
/// input code), narrowed to its file and fingerprints when it names them. An expired
/// waiver no longer applies and is itself a warning; a waiver that matches nothing is
/// stale; a waiver of an unknown rule says which rule was probably meant; a rule-wide
/// waiver that hides many findings is suggested to be narrowed.
fn apply_waivers(
    waivers: &[waivers::Waiver],
    findings: &mut Vec<Finding>,
    today: jiff::civil::Date,
    standard: &Standard,
    sources: &BTreeMap<String, Arc<str>>,
) {
    let mut extra = Vec::new();
    let at = |w: &waivers::Waiver| Some(w.location.clone());
    for w in waivers {
        let known_rule = match w.rule.strip_prefix(InputCode::RULE_PREFIX) {
            Some(code) => match InputCode::parse(code) {
                Some(code) if unwaivable(code) => {
                    extra.push(Finding::input(
                        InputCode::WaiverInvalid,
                        Severity::Warning,
                        t!(
                            "{rule} 是关于豁免或报告本身的诊断，不能豁免；该豁免不生效",
                            "{rule} is a diagnostic about waivers or the report itself and cannot be waived; the waiver does not apply",
                            rule = w.rule
                        ),
                        at(w),
                    ));
                    continue;
                }
                Some(_) => true,
                None => false,
            },
            None => standard.rules.iter().any(|r| r.id == w.rule),
        };
        if !known_rule {
            let mut known: Vec<String> = standard.rules.iter().map(|r| r.id.clone()).collect();
            known.extend(
                InputCode::ALL
                    .iter()
                    .filter(|c| !unwaivable(**c))
                    .map(|c| c.rule_id()),
            );
            let hint = closest_id(&w.rule, &known)
                .map(|k| t!("（是否应为 {k}？）", " (did you mean {k}?)", k = k))
                .unwrap_or_default();
            extra.push(Finding::input(
                InputCode::WaiverUnknownRule,
                Severity::Warning,
                t!(
                    "豁免的规则 {rule} 不存在{hint}，该豁免不匹配任何问题",
                    "the waiver names no known rule: {rule}{hint}; it matches nothing",
                    rule = w.rule,
                    hint = hint
                ),
                at(w),
            ));
            continue;
        }
        if w.expires < today {
            extra.push(Finding::input(
                InputCode::WaiverExpired,
                Severity::Warning,
                t!(
                    "对 {rule}{scope} 的豁免已于 {expires} 到期，不再生效",
                    "the waiver of {rule}{scope} expired on {expires} and no longer applies",
                    rule = w.rule,
                    scope = scope_text(w),
                    expires = w.expires
                ),
                at(w),
            ));
            continue;
        }
        // Only `sscheck audit` finds what a waiver of a cross-center rule covers: it is
        // neither used nor stale here (the audit keeps it, see `cross_waivers`).
        if standard
            .rules
            .iter()
            .any(|r| r.id == w.rule && checks::is_cross(r))
        {
            continue;
        }
        let mut matched = 0;
        for f in findings.iter_mut().filter(|f| w.covers(f)) {
            f.waived = true;
            matched += 1;
        }
        if matched == 0 {
            extra.push(stale(w, findings, sources));
        } else if matched > BROAD_WAIVER_LIMIT && !w.is_scoped() {
            extra.push(Finding::input(
                InputCode::WaiverBroad,
                Severity::Info,
                t!(
                    "对 {rule} 的豁免不限文件和指纹，掩盖了 {n} 条问题；以后新出现的 {rule} 问题也会被掩盖。请用 file: 或 fingerprint: 限定到已接受的问题",
                    "the waiver of {rule} hides {n} findings with neither `file` nor `fingerprint`; any new finding of {rule} would be hidden too. Narrow it to the accepted ones with `file:` or `fingerprint:`",
                    rule = w.rule,
                    n = matched
                ),
                at(w),
            ));
        }
    }
    findings.extend(extra);
}

/// The finding for a waiver that matches nothing, with what it probably should say: the
/// file meant when its `file` is not in the submission, the current fingerprints of its
/// rule when its fingerprints match none.
fn stale(
    w: &waivers::Waiver,
    findings: &[Finding],
    sources: &BTreeMap<String, Arc<str>>,
) -> Finding {
    let scope = scope_text(w);
    let mut hint = Text::default();
    if let Some(file) = &w.file {
        let mut files: Vec<String> = sources.keys().cloned().collect();
        files.extend(
            findings
                .iter()
                .filter_map(|f| f.location.as_ref().map(|l| l.file.clone())),
        );
        files.sort();
        files.dedup();
        if !files.contains(file) {
            hint = match closest_file(file, &files) {
                Some(f) => t!(
                    "；提交中没有 {file}，是否应为 {f}？",
                    "; the submission has no {file}: did you mean {f}?",
                    file = file,
                    f = f
                ),
                None => t!(
                    "；提交中没有 {file}",
                    "; the submission has no {file}",
                    file = file
                ),
            };
        }
    }
    if hint.en.is_empty() && !w.fingerprints.is_empty() {
        let mut current: Vec<&str> = findings
            .iter()
            .filter(|f| {
                f.rule == w.rule
                    && !f.waived
                    && w.file
                        .as_ref()
                        .is_none_or(|file| f.location.as_ref().is_some_and(|l| &l.file == file))
            })
            .map(|f| f.fingerprint.as_str())
            .collect();
        current.dedup();
        if !current.is_empty() {
            let n = current.len();
            current.truncate(5);
            let list = current.join(", ");
            hint = t!(
                "；该规则当前的问题指纹（共 {n} 个）：{list}",
                "; the rule's current findings have the fingerprints ({n} in all): {list}",
                n = n,
                list = list
            );
        }
    }
    Finding::input(
        InputCode::WaiverStale,
        Severity::Warning,
        t!(
            "对 {rule}{scope} 的豁免没有匹配到任何问题（问题已解决，或规则、文件、指纹有误）{hint}",
            "the waiver of {rule}{scope} matches no finding (fixed already, or a wrong rule, file or fingerprint){hint}",
            rule = w.rule,
            scope = scope,
            hint = hint
        ),
        Some(w.location.clone()),
    )
}

/// The submission file a waiver's `file` probably means: the same name in another case
/// or folder, a name that contains it (`服务流程规范.md` in `01_服务流程规范.md`), or
/// the closest spelling.
fn closest_file(file: &str, files: &[String]) -> Option<String> {
    let base = |p: &str| p.rsplit('/').next().unwrap_or(p).to_string();
    let wanted = base(file);
    let stem = wanted.rsplit_once('.').map_or(wanted.as_str(), |(s, _)| s);
    files
        .iter()
        .find(|f| f.eq_ignore_ascii_case(file))
        .or_else(|| files.iter().find(|f| base(f) == wanted))
        .or_else(|| {
            let holding: Vec<&String> = files
                .iter()
                .filter(|f| stem.chars().count() >= 2 && base(f).contains(stem))
                .collect();
            (holding.len() == 1).then(|| holding[0])
        })
        .cloned()
        .or_else(|| waivers::closest(file, files))
}
