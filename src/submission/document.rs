//! A Markdown process document: its outline (headings and sections) and tables.

use std::ops::Range;
use std::sync::OnceLock;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use regex::Regex;

use super::heading_match;

/// A document read from a submission.
#[derive(Debug, Clone)]
pub struct Document {
    /// Path relative to the submission folder.
    pub file: String,
    pub text: std::sync::Arc<str>,
    pub headings: Vec<Heading>,
    pub tables: Vec<Table>,
    /// How many headings were read from plain lines (`一、总则` or `**一、总则**` alone on a
    /// line, as Word exports them) because the document has no Markdown section headings
    /// (no `##` but appendices, at most one `#`).
    pub plain_headings: usize,
    /// The entries of a table of contents written as plain lines (see
    /// `table_of_contents`), when plain lines were read for headings: they name sections
    /// without being them or holding their content. Empty when there is none.
    pub contents: Range<usize>,
    /// Line starts, for locating many findings in a long document quickly; built at the
    /// first finding (most documents have none).
    lines: std::sync::OnceLock<crate::finding::LineIndex>,
    /// The first heading match computed, with what was wanted: the sections and keywords
    /// rules of one document ask for the same catalogue headings, and matching is the
    /// costly part of checking a document.
    matched: std::sync::OnceLock<(Vec<Vec<String>>, Vec<heading_match::Found>)>,
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
    /// Read from a plain line (`一、总则`), not written as a Markdown heading.
    pub plain: bool,
}

#[derive(Debug, Clone)]
pub struct Table {
    /// Header cells, trimmed.
    pub header: Vec<String>,
    /// The header row.
    pub header_span: Range<usize>,
    /// Body rows (the header row not counted).
    pub rows: usize,
    /// Each body row's cells, as byte ranges of the text (trimmed).
    pub cells: Vec<Vec<Range<usize>>>,
}

impl Document {
    pub fn parse(file: &str, text: std::sync::Arc<str>) -> Document {
        let mut headings = Vec::new();
        let mut tables = Vec::new();
        // Heading attributes (`## 总则 {#general}`, as static-site generators write them) are
        // markup, not part of the heading's text.
        let opts = Options::ENABLE_TABLES | Options::ENABLE_HEADING_ATTRIBUTES;
        // A page's front matter is no rule over a heading: it is read as blank lines.
        let front = front_matter(&text);
        let blanked = front.as_ref().map(|f| blank_front_matter(&text, f));
        let markdown: &str = blanked.as_deref().unwrap_or(&text);
        let mut in_heading: Option<(u32, usize, String)> = None;
        let mut table: Option<(Vec<String>, Range<usize>, usize)> = None;
        let mut cells: Vec<Vec<Range<usize>>> = Vec::new();
        let mut in_head_row = false;
        let mut cell = String::new();
        for (event, range) in Parser::new_ext(markdown, opts).into_offset_iter() {
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
                            plain: false,
                        });
                    }
                }
                Event::Start(Tag::Table(_)) => {
                    table = Some((Vec::new(), range.clone(), 0));
                    cells = Vec::new();
                }
                Event::Start(Tag::TableRow) => cells.push(Vec::new()),
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
                Event::Start(Tag::TableCell) => {
                    cell.clear();
                    if let (false, Some(row)) = (in_head_row, cells.last_mut()) {
                        row.push(trimmed(&text, range));
                    }
                }
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
                            cells: std::mem::take(&mut cells),
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
        // A document exported from Word has its headings as plain numbered or bold lines.
        let mut plain_headings = 0;
        let mut contents = 0..0;
        // Read them when no Markdown heading is a section (`##` other than an appendix, or `#`
        // other than a title).
        let sections = |level| {
            headings
                .iter()
                .filter(|h| h.level == level && !is_appendix(&h.raw))
                .count()
        };
        if sections(2) == 0 && sections(1) <= 1 {
            let plain;
            (plain, contents) = plain_line_headings(&text);
            plain_headings = plain.len();
            headings.extend(plain);
            headings.sort_by_key(|h| h.span.start);
        }
        if let Some(front) = front {
            title_from_front_matter(&text, front, &mut headings);
        }
        // A section's body runs to the next heading of the same or a higher level; between
        // a 章 and a 节 the numbering outranks the #s (`### 第四章` over `## 第一节`).
        let ranks: Vec<Option<u8>> = headings.iter().map(|h| rank(&h.raw)).collect();
        for i in 0..headings.len() {
            let level = headings[i].level;
            let end = headings[i + 1..]
                .iter()
                .zip(&ranks[i + 1..])
                .find(|(h, r)| match (ranks[i], **r) {
                    (Some(a), Some(b)) => b <= a,
                    _ => h.level <= level,
                })
                .map_or(text.len(), |(h, _)| h.span.start);
            headings[i].body.end = end.max(headings[i].body.start);
        }
        Document {
            file: file.to_string(),
            lines: std::sync::OnceLock::new(),
            text,
            headings,
            tables,
            plain_headings,
            contents,
            matched: std::sync::OnceLock::new(),
        }
    }

    /// Which heading each wanted item is, by [`heading_match::assign`]: `wanted[i]` lists
    /// the accepted wordings of item i. A level-1 title over the sections is not a section,
    /// nor is an appendix (`附件2 数据安全事件报告表`).
    pub fn match_headings(&self, wanted: &[Vec<&str>]) -> Vec<heading_match::Found> {
        let same = |w: &Vec<Vec<String>>| {
            w.len() == wanted.len() && w.iter().zip(wanted).all(|(a, b)| a == b)
        };
        if let Some((_, found)) = self.matched.get().filter(|(w, _)| same(w)) {
            return found.clone();
        }
        let found = self.compute_matches(wanted);
        let key = wanted
            .iter()
            .map(|w| w.iter().map(|s| s.to_string()).collect())
            .collect();
        let _ = self.matched.set((key, found.clone()));
        found
    }

    fn compute_matches(&self, wanted: &[Vec<&str>]) -> Vec<heading_match::Found> {
        let normalized: Vec<&str> = self
            .headings
            .iter()
            .map(|h| h.normalized.as_str())
            .collect();
        let titles = self.headings.iter().filter(|h| h.level == 1).count();
        let skip: Vec<bool> = self
            .headings
            .iter()
            .enumerate()
            .map(|(i, h)| {
                (i == 0 && h.level == 1 && titles == 1 && self.headings.len() > 1)
                    || (self.headings.len() == 1 && self.is_lone_title(h))
                    || is_appendix(&h.raw)
            })
            .collect();
        heading_match::assign_normalized(wanted, &normalized, &skip)
    }

    /// Whether `h`, the document's only heading, is its title: a level-1 heading that
    /// opens the text, without numbering, longer than any section's name (a regulation
    /// written as bare articles under `# 深圳市南山区生产力促进中心投诉处理制度`). A title
    /// names the document: that it holds a section's words (投诉处理) does not make it
    /// that section.
    fn is_lone_title(&self, h: &Heading) -> bool {
        h.level == 1
            && !h.plain
            && self.text[..h.span.start].trim().is_empty()
            && h.normalized.chars().count() > LONGEST_SECTION_NAME
            && !numbering().is_match(h.raw.trim_start_matches(['#', '*', ' ']))
    }

    /// Where `span` of the text is: file, line and character column.
    pub fn location(&self, span: Range<usize>) -> crate::finding::Location {
        self.lines
            .get_or_init(|| crate::finding::LineIndex::new(&self.text))
            .location(&self.file, &self.text, span)
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

/// `range` of `text` without the white space around it.
fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let Some(slice) = text.get(range.clone()) else {
        return range.start..range.start;
    };
    let start = range.start + (slice.len() - slice.trim_start().len());
    start..start + slice.trim().len()
}

