//! `allOf` of object schemas, merged into one object schema.
//!
//! An `allOf` whose branches are objects (inline, or `$ref`s to components,
//! themselves possibly `allOf`s) describes an object with the union of their
//! properties and required names. That is the common use in OpenAPI specs
//! ("this response is that object plus a few fields"), and it becomes one
//! struct. Branches that are not objects, or that are unions, are refused.

use indexmap::IndexMap;
use serde_json::{Map, Value};

use crate::diagnostics::{Error, Warning, join};
use crate::resolve::ResolvedSpec;

/// Keywords a branch may carry that merging understands.
const OBJECT_KEYWORDS: &[&str] = &[
    "type",
    "properties",
    "required",
    "description",
    "title",
    "additionalProperties",
    "nullable",
    "example",
    "examples",
    "default",
    "deprecated",
    "readOnly",
    "writeOnly",
    "discriminator",
];

/// `allOf: [{anyOf: [A, B]}, C]` as `anyOf: [{allOf: [A, C]}, {allOf: [B, C]}]`
/// (the same set of values), so that each branch merges into one struct.
/// Applies when exactly one branch is a union (inline, or a `$ref` to a
/// component that is one) and the rest are not.
pub fn distribute_over_union(
    schema: &Map<String, Value>,
    schemas: &IndexMap<String, Value>,
) -> Option<Map<String, Value>> {
    let branches = schema.get("allOf")?.as_array()?;
    let union_of = |branch: &Value| -> Option<(&'static str, Vec<Value>)> {
        let target = match branch.get("$ref").and_then(Value::as_str) {
            Some(reference) => schemas.get(&ResolvedSpec::ref_name(reference)?)?,
            None => branch,
        };
        let object = target.as_object()?;
        if object.contains_key("properties") {
            return None;
        }
        ["anyOf", "oneOf"].into_iter().find_map(|keyword| Some((keyword, object.get(keyword)?.as_array()?.clone())))
    };
    let unions: Vec<(usize, (&'static str, Vec<Value>))> =
        branches.iter().enumerate().filter_map(|(i, b)| union_of(b).map(|u| (i, u))).collect();
    let [(position, (keyword, alternatives))] = unions.as_slice() else { return None };
    let rest: Vec<Value> = branches.iter().enumerate().filter(|(i, _)| i != position).map(|(_, b)| b.clone()).collect();
    let distributed: Vec<Value> = alternatives
        .iter()
        .map(|alternative| {
            let mut parts = vec![alternative.clone()];
            parts.extend(rest.iter().cloned());
            serde_json::json!({ "allOf": parts })
        })
        .collect();
    let mut out: Map<String, Value> =
        schema.iter().filter(|(k, _)| *k != "allOf").map(|(k, v)| (k.clone(), v.clone())).collect();
    out.insert((*keyword).to_owned(), Value::Array(distributed));
    Some(out)
}

/// The merged schema: `schema` without its `allOf`, plus what every branch
/// declares. The outer schema's own keywords come first and win.
pub fn merge(
    schema: &Map<String, Value>,
    schemas: &IndexMap<String, Value>,
    pointer: &str,
    warnings: &mut Vec<Warning>,
) -> Result<Map<String, Value>, Error> {
    let mut merged: Map<String, Value> =
        schema.iter().filter(|(k, _)| *k != "allOf").map(|(k, v)| (k.clone(), v.clone())).collect();
    let mut seen = Vec::new();
    add_branches(schema, schemas, pointer, &mut seen, &mut merged, warnings)?;
    if merged.contains_key("properties") || merged.contains_key("required") {
        merged.entry("type").or_insert_with(|| Value::from("object"));
    }
    Ok(merged)
}

fn add_branches(
    schema: &Map<String, Value>,
    schemas: &IndexMap<String, Value>,
    pointer: &str,
    seen: &mut Vec<String>,
    merged: &mut Map<String, Value>,
    warnings: &mut Vec<Warning>,
) -> Result<(), Error> {
    let Some(branches) = schema.get("allOf") else { return Ok(()) };
    let branches =
        branches.as_array().ok_or_else(|| Error::invalid("`allOf` must be a list", join(pointer, "allOf")))?;
    for (index, branch) in branches.iter().enumerate() {
        include(branch, schemas, &join(&join(pointer, "allOf"), index), seen, merged, warnings)?;
    }
    Ok(())
}

/// Adds one branch (following a `$ref` to its component) to `merged`.
/// `seen` holds the components being included, to refuse cycles.
fn include(
    branch: &Value,
    schemas: &IndexMap<String, Value>,
    pointer: &str,
    seen: &mut Vec<String>,
    merged: &mut Map<String, Value>,
    warnings: &mut Vec<Warning>,
) -> Result<(), Error> {
    if let Some(reference) = branch.get("$ref").and_then(Value::as_str) {
        let name = ResolvedSpec::ref_name(reference)
            .ok_or_else(|| Error::unsupported("$ref outside #/components/schemas", join(pointer, "$ref")))?;
        if seen.contains(&name) {
            return Err(Error::invalid(
                format!("allOf cycle: `{name}` includes itself, so it has no finite type"),
                join(pointer, "$ref"),
            ));
        }
        let target = schemas
            .get(&name)
            .ok_or_else(|| Error::invalid(format!("dangling $ref: no schema named `{name}`"), join(pointer, "$ref")))?;
        seen.push(name.clone());
        let included = include(target, schemas, &ResolvedSpec::pointer(&name), seen, merged, warnings);
        seen.pop();
        return included;
    }
    let branch =
        branch.as_object().ok_or_else(|| Error::unsupported("allOf with a branch that is not a mapping", pointer))?;
    if let Some(kind) = branch.get("type").and_then(Value::as_str).filter(|t| *t != "object") {
        return Err(Error::unsupported(
            &format!("allOf with a `{kind}` branch (only objects are merged)"),
            join(pointer, "type"),
        ));
    }
    for keyword in ["anyOf", "oneOf", "not", "if"] {
        if branch.contains_key(keyword) {
            return Err(Error::unsupported(&format!("{keyword} inside allOf"), join(pointer, keyword)));
        }
    }
    if let Some(unknown) =
        branch.keys().find(|k| !OBJECT_KEYWORDS.contains(&k.as_str()) && !k.starts_with("x-") && *k != "allOf")
    {
        return Err(Error::unsupported(&format!("`{unknown}` inside allOf"), join(pointer, unknown)));
    }
    add_branches(branch, schemas, pointer, seen, merged, warnings)?;
    merge_branch(branch, pointer, merged, warnings);
    Ok(())
}

fn merge_branch(
    branch: &Map<String, Value>,
    pointer: &str,
    merged: &mut Map<String, Value>,
    warnings: &mut Vec<Warning>,
) {
    for (key, value) in branch {
        match key.as_str() {
            "allOf" | "$ref" => {}
            "properties" => {
                let Some(properties) = value.as_object() else { continue };
                let target = merged.entry("properties").or_insert_with(|| Value::Object(Map::new()));
                let Some(target) = target.as_object_mut() else { continue };
                for (name, property) in properties {
                    match target.get(name) {
                        None => {
                            target.insert(name.clone(), property.clone());
                        }
                        Some(existing) if existing == property => {}
                        // Both schemas apply in JSON Schema; one struct field
                        // can hold only one, and the first is usually the
                        // full definition that later branches narrow.
                        Some(_) => warnings.push(Warning::at(
                            join(&join(pointer, "properties"), name),
                            format!("property `{name}` is declared again by another allOf branch; the first declaration is used"),
                        )),
                    }
                }
            }
            "required" => {
                let Some(names) = value.as_array() else { continue };
                let target = merged.entry("required").or_insert_with(|| Value::Array(Vec::new()));
                if let Some(target) = target.as_array_mut() {
                    for name in names {
                        if !target.contains(name) {
                            target.push(name.clone());
                        }
                    }
                }
            }
            _ => {
                merged.entry(key.clone()).or_insert_with(|| value.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn schemas(value: Value) -> IndexMap<String, Value> {
        value.as_object().unwrap().iter().map(|(k, v)| (k.clone(), v.clone())).collect()
    }

    #[test]
    fn merges_refs_and_inline_objects_in_order() {
        let all = schemas(json!({
            "Base": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}},
            "Mid": {"allOf": [{"$ref": "#/components/schemas/Base"}, {"properties": {"n": {"type": "integer"}}}]}
        }));
        let outer = json!({"description": "d", "allOf": [{"$ref": "#/components/schemas/Mid"}, {"required": ["n"], "properties": {"extra": {"type": "boolean"}}}]});
        let mut warnings = Vec::new();
        let merged = merge(outer.as_object().unwrap(), &all, "/x", &mut warnings).unwrap();
        assert_eq!(
            Value::Object(merged),
            json!({
                "description": "d",
                "properties": {"id": {"type": "string"}, "n": {"type": "integer"}, "extra": {"type": "boolean"}},
                "required": ["id", "n"],
                "type": "object"
            })
        );
        assert!(warnings.is_empty());
    }

    #[test]
    fn cycles_and_non_objects_are_refused() {
        let all = schemas(json!({"A": {"allOf": [{"$ref": "#/components/schemas/A"}]}, "S": {"type": "string"}}));
        let cycle = merge(all["A"].as_object().unwrap(), &all, "/components/schemas/A", &mut Vec::new()).unwrap_err();
        assert!(cycle.message.contains("allOf cycle"), "{cycle}");
        let string = json!({"allOf": [{"$ref": "#/components/schemas/S"}, {"properties": {}}]});
        let error = merge(string.as_object().unwrap(), &all, "/x", &mut Vec::new()).unwrap_err();
        assert!(error.message.starts_with("unsupported: allOf with a `string` branch"), "{error}");
    }

    #[test]
    fn all_of_distributes_over_a_single_union() {
        let all = schemas(
            json!({"A": {"properties": {"a": {}}}, "U": {"anyOf": [{"$ref": "#/components/schemas/A"}, {"properties": {"b": {}}}]}}),
        );
        let outer =
            json!({"description": "d", "allOf": [{"$ref": "#/components/schemas/U"}, {"properties": {"id": {}}}]});
        let distributed = distribute_over_union(outer.as_object().unwrap(), &all).unwrap();
        assert_eq!(
            Value::Object(distributed),
            json!({"description": "d", "anyOf": [
                {"allOf": [{"$ref": "#/components/schemas/A"}, {"properties": {"id": {}}}]},
                {"allOf": [{"properties": {"b": {}}}, {"properties": {"id": {}}}]}
            ]})
        );
        let plain = json!({"allOf": [{"$ref": "#/components/schemas/A"}, {"properties": {"id": {}}}]});
        assert!(distribute_over_union(plain.as_object().unwrap(), &all).is_none());
    }

    #[test]
    fn a_property_declared_twice_keeps_the_first_and_warns() {
        let outer = json!({"allOf": [{"properties": {"a": {"type": "string"}}}, {"properties": {"a": {"type": "string", "maxLength": 2}}}]});
        let mut warnings = Vec::new();
        let merged = merge(outer.as_object().unwrap(), &IndexMap::new(), "/x", &mut warnings).unwrap();
        assert_eq!(merged["properties"]["a"], json!({"type": "string"}));
        assert_eq!(warnings.len(), 1);
    }
}
