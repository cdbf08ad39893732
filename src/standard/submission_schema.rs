//! JSON Schemas generated from the standard's catalogues: the standard is the single
//! source of truth for what a metric file and a manifest may contain.

use serde_json::{json, Map, Value};

use super::region::{PROVINCES, SUFFIXES};
use super::{Check, DocDef, MetricDef, MetricType, Standard};
use super::{LEVELS, OPERATION_MODELS};
use crate::i18n::Text;

// How a metric value may be written as YAML *text* (a number YAML already reads as a
// number needs no pattern). The metrics loader matches text against these same patterns
// before converting it (`submission::metrics::typed_value`), so what the schema accepts
// and what the loader accepts cannot drift apart. They use only constructs that mean the
// same in ECMA-262 (JSON Schema) and in Rust's regex crate: no `\s`, no `\d`, literal
// full-width characters.

/// A whole number: `1250`, `"1,250"`, `"１２５０"`, `"１，２５０"`.
pub const INT_PATTERN: &str =
    r"^[ \t　]*[-－]?(?:[0-9０-９]+|[0-9０-９]{1,3}(?:[,，][0-9０-９]{3})+)[ \t　]*$";
/// A number: as [`INT_PATTERN`], with an optional fraction (`"1,250.5"`, `"４．８７"`).
pub const NUMBER_PATTERN: &str = r"^[ \t　]*[-－]?(?:[0-9０-９]+|[0-9０-９]{1,3}(?:[,，][0-9０-９]{3})+)(?:[.．][0-9０-９]+)?[ \t　]*$";
/// An amount of money whose catalogue unit is a money unit (万元): a number with an
/// optional `万`/`亿` multiplier, `元` allowed after it (`"3,256万"`, `"4.87亿元"`).
pub const MONEY_PATTERN: &str = r"^[ \t　]*[-－]?(?:[0-9０-９]+|[0-9０-９]{1,3}(?:[,，][0-9０-９]{3})+)(?:[.．][0-9０-９]+)?[ \t　]*(?:[万亿]元?)?[ \t　]*$";
/// A percentage: `94.3%`, `"９４．３％"`.
pub const PERCENT_PATTERN: &str =
    r"^[ \t　]*[-－]?[0-9０-９]+(?:[.．][0-9０-９]+)?[ \t　]*[%％][ \t　]*$";

/// The decimal exponent of a metric's money unit (万元 -> 4), when its unit is money.
pub fn money_exp(m: &MetricDef) -> Option<i32> {
    match m.kind {
        MetricType::Int | MetricType::Number => crate::figures::money_unit_exp(&m.unit.zh),
        MetricType::Percent | MetricType::Bool => None,
    }
}

/// The pattern a metric's value written as text must match, if text is allowed at all.
pub fn text_pattern(m: &MetricDef) -> Option<&'static str> {
    match m.kind {
        _ if money_exp(m).is_some() => Some(MONEY_PATTERN),
        MetricType::Int => Some(INT_PATTERN),
        MetricType::Number => Some(NUMBER_PATTERN),
        MetricType::Percent => Some(PERCENT_PATTERN),
        MetricType::Bool => None,
    }
}

/// The schema of `metrics/YEAR.yaml`.
pub fn metrics_schema(metrics: &[MetricDef]) -> Value {
    let mut props = Map::new();
    props.insert(
        "year".into(),
        json!({"type": "integer", "minimum": 1949, "maximum": 2200,
               "description": "报告年度 / the year these values are for"}),
    );
    for m in metrics {
        let description = format!("{}（{}） / {}", m.name.zh, m.unit.zh, m.name.en);
        let number = match m.kind {
            MetricType::Int => "integer",
            MetricType::Number | MetricType::Percent => "number",
            MetricType::Bool => "boolean",
        };
        let mut s = match text_pattern(m) {
            Some(pattern) => json!({"anyOf": [
                {"type": number},
                {"type": "string", "pattern": pattern}
            ]}),
            None => json!({"type": number}),
        };
        s["description"] = Value::String(description);
        props.insert(m.id.clone(), s);
    }
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "sscheck metrics file",
        "type": "object",
        "required": ["year"],
        "properties": props,
        "additionalProperties": false
    })
}

