//! `tact.toml`: a team's settings, found in the working folder or above
//! (`--config FILE` names one, `--no-config` ignores it). Paths and globs in
//! it are relative to the folder that holds it.
//!
//! ```toml
//! fail-on = "warning"
//! packs = ["rules/team.toml"]
//! disable = ["passive.agentless"]
//! exclude = ["drafts/**"]
//! keys = ["value", "body"]
//! columns = ["reply"]
//!
//! [severity]
//! "passive.with-agent" = "warning"
//!
//! [formats]
//! "macros/*.tpl" = "html"
//!
//! [[ignore]]
//! path = "macros/legacy/**"
//! rules = ["gotcha.as-i-said"]
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use miette::{LabeledSpan, MietteDiagnostic, NamedSource, Report};
use serde::Deserialize;
use tact::{did_you_mean, Severity};
use toml::Spanned;

use crate::args::FailOn;
use crate::source::suppression::names_rule;
use crate::source::InputFormat;

/// The file name searched for.
pub const FILE_NAME: &str = "tact.toml";

#[derive(Deserialize, Default, Debug)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    fail_on: Option<FailOn>,
    reply_unit: Option<tact::ReplyUnit>,
    #[serde(default)]
    packs: Vec<String>,
    #[serde(default)]
    only: Vec<String>,
    #[serde(default)]
    disable: Vec<String>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    keys: Vec<String>,
    #[serde(default)]
    columns: Vec<String>,
    #[serde(default)]
    severity: BTreeMap<String, Severity>,
    #[serde(default)]
    formats: BTreeMap<String, Spanned<InputFormat>>,
    #[serde(default)]
    ignore: Vec<Spanned<RawIgnore>>,
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct RawIgnore {
    path: Spanned<String>,
    #[serde(default)]
    rules: Vec<String>,
    location: Option<String>,
}

/// A loaded config file.
#[derive(Debug, Default)]
pub struct Config {
    /// The file, as shown to the user, and its text (for reporting entries).
    pub path: Option<PathBuf>,
    pub source: String,
    /// The folder paths in the config are relative to.
    root: PathBuf,
    pub fail_on: Option<FailOn>,
    pub reply_unit: Option<tact::ReplyUnit>,
    pub packs: Vec<PathBuf>,
    pub only: Vec<String>,
    pub disable: Vec<String>,
    pub severity: Vec<(String, Severity)>,
    pub keys: Vec<String>,
    pub columns: Vec<String>,
    exclude: GlobSet,
    formats: Vec<(GlobSet, InputFormat)>,
    pub ignores: Vec<Ignore>,
    /// Every `[[ignore]]` entry's path glob, the entry's index its glob's:
    /// a file is matched against all of them at once.
    ignore_paths: GlobSet,
}

/// An `[[ignore]]` entry.
#[derive(Debug)]
pub struct Ignore {
    /// Rule ids or pack names; empty means all.
    pub rules: Vec<String>,
    /// A JSON pointer, YAML path or CSV `row:column`: the entry covers it and
    /// everything under it.
    location: Option<String>,
    /// The entry's bytes in the config file.
    pub span: std::ops::Range<usize>,
}

impl Ignore {
    /// Whether this entry, one of those whose path matches a file
    /// ([`Config::ignores_for`]), silences `rule` at `location` in it.
    pub fn covers(&self, rule: &str, location: Option<&str>) -> bool {
        names_rule(&self.rules, rule)
            && self.location.as_deref().is_none_or(|l| {
                location.is_some_and(|at| {
                    at.strip_prefix(l)
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['/', '.', '[']))
                })
            })
    }
}

impl Config {
    /// The config to use: `explicit`, or the nearest `tact.toml` from the
    /// working folder up, or none.
    pub fn discover(explicit: Option<&Path>, disabled: bool) -> Result<Config, Report> {
        if disabled {
            return Ok(Config::default());
        }
        if let Some(path) = explicit {
            return Config::load(path);
        }
        let cwd = std::env::current_dir().unwrap_or_default();
        for dir in cwd.ancestors() {
            let candidate = dir.join(FILE_NAME);
            if candidate.is_file() {
                let shown = candidate.strip_prefix(&cwd).unwrap_or(&candidate);
                return Config::load(shown);
            }
        }
        Ok(Config::default())
    }

    pub fn load(path: &Path) -> Result<Config, Report> {
        let source = crate::bounded::read_utf8(path, "config")?;
        let root = std::path::absolute(path)
            .ok()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .unwrap_or_default();
        Config::parse(&path.display().to_string(), source, root)
    }

