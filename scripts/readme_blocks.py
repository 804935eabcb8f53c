"""Runs the README's Python code blocks as whole programs (issue 30 #6),
each in a fresh directory holding a copy of `examples/`, with the
installed wheel; the one that talks to the PBX gets a `santral simulate`
on a free loopback port (its `8095` and `9000` become free ports). A block
that raises fails the step. The other languages' blocks are counted and
named, not run yet (the book of issue 36 is where every example will run).

    python scripts/readme_blocks.py     # SANTRAL_BIN: the santral binary
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def blocks(text: str) -> list[tuple[int, str, str]]:
    """(line, language, code) of every fenced block."""
    out = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        m = re.match(r"^```(\w*)\s*$", lines[i])
        if m:
            j = i + 1
            while j < len(lines) and not lines[j].startswith("```"):
                j += 1
            out.append((i + 1, m.group(1) or "text", "\n".join(lines[i + 1 : j]) + "\n"))
            i = j + 1
            continue
        i += 1
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def main() -> int:
    found = blocks((ROOT / "README.md").read_text())
    python = [b for b in found if b[1] == "python"]
    others: dict[str, int] = {}
    for _, lang, _ in found:
        if lang != "python":
            others[lang] = others.get(lang, 0) + 1
    failed = 0
    for line, _, code in python:
        with tempfile.TemporaryDirectory() as tmp:
            shutil.copytree(ROOT / "examples", Path(tmp) / "examples")
            sim = None
            if "santral.Client(" in code:
                pbx, hooks = free_port(), free_port()
                code = code.replace("8095", str(pbx)).replace("9000", str(hooks))
                binary = os.environ.get("SANTRAL_BIN", str(ROOT / "target/debug/santral"))
                sim = subprocess.Popen(
                    [binary, "simulate", "--listen", f"127.0.0.1:{pbx}", "--speed", "0", "--no-rate-limits"],
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                )
                for _ in range(100):
                    try:
                        socket.create_connection(("127.0.0.1", pbx), timeout=1).close()
                        break
                    except OSError:
                        time.sleep(0.1)
            try:
                started = time.monotonic()
                run = subprocess.run([sys.executable, "-c", code], cwd=tmp, capture_output=True, text=True, timeout=300)
                took = time.monotonic() - started
            finally:
                if sim is not None:
                    sim.kill()
                    sim.wait()
            if run.returncode == 0:
                print(f"README.md:{line}: python block ran ({took:.1f} s)")
            else:
                failed += 1
                print(f"README.md:{line}: python block FAILED\n{run.stdout[-2000:]}{run.stderr[-4000:]}")
    left = ", ".join(f"{n} {lang}" for lang, n in sorted(others.items()))
    print(f"README blocks: {len(python) - failed} of {len(python)} python blocks ran; not run yet: {left}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
