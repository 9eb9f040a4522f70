//! Stage 5: turn the type model into the files of the generated crate.
//!
//! Rust files come out as `syn::File`s (formatting is the next stage's job);
//! the manifest as text. Generated code names std, serde and schemars items
//! by absolute paths (`::std::string::String`), so a schema called `String`
//! or `Option` cannot change what the code means.

mod defaults;
mod lib_rs;
mod manifest;
mod tokens;
mod types;
mod validators;

use std::collections::BTreeMap;

use crate::ir::TypeSpace;

/// What the emitter needs to know besides the types.
#[derive(Debug, Clone)]
pub struct EmitOptions {
    pub crate_name: String,
    pub crate_version: String,
    /// The spec as the user named it, for preambles and docs.
    pub spec_display: String,
    /// Overlays applied, as the user named them.
    pub overlay_display: Vec<String>,
}

/// One output file before formatting.
pub enum FileContent {
    Rust(syn::File),
    Text(String),
}

/// The generated crate, by path relative to its root.
pub struct EmittedCrate {
    pub files: BTreeMap<String, FileContent>,
}

/// Support code copied verbatim into every generated crate.
const RUNTIME: &[(&str, &str)] = &[
    ("src/nullable.rs", include_str!("../runtime/nullable.rs")),
    ("src/de.rs", include_str!("../runtime/de.rs")),
    ("src/validate.rs", include_str!("../runtime/validate.rs")),
];

/// Support code for `pattern`, only for crates that use it (it brings `regress`).
const PATTERN_RUNTIME: (&str, &str) = ("src/pattern.rs", include_str!("../runtime/pattern.rs"));

pub fn emit(space: &TypeSpace, options: &EmitOptions) -> Result<EmittedCrate, crate::diagnostics::Error> {
    let patterns = space.uses_patterns();
    let mut files = BTreeMap::new();
    files.insert("Cargo.toml".to_owned(), FileContent::Text(manifest::render(options, patterns)));
    files.insert("rustfmt.toml".to_owned(), FileContent::Text(manifest::rustfmt_config(options)));
    let lib = parse(lib_rs::tokens(options, patterns), "src/lib.rs")?;
    files.insert("src/lib.rs".to_owned(), FileContent::Rust(lib));
    files.insert("src/types.rs".to_owned(), FileContent::Rust(parse(types::tokens(space), "src/types.rs")?));
    let runtime = RUNTIME.iter().chain(patterns.then_some(&PATTERN_RUNTIME));
    for (path, source) in runtime {
        let file = syn::parse_file(source).map_err(|e| internal(path, &e))?;
        files.insert((*path).to_owned(), FileContent::Rust(file));
    }
    Ok(EmittedCrate { files })
}

fn parse(tokens: proc_macro2::TokenStream, path: &str) -> Result<syn::File, crate::diagnostics::Error> {
    syn::parse2(tokens).map_err(|e| internal(path, &e))
}

/// Emitted tokens that do not parse are a generator bug, not bad input; say so.
fn internal(path: &str, error: &syn::Error) -> crate::diagnostics::Error {
    crate::diagnostics::Error::io(
        format!("internal error: generated code for {path} does not parse: {error}; please report this"),
        path,
    )
}
