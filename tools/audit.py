"""Lighthouse report (`make audit`): a report, not a test; it prints figures.

Builds the site for the address it is served at (SITE_URL=http://127.0.0.1:<port>/, so
the canonical and hreflang links name the host Lighthouse sees: its SEO audit fails a
canonical link to another domain), serves it on 127.0.0.1 with gzip (as GitHub Pages
does), and runs
Lighthouse 12.2.3 (tools/lighthouse, npm, Node 20) with Debian's /usr/bin/chromium
on the home page and a handbook chapter in each language, mobile settings. Prints the
four category scores and the bytes (transferred) and requests of the first load.

Targets: performance >= 95, accessibility 100, best practices 100, SEO 100; home
page first load <= 120 KB in <= 15 requests.

    python tools/audit.py [--site built-site-folder]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "tools" / "lighthouse"
PAGES = [
    ("fi home", ""),
    ("sv home", "sv/"),
    ("fi handbook chapter", "handbook/strategic-management/"),
    ("sv handbook chapter", "sv/handbook/strategic-management/"),
]
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed when the client accepts it (like GitHub Pages)."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().do_GET()
            path = path / "index.html"
        if (
            not path.is_file()
            or path.suffix not in COMPRESSIBLE
            or "gzip" not in self.headers.get("Accept-Encoding", "")
        ):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self.wfile.write(body)


def lighthouse(url: str, out: Path) -> dict:
    if not (LIGHTHOUSE / "node_modules" / ".bin" / "lighthouse").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=LIGHTHOUSE, check=True)
    subprocess.run(
        [
            str(LIGHTHOUSE / "node_modules" / ".bin" / "lighthouse"),
            url,
            "--quiet",
            "--chrome-path=/usr/bin/chromium",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage "
            "--disable-background-networking --disable-component-update --no-first-run",
            "--output=json",
            f"--output-path={out}",
            "--only-categories=performance,accessibility,best-practices,seo",
        ],
        check=True,
        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
    )
    return json.loads(out.read_text())


def summary(report: dict) -> dict:
    scores = {k: round((v["score"] or 0) * 100) for k, v in report["categories"].items()}
    requests = [
        r for r in report["audits"]["network-requests"]["details"]["items"] if not r["url"].startswith("data:")
    ]  # inline icons are not requests
    transferred = sum(r.get("transferSize", 0) for r in requests)
    failing = [
        a["id"]
        for a in report["audits"].values()
        if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") == "binary"
    ]
    return {**scores, "kb": transferred / 1024, "requests": len(requests), "failing": failing}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=None)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temp:
        site = args.site or Path(temp) / "site"
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
        base = f"http://127.0.0.1:{server.server_port}/"
        if args.site is None:
            subprocess.run(
                [sys.executable, str(ROOT / "tools" / "build.py"), "--site", str(site)],
                check=True,
                capture_output=True,
                env={**os.environ, "SITE_URL": base},
            )
        else:
            print(f"note: {site} must have been built with SITE_URL={base} for the SEO canonical audit")
        threading.Thread(target=server.serve_forever, daemon=True).start()
        print(f"{'page':<22} {'perf':>5} {'a11y':>5} {'b.p.':>5} {'seo':>5} {'KB':>7} {'req':>4}  not passing")
        for name, path in PAGES:
            result = summary(lighthouse(base + path, Path(temp) / f"{name.replace(' ', '-')}.json"))
            print(
                f"{name:<22} {result['performance']:>5} {result['accessibility']:>5} {result['best-practices']:>5} "
                f"{result['seo']:>5} {result['kb']:>7.1f} {result['requests']:>4}  {', '.join(result['failing'])}"
            )
        server.shutdown()
    print(
        "targets: performance >= 95, accessibility 100, best practices 100, SEO 100; "
        "home first load <= 120 KB, <= 15 requests"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
