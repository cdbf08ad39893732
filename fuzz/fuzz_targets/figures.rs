//! Fuzz target: see `../harness/figures.rs`.
#![no_main]

#[path = "../harness/figures.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::run(data));
