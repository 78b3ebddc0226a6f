//! Starts `tact lsp` for the documents of the languages `extension.toml`
//! names, with the `tact` found on the worktree's `PATH`.

use zed_extension_api::{self as zed, LanguageServerId, Result};

struct Tact;

impl zed::Extension for Tact {
    fn new() -> Self {
        Tact
    }

    fn language_server_command(
        &mut self,
        _: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<zed::Command> {
        let command = worktree.which("tact").ok_or_else(|| {
            "tact is not on PATH: install it with `cargo install --locked --path crates/tact-cli`"
                .to_string()
        })?;
        Ok(zed::Command {
            command,
            args: vec!["lsp".into()],
            env: Vec::new(),
        })
    }
}

zed::register_extension!(Tact);
