//! `--compare BASELINE.json`: what is new, fixed and unchanged since an
//! earlier `tact check --format json` run. Findings are matched by rule,
//! file, location and the words flagged, not by byte offset, so a finding
//! stays the same finding when text is added above it.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use miette::Report;
use serde::Deserialize;

use crate::render::Finding;

/// What identifies a finding across runs: rule, file, location, words.
type Key = (String, String, String, String);

/// New, fixed and unchanged findings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Change {
    pub new: usize,
    pub fixed: usize,
    pub unchanged: usize,
}

/// An earlier run's findings, matched off as this run's come in.
#[derive(Debug, Default)]
pub struct Baseline {
    /// Baseline findings not matched yet, with how many of each.
    left: HashMap<Key, usize>,
    pub by_rule: BTreeMap<String, Change>,
    pub by_file: BTreeMap<String, Change>,
}

#[derive(Deserialize)]
struct Run {
    version: u32,
    files: Vec<File>,
}

#[derive(Deserialize)]
struct File {
    path: String,
    diagnostics: Vec<Diagnostic>,
}

#[derive(Deserialize)]
struct Diagnostic {
    rule: String,
    text: String,
    location: Option<String>,
}

impl Baseline {
    /// Read an earlier run's JSON output.
    pub fn load(path: &Path) -> Result<Baseline, Report> {
        let source = crate::bounded::read_utf8(path, "baseline")?;
        Baseline::parse(&source)
            .map_err(|e| miette::miette!("invalid baseline {}: {e}", path.display()))
    }

    pub fn parse(source: &str) -> Result<Baseline, String> {
        let run: Run = serde_json::from_str(source)
            .map_err(|e| format!("{e} (expected the output of `tact check --format json`)"))?;
        if run.version != 1 {
            return Err(format!(
                "version {} of the JSON output; this tact reads version 1",
                run.version
            ));
        }
        let mut left = HashMap::new();
        for file in run.files {
            for d in file.diagnostics {
                let key = (
                    d.rule,
                    file.path.clone(),
                    d.location.unwrap_or_default(),
                    d.text,
                );
                *left.entry(key).or_insert(0) += 1;
            }
        }
        Ok(Baseline {
            left,
            ..Baseline::default()
        })
    }

    /// A finding of this run, in `path`, flagging `text`.
    pub fn see(&mut self, path: &str, f: &Finding, text: &str) {
        let key = (
            f.rule.clone(),
            path.to_string(),
            f.location.clone().unwrap_or_default(),
            text.to_string(),
        );
        let matched = match self.left.get_mut(&key) {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        };
        for change in [
            self.by_rule.entry(f.rule.clone()).or_default(),
            self.by_file.entry(path.to_string()).or_default(),
        ] {
            if matched {
                change.unchanged += 1;
            } else {
                change.new += 1;
            }
        }
    }

    /// Count what the baseline had and this run did not: fixed. Called once,
    /// after the last file.
    pub fn settle(&mut self) {
        for ((rule, path, _, _), n) in self.left.drain() {
            self.by_rule.entry(rule).or_default().fixed += n;
            self.by_file.entry(path).or_default().fixed += n;
        }
    }

    /// The totals over every rule.
    pub fn total(&self) -> Change {
        self.by_rule
            .values()
            .fold(Change::default(), |a, c| Change {
                new: a.new + c.new,
                fixed: a.fixed + c.fixed,
                unchanged: a.unchanged + c.unchanged,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_match_by_rule_file_location_and_words_not_offsets() {
        let baseline = r#"{"version": 1, "files": [{"path": "a.md", "diagnostics": [
            {"rule": "gotcha.as-i-said", "text": "As I said", "span": {"start": 0}},
            {"rule": "gotcha.as-i-said", "text": "As I said", "span": {"start": 50}},
            {"rule": "pii.never-ask", "text": "password", "span": {"start": 90}}
        ]}]}"#;
        let mut b = Baseline::parse(baseline).unwrap();
        let finding = |rule: &str, start| Finding {
            diagnostic: tact::Diagnostic {
                rule: rule.into(),
                severity: tact::Severity::Warning,
                message: "m".into(),
                span: tact::Span::new(start, start + 9),
                suggestions: Vec::new(),
            },
            location: None,
        };
        // Moved down by a new first line: still the same finding.
        b.see("a.md", &finding("gotcha.as-i-said", 120), "As I said");
        b.see("a.md", &finding("gotcha.calm-down", 10), "Calm down");
        b.settle();
        assert_eq!(
            b.by_rule["gotcha.as-i-said"],
            Change {
                new: 0,
                fixed: 1,
                unchanged: 1
            }
        );
        assert_eq!(
            b.by_rule["pii.never-ask"],
            Change {
                new: 0,
                fixed: 1,
                unchanged: 0
            }
        );
        assert_eq!(
            b.by_rule["gotcha.calm-down"],
            Change {
                new: 1,
                fixed: 0,
                unchanged: 0
            }
        );
        assert_eq!(
            b.by_file["a.md"],
            Change {
                new: 1,
                fixed: 2,
                unchanged: 1
            }
        );
        assert!(Baseline::parse("{\"version\": 2, \"files\": []}").is_err());
        assert!(Baseline::parse("[]")
            .unwrap_err()
            .contains("tact check --format json"));
    }
}
