//! Call records (SPEC §15, `cdrs.md`): the list reply streamed record by
//! record in fixed memory, the detail reply with its call flow, and the
//! query builder.
//!
//! Records come from the PBX, so they are read leniently: a value that
//! does not parse is kept as its raw text ([`Lenient::Raw`]) with a
//! [`Code::CdrMalformedValue`] warning naming the field — the vendor's own
//! sample has `017-08-03 …`, `+030`, `00:0:35`, the key `read_code`, the
//! value `" PCMU"` and a talk time longer than the total.
//!
//! ```
//! use core::ops::ControlFlow;
//! use santral::cdr::{read_list, Lenient};
//! use santral::diag::Collector;
//!
//! let body = br#"{"cdrs":[{"caller_id_number":"03121234567","duration":"00:01:05","missed":"true"}],
//!   "pagination":{"page":1,"total_count":1,"total_pages":1,"limit":10}}"#;
//! let mut sink: Collector<4> = Collector::new();
//! let mut missed = 0;
//! let list = read_list(body, &mut sink, |r| {
//!     if r.missed == Lenient::Value(true) { missed += 1; }
//!     ControlFlow::Continue(())
//! });
//! assert_eq!((list.records, missed), (1, 1));
//! assert_eq!(list.pagination.map(|p| p.total_count), Some(1));
//! ```

use core::fmt::{self, Write as _};
use core::net::IpAddr;
use core::ops::ControlFlow;

use crate::diag::{Code, Counting, Diagnostic, Error, Sink, Span};
use crate::event::{Direction, Disposition};
use crate::form::Encode;
use crate::json::{key_index, text, Event, JsonStr, Mark, Scalar, Token, Walker};
use crate::lexical::ApiKey;
use crate::phone::{Options, Phone};
use crate::time::{Duration, Timestamp, Zone};

/// A value read leniently from the PBX.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Lenient<'a, T> {
    /// The key is absent.
    #[default]
    Absent,
    /// `null`.
    Null,
    /// Parsed.
    Value(T),
    /// Present but malformed: the raw text (a warning was reported).
    Raw(JsonStr<'a>),
}

impl<T: Copy> Lenient<'_, T> {
    /// The parsed value, if any.
    pub fn value(&self) -> Option<T> {
        match self {
            Lenient::Value(v) => Some(*v),
            _ => None,
        }
    }
}

crate::wire_enum! {
    /// `direction` in a record: the vendor writes it in Turkish.
    pub enum CdrDirection {
        /// `Gelen`: inbound.
        Gelen = "Gelen",
        /// `Giden`: outbound.
        Giden = "Giden",
        /// `Giden (API)`: outbound, started through the API.
        GidenApi = "Giden (API)",
        /// `Giden (IVR)`: outbound, from an auto-dial campaign.
        GidenIvr = "Giden (IVR)",
        /// `Santral içi`: internal.
        SantralIci = "Santral içi",
    }
}

impl CdrDirection {
    /// The call-event direction it corresponds to.
    pub const fn direction(self) -> Direction {
        match self {
            CdrDirection::Gelen => Direction::Inbound,
            CdrDirection::SantralIci => Direction::Internal,
            _ => Direction::Outbound,
        }
    }
}

/// One call record.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Record<'a> {
    /// When it started.
    pub start_stamp: Lenient<'a, Timestamp>,
    /// When it was answered.
    pub answer_stamp: Lenient<'a, Timestamp>,
    /// When it ended.
    pub end_stamp: Lenient<'a, Timestamp>,
    /// The direction.
    pub direction: Lenient<'a, CdrDirection>,
    /// Who called.
    pub caller_id_number: Lenient<'a, Phone>,
    /// The caller's name.
    pub caller_id_name: Option<JsonStr<'a>>,
    /// The number called.
    pub destination_number: Lenient<'a, Phone>,
    /// The callee's name.
    pub destination_name: Option<JsonStr<'a>>,
    /// Total time.
    pub duration: Lenient<'a, Duration>,
    /// Talk time.
    pub talk_duration: Lenient<'a, Duration>,
    /// Queue wait (`HH:MM:SS` despite the name).
    pub queue_wait_seconds: Lenient<'a, Duration>,
    /// The queue.
    pub queue: Option<JsonStr<'a>>,
    /// The result in Turkish (`Cevaplandı`, `Meşgul`, …).
    pub result: Option<JsonStr<'a>>,
    /// A missed call.
    pub missed: Lenient<'a, bool>,
    /// The uuid of the call that returned a missed call (null otherwise).
    pub return_uuid: Lenient<'a, JsonStr<'a>>,
    /// Whether a recording exists.
    pub recording_present: Lenient<'a, bool>,
    /// Who hung up.
    pub sip_hangup_disposition: Lenient<'a, Disposition>,
    /// The call's uuid.
    pub call_uuid: Option<JsonStr<'a>>,
}

/// One step of a call's flow (detail reply).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct FlowStep<'a> {
    /// The number or extension rung.
    pub destination_number: Lenient<'a, Phone>,
    /// When it started.
    pub start_stamp: Lenient<'a, Timestamp>,
    /// When it was answered.
    pub answer_stamp: Lenient<'a, Timestamp>,
    /// When it ended.
    pub end_stamp: Lenient<'a, Timestamp>,
    /// How long.
    pub duration: Lenient<'a, Duration>,
    /// The device's address.
    #[cfg_attr(
        feature = "serde",
        serde(serialize_with = "crate::serde_impls::ip_lenient")
    )]
    pub ip_address: Lenient<'a, IpAddr>,
    /// The device model.
    pub sip_user_agent: Option<JsonStr<'a>>,
    /// Codec sent.
    pub write_codec: Lenient<'a, JsonStr<'a>>,
    /// Codec received.
    pub read_codec: Lenient<'a, JsonStr<'a>>,
    /// The result.
    pub result: Option<JsonStr<'a>>,
}

