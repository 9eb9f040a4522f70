//! `cargo xtask bench`: every speed figure `docs/performance.md` quotes,
//! and the README's one line on speed, measured in one run and written
//! between their `bench:` markers, so that no figure is copied by hand.
//!
//! - `parse`: `tests/bench`'s report mode (contenders interleaved, ratios
//!   with their spread);
//! - `generate`: the release generator on both whole upstream specs, run
//!   after one another in rounds, median and range of each;
//! - `compile` (with `--compile`, a few minutes): `cargo check` of
//!   the crates generated from the 2026 whole spec and from chains of
//!   1,000 to 3,000 `$ref`-linked objects.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::diagnostics::{Code, Error, Location};
use crate::project_root;

/// Rounds of the generation timing.
const ROUNDS: usize = 7;

/// The whole upstream specs, by label: (file in ../shared/upstream, schemas).
const WHOLE_SPECS: [(&str, &str, usize); 2] =
    [("2025-07-04", "openai-openapi-2025-07-04.yaml", 562), ("2026-08-21", "openai-openapi-2026-08-21.yaml", 1_422)];

fn io_error(what: &str, path: &Path, e: impl std::fmt::Display) -> Error {
    Error::new(Code::FileUnreadable, format!("{what} {}: {e}", path.display()), Location::default())
}

fn run(command: &mut Command) -> Result<(), Error> {
    let shown = format!("{command:?}");
    let status =
        command.status().map_err(|e| Error::new(Code::CommandFailed, format!("{shown}: {e}"), Location::default()))?;
    if status.success() {
        Ok(())
    } else {
        Err(Error::new(Code::CommandFailed, format!("{shown} failed: {status}"), Location::default()))
    }
}

/// The parse benchmark's report, as Markdown.
fn parse_report(root: &Path) -> Result<String, Error> {
    let report = root.join("target/bench/parse.md");
    std::fs::create_dir_all(report.parent().unwrap_or(root)).map_err(|e| io_error("cannot create", &report, e))?;
    run(Command::new(env!("CARGO"))
        .current_dir(root)
        .args(["bench", "--locked", "-p", "realtime-bench", "--bench", "parse"])
        .env("REALTIME_BENCH_REPORT", &report))?;
    std::fs::read_to_string(&report).map_err(|e| io_error("cannot read", &report, e))
}

/// The README's line on speed, from the parse report's table: over the
/// input classes, the range of each contender's ratio to typed parse +
/// `validate()` (columns 3 to 6 of a row).
fn summary(parse: &str) -> Option<String> {
    let rows: Vec<Vec<&str>> =
        parse.lines().filter(|line| line.starts_with("| `")).map(|line| line.split('|').collect()).collect();
    let range = |column: usize| -> Option<String> {
        let ratios = rows.iter().map(|row| row.get(column)?.trim().split('×').next()?.parse::<f64>().ok());
        let ratios: Vec<f64> = ratios.collect::<Option<_>>()?;
        let least = ratios.iter().copied().fold(f64::INFINITY, f64::min);
        let most = ratios.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        (!ratios.is_empty()).then(|| format!("{least:.2}–{most:.2}×"))
    };
    Some(format!(
        "Typed parse + `validate()` of real traffic is {} faster than `Value` + jsonschema ({} than its \
         compiled validator), {} as fast as async-openai, and takes {} the time of a bare scan.\n",
        range(3)?,
        range(4)?,
        range(5)?,
        range(6)?
    ))
}

/// Median, least and most of some seconds.
fn spread(mut seconds: Vec<f64>) -> (f64, f64, f64) {
    seconds.sort_by(f64::total_cmp);
    (seconds[seconds.len() / 2], seconds[0], seconds[seconds.len() - 1])
}

/// The generator, built in release mode.
fn release_xtask(root: &Path) -> Result<PathBuf, Error> {
    run(Command::new(env!("CARGO")).current_dir(root).args(["build", "--locked", "--release", "-p", "xtask"]))?;
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    Ok(target.join("release/xtask"))
}

