//! A temporary file of byte blobs, appended one at a time and read back by span from
//! any thread: what an audit keeps out of memory between checking and rendering
//! besides the records themselves (the cross-center rules' gathered data and results).
//! The file is anonymous (`tempfile::tempfile()`, in the system's temporary folder,
//! never in a submission folder, gone when sscheck exits).

use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::sync::Mutex;

use super::store::{trouble, Act};
use crate::i18n::Text;

/// Where one blob is in the file.
#[derive(Debug, Clone, Copy, Default)]
pub struct Span {
    offset: u64,
    len: u32,
}

/// Blobs being written.
pub struct Writer {
    file: BufWriter<File>,
    pos: u64,
}

impl Writer {
    /// A new anonymous temporary file.
    pub fn create() -> Result<Writer, Text> {
        let file = tempfile::tempfile().map_err(|e| trouble(Act::Create, &e))?;
        Ok(Writer {
            file: BufWriter::with_capacity(1 << 16, file),
            pos: 0,
        })
    }

    /// Append a blob; returns its span (an empty blob takes no room).
    pub fn push(&mut self, bytes: &[u8]) -> Result<Span, Text> {
        if bytes.is_empty() {
            return Ok(Span::default());
        }
        let len = u32::try_from(bytes.len())
            .map_err(|_| trouble(Act::Write, &"a temporary record of more than 4 GiB"))?;
        self.file
            .write_all(bytes)
            .map_err(|e| trouble(Act::Write, &e))?;
        let span = Span {
            offset: self.pos,
            len,
        };
        self.pos += u64::from(len);
        Ok(span)
    }

    /// The blobs written, ready to be read.
    pub fn finish(self) -> Result<Reader, Text> {
        let file = self
            .file
            .into_inner()
            .map_err(|e| trouble(Act::Write, e.error()))?;
        Ok(Reader {
            file: Mutex::new(file),
        })
    }
}

/// Blobs written, read back by span (from any thread).
pub struct Reader {
    file: Mutex<File>,
}

impl std::fmt::Debug for Reader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reader").finish_non_exhaustive()
    }
}

impl Reader {
    /// The blob at `span`.
    pub fn bytes(&self, span: Span) -> Result<Vec<u8>, Text> {
        let mut buf = vec![0; span.len as usize];
        if span.len == 0 {
            return Ok(buf);
        }
        // A poisoned lock only means another reader panicked; the file is still sound.
        let mut file = self.file.lock().unwrap_or_else(|p| p.into_inner());
        file.seek(SeekFrom::Start(span.offset))
            .and_then(|_| file.read_exact(&mut buf))
            .map_err(|e| trouble(Act::Read, &e))?;
        Ok(buf)
    }
}
