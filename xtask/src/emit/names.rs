//! Every name `emit/` gives a generated item of its own: the functions of
//! the compiled schemas and the accessors of defaults. (Types, fields and
//! variants are named in the IR, by `crate::naming`.) One place, so that
//! the emitter that defines an item and those that call it agree.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::ir::{CheckId, TypeSpace};

/// The names of the functions of the compiled schemas, each from the
/// pointer of its schema (`#/components/schemas/Foo/anyOf/0` →
/// `json_check_foo_any_of_0`), so that adding or removing a schema renames
/// no other schema's function. A schema compiled in several dynamic scopes,
/// or two pointers that read the same in snake case, are numbered in
/// compile order (`_2`).
pub struct CheckNames {
    names: Vec<String>,
    pointers: Vec<String>,
}

impl CheckNames {
    pub fn new(space: &TypeSpace) -> Self {
        let mut namer = crate::naming::Namer::default();
        // A model without pointers (built by hand) numbers its nodes.
        let name =
            |id: CheckId| space.check_pointers.get(id).map_or_else(|| id.to_string(), |p| crate::naming::check_name(p));
        CheckNames {
            names: (0..space.checks.len()).map(|id| namer.claim(&name(id))).collect(),
            pointers: (0..space.checks.len())
                .map(|id| space.check_pointers.get(id).cloned().unwrap_or_default())
                .collect(),
        }
    }

    /// A doc line naming node `id`'s schema: `template` with `{schema}`
    /// replaced by its pointer.
    pub fn doc(&self, id: CheckId, template: &str) -> TokenStream {
        let line = template.replace("{schema}", &format!("`#{}`", self.pointers[id]));
        let line = super::tokens::doc_safe(&format!(" {line}"));
        quote!(#[doc = #line])
    }

    /// The function that checks node `id`.
    pub fn check(&self, id: CheckId) -> Ident {
        format_ident!("json_check_{}", self.names[id])
    }

    /// [`Self::check`] as a value of the runtime's `Check` type, for the
    /// runtime functions that apply a subschema.
    pub fn check_pointer(&self, id: CheckId) -> TokenStream {
        let name = self.check(id);
        quote!(#name as crate::json_check::Check)
    }

    /// The function that says what node `id` evaluates, for
    /// `unevaluatedProperties` and `unevaluatedItems`.
    pub fn evaluated(&self, id: CheckId) -> Ident {
        format_ident!("json_evaluated_{}", self.names[id])
    }

    /// The function that says what node `id` evaluates without its own
    /// `unevaluated*` keywords.
    pub fn siblings(&self, id: CheckId) -> Ident {
        format_ident!("json_siblings_{}", self.names[id])
    }
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
