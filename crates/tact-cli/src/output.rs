//! Messages to standard error, for every command and the server.

use std::io::Write;

/// A line to standard error; one that cannot be written is dropped, since
/// there is nowhere left to say so.
pub fn eprintln_safe(s: &str) {
    let _ = writeln!(std::io::stderr(), "{s}");
}
