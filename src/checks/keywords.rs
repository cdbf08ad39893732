//! `keywords`: a document or one of its sections mentions required terms (all-of /
//! any-of), or none of the forbidden ones.

use super::{Ctx, RuleResult};
use crate::submission::heading_match::Found;
use crate::submission::Document;
use crate::t;
use serde_json::{json, Value};
use super::registry::Kind;
use crate::i18n::Text;
use crate::standard::describe::CohortValue;
use crate::standard::standard_format_schema::{d, document_param, r, section_param};
use crate::standard::{Params, Standard};

/// Parameters of a `keywords` check.
#[derive(Debug, Clone)]
pub struct Keywords {
    pub document: String,
    /// A heading id; the whole document when absent.
    pub section: Option<String>,
    pub all_of: Vec<String>,
    pub any_of: Vec<String>,
    pub none_of: Vec<String>,
    /// The terms are units of time, and count only where they state a time limit (`5个工作日内`,
    /// `24小时内响应`, `不超过15个工作日`), not opening hours or a duration (`全天12小时接听`,
    /// `7×24小时服务热线`, `培训16小时`).
    pub time_limit: bool,
}

impl Kind for Keywords {
    const NAME: &'static str = "keywords";

    fn summary() -> Text {
        Text::new(
            "文档（或其中一节）提及所需的词，且不含禁用的词",
            "a document (or one of its sections) mentions the terms it must and none it must not",
        )
    }

    fn schema() -> Value {
        json!({
            "required": ["document"],
            "anyOf": [
                {"required": ["all_of"], "properties": {"all_of": r("strings_nonempty")}},
                {"required": ["any_of"], "properties": {"any_of": r("strings_nonempty")}},
                {"required": ["none_of"], "properties": {"none_of": r("strings_nonempty")}}
            ],
            "properties": {
                "document": document_param(),
                "section": section_param(),
                "all_of": d(r("strings"), "须全部出现的词", "terms that must all appear"),
                "any_of": d(r("strings"), "至少出现一个的词", "terms of which one must appear"),
                "none_of": d(r("strings"), "不得出现的词", "terms that must not appear"),
                "time_limit": d(json!({"type": "boolean"}), "这些词是时间单位，只在写明时限处计入（“5个工作日内”“24小时内响应”），不计服务时间或时长（“全天12小时接听”）", "the terms are units of time and count only where they state a time limit (5个工作日内, 24小时内响应), not opening hours or a duration (全天12小时接听)")
            }
        })
    }

    fn example() -> &'static str {
        "{kind: keywords, document: data_security, any_of: [备份, 恢复]}"
    }

    fn load(p: &mut Params) -> Option<Self> {
        let document = p.document("document")?;
        let section = p.heading("section", &document);
        let (all_of, any_of, none_of) = (p.texts("all_of"), p.texts("any_of"), p.texts("none_of"));
        let time_limit = p.flag("time_limit", false);
        if all_of.is_empty() && any_of.is_empty() && none_of.is_empty() {
            p.error(
                "",
                t!(
                    "keywords 检查需要 `all_of`、`any_of` 或 `none_of`",
                    "a keywords check needs `all_of`, `any_of` or `none_of`"
                ),
            );
        }
        Some(Keywords {
            document,
            section,
            all_of,
            any_of,
            none_of,
            time_limit,
        })
    }

    fn describe(&self, standard: &Standard, _: &mut Vec<CohortValue>) -> (Text, Option<(String, String)>) {
        let Keywords { document, section, all_of, any_of, none_of, time_limit } = self;
        let name = standard.document_name(document);
        let scope = section.as_deref().unwrap_or("*");
        let mut zh = vec![];
        let mut en = vec![];
        if !all_of.is_empty() {
            zh.push(format!("提及全部：{}", all_of.join("、")));
            en.push(format!("mentions all of: {}", all_of.join(", ")));
        }
        if !any_of.is_empty() {
            zh.push(format!("提及其一：{}", any_of.join("、")));
            en.push(format!("mentions one of: {}", any_of.join(", ")));
        }
        if *time_limit {
            zh.push("且写成时限（如“5个工作日内”），服务时间或时长（如“全天12小时”）不计".to_string());
            en.push("as a time limit (5个工作日内), not opening hours or a duration (全天12小时)".to_string());
        }
        if !none_of.is_empty() {
            zh.push(format!("不得出现：{}", none_of.join("、")));
            en.push(format!("mentions none of: {}", none_of.join(", ")));
        }
        let good = all_of.first().or(any_of.first()).cloned().unwrap_or_else(|| "……".into());
        let bad = none_of.first().cloned();
        let ex = match bad {
            Some(b) if all_of.is_empty() && any_of.is_empty() => ("负责人：王明".to_string(), format!("负责人：{b}")),
            _ => (format!("……{good}……"), "……".to_string()),
        };
        (
            t!("《{name}》（章节 {scope}）{terms}", "the {name} (section {scope}) {terms}", name = name, scope = scope, terms = Text::new(zh.join("；"), en.join("; "))),
            Some(ex),
        )
    }

    fn run(&self, ctx: &Ctx) -> RuleResult {
        run(self, ctx)
    }
}

