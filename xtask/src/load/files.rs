//! Multi-file specs: `$ref`s to relative files (`schemas/pet.yaml`,
//! `../common.yaml#/Error`) joined into one document, so that every later
//! stage sees a single spec.
//!
//! A reference is resolved against the file it is written in. What it
//! points at decides what becomes of it:
//! - in a schema (below `schema`, `components/schemas` or another schema),
//!   the target schema is **hoisted** into `components/schemas` under a name
//!   taken from its pointer or file (`Error`, `pet`), and the reference is
//!   rewritten to point there. One target is hoisted once, so references
//!   that cycle across files become recursive types, as in one file.
//! - elsewhere (path items, parameters, responses, request bodies, headers,
//!   examples, prose), the target is **inlined** in place of the reference:
//!   these objects have no names of their own in the generated code.
//!
//! Only files are read, never the network, and never outside the reference
//! root: the directory of the root spec unless `--ref-root` widens it.
//! Symbolic links are followed before that check, so a link cannot escape
//! it either. A reference to a URL (`https://…`) is left as it is, for the
//! resolver to refuse.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

use serde_json::Value;

use crate::diagnostics::{Code, Error, Location, escape_token, join, unescape_token};

/// Keys of the OpenAPI objects other than schemas whose values are data (an example's
/// `value`). Their `examples` are Example objects, which may be references,
/// and `default` is a response.
const OBJECT_DATA: [&str; 2] = ["example", "value"];

/// More inlined objects than this is a reference bomb, not a spec: files
/// that each reference the next twice double at every step.
const MAX_INLINED: usize = 200_000;

/// How deep inlined objects may nest through references.
const MAX_INLINE_DEPTH: usize = 64;

/// Reads the spec at `path` and joins every file it references into it.
/// `display` names the root file in diagnostics (as the user wrote it);
/// `ref_root` is the directory no reference may leave (default: the root
/// file's directory).
pub fn load_spec(path: &Path, display: &str, ref_root: Option<&Path>) -> Result<(Value, Sources), Error> {
    let root_display = PathBuf::from(display);
    let mut document = super::load_file(path).map_err(|e| renamed(e, &root_display))?;
    if !has_file_refs(&document) {
        return Ok((document, Sources::default()));
    }
    let canonical = |p: &Path, what: &str| {
        p.canonicalize().map_err(|e| Error::io(Code::PathUnresolvable, format!("cannot resolve the {what}: {e}"), p))
    };
    let root_file = canonical(path, "spec's path")?;
    let boundary = match ref_root {
        Some(dir) => canonical(dir, "--ref-root directory")?,
        None => root_file.parent().map(Path::to_path_buf).unwrap_or_default(),
    };
    let taken: BTreeSet<String> = document
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|schemas| schemas.keys().cloned().collect())
        .unwrap_or_default();
    let boundary_display = match ref_root {
        Some(dir) => dir.display().to_string(),
        None => root_display.parent().map_or(String::new(), |p| p.display().to_string()),
    };
    let mut joiner = Joiner {
        boundary,
        boundary_display,
        root_file: root_file.clone(),
        files: BTreeMap::new(),
        hoisted: BTreeMap::new(),
        taken,
        new_schemas: Vec::new(),
        inlining: Vec::new(),
        inlined: 0,
        sources: Sources::default(),
    };
    let here = Site { file: root_file, display: root_display, pointer: String::new(), joined: String::new() };
    joiner.walk(&mut document, &here, false)?;
    if !joiner.new_schemas.is_empty() {
        let Some(root) = document.as_object_mut() else { return Ok((document, joiner.sources)) };
        let components = root.entry("components").or_insert_with(|| Value::Object(Default::default()));
        let schemas = components
            .as_object_mut()
            .ok_or_else(|| {
                Error::at(Code::ComponentsNotMapping, "`components` must be a mapping", "/components").in_file(display)
            })?
            .entry("schemas")
            .or_insert_with(|| Value::Object(Default::default()))
            .as_object_mut()
            .ok_or_else(|| {
                Error::at(Code::ComponentsNotMapping, "`components.schemas` must be a mapping", "/components/schemas")
                    .in_file(display)
            })?;
        schemas.extend(joiner.new_schemas);
    }
    Ok((document, joiner.sources))
}

/// Where the parts of a joined document were read: a pointer of the
/// joined document → the file and the pointer in it, for each hoisted or
/// inlined part.
#[derive(Debug, Clone, Default)]
pub struct Sources(BTreeMap<String, (PathBuf, String)>);

