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
//! This crate only converts between C and the core: every verdict comes
//! from `santral-core`.
#![allow(unsafe_code)] // The C ABI is raw pointers; each use is checked and documented.
#![allow(non_camel_case_types)]
#![allow(clippy::missing_safety_doc)] // Each function's doc states its pointer contract.

use std::ffi::{c_char, c_void, CStr, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};

use santral_core::check::{check, Kind, Options as CheckOptions, Report};
use santral_core::diag::{Code, Diagnostic, Severity};
use santral_core::phone::{Format, Options as PhoneOptions, Phone, PhoneKind};

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
}

use santral_result::*;

/// Strict parsing (digits and a leading `+`).
pub const SANTRAL_PHONE_STRICT: u32 = 0;
/// Flag: lenient parsing (ignore spaces, `-`, `.`, `(`, `)`, `/`).
pub const SANTRAL_PHONE_LENIENT: u32 = 1;
/// Flag: accept internal extensions.
pub const SANTRAL_PHONE_ALLOW_EXTENSION: u32 = 2;

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

/// English messages.
pub const SANTRAL_LANG_EN: u32 = 0;
/// Turkish messages.
pub const SANTRAL_LANG_TR: u32 = 1;

/// A campaign digit target (`restart` and `""` allowed).
pub const SANTRAL_CONTEXT_CAMPAIGN: u32 = 0;
/// An advisory `transfer.target`.
pub const SANTRAL_CONTEXT_ADVISORY: u32 = 1;

/// An error diagnostic.
pub const SANTRAL_SEVERITY_ERROR: u32 = 0;
/// A warning diagnostic.
pub const SANTRAL_SEVERITY_WARNING: u32 = 1;

/// Where a lexical error is: the stable code number and the bytes.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct santral_error {
    /// The code number (`santral_code_id` gives its dotted id).
    pub code: u32,
    /// First byte, in the input.
    pub offset: usize,
    /// One past the last byte.
    pub end: usize,
}

/// A parsed phone number.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct santral_phone_info {
    /// Country calling code; 0 for an extension.
    pub country_code: u16,
    /// The kind's name (`"mobile"`, `"fixed_line"`, …, `"extension"`), static.
    pub kind: *const c_char,
    /// libphonenumber would call it valid (or it is an extension).
    pub valid: bool,
    /// The form and length are right (always true for a parsed number).
    pub possible: bool,
    /// A warning code number (`phone.unassigned`), or 0.
    pub warning: u32,
    /// The national significant number (or the extension), NUL-terminated.
    pub national_number: [c_char; 16],
}

/// One diagnostic, valid for the duration of the callback.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct santral_diagnostic {
    /// The stable code number.
    pub code: u32,
    /// The dotted id (`"phone.too_short"`), static.
    pub code_id: *const c_char,
    /// `SANTRAL_SEVERITY_ERROR` or `SANTRAL_SEVERITY_WARNING`.
    pub severity: u32,
    /// First byte.
    pub offset: usize,
    /// One past the last byte.
    pub end: usize,
    /// 1-based line.
    pub line: u32,
    /// 1-based column (characters).
    pub column: u32,
    /// The path (`"phone_list[1].phone"`), NUL-terminated; valid during the callback.
    pub path: *const c_char,
    /// The message in the requested language, static.
    pub message: *const c_char,
    /// A suggested spelling, or NULL; valid during the callback.
    pub suggestion: *const c_char,
}

/// Receives each diagnostic; return 0 to continue, non-zero to stop.
pub type santral_diagnostic_callback =
    Option<unsafe extern "C" fn(user: *mut c_void, diagnostic: *const santral_diagnostic) -> i32>;

/// One diagnostic stored in a caller array.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct santral_diagnostic_record {
    /// The stable code number (`santral_code_message` gives its text).
    pub code: u32,
    /// `SANTRAL_SEVERITY_ERROR` or `SANTRAL_SEVERITY_WARNING`.
    pub severity: u32,
    /// First byte.
    pub offset: usize,
    /// One past the last byte.
    pub end: usize,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
    /// The path, NUL-terminated (cut at 63 bytes).
    pub path: [c_char; 64],
}

