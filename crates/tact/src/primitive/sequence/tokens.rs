//! One sentence read into the tokens a sequence matches: its words,
//! lowercase, and the punctuation marks a sequence may name.
//!
//! A sentence is read once for every sequence that runs on it, and each of
//! those asks of nearly every token whether it is some word or a member of
//! some class, mostly to hear no. So each word carries its hash, and once
//! per sentence and pack each token is looked up among the pack's
//! one-word class members: a sequence then compares integers and tests
//! bits, and compares strings only where the hashes agree.

use std::hash::BuildHasher;

use rustc_hash::{FxBuildHasher, FxHashMap};

use crate::document::Words;
use crate::span::Span;

/// The punctuation marks a sequence may name, each a token.
pub(super) const PUNCTUATION: &[u8] = b",;:?!";

/// The hash a token or a sequence's word is compared by.
pub(super) fn hash(word: &str) -> u64 {
    FxBuildHasher.hash_one(word)
}

/// One sentence's tokens: spans in the text, the words lowercase in one
/// buffer, and, once [`bind`](Tokens::bind) has been called, the classes
/// of one pack that each token is a one-word member of.
pub(super) struct Tokens {
    spans: Vec<Span>,
    /// Per token, its lowercase text's range in `lower` (empty for
    /// punctuation), and its punctuation byte (0 for a word).
    entries: Vec<(u32, u32, u8)>,
    /// Per token, [`hash`] of its lowercase text (0 for punctuation).
    hashes: Vec<u64>,
    lower: String,
    /// A bit per word's hash (its top bits), for [`Tokens::may_hold`].
    words: Box<[u64; WORD_FILTER]>,
    /// `stride` words of class bits per token, for the membership `bound`.
    bits: Vec<u64>,
    stride: usize,
    /// The address of the [`Membership`] the bits are of (0: none yet).
    bound: usize,
}

/// Words of bits in [`Tokens::words`]: 4,096 bits, so that a sentence of
/// forty words sets about one in a hundred.
const WORD_FILTER: usize = 64;

impl Default for Tokens {
    fn default() -> Tokens {
        Tokens {
            spans: Vec::new(),
            entries: Vec::new(),
            hashes: Vec::new(),
            lower: String::new(),
            words: Box::new([0; WORD_FILTER]),
            bits: Vec::new(),
            stride: 0,
            bound: 0,
        }
    }
}

/// The word and bit of `h` in [`Tokens::words`].
fn filter_bit(h: u64) -> (usize, u64) {
    let b = (h >> 52) as usize;
    (b / 64, 1 << (b % 64))
}

impl Tokens {
    pub fn read(&mut self, text: &str, sentence: Span) {
        for &h in &self.hashes {
            self.words[filter_bit(h).0] = 0;
        }
        self.spans.clear();
        self.entries.clear();
        self.hashes.clear();
        self.lower.clear();
        self.bound = 0;
        let mut at = sentence.start;
        // A handle ("@priya_s92") names who the reply is to; it is not a
        // word of the reply, so "^" sees past it.
        let mut handle_end = 0;
        for word in Words::new(text, sentence) {
            if word.start < handle_end {
                continue;
            }
            if text[..word.start].ends_with('@') {
                let rest = &text[word.start..sentence.end];
                handle_end = word.start + rest.find(char::is_whitespace).unwrap_or(rest.len());
                self.punctuation(text, at, word.start);
                at = handle_end;
                continue;
            }
            self.punctuation(text, at, word.start);
            let start = self.lower.len();
            let slice = word.slice(text);
            if slice.is_ascii() {
                self.lower.push_str(slice);
                self.lower[start..].make_ascii_lowercase();
            } else {
                self.lower.extend(slice.chars().flat_map(char::to_lowercase));
            }
            self.spans.push(word);
            self.entries.push((start as u32, self.lower.len() as u32, 0));
            let h = hash(&self.lower[start..]);
            let (w, bit) = filter_bit(h);
            self.words[w] |= bit;
            self.hashes.push(h);
            at = word.end;
        }
        self.punctuation(text, at, sentence.end);
    }

