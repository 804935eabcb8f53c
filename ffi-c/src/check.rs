//! Checks of every payload kind: diagnostics to a callback or a caller
//! array, the totals, the summary as JSON.

use std::ffi::{c_char, c_void, CString};

use santral_core::check::{self, Kind, Options as CheckOptions, Report};
use santral_core::diag::{Counter, Diagnostic, Path};

use crate::santral_result::{self, *};
use crate::{fixed_text, message, severity};

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
    /// What the user probably meant for the span, or NULL; valid during the callback.
    pub suggestion: *const c_char,
    /// True when the `related_*` fields hold a second place (for a
    /// repeated lead, the lead it repeats).
    pub has_related: bool,
    /// The second place's first byte.
    pub related_offset: usize,
    /// One past its last byte.
    pub related_end: usize,
    /// Its 1-based line.
    pub related_line: u32,
    /// Its 1-based column.
    pub related_column: u32,
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
    /// The suggestion, or the empty string; NUL-terminated.
    pub suggestion: [c_char; 64],
    /// True when the `related_*` fields hold a second place.
    pub has_related: bool,
    /// The second place's first byte.
    pub related_offset: usize,
    /// One past its last byte.
    pub related_end: usize,
    /// Its 1-based line.
    pub related_line: u32,
    /// Its 1-based column.
    pub related_column: u32,
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
    /// Diagnostics counted but not delivered (beyond `max_diagnostics`,
    /// or beyond the caller array of `santral_check_into`).
    pub diagnostics_omitted: usize,
}

/// Options of a check: start from `santral_check_options_init` (or pass
/// NULL for the defaults), which fills the core's defaults.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct santral_check_options {
    /// Today as `"YYYY-MM-DD"` (NUL-terminated) or NULL.
    pub today: *const c_char,
    /// The advisory digits parameter name (NUL-terminated) or NULL.
    pub param_name: *const c_char,
    /// Diagnostics delivered at most (default 200); the rest are counted.
    pub max_diagnostics: usize,
    /// Campaign leads checked for repeated numbers (default 1,000,000; 0: none).
    pub duplicate_leads: usize,
}

/// Fills `*options` with the core's defaults (the same in every face).
#[no_mangle]
pub unsafe extern "C" fn santral_check_options_init(
    options: *mut santral_check_options,
) -> santral_result {
    ffi_boundary! {
        let d = CheckOptions::default();
        *try_mut!(options) = santral_check_options {
            today: std::ptr::null(),
            param_name: std::ptr::null(),
            max_diagnostics: d.max_diagnostics,
            duplicate_leads: d.duplicate_leads,
        };
        SANTRAL_OK
    }
}

/// Delivers one diagnostic to a callback; false when it asked to stop.
pub(crate) unsafe fn deliver(
    callback: santral_diagnostic_callback,
    user: *mut c_void,
    d: &Diagnostic,
    lang: u32,
) -> bool {
    let Some(cb) = callback else { return true };
    let path = CString::new(d.path.to_string()).unwrap_or_default();
    let suggestion = d.suggestion.and_then(|s| CString::new(s).ok());
    let related = d.related.unwrap_or_default();
    let record = santral_diagnostic {
        code: d.code.number(),
        code_id: d.code.c_id().as_ptr(),
        severity: severity(d.severity),
        offset: d.span.start,
        end: d.span.end,
        line: d.line,
        column: d.column,
        path: path.as_ptr(),
        message: message(d.code, lang).as_ptr(),
        suggestion: suggestion.as_ref().map_or(std::ptr::null(), |s| s.as_ptr()),
        has_related: d.related.is_some(),
        related_offset: related.span.start,
        related_end: related.span.end,
        related_line: related.line,
        related_column: related.column,
    };
    // SAFETY: the callback is the caller's; the record and its strings
    // live until it returns.
    unsafe { cb(user, &record) == 0 }
}

