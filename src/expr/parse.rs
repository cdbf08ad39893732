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
mod tests;
