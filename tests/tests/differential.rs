//! Differential tests: the generated crate against a JSON Schema validator.
//!
//! The crate promises that, for any JSON instance, "parses as
//! `RealtimeSession` and `validate()` returns `Ok`" is exactly what a JSON
//! Schema validator says about the overlaid `RealtimeSession` schema. These
//! tests check that promise on instances generated from the schema itself:
//!
//! - [`Interpreter`] walks the overlaid spec (no field is named here, so the
//!   test follows the spec when it changes) and generates mostly-valid
//!   instances, then mutates some of them: wrong types, numbers on, just
//!   outside and far outside each bound, integral and non-integral floats for
//!   integers, unknown enum values, nulls, missing and unknown properties,
//!   wrong array items.
//! - `spec_verdict_equals_ours` compares our verdict with jsonschema's on the
//!   spec schema, and checks the round trip of every accepted instance.
//! - `schemars_schema_agrees_with_the_spec` compares the JSON Schema that
//!   schemars derives from the generated types with the spec schema.

mod common;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::Arc;

use jsonschema::Validator;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::strategy::{BoxedStrategy, Union};
use proptest::test_runner::{Config as ProptestConfig, TestCaseError, TestError, TestRunner};
use realtime_types_2025::{FromStrError, RealtimeSession};
use serde_json::{Map, Value, json};
use xtask::resolve::ResolvedSpec;

/// The root schema of the instances.
const ROOT: &str = "RealtimeSession";

/// Cases per property test: 10,000 in the slow tier, 2,500 otherwise.
fn cases() -> u32 {
    static CASES: std::sync::OnceLock<u32> = std::sync::OnceLock::new();
    *CASES.get_or_init(|| {
        if common::slow_tier("7,500 more instances per property (10,000 in all)") { 10_000 } else { 2_500 }
    })
}

/// Every integer the generator writes, as an integer or as an integral float,
/// stays within ±1e15, and so does every bound it derives. The generated
/// types hold integers as `i64` and read integral floats through `f64`, while
/// JSON Schema integers are unbounded: `1e19` is an integer to JSON Schema but
/// not an `i64`, and above 2^53 (about 9.007e15) an `f64` no longer holds every
/// integer. Those limits of the Rust representation are known and are not what
/// this test looks for.
const INT_LIMIT: i64 = 1_000_000_000_000_000;

/// Recursion cut for recursive schemas (this spec has none): deeper than
/// this, the generator writes `null` and the site walk stops.
const MAX_DEPTH: usize = 12;

/// Keywords the interpreter generates from and mutates.
const ASSERTIONS: &[&str] = &[
    "$ref",
    "type",
    "enum",
    "const",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minLength",
    "maxLength",
    "pattern",
    "oneOf",
    "anyOf",
];

/// Keywords without effect on validity (`format` is an annotation by default
/// in draft 2020-12, for jsonschema and for the generated crate alike).
const ANNOTATIONS: &[&str] = &[
    "description",
    "title",
    "default",
    "example",
    "examples",
    "deprecated",
    "readOnly",
    "writeOnly",
    "format",
    "$comment",
];

// ---------------------------------------------------------------------------
// The reference validators
// ---------------------------------------------------------------------------

/// The overlaid spec as one JSON Schema document: the root `$ref`s the
/// `RealtimeSession` component, and every resolved component schema sits
/// where the spec's local `$ref`s (`#/components/schemas/...`) point.
fn spec_schema(spec: &ResolvedSpec) -> Value {
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": format!("#/components/schemas/{ROOT}"),
        "components": {"schemas": spec.schemas},
    })
}

fn compile(schema: &Value) -> Validator {
    jsonschema::draft202012::new(schema).unwrap_or_else(|e| panic!("the schema compiles: {e}\n{schema:#}"))
}

/// jsonschema's errors, one per line, for a failure message.
fn schema_errors(validator: &Validator, instance: &Value) -> String {
    let errors: Vec<String> =
        validator.iter_errors(instance).map(|e| format!("  at {:?}: {e}", e.instance_path().as_str())).collect();
    if errors.is_empty() { "  (none)".to_string() } else { errors.join("\n") }
}

// ---------------------------------------------------------------------------
// Our verdict
// ---------------------------------------------------------------------------

enum Verdict {
    Accepted(Box<RealtimeSession>),
    ParseError(String),
    /// `validate()` failed: the message, and the keywords of the errors.
    Invalid(String, Vec<String>),
}

impl Verdict {
    /// Parses the instance's JSON text (as a client does) and validates it.
    fn of(instance: &Value) -> Verdict {
        match realtime_types_2025::from_str::<RealtimeSession>(&instance.to_string()) {
            Ok(session) => Verdict::Accepted(Box::new(session)),
            Err(FromStrError::Parse(error)) => Verdict::ParseError(error.to_string()),
            Err(FromStrError::Invalid(errors)) => {
                Verdict::Invalid(errors.to_string(), errors.iter().map(|e| e.keyword().to_string()).collect())
            }
        }
    }

    fn accepted(&self) -> bool {
        matches!(self, Verdict::Accepted(_))
    }

    fn describe(&self) -> String {
        match self {
            Verdict::Accepted(_) => "accepted (parses, and validate() is Ok)".into(),
            Verdict::ParseError(error) => format!("rejected: parse error: {error}"),
            Verdict::Invalid(errors, _) => format!("rejected by validate(): {errors}"),
        }
    }

