//! YAML parse errors explained in the user's language.
//!
//! The parser says where it gave up and why, in its own English terms. People writing
//! center.yaml make a few mistakes over and over: a full-width colon `：` after a key, a
//! full-width space or a tab in the indentation, an unquoted `: ` inside a value,
//! misaligned indentation, a byte-order mark pasted into the middle of the file,
//! full-width quotes or commas where YAML expects ASCII ones. This module looks at the
//! source lines around the parser's position for those causes, points at the character
//! that is the real cause, and says what to write instead; otherwise it rephrases the
//! parser's message.

use std::ops::Range;

use super::ParseError;
use crate::i18n::Text;
use crate::t;

/// A parse error as a person should read it.
#[derive(Debug, Clone, PartialEq)]
pub struct Explained {
    /// What is wrong.
    pub message: Text,
    /// A short label for the underlined span.
    pub label: Option<Text>,
    /// What to write instead.
    pub help: Option<Text>,
    /// The byte range of the cause in the text (empty when only a position is known).
    pub span: Range<usize>,
}

/// One line of the text: its 1-based number, byte offset and content (without `\n`).
#[derive(Clone, Copy)]
struct Line<'a> {
    number: usize,
    start: usize,
    text: &'a str,
}

impl Line<'_> {
    /// Leading whitespace, counting the characters people indent with by mistake.
    fn indent(&self) -> &str {
        let end = self
            .text
            .find(|c: char| !matches!(c, ' ' | '\t' | '\u{3000}'))
            .unwrap_or(self.text.len());
        &self.text[..end]
    }

    /// The content after the indentation.
    fn body(&self) -> &str {
        &self.text[self.indent().len()..]
    }

    fn is_blank_or_comment(&self) -> bool {
        let b = self.body().trim();
        b.is_empty() || b.starts_with('#')
    }

    /// Span of the character at byte `i` of the line.
    fn char_span(&self, i: usize) -> Range<usize> {
        let len = self.text[i..].chars().next().map_or(0, char::len_utf8);
        self.start + i..self.start + i + len
    }

    /// Indentation width in columns (spaces; other characters count one each).
    fn width(&self) -> usize {
        self.indent().chars().count()
    }
}

/// The lines of `text` up to line `last` (1-based): nothing after it is ever looked at.
fn lines(text: &str, last: usize) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, l) in text.split('\n').take(last).enumerate() {
        out.push(Line {
            number: i + 1,
            start,
            text: l.strip_suffix('\r').unwrap_or(l),
        });
        start += l.len() + 1;
    }
    out
}

/// Byte offset of 1-based `line` and character `column` in `text`, clamped to the text.
pub fn offset_of(text: &str, line: u32, column: u32) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line as usize - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    let rest = &text[line_start..];
    let line_end = rest.find('\n').unwrap_or(rest.len());
    line_start
        + rest[..line_end]
            .char_indices()
            .nth(column.max(1) as usize - 1)
            .map_or(line_end, |(i, _)| i)
}

/// Where a mapping key of a line ends: the byte index (in the body) of its separating
/// ASCII colon (`key: value` or `key:` at the end), outside quotes.
fn key_colon(body: &str) -> Option<usize> {
    let (offset, body) = strip_dashes(body);
    let bytes = body.as_bytes();
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') if i == 0 => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b':') if bytes.get(i + 1).is_none_or(|n| *n == b' ' || *n == b'\t') => {
                return Some(i + offset);
            }
            (None, b'#') if i > 0 && bytes[i - 1] == b' ' => return None,
            _ => {}
        }
    }
    None
}

/// A body without its list markers (`- `), and the byte length removed.
fn strip_dashes(body: &str) -> (usize, &str) {
    let mut rest = body;
    while let Some(r) = rest
        .strip_prefix("- ")
        .or_else(|| (rest == "-").then_some(""))
    {
        rest = r.trim_start_matches(' ');
    }
    (body.len() - rest.len(), rest)
}

/// A value without a trailing ` # comment`.
fn strip_comment(value: &str) -> &str {
    match value.find(" #") {
        Some(i) => &value[..i],
        None => value,
    }
    .trim_end()
}

/// Byte index in the line of `i` in its body.
fn in_line(line: &Line, body_index: usize) -> usize {
    line.indent().len() + body_index
}

