//! # santral
//!
//! Checked, typed values for the messages of Verimor's *Bulut Santralim*
//! cloud-PBX API and its integrations — and back.
//!
//! The core is `#![no_std]`, never allocates, never panics on any input and
//! forbids `unsafe`. Parsers borrow from their input; builders and
//! formatters write into a [`core::fmt::Write`] or a caller buffer
//! ([`write::BufferTooSmall`] reports the exact size needed). Every
//! rejection is a [`diag::Diagnostic`] with a stable [`diag::Code`].
//!
//! Modules, one concern each (Cargo features in brackets, all on by default):
//! - [`diag`]: codes, severities, spans, paths, sinks.
//! - [`wire`]: the macros that declare wire enums and message fields once.
//! - [`decimal`]: decimal numbers read without `core`'s float parser.
//! - [`lexical`]: ids, extensions, languages, API keys, URLs, e-mail, on/off.
//! - [`net`]: address blocks, the vendor's addresses, the client behind proxies.
//! - [`phone`] \[`phone`\]: phone numbers, the TR numbering plan, formats.
//! - [`target`] \[`target`\]: call targets (`queue/201`, `tts/tr-TR/…`).
//! - [`phrase`] \[`phrase`\]: TTS phrases (`#456 15/11/2017 #457 73.56 #458`).
//! - [`time`] \[`time`\]: dates, times, weekdays, timestamps, durations.
//! - [`form`] \[`form`\]: `application/x-www-form-urlencoded` bodies.
//! - [`receiver`] \[`receiver`\]: the answer to every webhook request
//!   (allow-list, routes, pings, bounds, one 400 shape), sans-IO.
//!
//! ```
//! use santral::phone::{Format, Phone};
//! use santral::target::{Target, TargetContext};
//!
//! let lead = Phone::parse("05321234567")?;
//! assert_eq!(lead.format(Format::E164)?.to_string(), "+905321234567");
//!
//! let t = Target::parse("queue/201", TargetContext::Campaign)?;
//! assert_eq!(t.to_string(), "queue/201");
//! # Ok::<(), santral::diag::Error>(())
//! ```
#![cfg_attr(not(test), no_std)]
#![forbid(unsafe_code)]
#![warn(missing_docs)]
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

pub mod wire;

#[cfg(feature = "serde")]
pub mod serde_impls;

#[cfg(feature = "advisory")]
pub mod advisory;
#[cfg(feature = "api")]
pub mod api;
#[cfg(feature = "cdr")]
pub mod cdr;
#[cfg(feature = "check")]
pub mod check;
#[cfg(feature = "crm")]
pub mod crm;
pub mod decimal;
pub mod diag;
#[cfg(feature = "json")]
pub mod json;
pub mod lexical;
pub mod net;
#[cfg(any(feature = "form", feature = "json"))]
mod utf8;
pub mod write;

#[cfg(feature = "campaign")]
pub mod campaign;
#[cfg(feature = "gateway")]
pub mod delivery;
#[cfg(feature = "event")]
pub mod event;
#[cfg(feature = "form")]
pub mod form;
#[cfg(feature = "gateway")]
pub mod gateway;
#[cfg(feature = "logo")]
pub mod logo;
#[cfg(feature = "opencart")]
pub mod opencart;
#[cfg(feature = "order_sync")]
pub mod order_sync;
#[cfg(feature = "originate")]
pub mod originate;
#[cfg(feature = "phone")]
pub mod phone;
#[cfg(feature = "phrase")]
pub mod phrase;
#[cfg(feature = "receiver")]
pub mod receiver;
#[cfg(feature = "report")]
pub mod report;
#[cfg(feature = "response")]
pub mod response;
#[cfg(feature = "routing")]
pub mod routing;
#[cfg(feature = "target")]
pub mod target;
#[cfg(feature = "time")]
pub mod time;
#[cfg(feature = "toml")]
pub mod toml;

pub use diag::{Code, Diagnostic, Error, Path, Severity, Sink, Span};

/// The README's Rust examples, compiled and run as doctests (they use the
/// `serde` feature, which the workspace's test run enables).
#[cfg(all(doctest, feature = "serde"))]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
