//! Every component schema of both upstream OpenAI specs generates, and the
//! crate passes clippy with warnings denied, `cargo doc` with rustdoc's
//! warnings denied, and `cargo test --doc` (spec prose is never a doctest);
//! so do the fixture crates.
//!
//! Slow (minutes on 2 cores), so it runs only when `REALTIME_WHOLE_SPEC=1`,
//! which `.ci/run` sets; otherwise it says it was skipped.

mod common;

use std::fs;
use std::process::Command;

fn generate_and_lint(file: &str, crate_name: &str) {
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join(crate_name);
    let spec = common::shared(&format!("upstream/{file}"));
    let mut job = common::job_for(&spec, &out);
    job.crate_name = crate_name.into();
    let generated = xtask::generate(&job).unwrap_or_else(|e| panic!("{file}: {e}"));
    xtask::output::write(&generated.files, &out).unwrap();
    fs::copy(common::root().join("Cargo.lock"), out.join("Cargo.lock")).unwrap();
    let output = Command::new(env!("CARGO"))
        .args(["clippy", "--quiet", "--", "-D", "warnings"])
        .current_dir(&out)
        .env("CARGO_TARGET_DIR", common::root().join("target/whole-spec"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{file}: the generated crate fails clippy:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    document_and_run_doctests(&out, "whole-spec");
}

/// `cargo doc` with rustdoc's warnings denied, then `cargo test --doc`,
/// which must find no doctest: spec prose is never Rust.
fn document_and_run_doctests(dir: &std::path::Path, target: &str) {
    let cargo = |args: &[&str]| {
        let output = Command::new(env!("CARGO"))
            .args(args)
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", common::root().join("target").join(target))
            .env("RUSTDOCFLAGS", "-D warnings")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{} in {}:\n{text}", args.join(" "), dir.display());
        text
    };
    cargo(&["doc", "--workspace", "--no-deps", "--quiet"]);
    let doctests = cargo(&["test", "--workspace", "--doc"]);
    let ran: Vec<&str> =
        doctests.lines().filter(|line| line.starts_with("running ") && line != &"running 0 tests").collect();
    assert!(ran.is_empty(), "spec prose became doctests in {}: {ran:?}\n{doctests}", dir.display());
}

/// The fixture specs' crates (not the large stress crates, whose full
/// build takes minutes), in one workspace.
#[test]
fn fixture_crates_document_cleanly_and_have_no_doctests() {
    if !common::slow_tier("`cargo doc` and doctests of the fixture crates") {
        return;
    }
    let work = tempfile::tempdir().unwrap();
    common::fixture_workspace(work.path(), &common::fixture_specs());
    document_and_run_doctests(work.path(), "fixture-doc");
}

#[test]
fn whole_spec_2025_07_04_generates_and_passes_clippy() {
    if common::slow_tier("the whole 2025-07-04 upstream spec through clippy, `cargo doc` and doctests") {
        generate_and_lint("openai-openapi-2025-07-04.yaml", "openai-2025-07-04");
    }
}

#[test]
fn whole_spec_2026_08_21_generates_and_passes_clippy() {
    if common::slow_tier("the whole 2026-08-21 upstream spec through clippy, `cargo doc` and doctests") {
        generate_and_lint("openai-openapi-2026-08-21.yaml", "openai-2026-08-21");
    }
}
