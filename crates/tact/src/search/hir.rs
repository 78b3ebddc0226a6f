//! Rewrites of a pattern's syntax tree: the engine's reading of a pack regex
//! (`\b` as an ASCII word boundary), and the looser trees that literal
//! extraction and the prefilter work on.

use regex_syntax::hir::{
    Capture, Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange, Hir, HirKind,
    Look, Repetition,
};

/// The tree a pack pattern runs as: read case-insensitively, `\b` an
/// ASCII word boundary.
pub(crate) fn exact(source: &str) -> Result<Hir, String> {
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(true)
        .build()
        .parse(source)
        .map_err(|e| format!("invalid regex: {e}"))?;
    Ok(rewrite(hir, &ascii_boundary, true))
}

/// The [loosened](loosen) tree of a pack pattern, which is read
/// case-sensitively (see there).
pub(crate) fn loose(source: &str) -> Option<Hir> {
    let hir = regex_syntax::Parser::new().parse(source).ok()?;
    Some(loosen(&hir))
}

/// `\b` and friends as ASCII word boundaries: a Unicode one makes the regex
/// engine give up its fast DFA on any non-ASCII text.
pub(crate) fn ascii_boundary(look: Look) -> Hir {
    Hir::look(match look {
        Look::WordUnicode => Look::WordAscii,
        Look::WordUnicodeNegate => Look::WordAsciiNegate,
        Look::WordStartUnicode => Look::WordStartAscii,
        Look::WordEndUnicode => Look::WordEndAscii,
        Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
        Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
        other => other,
    })
}

/// For the prefilter: a sentence edge is somewhere inside the text, so `^` and
/// `$` match anything (a superset, which is all a prefilter needs).
pub(crate) fn drop_anchors(look: Look) -> Hir {
    match look {
        Look::Start | Look::End | Look::StartLF | Look::EndLF | Look::StartCRLF | Look::EndCRLF => {
            Hir::empty()
        }
        other => Hir::look(other),
    }
}

/// Rebuild `hir` with every look-around assertion mapped by `look`; capture
/// groups are kept, or dropped so that many patterns with a `hit` group can
/// be joined into one.
pub(crate) fn rewrite(hir: Hir, look: &dyn Fn(Look) -> Hir, captures: bool) -> Hir {
    let again = |h: Hir| rewrite(h, look, captures);
    match hir.into_kind() {
        HirKind::Look(l) => look(l),
        HirKind::Capture(c) if !captures => again(*c.sub),
        HirKind::Capture(c) => Hir::capture(Capture {
            sub: Box::new(again(*c.sub)),
            ..c
        }),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            sub: Box::new(again(*r.sub)),
            ..r
        }),
        HirKind::Concat(subs) => Hir::concat(subs.into_iter().map(again).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.into_iter().map(again).collect()),
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(l) => Hir::literal(l.0),
        HirKind::Class(Class::Unicode(c)) if !captures => {
            Hir::class(Class::Unicode(ascii_exact(c)))
        }
        HirKind::Class(c) => Hir::class(c),
    }
}

/// A looser tree for asking whether a sentence may match, far quicker to
/// compile: bounded repetitions unbounded (`[^.!?]{0,40}` compiles 40
/// copies of its class; `[^.!?]*` one), no capture groups, and each class
/// its ASCII members plus, if it has others, any run of non-ASCII bytes
/// (case folding alone puts `ſ` in every `s` and the Kelvin sign in every
/// `k`, and Unicode classes compile to large UTF-8 automata).
///
/// It is matched against the sentence with its ASCII letters lowercased, so
/// `hir` is the pattern read case-sensitively and a literal stays a literal,
/// lowercased: reading the pattern case-insensitively turned every letter
/// into a class, folded the Unicode way, which took most of the time to
/// build the loose pattern and made it larger. Every text the pattern
/// matches, read case-insensitively with `\b` an ASCII boundary, this
/// matches once lowercased.
pub(crate) fn loosen(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(l) => match std::str::from_utf8(&l.0) {
            Ok(text) => loose_literal(text),
            // Raw bytes, in a pattern that turned Unicode off: any run.
            Err(_) => run_of(0, 0xFF),
        },
        HirKind::Class(Class::Unicode(c)) => ascii_or_high_bytes(&ascii_folded(c)),
        HirKind::Class(Class::Bytes(c)) => {
            let mut class = c.clone();
            class.case_fold_simple();
            Hir::class(Class::Bytes(class))
        }
        HirKind::Look(l) => ascii_boundary(*l),
        HirKind::Repetition(r) => Hir::repetition(Repetition {
            min: r.min.min(1),
            max: None,
            greedy: r.greedy,
            sub: Box::new(loosen(&r.sub)),
        }),
        HirKind::Capture(c) => loosen(&c.sub),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(loosen).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(loosen).collect()),
    }
}

