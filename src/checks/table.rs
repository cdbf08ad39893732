//! `table`: a section holds a table with the required columns.

use super::keywords::section_range;
use super::{Ctx, RuleResult};
use crate::finding::{Outcome, Severity};
use crate::submission::heading_match::{assign_cells, Found};
use crate::t;
use serde_json::{json, Value};
use super::registry::Kind;
use crate::i18n::Text;
use crate::standard::describe::CohortValue;
use crate::standard::standard_format_schema::{d, document_param, r, section_param};
use crate::standard::{Params, Standard};

/// Parameters of a `table` check.
#[derive(Debug, Clone)]
pub struct Table {
    pub document: String,
    /// A heading id; the whole document when absent.
    pub section: Option<String>,
    pub columns: Vec<Column>,
}

/// A column a table must have, by name or alias.
#[derive(Debug, Clone)]
pub struct Column {
    pub name: String,
    pub aliases: Vec<String>,
}

impl Kind for Table {
    const NAME: &'static str = "table";

    fn summary() -> Text {
        Text::new(
            "文档（或其中一节）有一张含所需列的表格",
            "a document (or one of its sections) has a table with the required columns",
        )
    }

    fn schema() -> Value {
        json!({
            "required": ["document", "columns"],
            "properties": {
                "document": document_param(),
                "section": section_param(),
                "columns": d(
                    json!({"type": "array", "minItems": 1, "items": {"anyOf": [
                        r("scalar"),
                        {
                            "type": "object",
                            "required": ["name"],
                            "properties": {
                                "name": d(r("nonempty"), "列名", "column name"),
                                "aliases": d(r("strings"), "其他可接受的列名", "other accepted column names")
                            },
                            "additionalProperties": false
                        }
                    ]}}),
                    "表格须有的列：列名或 {name, aliases}", "required columns: a name or {name, aliases}"
                )
            }
        })
    }

    fn example() -> &'static str {
        "{kind: table, document: service_catalog, columns: [服务项目, {name: 收费标准, aliases: [收费方式]}]}"
    }

    fn load(p: &mut Params) -> Option<Self> {
        let document = p.document("document")?;
        let section = p.heading("section", &document);
        let mut columns = Vec::new();
        for node in p.items("columns") {
            let mut col = p.item(node);
            if let Some(name) = col.as_text() {
                columns.push(Column {
                    name,
                    aliases: Vec::new(),
                });
            } else {
                col.only(&["name", "aliases"]);
                if let Some(name) = col.text("name") {
                    columns.push(Column {
                        name,
                        aliases: col.texts("aliases"),
                    });
                }
            }
        }
        if columns.is_empty() {
            p.error("", t!("table 检查需要 `columns`", "a table check needs `columns`"));
        }
        Some(Table {
            document,
            section,
            columns,
        })
    }

    fn describe(&self, standard: &Standard, _: &mut Vec<CohortValue>) -> (Text, Option<(String, String)>) {
        let Table { document, section, columns } = self;
        let name = standard.document_name(document);
        let cols: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
        (
            t!("《{name}》（章节 {scope}）有一张表格，列为：{columns}", "the {name} (section {scope}) has a table with the columns: {columns}", name = name, scope = section.as_deref().unwrap_or("*"), columns = cols.join(" | ")),
            Some((format!("| {} |", cols.join(" | ")), format!("| {} |", cols[..cols.len().saturating_sub(1)].join(" | ")))),
        )
    }

    fn run(&self, ctx: &Ctx) -> RuleResult {
        run(self, ctx)
    }
}

fn run(check: &Table, ctx: &Ctx) -> RuleResult {
    let Table {
        document,
        section,
        columns,
    } = check;
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
    // Columns match the way headings do: aliases, containment, similarity, each header
    // cell used once.
    let wanted: Vec<Vec<&str>> = columns
        .iter()
        .map(|c| std::iter::once(c.name.as_str()).chain(c.aliases.iter().map(String::as_str)).collect())
        .collect();
    let found = |header: &[String]| -> Vec<bool> {
        let cells: Vec<&str> = header.iter().map(String::as_str).collect();
        assign_cells(&wanted, &cells)
            .iter()
            .map(|f| f.index().is_some())
            .collect()
    };
    // The table with the most required columns is the one meant.
    let best = doc
        .tables_in(scope)
        .max_by_key(|t| found(&t.header).iter().filter(|x| **x).count());
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
    let cells: Vec<&str> = table.header.iter().map(String::as_str).collect();
    let mut findings = Vec::new();
    let mut advisory = 0;
    for (c, f) in columns.iter().zip(assign_cells(&wanted, &cells)) {
        let finding = match f {
            Found::Yes(..) => continue,
            // A near miss: the column is probably there under another name.
            Found::Near(j, score) => {
                advisory += 1;
                let mut f = ctx.finding(
                    t!(
                        "表格没有完全对应“{column}”的列；“{cell}”列可能就是它（相似度 {score}），建议使用规定名称",
                        "the table has no column that is clearly “{column}”; “{cell}” probably is (similarity {score}): use the required name",
                        column = c.name,
                        cell = table.header[j],
                        score = format!("{score:.2}")
                    ),
                    Some(t!("可能是“{column}”", "probably “{column}”", column = c.name)),
                    Some(ctx.location_in(doc, table.header_span.clone())),
                );
                f.severity = ctx.rule.severity.min(Severity::Warning);
                f
            }
            Found::No => ctx.finding(
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
            ),
        };
        findings.push(finding);
    }
    let hard = findings.len() - advisory;
    let mut result = RuleResult::from_findings(findings);
    if hard == 0 {
        result.outcome = Outcome::Pass;
    }
    result
}
