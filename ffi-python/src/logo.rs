//! The Logo CRM bridge: a call event into `IPS_callAnswered`.

use pyo3::prelude::*;
use santral_core::diag::Diagnostic;

use crate::*;

/// Converts a call-event body to the Logo CRM JSON: `(json or None, status, diagnostics)`
/// with status `"ok"`, `"not_trigger"` or `"invalid"`. The option names and
/// defaults are the core's.
#[pyfunction]
#[pyo3(signature = (body, keypress = None, caller_form = None, agent_id = None, trigger = None))]
pub(crate) fn logo_from_event(
    body: &Bound<'_, PyAny>,
    keypress: Option<&str>,
    caller_form: Option<&str>,
    agent_id: Option<&str>,
    trigger: Option<&str>,
) -> PyResult<(Option<String>, &'static str, Vec<PyDiagnostic>)> {
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
        diags.push(diagnostic(&d));
        std::ops::ControlFlow::Continue(())
    }) else {
        return Ok((None, "invalid", diags));
    };
    match from_event(&event, &opts) {
        Ok(Some(call)) => Ok((Some(call.to_string()), "ok", diags)),
        Ok(None) => Ok((None, "not_trigger", diags)),
        Err(e) => {
            diags.push(diagnostic(&Diagnostic::new(e.code, e.span).locate(&bytes)));
            Ok((None, "invalid", diags))
        }
    }
}
