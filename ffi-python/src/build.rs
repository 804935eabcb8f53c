//! The builders: Santral Programlama's four responses and campaign bodies.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use santral_core::diag::Diagnostic;
use santral_core::json::JsonStr;

use crate::*;

/// A TTS language given as text (`None` for the PBX's default).
pub(crate) fn tts_lang(
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
pub(crate) fn id(
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
pub(crate) fn built(
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
pub(crate) fn build_transfer(
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
    b.greet_name = greet_name.map(JsonStr::text);
    b.greet_phrase = greet_phrase.map(JsonStr::text);
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
pub(crate) fn build_prompt(
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
        announcement_id: source.announcement_id(),
        phrase: source.phrase(),
        phrase_speed,
        lang: tts_lang(py, lang, "prompt.lang")?,
        min_digits,
        max_digits,
        timeout,
        digit_timeout,
        retry_count,
        service_url: service_url.map(JsonStr::text),
        param_name: param_name.map(JsonStr::text),
    };
    built(py, p.check(), || p.to_string())
}

/// A record response's JSON; raises `AdvisoryError`.
#[pyfunction]
#[pyo3(signature = (announcement_id=None, phrase=None, lang=None))]
pub(crate) fn build_record(
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
        announcement_id: source.and_then(Source::announcement_id),
        phrase: source.and_then(Source::phrase),
        lang: tts_lang(py, lang, "record.lang")?,
    };
    built(py, r.check(), || r.to_string())
}

/// A speech_to_text response's JSON; raises `AdvisoryError`.
#[pyfunction]
#[pyo3(signature = (announcement_id, recognation_duration=None))]
pub(crate) fn build_speech_to_text(
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
pub(crate) fn build_campaign(
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
