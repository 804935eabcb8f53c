"""Runs every code block of the README and the book (issues 30 #6, 36),
as written.

Each block runs in a fresh copy of the repository's tracked files, in a
network namespace of its own when the machine allows one (`unshare -rn`:
only a loopback, so the blocks' fixed ports never meet another step's
and nothing can reach any other address), with the built `santral` on
PATH. What a block's language means:

- `sh`: run by bash, command by command (`set -e`). A command that ends
  in `&` starts a server: the runner waits until it listens, as a person
  would before typing the next line. A command with a `# → TEXT` comment
  must print TEXT (`…` stands for any text, `<uuid>` for a UUID). The
  block's servers are stopped when it ends.
- `python`: run as a whole program with the installed wheel ($PYTHON).
- `c`: compiled with gcc against `include/santral.h` and libsantral, run;
  `cmake`: a project whose `app.c` is the page's C block, configured
  against libsantral installed by `scripts/install-c.sh`, built and run.
- `kotlin`: compiled with the generated uniffi bindings (kotlinc from
  `scripts/test-bindings.sh`) and run on the JVM.
- `rust`: doctests of `santral-benches` (`benches/src/lib.rs` includes
  the page), run by `cargo test`; this runner checks the include is there.
- `text` whose first line is `$ COMMAND`: COMMAND is run and must print
  the rest of the block, line for line (`…` as above).

A comment on the line before a block changes that:

- `<!-- readme: servers -->`: the block's commands may be servers that
  never return: each is started, must listen, and is stopped.
- `<!-- readme: network -->`: runs outside the namespace (it installs
  from PyPI).
- `<!-- readme: synopsis -->`: a usage line, not a command: each line's
  command must exist and know every `--option` the line names.
- `<!-- readme: file PATH -->`: the block is PATH's text (a part of it).
- `<!-- readme: check KIND -->`: a fragment of a file of that kind:
  `santral check KIND` must find no error in it.
- `<!-- readme: output -->`: what the `sh` block before it prints; each
  line must appear in a line of that block's output (servers included;
  a log line may carry a time stamp before it) within 20 s.
- `<!-- readme: same as PAGE -->`: the block is, character for character,
  a block of PAGE (a book page) that runs there (the README's short
  examples are the book's).
- `<!-- readme: vector ID -->`: the block is the arguments of conformance
  vector ID (`conformance/vectors.jsonl`), which every face's runner runs.
- `<!-- readme: not run — REASON -->`: cannot run here; the reason says
  why and where it is covered. Counted and listed, never as run.

Builds in a block (`cargo build`, `cargo run`, `cargo install --path
cli`) are what the test command has already built: the runner's `cargo`
runs the built `santral` for `cargo run -p santral-cli -- ARGS` and
accepts a build whose artefacts exist; `sudo apt install PKG…` is checked
with `apt-get install -s` (the names exist) instead of installing.
`target/release/` holds the built binaries (debug builds stand in for
release ones).

    python3 scripts/readme_blocks.py [README.md docs/src …]   # files, or folders of .md
    # SANTRAL_BIN: the santral binary (default target/debug/santral)
    # PYTHON: a python with the santral wheel and its [examples] extra
"""
from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARK = re.compile(r"^<!--\s*readme:\s*(.*?)\s*-->\s*$")


@dataclass
class Block:
    line: int  # the fence's line, 1-based
    lang: str
    code: str
    mark: str  # the marker's text, "" when none


def blocks(text: str) -> list[Block]:
    """Every fenced block, with the marker on the nearest line above it."""
    out: list[Block] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        m = re.match(r"^```(\w*)\s*$", lines[i])
        if m:
            j = i + 1
            while j < len(lines) and not lines[j].startswith("```"):
                j += 1
            k = i - 1
            while k >= 0 and not lines[k].strip():
                k -= 1
            mark = MARK.match(lines[k]) if k >= 0 else None
            out.append(Block(i + 1, m.group(1) or "text", "\n".join(lines[i + 1 : j]) + "\n", mark.group(1) if mark else ""))
            i = j + 1
            continue
        i += 1
    return out


