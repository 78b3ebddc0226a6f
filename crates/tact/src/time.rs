//! When: the time expressions of support replies, told apart into the ones
//! that tell a customer when ("by Friday", "within 24 hours", "at 14:30",
//! "once the part arrives") and the vague ones that do not ("soon", "as soon
//! as possible", "in due course"). A reply-level rule asks whether a reply
//! that reports a problem says when it will be dealt with.
//!
//! Written as two regexes over the folded text: time expressions are a small,
//! closed grammar of numbers, units, names of days and months and a few
//! event clauses, which a word-class sequence would spell out no better.

use std::sync::OnceLock;

use regex::Regex;

use crate::span::Span;

/// Numbers as replies write them: digits, words, "a few", "a couple of".
const NUMBER: &str = r"(?:\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|forty-eight|seventy-two|a few|few|a couple(?: of)?|couple(?: of)?|several|the next|another)";

/// Units of a duration.
const UNIT: &str = r"(?:minutes?|mins?|hours?|hrs?|h|days?|nights?|weeks?|wks?|months?|business days?|working days?|calendar days?|seconds?|secs?)";

const MONTH: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

/// Months written out, the only ones that stand alone ("by March"):
/// "may" and "mar" alone are other words.
const MONTH_NAME: &str =
    r"(?:january|february|march|april|june|july|august|september|october|november|december)";

const WEEKDAY: &str = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|weds?|thurs?|fri|sat|sun)";

/// The subject of an event clause ("once the part arrives", "as soon as I
/// hear back").
const SUBJECT: &str = r"(?:i|we|they|he|she|it|you|someone|the\s+[\w'-]+(?:\s+[\w'-]+)?|your\s+[\w'-]+(?:\s+[\w'-]+)?|our\s+[\w'-]+(?:\s+[\w'-]+)?|their\s+[\w'-]+|my\s+[\w'-]+)";

/// What happens in an event clause: a thing arriving, a party answering, a
/// step being done.
const EVENT: &str = r"(?:hears?(?:\s+back)?|heard\s+back|gets?\s+(?:back|word|confirmation|a\s+reply|an\s+answer|the\s+results?)|receives?|arrives?|lands?|ships?|comes?\s+(?:in|back|through)|is\s+(?:back|in|ready|done|fixed|restored|complete|completed|approved|processed|delivered|shipped|dispatched|repaired|resolved|installed|live|released|available|signed\s+off|cleared)|are\s+(?:back|in|ready|done|fixed|restored|complete|approved|processed|delivered|shipped|available)|finish(?:es)?|completes?|confirms?|repl(?:y|ies)|responds?|reopens?|restocks?|clears?|goes\s+live|go\s+live|approves?|signs?\s+off|processes|reviews?|updates?|returns?|reconnects?|calls?\s+(?:back|us)|releases?|deploys?|is\s+back\s+in\s+stock|accepts?|agrees?|pays?|signs?(?:\s+in)?|logs?\s+in|clicks?|verif(?:y|ies)|opens?|submits?|sends?|uploads?|answers?|gets?\s+in\s+touch|is\s+paid|has\s+been\s+\w+)";

