//! libsantral: the C ABI of santral, for C and PHP PBX plugins.
//!
//! Conventions (after rustls-ffi): every fallible function returns a
//! `santral_result`; outputs go through out-parameters; the caller owns
//! every buffer. Text results are NUL-terminated; on
//! `SANTRAL_INSUFFICIENT_SIZE` the `*out_len` holds the capacity needed
//! (including the NUL). Input text is `(pointer, length)` and must be
//! UTF-8 (`SANTRAL_INVALID_UTF8` otherwise); a NULL pointer where one is
//! required is `SANTRAL_NULL_ARGUMENT`, never undefined behaviour. No
//! panic crosses the boundary (`SANTRAL_PANIC`), there is no global
//! mutable state, and every function is safe to call from many threads.
//!
//! This crate only converts between C and the core: every verdict, option
//! default and name comes from `santral-core`. The argument checks and the
//! panic boundary are the small macros below, so each function reads as
//! its conversion and nothing else.
#![allow(unsafe_code)] // The C ABI is raw pointers; the macros below check each one.
#![allow(non_camel_case_types)]
#![allow(clippy::missing_safety_doc)] // Each function's doc states its pointer contract.

use std::ffi::{c_char, CStr};
use std::panic::{catch_unwind, AssertUnwindSafe};

use santral_core::diag::{Code, Severity};

/// What a call did.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum santral_result {
    /// Success (for checks: the input is valid; warnings may have been reported).
    SANTRAL_OK = 0,
    /// The input is invalid; diagnostics or the error out-parameter say why.
    SANTRAL_INVALID = 1,
    /// A required pointer was NULL.
    SANTRAL_NULL_ARGUMENT = 2,
    /// Input text was not UTF-8.
    SANTRAL_INVALID_UTF8 = 3,
    /// The output buffer is too small; `*out_len` holds the capacity needed.
    SANTRAL_INSUFFICIENT_SIZE = 4,
    /// The payload kind or an enum argument is not known.
    SANTRAL_UNKNOWN_KIND = 5,
    /// The input is valid but the operation does not apply (e.g. a call
    /// event that is not the Logo CRM trigger, a 444 number's E.164).
    SANTRAL_NOT_APPLICABLE = 6,
    /// An internal error was caught at the boundary (a bug: please report).
    SANTRAL_PANIC = 7,
    /// An option cannot be used (an impossible `today`, a reserved
    /// `param_name`): the diagnostic names the option and the core's code.
    SANTRAL_INVALID_OPTION = 8,
}

use santral_result::*;

/// English messages.
pub const SANTRAL_LANG_EN: u32 = 0;
/// Turkish messages.
pub const SANTRAL_LANG_TR: u32 = 1;

/// An error diagnostic.
pub const SANTRAL_SEVERITY_ERROR: u32 = 0;
/// A warning diagnostic.
pub const SANTRAL_SEVERITY_WARNING: u32 = 1;

/// Bytes kept of a suggestion or a path in the fixed-size structs (the
/// arrays are written `[64]`: PHP's FFI cannot read a `#define` size).
pub const SANTRAL_TEXT_MAX: usize = 64;

/// Where a value's error is: the stable code number, the bytes, the line
/// and column (characters) in the value, its path, and the suggested
/// spelling: the same information as a check's diagnostic.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct santral_error {
    /// The code number (`santral_code_id` gives its dotted id).
    pub code: u32,
    /// First byte, in the input.
    pub offset: usize,
    /// One past the last byte.
    pub end: usize,
    /// 1-based line.
    pub line: u32,
    /// 1-based column (characters).
    pub column: u32,
    /// Where (`phone`, `target`, `prompt.phrase_speed`), NUL-terminated.
    pub path: [c_char; 64],
    /// What the user probably meant for the span (`user` for `usr`), or
    /// the empty string; NUL-terminated.
    pub suggestion: [c_char; 64],
}

// ------------------------------------------------------------ the boundary

/// Runs a function body, turning a panic into `SANTRAL_PANIC`.
macro_rules! ffi_boundary {
    ($($body:tt)*) => {
        crate::guard(|| -> crate::santral_result { $($body)* })
    };
}

/// `(ptr, len)` as bytes, or return `SANTRAL_NULL_ARGUMENT`.
macro_rules! try_bytes {
    ($ptr:expr, $len:expr) => {
        // SAFETY: the caller promises `$ptr` points at `$len` readable bytes.
        match unsafe { crate::bytes($ptr, $len) } {
            Ok(b) => b,
            Err(r) => return r,
        }
    };
}

/// `(ptr, len)` as UTF-8 text, or return the failure.
macro_rules! try_str {
    ($ptr:expr, $len:expr) => {
        // SAFETY: as `try_bytes`.
        match unsafe { crate::text($ptr, $len) } {
            Ok(s) => s,
            Err(r) => return r,
        }
    };
}

