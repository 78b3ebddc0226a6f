//! Rule packs: TOML files of rules that the engine's primitives run.
//!
//! A pack is data. Each rule names a primitive (`kind`) and gives it its lists,
//! along with the words a writer sees (message, suggestion, rationale) and the
//! examples that must and must not be flagged. See `rules/README.md` for the
//! format reference. This module reads what every pack and rule has; each
//! kind reads its own fields and tables (`primitive/`).

mod error;
pub(crate) mod prepared;
mod schema;

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use toml::de::{DeTable, DeValue};
use toml::Spanned;

pub use error::PackError;

use crate::diagnostic::{Applicability, Severity};
use crate::primitive::{self, Kind, Load, RuleTable, Spec, SpecError, Table, KINDS};
use crate::search::Pattern;
use crate::span::Span;
use crate::window::{Window, WindowSpec};
use schema::{PackHeader, RuleSpec, RULE_FIELDS};

/// A pack's `[windows]`, by name.
type Windows = BTreeMap<String, Arc<Window>>;

/// A loaded, validated pack.
#[derive(Clone, Debug)]
pub struct Pack {
    /// The pack's name: the first part of its rule ids.
    pub name: String,
    /// One line on what the pack flags.
    pub description: String,
    /// Where the pack came from (a path, or `builtin:NAME`).
    pub origin: String,
    /// The rules, in file order.
    pub rules: Vec<Arc<Rule>>,
}

/// One rule of a pack.
#[derive(Debug)]
pub struct Rule {
    /// Full id, `pack.rule`.
    pub id: String,
    /// Default severity.
    pub severity: Severity,
    /// What the customer hears.
    pub message: String,
    /// Advice on a better phrasing.
    pub suggestion: Option<String>,
    /// Mechanical replacement text, when one fits.
    pub replacement: Option<String>,
    /// How safe its replacements (the rule's or its kind's) are to apply
    /// unread: `fix = "safe"` in the pack, else unsafe.
    pub fix: Applicability,
    /// Why it matters, for `tact explain`.
    pub rationale: String,
    /// Sentences that must be flagged.
    pub flag_examples: Vec<String>,
    /// Sentences that must not be flagged.
    pub pass_examples: Vec<String>,
    /// The primitive this rule runs.
    pub(crate) kind: &'static Kind,
    /// What its kind read of the rule.
    pub(crate) spec: Box<dyn Spec>,
    /// A hit is dropped when its sentence matches one of these.
    pub(crate) unless: Vec<Pattern>,
    /// Cues in the sentences around a hit that cancel it or change its
    /// severity.
    pub(crate) window: Option<Arc<Window>>,
}

impl Rule {
    /// The primitive this rule runs, as written in the pack.
    pub fn kind(&self) -> &'static str {
        self.kind.name
    }

    /// The pack part of the id.
    pub fn pack(&self) -> &str {
        self.id.split_once('.').map_or(&self.id, |(p, _)| p)
    }
}

impl Pack {
    /// Parse and validate a pack from its TOML source. `origin` names it in
    /// errors (a file path, or `builtin:NAME`).
    pub fn parse(origin: &str, source: &str) -> Result<Pack, PackError> {
        Pack::load(origin, source, true)
    }

    /// Parse a pack, compiling its patterns now (`eager`) or on first use.
    /// Only the built-in packs load lazily; a test loads them eagerly, so a
    /// pattern over the size limit cannot hide in them.
    pub(crate) fn load(origin: &str, source: &str, eager: bool) -> Result<Pack, PackError> {
        let document = DeTable::parse(source).map_err(|e| PackError {
            origin: origin.to_string(),
            source_text: Arc::from(source),
            span: e.span().map(|r| Span::new(r.start, r.end)),
            message: e.message().trim().to_string(),
            help: None,
        })?;
        Pack::from_document(origin, source, document, eager)
    }

    /// A pack from its parsed document (and the source it was parsed from,
    /// for errors).
    fn from_document(
        origin: &str,
        source: &str,
        document: Spanned<DeTable<'_>>,
        eager: bool,
    ) -> Result<Pack, PackError> {
        let err = |(span, message, help): SpecError| PackError {
            origin: origin.to_string(),
            source_text: Arc::from(source),
            span: Some(Span::new(span.start, span.end)),
            message,
            help,
        };
        read(document, Load { eager })
            .map_err(err)
            .map(|(header, rules)| Pack {
                name: header.name.into_inner(),
                description: header.description,
                origin: origin.to_string(),
                rules,
            })
    }
}

