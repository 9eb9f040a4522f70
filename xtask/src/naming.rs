//! Turning spec names into Rust identifiers.
//!
//! Rules, in order:
//! 1. Split on anything that is not an ASCII letter or digit, and on case
//!    changes (heck); a non-ASCII character becomes `U` plus its hex code, so
//!    `café` and `cafe` stay distinct.
//! 2. Types and variants are UpperCamelCase, fields snake_case.
//! 3. A name that is empty after step 1 becomes `Empty` / `empty`; one that
//!    starts with a digit gets a `T`/`V` prefix (types/variants) or `n`
//!    (fields).
//! 4. Rust keywords become raw identifiers (`r#type`); the few that cannot
//!    be raw (`self`, `Self`, `super`, `crate`, `_`) get a trailing `_`.
//! 5. Within one scope (a struct's fields, an enum's variants, the crate's
//!    types), a name already taken gets `_2`, `_3`, ... (`2`, `3` for
//!    UpperCamelCase) in spec order, so collisions resolve deterministically.
//!
//! The serde name always stays the spec's own string.

use heck::{ToSnakeCase, ToUpperCamelCase};
use indexmap::IndexSet;

const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for", "if", "impl", "in",
    "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super",
    "trait", "true", "type", "unsafe", "use", "where", "while", "async", "await", "dyn", "abstract", "become", "box",
    "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Spells non-ASCII characters out so that identifiers stay ASCII.
fn ascii_words(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if c.is_ascii() {
            out.push(' ');
        } else {
            out.push_str(&format!(" U{:04X} ", c as u32));
        }
    }
    out
}

fn finish(ident: String, empty: &str, digit_prefix: &str) -> String {
    let ident = if ident.is_empty() { empty.to_owned() } else { ident };
    let ident = if ident.starts_with(|c: char| c.is_ascii_digit()) { format!("{digit_prefix}{ident}") } else { ident };
    if NOT_RAW.contains(&ident.as_str()) {
        format!("{ident}_")
    } else if KEYWORDS.contains(&ident.as_str()) {
        format!("r#{ident}")
    } else {
        ident
    }
}

/// A type name: `turn_detection` → `TurnDetection`.
pub fn type_name(raw: &str) -> String {
    finish(ascii_words(raw).to_upper_camel_case(), "Empty", "T")
}

/// An enum variant name: `gpt-4o-realtime-preview` → `Gpt4oRealtimePreview`.
pub fn variant_name(raw: &str) -> String {
    finish(ascii_words(raw).to_upper_camel_case(), "Empty", "V")
}

/// A field name: `prefixPaddingMs` → `prefix_padding_ms`, `type` → `r#type`.
pub fn field_name(raw: &str) -> String {
    finish(ascii_words(raw).to_snake_case(), "empty", "n")
}

/// An associated constant name: `speed` → `SPEED`.
pub fn const_name(field_ident: &str) -> String {
    field_ident.trim_start_matches("r#").trim_end_matches('_').to_uppercase()
}

/// The part of a check function's name that says which schema it checks:
/// the schema's pointer in snake case, without `/components/schemas/`
/// (where every schema of an OpenAPI document is), `root` for the root.
pub fn check_name(pointer: &str) -> String {
    let path = pointer.strip_prefix("/components/schemas/").unwrap_or(pointer);
    let words: Vec<String> = path.split('/').map(|s| s.replace("~1", "/").replace("~0", "~")).collect();
    let name = ascii_words(&words.join(" ")).to_snake_case();
    if name.is_empty() { "root".to_owned() } else { name }
}

/// Hands out unique names within one scope.
#[derive(Debug, Default, Clone)]
pub struct Namer {
    taken: IndexSet<String>,
}

impl Namer {
    /// A namer in which `reserved` are already taken.
    pub fn with_reserved<'a>(reserved: impl IntoIterator<Item = &'a str>) -> Self {
        Namer { taken: reserved.into_iter().map(str::to_owned).collect() }
    }

    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// `name` itself if free, else the first free numbered form of it.
    pub fn claim(&mut self, name: &str) -> String {
        if self.taken.insert(name.to_owned()) {
            return name.to_owned();
        }
        let (stem, separator) = match name.strip_prefix("r#") {
            Some(stem) => (stem, "_"),
            None if name.contains('_') || name.starts_with(|c: char| c.is_lowercase()) => (name, "_"),
            None => (name, ""),
        };
        let stem = stem.trim_end_matches('_');
        (2..)
            .map(|n| format!("{stem}{separator}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .expect("some numbered name is free")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_conversion() {
        assert_eq!(type_name("RealtimeSession"), "RealtimeSession");
        assert_eq!(type_name("Tracing Configuration"), "TracingConfiguration");
        assert_eq!(variant_name("gpt-4o-realtime-preview-2024-10-01"), "Gpt4oRealtimePreview20241001");
        assert_eq!(variant_name("g711_ulaw"), "G711Ulaw");
        assert_eq!(field_name("prefixPaddingMs"), "prefix_padding_ms");
    }

    #[test]
    fn keywords_digits_empty_and_non_ascii() {
        assert_eq!(field_name("type"), "r#type");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(type_name("Self"), "Self_");
        assert_eq!(type_name("crate"), "Crate");
        assert_eq!(field_name("async"), "r#async");
        assert_eq!(field_name("2fa"), "n2fa");
        assert_eq!(variant_name("1"), "V1");
        assert_eq!(field_name(""), "empty");
        assert_eq!(field_name("@context"), "context");
        assert_eq!(field_name("café"), "caf_u00e9");
        assert_ne!(field_name("café"), field_name("cafe"));
    }

    #[test]
    fn collisions_number_in_spec_order() {
        let mut fields = Namer::default();
        let claimed: Vec<_> =
            ["foo-bar", "foo_bar", "FooBar"].iter().map(|raw| fields.claim(&field_name(raw))).collect();
        assert_eq!(claimed, ["foo_bar", "foo_bar_2", "foo_bar_3"]);
        let mut types = Namer::with_reserved(["Nullable"]);
        assert_eq!(types.claim("Nullable"), "Nullable2");
        let mut keywords = Namer::default();
        assert_eq!(keywords.claim("r#type"), "r#type");
        assert_eq!(keywords.claim("r#type"), "type_2");
    }

    #[test]
    fn constant_names() {
        assert_eq!(const_name("r#type"), "TYPE");
        assert_eq!(const_name("input_audio_format"), "INPUT_AUDIO_FORMAT");
    }
}
