//! The builder's tests, through [`build`], by the part of it they exercise.

use serde_json::{Value, json};

use super::build;
use crate::diagnostics::{Code, Warning};
use crate::ir::{Constraint, EnumDef, Field, OtherValues, Shape, Ty, TypeKind, TypeSpace};
use crate::resolve::{Roots, resolve};

fn build_json(version: &str, schemas: Value) -> (TypeSpace, Vec<Warning>) {
    let document = json!({"openapi": version, "components": {"schemas": schemas}});
    build(&resolve(&document, &Roots::All).unwrap()).unwrap()
}

fn fields(space: &TypeSpace, name: &str) -> Vec<Field> {
    match &space.types[name].kind {
        TypeKind::Struct(s) => s.fields.clone(),
        other => panic!("{name} is not a struct: {other:?}"),
    }
}

fn enum_def(space: &TypeSpace, name: &str) -> EnumDef {
    match &space.types[name].kind {
        TypeKind::Enum(e) => e.clone(),
        other => panic!("{name} is not an enum: {other:?}"),
    }
}

// Classification (`classify.rs`): which form a schema becomes, and what is held as JSON.

#[test]
fn enum_kinds() {
    let (space, _) = build_json(
        "3.1.0",
        json!({
            "Closed": {"type": "string", "enum": ["a", "b"]},
            "Single": {"type": "string", "enum": ["only"]},
            "Stainless": {"type": "string", "enum": ["x", "y"], "x-stainless-const": true},
            "Const": {"const": "c"},
            "Open": {"anyOf": [{"type": "string"}, {"type": "string", "enum": ["alloy", "ash"]}]}
        }),
    );
    assert_eq!(enum_def(&space, "Closed").other, OtherValues::KeptInvalid);
    assert_eq!(enum_def(&space, "Single").other, OtherValues::Rejected);
    assert_eq!(enum_def(&space, "Stainless").other, OtherValues::Rejected);
    assert_eq!(enum_def(&space, "Const").variants[0].value, "c");
    let open = enum_def(&space, "Open");
    assert_eq!(open.other, OtherValues::KeptValid);
    assert_eq!(open.variants.iter().map(|v| v.ident.as_str()).collect::<Vec<_>>(), ["Alloy", "Ash"]);
}

#[test]
fn items_without_type_is_an_array_and_its_misplaced_default_warns() {
    let (space, warnings) = build_json(
        "3.1.0",
        json!({"S": {"properties": {"m": {"items": {"type": "string", "default": ["a"], "enum": ["a", "b"]}}}}}),
    );
    let m = &fields(&space, "S")[0];
    assert!(matches!(&m.ty.shape, Shape::Array(items) if items.shape == Shape::Named("SMItem".into())));
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].code, Code::DefaultRejected);
    assert_eq!(warnings[0].location.pointer.as_deref(), Some("/components/schemas/S/properties/m/items/default"));
}

#[test]
fn a_ref_with_a_description_documents_the_field_and_all_of_reads_through() {
    let (space, _) = build_json(
        "3.1.0",
        json!({"V": {"type": "string"}, "S": {"required": ["v"], "properties": {
            "v": {"$ref": "#/components/schemas/V", "description": "The voice."},
            "w": {"allOf": [{"$ref": "#/components/schemas/V"}], "description": "Wrapped."}
        }}}),
    );
    let fields = fields(&space, "S");
    assert_eq!(fields[0].doc.as_deref(), Some("The voice."));
    assert!(fields[0].required && !fields[1].required);
    assert_eq!(fields[1].ty.shape, Shape::Named("V".into()));
    assert!(matches!(space.types["V"].kind, TypeKind::Alias(Ty { shape: Shape::String, .. })));
}

#[test]
fn unsupported_keywords_are_refused_with_their_pointer() {
    let document =
        json!({"openapi": "3.1.0", "components": {"schemas": {"S": {"properties": {"a": {"$recursiveRef": "#/x"}}}}}});
    let error = build(&resolve(&document, &Roots::All).unwrap()).unwrap_err();
    assert_eq!(error.code, Code::KeywordUnsupported, "{error}");
    assert_eq!(error.location.pointer.as_deref(), Some("/components/schemas/S/properties/a/$recursiveRef"));
}

#[test]
fn unevaluated_keywords_no_struct_states_are_held_as_json() {
    let (space, _) = build_json(
        "3.1.0",
        json!({"S": {"properties": {
            "items": {"type": "array", "unevaluatedItems": false},
            "union": {"anyOf": [{"properties": {"a": {}}}, {"properties": {"b": {}}}], "unevaluatedProperties": false},
            "closed": {"properties": {"a": {}}, "unevaluatedProperties": false}
        }}}),
    );
    let held: Vec<bool> = fields(&space, "S")
        .iter()
        .map(|f| matches!(&f.ty.shape, Shape::Named(n) if matches!(space.types[n].kind, TypeKind::Json(_))))
        .collect();
    assert_eq!(held, [true, true, false]);
}