fn precise() -> &'static Regex {
    static PRECISE: OnceLock<Regex> = OnceLock::new();
    PRECISE.get_or_init(|| {
        let alternatives = [
            // Days and parts of days.
            format!(r"{WEEKDAY}(?:day)?"),
            r"right\s+(?:now|away)|(?:joining|connecting|calling|ringing)\s+(?:you\s+|us\s+|the\s+chat\s+)?now|straight\s+away|immediately|instantly|as\s+we\s+speak|today|tonight|tomorrow|tmrw|tmr|2moro|overnight|noon|midday|midnight|eod|eow|cob|close\s+of\s+business|first\s+thing".to_string(),
            r"this\s+(?:morning|afternoon|evening|week|weekend|month)".to_string(),
            format!(r"next\s+(?:week|month|year|business\s+day|working\s+day|{WEEKDAY}\w*)"),
            r"later\s+(?:today|tonight|this\s+\w+)".to_string(),
            r"(?:the\s+)?end\s+of\s+(?:the\s+)?(?:day|week|month|business\s+day|working\s+day|play)".to_string(),
            r"(?:in|by)\s+the\s+(?:morning|afternoon|evening)".to_string(),
            r"the\s+day\s+after\s+tomorrow|this\s+time\s+tomorrow".to_string(),
            // Dates.
            r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}(?:/\d{2,4})?".to_string(),
            format!(r"\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?\s+{MONTH}"),
            format!(r"{MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?"),
            format!(r"(?:in|by|until|before|from|early|mid|late|end\s+of)\s+{MONTH_NAME}"),
            r"(?:on|by|until|before|from)\s+the\s+\d{1,2}(?:st|nd|rd|th)".to_string(),
            // Clock times.
            r"\d{1,2}(?::\d{2})?\s?(?:am|pm|a\.m\.|p\.m\.)|\d{1,2}:\d{2}|\d{1,2}\s+o'clock".to_string(),
            // Durations and deadlines.
            format!(r"(?:in|within)\s+(?:a|one)\s+{UNIT}\s+or\s+two"),
            format!(
                r"(?:within|in|under|inside|after|allow|takes?|up\s+to|(?:over|for|in|within)\s+the\s+next)\s+(?:about\s+|around\s+|roughly\s+|approximately\s+|another\s+|up\s+to\s+|less\s+than\s+|the\s+next\s+)?{NUMBER}(?:\s*(?:-|–|—|to|or)\s*{NUMBER})?\s+(?:more\s+)?{UNIT}"
            ),
            format!(r"\d+\s*(?:-|–|to)\s*\d+\s+{UNIT}"),
            r"within\s+the\s+(?:hour|day|week)".to_string(),
            format!(r"(?:over|for|in|within)\s+the\s+next\s+(?:few\s+|couple\s+of\s+)?{UNIT}"),
            // Events to wait for.
            format!(r"(?:as\s+soon\s+as|once|when|the\s+moment|the\s+day|the\s+minute|right\s+after|after|until|till)\s+{SUBJECT}\s+(?:\w+\s+)?{EVENT}"),
            r"(?:as\s+soon\s+as|once|when|until|till)\s+(?:it|they|we|you|he|she)'(?:s|re)\s+(?:back|in|ready|done|fixed|restored|shipped|approved|available|delivered|repaired|resolved)".to_string(),
            r"(?:after|following|once|when|until)\s+(?:the|your|our|their)\s+(?:[\w'-]+\s+){0,2}(?:visit|inspection|appointment|callback|review|assessment|repair|installation|install|investigation|maintenance|tests?|diagnostics?|delivery|restock|upgrade|migration|deployment|release|update|replacement|refund)\b".to_string(),
        ];
        Regex::new(&format!(r"(?i-u)\b(?:{})\b", alternatives.join("|")))
            .expect("the time grammar is a valid regex")
    })
}

fn vague() -> &'static Regex {
    static VAGUE: OnceLock<Regex> = OnceLock::new();
    VAGUE.get_or_init(|| {
        let alternatives = [
            r"as\s+soon\s+as\s+(?:possible|we\s+can|i\s+can|we're\s+able|i'm\s+able|we\s+are\s+able|i\s+am\s+able|humanly\s+possible|practicable|practical|(?:we|i)\s+(?:know|hear|have)\s+more|(?:there's|there\s+is)\s+(?:news|an\s+update|more))",
            r"as\s+(?:quickly|fast|promptly)\s+as\s+(?:possible|we\s+can|i\s+can)",
            r"a\.?s\.?a\.?p\.?",
            r"soon(?:est)?|shortly|eventually|sometime|promptly",
            r"in\s+due\s+course|at\s+some\s+point|in\s+the\s+near\s+future|before\s+long|any\s+(?:day|time)\s+now|as\s+and\s+when",
            r"at\s+a\s+later\s+(?:date|time|stage)|(?:in|after)\s+a\s+(?:bit|while|little\s+while)|in\s+the\s+coming\s+(?:days|weeks|months)",
            r"at\s+the\s+(?:earliest|first)\s+(?:opportunity|chance)",
            r"when(?:ever)?\s+(?:we|i|he|she|they|it)\s+can|when(?:ever)?\s+possible|when\s+(?:we're|we\s+are|i'm|i\s+am)\s+able",
            r"(?:when|once|as\s+soon\s+as)\s+(?:we|i)\s+(?:get|have|find)\s+(?:a|the)\s+(?:chance|moment|minute)",
            r"(?:when|once)\s+(?:we|i)\s+(?:know|hear|have|learn)\s+more|(?:when|once)\s+(?:there's|there\s+is)\s+(?:news|an\s+update|more)",
        ];
        Regex::new(&format!(r"(?i-u)\b(?:{})\b", alternatives.join("|")))
            .expect("the vague-time list is a valid regex")
    })
}

