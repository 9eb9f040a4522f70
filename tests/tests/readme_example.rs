//! The usage example in README.md, compiled and run. The test below checks
//! that the README shows exactly the code between the markers.

// README example begins
use realtime_types::{
    FromStrError, Nullable, RealtimeBetaClientEvent, RealtimeBetaClientEventSessionUpdate, RealtimeBetaServerEvent,
    RealtimeSession, RealtimeSessionCreateRequest, RealtimeSessionMaxResponseOutputTokens, Validate, VoiceIdsShared,
};
use serde_json::json;

#[test]
fn build_a_session_update_and_parse_a_session_created() {
    // Build a beta `session.update`: only the fields you set are sent.
    let mut session = RealtimeSessionCreateRequest::default();
    session.instructions = Some("Be brief.".into());
    session.turn_detection = Nullable::Null; // explicit null: turn voice activity detection off
    let update: RealtimeBetaClientEvent = RealtimeBetaClientEventSessionUpdate::new(session).into();
    assert_eq!(
        serde_json::to_value(&update).unwrap(),
        json!({"type": "session.update", "session": {"instructions": "Be brief.", "turn_detection": null}})
    );

    // Parse a `session.created`, by its `type`. Values newer than the spec (a
    // new voice) are kept; fields it does not know are ignored.
    let event: RealtimeBetaServerEvent = serde_json::from_value(json!({
        "type": "session.created",
        "event_id": "event_1",
        "session": {"id": "sess_123", "voice": "juniper", "turn_detection": {"type": "server_vad"}, "tracing": null,
                    "max_response_output_tokens": "inf", "client_secret": null}
    }))
    .unwrap();
    let RealtimeBetaServerEvent::SessionCreated(created) = event else { panic!("{event:?}") };
    let session: RealtimeSession = created.session;
    assert_eq!(session.voice, Some(VoiceIdsShared::Other("juniper".into())));
    assert!(session.tracing.is_null());
    assert!(matches!(session.max_response_output_tokens, Some(RealtimeSessionMaxResponseOutputTokens::Inf(_))));
    assert_eq!(session.speed_or_default(), 1.0); // the spec's default; not sent
    assert!(session.validate().is_ok());

    // Parsing is lenient, validation exact: every violation, with where and why.
    let session: RealtimeSession =
        serde_json::from_str(r#"{"temperature": 1.5, "modalities": ["text", "video"]}"#).unwrap();
    let errors = session.validate().unwrap_err();
    let found: Vec<(&str, &str)> = errors.iter().map(|e| (e.path(), e.keyword())).collect();
    assert_eq!(found, [("/modalities/1", "enum"), ("/temperature", "maximum")]);
    assert_eq!(errors.iter().nth(1).unwrap().to_string(), "/temperature: must be at most 1.2, got 1.5");

    // Or both in one call.
    match realtime_types::from_str::<RealtimeSession>(r#"{"max_response_output_tokens": 5000}"#) {
        Err(FromStrError::Invalid(errors)) => assert_eq!(errors.len(), 1),
        other => panic!("{other:?}"),
    }
}
// README example ends

#[test]
fn the_readme_shows_this_example() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
    let between = |source: &'static str, begin: &str, end: &str| {
        let start = source.find(begin).unwrap() + begin.len();
        &source[start..source.find(end).unwrap()]
    };
    let example = between(include_str!("readme_example.rs"), "// README example begins\n", "// README example ends");
    assert!(
        readme.contains(example),
        "README.md's usage example must be exactly the code in tests/tests/readme_example.rs"
    );
    let client_loop =
        between(include_str!("../examples/client_loop.rs"), "// README loop begins\n", "// README loop ends");
    assert!(
        readme.contains(client_loop),
        "README.md's client loop must be exactly the one in tests/examples/client_loop.rs"
    );
}
