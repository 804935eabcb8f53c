//! A streaming JSON pull reader: no allocation, no recursion, bounded
//! memory whatever the input size.
//!
//! [`Reader`] yields [`Token`]s (object/array begin and end, keys, strings,
//! numbers, booleans, null), each with its byte span and 1-based line and
//! column (columns count Unicode scalar values). Nesting deeper than
//! [`MAX_DEPTH`] is a [`Code::JsonTooDeep`] error rather than a stack
//! overflow. After a syntax error the reader stops: the error names the
//! exact place (`json.expected_comma` at line 35, column 9).
//!
//! Strings are views of the input; escapes decode lazily
//! ([`JsonStr::chars`]) or into a caller buffer.
//!
//! ```
//! use santral::json::{Event, Reader};
//!
//! let mut r = Reader::new(br#"{"phone_list": [{"phone": "05321234567"}]}"#);
//! let mut events = Vec::new();
//! while let Some(t) = r.next_token() {
//!     events.push(t.unwrap().event);
//! }
//! assert!(matches!(events[4], Event::Key(k) if k.eq_str("phone")));
//! assert_eq!(events.len(), 9);
//!
//! let mut r = Reader::new(b"{\n  \"a\": 1\n  \"b\": 2\n}");
//! let err = core::iter::from_fn(|| r.next_token()).find_map(Result::err).unwrap();
//! assert_eq!((err.code.id(), err.line, err.column), ("json.expected_comma", 3, 3));
//! ```

use core::fmt;

use crate::diag::{Code, Diagnostic, Span};
use crate::utf8::Utf8;
use crate::write::BufferTooSmall;

/// The deepest nesting accepted.
pub const MAX_DEPTH: usize = 64;

/// A string's content as it appears between the quotes (already
/// validated), or a program's text ([`JsonStr::text`]), escaped when
/// written: the same type reads a message and writes one.
#[derive(Clone, Copy)]
pub struct JsonStr<'a> {
    repr: Repr<'a>,
}

impl PartialEq for JsonStr<'_> {
    /// The same content: the same bytes, escaped or not, and both JSON
    /// content or both a program's text to escape (a read string equals a
    /// [`JsonStr::plain`] of its text).
    fn eq(&self, other: &Self) -> bool {
        self.raw() == other.raw()
            && self.is_escaped() == other.is_escaped()
            && matches!(self.repr, Repr::Text(_)) == matches!(other.repr, Repr::Text(_))
    }
}

impl Eq for JsonStr<'_> {}

/// What a [`JsonStr`] holds. Text that came as `&str` is kept as `&str`,
/// so writing or borrowing it never checks its UTF-8 again.
#[derive(Clone, Copy)]
enum Repr<'a> {
    /// Content read between quotes (validated), with escapes or not.
    Content { raw: &'a [u8], escaped: bool },
    /// A program's text (any characters): escaped when written.
    Text(&'a str),
    /// A program's text that needs no escapes: written as it is.
    Plain(&'a str),
}

impl fmt::Debug for JsonStr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "JsonStr({} bytes)", self.raw().len())
    }
}