/// The schema of `center.yaml` used for validation. It checks structure and types only;
/// values (enums, patterns, required profile fields) are the standard's `field` rules, so
/// that they are reported once, with the rule's own wording.
pub fn center_schema(documents: &[DocDef]) -> Value {
    let mut docs = Map::new();
    for d in documents {
        docs.insert(
            d.id.clone(),
            json!({"type": "string", "minLength": 1,
                   "description": format!("{} / {}", d.name.zh, d.name.en)}),
        );
    }
    let center_props: Map<String, Value> = CENTER_FIELDS
        .iter()
        .map(|f| {
            let kind = if f.integer { "integer" } else { "string" };
            (
                f.key.to_string(),
                json!({"type": kind, "description": format!("{} / {}", f.name.0, f.name.1)}),
            )
        })
        .collect();
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "sscheck center manifest",
        "type": "object",
        "required": ["center", "reporting_year", "documents"],
        "properties": {
            "center": {
                "type": "object",
                "properties": center_props,
                "additionalProperties": false
            },
            "reporting_year": {"type": "integer", "minimum": 1949, "maximum": 2200,
                               "description": "报告年度 / reporting year"},
            "documents": {
                "type": "object",
                "properties": docs,
                "additionalProperties": false,
                "description": "文档类型 -> 文件 / document type -> file"
            }
        },
        "additionalProperties": false
    })
}

/// A profile field of `center.yaml`: key, name and a hint, both in (zh, en).
pub struct CenterField {
    pub key: &'static str,
    pub name: (&'static str, &'static str),
    pub hint: (&'static str, &'static str),
    /// Written as a whole number (a year); the others are texts.
    pub integer: bool,
}

/// The profile fields of `center.yaml`, in the order they are written.
pub const CENTER_FIELDS: [CenterField; 6] = [
    CenterField {
        key: "id",
        name: ("中心编号", "center id"),
        hint: (
            "省份代码-城市代码-编号，只用大写字母、数字和“-”，如 GD-SZ-0012",
            "PROVINCE-CITY-NUMBER in capital letters, digits and '-', e.g. GD-SZ-0012",
        ),
        integer: false,
    },
    CenterField {
        key: "name",
        name: ("中心名称", "center name"),
        hint: (
            "中心的法定全称，如 深圳市南山区生产力促进中心",
            "the center's full legal name",
        ),
        integer: false,
    },
    CenterField {
        key: "level",
        name: ("层级", "level"),
        hint: ("", ""),
        integer: false,
    },
    CenterField {
        key: "province",
        name: ("所在省份", "province"),
        hint: (
            "省份简称或全称，如 广东 或 广东省；区域（东部、中部、西部、东北）由它推导",
            "short or full province name, e.g. 广东 or 广东省; the region (east, central, west, northeast) is derived from it",
        ),
        integer: false,
    },
    CenterField {
        key: "operation_model",
        name: ("运营模式", "operation model"),
        hint: ("", ""),
        integer: false,
    },
    CenterField {
        key: "established",
        name: ("成立年份", "year established"),
        hint: ("四位数年份，如 1998", "a four-digit year, e.g. 1998"),
        integer: true,
    },
];

/// The name of a level or operation model value, for hover text and comments.
pub fn value_label(value: &str) -> Option<Text> {
    let (zh, en) = match value {
        "national" => ("国家级", "national"),
        "provincial" => ("省级", "provincial"),
        "municipal" => ("市级", "municipal"),
        "county" => ("县级", "county"),
        "government" => ("政府主导", "government-led"),
        "market" => ("市场化运营", "market-run"),
        "hybrid" => ("混合模式", "hybrid"),
        _ => return None,
    };
    Some(Text::new(zh, en))
}

/// What a standard asks of one profile field of `center.yaml`.
pub struct FieldSpec {
    pub field: &'static CenterField,
    /// An unconditional `field` rule requires it.
    pub required: bool,
    /// The allowed values: the standard's `field` rule's `one_of`, else the values
    /// cohorts accept (levels, operation models); empty when any text goes.
    pub one_of: Vec<String>,
    /// The `field` rule's pattern, when other JSON Schema implementations read it alike.
    pub pattern: Option<String>,
    /// The value names a mainland province.
    pub province: bool,
}

