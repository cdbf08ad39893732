//! `sscheck init`: scaffold a submission from the standard's catalogues.
//!
//! Writes center.yaml (commented, with sample values that pass the profile rules),
//! metrics/YEAR.yaml with every catalogue metric, a skeleton per catalogue document with
//! the headings and tables the rules ask for, and the editor schemas the YAML files point
//! at. An existing file is never overwritten: it is skipped and reported.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{LangArg, StandardArgs};
use sscheck::i18n::Lang;
use sscheck::standard::region::PROVINCES;
use sscheck::standard::schema::{self, FieldSpec};
use sscheck::standard::{Check, DocDef, MetricDef, MetricType, Standard};

#[derive(clap::Args)]
pub struct InitArgs {
    /// The submission folder to scaffold (created when absent).
    dir: PathBuf,
    #[command(flatten)]
    standard: StandardArgs,
    /// The reporting year (default: last calendar year).
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1949..=2200))]
    year: Option<i32>,
    /// How many metric files to write, ending with the reporting year.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=20))]
    years: u32,
    /// The revision date written into the documents (YYYY-MM-DD; default: today).
    #[arg(long, value_name = "DATE")]
    today: Option<jiff::civil::Date>,
    /// Language of the messages (default: from LANG; Chinese when unset).
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
}

/// Files of the editor schemas, at the top of the submission folder.
const CENTER_SCHEMA: &str = "center.schema.json";
const METRICS_SCHEMA: &str = "metrics.schema.json";
/// What an unfilled section holds. The baseline's placeholder rule (BAS-008) looks for
/// it, so a section left unfilled is reported rather than passing silently.
const TO_FILL: &str = "（待补充）";

pub fn run(args: InitArgs) -> ExitCode {
    let lang = super::lang(args.lang);
    let standard = match args.standard.load(lang) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let today = args.today.unwrap_or_else(|| jiff::Zoned::now().date());
    let year = args.year.unwrap_or(i32::from(today.year()) - 1);
    if args.dir.exists() && !args.dir.is_dir() {
        eprintln!("sscheck: {} exists and is not a folder", args.dir.display());
        return ExitCode::from(2);
    }
    let files = scaffold(&standard, year, args.years, today);
    let msg = |zh: String, en: String| if lang == Lang::Zh { zh } else { en };
    let dir = args.dir.display();
    println!(
        "{}",
        msg(
            format!(
                "按标准 {} {} 在 {dir} 生成提交材料骨架：",
                standard.id, standard.version
            ),
            format!(
                "Scaffolding a submission in {dir} from standard {} {}:",
                standard.id, standard.version
            ),
        )
    );
    let mut failed = false;
    let mut center_skipped = false;
    for (rel, content) in &files {
        match create_new(&args.dir, rel, content) {
            Ok(true) => println!(
                "  {}",
                msg(format!("已创建 {rel}"), format!("created {rel}"))
            ),
            Ok(false) => {
                center_skipped |= rel == "center.yaml";
                println!(
                    "  {}",
                    msg(
                        format!("已跳过 {rel}（已存在，未改动）"),
                        format!("skipped {rel} (exists, left unchanged)")
                    )
                );
            }
            Err(e) => {
                failed = true;
                eprintln!("sscheck: cannot write {rel}: {e}");
            }
        }
    }
    if failed {
        return ExitCode::from(2);
    }
    if center_skipped {
        println!(
            "{}",
            msg(
                "注意：center.yaml 已存在且未改动，请确认其 documents 指向上面的文档文件。".into(),
                "Note: center.yaml existed and was left unchanged; make sure its documents index points at the document files above.".into()
            )
        );
    }
    println!(
        "{}",
        msg(
            format!("下一步：把 center.yaml 中的示例值改为本中心的实际信息，填写 metrics/ 中的指标，把 docs/ 各节的“{TO_FILL}”换成实际内容，然后运行 sscheck check {dir}"),
            format!("Next: replace the sample values in center.yaml with your center's own, fill in metrics/, replace each {TO_FILL} in docs/ with real content, then run sscheck check {dir}"),
        )
    );
    ExitCode::SUCCESS
}

