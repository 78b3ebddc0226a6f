//! An Aho-Corasick DFA over lowercase literals, laid out for the walk in
//! `interleaved.rs`, which takes one byte of text a step.
//!
//! The `aho-corasick` crate's DFA finds the same matches, but building it
//! was a sixth of a long run's fixed cost (it finds each missing transition
//! by following failure links), and a walk over it paid for a lowercase
//! lookup, a byte-class lookup, a bounds check and a double indirection to
//! each match's literals. Built here breadth first, a missing transition is
//! copied from the failure state's finished row, and the table is shaped
//! for the walk:
//!
//! - One class table maps a byte, ASCII lowercased, to its column.
//! - A state is the offset of its row, and the table's length is a power of
//!   two, so one `& mask` of `state + class` both keeps the index in the
//!   table and clears [`MATCH`], which a transition into a match state
//!   carries: a walk tells a match state by its sign alone.
//! - A match state's literals sit in one flat list, found through the two
//!   columns past the classes in its row.

/// Set in a transition that enters a match state.
pub(crate) const MATCH: u32 = 1 << 31;

/// The most table entries built (64 MiB); past this a literal set is left
/// to the `aho-corasick` crate's choice of automaton. The built-in packs
/// take 2^18; a user pack of 10,000 phrases at most 2^23.
const MAX_ENTRIES: usize = 1 << 24;

#[derive(Debug)]
pub(crate) struct LiteralDfa {
    /// Each byte's column, after ASCII lowercasing; 0 for bytes in no literal.
    classes: [u8; 256],
    /// Rows of a transition per class, then where the state's matches
    /// start and end in `matches`.
    trans: Box<[u32]>,
    /// Classes in use: the columns before a row's match range.
    classes_len: usize,
    /// `(length, literal index)` of each match state's literals, in the
    /// order the `aho-corasick` crate reports them: the state's own, then
    /// its failure state's.
    matches: Box<[(u32, u32)]>,
    max_len: usize,
}

