//! The one table of diagnostic codes: every error and warning the generator
//! reports carries one, shown as `error[E0400]: ...` or `warning[W0100]: ...`,
//! so that tests, scripts and `allow` lists name a failure by its code, not
//! by its prose.
//!
//! An id never changes once assigned, and a retired one is never reused:
//! scripts and configs out there name them. Ids are grouped by stage, a
//! hundred to a group, so that a group can grow without renumbering:
//!
//! | ids | stage |
//! |---|---|
//! | `E0001`–`E0099` | load: reading and parsing files, specs split over files |
//! | `E0100`–`E0199` | config and command line |
//! | `E0200`–`E0299` | overlay |
//! | `E0300`–`E0399` | document shape (resolve) |
//! | `E0400`–`E0499` | `$ref`s (resolve) |
//! | `E0500`–`E0599` | IR: schemas the type model cannot take |
//! | `E0800`–`E0899` | output and files |
//! | `E0900`–`E0998` | the other commands (`spec`, `conformance`, `bench`) |
//! | `E0999` | internal error: a generator bug |
//! | `W0001`–`W0099` | overlay warnings |
//! | `W0100`–`W0199` | IR warnings: spec defects worked around |
//!
//! `docs/generator.md` lists the table; a test holds the two equal.

use std::fmt;

use super::ErrorKind;

