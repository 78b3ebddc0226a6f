//! Walking a text's sentences by the matches of a search: which sentences
//! a search touched, and which sentence holds an offset.

use crate::span::Span;

/// The indices of the sentences that `matches` touch, ascending, each once.
///
/// A primitive scans the whole text once with a cheap superset of what it
/// looks for, and only the sentences touched go on to the real work. Sound for
/// a leftmost search: if the real thing matches at offset `s`, the scan reaches
/// a match starting at or before `s`, and either that match covers `s`
/// (touching its sentence) or it ends before `s` and the scan goes on from
/// there.
pub(crate) fn touched(matches: impl IntoIterator<Item = Span>, sentences: &[Span]) -> Vec<usize> {
    let mut marked: Vec<usize> = Vec::new();
    // Matches come in ascending order, so one cursor walks the sentences.
    let mut k = 0;
    for m in matches {
        while k < sentences.len() && sentences[k].end <= m.start {
            k += 1;
        }
        let mut last = k;
        while last < sentences.len() && sentences[last].start < m.end.max(m.start + 1) {
            if marked.last().is_none_or(|&l| l < last) {
                marked.push(last);
            }
            last += 1;
        }
    }
    marked
}

/// The index of the first sentence that ends after `at` (`sentences.len()`
/// if none does), looked up from `cursor`, where the last lookup left off:
/// the scan's hits come in nearly ascending order, so this takes a step or
/// two where a binary search took seventeen.
pub(crate) fn sentence_after(sentences: &[Span], at: usize, cursor: &mut usize) -> usize {
    let mut k = (*cursor).min(sentences.len());
    while k > 0 && sentences[k - 1].end > at {
        k -= 1;
    }
    while k < sentences.len() && sentences[k].end <= at {
        k += 1;
    }
    *cursor = k;
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn touched_marks_each_sentence_a_match_overlaps_once() {
        let sentences = [
            Span::new(0, 5),
            Span::new(6, 10),
            Span::new(11, 20),
            Span::new(21, 25),
        ];
        let matches = [
            Span::new(1, 2),
            Span::new(3, 4),
            Span::new(8, 12),
            Span::new(25, 26),
        ];
        assert_eq!(touched(matches, &sentences), [0, 1, 2]);
        // A match between sentences touches none; an empty one touches its own.
        assert_eq!(
            touched([Span::new(5, 6), Span::new(22, 22)], &sentences),
            [3]
        );
    }

    proptest::proptest! {
        /// From any cursor, in any order of lookups, the sentence found is
        /// the one a binary search finds.
        #[test]
        fn sentence_after_is_a_binary_search(
            gaps in proptest::collection::vec((0usize..4, 1usize..6), 0..12),
            lookups in proptest::collection::vec(0usize..80, 0..30),
        ) {
            let mut sentences = Vec::new();
            let mut at = 0;
            for (gap, len) in gaps {
                sentences.push(Span::new(at + gap, at + gap + len));
                at += gap + len;
            }
            let mut cursor = 0;
            for at in lookups {
                let expected = sentences.partition_point(|s| s.end <= at);
                proptest::prop_assert_eq!(sentence_after(&sentences, at, &mut cursor), expected);
            }
        }
    }
}
