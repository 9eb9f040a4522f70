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
//! where every node has at most one successor: [`follow_chains`] finds
//! every cycle in linear time.

use super::graph::follow_chains;
use super::{Shape, TypeKind, TypeSpace};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasCycle {
    /// The aliases on the cycle, in the order the references run.
    pub names: Vec<String>,
    /// Whether a list or a map lies on the cycle.
    pub through_container: bool,
}

pub fn find(space: &TypeSpace) -> Vec<AliasCycle> {
    // The type each alias refers to, and whether through a list or map.
    let links: Vec<Option<(usize, bool)>> = space
        .types
        .values()
        .map(|def| match &def.kind {
            TypeKind::Alias(ty) => {
                let target = space.types.get_index_of(ty.named()?)?;
                Some((target, !matches!(ty.shape, Shape::Named(_))))
            }
            _ => None,
        })
        .collect();
    let successors: Vec<Option<usize>> = links.iter().map(|link| link.map(|(target, _)| target)).collect();
    let name = |index: usize| space.types.get_index(index).map(|(name, _)| name.clone()).unwrap_or_default();
    follow_chains(&successors)
        .cycles
        .into_iter()
        .map(|cycle| AliasCycle {
            through_container: cycle.iter().any(|&alias| links[alias].is_some_and(|(_, through)| through)),
            names: cycle.into_iter().map(name).collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Ty, TypeDef};

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
