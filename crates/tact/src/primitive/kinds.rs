//! Every rule kind a pack may name.

use super::{passive, pattern, personal_data, phrase, Kind};

/// The kinds, in the order their hits are gathered.
pub(crate) static KINDS: &[&Kind] = &[
    &phrase::KIND,
    &pattern::KIND,
    &passive::KIND,
    &personal_data::KIND,
];
