//! `src/types.rs`: one Rust item per [`TypeDef`].

use proc_macro2::TokenStream;
use quote::quote;

use super::object::IntegerReader;
use super::tokens::{
    additional_type, doc, doc_safe, field_type, ident, json_tokens, nullable_type, string, value_type,
};
use super::{constructors, defaults, validators};
use crate::ir::{
    Additional, EnumDef, Field, OtherValues, Presence, Shape, StructDef, Ty, TypeDef, TypeKind, TypeSpace, UnionDef,
};

/// Derived traits whose constructor is named after the trait.
const SELF_NAMED_DERIVES: [&str; 3] = ["Default", "Deserialize", "Serialize"];

pub fn tokens(space: &TypeSpace) -> TokenStream {
    tokens_part(space, 0, 1)
}

/// Part `part` of `parts` of `src/types.rs`: the module's attributes come
/// with the first, the JSON checks with the last, and the types in between
/// are shared out in spec order, so that the parts in order are the file.
pub fn tokens_part(space: &TypeSpace, part: usize, parts: usize) -> TokenStream {
    let checks = validators::Context::new(space);
    let share = space.types.len().div_ceil(parts.max(1));
    let items = space.types.values().skip(part * share).take(share).map(|def| type_def(def, space, &checks));
    let items: Vec<TokenStream> = items.collect();
    let json_checks =
        if part + 1 == parts { super::json_checks::tokens(space, &checks.check_names) } else { TokenStream::new() };
    if part > 0 {
        return quote!(#(#items)* #json_checks);
    }
    // A schema named after a derived trait (`Deserialize`, `Default`) gets
    // the trait's constructor (`fn deserialize`) under its own name; clippy
    // takes that for a hand-written `fn new` named after the type.
    let self_named = space
        .types
        .values()
        .any(|def| SELF_NAMED_DERIVES.contains(&def.name.as_str()))
        .then(|| quote!(#![allow(clippy::self_named_constructors)]));
    quote! {
        //! The types of every schema in the spec, in spec order.
        // The docs are the spec's prose as its authors laid it out (lists
        // whose lines rustdoc reads well enough), not ours to restyle; a
        // type nests as deeply as the spec's schema does (arrays of arrays).
        #![allow(clippy::doc_lazy_continuation, clippy::doc_overindented_list_items, clippy::type_complexity)]
        #self_named
        #(#items)*
        #json_checks
    }
}

/// The derives of a generated type: std's, serde's and (behind the
/// feature) schemars', each on a line of its own so that each fits one.
fn derives(std: TokenStream, serde: TokenStream) -> TokenStream {
    quote! {
        #[derive(#std)]
        #[derive(#serde)]
        #[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]
    }
}

fn type_def(def: &TypeDef, space: &TypeSpace, checks: &validators::Context<'_>) -> TokenStream {
    let docs = doc(def.doc.as_deref());
    let source = doc_safe(&format!(" Generated from `#{}`.", def.pointer));
    let source = if def.doc.is_some() { quote!(#[doc = ""] #[doc = #source]) } else { quote!(#[doc = #source]) };
    let name = ident(&def.name);
    // See `TypeKind::non_exhaustive`: what lets the spec grow in a minor version.
    let open = if def.kind.non_exhaustive() { quote!(#[non_exhaustive]) } else { TokenStream::new() };
    let body = match &def.kind {
        TypeKind::Struct(s) => structure(&name, s, space, &open),
        TypeKind::Enum(e) => string_enum(&name, e, &open),
        TypeKind::Union(u) => union(&name, u, space, &open),
        TypeKind::Alias(ty) => {
            let target = nullable_type(ty);
            quote!(pub type #name = #target;)
        }
        TypeKind::Json(_) => {
            let derives =
                derives(quote!(Debug, Clone, PartialEq, Default), quote!(serde::Serialize, serde::Deserialize));
            quote! {
                #derives
                #[serde(transparent)]
                pub struct #name(pub ::serde_json::Value);
            }
        }
    };
    let validate = validators::tokens(def, checks);
    quote! {
        #docs
        #source
        #body
        #validate
    }
}

fn structure(name: &proc_macro2::Ident, s: &StructDef, space: &TypeSpace, open: &TokenStream) -> TokenStream {
    let default = constructors::derives_default(s, space).then(|| quote!(, Default));
    let constructor = constructors::constructor(name, s, space);
    let derives = derives(quote!(Debug, Clone, PartialEq #default), quote!(serde::Serialize));
    let fields = s.fields.iter().map(field);
    let extra = additional_field(s);
    let deny = (s.additional == Additional::Forbidden)
        .then(|| quote!(#[cfg_attr(feature = "schemars", schemars(deny_unknown_fields))]));
    let presence = presence_schema(&s.presence);
    let accessors = defaults::accessors(name, s, space);
    let deserialize = super::object::deserialize(name, s, space);
    quote! {
        #derives
        #deny
        #presence
        #open
        pub struct #name {
            #(#fields)*
            #extra
        }

        #deserialize
        #constructor
        #accessors
    }
}

/// The presence rules, stated in the derived schema as the spec states them.
fn presence_schema(rules: &[crate::ir::PresenceRule]) -> TokenStream {
    use crate::ir::PresenceRule;
    let required = |names: &[String]| serde_json::json!({"required": names});
    let entries = rules.iter().map(|rule| {
        let value = match rule {
            PresenceRule::AnyOf(sets) | PresenceRule::OneOf(sets) => {
                serde_json::Value::Array(sets.iter().map(|s| required(s)).collect())
            }
            PresenceRule::Not(names) => required(names),
        };
        let keyword = rule.keyword();
        let value = json_tokens(&value);
        quote!(#keyword = #value)
    });
    if rules.is_empty() {
        return TokenStream::new();
    }
    quote!(#[cfg_attr(feature = "schemars", schemars(extend(#(#entries),*)))])
}

/// The field for properties beyond the declared ones, if the spec says
/// anything about them.
fn additional_field(s: &StructDef) -> TokenStream {
    let member = ident(&s.additional_ident);
    let ty = additional_type(&s.additional);
    match &s.additional {
        Additional::Ignored => TokenStream::new(),
        Additional::Forbidden => quote! {
            /// Properties the spec forbids (`additionalProperties: false`). Kept
            /// on parse only so that `validate()` can report them; never sent.
            #[serde(skip_serializing)]
            #[cfg_attr(feature = "schemars", schemars(skip))]
            pub #member: #ty,
        },
        Additional::Typed(_) => {
            quote! {
                /// Properties beyond the declared ones, as the spec's
                /// `additionalProperties` schema describes them.
                #[serde(flatten)]
                pub #member: #ty,
            }
        }
    }
}

/// `#[schemars(...)]` for a value's constraints, so that the derived JSON
/// Schema states them too.
fn schemars_constraints(ty: &Ty) -> TokenStream {
    let entries: Vec<TokenStream> = ty
        .constraints
        .iter()
        .map(|constraint| {
            let (keyword, value) = constraint.json_schema();
            let value = json_tokens(&value);
            quote!(#keyword = #value)
        })
        .collect();
    if entries.is_empty() {
        return TokenStream::new();
    }
    quote!(#[cfg_attr(feature = "schemars", schemars(extend(#(#entries),*)))])
}

/// A struct's field, with the attributes that `Serialize` and the derived
/// JSON Schema read (the struct's `Deserialize` is `object::deserialize`).
fn field(field: &Field) -> TokenStream {
    let docs = doc(field.doc.as_deref());
    let ident_tokens = ident(&field.ident);
    let presence = field.presence();
    let ty = field_type(&field.ty, presence);
    let mut serde = Vec::new();
    if field.ident.trim_start_matches("r#") != field.name {
        let name = string(&field.name);
        serde.push(quote!(rename = #name));
    }
    // `default` tells the derived schema that the property may be absent.
    match presence {
        Presence::Required | Presence::RequiredNullable => {}
        Presence::Optional => {
            serde.push(quote!(default));
            serde.push(quote!(skip_serializing_if = "::core::option::Option::is_none"));
        }
        Presence::OptionalNullable => {
            serde.push(quote!(default));
            serde.push(quote!(skip_serializing_if = "crate::Nullable::is_absent"));
        }
    }
    let serde = (!serde.is_empty()).then(|| quote!(#[serde(#(#serde),*)]));
    // The derived schema must say what the field accepts: an optional,
    // non-nullable field is never null, whatever its `Option` suggests.
    let schema_type = (presence == Presence::Optional && field.ty.shape != Shape::Any).then(|| {
        let with = value_type(&field.ty).to_string().replace(' ', "");
        quote!(#[cfg_attr(feature = "schemars", schemars(with = #with))])
    });
    let constraints = schemars_constraints(&field.ty);
    quote! {
        #docs
        #serde
        #schema_type
        #constraints
        pub #ident_tokens: #ty,
    }
}

fn string_enum(name: &proc_macro2::Ident, e: &EnumDef, open: &TokenStream) -> TokenStream {
    let exact = e.other == OtherValues::Rejected;
    let variants = e.variants.iter().enumerate().map(|(index, v)| {
        let variant = ident(&v.ident);
        let value = string(&v.value);
        let default = (exact && index == 0).then(|| quote!(#[default]));
        quote!(#default #[serde(rename = #value)] #variant,)
    });
    let other = match e.other {
        OtherValues::Rejected => TokenStream::new(),
        OtherValues::KeptInvalid => quote! {
            /// A value the spec does not list. Kept so that parsing never fails
            /// when the server adds a value; `validate()` reports it.
            #[serde(untagged)]
            #[cfg_attr(feature = "schemars", schemars(skip))]
            Other(::std::string::String),
        },
        OtherValues::KeptValid => quote! {
            /// Any other string: the spec allows values beyond those it lists.
            #[serde(untagged)]
            Other(::std::string::String),
        },
    };
    let default = exact.then(|| quote!(, Default));
    let values: Vec<_> = e.variants.iter().map(|v| string(&v.value)).collect();
    let arms = e.variants.iter().map(|v| {
        let variant = ident(&v.ident);
        let value = string(&v.value);
        quote!(Self::#variant => #value,)
    });
    let other_arm = (!exact).then(|| quote!(Self::Other(value) => value.as_str(),));
    let from_arms = e.variants.iter().map(|v| {
        let variant = ident(&v.ident);
        let value = string(&v.value);
        quote!(#value => Self::#variant,)
    });
    // An enum that keeps unknown strings deserializes with a string visitor:
    // serde's derive for an `untagged` catch-all variant would buffer every
    // value before matching it.
    let from = (!exact).then(|| {
        quote! {
            impl ::core::convert::From<&str> for #name {
                /// The listed variant for a listed value, `Other` for the rest.
                fn from(value: &str) -> Self {
                    match value {
                        #(#from_arms)*
                        other => Self::Other(::std::string::ToString::to_string(other)),
                    }
                }
            }

            // One visitor for every open enum (`de::open_enum`), which
            // reads a string by the `From<&str>` above.
            impl<'de> ::serde::Deserialize<'de> for #name {
                fn deserialize<__D: ::serde::Deserializer<'de>>(deserializer: __D) -> ::core::result::Result<Self, __D::Error> {
                    crate::de::open_enum(deserializer)
                }
            }
        }
    });
    let derive_deserialize = exact.then(|| quote!(, serde::Deserialize));
    let derives =
        derives(quote!(Debug, Clone, PartialEq, Eq, Hash #default), quote!(serde::Serialize #derive_deserialize));
    quote! {
        #derives
        #open
        pub enum #name {
            #(#variants)*
            #other
        }

        impl #name {
            /// The values the spec lists, in its order.
            pub const VALUES: &'static [&'static str] = &[#(#values),*];

            /// The JSON string of this value.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#arms)*
                    #other_arm
                }
            }
        }

        impl ::core::fmt::Display for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #from
    }
}

/// The runtime function that reads a union variant holding integers.
fn integer_reader(v: &crate::ir::UnionVariant, space: &TypeSpace) -> Option<&'static str> {
    IntegerReader::for_variant(&v.ty, space).and_then(IntegerReader::function)
}

fn union(name: &proc_macro2::Ident, u: &UnionDef, space: &TypeSpace, open: &TokenStream) -> TokenStream {
    let by_kind = match &u.tag {
        None => crate::ir::json_kinds::disjoint(&u.variants.iter().map(|v| v.ty.clone()).collect::<Vec<_>>(), space),
        Some(_) => None,
    };
    let derived = by_kind.is_none();
    let variants = u.variants.iter().map(|v| {
        let variant = ident(&v.ident);
        let ty = nullable_type(&v.ty);
        // Read by kind, the variant's reader is called by name instead.
        let integers =
            integer_reader(v, space).filter(|_| derived).map(|reader| quote!(#[serde(deserialize_with = #reader)]));
        let constraints = schemars_constraints(&v.ty);
        quote!(#integers #constraints #variant(#ty),)
    });
    let conversions = constructors::union_conversions(name, u, space);
    if let Some(tag) = &u.tag {
        let union = tagged_union(name, u, tag, variants.collect(), open);
        return quote!(#union #conversions);
    }
    if let Some(kinds) = &by_kind {
        let readers: Vec<Option<TokenStream>> = u
            .variants
            .iter()
            .map(|v| integer_reader(v, space).map(|reader| reader.parse().unwrap_or_default()))
            .collect();
        let deserialize = super::union_by_kind::deserialize(name, u, kinds, &readers);
        let derives = derives(quote!(Debug, Clone, PartialEq), quote!(serde::Serialize));
        return quote! {
            #derives
            #[allow(clippy::large_enum_variant)]
            #[serde(untagged)]
            pub enum #name {
                #(#variants)*
            }

            #deserialize
            #conversions
        };
    }
    // Read by the values its variants fix, when they fix any (and read no
    // integers, which their `deserialize_with` would need).
    let no_integers = u.variants.iter().all(|v| integer_reader(v, space).is_none());
    let by_values = super::union_by_values::fixed_properties(u, space).filter(|_| no_integers);
    let (serde, deserialize) = match &by_values {
        Some(fixed) => (quote!(serde::Serialize), super::union_by_values::deserialize(name, u, fixed)),
        None => (quote!(serde::Serialize, serde::Deserialize), TokenStream::new()),
    };
    let derives = derives(quote!(Debug, Clone, PartialEq), serde);
    quote! {
        #derives
        // Variants hold whole objects as the spec defines them; boxing the
        // large ones would cost every user an allocation and `Box` patterns.
        #[allow(clippy::large_enum_variant)]
        #[serde(untagged)]
        pub enum #name {
            #(#variants)*
        }

        #deserialize
        #conversions
    }
}

/// A union read by its tag (`de::deserialize_tagged`): its tag picks the
/// one variant to read, from the rest of the object as it streams in when
/// the tag comes first, else from the object buffered; an unknown tag is
/// kept as JSON in the catch-all.
/// Each variant's struct keeps its own tag field, so serializing needs no
/// tag handling (`untagged`).
fn tagged_union(
    name: &proc_macro2::Ident,
    u: &UnionDef,
    tag: &crate::ir::Tag,
    variants: Vec<TokenStream>,
    open: &TokenStream,
) -> TokenStream {
    let derives = derives(quote!(Debug, Clone, PartialEq), quote!(serde::Serialize));
    let other = ident(&tag.other_ident);
    let property = string(&tag.property);
    let other_doc = doc_safe(&format!(
        " A `{}` this version of the spec does not know, kept as JSON so that a newer server never breaks parsing; `validate()` reports it.",
        tag.property
    ));
    let arms = u.variants.iter().zip(&tag.values).map(|(v, value)| {
        let variant = ident(&v.ident);
        let value = string(value);
        quote!(#value => source.read().map(Self::#variant),)
    });
    quote! {
        #derives
        #open
        #[allow(clippy::large_enum_variant)]
        #[serde(untagged)]
        pub enum #name {
            #(#variants)*
            #[doc = #other_doc]
            #[cfg_attr(feature = "schemars", schemars(skip))]
            #other(::serde_json::Value),
        }

        impl<'de> crate::de::Tagged<'de> for #name {
            const PROPERTY: &'static str = #property;

            fn read_variant<__S: crate::de::Source<'de>>(tag: &str, source: __S) -> ::core::result::Result<Self, __S::Error> {
                match tag {
                    #(#arms)*
                    _ => source.read().map(Self::#other),
                }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<__D: ::serde::Deserializer<'de>>(deserializer: __D) -> ::core::result::Result<Self, __D::Error> {
                crate::de::deserialize_tagged(deserializer)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Ty, TypeSpace};

    fn field_tokens(required: bool, nullable: bool, name: &str) -> String {
        let field_def = Field {
            name: name.into(),
            ident: crate::naming::field_name(name),
            pointer: String::new(),
            ty: Ty { nullable, ..Ty::new(Shape::String) },
            required,
            doc: Some("Line one.\r\nLine two.".into()),
            default: None,
        };
        field(&field_def).to_string()
    }

    #[test]
    fn each_presence_has_its_type_and_serde_attributes() {
        let required = field_tokens(true, false, "a");
        assert!(required.contains("pub a : :: std :: string :: String") && !required.contains("serde"), "{required}");
        let required_nullable = field_tokens(true, true, "a");
        assert!(
            required_nullable.contains(":: core :: option :: Option <") && !required_nullable.contains("serde"),
            "{required_nullable}"
        );
        let optional = field_tokens(false, false, "a");
        assert!(
            optional.contains("skip_serializing_if = \"::core::option::Option::is_none\"")
                && !optional.contains("deserialize_with"),
            "{optional}"
        );
        let optional_nullable = field_tokens(false, true, "a");
        assert!(
            optional_nullable.contains("crate :: Nullable <")
                && optional_nullable.contains("crate::Nullable::is_absent"),
            "{optional_nullable}"
        );
    }

    #[test]
    fn renames_only_when_the_identifier_differs_and_docs_are_one_attribute_per_line() {
        assert!(!field_tokens(true, false, "type").contains("rename"), "r#type needs no rename");
        assert!(field_tokens(true, false, "userId").contains("rename = \"userId\""));
        let tokens = field_tokens(true, false, "a");
        assert_eq!(tokens.matches("# [doc =").count(), 2, "{tokens}");
    }

    #[test]
    fn closed_enums_hide_their_catch_all_from_the_schema_and_exact_ones_have_none() {
        let mut space = TypeSpace::default();
        let def = |name: &str, other| TypeDef {
            name: name.into(),
            pointer: "/p".into(),
            doc: None,
            kind: TypeKind::Enum(EnumDef {
                variants: vec![crate::ir::EnumVariant { value: "a-b".into(), ident: "AB".into() }],
                other,
            }),
        };
        for (name, other) in
            [("Closed", OtherValues::KeptInvalid), ("Open", OtherValues::KeptValid), ("Exact", OtherValues::Rejected)]
        {
            space.types.insert(name.into(), def(name, other));
        }
        let closed = type_def(&space.types["Closed"], &space, &validators::Context::new(&space)).to_string();
        assert!(closed.contains("schemars (skip)") && closed.contains("Other ("), "{closed}");
        let open = type_def(&space.types["Open"], &space, &validators::Context::new(&space)).to_string();
        assert!(!open.contains("schemars (skip)") && open.contains("Other ("), "{open}");
        let exact = type_def(&space.types["Exact"], &space, &validators::Context::new(&space)).to_string();
        assert!(!exact.contains("Other (") && exact.contains("# [default]"), "{exact}");
    }
}
