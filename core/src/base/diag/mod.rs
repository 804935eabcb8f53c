//! Diagnostics: stable codes, severities, spans, paths and sinks.
//!
//! Every rejection in santral is a [`Diagnostic`]: a stable [`Code`] (its
//! dotted id, e.g. `phone.too_short`, never changes meaning), a
//! [`Severity`], the byte [`Span`] it points at, 1-based line and column,
//! and a [`Path`] such as `phone_list[3].phone`. Messages never quote the
//! input (phone numbers are personal data): they point at it.
//!
//! Validators report to a [`Sink`], so the caller chooses the policy: stop
//! at the first error ([`FirstError`]), count ([`Counter`]), or keep up to
//! `N` diagnostics in fixed memory ([`Collector`]).
//!
//! ```
//! use santral::diag::{Code, Collector, Diagnostic, Path, Sink, Span};
//!
//! let mut sink: Collector<4> = Collector::new();
//! let mut path = Path::root();
//! path.push_key("phone_list");
//! path.push_index(3);
//! path.push_key("phone");
//! let _ = sink.report(Diagnostic::new(Code::PhoneTooShort, Span::new(10, 14)).with_path(path));
//! assert_eq!(sink.error_count(), 1);
//! let d = &sink.diagnostics()[0];
//! assert_eq!(d.code.id(), "phone.too_short");
//! assert_eq!(format!("{}", d.path), "phone_list[3].phone");
//! ```

use core::ffi::CStr;
use core::fmt;
use core::ops::ControlFlow;

/// A `"…\0"` literal as a `CStr` (messages never contain NUL; a test
/// checks). Used by [`wire_enum!`](crate::wire_enum).
#[doc(hidden)]
pub const fn cstr(s: &'static str) -> &'static CStr {
    match CStr::from_bytes_with_nul(s.as_bytes()) {
        Ok(c) => c,
        Err(_) => c"",
    }
}

crate::wire_enum! {
    /// Whether a finding makes the input invalid.
    #[derive(PartialOrd, Ord)]
    pub enum Severity {
        /// The input is still acceptable; the finding is worth a look.
        Warning = "warning",
        /// The input is invalid.
        Error = "error",
    }
}

mod codes;
mod suggest;
pub use codes::Code;
pub use suggest::{edit_distance, suggest};

crate::wire_enum! {
    /// The language of a diagnostic's message (every face offers both; the
    /// C constants `SANTRAL_LANG_*` are this order).
    pub enum MessageLang {
        /// English.
        En = "en",
        /// Turkish.
        Tr = "tr",
    }
}

impl MessageLang {
    /// Whether messages are Turkish.
    pub fn is_tr(self) -> bool {
        self == MessageLang::Tr
    }
}

/// A half-open byte range `start..end` in the input.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The span moved right by `by` bytes (saturating).
    pub const fn offset(self, by: usize) -> Span {
        Span {
            start: self.start.saturating_add(by),
            end: self.end.saturating_add(by),
        }
    }

    /// Length in bytes.
    pub const fn len(self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True for an empty span.
    pub const fn is_empty(self) -> bool {
        self.end <= self.start
    }
}

/// One step of a [`Path`]: an object key or an array index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Segment {
    /// A field name, e.g. `phone_list`.
    Key(&'static str),
    /// An array index, e.g. `3`.
    Index(u32),
    /// A name chosen at run time (an advisory prompt's `param_name`),
    /// held by the path itself: see [`Path::push_name`].
    Name,
}

/// The longest run-time name a [`Path`] holds (an advisory `param_name`
/// is at most 32 characters).
pub const PATH_NAME_MAX: usize = 32;

/// How many segments a [`Path`] holds; deeper pushes are counted, not kept.
pub const PATH_DEPTH: usize = 6;

/// Where in a message a finding is, e.g. `phone_list[3].phone`.
///
/// Fixed capacity ([`PATH_DEPTH`] segments); a deeper path renders its kept
/// prefix followed by `…`.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Path {
    segments: [Segment; PATH_DEPTH],
    len: u8,
    overflow: u8,
    name: [u8; PATH_NAME_MAX],
    name_len: u8,
}

impl Path {
    /// The empty path (the whole input).
    pub const fn root() -> Path {
        Path {
            segments: [Segment::Index(0); PATH_DEPTH],
            len: 0,
            overflow: 0,
            name: [0; PATH_NAME_MAX],
            name_len: 0,
        }
    }

