//! The command line: `cargo xtask codegen`, `cargo xtask spec
//! extract|update|diff`, `cargo xtask conformance`, `cargo xtask bench` and
//! `cargo xtask fuzz`.
//!
//! Exit codes: 0 success, 1 drift (`--check`), a wrong conformance
//! verdict or a fuzz target that stopped (a crash), 2 an error (bad input, bad arguments, or a file that cannot be
//! read or written).

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::config::{CodegenConfig, Job, Overrides};
use crate::diagnostics::{Code, Error, Location};
use crate::diff::Format;
use crate::extract::{self, Provenance};
use crate::resolve::drafts::Draft;
use crate::{diff, output, project_root, update};

#[derive(Debug, Parser)]
#[command(
    name = "xtask",
    about = "Generates and checks the realtime-types crate (run as `cargo xtask COMMAND`).",
    after_help = "`cargo xtask COMMAND --help` says more about each command; docs/generator.md and docs/testing.md \
                  say more still."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Generate the crates (by default: every job of spec/codegen.toml); with --check, write nothing and fail if one is stale.
    Codegen(CodegenArgs),
    /// Work with spec files: extract a fragment of a large spec, update the fragment from a newer upstream file, diff two specs.
    #[command(subcommand)]
    Spec(SpecCommand),
    /// Run one draft of the JSON Schema Test Suite through the generator and compare every verdict with the suite's.
    Conformance(ConformanceArgs),
    /// Measure parsing (realtime-types against jsonschema and async-openai) and generation, and write the figures into docs/performance.md.
    ///
    /// Takes a few minutes: builds tests/bench and the generator in release mode,
    /// then times every contender in interleaved rounds. Run it on an otherwise idle machine.
    Bench {
        /// Print the figures only; leave docs/performance.md as it is.
        #[arg(long)]
        print_only: bool,
        /// Also time `cargo check` of generated crates (the 2026 whole spec, long `$ref` chains): a few minutes more.
        #[arg(long)]
        compile: bool,
    },
    /// Fuzz the generator and the generated types with cargo-fuzz (libFuzzer), each target for a while.
    #[command(long_about = FUZZ_ABOUT, after_long_help = FUZZ_AFTER)]
    Fuzz(FuzzArgs),
}

const FUZZ_ABOUT: &str = "\
Fuzz the generator and the generated types with cargo-fuzz (libFuzzer), each target for a while.

Targets (fuzz/fuzz_targets/):
  spec      any bytes, as spec.yaml and spec.json, through the generator (--all): Ok or Err, never a panic
  payloads  any bytes into every type of realtime-types and realtime-types-2026: what parses validates,
            serializes and reads back the same

For each target it runs, in fuzz/ (installing cargo-fuzz first if `cargo fuzz` is missing):
  cargo fuzz run TARGET -s none corpus/TARGET SEEDS... -- -max_total_time=SECONDS -artifact_prefix=artifacts/TARGET/
`-s none` (no sanitizer) works on stable Rust. The corpus grows in fuzz/corpus/TARGET/ (git-ignored); the seeds \
(tests/fixtures/specs/, fuzz/seeds/payloads/, tests/fuzz-regressions/TARGET/ and ../shared/realtime-captures/) are \
read in place.";

const FUZZ_AFTER: &str = "\
A crash stops the run (exit 1) and is saved in fuzz/artifacts/TARGET/. To keep it as a regression test:
  1. reproduce it:  (cd fuzz && cargo fuzz run TARGET -s none artifacts/TARGET/crash-...)
  2. copy it to tests/fuzz-regressions/TARGET/ under a name that says what it is, with a line in
     tests/fuzz-regressions/README.md;
  3. fix the bug: `cargo test -p realtime-tests --test fuzz_inputs` replays every file there from then on.

Examples:
  cargo xtask fuzz                           every target, 60 s each
  cargo xtask fuzz payloads --seconds 300    one target, 5 minutes
  cargo xtask fuzz --dry-run                 print the commands, run nothing";

#[derive(Debug, Args)]
struct FuzzArgs {
    /// The targets to run, in order [default: all]
    #[arg(value_name = "TARGET", value_parser = clap::builder::PossibleValuesParser::new(crate::fuzz::target_names()))]
    targets: Vec<String>,
    /// How long each target runs.
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    seconds: u64,
    /// Print the commands it would run (the install, if cargo-fuzz is missing, and each target's); run nothing.
    #[arg(long)]
    dry_run: bool,
}

