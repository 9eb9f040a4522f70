//! `$ref` cycles made of aliases only.
//!
//! A component that is a `$ref` (or an `allOf` around one) becomes a type
//! alias, and so does one that is a list or map of a `$ref`. Rust cannot
//! alias a type to itself: `type A = B; type B = A;` names no type, and
//! `type List = Vec<List>;` is refused too. A cycle with a list or map on it
//! describes real values (lists of lists), so it is held as JSON and
//! checked by compiled code; a cycle of bare references describes nothing
//! and is an error.
//!
//! Each alias names at most one other type, so the aliases form a graph
//! where every node has at most one successor, and one walk per node,
//! remembering what earlier walks saw, finds every cycle in linear time.

use indexmap::IndexMap;

use super::{Shape, Ty, TypeKind, TypeSpace};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasCycle {
    /// The aliases on the cycle, in the order the references run.
    pub names: Vec<String>,
    /// Whether a list or a map lies on the cycle.
    pub through_container: bool,
}

/// The alias an alias refers to, and whether through a list or map.
fn successor(ty: &Ty) -> Option<(&str, bool)> {
    ty.named().map(|name| (name, !matches!(ty.shape, Shape::Named(_))))
}

pub fn find(space: &TypeSpace) -> Vec<AliasCycle> {
    let edges: IndexMap<&str, (&str, bool)> = space
        .types
        .iter()
        .filter_map(|(name, def)| match &def.kind {
            TypeKind::Alias(ty) => successor(ty).map(|edge| (name.as_str(), edge)),
            _ => None,
        })
        .collect();
    // Which walk first reached each alias.
    let mut walk_of: IndexMap<&str, usize> = IndexMap::new();
    let mut cycles = Vec::new();
    for (walk, start) in edges.keys().enumerate() {
        let mut path = Vec::new();
        let mut current = *start;
        while !walk_of.contains_key(current) {
            walk_of.insert(current, walk);
            path.push(current);
            match edges.get(current) {
                Some((next, _)) => current = next,
                None => break,
            }
        }
        // Back on this walk's own path: the cycle is its tail from there.
        if walk_of.get(current) == Some(&walk)
            && edges.contains_key(current)
            && let Some(at) = path.iter().position(|name| *name == current)
        {
            let names: Vec<String> = path[at..].iter().map(|name| (*name).to_owned()).collect();
            let through_container = path[at..].iter().any(|name| edges[name].1);
            cycles.push(AliasCycle { names, through_container });
        }
    }
    cycles
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::TypeDef;

    fn space(aliases: &[(&str, Shape)]) -> TypeSpace {
        let mut space = TypeSpace::default();
        for (name, shape) in aliases {
            let def = TypeDef {
                name: (*name).into(),
                pointer: format!("/{name}"),
                doc: None,
                kind: TypeKind::Alias(Ty::new(shape.clone())),
            };
            space.types.insert((*name).into(), def);
        }
        space
    }

    fn named(name: &str) -> Shape {
        Shape::Named(name.into())
    }

    #[test]
    fn cycles_are_found_once_with_what_lies_on_them() {
        let found = find(&space(&[
            ("Entry", named("A")),
            ("A", named("B")),
            ("B", named("A")),
            ("List", Shape::Array(Box::new(Ty::new(named("List"))))),
            ("Chain", named("End")),
            ("End", Shape::String),
        ]));
        assert_eq!(
            found,
            [
                AliasCycle { names: vec!["A".into(), "B".into()], through_container: false },
                AliasCycle { names: vec!["List".into()], through_container: true },
            ]
        );
    }
}
