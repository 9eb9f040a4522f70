//! `pattern`: ECMA-262 regular expressions (the dialect JSON Schema uses),
//! via `regress`. Only crates whose spec has a `pattern` include this module
//! and depend on `regress`.

use crate::validate::{Path, ValidationError, report};

pub use ::regress::Regex;

/// Compiles a pattern that the generator has already checked compiles.
/// With the `u` flag: JSON Schema patterns are matched against Unicode
/// strings (`\p{L}`, code-point `.`).
pub fn compile(source: &str) -> Regex {
    Regex::with_flags(source, "u").unwrap_or_else(|error| ::core::panic!("pattern {source:?} was checked at generation time: {error}"))
}

/// JSON Schema patterns are not anchored: a match anywhere counts.
pub fn check(value: &str, regex: &Regex, source: &str, path: &Path<'_>, errors: &mut ::std::vec::Vec<ValidationError>) {
    if regex.find(value).is_none() {
        report(errors, path, "pattern", ::std::format!("must match the pattern `{source}`, got {value:?}"));
    }
}
