//! Linting one input: extract its segments, lint each, map the findings back
//! to file offsets, and apply the file's suppressions and the config's
//! `[[ignore]]` entries.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use tact::{Diagnostic, Linter, ReplyUnit, Severity};

use crate::config::Config;
use crate::input::Input;
use crate::render::{FileReport, Finding, Origin, ReplyAt};
use crate::source::group::Groups;
use crate::source::suppression::DIRECTIVES;
use crate::source::{Fields, InputFormat};

/// The rule id under which unused suppressions are reported.
pub const UNUSED_SUPPRESSION: &str = "tact.unused-suppression";

/// The rule id under which a suppression comment that names an unknown rule
/// or directive is reported, always: it silences nothing it was meant to.
pub const INVALID_SUPPRESSION: &str = "tact.invalid-suppression";

/// What linting needs besides the input itself.
pub struct Context<'a> {
    pub linter: &'a Linter,
    pub fields: &'a Fields,
    pub config: &'a Config,
    /// What became of each `[[ignore]]` entry in this run.
    pub ignores_used: &'a [IgnoreUse],
    pub report_unused: bool,
    /// How each segment is cut into replies, each linted on its own.
    pub reply_unit: ReplyUnit,
    /// Whether the report keeps each reply's place (`tact report`).
    pub keep_replies: bool,
    /// In structured files, the key or column whose value groups the
    /// replies beside it; its own values are labels, not replies.
    pub group_by: Option<&'a str>,
}

/// A context for tests: `linter`, no config, every field, one reply per
/// segment, nothing kept beyond the findings (change fields with `..`).
#[cfg(test)]
pub fn test_context(linter: &Linter) -> Context<'_> {
    static FIELDS: std::sync::OnceLock<Fields> = std::sync::OnceLock::new();
    static CONFIG: std::sync::OnceLock<Config> = std::sync::OnceLock::new();
    Context {
        linter,
        fields: FIELDS.get_or_init(Fields::default),
        config: CONFIG.get_or_init(Config::default),
        ignores_used: &[],
        report_unused: false,
        reply_unit: ReplyUnit::default(),
        keep_replies: false,
        group_by: None,
    }
}

/// What became of an `[[ignore]]` entry in a run.
#[derive(Default)]
pub struct IgnoreUse {
    /// Its path matched a file that was linted.
    covered: AtomicBool,
    /// It silenced a finding.
    used: AtomicBool,
}

impl IgnoreUse {
    /// One for each of the config's entries.
    pub fn for_config(config: &Config) -> Vec<IgnoreUse> {
        config
            .ignores
            .iter()
            .map(|_| IgnoreUse::default())
            .collect()
    }
}

