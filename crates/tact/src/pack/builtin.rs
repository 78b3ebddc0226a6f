//! The packs compiled into the library, so `tact` works with no config at all.

use std::sync::OnceLock;

use super::Pack;

const SOURCES: &[(&str, &str)] = &[
    ("gotcha", include_str!("../../../../rules/gotcha.toml")),
    ("passive", include_str!("../../../../rules/passive.toml")),
    ("pii", include_str!("../../../../rules/pii.toml")),
];

/// The built-in packs, parsed once per process.
pub fn builtin() -> &'static [Pack] {
    static PACKS: OnceLock<Vec<Pack>> = OnceLock::new();
    PACKS.get_or_init(|| {
        SOURCES
            .iter()
            .map(|(name, source)| {
                Pack::load(&format!("builtin:{name}"), source, false).unwrap_or_else(|e| {
                    panic!("built-in pack is invalid (a test catches this): {e}")
                })
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in packs compile lazily; here every pattern is compiled, so
    /// none can fail (or exceed the size limit) on first use.
    #[test]
    fn builtin_packs_compile_eagerly() {
        for (name, source) in SOURCES {
            if let Err(e) = Pack::parse(name, source) {
                panic!("{e}");
            }
        }
    }
}
