//! The newest upstream spec (2026-08-21) through the types generated from
//! its unmodified `RealtimeSession` (`tests/realtime-2026`): its own example
//! events, and its tagged union `RealtimeTurnDetection` (a `oneOf` with a
//! `discriminator` whose branches fix `type` by `const`).

mod common;

use realtime_types_2026::{Nullable, RealtimeSession, RealtimeTurnDetection, Validate};
use serde_json::{Value, json};

/// Upstream examples that are valid JSON but not valid against the spec,
/// with the errors expected. None, as of 2026-08-21; a new one must be
/// listed here with its reason, never silently skipped.
const INVALID_EXAMPLES: &[(&str, &str)] = &[];

#[test]
fn every_session_example_parses_validates_and_serializes_back() {
    let examples =
        common::upstream_examples(common::NEWEST_SPEC, &["session.created", "session.updated", "session.update"]);
    assert_eq!(examples.len(), 9, "three event kinds in the GA, beta and translation APIs");
    for (name, event) in &examples {
        let session: RealtimeSession = serde_json::from_value(event["session"].clone())
            .unwrap_or_else(|e| panic!("{name}: the example's session does not parse: {e}"));
        match (session.validate(), INVALID_EXAMPLES.iter().find(|(n, _)| n == name)) {
            (Ok(()), None) => {}
            (Err(errors), Some((_, expected))) => assert_eq!(&errors.to_string(), expected, "{name}"),
            (Ok(()), Some(_)) => panic!("{name} validates now; remove it from INVALID_EXAMPLES"),
            (Err(errors), None) => panic!("{name}: {errors}"),
        }
        let again: RealtimeSession = serde_json::from_value(serde_json::to_value(&session).unwrap()).unwrap();
        assert_eq!(again, session, "{name}: what is sent back parses to the same value");
    }
}

fn turn_detection(value: Value) -> Result<RealtimeSession, serde_json::Error> {
    serde_json::from_value(json!({ "turn_detection": value }))
}

#[test]
fn the_tag_picks_the_variant_and_a_bare_server_vad_is_enough() {
    let session = turn_detection(json!({"type": "server_vad"})).unwrap();
    let Nullable::Value(RealtimeTurnDetection::ServerVad(vad)) = &session.turn_detection else {
        panic!("{:?}", session.turn_detection)
    };
    assert_eq!(vad.threshold, None);
    assert!(session.validate().is_ok());
    let session = turn_detection(json!({"type": "semantic_vad", "eagerness": "high"})).unwrap();
    assert!(matches!(session.turn_detection, Nullable::Value(RealtimeTurnDetection::SemanticVad(_))));
    // The variant's own `type` is kept, so it is sent back as it came.
    assert_eq!(serde_json::to_value(&session).unwrap()["turn_detection"]["type"], "semantic_vad");
    assert_eq!(turn_detection(Value::Null).unwrap().turn_detection, Nullable::Null);
}

#[test]
fn an_unknown_tag_parses_and_validation_names_it() {
    let session = turn_detection(json!({"type": "future_vad", "sensitivity": 3})).unwrap();
    let Nullable::Value(RealtimeTurnDetection::Other(kept)) = &session.turn_detection else {
        panic!("{:?}", session.turn_detection)
    };
    assert_eq!(kept["sensitivity"], 3, "kept whole, so nothing is lost");
    let errors = session.validate().unwrap_err();
    let error = errors.iter().next().unwrap();
    assert_eq!((error.path(), error.keyword()), ("/turn_detection", "oneOf"));
    assert_eq!(
        error.to_string(),
        r#"/turn_detection: `type` must be one of "server_vad", "semantic_vad", got "future_vad""#
    );
}

#[test]
fn errors_come_from_the_tagged_branch_only() {
    // Only `server_vad` is tried: its error names its own field.
    let error = turn_detection(json!({"type": "server_vad", "threshold": "high"})).unwrap_err().to_string();
    assert!(error.contains("expected f64"), "{error}");
    // A field of the other branch is unknown here, and unknown fields are dropped.
    assert!(turn_detection(json!({"type": "server_vad", "eagerness": "high"})).is_ok());
    let error = turn_detection(json!({"threshold": 0.5})).unwrap_err().to_string();
    assert!(error.contains("expected an object with a string `type`"), "{error}");
    let error = turn_detection(json!({"type": 1})).unwrap_err().to_string();
    assert!(error.contains("expected an object with a string `type`"), "{error}");
}

#[test]
fn branch_constraints_are_validated_at_their_path() {
    let session = turn_detection(json!({"type": "server_vad", "idle_timeout_ms": 100})).unwrap();
    let errors = session.validate().unwrap_err();
    let error = errors.iter().next().unwrap();
    assert_eq!((error.path(), error.keyword()), ("/turn_detection/idle_timeout_ms", "minimum"));
}
