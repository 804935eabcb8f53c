//! The receiving side, sans-IO: what to answer an HTTP request the PBX
//! (or anyone) sent to a webhook receiver, and what to hand over.
//!
//! Paths are compared with the escapes of unreserved characters decoded
//! (`/%65vents` is `/events`, `%2F` is not `/`).
//!
//! Every receiving face — the gateway (`santral serve`), the Python
//! ASGI/WSGI kit, the PHP handler, a C plugin — reads the request off its
//! server, calls [`receive`], and writes back the [`Answer`] it gets; it
//! decides nothing. The decisions, in order:
//!
//! 1. the client (the peer, or behind a trusted proxy the address it
//!    forwarded) outside the allow-list: `403`;
//! 2. a path that is none of the configured routes (under `/<secret>/`
//!    when there is a secret): `404`;
//! 3. a method the route does not take (`POST` for call events and
//!    campaign reports, `GET` for Santral Programlama): `405` with `Allow`;
//! 4. a body (or a declared `Content-Length`) over the limit: `413`;
//!    a `multipart/form-data` body (the PBX sends form-urlencoded bodies):
//!    `415`;
//! 5. the PBX's verification ping (an empty body or `{}`): `200` `OK`,
//!    nothing handed over;
//! 6. an invalid body: `400` with the core's diagnostics as JSON
//!    (`{"diagnostics":[…]}`, at most [`MAX_DIAGNOSTICS`]);
//! 7. a valid body: the typed value, handed over ([`Outcome::CallEvent`],
//!    [`Outcome::CampaignReport`]), answered [`Answer::Ok`] once the
//!    application has it ([`Answer::HandlerFailed`] when its handler
//!    failed, [`Answer::NotKept`] when it could not store it: the PBX
//!    sends it again); an advisory query: [`Outcome::Advisory`], answered
//!    by [`advisory_answer`].
//!
//! ```
//! use santral::receiver::{receive, Answer, Config, Outcome, Request};
//! let config = Config { allow: &[], ..Config::default() };
//! let ping = Request { method: "POST", path: b"/events", peer: "194.49.126.36", ..Request::default() };
//! // Outside the (here empty) allow-list.
//! assert_eq!(receive(&config, &ping).outcome.answer().map(|a| a.status()), Some(403));
//!
//! let config = Config::default(); // the vendor's addresses
//! let r = receive(&config, &ping);
//! let answer = r.outcome.answer().unwrap();
//! assert_eq!((answer.status(), answer.content_type(), answer.body().to_string().as_str()),
//!            (200, "text/plain; charset=utf-8", "OK"));
//!
//! let event = Request { body: b"event_type=answer&direction=inbound&call_uuid=u1", ..ping };
//! match receive(&config, &event).outcome {
//!     Outcome::CallEvent(e) => assert_eq!(e.idempotency_key().to_string(), "answer:u1"),
//!     other => panic!("{other:?}"),
//! }
//!
//! let bad = Request { body: b"event_type=answered", ..ping };
//! let answer = receive(&config, &bad).outcome.answer().unwrap();
//! assert_eq!(answer.status(), 400);
//! assert!(answer.body().to_string().starts_with(r#"{"diagnostics":[{"severity":"error","code":"#));
//! ```

use core::fmt;

use crate::advisory::{self, Action, AdvisoryRequest};
use crate::diag::{Diagnostic, Severity, Sink};
use crate::event::CallEvent;
use crate::form::{is_verification_ping, Encoded, Form};
use crate::net::{admit, Cidr, VENDOR_ADDRESSES};
use crate::report::CampaignReport;

/// The body limit unless configured: 1 MiB (a call event is under 2 KiB).
pub const BODY_LIMIT: usize = 1024 * 1024;

/// Where call events are POSTed unless configured.
pub const DEFAULT_EVENTS_PATH: &str = "/events";
/// Where campaign reports are POSTed unless configured.
pub const DEFAULT_REPORTS_PATH: &str = "/reports";
/// Where Santral Programlama asks (`GET`) unless configured.
pub const DEFAULT_ADVISORY_PATH: &str = "/advisory";

/// What a caller hears when the routing handler gives nothing usable,
/// unless configured: hang up. Set your operators' queue instead.
pub const DEFAULT_FALLBACK: &str = r#"{"transfer":{"target":"hangup/hangup"}}"#;

