//! `field`: a profile field of center.yaml is present, matches a pattern or an enum.

use super::{Ctx, RuleResult};
use crate::finding::Location;
use crate::standard::region;
use crate::t;
use serde_json::{json, Value};
use super::registry::Kind;
use crate::i18n::Text;
use crate::standard::describe::CohortValue;
use crate::standard::standard_format_schema::{d, r};
use crate::standard::{Params, Standard};

/// Parameters of a `field` check.
#[derive(Debug, Clone)]
pub struct Field {
    /// A dotted path in center.yaml, such as `center.level`.
    pub field: String,
    pub required: bool,
    pub pattern: Option<regex::Regex>,
    pub one_of: Vec<String>,
    /// The value must name a mainland province.
    pub province: bool,
}

impl Kind for Field {
    const NAME: &'static str = "field";

    fn summary() -> Text {
        Text::new(
            "center.yaml 的字段已填写，且符合格式或取值范围",
            "a field of center.yaml is present and matches a pattern or an allowed value",
        )
    }

    fn schema() -> Value {
        json!({
            "required": ["field"],
            "properties": {
                "field": d(json!({"$ref": "#/$defs/nonempty", "examples": ["center.id", "center.name", "center.level", "center.province", "center.operation_model", "center.established"]}),
                    "center.yaml 中的字段，如 center.level", "a field of center.yaml, e.g. center.level"),
                "required": d(json!({"type": "boolean"}), "是否必填（默认 true）", "whether required (default true)"),
                "pattern": d(r("scalar"), "值须匹配的正则表达式", "a regular expression the value must match"),
                "one_of": d(r("strings"), "允许的取值", "the allowed values"),
                "province": d(json!({"type": "boolean"}), "值须为内地省级行政区", "the value must name a mainland province")
            }
        })
    }

    fn example() -> &'static str {
        "{kind: field, field: center.province, province: true}"
    }

    fn load(p: &mut Params) -> Option<Self> {
        let field = p.text("field")?;
        let pattern = match p.text_opt("pattern") {
            Some(src) => match regex::RegexBuilder::new(&src).size_limit(1 << 20).build() {
                Ok(re) => Some(re),
                Err(e) => {
                    p.error("pattern", t!("正则表达式无效：{e}", "invalid pattern: {e}", e = e));
                    None
                }
            },
            None => None,
        };
        Some(Field {
            field,
            required: p.flag("required", true),
            pattern,
            one_of: p.texts("one_of"),
            province: p.flag("province", false),
        })
    }

    fn describe(&self, _: &Standard, _: &mut Vec<CohortValue>) -> (Text, Option<(String, String)>) {
        let Field { field, required, pattern, one_of, province } = self;
        let mut parts_zh = vec![format!("center.yaml 的 `{field}`")];
        let mut parts_en = vec![format!("`{field}` of center.yaml")];
        if *required {
            parts_zh.push("必须填写".into());
            parts_en.push("must be present".into());
        }
        if !one_of.is_empty() {
            parts_zh.push(format!("取值为 {} 之一", one_of.join(" / ")));
            parts_en.push(format!("one of {}", one_of.join(" / ")));
        }
        if let Some(p) = pattern {
            parts_zh.push(format!("匹配 `{}`", p.as_str()));
            parts_en.push(format!("matches `{}`", p.as_str()));
        }
        if *province {
            parts_zh.push("为内地省级行政区".into());
            parts_en.push("names a mainland province".into());
        }
        let ex = if let Some(first) = one_of.first() {
            Some((format!("{field}: {first}"), format!("{field}: unknown")))
        } else if *province {
            Some((format!("{field}: 广东"), format!("{field}: 台北")))
        } else if pattern.is_none() {
            Some((format!("{field}: …"), format!("# {field} missing")))
        } else {
            None
        };
        (Text::new(parts_zh.join("，"), parts_en.join(", ")), ex)
    }

    fn run(&self, ctx: &Ctx) -> RuleResult {
        run(self, ctx)
    }
}

fn run(check: &Field, ctx: &Ctx) -> RuleResult {
    let Field {
        field,
        required,
        pattern,
        one_of,
        province,
    } = check;
    let Some(manifest) = &ctx.sub.manifest else {
        return RuleResult::missing(
            t!("center.yaml 无法读取或解析", "center.yaml could not be read or parsed"),
            super::Cause::File("center.yaml".into()),
        );
    };
    let node = manifest.root.path(field).filter(|n| !n.is_null());
    let Some(node) = node else {
        if !required {
            return RuleResult::from_findings(Vec::new());
        }
        // Point at the parent mapping's key, where the field should go.
        let parent = field.rsplit_once('.').map(|(p, _)| p);
        let loc = parent
            .and_then(|p| {
                let (first, _) = p.split_once('.').unwrap_or((p, ""));
                manifest.root.entry(first).map(|(k, _)| k.pos.span())
            })
            .map_or_else(
                || Location::file_only("center.yaml"),
                |span| Location::in_text("center.yaml", &manifest.text, span),
            );
        return RuleResult::from_findings(vec![ctx.finding(
            t!(
                "center.yaml 缺少必填字段 `{field}`",
                "required field `{field}` is missing from center.yaml",
                field = field
            ),
            Some(t!(
                "在此添加 `{field}`",
                "add `{field}` here",
                field = field
            )),
            Some(loc),
        )]);
    };
    let loc = manifest.location(node);
    let Some(value) = node.scalar_text() else {
        return RuleResult::from_findings(vec![ctx.finding(
            t!(
                "字段 `{field}` 应为单个值，而不是{kind}",
                "field `{field}` must be a single value, not a {kind}",
                field = field,
                kind = node.type_name()
            ),
            None,
            Some(loc),
        )]);
    };
    let value = value.trim();
    let mut findings = Vec::new();
    if value.is_empty() && *required {
        findings.push(ctx.finding(
            t!(
                "字段 `{field}` 为空",
                "field `{field}` is empty",
                field = field
            ),
            None,
            Some(loc.clone()),
        ));
    }
    let canonical = crate::standard::canonical_value(value);
    if !one_of.is_empty()
        && !one_of
            .iter()
            .any(|o| o == value || Some(o.as_str()) == canonical)
    {
        findings.push(ctx.finding(
            t!(
                "字段 `{field}` 的值 `{value}` 无效，应为：{allowed}",
                "field `{field}` has the invalid value `{value}`; expected one of: {allowed}",
                field = field,
                value = value,
                allowed = one_of.join(", ")
            ),
            Some(t!("取值无效", "not an allowed value")),
            Some(loc.clone()),
        ));
    }
    if let Some(re) = pattern {
        if !value.is_empty() && !re.is_match(value) {
            findings.push(ctx.finding(
                t!(
                    "字段 `{field}` 的值 `{value}` 格式不符（应匹配 `{pattern}`）",
                    "field `{field}` = `{value}` does not match the expected format `{pattern}`",
                    field = field,
                    value = value,
                    pattern = re.as_str()
                ),
                Some(t!("格式不符", "wrong format")),
                Some(loc.clone()),
            ));
        }
    }
    if *province && !value.is_empty() && region::region_of(value).is_none() {
        findings.push(ctx.finding(
            t!(
                "`{value}` 不是内地省级行政区名称（如“广东”“广西壮族自治区”），无法确定所属区域",
                "`{value}` is not a mainland province (e.g. 广东, 广西壮族自治区), so the region cannot be derived",
                value = value
            ),
            Some(t!("未知省份", "unknown province")),
            Some(loc),
        ));
    }
    RuleResult::from_findings(findings)
}
