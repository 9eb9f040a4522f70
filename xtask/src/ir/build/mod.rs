//! Building the [`TypeSpace`] from a resolved spec.
//!
//! Each schema is first classified into a [`Form`] (what Rust construct it
//! becomes; the order of the tests is written down in `classify.rs`), then
//! built. Inline schemas that need a type of their own are named after
//! their `title`, or else after their parent plus property, so names are
//! stable and read as paths: `RealtimeSessionTurnDetection`.
//!
//! This file is the driver: [`build`], and [`Builder::ty_of`], which takes
//! one schema through the steps. The rest, by role: `classify.rs` (which
//! form a schema becomes), `nullability.rs` (the ways a schema admits
//! null), `shapes.rs` (enums, unions, structs), `values.rs` (`default`s
//! that must fit their type, `enum` and `const` kept as constraints).

mod classify;
mod nullability;
mod shapes;
#[cfg(test)]
mod tests;
mod values;

use std::borrow::Cow;
use std::collections::BTreeMap;

use indexmap::{IndexMap, IndexSet};
use serde_json::{Map, Value};

use self::classify::{Form, beyond_types, classify, exact_type};
use self::nullability::{null_forms, nullable_components};
use self::values::{check_defaults, value_constraints};
use super::{Shape, Ty, TypeDef, TypeKind, TypeSpace};
use crate::diagnostics::{Code, Error, Warning, join};
use crate::naming::{self, Namer};
use crate::resolve::{OpenApiVersion, ResolvedSpec, Semantics};

/// Names the generated crate defines besides the schema types.
pub const RESERVED_TYPE_NAMES: &[&str] =
    &["Nullable", "Validate", "ValidationError", "ValidationErrors", "FromStrError"];

/// Builds the type model. Warnings describe spec defects worked around.
pub fn build(spec: &ResolvedSpec) -> Result<(TypeSpace, Vec<Warning>), Error> {
    let mut builder = Builder {
        version: spec.version,
        assert_formats: spec.assert_formats,
        semantics: spec.semantics,
        checks: super::json_checks::CheckCompiler::new(spec),
        names: Namer::with_reserved(RESERVED_TYPE_NAMES.iter().copied()),
        component_names: IndexMap::new(),
        space: TypeSpace::default(),
        warnings: Vec::new(),
        defaults: Vec::new(),
        nullable_components: nullable_components(spec),
        schemas: &spec.schemas,
        current_component: String::new(),
        unions: Vec::new(),
        moved: BTreeMap::new(),
        ref_targets: IndexMap::new(),
    };
    // A place inside the document that a `$ref` reaches is a root; if it is
    // also an operation's inline schema, it takes that one's name.
    let inline_at = |pointer: &str| spec.inline.iter().find(|inline| inline.pointer == pointer);
    for name in spec.schemas.keys() {
        let display = match inline_at(&spec.pointers[name]) {
            Some(inline) => inline.name.clone(),
            None => ResolvedSpec::display_name(name),
        };
        let rust_name = builder.names.claim(&naming::type_name(&display));
        builder.component_names.insert(name.clone(), rust_name);
        if name.starts_with('#') {
            builder.ref_targets.insert(spec.pointers[name].clone(), name.clone());
        }
    }
    // Inline roots are named after the components, which keep theirs.
    let inline_names: Vec<String> =
        spec.inline.iter().map(|inline| builder.names.claim(&naming::type_name(&inline.name))).collect();
    for (name, schema) in &spec.schemas {
        builder.current_component = name.clone();
        let rust_name = builder.component_names[name].clone();
        builder.component(&rust_name, schema, &spec.pointers[name])?;
    }
    for (inline, rust_name) in spec.inline.iter().zip(&inline_names) {
        if builder.ref_targets.contains_key(&inline.pointer) {
            continue;
        }
        builder.current_component = String::new();
        builder.component(rust_name, &inline.schema, &inline.pointer)?;
    }
    builder.tag_unions();
    builder.settle_alias_cycles()?;
    check_defaults(&mut builder.space, &builder.defaults, &mut builder.warnings);
    let compiled = builder.checks.finish()?;
    builder.space.checks = compiled.nodes;
    builder.space.check_pointers = compiled.pointers;
    builder.warnings.extend(compiled.warnings);
    super::recursion::box_cycles(&mut builder.space);
    builder.space.settle_facts();
    Ok((builder.space, builder.warnings))
}

