//! What every rule kind is made of: a [`Kind`] (how its rules read from a
//! pack, how the enabled ones build a [`Primitive`]) and the helpers kinds
//! share.

use std::any::Any;
use std::fmt::Debug;
use std::ops::Range;

use toml::de::DeValue;
use toml::Spanned;

use crate::document::Document;
use crate::span::Span;

/// A rule kind: how its rules read from a pack, and how the linter's
/// selection of them is built into a [`Primitive`].
#[derive(Debug)]
pub(crate) struct Kind {
    /// The `kind` a pack's rule names.
    pub name: &'static str,
    /// The keys a rule of this kind has besides those every rule has.
    pub fields: &'static [&'static str],
    /// The pack-level table the kind's rules share (`[passive]`), if any.
    pub table: Option<Table>,
    /// Read one rule's own fields: the rule's whole table, and the pack's
    /// shared table as [`Table::read`] read it (if the pack has one).
    pub read_rule: ReadRule,
    /// The primitive that runs these enabled rules (each as `read_rule`
    /// read it, with its index in the linter's rule table); `None` when
    /// there is nothing to run.
    pub build: Build,
}

/// A pack-level table a kind's rules share.
#[derive(Debug)]
pub(crate) struct Table {
    /// Its key in the pack (`passive` for `[passive]`).
    pub name: &'static str,
    /// Read it, once for all the pack's rules of the kind.
    pub read: ReadTable,
}

/// [`Table::read`]: the table, and what the pack's tables of the kinds
/// before it in [`KINDS`](super::KINDS) read (a table may build on another
/// kind's, as `[conditions]` on `[classes]`).
pub(crate) type ReadTable =
    fn(Spanned<DeValue<'_>>, &Shared, Load) -> Result<Box<dyn Spec>, SpecError>;

/// A pack's tables as their kinds read them.
pub(crate) type Shared = [(&'static Kind, Box<dyn Spec>)];

/// What `kind`'s table read in a pack, if the pack has the table.
pub(crate) fn table_of<'a>(shared: &'a Shared, kind: &Kind) -> Option<&'a dyn Spec> {
    shared
        .iter()
        .find(|(k, _)| std::ptr::eq(*k, kind))
        .map(|(_, s)| s.as_ref())
}
/// [`Kind::read_rule`].
pub(crate) type ReadRule =
    fn(RuleTable<'_>, Option<&dyn Spec>, Load) -> Result<Box<dyn Spec>, SpecError>;
/// [`Kind::build`].
pub(crate) type Build = fn(&[(usize, &dyn Spec)]) -> Option<Box<dyn Primitive>>;

/// What a rule kind runs on each draft.
pub(crate) trait Primitive: Send + Sync {
    /// The lists of literals for the linter's scan of the text to find.
    fn literals(&self) -> Vec<&[String]> {
        Vec::new()
    }

    /// Push the hits of this kind's rules in `doc`. `found[k]`: where the
    /// scan found the literals of the `k`th list of [`literals`]
    /// (`(start, end, index in the list)`, in the scan's order).
    ///
    /// [`literals`]: Primitive::literals
    fn check(&self, doc: &Document, found: &mut [Vec<Found>], hits: &mut Vec<Hit>);

    /// The rules or packs whose findings this primitive reads, each with
    /// the index of the rule that names it. The linter runs them (hidden
    /// when not enabled) and judges their findings before it runs this
    /// primitive with [`check_after`](Primitive::check_after).
    fn reads_findings(&self) -> Vec<(usize, String)> {
        Vec::new()
    }

    /// Learn the rule indices of the names [`reads_findings`] gave:
    /// `resolve` gives those of one name.
    ///
    /// [`reads_findings`]: Primitive::reads_findings
    fn bind_findings(&mut self, _resolve: &dyn Fn(&str) -> Vec<usize>) {}

    /// [`check`](Primitive::check), given the judged findings of the
    /// primitives that ran before: `(rule index, span)`.
    fn check_after(
        &self,
        doc: &Document,
        found: &mut [Vec<Found>],
        _prior: &[(usize, Span)],
        hits: &mut Vec<Hit>,
    ) {
        self.check(doc, found, hits);
    }

    /// The patterns this primitive gates by their literals, each with the
    /// shortest literal it takes: the built-in ones have their literals in a
    /// generated table (`search/builtin_literals.rs`).
    #[cfg(test)]
    fn gated(&self) -> Vec<(usize, &crate::search::Pattern)> {
        Vec::new()
    }
}

/// Where a literal was found: `(start, end, index in its list)`.
pub(crate) type Found = (usize, usize, usize);

/// A kind's reading of a rule or of a pack table, kept in the pack until a
/// linter builds the kind's primitive, which reads it back with [`spec`].
/// (Take it as `&dyn Spec`: a `Box<dyn Spec>` is a `Spec` too.)
pub(crate) trait Spec: Any + Send + Sync + Debug {
    fn as_any(&self) -> &dyn Any;
}

impl<T: Any + Send + Sync + Debug> Spec for T {
    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A rule's spec, as the kind that read it wrote it.
pub(crate) fn spec<T: Any>(rule: &dyn Spec) -> &T {
    rule.as_any()
        .downcast_ref()
        .expect("a rule's spec is its kind's")
}

/// Whether patterns are compiled as they load (a user's pack, so that an
/// error points at its line) or on first use (the built-in packs).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Load {
    pub eager: bool,
}

/// An error at a span of the pack, with help when there is some to give.
pub(crate) type SpecError = (Range<usize>, String, Option<String>);

/// A rule's own fields in the pack (its kind's, not those every rule has),
/// for its kind to read.
pub(crate) struct RuleTable<'a> {
    /// The fields, spanning the whole rule.
    pub value: Spanned<DeValue<'a>>,
    /// The rule's `kind` value, for errors about the kind.
    pub kind_span: Range<usize>,
    /// The rule's `replacement`, which a kind may fill in (a pattern's
    /// `$group`s).
    pub replacement: Option<&'a str>,
}

impl RuleTable<'_> {
    /// The rule's own fields as `T`.
    pub fn read<T: serde::de::DeserializeOwned>(self) -> Result<T, SpecError> {
        deserialize(self.value)
    }

    /// The rule's whole span.
    pub fn span(&self) -> Range<usize> {
        self.value.span()
    }
}

