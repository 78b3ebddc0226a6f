//! Template placeholders in canned responses — `{{ticket.requester.name}}`,
//! `{% if vip %}`, `%first_name%`, `[Customer Name]` — are opaque words: no
//! rule looks inside them and no sentence ends inside them.
//!
//! The text the rules see has each placeholder's inside replaced by `x`s of
//! the same byte length, so every offset still points at the original file.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

/// The most chars inside `{{ }}` or `{% %}`. Checked after the match, not
/// by `{1,200}` in the regex: a bounded repetition of a Unicode class
/// compiles to 200 copies of it, paid on every run.
const MAX_INSIDE: usize = 200;

fn placeholders() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?x)
              \{\{ [^{}\n]+ \}\}                # {{ticket.requester.name}}
            | \{% [^{}\n]+ %\}                  # {% if vip %}
            | % [A-Za-z_][A-Za-z0-9_.]{0,60} %        # %first_name%
            | \[ [A-Z][A-Za-z0-9]*(?:\x20[A-Z][A-Za-z0-9]*){0,5} \]  # [Customer Name]
            ",
        )
        .expect("placeholder pattern is valid")
    })
}

/// Mask the inside of every placeholder in `text`, in place when it is
/// owned already (the folded copy of a text): a second copy of a long text
/// is memory mapped in a page at a time, which cost more than the masking.
pub(crate) fn mask(text: &mut Cow<'_, str>) {
    let insides = insides(text);
    if insides.is_empty() {
        return;
    }
    let mut bytes = std::mem::take(text.to_mut()).into_bytes();
    for inside in insides {
        bytes[inside].fill(b'x');
    }
    // Whole chars were replaced by ASCII, so the bytes stay UTF-8.
    *text = Cow::Owned(String::from_utf8(bytes).expect("masking keeps UTF-8"));
}

/// The insides of the placeholders in `text`, in order.
fn insides(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    // Every placeholder opens with one of these bytes; most texts have none.
    if memchr::memchr3(b'{', b'%', b'[', text.as_bytes()).is_none() {
        return found;
    }
    let mut at = 0;
    // The inside is the match less its delimiters, told by how it opens:
    // asking the regex for groups cost a backtracking search of every
    // placeholder, a twentieth of a long run.
    while let Some(whole) = placeholders().find_at(text, at) {
        let edge = if whole.as_str().starts_with('{') {
            2
        } else {
            1
        };
        let inner = whole.start() + edge..whole.end() - edge;
        if text[inner.clone()].chars().nth(MAX_INSIDE).is_some() {
            // Too long for a placeholder: look again from the next char, as
            // a bounded repetition in the regex would.
            at = whole.start()
                + text[whole.start()..]
                    .chars()
                    .next()
                    .map_or(1, char::len_utf8);
            continue;
        }
        found.push(inner);
        at = whole.end();
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` masked, or `None` when it has no placeholder; masked in place
    /// on an owned copy too.
    fn mask(text: &str) -> Option<String> {
        let mut borrowed = Cow::Borrowed(text);
        super::mask(&mut borrowed);
        let mut owned: Cow<str> = Cow::Owned(text.to_string());
        super::mask(&mut owned);
        assert_eq!(borrowed, owned);
        matches!(borrowed, Cow::Owned(_)).then(|| borrowed.into_owned())
    }

    #[test]
    fn placeholders_are_masked_in_place() {
        let text = "Hi {{ticket.requester.first_name}}, {% if vip %}thanks%name%! [Customer Name]. 50% off, 20% more [link]";
        let masked = mask(text).unwrap();
        assert_eq!(masked.len(), text.len());
        assert_eq!(
            masked,
            "Hi {{xxxxxxxxxxxxxxxxxxxxxxxxxxx}}, {%xxxxxxxx%}thanks%xxxx%! [xxxxxxxxxxxxx]. 50% off, 20% more [link]"
        );
        assert!(mask("no placeholders here").is_none());
    }

    #[test]
    fn overlong_braces_are_text_and_what_they_hold_is_still_found() {
        let long = format!("{{{{{} %name% }}}}", "y".repeat(200));
        let masked = mask(&long).unwrap();
        assert_eq!(masked, long.replace("%name%", "%xxxx%"));
        let just_fits = format!("{{{{{}}}}}", "é".repeat(200));
        assert_eq!(
            mask(&just_fits).unwrap(),
            format!("{{{{{}}}}}", "x".repeat(400))
        );
    }

    #[test]
    fn non_ascii_inside_stays_valid_utf8() {
        let masked = mask("{{Zoë’s name}}").unwrap();
        assert_eq!(
            masked,
            format!("{{{{{}}}}}", "x".repeat("Zoë’s name".len()))
        );
    }
}
