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

pub use hangup_causes::HangupCause;

use core::fmt::{self, Write as _};

use crate::diag::{Code, Error, Sink};
use crate::form::{is_verification_ping, report, Encoded, Fields, Form};
use crate::lexical::{parse_boolish, CallUuid, Id};
use crate::phone::{Options, Phone};
use crate::time::{Duration, Timestamp};

crate::wire_enum! {
    /// `event_type`.
    pub enum EventType: Code::EventType {
        /// `ringing`: a phone rings.
        Ringing = "ringing",
        /// `answer`: the call was answered.
        Answer = "answer",
        /// `hangup`: the call ended (also the CDR notification).
        Hangup = "hangup",
        /// `user_hangup`: one leg of the call ended.
        UserHangup = "user_hangup",
    }
}

crate::wire_enum! {
    /// `direction`.
    pub enum Direction: Code::EventDirection {
        /// Between extensions.
        Internal = "internal",
        /// From outside.
        Inbound = "inbound",
        /// To outside.
        Outbound = "outbound",
    }
}

crate::wire_enum! {
    /// `sip_hangup_disposition`: who hung up.
    pub enum Disposition: Code::EventDisposition {
        /// The caller.
        Caller = "caller",
        /// The callee.
        Callee = "callee",
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

crate::fields! {
    /// The fields of a call event form, declared once.
    pub enum Field {
        /// `event_type`.
        EventType = "event_type" required,
        /// `domain_id`.
        DomainId = "domain_id",
        /// `direction`.
        Direction = "direction" required,
        /// `caller_id_number`.
        CallerIdNumber = "caller_id_number",
        /// `outbound_caller_id_number`.
        OutboundCallerIdNumber = "outbound_caller_id_number",
        /// `destination_number`.
        DestinationNumber = "destination_number",
        /// `dialed_user`.
        DialedUser = "dialed_user",
        /// `connected_user`.
        ConnectedUser = "connected_user",
        /// `call_uuid`.
        CallUuid = "call_uuid" required,
        /// `start_stamp`.
        StartStamp = "start_stamp",
        /// `answer_stamp`.
        AnswerStamp = "answer_stamp",
        /// `end_stamp`.
        EndStamp = "end_stamp",
        /// `duration`.
        Duration = "duration",
        /// `recording_present`.
        RecordingPresent = "recording_present",
        /// `answered`.
        Answered = "answered",
        /// `queue`.
        Queue = "queue",
        /// `queue_wait_duration`.
        QueueWaitDuration = "queue_wait_duration",
        /// `sip_hangup_disposition`.
        SipHangupDisposition = "sip_hangup_disposition",
        /// `hangup_cause`.
        HangupCause = "hangup_cause",
        /// `failure_status`.
        FailureStatus = "failure_status",
        /// `failure_phrase`.
        FailurePhrase = "failure_phrase",
    }
}

impl Field {
    /// What the field holds (the faces' types and the OpenAPI schema come
    /// from it).
    pub const fn shape(self) -> crate::wire::Shape {
        use crate::wire::Shape as S;
        use Field as F;
        match self {
            F::EventType => S::Choice(EventType::NAMES),
            F::Direction => S::Choice(Direction::NAMES),
            F::DomainId => S::Id,
            F::CallerIdNumber
            | F::OutboundCallerIdNumber
            | F::DestinationNumber
            | F::DialedUser
            | F::ConnectedUser => S::Phone,
            F::CallUuid | F::Queue | F::FailureStatus | F::FailurePhrase => S::Text,
            F::StartStamp | F::AnswerStamp | F::EndStamp => S::Timestamp,
            F::Duration | F::QueueWaitDuration => S::Duration,
            F::RecordingPresent | F::Answered => S::Boolish,
            F::SipHangupDisposition => S::Choice(Disposition::NAMES),
            F::HangupCause => S::Open(HangupCause::NAMES),
        }
    }
}

/// The fields of a call event form (the wire names of [`Field`]).
pub const FIELDS: [&str; 21] = Field::NAMES;

/// A parsed call event. Number fields may hold extensions (the vendor's
/// inbound example has `destination_number=1001`); empty fields are `None`.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
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
        if crate::form::report_ping(body, &mut counting) {
            return None;
        }
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

    /// What makes this event one event: its call and its type
    /// (`answer:651f8a68-…`). A receiver that has seen the key treats the
    /// body as a resend; a sink downstream gets it as an idempotency key.
    ///
    /// ```
    /// use santral::event::CallEvent;
    /// let mut sink = santral::diag::Counter::default();
    /// let e = CallEvent::parse(b"event_type=answer&direction=inbound&call_uuid=ab%2D1", &mut sink).unwrap();
    /// assert_eq!(e.idempotency_key().to_string(), "answer:ab-1");
    /// ```
    pub fn idempotency_key(&self) -> impl fmt::Display + '_ {
        EventKey(self)
    }
}

