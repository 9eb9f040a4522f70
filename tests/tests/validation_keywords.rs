//! Every assertion keyword at its boundaries, through generated code:
//! `tests/validation-keywords/` is generated from
//! `tests/fixtures/specs/validation_keywords.yaml` (and kept current by the
//! drift test).

use serde_json::{Value, json};
use validation_keywords::{Arrays, Closed, FromStrError, Numbers, Objects, Strings, Typed, Validate};

/// (path, keyword) of every violation, or parse failure.
fn violations<T: serde::de::DeserializeOwned + Validate>(instance: Value) -> Result<Vec<(String, String)>, String> {
    let value: T = serde_json::from_value(instance).map_err(|e| e.to_string())?;
    Ok(match value.validate() {
        Ok(()) => Vec::new(),
        Err(errors) => errors.iter().map(|e| (e.path().to_owned(), e.keyword().to_owned())).collect(),
    })
}

fn ok<T: serde::de::DeserializeOwned + Validate>(instance: Value) {
    assert_eq!(violations::<T>(instance.clone()), Ok(vec![]), "{instance} is valid");
}

fn fails<T: serde::de::DeserializeOwned + Validate>(instance: Value, path: &str, keyword: &str) {
    assert_eq!(violations::<T>(instance.clone()), Ok(vec![(path.to_owned(), keyword.to_owned())]), "{instance}");
}

fn unparsable<T: serde::de::DeserializeOwned + Validate>(instance: Value) {
    assert!(violations::<T>(instance.clone()).is_err(), "{instance} does not parse");
}

#[test]
fn minimum_and_exclusive_minimum() {
    ok::<Numbers>(json!({"min": 1}));
    ok::<Numbers>(json!({"min": 1.0}));
    fails::<Numbers>(json!({"min": 0.999}), "/min", "minimum");
    ok::<Numbers>(json!({"xmin": 1.0001}));
    fails::<Numbers>(json!({"xmin": 1}), "/xmin", "exclusiveMinimum");
}

#[test]
fn maximum_and_exclusive_maximum_on_integers() {
    ok::<Numbers>(json!({"max": 10}));
    fails::<Numbers>(json!({"max": 11}), "/max", "maximum");
    ok::<Numbers>(json!({"xmax": 9}));
    fails::<Numbers>(json!({"xmax": 10}), "/xmax", "exclusiveMaximum");
}

#[test]
fn integer_valued_floats_are_integers() {
    ok::<Numbers>(json!({"max": 10.0, "istep": 9.0}));
    fails::<Numbers>(json!({"max": 11.0}), "/max", "maximum");
    unparsable::<Numbers>(json!({"max": 9.5}));
}

#[test]
fn multiple_of_is_exact_for_decimal_fractions_and_integers() {
    for good in [json!(0.3), json!(0.7), json!(1), json!(-0.2), json!(0)] {
        ok::<Numbers>(json!({"step": good}));
    }
    fails::<Numbers>(json!({"step": 0.35}), "/step", "multipleOf");
    ok::<Numbers>(json!({"istep": -9}));
    fails::<Numbers>(json!({"istep": 10}), "/istep", "multipleOf");
}

#[test]
fn enum_and_const_use_json_equality() {
    ok::<Numbers>(json!({"level": 2}));
    ok::<Numbers>(json!({"level": 2.0}));
    fails::<Numbers>(json!({"level": 4}), "/level", "enum");
    ok::<Numbers>(json!({"answer": 42}));
    ok::<Numbers>(json!({"answer": 42.0}));
    fails::<Numbers>(json!({"answer": "42"}), "/answer", "const");
    ok::<Strings>(json!({"name": "fixed"}));
    unparsable::<Strings>(json!({"name": "other"}));
}

#[test]
fn nullable_integer_with_a_bound() {
    ok::<Numbers>(json!({"count": null}));
    ok::<Numbers>(json!({"count": 0}));
    fails::<Numbers>(json!({"count": -1}), "/count", "minimum");
}

#[test]
fn lengths_count_code_points() {
    ok::<Strings>(json!({"short": ""}));
    ok::<Strings>(json!({"short": "abc"}));
    ok::<Strings>(json!({"short": "日本語"}));
    ok::<Strings>(json!({"short": "😀😀😀"}));
    fails::<Strings>(json!({"short": "abcd"}), "/short", "maxLength");
    fails::<Strings>(json!({"short": "😀😀😀😀"}), "/short", "maxLength");
    fails::<Strings>(json!({"long": ""}), "/long", "minLength");
    fails::<Strings>(json!({"long": "é"}), "/long", "minLength");
    ok::<Strings>(json!({"long": "éé"}));
}

#[test]
fn patterns_are_ecma_262_and_unanchored() {
    ok::<Strings>(json!({"code": "abc1"}));
    fails::<Strings>(json!({"code": "abc"}), "/code", "pattern");
    fails::<Strings>(json!({"code": "ABC1"}), "/code", "pattern");
    ok::<Strings>(json!({"letters": "Größe"}));
    fails::<Strings>(json!({"letters": "a1"}), "/letters", "pattern");
    ok::<Strings>(json!({"anywhere": "abc"}));
    fails::<Strings>(json!({"anywhere": "ac"}), "/anywhere", "pattern");
}

#[test]
fn item_counts_and_item_constraints() {
    ok::<Arrays>(json!({"few": [], "some": ["x"]}));
    ok::<Arrays>(json!({"few": [1, 2]}));
    fails::<Arrays>(json!({"few": [1, 2, 3]}), "/few", "maxItems");
    fails::<Arrays>(json!({"some": []}), "/some", "minItems");
    fails::<Arrays>(json!({"tags": ["ab", "abc"]}), "/tags/1", "maxLength");
    fails::<Arrays>(json!({"grid": [[0, 1], [2, -1]]}), "/grid/1/1", "minimum");
}

