//! Values checked on their own: targets and TTS phrases.

use pyo3::prelude::*;
use santral_core::diag::Diagnostic;

use crate::*;

/// Parses a call target: `(kind, canonical, announcement_id)`; raises
/// `TargetError` with the core's suggestion.
#[pyfunction]
#[pyo3(signature = (s, context = None))]
pub(crate) fn parse_target(
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
pub(crate) fn check_phrase(s: &str) -> (Vec<u64>, Vec<PyDiagnostic>) {
    let phrase = santral_core::phrase::Phrase::new(s);
    let mut diags = Vec::new();
    phrase.report(&mut |d: Diagnostic| {
        diags.push(diagnostic(&d));
        std::ops::ControlFlow::Continue(())
    });
    (phrase.announcement_ids().map(|i| i.get()).collect(), diags)
}
