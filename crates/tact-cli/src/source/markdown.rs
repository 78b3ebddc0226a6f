//! Markdown: only prose is linted. Code blocks, inline code, HTML (and HTML
//! comments), URLs and YAML front matter are blanked out; link text, headings,
//! list items and emphasis are kept. A soft line break inside a paragraph is
//! blanked to a space, so a hard-wrapped sentence is one sentence again.
//!
//! HTML comments carry suppressions, as in other linters:
//! `<!-- tact-disable RULE… -->` … `<!-- tact-enable RULE… -->`, and
//! `<!-- tact-disable-next-line RULE… -->`. A RULE is a rule id or a pack
//! name; none means every rule.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Bytes of the file where some rules are switched off.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppression {
    /// Rule ids or pack names; empty means all rules.
    pub rules: Vec<String>,
    pub range: Range<usize>,
}

impl Suppression {
    /// Whether this suppression silences `rule` at byte `at`.
    pub fn covers(&self, rule: &str, at: usize) -> bool {
        let pack = rule.split_once('.').map_or(rule, |(p, _)| p);
        self.range.contains(&at)
            && (self.rules.is_empty() || self.rules.iter().any(|r| r == rule || r == pack))
    }
}

/// The suppressions written in `source`'s HTML comments (not in code).
pub fn suppressions(source: &str) -> Vec<Suppression> {
    let mut out = Vec::new();
    // Open `tact-disable` regions: (rules, start).
    let mut open: Vec<(Vec<String>, usize)> = Vec::new();
    for (event, range) in Parser::new_ext(source, Options::empty()).into_offset_iter() {
        let (Event::Html(html) | Event::InlineHtml(html)) = event else {
            continue;
        };
        for comment in html.split("<!--").skip(1) {
            let Some(body) = comment.split("-->").next() else {
                continue;
            };
            let mut words = body
                .split(|c: char| c.is_whitespace() || c == ',')
                .filter(|w| !w.is_empty());
            let directive = words.next().unwrap_or_default();
            let rules: Vec<String> = words.map(str::to_string).collect();
            match directive {
                "tact-disable" => open.push((rules, range.end)),
                "tact-enable" => {
                    open.retain(|(r, start)| {
                        let closes = rules.is_empty() || *r == rules;
                        if closes {
                            out.push(Suppression {
                                rules: r.clone(),
                                range: *start..range.start,
                            });
                        }
                        !closes
                    });
                }
                "tact-disable-next-line" => {
                    // The comment's event may or may not take its line break.
                    let line_start = if source[..range.end].ends_with('\n') {
                        range.end
                    } else {
                        source[range.end..]
                            .find('\n')
                            .map_or(source.len(), |i| range.end + i + 1)
                    };
                    let line_end = source[line_start..]
                        .find('\n')
                        .map_or(source.len(), |i| line_start + i);
                    out.push(Suppression {
                        rules,
                        range: line_start..line_end,
                    });
                }
                _ => {}
            }
        }
    }
    out.extend(open.into_iter().map(|(rules, start)| Suppression {
        rules,
        range: start..source.len(),
    }));
    out
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
    fn suppressions_cover_regions_and_next_lines() {
        let source = "a\n<!-- tact-disable gotcha -->\nb\n<!-- tact-enable gotcha -->\nc\n<!-- tact-disable-next-line passive.agentless -->\nd\ne\n";
        let s = suppressions(source);
        let at = |t: &str| source.find(t).unwrap();
        let silenced = |rule: &str, t: &str| s.iter().any(|x| x.covers(rule, at(t)));
        assert!(silenced("gotcha.calm-down", "b\n"));
        assert!(!silenced("gotcha.calm-down", "c\n"));
        assert!(!silenced("passive.agentless", "b\n"));
        assert!(silenced("passive.agentless", "d\n"));
        assert!(!silenced("passive.agentless", "e\n"));
        assert!(!silenced("passive.evasive", "d\n"));
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
