"""Proves docs/openapi.json (issue 35), in the README's test command:

1. the document is valid OpenAPI 3.1 (openapi-spec-validator);
2. every request example of the vendor's pages (both documentation sets
   under ../shared/reference/) validates against it, placeholders such as
   API_ANAHTARINIZ substituted first; the examples that are invalid as
   published are listed with the reason (and must stay invalid);
3. Schemathesis runs against `santral simulate` on a free loopback port
   with every check (scripts/openapi/schemathesis.toml says which one is
   off and why) and finds nothing;
4. every operation refuses a request without a key (what Schemathesis's
   `ignored_auth` would check, had the vendor used 401);
5. every body the simulator sends to a webhook — campaign reports, call
   events, the CRM URL test, Santral Programlama requests, and the login
   and route requests of the OpenCart flow — validates against the
   document's `webhooks`.

Usage: check_openapi.py SANTRAL_BINARY REFERENCE_DIR
"""

from __future__ import annotations

import copy
import json
import os
import re
import shlex
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jsonschema
from openapi_spec_validator import validate

HERE = Path(__file__).resolve().parent
DOC_PATH = HERE.parent.parent / "docs" / "openapi.json"
DOC: dict[str, Any] = json.loads(DOC_PATH.read_text())
KEY = "K12345678-1234-5678-4321-123456789012"
BASE = "https://api.bulutsantralim.com"

# The pages' placeholders, and what stands for them.
PLACEHOLDERS = {
    "API_ANAHTARINIZ": KEY,
    "CAGRI_UUID": "5cfdfb46-776c-11e7-8375-0d58348796d3",
    "KAMPANYA_ID": "112",
    "DAHILI_NO": "1001",
    "DUYURU_ID": "21870",
    "MASKELEME_NUMARASI": "1001",
    "{call_uuid}": "5cfdfb46-776c-11e7-8375-0d58348796d3",
    "{id}": "123",
    "1xxx": "1001",
    "90850532xxxx": "908505320001",
}

# Examples invalid as published: (method, path) → why. Each must still fail.
INVALID_AS_PUBLISHED = {
    ("POST", "/ivr_campaigns.json"): "the campaign example lists its leads without a comma between them (not JSON)",
    ("POST", "/contacts"): "the contact example ends its object with a trailing comma (not JSON)",
    ("POST", "/fax_orders"): "the fax example elides its base64 data with dots (`iVBOR…A.....`)",
}

failures: list[str] = []


def fail(msg: str) -> None:
    failures.append(msg)
    print(f"  FAIL {msg}")


# ------------------------------------------------------------ resolving


def resolve(node: Any) -> Any:
    """The node with every local $ref replaced by its target."""
    if isinstance(node, dict):
        if "$ref" in node and isinstance(node["$ref"], str) and node["$ref"].startswith("#/"):
            target: Any = DOC
            for part in node["$ref"][2:].split("/"):
                target = target[part.replace("~1", "/").replace("~0", "~")]
            return resolve(copy.deepcopy(target))
        return {k: resolve(v) for k, v in node.items()}
    if isinstance(node, list):
        return [resolve(v) for v in node]
    return node


def errors(schema: Any, value: Any) -> list[str]:
    v = jsonschema.Draft202012Validator(resolve(schema))
    return [f"{'/'.join(map(str, e.absolute_path)) or '(body)'}: {e.message[:120]}" for e in v.iter_errors(value)]


def find(method: str, path: str) -> tuple[str, dict[str, Any], dict[str, str]] | None:
    """The document's operation for a request: template, operation, path values."""
    # The PBX reads a path with or without `.json` and a trailing slash.
    p = path.removesuffix(".json").rstrip("/") or "/"
    for template, item in DOC["paths"].items():
        t = template.removesuffix(".json").rstrip("/") or "/"
        names = re.findall(r"{(\w+)}", t)
        rx = "^" + re.sub(r"\\{\w+\\}", "([^/]+)", re.escape(t)) + "$"
        m = re.match(rx, p)
        if m and method.lower() in item:
            return template, item[method.lower()], dict(zip(names, m.groups()))
    return None


