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
                "none_of": d(r("strings"), "不得出现的词", "terms that must not appear")
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
        })
    }

    fn describe(&self, standard: &Standard, _: &mut Vec<CohortValue>) -> (Text, Option<(String, String)>) {
        let Keywords { document, section, all_of, any_of, none_of } = self;
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
    for term in all_of {
        if !text.contains(term.as_str()) {
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
    if !any_of.is_empty() && !any_of.iter().any(|t| text.contains(t.as_str())) {
        findings.push(ctx.finding(
            t!(
                "{where_zh}未提及以下任一用语：{terms}",
                "{where_en} mentions none of: {terms}",
                where_zh = where_zh,
                where_en = where_en,
                terms = crate::i18n::Text::new(any_of.join("、"), any_of.join(", "))
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
