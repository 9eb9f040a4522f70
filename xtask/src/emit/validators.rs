//! `impl Validate` for every type: straight-line checks, one per constraint,
//! calling the keyword functions of the runtime's `validate::check`.
//!
//! A check is emitted for a value only where the spec constrains it, so a
//! type without constraints validates in no time: `validate()` costs little
//! next to parsing.

use indexmap::IndexSet;
use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::tokens::{ident, string};
use crate::ir::{
    Additional, Constraint, EnumDef, OtherValues, Presence, PresenceRule, Shape, StructDef, Ty, TypeDef, TypeKind,
    TypeSpace, UnionDef,
};

/// What the validator emitter needs beyond one type: the type space, and
/// which of its types have checks (computed once).
pub struct Context<'a> {
    pub space: &'a TypeSpace,
    pub checked: IndexSet<String>,
}

impl<'a> Context<'a> {
    pub fn new(space: &'a TypeSpace) -> Self {
        Context { space, checked: crate::ir::types_with_checks(space) }
    }
}

pub fn tokens(def: &TypeDef, cx: &Context<'_>) -> TokenStream {
    let name = ident(&def.name);
    let body = match &def.kind {
        TypeKind::Struct(s) => structure(s, cx),
        TypeKind::Enum(e) => string_enum(e),
        TypeKind::Union(u) => union(u, cx),
        // An alias is a std type: its checks are emitted where it is used.
        TypeKind::Alias(_) => return TokenStream::new(),
        TypeKind::Json(id) => {
            let check = super::json_checks::function(*id);
            quote!(#check(&self.0, path, errors);)
        }
    };
    let (path, errors) =
        if body.is_empty() { (quote!(_path), quote!(_errors)) } else { (quote!(path), quote!(errors)) };
    quote! {
        impl crate::validate::Validate for #name {
            fn validate_at(&self, #path: &crate::validate::Path<'_>, #errors: &mut ::std::vec::Vec<crate::validate::ValidationError>) {
                #body
            }
        }
    }
}