/// Write a file unless something exists at its path; `Ok(false)` when skipped.
fn create_new(dir: &Path, rel: &str, content: &str) -> std::io::Result<bool> {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    // `create_new` refuses any existing entry, a dangling link included: nothing is
    // ever overwritten or written through a link.
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(mut f) => f.write_all(content.as_bytes()).map(|_| true),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e),
    }
}

/// Every file of the scaffold as (relative path, content), in the order written.
fn scaffold(
    standard: &Standard,
    year: i32,
    years: u32,
    today: jiff::civil::Date,
) -> Vec<(String, String)> {
    let doc_files = schema::document_files(&standard.documents);
    let mut files = vec![(
        "center.yaml".to_string(),
        center_yaml(standard, year, &doc_files),
    )];
    let first = (year - years as i32 + 1).max(1949);
    for y in first..=year {
        files.push((format!("metrics/{y}.yaml"), metrics_yaml(standard, y)));
    }
    for (d, file) in standard.documents.iter().zip(&doc_files) {
        files.push((file.clone(), document_md(standard, d, today)));
    }
    let pretty = |v: serde_json::Value| {
        let mut s = serde_json::to_string_pretty(&v).expect("a JSON value serializes");
        s.push('\n');
        s
    };
    files.push((
        CENTER_SCHEMA.to_string(),
        pretty(schema::center_editor_schema(standard)),
    ));
    files.push((
        METRICS_SCHEMA.to_string(),
        pretty(schema::metrics_editor_schema(standard)),
    ));
    files
}

/// A YAML scalar for a text: plain when that reads back as the same text, else quoted.
fn yaml_text(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || "_-./（）".contains(c))
        && !s.starts_with(['-', '.'])
        && s.parse::<f64>().is_err()
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n"
        );
    if plain {
        s.to_string()
    } else {
        serde_json::to_string(s).expect("a string serializes")
    }
}

/// The sample value of a profile field: one that passes the standard's `field` rules.
fn sample_field(spec: &FieldSpec) -> String {
    if let Some(first) = spec.one_of.first() {
        return yaml_text(first);
    }
    match spec.field.key {
        "id" => "XX-XX-0001".into(),
        "name" => "某某市生产力促进中心".into(),
        "province" => PROVINCES[0].0.into(),
        "established" => "2000".into(),
        _ => "\"\"".into(),
    }
}

fn center_yaml(standard: &Standard, year: i32, doc_files: &[String]) -> String {
    let mut s = String::new();
    s.push_str(&format!(
        "# yaml-language-server: $schema=./{CENTER_SCHEMA}\n\
         # 中心档案与文档索引，由 sscheck init 按标准 {id} {version} 生成。\n\
         # Center profile and document index, generated by sscheck init from standard {id} {version}.\n\
         # 标有“请修改”的是示例值：请改为本中心的实际信息，然后运行 sscheck check 检查。\n\
         # Values marked \"change me\" are samples: replace them with your center's own, then run sscheck check.\n\
         \n\
         center:\n",
        id = standard.id,
        version = standard.version
    ));
    for spec in schema::center_field_specs(standard) {
        let f = spec.field;
        let (zh, en) = if spec.one_of.is_empty() {
            (f.hint.0.to_string(), f.hint.1.to_string())
        } else {
            schema::options_text(&spec.one_of)
        };
        s.push_str(&format!(
            "  # {}（请修改）：{zh}\n  # {} (change me): {en}\n  {}: {}\n",
            f.name.0,
            f.name.1,
            f.key,
            sample_field(&spec)
        ));
    }
    s.push_str(&format!(
        "\n# 报告年度 / reporting year\nreporting_year: {year}\n\
         \n# 文档索引：文档类型 -> 文件 / document index: document type -> file\ndocuments:\n"
    ));
    for (d, file) in standard.documents.iter().zip(doc_files) {
        s.push_str(&format!(
            "  {}: {}  # {} / {}\n",
            d.id,
            yaml_text(file),
            d.name.zh,
            d.name.en
        ));
    }
    s
}

