"""What the Python-side runners share: the vectors' shape of a diagnostic
and of an input's bytes, read off any object with the core's diagnostic
fields (the wheel's ``Diagnostic`` and uniffi's record alike)."""
from __future__ import annotations

from typing import Any, Callable


def diag(d: Any) -> dict[str, Any]:
    r = d.related
    return {
        "severity": d.severity, "code": d.code, "path": d.path, "offset": d.offset, "end": d.end,
        "line": d.line, "column": d.column, "suggestion": d.suggestion,
        "related": None if r is None else [r.offset, r.end, r.line, r.column],
    }


def first(diagnostics: list[Any]) -> dict[str, Any]:
    """The first error (the one an exception names), else the first finding."""
    return diag(next((d for d in diagnostics if d.severity == "error"), diagnostics[0]))


def raw(a: dict[str, Any]) -> bytes:
    return str(a["input"]).encode() if "input" in a else bytes.fromhex(a["input_hex"])


def kw(a: dict[str, Any], *names: str) -> dict[str, Any]:
    """The options given (absent or null: the face's default, which must be the core's)."""
    return {n: a[n] for n in names if a.get(n) is not None}


def ok_or_error(f: Callable[[], Any], error: type[BaseException], diagnostics: Callable[[Any], list[Any]]) -> dict[str, Any]:
    try:
        return {"ok": f()}
    except error as e:
        return {"error": first(diagnostics(e))}
