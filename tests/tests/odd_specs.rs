//! Odd but valid specs: names that collide, shadow or are not identifiers,
//! text that tries to become code, and sizes that would expose anything
//! quadratic. Each fixture also compiles with `-D warnings`
//! (`fixtures_compile.rs`); here the output is read back with syn, to check
//! that the serde names are exactly the spec's and that no text became an
//! item.

mod common;

use std::collections::BTreeSet;

use serde_json::Value;
use syn::visit::Visit;

/// The spec document, and the generated `types.rs` as text and as syntax.
fn generate(spec: &std::path::Path) -> (Value, String, syn::File) {
    let out = tempfile::tempdir().unwrap();
    let generated = xtask::generate(&common::job_for(spec, out.path())).unwrap();
    let types = generated.files.get("src/types.rs").expect("types.rs");
    let document = xtask::load::load_file(spec).unwrap();
    (document, types.clone(), syn::parse_file(types).unwrap())
}

fn fixture(name: &str) -> std::path::PathBuf {
    common::root().join("tests/fixtures/specs").join(name)
}

/// The pointer in a type's "Generated from `#...`." line.
fn source_pointer(attrs: &[syn::Attribute]) -> Option<String> {
    attrs.iter().find_map(|attr| {
        let syn::Meta::NameValue(doc) = &attr.meta else { return None };
        let syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(text), .. }) = &doc.value else { return None };
        let text = text.value();
        Some(text.strip_prefix(" Generated from `#")?.strip_suffix("`.")?.to_owned())
    })
}

/// The value of `#[serde(rename = "...")]` among `attrs`, and whether
/// `#[serde(flatten)]`, `#[serde(skip_serializing)]` or `#[serde(untagged)]`
/// is there (a field or variant that has no property name of its own).
fn serde_name(attrs: &[syn::Attribute]) -> (Option<String>, bool) {
    let (mut rename, mut special) = (None, false);
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                rename = Some(meta.value()?.parse::<syn::LitStr>()?.value());
            } else if ["flatten", "skip_serializing", "untagged"].iter().any(|word| meta.path.is_ident(word)) {
                special = true;
            } else if meta.input.peek(syn::Token![=]) {
                meta.value()?.parse::<syn::Expr>()?;
            }
            Ok(())
        })
        .unwrap();
    }
    (rename, special)
}

/// For every struct and enum generated from a schema: its serde names, and
/// the names the spec gives (property names, or enum values).
fn names_by_type(document: &Value, file: &syn::File) -> Vec<(String, BTreeSet<String>, BTreeSet<String>)> {
    let mut out = Vec::new();
    for item in &file.items {
        let (ident, attrs, names): (_, _, Vec<(Option<String>, bool, String)>) = match item {
            syn::Item::Struct(s) => match &s.fields {
                syn::Fields::Named(fields) => (
                    &s.ident,
                    &s.attrs,
                    fields
                        .named
                        .iter()
                        .map(|f| {
                            let (rename, special) = serde_name(&f.attrs);
                            let ident = f.ident.as_ref().unwrap().to_string();
                            (rename, special, ident.trim_start_matches("r#").to_owned())
                        })
                        .collect(),
                ),
                _ => continue,
            },
            syn::Item::Enum(e) => (
                &e.ident,
                &e.attrs,
                e.variants
                    .iter()
                    .map(|v| {
                        let (rename, special) = serde_name(&v.attrs);
                        (rename, special, v.ident.to_string())
                    })
                    .collect(),
            ),
            _ => continue,
        };
        let pointer = source_pointer(attrs).unwrap_or_else(|| panic!("`{ident}` says where it comes from"));
        let schema = document.pointer(&pointer).unwrap_or_else(|| panic!("`{ident}`: no schema at {pointer}"));
        let spec_names: BTreeSet<String> = match item {
            syn::Item::Struct(_) => schema["properties"].as_object().unwrap().keys().cloned().collect(),
            _ => match schema.get("enum") {
                Some(values) => values.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()).collect(),
                None => continue, // a union: its variants are schemas, not names
            },
        };
        let serde_names =
            names.into_iter().filter(|(_, special, _)| !special).map(|(r, _, i)| r.unwrap_or(i)).collect();
        out.push((ident.to_string(), serde_names, spec_names));
    }
    out
}

/// A row of a struct's `crate::de::object!` table: the field, its index,
/// the property name it is read from, the seed and the presence.
type Row = (String, String, String, String, String);

