//! `consistency`: figures stated in a document's prose (服务企业1,250家, 4.87亿元, 94.3%)
//! match the reporting year's metrics within a tolerance, and the figures of its tables
//! by year (`| 服务企业数（家） | 1,158 | 1,250 |`) match each year's. The metric
//! catalogue's `prose` terms say which figure is which.

use super::{show, Ctx, RuleResult};
use crate::figures::{
    agrees, find_statements_outside, plan_sections_of_year, year_of_heading, CellReader, TableLabel, ProseSpec,
};
use crate::finding::Finding;
use crate::figures::Figure;
use crate::submission::document::Table;
use crate::submission::Document;
use crate::standard::{MetricDef, MetricType};
use crate::t;
use serde_json::{json, Value};
use super::registry::Kind;
use crate::i18n::Text;
use crate::standard::describe::CohortValue;
use crate::standard::standard_format_schema::{d, document_param, r};
use crate::standard::{Params, Standard};

/// Parameters of a `consistency` check.
#[derive(Debug, Clone)]
pub struct Consistency {
    pub document: String,
    pub metrics: Vec<String>,
    /// Relative tolerance for counts and money.
    pub tolerance: f64,
    /// Absolute tolerance for percentages, as a fraction (0.002 = 0.2 points).
    pub percent_tolerance: f64,
}

impl Kind for Consistency {
    const NAME: &'static str = "consistency";

    fn summary() -> Text {
        Text::new(
            "文档正文所述的数字与报告年度的指标一致，按年份列出的表格与各年度指标一致",
            "figures a document states in prose agree with the reporting year's metrics, and its tables by year with each year's",
        )
    }

    fn schema() -> Value {
        json!({
            "required": ["document"],
            "properties": {
                "document": document_param(),
                "metrics": d(r("strings"), "要比对的指标（默认：目录中有 prose 的全部指标）", "metrics to compare (default: every metric with `prose`)"),
                "tolerance": d(json!({"type": "number"}), "数量和金额的相对容差（默认 0.01）", "relative tolerance for counts and money (default 0.01)"),
                "percent_tolerance": d(json!({"type": "number"}), "百分数的绝对容差，以小数计（默认 0.002，即 0.2 个百分点）", "absolute tolerance for percentages, as a fraction (default 0.002 = 0.2 points)")
            }
        })
    }

    fn example() -> &'static str {
        "{kind: consistency, document: self_evaluation, metrics: [enterprises_served], tolerance: 0.01}"
    }

    fn load(p: &mut Params) -> Option<Self> {
        let document = p.document("document")?;
        let mut metrics = p.texts("metrics");
        for m in &metrics {
            match p.metrics().iter().find(|x| &x.id == m).map(|def| def.prose.is_some()) {
                None => p.error("metrics", t!("未知的指标 `{m}`", "unknown metric `{m}`", m = m)),
                Some(false) => p.error(
                    "metrics",
                    t!(
                        "指标目录中指标 `{m}` 没有 `prose` 用语，无法在正文中找到它",
                        "metric `{m}` has no `prose` terms in the catalogue, so prose cannot be matched to it",
                        m = m
                    ),
                ),
                Some(true) => {}
            }
        }
        if metrics.is_empty() {
            metrics = p
                .metrics()
                .iter()
                .filter(|m| m.prose.is_some())
                .map(|m| m.id.clone())
                .collect();
        }
        Some(Consistency {
            document,
            metrics,
            tolerance: p.number("tolerance").unwrap_or(0.01),
            percent_tolerance: p.number("percent_tolerance").unwrap_or(0.002),
        })
    }

    fn describe(&self, standard: &Standard, _: &mut Vec<CohortValue>) -> (Text, Option<(String, String)>) {
        let Consistency { document, metrics, tolerance, percent_tolerance } = self;
        let name = standard.document_name(document);
        let ex = metrics.iter().find_map(|m| {
            let def = standard.metric(m)?;
            let term = def.prose.as_ref()?.terms.first()?.clone();
            Some(match def.kind {
                MetricType::Percent => (
                    format!("{m}: 94.3%   +   “{term}94.3%”"),
                    format!("{m}: 94.3%   +   “{term}98.1%”"),
                ),
                _ => (
                    format!("{m}: 1250   +   “{term}1,250{}”", def.unit.zh),
                    format!("{m}: 1250   +   “{term}1,560{}”", def.unit.zh),
                ),
            })
        });
        (
            t!(
                "《{name}》正文所述的 {metrics} 与报告年度指标一致（相对误差 {tolerance}，百分数 {points} 个百分点）",
                "figures stated in the {name} for {metrics} match the reporting year's metrics (relative tolerance {tolerance}, percentages {points} points)",
                name = name,
                metrics = metrics.join(", "),
                tolerance = tolerance,
                points = percent_tolerance * 100.0
            ),
            ex,
        )
    }

    fn run(&self, ctx: &Ctx) -> RuleResult {
        run(self, ctx)
    }
}

