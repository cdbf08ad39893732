//! `freshness`: a document states a revision date no older than N years before the end
//! of the reporting year.

use std::sync::OnceLock;

use regex::Regex;

use super::{Ctx, RuleResult};
use crate::dates::{date_of, DATE};
use crate::finding::Location;
use crate::t;
use serde_json::{json, Value};
use super::registry::Kind;
use crate::i18n::Text;
use crate::standard::describe::CohortValue;
use crate::standard::standard_format_schema::{d, r};
use crate::standard::{Params, Standard};

/// Parameters of a `freshness` check.
#[derive(Debug, Clone)]
pub struct Freshness {
    pub documents: Vec<String>,
    pub max_age_years: u32,
}

impl Kind for Freshness {
    const NAME: &'static str = "freshness";

    fn summary() -> Text {
        Text::new(
            "文档写明修订日期，且不早于报告年度末前若干年",
            "documents state a revision date no more than N years before the end of the reporting year",
        )
    }

    fn schema() -> Value {
        json!({
            "required": ["max_age_years"],
            "properties": {
                "documents": d(r("strings"), "要检查的文档类型（默认：全部）", "document types to check (default: all)"),
                "max_age_years": d(json!({"type": "integer", "minimum": 1, "maximum": 50}), "修订日期距报告年度末的最长年数（1–50）", "most years from the revision date to the end of the reporting year (1–50)")
            }
        })
    }

    fn example() -> &'static str {
        "{kind: freshness, documents: [data_security], max_age_years: 3}"
    }

    fn load(p: &mut Params) -> Option<Self> {
        let mut documents = p.texts("documents");
        for d in &documents {
            if !p.documents().iter().any(|x| &x.id == d) {
                p.error("documents", t!("未知的文档类型 `{d}`", "unknown document type `{d}`", d = d));
            }
        }
        if documents.is_empty() {
            documents = p.documents().iter().map(|d| d.id.clone()).collect();
        }
        Some(Freshness {
            documents,
            max_age_years: p.whole("max_age_years", 1..=50)?,
        })
    }

    fn describe(&self, _: &Standard, _: &mut Vec<CohortValue>) -> (Text, Option<(String, String)>) {
        (
            t!(
                "文档（{documents}）写明修订日期，且距报告年度年底不超过 {years} 年",
                "the documents ({documents}) state a revision date at most {years} years before the end of the reporting year",
                documents = self.documents.join(", "),
                years = self.max_age_years
            ),
            Some(("修订日期：2024-03-15".to_string(), "修订日期：2019-06-01".to_string())),
        )
    }

    fn prepare() {
        // The first call compiles the date patterns (53 M instructions, the most of any
        // kind), whatever the text.
        latest_dated("");
    }

    fn run(&self, ctx: &Ctx) -> RuleResult {
        run(self, ctx)
    }
}

fn run(check: &Freshness, ctx: &Ctx) -> RuleResult {
    let Freshness {
        documents,
        max_age_years,
    } = check;
    let year = match ctx.reporting_year() {
        Ok(y) => y,
        Err(r) => return r,
    };
    // Reference date: the end of the reporting year.
    let cutoff = (year - *max_age_years as i32, 12, 31);
    let mut findings = Vec::new();
    let mut checked = 0;
    let mut unavailable = None;
    for id in documents {
        let doc = match ctx.document(id) {
            Ok(doc) => doc,
            Err(r) => {
                unavailable.get_or_insert(r);
                continue;
            }
        };
        checked += 1;
        let name = ctx.standard.document(id).map_or_else(
            || crate::i18n::Text::new(id.as_str(), id.as_str()),
            |d| d.name.clone(),
        );
        match latest_dated(&doc.text) {
            None => findings.push(ctx.finding(
                t!(
                    "《{name}》未写明修订、通过或发布日期",
                    "the {name} states no revision, adoption or publication date",
                    name = name
                ),
                Some(t!("应写明“修订日期：YYYY-MM-DD”", "state 修订日期：YYYY-MM-DD")),
                Some(Location::file_only(&doc.file)),
            )),
            Some(dated) if dated.date <= cutoff => findings.push(ctx.finding(
                t!(
                    "《{name}》{said}，距 {year} 年底已超过 {max_age} 年",
                    "the {name} {said}: more than {max_age} years before the end of {year}",
                    name = name,
                    said = dated.said(),
                    year = year,
                    max_age = max_age_years
                ),
                Some(t!("已过期（取此日期）", "out of date (the date taken)")),
                Some(ctx.location_in(doc, dated.span.clone())),
            )),
            Some(_) => {}
        }
    }
    if checked == 0 {
        // Why the first document could not be read (center.yaml unparseable, a file
        // missing): the engine reports that cause once, not this rule on its own.
        return unavailable.unwrap_or_else(|| {
            RuleResult::error(t!("没有可检查的文档", "no document could be checked"))
        });
    }
    RuleResult::from_findings(findings)
}

/// Words that make a date a document's own: revised, amended, adopted, published (a
/// version released, `发版日期：2024 年 5 月 24 日`, as release notes open), in force, drawn
/// up. `编制`, `发文` and `发行` only as labels (`编制日期：`, `发行日期：`): alone, `编制` is
/// also a staffing quota (`核定编制15名`) and `发行` a distribution (`发行版`).
const EVENT: &str = r"(?P<ev>修订|修改|修正|发布|发版|公布|更新|印发|签发|发文日期|发行日期|成文日期|成文时间|公开日期|公开时间|批复日期|批复时间|生效|实施|施行|执行|批准|通过|审定|颁布|制定|制订|编制日期|revised|revision|amended|adopted|updated|issued)";

/// Which event a document's own date records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Event {
    /// An official date line (`——2024年3月15日`) that names no event.
    Dated,
    /// Drawn up (`制定`, `制订`, `编制日期`).
    Drawn,
    /// In force from (`施行`, `实施`, `生效`, `执行`).
    Effective,
    /// Published (`发布`, `发版`, `印发`, `颁布`, `签发`, `发文日期`, `发行日期`; the labels
    /// of a government text's date, `成文日期`, and of its disclosure, `公开时间`).
    Issued,
    /// Adopted (`通过`, `批准`, `审定`; the label `批复时间`).
    Adopted,
    /// Amended (`修正`).
    Amended,
    /// Revised (`修订`, `修改`, `更新`).
    Revised,
}

impl Event {
    fn of(word: &str) -> Event {
        match word.to_lowercase().as_str() {
            "修订" | "修改" | "更新" | "revised" | "revision" | "updated" => Event::Revised,
            "修正" | "amended" => Event::Amended,
            "通过" | "批准" | "审定" | "批复日期" | "批复时间" | "adopted" => Event::Adopted,
            "发布" | "发版" | "公布" | "印发" | "颁布" | "签发" | "发文日期" | "发行日期" | "成文日期"
            | "成文时间" | "公开日期" | "公开时间" | "issued" => Event::Issued,
            "制定" | "制订" | "编制日期" => Event::Drawn,
            _ => Event::Effective,
        }
    }
}

/// A date a document states for itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dated {
    /// Year, month, day (the month's last day when only the month is written).
    pub date: (i32, u32, u32),
    /// Only the month is written (`2024年3月`).
    pub month_only: bool,
    pub event: Event,
    /// The date as written.
    pub span: std::ops::Range<usize>,
}

impl Dated {
    /// The date as a reader writes it: `2019-04-26`, or `2024年3月` / `March 2024` when only
    /// the month is known (never a made-up day).
    pub fn text(&self) -> Text {
        let (y, m, d) = self.date;
        if self.month_only {
            const MONTHS: [&str; 12] = [
                "January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December",
            ];
            Text::new(format!("{y}年{m}月"), format!("{} {y}", MONTHS[(m - 1) as usize]))
        } else {
            let s = format!("{y}-{m:02}-{d:02}");
            Text::new(s.clone(), s)
        }
    }

    /// What the date is, as a predicate of the document: `最近修订于 2020-03-01` / `was
    /// adopted on 2019-04-26 and not revised since`.
    pub fn said(&self) -> Text {
        let date = self.text();
        let on = if self.month_only { "in" } else { "on" };
        let (zh, en) = match self.event {
            Event::Revised => (
                format!("最近修订于 {}", date.zh),
                format!("was last revised {on} {}", date.en),
            ),
            Event::Amended => (
                format!("最近修正于 {}", date.zh),
                format!("was last amended {on} {}", date.en),
            ),
            Event::Adopted => (
                format!("通过于 {}，此后未修订", date.zh),
                format!("was adopted {on} {}, with no later revision", date.en),
            ),
            Event::Issued => (
                format!("发布于 {}，此后未修订", date.zh),
                format!("was issued {on} {}, with no later revision", date.en),
            ),
            Event::Drawn => (
                format!("制定于 {}，此后未修订", date.zh),
                format!("was drawn up {on} {}, with no later revision", date.en),
            ),
            Event::Effective => (
                format!("自 {} 起施行，此后未修订", date.zh),
                format!("has been in force since {}, with no later revision", date.en),
            ),
            Event::Dated => (
                format!("落款日期为 {}，此后未修订", date.zh),
                format!("is dated {}, with no later revision", date.en),
            ),
        };
        Text::new(zh, en)
    }
}

/// The latest date the document states for its own revision, amendment, adoption or
/// publication (`修订日期：…`, `本制度自2021年3月1日起施行`, `——2024年3月15日经…会议通过`),
/// with its span.
pub fn latest_revision(text: &str) -> Option<((i32, u32, u32), std::ops::Range<usize>)> {
    latest_dated(text).map(|d| (d.date, d.span))
}

