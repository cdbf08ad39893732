//! Bilingual text. Every message a user sees exists in Chinese and English.

use std::fmt;

use serde::Serialize;

/// The language of the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The default language from the environment (`LANG`, `LC_ALL`, `LC_MESSAGES`):
    /// Chinese when the locale starts with `zh`, English when it names another language,
    /// Chinese when unset (the main users read Chinese).
    pub fn from_env() -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var) {
                if v.is_empty() {
                    continue;
                }
                let v = v.to_ascii_lowercase();
                if v.starts_with("zh") {
                    return Lang::Zh;
                }
                if v == "c" || v == "posix" || v.starts_with("c.") {
                    return Lang::En;
                }
                return Lang::En;
            }
        }
        Lang::Zh
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}

/// A text in both languages.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh if !self.zh.is_empty() => &self.zh,
            Lang::En if !self.en.is_empty() => &self.en,
            // Fall back to whichever language exists rather than print nothing.
            _ if !self.zh.is_empty() => &self.zh,
            _ => &self.en,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.zh.is_empty() && self.en.is_empty()
    }
}

/// A value that can be written into a message of either language: [`Text`] gives its
/// Chinese or English text, anything [`Display`](fmt::Display) gives itself. Used by
/// [`t!`](crate::t).
pub trait Localize {
    /// This value as written in a message in `lang`.
    fn localize(&self, lang: Lang) -> &dyn fmt::Display;
}

impl Localize for Text {
    fn localize(&self, lang: Lang) -> &dyn fmt::Display {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

// `Text` is not `Display`, so the two impls do not overlap.
impl<T: fmt::Display> Localize for T {
    fn localize(&self, _: Lang) -> &dyn fmt::Display {
        self
    }
}

/// Build a [`Text`] from a Chinese and an English format string with named arguments.
///
/// Each argument is evaluated once and written in the message's own language: a [`Text`]
/// as its `zh` in the Chinese string and its `en` in the English one, anything
/// [`Display`](std::fmt::Display) as it is. The templates refer to arguments by name
/// (`{name}`, `{count:02}`), in any order, and either may leave out an argument the other
/// uses. Values go in as named arguments: a `Text` cannot be captured from the surrounding
/// scope, as it is not `Display`. Without arguments the templates are still format strings
/// (write `{{` for `{`).
///
/// ```
/// use sscheck::i18n::Text;
/// use sscheck::t;
///
/// let metric = Text::new("服务企业数", "enterprises served");
/// let message = t!(
///     "{year} 年{metric}为 {value}，低于下限 {min}",
///     "{metric} was {value} in {year}, below the minimum {min}",
///     metric = metric,
///     value = 236,
///     min = 300,
///     year = 2024,
/// );
/// assert_eq!(message.zh, "2024 年服务企业数为 236，低于下限 300");
/// assert_eq!(message.en, "enterprises served was 236 in 2024, below the minimum 300");
///
/// // A template may leave out an argument (here the Chinese measure word).
/// let n = 3;
/// let count = t!("{n} {unit}问题", "{n} problems", n = n, unit = "个");
/// assert_eq!(count, Text::new("3 个问题", "3 problems"));
///
/// assert_eq!(t!("无问题", "no problems"), Text::new("无问题", "no problems"));
/// ```
#[macro_export]
macro_rules! t {
    ($zh:literal, $en:literal $(,)?) => {
        $crate::i18n::Text::new(
            ::std::fmt::format(::std::format_args!($zh)),
            ::std::fmt::format(::std::format_args!($en)),
        )
    };
    ($zh:literal, $en:literal, $($name:ident = $value:expr),+ $(,)?) => {{
        use $crate::i18n::Localize as _;
        // Every argument is evaluated once, before either language is written.
        let ($($name,)+) = ($(&$value,)+);
        $crate::i18n::Text::new(
            {
                $(#[allow(unused_variables)] let $name = $name.localize($crate::i18n::Lang::Zh);)+
                ::std::fmt::format(::std::format_args!($zh))
            },
            {
                $(#[allow(unused_variables)] let $name = $name.localize($crate::i18n::Lang::En);)+
                ::std::fmt::format(::std::format_args!($en))
            },
        )
    }};
}

/// `48700` as `48,700`, `-1234.5` as `-1,234.5`: the whole part of a plain decimal
/// grouped by three (both languages group with `,`); anything else as it is.
pub fn group_thousands(s: &str) -> String {
    let (sign, rest) = s.strip_prefix('-').map_or(("", s), |r| ("-", r));
    let (whole, frac) = rest.split_once('.').map_or((rest, ""), |(w, f)| (w, f));
    if whole.len() <= 3 || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + whole.len() / 3);
    out.push_str(sign);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_arguments_follow_the_language() {
        let doc = Text::new("年度工作报告", "annual report");
        let m = t!(
            "《{doc}》第 {n} 行",
            "line {n} of the {doc}",
            doc = doc,
            n = 7
        );
        assert_eq!(
            m,
            Text::new("《年度工作报告》第 7 行", "line 7 of the annual report")
        );
        // A reference to a `Text` works the same.
        let r = &doc;
        assert_eq!(t!("{r}", "{r}", r = r), doc);
    }

    #[test]
    fn arguments_are_evaluated_once_and_keep_format_specs() {
        let mut calls = 0;
        let mut next = || {
            calls += 1;
            calls
        };
        let m = t!("{a:02}/{a}", "{a:>3}", a = next());
        assert_eq!(m, Text::new("01/1", "  1"));
        assert_eq!(calls, 1);
    }

    #[test]
    fn templates_may_omit_arguments_and_swap_names() {
        let (a, b) = ("a", "b");
        let m = t!("{x}", "{y}{x}", x = b, y = a);
        assert_eq!(m, Text::new("b", "ab"));
        assert_eq!(t!("{{}}", "{{x}}"), Text::new("{}", "{x}"));
    }

    #[test]
    fn digits_group_by_three_in_the_whole_part_only() {
        assert_eq!(super::group_thousands("48700"), "48,700");
        assert_eq!(super::group_thousands("1234567.125"), "1,234,567.125");
        assert_eq!(super::group_thousands("-1234.5"), "-1,234.5");
        assert_eq!(super::group_thousands("999"), "999");
        assert_eq!(super::group_thousands("0.0001"), "0.0001");
        assert_eq!(super::group_thousands("94.3%"), "94.3%");
        assert_eq!(super::group_thousands("inf"), "inf");
    }
}
