//! Recursive types: a struct that contains itself, directly or through
//! other types, needs a `Box` somewhere on the cycle to have a finite size.
//!
//! Every direct (unboxed) containment edge between two types of the same
//! strongly connected component is boxed. `Vec` and maps already allocate,
//! so edges through them never need a box.

use indexmap::{IndexMap, IndexSet};

use super::{Shape, Ty, TypeKind, TypeSpace};

pub fn box_cycles(space: &mut TypeSpace) {
    let component = strongly_connected_components(space);
    let names: Vec<String> = space.types.keys().cloned().collect();
    for name in names {
        let own = component[&name];
        let def = &mut space.types[&name];
        for ty in direct_children_mut(&mut def.kind) {
            if let Shape::Named(target) = &ty.shape
                && component.get(target) == Some(&own)
            {
                ty.boxed = true;
            }
        }
    }
}

fn direct_children(kind: &TypeKind) -> Vec<&Ty> {
    match kind {
        TypeKind::Struct(s) => s.fields.iter().map(|f| &f.ty).collect(),
        TypeKind::Union(u) => u.variants.iter().map(|v| &v.ty).collect(),
        TypeKind::Alias(ty) => vec![ty],
        TypeKind::Enum(_) | TypeKind::Json(_) => Vec::new(),
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

/// Tarjan's algorithm, iterative so that long `$ref` chains cannot overflow
/// the stack. Returns each type's component number.
fn strongly_connected_components(space: &TypeSpace) -> IndexMap<String, usize> {
    let index_of: IndexMap<&str, usize> = space.types.keys().enumerate().map(|(i, k)| (k.as_str(), i)).collect();
    let edges: Vec<Vec<usize>> = space
        .types
        .values()
        .map(|def| {
            direct_children(&def.kind)
                .into_iter()
                .filter_map(|ty| match &ty.shape {
                    Shape::Named(target) => index_of.get(target.as_str()).copied(),
                    _ => None,
                })
                .collect()
        })
        .collect();
    let n = edges.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut component = vec![usize::MAX; n];
    let mut next_index = 0;
    let mut next_component = 0;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some(&mut (node, ref mut edge)) = work.last_mut() {
            if *edge == 0 && index[node] == usize::MAX {
                index[node] = next_index;
                low[node] = next_index;
                next_index += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(&next) = edges[node].get(*edge) {
                *edge += 1;
                if index[next] == usize::MAX {
                    work.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(index[next]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                let members: IndexSet<usize> =
                    std::iter::from_fn(|| stack.pop()).take_while(|&m| m != node).chain([node]).collect();
                for m in members {
                    on_stack[m] = false;
                    component[m] = next_component;
                }
                next_component += 1;
            }
        }
    }
    // A type that contains itself directly forms a cycle on its own; a lone
    // type without a self-edge gets a component no other type shares, and
    // its edges point elsewhere, so nothing of it is boxed.
    space.types.keys().cloned().zip(component).collect()
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
