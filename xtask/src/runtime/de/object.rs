//! Reading a generated struct from a JSON object: what serde's derive
//! writes out for every struct, written once here.
//!
//! A generated struct implements [`Object`]: one generic function that
//! reads each entry of the map into a slot, by the index of its key among
//! the struct's property names. Everything else (the visitor, the key
//! visitor, duplicate and missing property errors, the readers of integer
//! and non-null properties) is shared. serde's derive writes about a dozen
//! generic functions and helper types per struct, and rustc's checking of
//! them was most of a generated crate's compile time.
//!
//! The error messages are serde's own: `missing field`, `duplicate field`,
//! and `invalid type: ..., expected struct Name`.

use ::core::marker::PhantomData;
use ::core::option::Option::{self, None, Some};
use ::core::result::Result::{self, Err, Ok};

/// A generated struct, read from the entries of a map.
pub trait Object: Sized {
    /// What a parse error says was expected, as serde's derive says it:
    /// `struct Name`.
    const EXPECTING: &'static str;

    /// Reads the struct from the entries of `map`.
    fn read_map<'de, A: ::serde::de::MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// `Deserialize::deserialize` of a generated struct: from a map only.
/// serde's derive also reads a struct from a sequence, by position (`[]`
/// for a struct whose properties are all optional), which JSON Schema's
/// `type: object` refuses.
pub fn read_object<'de, D: ::serde::Deserializer<'de>, T: Object>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: Object> ::serde::de::Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::read_map(map)
    }
}

/// Reads a key as the index of the property it names among `.0`, the
/// struct's property names, or `None` for a property it does not declare.
/// The search starts at `.1`, the index after the last property read:
/// a sender writes an object's properties in the same order each time,
/// and often in the spec's, so the next key is most often the next name.
pub struct Keys(pub &'static [&'static str], pub usize);

/// Reads a key as [`Keys`] does, keeping the name of a property the
/// struct does not declare (for a struct that holds such properties).
pub struct KeysOrNames(pub &'static [&'static str], pub usize);

/// The index of `key` among `names`, searched from `start` round to it.
/// Lengths and end bytes are compared before the whole name, so that a
/// call to `memcmp` is made only for a likely match.
fn position(names: &[&str], start: usize, key: &str) -> Option<usize> {
    let key = key.as_bytes();
    let (first, last) = (key.first(), key.last());
    let matches = |name: &&str| {
        let name = name.as_bytes();
        name.len() == key.len() && name.first() == first && name.last() == last && name == key
    };
    let start = start.min(names.len());
    let (before, after) = names.split_at(start);
    match after.iter().position(matches) {
        Some(index) => Some(start + index),
        None => before.iter().position(matches),
    }
}

/// A key read by [`KeysOrNames`].
pub enum Key {
    /// The index of a declared property.
    Declared(usize),
    /// Any other property.
    Other(::std::string::String),
}

/// Implements the key seeds and visitors: `$found` makes the value from
/// the index of a declared property, `$other` from any other name.
macro_rules! key_reader {
    ($seed:ident: $value:ty, |$index:ident| $found:expr, |$name:ident| $other:expr) => {
        impl<'de> ::serde::de::DeserializeSeed<'de> for $seed {
            type Value = $value;

            fn deserialize<D: ::serde::Deserializer<'de>>(self, deserializer: D) -> Result<$value, D::Error> {
                deserializer.deserialize_identifier(self)
            }
        }

        impl<'de> ::serde::de::Visitor<'de> for $seed {
            type Value = $value;

            fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str("field identifier")
            }

            fn visit_str<E: ::serde::de::Error>(self, $name: &str) -> Result<$value, E> {
                Ok(match position(self.0, self.1, $name) {
                    Some($index) => $found,
                    None => $other,
                })
            }

            fn visit_bytes<E: ::serde::de::Error>(self, name: &[u8]) -> Result<$value, E> {
                match ::core::str::from_utf8(name) {
                    Ok(name) => self.visit_str(name),
                    Err(_) => {
                        let $name = &*::std::string::String::from_utf8_lossy(name);
                        Ok($other)
                    }
                }
            }

            /// A property by its position, as serde's derive reads one.
            fn visit_u64<E: ::serde::de::Error>(self, index: u64) -> Result<$value, E> {
                Ok(match usize::try_from(index) {
                    Ok($index) if $index < self.0.len() => $found,
                    _ => {
                        let $name = &*::std::string::ToString::to_string(&index);
                        $other
                    }
                })
            }
        }
    };
}

key_reader!(Keys: Option<usize>, |index| Some(index), |_name| None);
key_reader!(KeysOrNames: Key, |index| Key::Declared(index), |name| Key::Other(::std::string::ToString::to_string(name)));

/// Reads the value of the property `name` into its slot. A second
/// occurrence of the property is an error, as in serde's derive.
pub fn read_value<'de, A, S>(map: &mut A, slot: &mut Option<S::Value>, name: &'static str, seed: S) -> Result<(), A::Error>
where
    A: ::serde::de::MapAccess<'de>,
    S: ::serde::de::DeserializeSeed<'de>,
{
    if slot.is_some() {
        return Err(<A::Error as ::serde::de::Error>::duplicate_field(name));
    }
    *slot = Some(map.next_value_seed(seed)?);
    Ok(())
}

