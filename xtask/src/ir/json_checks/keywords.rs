//! What each keyword of a schema compiles to: the [`Check`]s of one node.

use serde_json::{Map, Value};

use super::compiler::{CheckCompiler, Scope};
use super::nodes::{Check, CheckId, CheckNode, JsonType};
use crate::diagnostics::{Code, Error, join};
use crate::ir::Constraint;
use crate::resolve::{OpenApiVersion, Semantics};

/// Keywords that are recognized and not supported: refusing is better than
/// checking less than the schema says. (`$recursiveRef` is 2019-09's.)
const REFUSED: [&str; 1] = ["$recursiveRef"];

impl CheckCompiler<'_> {
    pub(super) fn keywords(
        &mut self,
        schema: &Map<String, Value>,
        pointer: &str,
        scope: &Scope,
    ) -> Result<CheckNode, Error> {
        let at = |keyword: &str| join(pointer, keyword);
        for keyword in REFUSED {
            match schema.get(keyword) {
                None | Some(Value::Bool(true)) => {}
                Some(Value::Object(o)) if o.is_empty() => {}
                Some(_) => return Err(Error::unsupported(Code::KeywordUnsupported, keyword, at(keyword))),
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
            Some(_) => {
                return Err(Error::at(
                    Code::KeywordMalformed,
                    "`type` must be a string or a list of strings",
                    at("type"),
                ));
            }
        }
        if let Some(values) = schema.get("enum") {
            let values = values
                .as_array()
                .ok_or_else(|| Error::at(Code::KeywordMalformed, "`enum` must be a list", at("enum")))?;
            checks.push(Check::Assert(Constraint::Enum(values.clone())));
        }
        if let Some(value) = schema.get("const") {
            checks.push(Check::Assert(Constraint::Const(value.clone())));
        }
        // `propertyNames` is a whole schema here, compiled below.
        checks.extend(
            crate::ir::constraints::read(schema, pointer, self.spec.assert_formats, &mut self.warnings)
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
                return Err(Error::at(
                    Code::PatternPropertyInvalid,
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
            return Err(Error::unsupported(
                Code::KeywordUnsupported,
                "`items` as a list (use `prefixItems`)",
                at("items"),
            ));
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
                    return Err(Error::at(
                        Code::KeywordMalformed,
                        format!("`{keyword}` must not be empty"),
                        at(keyword),
                    ));
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
        let list = list.as_array().ok_or_else(|| {
            Error::at(Code::KeywordMalformed, format!("`{keyword}` must be a list"), join(pointer, keyword))
        })?;
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
}

fn json_type(name: &str, pointer: &str) -> Result<JsonType, Error> {
    JsonType::parse(name).ok_or_else(|| Error::at(Code::UnknownType, format!("unknown type `{name}`"), pointer))
}

fn integral(value: &Value) -> Option<u64> {
    value.as_f64().filter(|f| f.fract() == 0.0 && *f >= 0.0).map(|f| f as u64)
}

fn names(value: &Value, pointer: &str) -> Result<Vec<String>, Error> {
    value
        .as_array()
        .and_then(|list| list.iter().map(|v| v.as_str().map(str::to_owned)).collect::<Option<Vec<_>>>())
        .ok_or_else(|| Error::at(Code::KeywordMalformed, "must be a list of property names", pointer))
}

fn map_of<'v>(value: &'v Value, pointer: &str) -> Result<&'v Map<String, Value>, Error> {
    value.as_object().ok_or_else(|| Error::at(Code::KeywordMalformed, "must be a mapping", pointer))
}
