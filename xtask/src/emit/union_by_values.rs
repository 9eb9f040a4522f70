//! A union without a tag whose variants fix some of their properties to a
//! value each (OpenAI's conversation items: three messages share
//! `type: "message"` and differ by `role`) is read by those values: the
//! value is buffered once and only the variants whose fixed properties it
//! has are tried, in order (`de::Candidates`). serde's `untagged` tries
//! every variant, building and dropping an error for each that fails; the
//! variant read is the same, since a skipped variant would have failed on
//! its fixed property, and so is the error when none reads the value.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::{ident, string};
use crate::ir::{Shape, TypeKind, TypeSpace, UnionDef};

/// The properties each variant fixes (required, not null, one value), in
/// variant order, if any variant fixes one.
pub fn fixed_properties(u: &UnionDef, space: &TypeSpace) -> Option<Vec<Vec<(String, String)>>> {
    let fixed: Vec<Vec<(String, String)>> = u
        .variants
        .iter()
        .map(|variant| match (&variant.ty.shape, variant.ty.nullable) {
            (Shape::Named(name), false) => match space.types.get(name).map(|def| &def.kind) {
                Some(TypeKind::Struct(s)) => s
                    .fields
                    .iter()
                    .filter_map(|field| Some((field.name.clone(), space.fixed_value(field)?.to_owned())))
                    .collect(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        })
        .collect();
    fixed.iter().any(|properties| !properties.is_empty()).then_some(fixed)
}

/// The `Deserialize` impl of the union `name`, `fixed` being
/// [`fixed_properties`].
pub fn deserialize(name: &proc_macro2::Ident, u: &UnionDef, fixed: &[Vec<(String, String)>]) -> TokenStream {
    let fits = fixed.iter().map(|properties| {
        let pairs = properties.iter().map(|(property, value)| {
            let (property, value) = (string(property), string(value));
            quote!((#property, #value))
        });
        quote!(content.has_values(&[#(#pairs),*]))
    });
    let attempts = u.variants.iter().enumerate().map(|(index, variant)| {
        let variant = ident(&variant.ident);
        let index = proc_macro2::Literal::usize_unsuffixed(index);
        quote! {
            if let ::core::option::Option::Some(value) = candidates.read::<_, __D::Error>(fits[#index]) {
                return ::core::result::Result::Ok(Self::#variant(value));
            }
        }
    });
    let union_name = string(&name.to_string());
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<__D: ::serde::Deserializer<'de>>(deserializer: __D) -> ::core::result::Result<Self, __D::Error> {
                let content = <crate::de::Content<'de> as ::serde::Deserialize<'de>>::deserialize(deserializer)?;
                let fits = [#(#fits),*];
                let mut candidates = crate::de::Candidates::new(content, &fits);
                #(#attempts)*
                ::core::result::Result::Err(crate::de::no_variant(#union_name))
            }
        }
    }
}
