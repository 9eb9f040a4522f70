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

use crate::diagnostics::{Error, ErrorKind, Location, escape_token, join, unescape_token};
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
/// rewritten as 2020-12. With no draft
/// (an OpenAPI 3.0 schema object, a dialect of its own that the IR reads),
/// only the subtrees that declare a `$schema` are rewritten.
pub fn upgrade(schema: &mut Value, pointer: &str, draft: Option<Draft>) -> Result<(), Error> {
    let mut upgrader = Upgrader { renames: BTreeMap::new() };
    upgrader.walk(schema, pointer, draft, false, true)?;
    if !upgrader.renames.is_empty() {
        follow_renames(schema, pointer, "", &upgrader.renames);
    }
    Ok(())
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
    for (key, child) in object.iter_mut() {
        let child_pointer = join(pointer, key);
        match crate::vocabulary::keyword(key).map(|k| k.subschemas) {
            Some(Subschemas::One) => follow_renames(child, &child_pointer, &resource, renames),
            Some(Subschemas::List) => {
                for (i, item) in child.as_array_mut().into_iter().flatten().enumerate() {
                    follow_renames(item, &join(&child_pointer, i), &resource, renames);
                }
            }
            Some(Subschemas::Map) => {
                for (name, item) in child.as_object_mut().into_iter().flatten() {
                    follow_renames(item, &join(&child_pointer, name), &resource, renames);
                }
            }
            _ => {}
        }
    }
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

struct Upgrader {
    renames: Renames,
}

impl Upgrader {
    /// `recursive`: whether the resource this schema is in has
    /// `$recursiveAnchor: true` at its root (2019-09).
    fn walk(
        &mut self,
        schema: &mut Value,
        pointer: &str,
        draft: Option<Draft>,
        recursive: bool,
        root: bool,
    ) -> Result<(), Error> {
        let Value::Object(object) = schema else { return Ok(()) };
        let mut draft = draft;
        if let Some(uri) = object.get("$schema") {
            let uri = uri.as_str().unwrap_or("");
            draft = Some(Draft::from_uri(uri).ok_or_else(|| {
                Error::new(
                    ErrorKind::Unsupported,
                    format!("unsupported: $schema `{uri}` (the drafts read are {})", Draft::names()),
                    Location::pointer(join(pointer, "$schema")),
                )
            })?);
            object.remove("$schema");
        }
        if let Some(draft) = draft.filter(|d| *d < Draft::Draft2020) {
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
        let recursive = if resource_root && draft == Some(Draft::Draft2019) {
            object.get("$recursiveAnchor") == Some(&Value::Bool(true))
        } else {
            recursive
        };
        if draft == Some(Draft::Draft2019) {
            recursion(object, resource_root, recursive);
        }
        for (key, child) in object.iter_mut() {
            let child_pointer = join(pointer, key);
            match crate::vocabulary::keyword(key).map(|k| k.subschemas) {
                Some(Subschemas::One) => self.walk(child, &child_pointer, draft, recursive, false)?,
                Some(Subschemas::List) => {
                    for (i, item) in child.as_array_mut().into_iter().flatten().enumerate() {
                        self.walk(item, &join(&child_pointer, i), draft, recursive, false)?;
                    }
                }
                Some(Subschemas::Map) => {
                    for (name, item) in child.as_object_mut().into_iter().flatten() {
                        self.walk(item, &join(&child_pointer, name), draft, recursive, false)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
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
        assert_eq!(unknown.location.pointer.as_deref(), Some("/x/$schema"));
        assert_eq!(Draft::from_name("draft2019-09"), Some(Draft::Draft2019));
        assert_eq!(Draft::from_uri("http://json-schema.org/draft-07/schema#"), Some(Draft::Draft7));
    }
}
