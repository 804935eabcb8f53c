//! The receiving side (`santral::receiver`): what a C or PHP plugin
//! answers a request the PBX sent, and what it hands over. The plugin
//! reads the request off its server, calls `santral_receive`, writes the
//! answer back; the allow-list, routes, pings, bounds and every byte of
//! the answer are the core's.

use std::ffi::c_char;

use santral_core::receiver::{self, Answer, Config, Outcome, Request, Route};

use crate::net::lists;
use crate::santral_result::{self, *};
use crate::{fixed_text, santral_error};

/// A receiver's settings. NULL means the default: the vendor's
/// addresses, no trusted proxy, no secret, `/events`, `/reports`,
/// `/advisory`, 1 MiB; an empty path turns its route off.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct santral_receiver {
    /// Comma-separated blocks allowed to call (`194.49.126.0/24, 127.0.0.1`).
    pub allow: *const c_char,
    /// Comma-separated proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: *const c_char,
    /// A secret first path segment (`/<secret>/events`).
    pub secret: *const c_char,
    /// The call events' path.
    pub events_path: *const c_char,
    /// The campaign reports' path.
    pub reports_path: *const c_char,
    /// The Santral Programlama path.
    pub advisory_path: *const c_char,
    /// The largest body taken; 0: 1 MiB.
    pub body_limit: usize,
}

/// An HTTP request as it arrived.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct santral_http_request {
    /// `"POST"`, `"GET"`…
    pub method: *const c_char,
    /// The path as on the request line (no query).
    pub path: *const c_char,
    /// The query string without `?`; NULL: none.
    pub query: *const c_char,
    /// The peer as the server gives it (`127.0.0.1`, `[::1]:8080`).
    pub peer: *const c_char,
    /// Every `X-Forwarded-For` line joined by `", "`; NULL: no header.
    pub forwarded_for: *const c_char,
    /// The `Content-Type` header; NULL: none.
    pub content_type: *const c_char,
    /// Whether `Content-Length` was declared.
    pub has_content_length: bool,
    /// The declared `Content-Length` (over the limit, the body need not
    /// be read: pass it empty).
    pub content_length: u64,
    /// The body's bytes (NULL only with `body_len` 0).
    pub body: *const c_char,
    /// The body's length.
    pub body_len: usize,
}

/// The answer's head. The texts are NUL-terminated; an absent one empty.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct santral_answer {
    /// The status code.
    pub status: u16,
    /// The reason phrase (`Method Not Allowed`).
    pub reason: [c_char; 32],
    /// The `Content-Type` header.
    pub content_type: [c_char; 32],
    /// The `Allow` header (on a 405), else empty.
    pub allow: [c_char; 8],
    /// What to hand over: `call-event`, `campaign-report`, `advisory-request`, or
    /// empty (answer and hand nothing over).
    pub handover: [c_char; 24],
}

fn head(a: &Answer<'_>, handover: &str) -> santral_answer {
    santral_answer {
        status: a.status(),
        reason: fixed_text(a.reason()),
        content_type: fixed_text(a.content_type()),
        allow: fixed_text(a.allow().unwrap_or("")),
        handover: fixed_text(handover),
    }
}

/// A route's path: NULL the core's default, empty off.
fn path_or<'a>(p: Option<&'a str>, default: Option<&'a str>) -> Option<&'a str> {
    match p {
        None => default,
        Some("") => None,
        Some(p) => Some(p),
    }
}

