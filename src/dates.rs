//! Dates as people write them in Chinese documents and forms, shared by the checks
//! (a document's revision date) and the submission loaders (a waiver's expiry).

use std::sync::OnceLock;

use regex::Regex;

/// A date as documents write it: `2023-05-10`, `2023.5.10`, `2023/5/10`, `2023年5月10日`,
/// `2023年05月` (month precision: the month's last day), full-width digits, and Chinese
/// numerals (`二〇二三年五月十日`).
pub const DATE: &str = r"(?:(?P<y>[12１２][0-9０-９]{3})\s*(?:年\s*(?P<m1>[0-9０-９]{1,2})\s*月(?:\s*(?P<d1>[0-9０-９]{1,2})\s*日)?|[-./．／]\s*(?P<m2>[0-9０-９]{1,2})\s*[-./．／]\s*(?P<d2>[0-9０-９]{1,2}))|(?P<cy>[〇○零一二三四五六七八九]{4})\s*年\s*(?P<cm>[一二三四五六七八九十]{1,3})\s*月(?:\s*(?P<cd>[一二三四五六七八九十]{1,3})\s*日)?)";

/// The date a [`DATE`] match names (its named groups), with the span of the date itself.
/// A date read: year, month, day; its span; whether only the month is written.
pub type DateRead = ((i32, u32, u32), std::ops::Range<usize>, bool);

pub fn date_of(c: &regex::Captures) -> Option<DateRead> {
    // Half- or full-width digits, as the figure reader takes them.
    let arabic = |s: &str| -> Option<u32> {
        s.chars().try_fold(0u32, |acc, ch| {
            Some(acc * 10 + u32::from(crate::figures::digit_value(ch)?))
        })
    };
    let (y, m, d, first, last) = if let Some(y) = c.name("y") {
        let (m, d) = match (c.name("m1"), c.name("m2")) {
            (Some(m), _) => (m, c.name("d1")),
            (None, Some(m)) => (m, c.name("d2")),
            _ => return None,
        };
        let year = arabic(y.as_str())? as i32;
        let month = arabic(m.as_str())?;
        let day = match d {
            Some(d) => Some(arabic(d.as_str())?),
            None => None,
        };
        (year, month, day, y.start(), d.unwrap_or(m).end())
    } else {
        let y = c.name("cy")?;
        let m = c.name("cm")?;
        let d = c.name("cd");
        // 二〇二四 is read digit by digit; 十五 as a number.
        let cn =
            |s: &str| crate::figures::parse_cn_numeral(&s.replace('○', "〇")).map(|v| v as u32);
        let year = y.as_str().chars().try_fold(0i32, |acc, ch| {
            Some(acc * 10 + cn(ch.encode_utf8(&mut [0; 4]))? as i32)
        })?;
        let month = cn(m.as_str())?;
        let day = match d {
            Some(d) => Some(cn(d.as_str())?),
            None => None,
        };
        (year, month, day, y.start(), d.unwrap_or(m).end())
    };
    if !(1900..=2100).contains(&y) || !(1..=12).contains(&m) {
        return None;
    }
    let last_day = jiff::civil::Date::new(y as i16, m as i8, 1)
        .ok()?
        .days_in_month() as u32;
    // Month precision means the end of that month.
    let month_only = d.is_none();
    let d = d.unwrap_or(last_day);
    if !(1..=last_day).contains(&d) {
        return None;
    }
    // The span takes the closing `月` / `日` when written.
    let whole = c.get(0)?;
    let rest = &whole.as_str()[last - whole.start()..];
    let trimmed = rest.trim_start();
    let last = match trimmed.chars().next() {
        Some(ch @ ('月' | '日')) => last + (rest.len() - trimmed.len()) + ch.len_utf8(),
        _ => last,
    };
    Some(((y, m, d), first..last, month_only))
}

/// A whole text that is one date in any form [`DATE`] takes (surrounding blanks allowed):
/// `2027-06-30`, `2027/6/30`, `2027.6.30`, `2027年6月30日`, `2027年6月` (the end of
/// June), full-width digits, `二〇二七年六月三十日`.
pub fn parse_date(text: &str) -> Option<jiff::civil::Date> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(&format!(r"^\s*{DATE}\s*$")).expect("static regex"));
    let c = re.captures(text)?;
    let ((y, m, d), span, _) = date_of(&c)?;
    // The closing 月/日 is part of the date; anything else after it is not.
    if !text[span.end..].trim().is_empty() {
        return None;
    }
    jiff::civil::Date::new(i16::try_from(y).ok()?, m as i8, d as i8).ok()
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn every_form_people_write() {
        let d = |y, m, d| Some(jiff::civil::date(y, m, d));
        assert_eq!(parse_date("2027-06-30"), d(2027, 6, 30));
        assert_eq!(parse_date(" 2027-6-30 "), d(2027, 6, 30));
        assert_eq!(parse_date("2027年6月30日"), d(2027, 6, 30));
        assert_eq!(parse_date("2027 年 6 月 30 日"), d(2027, 6, 30));
        assert_eq!(parse_date("2027年6月"), d(2027, 6, 30));
        assert_eq!(parse_date("2028年2月"), d(2028, 2, 29));
        assert_eq!(parse_date("2027/6/30"), d(2027, 6, 30));
        assert_eq!(parse_date("2027.6.30"), d(2027, 6, 30));
        assert_eq!(parse_date("２０２７年６月３０日"), d(2027, 6, 30));
        assert_eq!(parse_date("２０２７．６．３０"), d(2027, 6, 30));
        assert_eq!(parse_date("二〇二七年六月三十日"), d(2027, 6, 30));
        assert_eq!(parse_date("二○二七年十二月"), d(2027, 12, 31));
    }

    #[test]
    fn not_dates() {
        for t in [
            "",
            "2027",
            "2027-13-01",
            "2027-02-30",
            "2027年",
            "明年六月",
            "2027-06-30 左右",
            "2027年6月30日前后",
            "30/6/2027",
            "2027-06-30-01",
        ] {
            assert_eq!(parse_date(t), None, "{t}");
        }
    }
}