/// [`latest_revision`] with what the date records and how precisely it is written. On the
/// same date a revision outranks an adoption, which outranks a publication. Only the
/// document's own dates count (see `states_own_date`): history its body tells
/// (`2019年6月，省科技厅发布了…`) is no revision of it.
pub fn latest_dated(text: &str) -> Option<Dated> {
    static RES: OnceLock<[Regex; 10]> = OnceLock::new();
    let res = RES.get_or_init(|| {
        [
            // The event word, then the date on the same line, in the same sentence: `施行。`
            // ends one, and the date after it is the next one's (`本细则自公布之日起施行。
            // 1994年6月4日国务院发布的《…》同时废止`).
            format!(r"(?i){EVENT}[^\n0-9０-９。；！？]{{0,12}}?{DATE}"),
            // The date, then the event word shortly after on the same line, in the same
            // sentence (`常某于2016年4月入职某公司。入职之初，公司通过邮件告知…`: the act of
            // the next sentence is not the date's).
            format!(r"(?i){DATE}[^\n。；！？]{{0,24}}?{EVENT}"),
            // A line that opens with the date and ends with the event word, however long
            // the body between (`1996年10月17日 北京市第十届人民代表大会常务委员会第三十一次
            // 会议通过`).
            format!(r"(?im)^[\s>*_]*{DATE}[^\n]{{0,160}}?{EVENT}[\s*_）)》〉。.]*$"),
            // The event word ending a line, the date alone on the next one (`最高人民法院
            // 发布` over `2022-03-15`).
            format!(r"(?im){EVENT}[ \t*_]*\n(?:[ \t>]*\n)?[ \t>*_]*{DATE}[ \t*_]*$"),
            // An official date line: `——2024年3月15日…`. A lone `-` and a space open a
            // Markdown list item (`- 2025年10月，某公司与…合作`, a chronology), not a dash.
            format!(r"(?m)^\s*(?:[—－]{{1,2}}\s*|--\s*|-){DATE}"),
            // A date line wrapped over up to five lines, as Word exports long ones and a
            // list of issuers runs
            // (`2020年7月31日 …《关于修改〈…〉〈…村民委` over `员会组织法〉办法〉的决定》修正`): no
            // sentence in it, no date opening a continuation. Head and tail only.
            // Each line's length is bounded after the match (`wrapped_lines_fit`): bounded
            // repetitions here would cost 1.5 MiB of compiled pattern.
            format!(r"(?m)^[\s>*_]*{DATE}[^\n，。；,;]*?(?:\r?\n[ \t]*(?:\r?\n)?[ \t]*[^\s0-9０-９，。；,;][^\n，。；,;]*?){{1,4}}{EVENT}[\s*_）)》〉。.]*$"),
            // A date alone on its line: the date of a signature (`深圳市南山区生产力促进中心` over
            // `2024年5月28日` closing the document) or under the title. Head and tail only; a
            // heading or list item of a date titles what follows it.
            format!(r"(?m)^[ \t>*_（(]*{DATE}[ \t*_）)。.]*$"),
            // A decree line: the date, then the order or notice that published the document
            // (`2017年11月22日 中华人民共和国国务院令第692号`), as regulations open. Head and tail only.
            format!(r"(?m)^[\s>*_（(]*{DATE}[^\n，。；,;]{{0,80}}?(?:令|公告|通告)\s*(?:[〔\[［(（][0-9０-９]{{4}}[〕\]］)）])?\s*第\s*[0-9０-９一二三四五六七八九十百零〇]+\s*号[\s*_）)。.]*$"),
            // An event word later on a line (for an official date line).
            EVENT.to_string(),
            // An event word in any case: the first two patterns need one.
            format!("(?i){EVENT}"),
        ]
        .map(|re| Regex::new(&re).expect("static regex"))
    });
    // The head and tail, found once for the dates and for the head's dateline.
    let edges = document_edges(text);
    let mut layout = None;
    date_windows(text)
        .flat_map(|w| {
            let window = &text[w.clone()];
            // The date patterns read every byte; a window without the event word or the
            // dash one of them needs cannot match it, and most windows lack one.
            let event = res[9].is_match(window);
            let opens = LineOpenings::of(window);
            let decree = window.contains('号');
            let needed = [
                event,
                event,
                event && opens.date,
                event && opens.date,
                opens.dash,
                event && opens.date,
                opens.date,
                decree && opens.date,
            ];
            res[..8]
                .iter()
                .enumerate()
                .zip(needed)
                .filter(|(_, needed)| *needed)
                .flat_map(move |((k, re), _)| {
                    re.captures_iter(window).map(move |c| (w.start, k, c))
                })
        })
        .filter_map(|(base, pattern, c)| {
            let (date, span, month_only) = date_of(&c)?;
            let span = base + span.start..base + span.end;
            let layout = layout.get_or_insert_with(|| Layout::with_edges(text, edges));
            if layout.in_history(span.start) {
                return None;
            }
            // The first two patterns find an act and a date in any sentence; the others
            // find lines that hold nothing else.
            let edge = span.end <= layout.head_end || span.start >= layout.tail_start;
            if (pattern == 6 || pattern == 7) && !edge {
                return None;
            }
            // A period (`2024.04.1 ~ 2024.05.1`) or a time limit (`1997年10月1日以后审理的…`)
            // is no day the document was acted on.
            if bounds_a_period(text, &span) {
                return None;
            }
            // 通过 before a noun is the preposition "through" (`通过樟宜机场出入境`,
            // `通过邮件告知`): no adoption.
            if c.name("ev").is_some_and(|ev| {
                ev.as_str() == "通过" && goes_through(&text[..base + ev.start()], &text[base + ev.end()..])
            }) {
                return None;
            }
            // An act word inside a title or a noun is no act (`首席执行官`, `发布会`).
            if c.name("ev").is_some_and(|ev| in_a_noun(ev.as_str(), &text[base + ev.end()..])) {
                return None;
            }
            // A wrapped date line: in the head or tail, or in a run of date lines below a
            // long title (a law's list of amendments). One that ends on its first line is
            // that line alone (pattern 2), not joined to the next.
            if pattern == 5 {
                let first = text[span.start..].find('\n').map_or(text.len(), |e| span.start + e);
                let act = c.name("ev").map_or(span.end, |m| base + m.start());
                if !wrapped_lines_fit(&text[span.end..act.max(span.end)])
                    || res[2].is_match(&text[line_of(text, span.start).start..first])
                    || !(edge || after_date_line(text, span.start, &res[8]))
                {
                    return None;
                }
            }
            if pattern < 2 && !states_own_date(text, &span, layout) {
                return None;
            }
            let event_end = c.name("ev").map(|m| base + m.end());
            if pattern < 2 && cites_another(text, &span, event_end, layout) {
                return None;
            }
            let act = c.name("ev").map(|m| base + m.start()..base + m.end());
            if pattern < 2 && act.is_some_and(|act| !row_states_act(text, &span, act)) {
                return None;
            }
            let event = match c.name("ev") {
                Some(w) => Event::of(w.as_str()),
                None if pattern == 7 => Event::Issued,
                None => {
                    let end = text[span.end..].find('\n').map_or(text.len(), |e| span.end + e);
                    res[8]
                        .find(&text[span.end..end])
                        .map_or(Event::Dated, |w| Event::of(w.as_str()))
                }
            };
            Some(Dated {
                date,
                month_only,
                event,
                span,
            })
        })
        .chain(head_date_line(text, edges.0))
        .chain(revision_table_date(text))
        // A date line giving only the month (a signature's `二〇一九年三月`) counts as its
        // last day, yet says less than a dated act in that month (`修订日期：2019-03-01`).
        // The same date and act stated twice is shown where it is first stated (a law's
        // head `2021年4月15日 施行` before its last article `本决定自2021年4月15日起施行`),
        // whatever order the patterns found them in.
        .max_by_key(|d| {
            let (y, m, day) = d.date;
            let vague = d.month_only && d.event == Event::Dated;
            (y, m, if vague { 0 } else { day }, d.event, std::cmp::Reverse(d.span.start))
        })
}

/// The date a document's head gives itself in the forms the line patterns of
/// [`latest_dated`] do not read: the front matter of a page made with a site generator
/// (`date: 2023-03-25`, `lastmod: 2024-01-02`); the dateline of a report or speech naming
/// the meeting it was delivered at, without the dash of an official date line, in
/// brackets, or followed by the speaker (`2026年1月31日在…人民代表大会第四次会议上`), or with a
/// horizontal bar for the dash (`――2026年1月27日在…`); a publication stamp with its time
/// (`2026年02月10日 07时41分`). Only the head is read, line by line.
fn head_date_line(text: &str, head_end: usize) -> Option<Dated> {
    static RES: OnceLock<[Regex; 3]> = OnceLock::new();
    let res = RES.get_or_init(|| {
        [
            // A front-matter field: the key names the event.
            format!(
                r#"(?im)^(?P<key>date|pubdate|publishdate|published|created|updated|lastmod|last_?modified|last_?updated|modified|revised)\s*:\s*["']?{DATE}"#
            ),
            // A dateline alone on its line, after the dash or bracket that may open it.
            format!(
                r"(?m)^[ \t>*_（(]*(?:[―—－]{{1,2}}\s*)?{DATE}(?:\s*在[^\n，。；,;！？：:]{{1,60}}?(?:会议|大会|会)上(?:[ \t　]+[^\n，。；,;！？：:（(]{{1,24}})?|[ \t　]+[0-9０-９]{{1,2}}\s*(?:时|[:：])\s*[0-9０-９]{{2}}\s*分?(?:\s*[:：]\s*[0-9]{{2}})?)[ \t*_）)。.]*$"
            ),
            // A labelled date alone on its line under the title (`时间:2025-05-13`,
            // `日期：2023年3月1日`, a report's cover `报告日期:2019年06月18日`), as notices
            // posted on a website carry it, with the time of
            // posting or without, and the page's other labels after it (`日期:2022-09-01
            // 10:00    来源:北京市文物局`, `时间:2021-03-12 阅读:来源:`).
            format!(r"(?m)^[ \t>*_]*(?:报告|填报|编制|成文|印发)?(?:时间|日期)[ \t*_]*[:：][ \t*_]*{DATE}(?:[ \t]+[0-9]{{1,2}}[:：][0-9]{{2}}(?:[:：][0-9]{{2}})?)?(?:[ \t　]+(?:来源|作者|发布机构|浏览次数|点击数|阅读次数|阅读|字号)[ \t]*[:：][^\n]{{0,60}})?[ \t*_]*$"),
        ]
        .map(|re| Regex::new(&re).expect("static regex"))
    });
    let head = &text[..head_end];
    let front = head.strip_prefix("---").filter(|r| r.starts_with(['\n', '\r'])).map(|r| {
        let end = r.find("\n---").or_else(|| r.find("\n...")).unwrap_or(r.len());
        (3, &r[..end])
    });
    let field = front.into_iter().flat_map(|(base, body)| {
        res[0].captures_iter(body).filter_map(move |c| {
            let (date, span, month_only) = date_of(&c)?;
            let key = c.name("key")?.as_str().to_ascii_lowercase();
            let event = match key.as_str() {
                "date" | "pubdate" | "publishdate" | "published" => Event::Issued,
                "created" => Event::Drawn,
                _ => Event::Revised,
            };
            Some(Dated { date, month_only, event, span: base + span.start..base + span.end })
        })
    });
    // A dateline needs its meeting or its time, and opens its line: most heads have
    // neither.
    let line = ((head.contains(['上', '时']) || clock_in(head)) && LineOpenings::of(head).date_after_bar)
        .then(|| {
            res[1].captures_iter(head).filter_map(|c| {
                let (date, span, month_only) = date_of(&c)?;
                Some(Dated { date, month_only, event: Event::Dated, span })
            })
        })
        .into_iter()
        .flatten();
    let labelled = (head.contains("时间") || head.contains("日期"))
        .then(|| {
            res[2].captures_iter(head).filter_map(|c| {
                let (date, span, month_only) = date_of(&c)?;
                Some(Dated { date, month_only, event: Event::Dated, span })
            })
        })
        .into_iter()
        .flatten();
    field.chain(line).chain(labelled).max_by_key(|d| (d.date, d.event))
}

/// Whether `text` holds a time of day (`07:41`, `07：41`): a colon after a digit. Most
/// heads hold colons after labels (`修订日期：`) and none after a digit.
fn clock_in(text: &str) -> bool {
    let digit_before = |at: usize| {
        let before = text[..at].trim_end();
        before.ends_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
    };
    memchr::memchr_iter(b':', text.as_bytes()).any(digit_before)
        || memchr::memmem::find_iter(text.as_bytes(), "：".as_bytes()).any(digit_before)
}

