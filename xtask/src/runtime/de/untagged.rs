//! Reading a union without a tag whose variants fix some properties to a
//! value each (`type: "message"` and `role: "user"`): the value is
//! buffered once ([`Content`]), and only the variants whose fixed
//! properties it has are tried, in order. serde's `untagged` tries every
//! variant, building and dropping an error for each that fails; a variant
//! skipped here is one that would have failed on a fixed property, so the
//! variant read is the same.

use ::core::option::Option::{self, None, Some};

use super::Content;

impl Content<'_> {
    /// Whether this is an object in which each `(property, value)` of
    /// `fixed` is there with that string value.
    pub fn has_values(&self, fixed: &[(&str, &str)]) -> bool {
        let Content::Map(entries) = self else {
            return fixed.is_empty();
        };
        fixed.iter().all(|(property, value)| {
            entries.iter().any(|(key, found)| {
                key.as_bytes() == Some(property.as_bytes()) && found.as_bytes() == Some(value.as_bytes())
            })
        })
    }

    /// A string's bytes, or bytes (which a format without strings may give
    /// for a key or a value a variant reads as a string).
    fn as_bytes(&self) -> Option<&[u8]> {
        match self {
            Content::Str(s) => Some(s.as_bytes()),
            Content::String(s) => Some(s.as_bytes()),
            Content::Bytes(b) => Some(b),
            _ => None,
        }
    }
}

/// A buffered value and the variants that may read it: each is handed a
/// copy, but the last the value itself.
pub struct Candidates<'de> {
    content: Option<Content<'de>>,
    remaining: usize,
}

impl<'de> Candidates<'de> {
    /// `fits[i]`: whether variant `i`'s fixed properties are in `content`.
    pub fn new(content: Content<'de>, fits: &[bool]) -> Self {
        let remaining = fits.iter().filter(|fits| **fits).count();
        Candidates { content: Some(content), remaining }
    }

    /// The value read as `T`, if the variant fits (see [`Candidates::new`])
    /// and reads it.
    pub fn read<T: ::serde::Deserialize<'de>, E: ::serde::de::Error>(&mut self, fits: bool) -> Option<T> {
        if !fits {
            return None;
        }
        self.remaining = self.remaining.saturating_sub(1);
        let content = if self.remaining == 0 { self.content.take()? } else { self.content.as_ref()?.clone() };
        super::from_content::<T, E>(content).ok()
    }
}

/// The error serde's `untagged` gives when no variant reads a value.
pub fn no_variant<E: ::serde::de::Error>(name: &str) -> E {
    E::custom(format_args!("data did not match any variant of untagged enum {name}"))
}
