//! Stage 4: the type model (IR).
//!
//! A [`TypeSpace`] says which Rust types exist and what JSON each accepts,
//! in plain data: no tokens, no formatting. [`build`] makes one from a
//! resolved spec; the emitters read it and nothing else.

mod alias_cycles;
mod all_of;
mod build;
mod checked;
mod constraints;
pub mod depth;
pub mod graph;
mod json_checks;
pub mod json_kinds;
mod presence;
mod recursion;
mod tagged;

pub use build::build;
pub use constraints::Constraint;
pub use json_checks::{Check, CheckId, CheckNode, JsonType};
pub use presence::PresenceRule;

use indexmap::{IndexMap, IndexSet};
use serde_json::Value;

/// Every generated type, keyed by Rust name, in output order.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TypeSpace {
    pub types: IndexMap<String, TypeDef>,
    /// The compiled schemas of the [`TypeKind::Json`] types, by [`CheckId`].
    pub checks: Vec<CheckNode>,
    /// The JSON Pointer each check node was compiled from, by [`CheckId`]
    /// (a schema reached in several dynamic scopes is there once for each).
    #[serde(default)]
    pub check_pointers: Vec<String>,
    /// Facts about the whole space that the emitters read, computed once,
    /// last, by [`TypeSpace::settle_facts`].
    #[serde(default)]
    pub facts: Facts,
}

