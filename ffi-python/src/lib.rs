//! `santral._native`: the pyo3 half of the `santral` wheel. It converts
//! between Python and the core and nothing else; the typed Python API
//! (dataclasses, enums, exceptions) lives in `python/santral/`.
//!
//! Failures are returned as data (`(value, error)` pairs, diagnostic
//! tuples) so the Python layer raises its own exception classes.

mod api;
mod receiver;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};
use santral_core::check::{Kind, Options as CheckOptions, Value};
use santral_core::diag::{Code, Diagnostic};
use santral_core::form::Encoded;
use santral_core::phone::{Format, Options as PhoneOptions, Phone, PhoneKind};
use santral_core::time::{Timestamp, Zone};

/// `(offset, end, line, column)` of a diagnostic's related place.
type PlaceTuple = (usize, usize, u32, u32);

/// `(severity, code, message, message_tr, path, offset, end, line, column, suggestion, related)`.
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
    Option<String>,
    Option<PlaceTuple>,
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
        d.suggestion.map(str::to_string),
        d.related
            .map(|r| (r.span.start, r.span.end, r.line, r.column)),
    )
}

/// The exception of class `cls` (in `santral.errors`) for `diagnostics`.
fn error(py: Python<'_>, cls: &str, diagnostics: Vec<DiagTuple>) -> PyErr {
    match py
        .import("santral.errors")
        .and_then(|m| m.getattr("from_diagnostics"))
        .and_then(|f| f.call1((cls, diagnostics)))
    {
        Ok(e) => PyErr::from_value(e),
        Err(e) => e,
    }
}

/// One diagnostic as an exception of class `cls`.
fn raise(py: Python<'_>, cls: &str, d: &Diagnostic) -> PyErr {
    error(py, cls, vec![diag_tuple(d)])
}

/// An option value that is none of a core enum's names.
fn bad_option(name: &str, e: santral_core::wire::UnknownName) -> PyErr {
    PyValueError::new_err(format!("{name}: {e}"))
}

/// The core's check options from keyword arguments; an unusable value
/// raises `SantralError` with the core's code, at the option's name.
fn check_options<'a>(
    py: Python<'_>,
    today: Option<&str>,
    param_name: Option<&'a str>,
) -> PyResult<CheckOptions<'a>> {
    CheckOptions::from_text(today, param_name).map_err(|e| {
        let text = if e.option == "today" {
            today
        } else {
            param_name
        };
        let d = Diagnostic::from_error(
            e.error,
            0,
            text.unwrap_or("").as_bytes(),
            santral_core::diag::Path::key(e.option),
        );
        raise(py, "SantralError", &d)
    })
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
    stack_text(p.format(f).ok()?)
}

