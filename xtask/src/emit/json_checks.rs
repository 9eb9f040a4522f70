//! One function per compiled schema node ([`crate::ir::CheckNode`]): the
//! validator of the types held as JSON. Each is straight-line code calling
//! the runtime's `json_check` and `validate::check` functions, and passing
//! the functions of its subschemas where a keyword applies them.

use proc_macro2::{Literal, TokenStream};
use quote::{ToTokens, quote};

use super::names::CheckNames;
use super::tokens::{option, string};
use crate::ir::{Check, CheckId, CheckNode, TypeSpace};

/// Every node's function, named by `names` (the validators' own, so that
/// the names are made once).
pub fn tokens(space: &TypeSpace, names: &CheckNames) -> TokenStream {
    let nodes = space.checks.iter().enumerate();
    let checks: TokenStream = nodes.map(|(id, node)| node_function(id, node, names)).collect();
    let evaluated = super::json_evaluated::tokens(&space.checks, names);
    quote!(#checks #evaluated)
}

fn node_function(id: CheckId, node: &CheckNode, names: &CheckNames) -> TokenStream {
    let name = names.check(id);
    let doc = names.doc(id, "Checks {schema}.");
    let (value, path, errors, body) = match node {
        CheckNode::Always => (quote!(_value), quote!(_path), quote!(_errors), TokenStream::new()),
        CheckNode::Never => {
            (quote!(_value), quote!(path), quote!(errors), quote!(crate::json_check::never(path, errors);))
        }
        CheckNode::All { null_allowed, checks } => {
            let guard = null_allowed.then(|| {
                quote!(if value.is_null() {
                    return;
                })
            });
            let checks: Vec<TokenStream> =
                checks.iter().map(|c| check(id, c, names)).filter(|t| !t.is_empty()).collect();
            match checks.is_empty() {
                true => (quote!(_value), quote!(_path), quote!(_errors), TokenStream::new()),
                false => (quote!(value), quote!(path), quote!(errors), quote!(#guard #(#checks)*)),
            }
        }
    };
    quote! {
        #doc
        fn #name(#value: &::serde_json::Value, #path: &crate::validate::Path<'_>, #errors: &mut ::std::vec::Vec<crate::validate::ValidationError>) {
            #body
        }
    }
}

fn optional(id: Option<CheckId>, names: &CheckNames) -> TokenStream {
    option(id.map(|id| names.check_pointer(id)))
}

fn named(rules: &[(String, CheckId)], names: &CheckNames) -> TokenStream {
    let rules = rules.iter().map(|(name, id)| {
        let name = string(name);
        let f = names.check_pointer(*id);
        quote!((#name, #f))
    });
    quote!(&[#(#rules),*])
}

fn count(n: u64) -> Literal {
    Literal::usize_unsuffixed(usize::try_from(n).unwrap_or(usize::MAX))
}

/// The statements of one check of node `node`.
fn check(node: CheckId, check: &Check, names: &CheckNames) -> TokenStream {
    match check {
        Check::Type(types) => {
            let names = types.iter().map(|t| t.name());
            quote!(crate::json_check::types(value, &[#(#names),*], path, errors);)
        }
        Check::Assert(constraint) => super::assertions::json_assertion(constraint, &quote!(value), &quote!(path)),
        Check::Required(names) => {
            let names = names.iter().map(|n| string(n));
            quote!(crate::json_check::required(value, &[#(#names),*], path, errors);)
        }
        Check::DependentRequired(rules) => {
            let rules = rules.iter().map(|(name, needed)| {
                let name = string(name);
                let needed = needed.iter().map(|n| string(n));
                quote!((#name, &[#(#needed),*] as &[&str]))
            });
            quote!(crate::json_check::dependent_required(value, &[#(#rules),*], path, errors);)
        }
        Check::Properties { declared, patterns, additional } => {
            let declared = named(declared, names);
            let patterns = patterns.iter().map(|(source, id)| {
                let matches = super::assertions::matcher(source);
                let f = names.check_pointer(*id);
                quote!((#matches, #f))
            });
            let additional = optional(*additional, names);
            quote!(crate::json_check::properties(value, #declared, &[#(#patterns),*], #additional, path, errors);)
        }
        Check::PropertyNames(id) => {
            let f = names.check(*id);
            quote!(crate::json_check::property_names(value, #f, path, errors);)
        }
        Check::DependentSchemas(rules) => {
            let rules = named(rules, names);
            quote!(crate::json_check::dependent_schemas(value, #rules, path, errors);)
        }
        Check::Items { prefix, rest } => {
            let prefix = prefix.iter().map(|id| names.check_pointer(*id));
            let rest = optional(*rest, names);
            quote!(crate::json_check::items(value, &[#(#prefix),*], #rest, path, errors);)
        }
        Check::Contains { schema, min, max } => {
            let f = names.check(*schema);
            let min = count(*min);
            let max = option(max.map(|max| count(max).into_token_stream()));
            quote!(crate::json_check::contains(value, #f, #min, #max, path, errors);)
        }
        Check::AllOf(ids) => {
            let calls = ids.iter().map(|id| names.check(*id));
            quote!(#(#calls(value, path, errors);)*)
        }
        Check::AnyOf(ids) | Check::OneOf(ids) => {
            let which = if matches!(check, Check::AnyOf(_)) { quote!(any_of) } else { quote!(one_of) };
            let ids = ids.iter().map(|id| names.check_pointer(*id));
            quote!(crate::json_check::#which(value, &[#(#ids),*], path, errors);)
        }
        Check::Not(id) => {
            let f = names.check(*id);
            quote!(crate::json_check::not(value, #f, path, errors);)
        }
        // `if` alone asserts nothing (it only evaluates).
        Check::Conditional { then: None, otherwise: None, .. } => TokenStream::new(),
        Check::Conditional { condition, then, otherwise } => {
            let condition = names.check(*condition);
            let then = optional(*then, names);
            let otherwise = optional(*otherwise, names);
            quote!(crate::json_check::conditional(value, #condition, #then, #otherwise, path, errors);)
        }
        Check::Ref(id) => {
            let f = names.check(*id);
            quote!(#f(value, path, errors);)
        }
        Check::Unevaluated { properties, items } => {
            let siblings = names.siblings(node);
            let properties = optional(*properties, names);
            let items = optional(*items, names);
            quote!(crate::json_check::unevaluated(value, #siblings, #properties, #items, path, errors);)
        }
    }
}
