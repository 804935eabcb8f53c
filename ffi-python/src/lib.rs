//! `santral._native`: the pyo3 half of the `santral` wheel. It converts
//! between Python and the core and nothing else; the typed Python API
//! (dataclasses, enums, exceptions) lives in `python/santral/`.
//!
//! Failures are returned as data (`(value, error)` pairs, diagnostic
//! tuples) so the Python layer raises its own exception classes.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};
use santral_core::check::{check as core_check, Kind, Options as CheckOptions, Value};
use santral_core::diag::{Code, Diagnostic, Severity};
use santral_core::form::Encoded;
use santral_core::phone::{Format, Options as PhoneOptions, Phone, PhoneKind};
use santral_core::time::{Timestamp, Zone};

/// `(code id, offset, end)` of a lexical error.
type ErrorTuple = (&'static str, usize, usize);

/// `(severity, code, message, message_tr, path, offset, end, line, column, suggestion)`.
type DiagTuple = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    String,
    usize,
    usize,
    u32,
    u32,
    Option<&'static str>,
);

fn diag_tuple(d: &Diagnostic) -> DiagTuple {
    (
        d.severity.as_str(),
        d.code.id(),
        d.code.message(),
        d.code.message_tr(),
        d.path.to_string(),
        d.span.start,
        d.span.end,
        d.line,
        d.column,
        d.suggestion,
    )
}

fn err_tuple(e: santral_core::Error) -> ErrorTuple {
    (e.code.id(), e.span.start, e.span.end)
}

/// Text from bytes or str.
fn input_bytes<'a>(data: &'a Bound<'_, PyAny>) -> PyResult<std::borrow::Cow<'a, [u8]>> {
    if let Ok(b) = data.cast::<PyBytes>() {
        return Ok(std::borrow::Cow::Owned(b.as_bytes().to_vec()));
    }
    if let Ok(s) = data.cast::<PyString>() {
        return Ok(std::borrow::Cow::Owned(s.to_cow()?.as_bytes().to_vec()));
    }
    Err(PyTypeError::new_err("expected bytes or str"))
}

fn decoded(e: Encoded<'_>) -> String {
    let mut buf = vec![0u8; e.raw().len()];
    match e.decode_into(&mut buf) {
        Ok(s) => s.to_string(),
        Err(_) => String::from_utf8_lossy(e.raw()).into_owned(),
    }
}

/// A parsed phone number (immutable). Formats are computed on access.
#[pyclass(frozen, module = "santral", name = "Phone")]
struct PyPhone {
    /// The caller's own `str` object (no copy).
    input: Py<PyString>,
    phone: Phone,
}

/// Longest formatted number: `+` or `00`, a 3-digit country code and 15
/// digits with spaces, with room to spare.
const FORMAT_BUF: usize = 48;

/// E.164 (`+` and at most 15 digits) or a national fallback (at most
/// `00`, a 3-digit code and 12 digits) in a batch row.
type Short = heapless::String<24>;

/// Formats `p` on the stack (no Rust `String` on the way to Python).
fn format_phone<const N: usize>(p: &Phone, f: Format) -> Option<heapless::String<N>> {
    use std::fmt::Write as _;
    let shown = p.format(f).ok()?;
    let mut text = heapless::String::new();
    write!(text, "{shown}").ok()?;
    Some(text)
}

impl PyPhone {
    fn fmt<'py>(&self, py: Python<'py>, f: Format) -> Option<Bound<'py, PyString>> {
        format_phone::<FORMAT_BUF>(&self.phone, f).map(|s| PyString::new(py, &s))
    }
}

