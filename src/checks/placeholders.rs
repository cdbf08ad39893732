//! `placeholders`: no template placeholder is left in any document of the submission or
//! in any text field of center.yaml.
//!
//! What counts as a placeholder (built in; a standard adds texts with `patterns` and
//! exempts texts with `allow`):
//!
//! - fill-in instructions (`此处填写`, `在此填写`, `待填写` …): anywhere;
//!   polite ones (`请填写`, `请补充`) only where they stand in for content (in brackets,
//!   or as the whole line, cell or value, or right after a label's colon), since
//!   `服务对象请填写《申请表》` is real prose;
//! - `待补充` and `待完善`: a placeholder in brackets, as the whole line, cell or value or
//!   after a label's colon (`（待补充）`, `负责人：待完善`); inside a sentence
//!   (`材料清单待完善。`) only probably one: a warning that does not fail the rule; after
//!   an adverb (`有待完善`, `尚待补充`, `亟待完善`) it is prose about a real shortcoming,
//!   and in a status column of a table (`整改状态`) it is a status: neither is reported;
//! - stand-ins: `某某`, runs of two or more `X`/`x`/`×`/`Ｘ` (`XX市`, `XXX中心`,
//!   `XX-XX-0001`), `○○`; not inside a word or code with other letters (`XXL`, `Excel`,
//!   `HA-XX-0003`, whose `XX` is a city code), not next to digits (`138XXXX1234` is a
//!   masked number, `5XX` a class of codes), not the Roman numeral of `XX世纪`; not a
//!   withheld name after a surname (`赵某某`), not the zeros of a number in words
//!   (`二○○四年`), not inside a quoted example of a format
//!   (`例如：“××人民法院关于××的司法建议书”`);
//! - masked figures: asterisks before a unit (`服务企业**家`, `成交额*亿元`), which ask
//!   for the number; not emphasis (`**个人**信用`);
//! - unfinished-work notes `TODO`, `TBD`, `TBA`, `FIXME` (capitals, as whole words);
//! - blanks: `____` (`____年__月`), empty brackets `（　　）` and `【】`, and an ellipsis
//!   (`……`) standing for the content (whole line or cell, after a colon, opening
//!   brackets: `（……）`) but not the ellipsis of a sentence or list (`咨询、培训……等服务`,
//!   `（比如自行车、眼镜……）`) or of a quotation (`规定：“……”`);
//! - date templates: `YYYY-MM-DD`, `YYYY年MM月`, `20XX年`, `X月X日`, except where the line
//!   describes a format (`日期格式为 YYYY-MM-DD`, `命名规则`);
//! - template slots `【中心名称】`: brackets holding a placeholder, an instruction
//!   (`【此处插入流程图】`) or the name of a value (`名称`, `日期`, `电话` …) in a value
//!   position; a `【案例】` label opening a line is not one;
//! - empty tables: a header with no rows, or rows whose cells are all empty.
//!
//! Blank forms are real content: in an appendix or a form section (`附件1`, `服务申请表`,
//! a table captioned `……登记表`), blanks, empty tables, date templates, slots and
//! fill-in instructions are what the form is for and are not reported. Code (fenced
//! blocks and inline code spans) quotes literal text and is not scanned; nothing in a
//! web address (`https://…/___ITS_WINTER/`) is a placeholder.

use std::ops::Range;
use std::sync::OnceLock;

use regex::{Captures, Regex};
use serde_json::{json, Value};

use super::registry::Kind;
use super::{Cause, Ctx, Ranges, RuleResult};
use crate::finding::{Finding, Location, Outcome, Severity};
use crate::i18n::Text;
use crate::standard::describe::CohortValue;
use crate::standard::standard_format_schema::{d, r};
use crate::standard::{Params, Standard};
use crate::submission::document::{Document, Heading};
use crate::submission::DocProblem;
use crate::t;
use crate::yaml::{Kind as YamlKind, Node};

/// Parameters of a `placeholders` check.
#[derive(Debug, Clone)]
pub struct Placeholders {
    /// More texts that are placeholders, matched literally.
    pub patterns: Vec<String>,
    /// Texts that are not placeholders: a hit inside one of them is not reported.
    pub allow: Vec<String>,
    /// The most findings listed per file; the rest are counted in the last one.
    pub max_per_file: usize,
}

/// Listed per file unless the rule says otherwise.
const DEFAULT_MAX_PER_FILE: usize = 5;

impl Kind for Placeholders {
    const NAME: &'static str = "placeholders";

    fn summary() -> Text {
        Text::new(
            "所有文档和 center.yaml 的文本字段中没有残留的模板占位符（待补充、XXX、某某、TODO、____、YYYY-MM-DD、空表格等）",
            "no template placeholder (待补充, XXX, 某某, TODO, ____, YYYY-MM-DD, empty tables …) is left in any document or text field of center.yaml",
        )
    }

    fn schema() -> Value {
        json!({
            "properties": {
                "patterns": d(r("strings"), "另外视为占位符的文字（按原文匹配）", "more texts that are placeholders (matched literally)"),
                "allow": d(r("strings"), "不视为占位符的文字：落在其中的占位符不报告", "texts that are not placeholders: a placeholder found inside one is not reported"),
                "max_per_file": d(json!({"type": "integer", "minimum": 1, "maximum": 1000}), "每个文件最多逐条列出的占位符数（默认 5），其余只计数", "most placeholders listed one by one per file (default 5); the rest are counted")
            }
        })
    }

    fn example() -> &'static str {
        "{kind: placeholders, patterns: [暂无内容], allow: [XXL]}"
    }

    fn load(p: &mut Params) -> Option<Self> {
        let texts = |p: &mut Params, key: &str| {
            let all = p.texts(key);
            if all.iter().any(|s| s.trim().is_empty()) {
                p.error(
                    key,
                    t!(
                        "`{key}` 中不能有空文字",
                        "`{key}` must not hold an empty text",
                        key = key
                    ),
                );
            }
            all.into_iter()
                .filter(|s| !s.trim().is_empty())
                .collect::<Vec<_>>()
        };
        let patterns = texts(p, "patterns");
        let allow = texts(p, "allow");
        let max_per_file = if p.has("max_per_file") {
            p.whole("max_per_file", 1..=1000)? as usize
        } else {
            DEFAULT_MAX_PER_FILE
        };
        Some(Placeholders {
            patterns,
            allow,
            max_per_file,
        })
    }

    fn describe(
        &self,
        _: &Standard,
        _: &mut Vec<CohortValue>,
    ) -> (Text, Option<(String, String)>) {
        let mut zh = String::from("所有文档和 center.yaml 的文本字段中没有模板占位符：（待补充）、此处填写、XXX、某某、TODO、____、YYYY-MM-DD、【中心名称】、空表格等");
        let mut en = String::from("no document and no text field of center.yaml holds a template placeholder: （待补充）, 此处填写, XXX, 某某, TODO, ____, YYYY-MM-DD, 【中心名称】, empty tables and the like");
        if !self.patterns.is_empty() {
            zh.push_str(&format!("；另有：{}", self.patterns.join("、")));
            en.push_str(&format!("; also: {}", self.patterns.join(", ")));
        }
        if !self.allow.is_empty() {
            zh.push_str(&format!("；不计：{}", self.allow.join("、")));
            en.push_str(&format!("; except: {}", self.allow.join(", ")));
        }
        (
            Text::new(zh, en),
            Some(("负责人：王明".to_string(), "负责人：（待补充）".to_string())),
        )
    }

    fn prepare() {
        matcher();
        wide_triggers();
    }

    fn run(&self, ctx: &Ctx) -> RuleResult {
        run(self, ctx)
    }
}

/// What kind of placeholder a hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// `待补充`, `此处填写` …
    Fill,
    /// `某某`, `XXX`, `XX-XX-0001`.
    StandIn,
    /// A figure masked with asterisks: `服务企业**家`, `成交额*亿元`.
    Masked,
    /// `TODO`, `TBD`, `FIXME`.
    Note,
    /// `____`, `（　）`, a standing ellipsis.
    Blank,
    /// `YYYY-MM-DD`, `20XX年`.
    Date,
    /// `【中心名称】`.
    Slot,
    /// A table without content.
    EmptyTable,
    /// A text the standard lists in `patterns`.
    Custom,
}

/// One placeholder found.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Byte span in the scanned text.
    pub span: Range<usize>,
    pub form: Form,
    /// False when it is only probably a placeholder (`……清单待完善。` in a sentence): a
    /// warning that does not fail the rule.
    pub sure: bool,
    /// In an HTML comment (`<!-- TODO: … -->`): a note left in the source, which a reader
    /// of the rendered document never sees; never sure.
    pub hidden: bool,
}

/// The context of a candidate: the unit it stands in (a line's content, a table cell, a
/// YAML value) and what that unit is part of.
struct Unit {
    /// The content of the unit, list markers and surrounding space excluded.
    range: Range<usize>,
    /// The whole line.
    line: Range<usize>,
    /// In an appendix or form section, or a table captioned as a form.
    form: bool,
    /// A cell of a status column (`状态`, `进度`).
    status: bool,
    /// A table cell.
    cell: bool,
    /// A cell of a column the table elides: its header is an ellipsis (`| 第六列 | ... | 最后一列 |`).
    elided: bool,
    /// In a section whose heading names a template or an example (`邮件模板`, `公示示例`),
    /// or on a line labelled as one (`邮件标题格式：…`): the stand-ins are its fields.
    template: bool,
}

fn matcher() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(concat!(
            r"(?P<fill>待补充|待完善|待填写|此处填写|在此填写|此处填入|此处输入|请在此处?填写|请填写|请补充)",
            r"|(?P<note>TODO|TBD|TBA|FIXME)",
            r"|(?P<mou>某某+)",
            r"|(?P<date>YYYY(?:[-/.年]?MM(?:[-/.月]?DD日?)?月?)?|yyyy(?:[-/.]?mm(?:[-/.]?dd)?)?",
            r"|\d{2}[Xx×Ｘ]{2}年|[12]\d{3}年[Xx×Ｘ]{1,2}月(?:[Xx×Ｘ]{1,2}日)?",
            r"|[Xx×Ｘ]{1,4}年[Xx×Ｘ]{1,2}月(?:[Xx×Ｘ]{1,2}日)?|[Xx×Ｘ]{1,2}月[Xx×Ｘ]{1,2}日)",
            r"|(?P<xrun>[Xx×Ｘｘ]{2,})",
            r"|(?P<circle>○{2,})",
            r"|(?P<mask>[*＊]{1,4})[家个人名项次元万亿份所件户场]",
            r"|(?:电话|热线|手机|传真|号码)[为是：:\s]?(?P<masked_number>[*＊]{3,})",
            r"|(?P<under>_{2,}|＿{2,})",
            r"|(?P<dots>…+|\.{3,}|。{3,})",
            r"|(?P<slot>【[^【】\n]{0,40}】)",
            r"|(?P<parens>[（(][ \t　]+[)）])",
        ))
        .expect("static regex")
    })
}

/// Texts of three bytes or more one of which every match of [`matcher`] holds, unless it
/// holds one of the [`NARROW_TRIGGERS`]: its fixed words, the first characters of its
/// runs, a `×` with what may follow it in a run or a date template, a `(` with what may
/// follow it in an empty pair. No match spans lines, so a line without any trigger holds
/// none, and the matcher, which reads every byte, need only read the lines that do: most
/// lines of a document have none.
///
/// Every text is at least three bytes long so that the regex crate searches for them all
/// at once with its SIMD searcher (Teddy), fingerprinting three bytes; a single byte such
/// as `x`, or two, would make it fall back to reading the text a byte at a time. The
/// fingerprint is checked against the whole text at every place it matches, so a text
/// opening with a frequent character (`。`, `（`, `在`, `请`) is searched from after that
/// character's lead byte: its other bytes followed by the next character are rare. A
/// trigger may thus be found inside a character; only its line is used.
fn wide_triggers() -> &'static regex::bytes::Regex {
    static RE: OnceLock<regex::bytes::Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let words = [
            "待补充", "待完善", "待填写", "此处填写", "在此填写", "此处填入", "此处输入",
            "请在此填写", "请在此处填写", "请填写", "请补充", "TODO", "TBD", "TBA", "FIXME",
            "某某", "YYYY", "yyyy", "Ｘ", "ｘ", "×X", "×x", "××", "×Ｘ", "×ｘ", "×年", "×月",
            "○○", "＿＿", "…", "...", "。。。", "【", "（ ", "（\t", "（　", "(　", "(  ",
            // A figure masked with asterisks before its unit (`服务企业**家`).
            "*家", "*个", "*人", "*名", "*项", "*次", "*元", "*万", "*亿", "*份", "*所", "*件",
            "*户", "*场", "＊",
            // A contact number masked (`投诉电话为*****`).
            "话*", "话为*", "话是*", "话：*", "话:*", "线*", "线：*", "线:*", "机*", "真*", "码*",
            "( \t", "( 　", "( )", "( ）", "(\t ", "(\t\t", "(\t　", "(\t)", "(\t）",
        ];
        let frequent = ['。', '（', '在', '请'];
        let alternatives: Vec<String> = words
            .iter()
            .map(|w| {
                let skip = usize::from(w.starts_with(frequent));
                w.as_bytes()[skip..].iter().map(|b| format!(r"\x{b:02X}")).collect()
            })
            .collect();
        regex::bytes::Regex::new(&format!("(?-u:{})", alternatives.join("|")))
            .expect("static regex")
    })
}

