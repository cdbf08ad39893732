//! Find the submissions under the audit roots: every folder holding a `center.yaml`.
//! The walk does not descend into a submission, follows no symbolic link, and counts
//! what it skips (stray files, folders it cannot read).

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// A submission folder found under a root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The folder on disk.
    pub dir: PathBuf,
    /// The path reported: the root as given joined with the folder's path under it, with
    /// `/` separators.
    pub display: String,
}

/// What the walk found.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Sorted by `display`, without duplicates.
    pub found: Vec<Found>,
    /// Files and folders outside every submission that are not submissions.
    pub skipped: usize,
    /// Entries that could not be read (permission denied, a vanished file), with why.
    pub problems: Vec<String>,
}

/// The file that makes a folder a submission.
pub const MARKER: &str = "center.yaml";

/// Walk every root. A root that is no folder is a problem, not a panic; the other roots
/// are still walked.
pub fn discover(roots: &[PathBuf]) -> Discovery {
    let mut d = Discovery::default();
    for root in roots {
        if !root.is_dir() {
            d.problems.push(format!("{}: not a folder", root.display()));
            continue;
        }
        let mut walk = WalkDir::new(root)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter();
        while let Some(entry) = walk.next() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    d.skipped += 1;
                    d.problems.push(e.to_string());
                    continue;
                }
            };
            let path = entry.path();
            if entry.file_type().is_dir() {
                if path.join(MARKER).is_file() {
                    d.found.push(Found {
                        dir: path.to_path_buf(),
                        display: display(root, path),
                    });
                    walk.skip_current_dir();
                } else if is_hidden(entry.file_name()) && entry.depth() > 0 {
                    // .git, .github and the like hold no submission.
                    walk.skip_current_dir();
                }
            } else if entry.depth() > 0 {
                d.skipped += 1;
            }
        }
    }
    d.found.sort_by(|a, b| a.display.cmp(&b.display));
    d.found.dedup_by(|a, b| a.display == b.display);
    d
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// `root` as given joined with `path`'s part under it, `/`-separated; `.` prefixes and
/// trailing separators dropped, so `./subs/` and `subs` report the same paths.
fn display(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let mut parts: Vec<String> = Vec::new();
    for c in root.components().chain(rel.components()) {
        match c {
            std::path::Component::CurDir => {}
            other => parts.push(other.as_os_str().to_string_lossy().into_owned()),
        }
    }
    if parts.is_empty() {
        return ".".to_string();
    }
    let joined = parts.join("/");
    // An absolute root keeps its leading slash (the root component is "/").
    joined.replacen("//", "/", 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_submissions_and_counts_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for sub in ["b/one", "a/two", "a/two/nested", "three"] {
            std::fs::create_dir_all(root.join(sub)).unwrap();
            std::fs::write(root.join(sub).join(MARKER), "center: {}\n").unwrap();
        }
        std::fs::write(root.join("manifest.json"), "{}").unwrap();
        std::fs::create_dir_all(root.join("empty")).unwrap();
        std::fs::create_dir_all(root.join(".git/x")).unwrap();
        std::fs::write(root.join(".git/x").join(MARKER), "").unwrap();
        let d = discover(&[root.to_path_buf()]);
        let names: Vec<&str> = d
            .found
            .iter()
            .map(|f| f.display.rsplit_once(['/']).map_or("", |(_, n)| n))
            .collect();
        // Sorted, not descending into a submission, hidden folders left out.
        assert_eq!(names, ["two", "one", "three"]);
        assert_eq!(d.skipped, 1, "manifest.json");
        assert!(d.problems.is_empty());
        let missing = discover(&[root.join("nope")]);
        assert!(missing.found.is_empty());
        assert_eq!(missing.problems.len(), 1);
    }

    #[test]
    fn display_paths_are_stable() {
        assert_eq!(
            display(Path::new("./subs/"), Path::new("./subs/x")),
            "subs/x"
        );
        assert_eq!(
            display(Path::new("subs"), Path::new("subs/x/y")),
            "subs/x/y"
        );
        assert_eq!(display(Path::new("."), Path::new(".")), ".");
        assert_eq!(display(Path::new("/r"), Path::new("/r/x")), "/r/x");
    }
}
