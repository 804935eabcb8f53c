//! `application/x-www-form-urlencoded` bodies and queries (SPEC §7): every
//! webhook the PBX sends, and the advisory GET query.
//!
//! Pairs are `&`-separated `name=value`; `+` is a space; `%XX` decodes to a
//! byte and the decoded bytes must be UTF-8. The vendor's own examples carry
//! raw spaces and raw Turkish letters (`status=Başarılı`): those are
//! accepted as they are. Nothing is copied: names and values are views of
//! the body that decode lazily, or into a caller buffer.
//!
//! ```
//! use santral::form::Form;
//!
//! let body = "digit=2&status=Ba%C5%9Far%C4%B1l%C4%B1&ivr_campaign_name=Memnuniyet anketi".as_bytes();
//! let form = Form::new(body);
//! let status = form.get("status").unwrap();
//! let mut buf = [0u8; 32];
//! assert_eq!(status.value.decode_into(&mut buf).unwrap(), "Başarılı");
//! // Values with nothing to decode are borrowed straight from the body.
//! assert_eq!(form.get("ivr_campaign_name").unwrap().value.as_str(), Some("Memnuniyet anketi"));
//! ```

use core::fmt;
use core::ops::ControlFlow;

use crate::diag::{Code, Diagnostic, Error, Locator, Path, Sink, Span};
use crate::utf8::Utf8;
use crate::write::BufferTooSmall;

/// A form body or query string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Form<'a> {
    body: &'a [u8],
    /// Where the pairs start (1 after a query's leading `?`).
    start: usize,
}

impl<'a> Form<'a> {
    /// Wraps a body (for a query with a leading `?`, see [`Form::query`]).
    pub const fn new(body: &'a [u8]) -> Form<'a> {
        Form { body, start: 0 }
    }

    /// Wraps a query string, skipping a leading `?` if present. Offsets
    /// stay relative to `query` as given.
    pub fn query(query: &'a [u8]) -> Form<'a> {
        Form {
            body: query,
            start: usize::from(query.first() == Some(&b'?')),
        }
    }

    /// The raw input, as given.
    pub const fn as_bytes(&self) -> &'a [u8] {
        self.body
    }

    /// The pairs, in order; empty segments (`a=1&&b=2`) are skipped.
    pub fn pairs(&self) -> Pairs<'a> {
        Pairs {
            body: self.body,
            pos: self.start,
        }
    }

    /// The first pair whose decoded name is `name`.
    pub fn get(&self, name: &str) -> Option<Pair<'a>> {
        self.pairs().find(|p| p.name.eq_str(name))
    }

    /// Every malformed escape or non-UTF-8 name or value, in order.
    pub fn errors(&self) -> impl Iterator<Item = Error> + 'a {
        self.pairs()
            .flat_map(|p| [p.name.check().err(), p.value.check().err()])
            .flatten()
    }
}

/// One `name=value` pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pair<'a> {
    /// The encoded name.
    pub name: Encoded<'a>,
    /// The encoded value (empty when the pair has no `=`).
    pub value: Encoded<'a>,
}

/// Iterator over a body's pairs.
#[derive(Clone, Debug)]
pub struct Pairs<'a> {
    body: &'a [u8],
    pos: usize,
}

impl<'a> Iterator for Pairs<'a> {
    type Item = Pair<'a>;

    fn next(&mut self) -> Option<Pair<'a>> {
        loop {
            let rest = self.body.get(self.pos..).filter(|r| !r.is_empty())?;
            let start = self.pos;
            let len = rest.iter().position(|&b| b == b'&').unwrap_or(rest.len());
            self.pos = start + len + 1;
            let segment = rest.get(..len).unwrap_or(&[]);
            if segment.is_empty() {
                continue;
            }
            let (name, value, value_at) = match segment.iter().position(|&b| b == b'=') {
                Some(eq) => (
                    segment.get(..eq).unwrap_or(&[]),
                    segment.get(eq + 1..).unwrap_or(&[]),
                    start + eq + 1,
                ),
                None => (segment, &[][..], start + len),
            };
            return Some(Pair {
                name: Encoded {
                    repr: Repr::Body(name),
                    start,
                },
                value: Encoded {
                    repr: Repr::Body(value),
                    start: value_at,
                },
            });
        }
    }
}

/// A name or value as it appears in the body; decodes lazily. A value a
/// program sets is [`Encoded::text`]: the same type reads a message and
/// writes one.
#[derive(Clone, Copy)]
pub struct Encoded<'a> {
    repr: Repr<'a>,
    start: usize,
}

