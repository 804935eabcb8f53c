"""Writes python/santral/_operations.py from the core's operation table
(santral._native.api_operations() and api_records()): one method per
operation for ``Client`` and ``AsyncClient``, typed, with docstrings from
the table, and one TypedDict per record type.

The eight operations with a typed request in the core (campaigns, CRM
settings, originate, call records) keep their hand-written methods in
client.py (richer arguments: a campaign from leads, CDR windows); every
other operation is generated here.

    python tools/gen_client.py           # rewrite
    python tools/gen_client.py --check   # exit 1 when stale (the tests also check)
"""
from __future__ import annotations

import os
import sys

from santral import _native

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python", "santral", "_operations.py")

# The operations client.py writes by hand (see the module docstring).
HAND_WRITTEN = {
    "create_campaign", "delete_campaign", "set_campaign_status", "get_crm_settings",
    "update_crm_settings", "originate", "list_cdrs", "get_cdr",
}

FIELD_TYPES = {
    "int": "int", "text": "str", "bool": "bool", "stamp": "_dt.datetime",
    "text_list": "list[str]", "int_list": "list[int]",
}

PARAM_TYPES = {
    "text": "str", "int": "int", "bool": "bool", "stamp": "Stamp",
    "list": "Union[str, Sequence[Union[int, str]]]", "data_url": "FileData",
}


def returns(reply: str, record: "str | None", paged: bool, asynchronous: bool) -> str:
    if reply == "records":
        if paged:
            return f"AsyncIterator[{record}]" if asynchronous else f"Iterator[{record}]"
        return f"list[{record}]"
    return {
        "ok": "None", "plus_ok": "None", "empty": "None", "dnd": "bool", "id": "int",
        "call_uuid": "str", "url": "str", "token": "str",
    }[reply]


def method(op: tuple, paged_records: set[str], asynchronous: bool) -> list[str]:
    name, http, path, summary, reply, record, idempotent, pool, params = op[:9]
    # Path parameters first (the call's uuid of /transfer/{call_uuid}), then
    # the table's order.
    args = sorted((p for p in params if p[0] != "key"), key=lambda p: p[1] != "path")
    required = [p for p in args if p[3]]
    optional = [p for p in args if not p[3]]
    paged = record in paged_records
    sig = ["self"]
    sig += [f"{p[0]}: {PARAM_TYPES[p[2]]}" for p in required]
    if optional:
        sig.append("*")
        sig += [f"{p[0]}: Optional[{PARAM_TYPES[p[2]]}] = None" for p in optional]
    ret = returns(reply, record, paged, asynchronous)
    lines = [""]
    kw = "async def" if asynchronous and not paged else "def"
    lines.append(f"    {kw} {name}({', '.join(sig)}) -> {ret}:")
    doc = [f'        """{summary}', "", f"        ``{http} {path}``; {'safe to resend' if idempotent else 'never resent'}; rate pool ``{pool}``."]
    if args:
        doc.append("")
        for p in args:
            doc.append(f"        - ``{p[0]}``{'' if p[3] else ' (optional)'}: {p[4]}")
    if paged:
        doc += ["", "        Every page, fetched as you iterate (unless ``page`` is given)."]
    doc.append('        """')
    lines += doc
    passed = ", ".join(f"{p[0]}={p[0]}" for p in args)
    files = [p for p in args if p[2] == "data_url"]
    for p in files:
        sound = "True" if name.endswith("announcement") else "False"
        opt = "" if p[3] else f" if {p[0]} is not None else None"
        lines.append(f"        {p[0]} = _file({p[0]}, sound={sound}){opt}")
    call = f'"{name}"' + (f", {passed}" if passed else "")
    if paged:
        lines.append(f"        return self._pages({call})  # type: ignore[return-value]")
        return lines
    aw = "await " if asynchronous else ""
    if reply in ("ok", "plus_ok", "empty"):
        lines.append(f"        {aw}self._call({call})")
    elif reply == "dnd":
        lines.append(f"        _, _, state = {aw}self._call({call})")
        lines.append('        return bool(state == "on")')
    elif reply == "id":
        lines.append(f"        _, value, _ = {aw}self._call({call})")
        lines.append("        return int(value)")
    elif reply == "records":
        lines.append(f"        _, value, _ = {aw}self._call({call})")
        lines.append(f"        return [_record(r) for r in value]  # type: ignore[misc]")
    else:
        lines.append(f"        _, value, _ = {aw}self._call({call})")
        lines.append("        return str(value)")
    return lines


def render() -> str:
    ops = _native.api_operations()
    records = _native.api_records()
    # A record type pages when its operation takes `page`.
    paged_records = {op[5] for op in ops if op[5] and any(p[0] == "page" for p in op[8])}
    out = [
        '"""Every operation of the Bulut Santralim API as a method of ``Client`` and',
        "``AsyncClient``, and every record type the API returns: generated from the",
        'core\'s operation table by tools/gen_client.py."""',
        "# @generated: do not edit by hand.",
        "from __future__ import annotations",
        "",
        "import datetime as _dt",
        "from typing import Any, AsyncIterator, Iterator, Optional, Sequence, TypedDict, Union",
        "",
        "from santral._files import FileData, _file",
        "from santral._values import _record",
        "",
        "Stamp = Union[_dt.datetime, str]",
        "",
        "OPERATIONS: tuple[str, ...] = (",
    ]
    out += [f'    "{op[0]}",' for op in ops]
    out += [")", '"""The 45 operations, in the core\'s order."""']
    for name, fields in records:
        out += ["", "", f"class {name}(TypedDict, total=False):",
                f'    """One record of the API (fields absent from a reply are absent here; a value',
                '    without its documented form is ``None``, its text under ``malformed``)."""', ""]
        for f, ty, doc in fields:
            out.append(f"    {f}: Optional[{FIELD_TYPES[ty]}]")
            out.append(f'    """{doc}"""')
        out.append("    malformed: dict[str, str]")
    for asynchronous in (False, True):
        cls = "_AsyncOperations" if asynchronous else "_Operations"
        out += ["", "", f"class {cls}:",
                f'    """The generated operations of ``{"AsyncClient" if asynchronous else "Client"}`` (a mixin)."""', ""]
        if asynchronous:
            out += ["    async def _call(self, operation: str, **params: Any) -> tuple[str, Any, Any]:",
                    "        raise NotImplementedError",
                    "",
                    "    def _pages(self, operation: str, **params: Any) -> AsyncIterator[dict[str, Any]]:",
                    "        raise NotImplementedError"]
        else:
            out += ["    def _call(self, operation: str, **params: Any) -> tuple[str, Any, Any]:",
                    "        raise NotImplementedError",
                    "",
                    "    def _pages(self, operation: str, **params: Any) -> Iterator[dict[str, Any]]:",
                    "        raise NotImplementedError"]
        for op in ops:
            if op[0] in HAND_WRITTEN:
                continue
            out += method(op, paged_records, asynchronous)
    names = [n for n, _ in records]
    out += ["", "", "__all__ = [" + ", ".join(f'"{n}"' for n in ["OPERATIONS"] + names) + "]", ""]
    return "\n".join(out)


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from _generated import write_or_check

    write_or_check(OUT, render())
