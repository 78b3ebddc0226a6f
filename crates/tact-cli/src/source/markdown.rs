//! Markdown: only prose is linted. Code blocks, inline code, HTML (and HTML
//! comments), URLs and YAML front matter are blanked out; link text, headings,
//! list items and emphasis are kept. A soft line break inside a paragraph is
//! blanked to a space, so a hard-wrapped sentence is one sentence again.
//!
//! HTML comments carry suppressions (see `suppression`).

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

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

/// `source` with everything but prose replaced by spaces (line breaks kept),
/// byte for byte.
pub fn prose(source: &str) -> String {
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
                for b in &mut out[range] {
                    *b = b' ';
                }
            }
            _ => {}
        }
    }
    String::from_utf8(out).expect("whole chars copied, the rest ASCII")
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
        let prose = prose(source);
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
}
