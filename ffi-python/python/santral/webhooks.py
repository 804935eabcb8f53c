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

from santral import AdvisoryRequest, CallEvent, CampaignReport, _native
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


def _wsgi_path(environ: dict[str, Any]) -> bytes:
    """The path as on the request line when the server keeps it (gunicorn's
    ``RAW_URI``, uWSGI's and Apache's ``REQUEST_URI``) and the application
    is mounted at the root; else ``PATH_INFO`` (PEP 3333: the decoded
    path's bytes as latin-1, where ``%2F`` has become ``/``)."""
    raw = environ.get("RAW_URI") or environ.get("REQUEST_URI")
    if isinstance(raw, str) and raw.startswith("/") and not environ.get("SCRIPT_NAME"):
        return raw.split("?", 1)[0].encode("latin-1")
    path = environ.get("PATH_INFO", "/")
    return path.encode("latin-1") if isinstance(path, str) else bytes(path)


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
    """The core's answer, as bytes to write."""

    status: int
    body: bytes
    content_type: str
    reason: str
    allow: Optional[str] = None

    @staticmethod
    def of(d: Any) -> "_Response":
        return _Response(d.status, d.body, d.content_type, d.reason, d.allow)

    def headers(self) -> list[tuple[str, str]]:
        out = [("Content-Type", self.content_type), ("Content-Length", str(len(self.body)))]
        if self.allow is not None:
            out.append(("Allow", self.allow))
        return out


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
    """What the ASGI and WSGI fronts share: the core's receiver (every
    answer, byte for byte) and the state a process keeps — the resends
    seen, the advisory sessions. No I/O."""

    on_call_event: Optional[Handler] = None
    on_campaign_report: Optional[Handler] = None
    on_advisory: Optional[AdvisoryHandler] = None
    allow: list[str] = field(default_factory=lambda: list(VENDOR_ADDRESSES))
    trusted_proxies: list[str] = field(default_factory=list)
    secret: Optional[str] = None
    events_path: Optional[str] = _native.DEFAULT_EVENTS_PATH
    reports_path: Optional[str] = _native.DEFAULT_REPORTS_PATH
    advisory_path: Optional[str] = _native.DEFAULT_ADVISORY_PATH
    dedupe_seconds: float = 600.0
    sessions: SessionStore = field(default_factory=MemorySessions)
    fallback: str = _native.DEFAULT_FALLBACK
    max_body: int = _native.BODY_LIMIT

    def __post_init__(self) -> None:
        # Bad blocks raise here, at start, with the core's code.
        self._receiver = _native.Receiver(
            list(self.allow), list(self.trusted_proxies), self.secret,
            self.events_path, self.reports_path, self.advisory_path, self.max_body)
        valid, _param, diags = _native.advisory_response_info(self.fallback)
        if not valid:
            # The fallback is what a caller hears when all else fails: refuse a bad one at start.
            raise from_diagnostics(AdvisoryError, diags)
        self._seen = _Seen(self.dedupe_seconds)
        self._ok = _Response.of(_native.advisory_answer(None, self.fallback)[0])
        self._ok = _Response(200, b"OK", "text/plain; charset=utf-8", "OK")

    def begin(self, method: str, path: bytes, query: bytes, body: bytes, peer: str,
              forwarded: Optional[bytes], content_type: Optional[bytes] = None,
              content_length: Optional[int] = None) -> Union[_Response, _Delivery, _Routing]:
        d = self._receiver.receive(method, path, query, peer, forwarded, content_type, content_length, body)
        if d.status == 403:
            # The path is the client's text: control characters (a CR/LF
            # forging a log line) are written escaped.
            shown = _printable(path.decode("utf-8", "replace"))
            log.warning("refused %s %s from %s", _printable(method), shown, d.client or "unknown")
        if d.handover is None:
            return _Response.of(d)
        if d.handover == "advisory-request":
            return self._advisory(query, d.key)
        ok = _Response.of(d)
        cls: Any = CallEvent if d.handover == "call-event" else CampaignReport
        handler = self.on_call_event if d.handover == "call-event" else self.on_campaign_report
        # The core read the body with the decision: built from that reading, not read again.
        value = cls._from_native(d.value, d.diagnostics)
        key = d.key or ""
        if self._seen.has(key):
            return ok
        if handler is None:
            self._seen.add(key)
            return ok
        return _Delivery(handler, value, key)

    def delivered(self, d: _Delivery, error: Optional[BaseException]) -> _Response:
        if error is not None:
            log.error("the handler failed on %s: %s", d.key, type(error).__name__)
            return _Response.of(_native.handler_failed())
        self._seen.add(d.key)
        return _Response.of(_native.handler_done())

    def _advisory(self, query: bytes, uuid: Optional[str]) -> Union[_Response, _Routing]:
        # The digits parameter the previous prompt named, from the session.
        session = (self.sessions.load(uuid) if uuid else None) or {}
        param = session.get(_PARAM)
        refusal = _native.advisory_refusal(query, param)
        if refusal is not None:
            return _Response.of(refusal)
        request = AdvisoryRequest.parse(query, param_name=param)
        if self.on_advisory is None:
            return self._route(request, session, None, None)
        return _Routing(request, session)

    def _route(self, request: AdvisoryRequest, session: dict[str, Any], result: Optional[str],
               error: Optional[BaseException]) -> _Response:
        if error is not None:
            log.error("the advisory handler failed for %s (%s); falling back", request.uuid, type(error).__name__)
        d, param, fell_back = _native.advisory_answer(result if isinstance(result, str) else None, self.fallback)
        if fell_back and error is None:
            log.error("the advisory handler returned no valid response for %s; falling back", request.uuid)
        session = dict(session)
        if param:
            session[_PARAM] = param
        else:
            session.pop(_PARAM, None)
        self.sessions.save(request.uuid, session)
        return _Response.of(d)

    def routed(self, r: _Routing, result: Any, error: Optional[BaseException]) -> _Response:
        return self._route(r.request, r.session, result, error)


