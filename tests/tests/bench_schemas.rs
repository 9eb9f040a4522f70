//! The schemas `tests/bench` compiles with `#[jsonschema::validator]` are the
//! overlaid spec's, for the roots the benchmark reads: each file is the
//! closure of one root, annotations dropped (they assert nothing and only
//! slow the macro's build). A change of the spec or overlay that is not
//! written here fails; `REALTIME_BENCH_SCHEMAS=write cargo test --test
//! bench_schemas` writes them.

mod common;

use serde_json::{Map, Value};

const ROOTS: [&str; 3] = ["RealtimeSession", "RealtimeBetaServerEvent", "RealtimeServerEvent"];

/// Keywords that annotate and never assert.
const ANNOTATIONS: [&str; 7] =
    ["description", "title", "examples", "example", "default", "deprecated", "discriminator"];

/// Keywords whose value is a map of names to schemas (the names are data).
const SCHEMA_MAPS: [&str; 4] = ["properties", "patternProperties", "dependentSchemas", "$defs"];

/// Keywords whose value is data, never a schema.
const DATA: [&str; 3] = ["enum", "const", "required"];

fn strip(schema: &mut Value) {
    match schema {
        Value::Object(object) => {
            object.retain(|key, _| !ANNOTATIONS.contains(&key.as_str()) && !key.starts_with("x-"));
            for (key, value) in object.iter_mut() {
                if SCHEMA_MAPS.contains(&key.as_str()) {
                    value.as_object_mut().into_iter().flat_map(|map| map.values_mut()).for_each(strip);
                } else if !DATA.contains(&key.as_str()) {
                    strip(value);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(strip),
        _ => {}
    }
}

fn schema_for(document: &Value, root: &str) -> Value {
    let mut whole = common::as_json_schema(document, root);
    // The closure `spec extract` keeps, computed on the original document.
    let keep =
        xtask::resolve::closure(document, xtask::resolve::component_schemas(document).unwrap(), &[root.to_owned()])
            .unwrap();
    let all = whole["components"]["schemas"].as_object().unwrap().clone();
    let mut schemas: Map<String, Value> = all.into_iter().filter(|(name, _)| keep.contains(name)).collect();
    schemas.values_mut().for_each(strip);
    whole["components"]["schemas"] = Value::Object(schemas);
    whole
}

#[test]
fn the_benchmark_compiles_the_overlaid_schemas() {
    let job = common::default_job();
    let mut document = xtask::load::load_file(&job.spec).unwrap();
    for overlay in &job.overlays {
        xtask::overlay::Overlay::load(overlay).unwrap().apply(&mut document, false).unwrap();
    }
    let write = std::env::var("REALTIME_BENCH_SCHEMAS").as_deref() == Ok("write");
    let mut stale = Vec::new();
    for root in ROOTS {
        let schema = schema_for(&document, root);
        // A stripped schema must judge as the whole one does: the captures
        // it is benchmarked on are valid under both.
        let (whole, stripped) = (common::as_json_schema(&document, root), &schema);
        let (whole, stripped) =
            (jsonschema::draft202012::new(&whole).unwrap(), jsonschema::draft202012::new(stripped).unwrap());
        for row in common::capture_table().iter().filter(|row| row.ty == root) {
            let capture: Value =
                serde_json::from_slice(&std::fs::read(common::shared("realtime-captures").join(&row.file)).unwrap())
                    .unwrap();
            assert_eq!(whole.is_valid(&capture), stripped.is_valid(&capture), "{root}: {}", row.file);
        }
        let path = common::root().join(format!("tests/bench/schemas/{root}.json"));
        let text = serde_json::to_string_pretty(&schema).unwrap() + "\n";
        if write {
            std::fs::write(&path, &text).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push(path.display().to_string());
        }
    }
    assert!(stale.is_empty(), "stale: {stale:?}; rerun with REALTIME_BENCH_SCHEMAS=write");
}
