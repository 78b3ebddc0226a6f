//! Segments: the pieces of a file that are linted, each as the text a reader
//! sees (escapes and entities decoded) with a map from offsets in that text
//! back to byte offsets in the file. Findings are reported at file offsets,
//! so an editor can underline the words where they are written, even when the
//! file spells `’` as `\u2019` or `&rsquo;`.

use std::borrow::Cow;

use tact::Span;

/// One piece of a file to lint on its own: sentences never run from one
/// segment into the next (two macros in an export are two replies).
#[derive(Debug)]
pub struct Segment<'a> {
    pub text: Cow<'a, str>,
    /// Where the text sits in a structured file: a JSON pointer, a YAML path,
    /// a CSV `row:column`.
    pub location: Option<String>,
    map: OffsetMap,
}

impl<'a> Segment<'a> {
    /// A segment whose text is the file's bytes at `offset` onwards, one for
    /// one (plain text, blanked Markdown).
    pub fn verbatim(text: impl Into<Cow<'a, str>>, offset: usize) -> Segment<'a> {
        Segment {
            text: text.into(),
            location: None,
            map: OffsetMap::Shift(offset),
        }
    }

    /// The same segment of a file that has `by` more bytes before it.
    pub fn shift(&mut self, by: usize) {
        match &mut self.map {
            OffsetMap::Shift(offset) => *offset += by,
            OffsetMap::Runs(runs) => runs.iter_mut().for_each(|r| r.file += by),
        }
    }

    /// The span of `file` (the file this segment came from) for a span of
    /// the segment's text. It always lies on `file`'s char boundaries: a
    /// blanked segment has one space per byte of what it left out, so a span
    /// that touched a blank would otherwise split a character.
    pub fn to_file(&self, span: Span, file: &str) -> Span {
        let (start, end) = match &self.map {
            OffsetMap::Shift(by) => (span.start + by, span.end + by),
            OffsetMap::Runs(runs) => (start_in(runs, span.start), end_in(runs, span.end)),
        };
        let mut start = start.min(file.len());
        while !file.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = end.clamp(start, file.len());
        while !file.is_char_boundary(end) {
            end += 1;
        }
        Span::new(start, end)
    }
}

#[derive(Debug)]
enum OffsetMap {
    /// Every offset moves by the same amount.
    Shift(usize),
    /// Runs of text in order, each either a literal copy of the file's bytes
    /// or one decoded character standing for an escape; the last run is an
    /// empty sentinel at the end of both.
    Runs(Vec<Run>),
}

#[derive(Clone, Copy, Debug)]
struct Run {
    text: usize,
    file: usize,
    literal: bool,
}

/// The run holding text offset `at` (the last run starting at or before it).
fn run_at(runs: &[Run], at: usize) -> usize {
    runs.partition_point(|r| r.text <= at).saturating_sub(1)
}

fn start_in(runs: &[Run], at: usize) -> usize {
    let r = runs[run_at(runs, at)];
    if r.literal {
        r.file + (at - r.text)
    } else {
        r.file
    }
}

/// An end offset maps to the end of the character before it: after a decoded
/// escape, that is the end of the whole escape.
fn end_in(runs: &[Run], at: usize) -> usize {
    if at == 0 {
        return runs[0].file;
    }
    let i = run_at(runs, at - 1);
    let r = runs[i];
    if r.literal {
        r.file + (at - r.text)
    } else {
        runs.get(i + 1).map_or(r.file, |next| next.file)
    }
}

/// Builds a segment's text and map together.
#[derive(Default)]
pub struct Builder {
    text: String,
    runs: Vec<Run>,
    /// File offset one past the last byte taken.
    file_end: usize,
}

impl Builder {
    /// Append `s`, copied from the file at `file`.
    pub fn literal(&mut self, file: usize, s: &str) {
        if s.is_empty() {
            return;
        }
        let contiguous = self
            .runs
            .last()
            .is_some_and(|r| r.literal && r.file + (self.text.len() - r.text) == file);
        if !contiguous {
            self.runs.push(Run {
                text: self.text.len(),
                file,
                literal: true,
            });
        }
        self.text.push_str(s);
        self.file_end = file + s.len();
    }

