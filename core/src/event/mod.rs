//! Call events (SPEC §8, `report_event.md`): the form POSTed to the CRM
//! integration's `notification_url` on ringing, answer and hangup.
//!
//! ```
//! use santral::event::{CallEvent, Direction, EventType};
//! use santral::diag::Collector;
//!
//! let body = b"event_type=ringing&domain_id=101&direction=inbound&caller_id_number=02123205062\
//! &outbound_caller_id_number=&destination_number=1001&dialed_user=1001&call_uuid=1234\
//! &start_stamp=2016-01-01 00:00:00";
//! let mut sink: Collector<8> = Collector::new();
//! let e = CallEvent::parse(body, &mut sink).unwrap();
//! assert_eq!((e.event_type, e.direction), (EventType::Ringing, Direction::Inbound));
//! assert!(e.destination_number.unwrap().is_extension());
//! assert!(e.outbound_caller_id_number.is_none());
//! ```

mod hangup_causes;

use core::fmt;

pub use hangup_causes::HangupCause;

use crate::diag::{Code, Error, Sink, Span};
use crate::form::{
    is_verification_ping, parse_value, report, report_missing, Encoded, Fields, Form,
};
use crate::lexical::{parse_boolish, CallUuid, Id};
use crate::phone::{Options, Phone};
use crate::time::{Duration, Timestamp};

/// `event_type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EventType {
    /// `ringing`: a phone rings.
    Ringing,
    /// `answer`: the call was answered.
    Answer,
    /// `hangup`: the call ended (also the CDR notification).
    Hangup,
    /// `user_hangup`: one leg of the call ended.
    UserHangup,
}

impl EventType {
    /// The wire text.
    pub const fn as_str(self) -> &'static str {
        match self {
            EventType::Ringing => "ringing",
            EventType::Answer => "answer",
            EventType::Hangup => "hangup",
            EventType::UserHangup => "user_hangup",
        }
    }

    fn parse(s: &str) -> Result<EventType, Error> {
        let all = [
            EventType::Ringing,
            EventType::Answer,
            EventType::Hangup,
            EventType::UserHangup,
        ];
        all.into_iter()
            .find(|e| e.as_str() == s)
            .ok_or_else(|| Error {
                code: Code::EventType,
                span: Span::new(0, s.len()),
                suggestion: crate::lexical::suggest(
                    s,
                    &["ringing", "answer", "hangup", "user_hangup"],
                ),
            })
    }
}

/// `direction`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Between extensions.
    Internal,
    /// From outside.
    Inbound,
    /// To outside.
    Outbound,
}

impl Direction {
    /// The wire text.
    pub const fn as_str(self) -> &'static str {
        match self {
            Direction::Internal => "internal",
            Direction::Inbound => "inbound",
            Direction::Outbound => "outbound",
        }
    }

    /// Parses the wire text.
    pub fn parse(s: &str) -> Result<Direction, Error> {
        [Direction::Internal, Direction::Inbound, Direction::Outbound]
            .into_iter()
            .find(|d| d.as_str() == s)
            .ok_or(Error::new(Code::EventDirection, Span::new(0, s.len())))
    }
}

/// `sip_hangup_disposition`: who hung up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Disposition {
    /// The caller.
    Caller,
    /// The callee.
    Callee,
}

impl Disposition {
    /// The wire text.
    pub const fn as_str(self) -> &'static str {
        match self {
            Disposition::Caller => "caller",
            Disposition::Callee => "callee",
        }
    }
}

/// A hangup cause: one of the documented 34, or the raw text of another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cause<'a> {
    /// A documented cause.
    Known(HangupCause),
    /// An undocumented cause, kept as sent.
    Other(Encoded<'a>),
}

