"""santral.Client and AsyncClient against ``santral simulate`` on a free
loopback port: every operation, every failure class, pacing, retries,
and no key in any log line or exception."""
from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import uuid
from typing import Any, Iterator

import httpx
import pytest

import santral
from santral import api
from conftest import Simulator, header, wait_for


def new_key() -> str:
    """A key of the documented shape, new for each test (pacing is per key)."""
    u = uuid.uuid4().hex
    return f"K{u[:8]}-{u[8:12]}-{u[12:16]}-{u[16:20]}-{u[20:32]}"


def leads(n: int) -> Iterator[str]:
    for i in range(n):
        yield f"0532{3_000_000 + i:07d}"


def sim(simulator: Any, key: str, *flags: str) -> Simulator:
    s: Simulator = simulator("--key", key, "--speed", "0", "--seed", "5", "--clock", "2026-12-01 09:00:00", *flags)
    return s


def test_every_operation_and_failure(simulator: Any, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="santral")
    key = new_key()
    s = sim(simulator, key, "--no-rate-limits")
    errors: list[BaseException] = []
    with santral.Client(key, base_url=s.url) as c:
        assert key not in repr(c)
        cid = c.create_campaign(header(), leads(5))
        assert cid == 20212
        c.stop_campaign(cid)
        c.start_campaign(cid)
        c.delete_campaign(cid)
        with pytest.raises(santral.NotFound) as nf:
            c.delete_campaign(cid)
        assert (nf.value.status, nf.value.code, nf.value.operation) == (400, "response.campaign_not_found", "delete_campaign")
        errors.append(nf.value)
        # A ready JSON body works too.
        body = santral.campaign.build(header(key=key), ["05321234567"])
        assert body is not None
        assert c.create_campaign(body=body) == 20213
        settings = c.crm_settings()
        assert settings.notification_url is None and settings.ringing is santral.OnOff.OFF
        with pytest.raises(santral.Rejected) as rej:
            c.update_crm_settings("http://127.0.0.1:9/nowhere", hangup="on")
        assert rej.value.code == "response.url_not_verified"
        errors.append(rej.value)
        call = c.originate("1001", "08505320000", timeout=20)
        assert len(call) == 36
        with pytest.raises(santral.NotFound) as ext:
            c.originate("1005", "08505320000")
        assert ext.value.text == "extension 1005 not found"
        errors.append(ext.value)
        wait_for("the call to end", lambda: any(f"call {call} ended" in l for l in s.lines))
        records = list(c.cdrs(limit=10))
        assert records and all(isinstance(r, santral.CdrRecord) for r in records)
        assert any(r.call_uuid == call for r in records)
        detail = c.cdr(call)
        assert detail.record.call_uuid == call and len(detail.call_flow) == 2
        assert detail.record.direction is santral.CdrDirection.GIDEN_API
        with pytest.raises(santral.NotFound) as nocall:
            c.cdr("5cfdfb46-776c-11e7-8375-0d58348796d3")
        assert nocall.value.status == 404
        errors.append(nocall.value)
    # A key the PBX does not know.
    with santral.Client(new_key(), base_url=s.url) as stranger:
        with pytest.raises(santral.InvalidKey) as bad:
            stranger.crm_settings()
        errors.append(bad.value)
    # Nothing the key could be read from: logs, messages, reprs.
    texts = [r.getMessage() for r in caplog.records] + [str(e) for e in errors] + [repr(e) for e in errors]
    texts += [getattr(e, "text", "") for e in errors]
    assert caplog.records, "the client logs each request"
    for t in texts:
        assert key not in t and "-" + key[-12:] not in t, t


def test_nothing_invalid_is_sent(simulator: Any) -> None:
    key = new_key()
    s = sim(simulator, key, "--no-rate-limits")
    with santral.Client(key, base_url=s.url) as c:
        with pytest.raises(santral.CampaignError) as e:
            c.create_campaign(header(), ["05321234567", "0532"])
        assert e.value.path == "phone_list[1].phone"
        with pytest.raises(santral.SantralError) as o:
            c.originate("1001", "05321234567", timeout=5)
        assert o.value.code == "originate.timeout_range"
        with pytest.raises(santral.SantralError) as x:
            c.originate("1", "05321234567")
        assert (x.value.code, x.value.path) == ("extension.invalid", "extension")
        with pytest.raises(santral.SantralError):
            list(c.cdrs(limit=5))
    assert not s.requests("/ivr_campaigns") and not s.requests("/originate") and not s.requests("/cdrs"), s.log()


def test_a_long_range_is_split_and_paced_without_a_429(simulator: Any) -> None:
    key = new_key()
    s = sim(simulator, key)  # the vendor's rate limits on
    with santral.Client(key, base_url=s.url) as c:
        uuids = {c.originate("1002", f"0532{4_000_000 + i:07d}") for i in range(25)}
        wait_for("25 calls to end", lambda: sum(1 for u in uuids if any(f"call {u} ended" in l for l in s.lines)) == 25)
        start = dt.datetime(2026, 10, 1, tzinfo=dt.timezone.utc)
        end = start + dt.timedelta(days=70)
        got = [r.call_uuid for r in c.cdrs(start_stamp_from=start, start_stamp_to=end, limit=10)]
    assert set(got) == uuids and len(got) == 25
    asked = s.requests("GET /cdrs?")
    # Three windows (70 days); the one holding the calls in three pages.
    windows = {l.split("start_stamp_from=")[1].split("&")[0] for l in asked}
    assert len(windows) == 3 and len(asked) == 5, asked
    assert all(l.endswith(" ms") and "→ 200" in l for l in asked), asked
    assert not [l for l in s.settled() if "→ 429" in l]


