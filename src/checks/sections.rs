//! `sections`: a document has the required headings (with zh/en aliases), optionally in order.

use super::{Ctx, Ranges, RuleResult};
use crate::t;
use serde_json::{json, Value};
use super::keywords::{
    deadline_at, states_limit, ACKNOWLEDGING, DEADLINE_ACTIONS, ISSUING, NAMING_A_LIMIT, UNITS_OF_TIME,
};
use super::registry::Kind;
use crate::finding::{Finding, Location, Outcome, Severity};
use crate::i18n::Text;
use crate::standard::{DocDef, HeadingDef};
use crate::submission::document::is_appendix;
use crate::submission::heading_match::{
    assign, cjk, core, evidence, joined_part_near, lead_in, loosely_names, score, Found, EVIDENCE,
    LOOSE, MATCH, NEAR,
};
use crate::submission::Document;
use crate::standard::describe::CohortValue;
use crate::standard::standard_format_schema::{d, document_param, r};
use crate::standard::{Params, Standard};

/// Parameters of a `sections` check.
#[derive(Debug, Clone)]
pub struct Sections {
    pub document: String,
    /// Heading ids; the catalogue's required headings when the rule lists none.
    pub headings: Vec<String>,
    pub ordered: bool,
}

impl Kind for Sections {
    const NAME: &'static str = "sections";

    fn summary() -> Text {
        Text::new(
            "文档包含所要求的章节（可要求顺序）",
            "a document has the required sections (in order, when asked)",
        )
    }

    fn schema() -> Value {
        json!({
            "required": ["document"],
            "properties": {
                "document": document_param(),
                "headings": d(r("strings"), "章节编号（默认：目录中的必需章节）", "heading ids (default: the catalogue's required headings)"),
                "ordered": d(json!({"type": "boolean"}), "是否须按顺序", "whether they must be in order")
            }
        })
    }

    fn example() -> &'static str {
        "{kind: sections, document: complaint_handling, ordered: false}"
    }

    fn load(p: &mut Params) -> Option<Self> {
        let document = p.document("document")?;
        let headings = p.texts("headings");
        let known: Option<Vec<String>> = p
            .documents()
            .iter()
            .find(|d| d.id == document)
            .map(|d| d.headings.iter().map(|h| h.id.clone()).collect());
        if let Some(known) = known {
            for h in &headings {
                if !known.contains(h) {
                    p.error(
                        "headings",
                        t!(
                            "文档 `{document}` 没有章节 `{h}`",
                            "unknown heading `{h}` of document `{document}`",
                            h = h,
                            document = document
                        ),
                    );
                }
            }
        }
        Some(Sections {
            document,
            headings,
            ordered: p.flag("ordered", false),
        })
    }

    fn describe(&self, standard: &Standard, _: &mut Vec<CohortValue>) -> (Text, Option<(String, String)>) {
        let Sections { document, headings, ordered } = self;
        let name = standard.document_name(document);
        let wanted: Vec<(&str, &[String])> = standard
            .document(document)
            .map(|d| {
                d.headings
                    .iter()
                    .filter(|h| if headings.is_empty() { h.required } else { headings.contains(&h.id) })
                    .map(|h| (h.name.zh.as_str(), h.aliases.as_slice()))
                    .collect()
            })
            .unwrap_or_default();
        // Every wording each is accepted in: a missing section's message names a few.
        let listed = |or: &str, open: &str, close: &str, (sep, between): (&str, &str)| -> String {
            let any = wanted.iter().any(|(_, aliases)| !aliases.is_empty());
            wanted
                .iter()
                .map(|(h, aliases)| match aliases.len() {
                    0 => h.to_string(),
                    _ => format!("{h}{open}{or}{}{close}", aliases.join(sep)),
                })
                .collect::<Vec<_>>()
                .join(if any { between } else { sep })
        };
        let order = if *ordered { ("，且按此顺序", ", in this order") } else { ("", "") };
        let pass: Vec<String> = wanted.iter().enumerate().map(|(i, (h, _))| format!("## {} {h}", i + 1)).collect();
        let fail: Vec<String> = pass.iter().skip(1).cloned().collect();
        (
            t!("《{name}》包含章节：{sections}{order}", "the {name} has the sections: {sections}{order}", name = name, sections = Text::new(listed("或：", "（", "）", ("、", "；")), listed("or: ", " (", ")", (", ", "; "))), order = Text::new(order.0, order.1)),
            Some((pass.join("\n"), fail.join("\n"))),
        )
    }

    fn run(&self, ctx: &Ctx) -> RuleResult {
        run(self, ctx)
    }
}

