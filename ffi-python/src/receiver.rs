//! `santral.webhooks`' decisions: the core's receiver
//! (`santral_core::receiver`) behind two small classes. This module
//! converts; the allow-list, routes, pings, bounds and every answer's
//! bytes are the core's.

use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};
use santral_core::net::Cidr;
use santral_core::receiver::{self, Answer, Config, Outcome, Route};

use crate::{decoded, input_bytes, PyDiagnostic};

/// What a receiver answers and hands over.
#[pyclass(name = "Decision", module = "santral._native", frozen, get_all)]
pub(crate) struct PyDecision {
    /// The status code.
    status: u16,
    /// The reason phrase (`Method Not Allowed`).
    reason: &'static str,
    /// The `Content-Type` header.
    content_type: &'static str,
    /// The `Allow` header, on a 405.
    allow: Option<&'static str>,
    /// The body to write (the answer when nothing is handed over).
    body: Py<PyBytes>,
    /// What to hand over: `call-event`, `campaign-report`, `advisory-request`, or `None`.
    handover: Option<&'static str>,
    /// A value's idempotency key; an advisory query's call uuid (`None`: none).
    key: Option<String>,
    /// The client behind the peer (`None`: unknown).
    client: Option<String>,
    /// Whether the answer is a verification ping's.
    ping: bool,
    /// A call event's or campaign report's fields (the dict its generated
    /// class is made from), read once with the decision.
    value: Option<Py<PyDict>>,
    /// What reading the body found (a value's warnings).
    diagnostics: Vec<PyDiagnostic>,
}

fn decision(
    py: Python<'_>,
    answer: &Answer<'_>,
    handover: Option<&'static str>,
    key: Option<String>,
    client: Option<String>,
) -> PyDecision {
    PyDecision {
        status: answer.status(),
        reason: answer.reason(),
        content_type: answer.content_type(),
        allow: answer.allow(),
        body: PyBytes::new(py, answer.body().to_string().as_bytes()).unbind(),
        handover,
        key,
        client,
        ping: *answer == Answer::Ping,
        value: None,
        diagnostics: Vec::new(),
    }
}

/// A decision that hands a value over: its fields as read, and the
/// warnings reading them found.
fn handed(d: PyDecision, value: Bound<'_, PyDict>, diagnostics: Vec<PyDiagnostic>) -> PyDecision {
    PyDecision {
        value: Some(value.unbind()),
        diagnostics,
        ..d
    }
}

/// A receiver's settings, checked once (a bad block raises `SantralError`).
#[pyclass(name = "Receiver", module = "santral._native", frozen)]
pub(crate) struct PyReceiver {
    allow: Vec<Cidr>,
    trusted_proxies: Vec<Cidr>,
    secret: Option<String>,
    events_path: Option<String>,
    reports_path: Option<String>,
    advisory_path: Option<String>,
    body_limit: usize,
}

impl PyReceiver {
    fn config(&self) -> Config<'_> {
        Config {
            allow: &self.allow,
            trusted_proxies: &self.trusted_proxies,
            secret: self.secret.as_deref(),
            events_path: self.events_path.as_deref(),
            reports_path: self.reports_path.as_deref(),
            advisory_path: self.advisory_path.as_deref(),
            body_limit: self.body_limit,
        }
    }
}

