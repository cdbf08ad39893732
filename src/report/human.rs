//! Compiler-style terminal output (miette), then a per-submission summary.

use std::fmt;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use crate::engine::SubmissionReport;
use crate::finding::{Dimension, Finding, Outcome, Severity};
use crate::i18n::{Lang, Text};
use crate::standard::Standard;
use crate::t;

/// Rendered width; fixed so output does not depend on the terminal.
const WIDTH: usize = 100;

pub fn render(
    standard: &Standard,
    reports: &[SubmissionReport],
    lang: Lang,
    color: bool,
) -> String {
    let mut out = submissions(standard, reports, lang, color);
    if reports.len() > 1 {
        out.push_str(&totals(&Totals::of(reports), lang));
    }
    out
}

/// Findings and summary of each submission.
pub fn submissions(
    standard: &Standard,
    reports: &[SubmissionReport],
    lang: Lang,
    color: bool,
) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(WIDTH)
        .with_links(false)
        .without_primary_span_start()
        .with_context_lines(1)
        .with_break_words(false);
    let mut out = String::new();
    for r in reports {
        for f in &r.findings {
            render_finding(&handler, r, f, lang, &mut out);
        }
        summary(standard, r, lang, &mut out);
    }
    out
}

/// Counts over every submission of a run, for the closing line.
#[derive(Debug, Clone, Copy, Default)]
pub struct Totals {
    pub submissions: usize,
    pub errors: usize,
    pub warnings: usize,
    pub info: usize,
}

impl Totals {
    pub fn of(reports: &[SubmissionReport]) -> Totals {
        let mut t = Totals::default();
        t.add(reports);
        t
    }

    pub fn add(&mut self, reports: &[SubmissionReport]) {
        for r in reports {
            self.submissions += 1;
            for f in r.findings.iter().filter(|f| !f.waived) {
                match f.severity {
                    Severity::Error => self.errors += 1,
                    Severity::Warning => self.warnings += 1,
                    Severity::Info => self.info += 1,
                }
            }
        }
    }
}

struct Rendered {
    header: String,
    code: String,
    severity: miette::Severity,
    help: Option<String>,
    label: Option<LabeledSpan>,
    source: Option<Excerpt>,
}

/// The part of a file a snippet shows: the span with up to [`EXCERPT_BYTES`] around it
/// (enough for the line before and after in any ordinary file), cut with `…` inside an
/// overlong line. miette scans its source from the start for every snippet, so handing
/// it the whole file made a thousand findings in one 8 MiB line quadratic.
struct Excerpt {
    name: String,
    text: String,
    /// 0-based line number of the excerpt's first line in the file.
    first_line: usize,
}

/// Bytes of context kept on each side of a span, and the longest span underlined.
const EXCERPT_BYTES: usize = 4096;

impl Excerpt {
    /// The excerpt around `span` (already clamped to char boundaries) of `text`, whose
    /// start is on 1-based `line`; returns it with the span inside it.
    fn new(
        name: String,
        text: &str,
        span: std::ops::Range<usize>,
        line: u32,
    ) -> (Excerpt, std::ops::Range<usize>) {
        let floor = |mut i: usize| {
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let ceil = |mut i: usize| {
            i = i.min(text.len());
            while !text.is_char_boundary(i) {
                i += 1;
            }
            i
        };
        let end = ceil(span.end.min(span.start + EXCERPT_BYTES));
        let lo = floor(span.start.saturating_sub(EXCERPT_BYTES));
        let hi = ceil(end + EXCERPT_BYTES);
        // Start of the line before the span's line, if within reach.
        let before = &text[lo..span.start];
        let mut newlines = before.rmatch_indices('\n').map(|(i, _)| lo + i);
        let (from, cut_front) = match (newlines.next(), newlines.next()) {
            (Some(_), Some(prev)) => (prev + 1, false),
            _ if lo == 0 => (0, false),
            _ => (lo, true),
        };
        // End of the line after the span's line, if within reach.
        let mut after = text[end..hi].match_indices('\n').map(|(i, _)| end + i);
        let (to, cut_back) = match (after.next(), after.next()) {
            // Keep that line's own newline: miette shows an empty last line only then.
            (Some(_), Some(next)) => (next + 1, false),
            _ if hi == text.len() => (hi, false),
            _ => (hi, true),
        };
        let newlines_before = text[from..span.start].matches('\n').count();
        let mut excerpt = String::with_capacity(to - from + 6);
        if cut_front {
            excerpt.push('…');
        }
        let shift = excerpt.len();
        excerpt.push_str(&text[from..to]);
        if cut_back {
            excerpt.push('…');
        }
        let first_line = (line as usize).saturating_sub(1 + newlines_before);
        let inner = span.start - from + shift..end - from + shift;
        (
            Excerpt {
                name,
                text: excerpt,
                first_line,
            },
            inner,
        )
    }
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner =
            self.text
                .as_str()
                .read_span(span, context_lines_before, context_lines_after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line() + self.first_line,
            inner.column(),
            inner.line_count(),
        )))
    }
}