    /// The class an instance is counted in.
    fn class(&self) -> String {
        match self {
            Verdict::Accepted(_) => "valid".into(),
            Verdict::ParseError(_) => "invalid: parse error".into(),
            Verdict::Invalid(_, keywords) => {
                let mut keywords = keywords.clone();
                keywords.sort();
                keywords.dedup();
                format!("invalid: validate() {}", keywords.join("+"))
            }
        }
    }
}

fn accepted(valid: bool) -> &'static str {
    if valid { "accepted" } else { "rejected" }
}

/// JSON equality with numbers compared by value: `3.0` equals `3`. The typed
/// model writes integers as integers (`3.0` comes back as `3`) and numbers as
/// floats (`1` comes back as `1.0`); both are the same JSON value.
fn json_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(x), Some(y)) => x == y,
            _ => x.as_f64() == y.as_f64(),
        },
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| json_equal(x, y)),
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| json_equal(v, w)))
        }
        _ => a == b,
    }
}

// ---------------------------------------------------------------------------
// The schema interpreter: generation
// ---------------------------------------------------------------------------

/// Generates and mutates instances of the root schema of a resolved spec.
///
/// It reads JSON Schema 2020-12 as OpenAPI 3.1 uses it. Every keyword of the
/// spec must be in [`ASSERTIONS`] or [`ANNOTATIONS`] (or be an `x-`
/// extension), else [`Interpreter::new`] panics: a keyword the interpreter
/// ignored would silently shrink what this test covers.
struct Interpreter {
    spec: ResolvedSpec,
    root: Value,
}

type Gen = Arc<Interpreter>;

impl Interpreter {
    fn new(spec: ResolvedSpec) -> Gen {
        for (name, schema) in &spec.schemas {
            check_supported(schema, &format!("#/components/schemas/{name}"));
        }
        let root = json!({"$ref": format!("#/components/schemas/{ROOT}")});
        Arc::new(Interpreter { spec, root })
    }

    /// Follows `$ref`s (whose siblings are annotations, see [`check_supported`]).
    fn resolve<'s>(&'s self, mut schema: &'s Value) -> &'s Value {
        for _ in 0..64 {
            match schema.get("$ref").and_then(Value::as_str) {
                Some(reference) => {
                    let name =
                        ResolvedSpec::ref_name(reference).unwrap_or_else(|| panic!("not a local $ref: {reference}"));
                    schema = &self.spec.schemas[&name];
                }
                None => return schema,
            }
        }
        panic!("a $ref cycle without a schema in it")
    }

    /// Instances: valid ones from the schema, then, for most of them, one to
    /// three mutations. Shrinking drops mutations and simplifies the rest.
    fn instances(self: &Gen) -> BoxedStrategy<Value> {
        let mutations = prop_oneof![2 => Just(Vec::new()), 3 => vec(mutation(), 1..=3)];
        let this = Arc::clone(self);
        (self.valid(&self.root, 0), mutations)
            .prop_map(move |(mut instance, mutations)| {
                for mutation in &mutations {
                    this.mutate(&mut instance, mutation);
                }
                instance
            })
            .boxed()
    }

    /// Values that `schema` accepts (up to keywords no value of this
    /// generator can meet, which the validators then judge).
    fn valid(&self, schema: &Value, depth: usize) -> BoxedStrategy<Value> {
        let schema = self.resolve(schema);
        if depth > MAX_DEPTH {
            return Just(Value::Null).boxed();
        }
        if let Some(value) = schema.get("const") {
            return Just(value.clone()).boxed();
        }
        if let Some(values) = schema.get("enum").and_then(Value::as_array) {
            return select(values.clone()).boxed();
        }
        if let Some(branches) = branches(schema) {
            let options: Vec<_> =
                branches.iter().map(|branch| self.valid(&self.merge(schema, branch), depth + 1)).collect();
            return Union::new(options).boxed();
        }
        let types = declared_types(schema).unwrap_or_else(|| inferred_types(schema));
        if types.is_empty() {
            return arbitrary_json();
        }
        let options: Vec<_> = types
            .iter()
            .map(|ty| {
                let strategy = match *ty {
                    "null" => Just(Value::Null).boxed(),
                    "boolean" => any::<bool>().prop_map(Value::Bool).boxed(),
                    "integer" => integer(schema),
                    "number" => number(schema),
                    "string" => string(schema),
                    "array" => self.array(schema, depth),
                    "object" => self.object(schema, depth),
                    other => panic!("unknown type {other:?}"),
                };
                (if *ty == "null" { 1 } else { 4 }, strategy)
            })
            .collect();
        Union::new_weighted(options).boxed()
    }

    /// A `oneOf`/`anyOf` branch with its parent's other keywords (those the
    /// branch does not set itself), so `{type: object, oneOf: [...]}` works.
    fn merge(&self, parent: &Value, branch: &Value) -> Value {
        let mut merged = self.resolve(branch).clone();
        if let (Some(parent), Some(merged)) = (parent.as_object(), merged.as_object_mut()) {
            for (key, value) in parent {
                if !matches!(key.as_str(), "oneOf" | "anyOf") && !ANNOTATIONS.contains(&key.as_str()) {
                    merged.entry(key.clone()).or_insert_with(|| value.clone());
                }
            }
        }
        merged
    }

