//! Schemas kept as schemas.
//!
//! Some schemas say what no Rust type can: `not`, `if`/`then`/`else`,
//! `prefixItems`, `patternProperties`, `contains`, several `type`s, or (in
//! JSON Schema semantics) no `type` at all, where each keyword constrains
//! only the values of its own JSON type. Such a value is held as JSON, and
//! the schema is compiled here into [`CheckNode`]s: plain data, one node per
//! subschema, which the validator emitter turns into one function each. A
//! `$ref` is an edge to the node of its target, so recursive schemas need
//! nothing special, except a cycle that never descends into the value
//! (`{"$ref": "#"}`), which would never end and is refused.
//!
//! `$dynamicRef` is resolved here too, with no run-time cost: its target
//! depends only on the dynamic scope, and what matters of that scope is
//! which resource first declared each `$dynamicAnchor` name on the way in
//! ([`Scope`]). A schema is compiled once per scope it is reached in, and
//! scopes only grow and are bounded by the anchors the document declares,
//! so this ends. Documents without `$dynamicRef` have one, empty, scope.
//!
//! `unevaluatedProperties` and `unevaluatedItems` beside in-place
//! applicators need to know, at run time, what the valid subschemas
//! evaluated ([`Check::Unevaluated`]); the emitter derives that from the
//! same nodes.

use indexmap::IndexMap;
use serde_json::{Map, Value};

use super::Constraint;
use super::graph::Digraph;
use crate::diagnostics::{Error, ErrorKind, Location, Warning, join};
use crate::resolve::{OpenApiVersion, ResolvedSpec, Semantics};

