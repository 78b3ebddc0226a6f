//! One search of the text for the literals of every primitive that searches
//! the whole text: the phrases' and the pattern gate's keys, and each pack's
//! personal-data first words and be and get forms.
//!
//! Searched for apart, they were four passes over the text, a third of a
//! long run's time; one automaton of all their literals walks the text once.

use aho_corasick::AhoCorasickKind;

use super::literal_search::LiteralSearch;
use crate::linter::Workload;

/// Up to this many literals, the automaton (when one is built) is a full
/// DFA: the fastest scan, and worth its memory for the few thousand literals
/// packs usually hold; past that (a user pack of 100,000 phrases) the
/// crate's own choice builds in reasonable time and memory.
const DFA_LITERALS: usize = 10_000;

/// Whose literal a hit is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Source {
    Phrases,
    Gate,
    /// The personal-data first words of the linter's `n`th such detector.
    Data(usize),
    /// The be and get forms of the linter's `n`th passive detector.
    Forms(usize),
}

pub(crate) struct Scan {
    search: LiteralSearch,
    /// Per literal of the search: whose it is, and its index in that list.
    owners: Vec<(Source, usize)>,
}

impl Scan {
    /// One search for every list; `None` if all are empty.
    pub fn new<'a>(lists: impl IntoIterator<Item = (Source, &'a [String])>) -> Option<Scan> {
        let mut literals: Vec<&str> = Vec::new();
        let mut owners = Vec::new();
        for (source, list) in lists {
            for (i, literal) in list.iter().enumerate() {
                literals.push(literal);
                owners.push((source, i));
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

    /// Calls `f(source, start, end, index in the source's list)` for every
    /// occurrence of every literal, overlapping ones included, in no
    /// promised order.
    pub fn for_each(
        &self,
        text: &str,
        workload: Workload,
        mut f: impl FnMut(Source, usize, usize, usize),
    ) {
        self.search.for_each(text, workload, |start, end, literal| {
            let (source, i) = self.owners[literal];
            f(source, start, end, i);
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
        let scan = Scan::new([
            (Source::Phrases, &phrases[..]),
            (Source::Data(1), &words[..]),
        ])
        .unwrap();
        for workload in [Workload::Brief, Workload::Bulk] {
            let mut hits = Vec::new();
            scan.for_each("Calm down.", workload, |source, start, end, i| {
                hits.push((source, start, end, i))
            });
            hits.sort_by_key(|&(_, start, end, _)| (start, end));
            assert_eq!(
                hits,
                [
                    (Source::Data(1), 0, 4, 0),
                    (Source::Phrases, 0, 9, 0),
                    (Source::Data(1), 5, 9, 1)
                ]
            );
        }
    }
}
