"""``santral.webhooks``: receive what the PBX sends — call events, campaign
reports, advisory routing requests — as an ASGI application (FastAPI,
Starlette, uvicorn) or a WSGI one (Flask, Django, any WSGI server)::

    from santral import webhooks

    def on_report(report: santral.CampaignReport) -> None:
        print(report.ivr_lead_id, report.digit, report.status)

    app = webhooks.asgi(on_campaign_report=on_report, allow=[*webhooks.VENDOR_ADDRESSES, "127.0.0.1/32"])

Paths (configurable): ``POST /events`` call events, ``POST /reports``
campaign reports, ``GET /advisory`` routing requests; with ``secret`` they
sit under ``/<secret>/`` (the PBX signs nothing, so the address
allow-list and the secret are the defence).

- A verification ping (empty body, ``{}``) is answered 200 and never
  reaches a handler.
- A valid body calls the handler with the typed, frozen value and is
  answered 200; an invalid one is answered 400 with the core's
  diagnostics as JSON and never reaches a handler.
- A resend (the core's idempotency key — ``call_uuid`` and event type,
  or ``notification_id`` — seen within ``dedupe_seconds``) is answered 200
  and not delivered twice. A handler that raises gets the request a 500
  (the PBX may send it again) and its key is not kept.
- A request from outside ``allow`` (default: the vendor's addresses) is
  answered 403 and logged without its body; ``X-Forwarded-For`` counts
  only from ``trusted_proxies``. (A server that rewrites the client
  address itself — uvicorn's ``--proxy-headers``, on by default for
  connections from 127.0.0.1 — decides before the kit sees it: run
  uvicorn with ``--no-proxy-headers`` and list your proxies here.)
- Advisory: the handler gets the typed ``AdvisoryRequest`` and the call's
  session (a dict kept across steps, keyed by the call's uuid, expiring)
  and returns a response built by ``santral.advisory``; when it raises,
  returns nothing or returns something the core rejects, the caller gets
  ``fallback`` (``transfer`` to ``hangup/hangup`` unless configured —
  set it to your operators' queue), never silence. The digits parameter
  a prompt names (``param_name``) is remembered for the next step.

Handlers may be plain functions or coroutines.
"""
from __future__ import annotations

import asyncio
import inspect
import json
import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Iterable, MutableMapping, Optional, Protocol, Union
from urllib.parse import unquote

from santral import AdvisoryRequest, CallEvent, CampaignReport, SantralError, WebhookError, _native, advisory
from santral.errors import AdvisoryError, from_diagnostics

__all__ = [
    "VENDOR_ADDRESSES",
    "MemorySessions",
    "SessionStore",
    "admit",
    "asgi",
    "wsgi",
]

log = logging.getLogger("santral.webhooks")


def _wsgi_bytes(value: Optional[str]) -> Optional[bytes]:
    """A WSGI header as its bytes (PEP 3333 decodes them as latin-1; the
    server has joined repeated lines)."""
    return None if value is None else value.encode("latin-1")


def _printable(text: str) -> str:
    """``text`` for a log line: control characters as ``\\xNN`` escapes."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)

VENDOR_ADDRESSES: tuple[str, ...] = tuple(_native.vendor_addresses())
"""The addresses the vendor's PBX calls from (the core's table)."""

Handler = Callable[[Any], Union[None, Awaitable[None]]]
AdvisoryHandler = Callable[[AdvisoryRequest, dict[str, Any]], Union[Optional[str], Awaitable[Optional[str]]]]


class SessionStore(Protocol):
    """Where advisory sessions live between a call's steps."""

    def load(self, uuid: str) -> Optional[dict[str, Any]]: ...

    def save(self, uuid: str, session: dict[str, Any]) -> None: ...


class MemorySessions:
    """Sessions in this process, each forgotten ``ttl`` seconds after its
    last step (a call rarely lasts an hour)."""

    def __init__(self, ttl: float = 3600.0) -> None:
        self.ttl = ttl
        self._lock = threading.Lock()
        self._items: dict[str, tuple[float, dict[str, Any]]] = {}

    def load(self, uuid: str) -> Optional[dict[str, Any]]:
        now = time.monotonic()
        with self._lock:
            self._items = {k: v for k, v in self._items.items() if v[0] > now} if len(self._items) > 1000 else self._items
            item = self._items.get(uuid)
            if item is None or item[0] <= now:
                return None
            return dict(item[1])

    def save(self, uuid: str, session: dict[str, Any]) -> None:
        with self._lock:
            self._items[uuid] = (time.monotonic() + self.ttl, dict(session))


