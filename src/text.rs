//! Reading submission files as text: size cap, BOM, CRLF, UTF-8 validation, GBK detection,
//! UTF-16 decoding.
//!
//! Decisions about encodings (documented in the README's input catalogue):
//! - UTF-8, with or without BOM, is read as is (a BOM is an `info` note).
//! - UTF-16 with a byte-order mark is unambiguous, so it is always decoded and reported
//!   as a warning (`encoding-utf16`); UTF-16 without a BOM is only recognised (mostly
//!   ASCII text with every other byte zero) and reported as an error, never guessed at.
//! - GBK/GB18030 is a guess (the bytes are not UTF-8 but decode cleanly): reported as an
//!   error, decoded only with `--decode-gbk`.
//! - Anything else with NUL bytes is binary and is not parsed.

use std::path::Path;
use std::sync::Arc;

/// Default cap on the size of one file (bytes).
pub const DEFAULT_MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// A file decoded to UTF-8 text, with what was noticed on the way.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text, BOM removed, CRLF normalised to LF (so byte offsets and lines agree).
    pub text: Arc<str>,
    pub had_bom: bool,
    pub had_crlf: bool,
    /// The file was GBK/GB18030 and was decoded because the user asked for it.
    pub decoded_from_gbk: bool,
    /// The file was UTF-16 with a byte-order mark and was decoded.
    pub decoded_from_utf16: bool,
}

/// Why a file could not be read as text.
#[derive(Debug, Clone, PartialEq)]
pub enum ReadProblem {
    Missing,
    NotAFile,
    TooLarge {
        size: u64,
        cap: u64,
    },
    Io(String),
    Binary,
    /// Not UTF-8 but decodes cleanly as GBK/GB18030.
    LooksGbk,
    /// UTF-16 without a byte-order mark (recognised, not decoded), or UTF-16 with a
    /// byte-order mark that does not decode cleanly (unpaired surrogates, odd length).
    Utf16 {
        bom: bool,
    },
    /// Not UTF-8; `offset` is the first invalid byte.
    InvalidUtf8 {
        offset: usize,
        line: u32,
    },
}

/// Options that change how files are decoded.
#[derive(Debug, Clone, Copy)]
pub struct ReadOptions {
    pub max_file_bytes: u64,
    pub decode_gbk: bool,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            decode_gbk: false,
        }
    }
}

/// Read and decode one file. Never follows a path the caller has not vetted.
///
/// Only regular files are read (a FIFO is opened non-blocking and refused as `NotAFile`,
/// so a named pipe cannot block the run), and at most `max_file_bytes + 1` bytes are read
/// even if the file grows after it was measured.
pub fn read_file(path: &Path, opts: &ReadOptions) -> Result<Decoded, ReadProblem> {
    let file = open(path, false).map_err(|e| open_problem(&e))?;
    read_open(file, opts)
}

/// [`read_file`] when `path` opens without following a link at its end; `Ok(None)` when
/// it does not open (its last component is a symbolic link, a folder on the way is a
/// file, a folder is locked): the caller then resolves the path in full, which tells
/// why. The folders on the way are the caller's to vet. One `open` and one `fstat`, where
/// a `lstat` first would cost a path lookup more for every file of every submission.
pub fn read_file_unless_link(
    path: &Path,
    opts: &ReadOptions,
) -> Result<Option<Decoded>, ReadProblem> {
    #[cfg(unix)]
    {
        match open(path, true) {
            Ok(file) => read_open(file, opts).map(Some),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(ReadProblem::Missing),
            Err(_) => Ok(None),
        }
    }
    #[cfg(not(unix))]
    {
        match std::fs::symlink_metadata(path) {
            Ok(m) if !m.file_type().is_symlink() => read_file(path, opts).map(Some),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(ReadProblem::Missing),
            _ => Ok(None),
        }
    }
}

/// Open `path` for reading without blocking on a FIFO; `no_follow`: fail with ELOOP when
/// its last component is a symbolic link.
fn open(path: &Path, no_follow: bool) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let follow = if no_follow { libc::O_NOFOLLOW } else { 0 };
        options.custom_flags(libc::O_NONBLOCK | follow);
    }
    #[cfg(not(unix))]
    let _ = no_follow;
    options.open(path)
}