#[test]
fn unique_items_uses_json_equality() {
    ok::<Arrays>(json!({"unique": [1, "1", [1], {"a": 1}, {"a": 2}]}));
    fails::<Arrays>(json!({"unique": [1, 1.0]}), "/unique", "uniqueItems");
    fails::<Arrays>(json!({"unique": [{"a": 1, "b": 2}, {"b": 2, "a": 1}]}), "/unique", "uniqueItems");
    fails::<Arrays>(json!({"unique_numbers": [0.5, 1, 1.0]}), "/unique_numbers", "uniqueItems");
    ok::<Arrays>(json!({"unique_numbers": [0.5, 1.5]}));
}

#[test]
fn property_counts_and_map_values() {
    ok::<Objects>(json!({"id": "x", "scores": {"a": 0, "b": 3}, "bag": {"k": null}}));
    fails::<Objects>(json!({"id": "x", "scores": {"a": 1, "b": 2, "c": 3}}), "/scores", "maxProperties");
    fails::<Objects>(json!({"id": "x", "scores": {"a/b": -1}}), "/scores/a~1b", "minimum");
    fails::<Objects>(json!({"id": "x", "bag": {}}), "/bag", "minProperties");
}

#[test]
fn required_properties_and_nested_paths() {
    unparsable::<Objects>(json!({}));
    fails::<Objects>(json!({"id": ""}), "/id", "minLength");
    fails::<Objects>(json!({"id": "x", "numbers": {"max": 12}}), "/numbers/max", "maximum");
    fails::<Objects>(json!({"id": "x", "mode": "warp"}), "/mode", "enum");
}

#[test]
fn additional_properties_false_and_as_a_schema() {
    ok::<Closed>(json!({"a": "x"}));
    fails::<Closed>(json!({"a": "x", "b": 1}), "/b", "additionalProperties");
    let closed: Closed = serde_json::from_value(json!({"a": "x", "b": 1})).unwrap();
    assert_eq!(serde_json::to_value(&closed).unwrap(), json!({"a": "x"}), "forbidden properties are never sent");
    ok::<Typed>(json!({"a": "x", "n": 5}));
    fails::<Typed>(json!({"n": 6}), "/n", "maximum");
    unparsable::<Typed>(json!({"n": "six"}));
    let typed: Typed = serde_json::from_value(json!({"a": "x", "n": 5})).unwrap();
    assert_eq!(
        serde_json::to_value(&typed).unwrap(),
        json!({"a": "x", "n": 5}),
        "declared extra properties round-trip"
    );
}

#[test]
fn every_violation_is_reported_in_order_with_a_message() {
    let numbers: Numbers = serde_json::from_value(json!({"min": 0, "max": 11, "level": 9})).unwrap();
    let errors = numbers.validate().unwrap_err();
    assert_eq!(errors.len(), 3);
    let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            "/min: must be at least 1, got 0",
            "/max: must be at most 10, got 11",
            "/level: must be one of 1, 2, 3, got 9"
        ]
    );
    assert_eq!(
        errors.to_string(),
        "3 validation errors\n  /min: must be at least 1, got 0\n  /max: must be at most 10, got 11\n  /level: must be one of 1, 2, 3, got 9"
    );
}

#[test]
fn from_str_parses_and_validates_in_one_call() {
    let numbers: Numbers = validation_keywords::from_str(r#"{"min": 2}"#).unwrap();
    assert_eq!(numbers.min, Some(2.0));
    match validation_keywords::from_str::<Numbers>(r#"{"min": 0}"#) {
        Err(FromStrError::Invalid(errors)) => assert_eq!(errors.iter().next().unwrap().keyword(), "minimum"),
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert!(matches!(validation_keywords::from_str::<Numbers>(r#"{"min": "#), Err(FromStrError::Parse(_))));
    let error: Box<dyn std::error::Error> =
        Box::new(validation_keywords::from_str::<Numbers>(r#"{"min": 0}"#).unwrap_err());
    assert!(error.source().is_some());
}

#[test]
fn presence_rules_from_required_only_branches() {
    use validation_keywords::{ImageRef, OneSource};
    ok::<ImageRef>(json!({"image_url": "u"}));
    ok::<ImageRef>(json!({"file_id": "f"}));
    fails::<ImageRef>(json!({}), "", "anyOf");
    fails::<ImageRef>(json!({"image_url": "u", "file_id": "f"}), "", "not");
    ok::<OneSource>(json!({"a": "x"}));
    ok::<OneSource>(json!({"b": "x", "c": "y"}));
    fails::<OneSource>(json!({"b": "x"}), "", "oneOf");
    fails::<OneSource>(json!({"a": "x", "b": "y", "c": "z"}), "", "oneOf");
    let one: OneSource = serde_json::from_value(json!({"b": "x"})).unwrap();
    assert_eq!(
        one.validate().unwrap_err().iter().next().unwrap().to_string(),
        "(root): must have exactly one of: `a`; `b` and `c`"
    );
}

#[test]
fn unevaluated_properties_false_forbids_undeclared_ones() {
    use validation_keywords::OneSource;
    fails::<OneSource>(json!({"a": "x", "z": 1}), "/z", "additionalProperties");
}

#[test]
fn property_names_constrain_every_key() {
    ok::<Objects>(json!({"id": "x", "labels": {"abc": "1", "z": "2"}}));
    fails::<Objects>(json!({"id": "x", "labels": {"abcd": "1"}}), "/labels/abcd", "maxLength");
    fails::<Objects>(json!({"id": "x", "labels": {"ab1": "1"}}), "/labels/ab1", "pattern");
}