fn run(check: &Consistency, ctx: &Ctx) -> RuleResult {
    let Consistency {
        document,
        metrics,
        tolerance,
        percent_tolerance,
    } = check;
    let doc = match ctx.document(document) {
        Ok(d) => d,
        Err(r) => return r,
    };
    let year = match ctx.reporting_year() {
        Ok(y) => y,
        Err(r) => return r,
    };
    let mut findings = Vec::new();
    let mut dropped = 0;
    let mut compared = 0;
    // Prose is read with the lines a PDF or Word export broke joined again (`技` over
    // `术合同成交额5.2亿元`); its figures are then placed back in the document.
    let unwrapped = crate::text::Unwrapped::of(&doc.text);
    let prose: &str = unwrapped.as_ref().map_or(&doc.text, |u| &u.text);
    // Found once for all the metrics compared, at the first (most rules compare several).
    let mut prose_plans = None;
    for id in metrics {
        let Some(def) = ctx.standard.metric(id) else {
            continue;
        };
        let Some(spec) = prose_spec(def) else { continue };
        let Some((value, metric_loc)) = ctx.metric(id, year) else {
            continue;
        };
        let Some(metric_value) = value.as_f64() else {
            continue;
        };
        compared += 1;
        let percent = spec.percent;
        let plans = prose_plans.get_or_insert_with(|| plan_sections_of_year(prose, Some(year)));
        for mut stated in find_statements_outside(prose, plans, &spec, Some(year)) {
            if agrees(
                &stated,
                metric_value,
                percent,
                *tolerance,
                *percent_tolerance,
            ) {
                continue;
            }
            // A hostile document can state a figure a million times: count beyond the cap.
            if findings.len() >= ctx.limit {
                dropped += 1;
                continue;
            }
            if let Some(u) = &unwrapped {
                stated.span = u.original(stated.span);
            }
            let place = Place::Prose;
            findings.push(contradiction(ctx, doc, id, def, &stated, metric_value, &metric_loc.file, place));
        }
    }
    // Tables of figures by year (`| 服务企业数（家） | 1,158 | 1,250 |` under `| 指标 | 2023年 |
    // 2024年 |`): each year's figure against that year's metrics.
    // The prose's plans are the document's when no line was joined.
    let plans = match (&unwrapped, prose_plans) {
        (None, Some(p)) => p,
        _ => plan_sections_of_year(&doc.text, Some(year)),
    };
    let readers: Vec<(&String, ProseSpec, CellReader)> = match doc.tables.is_empty() {
        true => Vec::new(),
        false => metrics
            .iter()
            .filter_map(|id| {
                let spec = prose_spec(ctx.standard.metric(id)?)?;
                let reader = CellReader::new(&spec);
                Some((id, spec, reader))
            })
            .collect(),
    };
    for table in &doc.tables {
        if plans.iter().any(|p| p.contains(&table.header_span.start)) {
            continue;
        }
        // Which metric each label names, decided once per label (a row's label heads
        // each of its year cells).
        let mut named: Vec<(&str, Option<Named>)> = Vec::new();
        for cell in table_cells(&doc.text, table, year) {
            let metric = match named.iter().find(|(label, _)| *label == cell.label) {
                Some((_, m)) => m.clone(),
                None => {
                    let label = TableLabel::read(cell.label);
                    let m = readers
                        .iter()
                        .position(|(_, spec, _)| label.names(spec))
                        .map(|k| (k, label.unit.clone()));
                    named.push((cell.label, m.clone()));
                    m
                }
            };
            let Some((k, unit)) = metric else { continue };
            let (id, ref spec, ref reader) = readers[k];
            let percent = spec.percent;
            let Some(def) = ctx.standard.metric(id) else {
                continue;
            };
            let unit = unit.as_deref().or(cell.unit);
                let Some(mut stated) = reader.figure(&doc.text[cell.span.clone()], unit) else {
                    continue;
                };
                stated.span = cell.span.start + stated.span.start..cell.span.start + stated.span.end;
                let Some((value, metric_loc)) = ctx.metric(id, cell.year) else {
                    continue;
                };
                let Some(metric_value) = value.as_f64() else {
                    continue;
                };
                if agrees(&stated, metric_value, percent, *tolerance, *percent_tolerance) {
                    continue;
                }
                if findings.len() >= ctx.limit {
                    dropped += 1;
                    continue;
                }
                let place = Place::Table(cell.year);
                findings.push(contradiction(ctx, doc, id, def, &stated, metric_value, &metric_loc.file, place));
        }
    }
    if compared == 0 && !metrics.is_empty() {
        let reason = t!(
            "{year} 年没有可供比对的指标值",
            "no metric of {year} is available to compare with",
            year = year
        );
        return match ctx.sub.metrics.get(&year) {
            // A file with no valid value at all (it does not parse): the file is the cause.
            Some(m) if m.values.is_empty() => {
                RuleResult::missing(reason, super::Cause::File(m.file.clone()))
            }
            Some(_) => RuleResult::error(reason),
            None => RuleResult::missing(reason, ctx.metrics_cause(&metrics[0], year)),
        };
    }
    RuleResult::from_findings_and_dropped(findings, dropped)
}

