//! Tagged unions: a `oneOf`/`anyOf` whose branches are objects that each
//! fix one property (usually `type`) to a value of their own, by `const`,
//! a single-value `enum`, or an OpenAPI `discriminator`. Such a union is
//! read by its tag, not by trying each branch: exactly one branch can
//! apply, parse errors name that branch, and an unknown tag is kept (and
//! reported by validation) rather than failing the parse, as string enums
//! keep unknown values.

use serde_json::Value;

use super::{Shape, Tag, TypeKind, TypeSpace, UnionVariant};
use crate::resolve::ResolvedSpec;

/// The tag of a union whose variants are built, if it has one. `branches`
/// are the union's schemas (for `$ref` names the discriminator maps), in
/// variant order.
pub fn tag_of(
    space: &TypeSpace,
    variants: &[UnionVariant],
    branches: &[Value],
    discriminator: Option<&Value>,
) -> Option<Tag> {
    let structs: Vec<&super::StructDef> = variants
        .iter()
        .map(|v| match (&v.ty.shape, v.ty.nullable) {
            (Shape::Named(name), false) => match &space.types.get(name)?.kind {
                TypeKind::Struct(s) => Some(s),
                _ => None,
            },
            _ => None,
        })
        .collect::<Option<_>>()?;
    let declared = discriminator.and_then(|d| d.get("propertyName")).and_then(Value::as_str);
    let candidates: Vec<&str> = match declared {
        Some(property) => vec![property],
        None => structs.first()?.fields.iter().map(|f| f.name.as_str()).collect(),
    };
    candidates.into_iter().find_map(|property| {
        let values: Vec<String> = structs
            .iter()
            .zip(branches)
            .map(|(s, branch)| fixed_value(space, s, property).or_else(|| mapped_value(discriminator?, branch)))
            .collect::<Option<_>>()?;
        let distinct = values.iter().enumerate().all(|(i, v)| !values[..i].contains(v));
        distinct.then(|| Some(Tag { property: property.to_owned(), values, other_ident: other_ident(variants)? }))?
    })
}

/// The name of a tagged union's catch-all variant: the first of these that
/// no variant has.
pub fn other_ident(variants: &[UnionVariant]) -> Option<String> {
    let taken = |ident: &str| variants.iter().any(|v| v.ident == ident);
    ["Other", "OtherTag", "UnknownTag"].into_iter().find(|i| !taken(i)).map(str::to_owned)
}

/// The one value a struct's required property may have, if it is fixed.
fn fixed_value(space: &TypeSpace, s: &super::StructDef, property: &str) -> Option<String> {
    space.fixed_value(s.fields.iter().find(|f| f.name == property)?).map(str::to_owned)
}

/// The value an OpenAPI discriminator gives a `$ref` branch: the key that
/// maps to it, or else the referenced schema's name.
fn mapped_value(discriminator: &Value, branch: &Value) -> Option<String> {
    let reference = branch.get("$ref")?.as_str()?;
    let mapping = discriminator.get("mapping").and_then(Value::as_object);
    match mapping {
        Some(mapping) => {
            mapping.iter().find(|(_, target)| target.as_str() == Some(reference)).map(|(key, _)| key.clone())
        }
        None => ResolvedSpec::ref_name(reference),
    }
}
