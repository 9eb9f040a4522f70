//! Bad input never wins: the fuzz targets' properties under plain
//! `cargo test`, a few hundred cases each. Spec bytes through the generator
//! and payload bytes through every generated type get `Ok` or `Err`, never a
//! panic or a stack overflow. `cargo xtask fuzz` runs the same checks (the files
//! included below) under libFuzzer for as long as you like.

#[path = "../../fuzz/src/payloads.rs"]
mod payloads;
#[path = "../../fuzz/src/spec.rs"]
mod spec;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::PathBuf;

use proptest::collection::{btree_map, vec};
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::test_runner::{Config, TestError, TestRng, TestRunner};
use serde_json::{Value, json};
use xtask::diagnostics::ErrorKind;

/// Per property: enough to run through the shapes, few enough for debug builds.
const CASES: u32 = 256;

fn root() -> PathBuf {
    xtask::project_root()
}

fn run<S: Strategy>(strategy: S, test: impl Fn(S::Value)) {
    let config = Config {
        cases: CASES,
        // A failure prints its input; writing proptest-regressions/ into the
        // source tree would leave a file behind.
        failure_persistence: None,
        ..Config::default()
    };
    // The same inputs on every run: the coverage counts asserted below must
    // not depend on luck. `cargo xtask fuzz` is where new inputs come from.
    let rng = TestRng::deterministic_rng(config.rng_algorithm);
    let mut runner = TestRunner::new_with_rng(config, rng);
    // A panic inside `test` is the failure proptest catches and shrinks.
    match runner.run(&strategy, |input| {
        test(input);
        Ok(())
    }) {
        Ok(()) => {}
        Err(TestError::Fail(reason, input)) => panic!("{reason}\n\nminimal failing input:\n{input:?}"),
        Err(TestError::Abort(reason)) => panic!("aborted: {reason}"),
    }
}

/// The files of `dir` (relative to the project root), sorted.
fn files_in(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .unwrap_or_else(|e| panic!("read {dir}: {e}"))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

// ---------------------------------------------------------------------------
// Random JSON, and edits of existing documents
// ---------------------------------------------------------------------------

/// Small JSON values, with the numbers that sit on the edges of `i64`, `u64`
/// and `f64`.
fn any_json(keys: &'static [&'static str], strings: &'static [&'static str]) -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        select(vec![i64::MIN, -1, 0, 1, 4096, i64::MAX]).prop_map(Value::from),
        Just(json!(u64::MAX)),
        select(vec![-0.0, 0.5, 1.2, 4096.0, 9.3e18, -1e308, f64::MAX, f64::MIN_POSITIVE]).prop_map(|f| json!(f)),
        any::<f64>().prop_filter_map("JSON numbers are finite", |f| serde_json::Number::from_f64(f).map(Value::Number)),
        select(strings).prop_map(Value::from),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 24, 4, move |inner| {
        prop_oneof![
            vec(inner.clone(), 0..4).prop_map(Value::Array),
            vec((select(keys), inner), 0..4)
                .prop_map(|entries| Value::Object(entries.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())),
        ]
    })
    .boxed()
}

/// Every node of `value`, as a path of object keys and array indices.
fn node_paths(value: &Value) -> Vec<Vec<Value>> {
    let mut paths = vec![Vec::new()];
    let mut i = 0;
    while i < paths.len() {
        let path = paths[i].clone();
        match navigate(value, &path) {
            Some(Value::Object(object)) => paths.extend(object.keys().map(|k| [&path[..], &[json!(k)]].concat())),
            Some(Value::Array(items)) => paths.extend((0..items.len()).map(|n| [&path[..], &[json!(n)]].concat())),
            _ => {}
        }
        i += 1;
    }
    paths
}

fn navigate<'a>(value: &'a Value, path: &[Value]) -> Option<&'a Value> {
    path.iter().try_fold(value, |node, step| match step {
        Value::String(key) => node.get(key),
        _ => node.get(step.as_u64()? as usize),
    })
}

fn navigate_mut<'a>(value: &'a mut Value, path: &[Value]) -> Option<&'a mut Value> {
    path.iter().try_fold(value, |node, step| match step {
        Value::String(key) => node.get_mut(key),
        _ => node.get_mut(step.as_u64()? as usize),
    })
}

/// One edit of a document: replace a node, or remove it from its parent.
#[derive(Debug, Clone)]
enum Edit {
    Replace(Index, Value),
    Remove(Index),
}

