//! Any operation from its parameters as texts — what a form, a command
//! line, a keyword argument or a C array gives — checked against the
//! operation's row ([`super::operations`]), written as the request the
//! vendor's page documents, and its reply read into the operation's typed
//! [`Success`] or a [`Failure`]. The eight operations with a typed
//! request of their own ([`Request`]) are written by it; every other one
//! by the row alone.
//!
//! ```
//! use santral::api::{Call, Method, Operation, Success};
//! use santral::diag::Collector;
//!
//! let key = santral::api::SAMPLE_KEY;
//! let params = [("call_uuid", "f3797dfc-a818-11e7-bf70-cb295b6663ce"), ("user_number", "1000")];
//! let call = Call::new(Operation::Transfer, key, &params);
//! let mut sink: Collector<8> = Collector::new();
//! assert!(call.check(&mut sink));
//! assert_eq!(call.method(), Method::Get);
//! assert_eq!(
//!     call.target().to_string(),
//!     "/transfer/f3797dfc-a818-11e7-bf70-cb295b6663ce?user_number=1000&key=K12345678-1234-5678-4321-123456789012"
//! );
//! assert_eq!(Operation::Transfer.read_reply(200, b"+OK", &mut sink), Ok(Success::Ok));
//!
//! let bad = [("call_uuid", "f3797dfc"), ("user_numbr", "1000")];
//! let mut sink: Collector<8> = Collector::new();
//! assert!(!Call::new(Operation::Transfer, key, &bad).check(&mut sink));
//! let codes: Vec<_> = sink.diagnostics().iter().map(|d| d.code.id()).collect();
//! assert_eq!(codes, ["api.unknown_param", "api.missing_param"]);
//! assert_eq!(sink.diagnostics()[0].suggestion, Some("user_number"));
//! ```

use core::fmt;

use super::operations::{Kind, Param, Place, Rule, Spec, SOUND_EXTENSIONS};
use super::records::Records;
use super::{Method, Operation, Request, Success};
use crate::cdr::{Query, RecordingFilter};
use crate::crm::Update;
use crate::diag::{Code, Counting, Diagnostic, Error, Path, Sink, Span};
use crate::event::Direction;
use crate::form::Encode;
use crate::json::JsonStr;
use crate::lexical::{ApiKey, CallUuid, Email, Extension, Id, OnOff, Url};
use crate::originate::Originate;
use crate::phone::{Format, Options as PhoneOptions, Phone};
use crate::response::{classify, Expect, Failure};
use crate::time::{Date, Timestamp, Zone};

/// One request of any operation: the key and the parameters as texts
/// (an empty value counts as not given).
#[derive(Clone, Copy, Debug)]
pub struct Call<'a> {
    /// The operation.
    pub op: Operation,
    /// The API key.
    pub key: &'a str,
    /// `(name, value)` pairs, as the vendor names them.
    pub params: &'a [(&'a str, &'a str)],
}

