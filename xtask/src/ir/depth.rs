//! How deeply the generated types nest inside one another.
//!
//! rustc walks a type's fields recursively when it checks drops (and serde
//! and schemars derives add to the walk), through `Option`, `Box` and
//! `Vec` alike. A spec with a long chain of distinct schemas, each holding
//! the next (3,000 in the stress test), exceeds the default recursion limit
//! of 128 and fails to compile. Cycles are not the problem (rustc stops at
//! a type it is already checking); long acyclic chains are. The crate root
//! raises the limit when [`longest_chain`] says it must.

use super::TypeSpace;
use super::graph::{Holding, type_graph};

/// The number of types on the longest chain of definitions that each name
/// the next, not counting an edge back into the chain (a cycle).
pub fn longest_chain(space: &TypeSpace) -> usize {
    type_graph(space, Holding::AtAnyDepth).longest_path()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Shape, Ty, TypeDef, TypeKind};

    fn chain(links: usize, cycle: bool) -> TypeSpace {
        let mut space = TypeSpace::default();
        for i in 0..links {
            let next = if cycle && i + 1 == links { 0 } else { i + 1 };
            let ty = Ty::new(Shape::Array(Box::new(Ty::new(Shape::Named(format!("T{next}"))))));
            let def = TypeDef { name: format!("T{i}"), pointer: String::new(), doc: None, kind: TypeKind::Alias(ty) };
            space.types.insert(format!("T{i}"), def);
        }
        space
    }

    #[test]
    fn chains_are_measured_through_lists_and_cycles_end_them() {
        // T0 .. T9999 (T10000 is not defined): long, and no stack overflow.
        assert_eq!(longest_chain(&chain(10_000, false)), 10_000);
        assert_eq!(longest_chain(&chain(3, true)), 3);
        assert_eq!(longest_chain(&TypeSpace::default()), 0);
    }

    #[test]
    fn typed_extra_properties_are_on_the_chain() {
        use crate::ir::{Additional, StructDef};
        let mut space = chain(2, false);
        let holder = StructDef {
            fields: Vec::new(),
            additional: Additional::Typed(Ty::new(Shape::Named("T0".into()))),
            additional_ident: "extra".into(),
            presence: Vec::new(),
        };
        let def = TypeDef { name: "Holder".into(), pointer: String::new(), doc: None, kind: TypeKind::Struct(holder) };
        space.types.insert("Holder".into(), def);
        assert_eq!(longest_chain(&space), 3);
    }
}
