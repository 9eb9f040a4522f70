//! Reading the JSON Schema Test Suite: one file per keyword, each a list of
//! groups (a schema and the instances tested against it).

use std::path::Path;

use serde::Deserialize;
use serde_json::Value;

use crate::diagnostics::{Code, Error};

#[derive(Debug, Clone, Deserialize)]
pub struct Group {
    pub description: String,
    pub schema: Value,
    pub tests: Vec<Case>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Case {
    pub description: String,
    pub data: Value,
    pub valid: bool,
}

#[derive(Debug, Clone)]
pub struct SuiteFile {
    /// The file name, as reported (`type.json`).
    pub name: String,
    pub groups: Vec<Group>,
}

/// Every `*.json` file in `dir` and below it (`optional/`,
/// `optional/format/`), in name order, named by their path relative to it.
pub fn read(dir: &Path) -> Result<Vec<SuiteFile>, Error> {
    let mut paths = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(here) = pending.pop() {
        let entries = std::fs::read_dir(&here)
            .map_err(|e| Error::io(Code::FileUnreadable, format!("cannot read the suite directory: {e}"), &here))?;
        for path in entries.filter_map(Result::ok).map(|entry| entry.path()) {
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                paths.push(path);
            }
        }
    }
    if paths.is_empty() {
        return Err(Error::io(Code::SuiteInvalid, "no *.json test files in the suite directory", dir));
    }
    let mut files = paths
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path)
                .map_err(|e| Error::io(Code::FileUnreadable, format!("cannot read: {e}"), path))?;
            let groups: Vec<Group> = serde_json::from_str(&text)
                .map_err(|e| Error::io(Code::SuiteInvalid, format!("not a test suite file: {e}"), path))?;
            let name = path.strip_prefix(dir).unwrap_or(path).to_string_lossy().replace('\\', "/");
            Ok(SuiteFile { name, groups })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    // Top-level files first, then `optional/`, each in name order.
    files.sort_by(|a, b| (a.name.contains('/'), &a.name).cmp(&(b.name.contains('/'), &b.name)));
    Ok(files)
}