impl<'a> Call<'a> {
    /// A call of `op`.
    pub const fn new(op: Operation, key: &'a str, params: &'a [(&'a str, &'a str)]) -> Call<'a> {
        Call { op, key, params }
    }

    /// The value given for `name` (the first; empty counts as absent).
    pub fn get(&self, name: &str) -> Option<&'a str> {
        self.params
            .iter()
            .find(|(n, v)| *n == name && !v.is_empty())
            .map(|(_, v)| *v)
    }

    /// The value sent for `name`: the key, or a given parameter.
    fn value_of(&self, name: &str) -> Option<&'a str> {
        if name == "key" {
            Some(self.key)
        } else {
            self.get(name)
        }
    }

    /// The method.
    pub fn method(&self) -> Method {
        self.op.spec().method
    }

    /// Checks every parameter against the row — unknown names (with the
    /// closest as a suggestion), missing required ones, each value's
    /// rule, the documented rules between them — and, for the operations
    /// with a typed request, that request's own rules (a campaign's every
    /// problem, a CDR range's 31 days). Every problem goes to `sink`;
    /// true when none is an error.
    pub fn check<S: Sink>(&self, sink: &mut S) -> bool {
        let mut tee = Counting::new(sink);
        let spec = self.op.spec();
        let names = Names(spec);
        for (name, _) in self.params {
            if spec.param(name).filter(|p| p.name != "key").is_none() {
                let mut d = Diagnostic::new(Code::ApiUnknownParam, Span::new(0, 0))
                    .with_path(Path::named(name));
                d.suggestion = names.suggest(name);
                let _ = tee.report(d);
            }
        }
        // A typed request checks its own values (as it always has); the
        // rows' rules explain why the others, or one that did not read
        // into it, are refused.
        let typed = self.typed();
        match typed {
            Some(request) => {
                request.check(&mut tee);
            }
            None => self.check_values(spec, &mut tee),
        }
        for p in spec.params.iter().filter(|p| p.required && p.name != "key") {
            if self.get(p.name).is_none() {
                let _ = tee.report(Diagnostic::field(
                    Error::new(Code::ApiMissingParam, Span::new(0, 0)),
                    p.name,
                ));
            }
        }
        for rule in spec.rules {
            let Rule::RequiredWhen { field, when, value } = *rule;
            let triggered = self
                .get(when)
                .is_some_and(|v| value.is_none_or(|want| v == want));
            if triggered && self.get(field).is_none() {
                let _ = tee.report(Diagnostic::field(
                    Error::new(Code::ApiRequiredWhen, Span::new(0, 0)),
                    field,
                ));
            }
        }
        tee.errors == 0
    }

    /// Each given value against its parameter's kind, and the key.
    fn check_values<S: Sink>(&self, spec: &Spec, sink: &mut S) {
        for (i, (name, value)) in self.params.iter().enumerate() {
            let Some(param) = spec.param(name).filter(|p| p.name != "key") else {
                continue;
            };
            let repeated = self.params.iter().take(i).any(|(n, _)| n == name);
            if value.is_empty() || repeated {
                continue;
            }
            if let Err(e) = check_value(param.kind, value) {
                let _ = sink.report(Diagnostic::from_error(
                    e,
                    0,
                    value.as_bytes(),
                    Path::key(param.name),
                ));
            }
        }
        if spec.op != Operation::CreateCampaign {
            if let Err(e) = ApiKey::parse(self.key) {
                let _ = sink.report(Diagnostic::field(e, "key"));
            }
        }
    }

    /// The typed request of the eight operations that have one, when the
    /// parameters read into it (else `None`: [`check`](Self::check) says
    /// why).
    pub fn typed(&self) -> Option<Request<'a>> {
        let key = self.key;
        let id = || self.get("id").and_then(|s| Id::parse(s).ok());
        let phone = |name| {
            self.get(name)
                .map(|s| Phone::parse_with(s, PhoneOptions::DEFAULT).ok())
        };
        let on_off = |name| given(self.get(name).map(|s| OnOff::parse(s).ok()));
        let number = |name| given(self.get(name).map(|s| s.parse::<u32>().ok()));
        let boolean = |name| given(self.get(name).map(|s| parse_bool(s).ok()));
        Some(match self.op {
            Operation::CreateCampaign => Request::CreateCampaign {
                body: self.get("body")?,
            },
            Operation::DeleteCampaign => Request::DeleteCampaign { key, id: id()? },
            Operation::SetCampaignStatus => Request::SetCampaignStatus {
                key,
                id: id()?,
                status: on_off("status")??,
            },
            Operation::GetCrmSettings => Request::GetCrmSettings { key },
            Operation::UpdateCrmSettings => Request::UpdateCrmSettings(Update {
                key,
                ringing: on_off("ringing")?,
                answered: on_off("answered")?,
                hangup: on_off("hangup")?,
                notification_url: self.get("notification_url").unwrap_or(""),
            }),
            Operation::Originate => {
                let extension = Extension::parse(self.get("extension")?).ok()?;
                let mut o = Originate::new(key, extension, phone("destination")??);
                o.caller_id = given(phone("caller_id"))?;
                o.manual_answer = boolean("manual_answer")?.unwrap_or(false);
                o.timeout = number("timeout")?;
                let announcement = |name| given(self.get(name).map(|s| Id::parse(s).ok()));
                o.announcement_to_callee = announcement("announcement_to_callee")?;
                o.announcement_to_caller = announcement("announcement_to_caller")?;
                Request::Originate(o)
            }
            Operation::ListCdrs => {
                let stamp = |name| given(self.get(name).map(|s| Timestamp::parse(s).ok()));
                Request::ListCdrs(Query {
                    start_stamp_from: stamp("start_stamp_from")?,
                    start_stamp_to: stamp("start_stamp_to")?,
                    recording_present: given(
                        self.get("recording_present")
                            .map(|s| RecordingFilter::parse(s).ok()),
                    )?,
                    direction: given(self.get("direction").map(|s| Direction::parse(s).ok()))?,
                    caller_id_number: self.get("caller_id_number"),
                    missed: boolean("missed")?,
                    destination_number: self.get("destination_number"),
                    queue: self.get("queue"),
                    limit: number("limit")?,
                    page: number("page")?,
                    ..Query::new(key)
                })
            }
            Operation::GetCdr => Request::GetCdr {
                key,
                call_uuid: CallUuid::parse(self.get("call_uuid")?).ok()?,
            },
            _ => return None,
        })
    }

    /// The path and percent-encoded query, to append to the base URL.
    pub fn target(&self) -> impl fmt::Display + '_ {
        Target(*self)
    }

    /// `Content-Type` of the body, `None` when there is none.
    pub fn content_type(&self) -> Option<&'static str> {
        if let Some(r) = self.typed() {
            return r.content_type();
        }
        match self.op.spec().body_place() {
            Some(Place::Json) => Some("application/json"),
            Some(_) => Some("application/x-www-form-urlencoded"),
            None => None,
        }
    }

    /// The body (empty when [`content_type`](Self::content_type) is `None`).
    pub fn body(&self) -> impl fmt::Display + '_ {
        Body(*self)
    }

    /// Method and target with the key masked, for a log line (the body,
    /// which may carry personal data or the key, is never shown).
    pub fn redacted(&self) -> impl fmt::Display + '_ {
        Redacted(*self)
    }
}