/// The list reply's `pagination`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Pagination {
    /// This page.
    pub page: u64,
    /// Records in the whole list.
    pub total_count: u64,
    /// Pages in the whole list.
    pub total_pages: u64,
    /// Records per page.
    pub limit: u64,
}

/// What reading a list found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ListSummary {
    /// Records read.
    pub records: u64,
    /// The pagination object.
    pub pagination: Option<Pagination>,
    /// Errors reported.
    pub errors: usize,
    /// Warnings reported.
    pub warnings: usize,
}

crate::fields! {
    /// The keys of one call record.
    pub enum RecordField {
        /// When it started.
        StartStamp = "start_stamp",
        /// When it was answered.
        AnswerStamp = "answer_stamp",
        /// When it ended.
        EndStamp = "end_stamp",
        /// The direction (Turkish).
        Direction = "direction",
        /// Who called.
        CallerIdNumber = "caller_id_number",
        /// The caller's name.
        CallerIdName = "caller_id_name",
        /// The number called.
        DestinationNumber = "destination_number",
        /// The callee's name.
        DestinationName = "destination_name",
        /// Total time.
        Duration = "duration",
        /// Talk time.
        TalkDuration = "talk_duration",
        /// Queue wait.
        QueueWaitSeconds = "queue_wait_seconds",
        /// The queue.
        Queue = "queue",
        /// The result.
        Result = "result",
        /// A missed call.
        Missed = "missed",
        /// The call this returns.
        ReturnUuid = "return_uuid",
        /// A recording exists.
        RecordingPresent = "recording_present",
        /// Who hung up.
        SipHangupDisposition = "sip_hangup_disposition",
        /// The call's uuid.
        CallUuid = "call_uuid",
    }
}

crate::fields! {
    /// The keys of one call-flow step.
    pub enum FlowField {
        /// The leg's number.
        DestinationNumber = "destination_number",
        /// When it started.
        StartStamp = "start_stamp",
        /// When it was answered.
        AnswerStamp = "answer_stamp",
        /// When it ended.
        EndStamp = "end_stamp",
        /// Its length.
        Duration = "duration",
        /// The device's address.
        IpAddress = "ip_address",
        /// The device.
        SipUserAgent = "sip_user_agent",
        /// Codec sent.
        WriteCodec = "write_codec",
        /// Codec received.
        ReadCodec = "read_codec",
        /// The result.
        Result = "result",
    }
}

crate::fields! {
    /// The keys of a list reply's `pagination`.
    pub enum PaginationField {
        /// This page.
        Page = "page",
        /// Records in all pages.
        TotalCount = "total_count",
        /// Pages.
        TotalPages = "total_pages",
        /// Records per page.
        Limit = "limit",
    }
}

/// Streams the records of a list reply to `on_record`, in fixed memory;
/// `on_record` may stop early with `Break`.
pub fn read_list<'a, S: Sink>(
    body: &'a [u8],
    sink: &mut S,
    mut on_record: impl FnMut(&Record<'a>) -> ControlFlow<()>,
) -> ListSummary {
    let mut tee = Counting::new(sink);
    let mut summary = ListSummary::default();
    let mut stopped = false;
    {
        let mut w = Walker::new(body, &mut tee);
        if w.begin_object().is_some() {
            let mut end = None;
            let mut seen = 0;
            while let Some((key, t)) = w.next_key(&mut end) {
                let Some((i, name)) = w.known_key(key, &t, &["cdrs", "pagination"], &mut seen)
                else {
                    continue;
                };
                w.path.push_key(name);
                if i == 0 {
                    if !records(&mut w, &mut summary, &mut on_record) {
                        stopped = true;
                        break;
                    }
                } else {
                    summary.pagination = pagination(&mut w);
                }
                w.path.pop();
            }
            if let Some(end) = end {
                if seen & 1 == 0 {
                    w.missing("cdrs", &end);
                }
            }
        }
        // A caller that stopped early does not pay for the rest.
        if !stopped {
            w.finish();
        }
    }
    summary.errors = tee.errors;
    summary.warnings = tee.warnings;
    summary
}

/// Reads `[record, …]`; false when the callback stopped.
fn records<'a, S: Sink>(
    w: &mut Walker<'a, '_, S>,
    summary: &mut ListSummary,
    on_record: &mut impl FnMut(&Record<'a>) -> ControlFlow<()>,
) -> bool {
    let Some(open) = w.next_token() else {
        return true;
    };
    if open.event != Event::BeginArray {
        w.report(Code::JsonExpectedArray, &open);
        w.skip(&open);
        return true;
    }
    let mut index = 0u32;
    loop {
        let Some(t) = w.next_token() else { return true };
        match t.event {
            Event::EndArray => return true,
            Event::BeginObject => {
                w.path.push_index(index);
                let record = read_record(w);
                w.path.pop();
                summary.records += 1;
                if on_record(&record).is_break() {
                    return false;
                }
            }
            _ => {
                w.path.push_index(index);
                w.report(Code::JsonExpectedObject, &t);
                w.skip(&t);
                w.path.pop();
            }
        }
        index = index.saturating_add(1);
    }
}