/// Totals of a check.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default)]
pub struct santral_report {
    /// No error was reported.
    pub valid: bool,
    /// Errors reported.
    pub errors: usize,
    /// Warnings reported.
    pub warnings: usize,
}

/// Options of a check; pass NULL for none.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct santral_check_options {
    /// Today as `"YYYY-MM-DD"` (NUL-terminated) or NULL.
    pub today: *const c_char,
    /// The advisory digits parameter name (NUL-terminated) or NULL.
    pub param_name: *const c_char,
}

// ------------------------------------------------------------ helpers

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

/// A required NUL-terminated string.
unsafe fn c_req<'a>(ptr: *const c_char) -> Result<&'a str, santral_result> {
    // SAFETY: as `c_opt`.
    unsafe { c_opt(ptr) }?.ok_or(SANTRAL_NULL_ARGUMENT)
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

unsafe fn set_error(out: *mut santral_error, e: santral_core::Error) {
    if !out.is_null() {
        // SAFETY: non-null, caller-owned.
        unsafe {
            *out = santral_error {
                code: e.code.number(),
                offset: e.span.start,
                end: e.span.end,
            }
        };
    }
}

fn phone_options(flags: u32) -> PhoneOptions {
    PhoneOptions {
        lenient: flags & SANTRAL_PHONE_LENIENT != 0,
        allow_extension: flags & SANTRAL_PHONE_ALLOW_EXTENSION != 0,
        extension_first: false,
    }
}

fn kind_name(kind: PhoneKind) -> *const c_char {
    let s: &'static CStr = match kind {
        PhoneKind::FixedLine => c"fixed_line",
        PhoneKind::Mobile => c"mobile",
        PhoneKind::TollFree => c"toll_free",
        PhoneKind::PremiumRate => c"premium_rate",
        PhoneKind::SharedCost => c"shared_cost",
        PhoneKind::Voip => c"voip",
        PhoneKind::PersonalNumber => c"personal_number",
        PhoneKind::Pager => c"pager",
        PhoneKind::Uan => c"uan",
        PhoneKind::Voicemail => c"voicemail",
        PhoneKind::Unknown => c"unknown",
        PhoneKind::Extension => c"extension",
    };
    s.as_ptr()
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

/// The name of a result, e.g. `"SANTRAL_INVALID"` (static).
#[no_mangle]
pub extern "C" fn santral_result_name(result: santral_result) -> *const c_char {
    let s: &'static CStr = match result {
        SANTRAL_OK => c"SANTRAL_OK",
        SANTRAL_INVALID => c"SANTRAL_INVALID",
        SANTRAL_NULL_ARGUMENT => c"SANTRAL_NULL_ARGUMENT",
        SANTRAL_INVALID_UTF8 => c"SANTRAL_INVALID_UTF8",
        SANTRAL_INSUFFICIENT_SIZE => c"SANTRAL_INSUFFICIENT_SIZE",
        SANTRAL_UNKNOWN_KIND => c"SANTRAL_UNKNOWN_KIND",
        SANTRAL_NOT_APPLICABLE => c"SANTRAL_NOT_APPLICABLE",
        SANTRAL_PANIC => c"SANTRAL_PANIC",
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
    match Code::from_number(number).map(|c| c.severity()) {
        Some(Severity::Error) => SANTRAL_SEVERITY_ERROR,
        Some(Severity::Warning) => SANTRAL_SEVERITY_WARNING,
        None => u32::MAX,
    }
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

// ------------------------------------------------------------ phones

/// Parses a phone number (`flags`: `SANTRAL_PHONE_*`). `SANTRAL_INVALID`
/// with `*error` set when it does not parse. `error` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn santral_phone_parse(
    input: *const c_char,
    len: usize,
    flags: u32,
    out: *mut santral_phone_info,
    error: *mut santral_error,
) -> santral_result {
    guard(|| {
        // SAFETY: (input, len) per this function's contract.
        let s = match unsafe { text(input, len) } {
            Ok(s) => s,
            Err(r) => return r,
        };
        if out.is_null() {
            return SANTRAL_NULL_ARGUMENT;
        }
        match Phone::parse_with(s, phone_options(flags)) {
            Ok(p) => {
                let mut national = [0 as c_char; 16];
                for (dst, b) in national
                    .iter_mut()
                    .zip(p.national_number().bytes().take(15))
                {
                    *dst = b as c_char;
                }
                // SAFETY: `out` is non-null and caller-owned.
                unsafe {
                    *out = santral_phone_info {
                        country_code: p.country_code(),
                        kind: kind_name(p.kind()),
                        valid: p.is_valid(),
                        possible: p.is_possible(),
                        warning: p.warning().map_or(0, |c| c.number()),
                        national_number: national,
                    }
                };
                SANTRAL_OK
            }
            Err(e) => {
                // SAFETY: `error` is NULL or caller-owned.
                unsafe { set_error(error, e) };
                SANTRAL_INVALID
            }
        }
    })
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
    guard(|| {
        // SAFETY: (input, len) per contract.
        let s = match unsafe { text(input, len) } {
            Ok(s) => s,
            Err(r) => return r,
        };
        let format = match format {
            SANTRAL_FORMAT_E164 => Format::E164,
            SANTRAL_FORMAT_WIRE => Format::Wire,
            SANTRAL_FORMAT_NATIONAL => Format::National,
            SANTRAL_FORMAT_INTERNATIONAL => Format::International,
            SANTRAL_FORMAT_DISPLAY => Format::Display,
            SANTRAL_FORMAT_DISPLAY_INTERNATIONAL => Format::DisplayInternational,
            _ => return SANTRAL_UNKNOWN_KIND,
        };
        let phone = match Phone::parse_with(s, phone_options(flags)) {
            Ok(p) => p,
            Err(e) => {
                // SAFETY: NULL or caller-owned.
                unsafe { set_error(error, e) };
                return SANTRAL_INVALID;
            }
        };
        match phone.format(format) {
            // SAFETY: buffer contract per function docs.
            Ok(f) => unsafe { write_out(&f.to_string(), buf, cap, out_len) },
            Err(e) => {
                // SAFETY: NULL or caller-owned.
                unsafe { set_error(error, e) };
                SANTRAL_NOT_APPLICABLE
            }
        }
    })
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
    guard(|| {
        // SAFETY: both pairs per contract.
        let (a, b) = match unsafe { (text(a, a_len), text(b, b_len)) } {
            (Ok(a), Ok(b)) => (a, b),
            (Err(r), _) | (_, Err(r)) => return r,
        };
        if same.is_null() {
            return SANTRAL_NULL_ARGUMENT;
        }
        // SAFETY: non-null, caller-owned.
        unsafe { *same = santral_core::phone::same_number(a, b) };
        SANTRAL_OK
    })
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
    guard(|| {
        // SAFETY: per contract.
        let s = match unsafe { text(input, len) } {
            Ok(s) => s,
            Err(r) => return r,
        };
        match santral_core::phone::match_key(s) {
            // SAFETY: buffer contract.
            Ok(k) => unsafe { write_out(k.as_str(), buf, cap, out_len) },
            Err(e) => {
                // SAFETY: NULL or caller-owned.
                unsafe { set_error(error, e) };
                SANTRAL_INVALID
            }
        }
    })
}

// ------------------------------------------------------------ targets and phrases

/// A parsed call target.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct santral_target_info {
    /// The kind keyword (`"queue"`, `"tts"`, …; `""` for no target), static.
    pub kind: *const c_char,
    /// The announcement it plays, or 0.
    pub announcement_id: u64,
}

