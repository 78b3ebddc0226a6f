//! Chat spelling: "u", "ur", "pls", "dont", "shouldve" as the standard words
//! they stand for, so that every rule written for "you" and "don't" reads a
//! chat-spelled draft too.
//!
//! Only forms that mean one thing in a support reply are folded: "ill",
//! "were", "its", "well", "id", "hell" and "lets" are words of their own and
//! stay. An all-caps form of more than one letter is an acronym ("IM",
//! "THX"), and a form joined to a hyphen, an apostrophe, a dot and a letter,
//! or a symbol ("U-Haul", "u.s.", "@ur") is part of something else.

/// Each chat form, lowercase, and the standard form it stands for.
const FORMS: &[(&[u8], &str)] = &[
    (b"u", "you"),
    (b"ya", "you"),
    (b"ur", "your"),
    (b"r", "are"),
    (b"pls", "please"),
    (b"plz", "please"),
    (b"thx", "thanks"),
    (b"thnx", "thanks"),
    (b"cuz", "because"),
    (b"bc", "because"),
    (b"txt", "text"),
    (b"coz", "because"),
    (b"im", "I'm"),
    (b"ive", "I've"),
    (b"dont", "don't"),
    (b"cant", "can't"),
    (b"wont", "won't"),
    (b"didnt", "didn't"),
    (b"doesnt", "doesn't"),
    (b"isnt", "isn't"),
    (b"arent", "aren't"),
    (b"wasnt", "wasn't"),
    (b"werent", "weren't"),
    (b"havent", "haven't"),
    (b"hasnt", "hasn't"),
    (b"hadnt", "hadn't"),
    (b"wouldnt", "wouldn't"),
    (b"shouldnt", "shouldn't"),
    (b"couldnt", "couldn't"),
    (b"mustnt", "mustn't"),
    (b"aint", "ain't"),
    (b"youre", "you're"),
    (b"youve", "you've"),
    (b"youll", "you'll"),
    (b"youd", "you'd"),
    (b"theyre", "they're"),
    (b"theyve", "they've"),
    (b"theyll", "they'll"),
    (b"weve", "we've"),
    (b"thats", "that's"),
    (b"whats", "what's"),
    (b"theres", "there's"),
    (b"heres", "here's"),
    (b"shouldve", "should've"),
    (b"wouldve", "would've"),
    (b"couldve", "could've"),
    (b"mustve", "must've"),
];

/// The standard form of chat word `word` (ASCII letters and digits), if it
/// is one. Only the candidates the search finds are looked up, so a scan
/// of the short list does.
pub(super) fn standard(word: &[u8]) -> Option<&'static str> {
    FORMS
        .iter()
        .find(|(form, _)| form.eq_ignore_ascii_case(word))
        .map(|&(_, standard)| standard)
}

/// Whether a chat form may be folded in this case: lowercase, capitalised,
/// or a single capital ("U").
fn folds_in_case(word: &[u8]) -> bool {
    let rest_lower = word[1..].iter().all(u8::is_ascii_lowercase);
    let lower_r = word != b"R";
    rest_lower && lower_r
}

/// Bytes that, next to a word, make it part of something else.
fn joins(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"'-_@/\\#&+=%*".contains(&b) || b >= 0x80
}

/// Forms short enough to be the start of many words ("u" of "use", "ive"
/// of "give"): searched for only after a space or a line break.
fn after_break(form: &[u8]) -> bool {
    form.len() <= 2 || form == b"ive"
}

/// How much text, in all, is searched for chat words by an automaton that
/// is quick to build before the full DFA, quicker to run, is built: a run
/// that lints one draft would spend more on building the DFA than on
/// searching.
const BRIEF_BYTES: u64 = 64 << 10;

/// A search for the places a chat word may stand: a branchy walk over every
/// word of every draft cost more than the rest of folding, and chat words are
/// rare, so a multi-literal search finds the few candidates to check. Both
/// kinds of automaton find the same matches.
fn candidates(len: usize) -> &'static aho_corasick::AhoCorasick {
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::OnceLock;

    use aho_corasick::{AhoCorasick, AhoCorasickKind};

    static SEARCHED: AtomicU64 = AtomicU64::new(0);
    static BRIEF: OnceLock<AhoCorasick> = OnceLock::new();
    static DFA: OnceLock<AhoCorasick> = OnceLock::new();
    let len = len as u64;
    let brief =
        DFA.get().is_none() && SEARCHED.fetch_add(len, Ordering::Relaxed) + len <= BRIEF_BYTES;
    if brief {
        BRIEF.get_or_init(|| search(AhoCorasickKind::ContiguousNFA))
    } else {
        DFA.get_or_init(|| search(AhoCorasickKind::DFA))
    }
}

