//! Any text through every built-in rule: no panic, spans inside the text on
//! char boundaries, positions computable for every span.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use tact::{builtin, LineIndex, Linter, Selection};

fuzz_target!(|data: &[u8]| {
    static LINTER: OnceLock<Linter> = OnceLock::new();
    let linter = LINTER.get_or_init(|| Linter::new(builtin(), &Selection::default()).unwrap());
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let index = LineIndex::new(text);
    for d in linter.lint(text) {
        assert!(d.span.start < d.span.end && d.span.end <= text.len());
        assert!(text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end));
        for s in &d.suggestions {
            assert!(s.span.end <= text.len() && text.is_char_boundary(s.span.start));
        }
        let start = index.position(text, d.span.start);
        let end = index.position(text, d.span.end);
        assert!((start.line, start.column) <= (end.line, end.column));
    }
});
