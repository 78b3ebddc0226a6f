//! An overlapping search of a literal DFA that walks eight parts of the
//! text at once.
//!
//! A DFA's walk is a chain of dependent loads (byte, class, next state);
//! one walk keeps a core waiting on each. Independent walks, stepped in
//! turn, overlap those waits, as long as a step is short enough that all
//! eight walks' states stay in registers.
//!
//! The text is taken a stretch of eight segments at a time, walk `k`
//! taking segment `k`, so that its bytes lie a constant distance from the
//! others' and one register addresses all eight (eight pointers of their
//! own left too few registers for the states, which spilled to memory on
//! every step). Each walk starts [`WARM_UP`] bytes before its segment, so
//! that a match across two segments is found whole, and reports only the
//! matches that end in its own segment; after each stretch its matches
//! come out segment by segment, in the order one walk would give them.

use super::literal_dfa::{is_match, next, LiteralDfa};

/// Walks at once.
const WALKS: usize = 8;

/// Bytes each walk takes of a stretch. Each walk keeps the states it
/// passed through in a buffer this long (and the warm-up), and the match
/// states among them are picked out after, away from the walks: picking
/// them out as it went would double each step, as the walks run out of
/// registers.
const SEGMENT: usize = 1024;

/// Bytes a walk takes before its segment. A literal longer than this one
/// past it could straddle two segments unseen, so longer literals get one
/// walk (no built-in one is longer than 15 bytes).
const WARM_UP: usize = 32;

/// A stretch: a segment for each walk.
const STRETCH: usize = WALKS * SEGMENT;

/// States checked at once for a match state when picking them out.
const CHUNK: usize = 16;

/// Calls `f(start, end, literal)` for every match of `dfa` in `text`,
/// ASCII case folded, overlapping ones included: in the order of their
/// ends, and at one end in the order the `aho-corasick` crate's
/// `find_overlapping_iter` gives them.
pub(crate) fn for_each_match(
    dfa: &LiteralDfa,
    text: &[u8],
    mut f: impl FnMut(usize, usize, usize),
) {
    let (trans, classes) = dfa.table();
    let mut report = |end: usize, state: u32| dfa.matches_at(state, end, &mut f);
    // One walk up to the first stretch, which starts a warm-up in.
    let head = if dfa.max_len() <= WARM_UP + 1 {
        WARM_UP.min(text.len())
    } else {
        text.len()
    };
    let mut state = walk(trans, classes, dfa.start(), text, 0..head, &mut report);
    let mut at = head;
    // Only a text holding a stretch pays for the states' buffers (33 KB
    // zeroed), which short texts, searched by the sentence, would each pay.
    if text.len() >= at + STRETCH {
        let mut states = [[0u32; WARM_UP + SEGMENT]; WALKS];
        while let Some(stretch) = at
            .checked_sub(WARM_UP)
            .and_then(|from| text.get(from..at + STRETCH))
            .and_then(|s| <&[u8; WARM_UP + STRETCH]>::try_from(s).ok())
        {
            state = walk_stretch(trans, classes, dfa.start(), stretch, &mut states);
            report_stretch(&states, at, &mut report);
            at += STRETCH;
        }
    }
    // What is left after the last stretch, going on from its last walk.
    walk(trans, classes, state, text, at..text.len(), &mut report);
}

/// The eight walks over one stretch (after its warm-up), each keeping the
/// states it passes through; the state the last walk ends in.
fn walk_stretch(
    trans: &[u32],
    classes: &[u8; 256],
    start: u32,
    stretch: &[u8; WARM_UP + STRETCH],
    states: &mut [[u32; WARM_UP + SEGMENT]; WALKS],
) -> u32 {
    let mut walks = [start; WALKS];
    // Step `j` of every walk in turn: the point of the module.
    #[allow(clippy::needless_range_loop)]
    for j in 0..WARM_UP + SEGMENT {
        for k in 0..WALKS {
            let s = next(trans, classes, walks[k], stretch[k * SEGMENT + j]);
            walks[k] = s;
            states[k][j] = s;
        }
    }
    walks[WALKS - 1]
}

/// Report the match states of a stretch that starts at `at`, segment by
/// segment.
fn report_stretch(
    states: &[[u32; WARM_UP + SEGMENT]; WALKS],
    at: usize,
    report: &mut impl FnMut(usize, u32),
) {
    for (k, states) in states.iter().enumerate() {
        // Where the segment's first byte is in the text, and its states.
        let from = at + k * SEGMENT;
        for (c, chunk) in states[WARM_UP..].chunks(CHUNK).enumerate() {
            // Without a branch per state, so the check of a chunk is a
            // few vector instructions; most chunks hold no match.
            if !chunk.iter().fold(false, |any, &s| any | is_match(s)) {
                continue;
            }
            for (i, &s) in chunk.iter().enumerate() {
                if is_match(s) {
                    report(from + c * CHUNK + i + 1, s);
                }
            }
        }
    }
}

/// One walk over `text[range]` from `state`, reporting as it goes; the
/// state it ends in.
fn walk(
    trans: &[u32],
    classes: &[u8; 256],
    mut state: u32,
    text: &[u8],
    range: std::ops::Range<usize>,
    report: &mut impl FnMut(usize, u32),
) -> u32 {
    let offset = range.start;
    for (j, &b) in text[range].iter().enumerate() {
        state = next(trans, classes, state, b);
        if is_match(state) {
            report(offset + j + 1, state);
        }
    }
    state
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::{AhoCorasick, AhoCorasickKind};
    use proptest::prelude::*;

    fn dfa(literals: &[String]) -> LiteralDfa {
        LiteralDfa::new(literals.iter().map(|l| l.as_bytes())).unwrap()
    }

    /// What the crate's own overlapping search finds on the lowercased text.
    fn reference(literals: &[String], text: &str) -> Vec<(usize, usize, usize)> {
        let automaton = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .build(literals)
            .unwrap();
        let lower = text.to_ascii_lowercase();
        automaton
            .find_overlapping_iter(&lower)
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect()
    }

    fn found(literals: &[String], text: &str) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        for_each_match(&dfa(literals), text.as_bytes(), |s, e, p| {
            out.push((s, e, p))
        });
        out
    }

    #[test]
    fn matches_across_the_parts_are_found_once_in_order() {
        let literals: Vec<String> = ["needle", "needles", "le", "e"].map(String::from).to_vec();
        // Needles on every part boundary and across it.
        let text = "x NEEDLES ".repeat(3 * STRETCH / 10 + 3);
        let got = found(&literals, &text);
        assert_eq!(got, reference(&literals, &text));
        assert_eq!(got.iter().filter(|m| m.2 == 1).count(), text.len() / 10);
    }

    proptest! {
        /// On texts long enough to be walked in parts and short ones, the
        /// matches and their order are the crate's own search's.
        #[test]
        fn the_walks_find_what_one_search_finds(
            literals in proptest::collection::vec("[aAbB kñ]{1,12}", 1..12),
            unit in "[aAbB kKñÑ\u{212A}]{1,40}",
            repeat in 1usize..700,
        ) {
            let literals: Vec<String> =
                literals.iter().map(|l| l.to_ascii_lowercase()).collect();
            let text = unit.repeat(repeat);
            prop_assert_eq!(found(&literals, &text), reference(&literals, &text));
        }
    }
}
