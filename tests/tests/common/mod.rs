//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use serde_json::Value;
use xtask::config::{CodegenConfig, Job, Overrides};
use xtask::resolve::Roots;

pub fn root() -> PathBuf {
    xtask::project_root()
}

/// Whether the slow tier runs: `REALTIME_WHOLE_SPEC=1`, which `.ci/run`
/// sets (docs/testing.md, "The slow tier"). When it does not, says on the
/// terminal that `what` was skipped and how to run it. The line is written
/// to stderr directly, as libtest hides a passing test's `eprintln!`.
pub fn slow_tier(what: &str) -> bool {
    let on = std::env::var("REALTIME_WHOLE_SPEC").is_ok_and(|v| v == "1");
    if !on {
        use std::io::Write;
        let test = env!("CARGO_CRATE_NAME");
        let _ = writeln!(
            std::io::stderr(),
            "skipped (slow tier): {what}; run it with `REALTIME_WHOLE_SPEC=1 cargo test -p realtime-tests --test {test}`"
        );
    }
    on
}

/// `../shared` beside the project: upstream specs and the JSON Schema Test Suite.
pub fn shared(path: &str) -> PathBuf {
    root().join("../shared").join(path)
}

/// Every job of `spec/codegen.toml`, as `cargo xtask codegen` runs them.
pub fn jobs() -> Vec<Job> {
    let config = CodegenConfig::load(&root().join("spec/codegen.toml")).expect("spec/codegen.toml loads");
    config
        .jobs
        .iter()
        .map(|job| Job::new(Some((job, &root())), Overrides::default()).expect("the job resolves"))
        .collect()
}

/// The job of `spec/codegen.toml` that writes the crate `crate_name`.
pub fn job(crate_name: &str) -> Job {
    jobs().into_iter().find(|j| j.crate_name == crate_name).unwrap_or_else(|| panic!("no job {crate_name}"))
}

/// The job that writes `generated/`.
pub fn default_job() -> Job {
    job("realtime-types")
}

/// A job over any spec, all schemas, into `out`.
pub fn job_for(spec: &Path, out: &Path) -> Job {
    let overrides = Overrides {
        spec: Some(spec.to_path_buf()),
        all: true,
        out: Some(out.to_path_buf()),
        crate_name: Some("fixture".into()),
        ..Overrides::default()
    };
    let mut job = Job::new(None, overrides).expect("job resolves");
    // Name the spec by file name only, so snapshots do not depend on where
    // the checkout lives.
    job.spec_display = spec.file_name().unwrap().to_string_lossy().into_owned();
    job.roots = Roots::All;
    job
}

/// The newest upstream spec, whose `RealtimeSession` is the
/// `tests/realtime-2026` crate (read from `../shared`, never copied here).
pub const NEWEST_SPEC: &str = "upstream/openai-openapi-2026-08-21.yaml";

/// The job that generates `tests/realtime-2025`: the 2025-07-04
/// `RealtimeSession` this project started from, with its overlay.
pub fn job_2025() -> Job {
    job("realtime-types-2025")
}

/// The job that generates `tests/realtime-2026`.
pub fn job_2026() -> Job {
    job("realtime-types-2026")
}

/// Upstream examples that are not valid JSON, with what is wrong. Each is
/// checked to still be broken (so an upstream fix is noticed), then read
/// leniently (see [`lenient_json`]); every other example must be strict JSON.
pub const BROKEN_EXAMPLES: &[(&str, &str)] = &[
    ("RealtimeBetaClientEventConversationItemCreate", "trailing comma"),
    ("RealtimeBetaClientEventResponseCreate", "`//` comments, a trailing comma, two events in one example"),
    ("RealtimeBetaClientEventTranscriptionSessionUpdate", "trailing comma"),
    ("RealtimeBetaServerEventConversationItemInputAudioTranscriptionCompleted", "trailing comma"),
    ("RealtimeBetaServerEventTranscriptionSessionUpdated", "trailing comma"),
    ("RealtimeClientEventResponseCreate", "`//` comments, a trailing comma, two events in one example"),
    ("RealtimeClientEventTranscriptionSessionUpdate", "trailing comma"),
    ("RealtimeServerEventInputAudioBufferDtmfEventReceived", "trailing comma"),
    ("RealtimeServerEventResponseCreated", "trailing comma"),
    ("RealtimeServerEventSessionCreated", "trailing comma after `session`"),
    ("RealtimeServerEventSessionUpdated", "trailing comma after `session`"),
    ("RealtimeServerEventTranscriptionSessionUpdated", "trailing comma"),
];

