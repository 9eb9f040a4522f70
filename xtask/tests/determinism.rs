//! The same input gives byte-identical output across runs and processes:
//! two separate `xtask` processes generate the same specs, and every file
//! they write is compared byte for byte. (No HashMap iteration order can
//! reach the output; `clippy.toml` refuses the type outright. Separate
//! processes matter because std's hasher is seeded per process.)

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                out.push((path.strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn generate(spec: &Path, out: &Path) {
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["codegen", "--spec", spec.to_str().unwrap(), "--all", "--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(output.status.success(), "generating {}: {}", spec.display(), String::from_utf8_lossy(&output.stderr));
}

#[test]
fn separate_processes_write_byte_identical_crates() {
    let root = xtask::project_root();
    let mut specs: Vec<PathBuf> =
        std::fs::read_dir(root.join("tests/fixtures/specs")).unwrap().map(|e| e.unwrap().path()).collect();
    specs.sort();
    specs.push(root.join("spec/realtime.yaml"));
    specs.push(root.join("tests/fixtures/realtime-2025/realtime_session.yaml"));
    // The whole upstream spec (1,422 schemas) twice is most of this test's
    // time: the slow tier (docs/testing.md, "The slow tier").
    let upstream = root.join("../shared/upstream/openai-openapi-2026-08-21.yaml");
    if std::env::var("REALTIME_WHOLE_SPEC").is_ok_and(|v| v == "1") {
        specs.push(upstream);
    } else {
        let _ = writeln!(
            std::io::stderr(),
            "skipped (slow tier): the whole 2026-08-21 upstream spec; run it with \
             `REALTIME_WHOLE_SPEC=1 cargo test -p xtask --test determinism`"
        );
    }
    let work = tempfile::tempdir().unwrap();
    for (i, spec) in specs.iter().enumerate() {
        // The same directory name, so the derived crate name is the same.
        let (first, second) = (work.path().join(format!("a/crate{i}")), work.path().join(format!("b/crate{i}")));
        generate(spec, &first);
        generate(spec, &second);
        let (a, b) = (files(&first), files(&second));
        assert!(a.len() >= 5, "{}: a crate was written", spec.display());
        assert!(a == b, "{}: two processes wrote different bytes", spec.display());
    }
}