/// The release generator's wall time on each whole spec.
fn generate_report(root: &Path) -> Result<String, Error> {
    let xtask = release_xtask(root)?;
    let target = root.join("target");
    let mut times = vec![Vec::new(); WHOLE_SPECS.len()];
    for _ in 0..ROUNDS {
        for (slot, (label, file, _)) in WHOLE_SPECS.iter().enumerate() {
            let out = target.join(format!("bench/whole-{label}"));
            let start = Instant::now();
            run(Command::new(&xtask)
                .current_dir(root)
                .args(["codegen", "--all", "--crate-name", "whole"])
                .arg("--spec")
                .arg(root.join("../shared/upstream").join(file))
                .arg("--out")
                .arg(&out)
                .stderr(std::process::Stdio::null()))?;
            times[slot].push(start.elapsed().as_secs_f64());
        }
    }
    let mut out = format!(
        "Generation of a whole upstream spec, every schema (`codegen --all`, release build, wall time of the process, \
         median of {ROUNDS} interleaved runs, range in brackets; target: the 2026 spec under 1 s):\n\n\
         | spec | schemas | time | per schema |\n|---|---|---|---|\n"
    );
    for ((label, _, schemas), seconds) in WHOLE_SPECS.iter().zip(times) {
        let (median, least, most) = spread(seconds);
        let _ = writeln!(
            out,
            "| {label} | {schemas} | {median:.2} s ({least:.2}–{most:.2}) | {:.2} ms |",
            median * 1_000.0 / *schemas as f64
        );
    }
    Ok(out)
}

/// The chains of `$ref`-linked objects whose check time is measured, by
/// length: the cost of a long spec of small schemas.
const CHAINS: [usize; 3] = [1_000, 2_000, 3_000];

/// `Link0` → `Link1` → … → `Link{length}`, each an object with one
/// constraint (`label`'s `maxLength`), so that each has a validator.
fn chain_spec(length: usize) -> String {
    let mut spec =
        String::from("openapi: 3.1.0\ninfo: {title: chain, version: \"1\"}\npaths: {}\ncomponents:\n  schemas:\n");
    for i in 0..length {
        let _ = write!(
            spec,
            "    Link{i}:\n      type: object\n      properties:\n        label: {{type: string, maxLength: 8}}\n        next: {{$ref: \"#/components/schemas/Link{}\"}}\n",
            i + 1
        );
    }
    let _ = writeln!(spec, "    Link{length}: {{type: string}}");
    spec
}

/// Seconds `cargo check` takes on `dir`'s crate alone: its dependencies
/// are checked first, then the crate again from scratch
/// (`CARGO_INCREMENTAL=0`, its own artifacts removed).
fn check_seconds(dir: &Path, target: &Path) -> Result<f64, Error> {
    let cargo = |args: &[&str]| {
        let mut command = Command::new(env!("CARGO"));
        command.current_dir(dir).args(args).env("CARGO_TARGET_DIR", target).env("CARGO_INCREMENTAL", "0");
        command
    };
    run(cargo(&["check", "--quiet"]).stderr(std::process::Stdio::null()))?;
    run(&mut cargo(&["clean", "--quiet", "-p", "bench-subject"]))?;
    let start = Instant::now();
    run(&mut cargo(&["check", "--quiet"]))?;
    Ok(start.elapsed().as_secs_f64())
}

/// `cargo check` of generated crates: the 2026 whole spec, and chains.
fn compile_report(root: &Path) -> Result<String, Error> {
    let xtask = release_xtask(root)?;
    let work = tempfile::tempdir().map_err(|e| io_error("cannot create", &std::env::temp_dir(), e))?;
    let check_target = root.join("target/bench/check");
    let generate = |spec: &Path, out: &Path| {
        run(Command::new(&xtask)
            .current_dir(root)
            .args(["codegen", "--all", "--crate-name", "bench-subject"])
            .arg("--spec")
            .arg(spec)
            .arg("--out")
            .arg(out)
            .stderr(std::process::Stdio::null()))
    };
    let mut out = String::from(
        "`cargo check` of a generated crate alone (debug, `CARGO_INCREMENTAL=0`, its dependencies already checked; one run each):\n\n\
         | crate | lines of `types.rs` | check | per 1,000 lines |\n|---|---|---|---|\n",
    );
    // Each crate, its spec, and the check time it must stay under, if any.
    let mut subjects = vec![(
        "2026-08-21 whole spec (target: under 75 s)".to_owned(),
        root.join("../shared/upstream/openai-openapi-2026-08-21.yaml"),
        Some(75.0),
    )];
    for length in CHAINS {
        let spec = work.path().join(format!("chain-{length}.yaml"));
        std::fs::write(&spec, chain_spec(length)).map_err(|e| io_error("cannot write", &spec, e))?;
        let target = (length == 3_000).then_some(60.0);
        subjects.push((format!("chain of {length} `$ref`-linked objects (target at 3,000: under 60 s)"), spec, target));
    }
    for (index, (label, spec, target)) in subjects.iter().enumerate() {
        let dir = work.path().join(format!("crate-{index}"));
        generate(spec, &dir)?;
        let types = dir.join("src/types.rs");
        let lines = std::fs::read_to_string(&types).map_err(|e| io_error("cannot read", &types, e))?.lines().count();
        let seconds = check_seconds(&dir, &check_target)?;
        let missed = if target.is_some_and(|target| seconds >= target) { " ✗" } else { "" };
        let per_thousand = seconds * 1000.0 / lines.max(1) as f64;
        let _ = writeln!(out, "| {label} | {lines} | {seconds:.0} s{missed} | {per_thousand:.2} s |");
    }
    Ok(out)
}

