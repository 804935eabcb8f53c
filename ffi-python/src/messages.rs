//! The webhooks' messages read by the core: call events, campaign
//! reports, Santral Programlama queries.

use pyo3::prelude::*;
use pyo3::types::PyDict;
use santral_core::diag::Diagnostic;
use santral_core::phone::Phone;
use santral_core::time::{Timestamp, Zone};

use crate::*;

/// A timestamp as `(year, month, day, hour, minute, second, zone)`, zone
/// `None` (unspecified), `0` (UTC) or minutes east of UTC.
pub(crate) type StampTuple = (u16, u8, u8, u8, u8, u8, Option<i16>);

pub(crate) fn stamp(t: Option<Timestamp>) -> Option<StampTuple> {
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

pub(crate) fn opt_phone<'py>(
    py: Python<'py>,
    p: Option<Phone>,
) -> PyResult<Option<Bound<'py, PyPhone>>> {
    p.map(|p| new_phone(py, p.national_number(), &p))
        .transpose()
}

/// Parses a call-event body: `(dict or None, diagnostics, is_ping)`.
#[pyfunction]
pub(crate) fn parse_call_event<'py>(
    py: Python<'py>,
    body: &Bound<'_, PyAny>,
) -> PyResult<(Option<Bound<'py, PyDict>>, Vec<PyDiagnostic>, bool)> {
    let bytes = input_bytes(body)?;
    let ping = santral_core::form::is_verification_ping(&bytes);
    let mut diags = Vec::new();
    let parsed = santral_core::event::CallEvent::parse(&bytes, &mut |d: Diagnostic| {
        diags.push(diagnostic(&d));
        std::ops::ControlFlow::Continue(())
    });
    let Some(e) = parsed else {
        return Ok((None, diags, ping));
    };
    Ok((Some(event_dict(py, &e)?), diags, ping))
}

/// A call event as the dict the generated `CallEvent` is made from.
pub(crate) fn event_dict<'py>(
    py: Python<'py>,
    e: &santral_core::event::CallEvent<'_>,
) -> PyResult<Bound<'py, PyDict>> {
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
    Ok(d)
}

/// Parses a campaign-report body: `(dict or None, diagnostics, is_ping)`.
#[pyfunction]
pub(crate) fn parse_campaign_report<'py>(
    py: Python<'py>,
    body: &Bound<'_, PyAny>,
) -> PyResult<(Option<Bound<'py, PyDict>>, Vec<PyDiagnostic>, bool)> {
    use santral_core::report::CampaignReport;
    let bytes = input_bytes(body)?;
    let ping = santral_core::form::is_verification_ping(&bytes);
    let mut diags = Vec::new();
    let parsed = CampaignReport::parse(&bytes, &mut |d: Diagnostic| {
        diags.push(diagnostic(&d));
        std::ops::ControlFlow::Continue(())
    });
    let Some(r) = parsed else {
        return Ok((None, diags, ping));
    };
    Ok((Some(report_dict(py, &r)?), diags, ping))
}

/// A campaign report as the dict the generated `CampaignReport` is made from.
pub(crate) fn report_dict<'py>(
    py: Python<'py>,
    r: &santral_core::report::CampaignReport<'_>,
) -> PyResult<Bound<'py, PyDict>> {
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
    Ok(d)
}

/// Parses an advisory routing query: `(dict or None, diagnostics)`.
#[pyfunction]
#[pyo3(signature = (query, param_name=None))]
pub(crate) fn parse_advisory_request<'py>(
    py: Python<'py>,
    query: &Bound<'_, PyAny>,
    param_name: Option<&str>,
) -> PyResult<(Option<Bound<'py, PyDict>>, Vec<PyDiagnostic>)> {
    check_options(py, None, param_name)?;
    let bytes = input_bytes(query)?;
    let mut diags = Vec::new();
    let parsed =
        santral_core::advisory::AdvisoryRequest::parse(&bytes, param_name, &mut |d: Diagnostic| {
            diags.push(diagnostic(&d));
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