    /// A one-key path such as `event_type`.
    pub const fn key(name: &'static str) -> Path {
        let mut p = Path::root();
        p.segments[0] = Segment::Key(name);
        p.len = 1;
        p
    }

    /// Appends a segment.
    pub fn push(&mut self, segment: Segment) {
        match self.segments.get_mut(usize::from(self.len)) {
            Some(slot) => {
                *slot = segment;
                self.len = self.len.saturating_add(1);
            }
            None => self.overflow = self.overflow.saturating_add(1),
        }
    }

    /// Appends a key.
    pub fn push_key(&mut self, name: &'static str) {
        self.push(Segment::Key(name));
    }

    /// Appends an index.
    pub fn push_index(&mut self, index: u32) {
        self.push(Segment::Index(index));
    }

    /// Appends a name known only at run time (an advisory prompt's
    /// `param_name`). A path holds one such name, cut at
    /// [`PATH_NAME_MAX`] bytes on a character boundary.
    pub fn push_name(&mut self, name: &str) {
        let mut n = name.len().min(PATH_NAME_MAX);
        while n > 0 && !name.is_char_boundary(n) {
            n -= 1;
        }
        if let (Some(dst), Some(src)) = (self.name.get_mut(..n), name.as_bytes().get(..n)) {
            dst.copy_from_slice(src);
        }
        self.name_len = n as u8;
        self.push(Segment::Name);
    }

    /// The run-time name held by a [`Segment::Name`].
    pub fn name(&self) -> &str {
        self.name
            .get(..usize::from(self.name_len))
            .and_then(|b| core::str::from_utf8(b).ok())
            .unwrap_or("")
    }

    /// A one-segment path of a run-time name (see [`Path::push_name`]).
    pub fn named(name: &str) -> Path {
        let mut p = Path::root();
        p.push_name(name);
        p
    }

    /// Removes the last segment.
    pub fn pop(&mut self) {
        if self.overflow > 0 {
            self.overflow -= 1;
        } else {
            self.len = self.len.saturating_sub(1);
            if self.segments.get(usize::from(self.len)) == Some(&Segment::Name) {
                // Forget the name, so equal paths compare equal.
                self.name = [0; PATH_NAME_MAX];
                self.name_len = 0;
            }
        }
    }

    /// The kept segments.
    pub fn segments(&self) -> &[Segment] {
        self.segments.get(..usize::from(self.len)).unwrap_or(&[])
    }

    /// True for the root path.
    pub fn is_root(&self) -> bool {
        self.len == 0 && self.overflow == 0
    }

    /// The path with `key` appended.
    pub fn with_key(mut self, key: &'static str) -> Path {
        self.push_key(key);
        self
    }
}

impl Default for Path {
    fn default() -> Self {
        Path::root()
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, s) in self.segments().iter().enumerate() {
            match s {
                Segment::Key(k) if i == 0 => f.write_str(k)?,
                Segment::Key(k) => write!(f, ".{k}")?,
                Segment::Name if i == 0 => f.write_str(self.name())?,
                Segment::Name => write!(f, ".{}", self.name())?,
                Segment::Index(n) => write!(f, "[{n}]")?,
            }
        }
        if self.overflow > 0 {
            f.write_str("…")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Path({self})")
    }
}

/// A path rendered into a stack buffer (paths are short: at most
/// [`PATH_DEPTH`] names and indices).
struct PathText<'p>(&'p Path);

impl PathText<'_> {
    fn as_str<'b>(&self, buf: &'b mut [u8]) -> &'b str {
        crate::write::write_into(buf, self.0).unwrap_or("…")
    }
}

/// What a lexical parser returns when it rejects a value: the code, the
/// bytes it points at (relative to the parsed value) and, for misspellings,
/// a suggestion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Error {
    /// What is wrong.
    pub code: Code,
    /// Where, relative to the start of the parsed value.
    pub span: Span,
    /// A correct spelling, e.g. `user` for `usr`.
    pub suggestion: Option<&'static str>,
}

impl Error {
    /// An error without a suggestion.
    pub const fn new(code: Code, span: Span) -> Error {
        Error {
            code,
            span,
            suggestion: None,
        }
    }

    /// The error moved right by `by` bytes, for a value parsed inside a larger one.
    pub const fn offset(self, by: usize) -> Error {
        Error {
            span: self.span.offset(by),
            ..self
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at bytes {}..{}: {}",
            self.code.id(),
            self.span.start,
            self.span.end,
            self.code.message()
        )?;
        if let Some(s) = self.suggestion {
            write!(f, " (did you mean {s}?)")?;
        }
        Ok(())
    }
}

