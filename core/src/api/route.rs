//! The PBX's side of every operation: a request as received — method,
//! target, body — routed to its [`Operation`] by the table's paths, and
//! its parameters read from wherever they came, in either documentation
//! dialect. The vendor's server (Rails) reads a parameter from the query
//! string, a form body or a JSON body alike; so does this: path
//! parameters over the query, the query over the body.
//!
//! The newer documentation set's forms are read into the older pages'
//! names (`POST /transfer?id=…` → `transfer` with `call_uuid`; `status`
//! `start`/`pause`/`stop` → `on`/`off`/`off`; ISO timestamps → the UTC
//! form; `voicemail_recording_url`'s `call_uuid` → `uuid`); what has no
//! older name (`content` of an announcement, a fax's `document_url`,
//! `queue`/`extension`/`action` of `queue/manage_users`) is read as an
//! extra parameter with its own rule. [`Routed::newer`] says a request
//! used the newer set's form.
//!
//! ```
//! use santral::api::route::{route, Context};
//! use santral::api::Operation;
//! use santral::diag::Counter;
//!
//! let known = |k: &str| k == "K12345678-1234-5678-4321-123456789012";
//! let ctx = Context { is_key: &known };
//! let mut buf = [0u8; 512];
//! let r = route("POST", "/transfer?key=K12345678-1234-5678-4321-123456789012&id=f3797dfc&user_number=1002", b"", &mut buf, &ctx, &mut Counter::default()).unwrap();
//! assert_eq!((r.op, r.newer, r.get("call_uuid"), r.get("user_number")), (Operation::Transfer, true, Some("f3797dfc"), Some("1002")));
//! ```

use core::fmt;

use super::call::check_value;
use super::operations::{Kind, Place, Spec};
use super::{Method, Operation};
use crate::diag::{Code, Diagnostic, Path, Sink, Span};
use crate::form::{Arena, Form};
use crate::json::{Event, Reader};
use crate::response::Failure;

/// What the router needs from the PBX's state.
#[derive(Clone, Copy)]
pub struct Context<'k> {
    /// Whether an API key is one of this PBX's.
    pub is_key: &'k dyn Fn(&str) -> bool,
}

impl fmt::Debug for Context<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Context").finish_non_exhaustive()
    }
}

/// The most parameters a request carries (a contact's 24 and the key).
pub const MAX_PARAMS: usize = 32;

/// A request routed and read: the operation, each parameter under its
/// older name (decoded), and the newer set's extra parameters.
#[derive(Clone, Copy, Debug)]
pub struct Routed<'a> {
    /// The operation.
    pub op: Operation,
    /// The request used a form only the newer documentation set shows.
    pub newer: bool,
    params: [Option<(&'static str, &'a str)>; MAX_PARAMS],
}

impl<'a> Routed<'a> {
    /// The value of parameter `name` (an older name or a newer extra).
    pub fn get(&self, name: &str) -> Option<&'a str> {
        self.params
            .iter()
            .flatten()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
    }

    /// Every parameter given, the key included.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &'a str)> + '_ {
        self.params.iter().flatten().copied()
    }

    fn set(&mut self, name: &'static str, value: &'a str) {
        if let Some(slot) = self
            .params
            .iter_mut()
            .find(|p| p.is_none_or(|(n, _)| n == name))
        {
            *slot = Some((name, value));
        }
    }
}

/// What the PBX answers instead: the status and the failure (its body).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Refused<'a> {
    /// The HTTP status (a bad key on the phonebook pages is 401).
    pub status: u16,
    /// The failure; its `Display` is the body.
    pub failure: Failure<'a>,
    /// For a 405, the methods the path answers.
    pub allow: [Option<Method>; 5],
}

impl fmt::Display for Refused<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.failure)
    }
}

/// A parameter of the newer set's form that the older pages name otherwise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Newer {
    /// The same parameter under another name.
    Alias(&'static str),
    /// A parameter the older form has not, with its rule.
    Extra(Kind),
}