#[pymethods]
impl PyPhone {
    /// The text parsed.
    #[getter]
    fn input<'py>(&self, py: Python<'py>) -> Bound<'py, PyString> {
        self.input.bind(py).clone()
    }
    /// libphonenumber would call it valid (or it is an extension).
    #[getter]
    fn valid(&self) -> bool {
        self.phone.is_valid()
    }
    /// The form and length are right.
    #[getter]
    fn possible(&self) -> bool {
        self.phone.is_possible()
    }
    /// The `santral.PhoneKind` member (`MOBILE`, `FIXED_LINE`, …).
    #[getter]
    fn kind<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        py.import("santral._enums")?
            .getattr("PhoneKind")?
            .call1((self.phone.kind().as_str(),))
    }
    /// Country calling code; 0 for an extension.
    #[getter]
    fn country_code(&self) -> u16 {
        self.phone.country_code()
    }
    /// The national significant number (or the extension's digits).
    #[getter]
    fn national_number(&self) -> &str {
        self.phone.national_number()
    }
    /// `+905321234567`, or None (a 444 number has none).
    #[getter]
    fn e164<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyString>> {
        self.fmt(py, Format::E164)
    }
    /// `905321234567` (`00…` abroad).
    #[getter]
    fn wire<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyString>> {
        self.fmt(py, Format::Wire)
    }
    /// `05321234567`.
    #[getter]
    fn national<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyString>> {
        self.fmt(py, Format::National)
    }
    /// `00905321234567`.
    #[getter]
    fn international<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyString>> {
        self.fmt(py, Format::International)
    }
    /// `0532 123 45 67`.
    #[getter]
    fn display<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyString>> {
        self.fmt(py, Format::Display)
    }
    /// `+90 532 123 45 67`.
    #[getter]
    fn display_international<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyString>> {
        self.fmt(py, Format::DisplayInternational)
    }
    /// The key to store and look the number up by.
    #[getter]
    fn match_key(&self) -> String {
        self.phone.match_key().as_str().to_string()
    }
    /// `phone.unassigned` for a Turkish number in an unassigned range.
    #[getter]
    fn warning(&self) -> Option<&'static str> {
        self.phone.warning().map(|c| c.id())
    }
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        // Python's own reprs, so the text reads like Python.
        let e164 = self.fmt(py, Format::E164).into_pyobject(py)?;
        Ok(format!(
            "Phone(input={}, kind={}, e164={})",
            self.input.bind(py).repr()?,
            PyString::new(py, self.phone.kind().as_str()).repr()?,
            e164.repr()?
        ))
    }
    /// Equal when both denote the same subscriber.
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyPhone>()
            .is_ok_and(|o| o.get().phone == self.phone)
    }
    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.phone.hash(&mut h);
        h.finish()
    }
}

fn new_phone<'py>(py: Python<'py>, input: &str, p: &Phone) -> PyResult<Bound<'py, PyPhone>> {
    phone_object(py, PyString::new(py, input), p)
}

fn phone_object<'py>(
    py: Python<'py>,
    input: Bound<'py, PyString>,
    p: &Phone,
) -> PyResult<Bound<'py, PyPhone>> {
    Bound::new(
        py,
        PyPhone {
            input: input.unbind(),
            phone: *p,
        },
    )
}

fn options(lenient: bool, allow_extension: bool) -> PhoneOptions {
    PhoneOptions {
        lenient,
        allow_extension,
        extension_first: false,
    }
}

/// The library version.
#[pyfunction]
fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// Parses a phone number (strict: digits and a leading `+`; lenient also
/// ignores spaces, `-`, `.`, `(`, `)`, `/`). Raises `PhoneError`.
///
/// Native end to end (no Python wrapper): the call is the hot path of
/// integrators cleaning contact lists.
#[pyfunction]
#[pyo3(signature = (s, *, lenient=false, allow_extension=true))]
fn parse_phone<'py>(
    py: Python<'py>,
    s: &Bound<'py, PyAny>,
    lenient: bool,
    allow_extension: bool,
) -> PyResult<Bound<'py, PyPhone>> {
    let Ok(text) = s.cast::<PyString>() else {
        return Err(PyTypeError::new_err(format!(
            "expected str, not {}",
            s.get_type().name()?
        )));
    };
    // Borrowed from the str object (abi3 >= 3.10 reads its UTF-8 in place).
    match Phone::parse_with(text.to_str()?, options(lenient, allow_extension)) {
        Ok(p) => phone_object(py, text.clone(), &p),
        Err(e) => {
            let kwargs = PyDict::new(py);
            kwargs.set_item("code", e.code.id())?;
            kwargs.set_item("offset", e.span.start)?;
            let err = py
                .import("santral.errors")?
                .getattr("PhoneError")?
                .call((e.code.message(),), Some(&kwargs))?;
            Err(PyErr::from_value(err))
        }
    }
}

/// True when both denote the same subscriber.
#[pyfunction]
fn same_number(a: &str, b: &str) -> bool {
    santral_core::phone::same_number(a, b)
}

/// `(key, None)` or `(None, error)`.
#[pyfunction]
fn match_key(s: &str) -> (Option<String>, Option<ErrorTuple>) {
    match santral_core::phone::match_key(s) {
        Ok(k) => (Some(k.as_str().to_string()), None),
        Err(e) => (None, Some(err_tuple(e))),
    }
}

