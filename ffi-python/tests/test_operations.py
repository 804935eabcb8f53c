"""Every one of the API's 45 operations through ``santral.Client`` and
``AsyncClient``: each method sends the request the core writes (method,
path, query, body, content type — checked by a loopback HTTP server that
reads what arrived) and returns the reply the vendor's page publishes,
read into its type; each documented failure raises its exception class.
The replies are the core's own table (``_native.api_operations()``), so
a new row is covered without a new line here.

(``santral simulate`` plays all 45: test_simulated_pbx.py drives every
method against it, test_client.py the paging and pacing.)"""
from __future__ import annotations

import asyncio
import datetime as dt
import http.server
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, Iterator, Optional
from urllib.parse import parse_qsl, urlsplit

import pytest

import santral
from santral import _native, api

KEY = "K12345678-1234-5678-4321-123456789012"
UUID = "f3797dfc-a818-11e7-bf70-cb295b6663ce"
ROOT = Path(__file__).resolve().parents[2]
OPS = {op[0]: op for op in _native.api_operations()}

# Arguments for each generated method (the page's example values).
ARGS: dict[str, tuple[tuple[Any, ...], dict[str, Any]]] = {
    "bridge": (("905321234567", "905423456789"), {"recording_enabled": False, "timeout": 30}),
    "answer": ((UUID,), {}),
    "hangup": ((UUID,), {}),
    "transfer": ((UUID, "1000"), {}),
    "mute": ((UUID, "on"), {}),
    "set_dnd": (("1010", "on"), {}),
    "recording_url": (("12345678-1234-5678-4321-123456789012",), {}),
    "list_announcements": ((), {}),
    "create_announcement": (("karşılama sesi", b"ID3\x03\x00"), {}),
    "update_announcement": ((21870, "karşılama sesi", b"ID3\x03\x00"), {}),
    "delete_announcement": ((21870,), {}),
    "list_caller_ids": ((), {}),
    "set_outbound_caller_id": (("1001", "908505320001"), {}),
    "list_queues": ((), {}),
    "list_queue_waiting": ((), {}),
    "list_queue_members": (("200",), {}),
    "set_queue_members": (("200", [1000, 1001, 1002]), {}),
    "list_voicemails": ((), {"read": False, "limit": 10}),
    "voicemail_url": (("12345678-1234-5678-4321-123456789012",), {}),
    "list_contact_groups": ((), {}),
    "create_contact_group": (("Müşteriler",), {}),
    "update_contact_group": ((20212, "Arkadaşlarım"), {}),
    "delete_contact_group": ((20212,), {}),
    "list_contacts": ((), {}),
    "create_contact": (("Verimor", "05531234567"), {"birthday": "01.01.1990", "birthday_sms": True, "group_ids": [20212, 20213]}),
    "update_contact": ((10203,), {"name": "Bulutsantralim"}),
    "delete_contact": ((10203,), {}),
    "list_blocked_numbers": ((), {}),
    "block_number": (("05531234567",), {}),
    "unblock_number": (("05531234567",), {}),
    "send_fax": (("902123205072", b"%PDF-1.4"), {"local_station_header": "Bulutsantralim"}),
    "list_fax_orders": ((), {}),
    "list_fax_records": ((), {"direction": "outbound", "success": True}),
    "fax_document_url": (("e28e5d48-05d8-11e8-663a-fde60c59425c",), {}),
    "list_agent_statuses": ((), {"status": "ON_BREAK"}),
    "list_user_statuses": ((), {}),
    "create_webphone_token": (("1000",), {}),
}