/// At most this many diagnostics in a `400`'s body.
pub const MAX_DIAGNOSTICS: usize = 64;

/// Where a receiver listens and whom it lets in. Paths are compared after
/// percent-decoding; `None` turns a route off.
#[derive(Clone, Copy, Debug)]
pub struct Config<'a> {
    /// Who may call: the vendor's addresses unless configured.
    pub allow: &'a [Cidr],
    /// Proxies whose `X-Forwarded-For` is believed (none by default).
    pub trusted_proxies: &'a [Cidr],
    /// A secret first path segment (`/<secret>/events`): the PBX signs
    /// nothing, so the allow-list and the secret are the defence.
    pub secret: Option<&'a str>,
    /// Call events (`POST`), `/events` by default.
    pub events_path: Option<&'a str>,
    /// Campaign reports (`POST`), `/reports` by default.
    pub reports_path: Option<&'a str>,
    /// Santral Programlama (`GET`), `/advisory` by default.
    pub advisory_path: Option<&'a str>,
    /// The largest body taken, [`BODY_LIMIT`] by default.
    pub body_limit: usize,
}

impl Default for Config<'static> {
    fn default() -> Self {
        Config {
            allow: &VENDOR_ADDRESSES,
            trusted_proxies: &[],
            secret: None,
            events_path: Some(DEFAULT_EVENTS_PATH),
            reports_path: Some(DEFAULT_REPORTS_PATH),
            advisory_path: Some(DEFAULT_ADVISORY_PATH),
            body_limit: BODY_LIMIT,
        }
    }
}

/// An HTTP request as it arrived.
#[derive(Clone, Copy, Debug)]
pub struct Request<'a> {
    /// `POST`, `GET`… (compared exactly, as HTTP methods are).
    pub method: &'a str,
    /// The path as on the request line (a server that decoded it already
    /// routes the same unless it decoded a reserved character such as
    /// `%2F`: pass the raw path when the server keeps it).
    pub path: &'a [u8],
    /// The query string, without `?`.
    pub query: &'a [u8],
    /// The peer as the server gives it: `127.0.0.1`, `[::1]:8080`…
    pub peer: &'a str,
    /// Every `X-Forwarded-For` line joined by `", "`; `None`: no header.
    pub forwarded_for: Option<&'a [u8]>,
    /// The `Content-Type` header, if any.
    pub content_type: Option<&'a [u8]>,
    /// The declared `Content-Length`, if any: over the limit, the body
    /// need not be read (pass it empty).
    pub content_length: Option<u64>,
    /// The body as read (at most `body_limit + 1` bytes is enough).
    pub body: &'a [u8],
}

impl Default for Request<'static> {
    fn default() -> Self {
        Request {
            method: "GET",
            path: b"/",
            query: b"",
            peer: "",
            forwarded_for: None,
            content_type: None,
            content_length: None,
            body: b"",
        }
    }
}

crate::wire_enum! {
    /// A receiver's route.
    pub enum Route {
        /// Call events (`POST`).
        Events = "events",
        /// Campaign reports (`POST`).
        Reports = "reports",
        /// Santral Programlama queries (`GET`).
        Advisory = "advisory",
    }
}

impl Route {
    /// What a value from this route is called where it is handed over:
    /// the payload kind `check` reads it as (`call-event`,
    /// `campaign-report`, `advisory-request`).
    pub fn handover(self) -> &'static str {
        match self {
            Route::Events => "call-event",
            Route::Reports => "campaign-report",
            Route::Advisory => "advisory-request",
        }
    }

    /// The method the route takes.
    pub fn method(self) -> &'static str {
        match self {
            Route::Advisory => "GET",
            Route::Events | Route::Reports => "POST",
        }
    }
}

/// What [`receive`] decided.
#[derive(Clone, Copy, Debug)]
pub struct Received<'a> {
    /// The client (see [`crate::net::admit`]); `None` when it cannot be
    /// known — refused.
    pub client: Option<core::net::IpAddr>,
    /// The route the path named, when it named one.
    pub route: Option<Route>,
    /// The answer, or what to hand over.
    pub outcome: Outcome<'a>,
}

