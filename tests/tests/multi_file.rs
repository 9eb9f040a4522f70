//! Specs split over several files (`tests/fixtures/multi_file/`): relative
//! `$ref`s are joined into one document, cycles across files become
//! recursive types, problems name the file they are in, and no reference
//! may read outside the reference root.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{snapshot_dir, xtask};

fn fixture(path: &str) -> PathBuf {
    common::root().join("tests/fixtures/multi_file").join(path)
}

/// Runs `codegen --all` on `spec` into a fresh directory holding one file;
/// returns the exit code, stderr, and whether that directory is unchanged.
fn codegen(spec: &Path, extra: &[&str]) -> (u8, String, bool) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("keep.txt"), "pre-existing").unwrap();
    let before = snapshot_dir(&out);
    let mut args = vec!["codegen", "--spec", spec.to_str().unwrap(), "--all", "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let run = xtask(&args);
    (run.code, run.stderr, snapshot_dir(&out) == before)
}

/// The `error[CODE]:` line of a run that must fail cleanly: exit 2, nothing written.
fn error_of(spec: &Path, extra: &[&str]) -> String {
    let (code, stderr, unchanged) = codegen(spec, extra);
    assert_eq!(code, 2, "{}: {stderr}", spec.display());
    assert!(unchanged, "{}: nothing written", spec.display());
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr.lines().find(|l| l.starts_with("error[")).unwrap_or_else(|| panic!("an error line in {stderr}")).to_owned()
}

#[test]
fn a_spec_split_over_files_generates_as_one() {
    let spec = fixture("pets/openapi.yaml");
    let out = tempfile::tempdir().unwrap();
    let generated = xtask::generate(&common::job_for(&spec, out.path())).unwrap();
    let mut report = String::new();
    for warning in &generated.warnings {
        report.push_str(&format!("{warning}\n"));
    }
    report.push('\n');
    report.push_str(&generated.files["src/types.rs"]);
    insta::assert_snapshot!("multi_file_pets", report);
    // Hoisted schemas are named from their pointer or file; a file
    // referenced from several places is one type.
    let names: Vec<&str> = generated.space.types.values().map(|t| t.name.as_str()).collect();
    for name in ["Shelter", "Pet", "Owner", "Kind", "Tags", "Markings", "Spots", "Stripes", "Error"] {
        assert_eq!(names.iter().filter(|n| **n == name).count(), 1, "one {name} in {names:?}");
    }
    // A problem in another file names that file and the pointer in it.
    let warning = generated.warnings.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n");
    assert!(warning.contains("warning[W0104]: shared/common.yaml at #/Spots/properties/count/default"), "{warning}");
}

#[test]
fn each_broken_reference_fails_cleanly_naming_the_file() {
    let cases = [
        ("missing_file.yaml", "E0010", "parts/uses_missing.yaml at #/properties/b/$ref:"),
        ("inline_cycle.yaml", "E0013", "parts/path_a.yaml at #/get/$ref:"),
        ("alias_cycle.yaml", "E0504", "parts/alias_a.yaml at #:"),
        ("dangling_fragment.yaml", "E0400", "dangling_fragment.yaml at #/components/schemas/A/$ref:"),
        ("bad_syntax.yaml", "E0003", "parts/bad_syntax.yaml:4:4:"),
    ];
    for (spec, code, place) in cases {
        let error = error_of(&fixture("broken").join(spec), &[]);
        let head = format!("error[{code}]: ");
        assert!(error.starts_with(&head) && error.contains(place), "{spec}: `{error}` is {code} at `{place}`");
    }
}

#[test]
fn a_reference_may_not_leave_the_reference_root() {
    let spec = fixture("escape/openapi.yaml");
    let error = error_of(&spec, &[]);
    assert!(error.starts_with("error[E0011]: "), "{error}");
    assert!(error.contains("at #/components/schemas/A/properties/b/$ref"), "{error}");
    // Widened, it reads the file.
    let root = fixture("");
    let out = tempfile::tempdir().unwrap();
    let out = out.path().join("crate");
    let (spec, out) = (spec.to_str().unwrap(), out.to_str().unwrap());
    let run = xtask(&["codegen", "--spec", spec, "--all", "--out", out, "--ref-root", root.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn no_absolute_path_or_link_reads_outside_the_root() {
    let dir = tempfile::tempdir().unwrap();
    let spec_dir = dir.path().join("spec");
    fs::create_dir_all(&spec_dir).unwrap();
    fs::write(dir.path().join("secret.yaml"), "type: string\ndescription: a secret\n").unwrap();
    let spec = |target: &str| {
        format!(
            "openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\ncomponents:\n  schemas:\n    A:\n      description:\n        $ref: '{target}'\n      type: object\n      properties:\n        b: {{$ref: '{target}'}}\n"
        )
    };
    for target in ["/etc/passwd", "../secret.yaml", "sub/../../secret.yaml", "file:///etc/passwd"] {
        let path = spec_dir.join("openapi.yaml");
        fs::write(&path, spec(target)).unwrap();
        let error = error_of(&path, &[]);
        assert!(!error.contains("a secret") && !error.contains("root:"), "{target}: {error}");
        assert!(error.contains(&format!("`{target}`")), "{target}: {error}");
    }
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(dir.path().join("secret.yaml"), spec_dir.join("link.yaml")).unwrap();
        let path = spec_dir.join("openapi.yaml");
        fs::write(&path, spec("link.yaml")).unwrap();
        let error = error_of(&path, &[]);
        assert!(error.starts_with("error[E0011]: "), "a link is followed before the check: {error}");
    }
}
