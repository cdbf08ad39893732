//! Lexer for rule expressions: turns the source into tokens, or points at the first
//! character that cannot start one (with a hint for full-width and typographic look-alikes).

use super::ExprError;
use crate::t;

/// A token kind.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Tok {
    Num { value: f64, plain_int: bool },
    Ident,
    True,
    False,
    And,
    Or,
    Not,
    LParen,
    RParen,
    LBracket,
    RBracket,
    Comma,
    Plus,
    Minus,
    Star,
    Slash,
    Lt,
    Le,
    Gt,
    Ge,
    EqEq,
    Ne,
    Eof,
}

/// A token and its byte span in the source.
#[derive(Debug, Clone, Copy)]
pub(super) struct Token {
    pub(super) tok: Tok,
    pub(super) offset: usize,
    pub(super) len: usize,
}

/// Tokenizes `src` into `out`, ending with `Eof` on success. On error, `out`
/// holds the tokens before the offending character.
pub(super) fn lex(src: &str, out: &mut Vec<Token>) -> Result<(), ExprError> {
    let bytes = src.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let next = bytes.get(i + 1).copied();
        let (tok, len) = match bytes[i] {
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            b'0'..=b'9' => lex_number(src, i)?,
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => lex_ident(src, i)?,
            b'(' => (Tok::LParen, 1),
            b')' => (Tok::RParen, 1),
            b'[' => (Tok::LBracket, 1),
            b']' => (Tok::RBracket, 1),
            b',' => (Tok::Comma, 1),
            b'+' => (Tok::Plus, 1),
            b'-' => (Tok::Minus, 1),
            b'*' => (Tok::Star, 1),
            b'/' => (Tok::Slash, 1),
            b'<' if next == Some(b'=') => (Tok::Le, 2),
            b'<' => (Tok::Lt, 1),
            b'>' if next == Some(b'=') => (Tok::Ge, 2),
            b'>' => (Tok::Gt, 1),
            b'=' if next == Some(b'=') => (Tok::EqEq, 2),
            b'!' if next == Some(b'=') => (Tok::Ne, 2),
            b'!' => (Tok::Not, 1),
            b'&' if next == Some(b'&') => (Tok::And, 2),
            b'|' if next == Some(b'|') => (Tok::Or, 2),
            b'=' => {
                return Err(ExprError::at(
                    src,
                    i,
                    1,
                    t!(
                        "意外的 `=`，判断相等请使用 `==`",
                        "unexpected `=`; use `==` to test equality"
                    ),
                ))
            }
            b'&' => {
                return Err(ExprError::at(
                    src,
                    i,
                    1,
                    t!(
                        "意外的 `&`，请使用 `and` 或 `&&`",
                        "unexpected `&`; use `and` or `&&`"
                    ),
                ))
            }
            b'|' => {
                return Err(ExprError::at(
                    src,
                    i,
                    1,
                    t!(
                        "意外的 `|`，请使用 `or` 或 `||`",
                        "unexpected `|`; use `or` or `||`"
                    ),
                ))
            }
            b'%' => {
                return Err(ExprError::at(
                    src,
                    i,
                    1,
                    t!(
                        "`%` 必须紧跟在数字之后，例如 `60%`",
                        "`%` must directly follow a number, e.g. `60%`"
                    ),
                ))
            }
            _ => return Err(bad_char(src, i)),
        };
        out.push(Token {
            tok,
            offset: i,
            len,
        });
        i += len;
    }
    out.push(Token {
        tok: Tok::Eof,
        offset: src.len(),
        len: 0,
    });
    Ok(())
}

