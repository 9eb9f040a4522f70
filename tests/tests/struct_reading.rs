//! Generated structs are read by the runtime's `de::object!`, not by
//! serde's derive. They must say what serde's derive says, word for word
//! and at the same place, on every input both read the same way; and where
//! JSON Schema differs from serde's defaults (an object only, `null` is not
//! absent, integral floats are integers, undeclared properties kept when
//! the spec forbids them), they must follow JSON Schema.

use realtime_types::{AudioTranscriptionResponse, LogProbProperties, McpToolApprovalFilter, Nullable};
use serde_json::json;

/// What serde's derive makes of the same struct, named alike so that its
/// errors name it alike.
mod derived {
    #[derive(Debug, PartialEq, serde::Deserialize)]
    pub struct LogProbProperties {
        pub token: String,
        pub logprob: f64,
        pub bytes: Vec<i64>,
    }
}

fn ours(text: &str) -> Result<LogProbProperties, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

fn derived(text: &str) -> Result<derived::LogProbProperties, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

#[test]
fn every_error_is_serde_derives_word_for_word_and_at_the_same_place() {
    let inputs = [
        r#"{}"#,
        r#"{"token": "a", "logprob": 0.5}"#,
        r#"{"logprob": 0.5, "bytes": [], "token": "a", "token": "b"}"#,
        r#"{"token": "a", "logprob": 0.5, "bytes": [], "bytes": [1]}"#,
        r#"{"token": 1, "logprob": 0.5, "bytes": []}"#,
        r#"{"token": "a", "logprob": "high", "bytes": []}"#,
        r#"{"token": ["x"], "logprob": 0.5, "bytes": []}"#,
        r#"{"token": null, "logprob": 0.5, "bytes": []}"#,
        r#"{"token": "a", "logprob": 0.5"#,
        r#"{"token": "a" "logprob": 0.5}"#,
        r#"{"token": "a", "logprob": 0.5, "bytes": [], "other": {"deep": [1, {"x": null}]}}"#,
        r#"{"token": "a", "logprob": 0.5, "bytes": [], "other": [}"#,
        r#"{1: 2}"#,
        r#""text""#,
        "null",
        "true",
        "12",
    ];
    // (Not `"bytes": ["x"]`: a list of integers is read through JSON, to
    // take `1.0` as an integer, so its errors point after the list.)
    for input in inputs {
        let (ours, derived) = (ours(input), derived(input));
        match (&ours, &derived) {
            (Err(ours), Err(derived)) => assert_eq!(ours, derived, "{input}"),
            (Ok(ours), Ok(derived)) => {
                assert_eq!((&ours.token, ours.logprob, &ours.bytes), (&derived.token, derived.logprob, &derived.bytes))
            }
            _ => panic!("{input}: ours {ours:?}, serde's derive {derived:?}"),
        }
    }
    // The messages that matter, spelled out, so that the comparison above
    // cannot pass by both being wrong in the same way.
    assert_eq!(ours("{}").unwrap_err(), "missing field `token` at line 1 column 2");
    assert_eq!(ours(r#"{"token": "a", "token": "b"}"#).unwrap_err(), "duplicate field `token` at line 1 column 22");
    assert_eq!(ours("null").unwrap_err(), "invalid type: null, expected struct LogProbProperties at line 1 column 4");
}

#[test]
fn a_struct_is_read_from_an_object_only_not_from_a_list_by_position() {
    let list = r#"["a", 0.5, []]"#;
    assert!(derived(list).is_ok(), "serde's derive reads a struct from a list");
    assert_eq!(ours(list).unwrap_err(), "invalid type: sequence, expected struct LogProbProperties at line 1 column 0");
    assert!(serde_json::from_value::<LogProbProperties>(json!([])).is_err());
}

#[test]
fn integers_accept_integral_floats_as_json_schema_counts_them() {
    let read = ours(r#"{"token": "a", "logprob": 0.5, "bytes": [1.0, 2]}"#).unwrap();
    assert_eq!(read.bytes, [1, 2]);
    assert!(ours(r#"{"token": "a", "logprob": 0.5, "bytes": [1.5]}"#).is_err());
}

#[test]
fn absent_null_and_a_value_stay_apart() {
    let read = |value: serde_json::Value| serde_json::from_value::<AudioTranscriptionResponse>(value);
    assert_eq!(read(json!({})).unwrap().language, Nullable::Absent);
    assert_eq!(read(json!({"language": null})).unwrap().language, Nullable::Null);
    assert_eq!(read(json!({"language": "en"})).unwrap().language, Nullable::Value("en".to_owned()));
    // `model` may be absent but not null: `null` is refused, not read as absent.
    let error = serde_json::from_str::<AudioTranscriptionResponse>(r#"{"model": null}"#).unwrap_err().to_string();
    assert!(error.starts_with("invalid type: null, expected"), "{error}");
    // Each round-trips as it came.
    for text in [r#"{}"#, r#"{"language":null}"#, r#"{"language":"en"}"#] {
        let value: AudioTranscriptionResponse = serde_json::from_str(text).unwrap();
        assert_eq!(serde_json::to_string(&value).unwrap(), text);
    }
}

#[test]
fn properties_the_spec_forbids_are_kept_for_validate_and_never_sent() {
    use realtime_types::validate::Validate;
    let text = r#"{"never": {"read_only": true}, "unexpected": 1, "unexpected": [2], "also": null}"#;
    let read: McpToolApprovalFilter = serde_json::from_str(text).unwrap();
    assert!(read.never.is_some() && read.always.is_none());
    assert_eq!(read.additional_properties.get("unexpected"), Some(&json!([2])), "the last of a repeated key");
    assert_eq!(read.additional_properties.get("also"), Some(&json!(null)));
    let errors = read.validate().unwrap_err();
    assert!(errors.iter().any(|e| e.to_string().contains("unexpected")), "{errors:?}");
    assert_eq!(serde_json::to_value(&read).unwrap(), json!({"never": {"read_only": true}}));
}

#[test]
fn any_self_describing_format_reads_the_same() {
    let text = r#"{"token": "a", "logprob": 0.5, "bytes": [1, 2], "other": true}"#;
    let from_str = ours(text).unwrap();
    let from_reader: LogProbProperties = serde_json::from_reader(text.as_bytes()).unwrap();
    let from_value: LogProbProperties = serde_json::from_value(serde_json::from_str(text).unwrap()).unwrap();
    let from_yaml: LogProbProperties =
        serde_norway::from_str("token: a\nlogprob: 0.5\nbytes: [1, 2]\nother: true\n").unwrap();
    assert_eq!(from_str, from_reader);
    assert_eq!(from_str, from_value);
    assert_eq!(from_str, from_yaml);
    let missing = serde_norway::from_str::<LogProbProperties>("token: a\n").unwrap_err().to_string();
    assert!(missing.contains("missing field `logprob`"), "{missing}");
}
