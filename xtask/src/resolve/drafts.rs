//! Every JSON Schema draft, read as 2020-12: a schema written for draft 4,
//! 6, 7 or 2019-09 is rewritten into the 2020-12 schema that accepts
//! exactly the same values, so that every later stage knows one dialect.
//!
//! The draft is the `$schema` of the schema (or of the nearest schema above
//! it that has one), else the document's default: `--draft` for a bare
//! document, an OpenAPI 3.1 document's `jsonSchemaDialect` (2020-12 when it
//! has none). What changed between the drafts, and its 2020-12 form:
//!
//! | draft | written | read as |
//! |---|---|---|
//! | 4 | `id` | `$id` |
//! | 4 | `exclusiveMaximum: true` beside `maximum: N` (and minimum alike) | `exclusiveMaximum: N` |
//! | 4, 6, 7 | `$id: "#name"` (an anchor) | `$anchor: name` |
//! | 4, 6, 7 | keywords beside `$ref` (ignored then) | dropped, but for `definitions`/`$defs` that a pointer may name |
//! | 4, 6, 7 | `dependencies` | `dependentRequired` (lists) and `dependentSchemas` (schemas) |
//! | 4 to 2019-09 | `items: [..]`, `additionalItems` | `prefixItems: [..]`, `items` |
//! | 2019-09 | `$recursiveAnchor: true`, `$recursiveRef: "#"` | `$dynamicAnchor`, `$dynamicRef` to it ([`RECURSIVE_ANCHOR`]) |
//! | any | an assertion or applicator newer than the draft (`if` in draft 6, `prefixItems` in 2019-09) | dropped: it was an unknown keyword then |
//! | any | `dependencies` (kept by later drafts' implementations for compatibility) | as in draft 7 |
//!
//! A `$ref` whose pointer runs through a renamed keyword (`#/items/0`) is
//! rewritten to follow it (`#/prefixItems/0`).

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::diagnostics::{Code, Error, Location, escape_token, join, unescape_token};
pub use crate::vocabulary::Draft;
use crate::vocabulary::{Role, Subschemas};

/// The `$schema` URIs of each draft (with and without the empty fragment,
/// `http` and `https`, as written in the wild), and the names `--draft`
/// takes. Draft 5 (OpenAPI 3.0's "wright-00") only reworded draft 4.
const DRAFTS: [(Draft, &str, &str); 6] = [
    (Draft::Draft4, "json-schema.org/draft-04/schema", "4"),
    (Draft::Draft4, "json-schema.org/draft-05/schema", "5"),
    (Draft::Draft6, "json-schema.org/draft-06/schema", "6"),
    (Draft::Draft7, "json-schema.org/draft-07/schema", "7"),
    (Draft::Draft2019, "json-schema.org/draft/2019-09/schema", "2019-09"),
    (Draft::Draft2020, "json-schema.org/draft/2020-12/schema", "2020-12"),
];

/// The `$dynamicAnchor` that stands for 2019-09's `$recursiveAnchor: true`.
/// Reserved: a schema's own anchor of this name would be taken for it.
pub const RECURSIVE_ANCHOR: &str = "__recursiveAnchor";

impl Draft {
    /// The draft a `$schema` URI names.
    pub fn from_uri(uri: &str) -> Option<Draft> {
        let bare = uri.trim_end_matches('#').trim_start_matches("https://").trim_start_matches("http://");
        DRAFTS.iter().find(|(_, known, _)| *known == bare).map(|(draft, _, _)| *draft)
    }

    /// The draft `--draft` names (`4`, `6`, `7`, `2019-09`, `2020-12`; a
    /// suite directory's name, `draft7`, works too).
    pub fn from_name(name: &str) -> Option<Draft> {
        let name = name.trim_start_matches("draft");
        DRAFTS.iter().find(|(_, _, known)| *known == name).map(|(draft, _, _)| *draft)
    }

    pub fn name(self) -> &'static str {
        DRAFTS.iter().find(|(draft, _, _)| *draft == self).map_or("", |(_, _, name)| name)
    }

    /// Names for `--draft`'s help and errors.
    pub fn names() -> String {
        DRAFTS.map(|(_, _, name)| name).join(", ")
    }
}

