//! `cargo xtask spec update`: take a newer upstream file into `spec/` and
//! say what it changes.
//!
//! The fragment's header records how it was cut (`# Command: cargo xtask
//! spec extract ... --root R ...`), so the update re-extracts the same
//! roots from the new file, keeps the overlays, regenerates every job of
//! the config, and reports what changed for users of each crate built from
//! the fragment (see [`crate::diff`]). Overlays are strict here: an action
//! whose target no longer matches is an error that names it. Everything is
//! generated before anything is written, so a failure changes nothing.

use std::path::{Path, PathBuf};

use crate::config::{CodegenConfig, Job, Overrides};
use crate::diagnostics::{Code, Error, Location};
use crate::diff::{self, Report};
use crate::extract::{self, Provenance};
use crate::{Generated, load, output};

/// What to update, from the command line.
#[derive(Debug, Clone)]
pub struct Request {
    /// The newer upstream file.
    pub from: PathBuf,
    /// The fragment to replace (its header names the roots).
    pub fragment: PathBuf,
    /// The config whose jobs are regenerated.
    pub config: PathBuf,
    /// Where the new file came from, for the header.
    pub source: Option<String>,
    /// Set the version of each crate built from the fragment by the verdict.
    pub bump: bool,
}

/// The report of each crate built from the fragment, and what was written.
#[derive(Debug)]
pub struct Outcome {
    pub reports: Vec<(String, Report)>,
    /// Each crate whose version `--bump` changed: name, old, new.
    pub bumped: Vec<(String, String, String)>,
    pub written: Vec<PathBuf>,
}

pub fn run(request: &Request) -> Result<Outcome, Error> {
    let fragment_text = std::fs::read_to_string(&request.fragment)
        .map_err(|e| Error::io(Code::FileUnreadable, format!("cannot read the fragment: {e}"), &request.fragment))?;
    let roots = recorded_roots(&fragment_text).map_err(|e| e.in_file(&request.fragment))?;
    let (upstream, _) = load::load_spec(&request.from, &request.from.display().to_string(), None)?;
    let fragment = extract::fragment(&upstream, &roots).map_err(|e| e.in_file(&request.from))?;
    let provenance = Provenance { source: request.source.clone() };
    // The header's command names the fragment as it is from the project
    // root, where it is rerun (tests/tests/cli.rs reruns it).
    let shown = request.fragment.strip_prefix(crate::project_root()).unwrap_or(&request.fragment);
    let new_text = extract::render(&fragment, &request.from, &roots, shown, &provenance)?;

    let config = CodegenConfig::load(&request.config)?;
    let config_root = request.config.parent().and_then(Path::parent).unwrap_or(Path::new(".")).to_path_buf();
    let fragment_path = canonical(&request.fragment)?;
    let mut jobs = Vec::new();
    for job_config in &config.jobs {
        let mut job = Job::new(Some((job_config, &config_root)), Overrides::default())?;
        job.strict_overlays = true;
        let from_fragment = canonical(&job.spec).is_ok_and(|spec| spec == fragment_path);
        jobs.push((job, from_fragment));
    }
    if !jobs.iter().any(|(_, from_fragment)| *from_fragment) {
        let message = format!("no job of {} generates from this fragment", request.config.display());
        return Err(Error::new(Code::FragmentWithoutJob, message, Location::default()).in_file(&request.fragment));
    }

    // Each job once from the new fragment; the report compares its model
    // with the old fragment's.
    for (job, from_fragment) in &mut jobs {
        if *from_fragment {
            job.document = Some(fragment.clone());
        }
    }
    let mut generated: Vec<Generated> = jobs.iter().map(|(job, _)| crate::generate(job)).collect::<Result<_, _>>()?;
    let mut reports = Vec::new();
    let mut bumped = Vec::new();
    let mut config_text = None;
    for (index, (job, _)) in jobs.iter_mut().enumerate().filter(|(_, (_, from_fragment))| *from_fragment) {
        let old = crate::model(&Job { strict_overlays: false, document: None, ..job.clone() })?;
        let report = diff::compare(&old.space, &generated[index].space);
        if request.bump {
            let version = semver::Version::parse(&job.crate_version).map_err(|e| {
                let message =
                    format!("crate_version `{}` of `{}` is not a version: {e}", job.crate_version, job.crate_name);
                Error::new(Code::InvalidCrateVersion, message, Location::default()).in_file(&request.config)
            })?;
            let next = report.semver().bump(&version).to_string();
            let text = match config_text.take() {
                Some(text) => text,
                None => std::fs::read_to_string(&request.config).map_err(|e| {
                    Error::io(Code::ConfigUnreadable, format!("cannot read the config: {e}"), &request.config)
                })?,
            };
            config_text = Some(set_version(&text, &job.crate_name, &next).map_err(|e| e.in_file(&request.config))?);
            bumped.push((job.crate_name.clone(), job.crate_version.clone(), next.clone()));
            // The version is in the crate's manifest.
            if job.crate_version != next {
                job.crate_version = next;
                generated[index] = crate::generate(job)?;
            }
        }
        reports.push((job.crate_name.clone(), report));
    }

    let mut written = Vec::new();
    output::write_file_atomically(&request.fragment, new_text.as_bytes())?;
    written.push(request.fragment.clone());
    if let Some(text) = config_text {
        output::write_file_atomically(&request.config, text.as_bytes())?;
        written.push(request.config.clone());
    }
    for ((job, _), crate_) in jobs.iter().zip(&generated) {
        output::write(&crate_.files, &job.out)?;
        written.push(job.out.clone());
    }
    Ok(Outcome { reports, bumped, written })
}