/// What an [`Encoded`] holds.
#[derive(Clone, Copy)]
enum Repr<'a> {
    /// A body's bytes as they came (form-encoded).
    Body(&'a [u8]),
    /// A body's bytes that have nothing to decode, checked as UTF-8 once
    /// ([`Fields::scan`]): borrowed as text without checking them again.
    Checked(&'a str),
    /// A program's text: the text itself, percent-encoded when written.
    Text(&'a str),
}

impl PartialEq for Encoded<'_> {
    /// The same bytes at the same place, both a body's or both a program's
    /// text (a body value checked or not is the same value).
    fn eq(&self, other: &Self) -> bool {
        self.start == other.start && self.is_text() == other.is_text() && self.raw() == other.raw()
    }
}

impl Eq for Encoded<'_> {}

impl fmt::Debug for Encoded<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never print the text: form values carry personal data.
        write!(
            f,
            "Encoded({}..{})",
            self.start,
            self.start + self.raw().len()
        )
    }
}

/// Why a value could not be decoded into a buffer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// A malformed escape or invalid UTF-8, with its place in the body.
    Invalid(Error),
    /// The buffer is too small.
    BufferTooSmall(BufferTooSmall),
}

impl<'a> Encoded<'a> {
    /// A value as text (a program's, not a body's): it decodes to itself
    /// and is percent-encoded when written into a form.
    ///
    /// ```
    /// use santral::form::Encoded;
    /// let v = Encoded::text("a+b %");
    /// assert_eq!(v.as_str(), Some("a+b %"));
    /// assert_eq!(v.form().to_string(), "a%2Bb %25");
    /// ```
    pub const fn text(text: &'a str) -> Encoded<'a> {
        Encoded {
            repr: Repr::Text(text),
            start: 0,
        }
    }

    /// The raw bytes (for [`Encoded::text`], the text).
    pub const fn raw(&self) -> &'a [u8] {
        match self.repr {
            Repr::Body(raw) => raw,
            Repr::Checked(s) | Repr::Text(s) => s.as_bytes(),
        }
    }

    /// True for a program's text ([`Encoded::text`]).
    const fn is_text(&self) -> bool {
        matches!(self.repr, Repr::Text(_))
    }

    /// The bytes need no decoding: a program's text, or a body's value
    /// checked to have no escapes.
    const fn is_literal(&self) -> bool {
        matches!(self.repr, Repr::Text(_) | Repr::Checked(_))
    }

