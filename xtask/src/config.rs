//! What to generate: the defaults in `spec/codegen.toml`, overridden by the
//! command line. Kept apart from generation so that the pipeline only ever
//! sees one resolved [`Job`].

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostics::{Code, Error, Location, line_column};
use crate::resolve::Roots;

/// `spec/codegen.toml`: one `[[job]]` per crate that `cargo xtask codegen`
/// writes and `--check` checks, so that nothing generated is refreshed by
/// hand. Paths are relative to the file's directory's parent (the project
/// root).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodegenConfig {
    /// Warnings (by code, `W0100`) that no job prints or denies.
    #[serde(default)]
    pub allow: Vec<String>,
    #[serde(rename = "job")]
    pub jobs: Vec<JobConfig>,
}

/// One crate: where its spec is, what to generate of it, and where to.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JobConfig {
    pub spec: PathBuf,
    #[serde(default)]
    pub overlays: Vec<PathBuf>,
    #[serde(default)]
    pub roots: Vec<String>,
    #[serde(default)]
    pub all: bool,
    pub out: PathBuf,
    /// The package name, which also names the job (`--job`).
    pub crate_name: String,
    #[serde(default = "default_version")]
    pub crate_version: String,
    /// The directory no `$ref` to a file may leave [default: the spec's directory].
    pub ref_root: Option<PathBuf>,
    /// Whether `format` asserts (`date-time`, `email`, `uri`, ...): off by
    /// default, as JSON Schema 2020-12 says.
    #[serde(default)]
    pub assert_formats: bool,
    /// Warnings (by code) this job does not print or deny; after
    /// [`CodegenConfig::load`], the config's top-level `allow` too.
    #[serde(default)]
    pub allow: Vec<String>,
}

fn default_version() -> String {
    "0.1.0".to_owned()
}

impl CodegenConfig {
    pub fn load(path: &Path) -> Result<CodegenConfig, Error> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Error::syntax(Code::ConfigUnreadable, format!("cannot read config: {e}"), None).in_file(path)
        })?;
        let mut config: CodegenConfig = toml::from_str(&text).map_err(|e| {
            let line_column = e.span().map(|span| line_column(&text, span.start));
            Error::syntax(Code::InvalidConfig, format!("invalid config: {}", e.message()), line_column).in_file(path)
        })?;
        let names = config.names();
        let invalid = |code: Code, message: String| Error::new(code, message, Location::default()).in_file(path);
        if names.is_empty() {
            return Err(invalid(Code::NoJobs, "invalid config: no `[[job]]`".into()));
        }
        if let Some(twice) = names.iter().enumerate().find_map(|(i, n)| names[..i].contains(n).then_some(n)) {
            return Err(invalid(Code::DuplicateJob, format!("invalid config: two jobs write the crate `{twice}`")));
        }
        // Refused here, where the file can be named, rather than per job.
        let entries = config.allow.iter().chain(config.jobs.iter().flat_map(|job| &job.allow));
        entries
            .map(|entry| allowed(entry, "allow entry"))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| e.in_file(path))?;
        for job in &mut config.jobs {
            job.allow.splice(0..0, config.allow.iter().cloned());
        }
        Ok(config)
    }

    /// The jobs to run: all of them, or the one named.
    pub fn select(&self, name: Option<&str>) -> Result<Vec<&JobConfig>, Error> {
        let Some(name) = name else { return Ok(self.jobs.iter().collect()) };
        match self.jobs.iter().find(|j| j.crate_name == name) {
            Some(job) => Ok(vec![job]),
            None => Err(Error::new(
                Code::UnknownJob,
                format!("no job `{name}` in the config (jobs: {})", self.names().join(", ")),
                Location::default(),
            )),
        }
    }

    /// Each job's name: the crate it writes.
    fn names(&self) -> Vec<&str> {
        self.jobs.iter().map(|j| j.crate_name.as_str()).collect()
    }
}

/// Command-line overrides; `None`/empty means "use the config".
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub spec: Option<PathBuf>,
    pub overlays: Vec<PathBuf>,
    pub roots: Vec<String>,
    pub all: bool,
    pub out: Option<PathBuf>,
    pub crate_name: Option<String>,
    pub deny_warnings: bool,
    pub ref_root: Option<PathBuf>,
    pub assert_formats: bool,
    /// The draft of a bare JSON Schema document without `$schema`.
    pub draft: Option<crate::resolve::drafts::Draft>,
    /// Warnings to allow (`--allow W0100`), beside the config's.
    pub allow: Vec<String>,
}