def _options(**kw: Any) -> dict[str, Any]:
    return {k: v for k, v in kw.items() if v is not None}


def _kit(
    on_call_event: Optional[Handler],
    on_campaign_report: Optional[Handler],
    on_advisory: Optional[AdvisoryHandler],
    allow: Optional[Iterable[str]],
    trusted_proxies: Iterable[str],
    secret: Optional[str],
    events_path: Optional[str],
    reports_path: Optional[str],
    advisory_path: Optional[str],
    dedupe_seconds: float,
    sessions: Optional[SessionStore],
    fallback: Optional[str],
    max_body: int,
) -> _Kit:
    # The paths always (None turns a route off); the rest only when given.
    return _Kit(events_path=events_path, reports_path=reports_path, advisory_path=advisory_path, **_options(
        on_call_event=on_call_event, on_campaign_report=on_campaign_report, on_advisory=on_advisory,
        allow=list(allow) if allow is not None else None, trusted_proxies=list(trusted_proxies), secret=secret,
        dedupe_seconds=dedupe_seconds, sessions=sessions, fallback=fallback, max_body=max_body,
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
    events_path: Optional[str] = _native.DEFAULT_EVENTS_PATH,
    reports_path: Optional[str] = _native.DEFAULT_REPORTS_PATH,
    advisory_path: Optional[str] = _native.DEFAULT_ADVISORY_PATH,
    dedupe_seconds: float = 600.0,
    sessions: Optional[SessionStore] = None,
    fallback: Optional[str] = None,
    max_body: int = _native.BODY_LIMIT,
) -> ASGIApp:
    """The receiver as an ASGI application (mount it in FastAPI or run it
    with uvicorn). Sync handlers run in a worker thread."""
    kit = _kit(on_call_event, on_campaign_report, on_advisory, allow, trusted_proxies, secret,
               events_path, reports_path, advisory_path, dedupe_seconds, sessions, fallback, max_body)

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
        while True:  # at most max_body + one chunk: the core answers 413
            message = await receive()
            body += message.get("body", b"")
            if len(body) > max_body:
                too_big = True
                break
            if not message.get("more_body"):
                break
        headers = scope.get("headers", [])
        # Every X-Forwarded-For line, in order (a proxy appends its own).
        lines = [v for k, v in headers if k.lower() == b"x-forwarded-for"]
        forwarded = b", ".join(lines) if lines else None
        content_type = next((v for k, v in headers if k.lower() == b"content-type"), None)
        peer = (scope.get("client") or ("", 0))[0]
        # The path as on the request line when the server keeps it; mounted
        # (FastAPI, Starlette), it still holds the mount point.
        raw = scope.get("raw_path")
        path: bytes = raw if isinstance(raw, bytes) else scope["path"].encode("utf-8")
        root = scope.get("root_path", "").encode("utf-8")
        if root and path.startswith(root):
            path = path[len(root):] or b"/"
        declared = next((v for k, v in headers if k.lower() == b"content-length"), b"")
        length = len(body) if too_big else (int(declared) if declared.isdigit() else None)
        step = kit.begin(scope["method"], path, scope.get("query_string", b""), body, peer, forwarded,
                         content_type, length)
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
                    "headers": [(k.lower().encode(), v.encode()) for k, v in out.headers()]})
        await send({"type": "http.response.body", "body": out.body})

    return app


WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]

def wsgi(
    *,
    on_call_event: Optional[Handler] = None,
    on_campaign_report: Optional[Handler] = None,
    on_advisory: Optional[AdvisoryHandler] = None,
    allow: Optional[Iterable[str]] = None,
    trusted_proxies: Iterable[str] = (),
    secret: Optional[str] = None,
    events_path: Optional[str] = _native.DEFAULT_EVENTS_PATH,
    reports_path: Optional[str] = _native.DEFAULT_REPORTS_PATH,
    advisory_path: Optional[str] = _native.DEFAULT_ADVISORY_PATH,
    dedupe_seconds: float = 600.0,
    sessions: Optional[SessionStore] = None,
    fallback: Optional[str] = None,
    max_body: int = _native.BODY_LIMIT,
) -> WSGIApp:
    """The receiver as a WSGI application (Flask, Django, gunicorn,
    ``wsgiref``). A coroutine handler is run to completion."""
    kit = _kit(on_call_event, on_campaign_report, on_advisory, allow, trusted_proxies, secret,
               events_path, reports_path, advisory_path, dedupe_seconds, sessions, fallback, max_body)

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
        # Over the limit the body is not read: the core answers 413 from
        # the declared length (after the allow-list and the route).
        body = environ["wsgi.input"].read(length) if 0 < length <= max_body else b""
        step = kit.begin(environ.get("REQUEST_METHOD", "GET"), _wsgi_path(environ),
                         environ.get("QUERY_STRING", "").encode("latin-1"), body,
                         environ.get("REMOTE_ADDR", ""), _wsgi_bytes(environ.get("HTTP_X_FORWARDED_FOR")),
                         _wsgi_bytes(environ.get("CONTENT_TYPE")), length if length > max_body else None)
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
        start_response(f"{out.status} {out.reason}", out.headers())
        return [out.body]

    return app


async def _await(a: Awaitable[Any]) -> Any:
    return await a
