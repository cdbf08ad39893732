//! `html`: one self-contained page a manager reads. It loads nothing from the network:
//! the charts are inline SVG drawn here, the style and the small script are inline, and
//! a Content-Security-Policy allows only that script (by its hash) and no fetch at all.
//!
//! The audit page has headline figures, charts (grades by region and level, dimension
//! scores by level, the most-violated rules, key metrics over five years), a table of
//! every center (sorted, filtered and expanded by the script; its rows are drawn lazily
//! from the data, which is in the page once as JSON) and a section per rule. The
//! one-center page ([`write_centers`], for `sscheck check --format html`) has the
//! dimension scores, each metric's trend against its thresholds and the findings with
//! source excerpts, and no script.
//!
//! Every text from a submission is untrusted: maud escapes it in text and attributes, the
//! JSON escapes `<`, `>`, `&`, U+2028 and U+2029, and nothing from a submission becomes
//! a link.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};
use std::sync::Arc;

use base64::Engine as _;
use maud::{html, Markup, PreEscaped, DOCTYPE};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::audit::texts::Texts;
use crate::audit::{Audit, Center, Summary};
use crate::finding::{Dimension, Outcome, Severity};
use crate::i18n::{Lang, Text};
use crate::standard::{cohort_value_name, MetricType, Standard, Threshold};
use crate::t;

const CSS: &str = include_str!("html.css");
const JS: &str = include_str!("html.js");

/// Rows of the table drawn at first and per step (the script's `PAGE`).
pub const PAGE_ROWS: usize = 200;
/// Most exit-risk centers drawn as lines in a metric chart.
const RISK_LINES: usize = 40;
/// Most metrics charted over five years for the cohort.
const KEY_METRICS: usize = 6;
/// Years in a trend chart.
const YEARS: i32 = 5;

/// Grade colours, best grade first; centers without a grade are grey.
const GRADE_COLORS: [&str; 6] = [
    "#2e7d32", "#8bc34a", "#f9a825", "#ef6c00", "#c62828", "#6a1b9a",
];
const NO_GRADE_COLOR: &str = "#9e9e9e";

fn s(lang: Lang, text: Text) -> String {
    text.get(lang).to_string()
}

/// The page's Content-Security-Policy: no source at all, but the one script by its
/// hash, inline style, and data: images.
fn csp(script: Option<&str>) -> String {
    let script_src = match script {
        Some(js) => {
            let digest = Sha256::digest(js.as_bytes());
            format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        }
        None => "'none'".to_string(),
    };
    format!(
        "default-src 'none'; script-src {script_src}; style-src 'unsafe-inline'; img-src data:; \
         base-uri 'none'; form-action 'none'"
    )
}

/// JSON safe inside a `<script>` element: `<`, `>` and `&` escaped (no `</script>` nor
/// `<!--` can end or change it), and U+2028/U+2029 too (old JavaScript parsers end a
/// line there).
pub fn script_json(value: &impl Serialize) -> String {
    let raw = serde_json::to_string(value).unwrap_or_else(|_| "null".to_string());
    let mut out = String::with_capacity(raw.len() + raw.len() / 16);
    for c in raw.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// The `<head>` of a page: its CSP (allowing `script` only, by hash), title and styles.
fn head(title: &str, script: Option<&str>) -> Markup {
    html! {
        head {
            meta charset="utf-8";
            meta http-equiv="Content-Security-Policy" content=(csp(script));
            meta name="viewport" content="width=device-width, initial-scale=1";
            meta name="referrer" content="no-referrer";
            title { (title) }
            style { (PreEscaped(CSS)) }
        }
    }
}

/// The top of a page: its title, the standard, the date and the version.
fn top(standard: &Standard, title: &str, lang: Lang) -> Markup {
    html! {
        header.top {
            h1 { (title) }
            p {
                (standard.title.get(lang)) " · " (standard.id) " " (standard.version)
                " · " (s(lang, t!("生成于", "generated"))) " " (today(lang))
                " · sscheck " (env!("CARGO_PKG_VERSION"))
            }
        }
    }
}

fn html_lang(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    }
}

/// A whole number with thousands separators (both locales group by three with `,`).
fn int(n: usize) -> String {
    crate::i18n::group_thousands(&n.to_string())
}

fn score(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_string(), |v| format!("{v:.1}"))
}

/// Today's date as the language writes it: 2026年11月30日 / 30 November 2026.
fn today(lang: Lang) -> String {
    let d = jiff::Zoned::now().date();
    match lang {
        Lang::Zh => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        Lang::En => {
            const MONTHS: [&str; 12] = [
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ];
            let m = MONTHS[(d.month() as usize).saturating_sub(1).min(11)];
            format!("{} {m} {}", d.day(), d.year())
        }
    }
}

/// A cohort key (`-` when unknown) as the reader reads it.
fn cohort_label(key: &str, lang: Lang) -> String {
    if key == "-" || key.is_empty() {
        return s(lang, t!("未知", "unknown"));
    }
    cohort_value_name(key).get(lang).to_string()
}

fn grade_color(standard: &Standard, grade: &str) -> &'static str {
    standard
        .grades
        .iter()
        .position(|g| g.grade == grade)
        .map_or(NO_GRADE_COLOR, |i| {
            GRADE_COLORS[i.min(GRADE_COLORS.len() - 1)]
        })
}

/// Text cut to `max` characters, with an ellipsis.
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

fn f1(v: f64) -> String {
    format!("{v:.1}")
}

// --- The data the script reads ---

#[derive(Serialize)]
struct CenterData<'a> {
    /// id, name, path, province, level (as read), region
    i: Option<&'a str>,
    n: Option<&'a str>,
    p: &'a str,
    pr: Option<&'a str>,
    lv: Option<String>,
    /// The four dimension scores, overall score and grade.
    d: [Option<f64>; 4],
    o: Option<f64>,
    g: Option<&'a str>,
    e: usize,
    w: usize,
    /// The exit-risk rules failed.
    x: Vec<&'a str>,
    inc: bool,
    cap: bool,
    /// Findings: rule index, severity index, message, help index (-1: none), file, line,
    /// state (0 open, 1 waived, 2 in the baseline).
    f: Vec<(usize, u8, &'a str, i64, &'a str, u32, u8)>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Ui {
    none: &'static str,
    expand: String,
    showing: String,
    incomplete: String,
    no_findings: String,
    no_file: String,
    sev: [String; 3],
    sep: &'static str,
    waived: String,
    baselined: String,
    open: String,
    help: String,
    capped: String,
}

fn ui(lang: Lang) -> Ui {
    Ui {
        none: "—",
        expand: s(lang, t!("展开问题", "show findings")),
        showing: s(
            lang,
            t!(
                "显示 {{shown}} 行，共 {{matched}} 个符合条件（总计 {{total}} 个中心）",
                "showing {{shown}} of {{matched}} matching centers ({{total}} in all)"
            ),
        ),
        incomplete: s(
            lang,
            t!(
                "提交不完整：部分规则无法检查",
                "incomplete: some rules could not be checked"
            ),
        ),
        no_findings: s(lang, t!("没有问题", "no findings")),
        no_file: s(lang, t!("（无文件）", "(no file)")),
        sev: [
            s(lang, Severity::Error.name()),
            s(lang, Severity::Warning.name()),
            s(lang, Severity::Info.name()),
        ],
        sep: match lang {
            Lang::Zh => "：",
            Lang::En => ": ",
        },
        waived: s(lang, t!("已豁免", "waived")),
        baselined: s(lang, t!("基线中", "in baseline")),
        open: s(lang, t!("未豁免", "open")),
        help: s(lang, t!("建议：", "Help: ")),
        capped: s(
            lang,
            t!(
                "问题过多，其余未列出",
                "too many findings: the rest are not listed"
            ),
        ),
    }
}

fn sev_index(s: &str) -> u8 {
    match Severity::parse(s) {
        Some(Severity::Error) | None => 0,
        Some(Severity::Warning) => 1,
        Some(Severity::Info) => 2,
    }
}

