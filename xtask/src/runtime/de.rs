//! Deserialization helpers that generated fields name in `deserialize_with`.

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
            ::core::option::Option::Some(f) if f.fract() == 0.0 && f.abs() < 9.2e18 => Value::from(f as i64),
            _ => Value::Number(n),
        },
        Value::Array(items) => Value::Array(items.into_iter().map(integral_floats_to_integers).collect()),
        Value::Object(map) => Value::Object(map.into_iter().map(|(k, v)| (k, integral_floats_to_integers(v))).collect()),
        other => other,
    }
}