fn run(check: &Sections, ctx: &Ctx) -> RuleResult {
    let Sections {
        document,
        headings,
        ordered,
    } = check;
    let doc = match ctx.document(document) {
        Ok(d) => d,
        Err(r) => return r,
    };
    let Some(def) = ctx.standard.document(document) else {
        return RuleResult::error(t!(
            "未知文档类型 `{document}`",
            "unknown document type `{document}`",
            document = document
        ));
    };
    let wanted: Vec<_> = def
        .headings
        .iter()
        .filter(|h| {
            if headings.is_empty() {
                h.required
            } else {
                headings.contains(&h.id)
            }
        })
        .collect();
    let all = catalogue_matches(doc, def);
    let matches: Vec<Found> = def
        .headings
        .iter()
        .zip(&all)
        .filter(|(h, _)| wanted.iter().any(|w| w.id == h.id))
        .map(|(_, f)| *f)
        .collect();
    let found: Vec<Option<usize>> = matches.iter().map(|f| f.index()).collect();
    let mut findings = Vec::new();
    // Findings that do not fail the rule: the section is there, worded or placed otherwise.
    let mut advisory = 0;
    let soft = ctx.rule.severity.min(Severity::Warning);
    // The numbered items inside paragraphs, found when a section is first missed.
    let mut inline: Option<Vec<InlineItem>> = None;
    // The articles of a document written as a regulation, found when a section is first
    // missed past the other readings.
    let mut regulation: Option<Vec<Article>> = None;
    if doc.plain_headings > 0 {
        if let Some(first) = doc.headings.iter().find(|h| h.plain) {
            let mut f = ctx.finding(
                t!(
                    "《{document}》的标题是普通文字行（如“{first}”），已按标题读取；建议改用 Markdown 标题（“## {heading}”）",
                    "the {document} writes its headings as plain lines (such as “{first}”); they were read as headings, but Markdown headings (“## {heading}”) are better",
                    document = def.name,
                    first = first.raw,
                    heading = without_emphasis(&first.raw)
                ),
                Some(t!("普通文字行作标题", "a plain line as a heading")),
                Some(ctx.location_in(doc, first.span.clone())),
            );
            f.severity = Severity::Info;
            findings.push(f);
            advisory += 1;
        }
    }
    for (i, h) in wanted.iter().enumerate() {
        if found[i].is_some() || titled_by(doc, &h.name.zh, &def.name.zh) {
            continue;
        }
        if let Found::Near(j, score) = matches[i] {
            let how = t!(
                "可能就是它（相似度 {score}）",
                "probably is (similarity {score})",
                score = format!("{score:.2}")
            );
            advise(&mut findings, &mut advisory, soft, near_miss(ctx, doc, def, h, j, how));
            continue;
        }
        let wordings: Vec<&str> = h.wordings().collect();
        // `####一、总则`: a heading a reader sees, which Markdown does not read for want of
        // the space after its `#`s.
        if let Some((pos, end)) = unspaced_heading(doc, &wordings) {
            let loc = ctx.location_in(doc, pos..end);
            let line = doc.text[pos..end].trim_end();
            let text = line.trim_start_matches('#');
            let fixed = format!("{} {}", &line[..line.len() - text.len()], text);
            advise(&mut findings, &mut advisory, soft, ctx.finding(
                t!(
                    "《{document}》第 {line} 行的“{written}”是“{section}”的标题，但 # 号后缺少空格，不能作为 Markdown 标题读取：请改为“{fixed}”",
                    "the {document} has “{written}” at {file}:{line}, the heading of “{section_zh}” ({section}), but without a space after its #s Markdown does not read it as a heading: write “{fixed}”",
                    document = def.name,
                    section = h.name,
                    section_zh = h.name.zh,
                    written = line,
                    fixed = fixed,
                    file = loc.file,
                    line = loc.line
                ),
                Some(t!("# 号后缺少空格", "no space after the #s")),
                Some(loc),
            ));
            continue;
        }
        if let Some(pos) = lead_in_position(doc, &wordings) {
            let end = doc.text[pos..].find('\n').map_or(doc.text.len(), |e| pos + e);
            let loc = ctx.location_in(doc, pos..end);
            // The line quoted, and the heading it is under when there is one: a text of
            // articles has none (`第七条 投诉渠道`).
            let lead = excerpt(doc.text[pos..end].trim(), 16);
            let place = match doc.headings.iter().rfind(|g| g.span.start <= pos) {
                Some(under) => t!(
                    "“{under}”之下的“{lead}”处（{file}:{line}）",
                    "under “{under}”, at “{lead}” ({file}:{line})",
                    under = under.raw,
                    lead = lead,
                    file = loc.file,
                    line = loc.line
                ),
                None => t!(
                    " {file}:{line} 的“{lead}”处",
                    "at “{lead}” ({file}:{line})",
                    lead = lead,
                    file = loc.file,
                    line = loc.line
                ),
            };
            let message = t!(
                "《{document}》没有“{section}”标题，但其内容似乎写在{place}：请为其加上标题",
                "the {document} has no heading “{section_zh}” ({section}), but its content seems to be {place}: give it its own heading",
                document = def.name,
                section = h.name,
                section_zh = h.name.zh,
                place = place
            );
            advise(&mut findings, &mut advisory, soft, ctx.finding(
                message,
                Some(t!("“{section}”的内容", "the content of “{section}”", section = h.name.zh)),
                Some(loc),
            ));
            continue;
        }
        // A numbered item inside a paragraph (`……。4、投诉受理。……`): a document pasted
        // from Word as one paragraph, its headings run into the text.
        let items = inline.get_or_insert_with(|| inline_items(doc));
        if let Some((pos, end, item, score)) = inline_item_of(items, &wanted, i, &found) {
            let loc = ctx.location_in(doc, pos..end);
            let how = if score >= MATCH {
                t!("写的就是它", "which is that section")
            } else {
                t!(
                    "可能就是它（相似度 {score}）",
                    "which probably is that section (similarity {score})",
                    score = format!("{score:.2}")
                )
            };
            advise(&mut findings, &mut advisory, soft, ctx.finding(
                t!(
                    "《{document}》没有“{section}”标题，但 {file}:{line} 的段落中有编号条目“{item}”，{how}：请将该条目另起一行，改为标题“## {item}”",
                    "the {document} has no heading “{section_zh}” ({section}), but the paragraph at {file}:{line} holds the numbered item “{item}”, {how}: put the item on a line of its own as the heading “## {item}”",
                    document = def.name,
                    section = h.name,
                    section_zh = h.name.zh,
                    item = item,
                    how = how,
                    file = loc.file,
                    line = loc.line
                ),
                Some(t!("段落中的编号条目“{item}”", "the numbered item “{item}” inside a paragraph", item = item)),
                Some(loc),
            ));
            continue;
        }
        // The opening articles of a regulation without chapters (`第一条 为规范……，制定本
        // 制度。`): its general provisions, written without their heading.
        if wordings.iter().any(|w| core(w) == GENERAL_PROVISIONS) {
            let first_found = found.iter().flatten().map(|&j| doc.headings[j].span.start).min();
            if let Some((pos, end)) = general_provisions(doc).filter(|(p, _)| first_found.is_none_or(|f| *p < f)) {
                let loc = ctx.location_in(doc, pos..end);
                let article = article_name(&doc.text[pos..end]);
                advise(&mut findings, &mut advisory, soft, ctx.finding(
                    t!(
                        "《{document}》没有“{section}”标题，但 {file}:{line} 的“{article}”写明了制定目的、依据或适用范围，即{section}的内容：建议在其前加上标题“## {section}”",
                        "the {document} has no heading “{section_zh}” ({section}), but “{article}” at {file}:{line} states the purpose, basis or scope, which is what that section holds: add the heading “## {section_zh}” before it",
                        document = def.name,
                        section = h.name,
                        section_zh = h.name.zh,
                        article = article,
                        file = loc.file,
                        line = loc.line
                    ),
                    Some(t!("“{section}”的内容", "the content of “{section}”", section = h.name.zh)),
                    Some(loc),
                ));
                continue;
            }
        }
        // The content written as paragraphs under another heading (减免 inside 收费标准).
        let aliases: Vec<&str> = h.aliases.iter().map(String::as_str).collect();
        let keywords: Vec<&str> = h.keywords.iter().map(String::as_str).collect();
        if let Some((pos, terms)) = content_elsewhere(doc, &h.name.zh, &aliases, &keywords) {
            let end = doc.text[pos..].find('\n').map_or(doc.text.len(), |e| pos + e);
            let loc = ctx.location_in(doc, pos..end);
            let under = doc.headings.iter().rfind(|g| g.span.start <= pos);
            let under = match under {
                Some(g) => t!("“{heading}”一节", "the section “{heading}”", heading = g.raw),
                // Before the first heading; a text without headings is all one.
                None if doc.headings.is_empty() => t!("正文", "the text"),
                None => t!("文档开头", "the opening text"),
            };
            let what = t!(
                "{under}写到了{found}",
                "{under} covers it {found}:",
                under = under,
                found = terms_at(&terms, &loc)
            );
            let f = written_elsewhere(ctx, def, h, Written::InParagraphs, what, None, loc);
            advise(&mut findings, &mut advisory, soft, f);
            continue;
        }
        // The section written as several headings, each one of its parts (`二、电话投诉`,
        // `三、现场投诉地点` for 投诉渠道).
        if let Some(parts) = headings_of_parts(doc, &all, &keywords) {
            let first = &doc.headings[parts[0].0];
            let loc = ctx.location_in(doc, first.span.clone());
            let headings: Vec<String> = parts.iter().map(|(j, _)| doc.headings[*j].raw.clone()).collect();
            let terms: Vec<String> = parts.iter().map(|(_, t)| t.to_string()).collect();
            let what = t!(
                "标题{headings_zh}分别写到了{found}",
                "the headings {headings} each name a part of it {found}:",
                headings_zh = quote_each(&headings),
                headings = headings.iter().map(|h| format!("“{h}”")).collect::<Vec<_>>().join(", "),
                found = terms_at(&terms, &loc)
            );
            let label = t!("“{section}”的一部分", "a part of “{section}”", section = h.name.zh);
            let f = written_elsewhere(ctx, def, h, Written::AsHeadings, what, Some(label), loc);
            advise(&mut findings, &mut advisory, soft, f);
            continue;
        }
        // A regulation written as articles (`第十四条 …`) rather than in the standard's
        // sections: a chapter whose title names the section's step among others (`第四章
        // 受理办理和督办考核`), else an article that writes its content.
        let articles = regulation.get_or_insert_with(|| articles(doc));
        if written_as_articles(articles, &found) {
            let words = name_words(&h.name.zh, &def.name.zh);
            if let Some((j, word)) = heading_naming(doc, &all, &words) {
                let g = &doc.headings[j];
                let loc = ctx.location_in(doc, g.span.clone());
                let what = t!(
                    " {file}:{line} 的标题“{heading}”写到了“{word}”，其下的条文可能包含该内容",
                    "the heading “{heading}” at {file}:{line} names “{word}”: its articles probably hold that content;",
                    heading = g.raw,
                    word = word,
                    file = loc.file,
                    line = loc.line
                );
                let label = t!("可能包含“{section}”", "probably holds “{section}”", section = h.name.zh);
                let f = written_elsewhere(ctx, def, h, Written::InArticles, what, Some(label), loc);
                advise(&mut findings, &mut advisory, soft, f);
                continue;
            }
            if let Some((k, terms)) = article_covering(doc, articles, &words, &aliases, &keywords, &def.name.zh) {
                let (pos, end, number) = &articles[k];
                let line_end = doc.text[*pos..*end].find('\n').map_or(*end, |e| pos + e);
                let loc = ctx.location_in(doc, *pos..line_end);
                let what = t!(
                    " {file}:{line} 的“{article}”写到了{terms_zh}",
                    "“{article}” at {file}:{line} covers it ({terms}):",
                    article = number,
                    terms_zh = quote_each(&terms),
                    terms = terms.join(", "),
                    file = loc.file,
                    line = loc.line
                );
                let f = written_elsewhere(ctx, def, h, Written::InArticles, what, None, loc);
                advise(&mut findings, &mut advisory, soft, f);
                continue;
            }
        }
        // A short heading that opens with the section's step (`（二）受理审查`, `一、受理内容`
        // for 服务受理), or ends with one of its terms (`4.委托测试`, `7.领取测试结果`):
        // probably the section, worded otherwise.
        let steps = name_words(&h.name.zh, &def.name.zh);
        let steps: Vec<&str> = steps.iter().map(String::as_str).collect();
        // A unit of time is no term a heading is about (`3个工作日`).
        let terms: Vec<&str> = keywords
            .iter()
            .copied()
            .filter(|k| !UNITS_OF_TIME.contains(k) && cjk(k) >= 2)
            .collect();
        let opening = short_heading_with(doc, &all, &steps, Place::Opening);
        if let Some((j, word)) = opening.or_else(|| short_heading_with(doc, &all, &terms, Place::Ending)) {
            let how = t!("写到了“{word}”，可能就是它", "names “{word}” and probably is", word = word);
            advise(&mut findings, &mut advisory, soft, near_miss(ctx, doc, def, h, j, how));
            continue;
        }
        // Point at the heading that should follow the missing one, else the last heading.
        let next = found[i + 1..].iter().flatten().next().copied();
        let anchor = next.or_else(|| found[..i].iter().flatten().last().copied());
        let (span, label) = match (next, anchor) {
            (Some(n), _) => (
                doc.headings[n].span.clone(),
                t!("应在此标题之前", "expected before this heading"),
            ),
            (None, Some(a)) => (
                doc.headings[a].span.clone(),
                t!("应在此标题之后", "expected after this heading"),
            ),
            _ => (0..0, t!("此文档中", "in this document")),
        };
        // The first few wordings: `sscheck explain` lists them all.
        let named = &aliases[..aliases.len().min(NAMED_ALIASES)];
        let more = aliases.len() > named.len();
        let alias_zh = if aliases.is_empty() {
            String::new()
        } else {
            format!("（或：{}{}）", named.join("、"), if more { "等" } else { "" })
        };
        let alias_en = if aliases.is_empty() {
            String::new()
        } else {
            format!(" (or: {}{})", named.join(", "), if more { ", …" } else { "" })
        };
        findings.push(ctx.finding(
            t!(
                "《{document}》缺少必需章节“{section}”{aliases}",
                "the {document} lacks the required section “{section_zh}” ({section}){aliases}",
                document = def.name,
                section = h.name,
                section_zh = h.name.zh,
                aliases = crate::i18n::Text::new(alias_zh, alias_en)
            ),
            Some(label),
            Some(ctx.location_in(doc, span)),
        ));
    }
    if *ordered {
        let mut last: Option<usize> = None;
        for (i, pos) in found.iter().enumerate() {
            let Some(p) = *pos else { continue };
            if let Some(l) = last {
                if p < l {
                    findings.push(ctx.finding(
                        t!(
                            "章节“{section}”的位置不对：应在“{after}”之后",
                            "section “{section}” is out of order: it belongs after “{after}”",
                            section = wanted[i].name.zh,
                            after = doc.headings[l].raw
                        ),
                        Some(t!("顺序错误", "out of order")),
                        Some(ctx.location_in(doc, doc.headings[p].span.clone())),
                    ));
                    continue;
                }
            }
            last = Some(p);
        }
    }
    let hard = findings.len() - advisory;
    let mut result = RuleResult::from_findings(findings);
    if hard == 0 {
        result.outcome = Outcome::Pass;
    }
    result
}

/// A plain line's title without the bold that made it look like a heading
/// (`**一、总则**`, `__一、总则：__`): a Markdown heading needs no emphasis.
fn without_emphasis(raw: &str) -> &str {
    let t = raw.trim();
    let bare = t.trim_end_matches(['：', ':']);
    for mark in ["**", "__"] {
        if let Some(inner) = bare.strip_prefix(mark).and_then(|i| i.strip_suffix(mark)) {
            if !inner.contains(mark) {
                return inner.trim().trim_end_matches(['：', ':']);
            }
        }
    }
    t
}

/// Which heading of `doc` each heading of the catalogue entry `def` is (all of them, so a
/// heading is never taken by two sections). A heading that names a piece of code is no near
/// miss of a section: technical documents title a part by the metric, setting or function it
/// describes (`` #### `PD_tidb_handle_requests_duration` ``), and the letters it shares with
/// a section's English name (handle, handling) do not make it that section.
///
/// Nor is a heading near a section only through the letters it shares with an English
/// wording: a Chinese heading is near what its Chinese words are near, and an English one
/// near what it shares words with. Pairs of Latin letters say little (`Server` shares `er`,
/// `rv`, `ve` with “Service delivery”, `Transaction` half its pairs with “Intake and
/// registration”, `设置全部 store 的 limit` some with “Time limits”).
///
/// In a document written in Chinese, a heading in Latin letters all of one case
/// (`### BACKUP`, `### CREATE TABLE`, `### restore`) is a keyword or command of the
/// software it documents, not a section's title worded in English ([`code_word`]).
pub fn catalogue_matches(doc: &Document, def: &DocDef) -> Vec<Found> {
    let wanted: Vec<Vec<&str>> = def.headings.iter().map(|h| h.wordings().collect()).collect();
    let mut found = doc.match_headings(&wanted);
    let mut chinese: Option<bool> = None;
    for (f, wordings) in found.iter_mut().zip(&wanted) {
        if let Found::Near(j, _) = *f {
            let h = &doc.headings[j];
            let code = names_code(&doc.text[h.span.clone()], &h.raw)
                || (code_word(&h.raw)
                    && *chinese.get_or_insert_with(|| doc.headings.iter().any(|g| cjk(&g.raw) > 0)));
            if code
                || !near_in_its_script(&h.raw, wordings)
                || near_only_by_topic(&h.raw, wordings, &def.name.zh)
            {
                *f = Found::No;
            }
        }
    }
    // A section not found may be a heading that names it loosely (`一、2023年工作情况` for
    // a yearly report's main results): a near miss, never the section. Not a heading taken
    // by another section, the document's title or an appendix.
    let titles = doc.headings.iter().filter(|g| g.level == 1).count();
    for (k, h) in def.headings.iter().enumerate() {
        if found[k] != Found::No || h.near.is_empty() {
            continue;
        }
        let loose = doc.headings.iter().enumerate().find(|(j, g)| {
            let title = *j == 0 && g.level == 1 && titles == 1 && doc.headings.len() > 1;
            !title
                && !is_appendix(&g.raw)
                && !found.iter().any(|f| f.index() == Some(*j))
                && h.near.iter().any(|w| loosely_names(&g.raw, w))
        });
        if let Some((j, _)) = loose {
            found[k] = Found::Near(j, LOOSE);
        }
    }
    found
}