/// A formatted number on the stack.
fn stack_text<const N: usize>(f: santral_core::phone::Formatted) -> Option<heapless::String<N>> {
    use std::fmt::Write as _;
    let mut text = heapless::String::new();
    write!(text, "{f}").ok()?;
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
    /// Always true: a number parses only when its form and length are
    /// possible (an impossible one raises `PhoneError`). Kept because the
    /// CLI's phone JSON has it.
    #[getter]
    fn possible(&self) -> bool {
        true
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
    /// The region (`"TR"`, `"DE"`, `"001"` for non-geographic codes), or
    /// None when none is determined (an extension).
    #[getter]
    fn region(&self) -> Option<&'static str> {
        self.phone.region_code()
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
    /// The national format of the number's own region (`030 27590915`
    /// for Berlin; a Turkish number as `display`).
    #[getter]
    fn display_in_region<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyString>> {
        self.fmt(py, Format::DisplayInRegion)
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

fn options(lenient: bool, allow_extension: bool, extension_first: bool) -> PhoneOptions {
    PhoneOptions {
        lenient,
        allow_extension,
        extension_first,
        region: None,
    }
}

/// The library version.
#[pyfunction]
fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// Parses a phone number (strict: digits and a leading `+`; lenient also
/// ignores spaces, `-`, `.`, `(`, `)`, `/`); `region` reads national forms
/// as written there (`"DE"`, any case; None: Turkey's). The defaults are
/// the core's (`phone::Options::DEFAULT`). Raises `PhoneError` (an unknown
/// region too: `phone.unknown_region` at path `region`).
///
/// Native end to end (no Python wrapper): the call is the hot path of
/// integrators cleaning contact lists.
#[pyfunction]
#[pyo3(signature = (
    s,
    *,
    lenient = PhoneOptions::DEFAULT.lenient,
    allow_extension = PhoneOptions::DEFAULT.allow_extension,
    extension_first = PhoneOptions::DEFAULT.extension_first,
    region = None,
))]
fn parse_phone<'py>(
    py: Python<'py>,
    s: &Bound<'py, PyAny>,
    lenient: bool,
    allow_extension: bool,
    extension_first: bool,
    region: Option<&str>,
) -> PyResult<Bound<'py, PyPhone>> {
    let Ok(text) = s.cast::<PyString>() else {
        return Err(PyTypeError::new_err(format!(
            "expected str, not {}",
            s.get_type().name()?
        )));
    };
    // Borrowed from the str object (abi3 >= 3.10 reads its UTF-8 in place).
    let opts = options(lenient, allow_extension, extension_first).with_region_text(region);
    let input = text.to_str()?;
    match opts.and_then(|o| Phone::check(input, o)) {
        Ok(p) => phone_object(py, text.clone(), &p),
        Err(d) => {
            // A strict refusal suggests the lenient reading (the core's).
            let mut t = diag_tuple(&d);
            if let Some(r) = opts.ok().and_then(|o| Phone::lenient_reading(input, o)) {
                t.9 = Some(r.to_string());
            }
            Err(error(py, "PhoneError", vec![t]))
        }
    }
}

/// True when both denote the same subscriber.
#[pyfunction]
fn same_number(a: &str, b: &str) -> bool {
    santral_core::phone::same_number(a, b)
}

/// The lookup key of a leniently parsed number; raises `PhoneError`.
#[pyfunction]
fn match_key(py: Python<'_>, s: &str) -> PyResult<String> {
    santral_core::phone::match_key(s)
        .map(|k| k.as_str().to_string())
        .map_err(|e| {
            let d =
                Diagnostic::from_error(e, 0, s.as_bytes(), santral_core::diag::Path::key("phone"));
            raise(py, "PhoneError", &d)
        })
}