class _Seen:
    """Idempotency keys seen recently (bounded: the oldest go first)."""

    def __init__(self, seconds: float, most: int = 100_000) -> None:
        self.seconds = seconds
        self.most = most
        self._lock = threading.Lock()
        self._keys: dict[str, float] = {}

    def has(self, key: str) -> bool:
        now = time.monotonic()
        with self._lock:
            t = self._keys.get(key)
            return t is not None and now - t < self.seconds

    def add(self, key: str) -> None:
        with self._lock:
            self._keys[key] = time.monotonic()
            while len(self._keys) > self.most:
                self._keys.pop(next(iter(self._keys)))


# The session key for the digits parameter the last prompt named.
_PARAM = "_santral_param_name"


@dataclass
class _Response:
    status: int
    body: bytes = b""
    content_type: str = "text/plain; charset=utf-8"


@dataclass
class _Delivery:
    """A valid body waiting for its handler."""

    handler: Handler
    value: Any
    key: str


@dataclass
class _Routing:
    """An advisory request waiting for its handler."""

    request: AdvisoryRequest
    session: dict[str, Any]


def _json(status: int, obj: Any) -> _Response:
    return _Response(status, json.dumps(obj, ensure_ascii=False).encode(), "application/json; charset=utf-8")


def _invalid(err: SantralError) -> _Response:
    return _json(400, {
        "code": err.code,
        "diagnostics": [
            {"severity": d.severity, "code": d.code, "message": d.message, "path": d.path,
             "offset": d.offset, "end": d.end, "line": d.line, "column": d.column}
            for d in err.diagnostics
        ],
    })


def admit(
    peer: str,
    x_forwarded_for: Union[bytes, str, None] = None,
    allow: Optional[Iterable[str]] = None,
    trusted_proxies: Iterable[str] = (),
) -> tuple[Optional[str], bool]:
    """The transport check ``asgi`` and ``wsgi`` make, for any other server:
    ``(client, allowed)``. The client is ``peer`` (``"127.0.0.1"``,
    ``"[::1]:8080"``…) or, when ``peer`` is one of ``trusted_proxies``, the
    right-most ``X-Forwarded-For`` address that is not a trusted proxy —
    pass every header line joined by ``", "``, as received (bytes are
    fine). ``None`` when it cannot be known (the peer is not an address, or
    a trusted proxy forwarded no address): refuse such a request.
    ``allow`` defaults to the vendor's addresses; a block that does not
    parse raises ``SantralError``::

        >>> admit("127.0.0.1", "194.49.126.36, 127.0.0.2", trusted_proxies=["127.0.0.1"])
        ('127.0.0.2', False)
    """
    blocks = _native.check_cidrs(list(allow) if allow is not None else list(VENDOR_ADDRESSES))
    proxies = _native.check_cidrs(list(trusted_proxies))
    client, allowed = _native.client_allowed(peer, x_forwarded_for, blocks, proxies)
    return (None if client == "unknown" else client), allowed