/// Parses a call target in `context` (`SANTRAL_CONTEXT_*`).
#[no_mangle]
pub unsafe extern "C" fn santral_target_parse(
    input: *const c_char,
    len: usize,
    context: u32,
    out: *mut santral_target_info,
    error: *mut santral_error,
) -> santral_result {
    use santral_core::target::{Target, TargetContext};
    guard(|| {
        // SAFETY: per contract.
        let s = match unsafe { text(input, len) } {
            Ok(s) => s,
            Err(r) => return r,
        };
        let ctx = match context {
            SANTRAL_CONTEXT_CAMPAIGN => TargetContext::Campaign,
            SANTRAL_CONTEXT_ADVISORY => TargetContext::Advisory,
            _ => return SANTRAL_UNKNOWN_KIND,
        };
        if out.is_null() {
            return SANTRAL_NULL_ARGUMENT;
        }
        match Target::parse(s, ctx) {
            Ok(t) => {
                let kind: &'static CStr = match t.kind() {
                    "restart" => c"restart",
                    "user" => c"user",
                    "group" => c"group",
                    "queue" => c"queue",
                    "ivr" => c"ivr",
                    "voicemail" => c"voicemail",
                    "announcement" => c"announcement",
                    "external" => c"external",
                    "fax" => c"fax",
                    "hangup" => c"hangup",
                    "tts" => c"tts",
                    _ => c"",
                };
                // SAFETY: non-null, caller-owned.
                unsafe {
                    *out = santral_target_info {
                        kind: kind.as_ptr(),
                        announcement_id: t.announcement_id().map_or(0, |i| i.get()),
                    }
                };
                SANTRAL_OK
            }
            Err(e) => {
                // SAFETY: NULL or caller-owned.
                unsafe { set_error(error, e) };
                SANTRAL_INVALID
            }
        }
    })
}

