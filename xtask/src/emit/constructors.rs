//! How a user builds a value without writing what the spec already fixes.
//!
//! Structs are `#[non_exhaustive]` (so that a new optional property is a
//! minor version), so users build them with `Default` or `new` and set
//! fields after. A field the spec fixes to one value (an event's `type`
//! tag: a required closed single-value enum, see [`TypeSpace::fixed_value`])
//! has that value as its `Default`. So a struct whose required fields are
//! all fixed derives `Default`; any other gets `new(...)`, which takes its
//! other required fields in spec order and leaves every optional field
//! absent. Either way the tag is never written by hand.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{doc_safe, field_type, ident, value_type};
use crate::ir::{Additional, Presence, Shape, StructDef, Ty, TypeKind, TypeSpace, UnionDef, UnionVariant};

/// Past this many positional arguments clippy's `too_many_arguments` warns;
/// a struct that needs more still needs a constructor.
const MAX_PARAMETERS: usize = 7;

/// Whether the struct derives `Default`: every required field is fixed.
pub fn derives_default(s: &StructDef, space: &TypeSpace) -> bool {
    s.fields.iter().all(|f| !f.required || space.fixed_value(f).is_some())
}

/// `impl Name { pub fn new(...) -> Self }` for a struct with required
/// fields that are not fixed; nothing for one that derives `Default`.
pub fn constructor(name: &proc_macro2::Ident, s: &StructDef, space: &TypeSpace) -> TokenStream {
    let is_fixed: Vec<bool> = s.fields.iter().map(|f| space.fixed_value(f).is_some()).collect();
    let fields = || s.fields.iter().zip(is_fixed.iter().copied());
    let fixed: Vec<&str> = fields().filter(|(_, fixed)| *fixed).map(|(f, _)| f.name.as_str()).collect();
    let given: Vec<_> = fields().filter(|(f, fixed)| f.required && !fixed).map(|(f, _)| f).collect();
    if given.is_empty() {
        return TokenStream::new();
    }
    let many = (given.len() > MAX_PARAMETERS).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let params = given.iter().map(|f| {
        let param = ident(&f.ident);
        let ty = field_type(&f.ty, f.presence());
        quote!(#param: impl ::core::convert::Into<#ty>)
    });
    let inits = fields().map(|(f, fixed)| {
        let member = ident(&f.ident);
        let value = match f.presence() {
            _ if fixed => quote!(::core::default::Default::default()),
            Presence::Required | Presence::RequiredNullable => quote!(::core::convert::Into::into(#member)),
            Presence::Optional => quote!(::core::option::Option::None),
            Presence::OptionalNullable => quote!(crate::Nullable::Absent),
        };
        quote!(#member: #value,)
    });
    let extra = (s.additional != Additional::Ignored).then(|| {
        let member = ident(&s.additional_ident);
        quote!(#member: ::core::default::Default::default(),)
    });
    let names = |names: &[&str]| names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
    let given_names: Vec<&str> = given.iter().map(|f| f.name.as_str()).collect();
    let fixed_words = match fixed.len() {
        0 => String::new(),
        _ => format!("; {} set to the one value the spec allows", names(&fixed)),
    };
    let doc = doc_safe(&format!(
        " Builds a `{name}` from its required {}{fixed_words}, with every optional property absent.",
        names(&given_names),
    ));
    quote! {
        impl #name {
            #[doc = #doc]
            #many
            pub fn new(#(#params),*) -> Self {
                Self { #(#inits)* #extra }
            }
        }
    }
}

/// `From<Variant> for Union` for each variant that holds a type of its own
/// (a named type no other variant holds, and not an alias, which may name
/// the same type as another), so that an event is built as
/// `Event::new(..).into()` where a union is expected.
pub fn union_conversions(name: &proc_macro2::Ident, u: &UnionDef, space: &TypeSpace) -> TokenStream {
    let named = |v: &UnionVariant| match (&v.ty.shape, v.ty.nullable) {
        (Shape::Named(type_name), false)
            if space.types.get(type_name).is_some_and(|t| !matches!(t.kind, TypeKind::Alias(_))) =>
        {
            Some(type_name.clone())
        }
        _ => None,
    };
    let held: Vec<Option<String>> = u.variants.iter().map(named).collect();
    let impls = u.variants.iter().zip(&held).filter_map(|(v, type_name)| {
        let type_name = type_name.as_ref()?;
        // `From<Self>` is std's already.
        if *name == type_name || held.iter().filter(|h| h.as_ref() == Some(type_name)).count() > 1 {
            return None;
        }
        let variant = ident(&v.ident);
        let ty = value_type(&Ty { boxed: false, ..v.ty.clone() });
        let value = if v.ty.boxed { quote!(::std::boxed::Box::new(value)) } else { quote!(value) };
        Some(quote! {
            impl ::core::convert::From<#ty> for #name {
                fn from(value: #ty) -> Self {
                    Self::#variant(#value)
                }
            }
        })
    });
    quote!(#(#impls)*)
}
