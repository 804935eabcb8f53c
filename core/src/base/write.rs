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

    /// The written bytes (UTF-8, as everything written is text), or
    /// [`BufferTooSmall`] when they did not fit: [`finish`](Self::finish)
    /// without checking the text again.
    pub fn finish_bytes(self) -> Result<&'a [u8], BufferTooSmall> {
        let needed = self.len;
        self.buf.get(..needed).ok_or(BufferTooSmall { needed })
    }
}

impl fmt::Write for SliceWriter<'_> {
    // Inlined where the writer is known (`Transfer::write_to`), so a short
    // literal piece becomes a few stores.
    #[inline]
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
    written(buf, value).finish()
}

/// A writer over `buf` that `value` has been written to.
fn written<T: fmt::Display>(buf: &mut [u8], value: T) -> SliceWriter<'_> {
    let mut w = SliceWriter::new(buf);
    // SliceWriter never fails; a Display impl that fails leaves what it wrote.
    let _ = fmt::write(&mut w, format_args!("{value}"));
    w
}

/// Writes `value` into `buf`; returns the written bytes or the size
/// needed. What a face sends on the wire (an advisory answer, a request
/// body) as bytes: [`write_into`] without checking the text again.
///
/// ```
/// let mut buf = [0u8; 16];
/// assert_eq!(santral::write::write_bytes_into(&mut buf, format_args!("{}", 12345)), Ok(&b"12345"[..]));
/// ```
pub fn write_bytes_into<T: fmt::Display>(
    buf: &mut [u8],
    value: T,
) -> Result<&[u8], BufferTooSmall> {
    written(buf, value).finish_bytes()
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

/// True for the bytes a JSON string escapes: `"`, `\\` and the control
/// characters (the one rule the writers and [`JsonStr::plain`](crate::json::JsonStr::plain) share).
pub(crate) const fn needs_escape(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// [`needs_escape`] as a table: one load a byte on the writers' hot path.
// Indexing in a constant: an index out of bounds would fail the build.
#[allow(clippy::indexing_slicing)]
static NEEDS_ESCAPE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = needs_escape(b as u8);
        b += 1;
    }
    t
};

/// Writes `s` escaped as the inside of a JSON string (no quotes).
pub fn write_string_content<W: fmt::Write + ?Sized>(w: &mut W, s: &str) -> fmt::Result {
    // Every character that needs an escape is ASCII, so the text is cut
    // only at character boundaries: a byte scan is enough.
    let mut last = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        // One load a byte: most text has nothing to escape.
        if !NEEDS_ESCAPE.get(usize::from(b)).copied().unwrap_or(true) {
            continue;
        }
        let esc = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            _ => "",
        };
        w.write_str(s.get(last..i).unwrap_or(""))?;
        if esc.is_empty() {
            write!(w, "\\u{:04x}", b)?;
        } else {
            w.write_str(esc)?;
        }
        last = i + 1;
    }
    w.write_str(s.get(last..).unwrap_or(""))
}

/// `n` in decimal, written at the end of `buf` without the formatting
/// machinery (ids, counts and country codes in every message the core
/// builds); a `buf` too short for `n` keeps its low digits.
pub(crate) fn decimal<const N: usize>(mut n: u64, buf: &mut [u8; N]) -> &str {
    let mut at = buf.len();
    while at > 0 {
        at -= 1;
        if let Some(slot) = buf.get_mut(at) {
            // n % 10 < 10: the cast keeps it.
            *slot = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.get(at..)
        .and_then(|d| core::str::from_utf8(d).ok())
        .unwrap_or("")
}

/// Writes `n` in decimal (see [`decimal`]).
pub(crate) fn write_decimal<W: fmt::Write + ?Sized>(w: &mut W, n: u64) -> fmt::Result {
    w.write_str(decimal(n, &mut [0u8; 20]))
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
#[cfg(any(feature = "event", feature = "report", feature = "advisory"))]
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::string::String;

    #[test]
    fn decimals_match_the_formatting_machinery() {
        for n in [
            0,
            1,
            9,
            10,
            99,
            100,
            12_345,
            1 << 32,
            u64::MAX - 1,
            u64::MAX,
        ] {
            let mut s = String::new();
            write_decimal(&mut s, n).unwrap();
            assert_eq!(s, std::format!("{n}"));
        }
    }

    #[test]
    fn string_content_escapes_every_control_character_and_nothing_else() {
        // Fewer under Miri, which runs this 10,000 times slower.
        let last = if cfg!(miri) { 0x80 } else { 0x250 };
        for c in (0u32..last)
            .filter_map(char::from_u32)
            .chain(['ş', '€', '😀'])
        {
            let text: String = ['a', c, 'b'].iter().collect();
            let mut s = String::new();
            write_string_content(&mut s, &text).unwrap();
            let inner = match c {
                '"' => String::from("\\\""),
                '\\' => String::from("\\\\"),
                '\n' => String::from("\\n"),
                '\r' => String::from("\\r"),
                '\t' => String::from("\\t"),
                c if (c as u32) < 0x20 => std::format!("\\u{:04x}", c as u32),
                c => String::from(c),
            };
            assert_eq!(s, std::format!("a{inner}b"));
            // And it reads back as the same text.
            let json = std::format!("\"{s}\"");
            assert_eq!(serde_json::from_str::<String>(&json).unwrap(), text);
        }
    }
}