fn trim_end(text: &str, end: usize) -> usize {
    let mut end = end.min(text.len());
    while end > 0 && text.as_bytes()[end - 1].is_ascii_whitespace() {
        end -= 1;
    }
    end
}

/// The YAML front matter a site generator reads (Jekyll, Hugo: `---` on the first line,
/// `key: value` lines, `---` or `...` closing): the range of its lines between the
/// markers. A document that opens with a rule over prose has none.
fn front_matter(text: &str) -> Option<Range<usize>> {
    let rest = text.strip_prefix("---")?;
    let start = 3 + (rest.len() - rest.trim_start_matches([' ', '\t', '\r']).len());
    let start = start + text[start..].strip_prefix('\n').map(|_| 1)?;
    let mut at = start;
    for line in text[start..].split_inclusive('\n') {
        let l = line.trim_end();
        if l == "---" || l == "..." {
            return (at > start).then_some(start..at);
        }
        // The first line is a key (`title: …`, `layout: post`).
        if at == start {
            let key = l.split(':').next().unwrap_or("");
            if !l.contains(':')
                || key.is_empty()
                || !key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
            {
                return None;
            }
        }
        at += line.len();
    }
    None
}

/// `text` with its front matter, markers included, turned into blank lines of the same
/// length: the Markdown parser then reads the rest at its own offsets.
#[cold]
fn blank_front_matter(text: &str, front: &Range<usize>) -> String {
    let end = text[front.end..]
        .find('\n')
        .map_or(text.len(), |i| front.end + i);
    let mut out = String::with_capacity(text.len());
    out.extend(
        text[..end]
            .bytes()
            .map(|b| if b == b'\n' { '\n' } else { ' ' }),
    );
    out.push_str(&text[end..]);
    out
}

/// The front matter's `title:` is the document's title, unless the page writes its own
/// (`# 标题`).
#[cold]
fn title_from_front_matter(text: &str, front: Range<usize>, headings: &mut Vec<Heading>) {
    let Some(title) = front_matter_title(text, front) else {
        return;
    };
    if headings.iter().any(|h| h.level == 1) {
        return;
    }
    let raw = text[title.clone()].to_string();
    headings.insert(
        0,
        Heading {
            level: 1,
            normalized: normalize_heading(&raw),
            raw,
            span: title.clone(),
            body: title.end..title.end,
            plain: false,
        },
    );
}

/// The value of the front matter's `title:` line, unquoted: its range in `text`.
fn front_matter_title(text: &str, front: Range<usize>) -> Option<Range<usize>> {
    let mut at = front.start;
    for line in text[front].split_inclusive('\n') {
        if let Some(v) = line.strip_prefix("title:") {
            let value = v.trim();
            let value = value
                .strip_prefix(['"', '\''])
                .and_then(|v| v.strip_suffix(['"', '\'']))
                .unwrap_or(value)
                .trim();
            if value.is_empty() {
                return None;
            }
            let off = at + line.find(value)?;
            return Some(off..off + value.len());
        }
        at += line.len();
    }
    None
}

/// An appendix heading: `附件1 …`, `附表 …`, `附录 …`.
pub fn is_appendix(raw: &str) -> bool {
    let t = raw.trim_start_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    ["附件", "附表", "附录"].iter().any(|p| t.starts_with(p))
}