/// At most this many findings per forbidden term, so one pasted template is not a flood.
const MAX_HITS_PER_TERM: usize = 3;

fn run(check: &Keywords, ctx: &Ctx) -> RuleResult {
    let Keywords {
        document,
        section,
        all_of,
        any_of,
        none_of,
        time_limit,
    } = check;
    let doc = match ctx.document(document) {
        Ok(d) => d,
        Err(r) => return r,
    };
    let (scope, anchor, scope_name) = match section {
        Some(id) => match probable_section_range(ctx, doc, document, id) {
            Some(s) => s,
            None => {
                // The section is missing (the sections rule reports that): its wording is
                // looked for in the whole document, where the section's text usually went
                // (merged into a neighbour), as the table rule does. The wording is then
                // checked, not left unchecked, and the missing section is reported once.
                let def = ctx.standard.document(document);
                let section = def
                    .and_then(|d| d.headings.iter().find(|h| &h.id == id))
                    .map_or_else(|| Text::new(id.as_str(), id.as_str()), |h| h.name.clone());
                let place = t!(
                    "全文（没有“{section}”一节）",
                    "the document (which has no section “{wording}” ({section}))",
                    wording = section.zh.clone(),
                    section = section
                );
                (0..doc.text.len(), 0..0, Some(place))
            }
        },
        None => (0..doc.text.len(), 0..0, None),
    };
    let text = &doc.text[scope.clone()];
    let place = scope_name.unwrap_or_else(|| t!("全文", "the document"));
    let (where_zh, where_en) = (place.zh, place.en);
    let mut findings = Vec::new();
    // Whether a term is there: anywhere, or as a time limit.
    let mentions = |term: &str| {
        if *time_limit {
            text.match_indices(term).any(|(i, _)| states_limit(text, i, term))
        } else {
            text.contains(term)
        }
    };
    for term in all_of {
        if !mentions(term) {
            findings.push(ctx.finding(
                t!(
                    "{where_zh}未提及“{term}”",
                    "{where_en} does not mention “{term}”",
                    where_zh = where_zh,
                    where_en = where_en,
                    term = term
                ),
                Some(t!(
                    "此处缺少“{term}”",
                    "“{term}” expected here",
                    term = term
                )),
                Some(ctx.location_in(doc, anchor.clone())),
            ));
        }
    }
    if !any_of.is_empty() && !any_of.iter().any(|t| mentions(t)) {
        // A unit of time written as opening hours or a duration: named, as what was read
        // and is no time limit.
        let not_limits: Vec<String> = if *time_limit {
            let mut v: Vec<String> = any_of
                .iter()
                .flat_map(|t| {
                    text.match_indices(t.as_str())
                        .filter(|(i, m)| read_time(text, *i, m) == Some(false))
                        .map(|(i, m)| phrase(text, i, m.len()))
                })
                .collect();
            v.sort();
            v.dedup();
            v.truncate(3);
            v
        } else {
            Vec::new()
        };
        let (note_zh, note_en) = if not_limits.is_empty() {
            (String::new(), String::new())
        } else {
            let quoted: Vec<String> = not_limits.iter().map(|p| format!("“{p}”")).collect();
            (
                format!("（{}是服务时间或时长，不是时限：请写明在多长时间内办结或答复，如“5个工作日内办结”）", quoted.join("、")),
                format!(" ({} is opening hours or a duration, not a time limit: state within how long it is settled or answered, e.g. 5个工作日内办结)", quoted.join(", ")),
            )
        };
        findings.push(ctx.finding(
            t!(
                "{where_zh}未提及以下任一用语：{terms}{note_zh}",
                "{where_en} mentions none of: {terms}{note_en}",
                where_zh = where_zh,
                where_en = where_en,
                terms = crate::i18n::Text::new(any_of.join("、"), any_of.join(", ")),
                note_zh = note_zh,
                note_en = note_en
            ),
            Some(t!("此处缺少", "expected here")),
            Some(ctx.location_in(doc, anchor.clone())),
        ));
    }
    for term in none_of {
        for (i, _) in text.match_indices(term.as_str()).take(MAX_HITS_PER_TERM) {
            let start = scope.start + i;
            findings.push(ctx.finding(
                t!(
                    "出现不应有的用语“{term}”",
                    "forbidden wording “{term}”",
                    term = term
                ),
                Some(t!("不应出现", "not allowed")),
                Some(ctx.location_in(doc, start..start + term.len())),
            ));
        }
    }
    RuleResult::from_findings(findings)
}

