//! Checks for schemas held as JSON: the applicator keywords (`anyOf`,
//! `properties`, `items`, ...) over a `serde_json::Value`. The generated
//! code compiles each subschema into one function of type [`Check`] and
//! passes them here; nothing is interpreted at run time.

use ::serde_json::Value;
use ::std::vec::Vec;

use crate::validate::{Path, ValidationError, report};

type Errors = Vec<ValidationError>;

/// One compiled subschema.
pub type Check = fn(&Value, &Path<'_>, &mut Errors);

/// A compiled `patternProperties` pattern (a test, so that crates without
/// patterns need no regex engine).
pub type Matches = fn(&str) -> bool;

/// Whether `value` passes `check` (its errors are not wanted).
pub fn is_valid(check: Check, value: &Value) -> bool {
    let mut errors = Vec::new();
    check(value, &Path::Root, &mut errors);
    errors.is_empty()
}

/// The JSON type of a value, as `type` names it (`1.0` is an integer).
pub fn type_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() || n.as_f64().is_some_and(|f| f.fract() == 0.0) => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

pub fn types(value: &Value, allowed: &[&str], path: &Path<'_>, errors: &mut Errors) {
    let found = type_of(value);
    if !allowed.iter().any(|t| *t == found || (*t == "number" && found == "integer")) {
        report(errors, path, "type", ::std::format!("must be of type {}, got {found}", allowed.join(" or ")));
    }
}

/// The `false` schema.
pub fn never(path: &Path<'_>, errors: &mut Errors) {
    report(errors, path, "false", ::std::string::ToString::to_string("no value is allowed here"));
}

pub fn required(value: &Value, names: &[&str], path: &Path<'_>, errors: &mut Errors) {
    if let ::core::option::Option::Some(object) = value.as_object() {
        for name in names {
            if !object.contains_key(*name) {
                report(errors, path, "required", ::std::format!("must have the property {name:?}"));
            }
        }
    }
}

pub fn dependent_required(value: &Value, rules: &[(&str, &[&str])], path: &Path<'_>, errors: &mut Errors) {
    if let ::core::option::Option::Some(object) = value.as_object() {
        for (name, needed) in rules {
            if object.contains_key(*name) {
                for other in *needed {
                    if !object.contains_key(*other) {
                        report(errors, path, "dependentRequired", ::std::format!("must have the property {other:?}, since it has {name:?}"));
                    }
                }
            }
        }
    }
}

/// `properties`, `patternProperties` and `additionalProperties` together:
/// a property matched by neither of the first two is additional.
pub fn properties(value: &Value, declared: &[(&str, Check)], patterns: &[(Matches, Check)], additional: ::core::option::Option<Check>, path: &Path<'_>, errors: &mut Errors) {
    let ::core::option::Option::Some(object) = value.as_object() else {
        return;
    };
    for (name, item) in object {
        let path = &path.key(name);
        let mut matched = false;
        for (declared_name, check) in declared {
            if declared_name == name {
                matched = true;
                check(item, path, errors);
            }
        }
        for (matches, check) in patterns {
            if matches(name) {
                matched = true;
                check(item, path, errors);
            }
        }
        if let (false, ::core::option::Option::Some(check)) = (matched, additional) {
            check(item, path, errors);
        }
    }
}

pub fn property_names(value: &Value, check: Check, path: &Path<'_>, errors: &mut Errors) {
    if let ::core::option::Option::Some(object) = value.as_object() {
        for name in object.keys() {
            check(&Value::String(::std::clone::Clone::clone(name)), &path.key(name), errors);
        }
    }
}

pub fn dependent_schemas(value: &Value, rules: &[(&str, Check)], path: &Path<'_>, errors: &mut Errors) {
    if let ::core::option::Option::Some(object) = value.as_object() {
        for (name, check) in rules {
            if object.contains_key(*name) {
                check(value, path, errors);
            }
        }
    }
}

/// `prefixItems` for the first items, `items` for the rest.
pub fn items(value: &Value, prefix: &[Check], rest: ::core::option::Option<Check>, path: &Path<'_>, errors: &mut Errors) {
    if let ::core::option::Option::Some(array) = value.as_array() {
        for (index, item) in array.iter().enumerate() {
            match (prefix.get(index).copied(), rest) {
                (::core::option::Option::Some(check), _) | (::core::option::Option::None, ::core::option::Option::Some(check)) => check(item, &path.index(index), errors),
                (::core::option::Option::None, ::core::option::Option::None) => {}
            }
        }
    }
}

/// `contains` with `minContains` and `maxContains`.
pub fn contains(value: &Value, check: Check, min: usize, max: ::core::option::Option<usize>, path: &Path<'_>, errors: &mut Errors) {
    if let ::core::option::Option::Some(array) = value.as_array() {
        let count = array.iter().filter(|item| is_valid(check, item)).count();
        if count < min {
            report(errors, path, if min == 1 { "contains" } else { "minContains" }, ::std::format!("must contain at least {min} matching items, has {count}"));
        }
        if let ::core::option::Option::Some(max) = max
            && count > max
        {
            report(errors, path, "maxContains", ::std::format!("must contain at most {max} matching items, has {count}"));
        }
    }
}

pub fn any_of(value: &Value, checks: &[Check], path: &Path<'_>, errors: &mut Errors) {
    if !checks.iter().any(|check| is_valid(*check, value)) {
        report(errors, path, "anyOf", ::std::format!("must match at least one of {} schemas, matches none", checks.len()));
    }
}

pub fn one_of(value: &Value, checks: &[Check], path: &Path<'_>, errors: &mut Errors) {
    let matches = checks.iter().filter(|check| is_valid(**check, value)).count();
    if matches != 1 {
        report(errors, path, "oneOf", ::std::format!("must match exactly one of {} schemas, matches {matches}", checks.len()));
    }
}

pub fn not(value: &Value, check: Check, path: &Path<'_>, errors: &mut Errors) {
    if is_valid(check, value) {
        report(errors, path, "not", ::std::string::ToString::to_string("must not match the schema under `not`"));
    }
}

/// `if`/`then`/`else`: the errors of the branch taken are the value's.
pub fn conditional(value: &Value, condition: Check, then: ::core::option::Option<Check>, otherwise: ::core::option::Option<Check>, path: &Path<'_>, errors: &mut Errors) {
    let branch = if is_valid(condition, value) { then } else { otherwise };
    if let ::core::option::Option::Some(check) = branch {
        check(value, path, errors);
    }
}

/// What the valid schemas applied to a value evaluated of it: the
/// annotations that `unevaluatedProperties` and `unevaluatedItems` read.
#[derive(Default)]
pub struct Evaluated<'v> {
    pub properties: ::std::collections::BTreeSet<&'v str>,
    pub items: ::std::collections::BTreeSet<usize>,
}

