//! Every JSON number survives parse → serialize → parse, in every generated
//! type that holds numbers: float fields, integer fields and free-form JSON.
//!
//! Number texts come from the whole `f64` range (any bit pattern, the
//! subnormals, the largest finite values), from decimals of up to 40 digits
//! with exponents beyond either end of the range, and from integers at the
//! edges of `i64` and `u64`. The oracle is Rust's own `str::parse`, which is
//! correctly rounded: a float field must hold exactly the `f64` it gives, and
//! an integer field exactly the integer the limits of `docs/mapping.md` promise.
//!
//! `MEMBERS` names every field and variant of the generated crates that
//! holds a number; a test reads each crate's `types.rs` with syn and fails
//! when a member is missing, so a new numeric field cannot go untested.

mod common;

use std::collections::BTreeSet;
use std::fmt::Debug;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRng, TestRunner};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// What a member holds, which decides what its numbers must become.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Holds {
    /// An `f64`: the correctly rounded value of the text.
    Float,
    /// An `i64`: the integer, or a parse error outside the documented limits.
    Integer,
    /// `serde_json::Value`: what `serde_json` itself makes of the text.
    Json,
    /// Properties the spec forbids (`additionalProperties: false`): kept on
    /// parse for `validate()`, never serialized.
    Forbidden,
}

/// One member that holds numbers, and a payload of its type with `N` where
/// the number goes.
struct Member {
    krate: &'static str,
    ty: &'static str,
    member: &'static str,
    holds: Holds,
    template: &'static str,
    trip: fn(&str) -> Result<Trip, String>,
}

macro_rules! members {
    ($($krate:ident :: $ty:ident . $member:ident : $holds:ident = $template:literal;)*) => {
        const MEMBERS: &[Member] = &[$(Member {
            krate: stringify!($krate),
            ty: stringify!($ty),
            member: stringify!($member),
            holds: Holds::$holds,
            template: $template,
            trip: round_trip::<$krate::$ty>,
        }),*];
    };
}

members! {
    realtime_types_2025::RealtimeSession.speed: Float = r#"{"speed": N}"#;
    realtime_types_2025::RealtimeSession.temperature: Float = r#"{"temperature": N}"#;
    realtime_types_2025::RealtimeSessionTurnDetection.threshold: Float = r#"{"type": "server_vad", "threshold": N}"#;
    realtime_types_2025::RealtimeSessionTurnDetection.prefix_padding_ms: Integer = r#"{"prefix_padding_ms": N}"#;
    realtime_types_2025::RealtimeSessionTurnDetection.silence_duration_ms: Integer = r#"{"silence_duration_ms": N}"#;
    realtime_types_2025::RealtimeSessionMaxResponseOutputTokens.Integer: Integer = "N";
    realtime_types_2025::TracingConfigurationObject.metadata: Json = r#"{"metadata": {"k": N, "list": [N, {"deep": N}]}}"#;
    realtime_types_2025::RealtimeSessionToolsItem.parameters: Json = r#"{"parameters": {"type": "object", "default": N}}"#;

    realtime_types_2026::RealtimeSession.speed: Float = r#"{"speed": N}"#;
    realtime_types_2026::RealtimeSession.temperature: Float = r#"{"temperature": N}"#;
    realtime_types_2026::RealtimeSession.expires_at: Integer = r#"{"expires_at": N}"#;
    realtime_types_2026::RealtimeSessionMaxResponseOutputTokens.Integer: Integer = "N";
    realtime_types_2026::TracingConfigurationObject.metadata: Json = r#"{"metadata": {"k": N, "list": [N, {"deep": N}]}}"#;
    realtime_types_2026::RealtimeFunctionTool.parameters: Json = r#"{"parameters": {"type": "object", "default": N}}"#;
    realtime_types_2026::RealtimeTurnDetection.Other: Json = r#"{"type": "newer_vad", "threshold": N, "x": [N]}"#;
    realtime_types_2026::ServerVad.threshold: Float = r#"{"type": "server_vad", "threshold": N}"#;
    realtime_types_2026::ServerVad.prefix_padding_ms: Integer = r#"{"type": "server_vad", "prefix_padding_ms": N}"#;
    realtime_types_2026::ServerVad.silence_duration_ms: Integer = r#"{"type": "server_vad", "silence_duration_ms": N}"#;
    realtime_types_2026::ServerVad.idle_timeout_ms: Integer = r#"{"type": "server_vad", "idle_timeout_ms": N}"#;

    validation_keywords::Numbers.min: Float = r#"{"min": N}"#;
    validation_keywords::Numbers.xmin: Float = r#"{"xmin": N}"#;
    validation_keywords::Numbers.max: Integer = r#"{"max": N}"#;
    validation_keywords::Numbers.xmax: Integer = r#"{"xmax": N}"#;
    validation_keywords::Numbers.step: Float = r#"{"step": N}"#;
    validation_keywords::Numbers.istep: Integer = r#"{"istep": N}"#;
    validation_keywords::Numbers.level: Integer = r#"{"level": N}"#;
    validation_keywords::Numbers.answer: Json = r#"{"answer": N}"#;
    validation_keywords::Numbers.count: Integer = r#"{"count": N}"#;
    validation_keywords::Arrays.few: Integer = r#"{"few": [N, N]}"#;
    validation_keywords::Arrays.unique: Json = r#"{"unique": [N, [N], {"n": N}]}"#;
    validation_keywords::Arrays.unique_numbers: Float = r#"{"unique_numbers": [N, N]}"#;
    validation_keywords::Arrays.grid: Integer = r#"{"grid": [[N], [N, N]]}"#;
    validation_keywords::Objects.scores: Integer = r#"{"id": "x", "scores": {"a": N}}"#;
    validation_keywords::Objects.bag: Json = r#"{"id": "x", "bag": {"a": N, "b": [N]}}"#;
    validation_keywords::Closed.additional_properties: Forbidden = r#"{"a": "x", "extra": N}"#;
    validation_keywords::Typed.additional_properties: Integer = r#"{"a": "x", "small": N, "other": N}"#;
    validation_keywords::ImageRef.additional_properties: Forbidden = r#"{"file_id": "x", "extra": N}"#;
    validation_keywords::OneSource.additional_properties: Forbidden = r#"{"a": "x", "extra": N}"#;
}

