//! The type graph of a [`TypeSpace`]: node `n` is its `n`th type, and an
//! edge says that a type's definition names another.

use super::digraph::Digraph;
use crate::ir::{Shape, Ty, TypeKind, TypeSpace};

/// Which of the types a definition names are its successors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holding {
    /// Those held at any depth of lists and maps, its typed extra
    /// properties included ([`TypeKind::held`]).
    AtAnyDepth,
    /// Those held as they are, in a field, a variant or an alias: not in a
    /// list or a map, which allocate (so a cycle through one needs no `Box`).
    ByValue,
}

/// The types of `space` and the edges `holding` picks, each in the order
/// the definition names them. A name no type has is no edge.
pub fn type_graph(space: &TypeSpace, holding: Holding) -> Digraph {
    let index = |name: &str| space.types.get_index_of(name);
    let successors = space
        .types
        .values()
        .map(|def| match holding {
            Holding::AtAnyDepth => def.kind.held().into_iter().filter_map(Ty::named).filter_map(index).collect(),
            Holding::ByValue => held_by_value(&def.kind)
                .into_iter()
                .filter_map(|ty| match &ty.shape {
                    Shape::Named(name) => index(name),
                    _ => None,
                })
                .collect(),
        })
        .collect();
    Digraph::new(successors)
}

/// What a definition holds where a type could sit by value.
fn held_by_value(kind: &TypeKind) -> Vec<&Ty> {
    match kind {
        TypeKind::Struct(s) => s.fields.iter().map(|f| &f.ty).collect(),
        TypeKind::Union(u) => u.variants.iter().map(|v| &v.ty).collect(),
        TypeKind::Alias(ty) => vec![ty],
        TypeKind::Enum(_) | TypeKind::Json(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Additional, StructDef, TypeDef};

    #[test]
    fn extra_properties_and_lists_are_held_at_depth_and_fields_by_value() {
        let named = |name: &str| Ty::new(Shape::Named(name.into()));
        let field = |ty: Ty| crate::ir::Field {
            name: "f".into(),
            ident: "f".into(),
            pointer: String::new(),
            ty,
            required: true,
            doc: None,
            default: None,
        };
        let holder = StructDef {
            fields: vec![
                field(named("Leaf")),
                field(Ty::new(Shape::Array(Box::new(named("Leaf"))))),
                field(named("Gone")),
            ],
            additional: Additional::Typed(named("Holder")),
            additional_ident: "extra".into(),
            presence: Vec::new(),
        };
        let mut space = TypeSpace::default();
        for (name, kind) in [("Holder", TypeKind::Struct(holder)), ("Leaf", TypeKind::Alias(Ty::new(Shape::String)))] {
            space.types.insert(name.into(), TypeDef { name: name.into(), pointer: String::new(), doc: None, kind });
        }
        assert_eq!(type_graph(&space, Holding::AtAnyDepth).successors, [vec![1, 1, 0], vec![]]);
        assert_eq!(type_graph(&space, Holding::ByValue).successors, [vec![1], vec![]]);
    }
}
