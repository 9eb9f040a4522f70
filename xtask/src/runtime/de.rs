//! Deserialization helpers that generated code names: the readers of
//! structs ([`Object`]), of unions, and of integers.

mod content;
mod object;
pub mod seed;
mod untagged;

pub use content::{Content, ContentDeserializer, Kind, Source, Tagged, deserialize_tagged, from_content};
#[allow(unused_imports)]
pub(crate) use object::object;
pub use object::{Key, Keys, KeysOrNames, Object, keep, optional, read_object, read_value, required, skip_value};
pub use untagged::{Candidates, no_variant};

/// Reads an open enum (one that keeps the strings the spec does not list)
/// from a string, by its `From<&str>`. Serde's derive for an `untagged`
/// catch-all variant would buffer every value before matching it; this is
/// one visitor for every such enum instead of one each.
pub fn open_enum<'de, D, T>(deserializer: D) -> ::core::result::Result<T, D::Error>
where
    D: ::serde::Deserializer<'de>,
    T: for<'a> ::core::convert::From<&'a str>,
{
    struct OpenEnum<T>(::core::marker::PhantomData<T>);

    impl<'de, T: for<'a> ::core::convert::From<&'a str>> ::serde::de::Visitor<'de> for OpenEnum<T> {
        type Value = T;

        fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: ::serde::de::Error>(self, value: &str) -> ::core::result::Result<T, E> {
            ::core::result::Result::Ok(T::from(value))
        }
    }

    deserializer.deserialize_str(OpenEnum(::core::marker::PhantomData))
}

/// Integer fields accept integral floats (`3.0`), which JSON Schema counts
/// as integers, while serde's `i64` would refuse them.
pub fn integral<'de, D, T>(deserializer: D) -> ::core::result::Result<T, D::Error>
where
    D: ::serde::Deserializer<'de>,
    T: ::serde::de::DeserializeOwned,
{
    let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
    T::deserialize(integral_floats_to_integers(value)).map_err(<D::Error as ::serde::de::Error>::custom)
}

fn integral_floats_to_integers(value: ::serde_json::Value) -> ::serde_json::Value {
    use ::serde_json::Value;
    match value {
        Value::Number(n) if n.is_f64() => match n.as_f64() {
            ::core::option::Option::Some(f) if is_i64(f) => Value::from(f as i64),
            _ => Value::Number(n),
        },
        Value::Array(items) => Value::Array(items.into_iter().map(integral_floats_to_integers).collect()),
        Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (k, integral_floats_to_integers(v))).collect()),
        other => other,
    }
}

/// Whether an integral float is taken as an `i64`: below 2^63 in magnitude.
/// `-2^63` itself is refused although `i64::MIN` is `-2^63`, because a
/// deserializer reads an integer literal below `i64::MIN`
/// (`-9223372036854775809`) as exactly that float, and it must not become
/// `i64::MIN` unnoticed; `-9223372036854775808` written as an integer is
/// read as an `i64` and never gets here.
fn is_i64(v: f64) -> bool {
    v.fract() == 0.0 && v.abs() < 9_223_372_036_854_775_808.0
}

/// Accepts any JSON integer that fits an `i64`, including integral floats.
struct IntegerVisitor;

impl<'de> ::serde::de::Visitor<'de> for IntegerVisitor {
    type Value = i64;

    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.write_str("an integer")
    }

    fn visit_i64<E: ::serde::de::Error>(self, v: i64) -> ::core::result::Result<i64, E> {
        ::core::result::Result::Ok(v)
    }

    fn visit_u64<E: ::serde::de::Error>(self, v: u64) -> ::core::result::Result<i64, E> {
        i64::try_from(v).map_err(|_| E::invalid_value(::serde::de::Unexpected::Unsigned(v), &"an integer that fits 64 bits"))
    }

    fn visit_f64<E: ::serde::de::Error>(self, v: f64) -> ::core::result::Result<i64, E> {
        if is_i64(v) {
            ::core::result::Result::Ok(v as i64)
        } else {
            ::core::result::Result::Err(E::invalid_type(::serde::de::Unexpected::Float(v), &self))
        }
    }
}

/// Like [`IntegerVisitor`], but `null` is `None`.
struct NullableIntegerVisitor;

impl<'de> ::serde::de::Visitor<'de> for NullableIntegerVisitor {
    type Value = ::core::option::Option<i64>;

    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.write_str("an integer or null")
    }

    fn visit_none<E: ::serde::de::Error>(self) -> ::core::result::Result<Self::Value, E> {
        ::core::result::Result::Ok(::core::option::Option::None)
    }

    fn visit_unit<E: ::serde::de::Error>(self) -> ::core::result::Result<Self::Value, E> {
        ::core::result::Result::Ok(::core::option::Option::None)
    }

    fn visit_some<D: ::serde::Deserializer<'de>>(self, deserializer: D) -> ::core::result::Result<Self::Value, D::Error> {
        integer(deserializer).map(::core::option::Option::Some)
    }

    fn visit_i64<E: ::serde::de::Error>(self, v: i64) -> ::core::result::Result<Self::Value, E> {
        IntegerVisitor.visit_i64(v).map(::core::option::Option::Some)
    }

    fn visit_u64<E: ::serde::de::Error>(self, v: u64) -> ::core::result::Result<Self::Value, E> {
        IntegerVisitor.visit_u64(v).map(::core::option::Option::Some)
    }

    fn visit_f64<E: ::serde::de::Error>(self, v: f64) -> ::core::result::Result<Self::Value, E> {
        IntegerVisitor.visit_f64(v).map(::core::option::Option::Some)
    }
}

/// An `i64` field (the fast path of [`integral`]).
pub fn integer<'de, D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<i64, D::Error> {
    deserializer.deserialize_any(IntegerVisitor)
}

/// An optional `i64` field that must not be null.
pub fn integer_present<'de, D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<::core::option::Option<i64>, D::Error> {
    integer(deserializer).map(::core::option::Option::Some)
}

/// A required `i64` field that may be null.
pub fn integer_or_null<'de, D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<::core::option::Option<i64>, D::Error> {
    deserializer.deserialize_option(NullableIntegerVisitor)
}

/// An optional `i64` field that may be null.
pub fn integer_nullable<'de, D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<crate::Nullable<i64>, D::Error> {
    integer_or_null(deserializer).map(::core::convert::Into::into)
}
