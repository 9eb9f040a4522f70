//! Which types have anything for `validate()` to check, so that the
//! validator emitter can leave out calls into (and loops over) the rest.
//!
//! A type has checks if it carries a constraint itself (an assertion
//! keyword, a closed enum, a presence rule, forbidden extra properties) or
//! holds, at any depth, a type that does. Found by walking the "is held by"
//! edges back from the types with their own checks (the type graph of
//! [`super::graph`], reversed): linear in the size of the type space, and
//! cycles need no special case.

use indexmap::IndexSet;

use super::graph::{Holding, type_graph};
use super::{Additional, OtherValues, Shape, Ty, TypeDef, TypeKind, TypeSpace};

pub fn types_with_checks(space: &TypeSpace) -> IndexSet<String> {
    let own = space
        .types
        .values()
        .enumerate()
        .filter(|(_, def)| own_checks(def) || def.kind.held().into_iter().any(constrained))
        .map(|(index, _)| index);
    let checked = type_graph(space, Holding::AtAnyDepth).reversed().reachable_from(own);
    // Report in type order, so that nothing downstream depends on the walk.
    space.types.keys().zip(checked).filter(|(_, checked)| *checked).map(|(name, _)| name.clone()).collect()
}

fn own_checks(def: &TypeDef) -> bool {
    match &def.kind {
        TypeKind::Enum(e) => e.other == OtherValues::KeptInvalid,
        TypeKind::Struct(s) => !s.presence.is_empty() || s.additional == Additional::Forbidden,
        TypeKind::Union(u) => u.tag.is_some(),
        TypeKind::Alias(_) => false,
        TypeKind::Json(_) => true,
    }
}

/// Whether `ty` carries a constraint, itself or on its items or values.
fn constrained(ty: &Ty) -> bool {
    !ty.constraints.is_empty() || matches!(&ty.shape, Shape::Array(inner) | Shape::Map(inner) if constrained(inner))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{EnumDef, EnumVariant, Field, StructDef};

    fn strukt(name: &str, fields: Vec<Ty>) -> TypeDef {
        let fields = fields
            .into_iter()
            .map(|ty| Field {
                name: "f".into(),
                ident: "f".into(),
                pointer: String::new(),
                ty,
                required: false,
                doc: None,
                default: None,
            })
            .collect();
        let kind = TypeKind::Struct(StructDef {
            fields,
            additional: Additional::Ignored,
            additional_ident: "extra".into(),
            presence: Vec::new(),
        });
        TypeDef { name: name.into(), pointer: String::new(), doc: None, kind }
    }

    #[test]
    fn checks_propagate_to_every_holder_and_through_cycles() {
        let named = |n: &str| Ty::new(Shape::Named(n.into()));
        let closed = TypeDef {
            name: "Closed".into(),
            pointer: String::new(),
            doc: None,
            kind: TypeKind::Enum(EnumDef {
                variants: vec![EnumVariant { value: "a".into(), ident: "A".into() }],
                other: OtherValues::KeptInvalid,
            }),
        };
        let mut bounded = Ty::new(Shape::Number);
        bounded.constraints.push(crate::ir::Constraint::MaxItems(1));
        let mut space = TypeSpace::default();
        for def in [
            strukt("Plain", vec![Ty::new(Shape::String)]),
            strukt("Holder", vec![Ty::new(Shape::Array(Box::new(named("Closed"))))]),
            strukt("Outer", vec![named("Holder")]),
            strukt("Loop", vec![named("Loop"), named("Plain")]),
            strukt("LoopToCheck", vec![named("LoopToCheck"), named("Outer")]),
            strukt("Bounded", vec![bounded]),
            closed,
        ] {
            space.types.insert(def.name.clone(), def);
        }
        let checked: Vec<String> = types_with_checks(&space).into_iter().collect();
        assert_eq!(checked, ["Holder", "Outer", "LoopToCheck", "Bounded", "Closed"]);
    }
}
