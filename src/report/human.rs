//! Compiler-style terminal output (miette): per submission a header line, its findings,
//! then a summary that closes the block.

use std::fmt;

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};
use unicode_width::UnicodeWidthChar;

use super::{display_path, Options};
use crate::engine::SubmissionReport;
use crate::finding::{Dimension, Finding, Outcome, Severity};
use crate::i18n::{Lang, Text};
use crate::standard::Standard;
use crate::t;

/// The whole human report of a run, without colour or wrapping.
pub fn render(
    standard: &Standard,
    reports: &[SubmissionReport],
    lang: Lang,
    color: bool,
) -> String {
    super::render_with(
        super::Format::Human,
        standard,
        reports,
        Options {
            color,
            ..Options::plain(lang)
        },
    )
}

/// The miette handler for a colour choice and a width (`None`: never wrap).
fn handler(color: bool, width: Option<usize>) -> GraphicalReportHandler {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_links(false)
        .without_primary_span_start()
        .with_context_lines(1)
        .with_break_words(false);
    match width {
        Some(w) => handler.with_width(w.max(MIN_WIDTH)),
        None => handler.with_wrap_lines(false).with_width(usize::MAX / 2),
    }
}

/// Narrowest width wrapped to, whatever the terminal says.
const MIN_WIDTH: usize = 40;

