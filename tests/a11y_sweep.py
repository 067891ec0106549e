"""axe-core and reflow checks over many pages, in worker processes (one per core).

Each worker serves the site, opens Chromium, and for every page it is given runs
axe-core with the WCAG 2.0/2.1 A and AA rules in the light palette, the contrast
rule again in the dark palette, and measures sideways scrolling at 320 CSS px
(equivalent to 400 % zoom of 1280 px) and at 640 CSS px (200 %).

    python tests/a11y_sweep.py SITE_DIR PAGE...   -> JSON on stdout
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = (320, 640)


def check_pages(site: str, pages: list[str]) -> dict:
    from axe_playwright_python.sync_playwright import Axe
    from conftest import CHROMIUM, CHROMIUM_ARGS, serve
    from playwright.sync_api import sync_playwright

    server = serve(Path(site))
    base = f"http://127.0.0.1:{server.server_port}/"
    axe = Axe()
    found: dict[str, list] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for scheme in ("light", "dark"):
            context = browser.new_context(color_scheme=scheme)
            page = context.new_page()
            options = (
                {"runOnly": {"type": "tag", "values": TAGS}}
                if scheme == "light"
                else {"runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}}
            )
            for path in pages:
                page.goto(base + path)
                result = axe.run(page, options=options).response
                for violation in result["violations"]:
                    found.setdefault(path, []).append(
                        {
                            "scheme": scheme,
                            "id": violation["id"],
                            "impact": violation["impact"],
                            "nodes": [n["target"] for n in violation["nodes"]][:5],
                            "summary": violation["nodes"][0].get("failureSummary", "")[:400],
                        }
                    )
            context.close()
        context = browser.new_context()
        page = context.new_page()
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            for path in pages:
                page.goto(base + path)
                overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
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
        browser.close()
    server.shutdown()
    return found


def sweep(site: Path, pages: list[str], workers: int | None = None) -> dict:
    """Split `pages` over worker processes and merge their findings."""
    workers = max(1, min(workers or os.cpu_count() or 1, len(pages)))
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
