//! Who may call a webhook receiver: the vendor's addresses or an
//! allow-list, behind trusted proxies (`santral::net`).

use std::ffi::c_char;

use santral_core::net::{client_address, is_allowed, Cidr, VENDOR_ADDRESSES};

use crate::santral_result::{self, *};
use crate::{located, santral_error};

/// The blocks of a comma-separated list (`194.49.126.0/24, ::1`); the
/// first that does not parse is reported at its place in the list.
fn blocks(list: &str, path: &'static str) -> Result<Vec<Cidr>, santral_core::Diagnostic> {
    let mut out = Vec::new();
    let mut start = 0;
    for piece in list.split(',') {
        let trimmed = piece.trim_start();
        let lead = piece.len() - trimmed.len();
        let text = trimmed.trim_end();
        if !text.is_empty() {
            match Cidr::parse(text) {
                Ok(c) => out.push(c),
                Err(mut e) => {
                    e.span = e.span.offset(start + lead);
                    return Err(located(e, list, path));
                }
            }
        }
        start += piece.len() + 1;
    }
    Ok(out)
}

/// Whether a request to a webhook receiver may be served: the client
/// behind `peer` (the connection's address; `x_forwarded_for` counts only
/// when `peer` is one of `trusted_proxies`) is inside `allow`.
///
/// `allow` and `trusted_proxies` are comma-separated addresses or blocks
/// (`194.49.126.0/24, 127.0.0.1`); `allow` NULL means the vendor's own
/// addresses (`santral::net::VENDOR_ADDRESSES`), `x_forwarded_for` and
/// `trusted_proxies` NULL mean none. A peer that is not an address is not
/// allowed. A block that does not parse is `SANTRAL_INVALID_OPTION`, its
/// diagnostic (path `allow` or `trusted_proxies`) in `error`.
#[no_mangle]
pub unsafe extern "C" fn santral_client_allowed(
    peer: *const c_char,
    x_forwarded_for: *const c_char,
    allow: *const c_char,
    trusted_proxies: *const c_char,
    allowed: *mut bool,
    error: *mut santral_error,
) -> santral_result {
    ffi_boundary! {
        let peer = try_cstr!(peer);
        // The header's bytes as received: undecodable ones are no address
        // (refused), not an error.
        let forwarded = if x_forwarded_for.is_null() {
            None
        } else {
            // SAFETY: the caller promises a NUL-terminated string.
            Some(unsafe { std::ffi::CStr::from_ptr(x_forwarded_for) }.to_bytes())
        };
        let allow_list = try_cstr_opt!(allow);
        let proxies_list = try_cstr_opt!(trusted_proxies);
        let out = try_mut!(allowed);
        let allow = match allow_list {
            None => VENDOR_ADDRESSES.to_vec(),
            Some(list) => match blocks(list, "allow") {
                Ok(b) => b,
                Err(d) => {
                    set_error!(error, d);
                    return SANTRAL_INVALID_OPTION;
                }
            },
        };
        let proxies = match proxies_list.map(|l| blocks(l, "trusted_proxies")) {
            None => Vec::new(),
            Some(Ok(b)) => b,
            Some(Err(d)) => {
                set_error!(error, d);
                return SANTRAL_INVALID_OPTION;
            }
        };
        *out = match peer.trim().parse() {
            Ok(ip) => client_address(ip, forwarded, &proxies).is_some_and(|c| is_allowed(&allow, c)),
            Err(_) => false,
        };
        SANTRAL_OK
    }
}
