//! Every API operation from C: one generic pair — prepare an operation's
//! request into caller buffers (`santral_api_prepare`) and read its reply
//! (`santral_api_read_reply`) — over the core's `api::Call` and
//! `Operation::read_reply`. The operations are named by their wire names
//! (`"hangup"`), listed by `santral_api_operation_count`/`_name`; a C
//! plugin sends the bytes with any HTTP client (examples/c/api_curl.c
//! uses libcurl).

use std::ffi::{c_char, c_void, CString};

use santral_core::api::records::{list_items, Cell};
use santral_core::api::{Call, Operation, Success};
use santral_core::diag::Diagnostic;
use santral_core::json::JsonStr;

use crate::check::{deliver, santral_diagnostic_callback};
use crate::santral_result::{self, *};

/// One parameter: its wire name and value (both NUL-terminated UTF-8).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct santral_api_param {
    /// The vendor's name (`"call_uuid"`).
    pub name: *const c_char,
    /// The value as text (`"true"`, `"30"`, `"1000,1001"`).
    pub value: *const c_char,
}

/// The caller's buffers for a prepared request's texts: each
/// NUL-terminated on success; each `*_len` receives the text's length, or
/// the capacity needed (NUL included) on `SANTRAL_INSUFFICIENT_SIZE`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct santral_api_buffers {
    /// The path and percent-encoded query, to append to the base URL.
    pub target: *mut c_char,
    /// `target`'s capacity.
    pub target_cap: usize,
    /// `target`'s length out.
    pub target_len: usize,
    /// The body (empty when there is none).
    pub body: *mut c_char,
    /// `body`'s capacity.
    pub body_cap: usize,
    /// `body`'s length out.
    pub body_len: usize,
    /// Method and target with the key masked, for a log line.
    pub redacted: *mut c_char,
    /// `redacted`'s capacity.
    pub redacted_cap: usize,
    /// `redacted`'s length out.
    pub redacted_len: usize,
}

/// What a prepared request is, beside its target and body.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct santral_api_request {
    /// `"GET"`, `"POST"`, `"PUT"`, `"PATCH"` or `"DELETE"` (static).
    pub method: *const c_char,
    /// The body's `Content-Type` (static), or NULL when there is no body.
    pub content_type: *const c_char,
    /// True when a lost reply may be resent.
    pub idempotent: bool,
    /// The rate pool it counts in (static, e.g. `"originate"`).
    pub pool: *const c_char,
    /// Errors found (the request must not be sent when non-zero).
    pub errors: usize,
}

/// How many operations there are (45).
#[no_mangle]
pub extern "C" fn santral_api_operation_count() -> usize {
    Operation::ALL.len()
}

/// The wire name of the operation at `index` (static), or NULL.
#[no_mangle]
pub extern "C" fn santral_api_operation_name(index: usize) -> *const c_char {
    Operation::ALL
        .get(index)
        .map_or(std::ptr::null(), |o| o.c_str().as_ptr())
}