/// Normalises many numbers with the GIL released: `(e164, kinds, valid, errors)`
/// lists (e164 `None` where a number has no E.164 form — a 444 number,
/// an extension — and, with the error code, when a value does not parse).
/// Extensions are refused unless `allow_extension`.
#[pyfunction]
#[pyo3(signature = (values, lenient = PhoneOptions::MATCHING.lenient, region = None, allow_extension = false))]
#[allow(clippy::type_complexity)]
fn normalize_phones<'py>(
    py: Python<'py>,
    values: &Bound<'py, PyAny>,
    lenient: bool,
    region: Option<&str>,
    allow_extension: bool,
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
    let opts = PhoneOptions::batch(lenient)
        .with_extensions(allow_extension)
        .with_region_text(region)
        .map_err(|d| raise(py, "PhoneError", &d))?;
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
    let kind_object = |k: PhoneKind| kind_names.get(k.index()).map(|o| o.clone().into_any());
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
                    // 444 numbers and extensions have no E.164: None.
                    Ok(p) => Row::Ok {
                        text: p.e164().and_then(stack_text),
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
/// into `phone_kinds()`, 255 for none), validity as one byte per row and
/// the error code as two bytes per row (little-endian index into `codes()`,
/// 0xFFFF for none).
#[pyfunction]
#[pyo3(signature = (offsets, data, offset, length, validity=None, lenient=PhoneOptions::MATCHING.lenient, region=None, allow_extension=false))]
#[allow(clippy::too_many_arguments)] // Arrow's buffers and the batch options, as Python passes them.
#[allow(clippy::type_complexity)]
fn normalize_arrow<'py>(
    py: Python<'py>,
    offsets: &[u8],
    data: &[u8],
    offset: usize,
    length: usize,
    validity: Option<&[u8]>,
    lenient: bool,
    region: Option<&str>,
    allow_extension: bool,
) -> PyResult<(
    Bound<'py, PyBytes>,
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
    let opts = PhoneOptions::batch(lenient)
        .with_extensions(allow_extension)
        .with_region_text(region)
        .map_err(|d| raise(py, "PhoneError", &d))?;
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
        let mut errors: Vec<u8> = Vec::with_capacity(length * 2);
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
            let parsed = text.map(|t| Phone::parse_with(t, opts));
            match parsed {
                Some(Ok(p)) => {
                    // No E.164 form (a 444 number, an extension): null.
                    if let Some(e164) = p.e164() {
                        let _ = std::fmt::Write::write_fmt(
                            &mut StringSink(&mut out_data),
                            format_args!("{e164}"),
                        );
                        if let Some(byte) = out_valid_bits.get_mut(row / 8) {
                            *byte |= 1 << (row % 8);
                        }
                    }
                    kinds.push(u8::try_from(p.kind().index()).unwrap_or(255));
                    valid.push(u8::from(p.is_valid()));
                    errors.extend_from_slice(&NO_CODE.to_le_bytes());
                }
                Some(Err(e)) => {
                    kinds.push(255);
                    valid.push(0);
                    let index = u16::try_from(e.code.index()).unwrap_or(NO_CODE);
                    errors.extend_from_slice(&index.to_le_bytes());
                }
                None => {
                    kinds.push(255);
                    valid.push(0);
                    errors.extend_from_slice(&NO_CODE.to_le_bytes());
                }
            }
            let end = i32::try_from(out_data.len()).unwrap_or(i32::MAX);
            out_offsets.extend_from_slice(&end.to_le_bytes());
        }
        (out_offsets, out_data, out_valid_bits, kinds, valid, errors)
    });
    Ok((
        PyBytes::new(py, &result.0),
        PyBytes::new(py, &result.1),
        PyBytes::new(py, &result.2),
        PyBytes::new(py, &result.3),
        PyBytes::new(py, &result.4),
        PyBytes::new(py, &result.5),
    ))
}

/// "No error" in `normalize_arrow`'s error column.
const NO_CODE: u16 = u16::MAX;

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

