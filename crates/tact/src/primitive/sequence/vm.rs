//! A sequence compiled to instructions, and the Pike VM that runs them
//! over a sentence's [`Tokens`]: linear in the sentence, leftmost-first
//! (the match a backtracking search would find, as the `regex` crate's
//! Pike VM is).
//!
//! A thread is kept only if its instruction takes the token it stands
//! at: an alternation of many class phrases would otherwise add a thread
//! per phrase at every start, nearly all of them to die on the next token.

use rustc_hash::FxHashSet;

use super::tokens::{hash, Tokens};

/// One instruction of a compiled sequence.
#[derive(Clone, Debug)]
pub(super) enum Inst {
    /// A word, with its [`hash`].
    Word(Box<str>, u64),
    Class(usize),
    Punct(u8),
    Any,
    /// Go on at both, the first preferred.
    Split(usize, usize),
    Jump(usize),
    /// Note the position in a slot (2: mark start, 3: mark end).
    Save(usize),
    Start,
    End,
    Match,
}

impl Inst {
    pub fn word(word: &str) -> Inst {
        Inst::Word(word.into(), hash(word))
    }

    /// Whether this instruction, one that reads a token, takes token `at`.
    fn takes(&self, tokens: &Tokens, at: usize) -> bool {
        if at == tokens.len() {
            return false;
        }
        match self {
            Inst::Word(w, h) => tokens.is_word(at, w, *h),
            Inst::Class(c) => tokens.punct(at).is_none() && tokens.in_class(at, *c),
            Inst::Punct(p) => tokens.punct(at) == Some(*p),
            Inst::Any => true,
            _ => false,
        }
    }
}

/// A match: `[start, end, mark start, mark end]` in tokens (the mark's
/// `usize::MAX` when there is none).
pub(super) type Match = [usize; 4];

/// A sequence's instructions.
#[derive(Debug)]
pub(super) struct Code {
    insts: Vec<Inst>,
    /// What a match may start with, when that is known: a start is tried
    /// only where it stands, not at every token.
    first: Option<First>,
    /// Per part every match holds, the [`hash`]es of the words one of which
    /// it holds: a sentence that may hold none of some part's is not run.
    required: Vec<Vec<u64>>,
}

impl Code {
    /// The code of `insts` (ending with [`Inst::Match`]), the tokens a
    /// match may start with when they are known, and words required of
    /// every match: per part, the [`hash`]es of the words one of which it
    /// holds.
    pub fn new(insts: Vec<Inst>, first: Option<First>, mut required: Vec<Vec<u64>>) -> Code {
        // The shortest lists first: the likeliest to turn a sentence away.
        required.sort_by_key(Vec::len);
        Code {
            insts,
            first,
            required,
        }
    }

    /// Add the thread at `pc` to the current list (or the next, `next`),
    /// following jumps, splits and saves, in order of preference; a thread
    /// that reads a token is kept only if it takes token `at`.
    fn add(&self, vm: &mut Vm, next: bool, pc: usize, caps: Match, at: usize, tokens: &Tokens) {
        let mut stack = std::mem::take(&mut vm.stack);
        stack.push((pc, caps));
        while let Some((mut pc, mut caps)) = stack.pop() {
            loop {
                // The list being filled is the one of the current
                // generation: a thread is added to it once.
                if vm.seen[pc] == vm.generation {
                    break;
                }
                vm.seen[pc] = vm.generation;
                match &self.insts[pc] {
                    Inst::Jump(to) => pc = *to,
                    Inst::Split(a, b) => {
                        stack.push((*b, caps));
                        pc = *a;
                    }
                    Inst::Save(slot) => {
                        caps[*slot] = at;
                        pc += 1;
                    }
                    Inst::Start if at == 0 => pc += 1,
                    Inst::End if at == tokens.len() => pc += 1,
                    Inst::Start | Inst::End => break,
                    inst => {
                        let reads = !matches!(inst, Inst::Match);
                        if next {
                            vm.reached_next |= reads;
                        } else {
                            vm.reached |= reads;
                        }
                        if !reads || inst.takes(tokens, at) {
                            let list = if next { &mut vm.next } else { &mut vm.current };
                            list.push((pc, caps));
                        }
                        break;
                    }
                }
            }
        }
        vm.stack = stack;
    }

