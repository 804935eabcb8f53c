"""``santral.Client`` and ``santral.AsyncClient``: every operation of the
Bulut Santralim API over httpx, with nothing of the protocol in Python.
The core (``santral._native``) writes each request — method, path and
query, body — and reads each reply into a typed value or an exception;
this module moves the bytes, paces them under the vendor's budgets and
retries what may be retried.

    >>> import santral
    >>> client = santral.Client("K12345678-1234-5678-4321-123456789012", base_url="http://127.0.0.1:8095")
    >>> client   # the key is never shown
    Client(key='K1234…9012', base_url='http://127.0.0.1:8095')
    >>> client.close()

Rules, all from the core's tables:

- **Nothing invalid is sent**: a campaign, an originate or a filter set the
  core rejects raises ``CampaignError``/``SantralError`` (every diagnostic)
  before any request.
- **Pacing**: each request takes a token from its endpoint's budget
  (``/cdrs``: 6 a minute; ``/originate``: 3 a second, burst 100…); one
  budget per key and endpoint is shared by every client in the process.
- **Retries** (``Retry``): a ``429`` is always retried after its
  ``Retry-After`` (the PBX did not execute the request), so is a
  connection that could not be opened; a 5xx or a broken connection only
  for idempotent operations (reads, deletes, stop/start, settings) —
  never for creating a campaign or originating a call, which would reach
  a real person twice.
"""
from __future__ import annotations

import asyncio
import datetime as _dt
import logging
import os
import random
import threading
import time
from dataclasses import dataclass, field
from typing import Any, AsyncIterator, Callable, Iterable, Iterator, Optional, Union

import httpx

from santral import _native, api
from santral._enums import CdrDirection, Disposition, OnOff
from santral._operations import _AsyncOperations, _Operations
from santral._values import _record, _seconds, _stamp
from santral.api import Prepared
from santral.errors import ApiError, CampaignError, RateLimited, SantralError, Unreachable

__all__ = [
    "AsyncClient",
    "BASE_URL",
    "CallFlowStep",
    "CdrDetail",
    "CdrRecord",
    "Client",
    "CrmSettings",
    "Pacer",
    "Retry",
    "SharedPacer",
]

BASE_URL = "https://api.bulutsantralim.com"
"""The vendor's API (the core's ``api::BASE_URL``)."""

log = logging.getLogger("santral")

Stamp = Union[_dt.datetime, str]


@dataclass(frozen=True)
class Retry:
    """When and how often to send a request again: up to ``attempts`` in
    all, waiting ``backoff`` seconds, doubling up to ``max_backoff`` (a
    ``Retry-After`` from the PBX wins when longer)."""

    attempts: int = 4
    backoff: float = 0.5
    max_backoff: float = 8.0

    jitter: float = 0.5

    def delay(self, attempt: int) -> float:
        """The wait before attempt ``attempt`` (2 for the first retry):
        exponential, capped, and up to ``jitter`` of it added at random so
        that clients refused together do not come back together (the
        vendor's rate-limit page asks for exponential backoff)."""
        base = float(min(self.max_backoff, self.backoff * (2 ** max(0, attempt - 2))))
        return base * (1.0 + self.jitter * random.random())


NO_RETRY = Retry(attempts=1)


@dataclass(frozen=True)
class CrmSettings:
    """The CRM integration settings: which call events the PBX POSTs, and
    where (``None`` when no URL is set)."""

    ringing: OnOff
    answered: OnOff
    hangup: OnOff
    notification_url: Optional[str]


