//! The assertion keywords a [`super::Ty`] carries, as data for the validator
//! emitter.

use serde_json::Value;

use crate::diagnostics::{Code, Warning};

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Constraint {
    Minimum {
        limit: f64,
        exclusive: bool,
    },
    Maximum {
        limit: f64,
        exclusive: bool,
    },
    MultipleOf(f64),
    MinLength(u64),
    MaxLength(u64),
    Pattern(String),
    MinItems(u64),
    MaxItems(u64),
    UniqueItems,
    MinProperties(u64),
    MaxProperties(u64),
    /// Allowed values for a non-string `enum`.
    Enum(Vec<Value>),
    Const(Value),
    /// `propertyNames`: string constraints every key of a map must meet.
    PropertyNames(Vec<Constraint>),
    /// `format`, when formats assert: one of [`crate::vocabulary::ASSERTED_FORMATS`].
    Format(String),
}

impl Constraint {
    /// The JSON Schema keyword and value that state this constraint (for
    /// the schema derived from the generated types).
    pub fn json_schema(&self) -> (&'static str, Value) {
        use serde_json::json;
        match self {
            Constraint::Minimum { limit, exclusive } => {
                (if *exclusive { "exclusiveMinimum" } else { "minimum" }, json!(limit))
            }
            Constraint::Maximum { limit, exclusive } => {
                (if *exclusive { "exclusiveMaximum" } else { "maximum" }, json!(limit))
            }
            Constraint::MultipleOf(factor) => ("multipleOf", json!(factor)),
            Constraint::MinLength(n) => ("minLength", json!(n)),
            Constraint::MaxLength(n) => ("maxLength", json!(n)),
            Constraint::Pattern(pattern) => ("pattern", json!(pattern)),
            Constraint::MinItems(n) => ("minItems", json!(n)),
            Constraint::MaxItems(n) => ("maxItems", json!(n)),
            Constraint::UniqueItems => ("uniqueItems", json!(true)),
            Constraint::MinProperties(n) => ("minProperties", json!(n)),
            Constraint::MaxProperties(n) => ("maxProperties", json!(n)),
            Constraint::Enum(values) => ("enum", Value::Array(values.clone())),
            Constraint::Const(value) => ("const", value.clone()),
            Constraint::Format(name) => ("format", json!(name)),
            Constraint::PropertyNames(keys) => {
                let mut schema = serde_json::Map::new();
                schema.insert("type".into(), json!("string"));
                schema.extend(keys.iter().map(|key| {
                    let (keyword, value) = key.json_schema();
                    (keyword.to_owned(), value)
                }));
                ("propertyNames", Value::Object(schema))
            }
        }
    }
}

/// Builds a constraint from a count keyword's value.
type CountConstraint = fn(u64) -> Constraint;