/// The search for chat forms, as an automaton of `kind`.
fn search(kind: aho_corasick::AhoCorasickKind) -> aho_corasick::AhoCorasick {
    let mut patterns: Vec<Vec<u8>> = Vec::new();
    for &(form, _) in FORMS {
        if after_break(form) {
            for lead in [b' ', b'\n'] {
                let mut p = vec![lead];
                p.extend_from_slice(form);
                if form == b"r" {
                    p.push(b' ');
                }
                patterns.push(p);
            }
        } else {
            patterns.push(form.to_vec());
        }
    }
    aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(aho_corasick::MatchKind::LeftmostFirst)
        // Half the forms start with a space, the commonest byte, so a
        // prefilter only stops and starts; a full DFA walks straight on.
        .kind(Some(kind))
        .prefilter(false)
        .build(patterns)
        .expect("the chat forms build a search")
}

/// Calls `f(start, end, standard form)` for each chat word of `text`, in
/// order.
pub(super) fn for_each(text: &str, mut f: impl FnMut(usize, usize, String)) {
    let bytes = text.as_bytes();
    let mut last = 0;
    let mut check = |start: usize, f: &mut dyn FnMut(usize, usize, String)| {
        if start < last {
            return;
        }
        let mut end = start;
        while end < bytes.len() && bytes[end].is_ascii_alphanumeric() {
            end += 1;
        }
        if let Some(form) = folded(bytes, start, end) {
            last = end;
            f(start, end, form);
        }
    };
    check(0, &mut f);
    for m in candidates(bytes.len()).find_iter(bytes) {
        let start = m.start() + usize::from(!bytes[m.start()].is_ascii_alphabetic());
        // Only the start of a word may start a chat form.
        if start > 0 && bytes[start - 1].is_ascii_alphanumeric() {
            continue;
        }
        check(start, &mut f);
    }
}

/// The standard form of the word at `start..end`, if it is a chat form
/// that stands alone there.
fn folded(bytes: &[u8], start: usize, end: usize) -> Option<String> {
    let word = &bytes[start..end];
    let form = standard(word)?;
    if start > 0 && joins(bytes[start - 1]) {
        return None;
    }
    if start > 1 && bytes[start - 1] == b'.' && bytes[start - 2].is_ascii_alphabetic() {
        return None;
    }
    let after = bytes.get(end).copied();
    if after.is_some_and(joins) {
        return None;
    }
    if after == Some(b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    if !folds_in_case(word) {
        return None;
    }
    let mut form = form.to_string();
    if word[0].is_ascii_uppercase() {
        form[..1].make_ascii_uppercase();
    }
    Some(form)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(text: &str) -> String {
        let mut out = String::new();
        let mut copied = 0;
        for_each(text, |start, end, form| {
            out.push_str(&text[copied..start]);
            out.push_str(&form);
            copied = end;
        });
        out + &text[copied..]
    }

    #[test]
    fn the_brief_search_finds_what_the_dfa_finds() {
        use aho_corasick::AhoCorasickKind::{ContiguousNFA, DFA};
        let (brief, dfa) = (search(ContiguousNFA), search(DFA));
        let text = "u shouldve checked ur spam folder, Dont worry thx\nim sure U r right \
                    ill well were its lets id IM, THX U-Haul u.s. @ur ur_name R&D über u";
        let spans = |s: &aho_corasick::AhoCorasick| -> Vec<_> {
            s.find_iter(text).map(|m| (m.start(), m.end())).collect()
        };
        assert_eq!(spans(&brief), spans(&dfa));
        assert!(spans(&dfa).len() > 10);
    }

    #[test]
    fn chat_words_become_the_words_they_stand_for() {
        assert_eq!(
            fold("u shouldve checked ur spam folder, Dont worry thx"),
            "you should've checked your spam folder, Don't worry thanks"
        );
        assert_eq!(fold("im sure U r right"), "I'm sure You are right");
    }

    #[test]
    fn words_of_their_own_acronyms_and_joined_forms_stay() {
        for text in [
            "ill well were its lets id",
            "send me an IM, THX",
            "U-Haul u.s. @ur ur_name u's R&D R2 r/d dont'",
            "über u",
        ] {
            let folded = fold(text);
            let changed: Vec<&str> = text
                .split(' ')
                .zip(folded.split(' '))
                .filter(|(a, b)| a != b)
                .map(|(a, _)| a)
                .collect();
            assert!(
                changed.is_empty() || text.starts_with("über"),
                "{text}: {changed:?}"
            );
        }
        assert_eq!(fold("über u"), "über you");
        assert_eq!(fold("We use R daily"), "We use R daily");
    }
}
