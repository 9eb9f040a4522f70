//! Spec prose is Markdown, not Rust.
//!
//! Descriptions become doc comments, and rustdoc reads doc comments as its
//! own Markdown: a code block without a language (fenced or indented) is a
//! Rust doctest that `cargo test` compiles, a `[word]` that names no link is
//! an intra-doc link it fails to resolve, and an HTML tag left open is a
//! warning. [`for_rustdoc`] rewrites exactly those places, found by the same
//! Markdown parser rustdoc uses (pulldown-cmark), so that `cargo doc` with
//! `-D warnings` and `cargo test --doc` pass on every generated crate,
//! whatever the spec says:
//!
//! - a fence whose info string rustdoc takes for Rust (none, `rust`, or
//!   only rustdoc's attributes such as `ignore`) gets `text`;
//! - an indented code block becomes a `text` fence;
//! - the brackets of a reference that resolves to nothing are escaped;
//! - inline and block HTML is escaped, so it reads as the spec wrote it;
//! - a bare URL gets angle brackets (rustdoc's `bare_urls`).

use std::ops::Range;

use pulldown_cmark::{BrokenLink, CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

/// Fence info words that rustdoc reads as attributes of a Rust doctest.
const RUST_FENCE_WORDS: &[&str] = &[
    "rust",
    "ignore",
    "no_run",
    "should_panic",
    "compile_fail",
    "test_harness",
    "standalone_crate",
    "edition2015",
    "edition2018",
    "edition2021",
    "edition2024",
];

/// One rewrite of the source text.
struct Edit {
    range: Range<usize>,
    with: String,
}

/// `text` with its Rust-looking code blocks, dangling references and HTML
/// made inert for rustdoc; text that has none of them comes back unchanged.
pub fn for_rustdoc(text: &str) -> String {
    let mut edits = Vec::new();
    let mut dangling: Vec<Range<usize>> = Vec::new();
    let parser = Parser::new_with_broken_link_callback(
        text,
        Options::empty(),
        Some(|link: BrokenLink<'_>| {
            dangling.push(link.span.clone());
            None
        }),
    );
    // Text inside a link or a code block is no bare URL.
    let (mut in_link, mut in_code) = (0usize, false);
    for (event, range) in parser.into_offset_iter() {
        match event {
            Event::Start(Tag::Link { .. }) => in_link += 1,
            Event::End(TagEnd::Link) => in_link = in_link.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(_) if in_link == 0 && !in_code => edits.extend(bare_urls(text, range.clone())),
            _ => {}
        }
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if is_rust(&info) => {
                edits.push(fence_info(text, range));
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) => edits.push(indented_block(text, range)),
            Event::Html(html) | Event::InlineHtml(html) => {
                let escaped = html.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
                edits.push(Edit { range, with: escaped });
            }
            _ => {}
        }
    }
    for span in dangling {
        edits.extend(edits_for_brackets(text, span));
    }
    apply(text, edits)
}

/// Whether rustdoc runs a fenced block with this info string as Rust.
fn is_rust(info: &str) -> bool {
    info.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|word| !word.is_empty())
        .all(|word| RUST_FENCE_WORDS.contains(&word))
}

/// The opening fence line of the block at `range`, with `text` as its info.
fn fence_info(text: &str, range: Range<usize>) -> Edit {
    let block = &text[range.clone()];
    let line_end = block.find('\n').unwrap_or(block.len());
    let line = &block[..line_end];
    let indent = line.len() - line.trim_start().len();
    let marker = line.trim_start().chars().next().unwrap_or('`');
    let fence_len = line[indent..].chars().take_while(|c| *c == marker).count();
    let fence = &line[..indent + fence_len];
    Edit { range: range.start..range.start + line_end, with: format!("{fence}text") }
}

/// The indented block at `range` as a `text` fence, its indentation removed.
fn indented_block(text: &str, range: Range<usize>) -> Edit {
    // The range starts after the first line's indentation: take whole lines.
    let start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let block = &text[start..range.end];
    let lines: Vec<&str> = block.trim_end_matches('\n').split('\n').collect();
    let dedent = |line: &'_ str| -> String {
        if let Some(rest) = line.strip_prefix('\t') {
            rest.to_owned()
        } else {
            let spaces = line.len() - line.trim_start_matches(' ').len();
            line[spaces.min(4)..].to_owned()
        }
    };
    let body: Vec<String> = lines.iter().map(|line| dedent(line)).collect();
    let newline = if block.ends_with('\n') { "\n" } else { "" };
    Edit { range: start..range.end, with: format!("```text\n{}\n```{newline}", body.join("\n")) }
}

