//! Which Rust form a schema becomes, and in what order that is decided.
//!
//! The order is written down here once. The first test that holds decides,
//! so each comes before those it would otherwise be mistaken for. Steps 0
//! to 6 run in the driver (`Builder::component` and `Builder::ty_of` in
//! `mod.rs`), since several of them build something at once (a type held
//! as JSON, a merged schema read again); steps 7 to 12 are [`classify`].
//!
//! 0. *A component root, in JSON Schema semantics*, is a struct or an enum
//!    only when a Rust type states exactly what it does ([`exact_type`]);
//!    anything else is held as JSON: a named alias of `i64` could not
//!    carry the root's own checks.
//! 1. *A place that a `$ref` reaches* is a root of its own, and its place
//!    uses that root's type: first, so that it is one type however it is
//!    reached.
//! 2. *`true`* is any value, *`false`* is held as JSON, and in JSON Schema
//!    semantics so is every schema that is not [`exact_type`]: there a
//!    keyword constrains only values of its own JSON type, which a Rust
//!    type cannot say. Anything but a mapping or a boolean is an error.
//! 3. *The ways to admit null* are taken off ([`super::nullability`]):
//!    before anything else, since `type: [string, "null"]` would otherwise
//!    read as several types, and `anyOf: [X, {type: null}]` as a union.
//! 4. *Presence rules* (`anyOf`/`oneOf` of `required` lists, `not:
//!    {required}`) are taken off for the struct: before step 5, which
//!    would hold them as JSON for their `not` or their union.
//! 5. *What no Rust type states* ([`beyond_types`]: `not`, `if`,
//!    `prefixItems`, several `type`s, `type: null`, `unevaluated*` a struct
//!    cannot state, ...) is held as JSON.
//! 6. *`allOf`*: around a single `$ref` it reads through to step 9; over a
//!    single union it is distributed (`allOf(anyOf(A, B), C)` becomes
//!    `anyOf(allOf(A, C), allOf(B, C))`, a union: step 11); otherwise its
//!    branches are merged and the merged schema starts again at step 1, or,
//!    where they do not merge, the schema is held as JSON.
//! 7. *`$recursiveRef: "#"`* is the component being built; any other is
//!    refused.
//! 8. *`unevaluatedProperties`* a struct cannot state, and any keyword left
//!    that no form states, are refused (step 5 has held such schemas as
//!    JSON already; this guards the forms below).
//! 9. *`$ref`* (or `allOf` around one) is the named type, whatever its
//!    siblings say: they annotate the use (a `description`), they do not
//!    make a new type.
//! 10. *A string `enum` or `const`* ([`string_enum`]) is an enum, before
//!     `type`: `type: string` beside it says less than the values do. A
//!     single value, or `x-stainless-const`, accepts nothing else.
//! 11. *`anyOf`/`oneOf`* is a union, before `type` (a `type: object` beside
//!     `oneOf` is what every branch is), except `anyOf` of a plain string
//!     and a string enum ([`open_string_enum`]), which is an enum that
//!     keeps any other string.
//! 12. *`type`*, or the keyword that implies it: an object with
//!     `properties` is a struct, one without is a map (as is
//!     `additionalProperties` alone); `items` is an array even without
//!     `type: array` (upstream `modalities`); then the scalars; no `type`
//!     at all is any value, and `type: null` alone is refused.

use indexmap::IndexMap;
use serde_json::{Map, Value};

use crate::diagnostics::{Code, Error, join};
use crate::ir::{OtherValues, Shape};
use crate::resolve::ResolvedSpec;