/// The latest date in the date column of a revision history kept as a table (a header
/// naming revisions or changes, `| 版本 | 日期 | 修订内容 |`), whatever its row says:
/// `| V1.1 | 2024-03-01 | 增加投诉处理时限 |` records a revision without an act word, which the
/// line patterns of [`latest_dated`] need. Only a cell holding the date alone counts; a
/// table in a history section (`## 大事记`) is the organisation's, not the document's.
fn revision_table_date(text: &str) -> Option<Dated> {
    // A version column alone may list software and its releases (`| 版本 | 发布日期 |`).
    const REVISION: [&str; 6] = ["修订", "修改", "变更", "revision", "change", "history"];
    const WHEN: [&str; 3] = ["日期", "时间", "date"];
    static CELL: OnceLock<Regex> = OnceLock::new();
    // Most documents keep no such table: a header needs both kinds of word.
    if memchr::memchr(b'|', text.as_bytes()).is_none() || !WHEN.iter().any(|w| text.contains(w)) {
        return None;
    }
    let cell_date = CELL.get_or_init(|| Regex::new(&format!(r"^[\s*_]*{DATE}[\s*_]*$")).expect("static regex"));
    let cells = |line: &str| -> Vec<(usize, usize)> {
        // Byte ranges of the cells of a `|` row, within `line` (escaped pipes kept).
        let b = line.as_bytes();
        let pipes: Vec<usize> = (0..b.len()).filter(|&i| b[i] == b'|' && (i == 0 || b[i - 1] != b'\\')).collect();
        pipes.windows(2).map(|w| (w[0] + 1, w[1])).collect()
    };
    let mut layout: Option<Layout> = None;
    let mut best: Option<Dated> = None;
    // The date column of the table being read, once its header has named one.
    let mut column: Option<usize> = None;
    let mut header = true;
    let mut at = 0;
    for line in crate::text::lines_inclusive(text) {
        let start = at;
        at += line.len();
        if !line.trim_start().starts_with('|') {
            (column, header) = (None, true);
            continue;
        }
        let row = line.trim_end();
        if header {
            header = false;
            let low = row.to_lowercase();
            column = REVISION.iter().any(|w| low.contains(w)).then(|| {
                cells(row).iter().position(|&(a, b)| {
                    let c = row[a..b].to_lowercase();
                    WHEN.iter().any(|w| c.contains(w)) && !c.contains("提交")
                })
            }).flatten();
            continue;
        }
        // Rows of a table whose header names no revision date are not read.
        let Some(k) = column else { continue };
        let cs = cells(row);
        let Some(&(a, b)) = cs.get(k) else { continue };
        let Some(c) = cell_date.captures(&row[a..b]) else { continue };
        let Some((date, span, month_only)) = date_of(&c) else { continue };
        let span = start + a + span.start..start + a + span.end;
        if layout.get_or_insert_with(|| Layout::of(text)).in_history(span.start) {
            continue;
        }
        if best.as_ref().is_none_or(|d| date > d.date) {
            best = Some(Dated { date, month_only, event: Event::Revised, span });
        }
    }
    best
}

/// Whether the date at `span` bounds a period rather than dating an act: one end of a
/// range (`2024.04.1 ~ 2024.05.1`, `2024年1月1日至2024年12月31日`) or a time limit
/// (`1997年10月1日以后审理的刑事案件`, `2011年4月30日以前犯罪`).
fn bounds_a_period(text: &str, span: &std::ops::Range<usize>) -> bool {
    const TO: [char; 7] = ['~', '～', '至', '到', '—', '－', '-'];
    let after = text[span.end..].trim_start_matches([' ', '\t', '　']);
    let limit = ["以前", "以后", "之前", "之后", "以来"].iter().any(|w| after.starts_with(w))
        || ["前", "后"].iter().any(|w| {
            after.strip_prefix(w).is_some_and(|r| r.starts_with(['，', ',', '。', '；', '的']))
        });
    let year = |t: &str| t.starts_with(|c: char| c.is_ascii_digit() || "１２一二〇○".contains(c));
    let opens = after
        .strip_prefix(TO)
        .is_some_and(|r| year(r.trim_start_matches([' ', '\t', '　', '—', '-'])));
    let before = text[..span.start].trim_end_matches([' ', '\t', '　']);
    let closes = before.strip_suffix(TO).is_some_and(|r| {
        r.trim_end_matches([' ', '\t', '　', '—', '-'])
            .ends_with(|c: char| c.is_ascii_digit() || matches!(c, '日' | '月' | '号'))
    });
    limit || opens || closes
}

/// Whether a `通过` is the preposition "through" rather than the act of adopting: a word
/// follows it (`樟宜机场`, `邮件`, `CI`), not the end of its clause, a particle (`的`, `了`,
/// `后`), another act joined to it (`并发布`), the title adopted (`《…》`), a label's noun
/// (`通过日期：`), or the next date or amendment of a run-on history line (`会议通过2021年…`,
/// `会议通过根据…`); and no meeting or review adopts it (`会议通过`, `审议通过`).
fn goes_through(before: &str, after: &str) -> bool {
    let word = after.chars().next().is_some_and(|c| {
        c.is_alphabetic() && !"的了后并和及与之以日时根依".contains(c)
    });
    let adopted = before
        .trim_end_matches([' ', '\t', '　'])
        .ends_with(['会', '议', '审', '决', '论', '查', '批']);
    word && !adopted
}

/// Whether an act word is the first part of a noun rather than an act: a title or a body
/// (`首席执行官`, `执行长`, `执行董事`, `执行委员会`, `执行主席`), an event (`发布会`), a
/// rate (`通过率`). A date next to one tells of a person or an event, not of the document.
fn in_a_noun(word: &str, after: &str) -> bool {
    let next = after.chars().next();
    match word {
        "执行" => next.is_some_and(|c| "官长董委副总".contains(c)) || after.starts_with("主席") || after.starts_with("主任"),
        "发布" => next == Some('会'),
        "通过" => next == Some('率'),
        _ => false,
    }
}

/// Whether a date in a Markdown table row (`| 3 | 完成开发，并通过CI测试 | 2023-05-15 |`) is
/// dated by the act at `act`: the act is in the date's own cell (`2024年7月1日第二次修订`),
/// in a label right before it (`| 修改时间 | 2025-04-02 |`), or anywhere in a row of a
/// revision history (a table whose header names versions or revisions). Elsewhere in a
/// row, the act is a task's or a milestone's (`通过测试`), not the document's. A date
/// outside a table is not asked about.
fn row_states_act(text: &str, span: &std::ops::Range<usize>, act: std::ops::Range<usize>) -> bool {
    let line = line_of(text, span.start);
    if !text[line.clone()].trim_start().starts_with('|') || !line.contains(&act.start) {
        return true;
    }
    // The cell of a byte: how many unescaped pipes are before it on the line.
    let cell_of = |at: usize| {
        let b = text.as_bytes();
        (line.start..at).filter(|&i| b[i] == b'|' && (i == 0 || b[i - 1] != b'\\')).count()
    };
    let (date_cell, act_cell) = (cell_of(span.start), cell_of(act.start));
    if date_cell == act_cell {
        return true;
    }
    if act_cell + 1 == date_cell {
        // A label: a short word or none, the act, and at most a word for date or time
        // (`修改时间`, `最近更新`, `Last updated`), not a task that ends in the act
        // (`通过评审`).
        let start = line.start + text[line.start..act.start].rfind('|').map_or(0, |i| i + 1);
        let end = text[..span.start].rfind('|').unwrap_or(span.start).max(act.end);
        let lead = text[start..act.start].trim_matches(|c: char| c.is_whitespace() || "*_".contains(c));
        let rest = text[act.end..end].trim_matches(|c: char| c.is_whitespace() || "*_:：".contains(c));
        let rest = rest.to_lowercase();
        if lead.chars().count() <= 6 && ["", "日期", "时间", "日", "date", "time", "on", "at"].contains(&rest.as_str()) {
            return true;
        }
    }
    table_header(text, line.start).is_some_and(|h| {
        let h = h.to_lowercase();
        ["版本", "修订", "修改", "变更", "version", "revision", "change", "history"].iter().any(|w| h.contains(w))
    })
}

/// The header row of the Markdown table whose row starts at `row`: the first of the run
/// of `|` lines it is in, read back at most 256 lines (a longer table has no header found).
fn table_header(text: &str, row: usize) -> Option<&str> {
    let mut start = row;
    for _ in 0..256 {
        if start == 0 {
            return Some(&text[line_of(text, 0)]);
        }
        let above = line_of(text, start - 1);
        if !text[above.clone()].trim_start().starts_with('|') {
            return Some(&text[line_of(text, start)]);
        }
        start = above.start;
    }
    None
}

/// Whether the lines of a wrapped date line between its date and its act (`between`) are
/// each at most 160 characters after the character that opens a continuation: lines
/// that long are prose, not a date line.
fn wrapped_lines_fit(between: &str) -> bool {
    const MAX: usize = 160;
    between.split('\n').enumerate().all(|(i, line)| {
        let line = if i == 0 { line } else { line.trim_start_matches([' ', '\t']) };
        line.chars().nth(MAX + usize::from(i > 0)).is_none()
    })
}

/// The line around `at`.
fn line_of(text: &str, at: usize) -> std::ops::Range<usize> {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    start..end
}

/// Whether the non-blank line before the one at `at` (over at most three blank ones) ends
/// with an act (`…第六次修正`): the line at `at` goes on a run of date lines.
fn after_date_line(text: &str, at: usize, event: &Regex) -> bool {
    let mut start = line_of(text, at).start;
    for _ in 0..4 {
        if start == 0 {
            return false;
        }
        let line = line_of(text, start - 1);
        let content = text[line.clone()].trim_end_matches(|c: char| c.is_whitespace() || "*_）)。.".contains(c));
        if !content.trim().is_empty() {
            return event.find_iter(content).last().is_some_and(|m| m.end() == content.len());
        }
        start = line.start;
    }
    false
}

/// How many non-blank lines open and close a document: its head and tail, where it
/// states its own date (`修订日期：…` under the title, a dated signature at the end).
const EDGE_LINES: usize = 10;

