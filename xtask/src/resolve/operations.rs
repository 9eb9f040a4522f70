//! Schemas outside `components.schemas`: what an API's operations send and
//! receive, written inline.
//!
//! With `--all`, every inline schema of an operation's request body,
//! responses, response headers and parameters (of each path item, its
//! callbacks, and the 3.1 `webhooks`), and of
//! `components/{requestBodies,responses,parameters,headers}`, is generated
//! too, as a root named after where it is:
//!
//! | where | name |
//! |---|---|
//! | an operation's request body | `{Op}Request` |
//! | its response `201` (`default`, `4XX`) | `{Op}Response201` (`{Op}ResponseDefault`, `{Op}Response4xx`) |
//! | a header of that response | `{Op}Response201Header{Name}` |
//! | its parameter `limit` (or the path item's) | `{Op}Parameter{Limit}` (`{Path}Parameter{Limit}`) |
//! | a callback's operation | `{Op}Callback{Name}{Method}` as `{Op}` |
//! | a webhook's operation | its `operationId`, or `Webhook{Name}{Method}` |
//! | `components/requestBodies/X`, `responses/X`, `parameters/X`, `headers/X` | `XRequestBody`, `XResponse`, `XParameter`, `XHeader` |
//!
//! `{Op}` is the `operationId`, or the method and path (`GET /pets/{id}` is
//! `GetPetsId`). A body or response with several media types names the
//! second and later ones with the media type after the role
//! (`{Op}RequestApplicationXml`). A schema that is only a `$ref` names a
//! type that exists already, and adds none. Names are claimed after every
//! component's, in document order, so they are deterministic and never
//! take a component's name (a clash is numbered, as for any name).

use serde_json::Value;

use crate::diagnostics::{Code, Error, Location, join};

/// One inline schema to generate as a root.
#[derive(Debug, Clone, PartialEq)]
pub struct InlineSchema {
    /// The name before it becomes a Rust identifier (`createPet Request`).
    pub name: String,
    pub pointer: String,
    pub schema: Value,
}

const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// Every inline schema of `document`'s operations and components, in
/// document order.
pub fn collect(document: &Value) -> Result<Vec<InlineSchema>, Error> {
    let mut out = Found::default();
    if let Some(paths) = document.get("paths").and_then(Value::as_object) {
        for (path, item) in paths {
            path_item(item, &join("/paths", path), None, path, &mut out);
        }
    }
    if let Some(webhooks) = document.get("webhooks").and_then(Value::as_object) {
        for (name, item) in webhooks {
            path_item(item, &join("/webhooks", name), Some(&format!("Webhook {name}")), name, &mut out);
        }
    }
    let components = document.get("components");
    let section = |name: &str| components.and_then(|c| c.get(name)).and_then(Value::as_object);
    for (name, body) in section("requestBodies").into_iter().flatten() {
        content(body, &join("/components/requestBodies", name), &format!("{name} RequestBody"), &mut out);
    }
    for (name, response) in section("responses").into_iter().flatten() {
        response_schemas(response, &join("/components/responses", name), &format!("{name} Response"), &mut out);
    }
    for (name, parameter) in section("parameters").into_iter().flatten() {
        parameter_schemas(parameter, &join("/components/parameters", name), &format!("{name} Parameter"), &mut out);
    }
    for (name, header) in section("headers").into_iter().flatten() {
        parameter_schemas(header, &join("/components/headers", name), &format!("{name} Header"), &mut out);
    }
    match out.external {
        Some((reference, pointer)) => Err(Error::new(
            Code::ExternalRef,
            format!("unsupported: external $ref `{reference}` (specs split over several files are not read yet)"),
            Location::pointer(pointer),
        )),
        None => Ok(out.schemas),
    }
}

/// What the walk found: the inline schemas, and the first reference to
/// another file, which would hide what it holds.
#[derive(Default)]
struct Found {
    schemas: Vec<InlineSchema>,
    external: Option<(String, String)>,
}

impl Found {
    /// Whether `value` (at `pointer`) is a reference, whose target is
    /// collected where it is defined; a reference to another file is kept
    /// to be reported.
    fn is_reference(&mut self, value: &Value, pointer: &str) -> bool {
        let Some(reference) = value.get("$ref") else { return false };
        let reference = reference.as_str().unwrap_or("");
        if !reference.starts_with('#') && self.external.is_none() {
            self.external = Some((reference.to_owned(), join(pointer, "$ref")));
        }
        true
    }
}