    fn array(&self, schema: &Value, depth: usize) -> BoxedStrategy<Value> {
        let items = match schema.get("items") {
            Some(items) => self.valid(items, depth + 1),
            None => arbitrary_json(),
        };
        let min = usize_keyword(schema, "minItems").unwrap_or(0);
        let max = usize_keyword(schema, "maxItems").unwrap_or(usize::MAX).min(min + 3).max(min);
        let unique = schema.get("uniqueItems") == Some(&Value::Bool(true));
        vec(items, min..=max)
            .prop_map(move |mut items| {
                if unique {
                    let mut seen: Vec<Value> = Vec::new();
                    items.retain(|item| {
                        let new = !seen.iter().any(|s| json_equal(s, item));
                        seen.push(item.clone());
                        new
                    });
                }
                Value::Array(items)
            })
            .boxed()
    }

    /// Declared properties (each optional one present half the time), and
    /// sometimes properties the schema does not declare, as
    /// `additionalProperties` allows.
    fn object(&self, schema: &Value, depth: usize) -> BoxedStrategy<Value> {
        let properties = schema.get("properties").and_then(Value::as_object);
        let required: Vec<&str> =
            schema.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
        let mut slots: Vec<BoxedStrategy<Option<(String, Value)>>> = Vec::new();
        for (name, property) in properties.into_iter().flatten() {
            let value = self.valid(property, depth + 1);
            let name = name.clone();
            slots.push(if required.contains(&name.as_str()) {
                value.prop_map(move |v| Some((name.clone(), v))).boxed()
            } else {
                prop::option::weighted(0.5, value).prop_map(move |v| v.map(|v| (name.clone(), v))).boxed()
            });
        }
        let declared: Vec<String> = properties.into_iter().flatten().map(|(name, _)| name.clone()).collect();
        let extras = match schema.get("additionalProperties") {
            Some(Value::Bool(false)) => Just(Vec::new()).boxed(),
            Some(additional @ Value::Object(_)) => {
                vec((unknown_key(), self.valid(additional, depth + 1)), 0..=2).boxed()
            }
            _ if declared.is_empty() => vec(("[a-z_]{1,6}", arbitrary_json()), 0..=3).boxed(),
            _ => prop_oneof![4 => Just(Vec::new()), 1 => vec((unknown_key(), arbitrary_json()), 1..=2)].boxed(),
        };
        (slots, extras)
            .prop_map(move |(slots, extras)| {
                let mut object: Map<String, Value> = slots.into_iter().flatten().collect();
                for (key, value) in extras {
                    if !declared.contains(&key) {
                        object.entry(key).or_insert(value);
                    }
                }
                Value::Object(object)
            })
            .boxed()
    }
}

/// Each schema keyword is one the interpreter knows; `$ref` has only
/// annotations beside it.
fn check_supported(schema: &Value, pointer: &str) {
    let Some(object) = schema.as_object() else {
        assert!(schema.is_boolean(), "{pointer}: a schema is an object or a boolean");
        return;
    };
    for (key, value) in object {
        let known = ASSERTIONS.contains(&key.as_str()) || ANNOTATIONS.contains(&key.as_str()) || key.starts_with("x-");
        assert!(known, "{pointer}: the differential test's generator does not know the keyword `{key}`; teach it");
        if key.starts_with("exclusive") {
            assert!(value.is_number(), "{pointer}/{key}: a number (OpenAPI 3.1), not a 3.0 boolean");
        }
        if object.contains_key("$ref") {
            assert!(
                key == "$ref" || ANNOTATIONS.contains(&key.as_str()) || key.starts_with("x-"),
                "{pointer}: `{key}` beside `$ref` is not supported by the generator"
            );
        }
    }
    if let Some(properties) = object.get("properties").and_then(Value::as_object) {
        for (name, property) in properties {
            check_supported(property, &format!("{pointer}/properties/{name}"));
        }
    }
    for key in ["items", "additionalProperties"] {
        if let Some(sub) = object.get(key).filter(|s| s.is_object()) {
            check_supported(sub, &format!("{pointer}/{key}"));
        }
    }
    for key in ["oneOf", "anyOf"] {
        for (i, branch) in object.get(key).and_then(Value::as_array).into_iter().flatten().enumerate() {
            check_supported(branch, &format!("{pointer}/{key}/{i}"));
        }
    }
}

fn branches(schema: &Value) -> Option<&Vec<Value>> {
    schema.get("oneOf").or_else(|| schema.get("anyOf")).and_then(Value::as_array)
}

/// `type`, as a list.
fn declared_types(schema: &Value) -> Option<Vec<&str>> {
    match schema.get("type")? {
        Value::String(ty) => Some(vec![ty.as_str()]),
        Value::Array(types) => Some(types.iter().filter_map(Value::as_str).collect()),
        _ => None,
    }
}

/// The type that a schema without `type` constrains, if its keywords say; an
/// empty list means any JSON value.
fn inferred_types(schema: &Value) -> Vec<&'static str> {
    let has = |keys: &[&str]| keys.iter().any(|k| schema.get(*k).is_some());
    if has(&["properties", "required", "additionalProperties"]) {
        vec!["object"]
    } else if has(&["items", "minItems", "maxItems", "uniqueItems"]) {
        vec!["array"]
    } else if has(&["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"]) {
        vec!["number"]
    } else if has(&["minLength", "maxLength", "pattern"]) {
        vec!["string"]
    } else {
        Vec::new()
    }
}

