//! Fuzz target: see `../harness/expr.rs`.
#![no_main]

#[path = "../harness/expr.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::run(data));
