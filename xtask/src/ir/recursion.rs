//! Recursive types: a struct that contains itself, directly or through
//! other types, needs a `Box` somewhere on the cycle to have a finite size.
//!
//! Every direct (unboxed) containment edge between two types of the same
//! strongly connected component ([`super::graph`]) is boxed. `Vec` and
//! maps already allocate, so edges through them never need a box.

use indexmap::IndexMap;

use super::graph::{Holding, type_graph};
use super::{Shape, Ty, TypeKind, TypeSpace};

pub fn box_cycles(space: &mut TypeSpace) {
    // A type that holds itself by value forms a cycle on its own; a lone
    // type without such an edge has a component no other type shares, and
    // its edges point elsewhere, so nothing of it is boxed.
    let components = type_graph(space, Holding::ByValue).strongly_connected_components();
    let component: IndexMap<String, usize> = space.types.keys().cloned().zip(components).collect();
    for (name, def) in &mut space.types {
        let own = component[name];
        for ty in direct_children_mut(&mut def.kind) {
            if let Shape::Named(target) = &ty.shape
                && component.get(target) == Some(&own)
            {
                ty.boxed = true;
            }
        }
    }
}

fn direct_children_mut(kind: &mut TypeKind) -> Vec<&mut Ty> {
    match kind {
        TypeKind::Struct(s) => s.fields.iter_mut().map(|f| &mut f.ty).collect(),
        TypeKind::Union(u) => u.variants.iter_mut().map(|v| &mut v.ty).collect(),
        // An alias cannot hold a Box of itself; a self-alias is rejected
        // earlier, and aliases of arrays allocate already.
        TypeKind::Alias(_) | TypeKind::Enum(_) | TypeKind::Json(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Field, StructDef, TypeDef};

    fn strukt(name: &str, fields: &[(&str, Shape)]) -> TypeDef {
        let fields = fields
            .iter()
            .map(|(f, shape)| Field {
                name: (*f).into(),
                ident: (*f).into(),
                pointer: String::new(),
                ty: Ty::new(shape.clone()),
                required: false,
                doc: None,
                default: None,
            })
            .collect();
        TypeDef {
            name: name.into(),
            pointer: String::new(),
            doc: None,
            kind: TypeKind::Struct(StructDef {
                fields,
                additional: crate::ir::Additional::Ignored,
                additional_ident: "additional_properties".into(),
                presence: Vec::new(),
            }),
        }
    }

    fn boxed(space: &TypeSpace, name: &str) -> Vec<bool> {
        match &space.types[name].kind {
            TypeKind::Struct(s) => s.fields.iter().map(|f| f.ty.boxed).collect(),
            _ => unreachable!(),
        }
    }

    #[test]
    fn cycles_are_boxed_and_the_rest_is_not() {
        let named = |n: &str| Shape::Named(n.into());
        let mut space = TypeSpace::default();
        for def in [
            strukt(
                "Tree",
                &[
                    ("left", named("Tree")),
                    ("kids", Shape::Array(Box::new(Ty::new(named("Tree"))))),
                    ("leaf", named("Leaf")),
                ],
            ),
            strukt("Leaf", &[("n", Shape::Integer)]),
            strukt("A", &[("b", named("B"))]),
            strukt("B", &[("a", named("A")), ("leaf", named("Leaf"))]),
        ] {
            space.types.insert(def.name.clone(), def);
        }
        box_cycles(&mut space);
        assert_eq!(boxed(&space, "Tree"), [true, false, false]);
        assert_eq!(boxed(&space, "A"), [true]);
        assert_eq!(boxed(&space, "B"), [true, false]);
        assert_eq!(boxed(&space, "Leaf"), [false]);
    }
}