pub(crate) fn pagination<S: Sink>(w: &mut Walker<'_, '_, S>) -> Option<Pagination> {
    use PaginationField as F;
    w.begin_object()?;
    let mut p = Pagination::default();
    let mut end = None;
    while let Some((key, t)) = w.next_key(&mut end) {
        let Some(field) = key_index(key, &F::NAMES).and_then(F::from_index) else {
            w.unknown_key(key, &t, &F::NAMES);
            continue;
        };
        w.path.push_key(field.name());
        if let Some((n, t)) = w.integer() {
            match u64::try_from(n) {
                Ok(n) => match field {
                    F::Page => p.page = n,
                    F::TotalCount => p.total_count = n,
                    F::TotalPages => p.total_pages = n,
                    F::Limit => p.limit = n,
                },
                Err(_) => w.report(Code::JsonExpectedInteger, &t),
            }
        }
        w.path.pop();
    }
    end.map(|_| p)
}

/// Reads one value leniently with `parse`; a failure keeps the raw text
/// and warns.
fn lenient<'a, T, S: Sink>(
    w: &mut Walker<'a, '_, S>,
    parse: impl FnOnce(&str) -> Result<T, Error>,
) -> (Lenient<'a, T>, Option<Mark>) {
    let Some((value, t)) = w.scalar(Code::JsonExpectedString) else {
        return (Lenient::Absent, None);
    };
    let mark = Some(Mark::of(&t));
    match value {
        Scalar::Null => (Lenient::Null, mark),
        Scalar::Str(s) => {
            let mut buf = [0u8; 256];
            match text(s, &mut buf).map(parse) {
                Some(Ok(v)) => (Lenient::Value(v), mark),
                _ => {
                    w.report(Code::CdrMalformedValue, &t);
                    (Lenient::Raw(s), mark)
                }
            }
        }
        _ => {
            w.report(Code::CdrMalformedValue, &t);
            (Lenient::Absent, mark)
        }
    }
}

/// Reads a string kept as text, checked by `check` (a warning keeps it raw).
fn lenient_str<'a, S: Sink>(
    w: &mut Walker<'a, '_, S>,
    check: fn(&str) -> Result<(), Error>,
) -> Lenient<'a, JsonStr<'a>> {
    match w.scalar(Code::JsonExpectedString) {
        Some((Scalar::Str(s), t)) => {
            let mut buf = [0u8; 256];
            if text(s, &mut buf).is_some_and(|x| check(x).is_ok()) {
                Lenient::Value(s)
            } else {
                w.report(Code::CdrMalformedValue, &t);
                Lenient::Raw(s)
            }
        }
        Some((Scalar::Null, _)) => Lenient::Null,
        Some((_, t)) => {
            w.report(Code::CdrMalformedValue, &t);
            Lenient::Absent
        }
        None => Lenient::Absent,
    }
}

fn any_string<'a, S: Sink>(w: &mut Walker<'a, '_, S>) -> Option<JsonStr<'a>> {
    match w.scalar(Code::JsonExpectedString)? {
        (Scalar::Str(s), _) => Some(s),
        (Scalar::Null, _) => None,
        (_, t) => {
            w.report(Code::CdrMalformedValue, &t);
            None
        }
    }
}

fn phone(s: &str) -> Result<Phone, Error> {
    Phone::parse_with(s, Options::STRICT_OR_EXTENSION)
}

fn boolean(s: &str) -> Result<bool, Error> {
    crate::lexical::parse_boolish(s)
}

fn direction(s: &str) -> Result<CdrDirection, Error> {
    CdrDirection::from_wire(s).ok_or(Error::new(Code::CdrMalformedValue, Span::new(0, s.len())))
}

fn disposition(s: &str) -> Result<Disposition, Error> {
    match s {
        "caller" => Ok(Disposition::Caller),
        "callee" => Ok(Disposition::Callee),
        _ => Err(Error::new(Code::EventDisposition, Span::new(0, s.len()))),
    }
}

/// A codec name: letters, digits, `-`, `.`, `/`, no surrounding space.
fn codec(s: &str) -> Result<(), Error> {
    let ok = !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'/' | b'_'));
    if ok {
        Ok(())
    } else {
        Err(Error::new(Code::CdrMalformedValue, Span::new(0, s.len())))
    }
}

