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
    /// Accepted unit words right after the number, e.g. ["家"], ["人次"], ["人","名"], ["%"], ["元"] .
    /// Money: if a unit is "元", then "元", "万元", "亿元" are all accepted and converted.
    pub units: &'a [String],
    /// For money: the unit the metric is stored in ("万元"): found values are converted to it
    /// (4.87亿元 -> 48700 when base is 万元). None for non-money.
    pub money_base: Option<&'a str>,
    /// Percent metric: the stated figure must carry % / ％, value returned as fraction.
    pub percent: bool,
}

/// Maximum number of characters between the end of a term and the number.
pub const MAX_GAP_CHARS: usize = 12;

/// Maximum number of characters looked at before a term (same clause).
pub const MAX_PRE_CHARS: usize = 12;

/// Longest digit run accepted as a number (longer runs are ids, not figures).
const MAX_DIGITS: usize = 24;

/// Characters that end a clause: a figure never spans them.
/// Comma and enumeration comma end a clause too; `|` ends a Markdown table cell.
pub const CLAUSE_STOPS: &[char] = &[
    '。', '；', ';', '！', '？', '!', '?', '\n', '\r', '|', '，', ',', '、',
];

/// Words that, between a term and its number, mean the number is not the level
/// itself: a comparison, a change, a plan, a target or a cumulative total.
pub const GAP_SKIP_WORDS: &[&str] = &[
    "同比",
    "环比",
    "较",
    "比上年",
    "上年",
    "去年",
    "增长",
    "增加",
    "增幅",
    "增速",
    "下降",
    "减少",
    "降低",
    "提高",
    "提升",
    "目标",
    "力争",
    "计划",
    "预计",
    "预期",
    "新增",
    "累计",
    "不低于",
    "不少于",
    "不超过",
    "不高于",
    "至少",
    "最低",
    "最高",
];

/// Nouns that, in the gap, introduce another measure the number belongs to
/// (`满意度回访，回访率不低于90%` — the number is the 回访率).
pub const GAP_MEASURE_WORDS: &[&str] = &["率", "占比", "比例", "比重", "平均", "人均"];

/// Words before a term (same clause) that make the statement something other
/// than the center's own level: a plan, a cumulative total, or staff attending
/// training (`选派业务骨干参加业务培训10人次`).
pub const PRE_SKIP_WORDS: &[&str] = &[
    "新增", "累计", "计划", "力争", "目标", "预计", "预期", "拟", "同比", "上年", "去年", "参加",
    "参与", "选派", "派出", "外派", "接受",
];

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

/// The clause text just before byte `pos` (at most `MAX_PRE_CHARS` chars).
fn pre_context(text: &str, pos: usize) -> &str {
    let head = match text.get(..pos) {
        Some(h) => h,
        None => return "",
    };
    let mut start = pos;
    for (n, (o, c)) in head.char_indices().rev().enumerate() {
        if n >= MAX_PRE_CHARS || CLAUSE_STOPS.contains(&c) {
            break;
        }
        start = o;
    }
    head.get(start..).unwrap_or("")
}

/// The figure stated by the term occupying `term_start..term_end`, if any.
fn statement_at(text: &str, term_start: usize, term_end: usize, acc: &Accept) -> Option<Figure> {
    if contains_any(pre_context(text, term_start), PRE_SKIP_WORDS) {
        return None;
    }
    // Forward: the first number in the same clause, within the gap limit.
    let tail = text.get(term_end..)?;
    let mut num_start = None;
    for (n, (o, c)) in tail.char_indices().enumerate() {
        if is_digit(c) {
            num_start = Some(term_end + o);
            break;
        }
        if n >= MAX_GAP_CHARS || CLAUSE_STOPS.contains(&c) {
            return None;
        }
    }
    let num_start = num_start?;
    let gap = text.get(term_end..num_start)?;
    if contains_any(gap, GAP_SKIP_WORDS) || contains_any(gap, GAP_MEASURE_WORDS) {
        return None;
    }
    let raw = lex_number(text, num_start, false)?;
    if raw.percent {
        if !acc.percent {
            return None;
        }
        return Some(Figure {
            value: raw.value(0)?,
            unit: "%".to_string(),
            span: num_start..raw.end,
        });
    }
    if acc.percent {
        // A percent metric must be stated with a percent sign.
        return None;
    }
    // Unit: allow a little padding (spaces, Markdown emphasis) and an
    // approximation marker (1,200余家 / 1,200多家) before the unit word.
    let mut p = raw.end;
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
    if let Some(c @ ('余' | '多')) = rest.chars().next() {
        rest = rest.get(c.len_utf8()..)?;
        p += c.len_utf8();
    }
    let word = longest_unit(rest, &acc.words)?;
    let unit_end = p + word.len();
    let written = format!("{}{}", raw.mult_text, word);
    let value = if acc.money && word == "元" {
        raw.value(-acc.base_exp)?
    } else if acc.words.iter().any(|w| w == word || *w == written) {
        raw.value(0)?
    } else {
        return None;
    };
    Some(Figure {
        value,
        unit: to_half_width(&written),
        span: num_start..unit_end,
    })
}

