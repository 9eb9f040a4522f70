//! The generated crate's root module.

use proc_macro2::TokenStream;
use quote::quote;

use super::{EmitOptions, RuntimeNeeds};

/// Type chains up to this long compile within rustc's default recursion limit.
const DEFAULT_DEPTH: usize = 16;

/// The crate root; `depth` is the longest chain of types that each hold the
/// next (see [`crate::ir::depth`]).
pub fn tokens(options: &EmitOptions, needs: RuntimeNeeds, depth: usize, has_types: bool) -> TokenStream {
    let mut sources = format!(" Generated from `{}`", super::tokens::doc_safe(&options.spec_display));
    if !options.overlay_display.is_empty() {
        let overlays: Vec<String> = options.overlay_display.iter().map(|o| format!("`{o}`")).collect();
        sources.push_str(&format!(" with the overlay {}", overlays.join(", ")));
    }
    sources.push_str(" by `cargo xtask codegen`.");
    // Public (and hidden) so that a crate using only some of it (say
    // `patternProperties` but no `pattern`) has no dead code.
    let pattern = needs.patterns.then(|| {
        quote! {
            #[doc(hidden)]
            pub mod pattern;
        }
    });
    let format = needs.formats.then(|| {
        quote! {
            #[doc(hidden)]
            pub mod format;
        }
    });
    // Public for the same reason as `de`: generated code picks what it needs.
    let json_check = needs.json_checks.then(|| {
        quote! {
            #[doc(hidden)]
            pub mod json_check;
        }
    });
    // rustc's checks walk about five queries per level of nesting (measured
    // on a 3,000-link chain, which needs more than 4,096); eight leaves room.
    let recursion_limit = (depth > DEFAULT_DEPTH).then(|| {
        let limit = (depth * 8).max(128).to_string();
        quote!(#![recursion_limit = #limit])
    });
    // A spec may have no schema to generate (a document of operations
    // without bodies): then there is nothing to re-export.
    let reexport = has_types.then(|| {
        quote! {
            #[doc(inline)]
            pub use types::*;
        }
    });
    quote! {
        //! Rust types for the schemas of an OpenAPI spec.
        //!
        #![doc = #sources]
        //!
        //! # What the types promise
        //!
        //! **Absent and null are apart.** A property's Rust type says which
        //! of the two the spec allows:
        //!
        //! | the spec says | the field is | absent | `null` |
        //! |---|---|---|---|
        //! | required | `T` | refused | refused |
        //! | required, nullable | `Option<T>` | refused | `None` |
        //! | optional | `Option<T>` | `None` | refused |
        //! | optional, nullable | [`Nullable<T>`](Nullable) | `Absent` | `Null` |
        //!
        //! A value is written back as it was read: an absent property stays
        //! absent, and an explicit `null` stays `null`.
        //!
        //! **Parsing never fails on what a newer server may add.** Enums keep a
        //! value they do not list in an `Other` variant; a union read by its
        //! tag keeps an object with a tag it does not know as JSON; properties
        //! the spec does not declare are ignored (and not sent back). Such
        //! types are `#[non_exhaustive]`, so a new variant or field is not a
        //! breaking change. Parsing refuses only what the types cannot hold:
        //! a missing required property, a `null` the table above refuses, and
        //! a value of the wrong JSON type.
        //!
        //! **Validation is exact.** [`Validate::validate`] reports every value
        //! the spec forbids (out of range, not in an enum, a property an
        //! object may not have, ...), each with its JSON Pointer, its keyword
        //! and the limit it breaks; [`from_str`] parses and validates in one
        //! call. A type without constraints validates in no time.
        //!
        //! Every type says in its docs which schema of the spec it comes from.
        #![forbid(unsafe_code)]
        #recursion_limit
        // Descriptions are upstream prose: rustdoc's markdown lints about them
        // are not actionable here.
        #![allow(rustdoc::bare_urls, rustdoc::broken_intra_doc_links, rustdoc::invalid_html_tags)]

        // What generated code reads with (`object!`, the seeds, the union
        // and integer readers); public so that a crate that needs only some
        // of its helpers has no dead code.
        #[doc(hidden)]
                pub mod de;
        #json_check
                mod nullable;
        #pattern
        #format
                pub mod types;
                pub mod validate;

        pub use nullable::Nullable;
        pub use validate::{FromStrError, Validate, ValidationError, ValidationErrors, from_str};
        #reexport
    }
}
