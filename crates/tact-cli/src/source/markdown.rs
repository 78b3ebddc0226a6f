//! Markdown: only prose is linted. Code blocks, inline code, HTML (and HTML
//! comments), URLs and YAML front matter are blanked out; link text, headings,
//! list items and emphasis are kept. A soft line break inside a paragraph is
//! one space, so a hard-wrapped sentence is one sentence again, with the
//! same words whether the file's lines end in `\n` or `\r\n`.
//!
//! HTML comments carry suppressions (see `suppression`).

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::segment::{Builder, Segment};
use super::suppression::{Collector, Suppression};

/// The suppressions written in `source`'s HTML comments (not in code).
pub fn suppressions(source: &str) -> Vec<Suppression> {
    let mut found = Collector::default();
    for (event, range) in Parser::new_ext(source, Options::empty()).into_offset_iter() {
        // A whole HTML block at once, so a comment may span lines.
        let (Event::Start(Tag::HtmlBlock) | Event::InlineHtml(_)) = event else {
            continue;
        };
        let mut from = range.start;
        while let Some(open) = source[from..range.end].find("<!--") {
            let start = from + open;
            let Some(close) = source[start + 4..range.end].find("-->") else {
                break;
            };
            let end = start + 4 + close + 3;
            found.comment(&source[start + 4..end - 3], start..end, source);
            from = end;
        }
    }
    found.finish()
}

/// The prose of `source`, as one segment: everything else blanked, and each
/// soft line break one space. A break stands for all the bytes around it
/// that are not prose: the trailing blanks before it, its `\r\n`, and the
/// next line's indentation or `>` markers.
pub fn segment(source: &str) -> Segment<'static> {
    let (prose, breaks) = prose(source);
    if breaks.is_empty() {
        return Segment::verbatim(prose, 0);
    }
    let mut out = Builder::default();
    let mut at = 0;
    for r in breaks {
        out.literal(at, &prose[at..r.start]);
        out.decoded(r.clone(), ' ');
        at = r.end;
    }
    out.literal(at, &prose[at..]);
    out.finish(None)
}

