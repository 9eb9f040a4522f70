//! Real payloads parse into `RealtimeSession` and survive a round trip.
//!
//! The upstream examples come from the newest spec (2026-08-21), so they
//! carry fields and values that the 2025-07-04 fragment does not know: new
//! models and voices (kept in `Other`), and new properties (`object`,
//! `expires_at`, `prompt`, `include`, ...), which are dropped.

mod common;

use realtime_types_2025::{
    Nullable, RealtimeSession, RealtimeSessionInputAudioFormat, RealtimeSessionMaxResponseOutputTokens,
    RealtimeSessionModel, RealtimeSessionTurnDetectionType, VoiceIdsShared,
};
use serde_json::{Value, json};

const NEWEST: &str = "upstream/openai-openapi-2026-08-21.yaml";

/// Parse, serialize, parse again: the typed values agree, and the JSON keeps
/// exactly the known part of the input.
fn assert_round_trip(label: &str, session_json: &Value) -> RealtimeSession {
    let spec = common::resolved_spec();
    let parsed: RealtimeSession = serde_json::from_value(session_json.clone())
        .unwrap_or_else(|e| panic!("{label}: does not parse: {e}\n{session_json:#}"));
    let written = serde_json::to_value(&parsed).unwrap();
    let reparsed: RealtimeSession = serde_json::from_value(written.clone()).unwrap();
    assert_eq!(parsed, reparsed, "{label}: parse -> serialize -> parse is the identity");
    let expected = common::known_part(session_json, &spec.schemas["RealtimeSession"], &spec);
    assert_eq!(written, expected, "{label}: every known field keeps its JSON value, unknown ones are dropped");
    parsed
}

#[test]
fn upstream_session_examples_parse_and_round_trip() {
    let examples = common::upstream_examples(NEWEST, &["session.created", "session.updated", "session.update"]);
    // Beta, GA and translation variants of each of the three events.
    assert_eq!(examples.len(), 9, "found {:?}", examples.iter().map(|(n, _)| n).collect::<Vec<_>>());
    for (schema, event) in &examples {
        assert_round_trip(schema, &event["session"]);
    }
}

#[test]
fn session_created_example_keeps_new_values_and_drops_new_fields() {
    let examples = common::upstream_examples(NEWEST, &["session.created"]);
    let (_, event) = examples
        .iter()
        .find(|(name, _)| name == "RealtimeBetaServerEventSessionCreated")
        .expect("the beta session.created example");
    let session = assert_round_trip("session.created", &event["session"]);
    assert_eq!(session.model, Some(RealtimeSessionModel::Other("gpt-realtime-2025-08-28".into())));
    assert_eq!(session.voice, Some(VoiceIdsShared::Other("marin".into())));
    assert_eq!(
        session.max_response_output_tokens,
        Some(RealtimeSessionMaxResponseOutputTokens::Inf(Default::default()))
    );
    let written = serde_json::to_value(&session).unwrap();
    for dropped in ["object", "expires_at", "prompt", "include"] {
        assert!(
            event["session"].get(dropped).is_some() && written.get(dropped).is_none(),
            "`{dropped}` is not echoed back"
        );
    }
}

#[test]
fn payloads_that_peer_libraries_reject() {
    // async-openai rejects these; typify's output fails on every voice.
    let cases = [
        json!({"input_audio_format": "g711_ulaw", "output_audio_format": "g711_alaw"}),
        json!({"turn_detection": {"type": "server_vad"}}),
        json!({"turn_detection": {"type": "semantic_vad", "eagerness": "high", "create_response": false}}),
        json!({"voice": "ash"}),
        json!({"voice": "a-voice-from-2027"}),
        json!({"modalities": ["text"]}),
        json!({"modalities": ["text", "audio"], "temperature": 0.8, "speed": 1.5}),
        json!({"max_response_output_tokens": 4096}),
        json!({"max_response_output_tokens": "inf"}),
        json!({"tracing": "auto"}),
        json!({"tracing": {"workflow_name": "w", "group_id": "g", "metadata": {"k": [1, {"deep": null}]}}}),
        json!({"tools": [{"type": "function", "name": "f", "description": "d", "parameters": {"type": "object", "properties": {}}}], "tool_choice": "required"}),
        json!({"input_audio_transcription": {"model": "whisper-1"}, "input_audio_noise_reduction": {"type": "far_field"}}),
        json!({}),
    ];
    for case in &cases {
        assert_round_trip(&case.to_string(), case);
    }
}