    /// The value as it goes into a form body: a body's bytes as they
    /// came, a text escaped as the PBX escapes ([`EncodeRaw`]).
    pub fn form(&self) -> impl fmt::Display + 'a {
        FormValue(*self)
    }

    /// Where the raw bytes are in the body.
    pub const fn span(&self) -> Span {
        Span::new(self.start, self.start + self.raw().len())
    }

    /// True when nothing is there.
    pub const fn is_empty(&self) -> bool {
        self.raw().is_empty()
    }

    /// The text borrowed from the body when it needs no decoding (no `%`,
    /// no `+`) and is UTF-8; `None` otherwise (use [`Encoded::decode_into`]).
    pub fn as_str(&self) -> Option<&'a str> {
        match self.repr {
            Repr::Checked(s) | Repr::Text(s) => Some(s),
            Repr::Body(raw) if raw.iter().any(|&b| b == b'%' || b == b'+') => None,
            Repr::Body(raw) => core::str::from_utf8(raw).ok(),
        }
    }

    /// The decoded bytes, lazily; a malformed escape yields an error.
    pub fn bytes(&self) -> Decode<'a> {
        Decode {
            raw: self.raw(),
            pos: 0,
            start: self.start,
            plain: self.is_literal(),
        }
    }

    /// Checks escapes and UTF-8 without decoding anywhere.
    pub fn check(&self) -> Result<(), Error> {
        self.checked().map(|_| ())
    }

    /// [`Encoded::check`], keeping what it learnt: a body's value with
    /// nothing to decode comes back as text checked once, which
    /// [`Encoded::as_str`] then lends without checking it again.
    ///
    /// ```
    /// use santral::form::Form;
    /// let form = Form::new(b"a=ok&b=%C5%9F&c=%FF");
    /// let a = form.get("a").unwrap().value;
    /// let checked = a.checked().unwrap();
    /// assert_eq!((checked.as_str(), checked == a), (Some("ok"), true));
    /// assert_eq!(form.get("b").unwrap().value.checked().unwrap().as_str(), None);
    /// assert!(form.get("c").unwrap().value.checked().is_err());
    /// ```
    pub fn checked(self) -> Result<Encoded<'a>, Error> {
        let raw = match self.repr {
            Repr::Checked(_) | Repr::Text(_) => return Ok(self),
            Repr::Body(raw) => raw,
        };
        // Fast path: nothing to decode, so the raw bytes must be UTF-8.
        if !raw.iter().any(|&b| b == b'%' || b == b'+') {
            return match core::str::from_utf8(raw) {
                Ok(s) => Ok(Encoded {
                    repr: Repr::Checked(s),
                    start: self.start,
                }),
                Err(e) => {
                    let at = self.start + e.valid_up_to();
                    let len = e.error_len().unwrap_or(raw.len() - e.valid_up_to());
                    Err(Error::new(Code::FormInvalidUtf8, Span::new(at, at + len)))
                }
            };
        }
        let mut utf8 = Utf8::new(Code::FormInvalidUtf8);
        let mut bytes = self.bytes();
        loop {
            let at = bytes.offset();
            match bytes.next() {
                Some(Ok(b)) => {
                    if let Err(e) = utf8.push(b, at) {
                        // End the span after the whole source unit at `at`
                        // (an escape, or a raw character), never inside it.
                        let end = self.unit_end(at);
                        return Err(Error::new(
                            e.code,
                            Span::new(e.span.start, end.max(e.span.end)),
                        ));
                    }
                }
                Some(Err(e)) => return Err(e),
                None => return utf8.finish(at).map(|()| self),
            }
        }
    }

    /// The end of the escape or raw UTF-8 character starting at body offset `at`.
    fn unit_end(&self, at: usize) -> usize {
        let i = at.saturating_sub(self.start);
        let raw = self.raw();
        let len = match raw.get(i) {
            Some(b'%') => 3,
            Some(&b) if b >= 0xF0 => 4,
            Some(&b) if b >= 0xE0 => 3,
            Some(&b) if b >= 0xC0 => 2,
            _ => 1,
        };
        let mut end = (i + len).min(raw.len());
        // A truncated raw sequence ends at the next lead byte.
        while end > i + 1 && raw.get(end - 1).is_some_and(|b| *b >= 0xC0) {
            end -= 1;
        }
        self.start + end
    }

    /// Decodes into `buf`, or reports the exact size needed.
    pub fn decode_into<'b>(&self, buf: &'b mut [u8]) -> Result<&'b str, DecodeError> {
        self.check().map_err(DecodeError::Invalid)?;
        let mut n = 0usize;
        for b in self.bytes().flatten() {
            if let Some(slot) = buf.get_mut(n) {
                *slot = b;
            }
            n += 1;
        }
        match buf.get(..n) {
            Some(out) => core::str::from_utf8(out)
                .map_err(|_| DecodeError::Invalid(Error::new(Code::FormInvalidUtf8, self.span()))),
            None => Err(DecodeError::BufferTooSmall(BufferTooSmall { needed: n })),
        }
    }

    /// Writes the decoded text as a JSON string (quotes included); a byte
    /// that does not decode is written `\u{FFFD}`.
    ///
    /// ```
    /// use santral::form::Form;
    /// let form = Form::new(b"a=%C5%9F%22+x");
    /// let mut out = String::new();
    /// form.get("a").unwrap().value.write_json_string(&mut out).unwrap();
    /// assert_eq!(out, r#""ş\" x""#);
    /// ```
    pub fn write_json_string<W: fmt::Write + ?Sized>(&self, w: &mut W) -> fmt::Result {
        w.write_char('"')?;
        self.write_lossy(|s| crate::write::write_string_content(w, s))?;
        w.write_char('"')
    }

    /// The decoded text in pieces to `out`, holding at most one character:
    /// a malformed escape or bytes that are not UTF-8 become U+FFFD.
    ///
    /// ```
    /// use santral::form::Form;
    /// let form = Form::new(b"a=%C3%A7%FF%zz");
    /// let mut out = String::new();
    /// form.get("a").unwrap().value.write_lossy(|s| { out.push_str(s); Ok(()) }).unwrap();
    /// assert_eq!(out, "ç\u{FFFD}\u{FFFD}");
    /// ```
    pub fn write_lossy(&self, mut out: impl FnMut(&str) -> fmt::Result) -> fmt::Result {
        if let Some(text) = self.as_str() {
            return out(text);
        }
        let mut pending = [0u8; 4];
        let mut n = 0usize;
        for b in self.bytes() {
            let Ok(b) = b else {
                out("\u{FFFD}")?;
                n = 0;
                continue;
            };
            if let Some(slot) = pending.get_mut(n) {
                *slot = b;
                n += 1;
            }
            match core::str::from_utf8(pending.get(..n).unwrap_or(&[])) {
                Ok(s) => {
                    out(s)?;
                    n = 0;
                }
                Err(e) if e.error_len().is_some() || n == pending.len() => {
                    out("\u{FFFD}")?;
                    n = 0;
                }
                Err(_) => {}
            }
        }
        if n > 0 {
            out("\u{FFFD}")?;
        }
        Ok(())
    }

    /// True when the decoded text equals `s` (false for malformed input).
    pub fn eq_str(&self, s: &str) -> bool {
        if let Some(text) = self.as_str() {
            return text == s;
        }
        let mut want = s.bytes();
        self.bytes().all(|b| b.ok() == want.next()) && want.next().is_none()
    }
}