fn usize_keyword(schema: &Value, key: &str) -> Option<usize> {
    schema.get(key).and_then(Value::as_u64).map(|n| n as usize)
}

fn f64_keyword(schema: &Value, key: &str) -> Option<f64> {
    schema.get(key).and_then(Value::as_f64)
}

fn clamp(i: i64) -> i64 {
    i.clamp(-INT_LIMIT, INT_LIMIT)
}

/// Integers in the bounds: the bounds themselves, small values, anything
/// between; one in eight written as an integral float (`3.0`), which JSON
/// Schema counts as an integer.
fn integer(schema: &Value) -> BoxedStrategy<Value> {
    let mut lo = -INT_LIMIT;
    let mut hi = INT_LIMIT;
    if let Some(min) = f64_keyword(schema, "minimum") {
        lo = lo.max(min.ceil() as i64);
    }
    if let Some(min) = f64_keyword(schema, "exclusiveMinimum") {
        lo = lo.max(min.floor() as i64 + 1);
    }
    if let Some(max) = f64_keyword(schema, "maximum") {
        hi = hi.min(max.floor() as i64);
    }
    if let Some(max) = f64_keyword(schema, "exclusiveMaximum") {
        hi = hi.min(max.ceil() as i64 - 1);
    }
    let hi = hi.max(lo);
    let small = (lo.max(-3), hi.min(1000).max(lo.max(-3)));
    let factor = schema.get("multipleOf").and_then(Value::as_i64).filter(|m| *m > 0);
    let ints = prop_oneof![Just(lo), Just(hi), small.0..=small.1, lo..=hi];
    (ints, 0..8u8)
        .prop_map(move |(i, form)| {
            let i = factor.map_or(i, |m| clamp((i / m) * m));
            if form == 0 { json!(i as f64) } else { json!(i) }
        })
        .boxed()
}

/// Numbers in the bounds: exactly the bounds, anything between, and integers
/// (a number may be written `1`).
fn number(schema: &Value) -> BoxedStrategy<Value> {
    let limit = INT_LIMIT as f64;
    let lo = f64_keyword(schema, "minimum")
        .or_else(|| f64_keyword(schema, "exclusiveMinimum").map(f64::next_up))
        .unwrap_or(-1e6)
        .max(-limit);
    let hi = f64_keyword(schema, "maximum")
        .or_else(|| f64_keyword(schema, "exclusiveMaximum").map(f64::next_down))
        .unwrap_or(1e6)
        .min(limit)
        .max(lo);
    let factor = f64_keyword(schema, "multipleOf").filter(|m| *m > 0.0);
    let between = if lo < hi { (lo..=hi).boxed() } else { Just(lo).boxed() };
    let int_range = (lo.ceil() as i64, hi.floor() as i64);
    let ints = if int_range.0 <= int_range.1 {
        (int_range.0..=int_range.1).prop_map(|i| json!(i)).boxed()
    } else {
        between.clone().prop_map(|f| json!(f)).boxed()
    };
    prop_oneof![
        1 => Just(json!(lo)),
        1 => Just(json!(hi)),
        4 => between.prop_map(move |f| json!(factor.map_or(f, |m| (f / m).round() * m))),
        1 => ints,
    ]
    .boxed()
}

fn string(schema: &Value) -> BoxedStrategy<Value> {
    if let Some(pattern) = schema.get("pattern").and_then(Value::as_str) {
        // Rust regex syntax is close to ECMA 262 for the patterns specs use.
        if let Ok(strategy) = proptest::string::string_regex(pattern) {
            return strategy.prop_map(Value::String).boxed();
        }
    }
    let min = usize_keyword(schema, "minLength").unwrap_or(0);
    let max = usize_keyword(schema, "maxLength").unwrap_or(usize::MAX).min(min + 12).max(min);
    let chars = prop_oneof![20 => proptest::char::range('a', 'z'), 2 => Just(' '), 1 => any::<char>()];
    vec(chars, min..=max).prop_map(|chars| Value::String(chars.into_iter().collect())).boxed()
}

/// A property name that no schema of this spec declares.
fn unknown_key() -> impl Strategy<Value = String> {
    "x_[a-z]{1,5}"
}

/// Small arbitrary JSON, for free-form objects and for mutations.
fn arbitrary_json() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-5i64..=5).prop_map(Value::from),
        (-INT_LIMIT..=INT_LIMIT).prop_map(Value::from),
        (-1e6..1e6f64).prop_map(Value::from),
        "[a-z ]{0,6}".prop_map(Value::String),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..3).prop_map(Value::Array),
            vec(("[a-z]{1,4}", inner), 0..3).prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
    .boxed()
}

// ---------------------------------------------------------------------------
// The schema interpreter: mutation
// ---------------------------------------------------------------------------

/// One edit of an instance, chosen by indices into what the instance offers
/// when it is applied: a site (a value, or an absent declared property), a
/// kind of mutation that the site's schema makes meaningful, and a candidate
/// of that kind. `value` and `name` are raw material for the edit.
#[derive(Debug, Clone)]
struct Mutation {
    site: Index,
    kind: Index,
    pick: Index,
    value: Value,
    name: String,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    (any::<Index>(), any::<Index>(), any::<Index>(), arbitrary_json(), "[a-z]{1,5}")
        .prop_map(|(site, kind, pick, value, name)| Mutation { site, kind, pick, value, name })
}