/// Answer now, or hand a value over.
#[derive(Clone, Copy, Debug)]
pub enum Outcome<'a> {
    /// Write this answer; nothing to hand over.
    Answer(Answer<'a>),
    /// A valid call event: hand it over, then answer [`Answer::Ok`] (a
    /// resend — its `idempotency_key` seen before — is answered the same).
    CallEvent(CallEvent<'a>),
    /// A valid campaign report: as a call event.
    CampaignReport(CampaignReport<'a>),
    /// A routing query: read it with the session's digits parameter
    /// ([`AdvisoryQuery::read`]), then answer with [`advisory_answer`].
    Advisory(AdvisoryQuery<'a>),
}

impl<'a> Outcome<'a> {
    /// The answer, when there is nothing to hand over.
    pub fn answer(self) -> Option<Answer<'a>> {
        match self {
            Outcome::Answer(a) => Some(a),
            _ => None,
        }
    }
}

/// An answer: status, content type, `Allow` header and body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer<'a> {
    /// `200 OK`: a value handed over, or a resend.
    Ok,
    /// `200 OK`: a verification ping (the same bytes as [`Answer::Ok`]).
    Ping,
    /// `400`: the body (or query) is invalid; the diagnostics as JSON.
    Invalid(Invalid<'a>),
    /// `403`: the client is not allowed (or cannot be known).
    Forbidden,
    /// `404`: no such route.
    NotFound,
    /// `405`, with `Allow` naming the route's method.
    MethodNotAllowed(Route),
    /// `413`: over the body limit.
    TooLarge,
    /// `415`: a multipart body.
    UnsupportedMediaType,
    /// `408`: the body did not arrive in time (the server's timer).
    Timeout,
    /// `500`: the application's handler failed; the PBX may send it again.
    HandlerFailed,
    /// `503`: the value could not be kept; the PBX must send it again.
    NotKept,
    /// `200`, a routing response (checked JSON) for the PBX.
    Advisory(&'a str),
}

/// The `400` body's input: re-read when the body is written, so nothing
/// is stored between the decision and the answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Invalid<'a> {
    route: Route,
    input: &'a [u8],
    param_name: Option<&'a str>,
}

impl Invalid<'_> {
    /// Calls `f` with each diagnostic the answer carries (at most
    /// [`MAX_DIAGNOSTICS`]).
    pub fn for_each(&self, mut f: impl FnMut(&Diagnostic)) {
        let mut n = 0;
        let mut sink = |d: Diagnostic| {
            if n < MAX_DIAGNOSTICS {
                n += 1;
                f(&d);
            }
            core::ops::ControlFlow::Continue(())
        };
        match self.route {
            Route::Events => {
                CallEvent::parse(self.input, &mut sink);
            }
            Route::Reports => {
                CampaignReport::parse(self.input, &mut sink);
            }
            Route::Advisory => {
                AdvisoryRequest::parse(self.input, self.param_name, &mut sink);
            }
        }
    }

    /// The first error, for a log line.
    pub fn first_error(&self) -> Option<Diagnostic> {
        let mut first = None;
        self.for_each(|d| {
            if first.is_none() && d.severity == Severity::Error {
                first = Some(*d);
            }
        });
        first
    }
}

impl<'a> Answer<'a> {
    /// The status code.
    pub fn status(&self) -> u16 {
        match self {
            Answer::Ok | Answer::Ping | Answer::Advisory(_) => 200,
            Answer::Invalid(_) => 400,
            Answer::Forbidden => 403,
            Answer::NotFound => 404,
            Answer::MethodNotAllowed(_) => 405,
            Answer::Timeout => 408,
            Answer::TooLarge => 413,
            Answer::UnsupportedMediaType => 415,
            Answer::HandlerFailed => 500,
            Answer::NotKept => 503,
        }
    }

    /// The reason phrase for a status line (`Method Not Allowed`).
    pub fn reason(&self) -> &'static str {
        match self {
            Answer::Ok | Answer::Ping | Answer::Advisory(_) => "OK",
            Answer::Invalid(_) => "Bad Request",
            Answer::Forbidden => "Forbidden",
            Answer::NotFound => "Not Found",
            Answer::MethodNotAllowed(_) => "Method Not Allowed",
            Answer::Timeout => "Request Timeout",
            Answer::TooLarge => "Payload Too Large",
            Answer::UnsupportedMediaType => "Unsupported Media Type",
            Answer::HandlerFailed => "Internal Server Error",
            Answer::NotKept => "Service Unavailable",
        }
    }

    /// The `Content-Type` header.
    pub fn content_type(&self) -> &'static str {
        match self {
            Answer::Invalid(_) | Answer::Advisory(_) => "application/json",
            _ => "text/plain; charset=utf-8",
        }
    }

    /// The `Allow` header, on a `405`.
    pub fn allow(&self) -> Option<&'static str> {
        match self {
            Answer::MethodNotAllowed(route) => Some(route.method()),
            _ => None,
        }
    }

    /// The body: the reason phrase as text, the diagnostics JSON of a
    /// `400`, the routing response of an advisory answer.
    pub fn body(&self) -> impl fmt::Display + 'a {
        Body(*self)
    }
}

