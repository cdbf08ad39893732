//! A temporary file of byte blobs, appended one at a time and read back by span from
//! any thread: what an audit keeps out of memory between checking and rendering (the
//! center records, the cross-center rules' gathered data and results), and the working
//! data a cross-center rule spills while it compares (the copied-document index).
//! The file is anonymous (`tempfile::tempfile()`, in the system's temporary folder,
//! never in a submission folder, gone when sscheck exits).

use std::fs::File;
use std::io::{BufWriter, Write};
#[cfg(not(unix))]
use std::io::{Read, Seek, SeekFrom};
#[cfg(not(unix))]
use std::sync::Mutex;

use crate::i18n::Text;
use crate::t;

/// Where one blob is.
#[derive(Debug, Clone, Copy, Default)]
pub struct Span {
    offset: u64,
    len: u32,
}

impl Span {
    /// Whether the blob is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// The spans of blobs one writer wrote one after another, kept as where each ends: 8
/// bytes a blob rather than a [`Span`]'s 16, for the lists an audit keeps per center
/// (its record, each cross-center rule's result for it).
#[derive(Debug, Clone, Default)]
pub struct Ends {
    /// Where the first blob starts.
    start: u64,
    ends: Vec<u64>,
}

impl Ends {
    /// No span yet; the next blob `writer` writes is the first.
    pub fn after(writer: &Writer) -> Ends {
        Ends {
            start: writer.pos,
            ends: Vec::new(),
        }
    }

    /// Append the span of the next blob, which starts where the last one ended (an empty
    /// one may be anywhere); another is an internal error, and nothing is appended.
    pub fn push(&mut self, span: Span) -> Result<(), Text> {
        let end = self.ends.last().copied().unwrap_or(self.start);
        if span.len > 0 && span.offset != end {
            return Err(trouble(
                Act::Write,
                &"internal error: a blob out of sequence in a temporary file",
            ));
        }
        self.ends.push(end + u64::from(span.len));
        Ok(())
    }

    /// The span of blob `i` (an empty one past the end).
    pub fn get(&self, i: usize) -> Span {
        let Some(&end) = self.ends.get(i) else {
            return Span::default();
        };
        let start = match i {
            0 => self.start,
            _ => self.ends[i - 1],
        };
        // A blob is at most 4 GiB: `Writer::push` refuses a longer one.
        Span {
            offset: start,
            len: (end - start) as u32,
        }
    }

    /// Room for `n` more spans, exactly (a list made for every center).
    pub fn reserve(&mut self, n: usize) {
        self.ends.reserve_exact(n);
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

/// Where the bytes go: a temporary file, or memory for a few blobs (the one-center page
/// of `sscheck check`, which must not need a temporary folder).
enum Sink {
    File(BufWriter<File>),
    Memory(Vec<u8>),
}

/// Blobs being written.
pub struct Writer {
    sink: Sink,
    pos: u64,
}

impl Writer {
    /// A new anonymous temporary file.
    pub fn create() -> Result<Writer, Text> {
        let file = tempfile::tempfile().map_err(|e| trouble(Act::Create, &e))?;
        Ok(Writer {
            sink: Sink::File(BufWriter::with_capacity(1 << 16, file)),
            pos: 0,
        })
    }

    /// Blobs kept in memory.
    pub fn in_memory() -> Writer {
        Writer {
            sink: Sink::Memory(Vec::new()),
            pos: 0,
        }
    }

    /// Append a blob; returns its span (an empty blob takes no room).
    pub fn push(&mut self, bytes: &[u8]) -> Result<Span, Text> {
        if bytes.is_empty() {
            return Ok(Span::default());
        }
        let len = u32::try_from(bytes.len())
            .map_err(|_| trouble(Act::Write, &"a temporary record of more than 4 GiB"))?;
        match &mut self.sink {
            Sink::File(f) => f.write_all(bytes).map_err(|e| trouble(Act::Write, &e))?,
            Sink::Memory(v) => v.extend_from_slice(bytes),
        }
        let span = Span {
            offset: self.pos,
            len,
        };
        self.pos += u64::from(len);
        Ok(span)
    }

    /// The blobs written, ready to be read.
    pub fn finish(self) -> Result<Reader, Text> {
        let backing = match self.sink {
            Sink::File(f) => {
                let file = f.into_inner().map_err(|e| trouble(Act::Write, e.error()))?;
                #[cfg(not(unix))]
                let file = Mutex::new(file);
                Backing::File(file)
            }
            Sink::Memory(v) => Backing::Memory(v),
        };
        Ok(Reader { backing })
    }
}

/// Where the bytes are read from. On Unix a file is read at an offset without moving
/// a shared position, so the worker threads that read records back in parallel do not
/// wait on each other; elsewhere reads take turns.
enum Backing {
    #[cfg(unix)]
    File(File),
    #[cfg(not(unix))]
    File(Mutex<File>),
    Memory(Vec<u8>),
}

/// Blobs written, read back by span (from any thread).
pub struct Reader {
    backing: Backing,
}

impl std::fmt::Debug for Reader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reader").finish_non_exhaustive()
    }
}

impl Reader {
    /// The blob at `span`.
    pub fn bytes(&self, span: Span) -> Result<Vec<u8>, Text> {
        let mut buf = Vec::new();
        self.read(span, &mut buf)?;
        Ok(buf)
    }

