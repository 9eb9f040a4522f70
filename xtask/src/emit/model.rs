//! `model.json`: the type model a crate was generated from, kept beside it.
//!
//! `cargo xtask codegen --check` reads it back when it finds drift, to
//! report what the new spec changes for users (see [`crate::diff`]) above
//! the diff of the files. One type, and one compiled check, per line, so
//! that its own diff in a review reads type by type.

use crate::ir::TypeSpace;

/// Where the model sits in the generated crate.
pub const PATH: &str = "model.json";

/// The model as JSON, with the do-not-edit preamble as its first member
/// (JSON has no comments).
pub fn render(space: &TypeSpace, spec_display: &str) -> String {
    let line = |value: serde_json::Result<String>| value.expect("the type model is plain data");
    let types: Vec<String> = space
        .types
        .iter()
        .map(|(name, def)| format!("{}: {}", line(serde_json::to_string(name)), line(serde_json::to_string(def))))
        .collect();
    let checks: Vec<String> = space.checks.iter().map(|node| line(serde_json::to_string(node))).collect();
    let pointers: Vec<String> = space.check_pointers.iter().map(|p| line(serde_json::to_string(p))).collect();
    let list = |items: Vec<String>| if items.is_empty() { String::new() } else { format!("\n{}\n", items.join(",\n")) };
    let preamble = format!("by `cargo xtask codegen` from {spec_display}. Do not edit: changes are overwritten.");
    format!(
        "{{\"@generated\": {},\n\"types\": {{{}}},\n\"checks\": [{}],\n\"check_pointers\": [{}],\n\"facts\": {}}}\n",
        line(serde_json::to_string(&preamble)),
        list(types),
        list(checks),
        list(pointers),
        line(serde_json::to_string(&space.facts))
    )
}

/// Reads a model written by [`render`] (by this version of the generator).
pub fn parse(text: &str) -> serde_json::Result<TypeSpace> {
    serde_json::from_str(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Shape, Ty, TypeDef, TypeKind};

    #[test]
    fn the_model_reads_back_equal() {
        let mut space = TypeSpace::default();
        for name in ["A", "B"] {
            let kind = TypeKind::Alias(Ty::new(Shape::Array(Box::new(Ty::new(Shape::Number)))));
            space
                .types
                .insert(name.into(), TypeDef { name: name.into(), pointer: format!("/{name}"), doc: None, kind });
        }
        let text = render(&space, "s.yaml");
        assert!(text.starts_with("{\"@generated\": \"by `cargo xtask codegen` from s.yaml. Do not edit"), "{text}");
        assert_eq!(text.lines().count(), 8, "{text}");
        assert_eq!(parse(&text).unwrap(), space);
        assert_eq!(parse(&render(&TypeSpace::default(), "s.yaml")).unwrap(), TypeSpace::default());
    }
}
