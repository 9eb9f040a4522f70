//! `validate()` on `RealtimeSession`: the overlay's bounds are enforced,
//! every violation is reported with its JSON Pointer, and real payloads
//! validate clean except where they use values newer than this spec.

mod common;

use realtime_types_2025::{FromStrError, RealtimeSession, Validate};
use serde_json::{Value, json};

fn violations(instance: Value) -> Vec<(String, String)> {
    let session: RealtimeSession =
        serde_json::from_value(instance.clone()).unwrap_or_else(|e| panic!("{instance} parses: {e}"));
    match session.validate() {
        Ok(()) => Vec::new(),
        Err(errors) => errors.iter().map(|e| (e.path().to_owned(), e.keyword().to_owned())).collect(),
    }
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected.iter().map(|(p, k)| ((*p).to_owned(), (*k).to_owned())).collect()
}

/// Upstream examples that use values newer than the 2025-07-04 spec: the
/// error each must produce. Everything else in them validates clean.
const NEWER_THAN_THE_SPEC: &[(&str, &str, &str, &str)] = &[
    ("RealtimeBetaServerEventSessionCreated", "/model", "enum", "gpt-realtime-2025-08-28"),
    ("RealtimeBetaServerEventSessionUpdated", "/model", "enum", "gpt-realtime"),
    ("RealtimeServerEventSessionCreated", "/model", "enum", "gpt-realtime-2025-08-28"),
    ("RealtimeServerEventSessionUpdated", "/model", "enum", "gpt-realtime-2025-08-28"),
    ("RealtimeTranslationServerEventSessionCreated", "/model", "enum", "gpt-realtime-translate"),
    ("RealtimeTranslationServerEventSessionUpdated", "/model", "enum", "gpt-realtime-translate"),
];

#[test]
fn upstream_examples_validate_except_for_newer_models() {
    let examples = common::upstream_examples(
        "upstream/openai-openapi-2026-08-21.yaml",
        &["session.created", "session.updated", "session.update"],
    );
    assert_eq!(examples.len(), 9);
    for (name, event) in &examples {
        let session: RealtimeSession = serde_json::from_value(event["session"].clone()).unwrap();
        let found: Vec<(String, String, String)> = match session.validate() {
            Ok(()) => Vec::new(),
            Err(errors) => {
                errors.iter().map(|e| (e.path().to_owned(), e.keyword().to_owned(), e.to_string())).collect()
            }
        };
        let expected: Vec<_> = NEWER_THAN_THE_SPEC.iter().filter(|(n, ..)| n == name).collect();
        assert_eq!(found.len(), expected.len(), "{name}: {found:?}");
        for ((path, keyword, message), (_, want_path, want_keyword, value)) in found.iter().zip(&expected) {
            assert_eq!((path.as_str(), keyword.as_str()), (*want_path, *want_keyword), "{name}");
            assert!(message.contains(&format!("got {value:?}")), "{name}: {message}");
        }
    }
}

#[test]
fn the_nulls_servers_send_are_valid() {
    let session = json!({
        "tracing": null, "turn_detection": null, "input_audio_noise_reduction": null,
        "input_audio_transcription": {"model": "whisper-1", "language": null, "prompt": null}
    });
    assert_eq!(violations(session), []);
    assert_eq!(violations(json!({"input_audio_transcription": null})), []);
}

#[test]
fn overlay_bounds_are_enforced_at_their_edges() {
    for (instance, expected) in [
        (json!({"temperature": 0.6}), vec![]),
        (json!({"temperature": 1.2}), vec![]),
        (json!({"temperature": 0.59}), vec![("/temperature", "minimum")]),
        (json!({"temperature": 1.21}), vec![("/temperature", "maximum")]),
        (json!({"max_response_output_tokens": 1}), vec![]),
        (json!({"max_response_output_tokens": 4096}), vec![]),
        (json!({"max_response_output_tokens": 4096.0}), vec![]),
        (json!({"max_response_output_tokens": 0}), vec![("/max_response_output_tokens", "minimum")]),
        (json!({"max_response_output_tokens": 4097}), vec![("/max_response_output_tokens", "maximum")]),
        (json!({"turn_detection": {"threshold": 0.0}}), vec![]),
        (json!({"turn_detection": {"threshold": 1}}), vec![]),
        (json!({"turn_detection": {"threshold": 1.5}}), vec![("/turn_detection/threshold", "maximum")]),
        (json!({"speed": 0.25}), vec![]),
        (json!({"speed": 0.2}), vec![("/speed", "minimum")]),
    ] {
        assert_eq!(violations(instance.clone()), pairs(&expected), "{instance}");
    }
}

#[test]
fn unknown_values_in_closed_enums_are_enum_errors_with_their_index() {
    let found =
        violations(json!({"modalities": ["text", "video"], "input_audio_format": "opus", "voice": "new-voice"}));
    assert_eq!(found, pairs(&[("/modalities/1", "enum"), ("/input_audio_format", "enum")]), "voice is an open set");
    let found = violations(
        json!({"turn_detection": {"type": "magic_vad", "eagerness": "extreme"}, "input_audio_noise_reduction": {"type": "mid_field"}}),
    );
    assert_eq!(
        found,
        pairs(&[
            ("/turn_detection/type", "enum"),
            ("/turn_detection/eagerness", "enum"),
            ("/input_audio_noise_reduction/type", "enum")
        ])
    );
}

#[test]
fn every_violation_is_collected() {
    let found = violations(
        json!({"temperature": 2, "speed": 9, "modalities": ["x", "y"], "max_response_output_tokens": 99999}),
    );
    assert_eq!(found.len(), 5, "{found:?}");
}

#[test]
fn messages_quote_the_limit_and_the_value() {
    let session: RealtimeSession = serde_json::from_value(json!({"temperature": 1.5})).unwrap();
    let errors = session.validate().unwrap_err();
    assert_eq!(errors.iter().next().unwrap().to_string(), "/temperature: must be at most 1.2, got 1.5");
}

#[test]
fn from_str_covers_parse_and_validation_failures() {
    assert!(realtime_types_2025::from_str::<RealtimeSession>(r#"{"temperature": 0.8, "voice": "ash"}"#).is_ok());
    assert!(matches!(
        realtime_types_2025::from_str::<RealtimeSession>(r#"{"temperature": 3}"#),
        Err(FromStrError::Invalid(_))
    ));
    assert!(matches!(
        realtime_types_2025::from_str::<RealtimeSession>(r#"{"temperature": "hot"}"#),
        Err(FromStrError::Parse(_))
    ));
    assert!(
        matches!(realtime_types_2025::from_str::<RealtimeSession>(r#"{"speed": null}"#), Err(FromStrError::Parse(_))),
        "null where the spec forbids it"
    );
}
