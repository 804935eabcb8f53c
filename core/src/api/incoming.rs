//! The PBX's side of the API: a request as received (method, target,
//! body) read into a checked [`Request`], or the [`Refusal`] the PBX
//! answers — the vendor's status and text. The vendor answers only the
//! first problem, in a fixed order: malformed JSON (`INVALID_JSON`), then
//! the key (`Gecersiz anahtar: <key>`), then the first field that breaks
//! a rule (`name can't be blank`, `<field> can't be blank`,
//! `<field> is invalid: <rule>`), in the order the message declares its
//! fields. Every diagnostic found still goes to the sink (for the log).
//!
//! What needs the PBX's state — whether campaign 112 or extension 1005
//! exists — is the caller's: it answers with the matching [`Failure`].
//!
//! ```
//! use santral::api::incoming::{read, Context, Refusal};
//! use santral::api::Request;
//! use santral::diag::Collector;
//!
//! let known = |k: &str| k == "K12345678-1234-5678-4321-123456789012";
//! let ctx = Context { today: None, is_key: &known, on_campaign: None };
//! let mut sink: Collector<8> = Collector::new();
//! let mut buf = [0u8; 256];
//! let target = "/originate?key=K12345678-1234-5678-4321-123456789012&extension=1001&destination=908505320000";
//! match read("GET", target, b"", &mut buf, &ctx, &mut sink) {
//!     Ok(Request::Originate(o)) => assert_eq!(o.extension.as_str(), "1001"),
//!     other => panic!("{other:?}"),
//! }
//! let mut buf = [0u8; 256];
//! let r = read("GET", "/originate?key=K1&extension=1001", b"", &mut buf, &ctx, &mut sink).unwrap_err();
//! assert_eq!((r.status(), r.to_string().as_str()), (400, "Gecersiz anahtar: K1"));
//! ```

use core::fmt;
use core::ops::ControlFlow;

use super::{paths, Method, Operation, Request, KEY_PARAM};
use crate::diag::{Code, Diagnostic, Path, Severity, Sink};
use crate::form::{Arena, Encoded, Fields, Form};
use crate::lexical::{ApiKey, CallUuid, Id, OnOff};
use crate::response::{field_text, Failure};
use crate::time::Date;

crate::fields! {
    /// The stop/start form (`PATCH /ivr_campaigns/{id}`).
    pub enum StatusForm {
        /// API key.
        Key = "key" required,
        /// `on` or `off`.
        Status = "status" required,
    }
}

/// What the reader needs from the PBX's state.
#[derive(Clone, Copy)]
pub struct Context<'k> {
    /// Today on the PBX's clock, for a campaign's default first day.
    pub today: Option<Date>,
    /// Whether an API key is one of this PBX's.
    pub is_key: &'k dyn Fn(&str) -> bool,
    /// Given a campaign as it is read (a PBX keeps what it needs, so the
    /// body is read once): each lead's valid phone, then the campaign's
    /// values once it is accepted.
    pub on_campaign: Option<&'k dyn CampaignReader>,
}

/// What a PBX keeps of a campaign while the reader reads it once.
pub trait CampaignReader {
    /// A lead whose phone is valid (index in `phone_list`, phone).
    fn lead(&self, index: u32, phone: crate::phone::Phone);
    /// The campaign's values, when the request is accepted.
    fn accepted(&self, campaign: &crate::campaign::Campaign<'_>);
}

impl fmt::Debug for Context<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Context")
            .field("today", &self.today)
            .finish_non_exhaustive()
    }
}

/// What the PBX answers instead of executing a request.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Refusal<'a> {
    /// One of the vendor's failures (its text borrows the request).
    Failure(Failure<'a>),
    /// `<path> can't be blank` (`blank`) or `<path> is invalid: <rule>`.
    Field {
        /// Where, as santral's diagnostics name it (`phone_list[1].phone`).
        path: Path,
        /// The field is missing or empty.
        blank: bool,
        /// The rule broken.
        reason: Code,
    },
}

impl Refusal<'_> {
    /// The HTTP status to answer with.
    pub const fn status(&self) -> u16 {
        match self {
            Refusal::Failure(f) => f.status(),
            Refusal::Field { .. } => 400,
        }
    }

    /// The stable code a client reading the answer gets
    /// ([`Failure::code`] of [`crate::response::classify`]'s result).
    pub const fn code(&self) -> Code {
        match self {
            Refusal::Failure(f) => f.code(),
            Refusal::Field { blank: true, .. } => Code::ResponseBlank,
            Refusal::Field { .. } => Code::ResponseInvalid,
        }
    }
}

