//! Figures as Chinese prose writes them.
//!
//! The `consistency` check compares a figure stated in a Markdown document
//! (e.g. `全年服务企业1,250家`, `技术合同成交额4.87亿元`, `服务满意度94.3%`)
//! with the metric value reported in YAML. This module finds such statements
//! and decides whether a stated figure agrees with a metric value.
//!
//! Everything here works on `&str` with byte offsets that always fall on char
//! boundaries, never panics, and does bounded work per term occurrence, so a
//! scan is linear in the size of the text.

use std::ops::Range;

/// Unit family a figure is written in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scale {
    Plain,
    Percent,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Numeric value normalised: money normalised to the requested base unit (see below),
    /// percent as a fraction (94.3% -> 0.943), counts as is.
    pub value: f64,
    /// The unit word as written after the number (e.g. "家", "万元", "亿元", "%", "人次"), normalised to half-width.
    pub unit: String,
    /// Byte range in the input text covering the number and its unit.
    pub span: Range<usize>,
    /// Whether the figure was written as exact or approximate (`1,200余家`, `约1,200家`).
    pub approx: Approx,
}

impl Figure {
    /// Unit family of this figure: `Percent` when written with % / ％.
    pub fn scale(&self) -> Scale {
        if self.unit == "%" {
            Scale::Percent
        } else {
            Scale::Plain
        }
    }
}

/// A metric's prose description, from the standard's metric catalogue.
pub struct ProseSpec<'a> {
    /// Words that introduce the figure, e.g. ["服务企业"], ["技术合同成交额"], ["满意度"].
    pub terms: &'a [String],
    /// Wordings that put the figure before its noun (`为{n}企业提供服务`).
    pub frames: &'a [Frame],
    /// Accepted unit words right after the number, e.g. ["家"], ["人次"], ["人","名"], ["%"], ["元"] .
    /// Money: if a unit is "元", then "元", "万元", "亿元" are all accepted and converted.
    pub units: &'a [String],
    /// For money: the unit the metric is stored in ("万元"): found values are converted to it
    /// (4.87亿元 -> 48700 when base is 万元). None for non-money.
    pub money_base: Option<&'a str>,
    /// Percent metric: the stated figure must carry % / ％, value returned as fraction.
    pub percent: bool,
}

/// A wording that puts a metric's figure before its noun, as Chinese often does
/// (`为1,520家企业提供服务`, `拥有8名专职技术经纪人`): written `为{n}企业提供服务`, where
/// `{n}` stands for the number and its unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// The words right before the figure (`为`, `服务`), or none.
    pub before: String,
    /// The noun right after the figure's unit, and the rest of the wording (`企业提供服务`).
    pub after: String,
}

impl Frame {
    /// What stands for the figure in a frame as written.
    pub const SLOT: &'static str = "{n}";
    /// A frame as written, as a JSON Schema pattern: what [`Frame::parse`] accepts.
    pub const PATTERN: &'static str = r"^[^{}]*\{n\}[^{}]*[^{}\s][^{}]*$";

    /// A frame as a standard writes it; `None` when `{n}` is missing or repeated, when
    /// another brace stands in it, or when no noun follows it (a figure before nothing is
    /// no frame). The standard format's schema says the same ([`Frame::PATTERN`]).
    pub fn parse(written: &str) -> Option<Frame> {
        let (before, after) = written.split_once(Self::SLOT)?;
        let (before, after) = (before.trim(), after.trim());
        if after.is_empty() || [before, after].iter().any(|s| s.contains(['{', '}'])) {
            return None;
        }
        Some(Frame {
            before: before.to_string(),
            after: after.to_string(),
        })
    }
}

/// Maximum number of characters between the end of a term and the number.
pub const MAX_GAP_CHARS: usize = 12;

/// Maximum number of characters looked at before a term (same sentence).
pub const MAX_PRE_CHARS: usize = 60;

/// Longest digit run accepted as a number (longer runs are ids, not figures).
const MAX_DIGITS: usize = 24;

/// Characters that end a clause: a figure never spans them.
/// Comma and enumeration comma end a clause too; `|` ends a Markdown table cell.
pub const CLAUSE_STOPS: &[char] = &[
    '。', '；', ';', '！', '？', '!', '?', '\n', '\r', '|', '，', ',', '、',
];

/// Characters that end a sentence: the context of a figure is never read across them.
pub const SENTENCE_STOPS: &[char] = &['。', '；', ';', '！', '？', '!', '?', '\n', '\r', '|'];

// ------------------------------------------------------------------ term boundaries
//
// Chinese has no spaces, so a term found as a substring may be the tail of a longer
// noun (`营业总收入` is not `总收入`, `技术经纪人培训` is a part of `培训`) or the head
// of one (`服务企业家协会`). The rule: the character right before a term must not be a
// CJK ideograph, unless the text before the term ends with a LEAD word (a time scope,
// a quantity particle, the center as subject, or a verb that takes the term as its
// object). The text between the term and its number must consist only of GAP words
// (数, 数量, 为, 达到, 共计...), padding, or a change verb followed by 到/至. Anything
// else (another noun, a measure, a comparison) means the number is not this term's
// value, and nothing is reported.

/// Words that may stand right before a term.
pub const LEAD_WORDS: &[&str] = &[
    "全年", "年内", "年度", "本年", "当年", "今年", "年底", "年末", "年", "共", "共计", "合计",
    "总计", "一共", "累计", "已", "了", "有", "中心", "其中", "实现", "完成", "开展", "组织",
    "举办", "实施", "提供", "促成", "登记", "达成", "各类", "各项",
];

/// Words that may stand between a term and its number.
pub const GAP_WORDS: &[&str] = &[
    "总数",
    "数量",
    "总量",
    "总额",
    "总计",
    "共计",
    "合计",
    "一共",
    "已达到",
    "已达",
    "达到",
    "为",
    "是",
    "达",
    "共",
    "了",
    "数",
];

/// Markers of an approximate figure, written between the term and the number
/// (`服务企业约1,200家`, `超过1,200家`).
const GAP_ABOUT: &[&str] = &["将近", "约为", "大约", "约", "近"];
const GAP_AT_LEAST: &[&str] = &["超过", "逾", "突破", "超"];

/// Verbs of change: followed by 到/至 they introduce the new value
/// (`增加到1,250家`); without it they introduce a difference (`增加了200家`).
const CHANGE_VERBS: &[&str] = &[
    "增加", "增长", "提高", "提升", "上升", "扩大", "下降", "减少", "降低", "回落", "增", "升",
    "降", "减",
];

/// Words anywhere before a term in its sentence that make the figure a plan, a target
/// or a forecast, not a statement of what was done.
pub const PLAN_WORDS: &[&str] = &[
    "目标",
    "力争",
    "计划",
    "预计",
    "预期",
    "拟",
    "争取",
    "确保",
    "将",
    "规划",
    "下一年",
    "下年",
    "明年",
    "来年",
    "今后",
    "未来",
    "下一步",
    "任务",
    "预算",
];

/// Words before a term in its clause that make the figure something other than the
/// center's own total for the year: a change, staff attending training, a sub-group
/// (a place, a department, a project, a period), an average.
pub const PRE_SKIP_WORDS: &[&str] = &[
    "新增",
    "同比",
    "环比",
    "参加",
    "参与",
    "选派",
    "派出",
    "外派",
    "接受",
    "在",
    "面向",
    "针对",
    "对",
    "为",
    "通过",
    "依托",
    "借助",
    "含",
    "包括",
    "包含",
    "季度",
    "半年",
    "项目",
    "活动",
    "专场",
    "部门",
    "分中心",
    "科室",
    "每",
    "均",
];

/// Headings under which figures are plans (`下一年度工作计划`, `2025年工作目标`), unless
/// the heading reports on them (`目标完成情况`).
const PLAN_HEADING_WORDS: &[&str] = &[
    "计划",
    "目标",
    "打算",
    "思路",
    "展望",
    "安排",
    "下一步",
    "下一年",
    "下年",
    "明年",
];
const REPORT_HEADING_WORDS: &[&str] = &["完成", "情况", "成效", "落实", "执行", "回顾", "成果"];

/// Unit words recognised after a number, used for longest match so that an
/// accepted "人" never matches the start of "人次".
const KNOWN_UNITS: &[&str] = &[
    "个工作日",
    "工作日",
    "个百分点",
    "百分点",
    "人次",
    "人天",
    "人日",
    "人年",
    "场次",
    "项次",
    "批次",
    "家次",
    "户次",
    "个月",
    "年度",
    "小时",
    "年",
    "月",
    "日",
    "天",
    "周",
    "元",
    "家",
    "户",
    "人",
    "名",
    "位",
    "场",
    "期",
    "次",
    "项",
    "件",
    "个",
    "所",
    "分",
    "倍",
    "台",
    "套",
    "篇",
    "%",
];

/// A number as lexed from text, before scaling.
#[derive(Debug, Clone)]
struct RawNumber {
    /// Mantissa digits in ASCII (integer and fraction digits, no separators).
    digits: String,
    /// Number of fraction digits in `digits`.
    frac_len: i32,
    /// Decimal exponent of the multiplier (万 -> 4, 亿 -> 8).
    mult_exp: i32,
    /// The multiplier as written ("", "千", "万", "亿", "万亿").
    mult_text: &'static str,
    /// Written with % / ％.
    percent: bool,
    /// Leading minus sign.
    negative: bool,
    /// Byte offset just after the number (multiplier and percent sign included).
    end: usize,
}

impl RawNumber {
    /// The value times 10^`extra_exp`, computed from the decimal digits so that
    /// 4.87亿 is exactly 487000000.0.
    fn value(&self, extra_exp: i32) -> Option<f64> {
        let exp = self.mult_exp - self.frac_len + extra_exp - if self.percent { 2 } else { 0 };
        let v: f64 = format!("{}e{}", self.digits, exp).parse().ok()?;
        if !v.is_finite() {
            return None;
        }
        Some(if self.negative { -v } else { v })
    }
}

/// ASCII value of a half- or full-width decimal digit.
pub(crate) fn digit_value(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '０'..='９' => Some((c as u32 - '０' as u32) as u8),
        _ => None,
    }
}

fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

/// Normalise full-width ASCII variants (％, ．, ０-９, Ａ-Ｚ...) to half-width.
pub fn to_half_width(s: &str) -> String {
    half_width(s).into_owned()
}

/// [`to_half_width`], borrowing `s` when it has no full-width character (most texts):
/// nothing is copied.
pub fn half_width(s: &str) -> std::borrow::Cow<'_, str> {
    if !s
        .chars()
        .any(|c| matches!(c, '\u{ff01}'..='\u{ff5e}' | '\u{3000}'))
    {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(folded_half_width(s))
}

/// The folding itself, copying `s`.
fn folded_half_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

/// Lex a number starting exactly at byte `start` of `text` (which must be a
/// char boundary). Accepts digit grouping with `,` / `，` (groups of three),
/// a decimal point `.` / `．`, a 千/万/亿/万亿 multiplier, or a % / ％ sign.
fn lex_number(text: &str, start: usize, allow_sign: bool) -> Option<RawNumber> {
    let tail = text.get(start..)?;
    // Bounded look-ahead: a number plus multiplier never needs more.
    let chars: Vec<(usize, char)> = tail.char_indices().take(MAX_DIGITS * 2 + 8).collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let mut i = 0;
    let mut negative = false;
    if allow_sign {
        match at(0) {
            Some('-') | Some('－') | Some('−') => {
                negative = true;
                i = 1;
            }
            Some('+') | Some('＋') => i = 1,
            _ => {}
        }
    }
    let mut digits = String::new();
    let mut group_len = 0usize;
    let mut grouped = false;
    while let Some(c) = at(i) {
        if let Some(d) = digit_value(c) {
            digits.push((b'0' + d) as char);
            group_len += 1;
            i += 1;
            continue;
        }
        if c == ',' || c == '，' {
            let first_ok = if grouped {
                group_len == 3
            } else {
                (1..=3).contains(&group_len)
            };
            let next3 = (1..=3).all(|k| at(i + k).is_some_and(is_digit));
            let fourth_not_digit = !at(i + 4).is_some_and(is_digit);
            if first_ok && next3 && fourth_not_digit {
                grouped = true;
                group_len = 0;
                i += 1;
                continue;
            }
        }
        break;
    }
    if digits.is_empty() || digits.len() > MAX_DIGITS {
        return None;
    }
    let mut frac_len = 0i32;
    if matches!(at(i), Some('.') | Some('．')) && at(i + 1).is_some_and(is_digit) {
        i += 1;
        while let Some(d) = at(i).and_then(digit_value) {
            digits.push((b'0' + d) as char);
            frac_len += 1;
            i += 1;
        }
        if digits.len() > MAX_DIGITS {
            return None;
        }
    }
    let (mult_exp, mult_text, mult_chars) = match (at(i), at(i + 1)) {
        (Some('万'), Some('亿')) => (12, "万亿", 2),
        (Some('亿'), _) => (8, "亿", 1),
        (Some('万'), _) => (4, "万", 1),
        (Some('千'), _) => (3, "千", 1),
        _ => (0, "", 0),
    };
    i += mult_chars;
    let mut percent = false;
    if mult_chars == 0 && matches!(at(i), Some('%') | Some('％')) {
        percent = true;
        i += 1;
    }
    let end = start + chars.get(i).map(|&(o, _)| o).unwrap_or(tail.len());
    Some(RawNumber {
        digits,
        frac_len,
        mult_exp,
        mult_text,
        percent,
        negative,
        end,
    })
}

