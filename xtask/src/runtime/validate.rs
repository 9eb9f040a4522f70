//! Validation: what the spec forbids that parsing lets through.
//!
//! Parsing is lenient (unknown enum values are kept, so a newer server never
//! breaks a client); `validate()` is exact. The checks themselves are
//! generated per type in `types.rs`, as straight-line code calling the small
//! keyword functions below; no schema is interpreted at run time.

use ::std::fmt;

/// A value that can say whether the spec allows it.
pub trait Validate {
    /// Checks every constraint the spec states, and returns every violation.
    fn validate(&self) -> ::core::result::Result<(), ValidationErrors> {
        let mut errors = ::std::vec::Vec::new();
        self.validate_at(&Path::Root, &mut errors);
        if errors.is_empty() { ::core::result::Result::Ok(()) } else { ::core::result::Result::Err(ValidationErrors(errors)) }
    }

    /// Appends the violations found in `self`, located below `path`. The
    /// default, for a type whose every value the spec allows, appends none.
    #[doc(hidden)]
    fn validate_at(&self, path: &Path<'_>, errors: &mut ::std::vec::Vec<ValidationError>) {
        let _ = (path, errors);
    }
}

impl<T: Validate + ?Sized> Validate for ::std::boxed::Box<T> {
    fn validate_at(&self, path: &Path<'_>, errors: &mut ::std::vec::Vec<ValidationError>) {
        (**self).validate_at(path, errors);
    }
}

/// One violation: where, which keyword, and a message quoting the limit and the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    path: ::std::string::String,
    keyword: &'static str,
    message: ::std::string::String,
}

impl ValidationError {
    /// The RFC 6901 JSON Pointer of the offending value (`""` is the root).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The JSON Schema keyword that the value violates (`maximum`, `enum`, ...).
    pub fn keyword(&self) -> &str {
        self.keyword
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() { "(root)" } else { &self.path };
        write!(f, "{path}: {}", self.message)
    }
}

impl ::std::error::Error for ValidationError {}

/// Every violation found in one value, in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationErrors(::std::vec::Vec<ValidationError>);

impl ValidationErrors {
    pub fn iter(&self) -> ::std::slice::Iter<'_, ValidationError> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Always false: a `ValidationErrors` holds at least one error.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'a> ::core::iter::IntoIterator for &'a ValidationErrors {
    type Item = &'a ValidationError;
    type IntoIter = ::std::slice::Iter<'a, ValidationError>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.0.len();
        write!(f, "{count} validation error{}", if count == 1 { "" } else { "s" })?;
        for error in &self.0 {
            write!(f, "\n  {error}")?;
        }
        ::core::result::Result::Ok(())
    }
}

impl ::std::error::Error for ValidationErrors {}

/// The error of [`from_str`]: the text is not a value of the type, or it is
/// one that the spec does not allow.
#[derive(Debug)]
pub enum FromStrError {
    /// Not JSON, or not of the type's shape.
    Parse(::serde_json::Error),
    /// A value of the type, but one the spec does not allow.
    Invalid(ValidationErrors),
}

impl fmt::Display for FromStrError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FromStrError::Parse(error) => write!(f, "cannot parse: {error}"),
            FromStrError::Invalid(errors) => write!(f, "{errors}"),
        }
    }
}

impl ::std::error::Error for FromStrError {
    fn source(&self) -> ::core::option::Option<&(dyn ::std::error::Error + 'static)> {
        match self {
            FromStrError::Parse(error) => ::core::option::Option::Some(error),
            FromStrError::Invalid(errors) => ::core::option::Option::Some(errors),
        }
    }
}

/// Parses JSON text and validates the result: one call, one error type.
pub fn from_str<T: ::serde::de::DeserializeOwned + Validate>(json: &str) -> ::core::result::Result<T, FromStrError> {
    let value: T = ::serde_json::from_str(json).map_err(FromStrError::Parse)?;
    value.validate().map_err(FromStrError::Invalid)?;
    ::core::result::Result::Ok(value)
}