fn apply(document: &mut Value, edit: &Edit) {
    let paths = node_paths(document);
    match edit {
        Edit::Replace(at, value) => {
            if let Some(node) = navigate_mut(document, &paths[at.index(paths.len())]) {
                *node = value.clone();
            }
        }
        Edit::Remove(at) => {
            let Some((last, parent)) = paths[at.index(paths.len())].split_last() else { return };
            match (navigate_mut(document, parent), last) {
                (Some(Value::Object(object)), Value::String(key)) => {
                    object.shift_remove(key);
                }
                (Some(Value::Array(items)), n) => {
                    items.remove(n.as_u64().unwrap() as usize);
                }
                _ => {}
            }
        }
    }
}

fn edits(values: BoxedStrategy<Value>) -> impl Strategy<Value = Vec<Edit>> {
    vec(
        prop_oneof![
            3 => (any::<Index>(), values).prop_map(|(at, value)| Edit::Replace(at, value)),
            1 => any::<Index>().prop_map(Edit::Remove),
        ],
        1..4,
    )
}

// ---------------------------------------------------------------------------
// Specs: loading and generation
// ---------------------------------------------------------------------------

/// Names that are awkward as Rust identifiers, and references that point
/// nowhere, outside the document, or into the middle of a schema.
const NAMES: &[&str] = &["A", "B", "Self", "type", "crate", "Option", "a-b", "1st", "", "ünï", "A_B", "a b", "~1"];
const REFS: &[&str] = &[
    "#/components/schemas/A",
    "#/components/schemas/B",
    "#/components/schemas/Self",
    "#/components/schemas/a-b",
    "#/components/schemas/~01",
    "#/components/schemas/Missing",
    "#/components/schemas/A/properties/x",
    "#/components/schemas/A/items",
    "#",
    "other.yaml#/components/schemas/A",
    "https://example.com/s.json",
];
const TYPES: &[&str] = &["object", "array", "string", "integer", "number", "boolean", "null", "file"];
const SPEC_KEYS: &[&str] = &[
    "type",
    "properties",
    "items",
    "required",
    "enum",
    "const",
    "allOf",
    "anyOf",
    "oneOf",
    "$ref",
    "nullable",
    "additionalProperties",
    "minimum",
    "exclusiveMaximum",
    "multipleOf",
    "pattern",
    "format",
    "default",
    "discriminator",
    "title",
    "x",
];
const SPEC_STRINGS: &[&str] =
    &["object", "string", "integer", "null", "int64", "date-time", "^a+$", "(", "[\\p{L}]", "\u{0}", "x"];

/// A schema: mostly well-formed shapes, each keyword sometimes given a value
/// of the wrong type.
fn schema() -> BoxedStrategy<Value> {
    let keyword_value = any_json(SPEC_KEYS, SPEC_STRINGS);
    let leaf = prop_oneof![
        4 => select(TYPES).prop_map(|t| json!({"type": t})),
        3 => select(REFS).prop_map(|r| json!({"$ref": r})),
        1 => any::<bool>().prop_map(Value::Bool),
        1 => Just(json!({})),
        1 => (select(TYPES), select(SPEC_KEYS), keyword_value.clone())
            .prop_map(|(t, k, v)| json!({"type": t, k: v})),
        1 => vec(any_json(SPEC_KEYS, SPEC_STRINGS), 1..4).prop_map(|values| json!({"enum": values})),
    ];
    leaf.prop_recursive(4, 32, 4, move |inner| {
        prop_oneof![
            btree_map(select(NAMES), inner.clone(), 0..4).prop_flat_map(|properties| {
                let names: Vec<&str> = properties.keys().copied().collect();
                let required = proptest::sample::subsequence(names.clone(), 0..=names.len());
                (Just(properties), required, any::<bool>())
                    .prop_map(|(p, r, closed)| json!({"type": "object", "properties": p, "required": r, "additionalProperties": !closed}))
            }),
            inner.clone().prop_map(|items| json!({"type": "array", "items": items})),
            inner.clone().prop_map(|values| json!({"type": "object", "additionalProperties": values})),
            (select(&["allOf", "anyOf", "oneOf"][..]), vec(inner.clone(), 0..4))
                .prop_map(|(k, branches)| json!({k: branches})),
            (inner.clone(), any::<bool>()).prop_map(|(mut s, nullable)| {
                if let Some(object) = s.as_object_mut() {
                    object.insert("nullable".into(), json!(nullable));
                }
                s
            }),
            (select(TYPES), select(SPEC_KEYS), keyword_value.clone(), inner)
                .prop_map(|(t, k, v, s)| json!({"type": [t, "null"], k: v, "items": s})),
        ]
    })
    .boxed()
}

