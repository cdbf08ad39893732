//! Replays fuzz inputs through the fuzz targets' own harnesses (`fuzz/harness/*.rs`,
//! shared with the cargo-fuzz targets), so a normal `cargo test` re-checks every
//! invariant the fuzzers check on: the committed seed corpora (`fuzz/seeds/<target>/`)
//! and every input that once crashed or hung a target (`tests/fuzz_regressions/<target>/`,
//! one file per finding, named after what it found).

mod common;

#[path = "../fuzz/harness/document_reader.rs"]
mod document_reader;
#[path = "../fuzz/harness/expr.rs"]
mod expr;
#[path = "../fuzz/harness/figures.rs"]
mod figures;
#[path = "../fuzz/harness/metrics_loader.rs"]
mod metrics_loader;
#[path = "../fuzz/harness/standard_loader.rs"]
mod standard_loader;

use std::path::Path;

fn inputs(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    v.sort();
    v
}

fn replay(target: &str, run: fn(&[u8])) {
    let root = common::repo();
    let mut count = 0;
    let mut failed = Vec::new();
    for dir in [
        root.join("fuzz/seeds").join(target),
        root.join("tests/fuzz_regressions").join(target),
    ] {
        for file in inputs(&dir) {
            let data = std::fs::read(&file).unwrap();
            count += 1;
            if std::panic::catch_unwind(|| run(&data)).is_err() {
                failed.push(file.display().to_string());
            }
        }
    }
    assert!(count > 0, "no inputs for {target}");
    assert!(failed.is_empty(), "{target} fails on: {failed:#?}");
}

#[test]
fn standard_loader_inputs() {
    replay("standard_loader", standard_loader::run);
}

#[test]
fn metrics_loader_inputs() {
    replay("metrics_loader", metrics_loader::run);
}

#[test]
fn document_reader_inputs() {
    replay("document_reader", document_reader::run);
}

#[test]
fn expr_inputs() {
    replay("expr", expr::run);
}

#[test]
fn figures_inputs() {
    replay("figures", figures::run);
}
