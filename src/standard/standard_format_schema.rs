//! JSON Schemas (draft 2020-12) of the standard format itself: `standard.yaml` and
//! `rules/*.yaml`, with bilingual descriptions for editors.
//!
//! They describe, key by key, what [`load_sources`](super::load_sources) accepts in one
//! file. What needs more than one file stays with the loader: a rule's metric, document
//! or heading is in the catalogue, expressions parse and type-check, rule ids are unique,
//! patterns compile, dimension weights do not sum to zero, thresholds lie within the
//! metric's range.
//!
//! Where the loader silently ignores or guesses a value, the schemas reject it, because it
//! is always a mistake: a dimension without `weight`, `headings` / `cases` / `factors` /
//! `applies_to` / `decline` that are not of their shape, a threshold case without `value`,
//! a factor for an unknown level, region or operation model, and `required`, `ordered` or
//! `province` that are not `true`/`false`. Like JSON Schema's `integer`, they accept `3.0`
//! where the loader wants a whole number written `3`.
//!
//! `extends` is a list of standard references (texts); a standard that extends another
//! may leave out `dimensions`, `grades`, `metrics` and `documents`, which it inherits, and
//! changes inherited rules under `overrides`.

use serde_json::{json, Map, Value};

use super::region::REGIONS;
use super::{LEVELS, OPERATION_MODELS};
use crate::checks::KINDS;
use crate::finding::{Dimension, Severity};

const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

/// The metric value types of the catalogue.
pub const METRIC_TYPES: [&str; 4] = ["int", "number", "percent", "bool"];

/// The schema of `standard.yaml`.
pub fn standard_file_schema() -> Value {
    root(
        "sscheck standard.yaml — 服务标准定义 / service standard definition",
        standard_body(),
    )
}

/// The schema of a `rules/*.yaml` file.
pub fn rules_file_schema() -> Value {
    root(
        "sscheck rules/*.yaml — 服务标准规则 / rules of a service standard",
        rules_body(),
    )
}

/// One schema for both files of a standard, for editors: a file with a top-level
/// `rules` key is a rules file, any other is `standard.yaml`. Both are in `$defs`
/// (`standard_file`, `rules_file`).
pub fn standard_format_schema() -> Value {
    let mut defs = defs();
    defs.insert("standard_file".into(), standard_body());
    defs.insert("rules_file".into(), rules_body());
    json!({
        "$schema": DRAFT,
        "title": "sscheck standard — standard.yaml 与 rules/*.yaml / standard.yaml and rules/*.yaml",
        "description": desc(
            "服务标准文件：含顶层 rules 键的是规则文件（rules/*.yaml），否则是 standard.yaml",
            "a file of a standard: one with a top-level `rules` key is a rules file (rules/*.yaml), any other is standard.yaml"
        ),
        "$defs": defs,
        "if": {"type": "object", "required": ["rules"]},
        "then": {"$ref": "#/$defs/rules_file"},
        "else": {"$ref": "#/$defs/standard_file"}
    })
}

fn root(title: &str, body: Value) -> Value {
    let mut out = Map::new();
    out.insert("$schema".into(), DRAFT.into());
    out.insert("title".into(), title.into());
    let Value::Object(body) = body else {
        unreachable!("bodies are objects")
    };
    out.extend(body);
    out.insert("$defs".into(), Value::Object(defs()));
    Value::Object(out)
}

/// `"中文 / English"`, the form every description takes.
fn desc(zh: &str, en: &str) -> Value {
    Value::String(format!("{zh} / {en}"))
}

/// `schema` with a bilingual description.
pub(crate) fn d(mut schema: Value, zh: &str, en: &str) -> Value {
    schema["description"] = desc(zh, en);
    schema
}

pub(crate) fn r(def: &str) -> Value {
    json!({"$ref": format!("#/$defs/{def}")})
}

/// One allowed value, or a list of them.
fn one_or_list(values: &[&str]) -> Value {
    json!({"anyOf": [
        {"enum": values},
        {"type": "array", "items": {"enum": values}}
    ]})
}

/// A factor per value of a cohort attribute.
fn factor_table(values: &[&str], zh: &str, en: &str) -> Value {
    let props: Map<String, Value> = values
        .iter()
        .map(|v| {
            (
                v.to_string(),
                d(json!({"type": "number"}), "系数", "factor"),
            )
        })
        .collect();
    d(
        json!({"type": "object", "properties": props, "additionalProperties": false}),
        zh,
        en,
    )
}

