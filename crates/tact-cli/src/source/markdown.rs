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
/// soft line break one space (a `\r\n` one stands for both its bytes).
pub fn segment(source: &str) -> Segment<'static> {
    let (prose, crlf) = prose(source);
    if crlf.is_empty() {
        return Segment::verbatim(prose, 0);
    }
    let mut out = Builder::default();
    let mut at = 0;
    for r in crlf {
        out.literal(at, &prose[at..r.start]);
        out.decoded(r.clone(), ' ');
        at = r.end;
    }
    out.literal(at, &prose[at..]);
    out.finish(None)
}

/// `source` with everything but prose replaced by spaces (line breaks kept),
/// byte for byte, and the soft line breaks written `\r\n` (blanked to two
/// spaces).
fn prose(source: &str) -> (String, Vec<std::ops::Range<usize>>) {
    // Start blank; keep line breaks so blocks stay apart and lines stay put.
    let mut out: Vec<u8> = source
        .bytes()
        .map(|b| if b == b'\n' || b == b'\r' { b } else { b' ' })
        .collect();
    let options = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH;
    let mut skip = 0usize;
    let mut crlf = Vec::new();
    for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::MetadataBlock(_) | Tag::HtmlBlock) => skip += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::HtmlBlock) => {
                skip = skip.saturating_sub(1)
            }
            Event::Text(_) if skip == 0 => {
                out[range.clone()].copy_from_slice(&source.as_bytes()[range])
            }
            Event::SoftBreak => {
                if range.len() == 2 {
                    crlf.push(range.clone());
                }
                for b in &mut out[range] {
                    *b = b' ';
                }
            }
            _ => {}
        }
    }
    let out = String::from_utf8(out).expect("whole chars copied, the rest ASCII");
    (out, crlf)
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
}
