//! The compiler: each schema, by pointer and dynamic scope, compiled once
//! into a node (its keywords are [`super::keywords`]'s), and the nodes
//! checked for `$ref` cycles that would never end.

use indexmap::IndexMap;
use serde_json::{Map, Value};

use super::nodes::{Check, CheckId, CheckNode};
use crate::diagnostics::{Code, Error, Location, Warning, join};
use crate::ir::graph::Digraph;
use crate::resolve::ResolvedSpec;

/// What of the dynamic scope a `$dynamicRef` can see: each `$dynamicAnchor`
/// name bound to the schema of the outermost resource, on the path of
/// evaluation, that declares it.
pub(super) type Scope = std::collections::BTreeMap<String, String>;

/// What [`CheckCompiler::finish`] gives: the nodes, by [`CheckId`], the
/// pointer each was compiled from, and the warnings.
pub struct Compiled {
    pub nodes: Vec<CheckNode>,
    pub pointers: Vec<String>,
    pub warnings: Vec<Warning>,
}

pub struct CheckCompiler<'a> {
    pub(super) spec: &'a ResolvedSpec,
    pub(super) nodes: Vec<CheckNode>,
    /// The pointer each node was compiled from.
    pub(super) pointers: Vec<String>,
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
    pub(super) fn compile_in(&mut self, pointer: &str, scope: &Scope) -> Result<CheckId, Error> {
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
        let schema = spec.document.pointer(pointer).ok_or_else(|| {
            Error::at(Code::Internal, "internal error: no schema at this pointer; please report this", pointer)
        })?;
        self.nodes[id] = match schema {
            Value::Bool(true) => CheckNode::Always,
            Value::Bool(false) => CheckNode::Never,
            Value::Object(object) => self.keywords(object, pointer, &key.1)?,
            other => {
                return Err(Error::at(
                    Code::NotASchema,
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
    pub(super) fn target(
        &self,
        schema: &Map<String, Value>,
        pointer: &str,
        keyword: &str,
        scope: &Scope,
    ) -> Result<String, Error> {
        let at = join(pointer, keyword);
        let reference = schema[keyword]
            .as_str()
            .ok_or_else(|| Error::at(Code::RefNotAString, format!("`{keyword}` must be a string"), &at))?;
        let document = &self.spec.document;
        let base = self.spec.index.base_at(document, pointer)?;
        let target = self.spec.index.resolve(&base, reference, &at)?;
        let Some(found) = document.pointer(&target) else {
            return Err(Error::at(
                Code::DanglingRef,
                format!("dangling {keyword} `{reference}`: nothing at `{target}`"),
                at,
            ));
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
    /// The nodes, the pointer each was compiled from, and the warnings.
    pub fn finish(self) -> Result<Compiled, Error> {
        if let Some(id) = self.endless_cycle() {
            return Err(Error::new(
                Code::EndlessCheckCycle,
                "unsupported: a $ref cycle that never descends into the value (validating would never end)",
                Location::pointer(&self.pointers[id]),
            ));
        }
        Ok(Compiled { nodes: self.nodes, pointers: self.pointers, warnings: self.warnings })
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