/// Delivers one diagnostic to a callback; false when it asked to stop.
unsafe fn deliver(
    callback: santral_diagnostic_callback,
    user: *mut c_void,
    d: &Diagnostic,
    lang: u32,
) -> bool {
    let Some(cb) = callback else { return true };
    let path = CString::new(d.path.to_string()).unwrap_or_default();
    let suggestion = d.suggestion.and_then(|s| CString::new(s).ok());
    let record = santral_diagnostic {
        code: d.code.number(),
        code_id: d.code.c_id().as_ptr(),
        severity: match d.severity {
            Severity::Error => SANTRAL_SEVERITY_ERROR,
            Severity::Warning => SANTRAL_SEVERITY_WARNING,
        },
        offset: d.span.start,
        end: d.span.end,
        line: d.line,
        column: d.column,
        path: path.as_ptr(),
        message: message(d.code, lang).as_ptr(),
        suggestion: suggestion.as_ref().map_or(std::ptr::null(), |s| s.as_ptr()),
    };
    // SAFETY: the callback is the caller's; the record and its strings
    // live until it returns.
    unsafe { cb(user, &record) == 0 }
}

/// Checks a TTS phrase, delivering each error to `callback` (may be NULL);
/// `*errors` (may be NULL) receives their count.
#[no_mangle]
pub unsafe extern "C" fn santral_phrase_check(
    input: *const c_char,
    len: usize,
    lang: u32,
    callback: santral_diagnostic_callback,
    user: *mut c_void,
    errors: *mut usize,
) -> santral_result {
    guard(|| {
        // SAFETY: per contract.
        let s = match unsafe { text(input, len) } {
            Ok(s) => s,
            Err(r) => return r,
        };
        let mut count = 0usize;
        for e in santral_core::phrase::Phrase::new(s).errors() {
            count += 1;
            let d = Diagnostic::from_error(e, 0, s.as_bytes(), santral_core::Path::key("phrase"));
            // SAFETY: callback contract.
            if !unsafe { deliver(callback, user, &d, lang) } {
                break;
            }
        }
        if !errors.is_null() {
            // SAFETY: non-null, caller-owned.
            unsafe { *errors = count };
        }
        if count == 0 {
            SANTRAL_OK
        } else {
            SANTRAL_INVALID
        }
    })
}

