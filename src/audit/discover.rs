//! Find the submissions under the audit roots: every folder holding a `center.yaml`.
//! The walk does not descend into a submission, follows no symbolic link, and counts
//! what it skips (stray files, folders it cannot read).

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::texts::Texts;

/// The submission folders found under the roots, sorted by their reported paths,
/// without duplicates.
///
/// Kept compact, since the list lives through the whole checking phase and its
/// reported paths become the audit's (see [`Found::into_displays`]): the reported paths
/// share one arena, and a folder is not stored but rebuilt from its root and the
/// reported path's part under the root, unless that would not give back the very same
/// path (a name that is not UTF-8, say), then it is kept as is.
#[derive(Debug, Default)]
pub struct Found {
    roots: Vec<PathBuf>,
    /// The path reported for each: the root as given joined with the folder's path
    /// under it, with `/` separators.
    displays: Texts,
    /// How to rebuild each folder.
    dirs: Vec<Dir>,
    /// The folders not rebuilt, by index (ascending).
    kept: Vec<(usize, PathBuf)>,
}

/// How to get a submission folder back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dir {
    /// Root `root` joined with the reported path from byte `tail` on.
    Under { root: u32, tail: u32 },
    /// Found under root `root`, in [`Found::kept`].
    Kept { root: u32 },
}

impl Found {
    /// How many submissions.
    pub fn len(&self) -> usize {
        self.displays.len()
    }

    pub fn is_empty(&self) -> bool {
        self.displays.is_empty()
    }

    /// The path reported for submission `i`.
    pub fn display(&self, i: usize) -> &str {
        self.displays.str(i)
    }

    /// The folder of submission `i` on disk.
    pub fn dir(&self, i: usize) -> PathBuf {
        match self.dirs[i] {
            Dir::Under { root, tail } => under(
                &self.roots[root as usize],
                &self.display(i)[tail as usize..],
            ),
            Dir::Kept { .. } => {
                let at = self.kept.binary_search_by_key(&i, |(k, _)| *k);
                at.map(|at| self.kept[at].1.clone()).unwrap_or_default()
            }
        }
    }

    /// The index of the root submission `i` was found under.
    fn root(&self, i: usize) -> usize {
        match self.dirs[i] {
            Dir::Under { root, .. } | Dir::Kept { root } => root as usize,
        }
    }

    /// Only the submissions whose reported path `keep` accepts, in the same order.
    pub fn retain(self, mut keep: impl FnMut(&str) -> bool) -> Found {
        let picked: Vec<usize> = (0..self.len()).filter(|&i| keep(self.display(i))).collect();
        self.pick(&picked)
    }

    /// The reported paths, in order: the list of folders is dropped.
    pub fn into_displays(self) -> Texts {
        self.displays
    }

    /// Append a submission found under `roots[root]` at `path`; `false` when the list
    /// is full (more than 2 GiB of reported paths).
    fn push(&mut self, root: usize, path: &Path) -> bool {
        let base = &self.roots[root];
        let (shown, tail) = display(base, path);
        let rebuilt = u32::try_from(root)
            .ok()
            .zip(u32::try_from(tail).ok())
            .filter(|_| under(base, &shown[tail..]).as_os_str() == path.as_os_str());
        if self.displays.push(&shown).is_err() {
            return false;
        }
        match rebuilt {
            Some((root, tail)) => self.dirs.push(Dir::Under { root, tail }),
            None => {
                self.kept.push((self.dirs.len(), path.to_path_buf()));
                let root = u32::try_from(root).unwrap_or(u32::MAX);
                self.dirs.push(Dir::Kept { root });
            }
        }
        true
    }

    /// The submissions at `indices`, in that order, in a new list.
    fn pick(&self, indices: &[usize]) -> Found {
        let mut out = Found {
            roots: self.roots.clone(),
            displays: Texts::with_capacity(
                indices.len(),
                indices.iter().map(|&i| self.display(i).len()).sum(),
            ),
            dirs: Vec::with_capacity(indices.len()),
            kept: Vec::new(),
        };
        for &i in indices {
            // The new list is no longer than this one: it cannot be full.
            let _ = out.displays.push(self.display(i));
            let dir = self.dirs[i];
            if matches!(dir, Dir::Kept { .. }) {
                out.kept.push((out.dirs.len(), self.dir(i)));
            }
            out.dirs.push(dir);
        }
        out
    }
}

/// `root` joined with `tail` (a `/`-separated path under it; empty for the root).
fn under(root: &Path, tail: &str) -> PathBuf {
    if tail.is_empty() {
        root.to_path_buf()
    } else {
        root.join(tail)
    }
}