/// The single bytes that complete [`wide_triggers`]: an ASCII `X` or `x` (of a run or a
/// date template; a `×` before or after one is not a wide trigger) and the `_` of a
/// blank. Three bytes, so one `memchr3` finds them.
const NARROW_TRIGGERS: [u8; 3] = [b'X', b'x', b'_'];

/// Every match of [`matcher`] in `text`, in order, as `captures_iter` finds them, read
/// only on the lines holding a trigger (wide or narrow).
fn candidates<'t>(text: &'t str, mut each: impl FnMut(Captures<'t>)) {
    let bytes = text.as_bytes();
    let [a, b, c] = NARROW_TRIGGERS;
    let next_narrow = |from: usize| memchr::memchr3(a, b, c, &bytes[from..]).map(|i| from + i);
    let next_wide = |from: usize| wide_triggers().find_at(bytes, from).map(|m| m.start());
    // The first trigger of each kind at or after `scanned_to`, searched again only once
    // the scan has passed it.
    let mut narrow = next_narrow(0);
    let mut wide = next_wide(0);
    let mut scanned_to = 0;
    loop {
        if narrow.is_some_and(|at| at < scanned_to) {
            narrow = next_narrow(scanned_to);
        }
        if wide.is_some_and(|at| at < scanned_to) {
            wide = next_wide(scanned_to);
        }
        let Some(trigger) = [narrow, wide].into_iter().flatten().min() else {
            break;
        };
        // The trigger may be inside a character: its line is found by bytes.
        let line = memchr::memrchr(b'\n', &bytes[..trigger]).map_or(0, |i| i + 1)
            ..memchr::memchr(b'\n', &bytes[trigger..]).map_or(text.len(), |i| trigger + i);
        // The text up to the end of the line: spans stay the text's.
        let hay = &text[..line.end];
        let mut at = line.start;
        while let Some(c) = matcher().captures_at(hay, at) {
            let m = c.get(0).expect("a match");
            // No alternative of the matcher matches the empty text; step over one if so.
            at = if m.is_empty() {
                m.end() + hay[m.end()..].chars().next().map_or(1, char::len_utf8)
            } else {
                m.end()
            };
            each(c);
            if at > hay.len() {
                break;
            }
        }
        scanned_to = line.end + 1;
        if scanned_to > text.len() {
            break;
        }
    }
}

const OPEN: &[char] = &['（', '(', '【', '[', '〔', '［', '「', '“'];
const CLOSE: &[char] = &['）', ')', '】', ']', '〕', '］', '」', '”'];

/// A label's colon, an opening bracket, or nothing but space and emphasis: what precedes
/// a value standing for content.
fn value_before(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| c.is_whitespace() || c == '*' || c == '_');
    t.is_empty() || t.ends_with(['：', ':']) || t.ends_with(OPEN)
}

/// The end of the unit, a closing bracket or punctuation after a value.
fn value_after(s: &str) -> bool {
    let t = s.trim_start_matches(|c: char| c.is_whitespace() || c == '*' || c == '_');
    t.is_empty()
        || t.starts_with(CLOSE)
        || t.starts_with(['。', '；', ';', '，', ',', '、', '！', '!', '.', '|'])
}

/// Inside a pair of brackets within `unit`: the nearest bracket before opens, the nearest
/// after closes.
/// How far around a candidate its context is read, in bytes: a long line is not read
/// again for each candidate on it.
const NEAR: usize = 240;

/// The part of `unit` within [`NEAR`] bytes of `span`, at character boundaries.
fn near(text: &str, unit: &Range<usize>, span: &Range<usize>) -> Range<usize> {
    let mut start = span.start.saturating_sub(NEAR).max(unit.start).min(span.start);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let mut end = (span.end + NEAR).min(unit.end).max(span.end);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    start..end
}

fn bracketed(text: &str, unit: &Range<usize>, span: &Range<usize>) -> bool {
    between(text, unit, span, OPEN, CLOSE)
}

/// Inside a pair of `open` and `close` marks within `unit`: the nearest mark of either
/// kind before `span` opens, the nearest after closes.
fn between(text: &str, unit: &Range<usize>, span: &Range<usize>, open: &[char], close: &[char]) -> bool {
    let unit = &near(text, unit, span);
    let mark = |c: &char| open.contains(c) || close.contains(c);
    let before = text[unit.start..span.start].chars().rev().find(mark);
    let after = text[span.end..unit.end].chars().find(mark);
    before.is_some_and(|c| open.contains(&c)) && after.is_some_and(|c| close.contains(&c))
}

fn in_value_position(text: &str, unit: &Range<usize>, span: &Range<usize>) -> bool {
    value_before(&text[unit.start..span.start]) && value_after(&text[span.end..unit.end])
}

/// The line describes a format or a naming rule: templates on it are the format.
fn describes_format(line: &str) -> bool {
    ["格式", "形如", "命名", "规则", "示例", "样例", "例如", "format", "Format", "pattern"]
        .iter()
        .any(|w| line.contains(w))
}

/// Part of a web address or any other URI (`https://…`, `www.…`, `s3://bucket/xxx`,
/// `gs://xxx`): the run of URL characters around `span` within `line` opens with a scheme
/// (letters, then `://`) or `www.`. The walk back is bounded, so that a hostile line stays
/// linear.
fn in_web_address(text: &str, line: &Range<usize>, span: &Range<usize>) -> bool {
    const LONGEST: usize = 512;
    let bytes = text.as_bytes();
    let url_byte = |b: u8| b.is_ascii_graphic() && !matches!(b, b'(' | b')' | b'<' | b'>' | b'"' | b'[' | b']');
    let mut start = span.start;
    while start > line.start && span.start - start < LONGEST && url_byte(bytes[start - 1]) {
        start -= 1;
    }
    let token = &text[start..span.start];
    let scheme = token.find("://").is_some_and(|k| {
        let name = &token[..k];
        (1..=16).contains(&name.len())
            && name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'))
    });
    scheme || token.get(..4).is_some_and(|t| t.eq_ignore_ascii_case("www."))
}

/// A stand-in in Latin letters that is part of code or of its output as a text quotes
/// it, not a blank of the text: inside a string in straight quotes that holds no Chinese
/// and either more than the stand-in (`"member xxx has already been bootstrapped"`) or
/// follows code (`topic = "xxx"`, `("xxx")`); or the word a code span of the same line
/// holds (`` `Delete from t where xx limit 5000`（xx 建议加上强过滤索引列） ``), which
/// the prose goes on to explain. `联系人："XXX"` is still a blank.
fn in_code_example(text: &str, unit: &Unit, span: &Range<usize>) -> bool {
    let word = &text[span.clone()];
    if !word.is_ascii() {
        return false;
    }
    // Read within [`NEAR`] bytes, so that a long line is not read again for each one.
    let around = near(text, &unit.line, span);
    let line = &text[around.clone()];
    let (at, end) = (span.start - around.start, span.end - around.start);
    // The straight quotes around the stand-in, on its line.
    let open = line[..at].rfind('"');
    let close = line[end..].find('"').map(|k| end + k);
    if let (Some(open), Some(close)) = (open, close) {
        let quoted = &line[open + 1..close];
        // An even number of quotes before the opening one: it opens a string.
        let opens = line[..open].matches('"').count().is_multiple_of(2);
        let code_before = line[..open]
            .trim_end()
            .ends_with(['=', ':', '(', ',', '[', '{']);
        let more = quoted.trim() != word;
        if opens && crate::submission::heading_match::cjk(quoted) == 0 && (more || code_before) {
            return true;
        }
    }
    code_spans(text, &around).iter().any(|c| {
        text[c.clone()]
            .split(|ch: char| !ch.is_ascii_alphanumeric() && ch != '_')
            .any(|w| w == word)
    })
}

/// Inside quotation marks within `unit`.
fn in_quotation(text: &str, unit: &Range<usize>, span: &Range<usize>) -> bool {
    between(text, unit, span, &['“', '「', '『'], &['”', '」', '』'])
}

/// A stand-in in words quoted as someone said or a screen showed them (`就像报道里经常说的：
/// "某某在平凡的岗位上…"`, `提示“XXX 已获取你的位置”`): it stands for whoever the
/// speaker meant, a slot of the quotation rather than a blank of the document; a
/// center's script of what its staff say may still leave its own name out, so it is
/// reported as probable, not certain.
fn quoted_speech(text: &str, unit: &Unit, span: &Range<usize>) -> bool {
    const OPEN_Q: [char; 4] = ['“', '「', '『', '"'];
    const CLOSE_Q: [char; 4] = ['”', '」', '』', '"'];
    const SPEECH: [&str; 12] = [
        "说", "道", "问", "称", "讲", "喊", "写着", "显示", "提示", "回答", "表示", "宣布",
    ];
    let around = near(text, &unit.range, span);
    if !between(text, &around, span, &OPEN_Q, &CLOSE_Q) {
        return false;
    }
    let before = &text[around.start..span.start];
    let Some(open) = before.rfind(OPEN_Q) else {
        return false;
    };
    let lead = before[..open].trim_end_matches([' ', '\t', '　', '：', ':', '，', ',']);
    // What was said (`常说的：`) as well as who said it.
    let lead = lead.strip_suffix('的').unwrap_or(lead);
    SPEECH.iter().any(|w| lead.ends_with(w))
}

/// A stand-in quoted as an example of a format (`例如：“××人民法院关于××的司法建议书”`):
/// the quotation shows the pattern a real title follows.
fn quoted_example(text: &str, unit: &Unit, span: &Range<usize>, line: &str) -> bool {
    in_quotation(text, &unit.range, span) && describes_format(line)
}

/// A stand-in in wording the text prescribes (`以“中华人民共和国××中级人民法院”名义作出`,
/// `写明××卫生防疫机构收的字样`, `应当使用的规范用语是：…第XX条…`, `邮件标题“xxx用户缴费
/// 详单”`): probably the pattern
/// of that wording, as regulations write it; in a center's own policy it may also be its
/// name left out, so it is reported as probable, not certain.
fn prescribed_wording(text: &str, unit: &Unit, span: &Range<usize>) -> bool {
    let around = near(text, &unit.line, span);
    let before = &text[around.start..span.start];
    let after = &text[span.end..around.end];
    // The clause the stand-in is in.
    let clause = |c: char| matches!(c, '，' | '。' | '；' | ',' | ';');
    let after = &after[..after.find(clause).unwrap_or(after.len())];
    let quoted = in_quotation(text, &unit.range, span)
        && ["字样", "名义", "用语", "文字为", "应当为", "名称为", "邮件标题", "邮件主题"]
            .iter()
            .any(|w| text[around.clone()].contains(w));
    quoted
        || after.contains("字样")
        || ["用语是", "用语为", "用语："].iter().any(|w| before.contains(w))
        || quoted_pattern(text, unit, span)
        || after_alternatives(text, span)
}

/// A stand-in right after a bracket offering alternatives, as a naming rule writes a
/// title (`[MS/MI/MD][网络名/特性名/算子名]xxxxx`): the free part of the pattern.
fn after_alternatives(text: &str, span: &Range<usize>) -> bool {
    let before = &text[..span.start];
    let Some(rest) = before.strip_suffix([']', '】']) else {
        return false;
    };
    rest.char_indices()
        .rev()
        .take(40)
        .find(|&(_, c)| matches!(c, '[' | '【' | ']' | '】' | '\n'))
        .is_some_and(|(i, c)| matches!(c, '[' | '【') && rest[i..].contains('/') && !rest[i..].contains("//"))
}

/// A stand-in in a quotation that offers alternatives in brackets (`以标题“[VOTE] New
/// Committer [Approver/Reviewer] xxx”发送邮件`): the quotation is a pattern to follow, and
/// the stand-in its free part.
fn quoted_pattern(text: &str, unit: &Unit, span: &Range<usize>) -> bool {
    const OPEN_Q: [char; 3] = ['“', '「', '"'];
    const CLOSE_Q: [char; 3] = ['”', '」', '"'];
    let around = near(text, &unit.range, span);
    if !between(text, &around, span, &OPEN_Q, &CLOSE_Q) {
        return false;
    }
    let before = &text[around.start..span.start];
    let after = &text[span.end..around.end];
    let (Some(open), Some(close)) = (before.rfind(OPEN_Q), after.find(CLOSE_Q)) else {
        return false;
    };
    let quoted = [&before[open..], &after[..close]];
    quoted.iter().any(|q| {
        q.split(['[', '【']).skip(1).any(|inner| {
            inner
                .split([']', '】'])
                .next()
                .is_some_and(|alt| alt.contains('/') && !alt.contains("//") && alt.chars().count() <= 40)
        })
    })
}

/// Common Chinese surnames, which `某某` follows in a withheld name (`张某某`). Words
/// that also open a phrase before a name (`向`, `和`, `于`, `对`) are left out.
fn is_surname(c: char) -> bool {
    const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭林何高罗郑梁谢宋唐韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范廖贾夏韦方邹孟熊秦邱尹薛闫段雷侯史陶黎贺顾毛郝龚邵钱严覃戴莫孔汤温康施牛樊葛邢齐乔伍庞颜倪庄聂章鲁岳翟殷詹欧耿焦俞柳祝舒阮柯纪梅童凌毕裴霍涂苗谷盛翁冉骆靳柴蒙鲍喻祁蒲滕屈饶艾尤穆卓缪褚娄窦戚岑宫卜冷晏瞿佟邬卞姬栾隋刁巫寇桑甄仲虞敖巩佘池麻苑迟邝石常白金江龙文华万关付宁申武吉项芦麦";
    SURNAMES.contains(c)
}

