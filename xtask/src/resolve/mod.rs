//! Stage 3: check the document's shape and resolve local `$ref`s.
//!
//! The output, [`ResolvedSpec`], holds the named schemas that the roots reach
//! (their transitive `$ref` closure), in document order, with every
//! component `$ref` inside them known to point at one of them, and an
//! [`index`] that resolves any other in-document reference to a pointer.

pub mod bundled;
pub mod drafts;
pub mod index;
pub mod operations;

use indexmap::{IndexMap, IndexSet};
use serde_json::Value;

use crate::diagnostics::{Code, Error, join};

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
    /// With every schema (`--all`): the inline schemas of operations and of
    /// the other components (see [`operations`]), generated as roots too.
    pub inline: Vec<operations::InlineSchema>,
    /// The whole document, for schemas reached by pointer rather than by name.
    pub document: Value,
    pub index: index::SchemaIndex,
    /// Whether `format` asserts (the config's `assert_formats`); otherwise
    /// it is an annotation, as JSON Schema 2020-12 says.
    pub assert_formats: bool,
}

impl ResolvedSpec {
    /// The key of the named schema a `$ref` string points at: a
    /// component's name, or for any other place of the document (inside a
    /// component, an operation, `components/parameters`), the reference
    /// itself (`#/components/schemas/Tag/allOf/0`), which the schema is
    /// generated under as a root of its own. Every `$ref` in a resolved
    /// spec has one, so `None` means the string was not taken from it.
    pub fn ref_name(reference: &str) -> Option<String> {
        if let Some(token) = reference.strip_prefix(REF_PREFIX).filter(|t| !t.contains('/')) {
            return Some(crate::diagnostics::unescape_token(token));
        }
        reference.strip_prefix("#/").map(|_| reference.to_owned())
    }

    /// The pointer of the schema a key of [`ResolvedSpec::ref_name`] names.
    pub fn pointer(name: &str) -> String {
        match name.strip_prefix('#') {
            Some(pointer) => percent_encoding::percent_decode_str(pointer).decode_utf8_lossy().into_owned(),
            None => join(SCHEMAS_POINTER, name),
        }
    }

    /// What a key is called before it becomes a Rust name: a component's
    /// name, or the tokens of a pointer into one (`Tag allOf 0`, `Pet
    /// owner` for its property) or into the rest of the document.
    pub fn display_name(name: &str) -> String {
        match name.strip_prefix('#') {
            Some(_) => {
                let pointer = Self::pointer(name);
                let pointer = pointer.strip_prefix(SCHEMAS_POINTER).unwrap_or(&pointer);
                // As inline types are named: a property by its parent and name.
                let tokens: Vec<String> = pointer
                    .split('/')
                    .skip(1)
                    .filter(|token| *token != "properties")
                    .map(crate::diagnostics::unescape_token)
                    .collect();
                tokens.join(" ")
            }
            None => name.to_owned(),
        }
    }
}

/// Validates the document and computes the closure of `roots`.
pub fn resolve(document: &Value, roots: &Roots) -> Result<ResolvedSpec, Error> {
    let version = openapi_version(document)?;
    let upgraded = upgrade_schemas(document, version)?;
    let document = upgraded.as_ref().unwrap_or(document);
    // Every schema of a document without components is its operations'.
    let none = serde_json::Map::new();
    let all = match (roots, document.get("components").map(|c| c.get("schemas"))) {
        (Roots::All, None | Some(None)) => &none,
        _ => component_schemas(document)?,
    };
    let mut names: Vec<String> = match roots {
        Roots::All => all.keys().cloned().collect(),
        Roots::Named(names) => names.clone(),
    };
    let inline = match roots {
        Roots::All => operations::collect(document)?,
        Roots::Named(_) => Vec::new(),
    };
    // What the inline schemas refer to is reached too.
    for schema in &inline {
        let mut found = Vec::new();
        collect_refs(&schema.schema, &schema.pointer, &mut found)?;
        for (target, pointer) in found {
            if lookup(document, all, &target).is_none() {
                return Err(Error::at(Code::DanglingRef, dangling(&target), pointer));
            }
            names.push(target);
        }
    }
    let closure = closure(document, all, &names)?;
    // Components in document order, then the places inside the document
    // that references reach, in the order they are reached.
    let mut schemas: IndexMap<String, Value> = all
        .iter()
        .filter(|(name, _)| closure.contains(*name))
        .map(|(name, schema)| (name.clone(), schema.clone()))
        .collect();
    for name in closure.iter().filter(|name| !all.contains_key(*name)) {
        let schema = lookup(document, all, name).expect("a reached name has a schema");
        schemas.insert(name.clone(), schema.clone());
    }
    let pointers: IndexMap<String, String> =
        schemas.keys().map(|name| (name.clone(), ResolvedSpec::pointer(name))).collect();
    let roots = pointers.values().chain(inline.iter().map(|s| &s.pointer));
    let index = index::SchemaIndex::build(document, roots.map(String::as_str))?;
    let semantics = Semantics::OpenApi;
    Ok(ResolvedSpec {
        version,
        semantics,
        schemas,
        pointers,
        inline,
        document: document.clone(),
        index,
        assert_formats: false,
    })
}

