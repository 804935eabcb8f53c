//! The API operations for `santral.Client`: the core writes each request
//! and reads each reply (`santral_core::api`); this module converts
//! arguments and results, nothing else. Also the rate buckets, CDR
//! windows and the address rules the client and the webhook kit use.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};
use pyo3::IntoPyObjectExt;
use santral_core::api::{Bucket, Operation, Pool, Request, Success};
use santral_core::cdr::{FlowStep, Lenient, Query, Record, RecordingFilter};
use santral_core::diag::{Diagnostic, Path};
use santral_core::event::Direction;
use santral_core::lexical::{CallUuid, Extension, Id, OnOff};
use santral_core::net::Cidr;
use santral_core::originate::Originate;
use santral_core::phone::{Options as PhoneOptions, Phone};
use santral_core::time::Timestamp;

use crate::{diag_tuple, input_bytes, new_phone, raise, stamp, DiagTuple};

/// A parameter of `kwargs` as text.
fn text(kwargs: &Bound<'_, PyDict>, name: &str) -> PyResult<Option<String>> {
    match kwargs.get_item(name)? {
        Some(v) if !v.is_none() => {
            if let Ok(s) = v.extract::<String>() {
                Ok(Some(s))
            } else {
                Ok(Some(v.str()?.to_string()))
            }
        }
        _ => Ok(None),
    }
}

fn int(kwargs: &Bound<'_, PyDict>, name: &str) -> PyResult<Option<u64>> {
    match kwargs.get_item(name)? {
        Some(v) if !v.is_none() => Ok(Some(v.extract::<u64>()?)),
        _ => Ok(None),
    }
}

fn boolean(kwargs: &Bound<'_, PyDict>, name: &str) -> PyResult<Option<bool>> {
    match kwargs.get_item(name)? {
        Some(v) if !v.is_none() => Ok(Some(v.extract::<bool>()?)),
        _ => Ok(None),
    }
}

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

fn id_param(py: Python<'_>, name: &'static str, value: Option<u64>) -> PyResult<Option<Id>> {
    match value {
        None => Ok(None),
        Some(n) => Id::new(n).map(Some).ok_or_else(|| {
            let e = santral_core::Error::new(
                santral_core::Code::IdInvalid,
                santral_core::Span::new(0, 0),
            );
            raise(py, "SantralError", &Diagnostic::field(e, name))
        }),
    }
}

fn required<T>(py: Python<'_>, name: &'static str, value: Option<T>) -> PyResult<T> {
    value.ok_or_else(|| {
        let e = santral_core::Error::new(
            santral_core::Code::JsonMissingField,
            santral_core::Span::new(0, 0),
        );
        raise(py, "SantralError", &Diagnostic::field(e, name))
    })
}

/// The owned texts a request borrows.
#[derive(Default)]
struct Texts {
    key: String,
    body: String,
    url: String,
    extension: String,
    call_uuid: String,
    caller_id_number: Option<String>,
    destination_number: Option<String>,
    queue: Option<String>,
}

/// What `request` gives back to Python.
type RequestTuple = (
    &'static str,
    String,
    Option<&'static str>,
    Py<PyBytes>,
    String,
    bool,
    &'static str,
    bool,
    Vec<DiagTuple>,
);