/// `(operation, the newer set's name, what it is)`.
pub const NEWER: &[(Operation, &str, Newer)] = &[
    (Operation::Transfer, "id", Newer::Alias("call_uuid")),
    (Operation::VoicemailUrl, "call_uuid", Newer::Alias("uuid")),
    (Operation::FaxDocumentUrl, "id", Newer::Alias("call_uuid")),
    (
        Operation::SendFax,
        "destination",
        Newer::Alias("remote_station_id"),
    ),
    (Operation::SendFax, "document_url", Newer::Extra(Kind::Url)),
    (
        Operation::CreateAnnouncement,
        "content",
        Newer::Extra(Kind::Text(u16::MAX)),
    ),
    (
        Operation::UpdateAnnouncement,
        "content",
        Newer::Extra(Kind::Text(u16::MAX)),
    ),
    (
        Operation::SetQueueMembers,
        "queue",
        Newer::Extra(Kind::Text(64)),
    ),
    (
        Operation::SetQueueMembers,
        "extension",
        Newer::Extra(Kind::Extension),
    ),
    (
        Operation::SetQueueMembers,
        "action",
        Newer::Extra(Kind::Choice(&["add", "remove", "replace"])),
    ),
    (
        Operation::ListQueueMembers,
        "queue",
        Newer::Extra(Kind::Text(64)),
    ),
];

/// A required parameter the newer form replaces: `(operation, older
/// name, the newer names that stand for it)`.
pub const STANDS_FOR: &[(Operation, &str, &[&str])] = &[
    (Operation::CreateAnnouncement, "sounddata", &["content"]),
    (Operation::UpdateAnnouncement, "sounddata", &["content"]),
    (Operation::SendFax, "filedata", &["document_url"]),
    (Operation::ListQueueMembers, "queue_number", &["queue"]),
    (Operation::SetQueueMembers, "queue_number", &["queue"]),
    (
        Operation::SetQueueMembers,
        "user_list",
        &["extension", "action"],
    ),
    // The newer set's mute sends no state.
    (Operation::Mute, "state", &[]),
];

/// Methods and paths only the newer set shows: `(method, path template,
/// operation)`; the router reads them as the operation (the OpenAPI
/// document lists them beside it).
pub const NEWER_ROUTES: &[(Method, &str, Operation)] = &[
    (Method::Post, "/originate", Operation::Originate),
    (Method::Post, "/transfer", Operation::Transfer),
    (
        Method::Patch,
        "/announcements/{id}",
        Operation::UpdateAnnouncement,
    ),
    // The document itself rather than a URL to it (`faks.md`).
    (
        Method::Get,
        "/fax_document/{call_uuid}",
        Operation::FaxDocumentUrl,
    ),
];

/// A path without its `.json` suffix and trailing slash.
fn normal(path: &str) -> &str {
    let p = path.strip_suffix(".json").unwrap_or(path);
    let p = p.strip_suffix('/').unwrap_or(p);
    if p.is_empty() {
        "/"
    } else {
        p
    }
}

/// Whether `path` fits `template`, and its captures.
fn fits<'t>(template: &str, path: &'t str) -> Option<[Option<(&'static str, &'t str)>; 2]> {
    let mut caps = [None; 2];
    let mut t = normal(template).split('/');
    let mut p = path.split('/');
    let mut n = 0;
    loop {
        match (t.next(), p.next()) {
            (None, None) => return Some(caps),
            (Some(ts), Some(ps)) => {
                if let Some(name) = ts.strip_prefix('{').and_then(|x| x.strip_suffix('}')) {
                    if ps.is_empty() {
                        return None;
                    }
                    let name = static_name(name)?;
                    *caps.get_mut(n)? = Some((name, ps));
                    n += 1;
                } else if ts != ps {
                    return None;
                }
            }
            _ => return None,
        }
    }
}

/// The static text of a path parameter's name.
fn static_name(name: &str) -> Option<&'static str> {
    ["id", "call_uuid", "extension"]
        .into_iter()
        .find(|n| *n == name)
}

