//! Sentence splitting tuned for support replies.
//!
//! Replies are not edited prose: they have greetings and sign-offs without a
//! full stop, bullet lists, prices ($4.99), versions (2.3.1), URLs, email
//! addresses, abbreviations (e.g., Mr., a.m.) and quotes after the full stop.
//! A full stop therefore ends a sentence only when whitespace follows it, the
//! word before it is not a known abbreviation, and the next word does not start
//! in lower case. A line break always ends a sentence: in chat transcripts,
//! helpdesk exports and one-reply-per-line files a line is a message of its
//! own, and joining lines that merely look like wrapped prose made rules fire
//! across two messages. (Hard-wrapped prose is better unwrapped by the input
//! layer that knows it is prose, such as a Markdown paragraph.)

use std::iter::Peekable;

use memchr::{memchr3_iter, Memchr3};

use crate::search::ascii_lowercase;
use crate::span::Span;

/// Abbreviations after which a full stop never ends a sentence, sorted.
const ABBREVIATION_WORDS: &[&[u8]] = &[
    b"acct", b"approx", b"apr", b"attn", b"aug", b"capt", b"cf", b"ch", b"co", b"corp", b"dec",
    b"dept", b"dr", b"e.g", b"eg", b"est", b"ext", b"feb", b"fig", b"fri", b"ft", b"gen", b"hon",
    b"i.e", b"ie", b"inc", b"jan", b"jr", b"lt", b"ltd", b"mar", b"max", b"min", b"mon", b"mr",
    b"mrs", b"ms", b"mt", b"mx", b"nov", b"oct", b"pg", b"pp", b"prof", b"ref", b"rev", b"sat",
    b"sec", b"sep", b"sept", b"sgt", b"sr", b"sra", b"st", b"sun", b"tel", b"thu", b"thurs",
    b"tue", b"tues", b"vol", b"vs", b"wed",
];

/// [`ABBREVIATION_WORDS`] as [`word_key`]s, for a binary search over
/// integers: sentence ends are common enough that a search of the list in
/// turn, or by halves as byte strings (each probe a call to `memcmp`),
/// shows in a long run's profile.
const ABBREVIATIONS: [u64; ABBREVIATION_WORDS.len()] = word_keys(ABBREVIATION_WORDS);

/// Abbreviations that end a sentence only when the next word is not a number
/// ("No. 5" but "The answer is no. We …"), as sorted [`word_key`]s.
const NUMBER_ABBREVIATIONS: [u64; 6] = word_keys(&[b"art", b"ex", b"no", b"nos", b"p", b"para"]);

/// The [`word_key`]s of `N` words (a list of another length does not
/// compile).
const fn word_keys<const N: usize>(words: &[&[u8]]) -> [u64; N] {
    assert!(words.len() == N, "one key per word");
    let mut keys = [0; N];
    let mut i = 0;
    while i < N {
        keys[i] = word_key(words[i]);
        i += 1;
    }
    keys
}

/// A word of up to eight bytes as an integer that sorts as the word does:
/// its first byte highest, a shorter word padded with zeros.
const fn word_key(word: &[u8]) -> u64 {
    let mut key = 0;
    let mut i = 0;
    while i < word.len() && i < 8 {
        key |= (word[i] as u64) << (56 - 8 * i);
        i += 1;
    }
    key
}

/// The longest word either list holds.
const LONGEST_ABBREVIATION: usize = 6;

/// Split `text` into sentence spans, trimmed of surrounding whitespace.
pub fn split(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    // Replies average a sentence every 40 bytes or so: sized for that, the
    // list is not copied as it grows.
    let mut sentences = Vec::with_capacity(text.len() / 32);
    let mut enders = Enders::new(bytes);
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Skip ahead to the next byte that can end a sentence.
        match enders.at_or_after(i) {
            Some(at) => i = at,
            None => break,
        }
        let b = bytes[i];
        let end = match b {
            b'\n' | b'\r' => {
                let next = skip_line_break(bytes, i);
                push(text, &mut sentences, start, i);
                start = next;
                i = next;
                continue;
            }
            b'.' | b'!' | b'?' => terminal_end(text, i),
            // U+2026 HORIZONTAL ELLIPSIS
            0xE2 if bytes[i..].starts_with("\u{2026}".as_bytes()) => terminal_end(text, i),
            _ => None,
        };
        match end {
            Some(end) => {
                push(text, &mut sentences, start, end);
                start = end;
                i = end;
            }
            None => i += 1,
        }
    }
    push(text, &mut sentences, start, bytes.len());
    sentences
}

