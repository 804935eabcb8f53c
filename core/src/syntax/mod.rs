//! The syntax layer: the three notations messages arrive in — JSON (a
//! pull reader and a walker), `application/x-www-form-urlencoded` forms
//! and queries, and the TOML subset of santral's own files. Knows bytes
//! and spans, not what the values mean.

#[cfg(feature = "form")]
pub mod form;
#[cfg(feature = "json")]
pub mod json;
#[cfg(feature = "toml")]
pub mod toml;