/// A parameter that was not given (`Some(None)`), given and read
/// (`Some(Some(v))`), or given and not read (`None`).
fn given<T>(read: Option<Option<T>>) -> Option<Option<T>> {
    match read {
        None => Some(None),
        Some(v) => v.map(Some),
    }
}

/// A parameter's value against its kind.
pub fn check_value(kind: Kind, value: &str) -> Result<(), Error> {
    let whole = Span::new(0, value.len());
    let err = |code| Error::new(code, whole);
    match kind {
        Kind::Key => ApiKey::parse(value).map(drop),
        Kind::Extension => Extension::parse(value).map(drop),
        Kind::ExtensionList => each(value, |item| Extension::parse(item).map(drop)),
        Kind::CallUuid => CallUuid::parse(value).map(drop),
        Kind::Phone => {
            let phone = Phone::parse_with(value, PhoneOptions::DEFAULT)?;
            if phone.is_extension() {
                return Err(err(Code::PhoneExtensionNotAllowed));
            }
            phone.format(Format::Wire).map(drop)
        }
        Kind::PhoneText => Phone::parse_with(value, PhoneOptions::DEFAULT).map(drop),
        Kind::OnOff => OnOff::parse(value).map(drop),
        Kind::Bool => parse_bool(value).map(drop),
        Kind::Id => Id::parse(value).map(drop),
        Kind::IdList => each(value, |item| Id::parse(item).map(drop)),
        Kind::Range(min, max) => match value.parse::<u32>() {
            Ok(n) if (min..=max).contains(&n) => Ok(()),
            _ => Err(err(Code::ApiRange)),
        },
        Kind::Text(max) => {
            let long = value.chars().count() > usize::from(max);
            if long || value.chars().any(char::is_control) {
                Err(err(Code::ApiText))
            } else {
                Ok(())
            }
        }
        Kind::Stamp => {
            let t = Timestamp::parse(value)?;
            if t.zone == Zone::Utc {
                Ok(())
            } else {
                Err(err(Code::CdrFilterZone))
            }
        }
        Kind::Date => parse_day(value).map(drop).ok_or(err(Code::ApiDate)),
        Kind::Choice(names) => {
            if names.contains(&value) {
                Ok(())
            } else {
                let mut e = err(Code::ApiChoice);
                e.suggestion = crate::lexical::suggest(value, names);
                Err(e)
            }
        }
        Kind::Url => Url::parse(value).map(drop),
        Kind::Email => Email::parse(value).map(drop),
        Kind::DataUrl { sound } => check_data_url(value, sound),
        // The campaign reader checks it (in `check`, through the request).
        Kind::JsonDocument => Ok(()),
    }
}

