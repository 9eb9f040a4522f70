//! A union without a tag whose variants read different JSON types
//! (`ir::json_kinds::disjoint`: an integer or `"inf"`, a string or an
//! object) is read by the value's type: the value is buffered once
//! (`de::Content`) and read as the one variant that takes its type. serde's
//! `untagged` would try every variant in turn, building and dropping an
//! error for each that fails; the value it keeps is the same, since no
//! other variant could have read it.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::ident;
use crate::ir::{JsonType, UnionDef};

/// The `Content` kind a JSON type is read from.
fn kind(json: JsonType) -> TokenStream {
    match json {
        JsonType::Null => quote!(crate::de::Kind::Null),
        JsonType::Boolean => quote!(crate::de::Kind::Boolean),
        JsonType::Integer | JsonType::Number => quote!(crate::de::Kind::Number),
        JsonType::String => quote!(crate::de::Kind::String),
        JsonType::Array => quote!(crate::de::Kind::Array),
        JsonType::Object => quote!(crate::de::Kind::Object),
    }
}

fn article(json: JsonType) -> &'static str {
    match json {
        JsonType::Null => "null",
        JsonType::Boolean => "a boolean",
        JsonType::Integer => "an integer",
        JsonType::Number => "a number",
        JsonType::String => "a string",
        JsonType::Array => "an array",
        JsonType::Object => "an object",
    }
}

/// "a number, a string or an object".
fn expecting(kinds: &[Vec<JsonType>]) -> String {
    let names: Vec<&str> = kinds.iter().flatten().map(|json| article(*json)).collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => names.concat(),
    }
}

/// The `Deserialize` impl. `readers[i]` is the function that reads variant
/// `i` (its `deserialize_with`), if it is not the type's own.
pub fn deserialize(
    name: &proc_macro2::Ident,
    u: &UnionDef,
    kinds: &[Vec<JsonType>],
    readers: &[Option<TokenStream>],
) -> TokenStream {
    let arms = u.variants.iter().zip(kinds).zip(readers).map(|((variant, jsons), reader)| {
        let variant = ident(&variant.ident);
        let kinds = jsons.iter().map(|json| kind(*json));
        let read = match reader {
            Some(path) => quote!(#path(crate::de::ContentDeserializer::new(content))),
            None => quote!(crate::de::from_content(content)),
        };
        quote!(#(#kinds)|* => #read.map(Self::#variant),)
    });
    let expecting = expecting(kinds);
    quote! {
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<__D: ::serde::Deserializer<'de>>(deserializer: __D) -> ::core::result::Result<Self, __D::Error> {
                let content = <crate::de::Content<'de> as ::serde::Deserialize<'de>>::deserialize(deserializer)?;
                match content.kind() {
                    #(#arms)*
                    _ => ::core::result::Result::Err(content.invalid_type(#expecting)),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expecting_lists_every_type_once_in_variant_order() {
        let kinds = [vec![JsonType::Integer], vec![JsonType::String, JsonType::Null], vec![JsonType::Object]];
        assert_eq!(expecting(&kinds), "an integer, a string, null or an object");
        assert_eq!(expecting(&[vec![JsonType::Array]]), "an array");
    }
}