/// A literal, lowercased: runs of ASCII as they are, and each char whose
/// case folds reach past ASCII (`k`, `s`, and the non-ASCII letters) as
/// its ASCII folds or any run of non-ASCII bytes.
fn loose_literal(text: &str) -> Hir {
    let mut parts = Vec::new();
    let mut run = Vec::new();
    for c in text.chars() {
        if c.is_ascii() && !matches!(c.to_ascii_lowercase(), 'k' | 's') {
            run.push(c.to_ascii_lowercase() as u8);
            continue;
        }
        if !run.is_empty() {
            parts.push(Hir::literal(std::mem::take(&mut run)));
        }
        let mut class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
        class.case_fold_simple();
        parts.push(ascii_or_high_bytes(&class));
    }
    if !run.is_empty() {
        parts.push(Hir::literal(run));
    }
    Hir::concat(parts)
}

/// The chars outside ASCII that fold to an ASCII letter, with the letter.
const FOLDS_TO_ASCII: [(char, char); 2] = [('\u{17F}', 's'), ('\u{212A}', 'k')];

/// `class`'s ASCII members and every ASCII letter that folds to one of
/// them (folding only those: a Unicode class like `\w` is large), with one
/// non-ASCII member standing for all the others if it has any.
fn ascii_folded(class: &ClassUnicode) -> ClassUnicode {
    let has = |c: char| {
        class
            .ranges()
            .iter()
            .any(|r| r.start() <= c && c <= r.end())
    };
    let mut ascii = ClassUnicode::new(
        class
            .ranges()
            .iter()
            .filter(|r| r.start().is_ascii())
            .map(|r| ClassUnicodeRange::new(r.start(), r.end().min('\x7f')))
            .chain(
                FOLDS_TO_ASCII
                    .iter()
                    .filter(|(other, _)| has(*other))
                    .map(|&(_, letter)| ClassUnicodeRange::new(letter, letter)),
            ),
    );
    ascii.case_fold_simple();
    if class.ranges().iter().any(|r| !r.end().is_ascii()) {
        ascii.push(ClassUnicodeRange::new('\u{80}', '\u{80}'));
    }
    ascii
}

fn ascii_or_high_bytes(class: &ClassUnicode) -> Hir {
    let ascii = class
        .ranges()
        .iter()
        .filter(|r| r.start().is_ascii())
        .map(|r| ClassBytesRange::new(r.start() as u8, r.end().min('\x7f') as u8));
    let ascii = Hir::class(Class::Bytes(ClassBytes::new(ascii)));
    if class.ranges().iter().all(|r| r.end().is_ascii()) {
        return ascii;
    }
    Hir::alternation(vec![ascii, run_of(0x80, 0xFF)])
}

/// One or more bytes from `from` to `to`.
fn run_of(from: u8, to: u8) -> Hir {
    Hir::repetition(Repetition {
        min: 1,
        max: None,
        greedy: true,
        sub: Box::new(Hir::class(Class::Bytes(ClassBytes::new([
            ClassBytesRange::new(from, to),
        ])))),
    })
}

/// For the prefilter: a class keeps its ASCII members and takes in every
/// non-ASCII char if it has any. A superset, and a far smaller automaton than
/// Unicode `\w` or a case-folded class, so the prefilter compiles fast.
fn ascii_exact(class: ClassUnicode) -> ClassUnicode {
    let mut ranges: Vec<ClassUnicodeRange> = class
        .ranges()
        .iter()
        .filter(|r| r.start() <= '\x7f')
        .map(|r| ClassUnicodeRange::new(r.start(), r.end().min('\x7f')))
        .collect();
    if class.ranges().iter().any(|r| r.end() > '\x7f') {
        ranges.push(ClassUnicodeRange::new('\u{80}', char::MAX));
    }
    ClassUnicode::new(ranges)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_k_and_s_fold_across_ascii() {
        let mut others: Vec<ClassUnicodeRange> = vec![ClassUnicodeRange::new('\u{80}', char::MAX)];
        for (other, letter) in FOLDS_TO_ASCII {
            let mut one = ClassUnicode::new([ClassUnicodeRange::new(other, other)]);
            one.case_fold_simple();
            assert!(one
                .ranges()
                .iter()
                .any(|r| r.start() <= letter && letter <= r.end()));
            let mut rest = ClassUnicode::new(others);
            rest.difference(&ClassUnicode::new([ClassUnicodeRange::new(other, other)]));
            others = rest.ranges().to_vec();
        }
        let mut rest = ClassUnicode::new(others);
        rest.case_fold_simple();
        assert!(rest.ranges().iter().all(|r| !r.start().is_ascii()));
        // And the other way: only k and s fold past ASCII.
        let mut ascii = ClassUnicode::new([ClassUnicodeRange::new('\0', '\x7f')]);
        ascii.case_fold_simple();
        let beyond: Vec<char> = ascii
            .ranges()
            .iter()
            .flat_map(|r| r.start()..=r.end())
            .filter(|c| !c.is_ascii())
            .collect();
        assert_eq!(beyond, ['\u{17F}', '\u{212A}']);
    }
}
