//! Well-known resources a schema may reference without fetching: the JSON
//! Schema 2020-12 meta-schemas, as the `referencing` crate (the `jsonschema`
//! crate's resolver) ships them.
//!
//! A schema that references one gets it embedded under its root's `$defs`,
//! keyed by the resource's URI. That is bundling as JSON Schema 2020-12
//! defines it (§9.3, compound schema documents): each embedded resource
//! keeps its own `$id`, so references to it resolve within the document,
//! and the user's own schemas keep their pointers.

use serde_json::Value;

/// The URI prefix of the resources bundled here.
const PREFIX: &str = "https://json-schema.org/draft/2020-12/";

fn resources() -> [&'static Value; 8] {
    use referencing::meta::*;
    [
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

/// `document` with the well-known resources it references embedded.
pub fn bundle(mut document: Value) -> Value {
    if !references_well_known(&document) {
        return document;
    }
    let Some(root) = document.as_object_mut() else { return document };
    let defs = root.entry("$defs").or_insert_with(|| Value::Object(Default::default()));
    let Some(defs) = defs.as_object_mut() else { return document };
    for resource in resources() {
        let Some(id) = resource.get("$id").and_then(Value::as_str) else { continue };
        defs.entry(id.to_owned()).or_insert_with(|| resource.clone());
    }
    document
}

/// Whether any `$ref` or `$dynamicRef` in `value` names a bundled resource.
fn references_well_known(value: &Value) -> bool {
    match value {
        Value::Object(object) => object.iter().any(|(key, child)| {
            (matches!(key.as_str(), "$ref" | "$dynamicRef") && child.as_str().is_some_and(|r| r.starts_with(PREFIX)))
                || references_well_known(child)
        }),
        Value::Array(items) => items.iter().any(references_well_known),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn meta_schemas_are_embedded_only_when_referenced() {
        let plain = json!({"$defs": {"a": {"const": {"$ref": "x"}}}, "type": "object"});
        assert_eq!(bundle(plain.clone()), plain);
        let bundled = bundle(json!({"$ref": "https://json-schema.org/draft/2020-12/schema"}));
        let defs = bundled["$defs"].as_object().unwrap();
        assert_eq!(defs.len(), 8);
        assert_eq!(defs["https://json-schema.org/draft/2020-12/meta/applicator"]["$dynamicAnchor"], json!("meta"));
        assert_eq!(bundled["$ref"], json!("https://json-schema.org/draft/2020-12/schema"));
    }
}