    /// Parse a config's text; `shown` names it in errors, `root` is the
    /// folder its paths are relative to.
    pub fn parse(shown: &str, source: String, root: PathBuf) -> Result<Config, Report> {
        let shown = shown.to_string();
        let raw: Raw = toml::from_str(&source).map_err(|e| {
            let message = e.message().trim().to_string();
            let help = unknown_key_help(&message);
            report(
                &shown,
                &source,
                e.span(),
                format!("invalid config: {message}"),
                help,
            )
        })?;
        let one = |g: &Spanned<String>| {
            Glob::new(g.get_ref()).map_err(|e| {
                report(
                    &shown,
                    &source,
                    Some(g.span()),
                    format!("invalid glob: {e}"),
                    None,
                )
            })
        };
        let glob = |g: &Spanned<String>| {
            one(g).map(|g| {
                GlobSetBuilder::new()
                    .add(g)
                    .build()
                    .expect("a glob that parsed builds")
            })
        };
        let mut exclude = GlobSetBuilder::new();
        for g in &raw.exclude {
            exclude.add(one(g)?);
        }
        let mut formats = Vec::new();
        for (g, format) in &raw.formats {
            formats.push((
                glob(&Spanned::new(format.span(), g.clone()))?,
                *format.get_ref(),
            ));
        }
        let mut ignores = Vec::new();
        let mut ignore_paths = GlobSetBuilder::new();
        for entry in &raw.ignore {
            let e = entry.get_ref();
            ignore_paths.add(one(&e.path)?);
            ignores.push(Ignore {
                rules: e.rules.clone(),
                location: e.location.clone(),
                span: entry.span(),
            });
        }
        Ok(Config {
            path: Some(PathBuf::from(&shown)),
            root: root.clone(),
            fail_on: raw.fail_on,
            reply_unit: raw.reply_unit,
            packs: raw.packs.iter().map(|p| root.join(p)).collect(),
            only: raw.only,
            disable: raw.disable,
            severity: raw.severity.into_iter().collect(),
            keys: raw.keys,
            columns: raw.columns,
            exclude: exclude.build().expect("globs built one by one"),
            formats,
            ignores,
            ignore_paths: ignore_paths.build().expect("globs built one by one"),
            source,
        })
    }

    /// The indices of the `[[ignore]]` entries whose path matches `file`
    /// (relative to the config, [`Config::relative`]), in order.
    pub fn ignores_for(&self, file: Option<&Path>) -> Vec<usize> {
        file.map_or_else(Vec::new, |f| self.ignore_paths.matches(f))
    }

    /// `file` relative to the config's folder, when it is inside it.
    pub fn relative(&self, file: &Path) -> Option<PathBuf> {
        let file = std::path::absolute(file).ok()?;
        file.strip_prefix(&self.root).ok().map(Path::to_path_buf)
    }

    /// Whether the config's `exclude` covers `file`.
    pub fn excludes(&self, file: &Path) -> bool {
        self.relative(file)
            .is_some_and(|f| self.exclude.is_match(f))
    }

    /// The input format `[formats]` gives `file`, if any.
    pub fn format_of(&self, file: &Path) -> Option<InputFormat> {
        let rel = self.relative(file)?;
        self.formats
            .iter()
            .find(|(g, _)| g.is_match(&rel))
            .map(|(_, f)| *f)
    }

    /// An `[[ignore]]` entry's rules that name no rule or pack, with a
    /// suggestion: checked once the packs are known.
    pub fn check_ignore_rules(&self, names: &[&str]) -> Result<(), Report> {
        for entry in &self.ignores {
            for rule in &entry.rules {
                if !names.contains(&rule.as_str()) {
                    let help = did_you_mean(rule, names.iter().copied())
                        .map(|m| format!("did you mean `{m}`?"));
                    return Err(report(
                        &self
                            .path
                            .as_ref()
                            .map(|p| p.display().to_string())
                            .unwrap_or_default(),
                        &self.source,
                        Some(entry.span.clone()),
                        format!("invalid config: unknown rule or pack `{rule}` in [[ignore]]"),
                        help,
                    ));
                }
            }
        }
        Ok(())
    }
}

/// serde names the unknown key and the valid ones: suggest the closest.
fn unknown_key_help(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (name, expected) = rest.split_once('`')?;
    let valid: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    did_you_mean(name, valid).map(|m| format!("did you mean `{m}`?"))
}

fn report(
    origin: &str,
    source: &str,
    span: Option<std::ops::Range<usize>>,
    message: String,
    help: Option<String>,
) -> Report {
    let mut diag = MietteDiagnostic::new(message).with_code("tact::config");
    if let Some(span) = span {
        diag = diag.with_label(LabeledSpan::new_with_span(Some("here".into()), span));
    }
    if let Some(help) = help {
        diag = diag.with_help(help);
    }
    Report::new(diag).with_source_code(NamedSource::new(origin, source.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Config, String> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tact.toml");
        std::fs::write(&path, text).unwrap();
        Config::load(&path).map_err(|e| format!("{e:?}"))
    }

    #[test]
    fn an_unknown_key_suggests_the_closest() {
        let e = load("fial-on = \"error\"\n").unwrap_err();
        assert!(e.contains("unknown field `fial-on`"), "{e}");
        assert!(e.contains("did you mean `fail-on`?"), "{e}");
    }

    #[test]
    fn globs_are_relative_to_the_config() {
        let c = load("exclude = [\"drafts/**\"]\n[formats]\n\"*.tpl\" = \"html\"\n").unwrap();
        let root = c.root.clone();
        assert!(c.excludes(&root.join("drafts/a/b.md")));
        assert!(!c.excludes(&root.join("macros/b.md")));
        assert_eq!(c.format_of(&root.join("x.tpl")), Some(InputFormat::Html));
        assert!(load("exclude = [\"a[\"]\n")
            .unwrap_err()
            .contains("invalid glob"));
    }
}