/// Lazy decoder of one [`Encoded`].
#[derive(Clone, Debug)]
pub struct Decode<'a> {
    raw: &'a [u8],
    pos: usize,
    start: usize,
    plain: bool,
}

impl Decode<'_> {
    fn offset(&self) -> usize {
        self.start + self.pos
    }
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

impl Iterator for Decode<'_> {
    type Item = Result<u8, Error>;

    fn next(&mut self) -> Option<Result<u8, Error>> {
        let b = *self.raw.get(self.pos)?;
        let at = self.offset();
        if self.plain {
            self.pos += 1;
            return Some(Ok(b));
        }
        match b {
            b'+' => {
                self.pos += 1;
                Some(Ok(b' '))
            }
            b'%' => {
                let hi = self.raw.get(self.pos + 1).copied().and_then(hex);
                let lo = self.raw.get(self.pos + 2).copied().and_then(hex);
                match (hi, lo) {
                    (Some(hi), Some(lo)) => {
                        self.pos += 3;
                        Some(Ok(hi << 4 | lo))
                    }
                    _ => {
                        // The `%` and up to two ASCII bytes after it, so the
                        // span never splits a character.
                        let tail = self.raw.get(self.pos + 1..).unwrap_or(&[]);
                        let ascii = tail.iter().take(2).take_while(|b| b.is_ascii()).count();
                        let span = Span::new(at, at + 1 + ascii);
                        self.pos = self.raw.len();
                        Some(Err(Error::new(Code::FormMalformedEscape, span)))
                    }
                }
            }
            _ => {
                self.pos += 1;
                Some(Ok(b))
            }
        }
    }
}

struct FormValue<'a>(Encoded<'a>);

impl fmt::Display for FormValue<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.repr {
            Repr::Text(text) => write!(f, "{}", EncodeRaw(text)),
            // Nothing to decode, so nothing was encoded: as it came.
            Repr::Checked(raw) => f.write_str(raw),
            // A body's bytes are form-encoded already (the reader checked them).
            Repr::Body(raw) => match core::str::from_utf8(raw) {
                Ok(raw) => f.write_str(raw),
                Err(_) => Err(fmt::Error),
            },
        }
    }
}

/// Percent-encodes a value for a query or form body: everything but
/// `A-Z a-z 0-9 - . _ ~` and the URL punctuation `: / @` becomes `%XX` (a
/// `+` is written `%2B`, a space `%20`), so the result means the same to
/// every decoder and a URL value reads as the vendor's pages write it
/// (`notification_url=https://siteadresi.com/events`).
///
/// ```
/// use santral::form::Encode;
/// assert_eq!(Encode("+90 532/ş").to_string(), "%2B90%20532/%C5%9F");
/// assert_eq!(Encode("https://x.com/a?b=1&c").to_string(), "https://x.com/a%3Fb%3D1%26c");
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Encode<'a>(pub &'a str);

impl fmt::Display for Encode<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        escape(f, self.0, |b| {
            !(b.is_ascii_alphanumeric()
                || matches!(b, b'-' | b'.' | b'_' | b'~' | b':' | b'/' | b'@'))
        })
    }
}

/// Writes a form value the way the PBX itself sends webhooks: spaces,
/// Turkish letters and punctuation raw (`status=Başarılı`,
/// `start_stamp=2016-01-01 00:00:00`), only what would change the
/// meaning escaped — `%`, `&`, `=`, `+`, `#` and control characters. Every
/// santral reader accepts it; a strict decoder may not, which is why the
/// simulator sends it: integrators meet the vendor's style before production.
///
/// ```
/// use santral::form::EncodeRaw;
/// assert_eq!(EncodeRaw("Memnuniyet anketi & 100%").to_string(), "Memnuniyet anketi %26 100%25");
/// ```
#[derive(Clone, Copy, Debug)]
pub struct EncodeRaw<'a>(pub &'a str);

impl fmt::Display for EncodeRaw<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        escape(f, self.0, |b| {
            b < 0x20 || b == 0x7F || matches!(b, b'%' | b'&' | b'=' | b'+' | b'#')
        })
    }
}

/// Writes `s` with every byte `escaped` says so as `%XX`.
fn escape(f: &mut fmt::Formatter<'_>, s: &str, escaped: impl Fn(u8) -> bool) -> fmt::Result {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        if !escaped(b) {
            continue;
        }
        f.write_str(s.get(last..i).unwrap_or(""))?;
        write!(f, "%{b:02X}")?;
        last = i + 1;
    }
    f.write_str(s.get(last..).unwrap_or(""))
}

