//! Fuzz target: see `../harness/metrics_loader.rs`.
#![no_main]

#[path = "../harness/metrics_loader.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::run(data));