/// Checks a payload: `(valid, errors, warnings, diagnostics, omitted, summary)`.
/// The options and their defaults are the core's (`check::Options`).
#[pyfunction]
#[pyo3(signature = (
    kind,
    data,
    today = None,
    param_name = None,
    max_diagnostics = santral_core::check::DEFAULT_MAX_DIAGNOSTICS,
    duplicate_leads = santral_core::check::DEFAULT_DUPLICATE_LEADS,
))]
#[allow(clippy::type_complexity)]
fn check<'py>(
    py: Python<'py>,
    kind: &str,
    data: &Bound<'_, PyAny>,
    today: Option<&str>,
    param_name: Option<&str>,
    max_diagnostics: usize,
    duplicate_leads: usize,
) -> PyResult<(
    bool,
    usize,
    usize,
    Vec<DiagTuple>,
    usize,
    Bound<'py, PyDict>,
)> {
    let k = Kind::from_option(kind)
        .map_err(|e| PyValueError::new_err(format!("unknown kind {kind:?}; {e}")))?;
    let mut options = check_options(py, today, param_name)?;
    options.max_diagnostics = max_diagnostics;
    options.duplicate_leads = duplicate_leads;
    let bytes = input_bytes(data)?;
    let mut diags = Vec::new();
    let mut table = vec![
        santral_core::check::LeadSlot::default();
        santral_core::check::duplicate_table_len(k, &bytes, &options)
    ];
    let report =
        santral_core::check::check_with(k, &bytes, &options, &mut table, &mut |d: Diagnostic| {
            diags.push(diag_tuple(&d));
            std::ops::ControlFlow::Continue(())
        });
    let summary = PyDict::new(py);
    for (name, value) in &report.summary {
        summary.set_item(*name, value_py(py, value)?)?;
    }
    Ok((
        report.valid,
        report.errors,
        report.warnings,
        diags,
        report.diagnostics_omitted,
        summary,
    ))
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
    let ping = santral_core::form::is_verification_ping(&bytes);
    let mut diags = Vec::new();
    let parsed = santral_core::event::CallEvent::parse(&bytes, &mut |d: Diagnostic| {
        diags.push(diag_tuple(&d));
        std::ops::ControlFlow::Continue(())
    });
    let Some(e) = parsed else {
        return Ok((None, diags, ping));
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
    d.set_item("idempotency_key", e.idempotency_key().to_string())?;
    Ok((Some(d), diags, ping))
}

/// Parses a campaign-report body: `(dict or None, diagnostics, is_ping)`.
#[pyfunction]
fn parse_campaign_report<'py>(
    py: Python<'py>,
    body: &Bound<'_, PyAny>,
) -> PyResult<(Option<Bound<'py, PyDict>>, Vec<DiagTuple>, bool)> {
    use santral_core::report::CampaignReport;
    let bytes = input_bytes(body)?;
    let ping = santral_core::form::is_verification_ping(&bytes);
    let mut diags = Vec::new();
    let parsed = CampaignReport::parse(&bytes, &mut |d: Diagnostic| {
        diags.push(diag_tuple(&d));
        std::ops::ControlFlow::Continue(())
    });
    let Some(r) = parsed else {
        return Ok((None, diags, ping));
    };
    let d = PyDict::new(py);
    d.set_item("notification_id", r.notification_id.get())?;
    d.set_item("notification_date", stamp(r.notification_date))?;
    d.set_item("domain_id", r.domain_id.map(|i| i.get()))?;
    d.set_item("ivr_campaign_id", r.ivr_campaign_id.map(|i| i.get()))?;
    d.set_item("ivr_campaign_name", r.ivr_campaign_name.map(decoded))?;
    d.set_item("ivr_lead_id", r.ivr_lead_id.map(|i| i.get()))?;
    d.set_item("phone", opt_phone(py, r.phone)?)?;
    d.set_item("digit", r.digit.kind().as_str())?;
    d.set_item("key", r.digit.key().map(|c| c.to_string()))?;
    d.set_item("status", decoded(r.status))?;
    d.set_item("answered", r.answered())?;
    d.set_item("call_uuid", r.call_uuid.map(decoded))?;
    d.set_item("idempotency_key", r.idempotency_key().to_string())?;
    Ok((Some(d), diags, ping))
}

/// Parses an advisory routing query: `(dict or None, diagnostics)`.
#[pyfunction]
#[pyo3(signature = (query, param_name=None))]
fn parse_advisory_request<'py>(
    py: Python<'py>,
    query: &Bound<'_, PyAny>,
    param_name: Option<&str>,
) -> PyResult<(Option<Bound<'py, PyDict>>, Vec<DiagTuple>)> {
    check_options(py, None, param_name)?;
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
    match r.cli {
        Some(cli) => d.set_item("cli", new_phone(py, cli.national_number(), &cli)?)?,
        None => d.set_item("cli", py.None())?,
    }
    d.set_item("cld", new_phone(py, r.cld.national_number(), &r.cld)?)?;
    d.set_item("step", r.step)?;
    d.set_item("digits", r.digits.map(decoded))?;
    d.set_item("error", r.error.map(decoded))?;
    d.set_item("result", r.result.map(decoded))?;
    Ok((Some(d), diags))
}

