//! Which config and linter lint a document: the nearest `tact.toml` from
//! the document's folder up to the workspace root (the one `tact check`
//! would use from there), or the file `initializationOptions` names. Each
//! config is loaded once, and again whenever the file on disk changes; a
//! broken one is reported on itself, and the document is linted with the
//! built-in defaults meanwhile.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use miette::Report;
use serde::Deserialize;
use tact::Linter;

use crate::args::PackArgs;
use crate::config::{Config, FILE_NAME};
use crate::load;
use crate::source::Fields;

/// What a client may set in `initializationOptions`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
pub struct Options {
    /// A config file to use for every document instead of the nearest
    /// `tact.toml`; relative to the workspace root.
    pub config: Option<PathBuf>,
    /// Rules or packs to turn off, on top of the config's.
    pub disable: Vec<String>,
    /// Rules or packs to run alone, instead of the config's `only`.
    pub only: Vec<String>,
    /// More packs to load, relative to the workspace root.
    pub packs: Vec<PathBuf>,
}

/// The config a document uses, as it is on disk now: when it differs from
/// the one a document was linted with, the document is linted again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    /// The config file; none when there is none.
    pub path: Option<PathBuf>,
    /// Its modification time and length.
    modified: Option<(SystemTime, u64)>,
}

/// What lints a document.
pub struct Setup {
    pub config: Config,
    pub linter: Linter,
    pub fields: Fields,
}

/// A config that cannot be used, and where to say so.
#[derive(Debug)]
pub struct ConfigError {
    /// The config file the error is shown on; none when the error is in
    /// the client's options alone.
    pub file: Option<PathBuf>,
    pub message: String,
    /// Bytes of the file it points at.
    pub span: Option<std::ops::Range<usize>>,
}

pub struct Workspace {
    root: Option<PathBuf>,
    options: Options,
    /// Loaded setups by config file (`None`: no config), with the stamp
    /// they were loaded at.
    loaded: Mutex<HashMap<Option<PathBuf>, Loaded>>,
}

type Loaded = (Stamp, Result<Arc<Setup>, Arc<ConfigError>>);

impl Workspace {
    pub fn new(root: Option<PathBuf>, options: Options) -> Self {
        Workspace {
            root,
            options,
            loaded: Mutex::default(),
        }
    }

    /// The config file for a document at `doc` (none for a document with
    /// no path, such as an unsaved buffer: the root's config then).
    pub fn stamp(&self, doc: Option<&Path>) -> Stamp {
        let path = self.config_file(doc);
        let modified = path
            .as_deref()
            .and_then(|p| std::fs::metadata(p).ok())
            .and_then(|m| Some((m.modified().ok()?, m.len())));
        Stamp { path, modified }
    }

    fn config_file(&self, doc: Option<&Path>) -> Option<PathBuf> {
        if let Some(named) = &self.options.config {
            return Some(self.resolve(named));
        }
        let start = doc.and_then(Path::parent).or(self.root.as_deref())?;
        let under_root = self.root.as_deref().filter(|r| start.starts_with(r));
        for dir in start.ancestors() {
            let candidate = dir.join(FILE_NAME);
            if candidate.is_file() {
                return Some(candidate);
            }
            if Some(dir) == under_root {
                break;
            }
        }
        None
    }

    fn resolve(&self, path: &Path) -> PathBuf {
        match &self.root {
            Some(root) if path.is_relative() => root.join(path),
            _ => path.to_path_buf(),
        }
    }

    /// The setup for `stamp`, loaded now if the file changed since; with
    /// the error that kept its config from being used, if one did (the
    /// setup is then the built-in one).
    pub fn setup(&self, stamp: &Stamp) -> (Arc<Setup>, Option<Arc<ConfigError>>) {
        match self.load(stamp) {
            Ok(setup) => (setup, None),
            Err(error) => {
                let none = Stamp {
                    path: None,
                    modified: None,
                };
                let fallback = match self.load(&none) {
                    Ok(setup) => setup,
                    // The client's options alone are broken: nothing to
                    // lint with but the built-in packs as they come.
                    Err(_) => Arc::new(builtin_setup()),
                };
                (fallback, Some(error))
            }
        }
    }