/// Caller memory that decoded values are cut from, one after another, so
/// a reader can return several decoded strings borrowed from one buffer.
///
/// ```
/// use santral::form::{Arena, Form};
/// let form = Form::new(b"a=x%20y&b=%C5%9F");
/// let mut buf = [0u8; 16];
/// let mut arena = Arena::new(&mut buf);
/// let a = arena.decode(form.get("a").unwrap().value).unwrap();
/// let b = arena.decode(form.get("b").unwrap().value).unwrap();
/// assert_eq!((a, b), ("x y", "ş"));
/// ```
#[derive(Debug)]
pub struct Arena<'b> {
    rest: &'b mut [u8],
}

impl<'b> Arena<'b> {
    /// An arena over `buf`.
    pub fn new(buf: &'b mut [u8]) -> Arena<'b> {
        Arena { rest: buf }
    }

    /// Decodes `value` into the next free bytes.
    pub fn decode(&mut self, value: Encoded<'_>) -> Result<&'b str, DecodeError> {
        let rest = core::mem::take(&mut self.rest);
        let n = match value.decode_into(rest) {
            Ok(s) => s.len(),
            Err(e) => {
                self.rest = rest;
                return Err(e);
            }
        };
        let (used, tail) = rest.split_at_mut(n);
        self.rest = tail;
        // `decode_into` checked these bytes.
        core::str::from_utf8(used)
            .map_err(|_| DecodeError::Invalid(Error::new(Code::FormInvalidUtf8, value.span())))
    }

    /// Bytes still free.
    pub fn remaining(&self) -> usize {
        self.rest.len()
    }

    /// Writes `value` into the next free bytes; `None` when it does not
    /// fit (nothing is used then).
    pub fn write(&mut self, value: impl fmt::Display) -> Option<&'b str> {
        let rest = core::mem::take(&mut self.rest);
        let n = match crate::write::write_into(rest, value) {
            Ok(s) => s.len(),
            Err(_) => {
                self.rest = rest;
                return None;
            }
        };
        let (used, tail) = rest.split_at_mut(n);
        self.rest = tail;
        core::str::from_utf8(used).ok()
    }
}

/// The known fields of one message, found in one pass.
///
/// [`Fields::scan`] reports, for known fields only, malformed escapes,
/// invalid UTF-8 and duplicates ([`Code::FormDuplicateField`]); unknown
/// fields are ignored (forward compatibility). Each diagnostic's path is
/// the field name.
#[derive(Clone, Copy, Debug)]
pub struct Fields<'a, const N: usize> {
    body: &'a [u8],
    names: &'static [&'static str; N],
    found: [Option<Pair<'a>>; N],
    /// Bit `i`: field `i`'s value was reported as malformed already.
    bad: u64,
}

impl<'a, const N: usize> Fields<'a, N> {
    /// Scans `form` for `names`, reporting problems to `sink`.
    ///
    /// ```
    /// use santral::diag::{Code, Collector};
    /// use santral::form::{Fields, Form};
    ///
    /// const NAMES: &[&str; 2] = &["digit", "phone"];
    /// let mut sink: Collector<4> = Collector::new();
    /// let f = Fields::scan(Form::new(b"digit=1&phone=905321234567&digit=2&x=%zz"), NAMES, &mut sink);
    /// assert_eq!(f.get("phone").and_then(|p| p.value.as_str()), Some("905321234567"));
    /// assert_eq!(sink.diagnostics()[0].code, Code::FormDuplicateField);
    /// assert_eq!(sink.diagnostics().len(), 1); // the unknown `x` is ignored
    /// ```
    pub fn scan(form: Form<'a>, names: &'static [&'static str; N], sink: &mut impl Sink) -> Self {
        let mut found = [None; N];
        let bad = scan_into(form, names, &mut found, sink);
        Fields {
            body: form.as_bytes(),
            names,
            found,
            bad,
        }
    }

    /// The first occurrence of the field in `slot` (its index in `names`).
    pub fn at(&self, slot: usize) -> Option<Pair<'a>> {
        self.found.get(slot).copied().flatten()
    }