/// Prepares a request of `operation` (NUL-terminated, e.g. `"hangup"`)
/// with `key` and `n` parameters: its target (path and query, to append
/// to the base URL), body (empty when `info->content_type` is NULL) and
/// redacted form into `out`'s buffers. Every diagnostic
/// goes to `callback` (may be NULL) in `lang`. Returns `SANTRAL_OK`, or
/// `SANTRAL_INVALID` when a rule fails (the request is still written, for
/// a log; do not send it), `SANTRAL_UNKNOWN_KIND` for an unknown
/// operation, `SANTRAL_INSUFFICIENT_SIZE` with every length set to what
/// is needed (call again with larger buffers).
#[no_mangle]
pub unsafe extern "C" fn santral_api_prepare(
    operation: *const c_char,
    key: *const c_char,
    params: *const santral_api_param,
    n: usize,
    lang: u32,
    callback: santral_diagnostic_callback,
    user: *mut c_void,
    out: *mut santral_api_buffers,
    info: *mut santral_api_request,
) -> santral_result {
    ffi_boundary! {
        let Some(op) = Operation::from_wire(try_cstr!(operation)) else {
            return SANTRAL_UNKNOWN_KIND;
        };
        let key = try_cstr!(key);
        if params.is_null() && n > 0 {
            return SANTRAL_NULL_ARGUMENT;
        }
        let mut pairs = Vec::with_capacity(n);
        for i in 0..n {
            // SAFETY: the caller promises `n` readable entries.
            let p = unsafe { &*params.add(i) };
            pairs.push((try_cstr!(p.name), try_cstr!(p.value)));
        }
        let info = try_mut!(info);
        let out = try_mut!(out);
        let call = Call::new(op, key, &pairs);
        let mut errors = 0;
        let valid = call.check(&mut |d: Diagnostic| {
            errors += usize::from(d.severity == santral_core::Severity::Error);
            // SAFETY: the callback contract.
            unsafe { deliver(callback, user, &d, lang) };
            std::ops::ControlFlow::Continue(())
        });
        *info = santral_api_request {
            method: op.method().c_str().as_ptr(),
            content_type: match call.content_type() {
                Some("application/json") => c"application/json".as_ptr(),
                Some(_) => c"application/x-www-form-urlencoded".as_ptr(),
                None => std::ptr::null(),
            },
            idempotent: op.is_idempotent(),
            pool: op.pool().c_str().as_ptr(),
            errors,
        };
        let t = write_text!(&call.target().to_string(), out.target, out.target_cap, &mut out.target_len);
        let b = write_text!(&call.body().to_string(), out.body, out.body_cap, &mut out.body_len);
        let r = write_text!(&call.redacted().to_string(), out.redacted, out.redacted_cap, &mut out.redacted_len);
        for w in [t, b, r] {
            if w != SANTRAL_OK {
                return w;
            }
        }
        if valid { SANTRAL_OK } else { SANTRAL_INVALID }
    }
}

/// A reply read: which success (or failure) it is, and its scalar values.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct santral_api_reply {
    /// `"ok"`, `"id"`, `"campaign_created"`, `"call_started"`, `"dnd"`,
    /// `"url"`, `"token"`, `"records"`, `"crm_settings"`, `"cdrs"`, `"cdr"`,
    /// or `"failure"` (static).
    pub kind: *const c_char,
    /// The id (`id`, `campaign_created`), else 0.
    pub id: u64,
    /// For a failure: its code number; else 0.
    pub code: u32,
    /// For a failure: true when the same request may pass later.
    pub transient: bool,
    /// Records read (`records`, `cdrs`; 1 for `cdr` and `crm_settings`).
    pub records: usize,
    /// Steps of a `cdr`'s call flow.
    pub steps: usize,
    /// True when the reply had a `pagination` object (the next four).
    pub has_pagination: bool,
    /// This page.
    pub page: u64,
    /// Records in the whole list.
    pub total_count: u64,
    /// Pages in the whole list.
    pub total_pages: u64,
    /// Records a page.
    pub limit: u64,
}

/// Receives each field of each record: its record's index, the field's
/// name (static), its value as JSON text (a number, a string, `true`,
/// `false`, `null`, an array; a timestamp as an ISO 8601 string), and the
/// raw text of a value without its documented form (then the value is
/// `null`) or NULL; valid during the call. Return 0 to continue.
pub type santral_api_field_callback = Option<
    unsafe extern "C" fn(
        user: *mut c_void,
        record: usize,
        name: *const c_char,
        value_json: *const c_char,
        malformed: *const c_char,
    ) -> i32,
>;