#[test]
fn typed_values_are_what_the_json_says() {
    let session: RealtimeSession = serde_json::from_value(json!({"input_audio_format": "g711_ulaw", "turn_detection": {"type": "server_vad"}, "max_response_output_tokens": 512})).unwrap();
    assert_eq!(session.input_audio_format, Some(RealtimeSessionInputAudioFormat::G711Ulaw));
    assert_eq!(session.max_response_output_tokens, Some(RealtimeSessionMaxResponseOutputTokens::Integer(512)));
    let turn_detection = session.turn_detection.value().expect("turn detection is set");
    assert_eq!(turn_detection.r#type, Some(RealtimeSessionTurnDetectionType::ServerVad));
    assert_eq!(turn_detection.threshold, None, "absent stays absent");
}

#[test]
fn unknown_enum_values_are_kept_not_rejected() {
    let session: RealtimeSession =
        serde_json::from_value(json!({"input_audio_format": "opus", "modalities": ["text", "video"]})).unwrap();
    assert_eq!(session.input_audio_format, Some(RealtimeSessionInputAudioFormat::Other("opus".into())));
    assert_eq!(
        serde_json::to_value(&session).unwrap(),
        json!({"input_audio_format": "opus", "modalities": ["text", "video"]})
    );
}

#[test]
fn single_value_enums_accept_exactly_their_value() {
    assert!(serde_json::from_value::<RealtimeSession>(json!({"tools": [{"type": "function"}]})).is_ok());
    assert!(serde_json::from_value::<RealtimeSession>(json!({"tools": [{"type": "mcp"}]})).is_err());
    assert!(serde_json::from_value::<RealtimeSession>(json!({"max_response_output_tokens": "infinite"})).is_err());
    assert!(serde_json::from_value::<RealtimeSession>(json!({"tracing": "manual"})).is_err());
}

#[test]
fn wrong_types_are_parse_errors() {
    for case in [
        json!({"speed": "fast"}),
        json!({"modalities": "text"}),
        json!({"max_response_output_tokens": 1.5}),
        json!({"instructions": null}),
        json!({"turn_detection": []}),
        json!({"tools": [[]]}),
        json!([]),
        json!({"speed": null}),
    ] {
        assert!(serde_json::from_value::<RealtimeSession>(case.clone()).is_err(), "{case} is rejected");
    }
}

#[test]
fn null_absent_and_value_are_three_states() {
    for (input, expected) in [
        (json!({"turn_detection": null}), Nullable::Null),
        (json!({}), Nullable::Absent),
        (json!({"turn_detection": {"type": "server_vad"}}), Nullable::Value(json!({"type": "server_vad"}))),
    ] {
        let session: RealtimeSession = serde_json::from_value(input.clone()).unwrap();
        let state = session.turn_detection.as_ref().map(|t| serde_json::to_value(t).unwrap());
        assert_eq!(state, expected, "{input}");
        assert_eq!(serde_json::to_value(&session).unwrap(), input, "{input} round-trips exactly");
    }
}

#[test]
fn optional_properties_that_may_not_be_null_refuse_null() {
    // Read by `de::ObjectOnly` (no per-field `deserialize_with`): `null` goes
    // to the value's own type, with that type's error, from the map and
    // from a buffered (untagged) input alike, and other keys are untouched.
    for key in ["instructions", "speed", "modalities", "voice"] {
        let input = json!({ key: null });
        let error = serde_json::from_value::<RealtimeSession>(input.clone()).unwrap_err().to_string();
        assert!(error.starts_with("invalid type: null"), "{input}: {error}");
        let text = input.to_string();
        assert!(serde_json::from_str::<RealtimeSession>(&text).is_err(), "{text}");
    }
    let session: RealtimeSession = serde_json::from_str(r#"{"instructions": "x", "unknown": null}"#).unwrap();
    assert_eq!(session.instructions.as_deref(), Some("x"));
}

#[test]
fn spec_defaults_are_exposed_but_never_sent() {
    let session = RealtimeSession::default();
    assert_eq!(serde_json::to_value(&session).unwrap(), json!({}));
    assert_eq!(session.speed_or_default(), 1.0);
    assert_eq!(RealtimeSession::TEMPERATURE_DEFAULT, 0.8);
    assert_eq!(session.input_audio_format_or_default(), RealtimeSessionInputAudioFormat::Pcm16);
    assert_eq!(session.tool_choice_or_default(), "auto");
    let mut set = RealtimeSession::default();
    set.speed = Some(1.2);
    assert_eq!(set.speed_or_default(), 1.2);
}

#[test]
fn building_a_session_update() {
    let mut session = RealtimeSession::default();
    session.instructions = Some("Be brief.".into());
    session.voice = Some(VoiceIdsShared::Ash);
    session.turn_detection = Nullable::Null;
    session.max_response_output_tokens = Some(RealtimeSessionMaxResponseOutputTokens::Integer(1024));
    let event = json!({"type": "session.update", "session": session});
    assert_eq!(
        event,
        json!({"type": "session.update", "session": {"instructions": "Be brief.", "voice": "ash", "turn_detection": null, "max_response_output_tokens": 1024}})
    );
}