/// The crates whose `types.rs` the completeness test reads.
const CRATES: &[(&str, &str)] = &[
    ("realtime_types_2025", "tests/realtime-2025/src/types.rs"),
    ("realtime_types_2026", "tests/realtime-2026/src/types.rs"),
    ("validation_keywords", "tests/validation-keywords/src/types.rs"),
];

/// The text a value was first written as; whether the value parsed back
/// from it is equal; whether writing that gives the same text.
struct Trip {
    written: String,
    equal: bool,
    stable: bool,
}

/// Parses `payload` as a `T`, writes it, and parses that back.
fn round_trip<T: DeserializeOwned + Serialize + PartialEq + Debug>(payload: &str) -> Result<Trip, String> {
    let first: T = serde_json::from_str(payload).map_err(|e| e.to_string())?;
    let written = serde_json::to_string(&first).unwrap();
    let second: T = serde_json::from_str(&written)
        .unwrap_or_else(|e| panic!("{payload} was written as {written} and does not parse back: {e}"));
    let stable = serde_json::to_string(&second).unwrap() == written;
    Ok(Trip { written, equal: first == second, stable })
}

// ---------------------------------------------------------------------------
// What a number text must become
// ---------------------------------------------------------------------------

/// A number text as JSON writes it: no fraction and no exponent.
fn is_integer_literal(text: &str) -> bool {
    !text.contains(['.', 'e', 'E'])
}

/// 2^63: integral floats must be below it in magnitude (see docs/mapping.md, Numbers).
const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;

/// The `i64` an integer field must hold for `text`, or `None` where the
/// docs (`docs/mapping.md`, Numbers) say it is a parse error.
fn expected_integer(text: &str) -> Option<i64> {
    if is_integer_literal(text) {
        // Exact across the whole range; outside it, an error.
        return text.parse::<i64>().ok();
    }
    // Written with a fraction or exponent: the nearest f64, if integral.
    let float: f64 = text.parse().unwrap();
    (float.is_finite() && float.fract() == 0.0 && float.abs() < TWO_POW_63).then_some(float as i64)
}

/// Numbers equal by value and representation: integers exactly, floats by
/// their bits (so `-0.0` is not `0.0`).
fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64(), x.as_u64(), y.as_u64()) {
            (Some(x), Some(y), _, _) => x == y,
            (_, _, Some(x), Some(y)) => x == y,
            _ => x.is_f64() && y.is_f64() && x.as_f64().unwrap().to_bits() == y.as_f64().unwrap().to_bits(),
        },
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