/// A small OpenAPI document with random schemas under `components.schemas`.
fn openapi_document() -> impl Strategy<Value = Value> {
    (select(&["3.0.3", "3.1.0", "3.1.1", "2.0", "x"][..]), btree_map(select(NAMES), schema(), 0..5))
        .prop_map(|(version, schemas)| json!({"openapi": version, "components": {"schemas": schemas}}))
}

/// How a batch of specs fared: `ok` or the error kind.
fn outcome(result: &Result<xtask::Generated, xtask::diagnostics::Error>) -> String {
    match result {
        Ok(_) => "ok".into(),
        Err(error) => format!("{:?}", error.kind),
    }
}

#[test]
fn arbitrary_bytes_as_a_spec_are_an_error_not_a_panic() {
    let scratch = tempfile::tempdir().unwrap();
    run(vec(any::<u8>(), 0..256), |bytes| {
        for result in spec::generate_as_yaml_and_json(scratch.path(), &bytes) {
            // Random bytes are almost never a document with `components`; the
            // property is that they come back as `Err` at all.
            drop(result);
        }
    });
}

#[test]
fn random_openapi_documents_generate_or_fail_cleanly() {
    let scratch = tempfile::tempdir().unwrap();
    let counts = RefCell::new(BTreeMap::<String, usize>::new());
    run(openapi_document(), |document| {
        let text = serde_json::to_vec_pretty(&document).unwrap();
        // JSON text through both loaders: YAML is a superset.
        for result in spec::generate_as_yaml_and_json(scratch.path(), &text) {
            *counts.borrow_mut().entry(outcome(&result)).or_default() += 1;
        }
    });
    let counts = counts.into_inner();
    eprintln!("random documents: {counts:?}");
    // The strategy must reach past the loader: some documents generate a
    // crate, and some are refused by the later stages.
    let total: usize = counts.values().sum();
    let ok = counts.get("ok").copied().unwrap_or(0);
    let refused = counts.get(&format!("{:?}", ErrorKind::Invalid)).copied().unwrap_or(0)
        + counts.get(&format!("{:?}", ErrorKind::Unsupported)).copied().unwrap_or(0);
    assert!(ok * 10 >= total, "only {ok} of {total} random documents generate: {counts:?}");
    assert!(refused * 10 >= total, "only {refused} of {total} random documents are refused: {counts:?}");
}