/// Every rule the page names: the standard's, in order, then other ids findings carry
/// A center's data for the script: `rules` gives a rule id's index, `help` a help text's.
fn center_data<'a>(
    c: &'a Center,
    rules: &HashMap<&str, usize>,
    mut help: impl FnMut(&'a str) -> i64,
    lang: Lang,
) -> CenterData<'a> {
    let f = c
        .findings
        .iter()
        .map(|f| {
            let help = f.help.as_deref().map_or(-1, &mut help);
            let state = if f.waived {
                1
            } else if f.baselined {
                2
            } else {
                0
            };
            (
                rules.get(f.rule.as_str()).copied().unwrap_or(0),
                sev_index(&f.severity),
                f.message.as_str(),
                help,
                f.file.as_deref().unwrap_or(""),
                f.line.unwrap_or(0),
                state,
            )
        })
        .collect();
    let d = &c.score.dimensions;
    CenterData {
        i: c.center_id.as_deref(),
        n: c.name.as_deref(),
        p: &c.path,
        pr: c.profile.province.as_deref(),
        lv: c.profile.level.as_deref().map(|l| cohort_label(l, lang)),
        d: [d.basic, d.provision, d.support, d.evaluation],
        o: c.score.overall,
        g: c.score.grade.as_deref(),
        e: c.counts.error,
        w: c.counts.warning,
        x: c.exit_risk.iter().map(|e| e.rule.as_str()).collect(),
        inc: c.incomplete,
        cap: c.findings_capped,
        f,
    }
}

/// A float's bits as an integer that sorts as [`f64::total_cmp`] sorts the floats.
fn total_key(v: f64) -> i64 {
    let b = v.to_bits() as i64;
    b ^ (((b >> 63) as u64) >> 1) as i64
}

fn from_total_key(k: i64) -> f64 {
    // The transform keeps the sign bit, so it is its own inverse.
    f64::from_bits((k ^ (((k >> 63) as u64) >> 1) as i64) as u64)
}

/// Values whose quartiles a chart draws, kept as distinct values with their counts
/// (scores and metric values repeat a lot, so this stays small as centers grow), in
/// [`f64::total_cmp`] order as the sorted list of all of them would be.
#[derive(Default)]
struct Values {
    /// Distinct values (as [`total_key`]s), ascending, with how many times each came.
    runs: Vec<(i64, u32)>,
    /// Values not merged into `runs` yet.
    pending: Vec<i64>,
    len: usize,
}

impl Values {
    fn push(&mut self, v: f64) {
        self.pending.push(total_key(v));
        self.len += 1;
        if self.pending.len() >= 1024 {
            self.settle();
        }
    }

    /// Merge the pending values into the runs.
    fn settle(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        self.pending.sort_unstable();
        let mut merged: Vec<(i64, u32)> = Vec::with_capacity(self.runs.len() + 16);
        let mut old = self.runs.iter().copied().peekable();
        let add = |merged: &mut Vec<(i64, u32)>, k: i64, n: u32| match merged.last_mut() {
            Some(last) if last.0 == k => last.1 += n,
            _ => merged.push((k, n)),
        };
        for &k in &self.pending {
            while let Some(&(ok, n)) = old.peek() {
                if ok > k {
                    break;
                }
                add(&mut merged, ok, n);
                old.next();
            }
            add(&mut merged, k, 1);
        }
        for (ok, n) in old {
            add(&mut merged, ok, n);
        }
        self.runs = merged;
        self.pending = Vec::new();
    }

    /// The `i`th smallest value (settled first).
    fn nth(&self, i: usize) -> f64 {
        debug_assert!(self.pending.is_empty());
        let mut seen = 0usize;
        for &(k, n) in &self.runs {
            seen += n as usize;
            if i < seen {
                return from_total_key(k);
            }
        }
        f64::NAN
    }

    /// Their quartiles, as [`quartiles`] of them all sorted (settled first).
    fn quartiles(&self) -> Option<[f64; 5]> {
        quartiles_by(self.len, |i| self.nth(i))
    }
}

/// What the audit page shows of the centers besides each one's data (which is streamed
/// from the records), from one pass over the records: per center only its label and
/// what it fails, in columns and arenas; the rest is counts and distinct values.
struct Tally {
    /// Each center's label, and its id when the label is its name (the rule lists).
    labels: Texts,
    ids: Texts,
    /// Per rule of the standard: the centers failing it (unwaived), and how many more
    /// fail it waived.
    failing: Vec<Vec<u32>>,
    waived: Vec<usize>,
    /// Other rule ids findings carry (input diagnostics), sorted, each with the title of
    /// its first finding and its centers.
    extra: BTreeMap<String, Extra>,
    /// Help texts and their index, in the order of first use.
    helps: HashMap<Box<str>, u32>,
    /// Per level key (`-` when unknown), each dimension's finite scores.
    dims: BTreeMap<String, [Values; 4]>,
    /// How many centers report up to each year.
    last_years: BTreeMap<i32, usize>,
    /// Whether any center has metric values.
    has_metrics: bool,
}

struct Extra {
    title: String,
    failing: Vec<u32>,
    waived: usize,
}

/// What the tally takes of one center, made in a worker thread.
struct Seen {
    label: String,
    id: Option<String>,
    level: Option<String>,
    dims: [Option<f64>; 4],
    last_year: Option<i32>,
    has_metrics: bool,
    /// Rules of the standard failed (by index), and whether waived.
    failed: Vec<(u32, bool)>,
    /// Other rule ids: id, the title of its first finding, whether one is unwaived.
    extra: Vec<(String, String, bool)>,
    /// Help texts in the order of first use.
    helps: Vec<String>,
}

impl Seen {
    fn of(standard: &Standard, c: &Center) -> Seen {
        let mut extra: Vec<(String, String, bool)> = Vec::new();
        let mut helps: Vec<String> = Vec::new();
        for f in &c.findings {
            if let Some(h) = &f.help {
                if !helps.contains(h) {
                    helps.push(h.clone());
                }
            }
            if standard.rule(&f.rule).is_none() {
                match extra.iter_mut().find(|e| e.0 == f.rule) {
                    Some(e) => e.2 |= !f.waived,
                    None => extra.push((f.rule.clone(), f.title.clone(), !f.waived)),
                }
            }
        }
        let d = &c.score.dimensions;
        Seen {
            label: c.label().to_string(),
            id: c.name.as_ref().and(c.center_id.clone()),
            level: c.profile.level.clone(),
            dims: Dimension::ALL.map(|x| d.get(x)),
            last_year: c
                .reporting_year
                .or_else(|| c.metrics.iter().flat_map(|m| m.1.iter().map(|v| v.0)).max()),
            has_metrics: !c.metrics.is_empty(),
            failed: c
                .rules
                .iter()
                .enumerate()
                .filter(|(_, r)| r.outcome == Outcome::Fail)
                .map(|(i, r)| (i as u32, r.waived))
                .collect(),
            extra,
            helps,
        }
    }
}

impl Tally {
    fn of(standard: &Standard, audit: &Audit) -> io::Result<Tally> {
        let known = standard.rules.len();
        let mut t = Tally {
            labels: Texts::new(),
            ids: Texts::new(),
            failing: vec![Vec::new(); known],
            waived: vec![0; known],
            extra: BTreeMap::new(),
            helps: HashMap::new(),
            dims: BTreeMap::new(),
            last_years: BTreeMap::new(),
            has_metrics: false,
        };
        audit.each_center(|c| Ok(Seen::of(standard, &c)), |d| t.add(d, audit.lang))?;
        for group in t.dims.values_mut() {
            group.iter_mut().for_each(Values::settle);
        }
        Ok(t)
    }

    fn add(&mut self, d: Seen, lang: Lang) -> io::Result<()> {
        let full = |_| {
            let text = t!(
                "中心太多：内存中的中心名称超过 2 GiB",
                "too many centers: their labels in memory pass 2 GiB"
            );
            io::Error::other(text.get(lang).to_string())
        };
        let k = self.labels.push(&d.label).map_err(full)? as u32;
        self.ids.push_opt(d.id.as_deref()).map_err(full)?;
        let level = d.level.as_deref().unwrap_or("-");
        if !self.dims.contains_key(level) {
            self.dims.insert(level.to_string(), Default::default());
        }
        if let Some(group) = self.dims.get_mut(level) {
            for (vals, v) in group.iter_mut().zip(d.dims) {
                if let Some(v) = v.filter(|v| v.is_finite()) {
                    vals.push(v);
                }
            }
        }
        if let Some(y) = d.last_year {
            *self.last_years.entry(y).or_default() += 1;
        }
        self.has_metrics |= d.has_metrics;
        for (i, waived) in d.failed {
            let i = i as usize;
            if i >= self.failing.len() {
                continue;
            }
            if waived {
                self.waived[i] += 1;
            } else {
                self.failing[i].push(k);
            }
        }
        for (id, title, open) in d.extra {
            let e = self.extra.entry(id).or_insert_with(|| Extra {
                title,
                failing: Vec::new(),
                waived: 0,
            });
            if open {
                e.failing.push(k);
            } else {
                e.waived += 1;
            }
        }
        for h in d.helps {
            let next = self.helps.len() as u32;
            self.helps.entry(h.into_boxed_str()).or_insert(next);
        }
        Ok(())
    }