@dataclass(frozen=True)
class CdrRecord:
    """One call record. A value the PBX wrote malformed is ``None`` here
    and kept as its raw text in ``malformed`` (the vendor's own sample has
    several)."""

    call_uuid: Optional[str]
    start_stamp: Optional[_dt.datetime] = None
    answer_stamp: Optional[_dt.datetime] = None
    end_stamp: Optional[_dt.datetime] = None
    direction: Optional[CdrDirection] = None
    caller_id_number: Any = None
    caller_id_name: Optional[str] = None
    destination_number: Any = None
    destination_name: Optional[str] = None
    duration: Optional[_dt.timedelta] = None
    talk_duration: Optional[_dt.timedelta] = None
    queue_wait_seconds: Optional[_dt.timedelta] = None
    queue: Optional[str] = None
    result: Optional[str] = None
    missed: Optional[bool] = None
    return_uuid: Optional[str] = None
    recording_present: Optional[bool] = None
    sip_hangup_disposition: Optional[Disposition] = None
    malformed: dict[str, str] = field(default_factory=dict)

    @classmethod
    def _from(cls, d: dict[str, Any]) -> "CdrRecord":
        return cls(
            call_uuid=d["call_uuid"],
            start_stamp=_stamp(d["start_stamp"]),
            answer_stamp=_stamp(d["answer_stamp"]),
            end_stamp=_stamp(d["end_stamp"]),
            direction=CdrDirection(d["direction"]) if d["direction"] else None,
            caller_id_number=d["caller_id_number"],
            caller_id_name=d["caller_id_name"],
            destination_number=d["destination_number"],
            destination_name=d["destination_name"],
            duration=_seconds(d["duration"]),
            talk_duration=_seconds(d["talk_duration"]),
            queue_wait_seconds=_seconds(d["queue_wait_seconds"]),
            queue=d["queue"],
            result=d["result"],
            missed=d["missed"],
            return_uuid=d["return_uuid"],
            recording_present=d["recording_present"],
            sip_hangup_disposition=Disposition(d["sip_hangup_disposition"]) if d["sip_hangup_disposition"] else None,
            malformed=dict(d["malformed"]),
        )


@dataclass(frozen=True)
class CallFlowStep:
    """One leg of a call's flow."""

    destination_number: Any = None
    start_stamp: Optional[_dt.datetime] = None
    answer_stamp: Optional[_dt.datetime] = None
    end_stamp: Optional[_dt.datetime] = None
    duration: Optional[_dt.timedelta] = None
    ip_address: Optional[str] = None
    sip_user_agent: Optional[str] = None
    write_codec: Optional[str] = None
    read_codec: Optional[str] = None
    result: Optional[str] = None
    malformed: dict[str, str] = field(default_factory=dict)

    @classmethod
    def _from(cls, d: dict[str, Any]) -> "CallFlowStep":
        return cls(
            destination_number=d["destination_number"],
            start_stamp=_stamp(d["start_stamp"]),
            answer_stamp=_stamp(d["answer_stamp"]),
            end_stamp=_stamp(d["end_stamp"]),
            duration=_seconds(d["duration"]),
            ip_address=d["ip_address"],
            sip_user_agent=d["sip_user_agent"],
            write_codec=d["write_codec"],
            read_codec=d["read_codec"],
            result=d["result"],
            malformed=dict(d["malformed"]),
        )


@dataclass(frozen=True)
class CdrDetail:
    """A call record with its call flow."""

    record: CdrRecord
    call_flow: list[CallFlowStep]


# ---------------------------------------------------------------- sans-IO


def _prepare(operation: str, key: str, **params: Any) -> Prepared:
    """The core's request, or the exception that keeps it from being sent."""
    p = api.prepare(operation, key=key, **params)
    if not p.valid:
        klass = CampaignError if operation == "create_campaign" else SantralError
        first = next((d for d in p.diagnostics if d.severity == "error"), p.diagnostics[0])
        raise klass(first.message, code=first.code, path=first.path, offset=first.offset, end=first.end,
                    line=first.line, column=first.column, suggestion=first.suggestion, diagnostics=p.diagnostics)
    return p


def _read(p: Prepared, status: int, body: bytes, retry_after: Optional[float]) -> tuple[str, Any, Any]:
    """The core's reading of a reply: ``(kind, value, extra)``, or raises."""
    r = api.read_reply(p.operation, status, body, retry_after=retry_after)
    return r.kind, r.value, r.extra


