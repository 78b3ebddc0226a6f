//! Building a linter from the built-in packs, user packs and selection flags,
//! with errors rendered by miette so a broken pack points at its line.

use std::path::Path;

use miette::{LabeledSpan, MietteDiagnostic, NamedSource, Report};
use tact::{builtin, Linter, Pack, PackError, Selection};

use crate::args::PackArgs;

/// Load a user pack file.
pub fn pack_file(path: &Path) -> Result<Pack, Report> {
    let shown = path.display().to_string();
    let source =
        std::fs::read(path).map_err(|e| miette::miette!("cannot read pack {shown}: {e}"))?;
    let source = String::from_utf8(source).map_err(|e| {
        miette::miette!(
            "cannot read pack {shown}: invalid UTF-8 at byte {}",
            e.utf8_error().valid_up_to()
        )
    })?;
    Pack::parse(&shown, &source).map_err(pack_report)
}

/// The built-in packs plus the user's.
pub fn packs(extra: &[std::path::PathBuf]) -> Result<Vec<Pack>, Report> {
    let mut packs = builtin().to_vec();
    for path in extra {
        packs.push(pack_file(path)?);
    }
    Ok(packs)
}

pub fn linter(args: &PackArgs) -> Result<Linter, Report> {
    let packs = packs(&args.packs)?;
    let selection = Selection {
        only: args.only.clone(),
        disable: args.disable.clone(),
        severity: Vec::new(),
    };
    Linter::new(&packs, &selection).map_err(|e| miette::miette!("{e}"))
}

/// A pack error as a miette report pointing into the pack's source.
pub fn pack_report(e: PackError) -> Report {
    let mut diag =
        MietteDiagnostic::new(format!("invalid pack: {}", e.message)).with_code("tact::pack");
    if let Some(span) = e.span {
        diag = diag.with_label(LabeledSpan::new_with_span(
            Some("here".into()),
            span.start..span.end,
        ));
    }
    if let Some(help) = e.help {
        diag = diag.with_help(help);
    }
    Report::new(diag).with_source_code(NamedSource::new(e.origin, e.source_text.to_string()))
}
