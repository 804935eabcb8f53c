"""Runs the conformance vectors through the uniffi bindings' generated
Python module (the same interface Kotlin and Swift get).

    python conformance/runners/uniffi.py GENERATED_DIR conformance/vectors.jsonl > out.jsonl

Fails (exit 2) when the generated module has a function this runner does
not map to an entry point or explain.
"""
from __future__ import annotations

import inspect
import json
import os
import sys
from typing import Any, Callable, Optional

sys.path.insert(0, sys.argv[1])
import santral_uniffi as s  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from common import diag, first, kw, ok_or_error, raw  # noqa: E402

API = {
    "parse_phone": "phone", "same_number": "same_number", "match_key": "match_key",
    "parse_target": "target", "check_phrase": "phrase", "check": "check",
    "parse_call_event": "call_event", "parse_campaign_report": "campaign_report",
    "parse_advisory_request": "advisory_request", "build_transfer": "transfer",
    "build_prompt": "prompt", "build_record": "record", "build_speech_to_text": "speech_to_text",
    "build_campaign": "campaign_build", "logo_from_event": "logo", "code_ids": "codes",
    "api_prepare": "api_request", "api_read_reply": "api_reply",
}
NOT_ENTRIES = {
    "api_operations": "the operations' names (api_request names every one)",
    "is_verification_ping": "the check vectors' verification_ping summary",
    "version": "not an input's outcome",
}


def functions() -> set[str]:
    return {
        n for n, f in vars(s).items()
        if inspect.isfunction(f) and f.__module__ == s.__name__ and not n.startswith("_")
    }






def _ok(f: Callable[[], Any]) -> dict[str, Any]:
    return ok_or_error(f, s.SantralError.Invalid, lambda e: e.diagnostics)


def stamp(t: Optional[str]) -> Optional[str]:
    return None if t is None else t.replace("Z", "+00:00")


def key(p: Any) -> Optional[str]:
    return None if p is None else p.match_key



def phone(p: Any) -> dict[str, Any]:
    return {
        "valid": p.valid, "kind": p.kind, "country_code": p.country_code, "region": p.region,
        "national_number": p.national_number,
        "e164": p.e164, "wire": p.wire, "national": p.national, "international": p.international,
        "display": p.display, "display_international": p.display_international,
        "display_in_region": p.display_in_region, "match_key": p.match_key,
        "warning": p.warning,
    }


def run(entry: str, a: dict[str, Any]) -> Any:
    if entry == "phone":
        return _ok(lambda: phone(s.parse_phone(a["input"], **kw(a, "lenient", "allow_extension", "extension_first", "region"))))
    if entry == "same_number":
        return {"same": s.same_number(a["a"], a["b"])}
    if entry == "match_key":
        return _ok(lambda: s.match_key(a["input"]))
    if entry == "target":
        def target() -> Any:
            t = s.parse_target(a["input"], **kw(a, "context"))
            return {"kind": t.kind, "text": t.text, "announcement_id": t.announcement_id}
        return _ok(target)
    if entry == "phrase":
        try:
            return {"valid": True, "announcement_ids": list(s.check_phrase(a["input"])), "diagnostics": []}
        except s.SantralError.Invalid as e:
            return {"valid": False, "announcement_ids": None, "diagnostics": [diag(d) for d in e.diagnostics]}
    if entry == "check":
        try:
            r = s.check(a["kind"], raw(a), **kw(a, "today", "param_name", "max_diagnostics", "duplicate_leads"))
        except s.SantralError.Invalid as e:
            return {"option_error": first(e.diagnostics)}
        return {
            "valid": r.valid, "errors": r.errors, "warnings": r.warnings,
            "diagnostics": [diag(d) for d in r.diagnostics], "diagnostics_omitted": r.diagnostics_omitted,
            "summary": json.loads(r.summary_json),
        }
    if entry == "call_event":
        try:
            e = s.parse_call_event(raw(a))
        except s.SantralError.Invalid as err:
            return {"error": [diag(d) for d in err.diagnostics]}
        return {"ok": {
            "event_type": e.event_type, "direction": e.direction, "call_uuid": e.call_uuid, "domain_id": e.domain_id,
            "caller_id_number": key(e.caller_id_number), "outbound_caller_id_number": key(e.outbound_caller_id_number),
            "destination_number": key(e.destination_number), "dialed_user": key(e.dialed_user),
            "connected_user": key(e.connected_user), "start_stamp": stamp(e.start_stamp),
            "answer_stamp": stamp(e.answer_stamp), "end_stamp": stamp(e.end_stamp), "duration": e.duration_seconds,
            "answered": e.answered, "hangup_cause": e.hangup_cause, "warnings": [diag(d) for d in e.warnings],
        }}
    if entry == "campaign_report":
        try:
            r = s.parse_campaign_report(raw(a))
        except s.SantralError.Invalid as err:
            return {"error": [diag(d) for d in err.diagnostics]}
        return {"ok": {
            "notification_id": r.notification_id, "notification_date": stamp(r.notification_date),
            "ivr_campaign_id": r.ivr_campaign_id, "ivr_lead_id": r.ivr_lead_id, "phone": key(r.phone),
            "digit": r.digit, "key": r.key, "status": r.status, "answered": r.answered, "call_uuid": r.call_uuid,
            "warnings": [diag(d) for d in r.warnings],
        }}
    if entry == "advisory_request":
        try:
            q = s.parse_advisory_request(a["input"], **kw(a, "param_name"))
        except s.SantralError.Invalid as err:
            if err.path == "param_name" and all(d.path == "param_name" for d in err.diagnostics):
                return {"option_error": first(err.diagnostics)}
            return {"error": [diag(d) for d in err.diagnostics]}
        return {"ok": {
            "uuid": q.uuid, "cli": q.cli.match_key if q.cli is not None else None, "cld": q.cld.match_key, "step": q.step, "digits": q.digits,
            "error": q.error, "result": q.result,
        }}
    if entry in ("transfer", "prompt", "record", "speech_to_text"):
        f = getattr(s, f"build_{entry}")
        return _ok(lambda: f(**{k: v for k, v in a.items() if v is not None}))
    if entry == "campaign_build":
        leads = [s.Lead(phone=l[0], phrase=l[1], lang=l[2]) for l in a["leads"]]
        return _ok(lambda: s.build_campaign(a["header"], leads))
    if entry == "logo":
        try:
            body = s.logo_from_event(raw(a), **kw(a, "keypress", "caller_form", "agent_id", "trigger"))
        except s.SantralError.Invalid as e:
            return {"status": "invalid", "body": None, "error": first(e.diagnostics)}
        except s.SantralError.Argument as e:
            return {"argument_error": e.reason.split(":")[0]}
        return {"status": "ok" if body is not None else "not_trigger", "body": body, "error": None}
    if entry == "codes":
        return {"codes": list(s.code_ids())}
    if entry == "api_request":
        if a["operation"] not in s.api_operations():
            return {"argument_error": "operation"}
        params = [s.ApiParam(name=k, value=text(v)) for k, v in a.items() if k not in ("operation", "key") and v is not None]
        r = s.api_prepare(a["operation"], a.get("key", ""), params)
        return {
            "method": r.method, "target": r.target, "content_type": r.content_type, "body": r.body,
            "redacted": r.redacted, "idempotent": r.idempotent, "pool": r.pool, "valid": r.valid,
            "diagnostics": [diag(d) for d in r.diagnostics],
        }
    if entry == "api_reply":
        r = s.api_read_reply(a["operation"], a["status"], a["body"].encode())
        return reply(r, a["status"])
    raise AssertionError(entry)