impl fmt::Debug for Rendered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.header)
    }
}

impl fmt::Display for Rendered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.header)
    }
}

impl std::error::Error for Rendered {}

impl Diagnostic for Rendered {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.code))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.label
            .clone()
            .map(|l| Box::new(std::iter::once(l)) as Box<dyn Iterator<Item = LabeledSpan>>)
    }
}

fn render_finding(
    handler: &GraphicalReportHandler,
    r: &SubmissionReport,
    f: &Finding,
    lang: Lang,
    out: &mut String,
) {
    let severity = match f.severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    };
    let waived = if f.waived {
        match lang {
            Lang::Zh => "［已豁免］",
            Lang::En => "[waived] ",
        }
    } else {
        ""
    };
    let sep = match lang {
        Lang::Zh => "：",
        Lang::En => ": ",
    };
    let header = format!("{waived}{}{sep}{}", f.title.get(lang), f.message.get(lang));
    // miette's header column counts bytes; print our own character-based position instead.
    let mut snippet = None;
    if let Some(loc) = &f.location {
        let name = format!("{}:{}:{}", display_path(r, &loc.file), loc.line, loc.column);
        match r.sources.get(&loc.file) {
            Some(text) => {
                snippet = Some(Snippet {
                    name,
                    text,
                    span: loc.span.clone(),
                    line: loc.line,
                    label: f.label.as_ref().map(|l| l.get(lang).to_string()),
                })
            }
            None => out.push_str(&format!("--> {name}\n")),
        }
    }
    let code = format!("{} ({})", f.rule, severity_word(f.severity, lang));
    let help = f.help.as_ref().map(|h| h.get(lang).to_string());
    out.push_str(&diagnostic(handler, header, code, severity, help, snippet));
    if r.show_fingerprints {
        let label = t!("指纹", "fingerprint");
        let blank = out.ends_with("\n\n");
        out.truncate(out.len() - usize::from(blank));
        out.push_str(&format!("  {}: {}\n", label.get(lang), f.fingerprint));
        out.push_str(if blank { "\n" } else { "" });
    }
}

/// Where a diagnostic points: `name` is shown as the location, `span` (bytes of `text`,
/// which starts on 1-based `line`) is underlined.
pub struct Snippet<'a> {
    pub name: String,
    pub text: &'a str,
    pub span: std::ops::Range<usize>,
    pub line: u32,
    pub label: Option<String>,
}

