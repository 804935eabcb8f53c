"""Writes python/santral/_enums.py from the core's tables (santral._native.tables()).

    python tools/gen_enums.py           # rewrite
    python tools/gen_enums.py --check   # exit 1 when stale (the tests also check)
"""
from __future__ import annotations

import os
import sys

from santral import _native

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python", "santral", "_enums.py")


def member(name: str) -> str:
    return name.upper()


def render() -> str:
    t = _native.tables()
    lines = [
        '"""Enums of santral, generated from the core\'s tables by tools/gen_enums.py."""',
        "# @generated: do not edit by hand.",
        "from __future__ import annotations",
        "",
        "from enum import Enum",
        "",
        "",
        "class PhoneKind(str, Enum):",
        '    """What a number reaches, in libphonenumber\'s vocabulary plus ``extension``."""',
        "",
    ]
    lines += [f'    {member(k)} = "{k}"' for k in t["phone_kinds"]]
    lines += ["", "", "class EventType(str, Enum):", '    """A call event\'s ``event_type``."""', ""]
    lines += [f'    {member(k)} = "{k}"' for k in t["event_types"]]
    lines += ["", "", "class Direction(str, Enum):", '    """A call\'s ``direction``."""', ""]
    lines += [f'    {member(k)} = "{k}"' for k in t["directions"]]
    lines += ["", "", "class Disposition(str, Enum):", '    """Who hung up (``sip_hangup_disposition``)."""', ""]
    lines += ['    CALLER = "caller"', '    CALLEE = "callee"']
    lines += ["", "", "class HangupCause(str, Enum):", '    """The 34 documented hangup causes (``cagri-sonuc-kodlari.md``)."""', ""]
    lines += [f'    {c} = "{c}"' for c, _ in t["hangup_causes"]]
    lines += [
        "",
        "    @property",
        "    def description_tr(self) -> str:",
        '        """The vendor\'s Turkish description, e.g. ``Cevaplandı``."""',
        "        return _HANGUP_TR[self.value]",
        "",
        "",
        "_HANGUP_TR: dict[str, str] = {",
    ]
    lines += [f'    "{c}": "{d}",' for c, d in t["hangup_causes"]]
    lines += ["}", "", "", "KINDS: tuple[str, ...] = (" + ", ".join(f'"{k}"' for k in t["kinds"]) + ",)", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    text = render()
    old = open(OUT, encoding="utf-8").read() if os.path.exists(OUT) else None
    if "--check" in sys.argv:
        sys.exit(0 if old == text else 1)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