/// Where a value sits, built on the stack while descending and rendered as
/// a JSON Pointer only when there is an error to report.
#[doc(hidden)]
#[derive(Debug, Clone, Copy)]
pub enum Path<'a> {
    Root,
    Key(&'a Path<'a>, &'a str),
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    pub fn key(&'a self, key: &'a str) -> Path<'a> {
        Path::Key(self, key)
    }

    pub fn index(&'a self, index: usize) -> Path<'a> {
        Path::Index(self, index)
    }

    fn pointer(&self) -> ::std::string::String {
        match self {
            Path::Root => ::std::string::String::new(),
            Path::Key(parent, key) => ::std::format!("{}/{}", parent.pointer(), key.replace('~', "~0").replace('/', "~1")),
            Path::Index(parent, index) => ::std::format!("{}/{index}", parent.pointer()),
        }
    }
}

/// Records one violation.
#[doc(hidden)]
pub fn report(errors: &mut ::std::vec::Vec<ValidationError>, path: &Path<'_>, keyword: &'static str, message: ::std::string::String) {
    errors.push(ValidationError { path: path.pointer(), keyword, message });
}

/// The keyword checks the generated code calls. Each takes the value, the
/// limit from the spec, and where to report.
#[doc(hidden)]
pub mod check {
    use super::{Path, ValidationError, report};
    use ::std::vec::Vec;

    type Errors = Vec<ValidationError>;

    pub fn minimum(value: f64, limit: f64, path: &Path<'_>, errors: &mut Errors) {
        if value < limit {
            report(errors, path, "minimum", ::std::format!("must be at least {limit}, got {value}"));
        }
    }

    pub fn exclusive_minimum(value: f64, limit: f64, path: &Path<'_>, errors: &mut Errors) {
        if value <= limit {
            report(errors, path, "exclusiveMinimum", ::std::format!("must be greater than {limit}, got {value}"));
        }
    }

    pub fn maximum(value: f64, limit: f64, path: &Path<'_>, errors: &mut Errors) {
        if value > limit {
            report(errors, path, "maximum", ::std::format!("must be at most {limit}, got {value}"));
        }
    }

    pub fn exclusive_maximum(value: f64, limit: f64, path: &Path<'_>, errors: &mut Errors) {
        if value >= limit {
            report(errors, path, "exclusiveMaximum", ::std::format!("must be less than {limit}, got {value}"));
        }
    }

    /// `value / factor` is an integer. Exact for integers; for fractions,
    /// the quotient is compared with its rounding at the precision of an f64.
    pub fn multiple_of(value: f64, factor: f64, path: &Path<'_>, errors: &mut Errors) {
        let quotient = value / factor;
        let ok = if value.fract() == 0.0 && factor.fract() == 0.0 && value.abs() < 9.0e15 && factor.abs() < 9.0e15 {
            (value as i64) % (factor as i64) == 0
        } else {
            quotient.is_finite() && (quotient - quotient.round()).abs() <= quotient.abs().max(1.0) * 4.0 * f64::EPSILON
        };
        if !ok {
            report(errors, path, "multipleOf", ::std::format!("must be a multiple of {factor}, got {value}"));
        }
    }

    /// Lengths count Unicode code points, as JSON Schema does.
    pub fn min_length(value: &str, limit: usize, path: &Path<'_>, errors: &mut Errors) {
        let length = value.chars().count();
        if length < limit {
            report(errors, path, "minLength", ::std::format!("must be at least {limit} characters long, got {length}"));
        }
    }

    pub fn max_length(value: &str, limit: usize, path: &Path<'_>, errors: &mut Errors) {
        let length = value.chars().count();
        if length > limit {
            report(errors, path, "maxLength", ::std::format!("must be at most {limit} characters long, got {length}"));
        }
    }

    pub fn min_items(length: usize, limit: usize, path: &Path<'_>, errors: &mut Errors) {
        if length < limit {
            report(errors, path, "minItems", ::std::format!("must have at least {limit} items, got {length}"));
        }
    }

    pub fn max_items(length: usize, limit: usize, path: &Path<'_>, errors: &mut Errors) {
        if length > limit {
            report(errors, path, "maxItems", ::std::format!("must have at most {limit} items, got {length}"));
        }
    }

    pub fn min_properties(count: usize, limit: usize, path: &Path<'_>, errors: &mut Errors) {
        if count < limit {
            report(errors, path, "minProperties", ::std::format!("must have at least {limit} properties, got {count}"));
        }
    }