def coerce(schema: dict[str, Any], raw: str) -> Any:
    """A query or form value as the schema's type reads it."""
    s = resolve(schema)
    kinds = [s.get("type")] + [x.get("type") for x in s.get("oneOf", []) + s.get("anyOf", [])]
    if "integer" in kinds and re.fullmatch(r"-?[0-9]+", raw):
        return int(raw)
    return raw


def check_request(method: str, url: str, body: str, where: str) -> list[str]:
    parts = urllib.parse.urlsplit(url)
    found = find(method, parts.path)
    if found is None:
        return [f"{method} {parts.path}: no such operation in the document"]
    template, op, path_values = found
    problems: list[str] = []
    query = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    params = {p["name"]: p for p in op.get("parameters", [])}
    given = dict(query) | path_values
    for name, p in params.items():
        if name not in given:
            if p.get("required"):
                problems.append(f"{name}: required, not given")
            continue
        problems += [f"{name}: {e}" for e in errors(p["schema"], coerce(p["schema"], given[name]))]
    if body.strip():
        content = op.get("requestBody", {}).get("content", {})
        if body.lstrip().startswith("{"):
            media = content.get("application/json")
            try:
                value = json.loads(body)
            except ValueError as e:
                return problems + [f"body: not JSON ({e})"]
        else:
            media = content.get("application/x-www-form-urlencoded")
            schema = (media or {}).get("schema", {})
            props = resolve(schema).get("properties", {})
            value = {k: coerce(props.get(k, {}), v) for k, v in urllib.parse.parse_qsl(body, keep_blank_values=True)}
            # The key may travel in the query instead.
        if media is None:
            media = next(iter(content.values()), None)
        if media is None and isinstance(value, dict) and set(value) <= {"key"}:
            return problems  # the key in the body: the PBX reads it as the query's
        if media is None:
            problems.append("body: the operation takes none")
        else:
            problems += errors(media["schema"], value)
    return problems


# ------------------------------------------------------------ the pages


def substitute(text: str) -> str:
    for k, v in PLACEHOLDERS.items():
        text = text.replace(k, v)
    return text


def examples(reference: Path) -> list[tuple[str, str, str, str]]:
    """(method, url, body, where) of every request example of the pages."""
    out: list[tuple[str, str, str, str]] = []
    for page in sorted(reference.glob("*/*.md")):
        lines = page.read_text().splitlines()
        i = 0
        while i < len(lines):
            line = lines[i].strip().lstrip(">").strip()
            where = f"{page.parent.name}/{page.name}:{i + 1}"
            m = re.match(r"^(GET|POST|PUT|PATCH|DELETE) (https://api\.bulutsantralim\.com\S*)", line)
            if m:
                j = i + 1
                headers = 0
                while j < len(lines) and re.match(r"^[A-Za-z-]+:\s", lines[j].strip()):
                    j += 1
                    headers += 1
                if j < len(lines) and not lines[j].strip():
                    j += 1
                body: list[str] = []
                while j < len(lines) and not lines[j].startswith("```"):
                    body.append(lines[j])
                    j += 1
                url = m.group(2)
                lone = headers == 0 and not "".join(body).strip() and "?" not in url
                if not lone:  # a lone `GET URL` line names an endpoint, it is no example
                    out.append((m.group(1), substitute(url), substitute("\n".join(body)), where))
                i = j
                continue
            if line.startswith("curl "):
                cmd = line
                j = i
                while cmd.endswith("\\") and j + 1 < len(lines):
                    j += 1
                    cmd = cmd[:-1] + " " + lines[j].strip()
                try:
                    words = shlex.split(substitute(cmd))
                except ValueError:
                    words = []
                url = next((w for w in words if w.startswith(BASE)), None)
                if url:
                    method, data = "GET", ""
                    for a, b in zip(words, words[1:]):
                        if a in ("-X", "--request"):
                            method = b.upper()
                        if a in ("-d", "--data", "--data-raw", "--data-urlencode"):
                            data = b
                    if data and method == "GET":
                        method = "POST"
                    out.append((method, url, data, where))
                i = j + 1
                continue
            for u in re.findall(r"(https://api\.bulutsantralim\.com/[^\s`\"'<>)]*\?[^\s`\"'<>)]*)", line):
                if not line.startswith(("GET", "POST", "curl")):
                    out.append(("GET", substitute(u), "", where))
            i += 1
    return out


