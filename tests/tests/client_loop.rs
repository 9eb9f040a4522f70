//! The client loop of `examples/client_loop.rs`, run over a recorded stream
//! of GA server events: real captures from `../shared/realtime-captures/`,
//! upstream's own examples of the transcript deltas (no capture has a GA
//! one), and an event type from a server newer than the spec.

#[path = "../examples/client_loop.rs"]
mod client_loop;
mod common;

use serde_json::{Value, json};

/// A capture's JSON, on one line.
fn capture(file: &str) -> String {
    let text = std::fs::read_to_string(common::shared("realtime-captures").join(file)).unwrap();
    serde_json::from_str::<Value>(&text).unwrap().to_string()
}

/// Upstream's example of a GA transcript delta, with this text.
fn transcript_delta(text: &str) -> String {
    let examples = common::upstream_examples(common::NEWEST_SPEC, &["response.output_audio_transcript.delta"]);
    let (_, example) =
        examples.iter().find(|(name, _)| name == "RealtimeServerEventResponseAudioTranscriptDelta").unwrap();
    let mut event = example.clone();
    event["delta"] = json!(text);
    event.to_string()
}

#[test]
fn the_client_loop_sends_session_update_and_reads_a_recorded_stream() {
    let stream = [
        capture("fwaris__RTOpenAI__specdup-response-created-marin.json"),
        transcript_delta("Hello"),
        transcript_delta(", how can I help?"),
        // From a server newer than the spec: kept, and the loop reads on.
        json!({"type": "response.output_video.delta", "event_id": "event_9", "delta": "AAAA"}).to_string(),
        capture("fwaris__RTOpenAI__response-done-completed-transcript.json"),
        capture("fwaris__RTOpenAI__specdup-rate-limits-updated.json"),
        capture("unknown__rust-10__error-response-cancel-not-active.json"),
        capture("fwaris__RTOpenAI__response-done-function-call.json"),
    ]
    .join("\n");
    let mut sent = Vec::new();
    let summary = client_loop::run(stream.as_bytes(), &mut sent).unwrap();

    // The one event sent: a GA session.update whose tags were filled in.
    let sent: Value = serde_json::from_slice(&sent).unwrap();
    assert_eq!(sent, json!({"type": "session.update", "session": {"type": "realtime", "instructions": "Be brief."}}));

    let usage = |file: &str| {
        let event: Value = serde_json::from_str(&capture(file)).unwrap();
        event["response"]["usage"]["total_tokens"].as_i64().unwrap()
    };
    let tokens = usage("fwaris__RTOpenAI__response-done-completed-transcript.json")
        + usage("fwaris__RTOpenAI__response-done-function-call.json");
    let error: Value =
        serde_json::from_str(&capture("unknown__rust-10__error-response-cancel-not-active.json")).unwrap();
    assert_eq!(
        summary,
        client_loop::Summary {
            transcript: "Hello, how can I help?".into(),
            total_tokens: tokens,
            errors: vec![error["error"]["message"].as_str().unwrap().to_owned()],
            unknown: vec!["\"response.output_video.delta\"".into()],
        }
    );
    assert!(tokens > 0);
}
