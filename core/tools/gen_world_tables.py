#!/usr/bin/env python3
"""Generate santral's world numbering plan (the core's `world` feature).

Reads python `phonenumbers`' metadata (libphonenumber's) for every region
and non-geographic code and writes

- core/src/values/phone/world.bin: the tables, one blob (layout below);
- core/src/values/phone/world_regions.rs: the `Region` enum and each region's
  fixed facts (calling code, offsets into the blob).

    python3 core/tools/gen_world_tables.py            # rewrite the files
    python3 core/tools/gen_world_tables.py --check    # exit 1 if they are stale

No regex runs in the core. Each pattern is compiled here:

- A region's national-number patterns (general description and every
  type, with each description's possible lengths) and its leading-digits
  pattern become one minimal deterministic automaton over digits whose
  final state names the number's type exactly as libphonenumber's
  `_number_type_helper` decides it, whether the general pattern matches
  without the length test, and whether the leading digits matched.
- Prefix patterns whose *first* match matters (national prefix for
  parsing, international prefix, number formats, which carry capture
  groups) become their match paths in Python `re`'s backtracking order:
  each path fixed-length masks with the group spans; the first path that
  fits the digits is the match `re` finds.

Blob layout (little endian):
  automata: per state `tag, n, n × (lo<<4|hi, target u24)`; a region's
            start state first; target = offset from the region's base.
  paths:    per program `count u16, groups u8, first u16`, then per
            path `len | anchored << 7`, each group's `(start, end)` (0xFF
            none) and `len` digit masks (u16).
  formats:  per region `national count, international count`, then per
            format `lead_prog u16 (0 = none), pattern_prog u16` and its
            rules as `len, bytes` with 1..9 = group refs: a national format
            its NATIONAL rule then its plain rule, an international format
            its rule.
"""
import os
import struct
import sys

import phonenumbers
from phonenumbers import COUNTRY_CODE_TO_REGION_CODE
from phonenumbers.phonemetadata import PhoneMetadata

ANY = 0x3FF
MAX_NSN = 17
HERE = os.path.dirname(os.path.abspath(__file__))
OUT_DIR = os.path.normpath(os.path.join(HERE, "..", "src", "values", "phone"))

# Type order of the automaton's tag (low nibble); Rust maps it to PhoneKind.
TYPES = ["unknown", "fixed_line", "mobile", "fixed_line_or_mobile", "toll_free", "premium_rate",
         "shared_cost", "voip", "personal_number", "pager", "uan", "voicemail"]
SPECIAL = ["premium_rate", "toll_free", "shared_cost", "voip", "personal_number", "pager", "uan", "voicemail"]
TAG_GENERAL = 0x10
TAG_LEAD = 0x20


# ---------------------------------------------------------------- regex AST

class Parser:
    """libphonenumber's regex subset: digits, `\\d`, classes, groups, `|`,
    `?`, `{n}`, `{n,m}`, `$`."""

    def __init__(self, text):
        self.s, self.i, self.groups = text, 0, 0

    def peek(self):
        return self.s[self.i] if self.i < len(self.s) else None

    def take(self):
        c = self.s[self.i]
        self.i += 1
        return c

    def alternation(self):
        alts = [self.concat()]
        while self.peek() == "|":
            self.take()
            alts.append(self.concat())
        return alts[0] if len(alts) == 1 else ("alt", alts)

    def concat(self):
        items = []
        while self.peek() not in (None, "|", ")"):
            items.append(self.quantified())
        return ("cat", items)

    def quantified(self):
        atom = self.atom()
        while True:
            c = self.peek()
            if c == "?":
                self.take()
                atom = ("rep", atom, 0, 1)
            elif c == "{":
                self.take()
                num = ""
                while self.peek() not in (",", "}"):
                    num += self.take()
                lo = hi = int(num)
                if self.peek() == ",":
                    self.take()
                    num = ""
                    while self.peek() != "}":
                        num += self.take()
                    hi = int(num)
                self.take()
                atom = ("rep", atom, lo, hi)
            else:
                return atom

    def atom(self):
        c = self.take()
        if c == "(":
            capture = not self.s.startswith("?:", self.i)
            if not capture:
                self.i += 2
            else:
                self.groups += 1
                n = self.groups
            inner = self.alternation()
            assert self.take() == ")"
            return ("group", n, inner) if capture else inner
        if c == "[":
            mask = 0
            while self.peek() != "]":
                a = self.take()
                if a == "\\":
                    assert self.take() == "d"
                    mask |= ANY
                    continue
                if self.peek() == "-":
                    self.take()
                    b = self.take()
                    for d in range(int(a), int(b) + 1):
                        mask |= 1 << d
                else:
                    mask |= 1 << int(a)
            self.take()
            return ("set", mask)
        if c == "\\":
            assert self.take() == "d"
            return ("set", ANY)
        if c == "$":
            return ("end",)
        assert c.isdigit(), f"unsupported regex character {c!r} in {self.s!r}"
        return ("set", 1 << int(c))


