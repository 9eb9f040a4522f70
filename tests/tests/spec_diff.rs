//! The change report (`cargo xtask spec diff`, and the report that `spec
//! update` and `codegen --check` print): one fixture pair per kind of change
//! (`tests/fixtures/diff/cases.yaml`), the verdicts held against
//! cargo-semver-checks, and the real 2025-07-04 → 2026-08-21 report.

mod common;

use common::xtask;

use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::{Value, json};

/// One entry of `tests/fixtures/diff/cases.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub name: String,
    pub old: Value,
    #[serde(default)]
    pub new: Option<Value>,
    #[serde(default)]
    pub new_overlay: Option<Value>,
    pub expect: Vec<String>,
    #[serde(default)]
    pub descriptions: usize,
    pub semver: String,
}

fn cases() -> Vec<Case> {
    let path = common::root().join("tests/fixtures/diff/cases.yaml");
    serde_norway::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

fn document(schemas: &Value) -> Value {
    json!({"openapi": "3.1.0", "info": {"title": "pets", "version": "1"}, "paths": {}, "components": {"schemas": schemas}})
}

/// The case's files in `dir`: the old and new specs, and the overlay if any.
fn write_case(case: &Case, dir: &Path) -> (PathBuf, PathBuf, Option<PathBuf>) {
    let (old, new) = (dir.join("old.json"), dir.join("new.json"));
    fs::write(&old, document(&case.old).to_string()).unwrap();
    fs::write(&new, document(case.new.as_ref().unwrap_or(&case.old)).to_string()).unwrap();
    let overlay = case.new_overlay.as_ref().map(|actions| {
        let path = dir.join("overlay.json");
        let overlay = json!({"overlay": "1.0.0", "info": {"title": "t", "version": "1"}, "actions": actions});
        fs::write(&path, overlay.to_string()).unwrap();
        path
    });
    (old, new, overlay)
}

/// The JSON report of a case.
fn report(case: &Case) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let (old, new, overlay) = write_case(case, dir.path());
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
    let mut args = vec!["spec", "diff", old, new, "--all", "--format", "json"];
    let overlay = overlay.map(|p| p.to_string_lossy().into_owned());
    if let Some(overlay) = &overlay {
        args.extend(["--new-overlay", overlay]);
    }
    let run = xtask(&args);
    assert_eq!(run.code, 0, "{}: {}", case.name, run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

#[test]
fn every_case_reports_exactly_its_changes_and_verdict() {
    let mut wrong = Vec::new();
    for case in cases() {
        let report = report(&case);
        let changes: Vec<String> = report["changes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                format!(
                    "{} {} {}",
                    c["class"].as_str().unwrap(),
                    c["kind"].as_str().unwrap(),
                    c["type"].as_str().unwrap()
                )
            })
            .collect();
        let descriptions = report["descriptions"].as_array().unwrap().len();
        if changes != case.expect || report["semver"] != case.semver || descriptions != case.descriptions {
            wrong.push(format!(
                "{}: got {changes:?}, semver {}, {descriptions} descriptions\n  want {:?}, semver {}, {} descriptions",
                case.name, report["semver"], case.expect, case.semver, case.descriptions
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Every `ChangeKind` of `xtask/src/diff/mod.rs` is shown by some case.
#[test]
fn every_kind_of_change_has_a_case() {
    let source = fs::read_to_string(common::root().join("xtask/src/diff/mod.rs")).unwrap();
    let file = syn::parse_file(&source).unwrap();
    let kinds = file
        .items
        .iter()
        .find_map(|item| match item {
            syn::Item::Enum(e) if e.ident == "ChangeKind" => Some(e),
            _ => None,
        })
        .expect("ChangeKind is declared in diff/mod.rs");
    let expected: Vec<String> = cases().iter().flat_map(|c| c.expect.clone()).collect();
    let missing: Vec<String> = kinds
        .variants
        .iter()
        .map(|v| snake_case(&v.ident.to_string()))
        .filter(|kind| !expected.iter().any(|e| e.split(' ').nth(1) == Some(kind)))
        .collect();
    assert!(missing.is_empty(), "no case in cases.yaml shows: {missing:?}");
}

fn snake_case(camel: &str) -> String {
    let mut out = String::new();
    for (i, c) in camel.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

#[test]
fn the_human_report_groups_by_type_and_ends_with_the_verdict() {
    let case = cases().into_iter().find(|c| c.name == "type_renamed").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (old, new, _) = write_case(&case, dir.path());
    let run = xtask(&["spec", "diff", old.to_str().unwrap(), new.to_str().unwrap(), "--all"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "Animal\n  additive   type added (struct)  at #/components/schemas/Animal\n\
         Pet\n  breaking   type removed (struct)  at #/components/schemas/Pet\n\
         2 changes: 1 breaking, 1 additive, 0 behaviour\n\
         semver: major\n"
    );
    let case = cases().into_iter().find(|c| c.name == "description_changed").unwrap();
    let (old, new, _) = write_case(&case, dir.path());
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
    let run = xtask(&["spec", "diff", old, new, "--all"]);
    assert_eq!(
        run.stdout,
        "no changes to the API or its validation; 2 descriptions changed (--verbose lists them)\nsemver: patch\n"
    );
    let run = xtask(&["spec", "diff", old, new, "--all", "--verbose"]);
    assert!(run.stdout.contains("Descriptions changed\n  Pet  at #/components/schemas/Pet\n"), "{}", run.stdout);
    assert!(run.stdout.ends_with("; 2 descriptions changed\nsemver: patch\n"), "{}", run.stdout);
}

/// The report between the two upstream files' `RealtimeSession`, each as
/// published (no overlay): checked by hand against both files once (see
/// `docs/spec-changes.md`), and held here so that a generator change that alters it is
/// reviewed.
#[test]
fn the_realtime_session_report_from_2025_to_2026() {
    let (old, new) = (common::shared("upstream/openai-openapi-2025-07-04.yaml"), common::shared(common::NEWEST_SPEC));
    let run = xtask(&[
        "spec",
        "diff",
        old.to_str().unwrap(),
        new.to_str().unwrap(),
        "--root",
        "RealtimeSession",
        "--verbose",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("realtime_session_2025_07_04_to_2026_08_21", run.stdout);
    for property in ["object", "expires_at", "prompt", "include"] {
        assert!(run.stdout.contains(&format!("property `{property}` added")), "{property}");
    }
    assert!(run.stdout.ends_with("semver: major\n"));
    // The excerpt in docs/spec-changes.md is lines of this report.
    let doc = fs::read_to_string(common::root().join("docs/spec-changes.md")).unwrap();
    let section = &doc[doc.find("## Reading the change report").expect("docs/spec-changes.md explains the report")..];
    let excerpt = &section[section.find("```text\n").unwrap() + 8..section.find("\n```\n").unwrap()];
    let report: Vec<&str> = run.stdout.lines().collect();
    let missing: Vec<&str> = excerpt.lines().filter(|line| !report.contains(line)).collect();
    assert!(missing.is_empty(), "docs/spec-changes.md excerpt lines not in the report: {missing:#?}");
}

/// Every crate of `spec/codegen.toml` keeps the model it was generated
/// from, and reads it back exactly: `codegen --check` compares against it.
#[test]
fn each_committed_model_reads_back_as_the_model_it_was_generated_from() {
    for job in common::jobs() {
        let generated = xtask::generate(&job).unwrap();
        let text = fs::read_to_string(job.out.join(xtask::emit::model::PATH)).unwrap();
        let committed = xtask::emit::model::parse(&text).unwrap();
        assert!(committed == generated.space, "{}: model.json does not read back", job.crate_name);
        let report = xtask::diff::compare(&committed, &generated.space);
        assert!(report.is_empty(), "{}: {}", job.crate_name, report.render(xtask::diff::Format::Human, true));
    }
}

#[test]
fn bad_input_exits_2_with_where() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.json");
    fs::write(&good, document(&json!({"A": {"type": "string"}})).to_string()).unwrap();
    let broken = dir.path().join("broken.json");
    fs::write(&broken, "{\"openapi\": \"3.1.0\",\n  \"components\": {\"schemas\": {\"A\": {\"type\": \"strnig\"}}}}")
        .unwrap();
    let missing = dir.path().join("missing.json");
    let (good, broken, missing) = (good.to_str().unwrap(), broken.to_str().unwrap(), missing.to_str().unwrap());
    let run = xtask(&["spec", "diff", good, broken, "--all"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.starts_with("error[E0502]: ") && run.stderr.contains("broken.json at #/components/schemas/A/type"),
        "{}",
        run.stderr
    );
    let run = xtask(&["spec", "diff", missing, good, "--all"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.starts_with("error[E0001]: ") && run.stderr.contains("missing.json"), "{}", run.stderr);
    let run = xtask(&["spec", "diff", good, good]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.starts_with("error[E0108]: "), "{}", run.stderr);
    assert!(run.stdout.is_empty());
}

/// What cargo-semver-checks found on the crates of each pair, recorded by
/// [`cargo_semver_checks_still_finds_what_is_recorded`]: wherever it finds a
/// breaking change, the report must say major. (The report may say more:
/// it also sees validation and parsing changes, which cargo-semver-checks
/// cannot.)
#[test]
fn verdicts_agree_with_cargo_semver_checks() {
    let recorded = recorded_semver_checks();
    let mut wrong = Vec::new();
    for case in cases() {
        let Some((verdict, lints)) = recorded.iter().find(|(name, ..)| *name == case.name).map(|(_, v, l)| (v, l))
        else {
            wrong.push(format!("{}: no row in semver-checks.tsv", case.name));
            continue;
        };
        if verdict == "major" && case.semver != "major" {
            wrong.push(format!("{}: cargo-semver-checks finds {lints}, the report says {}", case.name, case.semver));
        }
    }
    assert_eq!(recorded.len(), cases().len(), "one row per case");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// `name`, cargo-semver-checks' verdict (`major` or `none`) and the lints
/// it fired, per case.
fn recorded_semver_checks() -> Vec<(String, String, String)> {
    let text = fs::read_to_string(common::root().join("tests/fixtures/diff/semver-checks.tsv")).unwrap();
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .map(|line| {
            let mut fields = line.split('\t').map(str::to_owned);
            let mut next = || fields.next().unwrap_or_default();
            (next(), next(), next())
        })
        .collect()
}

/// Generates each pair's two crates and runs cargo-semver-checks on them;
/// the result must be what `semver-checks.tsv` records. Needs
/// `cargo install cargo-semver-checks` (minutes to build) and is slow, so it
/// runs with `REALTIME_SEMVER_CHECKS=1`; `REALTIME_SEMVER_CHECKS=write`
/// rewrites the file instead.
#[test]
fn cargo_semver_checks_still_finds_what_is_recorded() {
    let Ok(mode) = std::env::var("REALTIME_SEMVER_CHECKS") else {
        eprintln!("skipped: set REALTIME_SEMVER_CHECKS=1 (needs cargo-semver-checks)");
        return;
    };
    let work = common::root().join("target/semver-checks");
    let mut rows = vec![
        "# case\tcargo-semver-checks\tlints (written by REALTIME_SEMVER_CHECKS=write cargo test --test spec_diff)"
            .to_owned(),
    ];
    for case in cases() {
        let dir = work.join(&case.name);
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let (old, new, overlay) = write_case(&case, &dir);
        for (side, spec) in [("old", &old), ("new", &new)] {
            let (out, spec) = (dir.join(side), spec.to_str().unwrap());
            let overlay = overlay.as_ref().filter(|_| side == "new").map(|p| p.to_string_lossy().into_owned());
            let mut args =
                vec!["codegen", "--spec", spec, "--all", "--out", out.to_str().unwrap(), "--crate-name", "fixture"];
            if let Some(overlay) = &overlay {
                args.extend(["--overlay", overlay]);
            }
            let run = xtask(&args);
            assert_eq!(run.code, 0, "{}: {}", case.name, run.stderr);
            // Each crate stands alone, outside this workspace.
            let manifest = out.join("Cargo.toml");
            let text = fs::read_to_string(&manifest).unwrap();
            fs::write(&manifest, format!("{text}\n[workspace]\n")).unwrap();
        }
        // Offline (its dependencies are the generated crates' own, already
        // fetched), one target directory for every case, run one at a time.
        let output = std::process::Command::new("cargo")
            .env("CARGO_NET_OFFLINE", "true")
            .env("CARGO_TARGET_DIR", work.join("target"))
            .args(["semver-checks", "check-release", "--color", "never", "--manifest-path"])
            .arg(dir.join("new/Cargo.toml"))
            .arg("--baseline-root")
            .arg(dir.join("old"))
            .output()
            .expect("cargo semver-checks runs");
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr);
        let lints: Vec<&str> = stdout
            .lines()
            .filter_map(|line| line.trim().strip_prefix("--- failure "))
            .filter_map(|rest| rest.split(':').next())
            .collect();
        let verdict = if lints.is_empty() { "none" } else { "major" };
        assert!(output.status.success() || !lints.is_empty(), "{}: {stdout}", case.name);
        rows.push(format!("{}\t{verdict}\t{}", case.name, lints.join(" ")));
    }
    let path = common::root().join("tests/fixtures/diff/semver-checks.tsv");
    let text = rows.join("\n") + "\n";
    if mode == "write" {
        fs::write(path, text).unwrap();
    } else {
        assert_eq!(fs::read_to_string(path).unwrap(), text);
    }
}