/// Builds the request of `operation` from keyword arguments:
/// `(method, target, content_type, body, redacted, idempotent, pool,
/// valid, diagnostics)`. A parameter the core cannot read raises
/// `SantralError` at its name; a request that breaks a rule comes back
/// with `valid` false and its diagnostics (the client raises before
/// sending).
#[pyfunction]
#[pyo3(signature = (operation, **kwargs))]
pub(crate) fn api_request(
    py: Python<'_>,
    operation: &str,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<RequestTuple> {
    let op = Operation::from_option(operation)
        .map_err(|e| PyValueError::new_err(format!("operation: {e}")))?;
    let empty = PyDict::new(py);
    let kw = kwargs.unwrap_or(&empty);
    let mut t = Texts {
        key: text(kw, "key")?.unwrap_or_default(),
        ..Texts::default()
    };
    if let Some(body) = kw.get_item("body")?.filter(|b| !b.is_none()) {
        t.body = String::from_utf8(input_bytes(&body)?.into_owned())
            .map_err(|_| PyValueError::new_err("body: not UTF-8"))?;
    }
    t.url = text(kw, "notification_url")?.unwrap_or_default();
    t.extension = text(kw, "extension")?.unwrap_or_default();
    t.call_uuid = text(kw, "call_uuid")?.unwrap_or_default();
    t.caller_id_number = text(kw, "caller_id_number")?;
    t.destination_number = text(kw, "destination_number")?;
    t.queue = text(kw, "queue")?;
    let phone = |s: &str| Phone::parse_with(s, PhoneOptions::DEFAULT);
    let on_off = |name: &'static str| -> PyResult<Option<OnOff>> {
        typed(py, name, text(kw, name)?.as_deref(), OnOff::parse)
    };
    let request = match op {
        Operation::CreateCampaign => Request::CreateCampaign { body: &t.body },
        Operation::DeleteCampaign => Request::DeleteCampaign {
            key: &t.key,
            id: required(py, "id", id_param(py, "id", int(kw, "id")?)?)?,
        },
        Operation::SetCampaignStatus => Request::SetCampaignStatus {
            key: &t.key,
            id: required(py, "id", id_param(py, "id", int(kw, "id")?)?)?,
            status: required(py, "status", on_off("status")?)?,
        },
        Operation::GetCrmSettings => Request::GetCrmSettings { key: &t.key },
        Operation::UpdateCrmSettings => Request::UpdateCrmSettings(santral_core::crm::Update {
            key: &t.key,
            ringing: on_off("ringing")?,
            answered: on_off("answered")?,
            hangup: on_off("hangup")?,
            notification_url: &t.url,
        }),
        Operation::Originate => {
            let extension = typed(
                py,
                "extension",
                Some(t.extension.as_str()),
                Extension::parse,
            )?;
            let destination = typed(
                py,
                "destination",
                text(kw, "destination")?.as_deref(),
                phone,
            )?;
            let mut o = Originate::new(
                &t.key,
                required(py, "extension", extension)?,
                required(py, "destination", destination)?,
            );
            o.caller_id = typed(py, "caller_id", text(kw, "caller_id")?.as_deref(), phone)?;
            o.manual_answer = boolean(kw, "manual_answer")?.unwrap_or(false);
            o.timeout = int(kw, "timeout")?.and_then(|n| u32::try_from(n).ok());
            o.announcement_to_callee = id_param(
                py,
                "announcement_to_callee",
                int(kw, "announcement_to_callee")?,
            )?;
            o.announcement_to_caller = id_param(
                py,
                "announcement_to_caller",
                int(kw, "announcement_to_caller")?,
            )?;
            Request::Originate(o)
        }
        Operation::ListCdrs => Request::ListCdrs(Query {
            start_stamp_from: typed(
                py,
                "start_stamp_from",
                text(kw, "start_stamp_from")?.as_deref(),
                Timestamp::parse,
            )?,
            start_stamp_to: typed(
                py,
                "start_stamp_to",
                text(kw, "start_stamp_to")?.as_deref(),
                Timestamp::parse,
            )?,
            recording_present: typed(
                py,
                "recording_present",
                text(kw, "recording_present")?.as_deref(),
                RecordingFilter::parse,
            )?,
            direction: typed(
                py,
                "direction",
                text(kw, "direction")?.as_deref(),
                Direction::parse,
            )?,
            caller_id_number: t.caller_id_number.as_deref(),
            missed: boolean(kw, "missed")?,
            destination_number: t.destination_number.as_deref(),
            queue: t.queue.as_deref(),
            limit: int(kw, "limit")?.and_then(|n| u32::try_from(n).ok()),
            page: int(kw, "page")?.and_then(|n| u32::try_from(n).ok()),
            ..Query::new(&t.key)
        }),
        Operation::GetCdr => Request::GetCdr {
            key: &t.key,
            call_uuid: required(
                py,
                "call_uuid",
                typed(py, "call_uuid", Some(t.call_uuid.as_str()), CallUuid::parse)?,
            )?,
        },
    };
    let mut diags = Vec::new();
    let valid = request.check(&mut |d: Diagnostic| {
        diags.push(diag_tuple(&d));
        std::ops::ControlFlow::Continue(())
    });
    let target = request.target().to_string();
    let body = request.body().to_string();
    let redacted = request.redacted().to_string();
    Ok((
        request.method().as_str(),
        target,
        request.content_type(),
        PyBytes::new(py, body.as_bytes()).unbind(),
        redacted,
        op.is_idempotent(),
        op.pool().as_str(),
        valid,
        diags,
    ))
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
    Vec<DiagTuple>,
);