def parse(pattern):
    p = Parser(pattern)
    node = p.alternation()
    assert p.i == len(pattern), pattern
    return node, p.groups


# ------------------------------------------------------- NFA and automaton

class NFA:
    def __init__(self):
        self.eps = []    # state -> [state]
        self.moves = []  # state -> [(mask, state)]

    def new(self):
        self.eps.append([])
        self.moves.append([])
        return len(self.eps) - 1

    def build(self, node, start):
        """Adds `node` from `start`; returns its end state."""
        kind = node[0]
        if kind == "set":
            end = self.new()
            self.moves[start].append((node[1], end))
            return end
        if kind == "cat":
            for item in node[1]:
                start = self.build(item, start)
            return start
        if kind == "alt":
            end = self.new()
            for a in node[1]:
                s = self.new()
                self.eps[start].append(s)
                self.eps[self.build(a, s)].append(end)
            return end
        if kind == "group":
            return self.build(node[2], start)
        if kind == "rep":
            _, inner, lo, hi = node
            for _ in range(lo):
                start = self.build(inner, start)
            end = self.new()
            self.eps[start].append(end)
            for _ in range(hi - lo):
                start = self.build(inner, start)
                self.eps[start].append(end)
            return end
        raise AssertionError(f"unsupported in a national pattern: {node}")

    def closure(self, states):
        out, todo = set(states), list(states)
        while todo:
            for t in self.eps[todo.pop()]:
                if t not in out:
                    out.add(t)
                    todo.append(t)
        return frozenset(out)


def desc_pattern(desc):
    if desc is None or not desc.national_number_pattern:
        return None
    return desc.national_number_pattern


def lengths_ok(desc, n):
    pl = desc.possible_length
    return len(pl) == 0 or n in pl