/// Normalises many numbers with the GIL released: `(e164, kinds, valid, errors)`
/// lists (e164 falls back to the national form for 444 numbers and
/// extensions; `None` with the error code when a value does not parse).
#[pyfunction]
#[pyo3(signature = (values, lenient=true))]
#[allow(clippy::type_complexity)]
fn normalize_phones<'py>(
    py: Python<'py>,
    values: &Bound<'py, PyAny>,
    lenient: bool,
) -> PyResult<(
    Bound<'py, PyList>,
    Bound<'py, PyList>,
    Vec<bool>,
    Bound<'py, PyList>,
)> {
    // Keep every str alive and borrow its UTF-8 in place: no copies in.
    let mut items: Vec<Bound<'py, PyString>> = Vec::new();
    for (i, item) in values.try_iter()?.enumerate() {
        let item = item?;
        let s = item
            .cast_into::<PyString>()
            .map_err(|_| PyTypeError::new_err(format!("item {i} is not a str")))?;
        items.push(s);
    }
    let texts = items
        .iter()
        .map(|s| s.to_str())
        .collect::<PyResult<Vec<&str>>>()?;
    let opts = options(lenient, true);
    /// One number's outcome, formatted on the stack.
    enum Row {
        Ok {
            text: Option<Short>,
            kind: PhoneKind,
            valid: bool,
        },
        Err(Code),
    }
    // One str object per kind name and error code, shared by every row.
    let kind_names: Vec<Bound<'py, PyString>> = PhoneKind::ALL
        .iter()
        .map(|k| PyString::new(py, k.as_str()))
        .collect();
    let kind_object = |k: PhoneKind| {
        PhoneKind::ALL
            .iter()
            .position(|x| *x == k)
            .and_then(|i| kind_names.get(i))
            .map(|o| o.clone().into_any())
    };
    let mut codes: Vec<(Code, Bound<'py, PyString>)> = Vec::new();
    let e164 = PyList::empty(py);
    let kinds = PyList::empty(py);
    let mut valid = Vec::with_capacity(texts.len());
    let errors = PyList::empty(py);
    // In chunks: the rows stay in cache, and the GIL is released for the
    // core's work on each chunk.
    const CHUNK: usize = 256;
    let mut rows: Vec<Row> = Vec::with_capacity(CHUNK);
    for chunk in texts.chunks(CHUNK) {
        rows.clear();
        py.detach(|| {
            rows.extend(chunk.iter().map(|s| {
                match Phone::parse_with(s, opts) {
                    // 444 numbers and extensions have no E.164: national form.
                    Ok(p) => Row::Ok {
                        text: format_phone(&p, Format::E164)
                            .or_else(|| format_phone(&p, Format::National)),
                        kind: p.kind(),
                        valid: p.is_valid(),
                    },
                    Err(e) => Row::Err(e.code),
                }
            }));
        });
        for row in &rows {
            match row {
                Row::Ok {
                    text,
                    kind,
                    valid: v,
                } => {
                    match text {
                        Some(t) => e164.append(PyString::new(py, t))?,
                        None => e164.append(py.None())?,
                    }
                    match kind_object(*kind) {
                        Some(o) => kinds.append(o)?,
                        None => kinds.append(kind.as_str())?,
                    }
                    valid.push(*v);
                    errors.append(py.None())?;
                }
                Row::Err(code) => {
                    e164.append(py.None())?;
                    kinds.append(py.None())?;
                    valid.push(false);
                    let object = match codes.iter().find(|(c, _)| c == code) {
                        Some((_, o)) => o.clone(),
                        None => {
                            let o = PyString::new(py, code.id());
                            codes.push((*code, o.clone()));
                            o
                        }
                    };
                    errors.append(object)?;
                }
            }
        }
    }
    Ok((e164, kinds, valid, errors))
}

/// The Arrow form of `normalize_phones`: reads a string array's offsets
/// (int32 little-endian) and data buffers, writes the E.164 column as new
/// offsets + data + validity bitmap, the kind as one byte per row (index
/// into `phone_kinds()`, 255 for none) and validity as one byte per row.
#[pyfunction]
#[pyo3(signature = (offsets, data, offset, length, validity=None, lenient=true))]
#[allow(clippy::type_complexity)]
fn normalize_arrow<'py>(
    py: Python<'py>,
    offsets: &[u8],
    data: &[u8],
    offset: usize,
    length: usize,
    validity: Option<&[u8]>,
    lenient: bool,
) -> PyResult<(
    Bound<'py, PyBytes>,
    Bound<'py, PyBytes>,
    Bound<'py, PyBytes>,
    Bound<'py, PyBytes>,
    Bound<'py, PyBytes>,
)> {
    // The slices borrow immutable `bytes` objects that outlive this call,
    // so the core reads them with the GIL released, without copies.
    let at = |i: usize| -> Option<usize> {
        let b: [u8; 4] = offsets.get(i * 4..i * 4 + 4)?.try_into().ok()?;
        usize::try_from(i32::from_le_bytes(b)).ok()
    };
    if at(offset + length).is_none() {
        return Err(PyValueError::new_err("offsets buffer too short"));
    }
    let opts = options(lenient, true);
    let result = py.detach(move || {
        // Arrow requires the data buffer to be UTF-8: check it in one pass,
        // then rows are sliced at character boundaries (per row only when
        // the buffer as a whole is not UTF-8).
        let whole = std::str::from_utf8(data).ok();
        let mut out_offsets: Vec<u8> = Vec::with_capacity((length + 1) * 4);
        let mut out_data: Vec<u8> = Vec::with_capacity(length * 14);
        let mut out_valid_bits = vec![0u8; length.div_ceil(8)];
        let mut kinds = Vec::with_capacity(length);
        let mut valid = Vec::with_capacity(length);
        out_offsets.extend_from_slice(&0i32.to_le_bytes());
        for row in 0..length {
            let i = offset + row;
            let present =
                validity.is_none_or(|v| v.get(i / 8).is_some_and(|b| b & (1 << (i % 8)) != 0));
            let text = match (present, at(i), at(i + 1)) {
                (true, Some(a), Some(b)) => match whole {
                    Some(w) => w.get(a..b),
                    None => data.get(a..b).and_then(|s| std::str::from_utf8(s).ok()),
                },
                _ => None,
            };
            let parsed = text.and_then(|t| Phone::parse_with(t, opts).ok());
            match parsed {
                Some(p) => {
                    if let Ok(f) = p
                        .format(Format::E164)
                        .or_else(|_| p.format(Format::National))
                    {
                        let _ = std::fmt::Write::write_fmt(
                            &mut StringSink(&mut out_data),
                            format_args!("{f}"),
                        );
                        if let Some(byte) = out_valid_bits.get_mut(row / 8) {
                            *byte |= 1 << (row % 8);
                        }
                    }
                    kinds.push(
                        PhoneKind::ALL
                            .iter()
                            .position(|k| *k == p.kind())
                            .map_or(255, |x| x as u8),
                    );
                    valid.push(u8::from(p.is_valid()));
                }
                None => {
                    kinds.push(255);
                    valid.push(0);
                }
            }
            let end = i32::try_from(out_data.len()).unwrap_or(i32::MAX);
            out_offsets.extend_from_slice(&end.to_le_bytes());
        }
        (out_offsets, out_data, out_valid_bits, kinds, valid)
    });
    Ok((
        PyBytes::new(py, &result.0),
        PyBytes::new(py, &result.1),
        PyBytes::new(py, &result.2),
        PyBytes::new(py, &result.3),
        PyBytes::new(py, &result.4),
    ))
}