/// `schema` (at `pointer`), read in `draft` unless it says otherwise,
/// rewritten as 2020-12. With no draft (an OpenAPI 3.0 schema object, a
/// dialect of its own that the IR reads), only the subtrees that declare a
/// `$schema` are rewritten. Only the drafts' own meta-schemas are known.
pub fn upgrade(schema: &mut Value, pointer: &str, draft: Option<Draft>) -> Result<Dialect, Error> {
    upgrade_with(schema, pointer, draft, &|_| Ok(None))
}

/// What a schema's meta-schemas said beyond the draft.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Dialect {
    /// A meta-schema listed the format-assertion vocabulary: `format` asserts.
    pub asserts_formats: bool,
}

/// A meta-schema by URI: one that `$schema` names when it is not a
/// draft's own (a custom meta-schema with its `$vocabulary`).
pub type MetaSchemas<'a> = dyn Fn(&str) -> Result<Option<Value>, Error> + 'a;

/// [`upgrade`], where a `$schema` may also name a meta-schema that
/// `metaschemas` finds: its `$schema` is the draft, and the vocabularies
/// its `$vocabulary` leaves out are off (their keywords assert nothing).
pub fn upgrade_with(
    schema: &mut Value,
    pointer: &str,
    draft: Option<Draft>,
    metaschemas: &MetaSchemas<'_>,
) -> Result<Dialect, Error> {
    let mut upgrader = Upgrader { renames: BTreeMap::new(), metaschemas, dialect: Dialect::default() };
    let scope = Scope { draft, recursive: false, vocabularies: None };
    upgrader.walk(schema, pointer, &scope, true)?;
    if !upgrader.renames.is_empty() {
        follow_renames(schema, pointer, "", &upgrader.renames);
    }
    Ok(upgrader.dialect)
}

/// At a schema's pointer: the keys it renamed (old tokens → new tokens).
type Renames = BTreeMap<String, Vec<(Vec<String>, Vec<String>)>>;

/// Rewrites each `$ref` pointer (`#/...`) that runs through a renamed key.
/// A pointer is read from the resource root: the nearest schema with an
/// `$id`, else the document's root.
fn follow_renames(schema: &mut Value, pointer: &str, resource: &str, renames: &Renames) {
    let Value::Object(object) = schema else { return };
    let resource = if object.contains_key("$id") { pointer.to_owned() } else { resource.to_owned() };
    if let Some(Value::String(reference)) = object.get_mut("$ref")
        && let Some(fragment) = reference.strip_prefix("#/")
    {
        let tokens: Vec<String> = fragment.split('/').map(unescape_token).collect();
        let (mut here, mut out, mut i) = (resource.clone(), Vec::new(), 0);
        while i < tokens.len() {
            let renamed = renames.get(&here).and_then(|list| list.iter().find(|(old, _)| tokens[i..].starts_with(old)));
            let (taken, given) = match renamed {
                Some((old, new)) => (old.len(), new.clone()),
                None => (1, vec![tokens[i].clone()]),
            };
            for token in given {
                here = join(&here, &token);
                out.push(escape_token(&token));
            }
            i += taken;
        }
        *reference = format!("#/{}", out.join("/"));
    }
    let _ = each_subschema(object, pointer, &mut |child, at| {
        follow_renames(child, &at, &resource, renames);
        Ok(())
    });
}

