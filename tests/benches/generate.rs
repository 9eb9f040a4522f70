//! Code generation time, split by pipeline stage (see `xtask::generate`):
//! parse (`load::load_file`), resolve, ir, emit and format, plus the whole
//! pipeline as `total`.
//!
//! - `generate/fragment/*`: `spec/codegen.toml`'s job (the realtime session
//!   fragment, its overlay, root `RealtimeSession`); `overlay` is timed apart.
//! - `generate/2025/*`, `generate/2026/*`: every schema of each upstream
//!   spec in `../shared/upstream` (skipped with a message if it is missing).
//! - `generate/2026-{quarter,half,all}/*`: the 2026 spec with the first ¼, ½
//!   and all of its component schemas as named roots; the closure may pull in
//!   more, so the resolved schema count is printed to stderr. `total` there
//!   starts from the parsed document (parse does not depend on the roots).
//!
//! - `generate/large/{enum_5000,chain_3000}`: the stress specs of
//!   `tests/tests/odd_specs.rs` (a 5,000-value enum, 3,000 schemas chained
//!   by `$ref`), whole pipeline: nothing in it may be quadratic.
//!
//! Run: `cargo bench -p realtime-tests --bench generate`.

#[path = "../tests/common/mod.rs"]
mod common;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{
    BatchSize, BenchmarkGroup, Criterion, SamplingMode, criterion_group, criterion_main, measurement::WallTime,
};
use serde_json::Value;
use xtask::config::{Job, Overrides};
use xtask::emit::EmitOptions;
use xtask::resolve::Roots;

const UPSTREAM_2025: &str = "../shared/upstream/openai-openapi-2025-07-04.yaml";
const UPSTREAM_2026: &str = "../shared/upstream/openai-openapi-2026-08-21.yaml";

/// A job over a whole upstream spec, as `codegen --spec … --all` builds it.
fn whole_job(spec: &Path) -> Job {
    let overrides = Overrides {
        spec: Some(spec.to_path_buf()),
        all: true,
        out: Some(std::env::temp_dir().join("generate-bench")),
        crate_name: Some("whole".into()),
        ..Overrides::default()
    };
    Job::new(None, overrides).expect("the job resolves")
}

fn options(job: &Job) -> EmitOptions {
    EmitOptions {
        crate_name: job.crate_name.clone(),
        crate_version: job.crate_version.clone(),
        spec_display: job.spec_display.clone(),
        overlay_display: job.overlay_display.clone(),
    }
}

fn apply_overlays(document: &mut Value, overlays: &[PathBuf]) {
    for overlay in overlays {
        xtask::overlay::Overlay::load(overlay).unwrap().apply(document, false).unwrap();
    }
}

/// resolve → ir → emit → format from a parsed (and overlaid) document.
fn from_document(document: &Value, roots: &Roots, options: &EmitOptions) -> xtask::format::RenderedCrate {
    let resolved = xtask::resolve::resolve(document, roots).unwrap();
    let (space, _) = xtask::ir::build(&resolved).unwrap();
    let emitted = xtask::emit::emit(&space, options).unwrap();
    xtask::format::render(emitted, &options.spec_display)
}

/// Benches resolve, ir, emit and format (each from the previous stage's
/// output, computed once) into `group`.
fn bench_stages(group: &mut BenchmarkGroup<'_, WallTime>, document: &Value, roots: &Roots, options: &EmitOptions) {
    let resolved = xtask::resolve::resolve(document, roots).unwrap();
    let (space, _) = xtask::ir::build(&resolved).unwrap();
    group.bench_function("resolve", |b| b.iter(|| xtask::resolve::resolve(black_box(document), roots).unwrap()));
    group.bench_function("ir", |b| b.iter(|| xtask::ir::build(black_box(&resolved)).unwrap()));
    group.bench_function("emit", |b| b.iter(|| xtask::emit::emit(black_box(&space), options).unwrap()));
    group.bench_function("format", |b| {
        b.iter_batched(
            || xtask::emit::emit(&space, options).unwrap(),
            |emitted| xtask::format::render(emitted, &options.spec_display),
            BatchSize::LargeInput,
        )
    });
}

