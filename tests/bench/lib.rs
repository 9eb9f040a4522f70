//! The benchmark's inputs, by class: what real servers sent
//! (`../shared/realtime-captures/`, read as `tests/captures/expected.tsv`
//! says), the same sessions carrying tools, and two recorded-shape event
//! streams dominated by audio deltas.
//!
//! Every input is JSON text; a class is parsed as a whole, so its time is
//! the time of its inputs one after the other, as a client reads them.

use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// Which type of each contender reads a class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A beta `RealtimeSession` (the object of `session.created`).
    BetaSession,
    /// A beta server event (`RealtimeBetaServerEvent`).
    BetaEvent,
    /// A GA server event (`RealtimeServerEvent`).
    GaEvent,
}

/// One class of inputs.
pub struct Class {
    pub name: &'static str,
    pub about: &'static str,
    pub kind: Kind,
    /// (label, JSON text), in the order they are parsed.
    pub inputs: Vec<(String, String)>,
}

impl Class {
    pub fn bytes(&self) -> usize {
        self.inputs.iter().map(|(_, text)| text.len()).sum()
    }
}

/// The project's root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn captures() -> PathBuf {
    root().join("../shared/realtime-captures")
}

/// (file, type, outcome) of every capture the project reads as valid.
fn valid_captures() -> Vec<(String, String, String)> {
    let path = root().join("tests/captures/expected.tsv");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .skip(1)
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            let outcome = cells.get(2)?;
            outcome.ends_with(" valid").then(|| (cells[0].to_owned(), cells[1].to_owned(), outcome.to_string()))
        })
        .collect()
}

fn read_capture(file: &str) -> Value {
    let path = captures().join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Minified, so that every contender reads the same bytes whatever the
/// capture's whitespace.
fn text(value: &Value) -> String {
    value.to_string()
}

/// The real beta sessions: those read as `RealtimeSession`, and the
/// `session` of every beta `session.created`/`session.updated`.
fn beta_sessions() -> Vec<(String, String)> {
    let mut sessions: Vec<(String, String)> = Vec::new();
    for (file, ty, outcome) in valid_captures() {
        let session = match ty.as_str() {
            "RealtimeSession" => read_capture(&file),
            "RealtimeBetaServerEvent"
                if outcome.starts_with("SessionCreated") || outcome.starts_with("SessionUpdated") =>
            {
                read_capture(&file)["session"].clone()
            }
            _ => continue,
        };
        let session = text(&session);
        if !sessions.iter().any(|(_, seen)| *seen == session) {
            sessions.push((file, session));
        }
    }
    sessions
}

/// A function tool as a client declares it and the server echoes it back.
fn tool(i: usize) -> Value {
    json!({
        "type": "function",
        "name": format!("tool_{i}"),
        "description": "Call this function when a user asks for a color palette.",
        "parameters": {
            "type": "object",
            "properties": {
                "theme": {"type": "string", "description": "Theme."},
                "colors": {"type": "array", "items": {"type": "string"}},
            },
            "required": ["theme", "colors"],
        },
    })
}

fn with_tools(sessions: &[(String, String)]) -> Vec<(String, String)> {
    sessions
        .iter()
        .map(|(label, session)| {
            let mut value: Value = serde_json::from_str(session).unwrap();
            value["tools"] = Value::Array((0..8).map(tool).collect());
            (format!("{label} + 8 tools"), text(&value))
        })
        .collect()
}

fn events_of(ty: &str) -> Vec<(String, String)> {
    valid_captures()
        .into_iter()
        .filter(|(_, t, _)| t == ty)
        .map(|(file, _, _)| {
            let value = read_capture(&file);
            (file, text(&value))
        })
        .collect()
}

/// Base64 of `len` pseudo-random bytes (PCM16 audio is noise to a parser).
fn base64_noise(len: usize, seed: u64) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    let mut out = String::with_capacity(len.div_ceil(3) * 4);
    for _ in 0..len.div_ceil(3) {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let bits = (state >> 40) as u32;
        for shift in [18, 12, 6, 0] {
            out.push(ALPHABET[((bits >> shift) & 63) as usize] as char);
        }
    }
    out
}

/// Names that differ between the two interfaces' streams.
struct Flavour {
    audio_delta: &'static str,
    transcript_delta: &'static str,
    transcript_done: &'static str,
    events: &'static str,
    response_done: fn(&(String, String, String)) -> bool,
}

