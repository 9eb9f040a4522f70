//! Resources a bare JSON Schema document may reference without fetching:
//! the meta-schemas of every draft, as the `referencing` crate (the
//! `jsonschema` crate's resolver) ships them, and the files of a local
//! directory standing for a URL prefix ([`Remotes`]: the test suite's
//! `remotes/` for `http://localhost:1234/`).
//!
//! A schema that references one gets it embedded under its root's `$defs`,
//! keyed by the resource's URI. That is bundling as JSON Schema 2020-12
//! defines it (§9.3, compound schema documents): each embedded resource
//! keeps its own `$id` (or is given the URI it was asked by), so references
//! to it resolve within the document, and the user's own schemas keep
//! their pointers. An embedded resource is read in its own `$schema`'s
//! draft, else in the document's.

use std::path::{Path, PathBuf};

use serde_json::Value;
use url::Url;

use super::drafts::{self, Draft};
use super::index::DOCUMENT_BASE;
use crate::diagnostics::{Code, Error, Location};
use crate::vocabulary::Subschemas;

/// A directory whose files stand for the URLs below `prefix`
/// (`http://localhost:1234/` → `remotes/`). Nothing is ever fetched.
#[derive(Debug, Clone)]
pub struct Remotes {
    pub prefix: String,
    pub dir: PathBuf,
}

/// More embedded resources than this is a loop, not a schema.
const MAX_RESOURCES: usize = 256;

fn well_known() -> [&'static Value; 18] {
    use referencing::meta::*;
    [
        &DRAFT4,
        &DRAFT6,
        &DRAFT7,
        &DRAFT201909,
        &DRAFT201909_APPLICATOR,
        &DRAFT201909_CONTENT,
        &DRAFT201909_CORE,
        &DRAFT201909_FORMAT,
        &DRAFT201909_META_DATA,
        &DRAFT201909_VALIDATION,
        &DRAFT202012,
        &DRAFT202012_CORE,
        &DRAFT202012_APPLICATOR,
        &DRAFT202012_UNEVALUATED,
        &DRAFT202012_VALIDATION,
        &DRAFT202012_META_DATA,
        &DRAFT202012_FORMAT_ANNOTATION,
        &DRAFT202012_CONTENT,
    ]
}

/// The URI of a resource, as a key: no fragment, no trailing `#`.
fn key(uri: &str) -> &str {
    uri.split('#').next().unwrap_or(uri)
}

/// `document` (already 2020-12, see [`drafts`]) with every well-known or
/// remote resource it references embedded, each read in `draft` unless it
/// says otherwise.
pub fn bundle(mut document: Value, draft: Draft, remotes: Option<&Remotes>) -> Result<Value, Error> {
    let mut tried = std::collections::BTreeSet::new();
    loop {
        let mut declared = Vec::new();
        let mut wanted = Vec::new();
        let base = Url::parse(DOCUMENT_BASE).expect("a valid URL");
        references(&document, &base, &mut declared, &mut wanted);
        let missing: Vec<String> =
            wanted.into_iter().filter(|uri| !declared.contains(uri) && tried.insert(uri.clone())).collect();
        let mut found = Vec::new();
        for uri in missing {
            if found.iter().any(|(u, _)| *u == uri) {
                continue;
            }
            if let Some(resource) = resource(&uri, remotes)? {
                found.push((uri, resource));
            }
        }
        if found.is_empty() {
            return Ok(document);
        }
        let Some(root) = document.as_object_mut() else { return Ok(document) };
        let defs = root.entry("$defs").or_insert_with(|| Value::Object(Default::default()));
        let Some(defs) = defs.as_object_mut() else { return Ok(document) };
        for (uri, mut resource) in found {
            if tried.len() > MAX_RESOURCES {
                return Err(Error::new(
                    Code::TooManyResources,
                    format!("more than {MAX_RESOURCES} referenced resources"),
                    Location::pointer(""),
                ));
            }
            let pointer = crate::diagnostics::join("/$defs", &uri);
            drafts::upgrade(&mut resource, &pointer, Some(draft))?;
            // The resource is known by the URI it was asked for, which is
            // the one references use (a remote may declare another `$id`).
            if let Some(object) = resource.as_object_mut() {
                object.insert("$id".into(), Value::String(uri.clone()));
            }
            defs.insert(uri, resource);
        }
    }
}