/// The profile fields of `center.yaml` as the standard's unconditional `field` rules
/// (no `applies_to`) describe them.
pub fn center_field_specs(standard: &Standard) -> Vec<FieldSpec> {
    CENTER_FIELDS
        .iter()
        .map(|f| {
            let path = format!("center.{}", f.key);
            let rules = standard.rules.iter().filter_map(|r| match &r.check {
                Check::Field(crate::checks::field::Field {
                    field,
                    required,
                    pattern,
                    one_of,
                    province,
                }) if *field == path && r.applies_to.is_empty() => {
                    Some((required, pattern, one_of, province))
                }
                _ => None,
            });
            let mut spec = FieldSpec {
                field: f,
                required: false,
                one_of: Vec::new(),
                pattern: None,
                province: f.key == "province",
            };
            for (required, pattern, one_of, province) in rules {
                spec.required |= *required;
                spec.province |= *province;
                if spec.one_of.is_empty() {
                    spec.one_of.clone_from(one_of);
                }
                if spec.pattern.is_none() {
                    spec.pattern = pattern
                        .as_ref()
                        .map(|p| p.as_str().to_string())
                        .filter(|p| portable_pattern(p));
                }
            }
            if spec.one_of.is_empty() {
                let fallback: &[&str] = match f.key {
                    "level" => &LEVELS,
                    "operation_model" => &OPERATION_MODELS,
                    _ => &[],
                };
                spec.one_of = fallback.iter().map(|s| s.to_string()).collect();
            }
            spec
        })
        .collect()
}

/// A regular expression that Rust, ECMA-262 and Python read alike: ASCII, no flags or
/// groups with `(?`, and only the common escapes.
fn portable_pattern(p: &str) -> bool {
    if !p.is_ascii() || p.contains("(?") {
        return false;
    }
    let mut chars = p.chars();
    while let Some(c) = chars.next() {
        if c == '\\'
            && !chars
                .next()
                .is_some_and(|e| r"dDsSwW.-\/^$|()[]{}*+?".contains(e))
        {
            return false;
        }
    }
    true
}

/// The allowed values with their names: `national（国家级）| provincial（省级）…`.
pub fn options_text(values: &[String]) -> (String, String) {
    let show = |zh: bool| {
        values
            .iter()
            .map(|v| match value_label(v) {
                Some(l) if zh => format!("{v}（{}）", l.zh),
                Some(l) if l.en != *v => format!("{v} ({})", l.en),
                _ => v.clone(),
            })
            .collect::<Vec<_>>()
            .join(" | ")
    };
    (show(true), show(false))
}

/// The schema of a province: a short name (`广东`) or a full one (`广东省`), exactly the
/// names `region::normalize_province` resolves.
fn province_schema() -> Value {
    let short: Vec<&str> = PROVINCES.iter().map(|(p, _)| *p).collect();
    let full = format!("^({})({})$", short.join("|"), SUFFIXES.join("|"));
    json!({"type": "string", "anyOf": [{"enum": short}, {"pattern": full}]})
}

/// The file `sscheck init` writes each catalogue document to (`docs/<中文名>.md`),
/// unique per document type.
pub fn document_files(documents: &[DocDef]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for d in documents {
        let name = match d.name.zh.trim() {
            "" => d.id.as_str(),
            zh => zh,
        };
        let clean: String = name
            .chars()
            .map(|c| {
                if c.is_control() || r#"/\:*?"<>|"#.contains(c) {
                    '_'
                } else {
                    c
                }
            })
            .collect();
        let mut path = format!("docs/{clean}.md");
        if out.contains(&path) {
            path = format!("docs/{clean}_{}.md", d.id);
        }
        out.push(path);
    }
    out
}