/// Defines [`Code`] and [`TABLE`] from one list, so that a code cannot be
/// added without its id, kind and summary.
macro_rules! codes {
    ($($(#[$doc:meta])* $name:ident = $id:literal, $kind:ident, $summary:literal;)*) => {
        /// What went wrong, one variant per meaning; [`Code::id`] is its stable id.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($(#[$doc])* $name,)*
        }

        /// Every code in [`Code`]'s order: its id, kind and one-line summary.
        pub const TABLE: &[Entry] = &[
            $(Entry { code: Code::$name, name: stringify!($name), id: $id, kind: ErrorKind::$kind, summary: $summary },)*
        ];
    };
}

codes! {
    // Load: reading and parsing.
    SpecUnreadable = "E0001", Syntax, "the spec file cannot be read";
    NotUtf8 = "E0002", Syntax, "a file is not UTF-8 text";
    InvalidYaml = "E0003", Syntax, "a file is not valid YAML, or nests past the parser's limits";
    InvalidJson = "E0004", Syntax, "a file is not valid JSON, or nests past the parser's limits";
    YamlFlowTooDeep = "E0005", Syntax, "YAML flow collections nest deeper than 1,000 levels";
    // Load: specs split over files.
    RefFileUnreadable = "E0010", Invalid, "a `$ref` names a file that cannot be read";
    RefLeavesRefRoot = "E0011", Invalid, "a `$ref` leaves the reference root (`--ref-root` widens it)";
    RefNotASchema = "E0012", Invalid, "a `$ref` in a schema points at a value that is not a schema";
    RefInlineCycle = "E0013", Invalid, "a `$ref` outside schemas is reached again while what it points at is inlined";
    RefExpansionTooLarge = "E0014", Invalid, "`$ref`s to files expand beyond the inlining limits";
    PathUnresolvable = "E0015", Io, "a path cannot be resolved (the spec's, `--ref-root`, or a file of `spec update`)";

    // Config and command line.
    ConfigUnreadable = "E0100", Syntax, "the config file cannot be read";
    InvalidConfig = "E0101", Syntax, "the config is not valid TOML, or has a key it does not know";
    NoJobs = "E0102", Invalid, "the config has no `[[job]]`";
    DuplicateJob = "E0103", Invalid, "two jobs of the config write the same crate";
    UnknownJob = "E0104", Invalid, "no job of the config has that `crate_name`";
    OverrideNeedsJob = "E0105", Invalid, "an option that changes one job is given without `--job`";
    OutRequired = "E0106", Invalid, "`--spec` is given without `--out`";
    NoConfig = "E0107", Invalid, "no config file and no `--spec`";
    NoRoots = "E0108", Invalid, "no roots: neither `--root` nor `--all` (nor the job's `roots` or `all`)";
    InvalidCrateName = "E0109", Invalid, "the crate name is not a valid package name";
    AllowNotAWarning = "E0110", Invalid, "an `allow` entry (config or `--allow`) is not the code of a warning";
    InvalidCrateVersion = "E0111", Invalid, "a job's `crate_version` is not a SemVer version (`spec update --bump`)";
    BadArguments = "E0112", Invalid, "the command line is not one the CLI takes (the message says why; `--help` says what it takes)";

    // Overlay.
    NotAnOverlay = "E0200", Invalid, "an overlay is not a mapping with an `overlay` version";
    OverlayVersionUnsupported = "E0201", Invalid, "an overlay's version is not 1.x";
    OverlayActionsMissing = "E0202", Invalid, "an overlay has no `actions` list";
    OverlayActionMalformed = "E0203", Invalid, "an overlay action lacks a string `target`, or `update` or `remove: true`, or has both";
    OverlayTargetInvalid = "E0204", Invalid, "an overlay action's `target` is not an RFC 9535 JSONPath";
    OverlayNoLongerApplies = "E0205", Invalid, "an overlay action's target matches nothing (`spec update`, where W0001 is an error)";

    // Document shape.
    NotOpenApi = "E0300", Invalid, "the document is not an OpenAPI document (nor a JSON Schema with `$schema` or `--draft`)";
    OpenApiVersionUnsupported = "E0301", Invalid, "the `openapi` version is not 3.0.x or 3.1.x";
    MissingComponents = "E0302", Invalid, "`components` or `components.schemas` is missing";
    ComponentsNotMapping = "E0303", Invalid, "`components` or `components.schemas` is not a mapping";
    NotASchema = "E0304", Invalid, "a schema is neither a mapping nor a boolean";
    RootNotFound = "E0305", Invalid, "a `--root` (or the job's `roots`) names no schema";
    DialectUnsupported = "E0306", Unsupported, "a `$schema` or `jsonSchemaDialect` names no draft the generator reads";
    TooManyResources = "E0307", Invalid, "a schema references more resources than the generator bundles";

    // References.
    DanglingRef = "E0400", Invalid, "a `$ref` points at nothing";
    ExternalRef = "E0401", Unsupported, "a `$ref` leaves the document (nothing is fetched)";
    RefNotAPointer = "E0402", Unsupported, "a `$ref`'s fragment is not a JSON pointer (`#/...`)";
    RefNotAString = "E0403", Invalid, "a `$ref` is not a string";
    RefNotAUri = "E0404", Invalid, "a `$ref` or `$id` is not a URI reference";

    // IR.
    AllOfCycle = "E0500", Invalid, "a schema includes itself through `allOf`, so it has no finite type";
    KeywordMalformed = "E0501", Invalid, "a keyword's value has the wrong shape (`allOf` not a list, `enum` empty, ...)";
    UnknownType = "E0502", Invalid, "a `type` names no JSON type";
    KeywordUnsupported = "E0503", Unsupported, "a keyword, or a use of one, that the generator does not support";
    RefCycleUntyped = "E0504", Invalid, "a `$ref` cycle of nothing but references (no list or map on it) describes no value";
    EndlessCheckCycle = "E0505", Unsupported, "a `$ref` cycle never descends into the value, so validating would never end";
    PatternPropertyInvalid = "E0506", Invalid, "a `patternProperties` key is not an ECMA-262 regular expression";

    // Output and files.
    OutputNotGenerated = "E0800", Io, "the output directory was not written by the generator, so it is not replaced";
    OutputUnreadable = "E0801", Io, "the existing output cannot be read";
    OutputUnwritable = "E0802", Io, "the output cannot be written";
    FileUnreadable = "E0803", Io, "a file a command needs (fragment, baseline, suite, remote) cannot be read";
    OutputStale = "E0804", Invalid, "a generated crate differs from what its spec generates (`codegen --check`, exit 1)";

    // The other commands.
    FragmentHeaderMissing = "E0900", Invalid, "the fragment's `# Command:` header does not name its roots (`spec update`)";
    FragmentWithoutJob = "E0901", Invalid, "no job of the config generates from the fragment (`spec update`)";
    ExtractRefIntoSchema = "E0902", Unsupported, "`spec extract` would keep a `$ref` into a schema, which dangles in a fragment";
    FragmentUnrenderable = "E0903", Invalid, "the fragment cannot be rendered as YAML (`spec extract`)";
    SuiteDraftUnknown = "E0904", Invalid, "the suite directory's name names no draft: pass `--draft` (`conformance`)";
    SuiteInvalid = "E0905", Io, "the suite has no test files, or a file that is not a test suite file (`conformance`)";
    BaselineInvalid = "E0906", Io, "the baseline is not a conformance report (`conformance`)";
    CommandFailed = "E0907", Io, "a command the generator runs (cargo, a runner) cannot start or fails";
    BenchMarkersMissing = "E0908", Invalid, "`docs/performance.md` lacks a section's `<!-- bench:NAME -->` markers (`bench`)";
    UnknownFuzzTarget = "E0909", Invalid, "no fuzz target has that name (`fuzz`)";
    /// A generator bug, not bad input: the message asks to report it.
    Internal = "E0999", Io, "internal error: a generator bug; please report it";

    // Warnings.
    OverlayTargetUnmatched = "W0001", DeniedWarning, "an overlay action's target matches nothing";
    AllOfNoCommonValue = "W0100", DeniedWarning, "`allOf` branches have no value in common: no value is valid";
    AllOfPropertyRedeclared = "W0101", DeniedWarning, "another `allOf` branch declares a property again; the first declaration is used";
    AssertionValueIgnored = "W0102", DeniedWarning, "an assertion's value has the wrong type (`minimum: \"1\"`); ignored";
    PatternInvalid = "W0103", DeniedWarning, "a `pattern` is not an ECMA-262 regular expression; ignored";
    DefaultRejected = "W0104", DeniedWarning, "a `default` its own schema rejects (outside its enum, `null` where not nullable); ignored";
    NullableIn31 = "W0105", DeniedWarning, "OpenAPI 3.0's `nullable` in a 3.1 document; read as `type: [..., \"null\"]`";
    RequiredUndeclared = "W0106", DeniedWarning, "a `required` property is not declared in `properties`; not checked";
}

/// One row of [`TABLE`].
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    pub code: Code,
    /// The variant's name, as docs show it.
    pub name: &'static str,
    /// The stable id: `E` and four digits for errors, `W` for warnings.
    pub id: &'static str,
    /// The [`ErrorKind`] of an error with this code (a warning's is
    /// [`ErrorKind::DeniedWarning`], what it becomes under `--deny-warnings`).
    pub kind: ErrorKind,
    pub summary: &'static str,
}