struct StringSink<'a>(&'a mut Vec<u8>);

impl std::fmt::Write for StringSink<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}

fn value_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Int(n) => n.into_pyobject(py)?.into_any(),
        Value::Str(s) => PyString::new(py, s).into_any(),
        Value::Date(d) => PyString::new(py, &d.to_string()).into_any(),
        Value::Time(t) => PyString::new(py, &t.to_string()).into_any(),
        Value::Ints(list) => PyList::new(py, list.iter().copied())?.into_any(),
        Value::Strs(list) => PyList::new(py, list.iter())?.into_any(),
    })
}

/// Checks a payload: `(valid, errors, warnings, diagnostics, summary)`.
#[pyfunction]
#[pyo3(signature = (kind, data, today=None, param_name=None))]
#[allow(clippy::type_complexity)]
fn check<'py>(
    py: Python<'py>,
    kind: &str,
    data: &Bound<'_, PyAny>,
    today: Option<&str>,
    param_name: Option<&str>,
) -> PyResult<(bool, usize, usize, Vec<DiagTuple>, Bound<'py, PyDict>)> {
    let k = Kind::parse(kind).ok_or_else(|| {
        let names: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        PyValueError::new_err(format!(
            "unknown kind {kind:?}; one of {}",
            names.join(", ")
        ))
    })?;
    let today = match today {
        Some(t) => Some(
            santral_core::time::Date::parse(t)
                .map_err(|e| PyValueError::new_err(format!("today: {}", e.code.message())))?,
        ),
        None => None,
    };
    let bytes = input_bytes(data)?;
    let mut diags = Vec::new();
    let report = core_check(
        k,
        &bytes,
        &CheckOptions { today, param_name },
        &mut |d: Diagnostic| {
            diags.push(diag_tuple(&d));
            std::ops::ControlFlow::Continue(())
        },
    );
    let summary = PyDict::new(py);
    for (name, value) in &report.summary {
        summary.set_item(*name, value_py(py, value)?)?;
    }
    Ok((report.valid, report.errors, report.warnings, diags, summary))
}

/// A timestamp as `(year, month, day, hour, minute, second, zone)`, zone
/// `None` (unspecified), `0` (UTC) or minutes east of UTC.
type StampTuple = (u16, u8, u8, u8, u8, u8, Option<i16>);

fn stamp(t: Option<Timestamp>) -> Option<StampTuple> {
    t.map(|t| {
        let zone = match t.zone {
            Zone::Unspecified => None,
            Zone::Utc => Some(0),
            Zone::Offset(m) => Some(m),
        };
        (
            t.date.year(),
            t.date.month(),
            t.date.day(),
            t.time.hour(),
            t.time.minute(),
            t.second,
            zone,
        )
    })
}

fn opt_phone<'py>(py: Python<'py>, p: Option<Phone>) -> PyResult<Option<Bound<'py, PyPhone>>> {
    p.map(|p| new_phone(py, p.national_number(), &p))
        .transpose()
}