fn open_problem(e: &std::io::Error) -> ReadProblem {
    // ENXIO: a socket, or a FIFO opened for writing only, is no file to read.
    #[cfg(unix)]
    if e.raw_os_error() == Some(libc::ENXIO) {
        return ReadProblem::NotAFile;
    }
    match e.kind() {
        std::io::ErrorKind::NotFound => ReadProblem::Missing,
        _ => ReadProblem::Io(e.to_string()),
    }
}

/// Read an opened file whole, if it is a regular file within the size cap.
fn read_open(file: std::fs::File, opts: &ReadOptions) -> Result<Decoded, ReadProblem> {
    use std::io::Read;
    let meta = file
        .metadata()
        .map_err(|e| ReadProblem::Io(e.to_string()))?;
    if !meta.is_file() {
        return Err(ReadProblem::NotAFile);
    }
    let too_large = |size: u64| ReadProblem::TooLarge {
        size,
        cap: opts.max_file_bytes,
    };
    if meta.len() > opts.max_file_bytes {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(opts.max_file_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| ReadProblem::Io(e.to_string()))?;
    if bytes.len() as u64 > opts.max_file_bytes {
        return Err(too_large(bytes.len() as u64));
    }
    decode(bytes, opts)
}

/// Decode bytes already in memory.
pub fn decode(bytes: Vec<u8>, opts: &ReadOptions) -> Result<Decoded, ReadProblem> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(&bytes) {
        if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
            let body = &bytes[bom_len..];
            let (text, had_errors) = encoding.decode_without_bom_handling(body);
            if had_errors {
                return Err(ReadProblem::Utf16 { bom: true });
            }
            return finish(&text, false, false, true);
        }
    }
    let had_bom = bytes.starts_with(&[0xEF, 0xBB, 0xBF]);
    let body = if had_bom { &bytes[3..] } else { &bytes[..] };
    // Nearly every file is valid UTF-8: one SIMD validation, and the text is copied once,
    // straight into its shared buffer.
    if let Ok(text) = simdutf8::basic::from_utf8(body) {
        return finish(text, had_bom, false, false);
    }
    if looks_utf16_without_bom(body) {
        return Err(ReadProblem::Utf16 { bom: false });
    }
    if looks_binary(body) {
        return Err(ReadProblem::Binary);
    }
    let (gbk, _, had_errors) = encoding_rs::GB18030.decode(body);
    if had_errors {
        let offset = std::str::from_utf8(body)
            .err()
            .map_or(0, |e| e.valid_up_to());
        let line = body[..offset].iter().filter(|&&b| b == b'\n').count() as u32 + 1;
        return Err(ReadProblem::InvalidUtf8 { offset, line });
    }
    if !opts.decode_gbk {
        return Err(ReadProblem::LooksGbk);
    }
    finish(&gbk, had_bom, true, false)
}

/// The common tail of decoding: refuse NUL bytes, normalise CRLF.
fn finish(
    text: &str,
    had_bom: bool,
    decoded_from_gbk: bool,
    decoded_from_utf16: bool,
) -> Result<Decoded, ReadProblem> {
    // One pass up to the first NUL or CRLF, whichever comes first: every file is read
    // through here, and most have neither.
    let bytes = text.as_bytes();
    let mut had_crlf = false;
    for at in memchr::memchr2_iter(b'\0', b'\r', bytes) {
        if bytes[at] == b'\0' {
            return Err(ReadProblem::Binary);
        }
        if bytes.get(at + 1) == Some(&b'\n') {
            if memchr::memchr(b'\0', &bytes[at..]).is_some() {
                return Err(ReadProblem::Binary);
            }
            had_crlf = true;
            break;
        }
    }
    let text: Arc<str> = if had_crlf {
        crlf_to_lf(text).into()
    } else {
        text.into()
    };
    Ok(Decoded {
        text,
        had_bom,
        had_crlf,
        decoded_from_gbk,
        decoded_from_utf16,
    })
}

