//! `cargo xtask spec update` and the report `codegen --check` prints on
//! drift, in a scratch project of one job: a fragment extracted from an
//! "upstream" file, an overlay, and the crate generated from both.

mod common;

use std::fs;
use std::path::Path;

use common::{Run, snapshot_dir as tree, xtask};
use serde_json::{Value, json};

fn upstream(pet: Value) -> String {
    json!({"openapi": "3.1.0", "info": {"title": "Pets", "version": "1"}, "paths": {}, "components": {"schemas": {
        "Pet": pet,
        "Unrelated": {"type": "object", "properties": {"x": {"type": "string"}}}
    }}})
    .to_string()
}

const CONFIG: &str = "# The one job.\n[[job]]\nspec = \"spec/pets.yaml\"\noverlays = [\"spec/pets.overlay.yaml\"]\nall = true\nout = \"generated\"\ncrate_name = \"pets\"\ncrate_version = \"0.2.0\" # bumped by `spec update --bump`\n";

const OVERLAY: &str = "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - target: $.components.schemas.Pet.properties.age\n    update: {minimum: 0}\n";

/// The project: upstream v1 (`name`, `age`), v2 (adds `tag`) and v3 (drops
/// `age`, which the overlay corrects), the fragment cut from v1 with the
/// root `Pet`, and the crate generated from it.
fn project() -> tempfile::TempDir {
    let project = tempfile::tempdir().unwrap();
    let dir = project.path();
    fs::create_dir_all(dir.join("spec")).unwrap();
    let name = json!({"type": "string"});
    let age = json!({"type": "integer"});
    let pet = |properties: Value| json!({"type": "object", "required": ["name"], "properties": properties});
    fs::write(dir.join("v1.json"), upstream(pet(json!({"name": name, "age": age})))).unwrap();
    fs::write(dir.join("v2.json"), upstream(pet(json!({"name": name, "age": age, "tag": {"type": "string"}}))))
        .unwrap();
    fs::write(dir.join("v3.json"), upstream(pet(json!({"name": name})))).unwrap();
    fs::write(dir.join("spec/codegen.toml"), CONFIG).unwrap();
    fs::write(dir.join("spec/pets.overlay.yaml"), OVERLAY).unwrap();
    let (v1, fragment) = (dir.join("v1.json"), dir.join("spec/pets.yaml"));
    let run = xtask(&["spec", "extract", "--from", s(&v1), "--root", "Pet", "--out", s(&fragment), "--source", "v1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = xtask(&["codegen", "--config", s(&dir.join("spec/codegen.toml"))]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    project
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

fn update(dir: &Path, from: &str, extra: &[&str]) -> Run {
    let (from, fragment, config) = (dir.join(from), dir.join("spec/pets.yaml"), dir.join("spec/codegen.toml"));
    let mut args = vec!["spec", "update", "--from", s(&from), "--fragment", s(&fragment), "--config", s(&config)];
    args.extend(extra);
    xtask(&args)
}

#[test]
fn update_re_extracts_regenerates_reports_and_bumps() {
    let project = project();
    let dir = project.path();
    let run = update(dir, "v2.json", &["--source", "v2, openapi.json", "--bump"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "Pet\n  additive   property `tag` added (optional, Option<String>)  at #/components/schemas/Pet/properties/tag\n\
         1 change: 0 breaking, 1 additive, 0 behaviour\nsemver: minor\n"
    );
    assert!(run.stderr.contains("pets: version 0.2.0 → 0.2.1"), "{}", run.stderr);
    let fragment = fs::read_to_string(dir.join("spec/pets.yaml")).unwrap();
    assert!(fragment.contains("# Upstream: v2, openapi.json\n"), "{fragment}");
    assert!(fragment.contains("--root Pet"), "{fragment}");
    assert!(fragment.contains("tag:") && !fragment.contains("Unrelated"), "{fragment}");
    // The config keeps its comments; the crate has the new field and version.
    let config = fs::read_to_string(dir.join("spec/codegen.toml")).unwrap();
    assert_eq!(config, CONFIG.replace("0.2.0", "0.2.1"));
    let manifest = fs::read_to_string(dir.join("generated/Cargo.toml")).unwrap();
    assert!(manifest.contains("version = \"0.2.1\""), "{manifest}");
    assert!(fs::read_to_string(dir.join("generated/src/types.rs")).unwrap().contains("pub tag:"));
    let run = xtask(&["codegen", "--check", "--config", s(&dir.join("spec/codegen.toml"))]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // Without --bump the version stays; a second update of the same file changes nothing.
    let run = update(dir, "v2.json", &["--source", "v2, openapi.json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "no changes to the API or its validation\nsemver: patch\n");
    assert!(fs::read_to_string(dir.join("spec/codegen.toml")).unwrap().contains("0.2.1"));
}

#[test]
fn an_overlay_action_that_no_longer_applies_stops_the_update_and_writes_nothing() {
    let project = project();
    let dir = project.path();
    let before = tree(dir);
    let run = update(dir, "v3.json", &["--bump"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stderr.starts_with("error[E0205]: "), "{}", run.stderr);
    assert!(run.stderr.contains("pets.overlay.yaml at #/actions/0: "), "{}", run.stderr);
    assert!(run.stderr.contains("`$.components.schemas.Pet.properties.age`"), "names the target: {}", run.stderr);
    assert!(run.stdout.is_empty());
    assert_eq!(tree(dir), before);
}

#[test]
fn update_refuses_a_fragment_without_its_header_and_writes_nothing() {
    let project = project();
    let dir = project.path();
    let fragment = dir.join("spec/pets.yaml");
    let text = fs::read_to_string(&fragment).unwrap();
    let body: String = text.lines().filter(|l| !l.starts_with('#')).map(|l| format!("{l}\n")).collect();
    fs::write(&fragment, body).unwrap();
    let before = tree(dir);
    let run = update(dir, "v2.json", &[]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.starts_with("error[E0900]: ") && run.stderr.contains("pets.yaml"), "{}", run.stderr);
    assert_eq!(tree(dir), before);
    let run = update(dir, "missing.json", &[]);
    assert_eq!(run.code, 2);
}

#[test]
fn check_reports_what_the_drift_means_above_the_diff() {
    let project = project();
    let dir = project.path();
    let (v2, fragment) = (dir.join("v2.json"), dir.join("spec/pets.yaml"));
    let run = xtask(&["spec", "extract", "--from", s(&v2), "--root", "Pet", "--out", s(&fragment)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = xtask(&["codegen", "--check", "--config", s(&dir.join("spec/codegen.toml"))]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report_end = run.stdout.find("semver: minor\n").expect("the report");
    let diff_start = run.stdout.find("--- a/").expect("the diff");
    assert!(report_end < diff_start, "{}", run.stdout);
    assert!(run.stdout.starts_with("What the change means for users of "), "{}", run.stdout);
    assert!(run.stdout.contains("additive   property `tag` added"), "{}", run.stdout);
}
