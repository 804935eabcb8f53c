//! The services' own layer: what santral's gateway and simulator decide
//! for themselves — the gateway's configuration file, its delivery
//! decisions (windows, circuits, retries), the simulator's routing file.

#[cfg(feature = "gateway")]
pub mod delivery;
#[cfg(feature = "gateway")]
pub mod gateway;
#[cfg(feature = "routing")]
pub mod routing;
