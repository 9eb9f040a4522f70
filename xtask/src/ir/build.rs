//! Building the [`TypeSpace`] from a resolved spec.
//!
//! Each schema is first classified into a [`Form`] (what Rust construct it
//! becomes), then built. Inline schemas that need a type of their own are
//! named after their `title`, or else after their parent plus property, so
//! names are stable and read as paths: `RealtimeSessionTurnDetection`.

use std::borrow::Cow;
use std::collections::BTreeMap;

use indexmap::{IndexMap, IndexSet};
use serde_json::{Map, Value};

use super::graph::{ChainEnd, follow_chains};
use super::{
    Additional, Constraint, EnumDef, EnumVariant, Field, OtherValues, Shape, StructDef, Ty, TypeDef, TypeKind,
    TypeSpace, UnionDef, UnionVariant,
};
use crate::diagnostics::{Error, Warning, join};
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
    builder.check_defaults();
    let (checks, warnings) = builder.checks.finish()?;
    builder.space.checks = checks;
    builder.warnings.extend(warnings);
    super::recursion::box_cycles(&mut builder.space);
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

/// What a (non-null) schema becomes.
enum Form<'s> {
    Ref(String),
    StringEnum { values: Vec<String>, other: OtherValues },
    Union { branches: &'s [Value], keyword: &'static str },
    Struct { properties: &'s Map<String, Value> },
    Map { values: Option<&'s Value> },
    Array { items: Option<&'s Value> },
    Scalar(Shape),
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
                return Err(Error::invalid(
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

    /// Finds each union's tag (see [`super::tagged`]) now that the structs
    /// of all its branches exist, and names a tagged union's variants after
    /// their tag values (`session.created` → `SessionCreated`), which are
    /// what tells them apart, when those names are distinct.
    fn tag_unions(&mut self) {
        for (name, branches, discriminator) in std::mem::take(&mut self.unions) {
            let TypeKind::Union(union) = &self.space.types[&name].kind else { continue };
            let Some(mut tag) = super::tagged::tag_of(&self.space, &union.variants, &branches, discriminator.as_ref())
            else {
                continue;
            };
            let idents: Vec<String> = tag.values.iter().map(|v| naming::variant_name(v)).collect();
            let distinct = idents.iter().enumerate().all(|(i, ident)| !idents[..i].contains(ident));
            let mut variants = union.variants.clone();
            if distinct {
                variants.iter_mut().zip(idents).for_each(|(variant, ident)| variant.ident = ident);
            }
            // The catch-all's name depends on the variants' names.
            let tag = super::tagged::other_ident(&variants).map(|other_ident| {
                tag.other_ident = other_ident;
                tag
            });
            if let TypeKind::Union(union) = &mut self.space.types[&name].kind {
                union.variants = variants;
                union.tag = tag;
            }
        }
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
                return Err(Error::invalid(
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
        let mut ty = match self.classify(&object, pointer)? {
            // A named type never holds its own nullability: every use does.
            Form::Ref(name) => Ty {
                nullable: self.nullable_components.contains(&name),
                ..Ty::new(Shape::Named(self.component_names[&name].clone()))
            },
            Form::StringEnum { values, other } => {
                self.define(&object, pointer, naming, |builder, name| builder.string_enum(name, &values, other))?
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

    fn classify<'s>(&mut self, schema: &'s Map<String, Value>, pointer: &str) -> Result<Form<'s>, Error> {
        if let Some(reference) = schema.get("$recursiveRef") {
            return match reference.as_str() {
                // An inline root (a response body) is no component to refer to.
                Some("#") if !self.current_component.is_empty() => Ok(Form::Ref(self.current_component.clone())),
                _ => Err(Error::unsupported("$recursiveRef other than \"#\"", join(pointer, "$recursiveRef"))),
            };
        }
        match schema.get("unevaluatedProperties") {
            None | Some(Value::Bool(true)) => {}
            Some(Value::Object(o)) if o.is_empty() => {}
            // With no applicator left (allOf is merged by now), unevaluated
            // properties are exactly the undeclared ones.
            Some(Value::Bool(false)) if !schema.contains_key("anyOf") && !schema.contains_key("oneOf") => {}
            Some(_) => return Err(Error::unsupported("unevaluatedProperties", join(pointer, "unevaluatedProperties"))),
        }
        // What no typed form states is held as JSON before a schema gets
        // here (`beyond_types`); `then` without `if` asserts nothing.
        if let Some(keyword) = schema.keys().find(|k| crate::vocabulary::beyond_forms(k)) {
            return Err(Error::unsupported(keyword, join(pointer, keyword)));
        }
        if let Some(reference) = schema.get("$ref") {
            let name = reference
                .as_str()
                .and_then(ResolvedSpec::ref_name)
                .ok_or_else(|| Error::unsupported("$ref outside #/components/schemas", join(pointer, "$ref")))?;
            if !self.component_names.contains_key(&name) {
                return Err(Error::invalid(format!("dangling $ref: no schema named `{name}`"), join(pointer, "$ref")));
            }
            return Ok(Form::Ref(name));
        }
        if let Some(all_of) = schema.get("allOf") {
            return match all_of.as_array().map(Vec::as_slice) {
                // allOf around one schema only adds a description: read through it.
                Some([single]) => match single.get("$ref").and_then(Value::as_str).and_then(ResolvedSpec::ref_name) {
                    Some(name) if self.component_names.contains_key(&name) => Ok(Form::Ref(name)),
                    _ => Err(Error::invalid("dangling $ref in allOf", join(pointer, "allOf"))),
                },
                // Merged before classification (see `ty_of`).
                _ => Err(Error::invalid("`allOf` must be a list of schemas", join(pointer, "allOf"))),
            };
        }
        if let Some(values) = string_enum(schema) {
            let exact = values.len() == 1 || schema.get("x-stainless-const").and_then(Value::as_bool) == Some(true);
            return Ok(Form::StringEnum {
                values,
                other: if exact { OtherValues::Rejected } else { OtherValues::KeptInvalid },
            });
        }
        for keyword in ["anyOf", "oneOf"] {
            if let Some(branches) = schema.get(keyword) {
                let branches = branches
                    .as_array()
                    .ok_or_else(|| Error::invalid(format!("`{keyword}` must be a list"), join(pointer, keyword)))?;
                if let Some(values) = open_string_enum(branches) {
                    return Ok(Form::StringEnum { values, other: OtherValues::KeptValid });
                }
                if branches.is_empty() {
                    return Err(Error::invalid(format!("`{keyword}` must not be empty"), join(pointer, keyword)));
                }
                return Ok(Form::Union { branches, keyword: if keyword == "oneOf" { "oneOf" } else { "anyOf" } });
            }
        }
        let declared = match schema.get("type") {
            None => None,
            Some(Value::String(t)) => Some(t.as_str()),
            Some(Value::Array(_)) => {
                return Err(Error::unsupported("`type` with several types", join(pointer, "type")));
            }
            Some(_) => {
                return Err(Error::invalid("`type` must be a string or a list of strings", join(pointer, "type")));
            }
        };
        let has = |key: &str| schema.contains_key(key);
        let form = match declared {
            Some("object") | None if has("properties") => match schema.get("properties") {
                Some(Value::Object(properties)) if !properties.is_empty() => Form::Struct { properties },
                Some(Value::Object(_)) => Form::Map { values: schema.get("additionalProperties") },
                _ => {
                    return Err(Error::invalid("`properties` must be a mapping", join(pointer, "properties")));
                }
            },
            Some("object") => Form::Map { values: schema.get("additionalProperties").filter(|v| v.is_object()) },
            None if has("additionalProperties") => {
                Form::Map { values: schema.get("additionalProperties").filter(|v| v.is_object()) }
            }
            // `items` without `type: array` (upstream `modalities`): the
            // intent is an array, and anything else would reject every value.
            Some("array") => Form::Array { items: schema.get("items") },
            None if has("items") => Form::Array { items: schema.get("items") },
            Some("string") => Form::Scalar(Shape::String),
            Some("integer") => Form::Scalar(Shape::Integer),
            Some("number") => Form::Scalar(Shape::Number),
            Some("boolean") => Form::Scalar(Shape::Boolean),
            Some("null") => {
                return Err(Error::unsupported("`type: null` on its own", join(pointer, "type")));
            }
            Some(other) => {
                return Err(Error::invalid(format!("unknown type `{other}`"), join(pointer, "type")));
            }
            None => Form::Scalar(Shape::Any),
        };
        Ok(form)
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

    fn string_enum(&mut self, _name: &str, values: &[String], other: OtherValues) -> Result<TypeKind, Error> {
        let mut idents = Namer::with_reserved(["Other"]);
        let variants = values
            .iter()
            .map(|value| EnumVariant { value: value.clone(), ident: idents.claim(&naming::variant_name(value)) })
            .collect();
        Ok(TypeKind::Enum(EnumDef { variants, other }))
    }

    fn union(
        &mut self,
        name: &str,
        branches: &[Value],
        pointer: &str,
        exclusive: bool,
        title: Option<&str>,
        discriminator: Option<&Value>,
    ) -> Result<TypeKind, Error> {
        let mut idents = Namer::default();
        let mut variants = Vec::new();
        for (index, branch) in branches.iter().enumerate() {
            let ident = idents.claim(&self.variant_ident(name, branch, index, title));
            let ty = self.ty_of(branch, &join(pointer, index), Naming::Inline(&format!("{name}{ident}")))?;
            variants.push(UnionVariant { ident, ty });
        }
        // The tag needs every branch's struct, and a branch may be a component
        // that is built later: it is found once all types exist.
        self.unions.push((name.to_owned(), branches.to_vec(), discriminator.cloned()));
        Ok(TypeKind::Union(UnionDef { variants, exclusive, tag: None }))
    }

    /// A union variant is named for what tells it apart: the referenced
    /// type (less the union's name where it starts with it, so that
    /// `RealtimeServerEvent`'s `RealtimeServerEventError` is `Error`), its
    /// single string value, its title (unless it merely repeats the
    /// union's), or its JSON type.
    fn variant_ident(&self, union: &str, branch: &Value, index: usize, union_title: Option<&str>) -> String {
        // A reference, or an allOf that starts with one (a distributed union).
        let reference = branch.get("$ref").or_else(|| branch.get("allOf")?.get(0)?.get("$ref"));
        if let Some(name) = reference.and_then(Value::as_str).and_then(ResolvedSpec::ref_name) {
            let type_name = self.component_names.get(&name).cloned().unwrap_or_else(|| naming::type_name(&name));
            return match type_name.strip_prefix(union) {
                Some(rest) if rest.starts_with(|c: char| c.is_ascii_uppercase()) => rest.to_owned(),
                _ => type_name,
            };
        }
        if let Some(object) = branch.as_object()
            && let Some(values) = string_enum(object)
            && let [value] = values.as_slice()
        {
            return naming::variant_name(value);
        }
        if let Some(title) = branch.get("title").and_then(Value::as_str)
            && Some(title) != union_title
        {
            return naming::variant_name(title);
        }
        let by_type = match branch.get("type").and_then(Value::as_str) {
            Some("object") => Some("Object"),
            Some("array") => Some("Array"),
            Some("string") => Some("String"),
            Some("integer") => Some("Integer"),
            Some("number") => Some("Number"),
            Some("boolean") => Some("Boolean"),
            _ => None,
        };
        by_type.map_or_else(|| format!("Variant{index}"), str::to_owned)
    }

    fn structure(
        &mut self,
        name: &str,
        schema: &Map<String, Value>,
        properties: &Map<String, Value>,
        pointer: &str,
        presence: Vec<super::PresenceRule>,
    ) -> Result<TypeKind, Error> {
        let required: Vec<&str> = match schema.get("required") {
            None => Vec::new(),
            Some(Value::Array(names)) => names.iter().filter_map(Value::as_str).collect(),
            Some(_) => {
                return Err(Error::invalid("`required` must be a list of names", join(pointer, "required")));
            }
        };
        for missing in required.iter().filter(|r| !properties.contains_key(**r)) {
            self.warnings.push(Warning::at(
                join(pointer, "required"),
                format!("required property `{missing}` is not declared in `properties`; not checked"),
            ));
        }
        let mut idents = Namer::default();
        let mut fields = Vec::new();
        for (property, property_schema) in properties {
            let property_pointer = self.in_document(&join(&join(pointer, "properties"), property));
            let ident = idents.claim(&naming::field_name(property));
            let ty = self.ty_of(
                property_schema,
                &property_pointer,
                Naming::Inline(&format!("{name}{}", naming::type_name(property))),
            )?;
            fields.push(Field {
                name: property.clone(),
                ident,
                pointer: property_pointer,
                ty,
                required: required.contains(&property.as_str()),
                doc: description(property_schema),
                default: property_schema.get("default").cloned(),
            });
        }
        if schema.contains_key("propertyNames") {
            return Err(Error::unsupported(
                "propertyNames on an object with declared properties",
                join(pointer, "propertyNames"),
            ));
        }
        let forbids_unevaluated = schema.get("unevaluatedProperties") == Some(&Value::Bool(false));
        let additional = match schema.get("additionalProperties") {
            None if forbids_unevaluated => Additional::Forbidden,
            None | Some(Value::Bool(true)) => Additional::Ignored,
            Some(Value::Bool(false)) => Additional::Forbidden,
            Some(Value::Object(o)) if o.is_empty() => Additional::Ignored,
            Some(values) => Additional::Typed(self.ty_of(
                values,
                &join(pointer, "additionalProperties"),
                Naming::Inline(&format!("{name}Value")),
            )?),
        };
        let additional_ident = idents.claim("additional_properties");
        Ok(TypeKind::Struct(StructDef { fields, additional, additional_ident, presence }))
    }

    /// Warns about every `default` that its own schema would reject, and
    /// drops it from the field it belongs to.
    fn check_defaults(&mut self) {
        let mut rejected = Vec::new();
        for (pointer, ty, value) in &self.defaults {
            if let Err(why) = fits(&self.space, ty, value) {
                self.warnings
                    .push(Warning::at(pointer, format!("`default` does not match its schema ({why}); ignored")));
                rejected.push(pointer.trim_end_matches("/default").to_owned());
            }
        }
        for def in self.space.types.values_mut() {
            if let TypeKind::Struct(s) = &mut def.kind {
                for field in &mut s.fields {
                    if rejected.contains(&field.pointer) {
                        field.default = None;
                    }
                }
            }
        }
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

/// Removes the ways a schema can admit null, and says whether it did:
/// OpenAPI 3.0 `nullable: true`, `type: [X, "null"]`, a `{type: null}`
/// branch of anyOf/oneOf, and `null` among `enum` values.
fn strip_null<'s>(
    version: OpenApiVersion,
    schema: &'s Map<String, Value>,
    pointer: &str,
) -> (Cow<'s, Map<String, Value>>, bool, Option<Warning>) {
    let mut schema = Cow::Borrowed(schema);
    let mut nullable = false;
    let mut warning = None;
    if let Some(flag) = schema.get("nullable").and_then(Value::as_bool) {
        if version == OpenApiVersion::V3_1 && flag {
            warning = Some(Warning::at(
                join(pointer, "nullable"),
                "`nullable` is an OpenAPI 3.0 keyword in a 3.1 document; read as `type: [..., \"null\"]`",
            ));
        }
        nullable |= flag;
        schema.to_mut().remove("nullable");
    }
    if let Some(Value::Array(types)) = schema.get("type")
        && types.iter().any(|t| t == "null")
    {
        let rest: Vec<Value> = types.iter().filter(|t| *t != "null").cloned().collect();
        nullable = true;
        let schema = schema.to_mut();
        match rest.len() {
            0 => schema.remove("type"),
            1 => schema.insert("type".into(), rest[0].clone()),
            _ => schema.insert("type".into(), Value::Array(rest)),
        };
    }
    if let Some(Value::Array(values)) = schema.get("enum")
        && values.iter().any(Value::is_null)
    {
        let rest: Vec<Value> = values.iter().filter(|v| !v.is_null()).cloned().collect();
        nullable = true;
        schema.to_mut().insert("enum".into(), Value::Array(rest));
    }
    for keyword in ["anyOf", "oneOf"] {
        let Some(Value::Array(branches)) = schema.get(keyword) else {
            continue;
        };
        let is_null = |b: &Value| {
            b.get("type").is_some_and(|t| t == "null")
                && b.as_object().is_some_and(|o| o.keys().all(|k| k == "type" || k == "description" || k == "title"))
        };
        if !branches.iter().any(is_null) {
            continue;
        }
        let rest: Vec<Value> = branches.iter().filter(|b| !is_null(b)).cloned().collect();
        nullable = true;
        let schema = schema.to_mut();
        if let [single] = rest.as_slice() {
            // `anyOf: [X, {type: null}]` is X made nullable; the outer
            // schema's own keys (description, default) stay.
            schema.remove(keyword);
            if let Value::Object(inner) = single {
                for (key, value) in inner {
                    schema.entry(key.clone()).or_insert_with(|| value.clone());
                }
            }
        } else {
            schema.insert(keyword.into(), Value::Array(rest));
        }
    }
    (schema, nullable, warning)
}

/// `allOf: [{$ref: X}, {nullable: true}]` and the like: one reference, and
/// branches that only annotate it (OpenAPI 3.0 cannot put `nullable` beside
/// a `$ref`). Becomes `allOf: [{$ref: X}]`, and says whether null is allowed.
fn reference_with_annotations(schema: Cow<'_, Map<String, Value>>) -> (Cow<'_, Map<String, Value>>, bool) {
    let Some(Value::Array(branches)) = schema.get("allOf") else { return (schema, false) };
    let (references, others): (Vec<&Value>, Vec<&Value>) = branches.iter().partition(|b| b.get("$ref").is_some());
    let annotations_only = others.iter().all(|b| {
        b.as_object().is_some_and(|o| o.keys().all(|k| k == "nullable" || crate::vocabulary::is_annotation(k)))
    });
    if references.len() != 1 || others.is_empty() || !annotations_only {
        return (schema, false);
    }
    let nullable = others.iter().any(|b| b.get("nullable").and_then(Value::as_bool) == Some(true));
    let reference = references[0].clone();
    let mut schema = schema.into_owned();
    schema.insert("allOf".into(), Value::Array(vec![reference]));
    (Cow::Owned(schema), nullable)
}

/// Every way a schema can admit null, removed from it: [`strip_null`], then
/// [`reference_with_annotations`]. Says whether null is allowed.
fn null_forms<'s>(
    version: OpenApiVersion,
    schema: &'s Map<String, Value>,
    pointer: &str,
) -> (Cow<'s, Map<String, Value>>, bool, Option<Warning>) {
    let (schema, stripped, warning) = strip_null(version, schema, pointer);
    let (schema, annotated) = reference_with_annotations(schema);
    (schema, stripped || annotated, warning)
}

/// The components whose schema admits null (by [`null_forms`], as at any
/// use), including those that are a `$ref`, or an allOf around one, to
/// such a component.
fn nullable_components(spec: &ResolvedSpec) -> IndexSet<String> {
    // Whether a schema admits null itself, and the component it refers to.
    let read = |schema: &Value| -> (bool, Option<String>) {
        let Some(object) = schema.as_object() else { return (false, None) };
        let (object, nullable, _) = null_forms(spec.version, object, "");
        let reference =
            object.get("$ref").or_else(|| object.get("allOf")?.as_array().filter(|a| a.len() == 1)?[0].get("$ref"));
        (nullable, reference.and_then(Value::as_str).and_then(ResolvedSpec::ref_name))
    };
    let links: Vec<(bool, Option<String>)> = spec.schemas.values().map(read).collect();
    // A chain of references ends at the first component that admits null
    // itself; a cycle of pure references admits nothing.
    let successors: Vec<Option<usize>> = links
        .iter()
        .map(|(nullable, reference)| match nullable {
            true => None,
            false => spec.schemas.get_index_of(reference.as_deref()?),
        })
        .collect();
    let chains = follow_chains(&successors);
    let admits_null = |end: &ChainEnd| matches!(end, ChainEnd::At(last) if links[*last].0);
    spec.schemas.keys().zip(&chains.ends).filter(|(_, end)| admits_null(end)).map(|(name, _)| name.clone()).collect()
}

/// The values of a string-only `enum` or a string `const`.
fn string_enum(schema: &Map<String, Value>) -> Option<Vec<String>> {
    if !matches!(schema.get("type").and_then(Value::as_str), None | Some("string")) {
        return None;
    }
    if let Some(Value::String(value)) = schema.get("const") {
        return Some(vec![value.clone()]);
    }
    let values = schema.get("enum")?.as_array()?;
    let strings: Vec<String> = values.iter().map(|v| v.as_str().map(str::to_owned)).collect::<Option<_>>()?;
    let mut unique: Vec<String> = Vec::with_capacity(strings.len());
    for value in strings {
        if !unique.contains(&value) {
            unique.push(value);
        }
    }
    (!unique.is_empty()).then_some(unique)
}

/// `anyOf: [{type: string}, {type: string, enum: [...]}]`: a documented set
/// of values that admits any other string.
fn open_string_enum(branches: &[Value]) -> Option<Vec<String>> {
    const ALLOWED: [&str; 5] = ["type", "enum", "description", "title", "example"];
    let mut values = Vec::new();
    let mut has_plain = false;
    for branch in branches {
        let object = branch.as_object()?;
        if object.get("type").and_then(Value::as_str) != Some("string")
            || !object.keys().all(|k| ALLOWED.contains(&k.as_str()) || k.starts_with("x-"))
        {
            return None;
        }
        match object.get("enum") {
            None => has_plain = true,
            Some(_) => values.extend(string_enum(object)?),
        }
    }
    (has_plain && !values.is_empty()).then_some(values)
}

/// In JSON Schema semantics, whether a Rust type states exactly what the
/// schema does: one declared `type` (or an enum of strings) and only
/// keywords that the typed forms check. Anything else is held as JSON.
fn exact_type(schema: &Map<String, Value>) -> bool {
    use crate::vocabulary::Forms;
    // Which keywords each form states is the vocabulary's `stated_by`.
    let form = match schema.get("type").and_then(Value::as_str) {
        Some("string") => Forms::STRING,
        Some("integer" | "number") => Forms::NUMBER,
        Some("boolean") => Forms::BOOLEAN,
        Some("array") => Forms::ARRAY,
        // A struct checks its fields and extra properties; a map (no
        // properties) checks its values, count and names.
        Some("object") => match schema.get("properties").and_then(Value::as_object) {
            Some(properties) if !properties.is_empty() => {
                let declared = |name: &Value| name.as_str().is_some_and(|n| properties.contains_key(n));
                if !schema.get("required").is_none_or(|r| r.as_array().is_some_and(|r| r.iter().all(declared))) {
                    return false;
                }
                Forms::STRUCT
            }
            _ => {
                if schema.get("additionalProperties").is_some_and(|a| !a.is_object()) {
                    return false;
                }
                Forms::MAP
            }
        },
        // An enum of strings without `type` is a Rust enum, which states
        // its values and nothing else.
        None if string_enum(schema).is_some() && !schema.contains_key("const") => {
            return schema.keys().all(|k| k == "enum" || crate::vocabulary::is_annotation(k));
        }
        _ => return false,
    };
    // Exclusive limits as booleans are OpenAPI 3.0's, not JSON Schema's.
    if schema.get("exclusiveMinimum").is_some_and(Value::is_boolean)
        || schema.get("exclusiveMaximum").is_some_and(Value::is_boolean)
    {
        return false;
    }
    schema.keys().all(|k| crate::vocabulary::stated_by_form(k, form))
}

/// In OpenAPI semantics, whether a schema (with its null forms removed)
/// uses what no Rust type states, and so is held as JSON.
fn beyond_types(schema: &Map<String, Value>) -> bool {
    // `unevaluated*` that a struct cannot state: anything but `false` for
    // properties (deny unknown fields), or beside a union's branches.
    let trivial = |keyword: &str| match schema.get(keyword) {
        None | Some(Value::Bool(true)) => true,
        Some(Value::Object(o)) => o.is_empty(),
        Some(_) => false,
    };
    let unions = schema.contains_key("anyOf") || schema.contains_key("oneOf");
    let unevaluated = !trivial("unevaluatedItems")
        || !(trivial("unevaluatedProperties")
            || (schema.get("unevaluatedProperties") == Some(&Value::Bool(false)) && !unions));
    schema.keys().any(|k| crate::vocabulary::beyond_forms(k))
        || unevaluated
        || matches!(schema.get("type"), Some(Value::Array(_)))
        || schema.get("type").and_then(Value::as_str) == Some("null")
}

/// `enum` and `const` on non-string schemas, kept as value constraints.
fn value_constraints(schema: &Map<String, Value>) -> Vec<Constraint> {
    if string_enum(schema).is_some() {
        return Vec::new();
    }
    let mut out = Vec::new();
    if let Some(Value::Array(values)) = schema.get("enum") {
        out.push(Constraint::Enum(values.clone()));
    }
    if let Some(value) = schema.get("const") {
        out.push(Constraint::Const(value.clone()));
    }
    out
}

/// Whether `value` has the shape `ty` describes; `Err` says what differs.
pub fn fits(space: &TypeSpace, ty: &Ty, value: &Value) -> Result<(), String> {
    let found = crate::resolve::kind_of(value);
    if value.is_null() {
        return if ty.nullable { Ok(()) } else { Err("null, but the schema is not nullable".into()) };
    }
    let expect = |ok: bool, what: &str| {
        if ok { Ok(()) } else { Err(format!("expected {what}, found {found}")) }
    };
    match &ty.shape {
        Shape::Any => Ok(()),
        Shape::Boolean => expect(value.is_boolean(), "a boolean"),
        Shape::Integer => expect(value.as_f64().is_some_and(|n| n.fract() == 0.0), "an integer"),
        Shape::Number => expect(value.is_number(), "a number"),
        Shape::String => expect(value.is_string(), "a string"),
        Shape::Map(_) => expect(value.is_object(), "a mapping"),
        Shape::Array(items) => {
            expect(value.is_array(), "a list")?;
            value.as_array().into_iter().flatten().try_for_each(|item| fits(space, items, item))
        }
        Shape::Named(name) => match space.types.get(name).map(|def| &def.kind) {
            Some(TypeKind::Struct(_)) => expect(value.is_object(), "a mapping"),
            Some(TypeKind::Enum(e)) => match value.as_str() {
                // A value the catch-all keeps but validation reports is
                // still a contradiction.
                Some(s) if e.other == OtherValues::KeptValid || e.variants.iter().any(|v| v.value == s) => Ok(()),
                Some(s) => Err(format!("`{s}` is not one of its values")),
                None => Err(format!("expected a string, found {found}")),
            },
            Some(TypeKind::Union(u)) => u
                .variants
                .iter()
                .find_map(|v| fits(space, &v.ty, value).ok())
                .ok_or_else(|| format!("matches none of the variants of `{name}`")),
            Some(TypeKind::Alias(inner)) => fits(space, inner, value),
            // Held as JSON: any value has the shape; validation judges it.
            Some(TypeKind::Json(_)) | None => Ok(()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resolve::{Roots, resolve};
    use serde_json::json;

    fn build_json(version: &str, schemas: Value) -> (TypeSpace, Vec<Warning>) {
        let document = json!({"openapi": version, "components": {"schemas": schemas}});
        build(&resolve(&document, &Roots::All).unwrap()).unwrap()
    }

    fn fields(space: &TypeSpace, name: &str) -> Vec<Field> {
        match &space.types[name].kind {
            TypeKind::Struct(s) => s.fields.clone(),
            other => panic!("{name} is not a struct: {other:?}"),
        }
    }

    fn enum_def(space: &TypeSpace, name: &str) -> EnumDef {
        match &space.types[name].kind {
            TypeKind::Enum(e) => e.clone(),
            other => panic!("{name} is not an enum: {other:?}"),
        }
    }

    #[test]
    fn items_without_type_is_an_array_and_its_misplaced_default_warns() {
        let (space, warnings) = build_json(
            "3.1.0",
            json!({"S": {"properties": {"m": {"items": {"type": "string", "default": ["a"], "enum": ["a", "b"]}}}}}),
        );
        let m = &fields(&space, "S")[0];
        assert!(matches!(&m.ty.shape, Shape::Array(items) if items.shape == Shape::Named("SMItem".into())));
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].location.pointer.as_deref(), Some("/components/schemas/S/properties/m/items/default"));
    }

    #[test]
    fn enum_kinds() {
        let (space, _) = build_json(
            "3.1.0",
            json!({
                "Closed": {"type": "string", "enum": ["a", "b"]},
                "Single": {"type": "string", "enum": ["only"]},
                "Stainless": {"type": "string", "enum": ["x", "y"], "x-stainless-const": true},
                "Const": {"const": "c"},
                "Open": {"anyOf": [{"type": "string"}, {"type": "string", "enum": ["alloy", "ash"]}]}
            }),
        );
        assert_eq!(enum_def(&space, "Closed").other, OtherValues::KeptInvalid);
        assert_eq!(enum_def(&space, "Single").other, OtherValues::Rejected);
        assert_eq!(enum_def(&space, "Stainless").other, OtherValues::Rejected);
        assert_eq!(enum_def(&space, "Const").variants[0].value, "c");
        let open = enum_def(&space, "Open");
        assert_eq!(open.other, OtherValues::KeptValid);
        assert_eq!(open.variants.iter().map(|v| v.ident.as_str()).collect::<Vec<_>>(), ["Alloy", "Ash"]);
    }

    #[test]
    fn every_nullable_form_is_recognized() {
        let (space, warnings) = build_json(
            "3.1.0",
            json!({"S": {"properties": {
                "a": {"type": ["string", "null"]},
                "b": {"anyOf": [{"$ref": "#/components/schemas/T"}, {"type": "null"}], "description": "d"},
                "c": {"type": "integer", "enum": [1, 2, null]},
                "d": {"type": "string", "nullable": true},
                "e": {"type": "string"}
            }}, "T": {"type": "object", "properties": {"x": {"type": "string"}}}}),
        );
        let nullable: Vec<bool> = fields(&space, "S").iter().map(|f| f.ty.nullable).collect();
        assert_eq!(nullable, [true, true, true, true, false]);
        assert_eq!(fields(&space, "S")[1].ty.shape, Shape::Named("T".into()));
        assert_eq!(fields(&space, "S")[1].doc.as_deref(), Some("d"));
        // `nullable` is 3.0 vocabulary: fine in 3.0, a warning in 3.1.
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].location.pointer.as_deref(), Some("/components/schemas/S/properties/d/nullable"));
        let (_, warnings_30) = build_json("3.0.3", json!({"S": {"type": "string", "nullable": true}}));
        assert!(warnings_30.is_empty());
    }

    #[test]
    fn a_nullable_component_is_nullable_at_every_use_and_not_in_itself() {
        let (space, _) = build_json(
            "3.1.0",
            json!({
                "Reason": {"type": ["string", "null"], "enum": ["a", "b", null]},
                "Target": {"type": ["object", "null"], "properties": {"x": {"type": "string"}}},
                "Name": {"type": ["string", "null"]},
                "Again": {"$ref": "#/components/schemas/Target"},
                "S": {"properties": {
                    "reason": {"$ref": "#/components/schemas/Reason"},
                    "target": {"$ref": "#/components/schemas/Target"},
                    "name": {"$ref": "#/components/schemas/Name"},
                    "again": {"$ref": "#/components/schemas/Again"}
                }}
            }),
        );
        let nullable: Vec<bool> = fields(&space, "S").iter().map(|f| f.ty.nullable).collect();
        assert_eq!(nullable, [true, true, true, true]);
        let TypeKind::Alias(name) = &space.types["Name"].kind else { panic!() };
        assert_eq!((&name.shape, name.nullable), (&Shape::String, false), "the alias is the plain type");
    }

    #[test]
    fn a_component_that_is_a_nullable_reference_is_nullable_at_its_uses() {
        let (space, _) = build_json(
            "3.0.3",
            json!({
                "Named": {"type": "object", "properties": {"n": {"type": "string"}}},
                "Owner": {"allOf": [{"$ref": "#/components/schemas/Named"}, {"nullable": true}]},
                "S": {"properties": {"owner": {"$ref": "#/components/schemas/Owner"}}}
            }),
        );
        assert!(fields(&space, "S")[0].ty.nullable, "Owner admits null, so every use of it does");
    }

    #[test]
    fn inline_names_use_titles_then_paths_and_never_collide() {
        let (space, _) = build_json(
            "3.1.0",
            json!({"Session": {"properties": {
                "tracing": {"title": "Tracing Configuration", "oneOf": [
                    {"type": "string", "enum": ["auto"]},
                    {"type": "object", "title": "Tracing Configuration", "properties": {"w": {"type": "string"}}}
                ]},
                "turn_detection": {"type": "object", "properties": {"t": {"type": "number"}}}
            }}}),
        );
        let names: Vec<&str> = space.types.keys().map(String::as_str).collect();
        assert_eq!(
            names,
            [
                "Session",
                "TracingConfiguration",
                "TracingConfigurationAuto",
                "TracingConfigurationObject",
                "SessionTurnDetection"
            ]
        );
        let TypeKind::Union(union) = &space.types["TracingConfiguration"].kind else { panic!() };
        assert_eq!(union.variants.iter().map(|v| v.ident.as_str()).collect::<Vec<_>>(), ["Auto", "Object"]);
        assert!(union.exclusive);
    }

    #[test]
    fn a_ref_with_a_description_documents_the_field_and_all_of_reads_through() {
        let (space, _) = build_json(
            "3.1.0",
            json!({"V": {"type": "string"}, "S": {"required": ["v"], "properties": {
                "v": {"$ref": "#/components/schemas/V", "description": "The voice."},
                "w": {"allOf": [{"$ref": "#/components/schemas/V"}], "description": "Wrapped."}
            }}}),
        );
        let fields = fields(&space, "S");
        assert_eq!(fields[0].doc.as_deref(), Some("The voice."));
        assert!(fields[0].required && !fields[1].required);
        assert_eq!(fields[1].ty.shape, Shape::Named("V".into()));
        assert!(matches!(space.types["V"].kind, TypeKind::Alias(Ty { shape: Shape::String, .. })));
    }

    #[test]
    fn defaults_are_kept_only_when_they_fit() {
        let (space, warnings) = build_json(
            "3.1.0",
            json!({"S": {"properties": {
                "ok": {"type": "number", "default": 1},
                "bad": {"type": "integer", "default": 1.5},
                "null_on_object": {"type": "object", "default": null, "properties": {"x": {"type": "string"}}}
            }}}),
        );
        let defaults: Vec<Option<Value>> = fields(&space, "S").into_iter().map(|f| f.default).collect();
        assert_eq!(defaults, [Some(json!(1)), None, None]);
        assert_eq!(warnings.len(), 2);
    }

    #[test]
    fn unsupported_keywords_are_refused_with_their_pointer() {
        let document = json!({"openapi": "3.1.0", "components": {"schemas": {"S": {"properties": {"a": {"$recursiveRef": "#/x"}}}}}});
        let error = build(&resolve(&document, &Roots::All).unwrap()).unwrap_err();
        assert_eq!(error.message, "unsupported: $recursiveRef other than \"#\"");
        assert_eq!(error.location.pointer.as_deref(), Some("/components/schemas/S/properties/a/$recursiveRef"));
    }

    #[test]
    fn unevaluated_keywords_no_struct_states_are_held_as_json() {
        let (space, _) = build_json(
            "3.1.0",
            json!({"S": {"properties": {
                "items": {"type": "array", "unevaluatedItems": false},
                "union": {"anyOf": [{"properties": {"a": {}}}, {"properties": {"b": {}}}], "unevaluatedProperties": false},
                "closed": {"properties": {"a": {}}, "unevaluatedProperties": false}
            }}}),
        );
        let held: Vec<bool> = fields(&space, "S")
            .iter()
            .map(|f| matches!(&f.ty.shape, Shape::Named(n) if matches!(space.types[n].kind, TypeKind::Json(_))))
            .collect();
        assert_eq!(held, [true, true, false]);
    }

    #[test]
    fn what_no_rust_type_states_is_held_as_json_and_compiled() {
        let (space, _) = build_json(
            "3.1.0",
            json!({"S": {"properties": {"a": {"if": {"type": "string"}, "then": {"minLength": 2}}, "b": {"type": "string"}}}}),
        );
        let fields = fields(&space, "S");
        assert_eq!(fields[0].ty.shape, Shape::Named("SA".into()));
        assert!(matches!(space.types["SA"].kind, TypeKind::Json(0)));
        assert_eq!(fields[1].ty.shape, Shape::String);
        assert_eq!(space.checks.len(), 3, "the node and its `if` and `then`: {:?}", space.checks);
    }

    #[test]
    fn json_schema_semantics_type_only_what_a_type_states_exactly() {
        let build = |schema: Value| {
            let spec = crate::resolve::resolve_json_schema(&schema, "Root", &Default::default()).unwrap();
            build(&spec).unwrap().0
        };
        // `properties` without `type` accept any non-object too: held as JSON.
        assert!(matches!(
            build(json!({"properties": {"a": {"type": "integer"}}})).types["Root"].kind,
            TypeKind::Json(_)
        ));
        // With `type: object`, a struct; its untyped field is held as JSON.
        let space = build(json!({"type": "object", "properties": {"a": {"type": "integer"}, "b": {"minimum": 1}}}));
        let fields = fields(&space, "Root");
        assert_eq!(fields[0].ty.shape, Shape::Integer);
        assert!(matches!(&fields[1].ty.shape, Shape::Named(n) if matches!(space.types[n].kind, TypeKind::Json(_))));
        // A `required` name the struct does not declare would go unchecked.
        assert!(matches!(
            build(json!({"type": "object", "properties": {"a": {}}, "required": ["b"]})).types["Root"].kind,
            TypeKind::Json(_)
        ));
    }

    #[test]
    fn constraints_are_collected_on_the_use() {
        let (space, _) = build_json(
            "3.1.0",
            json!({"S": {"properties": {"t": {"type": "number", "minimum": 0.6, "maximum": 1.2}}}}),
        );
        assert_eq!(
            fields(&space, "S")[0].ty.constraints,
            [
                Constraint::Minimum { limit: 0.6, exclusive: false },
                Constraint::Maximum { limit: 1.2, exclusive: false }
            ]
        );
    }

    /// A union's tag is found whether its branch components come before or
    /// after it in the spec (event unions upstream are declared before their
    /// events).
    #[test]
    fn a_union_is_tagged_whatever_the_order_of_its_branches() {
        let event = |tag: &str| json!({"type": "object", "required": ["type"], "properties": {"type": {"const": tag}}});
        let union = json!({"oneOf": [{"$ref": "#/components/schemas/A"}, {"$ref": "#/components/schemas/B"}]});
        for schemas in [
            json!({"U": union.clone(), "A": event("a"), "B": event("b")}),
            json!({"A": event("a"), "B": event("b"), "U": union.clone()}),
        ] {
            let (space, _) = build_json("3.1.0", schemas);
            let TypeKind::Union(u) = &space.types["U"].kind else { panic!("U is a union") };
            let tag = u.tag.as_ref().expect("U is tagged");
            assert_eq!((tag.property.as_str(), tag.values.as_slice()), ("type", &["a".to_owned(), "b".to_owned()][..]));
        }
    }
}
