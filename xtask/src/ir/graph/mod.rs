//! Walks over graphs: the one place that knows how.
//!
//! The type model is a graph (a type's definition names other types), and
//! so are the compiled checks of schemas held as JSON (a node applies
//! others) and the `$ref` chains between components. Several questions
//! are asked of these graphs: which types sit on a cycle (to box them),
//! which aliases reach themselves, which types hold a type with checks,
//! how long the longest chain of types is, whether a check reaches itself
//! without descending into the value. Each is answered here once, over
//! numbered nodes ([`Digraph`], or [`follow_chains`] where every node has
//! at most one successor); the modules that ask say what the nodes and
//! edges mean.
//!
//! A spec may chain thousands of schemas, so every walk is iterative (no
//! recursion that a long chain could overflow) and linear in the size of
//! the graph. Every walk is deterministic: nodes are taken in number
//! order, successors in the order given, and nothing is kept in a hash
//! map's order.

mod chains;
mod components;
mod depth_first;
mod digraph;
mod types;

pub use chains::{ChainEnd, follow_chains};
pub use digraph::Digraph;
pub use types::{Holding, type_graph};
