"""Checks every link of the built book and of the README, offline.

    python3 scripts/check_links.py [--foreign=openapi.html] docs/book README.md

In the book's HTML, every relative `href`/`src` must name a file that was
built (or copied) and, with a `#fragment`, an element with that `id` in it.
In the README, every relative link must name a file of the checkout (and a
heading of it, when it is Markdown with a fragment). A link to another
address (`http:`, `https:`, `mailto:`) cannot be checked offline: such
links are counted and listed, and the README may hold none (it points only
into the repository). Leftover `{{#include …}}` text in a page fails too.
A `--foreign=PAGE` page of the book (one another tool rendered, like the
OpenAPI reference) may be linked to, but its own links are not the
book's and are not checked. Exit 1 on any broken link.
"""
from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name"):
                self.ids.add(value)
            elif name in ("href", "src") and tag in ("a", "img", "link", "script"):
                self.links.append(value)


def external(url: str) -> bool:
    return urlsplit(url).scheme in ("http", "https", "mailto", "ftp", "data")


def slug(heading: str) -> str:
    """GitHub's and mdBook's anchor of a Markdown heading."""
    text = re.sub(r"[`*_\[\]()]", "", heading.strip().lower())
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def check_book(book: Path, foreign: set[str]) -> tuple[list[str], set[str], int]:
    pages: dict[Path, Page] = {}
    unresolved: set[Path] = set()
    for html in book.rglob("*.html"):
        p = Page()
        text = html.read_text(encoding="utf-8")
        p.feed(text)
        pages[html.resolve()] = p
        if "{{#include" in text:
            unresolved.add(html.resolve())
    broken: list[str] = []
    outside: set[str] = set()
    checked = 0
    for html, page in sorted(pages.items()):
        rel = html.relative_to(book.resolve())
        if str(rel) in foreign:
            continue  # not the book's page: its links are its own (a Redocly page's router paths)
        if html in unresolved:
            broken.append(f"{rel}: an {{{{#include}}}} was not resolved")
        for link in page.links:
            if external(link):
                outside.add(link)
                continue
            parts = urlsplit(link)
            target = html if not parts.path else (html.parent / unquote(parts.path)).resolve()
            checked += 1
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{rel}: {link} (no such file)")
                continue
            frag = unquote(parts.fragment)
            if frag and target in pages and frag not in pages[target].ids:
                broken.append(f"{rel}: {link} (no element with id {frag!r})")
    return broken, outside, checked


def check_markdown(md: Path) -> tuple[list[str], set[str], int]:
    text = re.sub(r"```.*?```", "", md.read_text(encoding="utf-8"), flags=re.S)
    broken: list[str] = []
    outside: set[str] = set()
    checked = 0
    for link in re.findall(r"\]\(([^)\s]+)\)", text):
        if external(link):
            outside.add(link)
            continue
        parts = urlsplit(link)
        target = (md.parent / unquote(parts.path)).resolve() if parts.path else md
        checked += 1
        if not target.exists():
            broken.append(f"{md}: {link} (no such file)")
            continue
        if parts.fragment and target.suffix == ".md":
            heads = {slug(h) for h in re.findall(r"^#+ (.*)$", target.read_text(encoding="utf-8"), flags=re.M)}
            if parts.fragment not in heads:
                broken.append(f"{md}: {link} (no heading {parts.fragment!r})")
    return broken, outside, checked


def main(args: list[str]) -> int:
    broken: list[str] = []
    total = 0
    foreign = {a.split("=", 1)[1] for a in args if a.startswith("--foreign=")}
    for arg in [a for a in args if not a.startswith("--foreign=")]:
        path = Path(arg)
        if path.is_dir():
            b, outside, n = check_book(path, foreign)
            print(f"{path}: {n} links inside the book checked; {len(outside)} addresses outside it (not checked offline)")
            for url in sorted(outside):
                print(f"  outside: {url}")
        else:
            b, outside, n = check_markdown(path)
            print(f"{path}: {n} links checked")
            if outside:
                b += [f"{path}: {url} points outside the repository" for url in sorted(outside)]
        broken += b
        total += n
    for line in broken:
        print(f"broken: {line}")
    print(f"check_links: {total} links, {len(broken)} broken")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