/// The document with every schema of an older draft (by `$schema`, or by
/// a 3.1 document's `jsonSchemaDialect`) rewritten as 2020-12; `None` if
/// nothing needs it. A 3.0 schema object is a dialect of its own, which the
/// IR reads as it is.
fn upgrade_schemas(document: &Value, version: OpenApiVersion) -> Result<Option<Value>, Error> {
    let dialect = match (version, document.get("jsonSchemaDialect")) {
        (OpenApiVersion::V3_0, _) => None,
        (OpenApiVersion::V3_1, None) => Some(drafts::Draft::Draft2020),
        (OpenApiVersion::V3_1, Some(uri)) => {
            let uri = uri.as_str().unwrap_or("");
            // OpenAPI's own dialect is 2020-12 with its annotations.
            let draft = match uri.starts_with("https://spec.openapis.org/oas/3.1/dialect/") {
                true => Some(drafts::Draft::Draft2020),
                false => drafts::Draft::from_uri(uri),
            };
            Some(draft.ok_or_else(|| {
                Error::new(
                    Code::DialectUnsupported,
                    format!("unsupported: jsonSchemaDialect `{uri}` (the drafts read are {})", drafts::Draft::names()),
                    crate::diagnostics::Location::pointer("/jsonSchemaDialect"),
                )
            })?)
        }
    };
    if dialect.is_none_or(|d| d == drafts::Draft::Draft2020) && !drafts::declares_a_dialect(document) {
        return Ok(None);
    }
    let mut upgraded = document.clone();
    let mut pointers: Vec<String> = component_schemas(document)
        .map(|schemas| schemas.keys().map(|name| ResolvedSpec::pointer(name)).collect())
        .unwrap_or_default();
    pointers.extend(operations::collect(document)?.into_iter().map(|inline| inline.pointer));
    for pointer in pointers {
        if let Some(schema) = upgraded.pointer_mut(&pointer) {
            drafts::upgrade(schema, &pointer, dialect)?;
        }
    }
    Ok(Some(upgraded))
}

/// Whether `document` is a bare JSON Schema rather than an OpenAPI
/// document: it has no `openapi` version, and says its draft (`$schema`)
/// or the caller does (`--draft`).
pub fn is_bare_json_schema(document: &Value, draft_given: bool) -> bool {
    document.get("openapi").is_none() && (draft_given || document.get("$schema").is_some())
}

/// How to read a bare JSON Schema document.
#[derive(Debug, Clone)]
pub struct JsonSchemaOptions {
    /// The draft of a schema that declares no `$schema`.
    pub draft: drafts::Draft,
    /// A local directory standing for a URL prefix, if any.
    pub remotes: Option<bundled::Remotes>,
}

impl Default for JsonSchemaOptions {
    fn default() -> Self {
        JsonSchemaOptions { draft: drafts::Draft::Draft2020, remotes: None }
    }
}

/// A bare JSON Schema document (not OpenAPI): the document is the one
/// root schema, named `root_name`, read with JSON Schema's semantics, in
/// the options' draft unless its `$schema` says otherwise.
pub fn resolve_json_schema(
    document: &Value,
    root_name: &str,
    options: &JsonSchemaOptions,
) -> Result<ResolvedSpec, Error> {
    if !(document.is_object() || document.is_boolean()) {
        return Err(Error::at(
            Code::NotASchema,
            format!("a schema must be a mapping or a boolean, found {}", kind_of(document)),
            "",
        ));
    }
    let mut document = document.clone();
    let metaschemas = |uri: &str| bundled::resource(uri, options.remotes.as_ref());
    let dialect = drafts::upgrade_with(&mut document, "", Some(options.draft), &metaschemas)?;
    let document = &bundled::bundle(document, options.draft, options.remotes.as_ref())?;
    let index = index::SchemaIndex::build(document, [""])?;
    Ok(ResolvedSpec {
        version: OpenApiVersion::V3_1,
        semantics: Semantics::JsonSchema,
        schemas: IndexMap::from([(root_name.to_owned(), document.clone())]),
        pointers: IndexMap::from([(root_name.to_owned(), String::new())]),
        inline: Vec::new(),
        document: document.clone(),
        index,
        assert_formats: dialect.asserts_formats,
    })
}