def region_automaton(meta):
    """The minimal automaton of a region: list of (tag, {digit: target})."""
    nfa = NFA()
    root = nfa.new()
    accepts = {}  # component -> accept state
    comps = [("general", meta.general_desc)] + [(t, getattr(meta, t)) for t in SPECIAL + ["fixed_line", "mobile"]]
    for name, desc in comps:
        pat = desc_pattern(desc)
        if pat is None:
            continue
        s = nfa.new()
        nfa.eps[root].append(s)
        accepts[name] = nfa.build(parse(pat)[0], s)
    if meta.leading_digits:
        s = nfa.new()
        nfa.eps[root].append(s)
        end = nfa.build(parse(meta.leading_digits)[0], s)
        nfa.moves[end].append((ANY, end))  # a prefix match: any digits may follow
        accepts["lead"] = end
    descs = dict(comps)

    def tag(depth, states):
        def match(name):
            return name in accepts and accepts[name] in states and lengths_ok(descs[name], depth)
        t = 0
        if match("general"):
            for i, name in enumerate(SPECIAL):
                if match(name):
                    t = TYPES.index(name)
                    break
            else:
                if match("fixed_line"):
                    t = TYPES.index("fixed_line_or_mobile") if (meta.same_mobile_and_fixed_line_pattern or match("mobile")) else TYPES.index("fixed_line")
                elif not meta.same_mobile_and_fixed_line_pattern and match("mobile"):
                    t = TYPES.index("mobile")
        if "general" in accepts and accepts["general"] in states:
            t |= TAG_GENERAL
        if "lead" in accepts and accepts["lead"] in states:
            t |= TAG_LEAD
        return t

    # Subset construction, depth kept (lengths matter), numbers up to MAX_NSN digits.
    start = (0, nfa.closure([root]))
    ids = {start: 0}
    order = [start]
    trans = []
    tags = []
    i = 0
    while i < len(order):
        depth, states = order[i]
        tags.append(tag(depth, states))
        row = {}
        if depth < MAX_NSN:
            for d in range(10):
                nxt = set()
                for s in states:
                    for mask, t in nfa.moves[s]:
                        if mask >> d & 1:
                            nxt.add(t)
                if not nxt:
                    continue
                key = (depth + 1, nfa.closure(nxt))
                if key not in ids:
                    ids[key] = len(order)
                    order.append(key)
                row[d] = ids[key]
        trans.append(row)
        i += 1
    return minimize(tags, trans)


def minimize(tags, trans):
    """Moore's partition refinement; the dead state (tag 0, no moves) is
    implicit. Returns states in BFS order from the start (index 0)."""
    n = len(tags)
    block = [None] * n
    # A state is dead when nothing with a non-zero tag is reachable.
    live = [t != 0 for t in tags]
    changed = True
    while changed:
        changed = False
        for s in range(n):
            if not live[s] and any(live[t] for t in trans[s].values()):
                live[s] = True
                changed = True
    sig = {}
    for s in range(n):
        key = tags[s] if live[s] else "dead"
        block[s] = sig.setdefault(key, len(sig))
    while True:
        sig = {}
        new = [None] * n
        for s in range(n):
            if not live[s]:
                key = ("dead",)
            else:
                key = (block[s], tuple(block[trans[s].get(d)] if trans[s].get(d) is not None and live[trans[s][d]] else -1 for d in range(10)))
            new[s] = sig.setdefault(key, len(sig))
        if len(set(new)) == len(set(block)):
            block = new
            break
        block = new
    # Rebuild from the start in BFS order, dead omitted.
    rep = {}
    for s in range(n):
        rep.setdefault(block[s], s)
    out_index = {}
    out = []
    queue = [block[0]]
    out_index[block[0]] = 0
    while len(out) < len(queue):
        b = queue[len(out)]
        s = rep[b]
        row = {}
        for d in range(10):
            t = trans[s].get(d)
            if t is None or not live[t]:
                continue
            tb = block[t]
            if tb not in out_index:
                out_index[tb] = len(queue)
                queue.append(tb)
            row[d] = out_index[tb]
        out.append((tags[s] if live[s] else 0, row))
    return out


KIND_END, KIND_NEXT, KIND_ANY, KIND_RUNS = 0, 1, 2, 3
TABLE_RUNS = 4  # states with this many runs are a table by digit (4 rather than 6: 17.5 KB for a tenth of the time, benches/README.md)
INDEXED = 16  # programs with more paths are indexed by first digit


