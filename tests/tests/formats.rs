//! Asserted formats, through generated code: `tests/formats/` is generated
//! from `tests/fixtures/formats/formats.yaml` with `assert_formats = true`
//! (its job in `spec/codegen.toml`), and kept current by the drift test.
//! The JSON Schema Test Suite's `optional/format/` files hold the same
//! checks to every case, in every draft (`tests/tests/conformance.rs`).

use formats_asserted::{Formats, Schedule, Validate};
use serde_json::{Value, json};

/// (path, keyword, what `Display` says) of every violation.
fn violations<T: serde::de::DeserializeOwned + Validate>(instance: Value) -> Vec<(String, String, String)> {
    let value: T = serde_json::from_value(instance.clone()).unwrap_or_else(|e| panic!("{instance} parses: {e}"));
    match value.validate() {
        Ok(()) => Vec::new(),
        Err(errors) => errors.iter().map(|e| (e.path().to_owned(), e.keyword().to_owned(), e.to_string())).collect(),
    }
}

/// Each asserted format: values it accepts, and values it rejects.
const CASES: &[(&str, &[&str], &[&str])] = &[
    (
        "date_time",
        &["1963-06-19T08:30:06.283185Z", "1998-12-31T23:59:60Z", "1990-12-31T15:59:60-08:00"],
        &["1990-02-31T15:59:59.123-08:00", "1998-12-31T23:58:60Z", "2013-350T01:01:01", "1963-06-19 08:30:06Z"],
    ),
    ("date", &["2020-02-29", "1963-06-19"], &["2021-02-29", "2020-13-01", "06/19/1963", "1963-6-19"]),
    ("time", &["08:30:06Z", "23:59:60Z", "08:30:06.283185+01:00"], &["08:30:06", "24:00:00Z", "22:59:60Z", "8:30:06Z"]),
    ("duration", &["P4DT12H30M5S", "P2W", "PT1M", "P1Y2M"], &["P", "PT", "P1Y2D", "P2W1D", "PT1H1S", "1D"]),
    (
        "email",
        &["joe.bloggs@example.com", "te~st@example.com", "joe@[127.0.0.1]"],
        &["2962", "joe..bloggs@example.com", "joe@[127.0.0.300]"],
    ),
    ("hostname", &["www.example.com", "xn--4gbwdl.xn--wgbh1c", "a"], &["-a-host", "not_a_valid_host", "a..b", ""]),
    ("ipv4", &["192.168.0.1"], &["127.0.0.0.1", "256.256.256.256", "087.10.0.1", "1.2.3"]),
    ("ipv6", &["::1", "::ffff:192.168.0.1", "1:d6::42"], &["12345::", "::laptop", "fe80::a%eth1"]),
    (
        "uri",
        &["http://foo.bar/?baz=qux#quux", "urn:isbn:0451450523"],
        &["//foo.bar/?baz=qux#quux", "\\\\WINDOWS\\file", "http:// shouldfail.com"],
    ),
    ("uri_reference", &["/abc", "#fragment", ""], &["\\\\WINDOWS\\fileshare", "#frag\\ment"]),
    ("iri", &["http://ƒøø.ßår/?∂éœ=πîx#πîüx"], &["/abc", "http://2001:0db8:85a3:0000:0000:8a2e:0370:7334"]),
    ("iri_reference", &["http://ƒøø.ßår/?∂éœ=πîx#πîüx", "#ƒrägmênt"], &["\\\\WINDOWS\\filëßåré", "#ƒräg\\mênt"]),
    (
        "uuid",
        &["2EB8AA08-AA98-11EA-B4AA-73B441D16380", "00000000-0000-0000-0000-000000000000"],
        &[
            "2eb8aa08aa9811eab4aa73b441d16380",
            "2eb8aa08-aa98-11ea-b4aa-73b441d1638",
            "{2eb8aa08-aa98-11ea-b4aa-73b441d16380}",
        ],
    ),
    ("json_pointer", &["", "/foo/bar~0/baz~1/%a", "/foo//bar"], &["#", "/foo/bar~", "a/b"]),
    ("relative_json_pointer", &["1", "0/foo/bar", "2#", "120/foo"], &["/foo/bar", "-1/foo", "01/a", "0##"]),
    ("regex", &["([abc])+\\s+$", "\\p{Letter}"], &["^(abc]", "\\a"]),
    (
        "uri_template",
        &["http://example.com/dictionary/{term:1}/{term}", "{+path,x}/here"],
        &["http://example.com/dictionary/{term:1}/{term", "{a b}", "{x:0}"],
    ),
];

