//! The rule expression language.
//!
//! Standards express numeric checks as small, safe, non-Turing-complete
//! expressions over metric values, for example
//! `revenue_fiscal / revenue_total <= 60%` or
//! `has(staff_count[-1]) and staff_count >= staff_count[-1]`.
//!
//! Grammar (lowest to highest precedence):
//!
//! ```text
//! expr    := or
//! or      := and (("or" | "||") and)*
//! and     := not (("and" | "&&") not)*
//! not     := ("not" | "!") not | cmp
//! cmp     := sum (("<" | "<=" | ">" | ">=" | "==" | "!=") sum)?   -- never chained
//! sum     := product (("+" | "-") product)*
//! product := unary (("*" | "/") unary)*
//! unary   := "-" unary | primary
//! primary := number | number "%" | "true" | "false" | metric | call | "(" expr ")"
//! metric  := id ("[" ("-")? digits "]")?      -- offset must be <= 0
//! call    := ("abs" | "min" | "max") "(" expr ("," expr)* ")" | "has" "(" metric ")"
//! ```
//!
//! Only two types exist, [`Type::Number`] and [`Type::Bool`]; every expression
//! is type-checked at compile time against the declared metric types.
//!
//! Numeric comparisons use a tiny relative tolerance ([`REL_EPSILON`]) so that
//! sums of decimal amounts compare as expected (`0.1 + 0.2 == 0.3` is true).
//!
//! Robustness guarantees: compiling never panics, input longer than
//! [`Limits::max_len`] is rejected up front, and both parser recursion and the
//! height of the syntax tree are bounded by [`Limits::max_depth`] (itself capped
//! at [`HARD_MAX_DEPTH`]), so evaluation of any compiled expression is
//! recursion-safe as well.

mod eval;
mod explain;
mod lex;
mod parse;

pub use explain::Words;

use std::fmt;

use crate::i18n::Text;
use crate::t;

/// Default maximum expression length in bytes.
pub const DEFAULT_MAX_LEN: usize = 4096;
/// Default maximum nesting depth.
pub const DEFAULT_MAX_DEPTH: usize = 64;
/// Absolute cap on the nesting depth, whatever [`Limits::max_depth`] says.
/// Keeps recursion well inside a 2 MiB thread stack, even in debug builds
/// (roughly 6 KiB per level unoptimized, far less optimized).
pub const HARD_MAX_DEPTH: usize = 128;
/// The furthest a year offset may reach back (`name[-100]`).
pub const MAX_YEAR_OFFSET: i32 = 100;
/// Relative tolerance used by numeric `==`, `!=`, `<`, `<=`, `>`, `>=`.
pub const REL_EPSILON: f64 = 1e-9;

/// The static type of an expression or metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    Number,
    Bool,
}

impl Type {
    /// English name used in messages.
    pub fn name(self) -> &'static str {
        match self {
            Type::Number => "number",
            Type::Bool => "bool",
        }
    }

    /// Chinese name used in messages.
    pub fn name_zh(self) -> &'static str {
        match self {
            Type::Number => "数值",
            Type::Bool => "布尔值",
        }
    }

    /// The name in both languages.
    pub fn text(self) -> Text {
        Text::new(self.name_zh(), self.name())
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A runtime value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    Number(f64),
    Bool(bool),
}

impl Value {
    /// The type of this value.
    pub fn ty(self) -> Type {
        match self {
            Value::Number(_) => Type::Number,
            Value::Bool(_) => Type::Bool,
        }
    }

    /// The number, if this is a number.
    pub fn as_number(self) -> Option<f64> {
        match self {
            Value::Number(x) => Some(x),
            Value::Bool(_) => None,
        }
    }

    /// The boolean, if this is a bool.
    pub fn as_bool(self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(b),
            Value::Number(_) => None,
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Bool(b) => write!(f, "{b}"),
            Value::Number(x) => f.write_str(&format_number(*x)),
        }
    }
}

/// Formats a number for humans: integral values without a fractional part,
/// values of magnitude >= 1 with at most 4 decimals, smaller values with at
/// most 4 significant digits; trailing zeros are trimmed.
pub fn format_number(x: f64) -> String {
    if !x.is_finite() {
        return format!("{x}");
    }
    if x == 0.0 {
        return "0".to_string();
    }
    if x == x.trunc() {
        return format!("{x:.0}");
    }
    let decimals = if x.abs() >= 1.0 {
        4
    } else {
        // floor(log10(|x|)) is in -324..=-1 here.
        let exp = x.abs().log10().floor() as i64;
        (3 - exp).clamp(4, 15) as usize
    };
    let mut s = format!("{x:.decimals$}");
    if s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
    if s == "-0" {
        s = "0".to_string();
    }
    s
}

