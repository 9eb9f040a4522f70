//! What to generate: the defaults in `spec/codegen.toml`, overridden by the
//! command line. Kept apart from generation so that the pipeline only ever
//! sees one resolved [`Job`].

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostics::{Error, ErrorKind, Location, line_column};
use crate::resolve::Roots;

/// `spec/codegen.toml`. Paths are relative to the file's directory's parent
/// (the project root).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodegenConfig {
    pub spec: PathBuf,
    #[serde(default)]
    pub overlays: Vec<PathBuf>,
    #[serde(default)]
    pub roots: Vec<String>,
    #[serde(default)]
    pub all: bool,
    pub out: PathBuf,
    pub crate_name: String,
    #[serde(default = "default_version")]
    pub crate_version: String,
}

fn default_version() -> String {
    "0.1.0".to_owned()
}

impl CodegenConfig {
    pub fn load(path: &Path) -> Result<CodegenConfig, Error> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::syntax(format!("cannot read config: {e}"), None).in_file(path))?;
        toml::from_str(&text).map_err(|e| {
            let line_column = e.span().map(|span| line_column(&text, span.start));
            Error::syntax(format!("invalid config: {}", e.message()), line_column).in_file(path)
        })
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
    /// How to name the spec and overlays in generated files: as written in
    /// the config or on the command line, never as absolute paths, so the
    /// output is the same on every machine.
    pub spec_display: String,
    pub overlay_display: Vec<String>,
}

impl Job {
    /// Combines the config (if any) with the overrides. A `--spec` on the
    /// command line starts from scratch: the config's overlays and roots
    /// belong to the config's spec, and its output directory to its crate.
    pub fn new(config: Option<(&CodegenConfig, &Path)>, overrides: Overrides) -> Result<Job, Error> {
        let usage = |message: &str| Error::new(ErrorKind::Invalid, message, Location::default());
        let display = |p: &Path| p.display().to_string().replace('\\', "/");
        let (spec, spec_display, mut overlays, config_roots, config_all, out, crate_name, crate_version) =
            match (overrides.spec, config) {
                (Some(spec), _) => {
                    let out = overrides.out.clone().ok_or_else(|| usage("--out is required with --spec"))?;
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
                    return Err(usage("no config file found; pass --spec, --out and --root or --all"));
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
            return Err(usage("no roots: pass --root NAME (repeatable) or --all"));
        };
        if !is_package_name(&crate_name) {
            return Err(usage(&format!(
                "`{crate_name}` is not a valid crate name (letters, digits, `-` and `_`, starting with a letter)"
            )));
        }
        let (overlays, overlay_display) = overlays.into_iter().unzip();
        Ok(Job {
            spec,
            overlays,
            roots,
            out,
            crate_name,
            crate_version,
            deny_warnings: overrides.deny_warnings,
            spec_display,
            overlay_display,
        })
    }
}

fn is_package_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> CodegenConfig {
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
        assert!(Job::new(None, no_out).unwrap_err().message.contains("--out"));
        let no_roots = Overrides { spec: Some("x.yaml".into()), out: Some("o".into()), ..Overrides::default() };
        assert!(Job::new(None, no_roots).unwrap_err().message.contains("--root"));
    }

    #[test]
    fn bad_config_reports_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("codegen.toml");
        std::fs::write(&path, "spec = \"s\"\nbogus = 1\n").unwrap();
        let error = CodegenConfig::load(&path).unwrap_err();
        assert_eq!(error.location.line_column, Some((2, 1)), "{error}");
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
        assert!(Job::new(None, overrides).is_err());
    }
}