/// Where `text` says when: each time expression or event to wait for.
pub(crate) fn precise_times(text: &str) -> Vec<Span> {
    precise()
        .find_iter(text)
        .map(|m| Span::new(m.start(), m.end()))
        .collect()
}

/// Whether the time at `span` of `text` is an event to wait for ("until
/// we hear back", "once the part arrives"): it says when wherever it
/// stands.
pub(crate) fn is_event(text: &str, span: Span) -> bool {
    let first = span
        .slice(text)
        .split_whitespace()
        .next()
        .unwrap_or_default();
    ["until", "till", "once", "when", "after", "as"].contains(&first.to_ascii_lowercase().as_str())
}

/// Whether the time at `span` of `text` can only lie ahead: "tomorrow",
/// "next week", "within 24 hours", "by Friday", "once the part arrives".
/// Others ("today", "on Thursday", "at 2 pm", "3/14") may as well tell when
/// the problem happened.
pub(crate) fn lies_ahead(text: &str, span: Span) -> bool {
    static AHEAD: OnceLock<Regex> = OnceLock::new();
    let ahead = AHEAD.get_or_init(|| {
        Regex::new(r"(?i-u)^(?:tomorrow|tmrw|tmr|2moro|next|later|end|the\s+end|eod|eow|cob|close|first\s+thing|within|in|inside|under|after|allow|up\s+to|over|for|as|once|when|until|till|the\s+moment|the\s+day|right\s+away|straight|immediately|instantly|following|by|before|the\s+day\s+after|this\s+time\s+tomorrow)\b")
            .expect("a valid regex")
    });
    let before = text[..span.start]
        .split_whitespace()
        .next_back()
        .unwrap_or("");
    ahead.is_match(span.slice(text))
        || [
            "by", "until", "till", "before", "next", "eta", "expect", "every",
        ]
        .contains(&before.to_ascii_lowercase().as_str())
}

/// Whether `sentence` looks ahead: a future or a plan ("will", "should",
/// "scheduled", "expect"), so that a time in it may say when.
/// A "can" whose subject is nobody ("nobody here can reopen it", "nothing
/// I can change") offers nothing ahead.
pub(crate) fn looks_ahead(sentence: &str) -> bool {
    static FUTURE: OnceLock<Regex> = OnceLock::new();
    let future = FUTURE.get_or_init(|| {
        Regex::new(r"(?i-u)\b(?:will|\w+'ll|should|shall|going\s+to|gonna|expect|expected|eta|scheduled|booked|due|planned|arranged|rebooked|asked|aim|aiming|hope\s+to|plan\s+to|please|pls|ships|shipped|shipping|arrives|arriving|leaves|leaving|departs|departure|goes\s+(?:live|out)|went\s+out|dispatched|lands|reaches|starts|begins|resumes|reopens|put\s+you\s+on|moved\s+you|swap|swapped|hotfix)\b|\b(?:can|could)[\s,]")
            .expect("a valid regex")
    });
    static NOBODY: OnceLock<Regex> = OnceLock::new();
    let nobody = NOBODY.get_or_init(|| {
        Regex::new(r"(?i-u)\b(?:nobody|no\s+one|no-one|nothing|not\s+a\s+thing|nothing\s+(?:more|else))(?:\s+\w+){0,2}\s*$")
            .expect("a valid regex")
    });
    future.find_iter(sentence).any(|m| {
        // Of the words that look ahead, only "can" and "could" start with a c.
        let modal = m.as_str().starts_with(['c', 'C']);
        !(modal && nobody.is_match(&sentence[..m.start()]))
    })
}