fn openapi_version(document: &Value) -> Result<OpenApiVersion, Error> {
    let object = document.as_object().ok_or_else(|| {
        Error::at(
            Code::NotOpenApi,
            format!("not an OpenAPI document: expected a mapping at the top, found {}", kind_of(document)),
            "",
        )
    })?;
    match object.get("openapi") {
        Some(Value::String(v)) if v.starts_with("3.0") => Ok(OpenApiVersion::V3_0),
        Some(Value::String(v)) if v.starts_with("3.1") => Ok(OpenApiVersion::V3_1),
        Some(Value::String(v)) => Err(Error::at(
            Code::OpenApiVersionUnsupported,
            format!("unsupported OpenAPI version `{v}` (expected 3.0.x or 3.1.x)"),
            "/openapi",
        )),
        Some(other) => Err(Error::at(
            Code::OpenApiVersionUnsupported,
            format!("`openapi` must be a version string, found {}", kind_of(other)),
            "/openapi",
        )),
        None => Err(Error::at(
            Code::NotOpenApi,
            "not an OpenAPI document: missing `openapi` version (a bare JSON Schema needs its `$schema` or --draft)",
            "/openapi",
        )),
    }
}

/// `components.schemas`, with each entry checked to be a schema.
pub fn component_schemas(document: &Value) -> Result<&serde_json::Map<String, Value>, Error> {
    let components = document
        .get("components")
        .ok_or_else(|| Error::at(Code::MissingComponents, "missing `components`", "/components"))?;
    let schemas = components
        .get("schemas")
        .ok_or_else(|| Error::at(Code::MissingComponents, "missing `components.schemas`", SCHEMAS_POINTER))?
        .as_object()
        .ok_or_else(|| {
            Error::at(Code::ComponentsNotMapping, "`components.schemas` must be a mapping", SCHEMAS_POINTER)
        })?;
    for (name, schema) in schemas {
        if !(schema.is_object() || schema.is_boolean()) {
            return Err(Error::at(
                Code::NotASchema,
                format!("a schema must be a mapping or a boolean, found {}", kind_of(schema)),
                ResolvedSpec::pointer(name),
            ));
        }
    }
    Ok(schemas)
}

/// The schema a key of [`ResolvedSpec::ref_name`] names: a component, or
/// the schema at a pointer of `document`.
pub fn lookup<'d>(document: &'d Value, schemas: &'d serde_json::Map<String, Value>, name: &str) -> Option<&'d Value> {
    match name.starts_with('#') {
        true => document.pointer(&ResolvedSpec::pointer(name)).filter(|s| s.is_object() || s.is_boolean()),
        false => schemas.get(name),
    }
}