/// What the emitters need to know about the type space as a whole.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Facts {
    /// The types that `validate()` has anything to check in, themselves or
    /// in what they hold ([`checked`]), in type order.
    pub checked: IndexSet<String>,
    /// The number of types on the longest chain of types that each hold
    /// the next ([`depth`]): the crate's `recursion_limit` follows it.
    pub longest_chain: usize,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TypeDef {
    /// The Rust identifier.
    pub name: String,
    /// JSON Pointer of the schema this type comes from.
    pub pointer: String,
    pub doc: Option<String>,
    pub kind: TypeKind,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum TypeKind {
    /// An object with declared properties.
    Struct(StructDef),
    /// A string drawn from a set of values.
    Enum(EnumDef),
    /// One of several shapes, told apart by trying each in order.
    Union(UnionDef),
    /// A named schema that is not a struct, enum or union (`type: string`, an
    /// array, ...): a type alias, so that it reads as its name.
    Alias(Ty),
    /// A schema no Rust type can state (`not`, `if`, several types, ...):
    /// the value is held as JSON and checked by the compiled schema.
    Json(CheckId),
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct StructDef {
    pub fields: Vec<Field>,
    /// What the object may hold besides its declared properties.
    pub additional: Additional,
    /// The Rust field that holds undeclared properties, when there is one
    /// (named so as not to collide with the declared ones).
    pub additional_ident: String,
    /// Which combinations of properties must or must not be present.
    pub presence: Vec<PresenceRule>,
}

/// `additionalProperties` of a struct.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Additional {
    /// Anything (the default): ignored on parse, never sent.
    Ignored,
    /// `false`: kept on parse only so that validation can report them; never sent.
    Forbidden,
    /// A schema: a typed map of the extra properties, parsed, sent and validated.
    Typed(Ty),
}

impl TypeKind {
    /// The types this definition holds: fields (and a struct's typed extra
    /// properties), union variants, an alias's target.
    pub fn held(&self) -> Vec<&Ty> {
        match self {
            TypeKind::Struct(s) => {
                let mut tys: Vec<&Ty> = s.fields.iter().map(|f| &f.ty).collect();
                if let Additional::Typed(ty) = &s.additional {
                    tys.push(ty);
                }
                tys
            }
            TypeKind::Union(u) => u.variants.iter().map(|v| &v.ty).collect(),
            TypeKind::Alias(ty) => vec![ty],
            TypeKind::Enum(_) | TypeKind::Json(_) => Vec::new(),
        }
    }

    /// Whether users of the generated type must allow for members they do
    /// not know, so that the spec can add one in a minor version (Cargo's
    /// SemVer rules): a struct's properties (built with `Default` or `new`,
    /// never a literal), the values of an enum with a catch-all, the
    /// variants of a union told apart by its tag (whose catch-all takes
    /// the tags it does not know). Such a type is `#[non_exhaustive]`. A
    /// union tried in order is not: a new variant changes what values
    /// become, so it is a breaking change however the type is written.
    pub fn non_exhaustive(&self) -> bool {
        match self {
            TypeKind::Struct(_) => true,
            TypeKind::Enum(e) => e.other != OtherValues::Rejected,
            TypeKind::Union(u) => u.tag.is_some(),
            TypeKind::Alias(_) | TypeKind::Json(_) => false,
        }
    }
}

impl TypeSpace {
    /// Computes [`Facts`] from the types: the last step of [`build`], and
    /// of any change made to a space afterwards.
    pub fn settle_facts(&mut self) {
        self.facts = Facts { checked: checked::types_with_checks(self), longest_chain: depth::longest_chain(self) };
    }

    /// The one value a field may hold, where the spec fixes it: a required,
    /// non-nullable field whose type is a closed single-value enum (a
    /// `const`, such as an event's `type` tag). That value is the type's
    /// `Default`, so a struct can be built without writing it.
    pub fn fixed_value(&self, field: &Field) -> Option<&str> {
        if !field.required || field.ty.nullable {
            return None;
        }
        let Shape::Named(name) = &field.ty.shape else { return None };
        match &self.types.get(name)?.kind {
            TypeKind::Enum(e) if e.other == OtherValues::Rejected && e.variants.len() == 1 => {
                Some(&e.variants[0].value)
            }
            _ => None,
        }
    }

    /// Whether any type uses `pattern`, which needs a regex engine at run time.
    pub fn uses_patterns(&self) -> bool {
        self.uses(&|c| matches!(c, Constraint::Pattern(_)))
            || self.checks.iter().any(|node| match node {
                CheckNode::All { checks, .. } => checks.iter().any(Check::uses_patterns),
                CheckNode::Always | CheckNode::Never => false,
            })
    }

    /// Whether any type asserts a `format`, which needs the format checks.
    pub fn uses_formats(&self) -> bool {
        let is_format = |c: &Constraint| matches!(c, Constraint::Format(_));
        self.uses(&is_format)
            || self.checks.iter().any(|node| match node {
                CheckNode::All { checks, .. } => checks.iter().any(|c| matches!(c, Check::Assert(a) if is_format(a))),
                CheckNode::Always | CheckNode::Never => false,
            })
    }

    /// Whether a constraint of some type (its items' and values' included,
    /// and keys' under `propertyNames`) is one that `wanted` picks.
    fn uses(&self, wanted: &dyn Fn(&Constraint) -> bool) -> bool {
        let picked = |c: &Constraint| -> bool {
            wanted(c) || matches!(c, Constraint::PropertyNames(keys) if keys.iter().any(wanted))
        };
        let ty_uses = |ty: &Ty| -> bool {
            let mut ty = ty;
            loop {
                if ty.constraints.iter().any(picked) {
                    return true;
                }
                match &ty.shape {
                    Shape::Array(inner) | Shape::Map(inner) => ty = inner,
                    _ => return false,
                }
            }
        };
        self.types.values().any(|def| match &def.kind {
            TypeKind::Struct(s) => {
                s.fields.iter().any(|f| ty_uses(&f.ty)) || matches!(&s.additional, Additional::Typed(ty) if ty_uses(ty))
            }
            TypeKind::Union(u) => u.variants.iter().any(|v| ty_uses(&v.ty)),
            TypeKind::Alias(ty) => ty_uses(ty),
            TypeKind::Enum(_) | TypeKind::Json(_) => false,
        })
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Field {
    /// The property name on the wire.
    pub name: String,
    /// The Rust identifier (possibly raw, `r#type`).
    pub ident: String,
    pub pointer: String,
    pub ty: Ty,
    pub required: bool,
    pub doc: Option<String>,
    /// The spec's default, when it fits the property's schema. Written
    /// only when there is one, so that a default of `null` reads back as
    /// `Some(Null)`, not as no default.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub default: Option<Value>,
}

/// A member that is there, whatever its value (`null` included).
fn present<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<Value>, D::Error> {
    serde::Deserialize::deserialize(deserializer).map(Some)
}

impl Field {
    /// How the field is held in Rust.
    pub fn presence(&self) -> Presence {
        match (self.required, self.ty.nullable) {
            (true, false) => Presence::Required,
            (true, true) => Presence::RequiredNullable,
            (false, false) => Presence::Optional,
            (false, true) => Presence::OptionalNullable,
        }
    }
}

/// The four ways a property can be present; each has its own Rust type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Presence {
    /// `T`
    Required,
    /// `Option<T>`: must be present, may be null.
    RequiredNullable,
    /// `Option<T>`: may be absent, never null.
    Optional,
    /// `Nullable<T>`: absent, null or a value, each kept apart.
    OptionalNullable,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EnumDef {
    pub variants: Vec<EnumVariant>,
    pub other: OtherValues,
}

/// What an enum does with a string it does not list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum OtherValues {
    /// Kept in a catch-all variant on parse, so a newer server never breaks
    /// parsing; reported by validation.
    KeptInvalid,
    /// Kept in a catch-all variant and valid (`anyOf: [string, enum]`).
    KeptValid,
    /// Rejected on parse: a single-value enum or const accepts exactly its value.
    Rejected,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EnumVariant {
    pub value: String,
    pub ident: String,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct UnionDef {
    pub variants: Vec<UnionVariant>,
    /// `oneOf` (exactly one branch matches) rather than `anyOf`.
    pub exclusive: bool,
    /// The property whose value says which variant a value is, when every
    /// variant fixes it; `None` for a union read by trying each variant.
    pub tag: Option<Tag>,
}

/// How a tagged union tells its variants apart.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Tag {
    /// The property (`type`).
    pub property: String,
    /// The value of each variant, in variant order.
    pub values: Vec<String>,
    /// The catch-all variant for values with an unknown tag.
    pub other_ident: String,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct UnionVariant {
    pub ident: String,
    pub ty: Ty,
}

/// A use of a type: its shape, whether null is allowed, and the assertions
/// that narrow it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Ty {
    pub shape: Shape,
    pub nullable: bool,
    pub constraints: Vec<Constraint>,
    /// Held in a `Box` because it sits on a reference cycle.
    pub boxed: bool,
}

impl Ty {
    pub fn new(shape: Shape) -> Ty {
        Ty { shape, nullable: false, constraints: Vec::new(), boxed: false }
    }

    /// The named type this one is or holds, through any depth of lists and maps.
    pub fn named(&self) -> Option<&str> {
        match &self.shape {
            Shape::Named(name) => Some(name),
            Shape::Array(inner) | Shape::Map(inner) => inner.named(),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Shape {
    Named(String),
    Boolean,
    Integer,
    Number,
    String,
    /// Any JSON value (a schema without `type`).
    Any,
    Array(Box<Ty>),
    /// An object with no declared properties: string keys to values.
    Map(Box<Ty>),
}