/// The operations of one path item. `prefix` names them when they have no
/// `operationId` (a webhook's or callback's name); otherwise the method and
/// `path` do.
fn path_item(item: &Value, pointer: &str, prefix: Option<&str>, path: &str, out: &mut Found) {
    if out.is_reference(item, pointer) {
        return;
    }
    let Some(item) = item.as_object() else { return };
    let path_words = words_of_path(path);
    for (index, parameter) in item.get("parameters").and_then(Value::as_array).into_iter().flatten().enumerate() {
        let name = parameter.get("name").and_then(Value::as_str).unwrap_or("");
        let base = prefix.map_or_else(|| path_words.clone(), str::to_owned);
        let at = join(&join(pointer, "parameters"), index);
        parameter_schemas(parameter, &at, &format!("{base} Parameter {name}"), out);
    }
    for method in METHODS {
        let Some(operation) = item.get(method) else { continue };
        let at = join(pointer, method);
        // Not OpenAPI, but specs split over files write it (DigitalOcean).
        if out.is_reference(operation, &at) {
            continue;
        }
        let Some(operation) = operation.as_object() else { continue };
        let op = match operation.get("operationId").and_then(Value::as_str) {
            Some(id) => id.to_owned(),
            None => match prefix {
                Some(prefix) => format!("{prefix} {method}"),
                None => format!("{method} {path_words}"),
            },
        };
        for (index, parameter) in
            operation.get("parameters").and_then(Value::as_array).into_iter().flatten().enumerate()
        {
            let name = parameter.get("name").and_then(Value::as_str).unwrap_or("");
            parameter_schemas(
                parameter,
                &join(&join(&at, "parameters"), index),
                &format!("{op} Parameter {name}"),
                out,
            );
        }
        if let Some(body) = operation.get("requestBody") {
            content(body, &join(&at, "requestBody"), &format!("{op} Request"), out);
        }
        for (code, response) in operation.get("responses").and_then(Value::as_object).into_iter().flatten() {
            let at = join(&join(&at, "responses"), code);
            response_schemas(response, &at, &format!("{op} Response {}", code.to_ascii_lowercase()), out);
        }
        for (name, callback) in operation.get("callbacks").and_then(Value::as_object).into_iter().flatten() {
            let callback_at = join(&join(&at, "callbacks"), name);
            if out.is_reference(callback, &callback_at) {
                continue;
            }
            for (expression, item) in callback.as_object().into_iter().flatten() {
                let at = join(&callback_at, expression);
                path_item(item, &at, Some(&format!("{op} Callback {name}")), expression, out);
            }
        }
    }
}

/// A response's content schemas and its headers' schemas.
fn response_schemas(response: &Value, pointer: &str, name: &str, out: &mut Found) {
    if out.is_reference(response, pointer) {
        return;
    }
    content(response, pointer, name, out);
    for (header, value) in response.get("headers").and_then(Value::as_object).into_iter().flatten() {
        parameter_schemas(value, &join(&join(pointer, "headers"), header), &format!("{name} Header {header}"), out);
    }
}

/// A parameter's or header's `schema`, or the schemas of its `content`.
fn parameter_schemas(parameter: &Value, pointer: &str, name: &str, out: &mut Found) {
    if out.is_reference(parameter, pointer) {
        return;
    }
    if let Some(schema) = parameter.get("schema") {
        push(schema, &join(pointer, "schema"), name.to_owned(), out);
    }
    content(parameter, pointer, name, out);
}

/// The schema of each media type of `holder.content`: the first named
/// `name`, the others after their media type too.
fn content(holder: &Value, pointer: &str, name: &str, out: &mut Found) {
    if out.is_reference(holder, pointer) {
        return;
    }
    let Some(content) = holder.get("content").and_then(Value::as_object) else { return };
    for (index, (media_type, media)) in content.iter().enumerate() {
        let Some(schema) = media.get("schema") else { continue };
        let name = if index == 0 { name.to_owned() } else { format!("{name} {media_type}") };
        push(schema, &join(&join(&join(pointer, "content"), media_type), "schema"), name, out);
    }
}