    /// The blob at `span`, into `buf` (reused from read to read).
    pub fn read(&self, span: Span, buf: &mut Vec<u8>) -> Result<(), Text> {
        buf.clear();
        buf.resize(span.len as usize, 0);
        if span.len == 0 {
            return Ok(());
        }
        match &self.backing {
            #[cfg(unix)]
            Backing::File(file) => {
                use std::os::unix::fs::FileExt;
                file.read_exact_at(buf, span.offset)
                    .map_err(|e| trouble(Act::Read, &e))
            }
            #[cfg(not(unix))]
            Backing::File(file) => {
                // A poisoned lock only means another reader panicked; the file is sound.
                let mut file = file.lock().unwrap_or_else(|p| p.into_inner());
                file.seek(SeekFrom::Start(span.offset))
                    .and_then(|_| file.read_exact(buf))
                    .map_err(|e| trouble(Act::Read, &e))
            }
            Backing::Memory(v) => {
                let start = span.offset as usize;
                buf.copy_from_slice(&v[start..start + span.len as usize]);
                Ok(())
            }
        }
    }
}

#[derive(Clone, Copy)]
pub(crate) enum Act {
    Create,
    Write,
    Read,
}

/// The error of a temporary file (records, gathered data, results, a rule's index), in
/// both languages.
pub(crate) fn trouble(act: Act, e: &dyn std::fmt::Display) -> Text {
    match act {
        Act::Create => t!(
            "无法在临时目录 {dir} 中创建审计用的临时文件：{e}（可用 TMPDIR 指定其他目录）",
            "cannot create a temporary file of the audit in the temporary folder {dir}: {e} (TMPDIR chooses another folder)",
            dir = std::env::temp_dir().display().to_string(),
            e = e
        ),
        Act::Write => t!(
            "无法写入审计用的临时文件：{e}（临时目录的磁盘是否已满？可用 TMPDIR 指定其他目录）",
            "cannot write a temporary file of the audit: {e} (is the temporary folder's disk full? TMPDIR chooses another folder)",
            e = e
        ),
        Act::Read => t!(
            "无法读回审计用的临时文件：{e}",
            "cannot read back a temporary file of the audit: {e}",
            e = e
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ends_give_back_each_span_empty_ones_included() {
        let mut w = Writer::in_memory();
        w.push(b"before the list").unwrap();
        let mut ends = Ends::after(&w);
        let blobs: [&[u8]; 5] = [b"one", b"", b"three", b"", b"five!"];
        for b in blobs {
            ends.push(w.push(b).unwrap()).unwrap();
        }
        assert_eq!(ends.len(), 5);
        let r = w.finish().unwrap();
        for (i, b) in blobs.iter().enumerate() {
            assert_eq!(ends.get(i).is_empty(), b.is_empty(), "blob {i}");
            assert_eq!(r.bytes(ends.get(i)).unwrap(), *b, "blob {i}");
        }
        assert!(ends.get(5).is_empty(), "past the end: empty");
    }

    #[test]
    fn ends_refuse_a_span_out_of_sequence() {
        let mut w = Writer::in_memory();
        let mut ends = Ends::after(&w);
        let first = w.push(b"first").unwrap();
        let second = w.push(b"second").unwrap();
        assert!(ends.push(second).is_err(), "the first blob was skipped");
        assert!(ends.is_empty(), "nothing appended");
        ends.push(first).unwrap();
        ends.push(second).unwrap();
        assert_eq!(ends.len(), 2);
    }
}