/// Reads one record after its `{`.
fn read_record<'a, S: Sink>(w: &mut Walker<'a, '_, S>) -> Record<'a> {
    let mut r = Record::default();
    let mut end = None;
    let mut talk_mark = None;
    while let Some((key, t)) = w.next_key(&mut end) {
        let Some(field) = key_index(key, &RecordField::NAMES).and_then(RecordField::from_index)
        else {
            w.unknown_key(key, &t, &RecordField::NAMES);
            continue;
        };
        w.path.push_key(field.name());
        use RecordField as F;
        match field {
            F::StartStamp => r.start_stamp = lenient(w, Timestamp::parse).0,
            F::AnswerStamp => r.answer_stamp = lenient(w, Timestamp::parse).0,
            F::EndStamp => r.end_stamp = lenient(w, Timestamp::parse).0,
            F::Direction => r.direction = lenient(w, direction).0,
            F::CallerIdNumber => r.caller_id_number = lenient(w, phone).0,
            F::CallerIdName => r.caller_id_name = any_string(w),
            F::DestinationNumber => r.destination_number = lenient(w, phone).0,
            F::DestinationName => r.destination_name = any_string(w),
            F::Duration => r.duration = lenient(w, Duration::parse).0,
            F::TalkDuration => (r.talk_duration, talk_mark) = lenient(w, Duration::parse),
            F::QueueWaitSeconds => r.queue_wait_seconds = lenient(w, Duration::parse).0,
            F::Queue => r.queue = any_string(w),
            F::Result => r.result = any_string(w),
            F::Missed => r.missed = lenient(w, boolean).0,
            F::ReturnUuid => {
                r.return_uuid = lenient_str(w, |x| crate::lexical::CallUuid::parse(x).map(|_| ()))
            }
            F::RecordingPresent => r.recording_present = lenient(w, boolean).0,
            F::SipHangupDisposition => r.sip_hangup_disposition = lenient(w, disposition).0,
            F::CallUuid => r.call_uuid = any_string(w),
        }
        w.path.pop();
    }
    if let (Some(talk), Some(total), Some(mark)) =
        (r.talk_duration.value(), r.duration.value(), talk_mark)
    {
        if talk > total {
            w.report_field(
                Code::CdrTalkExceedsDuration,
                &mark.token(),
                RecordField::TalkDuration.name(),
            );
        }
    }
    r
}

fn read_step<'a, S: Sink>(w: &mut Walker<'a, '_, S>) -> FlowStep<'a> {
    let mut s = FlowStep::default();
    let mut end = None;
    while let Some((key, t)) = w.next_key(&mut end) {
        let Some(field) = key_index(key, &FlowField::NAMES).and_then(FlowField::from_index) else {
            w.unknown_key(key, &t, &FlowField::NAMES);
            continue;
        };
        w.path.push_key(field.name());
        use FlowField as F;
        match field {
            F::DestinationNumber => s.destination_number = lenient(w, phone).0,
            F::StartStamp => s.start_stamp = lenient(w, Timestamp::parse).0,
            F::AnswerStamp => s.answer_stamp = lenient(w, Timestamp::parse).0,
            F::EndStamp => s.end_stamp = lenient(w, Timestamp::parse).0,
            F::Duration => s.duration = lenient(w, Duration::parse).0,
            F::IpAddress => {
                s.ip_address = lenient(w, |x| {
                    crate::net::parse_ip(x)
                        .ok_or(Error::new(Code::CdrMalformedValue, Span::new(0, x.len())))
                })
                .0
            }
            F::SipUserAgent => s.sip_user_agent = any_string(w),
            F::WriteCodec => s.write_codec = lenient_str(w, codec),
            F::ReadCodec => s.read_codec = lenient_str(w, codec),
            F::Result => s.result = any_string(w),
        }
        w.path.pop();
    }
    s
}

/// Reads a detail reply `{"cdr":{…},"call_flow":[…]}`: returns the record
/// and streams the flow steps to `on_step`. `None` when the reply has no
/// readable `cdr` or an error was reported.
pub fn read_detail<'a, S: Sink>(
    body: &'a [u8],
    sink: &mut S,
    mut on_step: impl FnMut(&FlowStep<'a>),
) -> Option<Record<'a>> {
    let mut tee = Counting::new(sink);
    let mut record = None;
    {
        let mut w = Walker::new(body, &mut tee);
        if w.begin_object().is_some() {
            let mut end = None;
            while let Some((key, t)) = w.next_key(&mut end) {
                if key.eq_str("cdr") {
                    w.path.push_key("cdr");
                    if w.begin_object().is_some() {
                        record = Some(read_record(&mut w));
                    }
                    w.path.pop();
                } else if key.eq_str("call_flow") {
                    w.path.push_key("call_flow");
                    flow(&mut w, &mut on_step);
                    w.path.pop();
                } else {
                    w.unknown_key(key, &t, &["cdr", "call_flow"]);
                }
            }
            if let (Some(end), None) = (end, record) {
                w.missing("cdr", &end);
            }
        }
        w.finish();
    }
    if tee.errors > 0 {
        None
    } else {
        record
    }
}

fn flow<'a, S: Sink>(w: &mut Walker<'a, '_, S>, on_step: &mut impl FnMut(&FlowStep<'a>)) {
    let Some(open) = w.next_token() else { return };
    if open.event != Event::BeginArray {
        w.report(Code::JsonExpectedArray, &open);
        w.skip(&open);
        return;
    }
    let mut index = 0u32;
    loop {
        let Some(t): Option<Token<'a>> = w.next_token() else {
            return;
        };
        w.path.push_index(index);
        match t.event {
            Event::EndArray => {
                w.path.pop();
                return;
            }
            Event::BeginObject => {
                let step = read_step(w);
                on_step(&step);
            }
            _ => {
                w.report(Code::JsonExpectedObject, &t);
                w.skip(&t);
            }
        }
        w.path.pop();
        index = index.saturating_add(1);
    }
}

// ------------------------------------------------------------ queries

crate::wire_enum! {
    /// `recording_present` filter.
    pub enum RecordingFilter: Code::CdrRecordingFilter {
        /// Calls with a recording.
        True = "true",
        /// Calls without.
        False = "false",
        /// Calls whose recording was deleted.
        Deleted = "deleted",
    }
}