/// Lexes `digits ("." digits)? ([eE] [+-]? digits)? "%"?` starting at `start`.
fn lex_number(src: &str, start: usize) -> Result<(Tok, usize), ExprError> {
    let bytes = src.as_bytes();
    let digit_at = |j: usize| bytes.get(j).is_some_and(u8::is_ascii_digit);
    let mut i = start;
    while digit_at(i) {
        i += 1;
    }
    let mut plain_int = true;
    let mut bad = false;
    if bytes.get(i) == Some(&b'.') {
        plain_int = false;
        i += 1;
        if digit_at(i) {
            while digit_at(i) {
                i += 1;
            }
        } else {
            bad = true;
        }
    }
    if !bad && matches!(bytes.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(bytes.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        if digit_at(j) {
            plain_int = false;
            i = j;
            while digit_at(i) {
                i += 1;
            }
        } else {
            bad = true;
        }
    }
    // Letters, digits, `_` or `.` glued to a number make it malformed (`5abc`, `1.2.3`).
    while bytes
        .get(i)
        .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'.')
    {
        bad = true;
        i += 1;
    }
    let text = src.get(start..i).unwrap_or("");
    let malformed = || {
        ExprError::at(
            src,
            start,
            i - start,
            t!(
                "数字格式错误 `{text}`",
                "malformed number `{text}`",
                text = text
            ),
        )
    };
    if bad {
        return Err(malformed());
    }
    let mut value: f64 = text.parse().map_err(|_| malformed())?;
    if !value.is_finite() {
        return Err(ExprError::at(
            src,
            start,
            i - start,
            t!(
                "数字 `{text}` 过大",
                "number `{text}` is too large",
                text = text
            ),
        ));
    }
    if bytes.get(i) == Some(&b'%') {
        value /= 100.0;
        plain_int = false;
        i += 1;
    }
    Ok((Tok::Num { value, plain_int }, i - start))
}

/// Lexes an identifier or keyword starting at `start`.
fn lex_ident(src: &str, start: usize) -> Result<(Tok, usize), ExprError> {
    let bytes = src.as_bytes();
    let mut i = start;
    while bytes
        .get(i)
        .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
    {
        i += 1;
    }
    let text = src.get(start..i).unwrap_or("");
    if text.bytes().any(|b| b.is_ascii_uppercase()) {
        return Err(ExprError::at(
            src,
            start,
            i - start,
            t!(
                "标识符必须为小写：`{text}`（是否应为 `{lower}`？）",
                "identifiers must be lowercase: `{text}` (did you mean `{lower}`?)",
                text = text,
                lower = text.to_ascii_lowercase()
            ),
        ));
    }
    let tok = match text {
        "true" => Tok::True,
        "false" => Tok::False,
        "and" => Tok::And,
        "or" => Tok::Or,
        "not" => Tok::Not,
        _ => Tok::Ident,
    };
    Ok((tok, i - start))
}

/// The ASCII replacement for common full-width or typographic characters.
fn ascii_hint(c: char) -> Option<&'static str> {
    Some(match c {
        '（' => "(",
        '）' => ")",
        '，' | '、' => ",",
        '＜' => "<",
        '＞' => ">",
        '＝' => "==",
        '！' => "!",
        '＋' => "+",
        '－' | '−' | '–' | '—' => "-",
        '＊' | '×' => "*",
        '／' | '÷' => "/",
        '％' => "%",
        '［' | '【' => "[",
        '］' | '】' => "]",
        '＆' => "&&",
        '｜' => "||",
        '．' | '。' => ".",
        '≤' => "<=",
        '≥' => ">=",
        '≠' => "!=",
        '０' => "0",
        '１' => "1",
        '２' => "2",
        '３' => "3",
        '４' => "4",
        '５' => "5",
        '６' => "6",
        '７' => "7",
        '８' => "8",
        '９' => "9",
        _ => return None,
    })
}

/// Error for an unexpected character at byte `i` (a char boundary).
fn bad_char(src: &str, i: usize) -> ExprError {
    let c = src
        .get(i..)
        .and_then(|s| s.chars().next())
        .unwrap_or('\u{fffd}');
    let len = c.len_utf8();
    if c.is_whitespace() {
        return ExprError::at(
            src,
            i,
            len,
            t!(
                "不支持的全角或特殊空格 `{space}`，请使用普通空格",
                "unexpected non-ASCII space `{space}`; use a regular space",
                space = c.escape_unicode()
            ),
        );
    }
    let shown = c.escape_debug().to_string();
    match ascii_hint(c) {
        Some(ascii) => ExprError::at(
            src,
            i,
            len,
            t!(
                "不支持的字符 `{shown}`，请改用半角 `{ascii}`",
                "unexpected character `{shown}`; use ASCII `{ascii}` instead",
                shown = shown,
                ascii = ascii
            ),
        ),
        None => ExprError::at(
            src,
            i,
            len,
            t!(
                "意外的字符 `{shown}`",
                "unexpected character `{shown}`",
                shown = shown
            ),
        ),
    }
}
