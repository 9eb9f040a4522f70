//! A bound on YAML flow nesting, checked before the parser sees the text.
//!
//! libyaml (under `serde_norway`) reads the whole event stream before the
//! deserializer's recursion limit (128) can stop it, and its scanner does
//! work proportional to the flow depth for every token: 20,000 nested `[`
//! take seconds and 100,000 take minutes. One linear pass that counts
//! brackets outside quoted scalars and comments stops that early. Its
//! count is approximate (a `[` inside a plain scalar counts too), so the
//! bound is far above anything the parser would accept anyway.

use crate::diagnostics::{Code, Error};

/// Deeper than this is refused; the parser itself stops at 128.
pub const MAX_FLOW_DEPTH: usize = 1_000;

pub fn check(text: &str) -> Result<(), Error> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut previous = '\n';
    let mut chars = text.chars().peekable();
    let (mut line, mut column) = (1usize, 0usize);
    while let Some(c) = chars.next() {
        if c == '\n' {
            (line, column) = (line + 1, 0);
        } else {
            column += 1;
        }
        match (quote, c) {
            (Some('"'), '\\') => {
                chars.next();
                column += 1;
            }
            (Some(open), c) if c == open => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') if previous.is_whitespace() => {
                // A comment runs to the end of the line.
                while chars.next_if(|c| *c != '\n').is_some() {}
            }
            (None, '[' | '{') => {
                depth += 1;
                if depth > MAX_FLOW_DEPTH {
                    return Err(Error::syntax(
                        Code::YamlFlowTooDeep,
                        format!("invalid YAML: nested deeper than {MAX_FLOW_DEPTH} levels"),
                        Some((line, column)),
                    ));
                }
            }
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
        previous = c;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_flow_nesting_is_refused_where_it_gets_too_deep() {
        let deep = format!("a:\n  {}{}", "[".repeat(MAX_FLOW_DEPTH + 5), "]".repeat(MAX_FLOW_DEPTH + 5));
        let error = check(&deep).unwrap_err();
        assert_eq!(error.code, crate::diagnostics::Code::YamlFlowTooDeep);
        assert_eq!(error.location.line_column, Some((2, 3 + MAX_FLOW_DEPTH)));
        let wide = "[1, 2]\n".repeat(MAX_FLOW_DEPTH * 2);
        assert!(check(&wide).is_ok(), "depth, not count");
        // Brackets in quoted scalars and comments do not count.
        let quoted = format!("a: '{0}'\nb: \"{0}\\\"\" # {0}\n", "[".repeat(MAX_FLOW_DEPTH + 1));
        assert!(check(&quoted).is_ok());
    }
}
