"""Writes python/santral/_messages.py from the core's message tables
(santral._native.tables()["messages"]): the received messages' classes —
``CallEvent``, ``CampaignReport``, ``AdvisoryRequest`` — with one attribute
per field the core declares (its `fields!` names, order, required flag and
shape), as gen_enums.py writes the enums.

    python tools/gen_messages.py           # rewrite
    python tools/gen_messages.py --check   # exit 1 when stale (the tests also check)

What is written here and not read from the core: each class's docstring,
its parser's name in the native module, and the values the core computes
beside the fields (the idempotency key, a report's ``answered`` and
``key``, the digits of a routing query, the warnings).
"""
from __future__ import annotations

import os
import re
import sys

from santral import _native

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python", "santral", "_messages.py")

# class: (docstring, native parser, parse signature, extras as (name, annotation, default or None))
CLASSES = {
    "CallEvent": (
        "A call event POSTed to the CRM integration's notification URL.\n"
        "    Stamps without a zone are naive ``datetime``s; number fields may hold\n"
        "    extensions; ``hangup_cause`` is a ``HangupCause`` or, for an\n"
        "    undocumented cause, its raw text. ``idempotency_key`` is what makes\n"
        "    the event one event (the core's: ``answer:<call_uuid>``): a resend\n"
        "    carries the same key.",
        "parse_call_event",
        "body",
        [("warnings", "list[Diagnostic]", "field(default_factory=list)"), ("idempotency_key", "str", '""')],
    ),
    "CampaignReport": (
        "A campaign report POSTed to a campaign's ``webhook_url``. ``digit``\n"
        "    is ``not_started``, ``pressed``, ``no_key`` or ``invalid_key``; ``key``\n"
        "    the key pressed; ``answered`` the core's rule; ``idempotency_key``\n"
        "    what makes the report one report (``report:<notification_id>``).",
        "parse_campaign_report",
        "body",
        [
            ("answered", "bool", "False"),
            ("key", "Optional[str]", "None"),
            ("warnings", "list[Diagnostic]", "field(default_factory=list)"),
            ("idempotency_key", "str", '""'),
        ],
    ),
    "AdvisoryRequest": (
        "A routing request: the PBX asks where a call goes. ``cli`` is\n"
        "    ``None`` when the caller withheld the number (``cli=`` empty or\n"
        "    ``anonymous``); ``digits`` the keys pressed, whatever ``param_name``\n"
        "    carried them.",
        "parse_advisory_request",
        "query",
        [("digits", "Optional[str]", "None"), ("warnings", "list[Diagnostic]", "field(default_factory=list)")],
    ),
}


QUERY_DOC = "the GET query (with or without ``?``); the digits arrive\n        under ``param_name`` when the previous prompt set one"


def enum_for(names: list[str], enums: list[tuple[str, list[tuple[str, str]]]]) -> str | None:
    """The generated enum whose values are exactly ``names``."""
    for name, members in enums:
        if [text for _v, text in members] == list(names):
            return name
    return None


def typed(kind: str, names: list[str], enums: list[tuple[str, list[tuple[str, str]]]]) -> tuple[str, str]:
    """(annotation, conversion of ``{}``, the native value) for a shape;
    every conversion passes ``None`` through."""
    if kind == "choice":
        e = enum_for(names, enums)
        return (e, f"_opt({e}, {{}})") if e else ("str", "{}")
    if kind == "open":
        e = enum_for(names, enums)
        return (f"Union[{e}, str]", f"_open({e}, {{}})") if e else ("str", "{}")
    return {
        "id": ("int", "{}"),
        "int": ("int", "{}"),
        "phone": ("Phone", "{}"),
        "caller": ("Optional[Phone]", "{}"),
        "timestamp": ("_dt.datetime", "_stamp({})"),
        "duration": ("_dt.timedelta", "_seconds({})"),
        "bool": ("bool", "{}"),
        "digit": ("str", "{}"),
        "text": ("str", "{}"),
    }[kind]


