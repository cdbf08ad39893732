//! How findings and rules are classified: how severe a finding is ([`Severity`]), which
//! dimension of the standard a rule counts towards ([`Dimension`]), and how a rule ended
//! for one submission ([`Outcome`]). A leaf: it knows nothing of findings, standards or
//! checks, so every layer above can share these types.

use std::fmt;

use serde::Serialize;

use crate::i18n::Text;

/// What a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// The severity as users read it: 错误/警告/提示, error/warning/info.
    pub fn name(self) -> Text {
        match self {
            Severity::Error => Text::new("错误", "error"),
            Severity::Warning => Text::new("警告", "warning"),
            Severity::Info => Text::new("提示", "info"),
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// The four dimensions of a service standard system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dimension {
    Basic,
    Provision,
    Support,
    Evaluation,
}

impl Dimension {
    pub const ALL: [Dimension; 4] = [
        Dimension::Basic,
        Dimension::Provision,
        Dimension::Support,
        Dimension::Evaluation,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Dimension::Basic => "basic",
            Dimension::Provision => "provision",
            Dimension::Support => "support",
            Dimension::Evaluation => "evaluation",
        }
    }

    pub fn parse(s: &str) -> Option<Dimension> {
        Dimension::ALL.into_iter().find(|d| d.id() == s)
    }

    pub fn name(self) -> Text {
        match self {
            Dimension::Basic => Text::new("基础通用", "Basic"),
            Dimension::Provision => Text::new("服务提供", "Service provision"),
            Dimension::Support => Text::new("服务保障", "Service support"),
            Dimension::Evaluation => Text::new("绩效评价", "Performance evaluation"),
        }
    }
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// How a rule ended for one submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Pass,
    Fail,
    /// The rule's `applies_to` excludes this center.
    NotApplicable,
    /// The rule's input is missing or unreadable: not passed.
    Error,
    /// `--select`/`--ignore` (or `sscheck.toml`) left the rule out of this run: not
    /// checked, and not counted in the score.
    NotSelected,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Pass => "pass",
            Outcome::Fail => "fail",
            Outcome::NotApplicable => "not-applicable",
            Outcome::Error => "error",
            Outcome::NotSelected => "not-selected",
        }
    }
}
