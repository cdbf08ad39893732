//! Reading submission files as text: size cap, BOM, CRLF, UTF-8 validation, GBK detection.

use std::path::Path;

/// Default cap on the size of one file (bytes).
pub const DEFAULT_MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// A file decoded to UTF-8 text, with what was noticed on the way.
#[derive(Debug, Clone)]
pub struct Decoded {
    /// The text, BOM removed, CRLF normalised to LF (so byte offsets and lines agree).
    pub text: String,
    pub had_bom: bool,
    pub had_crlf: bool,
    /// The file was GBK/GB18030 and was decoded because the user asked for it.
    pub decoded_from_gbk: bool,
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
    /// UTF-16 with a byte-order mark.
    Utf16,
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
pub fn read_file(path: &Path, opts: &ReadOptions) -> Result<Decoded, ReadProblem> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(ReadProblem::Missing),
        Err(e) => return Err(ReadProblem::Io(e.to_string())),
    };
    if !meta.is_file() {
        return Err(ReadProblem::NotAFile);
    }
    if meta.len() > opts.max_file_bytes {
        return Err(ReadProblem::TooLarge {
            size: meta.len(),
            cap: opts.max_file_bytes,
        });
    }
    let bytes = std::fs::read(path).map_err(|e| ReadProblem::Io(e.to_string()))?;
    decode(bytes, opts)
}

/// Decode bytes already in memory.
pub fn decode(bytes: Vec<u8>, opts: &ReadOptions) -> Result<Decoded, ReadProblem> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(ReadProblem::Utf16);
    }
    let had_bom = bytes.starts_with(&[0xEF, 0xBB, 0xBF]);
    let body = if had_bom { bytes[3..].to_vec() } else { bytes };
    let (text, decoded_from_gbk) = match String::from_utf8(body) {
        Ok(s) => (s, false),
        Err(e) => {
            let body = e.into_bytes();
            if looks_binary(&body) {
                return Err(ReadProblem::Binary);
            }
            let (gbk, _, had_errors) = encoding_rs::GB18030.decode(&body);
            if !had_errors {
                if opts.decode_gbk {
                    (gbk.into_owned(), true)
                } else {
                    return Err(ReadProblem::LooksGbk);
                }
            } else {
                let offset = std::str::from_utf8(&body)
                    .err()
                    .map_or(0, |e| e.valid_up_to());
                let line = body[..offset].iter().filter(|&&b| b == b'\n').count() as u32 + 1;
                return Err(ReadProblem::InvalidUtf8 { offset, line });
            }
        }
    };
    if text.contains('\0') {
        return Err(ReadProblem::Binary);
    }
    let had_crlf = text.contains("\r\n");
    let text = if had_crlf {
        text.replace("\r\n", "\n")
    } else {
        text
    };
    Ok(Decoded {
        text,
        had_bom,
        had_crlf,
        decoded_from_gbk,
    })
}

fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    head.contains(&0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_are_removed_and_reported() {
        let d = decode(
            b"\xEF\xBB\xBFa: 1\r\nb: 2\r\n".to_vec(),
            &ReadOptions::default(),
        )
        .unwrap();
        assert_eq!(d.text, "a: 1\nb: 2\n");
        assert!(d.had_bom && d.had_crlf);
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
        assert_eq!(d.text, "# 服务流程规范\n\n## 总则\n");
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
        assert_eq!(
            decode(vec![0xFF, 0xFE, b'a', 0], &ReadOptions::default()).unwrap_err(),
            ReadProblem::Utf16
        );
    }
}