def render() -> str:
    t = _native.tables()
    enums = t["enums"]
    used: set[str] = set()
    out: list[str] = []
    for cls, rows in t["messages"]:
        doc, parser, arg, extras = CLASSES[cls]
        out += ["", "", "@dataclass(frozen=True, kw_only=True)", f"class {cls}:", f'    """{doc}"""', ""]
        converts = []
        for name, required, kind, names in rows:
            ann, conv = typed(kind, names, enums)
            used |= {n for n, _m in enums if re.search(rf"\b{n}\b", ann)}
            # A field the core requires is always there, but digit (present, maybe empty) too.
            always = required or kind == "digit"
            if always:
                out.append(f"    {name}: {ann}")
            else:
                out.append(f"    {name}: Optional[{ann}] = None")
            converts.append((name, conv.format(f'value["{name}"]')))
        for name, ann, default in extras:
            out.append(f"    {name}: {ann} = {default}")
        sig = f"cls, {arg}: Data, *, param_name: Optional[str] = None" if arg == "query" else f"cls, {arg}: Data"
        call = f"_native.{parser}({arg}, param_name)" if arg == "query" else f"_native.{parser}({arg})"
        out += [
            "",
            "    @classmethod",
            f'    def parse({sig}) -> "{cls}":',
            '        """Parses ' + (QUERY_DOC if arg == "query" else "a form body") + ".",
            ("        Raises ``WebhookError`` (with every diagnostic) when invalid.\"\"\""
             if arg == "query" else
             "        Raises ``WebhookError`` (with every diagnostic) when invalid, and for\n"
             "        a verification ping: check ``is_ping`` first and answer it with 200.\"\"\""),
            f"        value, diags = {call}[:2]",
            "        if value is None:",
            "            raise from_diagnostics(WebhookError, diags)",
            "        return cls._from_native(value, diags)",
            "",
            "    @classmethod",
            f'    def _from_native(cls, value: dict[str, Any], diags: list[Diagnostic]) -> "{cls}":',
            '        """The class from the native module\'s reading (a dict and its diagnostics)."""',
            "        return cls(",
        ]
        out += [f"            {name}={expr}," for name, expr in converts]
        for name, _ann, _default in extras:
            if name == "warnings":
                out.append('            warnings=[d for d in diags if d.severity == "warning"],')
            else:
                out.append(f'            {name}=value["{name}"],')
        out.append("        )")
        if arg == "body":
            out += [
                "",
                "    @staticmethod",
                "    def is_ping(body: Data) -> bool:",
                '        """True for the empty body or ``{}`` the PBX POSTs to verify the URL."""',
                f"        return bool(_native.{parser}(body)[2])",
            ]
    head = [
        '"""The received messages\' classes, generated from the core\'s message tables by tools/gen_messages.py."""',
        "# @generated: do not edit by hand.",
        "from __future__ import annotations",
        "",
        "import datetime as _dt",
        "from dataclasses import dataclass, field",
        "from typing import Any, Optional, Union",
        "",
        "from santral import _native",
        f"from santral._enums import {', '.join(sorted(used))}",
        "from santral._values import _seconds, _stamp",
        "from santral.errors import WebhookError, from_diagnostics",
        "",
        "Phone = _native.Phone",
        "Diagnostic = _native.Diagnostic",
        "Data = Union[bytes, str]",
        "",
        "",
        "def _opt(f: Any, v: Any) -> Any:",
        "    return None if v is None else f(v)",
        "",
        "",
        "def _open(e: Any, v: Any) -> Any:",
        '    """A known value as its enum member, another kept as its text."""',
        "    return None if v is None else (e(v) if v in e._value2member_map_ else v)",
    ]
    tail = ["", "", "__all__ = [" + ", ".join(f'"{c}"' for c, _r in t["messages"]) + "]", ""]
    return "\n".join(head + out + tail)


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from _generated import write_or_check

    write_or_check(OUT, render())
