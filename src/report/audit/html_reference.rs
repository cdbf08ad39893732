//! The audit page as main wrote it before it was streamed: every record loaded, one
//! `Data` serialized to one string, one `Markup` for the page. Kept for the tests only,
//! as the reference the streamed page must equal byte for byte.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

use maud::{html, Markup, PreEscaped, DOCTYPE};
use serde::Serialize;

use super::{
    card, cohort_label, cut, f1, grade_color, head, html_lang, int, points, quartiles, s,
    script_json, sev_index, stacked, table, top, ui, watched_metrics, CenterData, Plot, Ui, JS,
    KEY_METRICS, RISK_LINES, YEARS,
};
use crate::audit::{Audit, Center, Summary};
use crate::finding::{Dimension, Outcome};
use crate::i18n::Lang;
use crate::standard::Standard;
use crate::t;

#[derive(Serialize)]
struct Data<'a> {
    lang: &'static str,
    grades: Vec<&'a str>,
    sev: [&'static str; 3],
    /// Rule id and title, by index (findings point here).
    rules: Vec<(&'a str, &'a str)>,
    /// Help texts, by index (findings point here; most are shared).
    helps: Vec<&'a str>,
    centers: Vec<CenterData<'a>>,
    ui: Ui,
}

/// Every rule the page names: the standard's, in order, then other ids findings carry
/// (input diagnostics), sorted; with each one's title.
fn rule_index<'a>(
    standard: &'a Standard,
    audit: &'a Loaded,
    lang: Lang,
) -> Vec<(&'a str, &'a str)> {
    let mut rules: Vec<(&str, &str)> = standard
        .rules
        .iter()
        .map(|r| (r.id.as_str(), r.title.get(lang)))
        .collect();
    let mut extra: BTreeMap<&str, &str> = BTreeMap::new();
    for f in audit.centers.iter().flat_map(|c| &c.findings) {
        if standard.rule(&f.rule).is_none() {
            extra.entry(f.rule.as_str()).or_insert(f.title.as_str());
        }
    }
    rules.extend(extra);
    rules
}