/// What went wrong on a line, if it shows one of the usual mistakes.
fn line_cause(line: &Line, lines: &[Line]) -> Option<Explained> {
    if let Some(i) = line.text.find('\u{feff}') {
        return Some(Explained {
            message: t!(
                "文件中间有一个字节顺序标记（BOM，U+FEFF），多半是拼接或粘贴文件时带入的",
                "a byte-order mark (BOM, U+FEFF) sits in the middle of the file, usually left over from pasting files together"
            ),
            label: Some(t!("BOM（不可见字符）", "BOM (invisible)")),
            help: Some(t!(
                "删除这个不可见字符（在编辑器中打开“显示不可见字符”可以看到），并将文件保存为无 BOM 的 UTF-8",
                "delete this invisible character (turn on \"show invisible characters\" in the editor to see it) and save the file as UTF-8 without BOM"
            )),
            span: line.char_span(i),
        });
    }
    let indent = line.indent();
    if line.body().is_empty() {
        return None;
    }
    if let Some(i) = indent.find('\t') {
        return Some(Explained {
            message: t!(
                "缩进中有制表符（Tab）；YAML 不允许用 Tab 缩进",
                "the indentation contains a tab; YAML does not allow tabs for indentation"
            ),
            label: Some(t!("制表符", "tab")),
            help: Some(t!(
                "把行首的 Tab 换成空格（通常每层 2 个空格），并与同层的键对齐",
                "replace the tab at the start of the line with spaces (usually 2 per level), aligned with the keys of the same level"
            )),
            span: line.char_span(i),
        });
    }
    if let Some(i) = indent.find('\u{3000}') {
        return Some(Explained {
            message: t!(
                "缩进中有全角空格（U+3000）；YAML 只认半角空格",
                "the indentation contains a full-width space (U+3000); YAML indents with ASCII spaces only"
            ),
            label: Some(t!("全角空格", "full-width space")),
            help: Some(t!(
                "把行首的全角空格换成半角空格（通常每层 2 个），并与同层的键对齐",
                "replace the full-width spaces at the start of the line with ASCII spaces (usually 2 per level), aligned with the keys of the same level"
            )),
            span: line.char_span(i),
        });
    }
    let body = line.body();
    if body.starts_with('#') {
        return None;
    }
    let (dashes, item) = strip_dashes(body);
    let colon = key_colon(body);
    // `name：深圳市`: a full-width colon before any ASCII one, after something key-like.
    if let Some(i) = item.find('：') {
        let key = item[..i].trim();
        let key_like = !key.is_empty()
            && key.chars().count() <= 40
            && !key.contains([' ', '"', '\'', '“', '‘', '[', '{', '#', ':'])
            && colon.is_none_or(|c| c > dashes + i);
        if key_like {
            let value = strip_comment(item[i + '：'.len_utf8()..].trim());
            let fixed = format!("{key}: {value}");
            return Some(Explained {
                message: t!(
                    "键 `{key}` 后用了全角冒号“：”；YAML 只认半角冒号“:”",
                    "the key `{key}` is followed by a full-width colon `：`; YAML only accepts the ASCII colon `:`",
                    key = key
                ),
                label: Some(t!("全角冒号", "full-width colon")),
                help: Some(t!(
                    "改为半角冒号加一个空格：`{fixed}`",
                    "write an ASCII colon and a space: `{fixed}`",
                    fixed = fixed
                )),
                span: line.char_span(in_line(line, dashes + i)),
            });
        }
    }
    if let Some(c) = colon {
        let key = body[dashes..c].trim();
        let after = &body[c + 1..];
        let value = strip_comment(after.trim_start());
        let value_at = c + 1 + (after.len() - after.trim_start().len());
        if let Some(q) = value.chars().next().filter(|q| "“‘「『".contains(*q)) {
            if value.contains(": ") || value.ends_with(':') || value.contains("\"") {
                let inner = value
                    .trim_start_matches(['“', '‘', '「', '『'])
                    .trim_end_matches(['”', '’', '」', '』']);
                let fixed = format!("{key}: \"{}\"", inner.replace('"', "\\\""));
                return Some(Explained {
                    message: t!(
                        "`{key}` 的值以全角引号 {q} 开头；全角引号在 YAML 中只是普通文字，不起引号作用",
                        "the value of `{key}` starts with a full-width quote {q}; YAML reads full-width quotes as ordinary text, not as quotes",
                        key = key,
                        q = q
                    ),
                    label: Some(t!("全角引号", "full-width quote")),
                    help: Some(t!(
                        "改用半角双引号：`{fixed}`",
                        "use ASCII double quotes: `{fixed}`",
                        fixed = fixed
                    )),
                    span: line.char_span(in_line(line, value_at)),
                });
            }
        }
        if value.starts_with(['[', '{']) {
            if let Some(i) = value.find('，') {
                return Some(Explained {
                    message: t!(
                        "`{key}` 的 [ ] 或 {{ }} 中用了全角逗号“，”；YAML 只认半角逗号“,”分隔各项",
                        "the [ ] or {{ }} of `{key}` uses a full-width comma `，`; YAML separates items with the ASCII comma `,` only",
                        key = key
                    ),
                    label: Some(t!("全角逗号", "full-width comma")),
                    help: Some(t!(
                        "把全角逗号“，”改为半角逗号“,”",
                        "replace the full-width comma `，` with an ASCII comma `,`"
                    )),
                    span: line.char_span(in_line(line, value_at + i)),
                });
            }
        }
        let plain = !value.starts_with(['"', '\'', '|', '>', '[', '{', '&', '*', '!']);
        if plain {
            let inner = value
                .find(": ")
                .or_else(|| value.ends_with(':').then(|| value.len() - 1));
            if let Some(i) = inner {
                let fixed = format!("{key}: \"{}\"", value.replace('"', "\\\""));
                return Some(Explained {
                    message: t!(
                        "`{key}` 的值中有“: ”（半角冒号加空格），YAML 会把它当成又一个键",
                        "the value of `{key}` contains `: ` (a colon and a space), which YAML reads as another key",
                        key = key
                    ),
                    label: Some(t!("值中的冒号", "colon inside the value")),
                    help: Some(t!(
                        "给整个值加上半角引号：`{fixed}`（或改用全角冒号“：”）",
                        "put the whole value in ASCII quotes: `{fixed}`",
                        fixed = fixed
                    )),
                    span: line.char_span(in_line(line, value_at + i)),
                });
            }
        }
    } else if !item.is_empty()
        && !item.starts_with(['"', '\'', '[', '{', '|', '>', '-', '&', '*', '!', '%'])
        && dashes == 0
        && sibling_key_at(lines, line)
    {
        let key = strip_comment(item);
        return Some(Explained {
            message: t!(
                "`{key}` 后缺少冒号“:”，它的同级都是“键: 值”",
                "`{key}` has no colon after it, while the lines at its level are `key: value`",
                key = key
            ),
            label: Some(t!("缺少冒号", "missing colon")),
            help: Some(t!(
                "写成 `{key}: 值`（冒号后加一个空格）",
                "write `{key}: value` (a colon and a space)",
                key = key
            )),
            span: line.start + line.indent().len()..line.start + line.indent().len() + key.len(),
        });
    }
    None
}

