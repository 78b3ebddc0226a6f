//! The engine's primitives: the rule kinds a pack can name. Each kind is one
//! module that owns how its rules read from a pack (its typed spec and the
//! pack-level table its rules share, if any), the literals it wants the
//! linter's one scan of the text to find, and its check over a document and
//! what the scan found (`kind.rs` says what a kind is made of). The linter
//! only wires them together.
//!
//! Adding a kind: a module here with a `pub(crate) static KIND: Kind`, and
//! its name in the list below.

mod kind;

pub(crate) use kind::*;

/// Declares each kind's module and lists them all in [`KINDS`], in the
/// order their hits are gathered.
macro_rules! kinds {
    ($($kind:ident),* $(,)?) => {
        $(pub(crate) mod $kind;)*

        /// Every rule kind a pack may name.
        pub(crate) static KINDS: &[&Kind] = &[$(&$kind::KIND),*];
    };
}

kinds![
    phrase,
    pattern,
    sequence,
    whole_reply,
    passive,
    personal_data
];
