//! Any bytes as a user's pack: an error or a pack, never a panic; a pack that
//! loads can lint and run its own examples.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tact::{builtin, check_examples, Linter, Pack, Selection, SelectionError};

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    match Pack::parse("fuzz.toml", source) {
        Ok(pack) => {
            // A pack may read the built-in packs' findings, or name a rule
            // no pack has: an error, never a panic.
            let mut packs = vec![pack.clone()];
            packs.extend(builtin().iter().filter(|p| p.name != pack.name).cloned());
            match Linter::new(&packs, &Selection::default()) {
                Ok(linter) => {
                    linter.lint("As I said, your password was reset by our team. Calm down.");
                }
                Err(SelectionError::UnknownFinding { .. } | SelectionError::DuplicatePack(_)) => {}
                Err(e) => panic!("{e}"),
            }
            let _ = check_examples(&pack, &[]);
        }
        Err(e) => {
            if let Some(span) = e.span {
                assert!(span.end <= source.len());
            }
        }
    }
});