/// What a (non-null) schema becomes.
pub(super) enum Form<'s> {
    Ref(String),
    StringEnum { values: Vec<String>, other: OtherValues },
    Union { branches: &'s [Value], keyword: &'static str },
    Struct { properties: &'s Map<String, Value> },
    Map { values: Option<&'s Value> },
    Array { items: Option<&'s Value> },
    Scalar(Shape),
}

/// Steps 7 to 12 of the order above, for a schema whose null forms and
/// `allOf` are dealt with. `components` are the spec names that have a
/// type; `current_component` is the one being built (empty for an inline
/// root).
pub(super) fn classify<'s>(
    schema: &'s Map<String, Value>,
    pointer: &str,
    components: &IndexMap<String, String>,
    current_component: &str,
) -> Result<Form<'s>, Error> {
    if let Some(reference) = schema.get("$recursiveRef") {
        return match reference.as_str() {
            // An inline root (a response body) is no component to refer to.
            Some("#") if !current_component.is_empty() => Ok(Form::Ref(current_component.to_owned())),
            _ => Err(Error::unsupported(
                Code::KeywordUnsupported,
                "$recursiveRef other than \"#\"",
                join(pointer, "$recursiveRef"),
            )),
        };
    }
    match schema.get("unevaluatedProperties") {
        None | Some(Value::Bool(true)) => {}
        Some(Value::Object(o)) if o.is_empty() => {}
        // With no applicator left (allOf is merged by now), unevaluated
        // properties are exactly the undeclared ones.
        Some(Value::Bool(false)) if !schema.contains_key("anyOf") && !schema.contains_key("oneOf") => {}
        Some(_) => {
            return Err(Error::unsupported(
                Code::KeywordUnsupported,
                "unevaluatedProperties",
                join(pointer, "unevaluatedProperties"),
            ));
        }
    }
    // What no typed form states is held as JSON before a schema gets
    // here (`beyond_types`); `then` without `if` asserts nothing.
    if let Some(keyword) = schema.keys().find(|k| crate::vocabulary::beyond_forms(k)) {
        return Err(Error::unsupported(Code::KeywordUnsupported, keyword, join(pointer, keyword)));
    }
    if let Some(reference) = schema.get("$ref") {
        let name = reference.as_str().and_then(ResolvedSpec::ref_name).ok_or_else(|| {
            Error::unsupported(Code::RefNotAPointer, "$ref outside #/components/schemas", join(pointer, "$ref"))
        })?;
        if !components.contains_key(&name) {
            return Err(Error::at(
                Code::DanglingRef,
                format!("dangling $ref: no schema named `{name}`"),
                join(pointer, "$ref"),
            ));
        }
        return Ok(Form::Ref(name));
    }
    if let Some(all_of) = schema.get("allOf") {
        return match all_of.as_array().map(Vec::as_slice) {
            // allOf around one schema only adds a description: read through it.
            Some([single]) => match single.get("$ref").and_then(Value::as_str).and_then(ResolvedSpec::ref_name) {
                Some(name) if components.contains_key(&name) => Ok(Form::Ref(name)),
                _ => Err(Error::at(Code::DanglingRef, "dangling $ref in allOf", join(pointer, "allOf"))),
            },
            // Merged before classification (see `ty_of`).
            _ => Err(Error::at(Code::KeywordMalformed, "`allOf` must be a list of schemas", join(pointer, "allOf"))),
        };
    }
    if let Some(values) = string_enum(schema) {
        let exact = values.len() == 1 || schema.get("x-stainless-const").and_then(Value::as_bool) == Some(true);
        return Ok(Form::StringEnum {
            values,
            other: if exact { OtherValues::Rejected } else { OtherValues::KeptInvalid },
        });
    }
    for keyword in ["anyOf", "oneOf"] {
        if let Some(branches) = schema.get(keyword) {
            let branches = branches.as_array().ok_or_else(|| {
                Error::at(Code::KeywordMalformed, format!("`{keyword}` must be a list"), join(pointer, keyword))
            })?;
            if let Some(values) = open_string_enum(branches) {
                return Ok(Form::StringEnum { values, other: OtherValues::KeptValid });
            }
            if branches.is_empty() {
                return Err(Error::at(
                    Code::KeywordMalformed,
                    format!("`{keyword}` must not be empty"),
                    join(pointer, keyword),
                ));
            }
            return Ok(Form::Union { branches, keyword: if keyword == "oneOf" { "oneOf" } else { "anyOf" } });
        }
    }
    let declared = match schema.get("type") {
        None => None,
        Some(Value::String(t)) => Some(t.as_str()),
        Some(Value::Array(_)) => {
            return Err(Error::unsupported(
                Code::KeywordUnsupported,
                "`type` with several types",
                join(pointer, "type"),
            ));
        }
        Some(_) => {
            return Err(Error::at(
                Code::KeywordMalformed,
                "`type` must be a string or a list of strings",
                join(pointer, "type"),
            ));
        }
    };
    let has = |key: &str| schema.contains_key(key);
    let form = match declared {
        Some("object") | None if has("properties") => match schema.get("properties") {
            Some(Value::Object(properties)) if !properties.is_empty() => Form::Struct { properties },
            Some(Value::Object(_)) => Form::Map { values: schema.get("additionalProperties") },
            _ => {
                return Err(Error::at(
                    Code::KeywordMalformed,
                    "`properties` must be a mapping",
                    join(pointer, "properties"),
                ));
            }
        },
        Some("object") => Form::Map { values: schema.get("additionalProperties").filter(|v| v.is_object()) },
        None if has("additionalProperties") => {
            Form::Map { values: schema.get("additionalProperties").filter(|v| v.is_object()) }
        }
        // `items` without `type: array` (upstream `modalities`): the
        // intent is an array, and anything else would reject every value.
        Some("array") => Form::Array { items: schema.get("items") },
        None if has("items") => Form::Array { items: schema.get("items") },
        Some("string") => Form::Scalar(Shape::String),
        Some("integer") => Form::Scalar(Shape::Integer),
        Some("number") => Form::Scalar(Shape::Number),
        Some("boolean") => Form::Scalar(Shape::Boolean),
        Some("null") => {
            return Err(Error::unsupported(Code::KeywordUnsupported, "`type: null` on its own", join(pointer, "type")));
        }
        Some(other) => {
            return Err(Error::at(Code::UnknownType, format!("unknown type `{other}`"), join(pointer, "type")));
        }
        None => Form::Scalar(Shape::Any),
    };
    Ok(form)
}