    /// The leftmost match at or after token `from`.
    fn find(&self, tokens: &Tokens, from: usize, vm: &mut Vm) -> Option<Match> {
        vm.reset(self.insts.len());
        let mut matched = None;
        let mut at = from;
        while at <= tokens.len() {
            if matched.is_none() {
                if vm.current.is_empty() {
                    // Nothing in flight: on to where a match may start.
                    if let Some(first) = &self.first {
                        while at < tokens.len() && !first.admits(tokens, at) {
                            if first.anchored {
                                return None;
                            }
                            at += 1;
                        }
                        if at == tokens.len() {
                            return None;
                        }
                    }
                    // A new list: what was marked in the one before was
                    // marked at another token.
                    vm.generation += 1;
                }
                if self.first.as_ref().is_none_or(|f| f.admits(tokens, at)) {
                    let caps = [at, usize::MAX, usize::MAX, usize::MAX];
                    self.add(vm, false, 0, caps, at, tokens);
                }
            }
            if vm.current.is_empty() {
                // With no first tokens known, a start is tried at every
                // token until one reads none (a `^` past the start).
                if matched.is_some() || (self.first.is_none() && !vm.reached) {
                    break;
                }
                vm.reached = false;
                at += 1;
                continue;
            }
            vm.generation += 1;
            let current = std::mem::take(&mut vm.current);
            for &(pc, caps) in &current {
                if let Inst::Match = self.insts[pc] {
                    matched = Some([caps[0], at, caps[2], caps[3]]);
                    break;
                }
                self.add(vm, true, pc + 1, caps, at + 1, tokens);
            }
            vm.current = current;
            vm.current.clear();
            std::mem::swap(&mut vm.current, &mut vm.next);
            vm.reached = std::mem::take(&mut vm.reached_next);
            at += 1;
        }
        matched
    }

    /// Every match in `tokens`, leftmost first, none overlapping.
    pub fn matches(&self, tokens: &Tokens, vm: &mut Vm, out: &mut Vec<Match>) {
        let held = |words: &Vec<u64>| words.iter().any(|&h| tokens.may_hold(h));
        if !self.required.iter().all(held) {
            return;
        }
        let mut from = 0;
        while from <= tokens.len() {
            let Some(m) = self.find(tokens, from, vm) else {
                break;
            };
            out.push(m);
            from = m[1].max(m[0] + 1);
        }
    }
}

/// The tokens a sequence's match may start with.
#[derive(Debug)]
pub(super) struct First {
    /// Only at the sentence's start (`^`).
    anchored: bool,
    /// The words' [`hash`]es: a hash shared with another word only starts
    /// a thread that goes no further.
    words: FxHashSet<u64>,
    /// A bit per byte value of the hashes' top byte: most tokens are
    /// turned away here, without a lookup.
    filter: [u64; 4],
    puncts: Vec<u8>,
}

impl First {
    /// A match starts with one of `words` (by [`hash`]) or `puncts` (and at the
    /// sentence's start only, when `anchored`).
    pub fn new(anchored: bool, words: &[u64], puncts: Vec<u8>) -> First {
        let words: FxHashSet<u64> = words.iter().copied().collect();
        let mut filter = [0; 4];
        for &h in &words {
            let b = (h >> 56) as usize;
            filter[b / 64] |= 1 << (b % 64);
        }
        First {
            anchored,
            words,
            filter,
            puncts,
        }
    }

    fn admits(&self, tokens: &Tokens, at: usize) -> bool {
        if (self.anchored && at > 0) || at == tokens.len() {
            return false;
        }
        match tokens.punct(at) {
            Some(p) => self.puncts.contains(&p),
            None => {
                let h = tokens.hash(at);
                let b = (h >> 56) as usize;
                (self.filter[b / 64] >> (b % 64)) & 1 != 0 && self.words.contains(&h)
            }
        }
    }
}

/// The Pike VM's thread lists, kept across sentences.
#[derive(Default)]
pub(super) struct Vm {
    current: Vec<(usize, Match)>,
    next: Vec<(usize, Match)>,
    /// The threads still to follow in [`Code::add`].
    stack: Vec<(usize, Match)>,
    /// Whether a thread of the current list (of the next) reached an
    /// instruction that reads a token, kept or not.
    reached: bool,
    reached_next: bool,
    /// Per instruction, the generation it was last added in, so that a
    /// thread is added once per step.
    seen: Vec<u64>,
    generation: u64,
}

impl Vm {
    /// Ready the lists for a program of `insts` instructions. The
    /// generation only grows, so `seen` never needs clearing: whatever it
    /// holds is from a generation gone by.
    fn reset(&mut self, insts: usize) {
        self.current.clear();
        self.next.clear();
        self.reached = false;
        self.reached_next = false;
        if self.seen.len() < insts {
            self.seen.resize(insts, 0);
        }
        self.generation += 1;
    }
}
