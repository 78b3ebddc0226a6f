//! The context window: what the sentences around a finding say about it.
//! A request for data is fine when the next sentence says why; a refusal is
//! fine when the writer goes on to offer something. A rule's `window` names
//! such cues, and a cue in any sentence within reach of the finding cancels
//! it, or, with a `severity`, reports it at that severity instead.
//!
//! The window holds the finding's own sentence and up to `reach` on each
//! side, on the same line. A reply is linted on its own (see
//! [`ReplyUnit`](crate::ReplyUnit)), so the window never crosses a reply;
//! and a line break ends it too, because a text of many replies is most
//! often one reply per line, and read as one reply, a reason on the next
//! line would excuse a request it has nothing to do with.

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Severity;
use crate::document::Document;
use crate::primitive::{Load, SpecError};
use crate::search::Cues;
use crate::span::Span;

/// The furthest a window reaches: past a few sentences, a cue is about
/// something else.
const MAX_REACH: usize = 3;

/// A rule's `window` table.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct WindowSpec {
    /// Sentences on each side of the finding's own.
    #[serde(default = "one")]
    reach: Spanned<usize>,
    /// Regexes, one of which in the window changes the finding.
    unless: Spanned<Vec<String>>,
    /// The finding's severity when a cue is found; without one, the
    /// finding is dropped.
    severity: Option<Severity>,
}

fn one() -> Spanned<usize> {
    Spanned::new(0..0, 1)
}

#[derive(Debug)]
pub(crate) struct Window {
    reach: usize,
    cues: Cues,
    severity: Option<Severity>,
}

/// What the window makes of a finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// No cue: the finding stands as it is.
    Stands,
    /// A cue cancels the finding.
    Cancelled,
    /// A cue changes the finding's severity.
    Severity(Severity),
}

impl Window {
    pub fn new(spec: WindowSpec, load: Load) -> Result<Window, SpecError> {
        let reach = *spec.reach.get_ref();
        if reach > MAX_REACH {
            return Err((
                spec.reach.span(),
                format!("a window reaches at most {MAX_REACH} sentences each side"),
                None,
            ));
        }
        if spec.unless.get_ref().is_empty() {
            return Err((
                spec.unless.span(),
                "a window needs at least one cue in `unless`".into(),
                None,
            ));
        }
        let cues = Cues::new(spec.unless.get_ref(), load.eager)
            .map_err(|e| (spec.unless.span(), e, None))?;
        Ok(Window {
            reach,
            cues,
            severity: spec.severity,
        })
    }

    /// The cues' patterns.
    #[cfg(test)]
    pub fn patterns(&self) -> &[crate::search::Pattern] {
        self.cues.patterns()
    }

    /// The verdict on a finding at `hit`, in sentence `k` of `doc`. The
    /// finding's own words are not a cue: "nothing I can do" holds "I can
    /// do", which is an offer only elsewhere.
    pub fn judge(&self, doc: &Document, k: usize, hit: Span) -> Verdict {
        let sentences = doc.sentences();
        let text = doc.text();
        let own = sentences[k];
        let near = k.saturating_sub(self.reach)..(k + self.reach + 1).min(sentences.len());
        let cued = sentences[near].iter().any(|&s| {
            if s == own {
                let mut masked = own.slice(text).to_string();
                let at = hit.start - own.start..hit.end - own.start;
                masked.replace_range(at.clone(), &" ".repeat(at.len()));
                self.cues.is_match(&masked)
            } else {
                same_line(text, own, s) && self.cues.is_match(s.slice(text))
            }
        });
        match (cued, self.severity) {
            (false, _) => Verdict::Stands,
            (true, None) => Verdict::Cancelled,
            (true, Some(s)) => Verdict::Severity(s),
        }
    }
}

/// Whether no line break lies between two sentences.
fn same_line(text: &str, a: Span, b: Span) -> bool {
    let (first, second) = if a.start <= b.start { (a, b) } else { (b, a) };
    first.end >= second.start || !text[first.end..second.start].contains('\n')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn window(toml: &str) -> Result<Window, String> {
        let spec: WindowSpec = toml::from_str(toml).map_err(|e| e.message().to_string())?;
        Window::new(spec, Load { eager: true }).map_err(|(_, m, _)| m)
    }

    #[test]
    fn a_cue_within_reach_and_on_the_line_decides() {
        let w = window(r#"unless = ['\bso (?:that )?I can\b']"#).unwrap();
        let judge = |text: &str, k: usize| {
            let doc = Document::new(text);
            let own = doc.sentences()[k];
            w.judge(&doc, k, Span::new(own.start, own.start + 4))
        };
        let text = "What's your date of birth? It's so I can find the account.";
        assert_eq!(judge(text, 0), Verdict::Cancelled);
        assert_eq!(judge("What's your date of birth?", 0), Verdict::Stands);
        let far = "What's your date of birth? Thanks. Hi. It's so I can find it.";
        assert_eq!(judge(far, 0), Verdict::Stands);
        let next_line = "What's your date of birth?\nIt's so I can find the account.";
        assert_eq!(judge(next_line, 0), Verdict::Stands);
        let w = window("reach = 0\nunless = ['thanks']\nseverity = \"info\"").unwrap();
        let doc = Document::new("No refunds. Thanks.");
        assert_eq!(w.judge(&doc, 0, Span::new(0, 2)), Verdict::Stands);
        assert_eq!(
            w.judge(&doc, 1, Span::new(18, 19)),
            Verdict::Severity(Severity::Info)
        );
        // The finding's own words are no cue.
        assert_eq!(w.judge(&doc, 1, Span::new(12, 18)), Verdict::Stands);
    }

    #[test]
    fn bad_windows_say_what_is_wrong() {
        assert_eq!(
            window("reach = 9\nunless = ['x']").unwrap_err(),
            "a window reaches at most 3 sentences each side"
        );
        assert_eq!(
            window("unless = []").unwrap_err(),
            "a window needs at least one cue in `unless`"
        );
        assert!(window("unless = ['(']").unwrap_err().contains("regex"));
        assert!(window("unles = ['x']")
            .unwrap_err()
            .contains("unknown field"));
    }
}
