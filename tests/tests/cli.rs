//! The command-line contract: exit codes 0/1/2, `error[CODE]:` with a
//! location, and nothing written on failure. Failures are told apart by
//! their code, never by their prose.

mod common;

use common::{snapshot_dir, xtask};

use std::fs;
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    common::root().join("tests/fixtures/specs").join(name)
}

#[test]
fn check_passes_on_the_committed_crate() {
    let run = xtask(&["codegen", "--check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("up to date"));
}

/// A config of two jobs in a scratch project: `spec/codegen.toml` and the
/// fixture specs it names.
fn two_job_project() -> tempfile::TempDir {
    let project = tempfile::tempdir().unwrap();
    fs::create_dir_all(project.path().join("spec")).unwrap();
    for name in ["struct_required_optional.yaml", "string_enum_open.yaml"] {
        fs::copy(fixture(name), project.path().join("spec").join(name)).unwrap();
    }
    let job = |spec: &str, out: &str| {
        format!("[[job]]\nspec = \"spec/{spec}\"\nall = true\nout = \"{out}\"\ncrate_name = \"{out}\"\n")
    };
    let config = job("struct_required_optional.yaml", "one") + &job("string_enum_open.yaml", "two");
    fs::write(project.path().join("spec/codegen.toml"), config).unwrap();
    project
}

#[test]
fn every_job_of_the_config_is_written_and_checked() {
    let project = two_job_project();
    let config = project.path().join("spec/codegen.toml");
    let config = config.to_str().unwrap();
    let run = xtask(&["codegen", "--config", config]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for out in ["one", "two"] {
        assert!(project.path().join(out).join("src/types.rs").exists(), "{out} written: {}", run.stderr);
    }
    assert_eq!(xtask(&["codegen", "--config", config, "--check"]).code, 0);
    // Drift in the second job alone fails the check and names it.
    let types = project.path().join("two/src/types.rs");
    fs::write(&types, fs::read_to_string(&types).unwrap().replacen("pub enum", "enum", 1)).unwrap();
    let run = xtask(&["codegen", "--config", config, "--check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.contains("+pub enum"), "{}", run.stdout);
    assert!(run.stderr.contains("one is up to date") && run.stderr.contains("two is out of date"), "{}", run.stderr);
    assert!(run.stderr.contains("error[E0804]: 1 generated crate(s) out of date"), "{}", run.stderr);
    // `--job` runs one job.
    assert_eq!(xtask(&["codegen", "--config", config, "--job", "one", "--check"]).code, 0);
    assert_eq!(xtask(&["codegen", "--config", config, "--job", "two"]).code, 0);
    assert_eq!(xtask(&["codegen", "--config", config, "--check"]).code, 0);
    let run = xtask(&["codegen", "--config", config, "--job", "three"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.starts_with("error[E0104]: ") && run.stderr.contains("jobs: one, two"), "{}", run.stderr);
    // An override that changes one job needs to know which.
    let run = xtask(&["codegen", "--config", config, "--out", "elsewhere"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.starts_with("error[E0105]: "), "{}", run.stderr);
}

/// A job that fails leaves every crate as it was, the others too.
#[test]
fn a_failing_job_writes_no_crate() {
    let project = two_job_project();
    let config = project.path().join("spec/codegen.toml");
    let config = config.to_str().unwrap();
    fs::write(project.path().join("spec/string_enum_open.yaml"), "openapi: 3.1.0\ncomponents: {schemas: {A: 1}}\n")
        .unwrap();
    let run = xtask(&["codegen", "--config", config]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.starts_with("error[E0304]: ") && run.stderr.contains("string_enum_open.yaml"), "{}", run.stderr);
    assert!(!project.path().join("one").exists() && !project.path().join("two").exists());
}

#[test]
fn check_reports_drift_with_a_diff_and_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("crate");
    let out_str = out.to_str().unwrap();
    let spec = fixture("struct_required_optional.yaml");
    let spec = spec.to_str().unwrap();
    assert_eq!(xtask(&["codegen", "--spec", spec, "--all", "--out", out_str]).code, 0);
    assert_eq!(xtask(&["codegen", "--spec", spec, "--all", "--out", out_str, "--check"]).code, 0);
    let types = out.join("src/types.rs");
    let edited = fs::read_to_string(&types).unwrap().replacen("pub struct", "struct", 1);
    fs::write(&types, &edited).unwrap();
    let run = xtask(&["codegen", "--spec", spec, "--all", "--out", out_str, "--check"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.contains("-struct") && run.stdout.contains("+pub struct"), "a unified diff: {}", run.stdout);
    assert!(run.stderr.contains("run `cargo xtask codegen`"), "{}", run.stderr);
    assert_eq!(fs::read_to_string(&types).unwrap(), edited, "--check writes nothing");
}

#[test]
fn generates_any_spec_into_any_directory() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("my-crate");
    let run = xtask(&[
        "codegen",
        "--spec",
        fixture("string_enum_open.yaml").to_str().unwrap(),
        "--all",
        "--out",
        out.to_str().unwrap(),
        "--crate-name",
        "my-types",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let manifest = fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"my-types\""));
    assert!(!manifest.contains("workspace"), "the crate stands alone");
}

/// Runs a failing command and checks the contract: exit 2, an
/// `error[CODE]:` line of this code containing `expect` (where, and names
/// from the spec), and the output directory exactly as it was.
fn assert_fails_cleanly(spec_text: Option<&str>, extra: &[&str], code: &str, expect: &[&str]) -> String {
    assert_file_fails_cleanly("spec.yaml", spec_text.map(str::as_bytes), extra, code, expect)
}

/// [`assert_fails_cleanly`] for a spec file of this name and content (none:
/// the file is missing). Returns the `error[CODE]:` line.
fn assert_file_fails_cleanly(
    name: &str,
    spec_bytes: Option<&[u8]>,
    extra: &[&str],
    code: &str,
    expect: &[&str],
) -> String {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join(name);
    if let Some(bytes) = spec_bytes {
        fs::write(&spec, bytes).unwrap();
    }
    let out = dir.path().join("out");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("keep.txt"), "pre-existing").unwrap();
    let before = snapshot_dir(&out);
    let mut args = vec!["codegen", "--spec", spec.to_str().unwrap(), "--out", out.to_str().unwrap()];
    if !extra.contains(&"--root") {
        args.push("--all");
    }
    args.extend_from_slice(extra);
    let run = xtask(&args);
    assert_eq!(run.code, 2, "exit code for {name}: {}", run.stderr);
    let error = run
        .stderr
        .lines()
        .find(|l| l.starts_with("error["))
        .unwrap_or_else(|| panic!("an error[CODE]: line in {}", run.stderr))
        .to_owned();
    assert!(error.starts_with(&format!("error[{code}]: ")), "{name}: `{error}` is {code}");
    for part in expect {
        assert!(error.contains(part), "`{error}` mentions `{part}`");
    }
    assert_eq!(snapshot_dir(&out), before, "nothing written");
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with(".codegen"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary directories left: {leftovers:?}");
    error
}

/// One entry of `tests/fixtures/broken/cases.yaml`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct BrokenCase {
    code: String,
    /// Where the error says it is.
    at: String,
    /// Names from the spec the error repeats.
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    args: Vec<String>,
    /// `none` where the parser reports no location.
    #[serde(default, rename = "where")]
    location: Option<String>,
}

/// Whether an `error[CODE]:` line says where: `FILE:LINE:COLUMN:` or `at #POINTER:`.
fn names_where(error: &str) -> bool {
    let line_column = error
        .split(':')
        .collect::<Vec<_>>()
        .windows(2)
        .any(|pair| pair.iter().all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit())));
    line_column || error.contains(" at #")
}

#[test]
fn every_broken_spec_fails_cleanly_and_says_where() {
    let dir = common::root().join("tests/fixtures/broken");
    let cases: std::collections::BTreeMap<String, BrokenCase> =
        serde_norway::from_str(&fs::read_to_string(dir.join("cases.yaml")).unwrap()).unwrap();
    let mut files: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| name != "cases.yaml")
        .collect();
    files.sort();
    assert_eq!(files, cases.keys().cloned().collect::<Vec<_>>(), "every broken spec has a case, and only those");
    assert!(cases.len() >= 30, "the corpus is there");
    for (name, case) in &cases {
        let bytes = fs::read(dir.join(name)).unwrap();
        let args: Vec<&str> = case.args.iter().map(String::as_str).collect();
        let expect: Vec<&str> = std::iter::once(&case.at).chain(&case.names).map(String::as_str).collect();
        let error = assert_file_fails_cleanly(name, Some(&bytes), &args, &case.code, &expect);
        match case.location.as_deref() {
            Some("none") => assert!(!names_where(&error), "{name}: it names a place now; drop `where: none`"),
            None => assert!(names_where(&error), "{name}: `{error}` says where"),
            Some(other) => panic!("{name}: unknown `where: {other}`"),
        }
    }
}

#[test]
fn names_where_reads_both_kinds_of_location() {
    assert!(names_where("error[E0003]: a.yaml:3:14: invalid YAML"));
    assert!(names_where("error[E0302]: a.yaml at #/components: missing"));
    assert!(!names_where("error[E0003]: a.yaml: invalid YAML: repetition limit exceeded"));
}

#[test]
fn a_missing_spec_file_is_an_error() {
    assert_fails_cleanly(None, &[], "E0001", &["spec.yaml"]);
}

/// Defects real specs have: a `default` outside its enum (upstream
/// `modalities`), `default: null` on a non-nullable object, and 3.0's
/// `nullable` in a 3.1 document.
const SPEC_DEFECTS: &str = "openapi: 3.1.0
components:
  schemas:
    A:
      properties:
        modalities: {type: array, items: {type: string, enum: [text, audio]}, default: [text, video]}
        obj: {type: object, default: null, properties: {x: {type: string}}}
        legacy: {type: string, nullable: true}
";

/// `codegen --all` of [`SPEC_DEFECTS`] (in `defects.yaml`) into `out`, with
/// `extra` arguments; the directory holds both.
fn codegen_defects(extra: &[&str]) -> (tempfile::TempDir, common::Run) {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("defects.yaml");
    fs::write(&spec, SPEC_DEFECTS).unwrap();
    let out = dir.path().join("out");
    let mut args = vec!["codegen", "--spec", spec.to_str().unwrap(), "--all", "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let run = xtask(&args);
    (dir, run)
}

#[test]
fn spec_defects_warn_with_their_pointer_and_generation_goes_on() {
    let (dir, run) = codegen_defects(&[]);
    let out = dir.path().join("out");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let warnings: Vec<&str> = run.stderr.lines().filter(|l| l.starts_with("warning")).collect();
    let expected = [
        ("W0104", "at #/components/schemas/A/properties/modalities/default:"),
        ("W0104", "at #/components/schemas/A/properties/obj/default:"),
        ("W0105", "at #/components/schemas/A/properties/legacy/nullable:"),
    ];
    assert_eq!(warnings.len(), expected.len(), "{warnings:#?}");
    for (code, pointer) in expected {
        let head = format!("warning[{code}]: ");
        assert!(
            warnings.iter().any(|w| w.starts_with(&head) && w.contains(&format!("defects.yaml {pointer}"))),
            "{code} {pointer}: {warnings:#?}"
        );
    }
    assert!(out.join("src/types.rs").exists(), "generation went on");
    // Denied, the first warning is the error, with its code.
    let denied = assert_fails_cleanly(Some(SPEC_DEFECTS), &["--deny-warnings"], "W0105", &["3 in all"]);
    assert!(denied.contains(" at #/components/schemas/A/properties/legacy/nullable"), "{denied}");
}

#[test]
fn deny_warnings_turns_spec_defects_into_errors() {
    let spec = "openapi: 3.1.0\ncomponents:\n  schemas:\n    A:\n      properties:\n        n: {type: integer, default: many}\n";
    assert_fails_cleanly(
        Some(spec),
        &["--deny-warnings"],
        "W0104",
        &["at #/components/schemas/A/properties/n/default"],
    );
}

#[test]
fn refuses_to_overwrite_a_directory_it_did_not_generate() {
    let spec = "openapi: 3.1.0\ncomponents:\n  schemas:\n    A: {type: string}\n";
    assert_fails_cleanly(Some(spec), &[], "E0800", &["out"]);
}

#[test]
fn bad_arguments_exit_2() {
    let run = xtask(&["codegen", "--no-such-flag"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.starts_with("error[E0112]: unexpected argument '--no-such-flag'"), "{}", run.stderr);
    assert_eq!(xtask(&["codegen", "--spec", "x.yaml"]).code, 2, "--spec needs --out");
}

#[test]
fn help_names_every_command() {
    let run = xtask(&["--help"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for command in ["codegen", "spec", "conformance", "bench", "fuzz"] {
        assert!(run.stdout.contains(&format!("\n  {command} ")), "`{command}` in\n{}", run.stdout);
    }
    let run = xtask(&["spec", "--help"]);
    for command in ["extract", "update", "diff"] {
        assert!(run.stdout.contains(&format!("\n  {command} ")), "`spec {command}` in\n{}", run.stdout);
    }
}

#[test]
fn fuzz_help_says_what_runs_where_crashes_land_and_how_to_keep_one() {
    let run = xtask(&["fuzz", "--help"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for expected in [
        "spec      any bytes",
        "payloads  any bytes",
        "cargo fuzz run TARGET -s none",
        "fuzz/artifacts/TARGET/",
        "tests/fuzz-regressions/TARGET/",
        "--seconds <SECONDS>",
        "--dry-run",
    ] {
        assert!(run.stdout.contains(expected), "`{expected}` in\n{}", run.stdout);
    }
}

#[test]
fn fuzz_refuses_an_unknown_target_naming_the_known_ones() {
    let run = xtask(&["fuzz", "--dry-run", "spce"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("invalid value 'spce'"), "{}", run.stderr);
    assert!(run.stderr.contains("[possible values: spec, payloads]"), "{}", run.stderr);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
}

/// `--dry-run` prints each target's command, in the order asked, and runs
/// nothing (whether or not cargo-fuzz is installed).
#[test]
fn fuzz_dry_run_prints_the_commands() {
    let runs = |run: &common::Run| -> Vec<String> {
        run.stdout.lines().filter(|l| l.contains("cargo fuzz run")).map(String::from).collect()
    };
    let run = xtask(&["fuzz", "--dry-run"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines = runs(&run);
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    assert!(
        lines[0].starts_with(
            "(cd fuzz && cargo fuzz run spec -s none corpus/spec ../tests/fixtures/specs ../tests/fuzz-regressions/spec \
             -- -max_total_time=60 -artifact_prefix=artifacts/spec/"
        ),
        "{}",
        lines[0]
    );
    assert!(lines[1].contains("cargo fuzz run payloads -s none corpus/payloads seeds/payloads"), "{}", lines[1]);
    assert!(lines[1].contains("-dict=payloads.dict"), "{}", lines[1]);

    let run = xtask(&["fuzz", "--dry-run", "--seconds", "300", "payloads"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines = runs(&run);
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    assert!(lines[0].contains("run payloads") && lines[0].contains("-max_total_time=300"), "{}", lines[0]);
}

/// Each committed fragment is exactly what the command in its header makes
/// from upstream, so the header says truly how to remake it.
#[test]
fn spec_extract_reproduces_each_committed_fragment_from_its_header() {
    for (fragment, first_schemas) in [
        ("spec/realtime.yaml", &["AudioTranscription", "AudioTranscriptionResponse"][..]),
        ("tests/fixtures/realtime-2025/realtime_session.yaml", &["RealtimeSession", "VoiceIdsShared"][..]),
    ] {
        let committed_path = common::root().join(fragment);
        let text = fs::read_to_string(&committed_path).unwrap();
        let command = text
            .lines()
            .find_map(|l| l.strip_prefix("# Command: cargo xtask "))
            .unwrap_or_else(|| panic!("{fragment} names the command that made it"));
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("fragment.yaml");
        let mut args: Vec<String> = command.split_whitespace().map(str::to_owned).collect();
        let at = args.iter().position(|a| a == "--out").unwrap();
        args[at + 1] = out.to_str().unwrap().to_owned();
        // Paths in the header are relative to the project root.
        let from = args.iter().position(|a| a == "--from").unwrap();
        args[from + 1] = common::root().join(&args[from + 1]).to_str().unwrap().to_owned();
        let run = xtask(&args.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(run.code, 0, "{fragment}: {}", run.stderr);
        let made = xtask::load::load_file(&out).unwrap();
        let committed = xtask::load::load_file(&committed_path).unwrap();
        assert_eq!(made, committed, "{fragment} is exactly what its header's command makes from upstream");
        let names: Vec<_> = made["components"]["schemas"].as_object().unwrap().keys().cloned().collect();
        assert_eq!(&names[..first_schemas.len()], first_schemas, "{fragment}");
    }
}

#[test]
fn the_raw_upstream_fragment_generates_with_warnings_naming_the_defects() {
    let dir = tempfile::tempdir().unwrap();
    let spec = common::root().join("tests/fixtures/realtime-2025/realtime_session.yaml");
    let run = xtask(&[
        "codegen",
        "--spec",
        spec.to_str().unwrap(),
        "--root",
        "RealtimeSession",
        "--out",
        dir.path().join("raw").to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let warnings: Vec<&str> = run.stderr.lines().filter(|l| l.starts_with("warning")).collect();
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert!(warnings.iter().all(|w| w.starts_with("warning[W0104]: ")), "defaults their schemas reject: {warnings:#?}");
    assert!(
        warnings[0].contains("at #/components/schemas/RealtimeSession/properties/modalities/items/default"),
        "{}",
        warnings[0]
    );
    assert!(
        warnings[1].contains("at #/components/schemas/RealtimeSession/properties/input_audio_noise_reduction/default"),
        "{}",
        warnings[1]
    );
    let types = fs::read_to_string(dir.path().join("raw/src/types.rs")).unwrap();
    assert!(
        types.contains(
            "pub modalities: ::core::option::Option<\n        ::std::vec::Vec<RealtimeSessionModalitiesItem>,"
        ),
        "modalities is inferred as an array"
    );
}

/// A bare JSON Schema (no `openapi`) is read in the draft `--draft` names,
/// or its `$schema` says; with neither, it is not taken for one.
#[test]
fn a_bare_json_schema_is_read_in_its_draft() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("person.json");
    let draft4 = r#"{"title": "Person", "type": "object", "properties": {
        "age": {"type": "integer", "maximum": 150, "exclusiveMaximum": true}}}"#;
    fs::write(&spec, draft4).unwrap();
    let out = dir.path().join("out");
    let args = |extra: &[&'static str]| {
        let mut args = vec!["codegen", "--spec", spec.to_str().unwrap(), "--all", "--out", out.to_str().unwrap()];
        args.extend_from_slice(extra);
        args.into_iter().map(str::to_owned).collect::<Vec<_>>()
    };
    let run = |args: Vec<String>| xtask(&args.iter().map(String::as_str).collect::<Vec<_>>());
    let plain = run(args(&[]));
    assert_eq!(plain.code, 2, "{}", plain.stderr);
    assert!(plain.stderr.starts_with("error[E0300]: "), "not taken for a JSON Schema: {}", plain.stderr);
    let read = run(args(&["--draft", "4"]));
    assert_eq!(read.code, 0, "{}", read.stderr);
    let types = fs::read_to_string(out.join("src/types.rs")).unwrap();
    assert!(types.contains("pub struct Person"), "named by its title");
    // Draft 4's boolean `exclusiveMaximum` makes `maximum` exclusive.
    assert!(types.contains("exclusive_maximum(") && types.contains("150"), "{types}");
    let unknown = run(args(&["--draft", "5.5"]));
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("unknown draft `5.5`"), "{}", unknown.stderr);
}

/// `--allow CODE` silences a warning: not printed, and not denied.
#[test]
fn an_allowed_warning_is_neither_printed_nor_denied() {
    let run = |extra: &[&str]| codegen_defects(extra).1;
    let some = run(&["--allow", "W0104"]);
    assert_eq!(some.code, 0, "{}", some.stderr);
    let warnings: Vec<&str> = some.stderr.lines().filter(|l| l.starts_with("warning")).collect();
    assert!(warnings.len() == 1 && warnings[0].starts_with("warning[W0105]: "), "{warnings:#?}");
    // What is still warned is still denied; what is allowed is not.
    let denied = run(&["--allow", "W0104", "--deny-warnings"]);
    assert_eq!(denied.code, 2, "{}", denied.stderr);
    assert!(denied.stderr.starts_with("error[W0105]: "), "{}", denied.stderr);
    let all = run(&["--allow", "W0104", "--allow", "W0105", "--deny-warnings"]);
    assert_eq!(all.code, 0, "{}", all.stderr);
    assert!(!all.stderr.contains("warning"), "{}", all.stderr);
}

/// `allow` in the config, at the top (every job) or in a job, as `--allow`.
#[test]
fn allow_in_the_config_silences_a_warning() {
    let project = tempfile::tempdir().unwrap();
    fs::create_dir_all(project.path().join("spec")).unwrap();
    fs::write(project.path().join("spec/defects.yaml"), SPEC_DEFECTS).unwrap();
    let config = project.path().join("spec/codegen.toml");
    let job = "[[job]]\nspec = \"spec/defects.yaml\"\nall = true\nout = \"out\"\ncrate_name = \"out\"\n";
    fs::write(&config, format!("allow = [\"W0104\"]\n{job}allow = [\"W0105\"]\n")).unwrap();
    let run = xtask(&["codegen", "--config", config.to_str().unwrap(), "--deny-warnings"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    // Without the job's own entry, its warning is back, and denied.
    fs::write(&config, format!("allow = [\"W0104\"]\n{job}")).unwrap();
    let run = xtask(&["codegen", "--config", config.to_str().unwrap(), "--deny-warnings"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.starts_with("error[W0105]: "), "{}", run.stderr);
}

/// An `allow` entry that is no warning's code is refused, naming it, before
/// anything is generated or written.
#[test]
fn an_allow_entry_that_is_no_warning_code_is_refused() {
    for entry in ["W9999", "E0400", "unused"] {
        let error = assert_fails_cleanly(Some(SPEC_DEFECTS), &["--allow", entry], "E0110", &[entry]);
        assert!(error.contains(&format!("--allow `{entry}`")), "{error}");
    }
    let project = two_job_project();
    let config = project.path().join("spec/codegen.toml");
    let text = fs::read_to_string(&config).unwrap();
    fs::write(&config, format!("allow = [\"W0104\", \"W01O4\"]\n{text}")).unwrap();
    let run = xtask(&["codegen", "--config", config.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.starts_with("error[E0110]: ") && run.stderr.contains("codegen.toml"), "{}", run.stderr);
    assert!(run.stderr.contains("`W01O4`"), "names the entry: {}", run.stderr);
    assert!(!project.path().join("one").exists() && !project.path().join("two").exists());
}