/// The errors of a standard that does not load, each with a snippet of its file
/// underlining the place the loader recorded, then a count; `what` names the standard
/// (its folder) in the count line.
pub fn standard_errors(
    errors: &[crate::standard::StandardError],
    what: &str,
    lang: Lang,
) -> String {
    let mut out = String::new();
    for e in errors {
        let name = format!("{}:{}:{}", e.file, e.line, e.column);
        let text = std::fs::read_to_string(&e.file).ok();
        // Spans are into the text without its byte-order mark.
        let text = text
            .as_deref()
            .map(|t| t.strip_prefix('\u{feff}').unwrap_or(t));
        let snippet = text.filter(|_| e.span != (0..0)).map(|text| Snippet {
            name: name.clone(),
            text,
            span: e.span.clone(),
            line: e.line,
            label: Some(t!("此处", "here").get(lang).to_string()),
        });
        // Without a snippet, the position goes into the message.
        let message = e.message.get(lang);
        let header = if snippet.is_some() {
            message.to_string()
        } else {
            format!("{name}: {message}")
        };
        out.push_str(&plain_diagnostic(header, "standard".to_string(), snippet));
    }
    let count = t!(
        "{what} 中有 {n} 个错误",
        "{n} error(s) in {what}",
        n = errors.len(),
        what = what
    );
    out.push_str(count.get(lang));
    out.push('\n');
    out
}

/// One diagnostic in the terminal style of `check`, without colour (for other commands).
pub fn plain_diagnostic(header: String, code: String, snippet: Option<Snippet>) -> String {
    let handler = GraphicalReportHandler::new_themed(GraphicalTheme::unicode_nocolor())
        .with_width(WIDTH)
        .with_links(false)
        .without_primary_span_start()
        .with_context_lines(1)
        .with_break_words(false);
    diagnostic(
        &handler,
        header,
        code,
        miette::Severity::Error,
        None,
        snippet,
    )
}

fn diagnostic(
    handler: &GraphicalReportHandler,
    header: String,
    code: String,
    severity: miette::Severity,
    help: Option<String>,
    snippet: Option<Snippet>,
) -> String {
    let (source, label) = match snippet {
        Some(sn) => {
            let span = clamp(sn.text, sn.span);
            let (excerpt, span) = Excerpt::new(sn.name, sn.text, span, sn.line);
            (
                Some(excerpt),
                Some(LabeledSpan::new(sn.label, span.start, span.len())),
            )
        }
        None => (None, None),
    };
    let d = Rendered {
        header,
        code,
        severity,
        help,
        label,
        source,
    };
    let mut s = String::new();
    if handler.render_report(&mut s, &d).is_err() {
        return String::new();
    }
    if !s.ends_with('\n') {
        s.push('\n');
    }
    s.push('\n');
    s
}