/// Shared definitions, referenced as `#/$defs/NAME`.
fn defs() -> Map<String, Value> {
    let mut m = Map::new();
    let mut add = |name: &str, v: Value| {
        m.insert(name.to_string(), v);
    };
    add(
        "scalar",
        d(
            json!({"type": ["string", "number", "boolean"]}),
            "文本（数字和 true/false 按文本读取）",
            "a text (numbers and true/false are read as text)",
        ),
    );
    add(
        "nonempty",
        d(
            json!({"anyOf": [
                {"type": "string", "pattern": "\\S"},
                {"type": ["number", "boolean"]}
            ]}),
            "非空文本",
            "a non-empty text",
        ),
    );
    add(
        "strings",
        d(
            json!({"anyOf": [r("scalar"), {"type": "array", "items": r("scalar")}]}),
            "一个文本或文本列表",
            "a text or a list of texts",
        ),
    );
    add(
        "strings_nonempty",
        d(
            json!({"anyOf": [
                r("scalar"),
                {"type": "array", "items": r("scalar"), "minItems": 1}
            ]}),
            "一个文本或非空文本列表",
            "a text or a non-empty list of texts",
        ),
    );
    add(
        "text",
        d(
            json!({
                "type": "object",
                "required": ["zh", "en"],
                "properties": {
                    "zh": d(r("nonempty"), "中文", "Chinese"),
                    "en": d(r("nonempty"), "英文", "English")
                },
                "additionalProperties": false
            }),
            "中英文文本 {zh, en}",
            "a text in Chinese and English {zh, en}",
        ),
    );
    add(
        "cohort",
        d(
            json!({
                "type": "object",
                "properties": {
                    "level": d(one_or_list(&LEVELS), "层级", "level"),
                    "region": d(one_or_list(&REGIONS), "区域（由省份推导）", "region (derived from the province)"),
                    "operation_model": d(one_or_list(&OPERATION_MODELS), "运营模式", "operation model"),
                    "province": d(r("strings"), "省份", "province")
                },
                "additionalProperties": false
            }),
            "适用的中心：各项为一个值或列表，省略的项不限",
            "which centers: each attribute is a value or a list; an omitted attribute matches all",
        ),
    );
    add(
        "threshold",
        d(
            json!({"anyOf": [
                {"type": "number"},
                {
                    "type": "object",
                    "required": ["base"],
                    "properties": {
                        "base": d(json!({"type": "number"}), "基准值", "base value"),
                        "factors": d(
                            json!({
                                "type": "object",
                                "properties": {
                                    "level": factor_table(&LEVELS, "按层级的系数", "factor by level"),
                                    "region": factor_table(&REGIONS, "按区域的系数", "factor by region"),
                                    "operation_model": factor_table(&OPERATION_MODELS, "按运营模式的系数", "factor by operation model")
                                },
                                "additionalProperties": false
                            }),
                            "系数：阈值 = 基准值 × 各项系数（未列出的取 1）",
                            "factors: threshold = base × the factors (1 when not listed)"
                        ),
                        "cases": d(
                            json!({
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "required": ["value"],
                                    "properties": {
                                        "when": r("cohort"),
                                        "value": d(json!({"type": "number"}), "阈值", "threshold")
                                    },
                                    "additionalProperties": false
                                }
                            }),
                            "特例：第一个匹配的 when 生效",
                            "special cases: the first matching `when` wins"
                        )
                    },
                    "additionalProperties": false
                }
            ]}),
            "阈值：一个数，或 {base, factors, cases} 按同类调整",
            "a threshold: a number, or {base, factors, cases} varying by cohort",
        ),
    );
    add("override", override_schema());
    add("check", check_schema());
    add("rule", rule_schema());
    add("metric", metric_schema());
    add("document", document_schema());
    m
}