fn char_before(text: &str, at: usize) -> Option<char> {
    text[..at].chars().next_back()
}

fn char_after(text: &str, at: usize) -> Option<char> {
    text[at..].chars().next()
}

/// Classify one candidate, pushing the placeholders it is (none, one, or those inside a
/// `【…】`).
fn classify(text: &str, c: &Captures, unit: &Unit, out: &mut Vec<Hit>) {
    let before = out.len();
    classify_form(text, c, unit, out);
    // A web address is no content (`always-____`, `/app/1003360/___ITS_WINTER/`); asked
    // of what would be reported only, since most candidates are not.
    let span = c.get(0).map_or(0..0, |m| m.range());
    if out.len() > before && in_web_address(text, &unit.line, &span) {
        out.truncate(before);
    }
}

/// Whether the rest of a line after a fill instruction (`此处输入`) is the literal a reader
/// is told to type, as a how-to's steps write it (`此处输入 no`, `` 此处填写 `y` ``): a
/// short Latin word or value, alone up to the end of the line or sentence, or set in code
/// marks whatever words follow it (`` 此处填写 `y` 并回车 ``). Placeholders written in
/// Latin letters (`XXX`, `TODO`, `____`) are found as such.
fn names_input(rest: &str) -> bool {
    let short_value = |v: &str| {
        !v.is_empty()
            && v.len() <= 24
            && v.chars().all(|c| c.is_ascii_graphic() || c == ' ')
            && v.chars().any(|c| c.is_ascii_alphanumeric())
    };
    // A literal in code marks is what to type, and the step goes on after it.
    let coded = rest.trim_start_matches([' ', '\t', '　', '：', ':']);
    if let Some(code) = coded.strip_prefix('`') {
        if code.find('`').is_some_and(|end| short_value(code[..end].trim())) {
            return true;
        }
    }
    let rest = rest.trim_end().trim_end_matches(['。', '.', '；', ';']);
    let Some(value) = rest.strip_prefix([' ', '\t', '　', '：', ':']) else {
        return false;
    };
    let value = value.trim().trim_matches(['`', '"', '\'', '“', '”']);
    !value.is_empty()
        && value.len() <= 24
        && value.chars().all(|c| c.is_ascii_graphic())
        && value.chars().any(|c| c.is_ascii_alphanumeric())
}

/// [`classify`] by the form of the candidate.
fn classify_form(text: &str, c: &Captures, unit: &Unit, out: &mut Vec<Hit>) {
    let m = c.get(0).expect("a match");
    let span = m.range();
    let s = m.as_str();
    let line = &text[near(text, &unit.line, &span)];
    let hit = |form, sure| Hit {
        span: span.clone(),
        form,
        sure,
        hidden: false,
    };
    // Asterisks are mostly markup (a list marker, emphasis), some outside the unit's
    // content: decided on their own, before anything reads the unit around them.
    if let Some(mask) = c.name("mask").or_else(|| c.name("masked_number")) {
        let span = mask.range();
        let inside = unit.range.start <= span.start && span.end <= unit.range.end;
        if inside && masks_a_figure(text, unit, &span) {
            out.push(Hit {
                span,
                form: Form::Masked,
                sure: true,
                hidden: false,
            });
        }
        return;
    }
    let sure_here = bracketed(text, &unit.range, &span) || in_value_position(text, &unit.range, &span);
    let ascii_word = |at: Option<char>| at.is_some_and(|c| c.is_ascii_alphanumeric());
    if c.name("fill").is_some() {
        match s {
            "待补充" | "待完善" => {
                let adverb = char_before(text, span.start).is_some_and(|c| {
                    "有尚亟仍还急需亦正均暂".contains(c)
                });
                let in_brackets = bracketed(text, &unit.range, &span);
                if adverb || (unit.status && !in_brackets) {
                    return;
                }
                out.push(Hit {
                    span: enclosed(text, &span),
                    form: Form::Fill,
                    sure: sure_here,
                    hidden: false,
                });
            }
            // Polite requests are prose unless they stand for the content.
            "请填写" | "请补充" if unit.form || !sure_here => {}
            // A step of a how-to names what to type (`此处输入 no`).
            _ if names_input(&text[span.end..unit.line.end.max(span.end)]) => {}
            _ if !unit.form => out.push(Hit {
                span: enclosed(text, &span),
                form: Form::Fill,
                sure: true,
                hidden: false,
            }),
            _ => {}
        }
    } else if c.name("note").is_some() {
        if !ascii_word(char_before(text, span.start))
            && !ascii_word(char_after(text, span.end))
            && !titles_todo_list(text, unit, s)
            && !named_among_others(text, &span)
            && !names_a_state(text, unit, &span)
        {
            out.push(hit(Form::Note, true));
        }
    } else if c.name("mou").is_some() {
        // `赵某某`: a person's name withheld, as judgments and case studies write it.
        let surname = char_before(text, span.start).is_some_and(is_surname);
        if !surname
            && !unit.template
            && !quoted_example(text, unit, &span, line)
            && !withheld_name(text, unit, &span)
            && !named_in_example(text, unit, &span)
        {
            out.push(hit(Form::StandIn, !quoted_speech(text, unit, &span)));
        }
    } else if c.name("circle").is_some() {
        // `二○○四年`: ○ written for the zero of a number in words.
        let numeral = |c: Option<char>| c.is_some_and(|c| "零〇一二三四五六七八九十".contains(c));
        if !numeral(char_before(text, span.start)) && !numeral(char_after(text, span.end)) {
            out.push(hit(Form::StandIn, true));
        }
    } else if c.name("date").is_some() {
        let letter = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
        if letter(char_before(text, span.start))
            || letter(char_after(text, span.end))
            || unit.form
            || unit.template
            || describes_format(line)
            || compared(text, &span)
            || named_in_example(text, unit, &span)
        {
            return;
        }
        out.push(hit(Form::Date, true));
    } else if c.name("xrun").is_some() {
        if unit.template || quoted_example(text, unit, &span, line) {
            return;
        }
        if let Some(mut h) = stand_in(text, span, unit) {
            if in_code_example(text, unit, &h.span) {
                return;
            }
            h.sure = !prescribed_wording(text, unit, &h.span) && !quoted_speech(text, unit, &h.span);
            out.push(h);
        }
    } else if c.name("under").is_some() {
        let n = s.chars().count();
        let dated = |c: Option<char>| c.is_some_and(|c| "年月日号时分".contains(c));
        let rule = line
            .trim()
            .chars()
            .all(|c| matches!(c, '_' | '-' | '*' | ' ' | '＿'));
        let identifier = ascii_word(char_before(text, span.start))
            && ascii_word(char_after(text, span.end));
        if unit.form
            || unit.template
            || rule
            || identifier
            || (n < 3 && !dated(char_before(text, span.start)) && !dated(char_after(text, span.end)))
        {
            return;
        }
        out.push(hit(Form::Blank, true));
    } else if c.name("dots").is_some() {
        // An ellipsis standing for the content opens it (`（……）`, `内容：……`); after
        // words it ends a list or leaves words out (`（比如自行车、眼镜……）`), and in
        // quotation marks it is what the quotation leaves out (`规定：“……”`).
        let stands_alone = in_value_position(text, &unit.range, &span);
        if !unit.form
            && !unit.elided
            && stands_alone
            && !in_quotation(text, &unit.range, &span)
            && !elided_in_code_or_list(text, &span)
            && !ends_a_list(text, unit)
            && !omits_between_paragraphs(text, unit)
        {
            out.push(hit(Form::Blank, true));
        }
    } else if c.name("parens").is_some() {
        if !unit.form {
            out.push(hit(Form::Blank, true));
        }
    } else if c.name("slot").is_some() {
        slot(text, span, unit, out);
    }
}

/// A note word named among other things (`不要以注释、TODO等方式保留在代码中`, `TODO、FIXME
/// 等标记`): the word is talked about, no note is left.
fn named_among_others(text: &str, span: &Range<usize>) -> bool {
    char_before(text, span.start) == Some('、')
        || char_after(text, span.end) == Some('、')
        || text[span.end..].trim_start_matches([' ', '\t']).starts_with('等')
}

/// A note word that names a state of a workflow, as issue and task processes write them
/// (`接受ISSUE（TODO→ACCEPTED）`, and `新建ISSUE（TODO）` nearby): where the text around it
/// (a kilobyte either way, so that the work stays linear) writes the word in a transition
/// (`TODO→`, `→TODO`, `TODO ->`), and it opens no note of its own (`TODO：补充…`).
fn names_a_state(text: &str, unit: &Unit, span: &Range<usize>) -> bool {
    const AROUND: usize = 1024;
    let marker = span.start == unit.range.start || matches!(char_after(text, span.end), Some(':' | '：'));
    if marker {
        return false;
    }
    let mut start = span.start.saturating_sub(AROUND);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (span.end + AROUND).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let around = &text[start..end];
    let word = &text[span.clone()];
    around.match_indices(word).any(|(i, w)| {
        let before = around[..i].trim_end_matches([' ', '\t']);
        let after = around[i + w.len()..].trim_start_matches([' ', '\t']);
        ["→", "->", "⟶", "=>"]
            .iter()
            .any(|a| before.ends_with(a) || after.starts_with(a))
    })
}

/// A heading that is only `TODO` (numbered, with a colon) over content titles a to-do
/// list, as meeting minutes and plans write their action items (`### 3、TODO：` over
/// `1. 梳理工作流程 @张三`): the items are written, nothing is left unfinished.
fn titles_todo_list(text: &str, unit: &Unit, word: &str) -> bool {
    let content = text[unit.range.clone()].trim_end_matches([':', '：', ' ']);
    if word != "TODO" || content != word || !text[unit.line.clone()].trim_start().starts_with('#') {
        return false;
    }
    // The next non-blank line is content, not another heading.
    text[unit.line.end..]
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .is_some_and(|l| !l.starts_with('#'))
}

/// An ellipsis that is one item among others or code's own notation, not a blank: the
/// arguments of a call or an index (`np.allclose(...)`, `open(..., "r")`, right after a
/// name), or an item elided from a bracketed list that goes on (`shape [..., M, M]`).
fn elided_in_code_or_list(text: &str, span: &Range<usize>) -> bool {
    let mut before = text[..span.start].chars().rev();
    let Some(open) = before.next().filter(|c| OPEN.contains(c)) else {
        return false;
    };
    let called = before
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        && matches!(open, '(' | '[');
    let listed = text[span.end..]
        .trim_start_matches([' ', '\t'])
        .starts_with([',', '，', '、']);
    called || listed
}

/// Whether a table's header cell is only an ellipsis (`...`, `…`, `……`, `⋯`).
fn is_ellipsis(cell: &str) -> bool {
    let t = cell.trim();
    !t.is_empty() && t.chars().all(|c| matches!(c, '.' | '…' | '⋯' | '。')) && (t.contains(['…', '⋯']) || t.len() >= 3)
}

/// A list item holding only an ellipsis after items with content (`* sig/doc` over `* ...`):
/// the list goes on, as `等` says in prose; nothing is left blank.
fn ends_a_list(text: &str, unit: &Unit) -> bool {
    let item = |line: &str| {
        let t = line.trim_start_matches([' ', '\t']);
        t.strip_prefix(['-', '*', '+']).is_some_and(|r| r.starts_with([' ', '\t']))
            || {
                let r = t.trim_start_matches(|c: char| c.is_ascii_digit());
                r.len() < t.len() && r.starts_with(['.', '、', ')', '）'])
            }
    };
    let line = &text[unit.line.clone()];
    let content = text[unit.range.clone()].trim_matches(|c: char| c.is_whitespace() || c == '*' || c == '_');
    if unit.cell || !item(line) || !content.chars().all(|c| matches!(c, '…' | '.' | '。')) {
        return false;
    }
    // The item before, over blank lines: an item with content.
    text[..unit.line.start]
        .lines()
        .rev()
        .map(str::trim_end)
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| {
            item(l) && {
                let words = l.trim_start().trim_start_matches(|c: char| "-*+.、)） \t".contains(c) || c.is_ascii_digit());
                !words.is_empty() && !words.chars().all(|c| matches!(c, '…' | '.' | '。'))
            }
        })
}

