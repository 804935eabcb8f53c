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
    "webhooks.asgi": "call_event (CallEvent.parse, CampaignReport.parse, AdvisoryRequest.parse behind HTTP)",
    "webhooks.wsgi": "call_event (the same, WSGI)",
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


def main() -> int:
    unknown = exported() - set(API) - TYPES - {n for n in exported() if n[:1].isupper() and n not in API}
    if unknown:
        print(f"santral exports names no conformance entry covers: {sorted(unknown)}", file=sys.stderr)
        return 2
    vectors = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
    entries = sorted({e.split(" ")[0] for e in API.values()} & {v["entry"] for v in vectors})
    print(json.dumps({"face": "python", "entries": entries, "missing": API_MISSING}))
    for v in vectors:
        if v["entry"] in entries:
            print(json.dumps({"id": v["id"], "outcome": run(v["entry"], v["args"])}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