/// An error located inside the expression source.
#[derive(Debug, Clone, PartialEq)]
pub struct ExprError {
    /// The message, e.g. "未知指标 `revenu_total`" / "unknown metric `revenu_total`".
    pub message: Text,
    /// Byte offset in the expression source.
    pub offset: usize,
    /// Byte length of the offending token (0 only at the end of input).
    pub len: usize,
    /// 1-based column in characters.
    pub column: usize,
}

impl ExprError {
    /// Builds an error at `offset..offset + len` of `src`, computing the column.
    pub fn at(src: &str, offset: usize, len: usize, message: Text) -> ExprError {
        ExprError {
            message,
            offset,
            len,
            column: column_of(src, offset),
        }
    }
}

impl fmt::Display for ExprError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (column {})", self.message.en, self.column)
    }
}

impl std::error::Error for ExprError {}

/// 1-based character column of byte `offset` in `src` (never panics, even for
/// offsets that are out of range or not on a character boundary).
pub fn column_of(src: &str, offset: usize) -> usize {
    src.char_indices().take_while(|(i, _)| *i < offset).count() + 1
}

/// Resource limits applied when compiling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Maximum source length in bytes.
    pub max_len: usize,
    /// Maximum nesting depth (parser recursion and syntax tree height).
    /// Values above [`HARD_MAX_DEPTH`] are treated as [`HARD_MAX_DEPTH`].
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_len: DEFAULT_MAX_LEN,
            max_depth: DEFAULT_MAX_DEPTH,
        }
    }
}

/// A parsed, type-checked expression. Immutable, `Send + Sync`.
#[derive(Debug, Clone)]
pub struct Expr {
    source: String,
    root: parse::Node,
    refs: Vec<(String, i32)>,
}

impl Expr {
    /// Parses and type-checks `src`. `metric_type(id)` returns the declared
    /// type of a metric id, `None` if the metric is unknown.
    pub fn compile(
        src: &str,
        metric_type: &dyn Fn(&str) -> Option<Type>,
        limits: &Limits,
    ) -> Result<Expr, ExprError> {
        let parsed = parse::parse(src, metric_type, limits)?;
        Ok(Expr {
            source: src.to_string(),
            root: parsed.root,
            refs: parsed.refs,
        })
    }

    /// The type of the whole expression.
    pub fn result_type(&self) -> Type {
        self.root.ty
    }

    /// The source text the expression was compiled from.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Every (metric id, year offset <= 0) the expression reads, including
    /// those inside `has(...)`, deduplicated, in first-appearance order.
    pub fn references(&self) -> Vec<(String, i32)> {
        self.refs.clone()
    }

    /// 1-based character column of a byte offset in the source, e.g. for
    /// [`EvalError::DivisionByZero`].
    pub fn column(&self, offset: usize) -> usize {
        column_of(&self.source, offset)
    }

    /// Evaluates the expression. `lookup(id, offset)` returns the value of a
    /// metric `offset` years relative to the evaluation year (0 = that year,
    /// -1 = the year before); `None` means missing. A value of the wrong type
    /// or a non-finite number counts as missing. Reading a missing value
    /// outside `has()` yields [`EvalError::Missing`]; `and` / `or`
    /// short-circuit.
    pub fn eval(&self, lookup: &dyn Fn(&str, i32) -> Option<Value>) -> Result<Value, EvalError> {
        eval::eval(&self.root, lookup)
    }

    /// Why the condition is `want` for these values, said positively in words ("Staff is
    /// 3, below 5, and Full-time brokers is 0"); `None` when it is not, or when a value
    /// is missing.
    pub fn why(
        &self,
        want: bool,
        lookup: &dyn Fn(&str, i32) -> Option<Value>,
        words: &dyn Words,
    ) -> Option<Text> {
        explain::why(&self.root, want, lookup, words)
    }
}

/// An error raised while evaluating a compiled expression.
#[derive(Debug, Clone, PartialEq)]
pub enum EvalError {
    /// A metric value needed by the expression is missing.
    Missing { metric: String, offset: i32 },
    /// Division by zero; `offset` is the byte offset of the `/` in the source.
    DivisionByZero { offset: usize },
    /// An arithmetic result overflowed to infinity or NaN.
    NotFinite,
}

impl EvalError {
    /// The message in both languages.
    pub fn message(&self) -> Text {
        match self {
            EvalError::Missing { metric, offset: 0 } => t!(
                "缺少指标 `{metric}` 的值",
                "missing value for `{metric}`",
                metric = metric
            ),
            EvalError::Missing { metric, offset } => t!(
                "缺少指标 `{metric}[{offset}]` 的值",
                "missing value for `{metric}[{offset}]`",
                metric = metric,
                offset = offset
            ),
            EvalError::DivisionByZero { .. } => t!("除数为零", "division by zero"),
            EvalError::NotFinite => t!(
                "数值溢出（结果不是有限数）",
                "arithmetic overflow (result is not a finite number)"
            ),
        }
    }
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().en)
    }
}

