//! Which JSON types a Rust type reads: what lets a union without a tag
//! pick its variant from the value's type alone, instead of trying each
//! variant in turn (serde's `untagged`, which buffers the value and builds
//! and drops an error for every variant that does not match).

use super::{JsonType, Shape, Ty, TypeKind, TypeSpace};

/// How deep unions of unions and aliases are followed.
const DEPTH: usize = 32;

/// The JSON types `ty` reads; `None` if it reads any value (JSON-held).
pub fn of(ty: &Ty, space: &TypeSpace) -> Option<Vec<JsonType>> {
    let mut kinds = of_shape(&ty.shape, space, DEPTH)?;
    if ty.nullable {
        kinds.push(JsonType::Null);
    }
    Some(kinds)
}

fn of_shape(shape: &Shape, space: &TypeSpace, depth: usize) -> Option<Vec<JsonType>> {
    Some(match shape {
        Shape::Boolean => vec![JsonType::Boolean],
        Shape::Integer => vec![JsonType::Integer],
        Shape::Number => vec![JsonType::Number],
        Shape::String => vec![JsonType::String],
        Shape::Array(_) => vec![JsonType::Array],
        Shape::Map(_) => vec![JsonType::Object],
        Shape::Any => return None,
        Shape::Named(name) => match &space.types.get(name)?.kind {
            TypeKind::Struct(_) => vec![JsonType::Object],
            TypeKind::Enum(_) => vec![JsonType::String],
            TypeKind::Json(_) => return None,
            TypeKind::Alias(inner) => of(inner, space).filter(|_| depth > 0)?,
            TypeKind::Union(u) => {
                let mut kinds = Vec::new();
                for variant in &u.variants {
                    let mut more = of_shape(&variant.ty.shape, space, depth.checked_sub(1)?)?;
                    if variant.ty.nullable {
                        more.push(JsonType::Null);
                    }
                    kinds.extend(more);
                }
                kinds
            }
        },
    })
}

/// For a union whose variants read JSON types no other variant reads, the
/// types of each; `None` if two variants share one (then only trying them
/// in order tells them apart) or one reads any value. Integers and numbers
/// count as one type here: `1` is both.
pub fn disjoint(variants: &[Ty], space: &TypeSpace) -> Option<Vec<Vec<JsonType>>> {
    let kinds: Vec<Vec<JsonType>> = variants.iter().map(|ty| of(ty, space)).collect::<Option<_>>()?;
    let mut seen = Vec::new();
    let numbers_as_one = |json: JsonType| if json == JsonType::Integer { JsonType::Number } else { json };
    for kind in kinds.iter().flatten().map(|json| numbers_as_one(*json)) {
        if seen.contains(&kind) {
            return None;
        }
        seen.push(kind);
    }
    Some(kinds)
}
