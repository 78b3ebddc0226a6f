//! Suggestions for a misspelt name: a rule id, a pack, a config or pack key.

/// The candidate closest to `name`, if it is close enough to be a typo, for
/// "did you mean" hints.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(name, c), c))
        .filter(|&(d, c)| d <= 3.max(c.len() / 4))
        .min()
        .map(|(_, c)| c.to_string())
}