/// Whether the date at `span`, found next to an act in a sentence, is the document's
/// own rather than history it tells (`2019年6月，树莓派 4B 发布`): it is in the
/// document's head or tail, on a label (`修订日期：`), on a short line that holds little
/// else (`（2018年3月24日第二次修正）`), or in a sentence about the document itself
/// (`本制度自2021年3月1日起施行`).
fn states_own_date(text: &str, span: &std::ops::Range<usize>, layout: &Layout) -> bool {
    if (span.end <= layout.head_end || span.start >= layout.tail_start) && !told_in_prose(text, span, layout) {
        return true;
    }
    // Only the bytes near the date are read, so that a hostile line holding thousands of
    // dates stays linear: a date line is short, a label sits right before its date, and
    // a sentence longer than this names nothing clearly.
    const NEAR: usize = 1024;
    let mut from = span.start.saturating_sub(NEAR);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut to = (span.end + NEAR).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let before = &text[from..span.start];
    let after = &text[span.end..to];
    // Where the line starts and ends, when that is near.
    let line_start = match before.rfind('\n') {
        Some(i) => Some(from + i + 1),
        None => (from == 0).then_some(0),
    };
    let line_end = match after.find('\n') {
        Some(i) => Some(span.end + i),
        None => (to == text.len()).then_some(to),
    };
    let markup = |c: char| c.is_whitespace() || "#>*_-".contains(c);
    let opens = line_start.is_some_and(|start| text[start..span.start].trim_matches(markup).is_empty());
    let rest = &text[span.end..line_end.unwrap_or(to)];
    // A line that opens with the date and goes on after a comma tells what happened then,
    // however short: `2024年7月，平台 V2.0 发布` in a chronology (大事记).
    let story = opens && rest.trim_start().starts_with(['，', ',']);
    if let (Some(start), Some(end), false) = (line_start, line_end, story) {
        let line = text[start..end].trim_matches(markup);
        if line.chars().take(41).count() <= 40 {
            return true;
        }
    }
    // A line that opens with the date and is no sentence is a date line (`2022年1月21日
    // …批准的…决定修正`); `2006年9月，巴西圣保罗市通过了…。` is a story.
    if opens && !rest.contains(['，', '。', '；', ',', ';']) {
        return true;
    }
    static LABEL: OnceLock<Regex> = OnceLock::new();
    let label = LABEL.get_or_init(|| {
        Regex::new(&format!(r"(?i){EVENT}\s*(?:日期|时间|date)?\s*[：:][\s*_]*$")).expect("static regex")
    });
    if label.is_match(before) {
        return true;
    }
    // The sentence around the date names the document itself.
    let ends = |c: char| matches!(c, '。' | '；' | '！' | '？' | '\n');
    let start = before
        .char_indices()
        .rev()
        .find(|(_, c)| ends(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = after.find(ends).unwrap_or(after.len());
    static ITSELF: OnceLock<Regex> = OnceLock::new();
    let itself = ITSELF.get_or_init(|| {
        Regex::new(r"(?i)本(?:制度|办法|规定|规范|细则|文件|标准|目录|报告|方案|指引|规程|流程|须知|条例|解释|决定|意见|规则|准则|手册|指南|守则|章程|政策|程序|法|通知|公告|预案|规划|计划)|this (?:policy|procedure|document|specification|catalog|report)")
            .expect("static regex")
    });
    itself.is_match(&before[start..]) || itself.is_match(&after[..end])
}

/// Whether the date at `span`, in the document's head or tail, is told in a paragraph of
/// prose rather than stated for the document: a long line that ends a sentence, with the
/// date inside it, not opening it, and no title of the document's own in its sentence
/// (`温江区法院经审理后判决驳回了…，该民事判决已于2018年6月21日生效。`, as a case study opens).
/// Such a date is the document's only as any other sentence's is: on a label or in a
/// sentence naming the document (`本办法自…起施行`).
fn told_in_prose(text: &str, span: &std::ops::Range<usize>, layout: &Layout) -> bool {
    let line = line_of(text, span.start);
    let markup = |c: char| c.is_whitespace() || "#>*_".contains(c);
    let whole = text[line.clone()].trim_matches(markup);
    if whole.chars().take(41).count() <= 40 || !whole.ends_with(['。', '！', '？']) {
        return false;
    }
    let lead = text[line.start..span.start].trim_matches(|c: char| markup(c) || OPEN_BRACKETS.contains(&c));
    if lead.is_empty() {
        return false;
    }
    // The sentence of the date, within its line: a title of the document's own in it
    // (`《…服务流程规范》已经2024年3月15日…审议通过`) dates the document.
    let ends = |c: char| matches!(c, '。' | '；' | '！' | '？');
    let start = text[line.start..span.start].rfind(ends).map_or(line.start, |i| {
        line.start + i + text[line.start + i..].chars().next().map_or(1, char::len_utf8)
    });
    let end = text[span.end..line.end].find(ends).map_or(line.end, |i| span.end + i);
    let sentence = &text[start..end];
    !sentence
        .match_indices('《')
        .filter_map(|(i, _)| quoted_title(&sentence[i..]))
        .any(|title| layout.own_title(title))
}

/// Brackets that may open a date line (`（2018年3月24日…通过）`).
const OPEN_BRACKETS: [char; 4] = ['（', '(', '【', '['];

/// Whether a date found next to an act in a sentence is that of another document the
/// text cites: in brackets right after its title (`依据《中华人民共和国数据安全法》（2021年6月10日
/// …通过）`), or with its act qualifying what follows (`依据2024年3月发布的《广东省数据条例》`).
/// Documents open by citing the laws they follow, so such dates sit in their head. A
/// title that is the document's own (its first line's) keeps the date.
fn cites_another(text: &str, span: &std::ops::Range<usize>, event_end: Option<usize>, layout: &Layout) -> bool {
    static ATTRIBUTIVE: OnceLock<Regex> = OnceLock::new();
    let attributive = ATTRIBUTIVE.get_or_init(|| {
        // More acts may follow the first (`发布实施的`), then `的` and what it qualifies.
        Regex::new(&format!(r"^(?:[并和及、]?{EVENT}){{0,2}}的\s*")).expect("static regex")
    });
    // A line that opens with its date is a date line of the document's own history
    // (`2018年3月11日 第十三届全国人民代表大会第一次会议通过的《中华人民共和国宪法修正案》`).
    let lead = text[..span.start].trim_end_matches(|c: char| c == ' ' || c == '\t' || "#>*_-".contains(c));
    let opens = lead.is_empty() || lead.ends_with('\n');
    if let Some(end) = event_end.filter(|&e| e >= span.end && !opens) {
        if let Some(m) = attributive.find(&text[end..]) {
            let rest = &text[end + m.end()..];
            // `…修订的本制度`: the document itself.
            return !rest.starts_with('本') && quoted_title(rest).is_none_or(|t| !layout.own_title(t));
        }
        // The act's object is a title other than the document's own (`2017年4月27日，市政府
        // 办公厅印发《北京市路侧停车管理改革方案》`): that document's date, told as history.
        if let Some(title) = quoted_title(text[end..].trim_start_matches(['了', ' '])) {
            return !layout.own_title(title);
        }
    }
    // Only the bytes near the date are read, so that a line of many dates stays linear.
    const NEAR: usize = 256;
    let mut from = span.start.saturating_sub(NEAR);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..span.start];
    let before = before.rfind('\n').map_or(before, |i| &before[i + 1..]);
    let Some(open) = before.rfind(['（', '(']) else {
        return false;
    };
    if before[open..].contains(['）', ')']) {
        return false;
    }
    let Some(title) = before[..open].trim_end().strip_suffix('》') else {
        return false;
    };
    title.rfind('《').is_none_or(|o| !layout.own_title(&title[o + '《'.len_utf8()..]))
}

/// The title in `《…》` that `text` opens with.
fn quoted_title(text: &str) -> Option<&str> {
    let rest = text.strip_prefix('《')?;
    rest.find('》').map(|e| &rest[..e])
}

/// What a document's own dates depend on besides the sentence around them, read once per
/// document when a date first needs it.
struct Layout {
    /// The document's title: its first non-blank line without markup.
    title: String,
    /// Where the head ends and the tail starts (see [`document_edges`]).
    head_end: usize,
    tail_start: usize,
    /// The sections that tell history (`## 大事记`, `## 发展历程`), as byte ranges in order.
    history: Vec<std::ops::Range<usize>>,
}

impl Layout {
    fn of(text: &str) -> Layout {
        Layout::with_edges(text, document_edges(text))
    }

    /// [`Layout::of`], the head and tail found already ([`document_edges`]).
    fn with_edges(text: &str, (head_end, tail_start): (usize, usize)) -> Layout {
        let first = crate::text::lines(text).map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
        let title = first.trim_matches(|c: char| c.is_whitespace() || "#*_《》".contains(c));
        Layout {
            title: title.chars().take(100).collect(),
            head_end,
            tail_start,
            history: history_sections(text),
        }
    }

    /// Whether `title`, cited in the text, is the document's own: the same words as its
    /// title, or those its title ends with (`《数据安全管理制度》` under `# 某中心数据安全管理制度`).
    fn own_title(&self, title: &str) -> bool {
        let title = title.trim();
        !title.is_empty() && !self.title.is_empty() && (self.title.ends_with(title) || title.contains(self.title.as_str()))
    }

    /// Whether `at` is in a section that tells history: its dates are events (a company's
    /// chronology, often the last section of a report), not the document's own, even in
    /// its head or tail.
    fn in_history(&self, at: usize) -> bool {
        let k = self.history.partition_point(|r| r.start <= at);
        k > 0 && self.history[k - 1].contains(&at)
    }
}

/// The sections of `text` (Markdown `#` headings) whose title names a history:
/// `大事记`, `发展历程`, `历史沿革`, `里程碑`, `Timeline`. A revision history (`修订历史`,
/// `版本记录`) is the document's own and does not count. A section runs to the next
/// heading of its level or above.
fn history_sections(text: &str) -> Vec<std::ops::Range<usize>> {
    const HISTORY: [&str; 5] = ["大事记", "历程", "沿革", "里程碑", "timeline"];
    const OWN: [&str; 6] = ["修订", "修改", "版本", "变更", "revision", "version"];
    // Whether `title` holds `word`, ASCII letters in any case.
    let holds = |title: &str, word: &str| {
        if word.is_ascii() {
            title
                .as_bytes()
                .windows(word.len())
                .any(|w| w.eq_ignore_ascii_case(word.as_bytes()))
        } else {
            title.contains(word)
        }
    };
    let mut out = Vec::new();
    // The open history section: where it starts, and its heading's level.
    let mut open: Option<(usize, usize)> = None;
    for (start, line) in heading_lines(text) {
        let trimmed = line.trim_start_matches(' ');
        let level = trimmed.bytes().take_while(|&b| b == b'#').count();
        if !(1..=6).contains(&level) {
            continue;
        }
        let title = &trimmed[level..];
        if !title.is_empty() && !title.starts_with([' ', '\t', '\r', '\n']) {
            continue;
        }
        if let Some((from, l)) = open {
            if level <= l {
                out.push(from..start);
                open = None;
            }
        }
        if open.is_none() {
            // Titles are short; a long line is read no further than its first 200 bytes.
            let mut end = title.len().min(200);
            while !title.is_char_boundary(end) {
                end -= 1;
            }
            let title = &title[..end];
            // Most titles hold no character of a history word: one pass tells.
            if !title.contains(['记', '程', '革', '碑', 't', 'T']) {
                continue;
            }
            if HISTORY.iter().any(|w| holds(title, w)) && !OWN.iter().any(|w| holds(title, w)) {
                open = Some((start, level));
            }
        }
    }
    if let Some((from, _)) = open {
        out.push(from..text.len());
    }
    out
}

/// The lines of `text` that open with `#` after at most three spaces (where a Markdown
/// heading can be), each with where it starts. Found from the `#`s, which prose seldom
/// holds, rather than by reading every line.
fn heading_lines(text: &str) -> impl Iterator<Item = (usize, &str)> + '_ {
    let b = text.as_bytes();
    // Hits before this are on a line already looked at.
    let mut next_line = 0;
    memchr::memchr_iter(b'#', b).filter_map(move |i| {
        if i < next_line {
            return None;
        }
        let line_end = memchr::memchr(b'\n', &b[i..]).map_or(b.len(), |e| i + e + 1);
        next_line = line_end;
        let indent = b[..i].iter().rev().take(4).take_while(|&&c| c == b' ').count();
        let start = i - indent;
        (indent <= 3 && (start == 0 || b[start - 1] == b'\n')).then(|| (start, &text[start..line_end]))
    })
}

