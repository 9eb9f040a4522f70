//! One crate for the whole suite: each group's schema goes through the
//! generator exactly as a spec schema does (resolve, IR, emit), becomes a
//! module, and a small `main` reads `GROUP<TAB>JSON` lines and prints, for
//! each, whether parse + `validate()` accepts it. One crate compiles once.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::diagnostics::{Code, Error};
use crate::emit::{FileContent, RuntimeNeeds};

/// The generated module of one group's schema: its root type is `Root`.
pub struct Module {
    pub source: String,
    pub needs: RuntimeNeeds,
}

/// Generates one group's schema as a bare JSON Schema document, with
/// `format` asserted or not.
pub fn generate(schema: &Value, options: &crate::resolve::JsonSchemaOptions, formats: bool) -> Result<Module, Error> {
    let mut spec = crate::resolve::resolve_json_schema(schema, "Root", options)?;
    spec.assert_formats |= formats;
    let (space, _warnings) = crate::ir::build(&spec)?;
    let file = crate::emit::types_file(&space)?;
    Ok(Module { source: prettyplease::unparse(&file), needs: RuntimeNeeds::of(&space) })
}

/// Writes the crate into `dir`, builds it, feeds it `input` and returns
/// one verdict per input line.
pub fn run(dir: &Path, modules: &[Module], input: &str) -> Result<Vec<bool>, Error> {
    write_crate(dir, modules)?;
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let target = dir.join("target");
    let build = Command::new(&cargo)
        .args(["build", "--quiet", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .map_err(|e| Error::io(Code::CommandFailed, format!("cannot run cargo: {e}"), dir))?;
    if !build.status.success() {
        let log = String::from_utf8_lossy(&build.stderr);
        let head: Vec<&str> = log.lines().take(40).collect();
        return Err(Error::io(
            Code::Internal,
            format!(
                "internal error: the generated conformance crate does not build; please report this\n{}",
                head.join("\n")
            ),
            dir,
        ));
    }
    let binary = target.join("debug").join(format!("conformance-cases{}", std::env::consts::EXE_SUFFIX));
    let mut child = Command::new(&binary)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Error::io(Code::CommandFailed, format!("cannot run: {e}"), &binary))?;
    // Written from a thread, so that a full stdout pipe cannot deadlock us.
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = input.to_owned();
    let writer = std::thread::spawn(move || std::io::Write::write_all(&mut stdin, input.as_bytes()));
    let output =
        child.wait_with_output().map_err(|e| Error::io(Code::CommandFailed, format!("cannot run: {e}"), &binary))?;
    let _ = writer.join();
    if !output.status.success() {
        return Err(Error::io(
            Code::CommandFailed,
            format!("the conformance runner failed: {}", String::from_utf8_lossy(&output.stderr)),
            &binary,
        ));
    }
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| match line {
            "1" => Ok(true),
            "0" => Ok(false),
            other => Err(Error::io(Code::CommandFailed, format!("unexpected runner output {other:?}"), &binary)),
        })
        .collect()
}

fn write_crate(dir: &Path, modules: &[Module]) -> Result<(), Error> {
    let needs = modules.iter().fold(RuntimeNeeds::default(), |all, m| all.union(m.needs));
    let mut files: Vec<(PathBuf, String)> =
        vec![(dir.join("Cargo.toml"), MANIFEST.to_owned()), (dir.join("src/main.rs"), main_rs(modules.len(), needs))];
    // The workspace's lock file pins the same dependency versions, so the
    // build needs nothing the workspace has not already fetched.
    if let Ok(lock) = std::fs::read_to_string(crate::project_root().join("Cargo.lock")) {
        files.push((dir.join("Cargo.lock"), lock));
    }
    for (path, content) in crate::emit::runtime_files(needs)? {
        let FileContent::Rust(file) = content else { continue };
        files.push((dir.join(path), prettyplease::unparse(&file)));
    }
    for (i, module) in modules.iter().enumerate() {
        files.push((dir.join(format!("src/g{i}.rs")), module.source.clone()));
    }
    for (path, text) in files {
        let parent = path.parent().unwrap_or(dir);
        std::fs::create_dir_all(parent)
            .map_err(|e| Error::io(Code::OutputUnwritable, format!("cannot create: {e}"), parent))?;
        // Unchanged files keep their times, so that cargo rebuilds only what changed.
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&path, text)
                .map_err(|e| Error::io(Code::OutputUnwritable, format!("cannot write: {e}"), &path))?;
        }
    }
    Ok(())
}

const MANIFEST: &str = r#"# Written by `cargo xtask conformance`; rewritten on every run.
[package]
name = "conformance-cases"
version = "0.0.0"
edition = "2024"
publish = false

[features]
# Named by the generated code's `cfg_attr`s; never enabled here.
schemars = []

[dependencies]
email_address = "0.2"
fluent-uri = "0.4"
regress = "0.12"
serde = { version = "1", features = ["derive"] }
serde_json = "1"

# Not a member of the workspace it is written into.
[workspace]
"#;

fn main_rs(groups: usize, needs: RuntimeNeeds) -> String {
    let mut out = String::from(
        "// Written by `cargo xtask conformance`; rewritten on every run.\n\
         // The runtime is the generated crates' own; not all of it is used here.\n\
         #![allow(dead_code, unused_imports)]\n\n\
         pub mod de;\nmod nullable;\npub mod validate;\n",
    );
    if needs.patterns {
        out.push_str("mod pattern;\n");
    }
    if needs.formats {
        out.push_str("mod format;\n");
    }
    if needs.json_checks {
        out.push_str("pub mod json_check;\n");
    }
    out.push_str("pub use nullable::Nullable;\n\n");
    for i in 0..groups {
        out.push_str(&format!("mod g{i};\n"));
    }
    out.push_str(
        "\n/// Whether the text parses as `T` and the value validates.\n\
         fn verdict<T: serde::de::DeserializeOwned + validate::Validate>(json: &str) -> bool {\n    \
             serde_json::from_str::<T>(json).is_ok_and(|value| value.validate().is_ok())\n}\n\n\
         fn main() {\n    \
             let mut input = String::new();\n    \
             std::io::Read::read_to_string(&mut std::io::stdin(), &mut input).expect(\"stdin\");\n    \
             for line in input.lines() {\n        \
                 let (group, json) = line.split_once('\\t').expect(\"GROUP<TAB>JSON\");\n        \
                 let valid = match group.parse::<usize>().expect(\"a group number\") {\n",
    );
    for i in 0..groups {
        out.push_str(&format!("            {i} => verdict::<g{i}::Root>(json),\n"));
    }
    out.push_str(
        "            other => panic!(\"no group {other}\"),\n        };\n        \
         println!(\"{}\", u8::from(valid));\n    }\n}\n",
    );
    out
}