/// Every number in `value`.
fn numbers(value: &Value) -> Vec<&serde_json::Number> {
    match value {
        Value::Number(n) => vec![n],
        Value::Array(items) => items.iter().flat_map(numbers).collect(),
        Value::Object(map) => map.values().flat_map(numbers).collect(),
        _ => Vec::new(),
    }
}

/// `serde_json` itself reads every number text correctly rounded, as Rust's
/// `str::parse` does, and refuses the ones beyond `f64`'s range.
fn check_serde_json_reads(text: &str) {
    let std: f64 = text.parse().unwrap();
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Number(n)) if n.is_f64() => {
            assert_eq!(n.as_f64().unwrap().to_bits(), std.to_bits(), "{text}: serde_json read {n}, std {std:e}");
        }
        Ok(Value::Number(n)) => {
            assert!(is_integer_literal(text), "{text} became the integer {n}");
            assert_eq!(n.to_string(), text, "{text}: an integer literal is kept exactly");
        }
        Ok(other) => panic!("{text} became {other}"),
        Err(e) => assert!(std.is_infinite(), "{text} ({std:e}) is refused: {e}"),
    }
}

/// Runs `text` through `member`, checking what its value becomes.
fn check_member(member: &Member, text: &str) {
    let payload = member.template.replace('N', text);
    let label = format!("{}::{}.{} with {payload}", member.krate, member.ty, member.member);
    let as_json = serde_json::from_str::<Value>(&payload);
    let trip = (member.trip)(&payload);
    let float: f64 = text.parse().unwrap();
    match member.holds {
        Holds::Integer => match (expected_integer(text), trip) {
            (Some(expected), Ok(trip)) => {
                let written: Value = serde_json::from_str(&trip.written).unwrap();
                let found = numbers(&written);
                assert!(!found.is_empty(), "{label}: no number written in {}", trip.written);
                assert!(found.iter().all(|n| n.as_i64() == Some(expected)), "{label}: wrote {}", trip.written);
            }
            (None, Err(_)) => {}
            (Some(_), Err(e)) => panic!("{label}: refused: {e}"),
            (None, Ok(trip)) => panic!("{label}: outside the limits, but parsed and wrote {}", trip.written),
        },
        Holds::Float | Holds::Json | Holds::Forbidden => match (as_json, trip) {
            (Ok(input), Ok(trip)) => {
                let written: Value = serde_json::from_str(&trip.written).unwrap();
                match member.holds {
                    Holds::Float => {
                        let found = numbers(&written);
                        assert!(!found.is_empty(), "{label}: no number written in {}", trip.written);
                        assert!(
                            found.iter().all(|n| n.is_f64() && n.as_f64().unwrap().to_bits() == float.to_bits()),
                            "{label}: wrote {}, the correctly rounded value is {float:e}",
                            trip.written
                        );
                    }
                    Holds::Json => assert!(same_json(&written, &input), "{label}: wrote {}", trip.written),
                    _ => assert!(numbers(&written).is_empty(), "{label}: a forbidden property was written"),
                }
            }
            // Beyond f64's range: an error for every parser, typed or not.
            (Err(_), Err(_)) => assert!(float.is_infinite(), "{label}: {float:e} is refused"),
            (Ok(_), Err(e)) => panic!("{label}: refused: {e}"),
            (Err(e), Ok(_)) => panic!("{label}: serde_json refuses it ({e}), the type does not"),
        },
    }
    if let Ok(trip) = (member.trip)(&payload) {
        // Forbidden properties are dropped on the way out, so the value read
        // back lacks them; everything else comes back equal.
        assert!(trip.equal || member.holds == Holds::Forbidden, "{label}: parsed back different from {}", trip.written);
        assert!(trip.stable, "{label}: writing it again changed {}", trip.written);
    }
}

// ---------------------------------------------------------------------------
// Number texts
// ---------------------------------------------------------------------------

/// The ways a program writes an `f64`: shortest round-trip (serde_json's
/// ryu), Rust's `{:e}` and Rust's `{}` (every digit, up to ~330 of them).
fn written_as(float: f64) -> impl Strategy<Value = String> {
    prop_oneof![
        Just(serde_json::to_string(&float).unwrap()),
        Just(format!("{float:e}")),
        Just(format!("{float}")),
        Just(format!("{float:E}")),
    ]
}