/// Headings written as plain lines: a short numbered line (`一、总则`, `第一章 总则`,
/// `（一）目的`, `1. 总则`) or a bold-only line (`**总则**`), followed by body text. An
/// article (`第七条 宣誓誓词如下：`, `**第三条** 适用范围`) is body text, whatever it ends
/// with: articles are the provisions under a chapter's heading, not headings.
///
/// Also gives the byte span of the entries of a table of contents, which are no headings.
fn plain_line_headings(text: &str) -> (Vec<Heading>, Range<usize>) {
    static NUMBERED: OnceLock<Regex> = OnceLock::new();
    let re = NUMBERED.get_or_init(|| {
        Regex::new(
            r"^(?:(?P<top>第[一二三四五六七八九十百零〇两\d]+(?:章|部分|篇)|[一二三四五六七八九十百零〇]+[、．.]|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ]+[、.．\s])|(?P<sub>第[一二三四五六七八九十百零〇两\d]+节|[（(][一二三四五六七八九十百零〇\d]+[)）]|\d+[.．]\d+(?:[.．]\d+)*[、.．\s]?)|(?P<arabic>\d+[.．、\s]))\s*\S",
        )
        .expect("static regex")
    });
    let mut lines = Vec::new();
    let mut fenced = false;
    let mut offset = 0;
    for line in crate::text::lines_inclusive(text) {
        let start = offset;
        offset += line.len();
        let t = line.trim();
        if t.starts_with("```") || t.starts_with("~~~") {
            fenced = !fenced;
        }
        if !fenced {
            lines.push((
                start + line.len() - line.trim_start().len(),
                without_line_break_tags(t),
            ));
        }
    }
    let contents = table_of_contents(&lines);
    let mut out = Vec::new();
    // Whether a line other than a bare name came before: the short lines a text opens
    // with are its title (`定州市政务服务中心` over `投诉受理制度`).
    let mut opened = false;
    // Lines with text since the line that opened the text.
    let mut since_opening = 0;
    for (k, &(start, line)) in lines.iter().enumerate() {
        let title_passed = opened;
        if title_passed && !line.is_empty() {
            since_opening += 1;
        }
        opened = opened || (!line.is_empty() && !is_bare_name(line));
        // The issuer named under the title (`电力客户来信来访及投诉处理制度` over `市场营销部`)
        // is a byline, not a heading.
        if since_opening == 1 && is_issuer(line) {
            continue;
        }
        if line.is_empty()
            || line.starts_with(['#', '|', '>', '-', '+'])
            // A table's cell put on a line of its own (`4.8元/笼/天 |`).
            || line.ends_with('|')
            || contents.contains(&start)
        {
            continue;
        }
        if title_passed && is_unnumbered_heading(&lines, k) {
            out.push(Heading {
                level: UNNUMBERED,
                raw: line.to_string(),
                normalized: normalize_heading(line),
                span: start..start + line.len(),
                body: start + line.len()..start + line.len(),
                plain: true,
            });
            continue;
        }
        // A step named before a dash, its body run on after it (`2.受理——符合受理条件的，
        // 填写委托单…`): the name is the heading, the rest of the line its body.
        let run_in = run_in_name(line);
        let t = run_in.unwrap_or(line);
        if run_in.is_none() && t.ends_with(['。', '；', '，', ';', ',']) {
            continue;
        }
        let bold = t.len() > 4
            && t.starts_with("**")
            && t.trim_end_matches(['：', ':']).ends_with("**")
            && !t[2..t.len() - 2].contains("**");
        let half = crate::figures::half_width(t);
        if is_article(&half) {
            continue;
        }
        // A date alone on its line (`2021.03.12`, a notice's signature) is no numbered
        // heading.
        let bare = half.trim_matches(|c: char| matches!(c, '*' | '_') || c.is_whitespace());
        if bare
            .chars()
            .all(|c| c.is_ascii_digit() || ".-/年月日:".contains(c) || c.is_whitespace())
        {
            continue;
        }
        let caps = re.captures(&half);
        // A number that a unit follows is a quantity or a date (`2024 年 1 月 14 日`, a
        // signature's date line; `3 个工作日`), not the number of a heading.
        let quantity = caps
            .as_ref()
            .and_then(|c| c.name("arabic"))
            .is_some_and(|m| {
                half[m.end()..]
                    .trim_start()
                    .starts_with(|c: char| "年月日时号个万亿元%％".contains(c))
            });
        if quantity {
            continue;
        }
        let level = match &caps {
            _ if bold => 2,
            Some(c) if c.name("top").is_some() => 2,
            Some(c) if c.name("sub").is_some() => 3,
            Some(_) => 2,
            None => continue,
        };
        let normalized = normalize_heading(t);
        let n = normalized.chars().count();
        if !(2..=20).contains(&n) || normalized.contains(['。', '；', '，', ',', ';']) {
            continue;
        }
        // A long line ending with a colon introduces what follows (`1. 投诉人可通过以下方式
        // 提出投诉：`): a sentence, where a heading is a short name (`一、投诉渠道：`).
        if !bold && t.ends_with(['：', ':']) && n > LEAD_IN_CHARS {
            continue;
        }
        // Followed by body text; `1. …` followed by `2. …` is a list, not a heading.
        let next = lines[k + 1..]
            .iter()
            .find(|(_, l)| !l.is_empty())
            .map(|(_, l)| *l);
        let Some(next) = next.or(run_in.map(|_| "")) else {
            continue;
        };
        let arabic = caps.as_ref().is_some_and(|c| c.name("arabic").is_some());
        let prev = lines[..k]
            .iter()
            .rev()
            .find(|(_, l)| !l.is_empty())
            .map(|(_, l)| *l);
        // Steps named before a dash are headings even one under another.
        if arabic
            && !bold
            && run_in.is_none()
            && (is_list_item(next) || prev.is_some_and(is_list_item))
        {
            continue;
        }
        // A run-in step's body starts after its dash.
        let body = match line.find(RUN_IN_DASH) {
            Some(dash) if run_in.is_some() => start + dash + RUN_IN_DASH.len(),
            _ => start + t.len(),
        };
        out.push(Heading {
            level,
            raw: t.to_string(),
            normalized,
            span: start..start + t.len(),
            body: body..body,
            plain: true,
        });
    }
    // An unnumbered name is a section of its own where nothing is numbered as one, and a
    // part under the numbered sections where they are (`监督电话` between `一、` and `二、`
    // keeps the first section's body whole).
    let top = out.iter().any(|h| h.level == 2);
    for h in out.iter_mut().filter(|h| h.level == UNNUMBERED) {
        h.level = if top { 3 } else { 2 };
    }
    (out, contents)
}

/// The level an unnumbered heading line ([`is_unnumbered_heading`]) is read at until the
/// numbered ones are known: none of them has it.
const UNNUMBERED: u32 = u32::MAX;