/// The operations whose path fits, each with its method (`newer` for a
/// route only the newer set shows).
fn candidates(path: &str) -> impl Iterator<Item = (Operation, Method, bool)> + '_ {
    let older = Operation::ALL.iter().filter_map(move |op| {
        let s = op.spec();
        fits(s.path, path).map(|_| (*op, s.method, false))
    });
    let newer = NEWER_ROUTES
        .iter()
        .filter(move |(_, t, _)| fits(t, path).is_some())
        .map(|(m, _, op)| (*op, *m, true));
    older.chain(newer)
}

/// The operation a path names, whatever the method: what is decided before
/// a request is read (its rate budget).
pub fn operation_at(path: &str) -> Option<Operation> {
    candidates(normal(path)).next().map(|(op, _, _)| op)
}

/// The methods `path` answers (for a 405's `Allow`).
pub fn allowed(path: &str) -> [Option<Method>; 5] {
    let path = normal(path);
    let mut out = [None; 5];
    for m in Method::ALL {
        if candidates(path).any(|(_, cm, _)| cm == *m) {
            if let Some(slot) = out.iter_mut().find(|s| s.is_none()) {
                *slot = Some(*m);
            }
        }
    }
    out
}

/// Reads a request as received. Decoded values go into `buf` (a few KB
/// hold any request but an upload, whose data is copied too: size it to
/// the body). Every finding goes to `sink`; the first problem decides the
/// refusal, in the vendor's order: the endpoint, the key, the parameters.
pub fn route<'a, S: Sink>(
    method: &str,
    target: &'a str,
    body: &'a [u8],
    buf: &'a mut [u8],
    ctx: &Context<'_>,
    sink: &mut S,
) -> Result<Routed<'a>, Refused<'a>> {
    let (raw_path, query) = target.split_once('?').unwrap_or((target, ""));
    let path = normal(raw_path);
    // A method the path does not answer — one the API never uses (TRACE)
    // included: 405 with the methods it does answer, or 404.
    let found = Method::from_wire(method).and_then(|m| {
        candidates(path)
            .find(|(_, cm, _)| *cm == m)
            .map(|(op, _, newer)| (op, newer))
    });
    let Some((op, newer_route)) = found else {
        let allow = allowed(path);
        let status = if allow[0].is_some() { 405 } else { 404 };
        return Err(Refused {
            status,
            failure: Failure::NoEndpoint { status },
            allow,
        });
    };
    let spec = op.spec();
    let mut arena = Arena::new(buf);
    let mut routed = Routed {
        op,
        newer: newer_route,
        params: [None; MAX_PARAMS],
    };
    // The body first, then the query, then the path: later ones win.
    let trimmed = body.iter().position(|b| !b.is_ascii_whitespace());
    if trimmed.and_then(|i| body.get(i)) == Some(&b'{') {
        json_params(body, spec, &mut routed, &mut arena, sink)?;
    } else if !is_form(body) {
        // Neither a JSON object nor a form (text with at least one
        // `name=value`): bytes no client writes.
        let failure = if spec.body_place() == Some(Place::Json) {
            Failure::InvalidJson
        } else {
            Failure::Other {
                status: 400,
                text: "Bad Request",
            }
        };
        return Err(Refused {
            status: 400,
            failure,
            allow: [None; 5],
        });
    } else {
        form_params(Form::new(body), spec, &mut routed, &mut arena, sink)?;
    }
    let key_in_body = routed.get("key").is_some();
    form_params(
        Form::query(query.as_bytes()),
        spec,
        &mut routed,
        &mut arena,
        sink,
    )?;
    // The key in the query where the older page sends it in the body.
    if !key_in_body && routed.get("key").is_some() && spec.key_place() != Place::Query {
        routed.newer = true;
    }
    let template = if newer_route {
        NEWER_ROUTES
            .iter()
            .find(|(_, _, o)| *o == op)
            .map_or(spec.path, |(_, t, _)| t)
    } else {
        spec.path
    };
    for (name, value) in fits(template, path).into_iter().flatten().flatten() {
        routed.set(name, value);
    }
    // The newer set's values in the older form.
    if let Some(v) = routed
        .get("status")
        .filter(|_| op == Operation::SetCampaignStatus)
    {
        let older = match v {
            "start" => Some("on"),
            "pause" | "stop" => Some("off"),
            _ => None,
        };
        if let Some(o) = older {
            routed.set("status", o);
            routed.newer = true;
        }
    }
    for p in spec.params.iter().filter(|p| p.kind == Kind::Stamp) {
        if let Some(v) = routed.get(p.name) {
            if let Some(utc) = iso_stamp(v, &mut arena) {
                routed.set(p.name, utc);
                routed.newer = true;
            }
        }
    }
    check(spec, &routed, ctx, &mut arena)?;
    if op == Operation::Mute && routed.get("state").is_none() {
        routed.newer = true;
    }
    Ok(routed)
}