def encode_automaton(states):
    """Bytes of one region's automaton, targets relative to its start.

    Each state is one byte `tag | kind << 6`, then by kind: END nothing
    (no digit may follow); NEXT nothing (any digit leads to the state
    laid out right after); ANY a u16 target (any digit leads there);
    RUNS one of: the count 1 and its run `lo << 4 | hi` and u16 target;
    0xFE, five bytes of nibbles (digit d's in byte d / 2, the low one for
    even d: an index into the targets, 0xF none) and the state's distinct
    u16 targets; or, for states of TABLE_RUNS runs or more, 0xFF and ten u16
    targets by digit (0xFFFF: none); or SKIP: 0xFD and a count k — a chain
    of k any-digit steps whose inner states have tag 0 and no other way
    in, leading to the state laid out next."""
    def runs_of(row):
        runs, d = [], 0
        while d < 10:
            if d not in row:
                d += 1
                continue
            lo, t = d, row[d]
            while d + 1 < 10 and row.get(d + 1) == t:
                d += 1
            runs.append((lo, d, t))
            d += 1
        return runs

    any_target = {}
    for s, (tag, row) in enumerate(states):
        r = runs_of(row)
        if len(r) == 1 and r[0][:2] == (0, 9):
            any_target[s] = r[0][2]
    # Lay chains of any-digit states out one after another.
    order, placed, pending = [], set(), [0]
    while pending:
        s = pending.pop()
        while s is not None and s not in placed:
            placed.add(s)
            order.append(s)
            row = states[s][1]
            nxt = any_target.get(s)
            for t in sorted(set(row.values()), reverse=True):
                if t != nxt and t not in placed:
                    pending.append(t)
            s = nxt if nxt is not None and nxt not in placed else None
    assert order[0] == 0 and len(order) == len(states)
    # Chains of NEXT states collapse into one SKIP state.
    indegree = [0] * len(states)
    for _, row in states:
        for t in set(row.values()):
            indegree[t] += 1
    position = {s: i for i, s in enumerate(order)}

    def next_laid(s):
        i = position[s]
        return s in any_target and i + 1 < len(order) and order[i + 1] == any_target[s]

    skip, absorbed = {}, set()
    for s in order:
        if s in absorbed or not next_laid(s):
            continue
        k, t = 1, any_target[s]
        while t != 0 and states[t][0] == 0 and indegree[t] == 1 and next_laid(t) and k < 255:
            k += 1
            t = any_target[t]
        if k >= 3:
            skip[s] = k
            u = any_target[s]
            for _ in range(k - 1):
                absorbed.add(u)
                u = any_target[u]
    size = {}
    for i, s in enumerate(order):
        tag, row = states[s]
        if s in absorbed:
            size[s] = 0
        elif s in skip:
            size[s] = 3
        elif not row:
            size[s] = 1
        elif s in any_target:
            follows = i + 1 < len(order) and order[i + 1] == any_target[s]
            size[s] = 1 if follows else 3
        else:
            runs = len(runs_of(row))
            targets = len(set(row.values()))
            size[s] = 2 + (20 if runs >= TABLE_RUNS else 3 if runs == 1 else 5 + 2 * targets)
    offset, at = {}, 0
    for s in order:
        offset[s] = at
        at += size[s]
    assert at < 1 << 16
    out = bytearray()
    for i, s in enumerate(order):
        tag, row = states[s]
        assert tag < 64
        if s in absorbed:
            continue
        if s in skip:
            out += bytes([tag | KIND_RUNS << 6, 0xFD, skip[s]])
        elif not row:
            out.append(tag | KIND_END << 6)
        elif s in any_target and size[s] == 1:
            out.append(tag | KIND_NEXT << 6)
        elif s in any_target:
            out.append(tag | KIND_ANY << 6)
            out += offset[any_target[s]].to_bytes(2, "little")
        else:
            runs = runs_of(row)
            if len(runs) >= TABLE_RUNS:
                out += bytes([tag | KIND_RUNS << 6, 0xFF])
                for d in range(10):
                    out += (offset[row[d]] if d in row else 0xFFFF).to_bytes(2, "little")
                continue
            if len(runs) > 1:
                targets = sorted(set(row.values()))
                nibbles = [targets.index(row[d]) if d in row else 0xF for d in range(10)]
                out += bytes([tag | KIND_RUNS << 6, 0xFE])
                out += bytes(nibbles[2 * i] | nibbles[2 * i + 1] << 4 for i in range(5))
                for t in targets:
                    out += offset[t].to_bytes(2, "little")
                continue
            out += bytes([tag | KIND_RUNS << 6, len(runs)])
            for lo, hi, t in runs:
                out += bytes([lo << 4 | hi]) + offset[t].to_bytes(2, "little")
    return bytes(out)