/// Skips the value of a property the struct does not declare.
pub fn skip_value<'de, A: ::serde::de::MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<::serde::de::IgnoredAny>().map(|_| ())
}

/// The value of a required property, or the error that it is missing.
pub fn required<T, E: ::serde::de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    match slot {
        Some(value) => Ok(value),
        None => Err(E::missing_field(name)),
    }
}

/// The value of an optional property: absent is the default (`None`, or
/// `Nullable::Absent`). Its signature is [`required`]'s, for `object!`.
pub fn optional<T: Default, E: ::serde::de::Error>(slot: Option<T>, _name: &'static str) -> Result<T, E> {
    Ok(slot.unwrap_or_default())
}

/// Keeps a property the struct does not declare, in its map of them.
pub fn keep<M: Extend<(::std::string::String, V)>, V>(properties: &mut M, name: ::std::string::String, value: V) {
    properties.extend([(name, value)]);
}

/// `Deserialize` and [`Object`] for a generated struct, from a table of its
/// properties, one per field:
///
/// ```text
/// crate::de::object!(
///     Name,
///     [(field, index, "property", seed, presence), ...],
///     others(seed),
/// );
/// ```
///
/// `index` is the property's position in the table, `seed` names the
/// function of [`super::seed`] that reads its value, and `presence` is
/// [`required`] or [`optional`]. `others(seed)`, for a struct that keeps
/// the properties it does not declare, names the field that holds them and
/// how their values are read; without it they are skipped. (Allowed
/// unused: a spec may have no object schema.)
#[allow(unused_macros)]
macro_rules! object {
    ($name:ident, [] $(,)?) => {
        $crate::de::object!(@impl $name, __map, {
            while __map.next_key_seed($crate::de::Keys(&[], 0))?.is_some() {
                $crate::de::skip_value(&mut __map)?;
            }
            ::core::result::Result::Ok(Self {})
        });
    };
    ($name:ident, [$(($slot:ident, $index:literal, $property:literal, $seed:ident, $presence:ident $(,)?)),+ $(,)?] $(,)?) => {
        $crate::de::object!(@impl $name, __map, {
            $(let mut $slot = ::core::option::Option::None;)+
            let mut __next = 0;
            while let ::core::option::Option::Some(__key) = __map.next_key_seed($crate::de::Keys(&[$($property),+], __next))? {
                if let ::core::option::Option::Some(__index) = __key {
                    __next = __index + 1;
                }
                match __key {
                    $(::core::option::Option::Some($index) => {
                        $crate::de::read_value(&mut __map, &mut $slot, $property, $crate::de::seed::$seed())?
                    })+
                    _ => $crate::de::skip_value(&mut __map)?,
                }
            }
            ::core::result::Result::Ok(Self { $($slot: $crate::de::$presence($slot, $property)?,)+ })
        });
    };
    (
        $name:ident,
        [$(($slot:ident, $index:literal, $property:literal, $seed:ident, $presence:ident $(,)?)),* $(,)?],
        $others:ident($others_seed:ident) $(,)?
    ) => {
        $crate::de::object!(@impl $name, __map, {
            $(let mut $slot = ::core::option::Option::None;)*
            let mut $others = ::core::default::Default::default();
            let mut __next = 0;
            while let ::core::option::Option::Some(__key) = __map.next_key_seed($crate::de::KeysOrNames(&[$($property),*], __next))? {
                if let $crate::de::Key::Declared(__index) = __key {
                    __next = __index + 1;
                }
                match __key {
                    $($crate::de::Key::Declared($index) => {
                        $crate::de::read_value(&mut __map, &mut $slot, $property, $crate::de::seed::$seed())?
                    })*
                    $crate::de::Key::Other(__name) => {
                        let __value = __map.next_value_seed($crate::de::seed::$others_seed())?;
                        $crate::de::keep(&mut $others, __name, __value);
                    }
                    $crate::de::Key::Declared(_) => $crate::de::skip_value(&mut __map)?,
                }
            }
            ::core::result::Result::Ok(Self { $($slot: $crate::de::$presence($slot, $property)?,)* $others })
        });
    };
    (@impl $name:ident, $map:ident, $read:block) => {
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<__D: ::serde::Deserializer<'de>>(deserializer: __D) -> ::core::result::Result<Self, __D::Error> {
                $crate::de::read_object(deserializer)
            }
        }

        impl $crate::de::Object for $name {
            const EXPECTING: &'static str = ::core::concat!("struct ", ::core::stringify!($name));

            // The slots are named after the fields, which a spec may call
            // `foo` or `bar` (names clippy flags in a binding, not a field).
            #[allow(clippy::disallowed_names)]
            fn read_map<'de, __A: ::serde::de::MapAccess<'de>>(mut $map: __A) -> ::core::result::Result<Self, __A::Error> $read
        }
    };
}

#[allow(unused_imports)]
pub(crate) use object;

