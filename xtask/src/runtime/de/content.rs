//! Reading a value twice without parsing it twice: [`Content`] buffers a
//! value as the deserializer gave it, for the unions that must look at a
//! value before they know which type reads it (by its tag, [`Tagged`], or
//! by its JSON type, [`Kind`]).

/// A value buffered as the deserializer gave it, strings borrowed where
/// it lends them: what a union read by its tag holds while it looks for
/// the tag. Reading it again costs no second parse and, for a deserializer
/// that lends (`serde_json::from_str`), no copy of long strings such as
/// base64 audio.
#[derive(Debug, Clone)]
pub enum Content<'de> {
    Unit,
    Bool(bool),
    U64(u64),
    I64(i64),
    F64(f64),
    Str(&'de str),
    String(::std::string::String),
    Bytes(::std::vec::Vec<u8>),
    Seq(::std::vec::Vec<Content<'de>>),
    Map(::std::vec::Vec<(Content<'de>, Content<'de>)>),
}

/// The JSON type of a buffered value, as a union read by type asks it
/// (integers and other numbers are one kind: either may be either).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Null,
    Boolean,
    Number,
    String,
    Array,
    Object,
    /// Bytes, which JSON has not.
    Bytes,
}

impl<'de> Content<'de> {
    pub fn kind(&self) -> Kind {
        match self {
            Content::Unit => Kind::Null,
            Content::Bool(_) => Kind::Boolean,
            Content::U64(_) | Content::I64(_) | Content::F64(_) => Kind::Number,
            Content::Str(_) | Content::String(_) => Kind::String,
            Content::Bytes(_) => Kind::Bytes,
            Content::Seq(_) => Kind::Array,
            Content::Map(_) => Kind::Object,
        }
    }

    /// The error for a value of a type nothing reads.
    pub fn invalid_type<E: ::serde::de::Error>(&self, expecting: &str) -> E {
        E::invalid_type(self.unexpected(), &expecting)
    }

    fn as_str(&self) -> ::core::option::Option<&str> {
        match self {
            Content::Str(s) => ::core::option::Option::Some(s),
            Content::String(s) => ::core::option::Option::Some(s),
            _ => ::core::option::Option::None,
        }
    }

    fn unexpected(&self) -> ::serde::de::Unexpected<'_> {
        use ::serde::de::Unexpected;
        match self {
            Content::Unit => Unexpected::Unit,
            Content::Bool(b) => Unexpected::Bool(*b),
            Content::U64(n) => Unexpected::Unsigned(*n),
            Content::I64(n) => Unexpected::Signed(*n),
            Content::F64(n) => Unexpected::Float(*n),
            Content::Str(s) => Unexpected::Str(s),
            Content::String(s) => Unexpected::Str(s),
            Content::Bytes(b) => Unexpected::Bytes(b),
            Content::Seq(_) => Unexpected::Seq,
            Content::Map(_) => Unexpected::Map,
        }
    }
}

impl<'de> ::serde::Deserialize<'de> for Content<'de> {
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
        deserializer.deserialize_any(ContentVisitor)
    }
}

struct ContentVisitor;

impl<'de> ::serde::de::Visitor<'de> for ContentVisitor {
    type Value = Content<'de>;

    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.write_str("any value")
    }

    fn visit_bool<E: ::serde::de::Error>(self, v: bool) -> ::core::result::Result<Self::Value, E> {
        ::core::result::Result::Ok(Content::Bool(v))
    }

    fn visit_i64<E: ::serde::de::Error>(self, v: i64) -> ::core::result::Result<Self::Value, E> {
        ::core::result::Result::Ok(Content::I64(v))
    }

    fn visit_u64<E: ::serde::de::Error>(self, v: u64) -> ::core::result::Result<Self::Value, E> {
        ::core::result::Result::Ok(Content::U64(v))
    }

    fn visit_f64<E: ::serde::de::Error>(self, v: f64) -> ::core::result::Result<Self::Value, E> {
        ::core::result::Result::Ok(Content::F64(v))
    }

    fn visit_str<E: ::serde::de::Error>(self, v: &str) -> ::core::result::Result<Self::Value, E> {
        ::core::result::Result::Ok(Content::String(v.to_owned()))
    }

    fn visit_borrowed_str<E: ::serde::de::Error>(self, v: &'de str) -> ::core::result::Result<Self::Value, E> {
        ::core::result::Result::Ok(Content::Str(v))
    }

    fn visit_string<E: ::serde::de::Error>(self, v: ::std::string::String) -> ::core::result::Result<Self::Value, E> {
        ::core::result::Result::Ok(Content::String(v))
    }

    fn visit_bytes<E: ::serde::de::Error>(self, v: &[u8]) -> ::core::result::Result<Self::Value, E> {
        ::core::result::Result::Ok(Content::Bytes(v.to_vec()))
    }

    fn visit_unit<E: ::serde::de::Error>(self) -> ::core::result::Result<Self::Value, E> {
        ::core::result::Result::Ok(Content::Unit)
    }

    fn visit_none<E: ::serde::de::Error>(self) -> ::core::result::Result<Self::Value, E> {
        ::core::result::Result::Ok(Content::Unit)
    }

    fn visit_some<D: ::serde::Deserializer<'de>>(self, deserializer: D) -> ::core::result::Result<Self::Value, D::Error> {
        ::serde::Deserialize::deserialize(deserializer)
    }

    fn visit_seq<A: ::serde::de::SeqAccess<'de>>(self, mut seq: A) -> ::core::result::Result<Self::Value, A::Error> {
        let mut items = ::std::vec::Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let ::core::option::Option::Some(item) = seq.next_element()? {
            items.push(item);
        }
        ::core::result::Result::Ok(Content::Seq(items))
    }

    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::core::result::Result<Self::Value, A::Error> {
        let mut entries = ::std::vec::Vec::with_capacity(map.size_hint().unwrap_or(0).min(4096));
        while let ::core::option::Option::Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        ::core::result::Result::Ok(Content::Map(entries))
    }
}