/// The roots in a fragment's `# Command:` header line.
pub fn recorded_roots(fragment_text: &str) -> Result<Vec<String>, Error> {
    let command = fragment_text
        .lines()
        .take_while(|line| line.starts_with('#'))
        .find_map(|line| line.strip_prefix("# Command: cargo xtask spec extract "))
        .ok_or_else(|| {
            let message = "the fragment has no `# Command: cargo xtask spec extract ...` header line, so its roots \
                           are unknown: extract it once with `cargo xtask spec extract`";
            Error::new(Code::FragmentHeaderMissing, message, Location::default())
        })?;
    let words: Vec<&str> = command.split_whitespace().collect();
    let roots: Vec<String> =
        words.windows(2).filter(|pair| pair[0] == "--root").map(|pair| pair[1].to_owned()).collect();
    if roots.is_empty() {
        let message = "the fragment's `# Command:` header names no `--root`";
        return Err(Error::new(Code::FragmentHeaderMissing, message, Location::default()));
    }
    Ok(roots)
}

/// The config with the version of the job for `crate_name` set to
/// `version`, its comments and layout kept.
fn set_version(text: &str, crate_name: &str, version: &str) -> Result<String, Error> {
    let mut document: toml_edit::DocumentMut =
        text.parse().map_err(|e| Error::syntax(Code::InvalidConfig, format!("invalid config: {e}"), None))?;
    let job = document
        .get_mut("job")
        .and_then(|jobs| jobs.as_array_of_tables_mut())
        .and_then(|jobs| jobs.iter_mut().find(|job| job.get("crate_name").and_then(|n| n.as_str()) == Some(crate_name)))
        .ok_or_else(|| Error::new(Code::UnknownJob, format!("no job `{crate_name}`"), Location::default()))?;
    match job.get_mut("crate_version").and_then(|item| item.as_value_mut()) {
        // Keep the comment after the value, and the spacing around it.
        Some(value) => {
            let decor = value.decor().clone();
            *value = version.into();
            *value.decor_mut() = decor;
        }
        None => job["crate_version"] = toml_edit::value(version),
    }
    Ok(document.to_string())
}

fn canonical(path: &Path) -> Result<PathBuf, Error> {
    path.canonicalize().map_err(|e| Error::io(Code::PathUnresolvable, format!("cannot read: {e}"), path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_come_from_the_header() {
        let text = "# @generated\n# Command: cargo xtask spec extract --from up.yaml --root A --root B --out x.yaml\nopenapi: 3.1.0\n";
        assert_eq!(recorded_roots(text).unwrap(), ["A", "B"]);
        let error = recorded_roots("openapi: 3.1.0\n").unwrap_err();
        assert_eq!(error.code, Code::FragmentHeaderMissing, "{error}");
    }

    #[test]
    fn the_version_is_set_in_its_job_alone_and_comments_stay() {
        let text = "# The jobs.\n[[job]]\ncrate_name = \"a\" # first\ncrate_version = \"0.2.0\"\n\n[[job]]\ncrate_name = \"b\"\n";
        let edited = set_version(text, "b", "0.1.1").unwrap();
        assert_eq!(
            edited,
            "# The jobs.\n[[job]]\ncrate_name = \"a\" # first\ncrate_version = \"0.2.0\"\n\n[[job]]\ncrate_name = \"b\"\ncrate_version = \"0.1.1\"\n"
        );
        let edited = set_version(text, "a", "0.3.0").unwrap();
        assert!(edited.contains("crate_version = \"0.3.0\""), "{edited}");
        assert_eq!(set_version(text, "c", "1.0.0").unwrap_err().code, Code::UnknownJob);
    }
}