struct Body<'a>(Answer<'a>);

impl fmt::Display for Body<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Answer::Invalid(invalid) => {
                f.write_str("{\"diagnostics\":[")?;
                let mut result = Ok(());
                let mut first = true;
                invalid.for_each(|d| {
                    if result.is_ok() {
                        if !first {
                            result = f.write_str(",");
                        }
                        first = false;
                        result = result.and_then(|()| d.write_json(f, false));
                    }
                });
                result?;
                f.write_str("]}")
            }
            Answer::Advisory(json) => f.write_str(json),
            other => f.write_str(other.reason()),
        }
    }
}

/// What can be decided before the body is read (decisions 1–4): `Err`
/// with the answer, or `Ok` with the route, when the body is worth
/// reading. A face that has the body anyway calls [`receive`] alone.
///
/// ```
/// use santral::receiver::{head, Config, Request, Route};
/// let r = Request { method: "POST", path: b"/reports", peer: "194.49.126.36", content_length: Some(120), ..Request::default() };
/// assert_eq!(head(&Config::default(), &r).ok(), Some(Route::Reports));
/// ```
pub fn head<'a>(config: &Config<'a>, request: &Request<'a>) -> Result<Route, Received<'a>> {
    let received = receive(
        config,
        &Request {
            body: b"",
            ..*request
        },
    );
    match (received.route, received.outcome) {
        (Some(route), Outcome::Answer(Answer::Ping) | Outcome::Advisory(_)) => Ok(route),
        _ => Err(received),
    }
}

/// Decides a request: see the [module](self) for the order of decisions.
pub fn receive<'a>(config: &Config<'a>, request: &Request<'a>) -> Received<'a> {
    receive_reporting(config, request, &mut |_: Diagnostic| {
        core::ops::ControlFlow::Continue(())
    })
}

/// [`receive`], reporting to `sink` what reading the body found (a value
/// handed over may carry warnings), so a face that hands the value on
/// with its warnings reads the body once.
pub fn receive_reporting<'a, S: Sink>(
    config: &Config<'a>,
    request: &Request<'a>,
    sink: &mut S,
) -> Received<'a> {
    let admission = admit(
        request.peer,
        request.forwarded_for,
        config.allow,
        config.trusted_proxies,
    );
    let done = |route, answer| Received {
        client: admission.client,
        route,
        outcome: Outcome::Answer(answer),
    };
    if !admission.allowed {
        return done(None, Answer::Forbidden);
    }
    let Some(route) = route_of(config, request.path) else {
        return done(None, Answer::NotFound);
    };
    let route_some = Some(route);
    if request.method != route.method() {
        return done(route_some, Answer::MethodNotAllowed(route));
    }
    let declared = request
        .content_length
        .is_some_and(|n| n > config.body_limit as u64);
    if declared || request.body.len() > config.body_limit {
        return done(route_some, Answer::TooLarge);
    }
    let received = |outcome| Received {
        client: admission.client,
        route: route_some,
        outcome,
    };
    match route {
        Route::Advisory => received(Outcome::Advisory(AdvisoryQuery {
            query: request.query,
        })),
        Route::Events | Route::Reports => {
            if request.content_type.is_some_and(is_multipart) {
                return done(route_some, Answer::UnsupportedMediaType);
            }
            let body = request.body;
            if is_verification_ping(body) {
                return done(route_some, Answer::Ping);
            }
            let value = if route == Route::Events {
                CallEvent::parse(body, sink).map(Outcome::CallEvent)
            } else {
                CampaignReport::parse(body, sink).map(Outcome::CampaignReport)
            };
            received(value.unwrap_or(Outcome::Answer(Answer::Invalid(Invalid {
                route,
                input: body,
                param_name: None,
            }))))
        }
    }
}