impl LiteralDfa {
    /// The DFA of `literals` (lowercase; empty ones match nowhere), or
    /// `None` if its table would pass [`MAX_ENTRIES`].
    pub fn new<'a>(literals: impl Iterator<Item = &'a [u8]> + Clone) -> Option<LiteralDfa> {
        let mut column = [0u8; 256];
        let mut classes_len = 1;
        let mut bytes = 0;
        for literal in literals.clone() {
            bytes += literal.len();
            for &b in literal {
                if column[usize::from(b)] == 0 {
                    column[usize::from(b)] = u8::try_from(classes_len).ok()?;
                    classes_len += 1;
                }
            }
        }
        let stride = classes_len + 2;
        // A trie has at most a node per literal byte, and the root.
        let len = ((bytes + 1) * stride).next_power_of_two();
        if len > MAX_ENTRIES {
            return None;
        }
        let classes = std::array::from_fn(|b| column[usize::from((b as u8).to_ascii_lowercase())]);
        // Zeroed: the pages past the last row are never touched.
        let mut trans = vec![0u32; len];
        let mut rows = 1;
        // Per row: the literals that end there (its own, then inherited).
        let mut ends: Vec<Vec<u32>> = vec![Vec::new()];
        let mut lens = Vec::new();
        for (i, literal) in literals.enumerate() {
            lens.push(literal.len() as u32);
            if literal.is_empty() {
                continue;
            }
            let mut s = 0;
            for &b in literal {
                let at = s + usize::from(column[usize::from(b)]);
                if trans[at] == 0 {
                    trans[at] = (rows * stride) as u32;
                    rows += 1;
                    ends.push(Vec::new());
                }
                s = trans[at] as usize;
            }
            ends[s / stride].push(i as u32);
        }
        // Breadth first, so that a state's failure state (shallower) is
        // finished before it: a child's failure state is where its parent's
        // failure state goes on the same class, and a missing transition is
        // the failure state's. A child is never the root, so a zero entry is
        // a missing one; the root's stay at the root, as does class 0 (bytes
        // in no literal) from every state.
        let mut fail = vec![0u32; rows];
        let mut queue: Vec<u32> = (1..classes_len)
            .map(|c| trans[c])
            .filter(|&child| child != 0)
            .collect();
        let mut next = 0;
        while let Some(&s) = queue.get(next) {
            next += 1;
            let s = s as usize;
            let f = fail[s / stride] as usize;
            for c in 1..classes_len {
                let child = trans[s + c];
                if child == 0 {
                    trans[s + c] = trans[f + c];
                    continue;
                }
                let child_fail = trans[f + c];
                fail[child as usize / stride] = child_fail;
                let inherited = ends[child_fail as usize / stride].clone();
                ends[child as usize / stride].extend(inherited);
                queue.push(child);
            }
        }
        let mut matches = Vec::new();
        for row in 0..rows {
            let at = row * stride;
            for entry in &mut trans[at..at + classes_len] {
                if !ends[*entry as usize / stride].is_empty() {
                    *entry |= MATCH;
                }
            }
            trans[at + classes_len] = matches.len() as u32;
            matches.extend(ends[row].iter().map(|&i| (lens[i as usize], i)));
            trans[at + classes_len + 1] = matches.len() as u32;
        }
        Some(LiteralDfa {
            classes,
            trans: trans.into_boxed_slice(),
            classes_len,
            matches: matches.into_boxed_slice(),
            max_len: lens.iter().max().map_or(0, |&l| l as usize),
        })
    }

    /// The start state, where a walk begins; it matches nothing.
    pub fn start(&self) -> u32 {
        0
    }

    /// The longest literal's length.
    pub fn max_len(&self) -> usize {
        self.max_len
    }

    /// The table and classes, for a walk's inner loop (see [`next`]).
    pub fn table(&self) -> (&[u32], &[u8; 256]) {
        (&self.trans, &self.classes)
    }

    /// Calls `f(start, end, literal)` for each literal that ends at `end`
    /// when the walk is in `state` (a match state, or nothing is called).
    pub fn matches_at(&self, state: u32, end: usize, mut f: impl FnMut(usize, usize, usize)) {
        let at = (state & !MATCH) as usize + self.classes_len;
        let range = self.trans[at] as usize..self.trans[at + 1] as usize;
        for &(len, literal) in &self.matches[range] {
            f(end - len as usize, end, literal as usize);
        }
    }
}

/// The state after `state` on `byte`. `trans.len()` is a power of two, so
/// the mask clears [`MATCH`]. (The compiler keeps its bounds check, a
/// branch that is never taken: hints that the mask keeps the index in
/// bounds did not remove it.)
#[inline(always)]
pub(crate) fn next(trans: &[u32], classes: &[u8; 256], state: u32, byte: u8) -> u32 {
    let at = state.wrapping_add(u32::from(classes[usize::from(byte)])) as usize;
    trans[at & (trans.len() - 1)]
}

/// Whether `state` is a match state.
#[inline(always)]
pub(crate) fn is_match(state: u32) -> bool {
    state & MATCH != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_past_the_limit_is_not_built() {
        // 200 distinct bytes make rows of 203 entries; 2^24 entries hold
        // under 83,000 rows, and these literals would need 160,000.
        let literals: Vec<Vec<u8>> = (0..20_000u32)
            .map(|i| {
                (0..8)
                    .map(|k| 32 + ((i * 7 + k * 31) % 200) as u8)
                    .collect()
            })
            .collect();
        assert!(LiteralDfa::new(literals.iter().map(Vec::as_slice)).is_none());
        let few = &literals[..100];
        let dfa = LiteralDfa::new(few.iter().map(Vec::as_slice)).unwrap();
        assert!(dfa.table().0.len().is_power_of_two());
        assert_eq!(dfa.max_len(), 8);
    }
}