#[derive(Debug, Clone, PartialEq)]
enum Seg {
    Key(String),
    Index(usize),
}

enum Shape {
    Absent,
    Object,
    Array(usize),
    Scalar,
}

/// A place in an instance, with the schema that governs it.
struct Site<'s> {
    path: Vec<Seg>,
    schema: &'s Value,
    shape: Shape,
}

enum Op {
    /// Sets the value (inserting a property or appending an item if needed).
    Set(Value),
    /// Removes the property or the item.
    Remove,
    /// Keeps the first `n` items of the array.
    Truncate(usize),
    /// Appends a copy of the array's first item.
    Duplicate,
}

/// What a site's schema says, collected over its `$ref`s and branches.
#[derive(Default)]
struct Facts<'s> {
    /// No type restriction: any JSON value has an allowed type.
    any_type: bool,
    types: Vec<&'s str>,
    /// `enum` and `const` values.
    listed: Vec<&'s Value>,
    /// Numeric bounds, each with whether its schema is `integer`.
    bounds: Vec<(f64, bool)>,
    integer: bool,
    number: bool,
    lengths: Vec<usize>,
    item_counts: Vec<usize>,
    unique: bool,
    items: Option<&'s Value>,
    declared: Vec<&'s str>,
}

impl Facts<'_> {
    /// Whether the value's JSON type is one the schema allows.
    fn admits_type(&self, value: &Value) -> bool {
        if self.any_type {
            return true;
        }
        let ty = json_type(value);
        self.types.iter().any(|t| *t == ty || (*t == "number" && ty == "integer"))
    }
}

fn json_type(value: &Value) -> &'static str {
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

impl Interpreter {
    /// Picks a kind of mutation among those some site of the instance
    /// offers, then a site that offers it, then a candidate edit: every kind
    /// gets its share, however many sites offer it.
    fn mutate(&self, instance: &mut Value, mutation: &Mutation) {
        let sites: Vec<(Site<'_>, Facts<'_>)> = self
            .sites(instance)
            .into_iter()
            .map(|site| {
                let facts = self.facts(site.schema);
                (site, facts)
            })
            .collect();
        let offered: Vec<Kind> =
            Kind::ALL.into_iter().filter(|kind| sites.iter().any(|(site, facts)| kind.applies(site, facts))).collect();
        let kind = *mutation.kind.get(&offered);
        let candidates: Vec<&(Site<'_>, Facts<'_>)> =
            sites.iter().filter(|(site, facts)| kind.applies(site, facts)).collect();
        let (site, facts) = *mutation.site.get(&candidates);
        let edits = self.edits(kind, site, facts, mutation);
        if let Some((path, op)) = (!edits.is_empty()).then(|| mutation.pick.get(&edits)) {
            apply(instance, path, op);
        }
    }