/// A union read by its tag: the generated code says which property holds
/// the tag and which variant each tag names.
pub trait Tagged<'de>: Sized {
    /// The property that holds the tag (`type`).
    const PROPERTY: &'static str;

    /// Reads the variant `tag` names (the catch-all for a tag it does not
    /// know) from `source`.
    fn read_variant<S: Source<'de>>(tag: &str, source: S) -> ::core::result::Result<Self, S::Error>;
}

/// What a tagged union's variant is read from: the object as it streams
/// in, when the tag came first, or the object buffered.
pub trait Source<'de> {
    type Error: ::serde::de::Error;

    fn read<T: ::serde::Deserialize<'de>>(self) -> ::core::result::Result<T, Self::Error>;
}

impl<'de, E: ::serde::de::Error> Source<'de> for ContentDeserializer<'de, E> {
    type Error = E;

    fn read<T: ::serde::Deserialize<'de>>(self) -> ::core::result::Result<T, E> {
        T::deserialize(self)
    }
}

/// Reads a [`Tagged`] union. When the tag is the object's first property,
/// as servers send it, the variant reads the rest of the object as it
/// streams in, with the tag given back first; otherwise the object is
/// buffered ([`Content`], strings borrowed) until its tag is found.
pub fn deserialize_tagged<'de, T: Tagged<'de>, D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<T, D::Error> {
    deserializer.deserialize_map(TaggedVisitor(::core::marker::PhantomData))
}

struct TaggedVisitor<T>(::core::marker::PhantomData<T>);

impl<'de, T: Tagged<'de>> ::serde::de::Visitor<'de> for TaggedVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        write!(f, "an object with a string `{}`", T::PROPERTY)
    }

    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut map: A) -> ::core::result::Result<T, A::Error> {
        let mut entries = ::std::vec::Vec::new();
        if let ::core::option::Option::Some(key) = map.next_key::<Content<'de>>()? {
            let value = map.next_value::<Content<'de>>()?;
            if key.as_str() == ::core::option::Option::Some(T::PROPERTY) {
                match value {
                    Content::Str(tag) => return T::read_variant(tag, TagFirst { property: T::PROPERTY, tag: ::core::option::Option::Some(value), rest: map }),
                    Content::String(ref tag) => {
                        let tag = tag.clone();
                        return T::read_variant(&tag, TagFirst { property: T::PROPERTY, tag: ::core::option::Option::Some(value), rest: map });
                    }
                    _ => {}
                }
            }
            entries.push((key, value));
        }
        while let ::core::option::Option::Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        let tag = entries.iter().find(|(key, _)| key.as_str() == ::core::option::Option::Some(T::PROPERTY)).and_then(|(_, value)| value.as_str());
        match tag.map(::std::borrow::ToOwned::to_owned) {
            ::core::option::Option::Some(tag) => T::read_variant(&tag, ContentDeserializer::new(Content::Map(entries))),
            ::core::option::Option::None => ::core::result::Result::Err(<A::Error as ::serde::de::Error>::custom(format_args!(
                "expected an object with a string `{}`",
                T::PROPERTY
            ))),
        }
    }
}

/// The rest of an object whose first property was the tag: gives the tag
/// back first, then the rest as it streams in.
struct TagFirst<'de, A> {
    property: &'static str,
    /// The tag's value until it is given back.
    tag: ::core::option::Option<Content<'de>>,
    rest: A,
}

impl<'de, A: ::serde::de::MapAccess<'de>> ::serde::de::MapAccess<'de> for TagFirst<'de, A> {
    type Error = A::Error;

