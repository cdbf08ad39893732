//! `keywords`: a document or one of its sections mentions required terms (all-of /
//! any-of), or none of the forbidden ones.

use super::{Ctx, RuleResult};
use crate::standard::Check;
use crate::submission::Document;
use crate::t;

/// At most this many findings per forbidden term, so one pasted template is not a flood.
const MAX_HITS_PER_TERM: usize = 3;

pub fn run(ctx: &Ctx) -> RuleResult {
    let Check::Keywords {
        document,
        section,
        all_of,
        any_of,
        none_of,
    } = &ctx.rule.check
    else {
        unreachable!("dispatched by kind")
    };
    let doc = match ctx.document(document) {
        Ok(d) => d,
        Err(r) => return r,
    };
    let (scope, anchor, scope_name) = match section {
        Some(id) => match section_range(ctx, doc, document, id) {
            Some(s) => s,
            None => {
                return RuleResult::error(t!(
                    "文档中没有章节 `{section}`（见章节规则），无法检查其用语",
                    "the document has no section `{section}` (see the sections rule), so its wording cannot be checked",
                    section = id
                ))
            }
        },
        None => (0..doc.text.len(), 0..0, None),
    };
    let text = &doc.text[scope.clone()];
    let where_zh = scope_name.as_ref().map_or_else(
        || "全文".to_string(),
        |n: &crate::i18n::Text| format!("“{}”一节", n.zh),
    );
    let where_en = scope_name.as_ref().map_or_else(
        || "the document".to_string(),
        |n| format!("section “{}”", n.en),
    );
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
    let def = ctx
        .standard
        .document(document)?
        .headings
        .iter()
        .find(|h| h.id == heading_id)?;
    let i = doc.find_heading(def.wordings())?;
    let h = &doc.headings[i];
    Some((h.body.clone(), h.span.clone(), Some(def.name.clone())))
}
