//! One search of the text for the literals of many lists: searched for
//! apart, every primitive's literals would be another pass over the text;
//! one automaton of all of them walks it once.

use aho_corasick::AhoCorasickKind;

use super::literal_search::LiteralSearch;

/// Up to this many literals, the automaton (when one is built) is a full
/// DFA: the fastest scan, and worth its memory for the few thousand literals
/// packs usually hold; past that (a user pack of 100,000 phrases) the
/// crate's own choice builds in reasonable time and memory.
const DFA_LITERALS: usize = 10_000;

pub(crate) struct Scan {
    search: LiteralSearch,
    /// Per literal of the search: its list, and its index in that list.
    owners: Vec<(usize, usize)>,
}

impl Scan {
    /// One search for every list; `None` if all are empty.
    pub fn new<'a>(lists: impl IntoIterator<Item = &'a [String]>) -> Option<Scan> {
        let mut literals: Vec<&str> = Vec::new();
        let mut owners = Vec::new();
        for (k, list) in lists.into_iter().enumerate() {
            for (i, literal) in list.iter().enumerate() {
                literals.push(literal);
                owners.push((k, i));
            }
        }
        if literals.is_empty() {
            return None;
        }
        let kind = (literals.len() <= DFA_LITERALS).then_some(AhoCorasickKind::DFA);
        Some(Scan {
            search: LiteralSearch::new(&literals, kind),
            owners,
        })
    }

    /// Calls `f(list, start, end, index in the list)` for every occurrence
    /// of every literal, overlapping ones included, in no promised order.
    pub fn for_each(&self, text: &str, mut f: impl FnMut(usize, usize, usize, usize)) {
        self.search.for_each(text, |start, end, literal| {
            let (list, i) = self.owners[literal];
            f(list, start, end, i);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hits_come_back_to_their_list() {
        let phrases = ["calm down".to_string()];
        let words = ["calm".to_string(), "down".to_string()];
        let scan = Scan::new([&phrases[..], &[], &words[..]]).unwrap();
        let mut hits = Vec::new();
        scan.for_each("Calm down.", |list, start, end, i| {
            hits.push((list, start, end, i))
        });
        hits.sort_by_key(|&(_, start, end, _)| (start, end));
        assert_eq!(hits, [(2, 0, 4, 0), (0, 0, 9, 0), (2, 5, 9, 1)]);
    }
}
