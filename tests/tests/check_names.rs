//! The functions that check schemas held as JSON are named after their
//! schema's pointer, so that adding a schema changes only its own lines of
//! `types.rs`: every other check function keeps its name and its text.

mod common;

use std::collections::BTreeMap;

const FIXTURE: &str = "tests/fixtures/specs/json_checks.yaml";

/// Each generated function of the compiled schemas, by name, with its text
/// (and its doc line).
fn check_functions(spec: &std::path::Path) -> BTreeMap<String, String> {
    let out = tempfile::tempdir().expect("temp dir");
    let generated = xtask::generate(&common::job_for(spec, out.path())).expect("the fixture generates");
    let types = &generated.files["src/types.rs"];
    types
        .split("\n\n")
        .filter_map(|item| {
            let signature = item.lines().find(|line| line.starts_with("fn json_"))?;
            let name = signature.trim_start_matches("fn ").split(['(', '<']).next()?;
            Some((name.to_owned(), item.to_owned()))
        })
        .collect()
}

#[test]
fn a_new_schema_renames_no_other_check_function() {
    let fixture = common::root().join(FIXTURE);
    let text = std::fs::read_to_string(&fixture).expect("fixture");
    let before = check_functions(&fixture);
    assert!(before.len() > 10, "the fixture has check functions: {:?}", before.keys());
    assert!(before.contains_key("json_check_holder_properties_tuple"), "named by pointer: {:?}", before.keys());
    assert!(
        before
            .values()
            .all(|item| item.starts_with("/// ") && item.lines().next().unwrap().contains("`#/components/schemas/")),
        "each has a doc line naming its pointer: {before:#?}"
    );

    // A schema held as JSON, compiled before every other.
    let added = text.replacen("  schemas:\n", "  schemas:\n    Aardvark:\n      not: {type: string}\n", 1);
    assert_ne!(added, text);
    let dir = tempfile::tempdir().expect("temp dir");
    let spec = dir.path().join("json_checks.yaml");
    std::fs::write(&spec, added).expect("write spec");
    let after = check_functions(&spec);

    for (name, item) in &before {
        assert_eq!(after.get(name), Some(item), "{name} changed when another schema was added");
    }
    let new: Vec<&String> = after.keys().filter(|name| !before.contains_key(*name)).collect();
    assert_eq!(new, ["json_check_aardvark", "json_check_aardvark_not"], "only the new schema's functions are new");
}