def _retry_after(headers: httpx.Headers) -> Optional[float]:
    value = headers.get("retry-after")
    try:
        return None if value is None else max(0.0, float(value))
    except ValueError:
        return None


def _wait_for_retry(p: Prepared, retry: Retry, attempt: int, error: BaseException) -> Optional[float]:
    """Seconds to wait before attempt ``attempt``, or ``None``: give up."""
    if attempt > retry.attempts:
        return None
    if isinstance(error, RateLimited):
        return max(error.retry_after or 0.0, retry.delay(attempt))
    if isinstance(error, ApiError):
        return retry.delay(attempt) if error.transient and p.idempotent else None
    if isinstance(error, (httpx.ConnectError, httpx.ConnectTimeout)):
        # Nothing reached the PBX: safe for every operation.
        return retry.delay(attempt)
    if isinstance(error, httpx.TransportError):
        return retry.delay(attempt) if p.idempotent else None
    return None


class Pacer:
    """Keeps requests inside the vendor's budgets: one token bucket (the
    core's ``api::Bucket``) per (key, rate pool) — ``list_agent_statuses``
    and ``list_user_statuses`` share one. ``clock`` gives seconds (default
    ``time.monotonic``; tests pass their own). The process-wide ``PACER``
    is every client's default."""

    # The PBX counts on its own clock, a little after ours (the request
    # travels): wait a hair longer than our bucket says.
    MARGIN = 0.02

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._buckets: dict[tuple[str, str], Any] = {}

    def _now_ms(self) -> int:
        return int(self._clock() * 1000)

    def _delay(self, ms: Optional[int]) -> float:
        return 0.0 if ms is None else ms / 1000.0 * 1.01 + self.MARGIN

    def wait(self, key: str, pool: str) -> float:
        """Takes a token now: 0, or the seconds until one is there."""
        now = self._now_ms()
        with self._lock:
            bucket = self._buckets.get((key, pool))
            if bucket is None:
                bucket = self._buckets[(key, pool)] = _native.RateBucket(pool)
            return self._delay(bucket.take(now))


class SharedPacer(Pacer):
    """A pacer the worker processes of one host share through a lock file
    (``fcntl``): the vendor counts budgets per domain and address, not per
    process. Off by default — pass ``pace=SharedPacer("/var/run/santral.pace")``
    to every client of the host. The clock must be one all processes share
    (``time.monotonic`` is, on one Linux host)."""

    def __init__(self, path: "Union[str, os.PathLike[str]]", clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(clock)
        self._path = os.fspath(path)

    def wait(self, key: str, pool: str) -> float:
        import fcntl
        import hashlib
        import json

        # The file names no key: a hash of it.
        slot = hashlib.sha256(key.encode()).hexdigest()[:16] + ":" + pool
        now = self._now_ms()
        with self._lock, open(self._path, "a+", encoding="utf-8") as f:
            fcntl.flock(f, fcntl.LOCK_EX)
            try:
                f.seek(0)
                text = f.read()
                states: dict[str, list[int]] = json.loads(text) if text.strip() else {}
                saved = states.get(slot)
                bucket = _native.RateBucket.resume(pool, *saved) if saved else _native.RateBucket(pool)
                ms = bucket.take(now)
                states[slot] = list(bucket.state())
                f.seek(0)
                f.truncate()
                f.write(json.dumps(states))
                f.flush()
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)
        return self._delay(ms)


PACER = Pacer()


def _utc(t: Stamp) -> str:
    """A filter stamp: ``2017-08-03 12:30:32 UTC`` (naive datetimes are UTC)."""
    if isinstance(t, str):
        return t
    if t.tzinfo is not None:
        t = t.astimezone(_dt.timezone.utc)
    return t.strftime("%Y-%m-%d %H:%M:%S UTC")


