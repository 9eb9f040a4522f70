//! Errors and warnings, each tied to the place in the input that caused it.
//!
//! Every stage reports through these types so that the CLI can print one
//! consistent `error[E0400]:` / `warning[W0100]:` line and choose the exit
//! code. Each carries a [`Code`] from the one table in [`codes`]; the
//! constructors take it, so no site can report without one.

use std::fmt;
use std::path::PathBuf;

pub mod codes;

pub use codes::Code;

/// Where in the input a diagnostic points.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Location {
    /// The file the problem is in, when it is known.
    pub file: Option<PathBuf>,
    /// RFC 6901 JSON Pointer into the document (`""` is the root).
    pub pointer: Option<String>,
    /// 1-based line and column, when the parser reports them.
    pub line_column: Option<(usize, usize)>,
}

impl Location {
    pub fn pointer(pointer: impl Into<String>) -> Self {
        Location { pointer: Some(pointer.into()), ..Location::default() }
    }

    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.file.get_or_insert(file.into());
        self
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        if let Some(file) = &self.file {
            let mut s = file.display().to_string();
            if let Some((line, column)) = self.line_column {
                s.push_str(&format!(":{line}:{column}"));
            }
            parts.push(s);
        } else if let Some((line, column)) = self.line_column {
            parts.push(format!("line {line}, column {column}"));
        }
        if let Some(pointer) = &self.pointer {
            parts.push(format!("at #{pointer}"));
        }
        f.write_str(&parts.join(" "))
    }
}

/// The 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// A failure that stops generation. Always caused by the input (exit code 2),
/// except [`ErrorKind::Io`] on the output side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// What went wrong; an error promoted from a warning keeps the
    /// warning's code, which is what `allow` names.
    pub code: Code,
    /// The code's kind (kept as a field: callers match on it).
    pub kind: ErrorKind,
    pub message: String,
    pub location: Location,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The input cannot be read or parsed as YAML/JSON.
    Syntax,
    /// The document parses but is not what the generator can accept.
    Invalid,
    /// A construct the generator knowingly does not support.
    Unsupported,
    /// A warning promoted to an error by `--deny-warnings`.
    DeniedWarning,
    /// Reading or writing files failed.
    Io,
}

impl Error {
    pub fn new(code: Code, message: impl Into<String>, location: Location) -> Self {
        Error { code, kind: code.kind(), message: message.into(), location }
    }

    /// An error at a JSON pointer of the document.
    pub fn at(code: Code, message: impl Into<String>, pointer: impl Into<String>) -> Self {
        Error::new(code, message, Location::pointer(pointer))
    }

    /// Input that cannot be read or parsed, at the parser's line and column
    /// when it has them.
    pub fn syntax(code: Code, message: impl Into<String>, line_column: Option<(usize, usize)>) -> Self {
        Error::new(code, message, Location { line_column, ..Location::default() })
    }

    /// `unsupported: KEYWORD` at a pointer.
    pub fn unsupported(code: Code, keyword: &str, pointer: impl Into<String>) -> Self {
        Error::at(code, format!("unsupported: {keyword}"), pointer)
    }

    /// An error about a file as a whole.
    pub fn io(code: Code, message: impl Into<String>, file: impl Into<PathBuf>) -> Self {
        Error::new(code, message, Location::default().in_file(file))
    }

    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.location = self.location.in_file(file);
        self
    }
}

/// `LOCATION: MESSAGE`, or the message alone where nothing says where.
fn located(f: &mut fmt::Formatter<'_>, location: &Location, message: &str) -> fmt::Result {
    let location = location.to_string();
    if location.is_empty() { f.write_str(message) } else { write!(f, "{location}: {message}") }
}

/// `error[E0400]: LOCATION: MESSAGE`, as rustc shows its codes.
impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error[{}]: ", self.code)?;
        located(f, &self.location, &self.message)
    }
}

impl std::error::Error for Error {}

/// A spec defect that generation works around; printed as `warning[W0100]:`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub code: Code,
    pub message: String,
    pub location: Location,
}

impl Warning {
    pub fn at(code: Code, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        debug_assert!(code.is_warning(), "{code} is not a warning's code");
        Warning { code, message: message.into(), location: Location::pointer(pointer) }
    }
}

/// `warning[W0100]: LOCATION: MESSAGE`.
impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "warning[{}]: ", self.code)?;
        located(f, &self.location, &self.message)
    }
}

/// Escapes one reference token for use in a JSON Pointer (RFC 6901 §3).
pub fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Unescapes one JSON Pointer reference token.
pub fn unescape_token(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// Appends a token to a JSON Pointer.
pub fn join(pointer: &str, token: impl fmt::Display) -> String {
    format!("{pointer}/{}", escape_token(&token.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_tokens_escape_and_join() {
        assert_eq!(join("/components/schemas", "a/b~c"), "/components/schemas/a~1b~0c");
        assert_eq!(unescape_token("a~1b~0c"), "a/b~c");
    }

    #[test]
    fn location_shows_file_line_and_pointer() {
        let location =
            Location { file: Some("spec.yaml".into()), pointer: Some("/a".into()), line_column: Some((3, 7)) };
        assert_eq!(location.to_string(), "spec.yaml:3:7 at #/a");
        assert_eq!(Location::pointer("").to_string(), "at #");
    }

    #[test]
    fn errors_and_warnings_show_their_code_as_rustc_does() {
        let error = Error::at(Code::DanglingRef, "dangling $ref", "/a").in_file("spec.yaml");
        assert_eq!(error.to_string(), "error[E0400]: spec.yaml at #/a: dangling $ref");
        assert_eq!(error.kind, ErrorKind::Invalid);
        let bare = Error::new(Code::NoJobs, "no jobs", Location::default());
        assert_eq!(bare.to_string(), "error[E0102]: no jobs");
        let warning = Warning::at(Code::PatternInvalid, "/p", "bad pattern");
        assert_eq!(warning.to_string(), "warning[W0103]: at #/p: bad pattern");
    }
}
