//! Rule packs: TOML files of rules that the engine's primitives run.
//!
//! A pack is data. Each rule names a primitive (`kind`) and gives it its lists,
//! along with the words a writer sees (message, suggestion, rationale) and the
//! examples that must and must not be flagged. See `rules/README.md` for the
//! format reference.

mod builtin;
mod error;
mod schema;

use std::sync::Arc;

use toml::Spanned;

pub use builtin::builtin;
pub use error::PackError;

use crate::detect::passive::{Class, PassiveDetector};
use crate::detect::pattern::Pattern;
use crate::detect::personal_data::{DataClass, PersonalDataDetector};
use crate::diagnostic::Severity;
use crate::span::Span;
use schema::{PackFile, RuleSpec};

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
    /// Why it matters, for `tact explain`.
    pub rationale: String,
    /// Sentences that must be flagged.
    pub flag_examples: Vec<String>,
    /// Sentences that must not be flagged.
    pub pass_examples: Vec<String>,
    pub(crate) detector: Detector,
    /// A hit is dropped when its sentence matches one of these.
    pub(crate) unless: Vec<Pattern>,
}

impl Rule {
    /// The primitive this rule runs, as written in the pack.
    pub fn kind(&self) -> &'static str {
        match self.detector {
            Detector::Phrase(_) => "phrase",
            Detector::Pattern(_) => "pattern",
            Detector::Passive { .. } => "passive",
            Detector::PersonalData { .. } => "personal-data",
        }
    }

    /// The pack part of the id.
    pub fn pack(&self) -> &str {
        self.id.split_once('.').map_or(&self.id, |(p, _)| p)
    }
}

/// What a rule looks for, per primitive.
#[derive(Debug)]
pub(crate) enum Detector {
    /// Literal phrases, matched case-insensitively on word boundaries.
    Phrase(Vec<String>),
    /// Regular expressions; a group named `hit` narrows the reported span.
    Pattern(Vec<Pattern>),
    /// One class of passive, found by the pack's shared passive detector.
    Passive {
        class: Class,
        detector: Arc<PassiveDetector>,
    },
    /// One class of data request, found by the pack's shared detector.
    PersonalData {
        class: DataClass,
        detector: Arc<PersonalDataDetector>,
    },
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
        let source_text: Arc<str> = Arc::from(source);
        let err = |span: Option<std::ops::Range<usize>>, message: String, help: Option<String>| {
            PackError {
                origin: origin.to_string(),
                source_text: source_text.clone(),
                span: span.map(|r| Span::new(r.start, r.end)),
                message,
                help,
            }
        };
        let file: PackFile = toml::from_str(source)
            .map_err(|e| err(e.span(), e.message().trim().to_string(), None))?;
        let name = file.pack.name.get_ref();
        if !is_identifier(name) {
            return Err(err(
                Some(file.pack.name.span()),
                format!("pack name `{name}` is not a valid name"),
                Some(IDENT_HELP.into()),
            ));
        }
        let spec_err = |(span, message, help): SpecError| err(Some(span), message, help);
        let passive = shared(&file.passive, PassiveDetector::new).map_err(spec_err)?;
        let personal_data = shared(&file.personal_data, |l| PersonalDataDetector::new(l, eager))
            .map_err(spec_err)?;
        let mut rules: Vec<Arc<Rule>> = Vec::with_capacity(file.rule.len());
        for spec in file.rule {
            let rule_span = spec.span();
            let spec = spec.into_inner();
            let id = spec.id.get_ref();
            if !is_identifier(id) {
                return Err(err(
                    Some(spec.id.span()),
                    format!("rule id `{id}` is not a valid id"),
                    Some(IDENT_HELP.into()),
                ));
            }
            let full_id = format!("{name}.{id}");
            if rules.iter().any(|r| r.id == full_id) {
                return Err(err(
                    Some(spec.id.span()),
                    format!("duplicate rule id `{id}`"),
                    Some("every rule in a pack needs its own id".into()),
                ));
            }
            let rule = build_rule(
                full_id,
                spec,
                rule_span,
                passive.as_ref(),
                personal_data.as_ref(),
                eager,
            )
            .map_err(spec_err)?;
            rules.push(Arc::new(rule));
        }
        Ok(Pack {
            name: name.clone(),
            description: file.pack.description,
            origin: origin.to_string(),
            rules,
        })
    }
}

const PASSIVE_CLASSES: &str = "evasive, agentless, with-agent";

const DATA_CLASSES: &str = "unexplained-request, never-ask";

const IDENT_HELP: &str = "use lowercase letters, digits and hyphens, starting with a letter";

