//! Reading the drafts to lint: files, folders and standard input.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use ignore::WalkState;

use crate::bounded::{self, io_reason};
use crate::config::Config;
use crate::render::Origin;
use crate::source::InputFormat;

/// Plain-text files larger than this are read and linted a piece at a time,
/// so that memory stays flat on a file of any size.
const SPLIT_BYTES: u64 = 4 << 20;

/// About how much of a split file one piece holds; a piece ends at a line
/// break, which always ends a sentence, so the rules see what they would
/// see in the whole file.
const PIECE_BYTES: usize = 1 << 20;

/// What a folder walk passed over, for `-v`.
#[derive(Default)]
pub struct Skipped {
    /// Files with no input format, that look binary, or that the config
    /// excludes.
    pub files: usize,
    /// Symbolic links to folders, or to files outside the folder walked.
    pub links: usize,
}

/// Files named on the command line, with every folder replaced by the files
/// inside it that have an input format (sorted, honouring `.gitignore`,
/// `.ignore`, hidden files the way git would, and the config's `exclude`),
/// and what the walks passed over. A symbolic link to a file inside the
/// folder walked is linted under the link's name; other links are passed
/// over (a folder is walked once, through its real path). A file named on
/// the command line is linted whatever its name, unless `force_exclude`
/// and the config excludes it (pre-commit names every changed file). Paths
/// come out normalised, with no `.` in them (`a.txt`, never `./a.txt`), as
/// GitHub and editors match them against a repository's files.
pub fn expand(paths: &[PathBuf], config: &Config, force_exclude: bool) -> (Vec<PathBuf>, Skipped) {
    let mut out = Vec::new();
    let skipped = AtomicUsize::new(0);
    let links = AtomicUsize::new(0);
    for path in paths {
        if !path.is_dir() {
            if force_exclude && path != Path::new("-") && config.excludes(path) {
                skipped.fetch_add(1, Ordering::Relaxed);
            } else {
                out.push(normal(path));
            }
            continue;
        }
        let root = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
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
                    let Some(kind) = entry.file_type() else {
                        return WalkState::Continue;
                    };
                    if kind.is_symlink() && !links_inside(entry.path(), &root) {
                        links.fetch_add(1, Ordering::Relaxed);
                        return WalkState::Continue;
                    }
                    if kind.is_file() || kind.is_symlink() {
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
        out.extend(found.iter().map(|p| normal(p)));
    }
    let skipped = Skipped {
        files: skipped.into_inner(),
        links: links.into_inner(),
    };
    (out, skipped)
}

/// `path` without its `.` components; `.` itself stays.
fn normal(path: &Path) -> PathBuf {
    let kept: PathBuf = path
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect();
    if kept.as_os_str().is_empty() {
        path.to_path_buf()
    } else {
        kept
    }
}

/// Whether a symbolic link leads to a file inside the folder `root`.
fn links_inside(link: &Path, root: &Path) -> bool {
    std::fs::canonicalize(link).is_ok_and(|target| target.is_file() && target.starts_with(root))
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
    /// Where `text` starts in the file.
    pub origin: Origin,
    /// Whether more pieces of the file follow.
    pub more: bool,
}

impl Input {
    /// A whole file's text, or why it has none.
    pub fn whole(path: String, format: InputFormat, text: Result<String, String>) -> Input {
        Input {
            path,
            format,
            text,
            origin: Origin::default(),
            more: false,
        }
    }
}

/// One unit of work for a thread: a file to read and lint whole, or a piece
/// of a large file, already read.
pub enum Work {
    Read(PathBuf),
    Piece(Input),
}

/// The run's inputs, in order, as units of work: large plain-text files in
/// pieces (when `split`), everything else whole, read by whichever thread
/// takes it.
pub struct Plan<'a> {
    paths: std::vec::IntoIter<PathBuf>,
    pieces: Option<Pieces>,
    split: bool,
    /// The largest input read; larger ones are reported as unreadable.
    max_bytes: u64,
    stdin_name: Option<&'a str>,
    format: Option<InputFormat>,
    config: &'a Config,
}

impl<'a> Plan<'a> {
    pub fn new(
        paths: Vec<PathBuf>,
        split: bool,
        max_bytes: u64,
        stdin_name: Option<&'a str>,
        format: Option<InputFormat>,
        config: &'a Config,
    ) -> Self {
        Plan {
            paths: paths.into_iter(),
            pieces: None,
            split,
            max_bytes,
            stdin_name,
            format,
            config,
        }
    }

