//! The command line: `cargo xtask codegen`, `cargo xtask spec extract` and
//! `cargo xtask conformance`.
//!
//! Exit codes: 0 success, 1 drift (`--check`) or a wrong conformance
//! verdict, 2 an error (bad input, bad arguments, or a file that cannot be
//! read or written).

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::config::{CodegenConfig, Job, Overrides};
use crate::diagnostics::{Error, ErrorKind, Location};
use crate::extract::{self, Provenance};
use crate::{output, project_root};

#[derive(Debug, Parser)]
#[command(name = "xtask", about = "Generates and checks the realtime-types crate.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Generate the crates (by default: every job of spec/codegen.toml).
    Codegen(CodegenArgs),
    /// Work with spec files.
    #[command(subcommand)]
    Spec(SpecCommand),
    /// Run the JSON Schema Test Suite through the generator.
    Conformance(ConformanceArgs),
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
            let _ = write!(stderr, "{}", e.render());
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    let result = match cli.command {
        Command::Codegen(args) => codegen(args, stdout, stderr),
        Command::Conformance(args) => {
            let options = crate::conformance::Options {
                suite: args.suite,
                work: args.work.unwrap_or_else(|| project_root().join("target/conformance")),
                baseline: args.baseline,
                verbose: args.verbose,
            };
            crate::conformance::run(&options, stdout, stderr)
        }
        Command::Spec(SpecCommand::Extract { from, roots, out, source }) => {
            extract::run(&from, &roots, &out, &Provenance { source }).map(|()| {
                let _ = writeln!(stderr, "wrote {}", out.display());
                0
            })
        }
    };
    result.unwrap_or_else(|error| {
        let _ = writeln!(stderr, "error: {error}");
        2
    })
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
                    ErrorKind::Invalid,
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
            let _ = writeln!(stderr, "warning: {warning}");
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
            let _ =
                writeln!(stderr, "error: {stale} generated crate(s) out of date; run `cargo xtask codegen` to update");
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
