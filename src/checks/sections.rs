//! `sections`: a document has the required headings (with zh/en aliases), optionally in order.

use super::{Ctx, RuleResult};
use crate::standard::Check;
use crate::t;

pub fn run(ctx: &Ctx) -> RuleResult {
    let Check::Sections {
        document,
        headings,
        ordered,
    } = &ctx.rule.check
    else {
        unreachable!("dispatched by kind")
    };
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
    let found: Vec<Option<usize>> = wanted
        .iter()
        .map(|h| doc.find_heading(h.wordings()))
        .collect();
    let mut findings = Vec::new();
    for (i, h) in wanted.iter().enumerate() {
        if found[i].is_some() {
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
        let aliases: Vec<&str> = h.aliases.iter().map(String::as_str).collect();
        let alias_zh = if aliases.is_empty() {
            String::new()
        } else {
            format!("（或：{}）", aliases.join("、"))
        };
        let alias_en = if aliases.is_empty() {
            String::new()
        } else {
            format!(" (or: {})", aliases.join(", "))
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
    RuleResult::from_findings(findings)
}