/// The most characters of an unnumbered heading line: a section's name with a word or two
/// more (`投诉途径及联系方式`), short of a title (`客户投诉电话及投诉处理流程`).
const UNNUMBERED_CHARS: usize = LONGEST_SECTION_NAME + 4;

/// A short name of ideographs alone (`投诉途径及联系方式`, `决算公开`): no number, mark or
/// sentence in it, and longer than a person's name (a byline, `王先荣`).
fn is_bare_name(line: &str) -> bool {
    (4..=UNNUMBERED_CHARS).contains(&line.chars().count()) && ideographs_only(line)
}

/// Whether `line` is the name of an organisation or a department (`市场营销部`,
/// `办公室`, `某某技术中心`): what ends it says so.
fn is_issuer(line: &str) -> bool {
    const ISSUERS: [&str; 17] = [
        "部",
        "处",
        "科",
        "室",
        "局",
        "厅",
        "办",
        "委",
        "中心",
        "公司",
        "委员会",
        "医院",
        "学院",
        "大学",
        "研究院",
        "研究所",
        "协会",
    ];
    is_bare_name(line) && ISSUERS.iter().any(|s| line.ends_with(s))
}

/// Whether `text` is ideographs and nothing else.
fn ideographs_only(text: &str) -> bool {
    heading_match::cjk(text) == text.chars().count()
}

/// Whether line `k` of `lines` (each line's start and its trimmed text) is a heading written
/// without number or markup, as a page copied from the web keeps them (`投诉途径及联系方式`
/// above `投诉电话: 95575`): a bare name ([`is_bare_name`]; not a lead-in ending with a
/// colon, `但以下情况除外：`) that is a paragraph of its own, followed by a paragraph that is
/// no short word (a list of names, a flowchart's boxes, a table's cells one per line) nor
/// a figure or date (a signature: `定州市政务服务中心` over `2024年3月1日`).
fn is_unnumbered_heading(lines: &[(usize, &str)], k: usize) -> bool {
    let name = lines[k].1;
    let standalone = |i: Option<usize>| i.and_then(|i| lines.get(i)).is_none_or(|l| l.1.is_empty());
    if !is_bare_name(name) || !standalone(k.checked_sub(1)) || !standalone(Some(k + 1)) {
        return false;
    }
    let Some(next) = lines[k + 1..].iter().map(|l| l.1).find(|l| !l.is_empty()) else {
        return false;
    };
    let date = next
        .chars()
        .all(|c| c.is_ascii_digit() || "年月日.-/ ".contains(c));
    // A word of ideographs alone (`校外`, a table's cell put on a line of its own) is no
    // body either.
    let word = next.chars().count() <= UNNUMBERED_CHARS && ideographs_only(next);
    !word && !date && !next.starts_with(['#', '|'])
}

/// A line without the HTML line breaks a page exported as text ends it with
/// (`（二）登记<br />`): markup, not words of the line.
fn without_line_break_tags(line: &str) -> &str {
    let mut t = line;
    // Compared as bytes, in any case: this runs on every plain line.
    while let Some(tag) = ["<br />", "<br/>", "<br>"].iter().find(|tag| {
        t.len() >= tag.len()
            && t.as_bytes()[t.len() - tag.len()..].eq_ignore_ascii_case(tag.as_bytes())
    }) {
        t = t[..t.len() - tag.len()].trim_end();
    }
    t
}

/// The byte span of the entries of a table of contents written as plain lines (`lines`:
/// each line's start and its trimmed text), as a report exported from Word opens: the entries after a line `目录` (`目 录`,
/// `目次`, `Contents`), up to the entry the body repeats as its first heading, or up to a
/// line of prose. Its entries name the sections without being them: a section listed
/// there and missing from the body is missing.
fn table_of_contents(lines: &[(usize, &str)]) -> Range<usize> {
    let plain = |l: &str| -> String {
        l.chars()
            .filter(|c| !c.is_whitespace() && *c != '*')
            .collect()
    };
    // A short line first: most lines are longer than `目 录` spaced out.
    let Some(title) = lines.iter().position(|(_, l)| {
        l.len() <= 24
            && matches!(
                plain(l).to_lowercase().as_str(),
                "目录" | "目次" | "contents"
            )
    }) else {
        return 0..0;
    };
    // An entry without its page number or leader (`一、部门概况……3`).
    let entry = |l: &str| -> String {
        plain(l)
            .trim_end_matches(|c: char| {
                c.is_ascii_digit() || matches!(c, '.' | '…' | '·' | '-' | '—' | '。')
            })
            .to_string()
    };
    let mut first: Option<String> = None;
    let mut span: Option<Range<usize>> = None;
    for &(start, line) in &lines[title + 1..] {
        if line.is_empty() {
            continue;
        }
        let e = entry(line);
        if first.as_ref().is_some_and(|f| *f == e)
            || line.contains(['。', '；', ';'])
            || line.chars().count() > 60
        {
            break;
        }
        first.get_or_insert(e);
        span = Some(span.map_or(start, |s| s.start)..start + line.len());
    }
    span.unwrap_or(0..0)
}

/// The characters of the longest section name in the national baseline's catalogues
/// (`安全事件应急处置`): section names are short, titles and sentences longer.
const LONGEST_SECTION_NAME: usize = 8;

/// The most characters of a plain line ending with a colon that is still read as a
/// heading: a section's name, with a little room for numbering left in it.
const LEAD_IN_CHARS: usize = LONGEST_SECTION_NAME + 2;

/// An article of a regulation or policy: `第七条 …`, `**第三条** …` (numerals in words or
/// digits, half-width).
fn is_article(line: &str) -> bool {
    let t = line.trim_start_matches(['*', '_']);
    let Some(rest) = t.strip_prefix('第') else {
        return false;
    };
    let rest = rest.trim_start_matches(|c: char| {
        c.is_ascii_digit() || "一二三四五六七八九十百零〇两".contains(c)
    });
    rest.len() + '第'.len_utf8() < t.len() && rest.starts_with('条')
}

