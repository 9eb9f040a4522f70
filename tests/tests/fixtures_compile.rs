//! Every fixture spec generates a crate that builds with clippy and
//! `-D warnings`, as a standalone package outside this workspace.

mod common;

use std::fs;
use std::process::Command;

#[test]
fn every_fixture_crate_passes_clippy_with_warnings_denied() {
    let work = tempfile::tempdir().unwrap();
    let mut members = Vec::new();
    let mut fixtures: Vec<_> =
        fs::read_dir(common::root().join("tests/fixtures/specs")).unwrap().map(|e| e.unwrap().path()).collect();
    fixtures.sort();
    // The large generated specs compile too.
    let large = tempfile::tempdir().unwrap();
    fixtures.extend(common::write_large_specs(large.path()));
    for spec in &fixtures {
        let name = spec.file_stem().unwrap().to_string_lossy().replace('_', "-");
        let out = work.path().join(&name);
        let mut job = common::job_for(spec, &out);
        job.crate_name = format!("fixture-{name}");
        let generated = xtask::generate(&job).unwrap_or_else(|e| panic!("{}: {e}", spec.display()));
        xtask::output::write(&generated.files, &out).unwrap();
        members.push(format!("{name:?}"));
    }
    assert!(members.len() >= 10, "the fixtures are there");
    // One workspace for all, so the dependencies build once; the lock file
    // pins the same versions the project itself uses.
    fs::write(
        work.path().join("Cargo.toml"),
        format!("[workspace]\nresolver = \"3\"\nmembers = [{}]\n", members.join(", ")),
    )
    .unwrap();
    fs::copy(common::root().join("Cargo.lock"), work.path().join("Cargo.lock")).unwrap();
    let output = Command::new(env!("CARGO"))
        .args(["clippy", "--workspace", "--all-targets", "--quiet", "--", "-D", "warnings"])
        .current_dir(work.path())
        .env("CARGO_TARGET_DIR", common::root().join("target/fixture-check"))
        .output()
        .unwrap();
    assert!(output.status.success(), "fixture crates fail clippy:\n{}", String::from_utf8_lossy(&output.stderr));
}
