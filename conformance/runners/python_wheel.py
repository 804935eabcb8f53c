"""Runs the conformance vectors through the installed santral wheel and
prints each outcome in the vectors' shapes (see conformance/README.md).

    python conformance/runners/python_wheel.py conformance/vectors.jsonl > out.jsonl

It also fails (exit 2) when the package exports a name this runner does
not map to an entry point or explain: a new function without vectors is
caught here.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import sys
from typing import Any, Callable, Optional

import santral
from santral import advisory, api, campaign, logo_crm, webhooks

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import diag, first, kw, ok_or_error, raw  # noqa: E402

# Every public name of the package: the entry point that covers it, or why none does.
API: dict[str, str] = {
    "parse_phone": "phone", "same_number": "same_number", "match_key": "match_key",
    "parse_target": "target", "check_phrase": "phrase", "check": "check", "CallEvent": "call_event",
    "CampaignReport": "campaign_report", "AdvisoryRequest": "advisory_request", "codes": "codes",
    "advisory.transfer": "transfer", "advisory.prompt": "prompt", "advisory.record": "record",
    "advisory.speech_to_text": "speech_to_text", "campaign.build": "campaign_build",
    "logo_crm.from_event": "logo",
    "normalize_phones": "phone (row by row the same core call; tests compare them)",
    "api.prepare": "api_request", "api.read_reply": "api_reply",
    "Client": "api_request (api.prepare and api.read_reply over httpx; tests run it against the simulator)",
    "AsyncClient": "api_request (the same, async)",
    "webhooks.asgi": "receive (every vector through the ASGI app in-process; it must equal the WSGI answer)",
    "webhooks.wsgi": "receive (every vector through the WSGI app in-process); advisory_answer (its routing handler's answer)",
    "webhooks.admit": "client_address",
}
TYPES = {
    "Diagnostic", "Place", "Phone", "Phrase", "Target", "Report", "NormalizedPhones", "KINDS",
    "MAX_DIAGNOSTICS", "DUPLICATE_LEADS", "__version__", "advisory", "campaign", "logo_crm",
    "campaign.Lead", "api", "webhooks", "BASE_URL", "CallFlowStep", "CdrDetail", "CdrRecord", "CrmSettings",
    "Retry", "ApiError", "InvalidKey", "NotFound", "RateLimited", "Rejected", "ServerError", "Unreachable",
    "VENDOR_ADDRESSES", "api.OPERATIONS", "api.Prepared", "api.Reply", "webhooks.VENDOR_ADDRESSES",
    "webhooks.MemorySessions", "webhooks.SessionStore",
}


def exported() -> set[str]:
    names = set(santral.__all__)
    for mod in (advisory, api, campaign, logo_crm, webhooks):
        names |= {f"{mod.__name__.split('.')[-1]}.{n}" for n in mod.__all__}
    return names






def _ok(f: Callable[[], Any]) -> dict[str, Any]:
    return ok_or_error(f, santral.SantralError, lambda e: e.diagnostics)


def stamp(t: Optional[dt.datetime]) -> Optional[str]:
    return None if t is None else t.isoformat()


def key(p: Optional[santral.Phone]) -> Optional[str]:
    return None if p is None else p.match_key



def phone(p: santral.Phone) -> dict[str, Any]:
    return {
        "valid": p.valid, "kind": p.kind.value, "country_code": p.country_code, "region": p.region,
        "national_number": p.national_number, "e164": p.e164, "wire": p.wire, "national": p.national,
        "international": p.international, "display": p.display,
        "display_international": p.display_international, "display_in_region": p.display_in_region, "match_key": p.match_key, "warning": p.warning,
    }


def run(entry: str, a: dict[str, Any]) -> Any:
    if entry == "phone":
        return _ok(lambda: phone(santral.parse_phone(a["input"], **kw(a, "lenient", "allow_extension", "extension_first", "region"))))
    if entry == "same_number":
        return {"same": santral.same_number(a["a"], a["b"])}
    if entry == "match_key":
        return _ok(lambda: santral.match_key(a["input"]))
    if entry == "target":
        def target() -> Any:
            t = santral.parse_target(a["input"], **kw(a, "context"))
            return {"kind": t.kind, "text": t.text, "announcement_id": t.announcement_id}
        return _ok(target)
    if entry == "phrase":
        try:
            p = santral.check_phrase(a["input"])
            return {"valid": True, "announcement_ids": p.announcement_ids, "diagnostics": []}
        except santral.SantralError as e:
            return {"valid": False, "announcement_ids": None, "diagnostics": [diag(d) for d in e.diagnostics]}
    if entry == "check":
        opts = kw(a, "today", "param_name", "max_diagnostics", "duplicate_leads")
        try:
            r = santral.check(a["kind"], raw(a), **opts)
        except santral.SantralError as e:
            return {"option_error": first(e.diagnostics)}
        return {
            "valid": r.valid, "errors": r.errors, "warnings": r.warnings,
            "diagnostics": [diag(d) for d in r.diagnostics], "diagnostics_omitted": r.diagnostics_omitted,
            "summary": r.summary,
        }
    if entry == "call_event":
        try:
            e = santral.CallEvent.parse(raw(a))
        except santral.WebhookError as err:
            return {"error": [diag(d) for d in err.diagnostics]}
        cause = e.hangup_cause.value if isinstance(e.hangup_cause, santral.HangupCause) else e.hangup_cause
        return {"ok": {
            "event_type": e.event_type.value, "direction": e.direction.value, "call_uuid": e.call_uuid,
            "domain_id": e.domain_id, "caller_id_number": key(e.caller_id_number),
            "outbound_caller_id_number": key(e.outbound_caller_id_number),
            "destination_number": key(e.destination_number), "dialed_user": key(e.dialed_user),
            "connected_user": key(e.connected_user), "start_stamp": stamp(e.start_stamp),
            "answer_stamp": stamp(e.answer_stamp), "end_stamp": stamp(e.end_stamp),
            "duration": None if e.duration is None else int(e.duration.total_seconds()),
            "answered": e.answered, "hangup_cause": cause, "warnings": [diag(d) for d in e.warnings],
        }}
    if entry == "campaign_report":
        try:
            r = santral.CampaignReport.parse(raw(a))
        except santral.WebhookError as err:
            return {"error": [diag(d) for d in err.diagnostics]}
        return {"ok": {
            "notification_id": r.notification_id, "notification_date": stamp(r.notification_date),
            "ivr_campaign_id": r.ivr_campaign_id, "ivr_lead_id": r.ivr_lead_id, "phone": key(r.phone),
            "digit": r.digit, "key": r.key, "status": r.status, "answered": r.answered,
            "call_uuid": r.call_uuid, "warnings": [diag(d) for d in r.warnings],
        }}
    if entry == "advisory_request":
        try:
            q = santral.AdvisoryRequest.parse(raw(a), **kw(a, "param_name"))
        except santral.WebhookError as err:
            return {"error": [diag(d) for d in err.diagnostics]}
        except santral.SantralError as err:
            return {"option_error": first(err.diagnostics)}
        return {"ok": {
            "uuid": q.uuid, "cli": q.cli.match_key if q.cli is not None else None, "cld": q.cld.match_key, "step": q.step,
            "digits": q.digits, "error": q.error, "result": q.result,
        }}
    if entry in ("transfer", "prompt", "record", "speech_to_text"):
        builder = getattr(advisory, entry)
        return _ok(lambda: builder(**{k: v for k, v in a.items() if v is not None}))
    if entry == "campaign_build":
        return _ok(lambda: campaign.build(a["header"], [tuple(l) for l in a["leads"]]))
    if entry == "logo":
        try:
            body = logo_crm.from_event(a["input"], **kw(a, "keypress", "caller_form", "agent_id", "trigger"))
        except santral.LogoCrmError as e:
            return {"status": "invalid", "body": None, "error": first(e.diagnostics)}
        except ValueError as e:
            return {"argument_error": str(e).split(":")[0]}
        return {"status": "ok" if body is not None else "not_trigger", "body": body, "error": None}
    if entry == "codes":
        return {"codes": [c[0] for c in santral.codes()]}
    if entry == "api_request":
        params = {k: v for k, v in a.items() if k not in ("operation", "key") and v is not None}
        try:
            p = api.prepare(a["operation"], key=a.get("key", ""), **params)
        except santral.SantralError as e:
            return {"error": first(e.diagnostics)}
        return {
            "method": p.method, "target": p.target, "content_type": p.content_type, "body": p.body.decode(),
            "redacted": p.redacted, "idempotent": p.idempotent, "pool": p.pool, "valid": p.valid,
            "diagnostics": [diag(d) for d in p.diagnostics],
        }
    if entry == "api_reply":
        try:
            r = api.read_reply(a["operation"], a["status"], a["body"].encode())
        except santral.ApiError as e:
            return {"failure": {"code": e.code, "status": e.status, "transient": e.transient, "text": e.text}}
        if r.kind == "campaign_created":
            return {"success": r.kind, "campaign_id": r.value}
        if r.kind == "ok":
            return {"success": r.kind}
        if r.kind == "crm_settings":
            return {"success": r.kind, "settings": r.value}
        if r.kind == "call_started":
            return {"success": r.kind, "call_uuid": r.value}
        if r.kind == "cdrs":
            return {"success": r.kind, "call_uuids": [x["call_uuid"] for x in r.value], "pagination": r.extra}
        if r.kind == "cdr":
            return {"success": r.kind, "call_uuid": r.value["call_uuid"], "steps": len(r.extra)}
        if r.kind == "id":
            return {"success": r.kind, "id": r.value}
        if r.kind == "dnd":
            return {"success": r.kind, "extension": r.value, "state": r.extra}
        if r.kind == "url":
            return {"success": r.kind, "url": r.value, "expires_at": r.extra}
        if r.kind == "token":
            return {"success": r.kind, "token": r.value}
        if r.kind == "records":
            records = [{k: (v.isoformat() if isinstance(v, dt.datetime) else v) for k, v in rec.items()} for rec in r.value]
            return {"success": r.kind, "records": records, "pagination": r.extra}
        raise AssertionError(r.kind)
    if entry == "receive":
        return receive(a)
    if entry == "advisory_answer":
        return advisory_answer(a)
    if entry == "client_address":
        forwarded: Any = a.get("forwarded_for")
        if a.get("forwarded_for_hex") is not None:
            forwarded = bytes.fromhex(a["forwarded_for_hex"])
        def blocks(text: Optional[str]) -> Optional[list[str]]:
            return None if text is None else [p.strip() for p in text.split(",") if p.strip()]
        client, allowed = webhooks.admit(a["peer"], forwarded, blocks(a.get("allow")), blocks(a.get("trusted_proxies")) or [])
        return {"client": client, "allowed": allowed}
    raise AssertionError(entry)


API_MISSING = {
    "api_incoming": "the PBX's side: the simulator's face",
    "form_fields": "the kit hands its handlers the typed CallEvent / CampaignReport, whose attributes are the fields santral checked",
    "api_route": "the PBX's side of every operation in both dialects, read into parameters by the core; the simulator answers them (api_incoming: the operation it read)",
}


def _kit_options(c: dict[str, Any]) -> dict[str, Any]:
    def blocks(text: Optional[str]) -> Optional[list[str]]:
        return None if text is None else [p.strip() for p in text.split(",") if p.strip()]
    options: dict[str, Any] = {"allow": blocks(c.get("allow")), "trusted_proxies": blocks(c.get("trusted_proxies")) or []}
    for name in ("events_path", "reports_path", "advisory_path"):
        if name in c:
            options[name] = c[name] or None  # "": the route off
    for name in ("secret", "fallback"):
        if c.get(name) is not None:
            options[name] = c[name]
    if c.get("body_limit") is not None:
        options["max_body"] = c["body_limit"]
    return options


class _Sessions:
    """A session store holding the step before's digits parameter."""

    def __init__(self, param_name: Optional[str]) -> None:
        self.param_name = param_name
        self.saved: dict[str, Any] = {}

    def load(self, uuid: str) -> Optional[dict[str, Any]]:
        # The kit's own session key (private) for the parameter a prompt named.
        return {webhooks._PARAM: self.param_name} if self.param_name else None

    def save(self, uuid: str, session: dict[str, Any]) -> None:
        self.saved = session