    /// The value of the field in `slot` when present and not empty (an
    /// empty field counts as absent: `direction=` names no direction).
    pub fn value(&self, slot: usize) -> Option<Encoded<'a>> {
        self.at(slot).map(|p| p.value).filter(|v| !v.is_empty())
    }

    /// Reads the field in `slot`: decodes its value (into `buf` when it
    /// has escapes) and parses it with `parse`, reporting a failure at the
    /// field's name. `None` when the field is absent, empty or invalid.
    pub fn read<T, S: Sink>(
        &self,
        slot: usize,
        buf: &mut [u8],
        sink: &mut S,
        parse: impl FnOnce(&str) -> Result<T, Error>,
    ) -> Option<T> {
        let pair = self.at(slot).filter(|p| !p.value.is_empty())?;
        self.parse_at(slot, pair, buf, sink, parse)
    }

    /// Parses a field's value unless the scan already reported it malformed.
    fn parse_at<T, S: Sink>(
        &self,
        slot: usize,
        pair: Pair<'a>,
        buf: &mut [u8],
        sink: &mut S,
        parse: impl FnOnce(&str) -> Result<T, Error>,
    ) -> Option<T> {
        if self.bad & (1u64 << (slot % 64)) != 0 {
            return None;
        }
        let name = self.names.get(slot).copied().unwrap_or("");
        parse_value(self.body, pair, name, buf, sink, parse)
    }

    /// Like [`Fields::read`], but an empty value is parsed too (for fields
    /// where `name=` is a wrong value rather than an absent one).
    pub fn read_present<T, S: Sink>(
        &self,
        slot: usize,
        buf: &mut [u8],
        sink: &mut S,
        parse: impl FnOnce(&str) -> Result<T, Error>,
    ) -> Option<T> {
        let pair = self.at(slot)?;
        self.parse_at(slot, pair, buf, sink, parse)
    }

    /// Reports [`Code::FormMissingField`] for every field of `required`
    /// (bit `i` for slot `i`) that is absent or empty.
    pub fn report_missing<S: Sink>(&self, required: u64, sink: &mut S) {
        for (i, name) in self.names.iter().enumerate() {
            if required & (1u64 << (i % 64)) != 0 && self.value(i).is_none() {
                report_missing(self.body, name, sink);
            }
        }
    }

    /// The first occurrence of the known field `name`.
    pub fn get(&self, name: &str) -> Option<Pair<'a>> {
        let i = self.names.iter().position(|n| *n == name)?;
        self.found.get(i).copied().flatten()
    }

    /// True when the known field `name` was present.
    pub fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// The known fields present, decoded, as one JSON object in the
    /// table's order (`{"event_type":"answer",…}`): what santral read and
    /// checked, names exactly as declared — an unknown field such as
    /// `caller.id_number` is not there, nor an array for `call_uuid[]`.
    ///
    /// ```
    /// use santral::diag::Counter;
    /// use santral::form::{Fields, Form};
    ///
    /// const NAMES: &[&str; 2] = &["digit", "phone"];
    /// let body = b"phone=90+532&digit=1&digit.x=9&phone[]=2";
    /// let f = Fields::scan(Form::new(body), NAMES, &mut Counter::default());
    /// let mut json = String::new();
    /// f.write_json(&mut json).unwrap();
    /// assert_eq!(json, r#"{"digit":"1","phone":"90 532"}"#);
    /// ```
    pub fn write_json<W: fmt::Write + ?Sized>(&self, w: &mut W) -> fmt::Result {
        w.write_char('{')?;
        let mut first = true;
        for (name, pair) in self.names.iter().zip(self.found.iter()) {
            let Some(pair) = pair else { continue };
            if !first {
                w.write_char(',')?;
            }
            first = false;
            w.write_char('"')?;
            crate::write::write_string_content(w, name)?;
            w.write_str("\":")?;
            pair.value.write_json_string(w)?;
        }
        w.write_char('}')
    }
}

/// [`Fields::scan`]'s one pass, shared by every message (not generic
/// over the number of fields): fills `found` (slot `i` for `names[i]`) and
/// returns the bit set of values reported malformed.
#[inline(never)]
fn scan_into<'a, S: Sink>(
    form: Form<'a>,
    names: &[&'static str],
    found: &mut [Option<Pair<'a>>],
    sink: &mut S,
) -> u64 {
    let mut bad = 0u64;
    let mut locator = Locator::new(form.as_bytes());
    for pair in form.pairs() {
        // Names are almost always plain ASCII: compare bytes, decode only
        // when the name has escapes.
        let i = if pair.name.raw().iter().any(|&b| b == b'%' || b == b'+') {
            names.iter().position(|n| pair.name.eq_str(n))
        } else {
            names.iter().position(|n| n.as_bytes() == pair.name.raw())
        };
        let Some(i) = i else {
            continue;
        };
        let (Some(name), Some(slot)) = (names.get(i), found.get_mut(i)) else {
            continue;
        };
        let mut report = |e: Error| {
            let mut d = Diagnostic::new(e.code, e.span).with_path(Path::key(name));
            d.suggestion = e.suggestion;
            sink.report(locator.locate(d))
        };
        let flow = if slot.is_some() {
            report(Error::new(Code::FormDuplicateField, pair.name.span()))
        } else {
            match pair.value.checked() {
                Err(e) => {
                    *slot = Some(pair);
                    bad |= 1u64 << (i % 64);
                    report(e)
                }
                Ok(value) => {
                    *slot = Some(Pair { value, ..pair });
                    ControlFlow::Continue(())
                }
            }
        };
        if flow.is_break() {
            break;
        }
    }
    bad
}

/// Decodes `pair`'s value into `buf` and parses it with `parse`, reporting
/// a failure to `sink` with the field name as path and the error mapped
/// into `body` (inside the value when it has no escapes).
pub fn parse_value<T, S: Sink>(
    body: &[u8],
    pair: Pair<'_>,
    name: &'static str,
    buf: &mut [u8],
    sink: &mut S,
    parse: impl FnOnce(&str) -> Result<T, Error>,
) -> Option<T> {
    let span = pair.value.span();
    let (text, borrowed) = value_text(body, pair, name, buf, sink)?;
    match parse(text) {
        Ok(v) => Some(v),
        Err(e) => {
            misparsed(body, span, borrowed, e, name, sink);
            None
        }
    }
}

/// The text of `pair`'s value: borrowed when there is nothing to decode
/// (`true`), else decoded into `buf`; a value that cannot be decoded is
/// reported.
#[inline(always)]
fn value_text<'b, S: Sink>(
    body: &[u8],
    pair: Pair<'b>,
    name: &'static str,
    buf: &'b mut [u8],
    sink: &mut S,
) -> Option<(&'b str, bool)> {
    // Zero-copy when there is nothing to decode; else decode into `buf`.
    match pair.value.as_str() {
        Some(t) => Some((t, true)),
        None => match pair.value.decode_into(buf) {
            Ok(t) => Some((t, false)),
            Err(DecodeError::Invalid(e)) => {
                report(body, e, name, sink);
                None
            }
            Err(DecodeError::BufferTooSmall(_)) => {
                report(
                    body,
                    Error::new(Code::TextTooLong, pair.value.span()),
                    name,
                    sink,
                );
                None
            }
        },
    }
}

