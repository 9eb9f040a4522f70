//! Every repository path the documentation names exists.
//!
//! Scanned: `README.md`, `ARCHITECTURE.md` and `docs/*.md`, outside fenced
//! code blocks (which hold commands with placeholders, such as
//! `--from ../shared/upstream/NEW.yaml`).
//!
//! A backquoted span is a path when it has no whitespace, contains a `/`,
//! is not a URL, and either starts with a top-level entry of the repository
//! ([`TOP_LEVEL`] followed by `/`, or `../shared/`) or ends in one of
//! [`EXTENSIONS`]. It is read relative to the project root, up to a `#`.
//! Paths under `../shared/` are checked only where `../shared` exists.
//! A `*` in the last segment must match an entry of its directory; from a
//! placeholder (`<target>`, `{a,b}`) or a `*` elsewhere on, only the
//! directory before it is checked. A span that names a schema's `$ref`
//! rather than a repository file is written with its keyword
//! (`$ref: schemas/pet.yaml`), which the whitespace rule leaves out.
//!
//! Markdown links (`[text](target)`) that are not URLs or anchors must
//! exist relative to the file that holds them.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

/// The repository's top-level entries that documentation refers into.
const TOP_LEVEL: &[&str] = &["xtask", "tests", "generated", "spec", "fuzz", "scripts", "docs", ".ci", ".cargo"];

/// What a file named in prose ends with.
const EXTENSIONS: &[&str] = &[".rs", ".toml", ".md", ".yaml", ".json", ".tsv"];

/// Git-ignored places that only exist once a tool has run.
const MADE_BY_RUNS: &[&str] = &[
    "fuzz/corpus/",    // cargo-fuzz's growing corpora
    "fuzz/artifacts/", // where cargo-fuzz puts a crash
];

/// The documents checked: the README, the architecture, and `docs/*.md`.
fn documents(root: &Path) -> Vec<PathBuf> {
    let mut files = vec![root.join("README.md"), root.join("ARCHITECTURE.md")];
    let mut docs: Vec<PathBuf> = fs::read_dir(root.join("docs"))
        .expect("docs/ exists")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    files.extend(docs);
    files
}

/// The text outside fenced code blocks.
fn prose(markdown: &str) -> String {
    let mut out = String::new();
    let mut fenced = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        } else if !fenced {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The backquoted spans that are repository paths, by the rule above.
fn backquoted_paths(prose: &str) -> Vec<&str> {
    prose
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|span| !span.is_empty() && !span.chars().any(char::is_whitespace))
        .filter(|span| span.contains('/') && !span.contains("://"))
        .filter(|span| {
            let path = span.split('#').next().unwrap();
            span.starts_with("../shared/")
                || TOP_LEVEL.iter().any(|top| span.starts_with(&format!("{top}/")))
                || (!path.is_empty() && EXTENSIONS.iter().any(|ext| path.ends_with(ext)))
        })
        .collect()
}

/// The targets of Markdown links that are neither URLs nor anchors.
fn link_targets(prose: &str) -> Vec<&str> {
    let mut targets = Vec::new();
    let mut rest = prose;
    while let Some(at) = rest.find("](") {
        let after = &rest[at + 2..];
        let Some(end) = after.find(')') else { break };
        let target = &after[..end];
        if !target.is_empty() && !target.starts_with('#') && !target.contains("://") && !target.starts_with("mailto:") {
            targets.push(target);
        }
        rest = &after[end..];
    }
    targets
}

/// `*` in one path segment: every literal piece in order.
fn matches_glob(pattern: &str, name: &str) -> bool {
    let pieces: Vec<&str> = pattern.split('*').collect();
    let (first, last) = (pieces[0], pieces[pieces.len() - 1]);
    if !name.starts_with(first) || !name.ends_with(last) || name.len() < first.len() + last.len() {
        return false;
    }
    let mut middle = &name[first.len()..name.len() - last.len()];
    for piece in &pieces[1..pieces.len() - 1] {
        match middle.find(piece) {
            Some(at) => middle = &middle[at + piece.len()..],
            None => return false,
        }
    }
    true
}

/// Whether `path` (relative to `base`, `#fragment` ignored) names something
/// that exists, with `*` and placeholders read as described above.
fn exists(base: &Path, path: &str) -> bool {
    let path = path.split('#').next().unwrap();
    let Some(special) = path.find(['*', '<', '{']) else {
        return base.join(path).exists();
    };
    let dir_end = path[..special].rfind('/').map_or(0, |i| i + 1);
    let (dir, rest) = (&path[..dir_end], &path[dir_end..]);
    let dir = base.join(dir);
    let last_segment = rest.trim_end_matches('/');
    if path.as_bytes()[special] != b'*' || last_segment.contains('/') || last_segment.contains(['<', '{']) {
        return dir.is_dir();
    }
    let Ok(entries) = fs::read_dir(&dir) else { return false };
    entries.map(|entry| entry.unwrap().file_name()).any(|name| matches_glob(last_segment, &name.to_string_lossy()))
}

#[test]
fn every_path_the_docs_name_exists() {
    let root = common::root();
    let shared = common::shared("");
    let mut missing = Vec::new();
    let mut checked = 0;
    for file in documents(&root) {
        let name = file.strip_prefix(&root).unwrap().display().to_string();
        let text = prose(&fs::read_to_string(&file).unwrap());
        for path in backquoted_paths(&text) {
            if MADE_BY_RUNS.iter().any(|made| path.starts_with(made)) {
                continue;
            }
            let found = match path.strip_prefix("../shared/") {
                Some(inner) if shared.is_dir() => exists(&shared, inner),
                Some(_) => continue,
                None => exists(&root, path),
            };
            checked += 1;
            if !found {
                missing.push(format!("{name}: `{path}`"));
            }
        }
        let dir = file.parent().unwrap();
        for target in link_targets(&text) {
            checked += 1;
            if !exists(dir, target) {
                missing.push(format!("{name}: link ({target})"));
            }
        }
    }
    assert!(missing.is_empty(), "the docs name paths that do not exist:\n{}", missing.join("\n"));
    assert!(checked > 100, "only {checked} paths found: is the scanner still reading the docs?");
}

#[test]
fn the_rule_picks_paths_and_leaves_the_rest() {
    let text = "`xtask/src/emit/types.rs`, `tests/bench/`, `spec/codegen.toml`, `../shared/upstream/`, \
                `src/types.rs`, `#/components/schemas/A`, `/turn_detection/threshold`, `i64`, \
                `https://example.com/a.md`, `$ref: schemas/pet.yaml`, `tools[].parameters`, `Option`/`Nullable`";
    assert_eq!(
        backquoted_paths(text),
        ["xtask/src/emit/types.rs", "tests/bench/", "spec/codegen.toml", "../shared/upstream/", "src/types.rs"]
    );
    assert_eq!(
        link_targets("[a](../README.md) [b](#numbers) [c](https://x.y/) [d](mapping.md#numbers)"),
        ["../README.md", "mapping.md#numbers"]
    );
    let root = common::root();
    assert!(exists(&root, "fuzz/src/*.rs"));
    assert!(exists(&root, "tests/fuzz-regressions/<target>/"));
    assert!(!exists(&root, "fuzz/src/*.toml"));
    assert!(!exists(&root, "xtask/src/load.rs"));
    assert!(matches_glob("float_in_*.json", "float_in_free_form_json.json"));
    assert!(!matches_glob("a*b*c", "acb"));
}
