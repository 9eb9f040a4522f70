//! Stage 5: turn the type model into the files of the generated crate.
//!
//! Rust files come out as `syn::File`s (formatting is the next stage's job);
//! the manifest as text. Generated code names std items by absolute paths
//! (`::std::string::String`), so a schema called `String` or `Option`
//! cannot change what the code means. Derives are named bare (`Debug`,
//! `serde::Serialize`): a derive macro lives in the macro namespace, where
//! no schema's type can shadow it, and no type is named in lower case.

mod assertions;
mod constructors;
mod defaults;
mod json_checks;
mod json_evaluated;
mod lib_rs;
mod manifest;
pub mod model;
mod names;
mod object;
mod prose;
mod tokens;
pub use tokens::field_type_text;
mod types;
mod union_by_kind;
mod union_by_values;
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
    ("src/de/content.rs", include_str!("../runtime/de/content.rs")),
    ("src/de/object.rs", include_str!("../runtime/de/object.rs")),
    ("src/de/seed.rs", include_str!("../runtime/de/seed.rs")),
    ("src/de/untagged.rs", include_str!("../runtime/de/untagged.rs")),
    ("src/validate.rs", include_str!("../runtime/validate.rs")),
];

/// Support code for `pattern`, only for crates that use it (it brings `regress`).
const PATTERN_RUNTIME: (&str, &str) = ("src/pattern.rs", include_str!("../runtime/pattern.rs"));

/// Support code for asserted `format`s, only for crates that assert them
/// (it brings `fluent-uri`, `email_address` and `regress`).
const FORMAT_RUNTIME: (&str, &str) = ("src/format.rs", include_str!("../runtime/format.rs"));

/// Support code for schemas held as JSON, only for crates that have them.
const JSON_CHECK_RUNTIME: (&str, &str) = ("src/json_check.rs", include_str!("../runtime/json_check.rs"));

/// Which optional runtime modules a crate needs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RuntimeNeeds {
    pub patterns: bool,
    pub json_checks: bool,
    pub formats: bool,
}

impl RuntimeNeeds {
    pub fn of(space: &TypeSpace) -> Self {
        RuntimeNeeds {
            patterns: space.uses_patterns(),
            json_checks: !space.checks.is_empty(),
            formats: space.uses_formats(),
        }
    }

    pub fn union(self, other: RuntimeNeeds) -> Self {
        RuntimeNeeds {
            patterns: self.patterns || other.patterns,
            json_checks: self.json_checks || other.json_checks,
            formats: self.formats || other.formats,
        }
    }
}

pub fn emit(space: &TypeSpace, options: &EmitOptions) -> Result<EmittedCrate, crate::diagnostics::Error> {
    let mut emitted = emit_all_but_types(space, options)?;
    emitted.files.insert(TYPES_PATH.to_owned(), FileContent::Rust(types_file(space)?));
    Ok(emitted)
}

/// Where [`types_file`] goes.
pub const TYPES_PATH: &str = "src/types.rs";

/// Every file but `src/types.rs`, which a caller with several threads
/// emits in parts ([`types_part`]).
pub fn emit_all_but_types(space: &TypeSpace, options: &EmitOptions) -> Result<EmittedCrate, crate::diagnostics::Error> {
    let needs = RuntimeNeeds::of(space);
    let mut files = BTreeMap::new();
    files.insert("Cargo.toml".to_owned(), FileContent::Text(manifest::render(options, needs)));
    files.insert("rustfmt.toml".to_owned(), FileContent::Text(manifest::rustfmt_config(options)));
    files.insert(model::PATH.to_owned(), FileContent::Text(model::render(space, &options.spec_display)));
    let lib = parse(lib_rs::tokens(options, needs, space.facts.longest_chain, !space.types.is_empty()), "src/lib.rs")?;
    files.insert("src/lib.rs".to_owned(), FileContent::Rust(lib));
    files.extend(runtime_files(needs)?);
    Ok(EmittedCrate { files })
}

/// `src/types.rs` alone: every type and its validator. It refers to the
/// runtime by `crate::` paths and to its own types by their bare names, so
/// it can also sit in a module of a larger crate (the conformance harness).
pub fn types_file(space: &TypeSpace) -> Result<syn::File, crate::diagnostics::Error> {
    parse(types::tokens(space), "src/types.rs")
}

/// Part `part` of `parts` of `src/types.rs`; formatted one after the other,
/// the parts are the file. Tokens cannot cross threads, so each thread
/// emits its own part.
pub fn types_part(space: &TypeSpace, part: usize, parts: usize) -> Result<syn::File, crate::diagnostics::Error> {
    parse(types::tokens_part(space, part, parts), TYPES_PATH)
}

/// The runtime modules a crate with these needs carries, by path.
pub fn runtime_files(needs: RuntimeNeeds) -> Result<Vec<(String, FileContent)>, crate::diagnostics::Error> {
    let optional = [
        (needs.patterns, &PATTERN_RUNTIME),
        (needs.json_checks, &JSON_CHECK_RUNTIME),
        (needs.formats, &FORMAT_RUNTIME),
    ];
    let runtime = RUNTIME.iter().chain(optional.into_iter().filter_map(|(needed, file)| needed.then_some(file)));
    runtime
        .map(|(path, source)| {
            let file = syn::parse_file(source).map_err(|e| internal(path, &e))?;
            Ok(((*path).to_owned(), FileContent::Rust(file)))
        })
        .collect()
}

fn parse(tokens: proc_macro2::TokenStream, path: &str) -> Result<syn::File, crate::diagnostics::Error> {
    syn::parse2(tokens).map_err(|e| internal(path, &e))
}

/// Emitted tokens that do not parse are a generator bug, not bad input; say so.
fn internal(path: &str, error: &syn::Error) -> crate::diagnostics::Error {
    crate::diagnostics::Error::io(
        crate::diagnostics::Code::Internal,
        format!("internal error: generated code for {path} does not parse: {error}; please report this"),
        path,
    )
}
