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

// The layers, each a folder (see the book's "Layout", `docs/src/architecture/layout.md`): base ← syntax ←
// values ← messages ← api, receiver, check; service beside them. Every
// module keeps its short public path (`santral::phone`, `santral::event`).
mod base;
mod messages;
mod service;
mod syntax;
mod values;

#[cfg(any(feature = "form", feature = "json"))]
use base::utf8;
pub use base::{diag, wire, write};

#[cfg(feature = "form")]
pub use syntax::form;
#[cfg(feature = "json")]
pub use syntax::json;
#[cfg(feature = "toml")]
pub use syntax::toml;

pub use syntax::decimal;
#[cfg(feature = "phone")]
pub use values::phone;
#[cfg(feature = "phrase")]
pub use values::phrase;
#[cfg(feature = "target")]
pub use values::target;
#[cfg(feature = "time")]
pub use values::time;
pub use values::{lexical, net};

#[cfg(feature = "advisory")]
pub use messages::advisory;
#[cfg(feature = "campaign")]
pub use messages::campaign;
#[cfg(feature = "cdr")]
pub use messages::cdr;
#[cfg(feature = "crm")]
pub use messages::crm;
#[cfg(feature = "event")]
pub use messages::event;
#[cfg(feature = "logo")]
pub use messages::logo;
#[cfg(feature = "opencart")]
pub use messages::opencart;
#[cfg(feature = "order_sync")]
pub use messages::order_sync;
#[cfg(feature = "originate")]
pub use messages::originate;
#[cfg(feature = "report")]
pub use messages::report;
#[cfg(feature = "response")]
pub use messages::response;

#[cfg(feature = "routing")]
pub use service::routing;
#[cfg(feature = "gateway")]
pub use service::{delivery, gateway};

#[cfg(feature = "api")]
pub mod api;
#[cfg(feature = "check")]
pub mod check;
#[cfg(feature = "receiver")]
pub mod receiver;
#[cfg(feature = "serde")]
pub mod serde_impls;

pub use diag::{Code, Diagnostic, Error, Path, Severity, Sink, Span};

/// The README's Rust examples, compiled and run as doctests (they use the
/// `serde` feature, which the workspace's test run enables).
#[cfg(all(doctest, feature = "serde"))]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;
