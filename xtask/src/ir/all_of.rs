//! `allOf`: every branch holds, so the branches merge into one schema.
//!
//! The common use in OpenAPI specs is "this object plus a few fields", and
//! it becomes one struct; the branches may as well be strings, numbers or
//! arrays (an enum wrapped to add a title, a string narrowed by
//! `maxLength`). Each keyword combines as [`crate::vocabulary`] says: an
//! annotation is taken from the first schema that has it, assertions
//! intersect (the larger minimum, the common enum values, the types both
//! allow), properties and required names add up. Where two values cannot
//! combine into one (two patterns, two `not`s), a merged schema would say
//! less than the branches, so there is none: the value is held as JSON and
//! checked against every branch. Branches that allow no common value (a
//! string and an integer) are held so too, with a warning: nothing is valid.

use indexmap::IndexMap;
use serde_json::{Map, Value};

use crate::diagnostics::{Code, Error, Warning, join};
use crate::resolve::ResolvedSpec;
use crate::vocabulary::{Merge, Role};

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

/// Where a merged property's schema really is: the pointer it has in the
/// merged schema (below `pointer`), and the one it has in the document.
pub type Moved = (String, String);

/// The merged schema: `schema` without its `allOf`, plus what every branch
/// declares; the outer schema's own keywords come first. `None` when the
/// branches do not combine into one schema (see the module docs). `moved`
/// gets where each property taken from a branch is in the document.
pub fn merge(
    schema: &Map<String, Value>,
    schemas: &IndexMap<String, Value>,
    pointer: &str,
    warnings: &mut Vec<Warning>,
    moved: &mut Vec<Moved>,
) -> Result<Option<Map<String, Value>>, Error> {
    let mut branches = Vec::new();
    flatten(schema, schemas, pointer, &mut Vec::new(), &mut branches)?;
    let mut merged = Map::new();
    for (at, branch) in &branches {
        let Some(branch) = branch else { return Ok(None) };
        let declared = merged.get("properties").and_then(Value::as_object).cloned().unwrap_or_default();
        for name in branch.get("properties").and_then(Value::as_object).into_iter().flatten().map(|(n, _)| n) {
            if !declared.contains_key(name) && at != pointer {
                let here = join(&join(pointer, "properties"), name);
                moved.push((here, join(&join(at, "properties"), name)));
            }
        }
        // The single subschemas a merged object or array is built from
        // (its values, its items) are where the branch has them too.
        for keyword in ["additionalProperties", "items"] {
            if branch.contains_key(keyword) && !merged.contains_key(keyword) && at != pointer {
                moved.push((join(pointer, keyword), join(at, keyword)));
            }
        }
        if let Err(conflict) = merge_branch(branch, at, &mut merged, warnings) {
            if let Conflict::Nothing(why) = conflict {
                let message = format!("allOf branches have no value in common ({why}): no value is valid");
                warnings.push(Warning::at(Code::AllOfNoCommonValue, pointer, message));
            }
            return Ok(None);
        }
    }
    if merged.contains_key("properties") || merged.contains_key("required") {
        merged.entry("type").or_insert_with(|| Value::from("object"));
    }
    Ok(Some(merged))
}

/// A schema that must hold, by pointer, without its `allOf` and `$ref`
/// (which are followed); `None` for a `false` branch.
type Branch = (String, Option<Map<String, Value>>);

/// `schema` first, then every schema its `$ref` and `allOf` include, depth
/// first. `seen` holds the components being included, to refuse cycles.
fn flatten(
    schema: &Map<String, Value>,
    schemas: &IndexMap<String, Value>,
    pointer: &str,
    seen: &mut Vec<String>,
    out: &mut Vec<Branch>,
) -> Result<(), Error> {
    let own = schema.iter().filter(|(k, _)| *k != "allOf" && *k != "$ref").map(|(k, v)| (k.clone(), v.clone()));
    out.push((pointer.to_owned(), Some(own.collect())));
    if let Some(reference) = schema.get("$ref") {
        let at = join(pointer, "$ref");
        let name = reference
            .as_str()
            .and_then(ResolvedSpec::ref_name)
            .ok_or_else(|| Error::unsupported(Code::RefNotAPointer, "$ref outside #/components/schemas", &at))?;
        if seen.contains(&name) {
            let message = format!("allOf cycle: `{name}` includes itself, so it has no finite type");
            return Err(Error::at(Code::AllOfCycle, message, at));
        }
        let target = schemas
            .get(&name)
            .ok_or_else(|| Error::at(Code::DanglingRef, format!("dangling $ref: no schema named `{name}`"), &at))?;
        seen.push(name.clone());
        let included = branch(target, schemas, &ResolvedSpec::pointer(&name), seen, out);
        seen.pop();
        included?;
    }
    let Some(branches) = schema.get("allOf") else { return Ok(()) };
    let branches = branches
        .as_array()
        .ok_or_else(|| Error::at(Code::KeywordMalformed, "`allOf` must be a list", join(pointer, "allOf")))?;
    for (index, item) in branches.iter().enumerate() {
        branch(item, schemas, &join(&join(pointer, "allOf"), index), seen, out)?;
    }
    Ok(())
}