    pub fn max_properties(count: usize, limit: usize, path: &Path<'_>, errors: &mut Errors) {
        if count > limit {
            report(errors, path, "maxProperties", ::std::format!("must have at most {limit} properties, got {count}"));
        }
    }

    /// Items are compared as JSON values (so `1` equals `1.0`).
    pub fn unique_items<T: ::serde::Serialize>(items: &[T], path: &Path<'_>, errors: &mut Errors) {
        let values: Vec<::serde_json::Value> = items.iter().map(|item| ::serde_json::to_value(item).unwrap_or(::serde_json::Value::Null)).collect();
        for (i, a) in values.iter().enumerate() {
            if let ::core::option::Option::Some(j) = values[..i].iter().position(|b| super::json_equal(a, b)) {
                report(errors, path, "uniqueItems", ::std::format!("must not contain duplicates, but items {j} and {i} are equal"));
                return;
            }
        }
    }

    /// `enum` for values that are not strings: compared as JSON values.
    pub fn one_of_values<T: ::serde::Serialize>(value: &T, allowed: &[::serde_json::Value], path: &Path<'_>, errors: &mut Errors) {
        let value = ::serde_json::to_value(value).unwrap_or(::serde_json::Value::Null);
        if !allowed.iter().any(|a| super::json_equal(a, &value)) {
            let list: Vec<::std::string::String> = allowed.iter().map(::std::string::ToString::to_string).collect();
            report(errors, path, "enum", ::std::format!("must be one of {}, got {value}", list.join(", ")));
        }
    }

    pub fn constant<T: ::serde::Serialize>(value: &T, expected: &::serde_json::Value, path: &Path<'_>, errors: &mut Errors) {
        let value = ::serde_json::to_value(value).unwrap_or(::serde_json::Value::Null);
        if !super::json_equal(expected, &value) {
            report(errors, path, "const", ::std::format!("must be {expected}, got {value}"));
        }
    }

    /// A string outside a closed enum (kept by the parser in `Other`).
    pub fn unknown_value(value: &str, allowed: &[&str], path: &Path<'_>, errors: &mut Errors) {
        let list: Vec<::std::string::String> = allowed.iter().map(|a| ::std::format!("{a:?}")).collect();
        report(errors, path, "enum", ::std::format!("must be one of {}, got {value:?}", list.join(", ")));
    }

    /// A value of a tagged union whose tag names none of its variants.
    pub fn unknown_tag(value: &::serde_json::Value, property: &str, allowed: &[&str], keyword: &'static str, path: &Path<'_>, errors: &mut Errors) {
        let found = value.get(property).map(::std::string::ToString::to_string).unwrap_or_default();
        let list: Vec<::std::string::String> = allowed.iter().map(|a| ::std::format!("{a:?}")).collect();
        report(errors, path, keyword, ::std::format!("`{property}` must be one of {}, got {found}", list.join(", ")));
    }

    /// A rule about which properties are present together (`anyOf`/`oneOf`
    /// of `required` lists, `not: {required}`); `holds` is computed by the
    /// generated code.
    pub fn presence(holds: bool, keyword: &'static str, message: &str, path: &Path<'_>, errors: &mut Errors) {
        if !holds {
            report(errors, path, keyword, ::std::string::ToString::to_string(message));
        }
    }

    /// A property that `additionalProperties: false` forbids.
    pub fn forbidden_property(name: &str, path: &Path<'_>, errors: &mut Errors) {
        report(errors, &path.key(name), "additionalProperties", ::std::format!("property {name:?} is not allowed here"));
    }
}

/// JSON equality: numbers by value (`1 == 1.0`), objects regardless of key order.
#[doc(hidden)]
pub fn json_equal(a: &::serde_json::Value, b: &::serde_json::Value) -> bool {
    use ::serde_json::Value;
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64(), x.as_u64(), y.as_u64()) {
            (::core::option::Option::Some(x), ::core::option::Option::Some(y), _, _) => x == y,
            (_, _, ::core::option::Option::Some(x), ::core::option::Option::Some(y)) => x == y,
            _ => x.as_f64() == y.as_f64(),
        },
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| json_equal(x, y)),
        (Value::Object(x), Value::Object(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| json_equal(v, w))),
        _ => a == b,
    }
}