/// `x` as YAML writes a number: whole numbers without a fraction.
fn number_text(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// The sample value of a metric: 0 (false), moved into the metric's possible range.
fn sample_metric(m: &MetricDef) -> String {
    if m.kind == MetricType::Bool {
        return "false".into();
    }
    let mut v: f64 = 0.0;
    if let Some(lo) = m.min {
        v = v.max(lo);
    }
    if let Some(hi) = m.max {
        v = v.min(hi);
    }
    match m.kind {
        MetricType::Int => number_text(v.ceil()),
        MetricType::Percent => format!("{}%", number_text((v * 1e6).round() / 1e4)),
        _ => number_text(v),
    }
}

fn metrics_yaml(standard: &Standard, year: i32) -> String {
    let mut s = format!(
        "# yaml-language-server: $schema=../{METRICS_SCHEMA}\n\
         # {year} 年度指标 / metrics for {year}\n\
         # 每行一个指标：请把示例值改为实际数值；百分数可写 94.3% 或 0.943，整数可写 1250 或 \"1,250\"。\n\
         # One metric a line: replace the sample values with real ones; percentages as 94.3% or 0.943, integers as 1250 or \"1,250\".\n\
         year: {year}\n"
    );
    let lines: Vec<(String, String)> = standard
        .metrics
        .iter()
        .map(|m| {
            let unit = match m.kind {
                MetricType::Bool => "true/false".to_string(),
                _ => m.unit.zh.clone(),
            };
            let unit = if unit.is_empty() {
                String::new()
            } else {
                format!("（{unit}）")
            };
            (
                format!("{}: {}", m.id, sample_metric(m)),
                format!("# {}{unit} / {}", m.name.zh, m.name.en),
            )
        })
        .collect();
    let width = lines.iter().map(|(l, _)| l.len()).max().unwrap_or(0);
    for (line, comment) in lines {
        s.push_str(&format!("{line:width$}  {comment}\n"));
    }
    s
}

/// Chinese numbering of sections: 一, 二, … 十, 十一, … 九十九.
fn zh_numeral(n: usize) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => DIGITS[n].to_string(),
        10..=19 => format!("十{}", if n > 10 { DIGITS[n - 10] } else { "" }),
        20..=99 => format!(
            "{}十{}",
            DIGITS[n / 10],
            if n.is_multiple_of(10) {
                ""
            } else {
                DIGITS[n % 10]
            }
        ),
        _ => n.to_string(),
    }
}

/// A Markdown table cell.
fn cell(s: &str) -> String {
    s.replace('|', "\\|")
}