/// Whether a heading that joins topics (`价格检查和服务`) is near a section only through a
/// part that is a word of the document's own name (`服务` of 服务目录与收费标准): that word
/// is what every section of the document is about, and says nothing of which one it is.
fn near_only_by_topic(heading: &str, wordings: &[&str], document: &str) -> bool {
    let mut by_part = false;
    for w in wordings.iter().filter(|w| cjk(w) > 0) {
        match joined_part_near(heading, w) {
            Some(part) if document.contains(&part) => by_part = true,
            Some(_) => return false,
            None if score(heading, w) >= NEAR => return false,
            None => {}
        }
    }
    by_part
}

/// Whether a heading is Latin words all in capitals or all in small letters (`BACKUP`,
/// `CREATE TABLE`, `br restore`): how code writes keywords, privileges and commands; a
/// title in English capitalises its first word only or each word (`Backup and recovery`).
fn code_word(raw: &str) -> bool {
    let letters = || raw.chars().filter(char::is_ascii_alphabetic);
    cjk(raw) == 0
        && letters().count() >= 2
        && (letters().all(|c| c.is_ascii_uppercase()) || letters().all(|c| c.is_ascii_lowercase()))
}

/// Whether a heading is near one of a section's wordings in the heading's own script: a
/// heading holding Chinese by the score of the Chinese wordings, one in Latin letters by
/// the words it shares with the other wordings ([`word_similarity`]).
fn near_in_its_script(heading: &str, wordings: &[&str]) -> bool {
    if cjk(heading) > 0 {
        wordings
            .iter()
            .filter(|w| cjk(w) > 0)
            .any(|w| score(heading, w) >= NEAR)
    } else {
        wordings
            .iter()
            .filter(|w| cjk(w) == 0)
            .any(|w| word_similarity(heading, w) >= NEAR)
    }
}

/// The Dice coefficient of the words of two English texts: lower case, a plural's `s`
/// dropped, and the little words (`and`, `of`, `the` ...) left out.
///
/// One word in common is no nearness unless one of the texts is that word alone (`Backup`
/// for “Backup and recovery”): a heading that says other things and shares one common word
/// with a wording (`Date and Time Literals`, `Time limits`) is about something else, as two
/// Chinese headings sharing one two-character word are ([`dice`](crate::submission::heading_match::dice)).
fn word_similarity(a: &str, b: &str) -> f64 {
    const LITTLE: [&str; 12] = ["a", "an", "and", "by", "for", "in", "of", "on", "or", "the", "to", "with"];
    let words = |s: &str| -> Vec<String> {
        let mut v: Vec<String> = s
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| {
                let w = w.to_ascii_lowercase();
                match w.strip_suffix('s') {
                    Some(stem) if stem.len() >= 3 && !stem.ends_with('s') => stem.to_string(),
                    _ => w,
                }
            })
            .filter(|w| !LITTLE.contains(&w.as_str()))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let (x, y) = (words(a), words(b));
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    let shared = x.iter().filter(|w| y.contains(w)).count();
    if shared < 2 && x.len() > 1 && y.len() > 1 {
        return 0.0;
    }
    2.0 * shared as f64 / (x.len() + y.len()) as f64
}

/// Whether a heading names a piece of code: its text is one inline code span
/// (`` ## `tidb_gc_life_time` ``), or one identifier joined by underscores
/// (`PD_tidb_handle_requests_duration`). `line` is the heading as written, `raw` its text.
fn names_code(line: &str, raw: &str) -> bool {
    let text = line
        .trim()
        .trim_start_matches('#')
        .trim_end_matches('#')
        .trim();
    let span = text.len() > 2
        && text.starts_with('`')
        && text.ends_with('`')
        && !text.trim_matches('`').contains('`');
    let identifier = raw.contains('_')
        && raw
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | ':'));
    span || identifier
}

/// The heading lines of `doc`, to ask of each line of a long document whether it is one
/// in logarithmic time: asking every heading for every line took minutes on a document
/// of many short sections.
fn heading_lines(doc: &Document) -> Ranges {
    Ranges::new(
        doc.headings
            .iter()
            .map(|h| h.span.start..h.span.end.max(h.span.start + 1))
            .collect(),
    )
}

/// The span of a line, outside fenced code, that would be a heading of one of the wordings
/// but for the space Markdown wants after its `#`s (`####一、总则`, `##服务受理`): one to six
/// `#`, then the heading's text at once.
fn unspaced_heading(doc: &Document, wordings: &[&str]) -> Option<(usize, usize)> {
    let code = Ranges::new(crate::text::fenced_blocks(&doc.text));
    let mut offset = 0;
    for line in crate::text::lines_inclusive(&doc.text) {
        let start = offset;
        offset += line.len();
        let t = line.trim_start();
        if code.contains(start) {
            continue;
        }
        let text = t.trim_start_matches('#');
        let hashes = t.len() - text.len();
        if !(1..=6).contains(&hashes) || text.starts_with(char::is_whitespace) || text.trim().is_empty() {
            continue;
        }
        let text = text.trim().trim_end_matches('#').trim();
        if wordings.iter().any(|w| score(text, w) >= MATCH) {
            let indent = line.len() - t.len();
            return Some((start + indent, start + line.trim_end().len()));
        }
    }
    None
}

/// The start of a line of the text ([`Body`]) that opens with one of the wordings
/// (`服务受理：…`, `**服务受理**`).
fn lead_in_position(doc: &Document, wordings: &[&str]) -> Option<usize> {
    let body = Body::of(doc);
    let mut offset = 0;
    for line in crate::text::lines_inclusive(&doc.text) {
        let start = offset;
        offset += line.len();
        if body.skips(start) {
            continue;
        }
        let t = line.trim();
        if !t.is_empty() && lead_in(t, wordings) {
            return Some(start + line.len() - line.trim_start().len());
        }
    }
    None
}

/// The lines of a document that are its text: neither headings, nor appendices (a form's
/// blanks and captions are the form's), nor a table of contents (its entries name the
/// sections).
struct Body {
    headings: Ranges,
    appendix: Ranges,
    contents: std::ops::Range<usize>,
}

impl Body {
    fn of(doc: &Document) -> Body {
        Body {
            headings: heading_lines(doc),
            appendix: Ranges::new(
                doc.headings
                    .iter()
                    .filter(|h| is_appendix(&h.raw))
                    .map(|h| h.span.start..h.body.end)
                    .collect(),
            ),
            contents: doc.contents.clone(),
        }
    }

    /// Whether the line starting at `start` is left out.
    fn skips(&self, start: usize) -> bool {
        self.headings.contains(start) || self.appendix.contains(start) || self.contents.contains(&start)
    }
}

/// The name a general-provisions section goes by, which its opening articles may stand
/// for ([`general_provisions`]).
const GENERAL_PROVISIONS: &str = "总则";

/// The most characters of a title line, and the most title lines ([`content_elsewhere`]).
const TITLE_CHARS: usize = 40;
const TITLE_LINES: usize = 3;
/// Marks of a sentence or a lead-in, which a title line holds none of.
const SENTENCE_MARKS: [char; 7] = ['。', '；', '，', '：', ';', ',', ':'];

/// The fewest letters an inline item ([`inline_items`]) holds after its caption: a
/// sentence, not a list of names.
const ITEM_CONTENT: usize = 10;

/// A numbered item written inside a paragraph: the span of its number and caption, and
/// the two as written (`4、投诉受理`).
type InlineItem = (usize, usize, String);

/// The numbered items a paragraph runs on into (`……认真做好登记。 5、投诉受理时限 督查科
/// ……`, `……。（三）调查处理：……`): a number after the end of a sentence, then a caption
/// of two to fifteen characters ended by punctuation or a space. A document pasted from
/// Word as one long paragraph keeps its headings so. A number in Chinese numerals
/// (`一、`, `（一）`, `第一条`) may follow a space instead, as the first one follows a title
/// run into the text (`——2007年工作总结和2008年工作安排 一、2007年工作回顾 2007年是…`);
/// Arabic digits after a space are as often a figure (`共 3、4 两项`). Lines of fenced
/// code, headings and appendices are left out.
fn inline_items(doc: &Document) -> Vec<InlineItem> {
    static ITEM: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let item = ITEM.get_or_init(|| {
        const CHINESE: &str = r"第[一二三四五六七八九十百零〇两\d]{1,5}条|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]";
        regex::Regex::new(&format!(
            r"[。；;！？!?][ \t　]*({CHINESE}|\d{{1,2}}(?:[、.．]\d{{1,2}})*[、.．]|[①-⑳])|[^\s][ \t　]+({CHINESE})",
        ))
        .expect("static regex")
    });
    let body = Body::of(doc);
    let code = Ranges::new(crate::text::fenced_blocks(&doc.text));
    let mut out = Vec::new();
    let mut offset = 0;
    for line in crate::text::lines_inclusive(&doc.text) {
        let start = offset;
        offset += line.len();
        if body.skips(start) || code.contains(start) || line.trim_start().starts_with('|') {
            continue;
        }
        let numbers: Vec<regex::Match> = item
            .captures_iter(line)
            .filter_map(|m| m.get(1).or_else(|| m.get(2)))
            .collect();
        for (k, number) in numbers.iter().enumerate() {
            let rest = &line[number.end()..];
            // `3.5 天` is a figure, not an item.
            if number.as_str().ends_with(['.', '．']) && rest.starts_with(|c: char| c.is_ascii_digit()) {
                continue;
            }
            let lead = rest.len() - rest.trim_start_matches([' ', '\t', '　', '*']).len();
            let words = &rest[lead..];
            let stop = words
                .find(|c: char| c.is_whitespace() || "。：:；;，,！？!?（(*".contains(c))
                .unwrap_or(words.len());
            let caption = &words[..stop];
            let n = caption.chars().count();
            // A caption opens with a word: `2、1、3辦公室…` is a number of many levels; a
            // year opens a yearly report's (`一、2023年各项工作成效`).
            let year = caption.len() > 4
                && caption.as_bytes()[..4].iter().all(u8::is_ascii_digit)
                && caption[4..].starts_with('年');
            if !(2..=15).contains(&n)
                || cjk(caption) < 2
                || stop == words.len()
                || (caption.starts_with(|c: char| c.is_ascii_digit()) && !year)
            {
                continue;
            }
            let end = number.end() + lead + stop;
            // An item holds its content up to the next one numbered alike: a list of names
            // (`……；（二）调查处理；（三）结果反馈。`) has none, and is no section; items
            // numbered otherwise are its own (`一、工作成效 （一）…`).
            let level = numbering_level(number.as_str());
            let next = numbers[k + 1..]
                .iter()
                .find(|n| numbering_level(n.as_str()) == level)
                .map_or(line.len(), |n| n.start());
            let content = line[end..next.max(end)]
                .chars()
                .filter(|c| c.is_alphanumeric())
                .count();
            if content < ITEM_CONTENT {
                continue;
            }
            let written = format!("{}{}", number.as_str(), caption);
            out.push((start + number.start(), start + end, written));
        }
    }
    out
}

/// How an inline item's number is written (`第一条`, `一、`, `（一）`, `1.`, `①`): items
/// written alike are of one level.
fn numbering_level(number: &str) -> u8 {
    match number.chars().next() {
        Some('第') => 0,
        Some('（' | '(') => 2,
        Some(c) if c.is_ascii_digit() => 3,
        Some(c) if ('①'..='⑳').contains(&c) => 4,
        _ => 1,
    }
}