/// Settings for groups whose iterations take up to seconds.
fn slow(group: &mut BenchmarkGroup<'_, WallTime>) {
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sampling_mode(SamplingMode::Flat);
}

fn fragment(c: &mut Criterion) {
    let job = common::default_job();
    let options = options(&job);
    let mut document = xtask::load::load_file(&job.spec).unwrap();
    let parsed = document.clone();
    apply_overlays(&mut document, &job.overlays);
    let mut group = c.benchmark_group("generate/fragment");
    group.bench_function("parse", |b| b.iter(|| xtask::load::load_file(black_box(&job.spec)).unwrap()));
    group.bench_function("overlay", |b| {
        b.iter_batched(
            || parsed.clone(),
            |mut document| {
                apply_overlays(&mut document, &job.overlays);
                document
            },
            BatchSize::SmallInput,
        )
    });
    bench_stages(&mut group, &document, &job.roots, &options);
    group.bench_function("total", |b| b.iter(|| xtask::generate(black_box(&job)).unwrap()));
    group.finish();
}

fn upstream(relative: &str) -> Option<PathBuf> {
    let path = xtask::project_root().join(relative);
    if path.is_file() {
        Some(path)
    } else {
        eprintln!("skipped: {} is missing (whole-spec benches need ../shared)", path.display());
        None
    }
}

fn whole(c: &mut Criterion) {
    for (label, relative) in [("2025", UPSTREAM_2025), ("2026", UPSTREAM_2026)] {
        let Some(spec) = upstream(relative) else { continue };
        let job = whole_job(&spec);
        let options = options(&job);
        let document = xtask::load::load_file(&spec).unwrap();
        let resolved = xtask::resolve::resolve(&document, &job.roots).unwrap();
        eprintln!("generate/{label}: {} schemas resolved", resolved.schemas.len());
        drop(resolved);
        let mut group = c.benchmark_group(format!("generate/{label}"));
        slow(&mut group);
        group.bench_function("parse", |b| b.iter(|| xtask::load::load_file(black_box(&spec)).unwrap()));
        bench_stages(&mut group, &document, &job.roots, &options);
        group.bench_function("total", |b| b.iter(|| xtask::generate(black_box(&job)).unwrap()));
        group.finish();
    }
}

fn scaling(c: &mut Criterion) {
    let Some(spec) = upstream(UPSTREAM_2026) else { return };
    let job = whole_job(&spec);
    let options = options(&job);
    let document = xtask::load::load_file(&spec).unwrap();
    let names: Vec<String> =
        document["components"]["schemas"].as_object().expect("components.schemas").keys().cloned().collect();
    for (label, count) in [("quarter", names.len() / 4), ("half", names.len() / 2), ("all", names.len())] {
        let roots = Roots::Named(names[..count].to_vec());
        let resolved = xtask::resolve::resolve(&document, &roots).unwrap();
        eprintln!(
            "generate/2026-{label}: {count} of {} roots, {} schemas resolved",
            names.len(),
            resolved.schemas.len()
        );
        drop(resolved);
        let mut group = c.benchmark_group(format!("generate/2026-{label}"));
        slow(&mut group);
        bench_stages(&mut group, &document, &roots, &options);
        group.bench_function("total", |b| b.iter(|| from_document(black_box(&document), &roots, &options)));
        group.finish();
    }
}

fn large(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let specs = common::write_large_specs(dir.path());
    let mut group = c.benchmark_group("generate/large");
    slow(&mut group);
    for (label, spec) in ["enum_5000", "chain_3000"].into_iter().zip(&specs) {
        let job = whole_job(spec);
        group.bench_function(label, |b| b.iter(|| xtask::generate(black_box(&job)).unwrap()));
    }
    group.finish();
}

criterion_group!(benches, fragment, whole, scaling, large);
criterion_main!(benches);
