//! `check`: any payload through the core's `check`.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use santral_core::check::{Kind, Value};
use santral_core::diag::Diagnostic;

use crate::*;

pub(crate) fn value_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
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
pub(crate) fn check<'py>(
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
    Vec<PyDiagnostic>,
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
            diags.push(diagnostic(&d));
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