/// A decimal of up to 40 significant digits with an exponent from -400 to
/// 400: past both ends of the range, and many digits past what an `f64`
/// holds, which is where parsers that are not correctly rounded go wrong.
fn decimal() -> impl Strategy<Value = String> {
    (any::<bool>(), "[1-9][0-9]{0,39}", proptest::option::of("[0-9]{1,20}"), proptest::option::of(-400i32..=400))
        .prop_map(|(negative, whole, fraction, exponent)| {
            let mut text = String::from(if negative { "-" } else { "" });
            text.push_str(&whole);
            if let Some(fraction) = fraction {
                text.push('.');
                text.push_str(&fraction);
            }
            if let Some(exponent) = exponent {
                text.push_str(&format!("e{exponent:+}"));
            }
            text
        })
}

/// Texts on the edges: the fuzzer's find, the ends of the range and of the
/// subnormals, halfway cases, signed zeros, and the limits of `i64`, `u64`
/// and exact integers in an `f64`.
const EDGES: &[&str] = &[
    "2.111111111111111e+174",
    "2.1111111111111106e+174",
    "5e-324",
    "4.9406564584124654e-324",
    "2.4703282292062327e-324",
    "2.4703282292062328e-324",
    "2.2250738585072011e-308",
    "2.2250738585072014e-308",
    "1.7976931348623157e308",
    "1.7976931348623158e308",
    "1.7976931348623159e308",
    "1e309",
    "1e-400",
    "-1e-400",
    "0",
    "-0",
    "0.0",
    "-0.0",
    "0e0",
    "1E2",
    "1.50",
    "0.1",
    "0.30000000000000004",
    "9007199254740992",
    "9007199254740993",
    "9007199254740993.0",
    "9.2e18",
    "9.3e18",
    "9223372036854775807",
    "9223372036854775807.0",
    "9223372036854775808",
    "-9223372036854775808",
    "-9223372036854775808.0",
    "-9223372036854775809",
    "18446744073709551615",
    "18446744073709551616",
    "1e19",
    "4096.0",
    "4.096e3",
    "1.5",
];