#[test]
fn edited_fixture_specs_generate_or_fail_cleanly() {
    let fixtures: Vec<Value> = files_in("tests/fixtures/specs")
        .iter()
        .map(|path| xtask::load::load_file(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .collect();
    assert!(fixtures.len() >= 10, "found {} fixture specs", fixtures.len());
    let scratch = tempfile::tempdir().unwrap();
    let values = prop_oneof![schema(), any_json(SPEC_KEYS, SPEC_STRINGS)].boxed();
    run((any::<Index>(), edits(values), any::<bool>()), |(which, edits, as_yaml)| {
        let mut document = fixtures[which.index(fixtures.len())].clone();
        edits.iter().for_each(|edit| apply(&mut document, edit));
        let (name, text) = if as_yaml {
            ("spec.yaml", serde_norway::to_string(&document).unwrap().into_bytes())
        } else {
            ("spec.json", serde_json::to_vec(&document).unwrap())
        };
        drop(spec::generate(scratch.path(), name, &text));
    });
}

#[test]
fn spliced_fixture_text_generates_or_fails_cleanly() {
    let texts: Vec<Vec<u8>> =
        files_in("tests/fixtures/specs").iter().map(|path| std::fs::read(path).unwrap()).collect();
    let scratch = tempfile::tempdir().unwrap();
    // YAML's own syntax, inserted anywhere: indentation, anchors, aliases,
    // tags, flow collections, merge keys, multi-document markers.
    let tokens = select(
        &[
            "\n  ", ": ", "- ", "&a ", "*a", "!!str ", "<<: *a\n", "[", "{", "}", "]", "\n---\n", "\t", "\"", "#", "~",
            "\u{feff}",
        ][..],
    );
    let splice = (any::<Index>(), 0..16usize, tokens);
    run((any::<Index>(), vec(splice, 1..6)), |(which, splices)| {
        let mut text = texts[which.index(texts.len())].clone();
        for (at, remove, token) in splices {
            let start = at.index(text.len() + 1);
            let end = (start + remove).min(text.len());
            text.splice(start..end, token.bytes());
        }
        drop(spec::generate(scratch.path(), "spec.yaml", &text));
    });
}

/// Far beyond the YAML and JSON parsers' recursion limits: a syntax error.
#[test]
fn nesting_beyond_the_parsers_limits_is_a_syntax_error() {
    let scratch = tempfile::tempdir().unwrap();
    let flow = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    for result in spec::generate_as_yaml_and_json(scratch.path(), flow.as_bytes()) {
        let error = result.expect_err("100 000 nested arrays are not a spec");
        assert_eq!(error.kind, ErrorKind::Syntax, "{error}");
    }
}

/// `depth` levels of nullable arrays: each JSON level is two levels of Rust
/// type (`Vec<Option<...>>`), the deepest type per byte of spec.
fn nullable_arrays(depth: usize) -> Value {
    let mut nested = json!({"type": "string"});
    for _ in 0..depth {
        nested = json!({"type": ["array", "null"], "items": nested});
    }
    json!({"openapi": "3.1.0", "components": {"schemas": {"Deep": {"type": "array", "items": nested}}}})
}

/// The deepest schema the loader accepts generates, on a test thread's
/// 2 MiB stack. It used to overflow the stack in syn (from about 50 levels
/// on a 2 MiB thread, and at 122 even on an 8 MiB main thread), which
/// aborts the process: see `GENERATE_STACK` in xtask/src/lib.rs.
#[test]
fn the_deepest_loadable_schema_generates() {
    let depth =
        (0..200).rev().find(|&depth| xtask::load::parse_json(&nullable_arrays(depth).to_string()).is_ok()).unwrap();
    assert!(depth >= 120, "the JSON loader stops at {depth} levels");
    let scratch = tempfile::tempdir().unwrap();
    let text = serde_json::to_vec(&nullable_arrays(depth)).unwrap();
    for result in spec::generate_as_yaml_and_json(scratch.path(), &text) {
        let generated = result.unwrap_or_else(|e| panic!("{depth} levels: {e}"));
        let types = &generated.files["src/types.rs"];
        assert_eq!(types.matches("::core::option::Option<").count(), depth, "{types}");
    }
}

// ---------------------------------------------------------------------------
// Payloads: every generated type's Deserialize and validate()
// ---------------------------------------------------------------------------

/// The property names of both `RealtimeSession`s and their parts, so random
/// objects hit real fields.
const PAYLOAD_KEYS: &[&str] = &[
    "create_response",
    "description",
    "eagerness",
    "group_id",
    "id",
    "input_audio_format",
    "input_audio_noise_reduction",
    "input_audio_transcription",
    "instructions",
    "interrupt_response",
    "language",
    "max_response_output_tokens",
    "metadata",
    "modalities",
    "model",
    "name",
    "output_audio_format",
    "parameters",
    "prefix_padding_ms",
    "prompt",
    "silence_duration_ms",
    "speed",
    "temperature",
    "threshold",
    "tool_choice",
    "tools",
    "tracing",
    "turn_detection",
    "type",
    "voice",
    "workflow_name",
];
const PAYLOAD_STRINGS: &[&str] = &[
    "auto",
    "inf",
    "function",
    "server_vad",
    "semantic_vad",
    "near_field",
    "pcm16",
    "g711_ulaw",
    "text",
    "audio",
    "ash",
    "low",
    "whisper-1",
];

#[test]
fn every_generated_type_is_listed() {
    for (file, listed) in [
        ("tests/realtime-2025/src/types.rs", payloads::realtime_2025::TYPES),
        ("tests/realtime-2026/src/types.rs", payloads::realtime_2026::TYPES),
    ] {
        let source = std::fs::read_to_string(root().join(file)).unwrap();
        let declared: Vec<&str> = source
            .lines()
            .filter_map(|line| line.strip_prefix("pub struct ").or_else(|| line.strip_prefix("pub enum ")))
            .map(|rest| rest.split(|c: char| !c.is_alphanumeric() && c != '_').next().unwrap())
            .collect();
        assert_eq!(listed, declared, "fuzz/src/payloads.rs must list every type of {file}, in order");
    }
}

#[test]
fn arbitrary_bytes_as_a_payload_are_an_error_not_a_panic() {
    run(vec(any::<u8>(), 0..256), |bytes| drop(payloads::parse_each(&bytes)));
}

#[test]
fn random_json_payloads_parse_or_fail_cleanly() {
    let parsed = RefCell::new(BTreeMap::<&str, usize>::new());
    run(any_json(PAYLOAD_KEYS, PAYLOAD_STRINGS), |value| {
        for name in payloads::parse_each(&serde_json::to_vec(&value).unwrap()) {
            *parsed.borrow_mut().entry(name).or_default() += 1;
        }
    });
    let parsed = parsed.into_inner();
    eprintln!("types parsed from random JSON: {parsed:?}");
    // Not vacuous: random objects reach the struct types and their fields.
    for name in ["RealtimeSession", "RealtimeSessionTurnDetection", "TracingConfiguration"] {
        assert!(parsed.get(name).is_some_and(|&n| n >= 10), "{name} parsed too rarely: {parsed:?}");
    }
}

#[test]
fn edited_seed_payloads_parse_or_fail_cleanly() {
    let seeds: Vec<Value> = files_in("fuzz/seeds/payloads")
        .iter()
        .map(|path| serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap())
        .collect();
    assert!(seeds.len() >= 3, "found {} seed payloads", seeds.len());
    let sessions = RefCell::new(0usize);
    run((any::<Index>(), edits(any_json(PAYLOAD_KEYS, PAYLOAD_STRINGS))), |(which, edits)| {
        let mut payload = seeds[which.index(seeds.len())].clone();
        edits.iter().for_each(|edit| apply(&mut payload, edit));
        let parsed = payloads::parse_each(&serde_json::to_vec(&payload).unwrap());
        *sessions.borrow_mut() += parsed.contains(&"RealtimeSession") as usize;
    });
    let sessions = sessions.into_inner();
    eprintln!("edited seeds: {sessions} of {CASES} parse as a RealtimeSession");
    assert!(sessions as u32 * 8 >= CASES, "only {sessions} of {CASES} edited seeds parsed as a RealtimeSession");
}

/// `depth` levels of `[` or `{"a":` around `null`.
fn nested(depth: usize, object: bool) -> String {
    let (open, close) = if object { (r#"{"a":"#, "}") } else { ("[", "]") };
    format!("{}null{}", open.repeat(depth), close.repeat(depth))
}

/// The free-form fields hold any JSON (`serde_json::Value`); nesting beyond
/// serde_json's recursion limit must be a parse error, not a stack overflow
/// that aborts the process.
#[test]
fn deeply_nested_free_form_fields_are_a_parse_error() {
    for object in [false, true] {
        let deep = nested(100_000, object);
        let session = |deep: &str| {
            [
                format!(r#"{{"tools": [{{"type": "function", "name": "f", "parameters": {{"a": {deep}}}}}]}}"#),
                format!(r#"{{"tracing": {{"metadata": {{"a": {deep}}}}}}}"#),
            ]
        };
        for payload in session(&deep) {
            let error = serde_json::from_str::<realtime_types_2025::RealtimeSession>(&payload).unwrap_err();
            assert!(error.to_string().contains("recursion limit exceeded"), "{error}");
            let error = serde_json::from_str::<realtime_types_2026::RealtimeSession>(&payload).unwrap_err();
            assert!(error.to_string().contains("recursion limit exceeded"), "{error}");
            // Types without the field skip it (serde_json skips without
            // recursing), and that must not overflow either.
            let parsed = payloads::parse_each(payload.as_bytes());
            assert!(!parsed.contains(&"RealtimeSession"), "{parsed:?}");
        }
        // At the top level, where every type is tried.
        drop(payloads::parse_each(deep.as_bytes()));
        // Shallow enough for the limit: free-form JSON is kept as it came.
        let shallow = nested(100, object);
        for payload in session(&shallow) {
            let parsed = payloads::parse_each(payload.as_bytes());
            assert!(parsed.contains(&"RealtimeSession"), "{parsed:?}");
            let session: realtime_types_2025::RealtimeSession = serde_json::from_str(&payload).unwrap();
            let expected: Value = serde_json::from_str(&payload).unwrap();
            assert_eq!(serde_json::to_value(&session).unwrap(), expected);
        }
    }
}

// ---------------------------------------------------------------------------
// Regressions: inputs the fuzzer once crashed on, replayed forever
// ---------------------------------------------------------------------------

#[test]
fn fuzz_regressions_replay() {
    let scratch = tempfile::tempdir().unwrap();
    let specs = files_in("tests/fuzz-regressions/spec");
    for path in &specs {
        let _ = spec::generate_as_yaml_and_json(scratch.path(), &std::fs::read(path).unwrap());
    }
    let payload_files = files_in("tests/fuzz-regressions/payloads");
    for path in &payload_files {
        let _ = payloads::parse_each(&std::fs::read(path).unwrap());
    }
    assert!(!(specs.is_empty() && payload_files.is_empty()), "no regression inputs found");
}