#[test]
fn what_no_rust_type_states_is_held_as_json_and_compiled() {
    let (space, _) = build_json(
        "3.1.0",
        json!({"S": {"properties": {"a": {"if": {"type": "string"}, "then": {"minLength": 2}}, "b": {"type": "string"}}}}),
    );
    let fields = fields(&space, "S");
    assert_eq!(fields[0].ty.shape, Shape::Named("SA".into()));
    assert!(matches!(space.types["SA"].kind, TypeKind::Json(0)));
    assert_eq!(fields[1].ty.shape, Shape::String);
    assert_eq!(space.checks.len(), 3, "the node and its `if` and `then`: {:?}", space.checks);
}

#[test]
fn json_schema_semantics_type_only_what_a_type_states_exactly() {
    let build = |schema: Value| {
        let spec = crate::resolve::resolve_json_schema(&schema, "Root", &Default::default()).unwrap();
        build(&spec).unwrap().0
    };
    // `properties` without `type` accept any non-object too: held as JSON.
    assert!(matches!(build(json!({"properties": {"a": {"type": "integer"}}})).types["Root"].kind, TypeKind::Json(_)));
    // With `type: object`, a struct; its untyped field is held as JSON.
    let space = build(json!({"type": "object", "properties": {"a": {"type": "integer"}, "b": {"minimum": 1}}}));
    let fields = fields(&space, "Root");
    assert_eq!(fields[0].ty.shape, Shape::Integer);
    assert!(matches!(&fields[1].ty.shape, Shape::Named(n) if matches!(space.types[n].kind, TypeKind::Json(_))));
    // A `required` name the struct does not declare would go unchecked.
    assert!(matches!(
        build(json!({"type": "object", "properties": {"a": {}}, "required": ["b"]})).types["Root"].kind,
        TypeKind::Json(_)
    ));
}

// Nullability (`nullability.rs`).

#[test]
fn every_nullable_form_is_recognized() {
    let (space, warnings) = build_json(
        "3.1.0",
        json!({"S": {"properties": {
            "a": {"type": ["string", "null"]},
            "b": {"anyOf": [{"$ref": "#/components/schemas/T"}, {"type": "null"}], "description": "d"},
            "c": {"type": "integer", "enum": [1, 2, null]},
            "d": {"type": "string", "nullable": true},
            "e": {"type": "string"}
        }}, "T": {"type": "object", "properties": {"x": {"type": "string"}}}}),
    );
    let nullable: Vec<bool> = fields(&space, "S").iter().map(|f| f.ty.nullable).collect();
    assert_eq!(nullable, [true, true, true, true, false]);
    assert_eq!(fields(&space, "S")[1].ty.shape, Shape::Named("T".into()));
    assert_eq!(fields(&space, "S")[1].doc.as_deref(), Some("d"));
    // `nullable` is 3.0 vocabulary: fine in 3.0, a warning in 3.1.
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].code, Code::NullableIn31);
    assert_eq!(warnings[0].location.pointer.as_deref(), Some("/components/schemas/S/properties/d/nullable"));
    let (_, warnings_30) = build_json("3.0.3", json!({"S": {"type": "string", "nullable": true}}));
    assert!(warnings_30.is_empty());
}

#[test]
fn a_nullable_component_is_nullable_at_every_use_and_not_in_itself() {
    let (space, _) = build_json(
        "3.1.0",
        json!({
            "Reason": {"type": ["string", "null"], "enum": ["a", "b", null]},
            "Target": {"type": ["object", "null"], "properties": {"x": {"type": "string"}}},
            "Name": {"type": ["string", "null"]},
            "Again": {"$ref": "#/components/schemas/Target"},
            "S": {"properties": {
                "reason": {"$ref": "#/components/schemas/Reason"},
                "target": {"$ref": "#/components/schemas/Target"},
                "name": {"$ref": "#/components/schemas/Name"},
                "again": {"$ref": "#/components/schemas/Again"}
            }}
        }),
    );
    let nullable: Vec<bool> = fields(&space, "S").iter().map(|f| f.ty.nullable).collect();
    assert_eq!(nullable, [true, true, true, true]);
    let TypeKind::Alias(name) = &space.types["Name"].kind else { panic!() };
    assert_eq!((&name.shape, name.nullable), (&Shape::String, false), "the alias is the plain type");
}