/// Parse a Chinese-numeral integer such as 四十二, 一百二十, 三千五百万, 两亿.
/// Returns None for anything else.
pub fn parse_cn_numeral(s: &str) -> Option<f64> {
    let mut total = 0f64; // completed 亿 / 万 sections
    let mut section = 0f64; // below 万
    let mut num: Option<f64> = None; // pending digit
    let mut any = false;
    for c in s.chars() {
        let d = match c {
            '零' | '〇' => Some(0.0),
            '一' | '壹' => Some(1.0),
            '二' | '两' | '贰' => Some(2.0),
            '三' | '叁' => Some(3.0),
            '四' | '肆' => Some(4.0),
            '五' | '伍' => Some(5.0),
            '六' | '陆' => Some(6.0),
            '七' | '柒' => Some(7.0),
            '八' | '捌' => Some(8.0),
            '九' | '玖' => Some(9.0),
            _ => None,
        };
        if let Some(d) = d {
            num = Some(d);
            any = true;
            continue;
        }
        let small = match c {
            '十' | '拾' => Some(10.0),
            '百' | '佰' => Some(100.0),
            '千' | '仟' => Some(1000.0),
            _ => None,
        };
        if let Some(u) = small {
            let n = match num {
                Some(n) => n,
                None if u == 10.0 => 1.0,
                None => return None,
            };
            section += n * u;
            num = None;
            any = true;
            continue;
        }
        match c {
            '万' => {
                let v = section + num.unwrap_or(0.0);
                if v == 0.0 {
                    return None;
                }
                total += v * 1e4;
            }
            '亿' => {
                let v = total + section + num.unwrap_or(0.0);
                if v == 0.0 {
                    return None;
                }
                total = v * 1e8;
            }
            _ => return None,
        }
        section = 0.0;
        num = None;
    }
    if !any {
        return None;
    }
    Some(total + section + num.unwrap_or(0.0))
}

/// Parse one number as people write it: "1,250", "1250", "4.87", full-width digits "１２５０",
/// full-width punctuation "，" "．", with optional 万/亿 multipliers ("4.87亿" -> 487000000.0,
/// "3,256万" -> 32560000.0), percent with % or ％ ("94.3%" -> 0.943). Returns None when not a number.
pub fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Some(raw) = lex_number(s, 0, true) {
        if raw.end == s.len() {
            return raw.value(0);
        }
        return None;
    }
    parse_cn_numeral(s)
}

/// Decimal exponent of a money unit: 元 -> 0, 千元 -> 3, 万元 -> 4, 亿元 -> 8.
pub fn money_unit_exp(unit: &str) -> Option<i32> {
    match to_half_width(unit.trim()).as_str() {
        "元" => Some(0),
        "千元" => Some(3),
        "万元" => Some(4),
        "亿元" => Some(8),
        "万亿元" => Some(12),
        _ => None,
    }
}

fn is_percent_unit(u: &str) -> bool {
    matches!(u.trim(), "%" | "％")
}

fn contains_any(hay: &str, words: &[&str]) -> bool {
    words.iter().any(|w| hay.contains(w))
}

/// [`contains_any`] for a word list read at every statement: the list compiled once into
/// one search (a search per word was most of the consistency rule's time).
fn contains_any_of(
    hay: &str,
    words: &'static [&'static str],
    set: &'static std::sync::OnceLock<regex::Regex>,
) -> bool {
    set.get_or_init(|| {
        let alternation: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
        regex::Regex::new(&alternation.join("|")).expect("escaped words")
    })
    .is_match(hay)
}

/// Whether `hay` holds one of [`PLAN_WORDS`].
fn names_a_plan(hay: &str) -> bool {
    static SET: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    contains_any_of(hay, PLAN_WORDS, &SET)
}

/// Whether `hay` holds one of [`PRE_SKIP_WORDS`].
fn names_a_pre_skip(hay: &str) -> bool {
    static SET: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    contains_any_of(hay, PRE_SKIP_WORDS, &SET)
}

/// Longest unit word at the start of `rest`, among the known units and `extra`.
fn longest_unit<'t>(rest: &'t str, extra: &[String]) -> Option<&'t str> {
    let mut best = 0usize;
    for u in KNOWN_UNITS
        .iter()
        .copied()
        .chain(extra.iter().map(|s| s.as_str()))
    {
        if !u.is_empty() && u.len() > best && rest.starts_with(u) {
            best = u.len();
        }
    }
    if best == 0 {
        None
    } else {
        rest.get(..best)
    }
}

/// What a spec accepts, normalised once per call.
struct Accept {
    /// Accepted non-money unit words (half-width).
    words: Vec<String>,
    money: bool,
    /// Decimal exponent of the money base (万元 -> 4).
    base_exp: i32,
    percent: bool,
}

impl Accept {
    fn new(spec: &ProseSpec) -> Accept {
        let mut words = Vec::new();
        let mut money = false;
        let mut percent = spec.percent;
        for u in spec.units {
            let u = to_half_width(u.trim());
            if u.is_empty() {
                continue;
            }
            if is_percent_unit(&u) {
                percent = true;
            } else if money_unit_exp(&u).is_some() {
                money = true;
            } else {
                words.push(u);
            }
        }
        let base_exp = spec.money_base.and_then(money_unit_exp);
        if base_exp.is_some() {
            money = true;
        }
        Accept {
            words,
            money,
            base_exp: base_exp.unwrap_or(0),
            percent,
        }
    }
}

fn is_ideograph(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}' | '〇')
}

/// A Chinese numeral digit or unit character (一, 两, 十, 百, 千, 万, 亿...).
fn is_cn_numeral(c: char) -> bool {
    matches!(
        c,
        '零' | '〇'
            | '一'
            | '二'
            | '两'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '千'
            | '万'
            | '亿'
            | '壹'
            | '贰'
            | '叁'
            | '肆'
            | '伍'
            | '陆'
            | '柒'
            | '捌'
            | '玖'
            | '拾'
            | '佰'
            | '仟'
    )
}

/// Value of a Chinese digit character used in years (二〇二四).
fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Padding allowed around numbers and between gap words: spaces, Markdown emphasis, colons.
fn is_pad(c: char) -> bool {
    matches!(c, ' ' | '\u{3000}' | '\t' | '*' | '`' | '_' | '：' | ':')
}

/// The sentence text just before byte `pos` (at most `MAX_PRE_CHARS` chars).
fn sentence_before(text: &str, pos: usize) -> &str {
    let head = match text.get(..pos) {
        Some(h) => h,
        None => return "",
    };
    let mut start = pos;
    for (n, (o, c)) in head.char_indices().rev().enumerate() {
        if n >= MAX_PRE_CHARS || SENTENCE_STOPS.contains(&c) {
            break;
        }
        start = o;
    }
    head.get(start..).unwrap_or("")
}

/// The last clause of `sentence` (after its last comma or enumeration comma).
fn last_clause(sentence: &str) -> &str {
    match sentence.rfind(CLAUSE_STOPS) {
        Some(i) => {
            let c = sentence[i..].chars().next().map_or(1, char::len_utf8);
            &sentence[i + c..]
        }
        None => sentence,
    }
}

/// Which year a stretch of text speaks of, as far as it says.
#[derive(Debug, Clone, Copy, PartialEq)]
enum When {
    /// No year named (or none that can be placed).
    Unknown,
    /// The reporting year (`2024年`, `今年`, `本年度`).
    This,
    /// An earlier or later year (`2023年`, `去年`, `上年`, `明年`, `2025年`).
    Other,
}

/// The year named last in `s`: a four-digit year before 年 (二〇二三年 too), or a word
/// such as 去年 / 上年 / 明年 / 今年. `上年` after 较 / 比 / 与 / 同 is a comparison
/// (`与上年相比`), not the year a figure belongs to. Without a reporting year, numeric
/// years are not placed.
fn year_named(s: &str, year: Option<i32>) -> When {
    const WORDS: &[(&str, When)] = &[
        ("去年", When::Other),
        ("上一年", When::Other),
        ("上年", When::Other),
        ("前年", When::Other),
        ("往年", When::Other),
        ("明年", When::Other),
        ("来年", When::Other),
        ("下一年", When::Other),
        ("下年", When::Other),
        ("今年", When::This),
        ("本年", When::This),
    ];
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut last = When::Unknown;
    for (k, &(i, _)) in chars.iter().enumerate() {
        let rest = &s[i..];
        for &(w, when) in WORDS {
            if rest.starts_with(w) {
                let comparison = w == "上年"
                    && k > 0
                    && matches!(chars[k - 1].1, '较' | '比' | '与' | '同' | '相');
                if !comparison {
                    last = when;
                }
            }
        }
        // A four-digit year: digits not preceded by a digit, followed by 年.
        if k > 0 && (digit_value(chars[k - 1].1).is_some() || cn_digit(chars[k - 1].1).is_some()) {
            continue;
        }
        let ds: Option<Vec<u32>> = chars
            .get(k..k + 4)
            .map(|w| {
                w.iter()
                    .map(|&(_, c)| digit_value(c).map(u32::from).or_else(|| cn_digit(c)))
                    .collect()
            })
            .and_then(|v: Vec<Option<u32>>| v.into_iter().collect());
        if let (Some(ds), Some(&(_, '年'))) = (ds, chars.get(k + 4)) {
            let y = ds.iter().fold(0i32, |a, &d| a * 10 + d as i32);
            if let Some(report) = year {
                last = if y == report { When::This } else { When::Other };
            }
        }
    }
    last
}

/// Whether the clause names a department (`技术转移部`, `企业服务部`); `全部` is all.
fn names_a_department(clause: &str) -> bool {
    let mut prev = None;
    for c in clause.chars() {
        if c == '部' && prev != Some('全') {
            return true;
        }
        prev = Some(c);
    }
    false
}

/// Words before a term in its clause that make the figure a whole area's or sector's
/// total (`全省生产力促进中心共服务企业3.2万家`), not the center's own.
const AREA_WORDS: &[&str] = &[
    "全国",
    "全省",
    "全市",
    "全区",
    "全县",
    "全州",
    "全镇",
    "全旗",
    "全盟",
    "全行业",
    "全社会",
    "全球",
    "各地",
    "各省",
    "各市",
    "各区",
    "各县",
    "本省",
    "本市",
    "本区",
    "本县",
];

/// Whether the clause gives the figure of an area rather than of the center: an
/// area-wide word (`全省`, `本市`), or a place name (`南山区全年技术合同成交额…`, `深圳市…`)
/// that is not the start of the center's own name (`深圳市南山区生产力促进中心全年…`).
/// Reports cite their region's totals beside their own.
fn names_an_area(clause: &str) -> bool {
    if contains_any(clause, AREA_WORDS) {
        return true;
    }
    let mut prev = None;
    let mut chars = clause.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let place = matches!(c, '省' | '市' | '区' | '县' | '州')
            && prev.is_some_and(is_ideograph)
            // 市场, 市值, 市民, 区别, 区分, 省份 are no place.
            && !matches!(next, Some('场' | '值' | '民' | '别' | '分' | '份'));
        if place && !clause[at..].contains("中心") {
            return true;
        }
        prev = Some(c);
    }
    false
}

/// Whether the clause names a month other than the end of the year (`3月`, `一季度`
/// is caught by PRE_SKIP_WORDS): a monthly figure is not the year's.
fn names_a_month(clause: &str) -> bool {
    clause.contains('月')
        && !["12月31日", "12月底", "12月末", "十二月"]
            .iter()
            .any(|w| clause.contains(w))
}

/// How exactly a figure is stated.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Approx {
    /// `1,250家`.
    Exact,
    /// `1,200余家`, `1,200多家`: at least the value, below the next step of its last digit.
    Over,
    /// `超过1,200家`, `1,200家以上`: a lower bound only.
    AtLeast,
    /// `约1,200家`, `近1,200家`, `1,200家左右`: within about ten percent.
    About,
}

/// The longest word of `words` that `rest` starts with.
fn starts_with_any<'w>(rest: &str, words: &[&'w str]) -> Option<&'w str> {
    words
        .iter()
        .copied()
        .filter(|w| !w.is_empty() && rest.starts_with(w))
        .max_by_key(|w| w.len())
}