def test_pacing_waits_rather_than_collecting_429s(simulator: Any) -> None:
    key = new_key()
    s = sim(simulator, key)
    with santral.Client(key, base_url=s.url) as c:
        for _ in range(7):  # /cdrs admits 6 a minute: the 7th waits ~10 s
            list(c.cdrs(limit=10))
    assert len(s.requests("GET /cdrs?")) == 7
    assert not [l for l in s.settled() if "→ 429" in l]


def test_rate_limited_without_pacing_is_an_exception(simulator: Any) -> None:
    key = new_key()
    s = sim(simulator, key)
    with santral.Client(key, base_url=s.url, pace=False, retry=santral.Retry(attempts=1)) as c:
        for _ in range(6):
            list(c.cdrs())
        with pytest.raises(santral.RateLimited) as e:
            list(c.cdrs())
    assert e.value.status == 429 and e.value.retry_after is not None and e.value.retry_after > 0
    assert e.value.transient


def counting(responses: list[httpx.Response]) -> tuple[httpx.MockTransport, list[httpx.Request]]:
    seen: list[httpx.Request] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return responses[min(len(seen), len(responses)) - 1]

    return httpx.MockTransport(handle), seen


def test_retries_only_what_may_be_retried() -> None:
    key = new_key()
    fast = santral.Retry(attempts=3, backoff=0.01, max_backoff=0.02)
    ok = httpx.Response(200, content=b'{"ringing":"on","answered":"on","hangup":"on","notification_url":"https://x.com/e"}')
    # An idempotent read: 503, 503, then the answer.
    t, seen = counting([httpx.Response(503, content=b"busy"), httpx.Response(503, content=b"busy"), ok])
    with santral.Client(key, base_url="http://pbx.test", transport=t, retry=fast) as c:
        assert c.crm_settings().ringing is santral.OnOff.ON
    assert len(seen) == 3
    # Originate: a 503 is never retried (the call may have been placed).
    t, seen = counting([httpx.Response(503, content=b"busy")])
    with santral.Client(key, base_url="http://pbx.test", transport=t, retry=fast) as c:
        with pytest.raises(santral.ServerError) as e:
            c.originate("1001", "05321234567")
    assert len(seen) == 1 and e.value.status == 503
    # ... but a 429 is (the PBX did not execute it).
    t, seen = counting([httpx.Response(429, headers={"retry-after": "0"}), httpx.Response(200, content=b"358c20bc-fd86-11e5-87a2-157d41a07454")])
    with santral.Client(key, base_url="http://pbx.test", transport=t, retry=fast) as c:
        assert c.originate("1001", "05321234567") == "358c20bc-fd86-11e5-87a2-157d41a07454"
    assert len(seen) == 2
    # An answer the operation never gives.
    t, _ = counting([httpx.Response(200, content=b"<html>")])
    with santral.Client(key, base_url="http://pbx.test", transport=t, retry=fast) as c:
        with pytest.raises(santral.ServerError):
            c.create_campaign(header(key=key), ["05321234567"])
    # Nobody listening: Unreachable, after the retries.
    with santral.Client(key, base_url="http://127.0.0.1:9", retry=fast, timeout=1.0) as c:
        with pytest.raises(santral.Unreachable) as u:
            c.crm_settings()
    assert u.value.status is None
    # It names where it went (issue 30 #4), the key masked.
    assert "http://127.0.0.1:9" in str(u.value) and "GET /crm_integrations" in str(u.value), str(u.value)
    assert key not in str(u.value) and f"{key[:5]}…{key[-4:]}" in str(u.value), str(u.value)


def test_a_ready_body_given_positionally_is_the_campaign(simulator: Any) -> None:
    """Issue 30 #7: ``create_campaign(body)`` works as ``create_campaign(body=body)``."""
    key = new_key()
    s = sim(simulator, key, "--no-rate-limits")
    body = json.dumps({"key": key, "call_type": "queue", "name": "hazır", "queue_number": 200,
                       "thread_multiplier": 1, "phone_list": [{"phone": "05321234567"}]})
    with santral.Client(key, base_url=s.url, pace=False) as c:
        first = c.create_campaign(body)
        assert c.create_campaign(body=body) == first + 1
        with pytest.raises(TypeError, match="body="):
            c.create_campaign()


def test_async_client(simulator: Any) -> None:
    key = new_key()
    s = sim(simulator, key, "--no-rate-limits")

    async def run() -> tuple[int, str, int]:
        async with santral.AsyncClient(key, base_url=s.url) as c:
            cid = await c.create_campaign(header(), leads(3))
            await c.stop_campaign(cid)
            call = await c.originate("1003", "05321234567")
            n = 0
            for _ in range(200):
                n = len([r async for r in c.cdrs()])
                if n >= 1:
                    break
                await asyncio.sleep(0.02)
            try:
                await c.delete_campaign(99)
            except santral.NotFound as e:
                assert e.operation == "delete_campaign"
            return cid, call, n

    cid, call, n = asyncio.run(run())
    assert cid == 20212 and len(call) == 36 and n >= 1


def test_the_sans_io_layer_is_public() -> None:
    key = new_key()
    p = api.prepare("set_campaign_status", key=key, id=112, status="off")
    assert (p.method, p.target, p.content_type) == ("PATCH", "/ivr_campaigns/112", "application/x-www-form-urlencoded")
    assert p.body == f"key={key}&status=off".encode() and p.valid and p.idempotent
    assert key not in repr(p)
    with pytest.raises(santral.NotFound) as e:
        api.read_reply("get_cdr", 404, "cannot find call with call_uuid x-1")
    assert e.value.code == "response.call_not_found"
    assert api.read_reply("create_campaign", 200, b"20212\n") == api.Reply("campaign_created", 20212, None)
    assert set(api.OPERATIONS) == {o for o in api.OPERATIONS}