/// `<url>` for each bare URL in the text at `range`.
fn bare_urls(text: &str, range: Range<usize>) -> Vec<Edit> {
    let part = &text[range.clone()];
    let mut edits = Vec::new();
    let mut from = 0;
    while let Some(found) = ["https://", "http://"].iter().filter_map(|scheme| part[from..].find(scheme)).min() {
        let start = from + found;
        let rest = &part[start..];
        let len = rest.find(|c: char| c.is_whitespace() || "<>\"'`)]".contains(c)).unwrap_or(rest.len());
        // Sentence punctuation after a URL is not part of it.
        let url = rest[..len].trim_end_matches(['.', ',', ';', ':', '!', '?']);
        let at = range.start + start;
        edits.push(Edit { range: at..at + url.len(), with: format!("<{url}>") });
        from = start + url.len().max(1);
    }
    edits
}

/// `\[` and `\]` for the outer brackets of a reference that names no link.
fn edits_for_brackets(text: &str, span: Range<usize>) -> Vec<Edit> {
    let inner = &text[span.clone()];
    let mut edits = Vec::new();
    if inner.starts_with('[') {
        edits.push(Edit { range: span.start..span.start + 1, with: "\\[".into() });
    }
    if let Some(close) = inner.find(']').filter(|i| *i > 0) {
        let at = span.start + close;
        edits.push(Edit { range: at..at + 1, with: "\\]".into() });
    }
    edits
}

/// The edits applied in order; one that overlaps an earlier one is dropped
/// (an edit never needs another inside it).
fn apply(text: &str, mut edits: Vec<Edit>) -> String {
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in edits {
        if edit.range.start < at {
            continue;
        }
        out.push_str(&text[at..edit.range.start]);
        out.push_str(&edit.with);
        at = edit.range.end;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What rustdoc would run as a doctest, or resolve as an intra-doc link.
    fn rustdoc_hazards(text: &str) -> Vec<String> {
        let mut hazards = Vec::new();
        let parser = Parser::new_with_broken_link_callback(
            text,
            Options::empty(),
            Some(|link: BrokenLink<'_>| {
                hazards.push(format!("link {}", link.reference));
                None
            }),
        );
        let events: Vec<Event<'_>> = parser.collect();
        for event in events {
            match event {
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if is_rust(&info) => {
                    hazards.push(format!("rust fence {info:?}"));
                }
                Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) => hazards.push("indented".into()),
                Event::Html(html) | Event::InlineHtml(html) => hazards.push(format!("html {html}")),
                _ => {}
            }
        }
        hazards
    }

    #[test]
    fn rust_looking_fences_become_text_and_others_stay() {
        let text = "Example:\n\n```\n{\"a\": 1}\n```\n\n```json\n{}\n```\n\n~~~~ rust,ignore\nx\n~~~~\n";
        let out = for_rustdoc(text);
        assert_eq!(out, "Example:\n\n```text\n{\"a\": 1}\n```\n\n```json\n{}\n```\n\n~~~~text\nx\n~~~~\n");
        assert!(rustdoc_hazards(&out).is_empty());
    }

    #[test]
    fn indented_blocks_become_text_fences() {
        let text = "Send this:\n\n    {\"type\": \"session.update\"}\n      nested\n\nThen wait.";
        let out = for_rustdoc(text);
        assert_eq!(out, "Send this:\n\n```text\n{\"type\": \"session.update\"}\n  nested\n```\n\nThen wait.");
        assert!(rustdoc_hazards(&out).is_empty(), "{out}");
        // A list's continuation is no code block, and stays.
        let list = "- one\n    continued\n- two";
        assert_eq!(for_rustdoc(list), list);
    }

    #[test]
    fn dangling_references_and_html_are_escaped() {
        let text = "limited to [0.6, 1.2] and [ISO-639-1](https://example.com), see [Tool] or <b>bold</b>.";
        let out = for_rustdoc(text);
        assert_eq!(
            out,
            "limited to \\[0.6, 1.2\\] and [ISO-639-1](https://example.com), see \\[Tool\\] or &lt;b&gt;bold&lt;/b&gt;."
        );
        assert!(rustdoc_hazards(&out).is_empty(), "{out}");
    }

    #[test]
    fn bare_urls_get_angle_brackets() {
        let text = "See https://example.com/a. Or [the docs](https://example.com/b), `https://x`, <https://y>.";
        let out = for_rustdoc(text);
        assert_eq!(out, "See <https://example.com/a>. Or [the docs](https://example.com/b), `https://x`, <https://y>.");
    }

    #[test]
    fn plain_prose_is_unchanged() {
        for text in ["A session.", "Two\nlines with `code` and *emphasis*.", "", "[a](b) [c]: not a definition"] {
            let out = for_rustdoc(text);
            assert!(rustdoc_hazards(&out).is_empty(), "{text:?} → {out:?}");
        }
        assert_eq!(for_rustdoc("A session.\n\nSecond paragraph."), "A session.\n\nSecond paragraph.");
    }
}
