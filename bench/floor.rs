//! The parse-only floor: walk a corpus root, read and parse every file of every
//! submission with the fastest well-kept general parsers, and nothing more (no standard,
//! no checks, no report). It does not use sscheck's own loaders: where those are slower
//! than these parsers, that is part of the gap `sscheck audit` has to close.
//!
//! ```text
//! cargo bench --bench floor -- /tmp/sscheck-bench-3000
//! RAYON_NUM_THREADS=1 target/release/deps/floor-<hash> /tmp/sscheck-bench-3000
//! ```
//!
//! The walk is walkdir's (folders holding center.yaml, not descending into them, as the
//! audit does); each file is read whole into a `String`; YAML (center.yaml,
//! metrics/*.yaml) goes through serde_yaml_ng into a generic `Value`; Markdown
//! (docs/*.md) through pulldown-cmark with tables, every event consumed. Submissions are
//! processed in parallel with rayon (thread count: `RAYON_NUM_THREADS`).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use rayon::prelude::*;
use walkdir::WalkDir;

/// What one submission (or the whole corpus) amounted to.
#[derive(Default, Clone, Copy)]
struct Tally {
    files: usize,
    bytes: usize,
    /// Files that could not be read as UTF-8 text.
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
    if !root.is_dir() {
        eprintln!("floor: {} is not a folder", root.display());
        return ExitCode::from(2);
    }

    let start = Instant::now();
    let submissions = list_submissions(&root);
    let total = submissions
        .par_iter()
        .map(|dir| submission(dir))
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

/// Folders under `root` that hold center.yaml, sorted, not descending into them.
fn list_submissions(root: &Path) -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    let mut walk = WalkDir::new(root).sort_by_file_name().into_iter();
    while let Some(Ok(entry)) = walk.next() {
        if entry.file_type().is_dir() && entry.path().join("center.yaml").is_file() {
            dirs.push(entry.into_path());
            walk.skip_current_dir();
        }
    }
    dirs
}

/// Read and parse every file of one submission.
fn submission(dir: &Path) -> Tally {
    let mut t = Tally::default();
    for entry in WalkDir::new(dir).into_iter().filter_map(Result::ok) {
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        let ext = path.extension().and_then(|x| x.to_str()).unwrap_or("");
        if !matches!(ext, "yaml" | "yml" | "md") {
            continue;
        }
        t.files += 1;
        let Ok(text) = std::fs::read_to_string(path) else {
            t.unreadable += 1;
            continue;
        };
        t.bytes += text.len();
        if ext == "md" {
            let parser =
                pulldown_cmark::Parser::new_ext(&text, pulldown_cmark::Options::ENABLE_TABLES);
            black_box(parser.into_offset_iter().count());
        } else if black_box(serde_yaml_ng::from_str::<serde_yaml_ng::Value>(&text)).is_err() {
            t.yaml_errors += 1;
        }
    }
    t
}