impl fmt::Display for Refusal<'_> {
    /// The body to answer with.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Failure(failure) => write!(f, "{failure}"),
            Refusal::Field {
                path,
                blank,
                reason,
            } => field_text(f, path, *blank, Some(*reason).filter(|_| !blank)),
        }
    }
}

/// The endpoint a method and path name, or why there is none.
fn route<'t>(
    method: &str,
    path: &'t str,
) -> Result<(Operation, Option<&'t str>), Refusal<'static>> {
    use paths as p;
    let path = path.strip_suffix(p::JSON).unwrap_or(path);
    let (resource, id) = match path.get(1..).and_then(|rest| rest.find('/')) {
        Some(at) => (path.get(..at + 1).unwrap_or(path), path.get(at + 2..)),
        None => (path, None),
    };
    let id = id.filter(|s| !s.is_empty() && !s.contains('/'));
    let ops: &[Operation] = match (resource, id.is_some()) {
        (p::CAMPAIGNS, false) => &[Operation::CreateCampaign],
        (p::CAMPAIGNS, true) => &[Operation::DeleteCampaign, Operation::SetCampaignStatus],
        (p::CRM, false) => &[Operation::GetCrmSettings, Operation::UpdateCrmSettings],
        (p::ORIGINATE, false) => &[Operation::Originate],
        (p::CDRS, false) => &[Operation::ListCdrs],
        (p::CDRS, true) => &[Operation::GetCdr],
        _ => &[],
    };
    if ops.is_empty() || (path.len() > resource.len() && id.is_none()) {
        return Err(Refusal::Failure(Failure::NoEndpoint { status: 404 }));
    }
    ops.iter()
        .find(|op| op.method().as_str() == method)
        .map(|op| (*op, id))
        .ok_or(Refusal::Failure(Failure::NoEndpoint { status: 405 }))
}

/// The methods an endpoint answers, for a 405's `Allow` header.
///
/// ```
/// use santral::api::{incoming::allowed, Method};
/// assert_eq!(allowed("/ivr_campaigns/112"), [Some(Method::Patch), Some(Method::Delete), None, None, None]);
/// ```
pub fn allowed(path: &str) -> [Option<Method>; 5] {
    let mut out = [None; 5];
    for (slot, m) in out.iter_mut().zip(
        Method::ALL
            .iter()
            .copied()
            .filter(|m| route(m.as_str(), path).is_ok()),
    ) {
        *slot = Some(m);
    }
    out
}

/// Forwards findings to the caller's sink (until it has had enough) and
/// remembers what decides the answer.
struct Watch<'s, S: Sink> {
    inner: &'s mut S,
    inner_done: bool,
    first: Option<Diagnostic>,
    name: Option<Diagnostic>,
    syntax: bool,
}

impl<'s, S: Sink> Watch<'s, S> {
    fn new(inner: &'s mut S) -> Self {
        Watch {
            inner,
            inner_done: false,
            first: None,
            name: None,
            syntax: false,
        }
    }

    /// The refusal for the first error seen, if any.
    fn refusal<'a>(&self) -> Option<Refusal<'a>> {
        let d = self.name.or(self.first)?;
        if d.path.segments() == Path::key("name").segments() && is_blank(d.code) {
            return Some(Refusal::Failure(Failure::NameBlank));
        }
        Some(Refusal::Field {
            path: d.path,
            blank: is_blank(d.code),
            reason: d.code,
        })
    }
}

impl<S: Sink> Sink for Watch<'_, S> {
    fn report(&mut self, d: Diagnostic) -> ControlFlow<()> {
        if d.severity == Severity::Error {
            self.syntax |= is_json_syntax(d.code);
            let at_name = d.path.segments() == Path::key("name").segments();
            if at_name && self.name.is_none() {
                self.name = Some(d);
            }
            if self.first.is_none() {
                self.first = Some(d);
            }
        }
        if !self.inner_done {
            self.inner_done = self.inner.report(d).is_break();
        }
        // The answer depends on the whole pass: keep reading.
        ControlFlow::Continue(())
    }
}

/// Codes that mean "this is not JSON" (the PBX answers `INVALID_JSON`).
fn is_json_syntax(code: Code) -> bool {
    matches!(
        code,
        Code::JsonUnexpectedEnd
            | Code::JsonUnexpectedCharacter
            | Code::JsonExpectedComma
            | Code::JsonExpectedColon
            | Code::JsonExpectedKey
            | Code::JsonTrailingComma
            | Code::JsonMismatchedBracket
            | Code::JsonInvalidEscape
            | Code::JsonControlCharacter
            | Code::JsonInvalidUtf8
            | Code::JsonInvalidNumber
            | Code::JsonInvalidLiteral
            | Code::JsonTooDeep
            | Code::JsonTrailingCharacters
    )
}