/// Whether the nearest content line before or after `line` at the same indentation is a
/// `key: value` line (so `line`, without a colon, is a key that lost its colon rather
/// than the continuation of a long value).
fn sibling_key_at(lines: &[Line], line: &Line) -> bool {
    let width = line.width();
    let idx = line.number - 1;
    let near = |it: &mut dyn Iterator<Item = &Line>| {
        it.filter(|l| !l.is_blank_or_comment())
            .take_while(|l| l.width() >= width)
            .find(|l| l.width() == width)
            .is_some_and(|l| key_colon(l.body()).is_some())
    };
    near(&mut lines[..idx].iter().rev()) || near(&mut lines[idx + 1..].iter())
}

/// A line whose indentation matches no level open above it.
fn misaligned(line: &Line, lines: &[Line]) -> Option<Explained> {
    if line.is_blank_or_comment() {
        return None;
    }
    let above: Vec<&Line> = lines[..line.number - 1]
        .iter()
        .filter(|l| !l.is_blank_or_comment())
        .collect();
    let prev = above.last()?;
    let width = line.width();
    let prev_body = strip_comment(prev.body());
    let opens = prev_body.ends_with(':') || prev_body.ends_with(" |") || prev_body.ends_with(" >");
    if opens && width > prev.width() {
        return None;
    }
    // The levels open at this point: the previous line's, then each shallower ancestor's.
    let mut levels = vec![prev.width()];
    let (dashes, _) = strip_dashes(prev.body());
    if dashes > 0 {
        levels.push(prev.width() + dashes);
    }
    let mut min = prev.width();
    for l in above.iter().rev() {
        if l.width() < min {
            min = l.width();
            levels.push(min);
            let (d, _) = strip_dashes(l.body());
            if d > 0 {
                levels.push(min + d);
            }
        }
    }
    if levels.contains(&width) {
        return None;
    }
    levels.sort_unstable();
    levels.dedup();
    let span = line.start + line.indent().len()..line.start + line.indent().len();
    let span = span.start..span.start + line.body().chars().next().map_or(0, char::len_utf8);
    let help = t!(
        "同一层的键左端对齐；只有以冒号结尾的键（如 `center:`）下面才能有缩进更深的内容",
        "align the keys of one level; only a key ending with a colon (like `center:`) can have deeper-indented lines under it"
    );
    if width > prev.width() {
        return Some(Explained {
            message: t!(
                "第 {line} 行比上一行缩进更深，但上一行 `{prev}` 已经有值，下面不能再有下级内容",
                "line {line} is indented deeper than the line above, but `{prev}` already has a value and cannot hold nested lines",
                line = line.number,
                prev = prev_body.trim()
            ),
            label: Some(t!("缩进有误", "wrong indentation")),
            help: Some(help),
            span,
        });
    }
    let shown: Vec<String> = levels.iter().map(usize::to_string).collect();
    Some(Explained {
        message: t!(
            "第 {line} 行缩进 {width} 个空格，与上文任何一层（{levels} 个空格）都对不齐",
            "line {line} is indented by {width}, which matches no level above it ({levels} spaces)",
            line = line.number,
            width = Text::new(
                width.to_string(),
                if width == 1 {
                    "1 space".to_string()
                } else {
                    format!("{width} spaces")
                }
            ),
            levels = Text::new(shown.join("、"), shown.join(" or "))
        ),
        label: Some(t!("缩进有误", "wrong indentation")),
        help: Some(help),
        span,
    })
}