fn number_text() -> BoxedStrategy<String> {
    let finite = |bits: u64| Some(f64::from_bits(bits)).filter(|f| f.is_finite());
    prop_oneof![
        3 => any::<u64>().prop_filter_map("finite", finite).prop_flat_map(written_as),
        1 => (1u64..1 << 52).prop_map(f64::from_bits).prop_flat_map(written_as),
        1 => (0x7fe0_0000_0000_0000u64..=0x7fef_ffff_ffff_ffff).prop_map(f64::from_bits).prop_flat_map(written_as),
        3 => decimal(),
        1 => any::<i64>().prop_map(|i| i.to_string()),
        1 => any::<u64>().prop_map(|u| u.to_string()),
        1 => any::<i64>().prop_map(|i| format!("{i}.0")),
        1 => proptest::sample::select(EDGES).prop_map(str::to_owned),
    ]
    .boxed()
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

#[test]
fn every_number_survives_the_round_trip_in_every_member() {
    let config = Config { cases: 2_000, failure_persistence: None, ..Config::default() };
    // The same texts on every run; `cargo xtask fuzz` is where new ones come from.
    let rng = TestRng::deterministic_rng(config.rng_algorithm);
    let mut runner = TestRunner::new_with_rng(config, rng);
    runner
        .run(&number_text(), |text| {
            check_serde_json_reads(&text);
            MEMBERS.iter().for_each(|member| check_member(member, &text));
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn every_edge_survives_the_round_trip_in_every_member() {
    for text in EDGES {
        check_serde_json_reads(text);
        MEMBERS.iter().for_each(|member| check_member(member, text));
    }
}

/// The limits `docs/mapping.md` states, one by one.
#[test]
fn the_stated_limits_hold() {
    let session = |text: &str| serde_json::from_str::<realtime_types_2026::RealtimeSession>(text);
    let expires_at = |n: &str| session(&format!(r#"{{"expires_at": {n}}}"#)).map(|s| s.expires_at.unwrap());
    // Integer literals: exact over i64, an error outside.
    assert_eq!(expires_at("9223372036854775807").unwrap(), i64::MAX);
    assert_eq!(expires_at("-9223372036854775808").unwrap(), i64::MIN);
    assert!(expires_at("9223372036854775808").is_err());
    assert!(expires_at("-9223372036854775809").is_err());
    // Fraction or exponent: the nearest f64, if it is an integer below 2^63.
    assert_eq!(expires_at("4.096e3").unwrap(), 4096);
    assert_eq!(expires_at("9007199254740993.0").unwrap(), 9_007_199_254_740_992);
    assert_eq!(expires_at("9.2233720368547748e18").unwrap(), 9_223_372_036_854_774_784);
    assert!(expires_at("9223372036854775807.0").is_err(), "rounds to 2^63");
    assert!(expires_at("-9223372036854775808.0").is_err(), "-2^63 is also what -9223372036854775809 reads as");
    assert!(expires_at("1.5").is_err());
    // Float fields: correctly rounded; beyond the range, an error.
    let speed = |n: &str| session(&format!(r#"{{"speed": {n}}}"#)).map(|s| s.speed.unwrap());
    assert_eq!(speed("2.111111111111111e+174").unwrap(), 2.111111111111111e174);
    assert_eq!(speed("1e-400").unwrap().to_bits(), 0.0f64.to_bits());
    assert_eq!(speed("-0").unwrap().to_bits(), (-0.0f64).to_bits());
    assert!(speed("1e309").is_err());
    // Free-form JSON: integers exact from i64::MIN to u64::MAX, every other
    // number the nearest f64, written in its shortest form.
    let metadata = |n: &str| {
        let json = format!(r#"{{"tracing": {{"metadata": {{"k": {n}}}}}}}"#);
        let written = serde_json::to_value(session(&json).unwrap()).unwrap();
        written["tracing"]["metadata"]["k"].to_string()
    };
    assert_eq!(metadata("18446744073709551615"), "18446744073709551615");
    assert_eq!(metadata("-9223372036854775808"), "-9223372036854775808");
    assert_eq!(metadata("18446744073709551616"), "1.8446744073709552e+19");
    assert_eq!(metadata("-9223372036854775809"), "-9.223372036854776e+18");
    assert_eq!(metadata("1E2"), "100.0");
    assert_eq!(metadata("1.50"), "1.5");
    assert_eq!(metadata("2.111111111111111e+174"), "2.111111111111111e+174");
}

/// Every field and variant of the generated crates that holds an `f64`, an
/// `i64` or free-form JSON is in `MEMBERS`, and nothing else is.
#[test]
fn every_numeric_member_is_listed() {
    let root = xtask::project_root();
    let mut declared = BTreeSet::new();
    for (krate, file) in CRATES {
        let source = std::fs::read_to_string(root.join(file)).unwrap();
        let parsed = syn::parse_file(&source).unwrap();
        for item in &parsed.items {
            let (name, members): (String, Vec<(String, &syn::Type)>) = match item {
                syn::Item::Struct(s) => (
                    s.ident.to_string(),
                    s.fields.iter().map(|f| (f.ident.as_ref().unwrap().to_string(), &f.ty)).collect(),
                ),
                syn::Item::Enum(e) => (
                    e.ident.to_string(),
                    e.variants
                        .iter()
                        .flat_map(|v| v.fields.iter().map(move |f| (v.ident.to_string(), &f.ty)))
                        .collect(),
                ),
                _ => continue,
            };
            for (member, ty) in members {
                if holds_numbers(ty) {
                    declared.insert((krate.to_string(), name.clone(), member.trim_start_matches("r#").to_owned()));
                }
            }
        }
    }
    let listed: BTreeSet<_> =
        MEMBERS.iter().map(|m| (m.krate.to_owned(), m.ty.to_owned(), m.member.to_owned())).collect();
    assert_eq!(listed, declared, "MEMBERS must list exactly the members that hold numbers");
}

/// Whether a field's type names `f64`, `i64`, or `serde_json`'s `Value` or
/// `Map`.
fn holds_numbers(ty: &syn::Type) -> bool {
    struct Finder(bool);
    impl<'ast> syn::visit::Visit<'ast> for Finder {
        fn visit_path_segment(&mut self, segment: &'ast syn::PathSegment) {
            self.0 |= ["f64", "i64", "Value", "Map"].iter().any(|name| segment.ident == name);
            syn::visit::visit_path_segment(self, segment);
        }
    }
    let mut finder = Finder(false);
    syn::visit::Visit::visit_type(&mut finder, ty);
    finder.0
}

// ---------------------------------------------------------------------------
// The published crate: every number position of every real payload
// ---------------------------------------------------------------------------

/// `realtime-types` has hundreds of numeric fields; rather than a template
/// each, every number in every capture that parses is a template: the
/// number is replaced by each text below, at its place, and read through
/// the capture's entry point. What the place holds comes from the spec:
/// `integer`, `number`, or neither (free-form JSON).
#[test]
fn every_number_place_of_the_captures_survives_the_round_trip() {
    let spec = common::resolved_spec_of(&common::default_job());
    let texts: Vec<&str> = EDGES.iter().copied().chain(["0.8", "24000", "-1", "1e2", "2.5e-3"]).collect();
    let (mut places, mut kinds) = (0, BTreeSet::new());
    for row in common::capture_table() {
        let (file, ty) = (row.file.as_str(), row.ty.as_str());
        if row.outcome.starts_with("parse error") {
            continue;
        }
        let trip = common::entry_point!(ty, round_trip as fn(&str) -> Result<Trip, String>)
            .unwrap_or_else(|| panic!("no entry point {ty}"));
        let capture: Value =
            serde_json::from_slice(&std::fs::read(common::shared("realtime-captures").join(file)).unwrap()).unwrap();
        let schema = serde_json::json!({"$ref": format!("#/components/schemas/{ty}")});
        for pointer in number_pointers(&capture, "") {
            let Some(types) = common::declared_types_at(&capture, &schema, &pointer, &spec) else { continue };
            let holds = match (types.iter().any(|t| t == "integer"), types.iter().any(|t| t == "number")) {
                (true, false) => Holds::Integer,
                (false, true) => Holds::Float,
                (false, false) => Holds::Json,
                (true, true) => continue,
            };
            kinds.insert(format!("{holds:?}"));
            places += 1;
            for text in &texts {
                check_place(trip, &capture, &pointer, holds, text, file);
            }
        }
    }
    assert!(places >= 100, "{places} number places in the captures");
    // No capture has a number in free-form JSON; those are the same
    // `serde_json::Value` as in the crates `MEMBERS` lists.
    assert!(kinds.contains("Integer") && kinds.contains("Float"), "integer and float places: {kinds:?}");
    eprintln!("{places} number places, {} texts each", texts.len());
}

/// The JSON pointers of every number in `value`.
fn number_pointers(value: &Value, at: &str) -> Vec<String> {
    match value {
        Value::Number(_) => vec![at.to_owned()],
        Value::Array(items) => {
            items.iter().enumerate().flat_map(|(i, item)| number_pointers(item, &format!("{at}/{i}"))).collect()
        }
        Value::Object(map) => map
            .iter()
            .flat_map(|(k, v)| number_pointers(v, &format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"))))
            .collect(),
        _ => Vec::new(),
    }
}

/// `text` in place of the number at `pointer`, read and written back.
fn check_place(
    trip: fn(&str) -> Result<Trip, String>,
    capture: &Value,
    pointer: &str,
    holds: Holds,
    text: &str,
    file: &str,
) {
    const MARK: &str = "\u{1}NUMBER\u{1}";
    let mut marked = capture.clone();
    *marked.pointer_mut(pointer).unwrap() = Value::String(MARK.into());
    let payload = marked.to_string().replace(&serde_json::to_string(MARK).unwrap(), text);
    let label = format!("{file} at {pointer} ({holds:?}) with {text}");
    let float: f64 = text.parse().unwrap();
    let expected_ok = match holds {
        Holds::Integer => expected_integer(text).is_some(),
        _ => float.is_finite(),
    };
    match trip(&payload) {
        Err(e) => assert!(!expected_ok, "{label}: refused: {e}"),
        Ok(trip) => {
            assert!(expected_ok, "{label}: outside the limits, but parsed and wrote {}", trip.written);
            assert!(trip.equal && trip.stable, "{label}: the round trip changed {}", trip.written);
            let written: Value = serde_json::from_str(&trip.written).unwrap();
            let Some(found) = written.pointer(pointer) else { panic!("{label}: dropped from {}", trip.written) };
            let kept = match holds {
                Holds::Integer => found.as_i64() == expected_integer(text),
                Holds::Float => found.as_f64().map(f64::to_bits) == Some(float.to_bits()),
                _ => same_json(found, &serde_json::from_str(text).unwrap()),
            };
            assert!(kept, "{label}: wrote {found}");
        }
    }
}