    fn punctuation(&mut self, text: &str, from: usize, to: usize) {
        for (i, b) in text.as_bytes()[from..to].iter().enumerate() {
            if PUNCTUATION.contains(b) {
                self.spans.push(Span::new(from + i, from + i + 1));
                self.entries.push((0, 0, *b));
                self.hashes.push(0);
            }
        }
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn span(&self, i: usize) -> Span {
        self.spans[i]
    }

    pub fn punct(&self, i: usize) -> Option<u8> {
        Some(self.entries[i].2).filter(|&p| p != 0)
    }

    pub fn word(&self, i: usize) -> &str {
        let (start, end, _) = self.entries[i];
        &self.lower[start as usize..end as usize]
    }

    pub fn hash(&self, i: usize) -> u64 {
        self.hashes[i]
    }

    /// Whether some word of the sentence may have the [`hash`] `h`: false
    /// only when none has.
    pub fn may_hold(&self, h: u64) -> bool {
        let (w, bit) = filter_bit(h);
        self.words[w] & bit != 0
    }

    /// Whether token `i` is the word `word`, whose [`hash`] is `h`.
    pub fn is_word(&self, i: usize, word: &str, h: u64) -> bool {
        self.hashes[i] == h && self.entries[i].2 == 0 && self.word(i) == word
    }

    /// Look every token up in `membership`, unless it was the last looked
    /// up in since this sentence was read.
    pub fn bind(&mut self, membership: &Membership) {
        let address = std::ptr::from_ref(membership) as usize;
        if self.bound == address {
            return;
        }
        self.bound = address;
        self.stride = membership.stride;
        self.bits.clear();
        self.bits.resize(self.len() * self.stride, 0);
        for i in 0..self.len() {
            if self.entries[i].2 != 0 {
                continue;
            }
            if let Some(bits) = membership.classes_of(self.word(i), self.hashes[i]) {
                self.bits[i * self.stride..(i + 1) * self.stride].copy_from_slice(bits);
            }
        }
    }

    /// Whether token `i` is a one-word member of class `c` of the
    /// membership last bound.
    pub fn in_class(&self, i: usize, c: usize) -> bool {
        (self.bits[i * self.stride + c / 64] >> (c % 64)) & 1 != 0
    }
}

/// Which classes of a pack each of their one-word members belongs to,
/// looked up by [`hash`]. Built in a few flat lists: a pack's members are
/// thousands of words, and an allocation each would cost a short draft's
/// run more than looking them up.
#[derive(Debug, Default)]
pub(super) struct Membership {
    /// Words of bits per member: one bit per class.
    stride: usize,
    /// Per hash, the first member of that hash.
    first: FxHashMap<u64, u32>,
    /// Per member, its word's range in `text` and the next member of the
    /// same hash (`u32::MAX`: none; two words of one hash are rare).
    members: Vec<(u32, u32, u32)>,
    text: String,
    /// `stride` words per member.
    bits: Vec<u64>,
}

impl Membership {
    /// The membership of `classes`, each given by its one-word members.
    pub fn new<'a>(classes: impl ExactSizeIterator<Item = &'a [String]>) -> Membership {
        let mut m = Membership {
            stride: classes.len().div_ceil(64),
            ..Membership::default()
        };
        for (c, words) in classes.enumerate() {
            for word in words {
                let h = hash(word);
                let k = match m.find(word, h) {
                    Some(k) => k,
                    None => m.insert(word, h),
                };
                m.bits[k * m.stride + c / 64] |= 1 << (c % 64);
            }
        }
        m
    }

    fn insert(&mut self, word: &str, h: u64) -> usize {
        let k = self.members.len();
        let next = self.first.insert(h, k as u32).unwrap_or(u32::MAX);
        let start = self.text.len() as u32;
        self.text.push_str(word);
        self.members.push((start, self.text.len() as u32, next));
        self.bits.resize(self.bits.len() + self.stride, 0);
        k
    }

    /// The member `word`, whose hash is `h`.
    fn find(&self, word: &str, h: u64) -> Option<usize> {
        let mut k = *self.first.get(&h)?;
        while k != u32::MAX {
            let (start, end, next) = self.members[k as usize];
            if &self.text[start as usize..end as usize] == word {
                return Some(k as usize);
            }
            k = next;
        }
        None
    }

    fn classes_of(&self, word: &str, h: u64) -> Option<&[u64]> {
        let k = self.find(word, h)?;
        Some(&self.bits[k * self.stride..(k + 1) * self.stride])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_know_their_words_and_classes() {
        let classes = [vec!["you".to_string(), "your".to_string()], vec!["your".to_string()]];
        let membership = Membership::new(classes.iter().map(Vec::as_slice));
        let mut tokens = Tokens::default();
        let text = "Did YOU see, your Ünïcode?";
        tokens.read(text, Span::new(0, text.len()));
        let words: Vec<&str> = (0..tokens.len()).map(|i| tokens.word(i)).collect();
        assert_eq!(words, ["did", "you", "see", "", "your", "ünïcode", ""]);
        assert_eq!(tokens.punct(3), Some(b','));
        assert!(tokens.is_word(1, "you", hash("you")));
        assert!(!tokens.is_word(0, "you", hash("you")));
        tokens.bind(&membership);
        let member = |i, c| tokens.in_class(i, c);
        assert!(member(1, 0) && !member(1, 1));
        assert!(member(4, 0) && member(4, 1));
        assert!(!member(0, 0) && !member(3, 0));
        assert!(tokens.may_hold(hash("see")) && tokens.may_hold(hash("ünïcode")));
        let other = "A new one.";
        tokens.read(other, Span::new(0, other.len()));
        assert!(tokens.may_hold(hash("one")));
        // The filter is of this sentence alone: a word of the last one
        // stays only if it shares a bit with a word of this one.
        let shares = |w: &str| ["a", "new", "one"].iter().any(|o| filter_bit(hash(o)) == filter_bit(hash(w)));
        assert_eq!(tokens.may_hold(hash("see")), shares("see"));
    }
}