/// Words that name what follows a time limit (`查新报告的时限为7天`): the text says so itself.
pub(crate) const NAMING_A_LIMIT: &[&str] = &["时限为", "期限为", "时限：", "期限：", "时限是", "期限是"];

/// Words before a number of units that make it a time limit (`不超过15个工作日`), besides
/// those that name it one ([`NAMING_A_LIMIT`]: `时限为3个工作日`).
const LIMIT_BEFORE: &[&str] = &[
    "不超过", "不得超过", "不应超过", "不多于", "最迟", "至迟", "最长", "最多", "限期", "时限", "期限",
    "小于或等于", "小于等于",
];

/// Whether `lead`, the text before a number of units of time, makes it a limit.
fn leads_to_limit(lead: &str) -> bool {
    LIMIT_BEFORE.iter().chain(NAMING_A_LIMIT).any(|w| lead.ends_with(w))
}
/// Words before a number of units that make it opening hours or a duration (`全天12小时`,
/// `7×24小时`, `培训16小时`).
const HOURS_BEFORE: &[&str] = &[
    "全天", "每天", "每日", "每周", "每月", "每年", "全年", "天天", "昼夜", "×", "x", "X", "*", "＊",
    "营业", "开放", "时长", "学时", "课时", "培训", "累计", "共计", "长达", "持续", "历时", "连续",
];
/// Words after a number of units that make it opening hours (`24小时服务热线`,
/// `12小时接听`, `24小时不间断`).
const HOURS_AFTER: &[&str] = &[
    "服务", "热线", "值班", "值守", "在线", "开放", "营业", "不间断", "全天候", "接听", "畅通", "运行",
    "开通", "轮班", "监控",
];

/// The units of time a time limit is written in (the baseline's `time_limit` terms). As a
/// section's content term ([`crate::checks::sections`]) one counts only where it states a
/// limit ([`states_limit`]). A section's terms are two characters or more, so they name
/// 天内 where the rules name 天 (`时限为7天`).
pub(crate) const UNITS_OF_TIME: [&str; 12] = [
    "工作日", "小时", "日内", "天内", "天", "周", "星期", "个月", "当日", "当天", "次日", "当场",
];

/// The units of time ([`UNITS_OF_TIME`]) that carry their own quantity: the same or the
/// next day, on the spot. They state a limit when an action of handling follows them
/// (`当日办结`, `在当日或次日给予答复`, `当场答复`), not as a mere day (`当日值班人员`,
/// `次日起施行`).
const SAME_DAY: [&str; 4] = ["当日", "当天", "次日", "当场"];

/// Words that may stand between a same-day unit ([`SAME_DAY`]) and the action it limits
/// (`当日或次日给予答复`, `当场协调解决`, `当天内办结`). Anything else between them makes
/// the day a schedule, not a limit (`次日上午统一处理`).
const SAME_DAY_LINKS: &[&str] = &[
    "之内", "以内", "内", "前", "或", "及", "至", "当日", "当天", "次日", "给予", "予以", "作出",
    "做出", "进行", "协调", "即可", "即", "必须", "应", "须", "要", "就",
];

/// The actions of handling a request or complaint that a deadline may limit: answering or
/// settling it. Not acknowledging it (`1个工作日内告知投诉人已受理`, [`ACKNOWLEDGING`]), nor
/// another step's own work (`7个工作日内完成整改`, `30日内开展回访`).
pub(crate) const DEADLINE_ACTIONS: &[&str] =
    &["办结", "答复", "回复", "处理", "响应", "解决", "处置", "办理"];

/// Words of taking a request in (`8小时内完成登记`, `1个工作日内作出受理答复`): a deadline
/// for that is the intake's, not a limit on handling.
pub(crate) const ACKNOWLEDGING: &[&str] = &["受理", "登记", "签收", "确认"];