/// Reports a parser's error `e` at the value at `span`: inside it when
/// the value was borrowed, else at the whole value.
#[inline(never)]
fn misparsed<S: Sink>(
    body: &[u8],
    span: Span,
    borrowed: bool,
    e: Error,
    name: &'static str,
    sink: &mut S,
) {
    let e = if borrowed {
        e.offset(span.start)
    } else {
        Error { span, ..e }
    };
    report(body, e, name, sink);
}

/// Reports `e` (already placed in `body`) at field `name`.
pub fn report<S: Sink>(body: &[u8], e: Error, name: &'static str, sink: &mut S) {
    let mut d = Diagnostic::new(e.code, e.span).with_path(Path::key(name));
    d.suggestion = e.suggestion;
    let _ = sink.report(d.locate(body));
}

/// Reports a missing required field `name` at the end of `body`.
pub fn report_missing<S: Sink>(body: &[u8], name: &'static str, sink: &mut S) {
    report(
        body,
        Error::new(Code::FormMissingField, Span::new(body.len(), body.len())),
        name,
        sink,
    );
}

/// Reports [`Code::WebhookPing`] when `body` is a verification ping: a
/// typed webhook parser has no event to give for it (answer it with 200).
#[cfg(any(feature = "event", feature = "report"))]
pub(crate) fn report_ping<S: Sink>(body: &[u8], sink: &mut S) -> bool {
    let ping = is_verification_ping(body);
    if ping {
        let d = Diagnostic::new(Code::WebhookPing, Span::new(0, body.len()));
        let _ = sink.report(d.locate(body));
    }
    ping
}

