//! The syntax layer: the three notations messages arrive in — JSON (a
//! pull reader and a walker), `application/x-www-form-urlencoded` forms
//! and queries, and the TOML subset of santral's own files — and the
//! texts they share: decimal numbers, booleans. Knows bytes
//! and spans, not what the values mean.

pub mod decimal;
#[cfg(feature = "form")]
pub mod form;
#[cfg(feature = "json")]
pub mod json;
#[cfg(feature = "toml")]
pub mod toml;

use crate::diag::{Code, Error, Span};

/// Parses the text of a bool-ish value: `true`, `t`, `false`, `f` (the
/// vendor sends `recording_enabled` as `"true"` or `"t"`).
pub fn parse_boolish(s: &str) -> Result<bool, Error> {
    match s {
        "true" | "t" => Ok(true),
        "false" | "f" => Ok(false),
        _ => Err(Error::new(Code::BoolInvalid, Span::new(0, s.len()))),
    }
}