/// A change verb followed by 到 / 至 at the start of `rest`: the byte length of both.
fn change_to(rest: &str) -> Option<usize> {
    let mut p = 0;
    if let Some(v) = starts_with_any(rest, CHANGE_VERBS) {
        p = v.len();
    }
    let r = rest.get(p..)?;
    let c = r.chars().next()?;
    if matches!(c, '到' | '至') {
        Some(p + c.len_utf8())
    } else {
        None
    }
}

/// What the gap between a term and its number says.
struct Gap {
    num_start: usize,
    /// `由 / 从`: the first number is the old value; the statement is the one after 到 / 至.
    from: bool,
    approx: Approx,
}

/// Read the gap after a term: only GAP_WORDS, padding, approximation markers, a unit
/// word used as a label (`培训人次3,200`), `由 / 从 ...` or a change verb with 到 / 至.
fn read_gap(text: &str, term_end: usize, acc: &Accept) -> Option<Gap> {
    let mut p = term_end;
    let mut n = 0usize;
    let mut approx = Approx::Exact;
    let mut from = false;
    loop {
        let rest = text.get(p..)?;
        let c = rest.chars().next()?;
        if is_digit(c) {
            return Some(Gap {
                num_start: p,
                from,
                approx,
            });
        }
        if n >= MAX_GAP_CHARS || CLAUSE_STOPS.contains(&c) {
            return None;
        }
        if from {
            // Anything up to the old value (`由上年的1,100家`): it is not compared.
            if is_cn_numeral(c) {
                return Some(Gap {
                    num_start: p,
                    from,
                    approx,
                });
            }
            p += c.len_utf8();
            n += 1;
            continue;
        }
        let (len, chars) = if is_pad(c) {
            (c.len_utf8(), 1)
        } else if matches!(c, '由' | '从') {
            from = true;
            (c.len_utf8(), 1)
        } else if let Some(l) = change_to(rest) {
            (l, rest[..l].chars().count())
        } else if let Some(w) = starts_with_any(rest, GAP_ABOUT) {
            approx = Approx::About;
            (w.len(), w.chars().count())
        } else if let Some(w) = starts_with_any(rest, GAP_AT_LEAST) {
            approx = Approx::AtLeast;
            (w.len(), w.chars().count())
        } else if let Some(w) = starts_with_any(rest, GAP_WORDS) {
            (w.len(), w.chars().count())
        } else if let Some(w) = acc
            .words
            .iter()
            .filter(|w| !w.is_empty() && rest.starts_with(w.as_str()))
            .max_by_key(|w| w.len())
        {
            (w.len(), w.chars().count())
        } else if is_cn_numeral(c) {
            return Some(Gap {
                num_start: p,
                from,
                approx,
            });
        } else {
            return None;
        };
        p += len;
        n += chars;
    }
}

/// A Chinese-numeral number at `start` (`一千四百五十`): its value, the trailing
/// multiplier as written (万 / 亿 / 万亿, for the figure's unit) and its end.
fn lex_cn_number(text: &str, start: usize) -> Option<(f64, &'static str, usize)> {
    let tail = text.get(start..)?;
    let mut end = start;
    let mut prev_digit = false;
    for (n, (o, c)) in tail.char_indices().enumerate() {
        if n >= 16 || !is_cn_numeral(c) {
            break;
        }
        // Two digits in a row (二〇二四) are a year or a code, not a quantity.
        let digit = cn_digit(c).is_some() || matches!(c, '两');
        if digit && prev_digit {
            return None;
        }
        prev_digit = digit && !matches!(c, '零' | '〇');
        end = start + o + c.len_utf8();
    }
    let run = text.get(start..end)?;
    let value = parse_cn_numeral(run)?;
    let mult = if run.ends_with("万亿") {
        "万亿"
    } else if run.ends_with('亿') {
        "亿"
    } else if run.ends_with('万') {
        "万"
    } else {
        ""
    };
    Some((value, mult, end))
}

/// The figure (number and accepted unit) starting at `num_start`, if any.
fn read_figure(text: &str, num_start: usize, acc: &Accept) -> Option<Figure> {
    let first = text.get(num_start..)?.chars().next()?;
    // Digits, or a Chinese numeral: (value at scale 0, multiplier text, percent, end).
    let (raw, cn) = if is_digit(first) {
        (Some(lex_number(text, num_start, false)?), None)
    } else {
        (None, Some(lex_cn_number(text, num_start)?))
    };
    if let Some(raw) = &raw {
        if raw.percent {
            if !acc.percent {
                return None;
            }
            return Some(Figure {
                value: raw.value(0)?,
                unit: "%".to_string(),
                span: num_start..raw.end,
                approx: Approx::Exact,
            });
        }
    }
    if acc.percent {
        // A percent metric must be stated with a percent sign.
        return None;
    }
    let num_end = match (&raw, &cn) {
        (Some(r), _) => r.end,
        (_, Some((_, _, e))) => *e,
        _ => return None,
    };
    let mult_text = match (&raw, &cn) {
        (Some(r), _) => r.mult_text,
        (_, Some((_, m, _))) => m,
        _ => "",
    };
    let value_at = |extra_exp: i32| -> Option<f64> {
        match (&raw, &cn) {
            (Some(r), _) => r.value(extra_exp),
            (_, Some((v, _, _))) => {
                let v = v * 10f64.powi(extra_exp);
                v.is_finite().then_some(v)
            }
            _ => None,
        }
    };
    // Unit: allow a little padding (spaces, Markdown emphasis) and an
    // approximation marker (1,200余家 / 1,200多家) before the unit word.
    let mut p = num_end;
    let mut pads = 0;
    while let Some(c) = text.get(p..).and_then(|t| t.chars().next()) {
        if pads < 3 && matches!(c, ' ' | '\u{3000}' | '*' | '`') {
            p += c.len_utf8();
            pads += 1;
        } else {
            break;
        }
    }
    let mut rest = text.get(p..)?;
    let mut approx = Approx::Exact;
    if let Some(c @ ('余' | '多')) = rest.chars().next() {
        rest = rest.get(c.len_utf8()..)?;
        p += c.len_utf8();
        approx = Approx::Over;
    }
    let word = longest_unit(rest, &acc.words)?;
    let unit_end = p + word.len();
    let written = format!("{}{}", mult_text, word);
    let value = if acc.money && word == "元" {
        value_at(-acc.base_exp)?
    } else if acc.words.iter().any(|w| w == word || *w == written) {
        value_at(0)?
    } else {
        return None;
    };
    Some(Figure {
        value,
        unit: to_half_width(&written),
        span: num_start..unit_end,
        approx,
    })
}

/// After a first figure: `增加到1,250家` / `至1,250家` — the new value, if stated.
/// `Err(())` when a change to something unreadable follows (nothing is then reported).
fn read_new_value(text: &str, after: usize, acc: &Accept) -> Result<Option<Figure>, ()> {
    let Some(mut rest) = text.get(after..) else {
        return Ok(None);
    };
    let mut p = after;
    while let Some(c) = rest.chars().next().filter(|&c| is_pad(c)) {
        p += c.len_utf8();
        rest = &rest[c.len_utf8()..];
    }
    let Some(l) = change_to(rest) else {
        return Ok(None);
    };
    p += l;
    let mut n = 0;
    while let Some(c) = text.get(p..).and_then(|t| t.chars().next()) {
        if is_digit(c) || is_cn_numeral(c) {
            return read_figure(text, p, acc).map(Some).ok_or(());
        }
        // 增加到了 / 提高至目前的: a few characters of padding at most.
        if n >= 4 || CLAUSE_STOPS.contains(&c) {
            return Err(());
        }
        p += c.len_utf8();
        n += 1;
    }
    Err(())
}

/// The year a table's column (or row) heading gives its figures for, in a table of
/// figures by year (`2024年`, `2024年度`, `2024年完成值`, `本年度` or `完成值` in the
/// reporting year, `上年` before it); `None` for a target, a change or anything else
/// (`2024年目标`, `目标值`, `较上年增长`, `增幅`, `累计完成`).
pub fn year_of_heading(heading: &str, year: Option<i32>) -> Option<i32> {
    let h: String = heading
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '_' | '`'))
        .collect();
    let h = half_width(&h).into_owned();
    // What may follow the year: it states what was done in it.
    let done = |rest: &str| {
        let rest = rest.trim_start_matches("年度").trim_start_matches('年');
        let rest = rest.trim_start_matches("实际").trim_start_matches("完成");
        matches!(
            rest,
            "" | "值" | "数" | "情况" | "数据" | "实绩" | "完成值" | "(实际)" | "（实际）"
        )
    };
    let digits: String = h.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() == 4 && done(&h[4..]) {
        return digits.parse().ok().filter(|y| (1900..=2100).contains(y));
    }
    let y = year?;
    // A column of what was done, in a report on the year (`| 指标 | 目标值 | 完成值 |`).
    if matches!(
        h.as_str(),
        "完成值" | "实际完成" | "实际完成值" | "完成数" | "实际值" | "完成情况"
    ) {
        return Some(y);
    }
    for (word, delta) in [
        ("本年", 0),
        ("今年", 0),
        ("当年", 0),
        ("上年", 1),
        ("去年", 1),
    ] {
        if let Some(rest) = h.strip_prefix(word) {
            if done(rest) {
                return Some(y - delta);
            }
        }
    }
    None
}

/// A table's row (or column) label as read: its name, and the unit it gives in brackets
/// at the end (`服务企业数（家）`: `服务企业数`, `家`).
#[derive(Debug, Clone)]
pub struct TableLabel {
    name: String,
    pub unit: Option<String>,
}

impl TableLabel {
    pub fn read(label: &str) -> TableLabel {
        let label: String = label
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '_' | '`'))
            .collect();
        let label = half_width(&label).into_owned();
        if let Some(open) = label.strip_suffix(')') {
            if let Some(i) = open.rfind('(') {
                let unit = &open[i + 1..];
                return TableLabel {
                    name: open[..i].to_string(),
                    unit: (!unit.is_empty()).then(|| unit.to_string()),
                };
            }
        }
        TableLabel {
            name: label,
            unit: None,
        }
    }

    /// Whether the label names the metric itself (`服务企业数（家）`, `技术合同成交额（万元）`,
    /// `服务满意度`), not a part, a change or a target of it (`其中：线上培训`,
    /// `服务企业增长率`).
    pub fn names(&self, spec: &ProseSpec) -> bool {
        let name = self.name.as_str();
        spec.terms.iter().any(|term| {
            let term = half_width(term);
            // A label is short: a plain scan costs less than setting up a substring search.
            let at = match term.len() {
                0 => None,
                n => name
                    .as_bytes()
                    .windows(n)
                    .position(|w| w == term.as_bytes()),
            };
            at.is_some_and(|i| {
                let (lead, rest) = (&name[..i], &name[i + term.len()..]);
                let lead_ok = lead.is_empty() || LEAD_WORDS.contains(&lead);
                let rest_ok = rest.is_empty()
                    || ["数", "总数", "数量", "总额", "总量", "合计"].contains(&rest)
                    || spec.units.iter().any(|u| half_width(u) == rest);
                lead_ok && rest_ok
            })
        })
    }
}

/// Reads the cells of a table for one metric, its units made ready once.
pub struct CellReader {
    acc: Accept,
}

impl CellReader {
    pub fn new(spec: &ProseSpec) -> CellReader {
        CellReader {
            acc: Accept::new(spec),
        }
    }

    /// The figure a table cell states for the metric its label names ([`TableLabel`]): a
    /// number with the cell's own unit or, without one, the label's `unit`; a bare count
    /// takes the metric's unit, bare money and percentages are not read (元 or 万元? 94.3
    /// or 0.943?). The span is within `cell`; `None` when unsure.
    pub fn figure(&self, cell: &str, unit: Option<&str>) -> Option<Figure> {
        let acc = &self.acc;
        let markup = |c: char| c.is_whitespace() || matches!(c, '*' | '_' | '`');
        let start = cell.len() - cell.trim_start_matches(markup).len();
        let cell = cell.trim_matches(markup);
        let whole = |text: &str| {
            read_figure(text, 0, acc)
                .filter(|f| f.span.end == text.len() && f.approx == Approx::Exact)
        };
        if !cell.starts_with(|c: char| is_digit(c) || is_cn_numeral(c)) {
            return None;
        }
        if let Some(mut f) = whole(cell) {
            f.span = start + f.span.start..start + f.span.end;
            return Some(f);
        }
        let unit = match unit {
            Some(u) => u,
            None if !acc.money && !acc.percent => acc.words.first()?,
            None => return None,
        };
        let with_unit = format!("{cell}{unit}");
        let mut f = whole(&with_unit)?;
        f.span = start..start + cell.len();
        Some(f)
    }
}

/// Whether a statement of a term stands as a term: the character before it is not an
/// ideograph, or the clause ends with a LEAD word (see the comment on LEAD_WORDS).
fn stands_as_term(clause: &str) -> bool {
    match clause.chars().next_back() {
        None => true,
        Some(c) if !is_ideograph(c) => true,
        Some(_) => LEAD_WORDS.iter().any(|w| clause.ends_with(w)),
    }
}

