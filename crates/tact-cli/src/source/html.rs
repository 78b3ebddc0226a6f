//! HTML email templates: the text a reader sees, entities decoded, with
//! `<script>`, `<style>` and `<head>` skipped. Tokenized by `html5gum`, whose
//! spans let every character map back to its bytes, entity or not. Block
//! elements end sentences; inline ones (`<b>`, `<a>`) do not, and line breaks
//! in the source are spaces, as a browser shows them.

use html5gum::{DefaultEmitter, Token, Tokenizer};

use super::segment::{align, Builder, Escapes, Segment};
use super::suppression::{Collector, Suppression};

/// Elements whose text is never shown in the message body.
const HIDDEN: &[&[u8]] = &[
    b"script",
    b"style",
    b"head",
    b"title",
    b"template",
    b"noscript",
];

/// Elements that start a new line of text.
const BLOCKS: &[&[u8]] = &[
    b"address",
    b"article",
    b"blockquote",
    b"br",
    b"dd",
    b"div",
    b"dl",
    b"dt",
    b"footer",
    b"form",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"header",
    b"hr",
    b"li",
    b"ol",
    b"p",
    b"pre",
    b"section",
    b"table",
    b"td",
    b"th",
    b"tr",
    b"ul",
    b"body",
    b"html",
];

pub fn extract(source: &str) -> (Vec<Segment<'static>>, Vec<Suppression>) {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    // Script and style contents are raw text, not markup, as in a browser.
    emitter.naively_switch_states(true);
    let mut text = Builder::default();
    let mut suppressions = Collector::default();
    let mut hidden: Vec<Vec<u8>> = Vec::new();
    for token in Tokenizer::new_with_emitter(source, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = tag.name.to_ascii_lowercase();
                if HIDDEN.contains(&name.as_slice()) && !tag.self_closing {
                    hidden.push(name);
                } else if BLOCKS.contains(&name.as_slice()) && !text.is_empty() {
                    text.decoded(tag.span.start..tag.span.end, '\n');
                }
            }
            Token::EndTag(tag) => {
                let name = tag.name.to_ascii_lowercase();
                if let Some(i) = hidden.iter().rposition(|h| *h == name) {
                    hidden.truncate(i);
                } else if BLOCKS.contains(&name.as_slice()) && !text.is_empty() {
                    text.decoded(tag.span.start..tag.span.end, '\n');
                }
            }
            Token::String(s) if hidden.is_empty() => {
                let decoded = String::from_utf8_lossy(&s.value);
                let span = s.span.start.min(source.len())..s.span.end.min(source.len());
                if let Some(raw) = source.get(span.clone()) {
                    align(&mut text, raw, span.start, &decoded, Escapes::Entities);
                }
            }
            Token::Comment(c) => {
                let body = String::from_utf8_lossy(&c.value);
                suppressions.comment(&body, c.span.start..c.span.end, source);
            }
            _ => {}
        }
    }
    text.unwrap_lines();
    (vec![text.finish(None)], suppressions.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use tact::Span;

    #[test]
    fn text_only_with_entities_mapped_back() {
        let source = "<html><head><style>p{}</style><title>As I said</title></head>\n<body><p>Hi,</p><p>As I&nbsp;<b>said</b>,\n  it&rsquo;s done.</p><script>as I said</script></body></html>";
        let (segments, _) = extract(source);
        let seg = &segments[0];
        assert!(!seg.text.contains("p{}"));
        assert_eq!(seg.text.matches("As I").count(), 1, "{:?}", seg.text);
        assert!(
            seg.text
                .contains("Hi,\n\nAs I\u{a0}said,   it\u{2019}s done."),
            "{:?}",
            seg.text
        );
        let at = seg.text.find("it\u{2019}s").unwrap();
        let s = seg.to_file(Span::new(at, at + "it\u{2019}s".len()), source);
        assert_eq!(&source[s.start..s.end], "it&rsquo;s");
    }

    #[test]
    fn comments_are_suppressions() {
        let source = "<p>a</p>\n<!-- tact-disable-next-line gotcha -->\n<p>As I said</p>\n";
        let (_, s) = extract(source);
        assert_eq!(&source[s[0].range.clone()], "<p>As I said</p>");
    }
}
