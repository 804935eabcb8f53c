"""santral.webhooks under real servers (uvicorn for ASGI, wsgiref for
WSGI), fed by ``santral simulate`` and by hand: typed deliveries, once
each; pings; invalid bodies; advisory sessions and the fallback; the
allow-list, trusted proxies and the secret path."""
from __future__ import annotations

import asyncio
import json
import threading
from typing import Any

import httpx
import pytest

import santral
from santral import advisory, webhooks
from conftest import header, wait_for
from test_client import new_key

LOCAL = ["127.0.0.1/32"]
EVENT = b"event_type=answer&direction=inbound&caller_id_number=05321234567&connected_user=1001&call_uuid=c-1"
REPORT = "notification_id=99999&phone=905321234567&digit=2&status=Cevaplandı&call_uuid=u-7".encode()


class Inbox:
    """What the handlers received (handlers run in other threads)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.items: list[Any] = []

    def add(self, item: Any) -> None:
        with self.lock:
            self.items.append(item)

    def __len__(self) -> int:
        with self.lock:
            return len(self.items)


@pytest.mark.parametrize("kind", ["asgi", "wsgi"])
def test_campaign_reports_arrive_typed_once_each(kind: str, simulator: Any, servers: Any) -> None:
    inbox = Inbox()
    make = webhooks.asgi if kind == "asgi" else webhooks.wsgi
    kit = servers(kind, make(on_campaign_report=inbox.add, allow=LOCAL))
    key = new_key()
    s = simulator("--key", key, "--speed", "0", "--seed", "8", "--no-rate-limits")
    with santral.Client(key, base_url=s.url) as c:
        c.create_campaign(header(f"{kit.url}/reports", retries=1), [f"0532{5_000_000 + i:07d}" for i in range(6)])

    def sent() -> list[str]:
        return [l for l in s.lines if " report (campaign " in l and "→ 200" in l]

    wait_for("the campaign to finish", lambda: any("finished" in l for l in s.lines))
    wait_for("every report", lambda: len(inbox) == len(sent()))
    reports = list(inbox.items)
    assert all(isinstance(r, santral.CampaignReport) for r in reports)
    assert len({r.notification_id for r in reports}) == len(reports) >= 6
    # The verification POST reached the kit but not the handler; a resend is not delivered twice.
    body = REPORT
    assert httpx.post(f"{kit.url}/reports", content=body).status_code == 200
    assert httpx.post(f"{kit.url}/reports", content=body).status_code == 200
    assert len(inbox) == len(reports) + 1


def test_call_events_of_originated_calls(simulator: Any, servers: Any) -> None:
    inbox = Inbox()

    async def on_event(e: santral.CallEvent) -> None:
        await asyncio.sleep(0)
        inbox.add(e)

    kit = servers("asgi", webhooks.asgi(on_call_event=on_event, allow=LOCAL))
    key = new_key()
    s = simulator("--key", key, "--speed", "0", "--seed", "2", "--no-rate-limits")
    with santral.Client(key, base_url=s.url) as c:
        c.update_crm_settings(f"{kit.url}/events", ringing="on", answered="on", hangup="on")
        uuid = c.originate("1001", "05321234567")
    wait_for("the hangup", lambda: any(e.event_type is santral.EventType.HANGUP for e in inbox.items))
    mine = [e for e in inbox.items if e.call_uuid == uuid]
    assert mine[0].event_type is santral.EventType.RINGING and mine[-1].event_type is santral.EventType.HANGUP
    assert mine[-1].connected_user is not None and mine[-1].connected_user.national_number == "1001"
    assert len({e.idempotency_key for e in mine}) == len(mine)


@pytest.mark.parametrize("kind", ["asgi", "wsgi"])
def test_a_handed_over_event_keeps_its_warnings(kind: str, servers: Any) -> None:
    # The kit builds the value from the core's one reading, warnings included.
    inbox = Inbox()
    make = webhooks.asgi if kind == "asgi" else webhooks.wsgi
    kit = servers(kind, make(on_call_event=inbox.add, allow=LOCAL))
    body = b"event_type=hangup&direction=inbound&call_uuid=w-1&hangup_cause=WEIRD"
    assert httpx.post(f"{kit.url}/events", content=body).status_code == 200
    assert len(inbox) == 1
    (event,) = list(inbox.items)
    assert event == santral.CallEvent.parse(body)
    assert [d.code for d in event.warnings] == ["event.unknown_hangup_cause"]


@pytest.mark.parametrize("kind", ["asgi", "wsgi"])
def test_pings_invalid_bodies_and_failing_handlers(kind: str, servers: Any) -> None:
    inbox = Inbox()
    fail = {"now": True}

    def on_event(e: santral.CallEvent) -> None:
        if fail["now"]:
            fail["now"] = False
            raise RuntimeError("database down")
        inbox.add(e)

    make = webhooks.asgi if kind == "asgi" else webhooks.wsgi
    kit = servers(kind, make(on_call_event=on_event, allow=LOCAL))
    for ping in (b"", b"{}"):
        assert httpx.post(f"{kit.url}/events", content=ping).status_code == 200
    bad = httpx.post(f"{kit.url}/events", content=b"event_type=ringin&direction=inbound&call_uuid=1")
    assert bad.status_code == 400
    diag = bad.json()
    assert list(diag) == ["diagnostics"]  # the core's 400 body, as the gateway and PHP give it
    assert diag["diagnostics"][0]["code"] == "event.event_type" and diag["diagnostics"][0]["path"] == "event_type"
    answered = httpx.post(f"{kit.url}/events", content=b"")
    assert (answered.text, answered.headers["content-type"]) == ("OK", "text/plain; charset=utf-8")
    # The handler fails: 500, and the resend is delivered.
    assert httpx.post(f"{kit.url}/events", content=EVENT).status_code == 500
    assert httpx.post(f"{kit.url}/events", content=EVENT).status_code == 200
    assert httpx.post(f"{kit.url}/events", content=EVENT).status_code == 200
    assert len(inbox) == 1
    not_allowed = httpx.get(f"{kit.url}/events")
    assert (not_allowed.status_code, not_allowed.headers["allow"]) == (405, "POST")
    assert httpx.post(f"{kit.url}/nope", content=EVENT).status_code == 404
    assert httpx.post(f"{kit.url}/events", content=b"x" * (2 << 20)).status_code == 413


@pytest.mark.parametrize("kind", ["asgi", "wsgi"])
def test_an_advisory_session_over_three_steps(kind: str, servers: Any) -> None:
    seen: list[tuple[int, Any, dict[str, Any]]] = []

    def route(req: santral.AdvisoryRequest, session: dict[str, Any]) -> str:
        seen.append((req.step, req.digits, dict(session)))
        if req.step == 1:
            session["customer"] = None
            return advisory.prompt(min_digits=6, max_digits=6, retry_count=1, announcement_id=456, param_name="musteri_no")
        if req.step == 2:
            session["customer"] = req.digits
            return advisory.prompt(min_digits=1, max_digits=1, retry_count=0, announcement_id=457, param_name="secim")
        assert session["customer"] == "123456"
        return advisory.transfer(target="queue/201" if req.digits == "1" else "queue/202")

    make = webhooks.asgi if kind == "asgi" else webhooks.wsgi
    kit = servers(kind, make(on_advisory=route, allow=LOCAL))
    q = "uuid=a-1&cli=05301234567&cld=08505321234"
    one = httpx.get(f"{kit.url}/advisory?{q}&step=1").json()
    assert one["prompt"]["param_name"] == "musteri_no"
    two = httpx.get(f"{kit.url}/advisory?{q}&step=2&musteri_no=123456").json()
    assert two["prompt"]["param_name"] == "secim"
    three = httpx.get(f"{kit.url}/advisory?{q}&step=3&secim=1").json()
    assert three == {"transfer": {"target": "queue/201"}}
    assert [(s, d) for s, d, _ in seen] == [(1, None), (2, "123456"), (3, "1")]
    assert seen[2][2]["customer"] == "123456"
    assert httpx.get(f"{kit.url}/advisory?uuid=a-2&cli=x&cld=1&step=1").status_code == 400


@pytest.mark.parametrize("kind", ["asgi", "wsgi"])
def test_the_fallback_keeps_a_caller_out_of_silence(kind: str, servers: Any) -> None:
    def route(req: santral.AdvisoryRequest, session: dict[str, Any]) -> Any:
        if req.step == 1:
            raise RuntimeError("crm down")
        if req.step == 2:
            return None
        return '{"transfer": {}}'

    fallback = advisory.transfer(target="queue/200")
    make = webhooks.asgi if kind == "asgi" else webhooks.wsgi
    kit = servers(kind, make(on_advisory=route, allow=LOCAL, fallback=fallback))
    for step in (1, 2, 3):
        r = httpx.get(f"{kit.url}/advisory?uuid=f-1&cli=05301234567&cld=08505321234&step={step}")
        assert r.status_code == 200 and r.json() == {"transfer": {"target": "queue/200"}}
    with pytest.raises(santral.AdvisoryError):
        webhooks.asgi(fallback='{"transfer": {"target": "nowhere"}}')


@pytest.mark.parametrize("kind", ["asgi", "wsgi"])
def test_addresses_proxies_and_the_secret(kind: str, servers: Any) -> None:
    inbox = Inbox()
    make = webhooks.asgi if kind == "asgi" else webhooks.wsgi
    default = servers(kind, make(on_call_event=inbox.add))  # the vendor's addresses only
    assert httpx.post(f"{default.url}/events", content=EVENT).status_code == 403
    proxied = servers(kind, make(on_call_event=inbox.add, allow=["194.49.126.36/32"], trusted_proxies=LOCAL))
    ok = httpx.post(f"{proxied.url}/events", content=EVENT, headers={"x-forwarded-for": "194.49.126.36"})
    assert ok.status_code == 200
    forged = httpx.post(f"{proxied.url}/events", content=EVENT, headers={"x-forwarded-for": "194.49.126.36, 8.8.8.8"})
    assert forged.status_code == 403
    # Two header lines (a proxy appends its own): the last counts.
    two = httpx.post(f"{proxied.url}/events", content=EVENT,
                     headers=[("x-forwarded-for", "194.49.126.36"), ("x-forwarded-for", "203.0.113.9")])
    assert two.status_code == 403
    # Undecodable bytes from the trusted proxy: refused, not the proxy.
    assert httpx.post(f"{proxied.url}/events", content=EVENT, headers=[(b"x-forwarded-for", b"\x80")]).status_code == 403
    untrusted = servers(kind, make(on_call_event=inbox.add, allow=["194.49.126.36/32"]))
    assert httpx.post(f"{untrusted.url}/events", content=EVENT, headers={"x-forwarded-for": "194.49.126.36"}).status_code == 403
    secret = servers(kind, make(on_call_event=inbox.add, allow=LOCAL, secret="s3cr3t"))
    assert httpx.post(f"{secret.url}/events", content=EVENT).status_code == 404
    assert httpx.post(f"{secret.url}/s3cr3t/events", content=EVENT.replace(b"c-1", b"c-2")).status_code == 200
    assert len(inbox) == 2
    with pytest.raises(santral.SantralError) as e:
        webhooks.wsgi(allow=["10.0.0.0/33"])
    assert e.value.code == "opencart.cidr"
    assert webhooks.VENDOR_ADDRESSES[0] == "194.49.126.36/32"


def test_the_examples_mount_the_kit(simulator: Any, servers: Any) -> None:
    import kit_fastapi
    import kit_flask

    fa = servers("asgi", kit_fastapi.app)
    fl = servers("wsgi", kit_flask.app)
    for url in (fa.url, fl.url):
        assert httpx.get(f"{url}/health").status_code == 200
        assert httpx.post(f"{url}/pbx/events", content=EVENT).status_code == 200
        assert httpx.post(f"{url}/pbx/reports", content=REPORT).status_code == 200
        route = httpx.get(f"{url}/pbx/advisory?uuid=e-1&cli=05301234567&cld=08505321234&step=1")
        assert json.loads(route.content)["prompt"]["param_name"] == "musteri_no"
    assert kit_fastapi.EVENTS and kit_flask.EVENTS


def test_the_readme_integration_runs_against_the_simulator(simulator: Any) -> None:
    import os
    import subprocess
    import sys
    from pathlib import Path

    from conftest import free_socket

    s = simulator("--speed", "0", "--seed", "3", "--no-rate-limits")
    sock = free_socket()
    port = sock.getsockname()[1]
    sock.close()
    script = Path(__file__).resolve().parents[1] / "examples" / "integration.py"
    out = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=90,
        env={**os.environ, "SANTRAL_URL": s.url, "PORT": str(port)},
    )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    # The first report may arrive before the create call has returned.
    assert lines.count("campaign 20212") == 1
    assert {l.split(":")[0] for l in lines if l.startswith("lead ")} >= {"lead 1", "lead 2", "lead 3"}


def test_coroutine_handlers_under_wsgi(servers: Any) -> None:
    inbox = Inbox()

    async def on_report(r: santral.CampaignReport) -> None:
        await asyncio.sleep(0)
        inbox.add(r)

    kit = servers("wsgi", webhooks.wsgi(on_campaign_report=on_report, allow=LOCAL))
    assert httpx.post(f"{kit.url}/reports", content=REPORT).status_code == 200
    assert len(inbox) == 1 and inbox.items[0].notification_id == 99999


@pytest.mark.parametrize("kind", ["asgi", "wsgi"])
def test_a_refused_path_cannot_forge_a_log_line(kind: str, servers: Any, caplog: pytest.LogCaptureFixture) -> None:
    import logging

    caplog.set_level(logging.WARNING, logger="santral")
    make = webhooks.asgi if kind == "asgi" else webhooks.wsgi
    default = servers(kind, make(on_call_event=Inbox().add))  # the vendor's addresses only
    forged = "/x%0a2026-12-07 00:00:00 INFO santral.webhooks: delivered OK"
    assert httpx.post(f"{default.url}{forged}", content=EVENT).status_code == 403
    refused = [r.getMessage() for r in caplog.records if r.getMessage().startswith("refused")]
    assert refused and all("\n" not in m for m in refused), refused
    # Written escaped: as on the request line (ASGI's raw path) or as \n.
    assert any("%0a2026-12-07" in m or "\\n2026-12-07" in m for m in refused), refused
