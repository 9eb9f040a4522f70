//! The committed `generated/` crate is exactly what the generator makes now.

mod common;

#[test]
fn committed_crate_matches_a_fresh_generation() {
    let job = common::default_job();
    let generated = xtask::generate(&job).expect("the fragment generates");
    if let Some(drift) = xtask::output::check(&generated.files, &job.out).unwrap() {
        panic!("generated/ is out of date; run `cargo xtask codegen`\n{}", drift.diffs.join("\n"));
    }
}

/// The keyword-coverage crate that `validation_keywords.rs` tests.
#[test]
fn committed_validation_keywords_crate_matches_a_fresh_generation() {
    let spec = common::root().join("tests/fixtures/specs/validation_keywords.yaml");
    let out = common::root().join("tests/validation-keywords");
    let mut job = common::job_for(&spec, &out);
    job.crate_name = "validation-keywords".into();
    job.spec_display = "tests/fixtures/specs/validation_keywords.yaml".into();
    let generated = xtask::generate(&job).expect("the keywords spec generates");
    if let Some(drift) = xtask::output::check(&generated.files, &out).unwrap() {
        panic!(
            "tests/validation-keywords is out of date; run `cargo xtask codegen --spec tests/fixtures/specs/validation_keywords.yaml --all --out tests/validation-keywords --crate-name validation-keywords`\n{}",
            drift.diffs.join("\n")
        );
    }
}

/// The newest upstream `RealtimeSession`, which `payloads_2026.rs` tests.
#[test]
fn committed_2026_crate_matches_a_fresh_generation() {
    let job = common::job_2026();
    let generated = xtask::generate(&job).expect("the 2026 RealtimeSession generates");
    if let Some(drift) = xtask::output::check(&generated.files, &job.out).unwrap() {
        panic!(
            "tests/realtime-2026 is out of date; run `cargo xtask codegen --spec ../shared/upstream/openai-openapi-2026-08-21.yaml --root RealtimeSession --out tests/realtime-2026 --crate-name realtime-types-2026`\n{}",
            drift.diffs.join("\n")
        );
    }
}