/// A line of a numbered list: `1. 登记`, `2、转办`. A clause numbered under a heading
/// (`1.1 …`, `1、1…`, `2.1.3 …`, as Word numbers them) is no item of a list: the line
/// numbered `1.` or `1、` above it is the heading it belongs to.
fn is_list_item(line: &str) -> bool {
    let rest = line.trim_start_matches(|c: char| c.is_ascii_digit());
    let Some(after) = rest.strip_prefix(['.', '、', '．', ')', '）']) else {
        return false;
    };
    let clause =
        rest.starts_with(['.', '、', '．']) && after.starts_with(|c: char| c.is_ascii_digit());
    rest.len() < line.len() && !clause
}

/// The most characters of a run-in step name.
const RUN_IN_NAME_CHARS: usize = 6;

/// The dash that ends a run-in step name (`2.受理——…`).
const RUN_IN_DASH: &str = "——";

/// The numbered name before a dash on a line that runs on with the step's body
/// (`2.受理——符合受理条件的，…` gives `2.受理`), when that name is short and plain.
fn run_in_name(line: &str) -> Option<&str> {
    let (name, body) = line.split_once(RUN_IN_DASH)?;
    let name = name.trim_end();
    let words = name.trim_start_matches(|c: char| {
        c.is_ascii_digit() || "一二三四五六七八九十、.．（）() ".contains(c)
    });
    let numbered = words.len() < name.len();
    // Steps are named in a word or two (`受理`, `样品检验`, `出具报告`); a longer run is a
    // phrase of a sentence.
    let short = (2..=RUN_IN_NAME_CHARS).contains(&words.chars().count());
    let plain =
        !words.contains(|c: char| c.is_ascii_punctuation() || "，。；：、“”《》".contains(c));
    (numbered && short && plain && !body.trim().is_empty()).then_some(name)
}

/// Strip the numbering Chinese documents put before headings (`一、`, `（一）`, `1.1`,
/// `第三章`), whitespace and trailing punctuation, and fold full-width letters and digits,
/// so `## 一、总则` and `## 1 总则` both read `总则`.
pub fn normalize_heading(raw: &str) -> String {
    thread_local! {
        /// Headings already normalised on this thread: documents of a type share most of
        /// their headings (`一、总则`, `附则`), and normalising one costs a pattern search
        /// and two passes over its characters.
        static NORMALIZED: std::cell::RefCell<std::collections::HashMap<Box<str>, Box<str>>> =
            Default::default();
    }
    // A long line is no common heading, and would only fill the memo.
    if raw.len() > 120 {
        return normalized_heading(raw);
    }
    NORMALIZED.with(|memo| {
        let mut memo = memo.borrow_mut();
        if let Some(n) = memo.get(raw) {
            // Not `to_string`: on a `Box<str>` that goes through the formatter.
            return String::from(&**n);
        }
        // Bounded: a document's own headings (titles, names) are met once.
        if memo.len() >= 4096 {
            memo.clear();
        }
        let n = normalized_heading(raw);
        memo.insert(raw.into(), n.as_str().into());
        n
    })
}

/// [`normalize_heading`], computed.
fn normalized_heading(raw: &str) -> String {
    let re = numbering();
    let half = crate::figures::half_width(raw.trim());
    // Bold or italic around the whole heading (`**一、总则**`).
    let mut s = half.trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace());
    // Numbering may repeat (`第一章 1. 总则`): strip at most a few layers.
    for _ in 0..3 {
        if !may_open_numbering(s) {
            break;
        }
        match re.find(s) {
            Some(m) if m.end() > 0 && m.end() < s.len() => {
                s = s[m.end()..]
                    .trim_start_matches(|c: char| c == '*' || c == '_' || c.is_whitespace())
            }
            _ => break,
        }
    }
    // Copied in runs between the characters dropped, not character by character.
    let mut kept = String::with_capacity(s.len());
    let mut run = 0;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() || matches!(c, ':' | '：' | '*' | '`') {
            kept.push_str(&s[run..i]);
            run = i + c.len_utf8();
        }
    }
    kept.push_str(&s[run..]);
    // Lowercasing copies the text again; most headings (Chinese) have nothing to lower.
    // When no character changes alone, no `Σ` is there either (the one character
    // `str::to_lowercase` lowers by its context), so the text is its own lowercase.
    let unchanged = |c: char| {
        if c.is_ascii() {
            !c.is_ascii_uppercase()
        } else if matches!(c, '\u{3000}'..='\u{9fff}') {
            // CJK punctuation, kana and ideographs have no case: no table lookup.
            true
        } else {
            let mut lower = c.to_lowercase();
            lower.next() == Some(c) && lower.next().is_none()
        }
    };
    if kept.chars().all(unchanged) {
        kept
    } else {
        kept.to_lowercase()
    }
}

/// The numbering before a heading's words (`一、`, `（一）`, `1.1`, `第三章`).
fn numbering() -> &'static Regex {
    static NUMBERING: OnceLock<Regex> = OnceLock::new();
    NUMBERING.get_or_init(|| {
        Regex::new(
            r"^(?:第[一二三四五六七八九十百零〇两\d]+(?:[章节条篇步]|部分|阶段)|[一二三四五六七八九十百零〇]+[、.．]|[（(][一二三四五六七八九十百零〇\d]+[)）]|[①-⑳]|\d+(?:[.．]\d+)*(?:[、.．]|\s)|[Ⅰ-Ⅻⅰ-ⅻ]+(?:[、.．]|\s)?|[IVX]+(?:[、.．]|\s)|[A-Za-z][.．、)]|附件\s*\d*[:：]?)\s*",
        )
        .expect("static regex")
    })
}