fn standard_body() -> Value {
    let dims: Map<String, Value> = Dimension::ALL
        .iter()
        .map(|dim| {
            let name = dim.name();
            (
                dim.id().to_string(),
                json!({
                    "type": "object",
                    "required": ["weight"],
                    "properties": {
                        "weight": d(json!({"type": "number", "minimum": 0}), "权重", "weight")
                    },
                    "additionalProperties": false,
                    "description": format!("{} / {}", name.zh, name.en)
                }),
            )
        })
        .collect();
    let all = [
        "id",
        "version",
        "title",
        "dimensions",
        "grades",
        "metrics",
        "documents",
    ];
    d(
        json!({
            "type": "object",
            "properties": {
                "id": d(r("nonempty"), "标准编号，如 national-baseline", "standard id, e.g. national-baseline"),
                "version": d(r("nonempty"), "版本，如 \"1.0.0\"", "version, e.g. \"1.0.0\""),
                "title": d(r("text"), "标准名称", "title of the standard"),
                "extends": d(
                    json!({"type": ["array", "null"], "items": {"type": "string", "pattern": "\\S"}}),
                    "继承的标准（文件夹路径或内置标准名）",
                    "standards this one extends (folder paths or embedded standard names)"
                ),
                "dimensions": d(
                    json!({"type": "object", "properties": dims, "additionalProperties": false, "minProperties": 1}),
                    "四个维度在总分中的权重（相对值）",
                    "weights of the four dimensions in the overall score (relative)"
                ),
                "grades": d(
                    json!({"type": "array", "items": {
                        "type": "object",
                        "required": ["grade", "min"],
                        "properties": {
                            "grade": d(r("nonempty"), "等级，如 A", "grade, e.g. A"),
                            "min": d(json!({"type": "number"}), "达到该等级的最低总分", "lowest overall score of the grade"),
                            "label": d(r("text"), "等级名称，如 优秀", "grade label, e.g. Excellent")
                        },
                        "additionalProperties": false
                    }}),
                    "等级：总分达到的第一个等级",
                    "grades: a score gets the first grade whose `min` it reaches"
                ),
                "metrics": d(
                    json!({
                        "type": "object",
                        "propertyNames": {"pattern": "^[a-z_][a-z0-9_]*$"},
                        "additionalProperties": r("metric")
                    }),
                    "指标目录：metrics/年份.yaml 可以填写的指标（编号为小写字母、数字、下划线）",
                    "the metric catalogue: the ids a metrics/YEAR.yaml may hold (lower_snake_case)"
                ),
                "documents": d(
                    json!({"type": "object", "additionalProperties": r("document")}),
                    "文档目录：center.yaml 的 documents 可以登记的文档类型及其章节",
                    "the document catalogue: document types center.yaml indexes, and their headings"
                ),
                "grading": d(
                    json!({
                        "type": "object",
                        "properties": {
                            "incomplete": d(r("nonempty"), "不完整（有规则无法检查）的提交最高可得的等级", "the best grade of an incomplete submission (a rule could not be checked)"),
                            "errors": d(r("nonempty"), "有未豁免错误的提交最高可得的等级", "the best grade of a submission with an unwaived error finding"),
                            "relative": d(
                                json!({
                                    "type": "object",
                                    "required": ["index", "grades"],
                                    "properties": {
                                        "index": d(json!({"type": "array", "minItems": 1, "items": {"type": "string"}}), "综合指数的指标：各指标在同组中的百分位的平均值", "the metrics of the composite index: the mean of the center's percentile rank on each within its cohort"),
                                        "by": d(json!({"type": "array", "minItems": 1, "items": {"enum": ["region", "level", "province", "operation_model"]}}), "分组属性（默认 [region, level]）", "the attributes that make a cohort (default [region, level])"),
                                        "min_cohort": d(json!({"type": "integer", "minimum": 2, "maximum": 10000}), "同组中心少于该数时不做相对评级，沿用按得分的等级（默认 8）", "a smaller cohort is not graded relatively; its centers keep their score's grade (default 8)"),
                                        "grades": d(
                                            json!({
                                                "type": "array",
                                                "minItems": 1,
                                                "items": {
                                                    "type": "object",
                                                    "required": ["grade", "min_percentile"],
                                                    "properties": {
                                                        "grade": d(r("nonempty"), "等级（须为本标准的等级）", "a grade of the standard's scale"),
                                                        "min_percentile": d(json!({"type": "number", "minimum": 0, "maximum": 100}), "达到该等级的最低百分位（0–100，最低等级为 0）", "the lowest percentile of the grade (0–100; 0 for the lowest grade)")
                                                    },
                                                    "additionalProperties": false
                                                }
                                            }),
                                            "按百分位划分的等级", "grades by percentile"
                                        )
                                    },
                                    "additionalProperties": false
                                }),
                                "相对评级（仅审计）：按综合指数在同组中心中的百分位评定等级，如江苏的 A/B/C；上述等级上限仍然适用",
                                "relative grading (audit only): the grade comes from the composite index's percentile within the cohort, like Jiangsu's A/B/C; the caps above still apply"
                            )
                        },
                        "additionalProperties": false
                    }),
                    "等级上限：无论得分如何", "grade caps, whatever the score"
                ),
                "overrides": d(
                    json!({"type": "object", "additionalProperties": r("override")}),
                    "修改继承的规则：规则编号 → 修改内容",
                    "changes to inherited rules: rule id → what changes"
                )
            },
            "additionalProperties": false,
            "if": {
                "required": ["extends"],
                "properties": {"extends": {"type": "array", "minItems": 1}}
            },
            "then": {"required": ["id", "version", "title"]},
            "else": {"required": all}
        }),
        "服务标准定义：编号、版本、名称、维度权重、等级、指标目录和文档目录",
        "a service standard: id, version, title, dimension weights, grades, the metric and document catalogues",
    )
}

fn rules_body() -> Value {
    d(
        json!({
            "type": "object",
            "required": ["rules"],
            "properties": {
                "rules": d(json!({"type": "array", "items": r("rule")}), "规则列表", "the list of rules")
            },
            "additionalProperties": false
        }),
        "规则文件：顶层 rules 列表",
        "a rules file: a top-level `rules` list",
    )
}

