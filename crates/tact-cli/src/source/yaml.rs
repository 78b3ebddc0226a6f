//! YAML exports of canned responses: every string scalar is linted, or only
//! those under the keys the config names, each as its own segment with a
//! YAML path (`macros[3].actions[0].value`) for `location`.
//!
//! `saphyr-parser` gives events with spans; its parser keeps its own stack, so
//! deep nesting cannot overflow ours. Aliases are not expanded (a "billion
//! laughs" file costs nothing), and each scalar's decoded text is aligned
//! with its bytes, through quotes, escapes and block indentation.

use saphyr_parser::{Event, Parser, ScalarStyle};

use super::segment::{align, Builder, Escapes, Segment};

enum Frame {
    /// A mapping, and the key whose value comes next (`None`: a key comes next).
    Map(Option<String>),
    /// A sequence, and the index of the next item.
    Seq(usize),
}

pub fn extract(source: &str, keys: &[String]) -> Result<Vec<Segment<'static>>, String> {
    let mut out = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut bytes = CharToByte::new(source);
    for event in Parser::new_from_str(source) {
        let (event, span) = event.map_err(|e| {
            format!(
                "invalid YAML: {} at line {} column {}",
                e.info(),
                e.marker().line(),
                e.marker().col() + 1
            )
        })?;
        match event {
            Event::DocumentStart(_) => stack.clear(),
            Event::Scalar(value, style, _, _) => {
                if let Some(Frame::Map(key @ None)) = stack.last_mut() {
                    *key = Some(value.into_owned());
                    continue;
                }
                if wanted(&stack, keys) {
                    let start = bytes.at(span.start.index());
                    let end = bytes.at(span.end.index()).max(start);
                    // A block scalar's span starts at its content, past the
                    // `|` or `>` header.
                    let escapes = if style == ScalarStyle::DoubleQuoted {
                        Escapes::Backslash
                    } else {
                        Escapes::None
                    };
                    let mut b = Builder::default();
                    align(&mut b, &source[start..end], start, &value, escapes);
                    out.push(b.finish(Some(path(&stack))));
                }
                advance(&mut stack);
            }
            Event::Alias(_) => advance(&mut stack),
            Event::MappingStart(..) => stack.push(Frame::Map(None)),
            Event::SequenceStart(..) => stack.push(Frame::Seq(0)),
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
                advance(&mut stack);
            }
            _ => {}
        }
    }
    Ok(out)
}

/// After a value: the mapping wants its next key, the sequence its next item.
fn advance(stack: &mut [Frame]) {
    match stack.last_mut() {
        Some(Frame::Map(key)) => *key = key.take().map_or(Some(String::new()), |_| None),
        Some(Frame::Seq(i)) => *i += 1,
        None => {}
    }
}

/// Whether a scalar here is linted: always, or when its nearest key is listed.
fn wanted(stack: &[Frame], keys: &[String]) -> bool {
    keys.is_empty()
        || stack.iter().rev().find_map(|f| match f {
            Frame::Map(Some(k)) => Some(keys.contains(k)),
            _ => None,
        }) == Some(true)
}

/// The path to the value about to be read: `macros[3].actions[0].value`.
fn path(stack: &[Frame]) -> String {
    let mut p = String::new();
    for frame in stack {
        match frame {
            Frame::Seq(i) => p.push_str(&format!("[{i}]")),
            Frame::Map(Some(k))
                if !k.is_empty()
                    && k.chars()
                        .all(|c| c.is_alphanumeric() || c == '_' || c == '-') =>
            {
                if !p.is_empty() {
                    p.push('.');
                }
                p.push_str(k);
            }
            Frame::Map(Some(k)) => p.push_str(&format!("[{k:?}]")),
            Frame::Map(None) => {}
        }
    }
    p
}

/// The parser counts characters; files are addressed in bytes. Events come
/// in file order, so one forward walk converts them all.
struct CharToByte<'a> {
    source: &'a str,
    chars: usize,
    bytes: usize,
}

impl<'a> CharToByte<'a> {
    fn new(source: &'a str) -> Self {
        CharToByte {
            source,
            chars: 0,
            bytes: 0,
        }
    }

    fn at(&mut self, chars: usize) -> usize {
        if chars < self.chars {
            (self.chars, self.bytes) = (0, 0);
        }
        for c in self.source[self.bytes..].chars().take(chars - self.chars) {
            self.bytes += c.len_utf8();
            self.chars += 1;
        }
        self.bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tact::Span;

    fn file_text(seg: &Segment, source: &str, words: &str) -> String {
        let at = seg.text.find(words).unwrap();
        let s = seg.to_file(Span::new(at, at + words.len()), source);
        source[s.start..s.end].to_string()
    }

    #[test]
    fn paths_and_offsets_through_every_scalar_style() {
        let source = "macros:\n  - title: Refund é\n    actions:\n      - field: comment_value\n        value: |\n          Hi {{name}},\n          As I said, done.\n      - value: \"It\\u2019s \\\"late\\\"\"\n  - title: >\n      Calm\n      down now\n";
        let segs = extract(source, &[]).unwrap();
        let paths: Vec<_> = segs.iter().map(|s| s.location.clone().unwrap()).collect();
        assert_eq!(
            paths,
            [
                "macros[0].title",
                "macros[0].actions[0].field",
                "macros[0].actions[0].value",
                "macros[0].actions[1].value",
                "macros[1].title"
            ]
        );
        assert_eq!(file_text(&segs[2], source, "As I said"), "As I said");
        assert_eq!(file_text(&segs[3], source, "It\u{2019}s"), "It\\u2019s");
        assert_eq!(segs[4].text, "Calm down now\n");
        assert_eq!(file_text(&segs[4], source, "down"), "down");
    }

    #[test]
    fn keys_filter_and_errors() {
        let source = "title: As I said\nbody:\n  - Calm down\n";
        let segs = extract(source, &["body".into()]).unwrap();
        assert_eq!(segs.len(), 1);
        assert_eq!(segs[0].location.as_deref(), Some("body[0]"));
        assert!(extract("a: [b\n", &[])
            .unwrap_err()
            .starts_with("invalid YAML"));
    }
}
