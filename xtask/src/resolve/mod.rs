//! Stage 3: check the document's shape and resolve local `$ref`s.
//!
//! The output, [`ResolvedSpec`], holds the named schemas that the roots reach
//! (their transitive `$ref` closure), in document order, with every
//! component `$ref` inside them known to point at one of them, and an
//! [`index`] that resolves any other in-document reference to a pointer.

mod bundled;
pub mod index;

use indexmap::{IndexMap, IndexSet};
use serde_json::Value;

use crate::diagnostics::{Error, join};

pub const SCHEMAS_POINTER: &str = "/components/schemas";
const REF_PREFIX: &str = "#/components/schemas/";

/// Which named schemas to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Roots {
    /// Every schema in `components.schemas`.
    All,
    /// These schemas and everything they reference.
    Named(Vec<String>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenApiVersion {
    V3_0,
    V3_1,
}

/// Which rules say what a schema without `type` accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Semantics {
    /// OpenAPI's convention: `properties` make an object, `items` an array,
    /// whether or not `type` says so. This is what spec authors mean, and
    /// it gives the types they expect.
    OpenApi,
    /// JSON Schema's rule: each keyword constrains only values of its own
    /// type (`{"properties": ...}` accepts `12`). Used for bare JSON Schema
    /// documents, such as the JSON Schema Test Suite's.
    JsonSchema,
}

#[derive(Debug, Clone)]
pub struct ResolvedSpec {
    pub version: OpenApiVersion,
    pub semantics: Semantics,
    /// Named schemas in document order, restricted to the roots' closure.
    pub schemas: IndexMap<String, Value>,
    /// The pointer of each named schema in `document`.
    pub pointers: IndexMap<String, String>,
    /// The whole document, for schemas reached by pointer rather than by name.
    pub document: Value,
    pub index: index::SchemaIndex,
}

impl ResolvedSpec {
    /// The schema name a `$ref` string points at. Every `$ref` in a resolved
    /// spec has one, so `None` means the string was not taken from it.
    pub fn ref_name(reference: &str) -> Option<String> {
        let token = reference.strip_prefix(REF_PREFIX)?;
        (!token.contains('/')).then(|| crate::diagnostics::unescape_token(token))
    }

    pub fn pointer(name: &str) -> String {
        join(SCHEMAS_POINTER, name)
    }
}

/// Validates the document and computes the closure of `roots`.
pub fn resolve(document: &Value, roots: &Roots) -> Result<ResolvedSpec, Error> {
    let version = openapi_version(document)?;
    let all = component_schemas(document)?;
    let names: Vec<String> = match roots {
        Roots::All => all.keys().cloned().collect(),
        Roots::Named(names) => names.clone(),
    };
    let closure = closure(all, &names)?;
    let schemas: IndexMap<String, Value> = all
        .iter()
        .filter(|(name, _)| closure.contains(*name))
        .map(|(name, schema)| (name.clone(), schema.clone()))
        .collect();
    let pointers: IndexMap<String, String> =
        schemas.keys().map(|name| (name.clone(), ResolvedSpec::pointer(name))).collect();
    let index = index::SchemaIndex::build(document, pointers.values().map(String::as_str))?;
    Ok(ResolvedSpec { version, semantics: Semantics::OpenApi, schemas, pointers, document: document.clone(), index })
}

/// A bare JSON Schema document (not OpenAPI): the document is the one
/// root schema, named `root_name`, read with JSON Schema's semantics.
pub fn resolve_json_schema(document: &Value, root_name: &str) -> Result<ResolvedSpec, Error> {
    if !(document.is_object() || document.is_boolean()) {
        return Err(Error::invalid(
            format!("a schema must be a mapping or a boolean, found {}", kind_of(document)),
            "",
        ));
    }
    let document = &bundled::bundle(document.clone());
    let index = index::SchemaIndex::build(document, [""])?;
    Ok(ResolvedSpec {
        version: OpenApiVersion::V3_1,
        semantics: Semantics::JsonSchema,
        schemas: IndexMap::from([(root_name.to_owned(), document.clone())]),
        pointers: IndexMap::from([(root_name.to_owned(), String::new())]),
        document: document.clone(),
        index,
    })
}