/// Reads the assertion keywords of one schema object. `pointer` is the
/// schema's; malformed values are skipped with a warning. `formats`: whether
/// `format` asserts.
pub fn read(
    schema: &serde_json::Map<String, Value>,
    pointer: &str,
    formats: bool,
    warnings: &mut Vec<Warning>,
) -> Vec<Constraint> {
    let mut out = Vec::new();
    let number = |key: &str, warnings: &mut Vec<Warning>| -> Option<f64> {
        let value = schema.get(key)?;
        value.as_f64().or_else(|| {
            warnings.push(Warning::at(
                Code::AssertionValueIgnored,
                crate::diagnostics::join(pointer, key),
                format!("`{key}` must be a number; ignored"),
            ));
            None
        })
    };
    let count = |key: &str, warnings: &mut Vec<Warning>| -> Option<u64> {
        let value = schema.get(key)?;
        value.as_u64().or_else(|| value.as_f64().filter(|f| f.fract() == 0.0 && *f >= 0.0).map(|f| f as u64)).or_else(
            || {
                warnings.push(Warning::at(
                    Code::AssertionValueIgnored,
                    crate::diagnostics::join(pointer, key),
                    format!("`{key}` must be a non-negative integer; ignored"),
                ));
                None
            },
        )
    };
    // OpenAPI 3.0 writes exclusivity as a boolean beside minimum/maximum;
    // 3.1 (JSON Schema 2020-12) writes the exclusive limit itself.
    let flag = |key: &str| schema.get(key).and_then(Value::as_bool).unwrap_or(false);
    if let Some(limit) = number("minimum", warnings) {
        out.push(Constraint::Minimum { limit, exclusive: flag("exclusiveMinimum") });
    }
    if let Some(limit) = schema.get("exclusiveMinimum").and_then(Value::as_f64) {
        out.push(Constraint::Minimum { limit, exclusive: true });
    }
    if let Some(limit) = number("maximum", warnings) {
        out.push(Constraint::Maximum { limit, exclusive: flag("exclusiveMaximum") });
    }
    if let Some(limit) = schema.get("exclusiveMaximum").and_then(Value::as_f64) {
        out.push(Constraint::Maximum { limit, exclusive: true });
    }
    if let Some(factor) = number("multipleOf", warnings) {
        out.push(Constraint::MultipleOf(factor));
    }
    let counted: [(&str, CountConstraint); 6] = [
        ("minLength", Constraint::MinLength),
        ("maxLength", Constraint::MaxLength),
        ("minItems", Constraint::MinItems),
        ("maxItems", Constraint::MaxItems),
        ("minProperties", Constraint::MinProperties),
        ("maxProperties", Constraint::MaxProperties),
    ];
    for (key, make) in counted {
        if let Some(n) = count(key, warnings) {
            out.push(make(n));
        }
    }
    if let Some(pattern) = schema.get("pattern").and_then(Value::as_str) {
        // Checked here so that the generated crate can compile it without
        // a failure path: an invalid pattern is the spec's defect.
        match regress::Regex::with_flags(pattern, "u") {
            Ok(_) => out.push(Constraint::Pattern(pattern.to_owned())),
            Err(error) => warnings.push(Warning::at(
                Code::PatternInvalid,
                crate::diagnostics::join(pointer, "pattern"),
                format!("`pattern` is not an ECMA-262 regular expression ({error}); ignored"),
            )),
        }
    }
    if let Some(format) = schema.get("format").and_then(Value::as_str)
        && formats
        && crate::vocabulary::ASSERTED_FORMATS.contains(&format)
    {
        out.push(Constraint::Format(format.to_owned()));
    }
    if schema.get("uniqueItems").and_then(Value::as_bool) == Some(true) {
        out.push(Constraint::UniqueItems);
    }
    if let Some(names) = schema.get("propertyNames").and_then(Value::as_object) {
        let keys = read(names, &crate::diagnostics::join(pointer, "propertyNames"), formats, warnings);
        if !keys.is_empty() {
            out.push(Constraint::PropertyNames(keys));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read_json(schema: Value) -> (Vec<Constraint>, Vec<Warning>) {
        let mut warnings = Vec::new();
        (read(schema.as_object().unwrap(), "/s", true, &mut warnings), warnings)
    }

    #[test]
    fn constraints_state_themselves_as_json_schema() {
        assert_eq!(Constraint::Minimum { limit: 1.0, exclusive: true }.json_schema(), ("exclusiveMinimum", json!(1.0)));
        let names = Constraint::PropertyNames(vec![Constraint::MaxLength(64), Constraint::Pattern("^a".into())]);
        assert_eq!(names.json_schema(), ("propertyNames", json!({"type": "string", "maxLength": 64, "pattern": "^a"})));
    }

    #[test]
    fn both_exclusive_forms() {
        let (v30, _) = read_json(json!({"minimum": 0, "exclusiveMinimum": true, "maximum": 1}));
        assert_eq!(
            v30,
            [Constraint::Minimum { limit: 0.0, exclusive: true }, Constraint::Maximum { limit: 1.0, exclusive: false }]
        );
        let (v31, _) = read_json(json!({"exclusiveMaximum": 5}));
        assert_eq!(v31, [Constraint::Maximum { limit: 5.0, exclusive: true }]);
    }

    #[test]
    fn counts_accept_integer_valued_floats_and_warn_otherwise() {
        let (constraints, warnings) =
            read_json(json!({"minLength": 2.0, "maxItems": -1, "pattern": "^a", "uniqueItems": true}));
        assert_eq!(constraints, [Constraint::MinLength(2), Constraint::Pattern("^a".into()), Constraint::UniqueItems]);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].code, Code::AssertionValueIgnored);
        assert_eq!(warnings[0].location.pointer.as_deref(), Some("/s/maxItems"));
    }
}
