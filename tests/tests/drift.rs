//! Every committed generated crate (each job of `spec/codegen.toml`) is
//! exactly what the generator makes now.

mod common;

use std::fmt::Write;

/// The one check of each checked-in generated crate: no snapshot repeats
/// one. Its warnings (spec defects, by JSON pointer) are a snapshot, so a
/// new one is reviewed.
#[test]
fn every_committed_crate_matches_a_fresh_generation() {
    let jobs = common::jobs();
    assert!(jobs.len() >= 3, "generated/ and the fixture crates: {jobs:?}");
    let (mut stale, mut warnings) = (Vec::new(), String::new());
    for job in jobs {
        let generated = xtask::generate(&job).unwrap_or_else(|e| panic!("{}: {e}", job.crate_name));
        writeln!(warnings, "{}: {} warning(s)", job.crate_name, generated.warnings.len()).unwrap();
        for warning in &generated.warnings {
            writeln!(warnings, "  {warning}").unwrap();
        }
        if let Some(drift) = xtask::output::check(&generated.files, &job.out).unwrap() {
            stale.push(format!("{} is out of date\n{}", job.out.display(), drift.diffs.join("\n")));
        }
    }
    assert!(stale.is_empty(), "run `cargo xtask codegen`:\n{}", stale.join("\n"));
    insta::assert_snapshot!("job_warnings", warnings);
}

/// Every crate of the workspace that the generator wrote has a job, so none
/// is refreshed by hand.
#[test]
fn every_generated_crate_in_the_workspace_has_a_job() {
    let root = common::root();
    let manifest: toml::Table = std::fs::read_to_string(root.join("Cargo.toml")).unwrap().parse().unwrap();
    let members = manifest["workspace"]["members"].as_array().unwrap();
    let generated: Vec<std::path::PathBuf> = members
        .iter()
        .map(|m| root.join(m.as_str().unwrap()))
        .filter(|dir| std::fs::read_to_string(dir.join("Cargo.toml")).unwrap().starts_with("# @generated"))
        .collect();
    let outs: Vec<std::path::PathBuf> = common::jobs().into_iter().map(|j| j.out).collect();
    assert!(!generated.is_empty());
    for dir in generated {
        assert!(outs.contains(&dir), "{} is generated but has no job in spec/codegen.toml", dir.display());
    }
}
