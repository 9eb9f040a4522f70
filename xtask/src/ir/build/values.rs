//! Values written in a schema: `enum` and `const` of non-string schemas,
//! kept as constraints on the use, and `default`s, kept only when they fit
//! the type they belong to.
//!
//! A default is checked once every type exists (it may name a type built
//! later); one that does not fit is a spec defect: warned about, and
//! dropped from its field.

use serde_json::{Map, Value};

use super::classify::string_enum;
use crate::diagnostics::{Code, Warning};
use crate::ir::{Constraint, OtherValues, Shape, Ty, TypeKind, TypeSpace};

/// `enum` and `const` on non-string schemas, kept as value constraints.
pub(super) fn value_constraints(schema: &Map<String, Value>) -> Vec<Constraint> {
    if string_enum(schema).is_some() {
        return Vec::new();
    }
    let mut out = Vec::new();
    if let Some(Value::Array(values)) = schema.get("enum") {
        out.push(Constraint::Enum(values.clone()));
    }
    if let Some(value) = schema.get("const") {
        out.push(Constraint::Const(value.clone()));
    }
    out
}

/// Whether `value` has the shape `ty` describes; `Err` says what differs.
fn fits(space: &TypeSpace, ty: &Ty, value: &Value) -> Result<(), String> {
    let found = crate::resolve::kind_of(value);
    if value.is_null() {
        return if ty.nullable { Ok(()) } else { Err("null, but the schema is not nullable".into()) };
    }
    let expect = |ok: bool, what: &str| {
        if ok { Ok(()) } else { Err(format!("expected {what}, found {found}")) }
    };
    match &ty.shape {
        Shape::Any => Ok(()),
        Shape::Boolean => expect(value.is_boolean(), "a boolean"),
        Shape::Integer => expect(value.as_f64().is_some_and(|n| n.fract() == 0.0), "an integer"),
        Shape::Number => expect(value.is_number(), "a number"),
        Shape::String => expect(value.is_string(), "a string"),
        Shape::Map(_) => expect(value.is_object(), "a mapping"),
        Shape::Array(items) => {
            expect(value.is_array(), "a list")?;
            value.as_array().into_iter().flatten().try_for_each(|item| fits(space, items, item))
        }
        Shape::Named(name) => match space.types.get(name).map(|def| &def.kind) {
            Some(TypeKind::Struct(_)) => expect(value.is_object(), "a mapping"),
            Some(TypeKind::Enum(e)) => match value.as_str() {
                // A value the catch-all keeps but validation reports is
                // still a contradiction.
                Some(s) if e.other == OtherValues::KeptValid || e.variants.iter().any(|v| v.value == s) => Ok(()),
                Some(s) => Err(format!("`{s}` is not one of its values")),
                None => Err(format!("expected a string, found {found}")),
            },
            Some(TypeKind::Union(u)) => u
                .variants
                .iter()
                .find_map(|v| fits(space, &v.ty, value).ok())
                .ok_or_else(|| format!("matches none of the variants of `{name}`")),
            Some(TypeKind::Alias(inner)) => fits(space, inner, value),
            // Held as JSON: any value has the shape; validation judges it.
            Some(TypeKind::Json(_)) | None => Ok(()),
        },
    }
}

/// Warns about every `default` that its own schema would reject, and
/// drops it from the field it belongs to.
pub(super) fn check_defaults(space: &mut TypeSpace, defaults: &[(String, Ty, Value)], warnings: &mut Vec<Warning>) {
    let mut rejected = Vec::new();
    for (pointer, ty, value) in defaults {
        if let Err(why) = fits(space, ty, value) {
            warnings.push(Warning::at(
                Code::DefaultRejected,
                pointer,
                format!("`default` does not match its schema ({why}); ignored"),
            ));
            rejected.push(pointer.trim_end_matches("/default").to_owned());
        }
    }
    for def in space.types.values_mut() {
        if let TypeKind::Struct(s) = &mut def.kind {
            for field in &mut s.fields {
                if rejected.contains(&field.pointer) {
                    field.default = None;
                }
            }
        }
    }
}