/// Where the head of `text` ends and its tail starts: after its first and before its
/// last [`EDGE_LINES`] non-blank lines. Only the lines near each end are read.
fn document_edges(text: &str) -> (usize, usize) {
    let blank = |line: &str| line.trim().is_empty();
    // The end of the EDGE_LINES-th non-blank line, if one more follows it.
    let mut head_end = None;
    let mut count = 0;
    let mut at = 0;
    for line in crate::text::lines_inclusive(text) {
        at += line.len();
        if blank(line) {
            continue;
        }
        count += 1;
        if count == EDGE_LINES {
            head_end = Some(at);
        } else if count > EDGE_LINES {
            break;
        }
    }
    let Some(head_end) = head_end.filter(|_| count > EDGE_LINES) else {
        return (text.len(), 0);
    };
    // The start of the EDGE_LINES-th non-blank line from the end.
    let b = text.as_bytes();
    let mut end = text.len();
    let mut count = 0;
    while end > 0 {
        let start = memchr::memrchr(b'\n', &b[..end - 1]).map_or(0, |i| i + 1);
        if !blank(&text[start..end]) {
            count += 1;
            if count == EDGE_LINES {
                return (head_end, start);
            }
        }
        end = start;
    }
    (head_end, 0)
}

/// The parts of `text` a stated date can be in: each line holding a date with the lines
/// before and after it (a date or its dash may wrap), overlapping parts merged. The date
/// patterns are slow on long prose, and most lines hold no year.
fn date_windows(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let line_start = |at: usize| text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line_end = |at: usize| text[at..].find('\n').map_or(text.len(), |i| at + i);
    let mut windows: Vec<std::ops::Range<usize>> = Vec::new();
    // The end of the line of the last date seen: more dates on that line change nothing,
    // and skipping them keeps a line holding thousands of dates linear.
    let mut seen_to = 0;
    for at in date_starts(text) {
        if at < seen_to {
            continue;
        }
        seen_to = line_end(at);
        let own = line_start(at);
        let start = own;
        // The line before, over a few blank lines (an act written above its date); a
        // bounded walk, so that a hostile run of blank lines stays linear.
        let mut start = if start > 0 { line_start(start - 1) } else { start };
        for _ in 0..3 {
            if start == 0 || !text[start..line_end(start)].trim().is_empty() {
                break;
            }
            start = line_start(start - 1);
        }
        let mut end = seen_to;
        // The line after (a date or its dash may wrap); after a line that opens with its
        // date and holds no sentence, up to four (a date line wrapped, blank lines between).
        let wrapped = text[own..at].trim_matches(|c: char| c.is_whitespace() || ">*_".contains(c)).is_empty()
            && !text[at..seen_to].contains(['，', '。', '；']);
        for _ in 0..if wrapped { 4 } else { 1 } {
            if end < text.len() {
                end = line_end(end + 1);
            }
        }
        match windows.last_mut() {
            Some(last) if start <= last.end => last.end = last.end.max(end),
            _ => windows.push(start..end),
        }
    }
    windows.into_iter()
}

/// What the lines of a window open with, as far as the date patterns that anchor at a
/// line's start need: all but the first two want a line that opens with its date (after
/// blanks and markup), or with a dash and then the date. Most windows are a sentence
/// that only holds a date, and this spares them those patterns.
struct LineOpenings {
    /// Some line opens with a digit or a Chinese numeral, after `[\s>*_（(]`.
    date: bool,
    /// Some line opens with `—`, `－` or `-`, after blanks.
    dash: bool,
    /// Some line opens with a digit or a Chinese numeral after `[\s>*_（(]` and bars
    /// (`―—－`) if any: a dateline.
    date_after_bar: bool,
}

impl LineOpenings {
    fn of(window: &str) -> LineOpenings {
        let mut opens = LineOpenings {
            date: false,
            dash: false,
            date_after_bar: false,
        };
        let date = |s: &str| {
            s.starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c) || "〇○零一二三四五六七八九".contains(c))
        };
        for line in crate::text::lines(window) {
            let line = line.trim_start();
            opens.dash |= line.starts_with(['—', '－', '-']);
            let line = line.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '>' | '*' | '_' | '（' | '('));
            opens.date |= date(line);
            opens.date_after_bar |= date(line.trim_start_matches(['―', '—', '－']).trim_start());
        }
        opens
    }
}