/// A second place a finding refers to, e.g. the first lead of a number
/// that a later lead repeats.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Place {
    /// The bytes, in the whole input.
    pub span: Span,
    /// 1-based line of `span.start`.
    pub line: u32,
    /// 1-based column of `span.start`, in Unicode scalar values.
    pub column: u32,
}

/// One finding, with everything needed to show it to a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The stable code.
    pub code: Code,
    /// Error or warning (normally the code's own severity).
    pub severity: Severity,
    /// The bytes it points at, in the whole input.
    pub span: Span,
    /// 1-based line of `span.start`.
    pub line: u32,
    /// 1-based column of `span.start`, counted in Unicode scalar values.
    pub column: u32,
    /// Where in the message, e.g. `phone_list[3].phone`.
    pub path: Path,
    /// What the user probably meant for `span`: a correct spelling (`user`
    /// for `usr`), or the documented form (`queue/` for `queue:`).
    pub suggestion: Option<&'static str>,
    /// A second place this finding refers to (for a repeated lead, the
    /// lead it repeats).
    pub related: Option<Place>,
}

impl From<Error> for Diagnostic {
    /// The error as a diagnostic at its span (already placed in the whole
    /// input), with its suggestion, at the root path.
    fn from(e: Error) -> Diagnostic {
        let mut d = Diagnostic::new(e.code, e.span);
        d.suggestion = e.suggestion;
        d
    }
}

impl Diagnostic {
    /// A diagnostic at `span` with the code's severity, line 1, column `start + 1`
    /// (use [`Diagnostic::locate`] for multi-line input).
    pub fn new(code: Code, span: Span) -> Diagnostic {
        Diagnostic {
            code,
            severity: code.severity(),
            span,
            line: 1,
            column: u32::try_from(span.start)
                .unwrap_or(u32::MAX)
                .saturating_add(1),
            path: Path::root(),
            suggestion: None,
            related: None,
        }
    }

    /// A diagnostic from a lexical [`Error`] found in a value that starts at
    /// byte `base` of `input`, with line and column computed from `input`.
    pub fn from_error(error: Error, base: usize, input: &[u8], path: Path) -> Diagnostic {
        let mut d = Diagnostic::new(error.code, error.span.offset(base)).with_path(path);
        d.suggestion = error.suggestion;
        d.locate(input)
    }

    /// A diagnostic for a builder's field (`key`, `timeout`,
    /// `notification_url`…): the error's span is within that field's value.
    ///
    /// ```
    /// use santral::diag::{Code, Diagnostic};
    /// let e = santral::lexical::ApiKey::parse("").unwrap_err();
    /// let d = Diagnostic::field(e, "key");
    /// assert_eq!((d.code, d.path.to_string().as_str()), (Code::ApiKeyEmpty, "key"));
    /// ```
    pub fn field(error: Error, name: &'static str) -> Diagnostic {
        let mut d = Diagnostic::new(error.code, error.span).with_path(Path::key(name));
        d.suggestion = error.suggestion;
        d
    }

    /// Sets the path.
    pub fn with_path(mut self, path: Path) -> Diagnostic {
        self.path = path;
        self
    }

    /// Sets line and column from the span's start in `input`.
    pub fn locate(mut self, input: &[u8]) -> Diagnostic {
        let (line, column) = line_column(input, self.span.start);
        self.line = line;
        self.column = column;
        self
    }

    /// Writes the diagnostic as one JSON object, the shape every face
    /// hands out: `severity`, `code`, `message` (English, or Turkish with
    /// `tr`), `path`, `offset`, `end`, `line`, `column`, then `suggestion`
    /// and `related` (`offset`, `end`, `line`, `column`) when present.
    ///
    /// ```
    /// use santral::diag::{Code, Diagnostic, Span};
    /// let mut json = String::new();
    /// Diagnostic::new(Code::PhoneEmpty, Span::new(0, 0)).write_json(&mut json, false).unwrap();
    /// assert_eq!(json, r#"{"severity":"error","code":"phone.empty","message":"phone number is empty","path":"","offset":0,"end":0,"line":1,"column":1}"#);
    /// ```
    pub fn write_json<W: fmt::Write + ?Sized>(&self, w: &mut W, tr: bool) -> fmt::Result {
        use crate::write::Quoted;
        write!(
            w,
            "{{\"severity\":\"{}\",\"code\":\"{}\",\"message\":{},\"path\":",
            self.severity,
            self.code.id(),
            Quoted(self.message(tr)),
        )?;
        // Paths hold only field names, indices and a checked param_name.
        crate::write::write_string(w, PathText(&self.path).as_str(&mut [0u8; 256]))?;
        write!(
            w,
            ",\"offset\":{},\"end\":{},\"line\":{},\"column\":{}",
            self.span.start, self.span.end, self.line, self.column
        )?;
        if let Some(s) = self.suggestion {
            write!(w, ",\"suggestion\":{}", Quoted(s))?;
        }
        if let Some(r) = self.related {
            write!(
                w,
                ",\"related\":{{\"offset\":{},\"end\":{},\"line\":{},\"column\":{}}}",
                r.span.start, r.span.end, r.line, r.column
            )?;
        }
        w.write_char('}')
    }

