//! Phone numbers: parse, format, match.

use std::ffi::c_char;

use santral_core::diag::Diagnostic;
use santral_core::phone::{Format, Options as PhoneOptions, Phone};

use crate::santral_result::{self, *};
use crate::{fixed_text, located, santral_error};

/// Flags of 0: the core's default (`phone::Options::DEFAULT`, the same in
/// every face): strict (digits and a leading `+`), extensions accepted.
pub const SANTRAL_PHONE_DEFAULT: u32 = 0;
/// Flag: lenient parsing (ignore spaces, `-`, `.`, `(`, `)`, `/`).
pub const SANTRAL_PHONE_LENIENT: u32 = 1;
/// Flag: refuse internal extensions (2–8 digits).
pub const SANTRAL_PHONE_NO_EXTENSION: u32 = 4;
/// Flag: read any 2–8 digit string as an extension first (as the core
/// reads `connected_user`: `04000000` is an extension).
pub const SANTRAL_PHONE_EXTENSION_FIRST: u32 = 8;

/// `+905321234567`.
pub const SANTRAL_FORMAT_E164: u32 = 0;
/// `905321234567` (foreign: `00…`).
pub const SANTRAL_FORMAT_WIRE: u32 = 1;
/// `05321234567`.
pub const SANTRAL_FORMAT_NATIONAL: u32 = 2;
/// `00905321234567`.
pub const SANTRAL_FORMAT_INTERNATIONAL: u32 = 3;
/// `0532 123 45 67`.
pub const SANTRAL_FORMAT_DISPLAY: u32 = 4;
/// `+90 532 123 45 67`.
pub const SANTRAL_FORMAT_DISPLAY_INTERNATIONAL: u32 = 5;
/// The number's own region's national format: `030 27590915` for Berlin
/// (a Turkish number as `SANTRAL_FORMAT_DISPLAY`).
pub const SANTRAL_FORMAT_DISPLAY_IN_REGION: u32 = 6;

/// A parsed phone number.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct santral_phone_info {
    /// Country calling code; 0 for an extension.
    pub country_code: u16,
    /// The region (`"TR"`, `"DE"`, `"001"` for non-geographic codes),
    /// NUL-terminated; empty when none is determined.
    pub region: [c_char; 4],
    /// The kind's name (`"mobile"`, `"fixed_line"`, …, `"extension"`), static.
    pub kind: *const c_char,
    /// libphonenumber would call it valid (or it is an extension).
    pub valid: bool,
    /// A warning code number (`phone.unassigned`), or 0.
    pub warning: u32,
    /// The national significant number (or the extension), NUL-terminated.
    pub national_number: [c_char; 18],
    /// The key to store and look the number up by, NUL-terminated.
    pub match_key: [c_char; 22],
}

/// The core options a flags word asks for (0: the core's default).
pub(crate) fn phone_options(flags: u32) -> PhoneOptions {
    let d = PhoneOptions::DEFAULT;
    PhoneOptions {
        lenient: d.lenient || flags & SANTRAL_PHONE_LENIENT != 0,
        allow_extension: d.allow_extension && flags & SANTRAL_PHONE_NO_EXTENSION == 0,
        extension_first: d.extension_first || flags & SANTRAL_PHONE_EXTENSION_FIRST != 0,
        region: None,
    }
}

/// The number as the core checks it with these options and region
/// (`None`: Turkey's reading); an unknown region is the error.
fn checked(s: &str, region: Option<&str>, flags: u32) -> Result<Phone, Diagnostic> {
    phone_options(flags)
        .with_region_text(region)
        .and_then(|o| Phone::check(s, o))
}

/// Parses a phone number (`flags`: `SANTRAL_PHONE_*`, 0 for the default).
/// `SANTRAL_INVALID` with `*error` set when it does not parse. `error`
/// may be NULL.
#[no_mangle]
pub unsafe extern "C" fn santral_phone_parse(
    input: *const c_char,
    len: usize,
    flags: u32,
    out: *mut santral_phone_info,
    error: *mut santral_error,
) -> santral_result {
    // SAFETY: the caller's promises are this function's.
    unsafe { santral_phone_parse_in(input, len, std::ptr::null(), flags, out, error) }
}