/// Keeps a schema that says something of its own: not one that only
/// refers to a component (with annotations beside the `$ref` at most).
fn push(schema: &Value, pointer: &str, name: String, out: &mut Found) {
    let only_a_reference = schema.as_object().is_some_and(|s| {
        s.contains_key("$ref") && s.keys().all(|k| k == "$ref" || crate::vocabulary::is_annotation(k))
    });
    if schema.is_object() && !only_a_reference {
        out.schemas.push(InlineSchema { name, pointer: pointer.to_owned(), schema: schema.clone() });
    }
}

/// `/pets/{id}/toys` as `pets id toys`.
fn words_of_path(path: &str) -> String {
    path.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_place_of_an_inline_schema_is_found_and_named() {
        let document = json!({
            "paths": {"/pets/{id}": {
                "parameters": [{"name": "id", "in": "path", "schema": {"type": "string"}}],
                "get": {
                    "parameters": [{"$ref": "#/components/parameters/Limit"}, {"name": "q", "in": "query", "content": {"application/json": {"schema": {"type": "object"}}}}],
                    "responses": {
                        "200": {"content": {"application/json": {"schema": {"type": "object"}}, "application/xml": {"schema": {"type": "string"}}},
                                "headers": {"X-Rate": {"schema": {"type": "integer"}}}},
                        "4XX": {"$ref": "#/components/responses/Error"},
                        "default": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error", "description": "d"}}}}
                    }
                },
                "post": {"operationId": "createPet", "requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}},
                         "callbacks": {"onDone": {"{$request.body#/url}": {"post": {"requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}}}}}}}
            }},
            "webhooks": {"newPet": {"post": {"requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}}}}},
            "components": {
                "requestBodies": {"Pet": {"content": {"application/json": {"schema": {"type": "object"}}}}},
                "responses": {"Error": {"content": {"application/json": {"schema": {"type": "object"}}}}},
                "parameters": {"Limit": {"name": "limit", "in": "query", "schema": {"type": "integer"}}},
                "headers": {"Trace": {"schema": {"type": "string"}}}
            }
        });
        let found: Vec<(String, String)> =
            collect(&document).unwrap().into_iter().map(|s| (s.name, s.pointer)).collect();
        let expected = [
            ("pets id Parameter id", "/paths/~1pets~1{id}/parameters/0/schema"),
            ("get pets id Parameter q", "/paths/~1pets~1{id}/get/parameters/1/content/application~1json/schema"),
            ("get pets id Response 200", "/paths/~1pets~1{id}/get/responses/200/content/application~1json/schema"),
            (
                "get pets id Response 200 application/xml",
                "/paths/~1pets~1{id}/get/responses/200/content/application~1xml/schema",
            ),
            ("get pets id Response 200 Header X-Rate", "/paths/~1pets~1{id}/get/responses/200/headers/X-Rate/schema"),
            ("createPet Request", "/paths/~1pets~1{id}/post/requestBody/content/application~1json/schema"),
            (
                "createPet Callback onDone post Request",
                "/paths/~1pets~1{id}/post/callbacks/onDone/{$request.body#~1url}/post/requestBody/content/application~1json/schema",
            ),
            ("Webhook newPet post Request", "/webhooks/newPet/post/requestBody/content/application~1json/schema"),
            ("Pet RequestBody", "/components/requestBodies/Pet/content/application~1json/schema"),
            ("Error Response", "/components/responses/Error/content/application~1json/schema"),
            ("Limit Parameter", "/components/parameters/Limit/schema"),
            ("Trace Header", "/components/headers/Trace/schema"),
        ];
        let expected: Vec<(String, String)> = expected.iter().map(|(n, p)| (n.to_string(), p.to_string())).collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn a_reference_to_another_file_is_reported_where_it_is() {
        let document = json!({"paths": {"/a": {"$ref": "paths/a.yaml"}}});
        let error = collect(&document).unwrap_err();
        assert_eq!(error.location.pointer.as_deref(), Some("/paths/~1a/$ref"));
        assert_eq!(error.code, Code::ExternalRef);
        assert!(error.message.contains("`paths/a.yaml`"), "names the reference: {error}");
    }
}