/// One fully resolved generation run.
#[derive(Debug, Clone)]
pub struct Job {
    pub spec: PathBuf,
    pub overlays: Vec<PathBuf>,
    pub roots: Roots,
    pub out: PathBuf,
    pub crate_name: String,
    pub crate_version: String,
    pub deny_warnings: bool,
    /// The directory no `$ref` to a file may leave (`None`: the spec's).
    pub ref_root: Option<PathBuf>,
    /// Whether `format` asserts (see [`JobConfig::assert_formats`]).
    pub assert_formats: bool,
    /// The draft of a bare JSON Schema document without `$schema` (`--draft`).
    pub draft: Option<crate::resolve::drafts::Draft>,
    /// How to name the spec and overlays in generated files: as written in
    /// the config or on the command line, never as absolute paths, so the
    /// output is the same on every machine.
    pub spec_display: String,
    pub overlay_display: Vec<String>,
    /// The spec, already loaded, in place of reading `spec` (`spec update`
    /// generates from the new fragment before writing it).
    pub document: Option<serde_json::Value>,
    /// An overlay action that matches nothing is an error, not a warning
    /// (`spec update`: a correction must never be lost silently).
    pub strict_overlays: bool,
    /// Warnings that are neither printed nor denied (`allow` and `--allow`).
    pub allow: BTreeSet<Code>,
}

impl Job {
    /// Combines the config (if any) with the overrides. A `--spec` on the
    /// command line starts from scratch: the config's overlays and roots
    /// belong to the config's spec, and its output directory to its crate.
    pub fn new(config: Option<(&JobConfig, &Path)>, overrides: Overrides) -> Result<Job, Error> {
        let usage = |code: Code, message: &str| Error::new(code, message, Location::default());
        let config_allow = config.map_or(&[][..], |(config, _)| &config.allow[..]);
        let allow = config_allow
            .iter()
            .map(|entry| allowed(entry, "allow entry"))
            .chain(overrides.allow.iter().map(|entry| allowed(entry, "--allow")))
            .collect::<Result<BTreeSet<_>, _>>()?;
        let display = |p: &Path| p.display().to_string().replace('\\', "/");
        let (spec, spec_display, mut overlays, config_roots, config_all, out, crate_name, crate_version) =
            match (overrides.spec, config) {
                (Some(spec), _) => {
                    let out = overrides
                        .out
                        .clone()
                        .ok_or_else(|| usage(Code::OutRequired, "--out is required with --spec"))?;
                    let name = overrides.crate_name.clone().unwrap_or_else(|| {
                        out.file_name().map_or("generated".into(), |n| n.to_string_lossy().into_owned())
                    });
                    (spec.clone(), display(&spec), Vec::new(), Vec::new(), false, out, name, default_version())
                }
                (None, Some((config, root))) => (
                    root.join(&config.spec),
                    display(&config.spec),
                    config.overlays.iter().map(|o| (root.join(o), display(o))).collect(),
                    config.roots.clone(),
                    config.all,
                    overrides.out.clone().unwrap_or_else(|| root.join(&config.out)),
                    overrides.crate_name.clone().unwrap_or_else(|| config.crate_name.clone()),
                    config.crate_version.clone(),
                ),
                (None, None) => {
                    return Err(usage(Code::NoConfig, "no config file found; pass --spec, --out and --root or --all"));
                }
            };
        overlays.extend(overrides.overlays.iter().map(|o| (o.clone(), display(o))));
        let roots = if overrides.all || (overrides.roots.is_empty() && config_all) {
            Roots::All
        } else if !overrides.roots.is_empty() {
            Roots::Named(overrides.roots)
        } else if !config_roots.is_empty() {
            Roots::Named(config_roots)
        } else {
            return Err(usage(Code::NoRoots, "no roots: pass --root NAME (repeatable) or --all"));
        };
        if !is_package_name(&crate_name) {
            return Err(usage(
                Code::InvalidCrateName,
                &format!(
                    "`{crate_name}` is not a valid crate name (letters, digits, `-` and `_`, starting with a letter)"
                ),
            ));
        }
        let (overlays, overlay_display) = overlays.into_iter().unzip();
        let ref_root = overrides
            .ref_root
            .or_else(|| config.and_then(|(config, root)| config.ref_root.as_ref().map(|dir| root.join(dir))));
        Ok(Job {
            spec,
            overlays,
            roots,
            out,
            crate_name,
            crate_version,
            deny_warnings: overrides.deny_warnings,
            ref_root,
            assert_formats: overrides.assert_formats || config.is_some_and(|(config, _)| config.assert_formats),
            draft: overrides.draft,
            spec_display,
            overlay_display,
            document: None,
            strict_overlays: false,
            allow,
        })
    }
}

/// The warning an `allow` entry names (`what` says where it is written):
/// anything else is refused, so that a typo cannot silently allow nothing.
fn allowed(entry: &str, what: &str) -> Result<Code, Error> {
    let why = match Code::from_id(entry) {
        Some(code) if code.is_warning() => return Ok(code),
        Some(_) => "is an error's code, and only warnings can be allowed",
        None => "is no code (docs/generator.md lists them)",
    };
    Err(Error::new(Code::AllowNotAWarning, format!("{what} `{entry}` {why}"), Location::default()))
}

