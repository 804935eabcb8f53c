//! The API operations for `santral.Client`: the core writes each request
//! and reads each reply (`santral_core::api`); this module converts
//! arguments and results, nothing else. Also the rate buckets, CDR
//! windows and the address rules the client and the webhook kit use.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};
use pyo3::IntoPyObjectExt;
use santral_core::api::records::{list_items, Cell, Row};
use santral_core::api::{Bucket, Call, Operation, Pool, Success};
use santral_core::cdr::{FlowStep, Lenient, Record};
use santral_core::diag::{Diagnostic, Path};
use santral_core::net::Cidr;
use santral_core::phone::Phone;
use santral_core::time::Timestamp;

use crate::{diagnostic, input_bytes, new_phone, raise, stamp, PyDiagnostic};

/// A parameter parsed by the core, or `SantralError` at its name.
fn typed<'a, T>(
    py: Python<'_>,
    name: &'static str,
    value: Option<&'a str>,
    parse: impl FnOnce(&'a str) -> Result<T, santral_core::Error>,
) -> PyResult<Option<T>> {
    match value {
        None => Ok(None),
        Some(s) => parse(s).map(Some).map_err(|e| {
            let d = Diagnostic::from_error(e, 0, s.as_bytes(), Path::key(name));
            raise(py, "SantralError", &d)
        }),
    }
}

/// A keyword argument as the text every face sends: a string as it is,
/// a boolean `true`/`false`, a number in decimal, a list or tuple its
/// items joined by commas, bytes as UTF-8; `None` is not sent.
fn wire_text(v: &Bound<'_, PyAny>) -> PyResult<Option<String>> {
    if v.is_none() {
        return Ok(None);
    }
    if let Ok(b) = v.extract::<bool>() {
        if v.is_instance_of::<pyo3::types::PyBool>() {
            return Ok(Some(if b { "true" } else { "false" }.to_string()));
        }
    }
    if let Ok(s) = v.extract::<String>() {
        return Ok(Some(s));
    }
    if v.is_instance_of::<PyBytes>() {
        return String::from_utf8(input_bytes(v)?.into_owned())
            .map(Some)
            .map_err(|_| PyValueError::new_err("not UTF-8"));
    }
    if v.is_instance_of::<PyList>() || v.is_instance_of::<pyo3::types::PyTuple>() {
        let mut items = Vec::new();
        for item in v.try_iter()? {
            if let Some(t) = wire_text(&item?)? {
                items.push(t);
            }
        }
        return Ok(Some(items.join(",")));
    }
    Ok(Some(v.str()?.to_string()))
}

/// What `request` gives back to Python.
/// One request as the core writes it (`santral.api.Prepared`). `valid`
/// is false when the core found an error (`diagnostics` says which): do
/// not send it. `redacted` is the request for a log (the key masked).
#[pyclass(name = "Prepared", module = "santral.api", frozen, get_all)]
pub(crate) struct PyPrepared {
    operation: &'static str,
    method: &'static str,
    target: String,
    content_type: Option<&'static str>,
    body: Py<PyBytes>,
    redacted: String,
    idempotent: bool,
    pool: &'static str,
    valid: bool,
    diagnostics: Vec<PyDiagnostic>,
}

#[pymethods]
impl PyPrepared {
    fn __repr__(&self) -> String {
        // The target and a form body carry the key: show the redacted form.
        format!(
            "Prepared({:?}, valid={})",
            self.redacted,
            if self.valid { "True" } else { "False" }
        )
    }
}

/// The key as every log line shows it (`K1234…9012`: the core's
/// `MaskedKey`).
#[pyfunction]
pub(crate) fn masked_key(key: &str) -> String {
    santral_core::api::MaskedKey(key).to_string()
}