fn metric_schema() -> Value {
    d(
        json!({
            "type": "object",
            "required": ["name", "type"],
            "properties": {
                "name": d(r("text"), "指标名称", "metric name"),
                "type": d(
                    json!({"enum": METRIC_TYPES}),
                    "类型：int 整数、number 数值、percent 百分数（写作 94.3% 或 0.943）、bool 是否",
                    "type: int, number, percent (written 94.3% or 0.943), bool"
                ),
                "unit": d(r("text"), "单位", "unit"),
                "min": d(json!({"type": "number"}), "可能的最小值（超出即为输入错误）", "smallest possible value (below it is an input error)"),
                "max": d(json!({"type": "number"}), "可能的最大值（超出即为输入错误）", "largest possible value (above it is an input error)"),
                "prose": d(
                    json!({
                        "type": "object",
                        "required": ["terms"],
                        "properties": {
                            "terms": d(r("strings_nonempty"), "数字前的用语，如 服务企业", "words before the figure, e.g. 服务企业"),
                            "frames": d(
                                {
                                    let frame = json!({"type": "string", "pattern": crate::figures::Frame::PATTERN});
                                    json!({"anyOf": [frame.clone(), {"type": "array", "items": frame}]})
                                },
                                "数字写在名词前的说法，{n} 代表数字及单位，如 为{n}企业提供服务",
                                "wordings with the figure before its noun, {n} standing for the number and its unit, e.g. 为{n}企业提供服务"
                            ),
                            "units": d(r("strings"), "数字后的单位，如 家；元 也接受 万元、亿元", "unit words after the figure, e.g. 家; 元 also accepts 万元 and 亿元"),
                            "money_base": d(r("scalar"), "金额指标的存储单位，如 万元", "the unit money is stored in, e.g. 万元")
                        },
                        "additionalProperties": false
                    }),
                    "文中如何写这个数字（供 consistency 检查）",
                    "how prose writes the figure (for the consistency check)"
                )
            },
            "additionalProperties": false
        }),
        "一个指标的定义",
        "the definition of a metric",
    )
}

fn document_schema() -> Value {
    d(
        json!({
            "type": "object",
            "required": ["name"],
            "properties": {
                "name": d(r("text"), "文档名称", "document name"),
                "headings": d(
                    json!({"type": "array", "items": {
                        "type": "object",
                        "required": ["id", "name"],
                        "properties": {
                            "id": d(r("nonempty"), "章节编号（规则中引用）", "heading id (rules refer to it)"),
                            "name": d(r("text"), "章节标题", "heading text"),
                            "aliases": d(r("strings"), "其他可接受的标题写法", "other accepted wordings"),
                            "keywords": d(r("strings"), "标志本节内容的词语（内容写在其他标题下时据此识别）", "words that mark the section's content (to recognise it written under another heading)"),
                            "near": d(r("strings"), "大致指称本节的标题写法：如此命名的标题可能就是本节（提示相近，不算找到）", "wordings that name the section loosely: a heading so worded is probably the section (a near miss, not found)"),
                            "required": d(json!({"type": "boolean"}), "是否必需（默认 true）", "whether required (default true)")
                        },
                        "additionalProperties": false
                    }}),
                    "章节（匹配时忽略“一、”“1.1”等编号）",
                    "headings (numbering such as 一、 or 1.1 is ignored when matching)"
                )
            },
            "additionalProperties": false
        }),
        "一个文档类型的定义",
        "the definition of a document type",
    )
}

fn override_schema() -> Value {
    let severities: Vec<&str> = [Severity::Error, Severity::Warning, Severity::Info]
        .iter()
        .map(|s| s.as_str())
        .chain(["off"])
        .collect();
    d(
        json!({
            "type": "object",
            "minProperties": 1,
            "properties": {
                "severity": d(json!({"enum": severities}), "新的严重程度；off 关闭该规则", "new severity; off switches the rule off"),
                "weight": d(json!({"type": "number", "minimum": 0}), "新的权重", "new weight"),
                "applies_to": d(r("cohort"), "新的适用范围", "new applies_to"),
                "min": d(r("threshold"), "新的下限（metric 与 trend 规则）", "new minimum (metric and trend rules)"),
                "max": d(r("threshold"), "新的上限（metric 与 trend 规则）", "new maximum (metric and trend rules)"),
                "title": d(r("text"), "新的标题（阈值变了时）", "new title (when the threshold changed)")
            },
            "additionalProperties": false
        }),
        "对一条继承规则的修改",
        "changes to one inherited rule",
    )
}

fn rule_schema() -> Value {
    let dims: Vec<&str> = Dimension::ALL.iter().map(|x| x.id()).collect();
    let severities: Vec<&str> = [Severity::Error, Severity::Warning, Severity::Info]
        .iter()
        .map(|s| s.as_str())
        .collect();
    d(
        json!({
            "type": "object",
            "required": ["id", "dimension", "severity", "title", "rationale", "help", "source", "check"],
            "properties": {
                "id": d(r("nonempty"), "规则编号，如 PRO-004", "rule id, e.g. PRO-004"),
                "dimension": d(
                    json!({"enum": dims}),
                    "维度：basic 基础通用、provision 服务提供、support 服务保障、evaluation 绩效评价",
                    "dimension: basic, provision, support, evaluation"
                ),
                "severity": d(json!({"enum": severities}), "严重程度：error 错误、warning 警告、info 提示", "severity: error, warning, info"),
                "weight": d(json!({"type": "number"}), "在维度得分中的权重（默认 1）", "weight in the dimension score (default 1)"),
                "title": d(r("text"), "标题", "title"),
                "rationale": d(r("text"), "依据说明：为什么有这条规则", "rationale: why the rule exists"),
                "help": d(r("text"), "修改建议", "how to fix a finding"),
                "source": d(r("nonempty"), "来源：规则所依据的政策或条款", "source: the policy or clause the rule rests on"),
                "applies_to": d(r("cohort"), "适用范围（省略则适用于所有中心）", "which centers the rule applies to (all when omitted)"),
                "check": r("check"),
                "caps_grade": d(r("nonempty"), "该规则未通过（且未豁免）时，等级最高为此（一票否决）", "the best grade a submission gets while this rule fails unwaived (a veto item)"),
                "exit_risk": d(json!({"type": "boolean"}), "该规则未通过（且未豁免）时，审计将该中心列入退出风险名单（动态调整/退出）", "an unwaived failure puts the center on the audit's exit-risk list (dynamic adjustment and exit)"),
                "examples": d(
                    json!({
                        "type": "object",
                        "required": ["pass", "fail"],
                        "properties": {
                            "pass": d(r("nonempty"), "通过的输入示例", "an input that passes"),
                            "fail": d(r("nonempty"), "不通过的输入示例", "an input that fails")
                        },
                        "additionalProperties": false
                    }),
                    "sscheck explain 显示的示例（省略时自动生成）",
                    "examples shown by sscheck explain (generated when omitted)"
                )
            },
            "additionalProperties": false
        }),
        "一条规则",
        "a rule",
    )
}