/// Calls `visit` on every subschema directly below `object` (at
/// `pointer`), with its pointer, as the vocabulary lays them out.
fn each_subschema(
    object: &mut Map<String, Value>,
    pointer: &str,
    visit: &mut dyn FnMut(&mut Value, String) -> Result<(), Error>,
) -> Result<(), Error> {
    for (key, child) in object.iter_mut() {
        let child_pointer = join(pointer, key);
        match crate::vocabulary::keyword(key).map(|k| k.subschemas) {
            Some(Subschemas::One) => visit(child, child_pointer)?,
            Some(Subschemas::List) => {
                for (i, item) in child.as_array_mut().into_iter().flatten().enumerate() {
                    visit(item, join(&child_pointer, i))?;
                }
            }
            Some(Subschemas::Map) => {
                for (name, item) in child.as_object_mut().into_iter().flatten() {
                    visit(item, join(&child_pointer, name))?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Whether `value` or anything in it has a `$schema`: a 2020-12 document
/// without one needs no walk.
pub fn declares_a_dialect(value: &Value) -> bool {
    match value {
        Value::Object(object) => object.contains_key("$schema") || object.values().any(declares_a_dialect),
        Value::Array(items) => items.iter().any(declares_a_dialect),
        _ => false,
    }
}

struct Upgrader<'m> {
    renames: Renames,
    metaschemas: &'m MetaSchemas<'m>,
    dialect: Dialect,
}

/// How the schemas below a point are read.
#[derive(Debug, Clone)]
struct Scope {
    draft: Option<Draft>,
    /// Whether the resource this schema is in has `$recursiveAnchor: true`
    /// at its root (2019-09).
    recursive: bool,
    /// The vocabularies on (by name: `validation`), when a meta-schema
    /// said; `None` for all of them.
    vocabularies: Option<Vec<String>>,
}

/// The standard vocabularies: the URI of each is
/// `https://json-schema.org/draft/{2019-09|2020-12}/vocab/{name}`.
const VOCABULARIES: [&str; 8] =
    ["core", "applicator", "unevaluated", "validation", "meta-data", "format", "format-annotation", "content"];

impl Upgrader<'_> {
    fn walk(&mut self, schema: &mut Value, pointer: &str, outer: &Scope, root: bool) -> Result<(), Error> {
        let Value::Object(object) = schema else { return Ok(()) };
        let mut scope = outer.clone();
        if let Some(uri) = object.remove("$schema") {
            let uri = uri.as_str().unwrap_or("").to_owned();
            let at = join(pointer, "$schema");
            match Draft::from_uri(&uri) {
                Some(draft) => scope = Scope { draft: Some(draft), vocabularies: None, ..scope },
                None => scope = self.metaschema(&uri, &at, scope)?,
            }
        }
        if let Some(on) = &scope.vocabularies {
            // An assertion or applicator of a vocabulary that is off is an
            // unknown keyword: it asserts nothing.
            object.retain(|key, _| {
                crate::vocabulary::keyword(key)
                    .is_none_or(|k| k.role == Role::Annotation || on.iter().any(|v| v == k.vocabulary()))
            });
        }
        if let Some(draft) = scope.draft.filter(|d| *d < Draft::Draft2020) {
            let renamed = rewrite(object, draft);
            if !renamed.is_empty() {
                self.renames.insert(pointer.to_owned(), renamed);
            }
        }
        if let Some(dependencies) = object.get("dependencies").cloned() {
            // Later drafts' implementations keep draft 7's `dependencies`.
            if !object.contains_key("dependentRequired") && !object.contains_key("dependentSchemas") {
                let renamed = split_dependencies(object, dependencies);
                self.renames.entry(pointer.to_owned()).or_default().extend(renamed);
            }
        }
        let resource_root = root || object.contains_key("$id");
        if resource_root && scope.draft == Some(Draft::Draft2019) {
            scope.recursive = object.get("$recursiveAnchor") == Some(&Value::Bool(true));
        }
        if scope.draft == Some(Draft::Draft2019) {
            recursion(object, resource_root, scope.recursive);
        }
        each_subschema(object, pointer, &mut |child, at| self.walk(child, &at, &scope, false))
    }

    /// The scope a custom meta-schema (`$schema: uri`, at `at`) sets.
    fn metaschema(&mut self, uri: &str, at: &str, scope: Scope) -> Result<Scope, Error> {
        let unsupported = |why: String| {
            Error::new(Code::DialectUnsupported, format!("unsupported: $schema `{uri}` ({why})"), Location::pointer(at))
        };
        let meta = (self.metaschemas)(uri)?.ok_or_else(|| {
            unsupported(format!("the drafts read are {}, and no meta-schema is known by that URI", Draft::names()))
        })?;
        let base = meta.get("$schema").and_then(Value::as_str).unwrap_or("");
        let draft = Draft::from_uri(base)
            .filter(|d| *d >= Draft::Draft2019)
            .ok_or_else(|| unsupported(format!("its meta-schema is written in `{base}`, not 2019-09 or 2020-12")))?;
        let Some(listed) = meta.get("$vocabulary").and_then(Value::as_object) else {
            return Ok(Scope { draft: Some(draft), vocabularies: None, ..scope });
        };
        let prefix = format!("https://json-schema.org/draft/{}/vocab/", draft.name());
        let mut on = Vec::new();
        for (vocabulary, required) in listed {
            match vocabulary
                .strip_prefix(&prefix)
                .filter(|name| VOCABULARIES.contains(name) || *name == "format-assertion")
            {
                Some("format-assertion") => self.dialect.asserts_formats = true,
                Some(name) => on.push(name.to_owned()),
                None if required == &Value::Bool(true) => {
                    return Err(unsupported(format!(
                        "it requires the vocabulary `{vocabulary}`, which is unknown here"
                    )));
                }
                None => {}
            }
        }
        // 2019-09's applicator vocabulary still held `unevaluated*`.
        if draft == Draft::Draft2019 && on.iter().any(|v| v == "applicator") {
            on.push("unevaluated".to_owned());
        }
        Ok(Scope { draft: Some(draft), vocabularies: Some(on), ..scope })
    }
}

/// The rewrites of drafts 4 to 2019-09 at one schema (see the table
/// above). Returns the keys renamed, for the pointers that run through them.
fn rewrite(object: &mut Map<String, Value>, draft: Draft) -> Vec<(Vec<String>, Vec<String>)> {
    let mut renamed = Vec::new();
    // What the draft did not have asserted nothing then. Annotations stay:
    // a pointer may still name what they hold (`$defs`).
    object.retain(|key, _| {
        crate::vocabulary::keyword(key).is_none_or(|k| k.role == Role::Annotation || k.since <= draft)
    });
    if draft == Draft::Draft4 {
        if let Some(id) = object.remove("id") {
            // `id` is draft 4's `$id` only when it is a string; a property
            // list is walked by name, so `properties.id` never gets here.
            if id.is_string() && !object.contains_key("$id") {
                object.insert("$id".into(), id);
            } else {
                object.insert("id".into(), id);
            }
        }
        for (bound, exclusive) in [("maximum", "exclusiveMaximum"), ("minimum", "exclusiveMinimum")] {
            match object.get(exclusive) {
                Some(Value::Bool(true)) => match object.remove(bound) {
                    Some(limit) => {
                        object.insert(exclusive.into(), limit);
                    }
                    None => {
                        object.remove(exclusive);
                    }
                },
                Some(Value::Bool(false)) => {
                    object.remove(exclusive);
                }
                _ => {}
            }
        }
    }
    if draft <= Draft::Draft7 {
        if let Some(Value::String(id)) = object.get("$id").cloned()
            && let Some((base, anchor)) = id.split_once('#')
        {
            match base.is_empty() {
                true => object.remove("$id"),
                false => object.insert("$id".into(), Value::String(base.to_owned())),
            };
            if !anchor.is_empty() {
                object.insert("$anchor".into(), Value::String(anchor.to_owned()));
            }
        }
        if object.contains_key("$ref") {
            // Before 2019-09, `$ref` replaces its schema: the keywords beside
            // it are not evaluated, though a pointer may still name what
            // `definitions` holds.
            object.retain(|key, _| matches!(key.as_str(), "$ref" | "definitions" | "$defs"));
        }
    }
    if let Some(Value::Array(_)) = object.get("items") {
        let items = object.remove("items").expect("checked");
        object.insert("prefixItems".into(), items);
        renamed.push((vec!["items".to_owned()], vec!["prefixItems".to_owned()]));
        if let Some(additional) = object.remove("additionalItems") {
            object.insert("items".into(), additional);
            renamed.push((vec!["additionalItems".to_owned()], vec!["items".to_owned()]));
        }
    } else {
        // Beside a single `items` schema (or none), `additionalItems` does nothing.
        object.remove("additionalItems");
    }
    renamed
}

/// Draft 7's `dependencies` as `dependentRequired` (lists of names) and
/// `dependentSchemas` (schemas). Returns the renames.
fn split_dependencies(object: &mut Map<String, Value>, dependencies: Value) -> Vec<(Vec<String>, Vec<String>)> {
    object.remove("dependencies");
    let Value::Object(dependencies) = dependencies else { return Vec::new() };
    let (mut required, mut schemas, mut renamed) = (Map::new(), Map::new(), Vec::new());
    for (name, dependency) in dependencies {
        let keyword = if dependency.is_array() { "dependentRequired" } else { "dependentSchemas" };
        renamed.push((vec!["dependencies".to_owned(), name.clone()], vec![keyword.to_owned(), name.clone()]));
        match dependency {
            Value::Array(_) => required.insert(name, dependency),
            _ => schemas.insert(name, dependency),
        };
    }
    for (keyword, map) in [("dependentRequired", required), ("dependentSchemas", schemas)] {
        if !map.is_empty() {
            object.insert(keyword.into(), Value::Object(map));
        }
    }
    renamed
}

/// 2019-09's recursion as 2020-12's dynamic references.
fn recursion(object: &mut Map<String, Value>, resource_root: bool, recursive: bool) {
    // Only a resource's root anchors the recursion; elsewhere it meant nothing.
    if let Some(anchor) = object.remove("$recursiveAnchor")
        && resource_root
        && anchor == Value::Bool(true)
    {
        object.insert("$dynamicAnchor".into(), Value::String(RECURSIVE_ANCHOR.into()));
    }
    if let Some(reference) = object.remove("$recursiveRef") {
        let target = reference.as_str().unwrap_or("#").to_owned();
        match recursive && target == "#" {
            true => object.insert("$dynamicRef".into(), Value::String(format!("#{RECURSIVE_ANCHOR}"))),
            false => object.insert("$ref".into(), Value::String(target)),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn upgraded(mut schema: Value, draft: Draft) -> Value {
        upgrade(&mut schema, "", Some(draft)).unwrap();
        schema
    }

    #[test]
    fn each_draft_reads_as_2020_12() {
        let draft4 = json!({
            "id": "http://example.com/root.json",
            "properties": {"id": {"type": "integer", "maximum": 5, "exclusiveMaximum": true, "minimum": 1, "exclusiveMinimum": false}},
            "items": [{"type": "string"}], "additionalItems": false,
            "dependencies": {"a": ["b"], "c": {"required": ["d"]}},
            "definitions": {"x": {"$ref": "#/definitions/y", "type": "string", "id": "#nope"}, "y": {"id": "#why"}},
        });
        assert_eq!(
            upgraded(draft4, Draft::Draft4),
            json!({
                "$id": "http://example.com/root.json",
                "properties": {"id": {"type": "integer", "exclusiveMaximum": 5, "minimum": 1}},
                "definitions": {"x": {"$ref": "#/definitions/y"}, "y": {"$anchor": "why"}},
                "prefixItems": [{"type": "string"}], "items": false,
                "dependentRequired": {"a": ["b"]}, "dependentSchemas": {"c": {"required": ["d"]}},
            })
        );
        // 2019-09 keeps `$ref`'s siblings; its recursion becomes dynamic.
        let draft2019 = json!({
            "$recursiveAnchor": true,
            "properties": {"next": {"$recursiveRef": "#", "description": "kept"}},
            "$defs": {"plain": {"$id": "plain.json", "items": {"$recursiveRef": "#"}}},
        });
        assert_eq!(
            upgraded(draft2019, Draft::Draft2019),
            json!({
                "$dynamicAnchor": RECURSIVE_ANCHOR,
                "properties": {"next": {"description": "kept", "$dynamicRef": "#__recursiveAnchor"}},
                "$defs": {"plain": {"$id": "plain.json", "items": {"$ref": "#"}}},
            })
        );
    }

    #[test]
    fn schema_picks_the_draft_of_its_subtree() {
        let mixed = json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$defs": {"old": {"$schema": "http://json-schema.org/draft-04/schema#", "maximum": 3, "exclusiveMaximum": true}},
            "prefixItems": [true], "items": false,
        });
        let mut schema = mixed.clone();
        upgrade(&mut schema, "", Some(Draft::Draft7)).unwrap();
        assert_eq!(schema, json!({"$defs": {"old": {"exclusiveMaximum": 3}}, "prefixItems": [true], "items": false}));
        let unknown = upgrade(&mut json!({"$schema": "https://example.com/mine"}), "/x", None).unwrap_err();
        assert_eq!(unknown.code, crate::diagnostics::Code::DialectUnsupported);
        assert_eq!(unknown.location.pointer.as_deref(), Some("/x/$schema"));
        assert_eq!(Draft::from_name("draft2019-09"), Some(Draft::Draft2019));
        assert_eq!(Draft::from_uri("http://json-schema.org/draft-07/schema#"), Some(Draft::Draft7));
    }
}