    fn len(&self) -> usize {
        self.labels.len()
    }

    /// Every rule the page names: the standard's, in order, then other ids findings
    /// carry (input diagnostics), sorted; with each one's title.
    fn rules<'a>(&'a self, standard: &'a Standard, lang: Lang) -> Vec<(&'a str, &'a str)> {
        let mut rules: Vec<(&str, &str)> = standard
            .rules
            .iter()
            .map(|r| (r.id.as_str(), r.title.get(lang)))
            .collect();
        rules.extend(
            self.extra
                .iter()
                .map(|(id, e)| (id.as_str(), e.title.as_str())),
        );
        rules
    }

    /// The centers failing rule `i` of [`Tally::rules`] (unwaived), and how many more
    /// fail it waived.
    fn failing(&self, i: usize) -> (&[u32], usize) {
        let known = self.failing.len();
        if i < known {
            return (&self.failing[i], self.waived[i]);
        }
        self.extra
            .values()
            .nth(i - known)
            .map_or((&[][..], 0), |e| (&e.failing[..], e.waived))
    }
}

/// One key metric's values by year for the cohort, and the centers at exit risk that
/// have values (their label and series), at most [`RISK_LINES`].
#[derive(Default)]
struct Band {
    per_year: BTreeMap<i32, Values>,
    risky: Vec<(String, Vec<(i32, f64)>)>,
}

/// A center's values of `metric` in `years`.
fn values_of(c: &Center, metric: &str, years: &[i32]) -> Vec<(i32, f64)> {
    c.metrics
        .iter()
        .find(|m| m.0 == metric)
        .map(|m| {
            m.1.iter()
                .filter(|v| years.contains(&v.0))
                .copied()
                .collect()
        })
        .unwrap_or_default()
}

/// The key metrics' bands over `years`, from a second pass over the records (the years
/// are known only after the first).
fn bands(audit: &Audit, metrics: &[String], years: &[i32]) -> io::Result<Vec<Band>> {
    let mut bands: Vec<Band> = metrics.iter().map(|_| Band::default()).collect();
    audit.each_center(
        |c| {
            let series: Vec<Vec<(i32, f64)>> =
                metrics.iter().map(|m| values_of(&c, m, years)).collect();
            let risky = (!c.exit_risk.is_empty()).then(|| c.label().to_string());
            Ok((series, risky))
        },
        |(series, risky)| {
            for (band, series) in bands.iter_mut().zip(series) {
                for &(y, v) in &series {
                    band.per_year.entry(y).or_default().push(v);
                }
                if let Some(label) = &risky {
                    if !series.is_empty() && band.risky.len() < RISK_LINES {
                        band.risky.push((label.clone(), series));
                    }
                }
            }
            Ok(())
        },
    )?;
    for band in &mut bands {
        band.per_year.values_mut().for_each(Values::settle);
    }
    Ok(bands)
}

/// The opening tag of an element as maud writes it (attributes escaped): the element
/// rendered empty, its closing tag `close` cut off.
fn opening(element: Markup, close: &str) -> String {
    let mut s = element.into_string();
    debug_assert!(s.ends_with(close), "{s}");
    s.truncate(s.len() - close.len());
    s
}

// --- The audit page ---

/// Write the audit as one HTML page, streamed: a pass over the records gathers what the
/// charts and the rule sections show (and a second one the key metrics' values, once
/// the years are known), then the page is written top to bottom, each center's data
/// made from its record as it is read again. Memory holds a few columns per center, not
/// the records nor the page.
pub fn write(standard: &Standard, audit: &Audit, out: &mut dyn Write) -> io::Result<()> {
    let out = &mut io::BufWriter::with_capacity(1 << 16, out);
    let lang = audit.lang;
    let title = s(
        lang,
        t!("服务规范合规审计报告", "Service standard compliance audit"),
    );
    let tally = Tally::of(standard, audit)?;
    let rules = tally.rules(standard, lang);
    let years = chart_years(&tally.last_years);
    let mut metrics = watched_metrics(standard);
    metrics.truncate(KEY_METRICS);
    let charted = !years.is_empty() && !metrics.is_empty() && tally.has_metrics;
    let bands = match charted {
        true => bands(audit, &metrics, &years)?,
        false => Vec::new(),
    };
    let upper = html! {
        (DOCTYPE)
        (PreEscaped(opening(html! { html lang=(html_lang(lang)) {} }, "</html>")))
        (head(&title, Some(JS)))
        (PreEscaped("<body>"))
        (top(standard, &title, lang))
        nav.toc {
            a href="#overview" { (s(lang, t!("总览", "Overview"))) }
            a href="#charts" { (s(lang, t!("图表", "Charts"))) }
            a href="#centers" { (s(lang, t!("全部中心", "All centers"))) }
            a href="#rules" { (s(lang, t!("按规则", "By rule"))) }
        }
        (PreEscaped("<main>"))
        (overview(standard, &audit.summary, lang))
        (charts(standard, &audit.summary, lang, &tally, &years, &metrics, &bands))
        (table(lang))
    };
    out.write_all(upper.into_string().as_bytes())?;
    rule_pages(standard, &tally, &rules, lang, out)?;
    out.write_all(b"</main><script type=\"application/json\" id=\"sscheck-data\">")?;
    data(standard, audit, &tally, &rules, out)?;
    out.write_all(b"</script><script>")?;
    out.write_all(JS.as_bytes())?;
    out.write_all(b"</script></body></html>\n")?;
    out.flush()
}

/// The data the script reads, as `script_json` of one object (`lang`, `grades`, `sev`,
/// `rules`, `helps`, `centers`, `ui`) would write it: the centers made from their
/// records in worker threads, in order, one at a time.
fn data(
    standard: &Standard,
    audit: &Audit,
    tally: &Tally,
    rules: &[(&str, &str)],
    out: &mut dyn Write,
) -> io::Result<()> {
    let lang = audit.lang;
    let by_id: HashMap<&str, usize> = rules.iter().enumerate().map(|(i, r)| (r.0, i)).collect();
    let mut helps: Vec<&str> = vec![""; tally.helps.len()];
    for (h, &i) in &tally.helps {
        helps[i as usize] = h;
    }
    let grades: Vec<&str> = standard.grades.iter().map(|g| g.grade.as_str()).collect();
    let mut field = |name: &str, json: String| -> io::Result<()> {
        let sep = if name == "lang" { "{" } else { "," };
        write!(out, "{sep}\"{name}\":{json}")
    };
    field("lang", script_json(&lang.code()))?;
    field("grades", script_json(&grades))?;
    field("sev", script_json(&["error", "warning", "info"]))?;
    field("rules", script_json(&rules))?;
    field("helps", script_json(&helps))?;
    out.write_all(b",\"centers\":[")?;
    let mut first = true;
    audit.each_center(
        |c| {
            let help = |h: &str| tally.helps.get(h).map_or(-1, |&i| i as i64);
            Ok(script_json(&center_data(&c, &by_id, help, lang)))
        },
        |json| {
            if !first {
                out.write_all(b",")?;
            }
            first = false;
            out.write_all(json.as_bytes())
        },
    )?;
    out.write_all(b"],\"ui\":")?;
    out.write_all(script_json(&ui(lang)).as_bytes())?;
    out.write_all(b"}")
}

/// The records read back, for the one-center page (which shows one or a few centers whole).
struct Loaded {
    centers: Vec<Center>,
    lang: Lang,
}

impl Loaded {
    fn of(audit: &Audit) -> io::Result<Loaded> {
        Ok(Loaded {
            centers: audit.centers().collect::<io::Result<_>>()?,
            lang: audit.lang,
        })
    }
}

fn card(value: String, key: String) -> Markup {
    html! { div.card { div.v { (value) } div.k { (key) } } }
}