    /// Read one path whole.
    pub fn read(&self, path: &Path) -> Input {
        read(
            path,
            self.stdin_name,
            self.format,
            self.config,
            self.max_bytes,
        )
    }
}

impl Iterator for Plan<'_> {
    type Item = Work;

    fn next(&mut self) -> Option<Work> {
        if let Some(piece) = self.pieces.as_mut().and_then(Iterator::next) {
            return Some(Work::Piece(piece));
        }
        self.pieces = None;
        let path = self.paths.next()?;
        let large = self.split
            && path != Path::new("-")
            && std::fs::metadata(&path)
                .is_ok_and(|m| m.is_file() && m.len() > SPLIT_BYTES && m.len() <= self.max_bytes)
            && format_of(&path, self.format, self.config) == InputFormat::Text;
        if !large {
            return Some(Work::Read(path));
        }
        let shown = path.display().to_string();
        // Checked before the first piece goes out, so that a file with bad
        // bytes is an error with no findings, as when read whole.
        if let Err(e) = check_utf8(&path) {
            return Some(Work::Piece(Input::whole(shown, InputFormat::Text, Err(e))));
        }
        match File::open(&path) {
            Ok(file) => {
                self.pieces = Some(Pieces {
                    file,
                    path: shown,
                    carry: Vec::new(),
                    origin: Origin::default(),
                    done: false,
                });
                self.next()
            }
            Err(e) => {
                let e = format!("cannot read {shown}: {}", io_reason(&e));
                Some(Work::Piece(Input::whole(shown, InputFormat::Text, Err(e))))
            }
        }
    }
}

/// A plain-text file read a piece at a time, each ending at a line break.
struct Pieces {
    file: File,
    path: String,
    /// Bytes read past the end of the last piece.
    carry: Vec<u8>,
    origin: Origin,
    done: bool,
}

impl Iterator for Pieces {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        if self.done {
            return None;
        }
        // Read straight into spare capacity: growing and zero-filling the
        // buffer showed in a long run's profile.
        let mut bytes = Vec::with_capacity(self.carry.len() + PIECE_BYTES);
        bytes.append(&mut self.carry);
        let mut eof = false;
        // At least a piece's worth, then on to a line break.
        while !eof && (bytes.len() < PIECE_BYTES || !bytes.contains(&b'\n')) {
            match (&mut self.file)
                .take(PIECE_BYTES as u64)
                .read_to_end(&mut bytes)
            {
                Ok(n) => eof = n < PIECE_BYTES,
                Err(e) => {
                    self.done = true;
                    let e = format!("cannot read {}: {}", self.path, io_reason(&e));
                    return Some(Input::whole(self.path.clone(), InputFormat::Text, Err(e)));
                }
            }
        }
        if !eof {
            let cut = memchr::memrchr(b'\n', &bytes).map_or(bytes.len(), |i| i + 1);
            self.carry = bytes.split_off(cut);
        }
        self.done = eof;
        let origin = self.origin;
        self.origin.offset += bytes.len();
        // Checked whole before; this fails only if the file changed since.
        let text = String::from_utf8(bytes).map_err(|e| {
            let at = origin.offset + e.utf8_error().valid_up_to();
            format!(
                "cannot lint {}: the file changed while read (invalid UTF-8 at byte {at})",
                self.path
            )
        });
        match &text {
            Ok(text) => self.origin.lines += tact::LineIndex::count_breaks(text),
            Err(_) => self.done = true,
        }
        Some(Input {
            path: self.path.clone(),
            format: InputFormat::Text,
            text,
            origin,
            more: !self.done,
        })
    }
}

/// How much of a file the UTF-8 check reads at a time: small enough to stay
/// in cache, as the bytes are only looked at.
const CHECK_BYTES: usize = 64 << 10;

/// Whether a file is UTF-8 throughout, read in pieces; the error names the
/// first bad byte, as reading it whole would.
fn check_utf8(path: &Path) -> Result<(), String> {
    let shown = path.display();
    let io = |e: std::io::Error| format!("cannot read {shown}: {}", io_reason(&e));
    let mut file = File::open(path).map_err(io)?;
    let mut buf = vec![0u8; CHECK_BYTES];
    // Bytes of an unfinished char carried over, and the offset of `buf[0]`.
    let mut pending = 0;
    let mut offset = 0;
    loop {
        let n = file.read(&mut buf[pending..]).map_err(io)?;
        let filled = pending + n;
        let (valid, bad) = match std::str::from_utf8(&buf[..filled]) {
            Ok(_) => (filled, false),
            Err(e) => (e.valid_up_to(), e.error_len().is_some() || n == 0),
        };
        if bad {
            return Err(format!(
                "cannot lint {shown}: invalid UTF-8 at byte {} (tact reads UTF-8 text only)",
                offset + valid
            ));
        }
        if n == 0 {
            return Ok(());
        }
        buf.copy_within(valid..filled, 0);
        pending = filled - valid;
        offset += valid;
    }
}