/// A TTS language given as text (`None` for the PBX's default).
fn tts_lang(
    py: Python<'_>,
    l: Option<&str>,
    at: &'static str,
) -> PyResult<Option<santral_core::lexical::Lang>> {
    l.map(|x| {
        santral_core::lexical::Lang::parse(x).map_err(|e| {
            let d = Diagnostic::from_error(e, 0, x.as_bytes(), santral_core::diag::Path::key(at));
            raise(py, "AdvisoryError", &d)
        })
    })
    .transpose()
}

/// An id given as a number: 0 is not an id.
fn id(
    py: Python<'_>,
    n: Option<u64>,
    action: santral_core::advisory::ActionKind,
    field: &'static str,
) -> PyResult<Option<santral_core::lexical::Id>> {
    n.map(|v| {
        santral_core::lexical::Id::new(v).ok_or_else(|| {
            raise(
                py,
                "AdvisoryError",
                &santral_core::advisory::invalid_id(action, field),
            )
        })
    })
    .transpose()
}

/// A built response, or its rule's diagnostic as `AdvisoryError`.
fn built(
    py: Python<'_>,
    checked: Result<(), Diagnostic>,
    text: impl FnOnce() -> String,
) -> PyResult<String> {
    checked
        .map(|()| text())
        .map_err(|d| raise(py, "AdvisoryError", &d))
}

/// A transfer response's JSON; raises `AdvisoryError`.
#[pyfunction]
#[pyo3(signature = (target, greet_name=None, greet_phrase=None, lang=None, announcement_to_caller=None, announcement_to_callee=None, recording_enabled=None))]
#[allow(clippy::too_many_arguments)]
fn build_transfer(
    py: Python<'_>,
    target: &str,
    greet_name: Option<&str>,
    greet_phrase: Option<&str>,
    lang: Option<&str>,
    announcement_to_caller: Option<u64>,
    announcement_to_callee: Option<u64>,
    recording_enabled: Option<bool>,
) -> PyResult<String> {
    use santral_core::advisory::{ActionKind, Transfer, TransferField as F};
    let mut b = Transfer::to(target).map_err(|d| raise(py, "AdvisoryError", &d))?;
    b.greet_name = greet_name;
    b.greet_phrase = greet_phrase;
    b.lang = tts_lang(py, lang, "transfer.lang")?;
    b.announcement_to_caller = id(
        py,
        announcement_to_caller,
        ActionKind::Transfer,
        F::AnnouncementToCaller.name(),
    )?;
    b.announcement_to_callee = id(
        py,
        announcement_to_callee,
        ActionKind::Transfer,
        F::AnnouncementToCallee.name(),
    )?;
    b.recording_enabled = recording_enabled;
    built(py, b.check(), || b.to_string())
}

/// A prompt response's JSON; raises `AdvisoryError`.
#[pyfunction]
#[pyo3(signature = (min_digits, max_digits, retry_count, announcement_id=None, phrase=None, phrase_speed=None, lang=None, timeout=None, digit_timeout=None, service_url=None, param_name=None))]
#[allow(clippy::too_many_arguments)]
fn build_prompt(
    py: Python<'_>,
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
) -> PyResult<String> {
    use santral_core::advisory::{missing_source, ActionKind, Prompt, PromptField as F, Source};
    let source = match (
        id(
            py,
            announcement_id,
            ActionKind::Prompt,
            F::AnnouncementId.name(),
        )?,
        phrase,
    ) {
        (Some(i), _) => Source::Announcement(i),
        (None, Some(p)) => Source::Phrase(p),
        (None, None) => return Err(raise(py, "AdvisoryError", &missing_source())),
    };
    let p = Prompt {
        source,
        phrase_speed,
        lang: tts_lang(py, lang, "prompt.lang")?,
        min_digits,
        max_digits,
        timeout,
        digit_timeout,
        retry_count,
        service_url,
        param_name,
    };
    built(py, p.check(), || p.to_string())
}

