//! Phone numbers: the `Phone` class, parsing, match keys, and the
//! column cleaners for lists and Arrow arrays.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString};
use santral_core::diag::{Code, Diagnostic};
use santral_core::phone::{Format, Options as PhoneOptions, Phone, PhoneKind};

use crate::*;

/// A parsed phone number (immutable). Formats are computed on access.
#[pyclass(frozen, module = "santral", name = "Phone")]
pub(crate) struct PyPhone {
    /// The caller's own `str` object (no copy).
    input: Py<PyString>,
    phone: Phone,
}

/// Longest formatted number: `+` or `00`, a 3-digit country code and 15
/// digits with spaces, with room to spare.
pub(crate) const FORMAT_BUF: usize = 48;

/// E.164 (`+` and at most 15 digits) or a national fallback (at most
/// `00`, a 3-digit code and 12 digits) in a batch row.
pub(crate) type Short = heapless::String<24>;

/// Formats `p` on the stack (no Rust `String` on the way to Python).
pub(crate) fn format_phone<const N: usize>(p: &Phone, f: Format) -> Option<heapless::String<N>> {
    stack_text(p.format(f).ok()?)
}

/// A formatted number on the stack.
pub(crate) fn stack_text<const N: usize>(
    f: santral_core::phone::Formatted,
) -> Option<heapless::String<N>> {
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

pub(crate) fn new_phone<'py>(
    py: Python<'py>,
    input: &str,
    p: &Phone,
) -> PyResult<Bound<'py, PyPhone>> {
    phone_object(py, PyString::new(py, input), p)
}

pub(crate) fn phone_object<'py>(
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

pub(crate) fn options(lenient: bool, allow_extension: bool, extension_first: bool) -> PhoneOptions {
    PhoneOptions {
        lenient,
        allow_extension,
        extension_first,
        region: None,
    }
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
pub(crate) fn parse_phone<'py>(
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
            let mut t = diagnostic(&d);
            if let Some(r) = opts.ok().and_then(|o| Phone::lenient_reading(input, o)) {
                t.suggestion = Some(r.to_string());
            }
            Err(error(py, "PhoneError", vec![t]))
        }
    }
}

/// True when both denote the same subscriber.
#[pyfunction]
pub(crate) fn same_number(a: &str, b: &str) -> bool {
    santral_core::phone::same_number(a, b)
}

/// The lookup key of a leniently parsed number; raises `PhoneError`.
#[pyfunction]
pub(crate) fn match_key(py: Python<'_>, s: &str) -> PyResult<String> {
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
pub(crate) fn normalize_phones<'py>(
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
pub(crate) fn normalize_arrow<'py>(
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
pub(crate) const NO_CODE: u16 = u16::MAX;

pub(crate) struct StringSink<'a>(&'a mut Vec<u8>);

impl std::fmt::Write for StringSink<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}