fn record_of(d: &Diagnostic) -> santral_diagnostic_record {
    let related = d.related.unwrap_or_default();
    santral_diagnostic_record {
        code: d.code.number(),
        severity: severity(d.severity),
        offset: d.span.start,
        end: d.span.end,
        line: d.line,
        column: d.column,
        path: fixed_text(&d.path.to_string()),
        suggestion: fixed_text(d.suggestion.unwrap_or("")),
        has_related: d.related.is_some(),
        related_offset: related.span.start,
        related_end: related.span.end,
        related_line: related.line,
        related_column: related.column,
    }
}

/// The options as the core takes them, or the option's diagnostic.
unsafe fn options_of<'a>(
    options: *const santral_check_options,
) -> Result<Result<CheckOptions<'a>, Diagnostic>, santral_result> {
    if options.is_null() {
        return Ok(Ok(CheckOptions::default()));
    }
    // SAFETY: non-null, caller-owned for the call.
    let o = unsafe { &*options };
    // SAFETY: NULL or NUL-terminated per the struct's contract.
    let today = unsafe { crate::c_opt(o.today) }?;
    // SAFETY: as above.
    let param_name = unsafe { crate::c_opt(o.param_name) }?;
    Ok(match CheckOptions::from_text(today, param_name) {
        Ok(mut core) => {
            core.max_diagnostics = o.max_diagnostics;
            core.duplicate_leads = o.duplicate_leads;
            Ok(core)
        }
        Err(e) => {
            let value = if e.option == "today" {
                today
            } else {
                param_name
            };
            Err(Diagnostic::from_error(
                e.error,
                0,
                value.unwrap_or("").as_bytes(),
                Path::key(e.option),
            ))
        }
    })
}

pub(crate) fn set_report(out: *mut santral_report, r: &Report, omitted: usize) {
    if !out.is_null() {
        // SAFETY: non-null, caller-owned.
        unsafe {
            *out = santral_report {
                valid: r.valid,
                errors: r.errors,
                warnings: r.warnings,
                diagnostics_omitted: omitted,
            }
        };
    }
}

/// The totals to `report` (may be NULL), and the check's result.
fn verdict(report: *mut santral_report, r: &Report) -> santral_result {
    set_report(report, r, r.diagnostics_omitted);
    if r.valid {
        SANTRAL_OK
    } else {
        SANTRAL_INVALID
    }
}

/// Runs the core's check with a duplicate table sized by the core.
pub(crate) fn run(
    kind: Kind,
    input: &[u8],
    options: &CheckOptions<'_>,
    sink: &mut impl santral_core::diag::Sink,
) -> Report {
    let mut table =
        vec![check::LeadSlot::default(); check::duplicate_table_len(kind, input, options)];
    check::check_with(kind, input, options, &mut table, sink)
}

/// Checks a payload of `kind` (NUL-terminated: `"campaign"`,
/// `"campaign-report"`, `"call-event"`, `"advisory-request"`,
/// `"advisory-response"`, `"crm-settings"`, `"logo-crm"`,
/// `"opencart-request"`, `"opencart-reply"`, `"order-sync-settings"`,
/// `"cdr-list"`, `"cdr-detail"`, `"gateway-config"`), delivering the diagnostics to `callback` (may be
/// NULL) with messages in `lang`. Returns `SANTRAL_OK` when valid,
/// `SANTRAL_INVALID` when not; `report` (may be NULL) gets the totals.
/// An unusable option is `SANTRAL_INVALID_OPTION`, with one diagnostic
/// whose path is the option's name.
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
    ffi_boundary! {
        let kind = try_cstr!(kind);
        let input = try_bytes!(input, len);
        // SAFETY: the options contract.
        let options = match unsafe { options_of(options) } {
            Ok(o) => o,
            Err(r) => return r,
        };
        let Some(kind) = Kind::from_wire(kind) else {
            return SANTRAL_UNKNOWN_KIND;
        };
        let options = match options {
            Ok(o) => o,
            Err(d) => {
                // SAFETY: the callback contract.
                unsafe { deliver(callback, user, &d, lang) };
                return SANTRAL_INVALID_OPTION;
            }
        };
        let mut stopped = false;
        let mut sink = |d: Diagnostic| {
            // SAFETY: the callback contract.
            if !stopped && !unsafe { deliver(callback, user, &d, lang) } {
                stopped = true;
            }
            std::ops::ControlFlow::Continue(())
        };
        let r = run(kind, input, &options, &mut sink);
        verdict(report, &r)
    }
}