crate::fields! {
    /// The query parameters of `GET /cdrs`.
    pub enum QueryParam {
        /// API key.
        Key = "key" required,
        /// Calls starting at or after (UTC).
        StartStampFrom = "start_stamp_from",
        /// Calls starting at or before (UTC).
        StartStampTo = "start_stamp_to",
        /// Recording filter.
        RecordingPresent = "recording_present",
        /// Direction filter.
        Direction = "direction",
        /// Caller filter.
        CallerIdNumber = "caller_id_number",
        /// Missed (`true`) or answered (`false`) calls.
        Missed = "missed",
        /// Callee filter.
        DestinationNumber = "destination_number",
        /// Queue filter.
        Queue = "queue",
        /// Page size.
        Limit = "limit",
        /// Page, from 1.
        Page = "page",
    }
}

/// A list query: `GET /cdrs?key=…&…`. `Display` writes the path and query.
#[derive(Clone, Copy, Debug)]
pub struct Query<'a> {
    /// API key.
    pub key: &'a str,
    /// Calls starting at or after (UTC).
    pub start_stamp_from: Option<Timestamp>,
    /// Calls starting at or before (UTC); at most 31 days after `from`.
    pub start_stamp_to: Option<Timestamp>,
    /// Recording filter.
    pub recording_present: Option<RecordingFilter>,
    /// Direction filter.
    pub direction: Option<Direction>,
    /// Caller filter.
    pub caller_id_number: Option<&'a str>,
    /// Missed (`true`) or answered (`false`) calls.
    pub missed: Option<bool>,
    /// Callee filter.
    pub destination_number: Option<&'a str>,
    /// Queue filter.
    pub queue: Option<&'a str>,
    /// Page size, 10..=100 (default 10).
    pub limit: Option<u32>,
    /// Page, from 1.
    pub page: Option<u32>,
}

/// The longest filter range, in seconds (31 days).
pub const MAX_RANGE_SECONDS: i64 = 31 * 86_400;

/// `limit`'s range; [`DEFAULT_LIMIT`] when absent.
pub const LIMIT: core::ops::RangeInclusive<u32> = 10..=100;

/// The page size when `limit` is absent.
pub const DEFAULT_LIMIT: u32 = 10;

impl<'a> Query<'a> {
    /// A query with no filters.
    pub const fn new(key: &'a str) -> Query<'a> {
        Query {
            key,
            start_stamp_from: None,
            start_stamp_to: None,
            recording_present: None,
            direction: None,
            caller_id_number: None,
            missed: None,
            destination_number: None,
            queue: None,
            limit: None,
            page: None,
        }
    }

    /// Checks the rules: UTC stamps, `to` after `from` by at most 31
    /// days, limit 10..=100, page ≥ 1. A broken rule is a diagnostic at
    /// its parameter (a range rule at `start_stamp_to`).
    pub fn check(&self) -> Result<(), Diagnostic> {
        use QueryParam as P;
        let fail = |p: QueryParam, code| {
            Err(Diagnostic::field(
                Error::new(code, Span::new(0, 0)),
                p.name(),
            ))
        };
        ApiKey::parse(self.key).map_err(|e| Diagnostic::field(e, P::Key.name()))?;
        for (p, t) in [
            (P::StartStampFrom, self.start_stamp_from),
            (P::StartStampTo, self.start_stamp_to),
        ] {
            if t.is_some_and(|t| matches!(t.zone, Zone::Offset(_))) {
                return fail(p, Code::CdrFilterZone);
            }
        }
        if let (Some(from), Some(to)) = (self.start_stamp_from, self.start_stamp_to) {
            let span = to.seconds_since_year_one() - from.seconds_since_year_one();
            if span < 0 {
                return fail(P::StartStampTo, Code::CdrRangeOrder);
            }
            if span > MAX_RANGE_SECONDS {
                return fail(P::StartStampTo, Code::CdrRangeTooLong);
            }
        }
        if self.limit.is_some_and(|l| !LIMIT.contains(&l)) {
            return fail(P::Limit, Code::CdrLimitRange);
        }
        if self.page == Some(0) {
            return fail(P::Page, Code::CdrPageRange);
        }
        Ok(())
    }

    /// The page size asked for (the default when absent).
    pub fn page_size(&self) -> u32 {
        self.limit.unwrap_or(DEFAULT_LIMIT)
    }

    /// True when `record` passes every filter of this query (what the PBX
    /// does with it): numbers compare as the same subscriber however
    /// written, a record without the filtered value does not pass.
    ///
    /// ```
    /// use santral::cdr::{Lenient, Query, Record};
    /// use santral::phone::Phone;
    /// let r = Record { caller_id_number: Lenient::Value(Phone::parse("905321234567").unwrap()), missed: Lenient::Value(true), ..Record::default() };
    /// let q = Query { caller_id_number: Some("05321234567"), missed: Some(true), ..Query::new("K1") };
    /// assert!(q.matches(&r));
    /// assert!(!Query { missed: Some(false), ..q }.matches(&r));
    /// ```
    pub fn matches(&self, record: &Record<'_>) -> bool {
        let start = record
            .start_stamp
            .value()
            .map(|t| t.seconds_since_year_one());
        let after = |bound: Option<Timestamp>, later: bool| {
            bound.is_none_or(|b| {
                start.is_some_and(|s| {
                    let b = b.seconds_since_year_one();
                    if later {
                        s >= b
                    } else {
                        s <= b
                    }
                })
            })
        };
        let number = |want: Option<&str>, have: &Lenient<'_, Phone>| {
            want.is_none_or(|w| {
                have.value()
                    .is_some_and(|p| Phone::parse_with(w, Options::MATCHING).is_ok_and(|w| w == p))
            })
        };
        let recording = self.recording_present.is_none_or(|f| {
            match (f, record.recording_present.value()) {
                (RecordingFilter::True, Some(r)) => r,
                (RecordingFilter::False, Some(r)) => !r,
                // The record says nothing about deletion: a deleted
                // recording shows as `"deleted"`, kept raw.
                (RecordingFilter::Deleted, _) => {
                    matches!(record.recording_present, Lenient::Raw(s) if s.raw() == b"deleted")
                }
                _ => false,
            }
        });
        after(self.start_stamp_from, true)
            && after(self.start_stamp_to, false)
            && recording
            && self
                .direction
                .is_none_or(|d| record.direction.value().is_some_and(|r| r.direction() == d))
            && number(self.caller_id_number, &record.caller_id_number)
            && self.missed.is_none_or(|m| record.missed.value() == Some(m))
            && number(self.destination_number, &record.destination_number)
            && self
                .queue
                .is_none_or(|q| record.queue.is_some_and(|r| r.raw() == q.as_bytes()))
    }
}

