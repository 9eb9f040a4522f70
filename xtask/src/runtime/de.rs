//! Deserialization helpers that generated fields name in `deserialize_with`.

mod content;

pub use content::{Content, ContentDeserializer, Kind, Source, Tagged, deserialize_tagged, from_content};

/// Deserializes an optional property that the spec does not allow to be
/// `null`: present means a value, so `null` is an error rather than being
/// silently read as absent (which would also change it on the way out).
pub fn non_null<'de, D, T>(deserializer: D) -> ::core::result::Result<::core::option::Option<T>, D::Error>
where
    D: ::serde::Deserializer<'de>,
    T: ::serde::Deserialize<'de>,
{
    T::deserialize(deserializer).map(::core::option::Option::Some)
}

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

/// [`integral`] for an optional property that must not be null.
pub fn integral_non_null<'de, D, T>(deserializer: D) -> ::core::result::Result<::core::option::Option<T>, D::Error>
where
    D: ::serde::Deserializer<'de>,
    T: ::serde::de::DeserializeOwned,
{
    integral(deserializer).map(::core::option::Option::Some)
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
pub fn integer_non_null<'de, D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<::core::option::Option<i64>, D::Error> {
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

/// The `Deserialize` and `Serialize` impls of a generated struct, written
/// once here rather than in full for every struct.
///
/// The struct derives both with `#[serde(remote = "Self")]`, which makes
/// them inherent functions; these impls call them, deserializing through
/// [`ObjectOnly`] with the struct's optional properties that may not be
/// null (the list), and serializing as derived. (Allowed unused: a spec may
/// have no object schema.)
#[allow(unused_macros)]
macro_rules! object_serde {
    ($name:ident, [$($non_null:literal),* $(,)?]) => {
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<__D: ::serde::Deserializer<'de>>(deserializer: __D) -> ::core::result::Result<Self, __D::Error> {
                Self::deserialize($crate::de::ObjectOnly(deserializer, &[$($non_null),*]))
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<__S: ::serde::Serializer>(&self, serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error> {
                Self::serialize(self, serializer)
            }
        }
    };
}
#[allow(unused_imports)]
pub(crate) use object_serde;

/// Wraps a deserializer so that a struct can only come from a JSON object,
/// and so that its optional properties that may not be null refuse `null`.
///
/// serde's derived `Deserialize` for a struct also accepts a sequence, by
/// position (`[]` for a struct whose fields are all optional), which JSON
/// Schema's `type: object` rejects. Generated structs derive with
/// `#[serde(remote = "Self")]` and deserialize through this adapter, which
/// asks for a map where the derive asks for a struct.
///
/// The second field names the struct's optional properties that may not be
/// null (their `Option` fields would read `null` as absent): their values
/// are read as [`non_null`] reads them. One adapter here, rather than a
/// `deserialize_with` on every such field, because serde writes a wrapper
/// type and two generic impls for each `deserialize_with`, and rustc's
/// checking of those is much of the generated crate's compile time.
pub struct ObjectOnly<D>(pub D, pub &'static [&'static str]);

impl<'de, D: ::serde::Deserializer<'de>> ::serde::Deserializer<'de> for ObjectOnly<D> {
    type Error = D::Error;

    fn deserialize_any<V: ::serde::de::Visitor<'de>>(self, visitor: V) -> ::core::result::Result<V::Value, D::Error> {
        self.0.deserialize_any(visitor)
    }

    fn deserialize_map<V: ::serde::de::Visitor<'de>>(self, visitor: V) -> ::core::result::Result<V::Value, D::Error> {
        self.0.deserialize_map(NonNullFields { visitor, names: self.1 })
    }

    fn deserialize_struct<V: ::serde::de::Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> ::core::result::Result<V::Value, D::Error> {
        self.0.deserialize_map(NonNullFields { visitor, names: self.1 })
    }

    ::serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct enum identifier ignored_any
    }
}

/// The struct's visitor, handed a map whose non-null properties' values
/// refuse `null` ([`ObjectOnly`]).
struct NonNullFields<V> {
    visitor: V,
    names: &'static [&'static str],
}

impl<'de, V: ::serde::de::Visitor<'de>> ::serde::de::Visitor<'de> for NonNullFields<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        self.visitor.expecting(f)
    }

    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, map: A) -> ::core::result::Result<V::Value, A::Error> {
        if self.names.is_empty() {
            return self.visitor.visit_map(map);
        }
        let non_null = ::core::cell::Cell::new(false);
        self.visitor.visit_map(NonNullMap { map, names: self.names, non_null: &non_null })
    }
}

