//! `src/types.rs`: one Rust item per [`TypeDef`].

use proc_macro2::TokenStream;
use quote::quote;

use super::defaults;
use super::tokens::{doc, field_type, ident, nullable_type, string};
use crate::ir::{
    EnumDef, Field, OtherValues, Presence, Shape, StructDef, TypeDef, TypeKind, TypeSpace, UnionDef,
};

pub fn tokens(space: &TypeSpace) -> TokenStream {
    let items = space.types.values().map(|def| type_def(def, space));
    quote! {
        //! The types of every schema in the spec, in spec order.
        #(#items)*
    }
}

const SCHEMARS: fn() -> TokenStream =
    || quote!(#[cfg_attr(feature = "schemars", derive(::schemars::JsonSchema))]);

fn type_def(def: &TypeDef, space: &TypeSpace) -> TokenStream {
    let docs = doc(def.doc.as_deref());
    let source = format!(" Generated from `#{}`.", def.pointer);
    let source = if def.doc.is_some() {
        quote!(#[doc = ""] #[doc = #source])
    } else {
        quote!(#[doc = #source])
    };
    let name = ident(&def.name);
    let body = match &def.kind {
        TypeKind::Struct(s) => structure(&name, s, space),
        TypeKind::Enum(e) => string_enum(&name, e),
        TypeKind::Union(u) => union(&name, u),
        TypeKind::Alias(ty) => {
            let target = nullable_type(ty);
            quote!(pub type #name = #target;)
        }
    };
    quote! {
        #docs
        #source
        #body
    }
}

fn structure(name: &proc_macro2::Ident, s: &StructDef, space: &TypeSpace) -> TokenStream {
    let all_optional = s.fields.iter().all(|f| !f.required);
    let default = all_optional.then(|| quote!(::core::default::Default,));
    let schemars = SCHEMARS();
    let fields = s.fields.iter().map(field);
    let accessors = defaults::accessors(name, s, space);
    quote! {
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq, #default ::serde::Serialize, ::serde::Deserialize)]
        #schemars
        pub struct #name {
            #(#fields)*
        }
        #accessors
    }
}

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
    match presence {
        Presence::Required => {}
        // Without this, serde would read a missing `Option` field as `None`
        // and so accept an object that lacks a required property.
        Presence::RequiredNullable if field.ty.shape != Shape::Any => serde.push(quote!(
            deserialize_with = "::serde::Deserialize::deserialize"
        )),
        Presence::RequiredNullable => {}
        Presence::Optional => {
            serde.push(quote!(default));
            serde.push(quote!(
                skip_serializing_if = "::core::option::Option::is_none"
            ));
            serde.push(quote!(deserialize_with = "crate::nullable::non_null"));
        }
        Presence::OptionalNullable => {
            serde.push(quote!(default));
            serde.push(quote!(skip_serializing_if = "crate::Nullable::is_absent"));
        }
    }
    let serde = (!serde.is_empty()).then(|| quote!(#[serde(#(#serde),*)]));
    quote! {
        #docs
        #serde
        pub #ident_tokens: #ty,
    }
}

fn string_enum(name: &proc_macro2::Ident, e: &EnumDef) -> TokenStream {
    let schemars = SCHEMARS();
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
    let default = exact.then(|| quote!(::core::default::Default,));
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
        }
    });
    quote! {
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash, #default ::serde::Serialize, ::serde::Deserialize)]
        #schemars
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

fn union(name: &proc_macro2::Ident, u: &UnionDef) -> TokenStream {
    let schemars = SCHEMARS();
    let variants = u.variants.iter().map(|v| {
        let variant = ident(&v.ident);
        let ty = nullable_type(&v.ty);
        quote!(#variant(#ty),)
    });
    quote! {
        #[derive(::core::fmt::Debug, ::core::clone::Clone, ::core::cmp::PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #schemars
        #[serde(untagged)]
        pub enum #name {
            #(#variants)*
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
            ty: Ty {
                nullable,
                ..Ty::new(Shape::String)
            },
            required,
            doc: Some("Line one.\r\nLine two.".into()),
            default: None,
        };
        field(&field_def).to_string()
    }

    #[test]
    fn each_presence_has_its_type_and_serde_attributes() {
        let required = field_tokens(true, false, "a");
        assert!(
            required.contains("pub a : :: std :: string :: String") && !required.contains("serde"),
            "{required}"
        );
        let required_nullable = field_tokens(true, true, "a");
        assert!(
            required_nullable.contains(":: core :: option :: Option <")
                && required_nullable
                    .contains("deserialize_with = \"::serde::Deserialize::deserialize\""),
            "{required_nullable}"
        );
        let optional = field_tokens(false, false, "a");
        assert!(
            optional.contains("skip_serializing_if = \"::core::option::Option::is_none\"")
                && optional.contains("crate::nullable::non_null"),
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
        assert!(
            !field_tokens(true, false, "type").contains("rename"),
            "r#type needs no rename"
        );
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
                variants: vec![crate::ir::EnumVariant {
                    value: "a-b".into(),
                    ident: "AB".into(),
                }],
                other,
            }),
        };
        for (name, other) in [
            ("Closed", OtherValues::KeptInvalid),
            ("Open", OtherValues::KeptValid),
            ("Exact", OtherValues::Rejected),
        ] {
            space.types.insert(name.into(), def(name, other));
        }
        let closed = type_def(&space.types["Closed"], &space).to_string();
        assert!(
            closed.contains("schemars (skip)") && closed.contains("Other ("),
            "{closed}"
        );
        let open = type_def(&space.types["Open"], &space).to_string();
        assert!(
            !open.contains("schemars (skip)") && open.contains("Other ("),
            "{open}"
        );
        let exact = type_def(&space.types["Exact"], &space).to_string();
        assert!(
            !exact.contains("Other (") && exact.contains("# [default]"),
            "{exact}"
        );
    }
}
