//! The named types a schema can become: enums, unions and structs, each
//! with the names of its variants or fields, and the tags of unions, found
//! once every type exists.

use serde_json::{Map, Value};

use super::classify::string_enum;
use super::{Builder, Naming, description};
use crate::diagnostics::{Code, Error, Warning, join};
use crate::ir::{
    Additional, EnumDef, EnumVariant, Field, OtherValues, PresenceRule, StructDef, TypeKind, UnionDef, UnionVariant,
};
use crate::naming::{self, Namer};
use crate::resolve::ResolvedSpec;

impl Builder<'_> {
    /// A string enum: a variant per value, named after it (`Other` is
    /// kept for the catch-all).
    pub(super) fn enumeration(&mut self, values: &[String], other: OtherValues) -> Result<TypeKind, Error> {
        let mut idents = Namer::with_reserved(["Other"]);
        let variants = values
            .iter()
            .map(|value| EnumVariant { value: value.clone(), ident: idents.claim(&naming::variant_name(value)) })
            .collect();
        Ok(TypeKind::Enum(EnumDef { variants, other }))
    }

    pub(super) fn union(
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

    pub(super) fn structure(
        &mut self,
        name: &str,
        schema: &Map<String, Value>,
        properties: &Map<String, Value>,
        pointer: &str,
        presence: Vec<PresenceRule>,
    ) -> Result<TypeKind, Error> {
        let required: Vec<&str> = match schema.get("required") {
            None => Vec::new(),
            Some(Value::Array(names)) => names.iter().filter_map(Value::as_str).collect(),
            Some(_) => {
                return Err(Error::at(
                    Code::KeywordMalformed,
                    "`required` must be a list of names",
                    join(pointer, "required"),
                ));
            }
        };
        for missing in required.iter().filter(|r| !properties.contains_key(**r)) {
            self.warnings.push(Warning::at(
                Code::RequiredUndeclared,
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
                Code::KeywordUnsupported,
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

    /// Finds each union's tag (see [`super::tagged`]) now that the structs
    /// of all its branches exist, and names a tagged union's variants after
    /// their tag values (`session.created` → `SessionCreated`), which are
    /// what tells them apart, when those names are distinct.
    pub(super) fn tag_unions(&mut self) {
        for (name, branches, discriminator) in std::mem::take(&mut self.unions) {
            let TypeKind::Union(union) = &self.space.types[&name].kind else { continue };
            let Some(mut tag) =
                crate::ir::tagged::tag_of(&self.space, &union.variants, &branches, discriminator.as_ref())
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
            let tag = crate::ir::tagged::other_ident(&variants).map(|other_ident| {
                tag.other_ident = other_ident;
                tag
            });
            if let TypeKind::Union(union) = &mut self.space.types[&name].kind {
                union.variants = variants;
                union.tag = tag;
            }
        }
    }
}
