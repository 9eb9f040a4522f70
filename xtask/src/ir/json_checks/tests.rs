//! The compiler's tests: keywords, references, cycles, dynamic scopes.

use super::compiler::CheckCompiler;
use super::nodes::{Check, CheckNode, JsonType};
use crate::diagnostics::{Code, Error};
use serde_json::Value;
use serde_json::json;

fn compile(schema: Value) -> Result<Vec<CheckNode>, Error> {
    let spec = crate::resolve::resolve_json_schema(&schema, "Root", &Default::default())?;
    let mut compiler = CheckCompiler::new(&spec);
    compiler.compile("")?;
    compiler.finish().map(|compiled| compiled.nodes)
}

#[test]
fn references_are_edges_and_recursion_through_a_property_is_fine() {
    let nodes = compile(
        json!({"$defs": {"n": {"type": "integer"}}, "properties": {"a": {"$ref": "#"}, "b": {"$ref": "#/$defs/n"}}}),
    )
    .unwrap();
    let CheckNode::All { checks, .. } = &nodes[0] else { panic!("{nodes:?}") };
    assert_eq!(
        checks,
        &[Check::Properties { declared: vec![("a".into(), 1), ("b".into(), 2)], patterns: vec![], additional: None }]
    );
    assert_eq!(nodes[1], CheckNode::All { null_allowed: false, checks: vec![Check::Ref(0)] });
    assert_eq!(nodes[3], CheckNode::All { null_allowed: false, checks: vec![Check::Type(vec![JsonType::Integer])] });
}

#[test]
fn endless_cycles_and_unsupported_keywords_are_refused_with_their_pointer() {
    let endless = compile(json!({"$defs": {"a": {"allOf": [{"$ref": "#"}]}}, "$ref": "#/$defs/a"})).unwrap_err();
    assert_eq!(endless.code, Code::EndlessCheckCycle, "{endless}");
    let recursive = compile(json!({"properties": {"x": {"$recursiveRef": "#"}}})).unwrap_err();
    assert_eq!(
        (recursive.code, recursive.location.pointer.as_deref()),
        (Code::KeywordUnsupported, Some("/properties/x/$recursiveRef"))
    );
    let dialect = compile(json!({"not": {"$schema": "https://example.com/my-dialect"}})).unwrap_err();
    assert_eq!((dialect.code, dialect.location.pointer.as_deref()), (Code::DialectUnsupported, Some("/not/$schema")));
    assert!(dialect.message.contains("4, 5, 6, 7, 2019-09, 2020-12"), "lists the drafts read: {dialect}");
}

#[test]
fn unevaluated_keywords_beside_in_place_applicators_are_tracked() {
    let nodes = compile(json!({"allOf": [{"properties": {"a": true}}], "unevaluatedProperties": false})).unwrap();
    let CheckNode::All { checks, .. } = &nodes[0] else { panic!("{nodes:?}") };
    assert_eq!(checks, &[Check::AllOf(vec![1]), Check::Unevaluated { properties: Some(3), items: None }]);
    assert_eq!(nodes[3], CheckNode::Never);
    // `contains` marks items too, so `unevaluatedItems` beside it is tracked.
    let nodes = compile(json!({"contains": true, "unevaluatedItems": false})).unwrap();
    let CheckNode::All { checks, .. } = &nodes[0] else { panic!("{nodes:?}") };
    assert_eq!(checks[1], Check::Unevaluated { properties: None, items: Some(2) });
}

/// The pointers that the compiled `$ref`s and `$dynamicRef`s reach.
fn ref_targets(compiler: &CheckCompiler<'_>) -> Vec<String> {
    compiler
        .nodes
        .iter()
        .flat_map(|node| match node {
            CheckNode::All { checks, .. } => checks.clone(),
            _ => Vec::new(),
        })
        .filter_map(|check| match check {
            Check::Ref(id) => Some(compiler.pointers[id].clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn dynamic_refs_resolve_to_the_outermost_resource_in_scope() {
    // The list resource's `items` name `#item`, which the root rebinds:
    // reached from the root, the items are the root's `#item`; the same
    // list reached directly (its own resource outermost) keeps its own.
    let schema = json!({
        "$id": "https://example.com/root",
        "$ref": "list",
        "$defs": {
            "item": {"$dynamicAnchor": "item", "type": "string"},
            "list": {
                "$id": "list",
                "items": {"$dynamicRef": "#item"},
                "$defs": {"default": {"$dynamicAnchor": "item"}}
            }
        }
    });
    let spec = crate::resolve::resolve_json_schema(&schema, "Root", &Default::default()).unwrap();
    let mut compiler = CheckCompiler::new(&spec);
    compiler.compile("").unwrap();
    assert_eq!(ref_targets(&compiler), ["/$defs/list", "/$defs/item"]);
    let mut direct = CheckCompiler::new(&spec);
    direct.compile("/$defs/list").unwrap();
    assert_eq!(ref_targets(&direct), ["/$defs/list/$defs/default"]);
    // Without a `$dynamicAnchor` at its target, it is a plain `$ref`.
    let plain = json!({
        "$id": "https://example.com/root",
        "$dynamicAnchor": "a",
        "$ref": "inner",
        "$defs": {"inner": {"$id": "inner", "$defs": {"a": {"$anchor": "a"}}, "items": {"$dynamicRef": "#a"}}}
    });
    let spec = crate::resolve::resolve_json_schema(&plain, "Root", &Default::default()).unwrap();
    let mut compiler = CheckCompiler::new(&spec);
    compiler.compile("").unwrap();
    assert_eq!(ref_targets(&compiler), ["/$defs/inner", "/$defs/inner/$defs/a"]);
}

#[test]
fn unevaluated_keywords_without_in_place_applicators_are_the_additional_ones() {
    let nodes = compile(json!({"properties": {"a": true}, "unevaluatedProperties": false, "prefixItems": [true], "unevaluatedItems": false})).unwrap();
    let CheckNode::All { checks, .. } = &nodes[0] else { panic!("{nodes:?}") };
    assert_eq!(
        checks,
        &[
            Check::Properties { declared: vec![("a".into(), 1)], patterns: vec![], additional: Some(2) },
            Check::Items { prefix: vec![3], rest: Some(4) },
        ]
    );
    assert_eq!((&nodes[2], &nodes[4]), (&CheckNode::Never, &CheckNode::Never));
}