/// Every statement of the figure in `text`: each occurrence of a term followed, within a short window
/// on the same clause (no sentence punctuation 。；;！？ or newline in between, at most ~12 chars of gap),
/// by a number with an accepted unit. Skip an occurrence where the gap contains a year ("2023年"),
/// or comparative/plan words such as 同比, 较, 增长, 下降, 目标, 力争, 计划, 预计, 新增, 累计 (the number then is not the level).
/// Returns figures in text order, each with the byte span of number+unit in `text`.
///
/// Heuristics beyond the above: only the first number after a term is considered
/// (`培训56场次` is rejected, not skipped over); a comma, `、` or a table bar `|`
/// also ends the clause; a gap naming another measure (率, 占比, 比例, 平均...)
/// is skipped; so is an occurrence whose clause starts with a plan/attendance word
/// (计划, 新增, 累计, 参加, 选派...). A number followed by 年 is a year, never a figure.
pub fn find_statements(text: &str, spec: &ProseSpec) -> Vec<Figure> {
    let acc = Accept::new(spec);
    let mut out: Vec<Figure> = Vec::new();
    for term in spec.terms {
        if term.is_empty() {
            continue;
        }
        for (pos, t) in text.match_indices(term.as_str()) {
            if let Some(f) = statement_at(text, pos, pos + t.len(), &acc) {
                out.push(f);
            }
        }
    }
    out.sort_by(|a, b| {
        a.span
            .start
            .cmp(&b.span.start)
            .then(a.span.end.cmp(&b.span.end))
    });
    out.dedup_by(|a, b| a.span == b.span);
    out
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
    let (diff, tol) = if percent {
        let m = if metric.abs() > 1.5 && stated.value.abs() <= 1.5 {
            metric / 100.0
        } else {
            metric
        };
        ((stated.value - m).abs(), abs_pct.max(0.0) + allow + 1e-9)
    } else {
        (
            (stated.value - metric).abs(),
            rel.max(0.0) * metric.abs() + allow + 1e-9 * metric.abs().max(1.0),
        )
    };
    diff <= tol
}

#[cfg(test)]
mod tests {
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
        let t = strs(terms);
        let u = strs(units);
        let spec = ProseSpec {
            terms: &t,
            units: &u,
            money_base: base,
            percent: pct,
        };
        find_statements(text, &spec)
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
        let f = find(t, &["满意度"], &["%"], None, true);
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
        let f = find("服务满意度0.943，较好。", &["满意度"], &["%"], None, true);
        assert!(f.is_empty());
        let f = find("服务满意度为９５％。", &["满意度"], &["%"], None, true);
        assert_eq!(f.len(), 1);
        assert!(close(f[0].value, 0.95));
        assert_eq!(f[0].unit, "%");
    }

    #[test]
    fn yoy_growth_is_not_a_level() {
        let t = "服务满意度同比提高3.8%。服务企业数同比增长3.8%。服务企业较上年增加120家。";
        assert!(find(t, &["满意度"], &["%"], None, true).is_empty());
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
        assert!(find(t, &["满意度"], &["%"], None, true).is_empty());
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
        let f = find(t, &["满意度"], &["%"], None, true);
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

    #[test]
    fn half_width_normalisation() {
        assert_eq!(to_half_width("９４．３％"), "94.3%");
        assert_eq!(money_unit_exp("万元"), Some(4));
        assert_eq!(money_unit_exp("家"), None);
    }
}