/// An ellipsis standing as a paragraph of its own between paragraphs of prose (an
/// excerpt, an argument that goes on): words left out, as a quotation leaves them out;
/// nothing is left blank. A section whose only content is an ellipsis, or an ellipsis
/// under a line that introduces it (`内容如下：`), stays a blank.
fn omits_between_paragraphs(text: &str, unit: &Unit) -> bool {
    let only_dots = |l: &str| {
        let l = l.trim_matches(|c: char| c.is_whitespace() || c == '*' || c == '_');
        !l.is_empty() && l.chars().all(|c| matches!(c, '…' | '.' | '。' | '·'))
    };
    let line = &text[unit.line.clone()];
    if unit.cell || !only_dots(line) {
        return false;
    }
    // A paragraph of prose: words that end a sentence, not a heading, a label, a list
    // item, a table row or a quotation block's marker.
    let prose = |l: Option<&str>| {
        l.is_some_and(|l| {
            let l = l.trim();
            !l.starts_with(['#', '|', '-', '*', '+', '>', '`'])
                && !only_dots(l)
                && l.chars().filter(|c| !c.is_ascii_punctuation()).count() >= 8
                && l.trim_end_matches(['*', '_'])
                    .ends_with(['。', '！', '？', '”', '」', '）', '.', '!', '?'])
        })
    };
    let before = text[..unit.line.start]
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty());
    let after = text[unit.line.end..].lines().find(|l| !l.trim().is_empty());
    prose(before) && prose(after)
}

/// A date template compared with in code or a formula (`deprecated() == YYYYMMDD`,
/// `date >= YYYY-MM-DD`): it names the format of a value, not a date left unwritten.
fn compared(text: &str, span: &Range<usize>) -> bool {
    text[..span.start]
        .trim_end_matches([' ', '\t'])
        .ends_with(['=', '<', '>', '≥', '≤'])
}

/// `某某` in a name withheld, as case reports and examples write them (`某某公司向某法院申请
/// 强制执行`, `某某公司申请执行李某某承揽合同案`): another name near it is withheld the same way
/// (a surname and `某`, or `某` before an organisation), so the text anonymises its parties
/// rather than leaving a blank to fill.
fn withheld_name(text: &str, unit: &Unit, span: &Range<usize>) -> bool {
    static OTHER: OnceLock<Regex> = OnceLock::new();
    let other = OTHER.get_or_init(|| {
        Regex::new(r"某[^某\s，。；、,;：:（）()“”《》]{0,6}?(?:公司|法院|检察院|企业|单位|集团|银行|医院|学校|工厂|厂)")
            .expect("static regex")
    });
    let around = near(text, &unit.line, span);
    // Another withheld name: after a surname (`李某某`, `常某`), or an organisation.
    let surnamed = text[around.clone()].char_indices().any(|(i, c)| {
        let at = around.start + i;
        c == '某' && !(span.start..span.end).contains(&at) && char_before(text, at).is_some_and(is_surname)
    });
    surnamed
        || other.find_iter(&text[around.clone()]).any(|m| {
            let m = around.start + m.start()..around.start + m.end();
            // One `某`: a second stand-in (`某某单位`) is no withheld name.
            (m.start >= span.end || m.end <= span.start) && char_before(text, m.start) != Some('某')
        })
}

/// `某某` in an example the sentence gives (`例如：某某公司委托中心开展精益生产诊断`,
/// `比如某某企业申请…`): a party named as any one, not a blank, even with no other withheld
/// name beside it. The example word must open the stand-in's sentence or its clause
/// before it; a label's value (`中心名称：某某…`) stays a blank.
fn named_in_example(text: &str, unit: &Unit, span: &Range<usize>) -> bool {
    const EXAMPLE: [&str; 10] = ["例如", "比如", "譬如", "举例", "示例", "案例", "例：", "例:", "如：", "如:"];
    let around = near(text, &unit.line, span);
    let before = &text[around.start..span.start];
    let sentence = before
        .rfind(['。', '；', '！', '？', ';'])
        .map_or(before, |i| &before[i + before[i..].chars().next().map_or(1, char::len_utf8)..]);
    EXAMPLE.iter().any(|w| sentence.contains(w))
}

/// The span with the brackets right around it (`（待补充）`), if there are.
fn enclosed(text: &str, span: &Range<usize>) -> Range<usize> {
    match (char_before(text, span.start), char_after(text, span.end)) {
        (Some(b), Some(a)) if OPEN.contains(&b) && CLOSE.contains(&a) => {
            span.start - b.len_utf8()..span.end + a.len_utf8()
        }
        _ => span.clone(),
    }
}

/// A run of X's: a stand-in, unless it is part of a word or code with other letters,
/// next to digits, or a Roman numeral.
fn stand_in(text: &str, run: Range<usize>, unit: &Unit) -> Option<Hit> {
    let bytes = text.as_bytes();
    let token_char = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
    // Tokens longer than this are no ids: the bound keeps a hostile line linear.
    const LONGEST: usize = 64;
    let mut start = run.start;
    while start > unit.line.start && run.start - start < LONGEST && token_char(bytes[start - 1]) {
        start -= 1;
    }
    let mut end = run.end;
    while end < unit.line.end && end - run.end < LONGEST && token_char(bytes[end]) {
        end += 1;
    }
    let token = &text[start..end];
    // Letters other than x belong to a word or a code (`XXL`, `HA-XX-0003`).
    if token
        .chars()
        .any(|c| c.is_ascii_alphabetic() && !matches!(c, 'x' | 'X'))
    {
        return None;
    }
    // Digits right next to the run: a masked number or a class of codes.
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    if digit(char_before(text, run.start)) || digit(char_after(text, run.end)) {
        return None;
    }
    // Only the first run of a token is reported.
    if text[start..run.start].contains(['x', 'X']) {
        return None;
    }
    let run_text = &text[run.clone()];
    if matches!(run_text, "XX" | "XXX") && text[run.end..].starts_with("世纪") {
        return None;
    }
    // A segment of a path or a dotted name (`feature/xxx`, `xxx.md`) is shaped like one.
    let joined = |c: Option<char>| matches!(c, Some('/' | '.'));
    let id_shaped = token.contains(|c: char| c == '-' || c.is_ascii_digit())
        || joined(char_before(text, start))
        || joined(char_after(text, end));
    if id_shaped && (unit.form || describes_format(&text[near(text, &unit.line, &run)])) {
        return None;
    }
    let token = token.trim_matches(|c| c == '-' || c == '_');
    let at = start + text[start..].find(token).unwrap_or(0);
    let span = if token.is_empty() {
        run
    } else {
        at..at + token.len()
    };
    Some(Hit {
        span,
        form: Form::StandIn,
        sure: true,
        hidden: false,
    })
}

/// The measure words a count or an amount is written with (`1,250家`, `3.2亿元`).
const FIGURE_UNITS: &str = "家个人名项次元万亿份所件户场";

/// The labels a contact number follows (`投诉电话为*****`).
const NUMBER_LABELS: &[&str] = &["电话", "热线", "手机", "传真", "号码"];

/// Whether the asterisks at `span` stand for a figure withheld or never filled in
/// (`服务企业**家`, `成交额*亿元`, `投诉电话为*****`): right after a word, right before a
/// unit (or, three or more, after the label of a contact number), and not one side of an
/// emphasis (`**个人**信用`, `共**1,250**家`), which pairs the run with another of the same
/// length on the line.
fn masks_a_figure(text: &str, unit: &Unit, span: &Range<usize>) -> bool {
    let ideograph = |c: Option<char>| c.is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let before_unit = ideograph(char_before(text, span.start))
        && char_after(text, span.end).is_some_and(|c| FIGURE_UNITS.contains(c));
    let number = || {
        let label = text[..span.start].trim_end_matches(['为', '是', '：', ':', ' ', '\u{3000}']);
        text[span.clone()].chars().count() >= 3 && NUMBER_LABELS.iter().any(|l| label.ends_with(l))
    };
    if !before_unit && !number() {
        return false;
    }
    // The runs of the line, paired left to right with the next run of the same length.
    let line = &text[unit.line.clone()];
    let mut runs: Vec<Range<usize>> = Vec::new();
    let mut at = 0;
    while let Some(i) = line[at..].find(['*', '＊']) {
        let start = at + i;
        let len: usize = line[start..]
            .chars()
            .take_while(|c| matches!(c, '*' | '＊'))
            .map(char::len_utf8)
            .sum();
        runs.push(unit.line.start + start..unit.line.start + start + len);
        at = start + len;
    }
    let mut paired = vec![false; runs.len()];
    for i in 0..runs.len() {
        if paired[i] {
            continue;
        }
        if let Some(j) = (i + 1..runs.len()).find(|&j| !paired[j] && runs[j].len() == runs[i].len()) {
            paired[i] = true;
            paired[j] = true;
        }
    }
    runs.iter().zip(paired).any(|(r, p)| !p && *r == *span)
}

/// Names of values a template slot stands for.
const SLOT_NOUNS: &[&str] = &[
    "名称", "日期", "时间", "姓名", "电话", "地址", "编号", "号码", "金额", "人数", "数量",
    "年份", "年度", "单位", "负责人", "联系人", "部门", "邮箱", "网址", "职务", "数值",
    "内容",
];

/// `【…】`: a placeholder inside is reported as such; an empty pair is a blank; an
/// instruction or the name of a value in a value position is a slot; a label is nothing.
fn slot(text: &str, span: Range<usize>, unit: &Unit, out: &mut Vec<Hit>) {
    let inner = span.start + '【'.len_utf8()..span.end - '】'.len_utf8();
    let before = out.len();
    for c in matcher().captures_iter(&text[inner.clone()]) {
        let shifted = shift(text, &c, inner.start);
        if let Some(sc) = shifted {
            classify(text, &sc, unit, out);
        }
    }
    if out.len() > before {
        for h in &mut out[before..] {
            h.sure = true;
        }
        return;
    }
    if unit.form || unit.template {
        return;
    }
    let content = text[inner.clone()].trim();
    let hit = |form| Hit {
        span: span.clone(),
        form,
        sure: true,
        hidden: false,
    };
    if content.is_empty() {
        out.push(hit(Form::Blank));
        return;
    }
    if ["填写", "填入", "插入", "输入", "补充", "此处", "待定"]
        .iter()
        .any(|w| content.contains(w))
    {
        out.push(hit(Form::Slot));
        return;
    }
    if !SLOT_NOUNS.iter().any(|n| content.ends_with(n)) {
        return;
    }
    let lead = text[unit.range.start..span.start]
        .trim_matches(|c: char| c.is_whitespace() || c == '*')
        .is_empty();
    let rest = text[span.end..unit.range.end]
        .trim_matches(|c: char| c.is_whitespace() || c == '*')
        .is_empty();
    // `【服务内容】……` opening a line, or alone on its line, is a label.
    if lead && !(rest && unit.cell) {
        return;
    }
    out.push(hit(Form::Slot));
}

/// Captures of `c` re-run on the whole text at `offset`, so spans are the text's.
fn shift<'t>(text: &'t str, c: &Captures, offset: usize) -> Option<Captures<'t>> {
    let m = c.get(0)?;
    let start = offset + m.start();
    matcher()
        .captures_at(text, start)
        .filter(|sc| sc.get(0).is_some_and(|g| g.start() == start))
}

/// Inline code spans of one line, as byte ranges of the text.
fn code_spans(text: &str, line: &Range<usize>) -> Vec<Range<usize>> {
    let s = &text[line.clone()];
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'`' {
            i += 1;
            continue;
        }
        let n = b[i..].iter().take_while(|&&c| c == b'`').count();
        let open = i;
        let mut j = i + n;
        let mut closed = None;
        while j < b.len() {
            if b[j] == b'`' {
                let m = b[j..].iter().take_while(|&&c| c == b'`').count();
                if m == n {
                    closed = Some(j + m);
                    break;
                }
                j += m;
            } else {
                j += 1;
            }
        }
        match closed {
            Some(end) => {
                out.push(line.start + open..line.start + end);
                i = end;
            }
            None => i = open + n,
        }
    }
    out
}

/// The content of a line: list markers, quote markers, heading marks and numbering left
/// out, surrounding space trimmed.
fn line_content(text: &str, line: &Range<usize>) -> Range<usize> {
    static MARKERS: OnceLock<Regex> = OnceLock::new();
    let re = MARKERS.get_or_init(|| {
        Regex::new(r"^[ \t　]*(?:>[ \t]*)*(?:#{1,6}[ \t]+)?(?:[-*+][ \t]+)?(?:\d+[.、．)）][ \t　]*|[（(][一二三四五六七八九十\d]+[)）][ \t　]*|[一二三四五六七八九十]+、[ \t　]*|第[一二三四五六七八九十百零〇\d]+[条章节][ \t　]*)?")
            .expect("static regex")
    });
    let s = &text[line.clone()];
    let skip = re.find(s).map_or(0, |m| m.end());
    let rest = &s[skip..];
    let trimmed = rest.trim_end();
    line.start + skip..line.start + skip + trimmed.len()
}

/// Cells of a table row line: byte ranges between unescaped pipes, trimmed.
fn cells(text: &str, line: &Range<usize>) -> Vec<Range<usize>> {
    let s = &text[line.clone()];
    let mut bounds = vec![];
    let b = s.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c == b'|' && (i == 0 || b[i - 1] != b'\\') {
            bounds.push(i);
        }
    }
    let trimmed = s.trim();
    let lead = trimmed.starts_with('|');
    let trail = trimmed.ends_with('|') && trimmed.len() > 1;
    let mut edges = vec![0];
    edges.extend(bounds.iter().map(|&i| i + 1));
    let mut ends: Vec<usize> = bounds.clone();
    ends.push(s.len());
    let mut out: Vec<Range<usize>> = edges.into_iter().zip(ends).map(|(a, e)| a..e).collect();
    if lead && !out.is_empty() {
        out.remove(0);
    }
    if trail && !out.is_empty() {
        out.pop();
    }
    out.into_iter()
        .map(|r| {
            let cell = &s[r.clone()];
            let l = cell.len() - cell.trim_start().len();
            let t = cell.trim().len();
            line.start + r.start + l..line.start + r.start + l + t
        })
        .collect()
}