/// A record response's JSON; raises `AdvisoryError`.
#[pyfunction]
#[pyo3(signature = (announcement_id=None, phrase=None, lang=None))]
fn build_record(
    py: Python<'_>,
    announcement_id: Option<u64>,
    phrase: Option<&str>,
    lang: Option<&str>,
) -> PyResult<String> {
    use santral_core::advisory::{ActionKind, Record, RecordField as F, Source};
    let source = match (
        id(
            py,
            announcement_id,
            ActionKind::Record,
            F::AnnouncementId.name(),
        )?,
        phrase,
    ) {
        (Some(i), _) => Some(Source::Announcement(i)),
        (None, Some(p)) => Some(Source::Phrase(p)),
        (None, None) => None,
    };
    let r = Record {
        source,
        lang: tts_lang(py, lang, "record.lang")?,
    };
    built(py, r.check(), || r.to_string())
}

/// A speech_to_text response's JSON; raises `AdvisoryError`.
#[pyfunction]
#[pyo3(signature = (announcement_id, recognation_duration=None))]
fn build_speech_to_text(
    py: Python<'_>,
    announcement_id: u64,
    recognation_duration: Option<u32>,
) -> PyResult<String> {
    use santral_core::advisory::{invalid_id, ActionKind, SpeechToText, SpeechToTextField as F};
    let announcement_id = santral_core::lexical::Id::new(announcement_id).ok_or_else(|| {
        raise(
            py,
            "AdvisoryError",
            &invalid_id(ActionKind::SpeechToText, F::AnnouncementId.name()),
        )
    })?;
    let s = SpeechToText {
        announcement_id,
        recognation_duration,
    };
    built(py, s.check(), || s.to_string())
}

