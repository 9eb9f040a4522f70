//! Where a `$ref` points: JSON Schema 2020-12 reference resolution within
//! one document.
//!
//! A reference is a URI resolved against the base URI of the schema it sits
//! in; `$id` changes that base for its subtree and makes the subtree a
//! resource of its own; `$anchor` (and `$dynamicAnchor`, which a plain
//! `$ref` may also target) names a schema inside its resource. The index
//! maps every resource URI and every anchor to a JSON Pointer into the
//! document, so that resolving a reference is two lookups. A reference that
//! leaves the document (a URI no `$id` in it declares) is refused: nothing
//! is fetched.
//!
//! For `$dynamicRef`, the index also knows which resource each schema
//! belongs to and which `$dynamicAnchor`s each resource declares: the
//! dynamic scope is a path of resources, so that is all it needs.

use std::collections::BTreeMap;

use serde_json::Value;
use url::Url;

use crate::diagnostics::{Code, Error, Location, join};
use crate::vocabulary::Subschemas;

/// The base URI of a document that declares none of its own. Its host is
/// reserved (RFC 2606), so it can never name a real resource.
pub const DOCUMENT_BASE: &str = "https://document.invalid/schema.json";

#[derive(Debug, Clone)]
pub struct SchemaIndex {
    /// Resource URI (no fragment) → pointer of its root.
    resources: BTreeMap<String, String>,
    /// `resource#anchor` → pointer.
    anchors: BTreeMap<String, String>,
    /// Resource root pointer → the `$dynamicAnchor`s in that resource
    /// (name, pointer), in document order.
    dynamic_anchors: BTreeMap<String, Vec<(String, String)>>,
    /// Whether any indexed schema has a `$dynamicRef`: if none does, the
    /// dynamic scope can never matter.
    pub has_dynamic_refs: bool,
}

impl SchemaIndex {
    /// Indexes the schemas at `roots` (pointers into `document`).
    pub fn build<'a>(document: &Value, roots: impl IntoIterator<Item = &'a str>) -> Result<SchemaIndex, Error> {
        let base = Url::parse(DOCUMENT_BASE).expect("a valid URL");
        let mut index = SchemaIndex {
            resources: BTreeMap::new(),
            anchors: BTreeMap::new(),
            dynamic_anchors: BTreeMap::new(),
            has_dynamic_refs: false,
        };
        index.resources.insert(base.to_string(), String::new());
        for root in roots {
            let base = index.base_at(document, root)?;
            if let Some(schema) = document.pointer(root) {
                let resource = index.resource_of(root).to_owned();
                index.walk(schema, root, &base, &resource)?;
            }
        }
        Ok(index)
    }

    fn walk(&mut self, schema: &Value, pointer: &str, base: &Url, resource: &str) -> Result<(), Error> {
        let Value::Object(object) = schema else {
            return Ok(());
        };
        let mut base = base.clone();
        let mut resource = resource;
        if let Some(id) = object.get("$id").and_then(Value::as_str) {
            base = join_uri(&base, id, &join(pointer, "$id"))?;
            base.set_fragment(None);
            self.resources.entry(base.to_string()).or_insert_with(|| pointer.to_owned());
            resource = pointer;
        }
        for keyword in ["$anchor", "$dynamicAnchor"] {
            if let Some(anchor) = object.get(keyword).and_then(Value::as_str) {
                let mut uri = base.clone();
                uri.set_fragment(Some(anchor));
                self.anchors.entry(uri.to_string()).or_insert_with(|| pointer.to_owned());
            }
        }
        if let Some(anchor) = object.get("$dynamicAnchor").and_then(Value::as_str) {
            let declared = self.dynamic_anchors.entry(resource.to_owned()).or_default();
            if !declared.iter().any(|(name, _)| name == anchor) {
                declared.push((anchor.to_owned(), pointer.to_owned()));
            }
        }
        self.has_dynamic_refs |= object.contains_key("$dynamicRef");
        for (key, child) in object {
            let child_pointer = join(pointer, key);
            let layout = crate::vocabulary::keyword(key).map(|k| k.subschemas);
            if layout == Some(Subschemas::One) {
                self.walk(child, &child_pointer, &base, resource)?;
            } else if layout == Some(Subschemas::List) {
                for (i, item) in child.as_array().into_iter().flatten().enumerate() {
                    self.walk(item, &join(&child_pointer, i), &base, resource)?;
                }
            } else if layout == Some(Subschemas::Map) {
                for (name, item) in child.as_object().into_iter().flatten() {
                    self.walk(item, &join(&child_pointer, name), &base, resource)?;
                }
            }
        }
        Ok(())
    }

    /// The root pointer of the resource the schema at `pointer` belongs to:
    /// the nearest schema above it (or itself) with an `$id`.
    pub fn resource_of(&self, pointer: &str) -> &str {
        self.resources
            .values()
            .filter(|root| {
                pointer.strip_prefix(root.as_str()).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            })
            .max_by_key(|root| root.len())
            .map_or("", String::as_str)
    }

    /// The `$dynamicAnchor`s (name, pointer) that the resource rooted at
    /// `resource` declares.
    pub fn dynamic_anchors(&self, resource: &str) -> &[(String, String)] {
        self.dynamic_anchors.get(resource).map_or(&[], Vec::as_slice)
    }

    /// The base URI in effect at `pointer`: the document's, changed by every
    /// `$id` on the way down.
    pub fn base_at(&self, document: &Value, pointer: &str) -> Result<Url, Error> {
        let mut base = Url::parse(DOCUMENT_BASE).expect("a valid URL");
        let mut node = document;
        let mut here = String::new();
        let mut tokens = pointer.split('/').skip(1).map(crate::diagnostics::unescape_token).peekable();
        loop {
            if let Some(id) = node.get("$id").and_then(Value::as_str) {
                base = join_uri(&base, id, &join(&here, "$id"))?;
                base.set_fragment(None);
            }
            let Some(token) = tokens.next() else { break };
            here = join(&here, &token);
            node = match node {
                Value::Object(o) => o.get(&token),
                Value::Array(a) => token.parse::<usize>().ok().and_then(|i| a.get(i)),
                _ => None,
            }
            .ok_or_else(|| Error::at(Code::DanglingRef, "no schema at this pointer", &here))?;
        }
        Ok(base)
    }

    /// The pointer a `$ref` (found at `at`, in a schema whose base is `base`) names.
    pub fn resolve(&self, base: &Url, reference: &str, at: &str) -> Result<String, Error> {
        let target = join_uri(base, reference, at)?;
        let fragment = target.fragment().unwrap_or("").to_owned();
        let mut resource = target.clone();
        resource.set_fragment(None);
        let Some(root) = self.resources.get(resource.as_str()) else {
            return Err(Error::new(
                Code::ExternalRef,
                format!(
                    "unsupported: $ref `{reference}` leaves the document (it resolves to `{resource}`, which no `$id` here declares; nothing is fetched)"
                ),
                Location::pointer(at),
            ));
        };
        let fragment = percent_encoding::percent_decode_str(&fragment).decode_utf8_lossy().into_owned();
        if fragment.is_empty() {
            Ok(root.clone())
        } else if fragment.starts_with('/') {
            Ok(format!("{root}{fragment}"))
        } else {
            self.anchors.get(target.as_str()).cloned().ok_or_else(|| {
                Error::at(
                    Code::DanglingRef,
                    format!("dangling $ref `{reference}`: no anchor `{fragment}` in `{resource}`"),
                    at,
                )
            })
        }
    }
}

