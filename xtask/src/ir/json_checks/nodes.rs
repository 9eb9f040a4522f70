//! The compiled form of a schema: plain data, one [`CheckNode`] per
//! subschema, whose [`Check`]s refer to other nodes by [`CheckId`].

use crate::ir::Constraint;

/// An index into [`crate::ir::TypeSpace::checks`].
pub type CheckId = usize;

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum CheckNode {
    /// `true` (or a schema with no assertion): every value.
    Always,
    /// `false`: no value.
    Never,
    /// Every check must hold. `null_allowed` is OpenAPI 3.0's `nullable:
    /// true`, which lets null through before any other keyword.
    All { null_allowed: bool, checks: Vec<Check> },
}

/// A JSON type, as `type` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum JsonType {
    Null,
    Boolean,
    Integer,
    Number,
    String,
    Array,
    Object,
}

impl JsonType {
    pub const ALL: [JsonType; 7] = [
        JsonType::Null,
        JsonType::Boolean,
        JsonType::Integer,
        JsonType::Number,
        JsonType::String,
        JsonType::Array,
        JsonType::Object,
    ];

    pub fn name(self) -> &'static str {
        match self {
            JsonType::Null => "null",
            JsonType::Boolean => "boolean",
            JsonType::Integer => "integer",
            JsonType::Number => "number",
            JsonType::String => "string",
            JsonType::Array => "array",
            JsonType::Object => "object",
        }
    }

    pub(super) fn parse(name: &str) -> Option<JsonType> {
        JsonType::ALL.into_iter().find(|t| t.name() == name)
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Check {
    Type(Vec<JsonType>),
    /// An assertion on the value itself (`minimum`, `pattern`, `enum`, ...).
    Assert(Constraint),
    Required(Vec<String>),
    DependentRequired(Vec<(String, Vec<String>)>),
    /// `properties`, `patternProperties` and `additionalProperties`, which
    /// only make sense together (additional = matched by neither).
    Properties {
        declared: Vec<(String, CheckId)>,
        patterns: Vec<(String, CheckId)>,
        additional: Option<CheckId>,
    },
    PropertyNames(CheckId),
    DependentSchemas(Vec<(String, CheckId)>),
    /// `prefixItems` and `items` (the items after the prefix).
    Items {
        prefix: Vec<CheckId>,
        rest: Option<CheckId>,
    },
    Contains {
        schema: CheckId,
        min: u64,
        max: Option<u64>,
    },
    AllOf(Vec<CheckId>),
    AnyOf(Vec<CheckId>),
    OneOf(Vec<CheckId>),
    Not(CheckId),
    Conditional {
        condition: CheckId,
        then: Option<CheckId>,
        otherwise: Option<CheckId>,
    },
    Ref(CheckId),
    /// `unevaluatedProperties` and `unevaluatedItems`, applied to what this
    /// node's other keywords and its valid in-place subschemas did not
    /// evaluate.
    Unevaluated {
        properties: Option<CheckId>,
        items: Option<CheckId>,
    },
}

impl Check {
    /// This check with every node it refers to renumbered by `f` (which
    /// also sees each one, in order): the graph's shape without its
    /// numbering, for comparing the checks of two type spaces.
    pub fn map_ids(&self, f: &mut impl FnMut(CheckId) -> CheckId) -> Check {
        let mut named = |rules: &[(String, CheckId)]| rules.iter().map(|(n, id)| (n.clone(), f(*id))).collect();
        match self {
            Check::Properties { declared, patterns, additional } => {
                let declared = named(declared);
                let patterns = named(patterns);
                Check::Properties { declared, patterns, additional: additional.map(&mut *f) }
            }
            Check::DependentSchemas(rules) => Check::DependentSchemas(named(rules)),
            Check::PropertyNames(id) => Check::PropertyNames(f(*id)),
            Check::Items { prefix, rest } => {
                Check::Items { prefix: prefix.iter().map(|id| f(*id)).collect(), rest: rest.map(&mut *f) }
            }
            Check::Contains { schema, min, max } => Check::Contains { schema: f(*schema), min: *min, max: *max },
            Check::AllOf(ids) => Check::AllOf(ids.iter().map(|id| f(*id)).collect()),
            Check::AnyOf(ids) => Check::AnyOf(ids.iter().map(|id| f(*id)).collect()),
            Check::OneOf(ids) => Check::OneOf(ids.iter().map(|id| f(*id)).collect()),
            Check::Not(id) => Check::Not(f(*id)),
            Check::Ref(id) => Check::Ref(f(*id)),
            Check::Conditional { condition, then, otherwise } => Check::Conditional {
                condition: f(*condition),
                then: then.map(&mut *f),
                otherwise: otherwise.map(&mut *f),
            },
            Check::Unevaluated { properties, items } => {
                Check::Unevaluated { properties: properties.map(&mut *f), items: items.map(&mut *f) }
            }
            Check::Type(_) | Check::Assert(_) | Check::Required(_) | Check::DependentRequired(_) => self.clone(),
        }
    }

    /// The nodes this check applies to the same value (not to a part of it).
    pub(super) fn in_place(&self) -> Vec<CheckId> {
        match self {
            Check::AllOf(ids) | Check::AnyOf(ids) | Check::OneOf(ids) => ids.clone(),
            Check::Not(id) | Check::Ref(id) => vec![*id],
            Check::Conditional { condition, then, otherwise } => {
                std::iter::once(*condition).chain(*then).chain(*otherwise).collect()
            }
            Check::DependentSchemas(rules) => rules.iter().map(|(_, id)| *id).collect(),
            _ => Vec::new(),
        }
    }

    /// The nodes whose evaluations (for `unevaluated*`) this check passes
    /// on: its in-place subschemas, except under `not`, which evaluates
    /// nothing.
    pub fn passes_evaluation_from(&self) -> Vec<CheckId> {
        match self {
            Check::Not(_) => Vec::new(),
            other => other.in_place(),
        }
    }

    /// Whether this check needs a regex engine at run time.
    pub fn uses_patterns(&self) -> bool {
        matches!(self, Check::Assert(Constraint::Pattern(_)))
            || matches!(self, Check::Properties { patterns, .. } if !patterns.is_empty())
    }
}