/// Replaces what lies between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`.
fn splice(text: &str, name: &str, body: &str) -> Option<String> {
    let (open, close) = (format!("<!-- bench:{name} -->\n"), format!("<!-- /bench:{name} -->"));
    let start = text.find(&open)? + open.len();
    let end = start + text[start..].find(&close)?;
    Some(format!("{}{body}{}", &text[..start], &text[end..]))
}

/// Runs every benchmark and writes the figures into `docs/performance.md`
/// (or, with `write: false`, only prints them).
pub fn run_all(write: bool, compile: bool, out: &mut dyn std::io::Write) -> Result<(), Error> {
    let root = project_root();
    let stamp = "Measured by `cargo xtask bench`";
    let mut sections = vec![("parse", parse_report(&root)?), ("generate", generate_report(&root)?)];
    if compile {
        sections.push(("compile", compile_report(&root)?));
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut pages = vec![("docs/performance.md", Vec::new()), ("README.md", Vec::new())];
    for (name, body) in sections {
        let _ = writeln!(out, "{body}");
        if name == "parse" {
            let line = summary(&body).ok_or_else(|| {
                Error::new(Code::CommandFailed, "the parse report has no ratios to sum up", Location::default())
            })?;
            let _ = writeln!(out, "{line}");
            pages[1].1.push(("summary", line));
        }
        pages[0].1.push((name, format!("{stamp} on {cores} cores.\n\n{body}")));
    }
    for (page, sections) in pages {
        let page = root.join(page);
        let mut text = std::fs::read_to_string(&page).map_err(|e| io_error("cannot read", &page, e))?;
        for (name, body) in sections {
            text = splice(&text, name, &body).ok_or_else(|| {
                let message = format!("no `<!-- bench:{name} -->` ... `<!-- /bench:{name} -->`");
                Error::new(Code::BenchMarkersMissing, message, Location::default()).in_file(&page)
            })?;
        }
        if write {
            std::fs::write(&page, text).map_err(|e| io_error("cannot write", &page, e))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn splice_replaces_only_between_markers() {
        let text = "a\n<!-- bench:x -->\nold\n<!-- /bench:x -->\nb";
        assert_eq!(super::splice(text, "x", "new\n").unwrap(), "a\n<!-- bench:x -->\nnew\n<!-- /bench:x -->\nb");
        assert_eq!(super::splice(text, "y", "new\n"), None);
    }

    #[test]
    fn the_summary_gives_each_contenders_range_over_the_classes() {
        let report = "| inputs | typed | js | macro | ao | floor | adds |\n|---|---|---|---|---|---|---|\n\
                      | `a`: x | 1.0 µs | 2.00× (1.9–2.1) ✗ | 1.50× (1–2) ✗ | 1.25× (1–2) | 4.00× (3–5) ✗ | +1% |\n\
                      | `b`: y | 1.0 µs | 3.04× (3.0–3.1) | 2.60× (2–3) | 0.95× (0.9–1) ✗ | 1.36× (1–2) | -1% |\n\
                      | beta sessions with one fault each (45) | 1.0 µs | 0.2 µs | 0.19× (0.19–0.20) |\n";
        assert_eq!(
            super::summary(report).unwrap(),
            "Typed parse + `validate()` of real traffic is 2.00–3.04× faster than `Value` + jsonschema \
             (1.50–2.60× than its compiled validator), 0.95–1.25× as fast as async-openai, and takes 1.36–4.00× the \
             time of a bare scan.\n"
        );
    }
}