#[derive(Debug, Args)]
struct ConformanceArgs {
    /// The suite's directory for one draft (e.g. ../shared/json-schema-test-suite/draft2020-12).
    #[arg(long, value_name = "DIR")]
    suite: PathBuf,
    /// Where to write and build the generated crate [default: target/conformance].
    #[arg(long, value_name = "DIR")]
    work: Option<PathBuf>,
    /// Fail if any file has fewer agreeing cases than in this earlier report.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// List refused groups and why, on stderr.
    #[arg(long)]
    verbose: bool,
    /// The draft of schemas without `$schema`: 4, 6, 7, 2019-09 or 2020-12 [default: from the suite directory's name].
    #[arg(long, value_name = "DRAFT", value_parser = parse_draft)]
    draft: Option<Draft>,
    /// Serve this directory (the suite's `remotes/`) for http://localhost:1234/, from disk.
    #[arg(long, value_name = "DIR")]
    remotes: Option<PathBuf>,
}

fn parse_draft(name: &str) -> Result<Draft, String> {
    Draft::from_name(name).ok_or_else(|| format!("unknown draft `{name}` (expected one of {})", Draft::names()))
}

#[derive(Debug, Args)]
struct CodegenArgs {
    /// Write nothing; exit 1 with a diff if the output is out of date.
    #[arg(long)]
    check: bool,
    /// The config file [default: spec/codegen.toml in the project root].
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Only the config's job for this crate (its `crate_name`).
    #[arg(long, value_name = "CRATE", conflicts_with = "spec")]
    job: Option<String>,
    /// Generate from this OpenAPI file instead of the config's (needs --out, and --root or --all).
    #[arg(long, value_name = "FILE")]
    spec: Option<PathBuf>,
    /// Apply this OpenAPI Overlay after loading (repeatable, in order).
    #[arg(long = "overlay", value_name = "FILE")]
    overlays: Vec<PathBuf>,
    /// Generate this schema and everything it references (repeatable).
    #[arg(long = "root", value_name = "NAME")]
    roots: Vec<String>,
    /// Generate every schema in components.schemas.
    #[arg(long, conflicts_with = "roots")]
    all: bool,
    /// The output crate directory.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// The output crate's package name.
    #[arg(long, value_name = "NAME")]
    crate_name: Option<String>,
    /// Treat warnings about spec defects as errors.
    #[arg(long)]
    deny_warnings: bool,
    /// Neither print nor deny the warning of this code, such as W0100 (repeatable).
    #[arg(long = "allow", value_name = "CODE")]
    allow: Vec<String>,
    /// Let `$ref`s read files anywhere below this directory [default: the spec's directory].
    #[arg(long, value_name = "DIR")]
    ref_root: Option<PathBuf>,
    /// Validate `format`s (date-time, email, uri, ...); otherwise they are annotations.
    #[arg(long)]
    assert_formats: bool,
    /// Read --spec as a bare JSON Schema of this draft (4, 6, 7, 2019-09, 2020-12) where it has no `$schema`.
    #[arg(long, value_name = "DRAFT", value_parser = parse_draft)]
    draft: Option<Draft>,
}