/// Codes that mean "missing or empty" (`<field> can't be blank`).
fn is_blank(code: Code) -> bool {
    matches!(
        code,
        Code::JsonMissingField | Code::FormMissingField | Code::CampaignNameBlank
    )
}

/// The raw text of a key as sent (echoed in `Gecersiz anahtar: <key>`).
fn raw_text<'a>(value: Option<Encoded<'a>>) -> &'a str {
    value
        .and_then(|v| core::str::from_utf8(v.raw()).ok())
        .unwrap_or("")
}

/// Checks the key of `form` (first occurrence): present, well formed and
/// one of the PBX's; else the refusal echoing it.
fn key_of<'a>(form: &Form<'a>, ctx: &Context<'_>) -> Result<(), Refusal<'a>> {
    let value = form.get(KEY_PARAM).map(|p| p.value);
    let mut buf = [0u8; 128];
    let known = value
        .and_then(|v| v.decode_into(&mut buf).ok())
        .is_some_and(|k| ApiKey::parse(k).is_ok() && (ctx.is_key)(k));
    if known {
        Ok(())
    } else {
        Err(Refusal::Failure(Failure::InvalidKey {
            key: raw_text(value),
        }))
    }
}

/// Reads a request as received: `method` (`GET`…), `target` (the path
/// with its query, as on the request line) and `body`. Decoded texts go
/// into `buf` (a few hundred bytes hold any valid request but a campaign,
/// whose body is borrowed). Every diagnostic goes to `sink`.
pub fn read<'a, S: Sink>(
    method: &str,
    target: &'a str,
    body: &'a [u8],
    buf: &'a mut [u8],
    ctx: &Context<'_>,
    sink: &mut S,
) -> Result<Request<'a>, Refusal<'a>> {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let (op, id) = route(method, path)?;
    let query_form = Form::query(query.as_bytes());
    let mut watch = Watch::new(sink);
    let refused = |watch: &Watch<'_, S>| {
        watch.refusal().unwrap_or(Refusal::Failure(Failure::Other {
            status: 400,
            text: "",
        }))
    };
    match op {
        Operation::CreateCampaign => {
            let options = crate::campaign::Options { today: ctx.today };
            let mut on_lead = |i, p| {
                if let Some(r) = ctx.on_campaign {
                    r.lead(i, p);
                }
            };
            let c = crate::campaign::read(body, &options, &mut [], &mut watch, &mut on_lead);
            if watch.syntax {
                return Err(Refusal::Failure(Failure::InvalidJson));
            }
            let mut kbuf = [0u8; 128];
            let key = c.key.and_then(|k| crate::json::text(k, &mut kbuf));
            if !key.is_some_and(|k| (ctx.is_key)(k)) {
                let raw = c.key.and_then(|k| core::str::from_utf8(k.raw()).ok());
                return Err(Refusal::Failure(Failure::InvalidKey {
                    key: raw.unwrap_or(""),
                }));
            }
            if let Some(r) = watch.refusal() {
                return Err(r);
            }
            let body =
                core::str::from_utf8(body).map_err(|_| Refusal::Failure(Failure::InvalidJson))?;
            if let Some(r) = ctx.on_campaign {
                r.accepted(&c);
            }
            Ok(Request::CreateCampaign { body })
        }
        Operation::DeleteCampaign | Operation::GetCrmSettings | Operation::GetCdr => {
            key_of(&query_form, ctx)?;
            const NAMES: [&str; 1] = [KEY_PARAM];
            let f = Fields::scan(query_form, &NAMES, &mut watch);
            if let Some(r) = watch.refusal() {
                return Err(r);
            }
            let mut arena = Arena::new(buf);
            let key = f.value(0).and_then(|v| arena.decode(v).ok()).unwrap_or("");
            let seg = id.unwrap_or("");
            match op {
                Operation::DeleteCampaign => Id::parse(seg)
                    .map(|id| Request::DeleteCampaign { key, id })
                    .map_err(|_| Refusal::Failure(Failure::CampaignNotFound { id: seg })),
                Operation::GetCdr => CallUuid::parse(seg)
                    .map(|call_uuid| Request::GetCdr { key, call_uuid })
                    .map_err(|_| Refusal::Failure(Failure::CallNotFound { uuid: seg })),
                _ => Ok(Request::GetCrmSettings { key }),
            }
        }
        Operation::SetCampaignStatus => {
            let form = Form::new(body);
            key_of(&form, ctx)?;
            let seg = id.unwrap_or("");
            let id = Id::parse(seg)
                .map_err(|_| Refusal::Failure(Failure::CampaignNotFound { id: seg }))?;
            let f = Fields::scan(form, &StatusForm::NAMES, &mut watch);
            let mut scratch = [0u8; 16];
            let status = f.read(
                StatusForm::Status.index(),
                &mut scratch,
                &mut watch,
                OnOff::parse,
            );
            f.report_missing(StatusForm::REQUIRED, &mut watch);
            if let Some(r) = watch.refusal() {
                return Err(r);
            }
            let mut arena = Arena::new(buf);
            let key = f
                .value(StatusForm::Key.index())
                .and_then(|v| arena.decode(v).ok())
                .unwrap_or("");
            let status = status.ok_or_else(|| refused(&watch))?;
            Ok(Request::SetCampaignStatus { key, id, status })
        }
        Operation::UpdateCrmSettings => {
            key_of(&Form::new(body), ctx)?;
            let u = crate::crm::parse_update(body, buf, &mut watch);
            u.map(Request::UpdateCrmSettings)
                .ok_or_else(|| refused(&watch))
        }
        Operation::Originate => {
            key_of(&query_form, ctx)?;
            let o = crate::originate::parse_query(query.as_bytes(), buf, &mut watch);
            o.map(Request::Originate).ok_or_else(|| refused(&watch))
        }
        Operation::ListCdrs => {
            key_of(&query_form, ctx)?;
            let q = crate::cdr::parse_query(query.as_bytes(), buf, &mut watch);
            q.map(Request::ListCdrs).ok_or_else(|| refused(&watch))
        }
        // The router names only the operations above.
        _ => Err(Refusal::Failure(Failure::NoEndpoint { status: 404 })),
    }
}