    /// The message in English (`tr = false`) or Turkish.
    pub fn message(&self, tr: bool) -> &'static str {
        if tr {
            self.code.message_tr()
        } else {
            self.code.message()
        }
    }
}

/// 1-based line and column (in Unicode scalar values) of byte `offset` in
/// `input`. Offsets past the end are clamped to the end.
///
/// ```
/// assert_eq!(santral::diag::line_column(b"ab\ncd", 4), (2, 2));
/// ```
pub fn line_column(input: &[u8], offset: usize) -> (u32, u32) {
    Locator::new(input).line_column(offset)
}

/// Line and column of many offsets in one input. Each lookup walks on from
/// the previous one, so offsets visited in increasing order cost one pass
/// over the input in all (a validator reporting thousands of problems stays
/// linear); an offset before the previous one starts again from the top.
///
/// ```
/// let mut at = santral::diag::Locator::new(b"ab\ncd\nef");
/// assert_eq!(at.line_column(4), (2, 2));
/// assert_eq!(at.line_column(7), (3, 2));
/// assert_eq!(at.line_column(1), (1, 2));
/// ```
#[derive(Clone, Debug)]
pub struct Locator<'a> {
    input: &'a [u8],
    offset: usize,
    line: u32,
    column: u32,
}

impl<'a> Locator<'a> {
    /// A locator at the start of `input`.
    pub fn new(input: &'a [u8]) -> Self {
        Locator {
            input,
            offset: 0,
            line: 1,
            column: 1,
        }
    }

    /// 1-based line and column of byte `offset` (clamped to the end).
    pub fn line_column(&mut self, offset: usize) -> (u32, u32) {
        let offset = offset.min(self.input.len());
        if offset < self.offset {
            *self = Locator::new(self.input);
        }
        for &b in self.input.get(self.offset..offset).unwrap_or(&[]) {
            if b == b'\n' {
                self.line = self.line.saturating_add(1);
                self.column = 1;
            } else if b & 0xC0 != 0x80 {
                // Count the first byte of every UTF-8 sequence, not continuations.
                self.column = self.column.saturating_add(1);
            }
        }
        self.offset = offset;
        (self.line, self.column)
    }

    /// A locator that knows `offset` of `input` is at `line`, `column`
    /// (a checkpoint kept earlier), for offsets from there on: what places
    /// a repeated campaign lead without counting from the top.
    ///
    /// ```
    /// let mut at = santral::diag::Locator::resume(b"ab\ncd\nef", 3, 2, 1);
    /// assert_eq!(at.line_column(7), (3, 2));
    /// ```
    pub fn resume(input: &'a [u8], offset: usize, line: u32, column: u32) -> Self {
        Locator {
            input,
            offset: offset.min(input.len()),
            line,
            column,
        }
    }

    /// Sets `d`'s line and column from its span's start.
    pub fn locate(&mut self, mut d: Diagnostic) -> Diagnostic {
        (d.line, d.column) = self.line_column(d.span.start);
        d
    }
}

/// Where validators send their findings.
///
/// Return [`ControlFlow::Break`] to stop the validator early.
/// Closures `FnMut(Diagnostic) -> ControlFlow<()>` are sinks too.
pub trait Sink {
    /// Takes one finding.
    fn report(&mut self, diagnostic: Diagnostic) -> ControlFlow<()>;
}

impl<F: FnMut(Diagnostic) -> ControlFlow<()>> Sink for F {
    fn report(&mut self, diagnostic: Diagnostic) -> ControlFlow<()> {
        self(diagnostic)
    }
}