    fn load(&self, stamp: &Stamp) -> Result<Arc<Setup>, Arc<ConfigError>> {
        if let Some((at, loaded)) = self.lock().get(&stamp.path) {
            if at == stamp {
                return loaded.clone();
            }
        }
        let loaded = self.build(stamp.path.as_deref()).map_err(Arc::new);
        let loaded = loaded.map(Arc::new);
        self.lock()
            .insert(stamp.path.clone(), (stamp.clone(), loaded.clone()));
        loaded
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Option<PathBuf>, Loaded>> {
        self.loaded.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn build(&self, path: Option<&Path>) -> Result<Setup, ConfigError> {
        let config = match path {
            Some(p) => Config::load(p).map_err(|r| config_error(Some(p), &r, true))?,
            None => Config::default(),
        };
        let args = PackArgs {
            packs: self.options.packs.iter().map(|p| self.resolve(p)).collect(),
            disable: self.options.disable.clone(),
            only: self.options.only.clone(),
            config: None,
            no_config: false,
        };
        let linter = load::linter(&args, &config).map_err(|r| config_error(path, &r, false))?;
        let fields = Fields::new(config.keys.clone(), config.columns.clone());
        Ok(Setup {
            config,
            linter,
            fields,
        })
    }
}

/// The built-in packs with no config and no options.
fn builtin_setup() -> Setup {
    Setup {
        config: Config::default(),
        linter: Linter::new(tact::builtin(), &tact::Selection::default())
            .expect("the built-in packs load"),
        fields: Fields::default(),
    }
}

/// A load error as a diagnostic's parts. A config's own error points into
/// it (`located`); one from loading its packs or checking its rules is
/// shown at the file's start, with the whole message.
fn config_error(file: Option<&Path>, report: &Report, located: bool) -> ConfigError {
    let mut message = report.to_string();
    if let Some(help) = report.help() {
        message.push_str(&format!("\nhelp: {help}"));
    }
    let span = located
        .then(|| report.labels().and_then(|mut l| l.next()))
        .flatten()
        .map(|l| l.offset()..l.offset() + l.len());
    ConfigError {
        file: file.map(Path::to_path_buf),
        message,
        span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_config_up_to_the_root_is_used_and_reloaded_when_it_changes() {
        let root = tempfile::tempdir().unwrap();
        let sub = root.path().join("macros/billing");
        std::fs::create_dir_all(&sub).unwrap();
        let doc = sub.join("reply.md");
        let ws = Workspace::new(Some(root.path().to_path_buf()), Options::default());
        assert_eq!(ws.stamp(Some(&doc)).path, None);

        let config = root.path().join("macros/tact.toml");
        std::fs::write(&config, "disable = [\"gotcha\"]\n").unwrap();
        let first = ws.stamp(Some(&doc));
        assert_eq!(first.path.as_deref(), Some(config.as_path()));
        let (setup, error) = ws.setup(&first);
        assert!(error.is_none());
        assert!(setup.linter.lint("As I said, no.").is_empty());

        std::fs::write(&config, "disable = [\"gotcha\", \"nosuchpack\"]\n").unwrap();
        let second = ws.stamp(Some(&doc));
        assert_ne!(first, second, "a change on disk is a new stamp");
        let (fallback, error) = ws.setup(&second);
        let error = error.expect("an unknown pack is an error");
        assert_eq!(error.file.as_deref(), Some(config.as_path()));
        assert!(error.message.contains("nosuchpack"), "{}", error.message);
        assert!(!fallback.linter.lint("As I said, no.").is_empty());
    }

    #[test]
    fn a_config_error_points_at_its_line() {
        let root = tempfile::tempdir().unwrap();
        let config = root.path().join(FILE_NAME);
        std::fs::write(
            &config,
            "fail-on = \"warning\"\nreply-unit = \"sentence\"\n",
        )
        .unwrap();
        let ws = Workspace::new(Some(root.path().to_path_buf()), Options::default());
        let (_, error) = ws.setup(&ws.stamp(Some(&root.path().join("a.txt"))));
        let error = error.expect("a bad reply unit is an error");
        let span = error.span.clone().expect("it points into the file");
        let text = std::fs::read_to_string(&config).unwrap();
        assert!(text[span].contains("sentence"), "{error:?}");
    }

    #[test]
    fn a_config_named_in_the_options_wins_over_the_nearest() {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join(FILE_NAME), "").unwrap();
        std::fs::write(root.path().join("ci.toml"), "disable = [\"gotcha\"]\n").unwrap();
        let options = Options {
            config: Some("ci.toml".into()),
            ..Options::default()
        };
        let ws = Workspace::new(Some(root.path().to_path_buf()), options);
        let stamp = ws.stamp(Some(&root.path().join("a.txt")));
        assert_eq!(stamp.path, Some(root.path().join("ci.toml")));
        let (setup, error) = ws.setup(&stamp);
        assert!(error.is_none());
        assert!(setup.linter.lint("As I said, no.").is_empty());
    }
}