/// An index into [`super::TypeSpace::checks`].
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

    fn parse(name: &str) -> Option<JsonType> {
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
    fn in_place(&self) -> Vec<CheckId> {
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

/// Keywords that are recognized and not supported: refusing is better than
/// checking less than the schema says. (`$recursiveRef` is 2019-09's.)
const REFUSED: [&str; 1] = ["$recursiveRef"];

/// What of the dynamic scope a `$dynamicRef` can see: each `$dynamicAnchor`
/// name bound to the schema of the outermost resource, on the path of
/// evaluation, that declares it.
pub type Scope = std::collections::BTreeMap<String, String>;

pub struct CheckCompiler<'a> {
    spec: &'a ResolvedSpec,
    nodes: Vec<CheckNode>,
    /// The pointer each node was compiled from.
    pointers: Vec<String>,
    by_pointer: IndexMap<(String, Scope), CheckId>,
    pub warnings: Vec<Warning>,
}

impl<'a> CheckCompiler<'a> {
    pub fn new(spec: &'a ResolvedSpec) -> Self {
        CheckCompiler {
            spec,
            nodes: Vec::new(),
            pointers: Vec::new(),
            by_pointer: IndexMap::new(),
            warnings: Vec::new(),
        }
    }

    /// The node of the schema at `pointer` (in the document), compiled once.
    pub fn compile(&mut self, pointer: &str) -> Result<CheckId, Error> {
        self.compile_in(pointer, &Scope::new())
    }

    /// The node of the schema at `pointer`, reached in `scope`.
    fn compile_in(&mut self, pointer: &str, scope: &Scope) -> Result<CheckId, Error> {
        let scope = self.entering(pointer, scope);
        let key = (pointer.to_owned(), scope);
        if let Some(&id) = self.by_pointer.get(&key) {
            return Ok(id);
        }
        let id = self.nodes.len();
        self.nodes.push(CheckNode::Always);
        self.pointers.push(pointer.to_owned());
        self.by_pointer.insert(key.clone(), id);
        let spec = self.spec;
        let schema = spec
            .document
            .pointer(pointer)
            .ok_or_else(|| Error::invalid("internal error: no schema at this pointer; please report this", pointer))?;
        self.nodes[id] = match schema {
            Value::Bool(true) => CheckNode::Always,
            Value::Bool(false) => CheckNode::Never,
            Value::Object(object) => self.keywords(object, pointer, &key.1)?,
            other => {
                return Err(Error::invalid(
                    format!("a schema must be a mapping or a boolean, found {}", crate::resolve::kind_of(other)),
                    pointer,
                ));
            }
        };
        Ok(id)
    }

    /// `scope` once the resource of the schema at `pointer` is entered: its
    /// dynamic anchors are bound, unless an outer resource bound them first.
    fn entering(&self, pointer: &str, scope: &Scope) -> Scope {
        let index = &self.spec.index;
        let mut scope = scope.clone();
        if index.has_dynamic_refs {
            for (name, target) in index.dynamic_anchors(index.resource_of(pointer)) {
                scope.entry(name.clone()).or_insert_with(|| target.clone());
            }
        }
        scope
    }

    /// The pointer a `$ref` or `$dynamicRef` at `pointer` names.
    fn target(
        &self,
        schema: &Map<String, Value>,
        pointer: &str,
        keyword: &str,
        scope: &Scope,
    ) -> Result<String, Error> {
        let at = join(pointer, keyword);
        let reference =
            schema[keyword].as_str().ok_or_else(|| Error::invalid(format!("`{keyword}` must be a string"), &at))?;
        let document = &self.spec.document;
        let base = self.spec.index.base_at(document, pointer)?;
        let target = self.spec.index.resolve(&base, reference, &at)?;
        let Some(found) = document.pointer(&target) else {
            return Err(Error::invalid(format!("dangling {keyword} `{reference}`: nothing at `{target}`"), at));
        };
        if keyword == "$dynamicRef" {
            // Dynamic only when it lands on a `$dynamicAnchor` of the same
            // name; otherwise it is a plain `$ref`.
            let name = reference.rsplit_once('#').map(|(_, fragment)| fragment).unwrap_or_default();
            if !name.is_empty() && found.get("$dynamicAnchor").and_then(Value::as_str) == Some(name) {
                return Ok(scope.get(name).cloned().unwrap_or(target));
            }
        }
        Ok(target)
    }

    /// The nodes compiled, after refusing cycles that would never end.
    pub fn finish(self) -> Result<(Vec<CheckNode>, Vec<Warning>), Error> {
        if let Some(id) = self.endless_cycle() {
            return Err(Error::new(
                ErrorKind::Unsupported,
                "unsupported: a $ref cycle that never descends into the value (validating would never end)",
                Location::pointer(&self.pointers[id]),
            ));
        }
        Ok((self.nodes, self.warnings))
    }

    fn keywords(&mut self, schema: &Map<String, Value>, pointer: &str, scope: &Scope) -> Result<CheckNode, Error> {
        let at = |keyword: &str| join(pointer, keyword);
        for keyword in REFUSED {
            match schema.get(keyword) {
                None | Some(Value::Bool(true)) => {}
                Some(Value::Object(o)) if o.is_empty() => {}
                Some(_) => return Err(Error::unsupported(keyword, at(keyword))),
            }
        }
        let mut checks = Vec::new();
        for keyword in ["$ref", "$dynamicRef"] {
            if schema.contains_key(keyword) {
                let target = self.target(schema, pointer, keyword, scope)?;
                checks.push(Check::Ref(self.compile_in(&target, scope)?));
            }
        }
        match schema.get("type") {
            None => {}
            Some(Value::String(name)) => checks.push(Check::Type(vec![json_type(name, &at("type"))?])),
            Some(Value::Array(names)) => {
                let types = names
                    .iter()
                    .map(|name| json_type(name.as_str().unwrap_or_default(), &at("type")))
                    .collect::<Result<Vec<_>, _>>()?;
                checks.push(Check::Type(types));
            }
            Some(_) => return Err(Error::invalid("`type` must be a string or a list of strings", at("type"))),
        }
        if let Some(values) = schema.get("enum") {
            let values = values.as_array().ok_or_else(|| Error::invalid("`enum` must be a list", at("enum")))?;
            checks.push(Check::Assert(Constraint::Enum(values.clone())));
        }
        if let Some(value) = schema.get("const") {
            checks.push(Check::Assert(Constraint::Const(value.clone())));
        }
        // `propertyNames` is a whole schema here, compiled below.
        checks.extend(
            super::constraints::read(schema, pointer, self.spec.assert_formats, &mut self.warnings)
                .into_iter()
                .filter(|c| !matches!(c, Constraint::PropertyNames(_)))
                .map(Check::Assert),
        );
        if let Some(required) = schema.get("required") {
            checks.push(Check::Required(names(required, &at("required"))?));
        }
        if let Some(rules) = schema.get("dependentRequired") {
            let rules = map_of(rules, &at("dependentRequired"))?
                .iter()
                .map(|(name, list)| Ok((name.clone(), names(list, &join(&at("dependentRequired"), name))?)))
                .collect::<Result<_, Error>>()?;
            checks.push(Check::DependentRequired(rules));
        }
        let declared = self.schema_map(schema, pointer, scope, "properties")?;
        let patterns = self.schema_map(schema, pointer, scope, "patternProperties")?;
        for (pattern, _) in &patterns {
            if let Err(error) = regress::Regex::with_flags(pattern, "u") {
                return Err(Error::invalid(
                    format!("`{pattern}` is not an ECMA-262 regular expression ({error})"),
                    join(&at("patternProperties"), pattern),
                ));
            }
        }
        // Without in-place applicators, what a schema evaluates is what its
        // own keywords do: `unevaluatedProperties` is then exactly
        // `additionalProperties` (or nothing, beside one), and
        // `unevaluatedItems` exactly `items` (unless `contains` marks some).
        // Otherwise evaluation is tracked at run time. Even `true` matters:
        // it marks everything evaluated for an enclosing `unevaluated*`.
        // In-place applicators may evaluate what `unevaluated*` must then skip.
        let has_in_place = crate::vocabulary::in_place().any(|k| schema.contains_key(k));
        let tracked_properties = schema.contains_key("unevaluatedProperties")
            && !schema.contains_key("additionalProperties")
            && has_in_place;
        let tracked_items = schema.contains_key("unevaluatedItems")
            && !schema.contains_key("items")
            && (has_in_place || schema.contains_key("contains"));
        let additional = match schema.contains_key("additionalProperties") {
            true => self.subschema(schema, pointer, scope, "additionalProperties")?,
            false if !tracked_properties => self.subschema(schema, pointer, scope, "unevaluatedProperties")?,
            false => None,
        };
        if !declared.is_empty() || !patterns.is_empty() || additional.is_some() {
            checks.push(Check::Properties { declared, patterns, additional });
        }
        if let Some(names) = self.subschema(schema, pointer, scope, "propertyNames")? {
            checks.push(Check::PropertyNames(names));
        }
        let dependent = self.schema_map(schema, pointer, scope, "dependentSchemas")?;
        if !dependent.is_empty() {
            checks.push(Check::DependentSchemas(dependent));
        }
        if schema.get("items").is_some_and(Value::is_array) {
            return Err(Error::unsupported("`items` as a list (use `prefixItems`)", at("items")));
        }
        let prefix = self.schema_list(schema, pointer, scope, "prefixItems")?.unwrap_or_default();
        let rest = match schema.contains_key("items") {
            true => self.subschema(schema, pointer, scope, "items")?,
            false if !tracked_items => self.subschema(schema, pointer, scope, "unevaluatedItems")?,
            false => None,
        };
        if !prefix.is_empty() || rest.is_some() {
            checks.push(Check::Items { prefix, rest });
        }
        if let Some(contained) = self.subschema(schema, pointer, scope, "contains")? {
            let count = |key: &str| schema.get(key).and_then(|v| v.as_u64().or_else(|| integral(v)));
            checks.push(Check::Contains {
                schema: contained,
                min: count("minContains").unwrap_or(1),
                max: count("maxContains"),
            });
        }
        for (keyword, make) in
            [("allOf", Check::AllOf as fn(Vec<CheckId>) -> Check), ("anyOf", Check::AnyOf), ("oneOf", Check::OneOf)]
        {
            if let Some(ids) = self.schema_list(schema, pointer, scope, keyword)? {
                if ids.is_empty() {
                    return Err(Error::invalid(format!("`{keyword}` must not be empty"), at(keyword)));
                }
                checks.push(make(ids));
            }
        }
        if let Some(negated) = self.subschema(schema, pointer, scope, "not")? {
            checks.push(Check::Not(negated));
        }
        if let Some(condition) = self.subschema(schema, pointer, scope, "if")? {
            let then = self.subschema(schema, pointer, scope, "then")?;
            let otherwise = self.subschema(schema, pointer, scope, "else")?;
            // Even alone, `if` evaluates properties when it holds.
            checks.push(Check::Conditional { condition, then, otherwise });
        }
        if tracked_properties || tracked_items {
            checks.push(Check::Unevaluated {
                properties: match tracked_properties {
                    true => self.subschema(schema, pointer, scope, "unevaluatedProperties")?,
                    false => None,
                },
                items: match tracked_items {
                    true => self.subschema(schema, pointer, scope, "unevaluatedItems")?,
                    false => None,
                },
            });
        }
        let null_allowed = self.spec.semantics == Semantics::OpenApi
            && self.spec.version == OpenApiVersion::V3_0
            && schema.get("nullable") == Some(&Value::Bool(true));
        Ok(if checks.is_empty() { CheckNode::Always } else { CheckNode::All { null_allowed, checks } })
    }

    fn subschema(
        &mut self,
        schema: &Map<String, Value>,
        pointer: &str,
        scope: &Scope,
        keyword: &str,
    ) -> Result<Option<CheckId>, Error> {
        match schema.get(keyword) {
            None => Ok(None),
            Some(_) => self.compile_in(&join(pointer, keyword), scope).map(Some),
        }
    }

    fn schema_list(
        &mut self,
        schema: &Map<String, Value>,
        pointer: &str,
        scope: &Scope,
        keyword: &str,
    ) -> Result<Option<Vec<CheckId>>, Error> {
        let Some(list) = schema.get(keyword) else {
            return Ok(None);
        };
        let list = list
            .as_array()
            .ok_or_else(|| Error::invalid(format!("`{keyword}` must be a list"), join(pointer, keyword)))?;
        (0..list.len())
            .map(|i| self.compile_in(&join(&join(pointer, keyword), i), scope))
            .collect::<Result<_, _>>()
            .map(Some)
    }

    fn schema_map(
        &mut self,
        schema: &Map<String, Value>,
        pointer: &str,
        scope: &Scope,
        keyword: &str,
    ) -> Result<Vec<(String, CheckId)>, Error> {
        let Some(map) = schema.get(keyword) else {
            return Ok(Vec::new());
        };
        map_of(map, &join(pointer, keyword))?
            .keys()
            .map(|name| Ok((name.clone(), self.compile_in(&join(&join(pointer, keyword), name), scope)?)))
            .collect()
    }

    /// A node that reaches itself through checks that all apply to the same
    /// value, if there is one.
    fn endless_cycle(&self) -> Option<CheckId> {
        let in_place = |node: &CheckNode| match node {
            CheckNode::All { checks, .. } => checks.iter().flat_map(Check::in_place).collect(),
            _ => Vec::new(),
        };
        Digraph::new(self.nodes.iter().map(in_place).collect()).node_on_a_cycle()
    }
}

fn json_type(name: &str, pointer: &str) -> Result<JsonType, Error> {
    JsonType::parse(name).ok_or_else(|| Error::invalid(format!("unknown type `{name}`"), pointer))
}

fn integral(value: &Value) -> Option<u64> {
    value.as_f64().filter(|f| f.fract() == 0.0 && *f >= 0.0).map(|f| f as u64)
}

fn names(value: &Value, pointer: &str) -> Result<Vec<String>, Error> {
    value
        .as_array()
        .and_then(|list| list.iter().map(|v| v.as_str().map(str::to_owned)).collect::<Option<Vec<_>>>())
        .ok_or_else(|| Error::invalid("must be a list of property names", pointer))
}

fn map_of<'v>(value: &'v Value, pointer: &str) -> Result<&'v Map<String, Value>, Error> {
    value.as_object().ok_or_else(|| Error::invalid("must be a mapping", pointer))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn compile(schema: Value) -> Result<Vec<CheckNode>, Error> {
        let spec = crate::resolve::resolve_json_schema(&schema, "Root", &Default::default())?;
        let mut compiler = CheckCompiler::new(&spec);
        compiler.compile("")?;
        compiler.finish().map(|(nodes, _)| nodes)
    }

    #[test]
    fn references_are_edges_and_recursion_through_a_property_is_fine() {
        let nodes =
            compile(json!({"$defs": {"n": {"type": "integer"}}, "properties": {"a": {"$ref": "#"}, "b": {"$ref": "#/$defs/n"}}}))
                .unwrap();
        let CheckNode::All { checks, .. } = &nodes[0] else { panic!("{nodes:?}") };
        assert_eq!(
            checks,
            &[Check::Properties {
                declared: vec![("a".into(), 1), ("b".into(), 2)],
                patterns: vec![],
                additional: None
            }]
        );
        assert_eq!(nodes[1], CheckNode::All { null_allowed: false, checks: vec![Check::Ref(0)] });
        assert_eq!(
            nodes[3],
            CheckNode::All { null_allowed: false, checks: vec![Check::Type(vec![JsonType::Integer])] }
        );
    }

    #[test]
    fn endless_cycles_and_unsupported_keywords_are_refused_with_their_pointer() {
        let endless = compile(json!({"$defs": {"a": {"allOf": [{"$ref": "#"}]}}, "$ref": "#/$defs/a"})).unwrap_err();
        assert!(endless.message.contains("never descends"), "{}", endless.message);
        let recursive = compile(json!({"properties": {"x": {"$recursiveRef": "#"}}})).unwrap_err();
        assert_eq!(
            (recursive.message.as_str(), recursive.location.pointer.as_deref()),
            ("unsupported: $recursiveRef", Some("/properties/x/$recursiveRef"))
        );
        let dialect = compile(json!({"not": {"$schema": "https://example.com/my-dialect"}})).unwrap_err();
        assert_eq!(dialect.location.pointer.as_deref(), Some("/not/$schema"));
        assert!(dialect.message.contains("the drafts read are 4, 5, 6, 7, 2019-09, 2020-12"), "{}", dialect.message);
    }

    #[test]
    fn unevaluated_keywords_beside_in_place_applicators_are_tracked() {
        let nodes = compile(json!({"allOf": [{"properties": {"a": true}}], "unevaluatedProperties": false})).unwrap();
        let CheckNode::All { checks, .. } = &nodes[0] else { panic!("{nodes:?}") };
        assert_eq!(checks, &[Check::AllOf(vec![1]), Check::Unevaluated { properties: Some(3), items: None }]);
        assert_eq!(nodes[3], CheckNode::Never);
        // `contains` marks items too, so `unevaluatedItems` beside it is tracked.
        let nodes = compile(json!({"contains": true, "unevaluatedItems": false})).unwrap();
        let CheckNode::All { checks, .. } = &nodes[0] else { panic!("{nodes:?}") };
        assert_eq!(checks[1], Check::Unevaluated { properties: None, items: Some(2) });
    }

    /// The pointers that the compiled `$ref`s and `$dynamicRef`s reach.
    fn ref_targets(compiler: &CheckCompiler<'_>) -> Vec<String> {
        compiler
            .nodes
            .iter()
            .flat_map(|node| match node {
                CheckNode::All { checks, .. } => checks.clone(),
                _ => Vec::new(),
            })
            .filter_map(|check| match check {
                Check::Ref(id) => Some(compiler.pointers[id].clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn dynamic_refs_resolve_to_the_outermost_resource_in_scope() {
        // The list resource's `items` name `#item`, which the root rebinds:
        // reached from the root, the items are the root's `#item`; the same
        // list reached directly (its own resource outermost) keeps its own.
        let schema = json!({
            "$id": "https://example.com/root",
            "$ref": "list",
            "$defs": {
                "item": {"$dynamicAnchor": "item", "type": "string"},
                "list": {
                    "$id": "list",
                    "items": {"$dynamicRef": "#item"},
                    "$defs": {"default": {"$dynamicAnchor": "item"}}
                }
            }
        });
        let spec = crate::resolve::resolve_json_schema(&schema, "Root", &Default::default()).unwrap();
        let mut compiler = CheckCompiler::new(&spec);
        compiler.compile("").unwrap();
        assert_eq!(ref_targets(&compiler), ["/$defs/list", "/$defs/item"]);
        let mut direct = CheckCompiler::new(&spec);
        direct.compile("/$defs/list").unwrap();
        assert_eq!(ref_targets(&direct), ["/$defs/list/$defs/default"]);
        // Without a `$dynamicAnchor` at its target, it is a plain `$ref`.
        let plain = json!({
            "$id": "https://example.com/root",
            "$dynamicAnchor": "a",
            "$ref": "inner",
            "$defs": {"inner": {"$id": "inner", "$defs": {"a": {"$anchor": "a"}}, "items": {"$dynamicRef": "#a"}}}
        });
        let spec = crate::resolve::resolve_json_schema(&plain, "Root", &Default::default()).unwrap();
        let mut compiler = CheckCompiler::new(&spec);
        compiler.compile("").unwrap();
        assert_eq!(ref_targets(&compiler), ["/$defs/inner", "/$defs/inner/$defs/a"]);
    }

    #[test]
    fn unevaluated_keywords_without_in_place_applicators_are_the_additional_ones() {
        let nodes = compile(json!({"properties": {"a": true}, "unevaluatedProperties": false, "prefixItems": [true], "unevaluatedItems": false})).unwrap();
        let CheckNode::All { checks, .. } = &nodes[0] else { panic!("{nodes:?}") };
        assert_eq!(
            checks,
            &[
                Check::Properties { declared: vec![("a".into(), 1)], patterns: vec![], additional: Some(2) },
                Check::Items { prefix: vec![3], rest: Some(4) },
            ]
        );
        assert_eq!((&nodes[2], &nodes[4]), (&CheckNode::Never, &CheckNode::Never));
    }
}