/// The values of a string-only `enum` or a string `const`.
pub(super) fn string_enum(schema: &Map<String, Value>) -> Option<Vec<String>> {
    if !matches!(schema.get("type").and_then(Value::as_str), None | Some("string")) {
        return None;
    }
    if let Some(Value::String(value)) = schema.get("const") {
        return Some(vec![value.clone()]);
    }
    let values = schema.get("enum")?.as_array()?;
    let strings: Vec<String> = values.iter().map(|v| v.as_str().map(str::to_owned)).collect::<Option<_>>()?;
    let mut unique: Vec<String> = Vec::with_capacity(strings.len());
    for value in strings {
        if !unique.contains(&value) {
            unique.push(value);
        }
    }
    (!unique.is_empty()).then_some(unique)
}

/// `anyOf: [{type: string}, {type: string, enum: [...]}]`: a documented set
/// of values that admits any other string.
fn open_string_enum(branches: &[Value]) -> Option<Vec<String>> {
    const ALLOWED: [&str; 5] = ["type", "enum", "description", "title", "example"];
    let mut values = Vec::new();
    let mut has_plain = false;
    for branch in branches {
        let object = branch.as_object()?;
        if object.get("type").and_then(Value::as_str) != Some("string")
            || !object.keys().all(|k| ALLOWED.contains(&k.as_str()) || k.starts_with("x-"))
        {
            return None;
        }
        match object.get("enum") {
            None => has_plain = true,
            Some(_) => values.extend(string_enum(object)?),
        }
    }
    (has_plain && !values.is_empty()).then_some(values)
}

/// In JSON Schema semantics, whether a Rust type states exactly what the
/// schema does: one declared `type` (or an enum of strings) and only
/// keywords that the typed forms check. Anything else is held as JSON.
pub(super) fn exact_type(schema: &Map<String, Value>) -> bool {
    use crate::vocabulary::Forms;
    // Which keywords each form states is the vocabulary's `stated_by`.
    let form = match schema.get("type").and_then(Value::as_str) {
        Some("string") => Forms::STRING,
        Some("integer" | "number") => Forms::NUMBER,
        Some("boolean") => Forms::BOOLEAN,
        Some("array") => Forms::ARRAY,
        // A struct checks its fields and extra properties; a map (no
        // properties) checks its values, count and names.
        Some("object") => match schema.get("properties").and_then(Value::as_object) {
            Some(properties) if !properties.is_empty() => {
                let declared = |name: &Value| name.as_str().is_some_and(|n| properties.contains_key(n));
                if !schema.get("required").is_none_or(|r| r.as_array().is_some_and(|r| r.iter().all(declared))) {
                    return false;
                }
                Forms::STRUCT
            }
            _ => {
                if schema.get("additionalProperties").is_some_and(|a| !a.is_object()) {
                    return false;
                }
                Forms::MAP
            }
        },
        // An enum of strings without `type` is a Rust enum, which states
        // its values and nothing else.
        None if string_enum(schema).is_some() && !schema.contains_key("const") => {
            return schema.keys().all(|k| k == "enum" || crate::vocabulary::is_annotation(k));
        }
        _ => return false,
    };
    // Exclusive limits as booleans are OpenAPI 3.0's, not JSON Schema's.
    if schema.get("exclusiveMinimum").is_some_and(Value::is_boolean)
        || schema.get("exclusiveMaximum").is_some_and(Value::is_boolean)
    {
        return false;
    }
    schema.keys().all(|k| crate::vocabulary::stated_by_form(k, form))
}

/// In OpenAPI semantics, whether a schema (with its null forms removed)
/// uses what no Rust type states, and so is held as JSON.
pub(super) fn beyond_types(schema: &Map<String, Value>) -> bool {
    // `unevaluated*` that a struct cannot state: anything but `false` for
    // properties (deny unknown fields), or beside a union's branches.
    let trivial = |keyword: &str| match schema.get(keyword) {
        None | Some(Value::Bool(true)) => true,
        Some(Value::Object(o)) => o.is_empty(),
        Some(_) => false,
    };
    let unions = schema.contains_key("anyOf") || schema.contains_key("oneOf");
    let unevaluated = !trivial("unevaluatedItems")
        || !(trivial("unevaluatedProperties")
            || (schema.get("unevaluatedProperties") == Some(&Value::Bool(false)) && !unions));
    schema.keys().any(|k| crate::vocabulary::beyond_forms(k))
        || unevaluated
        || matches!(schema.get("type"), Some(Value::Array(_)))
        || schema.get("type").and_then(Value::as_str) == Some("null")
}