/// Read a TOML value as `T`, errors at their span.
pub(crate) fn deserialize<T: serde::de::DeserializeOwned>(
    value: Spanned<DeValue<'_>>,
) -> Result<T, SpecError> {
    let span = value.span();
    T::deserialize(toml::de::ValueDeserializer::from(value)).map_err(|e| {
        (
            e.span().unwrap_or(span),
            e.message().trim().to_string(),
            None,
        )
    })
}

/// A list a rule of `kind` must have, and not empty.
pub(crate) fn required<T>(
    list: Option<Spanned<Vec<T>>>,
    field: &str,
    kind: &str,
    rule_span: Range<usize>,
) -> Result<Vec<T>, SpecError> {
    match list {
        None => Err((rule_span, format!("a `{kind}` rule needs `{field}`"), None)),
        Some(list) if list.get_ref().is_empty() => Err((
            list.span(),
            format!("`{field}` is empty"),
            Some(format!("list at least one of the rule's {field}")),
        )),
        Some(list) => Ok(list.into_inner()),
    }
}

/// A pack's regex, compiled now or on first use as `load` says; an error
/// points at it.
pub(crate) fn compile(
    source: &Spanned<String>,
    load: Load,
) -> Result<crate::search::Pattern, SpecError> {
    crate::search::Pattern::new(source.get_ref(), load.eager).map_err(|e| (source.span(), e, None))
}

/// A raw match of one rule, in folded-text bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    /// Index of the rule in the linter's rule table.
    pub rule: usize,
    pub span: Span,
    /// Replacement text computed by the primitive (a pattern's `$group`
    /// expansion), overriding the rule's literal replacement.
    pub replacement: Option<String>,
    /// The bytes the replacement replaces, when wider than the hit (a whole
    /// passive clause rewritten in the active).
    pub fix_span: Option<Span>,
}

/// A rule of a kind whose rules each report one class of what a detector
/// shared by the pack finds (`passive`, `personal-data`): its `class`,
/// parsed, and the pack's detector.
#[derive(Debug)]
pub(crate) struct Classed<C, D> {
    pub class: C,
    pub detector: std::sync::Arc<D>,
}

#[derive(serde::Deserialize)]
struct ClassField {
    class: Option<Spanned<String>>,
}

/// Read a classed rule: `classes` names the valid classes for the help.
pub(crate) fn read_classed<C: Any + Send + Sync + Debug, D: Any + Send + Sync + Debug>(
    rule: RuleTable<'_>,
    shared: Option<&dyn Spec>,
    kind: &Kind,
    parse: fn(&str) -> Option<C>,
    classes: &str,
) -> Result<Box<dyn Spec>, SpecError> {
    let help = || Some(format!("expected one of: {classes}"));
    let (span, kind_span) = (rule.span(), rule.kind_span.clone());
    let ClassField { class } = rule.read()?;
    let Some(class) = class else {
        let message = format!("a `{}` rule needs `class`", kind.name);
        return Err((span, message, help()));
    };
    let Some(parsed) = parse(class.get_ref()) else {
        let message = format!("unknown {} class `{}`", kind.name, class.get_ref());
        return Err((class.span(), message, help()));
    };
    let table = kind.table.as_ref().map_or("", |t| t.name);
    let Some(detector) = shared.and_then(|s| s.as_any().downcast_ref::<std::sync::Arc<D>>()) else {
        let message = format!("a `{}` rule needs the pack's `[{table}]` lists", kind.name);
        return Err((kind_span, message, None));
    };
    Ok(Box::new(Classed {
        class: parsed,
        detector: detector.clone(),
    }))
}

/// A detector a pack's classed rules share, with the rule (its index in the
/// linter's table) that each class reports to.
pub(crate) type Group<C, D> = (std::sync::Arc<D>, Vec<(C, usize)>);

/// Group classed rules by the detector they share, so that each detector
/// runs once per draft and reports each class to its rule.
pub(crate) fn by_detector<C, D>(rules: &[(usize, &dyn Spec)]) -> Vec<Group<C, D>>
where
    C: Any + Copy + PartialEq,
    D: Any,
{
    let mut groups: Vec<Group<C, D>> = Vec::new();
    for &(i, rule) in rules {
        let Classed { class, detector } = spec::<Classed<C, D>>(rule);
        match groups
            .iter_mut()
            .find(|(d, _)| std::sync::Arc::ptr_eq(d, detector))
        {
            Some((_, classes)) => classes.push((*class, i)),
            None => groups.push((detector.clone(), vec![(*class, i)])),
        }
    }
    groups
}

/// The rule a class reports to; a later rule of the same class wins, as a
/// map's insert would.
pub(crate) fn rule_of<C: PartialEq>(classes: &[(C, usize)], class: &C) -> Option<usize> {
    classes
        .iter()
        .rev()
        .find(|(c, _)| c == class)
        .map(|&(_, rule)| rule)
}
