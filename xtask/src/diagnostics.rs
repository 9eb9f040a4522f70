//! Errors and warnings, each tied to the place in the input that caused it.
//!
//! Every stage reports through these types so that the CLI can print one
//! consistent `error:` / `warning:` line and choose the exit code.

use std::fmt;
use std::path::PathBuf;

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
    pub fn new(kind: ErrorKind, message: impl Into<String>, location: Location) -> Self {
        Error { kind, message: message.into(), location }
    }

    pub fn invalid(message: impl Into<String>, pointer: impl Into<String>) -> Self {
        Error::new(ErrorKind::Invalid, message, Location::pointer(pointer))
    }

    /// Input that cannot be read or parsed, at the parser's line and column
    /// when it has them.
    pub fn syntax(message: impl Into<String>, line_column: Option<(usize, usize)>) -> Self {
        Error::new(ErrorKind::Syntax, message, Location { line_column, ..Location::default() })
    }

    pub fn unsupported(keyword: &str, pointer: impl Into<String>) -> Self {
        Error::new(ErrorKind::Unsupported, format!("unsupported: {keyword}"), Location::pointer(pointer))
    }

    pub fn io(message: impl Into<String>, file: impl Into<PathBuf>) -> Self {
        Error::new(ErrorKind::Io, message, Location::default().in_file(file))
    }

    pub fn in_file(mut self, file: impl Into<PathBuf>) -> Self {
        self.location = self.location.in_file(file);
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let location = self.location.to_string();
        if location.is_empty() { f.write_str(&self.message) } else { write!(f, "{location}: {}", self.message) }
    }
}

impl std::error::Error for Error {}

/// A spec defect that generation works around; printed as `warning:`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub message: String,
    pub location: Location,
}

impl Warning {
    pub fn at(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Warning { message: message.into(), location: Location::pointer(pointer) }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
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
}
