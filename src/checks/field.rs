//! `field`: a profile field of center.yaml is present, matches a pattern or an enum.

use super::{Ctx, RuleResult};
use crate::finding::Location;
use crate::standard::{region, Check};
use crate::t;

pub fn run(ctx: &Ctx) -> RuleResult {
    let Check::Field {
        field,
        required,
        pattern,
        one_of,
        province,
    } = &ctx.rule.check
    else {
        unreachable!("dispatched by kind")
    };
    let Some(manifest) = &ctx.sub.manifest else {
        return RuleResult::error(t!("center.yaml 不可读", "center.yaml is unreadable"));
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
    if !one_of.is_empty() && !one_of.iter().any(|o| o == value) {
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
