//! Schemas kept as schemas.
//!
//! Some schemas say what no Rust type can: `not`, `if`/`then`/`else`,
//! `prefixItems`, `patternProperties`, `contains`, several `type`s, or (in
//! JSON Schema semantics) no `type` at all, where each keyword constrains
//! only the values of its own JSON type. Such a value is held as JSON, and
//! the schema is compiled here into [`CheckNode`]s: plain data, one node per
//! subschema, which the validator emitter turns into one function each. A
//! `$ref` is an edge to the node of its target, so recursive schemas need
//! nothing special, except a cycle that never descends into the value
//! (`{"$ref": "#"}`), which would never end and is refused.
//!
//! `$dynamicRef` is resolved here too, with no run-time cost: its target
//! depends only on the dynamic scope, and what matters of that scope is
//! which resource first declared each `$dynamicAnchor` name on the way in
//! (`compiler::Scope`). A schema is compiled once per scope it is reached
//! in, and scopes only grow and are bounded by the anchors the document
//! declares, so this ends. Documents without `$dynamicRef` have one, empty, scope.
//!
//! `unevaluatedProperties` and `unevaluatedItems` beside in-place
//! applicators need to know, at run time, what the valid subschemas
//! evaluated ([`Check::Unevaluated`]); the emitter derives that from the
//! same nodes.
//!
//! The nodes are [`nodes`]'s plain data; [`compiler`] compiles each schema
//! once per pointer and scope and refuses endless cycles; [`keywords`] says
//! what each keyword of one schema becomes.

mod compiler;
mod keywords;
mod nodes;
#[cfg(test)]
mod tests;

pub use compiler::CheckCompiler;
pub use nodes::{Check, CheckId, CheckNode, JsonType};