def _filters(
    start_stamp_from: Optional[Stamp],
    start_stamp_to: Optional[Stamp],
    extra: dict[str, Any],
) -> list[dict[str, Any]]:
    """The query of each window (one when the range fits the PBX's 31 days)."""
    base = {k: v for k, v in extra.items() if v is not None}
    if start_stamp_from is None and start_stamp_to is None:
        return [base]
    if start_stamp_from is None or start_stamp_to is None:
        return [dict(base, start_stamp_from=_utc(start_stamp_from) if start_stamp_from else None,
                     start_stamp_to=_utc(start_stamp_to) if start_stamp_to else None)]
    windows = _native.cdr_windows(_utc(start_stamp_from), _utc(start_stamp_to))
    return [dict(base, start_stamp_from=a, start_stamp_to=b) for a, b in windows]


def _campaign_body(
    header: Optional[str], leads: Optional[Iterable[Any]], body: Optional[Union[str, bytes]], key: str
) -> str:
    if body is not None:
        return body.decode("utf-8") if isinstance(body, bytes) else body
    if header is None:
        raise TypeError("create_campaign needs a header and leads, or a ready JSON body (body=…)")
    if leads is None:
        # One argument: a ready JSON body given positionally (a campaign
        # with no leads would be refused anyway).
        return header
    from santral import campaign

    text = campaign.build(header, leads or [], key=key)
    assert text is not None
    return text


def _settings(value: dict[str, Any]) -> CrmSettings:
    return CrmSettings(
        ringing=OnOff(value["ringing"]),
        answered=OnOff(value["answered"]),
        hangup=OnOff(value["hangup"]),
        notification_url=value["notification_url"] or None,
    )


def _detail(value: dict[str, Any], extra: list[dict[str, Any]]) -> CdrDetail:
    return CdrDetail(CdrRecord._from(value), [CallFlowStep._from(s) for s in extra])


def _masked(key: str) -> str:
    # The core masks the key (its MaskedKey), as every log line shows it.
    return _native.masked_key(key)


_Timeout = Union[float, httpx.Timeout, None]


class _Base:
    def __init__(self, key: str, base_url: str, retry: Retry, pace: "Union[bool, Pacer]") -> None:
        self._key = key
        self._base_url = base_url.rstrip("/")
        self._retry = retry
        self._pacer: Optional[Pacer] = PACER if pace is True else (pace or None)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(key={_masked(self._key)!r}, base_url={self._base_url!r})"

    def _log(self, p: Prepared, status: Optional[int], started: float, note: str = "") -> None:
        ms = (time.monotonic() - started) * 1000
        log.info("%s → %s %.1f ms%s", p.redacted, status if status is not None else "no answer", ms, note)


def _page_queries(params: dict[str, Any]) -> list[dict[str, Any]]:
    """The queries of a paged list: one per 31-day window of a
    ``start_stamp_from``..``start_stamp_to`` range (the PBX's limit), each
    from its first page unless a page was asked for."""
    base = {k: v for k, v in params.items() if v is not None and k not in ("start_stamp_from", "start_stamp_to")}
    queries = _filters(params.get("start_stamp_from"), params.get("start_stamp_to"), base)
    return [{k: v for k, v in q.items() if v is not None} for q in queries]


def _next_page(query: dict[str, Any], pagination: Optional[dict[str, Any]]) -> Optional[dict[str, Any]]:
    """The next page's query, or ``None`` after the last."""
    page = int(query.get("page") or 1)
    if pagination is None or page >= int(pagination["total_pages"]):
        return None
    return dict(query, page=page + 1)