impl Sources {
    /// `location` (a pointer into the joined document) moved to the file
    /// and pointer the problem was read from, when that is another file.
    pub fn locate(&self, location: Location) -> Location {
        let Some(pointer) = location.pointer.as_deref() else { return location };
        let mut prefix = pointer;
        loop {
            if let Some((file, source)) = self.0.get(prefix) {
                let pointer = format!("{source}{}", &pointer[prefix.len()..]);
                return Location { file: Some(file.clone()), pointer: Some(pointer), line_column: None };
            }
            match prefix.rsplit_once('/') {
                Some((parent, _)) => prefix = parent,
                None => return location,
            }
        }
    }
}

/// Where a value was read: its file (canonical), how to name that file in
/// diagnostics, and its pointer inside the file; and where it goes in the
/// joined document.
#[derive(Clone)]
struct Site {
    file: PathBuf,
    display: PathBuf,
    pointer: String,
    joined: String,
}

impl Site {
    fn child(&self, token: impl std::fmt::Display) -> Site {
        let token = token.to_string();
        Site { pointer: join(&self.pointer, &token), joined: join(&self.joined, &token), ..self.clone() }
    }

    /// `self`'s parent: where the object holding a `$ref` is.
    fn parent(&self) -> String {
        self.joined.rsplit_once('/').map_or(String::new(), |(parent, _)| parent.to_owned())
    }

    fn error(&self, code: Code, message: impl Into<String>) -> Error {
        Error::new(code, message, Location::pointer(&self.pointer).in_file(&self.display))
    }
}

struct Joiner {
    boundary: PathBuf,
    boundary_display: String,
    root_file: PathBuf,
    /// Every file read so far (canonical path → its document and display name).
    files: BTreeMap<PathBuf, (Value, PathBuf)>,
    /// A hoisted target (file, pointer) → its name in `components/schemas`.
    hoisted: BTreeMap<(PathBuf, String), String>,
    /// Names in `components/schemas`, the root's own and the hoisted.
    taken: BTreeSet<String>,
    new_schemas: Vec<(String, Value)>,
    /// The targets being inlined, outermost first: one seen twice is a cycle.
    inlining: Vec<(PathBuf, String)>,
    inlined: usize,
    sources: Sources,
}

