//! Loading one submission folder: manifest, yearly metrics, documents, waivers.
//!
//! Loading never fails: every problem becomes an input finding and the rest is loaded.
//! Nothing is ever written, and no path outside the submission folder is read.

pub mod document;
pub mod heading_match;
mod manifest;
mod metrics;
mod validate;
pub mod waivers;

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

pub use document::Document;
pub use manifest::Manifest;
pub use metrics::{check_text as check_metrics_text, typed_value, MetricValue, MetricsYear};
pub use validate::closest;
pub use waivers::Waiver;

use crate::finding::{Finding, InputCode, Location, Severity};
use crate::standard::Standard;
use crate::t;
use crate::text::{self, ReadOptions, ReadProblem};

/// A loaded submission.
#[derive(Debug)]
pub struct Submission {
    pub root: PathBuf,
    /// Decoded text of every file read, by relative path, for diagnostics snippets.
    pub sources: BTreeMap<String, Arc<str>>,
    pub manifest: Option<Manifest>,
    /// Metrics by year.
    pub metrics: BTreeMap<i32, MetricsYear>,
    /// Documents by type, or why the type is not available.
    pub documents: BTreeMap<String, Result<Document, DocProblem>>,
    pub waivers: Vec<Waiver>,
    /// Input diagnostics found while loading.
    pub findings: Vec<Finding>,
}

/// Why a document type cannot be checked.
#[derive(Debug, Clone, PartialEq)]
pub enum DocProblem {
    /// center.yaml could not be read, so no document index is known.
    NoManifest,
    /// The index in center.yaml has no entry for the type.
    NotListed,
    /// The indexed file does not exist.
    FileMissing { location: Location, path: String },
    /// The file exists but cannot be read (encoding, size): an input finding says why.
    Unreadable { path: String },
    /// The path in center.yaml cannot be followed (it leaves the folder, by `..` or a link,
    /// or the links loop): an input finding at that entry says why.
    Refused { path: String },
}

impl Submission {
    /// The reporting year: the manifest's, else the latest metrics year.
    pub fn reporting_year(&self) -> Option<i32> {
        self.manifest
            .as_ref()
            .and_then(|m| m.reporting_year)
            .or_else(|| self.metrics.keys().next_back().copied())
    }

    /// The center's profile from its manifest (empty without one). Borrowed: every rule
    /// asks for it.
    pub fn profile(&self) -> &crate::standard::Profile {
        static NONE: crate::standard::Profile = crate::standard::Profile {
            level: None,
            region: None,
            operation_model: None,
            province: None,
        };
        self.manifest.as_ref().map_or(&NONE, |m| &m.profile)
    }
}

/// Load a submission folder.
pub fn load(root: &Path, standard: &Standard, opts: &ReadOptions) -> Submission {
    let mut sub = Submission {
        root: root.to_path_buf(),
        sources: BTreeMap::new(),
        manifest: None,
        metrics: BTreeMap::new(),
        documents: BTreeMap::new(),
        waivers: Vec::new(),
        findings: Vec::new(),
    };
    if !root.is_dir() {
        sub.findings.push(Finding::input(
            InputCode::NotASubmission,
            Severity::Error,
            t!(
                "{path} 不是目录：提交材料应是一个包含 center.yaml 的文件夹",
                "{path} is not a folder: a submission is a folder holding center.yaml",
                path = root.display()
            ),
            None,
        ));
        return sub;
    }
    // A folder with neither center.yaml nor metrics/ is not a submission at all (an empty
    // folder, a parent of submissions): one diagnostic, not one per rule.
    let holds = |name: &str| std::fs::symlink_metadata(root.join(name)).is_ok();
    if !holds("center.yaml") && !holds("metrics") {
        sub.findings.push(Finding::input(
            InputCode::NotASubmission,
            Severity::Error,
            t!(
                "{path} 中既没有 center.yaml，也没有 metrics/（用 sscheck init {path} 创建一份提交材料）",
                "{path} holds neither center.yaml nor metrics/ (sscheck init {path} creates a submission)",
                path = root.display()
            ),
            None,
        ));
        return sub;
    }
    let mut folder = Folder::new(root.canonicalize().unwrap_or_else(|_| root.to_path_buf()));

    if let Some(text) = read_tracked(&mut sub, &mut folder, "center.yaml", opts, true) {
        sub.manifest = manifest::parse(&mut sub.findings, &text, standard);
    }
    metrics::load_all(&mut sub, &mut folder, standard, opts);
    load_documents(&mut sub, &mut folder, standard, opts);
    if let Some(text) = read_tracked(&mut sub, &mut folder, "waivers.yaml", opts, false) {
        sub.waivers = waivers::parse(&mut sub.findings, &text);
    }
    sub
}

