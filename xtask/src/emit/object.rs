//! A struct's `Deserialize`: a table of its properties for the runtime's
//! `de::object!`, which reads each entry of the object into its
//! property's slot (see `runtime/de/object.rs`).
//!
//! Not derived, because serde's derive writes about a dozen generic
//! functions and helper types per struct (a field enum, its visitor, a
//! sequence reader, a wrapper per `deserialize_with`), and rustc's checking
//! of those was most of a generated crate's compile time. The errors are
//! serde's own.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use super::tokens::{ident, string};
use crate::ir::{Additional, Field, Presence, Shape, StructDef, Ty, TypeKind, TypeSpace};

/// `crate::de::object!(Name, [(field, index, "property", seed, presence), ..], others(seed))`.
pub fn deserialize(name: &Ident, s: &StructDef, space: &TypeSpace) -> TokenStream {
    let rows = s.fields.iter().enumerate().map(|(index, field)| {
        let slot = ident(&field.ident);
        let index = Literal::usize_unsuffixed(index);
        let property = string(&field.name);
        let seed = seed(field, space);
        let presence = match field.presence() {
            Presence::Required | Presence::RequiredNullable => "required",
            Presence::Optional | Presence::OptionalNullable => "optional",
        };
        let presence = Ident::new(presence, Span::call_site());
        quote!((#slot, #index, #property, #seed, #presence))
    });
    let others_seed = match &s.additional {
        Additional::Ignored => None,
        Additional::Forbidden => Some(seed_ident("as_is")),
        Additional::Typed(ty) => {
            Some(IntegerReader::for_variant(ty, space).map_or_else(|| seed_ident("as_is"), IntegerReader::seed))
        }
    };
    let others = others_seed.map(|seed| {
        let others = ident(&s.additional_ident);
        quote!(, #others(#seed))
    });
    quote!(crate::de::object!(#name, [#(#rows),*] #others);)
}

fn seed_ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// The function of the runtime's `de::seed` that reads a property's value
/// into the type of its slot.
fn seed(field: &Field, space: &TypeSpace) -> Ident {
    let presence = field.presence();
    match IntegerReader::for_value(&field.ty, presence, space) {
        Some(reader) => reader.seed(),
        None if presence == Presence::Optional => seed_ident("present"),
        None => seed_ident("as_is"),
    }
}

/// How a value holding `i64`s is read: they accept integral floats
/// (`3.0`), which JSON Schema counts as integers and serde's `i64` refuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntegerReader {
    /// A required `i64`.
    Integer,
    /// A required `i64` that may be null.
    IntegerOrNull,
    /// An optional `i64` that may not be null.
    IntegerPresent,
    /// An optional `i64` that may be null.
    IntegerNullable,
    /// Integers in lists or maps, read through JSON.
    Nested,
    /// [`IntegerReader::Nested`], for an optional property that may not be null.
    NestedPresent,
}

impl IntegerReader {
    /// The reader of a value of `ty`, present as `presence` says, if it holds integers.
    pub fn for_value(ty: &Ty, presence: Presence, space: &TypeSpace) -> Option<IntegerReader> {
        let nested = integer_holding(ty, space)?;
        Some(match (nested, presence) {
            (false, Presence::Required) => IntegerReader::Integer,
            (false, Presence::RequiredNullable) => IntegerReader::IntegerOrNull,
            (false, Presence::Optional) => IntegerReader::IntegerPresent,
            (false, Presence::OptionalNullable) => IntegerReader::IntegerNullable,
            (true, Presence::Optional) => IntegerReader::NestedPresent,
            (true, _) => IntegerReader::Nested,
        })
    }

    /// The reader of a value that is always present and may be null as
    /// `ty` says (a map value, a union's variant).
    pub fn for_variant(ty: &Ty, space: &TypeSpace) -> Option<IntegerReader> {
        let presence = if ty.nullable { Presence::RequiredNullable } else { Presence::Required };
        IntegerReader::for_value(ty, presence, space)
    }

    /// The runtime function that reads the value from a deserializer (for
    /// `deserialize_with` and the unions read by JSON type), and the
    /// function of `de::seed` that makes the seed reading a struct's property.
    fn runtime(self) -> (Option<&'static str>, &'static str) {
        match self {
            IntegerReader::Integer => (Some("crate::de::integer"), "integer"),
            IntegerReader::IntegerOrNull => (Some("crate::de::integer_or_null"), "integer_or_null"),
            IntegerReader::IntegerPresent => (None, "integer_present"),
            IntegerReader::IntegerNullable => (None, "integer_nullable"),
            IntegerReader::Nested => (Some("crate::de::integral"), "nested_integers"),
            IntegerReader::NestedPresent => (None, "nested_integers_present"),
        }
    }

    /// The runtime function, which the readers of a union variant have.
    pub fn function(self) -> Option<&'static str> {
        self.runtime().0
    }

    fn seed(self) -> Ident {
        seed_ident(self.runtime().1)
    }
}

/// Whether `ty` holds integers: `Some(true)` in lists or maps, `Some(false)`
/// as itself (following aliases).
fn integer_holding(ty: &Ty, space: &TypeSpace) -> Option<bool> {
    match &ty.shape {
        Shape::Integer => Some(false),
        Shape::Array(inner) | Shape::Map(inner) => integer_holding(inner, space).map(|_| true),
        Shape::Named(name) => match space.types.get(name).map(|d| &d.kind) {
            Some(TypeKind::Alias(inner)) => integer_holding(inner, space),
            _ => None,
        },
        _ => None,
    }
}