def text(v: Any) -> str:
    """A vector's value as the text every face sends."""
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def reply(r: Any, status: int) -> dict[str, Any]:
    if r.kind == "failure":
        return {"failure": {"code": r.code, "status": status, "transient": r.transient, "text": r.text}}
    rows = []
    for rec in r.records:
        row: dict[str, Any] = {}
        bad = {}
        for f in rec:
            row[f.name] = json.loads(f.json)
            if f.malformed is not None:
                bad[f.name] = f.malformed
        if bad:
            row["malformed"] = bad
        rows.append(row)
    p = r.pagination
    pagination = None if p is None else {"page": p.page, "total_count": p.total_count, "total_pages": p.total_pages, "limit": p.limit}
    k = r.kind
    if k == "ok":
        return {"success": k}
    if k == "campaign_created":
        return {"success": k, "campaign_id": r.id}
    if k == "id":
        return {"success": k, "id": r.id}
    if k == "call_started":
        return {"success": k, "call_uuid": r.text}
    if k == "token":
        return {"success": k, "token": r.text}
    if k == "dnd":
        return {"success": k, "extension": r.text, "state": r.detail}
    if k == "url":
        return {"success": k, "url": r.text, "expires_at": r.detail}
    if k == "crm_settings":
        return {"success": k, "settings": rows[0]}
    if k == "cdr":
        return {"success": k, "call_uuid": rows[0]["call_uuid"], "steps": r.steps}
    if k == "cdrs":
        return {"success": k, "call_uuids": [x["call_uuid"] for x in rows], "pagination": pagination}
    return {"success": k, "records": rows, "pagination": pagination}


API_MISSING = {
    "api_route": "the PBX's side of every operation in both dialects, read into parameters by the core; the simulator answers them (api_incoming: the operation it read)",
    "api_incoming": "the PBX's side: the simulator's face",
    "client_address": "a webhook receiver's transport check: apps receive no webhooks (the gateway, the Python kit, the PHP handler and C have it)",
    "form_fields": "the fields a receiver hands its callback: apps receive no webhooks",
    "receive": "a receiver's answers: apps receive no webhooks",
    "advisory_answer": "a routing service's answer: apps receive no webhooks",
}


def main() -> int:
    unknown = functions() - set(API) - set(NOT_ENTRIES)
    if unknown:
        print(f"santral_uniffi exports functions no conformance entry covers: {sorted(unknown)}", file=sys.stderr)
        return 2
    vectors = [json.loads(line) for line in open(sys.argv[2], encoding="utf-8") if line.strip()]
    entries = sorted(set(API.values()))
    print(json.dumps({"face": "uniffi-python", "entries": entries, "missing": API_MISSING}))
    for v in vectors:
        if v["entry"] in entries:
            print(json.dumps({"id": v["id"], "outcome": run(v["entry"], v["args"])}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