/// Explain a parse error of `text` (the text given to [`super::parse`]).
pub fn explain(text: &str, e: &ParseError) -> Explained {
    let at = e
        .pos
        .map(|p| offset_of(text, p.line.max(1), p.column.max(1)));
    let line_no = e.pos.map_or(1, |p| p.line.max(1) as usize);
    let raw = e.message.to_lowercase();
    let at_span = |at: usize| {
        let len = text[at..]
            .chars()
            .next()
            .filter(|c| *c != '\n')
            .map_or(0, char::len_utf8);
        at..at + len
    };
    if e.budget {
        return Explained {
            message: t!(
                "超出安全限制（嵌套深度、节点或别名数量），已停止解析",
                "a safety limit (nesting depth, nodes or aliases) was exceeded; parsing stopped"
            ),
            label: None,
            help: None,
            span: at.map_or(0..0, at_span),
        };
    }
    if let Some(key) = e.message.strip_prefix("duplicate mapping key: ") {
        let key = key.split(", set DuplicateKeyPolicy").next().unwrap_or(key);
        let span = e
            .pos
            .filter(|p| p.len > 0 && text.get(p.span()).is_some())
            .map_or_else(|| at.map_or(0..0, at_span), |p| p.span());
        return Explained {
            message: t!(
                "键 `{key}` 重复出现；同一层中每个键只能写一次",
                "duplicate key `{key}`: a key may appear only once at one level",
                key = key
            ),
            label: Some(t!("重复的键", "repeated key")),
            help: Some(t!(
                "删除重复的一行，或把两处的值合并",
                "delete the repeated line, or merge the two values"
            )),
            span,
        };
    }
    let all = lines(text, line_no.saturating_add(2));
    let line_no = line_no.min(all.len());
    // The usual mistakes, on the parser's line first, then around it: the parser often
    // gives up on the line after the cause (or, for a tab, at the end of the line before).
    if !all.is_empty() {
        let i = line_no - 1;
        let order = [Some(i), i.checked_sub(1), Some(i + 1), i.checked_sub(2)];
        for j in order.into_iter().flatten().filter(|j| *j < all.len()) {
            if let Some(x) = line_cause(&all[j], &all) {
                return x;
            }
        }
        let structural = [
            "did not find expected key",
            "mapping values are not allowed",
            "did not find expected '-'",
            "simple key expected",
            "comment intercepting",
        ];
        if structural.iter().any(|s| raw.contains(s)) {
            for j in [Some(i), i.checked_sub(1), Some(i + 1)]
                .into_iter()
                .flatten()
                .filter(|j| *j < all.len())
            {
                if let Some(x) = misaligned(&all[j], &all) {
                    return x;
                }
            }
        }
    }
    let (message, help) = rephrase(&e.message);
    Explained {
        message,
        label: None,
        help,
        span: at.map_or(0..0, at_span),
    }
}

