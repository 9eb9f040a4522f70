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