/// Parses a call-event body: `(dict or None, diagnostics, is_ping)`.
#[pyfunction]
fn parse_call_event<'py>(
    py: Python<'py>,
    body: &Bound<'_, PyAny>,
) -> PyResult<(Option<Bound<'py, PyDict>>, Vec<DiagTuple>, bool)> {
    let bytes = input_bytes(body)?;
    if santral_core::form::is_verification_ping(&bytes) {
        return Ok((None, Vec::new(), true));
    }
    let mut diags = Vec::new();
    let parsed = santral_core::event::CallEvent::parse(&bytes, &mut |d: Diagnostic| {
        diags.push(diag_tuple(&d));
        std::ops::ControlFlow::Continue(())
    });
    let Some(e) = parsed else {
        return Ok((None, diags, false));
    };
    let d = PyDict::new(py);
    d.set_item("event_type", e.event_type.as_str())?;
    d.set_item("domain_id", e.domain_id.map(|i| i.get()))?;
    d.set_item("direction", e.direction.as_str())?;
    d.set_item("caller_id_number", opt_phone(py, e.caller_id_number)?)?;
    d.set_item(
        "outbound_caller_id_number",
        opt_phone(py, e.outbound_caller_id_number)?,
    )?;
    d.set_item("destination_number", opt_phone(py, e.destination_number)?)?;
    d.set_item("dialed_user", opt_phone(py, e.dialed_user)?)?;
    d.set_item("connected_user", opt_phone(py, e.connected_user)?)?;
    d.set_item("call_uuid", decoded(e.call_uuid))?;
    d.set_item("start_stamp", stamp(e.start_stamp))?;
    d.set_item("answer_stamp", stamp(e.answer_stamp))?;
    d.set_item("end_stamp", stamp(e.end_stamp))?;
    d.set_item("duration", e.duration.map(|x| x.seconds))?;
    d.set_item("recording_present", e.recording_present)?;
    d.set_item("answered", e.answered)?;
    d.set_item("queue", e.queue.map(decoded))?;
    d.set_item(
        "queue_wait_duration",
        e.queue_wait_duration.map(|x| x.seconds),
    )?;
    d.set_item(
        "sip_hangup_disposition",
        e.sip_hangup_disposition.map(|x| x.as_str()),
    )?;
    let cause = e.hangup_cause.map(|c| match c {
        santral_core::event::Cause::Known(k) => k.as_str().to_string(),
        santral_core::event::Cause::Other(raw) => decoded(raw),
    });
    d.set_item("hangup_cause", cause)?;
    d.set_item("failure_status", e.failure_status.map(decoded))?;
    d.set_item("failure_phrase", e.failure_phrase.map(decoded))?;
    Ok((Some(d), diags, false))
}

/// Parses a campaign-report body: `(dict or None, diagnostics, is_ping)`.
#[pyfunction]
fn parse_campaign_report<'py>(
    py: Python<'py>,
    body: &Bound<'_, PyAny>,
) -> PyResult<(Option<Bound<'py, PyDict>>, Vec<DiagTuple>, bool)> {
    use santral_core::report::{CampaignReport, Digit};
    let bytes = input_bytes(body)?;
    if santral_core::form::is_verification_ping(&bytes) {
        return Ok((None, Vec::new(), true));
    }
    let mut diags = Vec::new();
    let parsed = CampaignReport::parse(&bytes, &mut |d: Diagnostic| {
        diags.push(diag_tuple(&d));
        std::ops::ControlFlow::Continue(())
    });
    let Some(r) = parsed else {
        return Ok((None, diags, false));
    };
    let d = PyDict::new(py);
    d.set_item("notification_id", r.notification_id.get())?;
    d.set_item("notification_date", stamp(r.notification_date))?;
    d.set_item("domain_id", r.domain_id.map(|i| i.get()))?;
    d.set_item("ivr_campaign_id", r.ivr_campaign_id.map(|i| i.get()))?;
    d.set_item("ivr_campaign_name", r.ivr_campaign_name.map(decoded))?;
    d.set_item("ivr_lead_id", r.ivr_lead_id.map(|i| i.get()))?;
    d.set_item("phone", opt_phone(py, r.phone)?)?;
    let (digit_kind, key) = match r.digit {
        Digit::NotStarted => ("not_started", None),
        Digit::Pressed(c) => ("pressed", Some(c.to_string())),
        Digit::NoKey => ("no_key", None),
        Digit::Invalid(c) => ("invalid_key", Some(c.to_string())),
    };
    d.set_item("digit", digit_kind)?;
    d.set_item("key", key)?;
    d.set_item("status", decoded(r.status))?;
    d.set_item("answered", r.answered())?;
    d.set_item("call_uuid", r.call_uuid.map(decoded))?;
    Ok((Some(d), diags, false))
}

