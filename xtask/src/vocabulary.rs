//! What the generator knows about each JSON Schema and OpenAPI keyword, in
//! one table. Every list of keywords elsewhere derives from [`KEYWORDS`]:
//! which ones hold subschemas (for the `$id` index), which apply to the
//! value in place (for `unevaluated*`), which assert nothing (for telling
//! an annotation-only `allOf` branch from one that narrows the type), and
//! how two values of one assertion combine when `allOf` merges schemas.
//!
//! A keyword missing from the table is unknown: it asserts nothing in
//! JSON Schema 2020-12, and the generator treats it as such (OpenAPI's
//! `x-` extensions included).

/// What a keyword does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Says nothing about which values are valid (`description`, `format`
    /// when formats are annotations, `$id`, `$defs`).
    Annotation,
    /// Narrows the values of its own schema (`minimum`, `required`).
    Assertion(Merge),
    /// Applies subschemas, to the value or to its parts (`allOf`, `items`).
    Applicator,
}

/// How the values of one assertion keyword in two `allOf` branches combine
/// into one that accepts exactly the values both accept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Merge {
    /// The larger of two numbers (`minimum`, `minLength`).
    Larger,
    /// The smaller of two numbers (`maximum`, `maxLength`).
    Smaller,
    /// The values both lists hold (`enum`).
    Common,
    /// Every name either list holds (`required`).
    Every,
    /// `true` if either is (`uniqueItems`).
    Either,
    /// Only equal values combine; two different ones are kept as JSON and
    /// checked both (`pattern`, `multipleOf`, `const`).
    Equal,
    /// `type`: the types both allow (`integer` is a `number`).
    Types,
}

/// Where a keyword's subschemas are, when it has any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subschemas {
    None,
    /// The value is a schema (`items`, `not`).
    One,
    /// A list of schemas (`allOf`, `prefixItems`).
    List,
    /// Names to schemas (`properties`, `$defs`).
    Map,
}

/// The JSON Schema drafts, oldest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Draft {
    Draft4,
    Draft6,
    Draft7,
    Draft2019,
    Draft2020,
}

#[derive(Debug, Clone, Copy)]
pub struct Keyword {
    pub name: &'static str,
    pub role: Role,
    pub subschemas: Subschemas,
    /// Applies its subschemas to the value itself (not to its items or
    /// properties), so what they evaluate counts for `unevaluated*`.
    pub in_place: bool,
    /// The first draft that has it (OpenAPI's own keywords: draft 4, as
    /// the 3.0 schema object is draft-4-like). In an older draft it is an
    /// unknown keyword, which asserts nothing.
    pub since: Draft,
    /// The typed Rust forms that state it fully (a set of [`Forms`] bits):
    /// a schema whose keywords are all stated by its form, or annotations,
    /// is a plain Rust type; otherwise it is held as JSON and checked.
    pub stated_by: u8,
    /// Its value is an instance, not a schema (`default`, `enum`): a `$ref`
    /// key inside it is data.
    pub holds_data: bool,
}

/// The typed forms of [`Keyword::stated_by`].
pub struct Forms;

impl Forms {
    pub const STRING: u8 = 1;
    pub const NUMBER: u8 = 2;
    pub const BOOLEAN: u8 = 4;
    pub const ARRAY: u8 = 8;
    pub const STRUCT: u8 = 16;
    pub const MAP: u8 = 32;
    /// The type model itself: composition (`allOf`, `oneOf`), references,
    /// `propertyNames` (a map's key constraints, where its schema allows),
    /// and what asserts nothing alone (`then` without `if`, `minContains`
    /// without `contains`).
    pub const MODEL: u8 = 64;
    pub const SCALARS: u8 = Self::STRING | Self::NUMBER | Self::BOOLEAN;
    pub const OBJECTS: u8 = Self::STRUCT | Self::MAP;
    pub const ALL: u8 = Self::SCALARS | Self::ARRAY | Self::OBJECTS;
}

impl Keyword {
    const fn since(self, since: Draft) -> Keyword {
        Keyword { since, ..self }
    }

    const fn stated_by(self, stated_by: u8) -> Keyword {
        Keyword { stated_by, ..self }
    }

    const fn data(self) -> Keyword {
        Keyword { holds_data: true, ..self }
    }

    /// The 2019-09/2020-12 vocabulary an assertion or applicator belongs to
    /// (`validation`, `applicator`, `unevaluated`, `core`): a meta-schema's
    /// `$vocabulary` may leave it out, and then it asserts nothing.
    pub fn vocabulary(&self) -> &'static str {
        match self.role {
            Role::Assertion(_) => "validation",
            Role::Applicator if self.name.starts_with('$') => "core",
            Role::Applicator if self.name.starts_with("unevaluated") => "unevaluated",
            Role::Applicator => "applicator",
            Role::Annotation => "meta-data",
        }
    }
}

