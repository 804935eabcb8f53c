//! The messages layer: one module per message family of the PBX and its
//! integrations, each reading its wire form into one typed value (with
//! every diagnostic) and writing it back — campaigns, call events and
//! campaign reports, Santral Programlama, call records, CRM settings, the
//! Logo CRM bridge, originate, OpenCart, the order-sync settings and the
//! transport replies.

#[cfg(feature = "advisory")]
pub mod advisory;
#[cfg(feature = "campaign")]
pub mod campaign;
#[cfg(feature = "cdr")]
pub mod cdr;
#[cfg(feature = "crm")]
pub mod crm;
#[cfg(feature = "event")]
pub mod event;
#[cfg(feature = "logo")]
pub mod logo;
#[cfg(feature = "opencart")]
pub mod opencart;
#[cfg(feature = "order_sync")]
pub mod order_sync;
#[cfg(feature = "originate")]
pub mod originate;
#[cfg(feature = "report")]
pub mod report;
#[cfg(feature = "response")]
pub mod response;