class Client(_Operations, _Base):
    """A synchronous client (httpx). Use it as a context manager, or call
    ``close()``. ``transport`` is any ``httpx.BaseTransport`` (a proxy,
    mTLS, a mock in tests)."""

    def __init__(
        self,
        key: str,
        *,
        base_url: str = BASE_URL,
        timeout: _Timeout = 10.0,
        retry: Retry = Retry(),
        pace: "Union[bool, Pacer]" = True,
        transport: Optional[httpx.BaseTransport] = None,
        proxy: Optional[str] = None,
        verify: Union[bool, str] = True,
    ) -> None:
        super().__init__(key, base_url, retry, pace)
        self._http = httpx.Client(
            base_url=self._base_url, timeout=timeout, transport=transport, proxy=proxy, verify=verify
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _send(self, p: Prepared) -> tuple[str, Any, Any]:
        attempt = 1
        while True:
            if self._pacer is not None:
                while (w := self._pacer.wait(self._key, p.pool)) > 0:
                    time.sleep(w)
            started = time.monotonic()
            error: BaseException
            try:
                headers = {"content-type": p.content_type} if p.content_type else {}
                r = self._http.request(p.method, p.target, content=p.body or None, headers=headers)
                self._log(p, r.status_code, started)
                try:
                    return _read(p, r.status_code, r.content, _retry_after(r.headers))
                except ApiError as e:
                    error = e
            except httpx.TransportError as e:
                self._log(p, None, started, f" ({type(e).__name__})")
                error = e
            attempt += 1
            wait = _wait_for_retry(p, self._retry, attempt, error)
            if wait is None:
                if isinstance(error, ApiError):
                    raise error
                raise Unreachable(
                    f"{p.operation}: no answer from {self._base_url} ({p.redacted}: {type(error).__name__})",
                    code="response.unexpected", status=None, text="", operation=p.operation,
                ) from None
            time.sleep(wait)

    def _call(self, operation: str, **params: Any) -> tuple[str, Any, Any]:
        return self._send(_prepare(operation, self._key, **params))

    def create_campaign(
        self,
        header: Optional[str] = None,
        leads: Optional[Iterable[Any]] = None,
        *,
        body: Optional[Union[str, bytes]] = None,
    ) -> int:
        """Creates a campaign from ``header`` (the campaign JSON without
        ``phone_list``; the client's key is added when it has no ``key``)
        and ``leads`` streamed from any iterable (phones or ``(phone,
        phrase, lang)``), or from a ready JSON ``body`` (given by name, or
        alone as the one positional argument); returns its id. Raises ``CampaignError`` with every diagnostic, before
        sending, when the core rejects it. Never retried but on 429."""
        _, value, _ = self._call("create_campaign", body=_campaign_body(header, leads, body, self._key))
        return int(value)

    def delete_campaign(self, campaign_id: int) -> None:
        self._call("delete_campaign", id=campaign_id)

    def stop_campaign(self, campaign_id: int) -> None:
        self._call("set_campaign_status", id=campaign_id, status="off")

    def start_campaign(self, campaign_id: int) -> None:
        self._call("set_campaign_status", id=campaign_id, status="on")

    def crm_settings(self) -> CrmSettings:
        _, value, _ = self._call("get_crm_settings")
        return _settings(value)

    def update_crm_settings(
        self,
        notification_url: str,
        *,
        ringing: Optional[Union[OnOff, str]] = None,
        answered: Optional[Union[OnOff, str]] = None,
        hangup: Optional[Union[OnOff, str]] = None,
    ) -> None:
        """Replaces the settings (flags left ``None`` are not sent). The PBX
        tests the URL first: it must answer 200."""
        self._call(
            "update_crm_settings",
            notification_url=notification_url,
            ringing=_flag(ringing), answered=_flag(answered), hangup=_flag(hangup),
        )

    def originate(
        self,
        extension: str,
        destination: str,
        *,
        caller_id: Optional[str] = None,
        manual_answer: bool = False,
        timeout: Optional[int] = None,
        announcement_to_callee: Optional[int] = None,
        announcement_to_caller: Optional[int] = None,
    ) -> str:
        """Starts a call from ``extension`` to ``destination``; returns its
        uuid. Never retried but on 429 (a second call would ring twice)."""
        _, value, _ = self._call(
            "originate", extension=extension, destination=destination, caller_id=caller_id,
            manual_answer=manual_answer or None, timeout=timeout,
            announcement_to_callee=announcement_to_callee, announcement_to_caller=announcement_to_caller,
        )
        return str(value)

    def cdrs(
        self,
        *,
        start_stamp_from: Optional[Stamp] = None,
        start_stamp_to: Optional[Stamp] = None,
        recording_present: Optional[str] = None,
        direction: Optional[str] = None,
        caller_id_number: Optional[str] = None,
        missed: Optional[bool] = None,
        destination_number: Optional[str] = None,
        queue: Optional[str] = None,
        limit: int = 100,
    ) -> Iterator[CdrRecord]:
        """Every call record the filters match, fetched page by page as
        you iterate (``limit`` per page, 10..=100); a range longer than the
        PBX's 31 days is split into windows. Paced under ``/cdrs``'s 6
        requests a minute."""
        extra = dict(recording_present=recording_present, direction=direction, caller_id_number=caller_id_number,
                     missed=missed, destination_number=destination_number, queue=queue, limit=limit)
        queries = _filters(start_stamp_from, start_stamp_to, extra)
        # Check every window before the first request.
        prepared = [_prepare("list_cdrs", self._key, page=1, **q) for q in queries]
        for q, first in zip(queries, prepared):
            page, p = 1, first
            while True:
                _, records, pagination = self._send(p)
                for r in records:
                    yield CdrRecord._from(r)
                if pagination is None or page >= int(pagination["total_pages"]):
                    break
                page += 1
                p = _prepare("list_cdrs", self._key, page=page, **q)

    def cdr(self, call_uuid: str) -> CdrDetail:
        _, value, extra = self._call("get_cdr", call_uuid=call_uuid)
        return _detail(value, extra)

    # The operations' own names for the eight above (the older names stay).

    def set_campaign_status(self, id: int, status: Union[OnOff, str]) -> None:
        """Stops (``off``) or restarts (``on``) a campaign."""
        self._call("set_campaign_status", id=id, status=OnOff(status).value)

    def get_crm_settings(self) -> CrmSettings:
        """The CRM integration settings (``crm_settings``)."""
        return self.crm_settings()

    def list_cdrs(self, **filters: Any) -> Iterator[CdrRecord]:
        """Every call record the filters match (``cdrs``)."""
        return self.cdrs(**filters)

    def get_cdr(self, call_uuid: str) -> CdrDetail:
        """One call record with its flow (``cdr``)."""
        return self.cdr(call_uuid)

    def _pages(self, operation: str, **params: Any) -> Iterator[dict[str, Any]]:
        queries = _page_queries(params)
        # Check every window before the first request.
        for query in queries:
            _prepare(operation, self._key, **query)
        for query in queries:
            q: Optional[dict[str, Any]] = query
            while q is not None:
                _, records, pagination = self._call(operation, **q)
                yield from (_record(r) for r in records)
                q = None if params.get("page") is not None else _next_page(q, pagination)

    def download(self, url: str, dest: "Union[str, os.PathLike[str]]") -> int:
        """Downloads ``url`` (a recording, voicemail or fax URL the API
        gave; valid one hour) to ``dest``; returns the bytes written."""
        written = 0
        with self._http.stream("GET", url) as r:
            r.raise_for_status()
            with open(dest, "wb") as f:
                for chunk in r.iter_bytes():
                    written += f.write(chunk)
        return written

    def download_recording(self, call_uuid: str, dest: "Union[str, os.PathLike[str]]") -> int:
        """A call's recording to ``dest``: ``recording_url``, then the file."""
        return self.download(self.recording_url(call_uuid), dest)

    def download_voicemail(self, uuid: str, dest: "Union[str, os.PathLike[str]]") -> int:
        """A voicemail message to ``dest``: ``voicemail_url``, then the file."""
        return self.download(self.voicemail_url(uuid), dest)

    def download_fax_document(self, call_uuid: str, dest: "Union[str, os.PathLike[str]]") -> int:
        """A fax document to ``dest``: ``fax_document_url``, then the file."""
        return self.download(self.fax_document_url(call_uuid), dest)


def _flag(v: Optional[Union[OnOff, str]]) -> Optional[str]:
    return None if v is None else OnOff(v).value


class AsyncClient(_AsyncOperations, _Base):
    """The same operations, ``async`` (httpx.AsyncClient). ``cdrs()`` is an
    async iterator."""

    def __init__(
        self,
        key: str,
        *,
        base_url: str = BASE_URL,
        timeout: _Timeout = 10.0,
        retry: Retry = Retry(),
        pace: "Union[bool, Pacer]" = True,
        transport: Optional[httpx.AsyncBaseTransport] = None,
        proxy: Optional[str] = None,
        verify: Union[bool, str] = True,
    ) -> None:
        super().__init__(key, base_url, retry, pace)
        self._http = httpx.AsyncClient(
            base_url=self._base_url, timeout=timeout, transport=transport, proxy=proxy, verify=verify
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> "AsyncClient":
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def _send(self, p: Prepared) -> tuple[str, Any, Any]:
        attempt = 1
        while True:
            if self._pacer is not None:
                while (w := self._pacer.wait(self._key, p.pool)) > 0:
                    await asyncio.sleep(w)
            started = time.monotonic()
            error: BaseException
            try:
                headers = {"content-type": p.content_type} if p.content_type else {}
                r = await self._http.request(p.method, p.target, content=p.body or None, headers=headers)
                self._log(p, r.status_code, started)
                try:
                    return _read(p, r.status_code, r.content, _retry_after(r.headers))
                except ApiError as e:
                    error = e
            except httpx.TransportError as e:
                self._log(p, None, started, f" ({type(e).__name__})")
                error = e
            attempt += 1
            wait = _wait_for_retry(p, self._retry, attempt, error)
            if wait is None:
                if isinstance(error, ApiError):
                    raise error
                raise Unreachable(
                    f"{p.operation}: no answer from {self._base_url} ({p.redacted}: {type(error).__name__})",
                    code="response.unexpected", status=None, text="", operation=p.operation,
                ) from None
            await asyncio.sleep(wait)

    async def _call(self, operation: str, **params: Any) -> tuple[str, Any, Any]:
        return await self._send(_prepare(operation, self._key, **params))

    async def create_campaign(
        self,
        header: Optional[str] = None,
        leads: Optional[Iterable[Any]] = None,
        *,
        body: Optional[Union[str, bytes]] = None,
    ) -> int:
        _, value, _ = await self._call("create_campaign", body=_campaign_body(header, leads, body, self._key))
        return int(value)

    async def delete_campaign(self, campaign_id: int) -> None:
        await self._call("delete_campaign", id=campaign_id)

    async def stop_campaign(self, campaign_id: int) -> None:
        await self._call("set_campaign_status", id=campaign_id, status="off")

    async def start_campaign(self, campaign_id: int) -> None:
        await self._call("set_campaign_status", id=campaign_id, status="on")

    async def crm_settings(self) -> CrmSettings:
        _, value, _ = await self._call("get_crm_settings")
        return _settings(value)

    async def update_crm_settings(
        self,
        notification_url: str,
        *,
        ringing: Optional[Union[OnOff, str]] = None,
        answered: Optional[Union[OnOff, str]] = None,
        hangup: Optional[Union[OnOff, str]] = None,
    ) -> None:
        await self._call(
            "update_crm_settings",
            notification_url=notification_url,
            ringing=_flag(ringing), answered=_flag(answered), hangup=_flag(hangup),
        )

    async def originate(
        self,
        extension: str,
        destination: str,
        *,
        caller_id: Optional[str] = None,
        manual_answer: bool = False,
        timeout: Optional[int] = None,
        announcement_to_callee: Optional[int] = None,
        announcement_to_caller: Optional[int] = None,
    ) -> str:
        _, value, _ = await self._call(
            "originate", extension=extension, destination=destination, caller_id=caller_id,
            manual_answer=manual_answer or None, timeout=timeout,
            announcement_to_callee=announcement_to_callee, announcement_to_caller=announcement_to_caller,
        )
        return str(value)

    async def cdrs(
        self,
        *,
        start_stamp_from: Optional[Stamp] = None,
        start_stamp_to: Optional[Stamp] = None,
        recording_present: Optional[str] = None,
        direction: Optional[str] = None,
        caller_id_number: Optional[str] = None,
        missed: Optional[bool] = None,
        destination_number: Optional[str] = None,
        queue: Optional[str] = None,
        limit: int = 100,
    ) -> AsyncIterator[CdrRecord]:
        extra = dict(recording_present=recording_present, direction=direction, caller_id_number=caller_id_number,
                     missed=missed, destination_number=destination_number, queue=queue, limit=limit)
        queries = _filters(start_stamp_from, start_stamp_to, extra)
        prepared = [_prepare("list_cdrs", self._key, page=1, **q) for q in queries]
        for q, first in zip(queries, prepared):
            page, p = 1, first
            while True:
                _, records, pagination = await self._send(p)
                for r in records:
                    yield CdrRecord._from(r)
                if pagination is None or page >= int(pagination["total_pages"]):
                    break
                page += 1
                p = _prepare("list_cdrs", self._key, page=page, **q)

    async def cdr(self, call_uuid: str) -> CdrDetail:
        _, value, extra = await self._call("get_cdr", call_uuid=call_uuid)
        return _detail(value, extra)

    async def set_campaign_status(self, id: int, status: Union[OnOff, str]) -> None:
        """Stops (``off``) or restarts (``on``) a campaign."""
        await self._call("set_campaign_status", id=id, status=OnOff(status).value)

    async def get_crm_settings(self) -> CrmSettings:
        """The CRM integration settings (``crm_settings``)."""
        return await self.crm_settings()

    def list_cdrs(self, **filters: Any) -> AsyncIterator[CdrRecord]:
        """Every call record the filters match (``cdrs``)."""
        return self.cdrs(**filters)

    async def get_cdr(self, call_uuid: str) -> CdrDetail:
        """One call record with its flow (``cdr``)."""
        return await self.cdr(call_uuid)

    async def _pages(self, operation: str, **params: Any) -> AsyncIterator[dict[str, Any]]:
        queries = _page_queries(params)
        for query in queries:
            _prepare(operation, self._key, **query)
        for query in queries:
            q: Optional[dict[str, Any]] = query
            while q is not None:
                _, records, pagination = await self._call(operation, **q)
                for r in records:
                    yield _record(r)
                q = None if params.get("page") is not None else _next_page(q, pagination)

    async def download(self, url: str, dest: "Union[str, os.PathLike[str]]") -> int:
        """Downloads ``url`` (a recording, voicemail or fax URL the API
        gave; valid one hour) to ``dest``; returns the bytes written."""
        written = 0
        async with self._http.stream("GET", url) as r:
            r.raise_for_status()
            with open(dest, "wb") as f:
                async for chunk in r.aiter_bytes():
                    written += f.write(chunk)
        return written

    async def download_recording(self, call_uuid: str, dest: "Union[str, os.PathLike[str]]") -> int:
        """A call's recording to ``dest``: ``recording_url``, then the file."""
        return await self.download(await self.recording_url(call_uuid), dest)

    async def download_voicemail(self, uuid: str, dest: "Union[str, os.PathLike[str]]") -> int:
        """A voicemail message to ``dest``: ``voicemail_url``, then the file."""
        return await self.download(await self.voicemail_url(uuid), dest)

    async def download_fax_document(self, call_uuid: str, dest: "Union[str, os.PathLike[str]]") -> int:
        """A fax document to ``dest``: ``fax_document_url``, then the file."""
        return await self.download(await self.fax_document_url(call_uuid), dest)
