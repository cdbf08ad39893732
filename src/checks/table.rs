//! `table`: a section holds a table with the required columns.

use super::keywords::section_range;
use super::{Ctx, RuleResult};
use crate::standard::{Check, Column};
use crate::submission::document::normalize_heading;
use crate::t;

pub fn run(ctx: &Ctx) -> RuleResult {
    let Check::Table {
        document,
        section,
        columns,
    } = &ctx.rule.check
    else {
        unreachable!("dispatched by kind")
    };
    let doc = match ctx.document(document) {
        Ok(d) => d,
        Err(r) => return r,
    };
    // When the section heading is missing (the sections rule reports that), the table is
    // still looked for in the whole document: it usually moved with the merged text.
    let (scope, anchor) = section
        .as_deref()
        .and_then(|id| section_range(ctx, doc, document, id))
        .map_or((0..doc.text.len(), 0..0), |(body, head, _)| (body, head));
    let has = |header: &[String], col: &Column| {
        let wanted: Vec<String> = std::iter::once(&col.name)
            .chain(&col.aliases)
            .map(|s| normalize_heading(s))
            .collect();
        header
            .iter()
            .any(|h| wanted.contains(&normalize_heading(h)))
    };
    // The table with the most required columns is the one meant.
    let best = doc
        .tables_in(scope)
        .max_by_key(|t| columns.iter().filter(|c| has(&t.header, c)).count());
    let Some(table) = best else {
        let names: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
        return RuleResult::from_findings(vec![ctx.finding(
            t!(
                "缺少包含以下列的表格：{columns}",
                "no table with the columns: {columns}",
                columns = names.join(" | ")
            ),
            Some(t!("此节应有表格", "a table is expected in this section")),
            Some(ctx.location_in(doc, anchor)),
        )]);
    };
    let findings = columns
        .iter()
        .filter(|c| !has(&table.header, c))
        .map(|c| {
            ctx.finding(
                t!(
                    "表格缺少“{column}”列（现有列：{columns}）",
                    "the table lacks the column “{column}” (columns: {columns})",
                    column = c.name,
                    columns = table.header.join(" | ")
                ),
                Some(t!(
                    "缺少“{column}”列",
                    "no “{column}” column",
                    column = c.name
                )),
                Some(ctx.location_in(doc, table.header_span.clone())),
            )
        })
        .collect();
    RuleResult::from_findings(findings)
}