/// Writes the announcement ids a phrase plays into `ids` (capacity
/// `cap`); `*count` receives how many there are (even beyond `cap`, with
/// `SANTRAL_INSUFFICIENT_SIZE`).
#[no_mangle]
pub unsafe extern "C" fn santral_phrase_announcements(
    input: *const c_char,
    len: usize,
    ids: *mut u64,
    cap: usize,
    count: *mut usize,
) -> santral_result {
    guard(|| {
        // SAFETY: per contract.
        let s = match unsafe { text(input, len) } {
            Ok(s) => s,
            Err(r) => return r,
        };
        if count.is_null() || (ids.is_null() && cap > 0) {
            return SANTRAL_NULL_ARGUMENT;
        }
        let mut n = 0usize;
        for id in santral_core::phrase::Phrase::new(s).announcement_ids() {
            if n < cap {
                // SAFETY: n < cap and `ids` holds `cap` elements.
                unsafe { *ids.add(n) = id.get() };
            }
            n += 1;
        }
        // SAFETY: non-null.
        unsafe { *count = n };
        if n > cap {
            SANTRAL_INSUFFICIENT_SIZE
        } else {
            SANTRAL_OK
        }
    })
}

// ------------------------------------------------------------ checks

unsafe fn check_options<'a>(
    options: *const santral_check_options,
) -> Result<CheckOptions<'a>, santral_result> {
    if options.is_null() {
        return Ok(CheckOptions::default());
    }
    // SAFETY: non-null, caller-owned for the call.
    let o = unsafe { &*options };
    // SAFETY: NULL or NUL-terminated per the struct's contract.
    let today = match unsafe { c_opt(o.today) }? {
        Some(t) => Some(santral_core::time::Date::parse(t).map_err(|_| SANTRAL_INVALID)?),
        None => None,
    };
    Ok(CheckOptions {
        today,
        // SAFETY: as above.
        param_name: unsafe { c_opt(o.param_name) }?,
    })
}

unsafe fn set_report(out: *mut santral_report, r: &Report) {
    if !out.is_null() {
        // SAFETY: non-null, caller-owned.
        unsafe {
            *out = santral_report {
                valid: r.valid,
                errors: r.errors,
                warnings: r.warnings,
            }
        };
    }
}

/// Checks a payload of `kind` (NUL-terminated: `"campaign"`,
/// `"campaign-report"`, `"call-event"`, `"advisory-request"`,
/// `"advisory-response"`, `"crm-settings"`, `"logo-crm"`,
/// `"opencart-request"`, `"order-sync-settings"`, `"cdr-list"`,
/// `"cdr-detail"`), delivering every diagnostic to `callback` (may be
/// NULL) with messages in `lang`. Returns `SANTRAL_OK` when valid,
/// `SANTRAL_INVALID` when not; `report` (may be NULL) gets the totals.
#[no_mangle]
pub unsafe extern "C" fn santral_check(
    kind: *const c_char,
    input: *const u8,
    len: usize,
    options: *const santral_check_options,
    lang: u32,
    callback: santral_diagnostic_callback,
    user: *mut c_void,
    report: *mut santral_report,
) -> santral_result {
    guard(|| {
        // SAFETY: per contract.
        let (kind, input, options) =
            match unsafe { (c_req(kind), bytes(input, len), check_options(options)) } {
                (Ok(k), Ok(i), Ok(o)) => (k, i, o),
                (Err(r), _, _) | (_, Err(r), _) | (_, _, Err(r)) => return r,
            };
        let Some(kind) = Kind::parse(kind) else {
            return SANTRAL_UNKNOWN_KIND;
        };
        let mut stopped = false;
        let mut sink = |d: Diagnostic| {
            // SAFETY: callback contract.
            if !stopped && !unsafe { deliver(callback, user, &d, lang) } {
                stopped = true;
            }
            std::ops::ControlFlow::Continue(())
        };
        let r = check(kind, input, &options, &mut sink);
        // SAFETY: NULL or caller-owned.
        unsafe { set_report(report, &r) };
        if r.valid {
            SANTRAL_OK
        } else {
            SANTRAL_INVALID
        }
    })
}