/// The resource at `uri`: a meta-schema, or a file of `remotes`.
pub fn resource(uri: &str, remotes: Option<&Remotes>) -> Result<Option<Value>, Error> {
    if let Some(meta) = well_known().into_iter().find(|meta| {
        ["$id", "id"].iter().any(|id| meta.get(id).and_then(Value::as_str).is_some_and(|id| key(id) == uri))
    }) {
        return Ok(Some(meta.clone()));
    }
    let Some(remotes) = remotes else { return Ok(None) };
    let Some(relative) = uri.strip_prefix(&remotes.prefix) else { return Ok(None) };
    let path = remotes.dir.join(relative);
    // Only files below the directory: `..` in a URL path is resolved by
    // the URL parser already, and links are followed before the check.
    let Ok(canonical) = path.canonicalize() else { return Ok(None) };
    let Ok(dir) = remotes.dir.canonicalize() else { return Ok(None) };
    if !canonical.starts_with(&dir) || !canonical.is_file() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(&canonical)
        .map_err(|e| Error::io(Code::FileUnreadable, format!("cannot read: {e}"), &path))?;
    crate::load::parse_json(&text).map(Some).map_err(|e| e.in_file(Path::new(&path)))
}

/// Every resource URI `value` declares (`$id`) and every resource URI its
/// references name, resolved against their base URIs.
fn references(value: &Value, base: &Url, declared: &mut Vec<String>, wanted: &mut Vec<String>) {
    let Value::Object(object) = value else { return };
    let mut base = base.clone();
    if let Some(id) = object.get("$id").and_then(Value::as_str)
        && let Ok(joined) = base.join(id)
    {
        base = joined;
        base.set_fragment(None);
        declared.push(base.to_string());
    }
    for keyword in ["$ref", "$dynamicRef"] {
        if let Some(reference) = object.get(keyword).and_then(Value::as_str)
            && let Ok(target) = base.join(reference)
        {
            wanted.push(key(target.as_str()).to_owned());
        }
    }
    for (key, child) in object {
        match crate::vocabulary::keyword(key).map(|k| k.subschemas) {
            Some(Subschemas::One) => references(child, &base, declared, wanted),
            Some(Subschemas::List) => {
                child.as_array().into_iter().flatten().for_each(|c| references(c, &base, declared, wanted))
            }
            Some(Subschemas::Map) => {
                child.as_object().into_iter().flatten().for_each(|(_, c)| references(c, &base, declared, wanted))
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn meta_schemas_are_embedded_only_when_referenced() {
        let plain = json!({"$defs": {"a": {"const": {"$ref": "x"}}}, "type": "object"});
        assert_eq!(bundle(plain.clone(), Draft::Draft2020, None).unwrap(), plain);
        let bundled = bundle(json!({"$ref": "https://json-schema.org/draft/2020-12/schema"}), Draft::Draft2020, None);
        let bundled = bundled.unwrap();
        let defs = bundled["$defs"].as_object().unwrap();
        assert_eq!(defs.len(), 8, "the meta-schema and the vocabularies it references");
        assert_eq!(defs["https://json-schema.org/draft/2020-12/meta/applicator"]["$dynamicAnchor"], json!("meta"));
        assert_eq!(bundled["$ref"], json!("https://json-schema.org/draft/2020-12/schema"));
        // Draft 4's meta-schema is read as draft 4.
        let draft4 = bundle(json!({"$ref": "http://json-schema.org/draft-04/schema#"}), Draft::Draft4, None).unwrap();
        let meta = &draft4["$defs"]["http://json-schema.org/draft-04/schema"];
        assert_eq!(meta["$id"], json!("http://json-schema.org/draft-04/schema"));
        assert_eq!(meta["properties"]["minimum"], json!({"type": "number"}));
    }

    #[test]
    fn remotes_are_read_from_their_directory_only() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("int.json"), r#"{"type": "integer"}"#).unwrap();
        let remotes = Remotes { prefix: "http://localhost:1234/".into(), dir: dir.path().join("") };
        let schema = json!({"items": {"$ref": "http://localhost:1234/int.json"}, "not": {"$ref": "http://localhost:1234/../etc/passwd"}});
        let bundled = bundle(schema, Draft::Draft7, Some(&remotes)).unwrap();
        let defs = bundled["$defs"].as_object().unwrap();
        assert_eq!(defs.keys().collect::<Vec<_>>(), ["http://localhost:1234/int.json"]);
        assert_eq!(defs["http://localhost:1234/int.json"]["$id"], json!("http://localhost:1234/int.json"));
    }
}