    /// Append the character `c`, written in the file as the bytes `file`.
    pub fn decoded(&mut self, file: std::ops::Range<usize>, c: char) {
        self.runs.push(Run {
            text: self.text.len(),
            file: file.start,
            literal: false,
        });
        self.text.push(c);
        self.file_end = file.end;
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Turn line breaks taken from the file into spaces, as a browser shows
    /// them (one byte for one, so the map still holds).
    pub fn unwrap_lines(&mut self) {
        let mut bytes = std::mem::take(&mut self.text).into_bytes();
        for (i, b) in bytes.iter_mut().enumerate() {
            if matches!(b, b'\n' | b'\r') && self.is_literal(i) {
                *b = b' ';
            }
        }
        self.text = String::from_utf8(bytes).expect("ASCII swapped for ASCII");
    }

    fn is_literal(&self, at: usize) -> bool {
        self.runs[run_at(&self.runs, at)].literal
    }

    pub fn finish(mut self, location: Option<String>) -> Segment<'static> {
        self.runs.push(Run {
            text: self.text.len(),
            file: self.file_end,
            literal: true,
        });
        Segment {
            text: Cow::Owned(self.text),
            location,
            map: OffsetMap::Runs(self.runs),
        }
    }
}

/// How a format writes a character it cannot write as itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Escapes {
    /// No escapes (CSV doubles its quotes; plain YAML scalars).
    None,
    /// `\n`, `\"`, `\u00e9`, `\ud83d\ude00` (JSON, double-quoted YAML).
    Backslash,
    /// `&amp;`, `&#8217;`, `&rsquo;` (HTML).
    Entities,
}

impl Escapes {
    /// The length of the escape at the start of `raw`, if one starts there.
    fn len(self, raw: &str) -> Option<usize> {
        let b = raw.as_bytes();
        match self {
            Escapes::None => None,
            Escapes::Backslash if b.first() == Some(&b'\\') => {
                let hex = |at: usize, n: usize| {
                    raw.get(at..at + n)
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                };
                Some(match b.get(1) {
                    Some(b'u') if hex(2, 4).is_some_and(|h| (0xD800..0xDC00).contains(&h)) => {
                        if raw.get(6..8) == Some("\\u") && hex(8, 4).is_some() {
                            12
                        } else {
                            6
                        }
                    }
                    Some(b'u') if hex(2, 4).is_some() => 6,
                    Some(b'x') if hex(2, 2).is_some() => 4,
                    Some(b'U') if hex(2, 8).is_some() => 10,
                    Some(_) => 1 + raw[1..].chars().next().map_or(0, char::len_utf8),
                    None => 1,
                })
            }
            Escapes::Entities if b.first() == Some(&b'&') => {
                let name = b[1..]
                    .iter()
                    .take(32)
                    .take_while(|c| c.is_ascii_alphanumeric() || **c == b'#')
                    .count();
                (name > 0 && b.get(1 + name) == Some(&b';')).then_some(name + 2)
            }
            _ => None,
        }
    }
}

