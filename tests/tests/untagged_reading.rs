//! A union without a tag whose variants fix properties to values
//! (`RealtimeConversationItem`: three messages share `type: "message"` and
//! differ by `role`) tries only the variants whose fixed values the object
//! has (`de::Candidates`). It must read what serde's `untagged` read, and
//! fail with its words: the expectations below are what serde's derive
//! gave for the same inputs before this reader replaced it.

use realtime_types::RealtimeConversationItem;

fn read(text: &str) -> Result<RealtimeConversationItem, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

const NO_VARIANT: &str = "data did not match any variant of untagged enum RealtimeConversationItem";

#[test]
fn each_item_is_read_as_the_variant_its_fixed_values_name_whatever_their_order() {
    let user = r#"{"type": "message", "role": "user", "content": [{"type": "input_text", "text": "hi"}]}"#;
    let user_reordered = r#"{"content": [{"type": "input_text", "text": "hi"}], "role": "user", "type": "message"}"#;
    let system = r#"{"type": "message", "role": "system", "content": [{"type": "input_text", "text": "be brief"}]}"#;
    let call = r#"{"type": "function_call", "name": "f", "arguments": "{}", "call_id": "c"}"#;
    assert!(matches!(read(user), Ok(RealtimeConversationItem::MessageUser(_))));
    assert_eq!(read(user), read(user_reordered));
    assert!(matches!(read(system), Ok(RealtimeConversationItem::MessageSystem(_))));
    assert!(matches!(read(call), Ok(RealtimeConversationItem::FunctionCall(_))));
    // From a `Value` (which lends nothing) and from YAML, the same.
    let from_value: RealtimeConversationItem = serde_json::from_value(serde_json::from_str(user).unwrap()).unwrap();
    assert_eq!(Ok(from_value), read(user));
    let from_yaml: RealtimeConversationItem =
        serde_norway::from_str("type: message\nrole: user\ncontent: [{type: input_text, text: hi}]\n").unwrap();
    assert_eq!(Ok(from_yaml), read(user));
}

#[test]
fn what_no_variant_reads_fails_with_serdes_words() {
    for text in [
        r#"{"type": "message", "role": "robot", "content": []}"#,
        r#"{"type": "message", "role": "user", "content": [{"type": "input_text", "text": 5}]}"#,
        r#"{"type": "message", "content": []}"#,
        r#"{"outer": {"type": "message", "role": "robot"}}"#,
        r#""text""#,
        "[1]",
        "null",
    ] {
        assert_eq!(read(text), Err(NO_VARIANT.to_owned()), "{text}");
    }
}
