//! Reading the drafts to lint: files, folders and standard input.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::source::InputFormat;

/// Extensions linted when walking a folder (a file named on the command line
/// is linted whatever its name).
const WALKED_EXTENSIONS: &[&str] = &["txt", "text", "md", "markdown", "mdown", "mkd"];

/// Files named on the command line, with every folder replaced by the text
/// files inside it (sorted, honouring `.gitignore`, `.ignore` and hidden
/// files the way git would), and the number of files a walk passed over
/// because they have no input format or look binary.
pub fn expand(paths: &[PathBuf]) -> (Vec<PathBuf>, usize) {
    let mut out = Vec::new();
    let mut skipped = 0;
    for path in paths {
        if !path.is_dir() {
            out.push(path.clone());
            continue;
        }
        let mut found = Vec::new();
        for entry in ignore::WalkBuilder::new(path)
            .require_git(false)
            .build()
            .flatten()
        {
            if !entry.file_type().is_some_and(|t| t.is_file()) {
                continue;
            }
            let file = entry.into_path();
            let text_like = file
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| WALKED_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
            if text_like && !looks_binary(&file) {
                found.push(file);
            } else {
                skipped += 1;
            }
        }
        found.sort();
        out.extend(found);
    }
    (out, skipped)
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
    /// How the file's text becomes prose (by extension; stdin is text).
    pub format: InputFormat,
    pub text: Result<String, String>,
}

/// Read one path; `-` reads standard input, shown as `stdin_name` when
/// given. `format` overrides the format the name implies. An error is kept
/// in the input, so the other files are still linted.
pub fn read(path: &Path, stdin_name: Option<&str>, format: Option<InputFormat>) -> Input {
    let mut input = read_one(path);
    if path == Path::new("-") {
        if let Some(name) = stdin_name {
            input.path = name.to_string();
            input.format = InputFormat::of(Path::new(name));
        }
    }
    if let Some(format) = format {
        input.format = format;
    }
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
        format: InputFormat::of(path),
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