/// Issuing what a request asked for (`3-5个工作日出具测试结果`, `10个工作日内出具检测报告`):
/// the end of the service, so a deadline for it limits the handling. Not a same-day unit's
/// action: `当场出具收据` is a step.
pub(crate) const ISSUING: &[&str] = &["出具"];

/// The word that makes a number of units of time a notice period (`提前3个工作日出具介绍信`),
/// not a limit on an action that follows.
const AHEAD: &str = "提前";

/// Words that may stand between a number of units of time written without 内 and the
/// action it limits (`5个工作日予以答复`).
const ACTION_LINKS: &[&str] = &["给予", "予以", "作出", "做出", "进行"];

/// Whether an action of handling ([`DEADLINE_ACTIONS`], [`ISSUING`]) opens `after`, the text
/// after a number of units of time, nothing but [`ACTION_LINKS`] between them: `5个工作日
/// 办结` is a deadline as `5个工作日内办结` is; `3个工作日培训` is a duration.
fn action_follows(after: &str) -> bool {
    let mut rest = after.trim_start();
    if let Some(link) = ACTION_LINKS.iter().find(|l| rest.starts_with(**l)) {
        rest = rest[link.len()..].trim_start();
    }
    DEADLINE_ACTIONS.iter().chain(ISSUING).any(|a| rest.starts_with(a))
}

/// Whether an action of handling ([`DEADLINE_ACTIONS`]) or 受理 follows a same-day unit,
/// nothing but [`SAME_DAY_LINKS`] between them (`after`: the text after the unit). Not
/// another acknowledging word: `当场签字确认` is a step, not a limit.
fn same_day_limit(after: &str) -> bool {
    let mut rest = after.trim_start();
    while let Some(link) = SAME_DAY_LINKS.iter().find(|l| rest.starts_with(**l)) {
        rest = rest[link.len()..].trim_start();
    }
    DEADLINE_ACTIONS.iter().chain(&["受理"]).any(|a| rest.starts_with(a))
}

/// The everyday and longer units of time ([`UNITS_OF_TIME`]), which state a limit only when
/// it is written as one (`7天内`, `时限为7天`, `一周之内`, `三星期内`, `不超过一个月`, `3个月
/// 办结`): a number of days, weeks or months alone is a date, a notice or a period (`第二周`,
/// `提前4天`, `耗时半天左右`, `停止服务2天至60天不等`, `3个月的培训`).
const LONGER_UNITS: [&str; 4] = ["天", "周", "星期", "个月"];

/// Whether the unit of time `term` at byte `at` of `text` states a time limit: a number
/// of that unit (`5个工作日`, `两日内`, `次工作日`), not hours of service or a duration.
/// Followed by 内 (`24小时内`), or led by a word of limit (`不超过`, `时限为`), it is one;
/// led by a word of hours or duration (`全天`, `每天`, `7×`, `培训`), or followed by one of
/// service (`热线`, `接听`), it is not.
pub(crate) fn states_limit(text: &str, at: usize, term: &str) -> bool {
    read_time(text, at, term) == Some(true)
}

/// The deadline the unit of time `term` at byte `at` of `text` ends, as written from its
/// quantity to its `within` (`7个工作日内`, `二十四小时之内`), when it is unmistakably one:
/// followed by 内, led by a word of limit ([`leads_to_limit`]) or followed at once by the
/// action it limits ([`action_follows`]), not merely a quantity of the unit that no word of
/// hours leads.
pub(crate) fn deadline_at(text: &str, at: usize, term: &str) -> Option<std::ops::Range<usize>> {
    if SAME_DAY.contains(&term) {
        let end = at + term.len();
        return same_day_limit(&text[end..]).then_some(at..end);
    }
    let before = &text[..at];
    let start = quantity_start(before, term)?;
    let after = &text[at + term.len()..];
    let within = ["之内", "以内", "内"]
        .iter()
        .find(|w| after.starts_with(**w))
        .map_or(0, |w| w.len());
    let led = leads_to_limit(before[..start].trim_end());
    let ahead = before[..start].trim_end().ends_with(AHEAD);
    (term.ends_with('内') || within > 0 || led || (action_follows(after) && !ahead))
        .then_some(start..at + term.len() + within)
}

