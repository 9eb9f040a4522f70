//! Typed parse plus `validate()` against `serde_json::Value` plus a prebuilt
//! `jsonschema::Validator`, on realistic `session.created` sessions.
//!
//! Run: `cargo bench -p realtime-tests --bench parse_validate`.

use criterion::{Criterion, criterion_group, criterion_main};
use realtime_types_2025::{RealtimeSession, Validate};
use serde_json::{Value, json};
use std::hint::black_box;

/// The `session` of the beta `session.created` example in the 2026-08-21
/// upstream spec, adjusted to this spec version (a listed model), and a
/// larger one with tools, as a server echoes them back.
fn payloads() -> Vec<(&'static str, String)> {
    let instructions = "Your knowledge cutoff is 2023-10. You are a helpful, witty, and friendly AI. Act like a human, but remember that you aren't a human and that you can't do human things in the real world. Your voice and personality should be warm and engaging, with a lively and playful tone.";
    let created = json!({
        "object": "realtime.session",
        "id": "sess_C9G5QPteg4UIbotdKLoYQ",
        "model": "gpt-4o-realtime-preview-2025-06-03",
        "modalities": ["audio", "text"],
        "instructions": instructions,
        "tools": [],
        "tool_choice": "auto",
        "max_response_output_tokens": "inf",
        "tracing": null,
        "expires_at": 1756324625,
        "input_audio_format": "pcm16",
        "input_audio_transcription": null,
        "turn_detection": {"type": "server_vad", "threshold": 0.5, "prefix_padding_ms": 300, "silence_duration_ms": 200, "create_response": true, "interrupt_response": true},
        "output_audio_format": "pcm16",
        "voice": "ash",
        "speed": 1.1,
        "temperature": 0.8
    });
    let tool = |name: &str| {
        json!({"type": "function", "name": name, "description": "Call this function when a user asks for a color palette.",
               "parameters": {"type": "object", "properties": {"theme": {"type": "string", "description": "Theme."}, "colors": {"type": "array", "items": {"type": "string"}}}, "required": ["theme", "colors"]}})
    };
    let mut with_tools = created.clone();
    with_tools["tools"] = Value::Array((0..8).map(|i| tool(&format!("tool_{i}"))).collect());
    with_tools["input_audio_transcription"] = json!({"model": "whisper-1", "language": "en", "prompt": null});
    with_tools["tracing"] = json!({"workflow_name": "w", "group_id": "g", "metadata": {"team": "voice"}});
    vec![("session_created", created.to_string()), ("session_with_tools", with_tools.to_string())]
}

/// The overlaid `RealtimeSession` schema, as the reference validator sees it.
fn reference_validator() -> jsonschema::Validator {
    let root = xtask::project_root();
    let job = {
        let config = xtask::config::CodegenConfig::load(&root.join("spec/codegen.toml")).unwrap();
        let job = config.select(Some("realtime-types-2025")).unwrap()[0];
        xtask::config::Job::new(Some((job, &root)), xtask::config::Overrides::default()).unwrap()
    };
    let mut document = xtask::load::load_file(&job.spec).unwrap();
    for overlay in &job.overlays {
        xtask::overlay::Overlay::load(overlay).unwrap().apply(&mut document, false).unwrap();
    }
    let schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": "#/components/schemas/RealtimeSession",
        "components": {"schemas": document["components"]["schemas"]},
    });
    jsonschema::draft202012::new(&schema).unwrap()
}

fn bench(c: &mut Criterion) {
    let validator = reference_validator();
    for (name, text) in payloads() {
        // Both sides must agree that the payload is valid, or the
        // comparison measures different work.
        let typed: RealtimeSession = serde_json::from_str(&text).unwrap();
        assert!(typed.validate().is_ok() && validator.is_valid(&serde_json::from_str(&text).unwrap()));
        let mut group = c.benchmark_group(name);
        group.bench_function("typed_parse", |b| {
            b.iter(|| serde_json::from_str::<RealtimeSession>(black_box(&text)).unwrap())
        });
        group.bench_function("typed_parse_and_validate", |b| {
            b.iter(|| {
                let session = serde_json::from_str::<RealtimeSession>(black_box(&text)).unwrap();
                session.validate().unwrap();
                session
            })
        });
        group.bench_function("value_and_jsonschema", |b| {
            b.iter(|| {
                let value = serde_json::from_str::<Value>(black_box(&text)).unwrap();
                assert!(validator.is_valid(&value));
                value
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
