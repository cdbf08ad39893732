//! The parse-only floor: read and parse every file of every submission under a corpus
//! root exactly as `sscheck` does, and nothing more (no standard, no checks, no report).
//!
//! `sscheck check` on the same corpus should stay within 2x of this time (PRODUCT.md).
//!
//! ```text
//! cargo bench --bench floor -- /tmp/sscheck-bench-3000
//! RAYON_NUM_THREADS=1 target/release/deps/floor-<hash> /tmp/sscheck-bench-3000
//! ```
//!
//! Per file, as `submission::load` does it: `text::read_file` with the default read
//! options, the text moved into an `Arc<str>`, then `yaml::parse` for center.yaml and
//! metrics/*.yaml (and *.yml), or `Document::parse` for docs/*.md. Submissions are
//! processed in parallel with rayon (thread count: `RAYON_NUM_THREADS`), one submission
//! per task, like `engine::check_all`.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use sscheck::submission::Document;
use sscheck::text::{self, ReadOptions};
use sscheck::yaml;

/// What one submission (or the whole corpus) amounted to.
#[derive(Default, Clone, Copy)]
struct Tally {
    files: usize,
    bytes: usize,
    /// Files `read_file` refused (encoding, size ...).
    unreadable: usize,
    /// YAML files that did not parse.
    yaml_errors: usize,
}

impl Tally {
    fn add(self, o: Tally) -> Tally {
        Tally {
            files: self.files + o.files,
            bytes: self.bytes + o.bytes,
            unreadable: self.unreadable + o.unreadable,
            yaml_errors: self.yaml_errors + o.yaml_errors,
        }
    }
}

fn main() -> ExitCode {
    // Cargo passes its own flags (`--bench`); the corpus root is the first other argument.
    let Some(root) = std::env::args_os()
        .skip(1)
        .find(|a| !a.to_string_lossy().starts_with("--"))
        .map(PathBuf::from)
    else {
        eprintln!("usage: floor CORPUS_ROOT   (threads: RAYON_NUM_THREADS)");
        return ExitCode::from(2);
    };

    let start = Instant::now();
    let submissions = match list_submissions(&root) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("floor: cannot list {}: {e}", root.display());
            return ExitCode::from(2);
        }
    };
    let opts = ReadOptions::default();
    let total = submissions
        .par_iter()
        .map(|dir| submission(dir, &opts))
        .reduce(Tally::default, Tally::add);
    let elapsed = start.elapsed();

    println!(
        "floor: {} submissions, {} files, {:.1} MB, {} unreadable, {} YAML errors, {} threads, {:.3} s",
        submissions.len(),
        total.files,
        total.bytes as f64 / 1e6,
        total.unreadable,
        total.yaml_errors,
        rayon::current_num_threads(),
        elapsed.as_secs_f64()
    );
    ExitCode::SUCCESS
}

/// Immediate subfolders of `root` that hold center.yaml, sorted.
fn list_submissions(root: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut dirs = Vec::new();
    for entry in std::fs::read_dir(root)? {
        let path = entry?.path();
        if path.is_dir() && path.join("center.yaml").is_file() {
            dirs.push(path);
        }
    }
    dirs.sort();
    Ok(dirs)
}

/// Read and parse every file of one submission.
fn submission(dir: &Path, opts: &ReadOptions) -> Tally {
    let mut t = Tally::default();
    read_yaml(&dir.join("center.yaml"), opts, &mut t);
    for path in files_in(&dir.join("metrics"), &["yaml", "yml"]) {
        read_yaml(&path, opts, &mut t);
    }
    for path in files_in(&dir.join("docs"), &["md"]) {
        let Some(text) = read(&path, opts, &mut t) else {
            continue;
        };
        let rel = path
            .strip_prefix(dir)
            .unwrap_or(&path)
            .to_string_lossy()
            .into_owned();
        black_box(Document::parse(&rel, text));
    }
    t
}

fn read_yaml(path: &Path, opts: &ReadOptions, t: &mut Tally) {
    if let Some(text) = read(path, opts, t) {
        if black_box(yaml::parse(&text)).is_err() {
            t.yaml_errors += 1;
        }
    }
}

fn read(path: &Path, opts: &ReadOptions, t: &mut Tally) -> Option<Arc<str>> {
    t.files += 1;
    match text::read_file(path, opts) {
        Ok(d) => {
            t.bytes += d.text.len();
            Some(Arc::from(d.text))
        }
        Err(_) => {
            t.unreadable += 1;
            None
        }
    }
}

/// Files directly in `dir` with one of the extensions, sorted; none if `dir` is missing.
fn files_in(dir: &Path, exts: &[&str]) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().map(|t| t.is_file()).unwrap_or(false))
        .map(|e| e.path())
        .filter(|p| {
            p.extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| exts.contains(&x))
        })
        .collect();
    files.sort();
    files
}