#[pymethods]
impl PyReceiver {
    /// `allow` `None`: the vendor's addresses; a path `None`: route off.
    #[new]
    #[pyo3(signature = (allow=None, trusted_proxies=Vec::new(), secret=None,
        events_path=Some(receiver::DEFAULT_EVENTS_PATH.to_string()),
        reports_path=Some(receiver::DEFAULT_REPORTS_PATH.to_string()),
        advisory_path=Some(receiver::DEFAULT_ADVISORY_PATH.to_string()), body_limit=receiver::BODY_LIMIT))]
    #[allow(clippy::too_many_arguments)] // the Python keyword arguments
    fn new(
        py: Python<'_>,
        allow: Option<Vec<String>>,
        trusted_proxies: Vec<String>,
        secret: Option<String>,
        events_path: Option<String>,
        reports_path: Option<String>,
        advisory_path: Option<String>,
        body_limit: usize,
    ) -> PyResult<Self> {
        let allow = match allow {
            Some(list) => crate::api::cidrs(py, &list)?,
            None => santral_core::net::VENDOR_ADDRESSES.to_vec(),
        };
        Ok(PyReceiver {
            allow,
            trusted_proxies: crate::api::cidrs(py, &trusted_proxies)?,
            secret,
            events_path,
            reports_path,
            advisory_path,
            body_limit,
        })
    }

    /// Decides a request as it arrived (`forwarded_for`: every
    /// `X-Forwarded-For` line joined by `", "`; `content_length`: the
    /// declared length, when the body was not read).
    #[pyo3(signature = (method, path, query, peer, forwarded_for, content_type, content_length, body))]
    #[allow(clippy::too_many_arguments)]
    fn receive(
        &self,
        py: Python<'_>,
        method: &str,
        path: &Bound<'_, PyAny>,
        query: &Bound<'_, PyAny>,
        peer: &str,
        forwarded_for: Option<&Bound<'_, PyAny>>,
        content_type: Option<&Bound<'_, PyAny>>,
        content_length: Option<u64>,
        body: &Bound<'_, PyAny>,
    ) -> PyResult<PyDecision> {
        let path = input_bytes(path)?;
        let query = input_bytes(query)?;
        let body = input_bytes(body)?;
        let forwarded = forwarded_for.map(input_bytes).transpose()?;
        let content_type = content_type.map(input_bytes).transpose()?;
        let config = self.config();
        let mut found = Vec::new();
        let r = receiver::receive_reporting(
            &config,
            &receiver::Request {
                method,
                path: &path,
                query: &query,
                peer,
                forwarded_for: forwarded.as_deref(),
                content_type: content_type.as_deref(),
                content_length,
                body: &body,
            },
            &mut |d: santral_core::Diagnostic| {
                found.push(crate::diagnostic(&d));
                std::ops::ControlFlow::Continue(())
            },
        );
        let client = r.client.map(|c| c.to_string());
        Ok(match r.outcome {
            Outcome::Answer(a) => decision(py, &a, None, None, client),
            Outcome::CallEvent(e) => handed(
                decision(
                    py,
                    &Answer::Ok,
                    Some(Route::Events.handover()),
                    Some(e.idempotency_key().to_string()),
                    client,
                ),
                crate::messages::event_dict(py, &e)?,
                found,
            ),
            Outcome::CampaignReport(e) => handed(
                decision(
                    py,
                    &Answer::Ok,
                    Some(Route::Reports.handover()),
                    Some(e.idempotency_key().to_string()),
                    client,
                ),
                crate::messages::report_dict(py, &e)?,
                found,
            ),
            Outcome::Advisory(q) => decision(
                py,
                &Answer::Ok,
                Some(Route::Advisory.handover()),
                q.uuid().map(decoded),
                client,
            ),
        })
    }
}

/// Reads a routing query with the session's digits parameter: `None`
/// when valid (parse it with `AdvisoryRequest.parse`), else the 400.
#[pyfunction]
#[pyo3(signature = (query, param_name=None))]
pub(crate) fn advisory_refusal(
    py: Python<'_>,
    query: &Bound<'_, PyAny>,
    param_name: Option<&str>,
) -> PyResult<Option<PyDecision>> {
    let query = input_bytes(query)?;
    Ok(receiver::AdvisoryQuery::new(&query)
        .read(param_name)
        .err()
        .map(|answer| decision(py, &answer, None, None, None)))
}

/// The answer to a routing query: the handler's response when the core
/// accepts it, else the fallback: `(decision, param_name, fell_back)`.
#[pyfunction]
#[pyo3(signature = (response, fallback))]
pub(crate) fn advisory_answer(
    py: Python<'_>,
    response: Option<&str>,
    fallback: &str,
) -> (PyDecision, Option<String>, bool) {
    let a = receiver::advisory_answer(response, fallback);
    (
        decision(py, &a.answer, None, None, None),
        a.param_name().map(str::to_string),
        a.fell_back,
    )
}

/// The answer once the handler has a value (`200 OK`).
#[pyfunction]
pub(crate) fn handler_done(py: Python<'_>) -> PyDecision {
    decision(py, &Answer::Ok, None, None, None)
}

/// The answer when the handler failed (`500`: the PBX may send it again).
#[pyfunction]
pub(crate) fn handler_failed(py: Python<'_>) -> PyDecision {
    decision(py, &Answer::HandlerFailed, None, None, None)
}