/// Whether a statement is a part of a whole already stated for the same metric
/// (`培训3,200人次，其中线上培训1,200人次`, `其中培训技术经纪人400人次`): one of `names` (the
/// metric's terms, or the nouns its frames count) before 其中 / 含 / 包括 in the sentence.
/// A 其中 that divides another total (`总收入2,860万元，其中财政收入1,100万元`) does not count.
fn part_of_stated_whole<'w>(sentence: &str, names: impl Iterator<Item = &'w str> + Clone) -> bool {
    ["其中", "含", "包括", "包含"].iter().any(|mark| {
        sentence.rfind(mark).is_some_and(|i| {
            let before = &sentence[..i];
            names.clone().any(|t| !t.is_empty() && before.contains(t))
        })
    })
}

/// A 累计 (cumulative) total is the year's only when scoped to it (`全年累计`,
/// `2024年累计`); otherwise (`累计服务企业8,000家`, since founding) it is not.
fn cumulative_beyond_year(clause: &str, year: Option<i32>) -> bool {
    let Some(i) = clause.find("累计") else {
        return false;
    };
    let before = &clause[..i];
    let scoped = ["全年", "年内", "本年", "今年", "年度"]
        .iter()
        .any(|w| before.contains(w))
        || year_named(before, year) == When::This;
    !scoped
}

/// Whether the sentence counts from a point before the reporting year (`成立以来`,
/// `建站至今`, `历年`): its figure is a total over the years, not the year's. Counting from
/// within the year (`2024年以来`, `今年以来`) is the year's.
fn since_beyond_year(sentence: &str, year: Option<i32>) -> bool {
    if sentence.contains("历年") {
        return true;
    }
    ["以来", "至今", "迄今"].iter().any(|mark| {
        sentence.find(mark).is_some_and(|i| {
            let from = &sentence[..i];
            year_named(from, year) != When::This
                && !["今年", "年初", "本年", "全年", "年内"]
                    .iter()
                    .any(|w| from.contains(w))
        })
    })
}

/// How far back in its paragraph a figure's period is looked for, in bytes.
const PARAGRAPH_BACK: usize = 4096;

/// Whether the paragraph before `pos` tells of a span of years (`五年来`, `这五年`,
/// `近三年`, `过去五年`, `“十四五”时期`): its figures, from X to Y or reached, are of the
/// span, not of one year.
fn told_of_years(text: &str, pos: usize) -> bool {
    let mut start = pos.saturating_sub(PARAGRAPH_BACK);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let before = &text[start..pos];
    let para =
        memchr::memmem::rfind(before.as_bytes(), b"\n\n").map_or(before, |i| &before[i + 2..]);
    let numeral = |c: char| "两二三四五六七八九十几多数".contains(c);
    // A count of years before 年 (not 一年, not a year's digits): 五年来, 三年间, 这五年,
    // 近三年, 过去5年.
    // 年 is E5 B9 B4: its last byte found by memchr, the two before it checked.
    let bytes = para.as_bytes();
    let years = memchr::memchr_iter(0xB4, bytes)
        .filter(|&i| i >= 2 && bytes[i - 2] == 0xE5 && bytes[i - 1] == 0xB9)
        .map(|i| i - 2);
    let counted = years.into_iter().any(|i| {
        let head = &para[..i];
        let rest = &para[i + '年'.len_utf8()..];
        let mut lead = head.trim_end_matches(numeral);
        if lead.len() == head.len() {
            let l = head.trim_end_matches(|c: char| c.is_ascii_digit());
            // One digit only: 2025年 is a year.
            if head.len() - l.len() != 1 || head.ends_with(['0', '1']) {
                return false;
            }
            lead = l;
        }
        let lead = lead.trim_end();
        rest.starts_with(['来', '间', '里'])
            || ["这", "近", "过去", "最近", "前"]
                .iter()
                .any(|w| lead.ends_with(w))
    });
    // A five-year plan's period: “十四五”时期, 十三五期间.
    let period = |w: &str| {
        // Rare words: looked for only where 五 is.
        para.contains('五')
            && memchr::memmem::find_iter(bytes, w.as_bytes()).any(|i| {
                let rest = para[i + w.len()..].trim_start_matches(['”', '"', '’', '\'']);
                ["时期", "期间", "以来"].iter().any(|p| rest.starts_with(p))
            })
    };
    counted || period("十四五") || period("十三五")
}

/// Whether a sentence places its figures in the reporting year itself (`2024年`, `全年`,
/// `今年`, `年内`), whatever period its paragraph opened with.
fn of_the_year(sentence: &str, year: Option<i32>) -> bool {
    year_named(sentence, year) == When::This
        || ["全年", "年内", "本年度", "今年"]
            .iter()
            .any(|w| sentence.contains(w))
}

/// Whether what is written before `lead` (a term, or the words of a frame) in its
/// sentence lets the figure after it be the reporting year's own total: it is no plan,
/// no change, no part, no other year, area or period (see [`find_statements_of_year`]).
fn states_the_years_own(text: &str, lead: usize, terms: &[String], year: Option<i32>) -> bool {
    let sentence = sentence_before(text, lead);
    let clause = last_clause(sentence);
    stands_as_term(clause)
        && !(names_a_plan(sentence)
            || names_a_pre_skip(clause)
            || names_a_month(clause)
            || names_a_department(clause)
            || names_an_area(clause)
            || part_of_stated_whole(sentence, terms.iter().map(String::as_str))
            || cumulative_beyond_year(clause, year)
            || since_beyond_year(sentence, year)
            || year_named(sentence, year) == When::Other
            || (told_of_years(text, lead) && !of_the_year(sentence, year)))
}

/// The rest of the clause from `at`, at most `MAX_GAP_CHARS` characters.
fn clause_after(text: &str, at: usize) -> &str {
    let after = text.get(at..).unwrap_or("");
    let after = match after.find(CLAUSE_STOPS) {
        Some(i) => &after[..i],
        None => after,
    };
    match after.char_indices().nth(MAX_GAP_CHARS) {
        Some((i, _)) => &after[..i],
        None => after,
    }
}

/// The figure stated by the term occupying `term_start..term_end`, if it states the
/// reporting year's own total; None when unsure.
fn statement_at(
    text: &str,
    term_start: usize,
    term_end: usize,
    acc: &Accept,
    terms: &[String],
    year: Option<i32>,
) -> Option<Figure> {
    // A figure must follow the term: most occurrences in prose have none, and this is
    // read first because it is cheaper than the sentence tests (all of which must pass).
    let Some(gap) = read_gap(text, term_end, acc) else {
        return respective_figure(text, term_start, term_end, acc)
            .filter(|_| states_the_years_own(text, term_start, terms, year));
    };
    if !states_the_years_own(text, term_start, terms, year) {
        return None;
    }
    let first = read_figure(text, gap.num_start, acc)?;
    let mut fig = match read_new_value(text, first.span.end, acc) {
        Err(()) => return None,
        Ok(Some(new)) => new,
        Ok(None) if gap.from => return None,
        Ok(None) => {
            let mut f = first;
            if f.approx == Approx::Exact {
                f.approx = gap.approx;
            }
            f
        }
    };
    // What follows the figure in its clause: 以上 / 左右, or a plan (`1,500家的目标`).
    let after = clause_after(text, fig.span.end);
    if names_a_plan(after) {
        return None;
    }
    if after.starts_with("以上") {
        fig.approx = Approx::AtLeast;
    } else if after.starts_with("左右") {
        fig.approx = Approx::About;
    }
    Some(fig)
}

/// The most characters read after a term for the list it heads and its figures.
const RESPECTIVE_WINDOW_CHARS: usize = 160;

/// The most characters an item of a list holds besides the term found in it.
const ITEM_EXTRA_CHARS: usize = 4;

/// What joins the items of a list (`服务企业、培训人次和技术合同成交额`).
const LIST_JOINERS: &[&str] = &["、", "以及", "和", "及", "与"];

/// The words that give a list its figures in order (`分别为1,400家、5.2亿元`), longest
/// first.
const RESPECTIVELY: &[&str] = &["分别达到", "分别为", "分别是", "分别达", "分别"];

/// How many joiners `s` holds, and whether it is nothing but joined list items: no
/// clause stop other than the enumeration comma, no figure.
fn list_joins(s: &str) -> Option<usize> {
    if s.contains(|c: char| (CLAUSE_STOPS.contains(&c) && c != '、') || is_digit(c)) {
        return None;
    }
    let mut n = 0;
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        match LIST_JOINERS.iter().find(|j| rest.starts_with(**j)) {
            Some(j) => {
                n += 1;
                rest = &rest[j.len()..];
            }
            None => rest = &rest[c.len_utf8()..],
        }
    }
    Some(n)
}

/// The figure a list gives the term at `term_start..term_end` in order
/// (`全年服务企业、技术合同成交额分别为1,400家、5.2亿元`: the second figure is the second
/// term's). Only when the list has as many figures as items, and the term's own figure
/// reads with the metric's unit; otherwise None (not compared).
fn respective_figure(
    text: &str,
    term_start: usize,
    term_end: usize,
    acc: &Accept,
) -> Option<Figure> {
    // Most terms head no such list: look for its word nearby first, in bytes.
    let near = text.len().min(term_end + 3 * MAX_PRE_CHARS);
    memchr::memmem::find(&text.as_bytes()[term_end..near], "分别".as_bytes())?;
    // A window of the sentence after the term, bounded so that a hostile line of terms
    // stays linear: the list and its figures are short.
    let window = text[term_end..]
        .char_indices()
        .nth(RESPECTIVE_WINDOW_CHARS)
        .map_or(text.len(), |(i, _)| term_end + i);
    let sentence_end = text[term_end..window]
        .find(SENTENCE_STOPS)
        .map_or(window, |i| term_end + i);
    let rest = &text[term_end..sentence_end];
    let said = rest.find("分别")?;
    let (after_list, before_list) = (&rest[..said], sentence_before(text, term_start));
    // The items after the term (each opened by a joiner), and those before it in its
    // clause (the last one joined right before the term).
    if after_list.chars().count() > MAX_PRE_CHARS {
        return None;
    }
    let after = list_joins(after_list)?;
    let clause = match before_list.rfind(['，', ',', '：', ':']) {
        Some(i) => &before_list[i + before_list[i..].chars().next().map_or(1, char::len_utf8)..],
        None => before_list,
    };
    let before = list_joins(clause)?;
    // The term's own item may hold a few more words than the term (`培训人次` for 培训,
    // `技术合同成交额` for 合同成交额), no more.
    let own_rest = |s: &str| s.chars().count() <= ITEM_EXTRA_CHARS;
    let to_first_joiner = LIST_JOINERS
        .iter()
        .filter_map(|j| after_list.find(j))
        .min()
        .unwrap_or(after_list.len());
    let from_last_joiner = LIST_JOINERS
        .iter()
        .filter_map(|j| clause.rfind(j).map(|i| i + j.len()))
        .max()
        .unwrap_or(0);
    if !own_rest(&after_list[..to_first_joiner])
        || (before > 0 && !own_rest(&clause[from_last_joiner..]))
    {
        return None;
    }
    let items = before + 1 + after;
    if items < 2 {
        return None;
    }
    // The figures, up to the end of their clause: as many as the items, each opening
    // its part.
    let word = RESPECTIVELY
        .iter()
        .find(|w| rest[said..].starts_with(**w))?;
    let from = term_end + said + word.len();
    let figures_end = text[from..sentence_end]
        .find('，')
        .map_or(sentence_end, |i| from + i);
    let mut parts = vec![from];
    let mut at = from;
    while at < figures_end {
        let here = &text[at..figures_end];
        if let Some(j) = LIST_JOINERS.iter().find(|j| here.starts_with(**j)) {
            at += j.len();
            parts.push(at);
        } else {
            at += here.chars().next().map_or(1, char::len_utf8);
        }
    }
    if parts.len() != items {
        return None;
    }
    let mut start = parts[before];
    while text[start..].starts_with(is_pad) {
        start += text[start..].chars().next().map_or(1, char::len_utf8);
    }
    read_figure(text, start, acc)
}

/// Markdown heading level of a line: `#`-headings, and numbered lines standing alone
/// (`六、下一年度工作计划` = 2, `（一）服务企业` = 3).
fn heading_level(line: &str) -> Option<usize> {
    let t = line.trim();
    if t.starts_with('#') {
        let n = t.chars().take_while(|&c| c == '#').count();
        return (n <= 6).then_some(n);
    }
    let numeral = |c: char| {
        matches!(
            c,
            '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
        )
    };
    // The numbering first: it rejects most lines (prose) without counting characters.
    let level = if let Some(r) = t.strip_prefix(['（', '(']) {
        let rest = r.trim_start_matches(numeral);
        (rest.len() < r.len() && rest.starts_with(['）', ')'])).then_some(3)
    } else {
        let rest = t.trim_start_matches(numeral);
        (rest.len() < t.len() && rest.starts_with('、')).then_some(2)
    }?;
    if t.chars().count() > 30 || t.contains(['。', '，', ',', '；']) {
        return None;
    }
    Some(level)
}

