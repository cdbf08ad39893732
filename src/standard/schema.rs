//! JSON Schemas generated from the standard's catalogues: the standard is the single
//! source of truth for what a metric file and a manifest may contain.

use serde_json::{json, Map, Value};

use super::{DocDef, MetricDef, MetricType};

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
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "sscheck center manifest",
        "type": "object",
        "required": ["center", "reporting_year", "documents"],
        "properties": {
            "center": {
                "type": "object",
                "properties": {
                    "id": {"type": "string", "description": "中心编号 / center id, e.g. GD-SZ-0012"},
                    "name": {"type": "string", "description": "中心名称 / center name"},
                    "level": {"type": "string", "description": "层级 / level"},
                    "province": {"type": "string", "description": "所在省份 / province"},
                    "operation_model": {"type": "string", "description": "运营模式 / operation model"},
                    "established": {"type": "integer", "description": "成立年份 / year established"}
                },
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