@dataclass
class _Kit:
    """What the ASGI and WSGI fronts share: every decision, no I/O."""

    on_call_event: Optional[Handler] = None
    on_campaign_report: Optional[Handler] = None
    on_advisory: Optional[AdvisoryHandler] = None
    allow: list[str] = field(default_factory=lambda: list(VENDOR_ADDRESSES))
    trusted_proxies: list[str] = field(default_factory=list)
    secret: Optional[str] = None
    events_path: str = "/events"
    reports_path: str = "/reports"
    advisory_path: str = "/advisory"
    dedupe_seconds: float = 600.0
    sessions: SessionStore = field(default_factory=MemorySessions)
    fallback: str = field(default_factory=lambda: advisory.transfer(target="hangup/hangup"))

    def __post_init__(self) -> None:
        # Bad blocks raise here, at start, with the core's code.
        self.allow = _native.check_cidrs(list(self.allow))
        self.trusted_proxies = _native.check_cidrs(list(self.trusted_proxies))
        valid, _param, diags = _native.advisory_response_info(self.fallback)
        if not valid:
            # The fallback is what a caller hears when all else fails: refuse a bad one at start.
            raise from_diagnostics(AdvisoryError, diags)
        self._seen = _Seen(self.dedupe_seconds)

    def _which(self, path: str) -> Optional[str]:
        if self.secret is not None:
            prefix = "/" + self.secret
            if not path.startswith(prefix + "/"):
                return None
            path = path[len(prefix):]
        return {self.events_path: "events", self.reports_path: "reports", self.advisory_path: "advisory"}.get(path)

    def begin(self, method: str, path: str, query: bytes, body: bytes, peer: str,
              forwarded: Optional[bytes]) -> Union[_Response, _Delivery, _Routing]:
        client, allowed = _native.client_allowed(peer, forwarded, self.allow, self.trusted_proxies)
        if not allowed:
            # The path is the client's text: control characters (a CR/LF
            # forging a log line) are written escaped.
            log.warning("refused %s %s from %s", _printable(method), _printable(path), client)
            return _Response(403, b"Forbidden")
        which = self._which(unquote(path))
        if which is None:
            return _Response(404, b"Not Found")
        want = "GET" if which == "advisory" else "POST"
        if method != want:
            return _Response(405, b"Method Not Allowed")
        if which == "advisory":
            return self._advisory(query)
        parse: Any = CallEvent if which == "events" else CampaignReport
        handler = self.on_call_event if which == "events" else self.on_campaign_report
        if parse.is_ping(body):
            return _Response(200, b"OK")
        try:
            value = parse.parse(body)
        except WebhookError as err:
            return _invalid(err)
        key = value.idempotency_key
        if self._seen.has(key):
            return _Response(200, b"OK")
        if handler is None:
            self._seen.add(key)
            return _Response(200, b"OK")
        return _Delivery(handler, value, key)

    def delivered(self, d: _Delivery, error: Optional[BaseException]) -> _Response:
        if error is not None:
            log.error("the handler failed on %s: %s", d.key, type(error).__name__)
            return _Response(500, b"Internal Server Error")
        self._seen.add(d.key)
        return _Response(200, b"OK")

    def _advisory(self, query: bytes) -> Union[_Response, _Routing]:
        # The digits parameter the previous prompt named, from the session.
        uuid = _query_value(query, "uuid")
        session = (self.sessions.load(uuid) if uuid else None) or {}
        param = session.get(_PARAM)
        try:
            request = AdvisoryRequest.parse(query, param_name=param)
        except WebhookError as err:
            return _invalid(err)
        if self.on_advisory is None:
            return self._route(request, session, None, None)
        return _Routing(request, session)

    def _route(self, request: AdvisoryRequest, session: dict[str, Any], result: Optional[str],
               error: Optional[BaseException]) -> _Response:
        body = result if isinstance(result, str) else None
        param: Optional[str] = None
        if body is not None:
            valid, param, _ = _native.advisory_response_info(body)
            if not valid:
                log.error("the advisory handler returned an invalid response for %s; falling back", request.uuid)
                body = None
        if error is not None:
            log.error("the advisory handler failed for %s (%s); falling back", request.uuid, type(error).__name__)
        if body is None:
            body, param = self.fallback, None
        session = dict(session)
        if param:
            session[_PARAM] = param
        else:
            session.pop(_PARAM, None)
        self.sessions.save(request.uuid, session)
        return _Response(200, body.encode(), "application/json; charset=utf-8")

    def routed(self, r: _Routing, result: Any, error: Optional[BaseException]) -> _Response:
        return self._route(r.request, r.session, result, error)


def _query_value(query: bytes, name: str) -> Optional[str]:
    for part in query.split(b"&"):
        k, _, v = part.partition(b"=")
        if k == name.encode():
            return unquote(v.decode("utf-8", "replace").replace("+", " "))
    return None


def _options(**kw: Any) -> dict[str, Any]:
    return {k: v for k, v in kw.items() if v is not None}