def check_pages(reference: Path) -> None:
    found = examples(reference)
    print(f"vendor request examples: {len(found)}")
    ok = invalid = 0
    for method, url, body, where in found:
        path = urllib.parse.urlsplit(url).path
        problems = check_request(method, url, body, where)
        known = INVALID_AS_PUBLISHED.get((method, path)) if problems else None
        if known:
            invalid += 1
            print(f"  invalid as published, {where}: {known}")
        elif problems:
            fail(f"{where} {method} {path}: {'; '.join(problems)}")
        else:
            ok += 1
    print(f"  {ok} valid, {invalid} invalid as published (listed above)")
    if ok < 40:
        fail(f"only {ok} vendor examples validated: the page reader lost some")


# ------------------------------------------------------------ the simulator


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class Recorder(BaseHTTPRequestHandler):
    """A loopback receiver: reads each request whole, hands it to
    `reply`, answers 200 with what that returns (bytes, or JSON)."""

    def reply(self, body: bytes) -> Any:
        raise NotImplementedError

    def handle_any(self) -> None:
        n = int(self.headers.get("content-length") or 0)
        answer = self.reply(self.rfile.read(n) if n else b"")
        self.send_response(200)
        if not isinstance(answer, bytes):
            answer = json.dumps(answer).encode()
            self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    do_GET = do_POST = handle_any

    def log_message(self, *args: Any) -> None:
        pass


class Hooks(Recorder):
    received: list[tuple[str, str, str, bytes]] = []
    lock = threading.Lock()

    def reply(self, body: bytes) -> Any:
        with self.lock:
            self.received.append((self.command, self.path, self.headers.get("content-type", ""), body))
        return {"transfer": {"target": "user/1001"}} if self.path.startswith("/advisory") else b"OK"


def call(base: str, method: str, path: str, json_body: Any = None, **data: Any) -> tuple[int, str]:
    """(status, text) of a request: `json_body` as JSON, else `data` as a
    form (in the query for GET)."""
    headers = {}
    body = urllib.parse.urlencode(data).encode() if method != "GET" else None
    if json_body is not None:
        body, headers = json.dumps(json_body).encode(), {"content-type": "application/json"}
    url = f"{base}{path}" + (f"?{urllib.parse.urlencode(data)}" if method == "GET" else "")
    req = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def check_no_key(base: str) -> None:
    refused = 0
    for template, item in DOC["paths"].items():
        for method, op in item.items():
            path = re.sub(r"{\w+}", "1", template)
            content = op.get("requestBody", {}).get("content", {})
            json_only = "application/json" in content and "application/x-www-form-urlencoded" not in content
            status, text = call(base, method.upper(), path, json_body={} if json_only else None)
            if status in (400, 401) and text.startswith("Gecersiz anahtar"):
                refused += 1
            else:
                fail(f"{method.upper()} {path} without a key: {status} {text[:60]!r}")
    print(f"every operation refuses a request without a key: {refused}")