/// `true` or `false`.
pub fn parse_bool(s: &str) -> Result<bool, Error> {
    match s {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(Error::new(Code::ApiBoolean, Span::new(0, s.len()))),
    }
}

/// `dd.mm.yyyy` as a calendar day.
pub fn parse_day(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    let digits = |r: core::ops::Range<usize>| -> Option<u32> {
        let part = b.get(r)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0')))
    };
    if b.len() != 10 || b.get(2) != Some(&b'.') || b.get(5) != Some(&b'.') {
        return None;
    }
    Date::from_ymd(digits(6..10)?, digits(3..5)?, digits(0..2)?)
}

/// Checks each comma-separated item of a list, at its own span.
fn each(value: &str, check: impl Fn(&str) -> Result<(), Error>) -> Result<(), Error> {
    let mut at = 0;
    for item in value.split(',') {
        check(item).map_err(|mut e| {
            e.span = e.span.offset(at);
            e
        })?;
        at += item.len() + 1;
    }
    Ok(())
}

/// `data:<type>[;name:<name>];base64,<data>`: a sound file wants a sound
/// type (by its name's extension, else its MIME subtype), the URL-safe
/// alphabet and no line breaks.
fn check_data_url(value: &str, sound: bool) -> Result<(), Error> {
    let whole = Error::new(Code::ApiDataUrl, Span::new(0, value.len()));
    let rest = value.strip_prefix("data:").ok_or(whole)?;
    let (head, data) = rest.split_once(";base64,").ok_or(whole)?;
    let start = value.len() - data.len();
    if data.is_empty() {
        return Err(whole);
    }
    let url_safe = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'=');
    let standard = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=');
    if let Some(at) = data
        .bytes()
        .position(|b| !(url_safe(b) || (!sound && standard(b))))
    {
        return Err(Error::new(
            Code::ApiBase64,
            Span::new(start + at, start + at + 1),
        ));
    }
    if sound {
        let (mime, name) = match head.split_once(";name:") {
            Some((m, n)) => (m, Some(n)),
            None => (head, None),
        };
        let ext = match name {
            Some(n) => n.rsplit_once('.').map(|(_, e)| e),
            None => mime.split_once('/').map(|(_, e)| e),
        };
        let known = ext.is_some_and(|e| SOUND_EXTENSIONS.iter().any(|s| s.eq_ignore_ascii_case(e)));
        if !known {
            return Err(Error::new(
                Code::ApiSoundFormat,
                Span::new(5, 5 + head.len()),
            ));
        }
    }
    Ok(())
}

/// The names an operation takes, for a suggestion.
struct Names(&'static Spec);

impl Names {
    fn suggest(&self, word: &str) -> Option<&'static str> {
        let mut names = [""; 32];
        let mut n = 0;
        for (slot, p) in names
            .iter_mut()
            .zip(self.0.params.iter().filter(|p| p.name != "key"))
        {
            *slot = p.name;
            n += 1;
        }
        crate::lexical::suggest(word, names.get(..n).unwrap_or(&[]))
    }
}