impl Code {
    fn entry(self) -> &'static Entry {
        // The macro writes TABLE in the enum's order.
        &TABLE[self as usize]
    }

    /// The stable id, such as `E0400`.
    pub fn id(self) -> &'static str {
        self.entry().id
    }

    pub fn summary(self) -> &'static str {
        self.entry().summary
    }

    pub fn kind(self) -> ErrorKind {
        self.entry().kind
    }

    pub fn is_warning(self) -> bool {
        self.kind() == ErrorKind::DeniedWarning
    }

    /// The code with this id (`W0100`), if any.
    pub fn from_id(id: &str) -> Option<Code> {
        TABLE.iter().find(|entry| entry.id == id).map(|entry| entry.code)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The table as docs/generator.md shows it (Markdown, one row a code).
pub fn markdown_table() -> String {
    let mut out = String::from("| code | name | meaning |\n|---|---|---|\n");
    for entry in TABLE {
        out.push_str(&format!("| {} | `{}` | {} |\n", entry.id, entry.name, entry.summary.replace('|', "\\|")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_in_enum_order_with_unique_well_formed_ids() {
        let mut seen = std::collections::BTreeSet::new();
        for (index, entry) in TABLE.iter().enumerate() {
            assert_eq!(entry.code as usize, index, "{}", entry.name);
            assert!(seen.insert(entry.id), "{} is used twice", entry.id);
            let (letter, digits) = entry.id.split_at(1);
            assert!(digits.len() == 4 && digits.chars().all(|c| c.is_ascii_digit()), "{}", entry.id);
            let expected = if entry.code.is_warning() { "W" } else { "E" };
            assert_eq!(letter, expected, "{}: errors are E, warnings W", entry.id);
            assert_eq!(Code::from_id(entry.id), Some(entry.code));
        }
        assert_eq!(Code::from_id("W9999"), None);
    }

    /// The knowledge is in [`TABLE`]; the docs copy it.
    #[test]
    fn docs_list_every_code_as_the_table_does() {
        let path = crate::project_root().join("docs/generator.md");
        let docs = std::fs::read_to_string(&path).unwrap();
        // The docs' table: from its header row to the first line that is not a row.
        let documented: String = docs
            .lines()
            .skip_while(|line| !line.starts_with("| code | name |"))
            .take_while(|line| line.starts_with('|'))
            .map(|line| format!("{line}\n"))
            .collect();
        let table = markdown_table();
        assert!(
            documented == table,
            "{} must hold the table of codes exactly as xtask/src/diagnostics/codes.rs has it:\n\n{table}",
            path.display()
        );
    }
}