/// Builds the request of `operation` from keyword arguments (the core's
/// `api::Call`) as a `Prepared`. A request that breaks a rule
/// comes back with `valid` false and every diagnostic (the client raises
/// before sending).
#[pyfunction]
#[pyo3(signature = (operation, **kwargs))]
pub(crate) fn api_request(
    py: Python<'_>,
    operation: &str,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<PyPrepared> {
    let op = Operation::from_option(operation)
        .map_err(|e| PyValueError::new_err(format!("operation: {e}")))?;
    let mut key = String::new();
    let mut owned: Vec<(String, String)> = Vec::new();
    if let Some(kw) = kwargs {
        for (name, value) in kw.iter() {
            let name: String = name.extract()?;
            let Some(text) =
                wire_text(&value).map_err(|e| PyValueError::new_err(format!("{name}: {e}")))?
            else {
                continue;
            };
            if name == "key" {
                key = text;
            } else {
                owned.push((name, text));
            }
        }
    }
    let pairs: Vec<(&str, &str)> = owned
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let call = Call::new(op, &key, &pairs);
    let mut diags = Vec::new();
    let valid = call.check(&mut |d: Diagnostic| {
        diags.push(diagnostic(&d));
        std::ops::ControlFlow::Continue(())
    });
    let body = call.body().to_string();
    let target = call.target().to_string();
    let redacted = call.redacted().to_string();
    let method = call.method().as_str();
    let content_type = call.content_type();
    Ok(PyPrepared {
        operation: op.as_str(),
        method,
        target,
        content_type,
        body: PyBytes::new(py, body.as_bytes()).unbind(),
        redacted,
        idempotent: op.is_idempotent(),
        pool: op.pool().as_str(),
        valid,
        diagnostics: diags,
    })
}

/// The operation table, for the generated client and the docs:
/// `[(name, method, path, summary, reply, record_type, idempotent, pool,
/// [(param, place, kind, required, doc)], published success body,
/// [(status, failure text, code, assumed)])]`.
#[pyfunction]
pub(crate) fn api_operations() -> Vec<OperationTuple> {
    use santral_core::api::operations::{Kind, Reply};
    Operation::ALL
        .iter()
        .map(|op| {
            let spec = op.spec();
            let record = match spec.reply {
                Reply::Records(t) => Some(t.name),
                _ => None,
            };
            let params = spec
                .params
                .iter()
                .map(|p| {
                    let kind = match p.kind {
                        Kind::Bool => "bool",
                        Kind::Id | Kind::Range(..) => "int",
                        Kind::IdList | Kind::ExtensionList => "list",
                        Kind::DataUrl { .. } => "data_url",
                        Kind::JsonDocument => "document",
                        Kind::Stamp => "stamp",
                        _ => "text",
                    };
                    (p.name, p.place.as_str(), kind, p.required, p.doc)
                })
                .collect();
            (
                op.as_str(),
                spec.method.as_str(),
                spec.path,
                spec.summary,
                spec.reply.name(),
                record,
                spec.idempotent,
                spec.pool.as_str(),
                params,
                spec.success,
                spec.failures
                    .iter()
                    .map(|f| (f.status, f.text, f.code.id(), f.assumed))
                    .collect(),
            )
        })
        .collect()
}

/// One row of `api_operations`.
type OperationTuple = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
    bool,
    &'static str,
    Vec<(&'static str, &'static str, &'static str, bool, &'static str)>,
    &'static str,
    Vec<(u16, &'static str, &'static str, bool)>,
);

