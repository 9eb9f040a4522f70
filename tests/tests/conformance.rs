//! The JSON Schema Test Suite through the generator, every draft (4, 6, 7,
//! 2019-09, 2020-12) with its `optional/` tests, and the suite's `remotes/`
//! served for `http://localhost:1234/` from disk: no case may be wrong, and
//! no file may agree on fewer cases than the committed report
//! `tests/conformance/DRAFT.txt` says. After an improvement, refresh them
//! with `REALTIME_WHOLE_SPEC=1 REALTIME_CONFORMANCE=write cargo test --test conformance`.
//!
//! Without the slow tier (`REALTIME_WHOLE_SPEC=1`), only draft 2020-12 runs.

mod common;

use xtask::conformance::Report;

/// Each draft's directory and its number of cases (`optional/` included).
const DRAFTS: [(&str, usize); 5] =
    [("draft4", 937), ("draft6", 1270), ("draft7", 1721), ("draft2019-09", 2174), ("draft2020-12", 2225)];

/// The draft the fast tier runs: the newest, whose suite is the largest.
const FAST_DRAFT: &str = "draft2020-12";

#[test]
fn every_draft_has_no_wrong_verdict_and_no_file_regresses() {
    let suite = common::shared("json-schema-test-suite");
    let write = std::env::var("REALTIME_CONFORMANCE").is_ok_and(|v| v == "write");
    // Each draft is a crate to build (half a minute on 2 cores).
    let all = common::slow_tier(&format!("the JSON Schema Test Suite's drafts other than {FAST_DRAFT}"));
    for (draft, cases) in DRAFTS.into_iter().filter(|(draft, _)| all || *draft == FAST_DRAFT) {
        let baseline = common::root().join(format!("tests/conformance/{draft}.txt"));
        let work = common::root().join(format!("target/conformance-test/{draft}"));
        let mut args: Vec<std::ffi::OsString> = ["xtask", "conformance", "--suite"].map(Into::into).into();
        args.push(suite.join(draft).into());
        args.extend(["--remotes".into(), suite.join("remotes").into()]);
        if !write {
            args.extend(["--baseline".into(), baseline.clone().into()]);
        }
        args.extend(["--work".into(), work.into()]);
        let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
        let code = xtask::cli::run(args, &mut stdout, &mut stderr);
        let (stdout, stderr) = (String::from_utf8(stdout).unwrap(), String::from_utf8(stderr).unwrap());
        assert_eq!(code, 0, "{draft}: {stdout}\n{stderr}");
        let report = Report::parse(&stdout).unwrap();
        let total = report.total();
        assert_eq!(total.wrong, 0, "{draft}: {stderr}");
        assert_eq!(total.total(), cases, "{draft} has {cases} cases: {stdout}");
        assert!(stdout.lines().last().unwrap().starts_with(&format!("conformance: {cases} cases, ")), "{stdout}");
        if write {
            std::fs::write(&baseline, &stdout).unwrap();
        }
        // The committed report is this run's, so that improvements are recorded.
        let committed = Report::parse(&std::fs::read_to_string(&baseline).unwrap()).unwrap();
        assert_eq!(report, committed, "{draft}: refresh tests/conformance/{draft}.txt (see the top of this file)");
    }
}
