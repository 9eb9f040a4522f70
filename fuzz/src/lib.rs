//! What the fuzz targets run. `tests/tests/fuzz_inputs.rs` includes the same
//! two files by path, so the proptest fallback under `cargo test` checks
//! exactly what the fuzzer checks, without building libFuzzer.

pub mod payloads;
pub mod spec;