fn load_documents(
    sub: &mut Submission,
    folder: &mut Folder,
    standard: &Standard,
    opts: &ReadOptions,
) {
    let index = match &sub.manifest {
        Some(m) => m.documents.clone(),
        None => {
            for d in &standard.documents {
                sub.documents
                    .insert(d.id.clone(), Err(DocProblem::NoManifest));
            }
            return;
        }
    };
    for d in &standard.documents {
        let Some(entry) = index.get(&d.id) else {
            sub.documents
                .insert(d.id.clone(), Err(DocProblem::NotListed));
            continue;
        };
        let path = entry.path.clone();
        let at = entry.location.clone();
        let Some(rel) = contained(&path) else {
            sub.findings.push(Finding::input(
                InputCode::PathOutside,
                Severity::Error,
                t!(
                    "文档路径 `{path}` 指向提交目录之外，已拒绝读取",
                    "document path `{path}` leaves the submission folder; it was not read",
                    path = path
                ),
                Some(at),
            ));
            sub.documents
                .insert(d.id.clone(), Err(DocProblem::Refused { path }));
            continue;
        };
        // Symlinks may still point outside or loop: nothing outside the folder is read.
        match folder.read(&rel, opts) {
            Ok(decoded) => {
                let text = record_read(sub, decoded, &rel);
                let doc = Document::parse(&rel, text);
                sub.documents.insert(d.id.clone(), Ok(doc));
            }
            Err(Unread::Path(Unresolved::Missing)) => {
                sub.documents.insert(
                    d.id.clone(),
                    Err(DocProblem::FileMissing { location: at, path }),
                );
            }
            Err(Unread::Path(problem)) => {
                sub.findings.push(path_finding(&problem, &rel, at));
                sub.documents
                    .insert(d.id.clone(), Err(DocProblem::Refused { path }));
            }
            Err(Unread::File(problem)) => {
                sub.findings.push(read_finding(&problem, &rel));
                sub.documents
                    .insert(d.id.clone(), Err(DocProblem::Unreadable { path: rel }));
            }
        }
    }
}