fn branch(
    schema: &Value,
    schemas: &IndexMap<String, Value>,
    pointer: &str,
    seen: &mut Vec<String>,
    out: &mut Vec<Branch>,
) -> Result<(), Error> {
    match schema {
        Value::Object(schema) => flatten(schema, schemas, pointer, seen, out),
        Value::Bool(true) => Ok(()),
        Value::Bool(false) => {
            out.push((pointer.to_owned(), None));
            Ok(())
        }
        _ => Err(Error::at(Code::NotASchema, "an allOf branch must be a schema", pointer)),
    }
}

/// Why a branch does not merge.
enum Conflict {
    /// Two values that one keyword cannot state together.
    Unmergeable,
    /// Two values that no value meets both of.
    Nothing(String),
}

fn merge_branch(
    branch: &Map<String, Value>,
    pointer: &str,
    merged: &mut Map<String, Value>,
    warnings: &mut Vec<Warning>,
) -> Result<(), Conflict> {
    for (key, value) in branch {
        let Some(existing) = merged.get_mut(key) else {
            merged.insert(key.clone(), value.clone());
            continue;
        };
        if existing == value {
            continue;
        }
        match key.as_str() {
            "properties" => merge_properties(existing, value, pointer, warnings),
            // Annotations, and OpenAPI 3.0's `nullable` (in a branch of its
            // own beside a `$ref`), are the first schema's; so is
            // `additionalProperties`, which each branch states of its own
            // properties.
            "nullable" | "additionalProperties" => {}
            _ if crate::vocabulary::is_annotation(key) => {}
            _ => match crate::vocabulary::keyword(key).map(|k| k.role) {
                Some(Role::Assertion(rule)) => *existing = combine(key, rule, existing, value)?,
                _ => return Err(Conflict::Unmergeable),
            },
        }
    }
    Ok(())
}

/// Properties declared by several branches: the first declaration of each.
fn merge_properties(existing: &mut Value, more: &Value, pointer: &str, warnings: &mut Vec<Warning>) {
    let (Some(target), Some(properties)) = (existing.as_object_mut(), more.as_object()) else { return };
    for (name, property) in properties {
        match target.get(name) {
            None => {
                target.insert(name.clone(), property.clone());
            }
            Some(existing) if existing == property => {}
            // Both schemas apply in JSON Schema; one struct field can hold
            // only one, and the first is usually the full definition that
            // later branches narrow.
            Some(_) => warnings.push(Warning::at(
                Code::AllOfPropertyRedeclared,
                join(&join(pointer, "properties"), name),
                format!("property `{name}` is declared again by another allOf branch; the first declaration is used"),
            )),
        }
    }
}

