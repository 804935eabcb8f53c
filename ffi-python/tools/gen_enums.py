"""Writes python/santral/_enums.py from the core's tables (santral._native.tables()):
every class, member and value comes from the core's `wire_enum!` declarations.

    python tools/gen_enums.py           # rewrite
    python tools/gen_enums.py --check   # exit 1 when stale (the tests also check)
"""
from __future__ import annotations

import os
import re
import sys

from santral import _native

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python", "santral", "_enums.py")


def member(variant: str) -> str:
    """The Python member name of a core variant: ``FixedLine`` -> ``FIXED_LINE``."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", variant).upper()


def render() -> str:
    t = _native.tables()
    lines = [
        '"""Enums of santral, generated from the core\'s `wire_enum!` tables by tools/gen_enums.py."""',
        "# @generated: do not edit by hand.",
        "from __future__ import annotations",
        "",
        "from enum import Enum",
    ]
    names = []
    for name, members in t["enums"]:
        names.append(name)
        lines += ["", "", f"class {name}(str, Enum):", f'    """The core\'s ``{name}``: its wire texts."""', ""]
        lines += [f'    {member(v)} = "{text}"' for v, text in members]
        if name == "HangupCause":
            lines += [
                "",
                "    @property",
                "    def description_tr(self) -> str:",
                '        """The vendor\'s Turkish description, e.g. ``Cevaplandı``."""',
                "        return _HANGUP_TR[self.value]",
            ]
    lines += ["", "", "_HANGUP_TR: dict[str, str] = {"]
    lines += [f'    "{c}": "{d}",' for c, d in t["hangup_causes"]]
    lines += ["}", "", "", "KINDS: tuple[str, ...] = (" + ", ".join(f'"{k}"' for k in t["kinds"]) + ",)", ""]
    lines += ["__all__ = [" + ", ".join(f'"{n}"' for n in names + ["KINDS"]) + "]", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from _generated import write_or_check

    write_or_check(OUT, render())
