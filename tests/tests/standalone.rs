//! The generated crates as a user builds them: alone, outside this
//! workspace, with no feature that another package here turns on.
//!
//! Cargo unifies a dependency's features across a workspace, and the tests'
//! `jsonschema` turns on `serde_json/float_roundtrip`; a crate that forgot
//! it would pass every test here and still change numbers for its users
//! (the fuzzer found this). So the fuzz regressions are replayed by a small
//! program that depends on nothing but the generated crates, built with
//! their default features off.

mod common;

use std::fs;
use std::process::Command;

#[test]
fn fuzz_regressions_round_trip_in_a_standalone_build() {
    let root = common::root();
    // A fixed directory, so that the generated crates are not rebuilt on
    // every run (a new package root each time makes cargo rebuild them).
    let work = root.join("target/standalone-replay");
    fs::create_dir_all(work.join("src")).unwrap();
    let path = |p: &str| root.join(p).display().to_string();
    fs::write(
        work.join("Cargo.toml"),
        format!(
            r#"[package]
name = "standalone-replay"
version = "0.0.0"
edition = "2024"
publish = false

[workspace]

[dependencies]
realtime-types = {{ path = {generated:?}, default-features = false }}
realtime-types-2025 = {{ path = {types_2025:?}, default-features = false }}
realtime-types-2026 = {{ path = {types_2026:?}, default-features = false }}
serde = "1"
serde_json = "1"
"#,
            generated = path("generated"),
            types_2025 = path("tests/realtime-2025"),
            types_2026 = path("tests/realtime-2026"),
        ),
    )
    .unwrap();
    // The fuzz target's own check, by path, so there is one copy of it.
    fs::write(
        work.join("src/main.rs"),
        format!(
            r#"#[path = {payloads:?}]
mod payloads;

fn main() {{
    for file in std::env::args().skip(1) {{
        let parsed = payloads::parse_each(&std::fs::read(&file).unwrap());
        println!("{{file}}: {{parsed:?}}");
    }}
}}
"#,
            payloads = path("fuzz/src/payloads.rs"),
        ),
    )
    .unwrap();
    fs::copy(root.join("Cargo.lock"), work.join("Cargo.lock")).unwrap();
    let mut inputs: Vec<_> =
        fs::read_dir(root.join("tests/fuzz-regressions/payloads")).unwrap().map(|e| e.unwrap().path()).collect();
    inputs.sort();
    assert!(inputs.len() >= 3, "found {inputs:?}");
    let output = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--"])
        .args(&inputs)
        .current_dir(work)
        .env("CARGO_TARGET_DIR", root.join("target/standalone"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    // Each regression input reached the types it was written for.
    for (file, ty) in
        [("float_in_free_form_json.json", "RealtimeSession"), ("float_in_float_fields.json", "RealtimeSession")]
    {
        let line = stdout.lines().find(|l| l.contains(file)).unwrap_or_else(|| panic!("{file} not run:\n{stdout}"));
        assert!(line.contains(&format!("{ty:?}")), "{file} must parse as {ty}: {line}");
    }
}