/// Whether every filled cell of a table row is a picture (`![alt](src)`, `<img …>`),
/// possibly a linked one (`[![alt](src)](href)`).
fn pictures_only(text: &str, row: &Range<usize>) -> bool {
    let picture = |c: &str| {
        let c = c.trim_matches(|ch: char| ch.is_whitespace() || ch == '*' || ch == '_');
        let c = c.strip_prefix('[').unwrap_or(c);
        (c.starts_with("![") && c.contains("](")) || c.get(..4).is_some_and(|o| o.eq_ignore_ascii_case("<img"))
    };
    let filled: Vec<&str> = cells(text, row)
        .into_iter()
        .map(|c| &text[c])
        .filter(|c| !c.trim().is_empty())
        .collect();
    !filled.is_empty() && filled.iter().all(|c| picture(c))
}

/// The ranges of each line of a text.
fn line_of(text: &str, at: usize) -> Range<usize> {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    start..end
}

/// The words of a heading or caption, without its markup (`#`, `**`, `_`) and a closing
/// colon.
fn title_words(raw: &str) -> &str {
    raw.trim()
        .trim_start_matches('#')
        .trim_matches(|c: char| c.is_whitespace() || c == '*' || c == '_' || c == '：' || c == ':')
}

/// Whether title words are short enough to name something, and no sentence.
fn short_title(t: &str) -> bool {
    t.chars().count() <= 40 && !t.contains(['。', '；', '，'])
}

/// A heading or caption naming a form (`附件1 服务申请表`, `回访记录单`, `登记表样式`).
fn names_form(raw: &str) -> bool {
    let t = title_words(raw);
    if ["附件", "附表", "附录"].iter().any(|p| t.starts_with(p)) {
        return true;
    }
    if !short_title(t) || t.contains("下表") {
        return false;
    }
    let t = t.trim_end_matches(['）', ')']);
    ["表", "表格", "表样", "样式", "模板", "样表"]
        .iter()
        .any(|s| t.ends_with(s))
        || (t.ends_with('单') && !t.ends_with("清单") && !t.ends_with("名单"))
}

/// Words that close the name of a template or an example (`邮件模板`, `公示样例`, `标题格式`).
const TEMPLATE_WORDS: [&str; 8] = ["模板", "模版", "范本", "样例", "范例", "示例", "样本", "格式"];

/// A heading that names a template or an example (`### 1 推举Committer邮件模板：`,
/// `## 公示示例`): what it holds is to be copied and filled in each time it is used.
fn names_template(raw: &str) -> bool {
    let t = title_words(raw);
    if !short_title(t) {
        return false;
    }
    // A note in brackets after the name (`邮件模板（供参考）`) is not the name.
    let t = match t.strip_suffix(['）', ')']) {
        Some(inner) => inner.rfind(['（', '(']).map_or(inner, |i| &inner[..i]),
        None => t,
    };
    TEMPLATE_WORDS.iter().any(|w| t.ends_with(w))
}

/// The sections under headings that name a template or an example, with their
/// subsections. Not the document's own title (a template submitted unfilled, `# 服务流程
/// 规范（模板）`, is what the rule is for), nor a top-level heading.
fn template_sections(headings: &[&Heading]) -> Ranges {
    Ranges::new(
        headings
            .iter()
            .skip(1)
            .filter(|h| h.level > 1 && !h.plain && names_template(&h.raw))
            .map(|h| h.span.start..h.body.end.max(h.span.end))
            .collect(),
    )
}

/// The end of a line's label when it names a template or a format (`- 邮件标题格式：
/// Information confirm … : xxx`, `示例：关于XXX同志的公示`): what follows is that template.
/// The label is the line's text up to its first colon, within its first 64 bytes.
fn template_label(line: &str) -> Option<usize> {
    let (colon, _) = line
        .char_indices()
        .take_while(|&(i, _)| i < 64)
        .find(|&(_, c)| c == '：' || c == ':')?;
    let label = line[..colon].trim_end_matches(|c: char| c.is_whitespace() || c == '*' || c == '_');
    TEMPLATE_WORDS.iter().any(|w| label.ends_with(w)).then_some(colon)
}

/// A table of the document, with its line extent and header.
struct TableAt<'a> {
    lines: Range<usize>,
    header_line: Range<usize>,
    header: &'a [String],
    body: Vec<Range<usize>>,
    form: bool,
}

fn tables<'a>(doc: &'a Document, headings: &[&Heading]) -> Vec<TableAt<'a>> {
    let text = &*doc.text;
    if doc.tables.is_empty() {
        return Vec::new();
    }
    let forms = form_sections(text, headings);
    doc.tables
        .iter()
        .map(|t| {
            let header_line = line_of(text, t.header_span.start.min(text.len()));
            // Separator, then the body rows, one line each.
            let mut body = Vec::new();
            let mut at = header_line.end;
            for k in 0..=t.rows {
                if at >= text.len() {
                    break;
                }
                let l = line_of(text, at + 1);
                if k > 0 {
                    body.push(l.clone());
                }
                at = l.end;
            }
            let caption = text[..header_line.start]
                .lines()
                .rev()
                .filter(|l| !l.trim().is_empty())
                .take(1)
                .any(names_form);
            let form = caption || forms.contains(header_line.start);
            TableAt {
                lines: header_line.start..at,
                header_line,
                header: &t.header,
                body,
                form,
            }
        })
        .collect()
}

/// The sections under headings that name a form or an appendix, and the appendices that
/// a plain line opens as documents exported from Word write them (`附件1` alone, over the
/// form's title): to the next Markdown heading, or the end of the document.
fn form_sections(text: &str, headings: &[&Heading]) -> Ranges {
    let mut ranges: Vec<Range<usize>> = headings
        .iter()
        .filter(|h| (h.level > 1 || h.raw.contains("附")) && names_form(&h.raw))
        .map(|h| h.span.start..h.body.end.max(h.span.end))
        .collect();
    let mut written: Vec<usize> = headings.iter().filter(|h| !h.plain).map(|h| h.span.start).collect();
    written.sort_unstable();
    let markup = |c: char| c == ' ' || c == '\t' || c == '*' || c == '_';
    // `附件`, `附表` and `附录`, in one pass over the text. (A line opens at most one
    // appendix, so the ranges do not depend on the order they are found in.)
    let appendix_words = memchr::memmem::find_iter(text.as_bytes(), "附".as_bytes())
        .filter(|&at| text[at + "附".len()..].starts_with(['件', '表', '录']));
    for at in appendix_words {
        // At the start of a line; only then is the line read.
        let lead = text[..at].trim_end_matches(markup);
        if !(lead.is_empty() || lead.ends_with('\n')) {
            continue;
        }
        let line = line_of(text, at);
        if !opens_appendix(&text[at..line.end]) {
            continue;
        }
        let k = written.partition_point(|&s| s <= line.end);
        ranges.push(line.start..written.get(k).copied().unwrap_or(text.len()));
    }
    Ranges::new(ranges)
}

/// A line that opens an appendix: `附件`, `附表` or `附录`, a number or letter, and at most
/// a short title (`附件1`, `附件2 投诉登记表`, `附录A`). Not the note that lists a
/// document's attachments above its signature (`附件：1.服务申请表`), nor a sentence.
fn opens_appendix(line: &str) -> bool {
    let t = line.trim_end_matches(|c: char| c.is_whitespace() || c == '*' || c == '_');
    let rest = &t["附件".len()..];
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_alphanumeric() || "一二三四五六七八九十".contains(c));
    if rest.is_empty() {
        return true;
    }
    let title = rest.trim_start_matches([' ', '\t', '　']);
    title.len() < rest.len()
        && title.chars().count() <= 30
        && !title.contains(['：', ':', '，', '。', '；', ',', ';'])
}

/// Every placeholder of a Markdown document, in order.
pub fn scan_document(doc: &Document, patterns: &[String], allow: &[String]) -> Vec<Hit> {
    let text = &*doc.text;
    let headings: Vec<&Heading> = doc.headings.iter().collect();
    let tables = tables(doc, &headings);
    // Computed at the first candidate: most documents have none.
    let mut fenced: Option<(Ranges, Ranges, Ranges)> = None;
    // The line of the last candidate, its code spans and cells.
    // With the end of the line's label when it names a template (`邮件标题格式：`).
    type LineCache = (Range<usize>, Vec<Range<usize>>, Vec<Range<usize>>, Option<usize>);
    let mut cache: Option<LineCache> = None;
    let mut hits = Vec::new();
    let unit_at = |pos: usize,
                       fenced: &mut Option<(Ranges, Ranges, Ranges)>,
                       cache: &mut Option<LineCache>|
     -> Option<Unit> {
        let (blocks, forms, templates) = fenced.get_or_insert_with(|| {
            (
                Ranges::new(crate::text::fenced_blocks(text)),
                form_sections(text, &headings),
                template_sections(&headings),
            )
        });
        if blocks.contains(pos) {
            return None;
        }
        if !cache.as_ref().is_some_and(|c| c.0.start <= pos && pos <= c.0.end) {
            let line = line_of(text, pos);
            let label = template_label(&text[line.clone()]).map(|end| line.start + end);
            *cache = Some((line.clone(), code_spans(text, &line), cells(text, &line), label));
        }
        let (line, code, cells, label) = cache.as_ref().expect("just set");
        let line = line.clone();
        if code.iter().any(|c| c.contains(&pos)) {
            return None;
        }
        let k = tables.partition_point(|t| t.lines.start <= pos);
        if let Some(t) = k.checked_sub(1).map(|k| &tables[k]).filter(|t| t.lines.contains(&pos)) {
            let k = cells
                .partition_point(|c| c.start <= pos)
                .checked_sub(1)
                .filter(|&k| pos < cells[k].end.max(cells[k].start + 1));
            let range = k.map_or(line.clone(), |k| cells[k].clone());
            let status = k.is_some_and(|k| {
                t.header.get(k).is_some_and(|h| {
                    ["状态", "进度", "进展", "情况", "status", "Status", "progress"]
                        .iter()
                        .any(|w| h.contains(w))
                })
            });
            // Columns left out between others, as a layout says `and so on` (`| 第六列 | ... |
            // 最后一列 |`): the header's ellipsis and the cells under it are no blanks.
            let elided = k.is_some_and(|k| t.header.get(k).is_some_and(|h| is_ellipsis(h)));
            return Some(Unit {
                template: templates.contains(pos),
                range,
                line,
                form: t.form,
                status,
                cell: k.is_some(),
                elided,
            });
        }
        Some(Unit {
            range: line_content(text, &line),
            form: forms.contains(pos),
            template: templates.contains(pos) || label.is_some_and(|end| end <= pos),
            line,
            status: false,
            cell: false,
            elided: false,
        })
    };
    candidates(text, |c| {
        let pos = c.get(0).expect("a match").start();
        if let Some(unit) = unit_at(pos, &mut fenced, &mut cache) {
            classify(text, &c, &unit, &mut hits);
        }
    });
    for p in patterns {
        for (i, m) in text.match_indices(p.as_str()) {
            let span = i..i + m.len();
            if hits.iter().any(|h| h.span.start < span.end && span.start < h.span.end) {
                continue;
            }
            if unit_at(i, &mut fenced, &mut cache).is_some() {
                hits.push(Hit {
                    span,
                    form: Form::Custom,
                    sure: true,
                    hidden: false,
                });
            }
        }
    }
    for t in &tables {
        // A table whose header holds only pictures lays figures out (`| ![图](a.png) |`
        // over `|---|`, to centre or size them); it is no form left unfilled.
        if t.form || pictures_only(text, &t.header_line) {
            continue;
        }
        let empty = t.body.iter().all(|l| {
            cells(text, l)
                .iter()
                .all(|c| text[c.clone()].trim().is_empty())
        });
        if empty && t.header.iter().any(|h| !h.is_empty()) {
            hits.push(Hit {
                span: t.header_line.clone(),
                form: Form::EmptyTable,
                sure: true,
                hidden: false,
            });
        }
    }
    if !hits.is_empty() && text.contains("<!--") {
        let (blocks, _, _) = fenced.get_or_insert_with(|| {
            (
                Ranges::new(crate::text::fenced_blocks(text)),
                form_sections(text, &headings),
                template_sections(&headings),
            )
        });
        let comments = Ranges::new(crate::text::html_comments(text, |pos| blocks.contains(pos)));
        for h in hits.iter_mut().filter(|h| comments.contains(h.span.start)) {
            h.sure = false;
            h.hidden = true;
        }
    }
    finish(text, hits, allow)
}

/// Every placeholder of one text value (a YAML string), spans in the value.
pub fn scan_value(value: &str, patterns: &[String], allow: &[String]) -> Vec<Hit> {
    let unit = Unit {
        range: 0..value.len(),
        line: 0..value.len(),
        form: false,
        status: false,
        cell: false,
        elided: false,
        template: false,
    };
    let mut hits = Vec::new();
    for c in matcher().captures_iter(value) {
        classify(value, &c, &unit, &mut hits);
    }
    for p in patterns {
        for (i, m) in value.match_indices(p.as_str()) {
            let span = i..i + m.len();
            if !hits.iter().any(|h| h.span.start < span.end && span.start < h.span.end) {
                hits.push(Hit {
                    span,
                    form: Form::Custom,
                    sure: true,
                    hidden: false,
                });
            }
        }
    }
    finish(value, hits, allow)
}

