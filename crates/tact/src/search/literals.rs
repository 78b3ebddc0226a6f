//! The literals a pattern's every match must start or end with, which the
//! pattern gate scans for. Also compiled into the build script, which works
//! them out for the built-in packs ahead of time: finding them takes parsing
//! every pattern, which cost more at start-up than linting a 1 KB draft.

use regex_syntax::hir::literal::{ExtractKind, Extractor};
use regex_syntax::hir::{Hir, HirKind};

use super::hir::{drop_anchors, rewrite};

/// How much of each literal is checked in all: with eight bytes, common
/// openings ("you are ", "you 'll ") sent a pattern to ten times as many
/// sentences as sixteen do.
pub(crate) const LITERAL_BYTES: usize = 16;

/// The shortest literal a rule's pattern is gated on: shorter ones ("so",
/// "go") are in too many sentences to be worth a scan.
pub(crate) const MIN_LITERAL: usize = 3;

/// The shortest literal a personal-data cue is gated on. Cues run only on
/// the few sentences that name a datum, so a short literal still spares
/// most of them; ungated, a cue compiles on every draft that names one.
pub(crate) const MIN_CUE_LITERAL: usize = 2;

/// Which end of a match a required literal sits at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Side {
    Prefix,
    Suffix,
}

/// Literals, lowercase ASCII, at least one of which every match of `source`
/// contains, and which end of each the gate keys on: read case-sensitively,
/// so that "clearly" is one literal, not 128 case variants (the gate compares
/// ASCII case-insensitively). `None` when the pattern has no such set worth
/// scanning for: a literal shorter than `min_len` bytes, a non-ASCII one, or
/// too many.
pub(crate) fn required_literals(source: &str, min_len: usize) -> Option<(Side, Vec<String>)> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(source)
        .ok()?;
    best_literals(&rewrite(hir, &drop_anchors, false), min_len)
}

/// The set whose shortest literal is longest, among the literals every match
/// starts with, those it ends with, and, for a sequence, those of each part:
/// every part of a sequence matches, so `^\W*(?:once )?again\b` contains
/// "again" or "once again" though no literal starts or ends every match.
fn best_literals(hir: &Hir, min_len: usize) -> Option<(Side, Vec<String>)> {
    let shortest = |l: &[String]| l.iter().map(String::len).min().unwrap_or(0);
    let mut best: Option<(Side, Vec<String>)> = None;
    let mut consider = |found: Option<(Side, Vec<String>)>| {
        if let Some((side, list)) = found {
            if best
                .as_ref()
                .is_none_or(|(_, b)| shortest(&list) > shortest(b))
            {
                best = Some((side, list));
            }
        }
    };
    consider(edge_literals(hir, Side::Prefix, min_len));
    consider(edge_literals(hir, Side::Suffix, min_len));
    if let HirKind::Concat(parts) = hir.kind() {
        for part in parts {
            consider(best_literals(part, min_len));
        }
    }
    best
}

/// The literals every match of `hir` starts (or ends) with.
fn edge_literals(hir: &Hir, side: Side, min_len: usize) -> Option<(Side, Vec<String>)> {
    let kind = match side {
        Side::Prefix => ExtractKind::Prefix,
        Side::Suffix => ExtractKind::Suffix,
    };
    let mut seq = Extractor::new()
        .kind(kind)
        .limit_literal_len(LITERAL_BYTES)
        .limit_total(400)
        .extract(hir);
    match side {
        Side::Prefix => seq.keep_first_bytes(LITERAL_BYTES),
        Side::Suffix => seq.keep_last_bytes(LITERAL_BYTES),
    }
    seq.dedup();
    let mut list: Vec<String> = Vec::new();
    for l in seq.literals()? {
        let text = std::str::from_utf8(l.as_bytes()).ok()?;
        if text.len() < min_len || !text.is_ascii() {
            return None;
        }
        list.push(text.to_ascii_lowercase());
    }
    list.sort();
    list.dedup();
    // A match that starts with "as already stated" starts with "as already
    // stat" too: keep only the shorter, the gate checks fewer.
    let covered = |l: &String, by: &String| {
        l != by
            && match side {
                Side::Prefix => l.starts_with(by.as_str()),
                Side::Suffix => l.ends_with(by.as_str()),
            }
    };
    let kept: Vec<String> = list
        .iter()
        .filter(|l| !list.iter().any(|by| covered(l, by)))
        .cloned()
        .collect();
    (!kept.is_empty()).then_some((side, kept))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gate_literals_are_lowercase_and_required() {
        let (side, lits) = required_literals(
            r"\bAs (?:previously|already) (?:stated|SAID)\b",
            MIN_LITERAL,
        )
        .unwrap();
        assert_eq!(side, Side::Prefix);
        assert_eq!(
            lits,
            [
                "as already said",
                "as already state",
                "as previously sa",
                "as previously st"
            ]
        );
        // A literal inside every match, whatever the case.
        let text = "AS ALREADY SAID";
        assert!(lits
            .iter()
            .any(|l| text.to_ascii_lowercase().contains(l.as_str())));
        // A part of a sequence, when nothing starts or ends every match.
        assert_eq!(
            required_literals(
                r"^\W*(?:(?:so )?again|once more)\s*[,:][^.]*\bno\b",
                MIN_LITERAL
            )
            .unwrap(),
            (
                Side::Prefix,
                vec![
                    "again".to_string(),
                    "once more".to_string(),
                    "so again".to_string()
                ]
            )
        );
        // Nothing worth gating on: a class, or a two-letter word.
        assert_eq!(required_literals(r"\w+ed\b", MIN_LITERAL), None);
        assert_eq!(required_literals(r"\bso\b", MIN_LITERAL), None);
        // Unless short literals are allowed, as for the cues.
        assert_eq!(
            required_literals(r"\b(?:go|dm) me\b", MIN_CUE_LITERAL),
            Some((Side::Prefix, vec!["dm me".to_string(), "go me".to_string()]))
        );
        // Suffixes when they are longer than the prefixes.
        // A literal that contains a shorter one at its end adds nothing.
        assert_eq!(
            required_literals(r"\w+ (?:your|all your) fault", MIN_LITERAL).unwrap(),
            (Side::Suffix, vec![" your fault".to_string()])
        );
    }
}