def pattern(expected: str) -> re.Pattern[str]:
    """`…` is any text, `<uuid>` a UUID; the rest is literal."""
    parts = re.split(r"(…|<uuid>)", expected.strip())
    rx = "".join(".*?" if p == "…" else r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}" if p == "<uuid>" else re.escape(p) for p in parts)
    return re.compile(rx)


def netns_works() -> bool:
    try:
        return subprocess.run(["unshare", "-rn", "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


class Sandbox:
    """A fresh copy of the tracked files with the built artefacts and the
    runner's shims (`cargo`, `sudo`, `santral`) on PATH."""

    def __init__(self, binary: Path) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="readme-"))
        files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT, capture_output=True, check=True).stdout
        for name in files.decode().split("\0"):
            if not name:
                continue
            src = ROOT / name
            if not src.is_file():
                continue
            dst = self.dir / name
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
        built = binary.parent
        for profile in ("debug", "release"):
            (self.dir / "target" / profile).mkdir(parents=True, exist_ok=True)
        for name in ("santral", "libsantral.so", "libsantral.a", "libsantral_uniffi.so", "uniffi-bindgen"):
            for profile in ("debug", "release"):
                own = ROOT / "target" / profile / name
                src = own if own.exists() else built / name
                if src.exists():
                    (self.dir / "target" / profile / name).symlink_to(src)
        if (ROOT / "target/wheels").is_dir():
            (self.dir / "target/wheels").symlink_to(ROOT / "target/wheels")
        shims = self.dir / ".readme-bin"
        shims.mkdir()
        (shims / "santral").symlink_to(binary)
        (shims / "cargo").write_text(CARGO_SHIM)
        (shims / "sudo").write_text(SUDO_SHIM)
        for f in ("cargo", "sudo"):
            (shims / f).chmod(0o755)
        self.path = f"{shims}:{os.environ['PATH']}"

    def remove(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


CARGO_SHIM = r"""#!/usr/bin/env bash
# The README runner's cargo: the test command has built everything already.
args=("$@")
case "${args[0]}" in
  run)
    for i in "${!args[@]}"; do
      if [ "${args[$i]}" = "--" ]; then exec santral "${args[@]:$((i+1))}"; fi
    done
    exec santral ;;
  metadata)
    # read-only: the real cargo (uniffi-bindgen asks it for the crate's config)
    PATH=${PATH#*:} exec cargo "$@" --offline ;;
  build|install)
    case " $* " in *" --target "*)
      echo "readme runner: the test command builds no \`cargo $*\`" >&2; exit 1 ;;
    esac
    echo "(readme runner: \`cargo $*\` is already built by the test command)" >&2
    [ -x target/debug/santral ] || { echo "target/debug/santral is missing" >&2; exit 1; } ;;
  *) echo "readme runner: no stand-in for \`cargo $*\`" >&2; exit 1 ;;
esac
"""

SUDO_SHIM = r"""#!/usr/bin/env bash
# The README runner's sudo: installs nothing, checks what would be installed.
if [ "$1" = apt ] || [ "$1" = apt-get ]; then
  shift; [ "$1" = install ] && shift
  pkgs=(); for p in "$@"; do case "$p" in -*) ;; *) pkgs+=("$p") ;; esac; done
  for p in "${pkgs[@]}"; do
    if dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "install ok installed"; then continue; fi
    # a virtual or metapackage name (php-cli) that an installed package provides
    if apt-get install -s -qq "$p" >/dev/null 2>&1; then continue; fi
    if apt-cache showpkg "$p" 2>/dev/null | grep -q '^Reverse Provides'; then continue; fi
    echo "readme runner: Debian has no package $p" >&2; exit 1
  done
  echo "(readme runner: apt install ${pkgs[*]}: known to Debian, not installed by the runner)" >&2
  exit 0
fi
echo "readme runner: no stand-in for \`sudo $*\`" >&2; exit 1
"""

DONE = "(readme runner: every command ran)"

# The functions a sh block's script is given.
SH_PRELUDE = r"""
__listening() { awk 'NR>1 && $4=="0A"' /proc/net/tcp /proc/net/tcp6 2>/dev/null | wc -l; }
# __started BEFORE N: waits until N more sockets listen than BEFORE (20 s).
__started() {
  local before=$1 n=$2 i
  for i in $(seq 200); do
    [ "$(__listening)" -ge $((before + n)) ] && return 0
    sleep 0.1
  done
  echo "readme runner: a server started on this line never listened" >&2; return 1
}
# __server PID BEFORE: a foreground command that may be a server.
__server() {
  local pid=$1 before=$2 i
  for i in $(seq 300); do
    if ! kill -0 "$pid" 2>/dev/null; then wait "$pid"; return $?; fi
    if [ "$(__listening)" -gt "$before" ]; then
      echo "(readme runner: listening; stopped)" >&2; kill "$pid"; wait "$pid" 2>/dev/null; return 0
    fi
    sleep 0.1
  done
  echo "readme runner: neither returned nor listened in 30 s" >&2; kill "$pid"; return 1
}
__expect() {
  printf '%s\n' "$2"
  if ! python3 -c 'import re,sys; sys.exit(0 if re.fullmatch(sys.argv[1], sys.argv[2].strip(), re.S) else 1)' "$1" "$2"; then
    echo "readme runner: line $3 printed the above, not what its comment says" >&2; return 1
  fi
}
__hold() { local i; for i in $(seq 300); do [ -e "$1" ] && return 0; sleep 0.1; done; }
trap 'j=$(jobs -p); [ -n "$j" ] && kill $j 2>/dev/null; wait 2>/dev/null; true' EXIT
set -eo pipefail
"""


def open_quote(text: str, quote: str = "") -> str:
    """The quote still open at the end of `text` ("" when none)."""
    for ch in text:
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and not quote:
            break
    return quote


def logical(code: str) -> list[tuple[int, str]]:
    """(first line offset, command): backslash continuations joined, and a
    quoted string that spans lines kept whole."""
    out: list[tuple[int, str]] = []
    buf = ""
    quote = ""
    start = 0
    for n, raw in enumerate(code.splitlines()):
        if not buf:
            start = n
        if quote:
            buf += "\n" + raw
        else:
            buf += (" " + raw.strip()) if buf else raw.rstrip()
        quote = open_quote(raw, quote) if not raw.lstrip().startswith("#") or quote else ""
        if quote:
            continue
        if buf.rstrip().endswith("\\") and not raw.lstrip().startswith("#"):
            buf = buf.rstrip()[:-1].rstrip()
            continue
        out.append((start, buf))
        buf = ""
    if buf:
        out.append((start, buf))
    return out


def split_comment(cmd: str) -> tuple[str, str]:
    """A command and its trailing comment (a `#` outside quotes after a space)."""
    try:
        lex = shlex.shlex(cmd, posix=True, punctuation_chars=True)
        lex.whitespace_split = True
        lex.commenters = ""
    except ValueError:
        return cmd, ""
    quote = ""
    for i, ch in enumerate(cmd):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and (i == 0 or cmd[i - 1] in " \t"):
            return cmd[:i].rstrip(), cmd[i + 1 :].strip()
    return cmd, ""


def background_count(cmd: str) -> int:
    """How many commands on the line end in a lone `&` (outside quotes)."""
    n, quote, i = 0, "", 0
    while i < len(cmd):
        ch = cmd[i]
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch == "\\":
            i += 1
        elif ch == "&":
            before = cmd[i - 1] if i else ""
            after = cmd[i + 1] if i + 1 < len(cmd) else ""
            if (not before or before not in "&>|<") and (not after or after not in "&>"):
                n += 1
            elif after == "&":
                i += 1
        i += 1
    return n


def sh_script(block: Block, servers: bool, hold: Path) -> str:
    first = block.line + 1
    out = [SH_PRELUDE]
    cmds = logical(block.code)
    for n, (off, cmd) in enumerate(cmds):
        line = first + off
        body, comment = split_comment(cmd)
        if not body.strip():
            continue
        # `# → TEXT` after the command, or alone on the next line
        if not comment.startswith("→") and n + 1 < len(cmds) and cmds[n + 1][1].lstrip().startswith("# →"):
            comment = cmds[n + 1][1].lstrip()[1:].strip()
        expect = comment[1:].strip() if comment.startswith("→") else ""
        n_bg = background_count(body)
        out.append(f"echo '$ '{shlex.quote(body)} >&2")
        if n_bg:
            out.append(f"__b=$(__listening); {body} __started $__b {n_bg}")
        elif expect:
            # what it prints is the test, whatever its exit status
            out.append(f"__o=$({body}) || true; __expect {shlex.quote(pattern(expect).pattern)} \"$__o\" {line}")
        elif servers:
            out.append(f"__b=$(__listening); {body} & __server $! $__b")
        else:
            out.append(body)
    out.append(f"echo {shlex.quote(DONE)} >&2; __hold {shlex.quote(str(hold))}")
    return "\n".join(out) + "\n"


class Runner:
    def __init__(self, pages: list[Path]) -> None:
        self.pages = pages
        self.readme = pages[0]
        self.all: list[Block] = []
        self.total = self.outputs = 0
        self.binary = Path(os.environ.get("SANTRAL_BIN", ROOT / "target/debug/santral")).resolve()
        self.python = os.environ.get("PYTHON", sys.executable)
        self.netns = netns_works()
        self.ran: list[str] = []
        self.not_run: list[str] = []
        self.failed: list[str] = []
        self.prefix: Path | None = None
        self._vectors: dict[str, object] | None = None

    def vectors(self) -> dict[str, object]:
        """The conformance vectors' arguments by id, read once."""
        if self._vectors is None:
            lines = (ROOT / "conformance/vectors.jsonl").read_text().splitlines()
            self._vectors = {v["id"]: v["args"] for v in map(json.loads, lines)}
        return self._vectors

    def where(self, b: Block) -> str:
        try:
            name = self.readme.resolve().relative_to(ROOT)
        except ValueError:
            name = self.readme
        return f"{name}:{b.line}"

    def run(self, b: Block, sb: Sandbox, argv: list[str], network: bool = False, timeout: int = 600, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        if self.netns and not network:
            argv = ["unshare", "-rn", "sh", "-c", 'ip link set lo up 2>/dev/null || true; exec "$@"', "readme"] + argv
        full = dict(os.environ, PATH=sb.path, SANTRAL_BIN=str(self.binary), **(env or {}))
        return subprocess.run(argv, cwd=sb.dir, capture_output=True, text=True, timeout=timeout, env=full)

    def verdict(self, b: Block, ok: bool, what: str, detail: str = "") -> None:
        if ok:
            self.ran.append(f"{self.where(b)}: {b.lang} {what}")
            print(f"{self.where(b)}: {b.lang} block {what}")
        else:
            self.failed.append(self.where(b))
            print(f"{self.where(b)}: {b.lang} block FAILED ({what})\n{detail[-6000:]}")

    def main(self) -> int:
        if not self.netns:
            print("(no network namespace here: the blocks run on this machine's loopback)")
        for page in self.pages:
            self.readme = page
            self.all = blocks(page.read_text())
            self.total += len(self.all) - sum(1 for b in self.all if b.mark == "output")
            self.outputs += sum(1 for b in self.all if b.mark == "output")
            self.page()
        print()
        for n in self.not_run:
            print(f"not run: {n}")
        print(f"blocks of {len(self.pages)} pages: {len(self.ran)} ran, {len(self.failed)} failed, {len(self.not_run)} not run (each says why), of {self.total}"
              f" (+{self.outputs} output blocks checked with theirs)")
        for f in self.failed:
            print(f"FAILED: {f}")
        return 1 if self.failed else 0

    def page(self) -> None:
        for idx, b in enumerate(self.all):
            mark = b.mark
            if mark.startswith("not run"):
                reason = mark.split("—", 1)[-1].strip() if "—" in mark else ""
                if not reason:
                    self.failed.append(self.where(b))
                    print(f"{self.where(b)}: marked not run without a reason")
                    continue
                self.not_run.append(f"{self.where(b)} ({b.lang}): {reason}")
                continue
            if mark == "output":
                continue  # checked with the sh block before it
            outputs = []
            for nxt in self.all[idx + 1 :]:
                if nxt.mark != "output":
                    break
                outputs.append(nxt)
            try:
                self.one(b, mark, outputs)
            except subprocess.TimeoutExpired as e:
                self.verdict(b, False, "timed out", str(e))

    def one(self, b: Block, mark: str, outputs: list[Block]) -> None:
        if mark.startswith("file "):
            path = ROOT / mark[5:].strip()
            ok = path.is_file() and b.code in path.read_text()
            self.verdict(b, ok, f"is the text of {mark[5:].strip()}", "" if ok else "the block differs from the file")
            return
        if mark.startswith("check "):
            kind = mark[6:].strip()
            run = subprocess.run([str(self.binary), "check", kind, "-"], input=b.code, capture_output=True, text=True)
            self.verdict(b, run.returncode == 0, f"is a valid {kind} (santral check)", run.stdout + run.stderr)
            return
        if mark.startswith("same as "):
            page = ROOT / mark[8:].strip()
            found = [x for x in (blocks(page.read_text()) if page.is_file() else []) if x.code == b.code and x.lang == b.lang]
            ok = bool(found) and not found[0].mark.startswith(("not run", "same as"))
            self.verdict(b, ok, f"is a block of {mark[8:].strip()}, which runs there", "" if ok else "no identical block there, or that one does not run")
            return
        if mark.startswith("vector "):
            vid = mark[7:].strip()
            found = self.vectors().get(vid)
            ok = found is not None and found == json.loads(b.code)
            self.verdict(b, ok, f"is conformance vector {vid}'s input (run through every face by the conformance runners)", "" if ok else "no such vector, or other arguments")
            return
        if b.lang == "rust":
            lib = (ROOT / "benches/src/lib.rs").read_text()
            rel = os.path.relpath(self.readme.resolve(), ROOT / "benches/src")
            ok = f'include_str!("{rel}")' in lib or f'"{rel}"' in lib
            self.verdict(b, ok, "runs as a doctest of santral-benches (cargo test)", f"benches/src/lib.rs does not include {rel}")
            return
        sb = Sandbox(self.binary)
        try:
            if mark == "synopsis":
                self.synopsis(b, sb)
            elif b.lang == "sh":
                self.sh(b, sb, mark, outputs)
            elif b.lang == "python":
                self.py(b, sb)
            elif b.lang == "c":
                self.c(b, sb)
            elif b.lang == "cmake":
                self.cmake(b, sb)
            elif b.lang == "kotlin":
                self.kotlin(b, sb)
            elif b.lang == "text" and b.code.startswith("$ "):
                self.transcript(b, sb)
            else:
                self.verdict(b, False, "nothing says how to run it", "mark it (see scripts/readme_blocks.py) or make it runnable")
        finally:
            sb.remove()

    def sh(self, b: Block, sb: Sandbox, mark: str, outputs: list[Block]) -> None:
        hold = sb.dir / ".readme-release"
        script = sb.dir / ".readme-block.sh"
        script.write_text(sh_script(b, mark == "servers", hold))
        log = sb.dir / ".readme-out"
        argv = ["bash", str(script)]
        if self.netns and mark != "network":
            argv = ["unshare", "-rn", "sh", "-c", 'ip link set lo up 2>/dev/null || true; exec "$@"', "readme"] + argv
        env = dict(os.environ, PATH=sb.path, SANTRAL_BIN=str(self.binary), PYTHON=self.python)
        env["PATH"] = f"{sb.path.split(':', 1)[0]}:{Path(self.python).parent}:{env['PATH'].split(':', 1)[1]}"
        started = time.monotonic()
        want = [pattern(line) for o in outputs for line in o.code.splitlines() if line.strip()]
        missing: list[str] = []
        with open(log, "w") as out:
            proc = subprocess.Popen(argv, cwd=sb.dir, stdout=out, stderr=subprocess.STDOUT, env=env, text=True)
            done_at = 0.0
            deadline = time.monotonic() + 600
            while proc.poll() is None and time.monotonic() < deadline:
                text = log.read_text(errors="replace")
                if DONE in text:
                    # every command ran; the servers still run: wait for the
                    # output block's lines (the deliveries come later)
                    done_at = done_at or time.monotonic()
                    lines = [l.strip() for l in text.splitlines()]
                    missing = [p.pattern for p in want if not any(p.search(l) for l in lines)]
                    if not missing or time.monotonic() - done_at > 20:
                        hold.touch()
                        break
                time.sleep(0.2)
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        text = log.read_text(errors="replace")
        took = time.monotonic() - started
        ok = proc.returncode == 0 and DONE in text and not missing
        what = f"ran ({took:.1f} s)" + "".join(f", with the output block at line {o.line}" for o in outputs if ok)
        detail = text + (f"\noutput lines not seen: {missing}" if missing else "")
        self.verdict(b, ok, what, detail)

    def py(self, b: Block, sb: Sandbox) -> None:
        (sb.dir / ".readme-block.py").write_text(b.code)
        code = b.code
        started = time.monotonic()
        if "santral.Client(" in code:
            # the block talks to the PBX: the simulator on its default port
            run = self.run(b, sb, ["sh", "-c", f'"$SANTRAL_BIN" simulate --speed 0 --no-rate-limits >/dev/null 2>&1 & s=$!; '
                                   f'for i in $(seq 100); do awk \'NR>1 && $4=="0A"\' /proc/net/tcp | grep -q . && break; sleep 0.1; done; '
                                   f'{shlex.quote(self.python)} .readme-block.py; r=$?; kill $s; exit $r'], timeout=300)
        else:
            run = self.run(b, sb, [self.python, ".readme-block.py"], timeout=300)
        self.verdict(b, run.returncode == 0, f"ran ({time.monotonic() - started:.1f} s)", run.stdout + run.stderr)

    def installed(self) -> tuple[Path | None, str]:
        """libsantral installed by scripts/install-c.sh into a prefix."""
        if self.prefix is None:
            prefix = Path(tempfile.mkdtemp(prefix="readme-prefix-"))
            inst = subprocess.run(["bash", "scripts/install-c.sh", str(prefix)], cwd=ROOT, capture_output=True, text=True)
            if inst.returncode != 0:
                return None, inst.stdout + inst.stderr
            self.prefix = prefix
        return self.prefix, ""

    def c(self, b: Block, sb: Sandbox) -> None:
        (sb.dir / "app.c").write_text(b.code)
        prefix, why = self.installed()
        if prefix is None:
            self.verdict(b, False, "scripts/install-c.sh failed", why)
            return
        lib = prefix / "lib"
        build = self.run(b, sb, ["gcc", "-std=c11", "-Wall", "-Wextra", "-Werror", f"-I{prefix}/include", "app.c", f"-L{lib}", "-lsantral", f"-Wl,-rpath,{lib}", "-o", "app"], network=True)
        if build.returncode != 0:
            self.verdict(b, False, "did not compile", build.stdout + build.stderr)
            return
        run = self.run(b, sb, ["./app"])
        self.verdict(b, run.returncode == 0, "compiled (gcc -Werror, libsantral from scripts/install-c.sh) and ran", run.stdout + run.stderr)

    def cmake(self, b: Block, sb: Sandbox) -> None:
        app = [x for x in self.all if x.lang == "c"]
        if shutil.which("cmake") is None or not app:
            self.verdict(b, False, "cmake or the page's C block is missing")
            return
        prefix, why = self.installed()
        if prefix is None:
            self.verdict(b, False, "scripts/install-c.sh failed", why)
            return
        proj = sb.dir / ".readme-cmake"
        proj.mkdir()
        (proj / "CMakeLists.txt").write_text(b.code)
        (proj / "app.c").write_text(app[0].code)
        steps = [["cmake", "-S", str(proj), "-B", str(proj / "build"), f"-DCMAKE_PREFIX_PATH={prefix}"],
                 ["cmake", "--build", str(proj / "build")]]
        for argv in steps:
            r = self.run(b, sb, argv, network=True)
            if r.returncode != 0:
                self.verdict(b, False, f"{argv[0]} {argv[1]} failed", r.stdout + r.stderr)
                return
        r = self.run(b, sb, [str(proj / "build/app")])
        self.verdict(b, r.returncode == 0, "built with the C block against libsantral from scripts/install-c.sh and ran", r.stdout + r.stderr)

    def kotlin(self, b: Block, sb: Sandbox) -> None:
        kotlinc = ROOT / "target/kotlin/node_modules/kotlin-compiler/bin/kotlinc"
        jna = Path("/usr/share/java/jna.jar")
        uniffi = self.binary.parent / "libsantral_uniffi.so"
        bindgen = self.binary.parent / "uniffi-bindgen"
        if not (kotlinc.exists() and jna.exists() and uniffi.exists() and bindgen.exists()):
            self.verdict(b, False, "kotlinc, JNA or the uniffi library is missing (scripts/test-bindings.sh provides them)")
            return
        gen = self.run(b, sb, [str(bindgen), "generate", "--library", str(uniffi), "--language", "kotlin", "--out-dir", "gen", "--no-format"], network=True)
        if gen.returncode != 0:
            self.verdict(b, False, "uniffi-bindgen failed", gen.stdout + gen.stderr)
            return
        (sb.dir / "Readme.kt").write_text(b.code)
        kt = sb.dir / "gen/uniffi/santral_uniffi/santral_uniffi.kt"
        comp = self.run(b, sb, [str(kotlinc), "-nowarn", "-cp", str(jna), str(kt), "Readme.kt", "-include-runtime", "-d", "readme.jar"], network=True, timeout=900)
        if comp.returncode != 0:
            self.verdict(b, False, "kotlinc failed", comp.stdout + comp.stderr)
            return
        run = self.run(b, sb, ["java", f"-Djna.library.path={uniffi.parent}", "-cp", f"readme.jar:{jna}", "ReadmeKt"])
        self.verdict(b, run.returncode == 0, "compiled (kotlinc) and ran on the JVM", run.stdout + run.stderr)

    def transcript(self, b: Block, sb: Sandbox) -> None:
        first, *rest = b.code.splitlines()
        run = self.run(b, sb, ["bash", "-c", first[2:] + " 2>&1"])
        got = run.stdout.rstrip("\n").splitlines()
        want = [pattern(line) for line in rest]
        ok = len(got) == len(want) and all(p.fullmatch(g.strip()) for p, g in zip(want, got))
        self.verdict(b, ok, "printed what it shows", "got:\n" + run.stdout)

    def synopsis(self, b: Block, sb: Sandbox) -> None:
        problems = []
        for raw in b.code.splitlines():
            words = raw.split()
            if not words:
                continue
            cmd = []
            for w in words:
                if w.startswith("-") or w.startswith("["):
                    break
                cmd.append(w)
            help_ = self.run(b, sb, ["bash", "-c", shlex.join(cmd + ["--help"]) + " 2>&1"]).stdout
            if not help_.strip() or "error:" in help_.split("\n", 1)[0]:
                problems.append(f"{' '.join(cmd)}: no such command")
                continue
            for opt in re.findall(r"(?<![\w-])(--[a-z][a-z0-9-]*)", raw):
                if not re.search(rf"{re.escape(opt)}\b", help_):
                    problems.append(f"{' '.join(cmd)} --help does not know {opt}")
        self.verdict(b, not problems, "names commands and options that exist", "\n".join(problems))


def selftest() -> None:
    """The runner's own readings, checked before it reads the README."""
    assert background_count("a &") == 1 and background_count("a & b &") == 2
    assert background_count('curl "x?a=1&b=2"') == 0 and background_count("a && b 2>&1 >&2") == 0
    assert logical("a \\\n  b # c\nphp -r 'x\n  y;'  # → 1\n# it's\ndone") == [
        (0, "a b # c"), (2, "php -r 'x\n  y;'  # → 1"), (4, "# it's"), (5, "done")]
    assert split_comment('curl "a#b" x  # → Ok') == ('curl "a#b" x', "→ Ok")
    assert pattern("… ms").fullmatch("200 0.7 ms") and not pattern("OK").fullmatch("OK!")
    assert pattern("<uuid>").fullmatch("358c20bc-fd86-11e5-87a2-157d41a07454")
    assert [b.mark for b in blocks("<!-- readme: servers -->\n\n```sh\nx\n```\n```sh\ny\n```\n")] == ["servers", ""]


if __name__ == "__main__":
    selftest()
    args = [Path(a) for a in sys.argv[1:]] or [ROOT / "README.md", ROOT / "docs/src"]
    pages: list[Path] = []
    for a in args:
        pages += sorted(a.rglob("*.md")) if a.is_dir() else [a]
    sys.exit(Runner(pages).main())