/// Where the bytes that may end a sentence are: terminal punctuation, line
/// breaks, and the first byte of an ellipsis (U+2026). Two vector searches
/// for three bytes each, merged: a byte-by-byte search for all six was a
/// twentieth of a long run.
struct Enders<'t> {
    punctuation: Peekable<Memchr3<'t>>,
    breaks: Peekable<Memchr3<'t>>,
}

impl<'t> Enders<'t> {
    fn new(bytes: &'t [u8]) -> Self {
        Enders {
            punctuation: memchr3_iter(b'.', b'!', b'?', bytes).peekable(),
            breaks: memchr3_iter(b'\n', b'\r', 0xE2, bytes).peekable(),
        }
    }

    /// The first at or after `i`, which never goes back.
    fn at_or_after(&mut self, i: usize) -> Option<usize> {
        let next = |found: &mut Peekable<Memchr3<'t>>| {
            while found.next_if(|&at| at < i).is_some() {}
            found.peek().copied()
        };
        match (next(&mut self.punctuation), next(&mut self.breaks)) {
            (Some(p), Some(b)) => Some(p.min(b)),
            (p, b) => p.or(b),
        }
    }
}

fn skip_line_break(bytes: &[u8], i: usize) -> usize {
    if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
        i + 2
    } else {
        i + 1
    }
}

/// If the terminal punctuation at `i` ends a sentence, the offset just past it
/// (and past any closing quotes or brackets).
fn terminal_end(text: &str, i: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut j = i;
    let mut run = 0;
    loop {
        if j < bytes.len() && matches!(bytes[j], b'.' | b'!' | b'?') {
            j += 1;
        } else if bytes[j..].starts_with("\u{2026}".as_bytes()) {
            j += 3;
        } else {
            break;
        }
        run += 1;
    }
    while j < bytes.len() && matches!(bytes[j], b'"' | b'\'' | b')' | b']' | b'*' | b'_') {
        j += 1;
    }
    // Closing typographic quotes, in case the text was not folded.
    while let Some(c) = text[j..]
        .chars()
        .next()
        .filter(|c| matches!(c, '\u{201D}' | '\u{2019}'))
    {
        j += c.len_utf8();
    }
    let after = &text[j..];
    let next_char = after.chars().next();
    match next_char {
        None => return Some(j),
        Some(c) if !c.is_whitespace() => return None,
        _ => {}
    }
    let next_word = after.trim_start_matches([' ', '\t']);
    // A line break right after is handled by the line logic.
    if next_word.starts_with(['\n', '\r']) {
        return Some(j);
    }
    let next_first = next_word.chars().next();
    if next_first.is_some_and(|c| c.is_lowercase()) {
        return None;
    }
    if bytes[i] == b'.' && run == 1 {
        let word = word_before(text, i);
        // A longer word is in neither list (and 0 is no word's key).
        let key = match word.len() {
            1..=LONGEST_ABBREVIATION => ascii_lowercase(word_key(word.as_bytes())),
            _ => 0,
        };
        if ABBREVIATIONS.binary_search(&key).is_ok() {
            return None;
        }
        // An initial ("J. Smith") or a dotted abbreviation ("U.S.").
        if word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()) {
            return None;
        }
        if NUMBER_ABBREVIATIONS.binary_search(&key).is_ok()
            && next_first.is_some_and(|c| c.is_ascii_digit())
        {
            return None;
        }
        // A list number ("2. Click Save") opens the step that follows it.
        if is_list_number(text, i, word) {
            return None;
        }
    }
    Some(j)
}

/// Whether `word`, ending at `i`, is a list number: one or two digits at the
/// start of the text or right after a colon or a sentence's end.
fn is_list_number(text: &str, i: usize, word: &str) -> bool {
    if word.is_empty() || word.len() > 2 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let before = text[..i - word.len()]
        .trim_end_matches([' ', '\t'])
        .trim_end_matches(['"', '\'', ')', ']', '\u{201D}', '\u{2019}']);
    before.is_empty() || before.ends_with([':', '.', '!', '?', '\n', '\r'])
}

/// The word ending at `i`, including inner dots ("e.g" before the final dot).
fn word_before(text: &str, i: usize) -> &str {
    let head = &text[..i];
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |(k, c)| k + c.len_utf8());
    &head[start..]
}

