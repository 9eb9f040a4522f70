//! The JSON Schema Test Suite (draft 2020-12) through the generator: no
//! case may be wrong, and no file may agree on fewer cases than the
//! committed report `tests/conformance/draft2020-12.txt` says. After an
//! improvement, refresh it with
//! `cargo xtask conformance --suite ../shared/json-schema-test-suite/draft2020-12 > tests/conformance/draft2020-12.txt`.

mod common;

use xtask::conformance::Report;

#[test]
fn the_suite_has_no_wrong_verdict_and_no_file_regresses() {
    let suite = common::shared("json-schema-test-suite/draft2020-12");
    let baseline = common::root().join("tests/conformance/draft2020-12.txt");
    let work = common::root().join("target/conformance-test");
    let args = ["xtask", "conformance", "--suite"].map(std::ffi::OsString::from).into_iter().chain([
        suite.into_os_string(),
        "--baseline".into(),
        baseline.clone().into_os_string(),
        "--work".into(),
        work.into_os_string(),
    ]);
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let code = xtask::cli::run(args, &mut stdout, &mut stderr);
    let (stdout, stderr) = (String::from_utf8(stdout).unwrap(), String::from_utf8(stderr).unwrap());
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    let report = Report::parse(&stdout).unwrap();
    let total = report.total();
    assert_eq!(total.wrong, 0, "{stderr}");
    assert_eq!(total.total(), 1299, "the suite has 1,299 cases: {stdout}");
    assert!(stdout.lines().last().unwrap().starts_with("conformance: 1299 cases, "), "{stdout}");
    // The committed report is this run's, so that improvements are recorded.
    let committed = Report::parse(&std::fs::read_to_string(&baseline).unwrap()).unwrap();
    assert_eq!(report, committed, "refresh tests/conformance/draft2020-12.txt (see the top of this file)");
}