/// An ISO 8601 stamp (`2025-01-01T00:00:00`, `Z` or `+03:00` or no zone,
/// read as UTC) in the older form: `2025-01-01 00:00:00 UTC` or `… +0300`.
fn iso_stamp<'a>(v: &str, arena: &mut Arena<'a>) -> Option<&'a str> {
    let b = v.as_bytes();
    if b.get(10) != Some(&b'T') || b.len() < 19 {
        return None;
    }
    let (date, time) = (v.get(..10)?, v.get(11..19)?);
    match v.get(19..)? {
        "" | "Z" => arena.write(format_args!("{date} {time} UTC")),
        zone if zone.len() == 6 && zone.as_bytes().get(3) == Some(&b':') => {
            let (h, m) = (zone.get(..3)?, zone.get(4..)?);
            arena.write(format_args!("{date} {time} {h}{m}"))
        }
        _ => None,
    }
}

/// The static name a received parameter stands for, and whether it is
/// the newer set's.
fn name_of(spec: &Spec, name: &str) -> Option<(&'static str, bool)> {
    if let Some(p) = spec.param(name) {
        return Some((p.name, false));
    }
    NEWER
        .iter()
        .find(|(op, n, _)| *op == spec.op && *n == name)
        .map(|(_, n, what)| match what {
            Newer::Alias(older) => (*older, true),
            Newer::Extra(_) => (*n, true),
        })
}

fn unknown<S: Sink>(sink: &mut S, name: &str) {
    let _ = sink.report(
        Diagnostic::new(Code::ApiUnknownParam, Span::new(0, 0)).with_path(Path::named(name)),
    );
}

fn form_params<'a, S: Sink>(
    form: Form<'a>,
    spec: &Spec,
    routed: &mut Routed<'a>,
    arena: &mut Arena<'a>,
    sink: &mut S,
) -> Result<(), Refused<'a>> {
    for pair in form.pairs() {
        let mut nbuf = [0u8; 64];
        let Ok(name) = pair.name.decode_into(&mut nbuf) else {
            continue;
        };
        let Some((canonical, newer)) = name_of(spec, name) else {
            unknown(sink, name);
            continue;
        };
        let value = arena.decode(pair.value).map_err(|_| Refused {
            status: 400,
            failure: Failure::Invalid {
                field: canonical,
                reason: None,
            },
            allow: [None; 5],
        })?;
        routed.newer |= newer;
        routed.set(canonical, value);
    }
    Ok(())
}