/// Streams a campaign request from a header (JSON text) and an iterable of
/// `(phone, phrase or None, lang or None)` tuples. With `write` (a
/// callable taking str), the text goes out in chunks and `None` is
/// returned; else the whole request is returned. Also returns the lead
/// count. A bad header or lead raises `CampaignError` with the core's code.
#[pyfunction]
#[pyo3(signature = (header, leads, write=None, key=None))]
fn build_campaign(
    py: Python<'_>,
    header: &str,
    leads: &Bound<'_, PyAny>,
    write: Option<&Bound<'_, PyAny>>,
    key: Option<&str>,
) -> PyResult<(Option<String>, u64)> {
    use santral_core::campaign::{Lead, LeadStream};
    const CHUNK: usize = 1 << 16;
    let mut out = String::new();
    let mut stream =
        LeadStream::begin_with_key(&mut out, header, key).map_err(|e| match e.diagnostic() {
            Some(d) => raise(py, "CampaignError", &d.locate(header.as_bytes())),
            None => PyValueError::new_err("write failed"),
        })?;
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
        let index = u32::try_from(stream.leads()).unwrap_or(u32::MAX);
        let lead = Lead::from_text(&phone, phrase.as_deref(), lang.as_deref(), index)
            .map_err(|d| raise(py, "CampaignError", &d))?;
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
/// with status `"ok"`, `"not_trigger"` or `"invalid"`. The option names and
/// defaults are the core's.
#[pyfunction]
#[pyo3(signature = (body, keypress = None, caller_form = None, agent_id = None, trigger = None))]
fn logo_from_event(
    body: &Bound<'_, PyAny>,
    keypress: Option<&str>,
    caller_form: Option<&str>,
    agent_id: Option<&str>,
    trigger: Option<&str>,
) -> PyResult<(Option<String>, &'static str, Vec<DiagTuple>)> {
    use santral_core::event::CallEvent;
    use santral_core::logo::{from_event, CallerForm, Keypress, LogoOptions, Trigger};
    let bytes = input_bytes(body)?;
    // `None`: the core's default for that option.
    let d = LogoOptions::default();
    let opts = LogoOptions {
        trigger: trigger
            .map_or(Ok(d.trigger), Trigger::from_option)
            .map_err(|e| bad_option("trigger", e))?,
        agent_id,
        caller_form: caller_form
            .map_or(Ok(d.caller_form), CallerForm::from_option)
            .map_err(|e| bad_option("caller_form", e))?,
        keypress: keypress
            .map_or(Ok(d.keypress), Keypress::from_option)
            .map_err(|e| bad_option("keypress", e))?,
    };
    let mut diags = Vec::new();
    let Some(event) = CallEvent::parse(&bytes, &mut |d: Diagnostic| {
        diags.push(diag_tuple(&d));
        std::ops::ControlFlow::Continue(())
    }) else {
        return Ok((None, "invalid", diags));
    };
    match from_event(&event, &opts) {
        Ok(Some(call)) => Ok((Some(call.to_string()), "ok", diags)),
        Ok(None) => Ok((None, "not_trigger", diags)),
        Err(e) => {
            diags.push(diag_tuple(&Diagnostic::new(e.code, e.span).locate(&bytes)));
            Ok((None, "invalid", diags))
        }
    }
}

/// Parses a call target: `(kind, canonical, announcement_id)`; raises
/// `TargetError` with the core's suggestion.
#[pyfunction]
#[pyo3(signature = (s, context = None))]
fn parse_target(
    py: Python<'_>,
    s: &str,
    context: Option<&str>,
) -> PyResult<(&'static str, String, Option<u64>)> {
    use santral_core::target::{Target, TargetContext};
    let ctx = context
        .map_or(Ok(TargetContext::default()), TargetContext::from_option)
        .map_err(|e| bad_option("context", e))?;
    match Target::check(s, ctx) {
        Ok(t) => Ok((
            t.kind(),
            t.to_string(),
            t.announcement_id().map(|i| i.get()),
        )),
        Err(d) => Err(raise(py, "TargetError", &d)),
    }
}

/// Checks a TTS phrase: `(announcement ids, diagnostics)`.
#[pyfunction]
fn check_phrase(s: &str) -> (Vec<u64>, Vec<DiagTuple>) {
    let phrase = santral_core::phrase::Phrase::new(s);
    let mut diags = Vec::new();
    phrase.report(&mut |d: Diagnostic| {
        diags.push(diag_tuple(&d));
        std::ops::ControlFlow::Continue(())
    });
    (phrase.announcement_ids().map(|i| i.get()).collect(), diags)
}

/// `(id, severity, message, message_tr)` of every diagnostic code.
#[pyfunction]
fn codes() -> Vec<(&'static str, &'static str, &'static str, &'static str)> {
    Code::ALL
        .iter()
        .map(|c| (c.id(), c.severity().as_str(), c.message(), c.message_tr()))
        .collect()
}

/// One core enum for the generated Python enums: its type name and
/// `(variant, wire text)` pairs.
type EnumTable = (&'static str, Vec<(&'static str, &'static str)>);

macro_rules! enum_table {
    ($ty:ty) => {
        (
            <$ty>::TYPE_NAME,
            <$ty>::VARIANTS
                .iter()
                .copied()
                .zip(<$ty>::NAMES.iter().copied())
                .collect::<Vec<_>>(),
        )
    };
}

/// The core's tables, for the generated Python enums: every wire enum a
/// Python user meets, the hangup causes' Turkish texts, the payload kinds
/// and the options' defaults.
#[pyfunction]
fn tables(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    use santral_core::{
        advisory, campaign, cdr, check, event, lexical, logo, phone, report, target,
    };
    let enums: Vec<EnumTable> = vec![
        enum_table!(PhoneKind),
        enum_table!(Format),
        enum_table!(phone::InputForm),
        enum_table!(event::EventType),
        enum_table!(event::Direction),
        enum_table!(event::Disposition),
        enum_table!(event::HangupCause),
        enum_table!(report::DigitKind),
        enum_table!(target::TargetKind),
        enum_table!(target::TargetContext),
        enum_table!(lexical::Lang),
        enum_table!(lexical::OnOff),
        enum_table!(campaign::CallType),
        enum_table!(campaign::IysRecipientType),
        enum_table!(advisory::ActionKind),
        enum_table!(logo::CallerForm),
        enum_table!(logo::Trigger),
        enum_table!(cdr::CdrDirection),
        enum_table!(cdr::RecordingFilter),
        enum_table!(santral_core::diag::Severity),
        enum_table!(Kind),
    ];
    let d = PyDict::new(py);
    d.set_item("enums", enums)?;
    d.set_item("phone_kinds", PhoneKind::NAMES.to_vec())?;
    d.set_item(
        "hangup_causes",
        event::HangupCause::ALL
            .iter()
            .map(|c| (c.as_str(), c.description_tr()))
            .collect::<Vec<_>>(),
    )?;
    d.set_item("kinds", Kind::NAMES.to_vec())?;
    let o = check::Options::default();
    let p = phone::Options::DEFAULT;
    d.set_item(
        "defaults",
        vec![
            ("max_diagnostics", o.max_diagnostics),
            ("duplicate_leads", o.duplicate_leads),
        ],
    )?;
    d.set_item(
        "phone_defaults",
        vec![
            ("lenient", p.lenient),
            ("allow_extension", p.allow_extension),
            ("extension_first", p.extension_first),
        ],
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
    m.add_class::<api::PyBucket>()?;
    m.add_class::<receiver::PyReceiver>()?;
    m.add("DEFAULT_FALLBACK", santral_core::receiver::DEFAULT_FALLBACK)?;
    m.add(
        "DEFAULT_EVENTS_PATH",
        santral_core::receiver::DEFAULT_EVENTS_PATH,
    )?;
    m.add(
        "DEFAULT_REPORTS_PATH",
        santral_core::receiver::DEFAULT_REPORTS_PATH,
    )?;
    m.add(
        "DEFAULT_ADVISORY_PATH",
        santral_core::receiver::DEFAULT_ADVISORY_PATH,
    )?;
    m.add("BODY_LIMIT", santral_core::receiver::BODY_LIMIT)?;
    m.add_class::<receiver::PyDecision>()?;
    m.add_function(wrap_pyfunction!(receiver::advisory_refusal, m)?)?;
    m.add_function(wrap_pyfunction!(receiver::advisory_answer, m)?)?;
    m.add_function(wrap_pyfunction!(receiver::handler_done, m)?)?;
    m.add_function(wrap_pyfunction!(receiver::handler_failed, m)?)?;
    m.add_function(wrap_pyfunction!(api::api_request, m)?)?;
    m.add_function(wrap_pyfunction!(api::api_reply, m)?)?;
    m.add_function(wrap_pyfunction!(api::api_operations, m)?)?;
    m.add_function(wrap_pyfunction!(api::api_records, m)?)?;
    m.add_function(wrap_pyfunction!(api::data_url, m)?)?;
    m.add_function(wrap_pyfunction!(api::rate_budgets, m)?)?;
    m.add_function(wrap_pyfunction!(api::cdr_windows, m)?)?;
    m.add_function(wrap_pyfunction!(api::vendor_addresses, m)?)?;
    m.add_function(wrap_pyfunction!(api::check_cidrs, m)?)?;
    m.add_function(wrap_pyfunction!(api::client_allowed, m)?)?;
    m.add_function(wrap_pyfunction!(api::advisory_response_info, m)?)?;
    Ok(())
}
