//! A pattern compiled only to answer "does it match?": a forward lazy DFA.
//!
//! The cue lists of the personal-data primitive (request, reason, mention)
//! and the rules' `unless` patterns are only ever asked that. The meta regex
//! also builds a reverse automaton, capture engines and a prefilter, which
//! make these large alternations slow to compile, and a draft that asks for
//! a date of birth would pay that on every run. The forward DFA alone
//! compiles in a fraction of the time.

use std::cell::RefCell;
use std::panic::{RefUnwindSafe, UnwindSafe};

use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_automata::util::pool::Pool;
use regex_automata::Input;
use regex_syntax::hir::Hir;

type CacheFn = Box<dyn Fn() -> Cache + Send + Sync + UnwindSafe + RefUnwindSafe>;

thread_local! {
    /// One NFA compiler per thread, reused: a new one allocates and zeroes
    /// a map of 10,000 entries for compiling Unicode classes, which was
    /// most of a small pattern's compile.
    static COMPILER: RefCell<thompson::Compiler> = RefCell::new(thompson::Compiler::new());
}

pub(crate) struct Matcher {
    dfa: DFA,
    /// One cache per thread at a time, as the meta regex keeps them.
    caches: Pool<Cache, CacheFn>,
}

impl std::fmt::Debug for Matcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Matcher").finish_non_exhaustive()
    }
}

impl Matcher {
    /// `None` when the lazy DFA cannot take the pattern; the caller then
    /// uses the full regex.
    pub fn build(hir: &Hir, size_limit: usize, cache_capacity: usize) -> Option<Matcher> {
        let config = thompson::Config::new()
            .which_captures(WhichCaptures::None)
            .nfa_size_limit(Some(size_limit));
        let nfa = COMPILER.with(|compiler| {
            let mut compiler = compiler.borrow_mut();
            compiler.configure(config);
            compiler.build_from_hir(hir).ok()
        })?;
        let dfa = DFA::builder()
            .configure(DFA::config().cache_capacity(cache_capacity))
            .build_from_nfa(nfa)
            .ok()?;
        let for_pool = dfa.clone();
        let create: CacheFn = Box::new(move || for_pool.create_cache());
        Some(Matcher {
            dfa,
            caches: Pool::new(create),
        })
    }

    /// Whether `haystack` holds a match; `None` if the search gave up.
    pub fn is_match(&self, haystack: &str) -> Option<bool> {
        let mut cache = self.caches.get();
        let input = Input::new(haystack).earliest(true);
        self.dfa
            .try_search_fwd(&mut cache, &input)
            .ok()
            .map(|m| m.is_some())
    }
}
