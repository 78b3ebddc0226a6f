//! A lint's findings as LSP diagnostics, and the code actions that fix
//! them. Every action is a plain `WorkspaceEdit`, applied by the client
//! itself: no command runs on the server, so they work in every editor.

use std::collections::HashMap;

use tact::{Applicability, Severity};
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Diagnostic, DiagnosticSeverity,
    NumberOrString, TextEdit, Uri, WorkspaceEdit,
};

use super::position::Lines;
use crate::fix;
use crate::render::{FileReport, Finding};
use crate::source::InputFormat;

/// The kind of "fix all safe": editors run `source.fixAll` actions on save.
pub fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::new("source.fixAll.tact")
}

pub fn diagnostic(finding: &Finding, lines: &Lines) -> Diagnostic {
    let mut message = finding.message.clone();
    if let Some(s) = finding.suggestions.first() {
        message.push('\n');
        message.push_str(&s.message);
    }
    Diagnostic {
        range: lines.range(finding.span.start, finding.span.end),
        severity: Some(match finding.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(finding.rule.clone())),
        source: Some("tact".into()),
        message,
        ..Diagnostic::default()
    }
}

/// The actions for the findings that overlap bytes `range` of the
/// document, of the kinds `only` allows (all when it is `None`).
pub fn actions(
    uri: &Uri,
    report: &FileReport,
    range: std::ops::Range<usize>,
    only: Option<&[CodeActionKind]>,
    lines: &Lines,
) -> Vec<CodeActionOrCommand> {
    let wanted = |kind: &CodeActionKind| {
        only.is_none_or(|only| {
            only.iter().any(|o| {
                kind.as_str() == o.as_str()
                    || kind.as_str().starts_with(&format!("{}.", o.as_str()))
            })
        })
    };
    let edit = |edits: Vec<TextEdit>| WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    };
    let mut out = Vec::new();
    let here = report
        .diagnostics
        .iter()
        .filter(|f| f.span.start <= range.end && range.start <= f.span.end);
    for finding in here.filter(|_| wanted(&CodeActionKind::QUICKFIX)) {
        let shown = diagnostic(finding, lines);
        if let Some(e) = fix::edit_of(report, finding, Applicability::Unsafe) {
            let safe = e.applicability == Applicability::Safe;
            out.push(CodeAction {
                title: format!(
                    "Replace with \"{}\"{}",
                    e.text,
                    if safe { "" } else { " (read it first)" }
                ),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![shown.clone()]),
                edit: Some(edit(vec![text_edit(&e, lines)])),
                is_preferred: Some(safe),
                ..CodeAction::default()
            });
        }
        if let Some(comment) = report.format.and_then(|f| suppression(f, &finding.rule)) {
            // Inline, where the finding's words end (or its first line does):
            // a comment on a line of its own would end a Markdown table or
            // paragraph, or land inside an HTML start tag.
            let line_end = report.text[finding.span.start..]
                .find(['\n', '\r'])
                .map_or(report.text.len(), |i| finding.span.start + i);
            let at = lines.position(finding.span.end.min(line_end));
            out.push(CodeAction {
                title: format!("Disable {} for this line", finding.rule),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![shown]),
                edit: Some(edit(vec![TextEdit {
                    range: tower_lsp_server::ls_types::Range::new(at, at),
                    new_text: comment,
                }])),
                ..CodeAction::default()
            });
        }
    }
    let safe = fix::edits(report, Applicability::Safe);
    if !safe.is_empty() && wanted(&fix_all_kind()) {
        out.push(CodeAction {
            title: format!("Fix all safe tact findings ({})", safe.len()),
            kind: Some(fix_all_kind()),
            edit: Some(edit(safe.iter().map(|e| text_edit(e, lines)).collect())),
            ..CodeAction::default()
        });
    }
    out.into_iter()
        .map(CodeActionOrCommand::CodeAction)
        .collect()
}

fn text_edit(e: &fix::Edit, lines: &Lines) -> TextEdit {
    TextEdit {
        range: lines.range(e.range.start, e.range.end),
        new_text: e.text.clone(),
    }
}

/// The comment that switches `rule` off for the line it is on, in a
/// format that has comments.
fn suppression(format: InputFormat, rule: &str) -> Option<String> {
    matches!(format, InputFormat::Markdown | InputFormat::Html)
        .then(|| format!("<!-- tact-disable-line {rule} -->"))
}

/// A document its format cannot read, said at its start.
pub fn unreadable(error: &str) -> Diagnostic {
    Diagnostic {
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String("tact.unreadable".into())),
        source: Some("tact".into()),
        message: error.to_string(),
        ..Diagnostic::default()
    }
}
