//! Building a campaign body: the header and its leads.

use core::fmt;

use super::*;
use crate::diag::Code;
use crate::json::Quoted;
use crate::lexical::{Extension, Id, Lang};
use crate::target::Target;
use crate::time::{Date, Time, Weekdays};
use crate::write::{write_into, BufferTooSmall};

/// The fields of a campaign request, typed. Leads are streamed separately.
#[derive(Clone, Copy, Debug)]
pub struct Header<'a> {
    /// API key.
    pub key: &'a str,
    /// `ivr` or `queue`.
    pub call_type: CallType,
    /// Campaign name.
    pub name: &'a str,
    /// Queue campaigns: the queue's extension (written as a number).
    pub queue_number: Option<Extension<'a>>,
    /// Queue campaigns: calls per available agent.
    pub thread_multiplier: Option<u32>,
    /// Most simultaneous calls.
    pub max_thread_count: Option<u32>,
    /// First day.
    pub date_range_begin: Option<Date>,
    /// Last day.
    pub date_range_end: Option<Date>,
    /// Daily start.
    pub time_range_begin: Option<Time>,
    /// Daily end.
    pub time_range_end: Option<Time>,
    /// Days of the week.
    pub active_days: Option<Weekdays>,
    /// Seconds to ring, 25..=60.
    pub ring_timeout: Option<u32>,
    /// Caller id shown to leads (wire form `90…`).
    pub cli: Option<&'a str>,
    /// Ivr: the announcement played first.
    pub welcome_announcement_id: Option<Id>,
    /// Redials on busy/no answer.
    pub call_retries: Option<u32>,
    /// Ivr: menu repeats on a bad or missing key.
    pub digit_retries: Option<u32>,
    /// Ivr: seconds to wait for a key, 1..=10.
    pub digit_timeout: Option<u32>,
    /// Where campaign reports are POSTed.
    pub webhook_url: Option<&'a str>,
    /// Ivr: the 14 targets in [`TARGET_KEYS`] order (`None` is written as `""`).
    pub targets: [Option<Target<'a>>; 14],
    /// Commercial (İYS) campaign.
    pub is_commercial: bool,
    /// İYS recipient type (commercial campaigns).
    pub iys_recipient_type: Option<IysRecipientType>,
    /// İYS brand code (commercial campaigns).
    pub iys_brand_code: Option<&'a str>,
    /// Record from the start (written as the string `"true"`).
    pub recording_enabled: bool,
}

impl<'a> Header<'a> {
    /// A header with only the required fields.
    pub const fn new(key: &'a str, call_type: CallType, name: &'a str) -> Header<'a> {
        Header {
            key,
            call_type,
            name,
            queue_number: None,
            thread_multiplier: None,
            max_thread_count: None,
            date_range_begin: None,
            date_range_end: None,
            time_range_begin: None,
            time_range_end: None,
            active_days: None,
            ring_timeout: None,
            cli: None,
            welcome_announcement_id: None,
            call_retries: None,
            digit_retries: None,
            digit_timeout: None,
            webhook_url: None,
            targets: [None; 14],
            is_commercial: false,
            iys_recipient_type: None,
            iys_brand_code: None,
            recording_enabled: false,
        }
    }
}

/// One lead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lead<'a> {
    /// The number, as it should be sent.
    pub phone: &'a str,
    /// The phrase read to this lead.
    pub phrase: Option<&'a str>,
    /// The phrase's language.
    pub lang: Option<Lang>,
}