fn is_multipart(content_type: &[u8]) -> bool {
    content_type
        .trim_ascii_start()
        .get(..19)
        .is_some_and(|m| m.eq_ignore_ascii_case(b"multipart/form-data"))
}

/// The route `path` names, percent-decoding as it compares.
fn route_of(config: &Config<'_>, path: &[u8]) -> Option<Route> {
    let mut rest = Decoded(path);
    if let Some(secret) = config.secret {
        rest = rest.strip_prefix(b"/")?.strip_prefix(secret.as_bytes())?;
    }
    [
        (config.events_path, Route::Events),
        (config.reports_path, Route::Reports),
        (config.advisory_path, Route::Advisory),
    ]
    .into_iter()
    .find_map(|(p, route)| p.filter(|p| rest.equals(p.as_bytes())).map(|_| route))
}

/// A path read with the escapes of unreserved characters decoded (RFC 3986
/// §6.2.2.2: `/%65vents` is `/events`; `%2F` stays three characters), so
/// a server that decodes paths and one that does not route alike.
#[derive(Clone, Copy)]
struct Decoded<'a>(&'a [u8]);

impl<'a> Decoded<'a> {
    /// The next decoded byte and what follows it.
    fn next(self) -> Option<(u8, Decoded<'a>)> {
        match self.0 {
            [b'%', h, l, rest @ ..] => match (hex(*h), hex(*l)) {
                (Some(h), Some(l)) if is_unreserved(h << 4 | l) => {
                    Some((h << 4 | l, Decoded(rest)))
                }
                _ => Some((b'%', Decoded(self.0.get(1..)?))),
            },
            [b, rest @ ..] => Some((*b, Decoded(rest))),
            [] => None,
        }
    }

    fn strip_prefix(mut self, prefix: &[u8]) -> Option<Decoded<'a>> {
        for want in prefix {
            let (b, rest) = self.next()?;
            if b != *want {
                return None;
            }
            self = rest;
        }
        Some(self)
    }

    fn equals(self, other: &[u8]) -> bool {
        self.strip_prefix(other)
            .is_some_and(|rest| rest.0.is_empty())
    }
}

/// RFC 3986's unreserved characters, the only ones whose escapes name the
/// same path (`%2F` is not `/`).
fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).and_then(|d| u8::try_from(d).ok())
}

/// A Santral Programlama query waiting for its session.
#[derive(Clone, Copy, Debug)]
pub struct AdvisoryQuery<'a> {
    query: &'a [u8],
}

impl<'a> AdvisoryQuery<'a> {
    /// A query string (without `?`), for a face that keeps the query
    /// between the decision and the session.
    pub fn new(query: &'a [u8]) -> Self {
        AdvisoryQuery { query }
    }

    /// The call's `uuid`, the session's key (still encoded; absent or
    /// empty: no session).
    pub fn uuid(&self) -> Option<Encoded<'a>> {
        Form::query(self.query)
            .get("uuid")
            .map(|p| p.value)
            .filter(|v| !v.is_empty())
    }

    /// Reads the query; the digits arrive under the `param_name` the
    /// session's last prompt set. `Err`: the `400` to answer.
    pub fn read(&self, param_name: Option<&'a str>) -> Result<AdvisoryRequest<'a>, Answer<'a>> {
        let mut quiet = |_: Diagnostic| core::ops::ControlFlow::Continue(());
        AdvisoryRequest::parse(self.query, param_name, &mut quiet).ok_or(Answer::Invalid(Invalid {
            route: Route::Advisory,
            input: self.query,
            param_name,
        }))
    }
}

