//! The walk over two type models that lists their differences.

use std::collections::BTreeMap;

use indexmap::IndexSet;

use super::constraints::{self, ConstraintChange};
use super::{Change, ChangeKind, Class, Description, Report, api};
use crate::emit::field_type_text;
use crate::ir::{
    Additional, CheckId, CheckNode, EnumDef, Field, OtherValues, Presence, PresenceRule, Shape, StructDef, Ty, TypeDef,
    TypeKind, TypeSpace, UnionDef,
};

pub fn run(old: &TypeSpace, new: &TypeSpace) -> Report {
    let mut walk = Walk { old, new, report: Report::default() };
    for (name, new_def) in &new.types {
        match old.types.get(name) {
            Some(old_def) => walk.type_def(old_def, new_def),
            None => walk.push(
                new_def,
                ChangeKind::TypeAdded,
                Class::Additive,
                format!("type added ({})", kind_name(&new_def.kind)),
            ),
        }
    }
    for old_def in old.types.values().filter(|d| !new.types.contains_key(&d.name)) {
        walk.push(
            old_def,
            ChangeKind::TypeRemoved,
            Class::Breaking,
            format!("type removed ({})", kind_name(&old_def.kind)),
        );
    }
    let mut report = walk.report;
    // Grouped by type, in name order; within a type, in the walk's order.
    report.changes.sort_by(|a, b| a.type_name.cmp(&b.type_name));
    report.descriptions.sort_by(|a, b| a.type_name.cmp(&b.type_name));
    report
}

fn kind_name(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Struct(_) => "struct",
        TypeKind::Enum(_) => "enum",
        TypeKind::Union(_) => "union",
        TypeKind::Alias(_) => "alias",
        TypeKind::Json(_) => "JSON value",
    }
}

struct Walk<'a> {
    old: &'a TypeSpace,
    new: &'a TypeSpace,
    report: Report,
}