/// Like `santral_check`, but stores up to `cap` diagnostics in the
/// caller's array `records`; `*count` receives how many were stored and
/// `report->diagnostics_omitted` how many were not.
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
    ffi_boundary! {
        let kind = try_cstr!(kind);
        let input = try_bytes!(input, len);
        // SAFETY: the options contract.
        let options = match unsafe { options_of(options) } {
            Ok(o) => o,
            Err(r) => return r,
        };
        let count = try_mut!(count);
        if records.is_null() && cap > 0 {
            return SANTRAL_NULL_ARGUMENT;
        }
        let Some(kind) = Kind::from_wire(kind) else {
            return SANTRAL_UNKNOWN_KIND;
        };
        let mut n = 0usize;
        let mut store = |d: &Diagnostic| {
            if n < cap {
                // SAFETY: n < cap and `records` holds `cap` elements.
                unsafe { *records.add(n) = record_of(d) };
                n += 1;
            }
        };
        let mut options = match options {
            Ok(o) => o,
            Err(d) => {
                store(&d);
                *count = n;
                return SANTRAL_INVALID_OPTION;
            }
        };
        // The array is the cap when it is the smaller one.
        options.max_diagnostics = options.max_diagnostics.min(cap);
        let r = run(kind, input, &options, &mut |d: Diagnostic| {
            store(&d);
            std::ops::ControlFlow::Continue(())
        });
        *count = n;
        verdict(report, &r)
    }
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
    ffi_boundary! {
        let kind = try_cstr!(kind);
        let input = try_bytes!(input, len);
        // SAFETY: the options contract.
        let options = match unsafe { options_of(options) } {
            Ok(Ok(o)) => o,
            Ok(Err(_)) => return SANTRAL_INVALID_OPTION,
            Err(r) => return r,
        };
        let Some(kind) = Kind::from_wire(kind) else {
            return SANTRAL_UNKNOWN_KIND;
        };
        let r = run(kind, input, &options, &mut Counter::default());
        let mut json = String::new();
        let _ = r.write_summary_json(&mut json);
        match write_text!(&json, buf, cap, out_len) {
            SANTRAL_OK if !r.valid => SANTRAL_INVALID,
            other => other,
        }
    }
}

/// Writes the known fields of a webhook form (`kind` `call-event` or
/// `campaign-report`) as one JSON object of decoded strings into `buf`
/// (`{"event_type":"answer",…}`): the fields santral checks, by their
/// declared names — what a receiver hands its callback once
/// `santral_check` found the body valid. `SANTRAL_UNKNOWN_KIND` for a kind
/// that is not a form.
#[no_mangle]
pub unsafe extern "C" fn santral_form_fields_json(
    kind: *const c_char,
    input: *const u8,
    len: usize,
    buf: *mut c_char,
    cap: usize,
    out_len: *mut usize,
) -> santral_result {
    ffi_boundary! {
        let kind = try_cstr!(kind);
        let input = try_bytes!(input, len);
        let Some(kind) = Kind::from_wire(kind) else {
            return SANTRAL_UNKNOWN_KIND;
        };
        let mut json = String::new();
        match check::write_form_fields_json(kind, input, &mut json) {
            Ok(true) => write_text!(&json, buf, cap, out_len),
            _ => SANTRAL_UNKNOWN_KIND,
        }
    }
}