/// Like `santral_check`, but stores up to `cap` diagnostics in the
/// caller's array `records`; `*count` receives how many were stored.
#[no_mangle]
pub unsafe extern "C" fn santral_check_into(
    kind: *const c_char,
    input: *const u8,
    len: usize,
    options: *const santral_check_options,
    records: *mut santral_diagnostic_record,
    cap: usize,
    count: *mut usize,
    report: *mut santral_report,
) -> santral_result {
    guard(|| {
        // SAFETY: per contract.
        let (kind, input, options) =
            match unsafe { (c_req(kind), bytes(input, len), check_options(options)) } {
                (Ok(k), Ok(i), Ok(o)) => (k, i, o),
                (Err(r), _, _) | (_, Err(r), _) | (_, _, Err(r)) => return r,
            };
        if count.is_null() || (records.is_null() && cap > 0) {
            return SANTRAL_NULL_ARGUMENT;
        }
        let Some(kind) = Kind::parse(kind) else {
            return SANTRAL_UNKNOWN_KIND;
        };
        let mut n = 0usize;
        let mut sink = |d: Diagnostic| {
            if n < cap {
                let mut path = [0 as c_char; 64];
                for (dst, b) in path.iter_mut().zip(d.path.to_string().bytes().take(63)) {
                    *dst = b as c_char;
                }
                let rec = santral_diagnostic_record {
                    code: d.code.number(),
                    severity: match d.severity {
                        Severity::Error => SANTRAL_SEVERITY_ERROR,
                        Severity::Warning => SANTRAL_SEVERITY_WARNING,
                    },
                    offset: d.span.start,
                    end: d.span.end,
                    line: d.line,
                    column: d.column,
                    path,
                };
                // SAFETY: n < cap and `records` holds `cap` elements.
                unsafe { *records.add(n) = rec };
                n += 1;
            }
            std::ops::ControlFlow::Continue(())
        };
        let r = check(kind, input, &options, &mut sink);
        // SAFETY: non-null / NULL-or-owned.
        unsafe {
            *count = n;
            set_report(report, &r);
        }
        if r.valid {
            SANTRAL_OK
        } else {
            SANTRAL_INVALID
        }
    })
}

/// Checks a payload and writes its summary as a JSON object
/// (`{"call_type":"ivr","leads":2,…}`) into `buf`. Returns `SANTRAL_OK`
/// or `SANTRAL_INVALID` like `santral_check` once the summary is written.
#[no_mangle]
pub unsafe extern "C" fn santral_check_summary_json(
    kind: *const c_char,
    input: *const u8,
    len: usize,
    options: *const santral_check_options,
    buf: *mut c_char,
    cap: usize,
    out_len: *mut usize,
) -> santral_result {
    guard(|| {
        // SAFETY: per contract.
        let (kind, input, options) =
            match unsafe { (c_req(kind), bytes(input, len), check_options(options)) } {
                (Ok(k), Ok(i), Ok(o)) => (k, i, o),
                (Err(r), _, _) | (_, Err(r), _) | (_, _, Err(r)) => return r,
            };
        let Some(kind) = Kind::parse(kind) else {
            return SANTRAL_UNKNOWN_KIND;
        };
        let r = check(
            kind,
            input,
            &options,
            &mut santral_core::diag::Counter::default(),
        );
        let mut json = String::new();
        let _ = r.write_summary_json(&mut json);
        // SAFETY: buffer contract.
        match unsafe { write_out(&json, buf, cap, out_len) } {
            SANTRAL_OK if !r.valid => SANTRAL_INVALID,
            other => other,
        }
    })
}

mod build;
pub use build::*;

#[cfg(test)]
mod tests;