/// Reads a reply of `operation` (status and body as received): `*reply`
/// says which success or failure it is; `text` gets its text value — a
/// uuid, URL, token, DND extension (`"1010 on"`), or a failure's text
/// with any echoed key masked — NUL-terminated; each record's fields go
/// to `on_field` (may be NULL). Returns `SANTRAL_OK` for a success,
/// `SANTRAL_INVALID` for a failure, `SANTRAL_UNKNOWN_KIND` for an
/// unknown operation.
#[no_mangle]
pub unsafe extern "C" fn santral_api_read_reply(
    operation: *const c_char,
    status: u16,
    body: *const u8,
    len: usize,
    reply: *mut santral_api_reply,
    text: *mut c_char,
    text_cap: usize,
    text_len: *mut usize,
    on_field: santral_api_field_callback,
    user: *mut c_void,
) -> santral_result {
    ffi_boundary! {
        let Some(op) = Operation::from_wire(try_cstr!(operation)) else {
            return SANTRAL_UNKNOWN_KIND;
        };
        let body = try_bytes!(body, len);
        let out = try_mut!(reply);
        *out = santral_api_reply {
            kind: c"failure".as_ptr(),
            id: 0,
            code: 0,
            transient: false,
            records: 0,
            steps: 0,
            has_pagination: false,
            page: 0,
            total_count: 0,
            total_pages: 0,
            limit: 0,
        };
        let mut fields = Fields { callback: on_field, user, stopped: false };
        let mut sink = santral_core::diag::Counter::default();
        let unreadable = |out: &mut santral_api_reply| {
            out.kind = c"failure".as_ptr();
            out.code = santral_core::Code::ResponseUnexpected.number();
            let t: String = String::from_utf8_lossy(body).chars().take(200).collect();
            t
        };
        let value: String = match op.read_reply(status, body, &mut sink) {
            Err(f) => {
                out.code = f.code().number();
                out.transient = f.is_transient();
                f.redacted().to_string()
            }
            Ok(success) => {
                let (kind, value) = match success {
                    Success::Ok => (c"ok", String::new()),
                    Success::CampaignCreated(id) => {
                        out.id = id.get();
                        (c"campaign_created", String::new())
                    }
                    Success::Id(id) => {
                        out.id = id.get();
                        (c"id", String::new())
                    }
                    Success::CallStarted(u) => (c"call_started", u.as_str().to_string()),
                    Success::Dnd { extension, state } => {
                        (c"dnd", format!("{} {}", extension.as_str(), state.as_str()))
                    }
                    Success::Url { url, expires_at } => {
                        if let Some(e) = expires_at {
                            fields.field(0, c"expires_at", &json_string(e), None);
                        }
                        (c"url", url.to_string())
                    }
                    Success::Token(t) => (c"token", t.to_string()),
                    Success::CrmSettings(c) => {
                        out.records = 1;
                        for (name, v) in [(c"ringing", c.ringing), (c"answered", c.answered), (c"hangup", c.hangup)] {
                            fields.field(0, name, &format!("\"{}\"", v.as_str()), None);
                        }
                        fields.field(0, c"notification_url", &json_string(c.notification_url), None);
                        (c"crm_settings", String::new())
                    }
                    Success::Cdrs(page) => {
                        let summary = page.read(&mut sink, |r| {
                            let at = out.records;
                            out.records += 1;
                            let uuid = r.call_uuid.map_or("null".to_string(), json_string);
                            fields.field(at, c"call_uuid", &uuid, None);
                            if fields.stopped { std::ops::ControlFlow::Break(()) } else { std::ops::ControlFlow::Continue(()) }
                        });
                        if summary.errors > 0 {
                            let t = unreadable(out);
                            return finish(t, text, text_cap, text_len, SANTRAL_INVALID);
                        }
                        pagination(out, summary.pagination);
                        (c"cdrs", String::new())
                    }
                    Success::Cdr(detail) => {
                        let mut steps = 0;
                        match detail.read(&mut sink, |_| steps += 1) {
                            Some(r) => {
                                out.records = 1;
                                out.steps = steps;
                                let uuid = r.call_uuid.map_or("null".to_string(), json_string);
                                fields.field(0, c"call_uuid", &uuid, None);
                                (c"cdr", String::new())
                            }
                            None => {
                                let t = unreadable(out);
                                return finish(t, text, text_cap, text_len, SANTRAL_INVALID);
                            }
                        }
                    }
                    Success::Records(list) => {
                        let summary = list.read(&mut sink, |row| {
                            let at = out.records;
                            out.records += 1;
                            for (f, c) in row.iter() {
                                if *c == Cell::Absent {
                                    continue;
                                }
                                let name = CString::new(f.name).unwrap_or_default();
                                let malformed = match c {
                                    Cell::Raw(raw) => Some(String::from_utf8_lossy(raw).into_owned()),
                                    _ => None,
                                };
                                fields.field(at, &name, &cell_json(c), malformed.as_deref());
                            }
                            if fields.stopped { std::ops::ControlFlow::Break(()) } else { std::ops::ControlFlow::Continue(()) }
                        });
                        if summary.errors > 0 {
                            let t = unreadable(out);
                            return finish(t, text, text_cap, text_len, SANTRAL_INVALID);
                        }
                        pagination(out, summary.pagination);
                        (c"records", String::new())
                    }
                };
                out.kind = kind.as_ptr();
                value
            }
        };
        let result = if out.code == 0 { SANTRAL_OK } else { SANTRAL_INVALID };
        finish(value, text, text_cap, text_len, result)
    }
}