/// A relative path that stays inside the folder, normalised with `/`; `None` if it escapes.
pub fn contained(path: &str) -> Option<String> {
    let p = Path::new(path);
    let mut parts: Vec<String> = Vec::new();
    for c in p.components() {
        match c {
            Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Why a path of the submission cannot be followed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Unresolved {
    /// Nothing there (or a dangling link).
    Missing,
    /// The path, through a symlink, leads out of the submission folder.
    Outside,
    /// A symlink loop (`a.md -> b.md -> a.md`): the system gives up after a few dozen hops.
    Loop,
    /// Any other failure to resolve (permissions on a folder on the way).
    Io(String),
}

/// The (canonical) folder of a submission, and the folders under it known to be no link:
/// each is `lstat`ed once, however many files it holds.
pub(crate) struct Folder {
    root: PathBuf,
    plain: Vec<PathBuf>,
}

impl Folder {
    pub(crate) fn new(root: PathBuf) -> Folder {
        Folder {
            root,
            plain: Vec::new(),
        }
    }

    /// Resolve `rel` inside the root, following symlinks, and refuse anything that ends
    /// outside it. Symlink loops end fast (the OS bounds the hops).
    pub(crate) fn resolve(&mut self, rel: &str) -> Result<PathBuf, Unresolved> {
        if let Some(path) = self.plain_folders(rel)? {
            match std::fs::symlink_metadata(&path) {
                Ok(meta) if !meta.file_type().is_symlink() => return Ok(path),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    return Err(Unresolved::Missing)
                }
                _ => {}
            }
        }
        self.canonical(rel)
    }

    /// The root joined with `rel` when none of the folders on the way is a link (one
    /// `lstat` each, where `canonicalize` asks for every component of the whole path):
    /// `None` when one is, or a component is odd, and only full resolution can tell
    /// where it leads.
    fn plain_folders(&mut self, rel: &str) -> Result<Option<PathBuf>, Unresolved> {
        let mut path = self.root.clone();
        let mut parts = Path::new(rel).components().peekable();
        while let Some(part) = parts.next() {
            let Component::Normal(name) = part else {
                return Ok(None);
            };
            path.push(name);
            if parts.peek().is_none() || self.plain.contains(&path) {
                continue;
            }
            match std::fs::symlink_metadata(&path) {
                Ok(meta) if !meta.file_type().is_symlink() => self.plain.push(path.clone()),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    return Err(Unresolved::Missing)
                }
                _ => return Ok(None),
            }
        }
        Ok(Some(path))
    }

    /// Where `rel` leads once every link is followed, if that is inside the root.
    fn canonical(&self, rel: &str) -> Result<PathBuf, Unresolved> {
        match self.root.join(rel).canonicalize() {
            Ok(real) if real.starts_with(&self.root) => Ok(real),
            Ok(_) => Err(Unresolved::Outside),
            Err(e) if is_link_loop(&e) => Err(Unresolved::Loop),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Unresolved::Missing),
            Err(e) => Err(Unresolved::Io(e.to_string())),
        }
    }

    /// Read the file at `rel`; nothing outside the root is ever opened.
    fn read(&mut self, rel: &str, opts: &ReadOptions) -> Result<text::Decoded, Unread> {
        let unread = |p: ReadProblem| match p {
            ReadProblem::Missing => Unread::Path(Unresolved::Missing),
            p => Unread::File(p),
        };
        // Most paths hold no link: folders vetted with an `lstat` and the file opened
        // without following a link cannot lead out. A link anywhere takes full resolution.
        if let Some(path) = self.plain_folders(rel).map_err(Unread::Path)? {
            if let Some(decoded) = text::read_file_unless_link(&path, opts).map_err(unread)? {
                return Ok(decoded);
            }
        }
        let real = self.canonical(rel).map_err(Unread::Path)?;
        text::read_file(&real, opts).map_err(unread)
    }
}

/// Why a file of the submission was not read.
enum Unread {
    /// Its path cannot be followed (missing, a link out, a loop).
    Path(Unresolved),
    /// It is there but cannot be read as text.
    File(ReadProblem),
}

/// ELOOP (too many levels of symbolic links). `ErrorKind::FilesystemLoop` is not stable
/// yet, so match its name, and the Linux errno as a fallback.
fn is_link_loop(e: &std::io::Error) -> bool {
    format!("{:?}", e.kind()) == "FilesystemLoop"
        || (cfg!(target_os = "linux") && e.raw_os_error() == Some(40))
}

/// The finding for a path that cannot be followed, reported at `at`.
pub(crate) fn path_finding(problem: &Unresolved, rel: &str, at: Location) -> Finding {
    let (code, message) = match problem {
        Unresolved::Missing => describe(&ReadProblem::Missing, rel),
        Unresolved::Outside => (
            InputCode::PathOutside,
            t!(
                "`{path}` 是指向提交目录之外的链接，已拒绝读取",
                "`{path}` is a link that leaves the submission folder; it was not read",
                path = rel
            ),
        ),
        Unresolved::Loop => (
            InputCode::LinkLoop,
            t!(
                "`{path}` 是循环的符号链接（链接最终指回自身），无法读取",
                "`{path}` is a symbolic link loop (the links lead back to themselves); it cannot be read",
                path = rel
            ),
        ),
        Unresolved::Io(e) => describe(&ReadProblem::Io(e.clone()), rel),
    };
    Finding::input(code, Severity::Error, message, Some(at))
}

