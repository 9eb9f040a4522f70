//! What a node evaluates, for `unevaluatedProperties` and `unevaluatedItems`
//! beside in-place applicators ([`Check::Unevaluated`]).
//!
//! Annotations are not collected while validating, since almost no schema
//! needs them. Instead, each node that an `unevaluated*` keyword can see
//! through (its in-place subschemas, transitively) gets one more function,
//! `json_evaluated_*`, which adds to a runtime `Evaluated` the properties
//! and items that node evaluates, consulting validity only where the spec
//! drops the annotations of failing subschemas (`anyOf`, `oneOf`, `if`,
//! `dependentSchemas`). A node with `unevaluated*` also gets
//! `json_siblings_*`: what its other keywords evaluate.

use proc_macro2::TokenStream;
use quote::quote;

use super::assertions::matcher;
use super::names::CheckNames;
use super::tokens::{option, string};
use crate::ir::graph::Digraph;
use crate::ir::{Check, CheckId, CheckNode};

pub fn tokens(nodes: &[CheckNode], names: &CheckNames) -> TokenStream {
    let checks_of = |id: CheckId| match &nodes[id] {
        CheckNode::All { checks, .. } => checks.as_slice(),
        _ => &[],
    };
    let tracking: Vec<CheckId> =
        (0..nodes.len()).filter(|id| checks_of(*id).iter().any(|c| matches!(c, Check::Unevaluated { .. }))).collect();
    // Every node an `unevaluated*` keyword sees through, in id order.
    let passes = |id: CheckId| checks_of(id).iter().flat_map(Check::passes_evaluation_from).collect::<Vec<_>>();
    let graph = Digraph::new((0..nodes.len()).map(passes).collect());
    let reached = graph.reachable_from(tracking.iter().flat_map(|id| graph.successors[*id].clone()));
    let needed: Vec<CheckId> = (0..nodes.len()).filter(|id| reached[*id]).collect();
    let sibling_functions = tracking.iter().map(|id| {
        let doc = names.doc(*id, "What the keywords of {schema} other than `unevaluated*` evaluate.");
        function(names.siblings(*id), doc, checks_of(*id), names)
    });
    let evaluated_functions = needed.iter().map(|id| match tracking.contains(id) {
        true => {
            let (name, siblings) = (names.evaluated(*id), names.siblings(*id));
            let (properties, items) = checks_of(*id)
                .iter()
                .find_map(|c| match c {
                    Check::Unevaluated { properties, items } => Some((properties.is_some(), items.is_some())),
                    _ => None,
                })
                .unwrap_or_default();
            let doc = names.doc(*id, "What {schema} evaluates.");
            quote! {
                #doc
                fn #name<'v>(value: &'v ::serde_json::Value, evaluated: &mut crate::json_check::Evaluated<'v>) {
                    #siblings(value, evaluated);
                    crate::json_check::evaluate_all(value, #properties, #items, evaluated);
                }
            }
        }
        false => function(names.evaluated(*id), names.doc(*id, "What {schema} evaluates."), checks_of(*id), names),
    });
    quote!(#(#sibling_functions)* #(#evaluated_functions)*)
}

fn function(name: proc_macro2::Ident, doc: TokenStream, checks: &[Check], names: &CheckNames) -> TokenStream {
    let parts: Vec<TokenStream> = checks.iter().map(|c| part(c, names)).filter(|t| !t.is_empty()).collect();
    let (value, evaluated) = match parts.is_empty() {
        true => (quote!(_value), quote!(_evaluated)),
        false => (quote!(value), quote!(evaluated)),
    };
    quote! {
        #doc
        fn #name<'v>(#value: &'v ::serde_json::Value, #evaluated: &mut crate::json_check::Evaluated<'v>) {
            #(#parts)*
        }
    }
}

/// What one check evaluates; `unevaluated*` is added by the caller.
fn part(check: &Check, names: &CheckNames) -> TokenStream {
    match check {
        Check::Properties { declared, patterns, additional } => {
            let declared = declared.iter().map(|(name, _)| string(name));
            let patterns = patterns.iter().map(|(source, _)| matcher(source));
            let additional = additional.is_some();
            quote!(crate::json_check::evaluate_properties(value, &[#(#declared),*], &[#(#patterns),*], #additional, evaluated);)
        }
        Check::Items { prefix, rest } => {
            let prefix = proc_macro2::Literal::usize_unsuffixed(prefix.len());
            let rest = rest.is_some();
            quote!(crate::json_check::evaluate_items(value, #prefix, #rest, evaluated);)
        }
        Check::Contains { schema, .. } => {
            let check = names.check_pointer(*schema);
            quote!(crate::json_check::evaluate_contains(value, #check, evaluated);)
        }
        Check::AllOf(ids) => {
            let calls = ids.iter().map(|id| names.evaluated(*id));
            quote!(#(#calls(value, evaluated);)*)
        }
        Check::Ref(id) => {
            let call = names.evaluated(*id);
            quote!(#call(value, evaluated);)
        }
        Check::AnyOf(ids) | Check::OneOf(ids) => {
            let branches = ids.iter().map(|id| {
                let (check, evaluate) = (names.check_pointer(*id), evaluating(*id, names));
                quote!((#check, #evaluate))
            });
            quote!(crate::json_check::evaluate_valid(value, &[#(#branches),*], evaluated);)
        }
        Check::Conditional { condition, then, otherwise } => {
            let (check, evaluate) = (names.check_pointer(*condition), evaluating(*condition, names));
            let then = option(then.map(|id| evaluating(id, names)));
            let otherwise = option(otherwise.map(|id| evaluating(id, names)));
            quote!(crate::json_check::evaluate_conditional(value, (#check, #evaluate), #then, #otherwise, evaluated);)
        }
        Check::DependentSchemas(rules) => {
            let rules = rules.iter().map(|(name, id)| {
                let (name, evaluate) = (string(name), evaluating(*id, names));
                quote!((#name, #evaluate))
            });
            quote!(crate::json_check::evaluate_dependent(value, &[#(#rules),*], evaluated);)
        }
        _ => TokenStream::new(),
    }
}

/// Node `id`'s evaluation as a value of the runtime's `Evaluate` type.
fn evaluating(id: CheckId, names: &CheckNames) -> TokenStream {
    let name = names.evaluated(id);
    quote!(#name as crate::json_check::Evaluate)
}