fn openapi_version(document: &Value) -> Result<OpenApiVersion, Error> {
    let object = document.as_object().ok_or_else(|| {
        Error::invalid(
            format!("not an OpenAPI document: expected a mapping at the top, found {}", kind_of(document)),
            "",
        )
    })?;
    match object.get("openapi") {
        Some(Value::String(v)) if v.starts_with("3.0") => Ok(OpenApiVersion::V3_0),
        Some(Value::String(v)) if v.starts_with("3.1") => Ok(OpenApiVersion::V3_1),
        Some(Value::String(v)) => {
            Err(Error::invalid(format!("unsupported OpenAPI version `{v}` (expected 3.0.x or 3.1.x)"), "/openapi"))
        }
        Some(other) => {
            Err(Error::invalid(format!("`openapi` must be a version string, found {}", kind_of(other)), "/openapi"))
        }
        None => Err(Error::invalid("not an OpenAPI document: missing `openapi` version", "/openapi")),
    }
}

/// `components.schemas`, with each entry checked to be a schema.
pub fn component_schemas(document: &Value) -> Result<&serde_json::Map<String, Value>, Error> {
    let components = document.get("components").ok_or_else(|| Error::invalid("missing `components`", "/components"))?;
    let schemas = components
        .get("schemas")
        .ok_or_else(|| Error::invalid("missing `components.schemas`", SCHEMAS_POINTER))?
        .as_object()
        .ok_or_else(|| Error::invalid("`components.schemas` must be a mapping", SCHEMAS_POINTER))?;
    for (name, schema) in schemas {
        if !(schema.is_object() || schema.is_boolean()) {
            return Err(Error::invalid(
                format!("a schema must be a mapping or a boolean, found {}", kind_of(schema)),
                ResolvedSpec::pointer(name),
            ));
        }
    }
    Ok(schemas)
}

/// Names reachable from `roots` through `$ref`, roots included, in discovery order.
pub fn closure(schemas: &serde_json::Map<String, Value>, roots: &[String]) -> Result<IndexSet<String>, Error> {
    let mut reached = IndexSet::new();
    let mut queue: Vec<(String, String)> = Vec::new();
    for root in roots {
        if !schemas.contains_key(root) {
            let mut message = format!("root schema `{root}` not found in components.schemas");
            if let Some(close) = schemas.keys().find(|name| name.eq_ignore_ascii_case(root)) {
                message.push_str(&format!(" (did you mean `{close}`?)"));
            }
            return Err(Error::invalid(message, ResolvedSpec::pointer(root)));
        }
        queue.push((root.clone(), ResolvedSpec::pointer(root)));
    }
    queue.reverse();
    while let Some((name, _)) = queue.pop() {
        if !reached.insert(name.clone()) {
            continue;
        }
        let mut found = Vec::new();
        collect_refs(&schemas[&name], &ResolvedSpec::pointer(&name), &mut found)?;
        for (target, pointer) in found.into_iter().rev() {
            if !schemas.contains_key(&target) {
                return Err(Error::invalid(format!("dangling $ref: no schema named `{target}`"), pointer));
            }
            if !reached.contains(&target) {
                queue.push((target, pointer));
            }
        }
    }
    Ok(reached)
}