/// What the walk found.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Sorted by reported path, without duplicates.
    pub found: Found,
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
    let mut found = Found {
        roots: roots.to_vec(),
        ..Found::default()
    };
    for (k, root) in roots.iter().enumerate() {
        if !root.is_dir() {
            d.problems.push(format!("{}: not a folder", root.display()));
            continue;
        }
        // Not sorted by the walk, which would hold each folder's entries at once (a few
        // MB for a root holding 30,000 submissions): the list is sorted below, and the
        // problems of each root here, so the run does not hang on the file system's order.
        let first_problem = d.problems.len();
        let mut walk = WalkDir::new(root).follow_links(false).into_iter();
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
                    if !found.push(k, path) {
                        d.skipped += 1;
                        d.problems
                            .push(format!("{}: too many submissions", path.display()));
                    }
                    walk.skip_current_dir();
                } else if is_hidden(entry.file_name()) && entry.depth() > 0 {
                    // .git, .github and the like hold no submission.
                    walk.skip_current_dir();
                }
            } else if entry.depth() > 0
                && entry.file_name() != crate::config::FILE_NAME
                && !is_hidden(entry.file_name())
            {
                // A config file and hidden files (.gitignore) are the audit's setting,
                // not material left outside a submission.
                d.skipped += 1;
            }
        }
        d.problems[first_problem..].sort();
    }
    // Sorted by reported path; of equal ones (a root given twice, names equal once made
    // readable), the one under the first root is kept, then the first by folder name.
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by(|&a, &b| {
        found.display(a).cmp(found.display(b)).then_with(|| {
            (found.root(a), found.dir(a).into_os_string())
                .cmp(&(found.root(b), found.dir(b).into_os_string()))
        })
    });
    order.dedup_by(|a, b| found.display(*a) == found.display(*b));
    d.found = found.pick(&order);
    d
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// `root` as given joined with `path`'s part under it, `/`-separated; `.` prefixes and
/// trailing separators dropped, so `./subs/` and `subs` report the same paths. Also
/// returns where the part under `root` starts in it (its length when there is none).
fn display(root: &Path, path: &Path) -> (String, usize) {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let part = |c: std::path::Component<'_>| match c {
        std::path::Component::CurDir => None,
        other => Some(other.as_os_str().to_string_lossy().into_owned()),
    };
    let head: Vec<String> = root.components().filter_map(part).collect();
    let tail: Vec<String> = rel.components().filter_map(part).collect();
    let tail = tail.join("/");
    let mut shown = head.join("/");
    // An absolute root keeps its leading slash (the root component is "/").
    if shown.starts_with("//") {
        shown.remove(0);
    }
    if !shown.is_empty() && !tail.is_empty() && !shown.ends_with('/') {
        shown.push('/');
    }
    let start = shown.len();
    shown.push_str(&tail);
    if shown.is_empty() {
        return (".".to_string(), 1);
    }
    (shown, start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn displays(f: &Found) -> Vec<&str> {
        (0..f.len()).map(|i| f.display(i)).collect()
    }

    fn submission(root: &Path, sub: &str) {
        std::fs::create_dir_all(root.join(sub)).unwrap();
        std::fs::write(root.join(sub).join(MARKER), "center: {}\n").unwrap();
    }

    #[test]
    fn finds_submissions_and_counts_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for sub in ["b/one", "a/two", "a/two/nested", "three"] {
            submission(root, sub);
        }
        std::fs::write(root.join("manifest.json"), "{}").unwrap();
        // The audit's own setting is not counted as left outside.
        std::fs::write(root.join(crate::config::FILE_NAME), "").unwrap();
        std::fs::write(root.join("a/.gitignore"), "").unwrap();
        std::fs::create_dir_all(root.join("empty")).unwrap();
        std::fs::create_dir_all(root.join(".git/x")).unwrap();
        std::fs::write(root.join(".git/x").join(MARKER), "").unwrap();
        let d = discover(&[root.to_path_buf()]);
        let names: Vec<&str> = displays(&d.found)
            .into_iter()
            .map(|f| f.rsplit_once(['/']).map_or("", |(_, n)| n))
            .collect();
        // Sorted, not descending into a submission, hidden folders left out.
        assert_eq!(names, ["two", "one", "three"]);
        for (i, sub) in ["a/two", "b/one", "three"].iter().enumerate() {
            assert_eq!(d.found.dir(i), root.join(sub));
        }
        assert_eq!(d.skipped, 1, "manifest.json");
        assert!(d.problems.is_empty());
        let missing = discover(&[root.join("nope")]);
        assert!(missing.found.is_empty());
        assert_eq!(missing.problems.len(), 1);
    }

    #[test]
    fn folders_come_back_as_walked_whatever_the_form_of_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path();
        for sub in ["subs/四川/成都", "subs/a-c", "subs/a/b", "other/x"] {
            submission(base, sub);
        }
        let plain = base.join("subs");
        let slashed = PathBuf::from(format!("{}/", plain.display()));
        let dotted = base.join(".").join("other");
        let d = discover(&[plain.clone(), dotted.clone(), slashed]);
        let b = base.display().to_string();
        // `subs/` reports the same paths as `subs`: they are found once, sorted
        // byte-wise (`-` before `/`).
        let want = [
            format!("{b}/other/x"),
            format!("{b}/subs/a-c"),
            format!("{b}/subs/a/b"),
            format!("{b}/subs/四川/成都"),
        ];
        assert_eq!(displays(&d.found), want);
        let dirs: Vec<PathBuf> = (0..d.found.len()).map(|i| d.found.dir(i)).collect();
        assert_eq!(
            dirs,
            [
                dotted.join("x"),
                plain.join("a-c"),
                plain.join("a/b"),
                plain.join("四川/成都"),
            ]
        );
        // `./other` is rebuilt byte for byte, `.` included.
        assert!(dirs[0].to_string_lossy().contains("/./other/x"));
        for d in &dirs {
            assert!(d.join(MARKER).is_file(), "{}", d.display());
        }
    }

    #[test]
    fn a_root_that_is_a_submission_itself() {
        let dir = tempfile::tempdir().unwrap();
        submission(dir.path(), "one");
        let root = dir.path().join("one");
        let d = discover(std::slice::from_ref(&root));
        assert_eq!(displays(&d.found), [root.display().to_string()]);
        assert_eq!(d.found.dir(0), root);
    }

    #[cfg(unix)]
    #[test]
    fn a_name_that_is_not_utf8_keeps_its_folder() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let odd = std::ffi::OsStr::from_bytes(b"gbk-\xb3\xc9\xb6\xbc");
        let path = dir.path().join(odd);
        if std::fs::create_dir(&path).is_err() {
            return; // a file system that refuses such names
        }
        std::fs::write(path.join(MARKER), "").unwrap();
        submission(dir.path(), "plain");
        let d = discover(&[dir.path().to_path_buf()]);
        assert_eq!(d.found.len(), 2);
        assert!(
            d.found.display(0).contains('\u{FFFD}'),
            "{}",
            d.found.display(0)
        );
        assert_eq!(d.found.dir(0), path, "the very folder, not its lossy name");
        assert_eq!(d.found.dir(1), dir.path().join("plain"));
        let kept = d.found.retain(|p| p.contains('\u{FFFD}'));
        assert_eq!(kept.len(), 1);
        assert_eq!(kept.dir(0), path);
    }

    #[test]
    fn many_submissions_and_a_subset_of_them() {
        let dir = tempfile::tempdir().unwrap();
        let n = 300;
        for i in 0..n {
            submission(dir.path(), &format!("p{}/c{i:03}", i % 7));
        }
        let d = discover(&[dir.path().to_path_buf()]);
        assert_eq!(d.found.len(), n);
        let all = displays(&d.found);
        assert!(all.windows(2).all(|w| w[0] < w[1]), "sorted, no duplicate");
        let even = d.found.retain(|p| p.ends_with(['0', '2', '4', '6', '8']));
        assert_eq!(even.len(), n / 2);
        for i in 0..even.len() {
            let dir = even.dir(i);
            assert_eq!(dir.display().to_string(), even.display(i));
            assert!(dir.join(MARKER).is_file());
        }
        let none = even.retain(|_| false);
        assert!(none.is_empty());
        assert!(none.into_displays().is_empty());
    }

    #[test]
    fn display_paths_are_stable() {
        let shown = |root: &str, path: &str| display(Path::new(root), Path::new(path));
        assert_eq!(shown("./subs/", "./subs/x"), ("subs/x".into(), 5));
        assert_eq!(shown("subs", "subs/x/y"), ("subs/x/y".into(), 5));
        assert_eq!(shown(".", "."), (".".into(), 1));
        assert_eq!(shown(".", "./x"), ("x".into(), 0));
        assert_eq!(shown("/r", "/r/x"), ("/r/x".into(), 3));
        assert_eq!(shown("/", "/x"), ("/x".into(), 1));
        assert_eq!(shown("/", "/"), ("/".into(), 1));
        assert_eq!(shown("subs", "subs"), ("subs".into(), 4));
    }
}
