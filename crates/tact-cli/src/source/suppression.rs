//! Suppression comments, as in other linters, for formats with comments
//! (Markdown and HTML): `<!-- tact-disable RULE… -->` … `<!-- tact-enable
//! RULE… -->`, `<!-- tact-disable-next-line RULE… -->` and, for the line the
//! comment is on, `<!-- tact-disable-line RULE… -->`. A RULE is a rule id or
//! a pack name; none means every rule. A comment that starts like one
//! (`tact-…`) but names no directive is kept, covering nothing, so that it
//! can be reported.

use std::ops::Range;

/// Bytes of the file where some rules are switched off.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppression {
    /// Rule ids or pack names; empty means all rules.
    pub rules: Vec<String>,
    pub range: Range<usize>,
    /// Where the comment that asked for it is, to report it when unused.
    pub comment: Range<usize>,
    /// The comment's first word when it is no directive (`tact-disabel`).
    pub unknown_directive: Option<String>,
}

/// The directives a comment may give.
pub const DIRECTIVES: &[&str] = &[
    "tact-disable",
    "tact-enable",
    "tact-disable-next-line",
    "tact-disable-line",
];

impl Suppression {
    /// Whether this suppression silences `rule` at byte `at`.
    pub fn covers(&self, rule: &str, at: usize) -> bool {
        self.range.contains(&at) && names_rule(&self.rules, rule)
    }
}

/// Whether `names` (rule ids or pack names; none means every rule) takes in
/// the rule `rule`: the one reading of a suppression's list, for comments and
/// for the config's `[[ignore]]` entries alike.
pub fn names_rule(names: &[String], rule: &str) -> bool {
    let pack = rule.split_once('.').map_or(rule, |(p, _)| p);
    names.is_empty() || names.iter().any(|n| n == rule || n == pack)
}

/// Collects suppressions from a file's comments, in file order.
#[derive(Default)]
pub struct Collector {
    done: Vec<Suppression>,
    /// Open `tact-disable` regions.
    open: Vec<Suppression>,
}

impl Collector {
    /// Read one comment: `body` is its text between `<!--` and `-->`, `at`
    /// the bytes of the whole comment in `source`.
    pub fn comment(&mut self, body: &str, at: Range<usize>, source: &str) {
        let mut words = body
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty());
        let directive = words.next().unwrap_or_default();
        let rules: Vec<String> = words.map(str::to_string).collect();
        let line_of = |at: usize| {
            let start = source[..at].rfind('\n').map_or(0, |i| i + 1);
            let end = source[at..].find('\n').map_or(source.len(), |i| at + i);
            start..end
        };
        match directive {
            "tact-disable" => self.open.push(Suppression {
                rules,
                range: at.end..source.len(),
                comment: at,
                unknown_directive: None,
            }),
            "tact-enable" => {
                let (closed, open) = std::mem::take(&mut self.open)
                    .into_iter()
                    .partition(|s| rules.is_empty() || s.rules == rules);
                self.open = open;
                self.done.extend(closed.into_iter().map(|s| Suppression {
                    range: s.range.start..at.start,
                    ..s
                }));
            }
            "tact-disable-next-line" => {
                let next = source[at.end..]
                    .find('\n')
                    .map_or(source.len(), |i| at.end + i + 1);
                self.done.push(Suppression {
                    rules,
                    range: line_of(next),
                    comment: at,
                    unknown_directive: None,
                });
            }
            "tact-disable-line" => self.done.push(Suppression {
                rules,
                range: line_of(at.start),
                comment: at,
                unknown_directive: None,
            }),
            other if other.starts_with("tact-") || other.starts_with("tact:") => {
                self.done.push(Suppression {
                    rules,
                    range: 0..0,
                    comment: at,
                    unknown_directive: Some(other.to_string()),
                });
            }
            _ => {}
        }
    }

    /// Every suppression; a region never closed runs to the end of the file.
    pub fn finish(mut self) -> Vec<Suppression> {
        self.done.append(&mut self.open);
        self.done.sort_by_key(|s| s.comment.start);
        self.done
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_and_next_lines() {
        let source = "a\n<!-- tact-disable gotcha -->\nb\n<!-- tact-enable gotcha -->\nc\n<!-- tact-disable-next-line passive.agentless -->\nd\ne\n";
        let mut c = Collector::default();
        let mut from = 0;
        while let Some(i) = source[from..].find("<!--") {
            let start = from + i;
            let end = start + source[start..].find("-->").unwrap() + 3;
            c.comment(&source[start + 4..end - 3], start..end, source);
            from = end;
        }
        let s = c.finish();
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
    fn the_same_line_and_unknown_directives() {
        let source =
            "a Calm down. <!-- tact-disable-line gotcha -->\nb\n<!-- tact-disabel gotcha -->\nc\n";
        let mut c = Collector::default();
        for (start, _) in source.match_indices("<!--") {
            let end = start + source[start..].find("-->").unwrap() + 3;
            c.comment(&source[start + 4..end - 3], start..end, source);
        }
        let s = c.finish();
        assert!(s[0].covers("gotcha.calm-down", source.find("Calm").unwrap()));
        assert!(!s[0].covers("gotcha.calm-down", source.find("b\n").unwrap()));
        assert_eq!(s[1].unknown_directive.as_deref(), Some("tact-disabel"));
        assert!(!s[1].covers("gotcha.calm-down", source.find("c\n").unwrap()));
    }
}
