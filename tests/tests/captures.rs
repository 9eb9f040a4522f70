//! The evidence: every payload in `../shared/realtime-captures/`, which real
//! servers (and a few clients) sent, against `tests/captures/expected.tsv`.
//!
//! Each row says which type a capture is read as, what comes out (the
//! variant it lands in and its verdict: `valid`, the exact validation
//! errors, or a parse error) and why. A new capture, or a changed outcome,
//! is a visible diff of that table. Beyond the table:
//!
//! - every OpenAI capture parses, into a variant the spec lists (never the
//!   catch-all), and round-trips: parse → serialize → parse is the identity,
//!   and every property the spec declares keeps its JSON value;
//! - every overlay action whose description names its `Evidence:` is needed
//!   by each capture it names: the reference validator (`jsonschema`)
//!   rejects the capture without that action, or the spec would not declare
//!   part of it, and the whole overlay accepts it.

mod common;

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::path::PathBuf;

use realtime_types::Validate;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

fn captures_dir() -> PathBuf {
    common::shared("realtime-captures")
}

/// One row of `SOURCES.tsv`: the file and its API flavour.
struct Source {
    file: String,
    flavour: String,
}

fn sources() -> Vec<Source> {
    let text = std::fs::read_to_string(captures_dir().join("SOURCES.tsv")).expect("SOURCES.tsv");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let column = |name: &str| header.iter().position(|h| *h == name).unwrap_or_else(|| panic!("column {name}"));
    let (file, flavour) = (column("file"), column("api_flavour"));
    lines
        .map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            Source { file: cells[file].to_owned(), flavour: cells[flavour].to_owned() }
        })
        .collect()
}

/// Whether a capture is evidence of what OpenAI's servers send: not the
/// Azure Voice Live log, not a hand-written or hand-edited fixture.
fn is_openai(source: &Source) -> bool {
    !["NOT OpenAI", "HYBRID", "hand-edited"].iter().any(|marker| source.flavour.contains(marker))
}

/// `tests/captures/expected.tsv`, by file.
fn expected() -> BTreeMap<String, common::CaptureRow> {
    common::capture_table().into_iter().map(|row| (row.file.clone(), row)).collect()
}

/// What came of reading a capture as a type.
struct Outcome {
    /// `Variant valid`, `Variant invalid: /path keyword, ...` or
    /// `parse error: ...`: the table's `outcome` column.
    summary: String,
    variant: Option<String>,
    /// The value written back, if it parsed.
    written: Option<Value>,
}

fn read_as<T: DeserializeOwned + Serialize + Validate + PartialEq + Debug>(bytes: &[u8]) -> Outcome {
    let value = match serde_json::from_slice::<T>(bytes) {
        Ok(value) => value,
        Err(e) => {
            let message = e.to_string();
            let message = message.split(" at line").next().unwrap_or(&message).to_owned();
            return Outcome { summary: format!("parse error: {message}"), variant: None, written: None };
        }
    };
    // The variant a union landed in; a struct has none.
    let debug = format!("{value:?}");
    let variant = match common::debug_names(&debug) {
        (variant, Some(_)) => Some(variant.to_owned()),
        (_, None) => None,
    };
    let verdict = match value.validate() {
        Ok(()) => "valid".to_owned(),
        Err(errors) => {
            let found: Vec<String> = errors.iter().map(|e| format!("{} {}", e.path(), e.keyword())).collect();
            format!("invalid: {}", found.join(", "))
        }
    };
    let written = serde_json::to_value(&value).unwrap();
    let again: T = serde_json::from_value(written.clone()).expect("what was written parses back");
    assert_eq!(again, value, "parse → serialize → parse is the identity");
    Outcome { summary: format!("{} {verdict}", variant.as_deref().unwrap_or("-")), variant, written: Some(written) }
}

/// Reads `bytes` as the type named in the table.
fn read(ty: &str, bytes: &[u8]) -> Outcome {
    let read_as = common::entry_point!(ty, read_as as fn(&[u8]) -> Outcome)
        .unwrap_or_else(|| panic!("tests/captures/expected.tsv names `{ty}`, which is no entry point"));
    read_as(bytes)
}