/// Names reachable from `roots` through `$ref`, roots included, in discovery order.
pub fn closure(
    document: &Value,
    schemas: &serde_json::Map<String, Value>,
    roots: &[String],
) -> Result<IndexSet<String>, Error> {
    let mut reached = IndexSet::new();
    let mut queue: Vec<(String, String)> = Vec::new();
    for root in roots {
        if lookup(document, schemas, root).is_none() {
            let mut message = format!("root schema `{root}` not found in components.schemas");
            if let Some(close) = schemas.keys().find(|name| name.eq_ignore_ascii_case(root)) {
                message.push_str(&format!(" (did you mean `{close}`?)"));
            }
            return Err(Error::at(Code::RootNotFound, message, ResolvedSpec::pointer(root)));
        }
        queue.push((root.clone(), ResolvedSpec::pointer(root)));
    }
    queue.reverse();
    while let Some((name, _)) = queue.pop() {
        if !reached.insert(name.clone()) {
            continue;
        }
        let mut found = Vec::new();
        let schema = lookup(document, schemas, &name).expect("a reached name has a schema");
        collect_refs(schema, &ResolvedSpec::pointer(&name), &mut found)?;
        for (target, pointer) in found.into_iter().rev() {
            if lookup(document, schemas, &target).is_none() {
                return Err(Error::at(Code::DanglingRef, dangling(&target), pointer));
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
    match value {
        Value::Object(object) => {
            for (key, child) in object {
                let child_pointer = join(pointer, key);
                if key == "$ref" {
                    let reference = child
                        .as_str()
                        .ok_or_else(|| Error::at(Code::RefNotAString, "`$ref` must be a string", &child_pointer))?;
                    found.push((parse_ref(reference, &child_pointer)?, child_pointer));
                } else if crate::vocabulary::maps_names_to_schemas(key) {
                    // Keys of these maps are names, not keywords: a property
                    // called `example` is still a schema.
                    if let Value::Object(map) = child {
                        for (name, schema) in map {
                            collect_refs(schema, &join(&child_pointer, name), found)?;
                        }
                    }
                } else if !crate::vocabulary::holds_data(key) && !key.starts_with("x-") {
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

/// The message for a `$ref` to nothing.
fn dangling(target: &str) -> String {
    match target.starts_with('#') {
        true => format!("dangling $ref: nothing at `{target}`"),
        false => format!("dangling $ref: no schema named `{target}`"),
    }
}

fn parse_ref(reference: &str, pointer: &str) -> Result<String, Error> {
    if !reference.starts_with('#') {
        return Err(Error::new(
            Code::ExternalRef,
            format!(
                "unsupported: external $ref `{reference}` (only local `#/components/schemas/...` references are supported)"
            ),
            crate::diagnostics::Location::pointer(pointer),
        ));
    }
    ResolvedSpec::ref_name(reference).ok_or_else(|| {
        Error::new(
            Code::RefNotAPointer,
            format!("unsupported: $ref `{reference}` (a local reference must be a JSON pointer: `#/...`)"),
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
        assert_eq!(dangling.code, Code::DanglingRef);
        assert!(dangling.message.contains("Nope"), "names the target: {dangling}");
        let external = resolve(&doc(json!({"A": {"$ref": "other.yaml#/A"}})), &Roots::All).unwrap_err();
        assert_eq!(external.code, Code::ExternalRef, "{external}");
    }

    #[test]
    fn not_openapi_documents_are_rejected() {
        for (document, code) in [
            (json!([1]), Code::NotOpenApi),
            (json!("text"), Code::NotOpenApi),
            (json!({"swagger": "2.0"}), Code::NotOpenApi),
            (json!({"openapi": "2.0"}), Code::OpenApiVersionUnsupported),
            (json!({"openapi": "3.1.0", "components": {"schemas": {"A": 3}}}), Code::NotASchema),
        ] {
            assert_eq!(resolve(&document, &Roots::All).unwrap_err().code, code, "{document}");
        }
        // Without components, every schema is an operation's: none here.
        let bare = json!({"openapi": "3.1.0"});
        assert!(resolve(&bare, &Roots::All).unwrap().schemas.is_empty());
        assert_eq!(resolve(&bare, &Roots::Named(vec!["A".into()])).unwrap_err().code, Code::MissingComponents);
    }

    #[test]
    fn a_ref_to_any_pointer_names_its_target_as_a_root() {
        assert_eq!(ResolvedSpec::ref_name("#/components/schemas/A~1B").as_deref(), Some("A/B"));
        let inside = ResolvedSpec::ref_name("#/components/schemas/Pet/properties/owner").unwrap();
        assert_eq!(inside, "#/components/schemas/Pet/properties/owner");
        assert_eq!(ResolvedSpec::pointer(&inside), "/components/schemas/Pet/properties/owner");
        assert_eq!(ResolvedSpec::display_name(&inside), "Pet owner");
        assert_eq!(ResolvedSpec::display_name("#/paths/~1pets/get"), "paths /pets get");
        assert_eq!(ResolvedSpec::ref_name("#anchor"), None);
        let spec = resolve(
            &doc(json!({
                "A": {"properties": {"b": {"$ref": "#/components/schemas/B/items"}}},
                "B": {"items": {"type": "string"}}
            })),
            &Roots::Named(vec!["A".into()]),
        )
        .unwrap();
        let names: Vec<&String> = spec.schemas.keys().collect();
        assert_eq!(names, ["A", "#/components/schemas/B/items"]);
        let dangling =
            resolve(&doc(json!({"A": {"properties": {"b": {"$ref": "#/components/schemas/A/nope"}}}})), &Roots::All)
                .unwrap_err();
        assert_eq!(dangling.code, Code::DanglingRef);
        assert!(dangling.message.contains("`#/components/schemas/A/nope`"), "names the target: {dangling}");
    }

    #[test]
    fn a_missing_root_is_an_error_with_a_hint() {
        let error =
            resolve(&doc(json!({"RealtimeSession": {}})), &Roots::Named(vec!["realtimesession".into()])).unwrap_err();
        assert_eq!(error.code, Code::RootNotFound);
        assert!(error.message.contains("did you mean `RealtimeSession`"), "{error}");
    }
}