fn clamp(text: &str, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let mut start = span.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// A finding's file as the user can open it: the submission path joined with the file.
fn display_path(r: &SubmissionReport, file: &str) -> String {
    let base = r.path.display().to_string();
    let base = base.trim_end_matches('/');
    format!("{base}/{file}")
}

fn severity_word(s: Severity, lang: Lang) -> String {
    s.name().get(lang).to_string()
}

fn summary(standard: &Standard, r: &SubmissionReport, lang: Lang, out: &mut String) {
    let count = |o: Outcome| r.rules.iter().filter(|s| s.outcome == o).count();
    let sev = |s: Severity| {
        r.findings
            .iter()
            .filter(|f| f.severity == s && !f.waived)
            .count()
    };
    let waived = r.findings.iter().filter(|f| f.waived).count();
    let id = r.center_id.as_deref().unwrap_or("?");
    let fmt_score = |s: Option<f64>| s.map_or("—".to_string(), |v| format!("{v:.1}"));
    let dims: Vec<String> = Dimension::ALL
        .iter()
        .map(|d| {
            format!(
                "{} {}",
                d.name().get(lang),
                fmt_score(r.score.dimensions.get(d).copied().flatten())
            )
        })
        .collect();
    let grade = r.score.grade.as_deref().unwrap_or("—");
    let grade_label = standard
        .grades
        .iter()
        .find(|g| Some(g.grade.as_str()) == r.score.grade.as_deref())
        .map(|g| g.label.get(lang).to_string())
        .filter(|l| !l.is_empty())
        .map(|l| format!(" ({l})"))
        .unwrap_or_default();
    let errors: Vec<String> = r
        .rules
        .iter()
        .filter(|s| s.outcome == Outcome::Error)
        .map(|s| {
            format!(
                "    {}: {}",
                s.rule,
                s.reason.as_ref().map_or("", |t| t.get(lang))
            )
        })
        .collect();
    let (pass, fail, na, err) = (
        count(Outcome::Pass),
        count(Outcome::Fail),
        count(Outcome::NotApplicable),
        count(Outcome::Error),
    );
    let (e, w, i) = (
        sev(Severity::Error),
        sev(Severity::Warning),
        sev(Severity::Info),
    );
    let path = r.path.display();
    let mut lines = vec![
        t!(
            "== {path} [{id}] · 标准 {standard} {version}",
            "== {path} [{id}] · standard {standard} {version}",
            path = path,
            id = id,
            standard = standard.id,
            version = standard.version
        ),
        t!(
            "   规则 {rules} 条：通过 {pass}，未通过 {fail}，不适用 {na}，无法检查 {err}",
            "   {rules} rules: {pass} passed, {fail} failed, {na} not applicable, {err} could not be checked",
            rules = r.rules.len(),
            pass = pass,
            fail = fail,
            na = na,
            err = err
        ),
    ];
    // Not a submission at all: its one finding says so; listing every rule adds nothing.
    let not_a_submission = r
        .findings
        .iter()
        .any(|f| f.rule == crate::finding::InputCode::NotASubmission.rule_id());
    if !errors.is_empty() && !not_a_submission {
        lines.push(t!(
            "   无法检查的规则（计为未通过）：\n{rules}",
            "   rules that could not be checked (count as not passed):\n{rules}",
            rules = errors.join("\n")
        ));
    }
    let sep = t!("，", ", ");
    let overall = fmt_score(r.score.overall);
    lines.extend([
        t!(
            "   问题：错误 {errors}，警告 {warnings}，提示 {info}，已豁免 {waived}",
            "   findings: {errors} errors, {warnings} warnings, {info} info, {waived} waived",
            errors = e,
            warnings = w,
            info = i,
            waived = waived
        ),
        t!(
            "   得分：{scores}",
            "   scores: {scores}",
            scores = dims.join(sep.get(lang))
        ),
        t!(
            "   总分 {overall}，等级 {grade}{label}",
            "   overall {overall}, grade {grade}{label}",
            overall = overall,
            grade = grade,
            label = grade_label
        ),
    ]);
    if !r.score.capped_by.is_empty() {
        let by: Vec<Text> = r
            .score
            .capped_by
            .iter()
            .map(|c| match c.as_str() {
                "incomplete" => t!("结论不完整", "the check is incomplete"),
                "errors" => t!("存在未豁免的错误", "unwaived errors"),
                rule => t!(
                    "{rule} 未通过（一票否决项）",
                    "{rule} failed (a veto item)",
                    rule = rule
                ),
            })
            .collect();
        let zh: Vec<&str> = by.iter().map(|t| t.zh.as_str()).collect();
        let en: Vec<&str> = by.iter().map(|t| t.en.as_str()).collect();
        lines.push(t!(
            "   等级受限：{why}",
            "   grade capped: {why}",
            why = Text::new(zh.join("；"), en.join("; "))
        ));
    }
    if r.incomplete {
        lines.push(t!(
            "   不完整：{err} 条规则无法检查，结论不完整；请先补齐上面指出的输入",
            "   incomplete: {err} rules could not be checked, so the verdict is incomplete; supply the input named above first",
            err = err
        ));
    }
    for l in lines {
        out.push_str(l.get(lang));
        out.push('\n');
    }
    out.push('\n');
}

/// The closing line of a run over several submissions.
pub fn totals(t: &Totals, lang: Lang) -> String {
    let line = t!(
        "共检查 {submissions} 份提交：错误 {errors}，警告 {warnings}，提示 {info}",
        "checked {submissions} submissions: {errors} errors, {warnings} warnings, {info} info",
        submissions = t.submissions,
        errors = t.errors,
        warnings = t.warnings,
        info = t.info
    );
    format!("{}\n", line.get(lang))
}
