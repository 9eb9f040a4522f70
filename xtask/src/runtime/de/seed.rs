//! The seeds that read a generated struct's property values, each named in
//! the struct's `object!` table by the function here that
//! makes it.

use ::core::marker::PhantomData;
use ::core::option::Option::{self, Some};
use ::core::result::Result;

/// Reads a property's value as its type reads it.
pub fn as_is<T>() -> PhantomData<T> {
    PhantomData
}

/// Reads an optional property that the spec does not allow to be `null`:
/// present means a value, so `null` is an error (unless the type is JSON
/// itself) rather than being silently read as absent, which would also
/// change it on the way out.
pub fn present<T>() -> Present<T> {
    Present(PhantomData)
}

/// See [`present`].
pub struct Present<T>(PhantomData<T>);

impl<'de, T: ::serde::Deserialize<'de>> ::serde::de::DeserializeSeed<'de> for Present<T> {
    type Value = Option<T>;

    fn deserialize<D: ::serde::Deserializer<'de>>(self, deserializer: D) -> Result<Option<T>, D::Error> {
        T::deserialize(deserializer).map(Some)
    }
}

/// Seeds that read integer properties by the functions of [`super`], which
/// accept integral floats (`3.0`).
macro_rules! integer_seeds {
    ($($(#[$doc:meta])* $make:ident -> $seed:ident: $value:ty = $read:path;)*) => {
        $(
            $(#[$doc])*
            pub fn $make() -> $seed {
                $seed
            }

            #[doc = ::core::concat!("See [`", ::core::stringify!($make), "`].")]
            pub struct $seed;

            impl<'de> ::serde::de::DeserializeSeed<'de> for $seed {
                type Value = $value;

                fn deserialize<D: ::serde::Deserializer<'de>>(self, deserializer: D) -> Result<$value, D::Error> {
                    $read(deserializer)
                }
            }
        )*
    };
}

integer_seeds! {
    /// A required `i64` property.
    integer -> Integer: i64 = super::integer;
    /// A required `i64` property that may be null.
    integer_or_null -> IntegerOrNull: Option<i64> = super::integer_or_null;
    /// An optional `i64` property that must not be null.
    integer_present -> IntegerPresent: Option<i64> = super::integer_present;
    /// An optional `i64` property that may be null.
    integer_nullable -> IntegerNullable: crate::Nullable<i64> = super::integer_nullable;
}

/// Reads a value holding integers in lists or maps ([`super::integral`]).
pub fn nested_integers<T>() -> NestedIntegers<T> {
    NestedIntegers(PhantomData)
}

/// See [`nested_integers`].
pub struct NestedIntegers<T>(PhantomData<T>);

impl<'de, T: ::serde::de::DeserializeOwned> ::serde::de::DeserializeSeed<'de> for NestedIntegers<T> {
    type Value = T;

    fn deserialize<D: ::serde::Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        super::integral(deserializer)
    }
}

/// [`nested_integers`] for an optional property that must not be null.
pub fn nested_integers_present<T>() -> NestedIntegersPresent<T> {
    NestedIntegersPresent(PhantomData)
}

/// See [`nested_integers_present`].
pub struct NestedIntegersPresent<T>(PhantomData<T>);

impl<'de, T: ::serde::de::DeserializeOwned> ::serde::de::DeserializeSeed<'de> for NestedIntegersPresent<T> {
    type Value = Option<T>;

    fn deserialize<D: ::serde::Deserializer<'de>>(self, deserializer: D) -> Result<Option<T>, D::Error> {
        super::integral(deserializer).map(Some)
    }
}
