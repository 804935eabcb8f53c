//! santral's HTTP services, shared by the `santral` command. Every path,
//! field, text and rule comes from the core (`santral-core`): these
//! services hold state and move bytes.
//!
//! - [`simulator`]: `santral simulate`, a local Bulut Santralim that speaks
//!   the vendor's API and sends the webhooks the PBX would.
//! - [`client`]: the vendor's API over reqwest (what `santral api` runs).
//! - [`gateway`]: `santral serve`, which receives the PBX's events, keeps
//!   every one, and delivers them to Logo CRM and other sinks.

pub mod client;
pub mod gateway;
pub mod listen;
pub mod log;
pub mod simulator;

pub use log::Log;
pub use simulator::{Config, Simulator};
