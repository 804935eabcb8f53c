//! The values layer: one checked value each — phone numbers, call
//! targets, TTS phrases, dates and times, the lexical values
//! (ids, extensions, languages, keys, URLs) and address blocks. Each
//! parses from text with its diagnostics and writes itself back.

pub mod lexical;
pub mod net;
#[cfg(feature = "phone")]
pub mod phone;
#[cfg(feature = "phrase")]
pub mod phrase;
#[cfg(feature = "target")]
pub mod target;
#[cfg(feature = "time")]
pub mod time;