fn push(text: &str, out: &mut Vec<Span>, start: usize, end: usize) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let trail = piece.len() - piece.trim_end().len();
    if lead + trail < piece.len() {
        out.push(Span::new(start + lead, end - trail));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The merged searches find every byte that may end a sentence, in
        /// order, as a byte-by-byte search does, from any run of starts.
        #[test]
        fn enders_are_the_six_bytes_in_order(
            text in "[a.!?\n\r\u{2026}\u{E9} ]{0,80}",
            steps in proptest::collection::vec(0usize..4, 1..40),
        ) {
            let bytes = text.as_bytes();
            let mut enders = Enders::new(bytes);
            let mut i = 0;
            for step in steps.into_iter().cycle().take(bytes.len() + 1) {
                let expected = (i..bytes.len())
                    .find(|&at| matches!(bytes[at], b'.' | b'!' | b'?' | b'\n' | b'\r' | 0xE2));
                proptest::prop_assert_eq!(enders.at_or_after(i), expected);
                i += step;
            }
        }
    }

    fn sentences(text: &str) -> Vec<&str> {
        split(text).iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn splits_on_terminal_punctuation() {
        assert_eq!(
            sentences("Thanks for writing in! Is the app updated? I'll check."),
            [
                "Thanks for writing in!",
                "Is the app updated?",
                "I'll check."
            ]
        );
    }

    #[test]
    fn keeps_abbreviations_numbers_urls_and_emails_inside() {
        let text = "Mr. Lee paid $4.99 on v2.3.1, e.g. via https://ex.com/a.b or help@ex.co.uk today. Next.";
        assert_eq!(sentences(text).len(), 2, "{:?}", sentences(text));
        assert_eq!(sentences("We open at 9 a.m. and close late. Bye.").len(), 2);
        assert_eq!(
            sentences("See item No. 5 below. The answer is no. We can't.").len(),
            3
        );
        assert_eq!(sentences("Hola Sr. Pérez, thanks.").len(), 1);
        assert_eq!(sentences("Ask the APPROX. Team. Or Thurs. Then.").len(), 2);
        assert_eq!(sentences("It is approximately. Then.").len(), 2);
    }

    /// The lists are searched by halves, so each must be sorted, lowercase,
    /// and no longer than the longest word looked up.
    #[test]
    fn abbreviation_lists_are_sorted_lowercase_and_short() {
        // The bytes past the longest word's, which every key leaves zero.
        let past_longest = u64::MAX >> (8 * LONGEST_ABBREVIATION);
        for list in [&ABBREVIATIONS[..], &NUMBER_ABBREVIATIONS] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:x?}");
            for &key in list {
                assert_eq!(ascii_lowercase(key), key);
                assert_eq!(key & past_longest, 0, "{key:x}");
            }
        }
        let last_byte = 0xFF << (8 * (8 - LONGEST_ABBREVIATION));
        assert!(ABBREVIATIONS.iter().any(|&key| key & last_byte != 0));
        assert!(word_key(b"ab") < word_key(b"abc") && word_key(b"abc") < word_key(b"abd"));
    }

    #[test]
    fn quotes_and_brackets_after_the_stop_stay_with_the_sentence() {
        assert_eq!(
            sentences("He said \"no refunds.\" Then he left. (It was late.) Ok"),
            [
                "He said \"no refunds.\"",
                "Then he left.",
                "(It was late.)",
                "Ok"
            ]
        );
    }

    #[test]
    fn ellipses_split_only_before_a_capital() {
        assert_eq!(
            sentences("Well... I see. Hmm… Right"),
            ["Well...", "I see.", "Hmm…", "Right"]
        );
        assert_eq!(sentences("Wait... let me check.").len(), 1);
    }

    #[test]
    fn lines_without_punctuation_are_sentences() {
        let text =
            "Hi Sam,\r\n\r\nThe label is attached.\r\n- Step one\r\n- Step two\r\n\r\nBest\r\nAlex";
        assert_eq!(
            sentences(text),
            [
                "Hi Sam,",
                "The label is attached.",
                "- Step one",
                "- Step two",
                "Best",
                "Alex"
            ]
        );
    }

    #[test]
    fn list_numbers_open_their_step() {
        assert_eq!(
            sentences("Follow these steps: 1. Visit our site. 2. Enter your code. 3. Click Save."),
            [
                "Follow these steps: 1. Visit our site.",
                "2. Enter your code.",
                "3. Click Save."
            ]
        );
        assert_eq!(sentences("I have 2. You have 3.").len(), 2);
        assert_eq!(
            sentences("Click \"Save.\" 5. Fill in the form."),
            ["Click \"Save.\"", "5. Fill in the form."]
        );
    }

    #[test]
    fn line_breaks_always_end_sentences() {
        assert_eq!(
            sentences(
                "What about the museum called chihuly garden\nthis is a child friendly place"
            ),
            [
                "What about the museum called chihuly garden",
                "this is a child friendly place"
            ]
        );
    }

    #[test]
    fn empty_and_blank_text_has_no_sentences() {
        assert!(split("").is_empty());
        assert!(split(" \n\t\r\n ").is_empty());
    }
}