/// `source` with everything but prose replaced by spaces (line breaks kept),
/// byte for byte, and the soft line breaks that stand for more than one byte
/// (blanked to spaces).
fn prose(source: &str) -> (String, Vec<std::ops::Range<usize>>) {
    // Start blank; keep line breaks so blocks stay apart and lines stay put.
    let mut out: Vec<u8> = source
        .bytes()
        .map(|b| if b == b'\n' || b == b'\r' { b } else { b' ' })
        .collect();
    let mut copied = vec![false; source.len()];
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH;
    let mut skip = 0usize;
    let mut soft = Vec::new();
    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::HtmlBlock) => skip += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::HtmlBlock) => {
                skip = skip.saturating_sub(1)
            }
            Event::Text(_) if skip == 0 => {
                out[range.clone()].copy_from_slice(&source.as_bytes()[range.clone()]);
                copied[range].fill(true);
            }
            Event::SoftBreak => soft.push(range),
            _ => {}
        }
    }
    // Widen each break over the blanks before it and the container markup
    // (indentation, `>`) after it, up to the next prose: a wrapped line in
    // a list item or a quote reads as one line, words one space apart.
    let bytes = source.as_bytes();
    let mut breaks = Vec::new();
    for r in soft {
        let mut start = r.start;
        while start > 0 && matches!(bytes[start - 1], b' ' | b'\t') {
            start -= 1;
        }
        let mut end = r.end;
        while end < bytes.len() && !copied[end] && matches!(bytes[end], b' ' | b'\t' | b'>') {
            end += 1;
        }
        out[start..end].fill(b' ');
        if end - start > 1 {
            breaks.push(start..end);
        }
    }
    let out = String::from_utf8(out).expect("whole chars copied, the rest ASCII");
    (out, breaks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suppressions_come_from_comments_not_code() {
        let source = "a\n<!-- tact-disable-next-line gotcha -->\nb\n\n`<!-- tact-disable -->`\nc\n";
        let s = suppressions(source);
        assert_eq!(s.len(), 1);
        assert_eq!(&source[s[0].range.clone()], "b");
    }

    #[test]
    fn keeps_prose_at_its_offsets_and_blanks_the_rest() {
        let source = "---\ntitle: As I said\n---\n# Calm down\n\nAs I\nsaid, run `as I said` or see [the guide](https://x.io/as-i-said).\n\n```\nas I said\n```\n<!-- as I said -->\n";
        let (prose, _) = prose(source);
        assert_eq!(prose.len(), source.len());
        assert!(!prose.contains("title"));
        assert_eq!(prose.matches("as I said").count(), 0, "{prose:?}");
        assert!(prose.contains("Calm down"));
        assert!(
            prose.contains("As I said, run"),
            "soft break unwrapped: {prose:?}"
        );
        assert!(prose.contains("the guide"));
        let at = source.find("the guide").unwrap();
        assert_eq!(&prose[at..at + 9], "the guide");
    }

    #[test]
    fn a_soft_break_is_a_space_whatever_the_line_ending() {
        for source in ["As I\nsaid.\n", "As I\r\nsaid.\r\n", "As I\rsaid.\r"] {
            let segment = segment(source);
            assert_eq!(segment.text.trim_end(), "As I said.", "{source:?}");
            // "said" is where the file has it, after the whole line break.
            let at = segment.text.find("said").unwrap();
            let span = segment.to_file(tact::Span::new(at, at + 4), source);
            assert_eq!(&source[span.start..span.end], "said", "{source:?}");
            let all = segment.to_file(tact::Span::new(0, 10), source);
            assert_eq!(&source[all.start..all.end], source.trim_end(), "{source:?}");
        }
    }

    /// A line wrapped inside a list item or a quote, or after a trailing
    /// space, reads as the one-line form: the break and the blanks and
    /// markers around it are one space, and the finding underlines the
    /// file's bytes from its first word to its last.
    #[test]
    fn a_wrapped_line_in_a_list_or_quote_or_after_a_space_reads_as_one() {
        let linter = tact::Linter::new(tact::builtin(), &tact::Selection::default()).unwrap();
        for (source, flagged) in [
            (
                "- As previously\n  stated, the plan renews.\n",
                "As previously\n  stated",
            ),
            (
                "> As previously\n> stated, the plan renews.\n",
                "As previously\n> stated",
            ),
            (
                "As previously \nstated, the plan renews.\n",
                "As previously \nstated",
            ),
            (
                "> - As previously\r\n>   stated, the plan renews.\r\n",
                "As previously\r\n>   stated",
            ),
        ] {
            let segment = segment(source);
            assert_eq!(
                segment.text.trim(),
                "As previously stated, the plan renews.",
                "{source:?}"
            );
            let found: Vec<_> = linter
                .lint(&segment.text)
                .into_iter()
                .filter(|d| d.rule == "gotcha.as-previously-stated")
                .collect();
            assert_eq!(found.len(), 1, "{source:?}: {found:?}");
            let span = segment.to_file(found[0].span, source);
            assert_eq!(&source[span.start..span.end], flagged, "{source:?}");
            // Each word maps back to itself.
            for word in ["As", "previously", "stated", "renews"] {
                let at = segment.text.find(word).unwrap();
                let span = segment.to_file(tact::Span::new(at, at + word.len()), source);
                assert_eq!(&source[span.start..span.end], word, "{source:?}");
            }
        }
    }

    /// A fix across a wrapped quote would rewrite its `>`: refused.
    #[test]
    fn a_quote_marker_inside_the_words_is_not_verbatim() {
        let md = super::super::InputFormat::Markdown;
        assert!(!md.is_verbatim("As previously\n> stated"));
        assert!(md.is_verbatim("As previously\n  stated"));
    }
}