/// One value that accepts what both values of assertion `key` accept.
fn combine(key: &str, rule: Merge, a: &Value, b: &Value) -> Result<Value, Conflict> {
    let number = |v: &Value| v.as_f64().ok_or(Conflict::Unmergeable);
    let list = |v: &Value| v.as_array().cloned().ok_or(Conflict::Unmergeable);
    match rule {
        Merge::Larger => Ok(if number(b)? > number(a)? { b.clone() } else { a.clone() }),
        Merge::Smaller => Ok(if number(b)? < number(a)? { b.clone() } else { a.clone() }),
        Merge::Either => Ok(Value::Bool(a.as_bool() == Some(true) || b.as_bool() == Some(true))),
        Merge::Every => {
            let (mut every, more) = (list(a)?, list(b)?);
            for value in more {
                if !every.contains(&value) {
                    every.push(value);
                }
            }
            Ok(Value::Array(every))
        }
        Merge::Common => {
            let (a, b) = (list(a)?, list(b)?);
            let common: Vec<Value> = a.iter().filter(|v| b.contains(v)).cloned().collect();
            if common.is_empty() {
                return Err(Conflict::Nothing(format!("`{key}` {} and {}", Value::Array(a), Value::Array(b))));
            }
            Ok(Value::Array(common))
        }
        Merge::Types => {
            let types = |v: &Value| -> Vec<String> {
                match v {
                    Value::String(t) => vec![t.clone()],
                    Value::Array(ts) => ts.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
                    _ => Vec::new(),
                }
            };
            let (a_types, b_types) = (types(a), types(b));
            // `integer` is a kind of `number`.
            let allows = |set: &[String], t: &str| set.iter().any(|s| s == t || (s == "number" && t == "integer"));
            let mut common: Vec<String> = Vec::new();
            for t in a_types.iter().chain(&b_types) {
                if allows(&a_types, t) && allows(&b_types, t) && !common.contains(t) {
                    common.push(t.clone());
                }
            }
            match common.as_slice() {
                [] => Err(Conflict::Nothing(format!("`type` {a} and {b}"))),
                [one] => Ok(Value::from(one.as_str())),
                _ => Ok(Value::Array(common.into_iter().map(Value::from).collect())),
            }
        }
        Merge::Equal => Err(Conflict::Unmergeable),
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
        let merged = merge(outer.as_object().unwrap(), &all, "/x", &mut warnings, &mut Vec::new()).unwrap().unwrap();
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
    fn cycles_are_refused() {
        let all = schemas(json!({"A": {"allOf": [{"$ref": "#/components/schemas/A"}]}}));
        let cycle =
            merge(all["A"].as_object().unwrap(), &all, "/components/schemas/A", &mut Vec::new(), &mut Vec::new())
                .unwrap_err();
        assert_eq!(cycle.code, Code::AllOfCycle, "{cycle}");
    }

    fn merge_of(outer: Value, all: &IndexMap<String, Value>) -> (Option<Value>, Vec<Warning>) {
        let mut warnings = Vec::new();
        let merged = merge(outer.as_object().unwrap(), all, "/x", &mut warnings, &mut Vec::new()).unwrap();
        (merged.map(Value::Object), warnings)
    }

    #[test]
    fn a_typed_branch_takes_the_annotations_of_the_others() {
        let all = schemas(json!({"Kind": {"type": "string", "enum": ["file", "folder"]}}));
        let outer = json!({"allOf": [{"$ref": "#/components/schemas/Kind"}, {"title": "Item kind", "example": "file", "readOnly": true}]});
        let (merged, warnings) = merge_of(outer, &all);
        assert_eq!(
            merged.unwrap(),
            json!({"type": "string", "enum": ["file", "folder"], "title": "Item kind", "example": "file", "readOnly": true})
        );
        assert!(warnings.is_empty());
    }

    #[test]
    fn compatible_assertions_intersect() {
        let outer = json!({"description": "d", "allOf": [
            {"type": "number", "minimum": 1, "maxLength": 5},
            {"type": "integer", "minimum": 0, "maximum": 10},
            {"maxLength": 3, "enum": [1, 2, 3], "uniqueItems": false},
            {"enum": [3, 2, 9], "required": ["a"], "uniqueItems": true},
            {"required": ["b", "a"]}
        ]});
        let (merged, warnings) = merge_of(outer, &IndexMap::new());
        assert_eq!(
            merged.unwrap(),
            json!({"description": "d", "type": "integer", "minimum": 1, "maxLength": 3, "maximum": 10,
                   "enum": [2, 3], "uniqueItems": true, "required": ["a", "b"]})
        );
        assert!(warnings.is_empty());
    }

    #[test]
    fn contradictions_and_unmergeable_values_are_held_as_json() {
        let (merged, warnings) =
            merge_of(json!({"allOf": [{"type": "string"}, {"type": "integer"}]}), &IndexMap::new());
        assert_eq!(merged, None);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].code, Code::AllOfNoCommonValue);
        assert!(warnings[0].message.contains("`type` \"string\" and \"integer\""), "says why: {}", warnings[0]);
        let (merged, warnings) = merge_of(json!({"allOf": [{"enum": [1]}, {"enum": [2]}]}), &IndexMap::new());
        assert_eq!((merged, warnings.len()), (None, 1));
        for outer in [
            json!({"allOf": [{"pattern": "a"}, {"pattern": "b"}]}),
            json!({"allOf": [{"not": {"type": "string"}}, {"not": {"type": "integer"}}]}),
            json!({"allOf": [{"type": "string"}, false]}),
        ] {
            let (merged, warnings) = merge_of(outer.clone(), &IndexMap::new());
            assert_eq!(merged, None, "{outer}");
            assert!(warnings.is_empty(), "{outer}");
        }
        // One `not` merges: it is the only one.
        let (merged, _) = merge_of(json!({"allOf": [{"type": "string"}, {"not": {"const": ""}}]}), &IndexMap::new());
        assert_eq!(merged.unwrap(), json!({"type": "string", "not": {"const": ""}}));
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
        let merged =
            merge(outer.as_object().unwrap(), &IndexMap::new(), "/x", &mut warnings, &mut Vec::new()).unwrap().unwrap();
        assert_eq!(merged["properties"]["a"], json!({"type": "string"}));
        assert_eq!(warnings.iter().map(|w| w.code).collect::<Vec<_>>(), [Code::AllOfPropertyRedeclared]);
    }
}
