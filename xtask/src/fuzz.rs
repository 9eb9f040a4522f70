//! `cargo xtask fuzz`: runs the cargo-fuzz targets of `fuzz/` for a while
//! each, on stable Rust.
//!
//! For each target: `cargo fuzz run TARGET -s none corpus/TARGET SEEDS... --
//! -max_total_time=SECONDS -artifact_prefix=artifacts/TARGET/`, in `fuzz/`.
//! `-s none` builds without a sanitizer, so cargo-fuzz needs no nightly `-Z`
//! flags (a panic still aborts and is reported). The corpus grows in
//! `fuzz/corpus/TARGET/` (git-ignored); the seed directories after it are
//! read, never written. A crash is saved in `fuzz/artifacts/TARGET/` and
//! stops the run.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::diagnostics::{Code, Error, Location};

/// A cargo-fuzz target of `fuzz/Cargo.toml`, and what it is seeded with.
pub struct Target {
    pub name: &'static str,
    /// Seed directories, relative to `fuzz/`, read in place.
    seeds: &'static [&'static str],
    /// Seed directories outside the checkout (`../shared`), used when present.
    shared_seeds: &'static [&'static str],
    /// libFuzzer options beyond the time limit and the artifact prefix.
    options: &'static [&'static str],
}

/// Every target, in the order a run without names takes them.
pub const TARGETS: &[Target] = &[
    Target {
        name: "spec",
        seeds: &["../tests/fixtures/specs", "../tests/fuzz-regressions/spec"],
        shared_seeds: &[],
        options: &[],
    },
    Target {
        name: "payloads",
        seeds: &["seeds/payloads", "../tests/fuzz-regressions/payloads"],
        // Real servers' events, read in place (../shared is never copied in).
        shared_seeds: &["../../shared/realtime-captures"],
        options: &["-dict=payloads.dict"],
    },
];

/// The names of [`TARGETS`], for the command line.
pub fn target_names() -> Vec<&'static str> {
    TARGETS.iter().map(|t| t.name).collect()
}

/// One command, run in `dir` (relative to the project root).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub dir: &'static str,
    pub program: &'static str,
    pub args: Vec<String>,
}

impl fmt::Display for Step {
    /// As a shell line run from the project root.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.dir.is_empty() {
            write!(f, "(cd {} && ", self.dir)?;
        }
        write!(f, "{}", self.program)?;
        for arg in &self.args {
            write!(f, " {arg}")?;
        }
        if !self.dir.is_empty() {
            write!(f, ")")?;
        }
        Ok(())
    }
}

impl Step {
    fn command(&self, root: &Path) -> Command {
        // `cargo` is the cargo that runs xtask, so `cargo fuzz` finds the same toolchain.
        let program = if self.program == "cargo" { env!("CARGO") } else { self.program };
        let mut command = Command::new(program);
        command.current_dir(root.join(self.dir)).args(&self.args);
        command
    }
}

/// The command that installs cargo-fuzz.
pub fn install_step() -> Step {
    Step { dir: "", program: "cargo", args: ["install", "--locked", "cargo-fuzz"].map(String::from).to_vec() }
}

/// The `cargo fuzz run` of `target` for `seconds`, with the seed
/// directories that exist under `root`.
pub fn run_step(root: &Path, target: &Target, seconds: u64) -> Step {
    let fuzz = root.join("fuzz");
    let mut args: Vec<String> = ["fuzz", "run", target.name, "-s", "none"].map(String::from).to_vec();
    // The first corpus directory is the one libFuzzer writes to.
    args.push(format!("corpus/{}", target.name));
    args.extend(target.seeds.iter().map(|s| s.to_string()));
    args.extend(target.shared_seeds.iter().filter(|s| fuzz.join(s).is_dir()).map(|s| s.to_string()));
    args.push("--".into());
    args.push(format!("-max_total_time={seconds}"));
    args.push(format!("-artifact_prefix=artifacts/{}/", target.name));
    args.extend(target.options.iter().map(|o| o.to_string()));
    Step { dir: "fuzz", program: "cargo", args }
}

/// What `cargo xtask fuzz` was asked for.
pub struct Options {
    pub seconds: u64,
    /// Target names, already checked against [`TARGETS`]; empty is all.
    pub targets: Vec<String>,
    /// Print the commands; run nothing.
    pub dry_run: bool,
}

fn io_error(what: String, e: impl fmt::Display) -> Error {
    Error::new(Code::CommandFailed, format!("{what}: {e}"), Location::default())
}