/// Reads a reply of `operation`: `("success", kind, value, warnings)` or
/// `("failure", (code, status, transient, text), None, diagnostics)`.
#[pyfunction]
pub(crate) fn api_reply<'py>(
    py: Python<'py>,
    operation: &str,
    status: u16,
    body: &Bound<'_, PyAny>,
) -> PyResult<ReplyTuple<'py>> {
    let op = Operation::from_option(operation)
        .map_err(|e| PyValueError::new_err(format!("operation: {e}")))?;
    let bytes = input_bytes(body)?;
    // Any request of the operation reads its replies the same way.
    let placeholder = placeholder(op);
    let mut diags = Vec::new();
    let mut sink = |d: Diagnostic| {
        diags.push(diag_tuple(&d));
        std::ops::ControlFlow::Continue(())
    };
    let none = py.None().into_bound(py);
    let reply = placeholder.request().read_reply(status, &bytes, &mut sink);
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
                match record_dict(py, r).and_then(|d| records.append(d)) {
                    Ok(()) => std::ops::ControlFlow::Continue(()),
                    Err(e) => {
                        failed = Some(e);
                        std::ops::ControlFlow::Break(())
                    }
                }
            });
            if let Some(e) = failed {
                return Err(e);
            }
            let pagination = match summary.pagination {
                Some(p) => {
                    let d = PyDict::new(py);
                    d.set_item("page", p.page)?;
                    d.set_item("total_count", p.total_count)?;
                    d.set_item("total_pages", p.total_pages)?;
                    d.set_item("limit", p.limit)?;
                    d.into_any()
                }
                None => none.clone(),
            };
            if summary.errors > 0 {
                let text = String::from_utf8_lossy(&bytes)
                    .chars()
                    .take(200)
                    .collect::<String>();
                let f = (
                    santral_core::Code::ResponseUnexpected.id(),
                    status,
                    false,
                    text,
                );
                return Ok(("failure", any(py, f)?, none, diags));
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
                    let text = String::from_utf8_lossy(&bytes)
                        .chars()
                        .take(200)
                        .collect::<String>();
                    let f = (
                        santral_core::Code::ResponseUnexpected.id(),
                        status,
                        false,
                        text,
                    );
                    return Ok(("failure", any(py, f)?, none, diags));
                }
            }
        }
        Err(f) => {
            let t = (
                f.code().id(),
                f.status(),
                f.is_transient(),
                f.redacted().to_string(),
            );
            return Ok(("failure", any(py, t)?, none, diags));
        }
    };
    Ok((kind, value, extra, diags))
}

/// A request of an operation with fixed arguments (replies are read by
/// the operation alone).
enum Placeholder {
    Op(Operation),
}

fn placeholder(op: Operation) -> Placeholder {
    Placeholder::Op(op)
}

impl Placeholder {
    fn request(&self) -> Request<'static> {
        const KEY: &str = santral_core::api::SAMPLE_KEY;
        let Placeholder::Op(op) = self;
        let Some(id) = Id::new(1) else {
            return Request::GetCrmSettings { key: KEY };
        };
        match op {
            Operation::CreateCampaign => Request::CreateCampaign { body: "" },
            Operation::DeleteCampaign => Request::DeleteCampaign { key: KEY, id },
            Operation::SetCampaignStatus => Request::SetCampaignStatus {
                key: KEY,
                id,
                status: OnOff::On,
            },
            Operation::GetCrmSettings => Request::GetCrmSettings { key: KEY },
            Operation::UpdateCrmSettings => Request::UpdateCrmSettings(santral_core::crm::Update {
                key: KEY,
                ringing: None,
                answered: None,
                hangup: None,
                notification_url: "",
            }),
            Operation::Originate => {
                match (Extension::parse("1001"), Phone::parse("908505320000")) {
                    (Ok(e), Ok(p)) => Request::Originate(Originate::new(KEY, e, p)),
                    _ => Request::GetCrmSettings { key: KEY },
                }
            }
            Operation::ListCdrs => Request::ListCdrs(Query::new(KEY)),
            Operation::GetCdr => match CallUuid::parse("a-1") {
                Ok(call_uuid) => Request::GetCdr {
                    key: KEY,
                    call_uuid,
                },
                Err(_) => Request::GetCrmSettings { key: KEY },
            },
        }
    }
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

fn cidrs(py: Python<'_>, list: &[String]) -> PyResult<Vec<Cidr>> {
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
/// `trusted_proxies`) and whether it is in `allow`: `(client, allowed)`.
#[pyfunction]
#[pyo3(signature = (peer, x_forwarded_for, allow, trusted_proxies))]
pub(crate) fn client_allowed(
    py: Python<'_>,
    peer: &str,
    x_forwarded_for: Option<&str>,
    allow: Vec<String>,
    trusted_proxies: Vec<String>,
) -> PyResult<(String, bool)> {
    let allow = cidrs(py, &allow)?;
    let proxies = cidrs(py, &trusted_proxies)?;
    let Ok(peer) = peer.parse() else {
        return Ok((peer.to_string(), false));
    };
    let client = santral_core::net::client_address(peer, x_forwarded_for, &proxies);
    Ok((
        client.to_string(),
        santral_core::net::is_allowed(&allow, client),
    ))
}

/// The digits parameter a routing response's prompt sets (`None` for the
/// default, or when the response is not a prompt), and whether the
/// response is valid: `(valid, param_name, diagnostics)`.
#[pyfunction]
pub(crate) fn advisory_response_info(
    body: &Bound<'_, PyAny>,
) -> PyResult<(bool, Option<String>, Vec<DiagTuple>)> {
    let bytes = input_bytes(body)?;
    let mut diags = Vec::new();
    let mut errors = 0;
    let action = santral_core::advisory::parse_response(&bytes, &mut |d: Diagnostic| {
        errors += usize::from(d.severity == santral_core::Severity::Error);
        diags.push(diag_tuple(&d));
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