/// Byte ranges of `text` under a plan heading (`下一年度工作计划`, `2025年工作目标`),
/// down to the next heading of the same or a higher level.
pub fn plan_sections(text: &str) -> Vec<Range<usize>> {
    plan_sections_of_year(text, None)
}

/// Whether a section heading names years and none of them is `year` (`三、2026年重点工作`
/// or `一、2025年和“十四五”时期工作回顾` in a report on 2024), without comparing them
/// (`与2023年对比`): what it heads was planned or done in those years, not in the
/// reporting year.
fn names_only_other_years(line: &str, year: i32) -> bool {
    let b = line.as_bytes();
    let mut other = false;
    for i in 0..b.len().saturating_sub(4) {
        if b[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && line[i + 4..].starts_with(['年', '—', '-', '～', '~', '至'])
        {
            match line[i..i + 4].parse::<i32>() {
                Ok(y) if y == year => return false,
                Ok(y) if (1949..=year + 10).contains(&y) => other = true,
                _ => {}
            }
        }
    }
    other && !contains_any(line, &["对比", "相比", "比较", "较", "同比"])
}

/// [`plan_sections`], where a section heading naming only years other than the
/// reporting `year` also heads figures that are not the year's: plans of a later year,
/// work of an earlier or later one, whatever it says it reports on (`2026年一季度完成
/// 情况`). The level-1 title is not read so: it names the report, not a period in it.
pub fn plan_sections_of_year(text: &str, year: Option<i32>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut stack: Vec<(usize, bool)> = Vec::new();
    let mut open: Option<usize> = None;
    let mut offset = 0;
    for line in crate::text::lines_inclusive(text) {
        if let Some(level) = heading_level(line) {
            while stack.last().is_some_and(|&(l, _)| l >= level) {
                stack.pop();
            }
            let plan = (contains_any(line, PLAN_HEADING_WORDS)
                && !contains_any(line, REPORT_HEADING_WORDS))
                || (level >= 2 && year.is_some_and(|y| names_only_other_years(line, y)));
            stack.push((level, plan));
            let now = stack.iter().any(|&(_, p)| p);
            match (open, now) {
                (None, true) => open = Some(offset),
                (Some(s), false) => {
                    out.push(s..offset);
                    open = None;
                }
                _ => {}
            }
        }
        offset += line.len();
    }
    if let Some(s) = open {
        out.push(s..text.len());
    }
    out
}

/// Every statement of the figure in `text`, as [`find_statements_of_year`] without a
/// reporting year (numeric years are then not placed; 去年 / 明年 still are).
pub fn find_statements(text: &str, spec: &ProseSpec) -> Vec<Figure> {
    find_statements_of_year(text, spec, None)
}

/// Every statement of the reporting year's own figure in `text`: an occurrence of a
/// term that stands as a term (see LEAD_WORDS), followed in the same clause, after only
/// GAP_WORDS (at most `MAX_GAP_CHARS` chars), by a number (digits or Chinese numerals)
/// with an accepted unit. Returns figures in text order with the byte span of
/// number+unit. Not statements of the year's value, and skipped:
/// - plans, targets, forecasts: PLAN_WORDS anywhere before the term in its sentence,
///   or after the figure in its clause (`1,500家的目标`), or a plan heading above it;
/// - another year: the year named last before the term in its sentence is not
///   `year` (`2023年服务企业`, `上年`, `明年`; `与上年相比` is a comparison, not a year);
/// - changes and comparisons: `同比增长12%`, `增加了200家`, `较上年`; in
///   `由X增加到Y` / `X增长到Y` only Y is the statement;
/// - sub-groups and parts: a qualifier noun right before the term (`中小企业服务企业`),
///   a place, department, project, quarter or month in its clause (`在高新区`, `一季度`),
///   a part after 其中 / 含 of a whole already stated for the same metric, a 累计 total
///   not scoped to the year, averages (`人均`, `月均`);
/// - another measure in the gap (`满意度回访率`), a unit the metric does not accept,
///   and a number followed by 年 (a year).
pub fn find_statements_of_year(text: &str, spec: &ProseSpec, year: Option<i32>) -> Vec<Figure> {
    find_statements_outside(text, &plan_sections_of_year(text, year), spec, year)
}

/// [`find_statements_of_year`] with the [`plan_sections`] of `text` given: a document
/// compared with several metrics finds its plan sections once.
pub fn find_statements_outside(
    text: &str,
    plans: &[Range<usize>],
    spec: &ProseSpec,
    year: Option<i32>,
) -> Vec<Figure> {
    let acc = Accept::new(spec);
    let mut out: Vec<Figure> = Vec::new();
    // Terms that end alike (满意度, 服务满意度, 客户满意度) are found by one search for their
    // last two characters: the text is read once per ending, not once per term. memchr's
    // SIMD search: `str::match_indices` reads CJK text much slower. Matches fall on
    // character boundaries since the ending is whole UTF-8.
    let ending = |term: &str| -> usize { term.char_indices().rev().nth(1).map_or(0, |(i, _)| i) };
    let mut endings: Vec<&str> = spec
        .terms
        .iter()
        .filter(|t| !t.is_empty())
        .map(|t| &t[ending(t)..])
        .collect();
    endings.sort_unstable();
    endings.dedup();
    for tail in endings {
        let terms = spec
            .terms
            .iter()
            .filter(|t| !t.is_empty() && &t[ending(t)..] == tail);
        let terms: Vec<&String> = terms.collect();
        for at in memchr::memmem::find_iter(text.as_bytes(), tail.as_bytes()) {
            let end = at + tail.len();
            for term in &terms {
                let Some(pos) = end
                    .checked_sub(term.len())
                    .filter(|_| text[..end].ends_with(term.as_str()))
                else {
                    continue;
                };
                if plans.iter().any(|r| r.contains(&pos)) {
                    continue;
                }
                if let Some(f) = statement_at(text, pos, end, &acc, spec.terms, year) {
                    out.push(f);
                }
            }
        }
    }
    framed_statements(text, plans, &acc, spec, year, &mut out);
    out.sort_by(|a, b| {
        a.span
            .start
            .cmp(&b.span.start)
            .then(a.span.end.cmp(&b.span.end))
    });
    out.dedup_by(|a, b| a.span == b.span);
    out
}

/// Words that may stand between a frame's words and its figure (`服务了1,520家企业`,
/// `共为`, `为共计`), besides the markers of an approximate figure.
const FRAME_GAP_WORDS: &[&str] = &["共计", "总计", "合计", "一共", "共", "了"];

/// The statements of the reporting year's figure written in one of the spec's frames
/// (`为1,520家企业提供服务`), appended to `out`. The figure must sit right between the
/// frame's words, and what is written before them must pass the same tests as before a
/// term ([`states_the_years_own`]). A part of a whole stated before it
/// (`全年为1,520家企业提供服务，其中为320家企业…`) or a noun that goes on
/// (`1,520家企业和个人`) is no statement of the whole.
fn framed_statements(
    text: &str,
    plans: &[Range<usize>],
    acc: &Accept,
    spec: &ProseSpec,
    year: Option<i32>,
    out: &mut Vec<Figure>,
) {
    // The frames' nouns are found by their first character, each once for the frames
    // that share it: the text is read once per noun, not once per frame.
    let mut heads: Vec<char> = spec
        .frames
        .iter()
        .filter_map(|f| f.after.chars().next())
        .collect();
    heads.sort_unstable();
    heads.dedup();
    for head in heads {
        let mut buf = [0; 4];
        let needle = head.encode_utf8(&mut buf);
        for noun in memchr::memmem::find_iter(text.as_bytes(), needle.as_bytes()) {
            if plans.iter().any(|r| r.contains(&noun)) {
                continue;
            }
            let Some(fig) = figure_ending_at(text, noun, acc) else {
                continue;
            };
            for frame in spec.frames.iter().filter(|f| f.after.starts_with(head)) {
                if let Some(fig) = framed_at(text, noun, fig.clone(), frame, spec, year) {
                    out.push(fig);
                }
            }
        }
    }
}

/// The figure `fig`, ending right before `noun`, if `frame` is written around it and
/// it states the year's own total.
fn framed_at(
    text: &str,
    noun: usize,
    mut fig: Figure,
    frame: &Frame,
    spec: &ProseSpec,
    year: Option<i32>,
) -> Option<Figure> {
    let end = match_loosely(text, noun, &frame.after)?;
    // A noun that goes on (`企业家`, `企业主`) or shares the count with another
    // (`1,520家企业和个人`) is no statement of the metric; a second count joined to it
    // (`6名专职技术经纪人和12名兼职…`) leaves it whole.
    let rest = &text[end..];
    let mut next = rest.chars();
    let joined = match next.next() {
        Some('和' | '及' | '与' | '或' | '、') => !next
            .next()
            .is_some_and(|c| is_digit(c) || cn_digit(c).is_some_and(|d| d > 0)),
        Some('等' | '家' | '次' | '主') => true,
        _ => false,
    };
    if joined {
        return None;
    }
    let (lead, approx) = words_before(text, fig.span.start, &frame.before)?;
    if !states_the_years_own(text, lead, spec.terms, year)
        || part_of_stated_whole(sentence_before(text, lead), frame_nouns(spec))
        || names_a_plan(clause_after(text, end))
    {
        return None;
    }
    if fig.approx == Approx::Exact {
        fig.approx = approx;
    }
    Some(fig)
}

/// The nouns a spec's frames count, as far as a whole stated before a part shows them:
/// the first two characters after the figure (`企业` in `为{n}企业提供服务`).
fn frame_nouns<'s>(spec: &'s ProseSpec) -> impl Iterator<Item = &'s str> + Clone {
    spec.frames
        .iter()
        .map(|f| match f.after.char_indices().nth(2) {
            Some((i, _)) => &f.after[..i],
            None => f.after.as_str(),
        })
}

/// Where `words` end when `text` at `at` reads them, with `了` and spaces or emphasis
/// allowed between their characters (`提供了服务`); `None` if it does not.
fn match_loosely(text: &str, at: usize, words: &str) -> Option<usize> {
    let mut p = at;
    let mut skipped = 0;
    for (k, w) in words.chars().enumerate() {
        loop {
            let c = text.get(p..)?.chars().next()?;
            if c == w {
                p += c.len_utf8();
                break;
            }
            let skippable = k > 0 && (c == '了' || matches!(c, ' ' | '\u{3000}' | '*' | '_' | '`'));
            if !skippable || skipped >= 4 {
                return None;
            }
            skipped += 1;
            p += c.len_utf8();
        }
    }
    Some(p)
}

/// The figure, number and accepted unit, that ends right before `end` (a frame's noun),
/// over a little padding. A Chinese number must open with a digit: `万家企业` and `千家`
/// are a manner of speaking, and `数十家` is no count.
fn figure_ending_at(text: &str, end: usize, acc: &Accept) -> Option<Figure> {
    let unit_end = text
        .get(..end)?
        .trim_end_matches([' ', '\u{3000}', '*', '`'])
        .len();
    let before = &text[..unit_end];
    let unit = acc
        .words
        .iter()
        .filter(|w| before.ends_with(w.as_str()))
        .map(String::len)
        .max()
        .or_else(|| (acc.money && before.ends_with('元')).then_some('元'.len_utf8()))?;
    // The number is the run of what numbers are written with right before the unit
    // (bounded); the earliest start in it that reads through to the unit is the whole
    // number (`1,520`, not `520`).
    let written = |c: char| {
        is_digit(c)
            || is_cn_numeral(c)
            || matches!(
                c,
                ',' | '.' | '，' | '．' | '余' | '多' | ' ' | '\u{3000}' | '*' | '`'
            )
    };
    let digits_end = unit_end - unit;
    let from = text[..digits_end]
        .char_indices()
        .rev()
        .take(MAX_DIGITS + 8)
        .take_while(|&(_, c)| written(c))
        .last()
        .map_or(digits_end, |(i, _)| i);
    let mut prev: Option<char> = text[..from].chars().next_back();
    for (i, c) in before[from..].char_indices() {
        let at = from + i;
        let opens = is_digit(c) || cn_digit(c).is_some_and(|d| d > 0) || matches!(c, '两' | '十');
        let continues =
            prev.is_some_and(|p| is_digit(p) || is_cn_numeral(p) || matches!(p, ',' | '.'));
        prev = Some(c);
        if !opens || continues {
            continue;
        }
        if let Some(f) = read_figure(text, at, acc).filter(|f| f.span.end == unit_end) {
            return Some(f);
        }
    }
    None
}

