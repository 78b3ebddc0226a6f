//! Finding every occurrence of a set of literals, ASCII case folded, the way
//! the gate, the phrase index and the personal-data scan all need.
//!
//! An Aho-Corasick automaton scans fastest, but building one over the
//! packs' thousand-odd literals costs more than searching a short draft.
//! While the process's searches have looked at little text in all, a search
//! uses a hash table of the literals' first bytes, looked up at every
//! position (nothing to build but the table); once they have searched
//! [`BRIEF_BYTES`], more text is coming, building automata costs less than
//! the lookups would, and each search builds its own. (Counted for all
//! searches together: a long text's sentences, searched one by one for
//! cues, are many short texts, but the run is a long one.)

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use rustc_hash::FxHashMap;

use super::interleaved;
use super::literal_dfa::LiteralDfa;

/// How many leading bytes of each literal the table keys on.
pub(crate) const KEY_BYTES: usize = 8;

/// How many literals may share a key before a search takes the automaton
/// whatever the text.
const MAX_SHARED_KEY: usize = 64;

/// How much text the searches look up in their tables, in all, before they
/// build automata.
const BRIEF_BYTES: u64 = 64 << 10;

/// Bytes searched so far by every search in the process.
static SEARCHED: AtomicU64 = AtomicU64::new(0);

/// How a search looks for its literals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Way {
    Table,
    Automaton,
}

#[derive(Debug)]
pub(crate) struct LiteralSearch {
    /// The literals, lowercase.
    literals: Literals,
    kind: Option<AhoCorasickKind>,
    /// For a search that has looked at little text, built on first use; `None` when
    /// too many literals share their first bytes (a user pack of 100,000
    /// phrases that all start alike), which the table would compare one by
    /// one at every hit.
    table: OnceLock<Option<LiteralTable>>,
    /// For the rest, built on first use; a table in its place if the
    /// literals are past the automaton's limits.
    automaton: OnceLock<Result<Automaton, LiteralTable>>,
}

#[derive(Debug)]
enum Automaton {
    /// Searched in eight walks at once (`interleaved.rs`).
    Dfa(Box<LiteralDfa>),
    /// The crate's choice, for more literals than a DFA holds well.
    Other(AhoCorasick),
}

impl LiteralSearch {
    /// `kind` is the automaton to build when one is needed.
    pub fn new<L: AsRef<[u8]>>(literals: &[L], kind: Option<AhoCorasickKind>) -> LiteralSearch {
        let mut bytes = Vec::new();
        let mut ends = Vec::with_capacity(literals.len());
        for literal in literals {
            bytes.extend(literal.as_ref().iter().map(u8::to_ascii_lowercase));
            ends.push(bytes.len());
        }
        let literals = Literals { bytes, ends };
        LiteralSearch {
            table: OnceLock::new(),
            literals,
            kind,
            automaton: OnceLock::new(),
        }
    }

    fn table(&self) -> Option<&LiteralTable> {
        let table = self.table.get_or_init(|| {
            Some(LiteralTable::new(&self.literals)).filter(|t| t.widest() <= MAX_SHARED_KEY)
        });
        table.as_ref()
    }

    fn automaton(&self) -> &Result<Automaton, LiteralTable> {
        self.automaton.get_or_init(|| {
            // The literals and the text are lowercased instead of the
            // automaton folding case: that made it twice the size, and its
            // scan slower.
            let dfa = match self.kind {
                Some(AhoCorasickKind::DFA) => LiteralDfa::new(self.literals.iter()),
                _ => None,
            };
            let built = match dfa {
                Some(dfa) => Ok(Automaton::Dfa(Box::new(dfa))),
                // The crate's choice for a kind other than a DFA, or for
                // more literals than a DFA holds.
                None => AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .kind(self.kind.filter(|&k| k != AhoCorasickKind::DFA))
                    .build(self.literals.iter())
                    .map(Automaton::Other),
            };
            built.map_err(|_| LiteralTable::new(&self.literals))
        })
    }

    /// Calls `f(start, end, literal index)` for every occurrence of every
    /// literal, overlapping ones included, in no promised order.
    pub fn for_each(&self, text: &str, f: impl FnMut(usize, usize, usize)) {
        let len = text.len() as u64;
        let brief = self.automaton.get().is_none()
            && SEARCHED.fetch_add(len, Ordering::Relaxed) + len <= BRIEF_BYTES;
        let way = if brief { Way::Table } else { Way::Automaton };
        self.for_each_by(way, text, f);
    }