fn json_params<'a, S: Sink>(
    body: &'a [u8],
    spec: &Spec,
    routed: &mut Routed<'a>,
    arena: &mut Arena<'a>,
    sink: &mut S,
) -> Result<(), Refused<'a>> {
    let bad_json = Refused {
        status: 400,
        failure: Failure::InvalidJson,
        allow: [None; 5],
    };
    let mut r = Reader::new(body);
    let mut depth = 0usize;
    let mut name: Option<(&'static str, bool)> = None;
    let mut list: Option<(&'static str, usize)> = None;
    while let Some(t) = r.next_token() {
        let t = t.map_err(|_| bad_json)?;
        match t.event {
            Event::BeginObject | Event::BeginArray if depth == 1 && name.is_some() => {
                // A list only where the page shows one (a contact's groups).
                let list_kind = name
                    .and_then(|(n, _)| spec.param(n))
                    .is_none_or(|p| matches!(p.kind, Kind::IdList | Kind::ExtensionList));
                if t.event == Event::BeginObject || !list_kind {
                    let n = name.map_or("", |(n, _)| n);
                    return Err(Refused {
                        status: 400,
                        failure: invalid(spec, n, "", arena),
                        allow: [None; 5],
                    });
                }
                depth += 1;
                if t.event == Event::BeginArray {
                    list = name.map(|(n, _)| (n, t.span.start));
                }
            }
            Event::BeginObject | Event::BeginArray => depth += 1,
            Event::EndArray if depth == 2 => {
                depth -= 1;
                // A list of ids: its items joined by commas.
                if let Some((n, start)) = list.take() {
                    let raw = body.get(start..t.span.end).unwrap_or(&[]);
                    if let Some(v) = arena.write(Items(raw)) {
                        routed.set(n, v);
                    }
                }
                name = None;
            }
            Event::EndObject | Event::EndArray => depth = depth.saturating_sub(1),
            Event::Key(k) if depth == 1 => {
                let mut kbuf = [0u8; 64];
                let key = crate::json::text(k, &mut kbuf).unwrap_or("");
                name = name_of(spec, key);
                if name.is_none() {
                    unknown(sink, key);
                }
            }
            Event::String(s) if depth == 1 => {
                if let Some((n, newer)) = name.take() {
                    let v = arena.write(s).ok_or(bad_json)?;
                    routed.newer |= newer;
                    routed.set(n, v);
                }
            }
            Event::Number(_) | Event::Bool(_) if depth == 1 => {
                if let Some((n, newer)) = name.take() {
                    let raw = body.get(t.span.start..t.span.end).unwrap_or(&[]);
                    let v = core::str::from_utf8(raw).map_err(|_| bad_json)?;
                    // A number where a number may stand (an id, a count,
                    // an extension), a boolean for a boolean; any other
                    // value is a JSON string.
                    let fits = spec.param(n).is_none_or(|p| match (t.event, p.kind) {
                        (Event::Bool(_), kind) => kind == Kind::Bool,
                        (_, kind) => matches!(kind, Kind::Id | Kind::Range(..) | Kind::Extension),
                    });
                    if !fits {
                        return Err(Refused {
                            status: 400,
                            failure: invalid(spec, n, v, arena),
                            allow: [None; 5],
                        });
                    }
                    routed.newer |= newer;
                    routed.set(n, v);
                }
            }
            Event::Null if depth == 1 => name = None,
            _ => {}
        }
    }
    if !r.is_done() {
        return Err(bad_json);
    }
    Ok(())
}

/// A body a form may be, in one pass: UTF-8 without control characters
/// (line breaks and tabs aside) holding a `name=value` — or blank.
fn is_form(body: &[u8]) -> bool {
    let Ok(text) = core::str::from_utf8(body) else {
        return false;
    };
    let (mut pair, mut blank) = (false, true);
    for c in text.chars() {
        if c.is_control() && !matches!(c, '\t' | '\r' | '\n') {
            return false;
        }
        pair |= c == '=';
        blank &= c.is_ascii_whitespace();
    }
    pair || blank
}

/// The scalar items of a JSON array, joined by commas.
struct Items<'a>(&'a [u8]);

impl fmt::Display for Items<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        let mut r = Reader::new(self.0);
        while let Some(Ok(t)) = r.next_token() {
            let text = match t.event {
                Event::String(s) => s.as_str(),
                Event::Number(_) => {
                    core::str::from_utf8(self.0.get(t.span.start..t.span.end).unwrap_or(&[])).ok()
                }
                _ => None,
            };
            if let Some(text) = text {
                if !first {
                    f.write_str(",")?;
                }
                first = false;
                f.write_str(text)?;
            }
        }
        Ok(())
    }
}