/// `text` with each CRLF as LF (as `replace("\r\n", "\n")`, a `\r` at a time with memchr:
/// the pattern search of `replace` read every byte several times).
fn crlf_to_lf(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = memchr::memchr(b'\r', rest.as_bytes()) {
        let crlf = rest.as_bytes().get(at + 1) == Some(&b'\n');
        // Up to and including a lone `\r`; up to the `\r` of a CRLF, whose `\n` follows.
        let (kept, next) = if crlf { (at, at + 1) } else { (at + 1, at + 1) };
        out.push_str(&rest[..kept]);
        rest = &rest[next..];
    }
    out.push_str(rest);
    out
}

fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    head.contains(&0)
}

/// UTF-16 without a byte-order mark: the head of the file has zero bytes at one parity
/// (the high bytes of ASCII newlines, spaces and markup) and, read as UTF-16 of that byte
/// order, is well-formed text without control characters. Binary data read as UTF-16
/// nearly always yields NUL or other control characters. A guess, so only reported.
fn looks_utf16_without_bom(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 8 {
        return false;
    }
    let pairs = head.len() / 2;
    let zeros_at = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros_at(0), zeros_at(1));
    // Little endian: the high byte (odd position) of ASCII characters is zero.
    let little = odd > even;
    if odd.max(even) * 20 < pairs {
        return false;
    }
    let units = head.chunks_exact(2).map(|c| {
        if little {
            u16::from_le_bytes([c[0], c[1]])
        } else {
            u16::from_be_bytes([c[0], c[1]])
        }
    });
    let decoded: Vec<_> = char::decode_utf16(units).collect();
    decoded.iter().enumerate().all(|(i, r)| match r {
        Ok(c) => !c.is_control() || matches!(c, '\n' | '\r' | '\t'),
        // A surrogate pair cut by the end of the head.
        Err(_) => i + 1 == decoded.len(),
    })
}

/// The lines of `s` with their `\n`, as `str::split_inclusive('\n')` gives them.
///
/// Found with memchr: the standard splitters search through a generic char searcher,
/// and the rules read every line of every document (the copied-document sketch alone
/// spent 2 % of an audit's instructions splitting lines).
pub fn lines_inclusive(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = s;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = memchr::memchr(b'\n', rest.as_bytes()).map_or(rest.len(), |i| i + 1);
        let (line, next) = rest.split_at(end);
        rest = next;
        Some(line)
    })
}

/// The lines of `s`, as `str::lines` gives them: without their `\n` or `\r\n` (a `\r`
/// not before a `\n` stays). See [`lines_inclusive`].
pub fn lines(s: &str) -> impl Iterator<Item = &str> {
    lines_inclusive(s).map(|line| match line.strip_suffix('\n') {
        Some(line) => line.strip_suffix('\r').unwrap_or(line),
        None => line,
    })
}

/// A text with the line breaks that split Chinese prose inside a paragraph removed, as a
/// reader (and Markdown) joins them: a text exported from PDF or Word breaks lines where
/// the page ended (`技` over `术合同成交额5.2亿元`). A break is removed only between two
/// ideographs or digits, with no space on either side (a new paragraph is indented), and
/// not before a line that opens a numbered item (`一、`, `2.`, `第三条`) or after a heading
/// or a table row.
pub struct Unwrapped {
    pub text: String,
    /// The original byte offsets of the bytes removed, in order.
    removed: Vec<usize>,
}

impl Unwrapped {
    /// `text` unwrapped; `None` when no break is to be removed (most texts).
    pub fn of(text: &str) -> Option<Unwrapped> {
        let joins = |c: char| c.is_ascii_digit() || ('\u{4e00}'..='\u{9fff}').contains(&c);
        let mut removed: Vec<usize> = Vec::new();
        // The previous line: where its text ends, and whether a break after it may go.
        let mut open: Option<usize> = None;
        let mut offset = 0;
        for line in lines_inclusive(text) {
            let start = offset;
            offset += line.len();
            let content = line
                .strip_suffix('\n')
                .map_or(line, |l| l.strip_suffix('\r').unwrap_or(l));
            if let (Some(end), Some(first)) = (open, content.chars().next()) {
                if joins(first) && !opens_item(content) {
                    removed.extend(end..start);
                }
            }
            open = content
                .chars()
                .next_back()
                .filter(|&c| joins(c) && !content.trim_start().starts_with(['#', '|']))
                .map(|_| start + content.len());
        }
        if removed.is_empty() {
            return None;
        }
        let mut out = String::with_capacity(text.len());
        let mut from = 0;
        for run in removed.chunk_by(|a, b| a + 1 == *b) {
            out.push_str(&text[from..run[0]]);
            from = run[run.len() - 1] + 1;
        }
        out.push_str(&text[from..]);
        Some(Unwrapped { text: out, removed })
    }

