//! Who may call a webhook receiver: the vendor's addresses or an
//! allow-list, behind trusted proxies (`santral::net`).

use std::ffi::c_char;

use santral_core::net::{admit, Cidr, VENDOR_ADDRESSES};

use crate::santral_result::{self, *};
use crate::{located, santral_error};

/// The blocks of a comma-separated list (the core's `net::blocks`); the
/// first that does not parse is reported at its place in the list.
fn blocks(list: &str, path: &'static str) -> Result<Vec<Cidr>, santral_core::Diagnostic> {
    santral_core::net::blocks(list)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| located(e, list, path))
}

/// `allow` (NULL: the vendor's addresses) and `trusted_proxies` (NULL:
/// none), read; a list that does not parse is its diagnostic.
pub(crate) fn lists(
    allow: Option<&str>,
    trusted_proxies: Option<&str>,
) -> Result<(Vec<Cidr>, Vec<Cidr>), santral_core::Diagnostic> {
    let allow = match allow {
        None => VENDOR_ADDRESSES.to_vec(),
        Some(list) => blocks(list, "allow")?,
    };
    let proxies = match trusted_proxies {
        None => Vec::new(),
        Some(list) => blocks(list, "trusted_proxies")?,
    };
    Ok((allow, proxies))
}

/// The header's bytes as received: undecodable ones are no address
/// (refused), not an error.
///
/// # Safety
/// `p` is NULL or a NUL-terminated string.
unsafe fn header_bytes<'a>(p: *const c_char) -> Option<&'a [u8]> {
    // SAFETY: the caller's promise.
    (!p.is_null()).then(|| unsafe { std::ffi::CStr::from_ptr(p) }.to_bytes())
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
        // SAFETY: the contract: NULL or a NUL-terminated string.
        let forwarded = unsafe { header_bytes(x_forwarded_for) };
        let allow_list = try_cstr_opt!(allow);
        let proxies_list = try_cstr_opt!(trusted_proxies);
        let out = try_mut!(allowed);
        let (allow, proxies) = match lists(allow_list, proxies_list) {
            Ok(l) => l,
            Err(d) => {
                set_error!(error, d);
                return SANTRAL_INVALID_OPTION;
            }
        };
        *out = admit(peer, forwarded, &allow, &proxies).allowed;
        SANTRAL_OK
    }
}

/// The client behind `peer`, as `santral_client_allowed` finds it, written
/// into `buf` (`194.49.126.36`, `2001:db8::5`): the peer itself, or, when
/// the peer is one of `trusted_proxies`, the right-most address of
/// `x_forwarded_for` (every header line joined by `", "`) that is not a
/// trusted proxy. `SANTRAL_NOT_APPLICABLE` when the client cannot be
/// known (the peer is not an address, or a trusted proxy forwarded
/// something that is not one): refuse such a request.
#[no_mangle]
pub unsafe extern "C" fn santral_client_address(
    peer: *const c_char,
    x_forwarded_for: *const c_char,
    trusted_proxies: *const c_char,
    buf: *mut c_char,
    cap: usize,
    out_len: *mut usize,
    error: *mut santral_error,
) -> santral_result {
    ffi_boundary! {
        let peer = try_cstr!(peer);
        // SAFETY: the contract: NULL or a NUL-terminated string.
        let forwarded = unsafe { header_bytes(x_forwarded_for) };
        let proxies_list = try_cstr_opt!(trusted_proxies);
        let proxies = match lists(Some(""), proxies_list) {
            Ok((_, p)) => p,
            Err(d) => {
                set_error!(error, d);
                return SANTRAL_INVALID_OPTION;
            }
        };
        match admit(peer, forwarded, &[], &proxies).client {
            Some(client) => write_text!(&client.to_string(), buf, cap, out_len),
            None => SANTRAL_NOT_APPLICABLE,
        }
    }
}