/// What one compiled subschema evaluates of a value it holds for.
pub type Evaluate = for<'v> fn(&'v Value, &mut Evaluated<'v>);

/// `properties`, `patternProperties` and `additionalProperties` evaluate
/// the names they apply to.
pub fn evaluate_properties<'v>(value: &'v Value, declared: &[&str], patterns: &[Matches], additional: bool, evaluated: &mut Evaluated<'v>) {
    if let ::core::option::Option::Some(object) = value.as_object() {
        for name in object.keys() {
            if additional || declared.contains(&name.as_str()) || patterns.iter().any(|matches| matches(name)) {
                evaluated.properties.insert(name);
            }
        }
    }
}

/// `prefixItems` evaluates the first `prefix` items, `items` the rest.
pub fn evaluate_items(value: &Value, prefix: usize, rest: bool, evaluated: &mut Evaluated<'_>) {
    if let ::core::option::Option::Some(array) = value.as_array() {
        let count = if rest { array.len() } else { ::core::cmp::min(prefix, array.len()) };
        evaluated.items.extend(0..count);
    }
}

/// `contains` evaluates the items it matches.
pub fn evaluate_contains(value: &Value, check: Check, evaluated: &mut Evaluated<'_>) {
    if let ::core::option::Option::Some(array) = value.as_array() {
        evaluated.items.extend(array.iter().enumerate().filter(|(_, item)| is_valid(check, item)).map(|(index, _)| index));
    }
}

/// `anyOf` and `oneOf`: only the branches that hold evaluate anything.
pub fn evaluate_valid<'v>(value: &'v Value, branches: &[(Check, Evaluate)], evaluated: &mut Evaluated<'v>) {
    for (check, evaluate) in branches {
        if is_valid(*check, value) {
            evaluate(value, evaluated);
        }
    }
}

/// `if` evaluates when it holds, and so does the branch taken.
pub fn evaluate_conditional<'v>(value: &'v Value, condition: (Check, Evaluate), then: ::core::option::Option<Evaluate>, otherwise: ::core::option::Option<Evaluate>, evaluated: &mut Evaluated<'v>) {
    let branch = if is_valid(condition.0, value) {
        (condition.1)(value, evaluated);
        then
    } else {
        otherwise
    };
    if let ::core::option::Option::Some(evaluate) = branch {
        evaluate(value, evaluated);
    }
}

/// `dependentSchemas` evaluates through the schemas its present names apply.
pub fn evaluate_dependent<'v>(value: &'v Value, rules: &[(&str, Evaluate)], evaluated: &mut Evaluated<'v>) {
    if let ::core::option::Option::Some(object) = value.as_object() {
        for (name, evaluate) in rules {
            if object.contains_key(*name) {
                evaluate(value, evaluated);
            }
        }
    }
}

/// `unevaluatedProperties` and `unevaluatedItems` evaluate everything left.
pub fn evaluate_all<'v>(value: &'v Value, properties: bool, items: bool, evaluated: &mut Evaluated<'v>) {
    match value {
        Value::Object(object) if properties => evaluated.properties.extend(object.keys().map(::std::string::String::as_str)),
        Value::Array(array) if items => evaluated.items.extend(0..array.len()),
        _ => {}
    }
}

/// `unevaluatedProperties` and `unevaluatedItems`: `siblings` says what the
/// rest of the schema evaluated; each other property or item is checked.
pub fn unevaluated(value: &Value, siblings: Evaluate, properties: ::core::option::Option<Check>, items: ::core::option::Option<Check>, path: &Path<'_>, errors: &mut Errors) {
    let mut evaluated = Evaluated::default();
    siblings(value, &mut evaluated);
    match (value, properties, items) {
        (Value::Object(object), ::core::option::Option::Some(check), _) => {
            for (name, item) in object {
                if !evaluated.properties.contains(name.as_str()) {
                    check(item, &path.key(name), errors);
                }
            }
        }
        (Value::Array(array), _, ::core::option::Option::Some(check)) => {
            for (index, item) in array.iter().enumerate() {
                if !evaluated.items.contains(&index) {
                    check(item, &path.index(index), errors);
                }
            }
        }
        _ => {}
    }
}