/// The schema of `center.yaml` for editors: the validation schema plus the allowed
/// values (levels, operation models, provinces), the standard's required fields and
/// documents, and a title and bilingual description on every key.
pub fn center_editor_schema(standard: &Standard) -> Value {
    let mut props = Map::new();
    let mut required = Vec::new();
    for spec in center_field_specs(standard) {
        let f = spec.field;
        let mut p = if f.integer {
            json!({"type": "integer"})
        } else if spec.province {
            province_schema()
        } else {
            json!({"type": "string"})
        };
        if !f.integer && !spec.province {
            if !spec.one_of.is_empty() {
                p["enum"] = json!(spec.one_of);
            } else if let Some(pattern) = &spec.pattern {
                p["pattern"] = json!(pattern);
            } else if spec.required {
                p["pattern"] = json!("\\S");
            }
        }
        let (mut zh, mut en) = (f.hint.0.to_string(), f.hint.1.to_string());
        if !spec.one_of.is_empty() {
            (zh, en) = options_text(&spec.one_of);
        }
        p["title"] = json!(format!("{} / {}", f.name.0, f.name.1));
        p["description"] = json!(format!("{}：{} / {}: {}", f.name.0, zh, f.name.1, en));
        if spec.required {
            required.push(f.key);
        }
        props.insert(f.key.to_string(), p);
    }
    let needed: Vec<&str> = standard
        .rules
        .iter()
        .filter(|r| r.applies_to.is_empty())
        .filter_map(|r| match &r.check {
            Check::Document(d) => Some(d.document.as_str()),
            _ => None,
        })
        .collect();
    let mut docs = Map::new();
    let mut docs_required = Vec::new();
    for (d, file) in standard
        .documents
        .iter()
        .zip(document_files(&standard.documents))
    {
        docs.insert(
            d.id.clone(),
            json!({
                "type": "string",
                "minLength": 1,
                "title": format!("{} / {}", d.name.zh, d.name.en),
                "description": format!(
                    "《{}》的文件路径（相对于提交目录），如 {file} / path of the {} (relative to the submission folder), e.g. {file}",
                    d.name.zh, d.name.en
                ),
                "default": file
            }),
        );
        if needed.contains(&d.id.as_str()) {
            docs_required.push(d.id.clone());
        }
    }
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": format!("sscheck center.yaml — 中心档案 / center manifest ({} {})", standard.id, standard.version),
        "description": "生产力促进中心年度提交材料的档案与文档索引 / profile and document index of a productivity promotion center's yearly submission",
        "type": "object",
        "required": ["center", "reporting_year", "documents"],
        "properties": {
            "center": {
                "type": "object",
                "title": "中心档案 / center profile",
                "description": "中心的基本信息 / the center's profile",
                "required": required,
                "properties": props,
                "additionalProperties": false
            },
            "reporting_year": {
                "type": "integer", "minimum": 1949, "maximum": 2200,
                "title": "报告年度 / reporting year",
                "description": "报告年度：本次提交对应的年份，如 2024 / reporting year: the year this submission reports on, e.g. 2024"
            },
            "documents": {
                "type": "object",
                "title": "文档索引 / document index",
                "description": "文档类型 -> 文件路径；文档类型由标准的文档目录规定 / document type -> file path; the standard's document catalogue declares the types",
                "required": docs_required,
                "properties": docs,
                "additionalProperties": false
            }
        },
        "additionalProperties": false
    })
}

/// A JSON number, whole when it is whole (`5`, not `5.0`).
fn number(x: f64) -> Value {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        json!(x as i64)
    } else {
        json!(x)
    }
}

/// The schema of `metrics/YEAR.yaml` for editors: the validation schema plus a title,
/// the unit, the value format and the possible range of every metric.
pub fn metrics_editor_schema(standard: &Standard) -> Value {
    let mut s = metrics_schema(&standard.metrics);
    s["title"] = json!(format!(
        "sscheck metrics/YEAR.yaml — 年度指标 / yearly metrics ({} {})",
        standard.id, standard.version
    ));
    s["description"] = json!(
        "一个年度的指标：year 和每个指标编号一个值 / one year's metrics: `year` and one value per metric id"
    );
    s["properties"]["year"]["title"] = json!("年度 / year");
    for m in &standard.metrics {
        let p = &mut s["properties"][m.id.as_str()];
        p["title"] = json!(format!("{} / {}", m.name.zh, m.name.en));
        let (format_zh, format_en) = match m.kind {
            MetricType::Int => (
                "整数，如 1250 或 \"1,250\"",
                "a whole number, e.g. 1250 or \"1,250\"",
            ),
            MetricType::Number => ("数值，如 48700", "a number, e.g. 48700"),
            MetricType::Percent => (
                "百分数，如 94.3% 或 0.943",
                "a percentage, e.g. 94.3% or 0.943",
            ),
            MetricType::Bool => ("true 或 false", "true or false"),
        };
        let has_unit = m.kind != MetricType::Percent && !m.unit.zh.is_empty();
        let (unit_zh, unit_en) = if has_unit {
            (
                format!("，单位：{}", m.unit.zh),
                format!(", in {}", m.unit.en),
            )
        } else {
            (String::new(), String::new())
        };
        let range = match (m.min, m.max) {
            (Some(lo), Some(hi)) if m.kind != MetricType::Percent => format!("；范围 {lo}–{hi}"),
            _ => String::new(),
        };
        p["description"] = json!(format!(
            "{}{unit_zh}；{format_zh}{range} / {}{unit_en}; {format_en}{}",
            m.name.zh,
            m.name.en,
            range.replace("；范围", "; range")
        ));
        // The number branch: its possible range (a percentage's as a fraction).
        if let Some(branch) = p
            .get_mut("anyOf")
            .and_then(Value::as_array_mut)
            .and_then(|b| b.first_mut())
        {
            if let Some(lo) = m.min {
                branch["minimum"] = number(lo);
            }
            if let Some(hi) = m.max {
                branch["maximum"] = number(hi);
            }
        }
    }
    s
}