def _handlers(seen: list[tuple[str, Optional[str]]], response: Optional[str] = None) -> dict[str, Any]:
    return {
        "on_call_event": lambda e: seen.append(("call-event", e.idempotency_key)),
        "on_campaign_report": lambda r: seen.append(("campaign-report", r.idempotency_key)),
        "on_advisory": lambda req, session: seen.append(("advisory-request", req.uuid)) or response,
    }


def _wsgi(app: Any, r: dict[str, Any], body: bytes) -> dict[str, Any]:
    """One request through a WSGI app as a server gives it: PATH_INFO
    decoded, the raw path in REQUEST_URI."""
    import io
    from urllib.parse import unquote_to_bytes
    length = r.get("content_length")
    environ: dict[str, Any] = {
        "REQUEST_METHOD": r["method"], "PATH_INFO": unquote_to_bytes(r["path"]).decode("latin-1"),
        "REQUEST_URI": r["path"] + ("?" + r["query"] if r.get("query") else ""), "SCRIPT_NAME": "",
        "QUERY_STRING": r.get("query", ""), "REMOTE_ADDR": r["peer"],
        "CONTENT_LENGTH": str(length if length is not None else len(body)), "wsgi.input": io.BytesIO(body),
    }
    if r.get("forwarded_for") is not None:
        environ["HTTP_X_FORWARDED_FOR"] = r["forwarded_for"]
    if r.get("content_type") is not None:
        environ["CONTENT_TYPE"] = r["content_type"]
    got: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        got["status"], got["headers"] = int(status.split(" ")[0]), dict(headers)

    got["body"] = b"".join(app(environ, start_response))
    return got


