//! Stage 2: apply OpenAPI Overlay 1.0.0 documents to the loaded spec.
//!
//! The upstream fragment stays verbatim; corrections live in overlays so that
//! every change to upstream's meaning is a reviewable action with a reason.
//! Targets are RFC 9535 JSONPath expressions (serde_json_path).

use std::path::Path;

use serde_json::Value;
use serde_json_path::JsonPath;

use crate::diagnostics::{Code, Error, Warning, join};
use crate::load;

/// One parsed overlay document.
#[derive(Debug, Clone)]
pub struct Overlay {
    pub actions: Vec<Action>,
}

#[derive(Debug, Clone)]
pub struct Action {
    /// Where the action came from in the overlay document, for diagnostics.
    pub pointer: String,
    pub target: JsonPath,
    pub target_text: String,
    pub change: Change,
}

#[derive(Debug, Clone)]
pub enum Change {
    /// Deep-merged into every targeted object; appended to a targeted array.
    Update(Value),
    Remove,
}

impl Overlay {
    pub fn load(path: &Path) -> Result<Overlay, Error> {
        Overlay::from_value(&load::load_file(path)?).map_err(|e| e.in_file(path))
    }

    /// Reads an overlay document, checking its shape before anything is applied.
    pub fn from_value(document: &Value) -> Result<Overlay, Error> {
        let object =
            document.as_object().ok_or_else(|| Error::at(Code::NotAnOverlay, "an overlay must be a mapping", ""))?;
        match object.get("overlay").and_then(Value::as_str) {
            Some(version) if version.starts_with("1.") => {}
            Some(version) => {
                return Err(Error::at(
                    Code::OverlayVersionUnsupported,
                    format!("unsupported overlay version `{version}` (expected 1.x)"),
                    "/overlay",
                ));
            }
            None => {
                return Err(Error::at(Code::NotAnOverlay, "not an overlay: missing `overlay: 1.0.0`", "/overlay"));
            }
        }
        let actions = object
            .get("actions")
            .and_then(Value::as_array)
            .ok_or_else(|| Error::at(Code::OverlayActionsMissing, "an overlay needs an `actions` list", "/actions"))?;
        let actions = actions
            .iter()
            .enumerate()
            .map(|(index, action)| Action::from_value(action, &join("/actions", index)))
            .collect::<Result<_, _>>()?;
        Ok(Overlay { actions })
    }

    /// Applies every action in order. An action whose target matches nothing
    /// is reported, since after an upstream update it usually means the
    /// correction no longer applies: as a warning, or with `strict` as an
    /// error that names the action.
    pub fn apply(&self, document: &mut Value, strict: bool) -> Result<Vec<Warning>, Error> {
        let mut warnings = Vec::new();
        for action in &self.actions {
            let pointers: Vec<String> =
                action.target.query_located(document).locations().map(|path| path.to_json_pointer()).collect();
            if pointers.is_empty() {
                let message = format!("overlay target `{}` matches nothing", action.target_text);
                if strict {
                    let message = format!("{message}: the correction no longer applies; update or remove the action");
                    return Err(Error::at(Code::OverlayNoLongerApplies, message, &action.pointer));
                }
                warnings.push(Warning::at(Code::OverlayTargetUnmatched, &action.pointer, message));
            }
            match &action.change {
                Change::Update(update) => {
                    for pointer in &pointers {
                        let target = document.pointer_mut(pointer).expect("a located node exists");
                        merge(target, update);
                    }
                }
                // Remove the last matches first so earlier array indices stay valid.
                Change::Remove => {
                    for pointer in pointers.iter().rev() {
                        remove(document, pointer);
                    }
                }
            }
        }
        Ok(warnings)
    }
}

impl Action {
    fn from_value(action: &Value, pointer: &str) -> Result<Action, Error> {
        let target_text = action.get("target").and_then(Value::as_str).ok_or_else(|| {
            Error::at(
                Code::OverlayActionMalformed,
                "an overlay action needs a string `target`",
                join(pointer, "target"),
            )
        })?;
        let target = JsonPath::parse(target_text).map_err(|e| {
            Error::at(
                Code::OverlayTargetInvalid,
                format!("invalid JSONPath `{target_text}`: {} (at character {})", e.message(), e.position()),
                join(pointer, "target"),
            )
        })?;
        let remove = action.get("remove").and_then(Value::as_bool).unwrap_or(false);
        let change = match (action.get("update"), remove) {
            (Some(_), true) => {
                return Err(Error::at(
                    Code::OverlayActionMalformed,
                    "an overlay action cannot both `update` and `remove`",
                    pointer,
                ));
            }
            (Some(update), false) => Change::Update(update.clone()),
            (None, true) => Change::Remove,
            (None, false) => {
                return Err(Error::at(
                    Code::OverlayActionMalformed,
                    "an overlay action needs `update` or `remove: true`",
                    pointer,
                ));
            }
        };
        Ok(Action { pointer: pointer.to_owned(), target, target_text: target_text.to_owned(), change })
    }
}

