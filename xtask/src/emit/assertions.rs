//! The one place that renders an assertion (`minimum`, `pattern`, `enum`,
//! ...) as generated code: on a typed value, whose Rust type says its JSON
//! type, or on a `serde_json::Value`, checked only when it is of the
//! assertion's JSON type.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::tokens::string;
use crate::ir::Constraint;

/// What a value is, for choosing which constraints apply (JSON Schema
/// applies `minimum` only to numbers, `minLength` only to strings, ...).
#[derive(Clone, Copy, PartialEq)]
pub enum Kind {
    Number,
    Integer,
    String,
    Array,
    Object,
    Other,
    /// `serde_json::Value`: checked by its JSON type at run time.
    Any,
}

/// The check of one assertion on a `serde_json::Value`, which applies only
/// when the value is of the assertion's JSON type.
pub fn json_assertion(constraint: &Constraint, value: &TokenStream, path: &TokenStream) -> TokenStream {
    assertion(constraint, Kind::Any, value, path)
}

/// The check of one assertion on a value of `kind`.
pub fn assertion(constraint: &Constraint, kind: Kind, value: &TokenStream, path: &TokenStream) -> TokenStream {
    let check_fn = |name: &str| -> TokenStream {
        let name = proc_macro2::Ident::new(name, proc_macro2::Span::call_site());
        quote!(crate::validate::check::#name)
    };
    // Each reads the value as one JSON type and calls `check(value, limit,
    // path, errors)`; a `serde_json::Value` is checked only when it is of
    // that type, and a value of another Rust type is not checked at all.
    let numeric = |check: TokenStream, limit: TokenStream| -> TokenStream {
        match kind {
            Kind::Number => quote!(#check(*#value, #limit, #path, errors);),
            Kind::Integer => quote!(#check(*#value as f64, #limit, #path, errors);),
            Kind::Any => {
                quote!(if let ::core::option::Option::Some(n) = #value.as_f64() { #check(n, #limit, #path, errors); })
            }
            _ => TokenStream::new(),
        }
    };
    let text = |check: TokenStream, limit: TokenStream| -> TokenStream {
        match kind {
            Kind::String => quote!(#check(#value.as_str(), #limit, #path, errors);),
            Kind::Any => {
                quote!(if let ::core::option::Option::Some(s) = #value.as_str() { #check(s, #limit, #path, errors); })
            }
            _ => TokenStream::new(),
        }
    };
    let items = |check: TokenStream, limit: TokenStream| -> TokenStream {
        match kind {
            Kind::Array => quote!(#check(#value.len(), #limit, #path, errors);),
            Kind::Any => {
                quote!(if let ::core::option::Option::Some(a) = #value.as_array() { #check(a.len(), #limit, #path, errors); })
            }
            _ => TokenStream::new(),
        }
    };
    let properties = |check: TokenStream, limit: TokenStream| -> TokenStream {
        match kind {
            Kind::Object => quote!(#check(#value.len(), #limit, #path, errors);),
            Kind::Any => {
                quote!(if let ::core::option::Option::Some(o) = #value.as_object() { #check(o.len(), #limit, #path, errors); })
            }
            _ => TokenStream::new(),
        }
    };
    let float = |f: f64| {
        let literal = Literal::f64_unsuffixed(f);
        quote!(#literal)
    };
    let count = |n: u64| {
        let literal = Literal::usize_unsuffixed(usize::try_from(n).unwrap_or(usize::MAX));
        quote!(#literal)
    };
    match constraint {
        Constraint::Minimum { limit, exclusive: false } => numeric(check_fn("minimum"), float(*limit)),
        Constraint::Minimum { limit, exclusive: true } => numeric(check_fn("exclusive_minimum"), float(*limit)),
        Constraint::Maximum { limit, exclusive: false } => numeric(check_fn("maximum"), float(*limit)),
        Constraint::Maximum { limit, exclusive: true } => numeric(check_fn("exclusive_maximum"), float(*limit)),
        Constraint::MultipleOf(factor) => numeric(check_fn("multiple_of"), float(*factor)),
        Constraint::MinLength(n) => text(check_fn("min_length"), count(*n)),
        Constraint::MaxLength(n) => text(check_fn("max_length"), count(*n)),
        Constraint::MinItems(n) => items(check_fn("min_items"), count(*n)),
        Constraint::MaxItems(n) => items(check_fn("max_items"), count(*n)),
        Constraint::MinProperties(n) => properties(check_fn("min_properties"), count(*n)),
        Constraint::MaxProperties(n) => properties(check_fn("max_properties"), count(*n)),
        Constraint::UniqueItems => match kind {
            Kind::Array => {
                quote!(crate::validate::check::unique_items(&#value[..], #path, errors);)
            }
            Kind::Any => {
                quote!(if let ::core::option::Option::Some(a) = #value.as_array() { crate::validate::check::unique_items(&a[..], #path, errors); })
            }
            _ => TokenStream::new(),
        },
        Constraint::Pattern(source) => {
            let regex = regex_static(source);
            let source = string(source);
            match kind {
                Kind::String => {
                    quote!({ #regex crate::pattern::check(#value.as_str(), &REGEX, #source, #path, errors); })
                }
                Kind::Any => {
                    quote!(if let ::core::option::Option::Some(s) = #value.as_str() { #regex crate::pattern::check(s, &REGEX, #source, #path, errors); })
                }
                _ => TokenStream::new(),
            }
        }
        Constraint::Format(name) => {
            let name = string(name);
            match kind {
                Kind::String => quote!(crate::format::check(#value.as_str(), #name, #path, errors);),
                Kind::Any => {
                    quote!(if let ::core::option::Option::Some(s) = #value.as_str() { crate::format::check(s, #name, #path, errors); })
                }
                _ => TokenStream::new(),
            }
        }
        // The JSON text of the allowed values is parsed once, on first use;
        // it was serialized from a `serde_json::Value`, so it parses.
        Constraint::Enum(values) => {
            let json = string(&serde_json::Value::Array(values.clone()).to_string());
            quote!({
                static ALLOWED: ::std::sync::LazyLock<::std::vec::Vec<::serde_json::Value>> = ::std::sync::LazyLock::new(|| ::serde_json::from_str(#json).unwrap_or_default());
                crate::validate::check::one_of_values(#value, &ALLOWED, #path, errors);
            })
        }
        // Each key is checked as a string, and located at its own entry.
        Constraint::PropertyNames(key_constraints) => {
            let key_checks: TokenStream =
                key_constraints.iter().map(|c| assertion(c, Kind::String, &quote!(key), &quote!(path))).collect();
            match kind {
                Kind::Object => quote!(for key in #value.keys() { let path = &#path.key(key); #key_checks }),
                Kind::Any => {
                    quote!(if let ::core::option::Option::Some(o) = #value.as_object() { for key in o.keys() { let path = &#path.key(key); #key_checks } })
                }
                _ => TokenStream::new(),
            }
        }
        Constraint::Const(expected) => {
            let json = string(&expected.to_string());
            quote!({
                static EXPECTED: ::std::sync::LazyLock<::serde_json::Value> = ::std::sync::LazyLock::new(|| ::serde_json::from_str(#json).unwrap_or_default());
                crate::validate::check::constant(#value, &EXPECTED, #path, errors);
            })
        }
    }
}

/// A `patternProperties` pattern as the runtime's `Matches` test.
pub fn matcher(source: &str) -> TokenStream {
    let regex = regex_static(source);
    quote!((|name: &str| {
        #regex
        REGEX.find(name).is_some()
    }) as crate::json_check::Matches)
}

/// `static REGEX`: the pattern, compiled on first use.
fn regex_static(source: &str) -> TokenStream {
    let source = string(source);
    quote! {
        static REGEX: ::std::sync::LazyLock<crate::pattern::Regex> = ::std::sync::LazyLock::new(|| crate::pattern::compile(#source));
    }
}