    /// Every value of the instance that a schema governs, and every declared
    /// property that is absent, in document order.
    fn sites(&self, instance: &Value) -> Vec<Site<'_>> {
        let mut sites = Vec::new();
        self.collect_sites(Some(instance), &self.root, &mut Vec::new(), &mut sites);
        sites
    }

    fn collect_sites<'s>(
        &'s self,
        value: Option<&Value>,
        schema: &'s Value,
        path: &mut Vec<Seg>,
        out: &mut Vec<Site<'s>>,
    ) {
        let shape = match value {
            None => Shape::Absent,
            Some(Value::Object(_)) => Shape::Object,
            Some(Value::Array(items)) => Shape::Array(items.len()),
            Some(_) => Shape::Scalar,
        };
        out.push(Site { path: path.clone(), schema, shape });
        let Some(value) = value else { return };
        if path.len() > MAX_DEPTH {
            return;
        }
        let Some(structure) = self.structure(schema, value, 0) else { return };
        match value {
            Value::Object(object) => {
                for (name, property) in structure["properties"].as_object().into_iter().flatten() {
                    path.push(Seg::Key(name.clone()));
                    self.collect_sites(object.get(name), property, path, out);
                    path.pop();
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    path.push(Seg::Index(i));
                    self.collect_sites(Some(item), &structure["items"], path, out);
                    path.pop();
                }
            }
            _ => {}
        }
    }

    /// The schema (itself or a branch) that declares the properties of an
    /// object value or the items of an array value.
    fn structure<'s>(&'s self, schema: &'s Value, value: &Value, depth: usize) -> Option<&'s Value> {
        let schema = self.resolve(schema);
        let key = match value {
            Value::Object(_) => "properties",
            Value::Array(_) => "items",
            _ => return None,
        };
        if schema.get(key).is_some() {
            return Some(schema);
        }
        if depth > MAX_DEPTH {
            return None;
        }
        branches(schema)?.iter().find_map(|branch| self.structure(branch, value, depth + 1))
    }

    fn facts<'s>(&'s self, schema: &'s Value) -> Facts<'s> {
        let mut facts = Facts::default();
        self.collect_facts(schema, &mut facts, true, 0);
        facts
    }

    fn collect_facts<'s>(&'s self, schema: &'s Value, facts: &mut Facts<'s>, with_types: bool, depth: usize) {
        let schema = self.resolve(schema);
        let own_types = declared_types(schema);
        let listed: Vec<&Value> =
            schema.get("enum").and_then(Value::as_array).into_iter().flatten().chain(schema.get("const")).collect();
        let sub = branches(schema);
        // The allowed types: `type`, else those of the listed values, else
        // the branches' (below), else what the keywords imply, else any.
        if with_types {
            match &own_types {
                Some(types) => facts.types.extend(types),
                None if !listed.is_empty() => facts.types.extend(listed.iter().map(|v| json_type(v))),
                None if sub.is_some() => {}
                None => {
                    let inferred = inferred_types(schema);
                    facts.any_type |= inferred.is_empty();
                    facts.types.extend(inferred);
                }
            }
        }
        let branch_types = with_types && own_types.is_none() && listed.is_empty();
        facts.listed.extend(listed);
        let types = own_types.clone().unwrap_or_default();
        let integer = types.contains(&"integer") && !types.contains(&"number");
        facts.integer |= types.contains(&"integer");
        facts.number |= types.contains(&"number");
        for key in ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"] {
            if let Some(bound) = f64_keyword(schema, key) {
                facts.bounds.push((bound, integer));
            }
        }
        facts.lengths.extend(["minLength", "maxLength"].iter().filter_map(|k| usize_keyword(schema, k)));
        facts.item_counts.extend(["minItems", "maxItems"].iter().filter_map(|k| usize_keyword(schema, k)));
        facts.unique |= schema.get("uniqueItems") == Some(&Value::Bool(true));
        if facts.items.is_none() {
            facts.items = schema.get("items");
        }
        facts
            .declared
            .extend(schema.get("properties").and_then(Value::as_object).into_iter().flatten().map(|(k, _)| k.as_str()));
        if depth <= MAX_DEPTH {
            for branch in sub.into_iter().flatten() {
                self.collect_facts(branch, facts, branch_types, depth + 1);
            }
        }
    }

    /// The candidate edits of one kind at a site.
    fn edits(&self, kind: Kind, site: &Site<'_>, facts: &Facts<'_>, m: &Mutation) -> Vec<(Vec<Seg>, Op)> {
        let here = |op: Op| (site.path.clone(), op);
        let child = |seg: Seg, value: Value| {
            let mut path = site.path.clone();
            path.push(seg);
            (path, Op::Set(value))
        };
        let set_here = |values: Vec<Value>| values.into_iter().map(|v| here(Op::Set(v))).collect();
        match kind {
            Kind::Null => vec![here(Op::Set(Value::Null))],
            Kind::WrongType => set_here(wrong_types(facts, m)),
            Kind::Number => set_here(numbers(facts)),
            Kind::Unlisted => set_here(unlisted(facts, m)),
            Kind::Length => set_here(
                facts
                    .lengths
                    .iter()
                    .flat_map(|&l| [l.saturating_sub(1), l + 1])
                    .map(|l| json!("é".repeat(l)))
                    .collect(),
            ),
            Kind::Remove => vec![here(Op::Remove)],
            Kind::UnknownProperty => {
                let mut key = format!("x_{}", m.name);
                while facts.declared.contains(&key.as_str()) {
                    key.push('_');
                }
                vec![child(Seg::Key(key.clone()), m.value.clone()), child(Seg::Key(key), json!({}))]
            }
            Kind::BadItem => {
                let Shape::Array(len) = site.shape else { return Vec::new() };
                // Without `items`, any item is allowed.
                let bad = match facts.items {
                    Some(items) => {
                        let item_facts = self.facts(items);
                        let mut bad = wrong_types(&item_facts, m);
                        bad.extend(unlisted(&item_facts, m));
                        bad.extend(numbers(&item_facts));
                        bad
                    }
                    None => vec![m.value.clone()],
                };
                bad.into_iter().map(|v| child(Seg::Index(len), v)).collect()
            }
            Kind::ItemCount => {
                let Shape::Array(len) = site.shape else { return Vec::new() };
                let mut edits: Vec<_> = facts
                    .item_counts
                    .iter()
                    .filter(|&&n| n > 0 && n <= len)
                    .map(|&n| here(Op::Truncate(n - 1)))
                    .collect();
                if len > 0 {
                    edits.push(here(Op::Duplicate));
                }
                edits
            }
        }
    }
}

/// The kinds of mutation.
#[derive(Debug, Clone, Copy)]
enum Kind {
    /// `null`, whether or not the schema allows it.
    Null,
    /// A value of a type the schema does not allow.
    WrongType,
    /// Numbers on, just outside and far outside each bound.
    Number,
    /// Values an enum does not list.
    Unlisted,
    /// Strings one code point too short or too long.
    Length,
    /// A missing property, or a missing array item.
    Remove,
    /// A property that the schema does not declare.
    UnknownProperty,
    /// An array item of the wrong type, out of bounds, or not listed.
    BadItem,
    /// Too few items, or one more (too many, or a duplicate).
    ItemCount,
}

impl Kind {
    const ALL: [Kind; 9] = [
        Kind::Null,
        Kind::WrongType,
        Kind::Number,
        Kind::Unlisted,
        Kind::Length,
        Kind::Remove,
        Kind::UnknownProperty,
        Kind::BadItem,
        Kind::ItemCount,
    ];