/// The pack's header and its rules. Values are moved out of the document as
/// they are read, not copied: the built-in packs are read on every run.
fn read(
    document: Spanned<DeTable<'_>>,
    load: Load,
) -> Result<(PackHeader, Vec<Arc<Rule>>), SpecError> {
    let span = document.span();
    let mut header = None;
    let mut rules = None;
    let mut windows = None;
    let mut tables: Vec<(&'static Kind, &'static Table, Spanned<DeValue<'_>>)> = Vec::new();
    for (key, value) in document.into_inner() {
        match key.get_ref().as_ref() {
            "pack" => header = Some(primitive::deserialize::<PackHeader>(value)?),
            "rule" => rules = Some(value),
            "windows" => windows = Some(value),
            name => match KINDS
                .iter()
                .find_map(|k| Some((*k, k.table.as_ref()?)).filter(|(_, t)| t.name == name))
            {
                Some((kind, table)) => tables.push((kind, table, value)),
                None => {
                    let mut valid = vec!["pack", "rule", "windows"];
                    valid.extend(KINDS.iter().filter_map(|k| Some(k.table.as_ref()?.name)));
                    return Err(unknown_key(&key, &valid));
                }
            },
        }
    }
    let Some(header) = header else {
        return Err((span, "missing field `pack`".into(), None));
    };
    let name = header.name.get_ref();
    if !is_identifier(name) {
        return Err((
            header.name.span(),
            format!("pack name `{name}` is not a valid name"),
            Some(IDENT_HELP.into()),
        ));
    }
    let windows = match windows {
        None => Windows::new(),
        Some(value) => primitive::deserialize::<BTreeMap<String, WindowSpec>>(value)?
            .into_iter()
            .map(|(name, spec)| Ok((name, Arc::new(Window::new(spec, load)?))))
            .collect::<Result<_, SpecError>>()?,
    };
    // In the order of the kinds, so that a table that builds on another
    // kind's finds it read.
    tables.sort_by_key(|(kind, _, _)| KINDS.iter().position(|k| std::ptr::eq(*k, *kind)));
    let mut shared: Vec<(&'static Kind, Box<dyn Spec>)> = Vec::new();
    for (kind, table, value) in tables {
        let read = (table.read)(value, &shared, load)?;
        shared.push((kind, read));
    }
    let items = match rules.map(|r| (r.span(), r.into_inner())) {
        None => Vec::new(),
        Some((_, DeValue::Array(items))) => items.into_iter().collect(),
        Some((span, _)) => {
            let message = "invalid type: expected an array of `[[rule]]` tables";
            return Err((span, message.into(), None));
        }
    };
    let mut out: Vec<Arc<Rule>> = Vec::with_capacity(items.len());
    for item in items {
        let (rule, id_span) = read_rule(name, item, &shared, &windows, load)?;
        if out.iter().any(|r| r.id == rule.id) {
            let id = rule.id.split_once('.').map_or("", |(_, id)| id);
            return Err((
                id_span,
                format!("duplicate rule id `{id}`"),
                Some("every rule in a pack needs its own id".into()),
            ));
        }
        out.push(Arc::new(rule));
    }
    Ok((header, out))
}

/// One `[[rule]]`: the fields every rule has, then its kind's; and the span
/// of its id.
fn read_rule(
    pack: &str,
    item: Spanned<DeValue<'_>>,
    shared: &[(&'static Kind, Box<dyn Spec>)],
    windows: &Windows,
    load: Load,
) -> Result<(Rule, Range<usize>), SpecError> {
    let span = item.span();
    let kind = kind_of(&item);
    let DeValue::Table(table) = item.into_inner() else {
        return Err((
            span,
            "invalid type: expected a `[[rule]]` table".into(),
            None,
        ));
    };
    // The keys first: a misspelt one would otherwise show as a missing one.
    if let Some(kind) = kind {
        for key in table.keys() {
            let k = key.get_ref().as_ref();
            if RULE_FIELDS.contains(&k) || kind.fields.contains(&k) {
                continue;
            }
            if KINDS.iter().any(|other| other.fields.contains(&k)) {
                let message = format!("`{k}` does not apply to a `{}` rule", kind.name);
                return Err((key.span(), message, None));
            }
            let valid: Vec<&str> = RULE_FIELDS.iter().chain(kind.fields).copied().collect();
            return Err(unknown_key(key, &valid));
        }
    }
    // The kind's own fields apart from those every rule has.
    let (mut common, mut own) = (DeTable::new(), DeTable::new());
    for (key, value) in table {
        let mine = kind.is_some_and(|k| k.fields.contains(&key.get_ref().as_ref()));
        if mine { &mut own } else { &mut common }.insert(key, value);
    }
    let spec: RuleSpec =
        primitive::deserialize(Spanned::new(span.clone(), DeValue::Table(common)))?;
    let id = spec.id.get_ref();
    if !is_identifier(id) {
        return Err((
            spec.id.span(),
            format!("rule id `{id}` is not a valid id"),
            Some(IDENT_HELP.into()),
        ));
    }
    let Some(kind) = kind else {
        let names: Vec<&str> = KINDS.iter().map(|k| k.name).collect();
        return Err((
            spec.kind.span(),
            format!("unknown rule kind `{}`", spec.kind.get_ref()),
            Some(format!("expected one of: {}", names.join(", "))),
        ));
    };
    let table = RuleTable {
        value: Spanned::new(span, DeValue::Table(own)),
        kind_span: spec.kind.span(),
        replacement: spec.replacement.as_deref(),
    };
    let pack_table = primitive::table_of(shared, kind);
    let kind_spec = (kind.read_rule)(table, pack_table, load)?;
    let unless = spec
        .unless
        .iter()
        .map(|u| primitive::compile(u, load))
        .collect::<Result<_, _>>()?;
    let window = match &spec.window {
        None => None,
        Some(name) => Some(windows.get(name.get_ref()).cloned().ok_or_else(|| {
            let hint = crate::did_you_mean(name.get_ref(), windows.keys().map(String::as_str));
            (
                name.span(),
                format!("no window `{}` in the pack's `[windows]`", name.get_ref()),
                hint.map(|h| format!("did you mean `{h}`?")),
            )
        })?),
    };
    let fix = match &spec.fix {
        None => Applicability::Unsafe,
        Some(f) => match f.get_ref().as_str() {
            "safe" => Applicability::Safe,
            "unsafe" => Applicability::Unsafe,
            other => {
                return Err((
                    f.span(),
                    format!("unknown fix applicability `{other}`"),
                    Some("expected \"safe\" (keeps the meaning) or \"unsafe\" (a rephrasing to read); a rule with no replacement needs none".into()),
                ))
            }
        },
    };
    let rule = Rule {
        id: format!("{pack}.{id}"),
        severity: spec.severity,
        message: spec.message,
        suggestion: spec.suggestion,
        replacement: spec.replacement,
        fix,
        rationale: spec.rationale,
        flag_examples: spec.examples.flag,
        pass_examples: spec.examples.pass,
        kind,
        spec: kind_spec,
        unless,
        window,
    };
    Ok((rule, spec.id.span()))
}

/// The kind a rule's table names, if it names a known one.
fn kind_of(item: &Spanned<DeValue<'_>>) -> Option<&'static Kind> {
    let DeValue::Table(table) = item.get_ref() else {
        return None;
    };
    let (_, kind) = table.iter().find(|(k, _)| k.get_ref() == "kind")?;
    let DeValue::String(name) = kind.get_ref() else {
        return None;
    };
    KINDS.iter().copied().find(|k| k.name == name)
}

/// An unknown key, with the valid ones and the closest of them.
fn unknown_key(key: &Spanned<std::borrow::Cow<'_, str>>, valid: &[&str]) -> SpecError {
    let name = key.get_ref();
    let list: Vec<String> = valid.iter().map(|v| format!("`{v}`")).collect();
    (
        key.span(),
        format!(
            "unknown field `{name}`, expected one of {}",
            list.join(", ")
        ),
        crate::did_you_mean(name, valid.iter().copied()).map(|m| format!("did you mean `{m}`?")),
    )
}

const IDENT_HELP: &str = "use lowercase letters, digits and hyphens, starting with a letter";

fn is_identifier(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The packs compiled into the library, so `tact` works with no config at all.
pub(crate) const SOURCES: &[(&str, &str)] = &[
    (
        "dismissal",
        include_str!("../../../../rules/dismissal.toml"),
    ),
    ("gotcha", include_str!("../../../../rules/gotcha.toml")),
    (
        "ownership",
        include_str!("../../../../rules/ownership.toml"),
    ),
    (
        "next-step",
        include_str!("../../../../rules/next-step.toml"),
    ),
    ("passive", include_str!("../../../../rules/passive.toml")),
    ("pii", include_str!("../../../../rules/pii.toml")),
];

// `BUILTIN_PACKS` and `PACK_CODE`: each built-in pack's TOML tree, prepared
// (see `prepared.rs`), generated from `rules/` by a test (`tables.rs`).
include!("builtin_packs.rs");

/// The built-in packs, read once per process: from their prepared trees,
/// or parsed where the source has changed since those were written.
pub fn builtin() -> &'static [Pack] {
    static PACKS: OnceLock<Vec<Pack>> = OnceLock::new();
    PACKS.get_or_init(|| {
        SOURCES
            .iter()
            .map(|(name, source)| {
                let origin = format!("builtin:{name}");
                let pack = match prepared_tree(name, source) {
                    Some(tree) => Pack::from_document(&origin, source, tree, false),
                    None => Pack::load(&origin, source, false),
                };
                pack.unwrap_or_else(|e| {
                    panic!("built-in pack is invalid (a test catches this): {e}")
                })
            })
            .collect()
    })
}

/// The prepared tree of built-in pack `name`, if one was written from
/// `source` as it is.
fn prepared_tree(name: &str, source: &'static str) -> Option<Spanned<DeTable<'static>>> {
    let (_, len, hash, range) = BUILTIN_PACKS.iter().find(|(n, ..)| *n == name)?;
    if *len != source.len() || *hash != prepared::source_hash(source) {
        return None;
    }
    prepared::decode(PACK_CODE.get(range.clone())?, source)
}

#[cfg(test)]
mod builtin_tests {
    use super::*;

    /// The built-in packs compile lazily; here every pattern is compiled, so
    /// none can fail (or exceed the size limit) on first use.
    /// A built-in pack's prepared tree is used for the source it was
    /// written from and no other: an edited pack is parsed as TOML.
    #[test]
    fn a_prepared_tree_is_only_for_its_own_source() {
        for (name, source) in SOURCES {
            assert!(
                prepared_tree(name, source).is_some(),
                "{name}: run the tables test"
            );
            let edited: &'static str = format!("{source}\n").leak();
            assert!(prepared_tree(name, edited).is_none(), "{name}");
        }
        assert!(prepared_tree("no-such-pack", SOURCES[0].1).is_none());
    }

    #[test]
    fn builtin_packs_compile_eagerly() {
        for (name, source) in SOURCES {
            if let Err(e) = Pack::parse(name, source) {
                panic!("{e}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
[pack]
name = "demo"
description = "A demo."

[[rule]]
id = "as-i-said"
kind = "phrase"
severity = "warning"
phrases = ["as I said"]
message = "m"
rationale = "r"
"#;

    fn error_line(source: &str) -> (String, usize) {
        let e = Pack::parse("demo.toml", source).unwrap_err();
        let span = e.span.expect("error has a span");
        (e.message, source[..span.start].matches('\n').count() + 1)
    }

    #[test]
    fn parses_a_valid_pack() {
        let pack = Pack::parse("demo.toml", GOOD).unwrap();
        assert_eq!(pack.rules[0].id, "demo.as-i-said");
        assert_eq!(pack.rules[0].kind(), "phrase");
    }

    #[test]
    fn unknown_keys_point_at_their_line() {
        let bad = GOOD.replace("message = \"m\"", "mesage = \"m\"");
        let (message, line) = error_line(&bad);
        assert!(message.contains("mesage"), "{message}");
        assert_eq!(line, 11);
    }

    #[test]
    fn bad_regex_points_at_the_pattern() {
        let bad = GOOD
            .replace("kind = \"phrase\"", "kind = \"pattern\"")
            .replace("phrases = [\"as I said\"]", "patterns = [\"(unclosed\"]");
        let (message, line) = error_line(&bad);
        assert!(message.contains("regex"), "{message}");
        assert_eq!(line, 10);
    }

    #[test]
    fn empty_phrase_list_and_duplicate_ids_are_errors() {
        let empty = GOOD.replace("[\"as I said\"]", "[]");
        assert!(error_line(&empty).0.contains("empty"));
        let dup = format!("{GOOD}{}", &GOOD[GOOD.find("[[rule]]").unwrap()..]);
        let (message, line) = error_line(&dup);
        assert!(message.contains("duplicate"), "{message}");
        assert_eq!(line, 14);
    }

    #[test]
    fn detector_kinds_need_a_known_class_and_the_pack_lists() {
        let passive = GOOD
            .replace(
                "kind = \"phrase\"",
                "kind = \"passive\"\nclass = \"evasive\"",
            )
            .replace("phrases = [\"as I said\"]\n", "");
        assert_eq!(
            error_line(&passive).0,
            "a `passive` rule needs the pack's `[passive]` lists"
        );
        let data = GOOD
            .replace(
                "kind = \"phrase\"",
                "kind = \"personal-data\"\nclass = \"sometimes\"",
            )
            .replace("phrases = [\"as I said\"]\n", "");
        let e = Pack::parse("demo.toml", &data).unwrap_err();
        assert_eq!(e.message, "unknown personal-data class `sometimes`");
        assert_eq!(
            e.help.as_deref(),
            Some("expected one of: unexplained-request, never-ask")
        );
    }

    #[test]
    fn unknown_kind_is_an_error() {
        let bad = GOOD.replace("kind = \"phrase\"", "kind = \"vibes\"");
        assert!(error_line(&bad).0.contains("unknown rule kind"));
    }
}