# ------------------------------------------------- paths in priority order

def paths(node):
    """Python `re`'s match paths of `node`, first tried first: tuples
    (masks, groups {n: (start, end)}, anchored)."""
    kind = node[0]
    if kind == "set":
        return [((node[1],), {}, False)]
    if kind == "end":
        return [((), {}, True)]
    if kind == "cat":
        acc = [((), {}, False)]
        for item in node[1]:
            acc = join(acc, paths(item))
        return acc
    if kind == "alt":
        out = []
        for a in node[1]:
            out += paths(a)
        return dedupe(out)
    if kind == "group":
        out = []
        for masks, groups, anchored in paths(node[2]):
            g = dict(groups)
            g[node[1]] = (0, len(masks))
            out.append((masks, g, anchored))
        return out
    if kind == "rep":
        _, inner, lo, hi = node
        return rep_paths(inner, lo, hi)
    raise AssertionError(node)


def rep_paths(inner, lo, hi):
    if hi == 0:
        return [((), {}, False)]
    first = join(paths(inner), rep_paths(inner, max(lo - 1, 0), hi - 1))
    if lo > 0:
        return first
    return dedupe(first + [((), {}, False)])  # greedy: more first


def join(left, right):
    out = []
    for lm, lg, la in left:
        for rm, rg, ra in right:
            if la and rm:
                continue  # `$` followed by digits never matches
            g = dict(lg)
            for n, (s, e) in rg.items():
                g[n] = (s + len(lm), e + len(lm))
            out.append((lm + rm, g, la or ra))
    return dedupe(out)


def dedupe(ps):
    seen, out = set(), []
    for p in ps:
        key = (p[0], tuple(sorted(p[1].items())), p[2])
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def merge(ps):
    """Adjacent paths alike but for one position's mask match as one."""
    out = []
    for p in ps:
        if out:
            q = out[-1]
            if len(q[0]) == len(p[0]) and q[1] == p[1] and q[2] == p[2]:
                diff = [i for i in range(len(p[0])) if p[0][i] != q[0][i]]
                if len(diff) <= 1:
                    masks = list(q[0])
                    for i in diff:
                        masks[i] |= p[0][i]
                    out[-1] = (tuple(masks), q[1], q[2])
                    continue
        out.append(p)
    return out