/// The inline item ([`inline_items`]) that is the `i`-th wanted section, with its score:
/// the items assigned to the sections not found as headings, the way headings are.
fn inline_item_of(
    items: &[InlineItem],
    wanted: &[&crate::standard::HeadingDef],
    i: usize,
    found: &[Option<usize>],
) -> Option<(usize, usize, String, f64)> {
    if items.is_empty() {
        return None;
    }
    let wordings: Vec<Vec<&str>> = wanted
        .iter()
        .zip(found)
        .map(|(h, f)| if f.is_some() { Vec::new() } else { h.wordings().collect() })
        .collect();
    let captions: Vec<&str> = items.iter().map(|(_, _, w)| w.as_str()).collect();
    let (j, score) = match assign(&wordings, &captions, &[])[i] {
        Found::Yes(j, s) | Found::Near(j, s) => (j, s),
        Found::No => return None,
    };
    let (pos, end, written) = &items[j];
    Some((*pos, *end, written.clone(), score))
}

/// Whether the document's title names the section `name` where its type's name
/// (`document`) does not: a text wholly about that part (`信息系统数据备份与恢复管理制度`
/// as the data-security policy) is that section throughout. A name of four ideographs or
/// more only (总则 is in many titles' words), and the title is the first line, when it is
/// short and no sentence.
fn titled_by(doc: &Document, name: &str, document: &str) -> bool {
    if cjk(name) < 4 || document.contains(name) {
        return false;
    }
    let Some(first) = crate::text::lines(&doc.text).map(str::trim).find(|l| !l.is_empty()) else {
        return false;
    };
    let title: String = first
        .trim_start_matches('#')
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '*')
        .collect();
    title.chars().count() <= TITLE_CHARS
        && !title.contains(SENTENCE_MARKS)
        && title.contains(name)
}

/// The opening of a regulation written without its general-provisions heading: the first
/// line stating why and on what basis the text was made (`为规范……，根据……，制定本制度。`,
/// `……制定投诉处理制度。`) or what it applies to (`本办法适用于……`), as the start and end of
/// that line. A sentence wrapped over lines, as a text exported from Word or PDF breaks it
/// (`根据IDC办公室有` over `关文件规定，结合实际制定本办法。`), is read whole.
fn general_provisions(doc: &Document) -> Option<(usize, usize)> {
    static PURPOSE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let purpose = PURPOSE.get_or_init(|| {
        // What a regulation calls itself, after `本` and at most a few words of its name
        // (`本管理办法`, `本投诉处理制度`), not a phrase (`本节介绍的规则`).
        const KINDS: &str = "(?:制度|办法|规定|规范|细则|规则|规程|章程|条例|守则|标准|方案|流程|须知)";
        // Made as `本…` or `如下规定`, or named in full (`特制定《XX人民医院投诉处理制度》`);
        // or provisions made without the verb (`特对仪器设备预约使用做如下规定`).
        regex::Regex::new(&format!(
            r"(?:为|根据|依据|按照)[^。；;]{{0,200}}?(?:(?:制定|制订|订立)(?:本[^。；;，,的]{{0,4}}?{KINDS}|(?:如下|以下)(?:规定|制度|办法)|《[^》\n]{{1,40}}?{KINDS}》)|[作做]出?(?:如下|以下)规定)|本[^。；;，,的]{{0,4}}?{KINDS}(?:适用于|的适用范围)|适用本[^。；;，,的]{{0,4}}?{KINDS}[。；;]"
        ))
        .expect("static regex")
    });
    // The text's opening paragraph may name it in full at the end of the sentence that
    // made it (`……制定投诉处理制度。`): a preamble. Elsewhere that is any text made (a
    // notice asking units to `按照……原则制定收费标准。`), and `了` a work done. So is a
    // notice's opening: what it rests on, then `现将有关事项通知如下`.
    static PREAMBLE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let preamble = PREAMBLE.get_or_init(|| {
        regex::Regex::new(
            r"(?:^|[。；;])(?:\*\*)?(?:为|根据|依据|按照)[^。；;]{0,200}?(?:(?:制定|制订|订立)[^。；;，,的了]{1,8}?(?:制度|办法|规定|规范|细则|规则|规程|章程|条例|守则|标准|流程)(?:[。；;:：]|$)|[。；;，,](?:现|特)将[^。；;]{0,12}?通知如下)",
        )
        .expect("static regex")
    });
    let headings: Vec<usize> = doc.headings.iter().map(|h| h.span.start).collect();
    let body = Body::of(doc);
    let code = Ranges::new(crate::text::fenced_blocks(&doc.text));
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut offset = 0;
    for line in crate::text::lines_inclusive(&doc.text) {
        lines.push((offset, line));
        offset += line.len();
    }
    // Spaces a pasted text leaves between characters (`制 定 本 制 度`) aside.
    let joined = |line: &str| -> String { line.chars().filter(|c| !c.is_whitespace()).collect() };
    let mut opening = true;
    for (k, &(start, line)) in lines.iter().enumerate() {
        if body.skips(start) || code.contains(start) {
            continue;
        }
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let mut sentence = joined(line);
        // A match must start on this line: a signature or title line that a sentence
        // follows (`桂林市科学技术局` over the purpose) is not where it is written.
        let own = sentence.len();
        // The lines a sentence wraps onto: not blank, no heading or article of their own.
        for &(_, next) in lines.iter().skip(k + 1).take(WRAPPED_LINES) {
            let open = !sentence.trim_end_matches(['*', '_']).ends_with(['。', '；', ';', '！', '？', '!', '?', '：', ':']);
            let t = next.trim_start();
            if !open || t.is_empty() || t.starts_with('#') || article_number(t).is_some() || sentence.is_empty() {
                break;
            }
            sentence.push_str(&joined(next));
        }
        let starts_here = |re: &regex::Regex| re.find(&sentence).is_some_and(|m| m.start() < own);
        if starts_here(purpose) || (opening && starts_here(preamble)) {
            let indent = line.len() - line.trim_start().len();
            return Some((start + indent, start + line.trim_end().len()));
        }
        // A title (a heading, or a plain line) or a date line comes before the opening
        // paragraph; a line of prose or an addressee (`各单位：`) is it.
        let heading = headings.iter().any(|&h| (start..start + line.len()).contains(&h));
        opening &= heading || !t.contains(['。', '；', '，', '：', '！', '？']);
    }
    None
}

/// The most lines after its first that a wrapped sentence is read over.
const WRAPPED_LINES: usize = 4;

/// How a message names the line of [`general_provisions`]: its article number
/// (`第一条`), else its first words.
fn article_name(line: &str) -> String {
    if let Some(number) = article_number(line) {
        return number;
    }
    excerpt(line.trim_start_matches(|c: char| c.is_whitespace() || c == '*'), 12)
}

/// The first `n` characters of `text`, with `……` when there is more.
fn excerpt(text: &str, n: usize) -> String {
    let words: String = text.chars().take(n).collect();
    if words.len() < text.len() {
        format!("{words}……")
    } else {
        words
    }
}

/// The number of the article a line opens (`第十四条`, `**第十四条**`, `第 一 条` as a
/// pasted text spaces it), without its spaces; `None` when the line opens otherwise.
fn article_number(line: &str) -> Option<String> {
    let t = line.trim_start_matches(|c: char| c.is_whitespace() || c == '*');
    let after = t.strip_prefix('第')?;
    let k = after.char_indices().take(16).find(|&(_, c)| c == '条')?.0;
    let n: String = after[..k].chars().filter(|c| !c.is_whitespace()).collect();
    let numeral = |c: char| c.is_ascii_digit() || "０１２３４５６７８９一二三四五六七八九十百零〇两".contains(c);
    (!n.is_empty() && n.chars().count() <= 6 && n.chars().all(numeral)).then(|| format!("第{n}条"))
}

/// The fewest articles a document holds to be read as a regulation ([`articles`]): the
/// shortest rules state a purpose, a provision and when they take effect.
const FEWEST_ARTICLES: usize = 3;

/// An article of a regulation: where its text starts (its number) and ends, and its
/// number (`第十四条`).
type Article = (usize, usize, String);

/// The articles of a document (`第十四条 具有本办法规定的处理权限的……`), each running from
/// its number to the next article, heading or appendix; lines of fenced code are left out.
fn articles(doc: &Document) -> Vec<Article> {
    let body = Body::of(doc);
    let code = Ranges::new(crate::text::fenced_blocks(&doc.text));
    let mut out: Vec<Article> = Vec::new();
    let mut open = false;
    let mut offset = 0;
    for line in crate::text::lines_inclusive(&doc.text) {
        let start = offset;
        offset += line.len();
        if body.skips(start) || code.contains(start) {
            open = false;
            continue;
        }
        if let Some(number) = article_number(line) {
            let indent = line.len() - line.trim_start().len();
            out.push((start + indent, start + line.trim_end().len(), number));
            open = true;
        } else if open && !line.trim().is_empty() {
            if let Some(a) = out.last_mut() {
                a.1 = start + line.trim_end().len();
            }
        }
    }
    out
}

/// Whether a document is written as a regulation, in articles, rather than in the
/// standard's sections: it holds articles ([`FEWEST_ARTICLES`]) and fewer than half of the
/// wanted sections are its headings (`found`). Its chapters then group articles by its own
/// plan (`第四章 受理办理和督办考核`, or none at all), and a section's content is where an
/// article writes it. A document whose headings follow the standard (`## 三、受理与登记`,
/// `## 第三章 受理与登记` over its articles) is not: a section missing there is missing.
fn written_as_articles(articles: &[Article], found: &[Option<usize>]) -> bool {
    articles.len() >= FEWEST_ARTICLES && 2 * found.iter().flatten().count() < found.len()
}

/// The words of a heading: its parts between connectives (`受理和办理`: 受理, 办理), generic
/// words dropped, a part of four, six or eight ideographs read as words of two (`受理办理`:
/// 受理, 办理; `信访事项受理`: 信访, 事项, 受理), as Chinese compounds are made.
fn words_of(text: &str) -> Vec<String> {
    let text = text.replace("以及", "与");
    let mut out: Vec<String> = Vec::new();
    for part in text.split(['与', '和', '及', '、', '/']) {
        let part = core(part);
        let chars: Vec<char> = part.chars().collect();
        let all_cjk = cjk(&part) == chars.len();
        let words: Vec<String> = if all_cjk && chars.len() >= 4 && chars.len().is_multiple_of(2) {
            chars.chunks(2).map(|w| w.iter().collect()).collect()
        } else if cjk(&part) >= 2 {
            vec![part]
        } else {
            Vec::new()
        };
        for w in words {
            if !out.contains(&w) {
                out.push(w);
            }
        }
    }
    out
}

/// The terms of a section's name that say which part of the document it is: its parts
/// between connectives, each a step of what the document is about (受理与登记: 受理, 登记),
/// a part opening with a word of the document's own name read without it (投诉渠道 of the
/// 投诉处理制度: 渠道; 服务受理 of the 服务流程规范: 受理), and a part that is a word of that
/// name left out (处理 of 调查与处理): every article of the document is about those. A part
/// of other words stays whole (责任追究: 责任 alone is any liability).
fn name_words(name: &str, document: &str) -> Vec<String> {
    let name = name.replace("以及", "与");
    let mut out: Vec<String> = Vec::new();
    for part in name.split(['与', '和', '及', '、', '/']) {
        let part = core(part);
        if cjk(&part) < 2 || document.contains(part.as_str()) {
            continue;
        }
        let opening: String = part.chars().take(2).collect();
        let rest: String = part.chars().skip(2).collect();
        let term = if cjk(&opening) == 2 && cjk(&rest) >= 2 && document.contains(opening.as_str()) {
            rest
        } else {
            part
        };
        if !out.contains(&term) {
            out.push(term);
        }
    }
    out
}

