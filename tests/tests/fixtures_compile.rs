//! Every fixture spec generates a crate that builds with clippy and
//! `-D warnings`, as a standalone package outside this workspace: the
//! fixtures of `tests/fixtures/specs/` always, the large generated specs in
//! the slow tier (`REALTIME_WHOLE_SPEC=1`).

mod common;

use std::process::Command;

#[test]
fn every_fixture_crate_passes_clippy_with_warnings_denied() {
    let work = tempfile::tempdir().unwrap();
    let mut fixtures = common::fixture_specs();
    // The large generated specs (a 5,000-value enum, a 3,000-schema chain)
    // compile too; that takes minutes.
    let large = tempfile::tempdir().unwrap();
    if common::slow_tier("the large generated specs through clippy") {
        fixtures.extend(common::write_large_specs(large.path()));
    }
    assert!(common::fixture_workspace(work.path(), &fixtures) >= 10, "the fixtures are there");
    let output = Command::new(env!("CARGO"))
        .args(["clippy", "--workspace", "--all-targets", "--quiet", "--", "-D", "warnings"])
        .current_dir(work.path())
        .env("CARGO_TARGET_DIR", common::root().join("target/fixture-check"))
        .output()
        .unwrap();
    assert!(output.status.success(), "fixture crates fail clippy:\n{}", String::from_utf8_lossy(&output.stderr));
}