#[test]
fn every_asserted_format_accepts_and_rejects_as_its_grammar_says() {
    let spec: Value = serde_norway::from_str(include_str!("../fixtures/formats/formats.yaml")).unwrap();
    let properties = spec["components"]["schemas"]["Formats"]["properties"].as_object().unwrap();
    let asserted: Vec<&str> = properties
        .iter()
        .filter(|(_, s)| s["type"] == "string" && s["format"] != "binary")
        .map(|(k, _)| k.as_str())
        .collect();
    let tested: Vec<&str> = CASES.iter().map(|(field, _, _)| *field).collect();
    assert_eq!(tested, asserted, "a case for every asserted format of the fixture");
    for (field, valid, invalid) in CASES {
        let format = properties[*field]["format"].as_str().unwrap();
        for value in *valid {
            assert_eq!(violations::<Formats>(json!({ *field: value })), [], "{format}: {value:?} is valid");
        }
        for value in *invalid {
            let message = format!("/{field}: must be a valid {format}, got {value:?}");
            let expected = (format!("/{field}"), "format".to_owned(), message);
            assert_eq!(violations::<Formats>(json!({ *field: value })), [expected], "{format}: {value:?} is invalid");
        }
    }
}

#[test]
fn formats_that_are_not_asserted_stay_annotations() {
    assert_eq!(violations::<Formats>(json!({"count": 7, "blob": "not base64 at all"})), []);
}

#[test]
fn items_map_values_and_schemas_held_as_json_are_checked_too() {
    let schedule = json!({
        "days": ["2024-01-31", "2024-02-30"],
        "contacts": {"ada": "ada@example.com", "bob": "bob at example.com"},
        "when": "tomorrow",
    });
    let paths: Vec<String> = violations::<Schedule>(schedule).into_iter().map(|(path, _, _)| path).collect();
    assert_eq!(paths, ["/days/1", "/contacts/bob", "/when"]);
    // Only strings are checked: a number is valid against `format`.
    assert_eq!(violations::<Schedule>(json!({"when": 20240131})), []);
}

#[test]
fn without_the_option_formats_are_annotations_and_cost_nothing() {
    let spec = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/formats/formats.yaml");
    let out = tempfile::tempdir().unwrap();
    let overrides = xtask::config::Overrides {
        spec: Some(spec),
        all: true,
        out: Some(out.path().to_path_buf()),
        crate_name: Some("plain".into()),
        ..Default::default()
    };
    let mut job = xtask::config::Job::new(None, overrides).unwrap();
    let plain = xtask::generate(&job).unwrap();
    assert!(!plain.files.contains_key("src/format.rs"));
    assert!(!plain.files["src/types.rs"].contains("format::check"));
    assert!(!plain.files["Cargo.toml"].contains("fluent-uri"));
    job.assert_formats = true;
    let asserted = xtask::generate(&job).unwrap();
    assert!(asserted.files.contains_key("src/format.rs") && asserted.files["Cargo.toml"].contains("fluent-uri"));
}

/// The generator's list of asserted formats and the runtime's are one list.
#[test]
fn the_runtime_checks_exactly_the_formats_the_generator_asserts() {
    let runtime = include_str!("../formats/src/format.rs");
    let arms: Vec<&str> = runtime
        .lines()
        .filter_map(|line| line.trim().strip_prefix('"')?.split_once("\" =>").map(|(name, _)| name))
        .collect();
    assert_eq!(arms, xtask::vocabulary::ASSERTED_FORMATS);
}