/// Read a file of the submission, recording its text and any input finding.
/// `report_missing`: a missing file is itself a finding. Nothing outside the submission
/// folder is ever opened.
pub(crate) fn read_tracked(
    sub: &mut Submission,
    folder: &mut Folder,
    rel: &str,
    opts: &ReadOptions,
    report_missing: bool,
) -> Option<Arc<str>> {
    match folder.read(rel, opts) {
        Ok(decoded) => Some(record_read(sub, decoded, rel)),
        Err(Unread::Path(Unresolved::Missing)) if !report_missing => None,
        Err(Unread::Path(problem)) => {
            sub.findings
                .push(path_finding(&problem, rel, Location::file_only(rel)));
            None
        }
        Err(Unread::File(problem)) => {
            sub.findings.push(read_finding(&problem, rel));
            None
        }
    }
}

/// Whether something was noticed of a file, and the input finding that says so.
type Note = (bool, InputCode, Severity, fn() -> crate::i18n::Text);

/// Keep the text of a file read at `rel`, with a note on how it was written (BOM, CRLF,
/// an encoding decoded).
fn record_read(sub: &mut Submission, d: text::Decoded, rel: &str) -> Arc<str> {
    // Messages made only for what was noticed: this runs for every file.
    let notes: [Note; 4] = [
        (d.had_bom, InputCode::Bom, Severity::Info, || {
            t!(
                    "文件以 UTF-8 字节顺序标记（BOM）开头；已忽略，建议保存为无 BOM 的 UTF-8",
                    "file starts with a UTF-8 byte-order mark (BOM); it was ignored, consider saving as UTF-8 without BOM"
                )
        }),
        (d.had_crlf, InputCode::Crlf, Severity::Info, || {
            t!(
                "文件使用 Windows 换行符（CRLF）；已按 LF 处理，行号不受影响",
                "file uses Windows line endings (CRLF); read as LF, line numbers are unaffected"
            )
        }),
        (
            d.decoded_from_utf16,
            InputCode::EncodingUtf16,
            Severity::Warning,
            || {
                t!(
                    "文件为带 BOM 的 UTF-16 编码，已解码检查；请另存为 UTF-8",
                    "file is UTF-16 with a byte-order mark; it was decoded and checked, but save it as UTF-8"
                )
            },
        ),
        (
            d.decoded_from_gbk,
            InputCode::EncodingGbk,
            Severity::Warning,
            || {
                t!(
                    "文件为 GBK/GB18030 编码，已按 --decode-gbk 解码检查；请另存为 UTF-8",
                    "file is GBK/GB18030-encoded and was decoded because of --decode-gbk; save it as UTF-8"
                )
            },
        ),
    ];
    for (noticed, code, severity, message) in notes {
        if noticed {
            let at = Location::file_only(rel);
            sub.findings
                .push(Finding::input(code, severity, message(), Some(at)));
        }
    }
    sub.sources.insert(rel.to_string(), d.text.clone());
    d.text
}

/// The finding for a file that is there but cannot be read as text.
fn read_finding(problem: &ReadProblem, rel: &str) -> Finding {
    let (code, message) = describe(problem, rel);
    Finding::input(
        code,
        Severity::Error,
        message,
        Some(Location::file_only(rel)),
    )
}