/// Sort, drop hits inside an allowed text and duplicates.
fn finish(text: &str, mut hits: Vec<Hit>, allow: &[String]) -> Vec<Hit> {
    hits.sort_by_key(|h| (h.span.start, std::cmp::Reverse(h.span.end)));
    hits.dedup_by(|b, a| b.span.start < a.span.end);
    if hits.is_empty() || allow.is_empty() {
        return hits;
    }
    let mut allowed: Vec<Range<usize>> = allow
        .iter()
        .flat_map(|a| text.match_indices(a.as_str()).map(|(i, m)| i..i + m.len()))
        .collect();
    allowed.sort_by_key(|r| r.start);
    // The furthest end of the allowed texts starting at or before each one.
    let reach: Vec<usize> = allowed
        .iter()
        .scan(0, |end, r| {
            *end = r.end.max(*end);
            Some(*end)
        })
        .collect();
    hits.retain(|h| {
        let k = allowed.partition_point(|r| r.start <= h.span.start);
        k == 0 || reach[k - 1] < h.span.end
    });
    hits
}

/// The text of a hit as quoted in a message: at most a few dozen characters.
fn quoted(text: &str, span: &Range<usize>) -> String {
    let s = text[span.clone()].trim();
    if s.chars().count() > 24 {
        format!("{}…", s.chars().take(24).collect::<String>())
    } else {
        s.to_string()
    }
}

/// The message and label of a hit; `place` says where it is.
fn message(hit: &Hit, shown: &str, place: &Text) -> (Text, Text) {
    if hit.hidden {
        return (
            t!(
                "{place}的 HTML 注释（<!-- -->）中留有“{text}”：注释不显示给读者，但像是尚未完成的标注；如该处内容已完成，请删除此注释",
                "an HTML comment (<!-- -->) in {place} holds “{text}”: a reader does not see it, but it reads like a note of unfinished work; if that work is done, delete the comment",
                place = place.clone(),
                text = shown
            ),
            t!("注释中的标注", "a note in a comment"),
        );
    }
    if !hit.sure && hit.form == Form::StandIn {
        return (
            t!(
                "{place}的“{text}”位于文中规定的用语或字样里，可能是格式示例：如它代指本中心的名称或编号，请写明实际内容",
                "“{text}” in {place} is inside wording the document prescribes, probably its pattern: if it stands for the center's own name or number, write the actual one",
                place = place.clone(),
                text = shown
            ),
            t!("可能是格式示例", "probably a pattern"),
        );
    }
    if !hit.sure {
        return (
            t!(
                "{place}的“{text}”像是内容尚未写完的标注：如是，请补全内容并删除标注；如是在陈述确实存在的不足，请写作“尚待完善”“有待补充”等",
                "“{text}” in {place} reads like a note that the content is unfinished: if so, complete the content and remove the note; if it states a real shortcoming, write it as “尚待完善” or “有待补充”",
                place = place.clone(),
                text = shown
            ),
            t!("可能是占位符", "probably a placeholder"),
        );
    }
    match hit.form {
        Form::Fill | Form::Custom => (
            t!(
                "{place}仍有占位符“{text}”：请替换为本中心的实际内容",
                "{place} still holds the placeholder “{text}”: replace it with the center's actual content",
                place = place.clone(),
                text = shown
            ),
            t!("占位符", "placeholder"),
        ),
        Form::StandIn => (
            t!(
                "{place}的“{text}”是代称占位，不是实际的名称或编号：请写明实际内容",
                "“{text}” in {place} stands in for a real name or number: write the actual one",
                place = place.clone(),
                text = shown
            ),
            t!("代称占位", "stand-in"),
        ),
        Form::Masked => (
            t!(
                "{place}的数字被“{text}”遮盖，不是实际数据：请填写实际数字",
                "a figure in {place} is masked as “{text}”, not stated: write the actual number",
                place = place.clone(),
                text = shown
            ),
            t!("遮盖的数字", "masked figure"),
        ),
        Form::Note => (
            t!(
                "{place}留有未完成标记“{text}”：请完成该处内容并删除标记",
                "{place} still has the unfinished-work note “{text}”: complete the content and remove the note",
                place = place.clone(),
                text = shown
            ),
            t!("未完成标记", "unfinished note"),
        ),
        Form::Blank => (
            t!(
                "{place}的空白“{text}”未填写：请填写实际内容，或删除该空白",
                "{place} has the blank “{text}” left unfilled: fill it in or remove it",
                place = place.clone(),
                text = shown
            ),
            t!("未填写的空白", "unfilled blank"),
        ),
        Form::Date => (
            t!(
                "{place}的“{text}”是日期模板：请写明实际日期",
                "“{text}” in {place} is a date template: write the actual date",
                place = place.clone(),
                text = shown
            ),
            t!("日期模板", "date template"),
        ),
        Form::Slot => (
            t!(
                "{place}的“{text}”是模板栏位：请替换为实际内容",
                "“{text}” in {place} is a template slot: replace it with the actual value",
                place = place.clone(),
                text = shown
            ),
            t!("模板栏位", "template slot"),
        ),
        Form::EmptyTable => (
            t!(
                "{place}的表格（{text}）没有填写任何内容：请填写表格，或删除它",
                "the table ({text}) in {place} has no filled rows: fill it in or remove it",
                place = place.clone(),
                text = shown
            ),
            t!("空表格", "empty table"),
        ),
    }
}

/// Findings of one file, at most `max` listed, the rest counted in the last one.
#[derive(Default)]
struct FileHits {
    /// (location, message, label, sure), the first `max_per_file` hits.
    items: Vec<(Location, Text, Text, bool)>,
    /// Hits past those, counted only.
    more: usize,
    /// Sure hits, listed or not.
    sure: usize,
}

impl FileHits {
    /// Count a hit; true when it is to be listed.
    fn take(&mut self, sure: bool, max: usize) -> bool {
        self.sure += usize::from(sure);
        if self.items.len() + self.more >= max {
            self.more += 1;
            return false;
        }
        true
    }
}

fn run(check: &Placeholders, ctx: &Ctx) -> RuleResult {
    let mut files: Vec<FileHits> = Vec::new();
    let mut unchecked: Option<(Text, Cause)> = None;

    // center.yaml: every text value.
    match &ctx.sub.manifest {
        Some(m) => {
            let mut file = FileHits::default();
            let index = crate::finding::LineIndex::new(&m.text);
            let mut values = Vec::new();
            text_values(&m.root, String::new(), &mut values);
            for (key, node) in values {
                let Some(value) = node.as_str() else { continue };
                let hits = scan_value(value, &check.patterns, &check.allow);
                if hits.is_empty() {
                    continue;
                }
                let raw_span = node.pos.span();
                let base = m
                    .text
                    .get(raw_span.clone())
                    .and_then(|raw| raw.find(value))
                    .map(|k| raw_span.start + k);
                for h in hits {
                    if !file.take(h.sure, check.max_per_file) {
                        continue;
                    }
                    let span = match base {
                        Some(b) => b + h.span.start..b + h.span.end,
                        None => raw_span.clone(),
                    };
                    let loc = index.location("center.yaml", &m.text, span);
                    let place = Text::new(
                        format!("center.yaml 的 `{key}`（第 {} 行）", loc.line),
                        format!("`{key}` in center.yaml (line {})", loc.line),
                    );
                    let shown = quoted(value, &h.span);
                    let (msg, label) = message(&h, &shown, &place);
                    file.items.push((loc, msg, label, h.sure));
                }
            }
            files.push(file);
        }
        None => {
            unchecked = Some((
                t!(
                    "center.yaml 无法读取或解析，无法检查其中和文档中的占位符",
                    "center.yaml could not be read or parsed, so it and the documents cannot be checked for placeholders"
                ),
                Cause::File("center.yaml".into()),
            ));
        }
    }

    for (id, entry) in &ctx.sub.documents {
        let doc = match entry {
            Ok(doc) => doc,
            Err(DocProblem::NotListed) | Err(DocProblem::NoManifest) => continue,
            Err(p) => {
                if unchecked.is_none() {
                    unchecked = Some((
                        super::doc_problem_reason(id, p),
                        super::doc_problem_cause(id, p),
                    ));
                }
                continue;
            }
        };
        let hits = scan_document(doc, &check.patterns, &check.allow);
        if hits.is_empty() {
            continue;
        }
        let name = ctx.standard.document_name(id);
        let mut file = FileHits::default();
        // The same stand-in twice on one line (`每周X 下午，XX点~XX点`) is one finding that
        // counts them, not two that read alike: the line, form, certainty and text of the
        // last hit listed, and how many hits each listed one stands for.
        let mut last: Option<(u32, Form, bool, String)> = None;
        let mut times: Vec<usize> = Vec::new();
        for h in hits {
            if h.form != Form::EmptyTable {
                let line = doc.location(h.span.clone()).line;
                let key = (line, h.form, h.sure, doc.text[h.span.clone()].trim().to_string());
                if last.as_ref() == Some(&key) && !file.items.is_empty() && file.more == 0 {
                    file.sure += usize::from(h.sure);
                    if let Some(n) = times.last_mut() {
                        *n += 1;
                    }
                    continue;
                }
                last = Some(key);
            }
            if !file.take(h.sure, check.max_per_file) {
                continue;
            }
            times.push(1);
            let loc = ctx.location_in(doc, h.span.clone());
            let section = doc
                .headings
                .iter()
                .rfind(|g| g.span.start <= h.span.start && h.span.start < g.body.end.max(g.span.end))
                .filter(|g| !(g.span.start <= h.span.start && h.span.start < g.span.end));
            let place = match section {
                Some(g) => t!(
                    "《{name}》“{section}”一节第 {line} 行",
                    "the {name}, section “{section}”, line {line}",
                    name = name.clone(),
                    section = g.raw.trim_start_matches('#').trim(),
                    line = loc.line
                ),
                None => t!(
                    "《{name}》第 {line} 行",
                    "the {name}, line {line}",
                    name = name.clone(),
                    line = loc.line
                ),
            };
            let shown = if h.form == Form::EmptyTable {
                let t = doc.tables.iter().find(|t| line_of(&doc.text, t.header_span.start.min(doc.text.len())) == h.span);
                t.map_or_else(|| quoted(&doc.text, &h.span), |t| t.header.join(" | "))
            } else {
                quoted(&doc.text, &h.span)
            };
            let (msg, label) = message(&h, &shown, &place);
            file.items.push((loc, msg, label, h.sure));
        }
        for (item, n) in file.items.iter_mut().zip(times) {
            if n > 1 {
                item.1.zh.push_str(&format!("（该行共 {n} 处）"));
                item.1.en.push_str(&format!(" ({n} times on this line)"));
            }
        }
        files.push(file);
    }

    let sure: usize = files.iter().map(|f| f.sure).sum();
    let mut findings: Vec<Finding> = Vec::new();
    let mut dropped = 0;
    for f in files {
        let listed = f.items.len();
        let more = f.more;
        for (k, (loc, mut msg, label, is_sure)) in f.items.into_iter().enumerate() {
            if findings.len() >= ctx.limit {
                dropped += 1;
                continue;
            }
            if k + 1 == listed && more > 0 {
                msg.zh.push_str(&format!("（该文件另有 {more} 处占位符未逐一列出）"));
                msg.en.push_str(&format!(" ({more} more in this file not listed)"));
            }
            let mut finding = ctx.finding(msg, Some(label), Some(loc));
            if !is_sure {
                finding.severity = ctx.rule.severity.min(Severity::Warning);
            }
            findings.push(finding);
        }
    }
    let mut result = RuleResult::from_findings_and_dropped(findings, dropped);
    if sure == 0 {
        result.outcome = Outcome::Pass;
        if let Some((reason, cause)) = unchecked {
            return RuleResult {
                findings: result.findings,
                dropped: result.dropped,
                ..RuleResult::missing(reason, cause)
            };
        }
    }
    result
}

