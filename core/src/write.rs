//! Writing into caller buffers without truncation.
//!
//! Every builder and formatter in santral writes through
//! [`core::fmt::Write`]; [`write_into`] adapts any `Display` value to a
//! caller's `&mut [u8]` and reports the exact size needed when it does not
//! fit, instead of truncating.
//!
//! ```
//! use santral::write::{write_into, BufferTooSmall};
//!
//! let mut buf = [0u8; 4];
//! assert_eq!(write_into(&mut buf, format_args!("{}", 12345)), Err(BufferTooSmall { needed: 5 }));
//! let mut buf = [0u8; 8];
//! assert_eq!(write_into(&mut buf, format_args!("{}", 12345)), Ok("12345"));
//! ```

use core::fmt;

/// The caller's buffer cannot hold the output; `needed` bytes would.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BufferTooSmall {
    /// The exact number of bytes the whole output takes.
    pub needed: usize,
}

impl fmt::Display for BufferTooSmall {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "buffer too small: {} bytes needed", self.needed)
    }
}

/// A `fmt::Write` over a byte slice that keeps counting past the end, so
/// the caller learns the full size in one pass.
#[derive(Debug)]
pub struct SliceWriter<'a> {
    buf: &'a mut [u8],
    len: usize,
}

impl<'a> SliceWriter<'a> {
    /// A writer at the start of `buf`.
    pub fn new(buf: &'a mut [u8]) -> Self {
        SliceWriter { buf, len: 0 }
    }

    /// Bytes written so far, counting those that did not fit.
    pub fn needed(&self) -> usize {
        self.len
    }

    /// The written text, or [`BufferTooSmall`] when it did not fit.
    pub fn finish(self) -> Result<&'a str, BufferTooSmall> {
        let needed = self.len;
        match self.buf.get(..needed) {
            Some(bytes) => core::str::from_utf8(bytes).map_err(|_| BufferTooSmall { needed }),
            None => Err(BufferTooSmall { needed }),
        }
    }
}

impl fmt::Write for SliceWriter<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len.saturating_add(s.len());
        if let Some(dst) = self.buf.get_mut(self.len..end) {
            dst.copy_from_slice(s.as_bytes());
        }
        self.len = end;
        Ok(())
    }
}

/// Writes `value` into `buf`; returns the written text or the size needed.
pub fn write_into<T: fmt::Display>(buf: &mut [u8], value: T) -> Result<&str, BufferTooSmall> {
    let mut w = SliceWriter::new(buf);
    // SliceWriter never fails; a Display impl that fails leaves what it wrote.
    let _ = fmt::write(&mut w, format_args!("{value}"));
    w.finish()
}

/// Counts the bytes `value` displays as, without writing them.
pub fn display_len<T: fmt::Display + ?Sized>(value: &T) -> usize {
    struct Count(usize);
    impl fmt::Write for Count {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            self.0 = self.0.saturating_add(s.len());
            Ok(())
        }
    }
    let mut c = Count(0);
    let _ = fmt::write(&mut c, format_args!("{value}"));
    c.0
}

/// Writes `s` as a JSON string literal, quotes included.
pub fn write_string<W: fmt::Write + ?Sized>(w: &mut W, s: &str) -> fmt::Result {
    w.write_char('"')?;
    write_string_content(w, s)?;
    w.write_char('"')
}

/// Writes `s` escaped as the inside of a JSON string (no quotes).
pub fn write_string_content<W: fmt::Write + ?Sized>(w: &mut W, s: &str) -> fmt::Result {
    let mut last = 0;
    for (i, c) in s.char_indices() {
        let esc = match c {
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            '\n' => Some("\\n"),
            '\r' => Some("\\r"),
            '\t' => Some("\\t"),
            _ => None,
        };
        if esc.is_none() && (c as u32) >= 0x20 {
            continue;
        }
        w.write_str(s.get(last..i).unwrap_or(""))?;
        match esc {
            Some(e) => w.write_str(e)?,
            None => write!(w, "\\u{:04x}", c as u32)?,
        }
        last = i + c.len_utf8();
    }
    w.write_str(s.get(last..).unwrap_or(""))
}

/// A `Display` of a string as a JSON literal.
#[derive(Clone, Copy, Debug)]
pub struct Quoted<'a>(pub &'a str);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_string(f, self.0)
    }
}

/// A JSON value written by `write`, or `null`.
#[cfg(any(feature = "event", feature = "report"))]
pub(crate) fn opt_json<T>(
    f: &mut fmt::Formatter<'_>,
    v: Option<T>,
    write: impl FnOnce(&mut fmt::Formatter<'_>, T) -> fmt::Result,
) -> fmt::Result {
    match v {
        Some(v) => write(f, v),
        None => f.write_str("null"),
    }
}