impl CallEvent<'_> {
    /// The event as JSON, for a sink that is not the PBX's own format:
    /// `kind` (`call_event`), `idempotency_key`, then every field by its
    /// wire name — numbers normalised (`+905321234567`, an extension as
    /// itself), stamps as on the wire, durations in seconds, absent
    /// fields `null`, `hangup_cause_tr` beside a documented cause.
    ///
    /// ```
    /// use santral::event::CallEvent;
    /// let mut sink = santral::diag::Counter::default();
    /// let e = CallEvent::parse(b"event_type=hangup&direction=inbound&caller_id_number=05321234567&call_uuid=u1&duration=65&answered=true&hangup_cause=NORMAL_CLEARING", &mut sink).unwrap();
    /// let json = e.json().to_string();
    /// assert!(json.starts_with(r#"{"kind":"call_event","idempotency_key":"hangup:u1","event_type":"hangup","domain_id":null,"direction":"inbound","caller_id_number":"+905321234567","#));
    /// assert!(json.contains(r#""duration":65,"#) && json.contains(r#""hangup_cause":"NORMAL_CLEARING","hangup_cause_tr":"Cevaplandı""#));
    /// ```
    pub fn json(&self) -> impl fmt::Display + '_ {
        EventJson(self)
    }
}

struct EventJson<'e, 'a>(&'e CallEvent<'a>);

use crate::phone::json_string as phone_json;
use crate::write::opt_json;

impl fmt::Display for EventJson<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Field as F;
        let e = self.0;
        let encoded = |f: &mut fmt::Formatter<'_>, v: Encoded<'_>| v.write_json_string(f);
        write!(
            f,
            "{{\"kind\":\"call_event\",\"idempotency_key\":\"{}\"",
            e.idempotency_key()
        )?;
        for field in F::ALL {
            write!(f, ",\"{}\":", field.name())?;
            match field {
                F::EventType => write!(f, "\"{}\"", e.event_type),
                F::DomainId => opt_json(f, e.domain_id, |f, v| write!(f, "{v}")),
                F::Direction => write!(f, "\"{}\"", e.direction),
                F::CallerIdNumber => opt_json(f, e.caller_id_number, phone_json),
                F::OutboundCallerIdNumber => opt_json(f, e.outbound_caller_id_number, phone_json),
                F::DestinationNumber => opt_json(f, e.destination_number, phone_json),
                F::DialedUser => opt_json(f, e.dialed_user, phone_json),
                F::ConnectedUser => opt_json(f, e.connected_user, phone_json),
                F::CallUuid => e.call_uuid.write_json_string(f),
                F::StartStamp => opt_json(f, e.start_stamp, |f, t| write!(f, "\"{t}\"")),
                F::AnswerStamp => opt_json(f, e.answer_stamp, |f, t| write!(f, "\"{t}\"")),
                F::EndStamp => opt_json(f, e.end_stamp, |f, t| write!(f, "\"{t}\"")),
                F::Duration => opt_json(f, e.duration, |f, d| write!(f, "{}", d.seconds)),
                F::RecordingPresent => opt_json(f, e.recording_present, |f, b| write!(f, "{b}")),
                F::Answered => opt_json(f, e.answered, |f, b| write!(f, "{b}")),
                F::Queue => opt_json(f, e.queue, encoded),
                F::QueueWaitDuration => {
                    opt_json(f, e.queue_wait_duration, |f, d| write!(f, "{}", d.seconds))
                }
                F::SipHangupDisposition => {
                    opt_json(f, e.sip_hangup_disposition, |f, d| write!(f, "\"{d}\""))
                }
                F::HangupCause => match e.hangup_cause {
                    Some(Cause::Known(c)) => {
                        write!(f, "\"{c}\",\"hangup_cause_tr\":\"{}\"", c.description_tr())
                    }
                    Some(Cause::Other(raw)) => raw
                        .write_json_string(f)
                        .and_then(|()| f.write_str(",\"hangup_cause_tr\":null")),
                    None => f.write_str("null,\"hangup_cause_tr\":null"),
                },
                F::FailureStatus => opt_json(f, e.failure_status, encoded),
                F::FailurePhrase => opt_json(f, e.failure_phrase, encoded),
            }?;
        }
        f.write_char('}')
    }
}

struct EventKey<'e, 'a>(&'e CallEvent<'a>);

impl fmt::Display for EventKey<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:", self.0.event_type)?;
        for b in self.0.call_uuid.bytes() {
            // Checked by the parser: a call uuid decodes to ASCII.
            f.write_char(char::from(b.unwrap_or(b'?')))?;
        }
        Ok(())
    }
}

