//! Reading a file with a size limit, and only a file that ends: a device
//! (`/dev/zero`), a socket or a folder is refused by name before a byte is
//! read. A pipe or FIFO the user named, and standard input, are read, up to
//! the limit; one whose first bytes hold a NUL is refused as binary, which
//! stops a stream of zeros at once. Packs and configs are read whole, as
//! UTF-8, under a smaller limit of their own.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use miette::Report;

/// How much of a stream is looked at for a NUL byte, as git and ripgrep
/// decide whether a file is binary.
const HEAD: usize = 8 << 10;

/// Why a file was not read, said so that it follows "cannot read PATH: ".
#[derive(Debug)]
pub enum Refused {
    Io(io::Error),
    NotAFile(&'static str),
    TooLarge(u64),
    Binary,
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refused::Io(e) => f.write_str(&io_reason(e)),
            Refused::NotAFile(kind) => write!(f, "not a regular file (a {kind})"),
            Refused::TooLarge(limit) => write!(f, "larger than the limit of {}", size(*limit)),
            Refused::Binary => f.write_str("a NUL byte in its first 8 KiB: not text"),
        }
    }
}

/// `bytes` in the largest binary unit that holds it whole.
pub fn size(bytes: u64) -> String {
    for (shift, unit) in [(30, "GiB"), (20, "MiB"), (10, "KiB")] {
        if bytes >= 1 << shift && bytes.is_multiple_of(1 << shift) {
            return format!("{} {unit}", bytes >> shift);
        }
    }
    format!("{bytes} bytes")
}

pub fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::IsADirectory => "is a directory".into(),
        _ => e.to_string(),
    }
}

/// The whole of a regular file or a FIFO, at most `limit` bytes.
pub fn read(path: &Path, limit: u64) -> Result<Vec<u8>, Refused> {
    let file = File::open(path).map_err(Refused::Io)?;
    let meta = file.metadata().map_err(Refused::Io)?;
    if meta.is_file() {
        if meta.len() > limit {
            return Err(Refused::TooLarge(limit));
        }
        let mut bytes = Vec::with_capacity(meta.len() as usize);
        // A file that grows while read is cut at the limit, not read on.
        file.take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(Refused::Io)?;
        if bytes.len() as u64 > limit {
            return Err(Refused::TooLarge(limit));
        }
        return Ok(bytes);
    }
    if let Some(kind) = not_a_file(&meta.file_type()) {
        return Err(Refused::NotAFile(kind));
    }
    stream(file, limit)
}

/// The largest pack or config file read: the built-in packs together are a
/// small fraction of it.
pub const MAX_PACK_BYTES: u64 = 4 << 20;

/// Read a pack or config file (`what`), which must be UTF-8 and at most
/// [`MAX_PACK_BYTES`].
pub fn read_utf8(path: &Path, what: &str) -> Result<String, Report> {
    let shown = path.display();
    let bytes = read(path, MAX_PACK_BYTES)
        .map_err(|e| miette::miette!("cannot read {what} {shown}: {e}"))?;
    String::from_utf8(bytes).map_err(|e| {
        miette::miette!(
            "cannot read {what} {shown}: invalid UTF-8 at byte {}",
            e.utf8_error().valid_up_to()
        )
    })
}

/// A stream (standard input, a pipe) read to its end, at most `limit`
/// bytes, refused early if its head holds a NUL byte.
pub fn stream(mut input: impl Read, limit: u64) -> Result<Vec<u8>, Refused> {
    let mut bytes = Vec::new();
    (&mut input)
        .take(HEAD as u64)
        .read_to_end(&mut bytes)
        .map_err(Refused::Io)?;
    if bytes.contains(&0) {
        return Err(Refused::Binary);
    }
    input
        .take((limit + 1).saturating_sub(bytes.len() as u64))
        .read_to_end(&mut bytes)
        .map_err(Refused::Io)?;
    if bytes.len() as u64 > limit {
        return Err(Refused::TooLarge(limit));
    }
    Ok(bytes)
}

/// What a file that is neither a regular file nor a FIFO is, for the error;
/// `None` for a FIFO (or a pipe), which is read.
fn not_a_file(t: &std::fs::FileType) -> Option<&'static str> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return None;
        }
        if t.is_char_device() {
            return Some("character device");
        }
        if t.is_block_device() {
            return Some("block device");
        }
        if t.is_socket() {
            return Some("socket");
        }
    }
    if t.is_dir() {
        return Some("folder");
    }
    Some("special file")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn devices_are_refused_before_reading() {
        let e = read(Path::new("/dev/zero"), 1 << 30).unwrap_err();
        assert_eq!(e.to_string(), "not a regular file (a character device)");
        let dir = tempfile::tempdir().unwrap();
        assert!(read(dir.path(), 10).is_err());
    }

    #[test]
    fn files_and_streams_past_the_limit_are_refused() {
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), "twelve bytes").unwrap();
        assert_eq!(read(file.path(), 12).unwrap(), b"twelve bytes");
        let e = read(file.path(), 11).unwrap_err();
        assert_eq!(e.to_string(), "larger than the limit of 11 bytes");
        assert_eq!(stream(&b"twelve bytes"[..], 12).unwrap(), b"twelve bytes");
        assert!(matches!(
            stream(&b"twelve bytes"[..], 11),
            Err(Refused::TooLarge(11))
        ));
        let long = vec![b'a'; 3 * HEAD];
        assert!(matches!(
            stream(&long[..], 2 * HEAD as u64),
            Err(Refused::TooLarge(_))
        ));
    }

    #[test]
    fn a_stream_of_zeros_is_refused_at_once() {
        assert!(matches!(
            stream(io::repeat(0), u64::MAX - 1),
            Err(Refused::Binary)
        ));
    }

    #[test]
    fn sizes_read_in_their_unit() {
        assert_eq!(size(1 << 30), "1 GiB");
        assert_eq!(size(4 << 20), "4 MiB");
        assert_eq!(size(1000), "1000 bytes");
    }
}