fn structure(s: &StructDef, cx: &Context<'_>) -> TokenStream {
    let mut out = TokenStream::new();
    for field in &s.fields {
        let checks = checks(&field.ty, &quote!(value), &quote!(path), cx);
        if checks.is_empty() {
            continue;
        }
        let member = ident(&field.ident);
        let key = string(&field.name);
        let any = field.ty.shape == Shape::Any;
        let block = quote! {
            let path = &path.key(#key);
            #checks
        };
        out.extend(match field.presence() {
            Presence::Required => quote!({ let value = &self.#member; #block }),
            Presence::RequiredNullable if any => quote!({ let value = &self.#member; #block }),
            Presence::RequiredNullable | Presence::Optional => {
                quote!(if let ::core::option::Option::Some(value) = &self.#member { #block })
            }
            Presence::OptionalNullable => {
                quote!(if let crate::Nullable::Value(value) = &self.#member { #block })
            }
        });
    }
    out.extend(s.presence.iter().map(|rule| presence_check(rule, s)));
    let extra = ident(&s.additional_ident);
    match &s.additional {
        Additional::Ignored => {}
        Additional::Forbidden => out.extend(quote! {
            for name in self.#extra.keys() {
                crate::validate::check::forbidden_property(name, path, errors);
            }
        }),
        Additional::Typed(ty) => {
            let checks = checks(ty, &quote!(value), &quote!(path), cx);
            if !checks.is_empty() {
                out.extend(quote! {
                    for (name, value) in &self.#extra {
                        let path = &path.key(name);
                        #checks
                    }
                });
            }
        }
    }
    out
}

/// An expression that is true when the property `name` is present.
fn present(name: &str, s: &StructDef) -> TokenStream {
    match s.fields.iter().find(|f| f.name == name) {
        Some(field) => {
            let member = ident(&field.ident);
            match field.presence() {
                Presence::Required | Presence::RequiredNullable => quote!(true),
                Presence::Optional => quote!(self.#member.is_some()),
                Presence::OptionalNullable => quote!(!self.#member.is_absent()),
            }
        }
        // Undeclared: present only if kept among the additional properties.
        None => match s.additional {
            Additional::Ignored => quote!(false),
            Additional::Forbidden | Additional::Typed(_) => {
                let extra = ident(&s.additional_ident);
                quote!(self.#extra.contains_key(#name))
            }
        },
    }
}

fn presence_check(rule: &PresenceRule, s: &StructDef) -> TokenStream {
    // Each set becomes `a && b` (or `true` when empty), an element of an
    // array literal, so no operator precedence needs parentheses.
    let all_present = |names: &[String]| -> TokenStream {
        let mut terms = names.iter().map(|n| present(n, s));
        match terms.next() {
            None => quote!(true),
            Some(first) => quote!(#first #(&& #terms)*),
        }
    };
    let describe = |names: &[String]| names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(" and ");
    let options = |sets: &[Vec<String>]| sets.iter().map(|set| describe(set)).collect::<Vec<_>>().join("; ");
    let keyword = rule.keyword();
    let (holds, message) = match rule {
        PresenceRule::AnyOf(sets) => {
            let sets_present = sets.iter().map(|set| all_present(set));
            (quote!([#(#sets_present),*].contains(&true)), format!("must have at least one of: {}", options(sets)))
        }
        PresenceRule::OneOf(sets) => {
            let sets_present = sets.iter().map(|set| all_present(set));
            (
                quote!([#(#sets_present),*].iter().filter(|holds| **holds).count() == 1),
                format!("must have exactly one of: {}", options(sets)),
            )
        }
        PresenceRule::Not(names) => {
            let each = names.iter().map(|n| present(n, s));
            (quote!([#(#each),*].contains(&false)), format!("must not have {} together", describe(names)))
        }
    };
    quote!(crate::validate::check::presence(#holds, #keyword, #message, path, errors);)
}

fn string_enum(e: &EnumDef) -> TokenStream {
    match e.other {
        OtherValues::KeptInvalid => quote! {
            if let Self::Other(value) = self {
                crate::validate::check::unknown_value(value, Self::VALUES, path, errors);
            }
        },
        OtherValues::KeptValid | OtherValues::Rejected => TokenStream::new(),
    }
}

fn union(u: &UnionDef, cx: &Context<'_>) -> TokenStream {
    let arms: Vec<(proc_macro2::Ident, TokenStream)> = u
        .variants
        .iter()
        .map(|variant| {
            let name = ident(&variant.ident);
            let body = match variant.ty.nullable && variant.ty.shape != Shape::Any {
                true => {
                    let checks = checks(&variant.ty, &quote!(value), &quote!(path), cx);
                    if checks.is_empty() {
                        checks
                    } else {
                        quote!(if let ::core::option::Option::Some(value) = value { #checks })
                    }
                }
                false => checks(&variant.ty, &quote!(value), &quote!(path), cx),
            };
            (name, body)
        })
        .collect();
    // A tagged union reports an unknown tag, as a closed enum reports an unknown value.
    let other = u.tag.as_ref().map(|tag| {
        let other = ident(&tag.other_ident);
        let property = string(&tag.property);
        let values = tag.values.iter().map(|v| string(v));
        let keyword = if u.exclusive { "oneOf" } else { "anyOf" };
        quote!(Self::#other(value) => crate::validate::check::unknown_tag(value, #property, &[#(#values),*], #keyword, path, errors),)
    });
    if other.is_none() && arms.iter().all(|(_, body)| body.is_empty()) {
        return TokenStream::new();
    }
    let arms = arms.iter().map(|(name, body)| {
        if body.is_empty() { quote!(Self::#name(_) => {}) } else { quote!(Self::#name(value) => { #body }) }
    });
    quote! {
        match self {
            #(#arms)*
            #other
        }
    }
}

/// The checks for one value: `value` is an expression of type `&T`, `path`
/// one of type `&Path` (every scope binds `path` as a reference, so checks
/// pass it on as it is). Empty when nothing constrains the value.
fn checks(ty: &Ty, value: &TokenStream, path: &TokenStream, cx: &Context<'_>) -> TokenStream {
    let mut out = own_constraints(ty, value, path, cx);
    match &ty.shape {
        Shape::Named(name) => match cx.space.types.get(name).map(|def| &def.kind) {
            Some(TypeKind::Alias(inner)) => out.extend(checks(inner, value, path, cx)),
            Some(_) if cx.checked.contains(name) => {
                out.extend(quote!(crate::validate::Validate::validate_at(#value, #path, errors);))
            }
            _ => {}
        },
        Shape::Array(items) => {
            let item_checks = nullable_checks(items, cx);
            if !item_checks.is_empty() {
                out.extend(quote! {
                    for (index, item) in #value.iter().enumerate() {
                        let path = &#path.index(index);
                        #item_checks
                    }
                });
            }
        }
        Shape::Map(values) => {
            let value_checks = nullable_checks(values, cx);
            if !value_checks.is_empty() {
                out.extend(quote! {
                    for (key, item) in #value.iter() {
                        let path = &#path.key(key);
                        #value_checks
                    }
                });
            }
        }
        Shape::Boolean | Shape::Integer | Shape::Number | Shape::String | Shape::Any => {}
    }
    out
}

/// Checks for an array item or map value named `item`, which is an `Option`
/// when null is allowed.
fn nullable_checks(ty: &Ty, cx: &Context<'_>) -> TokenStream {
    let checks = checks(ty, &quote!(item), &quote!(path), cx);
    if checks.is_empty() || !ty.nullable || ty.shape == Shape::Any {
        return checks;
    }
    quote!(if let ::core::option::Option::Some(item) = item { #checks })
}

/// What a value is, for choosing which constraints apply (JSON Schema
/// applies `minimum` only to numbers, `minLength` only to strings, ...).
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Number,
    Integer,
    String,
    Array,
    Object,
    Other,
    /// `serde_json::Value`: checked by its JSON type at run time.
    Any,
}

fn kind_of(ty: &Ty, cx: &Context<'_>) -> Kind {
    match &ty.shape {
        Shape::Number => Kind::Number,
        Shape::Integer => Kind::Integer,
        Shape::String => Kind::String,
        Shape::Array(_) => Kind::Array,
        Shape::Map(_) => Kind::Object,
        Shape::Any => Kind::Any,
        Shape::Boolean => Kind::Other,
        Shape::Named(name) => match cx.space.types.get(name).map(|def| &def.kind) {
            Some(TypeKind::Alias(inner)) => kind_of(inner, cx),
            Some(TypeKind::Enum(_)) => Kind::String,
            _ => Kind::Other,
        },
    }
}

fn own_constraints(ty: &Ty, value: &TokenStream, path: &TokenStream, cx: &Context<'_>) -> TokenStream {
    let kind = kind_of(ty, cx);
    let mut out = TokenStream::new();
    for constraint in &ty.constraints {
        out.extend(constraint_check(constraint, kind, value, path));
    }
    out
}

/// The check of one assertion on a `serde_json::Value`, which applies only
/// when the value is of the assertion's JSON type.
pub fn json_assertion(constraint: &Constraint, value: &TokenStream, path: &TokenStream) -> TokenStream {
    constraint_check(constraint, Kind::Any, value, path)
}

fn constraint_check(constraint: &Constraint, kind: Kind, value: &TokenStream, path: &TokenStream) -> TokenStream {
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
            let source = string(source);
            let regex = quote! {
                static REGEX: ::std::sync::LazyLock<crate::pattern::Regex> = ::std::sync::LazyLock::new(|| crate::pattern::compile(#source));
            };
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
            let key_checks: TokenStream = key_constraints
                .iter()
                .map(|c| constraint_check(c, Kind::String, &quote!(key), &quote!(path)))
                .collect();
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