/// [`santral_phone_parse`] with national forms read as written in
/// `region` (`"DE"`, any case, NUL-terminated; NULL or `""`: Turkey's).
/// An unknown region is `SANTRAL_INVALID` with `phone.unknown_region` at
/// path `region`.
#[no_mangle]
pub unsafe extern "C" fn santral_phone_parse_in(
    input: *const c_char,
    len: usize,
    region: *const c_char,
    flags: u32,
    out: *mut santral_phone_info,
    error: *mut santral_error,
) -> santral_result {
    ffi_boundary! {
        let s = try_str!(input, len);
        let region = try_cstr_opt!(region);
        let out = try_mut!(out);
        match checked(s, region, flags) {
            Ok(p) => {
                *out = santral_phone_info {
                    country_code: p.country_code(),
                    region: fixed_text(p.region_code().unwrap_or("")),
                    kind: p.kind().c_str().as_ptr(),
                    valid: p.is_valid(),
                    warning: p.warning().map_or(0, |c| c.number()),
                    national_number: fixed_text(p.national_number()),
                    match_key: fixed_text(p.match_key().as_str()),
                };
                SANTRAL_OK
            }
            Err(d) => {
                set_error!(error, d);
                // A strict refusal suggests the lenient reading (the core's).
                let options = phone_options(flags).with_region_text(region).ok();
                if let (Some(r), false) = (options.and_then(|o| Phone::lenient_reading(s, o)), error.is_null()) {
                    // SAFETY: non-null, caller-owned.
                    unsafe { (*error).suggestion = fixed_text(&r.to_string()) };
                }
                SANTRAL_INVALID
            }
        }
    }
}

/// Parses a phone number and writes it in `format` (`SANTRAL_FORMAT_*`).
/// `SANTRAL_NOT_APPLICABLE` when the number has no such form (a 444
/// number's E.164).
#[no_mangle]
pub unsafe extern "C" fn santral_phone_format(
    input: *const c_char,
    len: usize,
    flags: u32,
    format: u32,
    buf: *mut c_char,
    cap: usize,
    out_len: *mut usize,
    error: *mut santral_error,
) -> santral_result {
    // SAFETY: the caller's promises are this function's.
    unsafe {
        santral_phone_format_in(
            input,
            len,
            std::ptr::null(),
            flags,
            format,
            buf,
            cap,
            out_len,
            error,
        )
    }
}

/// [`santral_phone_format`] with national forms read as written in
/// `region` (as [`santral_phone_parse_in`]).
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn santral_phone_format_in(
    input: *const c_char,
    len: usize,
    region: *const c_char,
    flags: u32,
    format: u32,
    buf: *mut c_char,
    cap: usize,
    out_len: *mut usize,
    error: *mut santral_error,
) -> santral_result {
    ffi_boundary! {
        let s = try_str!(input, len);
        let region = try_cstr_opt!(region);
        let format = try_enum!(format, Format);
        let phone = match checked(s, region, flags) {
            Ok(p) => p,
            Err(d) => {
                set_error!(error, d);
                return SANTRAL_INVALID;
            }
        };
        match phone.format(format) {
            Ok(f) => write_text!(&f.to_string(), buf, cap, out_len),
            Err(e) => {
                set_error!(error, located(e, s, "phone"));
                SANTRAL_NOT_APPLICABLE
            }
        }
    }
}

/// Sets `*same` to whether the two numbers denote the same subscriber
/// (both parsed leniently, extensions allowed).
#[no_mangle]
pub unsafe extern "C" fn santral_phone_same(
    a: *const c_char,
    a_len: usize,
    b: *const c_char,
    b_len: usize,
    same: *mut bool,
) -> santral_result {
    ffi_boundary! {
        let a = try_str!(a, a_len);
        let b = try_str!(b, b_len);
        *try_mut!(same) = santral_core::phone::same_number(a, b);
        SANTRAL_OK
    }
}

/// Writes the number's lookup key (the national number for Turkey, `+`
/// and the E.164 digits elsewhere, the digits of an extension): store it
/// and look it up instead of `LIKE '%…'`.
#[no_mangle]
pub unsafe extern "C" fn santral_phone_match_key(
    input: *const c_char,
    len: usize,
    buf: *mut c_char,
    cap: usize,
    out_len: *mut usize,
    error: *mut santral_error,
) -> santral_result {
    ffi_boundary! {
        let s = try_str!(input, len);
        match santral_core::phone::match_key(s) {
            Ok(k) => write_text!(k.as_str(), buf, cap, out_len),
            Err(e) => {
                set_error!(error, located(e, s, "phone"));
                SANTRAL_INVALID
            }
        }
    }
}