impl<'a> JsonStr<'a> {
    /// A program's text (any characters), escaped when written
    /// ([`JsonStr::write_json`]).
    ///
    /// ```
    /// use santral::json::JsonStr;
    /// let s = JsonStr::text("say \"hi\"\\");
    /// assert_eq!(s.as_str(), Some("say \"hi\"\\"));
    /// let mut out = String::new();
    /// s.write_json(&mut out).unwrap();
    /// assert_eq!(out, r#""say \"hi\"\\""#);
    /// ```
    pub const fn text(text: &'a str) -> JsonStr<'a> {
        JsonStr {
            repr: Repr::Text(text),
        }
    }

    /// Content read between quotes: `raw` was validated as JSON string
    /// content (UTF-8, escapes when `escaped`).
    pub(crate) const fn content(raw: &'a [u8], escaped: bool) -> JsonStr<'a> {
        JsonStr {
            repr: Repr::Content { raw, escaped },
        }
    }

    /// Writes the string as JSON, quotes included: read content as it
    /// came (it was valid JSON), a text escaped.
    pub fn write_json<W: fmt::Write + ?Sized>(&self, w: &mut W) -> fmt::Result {
        w.write_char('"')?;
        match self.repr {
            Repr::Text(s) => write_string_content(w, s)?,
            Repr::Plain(s) => w.write_str(s)?,
            Repr::Content { raw, .. } => {
                w.write_str(core::str::from_utf8(raw).map_err(|_| fmt::Error)?)?;
            }
        }
        w.write_char('"')
    }

    /// The text borrowed from the input when it has no escapes.
    pub fn as_str(&self) -> Option<&'a str> {
        match self.repr {
            Repr::Text(s) | Repr::Plain(s) => Some(s),
            Repr::Content { escaped: true, .. } => None,
            Repr::Content { raw, .. } => core::str::from_utf8(raw).ok(),
        }
    }

    /// A string to write that needs no escapes (no `"`, `\\` or control
    /// character); `None` otherwise.
    ///
    /// ```
    /// use santral::json::JsonStr;
    /// assert_eq!(JsonStr::plain("Dahili 1").and_then(|s| s.as_str()), Some("Dahili 1"));
    /// assert!(JsonStr::plain("a\"b").is_none());
    /// ```
    pub fn plain(s: &'a str) -> Option<JsonStr<'a>> {
        (!s.bytes().any(crate::write::needs_escape)).then_some(JsonStr {
            repr: Repr::Plain(s),
        })
    }

    /// A string's content as a JSON text would hold it between quotes
    /// (what a borrowing deserializer such as serde-json-core lends):
    /// escapes are checked (`\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`,
    /// `\t`, `\uXXXX` with surrogates paired); a raw `"` or control
    /// character, or a bad escape, is `None`.
    ///
    /// ```
    /// use santral::json::JsonStr;
    /// assert!(JsonStr::from_content("Ay\\u015fe").unwrap().eq_str("Ayşe"));
    /// assert!(JsonStr::from_content("bad \\x").is_none());
    /// assert!(JsonStr::from_content("\\ud800").is_none());
    /// ```
    pub fn from_content(s: &'a str) -> Option<JsonStr<'a>> {
        let b = s.as_bytes();
        let hex4 = |i: usize| -> Option<u16> {
            let t = b.get(i..i + 4)?;
            let t = core::str::from_utf8(t).ok()?;
            u16::from_str_radix(t, 16)
                .ok()
                .filter(|_| t.bytes().all(|c| c.is_ascii_hexdigit()))
        };
        let mut i = 0;
        let mut escaped = false;
        while let Some(&c) = b.get(i) {
            match c {
                b'"' => return None,
                0x00..=0x1F => return None,
                b'\\' => {
                    escaped = true;
                    match b.get(i + 1) {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => i += 2,
                        Some(b'u') => {
                            let u = hex4(i + 2)?;
                            i += 6;
                            if (0xD800..0xDC00).contains(&u) {
                                // A high surrogate needs its low half.
                                if b.get(i) != Some(&b'\\') || b.get(i + 1) != Some(&b'u') {
                                    return None;
                                }
                                let low = hex4(i + 2)?;
                                if !(0xDC00..0xE000).contains(&low) {
                                    return None;
                                }
                                i += 6;
                            } else if (0xDC00..0xE000).contains(&u) {
                                return None;
                            }
                        }
                        _ => return None,
                    }
                }
                _ => i += 1,
            }
        }
        Some(JsonStr::content(b, escaped))
    }

    /// The raw bytes between the quotes (a [`JsonStr::text`]'s text).
    pub const fn raw(&self) -> &'a [u8] {
        match self.repr {
            Repr::Content { raw, .. } => raw,
            Repr::Text(s) | Repr::Plain(s) => s.as_bytes(),
        }
    }

    /// True when the string has escapes to decode.
    pub const fn is_escaped(&self) -> bool {
        matches!(self.repr, Repr::Content { escaped: true, .. })
    }

    /// True for `""`.
    pub const fn is_empty(&self) -> bool {
        self.raw().is_empty()
    }

    /// The decoded characters.
    pub fn chars(&self) -> JsonChars<'a> {
        let rest = match self.repr {
            Repr::Text(s) | Repr::Plain(s) => s,
            Repr::Content { raw, .. } => core::str::from_utf8(raw).unwrap_or(""),
        };
        JsonChars {
            rest,
            decode: self.is_escaped(),
        }
    }

    /// True when the decoded text equals `s`.
    pub fn eq_str(&self, s: &str) -> bool {
        match self.as_str() {
            Some(t) => t == s,
            None => self.chars().eq(s.chars()),
        }
    }

    /// Decodes into `buf`, or reports the exact size needed.
    pub fn decode_into<'b>(&self, buf: &'b mut [u8]) -> Result<&'b str, BufferTooSmall> {
        let mut w = crate::write::SliceWriter::new(buf);
        for c in self.chars() {
            let _ = fmt::Write::write_char(&mut w, c);
        }
        w.finish()
    }

    /// The number of decoded characters (Unicode scalar values).
    pub fn char_count(&self) -> usize {
        match self.as_str() {
            Some(s) => s.chars().count(),
            None => self.chars().count(),
        }
    }
}

