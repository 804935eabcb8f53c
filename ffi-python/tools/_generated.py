"""What the generators share: write a generated file, or with ``--check``
exit 1 when the file on disk differs (the tests run every generator so)."""
from __future__ import annotations

import os
import sys


def write_or_check(path: str, text: str) -> None:
    old = open(path, encoding="utf-8").read() if os.path.exists(path) else None
    if "--check" in sys.argv:
        sys.exit(0 if old == text else 1)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