/// One record table: `(type name, [(field, type, doc)])`.
type RecordTable = (
    &'static str,
    Vec<(&'static str, &'static str, &'static str)>,
);

/// The record tables: `[(type name, [(field, type, doc)])]`.
#[pyfunction]
pub(crate) fn api_records() -> Vec<RecordTable> {
    santral_core::api::records::ALL
        .iter()
        .map(|t| {
            (
                t.name,
                t.fields
                    .iter()
                    .map(|f| (f.name, f.ty.name(), f.doc))
                    .collect(),
            )
        })
        .collect()
}

/// A reply's dict being filled: a lenient field goes in as its value, or
/// as `None` with its raw text under `malformed`.
struct Fields<'d, 'py> {
    out: &'d Bound<'py, PyDict>,
    malformed: &'d Bound<'py, PyDict>,
}

impl<'py> Fields<'_, 'py> {
    fn lenient<T>(
        &self,
        field: &str,
        value: &Lenient<'_, T>,
        convert: impl FnOnce(&T) -> PyResult<Bound<'py, PyAny>>,
    ) -> PyResult<()> {
        let v = match value {
            Lenient::Value(v) => Some(convert(v)?),
            Lenient::Raw(s) => {
                self.malformed
                    .set_item(field, String::from_utf8_lossy(s.raw()).into_owned())?;
                None
            }
            Lenient::Absent | Lenient::Null => None,
        };
        self.out.set_item(field, v)
    }
}

fn json_text(s: Option<santral_core::json::JsonStr<'_>>) -> Option<String> {
    s.map(|s| {
        let mut buf = vec![0u8; s.raw().len()];
        santral_core::json::text(s, &mut buf)
            .map(str::to_owned)
            .unwrap_or_else(|| String::from_utf8_lossy(s.raw()).into_owned())
    })
}

fn any<'py, T: IntoPyObject<'py>>(py: Python<'py>, v: T) -> PyResult<Bound<'py, PyAny>> {
    v.into_bound_py_any(py)
}

fn phone_any<'py>(py: Python<'py>, p: &Phone) -> PyResult<Bound<'py, PyAny>> {
    new_phone(py, p.national_number(), p).map(|b| b.into_any())
}

/// A call record as a dict (malformed values under `malformed`, raw).
fn record_dict<'py>(py: Python<'py>, r: &Record<'_>) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    let bad = PyDict::new(py);
    let f = Fields {
        out: &d,
        malformed: &bad,
    };
    let ts = |t: &Timestamp| any(py, stamp(Some(*t)));
    let secs = |x: &santral_core::time::Duration| any(py, x.seconds);
    let flag = |b: &bool| any(py, *b);
    f.lenient("start_stamp", &r.start_stamp, ts)?;
    f.lenient("answer_stamp", &r.answer_stamp, ts)?;
    f.lenient("end_stamp", &r.end_stamp, ts)?;
    f.lenient("direction", &r.direction, |x| any(py, x.as_str()))?;
    f.lenient("caller_id_number", &r.caller_id_number, |p| {
        phone_any(py, p)
    })?;
    d.set_item("caller_id_name", json_text(r.caller_id_name))?;
    f.lenient("destination_number", &r.destination_number, |p| {
        phone_any(py, p)
    })?;
    d.set_item("destination_name", json_text(r.destination_name))?;
    f.lenient("duration", &r.duration, secs)?;
    f.lenient("talk_duration", &r.talk_duration, secs)?;
    f.lenient("queue_wait_seconds", &r.queue_wait_seconds, secs)?;
    d.set_item("queue", json_text(r.queue))?;
    d.set_item("result", json_text(r.result))?;
    f.lenient("missed", &r.missed, flag)?;
    f.lenient("return_uuid", &r.return_uuid, |s| {
        any(py, json_text(Some(*s)))
    })?;
    f.lenient("recording_present", &r.recording_present, flag)?;
    f.lenient("sip_hangup_disposition", &r.sip_hangup_disposition, |x| {
        any(py, x.as_str())
    })?;
    d.set_item("call_uuid", json_text(r.call_uuid))?;
    d.set_item("malformed", bad)?;
    Ok(d)
}

