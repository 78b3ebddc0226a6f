//! LanguageTool's HTTP API, as its clients use it: `GET /v2/languages` and
//! `POST /v2/check` (form-encoded `text` or `data`, `language`,
//! `enabledRules`, `disabledRules`, `enabledOnly`, and the category
//! variants). Offsets and lengths are in UTF-16 code units, as LanguageTool's
//! Java server counts them and its clients expect. A `data` request's markup
//! is skipped for linting (or read as its `interpretAs`) but counted in the
//! offsets.

use std::collections::HashMap;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use serde_json::{json, Value};
use tact::Span;

use super::request::{bad_request, json_response, list, selected};
use crate::render::{ceil_char, floor_char, Finding};
use crate::source::segment::Builder;
use crate::source::InputFormat;
use crate::source::Segment;

/// How many characters of context LanguageTool gives on each side.
const CONTEXT_CHARS: usize = 40;

/// How far a match's `sentence` reaches on each side of the match, at most:
/// a sentence on a line with no full stop may be the whole text, and each
/// match carrying it would make the answer quadratic in the text.
const SENTENCE_BYTES: usize = 200;

/// The most matches one answer holds; past them the answer says its results
/// are incomplete, as LanguageTool's own server does when it gives up early.
/// A draft a person wrote has a handful; a text with thousands is not one.
pub const MAX_MATCHES: usize = 1000;

const LANGUAGES: &[(&str, &str)] = &[
    ("English", "en"),
    ("English (US)", "en-US"),
    ("English (GB)", "en-GB"),
    ("English (Australian)", "en-AU"),
    ("English (Canadian)", "en-CA"),
    ("English (New Zealand)", "en-NZ"),
    ("English (South African)", "en-ZA"),
];

pub async fn languages() -> Response {
    let list: Vec<Value> = LANGUAGES
        .iter()
        .map(|(name, code)| {
            json!({ "name": name, "code": code.split('-').next(), "longCode": code })
        })
        .collect();
    json_response(Value::Array(list).to_string())
}

pub async fn check_post(State(state): State<Arc<super::request::State>>, body: Body) -> Response {
    match super::request::read_body(body, state.limits.body).await {
        Ok(body) => check(state, &body).await,
        Err(response) => response,
    }
}

pub async fn check_get(
    State(state): State<Arc<super::request::State>>,
    RawQuery(q): RawQuery,
) -> Response {
    check(state, q.unwrap_or_default().as_bytes()).await
}

