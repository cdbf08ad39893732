//! The catalogue of input diagnostics: problems with a submission's files themselves
//! rather than with a rule (a file that cannot be read or parsed, an unknown key, ...).
//!
//! Each code is written once, in the table at the bottom: its kebab-case code, its title,
//! what triggers it and how to fix it, in Chinese and English. The table expands to the
//! [`InputCode`] enum, [`InputCode::ALL`] and one exhaustive `match`, so a code cannot
//! exist without all its texts. A finding of a code has the rule id `input/<code>`.

use std::fmt;

use crate::i18n::Text;

/// The texts of one code: `[zh, en]` pairs.
struct Entry {
    code: &'static str,
    title: [&'static str; 2],
    cause: [&'static str; 2],
    fix: [&'static str; 2],
}

macro_rules! input_codes {
    ($(
        $variant:ident = $code:literal {
            title: [$title_zh:literal, $title_en:literal $(,)?],
            cause: [$cause_zh:literal, $cause_en:literal $(,)?],
            fix: [$fix_zh:literal, $fix_en:literal $(,)?] $(,)?
        }
    )+) => {
        /// An input diagnostic code. Its texts are in this module's table.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum InputCode {
            $(
                #[doc = concat!("`input/", $code, "`: ", $title_en, ".")]
                $variant,
            )+
        }

        impl InputCode {
            /// Every input code, in catalogue order.
            pub const ALL: &'static [InputCode] = &[$(InputCode::$variant),+];

            fn entry(self) -> &'static Entry {
                match self {
                    $(InputCode::$variant => &Entry {
                        code: $code,
                        title: [$title_zh, $title_en],
                        cause: [$cause_zh, $cause_en],
                        fix: [$fix_zh, $fix_en],
                    },)+
                }
            }
        }
    };
}

impl InputCode {
    /// What the rule id of an input finding starts with.
    pub const RULE_PREFIX: &'static str = "input/";

    /// The kebab-case code, e.g. `yaml-syntax`.
    pub fn code(self) -> &'static str {
        self.entry().code
    }

    /// The rule id of a finding of this code, e.g. `input/yaml-syntax`.
    pub fn rule_id(self) -> String {
        format!("{}{}", Self::RULE_PREFIX, self.code())
    }

    /// The code named `code` (without the `input/` prefix).
    pub fn parse(code: &str) -> Option<InputCode> {
        Self::ALL.iter().copied().find(|c| c.code() == code)
    }

    /// A short title.
    pub fn title(self) -> Text {
        let [zh, en] = self.entry().title;
        Text::new(zh, en)
    }

    /// What triggers the diagnostic.
    pub fn cause(self) -> Text {
        let [zh, en] = self.entry().cause;
        Text::new(zh, en)
    }

    /// How to fix it.
    pub fn help(self) -> Text {
        let [zh, en] = self.entry().fix;
        Text::new(zh, en)
    }
}

impl fmt::Display for InputCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