#[derive(Debug, Subcommand)]
enum SpecCommand {
    /// Copy named schemas and their $ref closure into a standalone fragment.
    Extract {
        #[arg(long, value_name = "FILE")]
        from: PathBuf,
        #[arg(long = "root", value_name = "NAME", required = true)]
        roots: Vec<String>,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// Where the file came from (repository, commit, path), for the header.
        #[arg(long, value_name = "TEXT")]
        source: Option<String>,
    },
    /// Re-extract a fragment from a newer upstream file, regenerate every job, and report what changed.
    ///
    /// The fragment's header names the roots to extract. Overlays are kept and
    /// must still apply: an action that matches nothing is an error. Nothing is
    /// written unless every job generates.
    Update {
        /// The newer upstream file.
        #[arg(long, value_name = "FILE")]
        from: PathBuf,
        /// Where it came from (repository, commit, path), for the header.
        #[arg(long, value_name = "TEXT")]
        source: Option<String>,
        /// The fragment to replace [default: spec/realtime.yaml].
        #[arg(long, value_name = "FILE")]
        fragment: Option<PathBuf>,
        /// The config [default: spec/codegen.toml in the project root].
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// Also set the version of each crate built from the fragment by the report's verdict.
        #[arg(long)]
        bump: bool,
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Report what changes for users of the generated crate between two specs.
    ///
    /// Ends with `semver: major`, `semver: minor` or `semver: patch`.
    Diff {
        /// The old spec.
        old: PathBuf,
        /// The new spec.
        new: PathBuf,
        /// Apply this overlay to the old spec (repeatable, in order).
        #[arg(long = "old-overlay", value_name = "FILE")]
        old_overlays: Vec<PathBuf>,
        /// Apply this overlay to the new spec (repeatable, in order).
        #[arg(long = "new-overlay", value_name = "FILE")]
        new_overlays: Vec<PathBuf>,
        /// Compare this schema and everything it references (repeatable).
        #[arg(long = "root", value_name = "NAME")]
        roots: Vec<String>,
        /// Compare every schema in components.schemas.
        #[arg(long, conflicts_with = "roots")]
        all: bool,
        #[command(flatten)]
        report: ReportArgs,
    },
}

/// How to print a change report.
#[derive(Debug, Args)]
struct ReportArgs {
    /// `human` (one line per change) or `json`.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// Also list the changed descriptions (otherwise only counted).
    #[arg(long)]
    verbose: bool,
}

pub fn main() -> ExitCode {
    let code = run(std::env::args_os(), &mut std::io::stdout(), &mut std::io::stderr());
    ExitCode::from(code)
}

/// Runs the command line in-process: `args` includes the program name.
/// Returns the exit code; diffs go to `stdout`, everything else to `stderr`.
pub fn run<I, T>(args: I, stdout: &mut dyn Write, stderr: &mut dyn Write) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            // `--help` and `--version` are the output asked for; a usage error is not.
            if e.use_stderr() {
                // clap writes `error: ...`; give it its code, as every error has.
                let text = e.render().to_string();
                let code = crate::diagnostics::Code::BadArguments;
                let text = match text.strip_prefix("error:") {
                    Some(rest) => format!("error[{code}]:{rest}"),
                    None => text,
                };
                let _ = write!(stderr, "{text}");
                return 2;
            }
            let _ = write!(stdout, "{}", e.render());
            return 0;
        }
    };
    let result = match cli.command {
        Command::Codegen(args) => codegen(args, stdout, stderr),
        Command::Bench { print_only, compile } => crate::bench::run_all(!print_only, compile, stdout).map(|()| 0),
        Command::Fuzz(args) => {
            let options = crate::fuzz::Options { seconds: args.seconds, targets: args.targets, dry_run: args.dry_run };
            crate::fuzz::run(&project_root(), &options, stdout, stderr)
        }
        Command::Conformance(args) => {
            let options = crate::conformance::Options {
                suite: args.suite,
                work: args.work.unwrap_or_else(|| project_root().join("target/conformance")),
                baseline: args.baseline,
                verbose: args.verbose,
                draft: args.draft,
                remotes: args.remotes,
            };
            crate::conformance::run(&options, stdout, stderr)
        }
        Command::Spec(SpecCommand::Extract { from, roots, out, source }) => {
            extract::run(&from, &roots, &out, &Provenance { source }).map(|()| {
                let _ = writeln!(stderr, "wrote {}", out.display());
                0
            })
        }
        Command::Spec(SpecCommand::Update { from, source, fragment, config, bump, report }) => {
            let root = project_root();
            let request = update::Request {
                from,
                fragment: fragment.unwrap_or_else(|| root.join("spec/realtime.yaml")),
                config: config.unwrap_or_else(|| root.join("spec/codegen.toml")),
                source,
                bump,
            };
            update::run(&request).map(|outcome| {
                for (name, old, new) in &outcome.bumped {
                    let _ = writeln!(stderr, "{name}: version {old} → {new}");
                }
                for path in &outcome.written {
                    let _ = writeln!(stderr, "wrote {}", path.display());
                }
                let many = outcome.reports.len() > 1;
                for (name, changes) in &outcome.reports {
                    if many {
                        let _ = writeln!(stdout, "== {name}");
                    }
                    let _ = write!(stdout, "{}", changes.render(report.format, report.verbose));
                }
                0
            })
        }
        Command::Spec(SpecCommand::Diff { old, new, old_overlays, new_overlays, roots, all, report }) => {
            spec_diff([(old, old_overlays), (new, new_overlays)], roots, all).map(|changes| {
                let _ = write!(stdout, "{}", changes.render(report.format, report.verbose));
                0
            })
        }
    };
    result.unwrap_or_else(|error| {
        let _ = writeln!(stderr, "{error}");
        2
    })
}