/// The JSON values in `text`, read as JavaScript object literals are
/// written in docs: `//` comments to the end of a line and commas before a
/// closing bracket are dropped, and several values may follow each other.
pub fn lenient_json(text: &str) -> Result<Vec<Value>, serde_json::Error> {
    let mut cleaned = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            cleaned.push(c);
            (in_string, escaped) = match (escaped, c) {
                (false, '\\') => (true, true),
                (false, '"') => (false, false),
                _ => (true, false),
            };
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                cleaned.push(c);
            }
            '/' if chars.peek() == Some(&'/') => {
                while chars.peek().is_some_and(|&c| c != '\n') {
                    chars.next();
                }
            }
            '}' | ']' => {
                let kept = cleaned.trim_end().len();
                if cleaned[..kept].ends_with(',') {
                    cleaned.truncate(kept - 1);
                }
                cleaned.push(c);
            }
            _ => cleaned.push(c),
        }
    }
    serde_json::Deserializer::from_str(&cleaned).into_iter::<Value>().collect()
}

/// The example events (`x-oaiMeta.example`) of the schemas whose
/// `x-oaiMeta.name` is one of `names`, as (schema name, parsed JSON).
pub fn upstream_examples(file: &str, names: &[&str]) -> Vec<(String, Value)> {
    examples_where(file, |_, meta| meta["name"].as_str().is_some_and(|n| names.contains(&n)))
}

/// Every example (`x-oaiMeta.example`) of a `Realtime*` schema, as (schema
/// name, parsed JSON).
pub fn realtime_examples(file: &str) -> Vec<(String, Value)> {
    examples_where(file, |name, meta| name.starts_with("Realtime") && meta.get("example").is_some())
}

fn examples_where(file: &str, wanted: impl Fn(&str, &Value) -> bool) -> Vec<(String, Value)> {
    let text = std::fs::read_to_string(shared(file)).unwrap_or_else(|e| panic!("read ../shared/{file}: {e}"));
    let document = xtask::load::parse_yaml(&text).expect("upstream spec parses");
    let schemas = document["components"]["schemas"].as_object().expect("components.schemas");
    let mut examples = Vec::new();
    for (schema_name, schema) in schemas {
        let meta = &schema["x-oaiMeta"];
        if !wanted(schema_name, meta) {
            continue;
        }
        let example = meta["example"].as_str().unwrap_or_else(|| panic!("{schema_name} has an example"));
        let strict = serde_json::from_str::<Value>(example);
        let values = match BROKEN_EXAMPLES.iter().find(|(name, _)| name == schema_name) {
            Some((_, defect)) => {
                assert!(
                    strict.is_err(),
                    "{schema_name}'s example is valid JSON now; remove it from BROKEN_EXAMPLES ({defect})"
                );
                lenient_json(example)
                    .unwrap_or_else(|e| panic!("{schema_name}: reading past the {defect} was not enough: {e}"))
            }
            None => vec![strict.unwrap_or_else(|e| panic!("{schema_name}'s example is not JSON: {e}"))],
        };
        examples.extend(values.into_iter().map(|event| (schema_name.clone(), event)));
    }
    examples
}

/// The overlaid 2025-07-04 `RealtimeSession` schema closure that
/// `tests/realtime-2025` was generated from.
pub fn resolved_spec() -> xtask::resolve::ResolvedSpec {
    resolved_spec_of(&job_2025())
}

/// `value` with every property that `schema` does not declare removed, at
/// every depth: what a round trip through the typed model must preserve.
pub fn known_part(value: &Value, schema: &Value, spec: &xtask::resolve::ResolvedSpec) -> Value {
    if let Some(name) = schema.get("$ref").and_then(Value::as_str).and_then(xtask::resolve::ResolvedSpec::ref_name) {
        return known_part(value, &spec.schemas[&name], spec);
    }
    match value {
        Value::Object(object) => {
            if let Some(properties) = schema.get("properties").and_then(Value::as_object) {
                return object
                    .iter()
                    .filter_map(|(k, v)| properties.get(k).map(|s| (k.clone(), known_part(v, s, spec))))
                    .collect::<serde_json::Map<_, _>>()
                    .into();
            }
            let branches = schema.get("oneOf").or_else(|| schema.get("anyOf")).and_then(Value::as_array);
            match branches.and_then(|b| b.iter().find(|s| s.get("properties").is_some())) {
                Some(branch) => known_part(value, branch, spec),
                None => value.clone(),
            }
        }
        Value::Array(items) => match schema.get("items") {
            Some(item_schema) => {
                items.iter().map(|item| known_part(item, item_schema, spec)).collect::<Vec<_>>().into()
            }
            None => value.clone(),
        },
        _ => value.clone(),
    }
}