fn step_dict<'py>(py: Python<'py>, s: &FlowStep<'_>) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    let bad = PyDict::new(py);
    let f = Fields {
        out: &d,
        malformed: &bad,
    };
    let ts = |t: &Timestamp| any(py, stamp(Some(*t)));
    let text_of = |s: &santral_core::json::JsonStr<'_>| any(py, json_text(Some(*s)));
    f.lenient("destination_number", &s.destination_number, |p| {
        phone_any(py, p)
    })?;
    f.lenient("start_stamp", &s.start_stamp, ts)?;
    f.lenient("answer_stamp", &s.answer_stamp, ts)?;
    f.lenient("end_stamp", &s.end_stamp, ts)?;
    f.lenient("duration", &s.duration, |x| any(py, x.seconds))?;
    f.lenient("ip_address", &s.ip_address, |ip| any(py, ip.to_string()))?;
    d.set_item("sip_user_agent", json_text(s.sip_user_agent))?;
    f.lenient("write_codec", &s.write_codec, text_of)?;
    f.lenient("read_codec", &s.read_codec, text_of)?;
    d.set_item("result", json_text(s.result))?;
    d.set_item("malformed", bad)?;
    Ok(d)
}

/// `(kind, value, extra, diagnostics)`.
type ReplyTuple<'py> = (
    &'static str,
    Bound<'py, PyAny>,
    Bound<'py, PyAny>,
    Vec<PyDiagnostic>,
);

/// A reply as the core read it: `kind` (a success's kind, or `failure`),
/// `value` and `extra` (see `santral.api.Reply`; for a failure `value` is
/// the `Failure`), and the diagnostics.
#[pyclass(name = "ReadReply", module = "santral._native", frozen, get_all)]
pub(crate) struct PyReadReply {
    kind: &'static str,
    value: Py<PyAny>,
    extra: Py<PyAny>,
    diagnostics: Vec<PyDiagnostic>,
}

/// The PBX's failure: its code, the status it sent, whether the same
/// request may pass later, the text with a key masked.
#[pyclass(name = "Failure", module = "santral._native", frozen, get_all)]
pub(crate) struct PyFailure {
    code: &'static str,
    status: u16,
    transient: bool,
    text: String,
}

/// Reads a reply of `operation`.
#[pyfunction]
pub(crate) fn api_reply(
    py: Python<'_>,
    operation: &str,
    status: u16,
    body: &Bound<'_, PyAny>,
) -> PyResult<PyReadReply> {
    let (kind, value, extra, diagnostics) = read_reply(py, operation, status, body)?;
    Ok(PyReadReply {
        kind,
        value: value.unbind(),
        extra: extra.unbind(),
        diagnostics,
    })
}

