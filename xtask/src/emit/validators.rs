//! `impl Validate` for every type: straight-line checks, one per constraint,
//! calling the keyword functions of the runtime's `validate::check`.
//!
//! A check is emitted for a value only where the spec constrains it, so a
//! type without constraints validates in no time: `validate()` costs little
//! next to parsing.

use proc_macro2::TokenStream;
use quote::quote;

use super::assertions::Kind;
use super::tokens::{ident, string};
use crate::ir::{
    Additional, EnumDef, OtherValues, Presence, PresenceRule, Shape, StructDef, Ty, TypeDef, TypeKind, TypeSpace,
    UnionDef,
};

/// What the validator emitter needs beyond one type: the type space (whose
/// facts say which types have checks) and the names of check functions.
pub struct Context<'a> {
    pub space: &'a TypeSpace,
    pub check_names: super::names::CheckNames,
}

impl<'a> Context<'a> {
    pub fn new(space: &'a TypeSpace) -> Self {
        Context { space, check_names: super::names::CheckNames::new(space) }
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
            let check = cx.check_names.check(*id);
            quote!(#check(&self.0, path, errors);)
        }
    };
    // Nothing to check: the trait's default `validate_at` appends nothing.
    if body.is_empty() {
        return quote!(impl crate::validate::Validate for #name {});
    }
    quote! {
        impl crate::validate::Validate for #name {
            fn validate_at(&self, path: &crate::validate::Path<'_>, errors: &mut ::std::vec::Vec<crate::validate::ValidationError>) {
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
            Some(_) if cx.space.facts.checked.contains(name) => {
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
        out.extend(super::assertions::assertion(constraint, kind, value, path));
    }
    out
}