/// Every `$ref` below `value`, as (schema name, pointer of the `$ref`).
/// `example`, `examples`, `default`, `const` and `enum` hold data, not
/// schemas, so a `$ref` key inside them is not a reference.
fn collect_refs(value: &Value, pointer: &str, found: &mut Vec<(String, String)>) -> Result<(), Error> {
    const DATA_KEYWORDS: [&str; 5] = ["example", "examples", "default", "const", "enum"];
    match value {
        Value::Object(object) => {
            for (key, child) in object {
                let child_pointer = join(pointer, key);
                if key == "$ref" {
                    let reference =
                        child.as_str().ok_or_else(|| Error::invalid("`$ref` must be a string", &child_pointer))?;
                    found.push((parse_ref(reference, &child_pointer)?, child_pointer));
                } else if key == "properties" || key == "patternProperties" || key == "$defs" || key == "definitions" {
                    // Keys of these maps are names, not keywords: a property
                    // called `example` is still a schema.
                    if let Value::Object(map) = child {
                        for (name, schema) in map {
                            collect_refs(schema, &join(&child_pointer, name), found)?;
                        }
                    }
                } else if !DATA_KEYWORDS.contains(&key.as_str()) && !key.starts_with("x-") {
                    collect_refs(child, &child_pointer, found)?;
                }
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                collect_refs(item, &join(pointer, index), found)?;
            }
        }
        _ => {}
    }
    Ok(())
}

fn parse_ref(reference: &str, pointer: &str) -> Result<String, Error> {
    if !reference.starts_with('#') {
        return Err(Error::new(
            crate::diagnostics::ErrorKind::Unsupported,
            format!(
                "unsupported: external $ref `{reference}` (only local `#/components/schemas/...` references are supported)"
            ),
            crate::diagnostics::Location::pointer(pointer),
        ));
    }
    ResolvedSpec::ref_name(reference).ok_or_else(|| {
        Error::new(
            crate::diagnostics::ErrorKind::Unsupported,
            format!(
                "unsupported: $ref `{reference}` (only whole schemas under `#/components/schemas/` can be referenced)"
            ),
            crate::diagnostics::Location::pointer(pointer),
        )
    })
}

pub fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc(schemas: Value) -> Value {
        json!({"openapi": "3.1.0", "components": {"schemas": schemas}})
    }

    #[test]
    fn closure_follows_refs_and_keeps_document_order() {
        let document = doc(json!({
            "B": {"type": "string"},
            "Unused": {"type": "string"},
            "A": {"properties": {"b": {"$ref": "#/components/schemas/B"}, "c": {"items": {"$ref": "#/components/schemas/C"}}}},
            "C": {"properties": {"a": {"$ref": "#/components/schemas/A"}}}
        }));
        let resolved = resolve(&document, &Roots::Named(vec!["A".into()])).unwrap();
        assert_eq!(resolved.schemas.keys().collect::<Vec<_>>(), ["B", "A", "C"]);
        assert_eq!(resolved.version, OpenApiVersion::V3_1);
    }

    #[test]
    fn refs_inside_examples_and_extensions_are_data() {
        let document = doc(
            json!({"A": {"example": {"$ref": "nowhere"}, "x-foo": {"$ref": "#/x"}, "properties": {"example": {"type": "string"}}}}),
        );
        assert!(resolve(&document, &Roots::All).is_ok());
    }

    #[test]
    fn dangling_and_external_refs_name_the_pointer() {
        let dangling =
            resolve(&doc(json!({"A": {"properties": {"b": {"$ref": "#/components/schemas/Nope"}}}})), &Roots::All)
                .unwrap_err();
        assert_eq!(dangling.location.pointer.as_deref(), Some("/components/schemas/A/properties/b/$ref"));
        assert!(dangling.message.contains("Nope"));
        let external = resolve(&doc(json!({"A": {"$ref": "other.yaml#/A"}})), &Roots::All).unwrap_err();
        assert!(external.message.starts_with("unsupported: external $ref"), "{external}");
    }

    #[test]
    fn not_openapi_documents_are_rejected() {
        for document in [
            json!([1]),
            json!("text"),
            json!({"openapi": "3.1.0"}),
            json!({"swagger": "2.0"}),
            json!({"openapi": "3.1.0", "components": {"schemas": {"A": 3}}}),
        ] {
            assert!(resolve(&document, &Roots::All).is_err(), "{document}");
        }
    }

    #[test]
    fn a_missing_root_is_an_error_with_a_hint() {
        let error =
            resolve(&doc(json!({"RealtimeSession": {}})), &Roots::Named(vec!["realtimesession".into()])).unwrap_err();
        assert!(error.message.contains("did you mean `RealtimeSession`"), "{error}");
    }
}