/// Where `text` gives only a vague time: "soon", "shortly", "as soon as
/// possible". A vague word inside a precise expression ("as soon as the
/// part arrives") is not one.
/// `precise` is in text order, as [`precise_times`] gives it.
pub(crate) fn vague_times(text: &str, precise: &[Span]) -> Vec<Span> {
    vague()
        .find_iter(text)
        .map(|m| Span::new(m.start(), m.end()))
        .filter(|v| {
            // The first precise time that ends past the vague one's start
            // is the only one that may overlap it.
            let i = precise.partition_point(|p| p.end <= v.start);
            precise.get(i).is_none_or(|p| p.start >= v.end)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn precise_in(text: &str) -> Vec<&str> {
        precise_times(text).iter().map(|s| s.slice(text)).collect()
    }

    fn vague_in(text: &str) -> Vec<&str> {
        let precise = precise_times(text);
        vague_times(text, &precise)
            .iter()
            .map(|s| s.slice(text))
            .collect()
    }

    #[test]
    fn days_dates_and_clock_times_say_when() {
        for (text, when) in [
            ("I'll call you by Friday.", "Friday"),
            ("It ships on 12 March.", "12 March"),
            ("Due 3/14, as agreed.", "3/14"),
            ("We'll have it fixed by 5 pm.", "5 pm"),
            ("The engineer arrives at 14:30.", "14:30"),
            ("Expect an email tomorrow morning.", "tomorrow"),
            ("It'll be sorted by end of day.", "end of day"),
            ("You'll hear from us this week.", "this week"),
            ("Priya is joining now.", "joining now"),
            ("The refund lands on the 20th.", "on the 20th"),
            ("Service resumes in early April.", "early April"),
        ] {
            assert_eq!(precise_in(text), [when], "{text}");
        }
    }

    #[test]
    fn durations_and_deadlines_say_when() {
        for (text, when) in [
            ("We'll reply within 24 hours.", "within 24 hours"),
            ("It arrives in 3–5 business days.", "in 3–5 business days"),
            ("Allow two working days.", "Allow two working days"),
            ("Back up within the hour.", "within the hour"),
            ("Should show in a day or two.", "in a day or two"),
            (
                "Give it a few minutes: in a few minutes it'll sync.",
                "in a few minutes",
            ),
        ] {
            assert_eq!(precise_in(text), [when], "{text}");
        }
    }

    #[test]
    fn events_to_wait_for_say_when() {
        for (text, when) in [
            (
                "I'll call you as soon as I hear from the engineers.",
                "as soon as I hear",
            ),
            (
                "We'll ship it once the part arrives.",
                "once the part arrives",
            ),
            (
                "It works again after the technician's visit.",
                "after the technician's visit",
            ),
            ("I'll email you when it's back in stock.", "when it's back"),
        ] {
            assert_eq!(precise_in(text), [when], "{text}");
        }
    }

    #[test]
    fn vague_times_are_told_apart() {
        for (text, vague) in [
            ("We'll fix it soon.", "soon"),
            ("Someone will be in touch shortly.", "shortly"),
            (
                "We'll update you as soon as possible.",
                "as soon as possible",
            ),
            ("pls bear with us, fix coming asap", "asap"),
            ("You'll hear from us in due course.", "in due course"),
            ("It will be addressed at some point.", "at some point"),
            ("We'll let you know when we can.", "when we can"),
        ] {
            assert_eq!(vague_in(text), [vague], "{text}");
            assert!(precise_in(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn times_ahead_are_told_from_times_that_may_lie_behind() {
        let ahead = |text: &str| {
            let spans = precise_times(text);
            lies_ahead(text, spans[0])
        };
        assert!(ahead("It ships tomorrow."));
        assert!(ahead("Expect it within 24 hours."));
        assert!(ahead("Done by Friday."));
        assert!(ahead("Once the part arrives, we'll fit it."));
        assert!(!ahead("It failed at 2 pm."));
        assert!(!ahead("It was cancelled on Thursday."));
        assert!(!ahead("Your order from 3/14 is late."));
        assert!(looks_ahead("The fix ships on Thursday."));
        assert!(looks_ahead("We can refund half of it today."));
        assert!(!looks_ahead(
            "It shut on Friday and nobody here can reopen it."
        ));
        assert!(!looks_ahead("There's nothing I can change on Friday."));
        assert!(looks_ahead("I can, however, post it out today."));
        assert!(!looks_ahead("We can't refund it today."));
        assert!(!looks_ahead("The 2 pm appointment was missed."));
    }

    #[test]
    fn a_vague_word_inside_an_event_is_not_vague_and_plain_words_are_no_time() {
        assert!(vague_in("I'll call as soon as the courier replies.").is_empty());
        for text in [
            "It's only been five days since you filed.",
            "Your order is delayed.",
            "May I ask what happened?",
            "The 2.5 update changed the menu.",
            "We looked at it when you called.",
        ] {
            assert!(
                precise_in(text).is_empty(),
                "{text}: {:?}",
                precise_in(text)
            );
        }
    }
}
