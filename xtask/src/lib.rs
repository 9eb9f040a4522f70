//! The generator behind `cargo xtask codegen`.
//!
//! The pipeline, one module per stage, each fed only by the one before:
//!
//! 1. [`load`]: YAML/JSON file → JSON document
//! 2. [`overlay`]: OpenAPI Overlay actions applied to the document
//! 3. [`resolve`]: shape checks and the `$ref` closure of the roots
//! 4. [`ir`]: the type model, plain data
//! 5. [`emit`]: tokens and files of the generated crate
//! 6. [`format`]: prettyplease and "do not edit" preambles
//! 7. [`output`]: write atomically, or check for drift
//!
//! [`config`] says what to generate; [`naming`] turns spec names into Rust
//! identifiers; [`diagnostics`] carries errors and warnings with locations.

pub mod bench;
pub mod cli;
pub mod config;
pub mod conformance;
pub mod diagnostics;
pub mod diff;
pub mod emit;
pub mod extract;
pub mod format;
pub mod fuzz;
pub mod ir;
pub mod load;
pub mod naming;
pub mod output;
pub mod overlay;
pub mod resolve;
pub mod update;
pub mod vocabulary;

use std::path::{Path, PathBuf};

use config::Job;
use diagnostics::{Error, Location, Warning};
use format::RenderedCrate;
use resolve::drafts::Draft;

/// The root of this workspace (where `spec/` and `generated/` live).
pub fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask is one level below the root").to_path_buf()
}

/// The output of a successful run, not yet written.
#[derive(Debug)]
pub struct Generated {
    pub files: RenderedCrate,
    pub warnings: Vec<Warning>,
    /// The type model the files were emitted from.
    pub space: ir::TypeSpace,
}

/// The type model of a job (stages 1 to 4), and the warnings on the way.
#[derive(Debug)]
pub struct Modelled {
    pub space: ir::TypeSpace,
    pub warnings: Vec<Warning>,
}

/// The stack `generate` runs on. The parsers stop at 128 levels of nesting,
/// but a schema nested that deep (122 levels of nullable arrays fit in a
/// 5 KB file) becomes a type nested twice as deep, and syn and prettyplease
/// recurse through it: a debug build needs between 8 and 16 MiB, more than a
/// main thread (8 MiB on Linux, 1 MiB on Windows) or a spawned one (2 MiB) has.
/// Only the pages used are committed, so a generous reservation costs nothing.
const GENERATE_STACK: usize = 64 << 20;

/// Runs stages 1 to 6. Writes nothing.
///
/// Runs on a thread of its own with [`GENERATE_STACK`], so that no spec,
/// however deeply nested, overflows the caller's stack and aborts it.
pub fn generate(job: &Job) -> Result<Generated, Error> {
    on_big_stack(|| {
        let Modelled { space, warnings } = model_here(job)?;
        let options = emit::EmitOptions {
            crate_name: job.crate_name.clone(),
            crate_version: job.crate_version.clone(),
            spec_display: job.spec_display.clone(),
            overlay_display: job.overlay_display.clone(),
        };
        let emitted = emit::emit_all_but_types(&space, &options)?;
        let mut files = format::render(emitted, &job.spec_display);
        let types = types_in_parallel(&space)?;
        files.insert(emit::TYPES_PATH.to_owned(), format::render_parts(types, &job.spec_display));
        Ok(Generated { files, warnings, space })
    })
}

/// `src/types.rs`, most of the work, emitted and formatted in as many
/// parts as there are cores (each part on a thread of its own, with
/// [`GENERATE_STACK`]); the parts, in order, are the file.
fn types_in_parallel(space: &ir::TypeSpace) -> Result<Vec<String>, Error> {
    let parts = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8).min(space.types.len().max(1));
    on_big_stacks(parts, |index| emit::types_part(space, index, parts).map(format::unparse_spaced))
        .into_iter()
        .collect()
}

/// Runs stages 1 to 4: what `spec diff` compares. Writes nothing.
pub fn model(job: &Job) -> Result<Modelled, Error> {
    on_big_stack(|| model_here(job))
}