/// Where the quantity of a unit of time starts in `before`, the text up to the unit (`个`
/// and spaces between them aside): digits, numerals in words, or 当/次 (the same or next
/// day); `None` when none is written.
fn quantity_start(before: &str, term: &str) -> Option<usize> {
    let unit_end = before.trim_end_matches(['个', ' ', '\u{3000}']);
    let start = unit_end
        .char_indices()
        .rev()
        .take_while(|(_, c)| {
            c.is_ascii_digit()
                || ('０'..='９').contains(c)
                || "零〇一二两三四五六七八九十百半几数当次翌.．-~～至".contains(*c)
        })
        .last()
        .map(|(i, _)| i)?;
    // 天 after 当, 次 or 翌 alone is a day (`当天`, a unit of its own, `次天`), not a
    // number of days.
    let same_day = |q: &str| !q.is_empty() && q.chars().all(|c| "当次翌".contains(c));
    (term != "天" || !same_day(&unit_end[start..])).then_some(start)
}

/// How the unit of time `term` at byte `at` of `text` reads: `None` when no quantity of it
/// is written (`偏小时`, `工作日9:00-17:00`), `Some(true)` for a time limit, `Some(false)`
/// for hours of service or a duration ([`states_limit`]).
fn read_time(text: &str, at: usize, term: &str) -> Option<bool> {
    let after = &text[at + term.len()..];
    if SAME_DAY.contains(&term) {
        return same_day_limit(after).then_some(true);
    }
    let before = &text[..at];
    let quantity_start = quantity_start(before, term);
    // A term that carries its own `within` (日内, 天内) needs no more than a quantity;
    // a bare unit needs one too (`工作日9:00-17:00` is opening hours).
    let q = quantity_start?;
    let lead = before[..q].trim_end();
    let within = term.ends_with('内')
        || ["内", "之内", "以内", "前"].iter().any(|w| after.trim_start().starts_with(w));
    let acts = action_follows(after) && !lead.ends_with(AHEAD);
    if within || leads_to_limit(lead) || acts {
        return Some(true);
    }
    if LONGER_UNITS.contains(&term) {
        return Some(false);
    }
    let lead_tail: String = {
        let chars: Vec<char> = lead.chars().collect();
        chars[chars.len().saturating_sub(4)..].iter().collect()
    };
    let hours = HOURS_BEFORE.iter().any(|w| lead_tail.contains(w))
        || HOURS_AFTER.iter().any(|w| after.trim_start().starts_with(w));
    Some(!hours)
}

/// The phrase around a unit of time at `at` (`len` bytes) for a message: a few characters
/// before and after, within its clause.
fn phrase(text: &str, at: usize, len: usize) -> String {
    let stop = |c: char| "，。；：,.;:！？!?\n（）()".contains(c);
    let before: String = {
        let v: Vec<char> = text[..at].chars().rev().take_while(|&c| !stop(c)).take(8).collect();
        v.into_iter().rev().collect()
    };
    let after: String = text[at + len..].chars().take_while(|&c| !stop(c)).take(4).collect();
    format!("{}{}{}", before.trim_start(), &text[at..at + len], after.trim_end())
}

/// [`section_range`], or else the heading the sections rule names as probably the section
/// (`门禁响应时间` for 响应时限, similarity 0.4-0.6, reported there as a warning): its wording
/// is read there rather than left unchecked. The place is named as a phrase: “响应时限”一节,
/// or “门禁响应时间”一节（可能即“响应时限”）.
fn probable_section_range(
    ctx: &Ctx,
    doc: &Document,
    document: &str,
    heading_id: &str,
) -> Option<(std::ops::Range<usize>, std::ops::Range<usize>, Option<Text>)> {
    let catalogue = ctx.standard.document(document)?;
    let k = catalogue.headings.iter().position(|h| h.id == heading_id)?;
    let def = &catalogue.headings[k];
    let (i, near) = match super::sections::catalogue_matches(doc, catalogue)[k] {
        Found::Yes(i, _) => (i, false),
        Found::Near(i, _) => (i, true),
        Found::No => return None,
    };
    let h = &doc.headings[i];
    let place = if near {
        t!(
            "“{heading}”一节（可能即“{name}”）",
            "section “{heading}” (probably “{name}”)",
            heading = h.raw.trim(),
            name = def.name
        )
    } else {
        t!("“{name}”一节", "section “{name}”", name = def.name)
    };
    Some((h.body.clone(), h.span.clone(), Some(place)))
}