fn read_reply<'py>(
    py: Python<'py>,
    operation: &str,
    status: u16,
    body: &Bound<'_, PyAny>,
) -> PyResult<ReplyTuple<'py>> {
    let op = Operation::from_option(operation)
        .map_err(|e| PyValueError::new_err(format!("operation: {e}")))?;
    let bytes = input_bytes(body)?;
    let mut diags = Vec::new();
    let mut sink = |d: Diagnostic| {
        diags.push(diagnostic(&d));
        std::ops::ControlFlow::Continue(())
    };
    let none = py.None().into_bound(py);
    let reply = op.read_reply(status, &bytes, &mut sink);
    let (kind, value, extra) = match reply {
        Ok(Success::CampaignCreated(id)) => ("campaign_created", any(py, id.get())?, none.clone()),
        Ok(Success::Ok) => ("ok", none.clone(), none.clone()),
        Ok(Success::CrmSettings(c)) => {
            let d = PyDict::new(py);
            d.set_item("ringing", c.ringing.as_str())?;
            d.set_item("answered", c.answered.as_str())?;
            d.set_item("hangup", c.hangup.as_str())?;
            d.set_item("notification_url", json_text(Some(c.notification_url)))?;
            ("crm_settings", d.into_any(), none.clone())
        }
        Ok(Success::CallStarted(u)) => ("call_started", any(py, u.as_str())?, none.clone()),
        Ok(Success::Cdrs(page)) => {
            let records = PyList::empty(py);
            let mut failed = None;
            let summary = page.read(&mut sink, |r| {
                push(&records, &mut failed, record_dict(py, r))
            });
            if let Some(e) = failed {
                return Err(e);
            }
            let pagination = pagination_dict(py, summary.pagination)?;
            if summary.errors > 0 {
                return Ok(("failure", unreadable(py, status, &bytes)?, none, diags));
            }
            ("cdrs", records.into_any(), pagination)
        }
        Ok(Success::Cdr(detail)) => {
            let steps = PyList::empty(py);
            let mut failed = None;
            let record = detail.read(&mut sink, |s| {
                if let Err(e) = step_dict(py, s).and_then(|d| steps.append(d)) {
                    failed.get_or_insert(e);
                }
            });
            if let Some(e) = failed {
                return Err(e);
            }
            match record {
                Some(r) => ("cdr", record_dict(py, &r)?.into_any(), steps.into_any()),
                None => {
                    return Ok(("failure", unreadable(py, status, &bytes)?, none, diags));
                }
            }
        }
        Ok(Success::Id(id)) => ("id", any(py, id.get())?, none.clone()),
        Ok(Success::Dnd { extension, state }) => (
            "dnd",
            any(py, extension.as_str())?,
            any(py, state.as_str())?,
        ),
        Ok(Success::Url { url, expires_at }) => (
            "url",
            any(py, json_text(Some(url)))?,
            any(py, json_text(expires_at))?,
        ),
        Ok(Success::Token(t)) => ("token", any(py, t)?, none.clone()),
        Ok(Success::Records(list)) => {
            let records = PyList::empty(py);
            let mut failed = None;
            let summary = list.read(&mut sink, |row| {
                push(&records, &mut failed, row_dict(py, row))
            });
            if let Some(e) = failed {
                return Err(e);
            }
            if summary.errors > 0 {
                return Ok(("failure", unreadable(py, status, &bytes)?, none, diags));
            }
            let pagination = pagination_dict(py, summary.pagination)?;
            ("records", records.into_any(), pagination)
        }
        Err(f) => {
            // The status the PBX sent (a 401 where a page shows one).
            let failure = PyFailure {
                code: f.code().id(),
                status,
                transient: f.is_transient(),
                text: f.redacted().to_string(),
            };
            return Ok(("failure", any(py, failure)?, none, diags));
        }
    };
    Ok((kind, value, extra, diags))
}

/// Appends a converted record to `list`; a conversion error is kept in
/// `failed` and stops the reading.
fn push<'py>(
    list: &Bound<'py, PyList>,
    failed: &mut Option<PyErr>,
    item: PyResult<Bound<'py, PyDict>>,
) -> std::ops::ControlFlow<()> {
    match item.and_then(|d| list.append(d)) {
        Ok(()) => std::ops::ControlFlow::Continue(()),
        Err(e) => {
            *failed = Some(e);
            std::ops::ControlFlow::Break(())
        }
    }
}

/// A list's pagination as a dict, or `None`.
fn pagination_dict<'py>(
    py: Python<'py>,
    p: Option<santral_core::cdr::Pagination>,
) -> PyResult<Bound<'py, PyAny>> {
    let Some(p) = p else {
        return Ok(py.None().into_bound(py));
    };
    let d = PyDict::new(py);
    d.set_item("page", p.page)?;
    d.set_item("total_count", p.total_count)?;
    d.set_item("total_pages", p.total_pages)?;
    d.set_item("limit", p.limit)?;
    Ok(d.into_any())
}

/// A 200 whose records do not read: an unexpected reply, its first 200
/// characters kept.
fn unreadable<'py>(py: Python<'py>, status: u16, body: &[u8]) -> PyResult<Bound<'py, PyAny>> {
    let text: String = String::from_utf8_lossy(body).chars().take(200).collect();
    any(
        py,
        PyFailure {
            code: santral_core::Code::ResponseUnexpected.id(),
            status,
            transient: false,
            text,
        },
    )
}