/// A request the PBX takes: one of the eight operations with a typed
/// request, or any other of the table's operations, routed.
#[derive(Clone, Copy, Debug)]
#[allow(clippy::large_enum_variant)] // No allocation: held once, on the caller's stack.
pub enum Received<'a> {
    /// One of the eight, read and checked into its [`Request`].
    Typed(Request<'a>),
    /// Any other operation: its parameters under the older pages' names,
    /// each checked against its rule.
    Routed(super::route::Routed<'a>),
}

impl Received<'_> {
    /// The operation.
    pub fn operation(&self) -> Operation {
        match self {
            Received::Typed(r) => r.operation(),
            Received::Routed(r) => r.op,
        }
    }
}

/// Why the PBX refused a request: the router's verdict (no such endpoint,
/// a method the path does not answer, the key, a parameter) or the typed
/// reader's (a campaign's fields).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Refused<'a> {
    /// The router refused it.
    Route(super::route::Refused<'a>),
    /// The typed reader refused it.
    Read(Refusal<'a>),
}

impl Refused<'_> {
    /// The HTTP status to answer with.
    pub const fn status(&self) -> u16 {
        match self {
            Refused::Route(r) => r.status,
            Refused::Read(r) => r.status(),
        }
    }

    /// For a 405, the methods the path answers (the `Allow` header).
    pub fn allow(&self) -> impl Iterator<Item = Method> + '_ {
        let list: &[Option<Method>] = match self {
            Refused::Route(r) => &r.allow,
            Refused::Read(_) => &[],
        };
        list.iter().flatten().copied()
    }
}

impl fmt::Display for Refused<'_> {
    /// The body to answer with.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refused::Route(r) => write!(f, "{r}"),
            Refused::Read(r) => write!(f, "{r}"),
        }
    }
}

