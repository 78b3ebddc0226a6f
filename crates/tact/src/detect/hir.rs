//! Rewrites of a pattern's syntax tree: the engine's reading of a pack regex
//! (`\b` as an ASCII word boundary), and the looser trees that literal
//! extraction and the prefilter work on.

use regex_syntax::hir::{
    Capture, Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look, Repetition,
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