/// Parses an advisory routing query: `(dict or None, diagnostics)`.
#[pyfunction]
#[pyo3(signature = (query, param_name=None))]
fn parse_advisory_request<'py>(
    py: Python<'py>,
    query: &Bound<'_, PyAny>,
    param_name: Option<&str>,
) -> PyResult<(Option<Bound<'py, PyDict>>, Vec<DiagTuple>)> {
    let bytes = input_bytes(query)?;
    let mut diags = Vec::new();
    let parsed =
        santral_core::advisory::AdvisoryRequest::parse(&bytes, param_name, &mut |d: Diagnostic| {
            diags.push(diag_tuple(&d));
            std::ops::ControlFlow::Continue(())
        });
    let Some(r) = parsed else {
        return Ok((None, diags));
    };
    let d = PyDict::new(py);
    d.set_item("uuid", decoded(r.uuid))?;
    d.set_item("cli", new_phone(py, r.cli.national_number(), &r.cli)?)?;
    d.set_item("cld", new_phone(py, r.cld.national_number(), &r.cld)?)?;
    d.set_item("step", r.step)?;
    d.set_item("digits", r.digits.map(decoded))?;
    d.set_item("error", r.error.map(decoded))?;
    d.set_item("result", r.result.map(decoded))?;
    Ok((Some(d), diags))
}

fn tts_lang(l: Option<&str>) -> Result<Option<santral_core::lexical::Lang>, ErrorTuple> {
    l.map(|x| santral_core::lexical::Lang::parse(x).map_err(err_tuple))
        .transpose()
}

fn id(n: Option<u64>) -> Result<Option<santral_core::lexical::Id>, ErrorTuple> {
    n.map(|v| santral_core::lexical::Id::new(v).ok_or((Code::IdInvalid.id(), 0, 0)))
        .transpose()
}

/// A transfer response: `(json, None)` or `(None, error)`.
#[pyfunction]
#[pyo3(signature = (target, greet_name=None, greet_phrase=None, lang=None, announcement_to_caller=None, announcement_to_callee=None, recording_enabled=None))]
#[allow(clippy::too_many_arguments)]
fn build_transfer(
    target: &str,
    greet_name: Option<&str>,
    greet_phrase: Option<&str>,
    lang: Option<&str>,
    announcement_to_caller: Option<u64>,
    announcement_to_callee: Option<u64>,
    recording_enabled: Option<bool>,
) -> (Option<String>, Option<ErrorTuple>) {
    use santral_core::target::{Target, TargetContext};
    let build = || -> Result<String, ErrorTuple> {
        let t = Target::parse(target, TargetContext::Advisory).map_err(err_tuple)?;
        let mut b = santral_core::advisory::Transfer::new(t);
        b.greet_name = greet_name;
        b.greet_phrase = greet_phrase;
        b.lang = tts_lang(lang)?;
        b.announcement_to_caller = id(announcement_to_caller)?;
        b.announcement_to_callee = id(announcement_to_callee)?;
        b.recording_enabled = recording_enabled;
        b.check().map_err(err_tuple)?;
        Ok(b.to_string())
    };
    match build() {
        Ok(s) => (Some(s), None),
        Err(e) => (None, Some(e)),
    }
}

/// A prompt response: `(json, None)` or `(None, error)`.
#[pyfunction]
#[pyo3(signature = (min_digits, max_digits, retry_count, announcement_id=None, phrase=None, phrase_speed=None, lang=None, timeout=None, digit_timeout=None, service_url=None, param_name=None))]
#[allow(clippy::too_many_arguments)]
fn build_prompt(
    min_digits: u32,
    max_digits: u32,
    retry_count: u32,
    announcement_id: Option<u64>,
    phrase: Option<&str>,
    phrase_speed: Option<f64>,
    lang: Option<&str>,
    timeout: Option<u32>,
    digit_timeout: Option<u32>,
    service_url: Option<&str>,
    param_name: Option<&str>,
) -> (Option<String>, Option<ErrorTuple>) {
    use santral_core::advisory::{Prompt, Source};
    let build = || -> Result<String, ErrorTuple> {
        let source = match (id(announcement_id)?, phrase) {
            (Some(i), _) => Source::Announcement(i),
            (None, Some(p)) => Source::Phrase(p),
            (None, None) => return Err((Code::AdvisoryPromptSource.id(), 0, 0)),
        };
        let p = Prompt {
            source,
            phrase_speed,
            lang: tts_lang(lang)?,
            min_digits,
            max_digits,
            timeout,
            digit_timeout,
            retry_count,
            service_url,
            param_name,
        };
        p.check().map_err(err_tuple)?;
        Ok(p.to_string())
    };
    match build() {
        Ok(s) => (Some(s), None),
        Err(e) => (None, Some(e)),
    }
}

