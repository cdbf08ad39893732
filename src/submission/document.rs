//! A Markdown process document: its outline (headings and sections) and tables.

use std::ops::Range;
use std::sync::OnceLock;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use regex::Regex;

/// A document read from a submission.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path relative to the submission folder.
    pub file: String,
    pub text: std::sync::Arc<str>,
    pub headings: Vec<Heading>,
    pub tables: Vec<Table>,
    /// Line starts, for locating many findings in a long document quickly.
    pub lines: crate::finding::LineIndex,
}

#[derive(Debug, Clone)]
pub struct Heading {
    pub level: u32,
    /// The heading text as written (`一、总则`).
    pub raw: String,
    /// Numbering and spacing removed, half-width (`总则`).
    pub normalized: String,
    /// The heading line.
    pub span: Range<usize>,
    /// From the end of the heading to the next heading of the same or a higher level.
    pub body: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Table {
    /// Header cells, trimmed.
    pub header: Vec<String>,
    /// The header row.
    pub header_span: Range<usize>,
    /// Body rows (the header row not counted).
    pub rows: usize,
}

impl Document {
    pub fn parse(file: &str, text: std::sync::Arc<str>) -> Document {
        let mut headings = Vec::new();
        let mut tables = Vec::new();
        let opts = Options::ENABLE_TABLES;
        let mut in_heading: Option<(u32, usize, String)> = None;
        let mut table: Option<(Vec<String>, Range<usize>, usize)> = None;
        let mut in_head_row = false;
        let mut cell = String::new();
        for (event, range) in Parser::new_ext(&text, opts).into_offset_iter() {
            match event {
                Event::Start(Tag::Heading { level, .. }) => {
                    in_heading = Some((heading_level(level), range.start, String::new()));
                }
                Event::End(TagEnd::Heading(_)) => {
                    if let Some((level, start, raw)) = in_heading.take() {
                        let raw = raw.trim().to_string();
                        headings.push(Heading {
                            level,
                            normalized: normalize_heading(&raw),
                            raw,
                            span: start..trim_end(&text, range.end),
                            body: range.end..range.end,
                        });
                    }
                }
                Event::Start(Tag::Table(_)) => table = Some((Vec::new(), range.clone(), 0)),
                Event::Start(Tag::TableHead) => {
                    in_head_row = true;
                    if let Some(t) = table.as_mut() {
                        t.1 = range.start..trim_end(&text, range.end);
                    }
                }
                Event::End(TagEnd::TableHead) => in_head_row = false,
                Event::End(TagEnd::TableRow) => {
                    if let Some(t) = table.as_mut() {
                        t.2 += 1;
                    }
                }
                Event::Start(Tag::TableCell) => cell.clear(),
                Event::End(TagEnd::TableCell) if in_head_row => {
                    if let Some(t) = table.as_mut() {
                        t.0.push(cell.trim().to_string());
                    }
                }
                Event::End(TagEnd::Table) => {
                    if let Some((header, header_span, rows)) = table.take() {
                        tables.push(Table {
                            header,
                            header_span,
                            rows,
                        });
                    }
                }
                Event::Text(t) | Event::Code(t) => {
                    if let Some((_, _, raw)) = in_heading.as_mut() {
                        raw.push_str(&t);
                    } else if table.is_some() {
                        cell.push_str(&t);
                    }
                }
                _ => {}
            }
        }
        // A section's body runs to the next heading of the same or a higher level.
        for i in 0..headings.len() {
            let level = headings[i].level;
            let end = headings[i + 1..]
                .iter()
                .find(|h| h.level <= level)
                .map_or(text.len(), |h| h.span.start);
            headings[i].body.end = end.max(headings[i].body.start);
        }
        Document {
            file: file.to_string(),
            lines: crate::finding::LineIndex::new(&text),
            text,
            headings,
            tables,
        }
    }

    /// True when the document has no content but whitespace.
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// The first heading matching any of the wordings.
    pub fn find_heading<'a>(&self, wordings: impl IntoIterator<Item = &'a str>) -> Option<usize> {
        let wanted: Vec<String> = wordings.into_iter().map(normalize_heading).collect();
        self.headings
            .iter()
            .position(|h| wanted.iter().any(|w| !w.is_empty() && *w == h.normalized))
    }

    /// Tables whose header lies in `range`.
    pub fn tables_in(&self, range: Range<usize>) -> impl Iterator<Item = &Table> {
        self.tables
            .iter()
            .filter(move |t| t.header_span.start >= range.start && t.header_span.start < range.end)
    }
}

fn heading_level(l: HeadingLevel) -> u32 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn trim_end(text: &str, end: usize) -> usize {
    let mut end = end.min(text.len());
    while end > 0 && text.as_bytes()[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    end
}

/// Strip the numbering Chinese documents put before headings (`一、`, `（一）`, `1.1`,
/// `第三章`), whitespace and trailing punctuation, and fold full-width letters and digits,
/// so `## 一、总则` and `## 1 总则` both read `总则`.
pub fn normalize_heading(raw: &str) -> String {
    static NUMBERING: OnceLock<Regex> = OnceLock::new();
    let re = NUMBERING.get_or_init(|| {
        Regex::new(
            r"^(?:第[一二三四五六七八九十百零〇两\d]+[章节条部分篇]|[一二三四五六七八九十百零〇]+[、.．]|[（(][一二三四五六七八九十百零〇\d]+[)）]|\d+(?:[.．]\d+)*(?:[、.．]|\s)|[A-Za-z][.．、)]|附件\s*\d*[:：]?)\s*",
        )
        .expect("static regex")
    });
    let half = crate::figures::to_half_width(raw.trim());
    let mut s = half.as_str();
    // Numbering may repeat (`第一章 1. 总则`): strip at most a few layers.
    for _ in 0..3 {
        match re.find(s) {
            Some(m) if m.end() > 0 && m.end() < s.len() => s = &s[m.end()..],
            _ => break,
        }
    }
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, ':' | '：' | '*' | '`'))
        .collect::<String>()
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_styles_normalize_alike() {
        for raw in [
            "总则",
            "一、总则",
            "1 总则",
            "1. 总则",
            "第一章 总则",
            "（一）总则",
            "1.1 总则",
            "总则：",
        ] {
            assert_eq!(normalize_heading(raw), "总则", "{raw}");
        }
        assert_eq!(normalize_heading("2024年度工作计划"), "2024年度工作计划");
        assert_eq!(normalize_heading("General Provisions"), "generalprovisions");
    }

    #[test]
    fn outline_sections_and_tables() {
        let text = "# 标题\n\n## 一、总则\n\n正文。\n\n### （一）目的\n\n目的。\n\n## 二、服务目录\n\n| 服务项目 | 收费标准 |\n|---|---|\n| 咨询 | 免费 |\n";
        let d = Document::parse("docs/a.md", text.into());
        let names: Vec<_> = d.headings.iter().map(|h| h.normalized.as_str()).collect();
        assert_eq!(names, ["标题", "总则", "目的", "服务目录"]);
        let general = &d.headings[1];
        assert!(text[general.body.clone()].contains("目的。"));
        assert!(!text[general.body.clone()].contains("服务项目"));
        assert_eq!(&text[general.span.clone()], "## 一、总则");
        assert_eq!(d.tables.len(), 1);
        assert_eq!(d.tables[0].header, ["服务项目", "收费标准"]);
        assert_eq!(d.tables[0].rows, 1, "body rows");
        let catalog = d.find_heading(["服务目录"]).unwrap();
        assert_eq!(d.tables_in(d.headings[catalog].body.clone()).count(), 1);
    }
}
