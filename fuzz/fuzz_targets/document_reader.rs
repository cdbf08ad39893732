//! Fuzz target: see `../harness/document_reader.rs`.
#![no_main]

#[path = "../harness/document_reader.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::run(data));
