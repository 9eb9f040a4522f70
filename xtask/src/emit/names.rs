//! Every name `emit/` gives a generated item of its own: the functions of
//! the compiled schemas and the accessors of defaults. (Types, fields and
//! variants are named in the IR, by `crate::naming`.) One place, so that
//! the emitter that defines an item and those that call it agree.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::ir::CheckId;

/// The function that checks compiled schema node `id`.
pub fn check(id: CheckId) -> Ident {
    format_ident!("json_check_{id}")
}

/// [`check`] as a value of the runtime's `Check` type, for the runtime
/// functions that apply a subschema.
pub fn check_pointer(id: CheckId) -> TokenStream {
    let name = check(id);
    quote!(#name as crate::json_check::Check)
}

/// The function that says what node `id` evaluates, for
/// `unevaluatedProperties` and `unevaluatedItems`.
pub fn evaluated(id: CheckId) -> Ident {
    format_ident!("json_evaluated_{id}")
}

/// The function that says what node `id` evaluates without its own
/// `unevaluated*` keywords.
pub fn siblings(id: CheckId) -> Ident {
    format_ident!("json_siblings_{id}")
}

/// The accessor of a field with a default: `field_or_default`.
pub fn default_accessor(field_ident: &str) -> Ident {
    format_ident!("{}_or_default", field_ident.trim_start_matches("r#"))
}

/// The constant holding a field's default: `FIELD_DEFAULT`.
pub fn default_constant(field_ident: &str) -> Ident {
    format_ident!("{}_DEFAULT", crate::naming::const_name(field_ident))
}

/// The function building a field's default that has no `const` form:
/// `field_default`.
pub fn default_builder(field_ident: &str) -> Ident {
    format_ident!("{}_default", field_ident.trim_start_matches("r#"))
}