impl Walk<'_> {
    fn push(&mut self, def: &TypeDef, kind: ChangeKind, class: Class, message: String) {
        self.push_at(def, &def.pointer, kind, class, message);
    }

    fn push_at(&mut self, def: &TypeDef, pointer: &str, kind: ChangeKind, class: Class, message: String) {
        let change = Change { type_name: def.name.clone(), pointer: pointer.to_owned(), kind, class, message };
        self.report.changes.push(change);
    }

    fn description(&mut self, def: &TypeDef, pointer: &str, old: &Option<String>, new: &Option<String>) {
        if old != new {
            self.report.descriptions.push(Description { type_name: def.name.clone(), pointer: pointer.to_owned() });
        }
    }

    fn type_def(&mut self, old: &TypeDef, new: &TypeDef) {
        self.description(new, &new.pointer, &old.doc, &new.doc);
        match (&old.kind, &new.kind) {
            (TypeKind::Struct(o), TypeKind::Struct(n)) => self.structs(new, o, n),
            (TypeKind::Enum(o), TypeKind::Enum(n)) => self.enums(new, o, n),
            (TypeKind::Union(o), TypeKind::Union(n)) => self.unions(new, o, n),
            (TypeKind::Alias(o), TypeKind::Alias(n)) => {
                self.retyped_or_constrained(new, ChangeKind::AliasTypeChanged, "alias of", "value", o, n);
            }
            (TypeKind::Json(o), TypeKind::Json(n)) => {
                if canonical(self.old, *o) != canonical(self.new, *n) {
                    let message = "the schema held as JSON checks something else".to_owned();
                    self.push(new, ChangeKind::SchemaChanged, Class::Behaviour, message);
                }
            }
            (o, n) => {
                let message = format!("{} → {}", kind_name(o), kind_name(n));
                self.push(new, ChangeKind::TypeKindChanged, Class::Breaking, message);
            }
        }
    }

    fn structs(&mut self, def: &TypeDef, old: &StructDef, new: &StructDef) {
        for n in &new.fields {
            match old.fields.iter().find(|o| o.name == n.name) {
                Some(o) => self.field(def, o, n),
                None => {
                    let rust = field_type_text(&n.ty, n.presence());
                    let (class, what) = if n.required {
                        (Class::Breaking, "required")
                    } else {
                        (api::member_added(&def.kind), "optional")
                    };
                    let message = format!("property `{}` added ({what}, {rust})", n.name);
                    self.push_at(def, &n.pointer, ChangeKind::PropertyAdded, class, message);
                }
            }
        }
        for o in old.fields.iter().filter(|o| !new.fields.iter().any(|n| n.name == o.name)) {
            let message = format!("property `{}` removed", o.name);
            self.push_at(def, &o.pointer, ChangeKind::PropertyRemoved, Class::Breaking, message);
        }
        match (&old.additional, &new.additional) {
            (Additional::Typed(o), Additional::Typed(n)) => {
                let kind = ChangeKind::AdditionalPropertiesChanged;
                self.retyped_or_constrained(def, kind, "additional properties of type", "additional properties", o, n);
            }
            (o, n) if o != n => {
                // Forbidding them adds the field that keeps them for
                // `validate()` to report (a struct is `#[non_exhaustive]`);
                // any other change removes or retypes that field, or makes
                // extra properties of the wrong type fail to parse.
                let class = match (o, n) {
                    (Additional::Ignored, Additional::Forbidden) => Class::Behaviour,
                    _ => Class::Breaking,
                };
                let message = format!("additional properties: {} → {}", additional(o), additional(n));
                self.push(def, ChangeKind::AdditionalPropertiesChanged, class, message);
            }
            _ => {}
        }
        if old.presence != new.presence {
            let message = format!("presence rules: {} → {}", presence(&old.presence), presence(&new.presence));
            self.push(def, ChangeKind::PresenceRulesChanged, Class::Behaviour, message);
        }
    }

    fn field(&mut self, def: &TypeDef, old: &Field, new: &Field) {
        let at = new.pointer.as_str();
        let name = &new.name;
        self.description(def, at, &old.doc, &new.doc);
        let value = |f: &Field| field_type_text(&Ty { nullable: false, ..f.ty.clone() }, Presence::Required);
        let (old_value, new_value) = (value(old), value(new));
        if old_value != new_value {
            let message = format!("property `{name}` type {old_value} → {new_value}");
            self.push_at(def, at, ChangeKind::PropertyTypeChanged, Class::Breaking, message);
        }
        // Nullability breaks code where the field's Rust type changes with
        // it (`T` → `Option<T>`, `Option<T>` → `Nullable<T>`); where it does
        // not (a `serde_json::Value`, which holds null itself), only what
        // parses changes. Whether a property is required always breaks:
        // required properties are the parameters of the struct's `new`.
        let (old_rust, new_rust) = (field_type_text(&old.ty, old.presence()), field_type_text(&new.ty, new.presence()));
        let class = if old_rust == new_rust { Class::Behaviour } else { Class::Breaking };
        let rust = if old_rust == new_rust { String::new() } else { format!(" ({old_rust} → {new_rust})") };
        let words = |flag: bool, yes: &'static str, no: &'static str| if flag { yes } else { no };
        if old.required != new.required {
            let (o, n) = (words(old.required, "required", "optional"), words(new.required, "required", "optional"));
            let message = format!("property `{name}` {o} → {n}{rust}");
            self.push_at(def, at, ChangeKind::PropertyRequiredChanged, Class::Breaking, message);
        }
        if old.ty.nullable != new.ty.nullable {
            let (o, n) = (
                words(old.ty.nullable, "nullable", "not nullable"),
                words(new.ty.nullable, "nullable", "not nullable"),
            );
            let message = format!("property `{name}` {o} → {n}{rust}");
            self.push_at(def, at, ChangeKind::PropertyNullableChanged, class, message);
        }
        if old_value == new_value {
            self.constraints(def, at, &format!("property `{name}`"), &old.ty, &new.ty);
        }
        // A default is a constant and an `*_or_default()` accessor.
        let shown = |v: &serde_json::Value| v.to_string();
        let change = match (&old.default, &new.default) {
            (None, Some(n)) => Some((ChangeKind::DefaultAdded, Class::Additive, format!("default {}", shown(n)))),
            (Some(o), None) => Some((ChangeKind::DefaultRemoved, Class::Breaking, format!("default {}", shown(o)))),
            (Some(o), Some(n)) if o != n => {
                Some((ChangeKind::DefaultChanged, Class::Behaviour, format!("default {} → {}", shown(o), shown(n))))
            }
            _ => None,
        };
        if let Some((kind, class, what)) = change {
            self.push_at(def, at, kind, class, format!("property `{name}`: {what} {}", kind.verb()));
        }
    }

    /// A value of a type: a breaking change of `kind` if its Rust type
    /// changed, else the changes of its assertions.
    fn retyped_or_constrained(
        &mut self,
        def: &TypeDef,
        kind: ChangeKind,
        retyped: &str,
        what: &str,
        old: &Ty,
        new: &Ty,
    ) {
        let (old_text, new_text) = (field_type_text(old, Presence::Required), field_type_text(new, Presence::Required));
        if old_text != new_text {
            self.push(def, kind, Class::Breaking, format!("{retyped} {old_text} → {new_text}"));
        } else {
            self.constraints(def, &def.pointer, what, old, new);
        }
    }

    /// The assertions on a value, and on its items or map values, level by level.
    fn constraints(&mut self, def: &TypeDef, at: &str, what: &str, old: &Ty, new: &Ty) {
        for ConstraintChange { kind, keyword, values } in constraints::compare(&old.constraints, &new.constraints) {
            let message = format!("{what}: `{keyword}` {}: {values}", kind.verb());
            self.push_at(def, at, kind, Class::Behaviour, message);
        }
        match (&old.shape, &new.shape) {
            (Shape::Array(o), Shape::Array(n)) => self.constraints(def, at, &format!("{what} items"), o, n),
            (Shape::Map(o), Shape::Map(n)) => self.constraints(def, at, &format!("{what} values"), o, n),
            _ => {}
        }
    }

    fn enums(&mut self, def: &TypeDef, old: &EnumDef, new: &EnumDef) {
        for n in &new.variants {
            match old.variants.iter().find(|o| o.value == n.value) {
                None => {
                    let message = format!("enum value `{}` added ({})", n.value, n.ident);
                    self.push(def, ChangeKind::EnumValueAdded, api::member_added(&def.kind), message);
                }
                Some(o) if o.ident != n.ident => {
                    let message = format!("enum value `{}` is variant {} → {}", n.value, o.ident, n.ident);
                    self.push(def, ChangeKind::EnumValueRemoved, Class::Breaking, message);
                }
                Some(_) => {}
            }
        }
        for o in old.variants.iter().filter(|o| !new.variants.iter().any(|n| n.value == o.value)) {
            let message = format!("enum value `{}` removed ({})", o.value, o.ident);
            self.push(def, ChangeKind::EnumValueRemoved, Class::Breaking, message);
        }
        if old.other != new.other {
            // Rejected ↔ kept adds or removes the catch-all variant; kept
            // invalid ↔ kept valid only changes what `validate()` says.
            let rejected = |o: OtherValues| o == OtherValues::Rejected;
            let class = if rejected(old.other) != rejected(new.other) { Class::Breaking } else { Class::Behaviour };
            let message = format!("values not listed: {} → {}", other(old.other), other(new.other));
            self.push(def, ChangeKind::EnumOpennessChanged, class, message);
        }
    }

    fn unions(&mut self, def: &TypeDef, old: &UnionDef, new: &UnionDef) {
        let rust = |ty: &Ty| field_type_text(ty, Presence::Required);
        for n in &new.variants {
            match old.variants.iter().find(|o| o.ident == n.ident) {
                None => {
                    let message = format!("variant {} added ({})", n.ident, rust(&n.ty));
                    self.push(def, ChangeKind::UnionVariantAdded, api::member_added(&def.kind), message);
                }
                Some(o) if rust(&o.ty) != rust(&n.ty) || o.ty.nullable != n.ty.nullable => {
                    let message = format!("variant {} holds {} → {}", n.ident, rust(&o.ty), rust(&n.ty));
                    self.push(def, ChangeKind::UnionVariantTypeChanged, Class::Breaking, message);
                }
                Some(o) => self.constraints(def, &def.pointer, &format!("variant {}", n.ident), &o.ty, &n.ty),
            }
        }
        for o in old.variants.iter().filter(|o| !new.variants.iter().any(|n| n.ident == o.ident)) {
            let message = format!("variant {} removed ({})", o.ident, rust(&o.ty));
            self.push(def, ChangeKind::UnionVariantRemoved, Class::Breaking, message);
        }
        let tag_values = |u: &UnionDef| -> BTreeMap<String, String> {
            let Some(tag) = &u.tag else { return BTreeMap::new() };
            u.variants.iter().zip(&tag.values).map(|(v, value)| (v.ident.clone(), value.clone())).collect()
        };
        let (old_tags, new_tags) = (tag_values(old), tag_values(new));
        match (&old.tag, &new.tag) {
            (Some(o), Some(n)) if o.property == n.property => {
                for (ident, value) in &new_tags {
                    if let Some(was) = old_tags.get(ident).filter(|was| *was != value) {
                        let message = format!("variant {ident} is told by `{}`: `{was}` → `{value}`", n.property);
                        self.push(def, ChangeKind::UnionMatchingChanged, Class::Breaking, message);
                    }
                }
            }
            (None, None) => {
                // Untagged: a value becomes the first variant it fits, so the order matters.
                let order = |a: &UnionDef, b: &UnionDef| -> Vec<String> {
                    a.variants
                        .iter()
                        .filter(|v| b.variants.iter().any(|w| w.ident == v.ident))
                        .map(|v| v.ident.clone())
                        .collect()
                };
                if order(old, new) != order(new, old) {
                    let message = "variants are tried in another order".to_owned();
                    self.push(def, ChangeKind::UnionMatchingChanged, Class::Behaviour, message);
                }
            }
            (o, n) => {
                let told = |t: &Option<crate::ir::Tag>| match t {
                    Some(tag) => format!("told apart by `{}`", tag.property),
                    None => "tried in order".to_owned(),
                };
                let message = format!("variants {} → {}", told(o), told(n));
                self.push(def, ChangeKind::UnionMatchingChanged, Class::Breaking, message);
            }
        }
        if old.exclusive != new.exclusive {
            let word = |exclusive: bool| if exclusive { "oneOf" } else { "anyOf" };
            let message = format!("{} → {}", word(old.exclusive), word(new.exclusive));
            self.push(def, ChangeKind::UnionMatchingChanged, Class::Behaviour, message);
        }
    }
}

