//! Whether a changed assertion accepts more, less, or just other values.

use std::cmp::Ordering;

use serde_json::Value;

use super::ChangeKind;
use crate::ir::Constraint;

/// One difference between two lists of assertions on the same value.
#[derive(Debug, Clone, PartialEq)]
pub struct ConstraintChange {
    pub kind: ChangeKind,
    /// The keyword, as the spec writes it (`maximum`, `pattern`).
    pub keyword: &'static str,
    /// `old → new`, or the one value for an addition or removal.
    pub values: String,
}

/// The keyword family of a constraint: `minimum` and `exclusiveMinimum`
/// are one limit, which may move or change exclusivity.
fn family(c: &Constraint) -> &'static str {
    match c {
        Constraint::Minimum { .. } => "minimum",
        Constraint::Maximum { .. } => "maximum",
        other => other.json_schema().0,
    }
}

/// The spec's words for a constraint's value (`< 2` for an exclusive maximum).
fn shown(c: &Constraint) -> String {
    match c {
        Constraint::Minimum { limit, exclusive } => format!("{}{limit}", if *exclusive { "> " } else { ">= " }),
        Constraint::Maximum { limit, exclusive } => format!("{}{limit}", if *exclusive { "< " } else { "<= " }),
        other => other.json_schema().1.to_string(),
    }
}

/// How `new` compares with `old`, when they are of one family: `Less` when
/// it accepts fewer values (tightened), `Greater` when more, `None` when
/// neither holds (a different pattern or `multipleOf`).
fn strictness(old: &Constraint, new: &Constraint) -> Option<Ordering> {
    use Constraint::*;
    // A limit that accepts fewer values is "less".
    let lower_bound = |(a, ax): (f64, bool), (b, bx): (f64, bool)| (b, bx).partial_cmp(&(a, ax)).map(Ordering::reverse);
    match (old, new) {
        (Minimum { limit: a, exclusive: ax }, Minimum { limit: b, exclusive: bx }) => lower_bound((*a, *ax), (*b, *bx)),
        (Maximum { limit: a, exclusive: ax }, Maximum { limit: b, exclusive: bx }) => {
            // A higher maximum, or an inclusive one at the same limit, accepts more.
            (*b, !*bx).partial_cmp(&(*a, !*ax))
        }
        (MinLength(a), MinLength(b)) | (MinItems(a), MinItems(b)) | (MinProperties(a), MinProperties(b)) => {
            Some(a.cmp(b))
        }
        (MaxLength(a), MaxLength(b)) | (MaxItems(a), MaxItems(b)) | (MaxProperties(a), MaxProperties(b)) => {
            Some(b.cmp(a))
        }
        (MultipleOf(a), MultipleOf(b)) if a == b => Some(Ordering::Equal),
        // Every multiple of the new factor is one of the old: fewer values.
        (MultipleOf(a), MultipleOf(b)) if (b / a).fract() == 0.0 => Some(Ordering::Less),
        (MultipleOf(a), MultipleOf(b)) if (a / b).fract() == 0.0 => Some(Ordering::Greater),
        (Enum(a), Enum(b)) => set_order(a, b),
        _ if old == new => Some(Ordering::Equal),
        _ => None,
    }
}

/// `Less` when `new` is a subset of `old`, `Greater` for a superset.
fn set_order(old: &[Value], new: &[Value]) -> Option<Ordering> {
    let within = |a: &[Value], b: &[Value]| a.iter().all(|v| b.contains(v));
    match (within(new, old), within(old, new)) {
        (true, true) => Some(Ordering::Equal),
        (true, false) => Some(Ordering::Less),
        (false, true) => Some(Ordering::Greater),
        (false, false) => None,
    }
}

/// Every difference between `old` and `new`, in `new`'s order, removals last.
pub fn compare(old: &[Constraint], new: &[Constraint]) -> Vec<ConstraintChange> {
    let mut changes = Vec::new();
    for n in new {
        let keyword = family(n);
        let Some(o) = old.iter().find(|o| family(o) == keyword) else {
            changes.push(ConstraintChange { kind: ChangeKind::ConstraintAdded, keyword, values: shown(n) });
            continue;
        };
        let kind = match strictness(o, n) {
            Some(Ordering::Equal) => continue,
            Some(Ordering::Less) => ChangeKind::ConstraintTightened,
            Some(Ordering::Greater) => ChangeKind::ConstraintLoosened,
            None => ChangeKind::ConstraintChanged,
        };
        changes.push(ConstraintChange { kind, keyword, values: format!("{} → {}", shown(o), shown(n)) });
    }
    for o in old.iter().filter(|o| !new.iter().any(|n| family(n) == family(o))) {
        changes.push(ConstraintChange { kind: ChangeKind::ConstraintRemoved, keyword: family(o), values: shown(o) });
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn kinds(old: &[Constraint], new: &[Constraint]) -> Vec<ChangeKind> {
        compare(old, new).into_iter().map(|c| c.kind).collect()
    }

    #[test]
    fn limits_tighten_and_loosen() {
        use ChangeKind::*;
        let max = |limit, exclusive| Constraint::Maximum { limit, exclusive };
        let min = |limit, exclusive| Constraint::Minimum { limit, exclusive };
        assert_eq!(kinds(&[max(2.0, false)], &[max(1.0, false)]), [ConstraintTightened]);
        assert_eq!(kinds(&[max(1.0, false)], &[max(2.0, false)]), [ConstraintLoosened]);
        assert_eq!(kinds(&[max(1.0, false)], &[max(1.0, true)]), [ConstraintTightened]);
        assert_eq!(kinds(&[min(1.0, false)], &[min(2.0, false)]), [ConstraintTightened]);
        assert_eq!(kinds(&[min(1.0, true)], &[min(1.0, false)]), [ConstraintLoosened]);
        assert_eq!(kinds(&[min(1.0, false)], &[min(1.0, false)]), []);
        assert_eq!(kinds(&[Constraint::MaxLength(5)], &[Constraint::MaxLength(4)]), [ConstraintTightened]);
        assert_eq!(kinds(&[Constraint::MinItems(1)], &[Constraint::MinItems(0)]), [ConstraintLoosened]);
        assert_eq!(kinds(&[Constraint::MultipleOf(2.0)], &[Constraint::MultipleOf(4.0)]), [ConstraintTightened]);
        assert_eq!(kinds(&[Constraint::MultipleOf(2.0)], &[Constraint::MultipleOf(3.0)]), [ConstraintChanged]);
    }

    #[test]
    fn additions_removals_and_values_are_reported_with_both_values() {
        let changes = compare(
            &[Constraint::Pattern("^a".into()), Constraint::MinLength(1)],
            &[Constraint::Pattern("^b".into()), Constraint::Enum(vec![json!(1)])],
        );
        let shown: Vec<_> = changes.iter().map(|c| (c.kind, c.keyword, c.values.as_str())).collect();
        assert_eq!(
            shown,
            [
                (ChangeKind::ConstraintChanged, "pattern", "\"^a\" → \"^b\""),
                (ChangeKind::ConstraintAdded, "enum", "[1]"),
                (ChangeKind::ConstraintRemoved, "minLength", "1"),
            ]
        );
        let enum_values = |v: Value| Constraint::Enum(v.as_array().unwrap().clone());
        assert_eq!(kinds(&[enum_values(json!([1, 2]))], &[enum_values(json!([1]))]), [ChangeKind::ConstraintTightened]);
    }
}
