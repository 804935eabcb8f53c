//! A thin layer over [`Reader`] for message validators: it reports syntax
//! errors once (with the current path), maps errors found inside string
//! values back to input bytes, reads typed scalars, and skips what a
//! message does not define — all in fixed memory.

use core::ops::ControlFlow;

use super::{Event, JsonNumber, JsonStr, Reader, Token};
use crate::diag::suggest;
use crate::diag::{Code, Diagnostic, Error, Path, Place, Sink, Span};

/// A scalar value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scalar<'a> {
    /// A string.
    Str(JsonStr<'a>),
    /// A number.
    Num(JsonNumber<'a>),
    /// A boolean.
    Bool(bool),
    /// `null`.
    Null,
}

/// Decodes `s` (borrowing when it has no escapes) into `buf`; `None` when
/// it does not fit.
pub fn text<'b>(s: JsonStr<'b>, buf: &'b mut [u8]) -> Option<&'b str> {
    match s.as_str() {
        Some(t) => Some(t),
        None => s.decode_into(buf).ok(),
    }
}

/// Walks a JSON document, reporting to a sink.
#[derive(Debug)]
pub struct Walker<'a, 's, S: Sink> {
    reader: Reader<'a>,
    sink: &'s mut S,
    /// The path of the value being read; validators push and pop.
    pub path: Path,
    syntax_failed: bool,
    stopped: bool,
}

impl<'a, 's, S: Sink> Walker<'a, 's, S> {
    /// A walker over `input`.
    pub fn new(input: &'a [u8], sink: &'s mut S) -> Self {
        Walker {
            reader: Reader::new(input),
            sink,
            path: Path::root(),
            syntax_failed: false,
            stopped: false,
        }
    }

    /// True while reading can go on (no syntax error, sink did not stop).
    pub fn alive(&self) -> bool {
        !self.syntax_failed && !self.stopped
    }

    /// True when a syntax error was found.
    pub fn syntax_failed(&self) -> bool {
        self.syntax_failed
    }

    /// The underlying reader.
    pub fn reader(&self) -> &Reader<'a> {
        &self.reader
    }

    /// Sends a diagnostic to the sink.
    pub fn emit(&mut self, d: Diagnostic) {
        if self.stopped {
            return;
        }
        if let ControlFlow::Break(()) = self.sink.report(d) {
            self.stopped = true;
        }
    }

    /// A diagnostic of `code` at `token` with the current path, for a
    /// caller that adds to it (a related place) before [`emit`](Self::emit).
    pub fn diagnostic(&self, code: Code, token: &Token<'_>) -> Diagnostic {
        let mut d = Diagnostic::new(code, token.span).with_path(self.path);
        d.line = token.line;
        d.column = token.column;
        d
    }

    /// Reports `code` at `token` with the current path.
    pub fn report(&mut self, code: Code, token: &Token<'_>) {
        self.report_suggesting(code, token, None);
    }

    /// Reports `code` at `token` with the current path and a suggestion.
    pub fn report_suggesting(
        &mut self,
        code: Code,
        token: &Token<'_>,
        suggestion: Option<&'static str>,
    ) {
        let mut d = Diagnostic::new(code, token.span).with_path(self.path);
        d.line = token.line;
        d.column = token.column;
        d.suggestion = suggestion;
        self.emit(d);
    }

    /// Reports `code` at `token` under `path.key`.
    pub fn report_field(&mut self, code: Code, token: &Token<'_>, key: &'static str) {
        self.path.push_key(key);
        self.report(code, token);
        self.path.pop();
    }

    /// Reports a lexical error found in the text of string `s` (read from
    /// `token`): the span points into the string when it has no escapes,
    /// else at the whole string.
    pub fn report_in_string(&mut self, e: Error, token: &Token<'_>, s: JsonStr<'_>) {
        let mut d = Diagnostic::new(e.code, token.span).with_path(self.path);
        d.suggestion = e.suggestion;
        d.line = token.line;
        d.column = token.column;
        if !s.is_escaped() {
            let inner = token.span.start + 1;
            d.span = e.span.offset(inner);
            let before = s.raw().get(..e.span.start).unwrap_or(&[]);
            let chars = before.iter().filter(|&&b| b & 0xC0 != 0x80).count();
            d.column = token
                .column
                .saturating_add(1)
                .saturating_add(u32::try_from(chars).unwrap_or(u32::MAX));
        }
        self.emit(d);
    }

    /// The next token. A syntax error is reported (with the current path)
    /// and ends the walk.
    pub fn next_token(&mut self) -> Option<Token<'a>> {
        if !self.alive() {
            return None;
        }
        match self.reader.next_token()? {
            Ok(t) => Some(t),
            Err(e) => {
                self.syntax_failed = true;
                let d = e.diagnostic().with_path(self.path);
                self.emit(d);
                None
            }
        }
    }

    /// Skips the rest of a container whose opening token was `token`.
    pub fn skip(&mut self, token: &Token<'a>) {
        if let Err(e) = self.reader.skip_container(&token.event) {
            self.syntax_failed = true;
            let d = e.diagnostic().with_path(self.path);
            self.emit(d);
        }
    }

    /// Reads a value and skips it.
    pub fn skip_value(&mut self) {
        if let Some(t) = self.next_token() {
            self.skip(&t);
        }
    }

    /// Reads a scalar value. An object or array is reported as `expected`
    /// (e.g. [`Code::JsonExpectedString`]) and skipped.
    pub fn scalar(&mut self, expected: Code) -> Option<(Scalar<'a>, Token<'a>)> {
        let t = self.next_token()?;
        let s = match t.event {
            Event::String(s) => Scalar::Str(s),
            Event::Number(n) => Scalar::Num(n),
            Event::Bool(b) => Scalar::Bool(b),
            Event::Null => Scalar::Null,
            _ => {
                self.report(expected, &t);
                self.skip(&t);
                return None;
            }
        };
        Some((s, t))
    }

    /// Reads a string value; anything else is reported and skipped.
    pub fn string(&mut self) -> Option<(JsonStr<'a>, Token<'a>)> {
        match self.scalar(Code::JsonExpectedString)? {
            (Scalar::Str(s), t) => Some((s, t)),
            (_, t) => {
                self.report(Code::JsonExpectedString, &t);
                None
            }
        }
    }

    /// Reads a string value, decodes it (into `buf` when it has escapes)
    /// and parses it with `parse`: the one way every validator turns a
    /// string field into a typed value. A parse error is reported inside
    /// the string, a value too long for `buf` as `too_long`.
    pub fn parsed<'b, T>(
        &mut self,
        buf: &'b mut [u8],
        too_long: Code,
        parse: impl FnOnce(&'b str) -> Result<T, Error>,
    ) -> Option<(T, Token<'a>, JsonStr<'a>)>
    where
        'a: 'b,
    {
        let (s, t) = self.string()?;
        match text(s, buf).map(parse) {
            Some(Ok(v)) => Some((v, t, s)),
            Some(Err(e)) => {
                self.report_in_string(e, &t, s);
                None
            }
            None => {
                self.report(too_long, &t);
                None
            }
        }
    }

    /// Reads a plain JSON boolean (`true`/`false`; strings are reported).
    pub fn boolean(&mut self) -> Option<(bool, Token<'a>)> {
        self.typed(
            Code::JsonExpectedBool,
            Code::JsonExpectedBool,
            |s| match s {
                Scalar::Bool(b) => Some(b),
                _ => None,
            },
        )
    }

    /// Reads a scalar (`expected` when the value is not one) and converts
    /// it with `convert`, reporting `invalid` on the value when that fails.
    fn typed<T>(
        &mut self,
        expected: Code,
        invalid: Code,
        convert: impl FnOnce(Scalar<'a>) -> Option<T>,
    ) -> Option<(T, Token<'a>)> {
        let (s, t) = self.scalar(expected)?;
        match convert(s) {
            Some(v) => Some((v, t)),
            None => {
                self.report(invalid, &t);
                None
            }
        }
    }

    /// Reads an integer written as a JSON number or a numeric string
    /// (`"123"`), as the vendor's examples do both.
    pub fn integer(&mut self) -> Option<(i64, Token<'a>)> {
        self.typed(
            Code::JsonExpectedInteger,
            Code::JsonExpectedInteger,
            |s| match s {
                Scalar::Num(n) if n.is_integer() => n.as_i64(),
                Scalar::Str(s) => s.as_str().and_then(|s| {
                    let digits = s.strip_prefix('-').unwrap_or(s);
                    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
                        .then(|| s.parse().ok())
                        .flatten()
                }),
                _ => None,
            },
        )
    }

    /// Reads a non-negative integer (an id) written as a JSON number or a
    /// numeric string, over the whole `u64` range.
    pub fn unsigned(&mut self) -> Option<(u64, Token<'a>)> {
        self.typed(
            Code::JsonExpectedInteger,
            Code::JsonExpectedInteger,
            |s| match s {
                Scalar::Num(n) => n.as_u64(),
                Scalar::Str(s) => s
                    .as_str()
                    .filter(|x| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit()))
                    .and_then(|x| x.parse().ok()),
                _ => None,
            },
        )
    }

    /// Reads a number written as a JSON number or a numeric string.
    pub fn number(&mut self) -> Option<(f64, Token<'a>)> {
        self.typed(Code::JsonExpectedNumber, Code::JsonExpectedNumber, |s| {
            match s {
                Scalar::Num(n) => n.as_f64(),
                Scalar::Str(s) => s
                    .as_str()
                    .filter(|s| {
                        !s.is_empty()
                            && s.bytes()
                                .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-'))
                    })
                    .and_then(crate::decimal::Decimal::parse)
                    .map(crate::decimal::Decimal::to_f64),
                _ => None,
            }
            .filter(|v| v.is_finite())
        })
    }

    /// Reads a boolean: JSON `true`/`false`, or the strings `"true"`,
    /// `"t"`, `"false"`, `"f"` (SPEC §1 bool-ish).
    pub fn boolish(&mut self) -> Option<(bool, Token<'a>)> {
        self.typed(Code::JsonExpectedBool, Code::BoolInvalid, |s| match s {
            Scalar::Bool(b) => Some(b),
            Scalar::Str(s) => s
                .as_str()
                .and_then(|s| crate::syntax::parse_boolish(s).ok()),
            _ => None,
        })
    }

    /// Reports an unknown key (a warning, with a suggestion among `known`)
    /// and skips its value.
    pub fn unknown_key(&mut self, key: JsonStr<'_>, token: &Token<'_>, known: &[&'static str]) {
        let mut buf = [0u8; 64];
        let suggestion = text(key, &mut buf).and_then(|k| suggest(k, known));
        let mut d = Diagnostic::new(Code::JsonUnknownKey, token.span).with_path(self.path);
        d.line = token.line;
        d.column = token.column;
        d.suggestion = suggestion;
        self.emit(d);
        self.skip_value();
    }

    /// Looks an object's `key` up in `names`. An unknown key (with a
    /// suggestion) or one already in `seen` is reported and its value
    /// skipped: `None`. Otherwise the key is marked in `seen` (bit `i`) and
    /// `(i, name)` returned.
    pub fn known_key(
        &mut self,
        key: JsonStr<'_>,
        token: &Token<'_>,
        names: &[&'static str],
        seen: &mut u64,
    ) -> Option<(usize, &'static str)> {
        let Some(i) = key_index(key, names) else {
            self.unknown_key(key, token, names);
            return None;
        };
        let name = names.get(i).copied().unwrap_or("");
        let bit = u32::try_from(i)
            .ok()
            .and_then(|i| 1u64.checked_shl(i))
            .unwrap_or(0);
        if *seen & bit != 0 {
            self.report_field(Code::JsonDuplicateKey, token, name);
            self.skip_value();
            return None;
        }
        *seen |= bit;
        Some((i, name))
    }

    /// Reports a missing required field `key` at `token` (usually the
    /// closing brace of its object).
    pub fn missing(&mut self, key: &'static str, token: &Token<'_>) {
        self.report_field(Code::JsonMissingField, token, key);
    }

    /// Expects `{` as the next token; reports [`Code::JsonExpectedObject`] otherwise.
    pub fn begin_object(&mut self) -> Option<Token<'a>> {
        let t = self.next_token()?;
        if t.event == Event::BeginObject {
            Some(t)
        } else {
            self.report(Code::JsonExpectedObject, &t);
            self.skip(&t);
            None
        }
    }

    /// Inside an object: the next key, or `None` at its end (the closing
    /// token is stored in `end`) or on a syntax error.
    pub fn next_key(&mut self, end: &mut Option<Token<'a>>) -> Option<(JsonStr<'a>, Token<'a>)> {
        let t = self.next_token()?;
        match t.event {
            Event::Key(k) => Some((k, t)),
            _ => {
                *end = Some(t);
                None
            }
        }
    }

    /// After the top-level value: reads to the end so trailing text is reported.
    pub fn finish(&mut self) {
        while self.next_token().is_some() {}
    }
}

/// The index of `key` in `names`.
pub fn key_index(key: JsonStr<'_>, names: &[&str]) -> Option<usize> {
    if key.is_escaped() {
        names.iter().position(|n| key.eq_str(n))
    } else {
        // Unescaped keys were validated as UTF-8 by the reader: compare bytes.
        names.iter().position(|n| n.as_bytes() == key.raw())
    }
}

/// A place in the input, kept to report at later (cross-field rules).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Mark {
    /// The bytes.
    pub span: Span,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
}

impl Mark {
    /// The mark of a token.
    pub fn of(t: &Token<'_>) -> Mark {
        Mark {
            span: t.span,
            line: t.line,
            column: t.column,
        }
    }

    /// The mark as a diagnostic's related [`Place`].
    pub fn place(&self) -> Place {
        Place {
            span: self.span,
            line: self.line,
            column: self.column,
        }
    }

    /// A token-like value for reporting at this mark.
    pub fn token(&self) -> Token<'static> {
        Token {
            event: Event::Null,
            span: self.span,
            line: self.line,
            column: self.column,
        }
    }
}