impl Pagination {
    /// The pagination of page `page` (from 1) of `total_count` records in
    /// pages of `limit`, and the range of records that page holds.
    ///
    /// ```
    /// use santral::cdr::Pagination;
    /// let (p, range) = Pagination::of(25, 10, 3);
    /// assert_eq!((p.total_pages, range), (3, 20..25));
    /// ```
    pub fn of(total_count: u64, limit: u32, page: u32) -> (Pagination, core::ops::Range<u64>) {
        let limit = u64::from(limit.max(1));
        let total_pages = total_count.div_ceil(limit);
        let first = u64::from(page.max(1))
            .saturating_sub(1)
            .saturating_mul(limit)
            .min(total_count);
        let last = first.saturating_add(limit).min(total_count);
        (
            Pagination {
                page: u64::from(page.max(1)),
                total_count,
                total_pages,
                limit,
            },
            first..last,
        )
    }
}

/// Reads a list query (the PBX's side of `GET /cdrs`), reporting every
/// problem at its parameter; `None` when one is an error. Text filters and
/// the key are decoded into `buf`.
///
/// ```
/// use santral::cdr::parse_query;
/// use santral::diag::Collector;
/// let mut buf = [0u8; 256];
/// let mut sink: Collector<4> = Collector::new();
/// let q = parse_query(b"key=K1&start_stamp_from=2017-08-03 12:30:32 UTC&limit=20", &mut buf, &mut sink).unwrap();
/// assert_eq!((q.key, q.limit), ("K1", Some(20)));
/// ```
pub fn parse_query<'b, S: Sink>(
    query: &[u8],
    buf: &'b mut [u8],
    sink: &mut S,
) -> Option<Query<'b>> {
    use crate::form::{Arena, Fields, Form};
    use QueryParam as P;
    let mut tee = Counting::new(sink);
    let f = Fields::scan(Form::query(query), &P::NAMES, &mut tee);
    let mut scratch = [0u8; 256];
    let mut read = |p: QueryParam, check: &mut dyn FnMut(&str) -> Result<(), Error>| {
        f.read(p.index(), &mut scratch, &mut tee, |s| check(s))
            .is_some()
    };
    let mut from = None;
    let mut to = None;
    let mut recording = None;
    let mut direction = None;
    let mut missed = None;
    let mut limit = None;
    let mut page = None;
    let mut number = |s: &str| Phone::parse_with(s, Options::MATCHING).map(|_| ());
    let count = |s: &str, code| {
        s.parse::<u32>()
            .ok()
            .filter(|_| s.bytes().all(|b| b.is_ascii_digit()))
            .ok_or(Error::new(code, Span::new(0, s.len())))
    };
    read(P::Key, &mut |s| ApiKey::parse(s).map(|_| ()));
    read(P::StartStampFrom, &mut |s| {
        Timestamp::parse(s).map(|t| from = Some(t))
    });
    read(P::StartStampTo, &mut |s| {
        Timestamp::parse(s).map(|t| to = Some(t))
    });
    read(P::RecordingPresent, &mut |s| {
        RecordingFilter::parse(s).map(|r| recording = Some(r))
    });
    read(P::Direction, &mut |s| {
        Direction::parse(s).map(|d| direction = Some(d))
    });
    read(P::CallerIdNumber, &mut number);
    read(P::Missed, &mut |s| {
        crate::lexical::parse_boolish(s).map(|m| missed = Some(m))
    });
    read(P::DestinationNumber, &mut number);
    read(P::Limit, &mut |s| {
        count(s, Code::CdrLimitRange).map(|l| limit = Some(l))
    });
    read(P::Page, &mut |s| {
        count(s, Code::CdrPageRange).map(|p| page = Some(p))
    });
    f.report_missing(P::REQUIRED, &mut tee);
    if tee.errors > 0 {
        return None;
    }
    let mut arena = Arena::new(buf);
    let mut text = |p: QueryParam| f.value(p.index()).and_then(|v| arena.decode(v).ok());
    let q = Query {
        key: text(P::Key)?,
        start_stamp_from: from,
        start_stamp_to: to,
        recording_present: recording,
        direction,
        caller_id_number: text(P::CallerIdNumber),
        missed,
        destination_number: text(P::DestinationNumber),
        queue: text(P::Queue),
        limit,
        page,
    };
    if let Err(d) = q.check() {
        let _ = tee.report(d);
        return None;
    }
    Some(q)
}