/// The article ([`articles`]) that writes a section's content, with the terms it holds:
/// at least [`EVIDENCE`] distinct terms among the section's name words ([`name_words`]),
/// its aliases and its keywords, one of them a keyword, as [`evidence`] asks of a passage.
/// An article is one provision on one matter, so its name's words count (受理 and 不予受理
/// in `第十四条 ……作出受理或者不予受理的决定`); a term inside a longer one found is not
/// counted again, nor is a term of the document's own name. The article with the most
/// terms, the earliest on a tie.
fn article_covering(
    doc: &Document,
    articles: &[Article],
    words: &[String],
    aliases: &[&str],
    keywords: &[&str],
    document: &str,
) -> Option<(usize, Vec<String>)> {
    let plain = |t: &str| -> String {
        crate::figures::to_half_width(t)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect()
    };
    let mut terms: Vec<(String, bool)> = Vec::new();
    let candidates = words
        .iter()
        .map(|w| (plain(w), false))
        .chain(aliases.iter().map(|a| (plain(a), false)))
        .chain(keywords.iter().map(|k| (plain(k), true)));
    for (t, keyword) in candidates {
        if cjk(&t) < 2 || document.contains(t.as_str()) {
            continue;
        }
        match terms.iter_mut().find(|(u, _)| *u == t) {
            Some(found) => found.1 |= keyword,
            None => terms.push((t, keyword)),
        }
    }
    if !terms.iter().any(|(_, keyword)| *keyword) {
        return None;
    }
    // Longest first: 不予受理 before 受理.
    terms.sort_by_key(|(t, _)| std::cmp::Reverse(t.chars().count()));
    let mut best: Option<(usize, Vec<String>)> = None;
    for (k, (start, end, _)) in articles.iter().enumerate() {
        let mut text = plain(&doc.text[*start..*end]);
        let counted = counted_keywords(&text, keywords);
        let mut found: Vec<String> = Vec::new();
        let mut keyword = false;
        for (t, is_keyword) in &terms {
            if UNITS_OF_TIME.contains(&t.as_str()) && !counted.contains(&t.as_str()) {
                continue;
            }
            if text.contains(t.as_str()) {
                text = text.replace(t.as_str(), "\u{3000}");
                found.push(t.clone());
                keyword |= is_keyword;
            }
        }
        if keyword && found.len() >= EVIDENCE as usize && best.as_ref().is_none_or(|b| found.len() > b.1.len()) {
            best = Some((k, found));
        }
    }
    best
}

/// The heading of a document written as articles whose title names one of a section's
/// words among its own (`第四章 受理办理和督办考核` names 受理 of 受理与登记; `第二章 信访
/// 渠道` names 渠道 of 投诉渠道): a chapter that groups that step with others. A heading
/// that is another section of the catalogue, an appendix or the document's title is none.
/// Returns the earliest, and the word.
fn heading_naming(doc: &Document, all: &[Found], words: &[String]) -> Option<(usize, String)> {
    if words.is_empty() {
        return None;
    }
    doc.headings.iter().enumerate().find_map(|(j, g)| {
        if !unclaimed(doc, all, j) {
            return None;
        }
        let own = words_of(&g.normalized);
        words.iter().find(|w| own.contains(w)).map(|w| (j, w.clone()))
    })
}

/// The headings that together write a section as its parts: at least [`EVIDENCE`] headings
/// of one level, none another section's ([`unclaimed`]), each holding a different one of
/// the section's keywords (`二、电话投诉`, `三、现场投诉地点`: two channels), with the
/// keyword each holds. A unit of time is no part: a heading `3个工作日` states a limit of
/// something else.
fn headings_of_parts<'k>(doc: &Document, all: &[Found], keywords: &[&'k str]) -> Option<Vec<(usize, &'k str)>> {
    let mut by_level: Vec<(u32, Vec<(usize, &'k str)>)> = Vec::new();
    for (j, g) in doc.headings.iter().enumerate() {
        if !unclaimed(doc, all, j) {
            continue;
        }
        let Some(&k) = keywords
            .iter()
            .find(|k| !UNITS_OF_TIME.contains(k) && g.normalized.contains(*k))
        else {
            continue;
        };
        let parts = match by_level.iter_mut().find(|(level, _)| *level == g.level) {
            Some((_, parts)) => parts,
            None => {
                by_level.push((g.level, Vec::new()));
                &mut by_level.last_mut()?.1
            }
        };
        if !parts.iter().any(|(_, seen)| *seen == k) {
            parts.push((j, k));
        }
    }
    by_level
        .into_iter()
        .map(|(_, parts)| parts)
        .filter(|parts| parts.len() >= EVIDENCE as usize)
        .min_by_key(|parts| parts[0].0)
}

/// Whether heading `j` of `doc` may stand for a missing section: it is no other section's
/// (`all`), no appendix and not the document's title.
fn unclaimed(doc: &Document, all: &[Found], j: usize) -> bool {
    let g = &doc.headings[j];
    let taken = all.iter().any(|f| f.index() == Some(j));
    !(taken || is_appendix(&g.raw) || (j == 0 && g.level == 1))
}

/// The finding that the section `h` of `def` has no heading of its own, but heading `j`
/// of `doc` probably is it, as `how` says (`可能就是它（相似度 0.50）`): use the required name.
fn near_miss(ctx: &Ctx, doc: &Document, def: &DocDef, h: &HeadingDef, j: usize, how: Text) -> Finding {
    let near = &doc.headings[j];
    let loc = ctx.location_in(doc, near.span.clone());
    ctx.finding(
        t!(
            "《{document}》没有完全对应“{section}”的标题；{file}:{line} 的“{heading}”{how}，建议使用规定名称",
            "the {document} has no heading that is clearly “{section_zh}” ({section}); “{heading}” at {file}:{line} {how}: use the required name",
            document = def.name,
            section = h.name,
            section_zh = h.name.zh,
            heading = near.raw,
            file = loc.file,
            line = loc.line,
            how = how
        ),
        Some(t!("可能是“{section}”", "probably “{section}”", section = h.name.zh)),
        Some(loc),
    )
}

/// The first heading, not another section's, that opens or ends with one of `words` and
/// adds a word or two at most, and the word. It opens with a section's step
/// ([`name_words`]: `受理审查`, `受理部门` for 受理); it ends with one of its keywords, as a
/// Chinese heading ends with what it is about (`委托测试` for 测试, `领取测试结果`). As
/// written, its generic words kept: `工作交付件` is no handover. A longer heading is about
/// something else (`针对……的缺位——实施权限管理/审计记录`).
fn short_heading_with(doc: &Document, all: &[Found], words: &[&str], place: Place) -> Option<(usize, String)> {
    const MORE: usize = 4;
    doc.headings.iter().enumerate().find_map(|(j, g)| {
        if !unclaimed(doc, all, j) {
            return None;
        }
        let own = &g.normalized;
        let holds = |w: &str| match place {
            Place::Opening => own.starts_with(w),
            Place::Ending => own.ends_with(w),
        };
        words
            .iter()
            .find(|w| holds(w) && own.chars().count() <= w.chars().count() + MORE)
            .map(|w| (j, w.to_string()))
    })
}

/// Where a short heading holds a section's word ([`short_heading_with`]).
#[derive(Clone, Copy)]
enum Place {
    Opening,
    Ending,
}

/// Where the document writes a section's content without its heading: the paragraph
/// (lines between blank lines, outside headings and appendices) with the strongest
/// [`evidence`], the earliest on a tie. Returns the start of the line of its first term and
/// the terms found.
fn content_elsewhere(
    doc: &Document,
    name: &str,
    aliases: &[&str],
    keywords: &[&str],
) -> Option<(usize, Vec<String>)> {
    let body = Body::of(doc);
    let skipped = |start: usize| body.skips(start);
    // Paragraphs as (start, end) byte ranges.
    let mut paragraphs: Vec<(usize, usize)> = Vec::new();
    let mut current: Option<(usize, usize)> = None;
    let mut offset = 0;
    // The title lines a text opens with when it has no Markdown title (`定州市政务服务中心
    // 投诉受理制度`): at most three, short, no sentence in them. They name the document, and
    // its name is no content of a section (`投诉受理` of the title is no intake). More such
    // lines are a flowchart's steps (`热情接待、做好登记`), which are content.
    let mut title = true;
    let mut title_lines = 0;
    for line in crate::text::lines_inclusive(&doc.text) {
        let start = offset;
        offset += line.len();
        let t = line.trim();
        if title {
            title_lines += usize::from(!t.is_empty());
            title = t.is_empty()
                || (title_lines <= TITLE_LINES
                    && t.chars().count() <= TITLE_CHARS
                    && !t.contains(SENTENCE_MARKS));
        }
        if t.is_empty() || skipped(start) || title {
            paragraphs.extend(current.take());
            continue;
        }
        current = Some((current.map_or(start, |c| c.0), offset));
    }
    paragraphs.extend(current);
    // A list whose items are set apart by blank lines (`1.咨询投诉电话…`, blank, `2.来访咨询
    // 投诉地址…`) is one passage, as it is when its items follow each other.
    let item = |p: &(usize, usize)| numbered_item(&doc.text[p.0..p.1]);
    let mut passages: Vec<(usize, usize)> = Vec::with_capacity(paragraphs.len());
    for p in paragraphs {
        match passages.last_mut() {
            Some(last) if item(last) && item(&p) && doc.text[last.1..p.0].trim().is_empty() => {
                last.1 = p.1;
            }
            _ => passages.push(p),
        }
    }
    let paragraphs = passages;
    let mut best: Option<(u32, usize, Vec<String>)> = None;
    for (start, end) in paragraphs {
        let text = &doc.text[start..end];
        let counted = counted_keywords(text, keywords);
        let Some((weight, terms)) =
            evidence(text, name, aliases, &counted)
                .or_else(|| stated_deadline(text, keywords))
                .or_else(|| cited_basis(text, name))
        else {
            continue;
        };
        if best.as_ref().is_none_or(|b| weight > b.0) {
            // The line of the first term written.
            let first = terms
                .iter()
                .filter_map(|t| text.find(t.as_str()))
                .min()
                .unwrap_or(0);
            let line = text[..first].rfind('\n').map_or(0, |i| i + 1);
            let indent = text[line..].len() - text[line..].trim_start().len();
            best = Some((weight, start + line + indent, terms));
        }
    }
    best.map(|(_, pos, terms)| (pos, terms))
        .or_else(|| priced_items(doc, &body, name))
}

/// Whether `text` opens with the number of an item (`1.`, `2、`, `3）`) or of a clause
/// (`2.1`): unlike a plain line read for headings (`document::is_list_item`), a clause is
/// part of the passage its siblings make.
fn numbered_item(text: &str) -> bool {
    let rest = text.trim_start().trim_start_matches(|c: char| c.is_ascii_digit());
    rest.len() < text.trim_start().len() && rest.starts_with(['.', '、', '．', ')', '）'])
}

/// How many of a missing section's other wordings its message names (the plan has seven).
const NAMED_ALIASES: usize = 3;

/// How many prices a text lists before they are its catalogue of services.
const PRICED_ITEMS: usize = 3;

/// The prices a fee schedule lists (`150元/样品`, `2,000元/次起`, `3万元/项`), quoted, when
/// the section is a catalogue (its name ends with 目录: 服务目录) and the text's body lists
/// at least [`PRICED_ITEMS`] of them: a list of services with their prices is the
/// catalogue, whatever its heading. Returns the start of the line of the first.
fn priced_items(doc: &Document, body: &Body, name: &str) -> Option<(usize, Vec<String>)> {
    static PRICE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    if !name.ends_with("目录") {
        return None;
    }
    let price = PRICE.get_or_init(|| {
        regex::Regex::new(r"[0-9０-９][0-9０-９,]*(?:[.．][0-9０-９]+)?\s*[万千]?元\s*(?:[/／]|每)\s*[\p{Han}A-Za-z]{1,4}")
            .expect("static regex")
    });
    let line_start = |at: usize| doc.text[..at].rfind('\n').map_or(0, |i| i + 1);
    let mut first = None;
    let mut prices: Vec<String> = Vec::new();
    for m in price.find_iter(&doc.text) {
        if body.skips(line_start(m.start())) {
            continue;
        }
        first.get_or_insert(line_start(m.start()));
        if !prices.iter().any(|p| p == m.as_str()) {
            prices.push(m.as_str().to_string());
        }
        if prices.len() == PRICED_ITEMS {
            break;
        }
    }
    let line = first?;
    let indent = doc.text[line..].len() - doc.text[line..].trim_start().len();
    (prices.len() == PRICED_ITEMS).then(|| (line + indent, prices))
}

/// The keywords of a section that count in `text`: a unit of time ([`UNITS_OF_TIME`], a
/// time-limit section's words) only where it states a limit, as the keywords kind reads a
/// `time_limit` term (`三个工作日书面答复`, `24小时内反馈`; not `工作日9:00-17:00` or a
/// `24小时热线`), and only one: a deadline is one term however it is written (`5个工作日内`
/// holds 工作日 and 日内).
fn counted_keywords<'a>(text: &str, keywords: &[&'a str]) -> Vec<&'a str> {
    let mut deadline = false;
    keywords
        .iter()
        .copied()
        .filter(|k| {
            if !UNITS_OF_TIME.contains(k) {
                return true;
            }
            if deadline {
                return false;
            }
            deadline = text.match_indices(k).any(|(i, _)| states_limit(text, i, k));
            deadline
        })
        .collect()
}