#[test]
fn every_capture_has_the_outcome_the_table_gives() {
    let sources = sources();
    let table = expected();
    assert_eq!(sources.len(), 90, "the captures README counts 90");
    let listed: Vec<&String> = table.keys().collect();
    let mut files: Vec<&String> = sources.iter().map(|s| &s.file).collect();
    files.sort();
    assert_eq!(listed, files, "tests/captures/expected.tsv has one row per capture in SOURCES.tsv");
    let mut wrong = Vec::new();
    for source in &sources {
        let row = &table[&source.file];
        assert!(!row.reason.trim().is_empty(), "{}: every row says why", source.file);
        let bytes = std::fs::read(captures_dir().join(&source.file)).unwrap();
        let outcome = read(&row.ty, &bytes);
        if outcome.summary != row.outcome {
            wrong.push(format!("{}\t{}\t{}\t(table: {})", source.file, row.ty, outcome.summary, row.outcome));
        }
    }
    assert!(wrong.is_empty(), "outcomes differ from tests/captures/expected.tsv:\n{}", wrong.join("\n"));
}

#[test]
fn every_openai_capture_parses_into_a_listed_variant_and_keeps_its_declared_values() {
    let spec = common::resolved_spec_of(&common::default_job());
    let table = expected();
    let mut parsed = 0;
    for source in sources().iter().filter(|s| is_openai(s)) {
        let row = &table[&source.file];
        let bytes = std::fs::read(captures_dir().join(&source.file)).unwrap();
        let outcome = read(&row.ty, &bytes);
        let written = outcome.written.unwrap_or_else(|| panic!("{}: {}", source.file, outcome.summary));
        assert!(
            outcome.variant.as_deref() != Some("Other"),
            "{}: an event type the spec lists never lands in the catch-all",
            source.file
        );
        let input: Value = serde_json::from_slice(&bytes).unwrap();
        let schema = serde_json::json!({"$ref": format!("#/components/schemas/{}", row.ty)});
        let mut lost = Vec::new();
        common::declared_values_kept(&input, &written, &schema, &spec, "", &mut lost);
        assert!(lost.is_empty(), "{}: declared properties changed or dropped: {lost:?}", source.file);
        parsed += 1;
    }
    assert!(parsed >= 80, "{parsed} OpenAI captures");
}

/// One overlay action's evidence, for the check below.
struct Evidence {
    action: usize,
    description: String,
    files: Vec<String>,
}

/// The actions whose description ends with `Evidence:` and capture files.
fn overlay_evidence(overlay: &Value) -> Vec<Evidence> {
    overlay["actions"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .filter_map(|(action, a)| {
            let description = a["description"].as_str().unwrap_or("");
            let (_, listed) = description.split_once("Evidence:")?;
            let files = listed
                .split([',', ' ', '\n'])
                .map(|f| f.trim_end_matches('.'))
                .filter(|f| f.ends_with(".json"))
                .map(str::to_owned)
                .collect::<Vec<_>>();
            assert!(!files.is_empty(), "action {action}: `Evidence:` names no capture: {description}");
            Some(Evidence { action, description: description.to_owned(), files })
        })
        .collect()
}

/// The fragment with `overlay`'s actions applied, but for `skip`.
fn overlaid_without(overlay: &Value, skip: Option<usize>) -> Value {
    let job = common::default_job();
    let mut document = xtask::load::load_file(&job.spec).unwrap();
    let mut actions = overlay.clone();
    if let Some(skip) = skip {
        actions["actions"].as_array_mut().unwrap().remove(skip);
    }
    xtask::overlay::Overlay::from_value(&actions).unwrap().apply(&mut document, false).unwrap();
    document
}

/// The places of `instance` (JSON pointers of its leaves) that a schema of
/// `document` declares, reading `instance` as the component `root`: what a
/// round trip through the generated types keeps.
fn declared_places(document: &Value, root: &str, instance: &Value) -> Vec<String> {
    fn leaves(value: &Value, at: &str, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => map.iter().for_each(|(k, v)| leaves(v, &format!("{at}/{k}"), out)),
            Value::Array(items) => items.iter().enumerate().for_each(|(i, v)| leaves(v, &format!("{at}/{i}"), out)),
            _ => out.push(at.to_owned()),
        }
    }
    let spec = xtask::resolve::resolve(document, &xtask::resolve::Roots::All).unwrap();
    let schema = serde_json::json!({"$ref": format!("#/components/schemas/{root}")});
    let mut places = Vec::new();
    leaves(instance, "", &mut places);
    places.retain(|place| common::declared_types_at(instance, &schema, place, &spec).is_some());
    places
}