class Programs:
    """The paths area of the blob: each program once (by pattern).

    A program: `count u16, groups u8, first u16` (the digits any path may
    start with, 0x400 set when a path is empty), `paths u16` (where its
    paths start, from the program's start), for programs of more than
    INDEXED paths an index by first digit (ten `start u16, count u16` into
    a list of path offsets, each path listed under every digit it may
    start with, empty paths under all, in priority order; a digit with
    more than INDEXED paths has `count` 0x8000 and `start` the offset, from
    the program's start, of ten more such entries by second digit, which
    follow the list), then per path `len | anchored << 7`,
    `groups × (start, end)` (0xFF, 0xFF: the group took no part) and `len`
    digit masks (u16, bit d = digit d)."""

    def __init__(self):
        self.blob = bytearray(b"\0")  # offset 0 means "no program"
        self.subindexed = 0  # first digits whose paths are indexed by the second too
        self.at = {}

    def add(self, pattern):
        if pattern in self.at:
            return self.at[pattern]
        node, ngroups = parse(pattern)
        ps = merge(paths(node))
        off = len(self.blob)
        first = 0
        for masks, _, _ in ps:
            first |= masks[0] if masks else 0x400
        body, at = bytearray(), []
        for masks, groups, anchored in ps:
            assert len(masks) < 0x80
            at.append(len(body))
            body.append(len(masks) | (0x80 if anchored else 0))
            for g in range(1, ngroups + 1):
                body += bytes(groups.get(g, (0xFF, 0xFF)))
            for m in masks:
                body += struct.pack("<H", m)
        index = bytearray()
        if len(ps) > INDEXED:
            lists = [[i for i, (masks, _, _) in enumerate(ps) if not masks or masks[0] >> d & 1] for d in range(10)]
            entries, top, subs = [], [], []
            for d, lst in enumerate(lists):
                if len(lst) > INDEXED:
                    # Still long: by the second digit too (a path shorter
                    # than two digits is listed under every second digit).
                    subs.append((d, [[i for i in lst if len(ps[i][0]) < 2 or ps[i][0][1] >> d2 & 1]
                                     for d2 in range(10)]))
                    top.append(None)
                else:
                    top.append((len(entries), len(lst)))
                    entries += lst
            tables = []
            for d, sub in subs:
                table = []
                for lst in sub:
                    table.append((len(entries), len(lst)))
                    entries += lst
                tables.append(table)
            sub_at = 7 + 40 + 2 * len(entries)
            for k, (d, _) in enumerate(subs):
                top[d] = (sub_at + 40 * k, 0x8000)
            head = sub_at + 40 * len(subs)
            for start, count in top:
                index += struct.pack("<HH", start, count)
            for i in entries:
                index += struct.pack("<H", head + at[i])
            for table in tables:
                for start, count in table:
                    index += struct.pack("<HH", start, count)
            self.subindexed += len(subs)
        head = 7 + len(index)
        assert head + len(body) < 1 << 16
        self.blob += struct.pack("<HBHH", len(ps), ngroups | (0x80 if index else 0), first, head)
        self.blob += index + body
        self.at[pattern] = off
        return off


# ---------------------------------------------------------------- formats

def rule_bytes(rule):
    """A `\\1 \\2` style rule as bytes, group refs as 1..9."""
    out = bytearray()
    i = 0
    while i < len(rule):
        c = rule[i]
        if c == "\\" and i + 1 < len(rule) and rule[i + 1].isdigit():
            out.append(int(rule[i + 1]))
            i += 2
            continue
        out += c.encode()
        i += 1
    assert len(out) < 0xFF
    return bytes(out)


def national_rule(fmt):
    """The NATIONAL rule: libphonenumber puts the national prefix
    formatting rule in place of the format's first group reference."""
    from phonenumbers.phonenumberutil import _FIRST_GROUP_PATTERN
    rule = fmt.format
    if fmt.national_prefix_formatting_rule:
        rule = _FIRST_GROUP_PATTERN.sub(fmt.national_prefix_formatting_rule, rule, count=1)
    return rule


# ------------------------------------------------------------------- main

def all_regions():
    out = []
    for cc, regions in sorted(COUNTRY_CODE_TO_REGION_CODE.items()):
        for i, r in enumerate(regions):
            meta = PhoneMetadata.metadata_for_nongeo_region(cc) if r == "001" else PhoneMetadata.metadata_for_region(r)
            if meta is None:
                continue
            out.append((cc, r, i == 0, meta))
    return out


def lengths_mask(values):
    m = 0
    for n in values:
        if n > 0:
            m |= 1 << n
    return m