impl fmt::Display for JsonStr<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.as_str() {
            Some(s) => f.write_str(s),
            None => self.chars().try_for_each(|c| fmt::Write::write_char(f, c)),
        }
    }
}

/// Decodes a validated JSON string lazily.
#[derive(Clone, Debug)]
pub struct JsonChars<'a> {
    rest: &'a str,
    /// Escapes to decode (a read string that had some).
    decode: bool,
}

fn hex4(s: &str) -> Option<u32> {
    let h = s.get(..4)?;
    u32::from_str_radix(h, 16).ok()
}

impl Iterator for JsonChars<'_> {
    type Item = char;
    fn next(&mut self) -> Option<char> {
        let mut it = self.rest.chars();
        let c = it.next()?;
        if c != '\\' || !self.decode {
            self.rest = it.as_str();
            return Some(c);
        }
        let e = it.next()?;
        let after = it.as_str();
        let (c, rest) = match e {
            'n' => ('\n', after),
            't' => ('\t', after),
            'r' => ('\r', after),
            'b' => ('\u{8}', after),
            'f' => ('\u{c}', after),
            'u' => {
                let hi = hex4(after)?;
                let after = after.get(4..)?;
                if (0xD800..0xDC00).contains(&hi) {
                    let lo = after.strip_prefix("\\u").and_then(hex4)?;
                    let cp = 0x10000 + ((hi - 0xD800) << 10) + (lo.checked_sub(0xDC00)?);
                    (char::from_u32(cp)?, after.get(6..)?)
                } else {
                    (char::from_u32(hi)?, after)
                }
            }
            other => (other, after),
        };
        self.rest = rest;
        Some(c)
    }
}

/// A number as written; validated against JSON's grammar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JsonNumber<'a>(&'a str);

impl<'a> JsonNumber<'a> {
    /// The text.
    pub const fn as_str(&self) -> &'a str {
        self.0
    }

    /// The value as a `u64`, when it is a non-negative integer that fits
    /// (no fraction or exponent).
    pub fn as_u64(&self) -> Option<u64> {
        self.0.parse().ok()
    }

    /// The value as an `i64`, when it is an integer that fits.
    pub fn as_i64(&self) -> Option<i64> {
        self.0.parse().ok()
    }

    /// The value as an `f64`, read by [`crate::decimal`] (the same bits as
    /// `str::parse` for up to 15 significant digits and exponents within
    /// ±22; firmware does not link `core`'s float parser).
    pub fn as_f64(&self) -> Option<f64> {
        crate::decimal::Decimal::parse(self.0).map(crate::decimal::Decimal::to_f64)
    }

    /// True when written without fraction or exponent.
    pub fn is_integer(&self) -> bool {
        !self.0.contains(['.', 'e', 'E'])
    }
}

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Event<'a> {
    /// `{`
    BeginObject,
    /// `}`
    EndObject,
    /// `[`
    BeginArray,
    /// `]`
    EndArray,
    /// An object key.
    Key(JsonStr<'a>),
    /// A string value.
    String(JsonStr<'a>),
    /// A number value.
    Number(JsonNumber<'a>),
    /// `true` or `false`.
    Bool(bool),
    /// `null`.
    Null,
}

impl Event<'_> {
    /// A short name of the value kind, for messages.
    pub const fn kind(&self) -> &'static str {
        match self {
            Event::BeginObject | Event::EndObject => "object",
            Event::BeginArray | Event::EndArray => "array",
            Event::Key(_) => "key",
            Event::String(_) => "string",
            Event::Number(_) => "number",
            Event::Bool(_) => "boolean",
            Event::Null => "null",
        }
    }
}