/// Decides a request: `answer` gets the head, `body` the body to write
/// (for a value handed over, the `200` to write once the plugin has it),
/// `key` the idempotency key of a call event or campaign report (a
/// resend has the same key: answer it the same, do not process it
/// twice) or a routing query's call uuid — else empty. Then, by
/// `answer->handover`: nothing; or parse the body with
/// `santral_check`/`santral_form_fields` and process it; or read the
/// query with `santral_advisory_read` and answer with
/// `santral_advisory_answer`.
///
/// A setting that does not parse is `SANTRAL_INVALID_OPTION` (its
/// diagnostic in `error`); a buffer too small `SANTRAL_INSUFFICIENT_SIZE`
/// with both lengths set to the capacities needed.
#[no_mangle]
pub unsafe extern "C" fn santral_receive(
    receiver: *const santral_receiver,
    request: *const santral_http_request,
    answer: *mut santral_answer,
    body: *mut c_char,
    body_cap: usize,
    body_len: *mut usize,
    key: *mut c_char,
    key_cap: usize,
    key_len: *mut usize,
    error: *mut santral_error,
) -> santral_result {
    ffi_boundary! {
        let settings = try_ref!(receiver);
        let req = try_ref!(request);
        let out = try_mut!(answer);
        let _ = try_mut!(body_len);
        let _ = try_mut!(key_len);
        let (allow, proxies) = match lists(try_cstr_opt!(settings.allow), try_cstr_opt!(settings.trusted_proxies)) {
            Ok(l) => l,
            Err(d) => {
                set_error!(error, d);
                return SANTRAL_INVALID_OPTION;
            }
        };
        let d = Config::default();
        let config = Config {
            allow: &allow,
            trusted_proxies: &proxies,
            secret: try_cstr_opt!(settings.secret),
            events_path: path_or(try_cstr_opt!(settings.events_path), d.events_path),
            reports_path: path_or(try_cstr_opt!(settings.reports_path), d.reports_path),
            advisory_path: path_or(try_cstr_opt!(settings.advisory_path), d.advisory_path),
            body_limit: if settings.body_limit == 0 { d.body_limit } else { settings.body_limit },
        };
        let raw = |p: *const c_char| {
            // SAFETY: the contract: NULL or a NUL-terminated string.
            (!p.is_null()).then(|| unsafe { std::ffi::CStr::from_ptr(p) }.to_bytes())
        };
        let body_bytes: &[u8] = if req.body_len == 0 { b"" } else { try_bytes!(req.body.cast::<u8>(), req.body_len) };
        let method = try_cstr!(req.method);
        let Some(path) = raw(req.path) else { return SANTRAL_NULL_ARGUMENT };
        let peer = try_cstr!(req.peer);
        let received = receiver::receive(
            &config,
            &Request {
                method,
                path,
                query: raw(req.query).unwrap_or(b""),
                peer,
                forwarded_for: raw(req.forwarded_for),
                content_type: raw(req.content_type),
                content_length: req.has_content_length.then_some(req.content_length),
                body: body_bytes,
            },
        );
        let (a, handover, k) = match received.outcome {
            Outcome::Answer(a) => (a, "", String::new()),
            Outcome::CallEvent(e) => (Answer::Ok, Route::Events.handover(), e.idempotency_key().to_string()),
            Outcome::CampaignReport(r) => (Answer::Ok, Route::Reports.handover(), r.idempotency_key().to_string()),
            Outcome::Advisory(q) => (Answer::Ok, Route::Advisory.handover(), q.uuid().map(|u| {
                let mut buf = vec![0u8; u.raw().len()];
                u.decode_into(&mut buf).unwrap_or_default().to_owned()
            }).unwrap_or_default()),
        };
        *out = head(&a, handover);
        let text = a.body().to_string();
        both(&text, body, body_cap, body_len, &k, key, key_cap, key_len)
    }
}

