//! `santral._native`: the pyo3 half of the `santral` wheel. It converts
//! between Python and the core and nothing else; the typed Python API
//! (dataclasses, enums, exceptions) lives in `python/santral/`.
//!
//! Failures are returned as data (`(value, error)` pairs, diagnostic
//! tuples) so the Python layer raises its own exception classes.

mod api;
mod build;
mod check;
mod logo;
mod messages;
mod phone;
mod receiver;
mod values;

pub(crate) use messages::stamp;
pub(crate) use phone::{new_phone, PyPhone};

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};
use santral_core::check::{Kind, Options as CheckOptions};
use santral_core::diag::{Code, Diagnostic};
use santral_core::form::Encoded;
use santral_core::phone::{Format, PhoneKind};

/// A second place a diagnostic refers to (for a repeated lead, the lead
/// it repeats).
#[pyclass(name = "Place", module = "santral", frozen, eq, hash, get_all)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct PyPlace {
    offset: usize,
    end: usize,
    line: u32,
    column: u32,
}

#[pymethods]
impl PyPlace {
    fn __repr__(&self) -> String {
        format!(
            "Place(offset={}, end={}, line={}, column={})",
            self.offset, self.end, self.line, self.column
        )
    }
}

/// One finding: a stable `code`, where it is, and what it means — the
/// core's diagnostic as a Python class (no positional tuple crosses the
/// boundary).
#[pyclass(name = "Diagnostic", module = "santral", frozen, eq, hash, get_all)]
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct PyDiagnostic {
    severity: &'static str,
    code: &'static str,
    message: &'static str,
    message_tr: &'static str,
    path: String,
    offset: usize,
    end: usize,
    line: u32,
    column: u32,
    suggestion: Option<String>,
    related: Option<PyPlace>,
}

#[pymethods]
impl PyDiagnostic {
    fn __repr__(&self) -> String {
        format!(
            "Diagnostic(severity={:?}, code={:?}, path={:?}, offset={}, end={}, line={}, column={}, suggestion={:?})",
            self.severity, self.code, self.path, self.offset, self.end, self.line, self.column, self.suggestion
        )
    }
}

fn diagnostic(d: &Diagnostic) -> PyDiagnostic {
    PyDiagnostic {
        severity: d.severity.as_str(),
        code: d.code.id(),
        message: d.code.message(),
        message_tr: d.code.message_tr(),
        path: d.path.to_string(),
        offset: d.span.start,
        end: d.span.end,
        line: d.line,
        column: d.column,
        suggestion: d.suggestion.map(str::to_string),
        related: d.related.map(|r| PyPlace {
            offset: r.span.start,
            end: r.span.end,
            line: r.line,
            column: r.column,
        }),
    }
}

/// The exception of class `cls` (in `santral.errors`) for `diagnostics`.
fn error(py: Python<'_>, cls: &str, diagnostics: Vec<PyDiagnostic>) -> PyErr {
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
    error(py, cls, vec![diagnostic(d)])
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

/// The library version.
#[pyfunction]
fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
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
    // Each received message's fields, in the core's order: (name,
    // required, shape, the shape's names) — the generated classes'.
    let messages: Vec<(&str, Vec<MessageField>)> = vec![
        (
            "CallEvent",
            event::Field::ALL
                .iter()
                .map(|f| field_row(f.name(), f.is_required(), f.shape()))
                .collect(),
        ),
        (
            "CampaignReport",
            report::Field::ALL
                .iter()
                .map(|f| field_row(f.name(), f.is_required(), f.shape()))
                .collect(),
        ),
        (
            "AdvisoryRequest",
            advisory::Param::ALL
                .iter()
                .map(|f| field_row(f.name(), f.is_required(), f.shape()))
                .collect(),
        ),
    ];
    d.set_item("messages", messages)?;
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

/// A message field for the generator: name, required, shape, its names.
type MessageField = (&'static str, bool, &'static str, Vec<&'static str>);

fn field_row(name: &'static str, required: bool, shape: santral_core::wire::Shape) -> MessageField {
    use santral_core::wire::Shape as S;
    let (kind, names): (&str, &[&str]) = match shape {
        S::Choice(names) => ("choice", names),
        S::Open(names) => ("open", names),
        S::Id => ("id", &[]),
        S::Int { .. } => ("int", &[]),
        S::Phone => ("phone", &[]),
        S::Caller => ("caller", &[]),
        S::Timestamp => ("timestamp", &[]),
        S::Duration => ("duration", &[]),
        S::Bool | S::Boolish => ("bool", &[]),
        S::Digit => ("digit", &[]),
        _ => ("text", &[]),
    };
    (name, required, kind, names.to_vec())
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyPhone>()?;
    m.add_class::<PyDiagnostic>()?;
    m.add_class::<PyPlace>()?;
    m.add_function(wrap_pyfunction!(version, m)?)?;
    m.add_function(wrap_pyfunction!(phone::parse_phone, m)?)?;
    m.add_function(wrap_pyfunction!(phone::same_number, m)?)?;
    m.add_function(wrap_pyfunction!(phone::match_key, m)?)?;
    m.add_function(wrap_pyfunction!(phone::normalize_phones, m)?)?;
    m.add_function(wrap_pyfunction!(phone::normalize_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(check::check, m)?)?;
    m.add_function(wrap_pyfunction!(messages::parse_call_event, m)?)?;
    m.add_function(wrap_pyfunction!(messages::parse_campaign_report, m)?)?;
    m.add_function(wrap_pyfunction!(messages::parse_advisory_request, m)?)?;
    m.add_function(wrap_pyfunction!(build::build_transfer, m)?)?;
    m.add_function(wrap_pyfunction!(build::build_prompt, m)?)?;
    m.add_function(wrap_pyfunction!(build::build_record, m)?)?;
    m.add_function(wrap_pyfunction!(build::build_speech_to_text, m)?)?;
    m.add_function(wrap_pyfunction!(build::build_campaign, m)?)?;
    m.add_function(wrap_pyfunction!(logo::logo_from_event, m)?)?;
    m.add_function(wrap_pyfunction!(values::parse_target, m)?)?;
    m.add_function(wrap_pyfunction!(values::check_phrase, m)?)?;
    m.add_function(wrap_pyfunction!(codes, m)?)?;
    m.add_function(wrap_pyfunction!(tables, m)?)?;
    m.add_class::<api::PyBucket>()?;
    m.add_class::<api::PyPrepared>()?;
    m.add_class::<api::PyReadReply>()?;
    m.add_class::<api::PyFailure>()?;
    m.add_function(wrap_pyfunction!(api::masked_key, m)?)?;
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