/// Splits `from..=to` into consecutive windows the PBX accepts (each at
/// most [`MAX_RANGE_SECONDS`] long, in UTC; the next starts one second
/// after the last ends), so a client can page through a longer range.
/// Nothing when `to` is before `from`.
///
/// ```
/// use santral::cdr::windows;
/// use santral::time::Timestamp;
/// let t = |s| Timestamp::parse(s).unwrap();
/// let w: Vec<String> = windows(t("2026-01-01 00:00:00 UTC"), t("2026-03-11 23:59:59 UTC"))
///     .map(|(a, b)| format!("{a} .. {b}")).collect();
/// assert_eq!(w, [
///     "2026-01-01 00:00:00 UTC .. 2026-02-01 00:00:00 UTC",
///     "2026-02-01 00:00:01 UTC .. 2026-03-04 00:00:01 UTC",
///     "2026-03-04 00:00:02 UTC .. 2026-03-11 23:59:59 UTC",
/// ]);
/// ```
pub fn windows(from: Timestamp, to: Timestamp) -> impl Iterator<Item = (Timestamp, Timestamp)> {
    let end = to.unix_seconds();
    let mut next = Some(from.unix_seconds()).filter(|f| *f <= end);
    core::iter::from_fn(move || {
        let start = next?;
        let stop = start.saturating_add(MAX_RANGE_SECONDS).min(end);
        next = stop.checked_add(1).filter(|n| *n <= end);
        Some((
            Timestamp::from_unix(start, Zone::Utc)?,
            Timestamp::from_unix(stop, Zone::Utc)?,
        ))
    })
}

/// A timestamp written as a filter: `2017-08-03 12:30:32 UTC`.
struct Utc(Timestamp);

impl fmt::Display for Utc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let t = Timestamp {
            zone: Zone::Utc,
            ..self.0
        };
        struct Enc<'f, 'g>(&'f mut fmt::Formatter<'g>);
        impl fmt::Write for Enc<'_, '_> {
            fn write_str(&mut self, s: &str) -> fmt::Result {
                write!(self.0, "{}", Encode(s))
            }
        }
        fmt::write(&mut Enc(f), format_args!("{t}"))
    }
}

impl fmt::Display for Query<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use QueryParam as P;
        write!(f, "/cdrs?{}={}", P::Key.name(), Encode(self.key))?;
        let mut param =
            |p: QueryParam, value: fmt::Arguments<'_>| write!(f, "&{}={value}", p.name());
        if let Some(t) = self.start_stamp_from {
            param(P::StartStampFrom, format_args!("{}", Utc(t)))?;
        }
        if let Some(t) = self.start_stamp_to {
            param(P::StartStampTo, format_args!("{}", Utc(t)))?;
        }
        if let Some(r) = self.recording_present {
            param(P::RecordingPresent, format_args!("{r}"))?;
        }
        if let Some(d) = self.direction {
            param(P::Direction, format_args!("{d}"))?;
        }
        if let Some(c) = self.caller_id_number {
            param(P::CallerIdNumber, format_args!("{}", Encode(c)))?;
        }
        if let Some(m) = self.missed {
            param(P::Missed, format_args!("{m}"))?;
        }
        if let Some(d) = self.destination_number {
            param(P::DestinationNumber, format_args!("{}", Encode(d)))?;
        }
        if let Some(q) = self.queue {
            param(P::Queue, format_args!("{}", Encode(q)))?;
        }
        if let Some(l) = self.limit {
            param(P::Limit, format_args!("{l}"))?;
        }
        if let Some(p) = self.page {
            param(P::Page, format_args!("{p}"))?;
        }
        Ok(())
    }
}

// ------------------------------------------------------------ writers

/// Writes a value the way the PBX does: stamps with their zone, durations
/// `HH:MM:SS`, booleans as strings, numbers in the wire form; `null` and
/// raw text as they came.
trait WireValue {
    fn write_value(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result;
}

/// Types written as their `Display` text in quotes.
macro_rules! quoted {
    ($($t:ty),+) => {
        $(impl WireValue for $t {
            fn write_value(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "\"{self}\"")
            }
        })+
    };
}

quoted!(Timestamp, Duration, bool, CdrDirection, Disposition, IpAddr);

impl WireValue for Phone {
    fn write_value(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\"", self.on_wire())
    }
}

impl WireValue for JsonStr<'_> {
    fn write_value(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_json_str(f, self)
    }
}

fn write_json_str(f: &mut fmt::Formatter<'_>, s: &JsonStr<'_>) -> fmt::Result {
    // Read content as it came, a program's text escaped.
    s.write_json(f)
}

/// One member `"name":value`, or nothing when absent; true when written.
fn member<T: WireValue>(
    f: &mut fmt::Formatter<'_>,
    first: &mut bool,
    name: &str,
    value: &Lenient<'_, T>,
) -> fmt::Result {
    if matches!(value, Lenient::Absent) {
        return Ok(());
    }
    if !core::mem::take(first) {
        f.write_char(',')?;
    }
    write!(f, "\"{name}\":")?;
    match value {
        Lenient::Absent => Ok(()),
        Lenient::Null => f.write_str("null"),
        Lenient::Value(v) => v.write_value(f),
        Lenient::Raw(s) => write_json_str(f, s),
    }
}

