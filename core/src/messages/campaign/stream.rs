//! Streaming a campaign body lead by lead, for bodies too large to hold.

use core::fmt;

use super::*;
use crate::json::{Event, Quoted};

/// Writes a campaign request lead by lead, for callers whose leads arrive
/// one at a time (a Python iterable, a database cursor): [`LeadStream::begin`]
/// writes a header given as JSON text (a campaign object without
/// `phone_list`), [`LeadStream::lead`] each lead, [`LeadStream::finish`]
/// the end. Nothing is buffered. Validate the result with [`validate`].
///
/// ```
/// use santral::campaign::{Lead, LeadStream};
///
/// let mut out = String::new();
/// let mut stream = LeadStream::begin(&mut out, r#"{"name":"x"}"#).unwrap();
/// stream.lead(&mut out, &Lead { phone: "05321234567", phrase: None, lang: None }).unwrap();
/// stream.finish(&mut out).unwrap();
/// assert_eq!(out, r#"{"name":"x","phone_list":[{"phone":"05321234567"}]}"#);
/// ```
#[derive(Debug)]
pub struct LeadStream {
    leads: u64,
}

impl LeadStream {
    /// Checks `header` (JSON syntax, an object, no `phone_list`) and writes
    /// it up to where the leads go, in the types the builder writes
    /// (SPEC §6): `recording_enabled` as the string `"true"`/`"false"`,
    /// `queue_number` and the other integer fields as JSON numbers when
    /// they were given as numeric strings. Everything else is copied as
    /// given.
    pub fn begin<W: fmt::Write + ?Sized>(
        out: &mut W,
        header: &str,
    ) -> Result<LeadStream, HeaderError> {
        LeadStream::begin_with_key(out, header, None)
    }