/// Specs too large to commit, written into `dir`: an enum of 5,000 values
/// and 3,000 schemas chained by `$ref` (each an object whose `next` is the
/// following one). Both must generate in seconds and compile.
pub fn write_large_specs(dir: &Path) -> Vec<PathBuf> {
    const HEADER: &str = "openapi: 3.1.0\ninfo: {title: large, version: \"1\"}\npaths: {}\ncomponents:\n  schemas:\n";
    let values: Vec<String> = (0..5_000).map(|i| format!("\"value-{i}\"")).collect();
    let big_enum = format!("{HEADER}    Big:\n      type: string\n      enum: [{}]\n", values.join(", "));
    let mut chain = HEADER.to_owned();
    for i in 0..3_000 {
        chain.push_str(&format!(
            "    Link{i}:\n      type: object\n      properties:\n        next: {{$ref: \"#/components/schemas/Link{}\"}}\n",
            i + 1
        ));
    }
    chain.push_str("    Link3000: {type: string}\n");
    let specs = [("big_enum.yaml", big_enum), ("ref_chain.yaml", chain)];
    specs
        .into_iter()
        .map(|(name, text)| {
            let path = dir.join(name);
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect()
}

/// The overlaid spec a job generates from, resolved.
pub fn resolved_spec_of(job: &Job) -> xtask::resolve::ResolvedSpec {
    let mut document = xtask::load::load_file(&job.spec).unwrap();
    for overlay in &job.overlays {
        xtask::overlay::Overlay::load(overlay).unwrap().apply(&mut document, false).unwrap();
    }
    xtask::resolve::resolve(&document, &job.roots).unwrap()
}

/// An OpenAPI document as one JSON Schema 2020-12 document whose root is
/// the component `root`, for the reference validator: OpenAPI 3.0's
/// `nullable`, which the generator honours in 3.1 documents too (with a
/// warning), is written as JSON Schema says it.
pub fn as_json_schema(document: &Value, root: &str) -> Value {
    fn nullable_to_type(value: &mut Value) {
        match value {
            Value::Object(object) => {
                if object.remove("nullable") == Some(Value::Bool(true)) {
                    match object.get("type").cloned() {
                        Some(Value::String(ty)) => {
                            object.insert("type".into(), serde_json::json!([ty, "null"]));
                        }
                        _ => {
                            let inner = Value::Object(std::mem::take(object));
                            object.insert("anyOf".into(), serde_json::json!([inner, {"type": "null"}]));
                        }
                    }
                }
                object.values_mut().for_each(nullable_to_type);
            }
            Value::Array(items) => items.iter_mut().for_each(nullable_to_type),
            _ => {}
        }
    }
    let mut schemas = document["components"]["schemas"].clone();
    nullable_to_type(&mut schemas);
    serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": format!("#/components/schemas/{root}"),
        "components": {"schemas": schemas},
    })
}

/// The schemas that may describe `value` where `schema` stands: `$ref`s
/// followed, every `allOf` part, and the `anyOf`/`oneOf` branches whose
/// `type` and `role` constants (where they have them) fit the value.
fn schemas_for<'s>(schema: &'s Value, value: &Value, spec: &'s xtask::resolve::ResolvedSpec, out: &mut Vec<&'s Value>) {
    if let Some(name) = schema.get("$ref").and_then(Value::as_str).and_then(xtask::resolve::ResolvedSpec::ref_name) {
        if let Some(target) = spec.schemas.get(&name) {
            schemas_for(target, value, spec, out);
        }
        return;
    }
    out.push(schema);
    for part in schema.get("allOf").and_then(Value::as_array).into_iter().flatten() {
        schemas_for(part, value, spec, out);
    }
    let fits = |branch: &Value| {
        let mut resolved = Vec::new();
        schemas_for(branch, value, spec, &mut resolved);
        resolved.iter().all(|s| {
            ["type", "role"].iter().all(|key| {
                let allowed = s.get("properties").and_then(|p| p.get(*key)).and_then(|p| {
                    p.get("enum").and_then(Value::as_array).cloned().or_else(|| p.get("const").map(|c| vec![c.clone()]))
                });
                match (allowed, value.get(*key)) {
                    (Some(allowed), Some(v)) => allowed.contains(v),
                    _ => true,
                }
            })
        })
    };
    for key in ["anyOf", "oneOf"] {
        for branch in schema.get(key).and_then(Value::as_array).into_iter().flatten() {
            if fits(branch) {
                schemas_for(branch, value, spec, out);
            }
        }
    }
}