impl std::error::Error for EvalError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn types(id: &str) -> Option<Type> {
        match id {
            "a" | "b" | "revenue" | "staff" => Some(Type::Number),
            "flag" => Some(Type::Bool),
            _ => None,
        }
    }

    fn compile(src: &str) -> Result<Expr, ExprError> {
        Expr::compile(src, &types, &Limits::default())
    }

    #[test]
    fn display_integral_numbers() {
        assert_eq!(Value::Number(5.0).to_string(), "5");
        assert_eq!(Value::Number(-12.0).to_string(), "-12");
        assert_eq!(Value::Number(0.0).to_string(), "0");
        assert_eq!(Value::Number(-0.0).to_string(), "0");
        assert_eq!(Value::Number(1e20).to_string(), "100000000000000000000");
    }

    #[test]
    fn display_fractional_numbers() {
        assert_eq!(Value::Number(0.6).to_string(), "0.6");
        assert_eq!(Value::Number(1.0 / 3.0).to_string(), "0.3333");
        assert_eq!(Value::Number(2.0 / 3.0).to_string(), "0.6667");
        assert_eq!(Value::Number(1_234.567_89).to_string(), "1234.5679");
        assert_eq!(Value::Number(-0.5).to_string(), "-0.5");
        assert_eq!(Value::Number(0.000_123_456).to_string(), "0.0001235");
        assert_eq!(Value::Number(1.999_99).to_string(), "2");
        assert_eq!(Value::Number(1e-300).to_string(), "0");
        assert_eq!(Value::Number(f64::INFINITY).to_string(), "inf");
    }

    #[test]
    fn display_bools_and_types() {
        assert_eq!(Value::Bool(true).to_string(), "true");
        assert_eq!(Value::Bool(false).to_string(), "false");
        assert_eq!(Type::Number.to_string(), "number");
        assert_eq!(Type::Bool.name_zh(), "布尔值");
        assert_eq!(Value::Bool(true).ty(), Type::Bool);
        assert_eq!(Value::Number(1.0).as_number(), Some(1.0));
        assert_eq!(Value::Number(1.0).as_bool(), None);
        assert_eq!(Value::Bool(false).as_bool(), Some(false));
    }

    #[test]
    fn default_limits() {
        let l = Limits::default();
        assert_eq!(l.max_len, 4096);
        assert_eq!(l.max_depth, 64);
    }

    #[test]
    fn expr_accessors() {
        let e = compile("revenue / staff > 3 and has(b[-1])").unwrap();
        assert_eq!(e.source(), "revenue / staff > 3 and has(b[-1])");
        assert_eq!(e.result_type(), Type::Bool);
        assert_eq!(
            e.references(),
            vec![
                ("revenue".to_string(), 0),
                ("staff".to_string(), 0),
                ("b".to_string(), -1)
            ]
        );
        assert_eq!(compile("a + 1").unwrap().result_type(), Type::Number);
    }

    #[test]
    fn expr_is_send_sync_and_shareable() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Expr>();
        let e = std::sync::Arc::new(compile("a * 2").unwrap());
        let handles: Vec<_> = (0..2)
            .map(|i| {
                let e = e.clone();
                std::thread::spawn(move || {
                    e.eval(&move |_, _| Some(Value::Number(f64::from(i))))
                        .unwrap()
                })
            })
            .collect();
        let results: Vec<Value> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        assert_eq!(results, vec![Value::Number(0.0), Value::Number(2.0)]);
    }

    #[test]
    fn error_display_and_column() {
        let err = compile("revenue + nope").unwrap_err();
        assert_eq!(err.to_string(), "unknown metric `nope` (column 11)");
        assert_eq!(err.message.zh, "未知指标 `nope`");
        assert_eq!(column_of("营收 + x", 7), 4);
        assert_eq!(column_of("abc", 100), 4);
        // Not on a char boundary: still no panic.
        assert_eq!(column_of("营收", 1), 2);
    }

    #[test]
    fn eval_error_messages() {
        let m = EvalError::Missing {
            metric: "revenue".into(),
            offset: -1,
        };
        assert_eq!(m.to_string(), "missing value for `revenue[-1]`");
        assert_eq!(m.message().zh, "缺少指标 `revenue[-1]` 的值");
        let m0 = EvalError::Missing {
            metric: "revenue".into(),
            offset: 0,
        };
        assert_eq!(m0.message().en, "missing value for `revenue`");
        assert_eq!(
            EvalError::DivisionByZero { offset: 3 }.message().zh,
            "除数为零"
        );
        assert!(EvalError::NotFinite.message().en.contains("finite"));
    }

    #[test]
    fn column_helper_on_expr() {
        let e = compile("营收 + a / b".replace("营收", "revenue").as_str()).unwrap();
        assert_eq!(e.column(10), 11);
    }
}
