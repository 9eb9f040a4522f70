//! The generator's house rules, checked: no source file over 600 lines,
//! and no cycle among its modules (a module that uses another, directly or
//! through others, is not used back), so that each stage and each emitter
//! can be read and tested alone; and a README a newcomer reads through
//! (under 10,000 characters, which `cargo xtask bench` writes into too).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 600;

fn source_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../xtask/src")
}

/// Every `.rs` file below `dir`, by module path (`emit::types`; `crate`
/// for `lib.rs` and `main.rs`).
fn modules(dir: &Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in std::fs::read_dir(&current).unwrap_or_else(|e| panic!("{}: {e}", current.display())) {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let relative = path.strip_prefix(dir).expect("below the root").with_extension("");
                let segments: Vec<String> = relative.iter().map(|s| s.to_string_lossy().into_owned()).collect();
                let module = match segments.as_slice() {
                    [only] if only == "lib" || only == "main" => "crate".to_owned(),
                    [parent @ .., last] if last == "mod" => parent.join("::"),
                    all => all.join("::"),
                };
                let text = std::fs::read_to_string(&path).expect("source file");
                out.insert(module, text);
            }
        }
    }
    out
}

/// The code of a file without its `#[cfg(test)]` module and comments: a
/// test may use any module.
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    text.lines().map(|line| line.split("//").next().unwrap_or_default()).collect::<Vec<_>>().join("\n")
}

/// The modules `module` names through `crate::` and `super::` paths
/// (grouped `use` lists included), other than itself and its ancestors.
fn uses(module: &str, text: &str, all: &BTreeSet<String>) -> BTreeSet<String> {
    let parent: Vec<&str> = match module.rsplit_once("::") {
        Some((parent, _)) => parent.split("::").collect(),
        None => Vec::new(),
    };
    let code = code(text);
    let mut found = BTreeSet::new();
    let mut resolve = |base: &str, path: &[&str]| {
        let mut segments: Vec<&str> = if base == "super" { parent.clone() } else { Vec::new() };
        segments.extend(path);
        let target = (1..=segments.len()).rev().map(|k| segments[..k].join("::")).find(|c| all.contains(c));
        if let Some(target) = target
            && target != module
            && !module.starts_with(&format!("{target}::"))
        {
            found.insert(target);
        }
    };
    for base in ["crate", "super"] {
        let prefix = format!("{base}::");
        for (at, _) in code.match_indices(&prefix) {
            let before = code[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let rest = &code[at + prefix.len()..];
            if let Some(group) = rest.strip_prefix('{') {
                let group = group.split('}').next().unwrap_or_default();
                for item in group.split(',') {
                    let path: Vec<&str> = item.trim().split("::").map(str::trim).collect();
                    resolve(base, &path);
                }
                continue;
            }
            let path: Vec<&str> = rest
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .next()
                .unwrap_or_default()
                .split("::")
                .filter(|s| !s.is_empty())
                .collect();
            resolve(base, &path);
        }
    }
    found
}

/// The module cycles of a use graph: each strongly connected component of
/// more than one module (Tarjan's algorithm, iterative).
fn cycles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    let names: Vec<&String> = graph.keys().collect();
    let id: BTreeMap<&String, usize> = names.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let edges: Vec<Vec<usize>> =
        names.iter().map(|n| graph[*n].iter().filter_map(|t| id.get(t).copied()).collect()).collect();
    let (mut index, mut low, mut on_stack) =
        (vec![usize::MAX; names.len()], vec![0; names.len()], vec![false; names.len()]);
    let (mut stack, mut next, mut out) = (Vec::new(), 0, Vec::new());
    for start in 0..names.len() {
        if index[start] != usize::MAX {
            continue;
        }
        let mut work = vec![(start, 0)];
        while let Some((v, edge)) = work.pop() {
            if edge == 0 {
                index[v] = next;
                low[v] = next;
                next += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = edges[v].get(edge) {
                work.push((v, edge + 1));
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            if low[v] == index[v] {
                let mut component = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component.push(names[w].clone());
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    out.push(component);
                }
            }
            if let Some((parent, _)) = work.last() {
                low[*parent] = low[*parent].min(low[v]);
            }
        }
    }
    out
}

#[test]
fn no_source_file_is_over_600_lines() {
    let long: Vec<String> = modules(&source_root())
        .iter()
        .filter(|(_, text)| text.lines().count() > MAX_LINES)
        .map(|(module, text)| format!("{module}: {} lines", text.lines().count()))
        .collect();
    assert!(long.is_empty(), "split these by role (at most {MAX_LINES} lines each): {long:?}");
}

#[test]
fn no_module_uses_itself_through_others() {
    let modules = modules(&source_root());
    let all: BTreeSet<String> = modules.keys().cloned().collect();
    let graph: BTreeMap<String, BTreeSet<String>> =
        modules.iter().map(|(module, text)| (module.clone(), uses(module, text, &all))).collect();
    assert!(graph["emit::types"].contains("emit::validators"), "the use graph is read: {:?}", graph["emit::types"]);
    let cycles = cycles(&graph);
    assert!(cycles.is_empty(), "modules that use each other, directly or through others: {cycles:?}");
}

#[test]
fn a_cycle_is_found() {
    let edge = |from: &str, to: &[&str]| (from.to_owned(), to.iter().map(|t| (*t).to_owned()).collect());
    let graph: BTreeMap<String, BTreeSet<String>> =
        [edge("a", &["b"]), edge("b", &["c"]), edge("c", &["a"]), edge("d", &["a"])].into_iter().collect();
    assert_eq!(cycles(&graph), vec![vec!["a".to_owned(), "b".to_owned(), "c".to_owned()]]);
    let all: BTreeSet<String> = ["emit", "emit::names", "emit::types", "ir"].map(str::to_owned).into();
    let found = uses("emit::types", "use super::{names, tokens::x};\nuse crate::ir::Ty;\n// crate::emit\n", &all);
    assert_eq!(found, ["emit::names", "ir"].map(str::to_owned).into());
}

#[test]
fn the_readme_is_under_10_000_characters() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md")).unwrap();
    let characters = readme.chars().count();
    assert!(characters < 10_000, "README.md has {characters} characters; keep it under 10,000 (details go in docs/)");
}