class Vendor:
    """A loopback HTTP server answering each request with the published
    reply of the operation ``answer`` names (status, body), and keeping
    what arrived."""

    def __init__(self) -> None:
        self.answer: tuple[int, str] = (200, "")
        self.seen: list[tuple[str, str, Optional[str], bytes]] = []
        vendor = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def _any(self) -> None:
                n = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(n) if n else b""
                vendor.seen.append((self.command, self.path, self.headers.get("content-type"), body))
                status, text = vendor.answer
                data = text.encode()
                self.send_response(status)
                self.send_header("content-type", "text/plain; charset=utf-8")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _any

            def log_message(self, *a: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def vendor() -> Iterator[Vendor]:
    v = Vendor()
    yield v
    v.close()


def expected_request(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> api.Prepared:
    """What the core writes for the method's arguments (files as data URLs)."""
    spec = OPS[name]
    params = [p for p in spec[8] if p[0] != "key"]
    ordered = sorted(params, key=lambda p: p[1] != "path")
    required = [p[0] for p in ordered if p[3]]
    values = dict(zip(required, args))
    values.update(kwargs)
    for p in params:
        if p[2] == "data_url" and isinstance(values.get(p[0]), bytes):
            mime = "audio/mp3" if name.endswith("announcement") else "application/pdf"
            values[p[0]] = _native.data_url(mime, None, values[p[0]], name.endswith("announcement"))
    return api.prepare(name, key=KEY, **values)


def check_value(name: str, value: Any) -> None:
    """The method returned the published reply, typed."""
    reply = OPS[name][4]
    if reply in ("ok", "plus_ok", "empty"):
        assert value is None
    elif reply == "id":
        assert isinstance(value, int) and value > 0
    elif reply == "dnd":
        assert value is True
    elif reply in ("call_uuid", "url", "token"):
        assert isinstance(value, str) and value
    elif reply == "records":
        rows = list(value)
        assert rows and all(isinstance(r, dict) for r in rows), name
        assert not any("malformed" in r for r in rows), rows
    else:
        raise AssertionError(reply)


def test_every_generated_operation_sends_the_cores_request_and_reads_the_published_reply(vendor: Vendor) -> None:
    generated = [n for n in api.OPERATIONS if n in ARGS]
    assert len(api.OPERATIONS) == 45 and len(generated) == 37
    with santral.Client(KEY, base_url=vendor.url, pace=False) as c:
        for name in generated:
            args, kwargs = ARGS[name]
            vendor.answer = (200, OPS[name][9])
            vendor.seen.clear()
            value = getattr(c, name)(*args, **kwargs)
            check_value(name, value)
            want = expected_request(name, args, kwargs)
            assert want.valid, (name, want.diagnostics)
            method, target, ctype, body = vendor.seen[0]
            assert (method, target, body) == (want.method, want.target, want.body), name
            if want.content_type:
                assert ctype == want.content_type, name


def test_every_documented_failure_raises_its_class(vendor: Vendor) -> None:
    with santral.Client(KEY, base_url=vendor.url, pace=False, retry=santral.Retry(attempts=1)) as c:
        for name in ARGS:
            args, kwargs = ARGS[name]
            for status, text, code, _assumed in OPS[name][10]:
                vendor.answer = (status, text)
                with pytest.raises(santral.ApiError) as e:
                    result = getattr(c, name)(*args, **kwargs)
                    if not isinstance(result, (str, int, bool, list, type(None))):
                        list(result)
                assert e.value.code == code, (name, text)
                assert e.value.status == status and e.value.operation == name
                assert KEY not in str(e.value) and KEY not in e.value.text
    # The classes an integrator catches.
    assert issubclass(santral.NotFound, santral.ApiError)


def test_the_async_client_has_every_operation_too(vendor: Vendor) -> None:
    async def run() -> None:
        async with santral.AsyncClient(KEY, base_url=vendor.url, pace=False) as c:
            for name in ARGS:
                args, kwargs = ARGS[name]
                vendor.answer = (200, OPS[name][9])
                result = getattr(c, name)(*args, **kwargs)
                if OPS[name][5] and any(p[0] == "page" for p in OPS[name][8]):
                    rows = [r async for r in result]
                    assert rows, name
                else:
                    check_value(name, await result)

    asyncio.run(run())


def test_paged_lists_fetch_every_page_lazily(vendor: Vendor) -> None:
    page = '{{"contacts":[{{"id":{n},"name":"K{n}"}}],"pagination":{{"page":{p},"total_count":3,"total_pages":3,"limit":10}}}}'
    with santral.Client(KEY, base_url=vendor.url, pace=False) as c:
        it = c.list_contacts()
        assert vendor.seen == []  # nothing sent before the first record is asked for
        ids = []
        for p in (1, 2, 3):
            vendor.answer = (200, page.format(n=p * 10, p=p))
            ids.append(next(it)["id"])
        assert ids == [10, 20, 30]
        assert [s[1] for s in vendor.seen] == [f"/contacts?key={KEY}"] + [f"/contacts?key={KEY}&page={p}" for p in (2, 3)]
        # One page when one is asked for.
        vendor.seen.clear()
        vendor.answer = (200, page.format(n=5, p=2))
        assert [r["id"] for r in c.list_contacts(page=2)] == [5]
        assert len(vendor.seen) == 1


def test_a_voicemail_range_longer_than_31_days_is_split(vendor: Vendor) -> None:
    empty = '{"messages":[],"pagination":{"page":1,"total_count":0,"total_pages":1,"limit":10}}'
    vendor.answer = (200, empty)
    with santral.Client(KEY, base_url=vendor.url, pace=False) as c:
        start = dt.datetime(2017, 1, 1, tzinfo=dt.timezone.utc)
        assert list(c.list_voicemails(start_stamp_from=start, start_stamp_to=start + dt.timedelta(days=70))) == []
    assert len(vendor.seen) == 3
    assert all("start_stamp_from=2017-" in s[1] for s in vendor.seen)


def test_records_are_typed(vendor: Vendor) -> None:
    with santral.Client(KEY, base_url=vendor.url, pace=False) as c:
        vendor.answer = (200, OPS["list_fax_orders"][9])
        order = next(iter(c.list_fax_orders()))
        assert order["created_at"] == dt.datetime(2018, 6, 5, 16, 41, 39)
        vendor.answer = (200, OPS["list_agent_statuses"][9])
        agents = c.list_agent_statuses()
        assert agents[0]["queues"] == ["204", "205"] and agents[2]["break_description"] == "Kahve"
        vendor.answer = (200, OPS["list_queue_waiting"][9])
        assert c.list_queue_waiting()[0]["queue_number"] == 200
        # A value without its documented form: None, its text kept.
        vendor.answer = (200, '[{"number": "iki yüz", "name": "Kuyruk 1"}]')
        q = c.list_queues()[0]
        assert q["number"] is None and q["malformed"] == {"number": '"iki yüz"'}


def test_nothing_invalid_is_sent(vendor: Vendor) -> None:
    with santral.Client(KEY, base_url=vendor.url, pace=False) as c:
        with pytest.raises(santral.SantralError) as e:
            c.create_contact("Ali", "05321234567", birthday_sms=True)
        assert (e.value.code, e.value.path) == ("api.required_when", "birthday")
        with pytest.raises(santral.SantralError) as e:
            c.set_queue_members("200", "1000,x1")
        assert (e.value.code, e.value.path) == ("extension.invalid", "user_list")
        with pytest.raises(santral.SantralError) as e:
            c.create_announcement("x", "data:audio/mp3;base64,AA+A")
        assert e.value.code == "api.base64"
        with pytest.raises(santral.SantralError) as e:
            c.bridge("905321234567", "905423456789", timeout=5)
        assert (e.value.code, e.value.path) == ("api.range", "timeout")
    assert vendor.seen == []


def test_files_become_the_data_url_the_page_asks_for(vendor: Vendor, tmp_path: Path) -> None:
    sound = tmp_path / "karşılama sesi.mp3"
    sound.write_bytes(bytes(range(256)))
    vendor.answer = (200, "859")
    with santral.Client(KEY, base_url=vendor.url, pace=False) as c:
        assert c.create_announcement("karşılama", sound) == 859
    body = dict(parse_qsl(vendor.seen[0][3].decode()))
    data = body["sounddata"]
    assert data.startswith("data:audio/mp3;name:kar%C5%9F%C4%B1lama%20sesi.mp3;base64,")
    b64 = data.split(",", 1)[1]
    assert "+" not in b64 and "/" not in b64 and "\n" not in b64
    import base64

    assert base64.urlsafe_b64decode(b64) == bytes(range(256))


def test_downloads_follow_the_two_stage_url_flow(vendor: Vendor, tmp_path: Path) -> None:
    with santral.Client(KEY, base_url=vendor.url, pace=False) as c:
        vendor.answer = (200, f"{vendor.url}/recording/R1")
        url = c.recording_url(UUID)
        assert url == f"{vendor.url}/recording/R1"
        vendor.answer = (200, "RIFF....WAVE")
        dest = tmp_path / "r.wav"
        assert c.download(url, dest) == 12
        assert dest.read_bytes() == b"RIFF....WAVE"
    assert [s[0] for s in vendor.seen] == ["POST", "GET"]
    assert urlsplit(vendor.seen[1][1]).path == "/recording/R1"


def test_the_generated_module_is_current() -> None:
    tool = ROOT / "ffi-python" / "tools" / "gen_client.py"
    r = subprocess.run([sys.executable, str(tool), "--check"], capture_output=True)
    assert r.returncode == 0, "python/santral/_operations.py is stale: run ffi-python/tools/gen_client.py"


def test_the_status_pools_are_one_budget() -> None:
    assert OPS["list_agent_statuses"][7] == OPS["list_user_statuses"][7] == "statuses"
    bucket = _native.RateBucket("statuses")
    assert bucket.take(0) is None and bucket.take(0) is None
    # The third request within the minute waits: 2 a minute, shared.
    wait = bucket.take(0)
    assert wait is not None and 29_000 <= wait <= 30_000


class FakeClock:
    """A clock the test moves: no test waits out a real budget."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_pacer_under_a_burst() -> None:
    clock = FakeClock()
    pacer = santral.Pacer(clock)
    # The default pool: burst 10, then 2 a second.
    waits = [pacer.wait(KEY, "default") for _ in range(12)]
    assert waits[:10] == [0.0] * 10
    assert 0.5 <= waits[10] <= 0.6
    clock.now += 0.5
    assert pacer.wait(KEY, "default") == 0.0
    # The status pool is shared by both status lists: 2 a minute.
    assert pacer.wait(KEY, "statuses") == 0.0 and pacer.wait(KEY, "statuses") == 0.0
    assert 29.0 <= pacer.wait(KEY, "statuses") <= 31.0
    # Another key has its own budgets.
    assert pacer.wait(KEY.replace("K1", "K2"), "statuses") == 0.0


def test_a_shared_pacer_is_one_budget_for_every_process(tmp_path: Path) -> None:
    clock = FakeClock()
    path = tmp_path / "santral.pace"
    a, b = santral.SharedPacer(path, clock), santral.SharedPacer(path, clock)
    assert a.wait(KEY, "statuses") == 0.0
    assert b.wait(KEY, "statuses") == 0.0
    # The third request of the minute waits, whichever worker sends it.
    assert a.wait(KEY, "statuses") > 29.0
    assert KEY not in path.read_text()
    # A real second process shares it too.
    code = (
        "import sys, santral; p = santral.SharedPacer(sys.argv[1], lambda: 1000.0); "
        f"print(p.wait('{KEY}', 'statuses'))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
    assert float(out.stdout) > 29.0


def test_a_client_paces_with_the_pacer_it_is_given(vendor: Vendor, monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    clock = FakeClock()
    pacer = santral.Pacer(clock)
    slept: list[float] = []

    def fake_sleep(s: float) -> None:
        slept.append(s)
        clock.now += s

    monkeypatch.setattr(time, "sleep", fake_sleep)
    vendor.answer = (200, OPS["list_user_statuses"][9])
    with santral.Client(KEY, base_url=vendor.url, pace=pacer) as c:
        for _ in range(3):
            c.list_user_statuses()
    monkeypatch.undo()
    assert len(vendor.seen) == 3
    assert len(slept) == 1 and 29.0 <= slept[0] <= 31.0