fn data<'a>(standard: &'a Standard, audit: &'a Loaded) -> Data<'a> {
    let lang = audit.lang;
    let rules = rule_index(standard, audit, lang);
    let by_id: HashMap<&str, usize> = rules.iter().enumerate().map(|(i, r)| (r.0, i)).collect();
    let mut helps: Vec<&str> = Vec::new();
    let mut help_ix: HashMap<&str, usize> = HashMap::new();
    let centers = audit
        .centers
        .iter()
        .map(|c| {
            let f = c
                .findings
                .iter()
                .map(|f| {
                    let help = f.help.as_deref().map_or(-1, |h| {
                        *help_ix.entry(h).or_insert_with(|| {
                            helps.push(h);
                            helps.len() - 1
                        }) as i64
                    });
                    let state = if f.waived {
                        1
                    } else if f.baselined {
                        2
                    } else {
                        0
                    };
                    (
                        by_id.get(f.rule.as_str()).copied().unwrap_or(0),
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
        })
        .collect();
    Data {
        lang: lang.code(),
        grades: standard.grades.iter().map(|g| g.grade.as_str()).collect(),
        sev: ["error", "warning", "info"],
        rules,
        helps,
        centers,
        ui: ui(lang),
    }
}

/// An audit with its records read back: the page embeds every center's data and lists
/// centers by index, so it holds them all (only an HTML report does).
struct Loaded<'a> {
    centers: Vec<Center>,
    summary: &'a Summary,
    lang: Lang,
}

impl<'a> Loaded<'a> {
    fn of(audit: &'a Audit) -> io::Result<Loaded<'a>> {
        Ok(Loaded {
            centers: audit.centers().collect::<io::Result<_>>()?,
            summary: &audit.summary,
            lang: audit.lang,
        })
    }
}

// --- The audit page ---

/// Write the audit as one HTML page.
pub(super) fn write(standard: &Standard, audit: &Audit, out: &mut dyn Write) -> io::Result<()> {
    let audit = &Loaded::of(audit)?;
    let lang = audit.lang;
    let title = s(
        lang,
        t!("服务规范合规审计报告", "Service standard compliance audit"),
    );
    let json = script_json(&data(standard, audit));
    let page = html! {
        (DOCTYPE)
        html lang=(html_lang(lang)) {
            (head(&title, Some(JS)))
            body {
                (top(standard, &title, lang))
                nav.toc {
                    a href="#overview" { (s(lang, t!("总览", "Overview"))) }
                    a href="#charts" { (s(lang, t!("图表", "Charts"))) }
                    a href="#centers" { (s(lang, t!("全部中心", "All centers"))) }
                    a href="#rules" { (s(lang, t!("按规则", "By rule"))) }
                }
                main {
                    (overview(standard, audit))
                    (charts(standard, audit))
                    (table(lang))
                    (rule_pages(standard, audit))
                }
                script type="application/json" id="sscheck-data" { (PreEscaped(json)) }
                script { (PreEscaped(JS)) }
            }
        }
    };
    out.write_all(page.into_string().as_bytes())?;
    out.write_all(b"\n")
}

fn overview(standard: &Standard, audit: &Loaded) -> Markup {
    let lang = audit.lang;
    let sm = &audit.summary;
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

fn charts(standard: &Standard, audit: &Loaded) -> Markup {
    let lang = audit.lang;
    let sm = &audit.summary;
    html! {
        section #charts {
            h2 { (s(lang, t!("图表", "Charts"))) }
            div.charts {
                (stacked(standard, lang, &s(lang, t!("各区域等级分布", "Grades by region")), &sm.by_region))
                (stacked(standard, lang, &s(lang, t!("各层级等级分布", "Grades by level")), &sm.by_level))
            }
            div.charts {
                (top_rules(audit))
            }
            h3 { (s(lang, t!("各层级的维度得分", "Dimension scores by level"))) }
            div.charts {
                @for d in Dimension::ALL {
                    (boxes(audit, d))
                }
            }
            (key_metrics(standard, audit))
        }
    }
}

/// The 15 rules failed by the most centers.
fn top_rules(audit: &Loaded) -> Markup {
    let lang = audit.lang;
    let rules: Vec<&crate::audit::summary::RuleCount> =
        audit.summary.rules.iter().take(15).collect();
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

/// A dimension's scores per level as horizontal box plots (0 to 100).
fn boxes(audit: &Loaded, d: Dimension) -> Markup {
    let lang = audit.lang;
    let mut groups: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    for c in &audit.centers {
        let key = c.profile.level.as_deref().unwrap_or("-");
        let entry = groups.entry(key).or_default();
        if let Some(v) = c.score.dimensions.get(d).filter(|v| v.is_finite()) {
            entry.push(v);
        }
    }
    for vals in groups.values_mut() {
        vals.sort_by(f64::total_cmp);
    }
    // Levels in their order, highest first, then others.
    let mut keys: Vec<&str> = groups.keys().copied().collect();
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
                    @let vals = &groups[k];
                    @if let Some([lo, q1, med, q3, hi]) = quartiles(vals) {
                        line.axis x1=(f1(x(lo))) x2=(f1(x(hi))) y1=(f1(mid)) y2=(f1(mid)) {}
                        rect x=(f1(x(q1))) y=(f1(y + 5.0)) width=(f1((x(q3) - x(q1)).max(1.0))) height=(f1(row_h - 10.0)) fill="#c5d5ee" stroke="#3f6db3" {
                            title {
                                (cohort_label(k, lang)) " · n=" (vals.len())
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

/// The last five years the centers report.
fn chart_years(centers: &[Center]) -> Vec<i32> {
    let mut last: BTreeMap<i32, usize> = BTreeMap::new();
    for c in centers {
        if let Some(y) = c
            .reporting_year
            .or_else(|| c.metrics.iter().flat_map(|m| m.1.iter().map(|v| v.0)).max())
        {
            *last.entry(y).or_default() += 1;
        }
    }
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
fn key_metrics(standard: &Standard, audit: &Loaded) -> Markup {
    let lang = audit.lang;
    let years = chart_years(&audit.centers);
    let mut metrics = watched_metrics(standard);
    metrics.truncate(KEY_METRICS);
    let has_data = audit.centers.iter().any(|c| !c.metrics.is_empty());
    html! {
        h3 { (s(lang, t!("关键指标近五年走势（中位数与四分位区间，红线为有退出风险的中心）",
                         "Key metrics over five years (median and quartile band; red lines: centers at exit risk)"))) }
        @if years.is_empty() || metrics.is_empty() || !has_data {
            p.muted { (s(lang, t!("没有可用的指标数据", "no metric data to chart"))) }
        } @else {
            div.charts {
                @for m in &metrics {
                    (metric_band(standard, audit, m, &years))
                }
            }
        }
    }
}

fn metric_band(standard: &Standard, audit: &Loaded, metric: &str, years: &[i32]) -> Markup {
    let lang = audit.lang;
    let values_of = |c: &Center| -> Vec<(i32, f64)> {
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
    };
    let mut per_year: BTreeMap<i32, Vec<f64>> = BTreeMap::new();
    for c in &audit.centers {
        for (y, v) in values_of(c) {
            per_year.entry(y).or_default().push(v);
        }
    }
    let mut band: Vec<(i32, [f64; 5], usize)> = Vec::new();
    for (y, vals) in per_year.iter_mut() {
        vals.sort_by(f64::total_cmp);
        if let Some(q) = quartiles(vals) {
            band.push((*y, q, vals.len()));
        }
    }
    let risky: Vec<(&Center, Vec<(i32, f64)>)> = audit
        .centers
        .iter()
        .filter(|c| !c.exit_risk.is_empty())
        .map(|c| (c, values_of(c)))
        .filter(|(_, v)| !v.is_empty())
        .take(RISK_LINES)
        .collect();
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
                @for (c, series) in &risky {
                    polyline points=(points(&plot, series)) fill="none" stroke="#c62828" stroke-width="1" stroke-opacity="0.7" {
                        title { (c.label()) }
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

/// A section per rule: what it checks, its source, how many centers fail it, and which.
fn rule_pages(standard: &Standard, audit: &Loaded) -> Markup {
    let lang = audit.lang;
    let index = rule_index(standard, audit, lang);
    let known = standard.rules.len();
    html! {
        section #rules {
            h2 { (s(lang, t!("按规则", "By rule"))) }
            @for (i, (id, title)) in index.iter().enumerate() {
                @let rule = (i < known).then(|| &standard.rules[i]);
                // Centers failing the rule (unwaived), and those whose failure is waived.
                @let (failing, waived) = failing_centers(audit, i, id, rule.is_some());
                article.rule id=(format!("rule-{i}")) data-rule=(id) {
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
                            " / " (int(audit.centers.len()))
                            @if !waived.is_empty() {
                                " · " (s(lang, t!("另有 {n} 个已豁免", "{n} more waived", n = waived.len())))
                            }
                        }
                    }
                    @if !failing.is_empty() {
                        ul.centers-list {
                            @for k in &failing {
                                @let c = &audit.centers[*k];
                                li {
                                    a href="#centers" data-center=(k) { (c.label()) }
                                    @if c.name.is_some() { @if let Some(id) = &c.center_id { " " span.muted { (id) } } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The centers (by index) whose result for rule `i` (`id`) is an unwaived failure, and
/// those whose failure is waived. A rule of the standard goes by its outcome; an input
/// diagnostic by the findings.
fn failing_centers(
    audit: &Loaded,
    i: usize,
    id: &str,
    of_standard: bool,
) -> (Vec<usize>, Vec<usize>) {
    let mut failing = Vec::new();
    let mut waived = Vec::new();
    for (k, c) in audit.centers.iter().enumerate() {
        if of_standard {
            match c.rules.get(i) {
                Some(r) if r.outcome == Outcome::Fail && r.waived => waived.push(k),
                Some(r) if r.outcome == Outcome::Fail => failing.push(k),
                _ => {}
            }
        } else {
            let mine = c.findings.iter().filter(|f| f.rule == id);
            let (mut open, mut any) = (false, false);
            for f in mine {
                any = true;
                open |= !f.waived;
            }
            if open {
                failing.push(k);
            } else if any {
                waived.push(k);
            }
        }
    }
    (failing, waived)
}
