//! The catalogue of input diagnostics: problems with a file itself rather than a rule.

use crate::i18n::Text;

/// Every input code sscheck can emit, with its title and how to fix it.
pub const INPUT_CODES: &[(&str, &str, &str, &str, &str)] = &[
    // (code, title zh, title en, fix zh, fix en)
    (
        "yaml-syntax",
        "YAML 语法错误",
        "YAML syntax error",
        "按提示的行列修正缩进、冒号或引号。",
        "Fix the indentation, colon or quotes at the line and column shown.",
    ),
    (
        "yaml-limit",
        "YAML 超出安全限制",
        "YAML exceeds a safety limit",
        "去掉过深的嵌套或大量别名（&/*），保持文件简单。",
        "Remove deep nesting or masses of aliases (&/*); keep the file plain.",
    ),
    (
        "unknown-metric",
        "未知指标编号",
        "Unknown metric id",
        "改为标准指标目录中的编号（见 sscheck schema metrics）。",
        "Use an id of the standard's metric catalogue (see sscheck schema metrics).",
    ),
    (
        "unknown-key",
        "未知的键",
        "Unknown key",
        "删除该键或更正拼写。",
        "Remove the key or correct its spelling.",
    ),
    (
        "missing-key",
        "缺少必填的键",
        "Required key missing",
        "补上该键。",
        "Add the key.",
    ),
    (
        "wrong-type",
        "值的类型错误",
        "Value of the wrong type",
        "按提示写成正确类型，如整数、百分数或文本。",
        "Write the value as the type shown, e.g. a whole number, a percentage or text.",
    ),
    (
        "out-of-range",
        "值超出可能范围",
        "Value outside its possible range",
        "核对数值和单位（如万元、百分数）。",
        "Check the number and its unit (10k CNY, percentage).",
    ),
    (
        "year-mismatch",
        "年度与文件名不符",
        "Year disagrees with the file name",
        "使 year 与文件名（metrics/年份.yaml）一致。",
        "Make `year` agree with the file name (metrics/YEAR.yaml).",
    ),
    (
        "file-missing",
        "缺少文件",
        "File missing",
        "补交该文件。",
        "Add the file.",
    ),
    (
        "not-a-file",
        "不是普通文件",
        "Not a regular file",
        "提交普通文件，而不是目录或设备。",
        "Submit a regular file, not a folder or device.",
    ),
    (
        "file-too-large",
        "文件过大",
        "File too large",
        "精简文件，或用 --max-file-size 提高上限。",
        "Shrink the file, or raise the cap with --max-file-size.",
    ),
    (
        "read-error",
        "无法读取文件",
        "File cannot be read",
        "检查文件权限。",
        "Check the file's permissions.",
    ),
    (
        "binary-file",
        "二进制文件",
        "Binary file",
        "提交 UTF-8 编码的 Markdown 或 YAML 文本，不要提交 Word/PDF。",
        "Submit UTF-8 Markdown or YAML text, not Word or PDF.",
    ),
    (
        "encoding-gbk",
        "GBK 编码",
        "GBK encoding",
        "用编辑器另存为 UTF-8；或以 --decode-gbk 临时检查。",
        "Save as UTF-8 in your editor, or check once with --decode-gbk.",
    ),
    (
        "encoding-utf16",
        "UTF-16 编码",
        "UTF-16 encoding",
        "另存为 UTF-8（带 BOM 的 UTF-16 已解码检查；不带 BOM 的未读取）。",
        "Save as UTF-8 (UTF-16 with a BOM was decoded and checked; without a BOM it was not read).",
    ),
    (
        "invalid-utf8",
        "无效的 UTF-8",
        "Invalid UTF-8",
        "另存为 UTF-8，检查复制粘贴带入的乱码。",
        "Save as UTF-8; look for garbage pasted in.",
    ),
    (
        "bom",
        "UTF-8 BOM",
        "UTF-8 BOM",
        "可不处理；建议保存为无 BOM 的 UTF-8。",
        "Harmless; prefer UTF-8 without BOM.",
    ),
    (
        "crlf",
        "Windows 换行符",
        "Windows line endings",
        "可不处理；建议统一为 LF。",
        "Harmless; prefer LF line endings.",
    ),
    (
        "path-outside",
        "路径超出提交目录",
        "Path leaves the submission",
        "文档须放在提交目录内，使用相对路径（如 docs/x.md）。",
        "Keep documents inside the submission and use relative paths (docs/x.md).",
    ),
    (
        "link-loop",
        "符号链接循环",
        "Symbolic link loop",
        "把链接替换为真实文件。",
        "Replace the link with the real file.",
    ),
    (
        "unexpected-file",
        "无法识别的文件",
        "Unexpected file",
        "指标文件按年份命名，如 metrics/2024.yaml。",
        "Name metric files by year, e.g. metrics/2024.yaml.",
    ),
    (
        "not-a-submission",
        "不是提交目录",
        "Not a submission folder",
        "指定包含 center.yaml 的目录。",
        "Point sscheck at a folder holding center.yaml.",
    ),
    (
        "waiver-invalid",
        "豁免条目无效",
        "Invalid waiver",
        "每条豁免须有 rule、reason、expires（YYYY-MM-DD）和 approved_by。",
        "Each waiver needs rule, reason, expires (YYYY-MM-DD) and approved_by.",
    ),
    (
        "waiver-expired",
        "豁免已过期",
        "Waiver expired",
        "续签豁免（更新 expires 并重新审批）或整改问题。",
        "Renew the waiver (new expiry, new approval) or fix the finding.",
    ),
    (
        "waiver-stale",
        "豁免未匹配任何问题",
        "Stale waiver",
        "问题已解决时删除该豁免；或更正规则编号。",
        "Remove the waiver once the finding is gone, or correct its rule id.",
    ),
    (
        "findings-capped",
        "问题数量已截断",
        "Findings capped",
        "先修正已列出的问题；或用 --max-findings 提高上限。",
        "Fix the findings shown first, or raise --max-findings.",
    ),
];

fn entry(
    code: &str,
) -> Option<&'static (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
)> {
    INPUT_CODES.iter().find(|e| e.0 == code)
}

pub fn input_title(code: &str) -> Text {
    entry(code).map_or_else(
        || Text::new("输入问题", "Input problem"),
        |e| Text::new(e.1, e.2),
    )
}

pub fn input_help(code: &str) -> Option<Text> {
    entry(code).map(|e| Text::new(e.3, e.4))
}