#[test]
fn every_correction_is_needed_by_its_evidence() {
    let job = common::default_job();
    let overlay = xtask::load::load_file(&job.overlays[0]).unwrap();
    let evidence = overlay_evidence(&overlay);
    assert!(evidence.len() >= 20, "{} actions with evidence", evidence.len());
    let table = expected();
    let sources: BTreeMap<String, Source> = sources().into_iter().map(|s| (s.file.clone(), s)).collect();
    for item in &evidence {
        for file in &item.files {
            let source = sources.get(file).unwrap_or_else(|| panic!("action {}: no capture {file}", item.action));
            assert!(is_openai(source), "action {}: {file} is not evidence of what OpenAI sends", item.action);
            let root = &table[file].ty;
            let instance: Value = serde_json::from_slice(&std::fs::read(captures_dir().join(file)).unwrap()).unwrap();
            let (with, without) = (overlaid_without(&overlay, None), overlaid_without(&overlay, Some(item.action)));
            let validator =
                |document: &Value| jsonschema::draft202012::new(&common::as_json_schema(document, root)).unwrap();
            let (accepts_with, accepts_without) = (validator(&with), validator(&without));
            assert!(
                accepts_with.is_valid(&instance),
                "action {} ({}): the overlaid spec must accept {file}: {:?}",
                item.action,
                item.description,
                accepts_with
                    .iter_errors(&instance)
                    .map(|e| format!("{}: {e}", e.instance_path().as_str()))
                    .collect::<Vec<_>>()
            );
            // Needed: without the action the spec rejects the capture, or
            // does not declare (so a round trip drops) some of it.
            let rejected = !accepts_without.is_valid(&instance);
            let dropped = declared_places(&without, root, &instance) != declared_places(&with, root, &instance);
            assert!(
                rejected || dropped,
                "action {} ({}) is not needed by {file}: the spec accepts and declares it without the action",
                item.action,
                item.description
            );
        }
    }
}

/// An event type no version of the spec lists, in each event union: kept
/// whole in the catch-all, written back exactly, reported by `validate()`,
/// wherever its `type` stands.
#[test]
fn an_unknown_event_is_kept_whole_and_reported() {
    use realtime_types::*;
    let event = serde_json::json!({"event_id": "event_1", "delta": {"nested": [1, 2.5, null]}, "type": "response.output_video.delta", "z": true});
    fn check<T: DeserializeOwned + Serialize + Validate + Debug>(event: &Value, other: fn(&T) -> Option<&Value>) {
        let text = event.to_string();
        let parsed: T = serde_json::from_str(&text).unwrap();
        assert_eq!(other(&parsed), Some(event), "{parsed:?}");
        assert_eq!(serde_json::to_string(&parsed).unwrap(), text, "written back byte for byte");
        let errors = parsed.validate().unwrap_err();
        let found: Vec<(&str, &str)> = errors.iter().map(|e| (e.path(), e.keyword())).collect();
        assert_eq!(found.len(), 1, "{errors}");
        assert_eq!(found[0].0, "");
    }
    check::<RealtimeServerEvent>(&event, |e| if let RealtimeServerEvent::Other(v) = e { Some(v) } else { None });
    check::<RealtimeClientEvent>(&event, |e| if let RealtimeClientEvent::Other(v) = e { Some(v) } else { None });
    check::<RealtimeBetaServerEvent>(
        &event,
        |e| if let RealtimeBetaServerEvent::Other(v) = e { Some(v) } else { None },
    );
    check::<RealtimeBetaClientEvent>(
        &event,
        |e| if let RealtimeBetaClientEvent::Other(v) = e { Some(v) } else { None },
    );
    // A known event, with its `type` last: read by the tag all the same.
    let last: RealtimeServerEvent =
        serde_json::from_str(r#"{"event_id": "e", "response_id": "r", "item_id": "i", "output_index": 0, "content_index": 0, "delta": "Hi", "type": "response.output_audio_transcript.delta"}"#).unwrap();
    assert!(
        matches!(last, RealtimeServerEvent::ResponseOutputAudioTranscriptDelta(ref d) if d.delta == "Hi"),
        "{last:?}"
    );
}

/// The entry points cover the protocol: each event union has a variant per
/// event type the spec lists (11 and 46 for GA, 12 and 43 for beta), plus
/// the catch-all, as `docs/mapping.md` says.
#[test]
fn each_event_union_has_a_variant_per_event_type() {
    let source = std::fs::read_to_string(common::root().join("generated/src/types.rs")).unwrap();
    let file = syn::parse_file(&source).unwrap();
    let variants = |name: &str| {
        file.items
            .iter()
            .find_map(|item| match item {
                syn::Item::Enum(e) if e.ident == name => Some(e.variants.iter().map(|v| v.ident.to_string()).collect()),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no enum {name}"))
    };
    for (union, events) in [
        ("RealtimeClientEvent", 11),
        ("RealtimeServerEvent", 46),
        ("RealtimeBetaClientEvent", 12),
        ("RealtimeBetaServerEvent", 43),
    ] {
        let names: Vec<String> = variants(union);
        assert_eq!(names.last().map(String::as_str), Some("Other"), "{union}: the catch-all comes last");
        assert_eq!(names.len() - 1, events, "{union}: {names:?}");
    }
}