/// What the PBX hears after a routing query, and the digits parameter
/// to remember for the call's next step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AdvisoryAnswer<'a> {
    /// `200` with the handler's response or the fallback.
    pub answer: Answer<'a>,
    param_name: ([u8; advisory::PARAM_NAME_MAX], u8),
    /// Whether the fallback was chosen (the handler failed, gave
    /// nothing, or gave a response the core rejects): worth a log line.
    pub fell_back: bool,
}

impl AdvisoryAnswer<'_> {
    /// The `param_name` the chosen response's prompt sets, to remember
    /// for the call's next step; `None`: the default, `digits`.
    pub fn param_name(&self) -> Option<&str> {
        let (buf, len) = &self.param_name;
        buf.get(..usize::from(*len))
            .and_then(|b| core::str::from_utf8(b).ok())
            .filter(|s| !s.is_empty())
    }
}

/// Chooses the answer to a routing query: the handler's `response` when
/// the core accepts it, else `fallback` (check it once at start with
/// [`advisory::parse_response`]) — never silence.
///
/// ```
/// use santral::receiver::advisory_answer;
/// let fallback = r#"{"transfer":{"target":"queue/201"}}"#;
/// let a = advisory_answer(Some(r#"{"transfer":{"target":"queue:201"}}"#), fallback);
/// assert!(a.fell_back);
/// assert_eq!(a.answer.body().to_string(), fallback);
/// ```
pub fn advisory_answer<'a>(response: Option<&'a str>, fallback: &'a str) -> AdvisoryAnswer<'a> {
    let read = |body: &'a str| {
        let mut errors = 0usize;
        let action = advisory::parse_response(body.as_bytes(), &mut |d: Diagnostic| {
            errors += usize::from(d.severity == Severity::Error);
            core::ops::ControlFlow::Continue(())
        });
        action.filter(|_| errors == 0).map(|a| {
            let mut param_name = ([0u8; advisory::PARAM_NAME_MAX], 0);
            if let Action::Prompt(p) = a {
                let mut scratch = [0u8; advisory::PARAM_NAME_MAX];
                let name = p
                    .param_name
                    .and_then(|n| crate::json::text(n, &mut scratch));
                // A checked name fits; `text` may borrow instead of copying.
                if let Some(slot) = name.and_then(|n| param_name.0.get_mut(..n.len()).zip(Some(n)))
                {
                    slot.0.copy_from_slice(slot.1.as_bytes());
                    param_name.1 = u8::try_from(slot.1.len()).unwrap_or(0);
                }
            }
            AdvisoryAnswer {
                answer: Answer::Advisory(body),
                param_name,
                fell_back: false,
            }
        })
    };
    match response.and_then(read) {
        Some(chosen) => chosen,
        None => AdvisoryAnswer {
            fell_back: true,
            ..read(fallback).unwrap_or(AdvisoryAnswer {
                answer: Answer::Advisory(fallback),
                param_name: ([0u8; advisory::PARAM_NAME_MAX], 0),
                fell_back: true,
            })
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::string::{String, ToString};

    fn at(path: &'static [u8]) -> Request<'static> {
        Request {
            method: "POST",
            path,
            peer: "194.49.126.36",
            ..Request::default()
        }
    }

    fn status(config: &Config<'_>, r: &Request<'_>) -> u16 {
        receive(config, r)
            .outcome
            .answer()
            .map_or(0, |a| a.status())
    }

    #[test]
    fn order_of_decisions() {
        let c = Config::default();
        assert_eq!(
            status(
                &c,
                &Request {
                    peer: "10.0.0.1",
                    ..at(b"/nowhere")
                }
            ),
            403
        );
        assert_eq!(
            status(
                &c,
                &Request {
                    peer: "not an address",
                    ..at(b"/events")
                }
            ),
            403
        );
        assert_eq!(status(&c, &at(b"/nowhere")), 404);
        assert_eq!(
            status(
                &c,
                &Request {
                    method: "GET",
                    ..at(b"/events")
                }
            ),
            405
        );
        assert_eq!(status(&c, &at(b"/advisory")), 405);
        let big = [b'a'; 16];
        let small = Config { body_limit: 8, ..c };
        assert_eq!(
            status(
                &small,
                &Request {
                    body: &big,
                    ..at(b"/events")
                }
            ),
            413
        );
        assert_eq!(
            status(
                &small,
                &Request {
                    content_length: Some(9),
                    ..at(b"/events")
                }
            ),
            413
        );
        let multipart = Request {
            content_type: Some(b" Multipart/Form-Data; boundary=x"),
            ..at(b"/events")
        };
        assert_eq!(status(&c, &multipart), 415);
        assert_eq!(
            status(
                &c,
                &Request {
                    body: b" {} ",
                    ..at(b"/reports")
                }
            ),
            200
        );
        assert_eq!(
            status(
                &c,
                &Request {
                    body: b"event_type=x",
                    ..at(b"/events")
                }
            ),
            400
        );
        assert!(matches!(
            receive(
                &c,
                &Request {
                    body: b"event_type=answer&direction=inbound&call_uuid=u",
                    ..at(b"/events")
                }
            )
            .outcome,
            Outcome::CallEvent(_)
        ));
        assert!(matches!(
            receive(
                &c,
                &Request {
                    method: "GET",
                    ..at(b"/advisory")
                }
            )
            .outcome,
            Outcome::Advisory(_)
        ));
    }

    #[cfg(feature = "check")]
    #[test]
    fn handover_names_are_the_check_kinds() {
        use crate::check::Kind;
        assert_eq!(Route::Events.handover(), Kind::CallEvent.as_str());
        assert_eq!(Route::Reports.handover(), Kind::CampaignReport.as_str());
        assert_eq!(Route::Advisory.handover(), Kind::AdvisoryRequest.as_str());
    }

    #[test]
    fn secret_and_escapes() {
        let c = Config {
            secret: Some("s3cr%t"),
            ..Config::default()
        };
        assert_eq!(status(&c, &at(b"/events")), 404);
        assert_eq!(status(&c, &at(b"/s3cr%t/events")), 200);
        assert_eq!(status(&c, &at(b"/s3cr%t/ev%65nts")), 200);
        assert_eq!(status(&c, &at(b"/s3cr%25t/events")), 404);
        assert_eq!(status(&c, &at(b"/s3cr%t/events/")), 404);
        assert_eq!(status(&c, &at(b"/s3cr%t")), 404);
        assert_eq!(status(&c, &at(b"/s3cr%t/events%")), 404);
        assert_eq!(status(&c, &at(b"/s3cr%t%2Fevents")), 404);
        assert_eq!(status(&c, &at(b"/s3cr%t/%2fevents")), 404);
        let off = Config {
            events_path: None,
            ..Config::default()
        };
        assert_eq!(status(&off, &at(b"/events")), 404);
    }

    #[test]
    fn invalid_body_lists_every_diagnostic() {
        let c = Config::default();
        let r = Request {
            body: b"event_type=answered&direction=sideways",
            ..at(b"/events")
        };
        let a = receive(&c, &r).outcome.answer().unwrap();
        let body = a.body().to_string();
        assert_eq!(body.matches("\"severity\"").count(), 3, "{body}");
        assert_eq!(a.content_type(), "application/json");
        let Answer::Invalid(i) = a else { panic!() };
        assert_eq!(i.first_error().unwrap().path.to_string(), "event_type");
    }

    #[test]
    fn advisory_sessions_and_fallback() {
        let q = AdvisoryQuery {
            query: b"uuid=a%2Db&cli=05321234567&cld=902120000000&step=2&code=42",
        };
        let mut buf = [0u8; 8];
        assert_eq!(q.uuid().unwrap().decode_into(&mut buf).unwrap(), "a-b");
        let r = q.read(Some("code")).unwrap();
        assert_eq!(r.step, 2);
        let fallback = r#"{"transfer":{"target":"hangup/hangup"}}"#;
        let prompt = r#"{"prompt":{"announcement_id":1,"min_digits":1,"max_digits":4,"retry_count":0,"param_name":"code"}}"#;
        let chosen = advisory_answer(Some(prompt), fallback);
        assert!(!chosen.fell_back);
        assert_eq!(chosen.param_name(), Some("code"));
        assert_eq!(
            advisory_answer(None, fallback).answer.body().to_string(),
            fallback
        );
        let mut s = String::new();
        let bad = AdvisoryQuery { query: b"step=0" }.read(None).unwrap_err();
        fmt::write(&mut s, format_args!("{}", bad.body())).unwrap();
        assert!(s.contains("advisory."), "{s}");
    }
}