/// True for the empty body or `{}` the PBX POSTs to verify a webhook URL
/// (whitespace allowed).
///
/// ```
/// assert!(santral::form::is_verification_ping(b""));
/// assert!(santral::form::is_verification_ping(b" { } \n"));
/// assert!(!santral::form::is_verification_ping(b"event_type=ringing"));
/// ```
pub fn is_verification_ping(body: &[u8]) -> bool {
    let trimmed: &[u8] = body.trim_ascii();
    trimmed.is_empty()
        || (trimmed.first() == Some(&b'{')
            && trimmed.last() == Some(&b'}')
            && trimmed
                .get(1..trimmed.len() - 1)
                .is_some_and(|m| m.trim_ascii().is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Collector;
    use Vec;

    fn decoded(e: Encoded<'_>) -> String {
        let mut buf = [0u8; 256];
        e.decode_into(&mut buf).unwrap().into()
    }

    #[test]
    fn vendor_campaign_report_body() {
        let body = "notification_id=5&notification_date=2017-05-10 13:18:56 UTC&domain_id=429&ivr_campaign_id=131&ivr_campaign_name=Memnuniyet anketi&ivr_lead_id=1878&phone=905321234567&digit=2&status=Başarılı&call_uuid=aacdb242-364b-11e7-8bed-c9aec7093786";
        let form = Form::new(body.as_bytes());
        assert_eq!(form.pairs().count(), 10);
        assert_eq!(form.errors().count(), 0);
        assert_eq!(form.get("status").unwrap().value.as_str(), Some("Başarılı"));
        assert_eq!(
            form.get("notification_date").unwrap().value.as_str(),
            Some("2017-05-10 13:18:56 UTC")
        );
        let call_event = "event_type=ringing&domain_id=101&direction=inbound&caller_id_number=02123205062&outbound_caller_id_number=&destination_number=1001&dialed_user=1001&call_uuid=1234&start_stamp=2016-01-01 00:00:00";
        let form = Form::new(call_event.as_bytes());
        assert_eq!(
            form.get("outbound_caller_id_number")
                .unwrap()
                .value
                .as_str(),
            Some("")
        );
        assert!(form
            .get("outbound_caller_id_number")
            .unwrap()
            .value
            .is_empty());
        let at = call_event.find("=1001&dialed").unwrap() + 1;
        assert_eq!(
            form.get("destination_number").unwrap().value.span(),
            Span::new(at, at + 4)
        );
    }

    #[test]
    fn decoding() {
        let form = Form::query(b"?uuid=x&result=buses%C3%A7evrildi&a+b=c+d&flag&&e=%2B90");
        let names: Vec<_> = form.pairs().map(|p| decoded(p.name)).collect();
        assert_eq!(names, ["uuid", "result", "a b", "flag", "e"]);
        assert_eq!(decoded(form.get("result").unwrap().value), "busesçevrildi");
        assert_eq!(decoded(form.get("a b").unwrap().value), "c d");
        assert_eq!(decoded(form.get("e").unwrap().value), "+90");
        assert!(form.get("flag").unwrap().value.is_empty());
        assert_eq!(form.get("result").unwrap().value.as_str(), None);
        let mut small = [0u8; 3];
        assert_eq!(
            form.get("result").unwrap().value.decode_into(&mut small),
            Err(DecodeError::BufferTooSmall(BufferTooSmall { needed: 14 }))
        );
        assert!(Form::new(b"").pairs().next().is_none());
    }

    #[test]
    fn malformed_escapes_and_utf8_are_placed() {
        let errs: Vec<_> = Form::new(b"a=%zz&b=ok&c=%4&d=%C3&e=%FF&f=%E2%82%AC&g=%ED%A0%80&h=%")
            .errors()
            .map(|e| (e.code, e.span))
            .collect();
        assert_eq!(
            errs,
            [
                (Code::FormMalformedEscape, Span::new(2, 5)),
                (Code::FormMalformedEscape, Span::new(13, 15)),
                (Code::FormInvalidUtf8, Span::new(18, 21)),
                (Code::FormInvalidUtf8, Span::new(24, 27)),
                (Code::FormInvalidUtf8, Span::new(42, 48)),
                (Code::FormMalformedEscape, Span::new(54, 55)),
            ]
        );
        // Raw bytes that are not UTF-8.
        let raw = [b'a', b'=', 0xC3, b'x'];
        assert_eq!(
            Form::new(&raw).errors().next().map(|e| e.code),
            Some(Code::FormInvalidUtf8)
        );
    }

    /// Found by the long `advisory_request` fuzz run: an escaped lead byte
    /// followed by a raw multi-byte character gives a span that ends after
    /// that character, not inside it.
    #[test]
    fn fuzz_regression_invalid_utf8_span_ends_on_a_boundary() {
        let body = "a=%C3ş".as_bytes();
        let e = Form::new(body).errors().next().unwrap();
        assert_eq!(e.code, Code::FormInvalidUtf8);
        assert!(
            core::str::from_utf8(&body[e.span.start..e.span.end]).is_ok(),
            "{e:?}"
        );
    }

    /// Found by the `call_event` fuzz target: a malformed escape before a
    /// multi-byte character does not split it.
    #[test]
    fn fuzz_regression_escape_span_on_char_boundaries() {
        let body = "a=%tڢ".as_bytes();
        let e = Form::new(body).errors().next().unwrap();
        assert_eq!(
            (e.code, e.span),
            (Code::FormMalformedEscape, Span::new(2, 4))
        );
        assert!(core::str::from_utf8(&body[e.span.start..e.span.end]).is_ok());
    }

    #[test]
    fn fields_report_duplicates_once_each() {
        const NAMES: &[&str; 3] = &["event_type", "domain_id", "call_uuid"];
        let mut sink: Collector<8> = Collector::new();
        let f = Fields::scan(
            Form::new(b"event_type=answer&domain_id=1&event_type=hangup&domain_id=%G&zzz=%"),
            NAMES,
            &mut sink,
        );
        assert_eq!(f.get("event_type").unwrap().value.as_str(), Some("answer"));
        assert!(!f.has("call_uuid"));
        let got: Vec<_> = sink
            .diagnostics()
            .iter()
            .map(|d| (d.code, format!("{}", d.path), d.span.start))
            .collect();
        assert_eq!(
            got,
            [
                (Code::FormDuplicateField, "event_type".into(), 30),
                (Code::FormDuplicateField, "domain_id".into(), 48),
            ]
        );
    }
}