fn join_uri(base: &Url, reference: &str, at: &str) -> Result<Url, Error> {
    base.join(reference)
        .map_err(|e| Error::at(Code::RefNotAUri, format!("`{reference}` is not a URI reference ({e})"), at))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn resolve(document: &Value, at: &str, reference: &str) -> Result<String, Error> {
        let index = SchemaIndex::build(document, [""]).unwrap();
        let base = index.base_at(document, at).unwrap();
        index.resolve(&base, reference, at)
    }

    #[test]
    fn pointers_ids_and_anchors_resolve_and_data_is_not_indexed() {
        let document = json!({
            "$defs": {
                "a": {"$id": "http://example.com/a.json", "$defs": {"b": {"$anchor": "bee"}}},
                "c": {"const": {"$id": "http://example.com/fake.json"}},
            },
            "properties": {"x": {"$id": "http://example.com/dir/x.json"}},
        });
        assert_eq!(resolve(&document, "", "#/$defs/c").unwrap(), "/$defs/c");
        assert_eq!(resolve(&document, "", "#").unwrap(), "");
        assert_eq!(resolve(&document, "", "http://example.com/a.json#bee").unwrap(), "/$defs/a/$defs/b");
        // Relative to the `$id` of the schema the reference is in.
        assert_eq!(resolve(&document, "/properties/x", "../a.json#/$defs/b").unwrap(), "/$defs/a/$defs/b");
        assert_eq!(resolve(&document, "/$defs/a/$defs/b", "#bee").unwrap(), "/$defs/a/$defs/b");
        // Percent-encoded pointers are decoded.
        assert_eq!(resolve(&document, "", "#/%24defs/c").unwrap(), "/$defs/c");
        let fake = resolve(&document, "", "http://example.com/fake.json").unwrap_err();
        assert_eq!(fake.code, Code::ExternalRef);
        let dangling = resolve(&document, "", "#nope").unwrap_err();
        assert_eq!(dangling.code, Code::DanglingRef);
        assert!(dangling.message.contains("`nope`"), "names the anchor: {dangling}");
    }
}