async fn check(state: Arc<super::request::State>, form: &[u8]) -> Response {
    let params: HashMap<String, String> = form_urlencoded::parse(form).into_owned().collect();
    let get = |k: &str| params.get(k).map(String::as_str);
    let language = match get("language") {
        None => return bad_request("missing parameter `language` (for example en-US)"),
        Some(l) if l == "auto" || l == "en" || l.starts_with("en-") => l.to_string(),
        Some(l) => {
            return bad_request(format!(
                "tact checks English only; `language` was `{l}` (use en-US, en-GB or auto)"
            ))
        }
    };
    // The document offsets count, and the text to lint with its map back.
    let (original, draft) = match (get("text"), get("data")) {
        (Some(text), _) => (text.to_string(), Segment::verbatim(text.to_string(), 0)),
        (None, Some(data)) => match annotated(data) {
            Ok(x) => x,
            Err(e) => return bad_request(format!("invalid `data`: {e}")),
        },
        (None, None) => return bad_request("missing parameter `text` or `data`"),
    };
    let (enabled_rules, disabled_rules) = (list(get("enabledRules")), list(get("disabledRules")));
    let (enabled_categories, disabled_categories) = (
        list(get("enabledCategories")),
        list(get("disabledCategories")),
    );
    if let Some(response) = state
        .unknown_rule(enabled_rules.iter().chain(&disabled_rules))
        .or_else(|| state.unknown_category(enabled_categories.iter().chain(&disabled_categories)))
    {
        return response;
    }
    let mut only = enabled_rules;
    if get("enabledOnly") != Some("true") {
        // Without `enabledOnly`, `enabledRules` turns rules on in addition
        // to the defaults, and every tact rule is on already.
        only.clear();
    } else {
        only.extend(enabled_categories);
    }
    let mut disable = disabled_rules;
    disable.extend(disabled_categories);
    let text = draft.text.to_string();
    let report = match state
        .lint_in_budget("<draft>".into(), text, InputFormat::Text)
        .await
    {
        Ok(report) => report,
        Err(response) => return response,
    };
    let mut findings: Vec<&Finding> = report
        .diagnostics
        .iter()
        .filter(|d| selected(&d.rule, &only, &disable))
        .collect();
    let incomplete = findings.len() > MAX_MATCHES;
    findings.truncate(MAX_MATCHES);
    let spans: Vec<Span> = findings
        .iter()
        .map(|d| draft.to_file(d.span, &original))
        .collect();
    let windows: Vec<Window> = spans
        .iter()
        .map(|s| Window::around(*s, &original))
        .collect();
    let utf16 = Utf16Offsets::new(
        &original,
        windows
            .iter()
            .flat_map(|w| [w.span.start, w.span.end, w.context.start]),
    );
    let matches: Vec<Value> = findings
        .iter()
        .zip(&windows)
        .map(|(d, w)| lt_match(d, w, &original, &utf16))
        .collect();
    // A variant is checked as itself; `auto`, `en` and any other English as
    // American English, and reported so: LanguageTool's server answers
    // `auto` with the language it detected, in both `language` and
    // `detectedLanguage`, and its clients read the code from there.
    let (name, code) = LANGUAGES
        .iter()
        .find(|(_, code)| code.contains('-') && *code == language)
        .copied()
        .unwrap_or(("English (US)", "en-US"));
    let body = json!({
        "software": {
            "name": "tact",
            "version": env!("CARGO_PKG_VERSION"),
            "buildDate": "",
            "apiVersion": 1,
            "premium": false,
            "status": "",
        },
        "warnings": { "incompleteResults": incomplete },
        "language": {
            "name": name,
            "code": code,
            "detectedLanguage": { "name": name, "code": code, "confidence": 1.0 },
        },
        "matches": matches,
    });
    let body = body.to_string();
    drop(findings);
    drop(report);
    json_response(body)
}

/// LanguageTool's `data`: `{"annotation": [{"text": …}, {"markup": …,
/// "interpretAs": …}]}`. Returns the whole document (text and markup, which
/// offsets count) and the text to lint with its map back to the document.
fn annotated(data: &str) -> Result<(String, Segment<'static>), String> {
    let value: Value = serde_json::from_str(data).map_err(|e| e.to_string())?;
    let parts = value["annotation"]
        .as_array()
        .ok_or("expected an object with an `annotation` array")?;
    let mut document = String::new();
    let mut text = Builder::default();
    for part in parts {
        if let Some(t) = part["text"].as_str() {
            text.literal(document.len(), t);
            document.push_str(t);
        } else if let Some(m) = part["markup"].as_str() {
            let at = document.len()..document.len() + m.len();
            for c in part["interpretAs"].as_str().unwrap_or_default().chars() {
                text.decoded(at.clone(), c);
            }
            document.push_str(m);
        } else {
            return Err("each annotation part needs `text` or `markup`".into());
        }
    }
    Ok((document, text.finish(None)))
}

/// The pieces of the document a match quotes, each bounded in length.
struct Window {
    span: Span,
    /// Up to [`CONTEXT_CHARS`] characters each side, on the same line.
    context: std::ops::Range<usize>,
    /// The sentence, cut to [`SENTENCE_BYTES`] each side of the match.
    sentence: std::ops::Range<usize>,
}

impl Window {
    fn around(span: Span, document: &str) -> Window {
        let before_start = document[..span.start]
            .char_indices()
            .rev()
            .take(CONTEXT_CHARS)
            .take_while(|(_, c)| *c != '\n')
            .last()
            .map_or(span.start, |(i, _)| i);
        let after_end = document[span.end..]
            .char_indices()
            .take(CONTEXT_CHARS)
            .take_while(|(_, c)| *c != '\n')
            .last()
            .map_or(span.end, |(i, c)| span.end + i + c.len_utf8());
        let reach_back = floor_char(document, span.start.saturating_sub(SENTENCE_BYTES));
        let reach_on = ceil_char(document, span.end + SENTENCE_BYTES);
        let sentence_start = document[reach_back..span.start]
            .rfind(['.', '!', '?', '\n'])
            .map_or(reach_back, |i| reach_back + i + 1);
        let sentence_end = document[span.end..reach_on]
            .find(['.', '!', '?', '\n'])
            .map_or(reach_on, |i| span.end + i + 1);
        Window {
            span,
            context: before_start..after_end,
            sentence: sentence_start..sentence_end,
        }
    }
}