fn is_identifier(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

type SpecError = (std::ops::Range<usize>, String, Option<String>);

fn build_rule(
    id: String,
    spec: RuleSpec,
    rule_span: std::ops::Range<usize>,
    passive: Option<&Arc<PassiveDetector>>,
    personal_data: Option<&Arc<PersonalDataDetector>>,
    eager: bool,
) -> Result<Rule, SpecError> {
    let kind = spec.kind.get_ref().as_str();
    let detector = match kind {
        "phrase" => {
            forbid(&spec.patterns, "patterns", kind)?;
            let phrases = required(spec.phrases, "phrases", kind, &rule_span)?;
            let mut out = Vec::with_capacity(phrases.len());
            for phrase in phrases {
                let text = phrase.get_ref().trim();
                if text.is_empty() {
                    return Err((phrase.span(), "empty phrase".into(), None));
                }
                out.push(text.to_string());
            }
            Detector::Phrase(out)
        }
        "pattern" => {
            forbid(&spec.phrases, "phrases", kind)?;
            let patterns = required(spec.patterns, "patterns", kind, &rule_span)?;
            let compiled = patterns
                .iter()
                .map(|p| compile_spanned(p, eager))
                .collect::<Result<_, _>>()?;
            Detector::Pattern(compiled)
        }
        "passive" => {
            let (class, detector) = classed(
                &spec,
                &rule_span,
                "passive",
                Class::parse,
                PASSIVE_CLASSES,
                passive,
            )?;
            Detector::Passive { class, detector }
        }
        "personal-data" => {
            let (class, detector) = classed(
                &spec,
                &rule_span,
                "personal-data",
                DataClass::parse,
                DATA_CLASSES,
                personal_data,
            )?;
            Detector::PersonalData { class, detector }
        }
        other => {
            return Err((
                spec.kind.span(),
                format!("unknown rule kind `{other}`"),
                Some("expected one of: phrase, pattern, passive, personal-data".into()),
            ))
        }
    };
    let unless = spec
        .unless
        .iter()
        .map(|u| compile_spanned(u, eager))
        .collect::<Result<_, _>>()?;
    Ok(Rule {
        id,
        severity: spec.severity,
        message: spec.message,
        suggestion: spec.suggestion,
        replacement: spec.replacement,
        rationale: spec.rationale,
        flag_examples: spec.examples.flag,
        pass_examples: spec.examples.pass,
        detector,
        unless,
    })
}

/// The class and the pack's shared detector for a rule whose word lists live
/// in a pack-level table (`[passive]`, `[personal-data]`).
fn classed<C, D>(
    spec: &RuleSpec,
    rule_span: &std::ops::Range<usize>,
    table: &str,
    parse: fn(&str) -> Option<C>,
    classes: &str,
    detector: Option<&Arc<D>>,
) -> Result<(C, Arc<D>), SpecError> {
    let kind = spec.kind.get_ref();
    forbid(&spec.phrases, "phrases", kind)?;
    forbid(&spec.patterns, "patterns", kind)?;
    let help = || Some(format!("expected one of: {classes}"));
    let Some(class) = &spec.class else {
        return Err((
            rule_span.clone(),
            format!("a `{kind}` rule needs `class`"),
            help(),
        ));
    };
    let Some(parsed) = parse(class.get_ref()) else {
        let message = format!("unknown {kind} class `{}`", class.get_ref());
        return Err((class.span(), message, help()));
    };
    let Some(detector) = detector else {
        let message = format!("a `{kind}` rule needs the pack's `[{table}]` lists");
        return Err((spec.kind.span(), message, None));
    };
    Ok((parsed, detector.clone()))
}

/// Build the detector of a pack-level table, once for all the pack's rules.
fn shared<L, D>(
    lists: &Option<Spanned<L>>,
    build: impl Fn(&L) -> Result<D, String>,
) -> Result<Option<Arc<D>>, SpecError> {
    lists
        .as_ref()
        .map(|l| {
            build(l.get_ref())
                .map(Arc::new)
                .map_err(|m| (l.span(), m, None))
        })
        .transpose()
}

fn compile_spanned(source: &Spanned<String>, eager: bool) -> Result<Pattern, SpecError> {
    Pattern::new(source.get_ref(), eager).map_err(|e| (source.span(), e, None))
}

fn required(
    list: Option<Spanned<Vec<Spanned<String>>>>,
    field: &str,
    kind: &str,
    rule_span: &std::ops::Range<usize>,
) -> Result<Vec<Spanned<String>>, SpecError> {
    match list {
        None => Err((
            rule_span.clone(),
            format!("a `{kind}` rule needs `{field}`"),
            None,
        )),
        Some(list) if list.get_ref().is_empty() => Err((
            list.span(),
            format!("`{field}` is empty"),
            Some(format!("list at least one of the rule's {field}")),
        )),
        Some(list) => Ok(list.into_inner()),
    }
}

fn forbid<T>(field: &Option<Spanned<T>>, name: &str, kind: &str) -> Result<(), SpecError> {
    match field {
        Some(f) => Err((
            f.span(),
            format!("`{name}` does not apply to a `{kind}` rule"),
            None,
        )),
        None => Ok(()),
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
