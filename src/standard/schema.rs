//! JSON Schemas generated from the standard's catalogues: the standard is the single
//! source of truth for what a metric file and a manifest may contain.

use serde_json::{json, Map, Value};

use super::{DocDef, MetricDef, MetricType};

/// A percentage written as text: `94.3%` or `94.3％`.
pub const PERCENT_PATTERN: &str = r"^\s*-?[0-9０-９]+([.．][0-9０-９]+)?\s*[%％]\s*$";
/// A number written with thousands separators: `1,250`.
pub const GROUPED_PATTERN: &str =
    r"^\s*-?[0-9０-９]{1,3}([,，][0-9０-９]{3})+([.．][0-9０-９]+)?\s*$";

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
        let mut s = match m.kind {
            MetricType::Int => json!({"anyOf": [
                {"type": "integer"},
                {"type": "string", "pattern": GROUPED_PATTERN}
            ]}),
            MetricType::Number => json!({"anyOf": [
                {"type": "number"},
                {"type": "string", "pattern": GROUPED_PATTERN}
            ]}),
            MetricType::Percent => json!({"anyOf": [
                {"type": "number"},
                {"type": "string", "pattern": PERCENT_PATTERN}
            ]}),
            MetricType::Bool => json!({"type": "boolean"}),
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