def check_webhooks(base: str, hooks: str) -> None:
    key = {"key": KEY}
    status, _ = call(base, "POST", "/crm_integrations", **key, ringing="on", answered="on", hangup="on", notification_url=f"{hooks}/events")
    assert status == 200, status
    campaign = {
        "key": KEY, "call_type": "ivr", "name": "openapi", "max_thread_count": 2, "ring_timeout": 30,
        "welcome_announcement_id": 128, "webhook_url": f"{hooks}/reports", "digit_target_1": "user/1001",
        "phone_list": [{"phone": "05321234567"}, {"phone": "05329876543"}, {"phone": "05331112233"}],
    }
    status, text = call(base, "POST", "/ivr_campaigns.json", json_body=campaign)
    assert status == 200, text
    for frm in ("05334979714", "anonymous"):
        call(base, "POST", "/_simulator/inbound", **{"from": frm, "to": "908505321234"})
        call(base, "POST", "/_simulator/inbound", **{"from": frm, "to": "902129630131"})
    deadline = time.time() + 60
    kinds: dict[str, int] = {}
    while time.time() < deadline:
        with Hooks.lock:
            got = list(Hooks.received)
        kinds = {}
        for _, path, _, _ in got:
            kinds[path.split("?")[0]] = kinds.get(path.split("?")[0], 0) + 1
        if kinds.get("/reports", 0) >= 4 and kinds.get("/events", 0) >= 4 and kinds.get("/advisory", 0) >= 2:
            break
        time.sleep(0.3)
    hooks_doc = DOC["webhooks"]
    checked = 0
    for method, path, ctype, body in got:
        route = path.split("?")[0]
        if method == "POST" and not body:
            checked += 1  # the URL test: an empty POST, answered 200
            continue
        if route == "/advisory":
            op = hooks_doc["advisory_request"]["get"]
            query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(path).query, keep_blank_values=True))
            for p in op["parameters"]:
                if p["name"] in query:
                    for e in errors(p["schema"], query[p["name"]]):
                        fail(f"advisory request {p['name']}: {e}")
                elif p["required"]:
                    fail(f"advisory request: {p['name']} missing")
        else:
            name = {"/reports": "campaign_report", "/events": "call_event"}[route]
            media = "application/x-www-form-urlencoded"
            if not ctype.startswith(media):
                fail(f"{name}: content type {ctype}")
            schema = hooks_doc[name]["post"]["requestBody"]["content"][media]["schema"]
            form = dict(urllib.parse.parse_qsl(body.decode(), keep_blank_values=True))
            for e in errors(schema, form):
                fail(f"{name}: {e} in {sorted(form)}")
        checked += 1
    print(f"webhook bodies the simulator sent, each valid against the document: {checked} {kinds}")
    for route, least in (("/reports", 4), ("/events", 4), ("/advisory", 2)):
        if kinds.get(route, 0) < least:
            fail(f"{route}: only {kinds.get(route, 0)} bodies arrived")


class Shop(Recorder):
    """An OpenCart as the PBX sees it: a login, a day's list, a lookup."""

    received: list[tuple[str, str, bytes]] = []

    def reply(self, body: bytes) -> Any:
        Shop.received.append((self.command, self.path, body))
        route = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(self.path).query)).get("route", "")
        if route == "api/login":
            return {"success": "Success: API session successfully started!", "api_token": "tok1"}
        if route.endswith("list_orders"):
            return [[{"order_id": "7", "telephone": "05321234567", "date_added": "2026-12-07 08:00:00"}]]
        if route.endswith("update_order_status"):
            return {"order": None}
        return {"status": "not found"}


