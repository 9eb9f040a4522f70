//! The generated crate's root module.

use proc_macro2::TokenStream;
use quote::quote;

use super::EmitOptions;

pub fn tokens(options: &EmitOptions) -> TokenStream {
    let mut sources = format!(" Generated from `{}`", options.spec_display);
    if !options.overlay_display.is_empty() {
        let overlays: Vec<String> = options
            .overlay_display
            .iter()
            .map(|o| format!("`{o}`"))
            .collect();
        sources.push_str(&format!(" with the overlay {}", overlays.join(", ")));
    }
    sources.push_str(" by `cargo xtask codegen`.");
    quote! {
        //! Rust types for the schemas of an OpenAPI spec.
        //!
        #![doc = #sources]
        //!
        //! Parsing is lenient where the wire allows it: enums keep values they
        //! do not know in an `Other` variant, and unknown properties are
        //! ignored (and not sent back). Optional properties that may be null
        //! are [`Nullable`], which keeps absent and `null` apart.
        #![forbid(unsafe_code)]
        // Descriptions are upstream prose: rustdoc's markdown lints about them
        // are not actionable here.
        #![allow(rustdoc::bare_urls, rustdoc::broken_intra_doc_links, rustdoc::invalid_html_tags)]

        #[rustfmt::skip]
        mod nullable;
        #[rustfmt::skip]
        pub mod types;

        pub use nullable::Nullable;
        #[doc(inline)]
        pub use types::*;
    }
}