fn describe(p: &ReadProblem, rel: &str) -> (InputCode, crate::i18n::Text) {
    match p {
        ReadProblem::Missing => (
            InputCode::FileMissing,
            t!("缺少文件 `{path}`", "file `{path}` is missing", path = rel),
        ),
        ReadProblem::NotAFile => (
            InputCode::NotAFile,
            t!("`{path}` 不是普通文件", "`{path}` is not a regular file", path = rel),
        ),
        ReadProblem::TooLarge { size, cap } => (
            InputCode::FileTooLarge,
            t!(
                "文件大小 {size} 字节，超过上限 {cap} 字节，未读取（可用 --max-file-size 调整）",
                "file is {size} bytes, over the cap of {cap} bytes; not read (see --max-file-size)",
                size = size,
                cap = cap
            ),
        ),
        ReadProblem::Io(e) => (
            InputCode::ReadError,
            t!("无法读取文件：{error}", "cannot read the file: {error}", error = e),
        ),
        ReadProblem::Binary => (
            InputCode::BinaryFile,
            t!(
                "文件是二进制内容，不是文本；请提交 UTF-8 文本（Markdown/YAML）",
                "file is binary, not text; submit UTF-8 text (Markdown/YAML)"
            ),
        ),
        ReadProblem::LooksGbk => (
            InputCode::EncodingGbk,
            t!(
                "文件不是 UTF-8，看起来是 GBK/GB18030 编码；请另存为 UTF-8，或使用 --decode-gbk 检查",
                "file is not UTF-8; it looks GBK/GB18030-encoded: save it as UTF-8, or check it with --decode-gbk"
            ),
        ),
        ReadProblem::Utf16 { bom: false } => (
            InputCode::EncodingUtf16,
            t!(
                "文件看起来是不带 BOM 的 UTF-16 编码，未读取；请另存为 UTF-8",
                "file looks like UTF-16 without a byte-order mark and was not read; save it as UTF-8"
            ),
        ),
        ReadProblem::Utf16 { bom: true } => (
            InputCode::EncodingUtf16,
            t!(
                "文件以 UTF-16 BOM 开头，但内容不是有效的 UTF-16，未读取；请另存为 UTF-8",
                "file starts with a UTF-16 byte-order mark but is not valid UTF-16; it was not read: save it as UTF-8"
            ),
        ),
        ReadProblem::InvalidUtf8 { offset, line } => (
            InputCode::InvalidUtf8,
            t!(
                "文件不是有效的 UTF-8（第 {line} 行，字节偏移 {offset}）",
                "file is not valid UTF-8 (line {line}, byte offset {offset})",
                line = line,
                offset = offset
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::contained;

    #[test]
    fn paths_that_leave_the_folder_are_refused() {
        assert_eq!(contained("docs/a.md").as_deref(), Some("docs/a.md"));
        assert_eq!(
            contained("./docs/../docs/a.md").as_deref(),
            Some("docs/a.md")
        );
        assert_eq!(contained("../other/a.md"), None);
        assert_eq!(contained("docs/../../a.md"), None);
        assert_eq!(contained("/etc/passwd"), None);
        assert_eq!(contained(""), None);
    }

    /// The shortcut for paths without links must agree with full resolution.
    #[cfg(unix)]
    #[test]
    fn resolve_follows_links_inside_and_refuses_them_outside() {
        use super::{Folder, Unresolved};
        use std::os::unix::fs::symlink;
        let tmp = tempfile::tempdir().unwrap();
        let base = tmp.path().canonicalize().unwrap();
        let root = base.join("sub");
        std::fs::create_dir_all(root.join("docs/real")).unwrap();
        std::fs::write(root.join("docs/a.md"), "a").unwrap();
        std::fs::write(root.join("docs/real/b.md"), "b").unwrap();
        std::fs::write(base.join("secret.md"), "s").unwrap();
        symlink(root.join("docs/a.md"), root.join("docs/link.md")).unwrap();
        symlink(root.join("docs/real"), root.join("docs/alias")).unwrap();
        symlink(&base, root.join("up")).unwrap();
        symlink(root.join("docs/loop1"), root.join("docs/loop2")).unwrap();
        symlink(root.join("docs/loop2"), root.join("docs/loop1")).unwrap();

        assert_eq!(
            Folder::new(root.clone()).resolve("docs/a.md"),
            Ok(root.join("docs/a.md"))
        );
        assert_eq!(
            Folder::new(root.clone()).resolve("docs/link.md"),
            Ok(root.join("docs/a.md"))
        );
        assert_eq!(
            Folder::new(root.clone()).resolve("docs/alias/b.md"),
            Ok(root.join("docs/real/b.md"))
        );
        assert_eq!(
            Folder::new(root.clone()).resolve("up/secret.md"),
            Err(Unresolved::Outside)
        );
        assert_eq!(
            Folder::new(root.clone()).resolve("docs/../../secret.md"),
            Err(Unresolved::Outside)
        );
        assert_eq!(
            Folder::new(root.clone()).resolve("docs/none.md"),
            Err(Unresolved::Missing)
        );
        assert_eq!(
            Folder::new(root.clone()).resolve("none/a.md"),
            Err(Unresolved::Missing)
        );
        assert_eq!(
            Folder::new(root.clone()).resolve("docs/loop1"),
            Err(Unresolved::Loop)
        );
        assert!(matches!(
            Folder::new(root.clone()).resolve("docs/a.md/x"),
            Err(Unresolved::Io(_))
        ));
    }
}
