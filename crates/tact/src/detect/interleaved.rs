//! An overlapping search of a literal DFA that walks eight parts of the
//! text at once.
//!
//! A DFA's walk is a chain of dependent loads (byte, class, next state);
//! one walk keeps a core waiting on each. Independent walks, stepped in
//! turn, overlap those waits: the scan of a long text took a quarter of a
//! run, and four walks took it to under half of that; eight, once a step
//! was cut to 8 instructions, took a long run 4% less. Each walk starts a
//! literal's length early, so that a match across two parts is found
//! whole, and reports only the matches that end in its own part; the
//! matches come out in the order one walk would give them.

use super::literal_dfa::{is_match, next, LiteralDfa};

/// Walks at once.
const WALKS: usize = 8;

/// Steps between reports: each walk keeps the states it passed through in a
/// buffer this long, and the match states among them are picked out after,
/// away from the walks. Picking them out as it went (a branch-free note of
/// each step) took each step from 8 instructions to 17, as the walks ran
/// out of registers.
const BLOCK: usize = 512;

/// States checked at once for a match state when picking them out.
const CHUNK: usize = 16;

/// Below this length one walk is as quick (the buffers cost more).
const MIN_INTERLEAVED: usize = 4 * BLOCK;

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
    let start = dfa.start();
    let mut report = |end: usize, state: u32| dfa.matches_at(state, end, &mut f);
    let warm_up = dfa.max_len().saturating_sub(1);
    if text.len() < MIN_INTERLEAVED.max(WALKS * warm_up) {
        walk(dfa, start, text, &mut report);
        return;
    }
    // Walk `k` reports the matches ending in `bounds[k] + 1..=bounds[k + 1]`.
    let bounds: [usize; WALKS + 1] = std::array::from_fn(|k| text.len() * k / WALKS);
    let mut at = bounds;
    let mut state: [u32; WALKS] = std::array::from_fn(|k| {
        let before = &text[bounds[k].saturating_sub(warm_up)..bounds[k]];
        before
            .iter()
            .fold(start, |s, &b| next(trans, classes, s, b))
    });
    // Replies hold a match every 20 to 40 bytes: sized for that, the lists
    // are not copied as they grow.
    let mut found: [Vec<(usize, u32)>; WALKS] =
        std::array::from_fn(|_| Vec::with_capacity(text.len() / WALKS / 16));
    let mut states = [[start; BLOCK]; WALKS];
    let mut steps = (0..WALKS).map(|k| bounds[k + 1] - at[k]).min().unwrap_or(0);
    while steps > 0 {
        let m = steps.min(BLOCK);
        let parts: [&[u8]; WALKS] = std::array::from_fn(|k| &text[at[k]..at[k] + m]);
        // Step `j` of every walk in turn: the point of the module.
        #[allow(clippy::needless_range_loop)]
        for j in 0..m {
            for k in 0..WALKS {
                let s = next(trans, classes, state[k], parts[k][j]);
                state[k] = s;
                states[k][j] = s;
            }
        }
        for k in 0..WALKS {
            for (c, chunk) in states[k][..m].chunks(CHUNK).enumerate() {
                // Without a branch per state, so the check of a chunk is a
                // few vector instructions; most chunks hold no match.
                if !chunk.iter().fold(false, |any, &s| any | is_match(s)) {
                    continue;
                }
                for (i, &s) in chunk.iter().enumerate() {
                    if is_match(s) {
                        found[k].push((at[k] + c * CHUNK + i + 1, s));
                    }
                }
            }
            at[k] += m;
        }
        steps -= m;
    }
    for k in 0..WALKS {
        for &(end, s) in &found[k] {
            report(end, s);
        }
        // The parts differ in length by a byte at most: the rest, alone.
        let rest = &text[at[k]..bounds[k + 1]];
        let mut s = state[k];
        for (j, &b) in rest.iter().enumerate() {
            s = next(trans, classes, s, b);
            if is_match(s) {
                report(at[k] + j + 1, s);
            }
        }
    }
}

/// One walk over all of `text`.
fn walk(dfa: &LiteralDfa, start: u32, text: &[u8], report: &mut impl FnMut(usize, u32)) {
    let (trans, classes) = dfa.table();
    let mut s = start;
    for (j, &b) in text.iter().enumerate() {
        s = next(trans, classes, s, b);
        if is_match(s) {
            report(j + 1, s);
        }
    }
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
        let text = "x NEEDLES ".repeat(2 * MIN_INTERLEAVED / 10 + 3);
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
            repeat in 1usize..300,
        ) {
            let literals: Vec<String> =
                literals.iter().map(|l| l.to_ascii_lowercase()).collect();
            let text = unit.repeat(repeat);
            prop_assert_eq!(found(&literals, &text), reference(&literals, &text));
        }
    }
}