/// A NUL-terminated string that may be NULL, as `Option<&str>`.
macro_rules! try_cstr_opt {
    ($ptr:expr) => {
        // SAFETY: the caller promises NULL or a NUL-terminated string.
        match unsafe { crate::c_opt($ptr) } {
            Ok(s) => s,
            Err(r) => return r,
        }
    };
}

/// A required NUL-terminated string.
macro_rules! try_cstr {
    ($ptr:expr) => {
        match try_cstr_opt!($ptr) {
            Some(s) => s,
            None => return crate::santral_result::SANTRAL_NULL_ARGUMENT,
        }
    };
}

/// A required out-pointer as `&mut T`.
macro_rules! try_mut {
    ($ptr:expr) => {
        if $ptr.is_null() {
            return crate::santral_result::SANTRAL_NULL_ARGUMENT;
        } else {
            // SAFETY: non-null; the caller owns it for the call.
            unsafe { &mut *$ptr }
        }
    };
}

/// A required in-pointer as `&T`.
macro_rules! try_ref {
    ($ptr:expr) => {
        if $ptr.is_null() {
            return crate::santral_result::SANTRAL_NULL_ARGUMENT;
        } else {
            // SAFETY: non-null; the caller owns it for the call.
            unsafe { &*$ptr }
        }
    };
}

/// A C enum constant as the core value at that position of `ALL` (the
/// constants are the core's declaration order; a test checks each).
macro_rules! try_enum {
    ($n:expr, $ty:ty) => {
        match <$ty>::ALL.get($n as usize) {
            Some(v) => *v,
            None => return crate::santral_result::SANTRAL_UNKNOWN_KIND,
        }
    };
}

/// Writes a text result into the caller's buffer.
macro_rules! write_text {
    ($s:expr, $buf:expr, $cap:expr, $out_len:expr) => {
        // SAFETY: the caller promises `$buf` holds `$cap` bytes (or is NULL
        // with `$cap` 0) and `$out_len` is writable.
        unsafe { crate::write_out($s, $buf, $cap, $out_len) }
    };
}

/// Stores a core diagnostic into an optional `santral_error` out-pointer.
macro_rules! set_error {
    ($out:expr, $diagnostic:expr) => {
        if !$out.is_null() {
            // SAFETY: non-null, caller-owned.
            unsafe { *$out = crate::error_of(&$diagnostic) };
        }
    };
}

fn guard(f: impl FnOnce() -> santral_result) -> santral_result {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or(SANTRAL_PANIC)
}

/// `(ptr, len)` as bytes.
unsafe fn bytes<'a>(ptr: *const u8, len: usize) -> Result<&'a [u8], santral_result> {
    if ptr.is_null() {
        return Err(SANTRAL_NULL_ARGUMENT);
    }
    // SAFETY: the caller promises `ptr` points at `len` readable bytes.
    Ok(unsafe { std::slice::from_raw_parts(ptr, len) })
}

/// `(ptr, len)` as UTF-8 text.
unsafe fn text<'a>(ptr: *const c_char, len: usize) -> Result<&'a str, santral_result> {
    // SAFETY: as `bytes`.
    let b = unsafe { bytes(ptr.cast(), len)? };
    std::str::from_utf8(b).map_err(|_| SANTRAL_INVALID_UTF8)
}

/// A nullable NUL-terminated string.
unsafe fn c_opt<'a>(ptr: *const c_char) -> Result<Option<&'a str>, santral_result> {
    if ptr.is_null() {
        return Ok(None);
    }
    // SAFETY: the caller promises a NUL-terminated string.
    let c = unsafe { CStr::from_ptr(ptr) };
    c.to_str().map(Some).map_err(|_| SANTRAL_INVALID_UTF8)
}

/// Writes `s` NUL-terminated into `buf`, or reports the capacity needed.
unsafe fn write_out(s: &str, buf: *mut c_char, cap: usize, out_len: *mut usize) -> santral_result {
    if out_len.is_null() {
        return SANTRAL_NULL_ARGUMENT;
    }
    let needed = s.len() + 1;
    if buf.is_null() || cap < needed {
        // SAFETY: checked non-null above; the caller owns it.
        unsafe { *out_len = needed };
        return if buf.is_null() && cap > 0 {
            SANTRAL_NULL_ARGUMENT
        } else {
            SANTRAL_INSUFFICIENT_SIZE
        };
    }
    // SAFETY: `buf` has room for `cap >= needed` bytes (caller's promise).
    unsafe {
        std::ptr::copy_nonoverlapping(s.as_ptr(), buf.cast::<u8>(), s.len());
        *buf.add(s.len()) = 0;
        *out_len = s.len();
    }
    SANTRAL_OK
}