/// UTF-16 offsets of chosen byte offsets of a text, counted in one pass over
/// it rather than from its start for each.
struct Utf16Offsets {
    /// Byte offsets, sorted, and the UTF-16 offset of each.
    bytes: Vec<usize>,
    units: Vec<usize>,
}

impl Utf16Offsets {
    fn new(text: &str, offsets: impl Iterator<Item = usize>) -> Self {
        let mut bytes: Vec<usize> = offsets.collect();
        bytes.sort_unstable();
        bytes.dedup();
        let mut units = Vec::with_capacity(bytes.len());
        let (mut at, mut count) = (0, 0);
        for &b in &bytes {
            count += text[at..b].encode_utf16().count();
            at = b;
            units.push(count);
        }
        Utf16Offsets { bytes, units }
    }

    fn of(&self, byte: usize) -> usize {
        let i = self
            .bytes
            .binary_search(&byte)
            .expect("offsets are asked for only when counted");
        self.units[i]
    }
}

/// One finding as a LanguageTool match, offsets in UTF-16 code units of
/// `document`.
fn lt_match(d: &Finding, w: &Window, document: &str, utf16: &Utf16Offsets) -> Value {
    let offset = utf16.of(w.span.start);
    let length = utf16.of(w.span.end) - offset;
    let replacements: Vec<Value> = d
        .suggestions
        .iter()
        .filter_map(|s| s.replacement.as_ref())
        .map(|r| json!({ "value": r }))
        .collect();
    let pack = d.pack();
    json!({
        "message": d.message,
        "shortMessage": d.suggestions.first().map_or("", |s| s.message.as_str()),
        "replacements": replacements,
        "offset": offset,
        "length": length,
        "context": {
            "text": &document[w.context.clone()],
            "offset": offset - utf16.of(w.context.start),
            "length": length,
        },
        "sentence": document[w.sentence.clone()].trim(),
        "type": { "typeName": "Other" },
        "rule": {
            "id": d.rule,
            "description": d.message,
            "issueType": "style",
            "category": { "id": pack.to_ascii_uppercase(), "name": format!("tact: {pack}") },
        },
        "ignoreForIncompleteSentence": false,
        "contextForSureMatch": 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_counted_in_offsets_but_not_linted() {
        let data = r#"{"annotation": [{"text": "Hi "}, {"markup": "<b>"}, {"text": "Zoë"}, {"markup": "</b>"}, {"markup": "<br>", "interpretAs": "\n"}, {"text": "As I said"}]}"#;
        let (document, segment) = annotated(data).unwrap();
        let text = &segment.text;
        assert_eq!(document, "Hi <b>Zoë</b><br>As I said");
        assert_eq!(text, "Hi Zoë\nAs I said");
        let at = text.find("As").unwrap();
        let span = segment.to_file(Span::new(at, at + 9), &document);
        assert_eq!(&document[span.start..span.end], "As I said");
    }

    #[test]
    fn utf16_offsets_match_counting_from_the_start() {
        let text = "a😀é\nb👋 c";
        let offsets: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        let counted = Utf16Offsets::new(text, offsets.iter().rev().copied());
        for &b in &offsets {
            assert_eq!(counted.of(b), text[..b].encode_utf16().count(), "at {b}");
        }
    }

    #[test]
    fn a_sentence_is_a_bounded_window_of_a_long_line() {
        let line =
            "x".repeat(10 * SENTENCE_BYTES) + " as I said " + &"y".repeat(10 * SENTENCE_BYTES);
        let at = line.find("as I said").unwrap();
        let w = Window::around(Span::new(at, at + 9), &line);
        assert!(
            w.sentence.len() <= 2 * SENTENCE_BYTES + 9,
            "{:?}",
            w.sentence
        );
        assert!(w.sentence.contains(&at));
        let short = "First one. As I said, no. Next.";
        let at = short.find("As").unwrap();
        let w = Window::around(Span::new(at, at + 9), short);
        assert_eq!(short[w.sentence].trim(), "As I said, no.");
    }
}
