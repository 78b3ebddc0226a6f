//! tact for front ends that are not a command line (the Python package): a
//! linter built from a config, packs and a selection exactly as `tact check`
//! builds it, and the findings of one text in an input format, with errors
//! as the same messages the command prints.

use std::path::PathBuf;

use clap::ValueEnum;
use miette::Report;
use tact::{Linter, ReplyUnit};

use crate::args::PackArgs;
use crate::config::Config;
use crate::input::Input;
use crate::lint::{self, Context, IgnoreUse};
pub use crate::render::Finding;
use crate::source::{Fields, InputFormat};

/// A linter and the config it came from, ready for any number of texts on
/// any number of threads.
pub struct Setup {
    linter: Linter,
    config: Config,
    fields: Fields,
    ignores: Vec<IgnoreUse>,
}

/// What a [`Setup`] is built from: the flags of the same names.
#[derive(Default)]
pub struct Options {
    /// A `tact.toml` to use; none means the built-in defaults (a library
    /// does not look for one in the working folder).
    pub config: Option<PathBuf>,
    pub packs: Vec<PathBuf>,
    pub only: Vec<String>,
    pub disable: Vec<String>,
}

impl Setup {
    /// Load the config and packs and select the rules.
    ///
    /// # Errors
    ///
    /// The message `tact check` prints for the same config, pack or
    /// selection (a broken pack points at its TOML line).
    pub fn new(options: Options) -> Result<Setup, String> {
        let args = PackArgs {
            no_config: options.config.is_none(),
            packs: options.packs,
            only: options.only,
            disable: options.disable,
            config: options.config,
        };
        let config = crate::load::config(&args).map_err(|e| message(&e))?;
        let linter = crate::load::linter(&args, &config).map_err(|e| message(&e))?;
        let fields = Fields::new(config.keys.clone(), config.columns.clone());
        let ignores = IgnoreUse::for_config(&config);
        Ok(Setup {
            linter,
            config,
            fields,
            ignores,
        })
    }

    /// The linter, for its rules.
    pub fn linter(&self) -> &Linter {
        &self.linter
    }

    /// The findings of `text` read as `format`, at byte offsets of `text`,
    /// in order; `reply_unit` defaults to the config's, else the whole text.
    ///
    /// # Errors
    ///
    /// Why the text cannot be read as `format` (JSON that does not parse).
    pub fn lint(
        &self,
        text: &str,
        format: InputFormat,
        reply_unit: Option<ReplyUnit>,
    ) -> Result<Vec<Finding>, String> {
        let cx = Context {
            linter: &self.linter,
            fields: &self.fields,
            config: &self.config,
            ignores_used: &self.ignores,
            report_unused: false,
            reply_unit: reply_unit.or(self.config.reply_unit).unwrap_or_default(),
            keep_replies: false,
            group_by: None,
        };
        let report = lint::lint(
            Input::whole("<text>".into(), format, Ok(text.to_owned())),
            &cx,
        );
        match report.error {
            Some(e) => Err(e),
            None => Ok(report.diagnostics),
        }
    }
}

/// The input format of a name (`"markdown"`, `"csv"`), as `--input-format`
/// spells it.
///
/// # Errors
///
/// The names there are, when `name` is none of them.
pub fn input_format(name: &str) -> Result<InputFormat, String> {
    InputFormat::from_str(name, true).map_err(|_| {
        format!(
            "unknown input format `{name}`: expected one of {}",
            input_formats().join(", ")
        )
    })
}

/// The names of the input formats.
pub fn input_formats() -> Vec<String> {
    InputFormat::value_variants()
        .iter()
        .filter_map(|f| f.to_possible_value().map(|v| v.get_name().to_string()))
        .collect()
}

/// A report as the command prints it, without colour.
fn message(report: &Report) -> String {
    let mut out = String::new();
    let handler = crate::render::human::handler(false, 100);
    if handler.render_report(&mut out, report.as_ref()).is_err() {
        return report.to_string();
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_in_a_format_gives_findings_at_its_offsets() {
        let setup = Setup::new(Options::default()).unwrap();
        let text = "```\nAs I said\n```\n\nAs I said, it ships Friday.\n";
        let found = setup
            .lint(text, input_format("markdown").unwrap(), None)
            .unwrap();
        let spans: Vec<&str> = found.iter().map(|f| f.span.slice(text)).collect();
        assert_eq!(spans, ["As I said"]);
        assert_eq!(found[0].span.start, text.rfind("As I said").unwrap());
        assert!(setup.lint("{", InputFormat::Json, None).is_err());
    }

    #[test]
    fn errors_are_the_messages_the_command_prints() {
        let only = |name: &str| Options {
            only: vec![name.into()],
            ..Options::default()
        };
        let e = Setup::new(only("gotcha.as-i-sed")).err().unwrap();
        assert!(e.contains("did you mean `gotcha.as-i-said`"), "{e}");
        let e = input_format("docx").unwrap_err();
        assert!(e.contains("text, markdown, html, json, yaml, csv"), "{e}");
    }
}
