//! [`Nullable`]: an optional property that may also be `null`.
//!
//! For such a property, absent and `null` mean different things on the wire:
//! in a `session.update`, leaving `turn_detection` out keeps the current
//! setting, while `"turn_detection": null` turns voice activity detection
//! off. `Option<Option<T>>` could hold the three states but reads poorly and
//! loses the distinction in serde's defaults, so this type names them.

use ::std::borrow::Cow;

/// Absent, `null`, or a value; each round-trips exactly.
///
/// `Absent` is the default and is skipped when serializing (the generated
/// fields carry `skip_serializing_if = "Nullable::is_absent"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Nullable<T> {
    /// The property is not in the JSON object.
    #[default]
    Absent,
    /// The property is present with the value `null`.
    Null,
    /// The property is present with a value.
    Value(T),
}

impl<T> Nullable<T> {
    /// Whether the property is left out.
    pub fn is_absent(&self) -> bool {
        matches!(self, Nullable::Absent)
    }

    /// Whether the property is an explicit `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Nullable::Null)
    }

    /// The value, if there is one.
    pub fn value(&self) -> ::core::option::Option<&T> {
        match self {
            Nullable::Value(value) => ::core::option::Option::Some(value),
            Nullable::Absent | Nullable::Null => ::core::option::Option::None,
        }
    }

    /// The value, mutably, if there is one.
    pub fn value_mut(&mut self) -> ::core::option::Option<&mut T> {
        match self {
            Nullable::Value(value) => ::core::option::Option::Some(value),
            Nullable::Absent | Nullable::Null => ::core::option::Option::None,
        }
    }

    /// Converts into the value, if there is one; absent and `null` both give `None`.
    pub fn into_value(self) -> ::core::option::Option<T> {
        match self {
            Nullable::Value(value) => ::core::option::Option::Some(value),
            Nullable::Absent | Nullable::Null => ::core::option::Option::None,
        }
    }

    /// Borrows the contents.
    pub fn as_ref(&self) -> Nullable<&T> {
        match self {
            Nullable::Absent => Nullable::Absent,
            Nullable::Null => Nullable::Null,
            Nullable::Value(value) => Nullable::Value(value),
        }
    }

    /// Maps the value, keeping absent and `null` as they are.
    pub fn map<U>(self, f: impl ::core::ops::FnOnce(T) -> U) -> Nullable<U> {
        match self {
            Nullable::Absent => Nullable::Absent,
            Nullable::Null => Nullable::Null,
            Nullable::Value(value) => Nullable::Value(f(value)),
        }
    }
}

impl<T> ::core::convert::From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Nullable::Value(value)
    }
}

impl<T> ::core::convert::From<::core::option::Option<T>> for Nullable<T> {
    /// `None` becomes an explicit `null`: an `Option` that is present says
    /// something, and absence is spelled `Nullable::Absent`.
    fn from(value: ::core::option::Option<T>) -> Self {
        match value {
            ::core::option::Option::Some(value) => Nullable::Value(value),
            ::core::option::Option::None => Nullable::Null,
        }
    }
}

impl<T: ::serde::Serialize> ::serde::Serialize for Nullable<T> {
    fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
        match self {
            Nullable::Value(value) => serializer.serialize_some(value),
            Nullable::Absent | Nullable::Null => serializer.serialize_none(),
        }
    }
}

impl<'de, T: ::serde::Deserialize<'de>> ::serde::Deserialize<'de> for Nullable<T> {
    /// Only called when the property is present (fields use `#[serde(default)]`).
    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
        ::core::option::Option::<T>::deserialize(deserializer).map(::core::convert::Into::into)
    }
}

#[cfg(feature = "schemars")]
impl<T: ::schemars::JsonSchema> ::schemars::JsonSchema for Nullable<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        <::core::option::Option<T> as ::schemars::JsonSchema>::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        <::core::option::Option<T> as ::schemars::JsonSchema>::schema_id()
    }

    fn json_schema(generator: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
        <::core::option::Option<T> as ::schemars::JsonSchema>::json_schema(generator)
    }
}