/// Records in `lost` every property that a schema describing `input`
/// declares and that `written` (what the typed model wrote back) dropped or
/// changed. Undeclared properties may be dropped; numbers compare by value
/// (`1` is `1.0`).
pub fn declared_values_kept(
    input: &Value,
    written: &Value,
    schema: &Value,
    spec: &xtask::resolve::ResolvedSpec,
    path: &str,
    lost: &mut Vec<String>,
) {
    let mut schemas = Vec::new();
    schemas_for(schema, input, spec, &mut schemas);
    match (input, written) {
        (Value::Object(input), Value::Object(written)) => {
            for (key, value) in input {
                let declared: Vec<&Value> =
                    schemas.iter().filter_map(|s| s.get("properties").and_then(|p| p.get(key))).collect();
                let Some(first) = declared.first() else { continue };
                match written.get(key) {
                    Some(kept) => declared_values_kept(value, kept, first, spec, &format!("{path}/{key}"), lost),
                    None => lost.push(format!("{path}/{key}: dropped")),
                }
            }
        }
        (Value::Array(input), Value::Array(written)) if input.len() == written.len() => {
            let items = schemas.iter().find_map(|s| s.get("items")).cloned().unwrap_or(Value::Bool(true));
            for (index, (value, kept)) in input.iter().zip(written).enumerate() {
                declared_values_kept(value, kept, &items, spec, &format!("{path}/{index}"), lost);
            }
        }
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => {}
        (a, b) if a == b => {}
        (a, b) => lost.push(format!("{path}: {a} became {b}")),
    }
}

/// The JSON types (`integer`, `number`, ...) that the schemas describing the
/// value at `pointer` in `value` declare; `None` if no schema declares the
/// property on the way there (an undeclared property, which is dropped).
pub fn declared_types_at(
    value: &Value,
    schema: &Value,
    pointer: &str,
    spec: &xtask::resolve::ResolvedSpec,
) -> Option<Vec<String>> {
    let mut schemas = Vec::new();
    schemas_for(schema, value, spec, &mut schemas);
    let Some(rest) = pointer.strip_prefix('/') else {
        let types = schemas.iter().flat_map(|s| match s.get("type") {
            Some(Value::String(t)) => vec![t.clone()],
            Some(Value::Array(ts)) => ts.iter().filter_map(|t| t.as_str().map(str::to_owned)).collect(),
            _ => Vec::new(),
        });
        return Some(types.collect());
    };
    let (token, tail) = rest.split_once('/').map_or((rest, ""), |(t, tail)| (t, tail));
    let tail = if tail.is_empty() { String::new() } else { format!("/{tail}") };
    let (child, child_schema) = match value {
        Value::Object(object) => {
            let child = object.get(token)?;
            (child, schemas.iter().find_map(|s| s.get("properties").and_then(|p| p.get(token)))?)
        }
        Value::Array(items) => (items.get(token.parse::<usize>().ok()?)?, schemas.iter().find_map(|s| s.get("items"))?),
        _ => return None,
    };
    declared_types_at(child, child_schema, &tail, spec)
}

/// One row of `tests/captures/expected.tsv`: the type a capture is read as,
/// what comes of it, and why.
pub struct CaptureRow {
    pub file: String,
    pub ty: String,
    pub outcome: String,
    pub reason: String,
}

/// The rows of `tests/captures/expected.tsv`, in its order.
pub fn capture_table() -> Vec<CaptureRow> {
    let path = root().join("tests/captures/expected.tsv");
    let text = std::fs::read_to_string(&path).unwrap();
    text.lines()
        .skip(1)
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            assert_eq!(cells.len(), 4, "{}: four columns in {line}", path.display());
            let [file, ty, outcome, reason] = [0, 1, 2, 3].map(|i| cells[i].to_owned());
            CaptureRow { file, ty, outcome, reason }
        })
        .collect()
}

/// The names a value's `Debug` output starts with: a union's variant and
/// the type it holds (`Variant(Type { ..`), or a struct's name alone.
pub fn debug_names(debug: &str) -> (&str, Option<&str>) {
    let name_end = |s: &str| s.find(|c: char| !c.is_alphanumeric() && c != '_').unwrap_or(s.len());
    let outer = &debug[..name_end(debug)];
    let inner = debug[outer.len()..].strip_prefix('(').map(|inner| &inner[..name_end(inner)]);
    (outer, inner)
}

