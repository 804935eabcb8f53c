"""Santral Programlama end to end (issue 28): ``santral simulate`` places
inbound calls (``/_simulator/inbound``, what ``santral simulate trigger
inbound`` sends) and asks a service written with the kit's advisory
handler how to route them — a known caller transferred, an unknown one
prompted for a customer number and transferred on the second step, a
withheld caller — and falls back when the service answers 500 or stalls."""
from __future__ import annotations

import http.server
import threading
import time
from pathlib import Path
from typing import Any, Callable

import httpx

import santral
from santral import advisory, webhooks
from conftest import KEY, Simulator, serve_asgi, wait_for

CUSTOMERS = {"05334979714": "Ahmet Yılmaz"}


def routing(tmp_path: Path, url: str, timeout: int = 5) -> str:
    path = tmp_path / "routing.toml"
    path.write_text(
        f'[[number]]\nnumber = "908505321234"\ntarget = "advisory"\n\n'
        f'[advisory]\nurl = "{url}"\nfallback = "queue/202"\ntimeout_seconds = {timeout}\n',
        encoding="utf-8",
    )
    return str(path)


def inbound(sim: Simulator, **form: Any) -> dict[str, Any]:
    r = httpx.post(f"{sim.url}/_simulator/inbound", data=form, timeout=30)
    assert r.status_code == 200, r.text
    result: dict[str, Any] = r.json()
    return result


def test_a_service_written_with_the_kit_routes_inbound_calls(simulator: Callable[..., Simulator], tmp_path: Path) -> None:
    seen: list[santral.AdvisoryRequest] = []

    def route(request: santral.AdvisoryRequest, session: dict[str, Any]) -> str:
        seen.append(request)
        if request.cli is None:
            return advisory.transfer(target="queue/200")
        caller = request.cli.national
        if caller in CUSTOMERS:
            return advisory.transfer(target="queue/201", greet_name=CUSTOMERS[caller])
        if request.step == 1:
            return advisory.prompt(phrase="Müşteri numaranızı tuşlayınız.", min_digits=5, max_digits=6,
                                   retry_count=2, param_name="musteri_no")
        return advisory.transfer(target="queue/201" if request.digits == "123456" else "queue/200")

    served = serve_asgi(webhooks.asgi(on_advisory=route, allow=["127.0.0.1/32"]))
    try:
        sim = simulator("--key", KEY, "--speed", "0", "--seed", "3", "--no-rate-limits",
                        "--routing", routing(tmp_path, served.url + "/advisory"))
        known = inbound(sim, **{"from": "05334979714", "to": "908505321234"})
        assert known["target"] == "queue/201" and len(known["advisory"]) == 1
        unknown = inbound(sim, **{"from": "+90 555 111 22 33", "to": "08505321234", "digits": "123456"})
        assert [s["action"] for s in unknown["advisory"]] == ["prompt", "transfer"]
        assert unknown["target"] == "queue/201"
        withheld = inbound(sim, **{"from": "anonymous", "to": "908505321234"})
        assert withheld["target"] == "queue/200"
        # What the service saw: the vendor's parameters, step by step, the
        # digits under the prompt's param_name, the withheld caller as None.
        assert [(r.step, r.cli.national if r.cli else None) for r in seen] == [
            (1, "05334979714"), (1, "05551112233"), (2, "05551112233"), (1, None)]
        assert seen[2].digits == "123456" and seen[2].uuid == seen[1].uuid == unknown["call_uuid"]
        # The calls are in the call records, inbound.
        with santral.Client(KEY, base_url=sim.url, pace=False) as c:
            def recorded() -> bool:
                try:
                    c.get_cdr(known["call_uuid"])
                    return True
                except santral.ApiError:
                    return False
            wait_for("the call record", recorded, 10)
            detail = c.get_cdr(known["call_uuid"])
            assert detail.record.direction == "Gelen"
    finally:
        served.stop()


class _Broken(http.server.BaseHTTPRequestHandler):
    """A service that answers 500, or stalls past the PBX's timeout."""

    stall = False

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        if self.stall:
            time.sleep(3)
        self.send_response(500)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


def broken(stall: bool) -> tuple[str, Callable[[], None]]:
    handler = type("H", (_Broken,), {"stall": stall})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/advisory", server.shutdown


def test_the_fallback_when_the_service_fails_or_stalls(simulator: Callable[..., Simulator], tmp_path: Path) -> None:
    for stall, why in ((False, "answered 500"), (True, "no answer within 1 s")):
        url, stop = broken(stall)
        try:
            sim = simulator("--speed", "0", "--no-rate-limits", "--routing", routing(tmp_path, url, timeout=1))
            started = time.monotonic()
            got = inbound(sim, **{"from": "05334979714", "to": "908505321234"})
            assert got["target"] == "queue/202", got
            assert got["advisory"][0]["error"] == why and got["advisory"][0]["fallback"] == "queue/202"
            assert time.monotonic() - started < 2.9
            # The log line is written as the call goes on: it may follow the answer.
            deadline = time.monotonic() + 5
            while why not in sim.log() and time.monotonic() < deadline:
                time.sleep(0.05)
            assert why in sim.log()
        finally:
            stop()