def _asgi(app: Any, r: dict[str, Any], body: bytes) -> dict[str, Any]:
    import asyncio
    from urllib.parse import unquote
    headers = [(b"content-length", str(r.get("content_length") if r.get("content_length") is not None else len(body)).encode())]
    if r.get("forwarded_for") is not None:
        headers.append((b"x-forwarded-for", r["forwarded_for"].encode("latin-1")))
    if r.get("content_type") is not None:
        headers.append((b"content-type", r["content_type"].encode("latin-1")))
    host, _, port = r["peer"].rpartition(":") if r["peer"].count(":") == 1 else (r["peer"], "", "")
    scope = {"type": "http", "method": r["method"], "path": unquote(r["path"]), "raw_path": r["path"].encode(),
             "query_string": r.get("query", "").encode(), "headers": headers, "client": (host or r["peer"], 0),
             "root_path": ""}
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(m: dict[str, Any]) -> None:
        sent.append(m)

    asyncio.run(app(scope, receive, send))
    return {"status": sent[0]["status"], "headers": {k.decode(): v.decode() for k, v in sent[0]["headers"]},
            "body": sent[1]["body"]}


def _answer(got: dict[str, Any]) -> dict[str, Any]:
    h = {k.lower(): v for k, v in got["headers"].items()}
    return {"status": got["status"], "content_type": h.get("content-type"), "allow": h.get("allow"),
            "body": got["body"].decode("utf-8", "replace")}


