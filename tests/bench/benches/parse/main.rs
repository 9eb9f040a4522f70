//! Reading what a Realtime server sends, by every contender, on the same
//! inputs (`realtime_bench::classes`):
//!
//! - `floor`: `serde_json` scanning the text into `IgnoredAny`, building nothing;
//! - `value`: `serde_json::Value`;
//! - `typed`, `typed_validate`: `realtime-types`, then `validate()`;
//! - `jsonschema`, `jsonschema_macro`: `Value` plus jsonschema's validator,
//!   built at run time or compiled by `#[jsonschema::validator]`;
//! - `async_openai`: its hand-written types (0.30 for the beta interface,
//!   0.43 for GA), which validate nothing.
//!
//! `cargo bench -p realtime-bench` runs criterion on each. With
//! `REALTIME_BENCH_REPORT=FILE` it instead times the contenders in
//! interleaved rounds and writes the ratios as a Markdown table to FILE
//! (`cargo xtask bench` does that and puts the table in `docs/performance.md`).

mod report;

use criterion::{Criterion, criterion_group};
use realtime_bench::{Class, Kind};
use realtime_types::Validate;
use serde::de::{DeserializeOwned, IgnoredAny};
use serde_json::Value;
use std::hint::black_box;
use std::sync::OnceLock;

#[jsonschema::validator(path = "schemas/RealtimeSession.json", draft = Draft202012)]
struct SessionSchema;
#[jsonschema::validator(path = "schemas/RealtimeBetaServerEvent.json", draft = Draft202012)]
struct BetaEventSchema;
#[jsonschema::validator(path = "schemas/RealtimeServerEvent.json", draft = Draft202012)]
struct GaEventSchema;

/// A way of reading one input: true if it accepts it.
type Read = fn(&str) -> bool;

fn parse<T: DeserializeOwned>(text: &str) -> bool {
    serde_json::from_str::<T>(text).map(|value| black_box(value)).is_ok()
}

fn parse_validate<T: DeserializeOwned + Validate>(text: &str) -> bool {
    serde_json::from_str::<T>(text).is_ok_and(|value| black_box(&value).validate().is_ok())
}

fn runtime_validator(kind: Kind) -> &'static jsonschema::Validator {
    static VALIDATORS: [OnceLock<jsonschema::Validator>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let (slot, file) = match kind {
        Kind::BetaSession => (0, "RealtimeSession"),
        Kind::BetaEvent => (1, "RealtimeBetaServerEvent"),
        Kind::GaEvent => (2, "RealtimeServerEvent"),
    };
    VALIDATORS[slot].get_or_init(|| {
        let path = format!("{}/schemas/{file}.json", env!("CARGO_MANIFEST_DIR"));
        let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        jsonschema::draft202012::new(&schema).unwrap()
    })
}

fn value_then(text: &str, valid: impl Fn(&Value) -> bool) -> bool {
    serde_json::from_str::<Value>(text).is_ok_and(|value| valid(black_box(&value)))
}

/// The contenders, by name, in the order the report lists them.
pub fn contenders(kind: Kind) -> Vec<(&'static str, Read)> {
    use realtime_types as rt;
    let typed: [Read; 2] = match kind {
        Kind::BetaSession => [parse::<rt::RealtimeSession>, parse_validate::<rt::RealtimeSession>],
        Kind::BetaEvent => [parse::<rt::RealtimeBetaServerEvent>, parse_validate::<rt::RealtimeBetaServerEvent>],
        Kind::GaEvent => [parse::<rt::RealtimeServerEvent>, parse_validate::<rt::RealtimeServerEvent>],
    };
    let (runtime, compiled, async_openai): (Read, Read, Read) = match kind {
        Kind::BetaSession => (
            |t| value_then(t, |v| runtime_validator(Kind::BetaSession).is_valid(v)),
            |t| value_then(t, SessionSchema::is_valid),
            parse::<async_openai_beta::types::realtime::SessionResource>,
        ),
        Kind::BetaEvent => (
            |t| value_then(t, |v| runtime_validator(Kind::BetaEvent).is_valid(v)),
            |t| value_then(t, BetaEventSchema::is_valid),
            parse::<async_openai_beta::types::realtime::ServerEvent>,
        ),
        Kind::GaEvent => (
            |t| value_then(t, |v| runtime_validator(Kind::GaEvent).is_valid(v)),
            |t| value_then(t, GaEventSchema::is_valid),
            parse::<async_openai::types::realtime::RealtimeServerEvent>,
        ),
    };
    vec![
        ("floor", parse::<IgnoredAny>),
        ("value", parse::<Value>),
        ("typed", typed[0]),
        ("typed_validate", typed[1]),
        ("jsonschema", runtime),
        ("jsonschema_macro", compiled),
        ("async_openai", async_openai),
    ]
}

/// The classes with only the inputs every contender accepts, so that all
/// do the same work; what was left out, and by whom, is printed.
pub fn agreed_classes() -> Vec<Class> {
    let mut classes = realtime_bench::classes();
    for class in &mut classes {
        let contenders = contenders(class.kind);
        class.inputs.retain(|(label, text)| {
            let refused: Vec<&str> = contenders.iter().filter(|(_, read)| !read(text)).map(|(name, _)| *name).collect();
            if !refused.is_empty() {
                eprintln!("{}: left out {label}: refused by {}", class.name, refused.join(", "));
            }
            refused.is_empty()
        });
        assert!(!class.inputs.is_empty(), "{}: no input every contender accepts", class.name);
    }
    classes
}

fn read_all(read: Read, class: &Class) {
    for (_, text) in &class.inputs {
        black_box(read(black_box(text)));
    }
}

fn bench(c: &mut Criterion) {
    for class in agreed_classes() {
        let mut group = c.benchmark_group(class.name);
        for (name, read) in contenders(class.kind) {
            group.bench_function(name, |b| b.iter(|| read_all(read, &class)));
        }
        group.finish();
    }
}

criterion_group!(benches, bench);

fn main() {
    match std::env::var_os("REALTIME_BENCH_REPORT") {
        Some(path) => report::write(std::path::Path::new(&path)),
        None => {
            benches();
            criterion::Criterion::default().configure_from_args().final_summary();
        }
    }
}
