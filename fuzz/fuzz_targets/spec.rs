//! Arbitrary bytes as a spec file (YAML and JSON) through `xtask::generate`.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use tempfile::TempDir;

/// One scratch directory per fuzzing process, rewritten for every input.
// Never removed: libFuzzer ends the process with `exit`, which runs no
// destructors; the directory holds only the last input.
static SCRATCH: LazyLock<TempDir> = LazyLock::new(|| tempfile::tempdir().expect("create a scratch directory"));

fuzz_target!(|bytes: &[u8]| {
    let _ = realtime_fuzz::spec::generate_as_yaml_and_json(SCRATCH.path(), bytes);
});