/// A record response.
#[pyfunction]
#[pyo3(signature = (announcement_id=None, phrase=None, lang=None))]
fn build_record(
    announcement_id: Option<u64>,
    phrase: Option<&str>,
    lang: Option<&str>,
) -> (Option<String>, Option<ErrorTuple>) {
    use santral_core::advisory::{Record, Source};
    let build = || -> Result<String, ErrorTuple> {
        let source = match (id(announcement_id)?, phrase) {
            (Some(i), _) => Some(Source::Announcement(i)),
            (None, Some(p)) => Some(Source::Phrase(p)),
            (None, None) => None,
        };
        let r = Record {
            source,
            lang: tts_lang(lang)?,
        };
        r.check().map_err(err_tuple)?;
        Ok(r.to_string())
    };
    match build() {
        Ok(s) => (Some(s), None),
        Err(e) => (None, Some(e)),
    }
}

/// A speech_to_text response.
#[pyfunction]
#[pyo3(signature = (announcement_id, recognation_duration=None))]
fn build_speech_to_text(
    announcement_id: u64,
    recognation_duration: Option<u32>,
) -> (Option<String>, Option<ErrorTuple>) {
    let build = || -> Result<String, ErrorTuple> {
        let s = santral_core::advisory::SpeechToText {
            announcement_id: id(Some(announcement_id))?.ok_or((Code::IdInvalid.id(), 0, 0))?,
            recognation_duration,
        };
        s.check().map_err(err_tuple)?;
        Ok(s.to_string())
    };
    match build() {
        Ok(s) => (Some(s), None),
        Err(e) => (None, Some(e)),
    }
}

/// Streams a campaign request from a header (JSON text) and an iterable of
/// `(phone, phrase or None, lang or None)` tuples. With `write` (a
/// callable taking str), the text goes out in chunks and `None` is
/// returned; else the whole request is returned. Also returns the lead count.
#[pyfunction]
#[pyo3(signature = (header, leads, write=None))]
fn build_campaign(
    header: &str,
    leads: &Bound<'_, PyAny>,
    write: Option<&Bound<'_, PyAny>>,
) -> PyResult<(Option<String>, u64)> {
    use santral_core::campaign::{Lead, LeadStream};
    const CHUNK: usize = 1 << 16;
    let mut out = String::new();
    let mut stream = LeadStream::begin(&mut out, header)
        .map_err(|e| PyValueError::new_err(format!("header: {e:?}")))?;
    let flush = |out: &mut String, force: bool| -> PyResult<()> {
        if let Some(w) = write {
            if force || out.len() >= CHUNK {
                w.call1((out.as_str(),))?;
                out.clear();
            }
        }
        Ok(())
    };
    for item in leads.try_iter()? {
        let item = item?;
        let tuple = item
            .cast::<PyTuple>()
            .map_err(|_| PyTypeError::new_err("each lead must be a (phone, phrase, lang) tuple"))?;
        let phone: String = tuple.get_item(0)?.extract()?;
        let phrase: Option<String> = tuple.get_item(1)?.extract()?;
        let lang: Option<String> = tuple.get_item(2)?.extract()?;
        let lang = tts_lang(lang.as_deref())
            .map_err(|e| PyValueError::new_err(format!("lead {}: {}", stream.leads(), e.0)))?;
        let lead = Lead {
            phone: &phone,
            phrase: phrase.as_deref(),
            lang,
        };
        stream
            .lead(&mut out, &lead)
            .map_err(|_| PyValueError::new_err("write failed"))?;
        flush(&mut out, false)?;
    }
    let count = stream.leads();
    stream
        .finish(&mut out)
        .map_err(|_| PyValueError::new_err("write failed"))?;
    if write.is_some() {
        flush(&mut out, true)?;
        Ok((None, count))
    } else {
        Ok((Some(out), count))
    }
}

/// Converts a call-event body to the Logo CRM JSON: `(json or None, status, diagnostics)`
/// with status `"ok"`, `"not_trigger"` or `"invalid"`.
#[pyfunction]
#[pyo3(signature = (body, keypress=1, caller_form="national", agent_id=None, trigger="answer"))]
fn logo_from_event(
    body: &Bound<'_, PyAny>,
    keypress: u32,
    caller_form: &str,
    agent_id: Option<&str>,
    trigger: &str,
) -> PyResult<(Option<String>, &'static str, Vec<DiagTuple>)> {
    use santral_core::event::{CallEvent, EventType};
    use santral_core::logo::{from_event, CallerForm, Keypress, LogoOptions};
    let bytes = input_bytes(body)?;
    let keypress = Keypress::parse(&keypress.to_string())
        .map_err(|e| PyValueError::new_err(e.code.message()))?;
    let caller_form = match caller_form {
        "national" => CallerForm::National,
        "bare" => CallerForm::Bare,
        "e164" => CallerForm::E164,
        other => {
            return Err(PyValueError::new_err(format!(
                "caller_form must be national, bare or e164, not {other:?}"
            )))
        }
    };
    let trigger = match trigger {
        "answer" => EventType::Answer,
        "ringing" => EventType::Ringing,
        other => {
            return Err(PyValueError::new_err(format!(
                "trigger must be answer or ringing, not {other:?}"
            )))
        }
    };
    let mut diags = Vec::new();
    let Some(event) = CallEvent::parse(&bytes, &mut |d: Diagnostic| {
        diags.push(diag_tuple(&d));
        std::ops::ControlFlow::Continue(())
    }) else {
        return Ok((None, "invalid", diags));
    };
    let opts = LogoOptions {
        trigger,
        agent_id,
        caller_form,
        keypress,
    };
    match from_event(&event, &opts) {
        Ok(Some(call)) => Ok((Some(call.to_string()), "ok", diags)),
        Ok(None) => Ok((None, "not_trigger", diags)),
        Err(e) => {
            diags.push(diag_tuple(&Diagnostic::new(e.code, e.span)));
            Ok((None, "invalid", diags))
        }
    }
}

