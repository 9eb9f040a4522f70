//! Every example that upstream gives of a Realtime schema (the 127
//! `x-oaiMeta.example`s of the 2026-08-21 spec) parses into the schema it
//! documents, through the entry point a client would use, and validates;
//! the few that do not are listed below with the reason.

mod common;

use std::fmt::Debug;

use realtime_types::Validate;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Examples that do not parse and validate, and why. Where real servers
/// contradict an example, the servers win (see tests/captures/expected.tsv).
const EXCEPTIONS: &[(&str, &str)] = &[
    ("RealtimeBetaServerEventResponseAudioDelta", BETA_NAMES),
    ("RealtimeBetaServerEventResponseAudioDone", BETA_NAMES),
    ("RealtimeBetaServerEventResponseAudioTranscriptDelta", BETA_NAMES),
    ("RealtimeBetaServerEventResponseAudioTranscriptDone", BETA_NAMES),
    ("RealtimeBetaServerEventResponseTextDelta", BETA_NAMES),
    ("RealtimeBetaServerEventResponseTextDone", BETA_NAMES),
    (
        "RealtimeBetaServerEventConversationItemRetrieved",
        "the example's `type` is `conversation.item.created`: it is a copy of that event's example",
    ),
    (
        "RealtimeBetaClientEventResponseCreate",
        "its second event's `input` holds an `item_reference`, which RealtimeConversationItem does not list",
    ),
    (
        "RealtimeClientEventResponseCreate",
        "its second event's `input` holds an `item_reference`, which RealtimeConversationItem does not list",
    ),
    (
        "RealtimeClientEventTranscriptionSessionUpdate",
        "`transcription_session.update` is not in upstream's GA RealtimeClientEvent (GA updates a transcription session with session.update)",
    ),
    (
        "RealtimeServerEventTranscriptionSessionUpdated",
        "`transcription_session.updated` is not in upstream's GA RealtimeServerEvent",
    ),
    ("RealtimeServerEventInputAudioBufferDtmfEventReceived", "the example's `type` begins with a space"),
    (
        "RealtimeTranscriptionSessionCreateResponseGA",
        "the example's `audio.input.format` is the beta string `pcm16`, not a GA format object",
    ),
];

/// Why the beta events' examples fail: they use the GA names.
const BETA_NAMES: &str = "the example uses the GA event name; beta servers send the beta name (response.audio.delta and so on: captures in tests/captures/expected.tsv, and the 2025-07-04 spec)";

/// The prefixes of the schemas that are not in the fragment, and why.
const NOT_GENERATED: &[(&str, &str)] = &[(
    "RealtimeTranslation",
    "the translation interface (its own events and sessions) is not among the fragment's roots",
)];

/// Parses `example` as `T` and validates it: the type it landed in, or why not.
fn read<T: DeserializeOwned + Serialize + Validate + Debug>(example: &Value) -> Result<String, String> {
    let value: T = serde_json::from_value(example.clone()).map_err(|e| format!("parse error: {e}"))?;
    value.validate().map_err(|e| format!("invalid: {e}"))?;
    let written = serde_json::to_value(&value).unwrap();
    serde_json::from_value::<T>(written).map_err(|e| format!("does not parse back: {e}"))?;
    // The type a union's variant holds, or the struct's own.
    let debug = format!("{value:?}");
    let (outer, inner) = common::debug_names(&debug);
    Ok(inner.unwrap_or(outer).to_owned())
}

/// Reads an example of schema `name` through the entry point for it: an
/// event through its interface's union, anything else as itself.
fn read_example(name: &str, example: &Value) -> Result<String, String> {
    let unions = ["RealtimeBetaClientEvent", "RealtimeBetaServerEvent", "RealtimeClientEvent", "RealtimeServerEvent"];
    let entry = unions.into_iter().find(|union| name.starts_with(union)).unwrap_or(name);
    let read = common::entry_point!(entry, read as fn(&Value) -> Result<String, String>)
        .ok_or_else(|| format!("no entry point for {name}"))?;
    read(example)
}

#[test]
fn every_upstream_example_parses_into_the_schema_it_documents() {
    let examples = common::realtime_examples(common::NEWEST_SPEC);
    let mut schemas: Vec<&str> = examples.iter().map(|(name, _)| name.as_str()).collect();
    schemas.dedup();
    // Two examples hold two events each (see `common::BROKEN_EXAMPLES`).
    assert_eq!((schemas.len(), examples.len()), (127, 129), "the realtime schemas' examples");
    let mut wrong = Vec::new();
    let (mut read_ok, mut skipped, mut excepted) = (0, 0, 0);
    for name in schemas {
        if NOT_GENERATED.iter().any(|(prefix, _)| name.starts_with(prefix)) {
            skipped += 1;
            continue;
        }
        // Every event of the schema's example lands in the schema's type.
        let problems: Vec<String> = examples
            .iter()
            .filter(|(n, _)| n == name)
            .filter_map(|(_, example)| match read_example(name, example) {
                Ok(held) if held == xtask::naming::type_name(name) => None,
                Ok(held) => Some(format!("landed in {held}")),
                Err(why) => Some(why),
            })
            .collect();
        match (problems.is_empty(), EXCEPTIONS.iter().any(|(n, _)| *n == name)) {
            (true, false) => read_ok += 1,
            (false, true) => excepted += 1,
            (true, true) => wrong.push(format!("{name}: now reads fine; remove it from EXCEPTIONS")),
            (false, false) => wrong.push(format!("{name}: {}", problems.join("; "))),
        }
    }
    assert!(wrong.is_empty(), "upstream examples:\n{}", wrong.join("\n"));
    assert_eq!((read_ok + skipped + excepted, excepted), (127, EXCEPTIONS.len()));
    eprintln!("{read_ok} schemas' examples read into their schema; {skipped} not generated; {excepted} exceptions");
}
