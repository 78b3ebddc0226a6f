//! Reading the drafts to lint: files, folders and standard input.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use ignore::WalkState;

use crate::config::Config;
use crate::source::InputFormat;

/// Files named on the command line, with every folder replaced by the files
/// inside it that have an input format (sorted, honouring `.gitignore`,
/// `.ignore`, hidden files the way git would, and the config's `exclude`),
/// and the number of files a walk passed over because they have no input
/// format, look binary or are excluded. A file named on the command line is
/// linted whatever its name.
pub fn expand(paths: &[PathBuf], config: &Config) -> (Vec<PathBuf>, usize) {
    let mut out = Vec::new();
    let skipped = AtomicUsize::new(0);
    for path in paths {
        if !path.is_dir() {
            out.push(path.clone());
            continue;
        }
        // Walked on every core: the binary check reads each file's head.
        let found = Mutex::new(Vec::new());
        ignore::WalkBuilder::new(path)
            .require_git(false)
            .build_parallel()
            .run(|| {
                Box::new(|entry| {
                    let Ok(entry) = entry else {
                        return WalkState::Continue;
                    };
                    if entry.file_type().is_some_and(|t| t.is_file()) {
                        let file = entry.into_path();
                        let known = config.format_of(&file).or(InputFormat::of(&file)).is_some();
                        if known && !config.excludes(&file) && !looks_binary(&file) {
                            found.lock().expect("no panics while held").push(file);
                        } else {
                            skipped.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                    WalkState::Continue
                })
            });
        let mut found = found.into_inner().expect("no panics while held");
        found.sort();
        out.extend(found);
    }
    (out, skipped.into_inner())
}

/// A NUL byte in the first 8 KiB, as git and ripgrep decide.
fn looks_binary(path: &Path) -> bool {
    let mut head = [0u8; 8192];
    std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .is_ok_and(|n| head[..n].contains(&0))
}

/// One input to lint, or the reason it could not be read.
pub struct Input {
    /// The path as shown to the user (`<stdin>` for standard input).
    pub path: String,
    /// How the file's text becomes prose.
    pub format: InputFormat,
    pub text: Result<String, String>,
}

/// Read one path; `-` reads standard input, shown as `stdin_name` when
/// given. The format is `format` when given, else the config's `[formats]`
/// entry, else the extension's, else plain text. An error is kept in the
/// input, so the other files are still linted.
pub fn read(
    path: &Path,
    stdin_name: Option<&str>,
    format: Option<InputFormat>,
    config: &Config,
) -> Input {
    let mut input = read_one(path);
    let named = match stdin_name {
        Some(name) if path == Path::new("-") => {
            input.path = name.to_string();
            Path::new(name)
        }
        _ => path,
    };
    input.format = format
        .or_else(|| config.format_of(named))
        .or_else(|| InputFormat::of(named))
        .unwrap_or(InputFormat::Text);
    input
}

fn read_one(path: &Path) -> Input {
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        let text = std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read standard input: {e}"))
            .and_then(|_| decode(bytes));
        return Input {
            path: "<stdin>".into(),
            format: InputFormat::Text,
            text,
        };
    }
    let shown = path.display().to_string();
    let text = std::fs::read(path)
        .map_err(|e| format!("cannot read {shown}: {}", io_reason(&e)))
        .and_then(|bytes| decode(bytes).map_err(|e| format!("cannot lint {shown}: {e}")));
    Input {
        path: shown,
        format: InputFormat::Text,
        text,
    }
}

/// UTF-8 only: a linter that guessed at encodings would report offsets into
/// text the user never wrote. A leading byte-order mark is kept in the text
/// (so offsets stay file offsets) and is harmless to the rules.
fn decode(bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "invalid UTF-8 at byte {} (tact reads UTF-8 text only)",
            e.utf8_error().valid_up_to()
        )
    })
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "is a directory".into(),
        _ => e.to_string(),
    }
}
