//! A Realtime client's loop over the GA interface, as `realtime-types` is
//! meant to be used: build and send `session.update`, then dispatch on the
//! server's events, one JSON object a line. It prints the transcript as its
//! deltas arrive, totals the tokens of every `response.done`, reports
//! `error` events, and reads on past event types this version of the spec
//! does not know.
//!
//! Run it over a recorded stream (the socket is left out: any WebSocket
//! client carries these lines):
//!
//! ```sh
//! cargo run -p realtime-tests --example client_loop < events.jsonl
//! ```
//!
//! `tests/tests/client_loop.rs` runs it over a stream recorded from real
//! servers' events.

use std::io::{BufRead, Write};

use realtime_types::{
    RealtimeClientEvent, RealtimeClientEventSessionUpdate, RealtimeServerEvent, RealtimeSessionCreateRequestGa,
    Validate,
};

// README loop begins
/// What a conversation came to.
#[derive(Debug, Default, PartialEq)]
pub struct Summary {
    pub transcript: String,
    pub total_tokens: i64,
    pub errors: Vec<String>,
    /// Event types the spec does not list: kept, reported, not fatal.
    pub unknown: Vec<String>,
}

/// Sends `session.update` on `send`, then reads server events from `events`.
pub fn run(events: impl BufRead, mut send: impl Write) -> std::io::Result<Summary> {
    // Only the fields you set are sent; the event's `type` (and the
    // session's) is filled in by `new` and `Default`.
    let mut session = RealtimeSessionCreateRequestGa::default();
    session.instructions = Some("Be brief.".into());
    let update: RealtimeClientEvent = RealtimeClientEventSessionUpdate::new(session).into();
    writeln!(send, "{}", serde_json::to_string(&update)?)?;

    let mut summary = Summary::default();
    for line in events.lines() {
        let event: RealtimeServerEvent = match serde_json::from_str(&line?) {
            Ok(event) => event,
            Err(e) => {
                summary.errors.push(format!("unreadable event: {e}"));
                continue;
            }
        };
        // Parsing is lenient; `validate()` says where an event breaks the
        // spec (and reports an unknown `type`, handled below).
        if let (false, Err(errors)) = (matches!(event, RealtimeServerEvent::Other(_)), event.validate()) {
            summary.errors.push(format!("invalid event: {errors}"));
        }
        match event {
            RealtimeServerEvent::ResponseOutputAudioTranscriptDelta(delta) => {
                print!("{}", delta.delta);
                summary.transcript.push_str(&delta.delta);
            }
            RealtimeServerEvent::ResponseDone(done) => {
                summary.total_tokens +=
                    done.response.usage.into_value().and_then(|usage| usage.total_tokens).unwrap_or(0);
            }
            RealtimeServerEvent::Error(error) => summary.errors.push(error.error.message),
            // A newer server's event: the whole object is kept.
            RealtimeServerEvent::Other(event) => summary.unknown.push(event["type"].to_string()),
            _ => {}
        }
    }
    Ok(summary)
}
// README loop ends

#[allow(dead_code)] // the tests call `run`
fn main() -> std::io::Result<()> {
    let summary = run(std::io::stdin().lock(), std::io::stdout().lock())?;
    eprintln!("\n{summary:#?}");
    Ok(())
}
