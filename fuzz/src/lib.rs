//! Invariants every fuzz target asserts, beyond "no panic".
use santral::diag::{line_column, Diagnostic, Locator, Severity};

/// Every diagnostic's span lies inside the input, on character
/// boundaries when the input is UTF-8, and its line/column agree with
/// its offset.
pub fn diagnostics_are_placed(input: &[u8], diagnostics: &[Diagnostic]) {
    let mut locator = Locator::new(input);
    for (n, d) in diagnostics.iter().enumerate() {
        assert!(d.span.start <= d.span.end, "{d:?}");
        assert!(d.span.end <= input.len(), "{d:?} past {}", input.len());
        if let Ok(text) = std::str::from_utf8(input) {
            assert!(
                text.is_char_boundary(d.span.start) && text.is_char_boundary(d.span.end),
                "{d:?}"
            );
        }
        // The incremental locator is itself under test: check it against
        // the from-the-top walk on the first few diagnostics.
        let (line, column) = locator.line_column(d.span.start);
        if n < 4 {
            assert_eq!(line_column(input, d.span.start), (line, column), "{d:?}");
        }
        assert_eq!((line, column), (d.line, d.column), "{d:?}");
        assert_eq!(d.severity, d.code.severity(), "{d:?}");
    }
}

/// A collecting sink.
pub fn collect() -> (
    Vec<Diagnostic>,
    impl FnMut(Diagnostic) -> std::ops::ControlFlow<()>,
) {
    (Vec::new(), |_| std::ops::ControlFlow::Continue(()))
}

/// Runs `f` with a sink that records every diagnostic; returns them.
pub fn record<T>(
    f: impl FnOnce(&mut dyn FnMut(Diagnostic) -> std::ops::ControlFlow<()>) -> T,
) -> (T, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let mut sink = |d: Diagnostic| {
        found.push(d);
        std::ops::ControlFlow::Continue(())
    };
    let out = f(&mut sink);
    (out, found)
}

/// A `dyn FnMut` as a core `Sink`.
pub struct Dyn<'a>(pub &'a mut dyn FnMut(Diagnostic) -> std::ops::ControlFlow<()>);

impl santral::Sink for Dyn<'_> {
    fn report(&mut self, d: Diagnostic) -> std::ops::ControlFlow<()> {
        (self.0)(d)
    }
}

/// A verdict of "valid" comes with no error diagnostic, "invalid" with one.
pub fn verdict_agrees(valid: bool, diagnostics: &[Diagnostic]) {
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    assert_eq!(
        valid,
        errors == 0,
        "valid={valid} with {errors} errors: {diagnostics:?}"
    );
}
