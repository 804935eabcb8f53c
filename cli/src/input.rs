//! Reading a payload: files are memory-mapped, so a 95 MB campaign is not
//! copied into memory (the OS pages in what the core reads); standard
//! input is read whole.

use std::fs::File;
use std::io::Read;

use memmap2::Mmap;

/// A payload's bytes.
pub enum Input {
    /// A mapped file.
    Mapped(Mmap),
    /// Bytes read from standard input (or an empty file, which cannot be mapped).
    Owned(Vec<u8>),
}

impl Input {
    pub fn bytes(&self) -> &[u8] {
        match self {
            Input::Mapped(m) => m,
            Input::Owned(v) => v,
        }
    }
}

/// Reads `path`, or standard input for `None`/`-`.
pub fn read(path: Option<&str>) -> Result<Input, String> {
    match path {
        None | Some("-") => {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| format!("standard input: {e}"))?;
            Ok(Input::Owned(buf))
        }
        Some(p) => {
            let file = File::open(p).map_err(|e| format!("{p}: {e}"))?;
            let len = file.metadata().map_err(|e| format!("{p}: {e}"))?.len();
            if len == 0 {
                return Ok(Input::Owned(Vec::new()));
            }
            map(&file)
                .map(Input::Mapped)
                .map_err(|e| format!("{p}: {e}"))
        }
    }
}

/// Maps a file read-only.
#[allow(unsafe_code)]
fn map(file: &File) -> std::io::Result<Mmap> {
    // SAFETY: the map is read-only and lives only while the command checks
    // it. The one hazard of file maps is another process truncating or
    // rewriting the file meanwhile; the payload files this tool checks are
    // not written while it runs, and a truncation ends the process with
    // SIGBUS rather than reading freed memory.
    unsafe { Mmap::map(file) }
}