/// `s` NUL-terminated in a fixed array, cut on a character boundary.
fn fixed_text<const N: usize>(s: &str) -> [c_char; N] {
    let mut out = [0 as c_char; N];
    let mut n = s.len().min(N.saturating_sub(1));
    while n > 0 && !s.is_char_boundary(n) {
        n -= 1;
    }
    for (dst, b) in out.iter_mut().zip(s.bytes().take(n)) {
        *dst = b as c_char;
    }
    out
}

/// A value's error as C sees it.
fn error_of(d: &santral_core::Diagnostic) -> santral_error {
    santral_error {
        code: d.code.number(),
        offset: d.span.start,
        end: d.span.end,
        line: d.line,
        column: d.column,
        path: fixed_text(&d.path.to_string()),
        suggestion: fixed_text(d.suggestion.unwrap_or("")),
    }
}

/// A lexical error found in `input` (a value checked on its own), at `path`.
fn located(e: santral_core::Error, input: &str, path: &'static str) -> santral_core::Diagnostic {
    santral_core::Diagnostic::from_error(e, 0, input.as_bytes(), santral_core::Path::key(path))
}

fn severity(s: Severity) -> u32 {
    match s {
        Severity::Error => SANTRAL_SEVERITY_ERROR,
        Severity::Warning => SANTRAL_SEVERITY_WARNING,
    }
}

fn message(code: Code, lang: u32) -> &'static CStr {
    if lang == SANTRAL_LANG_TR {
        code.c_message_tr()
    } else {
        code.c_message()
    }
}

// ------------------------------------------------------------ general

/// The library version, e.g. `"0.1.0"` (static, NUL-terminated).
#[no_mangle]
pub extern "C" fn santral_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

/// The name of a result, e.g. `"SANTRAL_INVALID"` (static), or NULL for
/// a number that is no `santral_result`. It takes the number, not the
/// enum: a C caller may pass any integer, and an out-of-range enum value
/// would be undefined behaviour on the Rust side.
#[no_mangle]
pub extern "C" fn santral_result_name(result: u32) -> *const c_char {
    let s: &'static CStr = match result {
        0 => c"SANTRAL_OK",
        1 => c"SANTRAL_INVALID",
        2 => c"SANTRAL_NULL_ARGUMENT",
        3 => c"SANTRAL_INVALID_UTF8",
        4 => c"SANTRAL_INSUFFICIENT_SIZE",
        5 => c"SANTRAL_UNKNOWN_KIND",
        6 => c"SANTRAL_NOT_APPLICABLE",
        7 => c"SANTRAL_PANIC",
        8 => c"SANTRAL_INVALID_OPTION",
        _ => return std::ptr::null(),
    };
    s.as_ptr()
}

/// How many diagnostic codes there are.
#[no_mangle]
pub extern "C" fn santral_code_count() -> usize {
    Code::ALL.len()
}

/// The number of the code at `index` (0 ≤ index < `santral_code_count()`), or 0.
#[no_mangle]
pub extern "C" fn santral_code_at(index: usize) -> u32 {
    Code::ALL.get(index).map_or(0, |c| c.number())
}

/// The dotted id of code `number` (static), or NULL for an unknown number.
#[no_mangle]
pub extern "C" fn santral_code_id(number: u32) -> *const c_char {
    Code::from_number(number).map_or(std::ptr::null(), |c| c.c_id().as_ptr())
}

/// The message of code `number` in `lang` (`SANTRAL_LANG_EN`/`_TR`;
/// static), or NULL for an unknown number.
#[no_mangle]
pub extern "C" fn santral_code_message(number: u32, lang: u32) -> *const c_char {
    Code::from_number(number).map_or(std::ptr::null(), |c| message(c, lang).as_ptr())
}

/// The severity of code `number`, or `UINT32_MAX` for an unknown number.
#[no_mangle]
pub extern "C" fn santral_code_severity(number: u32) -> u32 {
    Code::from_number(number).map_or(u32::MAX, |c| severity(c.severity()))
}

/// The number of the code with dotted id `id` (NUL-terminated), or 0.
#[no_mangle]
pub unsafe extern "C" fn santral_code_number(id: *const c_char) -> u32 {
    // SAFETY: per this function's contract, `id` is NULL or NUL-terminated.
    match unsafe { c_opt(id) } {
        Ok(Some(s)) => Code::from_id(s).map_or(0, |c| c.number()),
        _ => 0,
    }
}

mod api;
mod build;
mod check;
mod logo;
mod net;
mod phone;
mod receiver;
mod value;

pub use api::*;
pub use build::*;
pub use check::*;
pub use logo::*;
pub use net::*;
pub use phone::*;
pub use receiver::*;
pub use value::*;

#[cfg(test)]
mod tests;