fn overview(standard: &Standard, sm: &Summary, lang: Lang) -> Markup {
    html! {
        section #overview {
            h2 { (s(lang, t!("总览", "Overview"))) }
            div.cards {
                (card(int(sm.submissions), s(lang, t!("检查的中心", "centers checked"))))
                (card(int(sm.passed), s(lang, t!("通过", "passed"))))
                (card(int(sm.failed), s(lang, t!("未通过", "failed"))))
                (card(int(sm.incomplete), s(lang, t!("提交不完整", "incomplete submissions"))))
                (card(int(sm.exit_risk.len()), s(lang, t!("有退出风险", "at exit risk"))))
                (card(int(sm.duplicates.len()), s(lang, t!("雷同文件对", "copied-document pairs"))))
                (card(int(sm.findings.error), s(lang, t!("错误", "errors"))))
                (card(int(sm.findings.warning), s(lang, t!("警告", "warnings"))))
            }
            h3 { (s(lang, t!("等级分布", "Grades"))) }
            div.cards {
                @for g in &sm.grades {
                    div.card {
                        div.v style=(format!("color:{}", grade_color(standard, &g.grade))) {
                            @if g.grade == "-" { "—" } @else { (g.grade) }
                        }
                        div.k {
                            (int(g.count)) " "
                            (s(lang, t!("个中心", "centers")))
                            @if let Some(def) = standard.grades.iter().find(|d| d.grade == g.grade) {
                                " · " (def.label.get(lang))
                            }
                        }
                    }
                }
            }
            @if !sm.exit_risk.is_empty() {
                h3 { (s(lang, t!("退出风险", "Exit risk"))) }
                ul {
                    @for e in sm.exit_risk.iter().take(50) {
                        li {
                            span.risk { (e.name.as_deref().or(e.center_id.as_deref()).unwrap_or(&e.path)) }
                            " "
                            span.muted { (e.path) }
                            @for ev in &e.evidence {
                                " · " code { (ev.rule) } " " (ev.message)
                            }
                        }
                    }
                    @if sm.exit_risk.len() > 50 {
                        li.muted { (s(lang, t!("另有 {n} 个，见下表", "{n} more: see the table", n = sm.exit_risk.len() - 50))) }
                    }
                }
            }
            @if !sm.duplicates.is_empty() {
                h3 { (s(lang, t!("雷同文件", "Copied documents"))) }
                ul {
                    @for p in sm.duplicates.iter().take(50) {
                        li {
                            code { (p.rule) } " "
                            span.mono { (p.a.path) "/" (p.a.file) ":" (p.a.line) }
                            " ⇄ "
                            span.mono { (p.b.path) "/" (p.b.file) ":" (p.b.line) }
                        }
                    }
                    @if sm.duplicates.len() > 50 {
                        li.muted { (s(lang, t!("另有 {n} 对", "{n} more pairs", n = sm.duplicates.len() - 50))) }
                    }
                }
            }
        }
    }
}

fn charts(
    standard: &Standard,
    sm: &Summary,
    lang: Lang,
    tally: &Tally,
    years: &[i32],
    metrics: &[String],
    bands: &[Band],
) -> Markup {
    html! {
        section #charts {
            h2 { (s(lang, t!("图表", "Charts"))) }
            div.charts {
                (stacked(standard, lang, &s(lang, t!("各区域等级分布", "Grades by region")), &sm.by_region))
                (stacked(standard, lang, &s(lang, t!("各层级等级分布", "Grades by level")), &sm.by_level))
            }
            div.charts {
                (top_rules(sm, lang))
            }
            h3 { (s(lang, t!("各层级的维度得分", "Dimension scores by level"))) }
            div.charts {
                @for (i, d) in Dimension::ALL.into_iter().enumerate() {
                    (boxes(&tally.dims, i, d, lang))
                }
            }
            (key_metrics(standard, lang, years, metrics, tally.has_metrics, bands))
        }
    }
}

/// Grades per group as 100 % stacked horizontal bars, with the group's size.
fn stacked(
    standard: &Standard,
    lang: Lang,
    caption: &str,
    groups: &[crate::audit::summary::Group],
) -> Markup {
    let label_w = 120.0;
    let bar_w = 420.0;
    let row_h = 26.0;
    let w = label_w + bar_w + 70.0;
    let h = row_h * groups.len() as f64 + 10.0;
    let grades: Vec<&str> = groups
        .first()
        .map(|g| g.grades.iter().map(|c| c.grade.as_str()).collect())
        .unwrap_or_default();
    html! {
        figure {
            figcaption { (caption) }
            svg xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {w} {h}")) width=(w) height=(h) role="img" aria-label=(caption) {
                @for (i, g) in groups.iter().enumerate() {
                    @let y = 5.0 + i as f64 * row_h;
                    text x=(label_w - 6.0) y=(f1(y + row_h / 2.0 + 4.0)) text-anchor="end" { (cut(&cohort_label(&g.key, lang), 12)) }
                    @for (c, x, cw) in segments(g, label_w, bar_w) {
                        rect x=(f1(x)) y=(f1(y + 3.0)) width=(f1(cw)) height=(f1(row_h - 6.0)) fill=(grade_color(standard, &c.grade)) {
                            title { (cohort_label(&g.key, lang)) " · " (c.grade) ": " (int(c.count)) }
                        }
                        @if cw > 22.0 {
                            text x=(f1(x + cw / 2.0)) y=(f1(y + row_h / 2.0 + 4.0)) text-anchor="middle" style="fill:#fff" { (int(c.count)) }
                        }
                    }
                    text x=(label_w + bar_w + 6.0) y=(f1(y + row_h / 2.0 + 4.0)) { "n=" (int(g.submissions)) }
                }
            }
            div.legend {
                @for g in &grades {
                    span { i style=(format!("background:{}", grade_color(standard, g))) {} (if *g == "-" { "—" } else { *g }) }
                }
            }
        }
    }
}

/// The grades of a group with their bar's start and width (those with centers only).
fn segments(
    g: &crate::audit::summary::Group,
    left: f64,
    width: f64,
) -> Vec<(&crate::audit::summary::GradeCount, f64, f64)> {
    let total = g.submissions.max(1) as f64;
    let mut x = left;
    let mut out = Vec::new();
    for c in g.grades.iter().filter(|c| c.count > 0) {
        let w = width * c.count as f64 / total;
        out.push((c, x, w));
        x += w;
    }
    out
}

/// The 15 rules failed by the most centers.
fn top_rules(sm: &Summary, lang: Lang) -> Markup {
    let rules: Vec<&crate::audit::summary::RuleCount> = sm.rules.iter().take(15).collect();
    let caption = s(
        lang,
        t!(
            "违反最多的 15 条规则（中心数）",
            "The 15 most-violated rules (centers)"
        ),
    );
    let label_w = 300.0;
    let bar_w = 340.0;
    let row_h = 22.0;
    let w = label_w + bar_w + 60.0;
    let h = row_h * rules.len().max(1) as f64 + 10.0;
    let max = rules.iter().map(|r| r.centers).max().unwrap_or(1).max(1) as f64;
    html! {
        figure {
            figcaption { (caption) }
            @if rules.is_empty() {
                p.muted { (s(lang, t!("没有规则被违反", "no rule was violated"))) }
            } @else {
                svg xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {w} {h}")) width=(w) height=(h) role="img" aria-label=(caption) {
                    @for (i, r) in rules.iter().enumerate() {
                        @let y = 5.0 + i as f64 * row_h;
                        @let bw = bar_w * r.centers as f64 / max;
                        text x=(label_w - 6.0) y=(f1(y + 15.0)) text-anchor="end" {
                            (r.rule) " " (cut(&r.title, 18))
                        }
                        rect x=(label_w) y=(f1(y + 3.0)) width=(f1(bw.max(1.0))) height=(f1(row_h - 6.0)) fill="#3f6db3" {
                            title { (r.rule) " " (r.title) ": " (int(r.centers)) }
                        }
                        text x=(f1(label_w + bw + 5.0)) y=(f1(y + 15.0)) { (int(r.centers)) }
                    }
                }
            }
        }
    }
}

/// Quartiles (min, q1, median, q3, max) of `n` sorted values, the `i`th given by `at`.
fn quartiles_by(n: usize, at: impl Fn(usize) -> f64) -> Option<[f64; 5]> {
    if n == 0 {
        return None;
    }
    let q = |p: f64| {
        let pos = p * (n - 1) as f64;
        let lo = pos.floor() as usize;
        let hi = pos.ceil() as usize;
        at(lo) + (at(hi) - at(lo)) * (pos - lo as f64)
    };
    Some([at(0), q(0.25), q(0.5), q(0.75), at(n - 1)])
}

/// Quartiles (min, q1, median, q3, max) of sorted values.
#[cfg(test)]
fn quartiles(sorted: &[f64]) -> Option<[f64; 5]> {
    quartiles_by(sorted.len(), |i| sorted[i])
}