/// A deadline for an action stated in `text` (`自受理之日起7个工作日内办结`, `3个工作日内书面
/// 答复`), quoted from its quantity, when `keywords` are a time-limit section's
/// ([`UNITS_OF_TIME`]): alone, it is that section's content as a human reader takes it,
/// although it is one term. It weighs less than any [`evidence`], so that a passage with
/// terms is preferred. Hours of service (`二十四小时热线`) and a limit on what someone else
/// does (`接到报告后十日内以书面形式提出`) are none.
fn stated_deadline(text: &str, keywords: &[&str]) -> Option<(u32, Vec<String>)> {
    if !keywords.iter().any(|k| UNITS_OF_TIME.contains(k)) {
        return None;
    }
    UNITS_OF_TIME.iter().find_map(|unit| {
        text.match_indices(unit).find_map(|(at, _)| {
            let deadline = deadline_at(text, at, unit)?;
            let clause: String = text[deadline.end..]
                .chars()
                .take_while(|c| !"，。；：,;:！？!?\n".contains(*c))
                .take(DEADLINE_ACTION_CHARS)
                .collect();
            // The result of handling passed on (`24小时内把处理结果反馈投诉人`) is the
            // feedback's deadline.
            let clause = RESULTS.iter().fold(clause, |c, r| c.replace(r, "\u{3000}"));
            // Completing the matter the sentence is about (`检测报告一般在10-15个工作日内
            // 完成`), but not another step (`7个工作日内完成整改`).
            let completes = clause.trim() == "完成";
            let named = NAMING_A_LIMIT.iter().any(|w| text[..deadline.start].trim_end().ends_with(w));
            let limits_handling = (DEADLINE_ACTIONS.iter().chain(ISSUING).any(|a| clause.contains(a)) || completes || named)
                && !ACKNOWLEDGING.iter().any(|a| clause.contains(a));
            limits_handling.then(|| (1, vec![text[deadline].to_string()]))
        })
    })
}

/// The rule on fees a text says it was made on (`本收费标准依据《……收费暂行管理办法》制定`),
/// quoted, when the section is one of a basis (its name ends with 依据: 收费依据): alone,
/// that is the section's content. It weighs less than any [`evidence`].
fn cited_basis(text: &str, name: &str) -> Option<(u32, Vec<String>)> {
    static CITED: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    if !name.ends_with("依据") {
        return None;
    }
    let cited = CITED.get_or_init(|| {
        // The text itself is what was made so (`本收费标准依据《…》制定`, `依据《…》制定本
        // 标准`), not a fee a licence sets (`按照《收费许可证》核定的项目收费`).
        regex::Regex::new(
            r"本[^。；;\n]{0,20}?(?:依据|根据|按照)(《[^》\n]{2,60}》)[^。；;\n]{0,30}?(?:制定|制订|核定|确定)|(?:依据|根据|按照)(《[^》\n]{2,60}》)[^。；;\n]{0,20}?(?:制定|制订|核定|确定)本",
        )
        .expect("static regex")
    });
    // A rule on fees or prices (`《价格法》`, `《…收费暂行管理办法》`); a general plan cited
    // as the text's purpose (`根据《国家技术转移体系建设方案》…制定本办法`) is no basis of fees.
    const ON_FEES: [&str; 6] = ["收费", "价格", "定价", "计费", "费用", "物价"];
    let made = cited.captures_iter(text).find_map(|c| {
        let title = c.get(1).or_else(|| c.get(2))?.as_str();
        ON_FEES
            .iter()
            .any(|w| title.contains(w))
            .then(|| (1, vec![title.to_string()]))
    });
    // Or the sentence sets the fees themselves on what it cites, whatever that is titled
    // (`根据《…会议纪要》(苏大财[2024]29号)精神，实验动物代养收费标准将进行调整`, `根据《…协会
    // 章程》…，本协会会费收取标准如下`), or charges by its provisions (`根据《…管理办法》
    // 的规定，研究所将启动…服务费收费工作`).
    static SETS: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let sets = SETS.get_or_init(|| {
        regex::Regex::new(
            r"(?:依据|根据|按照)(《[^》\n]{2,60}》)(?:[^。；;\n]{0,60}?(?:收费标准|收取标准|收费办法|会费|价格)[^。；;\n]{0,12}?(?:调整|制定|制订|确定|核定|如下|如[:：])|[^。；;\n]{0,20}?规定[^。；;\n]{0,60}?收费)",
        )
        .expect("static regex")
    });
    made.or_else(|| sets.captures(text).map(|c| (1, vec![c[1].to_string()])))
}

/// How many characters after a deadline may name the action it limits (`内书面或电话答复`).
const DEADLINE_ACTION_CHARS: usize = 8;

/// What handling a request produces, named as a thing passed on rather than an action.
const RESULTS: &[&str] = &["处理结果", "处理意见", "处理情况", "办理结果", "办理情况"];


/// The finding that the section `h` of `def` is missing but its content is written
/// elsewhere, as `what` says (`“第四章 受理办理”一节写到了“办理时限”“工作日”`), at `loc`:
/// give it a section of its own. `articles`: the document is written as a regulation's
/// articles. `label` names the place (default: the content is here).
fn written_elsewhere(
    ctx: &Ctx,
    def: &DocDef,
    h: &HeadingDef,
    written: Written,
    what: Text,
    label: Option<Text>,
    loc: Location,
) -> Finding {
    let arranged = match written {
        Written::InArticles => t!("按条文编排，", "is written as articles and "),
        _ => t!("", ""),
    };
    let label = label.unwrap_or_else(|| {
        t!("“{section}”的内容写在这里", "the content of “{section}” is here", section = h.name.zh)
    });
    let advice = match written {
        Written::AsHeadings => t!(
            "建议将其归入“{section}”一节",
            "group them under a section “{section}”",
            section = h.name.zh
        ),
        _ => t!("建议为其单列一节", "give it a section of its own"),
    };
    ctx.finding(
        t!(
            "《{document}》{arranged}没有“{section}”一节，但{what}：{advice}",
            "the {document} {arranged}has no section “{section_zh}” ({section}), but {what} {advice}",
            document = def.name,
            arranged = arranged,
            section = h.name,
            section_zh = h.name.zh,
            what = what,
            advice = advice
        ),
        Some(label),
        Some(loc),
    )
}

/// How a document writes a section it has no heading for ([`written_elsewhere`]).
enum Written {
    /// In paragraphs under other headings: it wants a section of its own.
    InParagraphs,
    /// In the articles of a regulation: likewise.
    InArticles,
    /// As several headings, each one of its parts: they want grouping under it.
    AsHeadings,
}

/// The terms a passage was found by and where: `“工作日”“答复”（docs/a.md:12）`,
/// `(工作日, 答复; docs/a.md:12)`.
fn terms_at(terms: &[String], loc: &Location) -> Text {
    t!(
        "{terms_zh}（{file}:{line}）",
        "({terms}; {file}:{line})",
        terms_zh = quote_each(terms),
        terms = terms.join(", "),
        file = loc.file,
        line = loc.line
    )
}

/// Terms quoted one after another, as Chinese lists them: “工作日”“答复”.
fn quote_each(terms: &[String]) -> String {
    terms.iter().map(|t| format!("“{t}”")).collect()
}

/// Keep `f` as advice: at `soft` severity (a warning at most), counted among the
/// findings that do not fail the section's rule.
fn advise(findings: &mut Vec<Finding>, advisory: &mut usize, soft: Severity, mut f: Finding) {
    f.severity = soft;
    findings.push(f);
    *advisory += 1;
}

#[cfg(test)]
mod tests {
    use super::{
        code_word, content_elsewhere, general_provisions, headings_of_parts, short_heading_with, Place, inline_items, lead_in_position,
        names_code, near_in_its_script, titled_by, without_emphasis, word_similarity,
    };

    #[test]
    fn a_suggested_heading_drops_the_bold() {
        assert_eq!(without_emphasis("**一、总则**"), "一、总则");
        assert_eq!(without_emphasis("**第一章 总则：**"), "第一章 总则");
        assert_eq!(without_emphasis("**第一章 总则**："), "第一章 总则");
        assert_eq!(without_emphasis("__总则__"), "总则");
        assert_eq!(without_emphasis("一、总则"), "一、总则");
        // Bold that covers only part of the line stays.
        assert_eq!(without_emphasis("**一、**总则"), "**一、**总则");
    }
    use crate::submission::Document;

    #[test]
    fn many_short_sections_stay_linear() {
        // 80,000 sections of one line each (1.4 MB, within the file size cap): asking
        // every heading for every line took minutes; the bound is generous for a slow
        // machine.
        let text = "# 标题\n\n正文\n\n".repeat(80_000);
        let doc = Document::parse("docs/a.md", text.into());
        let start = std::time::Instant::now();
        assert_eq!(lead_in_position(&doc, &["投诉受理"]), None);
        assert_eq!(content_elsewhere(&doc, "投诉受理", &[], &["受理", "登记"]), None);
        assert!(start.elapsed().as_secs() < 10, "{:?}", start.elapsed());
    }

    #[test]
    fn a_heading_is_near_a_section_in_its_own_script() {
        let intake = ["受理与登记", "Intake and registration", "投诉受理"];
        let limits = ["处理时限", "Time limits", "办理时限"];
        let backup = ["数据备份与恢复", "Backup and recovery", "备份与恢复"];
        // Letters shared with an English wording are no nearness.
        assert!(!near_in_its_script("Transaction", &intake));
        assert!(!near_in_its_script("Server", &["服务实施", "Service delivery", "服务执行"]));
        assert!(!near_in_its_script("设置全部 store 的 limit", &limits));
        assert!(!near_in_its_script("Region Split", &["响应时限", "Response time limits", "服务时限"]));
        // One common word shared with a wording of other words is no nearness.
        assert!(!near_in_its_script("Date and Time Literals", &limits));
        assert!(!near_in_its_script("Data Types", &["数据分类", "Data classification", "数据分级"]));
        // Words shared are.
        assert!(near_in_its_script("Backup", &backup));
        assert!(near_in_its_script("Handling time limit", &limits));
        assert!(near_in_its_script("访问权限控制", &["访问控制", "Access control", "权限管理"]));
        assert_eq!(word_similarity("Time limits", "time limit"), 1.0);
        assert_eq!(word_similarity("Access", "Process"), 0.0);
    }