/// Where a frame's words `before` start when they end right before the figure at
/// `num_start`, over FRAME_GAP_WORDS and approximation markers (`服务了近1,500家企业`),
/// and what those markers say; with no words, where the markers start.
fn words_before(text: &str, num_start: usize, before: &str) -> Option<(usize, Approx)> {
    let pads: &[char] = &[' ', '\u{3000}', '*', '`', '_'];
    let mut head = text.get(..num_start)?.trim_end_matches(pads);
    let mut approx = Approx::Exact;
    for _ in 0..4 {
        let ends = |words: &[&'static str]| -> Option<&'static str> {
            words
                .iter()
                .copied()
                .filter(|w| head.ends_with(w))
                .max_by_key(|w| w.len())
        };
        if let Some(w) = ends(GAP_ABOUT) {
            approx = Approx::About;
            head = head[..head.len() - w.len()].trim_end_matches(pads);
        } else if let Some(w) = ends(GAP_AT_LEAST) {
            approx = Approx::AtLeast;
            head = head[..head.len() - w.len()].trim_end_matches(pads);
        } else if let Some(w) = ends(FRAME_GAP_WORDS) {
            head = head[..head.len() - w.len()].trim_end_matches(pads);
        } else {
            break;
        }
    }
    let lead = head.strip_suffix(before)?;
    Some((lead.len(), approx))
}

/// Place value of the last nonzero digit of `v` (> 0): 48700 -> 100, 2.4 -> 0.1.
fn last_nonzero_place(v: f64) -> f64 {
    let v = v.abs();
    if !v.is_finite() || v == 0.0 {
        return 0.0;
    }
    for d in 0..=6 {
        let scaled = v * 10f64.powi(d);
        if (scaled - scaled.round()).abs() <= 1e-6 * scaled.max(1.0) {
            if d > 0 {
                return 10f64.powi(-d);
            }
            let mut place = 1.0;
            let mut n = scaled.round();
            while (10.0..1e18).contains(&n) && (n / 10.0).fract() == 0.0 {
                n /= 10.0;
                place *= 10.0;
            }
            return place;
        }
    }
    1e-6
}

/// Half the precision a figure was written to, in the figure's own terms.
///
/// Percent: half the last written digit in points, at most 0.5 pt ("94%" -> 0.005).
/// Scaled units (千/万/亿) and fractional values: half the last nonzero digit,
/// assuming at least two significant digits ("4.87亿元" in 万元 -> 50).
/// Plain integer counts ("1,250家") are exact: 0.
pub fn rounding_allowance(stated: &Figure, percent: bool) -> f64 {
    let v = stated.value.abs();
    if !v.is_finite() || v == 0.0 {
        return 0.0;
    }
    if percent || stated.unit == "%" {
        let place = last_nonzero_place(v * 100.0).min(1.0);
        return place / 2.0 / 100.0;
    }
    let scaled = stated.unit.starts_with(['千', '万', '亿']);
    let place = last_nonzero_place(v);
    if scaled || place < 1.0 {
        let cap = 10f64.powi(v.log10().floor() as i32 - 1);
        place.min(cap) / 2.0
    } else {
        0.0
    }
}

/// Whether a stated value agrees with the metric value: relative tolerance `rel` (e.g. 0.01)
/// for counts/money, and for percent an absolute tolerance in fraction points (`abs_pct`, e.g. 0.001 = 0.1 pt);
/// also accept rounding to the precision written (4.87亿元 states 48700±50 万元).
///
/// For percent, a metric above 1.5 is taken as written in points (94.3) and divided by 100.
pub fn agrees(stated: &Figure, metric: f64, percent: bool, rel: f64, abs_pct: f64) -> bool {
    if !stated.value.is_finite() || !metric.is_finite() {
        return false;
    }
    let allow = rounding_allowance(stated, percent);
    let v = stated.value;
    let (m, tol) = if percent {
        let m = if metric.abs() > 1.5 && v.abs() <= 1.5 {
            metric / 100.0
        } else {
            metric
        };
        (m, abs_pct.max(0.0) + allow + 1e-9)
    } else {
        (
            metric,
            rel.max(0.0) * metric.abs() + allow + 1e-9 * metric.abs().max(1.0),
        )
    };
    match stated.approx {
        Approx::Exact => (v - m).abs() <= tol,
        // 超过1,200家: any value from 1,200 up.
        Approx::AtLeast => m >= v - tol,
        // 1,200余家: from 1,200 to below 1,300 (the next step of the last written digit).
        Approx::Over => m >= v - tol && m <= v + last_nonzero_place(v) + tol,
        // 约1,200家: within ten percent (two points for a percentage).
        Approx::About => {
            let about = if percent { 0.02 } else { 0.1 * v.abs() };
            (v - m).abs() <= tol.max(about)
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn word_sets_find_what_a_search_per_word_finds() {
        let texts = [
            "",
            "目标",
            "力争完成",
            "中心计划",
            "新增企业",
            "在",
            "同比增长",
            "服务企业1,250家",
            "预计",
            "下一年度",
            "拟",
            "面向",
        ];
        for t in texts
            .iter()
            .flat_map(|a| texts.iter().map(move |b| format!("{a}{b}")))
        {
            assert_eq!(
                super::names_a_plan(&t),
                super::contains_any(&t, super::PLAN_WORDS),
                "{t}"
            );
            assert_eq!(
                super::names_a_pre_skip(&t),
                super::contains_any(&t, super::PRE_SKIP_WORDS),
                "{t}"
            );
        }
    }

    use super::*;

    fn strs(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn find(
        text: &str,
        terms: &[&str],
        units: &[&str],
        base: Option<&str>,
        pct: bool,
    ) -> Vec<Figure> {
        find_for(text, terms, units, base, pct, None)
    }

    /// Statements of `year`'s value (`None`: any year's).
    fn find_for(
        text: &str,
        terms: &[&str],
        units: &[&str],
        base: Option<&str>,
        pct: bool,
        year: Option<i32>,
    ) -> Vec<Figure> {
        let t = strs(terms);
        let u = strs(units);
        let spec = ProseSpec {
            terms: &t,
            frames: &[],
            units: &u,
            money_base: base,
            percent: pct,
        };
        find_statements_of_year(text, &spec, year)
    }

    fn values(figs: &[Figure]) -> Vec<f64> {
        figs.iter().map(|f| f.value).collect()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
    }

    // ---------------------------------------------------------------- parse_number

    #[test]
    fn parse_plain_and_grouped() {
        assert_eq!(parse_number("1250"), Some(1250.0));
        assert_eq!(parse_number("1,250"), Some(1250.0));
        assert_eq!(parse_number("12,345,678"), Some(12345678.0));
        assert_eq!(parse_number(" 42 "), Some(42.0));
        assert_eq!(parse_number("4.87"), Some(4.87));
        assert_eq!(parse_number("-3.5"), Some(-3.5));
    }

    #[test]
    fn parse_full_width() {
        assert_eq!(parse_number("１２５０"), Some(1250.0));
        assert_eq!(parse_number("１，２５０"), Some(1250.0));
        assert_eq!(parse_number("1，250"), Some(1250.0));
        assert_eq!(parse_number("４．８７"), Some(4.87));
        assert_eq!(parse_number("９４．３％"), Some(0.943));
    }

    #[test]
    fn parse_multipliers_exact() {
        assert_eq!(parse_number("4.87亿"), Some(487000000.0));
        assert_eq!(parse_number("3,256万"), Some(32560000.0));
        assert_eq!(parse_number("1.2万"), Some(12000.0));
        assert_eq!(parse_number("2万亿"), Some(2e12));
    }

    #[test]
    fn parse_percent() {
        assert_eq!(parse_number("94.3%"), Some(0.943));
        assert_eq!(parse_number("94%"), Some(0.94));
        assert_eq!(parse_number("100％"), Some(1.0));
    }

    #[test]
    fn parse_rejects_non_numbers() {
        for s in [
            "",
            "   ",
            "abc",
            "1,25",
            "12,50",
            "1.2.3",
            "4.87亿元",
            "1250家",
            "%",
            "万",
            "1,2345",
            "很多",
            "1e5",
            "..5",
        ] {
            assert_eq!(parse_number(s), None, "{s:?}");
        }
    }

    #[test]
    fn parse_chinese_numerals() {
        assert_eq!(parse_number("四十二"), Some(42.0));
        assert_eq!(parse_number("一百二十"), Some(120.0));
        assert_eq!(parse_number("十五"), Some(15.0));
        assert_eq!(parse_number("三千五百万"), Some(35_000_000.0));
        assert_eq!(parse_number("一亿二千万"), Some(120_000_000.0));
        assert_eq!(parse_number("两万零五十"), Some(20_050.0));
        assert_eq!(parse_number("一千余家"), None);
    }

    #[test]
    fn parse_huge_digit_run_is_none() {
        let s = "9".repeat(200);
        assert_eq!(parse_number(&s), None);
    }

    // ---------------------------------------------------------------- statements

    #[test]
    fn enterprises_grouped_with_yoy() {
        let t = "2024年，中心全年服务企业1,250家，同比增长5.0%，累计提供各类服务3,140项次。";
        let f = find(t, &["服务企业"], &["家"], None, false);
        assert_eq!(values(&f), vec![1250.0]);
        assert_eq!(f[0].unit, "家");
        assert_eq!(&t[f[0].span.clone()], "1,250家");
    }

    #[test]
    fn enterprises_ungrouped() {
        let t = "2024年，中心全年服务企业125家，同比增长5.0%，累计提供各类服务314项次。";
        let f = find(t, &["服务企业"], &["家"], None, false);
        assert_eq!(values(&f), vec![125.0]);
        assert_eq!(&t[f[0].span.clone()], "125家");
    }

    #[test]
    fn turnover_in_yi_converted_to_wan() {
        let t = "全年促成技术合同560项，技术合同成交额4.87亿元，同比增长1.6%。与4所高校院所保持稳定合作关系。";
        let f = find(t, &["技术合同成交额"], &["元"], Some("万元"), false);
        assert_eq!(values(&f), vec![48700.0]);
        assert_eq!(f[0].unit, "亿元");
        assert_eq!(&t[f[0].span.clone()], "4.87亿元");
    }

    #[test]
    fn turnover_in_wan() {
        let t = "技术合同成交额3,256万元，同比下降2.1%。";
        let f = find(t, &["技术合同成交额"], &["元"], Some("万元"), false);
        assert_eq!(values(&f), vec![3256.0]);
        assert_eq!(f[0].unit, "万元");
        let f = find(t, &["技术合同成交额"], &["元"], None, false);
        assert_eq!(values(&f), vec![32_560_000.0]);
    }

    #[test]
    fn training_sessions_are_not_participants() {
        let t = "组织各类培训56场次，培训313人次，覆盖技术经纪人等群体。";
        let f = find(t, &["培训"], &["人次"], None, false);
        assert_eq!(values(&f), vec![313.0]);
        assert_eq!(&t[f[0].span.clone()], "313人次");
        let f = find("组织各类培训56场次。", &["培训"], &["人次"], None, false);
        assert!(f.is_empty());
    }

    #[test]
    fn staff_training_attendance_is_skipped() {
        let t = "全年选派业务骨干参加业务培训10人次，专业能力明显提升。年内选派工作人员参加技术经纪人培训10人次。";
        assert!(find(t, &["培训"], &["人次"], None, false).is_empty());
    }

    #[test]
    fn satisfaction_percent_and_neighbours() {
        let t = "经第三方测评，全年服务满意度94.3%，平均服务响应时间2.4个工作日，服务对象重复率31.2%，线上服务占比52.4%。";
        let f = find(t, &["服务满意度", "满意度"], &["%"], None, true);
        assert_eq!(f.len(), 1);
        assert!(close(f[0].value, 0.943));
        assert_eq!(f[0].unit, "%");
        assert_eq!(f[0].scale(), Scale::Percent);
        assert_eq!(&t[f[0].span.clone()], "94.3%");
        let r = find(
            t,
            &["平均服务响应时间"],
            &["个工作日", "工作日"],
            None,
            false,
        );
        assert_eq!(values(&r), vec![2.4]);
        assert_eq!(r[0].unit, "个工作日");
        assert_eq!(r[0].scale(), Scale::Plain);
    }

    #[test]
    fn percent_metric_needs_percent_sign() {
        let f = find(
            "服务满意度0.943，较好。",
            &["服务满意度", "满意度"],
            &["%"],
            None,
            true,
        );
        assert!(f.is_empty());
        let f = find(
            "服务满意度为９５％。",
            &["服务满意度", "满意度"],
            &["%"],
            None,
            true,
        );
        assert_eq!(f.len(), 1);
        assert!(close(f[0].value, 0.95));
        assert_eq!(f[0].unit, "%");
    }

    #[test]
    fn yoy_growth_is_not_a_level() {
        let t = "服务满意度同比提高3.8%。服务企业数同比增长3.8%。服务企业较上年增加120家。";
        assert!(find(t, &["服务满意度", "满意度"], &["%"], None, true).is_empty());
        assert!(find(t, &["服务企业"], &["家"], None, false).is_empty());
    }

    #[test]
    fn plans_targets_and_cumulative_are_skipped() {
        let t = "2025年，力争服务企业1,500家；计划服务企业1600家；服务企业目标1700家；累计服务企业8,000家；预计服务企业1800家。";
        assert!(find(t, &["服务企业"], &["家"], None, false).is_empty());
    }

    #[test]
    fn years_are_never_figures() {
        let t =
            "服务企业2024年度情况良好。服务满意度2023年为92%。截至2024年底，中心现有在职人员42人。";
        assert!(find(t, &["服务企业"], &["家"], None, false).is_empty());
        assert!(find(t, &["服务满意度", "满意度"], &["%"], None, true).is_empty());
        let f = find(t, &["在职人员"], &["人", "名"], None, false);
        assert_eq!(values(&f), vec![42.0]);
    }

    #[test]
    fn table_rows_are_not_prose() {
        let t = "| 指标 | 2023年 | 2024年 |\n|---|---:|---:|\n| 服务满意度 | 93.1% | 94.3% |\n| 服务企业数（家） | 1,100 | 1,250 |\n| 培训人次 | 400 | 458 |\n";
        assert!(find(t, &["满意度"], &["%"], None, true).is_empty());
        assert!(find(t, &["服务企业"], &["家"], None, false).is_empty());
        assert!(find(t, &["培训"], &["人次"], None, false).is_empty());
    }

    #[test]
    fn staff_ren_not_renci_and_ming() {
        let t = "截至2024年底，中心现有在职人员22人，其中专职技术经纪人4名，复合型人才占比50.5%。";
        let f = find(t, &["在职人员"], &["人", "名"], None, false);
        assert_eq!(values(&f), vec![22.0]);
        assert_eq!(f[0].unit, "人");
        let f = find("在职人员30人次。", &["在职人员"], &["人"], None, false);
        assert!(f.is_empty());
        let f = find(t, &["专职技术经纪人"], &["人", "名"], None, false);
        assert_eq!(values(&f), vec![4.0]);
        assert_eq!(f[0].unit, "名");
    }

    #[test]
    fn revenue_total_and_fiscal() {
        let t = "全年总收入1,100万元，其中财政收入467万元，占总收入的42.5%；经营性收入633万元。资金使用严格执行财务管理制度。";
        let tot = find(t, &["总收入"], &["元"], Some("万元"), false);
        assert_eq!(values(&tot), vec![1100.0]);
        assert_eq!(&t[tot[0].span.clone()], "1,100万元");
        let fis = find(t, &["财政收入"], &["元"], Some("万元"), false);
        assert_eq!(values(&fis), vec![467.0]);
        let t2 = "全年总收入1.23亿元，其中财政收入5,432万元，占总收入的44.2%。";
        assert_eq!(
            values(&find(t2, &["总收入"], &["元"], Some("万元"), false)),
            vec![12300.0]
        );
        assert_eq!(
            values(&find(t2, &["财政收入"], &["元"], Some("万元"), false)),
            vec![5432.0]
        );
    }

    #[test]
    fn full_width_digits_and_spans() {
        let t = "本中心全年服务企业１，２５０家，成效明显。";
        let f = find(t, &["服务企业"], &["家"], None, false);
        assert_eq!(values(&f), vec![1250.0]);
        assert_eq!(&t[f[0].span.clone()], "１，２５０家");
        let t = "技术合同成交额４．８７亿元。";
        let f = find(t, &["技术合同成交额"], &["元"], Some("万元"), false);
        assert_eq!(values(&f), vec![48700.0]);
        assert_eq!(&t[f[0].span.clone()], "４．８７亿元");
    }

    #[test]
    fn spans_are_byte_offsets_in_cjk_text() {
        let t = "## 服务企业情况\n\n中心全年服务企业1,250家。全年服务企业1300家。";
        let f = find(t, &["服务企业"], &["家"], None, false);
        assert_eq!(values(&f), vec![1250.0, 1300.0]);
        let first = t.find("1,250").unwrap();
        assert_eq!(f[0].span, first..first + "1,250家".len());
        assert!(f[0].span.start < f[1].span.start);
        for x in &f {
            assert!(t.is_char_boundary(x.span.start) && t.is_char_boundary(x.span.end));
        }
    }

    #[test]
    fn overlapping_terms_are_deduplicated() {
        let t = "全年服务企业数1,250家。";
        let f = find(t, &["服务企业", "服务企业数", "企业"], &["家"], None, false);
        assert_eq!(values(&f), vec![1250.0]);
    }

    #[test]
    fn clause_punctuation_and_gap_limit() {
        let t = "服务企业情况良好。1250家企业受益";
        assert!(find(t, &["服务企业"], &["家"], None, false).is_empty());
        let t = "服务企业\n1250家";
        assert!(find(t, &["服务企业"], &["家"], None, false).is_empty());
        let t = "服务企业，高新技术企业320家";
        assert!(find(t, &["服务企业"], &["家"], None, false).is_empty());
        let t = "服务企业的数量在这一整年里面总共达到了1250家";
        assert!(find(t, &["服务企业"], &["家"], None, false).is_empty());
        let t = "全年服务企业共计1250家";
        assert_eq!(
            values(&find(t, &["服务企业"], &["家"], None, false)),
            vec![1250.0]
        );
        let t = "全年服务企业：1250余家";
        let f = find(t, &["服务企业"], &["家"], None, false);
        assert_eq!(values(&f), vec![1250.0]);
        assert_eq!(&t[f[0].span.clone()], "1250余家");
    }

    #[test]
    fn other_measure_in_gap_is_skipped() {
        let t = "中心对已办结的投诉开展满意度回访，回访率不低于90%。满意度回访率达到95%。";
        assert!(find(t, &["满意度"], &["%"], None, true).is_empty());
    }

    #[test]
    fn wan_multiplier_on_counts() {
        let t = "全年培训1.2万人次。";
        let f = find(t, &["培训"], &["人次"], None, false);
        assert_eq!(values(&f), vec![12000.0]);
        assert_eq!(f[0].unit, "万人次");
    }

    #[test]
    fn money_only_with_money_units() {
        let t = "技术合同成交额560项。技术合同成交额5,000元。";
        let f = find(t, &["技术合同成交额"], &["元"], Some("万元"), false);
        assert_eq!(values(&f), vec![0.5]);
        assert_eq!(f[0].unit, "元");
    }

    #[test]
    fn no_panic_on_odd_input() {
        let samples = [
            "",
            "服务企业",
            "服务企业1",
            "服务企业1,",
            "服务企业1,2",
            "服务企业１，",
            "服务企业9．",
            "服务企业12万",
            "满意度％",
            "满意度1%",
            "服务企业\u{feff}12家",
            "服务企业𝟙𝟚家",
            "服务企业1,250,",
            "服务企业1.",
        ];
        for s in samples {
            let _ = find(s, &["服务企业"], &["家"], None, false);
            let _ = find(s, &["满意度"], &["%"], None, true);
            let _ = find(s, &["服务企业"], &["元"], Some("万元"), false);
            let _ = parse_number(s);
        }
        let f = find("满意度1%", &["满意度"], &["%"], None, true);
        assert_eq!(values(&f), vec![0.01]);
        let f = find(
            &format!("服务企业{}家", "1".repeat(100)),
            &["服务企业"],
            &["家"],
            None,
            false,
        );
        assert!(f.is_empty());
    }

    #[test]
    fn big_document_is_fast() {
        let para = "2024年，中心全年服务企业1,250家，同比增长5.0%。组织各类培训56场次，培训313人次。服务满意度94.3%。\n";
        let text = para.repeat(10_000); // ~1.3 MB
        let start = std::time::Instant::now();
        let f = find(&text, &["服务企业"], &["家"], None, false);
        let g = find(&text, &["培训"], &["人次"], None, false);
        let digits = "1".repeat(1 << 20);
        let h = find(
            &format!("服务企业{digits}"),
            &["服务企业"],
            &["家"],
            None,
            false,
        );
        // A line-long list of terms, with or without the figures it promises.
        let list = "服务企业、".repeat(200_000);
        let listed = find(&list, &["服务企业"], &["家"], None, false);
        let promised = find(
            &format!("{list}分别为1家"),
            &["服务企业"],
            &["家"],
            None,
            false,
        );
        assert!(listed.is_empty() && promised.is_empty());
        assert_eq!(f.len(), 10_000);
        assert_eq!(g.len(), 10_000);
        assert!(h.is_empty());
        assert!(start.elapsed().as_secs() < 10);
    }

    // ---------------------------------------------------------------- agrees

    fn fig(value: f64, unit: &str) -> Figure {
        Figure {
            value,
            unit: unit.to_string(),
            span: 0..0,
            approx: Approx::Exact,
        }
    }

    #[test]
    fn agrees_counts_relative() {
        assert!(agrees(&fig(1250.0, "家"), 1250.0, false, 0.01, 0.001));
        assert!(agrees(&fig(1250.0, "家"), 1260.0, false, 0.01, 0.001));
        assert!(!agrees(&fig(1250.0, "家"), 1400.0, false, 0.01, 0.001));
        assert!(!agrees(&fig(1000.0, "家"), 1030.0, false, 0.01, 0.001));
        assert!(!agrees(&fig(f64::NAN, "家"), 1.0, false, 0.01, 0.001));
    }

    #[test]
    fn agrees_money_rounding_to_written_precision() {
        // 4.87亿元 in 万元 states 48700±50.
        let f = fig(48700.0, "亿元");
        assert!(agrees(&f, 48734.0, false, 0.0, 0.0));
        assert!(agrees(&f, 48650.0, false, 0.0, 0.0));
        assert!(!agrees(&f, 48800.0, false, 0.0, 0.0));
        // 1.2亿元 states 12000±500.
        assert!(agrees(&fig(12000.0, "亿元"), 12400.0, false, 0.0, 0.0));
        // A mismatch of >10% is never hidden.
        assert!(!agrees(&f, 48700.0 * 1.12, false, 0.01, 0.001));
        assert!(!agrees(&fig(1000.0, "万元"), 1120.0, false, 0.01, 0.001));
    }

    #[test]
    fn agrees_percent_absolute_points() {
        let f = fig(0.943, "%");
        assert!(agrees(&f, 0.943, true, 0.01, 0.001));
        assert!(agrees(&f, 0.9435, true, 0.01, 0.0));
        assert!(!agrees(&f, 0.913, true, 0.01, 0.001));
        assert!(agrees(&f, 94.3, true, 0.01, 0.001));
        // "94%" is a rounded integer percent: 93.6% agrees.
        assert!(agrees(&fig(0.94, "%"), 0.936, true, 0.0, 0.0));
        assert!(!agrees(&fig(0.94, "%"), 0.93, true, 0.0, 0.0));
    }

    #[test]
    fn agrees_end_to_end_with_generator_phrasings() {
        let t = "全年促成技术合同35项，技术合同成交额4.87亿元，同比增长12.5%。";
        let f = find(t, &["技术合同成交额"], &["元"], Some("万元"), false);
        assert!(agrees(&f[0], 48734.0, false, 0.01, 0.001));
        assert!(!agrees(&f[0], 39000.0, false, 0.01, 0.001));
        let t = "经第三方测评，全年服务满意度88.4%，平均服务响应时间2.4个工作日。";
        let f = find(t, &["服务满意度", "满意度"], &["%"], None, true);
        assert!(agrees(&f[0], 0.884, true, 0.01, 0.001));
        assert!(!agrees(&f[0], 0.934, true, 0.01, 0.001));
    }

    #[test]
    fn rounding_allowance_values() {
        assert_eq!(rounding_allowance(&fig(1250.0, "家"), false), 0.0);
        assert!(close(
            rounding_allowance(&fig(48700.0, "亿元"), false),
            50.0
        ));
        assert!(close(
            rounding_allowance(&fig(2.4, "个工作日"), false),
            0.05
        ));
        assert!(close(rounding_allowance(&fig(0.943, "%"), true), 0.0005));
        assert!(close(rounding_allowance(&fig(0.9, "%"), true), 0.005));
    }

    // ---------------------------------------------------------------- context

    fn in_year(
        text: &str,
        terms: &[&str],
        units: &[&str],
        base: Option<&str>,
        pct: bool,
    ) -> Vec<Figure> {
        find_for(text, terms, units, base, pct, Some(2024))
    }

    fn ent(text: &str) -> Vec<f64> {
        values(&in_year(text, &["服务企业"], &["家"], None, false))
    }

    #[test]
    fn years_are_placed_against_the_reporting_year() {
        assert_eq!(ent("2024年服务企业1,250家。"), vec![1250.0]);
        assert!(ent("2023年服务企业1,100家。").is_empty());
        assert!(ent("二〇二三年，中心服务企业1,100家。").is_empty());
        assert!(ent("2025年，服务企业1,500家。").is_empty());
        assert!(ent("去年服务企业1,100家。").is_empty());
        assert!(ent("上年服务企业1,100家。").is_empty());
        assert_eq!(ent("与上年相比，服务企业1,250家。"), vec![1250.0]);
        assert_eq!(
            ent("与上年相比，2023年服务企业1,100家，2024年服务企业1,250家。"),
            vec![1250.0]
        );
        assert_eq!(ent("今年服务企业1,250家。"), vec![1250.0]);
        // Without a reporting year numeric years cannot be placed; words still are.
        let spec_terms = strs(&["服务企业"]);
        let spec_units = strs(&["家"]);
        let spec = ProseSpec {
            terms: &spec_terms,
            frames: &[],
            units: &spec_units,
            money_base: None,
            percent: false,
        };
        assert_eq!(find_statements("2023年服务企业1,100家。", &spec).len(), 1);
        assert!(find_statements("去年服务企业1,100家。", &spec).is_empty());
    }

    #[test]
    fn terms_must_stand_as_terms() {
        let rev = |t: &str| values(&in_year(t, &["总收入"], &["元"], Some("万元"), false));
        assert!(rev("全年营业总收入5,000万元。").is_empty());
        assert!(rev("经营总收入5,000万元。").is_empty());
        assert_eq!(rev("全年总收入2,860万元。"), vec![2860.0]);
        assert_eq!(rev("中心总收入2,860万元。"), vec![2860.0]);
        assert_eq!(rev("**总收入**：2,860万元。"), vec![2860.0]);
        assert!(ent("服务企业家协会会员120家。").is_empty());
        assert!(ent("科技型中小企业服务企业326家。").is_empty());
        assert_eq!(ent("服务企业数1,250家。"), vec![1250.0]);
        assert_eq!(ent("全年共服务企业1,250家。"), vec![1250.0]);
        let tr = |t: &str| values(&in_year(t, &["培训"], &["人次"], None, false));
        assert!(tr("技术经纪人培训800人次。").is_empty());
        assert!(tr("线上培训1,200人次。").is_empty());
        assert_eq!(tr("开展各类培训3,200人次。"), vec![3200.0]);
        assert_eq!(tr("培训人次达3,200人次。"), vec![3200.0]);
        // Another noun or measure between the term and the number.
        assert!(tr("培训技术经纪人800人次。").is_empty());
        assert!(ent("服务企业中高新技术企业320家。").is_empty());
    }

    #[test]
    fn plans_and_plan_sections_are_skipped() {
        assert!(ent("力争服务企业达到1,500家。").is_empty());
        assert!(ent("2025年，中心将继续深化服务，服务企业1,500家。").is_empty());
        assert!(ent("服务企业1,500家的年度目标已完成。").is_empty());
        assert!(ent("争取全年服务企业1,500家。").is_empty());
        let t = "## 二、主要工作成效\n\n全年服务企业1,250家。\n\n## 六、下一年度工作计划\n\n- 服务企业1,500家；\n\n### （一）重点工作\n\n服务企业1,600家。\n\n## 七、目标完成情况\n\n全年服务企业1,250家。\n";
        assert_eq!(ent(t), vec![1250.0, 1250.0]);
        assert_eq!(heading_level("## 六、下一年度工作计划\n"), Some(2));
        assert_eq!(heading_level("六、下一年度工作计划"), Some(2));
        assert_eq!(heading_level("（一）服务企业情况"), Some(3));
        assert_eq!(
            heading_level("六、全年服务企业1,250家，同比增长7.9%。"),
            None
        );
        assert_eq!(heading_level("(十二)下一年度计划"), Some(3));
        assert_eq!(heading_level("十一、工作计划\n"), Some(2));
        assert_eq!(heading_level("（一"), None, "a bracket not closed");
        assert_eq!(heading_level("（）计划"), None);
        assert_eq!(heading_level("一二三"), None);
        assert_eq!(heading_level("、计划"), None);
        assert_eq!(heading_level(""), None);
        assert_eq!(
            heading_level("2024年工作计划"),
            None,
            "arabic numbering is not a heading here"
        );
        let long = format!("一、{}", "计划".repeat(15));
        assert_eq!(heading_level(&long), None, "longer than 30 characters");
        assert_eq!(
            heading_level(&long[..long.len() - 6]),
            Some(2),
            "30 characters"
        );
        assert_eq!(heading_level("（二）服务企业，共计"), None);
    }

    #[test]
    fn a_heading_naming_a_later_year_heads_plans() {
        let t = "一、2024年工作回顾\n\n技术合同成交额4.87亿元。\n\n三、2026年重点工作\n\n技术合同成交额达到5500亿元。\n\n四、2026年一季度完成情况\n\n技术合同成交额1.2亿元。\n";
        let plans = plan_sections_of_year(t, Some(2024));
        assert_eq!(plans.len(), 1);
        assert!(t[plans[0].clone()].starts_with("三、2026年重点工作"));
        // 2026's first quarter is no figure of 2024 either.
        assert!(t[plans[0].clone()].contains("一季度"));
        // Without the reporting year, no plan; for 2026, the 2024 section is another year's.
        assert!(plan_sections(t).is_empty());
        let of_2026 = plan_sections_of_year(t, Some(2026));
        assert_eq!(of_2026.len(), 1);
        assert!(t[of_2026[0].clone()].starts_with("一、2024年工作回顾"));
    }

    #[test]
    fn a_heading_naming_only_other_years_heads_their_figures() {
        let find = |t: &str| {
            find_for(
                t,
                &["技术合同成交额"],
                &["元"],
                Some("万元"),
                false,
                Some(2024),
            )
        };
        // A review of 2025 and of the five-year plan, in a report on 2024.
        let t = "一、2025年和“十四五”时期工作回顾\n\n技术合同成交额突破1140亿元。\n\n二、2024年工作情况\n\n技术合同成交额4.87亿元。\n";
        let got: Vec<&str> = find(t).iter().map(|f| &t[f.span.clone()]).collect();
        assert_eq!(got, ["4.87亿元"]);
        // A comparison with another year is read; so is a title naming the report.
        let t = "# 2023年度报告\n\n## 二、与2023年对比\n\n技术合同成交额4.87亿元。\n";
        assert_eq!(find(t).len(), 1);
    }

    #[test]
    fn figures_of_a_span_of_years_are_not_the_years() {
        let found = |t: &str| -> Vec<String> {
            find_for(
                t,
                &["技术合同成交额", "财政收入"],
                &["元"],
                Some("万元"),
                false,
                Some(2024),
            )
            .iter()
            .map(|f| t[f.span.clone()].to_string())
            .collect()
        };
        // Government work reports (johncodes404/china-provincial-gov-reports-2026).
        for t in [
            "五年来，我们牢记嘱托、感恩奋进。研发投入强度2.61%。技术合同成交额从1795亿元增加到5260亿元。\n",
            "这五年，发展质效持续提升。财政收入达到1350亿元，3年增长58.6%。\n",
            "近三年，中心稳步发展。技术合同成交额累计增长一倍，达到4.87亿元。\n",
            "“十四五”时期，中心转型发展。技术合同成交额达到4.87亿元。\n",
        ] {
            assert!(found(t).is_empty(), "{t}: {:?}", found(t));
        }
        // The year itself named in the sentence, one year, or no span: the year's.
        for t in [
            "五年来，中心稳步发展。2024年，技术合同成交额4.87亿元。\n",
            "近三年，中心稳步发展。全年技术合同成交额4.87亿元。\n",
            "一年来，中心技术合同成交额4.87亿元。\n",
            "中心成立十年。技术合同成交额4.87亿元。\n",
            "五年来，中心稳步发展。\n\n技术合同成交额4.87亿元。\n",
        ] {
            assert_eq!(found(t), ["4.87亿元"], "{t}");
        }
    }

    #[test]
    fn plan_sections_found_once_serve_every_metric() {
        let t = "## 一、成效\n\n服务企业1,250家。\n\n## 二、2025年工作计划\n\n服务企业1,500家。\n";
        let plans = plan_sections(t);
        assert_eq!(plans.len(), 1);
        assert!(t[plans[0].clone()].starts_with("## 二、2025年工作计划"));
        let terms = strs(&["服务企业"]);
        let units = strs(&["家"]);
        let spec = ProseSpec {
            terms: &terms,
            frames: &[],
            units: &units,
            money_base: None,
            percent: false,
        };
        let given = find_statements_outside(t, &plans, &spec, Some(2024));
        assert_eq!(values(&given), vec![1250.0]);
        assert_eq!(given, find_statements_of_year(t, &spec, Some(2024)));
    }

    #[test]
    fn from_to_compares_the_new_value_only() {
        assert_eq!(ent("服务企业数由1,100家增加到1,250家。"), vec![1250.0]);
        assert_eq!(ent("服务企业从上年的1,100家增至1,250家。"), vec![1250.0]);
        assert_eq!(ent("服务企业1,100家增长到1,250家。"), vec![1250.0]);
        assert_eq!(ent("服务企业增加到1,250家。"), vec![1250.0]);
        assert!(ent("服务企业由1,100家增加。").is_empty());
        assert!(ent("服务企业增加了200家。").is_empty());
        assert!(ent("服务企业较上年增加200家。").is_empty());
        let f = in_year(
            "服务满意度由93.8%提高到94.3%。",
            &["服务满意度"],
            &["%"],
            None,
            true,
        );
        assert_eq!(f.len(), 1);
        assert!(close(f[0].value, 0.943));
    }

    #[test]
    fn sub_groups_and_parts_are_skipped() {
        assert!(ent("其中，在高新区服务企业500家。").is_empty());
        assert!(ent("为衡阳县服务企业120家。").is_empty());
        assert!(ent("一季度服务企业320家。").is_empty());
        assert!(ent("3月服务企业120家。").is_empty());
        assert!(ent("企业服务部全年服务企业420家。").is_empty());
        assert!(ent("通过该项目服务企业80家。").is_empty());
        assert!(ent("累计服务企业8,000家。").is_empty());
        assert_eq!(ent("全年累计服务企业1,250家。"), vec![1250.0]);
        assert_eq!(ent("截至2024年12月31日中心服务企业1,250家。"), vec![1250.0]);
        assert_eq!(
            ent("服务各类主体1,800个，其中服务企业1,250家。"),
            vec![1250.0]
        );
        let tr = |t: &str| values(&in_year(t, &["培训"], &["人次"], None, false));
        assert_eq!(
            tr("培训3,200人次，其中培训技术经纪人800人次。"),
            vec![3200.0]
        );
        let fis = |t: &str| values(&in_year(t, &["财政收入"], &["元"], Some("万元"), false));
        assert_eq!(
            fis("全年总收入2,860万元，其中财政收入1,100万元。"),
            vec![1100.0]
        );
    }

    #[test]
    fn chinese_numerals_in_prose() {
        assert_eq!(ent("全年共服务企业一千四百五十家。"), vec![1450.0]);
        assert_eq!(ent("服务企业两千家。"), vec![2000.0]);
        let f = in_year(
            "技术合同成交额三千二百万元。",
            &["技术合同成交额"],
            &["元"],
            Some("万元"),
            false,
        );
        assert_eq!(values(&f), vec![3200.0]);
        assert_eq!(f[0].unit, "万元");
        assert!(ent("服务企业二〇二四家。").is_empty());
        assert!(ent("服务企业数百家。").is_empty());
    }

    #[test]
    fn approximate_figures() {
        let f = in_year(
            "全年服务企业1,200余家。",
            &["服务企业"],
            &["家"],
            None,
            false,
        );
        assert_eq!(f[0].approx, Approx::Over);
        assert!(agrees(&f[0], 1250.0, false, 0.01, 0.002));
        assert!(!agrees(&f[0], 1100.0, false, 0.01, 0.002));
        assert!(!agrees(&f[0], 2000.0, false, 0.01, 0.002));
        let f = in_year("服务企业超过1,200家。", &["服务企业"], &["家"], None, false);
        assert_eq!(f[0].approx, Approx::AtLeast);
        assert!(agrees(&f[0], 2000.0, false, 0.01, 0.002));
        assert!(!agrees(&f[0], 1000.0, false, 0.01, 0.002));
        let f = in_year("服务企业1,200家以上。", &["服务企业"], &["家"], None, false);
        assert_eq!(f[0].approx, Approx::AtLeast);
        let f = in_year("服务企业约1,200家。", &["服务企业"], &["家"], None, false);
        assert_eq!(f[0].approx, Approx::About);
        assert!(agrees(&f[0], 1250.0, false, 0.01, 0.002));
        assert!(!agrees(&f[0], 1450.0, false, 0.01, 0.002));
        let f = in_year("服务企业1,200家左右。", &["服务企业"], &["家"], None, false);
        assert_eq!(f[0].approx, Approx::About);
        let f = in_year("服务企业1,250家。", &["服务企业"], &["家"], None, false);
        assert_eq!(f[0].approx, Approx::Exact);
    }

    #[test]
    fn half_width_normalisation() {
        assert_eq!(to_half_width("９４．３％"), "94.3%");
        assert_eq!(money_unit_exp("万元"), Some(4));
        assert_eq!(money_unit_exp("家"), None);
    }
}