/// Writes two texts; when either buffer is short, `SANTRAL_INSUFFICIENT_SIZE`
/// with both lengths set to the capacities needed (NUL included), so one
/// retry with buffers of those sizes succeeds.
#[allow(clippy::too_many_arguments)]
fn both(
    a: &str,
    a_buf: *mut c_char,
    a_cap: usize,
    a_len: *mut usize,
    b: &str,
    b_buf: *mut c_char,
    b_cap: usize,
    b_len: *mut usize,
) -> santral_result {
    let first = write_text!(a, a_buf, a_cap, a_len);
    let second = write_text!(b, b_buf, b_cap, b_len);
    match (first, second) {
        (SANTRAL_OK, SANTRAL_OK) => SANTRAL_OK,
        (SANTRAL_OK | SANTRAL_INSUFFICIENT_SIZE, SANTRAL_OK | SANTRAL_INSUFFICIENT_SIZE) => {
            // SAFETY: write_text checked both out-pointers (non-null).
            unsafe {
                *a_len = a.len() + 1;
                *b_len = b.len() + 1;
            }
            SANTRAL_INSUFFICIENT_SIZE
        }
        // Any other failure is the one to report.
        (SANTRAL_OK | SANTRAL_INSUFFICIENT_SIZE, r) | (r, _) => r,
    }
}

/// Reads a routing query (`query` without `?`) with the digits parameter
/// the call's step before named (`param_name`, NULL: `digits`):
/// `SANTRAL_OK` with the request as JSON in `body` (`uuid`, `cli`, `cld`,
/// `step`, `error`, `result`, the digits under `digits`; answer the PBX
/// with `santral_advisory_answer`), or `SANTRAL_INVALID` with the `400` to
/// write in `answer` and `body`.
#[no_mangle]
pub unsafe extern "C" fn santral_advisory_read(
    query: *const c_char,
    param_name: *const c_char,
    answer: *mut santral_answer,
    body: *mut c_char,
    body_cap: usize,
    body_len: *mut usize,
) -> santral_result {
    ffi_boundary! {
        let query = try_cstr!(query);
        let param = try_cstr_opt!(param_name);
        let out = try_mut!(answer);
        match receiver::AdvisoryQuery::new(query.as_bytes()).read(param) {
            Ok(request) => write_text!(&request.json().to_string(), body, body_cap, body_len),
            Err(a) => {
                *out = head(&a, "");
                match write_text!(&a.body().to_string(), body, body_cap, body_len) {
                    SANTRAL_OK => SANTRAL_INVALID,
                    r => r,
                }
            }
        }
    }
}

/// The answer to a routing query: the handler's `response` (NULL: none,
/// or it failed) when the core accepts it, else `fallback` (NULL: hang
/// up; set your operators' queue) — never silence. `param_name` gets the
/// digits parameter the chosen response's prompt names (empty: `digits`)
/// to remember for the call's next step; `fell_back` whether the
/// fallback was chosen.
#[no_mangle]
pub unsafe extern "C" fn santral_advisory_answer(
    response: *const c_char,
    fallback: *const c_char,
    answer: *mut santral_answer,
    body: *mut c_char,
    body_cap: usize,
    body_len: *mut usize,
    param_name: *mut c_char,
    param_cap: usize,
    param_len: *mut usize,
    fell_back: *mut bool,
) -> santral_result {
    ffi_boundary! {
        let response = try_cstr_opt!(response);
        let fallback = try_cstr_opt!(fallback).unwrap_or(receiver::DEFAULT_FALLBACK);
        let out = try_mut!(answer);
        let fell = try_mut!(fell_back);
        let a = receiver::advisory_answer(response, fallback);
        *out = head(&a.answer, "");
        *fell = a.fell_back;
        both(&a.answer.body().to_string(), body, body_cap, body_len, a.param_name().unwrap_or(""), param_name, param_cap, param_len)
    }
}

/// The answer when the plugin's handler failed on a value handed over:
/// `500` (the PBX may send it again).
#[no_mangle]
pub unsafe extern "C" fn santral_handler_failed(
    answer: *mut santral_answer,
    body: *mut c_char,
    body_cap: usize,
    body_len: *mut usize,
) -> santral_result {
    ffi_boundary! {
        let out = try_mut!(answer);
        *out = head(&Answer::HandlerFailed, "");
        write_text!(&Answer::HandlerFailed.body().to_string(), body, body_cap, body_len)
    }
}