struct Builder<'a> {
    version: OpenApiVersion,
    /// Whether `format` is an assertion (see [`ResolvedSpec::assert_formats`]).
    assert_formats: bool,
    semantics: Semantics,
    /// The schemas held as JSON (see [`super::json_checks`]).
    checks: super::json_checks::CheckCompiler<'a>,
    names: Namer,
    /// Spec schema name → Rust type name.
    component_names: IndexMap<String, String>,
    space: TypeSpace,
    warnings: Vec<Warning>,
    /// Every `default` seen, with the type it must fit, checked once all
    /// types exist.
    defaults: Vec<(String, Ty, Value)>,
    /// Spec names of the components that admit null, directly or through a
    /// `$ref` chain.
    nullable_components: IndexSet<String>,
    /// The resolved component schemas, for merging `allOf` branches.
    schemas: &'a IndexMap<String, Value>,
    /// The places inside the document that a `$ref` reaches, by pointer:
    /// each is a root of its own, which its place uses too.
    ref_targets: IndexMap<String, String>,
    /// Properties that `allOf`s merged in, by pointer (see [`Builder::in_document`]).
    moved: BTreeMap<String, String>,
    /// The spec name of the component being built: what `$recursiveRef: "#"`
    /// refers to (OpenAI's specs mark such components `$recursiveAnchor`).
    current_component: String,
    /// Every union built, with its branch schemas and discriminator, for
    /// [`Builder::tag_unions`].
    unions: Vec<(String, Vec<Value>, Option<Value>)>,
}