fn is_package_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> JobConfig {
        toml::from_str(
            r#"
            spec = "spec/s.yaml"
            overlays = ["spec/o.yaml"]
            roots = ["R"]
            out = "generated"
            crate_name = "realtime-types"
            "#,
        )
        .unwrap()
    }

    fn load(text: &str) -> Result<CodegenConfig, Error> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("codegen.toml");
        std::fs::write(&path, text).unwrap();
        CodegenConfig::load(&path)
    }

    #[test]
    fn jobs_are_selected_by_crate_name() {
        let job =
            |name: &str| format!("[[job]]\nspec = \"s.yaml\"\nall = true\nout = \"{name}\"\ncrate_name = \"{name}\"\n");
        let config = load(&format!("{}{}", job("a"), job("b"))).unwrap();
        let names = |jobs: Vec<&JobConfig>| jobs.iter().map(|j| j.crate_name.clone()).collect::<Vec<_>>();
        assert_eq!(names(config.select(None).unwrap()), ["a", "b"]);
        assert_eq!(names(config.select(Some("b")).unwrap()), ["b"]);
        let unknown = config.select(Some("c")).unwrap_err();
        assert_eq!(unknown.code, Code::UnknownJob);
        assert!(unknown.message.contains("jobs: a, b"), "the jobs are listed: {unknown}");
        assert_eq!(load(&format!("{}{}", job("a"), job("a"))).unwrap_err().code, Code::DuplicateJob);
        assert_eq!(load("").unwrap_err().code, Code::InvalidConfig, "`job` is missing");
        assert_eq!(load("job = []").unwrap_err().code, Code::NoJobs);
    }

    #[test]
    fn config_defaults_resolve_against_the_root() {
        let job = Job::new(Some((&config(), Path::new("/p"))), Overrides::default()).unwrap();
        assert_eq!(job.spec, Path::new("/p/spec/s.yaml"));
        assert_eq!(job.spec_display, "spec/s.yaml");
        assert_eq!(job.overlay_display, ["spec/o.yaml"]);
        assert_eq!(job.roots, Roots::Named(vec!["R".into()]));
        assert_eq!(job.out, Path::new("/p/generated"));
    }

    #[test]
    fn a_spec_override_drops_the_configs_overlays_and_roots() {
        let overrides = Overrides {
            spec: Some("x.yaml".into()),
            all: true,
            out: Some("/tmp/out_crate".into()),
            ..Overrides::default()
        };
        let job = Job::new(Some((&config(), Path::new("/p"))), overrides).unwrap();
        assert!(job.overlays.is_empty());
        assert_eq!(job.roots, Roots::All);
        assert_eq!(job.crate_name, "out_crate");
        let no_out = Overrides { spec: Some("x.yaml".into()), all: true, ..Overrides::default() };
        assert_eq!(Job::new(None, no_out).unwrap_err().code, Code::OutRequired);
        let no_roots = Overrides { spec: Some("x.yaml".into()), out: Some("o".into()), ..Overrides::default() };
        assert_eq!(Job::new(None, no_roots).unwrap_err().code, Code::NoRoots);
    }

    #[test]
    fn bad_config_reports_line_and_column() {
        let error = load("[[job]]\nspec = \"s\"\nbogus = 1\n").unwrap_err();
        assert_eq!(error.code, Code::InvalidConfig);
        assert_eq!(error.location.line_column, Some((3, 1)), "{error}");
    }

    #[test]
    fn crate_names_are_checked() {
        let overrides = Overrides {
            spec: Some("x.yaml".into()),
            all: true,
            out: Some("o".into()),
            crate_name: Some("bad name".into()),
            ..Overrides::default()
        };
        assert_eq!(Job::new(None, overrides).unwrap_err().code, Code::InvalidCrateName);
    }

    #[test]
    fn allow_takes_warning_codes_from_the_config_and_the_command_line() {
        let job = "[[job]]\nspec = \"s.yaml\"\nall = true\nout = \"a\"\ncrate_name = \"a\"\nallow = [\"W0101\"]\n";
        let config = load(&format!("allow = [\"W0100\"]\n{job}")).unwrap();
        let overrides = Overrides { allow: vec!["W0001".into()], ..Overrides::default() };
        let job = Job::new(Some((&config.jobs[0], Path::new("/p"))), overrides).unwrap();
        let expected = [Code::OverlayTargetUnmatched, Code::AllOfNoCommonValue, Code::AllOfPropertyRedeclared];
        assert_eq!(job.allow, expected.into());
        // An unknown code, or an error's, is refused and named.
        for (top, entry) in [("allow = [\"W9999\"]\n", "W9999"), ("allow = [\"E0400\"]\n", "E0400")] {
            let error = load(&format!("{top}[[job]]\nspec = \"s\"\nall = true\nout = \"a\"\ncrate_name = \"a\"\n"))
                .unwrap_err();
            assert_eq!(error.code, Code::AllowNotAWarning);
            assert!(error.message.contains(entry) && error.location.file.is_some(), "{error}");
        }
        let overrides = Overrides {
            spec: Some("x.yaml".into()),
            all: true,
            out: Some("o".into()),
            allow: vec!["w0100".into()],
            ..Overrides::default()
        };
        let error = Job::new(None, overrides).unwrap_err();
        assert_eq!(error.code, Code::AllowNotAWarning);
        assert!(error.message.contains("--allow `w0100`"), "{error}");
    }
}