#[test]
fn a_component_that_is_a_nullable_reference_is_nullable_at_its_uses() {
    let (space, _) = build_json(
        "3.0.3",
        json!({
            "Named": {"type": "object", "properties": {"n": {"type": "string"}}},
            "Owner": {"allOf": [{"$ref": "#/components/schemas/Named"}, {"nullable": true}]},
            "S": {"properties": {"owner": {"$ref": "#/components/schemas/Owner"}}}
        }),
    );
    assert!(fields(&space, "S")[0].ty.nullable, "Owner admits null, so every use of it does");
}

// Shapes (`shapes.rs`): names of inline types and variants, tags.

#[test]
fn inline_names_use_titles_then_paths_and_never_collide() {
    let (space, _) = build_json(
        "3.1.0",
        json!({"Session": {"properties": {
            "tracing": {"title": "Tracing Configuration", "oneOf": [
                {"type": "string", "enum": ["auto"]},
                {"type": "object", "title": "Tracing Configuration", "properties": {"w": {"type": "string"}}}
            ]},
            "turn_detection": {"type": "object", "properties": {"t": {"type": "number"}}}
        }}}),
    );
    let names: Vec<&str> = space.types.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "Session",
            "TracingConfiguration",
            "TracingConfigurationAuto",
            "TracingConfigurationObject",
            "SessionTurnDetection"
        ]
    );
    let TypeKind::Union(union) = &space.types["TracingConfiguration"].kind else { panic!() };
    assert_eq!(union.variants.iter().map(|v| v.ident.as_str()).collect::<Vec<_>>(), ["Auto", "Object"]);
    assert!(union.exclusive);
}

/// A union's tag is found whether its branch components come before or
/// after it in the spec (event unions upstream are declared before their
/// events).
#[test]
fn a_union_is_tagged_whatever_the_order_of_its_branches() {
    let event = |tag: &str| json!({"type": "object", "required": ["type"], "properties": {"type": {"const": tag}}});
    let union = json!({"oneOf": [{"$ref": "#/components/schemas/A"}, {"$ref": "#/components/schemas/B"}]});
    for schemas in [
        json!({"U": union.clone(), "A": event("a"), "B": event("b")}),
        json!({"A": event("a"), "B": event("b"), "U": union.clone()}),
    ] {
        let (space, _) = build_json("3.1.0", schemas);
        let TypeKind::Union(u) = &space.types["U"].kind else { panic!("U is a union") };
        let tag = u.tag.as_ref().expect("U is tagged");
        assert_eq!((tag.property.as_str(), tag.values.as_slice()), ("type", &["a".to_owned(), "b".to_owned()][..]));
    }
}

// Values (`values.rs`): defaults that fit, constraints on the use.

#[test]
fn defaults_are_kept_only_when_they_fit() {
    let (space, warnings) = build_json(
        "3.1.0",
        json!({"S": {"properties": {
            "ok": {"type": "number", "default": 1},
            "bad": {"type": "integer", "default": 1.5},
            "null_on_object": {"type": "object", "default": null, "properties": {"x": {"type": "string"}}}
        }}}),
    );
    let defaults: Vec<Option<Value>> = fields(&space, "S").into_iter().map(|f| f.default).collect();
    assert_eq!(defaults, [Some(json!(1)), None, None]);
    assert_eq!(warnings.len(), 2);
}

#[test]
fn constraints_are_collected_on_the_use() {
    let (space, _) =
        build_json("3.1.0", json!({"S": {"properties": {"t": {"type": "number", "minimum": 0.6, "maximum": 1.2}}}}));
    assert_eq!(
        fields(&space, "S")[0].ty.constraints,
        [Constraint::Minimum { limit: 0.6, exclusive: false }, Constraint::Maximum { limit: 1.2, exclusive: false }]
    );
}

#[test]
fn the_values_and_items_an_all_of_branch_gives_are_read_where_the_branch_has_them() {
    // Merged, `E` has no properties, so it is a map whose values are the
    // second branch's `additionalProperties`; `L` is a list whose items are
    // the second branch's `items`. Neither subschema is at `E/...` or
    // `L/...` in the document, and reading them there was an internal error.
    let (space, _) = build_json(
        "3.1.0",
        json!({
            "E": {"allOf": [{"type": "object", "properties": {}}, {"type": "object", "additionalProperties": false}]},
            "L": {"allOf": [{"type": "array"}, {"items": {"type": "string", "not": {"const": "x"}}}]}
        }),
    );
    let pointers: Vec<&str> = space.types.values().map(|def| def.pointer.as_str()).collect();
    assert!(pointers.contains(&"/components/schemas/E/allOf/1/additionalProperties"), "{pointers:?}");
    assert!(pointers.contains(&"/components/schemas/L/allOf/1/items"), "{pointers:?}");
}