    /// Whether the site offers this kind (cheap; the edits may still be none).
    fn applies(self, site: &Site<'_>, facts: &Facts<'_>) -> bool {
        match self {
            Kind::Null => true,
            Kind::WrongType => !facts.any_type,
            Kind::Number => facts.integer || facts.number || !facts.bounds.is_empty(),
            Kind::Unlisted => !facts.listed.is_empty(),
            Kind::Length => !facts.lengths.is_empty(),
            Kind::Remove => !matches!(site.shape, Shape::Absent) && !site.path.is_empty(),
            Kind::UnknownProperty => matches!(site.shape, Shape::Object),
            Kind::BadItem => matches!(site.shape, Shape::Array(_)),
            Kind::ItemCount => matches!(site.shape, Shape::Array(_)) && (facts.unique || !facts.item_counts.is_empty()),
        }
    }
}

/// Values whose JSON type the schema does not allow.
fn wrong_types(facts: &Facts<'_>, m: &Mutation) -> Vec<Value> {
    [
        json!(true),
        json!(7),
        json!(2.5),
        json!("text"),
        json!([]),
        json!([1]),
        json!({}),
        json!({"k": 1}),
        m.value.clone(),
    ]
    .into_iter()
    .filter(|v| !facts.admits_type(v))
    .collect()
}

/// Numbers around each bound (for an integer: the bound, one off on each
/// side, 1e6 off, the same as integral floats `4096.0`, `4097.0`, and
/// non-integral ones `4096.5`; for a number: the bound, the next floats on
/// each side, 1e6 off, and the bound written as an integer), and, for any
/// numeric schema, extremes and special values.
fn numbers(facts: &Facts<'_>) -> Vec<Value> {
    let mut out = Vec::new();
    for &(bound, integer) in &facts.bounds {
        if integer {
            let b = clamp(bound as i64);
            for i in [b, b - 1, b + 1, b - 1_000_000, b + 1_000_000] {
                out.push(json!(clamp(i)));
            }
            let f = b as f64;
            for x in [f, f - 1.0, f + 1.0, f - 0.5, f + 0.5] {
                out.push(json!(x));
            }
        } else {
            for x in [bound, bound.next_down(), bound.next_up(), bound - 1e6, bound + 1e6] {
                out.push(json!(x));
            }
            if bound.fract() == 0.0 && bound.abs() <= INT_LIMIT as f64 {
                out.push(json!(bound as i64));
            }
        }
    }
    if facts.integer || facts.number || !facts.bounds.is_empty() {
        let limit = INT_LIMIT as f64;
        out.extend([json!(-INT_LIMIT), json!(INT_LIMIT), json!(-limit), json!(limit), json!(0), json!(-0.0)]);
        out.extend([json!(0.5), json!(3.0), json!(5e-324), json!(-1.5)]);
    }
    out
}

/// Strings near the listed ones (case, suffix, prefix), the empty string,
/// and an arbitrary value, minus whatever the schema does list.
fn unlisted(facts: &Facts<'_>, m: &Mutation) -> Vec<Value> {
    if facts.listed.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for listed in &facts.listed {
        if let Some(s) = listed.as_str() {
            out.push(s.to_uppercase());
            out.push(format!("{s}_x"));
            out.push(s.chars().skip(1).collect());
        }
    }
    out.push(String::new());
    out.push(format!("x-{}", m.name));
    out.into_iter()
        .map(Value::String)
        .chain([m.value.clone()])
        .filter(|v| !facts.listed.iter().any(|l| json_equal(l, v)))
        .collect()
}