    /// [`LeadStream::begin`], adding `"key": key` when the header has no
    /// `key` of its own (a client fills in the key it was made with).
    ///
    /// ```
    /// use santral::campaign::LeadStream;
    /// let mut out = String::new();
    /// LeadStream::begin_with_key(&mut out, r#"{"name": "x"}"#, Some("K1")).unwrap();
    /// assert_eq!(out, r#"{"name": "x","key":"K1","phone_list":["#);
    /// ```
    pub fn begin_with_key<W: fmt::Write + ?Sized>(
        out: &mut W,
        header: &str,
        api_key: Option<&str>,
    ) -> Result<LeadStream, HeaderError> {
        let mut has_key = false;
        let mut r = crate::json::Reader::new(header.as_bytes());
        let mut close = None;
        let mut fields = 0usize;
        let mut first = true;
        let mut key: Option<Field> = None;
        let mut rewritten = 0u64;
        let mut edits: heapless::Vec<(crate::diag::Span, Rewrite<'_>), 16> = heapless::Vec::new();
        while let Some(t) = r.next_token() {
            let t = t.map_err(HeaderError::Syntax)?;
            if first && t.event != Event::BeginObject {
                return Err(HeaderError::NotAnObject);
            }
            first = false;
            let value_of = key.take();
            match t.event {
                Event::Key(k) if r.depth() == 1 => {
                    if k.eq_str(Field::PhoneList.name()) {
                        return Err(HeaderError::HasPhoneList);
                    }
                    fields += 1;
                    key = crate::json::key_index(k, &Field::NAMES).and_then(Field::from_index);
                    has_key |= key == Some(Field::Key);
                }
                Event::EndObject if r.depth() == 0 => close = Some(t.span.start),
                _ => {}
            }
            let Some(field) = value_of else { continue };
            if rewritten & (1 << field.index()) != 0 {
                continue;
            }
            if let Some(edit) = Rewrite::of(field, &t.event) {
                rewritten |= 1 << field.index();
                let _ = edits.push((t.span, edit));
            }
        }
        let close = close.ok_or(HeaderError::NotAnObject)?;
        let head = header.get(..close).unwrap_or("").trim_end();
        let mut at = 0;
        for (span, edit) in &edits {
            out.write_str(head.get(at..span.start).unwrap_or(""))
                .and_then(|()| edit.write(out))
                .map_err(|_| HeaderError::Write)?;
            at = span.end;
        }
        out.write_str(head.get(at..).unwrap_or(""))
            .map_err(|_| HeaderError::Write)?;
        let mut sep = if fields > 0 { "," } else { "" };
        if let (false, Some(k)) = (has_key, api_key) {
            write!(out, "{sep}\"{}\":{}", Field::Key.name(), Quoted(k))
                .map_err(|_| HeaderError::Write)?;
            sep = ",";
        }
        write!(out, "{sep}\"phone_list\":[").map_err(|_| HeaderError::Write)?;
        Ok(LeadStream { leads: 0 })
    }

    /// Writes one lead.
    pub fn lead<W: fmt::Write + ?Sized>(&mut self, out: &mut W, lead: &Lead<'_>) -> fmt::Result {
        if self.leads > 0 {
            out.write_char(',')?;
        }
        write!(out, "{{\"phone\":{}", Quoted(lead.phone))?;
        if let Some(p) = lead.phrase {
            write!(out, ",\"phrase\":{}", Quoted(p))?;
        }
        if let Some(l) = lead.lang {
            write!(out, ",\"lang\":\"{l}\"")?;
        }
        self.leads += 1;
        out.write_char('}')
    }

    /// Leads written so far.
    pub fn leads(&self) -> u64 {
        self.leads
    }

    /// Closes the request.
    pub fn finish<W: fmt::Write + ?Sized>(self, out: &mut W) -> fmt::Result {
        out.write_str("]}")
    }
}

/// A header value the builder writes in its own type.
#[derive(Clone, Copy, Debug)]
enum Rewrite<'a> {
    /// A fixed text (`"true"`, `"false"`).
    Text(&'static str),
    /// A numeric string written as a number.
    Number(&'a str),
}

impl<'a> Rewrite<'a> {
    fn of(field: Field, value: &Event<'a>) -> Option<Rewrite<'a>> {
        use Field as F;
        match (field, value) {
            (F::RecordingEnabled, Event::Bool(b)) => {
                Some(Rewrite::Text(if *b { "\"true\"" } else { "\"false\"" }))
            }
            (F::RecordingEnabled, Event::String(s)) => {
                let text = s.as_str()?;
                let b = crate::lexical::parse_boolish(text).ok()?;
                (text.len() == 1).then_some(Rewrite::Text(if b { "\"true\"" } else { "\"false\"" }))
            }
            (
                F::QueueNumber
                | F::ThreadMultiplier
                | F::MaxThreadCount
                | F::RingTimeout
                | F::CallRetries
                | F::DigitRetries
                | F::DigitTimeout
                | F::WelcomeAnnouncementId,
                Event::String(s),
            ) => {
                let digits = s.as_str()?;
                // A leading zero (`"0204"`) only survives as a string.
                let number = !digits.is_empty()
                    && digits.bytes().all(|b| b.is_ascii_digit())
                    && (digits == "0" || !digits.starts_with('0'))
                    && digits.len() <= 19;
                number.then_some(Rewrite::Number(digits))
            }
            _ => None,
        }
    }

    fn write<W: fmt::Write + ?Sized>(&self, out: &mut W) -> fmt::Result {
        match self {
            Rewrite::Text(t) | Rewrite::Number(t) => out.write_str(t),
        }
    }
}

/// Writes a campaign request from a header given as JSON text and an
/// iterator of leads (see [`LeadStream`]).
pub fn write_with_header_json<'l, W: fmt::Write>(
    out: &mut W,
    header: &str,
    leads: impl IntoIterator<Item = Lead<'l>>,
) -> Result<(), HeaderError> {
    let mut stream = LeadStream::begin(out, header)?;
    for lead in leads {
        stream.lead(out, &lead).map_err(|_| HeaderError::Write)?;
    }
    stream.finish(out).map_err(|_| HeaderError::Write)
}