/// Append `decoded` to `out`, finding each of its characters in `raw` (the
/// file's bytes from `raw_at`): equal characters are copies, escapes stand for
/// one character, and quotes, indentation and line breaks the decoder dropped
/// are passed over. Returns the offset in `raw` just after the last character
/// used. Never panics and always moves forward, so a decoder that rewrote more
/// than this expects costs exact positions, not correctness.
pub fn align(
    out: &mut Builder,
    raw: &str,
    raw_at: usize,
    decoded: &str,
    escapes: Escapes,
) -> usize {
    let mut r = 0;
    for c in decoded.chars() {
        loop {
            let rest = &raw[r..];
            let Some(rc) = rest.chars().next() else {
                out.decoded(raw_at + r..raw_at + r, c);
                break;
            };
            if let Some(n) = escapes.len(rest) {
                if n == rc.len_utf8() && rc == c {
                    out.literal(raw_at + r, &rest[..n]);
                } else {
                    out.decoded(raw_at + r..raw_at + r + n, c);
                }
                r += n;
                break;
            }
            if rc == c {
                out.literal(raw_at + r, &rest[..rc.len_utf8()]);
                r += rc.len_utf8();
                break;
            }
            if matches!(rc, ' ' | '\t' | '\n' | '\r' | '"' | '\'') {
                r += rc.len_utf8();
                continue;
            }
            // The decoder wrote something this does not know: take the
            // character as standing for this one and carry on.
            out.decoded(raw_at + r..raw_at + r + rc.len_utf8(), c);
            r += rc.len_utf8();
            break;
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Align and return, for each char of `decoded`, the file text it maps to.
    fn mapped(raw: &str, decoded: &str, escapes: Escapes) -> Vec<String> {
        let mut b = Builder::default();
        align(&mut b, raw, 0, decoded, escapes);
        let seg = b.finish(None);
        seg.text
            .char_indices()
            .map(|(i, c)| {
                let s = seg.to_file(Span::new(i, i + c.len_utf8()), raw);
                raw[s.start..s.end].to_string()
            })
            .collect()
    }

    #[test]
    fn json_escapes_map_to_the_whole_escape() {
        let raw = r#""Don\u2019t \"panic\"\n\ud83d\ude00 ok""#;
        let got = mapped(
            raw,
            "Don\u{2019}t \"panic\"\n\u{1F600} ok",
            Escapes::Backslash,
        );
        assert_eq!(got[3], "\\u2019");
        assert_eq!(got[6], "\\\"");
        assert_eq!(got[13], "\\n");
        assert_eq!(got[14], "\\ud83d\\ude00");
        assert_eq!(got[16], "o");
    }

    #[test]
    fn entities_and_folded_lines() {
        let raw = "It&rsquo;s\n   here &amp; Q&A";
        let got = mapped(raw, "It\u{2019}s here & Q&A", Escapes::Entities);
        assert_eq!(got[2], "&rsquo;");
        assert_eq!(got[4], " ");
        assert_eq!(got[5], "h");
        assert_eq!(got[10], "&amp;");
        assert_eq!(got[13], "&");
    }

    #[test]
    fn spans_cover_whole_escapes_and_runs() {
        let raw = r#""a \u00e9t\u00e9 b""#;
        let mut b = Builder::default();
        align(&mut b, raw, 100, "a \u{e9}t\u{e9} b", Escapes::Backslash);
        let seg = b.finish(None);
        let word = seg.text.find('\u{e9}').unwrap();
        let file = format!("{}{raw}", " ".repeat(100));
        let s = seg.to_file(Span::new(word, word + "\u{e9}t\u{e9}".len()), &file);
        assert_eq!(&raw[s.start - 100..s.end - 100], r"\u00e9t\u00e9");
    }

    /// Found by fuzzing: blanked Markdown has one space per byte of a
    /// character it left out, so a span may touch the middle of one.
    #[test]
    fn spans_snap_to_the_file_s_char_boundaries() {
        let file = "a\u{4e0}b";
        let seg = Segment::verbatim("a  b", 0);
        assert_eq!(seg.to_file(Span::new(2, 3), file), Span::new(1, 3));
        assert_eq!(seg.to_file(Span::new(0, 2), file), Span::new(0, 3));
        assert_eq!(seg.to_file(Span::new(9, 12), file), Span::new(4, 4));
    }

    #[test]
    fn verbatim_shifts() {
        let seg = Segment::verbatim("abc", 10);
        assert_eq!(
            seg.to_file(Span::new(1, 2), &"x".repeat(20)),
            Span::new(11, 12)
        );
    }
}