    /// The range of the original text that `range` of the unwrapped text covers.
    pub fn original(&self, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
        self.offset(range.start)..self.offset(range.end)
    }

    /// The original offset of the unwrapped text's byte `at`.
    fn offset(&self, at: usize) -> usize {
        // The k-th removed byte (from 0) stood at unwrapped offset `removed[k] - k`, which
        // never decreases with k.
        let (mut lo, mut hi) = (0, self.removed.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.removed[mid] - mid <= at {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        at + lo
    }
}

/// Whether a line opens a numbered item: `一、`, `（二）`, `3.`, `4、`, `第五条`.
fn opens_item(line: &str) -> bool {
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十百零〇".contains(c);
    let digits = line.trim_start_matches(numeral);
    if digits.len() < line.len() && digits.starts_with(['、', '.', '．', ')', '）']) {
        return true;
    }
    line.strip_prefix('第').is_some_and(|rest| {
        let rest = rest.trim_start_matches(numeral);
        rest.len() < line.len() - '第'.len_utf8() && rest.starts_with(['章', '节', '条'])
    })
}

/// The HTML comments (`<!-- … -->`) of a Markdown text, as byte ranges: text a reader of
/// the rendered document never sees. A comment opens where `<!--` stands outside code
/// (`in_code` says which positions are code) and closes after the next `-->`, or at the
/// end of the text when none follows (a browser hides the rest).
pub fn html_comments(text: &str, in_code: impl Fn(usize) -> bool) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(k) = text[from..].find("<!--") {
        let start = from + k;
        if in_code(start) {
            from = start + 4;
            continue;
        }
        let end = text[start + 4..]
            .find("-->")
            .map_or(text.len(), |e| start + 4 + e + 3);
        out.push(start..end);
        from = end;
    }
    out
}

/// Fenced code blocks (``` or ~~~) of a Markdown text, as byte ranges.
pub fn fenced_blocks(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char, usize)> = None;
    let mut offset = 0;
    for line in lines_inclusive(text) {
        let start = offset;
        offset += line.len();
        // A fence quoted in a note (`> ```sql`, as a note shows a statement) opens code too.
        let t = line.trim_start().trim_start_matches(['>', ' ', '\t']);
        let fence = if t.starts_with("```") {
            Some('`')
        } else if t.starts_with("~~~") {
            Some('~')
        } else {
            None
        };
        match (open, fence) {
            (None, Some(f)) => {
                let n = t.chars().take_while(|&c| c == f).count();
                open = Some((start, f, n));
            }
            (Some((s, f, n)), Some(g)) if g == f => {
                let m = t.chars().take_while(|&c| c == f).count();
                if m >= n && t[m..].trim().is_empty() {
                    out.push(s..offset);
                    open = None;
                }
            }
            _ => {}
        }
    }
    if let Some((s, _, _)) = open {
        out.push(s..text.len());
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn prose_broken_over_lines_is_joined() {
        use super::Unwrapped;
        let t = "全年服务企业1400家，技\n术合同成交额5.2\r\n亿元。\n\n下一段。\n";
        let u = Unwrapped::of(t).expect("two breaks");
        assert_eq!(
            u.text,
            "全年服务企业1400家，技术合同成交额5.2亿元。\n\n下一段。\n"
        );
        let term = u.text.find("技术合同").unwrap();
        let span = u.original(term..term + "技术合同".len());
        assert_eq!(&t[span], "技\n术合同");
        let figure = u.text.find("5.2亿元").unwrap();
        assert_eq!(
            &t[u.original(figure..figure + "5.2亿元".len())],
            "5.2\r\n亿元"
        );
        let next = u.text.find("下一段").unwrap();
        assert_eq!(&t[u.original(next..next + 3)], "下");
        // Items, headings, tables, indented paragraphs and English stay on their lines.
        for t in [
            "服务企业\n一、技术合同",
            "服务企业\n2. 技术合同",
            "服务企业\n第三条 技术合同",
            "# 标题\n正文",
            "| 服务 |\n正文",
            "上一段\n　　下一段",
            "the end\nof a line",
            "一句话。\n下一句",
        ] {
            assert!(Unwrapped::of(t).is_none(), "{t:?}");
        }
    }

    #[test]
    fn crlf_becomes_lf_as_replace_makes_it() {
        for s in [
            "",
            "\r",
            "\n",
            "\r\n",
            "\r\r\n",
            "\n\r",
            "a\r\nb\r\n",
            "a\rb\r\n\r\n中文\r",
            "\r\n\r\n\n\r",
        ] {
            assert_eq!(super::crlf_to_lf(s), s.replace("\r\n", "\n"), "{s:?}");
        }
    }

    #[test]
    fn lines_split_as_the_standard_splitters_do() {
        for s in [
            "",
            "\n",
            "a",
            "a\n",
            "a\nb",
            "a\r\nb\r\n",
            "a\rb\r",
            "\n\n中文\r\n\r",
            "x\r\n",
        ] {
            assert_eq!(
                super::lines(s).collect::<Vec<_>>(),
                s.lines().collect::<Vec<_>>(),
                "{s:?}"
            );
            assert_eq!(
                super::lines_inclusive(s).collect::<Vec<_>>(),
                s.split_inclusive('\n').collect::<Vec<_>>(),
                "{s:?}"
            );
        }
    }

    use super::*;

    #[test]
    fn html_comments_close_at_their_end_and_not_in_code() {
        let t = "a <!-- x --> b\n```\n<!-- code\n```\n<!-- open\nrest";
        let code = super::fenced_blocks(t);
        let found = super::html_comments(t, |p| code.iter().any(|c| c.contains(&p)));
        let texts: Vec<&str> = found.iter().map(|r| &t[r.clone()]).collect();
        assert_eq!(texts, ["<!-- x -->", "<!-- open\nrest"]);
    }

    #[test]
    fn bom_and_crlf_are_removed_and_reported() {
        let d = decode(
            b"\xEF\xBB\xBFa: 1\r\nb: 2\r\n".to_vec(),
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(&*d.text, "a: 1\nb: 2\n");
        assert!(d.had_bom && d.had_crlf);
    }

    #[test]
    fn nul_is_binary_wherever_it_is_and_a_lone_cr_is_no_crlf() {
        let opts = ReadOptions::default();
        for text in ["a\0b\r\nc", "a\r\nb\0c", "a\rb\r\nc\r\n\0", "\0"] {
            let got = decode(text.as_bytes().to_vec(), &opts).map(|d| d.text);
            assert_eq!(got.unwrap_err(), ReadProblem::Binary, "{text:?}");
        }
        let d = decode(b"a\rb\nc\r".to_vec(), &opts).unwrap();
        assert_eq!(&*d.text, "a\rb\nc\r");
        assert!(!d.had_crlf);
        let d = decode(b"a\rb\r\nc\r\n".to_vec(), &opts).unwrap();
        assert_eq!(&*d.text, "a\rb\nc\n");
        assert!(d.had_crlf);
    }

    #[test]
    fn gbk_is_detected_and_optionally_decoded() {
        let (gbk, _, _) = encoding_rs::GBK.encode("# 服务流程规范\n\n## 总则\n");
        let err = decode(gbk.to_vec(), &ReadOptions::default()).unwrap_err();
        assert_eq!(err, ReadProblem::LooksGbk);
        let opts = ReadOptions {
            decode_gbk: true,
            ..ReadOptions::default()
        };
        let d = decode(gbk.to_vec(), &opts).unwrap();
        assert_eq!(&*d.text, "# 服务流程规范\n\n## 总则\n");
        assert!(d.decoded_from_gbk);
    }

    #[test]
    fn binary_and_utf16_are_reported() {
        assert_eq!(
            decode(
                vec![0x89, b'P', b'N', b'G', 0, 0, 0xFF],
                &ReadOptions::default()
            )
            .unwrap_err(),
            ReadProblem::Binary
        );
    }

    fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend(if big_endian {
                [0xFE, 0xFF]
            } else {
                [0xFF, 0xFE]
            });
        }
        for unit in text.encode_utf16() {
            out.extend(if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        out
    }

    #[test]
    fn utf16_with_bom_is_decoded_both_byte_orders() {
        let text = "year: 2024\r\nenterprises_served: 1250 # 服务企业\r\n";
        for be in [false, true] {
            let d = decode(utf16(text, be, true), &ReadOptions::default()).unwrap();
            assert_eq!(
                &*d.text,
                "year: 2024\nenterprises_served: 1250 # 服务企业\n"
            );
            assert!(d.decoded_from_utf16 && d.had_crlf && !d.had_bom);
        }
    }

    #[test]
    fn broken_or_bomless_utf16_is_reported() {
        // An unpaired surrogate after a BOM.
        assert_eq!(
            decode(
                vec![0xFF, 0xFE, 0x00, 0xD8, b'a', 0],
                &ReadOptions::default()
            )
            .unwrap_err(),
            ReadProblem::Utf16 { bom: true }
        );
        // Odd length after a BOM.
        assert_eq!(
            decode(vec![0xFF, 0xFE, b'a', 0, b'b'], &ReadOptions::default()).unwrap_err(),
            ReadProblem::Utf16 { bom: true }
        );
        for be in [false, true] {
            let bytes = utf16(
                "# 服务流程规范\n\n## 总则\n本规范适用于全部服务。\n",
                be,
                false,
            );
            assert_eq!(
                decode(bytes, &ReadOptions::default()).unwrap_err(),
                ReadProblem::Utf16 { bom: false }
            );
        }
        // Binary with scattered zeros is still binary.
        let png = [
            0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, b'I', b'H',
        ];
        assert_eq!(
            decode(png.to_vec(), &ReadOptions::default()).unwrap_err(),
            ReadProblem::Binary
        );
    }

    #[test]
    fn read_file_caps_size() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        std::fs::write(&p, "x".repeat(100)).unwrap();
        let opts = ReadOptions {
            max_file_bytes: 99,
            ..ReadOptions::default()
        };
        assert_eq!(
            read_file(&p, &opts).unwrap_err(),
            ReadProblem::TooLarge { size: 100, cap: 99 }
        );
        let opts = ReadOptions {
            max_file_bytes: 100,
            ..ReadOptions::default()
        };
        assert_eq!(read_file(&p, &opts).unwrap().text.len(), 100);
        assert_eq!(
            read_file(dir.path(), &opts).unwrap_err(),
            ReadProblem::NotAFile
        );
    }

    /// The fast read of a vetted path never follows a link at its end, and says so.
    #[cfg(unix)]
    #[test]
    fn reading_unless_link_leaves_links_fifos_and_odd_paths_to_the_caller() {
        let dir = tempfile::tempdir().unwrap();
        let opts = ReadOptions::default();
        let file = dir.path().join("a.md");
        std::fs::write(&file, "正文").unwrap();
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        let fifo = dir.path().join("pipe.md");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);

        let read = read_file_unless_link(&file, &opts).unwrap().unwrap();
        assert_eq!(&*read.text, "正文");
        assert!(read_file_unless_link(&link, &opts).unwrap().is_none());
        assert!(read_file_unless_link(&file.join("x.md"), &opts)
            .unwrap()
            .is_none());
        assert_eq!(
            read_file_unless_link(&dir.path().join("none.md"), &opts).unwrap_err(),
            ReadProblem::Missing
        );
        // A named pipe is refused without blocking, by both reads.
        assert_eq!(
            read_file_unless_link(&fifo, &opts).unwrap_err(),
            ReadProblem::NotAFile
        );
        assert_eq!(read_file(&fifo, &opts).unwrap_err(), ReadProblem::NotAFile);
    }
}
