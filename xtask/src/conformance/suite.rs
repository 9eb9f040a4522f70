//! Reading the JSON Schema Test Suite: one file per keyword, each a list of
//! groups (a schema and the instances tested against it).

use std::path::Path;

use serde::Deserialize;
use serde_json::Value;

use crate::diagnostics::Error;

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

/// Every `*.json` file directly in `dir`, in name order (subdirectories,
/// such as `optional/`, are not part of the required suite).
pub fn read(dir: &Path) -> Result<Vec<SuiteFile>, Error> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| Error::io(format!("cannot read the suite directory: {e}"), dir))?;
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.is_file() && path.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(Error::io("no *.json test files in the suite directory", dir));
    }
    paths
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).map_err(|e| Error::io(format!("cannot read: {e}"), path))?;
            let groups: Vec<Group> =
                serde_json::from_str(&text).map_err(|e| Error::io(format!("not a test suite file: {e}"), path))?;
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            Ok(SuiteFile { name, groups })
        })
        .collect()
}