/// Where a document states a figure.
#[derive(Clone, Copy)]
enum Place {
    Prose,
    /// A table, in its column (or row) of that year.
    Table(i32),
}

/// The finding of a figure `stated` in `doc` that contradicts metric `id`'s value in
/// `file`. The value read is shown beside what is written when they differ (`4.87亿元`,
/// `1,250家`, `1,520` in a column of 家).
#[allow(clippy::too_many_arguments)]
fn contradiction(
    ctx: &Ctx,
    doc: &Document,
    id: &str,
    def: &MetricDef,
    stated: &Figure,
    metric_value: f64,
    file: &str,
    place: Place,
) -> Finding {
    // As a reader sees it: a figure broken over lines (`5.2` over `亿元`) is quoted whole.
    let written: String = doc.text[stated.span.clone()]
        .chars()
        .filter(|c| !matches!(c, '\n' | '\r'))
        .collect();
    let written = written.as_str();
    let stated_norm = if def.kind == MetricType::Percent {
        format!("{}%", show((stated.value * 1000.0).round() / 10.0))
    } else {
        format!("{}{}", show(stated.value), def.unit.zh)
    };
    // Group separators, spaces and the measure word 个 (`1.3个工作日`) change nothing.
    let as_written = written
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | ' ' | '\u{3000}' | '个'))
        .eq(stated_norm.chars());
    let value = ctx.standard.show_quantity(id, metric_value);
    let name = &def.name;
    let message = match (place, as_written) {
        (Place::Prose, true) => t!(
            "文中{name}写作“{written}”，与 {file} 填报的{name} {value}（{id}）不一致",
            "the prose states {name} as “{written}”, but {file} reports {name} = {value} ({id})",
            name = name, written = written, file = file, id = id, value = value
        ),
        (Place::Prose, false) => t!(
            "文中{name}写作“{written}”（即 {stated}），与 {file} 填报的{name} {value}（{id}）不一致",
            "the prose states {name} as “{written}” ({stated}), but {file} reports {name} = {value} ({id})",
            name = name, written = written, stated = ctx.standard.show_quantity(id, stated.value),
            file = file, id = id, value = value
        ),
        (Place::Table(year), true) => t!(
            "表格中{name}（{year} 年）写作“{written}”，与 {file} 填报的{name} {value}（{id}）不一致",
            "a table states {name} for {year} as “{written}”, but {file} reports {name} = {value} ({id})",
            name = name, year = year, written = written, file = file, id = id, value = value
        ),
        (Place::Table(year), false) => t!(
            "表格中{name}（{year} 年）写作“{written}”（即 {stated}），与 {file} 填报的{name} {value}（{id}）不一致",
            "a table states {name} for {year} as “{written}” ({stated}), but {file} reports {name} = {value} ({id})",
            name = name, year = year, written = written,
            stated = ctx.standard.show_quantity(id, stated.value), file = file, id = id, value = value
        ),
    };
    ctx.finding(
        message,
        Some(t!("指标值为 {value}", "the metric is {value}", value = value)),
        Some(ctx.location_in(doc, stated.span.clone())),
    )
}