def generate():
    regions = all_regions()
    automata = bytearray()
    progs = Programs()
    formats = bytearray()
    rows = []
    states_total = 0
    for cc, r, main, meta in regions:
        states = region_automaton(meta)
        states_total += len(states)
        dfa = len(automata)
        automata += encode_automaton(states)
        npp = meta.national_prefix_for_parsing or meta.national_prefix or ""
        npp_prog = progs.add(npp) if npp else 0
        transform = rule_bytes(meta.national_prefix_transform_rule) if meta.national_prefix_transform_rule else None
        idd = meta.international_prefix
        idd_prog = progs.add(idd) if idd else 0
        fmt_off = len(formats)
        intl = list(meta.intl_number_format)
        nat = list(meta.number_format)
        formats += bytes([len(nat), len(intl)])
        for group in (nat, intl):
            for f in group:
                lead = progs.add(f.leading_digits_pattern[-1]) if f.leading_digits_pattern else 0
                pat = progs.add(f.pattern)
                formats += struct.pack("<HH", lead, pat)
                # National formats carry both rules: NATIONAL's, and the
                # plain one INTERNATIONAL uses when the region has no
                # international formats of its own.
                for rule in ((national_rule(f), f.format) if group is nat else (f.format,)):
                    rb = rule_bytes(rule)
                    formats += bytes([len(rb)]) + rb
        general = meta.general_desc
        possible = lengths_mask(general.possible_length)
        local = lengths_mask(general.possible_length_local_only)
        no_lengths = bool(general.possible_length) and general.possible_length[0] == -1
        rows.append(dict(cc=cc, code=r, main=main, dfa=dfa, npp=npp_prog, transform=transform, idd=idd_prog,
                         formats=fmt_off, possible=possible, local=local, no_lengths=no_lengths,
                         national_prefix=meta.national_prefix or "", lead=bool(meta.leading_digits)))
    # Every program's path group spans are reported against group 0 for
    # formats (all groups wanted): store each format pattern's groups too.
    return rows, bytes(automata), progs, bytes(formats), states_total


HEADER = ("// @generated by core/tools/gen_world_tables.py from python phonenumbers "
          + phonenumbers.__version__ + " (libphonenumber metadata). Do not edit by hand.")


def rust_bytes(b):
    return "b\"" + "".join(chr(c) if 0x20 <= c < 0x7F and chr(c) not in "\\\"" else f"\\x{c:02x}" for c in b) + "\""


def wrapped(items):
    """Array items, comma-separated, in lines of at most 100 columns."""
    lines, line = [], "   "
    for item in items:
        if len(line) + len(item) + 2 > 100:
            lines.append(line)
            line = "   "
        line += f" {item},"
    return lines + [line]


ROW_TYPE = """/// One region's facts; its patterns live in [`BLOB`]. Declared here, with
/// the rows, so the reader (`world.rs`) imports the table and the table
/// imports nothing back.
#[derive(Debug)]
pub(super) struct Row {
    pub region: Region,
    pub country_code: u16,
    /// Has a leading-digits pattern (regions sharing a calling code).
    pub lead: bool,
    pub automaton: u32,
    pub national_prefix_for_parsing: u16,
    /// The national prefix transform rule (bytes 1..9: group references).
    pub transform: &'static [u8],
    pub has_transform: bool,
    pub international_prefix: u16,
    pub formats: u16,
    /// Bit n: a national number of n digits is possible.
    pub possible: u32,
    /// Bit n: possible only for local dialling.
    pub local_only: u32,
    /// The general description has no possible lengths at all.
    pub no_lengths: bool,
}"""


