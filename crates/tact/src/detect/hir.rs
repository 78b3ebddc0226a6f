//! Rewrites of a pattern's syntax tree: the engine's reading of a pack regex
//! (`\b` as an ASCII word boundary), and the looser trees that literal
//! extraction and the prefilter work on.

use regex_syntax::hir::{
    Capture, Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange, Hir, HirKind,
    Look, Repetition,
};

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
/// `hir` is the pattern read case-sensitively and case is folded here, the
/// ASCII way: reading it case-insensitively folds every char and class the
/// Unicode way, which took most of the time to build the loose pattern.
/// Every text the pattern matches, read case-insensitively with `\b` an
/// ASCII boundary, this matches too.
pub(crate) fn loosen(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(l) => match std::str::from_utf8(&l.0) {
            Ok(text) => Hir::concat(text.chars().map(loose_char).collect()),
            Err(_) => {
                let mut class = ClassBytes::new(l.0.iter().map(|&b| ClassBytesRange::new(b, b)));
                class.case_fold_simple();
                Hir::repetition(Repetition {
                    min: 1,
                    max: None,
                    greedy: true,
                    sub: Box::new(Hir::class(Class::Bytes(class))),
                })
            }
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

/// The chars outside ASCII that fold to an ASCII letter, with the letter.
const FOLDS_TO_ASCII: [(char, char); 2] = [('\u{17F}', 's'), ('\u{212A}', 'k')];

/// One char of a literal, loosened: itself if case cannot change it.
fn loose_char(c: char) -> Hir {
    if c.is_ascii() && !c.is_ascii_alphabetic() {
        return Hir::literal([c as u8]);
    }
    let mut class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
    class.case_fold_simple();
    ascii_or_high_bytes(&class)
}

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
    let high = Hir::class(Class::Bytes(ClassBytes::new([ClassBytesRange::new(
        0x80, 0xFF,
    )])));
    let run = Hir::repetition(Repetition {
        min: 1,
        max: None,
        greedy: true,
        sub: Box::new(high),
    });
    Hir::alternation(vec![ascii, run])
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
    fn folds_to_ascii_lists_every_char_outside_ascii_that_folds_into_it() {
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
    }
}