/// The metric a table's label names (its place among the readers), and the unit the
/// label gives.
type Named = (usize, Option<String>);

/// How a metric is stated in prose, from its catalogue entry (`None`: it has no `prose`).
fn prose_spec(def: &MetricDef) -> Option<ProseSpec<'_>> {
    let prose = def.prose.as_ref()?;
    Some(ProseSpec {
        terms: &prose.terms,
        frames: &prose.frames,
        units: &prose.units,
        money_base: prose.money_base.as_deref(),
        percent: def.kind == MetricType::Percent,
    })
}

/// One cell of a table of figures by year: its year, the label of the metric it gives,
/// and where it is.
struct YearCell<'a> {
    year: i32,
    label: &'a str,
    /// The row's unit, when the table gives units in a column of their own.
    unit: Option<&'a str>,
    span: std::ops::Range<usize>,
}

/// The cells of `table` that give a year's figure: the years head the columns and the
/// metrics the rows (`| 指标 | 2023年 | 2024年 |`), or the other way round (`| 年度 |
/// 服务企业数（家） |` over `| 2024 | 1,250 |`). Other tables give none.
fn table_cells<'a>(text: &'a str, table: &'a Table, year: i32) -> Vec<YearCell<'a>> {
    let mut out = Vec::new();
    let cell_text = |span: &std::ops::Range<usize>| text.get(span.clone()).unwrap_or("");
    let year_columns: Vec<(usize, i32)> = table
        .header
        .iter()
        .enumerate()
        .skip(1)
        .filter_map(|(j, h)| Some((j, year_of_heading(h, Some(year))?)))
        .collect();
    if !year_columns.is_empty() {
        // The labels' column: the first, or the one after a column of numbers
        // (`| 序号 | 指标 | 2024年 |`).
        let numbering = |h: &str| matches!(h.trim(), "序号" | "编号" | "No." | "No" | "#");
        let label_column = usize::from(table.header.first().is_some_and(|h| numbering(h)));
        // A column of units beside the labels (`| 指标 | 单位 | 2024年 |`).
        let unit_column = table
            .header
            .iter()
            .position(|h| matches!(h.trim(), "单位" | "计量单位" | "单位名称"));
        for row in &table.cells {
            let Some(label) = row.get(label_column).map(cell_text) else {
                continue;
            };
            let unit = unit_column
                .and_then(|j| row.get(j))
                .map(cell_text)
                .map(str::trim)
                .filter(|u| !u.is_empty());
            for &(j, y) in &year_columns {
                if let Some(span) = row.get(j) {
                    out.push(YearCell { year: y, label, unit, span: span.clone() });
                }
            }
        }
        return out;
    }
    for row in &table.cells {
        let Some(y) = row.first().and_then(|c| year_of_heading(cell_text(c), Some(year))) else {
            continue;
        };
        for (j, span) in row.iter().enumerate().skip(1) {
            if let Some(label) = table.header.get(j) {
                out.push(YearCell { year: y, label, unit: None, span: span.clone() });
            }
        }
    }
    out
}
