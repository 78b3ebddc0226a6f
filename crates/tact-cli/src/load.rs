//! Building a linter from the built-in packs, the config, user packs and
//! selection flags, with errors rendered by miette so a broken pack points at
//! its line.

use std::path::{Path, PathBuf};

use miette::{LabeledSpan, MietteDiagnostic, NamedSource, Report};
use tact::{builtin, Linter, Pack, PackError, Selection};

use crate::args::PackArgs;
use crate::bounded::read_utf8;
use crate::config::Config;

/// Load a user pack file.
pub fn pack_file(path: &Path) -> Result<Pack, Report> {
    let source = read_utf8(path, "pack")?;
    Pack::parse(&path.display().to_string(), &source).map_err(pack_report)
}

/// The built-in packs plus the user's.
pub fn packs(extra: &[PathBuf]) -> Result<Vec<Pack>, Report> {
    let mut packs = builtin().to_vec();
    for path in extra {
        packs.push(pack_file(path)?);
    }
    Ok(packs)
}

/// The config the flags ask for (the nearest `tact.toml` by default).
pub fn config(args: &PackArgs) -> Result<Config, Report> {
    Config::discover(args.config.as_deref(), args.no_config)
}

/// The linter for the config and flags: flags add to the config's packs and
/// disabled rules, and `--only` replaces the config's `only`.
pub fn linter(args: &PackArgs, config: &Config) -> Result<Linter, Report> {
    let mut pack_paths = config.packs.clone();
    pack_paths.extend(args.packs.iter().cloned());
    let packs = packs(&pack_paths)?;
    let only = if args.only.is_empty() {
        config.only.clone()
    } else {
        args.only.clone()
    };
    let mut disable = config.disable.clone();
    disable.extend(args.disable.iter().cloned());
    let selection = Selection {
        only,
        disable,
        severity: config.severity.clone(),
    };
    let linter = Linter::new(&packs, &selection).map_err(|e| match (&e, &config.path) {
        // A pack's condition names it, not the flags or the config.
        (tact::SelectionError::UnknownFinding { .. }, _) | (_, None) => miette::miette!("{e}"),
        (_, Some(path)) => miette::miette!("{e} (flags or {})", path.display()),
    })?;
    let names: Vec<&str> = packs
        .iter()
        .flat_map(|p| std::iter::once(p.name.as_str()).chain(p.rules.iter().map(|r| r.id.as_str())))
        .collect();
    config.check_ignore_rules(&names)?;
    Ok(linter)
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
