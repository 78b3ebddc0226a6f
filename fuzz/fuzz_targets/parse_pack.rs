//! Any bytes as a user's pack: an error or a pack, never a panic; a pack that
//! loads can lint and run its own examples.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tact::{check_examples, Linter, Pack, Selection};

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    match Pack::parse("fuzz.toml", source) {
        Ok(pack) => {
            let linter = Linter::new(std::slice::from_ref(&pack), &Selection::default()).unwrap();
            linter.lint("As I said, your password was reset by our team. Calm down.");
            check_examples(&pack);
        }
        Err(e) => {
            if let Some(span) = e.span {
                assert!(span.end <= source.len());
            }
        }
    }
});