/// Whether `cargo fuzz` runs.
fn cargo_fuzz_installed() -> bool {
    Command::new(env!("CARGO")).args(["fuzz", "--version"]).output().is_ok_and(|out| out.status.success())
}

/// Runs (or, with `dry_run`, prints) the install if needed and each target.
/// Returns 0 when every target ran its time without a crash, 1 on a crash.
pub fn run(root: &Path, options: &Options, stdout: &mut dyn Write, stderr: &mut dyn Write) -> Result<u8, Error> {
    let targets: Vec<&Target> = if options.targets.is_empty() {
        TARGETS.iter().collect()
    } else {
        options
            .targets
            .iter()
            .map(|name| {
                TARGETS.iter().find(|t| t.name == name).ok_or_else(|| {
                    Error::new(
                        Code::UnknownFuzzTarget,
                        format!("unknown fuzz target `{name}` (expected one of {})", target_names().join(", ")),
                        Location::default(),
                    )
                })
            })
            .collect::<Result<_, _>>()?
    };
    if !cargo_fuzz_installed() {
        let install = install_step();
        let _ = writeln!(stderr, "cargo-fuzz is missing; installing it: {install}");
        if options.dry_run {
            let _ = writeln!(stdout, "{install}");
        } else {
            let status = install.command(root).status().map_err(|e| io_error(install.to_string(), e))?;
            if !status.success() {
                return Err(io_error(install.to_string(), status));
            }
        }
    }
    for target in targets {
        let step = run_step(root, target, options.seconds);
        if options.dry_run {
            let _ = writeln!(stdout, "{step}");
            continue;
        }
        for dir in [format!("corpus/{}", target.name), format!("artifacts/{}", target.name)] {
            let dir: PathBuf = root.join("fuzz").join(dir);
            std::fs::create_dir_all(&dir).map_err(|e| io_error(format!("cannot create {}", dir.display()), e))?;
        }
        let _ = writeln!(stderr, "== fuzzing {} for {}s: {step}", target.name, options.seconds);
        let status = step.command(root).status().map_err(|e| io_error(step.to_string(), e))?;
        if !status.success() {
            let name = target.name;
            let _ = writeln!(
                stderr,
                "error: fuzz target `{name}` stopped ({status}): a crash, or a build that failed (read above).\n\
                 A crash is saved in fuzz/artifacts/{name}/. Reproduce it with\n    \
                 (cd fuzz && cargo fuzz run {name} -s none artifacts/{name}/FILE)\n\
                 then copy FILE to tests/fuzz-regressions/{name}/ under a name that says what it is \
                 (and a line in tests/fuzz-regressions/README.md): `cargo test -p realtime-tests --test fuzz_inputs` \
                 replays it from then on."
            );
            return Ok(1);
        }
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_seeds_from_the_fixtures_and_keeps_crashes_per_target() {
        let root = tempfile::tempdir().unwrap();
        let step = run_step(root.path(), &TARGETS[1], 30);
        assert_eq!(
            step.to_string(),
            "(cd fuzz && cargo fuzz run payloads -s none corpus/payloads seeds/payloads \
             ../tests/fuzz-regressions/payloads -- -max_total_time=30 -artifact_prefix=artifacts/payloads/ \
             -dict=payloads.dict)"
        );
    }

    #[test]
    fn the_captures_beside_the_checkout_are_seeds_when_present() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("project");
        std::fs::create_dir_all(root.join("fuzz")).unwrap();
        let captures = "../../shared/realtime-captures".to_string();
        assert!(!run_step(&root, &TARGETS[1], 30).args.contains(&captures));
        std::fs::create_dir_all(tmp.path().join("shared/realtime-captures")).unwrap();
        let args = run_step(&root, &TARGETS[1], 30).args;
        let at = args.iter().position(|a| *a == captures).expect("the captures are a seed");
        assert!(at < args.iter().position(|a| a == "--").unwrap(), "a corpus directory, not a libFuzzer option");
    }

    #[test]
    fn every_seed_directory_exists() {
        let fuzz = crate::project_root().join("fuzz");
        for target in TARGETS {
            for seed in target.seeds {
                assert!(fuzz.join(seed).is_dir(), "{}: {seed}", target.name);
            }
        }
    }

    #[test]
    fn the_targets_are_those_of_the_fuzz_package() {
        let manifest = std::fs::read_to_string(crate::project_root().join("fuzz/Cargo.toml")).unwrap();
        let manifest: toml::Table = manifest.parse().unwrap();
        let bins: Vec<&str> = manifest["bin"].as_array().unwrap().iter().map(|b| b["name"].as_str().unwrap()).collect();
        assert_eq!(bins, target_names());
    }
}