/// A token with its place.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Token<'a> {
    /// What it is.
    pub event: Event<'a>,
    /// Its bytes (for strings and keys, including the quotes).
    pub span: Span,
    /// 1-based line of its first byte.
    pub line: u32,
    /// 1-based column of its first byte, in Unicode scalar values.
    pub column: u32,
}

/// A syntax error: what and where.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// The code (`json.expected_comma`, …).
    pub code: Code,
    /// The offending bytes.
    pub span: Span,
    /// 1-based line.
    pub line: u32,
    /// 1-based column in Unicode scalar values.
    pub column: u32,
}

impl SyntaxError {
    /// As a diagnostic (path left to the caller).
    pub fn diagnostic(&self) -> Diagnostic {
        let mut d = Diagnostic::new(self.code, self.span);
        d.line = self.line;
        d.column = self.column;
        d
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// A value is required (top level, after `:`, after `,` in an array).
    Value,
    /// After `[`: a value or `]`.
    ArrayFirst,
    /// After `{`: a key or `}`.
    ObjectFirst,
    /// After `,` in an object (at `comma`): a key.
    Key { comma: usize },
    /// After `,` in an array (at `comma`): a value.
    ArrayValue { comma: usize },
    /// After a key: `:`.
    Colon,
    /// After a value inside a container: `,` or the closing bracket.
    CommaOrEnd,
    /// The top-level value is complete.
    Done,
    /// A syntax error was reported; nothing more.
    Failed,
}

/// The pull reader.
#[derive(Clone, Debug)]
pub struct Reader<'a> {
    input: &'a [u8],
    pos: usize,
    line: u32,
    column: u32,
    /// Bit i set: the container at depth i is an object.
    objects: u64,
    depth: usize,
    state: State,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `input`.
    pub const fn new(input: &'a [u8]) -> Reader<'a> {
        Reader {
            input,
            pos: 0,
            line: 1,
            column: 1,
            objects: 0,
            depth: 0,
            state: State::Value,
        }
    }

    /// The input.
    pub const fn input(&self) -> &'a [u8] {
        self.input
    }

    /// Current nesting depth (0 at top level).
    pub const fn depth(&self) -> usize {
        self.depth
    }

    /// Byte offset, line and column of the next unread byte.
    pub const fn position(&self) -> (usize, u32, u32) {
        (self.pos, self.line, self.column)
    }

    /// True once the top-level value is complete and only whitespace followed.
    pub fn is_done(&self) -> bool {
        self.state == State::Done
    }

    fn peek(&self) -> Option<u8> {
        self.input.get(self.pos).copied()
    }