fn navigate_mut<'v>(mut value: &'v mut Value, path: &[Seg]) -> Option<&'v mut Value> {
    for seg in path {
        value = match (value, seg) {
            (Value::Object(object), Seg::Key(key)) => object.get_mut(key)?,
            (Value::Array(items), Seg::Index(i)) => items.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(value)
}

/// Applies an edit; an edit whose place no longer exists does nothing.
fn apply(instance: &mut Value, path: &[Seg], op: &Op) {
    match op {
        Op::Truncate(n) => {
            if let Some(Value::Array(items)) = navigate_mut(instance, path) {
                items.truncate(*n);
            }
        }
        Op::Duplicate => {
            if let Some(Value::Array(items)) = navigate_mut(instance, path)
                && let Some(first) = items.first().cloned()
            {
                items.push(first);
            }
        }
        Op::Set(value) => {
            let Some((last, parent)) = path.split_last() else {
                *instance = value.clone();
                return;
            };
            match (navigate_mut(instance, parent), last) {
                (Some(Value::Object(object)), Seg::Key(key)) => {
                    object.insert(key.clone(), value.clone());
                }
                (Some(Value::Array(items)), Seg::Index(i)) if *i < items.len() => items[*i] = value.clone(),
                (Some(Value::Array(items)), Seg::Index(i)) if *i == items.len() => items.push(value.clone()),
                _ => {}
            }
        }
        Op::Remove => {
            let Some((last, parent)) = path.split_last() else { return };
            match (navigate_mut(instance, parent), last) {
                (Some(Value::Object(object)), Seg::Key(key)) => {
                    object.remove(key);
                }
                (Some(Value::Array(items)), Seg::Index(i)) if *i < items.len() => {
                    items.remove(*i);
                }
                _ => {}
            }
        }
    }
}

// ---------------------------------------------------------------------------
// The property tests
// ---------------------------------------------------------------------------

fn runner() -> TestRunner {
    TestRunner::new(ProptestConfig {
        cases: cases(),
        // A failure prints its instance; writing proptest-regressions/ into
        // the source tree would leave a file behind.
        failure_persistence: None,
        ..ProptestConfig::default()
    })
}

/// Panics with the failure message and the minimal failing instance.
fn check_outcome(result: Result<(), TestError<Value>>) {
    match result {
        Ok(()) => {}
        Err(TestError::Fail(reason, instance)) => {
            panic!("{reason}\n\nminimal failing instance after shrinking:\n{instance}")
        }
        Err(TestError::Abort(reason)) => panic!("aborted: {reason}"),
    }
}

/// Prints the classes, and asserts that valid and invalid instances are
/// each at least a fifth of the cases.
fn report_counts(test: &str, counts: &BTreeMap<String, usize>) {
    let total: usize = counts.values().sum();
    let valid = counts.get("valid").copied().unwrap_or(0);
    let invalid = total - valid;
    eprintln!("{test}: {total} instances: {valid} valid, {invalid} invalid");
    for (class, count) in counts {
        eprintln!("  {count:6}  {class}");
    }
    assert_eq!(total, cases() as usize);
    assert!(valid * 5 >= total, "{test}: only {valid} of {total} instances are valid");
    assert!(invalid * 5 >= total, "{test}: only {invalid} of {total} instances are invalid");
}

/// (a) Our verdict equals jsonschema's on the overlaid spec, for every
/// instance; (b) an accepted instance survives the round trip: it serializes
/// to its known part (unknown properties removed, numbers compared by value)
/// and parses back to an equal value.
#[test]
fn spec_verdict_equals_ours() {
    let spec = common::resolved_spec();
    let reference = compile(&spec_schema(&spec));
    let interpreter = Interpreter::new(spec);
    let counts = RefCell::new(BTreeMap::<String, usize>::new());
    let result = runner().run(&interpreter.instances(), |instance| {
        let ours = Verdict::of(&instance);
        let theirs = reference.is_valid(&instance);
        if ours.accepted() != theirs {
            return Err(TestCaseError::fail(format!(
                "our verdict differs from jsonschema's on the overlaid spec\n\
                 instance: {instance}\n\
                 ours: {}\n\
                 jsonschema: {}\n\
                 jsonschema's errors:\n{}",
                ours.describe(),
                accepted(theirs),
                schema_errors(&reference, &instance),
            )));
        }
        // Parsing the JSON text and parsing the `Value` agree.
        let from_value = serde_json::from_value::<RealtimeSession>(instance.clone());
        let consistent = match (&ours, &from_value) {
            (Verdict::ParseError(_), Err(_)) => true,
            (Verdict::Accepted(parsed), Ok(value)) => **parsed == *value,
            (Verdict::Invalid(..), Ok(_)) => true,
            _ => false,
        };
        if !consistent {
            return Err(TestCaseError::fail(format!(
                "from_str and from_value disagree\ninstance: {instance}\nfrom_str: {}\nfrom_value: {from_value:?}",
                ours.describe()
            )));
        }
        if let Verdict::Accepted(parsed) = &ours {
            let written = serde_json::to_value(parsed).map_err(|e| TestCaseError::fail(format!("serialize: {e}")))?;
            let expected = common::known_part(&instance, &interpreter.root, &interpreter.spec);
            if !json_equal(&written, &expected) {
                return Err(TestCaseError::fail(format!(
                    "the round trip changes a known property\ninstance: {instance}\nknown part: {expected}\nwritten: {written}"
                )));
            }
            let reparsed = serde_json::from_value::<RealtimeSession>(written.clone());
            if reparsed.as_ref().ok() != Some(&**parsed) {
                return Err(TestCaseError::fail(format!(
                    "parse -> serialize -> parse is not the identity\ninstance: {instance}\nwritten: {written}\n\
                     first parse: {parsed:?}\nsecond parse: {reparsed:?}"
                )));
            }
        }
        *counts.borrow_mut().entry(ours.class()).or_default() += 1;
        Ok(())
    });
    check_outcome(result);
    report_counts("spec_verdict_equals_ours", &counts.borrow());
}

/// The schema that schemars derives from the generated types accepts and
/// rejects the same instances as the overlaid spec.
#[test]
fn schemars_schema_agrees_with_the_spec() {
    let spec = common::resolved_spec();
    let reference = compile(&spec_schema(&spec));
    let derived_schema = serde_json::to_value(schemars::schema_for!(RealtimeSession)).unwrap();
    let derived = compile(&derived_schema);
    let interpreter = Interpreter::new(spec);
    let counts = RefCell::new(BTreeMap::<String, usize>::new());
    let result = runner().run(&interpreter.instances(), |instance| {
        let theirs = reference.is_valid(&instance);
        let schemars = derived.is_valid(&instance);
        if theirs != schemars {
            return Err(TestCaseError::fail(format!(
                "the schemars schema and the spec schema disagree\n\
                 instance: {instance}\n\
                 spec schema: {}\n{}\n\
                 schemars schema: {}\n{}",
                accepted(theirs),
                schema_errors(&reference, &instance),
                accepted(schemars),
                schema_errors(&derived, &instance),
            )));
        }
        let class = if theirs { "valid" } else { "invalid" };
        *counts.borrow_mut().entry(class.to_string()).or_default() += 1;
        Ok(())
    });
    check_outcome(result);
    report_counts("schemars_schema_agrees_with_the_spec", &counts.borrow());
}