def _kit(
    on_call_event: Optional[Handler],
    on_campaign_report: Optional[Handler],
    on_advisory: Optional[AdvisoryHandler],
    allow: Optional[Iterable[str]],
    trusted_proxies: Iterable[str],
    secret: Optional[str],
    events_path: str,
    reports_path: str,
    advisory_path: str,
    dedupe_seconds: float,
    sessions: Optional[SessionStore],
    fallback: Optional[str],
) -> _Kit:
    return _Kit(**_options(
        on_call_event=on_call_event, on_campaign_report=on_campaign_report, on_advisory=on_advisory,
        allow=list(allow) if allow is not None else None, trusted_proxies=list(trusted_proxies), secret=secret,
        events_path=events_path, reports_path=reports_path, advisory_path=advisory_path,
        dedupe_seconds=dedupe_seconds, sessions=sessions, fallback=fallback,
    ))


Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def asgi(
    *,
    on_call_event: Optional[Handler] = None,
    on_campaign_report: Optional[Handler] = None,
    on_advisory: Optional[AdvisoryHandler] = None,
    allow: Optional[Iterable[str]] = None,
    trusted_proxies: Iterable[str] = (),
    secret: Optional[str] = None,
    events_path: str = "/events",
    reports_path: str = "/reports",
    advisory_path: str = "/advisory",
    dedupe_seconds: float = 600.0,
    sessions: Optional[SessionStore] = None,
    fallback: Optional[str] = None,
    max_body: int = 1 << 20,
) -> ASGIApp:
    """The receiver as an ASGI application (mount it in FastAPI or run it
    with uvicorn). Sync handlers run in a worker thread."""
    kit = _kit(on_call_event, on_campaign_report, on_advisory, allow, trusted_proxies, secret,
               events_path, reports_path, advisory_path, dedupe_seconds, sessions, fallback)

    async def call(fn: Callable[..., Any], *args: Any) -> Any:
        if inspect.iscoroutinefunction(fn):
            return await fn(*args)
        result = await asyncio.to_thread(fn, *args)
        if inspect.isawaitable(result):
            return await result
        return result

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        if scope["type"] != "http":
            return
        body = b""
        too_big = False
        while True:
            message = await receive()
            body += message.get("body", b"")
            if len(body) > max_body:
                too_big = True
                break
            if not message.get("more_body"):
                break
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        # Every X-Forwarded-For line, in order (a proxy appends its own).
        lines = [v for k, v in scope.get("headers", []) if k.lower() == b"x-forwarded-for"]
        forwarded = b", ".join(lines) if lines else None
        peer = (scope.get("client") or ("", 0))[0]
        # Mounted (FastAPI, Starlette): the path still holds the mount point.
        path = scope["path"]
        root = scope.get("root_path", "")
        if root and path.startswith(root):
            path = path[len(root):] or "/"
        if too_big:
            out = _Response(413, b"Payload Too Large")
        else:
            step = kit.begin(scope["method"], path, scope.get("query_string", b""), body, peer, forwarded)
            if isinstance(step, _Delivery):
                try:
                    await call(step.handler, step.value)
                    out = kit.delivered(step, None)
                except Exception as e:  # the handler's failure is reported, not raised
                    out = kit.delivered(step, e)
            elif isinstance(step, _Routing):
                assert kit.on_advisory is not None
                try:
                    result = await call(kit.on_advisory, step.request, step.session)
                    out = kit.routed(step, result, None)
                except Exception as e:
                    out = kit.routed(step, None, e)
            else:
                out = step
        await send({"type": "http.response.start", "status": out.status,
                    "headers": [(b"content-type", out.content_type.encode()),
                                (b"content-length", str(len(out.body)).encode())]})
        await send({"type": "http.response.body", "body": out.body})

    return app


WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

_REASONS = {200: "OK", 400: "Bad Request", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
            413: "Payload Too Large", 500: "Internal Server Error"}


def wsgi(
    *,
    on_call_event: Optional[Handler] = None,
    on_campaign_report: Optional[Handler] = None,
    on_advisory: Optional[AdvisoryHandler] = None,
    allow: Optional[Iterable[str]] = None,
    trusted_proxies: Iterable[str] = (),
    secret: Optional[str] = None,
    events_path: str = "/events",
    reports_path: str = "/reports",
    advisory_path: str = "/advisory",
    dedupe_seconds: float = 600.0,
    sessions: Optional[SessionStore] = None,
    fallback: Optional[str] = None,
    max_body: int = 1 << 20,
) -> WSGIApp:
    """The receiver as a WSGI application (Flask, Django, gunicorn,
    ``wsgiref``). A coroutine handler is run to completion."""
    kit = _kit(on_call_event, on_campaign_report, on_advisory, allow, trusted_proxies, secret,
               events_path, reports_path, advisory_path, dedupe_seconds, sessions, fallback)

    def call(fn: Callable[..., Any], *args: Any) -> Any:
        result = fn(*args)
        if inspect.isawaitable(result):
            return asyncio.run(_await(result))
        return result

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > max_body:
            out = _Response(413, b"Payload Too Large")
        else:
            body = environ["wsgi.input"].read(length) if length > 0 else b""
            path = environ.get("PATH_INFO", "/")
            if isinstance(path, str):
                # PEP 3333: PATH_INFO is bytes decoded as latin-1.
                path = path.encode("latin-1").decode("utf-8", "replace")
            step = kit.begin(environ.get("REQUEST_METHOD", "GET"), path,
                             environ.get("QUERY_STRING", "").encode("latin-1"), body,
                             environ.get("REMOTE_ADDR", ""), _wsgi_bytes(environ.get("HTTP_X_FORWARDED_FOR")))
            if isinstance(step, _Delivery):
                try:
                    call(step.handler, step.value)
                    out = kit.delivered(step, None)
                except Exception as e:
                    out = kit.delivered(step, e)
            elif isinstance(step, _Routing):
                assert kit.on_advisory is not None
                try:
                    out = kit.routed(step, call(kit.on_advisory, step.request, step.session), None)
                except Exception as e:
                    out = kit.routed(step, None, e)
            else:
                out = step
        start_response(f"{out.status} {_REASONS.get(out.status, '')}".rstrip(),
                       [("Content-Type", out.content_type), ("Content-Length", str(len(out.body)))])
        return [out.body]

    return app


async def _await(a: Awaitable[Any]) -> Any:
    return await a