/// A record as a dict: each field sent, a timestamp as the core's
/// tuple, a list as a list; a malformed value `None` with its text under
/// `malformed` (present only when there is one).
fn row_dict<'py>(py: Python<'py>, row: &Row<'_>) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    let bad = PyDict::new(py);
    for (f, c) in row.iter() {
        if let Cell::Raw(raw) = c {
            bad.set_item(f.name, String::from_utf8_lossy(raw).into_owned())?;
        }
        if let Some(v) = cell_value(py, c)? {
            d.set_item(f.name, v)?;
        }
    }
    if !bad.is_empty() {
        d.set_item("malformed", bad)?;
    }
    Ok(d)
}

fn cell_value<'py>(py: Python<'py>, c: &Cell<'_>) -> PyResult<Option<Bound<'py, PyAny>>> {
    Ok(Some(match c {
        Cell::Absent => return Ok(None),
        Cell::Null | Cell::Raw(_) => py.None().into_bound(py),
        Cell::Int(n) => any(py, *n)?,
        Cell::Bool(b) => any(py, *b)?,
        Cell::Text(t) => any(py, json_text(Some(*t)))?,
        Cell::Stamp(t) => any(py, stamp(Some(*t)))?,
        Cell::List(raw) => {
            let items = PyList::empty(py);
            let mut failed = None;
            list_items(raw, |item| {
                let v = cell_value(py, &item)
                    .and_then(|v| items.append(v.unwrap_or_else(|| py.None().into_bound(py))));
                if let Err(e) = v {
                    failed.get_or_insert(e);
                }
            });
            if let Some(e) = failed {
                return Err(e);
            }
            items.into_any()
        }
    }))
}

/// One of the vendor's rate budgets, as a token bucket on the caller's
/// clock (milliseconds).
#[pyclass(module = "santral", name = "RateBucket")]
pub(crate) struct PyBucket {
    bucket: Bucket,
}

#[pymethods]
impl PyBucket {
    #[new]
    fn new(pool: &str) -> PyResult<Self> {
        let pool =
            Pool::from_option(pool).map_err(|e| PyValueError::new_err(format!("pool: {e}")))?;
        Ok(PyBucket {
            bucket: Bucket::new(pool.budget()),
        })
    }

    /// Takes a token at `now_ms`: `None`, or the milliseconds to wait.
    fn take(&mut self, now_ms: u64) -> Option<u64> {
        self.bucket.take(now_ms).err()
    }

    /// `(units, at_ms)`: the state to save (a pacer shared through a file).
    fn state(&self) -> (u64, u64) {
        self.bucket.state()
    }

    /// A bucket of `pool` in a saved state.
    #[staticmethod]
    fn resume(pool: &str, units: u64, at_ms: u64) -> PyResult<Self> {
        let pool =
            Pool::from_option(pool).map_err(|e| PyValueError::new_err(format!("pool: {e}")))?;
        Ok(PyBucket {
            bucket: Bucket::resume(pool.budget(), units, at_ms),
        })
    }
}

/// Every pool's budget: `{pool: (requests, per_seconds, burst)}`.
#[pyfunction]
pub(crate) fn rate_budgets() -> Vec<(&'static str, u32, u32, u32)> {
    Pool::ALL
        .iter()
        .map(|p| {
            let b = p.budget();
            (p.as_str(), b.requests, b.per_seconds, b.burst)
        })
        .collect()
}

/// `from..=to` as windows the PBX accepts (each at most 31 days, UTC).
#[pyfunction]
pub(crate) fn cdr_windows(
    py: Python<'_>,
    start: &str,
    end: &str,
) -> PyResult<Vec<(String, String)>> {
    let a = typed(py, "start_stamp_from", Some(start), Timestamp::parse)?;
    let b = typed(py, "start_stamp_to", Some(end), Timestamp::parse)?;
    Ok(match (a, b) {
        (Some(a), Some(b)) => santral_core::cdr::windows(a, b)
            .map(|(x, y)| (x.to_string(), y.to_string()))
            .collect(),
        _ => Vec::new(),
    })
}