def render(rows, automata, progs, formats):
    blob = automata + bytes(progs.blob) + formats
    codes = sorted({r["code"] for r in rows if r["code"] != "001"})
    variants = codes + ["001"]
    out = [HEADER, "",
           "crate::wire_enum! {",
           "    /// A region of libphonenumber's metadata: an ISO 3166-1 alpha-2 code",
           "    /// (`DE`, `US`, `GB`), or `001` for the non-geographic codes (`+800`, `+882`, …).",
           "    pub enum Region: crate::diag::Code::PhoneUnknownRegion {"]
    ccs = {}
    for r in rows:
        ccs.setdefault(r["code"], []).append(r["cc"])
    for v in variants:
        if v == "001":
            out.append('        /// The non-geographic codes (`+800`, `+808`, `+870`, `+878`, `+881`, `+882`, `+883`, `+888`, `+979`).')
            out.append('        NonGeographic = "001",')
        else:
            out.append("        /// " + ", ".join(f"`+{c}`" for c in ccs[v]))
            out.append(f'        {v} = "{v}",')
    out += ["    }", "}", ""]
    out.append(f"/// The automata ({len(automata)} bytes), the match paths ({len(progs.blob)} bytes) and the")
    out.append(f"/// number formats ({len(formats)} bytes), one after another.")
    out.append('pub(super) static BLOB: &[u8; %d] = include_bytes!("world.bin");' % len(blob))
    out.append(f"pub(super) const PATHS_AT: usize = {len(automata)};")
    out.append(f"pub(super) const FORMATS_AT: usize = {len(automata) + len(progs.blob)};")
    out.append("")
    out.append(f"/// Every region's facts ({len(rows)} rows), by calling code, its main region first.")
    out += [ROW_TYPE, ""]
    out.append("pub(super) static ROWS: &[Row] = &[")
    for r in rows:
        region = "Region::NonGeographic" if r["code"] == "001" else f"Region::{r['code']}"
        transform = rust_bytes(r["transform"]) if r["transform"] is not None else "b\"\""
        out.append(
            f"    Row {{ region: {region}, country_code: {r['cc']}, "
            f"lead: {str(r['lead']).lower()}, automaton: {r['dfa']}, national_prefix_for_parsing: {r['npp']}, "
            f"transform: {transform}, has_transform: {str(r['transform'] is not None).lower()}, "
            f"international_prefix: {r['idd']}, formats: {r['formats']}, "
            f"possible: 0x{r['possible']:05x}, local_only: 0x{r['local']:05x}, no_lengths: {str(r['no_lengths']).lower()} }},")
    out.append("];")
    out.append("")
    # Region -> its row (the main one for a region with several codes; none for 001).
    index = {}
    for i, r in enumerate(rows):
        index.setdefault(r["code"], i)
    first = [255] * 1000
    count = [0] * 1000
    for i, r in enumerate(rows):
        if first[r["cc"]] == 255:
            first[r["cc"]] = i
        count[r["cc"]] += 1
    assert len(rows) < 255
    out.append("/// By calling code: its first row in [`ROWS`] (255: none) and how many rows it has.")
    out.append("pub(super) static CALLING_CODES: [(u8, u8); 1000] = [")
    out += wrapped(f"({first[cc]}, {count[cc]})" for cc in range(1000))
    out.append("];")
    out.append("")
    out.append("/// Each [`Region`]'s row in [`ROWS`], in the enum's order (`u16::MAX`: none).")
    out.append(f"pub(super) static REGION_ROWS: [u16; {len(variants)}] = [")
    out += wrapped(str(index[v] if v != "001" else 0xFFFF) for v in variants)
    out.append("];")
    return "\n".join(out) + "\n", blob


def main():
    check = "--check" in sys.argv
    rows, automata, progs, formats, states_total = generate()
    text, blob = render(rows, automata, progs, formats)
    stale = False
    for name, data in (("world_regions.rs", text.encode()), ("world.bin", blob)):
        path = os.path.join(OUT_DIR, name)
        old = open(path, "rb").read() if os.path.exists(path) else None
        if old == data:
            continue
        if check:
            print(f"stale: {path} (run core/tools/gen_world_tables.py)")
            stale = True
        else:
            with open(path, "wb") as f:
                f.write(data)
            print(f"wrote {path}")
    print(f"world: {len(rows)} regions, {states_total} automaton states; automata {len(automata)} B, "
          f"paths {len(progs.blob)} B ({progs.subindexed} first digits indexed by the second), "
          f"formats {len(formats)} B, blob {len(blob)} B")
    sys.exit(1 if stale else 0)


if __name__ == "__main__":
    main()