/// Writes a value as santral sends it: a phone to be called in its wire
/// form (`90…`/`00…`), anything else as given.
fn write_value(
    f: &mut fmt::Formatter<'_>,
    kind: Kind,
    value: &str,
    out: impl Fn(&mut fmt::Formatter<'_>, &str) -> fmt::Result,
) -> fmt::Result {
    if kind == Kind::Phone {
        if let Ok(p) = Phone::parse_with(value, PhoneOptions::DEFAULT) {
            if let Ok(w) = p.format(Format::Wire) {
                let mut buf = [0u8; 40];
                if let Ok(s) = crate::write::write_into(&mut buf, w) {
                    return out(f, s);
                }
            }
        }
    }
    out(f, value)
}

/// `name=value&…` of the parameters travelling in `place` (the key at
/// its place among them).
fn pairs(f: &mut fmt::Formatter<'_>, call: &Call<'_>, place: Place, redact: bool) -> fmt::Result {
    let mut first = true;
    for p in call.op.spec().params.iter().filter(|p| p.place == place) {
        let Some(value) = call.value_of(p.name) else {
            continue;
        };
        if !first {
            f.write_str("&")?;
        }
        first = false;
        write!(f, "{}=", p.name)?;
        if redact && p.name == "key" {
            write!(f, "{}", super::MaskedKey(value))?;
            continue;
        }
        write_value(f, p.kind, value, |f, s| write!(f, "{}", Encode(s)))?;
    }
    Ok(())
}

struct Target<'a>(Call<'a>);

impl fmt::Display for Target<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let call = &self.0;
        if let Some(r) = call.typed() {
            return write!(f, "{}", r.target());
        }
        write_target(f, call, false)
    }
}

/// The path and query of an operation without a typed request; the key
/// masked when `redact`.
fn write_target(f: &mut fmt::Formatter<'_>, call: &Call<'_>, redact: bool) -> fmt::Result {
    {
        let spec = call.op.spec();
        // The path, each `{name}` replaced by its value.
        let mut rest = spec.path;
        while let Some((before, after)) = rest.split_once('{') {
            f.write_str(before)?;
            let (name, tail) = after.split_once('}').unwrap_or((after, ""));
            write!(f, "{}", Encode(call.get(name).unwrap_or("")))?;
            rest = tail;
        }
        f.write_str(rest)?;
        let has_query = spec
            .params
            .iter()
            .any(|p| p.place == Place::Query && (p.name == "key" || call.get(p.name).is_some()));
        if has_query {
            f.write_str("?")?;
            pairs(f, call, Place::Query, redact)?;
        }
        Ok(())
    }
}

struct Body<'a>(Call<'a>);

impl fmt::Display for Body<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let call = &self.0;
        if let Some(r) = call.typed() {
            return write!(f, "{}", r.body());
        }
        match call.op.spec().body_place() {
            Some(Place::Form) => pairs(f, call, Place::Form, false),
            Some(Place::Json) => json_body(f, call),
            _ => Ok(()),
        }
    }
}

/// `{"key":"…","name":"…",…}`: every value a JSON string as the pages
/// show them, a list of ids an array of numbers.
fn json_body(f: &mut fmt::Formatter<'_>, call: &Call<'_>) -> fmt::Result {
    use crate::write::write_string;
    f.write_str("{")?;
    let mut first = true;
    for p in call
        .op
        .spec()
        .params
        .iter()
        .filter(|p| p.place == Place::Json)
    {
        let value = if p.name == "key" {
            Some(call.key)
        } else {
            call.get(p.name)
        };
        let Some(value) = value else { continue };
        if !first {
            f.write_str(",")?;
        }
        first = false;
        write_string(f, p.name)?;
        f.write_str(":")?;
        if p.kind == Kind::IdList {
            f.write_str("[")?;
            for (i, item) in value.split(',').enumerate() {
                if i > 0 {
                    f.write_str(",")?;
                }
                match Id::parse(item.trim()) {
                    Ok(id) => write!(f, "{id}")?,
                    Err(_) => write_string(f, item)?,
                }
            }
            f.write_str("]")?;
        } else {
            write_value(f, p.kind, value, |f, s| write_string(f, s))?;
        }
    }
    f.write_str("}")
}