/// Parses a call target: `((kind, canonical, announcement_id), None)` or `(None, error)`.
#[pyfunction]
#[pyo3(signature = (s, context="campaign"))]
#[allow(clippy::type_complexity)]
fn parse_target(
    s: &str,
    context: &str,
) -> PyResult<(
    Option<(&'static str, String, Option<u64>)>,
    Option<ErrorTuple>,
)> {
    use santral_core::target::{Target, TargetContext};
    let ctx = match context {
        "campaign" => TargetContext::Campaign,
        "advisory" => TargetContext::Advisory,
        other => {
            return Err(PyValueError::new_err(format!(
                "context must be campaign or advisory, not {other:?}"
            )))
        }
    };
    Ok(match Target::parse(s, ctx) {
        Ok(t) => (
            Some((
                t.kind(),
                t.to_string(),
                t.announcement_id().map(|i| i.get()),
            )),
            None,
        ),
        Err(e) => (None, Some(err_tuple(e))),
    })
}

/// Checks a TTS phrase: `(announcement ids, errors)`.
#[pyfunction]
fn check_phrase(s: &str) -> (Vec<u64>, Vec<ErrorTuple>) {
    let phrase = santral_core::phrase::Phrase::new(s);
    (
        phrase.announcement_ids().map(|i| i.get()).collect(),
        phrase.errors().map(err_tuple).collect(),
    )
}

/// `(id, severity, message, message_tr)` of every diagnostic code.
#[pyfunction]
fn codes() -> Vec<(&'static str, &'static str, &'static str, &'static str)> {
    Code::ALL
        .iter()
        .map(|c| {
            let sev = match c.severity() {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            (c.id(), sev, c.message(), c.message_tr())
        })
        .collect()
}

/// The core's tables, for the generated Python enums: a dict of name → list.
#[pyfunction]
fn tables(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let d = PyDict::new(py);
    d.set_item(
        "phone_kinds",
        PhoneKind::ALL
            .iter()
            .map(|k| k.as_str())
            .collect::<Vec<_>>(),
    )?;
    d.set_item(
        "hangup_causes",
        santral_core::event::HangupCause::ALL
            .iter()
            .map(|c| (c.as_str(), c.description_tr()))
            .collect::<Vec<_>>(),
    )?;
    d.set_item(
        "event_types",
        ["ringing", "answer", "hangup", "user_hangup"],
    )?;
    d.set_item("directions", ["internal", "inbound", "outbound"])?;
    d.set_item(
        "kinds",
        Kind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
    )?;
    Ok(d)
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyPhone>()?;
    m.add_function(wrap_pyfunction!(version, m)?)?;
    m.add_function(wrap_pyfunction!(parse_phone, m)?)?;
    m.add_function(wrap_pyfunction!(same_number, m)?)?;
    m.add_function(wrap_pyfunction!(match_key, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_phones, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(parse_call_event, m)?)?;
    m.add_function(wrap_pyfunction!(parse_campaign_report, m)?)?;
    m.add_function(wrap_pyfunction!(parse_advisory_request, m)?)?;
    m.add_function(wrap_pyfunction!(build_transfer, m)?)?;
    m.add_function(wrap_pyfunction!(build_prompt, m)?)?;
    m.add_function(wrap_pyfunction!(build_record, m)?)?;
    m.add_function(wrap_pyfunction!(build_speech_to_text, m)?)?;
    m.add_function(wrap_pyfunction!(build_campaign, m)?)?;
    m.add_function(wrap_pyfunction!(logo_from_event, m)?)?;
    m.add_function(wrap_pyfunction!(parse_target, m)?)?;
    m.add_function(wrap_pyfunction!(check_phrase, m)?)?;
    m.add_function(wrap_pyfunction!(codes, m)?)?;
    m.add_function(wrap_pyfunction!(tables, m)?)?;
    Ok(())
}