fn parse_fields<'a, S: Sink>(body: &'a [u8], sink: &mut S) -> Option<CallEvent<'a>> {
    use Field as F;
    let f = Fields::scan(Form::new(body), &F::NAMES, sink);
    let mut buf = [0u8; 128];
    let phone = |s: &str| Phone::parse_with(s, Options::STRICT_OR_EXTENSION);
    let extension = |s: &str| Phone::parse_with(s, Options::EXTENSION_FIRST);
    let event_type = f.read(F::EventType.index(), &mut buf, sink, EventType::parse);
    let domain_id = f.read(F::DomainId.index(), &mut buf, sink, Id::parse);
    let direction = f.read(F::Direction.index(), &mut buf, sink, Direction::parse);
    let caller_id_number = f.read(F::CallerIdNumber.index(), &mut buf, sink, phone);
    let outbound_caller_id_number =
        f.read(F::OutboundCallerIdNumber.index(), &mut buf, sink, phone);
    let destination_number = f.read(F::DestinationNumber.index(), &mut buf, sink, phone);
    let dialed_user = f.read(F::DialedUser.index(), &mut buf, sink, extension);
    let connected_user = f.read(F::ConnectedUser.index(), &mut buf, sink, extension);
    let _ = f.read(F::CallUuid.index(), &mut buf, sink, |s| {
        CallUuid::parse(s).map(|_| ())
    });
    let start_stamp = f.read(F::StartStamp.index(), &mut buf, sink, Timestamp::parse);
    let answer_stamp = f.read(F::AnswerStamp.index(), &mut buf, sink, Timestamp::parse);
    let end_stamp = f.read(F::EndStamp.index(), &mut buf, sink, Timestamp::parse);
    let duration = f.read(F::Duration.index(), &mut buf, sink, Duration::parse);
    let recording_present = f.read(F::RecordingPresent.index(), &mut buf, sink, parse_boolish);
    let answered = f.read(F::Answered.index(), &mut buf, sink, parse_boolish);
    let queue_wait_duration = f.read(
        F::QueueWaitDuration.index(),
        &mut buf,
        sink,
        Duration::parse,
    );
    let sip_hangup_disposition = f.read(
        F::SipHangupDisposition.index(),
        &mut buf,
        sink,
        Disposition::parse,
    );
    let hangup_cause = f.value(F::HangupCause.index()).map(|value| {
        match HangupCause::ALL.iter().find(|c| value.eq_str(c.as_str())) {
            Some(c) => Cause::Known(*c),
            None => {
                report(
                    body,
                    Error::new(Code::EventUnknownHangupCause, value.span()),
                    F::HangupCause.name(),
                    sink,
                );
                Cause::Other(value)
            }
        }
    });
    // Present but empty counts as missing: `direction=` names no direction.
    f.report_missing(F::REQUIRED, sink);
    Some(CallEvent {
        event_type: event_type?,
        domain_id,
        direction: direction?,
        caller_id_number,
        outbound_caller_id_number,
        destination_number,
        dialed_user,
        connected_user,
        call_uuid: f.value(F::CallUuid.index())?,
        start_stamp,
        answer_stamp,
        end_stamp,
        duration,
        recording_present,
        answered,
        queue: f.value(F::Queue.index()),
        queue_wait_duration,
        sip_hangup_disposition,
        hangup_cause,
        failure_status: f.value(F::FailureStatus.index()),
        failure_phrase: f.value(F::FailurePhrase.index()),
    })
}

impl EventType {
    /// The fields an event of this type carries, as the vendor sends them
    /// (its `ringing` example; `answer` adds who answered and when;
    /// `hangup` and `user_hangup` carry all).
    pub fn fields(self) -> &'static [Field] {
        use Field as F;
        const RINGING: &[Field] = &[
            F::EventType,
            F::DomainId,
            F::Direction,
            F::CallerIdNumber,
            F::OutboundCallerIdNumber,
            F::DestinationNumber,
            F::DialedUser,
            F::CallUuid,
            F::StartStamp,
        ];
        const ANSWER: &[Field] = &[
            F::EventType,
            F::DomainId,
            F::Direction,
            F::CallerIdNumber,
            F::OutboundCallerIdNumber,
            F::DestinationNumber,
            F::DialedUser,
            F::ConnectedUser,
            F::CallUuid,
            F::StartStamp,
            F::AnswerStamp,
        ];
        match self {
            EventType::Ringing => RINGING,
            EventType::Answer => ANSWER,
            EventType::Hangup | EventType::UserHangup => Field::ALL,
        }
    }
}

