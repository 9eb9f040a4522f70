//! Presence rules: which combinations of properties an object must or must
//! not have, written in JSON Schema as `anyOf`/`oneOf` of `required`-only
//! branches and `not: {required: [...]}` ("provide exactly one of
//! `image_url` or `file_id`"). They do not change the struct's shape, so
//! they are taken off the schema and checked by the struct's validator.

use std::borrow::Cow;

use serde_json::{Map, Value};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum PresenceRule {
    /// At least one of these sets of properties is all present.
    AnyOf(Vec<Vec<String>>),
    /// Exactly one of these sets of properties is all present.
    OneOf(Vec<Vec<String>>),
    /// Not all of these properties are present together.
    Not(Vec<String>),
}

impl PresenceRule {
    pub fn keyword(&self) -> &'static str {
        match self {
            PresenceRule::AnyOf(_) => "anyOf",
            PresenceRule::OneOf(_) => "oneOf",
            PresenceRule::Not(_) => "not",
        }
    }
}

/// The `required` list of a schema that says nothing else, if it is one.
fn required_only(schema: &Value) -> Option<Vec<String>> {
    let object = schema.as_object()?;
    if !object.keys().all(|k| k == "required" || k == "description" || k == "title") {
        return None;
    }
    object.get("required")?.as_array()?.iter().map(|n| n.as_str().map(str::to_owned)).collect()
}

/// Takes the presence rules off an object schema (one with `properties`).
pub fn take(schema: Cow<'_, Map<String, Value>>) -> (Cow<'_, Map<String, Value>>, Vec<PresenceRule>) {
    // Only a struct can check them: an object with declared properties.
    if schema.get("properties").and_then(Value::as_object).is_none_or(|p| p.is_empty()) {
        return (schema, Vec::new());
    }
    let mut rules = Vec::new();
    let mut taken = Vec::new();
    for keyword in ["anyOf", "oneOf"] {
        let Some(Value::Array(branches)) = schema.get(keyword) else { continue };
        let sets: Option<Vec<Vec<String>>> = branches.iter().map(required_only).collect();
        if let Some(sets) = sets.filter(|s| !s.is_empty()) {
            rules.push(if keyword == "anyOf" { PresenceRule::AnyOf(sets) } else { PresenceRule::OneOf(sets) });
            taken.push(keyword);
        }
    }
    if let Some(names) = schema.get("not").and_then(required_only) {
        rules.push(PresenceRule::Not(names));
        taken.push("not");
    }
    if taken.is_empty() {
        return (schema, rules);
    }
    let mut schema = schema.into_owned();
    for keyword in taken {
        schema.remove(keyword);
    }
    (Cow::Owned(schema), rules)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn required_only_branches_become_rules_and_leave_the_schema() {
        let schema = json!({"properties": {"a": {}, "b": {}}, "anyOf": [{"required": ["a"]}, {"required": ["b"]}], "not": {"required": ["a", "b"]}});
        let (rest, rules) = take(Cow::Borrowed(schema.as_object().unwrap()));
        assert_eq!(
            rules,
            [
                PresenceRule::AnyOf(vec![vec!["a".into()], vec!["b".into()]]),
                PresenceRule::Not(vec!["a".into(), "b".into()])
            ]
        );
        assert_eq!(Value::Object(rest.into_owned()), json!({"properties": {"a": {}, "b": {}}}));
    }

    #[test]
    fn real_unions_are_left_alone() {
        let schema = json!({"properties": {"a": {}}, "oneOf": [{"required": ["a"]}, {"type": "string"}]});
        let (rest, rules) = take(Cow::Borrowed(schema.as_object().unwrap()));
        assert!(rules.is_empty());
        assert!(rest.contains_key("oneOf"));
    }
}
