//! Pratt parser and type checker for rule expressions (the lexer is in `lex.rs`).
//!
//! Parsing and type checking happen in a single pass: every syntax node is
//! built together with its static type, its source span and its height, so
//! that errors point at the exact offending token.

use super::lex::{lex, Tok, Token};
use super::{ExprError, Limits, Type, HARD_MAX_DEPTH, MAX_YEAR_OFFSET};
use crate::i18n::Text;
use crate::t;

/// Binding powers, lowest to highest.
const OR_BP: u8 = 1;
const AND_BP: u8 = 2;
const CMP_BP: u8 = 3;
const ADD_BP: u8 = 4;
const MUL_BP: u8 = 5;
const UNARY_BP: u8 = 6;

/// A binary operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    And,
    Or,
}

/// A built-in numeric function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Func {
    Abs,
    Min,
    Max,
}

/// The shape of a syntax node.
#[derive(Debug, Clone)]
pub enum Kind {
    Num(f64),
    Bool(bool),
    /// A metric read; `offset` is the year offset (<= 0).
    Metric {
        name: String,
        offset: i32,
    },
    /// `has(name[offset])`; `ty` is the declared type of the metric.
    Has {
        name: String,
        offset: i32,
        ty: Type,
    },
    Neg(Box<Node>),
    Not(Box<Node>),
    Binary {
        op: BinOp,
        /// Byte offset of the operator token.
        op_offset: usize,
        lhs: Box<Node>,
        rhs: Box<Node>,
    },
    Call {
        func: Func,
        args: Vec<Node>,
    },
}

/// A typed syntax node with its source span.
#[derive(Debug, Clone)]
pub struct Node {
    pub kind: Kind,
    pub ty: Type,
    /// Byte offset of the first character of this subexpression.
    pub offset: usize,
    /// Byte length of this subexpression (parentheses included).
    pub len: usize,
    /// Height of the subtree (a leaf has height 1).
    pub height: usize,
}

/// The result of a successful parse.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub root: Node,
    pub refs: Vec<(String, i32)>,
}

/// Parses and type-checks `src`.
pub fn parse(
    src: &str,
    metric_type: &dyn Fn(&str) -> Option<Type>,
    limits: &Limits,
) -> Result<Parsed, ExprError> {
    if src.len() > limits.max_len {
        let mut at = limits.max_len;
        while !src.is_char_boundary(at) {
            at -= 1;
        }
        return Err(ExprError::at(
            src,
            at,
            src.len() - at,
            t!(
                "表达式过长（{len} 字节，上限 {max} 字节）",
                "expression is too long ({len} bytes, limit {max})",
                len = src.len(),
                max = limits.max_len
            ),
        ));
    }
    let mut tokens = Vec::new();
    let lex_error = lex(src, &mut tokens).err();
    let mut parser = Parser {
        src,
        tokens,
        lex_error,
        pos: 0,
        depth: 0,
        max_depth: limits.max_depth.min(HARD_MAX_DEPTH),
        metric_type,
        refs: Vec::new(),
        open: Vec::new(),
    };
    if parser.peek()?.tok == Tok::Eof {
        return Err(ExprError::at(
            src,
            0,
            src.len(),
            t!("表达式为空", "empty expression"),
        ));
    }
    let root = parser.parse_expr(0)?;
    let t = parser.peek()?;
    match t.tok {
        Tok::Eof => {}
        Tok::RParen => {
            return Err(parser.error(t, t!("多余的 `)`，没有与之匹配的 `(`", "unmatched `)`")))
        }
        _ => {
            let text = parser.text(t);
            return Err(parser.error(
                t,
                t!(
                    "意外的 `{text}`，此处应为运算符或表达式结束",
                    "unexpected `{text}`; expected an operator or the end of the expression",
                    text = text
                ),
            ));
        }
    }
    Ok(Parsed {
        root,
        refs: parser.refs,
    })
}

// ---------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------

struct Parser<'a> {
    src: &'a str,
    tokens: Vec<Token>,
    lex_error: Option<ExprError>,
    pos: usize,
    depth: usize,
    max_depth: usize,
    metric_type: &'a dyn Fn(&str) -> Option<Type>,
    refs: Vec<(String, i32)>,
    /// Currently open `(` tokens, innermost last (for end-of-input errors).
    open: Vec<Token>,
}

/// A parsed metric reference `name[offset]`.
struct MetricRef {
    name: String,
    offset: i32,
    ty: Type,
    start: usize,
    end: usize,
}

/// A leaf node spanning token `t`.
fn leaf(t: Token, kind: Kind, ty: Type) -> Node {
    Node {
        kind,
        ty,
        offset: t.offset,
        len: t.len,
        height: 1,
    }
}

fn infix(tok: Tok) -> Option<(BinOp, u8)> {
    Some(match tok {
        Tok::Or => (BinOp::Or, OR_BP),
        Tok::And => (BinOp::And, AND_BP),
        Tok::Lt => (BinOp::Lt, CMP_BP),
        Tok::Le => (BinOp::Le, CMP_BP),
        Tok::Gt => (BinOp::Gt, CMP_BP),
        Tok::Ge => (BinOp::Ge, CMP_BP),
        Tok::EqEq => (BinOp::Eq, CMP_BP),
        Tok::Ne => (BinOp::Ne, CMP_BP),
        Tok::Plus => (BinOp::Add, ADD_BP),
        Tok::Minus => (BinOp::Sub, ADD_BP),
        Tok::Star => (BinOp::Mul, MUL_BP),
        Tok::Slash => (BinOp::Div, MUL_BP),
        _ => return None,
    })
}