/// Where a date may start in `text`, in order: four digits from 1 or 2 (half- or
/// full-width, mixed), or four Chinese numerals, then what [`DATE`] needs after a year
/// (`年` and a month, or a separator): a year alone (`2024年，中心…`, `2024年度`) starts no
/// date, and most years in prose are alone. Found with memchr and memmem rather than a
/// pattern: this runs over every byte of every document.
fn date_starts(text: &str) -> Vec<usize> {
    let b = text.as_bytes();
    // A digit at `i`, half- or full-width (`０`-`９` are EF BC 90-99): its length.
    let digit = |i: usize| -> Option<usize> {
        match b.get(i..)? {
            [c, ..] if c.is_ascii_digit() => Some(1),
            [0xEF, 0xBC, 0x90..=0x99, ..] => Some(3),
            _ => None,
        }
    };
    let year_at = |i: usize| -> bool {
        let mut at = i;
        for _ in 0..4 {
            match digit(at) {
                Some(n) => at += n,
                None => return false,
            }
        }
        // `\s*` then `年` and a month number, or a separator (as in DATE).
        let rest = text[at..].trim_start();
        match rest.strip_prefix('年') {
            Some(month) => month.trim_start().starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c)),
            None => rest.starts_with(['-', '.', '/', '．', '／']),
        }
    };
    let mut out: Vec<usize> = Vec::new();
    // Half-width: a 1 or a 2 opening four digits.
    out.extend(memchr::memchr2_iter(b'1', b'2', b).filter(|&i| year_at(i)));
    // Full-width: `１` or `２` (EF BC 91 / 92).
    for lead in ["１", "２"] {
        out.extend(memchr::memmem::find_iter(b, lead.as_bytes()).filter(|&i| year_at(i)));
    }
    // Chinese numerals: the four characters before a `年` (spaces between allowed, as the
    // date pattern allows).
    for at in memchr::memmem::find_iter(b, "年".as_bytes()) {
        let before = text[..at].trim_end();
        // Read back from the `年`, stopping at the first other character (most often the
        // first: a digit or a word), without collecting: `年` is frequent.
        let mut numerals = 0;
        let month = text[at + '年'.len_utf8()..].trim_start();
        if !month.starts_with(|c: char| "一二三四五六七八九十".contains(c)) {
            continue;
        }
        for (i, c) in before.char_indices().rev() {
            if !"〇○零一二三四五六七八九".contains(c) {
                break;
            }
            numerals += 1;
            if numerals == 4 {
                out.push(i);
                break;
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::{latest_dated, latest_revision, Event};

    #[test]
    fn which_date_and_why() {
        let d = |t: &str| latest_dated(t).map(|d| (d.event, d.month_only, d.text().zh, d.said().en));
        assert_eq!(
            d("——2019年4月26日经理事会审议通过").unwrap(),
            (Event::Adopted, false, "2019-04-26".into(), "was adopted on 2019-04-26, with no later revision".into())
        );
        assert_eq!(d("——2019年4月26日").unwrap().0, Event::Dated);
        assert_eq!(d("修订日期：2024年03月").unwrap().2, "2024年3月");
        assert_eq!(d("修订日期：2024年03月").unwrap().3, "was last revised in March 2024");
        assert_eq!(d("2020年5月印发").unwrap().0, Event::Issued);
        assert_eq!(d("自2021年3月1日起施行").unwrap().0, Event::Effective);
        assert_eq!(d("2022年3月24日第二次修正").unwrap().0, Event::Amended);
        // How centers date the policies they draw up, sign and put into force.
        assert_eq!(d("制定日期：2024-05-28").unwrap().3, "was drawn up on 2024-05-28, with no later revision");
        assert!(!d("编制日期：2024年5月28日").unwrap().1, "a whole date");
        assert_eq!(d("编制日期：2024年5月28日").unwrap().0, Event::Drawn);
        assert_eq!(d("本制度于2024年5月28日制订。").unwrap().0, Event::Drawn);
        assert_eq!(d("签发日期：2024年5月").unwrap().0, Event::Issued);
        assert_eq!(d("发文日期：2024-05-28").unwrap().0, Event::Issued);
        // Release notes date the version they release; a periodical its issue.
        let notes = "# TiDB 8.1.0 Release Notes\n\n发版日期：2024 年 5 月 24 日\n\nTiDB 版本：8.1.0\n";
        assert_eq!(d(notes).unwrap().3, "was issued on 2024-05-24, with no later revision");
        assert_eq!(d("发行日期：2024年5月").unwrap().0, Event::Issued);
        assert_eq!(d("2024年5月发版").unwrap().0, Event::Issued);
        // A distribution is no act.
        assert_eq!(d("基于2024年5月的发行版构建"), None);
        assert_eq!(d("本办法自2024年6月1日起执行。").unwrap().0, Event::Effective);
        assert_eq!(d("2024年5月28日中心主任办公会审定").unwrap().0, Event::Adopted);
        // A staffing quota is no date of the document, nor a submission.
        assert_eq!(d("2024年5月核定编制15名"), None);
        assert_eq!(d("提交时间：2024-05-28"), None);
        // Same day: the revision is named.
        assert_eq!(d("修订日期：2023-05-10\n本制度自2023年5月10日起施行").unwrap().0, Event::Revised);
    }

    #[test]
    fn a_report_dateline_and_a_pages_front_matter_date_the_document() {
        let d = |t: &str| latest_dated(t).map(|d| (d.event, d.text().zh));
        let dated = |date: &str| Some((Event::Dated, date.to_string()));
        let body = "现在，我代表省人民政府，向大会报告工作，请予审议。\n\n".repeat(12);
        // A report's dateline: no dash, in brackets, followed by the speaker, a horizontal
        // bar for the dash; and a publication stamp with its time.
        for (head, date) in [
            ("2026年1月31日在黑龙江省第十四届人民代表大会第四次会议上", "2026-01-31"),
            ("（2026年1月27日在贵州省第十四届人民代表大会第四次会议上）", "2026-01-27"),
            ("2026年1月27日在陕西省第十四届人民代表大会第四次会议上 陕西省省长 赵刚", "2026-01-27"),
            ("――2026年1月27日在青海省第十四届人民代表大会第四次会议上", "2026-01-27"),
            ("2026年02月10日 07时41分", "2026-02-10"),
            ("2026-02-10 07:41", "2026-02-10"),
            ("2026年02月10日 07 ：41", "2026-02-10"),
        ] {
            let text = format!("2026年政府工作报告\n\n{head}\n\n{body}");
            assert_eq!(d(&text), dated(date), "{head}");
        }
        // A meeting told in a sentence, or a dateline below the head, dates nothing.
        let told = format!("工作总结\n\n2018年6月21日在全市工作会议上，主任作了讲话。\n\n{body}");
        assert_eq!(d(&told), None);
        let late = format!("工作总结\n\n{body}2019年3月5日在全市工作会议上\n\n{body}");
        assert_eq!(d(&late), None);
        // Front matter: the key names the event; a `date:` line in the body is no field.
        let page = |fields: &str| format!("---\nlayout: news\ntitle: 关于调整服务的通知\n{fields}\n---\n\n{body}");
        assert_eq!(d(&page("date: 2023-03-25")), Some((Event::Issued, "2023-03-25".into())));
        assert_eq!(
            d(&page("date: \"2021-05-01 10:00:00 +0800\"\nlastmod: 2024-01-02")),
            Some((Event::Revised, "2024-01-02".into()))
        );
        assert_eq!(d(&format!("# 通知\n\n{body}date: 2023-03-25\n\n{body}")), None);
        // A labelled date under the title; not a labelled time in the body, nor a
        // service's hours.
        for (head, date) in [
            ("时间:2025-05-13", "2025-05-13"),
            ("日期：2023年3月1日", "2023-03-01"),
            ("日期:2022-09-01 10:00", "2022-09-01"),
            ("日期:2022-09-01 10:00    来源:北京市文物局", "2022-09-01"),
            // A report's cover (trust13 se-yueyang-citymgmt-2018).
            ("报告日期:2019年06月18日", "2019-06-18"),
            // A page's read count after it, left blank (trust14 sp-jiangnan-atc).
            ("时间:2021-03-12 阅读:来源:", "2021-03-12"),
        ] {
            let text = format!("收费标准\n\n{head}\n\n{body}");
            assert_eq!(d(&text), dated(date), "{head}");
        }
        assert_eq!(d(&format!("收费标准\n\n{body}时间：2025-05-13\n\n{body}")), None);
        assert_eq!(d(&format!("收费标准\n\n服务时间：2025-05-13\n\n{body}")), None);
        assert_eq!(d(&format!("收费标准\n\n截止日期：2025-05-13\n\n{body}")), None, "a deadline");
    }

    #[test]
    fn a_clock_is_a_colon_after_a_digit() {
        assert!(super::clock_in("发布时间：2026-02-10 07:41"));
        assert!(super::clock_in("2026年02月10日 ０７　：４１"));
        assert!(!super::clock_in("修订日期：2026-02-10\n编制部门: 办公室"));
    }

    #[test]
    fn an_event_told_in_an_opening_paragraph_is_no_date_of_the_document() {
        let d = |t: &str| latest_dated(t).map(|d| d.text().zh);
        let body = "本中心按照服务规范开展各项工作，持续改进服务质量，服务企业数量逐年增长。\n\n".repeat(12);
        // A case study opens with what happened: the judgment's date is not the case's.
        let case = format!(
            "# 某商贸有限公司诉某区规划和自然资源局行政决定案\n\n## 基本案情\n\n\
             区法院经审理后判决驳回了原区国土局有关违约金的诉讼请求，该民事判决已于2018年6月21日生效。\n\n{body}"
        );
        assert_eq!(d(&case), None);
        // The document's own act, in a sentence naming it or by its own title, still dates
        // it; so does a short line or a bracketed date line.
        for head in [
            "为规范服务行为，提高服务质量，保障服务对象的合法权益，本规范于2024年3月15日经中心主任办公会审议通过。",
            "《深圳市南山区生产力促进中心服务流程规范》已经2024年3月15日中心主任办公会审议通过，现予印发，请各部门认真遵照执行。",
            "经2024年3月15日中心主任办公会审议通过。",
            "（2024年3月15日中心主任办公会审议通过，2024年3月15日起施行，根据有关规定同时废止原有规范。）",
        ] {
            let text = format!("# 深圳市南山区生产力促进中心服务流程规范\n\n{head}\n\n{body}");
            assert_eq!(d(&text), Some("2024-03-15".to_string()), "{head}");
        }
        // A law's closing article, however long its line, names the law itself (`本法`).
        let law = format!(
            "# 中华人民共和国城市维护建设税法\n\n{body}第十一条　本法自2021年9月1日起施行。\
             1985年2月8日国务院发布的《中华人民共和国城市维护建设税暂行条例》同时废止。\n"
        );
        assert_eq!(d(&law), Some("2021-09-01".to_string()));
    }

    #[test]
    fn a_date_in_the_body_is_the_documents_own_only_when_it_says_so() {
        // History told in the body is no revision of the document.
        let prose = "本中心按照服务规范开展各项工作，持续改进服务质量，服务企业数量逐年增长。\n\n".repeat(12);
        let at = |t: &str| latest_dated(t).map(|d| (d.date, d.event));
        let history = "上级部门高度重视科技服务工作。2019年6月，省科技厅发布了新的科技服务机构管理办法，对服务机构提出了更高的要求。\n\n";
        assert_eq!(at(&format!("# 制度\n\n{prose}{history}{prose}")), None);
        let story = "2006年9月，巴西圣保罗市通过了《清洁城市法》，禁止使用所有户外广告，城市面貌焕然一新。\n\n";
        assert_eq!(at(&format!("# 制度\n\n{prose}{story}{prose}")), None);
        // The document about itself, on a label, or on a line of its own.
        for own in [
            "为规范服务，结合工作实际情况。本制度经2023年5月10日中心主任办公会审议通过，现予印发执行。\n\n",
            "上级部门高度重视科技服务工作，对服务机构提出了更高的要求。修订日期：2023年5月10日，版本 V2。\n\n",
            "（2023年5月10日第二次修订）\n\n",
        ] {
            let text = format!("# 制度\n\n{prose}{own}{prose}");
            assert_eq!(at(&text).map(|d| d.0), Some((2023, 5, 10)), "{own}");
        }
        // A chronology in the body (大事记) tells the organisation's history: neither its
        // list bullets (no official date line's dash) nor its short dated entries are the
        // document's own dates.
        let chronology = "## 大事记\n\n- 2025年10月，本公司与某云平台达成战略合作\n- 2024年7月，多应用托管平台 V2.0 发布\n- 2021年10月，获得国家高新技术企业称号\n\n";
        assert_eq!(at(&format!("# 关于公司\n\n{prose}{chronology}{prose}")), None);
        // Nor when it closes the document, in its tail: the document's own date stands.
        let own = "修订日期：2019-03-01\n\n";
        let text = format!("# 年度报告\n\n{own}{prose}{chronology}");
        assert_eq!(at(&text), Some(((2019, 3, 1), Event::Revised)));
        let text = format!("# 年度报告\n\n{own}{prose}### 发展历程\n\n2024年7月，平台 V2.0 发布\n");
        assert_eq!(at(&text), Some(((2019, 3, 1), Event::Revised)));
        // A history section ends at the next heading of its level: a date after it counts.
        let text = format!("# 报告\n\n{prose}## 大事记\n\n- 2016年5月，公司成立\n\n## 附则\n\n本制度自2024年1月1日起施行。\n");
        assert_eq!(at(&text), Some(((2024, 1, 1), Event::Effective)));
        // A revision history is the document's own.
        let text = format!("# 制度\n\n{prose}## 修订历史\n\n- 2024年7月1日 第二次修订\n- 2021年3月1日 首次发布\n");
        assert_eq!(at(&text), Some(((2024, 7, 1), Event::Revised)));
        // In the head or the tail, as documents state their dates, on a line that holds
        // little else; an event told in an opening paragraph is history there too.
        let text = format!("# 制度\n\n省科技厅2019年6月发布\n\n{prose}");
        assert_eq!(at(&text), Some(((2019, 6, 30), Event::Issued)));
        let text = format!("# 制度\n\n{history}{prose}");
        assert_eq!(at(&text), None);
    }

    #[test]
    fn the_dates_of_the_laws_a_document_cites_are_not_its_own() {
        let at = |t: &str| latest_dated(t).map(|d| (d.date, d.event));
        let title = "# 深圳市南山区生产力促进中心数据安全管理制度\n\n## 一、总则\n\n";
        // In brackets right after the title cited, or qualifying it, in the head.
        for cited in [
            "依据《中华人民共和国数据安全法》（2021年6月10日第十三届全国人民代表大会常务委员会第二十九次会议通过），制定本制度。\n",
            "依据2024年3月发布的《广东省数据条例》，制定本制度。\n",
            "依据省科技厅2023年5月印发实施的科技服务机构管理办法，制定本制度。\n",
            "依据《广东省数据条例》(2024年3月修订)，制定本制度。\n",
        ] {
            assert_eq!(at(&format!("{title}{cited}")), None, "{cited}");
        }
        // The document's own, cited by its title or as itself, keeps its date.
        let own = "现将经2024年5月28日中心主任办公会审议通过的《数据安全管理制度》印发给你们。\n";
        assert_eq!(at(&format!("{title}{own}")), Some(((2024, 5, 28), Event::Adopted)));
        let own = "《深圳市南山区生产力促进中心数据安全管理制度》（2024年5月28日中心主任办公会审议通过）\n";
        assert_eq!(at(&format!("{title}{own}")), Some(((2024, 5, 28), Event::Adopted)));
        let own = "依据《数据安全法》，制定本制度。本制度自2024年6月1日起施行。\n";
        assert_eq!(at(&format!("{title}{own}")), Some(((2024, 6, 1), Event::Effective)));
        // A date line of the document's own amendments names them by title.
        let law = "# 中华人民共和国宪法\n\n1982年12月4日 第五届全国人民代表大会第五次会议通过\n\n2018年3月11日 第十三届全国人民代表大会第一次会议通过的《中华人民共和国宪法修正案》\n";
        assert_eq!(at(law), Some(((2018, 3, 11), Event::Adopted)));
        // An act ending one sentence is not that of a date opening the next.
        let repealed = "第二十六条 本细则自公布之日起施行。1994年6月4日国务院发布的《中华人民共和国国家安全法实施细则》同时废止。\n";
        assert_eq!(at(&format!("# 中华人民共和国反间谍法实施细则\n\n{repealed}")), None);
        // A cited law beside the document's own date: the own one is taken.
        let both = "修订日期：2023-05-10\n\n依据2024年3月发布的《广东省数据条例》，制定本制度。\n";
        assert_eq!(at(&format!("{title}{both}")), Some(((2023, 5, 10), Event::Revised)));
    }

    #[test]
    fn a_date_line_wrapped_or_alone_is_the_documents_own() {
        let at = |t: &str| latest_dated(t).map(|d| (d.date, d.event));
        let body = "第一条 为了加强管理，结合本省实际，制定本办法。\n\n".repeat(15);
        // A long date line wrapped, with or without a blank line between its parts.
        for wrap in ["\n\n", "\n"] {
            let head = format!("# 浙江省实施办法\n\n1999年10月22日 浙江省第九届人民代表大会常务委员会第十六次会议通过\n\n2020年7月31日 浙江省第十三届人民代表大会常务委员会第二十二次会议《关于修改〈浙江省村民委员会选举办法〉〈浙江省实施〈中华人民共和国村民委{wrap}员会组织法〉办法〉的决定》修正\n\n{body}第四十八条 本办法自2012年7月1日起施行。\n");
            assert_eq!(at(&head), Some(((2020, 7, 31), Event::Amended)), "{wrap:?}");
        }
        // In a run of date lines longer than the head; a line that ends with its act is
        // not joined to the next.
        let amendments = "2002年6月28日 浙江省第九届人民代表大会常务委员会第三十五次会议《关于修改〈浙江省县\n\n乡两级人民代表大会代表选举实施细则〉的决定》第三次修正\n\n".repeat(6);
        let law = format!("# 浙江省选举实施细则\n\n{amendments}2021年3月26日 浙江省第十三届人民代表大会常务委员会第二十八次会议《关于修改〈浙江省县\n\n乡两级人民代表大会代表选举实施细则〉的决定》第七次修正\n\n{body}");
        assert_eq!(at(&law), Some(((2021, 3, 26), Event::Amended)));
        let law = format!("# 宁波市城市绿化条例\n\n2005年12月23日 浙江省第十届人民代表大会常务委员会第二十二次会议批准的决定第三次修正\n\n宁波市第十五届人民代表大会常务委员会第五次会议修订\n\n{body}");
        assert_eq!(at(&law), Some(((2005, 12, 23), Event::Amended)));
        // A joint notice's issuers wrapped over four lines before the act word.
        let joint = format!("# 关于加强科技服务机构管理的通知\n\n2024年3月15日 科学技术部 国家发展和改革委员会\n工业和信息化部 财政部\n人力资源和社会保障部 商务部\n国家市场监督管理总局\n国家知识产权局 联合印发\n\n{body}");
        assert_eq!(at(&joint), Some(((2024, 3, 15), Event::Issued)));
        // The signature closing a document: the issuer, then the date alone.
        let signed = format!("# 数据安全管理制度\n\n{body}本制度自发布之日起施行。\n\n深圳市南山区生产力促进中心\n\n2024年5月28日\n");
        assert_eq!(at(&signed), Some(((2024, 5, 28), Event::Dated)));
        // A signature giving only the month says less than the revision date in it.
        let both = format!("# 投诉处理制度\n\n修订日期：2019-03-01\n\n{body}天水市北源县生产力促进中心\n二〇一九年三月\n");
        assert_eq!(at(&both), Some(((2019, 3, 1), Event::Revised)));
        // Under the title.
        assert_eq!(at(&format!("# 管理办法\n\n（2024年5月28日）\n\n{body}")), Some(((2024, 5, 28), Event::Dated)));
        // In the body, a date alone or a story that goes on is none of the document's.
        let story = format!("# 报告\n\n{body}2024年5月28日\n\n{body}2023年3月 中心组织专题培训\n\n参训企业全部通过考核\n\n{body}");
        assert_eq!(at(&story), None);
        // A heading or a list item of a date titles what follows.
        assert_eq!(at(&format!("# 会议记录\n\n## 2024年5月28日\n\n- 2024年6月1日\n\n{body}")), None);
    }

    #[test]
    fn through_is_no_adoption() {
        let at = |t: &str| latest_dated(t).map(|d| (d.date, d.event));
        let body = "中心为企业提供技术咨询服务，按约定期限办结。\n\n".repeat(15);
        // A weekly's news item (ruanyf/weekly): 通过 a place is "through" it.
        let news = format!("# 周刊\n\n{body}从2024年9月30日开始，新加坡公民通过樟宜机场出入境。\n\n{body}");
        assert_eq!(at(&news), None);
        // Adopted: the act ends its clause, or another act or the title follows.
        for line in [
            "2024年3月15日中心办公会议通过",
            "2024年3月15日经中心办公会议审议通过，现予印发。",
            "2024年3月15日中心办公会议通过并发布",
            // A law's run-on history line (LawRefBook/Laws).
            "2024年3月15日 某市人民代表大会常务委员会第九次会议通过根据2020年6月3日某省人民代表大会常务委员会《关于修改〈某条例〉的决定》修正",
        ] {
            let t = format!("# 服务流程规范\n\n{line}\n\n{body}");
            assert_eq!(at(&t).map(|d| d.0), Some((2024, 3, 15)), "{line}");
        }
    }

    #[test]
    fn an_act_word_inside_a_title_is_no_act() {
        let at = |t: &str| latest_dated(t).map(|d| (d.date, d.event));
        let body = "中心为企业提供技术咨询服务，按约定期限办结。\n\n".repeat(15);
        // The head of a report chapter (kaiyuanshe/2024-China-Open-Source-Report): the date
        // tells what a chief executive did, not when the chapter was revised.
        for line in [
            "2024 年 7 月 27 日，Meta 首席执行官扎克伯格发表了文章。",
            "2024年9月10日，某公司举行新品发布会。",
            "2024年6月，全省考核通过率达到95%。",
            "2024年3月起，由执行董事张某负责日常工作。",
        ] {
            let t = format!("# 开源人工智能篇\n\n{line}\n\n{body}");
            assert_eq!(at(&t), None, "{line}");
        }
        // The act itself still dates the document.
        for line in [
            "2024年3月15日起执行。",
            "本办法于2024年3月15日发布，自发布之日起执行。",
            "2024年3月15日经中心办公会议审议通过。",
        ] {
            let t = format!("# 服务流程规范\n\n{line}\n\n{body}");
            assert_eq!(at(&t).map(|d| d.0), Some((2024, 3, 15)), "{line}");
        }
    }

    #[test]
    fn a_hostile_line_of_dated_acts_stays_linear() {
        // One line of 60,000 dated acts in the body: per-date work over the whole line
        // would not end (it took minutes before the context was bounded).
        let edge = "本中心按照规范开展服务工作，持续改进服务质量。\n".repeat(12);
        let line = "上级部门发布2024年1月1日通知，".repeat(60_000);
        let text = format!("# 制度\n\n{edge}{line}\n{edge}");
        let start = std::time::Instant::now();
        assert_eq!(latest_dated(&text), None, "history in a sentence");
        assert!(start.elapsed().as_secs() < 60);
    }

    #[test]
    fn a_date_line_names_its_event_at_its_end_however_long_the_body() {
        // As regulations open (LawRefBook/Laws): the date, the body that acted, the act.
        let at = |t: &str| latest_dated(t).map(|d| (d.date, d.event));
        let head = "# 规定\n\n1996年10月17日 北京市第十届人民代表大会常务委员会第三十一次会议通过\n\n第一条 为了加强监督，制定本规定。\n";
        assert_eq!(at(head), Some(((1996, 10, 17), Event::Adopted)));
        let head = "2020年12月25日 最高人民法院审判委员会第1825次会议通过\n\n2021年1月1日 施行\n";
        assert_eq!(at(head), Some(((2021, 1, 1), Event::Effective)));
        let long = format!("{}2022年1月21日 山东省第十三届人民代表大会常务委员会第三十三次会议批准的2021年12月29日青岛市第十六届人民代表大会常务委员会第三十七次会议关于修改《青岛市民用建筑节能条例》等四件地方性法规的决定修正\n\n第一条 为了加强管理，制定本条例。\n", "1995年5月26日 会议通过\n\n".repeat(12));
        assert_eq!(at(&long), Some(((2022, 1, 21), Event::Amended)));
        let head = "2003年6月16日 中华人民共和国国务院令第380号公布\n";
        assert_eq!(at(head), Some(((2003, 6, 16), Event::Issued)));
        // The act ending one line, the date alone on the next.
        let head = "# 典型案例\n\n最高人民法院发布\n\n2022-03-15\n\n正文。\n";
        assert_eq!(at(head), Some(((2022, 3, 15), Event::Issued)));
        // A date in prose with the word far after it, not at the line's end, is no date line.
        let prose = "2024年3月，中心组织全市四十余家科技型中小企业开展精益管理专题培训，学员通过考核后颁发证书。\n";
        assert_eq!(at(prose), None);
    }

    #[test]
    fn dates_found_among_long_prose_and_across_a_line_break() {
        let prose = "本中心按照服务规范开展各项工作，持续改进服务质量。\n".repeat(300);
        let text = format!("{prose}修订日期：2023年\n5月10日\n{prose}——\n2024年3月15日经理事会审议通过\n{prose}");
        let d = latest_dated(&text).unwrap();
        assert_eq!((d.date, d.event), ((2024, 3, 15), Event::Adopted));
        assert_eq!(&text[d.span.clone()], "2024年3月15日");
        let text = format!("{prose}修订日期：2023年\n5月10日\n{prose}");
        let d = latest_dated(&text).unwrap();
        assert_eq!((d.date, d.event), ((2023, 5, 10), Event::Revised));
        assert_eq!(latest_dated(&prose), None);
    }

    #[test]
    fn windows_without_event_or_dash_are_skipped_but_not_missed() {
        let prose = "本中心全年服务企业1,250家，开展培训32场。\n".repeat(20);
        let at = |t: &str| latest_dated(t).map(|d| (d.date, d.event));
        // An event word in capitals (the patterns ignore case).
        let t = format!("{prose}REVISED 2023-05-10\n{prose}");
        assert_eq!(at(&t), Some(((2023, 5, 10), Event::Revised)));
        let t = format!("{prose}Last UPDATED: 2022-01-31\n");
        assert_eq!(at(&t).map(|d| d.0), Some((2022, 1, 31)));
        // An official date line with no event word in its window.
        let t = format!("{prose}\n\n——2024年3月15日\n\n{prose}");
        assert_eq!(at(&t), Some(((2024, 3, 15), Event::Dated)));
        let t = format!("{prose}\n\n－2024年3月15日\n");
        assert_eq!(at(&t), Some(((2024, 3, 15), Event::Dated)));
        // Neither: a year in prose is no document date.
        assert_eq!(at(&format!("{prose}2024年3月15日召开会议。\n")), None);
    }

    #[test]
    fn the_same_date_stated_twice_is_shown_where_first_stated() {
        let head = "# 最高人民法院关于修改《某解释》的决定\n\n2021年4月7日 最高人民法院审判委员会第1835次会议通过\n\n2021年4月15日 施行\n\n";
        let body = "根据审判实践需要，修改如下。\n\n本决定自2021年4月15日起施行。\n";
        let text = format!("{head}{body}");
        let d = latest_dated(&text).unwrap();
        assert_eq!((d.date, d.event), ((2021, 4, 15), Event::Effective));
        assert_eq!(d.span.start, text.find("2021年4月15日").unwrap());
    }

    #[test]
    fn dates_in_every_width_and_numeral() {
        let starts = |t: &str| -> Vec<String> {
            super::date_starts(t).iter().map(|&i| t[i..].chars().take(4).collect()).collect()
        };
        assert_eq!(starts("于2023年5月、２０２４年１２月和2０24 年 3月"), ["2023", "２０２４", "2０24"]);
        assert_eq!(starts("2023-05-10，2024.1.2，2025／1／2，2026/"), ["2023", "2024", "2025", "2026"]);
        assert_eq!(starts("二〇二三 年 五月，一九九九年十二月"), ["二〇二三", "一九九九"]);
        // A year alone starts no date.
        assert_eq!(starts("2024年，中心于2023年度、二〇二三年底，二〇二三年"), Vec::<String>::new());
        assert_eq!(starts("共312人，3000元，0199，三年"), Vec::<String>::new());
        // The four numerals nearest the `年`, and no fewer.
        assert_eq!(starts("一二〇二四年五月"), ["二〇二四"]);
        assert_eq!(starts("于〇二四年五月，共二〇二年五月"), Vec::<String>::new());
        // Every place one may start (the windows merge them).
        assert_eq!(starts("12345-6"), ["2345"]);
        assert_eq!(starts("1234-2345-6"), ["1234", "2345"]);
    }

    #[test]
    fn revision_dates_in_both_styles() {
        assert_eq!(
            latest_revision("修订日期：2023-05-10\n").map(|x| x.0),
            Some((2023, 5, 10))
        );
        assert_eq!(
            latest_revision("修订日期：2023年5月10日").map(|x| x.0),
            Some((2023, 5, 10))
        );
        assert_eq!(
            latest_revision("本制度自2021年3月1日起施行").map(|x| x.0),
            Some((2021, 3, 1))
        );
        assert_eq!(
            latest_revision("发布日期：2019-01-01\n修订日期：2024-02-03").map(|x| x.0),
            Some((2024, 2, 3))
        );
        assert_eq!(latest_revision("成立于2012年"), None);
        let text = "末尾\n修订日期：2022-11-06";
        let (_, span) = latest_revision(text).unwrap();
        assert_eq!(&text[span], "2022-11-06");
    }

    #[test]
    fn dates_as_people_write_them() {
        let date = |t: &str| latest_revision(t).map(|x| x.0);
        assert_eq!(date("修订日期：2024年03月"), Some((2024, 3, 31)));
        assert_eq!(date("修订日期：2024年2月"), Some((2024, 2, 29)));
        assert_eq!(date("修订日期：二〇二四年三月十五日"), Some((2024, 3, 15)));
        assert_eq!(date("修订日期：二〇二三年五月"), Some((2023, 5, 31)));
        assert_eq!(date("修订日期：２０２４年３月１５日"), Some((2024, 3, 15)));
        assert_eq!(date("更新：2024.11.15"), Some((2024, 11, 15)));
        assert_eq!(date("修订：2024/3/5"), Some((2024, 3, 5)));
        assert_eq!(date("——2024年3月15日在中心主任办公会上通过"), Some((2024, 3, 15)));
        assert_eq!(date("（2022年3月24日第二次修正）"), Some((2022, 3, 24)));
        assert_eq!(date("2019年4月26日经理事会审议通过"), Some((2019, 4, 26)));
        // The labels of a government text's dates (GB/T 9704's 成文日期, a disclosure's
        // 公开时间, an approval's 批复时间).
        assert_eq!(date("成文日期：2023年2月25日"), Some((2023, 2, 25)));
        assert_eq!(date("批复时间:2024年9月14日\n公开时间:2024年9月26日"), Some((2024, 9, 26)));
        // A date no event names is not the document's.
        assert_eq!(date("2024年3月举办培训班"), None);
        assert_eq!(date("2024年3月，年初批复预算8个项目"), None);
        assert_eq!(date("修订日期：2024年13月"), None);
        let text = "修订日期：二〇二四年三月";
        let (_, span) = latest_revision(text).unwrap();
        assert_eq!(&text[span], "二〇二四年三月");
    }

    /// A wrapped date line's lines are short: a 161-character line is prose.
    #[test]
    fn wrapped_date_lines_are_bounded_line_by_line() {
        use super::wrapped_lines_fit;
        let long = "字".repeat(161);
        assert!(wrapped_lines_fit(&format!(" {}\n  员会组织法〉的决定》", "字".repeat(159))));
        assert!(!wrapped_lines_fit(&long));
        assert!(wrapped_lines_fit(&format!("第一行\n\n  {}", "字".repeat(161))));
        assert!(!wrapped_lines_fit(&format!("第一行\n  {}", "字".repeat(162))));
    }

    #[test]
    fn a_decree_line_and_an_act_before_a_closing_title_mark_date_the_document() {
        let at = |t: &str| latest_dated(t).map(|d| (d.date, d.event));
        let body = "第一条 为了加强管理，结合本省实际，制定本办法。\n\n".repeat(15);
        // The order that published it, as regulations open (LawRefBook/Laws).
        let law = format!("# 中华人民共和国反间谍法实施细则\n\n2017年11月22日 中华人民共和国国务院令第692号　\n\n<!-- INFO END -->\n\n{body}");
        assert_eq!(at(&law), Some(((2017, 11, 22), Event::Issued)));
        let law = format!("# 规定\n\n（2016年4月12日 某市人民代表大会常务委员会公告〔2016〕第1号）\n\n{body}");
        assert_eq!(at(&law), Some(((2016, 4, 12), Event::Issued)));
        // A decree cited in the body is not the document's.
        let cited = format!("# 办法\n\n{body}2017年11月22日 中华人民共和国国务院令第692号\n\n{body}");
        assert_eq!(at(&cited), None);
        // The act right before a closing title mark (`…的决定修正》`).
        let law = format!("# 山东省实施办法\n\n2008年11月27日 山东省第十一届人民代表大会常务委员会第七次会议通过\n\n2012年1月13日 山东省第十一届人民代表大会常务委员会第二十八次会议《关于修改<山东省环境噪声污染防治条例>等二十五件地方性法规的决定修正》\n\n{body}");
        assert_eq!(at(&law), Some(((2012, 1, 13), Event::Amended)));
    }

    #[test]
    fn a_table_row_dates_the_document_only_when_it_states_the_act() {
        let at = |t: &str| latest_dated(t).map(|d| (d.date, d.event));
        let prose = "本文介绍设计方案与实现思路，说明接口与测试方法。\n\n".repeat(12);
        // A schedule: `通过` there is passing a test, the date a milestone's.
        let plan = "| No. | 开发内容 | 预期时间 |\n|---|---|---|\n| 1 | 完成开发文档设计 | 2023-04-17 |\n| 2 | 通过评审 | 2023-04-30 |\n| 3 | 完成代码开发工作，并通过线程CI测试 | 2023-05-15 |\n";
        assert_eq!(at(&format!("# 设计文档\n\n{prose}{plan}")), None);
        // A label right before the date states it.
        let info = "|任务名称|目标检测网络|\n|------|------|\n|提交时间|2025-04-02|\n|修改时间|2025-04-03|\n";
        assert_eq!(at(&format!("# 设计文档\n\n{info}{prose}")), Some(((2025, 4, 3), Event::Revised)));
        // A revision history: the act in another cell of the row.
        let history = "| 版本 | 日期 | 修订说明 |\n|---|---|---|\n| V1.0 | 2023-01-10 | 首次发布 |\n| V1.1 | 2024-03-01 | 修订第三章 |\n";
        assert_eq!(at(&format!("# 制度\n\n{prose}{history}")), Some(((2024, 3, 1), Event::Revised)));
        // The act in the date's own cell.
        let own = "| 日期 | 说明 |\n|---|---|\n| 2024年7月1日第二次修订 | 调整附则 |\n";
        assert_eq!(at(&format!("# 制度\n\n{prose}{own}")), Some(((2024, 7, 1), Event::Revised)));
        // A revision history whose rows name no act: its date column dates the document.
        let bare = "| 版本 | 修订日期 | 修订人 | 内容 |\n|---|---|---|---|\n| V1.0 | 2023-01-10 | 张三 | 首次发布 |\n| V1.1 | 2024-03-01 | 李四 | 增加投诉处理时限 |\n";
        assert_eq!(at(&format!("# 制度\n\n{prose}{bare}")), Some(((2024, 3, 1), Event::Revised)));
        // Not a schedule's dates, nor a history section's table.
        let milestones = "| 阶段 | 完成日期 |\n|---|---|\n| 需求分析 | 2025-04-02 |\n";
        assert_eq!(at(&format!("# 设计文档\n\n{prose}{milestones}")), None);
        let releases = "| 版本 | 代号 | 发布日期 |\n|---|---|---|\n| 24.04 | noble | 2024-04-25 |\n";
        assert_eq!(at(&format!("# Ubuntu 镜像使用帮助\n\n{prose}{releases}")), None);
        let chronicle = "## 大事记\n\n| 变更 | 日期 |\n|---|---|\n| 平台 V2.0 上线 | 2024-07-01 |\n\n";
        assert_eq!(at(&format!("# 关于公司\n\n{prose}{chronicle}{prose}")), None);
    }

    #[test]
    fn a_period_or_a_time_limit_is_no_date_of_the_document() {
        let at = |t: &str| latest_dated(t).map(|d| (d.date, d.event));
        let prose = "本文介绍设计方案与实现思路，说明接口与测试方法。\n\n".repeat(12);
        let range = "> 2024.04.1 ~ 2024.05.1：精读论文，调研以及学习通过PaddleScience API构建模型的过程\n";
        assert_eq!(at(&format!("# 设计文档\n\n{prose}{range}")), None);
        let limit = "为正确适用刑法，现就人民法院1997年10月1日以后审理的刑事案件，具体适用修订前的刑法或者修订后的刑法的有关问题规定如下：\n\n";
        assert_eq!(at(&format!("# 最高人民法院关于适用刑法时间效力规定若干问题的解释\n\n{limit}{prose}")), None);
        // Nor the date another document was issued, its title the act's object.
        let issued = "门头沟区机动车停车委托管理期限为10年。2017年4月27日，北京市人民政府办公厅印发《北京市路侧停车管理改革方案》，决定收回管理权。\n\n";
        assert_eq!(at(&format!("# 某停车管理有限责任公司诉北京市门头沟区城市管理委员会行政协议解除通知案\n\n{issued}{prose}")), None);
        let own = "2024年5月28日，中心主任办公会审议通过《数据安全管理制度》，现予印发。\n\n";
        assert_eq!(at(&format!("# 数据安全管理制度\n\n{own}{prose}")), Some(((2024, 5, 28), Event::Adopted)));
        // Nor is a date whose sentence ends before the act.
        let story = "常某于2016年4月入职某网络公司。入职之初，某网络公司通过电子邮件告知常某，公司采取指纹打卡考勤。\n\n";
        assert_eq!(at(&format!("# 用人单位以规章制度形式否认劳动者加班事实是否有效\n\n{story}{prose}")), None);
        // The document's own dates are still read.
        let own = "本规定自2024年6月1日起施行。\n";
        assert_eq!(at(&format!("# 规定\n\n{limit}{prose}{own}")), Some(((2024, 6, 1), Event::Effective)));
    }

    /// The edges and headings found near the ends or from the `#`s are those a reading of
    /// every line finds.
    mod layout {
        use super::super::{document_edges, heading_lines, EDGE_LINES};
        use proptest::prelude::*;

        fn edges_line_by_line(text: &str) -> (usize, usize) {
            let mut lines = Vec::new();
            let mut at = 0;
            for line in text.split_inclusive('\n') {
                if !line.trim().is_empty() {
                    lines.push((at, at + line.len()));
                }
                at += line.len();
            }
            if lines.len() <= EDGE_LINES {
                return (text.len(), 0);
            }
            (lines[EDGE_LINES - 1].1, lines[lines.len() - EDGE_LINES].0)
        }

        fn headings_line_by_line(text: &str) -> Vec<(usize, &str)> {
            let mut out = Vec::new();
            let mut at = 0;
            for line in text.split_inclusive('\n') {
                let trimmed = line.trim_start_matches(' ');
                if trimmed.starts_with('#') && line.len() - trimmed.len() <= 3 {
                    out.push((at, line));
                }
                at += line.len();
            }
            out
        }

        proptest! {
            #[test]
            fn same_as_reading_every_line(parts in proptest::collection::vec(
                prop_oneof![
                    Just("\n"), Just(" "), Just("#"), Just("## 大事记"), Just("文字"),
                    Just("\t"), Just("a#b"), Just("    # x"), Just("\n\n"),
                ],
                0..80,
            )) {
                let text: String = parts.concat();
                prop_assert_eq!(document_edges(&text), edges_line_by_line(&text));
                prop_assert_eq!(heading_lines(&text).collect::<Vec<_>>(), headings_line_by_line(&text));
            }
        }

        #[test]
        fn ten_lines_have_no_head_or_tail_eleven_do() {
            let ten = "一\n".repeat(10);
            assert_eq!(document_edges(&ten), (ten.len(), 0));
            let eleven = format!("{ten}二");
            assert_eq!(document_edges(&eleven), (ten.len(), "一\n".len()));
        }
    }
}