input_codes! {
    YamlSyntax = "yaml-syntax" {
        title: ["YAML 语法错误", "YAML syntax error"],
        cause: [
            "center.yaml、指标文件或 waivers.yaml 无法按 YAML 解析：缩进、冒号或引号有误，或同一映射中有重复的键。",
            "center.yaml, a metrics file or waivers.yaml does not parse as YAML: wrong indentation, a missing colon or quote, or a key repeated in one mapping.",
        ],
        fix: [
            "按提示的行列修正缩进、冒号或引号。",
            "Fix the indentation, colon or quotes at the line and column shown.",
        ],
    }
    YamlLimit = "yaml-limit" {
        title: ["YAML 超出安全限制", "YAML exceeds a safety limit"],
        cause: [
            "YAML 文件嵌套超过 32 层、节点超过 100 000 个或别名超过 1 000 个（如“别名炸弹”）；解析随即停止。",
            "A YAML file nests deeper than 32 levels, or has over 100 000 nodes or over 1 000 aliases (an alias bomb, say); parsing stops there.",
        ],
        fix: [
            "去掉过深的嵌套或大量别名（&/*），保持文件简单。",
            "Remove deep nesting or masses of aliases (&/*); keep the file plain.",
        ],
    }
    UnknownMetric = "unknown-metric" {
        title: ["未知指标编号", "Unknown metric id"],
        cause: [
            "指标文件中的编号不在标准的指标目录中；拼写相近时提示“是否应为”。",
            "A metrics file has an id that is not in the standard's metric catalogue; a close spelling is suggested (\"did you mean\").",
        ],
        fix: [
            "改为标准指标目录中的编号（见 sscheck schema metrics）。",
            "Use an id of the standard's metric catalogue (see sscheck schema metrics).",
        ],
    }
    UnknownKey = "unknown-key" {
        title: ["未知的键", "Unknown key"],
        cause: [
            "center.yaml 中有它不认识的键（顶层、center 或 documents 下）；拼写相近时提示“是否应为”。",
            "center.yaml has a key it does not know (at the top, under center or under documents); a close spelling is suggested (\"did you mean\").",
        ],
        fix: ["删除该键或更正拼写。", "Remove the key or correct its spelling."],
    }
    MissingKey = "missing-key" {
        title: ["缺少必填的键", "Required key missing"],
        cause: [
            "center.yaml 缺少必填的键。",
            "A required key of center.yaml is missing.",
        ],
        fix: ["补上该键。", "Add the key."],
    }
    WrongType = "wrong-type" {
        title: ["值的类型错误", "Value of the wrong type"],
        cause: [
            "值的类型不对（如 enterprises_served: 很多），或文件不是应有的映射；消息列出可接受的写法。意思明确的写法（带本指标单位的数字，如 staff_total: 42人；是否类指标写“是/否”）按其意思读取，只给警告。",
            "A value has the wrong type (enterprises_served: 很多), or a file is not the mapping it should be; the message lists the accepted forms. A form whose meaning is plain (a number with the metric's own unit, staff_total: 42人; 是/否 for a yes-or-no metric) is read as meant, with a warning.",
        ],
        fix: [
            "按提示写成正确类型，如整数、百分数或文本。",
            "Write the value as the type shown, e.g. a whole number, a percentage or text.",
        ],
    }
    OutOfRange = "out-of-range" {
        title: ["值超出可能范围", "Value outside its possible range"],
        cause: [
            "指标值超出指标目录规定的可能范围（如百分数大于 100%）。",
            "A metric value lies outside the possible range the metric catalogue gives it (a percentage above 100%, say).",
        ],
        fix: [
            "核对数值和单位（如万元、百分数）。",
            "Check the number and its unit (10k CNY, percentage).",
        ],
    }
    YearMismatch = "year-mismatch" {
        title: ["年度与文件名不符", "Year disagrees with the file name"],
        cause: [
            "指标文件中的 year 与文件名中的年份不同；以文件名为准。",
            "The `year:` of a metrics file differs from the year in its file name; the file name is used.",
        ],
        fix: [
            "使 year 与文件名（metrics/年份.yaml）一致。",
            "Make `year` agree with the file name (metrics/YEAR.yaml).",
        ],
    }
    FileMissing = "file-missing" {
        title: ["缺少文件", "File missing"],
        cause: [
            "必需的文件或目录不存在：center.yaml、metrics/ 目录或 center.yaml 索引的文档。",
            "A required file or folder does not exist: center.yaml, the metrics/ folder or a document center.yaml indexes.",
        ],
        fix: ["补交该文件。", "Add the file."],
    }
    Unchecked = "unchecked" {
        title: ["规则无法检查", "Rules could not be checked"],
        cause: [
            "规则所需的输入缺失或无效（某年的指标文件、某项指标、center.yaml 的字段），这些规则无法检查；一个原因只报告一次，并列出受影响的规则。",
            "Input that rules need is missing or invalid (a year's metrics file, a metric, a field of center.yaml), so those rules could not be checked; each cause is reported once, with the rules it affects.",
        ],
        fix: [
            "补交或改正所指出的输入，这些规则即可检查。",
            "Add or correct the input named; the rules are then checked.",
        ],
    }
    NotAFile = "not-a-file" {
        title: ["不是普通文件", "Not a regular file"],
        cause: [
            "该路径不是普通文件（而是目录、FIFO 或设备）；不会打开。",
            "The path is not a regular file (a folder, a FIFO or a device); it is not opened.",
        ],
        fix: [
            "提交普通文件，而不是目录或设备。",
            "Submit a regular file, not a folder or device.",
        ],
    }
    FileTooLarge = "file-too-large" {
        title: ["文件过大", "File too large"],
        cause: [
            "文件超过 --max-file-size（默认 8 MiB），未读取。",
            "The file is over --max-file-size (8 MiB by default); it was not read.",
        ],
        fix: [
            "精简文件，或用 --max-file-size 提高上限。",
            "Shrink the file, or raise the cap with --max-file-size.",
        ],
    }
    ReadError = "read-error" {
        title: ["无法读取文件", "File cannot be read"],
        cause: [
            "文件无法读取，或其路径无法解析（权限不足、路径经过一个文件等）。",
            "The file cannot be read or its path resolved (permissions, a path through a file, ...).",
        ],
        fix: ["检查文件权限。", "Check the file's permissions."],
    }
    BinaryFile = "binary-file" {
        title: ["二进制文件", "Binary file"],
        cause: [
            "文件是二进制内容（Word、PDF、图片或含 NUL 字节），不是文本；未解析。",
            "The file is binary (Word, PDF, an image, NUL bytes), not text; it was not parsed.",
        ],
        fix: [
            "提交 UTF-8 编码的 Markdown 或 YAML 文本，不要提交 Word/PDF。",
            "Submit UTF-8 Markdown or YAML text, not Word or PDF.",
        ],
    }
    EncodingGbk = "encoding-gbk" {
        title: ["GBK 编码", "GBK encoding"],
        cause: [
            "文件是 GBK/GB18030 编码的文本：未读取（错误）；使用 --decode-gbk 时解码后检查（警告）。",
            "The file is GBK/GB18030 text: not read (an error); with --decode-gbk it is decoded and checked (a warning).",
        ],
        fix: [
            "用编辑器另存为 UTF-8；或以 --decode-gbk 临时检查。",
            "Save as UTF-8 in your editor, or check once with --decode-gbk.",
        ],
    }
    EncodingUtf16 = "encoding-utf16" {
        title: ["UTF-16 编码", "UTF-16 encoding"],
        cause: [
            "文件是 UTF-16 编码：带 BOM 的已解码检查（警告）；不带 BOM 或不是有效的 UTF-16 的未读取（错误）。",
            "The file is UTF-16: with a byte-order mark it was decoded and checked (a warning); without one, or not valid UTF-16, it was not read (an error).",
        ],
        fix: [
            "另存为 UTF-8（带 BOM 的 UTF-16 已解码检查；不带 BOM 的未读取）。",
            "Save as UTF-8 (UTF-16 with a BOM was decoded and checked; without a BOM it was not read).",
        ],
    }
    InvalidUtf8 = "invalid-utf8" {
        title: ["无效的 UTF-8", "Invalid UTF-8"],
        cause: [
            "文件不是有效的 UTF-8，也不像 GBK 或 UTF-16；消息给出第一处错误的行和字节偏移。",
            "The file is not valid UTF-8, nor does it look GBK or UTF-16; the message gives the line and byte offset of the first error.",
        ],
        fix: [
            "另存为 UTF-8，检查复制粘贴带入的乱码。",
            "Save as UTF-8; look for garbage pasted in.",
        ],
    }
    Bom = "bom" {
        title: ["UTF-8 BOM", "UTF-8 BOM"],
        cause: [
            "文件以 UTF-8 字节顺序标记（BOM）开头；已忽略（提示）。",
            "The file starts with a UTF-8 byte-order mark (BOM); it is ignored (info).",
        ],
        fix: [
            "可不处理；建议保存为无 BOM 的 UTF-8。",
            "Harmless; prefer UTF-8 without BOM.",
        ],
    }
    Crlf = "crlf" {
        title: ["Windows 换行符", "Windows line endings"],
        cause: [
            "文件使用 Windows 换行符（CRLF）；按 LF 读取，行号不受影响（提示）。",
            "The file has Windows line endings (CRLF); it is read as LF, line numbers unaffected (info).",
        ],
        fix: [
            "可不处理；建议统一为 LF。",
            "Harmless; prefer LF line endings.",
        ],
    }
    PathOutside = "path-outside" {
        title: ["路径超出提交目录", "Path leaves the submission"],
        cause: [
            "文档路径、或某个符号链接（任何文件、metrics/ 目录）指向提交目录之外；未读取。",
            "A document path, or a symbolic link (any file, the metrics/ folder), leads out of the submission folder; it was not read.",
        ],
        fix: [
            "文档须放在提交目录内，使用相对路径（如 docs/x.md）。",
            "Keep documents inside the submission and use relative paths (docs/x.md).",
        ],
    }
    LinkLoop = "link-loop" {
        title: ["符号链接循环", "Symbolic link loop"],
        cause: [
            "符号链接形成循环（如 a.md -> b.md -> a.md，或 metrics -> metrics）；立即报告，不读取。",
            "Symbolic links form a loop (a.md -> b.md -> a.md, or metrics -> metrics); reported at once, not read.",
        ],
        fix: [
            "把链接替换为真实文件。",
            "Replace the link with the real file.",
        ],
    }
    UnexpectedFile = "unexpected-file" {
        title: ["无法识别的文件", "Unexpected file"],
        cause: [
            "metrics/ 中的 YAML 文件名不是四位年份（如 metrics/2024.yaml）；已忽略。",
            "A YAML file in metrics/ is not named by a four-digit year (metrics/2024.yaml); it was ignored.",
        ],
        fix: [
            "指标文件按年份命名，如 metrics/2024.yaml。",
            "Name metric files by year, e.g. metrics/2024.yaml.",
        ],
    }
    NotASubmission = "not-a-submission" {
        title: ["不是提交目录", "Not a submission folder"],
        cause: [
            "给 sscheck check 的路径不是目录，或是既没有 center.yaml 也没有 metrics/ 的目录。",
            "A path given to sscheck check is not a folder, or a folder with neither center.yaml nor metrics/.",
        ],
        fix: [
            "指定包含 center.yaml 的目录；新建提交用 sscheck init 目录。",
            "Point sscheck at a folder holding center.yaml; sscheck init DIR scaffolds a new one.",
        ],
    }
    WaiverInvalid = "waiver-invalid" {
        title: ["豁免条目无效", "Invalid waiver"],
        cause: [
            "waivers.yaml 没有顶层 waivers 列表；或某条豁免缺少 rule、reason、expires、approved_by，到期日不是日期，file 或 fingerprint 写法有误，有未知的键，或要豁免的是豁免自身的诊断。这样的豁免不生效。",
            "waivers.yaml has no top-level `waivers:` list; or a waiver lacks rule, reason, expires or approved_by, its expiry is not a date, its file or fingerprint is malformed, it has an unknown key, or it names a diagnostic about waivers themselves. Such a waiver does not apply.",
        ],
        fix: [
            "每条豁免须有 rule、reason、expires（如 2027-06-30 或 2027年6月30日）和 approved_by；可选 file（如 docs/x.md）和 fingerprint（JSON 输出或 --show-fingerprints 给出的 16 位十六进制数）。",
            "Each waiver needs rule, reason, expires (2027-06-30 or 2027年6月30日, say) and approved_by; file (docs/x.md) and fingerprint (the 16 hex digits the JSON output or --show-fingerprints prints) are optional.",
        ],
    }
    WaiverExpired = "waiver-expired" {
        title: ["豁免已过期", "Waiver expired"],
        cause: [
            "豁免的到期日早于检查日期（--today），不再生效。",
            "A waiver's expiry is before the date of the check (--today); it no longer applies.",
        ],
        fix: [
            "续签豁免（更新 expires 并重新审批）或整改问题。",
            "Renew the waiver (new expiry, new approval) or fix the finding.",
        ],
    }
    WaiverStale = "waiver-stale" {
        title: ["豁免未匹配任何问题", "Stale waiver"],
        cause: [
            "有效的豁免没有匹配到任何问题：问题已解决，或规则编号有误。",
            "An active waiver matches no finding: the finding is fixed already, or the rule id is wrong.",
        ],
        fix: [
            "问题已解决时删除该豁免；或更正规则编号。",
            "Remove the waiver once the finding is gone, or correct its rule id.",
        ],
    }
    WaiverBroad = "waiver-broad" {
        title: ["豁免范围过宽", "Waiver too broad"],
        cause: [
            "一条不限文件、不限指纹的豁免掩盖了同一规则的多条问题（超过 3 条）；以后新出现的同类问题也会被它掩盖（提示）。",
            "A waiver with neither `file` nor `fingerprint` hides many findings of its rule (more than 3); any new finding of that rule would be hidden too (info).",
        ],
        fix: [
            "用 file: 限定到文件，或用 fingerprint: 列出已接受的问题指纹。",
            "Narrow it with `file:`, or list the accepted findings' fingerprints under `fingerprint:`.",
        ],
    }
    WaiverUnknownRule = "waiver-unknown-rule" {
        title: ["豁免的规则不存在", "Waiver of an unknown rule"],
        cause: [
            "豁免的 rule 既不是标准中的规则编号，也不是输入诊断代码（input/...）；该豁免不匹配任何问题。拼写相近时提示“是否应为”。",
            "A waiver's rule is neither a rule id of the standard nor an input code (input/...), so it matches nothing; a close spelling is suggested (\"did you mean\").",
        ],
        fix: [
            "更正规则编号（见 sscheck rules）。",
            "Correct the rule id (see sscheck rules).",
        ],
    }
    FindingsCapped = "findings-capped" {
        title: ["问题数量已截断", "Findings capped"],
        cause: [
            "问题数量超过 --max-findings（默认 1000）；消息说明有多少条未列出。",
            "There are more findings than --max-findings (1000 by default); the message says how many were not listed.",
        ],
        fix: [
            "先修正已列出的问题；或用 --max-findings 提高上限。",
            "Fix the findings shown first, or raise --max-findings.",
        ],
    }
}
