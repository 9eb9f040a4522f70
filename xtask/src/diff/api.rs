//! Whether an addition can break users of the generated crate (the Cargo
//! book's "SemVer Compatibility"), read from what the generator writes.
//!
//! A member added to a `#[non_exhaustive]` type (see
//! [`TypeKind::non_exhaustive`]) is additive: users already build such
//! structs with `Default` or `new` and match such enums with a wildcard
//! arm. A member added to any other type breaks literals or exhaustive
//! matches: Cargo's "adding a new enum variant" is major.

use super::Class;
use crate::ir::TypeKind;

/// A new optional property, enum value or union variant of a type of this kind.
pub fn member_added(kind: &TypeKind) -> Class {
    if kind.non_exhaustive() { Class::Additive } else { Class::Breaking }
}
