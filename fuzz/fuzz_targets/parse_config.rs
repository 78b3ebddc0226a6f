//! Any bytes as a `tact.toml`: an error or a config, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = tact_cli::config::Config::parse("tact.toml", text.to_string(), "/".into());
    }
});
