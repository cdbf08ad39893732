//! The generator's promises: same arguments, same bytes (whatever the thread count), and
//! the coverage a corpus claims.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use sscheck_corpus::{generate, Options};

/// Every file under `root`, relative path -> bytes.
fn tree(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_path_buf();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

fn opts(centers: usize, seed: u64) -> Options {
    Options {
        centers,
        seed,
        defect_rate: 0.6,
        copy_rate: 0.1,
        outlier_rate: 0.1,
        ..Options::default()
    }
}

#[test]
fn same_arguments_give_the_same_bytes_whatever_the_thread_count() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("c"),
    );
    let o = opts(150, 9);
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    one.install(|| generate(&o, &a)).unwrap();
    let four = rayon::ThreadPoolBuilder::new()
        .num_threads(4)
        .build()
        .unwrap();
    four.install(|| generate(&o, &b)).unwrap();
    let (ta, tb) = (tree(&a), tree(&b));
    assert_eq!(ta.len(), tb.len());
    assert!(ta.len() > 150 * 10, "{} files", ta.len());
    for (path, bytes) in &ta {
        assert!(tb.get(path) == Some(bytes), "{} differs", path.display());
    }
    // Another seed gives another corpus.
    generate(&opts(150, 10), &c).unwrap();
    assert_ne!(
        std::fs::read(a.join("manifest.json")).unwrap(),
        std::fs::read(c.join("manifest.json")).unwrap()
    );
}

#[test]
fn a_mid_size_corpus_covers_provinces_levels_models_and_defect_kinds() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("corpus");
    let m = generate(&opts(400, 3), &root).unwrap();
    let provinces: BTreeSet<&str> = m.centers.iter().map(|c| c.province.as_str()).collect();
    assert_eq!(provinces.len(), 31, "{provinces:?}");
    let levels: BTreeSet<&str> = m.centers.iter().map(|c| c.level.as_str()).collect();
    assert_eq!(
        levels,
        BTreeSet::from(["national", "provincial", "municipal", "county"])
    );
    let pairs: BTreeSet<(&str, &str)> = m
        .centers
        .iter()
        .map(|c| (c.level.as_str(), c.operation_model.as_str()))
        .collect();
    assert_eq!(pairs.len(), 12, "every level × operation model: {pairs:?}");
    let regions: BTreeSet<&str> = m.centers.iter().map(|c| c.region.as_str()).collect();
    assert_eq!(regions.len(), 4);
    // Every defect kind of the catalogue is drawn at this size and rate.
    let kinds: BTreeSet<&str> = m
        .centers
        .iter()
        .flat_map(|c| c.defects.iter().map(|d| d.kind.as_str()))
        .collect();
    for k in sscheck_corpus::catalog::DEFECT_KINDS {
        assert!(kinds.contains(k.name), "no {} in {kinds:?}", k.name);
    }
    assert!(!m.duplicate_pairs.is_empty() && !m.cohort_outliers.is_empty());
    // Every submission has center.yaml, five years of metrics and its indexed documents.
    for c in &m.centers {
        let dir = root.join(&c.id);
        assert!(dir.join("center.yaml").is_file(), "{}", c.id);
        for y in 2020..=2024 {
            assert!(
                dir.join(format!("metrics/{y}.yaml")).is_file(),
                "{} {y}",
                c.id
            );
        }
        let absent = c
            .defects
            .iter()
            .filter(|d| d.kind == "missing_document")
            .count();
        let docs = std::fs::read_dir(dir.join("docs")).unwrap().count();
        assert_eq!(docs + absent, 5, "{}", c.id);
    }
    // The manifest on disk is the one returned.
    let on_disk: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(on_disk["centers"].as_array().unwrap().len(), 400);
    assert_eq!(on_disk["totals"]["centers"], 400);
}

#[test]
fn a_clean_corpus_has_no_defects_and_force_replaces_it() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("clean");
    let clean = Options {
        centers: 40,
        seed: 1,
        defect_rate: 0.0,
        copy_rate: 0.0,
        outlier_rate: 0.0,
        ..Options::default()
    };
    let m = generate(&clean, &root).unwrap();
    assert!(m.centers.iter().all(|c| c.defects.is_empty()));
    // An existing corpus is only replaced with force.
    assert!(generate(&clean, &root).is_err());
    generate(
        &Options {
            force: true,
            ..clean.clone()
        },
        &root,
    )
    .unwrap();
    // A folder that is not a corpus is never removed.
    let other = tmp.path().join("other");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("keep.txt"), "x").unwrap();
    assert!(generate(
        &Options {
            force: true,
            ..clean
        },
        &other
    )
    .is_err());
    assert!(other.join("keep.txt").is_file());
}