fn additional(a: &Additional) -> String {
    match a {
        Additional::Ignored => "ignored".to_owned(),
        Additional::Forbidden => "forbidden".to_owned(),
        Additional::Typed(ty) => field_type_text(ty, Presence::Required),
    }
}

fn other(o: OtherValues) -> &'static str {
    match o {
        OtherValues::KeptInvalid => "kept, invalid",
        OtherValues::KeptValid => "kept, valid",
        OtherValues::Rejected => "rejected on parse",
    }
}

fn presence(rules: &[PresenceRule]) -> String {
    if rules.is_empty() {
        return "none".to_owned();
    }
    let sets =
        |sets: &[Vec<String>]| sets.iter().map(|s| format!("[{}]", s.join(", "))).collect::<Vec<_>>().join(" | ");
    let rules = rules.iter().map(|rule| match rule {
        PresenceRule::AnyOf(s) | PresenceRule::OneOf(s) => format!("{} {}", rule.keyword(), sets(s)),
        PresenceRule::Not(names) => format!("not [{}]", names.join(", ")),
    });
    rules.collect::<Vec<_>>().join("; ")
}

/// The check graph reachable from `root`, numbered in the order it is
/// reached: equal for two schemas that check the same, whatever their ids.
fn canonical(space: &TypeSpace, root: CheckId) -> Vec<CheckNode> {
    let mut order: IndexSet<CheckId> = IndexSet::from([root]);
    let mut nodes = Vec::new();
    while let Some(&id) = order.get_index(nodes.len()) {
        let node = match &space.checks[id] {
            CheckNode::All { null_allowed, checks } => {
                let mut number = |id: CheckId| order.insert_full(id).0;
                let checks = checks.iter().map(|c| c.map_ids(&mut number)).collect();
                CheckNode::All { null_allowed: *null_allowed, checks }
            }
            other => other.clone(),
        };
        nodes.push(node);
    }
    nodes
}