/// Keeps up to `N` diagnostics in fixed memory and counts the rest.
#[derive(Debug, Default)]
pub struct Collector<const N: usize> {
    kept: heapless::Vec<Diagnostic, N>,
    dropped: usize,
    errors: usize,
    warnings: usize,
}

impl<const N: usize> Collector<N> {
    /// An empty collector.
    pub const fn new() -> Self {
        Collector {
            kept: heapless::Vec::new(),
            dropped: 0,
            errors: 0,
            warnings: 0,
        }
    }

    /// The kept diagnostics, in report order.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.kept
    }

    /// How many did not fit.
    pub fn dropped(&self) -> usize {
        self.dropped
    }

    /// Errors reported (kept or not).
    pub fn error_count(&self) -> usize {
        self.errors
    }

    /// Warnings reported (kept or not).
    pub fn warning_count(&self) -> usize {
        self.warnings
    }

    /// True when no error was reported.
    pub fn is_valid(&self) -> bool {
        self.errors == 0
    }

    /// True when a diagnostic with `code` was kept.
    pub fn has(&self, code: Code) -> bool {
        self.kept.iter().any(|d| d.code == code)
    }
}

impl<const N: usize> Sink for Collector<N> {
    fn report(&mut self, d: Diagnostic) -> ControlFlow<()> {
        match d.severity {
            Severity::Error => self.errors = self.errors.saturating_add(1),
            Severity::Warning => self.warnings = self.warnings.saturating_add(1),
        }
        if self.kept.push(d).is_err() {
            self.dropped = self.dropped.saturating_add(1);
        }
        ControlFlow::Continue(())
    }
}

/// Stops at the first error and keeps it; warnings are counted.
#[derive(Debug, Default, Clone, Copy)]
pub struct FirstError {
    /// The first error, if any.
    pub error: Option<Diagnostic>,
    /// Warnings seen before it.
    pub warnings: usize,
}

impl Sink for FirstError {
    fn report(&mut self, d: Diagnostic) -> ControlFlow<()> {
        match d.severity {
            Severity::Error => {
                // Keep the first even if a validator reports on after Break.
                if self.error.is_none() {
                    self.error = Some(d);
                }
                ControlFlow::Break(())
            }
            Severity::Warning => {
                self.warnings = self.warnings.saturating_add(1);
                ControlFlow::Continue(())
            }
        }
    }
}

/// Forwards to another sink while counting errors and warnings, so a
/// parser can tell whether what it built is valid.
#[derive(Debug)]
pub struct Counting<'s, S: Sink> {
    inner: &'s mut S,
    /// Errors forwarded.
    pub errors: usize,
    /// Warnings forwarded.
    pub warnings: usize,
}

impl<'s, S: Sink> Counting<'s, S> {
    /// Wraps `inner`.
    pub fn new(inner: &'s mut S) -> Self {
        Counting {
            inner,
            errors: 0,
            warnings: 0,
        }
    }
}

impl<S: Sink> Sink for Counting<'_, S> {
    fn report(&mut self, d: Diagnostic) -> ControlFlow<()> {
        match d.severity {
            Severity::Error => self.errors = self.errors.saturating_add(1),
            Severity::Warning => self.warnings = self.warnings.saturating_add(1),
        }
        self.inner.report(d)
    }
}

/// The default cap on the diagnostics a face hands out for one input
/// (every diagnostic is still counted; the rest are reported as omitted).
pub const DEFAULT_MAX_DIAGNOSTICS: usize = 200;

/// Forwards the first `max` diagnostics to another sink and counts the
/// rest: what every face does with [`DEFAULT_MAX_DIAGNOSTICS`] (or the
/// user's own cap).
///
/// ```
/// use santral::diag::{Cap, Code, Counter, Diagnostic, Sink, Span};
///
/// let mut kept = Counter::default();
/// let mut cap = Cap::new(1, &mut kept);
/// for _ in 0..3 {
///     let _ = cap.report(Diagnostic::new(Code::PhoneEmpty, Span::new(0, 0)));
/// }
/// assert_eq!((cap.omitted(), kept.errors), (2, 1));
/// ```
#[derive(Debug)]
pub struct Cap<'s, S: Sink> {
    inner: &'s mut S,
    max: usize,
    passed: usize,
    omitted: usize,
}

impl<'s, S: Sink> Cap<'s, S> {
    /// Passes at most `max` diagnostics to `inner`.
    pub fn new(max: usize, inner: &'s mut S) -> Self {
        Cap {
            inner,
            max,
            passed: 0,
            omitted: 0,
        }
    }

