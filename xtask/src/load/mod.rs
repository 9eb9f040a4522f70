//! Stage 1: read a spec file (YAML or JSON) into a JSON document.
//!
//! The document keeps the source's key order (serde_json's `preserve_order`).
//! Integers beyond the 64-bit range, which both upstream OpenAI files contain,
//! are kept as floating-point numbers instead of failing the whole load.

use std::fmt;
use std::path::Path;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::diagnostics::{Code, Error, line_column};

mod files;
mod flow_depth;

pub use files::{Sources, load_spec};

/// Reads and parses a spec file. JSON is chosen by the `.json` extension,
/// everything else is read as YAML (a superset of JSON in practice).
pub fn load_file(path: &Path) -> Result<Value, Error> {
    let bytes = std::fs::read(path)
        .map_err(|e| Error::syntax(Code::SpecUnreadable, format!("cannot read spec: {e}"), None).in_file(path))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        // Where the first invalid byte is, in the valid text before it.
        let valid = String::from_utf8_lossy(&e.as_bytes()[..e.utf8_error().valid_up_to()]);
        Error::syntax(Code::NotUtf8, "cannot read spec: not UTF-8 text", Some(line_column(&valid, valid.len())))
            .in_file(path)
    })?;
    let is_json = path.extension().is_some_and(|ext| ext.eq_ignore_ascii_case("json"));
    let parsed = if is_json { parse_json(&text) } else { parse_yaml(&text) };
    parsed.map_err(|e| e.in_file(path))
}

/// Parses YAML text. Errors carry the parser's line and column.
pub fn parse_yaml(text: &str) -> Result<Value, Error> {
    flow_depth::check(text)?;
    let deserializer = serde_norway::Deserializer::from_str(text);
    let value = deserializer.deserialize_any(JsonValueVisitor).map_err(|e| {
        let line_column = e.location().map(|l| (l.line(), l.column()));
        Error::syntax(Code::InvalidYaml, format!("invalid YAML: {}", strip_location(&e.to_string())), line_column)
    })?;
    Ok(value)
}

/// Parses JSON text. Errors carry the parser's line and column.
pub fn parse_json(text: &str) -> Result<Value, Error> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = (&mut deserializer)
        .deserialize_any(JsonValueVisitor)
        .and_then(|value| deserializer.end().map(|()| value))
        .map_err(|e| {
            Error::syntax(
                Code::InvalidJson,
                format!("invalid JSON: {}", strip_location(&e.to_string())),
                Some((e.line(), e.column())),
            )
        })?;
    Ok(value)
}

/// Both parsers put " at line L column C" into their messages; the location
/// is reported separately, so drop the duplicate.
fn strip_location(message: &str) -> String {
    let mut message = message.to_owned();
    while let Some(start) = message.find(" at line ") {
        let rest = &message[start + " at line ".len()..];
        let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
        let rest = rest.strip_prefix(" column ").map_or(rest, |r| r.trim_start_matches(|c: char| c.is_ascii_digit()));
        message = format!("{}{}", &message[..start], rest);
    }
    message
}

/// Builds a `serde_json::Value` from any self-describing format, widening
/// integers that do not fit 64 bits to `f64` rather than failing.
struct JsonValueVisitor;

impl<'de> Visitor<'de> for JsonValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON-compatible value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Value, E> {
        match i64::try_from(v) {
            Ok(v) => Ok(Value::Number(v.into())),
            Err(_) => match u64::try_from(v) {
                Ok(v) => Ok(Value::Number(v.into())),
                Err(_) => self.visit_f64(v as f64),
            },
        }
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Value, E> {
        match u64::try_from(v) {
            Ok(v) => Ok(Value::Number(v.into())),
            Err(_) => self.visit_f64(v as f64),
        }
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Number::from_f64(v).map(Value::Number).ok_or_else(|| E::custom(format!("{v} is not a JSON number")))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(Seed)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key_seed(Seed)? {
            let key = match key {
                Value::String(s) => s,
                // YAML allows `200:` or `true:` as keys; JSON object keys are their text.
                Value::Number(n) => n.to_string(),
                Value::Bool(b) => b.to_string(),
                Value::Null => "null".to_owned(),
                other => {
                    return Err(de::Error::custom(format!("mapping key must be a scalar, found {other}")));
                }
            };
            let value = map.next_value_seed(Seed)?;
            if object.contains_key(&key) {
                return Err(de::Error::custom(format!("duplicate key `{key}`")));
            }
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

struct Seed;

impl<'de> de::DeserializeSeed<'de> for Seed {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(JsonValueVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::{Code, ErrorKind};
    use serde_json::json;

    #[test]
    fn yaml_keeps_key_order_and_big_integers() {
        let value = parse_yaml("z: 1\na: -9223372036854776000\nm: [1, 2.5, true, null]\n").unwrap();
        let keys: Vec<_> = value.as_object().unwrap().keys().cloned().collect();
        assert_eq!(keys, ["z", "a", "m"]);
        assert_eq!(value["a"].as_f64(), Some(-9.223372036854776e18));
        assert_eq!(value["m"], json!([1, 2.5, true, null]));
    }

    #[test]
    fn yaml_error_has_line_and_column() {
        let error = parse_yaml("a: 1\nb: [1, 2\n").unwrap_err();
        assert_eq!((error.code, error.kind), (Code::InvalidYaml, ErrorKind::Syntax));
        let (line, _) = error.location.line_column.expect("parser reports a position");
        assert!(line >= 2, "{error}");
        assert!(!error.message.contains(" at line "), "{error}");
    }

    #[test]
    fn json_error_has_line_and_column() {
        let error = parse_json("{\n  \"a\": }").unwrap_err();
        assert_eq!(error.code, Code::InvalidJson);
        assert_eq!(error.location.line_column, Some((2, 8)));
    }

    #[test]
    fn json_rejects_trailing_garbage() {
        assert_eq!(parse_json("{} {}").unwrap_err().code, Code::InvalidJson);
    }

    #[test]
    fn yaml_rejects_duplicate_keys() {
        assert_eq!(parse_yaml("a: 1\na: 2\n").unwrap_err().code, Code::InvalidYaml);
    }
}
