//! Spec bytes through the generator: whatever the bytes, `xtask::generate`
//! returns `Ok` or `Err`, and never panics.

use std::path::Path;

use xtask::config::{Job, Overrides};
use xtask::diagnostics::Error;

/// The file names the bytes are written under: `load` picks its parser by
/// extension, so both the YAML and the JSON loader see every input.
pub const FILE_NAMES: [&str; 2] = ["spec.yaml", "spec.json"];

/// Writes `bytes` to `dir/file_name` and generates every schema in it, the
/// way `cargo xtask codegen --spec FILE --all` does (minus the writing).
pub fn generate(dir: &Path, file_name: &str, bytes: &[u8]) -> Result<xtask::Generated, Error> {
    let spec = dir.join(file_name);
    std::fs::write(&spec, bytes).expect("the scratch directory is writable");
    let overrides = Overrides {
        spec: Some(spec),
        all: true,
        out: Some(dir.join("out")),
        crate_name: Some("fuzzed".into()),
        ..Overrides::default()
    };
    let job = Job::new(None, overrides).expect("--spec, --all, --out and --crate-name make a job");
    let generated = xtask::generate(&job);
    // The CLI prints every diagnostic: one that panics while formatting is
    // a crash of the CLI too.
    match &generated {
        Ok(generated) => {
            generated.warnings.iter().for_each(|warning| drop(warning.to_string()));
            // `generate` writes nothing; a success must still be a whole crate.
            for file in ["Cargo.toml", "src/lib.rs"] {
                assert!(generated.files.contains_key(file), "no {file} in {:?}", generated.files.keys());
            }
        }
        Err(error) => drop(error.to_string()),
    }
    generated
}

/// Runs `bytes` through both loaders and the rest of the pipeline.
pub fn generate_as_yaml_and_json(dir: &Path, bytes: &[u8]) -> [Result<xtask::Generated, Error>; 2] {
    FILE_NAMES.map(|name| generate(dir, name, bytes))
}