def receive(a: dict[str, Any]) -> dict[str, Any]:
    r = a["request"]
    body = bytes.fromhex(r["body_hex"]) if "body_hex" in r else r.get("body", "").encode()
    outcomes = []
    for make, call in ((webhooks.wsgi, _wsgi), (webhooks.asgi, _asgi)):
        seen: list[tuple[str, Optional[str]]] = []
        app = make(**_kit_options(a["config"]), **_handlers(seen), sessions=_Sessions(r.get("param_name")))
        out = _answer(call(app, r, body))
        out["handover"], out["key"] = seen[0] if seen else (None, None)
        outcomes.append(out)
    wsgi_out, asgi_out = outcomes
    return wsgi_out if wsgi_out == asgi_out else {"wsgi": wsgi_out, "asgi": asgi_out}


def advisory_answer(a: dict[str, Any]) -> dict[str, Any]:
    seen: list[tuple[str, Optional[str]]] = []
    sessions = _Sessions(None)
    app = webhooks.wsgi(allow=["127.0.0.1/32"], fallback=a["fallback"], sessions=sessions,
                        **_handlers(seen, a.get("response")))
    query = "uuid=u1&cli=05321234567&cld=902120000000&step=1"
    out = _answer(_wsgi(app, {"method": "GET", "path": "/advisory", "query": query, "peer": "127.0.0.1"}, b""))
    response = a.get("response")
    return {"status": out["status"], "content_type": out["content_type"], "body": out["body"],
            "param_name": sessions.saved.get(webhooks._PARAM),
            "fell_back": response is None or out["body"] != response}


def main() -> int:
    unknown = exported() - set(API) - TYPES - {n for n in exported() if n[:1].isupper() and n not in API}
    if unknown:
        print(f"santral exports names no conformance entry covers: {sorted(unknown)}", file=sys.stderr)
        return 2
    vectors = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
    covered = {part.split(" ")[0] for e in API.values() for part in e.split("; ")}
    entries = sorted(covered & {v["entry"] for v in vectors})
    print(json.dumps({"face": "python", "entries": entries, "missing": API_MISSING}))
    for v in vectors:
        if v["entry"] in entries:
            print(json.dumps({"id": v["id"], "outcome": run(v["entry"], v["args"])}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