pub fn lint(input: Input, cx: &Context) -> FileReport {
    let text = match input.text {
        Ok(text) => text,
        Err(e) => return FileReport::failed(input.path, e, input.origin),
    };
    let extracted = match input.format.extract(&text, cx.fields) {
        Ok(x) => x,
        Err(e) => {
            let e = format!("cannot parse {}: {e}", input.path);
            return FileReport::failed(input.path, e, input.origin);
        }
    };
    // Spans become file offsets: through the segment's map, then past the
    // pieces of the file before this one.
    let base = input.origin.offset;
    let to_file = |segment: &crate::source::Segment, span| {
        let span: tact::Span = segment.to_file(span, &text);
        tact::Span::new(span.start + base, span.end + base)
    };
    let mut findings = Vec::new();
    if matches!(input.format, InputFormat::Json | InputFormat::Yaml) {
        cx.fields.structured();
        for location in extracted
            .segments
            .iter()
            .filter_map(|s| s.location.as_deref())
        {
            cx.fields.saw(location);
        }
    }
    // The file parsed already, so reading its groups cannot fail.
    let groups = cx
        .group_by
        .and_then(|field| Groups::read(input.format, &text, field).ok())
        .unwrap_or_default();
    let mut replies = Vec::new();
    for segment in &extracted.segments {
        let location = segment.location.as_deref();
        if location.is_some_and(|l| groups.is_field(l)) {
            continue;
        }
        let group = location.and_then(|l| groups.of(l));
        for reply in cx.reply_unit.replies(&segment.text) {
            if cx.keep_replies {
                replies.push(ReplyAt {
                    span: to_file(segment, reply),
                    location: segment.location.clone(),
                    group: group.map(str::to_string),
                });
            }
            // A reply's spans are offsets into the reply: past the replies
            // before it in the segment, then through the segment's map.
            let at = |s: tact::Span| {
                to_file(
                    segment,
                    tact::Span::new(s.start + reply.start, s.end + reply.start),
                )
            };
            for mut d in cx.linter.lint(reply.slice(&segment.text)) {
                d.span = at(d.span);
                for s in &mut d.suggestions {
                    s.span = at(s.span);
                }
                findings.push(Finding {
                    diagnostic: d,
                    location: segment.location.clone(),
                });
            }
        }
    }
    let suppressions = &extracted.suppressions;
    let mut used = vec![false; suppressions.len()];
    let ignores = cx
        .config
        .ignores_for(cx.config.relative(Path::new(&input.path)).as_deref());
    for &i in &ignores {
        cx.ignores_used[i].covered.store(true, Ordering::Relaxed);
    }
    findings.retain(|f| {
        if let Some(i) = suppressions
            .iter()
            .position(|s| s.covers(&f.rule, f.span.start))
        {
            used[i] = true;
            return false;
        }
        let ignored = ignores
            .iter()
            .copied()
            .find(|&i| cx.config.ignores[i].covers(&f.rule, f.location.as_deref()));
        if let Some(i) = ignored {
            cx.ignores_used[i].used.store(true, Ordering::Relaxed);
            return false;
        }
        true
    });
    for s in suppressions {
        let at = tact::Span::new(s.comment.start + base, s.comment.end + base);
        if let Some(word) = &s.unknown_directive {
            let hint = tact::did_you_mean(word, DIRECTIVES.iter().copied()).map_or_else(
                || format!("one of {}", DIRECTIVES.join(", ")),
                |m| format!("`{m}`"),
            );
            findings.push(invalid(
                at,
                format!("Unknown suppression directive `{word}`: did you mean {hint}?"),
            ));
            continue;
        }
        for rule in s
            .rules
            .iter()
            .filter(|r| !cx.linter.names().any(|n| n == *r))
        {
            let hint = tact::did_you_mean(rule, cx.linter.names())
                .map_or_else(String::new, |m| format!(" (did you mean `{m}`?)"));
            findings.push(invalid(
                at,
                format!("This suppression names no rule or pack `{rule}`{hint}."),
            ));
        }
    }
    if cx.report_unused {
        for (s, _) in suppressions
            .iter()
            .zip(&used)
            .filter(|(s, u)| !**u && s.unknown_directive.is_none())
        {
            findings.push(unused(
                tact::Span::new(s.comment.start + base, s.comment.end + base),
                None,
            ));
        }
    }
    findings.sort_by_key(|f| (f.span.start, f.span.end));
    FileReport {
        path: input.path,
        text,
        origin: input.origin,
        format: Some(input.format),
        diagnostics: findings,
        error: None,
        more: input.more,
        replies,
    }
}

/// The `[[ignore]]` entries that silenced nothing in a file they cover, as
/// findings in the config file. An entry that covers no file of this run
/// (a pre-commit run names only the changed files) is not reported.
pub fn unused_ignores(cx: &Context) -> Option<FileReport> {
    let path = cx.config.path.as_ref()?;
    let findings: Vec<Finding> = cx
        .config
        .ignores
        .iter()
        .zip(cx.ignores_used)
        .filter(|(_, u)| u.covered.load(Ordering::Relaxed) && !u.used.load(Ordering::Relaxed))
        .map(|(ig, _)| unused(tact::Span::new(ig.span.start, ig.span.end), None))
        .collect();
    (!findings.is_empty()).then(|| FileReport {
        path: path.display().to_string(),
        text: cx.config.source.clone(),
        origin: Origin::default(),
        format: None,
        diagnostics: findings,
        error: None,
        more: false,
        replies: Vec::new(),
    })
}

fn invalid(span: tact::Span, message: String) -> Finding {
    Finding {
        diagnostic: Diagnostic {
            rule: INVALID_SUPPRESSION.into(),
            severity: Severity::Warning,
            message,
            span,
            suggestions: Vec::new(),
        },
        location: None,
    }
}

fn unused(span: tact::Span, location: Option<String>) -> Finding {
    Finding {
        diagnostic: Diagnostic {
            rule: UNUSED_SUPPRESSION.into(),
            severity: Severity::Warning,
            message: "This suppression silences nothing; remove it.".into(),
            span,
            suggestions: Vec::new(),
        },
        location,
    }
}