struct Redacted<'a>(Call<'a>);

impl fmt::Display for Redacted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(r) = self.0.typed() {
            return write!(f, "{}", r.redacted());
        }
        write!(f, "{} ", self.0.method())?;
        write_target(f, &self.0, true)
    }
}

/// A list reply's body with the table it is read by: stream it with
/// [`RecordList::read`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RecordList<'a> {
    /// The table.
    pub table: &'static Records,
    /// The body.
    pub body: &'a [u8],
}

impl<'a> RecordList<'a> {
    /// Streams the records ([`super::records::read`]).
    pub fn read<S: Sink>(
        &self,
        sink: &mut S,
        on_row: impl FnMut(&super::records::Row<'a>) -> core::ops::ControlFlow<()>,
    ) -> crate::cdr::ListSummary {
        super::records::read(self.table, self.body, sink, on_row)
    }
}

impl Operation {
    /// Reads a reply of this operation: its typed [`Success`], or a
    /// [`Failure`] (every status but 200; a 200 whose body is not what
    /// the operation returns is [`Failure::Other`], problems in `sink`).
    pub fn read_reply<'r, S: Sink>(
        self,
        status: u16,
        body: &'r [u8],
        sink: &mut S,
    ) -> Result<Success<'r>, Failure<'r>> {
        use super::operations::Reply as R;
        let text = super::utf8_reply(status, body)?;
        if self.has_typed_reply() {
            return super::read_typed_reply(self, status, body, sink);
        }
        let reply = self.spec().reply;
        let t = text.trim();
        let other = Failure::Other { status, text: t };
        if status != 200 {
            return match classify(status, text, Expect::Ok) {
                Err(f) => Err(f),
                Ok(_) => Err(other),
            };
        }
        match reply {
            R::Ok | R::PlusOk | R::Empty
                if t.is_empty() && reply == R::Empty
                    || t.eq_ignore_ascii_case("ok")
                    || t == "+OK" =>
            {
                Ok(Success::Ok)
            }
            R::Dnd => read_dnd(t).ok_or(other),
            R::Id => Id::parse(t).map(Success::Id).map_err(|_| other),
            R::CallUuid => CallUuid::parse(t)
                .map(Success::CallStarted)
                .map_err(|_| other),
            R::Url => read_url(t, sink).ok_or(other),
            R::Token => {
                let ok = (1..=256).contains(&t.len()) && !t.contains(char::is_whitespace);
                if ok {
                    Ok(Success::Token(t))
                } else {
                    Err(other)
                }
            }
            R::Records(table) if t.starts_with(['[', '{']) => {
                Ok(Success::Records(RecordList { table, body }))
            }
            _ => Err(other),
        }
    }

    /// True for the operations whose replies [`Request::read_reply`] reads.
    const fn has_typed_reply(self) -> bool {
        matches!(
            self,
            Operation::CreateCampaign
                | Operation::DeleteCampaign
                | Operation::SetCampaignStatus
                | Operation::GetCrmSettings
                | Operation::UpdateCrmSettings
                | Operation::Originate
                | Operation::ListCdrs
                | Operation::GetCdr
        )
    }
}

const DND_HEAD: &str = "Changed DND of ";

/// The PBX's answer to `set_dnd`, as the page writes it (what
/// [`Operation::read_reply`] reads back).
///
/// ```
/// use santral::api::dnd_reply;
/// use santral::lexical::OnOff;
/// assert_eq!(dnd_reply("1010", OnOff::On).to_string(), "Changed DND of 1010 to on.");
/// ```
pub fn dnd_reply(extension: &str, state: OnOff) -> impl fmt::Display + '_ {
    struct Dnd<'e>(&'e str, OnOff);
    impl fmt::Display for Dnd<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "{DND_HEAD}{} to {}.", self.0, self.1.as_str())
        }
    }
    Dnd(extension, state)
}