    /// [`for_each`](Self::for_each), the table or the automaton as asked
    /// (the table only if it holds the literals well).
    fn for_each_by(&self, way: Way, text: &str, mut f: impl FnMut(usize, usize, usize)) {
        let table = match (way == Way::Table).then(|| self.table()).flatten() {
            Some(table) => table,
            // An empty literal (a user's phrase that folds to nothing)
            // matches nowhere, as in the table (the DFA leaves them out).
            _ => match self.automaton() {
                Ok(Automaton::Dfa(dfa)) => {
                    interleaved::for_each_match(dfa, text.as_bytes(), f);
                    return;
                }
                Ok(Automaton::Other(automaton)) => {
                    let lower = text.to_ascii_lowercase();
                    let found = automaton.find_overlapping_iter(&lower);
                    for m in found.filter(|m| !m.is_empty()) {
                        f(m.start(), m.end(), m.pattern().as_usize());
                    }
                    return;
                }
                Err(table) => table,
            },
        };
        table.for_each(&self.literals, text.as_bytes(), f);
    }
}

/// Literals end to end in one buffer: a search is built on every run, and
/// the gate alone has over a thousand.
#[derive(Debug)]
struct Literals {
    bytes: Vec<u8>,
    /// Where each literal ends in `bytes`.
    ends: Vec<usize>,
}

impl Literals {
    fn get(&self, i: usize) -> &[u8] {
        let start = i.checked_sub(1).map_or(0, |j| self.ends[j]);
        &self.bytes[start..self.ends[i]]
    }

    fn iter(&self) -> impl Iterator<Item = &[u8]> + Clone {
        (0..self.ends.len()).map(|i| self.get(i))
    }
}

/// The literals' indexes keyed by their first (up to eight) bytes, packed in
/// a `u64`; one map per key length, shortest first.
///
/// Built on every run over the packs' thousands of literals, so a key's
/// literals are not a list of their own: the map gives the key's bucket, and
/// the buckets are runs of one list, counted out in literal order.
#[derive(Debug)]
struct LiteralTable {
    by_len: Vec<(usize, FxHashMap<u64, u32>)>,
    /// The literals of bucket `b` are `ids[starts[b]..starts[b + 1]]`.
    starts: Vec<u32>,
    ids: Vec<u32>,
}

impl LiteralTable {
    /// The table of `literals`, which are lowercase.
    fn new(literals: &Literals) -> LiteralTable {
        let mut per_len = [0usize; KEY_BYTES + 1];
        for literal in literals.iter() {
            per_len[literal.len().min(KEY_BYTES)] += 1;
        }
        let mut by_len: Vec<(usize, FxHashMap<u64, u32>)> = (1..=KEY_BYTES)
            .filter(|&len| per_len[len] > 0)
            .map(|len| {
                (
                    len,
                    FxHashMap::with_capacity_and_hasher(per_len[len], Default::default()),
                )
            })
            .collect();
        // Each literal's bucket (`u32::MAX` for an empty literal, which
        // matches nowhere), and each bucket's count.
        let mut bucket_of = Vec::with_capacity(literals.ends.len());
        let mut counts: Vec<u32> = Vec::new();
        for literal in literals.iter() {
            let len = literal.len().min(KEY_BYTES);
            if len == 0 {
                bucket_of.push(u32::MAX);
                continue;
            }
            let at = by_len
                .iter()
                .position(|(l, _)| *l == len)
                .expect("every length was counted");
            let bucket = *by_len[at].1.entry(key(literal, len)).or_insert_with(|| {
                counts.push(0);
                (counts.len() - 1) as u32
            });
            counts[bucket as usize] += 1;
            bucket_of.push(bucket);
        }
        let mut starts = Vec::with_capacity(counts.len() + 1);
        starts.push(0u32);
        for &count in &counts {
            starts.push(starts[starts.len() - 1] + count);
        }
        let mut next = starts.clone();
        let mut ids = vec![0u32; starts[counts.len()] as usize];
        for (i, &bucket) in bucket_of.iter().enumerate() {
            if bucket != u32::MAX {
                let at = &mut next[bucket as usize];
                ids[*at as usize] = i as u32;
                *at += 1;
            }
        }
        LiteralTable {
            by_len,
            starts,
            ids,
        }
    }

    /// The most literals any key opens.
    fn widest(&self) -> usize {
        let sizes = self.starts.windows(2).map(|w| (w[1] - w[0]) as usize);
        sizes.max().unwrap_or(0)
    }

    fn for_each(&self, literals: &Literals, text: &[u8], mut f: impl FnMut(usize, usize, usize)) {
        let lower = text.to_ascii_lowercase();
        for start in 0..lower.len() {
            let rest = &lower[start..];
            let window = key(rest, rest.len().min(KEY_BYTES));
            for (len, map) in &self.by_len {
                if *len > rest.len() {
                    break;
                }
                let Some(&bucket) = map.get(&(window & mask(*len))) else {
                    continue;
                };
                let (from, to) = (
                    self.starts[bucket as usize],
                    self.starts[bucket as usize + 1],
                );
                for &id in &self.ids[from as usize..to as usize] {
                    let id = id as usize;
                    let literal = literals.get(id);
                    if rest.starts_with(literal) {
                        f(start, start + literal.len(), id);
                    }
                }
            }
        }
    }
}