/// Any request of the vendor's API as the PBX receives it, in either
/// documentation dialect: routed by the operation table
/// ([`super::route::route`]: the key and the parameters from the query, a
/// form or a JSON body alike); the eight operations with a typed request
/// are then written in the older pages' form by the client's own builder
/// ([`super::Call`]) and read by [`read`], so that a campaign's fields are
/// checked as the vendor checks them. `buf` holds decoded values: give it
/// three times the target's and the body's length, and some.
///
/// ```
/// use santral::api::incoming::{receive, Context, Received};
/// use santral::api::{Operation, Request};
/// use santral::diag::Counter;
///
/// let known = |k: &str| k == "K12345678-1234-5678-4321-123456789012";
/// let ctx = Context { today: None, is_key: &known, on_campaign: None };
/// // The newer set's form: POST with JSON, the key in the query.
/// let body = br#"{"extension": "1001", "destination": "908505320000"}"#;
/// let target = "/originate?key=K12345678-1234-5678-4321-123456789012";
/// let mut buf = vec![0u8; 3 * (target.len() + body.len()) + 256];
/// match receive("POST", target, body, &mut buf, &ctx, &mut Counter::default()) {
///     Ok(Received::Typed(Request::Originate(o))) => assert_eq!(o.extension.as_str(), "1001"),
///     other => panic!("{other:?}"),
/// }
/// let mut buf = vec![0u8; 512];
/// let r = receive("GET", "/announcements?key=K12345678-1234-5678-4321-123456789012", b"", &mut buf, &ctx, &mut Counter::default());
/// assert!(matches!(r, Ok(Received::Routed(r)) if r.op == Operation::ListAnnouncements));
/// let mut buf = vec![0u8; 512];
/// let r = receive("PUT", "/originate", b"", &mut buf, &ctx, &mut Counter::default()).unwrap_err();
/// assert_eq!((r.status(), r.allow().map(|m| m.as_str()).collect::<Vec<_>>()), (405, vec!["GET", "POST"]));
/// ```
pub fn receive<'a, S: Sink>(
    method: &str,
    target: &'a str,
    body: &'a [u8],
    buf: &'a mut [u8],
    ctx: &Context<'_>,
    sink: &mut S,
) -> Result<Received<'a>, Refused<'a>> {
    use super::route::{self, MAX_PARAMS};
    let third = buf.len() / 3;
    let (routing, rest) = buf.split_at_mut(third);
    let (older, reading) = rest.split_at_mut(third);
    let rctx = route::Context { is_key: ctx.is_key };
    // The operation first, quietly: the eight's findings are reported by
    // the typed reader (else they would come twice), the others' by the
    // router — on a second pass, into the spare third of `buf`.
    // A campaign's document is read once, by the typed reader (the
    // router would walk it a first time only to name the operation).
    let path = target.split_once('?').map_or(target, |(p, _)| p);
    if matches!(route(method, path), Ok((Operation::CreateCampaign, _))) {
        return read(method, target, body, reading, ctx, sink)
            .map(Received::Typed)
            .map_err(Refused::Read);
    }
    let mut quiet = crate::diag::Counter::default();
    let routed = match route::route(method, target, body, routing, &rctx, &mut quiet) {
        // A campaign's document is the same in both sets: read as sent.
        Ok(r) if r.op == Operation::CreateCampaign => {
            return read(method, target, body, reading, ctx, sink)
                .map(Received::Typed)
                .map_err(Refused::Read);
        }
        Ok(r) if is_typed(r.op) => r,
        Ok(_) => {
            return route::route(method, target, body, older, &rctx, sink)
                .map(Received::Routed)
                .map_err(Refused::Route);
        }
        // Refused: when the request is one of the eight in the older form,
        // the typed reader's verdict, whose texts say why; else the router's.
        Err(refused) => {
            return match read(method, target, body, reading, ctx, sink) {
                Ok(r) => Ok(Received::Typed(r)),
                Err(Refusal::Failure(Failure::NoEndpoint { .. })) => {
                    let _ = route::route(method, target, body, older, &rctx, sink);
                    Err(Refused::Route(refused))
                }
                Err(r) => Err(Refused::Read(r)),
            };
        }
    };
    let op = routed.op;
    let mut params: [(&str, &str); MAX_PARAMS] = [("", ""); MAX_PARAMS];
    let mut n = 0;
    for (name, value) in routed.iter().filter(|(n, _)| *n != KEY_PARAM) {
        if let Some(slot) = params.get_mut(n) {
            *slot = (name, value);
            n += 1;
        }
    }
    let call = super::Call::new(
        op,
        routed.get(KEY_PARAM).unwrap_or(""),
        params.get(..n).unwrap_or(&[]),
    );
    let mut arena = Arena::new(older);
    let too_big = Refused::Read(Refusal::Failure(Failure::Other {
        status: 413,
        text: "",
    }));
    let older_target = arena.write(call.target()).ok_or(too_big)?;
    let older_body = arena.write(call.body()).ok_or(too_big)?;
    read(
        call.method().as_str(),
        older_target,
        older_body.as_bytes(),
        reading,
        ctx,
        sink,
    )
    .map(Received::Typed)
    .map_err(Refused::Read)
}

/// The eight operations with a typed request.
fn is_typed(op: Operation) -> bool {
    use Operation as O;
    matches!(
        op,
        O::CreateCampaign
            | O::DeleteCampaign
            | O::SetCampaignStatus
            | O::GetCrmSettings
            | O::UpdateCrmSettings
            | O::Originate
            | O::ListCdrs
            | O::GetCdr
    )
}
