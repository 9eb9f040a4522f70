//! The ways a schema admits null, taken off it so that the rest reads as
//! one type, which is then nullable at its use.
//!
//! A named type never holds its own nullability: every use of it does
//! (`Option` or `Nullable` around the field), so a component that admits
//! null makes each of its uses nullable, through any chain of references
//! ([`nullable_components`]).

use std::borrow::Cow;

use indexmap::IndexSet;
use serde_json::{Map, Value};

use crate::diagnostics::{Code, Warning, join};
use crate::ir::graph::{ChainEnd, follow_chains};
use crate::resolve::{OpenApiVersion, ResolvedSpec};

/// Removes the ways a schema can admit null, and says whether it did:
/// OpenAPI 3.0 `nullable: true`, `type: [X, "null"]`, a `{type: null}`
/// branch of anyOf/oneOf, and `null` among `enum` values.
fn strip_null<'s>(
    version: OpenApiVersion,
    schema: &'s Map<String, Value>,
    pointer: &str,
) -> (Cow<'s, Map<String, Value>>, bool, Option<Warning>) {
    let mut schema = Cow::Borrowed(schema);
    let mut nullable = false;
    let mut warning = None;
    if let Some(flag) = schema.get("nullable").and_then(Value::as_bool) {
        if version == OpenApiVersion::V3_1 && flag {
            warning = Some(Warning::at(
                Code::NullableIn31,
                join(pointer, "nullable"),
                "`nullable` is an OpenAPI 3.0 keyword in a 3.1 document; read as `type: [..., \"null\"]`",
            ));
        }
        nullable |= flag;
        schema.to_mut().remove("nullable");
    }
    if let Some(Value::Array(types)) = schema.get("type")
        && types.iter().any(|t| t == "null")
    {
        let rest: Vec<Value> = types.iter().filter(|t| *t != "null").cloned().collect();
        nullable = true;
        let schema = schema.to_mut();
        match rest.len() {
            0 => schema.remove("type"),
            1 => schema.insert("type".into(), rest[0].clone()),
            _ => schema.insert("type".into(), Value::Array(rest)),
        };
    }
    if let Some(Value::Array(values)) = schema.get("enum")
        && values.iter().any(Value::is_null)
    {
        let rest: Vec<Value> = values.iter().filter(|v| !v.is_null()).cloned().collect();
        nullable = true;
        schema.to_mut().insert("enum".into(), Value::Array(rest));
    }
    for keyword in ["anyOf", "oneOf"] {
        let Some(Value::Array(branches)) = schema.get(keyword) else {
            continue;
        };
        let is_null = |b: &Value| {
            b.get("type").is_some_and(|t| t == "null")
                && b.as_object().is_some_and(|o| o.keys().all(|k| k == "type" || k == "description" || k == "title"))
        };
        if !branches.iter().any(is_null) {
            continue;
        }
        let rest: Vec<Value> = branches.iter().filter(|b| !is_null(b)).cloned().collect();
        nullable = true;
        let schema = schema.to_mut();
        if let [single] = rest.as_slice() {
            // `anyOf: [X, {type: null}]` is X made nullable; the outer
            // schema's own keys (description, default) stay.
            schema.remove(keyword);
            if let Value::Object(inner) = single {
                for (key, value) in inner {
                    schema.entry(key.clone()).or_insert_with(|| value.clone());
                }
            }
        } else {
            schema.insert(keyword.into(), Value::Array(rest));
        }
    }
    (schema, nullable, warning)
}

/// `allOf: [{$ref: X}, {nullable: true}]` and the like: one reference, and
/// branches that only annotate it (OpenAPI 3.0 cannot put `nullable` beside
/// a `$ref`). Becomes `allOf: [{$ref: X}]`, and says whether null is allowed.
fn reference_with_annotations(schema: Cow<'_, Map<String, Value>>) -> (Cow<'_, Map<String, Value>>, bool) {
    let Some(Value::Array(branches)) = schema.get("allOf") else { return (schema, false) };
    let (references, others): (Vec<&Value>, Vec<&Value>) = branches.iter().partition(|b| b.get("$ref").is_some());
    let annotations_only = others.iter().all(|b| {
        b.as_object().is_some_and(|o| o.keys().all(|k| k == "nullable" || crate::vocabulary::is_annotation(k)))
    });
    if references.len() != 1 || others.is_empty() || !annotations_only {
        return (schema, false);
    }
    let nullable = others.iter().any(|b| b.get("nullable").and_then(Value::as_bool) == Some(true));
    let reference = references[0].clone();
    let mut schema = schema.into_owned();
    schema.insert("allOf".into(), Value::Array(vec![reference]));
    (Cow::Owned(schema), nullable)
}

/// Every way a schema can admit null, removed from it: [`strip_null`], then
/// [`reference_with_annotations`]. Says whether null is allowed.
pub(super) fn null_forms<'s>(
    version: OpenApiVersion,
    schema: &'s Map<String, Value>,
    pointer: &str,
) -> (Cow<'s, Map<String, Value>>, bool, Option<Warning>) {
    let (schema, stripped, warning) = strip_null(version, schema, pointer);
    let (schema, annotated) = reference_with_annotations(schema);
    (schema, stripped || annotated, warning)
}

/// The components whose schema admits null (by [`null_forms`], as at any
/// use), including those that are a `$ref`, or an allOf around one, to
/// such a component.
pub(super) fn nullable_components(spec: &ResolvedSpec) -> IndexSet<String> {
    // Whether a schema admits null itself, and the component it refers to.
    let read = |schema: &Value| -> (bool, Option<String>) {
        let Some(object) = schema.as_object() else { return (false, None) };
        let (object, nullable, _) = null_forms(spec.version, object, "");
        let reference =
            object.get("$ref").or_else(|| object.get("allOf")?.as_array().filter(|a| a.len() == 1)?[0].get("$ref"));
        (nullable, reference.and_then(Value::as_str).and_then(ResolvedSpec::ref_name))
    };
    let links: Vec<(bool, Option<String>)> = spec.schemas.values().map(read).collect();
    // A chain of references ends at the first component that admits null
    // itself; a cycle of pure references admits nothing.
    let successors: Vec<Option<usize>> = links
        .iter()
        .map(|(nullable, reference)| match nullable {
            true => None,
            false => spec.schemas.get_index_of(reference.as_deref()?),
        })
        .collect();
    let chains = follow_chains(&successors);
    let admits_null = |end: &ChainEnd| matches!(end, ChainEnd::At(last) if links[*last].0);
    spec.schemas.keys().zip(&chains.ends).filter(|(_, end)| admits_null(end)).map(|(name, _)| name.clone()).collect()
}