const fn annotation(name: &'static str) -> Keyword {
    Keyword {
        name,
        role: Role::Annotation,
        subschemas: Subschemas::None,
        in_place: false,
        since: Draft::Draft4,
        stated_by: 0,
        holds_data: false,
    }
}

const fn assertion(name: &'static str, merge: Merge) -> Keyword {
    Keyword {
        name,
        role: Role::Assertion(merge),
        subschemas: Subschemas::None,
        in_place: false,
        since: Draft::Draft4,
        stated_by: 0,
        holds_data: false,
    }
}

const fn applicator(name: &'static str, subschemas: Subschemas, in_place: bool) -> Keyword {
    Keyword {
        name,
        role: Role::Applicator,
        subschemas,
        in_place,
        since: Draft::Draft4,
        stated_by: 0,
        holds_data: false,
    }
}

/// Every keyword the generator knows, JSON Schema's (drafts 4 to 2020-12)
/// and OpenAPI's.
pub const KEYWORDS: &[Keyword] = &[
    // Core and structure: no assertion of their own.
    annotation("$id").since(Draft::Draft6),
    annotation("id"),
    annotation("$schema"),
    annotation("$anchor").since(Draft::Draft2019),
    annotation("$dynamicAnchor").since(Draft::Draft2020),
    annotation("$comment").since(Draft::Draft7),
    annotation("$vocabulary").since(Draft::Draft2019),
    Keyword { name: "$defs", subschemas: Subschemas::Map, ..annotation("$defs") }.since(Draft::Draft2019),
    Keyword { name: "definitions", subschemas: Subschemas::Map, ..annotation("definitions") },
    // Metadata and content.
    annotation("title"),
    annotation("description"),
    annotation("default").data(),
    annotation("examples").since(Draft::Draft6).data(),
    annotation("deprecated").since(Draft::Draft2019),
    annotation("readOnly").since(Draft::Draft7),
    annotation("writeOnly").since(Draft::Draft7),
    annotation("format"),
    annotation("contentMediaType").since(Draft::Draft7),
    annotation("contentEncoding").since(Draft::Draft7),
    Keyword { subschemas: Subschemas::One, ..annotation("contentSchema") }.since(Draft::Draft2019),
    // OpenAPI's annotations (`nullable` is 3.0's null form, handled apart).
    annotation("example").data(),
    annotation("discriminator"),
    annotation("xml"),
    annotation("externalDocs"),
    // Assertions on any value.
    assertion("type", Merge::Types).stated_by(Forms::ALL),
    assertion("enum", Merge::Common).stated_by(Forms::SCALARS).data(),
    assertion("const", Merge::Equal).since(Draft::Draft6).stated_by(Forms::SCALARS).data(),
    // Numbers.
    assertion("minimum", Merge::Larger).stated_by(Forms::NUMBER),
    assertion("maximum", Merge::Smaller).stated_by(Forms::NUMBER),
    assertion("exclusiveMinimum", Merge::Larger).stated_by(Forms::NUMBER),
    assertion("exclusiveMaximum", Merge::Smaller).stated_by(Forms::NUMBER),
    assertion("multipleOf", Merge::Equal).stated_by(Forms::NUMBER),
    // Strings.
    assertion("minLength", Merge::Larger).stated_by(Forms::STRING),
    assertion("maxLength", Merge::Smaller).stated_by(Forms::STRING),
    assertion("pattern", Merge::Equal).stated_by(Forms::STRING),
    // Arrays.
    assertion("minItems", Merge::Larger).stated_by(Forms::ARRAY),
    assertion("maxItems", Merge::Smaller).stated_by(Forms::ARRAY),
    assertion("uniqueItems", Merge::Either).stated_by(Forms::ARRAY),
    assertion("minContains", Merge::Larger).since(Draft::Draft2019).stated_by(Forms::MODEL),
    assertion("maxContains", Merge::Smaller).since(Draft::Draft2019).stated_by(Forms::MODEL),
    // Objects.
    assertion("required", Merge::Every).stated_by(Forms::STRUCT),
    assertion("minProperties", Merge::Larger).stated_by(Forms::MAP),
    assertion("maxProperties", Merge::Smaller).stated_by(Forms::MAP),
    assertion("dependentRequired", Merge::Equal).since(Draft::Draft2019),
    // Applicators to the value itself.
    applicator("allOf", Subschemas::List, true).stated_by(Forms::MODEL),
    applicator("anyOf", Subschemas::List, true).stated_by(Forms::MODEL),
    applicator("oneOf", Subschemas::List, true).stated_by(Forms::MODEL),
    applicator("not", Subschemas::One, true),
    applicator("if", Subschemas::One, true).since(Draft::Draft7),
    applicator("then", Subschemas::One, true).since(Draft::Draft7).stated_by(Forms::MODEL),
    applicator("else", Subschemas::One, true).since(Draft::Draft7).stated_by(Forms::MODEL),
    applicator("dependentSchemas", Subschemas::Map, true).since(Draft::Draft2019),
    applicator("$ref", Subschemas::None, true).stated_by(Forms::MODEL),
    applicator("$dynamicRef", Subschemas::None, true).since(Draft::Draft2020),
    applicator("$recursiveRef", Subschemas::None, true).since(Draft::Draft2019).stated_by(Forms::MODEL),
    // Applicators to parts of the value.
    applicator("items", Subschemas::One, false).stated_by(Forms::ARRAY),
    applicator("prefixItems", Subschemas::List, false).since(Draft::Draft2020),
    applicator("additionalItems", Subschemas::One, false),
    applicator("contains", Subschemas::One, false).since(Draft::Draft6),
    applicator("unevaluatedItems", Subschemas::One, false).since(Draft::Draft2019).stated_by(Forms::MODEL),
    applicator("properties", Subschemas::Map, false).stated_by(Forms::OBJECTS),
    applicator("patternProperties", Subschemas::Map, false),
    applicator("additionalProperties", Subschemas::One, false).stated_by(Forms::OBJECTS),
    applicator("propertyNames", Subschemas::One, false).since(Draft::Draft6).stated_by(Forms::MODEL),
    applicator("unevaluatedProperties", Subschemas::One, false).since(Draft::Draft2019).stated_by(Forms::MODEL),
];