pub(crate) fn cidrs(py: Python<'_>, list: &[String]) -> PyResult<Vec<Cidr>> {
    list.iter()
        .map(|s| {
            Cidr::parse(s).map_err(|e| {
                let d = Diagnostic::from_error(e, 0, s.as_bytes(), Path::key("allow"));
                raise(py, "SantralError", &d)
            })
        })
        .collect()
}

/// The vendor's own addresses (`194.49.126.36/32`, …).
#[pyfunction]
pub(crate) fn vendor_addresses() -> Vec<String> {
    santral_core::net::VENDOR_ADDRESSES
        .iter()
        .map(|c| c.to_string())
        .collect()
}

/// Checks address blocks; raises `SantralError` on one that does not parse.
#[pyfunction]
pub(crate) fn check_cidrs(py: Python<'_>, list: Vec<String>) -> PyResult<Vec<String>> {
    Ok(cidrs(py, &list)?.iter().map(|c| c.to_string()).collect())
}

/// The client behind `peer` (`X-Forwarded-For` counts only from
/// `trusted_proxies`; every header line joined by `, `, as bytes or text)
/// and whether it is in `allow`: `(client, allowed)`. A client that cannot
/// be known (the peer is not an address, or a trusted proxy forwarded no
/// address) is `"unknown"`, not allowed.
#[pyfunction]
#[pyo3(signature = (peer, x_forwarded_for, allow, trusted_proxies))]
pub(crate) fn client_allowed(
    py: Python<'_>,
    peer: &str,
    x_forwarded_for: Option<&Bound<'_, PyAny>>,
    allow: Vec<String>,
    trusted_proxies: Vec<String>,
) -> PyResult<(String, bool)> {
    let allow = cidrs(py, &allow)?;
    let proxies = cidrs(py, &trusted_proxies)?;
    let forwarded = x_forwarded_for
        .filter(|v| !v.is_none())
        .map(input_bytes)
        .transpose()?;
    let a = santral_core::net::admit(peer, forwarded.as_deref(), &allow, &proxies);
    Ok(match a.client {
        Some(client) => (client.to_string(), a.allowed),
        None => ("unknown".to_string(), false),
    })
}

/// The digits parameter a routing response's prompt sets (`None` for the
/// default, or when the response is not a prompt), and whether the
/// response is valid: `(valid, param_name, diagnostics)`.
#[pyfunction]
pub(crate) fn advisory_response_info(
    body: &Bound<'_, PyAny>,
) -> PyResult<(bool, Option<String>, Vec<PyDiagnostic>)> {
    let bytes = input_bytes(body)?;
    let mut diags = Vec::new();
    let mut errors = 0;
    let action = santral_core::advisory::parse_response(&bytes, &mut |d: Diagnostic| {
        errors += usize::from(d.severity == santral_core::Severity::Error);
        diags.push(diagnostic(&d));
        std::ops::ControlFlow::Continue(())
    });
    let param = match &action {
        Some(santral_core::advisory::Action::Prompt(p)) => p.param_name.map(|n| {
            let mut buf = vec![0u8; n.raw().len()];
            santral_core::json::text(n, &mut buf)
                .unwrap_or("")
                .to_string()
        }),
        _ => None,
    };
    Ok((action.is_some() && errors == 0, param, diags))
}

/// A file as the data URL the PBX takes (the core's `api::call::DataUrl`).
#[pyfunction]
#[pyo3(signature = (mime, name, data, url_safe))]
pub(crate) fn data_url(mime: &str, name: Option<&str>, data: &[u8], url_safe: bool) -> String {
    santral_core::api::call::DataUrl {
        mime,
        name,
        data,
        url_safe,
    }
    .to_string()
}