def check_shop_requests(binary: str) -> None:
    """Every request `santral simulate --shop-url` sends to a shop, against
    the document's `opencart_login` and `opencart_route`."""
    shop = ThreadingHTTPServer(("127.0.0.1", 0), Shop)
    threading.Thread(target=shop.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{shop.server_address[1]}"
    subprocess.run(
        [binary, "simulate", "--shop-url", url, "--shop-key", "K-shop", "--shop-rounds", "2", "--speed", "0",
         "--seed", "35", "--clock", "2026-12-07 10:00:00", "--shop-lookup", "05334979714"],
        capture_output=True, timeout=120,
    )
    shop.shutdown()
    hooks_doc = DOC["webhooks"]
    checked = 0
    for method, path, body in Shop.received:
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(path).query, keep_blank_values=True))
        name = "opencart_login" if query.get("route") == "api/login" else "opencart_route"
        op = hooks_doc[name][method.lower()] if method.lower() in hooks_doc[name] else None
        if op is None:
            fail(f"{name}: the simulator sent {method}, the document has {list(hooks_doc[name])}")
            continue
        known = {p["name"] for p in op["parameters"]}
        for p in op["parameters"]:
            if p["name"] in query:
                for e in errors(p["schema"], query[p["name"]]):
                    fail(f"{name} {p['name']}: {e}")
            elif p["required"]:
                fail(f"{name}: {p['name']} missing")
        for extra in set(query) - known:
            fail(f"{name}: the simulator sent `{extra}`, which the document does not name")
        if "requestBody" in op:
            form = dict(urllib.parse.parse_qsl(body.decode(), keep_blank_values=True))
            schema = op["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"]
            for e in errors(schema, form):
                fail(f"{name} body: {e}")
        checked += 1
    routes = sorted({dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(p).query)).get("route", "") for _, p, _ in Shop.received})
    print(f"requests the simulator sent a shop, each valid against the document: {checked} ({', '.join(routes)})")
    if len(routes) < 4:
        fail(f"the shop flow reached only {routes}")


def main() -> int:
    binary, reference = sys.argv[1], Path(sys.argv[2])
    validate(DOC)
    ops = sum(1 for item in DOC["paths"].values() for m in item if m in ("get", "post", "put", "patch", "delete"))
    print(f"docs/openapi.json is valid OpenAPI {DOC['openapi']}: {ops} routes, {len(DOC['webhooks'])} webhooks")
    check_pages(reference)
    check_shop_requests(binary)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Hooks)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    hooks = f"http://127.0.0.1:{server.server_address[1]}"
    with tempfile.TemporaryDirectory() as tmp:
        routing = Path(tmp) / "routing.toml"
        routing.write_text(
            '[[number]]\nnumber = "908505321234"\ntarget = "advisory"\n\n'
            '[[number]]\nnumber = "902129630131"\ntarget = "user/1001"\n\n'
            f'[advisory]\nurl = "{hooks}/advisory"\nfallback = "queue/200"\ntimeout_seconds = 5\n'
        )
        port = free_port()
        sim = subprocess.Popen(
            [binary, "simulate", "--listen", f"127.0.0.1:{port}", "--no-rate-limits", "--speed", "0", "--seed", "35", "--routing", str(routing)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.1)
            started = time.time()
            st = subprocess.run(
                [str(Path(sys.executable).parent / "st"), "--config-file", str(HERE / "schemathesis.toml"), "run", str(DOC_PATH),
                 "--url", base, "--checks", "all", "--exclude-checks", "ignored_auth", "--seed", "35", "--no-color"],
                cwd=HERE, env=os.environ | {"PYTHONPATH": str(HERE)}, capture_output=True, text=True, timeout=600,
            )
            summary = st.stdout[st.stdout.find("SUMMARY"):] if "SUMMARY" in st.stdout else st.stdout[-3000:]
            print(f"schemathesis ({time.time() - started:.0f} s):\n{summary}")
            if st.returncode != 0:
                print(st.stdout[-20000:])
                fail(f"schemathesis exited {st.returncode}")
            check_no_key(base)
            check_webhooks(base, hooks)
        finally:
            sim.kill()
            sim.wait()
            server.shutdown()
    if failures:
        print(f"check_openapi: {len(failures)} problems")
        return 1
    print("check_openapi: the document holds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
