//! Tuning glibc's allocator for a run that allocates and frees the same
//! few megabytes for every piece of a long file.
//!
//! By default glibc serves a block over 128 KiB (rising to the largest one
//! freed so far) straight from the kernel and hands it back when it is
//! freed, and it returns free memory at the top of its heap once more than
//! twice that lies there. A piece's text, its folded copy, its sentence and
//! match lists and its laid-out JSON are each about a megabyte, so every
//! piece would fault in fresh pages. With the thresholds raised, freed blocks
//! are kept and reused. Peak memory is unchanged (the blocks in use at once
//! are the same); at most [`TRIM`] of free memory stays with the process
//! between files.

/// Blocks at least this large still come straight from the kernel: a
/// whole large JSON or CSV file, read at once, is not kept after it is freed.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MMAP: libc::c_int = 8 << 20;

/// Free memory at the top of the heap past this goes back to the kernel.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const TRIM: libc::c_int = 16 << 20;

/// Raise glibc's thresholds; on other C libraries, nothing to do. Call it
/// before any thread starts, and only for `check`: a server must hand the
/// memory of a large request back once it is answered.
#[allow(unsafe_code)]
pub fn keep_freed_blocks() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `mallopt` only sets two of the allocator's parameters; it
    // runs before any other thread exists, and a refused value (a return
    // of 0) leaves glibc's defaults, which are correct, only slower.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP);
        libc::mallopt(libc::M_TRIM_THRESHOLD, TRIM);
    }
}

/// Hand free memory back to the kernel, from every thread's arena: after a
/// large request, so that a server's memory returns to what it was.
#[allow(unsafe_code)]
pub fn release_freed() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: `malloc_trim` only returns free pages; it takes the arenas'
    // locks itself and is safe to call from any thread at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}
