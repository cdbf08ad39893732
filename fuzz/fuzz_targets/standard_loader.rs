//! Fuzz target: see `../harness/standard_loader.rs`.
#![no_main]

#[path = "../harness/standard_loader.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::run(data));