/// How a schema that needs its own type gets its name.
#[derive(Clone, Copy)]
enum Naming<'a> {
    /// A component schema: its name is already claimed.
    Fixed(&'a str),
    /// An inline schema: its title if free, else this path-derived name.
    Inline(&'a str),
}

impl Builder<'_> {
    /// Aliases that reach themselves (see [`super::alias_cycles`]): held as
    /// JSON through a list or map, an error otherwise.
    fn settle_alias_cycles(&mut self) -> Result<(), Error> {
        for cycle in super::alias_cycles::find(&self.space) {
            let first = &self.space.types[&cycle.names[0]];
            if !cycle.through_container {
                let mut path = cycle.names.clone();
                path.push(cycle.names[0].clone());
                return Err(Error::at(
                    Code::RefCycleUntyped,
                    format!("a $ref cycle that cannot be typed: {} (nothing but references on it)", path.join(" → ")),
                    first.pointer.clone(),
                ));
            }
            for name in &cycle.names {
                let pointer = self.space.types[name].pointer.clone();
                let id = self.checks.compile(&pointer)?;
                self.space.types[name].kind = TypeKind::Json(id);
            }
        }
        Ok(())
    }

    fn component(&mut self, rust_name: &str, schema: &Value, pointer: &str) -> Result<(), Error> {
        // In JSON Schema semantics a root is a named type that can validate
        // itself: a struct, an enum, or a schema held as JSON (an alias of
        // `i64` could not carry its own checks).
        let typed_root = schema.as_object().is_some_and(|o| {
            exact_type(o)
                && (o.contains_key("enum")
                    || o.get("properties").is_some_and(|p| p.as_object().is_some_and(|p| !p.is_empty())))
        });
        if self.semantics == Semantics::JsonSchema && !typed_root {
            self.json_type(schema, pointer, Naming::Fixed(rust_name))?;
            return Ok(());
        }
        let mut ty = self.ty_of(schema, pointer, Naming::Fixed(rust_name))?;
        ty.nullable = false;
        if !self.space.types.contains_key(rust_name) {
            let doc = description(schema);
            self.space.types.insert(
                rust_name.to_owned(),
                TypeDef { name: rust_name.to_owned(), pointer: pointer.to_owned(), doc, kind: TypeKind::Alias(ty) },
            );
        }
        Ok(())
    }

    /// The type of one use of `schema`: steps 1 to 6 of the order in
    /// `classify.rs`, then [`classify`], then the form built, with its
    /// nullability, constraints and default.
    fn ty_of(&mut self, schema: &Value, pointer: &str, naming: Naming<'_>) -> Result<Ty, Error> {
        // A schema that a `$ref` reaches is its own root: its place names it.
        if let (Naming::Inline(_), Some(key)) = (&naming, self.ref_targets.get(&self.in_document(pointer))) {
            let name = key.clone();
            return Ok(Ty {
                nullable: self.nullable_components.contains(&name),
                ..Ty::new(Shape::Named(self.component_names[&name].clone()))
            });
        }
        let object = match schema {
            Value::Bool(true) => return Ok(Ty::new(Shape::Any)),
            Value::Bool(false) => return self.json_type(schema, pointer, naming),
            Value::Object(object) if self.semantics == Semantics::JsonSchema && !exact_type(object) => {
                return self.json_type(schema, pointer, naming);
            }
            Value::Object(object) => object,
            other => {
                return Err(Error::at(
                    Code::NotASchema,
                    format!("a schema must be a mapping or a boolean, found {}", crate::resolve::kind_of(other)),
                    pointer,
                ));
            }
        };
        let (object, nullable, warning) = null_forms(self.version, object, pointer);
        self.warnings.extend(warning);
        // What an allOf merges: the schema as written, but for its null forms.
        let unmerged = object.clone();
        // Presence rules (`anyOf`/`oneOf` of `required`, `not: {required}`)
        // are a struct's; what is left may still be beyond types.
        let (object, presence) = super::presence::take(object);
        if beyond_types(&object) {
            let mut ty = self.json_type(schema, pointer, naming)?;
            ty.nullable = nullable;
            return Ok(ty);
        }
        // `allOf: [$ref]` (a description around a reference) reads through
        // to the named type; any other allOf is merged into one schema,
        // which is then read like any other (its presence rules, keywords
        // beyond types), or held as JSON where its branches do not merge.
        let object = match object.get("allOf").and_then(Value::as_array).map(Vec::as_slice) {
            Some([single]) if single.get("$ref").is_some() => object,
            Some(_) => match super::all_of::distribute_over_union(&object, self.schemas) {
                Some(union) => Cow::Owned(union),
                None => {
                    let mut moved = Vec::new();
                    let merged =
                        super::all_of::merge(&unmerged, self.schemas, pointer, &mut self.warnings, &mut moved)?;
                    self.moved.extend(moved);
                    let mut ty = match merged {
                        Some(merged) => self.ty_of(&Value::Object(merged), pointer, naming)?,
                        None => self.json_type(schema, pointer, naming)?,
                    };
                    ty.nullable |= nullable;
                    return Ok(ty);
                }
            },
            None => object,
        };
        let mut ty = match classify(&object, pointer, &self.component_names, &self.current_component)? {
            // A named type never holds its own nullability: every use does.
            Form::Ref(name) => Ty {
                nullable: self.nullable_components.contains(&name),
                ..Ty::new(Shape::Named(self.component_names[&name].clone()))
            },
            Form::StringEnum { values, other } => {
                self.define(&object, pointer, naming, |builder, _| builder.enumeration(&values, other))?
            }
            Form::Union { branches, keyword } => self.define(&object, pointer, naming, |builder, name| {
                let title = object.get("title").and_then(Value::as_str);
                let discriminator = object.get("discriminator");
                builder.union(name, branches, &join(pointer, keyword), keyword == "oneOf", title, discriminator)
            })?,
            Form::Struct { properties } => self.define(&object, pointer, naming, |builder, name| {
                builder.structure(name, &object, properties, pointer, presence.clone())
            })?,
            Form::Map { values } => {
                let values = match values {
                    Some(values) => self.ty_of(
                        values,
                        &join(pointer, "additionalProperties"),
                        Naming::Inline(&format!("{}Value", naming.hint())),
                    )?,
                    None => Ty::new(Shape::Any),
                };
                Ty::new(Shape::Map(Box::new(values)))
            }
            Form::Array { items } => {
                let items = match items {
                    Some(items) => {
                        self.ty_of(items, &join(pointer, "items"), Naming::Inline(&format!("{}Item", naming.hint())))?
                    }
                    None => Ty::new(Shape::Any),
                };
                Ty::new(Shape::Array(Box::new(items)))
            }
            Form::Scalar(shape) => Ty::new(shape),
        };
        ty.nullable |= nullable;
        ty.constraints.extend(super::constraints::read(&object, pointer, self.assert_formats, &mut self.warnings));
        ty.constraints.extend(value_constraints(&object));
        if let Some(default) = object.get("default") {
            self.defaults.push((join(pointer, "default"), ty.clone(), default.clone()));
        }
        Ok(ty)
    }

    /// A named type holding JSON, checked by the schema at `pointer`
    /// compiled as it stands in the document.
    fn json_type(&mut self, schema: &Value, pointer: &str, naming: Naming<'_>) -> Result<Ty, Error> {
        let id = self.checks.compile(&self.in_document(pointer))?;
        let empty = Map::new();
        let object = schema.as_object().unwrap_or(&empty);
        self.define(object, pointer, naming, |_, _| Ok(TypeKind::Json(id)))
    }

    /// Where the schema at `pointer` is in the document: a property that an
    /// `allOf` merged in from a branch (see [`super::all_of::Moved`]) is
    /// below that branch, not below the merged schema.
    fn in_document(&self, pointer: &str) -> String {
        // The longest moved pointer that is `pointer` or one of its
        // ancestors: a lookup per level, since this runs for every schema.
        let mut here = pointer;
        loop {
            if let Some(there) = self.moved.get(here) {
                // The branch's pointer may itself have moved (nested merges).
                return match there == pointer {
                    true => pointer.to_owned(),
                    false => self.in_document(&format!("{there}{}", &pointer[here.len()..])),
                };
            }
            match here.rfind('/') {
                Some(end) => here = &here[..end],
                None => return pointer.to_owned(),
            }
        }
    }

    /// Registers a named type: reserves its slot (so parents precede their
    /// inline children in the output), then builds it.
    fn define(
        &mut self,
        schema: &Map<String, Value>,
        pointer: &str,
        naming: Naming<'_>,
        make: impl FnOnce(&mut Self, &str) -> Result<TypeKind, Error>,
    ) -> Result<Ty, Error> {
        let name = match naming {
            Naming::Fixed(name) => name.to_owned(),
            Naming::Inline(hint) => {
                let titled = schema
                    .get("title")
                    .and_then(Value::as_str)
                    .map(naming::type_name)
                    .filter(|title| !self.names.is_taken(title));
                self.names.claim(titled.as_deref().unwrap_or(hint))
            }
        };
        let doc = schema.get("description").and_then(Value::as_str).map(str::to_owned);
        let placeholder = TypeDef {
            name: name.clone(),
            pointer: self.in_document(pointer),
            doc,
            kind: TypeKind::Alias(Ty::new(Shape::Any)),
        };
        self.space.types.insert(name.clone(), placeholder);
        let kind = make(self, &name)?;
        self.space.types[&name].kind = kind;
        Ok(Ty::new(Shape::Named(name)))
    }
}

impl Naming<'_> {
    fn hint(&self) -> &str {
        match self {
            Naming::Fixed(name) | Naming::Inline(name) => name,
        }
    }
}

fn description(schema: &Value) -> Option<String> {
    schema.get("description").and_then(Value::as_str).map(str::to_owned)
}