/// A dimension's scores per level as horizontal box plots (0 to 100).
/// `groups`: per level key, each dimension's scores; `dim`: the index of `d` in them.
fn boxes(groups: &BTreeMap<String, [Values; 4]>, dim: usize, d: Dimension, lang: Lang) -> Markup {
    // Levels in their order, highest first, then others.
    let mut keys: Vec<&str> = groups.keys().map(String::as_str).collect();
    keys.sort_by_key(|k| {
        (
            crate::standard::LEVELS
                .iter()
                .position(|l| l == k)
                .unwrap_or(99),
            *k,
        )
    });
    let label_w = 90.0;
    let plot_w = 230.0;
    let row_h = 24.0;
    let w = label_w + plot_w + 20.0;
    let h = row_h * keys.len().max(1) as f64 + 30.0;
    let x = |v: f64| label_w + plot_w * v.clamp(0.0, 100.0) / 100.0;
    let caption = d.name().get(lang).to_string();
    html! {
        figure {
            figcaption { (caption) }
            svg xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {w} {h}")) width=(w) height=(h) role="img" aria-label=(caption) {
                @for t in [0.0, 25.0, 50.0, 75.0, 100.0] {
                    line.grid x1=(f1(x(t))) x2=(f1(x(t))) y1="0" y2=(f1(h - 18.0)) {}
                    text x=(f1(x(t))) y=(f1(h - 5.0)) text-anchor="middle" { (t) }
                }
                @for (i, k) in keys.iter().enumerate() {
                    @let y = i as f64 * row_h + 4.0;
                    @let mid = y + row_h / 2.0;
                    text x=(label_w - 6.0) y=(f1(mid + 4.0)) text-anchor="end" { (cut(&cohort_label(k, lang), 8)) }
                    @let vals = &groups[*k][dim];
                    @if let Some([lo, q1, med, q3, hi]) = vals.quartiles() {
                        line.axis x1=(f1(x(lo))) x2=(f1(x(hi))) y1=(f1(mid)) y2=(f1(mid)) {}
                        rect x=(f1(x(q1))) y=(f1(y + 5.0)) width=(f1((x(q3) - x(q1)).max(1.0))) height=(f1(row_h - 10.0)) fill="#c5d5ee" stroke="#3f6db3" {
                            title {
                                (cohort_label(k, lang)) " · n=" (vals.len)
                                " · " (s(lang, t!("中位数", "median"))) " " (f1(med))
                                " · " (s(lang, t!("四分位", "quartiles"))) " " (f1(q1)) "–" (f1(q3))
                            }
                        }
                        line x1=(f1(x(med))) x2=(f1(x(med))) y1=(f1(y + 5.0)) y2=(f1(y + row_h - 5.0)) stroke="#1d2330" stroke-width="2" {}
                    } @else {
                        text x=(f1(label_w + 4.0)) y=(f1(mid + 4.0)) class="muted" { (s(lang, t!("无得分", "no scores"))) }
                    }
                }
            }
        }
    }
}

/// The metrics the standard's rules bound or watch, in catalogue order.
fn watched_metrics(standard: &Standard) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for rule in &standard.rules {
        let mut check = rule.check.clone();
        if let Some(b) = check.bounds_mut() {
            ids.push(b.metric.to_string());
        }
        if let crate::checks::Check::Trend(t) = &rule.check {
            if let crate::checks::trend::TrendTest::Decline { metric, .. } = &t.test {
                ids.push(metric.clone());
            }
        }
    }
    standard
        .metrics
        .iter()
        .filter(|m| m.kind != MetricType::Bool && ids.contains(&m.id))
        .map(|m| m.id.clone())
        .collect()
}

/// The bounds of `metric` a rule sets for a center of `profile` (min, max).
fn thresholds(
    standard: &Standard,
    metric: &str,
    profile: &crate::standard::Profile,
) -> Vec<(bool, f64)> {
    let mut out = Vec::new();
    for rule in &standard.rules {
        if rule.applies_to.matches(profile) == Some(false) {
            continue;
        }
        let mut check = rule.check.clone();
        let Some(b) = check.bounds_mut() else {
            continue;
        };
        if b.metric != metric {
            continue;
        }
        let mut add = |t: &Option<Threshold>, is_min: bool| {
            if let Some(v) = t.as_ref().and_then(|t| t.resolve(profile)) {
                let v = standard.effective_bound(metric, v, is_min);
                if !out.contains(&(is_min, v)) {
                    out.push((is_min, v));
                }
            }
        };
        add(b.min, true);
        add(b.max, false);
    }
    out
}

/// The last five years the centers report, from how many report up to each year.
fn chart_years(last: &BTreeMap<i32, usize>) -> Vec<i32> {
    // The year most centers report up to (ties: the later).
    let Some(end) = last
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(a.0.cmp(b.0)))
        .map(|(y, _)| *y)
    else {
        return Vec::new();
    };
    (end - YEARS + 1..=end).collect()
}

/// Key metrics over five years for the cohort: the median, the quartile band, and the
/// centers at exit risk as red lines.
fn key_metrics(
    standard: &Standard,
    lang: Lang,
    years: &[i32],
    metrics: &[String],
    has_data: bool,
    bands: &[Band],
) -> Markup {
    html! {
        h3 { (s(lang, t!("关键指标近五年走势（中位数与四分位区间，红线为有退出风险的中心）",
                         "Key metrics over five years (median and quartile band; red lines: centers at exit risk)"))) }
        @if years.is_empty() || metrics.is_empty() || !has_data {
            p.muted { (s(lang, t!("没有可用的指标数据", "no metric data to chart"))) }
        } @else {
            div.charts {
                @for (m, band) in metrics.iter().zip(bands) {
                    (metric_band(standard, lang, m, years, band))
                }
            }
        }
    }
}

/// Plot geometry of a small trend chart.
struct Plot {
    w: f64,
    h: f64,
    left: f64,
    top: f64,
    bottom: f64,
    right: f64,
    lo: f64,
    hi: f64,
    years: Vec<i32>,
}

impl Plot {
    fn new(years: &[i32], lo: f64, hi: f64) -> Plot {
        let (lo, hi) = if hi - lo < 1e-9 {
            (lo - 1.0, hi + 1.0)
        } else {
            let pad = (hi - lo) * 0.08;
            (
                if lo >= 0.0 {
                    (lo - pad).max(0.0)
                } else {
                    lo - pad
                },
                hi + pad,
            )
        };
        Plot {
            w: 320.0,
            h: 190.0,
            left: 56.0,
            top: 10.0,
            bottom: 24.0,
            right: 12.0,
            lo,
            hi,
            years: years.to_vec(),
        }
    }

    fn x(&self, year: i32) -> f64 {
        let n = (self.years.len().max(2) - 1) as f64;
        let i = (year - self.years[0]) as f64;
        self.left + (self.w - self.left - self.right) * i / n
    }

    fn y(&self, v: f64) -> f64 {
        let v = v.clamp(self.lo, self.hi);
        self.top + (self.h - self.top - self.bottom) * (1.0 - (v - self.lo) / (self.hi - self.lo))
    }

    fn frame(&self, standard: &Standard, metric: &str) -> Markup {
        html! {
            @for i in 0..=4 {
                @let v = self.lo + (self.hi - self.lo) * i as f64 / 4.0;
                line.grid x1=(f1(self.left)) x2=(f1(self.w - self.right)) y1=(f1(self.y(v))) y2=(f1(self.y(v))) {}
                text x=(f1(self.left - 4.0)) y=(f1(self.y(v) + 4.0)) text-anchor="end" { (short_value(standard, metric, v)) }
            }
            @for y in &self.years {
                text x=(f1(self.x(*y))) y=(f1(self.h - 6.0)) text-anchor="middle" { (y) }
            }
        }
    }
}