/// Writes the campaign request JSON: the header's fields, then the leads
/// as they come from the iterator (nothing is buffered).
pub fn write<'l, W: fmt::Write>(
    out: &mut W,
    header: &Header<'_>,
    leads: impl IntoIterator<Item = Lead<'l>>,
) -> fmt::Result {
    let h = header;
    write!(
        out,
        "{{\"key\":{},\"call_type\":\"{}\",\"name\":{}",
        Quoted(h.key),
        h.call_type.as_str(),
        Quoted(h.name)
    )?;
    if let Some(q) = h.queue_number {
        // A number, as the vendor's example; leading zeros need the string form.
        if q.as_str().starts_with('0') {
            write!(out, ",\"queue_number\":{}", Quoted(q.as_str()))?;
        } else {
            write!(out, ",\"queue_number\":{q}")?;
        }
    }
    let number = |out: &mut W, name: &str, v: Option<u32>| match v {
        Some(v) => write!(out, ",\"{name}\":{v}"),
        None => Ok(()),
    };
    number(out, "thread_multiplier", h.thread_multiplier)?;
    number(out, "max_thread_count", h.max_thread_count)?;
    if let Some(d) = h.date_range_begin {
        write!(out, ",\"date_range_begin\":\"{d}\"")?;
    }
    if let Some(d) = h.date_range_end {
        write!(out, ",\"date_range_end\":\"{d}\"")?;
    }
    if let Some(t) = h.time_range_begin {
        write!(out, ",\"time_range_begin\":\"{t}\"")?;
    }
    if let Some(t) = h.time_range_end {
        write!(out, ",\"time_range_end\":\"{t}\"")?;
    }
    if let Some(days) = h.active_days {
        write!(out, ",\"active_days\":{days}")?;
    }
    number(out, "ring_timeout", h.ring_timeout)?;
    if let Some(cli) = h.cli {
        write!(out, ",\"cli\":{}", Quoted(cli))?;
    }
    if let Some(id) = h.welcome_announcement_id {
        write!(out, ",\"welcome_announcement_id\":{id}")?;
    }
    number(out, "call_retries", h.call_retries)?;
    number(out, "digit_retries", h.digit_retries)?;
    number(out, "digit_timeout", h.digit_timeout)?;
    if let Some(url) = h.webhook_url {
        write!(out, ",\"webhook_url\":{}", Quoted(url))?;
    }
    if h.call_type == CallType::Ivr {
        for (key, target) in TARGET_KEYS.iter().zip(h.targets.iter()) {
            write!(out, ",\"{key}\":\"")?;
            if let Some(t) = target {
                let mut esc = JsonEscaped(out);
                fmt::write(&mut esc, format_args!("{t}"))?;
            }
            out.write_char('"')?;
        }
    }
    write!(out, ",\"is_commercial\":{}", h.is_commercial)?;
    if let Some(t) = h.iys_recipient_type {
        write!(out, ",\"iys_recipient_type\":\"{}\"", t.as_str())?;
    }
    if let Some(code) = h.iys_brand_code {
        write!(out, ",\"iys_brand_code\":{}", Quoted(code))?;
    }
    if h.recording_enabled {
        out.write_str(",\"recording_enabled\":\"true\"")?;
    }
    out.write_str(",\"phone_list\":[")?;
    for (i, lead) in leads.into_iter().enumerate() {
        if i > 0 {
            out.write_char(',')?;
        }
        write!(out, "{{\"phone\":{}", Quoted(lead.phone))?;
        if let Some(p) = lead.phrase {
            write!(out, ",\"phrase\":{}", Quoted(p))?;
        }
        if let Some(l) = lead.lang {
            write!(out, ",\"lang\":\"{l}\"")?;
        }
        out.write_char('}')?;
    }
    out.write_str("]}")
}

/// Escapes what is written through it as JSON string content.
struct JsonEscaped<'w, W: fmt::Write>(&'w mut W);

impl<W: fmt::Write> fmt::Write for JsonEscaped<'_, W> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        crate::json::write_string_content(self.0, s)
    }
}

/// [`write()`] into a caller buffer; `BufferTooSmall { needed }` is exact.
pub fn write_to<'b, 'l>(
    buf: &'b mut [u8],
    header: &Header<'_>,
    leads: impl IntoIterator<Item = Lead<'l>> + Clone,
) -> Result<&'b str, BufferTooSmall> {
    struct Body<'h, I>(&'h Header<'h>, I);
    impl<'l, I: IntoIterator<Item = Lead<'l>> + Clone> fmt::Display for Body<'_, I> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write(f, self.0, self.1.clone())
        }
    }
    write_into(buf, Body(header, leads))
}

impl<'a> Lead<'a> {
    /// A lead from text (a spreadsheet row, a binding's tuple): `lang`
    /// is checked here, the rest when the request is validated. A bad
    /// `lang` is a diagnostic at `phone_list[index].lang`.
    ///
    /// ```
    /// use santral::campaign::Lead;
    /// let d = Lead::from_text("05321234567", None, Some("tr"), 4).unwrap_err();
    /// assert_eq!(d.path.to_string(), "phone_list[4].lang");
    /// ```
    #[allow(clippy::result_large_err)] // A diagnostic is the answer; no_std has no Box.
    pub fn from_text(
        phone: &'a str,
        phrase: Option<&'a str>,
        lang: Option<&str>,
        index: u32,
    ) -> Result<Lead<'a>, crate::diag::Diagnostic> {
        let lang = lang
            .map(|l| {
                Lang::parse(l).map_err(|e| {
                    let mut path = crate::diag::Path::key(Field::PhoneList.name());
                    path.push_index(index);
                    path.push_key(LeadField::Lang.name());
                    crate::diag::Diagnostic::from_error(e, 0, l.as_bytes(), path)
                })
            })
            .transpose()?;
        Ok(Lead {
            phone,
            phrase,
            lang,
        })
    }
}

/// Why a header given as JSON text cannot take leads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeaderError {
    /// The header is not valid JSON.
    Syntax(crate::json::SyntaxError),
    /// The header is not a JSON object.
    NotAnObject,
    /// The header already has a `phone_list`.
    HasPhoneList,
    /// The writer failed.
    Write,
}

impl HeaderError {
    /// The problem as a diagnostic in the header's text (`None` for a
    /// writer failure, which is the caller's I/O, not the header's).
    pub fn diagnostic(&self) -> Option<crate::diag::Diagnostic> {
        use crate::diag::{Diagnostic, Span};
        Some(match self {
            HeaderError::Syntax(e) => e.diagnostic(),
            HeaderError::NotAnObject => Diagnostic::new(Code::JsonExpectedObject, Span::new(0, 0)),
            HeaderError::HasPhoneList => {
                Diagnostic::new(Code::CampaignHeaderPhoneList, Span::new(0, 0))
                    .with_path(crate::diag::Path::key(Field::PhoneList.name()))
            }
            HeaderError::Write => return None,
        })
    }
}