/// A parameter naming a document type of the catalogue.
pub(crate) fn document_param() -> Value {
    d(
        r("nonempty"),
        "文档类型（文档目录中的编号）",
        "document type (an id of the document catalogue)",
    )
}

/// A parameter naming a heading of the document; the whole document when omitted.
pub(crate) fn section_param() -> Value {
    d(
        r("scalar"),
        "章节编号（省略则为整个文档）",
        "heading id (the whole document when omitted)",
    )
}

/// A parameter naming a metric of the catalogue.
pub(crate) fn metric_param() -> Value {
    d(
        r("nonempty"),
        "指标编号（指标目录中的编号）",
        "metric id (an id of the metric catalogue)",
    )
}

pub(crate) fn min_param() -> Value {
    d(r("threshold"), "下限", "lower bound")
}

pub(crate) fn max_param() -> Value {
    d(r("threshold"), "上限", "upper bound")
}

/// A parameter holding a condition (an expression text).
pub(crate) fn condition_param(zh: &str, en: &str) -> Value {
    d(json!({"type": "string", "pattern": "\\S"}), zh, en)
}

/// The check of a rule: `kind` selects the parameters allowed (`if`/`then` per kind),
/// each kind's branch from its own module through the registry.
fn check_schema() -> Value {
    let names: Vec<&str> = KINDS.iter().map(|k| k.name).collect();
    let all_of: Vec<Value> = KINDS
        .iter()
        .map(|k| {
            let mut then = (k.schema)();
            // Each kind's own parameters, and nothing else.
            then["properties"]["kind"] = json!({"const": k.name});
            then["type"] = json!("object");
            then["additionalProperties"] = json!(false);
            json!({
                "if": {"properties": {"kind": {"const": k.name}}, "required": ["kind"]},
                "then": then
            })
        })
        .collect();
    let zh: Vec<String> = KINDS
        .iter()
        .map(|k| format!("{}（{}）", k.name, (k.summary)().zh))
        .collect();
    let en: Vec<String> = KINDS
        .iter()
        .map(|k| format!("{} ({})", k.name, (k.summary)().en))
        .collect();
    d(
        json!({
            "type": "object",
            "required": ["kind"],
            "properties": {
                "kind": d(
                    json!({"enum": names}),
                    &format!("检查类型：{}", zh.join("；")),
                    &format!("check kind: {}", en.join("; "))
                )
            },
            "allOf": all_of
        }),
        "检查：kind 决定可用的参数",
        "the check: `kind` selects its parameters",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::standard::load_sources;
    use crate::standard::MetricType;

    fn compile(schema: &Value) -> jsonschema::Validator {
        jsonschema::meta::validate(schema).expect("a valid draft 2020-12 schema");
        jsonschema::options()
            .should_validate_formats(false)
            .build(schema)
            .expect("the schema compiles")
    }

    fn baseline() -> Vec<(String, String)> {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("standards/national-baseline");
        let mut files = vec!["standard.yaml".to_string()];
        let mut rules: Vec<String> = std::fs::read_dir(dir.join("rules"))
            .unwrap()
            .map(|e| format!("rules/{}", e.unwrap().file_name().to_string_lossy()))
            .collect();
        rules.sort();
        files.extend(rules);
        files
            .into_iter()
            .map(|f| {
                let text = std::fs::read_to_string(dir.join(&f)).unwrap();
                (f, text)
            })
            .collect()
    }

    fn json_of(yaml: &str) -> Value {
        crate::yaml::parse(yaml).unwrap().to_json()
    }

    fn errors(v: &jsonschema::Validator, instance: &Value) -> Vec<String> {
        v.iter_errors(instance)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect()
    }

    #[test]
    fn schemas_are_valid_and_compile() {
        for s in [
            standard_file_schema(),
            rules_file_schema(),
            standard_format_schema(),
        ] {
            compile(&s);
        }
    }

    #[test]
    fn the_national_baseline_is_valid() {
        let standard = compile(&standard_file_schema());
        let rules = compile(&rules_file_schema());
        let both = compile(&standard_format_schema());
        let files = baseline();
        assert!(files.len() >= 5);
        for (name, text) in &files {
            let json = json_of(text);
            let own = if name == "standard.yaml" {
                &standard
            } else {
                &rules
            };
            assert_eq!(errors(own, &json), Vec::<String>::new(), "{name}");
            assert_eq!(errors(&both, &json), Vec::<String>::new(), "{name}");
        }
        // Each file is valid against its own schema only.
        assert!(!standard.is_valid(&json_of(&files[1].1)));
        assert!(!rules.is_valid(&json_of(&files[0].1)));
    }

    #[test]
    fn enums_come_from_the_model() {
        for t in METRIC_TYPES {
            assert!(MetricType::parse(t).is_some(), "{t}");
        }
        let s = rules_file_schema();
        let rule = &s["$defs"]["rule"]["properties"];
        let dims: Vec<&str> = Dimension::ALL.iter().map(|d| d.id()).collect();
        assert_eq!(rule["dimension"]["enum"], json!(dims));
        for sev in rule["severity"]["enum"].as_array().unwrap() {
            assert!(Severity::parse(sev.as_str().unwrap()).is_some(), "{sev}");
        }
        let kinds = &s["$defs"]["check"]["properties"]["kind"]["enum"];
        let names: Vec<&str> = KINDS.iter().map(|k| k.name).collect();
        assert_eq!(kinds, &json!(names));
        // One `if kind = …` branch per kind, each closing its parameters.
        let branches = s["$defs"]["check"]["allOf"].as_array().unwrap();
        assert_eq!(branches.len(), KINDS.len());
        for b in branches {
            assert_eq!(b["then"]["additionalProperties"], json!(false));
            assert_eq!(
                b["then"]["properties"]["kind"]["const"],
                b["if"]["properties"]["kind"]["const"]
            );
        }
    }

    /// A standard of the baseline's standard.yaml and one rules file holding one rule
    /// with the given check (YAML flow or block text, indented for `    check:`).
    fn one_rule(check: &str) -> Vec<(String, String)> {
        let rules = format!(
            "rules:\n  - id: T-1\n    dimension: basic\n    severity: error\n    title: {{zh: 标题, en: Title}}\n    rationale: {{zh: 依据, en: Why}}\n    help: {{zh: 建议, en: Fix}}\n    source: test\n    check: {check}\n"
        );
        vec![baseline().remove(0), ("rules/test.yaml".to_string(), rules)]
    }

    /// Whether the loader and the schemas accept a standard.
    fn verdicts(files: &[(String, String)]) -> (bool, bool) {
        let standard = compile(&standard_file_schema());
        let rules = compile(&rules_file_schema());
        let loads = load_sources(files).is_ok();
        let valid = files.iter().all(|(name, text)| {
            let v = if name == "standard.yaml" {
                &standard
            } else {
                &rules
            };
            v.is_valid(&json_of(text))
        });
        (loads, valid)
    }

    #[test]
    fn schema_and_loader_agree_on_checks() {
        let cases: &[(&str, bool)] = &[
            // accepted by both
            ("{kind: field, field: center.id, pattern: '^[A-Z]+$'}", true),
            ("{kind: field, field: center.level, one_of: national}", true),
            ("{kind: field, field: center.x, required: false, province: true}", true),
            ("{kind: metric, metric: staff_total, min: 5}", true),
            ("{kind: metric, metric: staff_total, max: 500.5}", true),
            (
                "{kind: metric, metric: staff_total, min: {base: 10, factors: {level: {county: 0.5}, region: {west: 0.53}}, cases: [{when: {level: [national], province: 广东}, value: 20}]}}",
                true,
            ),
            ("{kind: expr, expr: \"staff_total > 3\"}", true),
            ("{kind: trend, years: 3, require: \"staff_total > 3\"}", true),
            ("{kind: trend, years: 3, metric: staff_total, decline: {max_drop: 0.25}}", true),
            ("{kind: trend, years: 3, metric: staff_total, decline: {}}", true),
            ("{kind: trend, years: 20, metric: staff_total, min: 1}", true),
            ("{kind: document, document: service_process}", true),
            ("{kind: sections, document: service_process, headings: [general, intake], ordered: true}", true),
            ("{kind: sections, document: service_process}", true),
            ("{kind: keywords, document: service_process, section: general, none_of: 待补充}", true),
            ("{kind: keywords, document: service_process, any_of: [a], all_of: []}", true),
            ("{kind: table, document: service_catalog, columns: [服务项目, {name: 收费标准, aliases: [收费方式]}]}", true),
            ("{kind: consistency, document: self_evaluation, metrics: [enterprises_served], tolerance: 0.01, percent_tolerance: 0.002}", true),
            ("{kind: freshness, max_age_years: 3}", true),
            ("{kind: freshness, documents: [service_process], max_age_years: 50}", true),
            // rejected by both
            ("{kind: fields, field: center.id}", false),
            ("{field: center.id}", false),
            ("{kind: field}", false),
            ("{kind: field, field: center.id, min: 1}", false),
            ("{kind: field, field: center.id, one_of: [[a]]}", false),
            ("{kind: metric, metric: staff_total}", false),
            ("{kind: metric, metric: staff_total, min: many}", false),
            ("{kind: metric, metric: staff_total, min: {factors: {level: {county: 0.5}}}}", false),
            ("{kind: metric, metric: staff_total, min: {base: 1, factor: {}}}", false),
            ("{kind: metric, metric: staff_total, min: {base: 1, factors: {size: {}}}}", false),
            ("{kind: metric, metric: staff_total, min: {base: 1, cases: [{when: {level: city}, value: 2}]}}", false),
            ("{kind: metric, metric: staff_total, min: {base: 1, cases: [{when: {tier: 1}, value: 2}]}}", false),
            ("{kind: expr}", false),
            ("{kind: expr, expr: [a]}", false),
            ("{kind: trend, metric: staff_total, min: 1}", false),
            ("{kind: trend, years: 1, metric: staff_total, min: 1}", false),
            ("{kind: trend, years: 21, metric: staff_total, min: 1}", false),
            ("{kind: trend, years: 3, metric: staff_total}", false),
            ("{kind: trend, years: 3, decline: {max_drop: 0.2}}", false),
            ("{kind: trend, years: 3, metric: staff_total, decline: {max_fall: 0.2}}", false),
            ("{kind: document}", false),
            ("{kind: document, document: service_process, section: general}", false),
            ("{kind: keywords, document: service_process}", false),
            ("{kind: keywords, document: service_process, any_of: []}", false),
            ("{kind: table, document: service_catalog}", false),
            ("{kind: table, document: service_catalog, columns: 服务项目}", false),
            ("{kind: table, document: service_catalog, columns: []}", false),
            ("{kind: table, document: service_catalog, columns: [{aliases: [a]}]}", false),
            ("{kind: table, document: service_catalog, columns: [{name: a, alias: [b]}]}", false),
            ("{kind: consistency, document: self_evaluation, tolerance: small}", false),
            ("{kind: freshness}", false),
            ("{kind: freshness, max_age_years: 0}", false),
            ("{kind: freshness, max_age_years: 51}", false),
        ];
        for (check, ok) in cases {
            assert_eq!(verdicts(&one_rule(check)), (*ok, *ok), "{check}");
        }
    }

    #[test]
    fn schema_and_loader_agree_on_rules_and_standard_files() {
        let rule = |extra: &str, drop: &str| {
            let files = one_rule("{kind: document, document: service_process}");
            let text = files[1]
                .1
                .replace(drop, "")
                .replace("    source: test\n", &format!("    source: test\n{extra}"));
            vec![files[0].clone(), (files[1].0.clone(), text)]
        };
        assert_eq!(verdicts(&rule("", "")), (true, true));
        assert_eq!(verdicts(&rule("    weight: 2.5\n", "")), (true, true));
        assert_eq!(
            verdicts(&rule(
                "    applies_to: {level: county, region: [west]}\n",
                ""
            )),
            (true, true)
        );
        for (extra, drop) in [
            ("    applies_to: {level: city}\n", ""),
            ("    applies_to: {tier: 1}\n", ""),
            ("    weight: heavy\n", ""),
            ("    owner: me\n", ""),
            ("", "    help: {zh: 建议, en: Fix}\n"),
            ("", "    source: test\n"),
            ("", "    dimension: basic\n"),
        ] {
            assert_eq!(
                verdicts(&rule(extra, drop)),
                (false, false),
                "{extra}{drop}"
            );
        }
        let severity = rule("", "")
            .into_iter()
            .map(|(n, t)| (n, t.replace("severity: error", "severity: fatal")))
            .collect::<Vec<_>>();
        assert_eq!(verdicts(&severity), (false, false));
        let title = rule("", "")
            .into_iter()
            .map(|(n, t)| (n, t.replace("{zh: 标题, en: Title}", "{zh: 标题}")))
            .collect::<Vec<_>>();
        assert_eq!(verdicts(&title), (false, false));

        let standard = |from: &str, to: &str| {
            let mut files = one_rule("{kind: document, document: service_process}");
            assert!(files[0].1.contains(from), "{from}");
            files[0].1 = files[0].1.replacen(from, to, 1);
            files
        };
        assert_eq!(
            verdicts(&standard("version: \"1.0.0\"", "version: 2")),
            (true, true)
        );
        assert_eq!(
            verdicts(&standard(
                "      terms: [服务企业]\n",
                "      terms: 服务企业\n"
            )),
            (true, true)
        );
        assert_eq!(
            verdicts(&standard(
                "frames: [\"{n}在职人员\"]",
                "frames: \"有{n}在职人员\""
            )),
            (true, true)
        );
        for (from, to) in [
            ("id: national-baseline\n", ""),
            ("version: \"1.0.0\"", "version: \"\""),
            ("title:\n  zh: 生产力促进中心服务标准全国基线\n", "title:\n"),
            ("basic: {weight: 20}", "basics: {weight: 20}"),
            ("{grade: A, min: 90,", "{grade: A,"),
            ("enterprises_served:\n", "EnterprisesServed:\n"),
            ("type: int", "type: integer"),
            ("type: int", "kind: int"),
            ("      terms: [服务企业]\n", ""),
            ("      terms: [服务企业]\n", "      terms: []\n"),
            ("\"服务{n}企业\"", "\"服务企业\""),
            ("\"服务{n}企业\"", "\"服务{n}\""),
            ("\"服务{n}企业\"", "\"服务{n}{n}企业\""),
            ("\"服务{n}企业\"", "\"服务{n}企业{m}\""),
            ("\"服务{n}企业\"", "\"服务{n}  \""),
            ("\"服务{n}企业\"", "服务企业"),
            ("frames: [\"{n}在职人员\"]", "frames: 7"),
            (
                "{id: general, name: {zh: 总则, en: General provisions}, aliases: [总体要求], near: [目的, 适用范围, 宗旨]}",
                "{name: {zh: 总则, en: General provisions}}",
            ),
            (
                "{id: intake, name: {zh: 服务受理, en: Service intake}, aliases: [受理登记], keywords: [予以受理, 不予受理, 受理条件, 委托单, 委托书, 申请表]}",
                "{id: intake, title: {zh: 服务受理, en: Service intake}}",
            ),
            ("unit: {zh: 家, en: enterprises}", "unit: 家"),
            ("# Dimension weights", "owner: me\n#"),
        ] {
            assert_eq!(
                verdicts(&standard(from, to)),
                (false, false),
                "{from} -> {to}"
            );
        }
    }

    #[test]
    fn the_loader_rejects_what_the_schema_rejects() {
        let mut weightless = one_rule("{kind: document, document: service_process}");
        weightless[0].1 = weightless[0]
            .1
            .replacen("basic: {weight: 20}", "basic: 20", 1);
        assert_eq!(verdicts(&weightless), (false, false));
        let mut headings = one_rule("{kind: document, document: service_process}");
        headings[0]
            .1
            .push_str("  extra:\n    name: {zh: 附加, en: Extra}\n    headings: none\n");
        assert_eq!(verdicts(&headings), (false, false));
        for check in [
            "{kind: sections, document: service_process, ordered: yes}",
            "{kind: field, field: center.name, required: maybe}",
            "{kind: field, field: center.province, province: 1}",
            "{kind: metric, metric: staff_total, min: {base: 1, cases: [{when: {level: county}}]}}",
        ] {
            assert_eq!(verdicts(&one_rule(check)), (false, false), "{check}");
        }
    }

    #[test]
    fn grade_caps_name_grades_of_the_scale() {
        let with_cap = |grade: &str| {
            let mut files = one_rule("{kind: document, document: service_process}");
            files[1].1 = files[1].1.replace(
                "    check:",
                &format!("    caps_grade: {grade}\n    check:"),
            );
            files
        };
        let loaded = load_sources(&with_cap("C")).unwrap();
        assert_eq!(loaded.rules[0].caps_grade.as_deref(), Some("C"));
        let errors = load_sources(&with_cap("Z")).unwrap_err();
        assert!(
            errors
                .iter()
                .any(|e| e.message.en.contains("unknown grade `Z`")),
            "{errors:?}"
        );
        let mut files = one_rule("{kind: document, document: service_process}");
        files[0].1 = files[0]
            .1
            .replace("grading:\n  incomplete: D", "grading:\n  incomplete: E");
        assert!(load_sources(&files).is_err());
        let baseline = load_sources(&baseline()).unwrap();
        assert_eq!(baseline.grade_caps.incomplete.as_deref(), Some("D"));
        assert_eq!(baseline.grade_caps.errors.as_deref(), Some("B"));
    }

    #[test]
    fn province_names_are_checked_and_read_in_either_form() {
        let rule = |province: &str| {
            one_rule(&format!(
                "{{kind: metric, metric: staff_total, min: {{base: 1, cases: [{{when: {{province: {province}}}, value: 2}}]}}}}"
            ))
        };
        assert!(load_sources(&rule("台北")).is_err());
        let loaded = load_sources(&rule("广东省")).unwrap();
        let crate::checks::Check::Metric(m) = &loaded.rules[0].check else {
            panic!("a metric rule")
        };
        assert_eq!(m.min.as_ref().unwrap().cases[0].0.province, ["广东"]);
    }

    #[test]
    fn extends_is_a_list_of_references_and_lets_catalogues_be_inherited() {
        let v = compile(&standard_file_schema());
        let child = json!({
            "id": "guangdong", "version": "1.0.0",
            "title": {"zh": "广东省标准", "en": "Guangdong standard"},
            "extends": ["national-baseline"]
        });
        assert_eq!(errors(&v, &child), Vec::<String>::new());
        let mut bad = child.clone();
        bad["extends"] = json!("national-baseline");
        assert!(!v.is_valid(&bad));
        let mut no_parent = child.clone();
        no_parent["extends"] = json!([]);
        assert!(
            !v.is_valid(&no_parent),
            "without a parent the catalogues are required"
        );
    }
}