/// An axis value, short: 12.5k, 1.2M, 85%.
fn short_value(standard: &Standard, metric: &str, v: f64) -> String {
    if standard.metric(metric).map(|m| m.kind) == Some(MetricType::Percent) {
        return format!("{:.0}%", v * 100.0);
    }
    let a = v.abs();
    if a >= 1e6 {
        format!("{:.1}M", v / 1e6)
    } else if a >= 1e4 {
        format!("{:.0}k", v / 1e3)
    } else if a >= 100.0 || (v - v.round()).abs() < 1e-9 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

fn points(plot: &Plot, series: &[(i32, f64)]) -> String {
    series
        .iter()
        .map(|(y, v)| format!("{},{}", f1(plot.x(*y)), f1(plot.y(*v))))
        .collect::<Vec<_>>()
        .join(" ")
}

/// One key metric's band: `band` its values by year and its exit-risk centers.
fn metric_band(standard: &Standard, lang: Lang, metric: &str, years: &[i32], b: &Band) -> Markup {
    let mut band: Vec<(i32, [f64; 5], usize)> = Vec::new();
    for (y, vals) in &b.per_year {
        if let Some(q) = vals.quartiles() {
            band.push((*y, q, vals.len));
        }
    }
    let risky = &b.risky;
    let name = standard.metric_name(metric).get(lang).to_string();
    if band.is_empty() {
        return html! {
            figure { figcaption { (name) } p.muted { (s(lang, t!("没有数据", "no data"))) } }
        };
    }
    // The scale covers the band and the exit-risk lines, but not far outliers.
    let lo = band.iter().map(|b| b.1[1]).fold(f64::INFINITY, f64::min);
    let hi = band
        .iter()
        .map(|b| b.1[3])
        .fold(f64::NEG_INFINITY, f64::max);
    let span = (hi - lo).max(hi.abs() * 0.1).max(1e-9);
    let (mut lo2, mut hi2) = (lo, hi);
    for v in risky.iter().flat_map(|r| r.1.iter().map(|p| p.1)) {
        lo2 = lo2.min(v.max(lo - span));
        hi2 = hi2.max(v.min(hi + span));
    }
    let plot = Plot::new(
        years,
        lo2.min(band.iter().map(|b| b.1[2]).fold(f64::INFINITY, f64::min)),
        hi2,
    );
    let upper: Vec<(i32, f64)> = band.iter().map(|b| (b.0, b.1[3])).collect();
    let lower: Vec<(i32, f64)> = band.iter().rev().map(|b| (b.0, b.1[1])).collect();
    let median: Vec<(i32, f64)> = band.iter().map(|b| (b.0, b.1[2])).collect();
    let unit = standard
        .metric(metric)
        .map(|m| m.unit.get(lang).to_string())
        .unwrap_or_default();
    html! {
        figure {
            figcaption { (name) @if !unit.is_empty() { span.muted { " (" (unit) ")" } } }
            svg xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {} {}", plot.w, plot.h)) width=(plot.w) height=(plot.h) role="img" aria-label=(name) {
                (plot.frame(standard, metric))
                polygon points=(format!("{} {}", points(&plot, &upper), points(&plot, &lower))) fill="#c5d5ee" fill-opacity="0.8" {}
                @for (label, series) in risky {
                    polyline points=(points(&plot, series)) fill="none" stroke="#c62828" stroke-width="1" stroke-opacity="0.7" {
                        title { (label) }
                    }
                }
                polyline points=(points(&plot, &median)) fill="none" stroke="#1d2330" stroke-width="2" {}
                @for (y, q, n) in &band {
                    circle cx=(f1(plot.x(*y))) cy=(f1(plot.y(q[2]))) r="3" fill="#1d2330" {
                        title {
                            (y) " · n=" (int(*n)) " · " (s(lang, t!("中位数", "median"))) " "
                            (standard.show_value(metric, q[2])) " · " (s(lang, t!("四分位", "quartiles"))) " "
                            (standard.show_value(metric, q[1])) "–" (standard.show_value(metric, q[3]))
                        }
                    }
                }
            }
        }
    }
}

fn table(lang: Lang) -> Markup {
    let heads: [(Text, bool); 13] = [
        (t!("编号", "ID"), false),
        (t!("名称", "Name"), false),
        (t!("省份", "Province"), false),
        (t!("层级", "Level"), false),
        (Dimension::Basic.name(), true),
        (Dimension::Provision.name(), true),
        (Dimension::Support.name(), true),
        (Dimension::Evaluation.name(), true),
        (t!("总分", "Overall"), true),
        (t!("等级", "Grade"), false),
        (t!("错误", "Errors"), true),
        (t!("警告", "Warnings"), true),
        (t!("退出风险", "Exit risk"), false),
    ];
    html! {
        section #centers {
            h2 { (s(lang, t!("全部中心", "All centers"))) }
            div.controls {
                input #f-text type="search" placeholder=(s(lang, t!("搜索编号、名称、路径、规则…", "Search id, name, path, rule…"))) aria-label=(s(lang, t!("搜索", "Search")));
                label { (s(lang, t!("省份", "Province"))) " "
                    select #f-prov { option value="" { (s(lang, t!("全部", "all"))) } }
                }
                label { (s(lang, t!("等级", "Grade"))) " "
                    select #f-grade { option value="" { (s(lang, t!("全部", "all"))) } }
                }
                span #count {}
            }
            table #centers-table {
                thead {
                    tr {
                        @for (h, n) in &heads {
                            th class=[n.then_some("n")] { button type="button" { (h.get(lang)) } }
                        }
                    }
                }
                tbody #rows {}
            }
            noscript { p.muted { (s(lang, t!("表格需要启用 JavaScript；各规则的中心列表见下文。", "The table needs JavaScript; each rule's centers are listed below."))) } }
            div #sentinel {}
            button #more type="button" hidden { (s(lang, t!("显示更多", "Show more"))) }
        }
    }
}

