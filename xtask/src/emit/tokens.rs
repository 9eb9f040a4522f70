//! Small token builders shared by the emitters.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{ToTokens, quote};

use crate::ir::{Presence, Shape, Ty};

/// An identifier from a name made by [`crate::naming`] (`r#type` → raw).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// One `#[doc]` attribute per line of spec prose, so that the formatter
/// prints `///` lines. Line ends are normalized and trailing blanks dropped;
/// the text is a string literal, so nothing in it can become code, and
/// [`super::prose`] keeps rustdoc from reading any of it as Rust.
pub fn doc(text: Option<&str>) -> TokenStream {
    let Some(text) = text else {
        return TokenStream::new();
    };
    let text = super::prose::for_rustdoc(&text.replace("\r\n", "\n").replace('\r', "\n"));
    let lines: Vec<&str> = text.trim_end().lines().map(str::trim_end).collect();
    let attrs = lines.iter().map(|line| {
        let line = if line.is_empty() { String::new() } else { format!(" {}", doc_safe(line)) };
        quote!(#[doc = #line])
    });
    quote!(#(#attrs)*)
}

/// One line of documentation with what must not reach a source file
/// escaped as `\u{..}`: control characters (rustc refuses a bare CR in doc
/// comments, and NUL has no business there) and the bidirectional and line
/// separator controls that can make code read differently than it compiles
/// (CVE-2021-42574; rustc denies them in comments).
pub fn doc_safe(line: &str) -> String {
    let dangerous = |c: char| {
        (c.is_control() && c != '\t')
            || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{2028}' | '\u{2029}')
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    };
    line.chars().map(|c| if dangerous(c) { format!("\\u{{{:04x}}}", c as u32) } else { c.to_string() }).collect()
}

/// An `Option` expression: `Some(value)` or `None`.
pub fn option(value: Option<TokenStream>) -> TokenStream {
    match value {
        Some(value) => quote!(::core::option::Option::Some(#value)),
        None => quote!(::core::option::Option::None),
    }
}

/// The Rust type for a use of a type, ignoring its top-level nullability
/// (which the field's [`Presence`] decides).
pub fn value_type(ty: &Ty) -> TokenStream {
    let inner = match &ty.shape {
        // Bare: nothing in `types.rs` is imported, and the generic
        // parameters generated code declares start with `__`, which no
        // type name does, so the crate's own names cannot be shadowed.
        Shape::Named(name) => ident(name).into_token_stream(),
        Shape::Boolean => quote!(bool),
        Shape::Integer => quote!(i64),
        Shape::Number => quote!(f64),
        Shape::String => quote!(::std::string::String),
        Shape::Any => quote!(::serde_json::Value),
        Shape::Array(items) => {
            let items = nullable_type(items);
            quote!(::std::vec::Vec<#items>)
        }
        Shape::Map(values) if values.shape == Shape::Any && !values.nullable => {
            quote!(::serde_json::Map<::std::string::String, ::serde_json::Value>)
        }
        Shape::Map(values) => {
            let values = nullable_type(values);
            quote!(::std::collections::BTreeMap<::std::string::String, #values>)
        }
    };
    if ty.boxed { quote!(::std::boxed::Box<#inner>) } else { inner }
}

/// The Rust type for a value that may itself be null (array items, map
/// values, union branches).
pub fn nullable_type(ty: &Ty) -> TokenStream {
    let inner = value_type(ty);
    if ty.nullable && ty.shape != Shape::Any { quote!(::core::option::Option<#inner>) } else { inner }
}

/// The Rust type of a struct field.
pub fn field_type(ty: &Ty, presence: Presence) -> TokenStream {
    let inner = value_type(ty);
    // `serde_json::Value` holds null itself.
    if ty.shape == Shape::Any && presence != Presence::Optional {
        return match presence {
            Presence::OptionalNullable => quote!(crate::Nullable<#inner>),
            _ => inner,
        };
    }
    match presence {
        Presence::Required => inner,
        Presence::RequiredNullable | Presence::Optional => quote!(::core::option::Option<#inner>),
        Presence::OptionalNullable => quote!(crate::Nullable<#inner>),
    }
}

/// The Rust type of the field that holds a struct's undeclared properties,
/// if the spec says anything about them.
pub fn additional_type(additional: &crate::ir::Additional) -> Option<TokenStream> {
    use crate::ir::Additional;
    match additional {
        Additional::Ignored => None,
        Additional::Forbidden => Some(quote!(::serde_json::Map<::std::string::String, ::serde_json::Value>)),
        Additional::Typed(ty) => {
            let values = nullable_type(ty);
            Some(quote!(::std::collections::BTreeMap<::std::string::String, #values>))
        }
    }
}

/// A field's Rust type as a reader would write it (`Option<Vec<String>>`),
/// for reports: the paths the generated code spells out are dropped.
pub fn field_type_text(ty: &Ty, presence: Presence) -> String {
    let text: String = field_type(ty, presence).to_string().chars().filter(|c| !c.is_whitespace()).collect();
    let paths = ["::core::option::", "::std::vec::", "::std::string::", "::std::collections::", "::std::boxed::"];
    let text = paths.iter().fold(text, |text, path| text.replace(path, ""));
    ["crate::", "::serde_json::"].iter().fold(text, |text, path| text.replace(path, "")).replace(',', ", ")
}

/// A string literal token.
pub fn string(value: &str) -> Literal {
    Literal::string(value)
}

/// A JSON value as tokens in `json!` syntax (for `#[schemars(extend(...))]`).
pub fn json_tokens(value: &serde_json::Value) -> TokenStream {
    use serde_json::Value;
    match value {
        Value::Null => quote!(null),
        Value::Bool(b) => quote!(#b),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => {
                let literal = Literal::i64_unsuffixed(i);
                quote!(#literal)
            }
            (_, Some(u), _) => {
                let literal = Literal::u64_unsuffixed(u);
                quote!(#literal)
            }
            (_, _, Some(f)) => {
                let literal = Literal::f64_unsuffixed(f);
                quote!(#literal)
            }
            _ => quote!(null),
        },
        Value::String(s) => {
            let literal = string(s);
            quote!(#literal)
        }
        Value::Array(items) => {
            let items = items.iter().map(json_tokens);
            quote!([#(#items),*])
        }
        Value::Object(map) => {
            let entries = map.iter().map(|(k, v)| {
                let k = string(k);
                let v = json_tokens(v);
                quote!(#k: #v)
            });
            quote!({#(#entries),*})
        }
    }
}
