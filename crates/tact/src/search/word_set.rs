//! A set of words with a quick no: most words looked up in a pack's lists
//! are in none of them, and hashing each one was a tenth of the passive
//! check. Each set notes the (first byte, length) shapes of its words, and
//! a word of another shape is turned away without hashing.

use rustc_hash::FxHashSet;

#[derive(Debug)]
pub(crate) struct WordSet {
    words: FxHashSet<String>,
    /// Bit `n` of entry `b`: a word of `n` bytes (lengths past 63 share bit
    /// 63) that starts with byte `b` is in the set.
    shapes: Box<[u64; 256]>,
}

impl WordSet {
    pub fn contains(&self, word: &str) -> bool {
        let (first, length) = shape(word);
        self.shapes[first] & length != 0 && self.words.contains(word)
    }
}

impl FromIterator<String> for WordSet {
    fn from_iter<I: IntoIterator<Item = String>>(words: I) -> Self {
        let mut set = WordSet {
            words: FxHashSet::default(),
            shapes: Box::new([0; 256]),
        };
        let words = words.into_iter();
        set.words.reserve(words.size_hint().0);
        for word in words {
            let (first, length) = shape(&word);
            set.shapes[first] |= length;
            set.words.insert(word);
        }
        set
    }
}

/// A word's entry in `shapes` (its first byte, 0 for the empty word) and
/// its bit there (its length).
fn shape(word: &str) -> (usize, u64) {
    let first = word.as_bytes().first().copied().unwrap_or(0);
    (usize::from(first), 1 << word.len().min(63))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_every_shape_are_found_and_only_they() {
        let long = "x".repeat(70);
        let set: WordSet = ["", "a", "is", "already", "été", long.as_str()]
            .into_iter()
            .map(String::from)
            .collect();
        for word in ["", "a", "is", "already", "été", long.as_str()] {
            assert!(set.contains(word), "{word:?}");
        }
        // Same shape and not in the set; other shapes; a longer word that
        // shares the last length bit.
        for word in [
            "b",
            "it",
            "in",
            "alreadz",
            "éte",
            "ét",
            &"x".repeat(64),
            &"y".repeat(70),
        ] {
            assert!(!set.contains(word), "{word:?}");
        }
    }
}