impl HangupCause {
    /// Finds a documented cause by its wire text.
    pub fn from_wire(s: &str) -> Option<HangupCause> {
        HangupCause::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

impl fmt::Display for HangupCause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The fields of a call event form.
pub const FIELDS: [&str; 21] = [
    "event_type",
    "domain_id",
    "direction",
    "caller_id_number",
    "outbound_caller_id_number",
    "destination_number",
    "dialed_user",
    "connected_user",
    "call_uuid",
    "start_stamp",
    "answer_stamp",
    "end_stamp",
    "duration",
    "recording_present",
    "answered",
    "queue",
    "queue_wait_duration",
    "sip_hangup_disposition",
    "hangup_cause",
    "failure_status",
    "failure_phrase",
];

/// A parsed call event. Number fields may hold extensions (the vendor's
/// inbound example has `destination_number=1001`); empty fields are `None`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CallEvent<'a> {
    /// What happened.
    pub event_type: EventType,
    /// The PBX (Bulut Santral) id.
    pub domain_id: Option<Id>,
    /// Call direction.
    pub direction: Direction,
    /// Who called.
    pub caller_id_number: Option<Phone>,
    /// The caller's outside number (empty for many calls).
    pub outbound_caller_id_number: Option<Phone>,
    /// The number called.
    pub destination_number: Option<Phone>,
    /// The extension dialled.
    pub dialed_user: Option<Phone>,
    /// The extension that answered.
    pub connected_user: Option<Phone>,
    /// The call's uuid (as sent; see [`CallUuid`]).
    pub call_uuid: Encoded<'a>,
    /// When it started.
    pub start_stamp: Option<Timestamp>,
    /// When it was answered.
    pub answer_stamp: Option<Timestamp>,
    /// When it ended.
    pub end_stamp: Option<Timestamp>,
    /// Talk time ("Konuşma süresi"), seconds or `HH:MM:SS`.
    pub duration: Option<Duration>,
    /// Whether a recording exists.
    pub recording_present: Option<bool>,
    /// Whether the callee answered (missed-call detection on hangup).
    pub answered: Option<bool>,
    /// Queue or ring group number.
    pub queue: Option<Encoded<'a>>,
    /// Time waited in the queue.
    pub queue_wait_duration: Option<Duration>,
    /// Who hung up.
    pub sip_hangup_disposition: Option<Disposition>,
    /// Why the call ended.
    pub hangup_cause: Option<Cause<'a>>,
    /// Failure code, if the call failed.
    pub failure_status: Option<Encoded<'a>>,
    /// Failure text, if the call failed.
    pub failure_phrase: Option<Encoded<'a>>,
}

impl<'a> CallEvent<'a> {
    /// Parses and validates a call-event body, reporting every problem to
    /// `sink`. `None` when an error was reported (or the body is a
    /// verification ping: check [`is_verification_ping`] first).
    pub fn parse<S: Sink>(body: &'a [u8], sink: &mut S) -> Option<CallEvent<'a>> {
        let mut counting = crate::diag::Counting::new(sink);
        let event = parse_fields(body, &mut counting);
        if counting.errors > 0 {
            None
        } else {
            event
        }
    }

    /// True when this is a verification ping rather than an event.
    pub fn is_ping(body: &[u8]) -> bool {
        is_verification_ping(body)
    }
}

fn parse_fields<'a, S: Sink>(body: &'a [u8], sink: &mut S) -> Option<CallEvent<'a>> {
    let fields = Fields::scan(Form::new(body), &FIELDS, sink);
    let mut buf = [0u8; 128];
    let get = |name: &str| fields.get(name).filter(|p| !p.value.is_empty());
    macro_rules! field {
        ($name:literal, $parse:expr) => {
            match get($name) {
                Some(pair) => parse_value(body, pair, $name, &mut buf, sink, $parse),
                None => None,
            }
        };
    }
    let phone = |s: &str| Phone::parse_with(s, Options::STRICT_OR_EXTENSION);
    let event_type = field!("event_type", EventType::parse);
    let domain_id = field!("domain_id", Id::parse);
    let direction = field!("direction", Direction::parse);
    let caller_id_number = field!("caller_id_number", phone);
    let outbound_caller_id_number = field!("outbound_caller_id_number", phone);
    let destination_number = field!("destination_number", phone);
    let extension = |s: &str| Phone::parse_with(s, Options::EXTENSION_FIRST);
    let dialed_user = field!("dialed_user", extension);
    let connected_user = field!("connected_user", extension);
    let _ = field!("call_uuid", |s| CallUuid::parse(s).map(|_| ()));
    let start_stamp = field!("start_stamp", Timestamp::parse);
    let answer_stamp = field!("answer_stamp", Timestamp::parse);
    let end_stamp = field!("end_stamp", Timestamp::parse);
    let duration = field!("duration", Duration::parse);
    let recording_present = field!("recording_present", parse_boolish);
    let answered = field!("answered", parse_boolish);
    let queue_wait_duration = field!("queue_wait_duration", Duration::parse);
    let sip_hangup_disposition = field!("sip_hangup_disposition", |s: &str| match s {
        "caller" => Ok(Disposition::Caller),
        "callee" => Ok(Disposition::Callee),
        _ => Err(Error::new(Code::EventDisposition, Span::new(0, s.len()))),
    });
    let hangup_cause = get("hangup_cause").map(|pair| {
        match HangupCause::ALL
            .into_iter()
            .find(|c| pair.value.eq_str(c.as_str()))
        {
            Some(c) => Cause::Known(c),
            None => {
                report(
                    body,
                    Error::new(Code::EventUnknownHangupCause, pair.value.span()),
                    "hangup_cause",
                    sink,
                );
                Cause::Other(pair.value)
            }
        }
    });
    // Present but empty counts as missing: `direction=` names no direction.
    for required in ["event_type", "direction", "call_uuid"] {
        if get(required).is_none() {
            report_missing(body, required, sink);
        }
    }
    Some(CallEvent {
        event_type: event_type?,
        domain_id,
        direction: direction?,
        caller_id_number,
        outbound_caller_id_number,
        destination_number,
        dialed_user,
        connected_user,
        call_uuid: get("call_uuid")?.value,
        start_stamp,
        answer_stamp,
        end_stamp,
        duration,
        recording_present,
        answered,
        queue: get("queue").map(|p| p.value),
        queue_wait_duration,
        sip_hangup_disposition,
        hangup_cause,
        failure_status: get("failure_status").map(|p| p.value),
        failure_phrase: get("failure_phrase").map(|p| p.value),
    })
}

#[cfg(test)]
mod tests;
