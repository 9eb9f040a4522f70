//! `cargo xtask conformance`: the official JSON Schema Test Suite, run
//! through the generator.
//!
//! Every group's schema is generated as a spec schema is; every instance is
//! parsed into the generated root type and validated, and the verdict is
//! held against the suite's. A case **agrees**, is **wrong** (accepts what
//! is invalid or rejects what is valid), or is **refused** (the generator
//! stopped on the schema with a clear error). Wrong is a failure; refused
//! is honest; a drop below the committed baseline is a regression.

mod batch;
mod report;
mod suite;

use std::io::Write;
use std::path::PathBuf;

pub use report::{Counts, Outcome, Report};

use crate::diagnostics::{Code, Error, Location};
use crate::resolve::JsonSchemaOptions;
use crate::resolve::bundled::Remotes;
use crate::resolve::drafts::Draft;

#[derive(Debug, Clone)]
pub struct Options {
    /// A directory of suite files (`draft2020-12/`).
    pub suite: PathBuf,
    /// Where the generated crate is written and built.
    pub work: PathBuf,
    /// A previous report: fewer agreeing cases in any file fails the run.
    pub baseline: Option<PathBuf>,
    /// Also list refused groups and why.
    pub verbose: bool,
    /// The draft of schemas without `$schema` [default: from the suite
    /// directory's name, `draft7`].
    pub draft: Option<Draft>,
    /// The suite's `remotes/`, served for `http://localhost:1234/` (read
    /// from disk; nothing is fetched).
    pub remotes: Option<PathBuf>,
}

/// The URL the suite's `remotes/` stand for.
pub const REMOTES_URL: &str = "http://localhost:1234/";

/// What the suite marks optional (its `optional/` directory) and the
/// generator does not do, by file (and group, where only one group of the
/// file is not done) and why. Their groups are refused without being
/// generated; `docs/testing.md` repeats the reasons.
pub const NOT_IMPLEMENTED: &[(&str, Option<&str>, &str)] = &[
    (
        "optional/float-overflow.json",
        None,
        "an integer is an i64 or u64: 1e308 is an integer that no Rust integer holds",
    ),
    (
        "optional/zeroTerminatedFloats.json",
        None,
        "draft 4 alone says 1.0 is not an integer; a typed parse cannot tell 1.0 from 1, and every later draft agrees",
    ),
    (
        "optional/content.json",
        None,
        "contentEncoding and contentMediaType are annotations (draft 7 lets them assert; from 2019-09 on they never do)",
    ),
    ("optional/format/hostname.json", Some("validation of A-label (punycode) host names"), IDNA),
    ("optional/format/idn-hostname.json", None, IDNA),
    ("optional/format/idn-email.json", None, IDNA),
];

/// Why internationalized names are not checked.
const IDNA: &str = "IDNA2008's rules for internationalized labels (RFC 5891 and 5892: contextual rules, joiners, \
     bidi) need Unicode tables: `idn-hostname` and `idn-email` stay annotations, and an `xn--` label of a host name \
     is checked as ASCII only";

/// Why the generator does not do what a group of `file` tests, if it does not.
fn not_implemented(file: &str, group: &str) -> Option<&'static str> {
    NOT_IMPLEMENTED
        .iter()
        .find(|(name, only, _)| *name == file && only.is_none_or(|only| only == group))
        .map(|(_, _, why)| *why)
}

/// Runs the suite. The report goes to `stdout`, wrong cases and
/// regressions to `stderr`. Exit code 0, or 1 on any wrong case or
/// regression.
pub fn run(options: &Options, stdout: &mut dyn Write, stderr: &mut dyn Write) -> Result<u8, Error> {
    let baseline = match &options.baseline {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| Error::io(Code::FileUnreadable, format!("cannot read the baseline: {e}"), path))?;
            Some(Report::parse(&text).map_err(|e| Error::io(Code::BaselineInvalid, e, path))?)
        }
        None => None,
    };
    let draft = match options.draft {
        Some(draft) => draft,
        None => {
            options.suite.file_name().and_then(|name| Draft::from_name(&name.to_string_lossy())).ok_or_else(|| {
                Error::new(
                    Code::SuiteDraftUnknown,
                    format!("name the draft with --draft ({}): the directory's name does not", Draft::names()),
                    Location::default().in_file(&options.suite),
                )
            })?
        }
    };
    let remotes = options.remotes.as_ref().map(|dir| Remotes { prefix: REMOTES_URL.into(), dir: dir.clone() });
    let read_as = JsonSchemaOptions { draft, remotes };
    let files = suite::read(&options.suite)?;
    let mut modules = Vec::new();
    // For each file and group: the module it became, or why it was refused.
    let mut placed: Vec<Vec<Result<usize, String>>> = Vec::new();
    let mut input = String::new();
    for file in &files {
        let mut groups = Vec::new();
        // The suite's format tests expect formats to assert; elsewhere they
        // are annotations, as in the generator's default.
        let formats = file.name.starts_with("optional/format/");
        for group in &file.groups {
            if let Some(why) = not_implemented(&file.name, &group.description) {
                groups.push(Err(format!("optional, not implemented: {why}")));
                continue;
            }
            groups.push(match batch::generate(&group.schema, &read_as, formats) {
                Ok(module) => {
                    let index = modules.len();
                    modules.push(module);
                    for case in &group.tests {
                        let json = serde_json::to_string(&case.data).unwrap_or_default();
                        input.push_str(&format!("{index}\t{json}\n"));
                    }
                    Ok(index)
                }
                Err(error) => Err(error.to_string()),
            });
        }
        placed.push(groups);
    }
    let mut verdicts = batch::run(&options.work, &modules, &input)?.into_iter();
    let mut report = Report::default();
    for (file, groups) in files.iter().zip(&placed) {
        let counts = report.files.entry(file.name.clone()).or_default();
        for (group, module) in file.groups.iter().zip(groups) {
            if let Err(reason) = module
                && options.verbose
            {
                let _ = writeln!(stderr, "refused: {} / {}: {reason}", file.name, group.description);
            }
            for case in &group.tests {
                let outcome = match module {
                    Err(_) => Outcome::Refused,
                    Ok(_) => match verdicts.next() {
                        Some(valid) if valid == case.valid => Outcome::Agree,
                        _ => {
                            let expected = if case.valid { "valid" } else { "invalid" };
                            let _ = writeln!(
                                stderr,
                                "wrong: {} / {} / {} (expected {expected})",
                                file.name, group.description, case.description
                            );
                            Outcome::Wrong
                        }
                    },
                };
                counts.add(outcome);
            }
        }
    }
    let _ = write!(stdout, "{}", report.render());
    let mut failed = report.total().wrong > 0;
    if let Some(baseline) = baseline {
        for (file, why) in report.regressions(&baseline) {
            let _ = writeln!(stderr, "regression: {file}: {why}");
            failed = true;
        }
    }
    Ok(u8::from(failed))
}