impl<'a> CallEvent<'a> {
    /// An event with only its type, direction and uuid (the PBX's side,
    /// and the simulator's): set the other fields, then write it with
    /// [`CallEvent::form`]. Texts a program sets are [`Encoded::text`].
    pub const fn new(event_type: EventType, direction: Direction, call_uuid: Encoded<'a>) -> Self {
        CallEvent {
            event_type,
            domain_id: None,
            direction,
            caller_id_number: None,
            outbound_caller_id_number: None,
            destination_number: None,
            dialed_user: None,
            connected_user: None,
            call_uuid,
            start_stamp: None,
            answer_stamp: None,
            end_stamp: None,
            duration: None,
            recording_present: None,
            answered: None,
            queue: None,
            queue_wait_duration: None,
            sip_hangup_disposition: None,
            hangup_cause: None,
            failure_status: None,
            failure_phrase: None,
        }
    }

    /// The event as the PBX POSTs it: the form body in the vendor's own
    /// style — the fields of its type ([`EventType::fields`]) in the
    /// vendor's order, empty where there is no value, spaces and Turkish
    /// letters raw, only `%&=+#` and control characters escaped. Stamps
    /// are written as given (the PBX writes local time without a zone);
    /// `duration` in seconds, `queue_wait_duration` as `HH:MM:SS`. A parsed
    /// event writes its texts back as they came.
    ///
    /// ```
    /// use santral::event::{CallEvent, Direction, EventType};
    /// use santral::form::Encoded;
    /// use santral::phone::{Options, Phone};
    /// use santral::time::Timestamp;
    ///
    /// let ext = Phone::parse_with("1001", Options::EXTENSION_FIRST).unwrap();
    /// let mut e = CallEvent::new(EventType::Ringing, Direction::Inbound, Encoded::text("1234"));
    /// e.domain_id = santral::lexical::Id::new(101);
    /// e.caller_id_number = Phone::parse("02123205062").ok();
    /// e.destination_number = Some(ext);
    /// e.dialed_user = Some(ext);
    /// e.start_stamp = Timestamp::parse("2016-01-01 00:00:00").ok();
    /// let body = e.form().to_string();
    /// assert_eq!(body, "event_type=ringing&domain_id=101&direction=inbound&caller_id_number=902123205062&outbound_caller_id_number=&destination_number=1001&dialed_user=1001&call_uuid=1234&start_stamp=2016-01-01 00:00:00");
    /// let mut sink: santral::diag::Collector<4> = santral::diag::Collector::new();
    /// assert_eq!(CallEvent::parse(body.as_bytes(), &mut sink).unwrap().form().to_string(), body);
    /// ```
    pub fn form(&self) -> impl fmt::Display + '_ {
        EventForm(self)
    }
}

struct EventForm<'e, 'a>(&'e CallEvent<'a>);

impl fmt::Display for EventForm<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Field as F;
        fn opt<T: fmt::Display>(f: &mut fmt::Formatter<'_>, v: Option<T>) -> fmt::Result {
            match v {
                Some(v) => write!(f, "{v}"),
                None => Ok(()),
            }
        }
        let e = self.0;
        for (i, field) in e.event_type.fields().iter().enumerate() {
            if i > 0 {
                f.write_char('&')?;
            }
            write!(f, "{}=", field.name())?;
            let number = |p: Option<Phone>| p.map(|p| p.on_wire());
            match field {
                F::EventType => write!(f, "{}", e.event_type),
                F::DomainId => opt(f, e.domain_id),
                F::Direction => write!(f, "{}", e.direction),
                F::CallerIdNumber => opt(f, number(e.caller_id_number)),
                F::OutboundCallerIdNumber => opt(f, number(e.outbound_caller_id_number)),
                F::DestinationNumber => opt(f, number(e.destination_number)),
                F::DialedUser => opt(f, number(e.dialed_user)),
                F::ConnectedUser => opt(f, number(e.connected_user)),
                F::CallUuid => write!(f, "{}", e.call_uuid.form()),
                F::StartStamp => opt(f, e.start_stamp),
                F::AnswerStamp => opt(f, e.answer_stamp),
                F::EndStamp => opt(f, e.end_stamp),
                F::Duration => opt(f, e.duration.map(|d| d.seconds)),
                F::RecordingPresent => opt(f, e.recording_present),
                F::Answered => opt(f, e.answered),
                F::Queue => opt(f, e.queue.map(|v| v.form())),
                F::QueueWaitDuration => opt(f, e.queue_wait_duration),
                F::SipHangupDisposition => opt(f, e.sip_hangup_disposition),
                F::HangupCause => match e.hangup_cause {
                    Some(Cause::Known(c)) => write!(f, "{c}"),
                    Some(Cause::Other(raw)) => write!(f, "{}", raw.form()),
                    None => Ok(()),
                },
                F::FailureStatus => opt(f, e.failure_status.map(|v| v.form())),
                F::FailurePhrase => opt(f, e.failure_phrase.map(|v| v.form())),
            }?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