/// Writes the text value and returns `result` (or the write's failure).
fn finish(
    value: String,
    text: *mut c_char,
    cap: usize,
    len: *mut usize,
    result: santral_result,
) -> santral_result {
    if text.is_null() && cap == 0 && len.is_null() {
        return result;
    }
    let w = write_text!(&value, text, cap, len);
    if w == SANTRAL_OK {
        result
    } else {
        w
    }
}

fn pagination(out: &mut santral_api_reply, p: Option<santral_core::cdr::Pagination>) {
    if let Some(p) = p {
        out.has_pagination = true;
        out.page = p.page;
        out.total_count = p.total_count;
        out.total_pages = p.total_pages;
        out.limit = p.limit;
    }
}

/// Hands fields to the caller's callback (until it says stop).
struct Fields {
    callback: santral_api_field_callback,
    user: *mut c_void,
    stopped: bool,
}

impl Fields {
    fn field(&mut self, record: usize, name: &std::ffi::CStr, json: &str, malformed: Option<&str>) {
        let Some(cb) = self.callback else { return };
        if self.stopped {
            return;
        }
        let json = CString::new(json).unwrap_or_default();
        let bad = malformed.map(|m| CString::new(m.replace('\0', "")).unwrap_or_default());
        let bad_ptr = bad.as_ref().map_or(std::ptr::null(), |b| b.as_ptr());
        // SAFETY: the callback contract: valid pointers for the call.
        let r = unsafe { cb(self.user, record, name.as_ptr(), json.as_ptr(), bad_ptr) };
        self.stopped = r != 0;
    }
}

/// A JSON string literal of a decoded text.
fn json_string(s: JsonStr<'_>) -> String {
    let mut out = String::new();
    let _ = santral_core::write::write_string(&mut out, &s.to_string());
    out
}

/// A cell as JSON text (see `santral_api_field_callback`).
fn cell_json(c: &Cell<'_>) -> String {
    match c {
        Cell::Absent | Cell::Null | Cell::Raw(_) => "null".into(),
        Cell::Int(n) => n.to_string(),
        Cell::Bool(b) => b.to_string(),
        Cell::Text(t) => json_string(*t),
        Cell::Stamp(t) => format!("\"{}\"", t.iso()),
        Cell::List(raw) => {
            let mut items = Vec::new();
            list_items(raw, |i| items.push(cell_json(&i)));
            format!("[{}]", items.join(","))
        }
    }
}