/// A section per rule: what it checks, its source, how many centers fail it, and which;
/// written a rule and a center at a time.
fn rule_pages(
    standard: &Standard,
    tally: &Tally,
    index: &[(&str, &str)],
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<()> {
    let known = standard.rules.len();
    let start = html! {
        (PreEscaped(opening(html! { section #rules {} }, "</section>")))
        h2 { (s(lang, t!("按规则", "By rule"))) }
    };
    out.write_all(start.into_string().as_bytes())?;
    for (i, (id, title)) in index.iter().enumerate() {
        let rule = (i < known).then(|| &standard.rules[i]);
        // Centers failing the rule (unwaived), and how many more fail it waived.
        let (failing, waived) = tally.failing(i);
        let head = html! {
            (PreEscaped(opening(html! { article.rule id=(format!("rule-{i}")) data-rule=(id) {} }, "</article>")))
            h3 { code { (id) } " " (title) }
            dl {
                @if let Some(rule) = rule {
                    dt { (s(lang, t!("维度", "Dimension"))) }
                    dd { (rule.dimension.name().get(lang)) " · " (rule.severity.name().get(lang)) " · " (s(lang, t!("权重", "weight"))) " " (rule.weight) }
                    dt { (s(lang, t!("检查内容", "What it checks"))) }
                    dd { (crate::standard::describe::describe(standard, rule).what.get(lang)) }
                    dt { (s(lang, t!("依据", "Rationale"))) }
                    dd { (rule.rationale.get(lang)) }
                    dt { (s(lang, t!("来源", "Source"))) }
                    dd { (rule.source) }
                } @else {
                    dt { (s(lang, t!("检查内容", "What it checks"))) }
                    dd { (s(lang, t!("输入诊断：提交的文件本身的问题", "input diagnostic: a problem with the submitted files themselves"))) }
                }
                dt { (s(lang, t!("未通过的中心", "Centers failing"))) }
                dd {
                    strong { (int(failing.len())) }
                    " / " (int(tally.len()))
                    @if waived > 0 {
                        " · " (s(lang, t!("另有 {n} 个已豁免", "{n} more waived", n = waived)))
                    }
                }
            }
        };
        out.write_all(head.into_string().as_bytes())?;
        if !failing.is_empty() {
            out.write_all(b"<ul class=\"centers-list\">")?;
            for &k in failing {
                let k = k as usize;
                let li = html! {
                    li {
                        a href="#centers" data-center=(k) { (tally.labels.str(k)) }
                        @if let Some(id) = tally.ids.get(k) { " " span.muted { (id) } }
                    }
                };
                out.write_all(li.into_string().as_bytes())?;
            }
            out.write_all(b"</ul>")?;
        }
        out.write_all(b"</article>")?;
    }
    out.write_all(b"</section>")
}

// --- The one-center page (`sscheck check --format html`) ---

/// Write the one-center page: for each center of `audit` (usually one), its dimension
/// scores, its metrics' trends against their thresholds and its findings with excerpts
/// of `sources` (the files findings point into, per center, when kept).
pub fn write_centers(
    standard: &Standard,
    audit: &Audit,
    sources: &[BTreeMap<String, Arc<str>>],
    out: &mut dyn Write,
) -> io::Result<()> {
    let audit = &Loaded::of(audit)?;
    let lang = audit.lang;
    let title = match audit.centers.as_slice() {
        [one] => format!(
            "{} · {}",
            one.label(),
            s(lang, t!("服务规范自查报告", "service standard self-check"))
        ),
        _ => s(lang, t!("服务规范自查报告", "Service standard self-check")),
    };
    let empty = BTreeMap::new();
    let page = html! {
        (DOCTYPE)
        html lang=(html_lang(lang)) {
            (head(&title, None))
            body {
                (top(standard, &title, lang))
                main {
                    @for (k, c) in audit.centers.iter().enumerate() {
                        (center_page(standard, c, sources.get(k).unwrap_or(&empty), lang))
                    }
                }
            }
        }
    };
    out.write_all(page.into_string().as_bytes())?;
    out.write_all(b"\n")
}

fn center_page(
    standard: &Standard,
    c: &Center,
    sources: &BTreeMap<String, Arc<str>>,
    lang: Lang,
) -> Markup {
    let p = &c.profile;
    let profile: Vec<String> = [&p.province, &p.level, &p.region, &p.operation_model]
        .into_iter()
        .flatten()
        .map(|v| cohort_label(v, lang))
        .collect();
    html! {
        section.center data-path=(c.path) {
            h2 { (c.label()) }
            p.muted {
                @if let Some(id) = &c.center_id { (id) " · " }
                span.mono { (c.path) }
                @if !profile.is_empty() { " · " (profile.join(" · ")) }
                @if let Some(y) = c.reporting_year { " · " (s(lang, t!("报告年度 {y}", "reporting year {y}", y = y))) }
            }
            div.cards {
                (card(score(c.score.overall), s(lang, t!("总分", "overall score"))))
                (card(c.score.grade.clone().unwrap_or_else(|| "—".into()), s(lang, t!("等级", "grade"))))
                (card(int(c.counts.error), s(lang, t!("错误", "errors"))))
                (card(int(c.counts.warning), s(lang, t!("警告", "warnings"))))
                (card(int(c.counts.waived), s(lang, t!("已豁免", "waived"))))
            }
            @if c.incomplete {
                p.risk { (s(lang, t!("提交不完整：部分规则无法检查，结论不完整。", "Incomplete: some rules could not be checked, so the verdict is incomplete."))) }
            }
            @if !c.score.capped_by.is_empty() {
                p { (s(lang, t!("等级被以下规则封顶：", "Grade capped by: "))) (c.score.capped_by.join(", ")) }
            }
            @for e in &c.exit_risk {
                p.risk { (s(lang, t!("退出风险", "Exit risk"))) ": " code { (e.rule) } " " (e.title) " — " (e.message) }
            }
            div.charts {
                (dimension_bars(c, lang))
            }
            h3 { (s(lang, t!("各指标近五年走势与阈值", "Each metric over five years against its thresholds"))) }
            @if c.metrics.is_empty() {
                p.muted { (s(lang, t!("没有可读的指标数据", "no readable metric data"))) }
            } @else {
                div.charts {
                    @for (m, series) in &c.metrics {
                        (metric_trend(standard, c, m, series, lang))
                    }
                }
            }
            h3 { (s(lang, t!("问题（{n} 条）", "Findings ({n})", n = c.findings.len()))) }
            @if c.findings.is_empty() {
                p.muted { (s(lang, t!("没有问题", "no findings"))) }
            } @else {
                ul.findings {
                    @for f in &c.findings {
                        li data-rule=(f.rule) {
                            @let sev = f.severity();
                            span class=(format!("sev-{}", sev.as_str())) { (sev.name().get(lang)) }
                            " "
                            span.loc.mono {
                                @match (&f.file, f.line) {
                                    (Some(file), Some(line)) => { (file) ":" (line) }
                                    (Some(file), None) => { (file) }
                                    _ => { (s(lang, t!("（无文件）", "(no file)"))) }
                                }
                            }
                            " " code { (f.rule) } " " (f.title) (match lang { Lang::Zh => "：", Lang::En => ": " }) (f.message)
                            @if f.waived { span.state.waived { (s(lang, t!("已豁免", "waived"))) } }
                            @else if f.baselined { span.state.baselined { (s(lang, t!("基线中", "in baseline"))) } }
                            @if let Some(h) = &f.help { div.help { (s(lang, t!("建议：", "Help: "))) (h) } }
                            @if let (Some(file), Some(line)) = (&f.file, f.line) {
                                @if let Some(text) = sources.get(file) {
                                    (excerpt(text, line, f.column))
                                }
                            }
                        }
                    }
                }
                @if c.findings_capped {
                    p.muted { (s(lang, t!("问题过多，其余未列出", "too many findings: the rest are not listed"))) }
                }
            }
        }
    }
}

/// Lines `line - 1` to `line + 1` of `text`, numbered, the finding's line marked. A long
/// line is shown as a window: the finding's line around its 1-based character `column`,
/// the others from their start, cut with `…` (a document pasted as one paragraph would
/// otherwise be printed whole).
fn excerpt(text: &str, line: u32, column: Option<u32>) -> Markup {
    let line = line.max(1) as usize;
    let first = line.saturating_sub(1).max(1);
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .skip(first - 1)
        .take(line + 2 - first)
        .collect();
    if lines.is_empty() {
        return html! {};
    }
    let shown = |n: usize, l: &str| -> String {
        let focus = (n == line).then(|| {
            let at = column.map_or(0, |c| c.saturating_sub(1) as usize);
            let at = l.char_indices().nth(at).map_or(l.len(), |(i, _)| i);
            at..at
        });
        let w = crate::report::window::line_window(l, 0..l.len(), focus);
        let mut s = String::new();
        if w.start > 0 {
            s.push('…');
        }
        s.push_str(&l[w.clone()]);
        if w.end < l.len() {
            s.push('…');
        }
        s
    };
    let width = lines.last().map_or(1, |l| l.0.to_string().len());
    html! {
        pre.excerpt {
            @for (n, l) in &lines {
                @let numbered = format!("{n:>width$} | {}", shown(*n, l));
                @if *n == line { span.hit { (numbered) } "\n" } @else { (numbered) "\n" }
            }
        }
    }
}

/// The four dimension scores as bars (0 to 100).
fn dimension_bars(c: &Center, lang: Lang) -> Markup {
    let label_w = 130.0;
    let bar_w = 360.0;
    let row_h = 30.0;
    let w = label_w + bar_w + 50.0;
    let h = row_h * 4.0 + 10.0;
    let caption = s(lang, t!("四个维度的得分", "The four dimension scores"));
    html! {
        figure {
            figcaption { (caption) }
            svg xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {w} {h}")) width=(w) height=(h) role="img" aria-label=(caption) {
                @for (i, d) in Dimension::ALL.into_iter().enumerate() {
                    @let y = 5.0 + i as f64 * row_h;
                    @let v = c.score.dimensions.get(d);
                    text x=(label_w - 6.0) y=(f1(y + 19.0)) text-anchor="end" { (d.name().get(lang)) }
                    rect x=(label_w) y=(f1(y + 5.0)) width=(bar_w) height=(f1(row_h - 10.0)) fill="#eef1f5" {}
                    @if let Some(v) = v {
                        rect x=(label_w) y=(f1(y + 5.0)) width=(f1(bar_w * v.clamp(0.0, 100.0) / 100.0)) height=(f1(row_h - 10.0)) fill=(if v >= 80.0 { "#2e7d32" } else if v >= 60.0 { "#f9a825" } else { "#c62828" }) {
                            title { (d.name().get(lang)) ": " (f1(v)) }
                        }
                    }
                    text x=(label_w + bar_w + 6.0) y=(f1(y + 19.0)) { (score(v)) }
                }
            }
        }
    }
}

/// One metric of one center over its last five years, with its thresholds as dashed
/// lines (red: minimum, orange: maximum).
fn metric_trend(
    standard: &Standard,
    c: &Center,
    metric: &str,
    series: &[(i32, f64)],
    lang: Lang,
) -> Markup {
    let end = c
        .reporting_year
        .or_else(|| series.iter().map(|v| v.0).max())
        .unwrap_or(0);
    let years: Vec<i32> = (end - YEARS + 1..=end).collect();
    let shown: Vec<(i32, f64)> = series
        .iter()
        .filter(|v| years.contains(&v.0))
        .copied()
        .collect();
    let limits = thresholds(standard, metric, &c.profile);
    let name = standard.metric_name(metric).get(lang).to_string();
    if shown.is_empty() {
        return html! { figure { figcaption { (name) } p.muted { (s(lang, t!("近五年没有数据", "no data in the last five years"))) } } };
    }
    let mut lo = shown.iter().map(|v| v.1).fold(f64::INFINITY, f64::min);
    let mut hi = shown.iter().map(|v| v.1).fold(f64::NEG_INFINITY, f64::max);
    for (_, v) in &limits {
        lo = lo.min(*v);
        hi = hi.max(*v);
    }
    let plot = Plot::new(&years, lo, hi);
    let failing = |v: f64| {
        limits
            .iter()
            .any(|(is_min, t)| if *is_min { v < *t } else { v > *t })
    };
    html! {
        figure data-metric=(metric) {
            figcaption { (name) }
            svg xmlns="http://www.w3.org/2000/svg" viewBox=(format!("0 0 {} {}", plot.w, plot.h)) width=(plot.w) height=(plot.h) role="img" aria-label=(name) {
                (plot.frame(standard, metric))
                @for (is_min, t) in &limits {
                    line x1=(f1(plot.left)) x2=(f1(plot.w - plot.right)) y1=(f1(plot.y(*t))) y2=(f1(plot.y(*t)))
                        stroke=(if *is_min { "#c62828" } else { "#ef6c00" }) stroke-dasharray="5 4" stroke-width="1.5" {
                        title {
                            @if *is_min { (s(lang, t!("下限", "minimum"))) } @else { (s(lang, t!("上限", "maximum"))) }
                            " " (standard.show_value(metric, *t))
                        }
                    }
                }
                polyline points=(points(&plot, &shown)) fill="none" stroke="#3f6db3" stroke-width="2" {}
                @for (y, v) in &shown {
                    circle cx=(f1(plot.x(*y))) cy=(f1(plot.y(*v))) r="3.5" fill=(if failing(*v) { "#c62828" } else { "#3f6db3" }) {
                        title { (y) ": " (standard.show_value(metric, *v)) }
                    }
                }
            }
            @if !limits.is_empty() {
                div.legend {
                    @for (is_min, t) in &limits {
                        span {
                            i style=(if *is_min { "background:#c62828" } else { "background:#ef6c00" }) {}
                            @if *is_min { (s(lang, t!("下限", "minimum"))) } @else { (s(lang, t!("上限", "maximum"))) }
                            " " (standard.show_value(metric, *t))
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_escapes_what_could_end_the_script() {
        let v = serde_json::json!({"a": "</script><!-- & \u{2028}\u{2029} >"});
        let s = script_json(&v);
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        assert!(!s.contains('\u{2028}') && !s.contains('\u{2029}'));
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn csp_hashes_the_script() {
        let policy = csp(Some("alert(1)"));
        // sha256("alert(1)") in base64.
        assert!(policy.contains("script-src 'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"));
        assert!(policy.starts_with("default-src 'none'"));
        assert!(csp(None).contains("script-src 'none'"));
    }

    #[test]
    fn numbers_are_grouped() {
        assert_eq!(int(0), "0");
        assert_eq!(int(999), "999");
        assert_eq!(int(1000), "1,000");
        assert_eq!(int(1234567), "1,234,567");
    }

    #[test]
    fn quartiles_interpolate() {
        assert_eq!(quartiles(&[]), None);
        assert_eq!(quartiles(&[5.0]), Some([5.0; 5]));
        assert_eq!(
            quartiles(&[1.0, 2.0, 3.0, 4.0, 5.0]),
            Some([1.0, 2.0, 3.0, 4.0, 5.0])
        );
        assert_eq!(quartiles(&[0.0, 10.0]), Some([0.0, 2.5, 5.0, 7.5, 10.0]));
    }

    #[test]
    fn excerpt_marks_the_line() {
        let m = excerpt("a\nb <script>\nc\nd", 2, Some(1)).into_string();
        assert!(
            m.contains("<span class=\"hit\">2 | b &lt;script&gt;</span>"),
            "{m}"
        );
        assert!(m.contains("1 | a") && m.contains("3 | c") && !m.contains("4 | d"));
        // Past the end: nothing.
        assert_eq!(excerpt("a", 9, None).into_string(), "");
        // A line pasted as one paragraph: a window around the finding's column, cut at
        // character boundaries.
        let long = format!("{}某某{}", "服务".repeat(400), "流程".repeat(400));
        let m = excerpt(&long, 1, Some(801)).into_string();
        assert!(
            m.contains("…服务服务") && m.contains("某某流程") && m.ends_with("…</span>\n</pre>"),
            "{m}"
        );
        assert!(m.chars().count() < 200, "{m}");
    }

    #[test]
    fn values_give_the_quartiles_of_them_all_sorted() {
        // Repeats, both zeros, infinities and NaN, more than are merged at once.
        let special = [
            -0.0,
            0.0,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            5e-324,
        ];
        for n in [0, 1, 2, 5, 1023, 1024, 1025, 3000] {
            let all: Vec<f64> = (0..n)
                .map(|i: usize| match i % 9 {
                    0 => special[(i / 9) % special.len()],
                    k => ((i * 7919) % 97) as f64 * 0.5 - k as f64,
                })
                .collect();
            let mut vals = Values::default();
            all.iter().for_each(|&v| vals.push(v));
            vals.settle();
            let mut sorted = all.clone();
            sorted.sort_by(f64::total_cmp);
            let (got, want) = (vals.quartiles(), quartiles(&sorted));
            assert_eq!(vals.len, n);
            assert_eq!(
                got.map(|q| q.map(f64::to_bits)),
                want.map(|q| q.map(f64::to_bits)),
                "{n} values"
            );
        }
    }

    /// A test record varied where the page looks: levels, failed and waived rules of the
    /// standard, key metrics over years (some missing, some NaN), exit risk.
    fn varied(standard: &Standard, i: usize) -> Center {
        use crate::audit::RuleState;
        let mut c = crate::audit::store::tests::center(i);
        c.rules = (0..standard.rules.len())
            .map(|k| RuleState {
                outcome: if (i * 7 + k).is_multiple_of(5) {
                    Outcome::Fail
                } else {
                    Outcome::Pass
                },
                waived: (i + k).is_multiple_of(4),
                reason: None,
            })
            .collect();
        let levels = [
            Some("national"),
            Some("county"),
            Some("provincial"),
            None,
            Some("elsewhere"),
            Some("municipal"),
        ];
        c.profile.level = levels[i % levels.len()].map(String::from);
        if !i.is_multiple_of(11) {
            c.metrics = watched_metrics(standard)
                .into_iter()
                .enumerate()
                .map(|(m, id)| {
                    let series = (2018..=2024)
                        .filter(|y| (y + (m + i) as i32) % 4 != 0)
                        .map(|y| match (i + m) % 13 {
                            0 => (y, f64::NAN),
                            _ => (y, ((i * 31 + m * 7 + y as usize) % 17) as f64 * 1.5),
                        })
                        .collect();
                    (id, series)
                })
                .collect();
        }
        if i % 7 == 3 {
            c.reporting_year = None;
        }
        c
    }

    /// The streamed page holds every center, in order, whatever the read chunks (no
    /// center, one, more than a chunk), in both languages, hostile texts included: the
    /// embedded data parses back to the records' names and finding counts, each rule
    /// section counts the centers failing it, and no text ends a script early.
    #[test]
    fn the_streamed_page_holds_every_center_in_order() {
        let standard = crate::standard::load_embedded().unwrap();
        for n in [0, 1, 3, 64, 65, 150] {
            let centers: Vec<Center> = (0..n).map(|i| varied(&standard, i)).collect();
            let mut builder = crate::audit::summary::Builder::new(&standard);
            for c in &centers {
                builder.add(c);
            }
            let summary = builder.finish(n % 4);
            for lang in [Lang::En, Lang::Zh] {
                let audit = Audit::of_centers(&centers, summary.clone(), lang).unwrap();
                let mut out = Vec::new();
                write(&standard, &audit, &mut out).unwrap();
                let page = String::from_utf8(out).unwrap();
                let open = "<script type=\"application/json\" id=\"sscheck-data\">";
                let start = page.find(open).expect("data script") + open.len();
                let end = start + page[start..].find("</script>").expect("closed");
                let data: serde_json::Value = serde_json::from_str(&page[start..end]).unwrap();
                let got = data["centers"].as_array().unwrap();
                assert_eq!(got.len(), n, "{n} centers, {lang:?}");
                for (c, d) in centers.iter().zip(got) {
                    assert_eq!(d["n"].as_str(), c.name.as_deref());
                    assert_eq!(d["p"].as_str(), Some(c.path.as_str()));
                    assert_eq!(d["f"].as_array().unwrap().len(), c.findings.len());
                }
                // Two scripts (the data, the code): no center text closes one.
                assert_eq!(
                    page.matches("</script>").count(),
                    2,
                    "{n} centers, {lang:?}"
                );
                for (i, rule) in standard.rules.iter().enumerate() {
                    let failing = centers
                        .iter()
                        .filter(|c| {
                            c.rules
                                .get(i)
                                .is_some_and(|r| r.outcome == Outcome::Fail && !r.waived)
                        })
                        .count();
                    let at = page
                        .find(&format!("data-rule=\"{}\"", rule.id))
                        .expect("a section per rule");
                    let section = &page[at..at + page[at..].find("</article>").unwrap()];
                    let shown = format!("<strong>{}</strong> / {}", int(failing), int(n));
                    assert!(section.contains(&shown), "{}: {shown}", rule.id);
                }
            }
        }
    }

    #[test]
    fn short_values() {
        assert_eq!(int(3000), "3,000");
        assert_eq!(cut("abcdef", 4), "abc…");
        assert_eq!(cut("abc", 4), "abc");
    }
}