/// A map that notes whether each key names a non-null property, and if so
/// reads its value as [`non_null`] does.
struct NonNullMap<'a, A> {
    map: A,
    names: &'static [&'static str],
    non_null: &'a ::core::cell::Cell<bool>,
}

impl<'de, A: ::serde::de::MapAccess<'de>> ::serde::de::MapAccess<'de> for NonNullMap<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: ::serde::de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> ::core::result::Result<::core::option::Option<K::Value>, A::Error> {
        self.non_null.set(false);
        self.map.next_key_seed(KeySeed { seed, names: self.names, non_null: self.non_null })
    }

    fn next_value_seed<S: ::serde::de::DeserializeSeed<'de>>(&mut self, seed: S) -> ::core::result::Result<S::Value, A::Error> {
        if self.non_null.replace(false) {
            self.map.next_value_seed(NonNullSeed(seed))
        } else {
            self.map.next_value_seed(seed)
        }
    }

    fn size_hint(&self) -> ::core::option::Option<usize> {
        self.map.size_hint()
    }
}

/// A value whose `Option` is `Some` whatever the input: `null` goes to the
/// inner type, which refuses it (unless it is JSON itself), as [`non_null`].
struct NonNullSeed<S>(S);

impl<'de, S: ::serde::de::DeserializeSeed<'de>> ::serde::de::DeserializeSeed<'de> for NonNullSeed<S> {
    type Value = S::Value;

    fn deserialize<D: ::serde::Deserializer<'de>>(self, deserializer: D) -> ::core::result::Result<S::Value, D::Error> {
        self.0.deserialize(NonNull(deserializer))
    }
}

/// The `Deserializer` methods that take a visitor (all but
/// `deserialize_option`), written out by the macro `$forward`.
macro_rules! deserializer_methods {
    ($forward:ident) => {
        $forward! {
            deserialize_any(); deserialize_bool(); deserialize_i8(); deserialize_i16(); deserialize_i32();
            deserialize_i64(); deserialize_i128(); deserialize_u8(); deserialize_u16(); deserialize_u32();
            deserialize_u64(); deserialize_u128(); deserialize_f32(); deserialize_f64(); deserialize_char();
            deserialize_str(); deserialize_string(); deserialize_bytes(); deserialize_byte_buf();
            deserialize_unit(); deserialize_unit_struct(name: &'static str);
            deserialize_newtype_struct(name: &'static str); deserialize_seq(); deserialize_tuple(len: usize);
            deserialize_tuple_struct(name: &'static str, len: usize); deserialize_map();
            deserialize_struct(name: &'static str, fields: &'static [&'static str]);
            deserialize_enum(name: &'static str, variants: &'static [&'static str]);
            deserialize_identifier(); deserialize_ignored_any();
        }
    };
}

/// [`NonNull`]'s methods: the inner deserializer's, with the same visitor.
macro_rules! forward_to_inner {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {
        $(
            fn $method<V: ::serde::de::Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> ::core::result::Result<V::Value, D::Error> {
                self.0.$method($($arg,)* visitor)
            }
        )*
    };
}

/// [`KeyDeserializer`]'s methods: the inner deserializer's, with the
/// visitor wrapped in a [`KeyVisitor`].
macro_rules! forward_key {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {
        $(
            fn $method<V: ::serde::de::Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> ::core::result::Result<V::Value, D::Error> {
                self.inner.$method($($arg,)* KeyVisitor { visitor, names: self.names, non_null: self.non_null })
            }
        )*
    };
}

/// Forwards everything but `deserialize_option`, which goes straight to
/// `visit_some` with the inner deserializer.
struct NonNull<D>(D);

impl<'de, D: ::serde::Deserializer<'de>> ::serde::Deserializer<'de> for NonNull<D> {
    type Error = D::Error;

    fn deserialize_option<V: ::serde::de::Visitor<'de>>(self, visitor: V) -> ::core::result::Result<V::Value, D::Error> {
        visitor.visit_some(self.0)
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }

    deserializer_methods!(forward_to_inner);
}

/// A map key, read as the struct's own key seed reads it, noting whether it
/// names a non-null property.
struct KeySeed<'a, K> {
    seed: K,
    names: &'static [&'static str],
    non_null: &'a ::core::cell::Cell<bool>,
}

impl<'de, K: ::serde::de::DeserializeSeed<'de>> ::serde::de::DeserializeSeed<'de> for KeySeed<'_, K> {
    type Value = K::Value;

    fn deserialize<D: ::serde::Deserializer<'de>>(self, deserializer: D) -> ::core::result::Result<K::Value, D::Error> {
        self.seed.deserialize(KeyDeserializer { inner: deserializer, names: self.names, non_null: self.non_null })
    }
}

/// Hands the key to the struct's key visitor unchanged, through
/// [`KeyVisitor`], which looks at it on the way.
struct KeyDeserializer<'a, D> {
    inner: D,
    names: &'static [&'static str],
    non_null: &'a ::core::cell::Cell<bool>,
}