/// Read one path, at most `max_bytes` of it; `-` reads standard input,
/// shown as `stdin_name` when given. The format is `format` when given, else
/// the config's `[formats]` entry, else the extension's, else plain text. An
/// error is kept in the input, so the other files are still linted.
pub fn read(
    path: &Path,
    stdin_name: Option<&str>,
    format: Option<InputFormat>,
    config: &Config,
    max_bytes: u64,
) -> Input {
    let mut input = read_one(path, max_bytes);
    let named = match stdin_name {
        Some(name) if path == Path::new("-") => {
            input.path = name.to_string();
            Path::new(name)
        }
        _ => path,
    };
    input.format = format_of(named, format, config);
    input
}

/// `format` when given, else the config's `[formats]` entry, else the
/// extension's, else plain text.
fn format_of(path: &Path, format: Option<InputFormat>, config: &Config) -> InputFormat {
    format
        .or_else(|| config.format_of(path))
        .or_else(|| InputFormat::of(path))
        .unwrap_or(InputFormat::Text)
}

fn read_one(path: &Path, max_bytes: u64) -> Input {
    if path == Path::new("-") {
        let text = bounded::stream(std::io::stdin().lock(), max_bytes)
            .map_err(|e| format!("cannot read standard input: {e}"))
            .and_then(|bytes| {
                decode(bytes).map_err(|e| format!("cannot lint standard input: {e}"))
            });
        return Input::whole("<stdin>".into(), InputFormat::Text, text);
    }
    let shown = path.display().to_string();
    let text = bounded::read(path, max_bytes)
        .map_err(|e| format!("cannot read {shown}: {e}"))
        .and_then(|bytes| decode(bytes).map_err(|e| format!("cannot lint {shown}: {e}")));
    Input::whole(shown, InputFormat::Text, text)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A file holding `bytes`, removed when dropped.
    fn temp(bytes: &[u8]) -> tempfile::TempPath {
        let path = tempfile::NamedTempFile::new().unwrap().into_temp_path();
        std::fs::write(&path, bytes).unwrap();
        path
    }

    #[test]
    fn utf8_is_checked_across_read_boundaries() {
        // A four-byte char across the first read's end, then a bad byte.
        let mut bytes = vec![b'a'; CHECK_BYTES - 2];
        bytes.extend("😀 ok".as_bytes());
        let good = temp(&bytes);
        assert_eq!(check_utf8(&good), Ok(()));
        bytes.push(0xff);
        let bad = temp(&bytes);
        let err = check_utf8(&bad).unwrap_err();
        assert!(
            err.contains(&format!("invalid UTF-8 at byte {}", bytes.len() - 1)),
            "{err}"
        );
        // A file that ends inside a char.
        let cut = temp(&bytes[..CHECK_BYTES]);
        let err = check_utf8(&cut).unwrap_err();
        assert!(
            err.contains(&format!("at byte {}", CHECK_BYTES - 2)),
            "{err}"
        );
    }

    #[test]
    fn pieces_end_at_line_breaks_and_count_lines_like_the_line_index() {
        let line = "é\r\nx\ry\n";
        let text = line.repeat(3 * PIECE_BYTES / line.len());
        let path = temp(text.as_bytes());
        let pieces: Vec<Input> = Pieces {
            file: File::open(&path).unwrap(),
            path: "p".into(),
            carry: Vec::new(),
            origin: Origin::default(),
            done: false,
        }
        .collect();
        assert!(pieces.len() >= 3);
        let mut joined = String::new();
        for (i, piece) in pieces.iter().enumerate() {
            let piece_text = piece.text.as_ref().unwrap();
            assert_eq!(piece.origin.offset, joined.len());
            let index = tact::LineIndex::new(&joined);
            let lines_before = index.positions(&joined, &[joined.len()])[0].line - 1;
            assert_eq!(piece.origin.lines, lines_before);
            assert_eq!(piece.more, i + 1 < pieces.len());
            assert!(!piece.more || piece_text.ends_with('\n'));
            joined.push_str(piece_text);
        }
        assert_eq!(joined, text);
    }
}