    /// How many were not passed on.
    pub fn omitted(&self) -> usize {
        self.omitted
    }
}

impl<S: Sink> Sink for Cap<'_, S> {
    fn report(&mut self, d: Diagnostic) -> ControlFlow<()> {
        if self.passed < self.max {
            self.passed += 1;
            // The inner sink may stop passing on; the input is still read
            // to the end so that every finding is counted.
            let _ = self.inner.report(d);
        } else {
            self.omitted = self.omitted.saturating_add(1);
        }
        ControlFlow::Continue(())
    }
}

/// Counts errors and warnings, keeps nothing.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counter {
    /// Errors seen.
    pub errors: usize,
    /// Warnings seen.
    pub warnings: usize,
}

impl Sink for Counter {
    fn report(&mut self, d: Diagnostic) -> ControlFlow<()> {
        match d.severity {
            Severity::Error => self.errors = self.errors.saturating_add(1),
            Severity::Warning => self.warnings = self.warnings.saturating_add(1),
        }
        ControlFlow::Continue(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_dotted() {
        for (i, a) in Code::ALL.iter().enumerate() {
            assert!(a.id().contains('.'), "{}", a.id());
            assert!(a
                .id()
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'_'));
            for b in Code::ALL.iter().skip(i + 1) {
                assert_ne!(a.id(), b.id());
            }
            assert_eq!(Code::from_id(a.id()), Some(*a));
            assert_eq!(a.index(), i);
            assert_eq!(
                Code::from_number(a.number()),
                Some(*a),
                "number collision for {}",
                a.id()
            );
            assert_eq!(a.c_id().to_str(), Ok(a.id()));
            assert_eq!(a.c_message().to_str(), Ok(a.message()));
            assert_eq!(a.c_message_tr().to_str(), Ok(a.message_tr()));
        }
    }

    #[test]
    fn path_renders_and_overflows() {
        let mut p = Path::root();
        assert_eq!(format!("{p}"), "");
        p.push_key("phone_list");
        p.push_index(3);
        p.push_key("phone");
        assert_eq!(format!("{p}"), "phone_list[3].phone");
        p.pop();
        assert_eq!(format!("{p}"), "phone_list[3]");
        for _ in 0..10 {
            p.push_key("x");
        }
        assert!(format!("{p}").ends_with('…'));
        for _ in 0..10 {
            p.pop();
        }
        assert_eq!(format!("{p}"), "phone_list[3]");
    }

    #[test]
    fn line_column_counts_scalars() {
        assert_eq!(line_column(b"", 0), (1, 1));
        assert_eq!(line_column("ş=1\nx".as_bytes(), 2), (1, 2));
        assert_eq!(line_column("ş=1\nx".as_bytes(), 3), (1, 3));
        assert_eq!(line_column("ş=1\nx".as_bytes(), 5), (2, 1));
        assert_eq!(line_column("ş=1\nx".as_bytes(), 6), (2, 2));
        assert_eq!(line_column(b"abc", 99), (1, 4));
    }

    #[test]
    fn collector_counts_dropped() {
        let mut c: Collector<1> = Collector::new();
        let _ = c.report(Diagnostic::new(Code::PhoneEmpty, Span::new(0, 0)));
        let _ = c.report(Diagnostic::new(Code::PhoneUnassigned, Span::new(0, 0)));
        assert_eq!(c.diagnostics().len(), 1);
        assert_eq!(c.dropped(), 1);
        assert_eq!(c.error_count(), 1);
        assert_eq!(c.warning_count(), 1);
        assert!(!c.is_valid());
    }

    #[test]
    fn first_error_stops() {
        let mut f = FirstError::default();
        assert_eq!(
            f.report(Diagnostic::new(Code::WeekdayDuplicate, Span::new(0, 1))),
            ControlFlow::Continue(())
        );
        assert_eq!(
            f.report(Diagnostic::new(Code::WeekdaysEmpty, Span::new(0, 1))),
            ControlFlow::Break(())
        );
        assert_eq!(f.warnings, 1);
        assert_eq!(f.error.map(|d| d.code), Some(Code::WeekdaysEmpty));
        let _ = f.report(Diagnostic::new(Code::PhoneEmpty, Span::new(0, 1)));
        assert_eq!(
            f.error.map(|d| d.code),
            Some(Code::WeekdaysEmpty),
            "the first error is kept"
        );
    }
}