impl<'de, D: ::serde::Deserializer<'de>> ::serde::Deserializer<'de> for KeyDeserializer<'_, D> {
    type Error = D::Error;

    fn deserialize_option<V: ::serde::de::Visitor<'de>>(self, visitor: V) -> ::core::result::Result<V::Value, D::Error> {
        self.inner.deserialize_option(KeyVisitor { visitor, names: self.names, non_null: self.non_null })
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }

    deserializer_methods!(forward_key);
}

/// The struct's key visitor, noting whether the key names a non-null
/// property before it sees the key.
struct KeyVisitor<'a, V> {
    visitor: V,
    names: &'static [&'static str],
    non_null: &'a ::core::cell::Cell<bool>,
}

impl<V> KeyVisitor<'_, V> {
    fn note(&self, key: &[u8]) {
        self.non_null.set(self.names.iter().any(|name| name.as_bytes() == key));
    }
}

/// `Visitor` methods forwarded untouched.
macro_rules! forward_visits {
    ($($method:ident($ty:ty);)*) => {
        $(
            fn $method<E: ::serde::de::Error>(self, v: $ty) -> ::core::result::Result<V::Value, E> {
                self.visitor.$method(v)
            }
        )*
    };
}

impl<'de, V: ::serde::de::Visitor<'de>> ::serde::de::Visitor<'de> for KeyVisitor<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        self.visitor.expecting(f)
    }

    forward_visits! {
        visit_bool(bool); visit_i8(i8); visit_i16(i16); visit_i32(i32); visit_i64(i64); visit_i128(i128);
        visit_u8(u8); visit_u16(u16); visit_u32(u32); visit_u64(u64); visit_u128(u128); visit_f32(f32);
        visit_f64(f64); visit_char(char);
    }

    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> ::core::result::Result<V::Value, E> {
        self.note(v.as_bytes());
        self.visitor.visit_str(v)
    }

    fn visit_borrowed_str<E: ::serde::de::Error>(self, v: &'de str) -> ::core::result::Result<V::Value, E> {
        self.note(v.as_bytes());
        self.visitor.visit_borrowed_str(v)
    }

    fn visit_string<E: ::serde::de::Error>(self, v: ::std::string::String) -> ::core::result::Result<V::Value, E> {
        self.note(v.as_bytes());
        self.visitor.visit_string(v)
    }

    fn visit_bytes<E: ::serde::de::Error>(self, v: &[u8]) -> ::core::result::Result<V::Value, E> {
        self.note(v);
        self.visitor.visit_bytes(v)
    }

    fn visit_borrowed_bytes<E: ::serde::de::Error>(self, v: &'de [u8]) -> ::core::result::Result<V::Value, E> {
        self.note(v);
        self.visitor.visit_borrowed_bytes(v)
    }

    fn visit_byte_buf<E: ::serde::de::Error>(self, v: ::std::vec::Vec<u8>) -> ::core::result::Result<V::Value, E> {
        self.note(&v);
        self.visitor.visit_byte_buf(v)
    }

    fn visit_none<E: ::serde::de::Error>(self) -> ::core::result::Result<V::Value, E> {
        self.visitor.visit_none()
    }

    fn visit_some<D: ::serde::Deserializer<'de>>(self, deserializer: D) -> ::core::result::Result<V::Value, D::Error> {
        self.visitor.visit_some(deserializer)
    }

    fn visit_unit<E: ::serde::de::Error>(self) -> ::core::result::Result<V::Value, E> {
        self.visitor.visit_unit()
    }

    fn visit_newtype_struct<D: ::serde::Deserializer<'de>>(self, deserializer: D) -> ::core::result::Result<V::Value, D::Error> {
        self.visitor.visit_newtype_struct(deserializer)
    }

    fn visit_seq<A: ::serde::de::SeqAccess<'de>>(self, seq: A) -> ::core::result::Result<V::Value, A::Error> {
        self.visitor.visit_seq(seq)
    }

    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, map: A) -> ::core::result::Result<V::Value, A::Error> {
        self.visitor.visit_map(map)
    }

    fn visit_enum<A: ::serde::de::EnumAccess<'de>>(self, data: A) -> ::core::result::Result<V::Value, A::Error> {
        self.visitor.visit_enum(data)
    }
}