/// Runs `work` on a thread of its own with [`GENERATE_STACK`], so that no
/// spec, however deeply nested, overflows the caller's stack and aborts it.
fn on_big_stack<T: Send>(work: impl Fn() -> Result<T, Error> + Sync) -> Result<T, Error> {
    on_big_stacks(1, |_| work()).pop().expect("one job, one result")
}

/// Runs `work(0)` to `work(jobs - 1)` each on a thread of its own with
/// [`GENERATE_STACK`], and returns their results in order. A job that gets
/// no thread runs on the caller's, whose stack is still fine for any spec
/// written by hand.
fn on_big_stacks<T: Send>(jobs: usize, work: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let work = &work;
    std::thread::scope(|scope| {
        let threads: Vec<_> = (0..jobs)
            .map(|index| {
                std::thread::Builder::new().stack_size(GENERATE_STACK).spawn_scoped(scope, move || work(index))
            })
            .collect();
        threads
            .into_iter()
            .enumerate()
            .map(|(index, thread)| match thread {
                Ok(thread) => thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                Err(_) => work(index),
            })
            .collect()
    })
}

/// The type a bare JSON Schema document becomes is named by its `title`,
/// else by its file's stem.
fn bare_root_name(document: &serde_json::Value, spec: &Path) -> String {
    match document.get("title").and_then(serde_json::Value::as_str) {
        Some(title) => title.to_owned(),
        None => spec.file_stem().map_or("Root".to_owned(), |stem| stem.to_string_lossy().into_owned()),
    }
}

fn model_here(job: &Job) -> Result<Modelled, Error> {
    // Diagnostics name files as the user did, not by absolute path.
    let spec_name = PathBuf::from(&job.spec_display);
    let (mut document, sources) = match &job.document {
        Some(document) => (document.clone(), load::Sources::default()),
        None => load::load_spec(&job.spec, &job.spec_display, job.ref_root.as_deref())?,
    };
    // A problem in a part read from another file names that file.
    let locate = |location: Location| sources.locate(location).in_file(&spec_name);
    let in_spec = |e: Error| Error { location: locate(e.location), ..e };
    let mut warnings = Vec::new();
    for (path, name) in job.overlays.iter().zip(&job.overlay_display) {
        let name = PathBuf::from(name);
        let overlay = overlay::Overlay::load(path)
            .map_err(|e| Error { location: Location { file: Some(name.clone()), ..e.location }, ..e })?;
        let applied = overlay.apply(&mut document, job.strict_overlays).map_err(|e| e.in_file(&name))?;
        warnings.extend(applied.into_iter().map(|w| Warning { location: w.location.in_file(&name), ..w }));
    }
    let mut resolved = match resolve::is_bare_json_schema(&document, job.draft.is_some()) {
        true => {
            let options = resolve::JsonSchemaOptions { draft: job.draft.unwrap_or(Draft::Draft2020), remotes: None };
            resolve::resolve_json_schema(&document, &bare_root_name(&document, &job.spec), &options)
        }
        false => resolve::resolve(&document, &job.roots),
    }
    .map_err(in_spec)?;
    resolved.assert_formats |= job.assert_formats;
    let (space, built) = ir::build(&resolved).map_err(in_spec)?;
    warnings.extend(built.into_iter().map(|w| Warning { location: locate(w.location), ..w }));
    // A part inlined in several places is one place in its file: warn once.
    // An allowed warning is neither printed nor denied.
    let mut seen = std::collections::BTreeSet::new();
    warnings.retain(|w| !job.allow.contains(&w.code) && seen.insert(w.to_string()));
    if job.deny_warnings
        && let Some(first) = warnings.first()
    {
        let message = format!("{} (warnings are errors: --deny-warnings; {} in all)", first.message, warnings.len());
        // The warning's code, whose kind is `DeniedWarning`: it is what `allow` takes.
        return Err(Error::new(first.code, message, first.location.clone()));
    }
    Ok(Modelled { space, warnings })
}
