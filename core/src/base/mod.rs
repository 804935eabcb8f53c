//! The base layer: what every other layer stands on — diagnostics and the
//! codes table, the macros that declare wire enums and message fields,
//! the writers. Depends on nothing else in the crate.

pub mod diag;
#[cfg(any(feature = "form", feature = "json"))]
pub(crate) mod utf8;
pub mod wire;
pub mod write;