fn document_md(standard: &Standard, d: &DocDef, today: jiff::civil::Date) -> String {
    // The headings: the catalogue's required ones and every one a rule names.
    let mut named: BTreeSet<&str> = BTreeSet::new();
    let mut tables: Vec<(Option<&str>, Vec<&str>)> = Vec::new();
    for rule in &standard.rules {
        match &rule.check {
            Check::Sections(s) if s.document == d.id => {
                named.extend(s.headings.iter().map(String::as_str))
            }
            Check::Keywords(k) if k.document == d.id => {
                if let Some(section) = &k.section {
                    named.insert(section);
                }
            }
            Check::Table(t) if t.document == d.id => {
                let (section, columns) = (&t.section, &t.columns);
                if let Some(section) = section {
                    named.insert(section);
                }
                let table = (
                    section.as_deref(),
                    columns.iter().map(|c| c.name.as_str()).collect(),
                );
                if !tables.contains(&table) {
                    tables.push(table);
                }
            }
            _ => {}
        }
    }
    let headings: Vec<_> = d
        .headings
        .iter()
        .filter(|h| h.required || named.contains(h.id.as_str()))
        .collect();
    let title = if d.name.zh.is_empty() {
        &d.name.en
    } else {
        &d.name.zh
    };
    let mut s = format!(
        "# {title}\n\n修订日期：{today}\n\n\
         > 本文件由 sscheck init 按《{}》生成，各节标题是标准要求的章节。请按本中心的实际情况填写各节，修订后更新上面的修订日期。\n",
        standard.title.zh
    );
    let table_md = |columns: &[&str]| {
        let header: Vec<String> = columns.iter().map(|c| cell(c)).collect();
        let mut row = vec![TO_FILL.to_string()];
        row.resize(columns.len(), String::new());
        format!(
            "\n| {} |\n|{}|\n| {} |\n",
            header.join(" | "),
            vec!["---"; columns.len()].join("|"),
            row.join(" | ")
        )
    };
    for (i, h) in headings.iter().enumerate() {
        let name = if h.name.zh.is_empty() {
            &h.name.en
        } else {
            &h.name.zh
        };
        s.push_str(&format!(
            "\n## {}、{name}\n\n{TO_FILL}\n",
            zh_numeral(i + 1)
        ));
        let last = i + 1 == headings.len();
        for (section, columns) in &tables {
            // A table without a section goes to the last one.
            if *section == Some(h.id.as_str()) || (section.is_none() && last) {
                s.push_str(&table_md(columns));
            }
        }
    }
    if headings.is_empty() {
        for (_, columns) in &tables {
            s.push_str(&table_md(columns));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn baseline() -> Standard {
        sscheck::standard::load_embedded().unwrap()
    }

    fn day() -> jiff::civil::Date {
        jiff::civil::date(2025, 3, 1)
    }

    #[test]
    fn numerals() {
        let got: Vec<String> = [1, 9, 10, 11, 19, 20, 21, 99, 100]
            .into_iter()
            .map(zh_numeral)
            .collect();
        assert_eq!(
            got,
            [
                "一",
                "九",
                "十",
                "十一",
                "十九",
                "二十",
                "二十一",
                "九十九",
                "100"
            ]
        );
    }

    #[test]
    fn texts_that_need_quotes_get_them() {
        assert_eq!(yaml_text("docs/服务流程规范.md"), "docs/服务流程规范.md");
        assert_eq!(yaml_text("national"), "national");
        for s in ["yes", "1.0", "a: b", "#x", "", "-a"] {
            let quoted = yaml_text(s);
            let back = sscheck::yaml::parse(&format!("v: {quoted}\n")).unwrap();
            assert_eq!(back.get("v").and_then(|n| n.as_str()), Some(s), "{s}");
        }
    }

    #[test]
    fn yaml_files_parse_and_hold_every_key() {
        let standard = baseline();
        let files = scaffold(&standard, 2024, 3, day());
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names[..4],
            [
                "center.yaml",
                "metrics/2022.yaml",
                "metrics/2023.yaml",
                "metrics/2024.yaml"
            ]
        );
        let center = sscheck::yaml::parse(&files[0].1).unwrap();
        assert_eq!(
            center
                .path("reporting_year")
                .and_then(|n| n.scalar_text())
                .as_deref(),
            Some("2024")
        );
        for d in &standard.documents {
            let path = center
                .path(&format!("documents.{}", d.id))
                .and_then(|n| n.as_str())
                .unwrap();
            assert!(names.contains(&path), "{path}");
        }
        let metrics = sscheck::yaml::parse(&files[3].1).unwrap();
        for m in &standard.metrics {
            assert!(metrics.get(&m.id).is_some(), "{}", m.id);
        }
        assert!(
            files[3]
                .1
                .contains("# 服务企业数（家） / Enterprises served"),
            "{}",
            files[3].1
        );
    }

    #[test]
    fn documents_have_numbered_headings_a_revision_date_and_tables() {
        let standard = baseline();
        let catalog = standard.document("service_catalog").unwrap();
        let md = document_md(&standard, catalog, day());
        assert!(
            md.starts_with("# 服务目录与收费标准\n\n修订日期：2025-03-01\n"),
            "{md}"
        );
        assert!(md.contains("\n## 一、总则\n"), "{md}");
        assert!(md.contains("\n## 二、服务目录\n\n（待补充）\n\n| 服务项目 | 服务内容 | 收费标准 | 服务时限 |\n|---|---|---|---|\n"), "{md}");
        let process = standard.document("service_process").unwrap();
        let md = document_md(&standard, process, day());
        assert!(
            !md.contains("附则"),
            "optional headings no rule names are left out"
        );
        assert_eq!(
            md.matches("\n## ").count(),
            process.headings.iter().filter(|h| h.required).count()
        );
    }
}
