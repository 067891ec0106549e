"""axe-core and reflow checks over many pages, in worker processes (one per core).

Each worker serves the site, opens Chromium, and for every page it is given runs
axe-core with the WCAG 2.0/2.1 A and AA rules in the light palette and measures sideways
scrolling at 320 CSS px (equivalent to 400 % zoom of 1280 px) and at 640 CSS px (200 %),
all on one load of the page. The colour rules (contrast, links told apart from text) run
in both palettes, light and dark, on the pages marked for them.

Which pages the colour rules need: `component_cover` picks the fewest pages that together
hold every component of the site (each element with its classes, in the context of its
nearest ancestor with classes, and every inline colour); a page made only of components
already checked on other pages has the same colours in the same places. The colour
rules take most of axe's time on a page (0.35 of 0.47 s on this site's pages); every
other rule (names, labels, ARIA, tables, languages, scrollable regions...) depends on
the page's own content and runs on every page.

    python tests/a11y_sweep.py SITE_DIR [colours:]PAGE...   -> JSON on stdout
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = (320, 640)


DARK = "() => document.body.getAttribute('data-md-color-scheme') === 'slate'"
LIGHT = "() => document.body.getAttribute('data-md-color-scheme') === 'default'"
RUN = "([context, options]) => axe.run(context || document, options)"
# The site navigation is one component rendered on every page. It is checked in full on
# the home and section pages of each language (every top-level entry active once); on the
# deeper pages axe leaves it out, which takes a third off the sweep.
NAVIGATION = {"exclude": [[".md-sidebar--primary"]]}


def checks_navigation(path: str) -> bool:
    """True for a language's home page and its section pages ("", "outputs/", "sv/outputs/")."""
    from conftest import LANGUAGES

    first = path.split("/", 1)[0]
    if first in LANGUAGES[1:]:  # the other languages live under their code; the first at the root
        path = path[len(first) + 1 :]
    return path.count("/") <= 1


OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


COLOURS_MARK = "colours:"
# axe's rules whose result is set by the stylesheet and the palette, not by the content
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Components(HTMLParser):
    """The components of a page: `context > tag.class...` for every element, where the
    context is its nearest ancestor with a class, and every inline colour."""

    def __init__(self) -> None:
        super().__init__()
        self.found: set[str] = set()
        self.open: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        element = tag + "".join(f".{c}" for c in sorted((attributes.get("class") or "").split()))
        context = next((e for e in reversed(self.open) if "." in e), "")
        self.found.add(f"{context} > {element}")
        for name in ("style", "fill", "stroke", "color", "bgcolor"):
            if attributes.get(name):
                self.found.add(f"{element}[{name}={attributes[name]}]")
        if tag not in VOID:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.open.pop()

    def handle_endtag(self, tag):
        for i in range(len(self.open) - 1, -1, -1):
            if self.open[i].split(".")[0] == tag:
                del self.open[i:]
                break


def page_file(site: Path, path: str) -> Path:
    return site / path if path.endswith(".html") else site / path / "index.html"


def component_cover(site: Path, pages: Iterable[str]) -> list[str]:
    """The fewest pages (greedy) that together hold every component of `pages`."""
    components = {}
    for path in pages:
        parser = Components()
        parser.feed(page_file(Path(site), path).read_text(encoding="utf-8"))
        components[path] = parser.found
    left = set().union(*components.values())
    chosen = []
    while left:
        best = max(sorted(components), key=lambda path: len(components[path] & left))
        chosen.append(best)
        left -= components[best]
    return chosen


def check_pages(site: str, pages: list[str]) -> dict:
    """Every page is loaded once: axe in the light palette (the colour rules only on the
    pages marked for them), then on those pages the palette switched to dark by the system
    setting (Material follows it, as a reader's browser would) and the colour rules again,
    then the reflow widths. Motion is reduced, so no colour is read halfway through a
    transition."""
    from axe_playwright_python.sync_playwright import Axe
    from conftest import CHROMIUM, CHROMIUM_ARGS, serve
    from playwright.sync_api import sync_playwright

    server = serve(Path(site))
    base = f"http://127.0.0.1:{server.server_port}/"
    axe = Axe()
    found: dict[str, list] = {}
    # Only violations are collected: the details of passing nodes cost axe more time than
    # the checks themselves on pages with a long navigation.
    everything = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
    content = {**everything, "rules": {rule: {"enabled": False} for rule in COLOUR_RULES}}
    colours = {"runOnly": {"type": "rule", "values": COLOUR_RULES}, "resultTypes": ["violations"]}

    def report(path: str, scheme: str, violations: list) -> None:
        for violation in violations:
            found.setdefault(path, []).append(
                {
                    "scheme": scheme,
                    "id": violation["id"],
                    "impact": violation["impact"],
                    "nodes": [n["target"] for n in violation["nodes"]][:5],
                    "summary": violation["nodes"][0].get("failureSummary", "")[:400],
                }
            )

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(color_scheme="light", reduced_motion="reduce")
        page = context.new_page()
        for entry in pages:
            path = entry.removeprefix(COLOURS_MARK)
            with_colours = entry.startswith(COLOURS_MARK)
            page.set_viewport_size({"width": 1280, "height": 800})
            page.emulate_media(color_scheme="light")
            page.goto(base + path)
            page.wait_for_function(LIGHT, timeout=10000)
            page.evaluate(axe.axe_script)  # once per load; both runs below use it
            scope = None if checks_navigation(path) else NAVIGATION
            report(path, "light", page.evaluate(RUN, [scope, everything if with_colours else content])["violations"])
            if with_colours:
                page.emulate_media(color_scheme="dark")
                page.wait_for_function(DARK, timeout=10000)
                report(path, "dark", page.evaluate(RUN, [scope, colours])["violations"])
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 800})
                overflow = page.evaluate(OVERFLOW)
                if overflow > 0:
                    found.setdefault(path, []).append(
                        {
                            "scheme": "layout",
                            "id": f"sideways-scroll-{width}px",
                            "impact": "serious",
                            "nodes": [],
                            "summary": f"{overflow} px",
                        }
                    )
        context.close()
        browser.close()
    server.shutdown()
    return found


def sweep(site: Path, pages: list[str], workers: int | None = None, colours: Iterable[str] | None = None) -> dict:
    """Split `pages` over worker processes and merge their findings. The colour rules run,
    in both palettes, on the pages in `colours` (default: all). By default one worker per
    core, shared with the other pytest-xdist workers when the tests run in parallel."""
    colours = set(pages if colours is None else colours)
    pages = [f"{COLOURS_MARK}{path}" if path in colours else path for path in pages]
    cores = (os.cpu_count() or 1) // int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    workers = max(1, min(workers or cores, len(pages)))
    chunks = [pages[i::workers] for i in range(workers)]
    running = [
        subprocess.Popen(
            [sys.executable, __file__, str(site), *chunk], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for chunk in chunks
    ]
    found: dict = {}
    for process in running:
        out, err = process.communicate()
        if process.returncode:
            raise RuntimeError(f"axe worker failed: {err[-3000:]}")
        found.update(json.loads(out))
    return found


if __name__ == "__main__":
    print(json.dumps(check_pages(sys.argv[1], sys.argv[2:])))
