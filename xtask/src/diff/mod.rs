//! What a spec change means for users of the generated crate.
//!
//! [`compare`] walks two type models (the [`TypeSpace`]s that two specs
//! generate) and lists every difference a user of the crate can notice:
//! a type, property, enum value or union variant added or removed, a Rust
//! type changed, a constraint tightened or loosened, a default changed.
//! Each change is classified under Cargo's SemVer rules ([`Class`]), and
//! the report's verdict ([`Semver`]) is the largest bump any change needs.
//!
//! The walk compares types by Rust name and properties by wire name, never
//! by pointer: a property that moves into an `allOf` branch, or a schema
//! that moves in the document, generates the same Rust and is no change. A
//! renamed type is a removal plus an addition, which is what it is to a
//! user.

mod api;
mod compare;
mod constraints;
mod render;

use serde::Serialize;

use crate::ir::TypeSpace;

pub use render::Format;

/// Every change between two type models, in report order.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    pub changes: Vec<Change>,
    /// Descriptions that changed: counted, and listed only on request.
    pub descriptions: Vec<Description>,
}

/// One difference a user of the generated crate can notice.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// The Rust type the change is in (the group it is reported under).
    #[serde(rename = "type")]
    pub type_name: String,
    /// JSON Pointer of the schema in the new spec, or in the old one for a removal.
    pub pointer: String,
    pub kind: ChangeKind,
    pub class: Class,
    /// What changed, with both values where there are two.
    pub message: String,
}

/// A changed description (of a type or a property).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Description {
    #[serde(rename = "type")]
    pub type_name: String,
    pub pointer: String,
}

/// What kind of difference a [`Change`] is; its `snake_case` name is the
/// `kind` of the JSON report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    TypeAdded,
    TypeRemoved,
    /// A struct became an enum, an alias a union, ...
    TypeKindChanged,
    PropertyAdded,
    PropertyRemoved,
    /// The property's Rust value type changed (`String` → `Model`).
    PropertyTypeChanged,
    PropertyRequiredChanged,
    PropertyNullableChanged,
    /// What the object accepts besides its declared properties.
    AdditionalPropertiesChanged,
    /// A rule on which properties must or must not appear together.
    PresenceRulesChanged,
    EnumValueAdded,
    EnumValueRemoved,
    /// Whether values the enum does not list are valid, kept or rejected.
    EnumOpennessChanged,
    UnionVariantAdded,
    UnionVariantRemoved,
    UnionVariantTypeChanged,
    /// `oneOf` ↔ `anyOf`, or the property a union is told apart by.
    UnionMatchingChanged,
    /// The Rust type an alias stands for changed.
    AliasTypeChanged,
    ConstraintAdded,
    ConstraintRemoved,
    ConstraintTightened,
    ConstraintLoosened,
    /// Changed in a way that neither accepts more nor less (a new pattern).
    ConstraintChanged,
    /// A schema held as JSON checks something else.
    SchemaChanged,
    DefaultAdded,
    DefaultRemoved,
    DefaultChanged,
}

/// How a change affects users of the generated crate (see
/// `docs/spec-changes.md`, "Reading the change report", for the subtle cases).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// Code that compiled against the old crate may not compile, or data
    /// that parsed may not parse: a major version.
    Breaking,
    /// Something new that no existing code or data can notice: a minor version.
    Additive,
    /// The same API, with `validate()` (or a default) answering differently:
    /// a minor version, since it is not a bug fix.
    Behaviour,
}

impl ChangeKind {
    /// How a message says what happened to the thing this kind changes
    /// (`maxLength` tightened, a default added).
    pub fn verb(self) -> &'static str {
        use ChangeKind::*;
        match self {
            TypeAdded | PropertyAdded | EnumValueAdded | UnionVariantAdded | ConstraintAdded | DefaultAdded => "added",
            TypeRemoved | PropertyRemoved | EnumValueRemoved | UnionVariantRemoved | ConstraintRemoved
            | DefaultRemoved => "removed",
            ConstraintTightened => "tightened",
            ConstraintLoosened => "loosened",
            _ => "changed",
        }
    }
}

impl Class {
    pub fn name(self) -> &'static str {
        match self {
            Class::Breaking => "breaking",
            Class::Additive => "additive",
            Class::Behaviour => "behaviour",
        }
    }
}

/// The version bump a report calls for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Semver {
    Patch,
    Minor,
    Major,
}

impl Semver {
    pub fn name(self) -> &'static str {
        match self {
            Semver::Patch => "patch",
            Semver::Minor => "minor",
            Semver::Major => "major",
        }
    }

    /// The next version after `version` for this bump, by Cargo's rules: in
    /// a `0.y.z` crate the left-most non-zero part is the major one, so a
    /// breaking change bumps `y` and anything else bumps `z`.
    pub fn bump(self, version: &semver::Version) -> semver::Version {
        let (major, minor, patch) = (version.major, version.minor, version.patch);
        let (major, minor, patch) = match (self, major, minor) {
            (Semver::Major, 0, 0) | (Semver::Minor | Semver::Patch, 0, _) | (Semver::Patch, _, _) => {
                (major, minor, patch + 1)
            }
            (Semver::Major, 0, _) => (0, minor + 1, 0),
            (Semver::Major, _, _) => (major + 1, 0, 0),
            (Semver::Minor, _, _) => (major, minor + 1, 0),
        };
        semver::Version::new(major, minor, patch)
    }
}

impl Report {
    /// The largest bump any change needs: breaking → major, additive or
    /// behaviour → minor, descriptions alone (or nothing) → patch.
    pub fn semver(&self) -> Semver {
        self.changes
            .iter()
            .map(|c| match c.class {
                Class::Breaking => Semver::Major,
                Class::Additive | Class::Behaviour => Semver::Minor,
            })
            .max()
            .unwrap_or(Semver::Patch)
    }

    pub fn count(&self, class: Class) -> usize {
        self.changes.iter().filter(|c| c.class == class).count()
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.descriptions.is_empty()
    }
}

/// Every difference between the types `old` and `new` generate.
pub fn compare(old: &TypeSpace, new: &TypeSpace) -> Report {
    compare::run(old, new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bumps_follow_cargo_rules_for_zero_versions() {
        let bump = |s: Semver, v: &str| s.bump(&semver::Version::parse(v).unwrap()).to_string();
        assert_eq!(bump(Semver::Major, "0.2.3"), "0.3.0");
        assert_eq!(bump(Semver::Minor, "0.2.3"), "0.2.4");
        assert_eq!(bump(Semver::Patch, "0.2.3"), "0.2.4");
        assert_eq!(bump(Semver::Major, "0.0.3"), "0.0.4");
        assert_eq!(bump(Semver::Major, "1.2.3"), "2.0.0");
        assert_eq!(bump(Semver::Minor, "1.2.3"), "1.3.0");
        assert_eq!(bump(Semver::Patch, "1.2.3"), "1.2.4");
    }
}