/// The parser's message in plain words, with a fix when there is a usual one.
fn rephrase(raw: &str) -> (Text, Option<Text>) {
    let m = raw.to_lowercase();
    let has = |s: &str| m.contains(s);
    if has("unclosed quote") || has("found unexpected end of stream") && has("quoted") {
        (
            t!("引号没有闭合", "a quote is not closed"),
            Some(t!(
                "在值的末尾补上同样的半角引号（\" 或 '）",
                "close the value with the same ASCII quote (\" or ')"
            )),
        )
    } else if has("mapping values are not allowed") {
        (
            t!(
                "此处不能出现“: ”（冒号加空格）：它在值里，或缩进有误",
                "`: ` (a colon and a space) is not allowed here: it is inside a value, or the indentation is wrong"
            ),
            Some(t!(
                "值中含冒号时给整个值加半角引号；同一层的键左端对齐",
                "quote a value that contains a colon; align the keys of one level"
            )),
        )
    } else if has("simple key expected") || has("could not find expected ':'") {
        (
            t!(
                "这里应有冒号“:”分隔键和值",
                "a colon `:` should separate the key from its value here"
            ),
            Some(t!(
                "写成 `键: 值`（冒号后加一个空格）",
                "write `key: value` (a colon and a space)"
            )),
        )
    } else if has("did not find expected key") {
        (
            t!(
                "缩进有误：这里应是与上文对齐的键",
                "wrong indentation: a key aligned with those above was expected here"
            ),
            Some(t!("同一层的键左端对齐", "align the keys of one level")),
        )
    } else if has("expected '-'") {
        (
            t!(
                "列表中出现了不以“- ”开头的行（缩进有误，或缺少“- ”）",
                "a line inside a list does not start with `- ` (wrong indentation, or a missing `- `)"
            ),
            Some(t!("列表项以“- ”开头并对齐", "start list items with `- ` and align them")),
        )
    } else if has("flow mapping") || has("'}'") {
        (
            t!(
                "花括号 {{ }} 没有闭合，或各项之间缺少半角逗号",
                "a {{ }} is not closed, or its items lack an ASCII comma between them"
            ),
            Some(t!(
                "补上“}}”，各项用半角逗号分隔",
                "add the `}}` and separate items with ASCII commas"
            )),
        )
    } else if has("flow sequence") || has("']'") || has("':' indicator") {
        (
            t!(
                "方括号 [ ] 没有闭合，或各项之间缺少半角逗号",
                "a [ ] is not closed, or its items lack an ASCII comma between them"
            ),
            Some(t!(
                "补上“]”，各项用半角逗号分隔",
                "add the `]` and separate items with ASCII commas"
            )),
        )
    } else if has("tab") {
        (
            t!(
                "此处有制表符（Tab）；YAML 用空格缩进",
                "a tab is here; YAML indents with spaces"
            ),
            Some(t!("把 Tab 换成空格", "replace the tab with spaces")),
        )
    } else if has("bom") {
        (
            t!(
                "文件中间有字节顺序标记（BOM，U+FEFF）",
                "a byte-order mark (BOM, U+FEFF) sits in the middle of the file"
            ),
            Some(t!("删除这个不可见字符", "delete this invisible character")),
        )
    } else if has("unknown anchor") {
        (
            t!(
                "引用（*名称）指向未定义的锚点（&名称）",
                "an alias (*name) refers to an anchor (&name) that is not defined"
            ),
            Some(t!(
                "以 * 开头的值若是普通文字，请加半角引号",
                "if a value starting with * is plain text, put it in ASCII quotes"
            )),
        )
    } else if has("unexpected character") || has("reserved") {
        (
            t!(
                "值以 YAML 保留的字符（如 @ 或 `）开头",
                "a value starts with a character YAML reserves (like @ or `)"
            ),
            Some(t!(
                "给整个值加半角引号",
                "put the whole value in ASCII quotes"
            )),
        )
    } else if has("multiple yaml documents") || has("document") && has("---") {
        (
            t!(
                "文件中有多个 YAML 文档（由 `---` 分隔）；只应有一个",
                "the file holds several YAML documents (separated by `---`); it should hold one"
            ),
            Some(t!(
                "删除多余的 `---` 行及其后的重复内容",
                "remove the extra `---` line and what it repeats"
            )),
        )
    } else if has("directive") {
        (
            t!(
                "以“%”开头的行被当作 YAML 指令",
                "a line starting with `%` is read as a YAML directive"
            ),
            Some(t!(
                "删除该行，或给它的值加半角引号",
                "delete the line, or quote its value"
            )),
        )
    } else if has("comment intercepting") {
        (
            t!(
                "注释之后的一行缩进更深，像是上一个值的续行：缩进有误",
                "a line after a comment is indented deeper, as if it continued the value above: wrong indentation"
            ),
            Some(t!("同一层的键左端对齐", "align the keys of one level")),
        )
    } else if has("end of stream") || has("unexpected end") {
        (
            t!(
                "文件意外结束：引号或括号没有闭合",
                "the file ends too early: a quote or a bracket is not closed"
            ),
            Some(t!(
                "补上缺少的引号或括号",
                "add the missing quote or bracket"
            )),
        )
    } else {
        (
            Text::new(
                "此处无法按 YAML 解析（缩进、冒号或引号有误）",
                format!("this cannot be parsed as YAML ({raw})"),
            ),
            None,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn explained(text: &str) -> Explained {
        explain(text, &super::super::parse(text).unwrap_err())
    }

    fn at(text: &str, x: &Explained) -> (u32, u32) {
        crate::finding::line_col(text, x.span.start)
    }

    #[test]
    fn usual_mistakes_point_at_their_character() {
        for (text, line, column, zh) in [
            ("a: 1\nb：2\nc: 3\n", 2, 2, "全角冒号"),
            ("- name：x\n  id: 1\n", 1, 7, "全角冒号"),
            ("c:\n  a: 1\n\tb: 2\n", 3, 1, "制表符"),
            ("c:\n  a: 1\n \u{3000}b: 2\n", 3, 2, "全角空格"),
            ("note: 时间: 2024\n", 1, 9, "“: ”"),
            ("a: 1\n  b: 2\n", 2, 3, "缩进更深"),
            ("c:\n    a: 1\n  b: 2\n", 3, 3, "对不齐"),
            ("a: 1\n\u{feff}b: 2\n", 2, 1, "BOM"),
            ("a: 1\nb\nc: 2\n", 2, 1, "缺少冒号"),
        ] {
            let x = explained(text);
            assert_eq!(at(text, &x), (line, column), "{text:?}: {x:?}");
            assert!(x.message.zh.contains(zh), "{text:?}: {x:?}");
            assert!(!x.message.en.is_empty() && x.help.is_some(), "{x:?}");
        }
    }

    #[test]
    fn parser_messages_never_reach_chinese_output() {
        for text in [
            "a: 'x\n",
            "a: [1, 2\nb: 3\n",
            "a: {x: 1\nb: 3\n",
            "- a\nb: 1\n",
            "a: &x 1\nb: *y\n",
            "a: `x\n",
            "a: x\n---\nb: y\n",
            "a: 1\n%YAML 1.2\n",
        ] {
            let x = explained(text);
            assert!(
                !x.message.zh.chars().any(|c| c.is_ascii_lowercase()),
                "{text:?}: {x:?}"
            );
        }
        // Anything not recognised still says something in each language.
        let (m, _) = rephrase("some new parser complaint");
        assert!(m.zh.contains("无法按 YAML 解析"));
        assert!(m.en.contains("some new parser complaint"));
    }

    #[test]
    fn a_full_width_space_key_is_a_parse_error() {
        let text = "center:\n  id: X\n\u{3000}\u{3000}name: 深圳\n";
        let x = explained(text);
        assert_eq!(at(text, &x), (3, 1));
        assert!(x.message.en.contains("full-width space"));
        // Inside a value it is text, not indentation.
        assert!(super::super::parse("note: |\n  \u{3000}\u{3000}本中心成立于 1998 年\n").is_ok());
    }
}
