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

/// Keys found in a text, grouped by the sentence that holds them: each
/// sentence that holds any, ascending, with its keys ascending, each once.
///
/// The scan's hits come in nearly ascending order, not quite; sorting them
/// all by sentence was a tenth of a long text's run. Counted out by
/// sentence instead, only each sentence's few keys are sorted.
#[derive(Debug, Default)]
pub(crate) struct BySentence {
    /// Per sentence that holds keys: its index, and where its keys end in
    /// `keys` (they start where the previous sentence's end).
    sentences: Vec<(usize, usize)>,
    keys: Vec<usize>,
}

impl BySentence {
    /// Group `found`: `(sentence, key)` pairs, in any order.
    pub fn new(found: Vec<(usize, usize)>) -> BySentence {
        let (Some(first), Some(last)) = (
            found.iter().map(|f| f.0).min(),
            found.iter().map(|f| f.0).max(),
        ) else {
            return BySentence::default();
        };
        // Where each sentence's keys start, then the keys put there.
        let mut at = vec![0usize; last - first + 2];
        for &(k, _) in &found {
            at[k - first + 1] += 1;
        }
        for i in 1..at.len() {
            at[i] += at[i - 1];
        }
        let mut placed = vec![0usize; found.len()];
        let mut next = at.clone();
        for &(k, key) in &found {
            placed[next[k - first]] = key;
            next[k - first] += 1;
        }
        let mut grouped = BySentence {
            sentences: Vec::new(),
            keys: Vec::with_capacity(found.len()),
        };
        for (i, bounds) in at.windows(2).enumerate() {
            if bounds[0] == bounds[1] {
                continue;
            }
            let keys = &mut placed[bounds[0]..bounds[1]];
            keys.sort_unstable();
            let from = grouped.keys.len();
            for &key in keys.iter() {
                if grouped.keys.len() == from || grouped.keys.last() != Some(&key) {
                    grouped.keys.push(key);
                }
            }
            grouped.sentences.push((first + i, grouped.keys.len()));
        }
        grouped
    }

    /// Each sentence that holds keys, ascending, with its keys.
    pub fn iter(&self) -> impl Iterator<Item = (usize, &[usize])> {
        let mut from = 0;
        self.sentences.iter().map(move |&(k, to)| {
            let keys = &self.keys[from..to];
            from = to;
            (k, keys)
        })
    }
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

    proptest::proptest! {
        /// Grouping by sentence gives what sorting every pair and dropping
        /// repeats gives.
        #[test]
        fn by_sentence_is_sorting_and_dropping_repeats(
            found in proptest::collection::vec((0usize..40, 0usize..8), 0..60),
        ) {
            let mut expected = found.clone();
            expected.sort_unstable();
            expected.dedup();
            let grouped = BySentence::new(found);
            let flat: Vec<(usize, usize)> = grouped
                .iter()
                .flat_map(|(k, keys)| keys.iter().map(move |&key| (k, key)))
                .collect();
            proptest::prop_assert_eq!(flat, expected);
        }
    }
}
