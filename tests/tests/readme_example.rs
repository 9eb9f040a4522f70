//! The usage example in README.md, compiled and run. The test below checks
//! that the README shows exactly the code between the markers.

// README example begins
use realtime_types_2025::{
    FromStrError, Nullable, RealtimeSession, RealtimeSessionMaxResponseOutputTokens, Validate, VoiceIdsShared,
};
use serde_json::json;

#[test]
fn build_a_session_update_and_parse_a_session_created() {
    // Build a `session.update`: only the fields you set are sent.
    let session = RealtimeSession {
        instructions: Some("Be brief.".into()),
        voice: Some(VoiceIdsShared::Ash),
        turn_detection: Nullable::Null, // explicit null: turn voice activity detection off
        max_response_output_tokens: Some(RealtimeSessionMaxResponseOutputTokens::Integer(1024)),
        ..RealtimeSession::default()
    };
    let update = json!({"type": "session.update", "session": session});
    assert_eq!(
        update["session"],
        json!({"instructions": "Be brief.", "voice": "ash", "turn_detection": null, "max_response_output_tokens": 1024})
    );

    // Parse the `session` of a `session.created`. Values newer than the spec
    // (a new voice) are kept; fields it does not know (`object`) are ignored.
    let created: RealtimeSession = serde_json::from_value(json!({
        "object": "realtime.session",
        "id": "sess_123",
        "voice": "marin",
        "turn_detection": {"type": "server_vad", "threshold": 0.5},
        "tracing": null
    }))
    .unwrap();
    assert_eq!(created.voice, Some(VoiceIdsShared::Other("marin".into())));
    assert!(created.tracing.is_null());
    assert_eq!(created.speed_or_default(), 1.0); // the spec's default; not sent
    assert!(created.validate().is_ok());

    // Parsing is lenient, validation exact: every violation, with where and why.
    let session: RealtimeSession =
        serde_json::from_str(r#"{"temperature": 1.5, "modalities": ["text", "video"]}"#).unwrap();
    let errors = session.validate().unwrap_err();
    let found: Vec<(&str, &str)> = errors.iter().map(|e| (e.path(), e.keyword())).collect();
    assert_eq!(found, [("/modalities/1", "enum"), ("/temperature", "maximum")]);
    assert_eq!(errors.iter().nth(1).unwrap().to_string(), "/temperature: must be at most 1.2, got 1.5");

    // Or both in one call.
    match realtime_types_2025::from_str::<RealtimeSession>(r#"{"max_response_output_tokens": 5000}"#) {
        Err(FromStrError::Invalid(errors)) => assert_eq!(errors.len(), 1),
        other => panic!("{other:?}"),
    }
}
// README example ends

#[test]
fn the_readme_shows_this_example() {
    let source = include_str!("readme_example.rs");
    let begin = source.find("// README example begins\n").unwrap() + "// README example begins\n".len();
    let end = source.find("// README example ends").unwrap();
    let example = &source[begin..end];
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
    assert!(
        readme.contains(example),
        "README.md's usage example must be exactly the code in tests/tests/readme_example.rs"
    );
}