fn text_member(
    f: &mut fmt::Formatter<'_>,
    first: &mut bool,
    name: &str,
    value: &Option<JsonStr<'_>>,
) -> fmt::Result {
    let v = match value {
        Some(s) => Lenient::Value(*s),
        None => Lenient::Absent,
    };
    member(f, first, name, &v)
}

impl fmt::Display for Record<'_> {
    /// The record as the PBX writes it: one JSON object, keys in
    /// [`RecordField`] order, absent values left out.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use RecordField as F;
        let first = &mut true;
        f.write_char('{')?;
        for field in F::ALL {
            let name = field.name();
            match field {
                F::StartStamp => member(f, first, name, &self.start_stamp)?,
                F::AnswerStamp => member(f, first, name, &self.answer_stamp)?,
                F::EndStamp => member(f, first, name, &self.end_stamp)?,
                F::Direction => member(f, first, name, &self.direction)?,
                F::CallerIdNumber => member(f, first, name, &self.caller_id_number)?,
                F::CallerIdName => text_member(f, first, name, &self.caller_id_name)?,
                F::DestinationNumber => member(f, first, name, &self.destination_number)?,
                F::DestinationName => text_member(f, first, name, &self.destination_name)?,
                F::Duration => member(f, first, name, &self.duration)?,
                F::TalkDuration => member(f, first, name, &self.talk_duration)?,
                F::QueueWaitSeconds => member(f, first, name, &self.queue_wait_seconds)?,
                F::Queue => text_member(f, first, name, &self.queue)?,
                F::Result => text_member(f, first, name, &self.result)?,
                F::Missed => member(f, first, name, &self.missed)?,
                F::ReturnUuid => member(f, first, name, &self.return_uuid)?,
                F::RecordingPresent => member(f, first, name, &self.recording_present)?,
                F::SipHangupDisposition => member(f, first, name, &self.sip_hangup_disposition)?,
                F::CallUuid => text_member(f, first, name, &self.call_uuid)?,
            }
        }
        f.write_char('}')
    }
}

impl fmt::Display for FlowStep<'_> {
    /// The step as the PBX writes it, keys in [`FlowField`] order.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use FlowField as F;
        let first = &mut true;
        f.write_char('{')?;
        for field in F::ALL {
            let name = field.name();
            match field {
                F::DestinationNumber => member(f, first, name, &self.destination_number)?,
                F::StartStamp => member(f, first, name, &self.start_stamp)?,
                F::AnswerStamp => member(f, first, name, &self.answer_stamp)?,
                F::EndStamp => member(f, first, name, &self.end_stamp)?,
                F::Duration => member(f, first, name, &self.duration)?,
                F::IpAddress => member(f, first, name, &self.ip_address)?,
                F::SipUserAgent => text_member(f, first, name, &self.sip_user_agent)?,
                F::WriteCodec => member(f, first, name, &self.write_codec)?,
                F::ReadCodec => member(f, first, name, &self.read_codec)?,
                F::Result => text_member(f, first, name, &self.result)?,
            }
        }
        f.write_char('}')
    }
}

impl fmt::Display for Pagination {
    /// `{"page":1,"total_count":25,"total_pages":3,"limit":10}`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use PaginationField as F;
        let values = [self.page, self.total_count, self.total_pages, self.limit];
        f.write_char('{')?;
        for (i, (field, v)) in F::ALL.iter().zip(values).enumerate() {
            if i > 0 {
                f.write_char(',')?;
            }
            write!(f, "\"{}\":{v}", field.name())?;
        }
        f.write_char('}')
    }
}

/// The list reply `{"cdrs":[…],"pagination":{…}}` of `records`.
///
/// ```
/// use santral::cdr::{list_json, Lenient, Pagination, Record};
/// let r = Record { missed: Lenient::Value(true), ..Record::default() };
/// let (p, _) = Pagination::of(1, 10, 1);
/// assert_eq!(list_json(&[r], &p).to_string(), r#"{"cdrs":[{"missed":"true"}],"pagination":{"page":1,"total_count":1,"total_pages":1,"limit":10}}"#);
/// ```
pub fn list_json<'r>(
    records: &'r [Record<'r>],
    pagination: &'r Pagination,
) -> impl fmt::Display + 'r {
    ListJson {
        records,
        pagination,
    }
}

struct ListJson<'r> {
    records: &'r [Record<'r>],
    pagination: &'r Pagination,
}

impl fmt::Display for ListJson<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("{\"cdrs\":[")?;
        for (i, r) in self.records.iter().enumerate() {
            if i > 0 {
                f.write_char(',')?;
            }
            write!(f, "{r}")?;
        }
        write!(f, "],\"pagination\":{}}}", self.pagination)
    }
}

/// The detail reply `{"cdr":{…},"call_flow":[…]}`.
pub fn detail_json<'r>(record: &'r Record<'r>, flow: &'r [FlowStep<'r>]) -> impl fmt::Display + 'r {
    DetailJson { record, flow }
}

struct DetailJson<'r> {
    record: &'r Record<'r>,
    flow: &'r [FlowStep<'r>],
}

impl fmt::Display for DetailJson<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{{\"cdr\":{},\"call_flow\":[", self.record)?;
        for (i, s) in self.flow.iter().enumerate() {
            if i > 0 {
                f.write_char(',')?;
            }
            write!(f, "{s}")?;
        }
        f.write_str("]}")
    }
}

#[cfg(test)]
mod tests;