impl Parser<'_> {
    fn text(&self, t: Token) -> &str {
        self.src.get(t.offset..t.offset + t.len).unwrap_or("")
    }

    fn error(&self, t: Token, message: Text) -> ExprError {
        ExprError::at(self.src, t.offset, t.len, message)
    }

    fn span_error(&self, node: &Node, message: Text) -> ExprError {
        ExprError::at(self.src, node.offset, node.len, message)
    }

    fn eof_error(&self) -> ExprError {
        if let Some(open) = self.open.last() {
            let eof = Token {
                tok: Tok::Eof,
                offset: self.src.len(),
                len: 0,
            };
            return self.unclosed(*open, eof, "(", ")");
        }
        ExprError::at(
            self.src,
            self.src.len(),
            0,
            t!("表达式意外结束", "unexpected end of expression"),
        )
    }

    /// "expected X, found Y" (or "unexpected end of expression; expected X").
    fn expected(&self, t: Token, what: Text) -> ExprError {
        if t.tok == Tok::Eof {
            return self.error(
                t,
                t!(
                    "表达式意外结束，此处应为{what}",
                    "unexpected end of expression; expected {what}",
                    what = what
                ),
            );
        }
        self.error(
            t,
            t!(
                "此处应为{what}，却发现 `{text}`",
                "expected {what}, found `{text}`",
                what = what,
                text = self.text(t)
            ),
        )
    }

    fn peek(&self) -> Result<Token, ExprError> {
        match self.tokens.get(self.pos) {
            Some(t) => Ok(*t),
            None => Err(self.lex_error.clone().unwrap_or_else(|| self.eof_error())),
        }
    }

    fn bump(&mut self) -> Result<Token, ExprError> {
        let t = self.peek()?;
        if t.tok != Tok::Eof {
            self.pos += 1;
        }
        Ok(t)
    }

    fn too_deep(&self, t: Token) -> ExprError {
        self.error(
            t,
            t!(
                "表达式嵌套过深（上限 {limit} 层）",
                "expression is nested too deeply (limit {limit} levels)",
                limit = self.max_depth
            ),
        )
    }

    /// Checks a new node height against the depth limit.
    fn height(&self, height: usize, at: Token) -> Result<usize, ExprError> {
        if height > self.max_depth {
            Err(self.too_deep(at))
        } else {
            Ok(height)
        }
    }

    fn record(&mut self, name: &str, offset: i32) {
        if !self.refs.iter().any(|(n, o)| n == name && *o == offset) {
            self.refs.push((name.to_string(), offset));
        }
    }

    // The functions on the recursion path (`parse_expr`, `parse_prefix`,
    // `parse_unary`, `parse_paren`, `parse_call`) keep their frames small:
    // every error message is built in a separate, non-recursive helper. This
    // matters for unoptimized builds, whose frames hold every temporary.

    /// Pratt loop: parses an expression whose operators bind at least `min_bp`.
    fn parse_expr(&mut self, min_bp: u8) -> Result<Node, ExprError> {
        self.enter()?;
        let mut lhs = self.parse_prefix()?;
        let mut after_comparison = false;
        loop {
            let t = self.peek()?;
            let Some((op, bp)) = infix(t.tok) else { break };
            if bp < min_bp {
                break;
            }
            if bp == CMP_BP && after_comparison {
                return Err(self.chained(t));
            }
            self.pos += 1;
            let rhs = self.parse_expr(bp + 1)?;
            lhs = self.binary(op, t, lhs, rhs)?;
            after_comparison = bp == CMP_BP;
        }
        self.depth -= 1;
        Ok(lhs)
    }

    /// Enters one nesting level, failing beyond the depth limit.
    fn enter(&mut self) -> Result<(), ExprError> {
        self.depth += 1;
        if self.depth > self.max_depth {
            let t = self.peek()?;
            return Err(self.too_deep(t));
        }
        Ok(())
    }

    fn chained(&self, t: Token) -> ExprError {
        self.error(
            t,
            t!(
                "比较运算不能连用，请用 `and` 连接，例如 `a < b and b < c`",
                "comparisons cannot be chained; combine them with `and`, e.g. `a < b and b < c`"
            ),
        )
    }

    fn parse_prefix(&mut self) -> Result<Node, ExprError> {
        let t = self.bump()?;
        match t.tok {
            Tok::Num { value, .. } => Ok(leaf(t, Kind::Num(value), Type::Number)),
            Tok::True => Ok(leaf(t, Kind::Bool(true), Type::Bool)),
            Tok::False => Ok(leaf(t, Kind::Bool(false), Type::Bool)),
            Tok::Minus => self.parse_unary(t, UNARY_BP, Type::Number),
            Tok::Not => self.parse_unary(t, CMP_BP, Type::Bool),
            Tok::LParen => self.parse_paren(t),
            Tok::Ident if self.peek()?.tok == Tok::LParen => self.parse_call(t),
            Tok::Ident => self.metric_node(t),
            _ => Err(self.bad_operand(t)),
        }
    }

    fn bad_operand(&self, t: Token) -> ExprError {
        if t.tok == Tok::Eof {
            return self.eof_error();
        }
        self.expected(t, t!("数字、指标或 `(`", "a number, metric id or `(`"))
    }

    /// Parses the operand of unary `-` (`ty` = number) or `not` (`ty` = bool).
    fn parse_unary(&mut self, t: Token, bp: u8, ty: Type) -> Result<Node, ExprError> {
        let operand = self.parse_expr(bp)?;
        self.unary(t, ty, operand)
    }

    fn unary(&self, t: Token, ty: Type, operand: Node) -> Result<Node, ExprError> {
        if operand.ty != ty {
            return Err(self.type_error(&operand, t, ty));
        }
        Ok(Node {
            ty,
            offset: t.offset,
            len: (operand.offset + operand.len).saturating_sub(t.offset),
            height: self.height(operand.height + 1, t)?,
            kind: match ty {
                Type::Number => Kind::Neg(Box::new(operand)),
                Type::Bool => Kind::Not(Box::new(operand)),
            },
        })
    }

    fn parse_paren(&mut self, open: Token) -> Result<Node, ExprError> {
        self.open.push(open);
        let mut inner = self.parse_expr(0)?;
        let close = self.peek()?;
        if close.tok != Tok::RParen {
            return Err(self.unclosed(open, close, "(", ")"));
        }
        self.pos += 1;
        self.open.pop();
        inner.offset = open.offset;
        inner.len = close.offset + close.len - open.offset;
        Ok(inner)
    }

    fn metric_node(&mut self, ident: Token) -> Result<Node, ExprError> {
        let m = self.parse_metric(ident)?;
        Ok(Node {
            ty: m.ty,
            offset: m.start,
            len: m.end - m.start,
            height: 1,
            kind: Kind::Metric {
                name: m.name,
                offset: m.offset,
            },
        })
    }

    /// Error for a missing closing delimiter, found `close` instead.
    fn unclosed(&self, open: Token, close: Token, o: &str, c: &str) -> ExprError {
        let col = super::column_of(self.src, open.offset);
        if close.tok == Tok::Eof {
            return self.error(
                close,
                t!(
                    "表达式意外结束：第 {col} 列的 `{o}` 未闭合",
                    "unexpected end of expression; `{o}` at column {col} is not closed",
                    o = o,
                    col = col
                ),
            );
        }
        self.error(
            close,
            t!(
                "此处应为 `{c}` 以闭合第 {col} 列的 `{o}`，却发现 `{text}`",
                "expected `{c}` to close `{o}` at column {col}, found `{text}`",
                c = c,
                o = o,
                col = col,
                text = self.text(close)
            ),
        )
    }

    fn type_error(&self, operand: &Node, op: Token, want: Type) -> ExprError {
        self.span_error(
            operand,
            t!(
                "`{op}` 需要{want}，实际为{found}",
                "`{op}` expects {want} operands, found {found}",
                op = self.text(op),
                want = want.text(),
                found = operand.ty.text()
            ),
        )
    }

    fn binary(&self, op: BinOp, t: Token, lhs: Node, rhs: Node) -> Result<Node, ExprError> {
        let sym = self.text(t);
        let ty = match op {
            BinOp::Add
            | BinOp::Sub
            | BinOp::Mul
            | BinOp::Div
            | BinOp::Lt
            | BinOp::Le
            | BinOp::Gt
            | BinOp::Ge => {
                for side in [&lhs, &rhs] {
                    if side.ty != Type::Number {
                        return Err(self.type_error(side, t, Type::Number));
                    }
                }
                if matches!(op, BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div) {
                    Type::Number
                } else {
                    Type::Bool
                }
            }
            BinOp::And | BinOp::Or => {
                for side in [&lhs, &rhs] {
                    if side.ty != Type::Bool {
                        return Err(self.type_error(side, t, Type::Bool));
                    }
                }
                Type::Bool
            }
            BinOp::Eq | BinOp::Ne => {
                if lhs.ty != rhs.ty {
                    return Err(self.span_error(
                        &rhs,
                        t!(
                            "`{sym}` 两侧类型不一致：{left}与{right}",
                            "`{sym}` cannot compare {left} with {right}",
                            sym = sym,
                            left = lhs.ty.text(),
                            right = rhs.ty.text()
                        ),
                    ));
                }
                Type::Bool
            }
        };
        Ok(Node {
            ty,
            offset: lhs.offset,
            len: (rhs.offset + rhs.len).saturating_sub(lhs.offset),
            height: self.height(lhs.height.max(rhs.height) + 1, t)?,
            kind: Kind::Binary {
                op,
                op_offset: t.offset,
                lhs: Box::new(lhs),
                rhs: Box::new(rhs),
            },
        })
    }

    /// Parses `name` (already consumed as `ident`) and an optional `[offset]`.
    fn parse_metric(&mut self, ident: Token) -> Result<MetricRef, ExprError> {
        let name = self.text(ident).to_string();
        let Some(ty) = (self.metric_type)(&name) else {
            return Err(self.error(
                ident,
                t!("未知指标 `{name}`", "unknown metric `{name}`", name = name),
            ));
        };
        let mut offset = 0i32;
        let mut end = ident.offset + ident.len;
        if self.peek()?.tok == Tok::LBracket {
            let open = self.bump()?;
            let first = self.bump()?;
            let (negative, num) = if first.tok == Tok::Minus {
                (true, self.bump()?)
            } else {
                (false, first)
            };
            let span = Token {
                tok: num.tok,
                offset: first.offset,
                len: (num.offset + num.len).saturating_sub(first.offset).max(1),
            };
            match num.tok {
                Tok::Num {
                    plain_int: true, ..
                } => {
                    let magnitude = self
                        .text(num)
                        .parse::<u64>()
                        .ok()
                        .filter(|m| *m <= MAX_YEAR_OFFSET as u64);
                    let Some(magnitude) = magnitude else {
                        return Err(self.error(
                            span,
                            t!(
                                "年份偏移超出范围（最多向前 {max} 年）",
                                "year offset is out of range (at most {max} years back)",
                                max = MAX_YEAR_OFFSET
                            ),
                        ));
                    };
                    if !negative && magnitude != 0 {
                        return Err(self.error(
                            span,
                            t!(
                                "年份偏移必须为 0 或负数（不能读取未来年份），例如 `{name}[-1]`",
                                "year offset must be 0 or negative (future years cannot be read), e.g. `{name}[-1]`",
                                name = name
                            ),
                        ));
                    }
                    // magnitude <= MAX_YEAR_OFFSET, so this cannot truncate.
                    offset = -(magnitude as i32);
                }
                Tok::Num { .. } => {
                    return Err(self.error(
                        span,
                        t!(
                            "年份偏移必须为整数，例如 `{name}[-1]`",
                            "year offset must be a whole number, e.g. `{name}[-1]`",
                            name = name
                        ),
                    ))
                }
                _ => {
                    return Err(
                        self.expected(num, t!("年份偏移（如 `-1`）", "a year offset such as `-1`"))
                    )
                }
            }
            let close = self.peek()?;
            if close.tok != Tok::RBracket {
                return Err(self.unclosed(open, close, "[", "]"));
            }
            self.pos += 1;
            end = close.offset + close.len;
        }
        self.record(&name, offset);
        Ok(MetricRef {
            name,
            offset,
            ty,
            start: ident.offset,
            end,
        })
    }

    /// Parses a function call; `name` is consumed and the next token is `(`.
    fn parse_call(&mut self, name_tok: Token) -> Result<Node, ExprError> {
        let open = self.bump()?;
        let func = match self.text(name_tok) {
            "has" => return self.parse_has(name_tok, open),
            "abs" => Func::Abs,
            "min" => Func::Min,
            "max" => Func::Max,
            _ => return Err(self.unknown_function(name_tok)),
        };
        self.open.push(open);
        let mut args = Vec::new();
        let mut close = self.peek()?;
        if close.tok == Tok::RParen {
            self.pos += 1;
        } else {
            loop {
                args.push(self.parse_expr(0)?);
                close = self.bump()?;
                match close.tok {
                    Tok::Comma => {}
                    Tok::RParen => break,
                    _ => return Err(self.bad_argument_separator(open, close)),
                }
            }
        }
        self.open.pop();
        self.finish_call(name_tok, close, func, args)
    }

    fn unknown_function(&self, name_tok: Token) -> ExprError {
        self.error(
            name_tok,
            t!(
                "未知函数 `{name}`（可用函数：abs、min、max、has）",
                "unknown function `{name}` (available: abs, min, max, has)",
                name = self.text(name_tok)
            ),
        )
    }

    fn bad_argument_separator(&self, open: Token, t: Token) -> ExprError {
        if t.tok == Tok::Eof {
            return self.unclosed(open, t, "(", ")");
        }
        self.expected(
            t,
            t!("参数列表中的 `,` 或 `)`", "`,` or `)` in the argument list"),
        )
    }

    /// Checks arity and argument types of a parsed call.
    fn finish_call(
        &self,
        name_tok: Token,
        close: Token,
        func: Func,
        args: Vec<Node>,
    ) -> Result<Node, ExprError> {
        let name = self.text(name_tok);
        let n = args.len();
        let arity_error = match func {
            Func::Abs if n != 1 => Some(t!(
                "`{name}` 需要 1 个参数，实际为 {n} 个",
                "`{name}` takes exactly 1 argument, found {n}",
                name = name,
                n = n
            )),
            Func::Min | Func::Max if n < 2 => Some(t!(
                "`{name}` 至少需要 2 个参数，实际为 {n} 个",
                "`{name}` takes at least 2 arguments, found {n}",
                name = name,
                n = n
            )),
            _ => None,
        };
        if let Some(message) = arity_error {
            return Err(self.error(name_tok, message));
        }
        if let Some(bad) = args.iter().find(|a| a.ty != Type::Number) {
            return Err(self.span_error(
                bad,
                t!(
                    "`{name}` 的参数必须为数值，实际为{found}",
                    "`{name}` expects number arguments, found {found}",
                    name = name,
                    found = bad.ty.text()
                ),
            ));
        }
        let height = args.iter().map(|a| a.height).max().unwrap_or(0) + 1;
        Ok(Node {
            ty: Type::Number,
            offset: name_tok.offset,
            len: close.offset + close.len - name_tok.offset,
            height: self.height(height, name_tok)?,
            kind: Kind::Call { func, args },
        })
    }

    /// Parses the rest of `has(metric[offset])` after the `(`.
    fn parse_has(&mut self, name_tok: Token, open: Token) -> Result<Node, ExprError> {
        let t = self.bump()?;
        let is_metric = t.tok == Tok::Ident && self.peek()?.tok != Tok::LParen;
        if !is_metric {
            if t.tok == Tok::Eof {
                return Err(self.unclosed(open, t, "(", ")"));
            }
            return Err(self.error(
                t,
                t!(
                    "`has` 的参数必须是指标，例如 `has(revenue)` 或 `has(revenue[-1])`",
                    "`has` expects a metric id, e.g. `has(revenue)` or `has(revenue[-1])`"
                ),
            ));
        }
        let m = self.parse_metric(t)?;
        let close = self.peek()?;
        match close.tok {
            Tok::RParen => self.pos += 1,
            Tok::Comma => {
                return Err(self.error(
                    name_tok,
                    t!("`has` 只接受 1 个参数", "`has` takes exactly 1 argument"),
                ))
            }
            Tok::Eof => return Err(self.unclosed(open, close, "(", ")")),
            _ => {
                return Err(self.error(
                    close,
                    t!(
                        "`has(...)` 中指标之后应为 `)`，却发现 `{text}`",
                        "expected `)` after the metric id in `has(...)`, found `{text}`",
                        text = self.text(close)
                    ),
                ));
            }
        }
        Ok(Node {
            ty: Type::Bool,
            offset: name_tok.offset,
            len: close.offset + close.len - name_tok.offset,
            height: self.height(1, name_tok)?,
            kind: Kind::Has {
                name: m.name,
                offset: m.offset,
                ty: m.ty,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Expr, DEFAULT_MAX_DEPTH};
    use super::*;

    fn types(id: &str) -> Option<Type> {
        match id {
            "a" | "b" | "c" | "x" | "y" | "revenue_fiscal" | "revenue_total" | "staff" => {
                Some(Type::Number)
            }
            "flag" | "certified" => Some(Type::Bool),
            _ => None,
        }
    }

    fn parse_ok(src: &str) -> Node {
        match parse(src, &types, &Limits::default()) {
            Ok(p) => p.root,
            Err(e) => panic!("{src:?} failed: {e:?}"),
        }
    }

    fn err(src: &str) -> ExprError {
        err_with(src, &Limits::default())
    }

    fn err_with(src: &str, limits: &Limits) -> ExprError {
        match parse(src, &types, limits) {
            Ok(p) => panic!("{src:?} unexpectedly parsed: {:?}", p.root),
            Err(e) => e,
        }
    }

    /// Fully parenthesized rendering of the tree, for precedence tests.
    fn sexpr(n: &Node) -> String {
        match &n.kind {
            Kind::Num(x) => format!("{x}"),
            Kind::Bool(b) => format!("{b}"),
            Kind::Metric { name, offset: 0 } => name.clone(),
            Kind::Metric { name, offset } => format!("{name}[{offset}]"),
            Kind::Has { name, offset, .. } => format!("has({name}[{offset}])"),
            Kind::Neg(x) => format!("(neg {})", sexpr(x)),
            Kind::Not(x) => format!("(not {})", sexpr(x)),
            Kind::Binary { op, lhs, rhs, .. } => {
                let sym = match op {
                    BinOp::Add => "+",
                    BinOp::Sub => "-",
                    BinOp::Mul => "*",
                    BinOp::Div => "/",
                    BinOp::Lt => "<",
                    BinOp::Le => "<=",
                    BinOp::Gt => ">",
                    BinOp::Ge => ">=",
                    BinOp::Eq => "==",
                    BinOp::Ne => "!=",
                    BinOp::And => "and",
                    BinOp::Or => "or",
                };
                format!("({sym} {} {})", sexpr(lhs), sexpr(rhs))
            }
            Kind::Call { func, args } => {
                let args: Vec<String> = args.iter().map(sexpr).collect();
                format!("({func:?} {})", args.join(" "))
            }
        }
    }

    fn tree(src: &str) -> String {
        sexpr(&parse_ok(src))
    }

    fn assert_err(src: &str, column: usize, len: usize, fragment: &str) {
        let e = err(src);
        assert!(
            e.message.en.contains(fragment),
            "{src:?}: message {:?} lacks {fragment:?}",
            e.message.en
        );
        assert_eq!((e.column, e.len), (column, len), "{src:?}: {e:?}");
        assert!(!e.message.zh.is_empty());
    }

    #[test]
    fn literals() {
        assert_eq!(tree("0.6"), "0.6");
        assert_eq!(tree("5"), "5");
        assert_eq!(tree("1e3"), "1000");
        assert_eq!(tree("2.5E-1"), "0.25");
        assert_eq!(tree("60%"), "0.6");
        assert_eq!(tree("12.5%"), "0.125");
        assert_eq!(tree("true"), "true");
        assert_eq!(tree("false"), "false");
        assert_eq!(tree("1e-999"), "0");
    }

    #[test]
    fn metrics_and_offsets() {
        assert_eq!(tree("revenue_total"), "revenue_total");
        assert_eq!(tree("a[-1]"), "a[-1]");
        assert_eq!(tree("a [ - 2 ]"), "a[-2]");
        assert_eq!(tree("a[0]"), "a");
        assert_eq!(tree("a[-0]"), "a");
        assert_eq!(tree("a[-100]"), "a[-100]");
    }

    #[test]
    fn arithmetic_precedence() {
        assert_eq!(tree("a + b * c"), "(+ a (* b c))");
        assert_eq!(tree("a * b + c"), "(+ (* a b) c)");
        assert_eq!(tree("a - b - c"), "(- (- a b) c)");
        assert_eq!(tree("a / b / c"), "(/ (/ a b) c)");
        assert_eq!(tree("(a + b) * c"), "(* (+ a b) c)");
        assert_eq!(tree("-a * b"), "(* (neg a) b)");
        assert_eq!(tree("- -a"), "(neg (neg a))");
        assert_eq!(tree("a - -b"), "(- a (neg b))");
        assert_eq!(tree("a*-b"), "(* a (neg b))");
    }

    #[test]
    fn boolean_precedence() {
        assert_eq!(
            tree("a < b or b < c and flag"),
            "(or (< a b) (and (< b c) flag))"
        );
        assert_eq!(tree("not a < b"), "(not (< a b))");
        assert_eq!(tree("not flag and certified"), "(and (not flag) certified)");
        assert_eq!(
            tree("!flag || certified && flag"),
            "(or (not flag) (and certified flag))"
        );
        assert_eq!(tree("not not flag"), "(not (not flag))");
        assert_eq!(tree("a + 1 >= b * 2"), "(>= (+ a 1) (* b 2))");
        assert_eq!(tree("flag == (a != b)"), "(== flag (!= a b))");
        assert_eq!(tree("a<=b&&b>c"), "(and (<= a b) (> b c))");
    }

    #[test]
    fn functions() {
        assert_eq!(tree("abs(a - b)"), "(Abs (- a b))");
        assert_eq!(tree("min(a, b, 3)"), "(Min a b 3)");
        assert_eq!(tree("max(a, min(b, c))"), "(Max a (Min b c))");
        assert_eq!(tree("has(a)"), "has(a[0])");
        assert_eq!(
            tree("has(a[-1]) and a[-1] > 0"),
            "(and has(a[-1]) (> a[-1] 0))"
        );
    }

    #[test]
    fn spans_cover_subexpressions() {
        let n = parse_ok("  (a + b) * abs(c) ");
        assert_eq!((n.offset, n.len), (2, 16));
        if let Kind::Binary {
            lhs,
            rhs,
            op_offset,
            ..
        } = &n.kind
        {
            assert_eq!((lhs.offset, lhs.len), (2, 7));
            assert_eq!((rhs.offset, rhs.len), (12, 6));
            assert_eq!(op_offset, &10);
        } else {
            panic!("not binary");
        }
    }

    #[test]
    fn references_dedup_in_order() {
        let p = parse(
            "b + a[-1] + b + a > 0 and has(c[-2]) and has(b)",
            &types,
            &Limits::default(),
        )
        .unwrap();
        assert_eq!(
            p.refs,
            vec![
                ("b".to_string(), 0),
                ("a".to_string(), -1),
                ("a".to_string(), 0),
                ("c".to_string(), -2),
            ]
        );
    }

    #[test]
    fn unknown_metric_column() {
        let e = err("revenue_fiscal / revenu_total <= 0.6");
        assert_eq!(e.message.en, "unknown metric `revenu_total`");
        assert_eq!(e.message.zh, "未知指标 `revenu_total`");
        assert_eq!((e.offset, e.column, e.len), (17, 18, 12));
        // Unknown metrics inside has() are errors too.
        assert_err("has(nope[-1])", 5, 4, "unknown metric `nope`");
    }

    #[test]
    fn type_errors_with_columns() {
        assert_err(
            "revenue_fiscal + true",
            18,
            4,
            "`+` expects number operands, found bool",
        );
        assert_err("not 3", 5, 1, "`not` expects bool operands, found number");
        assert_err("!a", 2, 1, "`!` expects bool operands");
        assert_err(
            "abs(true)",
            5,
            4,
            "`abs` expects number arguments, found bool",
        );
        assert_err("max(1, flag)", 8, 4, "`max` expects number arguments");
        assert_err(
            "true < false",
            1,
            4,
            "`<` expects number operands, found bool",
        );
        assert_err("(a > 1) < 2", 1, 7, "`<` expects number operands");
        assert_err(
            "a and flag",
            1,
            1,
            "`and` expects bool operands, found number",
        );
        assert_err("flag || b", 9, 1, "`||` expects bool operands");
        assert_err("-flag", 2, 4, "`-` expects number operands");
        assert_err("a == flag", 6, 4, "`==` cannot compare number with bool");
        assert_err("flag != 1", 9, 1, "`!=` cannot compare bool with number");
        assert_err("certified * 2", 1, 9, "`*` expects number operands");
    }

    #[test]
    fn bools_can_be_compared_for_equality() {
        assert_eq!(tree("flag == true"), "(== flag true)");
        assert_eq!(tree("(a > b) != flag"), "(!= (> a b) flag)");
    }

    #[test]
    fn arity_errors() {
        assert_err("abs(a, b)", 1, 3, "`abs` takes exactly 1 argument, found 2");
        assert_err("abs()", 1, 3, "`abs` takes exactly 1 argument, found 0");
        assert_err("min(a)", 1, 3, "`min` takes at least 2 arguments, found 1");
        assert_err("max()", 1, 3, "`max` takes at least 2 arguments, found 0");
        assert_err("has(a, b)", 1, 3, "`has` takes exactly 1 argument");
        assert_err("sqrt(a)", 1, 4, "unknown function `sqrt`");
    }

    #[test]
    fn has_requires_a_metric() {
        assert_err("has(1)", 5, 1, "`has` expects a metric id");
        assert_err("has(abs(a))", 5, 3, "`has` expects a metric id");
        assert_err("has(a + b)", 7, 1, "expected `)` after the metric id");
        assert_err("has(", 5, 0, "`(` at column 4 is not closed");
        assert_err("has(a", 6, 0, "`(` at column 4 is not closed");
    }

    #[test]
    fn syntax_errors() {
        assert_err("a <= ", 6, 0, "unexpected end of expression");
        assert_err("a < b < c", 7, 1, "comparisons cannot be chained");
        assert_err("a == b != c", 8, 2, "comparisons cannot be chained");
        assert_err("not a < b + 1 >= c", 15, 2, "comparisons cannot be chained");
        assert_err("(a + b", 7, 0, "`(` at column 1 is not closed");
        assert_err(
            "(a + b c",
            8,
            1,
            "expected `)` to close `(` at column 1, found `c`",
        );
        assert_err("a + b)", 6, 1, "unmatched `)`");
        assert_err("a b", 3, 1, "unexpected `b`");
        assert_err(
            "a + * b",
            5,
            1,
            "expected a number, metric id or `(`, found `*`",
        );
        assert_err(
            "min(a b)",
            7,
            1,
            "expected `,` or `)` in the argument list, found `b`",
        );
        assert_err("min(a, b,)", 10, 1, "found `)`");
        assert_err("min(a,", 7, 0, "`(` at column 4 is not closed");
        assert_err("()", 2, 1, "found `)`");
        assert_err(
            "(a + ",
            6,
            0,
            "unexpected end of expression; `(` at column 1 is not closed",
        );
        assert_err("abs((a) * ", 11, 0, "`(` at column 4 is not closed");
        assert_err(
            "a[-",
            4,
            0,
            "unexpected end of expression; expected a year offset",
        );
    }

    #[test]
    fn empty_expression() {
        assert_err("", 1, 0, "empty expression");
        assert_err("   ", 1, 3, "empty expression");
    }

    #[test]
    fn lexical_errors() {
        assert_err("a = b", 3, 1, "use `==`");
        assert_err("flag & flag", 6, 1, "use `and` or `&&`");
        assert_err("flag | flag", 6, 1, "use `or` or `||`");
        assert_err("a % 2", 3, 1, "`%` must directly follow a number");
        assert_err("1.2.3", 1, 5, "malformed number `1.2.3`");
        assert_err("5abc + a", 1, 4, "malformed number `5abc`");
        assert_err("5.", 1, 2, "malformed number `5.`");
        assert_err("1e+", 1, 2, "malformed number `1e`");
        assert_err("1e999", 1, 5, "number `1e999` is too large");
        assert_err("a # b", 3, 1, "unexpected character `#`");
        assert_err("Revenue", 1, 7, "identifiers must be lowercase");
        assert_err("a AND b", 3, 3, "did you mean `and`?");
        assert_err(".5", 1, 1, "unexpected character `.`");
    }

    #[test]
    fn unicode_errors_use_character_columns() {
        // `（` is 3 bytes but one column.
        let e = err("a + （b）");
        assert_eq!((e.offset, e.len, e.column), (4, 3, 5));
        assert!(e.message.en.contains("use ASCII `(`"), "{e:?}");
        assert!(e.message.zh.contains("半角"));
        let e = err("a ≤ b");
        assert!(e.message.en.contains("`<=`"));
        let e = err("a\u{3000}+ b");
        assert_eq!((e.offset, e.len, e.column), (1, 3, 2));
        assert!(e.message.en.contains("space"));
        let e = err("营收 > 1");
        assert_eq!((e.offset, e.len, e.column), (0, 3, 1));
        // A later error after non-ASCII text gets a character column.
        let e = err("a > 1 and b < ");
        assert_eq!(e.column, 15);
        let e = err("a\u{0}");
        assert!(e.message.en.contains("\\0"), "{e:?}");
    }

    #[test]
    fn year_offset_errors() {
        assert_err("a[1]", 3, 1, "year offset must be 0 or negative");
        assert_err("a[-1.5]", 3, 4, "year offset must be a whole number");
        assert_err("a[-10%]", 3, 4, "whole number");
        assert_err("a[-101]", 3, 4, "out of range");
        assert_err("a[-99999999999999999999999]", 3, 24, "out of range");
        assert_err(
            "a[b]",
            3,
            1,
            "expected a year offset such as `-1`, found `b`",
        );
        assert_err("a[-1", 5, 0, "`[` at column 2 is not closed");
        assert_err(
            "a[-1 + 2]",
            6,
            1,
            "expected `]` to close `[` at column 2, found `+`",
        );
        assert_err("a[]", 3, 1, "found `]`");
    }

    #[test]
    fn keywords_are_not_metrics() {
        assert_err("and", 1, 3, "found `and`");
        assert_err("a + or", 5, 2, "found `or`");
    }

    #[test]
    fn length_limit() {
        let long = format!("a{}", " + a".repeat(2000));
        let e = err(&long);
        assert!(e.message.en.contains("too long"), "{e:?}");
        assert_eq!(e.offset, 4096);
        // Limit falling inside a multi-byte character.
        let e = err_with(
            "a + 营",
            &Limits {
                max_len: 5,
                max_depth: 10,
            },
        );
        assert_eq!((e.offset, e.len, e.column), (4, 3, 5));
        assert!(e.message.zh.contains("过长"));
    }

    #[test]
    fn depth_limit_on_deep_parentheses_is_fast() {
        let deep = "(".repeat(100_000);
        let start = std::time::Instant::now();
        let e = err(&deep);
        assert!(e.message.en.contains("too long"));
        let unlimited = Limits {
            max_len: usize::MAX,
            max_depth: usize::MAX,
        };
        let src = format!("{}a{}", "(".repeat(100_000), ")".repeat(100_000));
        let e = err_with(&src, &unlimited);
        assert!(
            e.message.en.contains(&format!(
                "nested too deeply (limit {HARD_MAX_DEPTH} levels)"
            )),
            "{e:?}"
        );
        assert_eq!(e.column, HARD_MAX_DEPTH + 1);
        let e = err_with(
            &src,
            &Limits {
                max_len: usize::MAX,
                max_depth: DEFAULT_MAX_DEPTH,
            },
        );
        assert_eq!(e.column, DEFAULT_MAX_DEPTH + 1);
        assert!(e.message.zh.contains("嵌套过深"));
        assert!(start.elapsed() < std::time::Duration::from_secs(5));
    }

    #[test]
    fn depth_limit_on_prefix_chains_and_long_sums() {
        let unlimited = Limits {
            max_len: usize::MAX,
            max_depth: usize::MAX,
        };
        for src in [
            format!("{}1", "-".repeat(100_000)),
            format!("{}flag", "not ".repeat(100_000)),
            format!("{}flag", "!".repeat(100_000)),
            format!("1{}", " + 1".repeat(100_000)),
            format!("{}1{}", "abs(".repeat(50_000), ")".repeat(50_000)),
            format!("a{}", "[-1]".repeat(3)),
        ] {
            let e = err_with(&src, &unlimited);
            assert!(
                e.message.en.contains("nested too deeply")
                    || e.message.en.contains("unexpected `[`"),
                "{e:?}"
            );
        }
        // The default limit: 64 levels are fine, 65 are not.
        assert!(parse(&format!("{}1", "-".repeat(63)), &types, &Limits::default()).is_ok());
        let e = err(&format!("{}1", "-".repeat(64)));
        assert!(e.message.en.contains("limit 64"), "{e:?}");
        assert!(parse(&format!("1{}", "+1".repeat(63)), &types, &Limits::default()).is_ok());
        assert!(err(&format!("1{}", "+1".repeat(64)))
            .message
            .en
            .contains("limit 64"));
    }

    #[test]
    fn maximum_depth_compiles_and_evaluates_on_small_stack() {
        // The deepest accepted tree must be safe on a 2 MiB thread stack in
        // debug builds, for parsing, evaluation, cloning and dropping.
        let handle = std::thread::Builder::new()
            .stack_size(2 * 1024 * 1024)
            .spawn(|| {
                let unlimited = Limits {
                    max_len: usize::MAX,
                    max_depth: usize::MAX,
                };
                let build = |n: usize| {
                    [
                        format!("{}1", "-".repeat(n)),
                        format!("{}x{}", "(".repeat(n), ")".repeat(n)),
                        format!("{}x{}", "min(1e9, ".repeat(n), ")".repeat(n)),
                        format!("{}flag", "not ".repeat(n)),
                        format!("x{}", " * 1".repeat(n)),
                    ]
                };
                let lookup = |id: &str, _: i32| {
                    Some(if id == "flag" {
                        super::super::Value::Bool(true)
                    } else {
                        super::super::Value::Number(2.0)
                    })
                };
                for src in build(HARD_MAX_DEPTH - 1) {
                    let e = Expr::compile(&src, &types, &unlimited).unwrap();
                    let copy = e.clone();
                    assert!(copy.eval(&lookup).is_ok());
                    assert!(e.eval(&lookup).is_ok());
                }
                for src in build(HARD_MAX_DEPTH) {
                    assert!(Expr::compile(&src, &types, &unlimited).is_err());
                }
            })
            .unwrap();
        handle.join().unwrap();
    }

    #[test]
    fn never_panics_on_generated_input() {
        const PIECES: &[&str] = &[
            "a",
            "b",
            "flag",
            "x[-1]",
            "[",
            "]",
            "-",
            "+",
            "*",
            "/",
            "(",
            ")",
            "<",
            "<=",
            "==",
            "!=",
            "!",
            "not",
            "and",
            "or",
            "&&",
            "||",
            "has(",
            "abs(",
            "min(",
            ",",
            "1",
            "0",
            "2.5",
            "60%",
            "1e3",
            "true",
            "false",
            " ",
            "营",
            "（",
            "%",
            "=",
            "&",
            ".",
            "e",
            "9999999999999999999999",
            "\u{0}",
            "é",
            "nope",
            "[-1]",
            "[1]",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let limits = Limits {
            max_len: 200,
            max_depth: 12,
        };
        let mut compiled = 0;
        for _ in 0..20_000 {
            let n = (next() % 12) as usize;
            let src: String = (0..n)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            match Expr::compile(&src, &types, &limits) {
                Ok(e) => {
                    compiled += 1;
                    let _ = e.eval(&|_, o| (o == 0).then_some(super::super::Value::Number(0.0)));
                    let _ = e.references();
                }
                Err(e) => {
                    assert!(e.offset <= src.len(), "{src:?}: {e:?}");
                    assert!(e.offset + e.len <= src.len(), "{src:?}: {e:?}");
                    assert!(src.is_char_boundary(e.offset), "{src:?}: {e:?}");
                    assert!(e.column >= 1);
                    assert!(!e.message.en.is_empty() && !e.message.zh.is_empty());
                    assert!(
                        e.len > 0 || e.offset == src.len() || e.message.en.contains("empty"),
                        "{src:?}: {e:?}"
                    );
                }
            }
        }
        assert!(compiled > 100, "only {compiled} inputs compiled");
    }
}