/// The arguments of a `crate::de::object!` call, if they have its shape:
/// the type name, the rows, and the field that keeps other properties, if
/// any, with its seed.
fn object_table(call: &syn::ItemMacro) -> Option<(String, Vec<Row>, Option<String>)> {
    use quote::ToTokens;
    let text = |expr: &syn::Expr| expr.to_token_stream().to_string();
    let arguments =
        call.mac.parse_body_with(syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated).ok()?;
    let arguments: Vec<&syn::Expr> = arguments.iter().collect();
    let (ty, syn::Expr::Array(rows)) = (arguments.first()?, arguments.get(1)?) else { return None };
    let rows = rows
        .elems
        .iter()
        .map(|row| match row {
            syn::Expr::Tuple(row) if row.elems.len() == 5 => {
                let cells: Vec<String> = row.elems.iter().map(text).collect();
                Some((cells[0].clone(), cells[1].clone(), cells[2].clone(), cells[3].clone(), cells[4].clone()))
            }
            _ => None,
        })
        .collect::<Option<Vec<Row>>>()?;
    (arguments.len() <= 3).then(|| (text(ty), rows, arguments.get(2).map(|others| text(others))))
}

/// Every `crate::de::object!` table in `file`, by type name.
fn object_tables(file: &syn::File) -> std::collections::BTreeMap<String, (Vec<Row>, Option<String>)> {
    let calls = file.items.iter().filter_map(|item| match item {
        syn::Item::Macro(call) => Some(object_table(call).expect("object! has its shape")),
        _ => None,
    });
    calls.map(|(ty, rows, others)| (ty, (rows, others))).collect()
}

#[test]
fn serde_names_are_exactly_the_specs() {
    for name in ["identifier_sanitizing.yaml", "prelude_shadowing.yaml", "hostile_text.yaml"] {
        let (document, _, file) = generate(&fixture(name));
        let types = names_by_type(&document, &file);
        let tables = object_tables(&file);
        assert!(types.len() >= 3, "{name}: the types are there");
        for (ident, serde_names, spec_names) in types {
            // An enum's catch-all (`Other`) has no serde name of its own.
            let serde_names: BTreeSet<String> =
                serde_names.into_iter().filter(|n| n != "Other" || spec_names.contains(n)).collect();
            assert_eq!(serde_names, spec_names, "{name}: `{ident}` is written with the spec's names");
            // A struct is read by its `object!` table: each property by its
            // own name, at its own index.
            if let Some((rows, _)) = tables.get(&ident) {
                let read: BTreeSet<String> =
                    rows.iter().map(|row| syn::parse_str::<syn::LitStr>(&row.2).unwrap().value()).collect();
                assert_eq!(read, spec_names, "{name}: `{ident}` is read with the spec's names");
                let indexes: Vec<String> = rows.iter().map(|row| row.1.clone()).collect();
                let expected: Vec<String> = (0..rows.len()).map(|i| i.to_string()).collect();
                assert_eq!(indexes, expected, "{name}: `{ident}`");
            }
        }
    }
}

/// Every item in a file, with the items of impls and modules, as
/// `kind name` lines.
#[derive(Default)]
struct Items(Vec<String>);

impl<'ast> Visit<'ast> for Items {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        let line = match item {
            syn::Item::Fn(f) => format!("fn {}", f.sig.ident),
            syn::Item::Struct(s) => format!("struct {}", s.ident),
            syn::Item::Enum(e) => format!("enum {}", e.ident),
            syn::Item::Impl(i) => {
                let target = &i.self_ty;
                match &i.trait_ {
                    Some((path, _)) => {
                        let last = path.segments.last().unwrap();
                        format!("impl {} for {}", last.ident, quote_type(target))
                    }
                    None => format!("impl {}", quote_type(target)),
                }
            }
            syn::Item::Const(c) => format!("const {}", c.ident),
            syn::Item::Static(s) => format!("static {}", s.ident),
            syn::Item::Mod(m) => format!("mod {}", m.ident),
            syn::Item::Type(t) => format!("type {}", t.ident),
            syn::Item::Use(_) => "use".to_owned(),
            syn::Item::Macro(m) => macro_call(m),
            other => format!("other item {}", kind(other)),
        };
        self.0.push(line);
        syn::visit::visit_item(self, item);
    }

    fn visit_impl_item(&mut self, item: &'ast syn::ImplItem) {
        self.0.push(match item {
            syn::ImplItem::Fn(f) => format!("  fn {}", f.sig.ident),
            syn::ImplItem::Const(c) => format!("  const {}", c.ident),
            syn::ImplItem::Type(t) => format!("  type {}", t.ident),
            other => format!("  other impl item {}", kind(other)),
        });
        syn::visit::visit_impl_item(self, item);
    }
}