/// One spoken response as a server streams it: `response.created`, 48 audio
/// deltas of 8–32 KB of base64 with a transcript delta after every other
/// one, the transcript, and `response.done` with its usage, the first and
/// last taken from the captures.
fn stream(flavour: &Flavour) -> Vec<(String, String)> {
    let captured = valid_captures();
    let pick = |prefix: &str| {
        let (file, _, _) = captured
            .iter()
            .find(|row| {
                row.1 == flavour.events
                    && row.2.starts_with(prefix)
                    && (prefix != "ResponseDone " || (flavour.response_done)(row))
            })
            .unwrap_or_else(|| panic!("no {prefix} capture of {}", flavour.events));
        read_capture(file)
    };
    let done = pick("ResponseDone ");
    let created = pick("ResponseCreated ");
    let response_id = done["response"]["id"].as_str().unwrap_or("resp_001").to_owned();
    let ids = |i: usize| json!({"event_id": format!("event_{i:04}"), "response_id": response_id, "item_id": "item_001", "output_index": 0, "content_index": 0});
    let mut events = vec![("response.created".to_owned(), text(&created))];
    let words = ["Hello", " there", "!", " How", " can", " I", " help", " you", " today", "?"];
    for i in 0..48 {
        let mut delta = ids(i);
        delta["type"] = json!(flavour.audio_delta);
        delta["delta"] = json!(base64_noise(6_000 + (i * 2_731) % 18_000, i as u64));
        events.push((flavour.audio_delta.to_owned(), text(&delta)));
        if i % 2 == 0 {
            let mut transcript = ids(1_000 + i);
            transcript["type"] = json!(flavour.transcript_delta);
            transcript["delta"] = json!(words[(i / 2) % words.len()]);
            events.push((flavour.transcript_delta.to_owned(), text(&transcript)));
        }
    }
    let mut transcript = ids(2_000);
    transcript["type"] = json!(flavour.transcript_done);
    transcript["transcript"] = json!(words.concat());
    events.push((flavour.transcript_done.to_owned(), text(&transcript)));
    events.push(("response.done".to_owned(), text(&done)));
    events
}

fn has_usage(row: &(String, String, String)) -> bool {
    read_capture(&row.0)["response"]["usage"].is_object()
}

/// Every class, in the order the report lists them.
pub fn classes() -> Vec<Class> {
    let sessions = beta_sessions();
    let tools = with_tools(&sessions);
    let beta = Flavour {
        audio_delta: "response.audio.delta",
        transcript_delta: "response.audio_transcript.delta",
        transcript_done: "response.audio_transcript.done",
        events: "RealtimeBetaServerEvent",
        response_done: has_usage,
    };
    let ga = Flavour {
        audio_delta: "response.output_audio.delta",
        transcript_delta: "response.output_audio_transcript.delta",
        transcript_done: "response.output_audio_transcript.done",
        events: "RealtimeServerEvent",
        response_done: has_usage,
    };
    vec![
        Class { name: "beta_sessions", about: "the real beta sessions", kind: Kind::BetaSession, inputs: sessions },
        Class {
            name: "beta_sessions_tools",
            about: "the same, each with 8 function tools",
            kind: Kind::BetaSession,
            inputs: tools,
        },
        Class {
            name: "beta_events",
            about: "every real beta server event",
            kind: Kind::BetaEvent,
            inputs: events_of("RealtimeBetaServerEvent"),
        },
        Class {
            name: "ga_events",
            about: "every real GA server event",
            kind: Kind::GaEvent,
            inputs: events_of("RealtimeServerEvent"),
        },
        Class {
            name: "beta_stream",
            about: "a beta spoken response: 48 audio deltas of 8–32 KB",
            kind: Kind::BetaEvent,
            inputs: stream(&beta),
        },
        Class {
            name: "ga_stream",
            about: "a GA spoken response: 48 audio deltas of 8–32 KB",
            kind: Kind::GaEvent,
            inputs: stream(&ga),
        },
    ]
}

/// Beta sessions the spec forbids, one fault each, for the cost of the
/// invalid path of `validate()`.
pub fn invalid_sessions() -> Vec<(String, String)> {
    let faults: [(&str, Value); 3] = [
        ("temperature", json!(5.0)),
        ("modalities", json!(["audio", "video"])),
        ("max_response_output_tokens", json!(100_000)),
    ];
    let mut out = Vec::new();
    for (label, session) in beta_sessions() {
        for (key, bad) in &faults {
            let mut value: Value = serde_json::from_str(&session).unwrap();
            value[*key] = bad.clone();
            out.push((format!("{label} with {key} = {bad}"), text(&value)));
        }
    }
    out
}