/// The body range of a catalogue heading, the heading's own span, and its name.
pub fn section_range(
    ctx: &Ctx,
    doc: &Document,
    document: &str,
    heading_id: &str,
) -> Option<(
    std::ops::Range<usize>,
    std::ops::Range<usize>,
    Option<crate::i18n::Text>,
)> {
    let catalogue = ctx.standard.document(document)?;
    let k = catalogue.headings.iter().position(|h| h.id == heading_id)?;
    let def = &catalogue.headings[k];
    let i = super::sections::catalogue_matches(doc, catalogue)[k].index()?;
    let h = &doc.headings[i];
    Some((h.body.clone(), h.span.clone(), Some(def.name.clone())))
}

#[cfg(test)]
mod tests {
    use super::{phrase, states_limit};

    fn limit(text: &str, term: &str) -> bool {
        text.match_indices(term).any(|(i, _)| states_limit(text, i, term))
    }

    #[test]
    fn a_time_limit_is_a_deadline_not_hours_of_service() {
        let units = ["工作日", "小时", "日内", "天内"];
        let any = |t: &str| units.iter().any(|u| limit(t, u));
        for t in [
            "接到投诉后24小时内予以回复。",
            "一般投诉2小时内响应。",
            "处理期限不超过15个工作日。",
            "自受理之日起5个工作日内办结。",
            "书面投诉两日内答复。",
            "办结时限为 3.5 个工作日。",
            "一般事项3天内处理完毕。",
            "承诺时限15个工作日",
            "于次工作日反馈处理结果。",
        ] {
            assert!(any(t), "{t}");
        }
        for t in [
            "服务热线全天12小时接听。",
            "提供7×24小时服务热线。",
            "热线每天8小时有人值守。",
            "24小时服务热线：0755-12345。",
            "投诉电话（工作日9:00-17:00）。",
            "全年累计培训120小时。",
        ] {
            assert!(!any(t), "{t}");
        }
    }

    #[test]
    fn days_weeks_and_months_are_a_limit_only_when_written_as_one() {
        let any = |t: &str| super::UNITS_OF_TIME.iter().any(|u| limit(t, u));
        for t in [
            "要在一周之内作出答复。",
            "三星期内处理完毕。",
            "一个月内办结。",
            "处理期限不超过一个月。",
            // Days (trust13 sp-hebei-chaxin, trust6 oh-graduation).
            "本中心提供查新报告的时限为7天（节假日顺延）。",
            "要在5天内给予解决。",
            "初始响应时间必须小于或等于14天。",
            "一般事项3天办结。",
        ] {
            assert!(any(t), "{t}");
        }
        for t in [
            "第二周开展回访。",
            "周一至周五9:00-17:00。",
            "星期一上午受理。",
            "开展3个月的培训。",
            "每周汇总一次。",
            "版本发布前，需提前4天通过邮件发送材料。",
            "这部分内容耗时在每份半天左右。",
            "停止注册用户所享有的服务2天至60天不等。",
            "提前3天办理预约手续。",
            "当天的来电记录存档。",
        ] {
            assert!(!any(t), "{t}");
        }
    }

    #[test]
    fn the_same_or_next_day_is_a_limit_when_an_action_follows() {
        let any = |t: &str| super::UNITS_OF_TIME.iter().any(|u| limit(t, u));
        for t in [
            "不能现场答复的，要在当日或次日给予答复。",
            "简单投诉当场答复。",
            "一般事项当天办结。",
            "材料齐全的当日受理。",
        ] {
            assert!(any(t), "{t}");
        }
        for t in [
            "由当日值班人员负责登记。",
            "本制度自印发次日起施行。",
            "当天的来电记录存档。",
            "当场签字确认。",
            "非工作时间的电话投诉由语音信箱记录，次日上午统一处理。",
        ] {
            assert!(!any(t), "{t}");
        }
    }

    #[test]
    fn a_unit_without_a_quantity_is_no_time_at_all() {
        // `偏小时` (when it is small): no number of hours, neither limit nor hours.
        let t = "但可能在内存偏小时触发 OOM。";
        assert_eq!(super::read_time(t, t.find("小时").unwrap(), "小时"), None);
        let t = "服务热线全天12小时接听。";
        assert_eq!(super::read_time(t, t.find("小时").unwrap(), "小时"), Some(false));
    }

    #[test]
    fn the_phrase_read_is_named() {
        let t = "服务热线全天12小时接听，欢迎来电。";
        let at = t.find("小时").unwrap();
        assert_eq!(phrase(t, at, "小时".len()), "服务热线全天12小时接听");
    }
}