/// A macro call as `macro NAME!(TYPE, N rows)`, when its arguments are
/// what `de::object!` takes: a type name and a list of rows, each a field
/// name, an integer, a string literal, one of the runtime's seeds and a
/// presence, so that no text of the spec can become anything else there.
fn macro_call(item: &syn::ItemMacro) -> String {
    const SEEDS: [&str; 8] = [
        "as_is",
        "present",
        "integer",
        "integer_or_null",
        "integer_present",
        "integer_nullable",
        "nested_integers",
        "nested_integers_present",
    ];
    let name = item.mac.path.segments.last().unwrap().ident.to_string();
    let shape = object_table(item).and_then(|(ty, rows, others)| {
        let ident = |text: &str| syn::parse_str::<syn::Ident>(text).is_ok();
        let rows_fit = rows.iter().all(|(field, index, property, seed, presence)| {
            ident(field.trim_start_matches("r#"))
                && index.parse::<usize>().is_ok()
                && syn::parse_str::<syn::LitStr>(property).is_ok()
                && SEEDS.contains(&seed.as_str())
                && ["required", "optional"].contains(&presence.as_str())
        });
        let others_fit = others.iter().all(|others| {
            others
                .strip_suffix(')')
                .and_then(|o| o.split_once(" ("))
                .is_some_and(|(field, seed)| ident(field.trim_start_matches("r#")) && SEEDS.contains(&seed))
        });
        (rows_fit && others_fit).then(|| format!("{ty}, {} rows", rows.len()))
    });
    format!("macro {name}!({})", shape.unwrap_or_else(|| "unexpected tokens".to_owned()))
}

fn quote_type(ty: &syn::Type) -> String {
    match ty {
        syn::Type::Path(path) => path.path.segments.last().unwrap().ident.to_string(),
        _ => "?".to_owned(),
    }
}

fn kind<T>(_: &T) -> &'static str {
    std::any::type_name::<T>()
}

#[test]
fn hostile_text_stays_text() {
    let (_, source, file) = generate(&fixture("hostile_text.yaml"));
    let mut items = Items::default();
    items.visit_file(&file);
    let inline = "EndDocXPubFnInjectedTickNLineNextCrNulU202eRloU2066LriU200f";
    let expected: Vec<String> = [
        "struct Hostile",
        "macro object!(Hostile, 4 rows)",
        "impl Hostile",
        "  const TEXT_DEFAULT",
        "  fn text_or_default",
        "impl Validate for Hostile",
        "  fn validate_at",
        "static REGEX",
        &format!("struct {inline}"),
        &format!("macro object!({inline}, 1 rows)"),
        &format!("impl Validate for {inline}"),
        "enum Choice",
        "impl Choice",
        "  const VALUES",
        "  fn as_str",
        "impl Display for Choice",
        "  fn fmt",
        "impl From for Choice",
        "  fn from",
        "impl Deserialize for Choice",
        "  fn deserialize",
        "impl Validate for Choice",
        "  fn validate_at",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(items.0, expected, "{:#?}", items.0);
    // The text is all there, as string literals and doc comments.
    assert!(source.contains("pub fn injected() {}"), "the hostile text survives as text");
    assert!(!source.contains('\u{202e}'), "bidi controls are escaped in docs");
}

#[test]
fn a_5000_value_enum_and_a_3000_schema_chain_generate_with_every_name() {
    let dir = tempfile::tempdir().unwrap();
    let specs = common::write_large_specs(dir.path());
    let (document, _, file) = generate(&specs[0]);
    let types = names_by_type(&document, &file);
    let (_, serde_names, spec_names) = types.iter().find(|(ident, ..)| ident == "Big").unwrap();
    assert_eq!(spec_names.len(), 5_000);
    assert_eq!(&serde_names.iter().filter(|n| *n != "Other").cloned().collect::<BTreeSet<_>>(), spec_names);
    let (document, _, file) = generate(&specs[1]);
    let structs = names_by_type(&document, &file);
    assert_eq!(structs.len(), 3_000);
    assert!(structs.iter().all(|(_, serde, spec)| serde == spec));
}