    fn next_key_seed<K: ::serde::de::DeserializeSeed<'de>>(&mut self, seed: K) -> ::core::result::Result<::core::option::Option<K::Value>, A::Error> {
        match self.tag {
            ::core::option::Option::Some(_) => seed.deserialize(::serde::de::value::BorrowedStrDeserializer::new(self.property)).map(::core::option::Option::Some),
            ::core::option::Option::None => self.rest.next_key_seed(seed),
        }
    }

    fn next_value_seed<V: ::serde::de::DeserializeSeed<'de>>(&mut self, seed: V) -> ::core::result::Result<V::Value, A::Error> {
        match self.tag.take() {
            ::core::option::Option::Some(tag) => seed.deserialize(ContentDeserializer::new(tag)),
            ::core::option::Option::None => self.rest.next_value_seed(seed),
        }
    }

    fn size_hint(&self) -> ::core::option::Option<usize> {
        self.rest.size_hint().map(|rest| rest + usize::from(self.tag.is_some()))
    }
}

impl<'de, A: ::serde::de::MapAccess<'de>> Source<'de> for TagFirst<'de, A> {
    type Error = A::Error;

    fn read<T: ::serde::Deserialize<'de>>(self) -> ::core::result::Result<T, A::Error> {
        T::deserialize(::serde::de::value::MapAccessDeserializer::new(self))
    }
}

/// Reads a buffered value as `T`, with the errors of the deserializer it
/// came from.
pub fn from_content<'de, T: ::serde::Deserialize<'de>, E: ::serde::de::Error>(content: Content<'de>) -> ::core::result::Result<T, E> {
    T::deserialize(ContentDeserializer(content, ::core::marker::PhantomData))
}

/// A buffered value as a deserializer: what JSON would have been asked, it
/// answers the same way (`null` as none, objects only where a map is asked).
pub struct ContentDeserializer<'de, E>(Content<'de>, ::core::marker::PhantomData<E>);

impl<'de, E: ::serde::de::Error> ContentDeserializer<'de, E> {
    pub fn new(content: Content<'de>) -> Self {
        ContentDeserializer(content, ::core::marker::PhantomData)
    }

    fn invalid<V: ::serde::de::Visitor<'de>>(&self, visitor: &V) -> E {
        E::invalid_type(self.0.unexpected(), visitor)
    }
}

impl<'de, E: ::serde::de::Error> ::serde::Deserializer<'de> for ContentDeserializer<'de, E> {
    type Error = E;

    fn deserialize_any<V: ::serde::de::Visitor<'de>>(self, visitor: V) -> ::core::result::Result<V::Value, E> {
        match self.0 {
            Content::Unit => visitor.visit_unit(),
            Content::Bool(v) => visitor.visit_bool(v),
            Content::U64(v) => visitor.visit_u64(v),
            Content::I64(v) => visitor.visit_i64(v),
            Content::F64(v) => visitor.visit_f64(v),
            Content::Str(v) => visitor.visit_borrowed_str(v),
            Content::String(v) => visitor.visit_string(v),
            Content::Bytes(v) => visitor.visit_byte_buf(v),
            Content::Seq(items) => {
                let mut seq = ::serde::de::value::SeqDeserializer::new(items.into_iter().map(|c| ContentDeserializer(c, ::core::marker::PhantomData)));
                let value = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                ::core::result::Result::Ok(value)
            }
            Content::Map(entries) => {
                let mut map = ::serde::de::value::MapDeserializer::new(
                    entries.into_iter().map(|(k, v)| (ContentDeserializer(k, ::core::marker::PhantomData), ContentDeserializer(v, ::core::marker::PhantomData))),
                );
                let value = visitor.visit_map(&mut map)?;
                map.end()?;
                ::core::result::Result::Ok(value)
            }
        }
    }

    fn deserialize_option<V: ::serde::de::Visitor<'de>>(self, visitor: V) -> ::core::result::Result<V::Value, E> {
        match self.0 {
            Content::Unit => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_map<V: ::serde::de::Visitor<'de>>(self, visitor: V) -> ::core::result::Result<V::Value, E> {
        match &self.0 {
            Content::Map(_) => self.deserialize_any(visitor),
            _ => ::core::result::Result::Err(self.invalid(&visitor)),
        }
    }

    fn deserialize_enum<V: ::serde::de::Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> ::core::result::Result<V::Value, E> {
        match self.0 {
            Content::Str(v) => visitor.visit_enum(::serde::de::value::BorrowedStrDeserializer::new(v)),
            Content::String(v) => visitor.visit_enum(::serde::de::value::StringDeserializer::new(v)),
            _ => ::core::result::Result::Err(self.invalid(&visitor)),
        }
    }

    fn deserialize_newtype_struct<V: ::serde::de::Visitor<'de>>(self, _name: &'static str, visitor: V) -> ::core::result::Result<V::Value, E> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_ignored_any<V: ::serde::de::Visitor<'de>>(self, visitor: V) -> ::core::result::Result<V::Value, E> {
        visitor.visit_unit()
    }

    ::serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct seq tuple tuple_struct struct identifier
    }
}

impl<'de, E: ::serde::de::Error> ::serde::de::IntoDeserializer<'de, E> for ContentDeserializer<'de, E> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}