/// A waiver's expiry as written: [`crate::dates::DATE`] with its named groups made plain
/// and `\s` spelt out, so it means the same in ECMA-262 and in Rust's regex crate.
pub fn expiry_pattern() -> String {
    let plain = regex::Regex::new(r"\(\?P<[a-z0-9]+>")
        .expect("static regex")
        .replace_all(crate::dates::DATE, "(?:");
    format!(r"^[ \t　]*{}[ \t　]*$", plain.replace(r"\s", "[ \t　]"))
}

/// The schema of `waivers.yaml`.
pub fn waivers_schema() -> Value {
    let fingerprint = json!({"anyOf": [
        {"type": "string", "pattern": "^[ \t]*[0-9a-fA-F]{8,16}[ \t]*$"},
        {"type": "integer", "minimum": 0}
    ]});
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "sscheck waivers.yaml — 豁免 / waivers",
        "description": "经批准的偏离，每条有理由、到期日和审批人；可限定到文件或问题指纹 / accepted deviations, each with a reason, an expiry and an approver; optionally narrowed to a file or to findings' fingerprints",
        "type": "object",
        "required": ["waivers"],
        "properties": {
            "waivers": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["rule", "reason", "expires", "approved_by"],
                    "properties": {
                        "rule": {"type": "string", "minLength": 1,
                                 "description": "规则编号（SUP-003）或输入诊断代码（input/encoding-gbk） / a rule id (SUP-003) or an input code (input/encoding-gbk)"},
                        "reason": {"type": "string", "minLength": 1,
                                   "description": "豁免理由 / why the deviation is accepted"},
                        "expires": {"type": "string", "pattern": expiry_pattern(),
                                    "description": "到期日：2027-06-30、2027年6月30日、2027年6月（月末）、2027/6/30、2027.6.30、二〇二七年六月三十日 / expiry: 2027-06-30, 2027年6月30日, 2027年6月 (end of month), 2027/6/30, 2027.6.30, 二〇二七年六月三十日"},
                        "approved_by": {"type": "string", "minLength": 1,
                                        "description": "审批人或审批单位 / who approved it"},
                        "file": {"type": "string", "minLength": 1,
                                 "description": "只豁免该文件中的问题，如 docs/服务流程规范.md / only findings in this file, e.g. docs/服务流程规范.md"},
                        "fingerprint": {
                            "description": "只豁免指纹相符的问题（16 位十六进制，见 JSON 输出或 --show-fingerprints；可只写前 8 位以上）；一个或一个列表 / only the findings with this fingerprint (16 hex digits from the JSON output or --show-fingerprints; at least the first 8); one or a list",
                            "anyOf": [fingerprint.clone(), {"type": "array", "minItems": 1, "items": fingerprint}]
                        }
                    },
                    "additionalProperties": false
                }
            }
        },
        "additionalProperties": false
    })
}

#[cfg(test)]
mod waiver_schema_tests {
    #[test]
    fn expiry_pattern_accepts_what_the_loader_reads() {
        let re = regex::Regex::new(&super::expiry_pattern()).unwrap();
        for ok in [
            "2027-06-30",
            "2027年6月30日",
            "2027年6月",
            "2027/6/30",
            "2027.6.30",
            "２０２７年６月３０日",
            "二〇二七年六月三十日",
        ] {
            assert!(re.is_match(ok), "{ok}");
            assert!(crate::dates::parse_date(ok).is_some(), "{ok}");
        }
        for bad in ["明年", "2027", "2027-06", "2027-06-30 左右"] {
            assert!(!re.is_match(bad), "{bad}");
            assert!(crate::dates::parse_date(bad).is_none(), "{bad}");
        }
    }
}