/// The rank a heading's numbering gives it, when it is a part of a statute: 0 for a 编,
/// 1 for a 章, 2 for a 节. A 节 is inside a 章 whatever the #s of either: a source that
/// writes `### 第四章 受理和办理` over `## 第一节 一般规定` still holds the 节 in the 章.
fn rank(raw: &str) -> Option<u8> {
    let t = raw.trim_start_matches(|c: char| c.is_whitespace() || c == '*');
    let after = t.strip_prefix('第')?;
    let n = after.trim_start_matches(|c: char| {
        c.is_ascii_digit() || "一二三四五六七八九十百零〇两".contains(c)
    });
    if n.len() == after.len() {
        return None;
    }
    match n.chars().next()? {
        '编' => Some(0),
        '章' => Some(1),
        '节' => Some(2),
        _ => None,
    }
}

/// Whether `s` opens with a character the numbering pattern of [`normalize_heading`] can
/// open with (a superset: `\d` is any Unicode digit). Most headings, once their numbering
/// is gone, open with a word, and the pattern need not be run on them.
fn may_open_numbering(s: &str) -> bool {
    s.chars().next().is_some_and(|c| {
        matches!(
            c,
            '第' | '附' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
                | '百' | '零' | '〇' | '（' | '(' | '①'..='⑳' | 'Ⅰ'..='Ⅻ' | 'ⅰ'..='ⅻ'
        ) || c.is_numeric()
            || c.is_ascii_alphabetic()
    })
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
            "**一、总则**",
            "一、**总则**",
            "Ⅰ. 总则",
            "Ⅱ、总则",
            "II 总则",
            "IV. 总则",
            "第三条 总则",
            "第一部分 总则",
            "① 总则",
        ] {
            assert_eq!(normalize_heading(raw), "总则", "{raw}");
        }
        assert_eq!(normalize_heading("2024年度工作计划"), "2024年度工作计划");
        assert_eq!(normalize_heading("General Provisions"), "generalprovisions");
        assert_eq!(
            normalize_heading("IT服务"),
            "it服务",
            "letters that are not numerals stay"
        );
        assert_eq!(normalize_heading("Ⅰ"), "ⅰ", "numbering alone is kept");
        // Lowered as `str::to_lowercase` does, a final sigma included.
        assert_eq!(normalize_heading("ＩＴ服务"), "it服务");
        assert_eq!(normalize_heading("ΟΔΟΣ"), "οδος");
        assert_eq!(normalize_heading("ΣΟΦΙΑ"), "σοφια");
        assert_eq!(normalize_heading("Ǆ服务"), "ǆ服务");
        assert_eq!(normalize_heading("İ"), "i\u{307}");
        assert_eq!(normalize_heading("服务　受理"), "服务受理");
        // From the thread's memo the second time, and past its bound, as computed.
        for _ in 0..2 {
            assert_eq!(
                normalize_heading("## 第三章 服务流程"),
                super::normalized_heading("## 第三章 服务流程")
            );
        }
        for i in 0..5000 {
            let raw = format!("{i}. 服务事项{i}");
            assert_eq!(normalize_heading(&raw), format!("服务事项{i}"));
        }
        let long = format!("一、{}", "服务".repeat(100));
        assert_eq!(normalize_heading(&long), "服务".repeat(100));
    }

    /// Wherever the numbering pattern matches, the quick test lets it run: every
    /// character of the Basic Multilingual Plane before the endings numbering has.
    #[test]
    fn numbering_opens_only_where_the_quick_test_says() {
        let endings = [
            "、总则",
            ". 总则",
            " 总则",
            "1 总则",
            "一章 总则",
            "件1：总则",
            ")总则",
            "）总则",
            "1) 总则",
            "总则",
        ];
        let mut matched = 0;
        for c in (0..=0xFFFFu32).filter_map(char::from_u32) {
            for e in endings {
                let s = format!("{c}{e}");
                if numbering().is_match(&s) {
                    matched += 1;
                    assert!(may_open_numbering(&s), "{s:?}");
                }
            }
        }
        assert!(matched > 500, "{matched}");
        assert!(!may_open_numbering("总则") && !may_open_numbering(""));
    }

    #[test]
    fn plain_lines_exported_from_word_are_headings() {
        let text = "服务流程规范\n\n第一章 总则\n\n为规范服务，制定本规范。\n\n一、服务受理\n服务对象提出申请。\n\n**需求诊断**\n\n诊断内容。\n\n1. 响应时限\n\n2个工作日内响应。\n\n办理步骤：\n\n1. 登记\n2. 转办\n\n二、本条是一个很长的句子，不是标题。\n\n正文。\n\n## 附件1 登记表\n\n表。\n";
        let d = Document::parse("a.md", text.into());
        let names: Vec<_> = d.headings.iter().map(|h| h.normalized.as_str()).collect();
        assert_eq!(
            names,
            ["总则", "服务受理", "需求诊断", "响应时限", "登记表"]
        );
        assert_eq!(d.plain_headings, 4);
        assert_eq!(
            d.headings.iter().map(|h| h.plain).collect::<Vec<_>>(),
            [true, true, true, true, false],
            "the appendix is a Markdown heading"
        );
        assert!(text[d.headings[1].body.clone()].contains("服务对象提出申请"));
        // A date line closing a preface (kaiyuanshe's annual report) is no heading.
        let d = Document::parse(
            "c.md",
            "# 卷首语\n\n正文。\n\n庄表伟 执行长\n\n2024 年 1 月 14 日\n\n</div>\n".into(),
        );
        assert_eq!(d.plain_headings, 0, "{:?}", d.headings);
        // With Markdown section headings, plain lines stay text.
        let d = Document::parse("b.md", "## 总则\n\n一、服务受理\n\n正文。\n".into());
        assert_eq!(d.headings.len(), 1);
        assert_eq!(d.plain_headings, 0);
    }

    #[test]
    fn a_bare_name_on_its_own_as_pages_copied_from_the_web_keep_them_is_a_heading() {
        // cp-gf-futures: the channels are headed by a plain line, no number, no markup.
        let text = "#### 投诉电话及投诉处理流程\n\n客户投诉电话及投诉处理流程\n\n投诉途径及联系方式\n\n　　投诉电话: 95575\n\n投诉处理流程\n\n　　一般投诉由营业部处理，重大投诉由总部协助。\n　　（一）接待\n　　凡客户投诉，统一由专管员负责接待。\n";
        let d = Document::parse("a.md", text.into());
        let names: Vec<_> = d
            .headings
            .iter()
            .map(|h| (h.normalized.as_str(), h.level))
            .collect();
        assert_eq!(
            names,
            [
                ("投诉电话及投诉处理流程", 4),
                ("投诉途径及联系方式", 2),
                ("投诉处理流程", 2),
                ("接待", 3)
            ]
        );
        assert!(text[d.headings[2].body.clone()].contains("凡客户投诉"));
        // Under numbered sections, a bare name is a part of one: the section runs on.
        let text = "投诉处理制度\n\n为规范投诉处理，制定本制度。\n\n一、投诉渠道\n\n投诉电话：12345。\n\n监督电话号码\n\n0755-1234567。\n\n二、处理时限\n\n5个工作日内答复。\n";
        let d = Document::parse("b.md", text.into());
        let levels: Vec<_> = d
            .headings
            .iter()
            .map(|h| (h.normalized.as_str(), h.level))
            .collect();
        assert_eq!(
            levels,
            [("投诉渠道", 2), ("监督电话号码", 3), ("处理时限", 2)]
        );
        assert!(text[d.headings[0].body.clone()].contains("0755-1234567"));
        // Not a heading: the title lines a text opens with, a byline, a signature over its
        // date, a lead-in ending with a colon, names listed one under another, the title
        // of a table of contents.
        for text in [
            "定州市政务服务中心\n\n投诉受理制度\n\n第一条 为规范投诉，制定本制度。\n",
            "2023年度自评报告（初稿）\n\n王先荣\n\n本年度中心开展服务。\n",
            "为规范投诉，制定本制度。\n\n定州市政务服务中心\n\n2024年3月1日\n",
            "为规范投诉，制定本制度。\n\n但以下情况除外：\n\n涉及诉讼的事项。\n",
            "为规范投诉，制定本制度。\n\n热情接待来访\n\n认真做好登记\n\n及时转交办理\n",
            "为规范投诉，制定本制度。\n\n目录\n\n第一部分 概况\n",
            "为规范收费，制定本标准。\n\n收费标准\n\n计量单位\n\n校外\n\n200\n",
            // The issuing department under the title (trust13 cp-power-supply-station).
            "电力客户来信来访及投诉处理制度\n\n市场营销部\n\n为了认真听取广大电力客户意见，按照以下制度进行处理。\n",
        ] {
            let d = Document::parse("c.md", text.into());
            assert_eq!(d.plain_headings, 0, "{text}: {:?}", d.headings);
        }
    }

    #[test]
    fn a_line_break_tag_ending_a_line_is_markup() {
        let d = Document::parse("docs/a.md", "（一）接待<br />\n凡客户投诉，统一由专管员负责接待。<br />\n（二）登记<BR>\n登记工作由专管员负责。\n".into());
        let names: Vec<&str> = d.headings.iter().map(|h| h.raw.as_str()).collect();
        assert_eq!(names, ["（一）接待", "（二）登记"]);
    }

    #[test]
    fn a_table_of_contents_lists_the_sections_without_being_them() {
        let text = "2023年度绩效自评报告\n目 录\n一、部门概况\n(一)部门职能\n二、存在的问题……5\n三、改进措施\n\n报告正文\n一、部门概况\n本局内设机构5个，编制20名。\n三、改进措施\n加强管理，提升绩效。\n";
        let d = Document::parse("docs/a.md", text.into());
        let names: Vec<&str> = d.headings.iter().map(|h| h.raw.as_str()).collect();
        assert_eq!(names, ["一、部门概况", "三、改进措施"]);
        // Without a line 目录 the same lines are headings.
        let d = Document::parse("docs/a.md", text.replace("目 录\n", "").into());
        assert!(
            d.headings.iter().any(|h| h.raw == "二、存在的问题……5"),
            "{:?}",
            d.headings
        );
    }

    #[test]
    fn a_line_numbered_over_its_clauses_is_a_heading() {
        // Word numbers clauses under a heading `1.1`, `1、1`, `2.1.3`: they are the
        // heading's body, not items of a list the heading would belong to.
        for text in [
            "投诉管理制度\n1、投诉的受理\n1、1客户可在十日内以书面形式提出申诉。\n1、2技术业务室受理申诉。\n2、投诉的调查处理\n2、1各部门负责人负责调查处理。\n",
            "客户投诉管理制度\n\n1. 总则\n\n1.1 及时快速响应是基本要求；\n\n2.客户投诉处理流程\n\n2.1客户投诉由客户关系部接待。\n",
        ] {
            let d = Document::parse("a.md", text.into());
            assert_eq!(d.plain_headings, 2, "{text}: {:?}", d.headings);
        }
        // A date alone on its line is no heading.
        let d = Document::parse(
            "c.md",
            "关于开放服务的通知\n\n各单位：\n\n2021.03.12\n\n测算依据如下。\n".into(),
        );
        assert_eq!(d.plain_headings, 0, "{:?}", d.headings);
        // A plain numbered list stays a list.
        let d = Document::parse("b.md", "办理步骤\n\n1. 登记\n2. 转办\n3. 办结\n".into());
        assert_eq!(d.plain_headings, 0, "{:?}", d.headings);
        // A table's cells one per line are no headings (trust13 sc-csu-animal).
        let d = Document::parse("d.md", "收费标准\n\n为规范收费，制定本标准。\n\n1 |\n\n小鼠 |\n\n4.8元/笼/天 |\n\n8元/笼/天 |\n".into());
        assert_eq!(d.plain_headings, 0, "{:?}", d.headings);
    }

    #[test]
    fn a_step_named_before_a_dash_is_a_heading_with_its_body_after_the_dash() {
        let text = "检验流程\n1.委托——委托方在受理大厅提出委托检验申请。\n2.受理——符合受理条件的，填写委托单；不符合的，不予受理。\n3.样品检验——检验人员按标准检验。\n";
        let d = Document::parse("a.md", text.into());
        let names: Vec<_> = d.headings.iter().map(|h| h.normalized.as_str()).collect();
        assert_eq!(names, ["委托", "受理", "样品检验"]);
        assert_eq!(&text[d.headings[1].span.clone()], "2.受理");
        assert!(text[d.headings[1].body.clone()].starts_with("符合受理条件的"));
        assert!(!text[d.headings[1].body.clone()].contains("样品检验"));
        // A sentence with a dash in it is no step name.
        let d = Document::parse(
            "b.md",
            "说明\n1.本中心的服务对象——各类中小企业，均可申请。\n正文。\n".into(),
        );
        assert_eq!(d.plain_headings, 0, "{:?}", d.headings);
    }

    #[test]
    fn a_long_line_ending_with_a_colon_introduces_a_list_and_is_no_heading() {
        let text = "# 投诉处理制度\n\n第一章 总则\n\n第一条 为规范投诉处理，制定本制度。\n\n第三条 投诉人可通过以下方式提出投诉：\n\n（一）电话；\n（二）信函。\n\n二、投诉渠道：\n\n电话与信函。\n";
        let d = Document::parse("a.md", text.into());
        let read: Vec<_> = d
            .headings
            .iter()
            .map(|h| (h.normalized.as_str(), h.plain))
            .collect();
        assert_eq!(
            read,
            [("投诉处理制度", false), ("总则", true), ("投诉渠道", true)]
        );
    }

    #[test]
    fn an_article_is_body_text_whatever_it_ends_with() {
        // As regulations are written (LawRefBook/Laws): chapters, and the articles under
        // them, one of which introduces what follows with a colon.
        let text = "# 宣誓规定\n\n第一章 总则\n\n第一条 为了规范宣誓，制定本规定。\n\n第七条 宣誓誓词如下：\n\n我宣誓：忠于祖国。\n\n第二章 组织实施\n\n**第八条** 宣誓仪式\n\n仪式由本单位组织。\n\n第9条 适用范围\n\n本规定适用于全体人员。\n";
        let d = Document::parse("a.md", text.into());
        let read: Vec<_> = d.headings.iter().map(|h| h.normalized.as_str()).collect();
        assert_eq!(read, ["宣誓规定", "总则", "组织实施"]);
        assert!(text[d.headings[1].body.clone()].contains("宣誓誓词如下"));
        // A Markdown heading stays one however it is numbered, and a section (`第一节`)
        // written as a plain line is a heading.
        let d = Document::parse("b.md", "# 规定\n\n第一节 受理\n\n正文。\n".into());
        assert_eq!(d.headings.len(), 2);
        let d = Document::parse("c.md", "# 规定\n\n## 第七条 誓词\n\n正文。\n".into());
        assert_eq!(d.headings[1].normalized, "誓词");
        assert!(
            is_article("第十二条 内容")
                && is_article("**第3条**")
                && !is_article("第三章 总则")
                && !is_article("第条")
        );
    }

    #[test]
    fn a_pages_front_matter_is_no_heading_and_its_title_is_the_title() {
        let d = Document::parse(
            "docs/a.md",
            "---\nlayout: post\ntitle: \"服务流程规范\"\ndate: 2024-03-01\n---\n\n## 一、总则\n\n正文。\n".into(),
        );
        let raw: Vec<(u32, &str)> = d
            .headings
            .iter()
            .map(|h| (h.level, h.raw.as_str()))
            .collect();
        assert_eq!(raw, [(1, "服务流程规范"), (2, "一、总则")]);
        assert_eq!(&d.text[d.headings[0].span.clone()], "服务流程规范");
        // The page's own title wins; without a title key, no title.
        let d = Document::parse(
            "docs/a.md",
            "---\ntitle: 页面\n---\n\n# 服务流程规范\n\n## 总则\n".into(),
        );
        let raw: Vec<&str> = d.headings.iter().map(|h| h.raw.as_str()).collect();
        assert_eq!(raw, ["服务流程规范", "总则"]);
        let d = Document::parse("docs/a.md", "---\nlayout: post\n---\n\n## 总则\n".into());
        assert_eq!(d.headings.len(), 1);
        // A rule over prose is no front matter: the setext heading stays.
        let d = Document::parse("docs/a.md", "---\n服务流程\n---\n\n正文。\n".into());
        assert_eq!(d.headings.len(), 1);
        assert_eq!(d.headings[0].raw, "服务流程");
    }

    #[test]
    fn heading_attributes_are_markup() {
        let d = Document::parse(
            "a.md",
            "# 制度 {#top}\n\n## 五、处理时限 {#time-limits .note}\n\n正文。\n".into(),
        );
        let names: Vec<_> = d.headings.iter().map(|h| h.normalized.as_str()).collect();
        assert_eq!(names, ["制度", "处理时限"]);
    }

    #[test]
    fn a_statute_numbering_outranks_the_hashes() {
        // Found in 上海市信访条例 as published: its chapters are `###`, their 节 `##`.
        let text = "# 条例\n\n### 第四章  受理和办理\n\n## 第一节  一般规定\n\n五个工作日内办结。\n\n## 第二节  办理\n\n正文。\n\n### 第五章  信访秩序\n\n秩序。\n";
        let d = Document::parse("docs/a.md", text.into());
        let body = |i: usize| &text[d.headings[i].body.clone()];
        assert!(body(1).contains("五个工作日内办结") && body(1).contains("正文。"));
        assert!(!body(1).contains("秩序。"), "the next chapter ends it");
        assert!(!body(2).contains("正文。") && !body(3).contains("秩序。"));
        assert!(body(4).contains("秩序。"));
        // Headings numbered otherwise keep their #s.
        let text = "# 制度\n\n### 一、受理\n\n## 第一节 要求\n\n正文。\n";
        let d = Document::parse("docs/a.md", text.into());
        assert!(!text[d.headings[1].body.clone()].contains("正文。"));
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