/// Every text value of a YAML tree with its dotted key.
fn text_values<'a>(node: &'a Node, key: String, out: &mut Vec<(String, &'a Node)>) {
    match &node.kind {
        YamlKind::Str(_) => out.push((key, node)),
        YamlKind::Map(entries) => {
            for (k, v) in entries {
                let key = if key.is_empty() {
                    k.name.clone()
                } else {
                    format!("{key}.{}", k.name)
                };
                text_values(v, key, out);
            }
        }
        YamlKind::Seq(items) => {
            for (i, v) in items.iter().enumerate() {
                text_values(v, format!("{key}[{i}]"), out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        Document::parse("docs/a.md", text.into())
    }

    /// (text of each hit, sure)
    fn found(text: &str) -> Vec<(String, bool)> {
        let d = doc(text);
        scan_document(&d, &[], &[])
            .into_iter()
            .map(|h| (text[h.span].to_string(), h.sure))
            .collect()
    }

    fn value(v: &str) -> Vec<String> {
        scan_value(v, &[], &[])
            .into_iter()
            .map(|h| v[h.span].to_string())
            .collect()
    }

    /// Matches as spans and group names.
    type Matches = Vec<(Range<usize>, String)>;

    /// Spans and groups of the matches `candidates` reports, and of the matcher run on
    /// the whole text: the same.
    fn both_ways(text: &str) -> (Matches, Matches) {
        let named = |c: &Captures| -> (Range<usize>, String) {
            let group = matcher()
                .capture_names()
                .flatten()
                .find(|n| c.name(n).is_some())
                .unwrap_or("")
                .to_string();
            (c.get(0).unwrap().range(), group)
        };
        let mut by_line = Vec::new();
        candidates(text, |c| by_line.push(named(&c)));
        let whole = matcher().captures_iter(text).map(|c| named(&c)).collect();
        (by_line, whole)
    }

    #[test]
    fn columns_a_table_elides_are_no_blanks() {
        // pingcap/docs-cn lays out a CSV header and a message format with columns left out.
        let csv = "## 格式\n\n| 第一列 | 第二列 | ... | 最后一列 |\n| --- | --- | --- | --- |\n| `op` | `table` | ... | 最后一列的列名 |\n";
        assert!(found(csv).is_empty(), "{:?}", found(csv));
        let bytes = "## 格式\n\n| Offset(Byte) | 0~7 | 8~15 | ... | ... |\n| :--- | :--- | :--- | :--- | :--- |\n| 参数 | 版本号 | 长度1 | 长度N | Event KeyN |\n";
        assert!(found(bytes).is_empty(), "{:?}", found(bytes));
        // An ellipsis in a column with a name is still the blank it stands for.
        let form = "## 联系人\n\n| 姓名 | 电话 |\n| --- | --- |\n| 张三 | …… |\n";
        assert_eq!(found(form).len(), 1, "{:?}", found(form));
    }

    #[test]
    fn examples_of_code_in_documentation_are_no_blanks() {
        // pingcap/docs-cn: a storage URI, a quoted string of code or of a log message, and
        // the prose explaining the slot of a code span.
        for t in [
            "修复存储 URL 前缀为 \"gs://xxx\" 而不是 \"gcs://xxx\" 时报错的问题",
            "备份数据存放在 s3://bucket/xxx 目录下。",
            "Topic 分发器用 topic = \"xxx\" 来指定。",
            "## 报错信息为 \"fail to start embed etcd, RawCause: member xxx has already been bootstrapped\"",
            "建议使用 `Delete from t where xx limit 5000`（xx 建议加上强过滤索引列）。",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
        // Blanks of prose stay blanks.
        for t in [
            "联系人：\"XXX\"",
            "负责人：XXX，电话：____",
            "本制度自XXX年起施行。",
            "邮件标题写为 \"XXX 中心服务申请\"。",
            "服务对象：【待填写】",
        ] {
            assert!(!found(t).is_empty(), "{t}");
        }
    }

    #[test]
    fn code_quoted_in_a_note_is_code() {
        // pingcap/docs-cn shows normalised statements in a note: `IN ( ... )` is SQL.
        let note = "## 绑定\n\n> **注意：**\n>\n> ```sql\n> SELECT * FROM books WHERE type IN ( ... )\n> ```\n\n正文。\n";
        assert!(found(note).is_empty(), "{:?}", found(note));
        // Outside the fence, the same note's blank is one.
        assert_eq!(found("## 绑定\n\n> 联系人：……\n").len(), 1);
    }

    #[test]
    fn borderline_stand_ins_written_by_people() {
        let none = |t: &str| assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        // An ellipsis ending a list says the list goes on; alone, it is a blank.
        none("## SIG\n\n* sig/testing\n* sig/release\n* ...\n\n正文。\n");
        none("## SIG\n\n1. 登记\n2. 转办\n3. ……\n\n正文。\n");
        assert_eq!(found("## 服务项目\n\n- ……\n\n正文。\n").len(), 1);
        // A paragraph of its own between paragraphs of prose leaves words out; a
        // section's only content, or under a line that introduces it, is a blank.
        none("中心坚持以企业需求为导向开展服务。\n\n……\n\n全年服务企业的满意度保持稳定。\n");
        assert_eq!(found("## 三、受理\n\n……\n\n## 四、办理\n\n正文。\n").len(), 1);
        assert_eq!(
            found("中心坚持以企业需求为导向开展服务。\n\n具体服务内容如下：\n\n……\n\n全年服务企业的满意度保持稳定。\n").len(),
            1
        );
        // A date template compared with, or a format described, is a notation.
        none("增加时间选项（Provides: deprecated() == YYYYMMDD)。\n");
        none("日期格式为YYYYMMDD。\n");
        assert_eq!(found("填报日期：YYYYMMDD\n").len(), 1);
        // Names withheld in a case report, not blanks to fill.
        none("因李某某未按判决履行给付义务，某某公司向某法院申请强制执行。\n");
        none("## 某某公司申请执行李某某承揽合同案\n\n正文。\n");
        // Stand-ins with no withheld name beside them are blanks.
        assert_eq!(found("甲方：某某公司，乙方：某某单位。\n").len(), 2);
        assert_eq!(found("本中心与某某公司签订合作协议。\n").len(), 1);
        // An example the sentence gives names its party as any one.
        none("例如：某某公司委托中心开展精益生产诊断，中心在5个工作日内出具方案。\n");
        none("服务对象范围较广，比如某某企业申请技术咨询的，由业务部受理。\n");
        assert_eq!(found("中心名称：某某生产力促进中心。例如中心提供咨询服务。\n").len(), 1);
    }

    #[test]
    fn lines_without_triggers_hold_no_match() {
        let texts = [
            "负责人：待补充\n联系电话：138XXXX1234\n日期：YYYY-MM-DD\n",
            "2024年X月X日\n20XX年\n19xx年\nX月X日\n2024年XX月XX日\n",
            "（　）【】【中心名称】\n____年__月\n＿＿＿\n……\n...\n。。。。\n○○○\n",
            "TODO TBD TBA FIXME\n某某某公司\nＸＸ市ｘｘ区\n×××\n",
            "请在此处填写\n请在此填写\n此处输入\n在此填写\n此处填入\n请补充\n",
            "( )\n(\t)\n（ ）\n（\t）\n",
            "没有占位符的一行。\n又一行，2024年服务企业1,250家。",
            "末行无换行 XX",
            "",
            "\n\n\nX",
            "yyyy/mm/dd\nYYYY年MM月DD日\n12XX年\n",
            "型号×X\nX×\n××年\n2024年×月×日\n×月×日\nＸ×\nｘ×\n尺寸3×4\n",
            "(  )\n(\t　)\n( ）\n(\t\t)\n(　)\n(a)\n",
            // Triggers found inside their first character, at the text's ends.
            "在此填写",
            "请在此处填写\n末行（ ）",
            "。。。",
            "\n（\t）",
        ];
        for t in texts {
            let (by_line, whole) = both_ways(t);
            assert_eq!(by_line, whole, "{t}");
        }
        let all: String = texts.concat();
        let (by_line, whole) = both_ways(&all);
        assert!(whole.len() > 20, "the cases do hold matches");
        assert_eq!(by_line, whole);
        // Every Markdown file of the repository (examples, docs).
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut read = 0;
        for dir in ["examples", "docs", "standards"] {
            let mut stack = vec![root.join(dir)];
            while let Some(d) = stack.pop() {
                let Ok(entries) = std::fs::read_dir(&d) else { continue };
                for e in entries.flatten() {
                    let p = e.path();
                    if p.is_dir() {
                        stack.push(p);
                    } else if p.extension().is_some_and(|x| x == "md" || x == "yaml") {
                        let text = std::fs::read_to_string(&p).unwrap_or_default();
                        let (by_line, whole) = both_ways(&text);
                        assert_eq!(by_line, whole, "{}", p.display());
                        read += 1;
                    }
                }
            }
        }
        assert!(read > 10);
    }

    /// Every text of up to three characters from those the matcher's alternatives are
    /// made of, each alone, after another line and in a sentence: the lines chosen by the
    /// triggers hold every match.
    #[test]
    fn triggers_cover_every_short_combination() {
        let alphabet = [
            "X", "x", "×", "Ｘ", "ｘ", "年", "月", "日", "(", "（", " ", "\t", "　", ")", "）", "_",
            "＿", ".", "。", "…", "○", "1", "2", "某", "【", "】", "待", "a",
        ];
        let mut checked = 0;
        let mut with_match = 0;
        for a in alphabet {
            for b in alphabet {
                for c in alphabet {
                    let s = format!("{a}{b}{c}");
                    for text in [s.clone(), format!("前一行\n{s}"), format!("共{s}项。\n后一行")] {
                        let (by_line, whole) = both_ways(&text);
                        assert_eq!(by_line, whole, "{text:?}");
                        checked += 1;
                        with_match += usize::from(!whole.is_empty());
                    }
                }
            }
        }
        assert!(checked > 60_000 && with_match > 1_000, "{checked} {with_match}");
    }

    #[test]
    fn scaffold_markers_are_found() {
        let text = "# 服务流程规范\n\n## 一、总则\n\n（待补充）\n\n## 二、服务目录\n\n| 服务项目 | 收费标准 |\n|---|---|\n| （待补充） |  |\n";
        assert_eq!(
            found(text),
            [("（待补充）".to_string(), true), ("（待补充）".to_string(), true)]
        );
    }

    #[test]
    fn each_form_is_found() {
        let cases: &[(&str, &str)] = &[
            ("负责人：待完善", "待完善"),
            ("（此处填写服务受理流程图）", "此处填写"),
            ("联系人：此处输入 name（姓名）", "此处输入"),
            ("负责人：(待补充)", "(待补充)"),
            ("【待完善】", "【待完善】"),
            ("联系电话：XXX，受理地点：XXX。", "XXX"),
            ("本中心位于XX市。", "XX"),
            ("中心名称：某某生产力促进中心", "某某"),
            ("TODO：补充受理登记的具体要求。", "TODO"),
            ("Owner: TBD", "TBD"),
            ("签订日期：____年__月__日", "____"),
            ("修订日期：YYYY-MM-DD", "YYYY-MM-DD"),
            ("发布于20XX年3月。", "20XX年"),
            ("本中心【中心名称】成立于2000年。", "【中心名称】"),
            ("【请插入流程图】", "【请插入流程图】"),
            ("服务内容：……", "……"),
            ("| 项目 | 说明 |\n|---|---|\n| 咨询 | …… |", "……"),
            ("邮箱：xxx@example.com", "xxx"),
            ("编号：XX-XX-0001", "XX-XX-0001"),
            ("受理人签字（　　）", "（　　）"),
            ("联系人：请填写", "请填写"),
            ("签订日期：○○○○年○○月", "○○○○"),
            ("联系人：某某，电话：XXX。", "某某"),
            ("中心为某某公司提供诊断服务。", "某某"),
            ("报告标题为“XX企业诊断报告”。", "XX"),
            ("服务内容：（……）", "……"),
            ("## TODO\n", "TODO"),
            ("## TODO: 优化\n\n* 使用国内镜像\n", "TODO"),
            ("文件名：xxx.md", "xxx"),
        ];
        let wrong: Vec<String> = cases
            .iter()
            .filter_map(|(text, want)| {
                let got = found(text);
                let ok = got.first().is_some_and(|(s, sure)| s == want && *sure);
                (!ok).then(|| format!("{text}: {got:?}"))
            })
            .collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn a_stand_in_in_quoted_speech_is_only_probable() {
        // Words quoted as someone said or a screen showed them.
        assert_eq!(
            found("就像报道里经常说的：\"某某在平凡的岗位上，勤勤恳恳工作了一辈子\"。"),
            [("某某".to_string(), false)]
        );
        assert_eq!(
            found("手机会提示“XXX 在过去三天里获取了你的位置”。"),
            [("XXX".to_string(), false)]
        );
        // A name or title quoted is no speech: a blank, as before.
        assert_eq!(found("报告标题为“XX企业诊断报告”。"), [("XX".to_string(), true)]);
    }

    #[test]
    fn prose_pending_is_only_probable() {
        assert_eq!(
            found("服务受理的具体环节和材料清单待完善。"),
            [("待完善".to_string(), false)]
        );
        assert_eq!(
            found("受理登记表样式待补充。"),
            [("待补充".to_string(), false)]
        );
    }

    #[test]
    fn real_writing_is_not_a_placeholder() {
        let mut wrong = Vec::new();
        for text in [
            "信息化水平有待提高，服务体系尚待完善，专业人才亟待补充。",
            "服务对象请填写《服务申请表》并提交营业执照复印件。",
            "中心提供咨询、培训、检测……等服务。",
            "企业使用 Excel 报送数据，工作服尺码含 XXL。",
            "XX世纪九十年代，我国开始建设生产力促进中心。",
            "中心编号为 HA-XX-0003。",
            "脱敏后的手机号显示为 138XXXX1234，HTTP 5XX 错误须记录。",
            "备份文件命名规则：部门-YYYYMMDD-序号。",
            "日期格式统一为 YYYY-MM-DD。",
            "【案例】为某汽车零部件企业提供精益生产诊断。",
            "运行 `TODO` 检查脚本。",
            "```\nTODO: XXX\n```\n",
            "正文。\n\n___\n\n下文。",
            "| 问题 | 整改状态 |\n|---|---|\n| 台账管理 | 待完善 |\n",
            "## 附件1 服务申请表\n\n| 申请单位 | （请填写） |\n|---|---|\n| 日期 | ____年__月__日 |\n\n申请人：________\n",
            "第八条　责任人填写《企业需求分析表》，报业务股审核。",
            "| 服务项目 | 收费标准 |\n|---|---|\n| 咨询 | 免费 |\n",
            // Found in real regulations and judgments (LawRefBook/Laws).
            "本规定自二○○四年十月一日起施行。",
            "2015年10月，指挥部与赵某某订立了安置补偿协议，载明赵某某家庭共有两口人。",
            "## 常某某诉许某网络服务合同案\n\n石某某与其丈夫梅某某至医院进行治疗。",
            "《工资支付暂行规定》第十三条规定：“用人单位应按以下标准支付工资：……”。",
            "不得使用“如权利要求……所述的……”一类的引用语。",
            "标题包括法院名称和事由，例如：“××人民法院关于××的司法建议书”。",
            // Found in a weekly written for other purposes (ruanyf/weekly).
            "系统告诉你一个词语（比如自行车、眼镜、轮船……），让你画出来。",
            "这个分数（.01123595505...）与斐波那契数列有关。",
            "5、[庞培古城发现古代马匹的......身影](https://www.example.it/pompeii-horse)",
            "-- [斯蒂芬·金](https://example.com/2016/08/according-stephen-king-always-____)",
            "可以在 Steam [购买](https://store.example.com/app/1003360/___ITS_WINTER/)。",
            "吉某某于2019年3月4日提出辞职。",
            "如果阅读如此有教育意义，为什么没有更多的人这样做呢？\n\n……\n\n世界上充满了值得尝试的事情。\n",
            "半山腰的海拔高度，是在2000米左右。\n\n......\n\n经过一天的时间，我终于爬到了山顶。\n",
            // Found in meeting minutes, design documents and a company handbook
            // (PaddlePaddle/community, FIRHQ/RaR).
            "### 3、TODO：\n\n1. 梳理一遍工作流程 @张三\n2. 定期同步研发进展 @李四\n",
            "**chol** (Tensor) – shape is [..., M, M].",
            "建议使用 np.testing.assert_allclose 替代 assertTrue(np.allclose(...))。",
            "调研 UP015 规则（open(..., \"r\") 中的冗余模式）。",
            "功能分支基于 develop 分支建立，命名规则为 feature/xxx。",
            // A how-to's step naming what to type (ustclug/mirrorhelp).
            "    Would you like me to automatically choose some CPAN mirror sites for you? [yes]\n\n此处输入 no\n",
            "出现提示后，此处填写 `y`。",
            "出现提示后，此处填写 `y` 并回车，再输入 `make install`。",
            // Blank forms in an appendix opened by a plain line, as Word exports it
            // (LawRefBook/Laws: 附件2 / 文书样式 / … / ××××年××月××日).
            "## 八、附则\n\n本制度自发布之日起施行。\n\n附件1\n\n投诉登记表\n\n投诉人：____________\n\n登记日期：____年__月__日\n",
            "第二十条 本规定自发布之日起施行。\n\n**附件2 文书样式**\n\n经办人员：________\n\n××××年××月××日\n",
        ] {
            let got = found(text);
            if !got.is_empty() {
                wrong.push(format!("{text}: {got:?}"));
            }
        }
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn a_figure_masked_with_asterisks_is_a_stand_in_and_emphasis_is_not() {
        let masked = [
            ("1-9月，中心服务企业**家，技术合同成交额*亿元。", vec!["**", "*"]),
            ("全年培训企业人员＊＊人次。", vec!["＊＊"]),
            ("投诉可采用口头、电话或书面形式,投诉电话为*****。", vec!["*****"]),
            ("服务热线：****。", vec!["****"]),
        ];
        for (text, want) in masked {
            let got: Vec<String> = found(&format!("# 报告\n\n{text}\n")).into_iter().map(|(t, _)| t).collect();
            assert_eq!(got, want, "{text}");
        }
        for text in [
            "* 规范1：PR标题与commit信息保持一致",
            "- 中心**个**人",
            "全年共服务企业**1,250**家。",
            "中心开展**个人**信用培训。",
            "**服务对象**人数逐年增加。",
            "重点支持**家电**企业。",
            "**一、总则**",
            "服务费按 3*5 元计。",
            "投诉电话：**0755-2669 3018**。",
            "拨打电话**。",
        ] {
            assert!(found(&format!("# 报告\n\n{text}\n\n正文。\n")).is_empty(), "{text}");
        }
    }

    #[test]
    fn hostile_lines_stay_linear() {
        // One long line of candidates, and many short ones: quadratic work would not end.
        let long = "XX-".repeat(300_000) + &"（待补充）".repeat(100_000);
        let many = "## 附件 登记表\n\n".to_string() + &"| ____ | …… |\n".repeat(100_000);
        let start = std::time::Instant::now();
        let hits = scan_document(&doc(&long), &[], &["XX-XX-XX-XX-XX-XX".to_string()]);
        // The X's are one token, reported once (and not allowed: it is longer), then
        // each bracketed marker.
        assert_eq!(hits.len(), 100_001);
        assert_eq!(hits[0].form, Form::StandIn);
        assert!(scan_document(&doc(&many), &[], &[]).is_empty());
        assert!(start.elapsed().as_secs() < 60);
    }

    #[test]
    fn a_stand_in_in_prescribed_wording_is_probable() {
        for text in [
            "第十四条 裁定书以“中华人民共和国××中级人民法院”名义作出，由合议庭成员署名。",
            "第四十二条 信封应当印有明显的“红十字”标志及写明××卫生防疫机构收的字样。",
            "拟设立的代表机构的名称应当为“××律师事务所驻××代表处”；",
            "交通警察应当使用的规范用语是：依据《道路交通安全法》第XX条的规定，对你当场处以XX元的罚款。",
            // The subject a user is told to give a mail (trust14 sc-csu-hpc).
            "将收费详单照片发送至邮箱hpc@csu.edu.cn,邮件标题“xxx用户缴费详单”,平台管理员审核。",
        ] {
            let got = found(text);
            assert!(!got.is_empty() && got.iter().all(|(_, sure)| !sure), "{text}: {got:?}");
        }
        // Elsewhere a stand-in, quoted or not, is certain.
        for text in ["本制度适用于××生产力促进中心。", "联系人：“XXX”，电话另行通知。"] {
            assert_eq!(found(text).first().map(|h| h.1), Some(true), "{text}");
        }
        // The title a mail is sent under (openharmony/community, a committer workflow).
        for text in [
            "现任PMC提名申请人，并以标题“[VOTE] New Committer [Approver/Reviewer] xxx”发送邮件。",
            "非活跃成员自行申请退出，邮件标题为“Inactive [Committer/SIG Leader/PMC] xxx”。",
            // A title's naming rule (mindspore-ai/community, the issue process).
            "- 填写缺陷标题：开发提单：[MS/MI/MD/MA…][网络名/特性名/算子名]xxxxx。",
        ] {
            let got = found(text);
            assert!(!got.is_empty() && got.iter().all(|(_, sure)| !sure), "{text}: {got:?}");
        }
    }

    #[test]
    fn a_template_the_document_gives_is_no_blank() {
        // Under a heading naming a template or an example, with its subsections, and on a
        // line labelled as a format (openharmony/community, a committer workflow).
        let text = "# Committer推举流程\n\n流程说明。\n\n### 1 推举/退出Committer邮件模板：\n\n\
            - 邮件标题：[VOTE] New Committer Approver xxx / Inactive Committer xxx\n\n\
            #### 1.2 贡献举证：\n\n- **参与XXX社区推广**：某某峰会，YYYY-MM-DD\n\n\
            ## 2 公示\n\n- 邮件标题格式：Welcoming to become committer : xxx\n";
        assert_eq!(found(text), []);
        // A date template in an example of what to write (mindspore-ai/community).
        let text = "若涉及对外接口变更，请增加对应的评审结论，如：”已于YYYY/MM/dd在SEG通过评审“。";
        assert_eq!(found(text), []);
        assert_eq!(found("修订日期：YYYY-MM-DD").len(), 1);
        // A template submitted as the document itself, or a section that names none, is
        // still unfilled.
        for text in [
            "# 服务流程规范（模板）\n\n## 服务受理\n\n受理咨询电话：XXX。\n",
            "# 章程\n\n## 联系方式(可选)\n\n- 邮件列表：sig@example.org\n- 微信群：xxx\n",
            "# 章程\n\n## 模板的使用说明\n\n联系人：XXX。\n",
        ] {
            assert_eq!(found(text).first().map(|h| h.1), Some(true), "{text}");
        }
    }

    #[test]
    fn a_note_word_named_or_used_as_a_state_is_no_note() {
        // A workflow's states (mindspore-ai/community, the issue process) and the word
        // named among others (the Python coding guide).
        let text = "### 需求类处理流程\n\n1. 新建ISSUE（TODO），权限范围：社区成员\n\
            2. 拒绝ISSUE（TODO→REJECTED），权限范围：社区成员\n\
            3. 接受ISSUE（TODO -> ACCEPTED）\n\n规则：无效代码直接删除，不要以注释、TODO等方式保留在代码中。\n";
        assert_eq!(found(text), []);
        // A note that opens its own content is one, near states or not.
        for text in [
            "## 服务受理\n\nTODO：补充受理登记的具体要求。\n",
            "## 服务受理\n\n状态由TODO→DONE。\n\n材料清单（TODO：补充）\n",
        ] {
            assert_eq!(found(text).first().map(|h| h.0.as_str()), Some("TODO"), "{text}");
        }
    }

    #[test]
    fn an_appendix_line_opens_a_form_only_where_it_starts_one() {
        // The note listing attachments above the signature opens none: the signature's
        // blank date is a placeholder.
        let note = "本制度自发布之日起施行。\n\n附件：1.服务申请表\n\n深圳市南山区生产力促进中心\n\n××××年××月××日\n";
        assert_eq!(found(note).len(), 1, "{:?}", found(note));
        // Nor a sentence about an attachment; and an appendix ends at the next heading.
        assert_eq!(found("附件中的负责人为XXX。\n").len(), 1);
        let next = "## 八、附则\n\n附件1\n\n服务申请表\n\n## 九、其他\n\n负责人：XXX\n";
        assert_eq!(found(next), vec![("XXX".to_string(), true)]);
        // 附表 and 附录 open one as 附件 does, in markup or not; another word after 附
        // (附注) opens none.
        for opener in ["附表2", "附录A", "**附件3**", "附件"] {
            let text = format!("## 八、附则\n\n{opener}\n\n登记表\n\n登记人：________\n");
            assert!(found(&text).is_empty(), "{text}: {:?}", found(&text));
        }
        let note = "## 八、附则\n\n附注2\n\n登记表\n\n登记人：________\n";
        assert_eq!(found(note).len(), 1, "{:?}", found(note));
    }

    #[test]
    fn empty_tables() {
        let hits = scan_document(
            &doc("## 服务目录\n\n| 服务项目 | 收费标准 |\n|---|---|\n\n正文。\n"),
            &[],
            &[],
        );
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].form, Form::EmptyTable);
        let text = "## 服务目录\n\n| 服务项目 | 收费标准 |\n|---|---|\n|  |  |\n| | |\n";
        let hits = scan_document(&doc(text), &[], &[]);
        assert_eq!(hits.len(), 1, "{hits:?}");
        assert_eq!(&text[hits[0].span.clone()], "| 服务项目 | 收费标准 |");
        // A blank form is not an empty table.
        let form = "## 服务登记表\n\n| 服务项目 | 收费标准 |\n|---|---|\n|  |  |\n";
        assert!(scan_document(&doc(form), &[], &[]).is_empty());
        // Nor is a table that only lays out pictures (a report's figures, centred).
        for figure in [
            "## 成效\n\n| ![image001](/image/2-1.png) |\n|---|\n\n图 2.1 服务企业数\n",
            "## 成效\n\n| ![a](a.png) | ![b](b.png) |\n|:---:|:---:|\n|  |  |\n",
            "## 成效\n\n| [![a](a.png)](a.html) | <img src=\"b.png\"> |\n|---|---|\n",
        ] {
            assert!(scan_document(&doc(figure), &[], &[]).is_empty(), "{figure}");
        }
        // A header of words next to a picture still asks for rows.
        let mixed = "## 成效\n\n| ![a](a.png) | 说明 |\n|---|---|\n";
        assert_eq!(scan_document(&doc(mixed), &[], &[]).len(), 1);
    }

    #[test]
    fn values_patterns_and_allow() {
        assert_eq!(value("XX-XX-0001"), ["XX-XX-0001"]);
        assert_eq!(value("某某市生产力促进中心"), ["某某"]);
        assert_eq!(value("深圳市南山区生产力促进中心"), [] as [&str; 0]);
        assert_eq!(value("GD-SZ-0012"), [] as [&str; 0]);
        assert_eq!(value("待定"), [] as [&str; 0]);
        let hits = scan_value("收费：待定", &["待定".to_string()], &[]);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].form, Form::Custom);
        let hits = scan_value("型号 XX-2000A", &[], &[]);
        assert!(hits.is_empty(), "{hits:?}");
        let hits = scan_value("产品代号 XXX 系列", &[], &["代号 XXX".to_string()]);
        assert!(hits.is_empty(), "{hits:?}");
    }
}