/// The report between the models of two specs, each with its overlays.
fn spec_diff(specs: [(PathBuf, Vec<PathBuf>); 2], roots: Vec<String>, all: bool) -> Result<diff::Report, Error> {
    let [old, new] = specs.map(|(spec, overlays)| {
        let overrides = Overrides {
            spec: Some(spec),
            overlays,
            roots: roots.clone(),
            all,
            // Nothing is written: these only satisfy the job's checks.
            out: Some(PathBuf::from("unused")),
            crate_name: Some("compared".into()),
            deny_warnings: false,
            ref_root: None,
            assert_formats: false,
            draft: None,
            allow: Vec::new(),
        };
        Job::new(None, overrides).and_then(|job| crate::model(&job))
    });
    Ok(diff::compare(&old?.space, &new?.space))
}

fn codegen(args: CodegenArgs, stdout: &mut dyn Write, stderr: &mut dyn Write) -> Result<u8, Error> {
    let root = project_root();
    let config_path = args.config.clone().unwrap_or_else(|| root.join("spec/codegen.toml"));
    let config =
        if args.config.is_some() || args.spec.is_none() { Some(CodegenConfig::load(&config_path)?) } else { None };
    let config_root = config_path.parent().and_then(|p| p.parent()).map(PathBuf::from).unwrap_or_else(|| root.clone());
    let overrides = Overrides {
        spec: args.spec,
        overlays: args.overlays,
        roots: args.roots,
        all: args.all,
        out: args.out,
        crate_name: args.crate_name,
        deny_warnings: args.deny_warnings,
        ref_root: args.ref_root,
        assert_formats: args.assert_formats,
        draft: args.draft,
        allow: args.allow,
    };
    let jobs = match (&config, &overrides.spec) {
        (Some(config), None) => {
            let selected = config.select(args.job.as_deref())?;
            let overridden = !overrides.overlays.is_empty()
                || !overrides.roots.is_empty()
                || overrides.all
                || overrides.out.is_some()
                || overrides.crate_name.is_some();
            if overridden && selected.len() > 1 {
                return Err(Error::new(
                    Code::OverrideNeedsJob,
                    "--overlay, --root, --all, --out and --crate-name change one job: name it with --job",
                    Location::default(),
                ));
            }
            selected
                .into_iter()
                .map(|job| Job::new(Some((job, config_root.as_path())), overrides.clone()))
                .collect::<Result<Vec<_>, _>>()?
        }
        _ => vec![Job::new(None, overrides)?],
    };
    // Generate every job before writing any, so that a job that fails
    // leaves every crate as it was.
    let mut generated = Vec::new();
    for job in &jobs {
        let crate_ = crate::generate(job)?;
        for warning in &crate_.warnings {
            let _ = writeln!(stderr, "{warning}");
        }
        generated.push(crate_);
    }
    if args.check {
        let mut stale = 0;
        for (job, crate_) in jobs.iter().zip(&generated) {
            match output::check(&crate_.files, &job.out)? {
                None => {
                    let _ = writeln!(stderr, "{} is up to date", job.out.display());
                }
                Some(drift) => {
                    report_drift(&job.out, &crate_.space, stdout, stderr);
                    for diff in &drift.diffs {
                        let _ = write!(stdout, "{diff}");
                    }
                    let _ =
                        writeln!(stderr, "{} is out of date ({} files differ)", job.out.display(), drift.diffs.len());
                    stale += 1;
                }
            }
        }
        if stale > 0 {
            let _ = writeln!(
                stderr,
                "error[{}]: {stale} generated crate(s) out of date; run `cargo xtask codegen` to update",
                crate::diagnostics::Code::OutputStale
            );
            return Ok(1);
        }
        return Ok(0);
    }
    for (job, crate_) in jobs.iter().zip(&generated) {
        output::write(&crate_.files, &job.out)?;
        let _ = writeln!(stderr, "wrote {} ({} files)", job.out.display(), crate_.files.len());
    }
    Ok(0)
}

/// What the drift means for users: the model the checked-in crate was
/// generated from against the new one.
fn report_drift(out: &std::path::Path, space: &crate::ir::TypeSpace, stdout: &mut dyn Write, stderr: &mut dyn Write) {
    let path = out.join(crate::emit::model::PATH);
    let old = std::fs::read_to_string(&path)
        .map_err(|e| e.to_string())
        .and_then(|text| crate::emit::model::parse(&text).map_err(|e| format!("not a model of this generator ({e})")));
    match old {
        Ok(old) => {
            let _ = writeln!(stdout, "What the change means for users of {}:", out.display());
            let _ = writeln!(stdout, "{}", diff::compare(&old, space).render(Format::Human, false));
        }
        Err(why) => {
            let _ = writeln!(stderr, "note: no change report for {}: {}: {why}", out.display(), path.display());
        }
    }
}