impl Joiner {
    /// Rewrites every file reference below `value` (read at `here`).
    /// `in_schema`: whether `value` is a schema (or inside one).
    fn walk(&mut self, value: &mut Value, here: &Site, in_schema: bool) -> Result<(), Error> {
        match value {
            Value::Object(object) => {
                if let Some(reference) = object.get("$ref").and_then(Value::as_str) {
                    let reference = reference.to_owned();
                    let at = here.child("$ref");
                    if in_schema {
                        if let Some(local) = self.schema_reference(&reference, &at)? {
                            object.insert("$ref".into(), Value::String(local));
                        }
                    } else if let Some(mut target) = self.inline(&reference, &at)? {
                        // Siblings of the reference (3.1's `summary` and
                        // `description`) override the target's.
                        object.remove("$ref");
                        if let Value::Object(fields) = &mut target {
                            for (key, sibling) in std::mem::take(object) {
                                fields.insert(key, sibling);
                            }
                        }
                        *value = target;
                        return Ok(());
                    }
                }
                for (key, child) in object.iter_mut() {
                    let key = key.as_str();
                    let data = match in_schema {
                        true => crate::vocabulary::holds_data(key),
                        false => OBJECT_DATA.contains(&key),
                    };
                    // A schema's extensions are data; elsewhere an `x-` key may be a
                    // name (a header's), so references in it are followed.
                    if key == "$ref" || (in_schema && key.starts_with("x-")) || data {
                        continue;
                    }
                    let child_site = here.child(key);
                    let names = match in_schema {
                        true => crate::vocabulary::maps_names_to_schemas(key),
                        false => key == "schemas",
                    };
                    if names {
                        self.walk_schema_map(child, &child_site)?;
                    } else if in_schema && key == "discriminator" {
                        self.rewrite_mapping(child, &child_site)?;
                    } else {
                        self.walk(child, &child_site, in_schema || key == "schema")?;
                    }
                }
            }
            Value::Array(items) => {
                for (index, item) in items.iter_mut().enumerate() {
                    self.walk(item, &here.child(index), in_schema)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// `discriminator.mapping` values name schemas by reference too.
    fn rewrite_mapping(&mut self, discriminator: &mut Value, here: &Site) -> Result<(), Error> {
        let Some(mapping) = discriminator.get_mut("mapping").and_then(Value::as_object_mut) else { return Ok(()) };
        let here = here.child("mapping");
        for (tag, target) in mapping.iter_mut() {
            let Some(reference) = target.as_str().map(str::to_owned) else { continue };
            // A bare name (`Dog`) names a component, not a file.
            if !(reference.contains('#') || reference.contains('/') || reference.contains('.')) {
                continue;
            }
            if let Some(local) = self.schema_reference(&reference, &here.child(tag))? {
                *target = Value::String(local);
            }
        }
        Ok(())
    }

    /// The local reference that replaces `reference` in a schema, or `None`
    /// to leave it as it is (a local reference of the root file, or a URL).
    fn schema_reference(&mut self, reference: &str, at: &Site) -> Result<Option<String>, Error> {
        let Some((file, pointer)) = self.target(reference, at)? else { return Ok(None) };
        if file == self.root_file {
            return Ok(Some(format!("#{pointer}")));
        }
        let key = (file.clone(), pointer.clone());
        if let Some(name) = self.hoisted.get(&key) {
            return Ok(Some(component_ref(name)));
        }
        let (schema, display) = self.value_at(&file, &pointer, reference, at)?;
        if !(schema.is_object() || schema.is_boolean()) {
            return Err(at.error(
                Code::RefNotASchema,
                format!("$ref `{reference}` must point at a schema, found {}", crate::resolve::kind_of(&schema)),
            ));
        }
        let name = self.unused_name(&file, &pointer);
        self.taken.insert(name.clone());
        self.hoisted.insert(key, name.clone());
        let mut schema = schema;
        let joined = component_ref(&name)[1..].to_owned();
        self.sources.0.insert(joined.clone(), (display.clone(), pointer.clone()));
        self.walk(&mut schema, &Site { file, display, pointer, joined }, true)?;
        self.new_schemas.push((name.clone(), schema));
        Ok(Some(component_ref(&name)))
    }

    /// The target of a reference outside schemas, with its own references
    /// joined in, or `None` for a local reference of the root file.
    fn inline(&mut self, reference: &str, at: &Site) -> Result<Option<Value>, Error> {
        self.inline_with(reference, at, |joiner, target, site| joiner.walk(target, site, false))
    }

    /// Inlines the target of `reference`, joined by `join` (which is given
    /// the target and where it was read); `None` for a local reference of
    /// the root file. Refuses cycles and reference bombs.
    fn inline_with(
        &mut self,
        reference: &str,
        at: &Site,
        join: impl FnOnce(&mut Joiner, &mut Value, &Site) -> Result<(), Error>,
    ) -> Result<Option<Value>, Error> {
        let Some((file, pointer)) = self.target(reference, at)? else { return Ok(None) };
        if file == self.root_file && at.file == self.root_file {
            return Ok(None);
        }
        let key = (file.clone(), pointer.clone());
        if self.inlining.contains(&key) {
            return Err(at.error(
                Code::RefInlineCycle,
                format!("$ref `{reference}` is a cycle: it is reached again while inlining what it points at"),
            ));
        }
        self.inlined += 1;
        if self.inlined > MAX_INLINED || self.inlining.len() >= MAX_INLINE_DEPTH {
            return Err(at.error(
                Code::RefExpansionTooLarge,
                format!(
                    "$ref `{reference}`: references expand beyond {MAX_INLINED} objects or {MAX_INLINE_DEPTH} levels"
                ),
            ));
        }
        let (mut target, display) = self.value_at(&file, &pointer, reference, at)?;
        self.inlining.push(key);
        let joined = at.parent();
        self.sources.0.insert(joined.clone(), (display.clone(), pointer.clone()));
        let joined = join(self, &mut target, &Site { file, display, pointer, joined });
        self.inlining.pop();
        joined.map(|()| Some(target))
    }

    /// A map from names to schemas (`properties`), which may itself be a
    /// reference to such a map in another file (DigitalOcean writes
    /// `properties: {$ref: 'attributes.yml#/droplet_ids'}`).
    fn walk_schema_map(&mut self, map: &mut Value, here: &Site) -> Result<(), Error> {
        if let Some(reference) = map.get("$ref").and_then(Value::as_str).map(str::to_owned)
            && map.as_object().is_some_and(|o| o.len() == 1)
        {
            let joined = self.inline_with(&reference, &here.child("$ref"), |joiner, target, site| {
                joiner.walk_schema_map(target, site)
            })?;
            if let Some(target) = joined {
                *map = target;
            }
            return Ok(());
        }
        if let Value::Object(map) = map {
            for (name, schema) in map.iter_mut() {
                self.walk(schema, &here.child(name), true)?;
            }
        }
        Ok(())
    }

    /// The file (canonical) and pointer a reference names, or `None` for a
    /// URL or a local reference of the root file.
    fn target(&mut self, reference: &str, at: &Site) -> Result<Option<(PathBuf, String)>, Error> {
        let (path, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        let has_scheme = path.split_once(':').is_some_and(|(scheme, _)| {
            scheme.len() > 1 && scheme.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        });
        if has_scheme {
            return Ok(None);
        }
        let fragment = percent_encoding::percent_decode_str(fragment).decode_utf8_lossy().into_owned();
        if !(fragment.is_empty() || fragment.starts_with('/')) {
            return Err(at.error(
                Code::RefNotAPointer,
                format!("unsupported: $ref `{reference}` (a fragment must be a JSON pointer: `#/...`)"),
            ));
        }
        if path.is_empty() {
            return Ok(if at.file == self.root_file { None } else { Some((at.file.clone(), fragment)) });
        }
        let relative = percent_encoding::percent_decode_str(path).decode_utf8_lossy().into_owned();
        let dir = at.file.parent().unwrap_or(Path::new(""));
        let display = normalize(&at.display.parent().unwrap_or(Path::new("")).join(&relative));
        let file = dir.join(&relative).canonicalize().map_err(|e| {
            at.error(Code::RefFileUnreadable, format!("$ref `{reference}`: cannot read `{}`: {e}", display.display()))
        })?;
        if !file.starts_with(&self.boundary) {
            return Err(at.error(
                Code::RefLeavesRefRoot,
                format!(
                    "$ref `{reference}` leaves the reference root `{}` (pass --ref-root to widen it)",
                    self.boundary_display
                ),
            ));
        }
        if !self.files.contains_key(&file) {
            let document = super::load_file(&file).map_err(|e| renamed(e, &display))?;
            self.files.insert(file.clone(), (document, display));
        }
        Ok(Some((file, fragment)))
    }

    /// A copy of the value at `pointer` in `file`, and the file's display name.
    fn value_at(&self, file: &Path, pointer: &str, reference: &str, at: &Site) -> Result<(Value, PathBuf), Error> {
        let (document, display) = match self.files.get(file) {
            Some((document, display)) => (document, display.clone()),
            None => return Err(at.error(Code::DanglingRef, format!("dangling $ref `{reference}`"))),
        };
        let value = document.pointer(pointer).ok_or_else(|| {
            at.error(
                Code::DanglingRef,
                format!("dangling $ref `{reference}`: nothing at `#{pointer}` in `{}`", display.display()),
            )
        })?;
        Ok((value.clone(), display))
    }

    /// A name for a hoisted schema: the last token of its pointer, or its
    /// file's stem; then prefixed by the file's stem, then numbered, until
    /// no schema has it.
    fn unused_name(&self, file: &Path, pointer: &str) -> String {
        let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let last = pointer.rsplit('/').next().map(unescape_token).filter(|t| !t.is_empty());
        let mut candidates = vec![last.clone().unwrap_or_else(|| stem.clone())];
        if let Some(last) = &last {
            candidates.push(format!("{stem}_{last}"));
        }
        let first = candidates[0].clone();
        candidates
            .into_iter()
            .chain((2..).map(|n| format!("{first}_{n}")))
            .find(|c| !self.taken.contains(c))
            .expect("an endless list")
    }
}

fn component_ref(name: &str) -> String {
    format!("#/components/schemas/{}", escape_token(name))
}

/// Whether any `$ref` in `value` names a file (has a path part and no scheme).
fn has_file_refs(value: &Value) -> bool {
    match value {
        Value::Object(object) => object.iter().any(|(key, child)| {
            key == "$ref" && child.as_str().is_some_and(|r| !r.starts_with('#') && !r.contains("://"))
                || has_file_refs(child)
        }),
        Value::Array(items) => items.iter().any(has_file_refs),
        _ => false,
    }
}

/// `a/./b/../c` as `a/c`, without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.components().next_back(), Some(Component::Normal(_))) => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The error with its file named as the user would.
fn renamed(error: Error, display: &Path) -> Error {
    Error { location: Location { file: Some(display.to_path_buf()), ..error.location }, ..error }
}