    #[test]
    fn a_short_heading_opening_with_a_step_is_probably_its_section() {
        let opening = |t: &str, w: &str| {
            let doc = Document::parse("docs/a.md", t.into());
            short_heading_with(&doc, &[], &[w], Place::Opening).map(|(j, _)| doc.headings[j].raw.clone())
        };
        let t = "# 流程\n\n## （一）受理条件\n\n材料齐全。\n\n## （二）受理审查\n\n审查。\n";
        assert_eq!(opening(t, "受理").as_deref(), Some("（一）受理条件"));
        // Not a heading holding the word further in, nor a long one.
        assert_eq!(opening("# 流程\n\n## 工作交付件\n\n清单。\n", "交付"), None);
        assert_eq!(opening("# 流程\n\n## 记录与审计的日志留存要求说明\n\n清单。\n", "记录"), None);
        // A heading ending with a term is about it; one holding the term before another
        // topic, or a long one, is not.
        let ending = |t: &str, k: &str| {
            let doc = Document::parse("docs/a.md", t.into());
            short_heading_with(&doc, &[], &[k], Place::Ending).map(|(j, _)| doc.headings[j].raw.clone())
        };
        assert_eq!(ending("# 流程\n\n4.委托测试\n\n完成测试。\n", "测试").as_deref(), Some("4.委托测试"));
        assert_eq!(ending("# 流程\n\n## 测试费用\n\n清单。\n", "测试"), None);
        assert_eq!(ending("# 流程\n\n## 确认测试结果和委托测试费\n\n清单。\n", "测试结果"), None);
    }

    #[test]
    fn headings_each_naming_a_part_write_the_section() {
        let parts = |t: &str| {
            let doc = Document::parse("docs/a.md", t.into());
            headings_of_parts(&doc, &[], &["电话投诉", "现场投诉", "投诉地点", "工作日"])
                .map(|p| p.iter().map(|(j, k)| (doc.headings[*j].raw.clone(), *k)).collect::<Vec<_>>())
        };
        let t = "# 须知\n\n## 一、现场投诉\n\n门诊楼。\n\n## 二、电话投诉\n\n12345。\n";
        assert_eq!(
            parts(t).unwrap(),
            [("一、现场投诉".to_string(), "现场投诉"), ("二、电话投诉".to_string(), "电话投诉")]
        );
        // One heading is one part; two of different levels, or naming the same part, or
        // holding a unit of time, are no set.
        assert_eq!(parts("# 须知\n\n## 一、电话投诉\n\n12345。\n"), None);
        assert_eq!(parts("# 须知\n\n## 一、电话投诉\n\n### （一）现场投诉\n\n门诊楼。\n"), None);
        assert_eq!(parts("# 须知\n\n## 一、电话投诉\n\n## 二、夜间电话投诉\n\n12345。\n"), None);
        assert_eq!(parts("# 须知\n\n## 一、5个工作日\n\n## 二、电话投诉\n\n12345。\n"), None);
    }

    #[test]
    fn a_text_titled_by_a_section_is_that_section() {
        let titled = |t: &str, name: &str| titled_by(&Document::parse("docs/a.md", t.into()), name, "数据安全管理制度");
        let t = "信息系统数据备份与恢复管理制度\n\n第一条 为保护数据，制定本制度。\n";
        assert!(titled(t, "数据备份与恢复"));
        assert!(titled(&format!("# {t}"), "数据备份与恢复"));
        assert!(!titled(t, "访问控制"), "another section");
        // Not a name the type's own name holds, a short name, or a sentence.
        assert!(!titled("中心数据安全管理制度\n", "数据安全"));
        assert!(!titled("总则与附则\n", "总则"));
        assert!(!titled("为做好数据备份与恢复，制定本制度。\n", "数据备份与恢复"));
    }

    #[test]
    fn opening_articles_state_purpose_basis_or_scope() {
        let opens = |t: &str| general_provisions(&Document::parse("docs/a.md", t.into()));
        for t in [
            "第一条 为规范投诉处理工作，根据有关规定，制定本制度。",
            "第一条 为了加强数据安全管理，依据《数据安全法》，结合本中心实际，制定本管理办法。",
            "为做好服务收费工作，特制定以下规定：",
            "第二条 本实施细则适用于中心各部门。",
            "第二条 中心各部门受理的投诉，适用本制度。",
            "第 一 条 为 规 范 服 务 流 程 ， 制 定 本 规 范 。",
            // The regulation named in full, ending the sentence that made it.
            "**为及时处理各种投诉，维护医院形象。根据有关法律法规，制定投诉处理制度。**",
            // Named in full in book marks, a plan, provisions made without the verb 制定.
            "为加强医院投诉管理，根据《医院投诉管理办法》的有关要求，特制定《XX人民医院投诉处理制度》：",
            "为规范该事项同城通办工作，根据有关文件要求，制定本方案。",
            "为保证大型仪器设备高效使用和开放共享，特对仪器设备预约使用做如下规定：",
            "为提高服务质量，特制订食堂投诉受理办法：",
            // A notice's opening: what it rests on, then what it announces.
            "根据《计算机资源管理办法》的规定，研究所将启动收费工作。现将有关事项通知如下：",
        ] {
            assert_eq!(opens(t), Some((0, t.len())), "{t}");
        }
        // A signature or title line a purpose follows is not where the purpose is written
        // (trust13 sp-guilin-tongban).
        let t = "现将《方案》印发你们。\n桂林市科学技术局\n2020年9月7日\n同城通办工作方案\n为规范该事项同城通办工作，制定本方案。\n";
        assert_eq!(opens(t).map(|(p, _)| &t[p..p + 3]), Some("为"));
        // Under a title written as plain text and a date line.
        let t = "医院患者投诉处理流程\n日期:2024-03-01\n\n为及时处理投诉，制定投诉处理制度。\n";
        assert_eq!(opens(t).map(|(p, _)| &t[p..p + 3]), Some("为"));
        // A sentence wrapped over lines (a Word or PDF export) is read whole; the first
        // line is given.
        let t = "　　第一条　为加强网站的管理，根据IDC办公室有\n关文件规定，结合实际制定本办法。\n　　第二条　本办法适用于全体员工。\n";
        let first = "　　第一条　为加强网站的管理，根据IDC办公室有";
        assert_eq!(opens(t), Some(("　　".len(), first.len())));
        // A finished sentence does not run on into the next paragraph's.
        assert_eq!(opens("为方便企业，中心开展服务。\n按规定制定服务规范。\n"), None);
        for t in [
            "投诉处理坚持首问负责的原则，根据投诉内容确定承办部门。",
            "中心制定年度工作计划，报主管部门备案。",
            "本隐私政策适用于我们的全部产品。",
            "本方法适用于 5.0 以上版本。",
            "本节介绍的规则适用于所有集群。",
            "为方便企业，中心制定了服务指南。",
            "为方便企业，中心制定了服务规范。",
            "为加强管理，中心将制定考核办法和奖励规定等配套文件",
            // A full name is the text's own only in its opening paragraph.
            "各单位：\n为推进仪器开放共享，请按照成本补偿原则制定收费标准。",
            "# 通知\n\n现将有关事项通知如下。\n\n为推进开放共享，按照成本补偿原则制定收费标准。",
            "```\n为规范……，制定本制度。\n```",
        ] {
            assert_eq!(opens(t), None, "{t}");
        }
    }

    #[test]
    fn items_run_into_a_paragraph_are_found_after_a_sentence() {
        let items = |t: &str| -> Vec<String> {
            inline_items(&Document::parse("docs/a.md", t.into()))
                .into_iter()
                .map(|i| i.2)
                .collect()
        };
        assert_eq!(
            items("制度 1、总则。本制度适用于中心。 4、投诉受理。受理部门接待投诉者应礼貌热情，认真登记。 5、投诉受理时限 口头投诉应当场答复，书面投诉两日内答复；（六）结果反馈：处理完毕后及时将处理意见反馈投诉人。"),
            ["4、投诉受理", "5、投诉受理时限", "（六）结果反馈"]
        );
        // Figures, references and numbers of many levels are no items.
        assert!(items("办结时限为 3.5 个工作日。详见第3、4条。2、1、3辦公室組織有關職責部門和人員調查處理。").is_empty());
        assert!(items("## 标题\n\n正文。1、投诉受理：综合办公室负责受理并登记投诉。").len() == 1);
        assert!(items("```\n正文。1、投诉受理：综合办公室负责受理并登记投诉。\n```").is_empty());
        // A list of duties names the sections without writing them.
        assert!(items("综合办公室负责：（一）投诉受理；（二）调查处理；（三）结果反馈。").is_empty());
        assert!(items("职责如下。1、投诉受理。2、调查处理。3、结果反馈。").is_empty());
        // A yearly report's caption may open with its year; a number of many levels may not.
        assert_eq!(
            items("全面贯彻落实创新强市战略。 一、2023年各项工作成效 （一）聚焦企业主体，推动创新链产业链深度融合。"),
            ["一、2023年各项工作成效", "（一）聚焦企业主体"]
        );
        assert!(items("办结。1、2023号文件规定了受理程序和时限要求。").is_empty());
        // A title run into the text, its first item after a space.
        assert_eq!(
            items("——宁波国家高新区2007年工作总结和2008年工作安排 一、2007年工作回顾 2007年是高新区升级为国家高新区后的开局之年，也是重要的一年。"),
            ["一、2007年工作回顾"]
        );
        // Arabic digits after a space are a figure as often as a number.
        assert!(items("本年度共完成 3、4 两个季度的巡检工作和设备的维护保养任务。").is_empty());
    }

    #[test]
    fn a_keyword_in_capitals_is_code() {
        // A privilege of a database (`### BACKUP` among `### ALTER`, `### SHOW`) was offered
        // as the data security policy's backup section.
        for w in ["BACKUP", "CREATE TABLE", "SET GLOBAL", "br restore", "backup"] {
            assert!(code_word(w), "{w}");
        }
        for w in ["Backup", "Backup and recovery", "Handling time limit", "数据备份", "使用 BACKUP 语句备份", "A"] {
            assert!(!code_word(w), "{w}");
        }
    }

    #[test]
    fn a_heading_of_code_names_code() {
        assert!(names_code("#### `PD_tidb_handle_requests_duration`", "PD_tidb_handle_requests_duration"));
        assert!(names_code("## `backup` ##", "backup"));
        assert!(names_code("### tidb_gc_life_time", "tidb_gc_life_time"));
        // Words, even with code in them, are a section's title.
        assert!(!names_code("## 使用 `BACKUP` 语句备份", "使用 BACKUP 语句备份"));
        assert!(!names_code("## `a` 与 `b`", "a 与 b"));
        assert!(!names_code("## Backup and recovery", "Backup and recovery"));
        assert!(!names_code("## 四、调查与处理", "四、调查与处理"));
    }

    #[test]
    fn an_article_is_numbered_as_regulations_number_them() {
        use super::article_number;
        for (line, n) in [
            ("第十四条 具有本办法规定的处理权限的……", "第十四条"),
            ("**第十四条** 具有处理权限的……", "第十四条"),
            ("第 一 条 为 规 范 服 务", "第一条"),
            ("  第一百一十二条 本规定中下列用语的含义：", "第一百一十二条"),
            ("第3条 本制度自印发之日起施行。", "第3条"),
        ] {
            assert_eq!(article_number(line).as_deref(), Some(n), "{line}");
        }
        for line in ["第四章 受理办理和督办考核", "第一节 一般规定", "本条例第二十四条规定的", "第十二届理事会通过本条款"] {
            assert_eq!(article_number(line), None, "{line}");
        }
    }

