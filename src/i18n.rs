//! Bilingual text. Every message a user sees exists in Chinese and English.

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

/// Build a [`Text`] from two format strings sharing the same arguments.
#[macro_export]
macro_rules! t {
    ($zh:expr, $en:expr $(,)?) => {
        $crate::i18n::Text::new($zh, $en)
    };
    ($zh:expr, $en:expr, $($arg:tt)+) => {
        $crate::i18n::Text::new(format!($zh, $($arg)+), format!($en, $($arg)+))
    };
}

impl Text {
    /// Replace the English text (when the two languages order arguments differently).
    pub fn with_en(mut self, en: String) -> Text {
        self.en = en;
        self
    }
}

impl Text {
    /// Replace the Chinese text.
    pub fn with_zh(mut self, zh: String) -> Text {
        self.zh = zh;
        self
    }
}