/// Overlay 1.0.0 merge: objects merge key by key (recursively), arrays gain
/// the update's value, anything else is replaced.
fn merge(target: &mut Value, update: &Value) {
    match (target, update) {
        (Value::Object(target), Value::Object(update)) => {
            for (key, value) in update {
                match target.get_mut(key) {
                    Some(existing) if existing.is_object() && value.is_object() => merge(existing, value),
                    _ => {
                        target.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (Value::Array(items), Value::Array(more)) => items.extend(more.iter().cloned()),
        (Value::Array(items), value) => items.push(value.clone()),
        (target, value) => *target = value.clone(),
    }
}

fn remove(document: &mut Value, pointer: &str) {
    let Some(split) = pointer.rfind('/') else {
        *document = Value::Null;
        return;
    };
    let token = crate::diagnostics::unescape_token(&pointer[split + 1..]);
    match document.pointer_mut(&pointer[..split]) {
        Some(Value::Object(parent)) => {
            parent.shift_remove(&token);
        }
        Some(Value::Array(parent)) => {
            if let Ok(index) = token.parse::<usize>()
                && index < parent.len()
            {
                parent.remove(index);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn overlay(actions: Value) -> Overlay {
        Overlay::from_value(&json!({"overlay": "1.0.0", "info": {"title": "t", "version": "1"}, "actions": actions}))
            .unwrap()
    }

    #[test]
    fn update_merges_objects_and_keeps_order() {
        let mut doc = json!({"a": {"type": "number", "description": "d"}});
        let warnings = overlay(json!([{"target": "$.a", "update": {"maximum": 2, "type": "integer"}}]))
            .apply(&mut doc, false)
            .unwrap();
        assert!(warnings.is_empty());
        assert_eq!(doc, json!({"a": {"type": "integer", "description": "d", "maximum": 2}}));
        let keys: Vec<_> = doc["a"].as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys, ["type", "description", "maximum"]);
    }

    #[test]
    fn update_appends_to_arrays_and_remove_deletes() {
        let mut doc = json!({"e": ["a"], "p": {"x": 1, "y": 2}});
        overlay(json!([
            {"target": "$.e", "update": "b"},
            {"target": "$.p.x", "remove": true}
        ]))
        .apply(&mut doc, false)
        .unwrap();
        assert_eq!(doc, json!({"e": ["a", "b"], "p": {"y": 2}}));
    }

    #[test]
    fn a_target_matching_nothing_warns_with_the_action_pointer() {
        let mut doc = json!({});
        let warnings = overlay(json!([{"target": "$.missing", "update": {}}])).apply(&mut doc, false).unwrap();
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].code, Code::OverlayTargetUnmatched);
        assert_eq!(warnings[0].location.pointer.as_deref(), Some("/actions/0"));
        let error = overlay(json!([{"target": "$.missing", "update": {}}])).apply(&mut doc, true).unwrap_err();
        assert_eq!(error.location.pointer.as_deref(), Some("/actions/0"));
        assert_eq!(error.code, Code::OverlayNoLongerApplies);
        assert!(error.message.contains("`$.missing`"), "names the target: {error}");
    }

    #[test]
    fn bad_overlays_are_rejected_with_a_pointer() {
        let bad_path =
            Overlay::from_value(&json!({"overlay": "1.0.0", "actions": [{"target": "$[", "update": {}}]})).unwrap_err();
        assert_eq!(bad_path.code, Code::OverlayTargetInvalid);
        assert_eq!(bad_path.location.pointer.as_deref(), Some("/actions/0/target"));
        let not_overlay = Overlay::from_value(&json!({"openapi": "3.1.0"})).unwrap_err();
        assert_eq!(not_overlay.code, Code::NotAnOverlay);
        assert_eq!(not_overlay.location.pointer.as_deref(), Some("/overlay"));
        let no_change = Overlay::from_value(&json!({"overlay": "1.0.0", "actions": [{"target": "$"}]})).unwrap_err();
        assert_eq!(no_change.code, Code::OverlayActionMalformed);
    }
}