/// The keyword named `name`, if the generator knows it.
/// The `format`s that assert when formats do (`assert_formats`): each is
/// checked by the generated crate's `format` module (`runtime/format.rs`).
/// Any other format stays an annotation.
pub const ASSERTED_FORMATS: &[&str] = &[
    "date-time",
    "date",
    "time",
    "duration",
    "email",
    "hostname",
    "ipv4",
    "ipv6",
    "uri",
    "uri-reference",
    "iri",
    "iri-reference",
    "uuid",
    "json-pointer",
    "relative-json-pointer",
    "regex",
    "uri-template",
];

pub fn keyword(name: &str) -> Option<&'static Keyword> {
    KEYWORDS.iter().find(|k| k.name == name)
}

/// Whether a keyword says nothing about which values are valid: an
/// annotation, an unknown keyword or an `x-` extension.
/// Whether a keyword's value is an instance (`default`, `enum`), where a
/// `$ref` key is data, not a reference.
pub fn holds_data(name: &str) -> bool {
    keyword(name).is_some_and(|k| k.holds_data)
}

/// Whether a keyword's value maps names to schemas (`properties`,
/// `$defs`): its keys are names, not keywords.
pub fn maps_names_to_schemas(name: &str) -> bool {
    keyword(name).is_some_and(|k| k.subschemas == Subschemas::Map)
}

/// Whether a keyword asserts what no typed Rust form states (`not`,
/// `contains`, `patternProperties`): a schema with it is held as JSON.
pub fn beyond_forms(name: &str) -> bool {
    keyword(name).is_some_and(|k| k.role != Role::Annotation && k.stated_by == 0)
}

/// Whether every keyword of a schema of this typed form (a [`Forms`] bit)
/// is stated by the form or asserts nothing.
pub fn stated_by_form(name: &str, form: u8) -> bool {
    keyword(name).is_none_or(|k| k.role == Role::Annotation || k.stated_by & form != 0)
}

pub fn is_annotation(name: &str) -> bool {
    keyword(name).is_none_or(|k| k.role == Role::Annotation)
}

/// The keywords whose subschemas are laid out as `layout`.
pub fn with_subschemas(layout: Subschemas) -> impl Iterator<Item = &'static str> {
    KEYWORDS.iter().filter(move |k| k.subschemas == layout).map(|k| k.name)
}

/// The keywords that apply subschemas to the value in place.
pub fn in_place() -> impl Iterator<Item = &'static str> {
    KEYWORDS.iter().filter(|k| k.in_place).map(|k| k.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_keyword_is_listed_once() {
        for (i, k) in KEYWORDS.iter().enumerate() {
            assert!(KEYWORDS[..i].iter().all(|other| other.name != k.name), "{} twice", k.name);
        }
    }

    #[test]
    fn roles_answer_the_questions_the_generator_asks() {
        assert!(is_annotation("readOnly") && is_annotation("x-stainless-const") && is_annotation("unknownWord"));
        assert!(!is_annotation("minimum") && !is_annotation("then") && !is_annotation("items"));
        assert_eq!(keyword("minimum").unwrap().role, Role::Assertion(Merge::Larger));
        let in_place: Vec<_> = in_place().collect();
        assert!(in_place.contains(&"$ref") && in_place.contains(&"then") && !in_place.contains(&"items"));
        let lists: Vec<_> = with_subschemas(Subschemas::List).collect();
        assert_eq!(lists, ["allOf", "anyOf", "oneOf", "prefixItems"]);
    }
}
