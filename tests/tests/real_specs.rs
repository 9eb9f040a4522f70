//! The generator on specs that nobody here wrote: every spec of
//! `../shared/real-specs/` generates with `--all`, or fails with the error
//! listed below (what is not supported yet, and why); each crate that
//! generates passes clippy with warnings denied, `cargo doc` with
//! rustdoc's warnings denied, and `cargo test --doc`.
//!
//! Slow (minutes: Box's crate alone has 767 types), so it runs only with
//! `REALTIME_WHOLE_SPEC=1`, which `.ci/run` sets. Generation itself is
//! checked always: [`every_real_spec_generates_or_fails_as_listed`].

mod common;

use std::fs;
use std::path::PathBuf;
use std::process::Command;

/// Specs that do not generate yet, with the code of their error (`E0503`).
const NOT_YET: &[(&str, &str)] = &[];

/// Every spec file of `../shared/real-specs/`, relative to it, sorted.
fn real_specs() -> Vec<String> {
    let root = common::shared("real-specs");
    let mut specs = Vec::new();
    let mut pending = vec![root.clone()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let relative = path.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
            if path.is_dir() {
                // DigitalOcean's many files are one spec, read from its root.
                if !relative.starts_with("digitalocean/") {
                    pending.push(path);
                }
            } else if is_spec(&relative) {
                specs.push(relative);
            }
        }
    }
    specs.push("digitalocean/specification/DigitalOcean-public.v2.yaml".into());
    specs.sort();
    specs
}

fn is_spec(relative: &str) -> bool {
    let name = relative.rsplit('/').next().unwrap_or("");
    (name.ends_with(".yaml") || name.ends_with(".yml") || name.ends_with(".json")) && !name.starts_with('.')
}

fn crate_name(relative: &str) -> String {
    let stem: String =
        relative.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    format!("real-{}", stem.trim_matches('-'))
}

/// Generates every real spec into `work`; returns the crate directories of
/// those that generate, and the errors of those that do not.
fn generate_all(work: &std::path::Path) -> (Vec<PathBuf>, Vec<(String, String, &'static str)>) {
    let (mut generated, mut failed) = (Vec::new(), Vec::new());
    for relative in real_specs() {
        let out = work.join(crate_name(&relative));
        let mut job = common::job_for(&common::shared(&format!("real-specs/{relative}")), &out);
        job.crate_name = crate_name(&relative);
        match xtask::generate(&job) {
            Ok(crate_) => {
                xtask::output::write(&crate_.files, &out).unwrap();
                generated.push(out);
            }
            Err(error) => failed.push((relative, error.to_string(), error.code.id())),
        }
    }
    (generated, failed)
}

#[test]
fn every_real_spec_generates_or_fails_as_listed() {
    let work = tempfile::tempdir().unwrap();
    let (generated, failed) = generate_all(work.path());
    let mut wrong = Vec::new();
    for (relative, error, code) in &failed {
        match NOT_YET.iter().find(|(name, _)| name == relative) {
            Some((_, expected)) if code == expected => {}
            _ => wrong.push(format!("{relative}: {error}")),
        }
    }
    for (name, _) in NOT_YET {
        if !failed.iter().any(|(relative, _, _)| relative == name) {
            wrong.push(format!("{name} generates now: take it off NOT_YET"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(generated.len() >= 50, "{} real specs generate", generated.len());
}

#[test]
fn every_generated_real_spec_crate_passes_clippy_documents_and_runs_no_doctest() {
    if !common::slow_tier("clippy, `cargo doc` and doctests of every real spec's crate") {
        return;
    }
    let work = tempfile::tempdir().unwrap();
    let (generated, _) = generate_all(work.path());
    common::write_workspace(work.path(), &generated);
    for args in [
        &["clippy", "--workspace", "--quiet", "--", "-D", "warnings"][..],
        &["doc", "--workspace", "--no-deps", "--quiet"],
        // Spec prose is never a doctest (`emit/prose.rs`), so this runs none;
        // it fails if a description's code block were read as Rust.
        &["test", "--workspace", "--doc", "--quiet"],
    ] {
        let output = Command::new(env!("CARGO"))
            .args(args)
            .current_dir(work.path())
            .env("CARGO_TARGET_DIR", common::root().join("target/real-specs"))
            .env("RUSTDOCFLAGS", "-D warnings")
            // The doctest run builds every crate: without debug info and
            // incremental state, in a fraction of the time and disk.
            .env("CARGO_PROFILE_DEV_DEBUG", "0")
            .env("CARGO_INCREMENTAL", "0")
            .output()
            .unwrap();
        assert!(output.status.success(), "cargo {}:\n{}", args[0], String::from_utf8_lossy(&output.stderr));
    }
}
