//! The part of a long line a snippet shows: a line wider than a terminal (a document
//! pasted from Word as one paragraph) is shown as a window around what a finding points
//! at, in display columns (a Chinese character takes two), never cut inside a character.
//! Shared by the renderers that print snippets (human, HTML).

use unicode_width::UnicodeWidthChar;

/// The widest line a snippet shows whole, in terminal columns (a Chinese character takes
/// two).
pub(crate) const LINE_COLUMNS: usize = 160;
/// Columns shown each side of a span in a wider line.
pub(crate) const AROUND_COLUMNS: usize = 60;
/// The most columns of a span shown (and underlined) in a wider line.
pub(crate) const SPAN_COLUMNS: usize = 80;

/// The columns a character takes in a terminal (a control character one, as a tab
/// shows at least one).
fn columns(c: char) -> usize {
    c.width().unwrap_or(1).max(1)
}

/// The byte offset of the last character boundary at most `n` columns after `at` in
/// `text`, or its end.
fn columns_after(text: &str, at: usize, n: usize) -> usize {
    let mut used = 0;
    for (i, c) in text[at..].char_indices() {
        used += columns(c);
        if used > n {
            return at + i;
        }
    }
    text.len()
}

/// The byte offset of the first character boundary at most `n` columns before `at` in
/// `text`, or its start.
fn columns_before(text: &str, at: usize, n: usize) -> usize {
    let mut used = 0;
    let mut from = at;
    for (i, c) in text[..at].char_indices().rev() {
        used += columns(c);
        if used > n {
            break;
        }
        from = i;
    }
    from
}

/// The part of the line `line` (a byte range of `text`, without its newline) a snippet
/// shows: all of it when it fits in [`LINE_COLUMNS`], else a window around `focus` (a byte
/// range in the line), or the line's start when there is none. The bounds are character
/// boundaries.
pub(crate) fn line_window(
    text: &str,
    line: std::ops::Range<usize>,
    focus: Option<std::ops::Range<usize>>,
) -> std::ops::Range<usize> {
    let l = &text[line.clone()];
    if l.len() <= LINE_COLUMNS / 2 || columns_after(l, 0, LINE_COLUMNS) == l.len() {
        return line;
    }
    match focus {
        Some(f) => {
            let span_end = columns_after(text, f.start, SPAN_COLUMNS).min(f.end.max(f.start));
            let from = columns_before(text, f.start, AROUND_COLUMNS).max(line.start);
            let to = columns_after(text, span_end, AROUND_COLUMNS).min(line.end);
            from..to
        }
        None => line.start..columns_after(text, line.start, LINE_COLUMNS).min(line.end),
    }
}
