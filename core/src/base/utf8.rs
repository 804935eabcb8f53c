//! A streaming UTF-8 validator shared by the form and JSON readers.

use crate::diag::{Code, Error, Span};

/// A streaming UTF-8 validator (rejects overlongs, surrogates, > U+10FFFF).
pub(crate) struct Utf8 {
    /// The code reported for invalid UTF-8.
    code: Code,
    /// Continuation bytes still expected.
    pending: u8,
    /// Allowed range of the next continuation byte.
    low: u8,
    high: u8,
    /// Offset of the sequence's first byte.
    lead_at: usize,
}

impl Utf8 {
    pub(crate) fn new(code: Code) -> Utf8 {
        Utf8 {
            code,
            pending: 0,
            low: 0x80,
            high: 0xBF,
            lead_at: 0,
        }
    }

    /// True between characters (no continuation byte expected).
    #[cfg(feature = "json")]
    pub(crate) fn is_idle(&self) -> bool {
        self.pending == 0
    }

    pub(crate) fn push(&mut self, b: u8, at: usize) -> Result<(), Error> {
        let code = self.code;
        let bad = |from: usize| Error::new(code, Span::new(from, at + 1));
        if self.pending > 0 {
            if b < self.low || b > self.high {
                return Err(bad(self.lead_at));
            }
            self.pending -= 1;
            self.low = 0x80;
            self.high = 0xBF;
            return Ok(());
        }
        let (pending, low, high) = match b {
            0x00..=0x7F => return Ok(()),
            0xC2..=0xDF => (1, 0x80, 0xBF),
            0xE0 => (2, 0xA0, 0xBF),
            0xED => (2, 0x80, 0x9F),
            0xE1..=0xEF => (2, 0x80, 0xBF),
            0xF0 => (3, 0x90, 0xBF),
            0xF4 => (3, 0x80, 0x8F),
            0xF1..=0xF3 => (3, 0x80, 0xBF),
            _ => return Err(bad(at)),
        };
        *self = Utf8 {
            code: self.code,
            pending,
            low,
            high,
            lead_at: at,
        };
        Ok(())
    }

    #[cfg(feature = "form")]
    pub(crate) fn finish(&self, at: usize) -> Result<(), Error> {
        if self.pending > 0 {
            Err(Error::new(self.code, Span::new(self.lead_at, at)))
        } else {
            Ok(())
        }
    }
}