    #[test]
    fn a_section_is_named_by_its_steps_in_a_document_of_its_subject() {
        use super::name_words;
        let complaints = "投诉处理制度";
        assert_eq!(name_words("受理与登记", complaints), ["受理", "登记"]);
        assert_eq!(name_words("投诉渠道", complaints), ["渠道"]);
        assert_eq!(name_words("调查与处理", complaints), ["调查"]);
        assert_eq!(name_words("处理时限", complaints), ["时限"]);
        // Other words stay together: 责任 alone is any liability.
        assert_eq!(name_words("责任追究", complaints), ["责任追究"]);
        assert_eq!(name_words("服务受理", "服务流程规范"), ["受理"]);
        assert_eq!(name_words("服务目录", "服务目录与收费标准"), Vec::<String>::new());
        assert_eq!(name_words("安全事件应急处置", "数据安全管理制度"), ["事件应急处置"]);
    }

    #[test]
    fn a_heading_is_read_in_words_of_two() {
        use super::words_of;
        assert_eq!(words_of("受理办理和督办考核"), ["受理", "办理", "督办", "考核"]);
        assert_eq!(words_of("信访事项受理"), ["信访", "事项", "受理"]);
        assert_eq!(words_of("信访事项的提出和受理"), ["信访", "事项", "提出", "受理"]);
        assert_eq!(words_of("工作情况"), Vec::<String>::new());
        assert_eq!(words_of("Backup"), Vec::<String>::new());
    }

    #[test]
    fn an_article_covers_a_section_with_two_of_its_terms_one_a_keyword() {
        use super::{article_covering, articles, name_words, written_as_articles};
        let text = "# 投诉处理办法\n\n第一条 为规范投诉处理，制定本办法。\n\n第二条 本办法所称投诉受理平台，是指中心的服务窗口。\n\n第三条 中心应当自收到投诉之日起七个工作日内作出受理或者不予受理的决定。\n\n决定应当告知投诉人。\n\n## 附件 投诉登记表\n\n第四条 不予受理 受理\n";
        let doc = Document::parse("docs/a.md", text.into());
        let arts = articles(&doc);
        let numbers: Vec<&str> = arts.iter().map(|a| a.2.as_str()).collect();
        assert_eq!(numbers, ["第一条", "第二条", "第三条"], "the appendix is no article");
        // An article runs over its paragraphs to the next article.
        assert!(doc.text[arts[2].0..arts[2].1].ends_with("决定应当告知投诉人。"));
        assert!(written_as_articles(&arts, &[None, None, Some(0)]));
        assert!(!written_as_articles(&arts, &[Some(1), None, Some(0)]), "half the sections are headings");
        assert!(!written_as_articles(&arts[..2], &[None, None]), "two articles are no regulation");
        let words = name_words("受理与登记", "投诉处理制度");
        let keywords = ["投诉登记", "予以受理", "不予受理", "登记内容"];
        let found = article_covering(&doc, &arts, &words, &["投诉受理"], &keywords, "投诉处理制度");
        assert_eq!(found, Some((2, vec!["不予受理".to_string(), "受理".to_string()])));
        // 投诉受理 alone (第二条) is a name in passing; no keyword, no article.
        assert_eq!(article_covering(&doc, &arts, &words, &["投诉受理"], &[], "投诉处理制度"), None);
    }

    #[test]
    fn a_unit_of_time_counts_once_and_only_as_a_deadline() {
        use super::counted_keywords;
        let kws = ["工作日", "小时", "日内", "天内", "办结", "答复"];
        assert_eq!(counted_keywords("三个工作日书面或电话答复", &kws), ["工作日", "办结", "答复"]);
        assert_eq!(counted_keywords("一般投诉自受理之日起7个工作日内办结", &kws), ["工作日", "办结", "答复"]);
        // Opening hours and a hotline are no deadline.
        assert_eq!(counted_keywords("工作日9:00-17:00接待，24小时热线", &kws), ["办结", "答复"]);
        let found = |t: &str| {
            let doc = Document::parse("docs/a.md", t.into());
            content_elsewhere(&doc, "处理时限", &["办理时限"], &kws).map(|(_, terms)| terms)
        };
        assert_eq!(found("# 制度\n\n投诉人来访的，三个工作日书面或电话答复。\n").unwrap(), ["工作日", "答复"]);
        // A deadline alone is the section's content, quoted as written.
        assert_eq!(
            found("# 制度\n\n一般投诉自受理之日起7个工作日内处理。\n").unwrap(),
            ["7个工作日内"]
        );
        // Acknowledging a complaint, or a limit on the complainant, is no handling deadline.
        assert_eq!(found("# 制度\n\n实名投诉应在1个工作日内作出受理决定。\n"), None);
        assert_eq!(found("# 制度\n\n实名投诉应在1个工作日内告知投诉人已受理。\n"), None);
        assert_eq!(found("# 制度\n\n客户应在接到报告后十日内以书面形式提出。\n"), None);
        // A basis section is written by the document it cites as its basis.
        let basis = |t: &str| {
            let doc = Document::parse("docs/a.md", t.into());
            content_elsewhere(&doc, "收费依据", &["定价依据"], &["定价", "服务成本"]).map(|(_, terms)| terms)
        };
        for (text, title) in [
            ("# 标准\n\n4.本收费标准依据《厦门大学贵重仪器设备开放使用收费暂行管理办法》制定。\n", "《厦门大学贵重仪器设备开放使用收费暂行管理办法》"),
            ("# 标准\n\n根据《价格法》和《收费管理办法》，制定本标准。\n", "《价格法》"),
            // A sentence setting the fees on what it cites, however that is titled (trust13).
            (
                "# 公示\n\n根据《苏州大学财经领导小组会议纪要》(苏大财[2024]29号)精神,实验动物代养收费标准将进行调整,具体见下表。\n",
                "《苏州大学财经领导小组会议纪要》",
            ),
            ("# 会费\n\n根据《厦门市渔业协会章程》及《财务管理补充规定》,本协会会费收取标准如:\n", "《厦门市渔业协会章程》"),
            // Charging by what it cites, and the text made after its basis and a review
            // (trust14 sc-iap-hpc, sc-pku-hpc).
            (
                "# 通知\n\n根据《计算机资源管理办法(试行)》(气发[2017]23号)的规定,研究所将启动机时、账户服务费收费工作。\n",
                "《计算机资源管理办法(试行)》",
            ),
            (
                "# 标准\n\n本收费标准是平台当前执行的收费政策,依据《高性能计算公共平台收费管理办法》原则,根据机组运行情况,经专家委员会审议后制定。\n",
                "《高性能计算公共平台收费管理办法》",
            ),
        ] {
            assert_eq!(basis(text).unwrap(), [title], "{text}");
        }
        assert_eq!(basis("# 标准\n\n详见《收费管理办法》。\n"), None);
        assert_eq!(basis("# 办法\n\n根据《国家技术转移体系建设方案》，制定本办法。\n"), None);
        assert_eq!(basis("# 标准\n\n收费单位必须按照《收费许可证》核定的项目收费。\n"), None);
        assert_eq!(basis("# 通知\n\n根据《工作方案》，中心将开展仪器共享服务。\n"), None);
        // A list whose items are set apart by blank lines is one passage (cp-pdsu-aid): the
        // channels it lists, one per item, are written together.
        let channels = |t: &str| {
            let doc = Document::parse("docs/a.md", t.into());
            content_elsewhere(&doc, "投诉渠道", &["投诉方式"], &["投诉电话", "书面投诉", "信箱"])
                .map(|(_, terms)| terms)
        };
        assert_eq!(
            channels("# 制度\n\n为做好资助工作，制定本办法。\n\n二、受理方法\n\n1.咨询投诉电话 0375-2077202\n\n2.来访投诉地址 207室\n\n3.书面投诉\n").unwrap(),
            ["投诉电话", "书面投诉"]
        );
        assert_eq!(
            channels("# 制度\n\n为做好资助工作，制定本办法。\n\n投诉电话 0375-2077202。\n\n来访地址 207室。\n\n书面投诉须署名。\n"),
            None,
            "paragraphs that are no list items stay apart"
        );
        // A catalogue is written by the prices it lists (sc-dicp-ssnmr), three of them.
        let catalogue = |t: &str| {
            let doc = Document::parse("docs/a.md", t.into());
            content_elsewhere(&doc, "服务目录", &["服务项目"], &["收费项目"])
        };
        let prices = "# 收费\n\n1. H谱测试：\n\n    150元/样品；\n\n2. 杂核测试：200元/小时/样品，超过1小时加收50元/小时。\n";
        let (at, terms) = catalogue(prices).unwrap();
        assert_eq!(terms, ["150元/样品", "200元/小时", "50元/小时"]);
        assert!(prices[at..].starts_with("150元"), "{}", &prices[at..]);
        assert_eq!(catalogue("# 收费\n\n测试费150元/样品，加急另收200元/小时。\n"), None);
        let table = "# 收费\n\n| 项目 | 收费 |\n|---|---|\n| 咨询 | 2,000元/次起 |\n| 诊断 | 3万元/项 |\n| 培训 | 800元/人·天 |\n";
        assert_eq!(catalogue(table).unwrap().1, ["2,000元/次起", "3万元/项", "800元/人"]);
        let doc = Document::parse("docs/a.md", prices.into());
        assert_eq!(content_elsewhere(&doc, "收费依据", &[], &["定价"]), None);
        // Nor is another step's own work (rectifying, passing the result on).
        assert_eq!(found("# 制度\n\n处理完毕后，应在24小时内把处理结果反馈投诉人。\n"), None);
        assert_eq!(found("# 制度\n\n验收不合格的，应在7个工作日内完成整改。\n"), None);
        // Issuing the result, or completing the matter, ends the service (sp-ycit-sample,
        // sp-jiangnan-atc); a number of days the action follows at once is a deadline.
        assert_eq!(found("# 须知\n\n一般样品本中心在3-5个工作日出具测试结果。\n").unwrap(), ["3-5个工作日"]);
        assert_eq!(found("# 须知\n\n检测报告一般在10-15个工作日内完成。\n").unwrap(), ["10-15个工作日内"]);
        assert_eq!(found("# 须知\n\n收样后5个工作日予以出具鉴定意见。\n").unwrap(), ["5个工作日"]);
        assert_eq!(found("# 须知\n\n新员工须参加3个工作日培训。\n"), None, "a duration");
        // A limit the text names so needs no action after it (trust13 sp-hebei-chaxin).
        assert_eq!(found("# 须知\n\n提供查新报告的时限为7天（节假日顺延）。\n").unwrap(), ["7天"]);
        assert_eq!(found("# 须知\n\n查新报告需7天（节假日顺延）。\n"), None);
        assert_eq!(found("# 须知\n\n提前3个工作日出具介绍信后到场。\n"), None, "ahead of time");
        // Nor does a deadline write a section other than a time limit's.
        let doc = Document::parse("docs/a.md", "# 制度\n\n收到申请后5个工作日内办结。\n".into());
        assert_eq!(content_elsewhere(&doc, "服务受理", &[], &["予以受理", "受理条件"]), None);
        assert_eq!(found("# 制度\n\n工作日9:00-17:00电话答复。\n"), None, "opening hours");
    }

    #[test]
    fn content_outside_headings_and_appendices_is_found() {
        let doc = Document::parse(
            "docs/a.md",
            "# 制度\n\n投诉受理：中心设专人登记。\n\n## 附件1 投诉登记表\n\n投诉受理：表格。\n".into(),
        );
        assert_eq!(lead_in_position(&doc, &["投诉受理"]), Some(10));
        let doc = Document::parse("docs/a.md", "# 投诉受理\n\n正文。\n".into());
        assert_eq!(lead_in_position(&doc, &["投诉受理"]), None);
    }
}
