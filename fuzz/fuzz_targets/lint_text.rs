//! Any text through every built-in rule: no panic, spans inside the text on
//! char boundaries, positions computable for every span, and the same
//! findings whether literals are looked up in tables (a brief linter) or
//! scanned for with automata (one that has linted much).
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
    // A new linter each time searches with lookup tables; the shared one,
    // past 64 KiB, with automata.
    let brief = Linter::new(builtin(), &Selection::default()).unwrap();
    let found = linter.lint(text);
    assert_eq!(brief.lint(text), found);
    let index = LineIndex::new(text);
    for d in found {
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
