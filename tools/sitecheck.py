"""Checks over a built site's HTML: internal links and #anchors, image alt texts.

    python tools/sitecheck.py site/

Every `href`/`src` inside the site must point to a file that exists, and every
`#fragment` to an id on the target page (generated pages included). Every <img>
needs an alt attribute, non-empty in the page content unless it is marked
decorative (role="presentation"); a non-empty alt must differ between the languages'
versions of a page (it is translated). Links to other hosts are not followed
(the scheduled lychee workflow checks those).
"""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LANGS_OTHER = ("sv",)  # languages below the root; the default is at the root


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.images: list[dict] = []
        self._article = 0  # depth inside <article>

    def handle_endtag(self, tag):
        if tag == "article" and self._article:
            self._article -= 1

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article":
            self._article += 1
        for key in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(key):
                self.ids.add(attrs[key])
        for attr in ("href", "src"):
            if attrs.get(attr) is not None and tag in ("a", "link", "script", "img", "source", "iframe"):
                self.links.append((tag, attr, attrs[attr]))
        if tag == "img":
            self.images.append({**attrs, "in_content": bool(self._article)})

    handle_startendtag = handle_starttag


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8", errors="replace"))
    return page


def _target(site: Path, page: Path, value: str) -> tuple[Path | None, str]:
    parts = urlsplit(value)
    if parts.scheme or parts.netloc or value.startswith(("mailto:", "tel:", "javascript:", "data:")):
        return None, ""
    if not parts.path:
        return page, unquote(parts.fragment)
    if parts.path.startswith("/"):
        return site / "__absolute__" / parts.path.lstrip("/"), unquote(parts.fragment)
    target = (page.parent / unquote(parts.path)).resolve()
    if value.split("#")[0].split("?")[0].endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


def broken_links(site: Path) -> list[str]:
    """'page: link -> problem' for every internal link or anchor that does not resolve."""
    site = site.resolve()
    pages = {p.resolve(): None for p in site.rglob("*.html")}
    cache: dict[Path, _Page] = {}

    def load(path: Path) -> _Page:
        if path not in cache:
            cache[path] = parse(path)
        return cache[path]

    problems = []
    for page in sorted(pages):
        for _tag, _attr, value in load(page).links:
            target, fragment = _target(site, page, value)
            if target is None:
                continue
            rel = page.relative_to(site)
            if not str(target).startswith(str(site)) or "__absolute__" in target.parts:
                if "404.html" not in page.name:  # the 404 page links from the site root by design
                    problems.append(f"{rel}: {value} -> outside the site")
                continue
            if not target.exists():
                problems.append(f"{rel}: {value} -> no such file")
            elif fragment and target.suffix == ".html" and fragment not in load(target).ids:
                problems.append(f"{rel}: {value} -> no id '{fragment}' on the target")
    return problems


def other_language_page(site: Path, page: Path) -> Path | None:
    rel = page.relative_to(site)
    if rel.parts[0] in LANGS_OTHER:
        return site / Path(*rel.parts[1:])
    return site / LANGS_OTHER[0] / rel if LANGS_OTHER else None


def images_without_alt(site: Path) -> list[str]:
    """Images with no alt attribute, and alt texts that are the same in both languages."""
    site = site.resolve()
    problems = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site)
        images = parse(page).images
        for image in images:
            decorative = image.get("role") == "presentation" or image.get("aria-hidden") == "true"
            if "alt" not in image or (image["in_content"] and not image["alt"].strip() and not decorative):
                problems.append(f'{rel}: <img src="{image.get("src")}"> has no alt text')
        partner = other_language_page(site, page)
        if rel.parts[0] not in LANGS_OTHER and partner is not None and partner.exists():
            theirs = [i.get("alt") for i in parse(partner).images]
            for mine, other in zip([i.get("alt") for i in images], theirs):
                if mine and mine == other and re.search(r"[^\W\d_]{4}", mine):
                    problems.append(
                        f"{rel}: the alt text '{mine}' is the same in {partner.relative_to(site)} (not translated)"
                    )
    return problems


def main(argv: list[str]) -> int:
    site = Path(argv[0] if argv else "site")
    problems = broken_links(site) + images_without_alt(site)
    for problem in problems:
        print(problem)
    print(f"{'FAILED' if problems else 'OK'}: {len(problems)} problem(s) in {site}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
