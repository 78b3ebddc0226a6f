//! The search layer: every literal and pattern search the primitives use,
//! with all of its speed tricks behind the few types and functions below.
//! It knows spans and text, nothing of rules, packs or the linter.
//!
//! - [`Scan`]: one pass over a text for the literals of many lists (ASCII
//!   case folded), each hit reported to its list.
//! - [`Pattern`]: one regex, compiled as far as each question needs;
//!   [`Gate`]: the literals some match of each of many patterns must hold.
//! - [`Cues`]: a list of regexes asked whether any matches a sentence;
//!   [`SpacedPhrases`]: phrases that match across any run of spaces.
//! - [`WordSet`]: a set of short words looked up by their bytes.
//!
//! A search decides by itself how to look: while it has searched little
//! text, a hash table of the literals' first bytes, looked up at every
//! position (nothing to build); past that, an automaton, built once.

mod cues;
mod gate;
mod hir;
mod hir_code;
mod interleaved;
mod literal_dfa;
mod literal_search;
mod literals;
mod matcher;
mod regex;
mod scan;
mod sentences;
mod spaced_phrases;
mod swar;
mod word_set;

pub(crate) use cues::Cues;
pub(crate) use gate::Gate;
#[cfg(test)]
pub(crate) use hir::{exact, loose};
#[cfg(test)]
pub(crate) use hir_code::{read as read_tree, write as write_tree};
pub(crate) use literal_search::KEY_BYTES;
#[cfg(test)]
pub(crate) use literals::required_literals;
#[cfg(test)]
pub(crate) use literals::MIN_CUE_LITERAL;
pub(crate) use literals::MIN_LITERAL;
pub(crate) use regex::{gate_of, prefilter, Pattern};
pub(crate) use scan::Scan;
pub(crate) use sentences::{sentence_after, touched, BySentence};
pub(crate) use spaced_phrases::SpacedPhrases;
pub(crate) use swar::ascii_lowercase;
pub(crate) use word_set::WordSet;