/// `Changed DND of 1010 to on.`
fn read_dnd(t: &str) -> Option<Success<'_>> {
    let rest = t.strip_prefix(DND_HEAD)?;
    let (ext, state) = rest.split_once(" to ")?;
    let state = OnOff::parse(state.strip_suffix('.').unwrap_or(state)).ok()?;
    Some(Success::Dnd {
        extension: Extension::parse(ext).ok()?,
        state,
    })
}

/// A plain URL (older pages) or `{"url": …, "expires_at": …}` (newer).
fn read_url<'r, S: Sink>(t: &'r str, sink: &mut S) -> Option<Success<'r>> {
    if !t.starts_with('{') {
        Url::parse(t).ok()?;
        return Some(Success::Url {
            url: JsonStr::plain(t)?,
            expires_at: None,
        });
    }
    let mut w = crate::json::Walker::new(t.as_bytes(), sink);
    w.begin_object()?;
    let (mut url, mut expires_at) = (None, None);
    let mut end = None;
    let mut seen = 0;
    while let Some((k, tok)) = w.next_key(&mut end) {
        let Some((i, _)) = w.known_key(k, &tok, &["url", "expires_at"], &mut seen) else {
            continue;
        };
        let s = w.string().map(|(s, _)| s);
        if i == 0 {
            url = s;
        } else {
            expires_at = s;
        }
    }
    w.finish();
    if !w.alive() {
        return None;
    }
    Some(Success::Url {
        url: url?,
        expires_at,
    })
}

impl Param {
    /// True when a face should take this parameter from its caller (the
    /// key comes from the client).
    pub fn is_argument(&self) -> bool {
        self.name != "key"
    }
}

/// A file as the data URL the PBX takes (`announcements.md`):
/// `data:<mime>;name:<percent-encoded name>;base64,<data>`, the data in
/// base64 without line breaks — the URL-safe alphabet (`-`, `_`) for a
/// sound file, as the page asks, the standard one otherwise.
///
/// ```
/// use santral::api::call::DataUrl;
/// let url = DataUrl { mime: "audio/mp3", name: Some("ses dosyası.mp3"), data: &[0xfb, 0xff, 0x01], url_safe: true };
/// assert_eq!(url.to_string(), "data:audio/mp3;name:ses%20dosyas%C4%B1.mp3;base64,-_8B");
/// ```
#[derive(Clone, Copy, Debug)]
pub struct DataUrl<'a> {
    /// The MIME type (`audio/mp3`, `application/pdf`).
    pub mime: &'a str,
    /// The file's name on disk, if any.
    pub name: Option<&'a str>,
    /// The file's bytes.
    pub data: &'a [u8],
    /// The URL-safe base64 alphabet (sound files) or the standard one.
    pub url_safe: bool,
}

impl fmt::Display for DataUrl<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use fmt::Write;
        write!(f, "data:{}", self.mime)?;
        if let Some(name) = self.name {
            write!(f, ";name:{}", Encode(name))?;
        }
        f.write_str(";base64,")?;
        let alphabet: &[u8; 64] = if self.url_safe {
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        } else {
            b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
        };
        let digit = |n: u32| char::from(alphabet.get((n & 63) as usize).copied().unwrap_or(b'A'));
        for chunk in self.data.chunks(3) {
            let b = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
            let n = b(0) << 16 | b(1) << 8 | b(2);
            f.write_char(digit(n >> 18))?;
            f.write_char(digit(n >> 12))?;
            f.write_char(if chunk.len() > 1 { digit(n >> 6) } else { '=' })?;
            f.write_char(if chunk.len() > 2 { digit(n) } else { '=' })?;
        }
        Ok(())
    }
}