    fn bump(&mut self) {
        if let Some(&b) = self.input.get(self.pos) {
            self.pos += 1;
            if b == b'\n' {
                self.line = self.line.saturating_add(1);
                self.column = 1;
            } else if b & 0xC0 != 0x80 {
                self.column = self.column.saturating_add(1);
            }
        }
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.bump();
        }
    }

    fn fail(
        &mut self,
        code: Code,
        start: (usize, u32, u32),
        end: usize,
    ) -> Option<Result<Token<'a>, SyntaxError>> {
        self.state = State::Failed;
        Some(Err(SyntaxError {
            code,
            span: Span::new(start.0, end.max(start.0)),
            line: start.1,
            column: start.2,
        }))
    }

    /// The error for the byte at the current position.
    fn unexpected(&mut self, code_if_byte: Code) -> Option<Result<Token<'a>, SyntaxError>> {
        let here = self.position();
        match self.peek() {
            None => self.fail(Code::JsonUnexpectedEnd, here, here.0),
            Some(b) => {
                // A whole character, but never past the end of the input.
                let end = (here.0 + utf8_len(b)).min(self.input.len());
                self.fail(code_if_byte, here, end)
            }
        }
    }

    /// The next token, an error (after which `None` follows), or `None`
    /// at the end of a complete document.
    pub fn next_token(&mut self) -> Option<Result<Token<'a>, SyntaxError>> {
        // A loop, not recursion, past the `:` and `,` between tokens.
        loop {
            self.skip_whitespace();
            let start = self.position();
            let in_object = self.depth > 0 && self.objects & (1 << (self.depth - 1)) != 0;
            return match self.state {
                State::Failed => None,
                State::Done => match self.peek() {
                    None => None,
                    Some(_) => self.unexpected(Code::JsonTrailingCharacters),
                },
                State::Value => self.value(start),
                State::ArrayFirst => {
                    if self.peek() == Some(b']') {
                        self.close(start)
                    } else {
                        self.value(start)
                    }
                }
                State::ArrayValue { comma } => match self.peek() {
                    Some(b']') => {
                        let (line, column) = self.place_of(comma);
                        self.fail(Code::JsonTrailingComma, (comma, line, column), comma + 1)
                    }
                    _ => self.value(start),
                },
                State::ObjectFirst => match self.peek() {
                    Some(b'}') => self.close(start),
                    Some(b'"') => self.key(start),
                    _ => self.unexpected(Code::JsonExpectedKey),
                },
                State::Key { comma } => match self.peek() {
                    Some(b'"') => self.key(start),
                    Some(b'}') => {
                        let (line, column) = self.place_of(comma);
                        self.fail(Code::JsonTrailingComma, (comma, line, column), comma + 1)
                    }
                    _ => self.unexpected(Code::JsonExpectedKey),
                },
                State::Colon => {
                    if self.peek() == Some(b':') {
                        self.bump();
                        self.state = State::Value;
                        continue;
                    } else {
                        self.unexpected(Code::JsonExpectedColon)
                    }
                }
                State::CommaOrEnd => match self.peek() {
                    Some(b',') => {
                        let comma = self.pos;
                        self.bump();
                        self.state = if in_object {
                            State::Key { comma }
                        } else {
                            State::ArrayValue { comma }
                        };
                        continue;
                    }
                    Some(b'}') if in_object => self.close(start),
                    Some(b']') if !in_object => self.close(start),
                    Some(b'}' | b']') => self.unexpected(Code::JsonMismatchedBracket),
                    _ => self.unexpected(Code::JsonExpectedComma),
                },
            };
        }
    }

    /// Line and column of an earlier offset on the current line or before
    /// (used for a trailing comma, which is always close by).
    fn place_of(&self, offset: usize) -> (u32, u32) {
        let between = self.input.get(offset..self.pos).unwrap_or(&[]);
        let newlines = between.iter().filter(|&&b| b == b'\n').count();
        if newlines == 0 {
            let back = between.iter().filter(|&&b| b & 0xC0 != 0x80).count();
            let back = u32::try_from(back).unwrap_or(u32::MAX);
            (self.line, self.column.saturating_sub(back).max(1))
        } else {
            let line = self
                .line
                .saturating_sub(u32::try_from(newlines).unwrap_or(u32::MAX));
            let head = self.input.get(..offset).unwrap_or(&[]);
            let line_start = head.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let col = head
                .get(line_start..)
                .unwrap_or(&[])
                .iter()
                .filter(|&&b| b & 0xC0 != 0x80)
                .count();
            (
                line,
                u32::try_from(col).unwrap_or(u32::MAX).saturating_add(1),
            )
        }
    }

    fn token(
        &self,
        event: Event<'a>,
        start: (usize, u32, u32),
    ) -> Option<Result<Token<'a>, SyntaxError>> {
        Some(Ok(Token {
            event,
            span: Span::new(start.0, self.pos),
            line: start.1,
            column: start.2,
        }))
    }

    fn after_value(&mut self) {
        self.state = if self.depth == 0 {
            State::Done
        } else {
            State::CommaOrEnd
        };
    }

    fn open(
        &mut self,
        object: bool,
        start: (usize, u32, u32),
    ) -> Option<Result<Token<'a>, SyntaxError>> {
        if self.depth >= MAX_DEPTH {
            return self.fail(Code::JsonTooDeep, start, start.0 + 1);
        }
        if object {
            self.objects |= 1 << self.depth;
        } else {
            self.objects &= !(1 << self.depth);
        }
        self.depth += 1;
        self.bump();
        self.state = if object {
            State::ObjectFirst
        } else {
            State::ArrayFirst
        };
        self.token(
            if object {
                Event::BeginObject
            } else {
                Event::BeginArray
            },
            start,
        )
    }

    fn close(&mut self, start: (usize, u32, u32)) -> Option<Result<Token<'a>, SyntaxError>> {
        let object = self.peek() == Some(b'}');
        self.bump();
        self.depth = self.depth.saturating_sub(1);
        self.after_value();
        self.token(
            if object {
                Event::EndObject
            } else {
                Event::EndArray
            },
            start,
        )
    }

    fn key(&mut self, start: (usize, u32, u32)) -> Option<Result<Token<'a>, SyntaxError>> {
        match self.string(start) {
            Ok(s) => {
                self.state = State::Colon;
                self.token(Event::Key(s), start)
            }
            Err(e) => {
                self.state = State::Failed;
                Some(Err(e))
            }
        }
    }

    fn value(&mut self, start: (usize, u32, u32)) -> Option<Result<Token<'a>, SyntaxError>> {
        match self.peek() {
            Some(b'{') => self.open(true, start),
            Some(b'[') => self.open(false, start),
            Some(b'"') => match self.string(start) {
                Ok(s) => {
                    self.after_value();
                    self.token(Event::String(s), start)
                }
                Err(e) => {
                    self.state = State::Failed;
                    Some(Err(e))
                }
            },
            Some(b'-' | b'0'..=b'9') => self.number(start),
            Some(b't') => self.literal(b"true", Event::Bool(true), start),
            Some(b'f') => self.literal(b"false", Event::Bool(false), start),
            Some(b'n') => self.literal(b"null", Event::Null, start),
            _ => self.unexpected(Code::JsonUnexpectedCharacter),
        }
    }

    fn literal(
        &mut self,
        word: &[u8],
        event: Event<'a>,
        start: (usize, u32, u32),
    ) -> Option<Result<Token<'a>, SyntaxError>> {
        let end = start.0 + word.len();
        if self.input.get(start.0..end) == Some(word)
            && !self.input.get(end).is_some_and(u8::is_ascii_alphanumeric)
        {
            for _ in 0..word.len() {
                self.bump();
            }
            self.after_value();
            return self.token(event, start);
        }
        let len = self
            .input
            .get(start.0..)
            .unwrap_or(&[])
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        self.fail(Code::JsonInvalidLiteral, start, start.0 + len.max(1))
    }

    fn number(&mut self, start: (usize, u32, u32)) -> Option<Result<Token<'a>, SyntaxError>> {
        let bytes = self.input.get(start.0..).unwrap_or(&[]);
        let mut i = 0usize;
        let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
        if bytes.first() == Some(&b'-') {
            i += 1;
        }
        let ok = if bytes.get(i) == Some(&b'0') {
            i += 1;
            true
        } else if digit(i) {
            while digit(i) {
                i += 1;
            }
            true
        } else {
            false
        };
        let mut ok = ok && !digit(i);
        if ok && bytes.get(i) == Some(&b'.') {
            i += 1;
            ok = digit(i);
            while digit(i) {
                i += 1;
            }
        }
        if ok && matches!(bytes.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(bytes.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            ok = digit(i);
            while digit(i) {
                i += 1;
            }
        }
        if ok
            && bytes
                .get(i)
                .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'.')
        {
            ok = false;
        }
        if !ok {
            let len = bytes
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'+'))
                .count();
            return self.fail(Code::JsonInvalidNumber, start, start.0 + len.max(1));
        }
        for _ in 0..i {
            self.bump();
        }
        let text = bytes
            .get(..i)
            .and_then(|b| core::str::from_utf8(b).ok())
            .unwrap_or("0");
        self.after_value();
        self.token(Event::Number(JsonNumber(text)), start)
    }

    /// Reads a string starting at the opening quote.
    fn string(&mut self, start: (usize, u32, u32)) -> Result<JsonStr<'a>, SyntaxError> {
        self.bump();
        let content = self.pos;
        let mut escaped = false;
        let mut utf8 = Utf8::new(Code::JsonInvalidUtf8);
        let err = |code, at: (usize, u32, u32), end: usize| SyntaxError {
            code,
            span: Span::new(at.0, end),
            line: at.1,
            column: at.2,
        };
        loop {
            // Fast path: a run of plain printable ASCII between characters,
            // skipped in one tight scan.
            if utf8.is_idle() {
                let run = self
                    .input
                    .get(self.pos..)
                    .unwrap_or(&[])
                    .iter()
                    .take_while(|&&b| (0x20..0x80).contains(&b) && b != b'"' && b != b'\\')
                    .count();
                self.pos += run;
                self.column = self
                    .column
                    .saturating_add(u32::try_from(run).unwrap_or(u32::MAX));
            }
            let here = self.position();
            let Some(b) = self.peek() else {
                return Err(err(Code::JsonUnexpectedEnd, start, self.pos));
            };
            if let Err(e) = utf8.push(b, self.pos) {
                let (line, column) = if e.span.start == here.0 {
                    (here.1, here.2)
                } else {
                    self.place_of(e.span.start)
                };
                return Err(SyntaxError {
                    code: e.code,
                    span: e.span,
                    line,
                    column,
                });
            }
            match b {
                b'"' => {
                    let raw = self.input.get(content..self.pos).unwrap_or(&[]);
                    self.bump();
                    return Ok(JsonStr::content(raw, escaped));
                }
                b'\\' => {
                    escaped = true;
                    self.bump();
                    let e = self.peek();
                    match e {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => self.bump(),
                        Some(b'u') => {
                            self.bump();
                            let hi =
                                self.hex4()
                                    .ok_or(err(Code::JsonInvalidEscape, here, self.pos))?;
                            if (0xDC00..0xE000).contains(&hi) {
                                return Err(err(Code::JsonInvalidEscape, here, self.pos));
                            }
                            if (0xD800..0xDC00).contains(&hi) {
                                let ok = self.peek() == Some(b'\\')
                                    && self.input.get(self.pos + 1) == Some(&b'u');
                                if !ok {
                                    return Err(err(Code::JsonInvalidEscape, here, self.pos));
                                }
                                self.bump();
                                self.bump();
                                let lo = self.hex4().ok_or(err(
                                    Code::JsonInvalidEscape,
                                    here,
                                    self.pos,
                                ))?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return Err(err(Code::JsonInvalidEscape, here, self.pos));
                                }
                            }
                        }
                        _ => {
                            let end = (self.pos + e.map_or(0, utf8_len)).min(self.input.len());
                            return Err(err(Code::JsonInvalidEscape, here, end));
                        }
                    }
                }
                0x00..=0x1F => return Err(err(Code::JsonControlCharacter, here, self.pos + 1)),
                _ => self.bump(),
            }
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits = self.input.get(self.pos..self.pos + 4)?;
        let text = core::str::from_utf8(digits).ok()?;
        if !text.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let v = u32::from_str_radix(text, 16).ok()?;
        for _ in 0..4 {
            self.bump();
        }
        Some(v)
    }

    /// Consumes the rest of the value whose opening token was just read
    /// (after `BeginObject`/`BeginArray`; nothing for a scalar), without
    /// recursion. Returns a syntax error met on the way.
    pub fn skip_container(&mut self, opened: &Event<'_>) -> Result<(), SyntaxError> {
        if !matches!(opened, Event::BeginObject | Event::BeginArray) {
            return Ok(());
        }
        let target = self.depth.saturating_sub(1);
        while self.depth > target {
            match self.next_token() {
                Some(Ok(_)) => {}
                Some(Err(e)) => return Err(e),
                None => break,
            }
        }
        Ok(())
    }
}

/// Length of the UTF-8 sequence a lead byte starts (1 for invalid bytes).
fn utf8_len(b: u8) -> usize {
    match b {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    }
}

pub use crate::write::{write_string, write_string_content, Quoted};

mod walk;
pub use walk::{key_index, text, Mark, Scalar, Walker};

#[cfg(test)]
mod tests;
