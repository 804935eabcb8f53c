"""The gateway's operator page (`/ui`) in a real headless Chromium, driven
over the W3C WebDriver protocol (Debian's chromedriver; urllib only, no
Selenium): a sink that refuses makes a delivery dead; the page shows the
counts `santral gateway status` shows; the sink comes back; the page's
replay button puts the dead delivery back in the queue and it is delivered.
Everything on loopback, stopped at the end.

    python3 scripts/gateway_ui_browser.py   # SANTRAL_BIN, CHROMEDRIVER, CHROMIUM
"""
from __future__ import annotations

import http.server
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class Sink(http.server.BaseHTTPRequestHandler):
    """Refuses (500) until `up`, then answers 200 and records each key."""

    up = False
    keys: list[str] = []

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if Sink.up:
            Sink.keys.append(self.headers.get("Idempotency-Key") or "")
        self.send_response(200 if Sink.up else 500)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def wait(what: str, seconds: float, check: object) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():  # type: ignore[operator]
            return
        time.sleep(0.1)
    raise SystemExit(f"timed out waiting for {what}")


class Browser:
    """A WebDriver session."""

    def __init__(self, driver: str, chromium: str | None) -> None:
        self.port = free_port()
        self.proc = subprocess.Popen([driver, f"--port={self.port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.base = f"http://127.0.0.1:{self.port}"
        wait("chromedriver", 20, lambda: self._up())
        options: dict[str, object] = {"args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]}
        if chromium:
            options["binary"] = chromium
        caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": options}}}
        self.session = self.call("POST", "/session", caps)["sessionId"]

    def _up(self) -> bool:
        try:
            urllib.request.urlopen(self.base + "/status", timeout=1).read()
            return True
        except OSError:
            return False

    def call(self, method: str, path: str, body: object = None) -> dict:  # type: ignore[type-arg]
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + path, data=data, method=method, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=60) as r:
            out: dict = json.loads(r.read())["value"] or {}  # type: ignore[type-arg]
            return out

    def s(self, path: str) -> str:
        return f"/session/{self.session}{path}"

    def go(self, url: str) -> None:
        self.call("POST", self.s("/url"), {"url": url})

    def find(self, css: str) -> str:
        found = self.call("POST", self.s("/element"), {"using": "css selector", "value": css})
        return str(next(iter(found.values())))

    def text(self, css: str) -> str:
        return str(self.call("GET", self.s(f"/element/{self.find(css)}/text")))

    def click(self, css: str) -> None:
        self.call("POST", self.s(f"/element/{self.find(css)}/click"), {})

    def quit(self) -> None:
        try:
            self.call("DELETE", self.s(""))
        finally:
            self.proc.terminate()
            self.proc.wait()


def main() -> int:
    santral = os.environ.get("SANTRAL_BIN", "target/debug/santral")
    driver = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    sink_port, gw_port = free_port(), free_port()
    sink = http.server.ThreadingHTTPServer(("127.0.0.1", sink_port), Sink)
    threading.Thread(target=sink.serve_forever, daemon=True).start()
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "gateway.toml"
        config.write_text(
            f'database = "sqlite:{tmp}/gateway.db"\nallow = ["127.0.0.1/32"]\nmax_attempts = 1\n'
            f'[[sink]]\nkind = "logo-crm"\nname = "logo"\nurl = "http://127.0.0.1:{sink_port}/logocrm/Default.aspx/IPS_callAnswered"\n'
        )
        gw = subprocess.Popen([santral, "serve", "--config", str(config), "--listen", f"127.0.0.1:{gw_port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        browser = None
        try:
            base = f"http://127.0.0.1:{gw_port}"
            wait("the gateway", 20, lambda: socket.socket().connect_ex(("127.0.0.1", gw_port)) == 0)

            def status() -> dict:  # type: ignore[type-arg]
                out = subprocess.run([santral, "gateway", "status", "--format", "json", "--config", str(config)],
                                     capture_output=True, text=True, check=True).stdout
                st: dict = json.loads(out)  # type: ignore[type-arg]
                return st

            def count(state: str) -> int:
                return sum(d["count"] for d in status()["deliveries"] if d["state"] == state)

            body = b"event_type=answer&direction=inbound&caller_id_number=905334979714&connected_user=1001&call_uuid=UI-1&answer_stamp=2026-12-01 10:00:05"
            urllib.request.urlopen(urllib.request.Request(base + "/events", data=body), timeout=10).read()
            wait("a dead delivery", 20, lambda: count("dead") == 1)
            browser = Browser(driver, chromium if Path(chromium).exists() else None)
            browser.go(base + "/ui")
            st = status()
            shown = (browser.text("#events"), browser.text("#rejected"), browser.text("tr[data-sink='logo'] .dead"))
            want = (str(st["events"]), str(st["rejected"]), "1")
            assert shown == want, f"the page shows {shown}, gateway status {want}"
            print(f"the page shows what gateway status shows: events {shown[0]}, rejected {shown[1]}, dead {shown[2]}")
            Sink.up = True
            browser.click("button.replay")
            wait("the replayed delivery", 20, lambda: count("dead") == 0 and count("done") == 1)
            assert Sink.keys == ["answer:UI-1"], Sink.keys
            browser.go(base + "/ui")
            assert browser.text("tr[data-sink='logo'] .done") == "1"
            assert browser.text("tr[data-sink='logo'] .dead") == "0"
            print("the replay button moved the dead delivery back to pending; it was delivered once")
            browser.go(base + "/ui?q=UI-1")
            assert "+90 533*****14" in browser.text("#found"), "the search by call uuid shows the masked caller"
            browser.go(base + "/ui?q=" + urllib.parse.quote("+90 533*****14"))
            assert "answer:UI-1" in browser.text("#found"), "the search by the masked caller finds the call"
            print("the search by call uuid and by the masked caller found it, caller masked")
        finally:
            if browser is not None:
                browser.quit()
            gw.terminate()
            gw.wait()
            sink.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