/// Each submission: its header line, its findings, then its summary (unless quiet).
pub fn submissions(standard: &Standard, reports: &[SubmissionReport], opts: &Options) -> String {
    let handler = handler(opts.color, opts.width);
    let lang = opts.lang;
    let mut out = String::new();
    for r in reports {
        if !opts.quiet {
            out.push_str(header(standard, r).get(lang));
            out.push_str("\n\n");
        }
        for f in &r.findings {
            render_finding(&handler, r, f, opts, &mut out);
        }
        if !opts.quiet {
            summary(standard, r, lang, &mut out);
        }
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
    label: Option<LabeledSpan>,
    source: Option<Excerpt>,
}

/// The part of a file a snippet shows: the span's line with the line before and after it
/// (and the lines a span runs on over). A line wider than [`LINE_COLUMNS`](super::window::LINE_COLUMNS) columns (a
/// document pasted from Word as one paragraph) is shown as a window: around the span on
/// the span's line ([`AROUND_COLUMNS`](super::window::AROUND_COLUMNS) columns each side, the span itself at most
/// [`SPAN_COLUMNS`](super::window::SPAN_COLUMNS)), its start on the others, cut with `…` and never inside a character, as
/// ripgrep and ruff bound their context. miette scans its source from the start for every
/// snippet, so handing it the whole file also made a thousand findings in one 8 MiB line
/// quadratic.
struct Excerpt {
    name: String,
    text: String,
    /// 0-based line number of the excerpt's first line in the file.
    first_line: usize,
}

impl Excerpt {
    /// The excerpt around `span` (already clamped to char boundaries) of `text`, whose
    /// start is on 1-based `line`; returns it with the span inside it.
    fn new(
        name: String,
        text: &str,
        span: std::ops::Range<usize>,
        line: u32,
    ) -> (Excerpt, std::ops::Range<usize>) {
        // A line's range, looked for at most REACH bytes each side of `at` (an 8 MiB line
        // is not scanned for each of its findings); a line cut there reads as going on.
        const REACH: usize = 4096;
        let floor = |mut i: usize| {
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let line_of = |at: usize| {
            let lo = floor(at.saturating_sub(REACH));
            let hi = floor((at + REACH).min(text.len()));
            let s = text[lo..at].rfind('\n').map_or(lo, |i| lo + i + 1);
            let e = text[at..hi].find('\n').map_or(hi, |i| at + i);
            s..e
        };
        let newline_before =
            |r: &std::ops::Range<usize>| r.start > 0 && text.as_bytes()[r.start - 1] == b'\n';
        let newline_after =
            |r: &std::ops::Range<usize>| r.end < text.len() && text.as_bytes()[r.end] == b'\n';
        let hit = line_of(span.start);
        // The lines shown: the one before, the span's (and those it runs on over, at most
        // a few), the one after.
        let mut lines = Vec::new();
        if newline_before(&hit) {
            lines.push(line_of(hit.start - 1));
        }
        let before = lines.len();
        let mut l = hit.clone();
        loop {
            lines.push(l.clone());
            if span.end <= l.end || !newline_after(&l) || lines.len() - before >= 8 {
                break;
            }
            l = line_of(l.end + 1);
        }
        if newline_after(&l) {
            lines.push(line_of(l.end + 1));
        }
        let mut excerpt = String::new();
        let mut inner = None::<usize>;
        let mut inner_end = None::<usize>;
        for (k, r) in lines.iter().enumerate() {
            let focus = (k == before).then(|| span.start..span.end.min(r.end));
            let w = super::window::line_window(text, r.clone(), focus);
            if w.start > r.start || (r.start > 0 && !newline_before(r)) {
                excerpt.push('…');
            }
            let base = excerpt.len();
            excerpt.push_str(&text[w.clone()]);
            if k == before {
                inner = Some(base + span.start - w.start);
            }
            if k >= before
                && inner_end.is_none()
                && (span.end <= w.end || k == lines.len() - 1 || span.end <= r.end)
            {
                inner_end = Some(base + span.end.clamp(w.start, w.end) - w.start);
            }
            if w.end < r.end || (r.end < text.len() && !newline_after(r)) {
                excerpt.push('…');
            }
            if newline_after(r) {
                excerpt.push('\n');
            }
        }
        let start = inner.unwrap_or(0);
        let end = inner_end.unwrap_or(start).max(start);
        let first_line = (line as usize).saturating_sub(1 + before);
        (
            Excerpt {
                name,
                text: excerpt,
                first_line,
            },
            start..end,
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
    opts: &Options,
    out: &mut String,
) {
    let lang = opts.lang;
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
    let header = format!("{waived}{}", super::headline(f, lang));
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
    let code = match lang {
        Lang::Zh => format!("{}（{}）", f.rule, severity_word(f.severity, lang)),
        Lang::En => format!("{} ({})", f.rule, severity_word(f.severity, lang)),
    };
    out.push_str(&diagnostic(handler, header, code, severity, snippet));
    if let Some(help) = &f.help {
        out.push_str(&help_lines(help.get(lang), lang, opts.color, opts.width));
    }
    if r.show_fingerprints {
        let label = t!("指纹：", "fingerprint: ");
        out.push_str(&format!("  {}{}\n", label.get(lang), f.fingerprint));
    }
    out.push('\n');
}

/// The help of a finding, labelled in the output's language (miette's own label is
/// English), indented under the diagnostic and wrapped to `width` when there is one.
fn help_lines(help: &str, lang: Lang, color: bool, width: Option<usize>) -> String {
    let label = match lang {
        Lang::Zh => "帮助：",
        Lang::En => "help: ",
    };
    let first = format!("  {label}");
    let hang = " ".repeat(unicode_width::UnicodeWidthStr::width(first.as_str()));
    let styled = if color {
        format!("  \x1b[36m{label}\x1b[39m")
    } else {
        first
    };
    let avail = width.map(|w| w.max(MIN_WIDTH) - hang.len());
    let mut out = String::new();
    let mut lead = Some(styled);
    for paragraph in help.lines() {
        let lines = match avail {
            Some(a) => wrap(paragraph, a),
            None => vec![paragraph.to_string()],
        };
        for line in lines {
            out.push_str(&lead.take().unwrap_or_else(|| hang.clone()));
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// Greedy line filling by display width: breaks after spaces and around wide (CJK)
/// characters, never before closing or after opening punctuation; a word longer than a
/// line overflows rather than being cut.
fn wrap(text: &str, avail: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut width = 0;
    // Byte offset in `line` before which the line may break.
    let mut brk: Option<usize> = None;
    let mut prev: Option<char> = None;
    for c in text.chars() {
        let cw = c.width().unwrap_or(0);
        if prev.is_some_and(|p| can_break(p, c)) {
            brk = Some(line.len());
        }
        if width + cw > avail && !c.is_whitespace() {
            if let Some(at) = brk.filter(|&at| at > 0 && !line[..at].trim().is_empty()) {
                let rest = line.split_off(at);
                lines.push(line.trim_end().to_string());
                line = rest.trim_start().to_string();
                width = unicode_width::UnicodeWidthStr::width(line.as_str());
                brk = None;
            }
        }
        line.push(c);
        width += cw;
        prev = Some(c);
    }
    if !line.trim().is_empty() || lines.is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

fn can_break(before: char, after: char) -> bool {
    const CLOSING: &str = "，。、；：？！）》」』”’】〉…,.;:?!)]}%";
    const OPENING: &str = "（《「『“‘【〈([{";
    if after.is_whitespace() || CLOSING.contains(after) || OPENING.contains(before) {
        return false;
    }
    before.is_whitespace() || before.width() == Some(2) || after.width() == Some(2)
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

/// One diagnostic in the terminal style of `check`, without colour or wrapping (for other
/// commands).
pub fn plain_diagnostic(header: String, code: String, snippet: Option<Snippet>) -> String {
    let mut s = diagnostic(
        &handler(false, None),
        header,
        code,
        miette::Severity::Error,
        snippet,
    );
    s.push('\n');
    s
}

/// A diagnostic as miette draws it, ending with one newline.
fn diagnostic(
    handler: &GraphicalReportHandler,
    header: String,
    code: String,
    severity: miette::Severity,
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
        label,
        source,
    };
    let mut s = String::new();
    if handler.render_report(&mut s, &d).is_err() {
        return String::new();
    }
    while s.ends_with('\n') {
        s.pop();
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

fn severity_word(s: Severity, lang: Lang) -> String {
    s.name().get(lang).to_string()
}

/// A score with one decimal; never `-0.0`.
pub(crate) fn fmt_score(s: Option<f64>) -> String {
    match s {
        Some(v) if v.is_finite() => {
            let text = format!("{v:.1}");
            if text == "-0.0" {
                "0.0".to_string()
            } else {
                text
            }
        }
        _ => "—".to_string(),
    }
}

/// `n` and an English noun, singular for one (`1 error`, `2 errors`).
pub(crate) fn count_en(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The grade with its label, `C（合格）` / `C (Pass)`; the label is left out when it
/// only repeats the grade.
pub(crate) fn grade_text(standard: &Standard, r: &SubmissionReport, lang: Lang) -> String {
    let Some(grade) = r.score.grade.as_deref() else {
        return "—".to_string();
    };
    let label = standard
        .grades
        .iter()
        .find(|g| g.grade == grade)
        .map(|g| g.label.get(lang));
    grade_with_label(grade, label, lang)
}

/// `C（合格）` / `C (Pass)`; a label that is empty, repeats the grade or already names it
/// (`A 优秀`, `Grade A`, `A（优秀）`) is not doubled.
fn grade_with_label(grade: &str, label: Option<&str>, lang: Lang) -> String {
    let label = label.map(str::trim).filter(|l| !l.is_empty());
    match label {
        None => grade.to_string(),
        Some(l) if l.eq_ignore_ascii_case(grade) => grade.to_string(),
        Some(l)
            if l.split(|c: char| !c.is_alphanumeric())
                .any(|w| w.eq_ignore_ascii_case(grade)) =>
        {
            l.to_string()
        }
        Some(l) => match lang {
            Lang::Zh => format!("{grade}（{l}）"),
            Lang::En => format!("{grade} ({l})"),
        },
    }
}

/// The line that opens a submission's block.
pub(crate) fn header(standard: &Standard, r: &SubmissionReport) -> Text {
    let id = r.center_id.as_deref().unwrap_or("?");
    t!(
        "== {path} [{id}] · 标准 {standard} {version}",
        "== {path} [{id}] · standard {standard} {version}",
        path = r.path.display(),
        id = id,
        standard = standard.id,
        version = standard.version
    )
}

/// Unwaived findings by severity, and waived ones.
pub(crate) struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub info: usize,
    pub waived: usize,
}

impl Counts {
    pub fn of(r: &SubmissionReport) -> Counts {
        let sev = |s: Severity| {
            r.findings
                .iter()
                .filter(|f| f.severity == s && !f.waived)
                .count()
        };
        Counts {
            errors: sev(Severity::Error),
            warnings: sev(Severity::Warning),
            info: sev(Severity::Info),
            waived: r.findings.iter().filter(|f| f.waived).count(),
        }
    }

    /// `错误 5，警告 9，提示 1，已豁免 0` / `5 errors, 9 warnings, 1 info, 0 waived`.
    pub fn text(&self) -> Text {
        Text::new(
            format!(
                "错误 {}，警告 {}，提示 {}，已豁免 {}",
                self.errors, self.warnings, self.info, self.waived
            ),
            format!(
                "{}, {}, {} info, {} waived",
                count_en(self.errors, "error", "errors"),
                count_en(self.warnings, "warning", "warnings"),
                self.info,
                self.waived
            ),
        )
    }
}

fn summary(standard: &Standard, r: &SubmissionReport, lang: Lang, out: &mut String) {
    let count = |o: Outcome| r.rules.iter().filter(|s| s.outcome == o).count();
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
    let colon = t!("：", ": ");
    let errors: Vec<String> = r
        .rules
        .iter()
        .filter(|s| s.outcome == Outcome::Error)
        .map(|s| match s.reason.as_ref().map(|t| t.get(lang)) {
            Some(reason) if !reason.is_empty() => {
                format!("    {}{}{}", s.rule, colon.get(lang), reason)
            }
            _ => format!("    {}", s.rule),
        })
        .collect();
    let (pass, fail, na, err) = (
        count(Outcome::Pass),
        count(Outcome::Fail),
        count(Outcome::NotApplicable),
        count(Outcome::Error),
    );
    let mut lines = vec![t!(
        "   规则 {rules} 条：通过 {pass}，未通过 {fail}，不适用 {na}，无法检查 {err}",
        "   {rules}: {pass} passed, {fail} failed, {na} not applicable, {err} could not be checked",
        rules = Text::new(
            r.rules.len().to_string(),
            count_en(r.rules.len(), "rule", "rules")
        ),
        pass = pass,
        fail = fail,
        na = na,
        err = err
    )];
    // Rules left out by --select/--ignore (sscheck.toml): counted, never silently absent.
    let not_selected = count(Outcome::NotSelected);
    if not_selected > 0 {
        let extra = t!("，未选用 {n}", ", {n} not selected", n = not_selected);
        lines[0].zh.push_str(&extra.zh);
        lines[0].en.push_str(&extra.en);
    }
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
            "   问题：{counts}",
            "   findings: {counts}",
            counts = Counts::of(r).text()
        ),
        t!(
            "   得分：{scores}",
            "   scores: {scores}",
            scores = dims.join(sep.get(lang))
        ),
        t!(
            "   总分 {overall}，等级 {grade}",
            "   overall {overall}, grade {grade}",
            overall = overall,
            grade = grade_text(standard, r, lang)
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
            "   incomplete: {err} could not be checked, so the verdict is incomplete; supply the input named above first",
            err = Text::new(err.to_string(), count_en(err, "rule", "rules"))
        ));
    }
    if r.capped {
        lines.push(t!(
            "   （问题过多，仅列出前 {n} 条；可用 --max-findings 调整）",
            "   (too many findings: only the first {n} are listed; see --max-findings)",
            n = r.findings.len()
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
        "checked {submissions}: {errors}, {warnings}, {info} info",
        submissions = Text::new(
            t.submissions.to_string(),
            count_en(t.submissions, "submission", "submissions")
        ),
        errors = Text::new(t.errors.to_string(), count_en(t.errors, "error", "errors")),
        warnings = Text::new(
            t.warnings.to_string(),
            count_en(t.warnings, "warning", "warnings")
        ),
        info = t.info
    );
    format!("{}\n", line.get(lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_between_chinese_characters_and_at_spaces() {
        let lines = wrap("核实各年度服务企业数；若属实，制定整改计划。", 10);
        assert!(lines.len() > 1, "{lines:?}");
        for l in &lines {
            assert!(
                unicode_width::UnicodeWidthStr::width(l.as_str()) <= 10,
                "{l}"
            );
        }
        assert_eq!(
            lines.concat(),
            "核实各年度服务企业数；若属实，制定整改计划。"
        );
        // Closing punctuation never starts a line.
        assert!(lines
            .iter()
            .all(|l| !l.starts_with('；') && !l.starts_with('，')));
        let en = wrap("Review the document and state its revision date", 20);
        assert!(en.iter().all(|l| l.len() <= 20), "{en:?}");
        assert_eq!(
            en.join(" "),
            "Review the document and state its revision date"
        );
    }

    #[test]
    fn wrap_never_splits_a_date_or_a_long_word() {
        let lines = wrap("修订日期：2024-03-15 之后", 8);
        assert!(lines.iter().any(|l| l.contains("2024-03-15")), "{lines:?}");
        assert_eq!(wrap("abcdefghijklmnop", 5), vec!["abcdefghijklmnop"]);
    }

    #[test]
    fn help_is_labelled_in_the_language_and_unwrapped_without_width() {
        let long = "很长的帮助".repeat(40);
        let zh = help_lines(&long, Lang::Zh, false, None);
        assert_eq!(zh, format!("  帮助：{long}\n"));
        let en = help_lines("Add the section.", Lang::En, false, None);
        assert_eq!(en, "  help: Add the section.\n");
        let wrapped = help_lines(&long, Lang::Zh, false, Some(60));
        assert!(wrapped.lines().count() > 1);
        assert!(wrapped.lines().skip(1).all(|l| l.starts_with("        ")));
        assert!(wrapped
            .lines()
            .all(|l| unicode_width::UnicodeWidthStr::width(l) <= 60));
        let colored = help_lines("x", Lang::Zh, true, None);
        assert!(colored.contains("\x1b[36m帮助："));
    }

    #[test]
    fn grade_labels_are_never_doubled() {
        assert_eq!(grade_with_label("C", Some("合格"), Lang::Zh), "C（合格）");
        assert_eq!(grade_with_label("C", Some("Pass"), Lang::En), "C (Pass)");
        assert_eq!(grade_with_label("A", Some("A"), Lang::En), "A");
        assert_eq!(grade_with_label("A", Some(" "), Lang::Zh), "A");
        assert_eq!(grade_with_label("A", None, Lang::Zh), "A");
        assert_eq!(
            grade_with_label("A", Some("A（优秀）"), Lang::Zh),
            "A（优秀）"
        );
        assert_eq!(grade_with_label("A", Some("Grade A"), Lang::En), "Grade A");
        // A letter inside a word is not the grade.
        assert_eq!(grade_with_label("A", Some("Award"), Lang::En), "A (Award)");
    }

    #[test]
    fn scores_never_print_negative_zero() {
        assert_eq!(fmt_score(Some(-0.0)), "0.0");
        assert_eq!(fmt_score(Some(-0.04)), "0.0");
        assert_eq!(fmt_score(Some(73.25)), "73.2");
        assert_eq!(fmt_score(None), "—");
    }

    #[test]
    fn english_counts_agree_in_number() {
        assert_eq!(count_en(1, "error", "errors"), "1 error");
        assert_eq!(count_en(0, "error", "errors"), "0 errors");
        let t = Totals {
            submissions: 1,
            errors: 1,
            warnings: 2,
            info: 0,
        };
        assert_eq!(
            totals(&t, Lang::En),
            "checked 1 submission: 1 error, 2 warnings, 0 info\n"
        );
        assert_eq!(
            totals(&t, Lang::Zh),
            "共检查 1 份提交：错误 1，警告 2，提示 0\n"
        );
    }
}
