"""Real parts for the tests: ``santral simulate`` on a free loopback port
(the binary the test command builds), and real servers (uvicorn for ASGI,
``wsgiref`` for WSGI) for the webhook kit."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Callable, Iterator, Optional
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "ffi-python" / "examples"))
KEY = "K12345678-1234-5678-4321-123456789012"


def santral_binary() -> str:
    """``SANTRAL_BIN``, else the workspace's release or debug build."""
    env = os.environ.get("SANTRAL_BIN")
    if env:
        return env
    for profile in ("release", "debug"):
        p = ROOT / "target" / profile / "santral"
        if p.exists():
            return str(p)
    raise RuntimeError("no santral binary: build it with `cargo build --release -p santral-cli` or set SANTRAL_BIN")


class Simulator:
    """A running ``santral simulate``: its URL and the lines it logged."""

    def __init__(self, *args: str) -> None:
        self.proc = subprocess.Popen(
            [santral_binary(), "simulate", "--listen", "127.0.0.1:0", *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[str] = []
        self._marks = 0
        ready = threading.Event()
        self.url = ""

        def read() -> None:
            assert self.proc.stderr is not None
            for line in self.proc.stderr:
                self.lines.append(line.rstrip("\n"))
                if "listening on http://" in line and not self.url:
                    self.url = "http://" + line.split("listening on http://", 1)[1].split()[0]
                    ready.set()

        threading.Thread(target=read, daemon=True).start()
        if not ready.wait(30):
            self.stop()
            raise RuntimeError(f"the simulator did not start: {self.lines}")

    def settled(self) -> list[str]:
        """The lines, once every request answered so far has been read.

        The simulator writes a request's line before it answers, but this
        process reads its log on a thread of its own, which may lag: one
        more request (to a path nobody serves) is sent and its own line
        awaited; the lines before it are then all here."""
        self._marks += 1
        mark = f"/santral-test-settled-{self._marks}"
        try:
            urllib.request.urlopen(self.url + mark, timeout=10)
        except urllib.error.HTTPError:
            pass  # 404: the line is what counts
        wait_for("the simulator's log", lambda: any(mark in l for l in self.lines), 10)
        return list(self.lines)

    def log(self) -> str:
        return "\n".join(self.lines)

    def requests(self, fragment: str) -> list[str]:
        """The request lines (`127.0.0.1 GET /cdrs?… → 200`) holding ``fragment``,
        every one answered so far (see ``settled``)."""
        return [l for l in self.settled() if " → " in l and fragment in l and "webhook" not in l]

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture
def simulator() -> Iterator[Callable[..., Simulator]]:
    """Starts simulators (``simulator(*flags)``), stopped after the test."""
    started: list[Simulator] = []

    def start(*args: str) -> Simulator:
        s = Simulator(*args)
        started.append(s)
        return s

    yield start
    for s in started:
        s.stop()


def free_socket() -> socket.socket:
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", 0))
    return s


class Served:
    """A server running an app in a thread, on a free port."""

    def __init__(self, url: str, stop: Callable[[], None]) -> None:
        self.url = url
        self.stop = stop


def serve_asgi(app: Any) -> Served:
    import uvicorn

    sock = free_socket()
    # The kit reads X-Forwarded-For itself (from trusted proxies only).
    config = uvicorn.Config(app, log_level="warning", lifespan="off", proxy_headers=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)

    def stop() -> None:
        server.should_exit = True
        thread.join(10)

    return Served(f"http://127.0.0.1:{sock.getsockname()[1]}", stop)


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def serve_wsgi(app: Any) -> Served:
    from socketserver import ThreadingMixIn

    class Threading(ThreadingMixIn, WSGIServer):
        daemon_threads = True

    server = make_server("127.0.0.1", 0, app, server_class=Threading, handler_class=_Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def stop() -> None:
        server.shutdown()
        server.server_close()

    return Served(f"http://127.0.0.1:{server.server_port}", stop)


@pytest.fixture
def servers() -> Iterator[Callable[[str, Any], Served]]:
    """Serves apps (``servers("asgi" | "wsgi", app)``), stopped after the test."""
    running: list[Served] = []

    def start(kind: str, app: Any) -> Served:
        s = serve_asgi(app) if kind == "asgi" else serve_wsgi(app)
        running.append(s)
        return s

    yield start
    for s in running:
        s.stop()


def wait_for(what: str, f: Callable[[], bool], seconds: float = 30.0) -> None:
    deadline = time.monotonic() + seconds
    while not f():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def header(webhook: Optional[str] = None, *, key: Optional[str] = None, retries: int = 0) -> str:
    """A campaign header (the JSON without ``phone_list``; no key: the
    client adds its own)."""
    hook = f'"webhook_url": "{webhook}", ' if webhook else ""
    k = f'"key": "{key}", ' if key else ""
    return (
        f'{{{k}"call_type": "ivr", "name": "Memnuniyet anketi", {hook}'
        f'"digit_target_1": "announcement/421", "digit_target_2": "user/1001", "call_retries": {retries}}}'
    )
