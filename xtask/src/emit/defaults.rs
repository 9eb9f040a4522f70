//! Spec defaults as associated constants and `*_or_default()` accessors.
//!
//! Defaults describe what the server assumes when a property is absent; they
//! are never written into the struct or onto the wire, so absent stays absent.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;
use serde_json::Value;

use super::tokens::{doc_safe, ident, string, value_type};
use crate::ir::{Field, OtherValues, Presence, Shape, StructDef, Ty, TypeKind, TypeSpace};

pub fn accessors(name: &Ident, s: &StructDef, space: &TypeSpace) -> TokenStream {
    let items: Vec<TokenStream> = s.fields.iter().filter_map(|field| accessor(field, space)).collect();
    if items.is_empty() {
        return TokenStream::new();
    }
    quote! {
        impl #name {
            #(#items)*
        }
    }
}

/// How a default value is held and handed out.
enum Held {
    /// `Copy` scalars: a constant, returned by value.
    Copy(TokenStream, TokenStream),
    /// A string: a `&'static str` constant, returned as `&str`.
    Str(Literal),
    /// A type without a `const` form of its default (a `Vec`) or with drop
    /// glue (an enum with an `Other(String)`): built on demand, returned owned.
    Owned(TokenStream, TokenStream),
}

fn accessor(field: &Field, space: &TypeSpace) -> Option<TokenStream> {
    let default = field.default.as_ref()?;
    if !matches!(field.presence(), Presence::Optional | Presence::OptionalNullable) {
        return None;
    }
    let held = held(&field.ty, default, space)?;
    let value = ident(&field.ident);
    let accessor = super::names::default_accessor(&field.ident);
    let constant = super::names::default_constant(&field.ident);
    let doc_const = doc_safe(&format!(" The spec's default for `{}`: `{}`.", field.name, default));
    let doc_accessor =
        doc_safe(&format!(" `{}`, or the spec's default (`{}`) when it is absent.", field.name, default));
    let nullable = field.presence() == Presence::OptionalNullable;
    let tokens = match held {
        Held::Copy(ty, expr) if nullable => quote! {
            #[doc = #doc_const]
            pub const #constant: #ty = #expr;
            #[doc = #doc_accessor]
            #[doc = " An explicit `null` gives `None`."]
            pub fn #accessor(&self) -> ::core::option::Option<#ty> {
                match self.#value { crate::Nullable::Absent => ::core::option::Option::Some(Self::#constant), crate::Nullable::Null => ::core::option::Option::None, crate::Nullable::Value(value) => ::core::option::Option::Some(value) }
            }
        },
        Held::Copy(ty, expr) => quote! {
            #[doc = #doc_const]
            pub const #constant: #ty = #expr;
            #[doc = #doc_accessor]
            pub fn #accessor(&self) -> #ty {
                self.#value.unwrap_or(Self::#constant)
            }
        },
        Held::Str(literal) if nullable => quote! {
            #[doc = #doc_const]
            pub const #constant: &'static str = #literal;
            #[doc = #doc_accessor]
            #[doc = " An explicit `null` gives `None`."]
            pub fn #accessor(&self) -> ::core::option::Option<&str> {
                match &self.#value { crate::Nullable::Absent => ::core::option::Option::Some(Self::#constant), crate::Nullable::Null => ::core::option::Option::None, crate::Nullable::Value(value) => ::core::option::Option::Some(value.as_str()) }
            }
        },
        Held::Str(literal) => quote! {
            #[doc = #doc_const]
            pub const #constant: &'static str = #literal;
            #[doc = #doc_accessor]
            pub fn #accessor(&self) -> &str {
                self.#value.as_deref().unwrap_or(Self::#constant)
            }
        },
        Held::Owned(ty, expr) => {
            let builder = super::names::default_builder(&field.ident);
            let body = if nullable {
                quote! {
                    match &self.#value { crate::Nullable::Absent => ::core::option::Option::Some(Self::#builder()), crate::Nullable::Null => ::core::option::Option::None, crate::Nullable::Value(value) => ::core::option::Option::Some(::core::clone::Clone::clone(value)) }
                }
            } else {
                quote!(::core::option::Option::map_or_else(self.#value.as_ref(), Self::#builder, ::core::clone::Clone::clone))
            };
            let ret = if nullable { quote!(::core::option::Option<#ty>) } else { ty.clone() };
            quote! {
                #[doc = #doc_const]
                pub fn #builder() -> #ty {
                    #expr
                }
                #[doc = #doc_accessor]
                pub fn #accessor(&self) -> #ret {
                    #body
                }
            }
        }
    };
    Some(tokens)
}

fn held(ty: &Ty, value: &Value, space: &TypeSpace) -> Option<Held> {
    if ty.boxed {
        return None;
    }
    match (&ty.shape, value) {
        (Shape::Boolean, Value::Bool(b)) => Some(Held::Copy(quote!(bool), quote!(#b))),
        (Shape::Integer, Value::Number(n)) => {
            let n = Literal::i64_unsuffixed(n.as_i64().or_else(|| n.as_f64().map(|f| f as i64))?);
            Some(Held::Copy(quote!(i64), quote!(#n)))
        }
        (Shape::Number, Value::Number(n)) => {
            let n = Literal::f64_unsuffixed(n.as_f64()?);
            Some(Held::Copy(quote!(f64), quote!(#n)))
        }
        (Shape::String, Value::String(s)) => Some(Held::Str(string(s))),
        (Shape::Named(_), Value::String(_)) | (Shape::Array(_), Value::Array(_)) => {
            Some(Held::Owned(value_type(ty), expr(ty, value, space)?))
        }
        _ => None,
    }
}

/// A Rust expression that builds `value` as `ty`, for enums and lists of
/// scalars and enums; `None` for anything else.
fn expr(ty: &Ty, value: &Value, space: &TypeSpace) -> Option<TokenStream> {
    match (&ty.shape, value) {
        (Shape::Named(name), Value::String(s)) => {
            let TypeKind::Enum(e) = &space.types.get(name)?.kind else {
                return None;
            };
            let type_ident = ident(name);
            match e.variants.iter().find(|v| &v.value == s) {
                Some(variant) => {
                    let variant = ident(&variant.ident);
                    Some(quote!(#type_ident::#variant))
                }
                None if e.other != OtherValues::Rejected => {
                    let s = string(s);
                    Some(quote!(#type_ident::Other(::std::string::ToString::to_string(#s))))
                }
                None => None,
            }
        }
        (Shape::Array(items), Value::Array(values)) if !items.nullable => {
            let values: Vec<TokenStream> =
                values.iter().map(|v| scalar_or_enum(items, v, space)).collect::<Option<_>>()?;
            Some(quote!(::std::vec::Vec::from([#(#values),*])))
        }
        _ => None,
    }
}

fn scalar_or_enum(ty: &Ty, value: &Value, space: &TypeSpace) -> Option<TokenStream> {
    match held(ty, value, space)? {
        Held::Copy(_, expr) => Some(expr),
        Held::Str(literal) => Some(quote!(::std::string::ToString::to_string(#literal))),
        Held::Owned(_, expr) => Some(expr),
    }
}