/// `$generic` instantiated with the `realtime-types` type whose spec name is
/// `$name`, as a function pointer of type `$pointer` (`None` for any other
/// name): the one table of spec names to types for the tests that read real
/// payloads. (Each test crate includes this module; not all of them use it.)
#[allow(unused_macros)]
macro_rules! entry_point {
    ($name:expr, $generic:ident as $pointer:ty) => {{
        match $name {
            "RealtimeServerEvent" => Some($generic::<realtime_types::RealtimeServerEvent> as $pointer),
            "RealtimeClientEvent" => Some($generic::<realtime_types::RealtimeClientEvent> as $pointer),
            "RealtimeBetaServerEvent" => Some($generic::<realtime_types::RealtimeBetaServerEvent> as $pointer),
            "RealtimeBetaClientEvent" => Some($generic::<realtime_types::RealtimeBetaClientEvent> as $pointer),
            "RealtimeSession" => Some($generic::<realtime_types::RealtimeSession> as $pointer),
            "RealtimeSessionCreateRequest" => {
                Some($generic::<realtime_types::RealtimeSessionCreateRequest> as $pointer)
            }
            "RealtimeSessionCreateResponse" => {
                Some($generic::<realtime_types::RealtimeSessionCreateResponse> as $pointer)
            }
            "RealtimeSessionCreateResponseGA" => {
                Some($generic::<realtime_types::RealtimeSessionCreateResponseGa> as $pointer)
            }
            "RealtimeTranscriptionSessionCreateResponse" => {
                Some($generic::<realtime_types::RealtimeTranscriptionSessionCreateResponse> as $pointer)
            }
            "RealtimeTranscriptionSessionCreateResponseGA" => {
                Some($generic::<realtime_types::RealtimeTranscriptionSessionCreateResponseGa> as $pointer)
            }
            "RealtimeCreateClientSecretResponse" => {
                Some($generic::<realtime_types::RealtimeCreateClientSecretResponse> as $pointer)
            }
            _ => None,
        }
    }};
}
#[allow(unused_imports)]
pub(crate) use entry_point;

/// What one in-process run of the command line printed, and its exit code.
pub struct Run {
    pub code: u8,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `cargo xtask ARGS` in-process; never a panic.
pub fn xtask(args: &[&str]) -> Run {
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let code = xtask::cli::run(std::iter::once("xtask").chain(args.iter().copied()), &mut stdout, &mut stderr);
    let run = Run { code, stdout: String::from_utf8(stdout).unwrap(), stderr: String::from_utf8(stderr).unwrap() };
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

/// Every file under `dir` with its bytes, sorted, to compare before and after.
pub fn snapshot_dir(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.push((path.clone(), std::fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

/// The fixture specs of `tests/fixtures/specs/`, sorted, and the
/// multi-file spec of `tests/fixtures/multi_file/pets/`.
pub fn fixture_specs() -> Vec<PathBuf> {
    let mut specs: Vec<_> =
        std::fs::read_dir(root().join("tests/fixtures/specs")).unwrap().map(|e| e.unwrap().path()).collect();
    specs.sort();
    specs.push(root().join("tests/fixtures/multi_file/pets/openapi.yaml"));
    specs
}

/// Generates the crate of each spec into `work` (named after its file),
/// as members of one workspace there; returns how many.
pub fn fixture_workspace(work: &Path, specs: &[PathBuf]) -> usize {
    let mut members = Vec::new();
    for spec in specs {
        // A multi-file spec is named after its directory.
        let named = if spec.ends_with("openapi.yaml") { spec.parent().unwrap() } else { spec.as_path() };
        let name = named.file_stem().unwrap().to_string_lossy().replace('_', "-");
        let out = work.join(&name);
        let mut job = job_for(spec, &out);
        job.crate_name = format!("fixture-{name}");
        let generated = xtask::generate(&job).unwrap_or_else(|e| panic!("{}: {e}", spec.display()));
        xtask::output::write(&generated.files, &out).unwrap();
        members.push(out);
    }
    write_workspace(work, &members);
    members.len()
}

/// One workspace over the crates in `members` (directories below `work`),
/// so their dependencies build once; the lock file pins the versions the
/// project itself uses.
pub fn write_workspace(work: &Path, members: &[PathBuf]) {
    let names: Vec<String> =
        members.iter().map(|dir| format!("{:?}", dir.file_name().unwrap().to_string_lossy())).collect();
    let manifest = format!("[workspace]\nresolver = \"3\"\nmembers = [{}]\n", names.join(", "));
    std::fs::write(work.join("Cargo.toml"), manifest).unwrap();
    std::fs::copy(root().join("Cargo.lock"), work.join("Cargo.lock")).unwrap();
}
