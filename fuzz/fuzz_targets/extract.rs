//! Any text through every input format: an error or segments whose every
//! offset maps inside the file on char boundaries, in order.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tact::Span;
use tact_cli::source::{Fields, InputFormat};

const FORMATS: [InputFormat; 6] = [
    InputFormat::Text,
    InputFormat::Markdown,
    InputFormat::Html,
    InputFormat::Json,
    InputFormat::Yaml,
    InputFormat::Csv,
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(source) = std::str::from_utf8(rest) else {
        return;
    };
    let format = FORMATS[usize::from(pick) % FORMATS.len()];
    let Ok(extracted) = format.extract(source, &Fields::default()) else {
        return;
    };
    for segment in &extracted.segments {
        let text = &segment.text;
        let mut last = 0;
        for (i, c) in text.char_indices() {
            let span = segment.to_file(Span::new(i, i + c.len_utf8()), source);
            assert!(span.start <= span.end && span.end <= source.len());
            assert!(source.is_char_boundary(span.start) && source.is_char_boundary(span.end));
            assert!(span.start >= last, "offsets go forward");
            last = span.start;
        }
    }
    for s in &extracted.suppressions {
        assert!(s.range.start <= s.range.end && s.range.end <= source.len());
    }
});