/// The key, then each parameter in the order the operation declares them:
/// the first problem is the refusal (a documented text where the page
/// shows one for it).
fn check<'a>(
    spec: &'static Spec,
    routed: &Routed<'a>,
    ctx: &Context<'_>,
    arena: &mut Arena<'a>,
) -> Result<(), Refused<'a>> {
    let refuse = |status, failure| Refused {
        status,
        failure,
        allow: [None; 5],
    };
    let key = routed.get("key").unwrap_or("");
    if !(ctx.is_key)(key) {
        return Err(refuse(spec.key_status, Failure::InvalidKey { key }));
    }
    for p in spec.params.iter().filter(|p| p.name != "key") {
        let stands_for = STANDS_FOR
            .iter()
            .find(|(op, n, _)| *op == spec.op && *n == p.name)
            .map(|(_, _, alt)| *alt);
        match routed.get(p.name).filter(|v| !v.is_empty()) {
            None if p.required => {
                let covered = stands_for.is_some_and(|alt| {
                    alt.iter()
                        .all(|a| routed.get(a).is_some_and(|v| !v.is_empty()))
                });
                if !covered {
                    return Err(refuse(400, blank(spec, p.name)));
                }
            }
            None => {}
            Some(v) => {
                // The PBX reads a stamp in any zone (santral writes UTC).
                let checked = match p.kind {
                    Kind::Stamp => crate::time::Timestamp::parse(v)
                        .map(|_| ())
                        .map_err(|_| None),
                    kind => check_value(kind, v).map_err(|e| Some(e.code)),
                };
                if let Err(code) = checked {
                    return Err(refuse(
                        400,
                        documented(spec, code).unwrap_or_else(|| invalid(spec, p.name, v, arena)),
                    ));
                }
            }
        }
    }
    for (op, name, what) in NEWER {
        if *op != spec.op {
            continue;
        }
        if let (Newer::Extra(kind), Some(v)) = (what, routed.get(name)) {
            if let Err(e) = check_value(*kind, v) {
                return Err(refuse(
                    400,
                    documented(spec, Some(e.code)).unwrap_or_else(|| invalid(spec, name, v, arena)),
                ));
            }
        }
    }
    Ok(())
}

/// `<field> can't be blank`, or the page's own text for it (`number
/// required`, `missing extension`, `user_list value null or none`).
fn blank(spec: &Spec, field: &'static str) -> Failure<'static> {
    spec.failures
        .iter()
        .find(|f| f.code == Code::ResponseBlank && f.text.contains(field))
        .map_or(Failure::Blank { field }, |f| Failure::Known {
            code: f.code,
            text: f.text,
        })
}

/// The page's own failure for a value the core refused with `code`: a
/// sound file's extension (`Sound file should have one of these
/// extensions: …`), data that is not base64 (`invalid base64`).
fn documented(spec: &Spec, code: Option<Code>) -> Option<Failure<'static>> {
    let answer = match code? {
        Code::ApiSoundFormat => Code::ResponseSoundFormat,
        Code::ApiDataUrl | Code::ApiBase64 => Code::ResponseInvalidData,
        _ => return None,
    };
    spec.failure(answer).map(|f| Failure::Known {
        code: f.code,
        text: f.text,
    })
}

/// `<field> is invalid`, or the page's own text (`invalid destination: 1234`).
fn invalid<'a>(
    spec: &Spec,
    field: &'static str,
    value: &str,
    arena: &mut Arena<'a>,
) -> Failure<'a> {
    let documented = spec.failures.iter().find(|f| {
        f.code == Code::ResponseInvalid
            && f.text
                .strip_prefix("invalid ")
                .and_then(|r| r.strip_prefix(field))
                .is_some_and(|r| r.starts_with(':'))
    });
    match documented.and_then(|_| arena.write(format_args!("invalid {field}: {value}"))) {
        Some(text) => Failure::Known {
            code: Code::ResponseInvalid,
            text,
        },
        None => Failure::Invalid {
            field,
            reason: None,
        },
    }
}
