//! A union read by its tag reads the rest of the object as it streams in
//! when the tag comes first, and buffers the object (`de::Content`) until
//! it finds the tag otherwise. Whichever path, whatever lends or copies its
//! strings, and whatever the format, the result is the same: every real
//! server event read from text, from a reader (which lends nothing), from a
//! `serde_json::Value` and from YAML is the same value, the same with its
//! tag moved last, and the errors say what is wrong.

mod common;

use realtime_types::{RealtimeBetaServerEvent, RealtimeServerEvent};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::fmt::Debug;

/// The same object with its first property moved last.
fn tag_last(text: &str) -> String {
    let mut map: serde_json::Map<String, Value> = serde_json::from_str(text).unwrap();
    let first = map.keys().next().unwrap().clone();
    let value = map.shift_remove(&first).unwrap();
    map.insert(first, value);
    serde_json::to_string(&map).unwrap()
}

fn same_from_every_source<T: DeserializeOwned + PartialEq + Debug>(text: &str, label: &str) -> T {
    let from_str: T = serde_json::from_str(text).unwrap_or_else(|e| panic!("{label}: {e}"));
    let buffered: T = serde_json::from_str(&tag_last(text)).unwrap_or_else(|e| panic!("{label}, tag last: {e}"));
    assert_eq!(from_str, buffered, "{label}: tag last");
    let from_reader: T = serde_json::from_reader(text.as_bytes()).unwrap();
    let from_value: T = serde_json::from_value(serde_json::from_str::<Value>(text).unwrap()).unwrap();
    let from_yaml: T = serde_norway::from_str(text).unwrap();
    assert_eq!(from_str, from_reader, "{label}: from_reader");
    assert_eq!(from_str, from_value, "{label}: from_value");
    assert_eq!(from_str, from_yaml, "{label}: YAML");
    from_str
}

#[test]
fn every_real_event_reads_the_same_from_every_source() {
    let mut read = 0;
    for row in common::capture_table() {
        if !row.outcome.ends_with(" valid") {
            continue;
        }
        let text = std::fs::read_to_string(common::shared("realtime-captures").join(&row.file)).unwrap();
        match row.ty.as_str() {
            "RealtimeServerEvent" => _ = same_from_every_source::<RealtimeServerEvent>(&text, &row.file),
            "RealtimeBetaServerEvent" => _ = same_from_every_source::<RealtimeBetaServerEvent>(&text, &row.file),
            _ => continue,
        }
        read += 1;
    }
    assert!(read >= 60, "{read} events");
}

#[test]
fn an_escaped_tag_and_escaped_strings_are_read_as_their_text() {
    // `\u0065rror` is `error`: the deserializer cannot lend it, so the tag
    // is copied; the message too.
    let text = r#"{"type":"\u0065rror","event_id":"e\"1","error":{"type":"invalid_request_error","message":"a\nb"}}"#;
    let event: RealtimeServerEvent = same_from_every_source(text, "escaped");
    let RealtimeServerEvent::Error(error) = event else { panic!("{event:?}") };
    assert_eq!(error.event_id, "e\"1");
    assert_eq!(error.error.message, "a\nb");
}

#[test]
fn an_unknown_tag_keeps_the_whole_object_as_json() {
    let text = r#"{"type":"response.future_thing","n":1.5,"big":18446744073709551615,"neg":-3,"list":[null,true,"x"],"o":{"k":{}}}"#;
    let event: RealtimeServerEvent = same_from_every_source(text, "unknown");
    let RealtimeServerEvent::Other(value) = event else { panic!("{event:?}") };
    assert_eq!(value, serde_json::from_str::<Value>(text).unwrap());
}

#[test]
fn a_buffered_object_is_read_as_json_would_be() {
    let error = |text: &str| serde_json::from_str::<RealtimeServerEvent>(text).unwrap_err().to_string();
    // No tag, or not a string: the union's own message.
    for text in [r#"{"event_id":"e"}"#, r#"{"type":7}"#, r#"{"event_id":"e","type":null}"#, "{}"] {
        assert!(error(text).starts_with("expected an object with a string `type`"), "{text}: {}", error(text));
    }
    for (text, found) in [("[1]", "sequence"), (r#""error""#, "string \"error\"")] {
        let error = error(text);
        assert!(
            error.starts_with(&format!("invalid type: {found}, expected an object with a string `type`")),
            "{text}: {error}"
        );
    }
    // A variant's struct still comes only from an object, and still needs
    // its required properties and their types.
    let missing = error(r#"{"type":"error","event_id":"e"}"#);
    assert!(missing.starts_with("missing field `error`"), "{missing}");
    let wrong = error(r#"{"type":"error","event_id":"e","error":[]}"#);
    assert!(wrong.starts_with("invalid type: sequence, expected"), "{wrong}");
    let number = error(r#"{"type":"error","event_id":5,"error":{"type":"x","message":"m"}}"#);
    assert!(number.starts_with("invalid type: integer `5`, expected a string"), "{number}");
}

/// A union whose variants take different JSON types is read by the type
/// of the value (`ir::json_kinds`), as `untagged` would have read it, with
/// the variant's own error when the type fits but the value does not.
#[test]
fn a_union_of_different_types_is_read_by_the_type_of_the_value() {
    use realtime_types::{RealtimeSessionMaxResponseOutputTokens as Tokens, RealtimeSessionMaxResponseOutputTokensInf};
    let read = |text: &str| -> Result<Tokens, String> {
        let from_str = serde_json::from_str::<Tokens>(text).map_err(|e| e.to_string());
        let from_yaml = serde_norway::from_str::<Tokens>(text).map_err(|e| e.to_string());
        assert_eq!(from_str.is_ok(), from_yaml.is_ok(), "{text}");
        from_str
    };
    assert_eq!(read("4096"), Ok(Tokens::Integer(4096)));
    assert_eq!(read("3.0"), Ok(Tokens::Integer(3)), "an integral float is an integer");
    assert_eq!(read(r#""inf""#), Ok(Tokens::Inf(RealtimeSessionMaxResponseOutputTokensInf::Inf)));
    let not_inf = read(r#""infinite""#).unwrap_err();
    assert!(not_inf.starts_with("unknown variant `infinite`, expected `inf`"), "{not_inf}");
    let fraction = read("2.5").unwrap_err();
    assert!(fraction.starts_with("invalid type: floating point `2.5`, expected an integer"), "{fraction}");
    for (text, found) in [("true", "boolean `true`"), ("null", "null"), ("[]", "sequence"), ("{}", "map")] {
        let error = read(text).unwrap_err();
        assert!(
            error.starts_with(&format!("invalid type: {found}, expected an integer or a string")),
            "{text}: {error}"
        );
    }
}