/// The first `len` (at most eight) bytes of `bytes`, little-endian.
pub(crate) fn key(bytes: &[u8], len: usize) -> u64 {
    let mut buf = [0u8; KEY_BYTES];
    buf[..len].copy_from_slice(&bytes[..len]);
    u64::from_le_bytes(buf)
}

/// The low `len` bytes of a key (all eight past eight).
pub(crate) fn mask(len: usize) -> u64 {
    if len >= KEY_BYTES {
        u64::MAX
    } else {
        (1u64 << (8 * len)) - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    use Way::{Automaton as Bulk, Table as Brief};

    fn all(search: &LiteralSearch, text: &str, way: Way) -> Vec<(usize, usize, usize)> {
        let mut found = Vec::new();
        search.for_each_by(way, text, |s, e, i| found.push((s, e, i)));
        found.sort_unstable();
        found
    }

    #[test]
    fn the_table_finds_short_long_and_overlapping_literals_in_any_case() {
        let literals = ["a", "as I said", "I SAID", "said so", "as i sa", "é"];
        let search = LiteralSearch::new(&literals, None);
        assert_eq!(
            all(&search, "As I said SO, é", Brief),
            [
                (0, 1, 0),
                (0, 7, 4),
                (0, 9, 1),
                (3, 9, 2),
                (5, 12, 3),
                (6, 7, 0),
                (14, 16, 5)
            ]
        );
        assert!(
            search.automaton.get().is_none(),
            "a short text needs no automaton"
        );
    }

    #[test]
    fn an_empty_literal_matches_nowhere() {
        let search = LiteralSearch::new(&["", "a"], None);
        for way in [Brief, Bulk] {
            assert_eq!(all(&search, "bab", way), [(1, 2, 1)]);
        }
    }

    #[test]
    fn searches_take_automata_once_the_process_has_searched_enough() {
        let search = LiteralSearch::new(&["needle"], None);
        let long = format!("{}needle", " ".repeat(BRIEF_BYTES as usize));
        let mut found = Vec::new();
        search.for_each(&long, |s, e, i| found.push((s, e, i)));
        assert_eq!(found, [(BRIEF_BYTES as usize, BRIEF_BYTES as usize + 6, 0)]);
        assert!(search.automaton.get().is_some());
        // Every search from now on: the process has searched enough.
        let other = LiteralSearch::new(&["needle"], None);
        other.for_each("a needle", |_, _, _| {});
        assert!(other.automaton.get().is_some());
    }

    #[test]
    fn literals_that_mostly_share_a_key_go_to_the_automaton() {
        let literals: Vec<String> = (0..=MAX_SHARED_KEY)
            .map(|i| format!("phrase number {i}"))
            .collect();
        let search = LiteralSearch::new(&literals, None);
        assert!(search.table().is_none());
        assert_eq!(all(&search, "phrase number 7.", Brief), [(0, 15, 7)]);
    }

    #[test]
    fn literals_past_the_dfa_limit_go_to_the_crate() {
        // Too many entries for the DFA's table (see `literal_dfa.rs`): 360,000
        // bytes in rows of 50 or so.
        let mut literals: Vec<String> = (0..30_000u32)
            .map(|i| {
                (0..12)
                    .map(|k| char::from(b'0' + ((i * 7 + k * 31) % 75) as u8))
                    .collect()
            })
            .collect();
        literals.push("needle".into());
        let search = LiteralSearch::new(&literals, Some(AhoCorasickKind::DFA));
        let found = all(&search, "a NEEDLE", Bulk);
        assert_eq!(found, [(2, 8, 30_000)]);
        assert!(matches!(
            search.automaton.get(),
            Some(Ok(Automaton::Other(_)))
        ));
    }

    proptest! {
        /// The table finds what the automaton finds, on texts and literals
        /// made of a few letters (so that they often meet) and some that
        /// only fold by Unicode rules.
        #[test]
        fn the_table_agrees_with_the_automaton(
            literals in proptest::collection::vec("[aAbB \u{212A}k]{1,12}", 1..12),
            text in "[aAbB \u{212A}kK]{0,60}",
        ) {
            let search = LiteralSearch::new(&literals, None);
            let table = all(&search, &text, Brief);
            prop_assert_eq!(table, all(&search, &text, Bulk));
        }
    }
}
