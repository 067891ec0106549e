"""Shared fixtures: the real site built once per session, a local server, Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import re
import subprocess
import sys
import threading
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.append(str(ROOT / "tools"))

import sitebuild  # noqa: E402

if sitebuild.ENGINE == "properdocs":  # make properdocs: `mkdocs.*` imports (hooks, plugins) are ProperDocs
    import properdocs.replacement  # noqa: E402, F401

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
LANGUAGES = ("fi", "sv")


# --- parallel runs (make test: pytest-xdist) -----------------------------------

# Test files whose tests are spread one by one over the workers; every other file runs
# whole on one worker, so that its module fixtures (deploys, bundles, servers) are built
# once. Tests listed in SLOWEST_FIRST start first: the longest tasks must not be last.
SPREAD = ("tests/test_accessibility.py", "tests/test_search_browser.py", "tests/test_content.py")
SLOWEST_FIRST = (
    "tests/test_accessibility.py::test_axe_and_reflow_on_every_page",
    "tests/test_offline_pdf.py",
    "tests/test_parallel.py",
    "tests/test_hosting.py",
    "tests/test_search_browser.py",
)


def work_unit(nodeid: str) -> str:
    """The unit of work a parallel worker takes: a test (in SPREAD files) or a file."""
    path = nodeid.split("::", 1)[0]
    return nodeid if path in SPREAD else path


def pytest_collection_modifyitems(items):
    """Put the slowest tests first (the same order on every worker, as xdist requires)."""

    def rank(item) -> int:
        return next((i for i, prefix in enumerate(SLOWEST_FIRST) if item.nodeid.startswith(prefix)), len(SLOWEST_FIRST))

    items.sort(key=rank)  # stable: the file order stays within a rank


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """xdist's documented hook: its load-by-scope scheduler, with work_unit as the scope
    and the collection order kept (xdist's loadgroup marks no longer work with pytest 9)."""
    from xdist.scheduler import LoadScopeScheduling

    if not callable(getattr(LoadScopeScheduling, "_split_scope", None)):
        return None  # xdist changed: its default scheduler (slower, still correct)

    class Scheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid)

    config.option.loadscopereorder = False
    return Scheduling(config, log)


# --- the real site ----------------------------------------------------------


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built the way `make build` builds it (parallel + merge); in a parallel
    run built once, by the first worker that needs it, and read by all (xdist's recipe)."""
    from filelock import FileLock

    if "PYTEST_XDIST_WORKER" not in os.environ:
        return build_real_site(tmp_path_factory.mktemp("real") / "site")
    shared = tmp_path_factory.getbasetemp().parent / "real"  # the run's folder, shared by the workers
    with FileLock(f"{shared}.lock"):
        if not (shared / "built").exists():
            build_real_site(shared / "site")
            (shared / "built").touch()
    return shared / "site"


def build_real_site(out: Path) -> Path:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build.py"), "--site", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=sitebuild.ENV,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def tool(name: str):
    """tools/<name>.py as a module (hooks/ is first on the path and has an offline.py too)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"tools_{name}", ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def html_pages(site_dir: Path) -> list[Path]:
    return sorted(p for p in site_dir.rglob("*.html") if p.relative_to(site_dir).parts[0] not in ("assets",))


def page_language(site_dir: Path, page: Path) -> str:
    first = page.relative_to(site_dir).parts[0]
    return first if first in LANGUAGES[1:] else LANGUAGES[0]


# --- HTML -------------------------------------------------------------------


class Element:
    def __init__(self, tag: str, attrs: dict):
        self.tag, self.attrs = tag, attrs

    def __getitem__(self, key):
        return self.attrs.get(key)

    def __repr__(self):
        return f"<{self.tag} {self.attrs}>"


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append(Element(tag, {k: (v if v is not None else "") for k, v in attrs}))

    handle_startendtag = handle_starttag


@functools.lru_cache(maxsize=4096)
def _parse(text: str) -> tuple[Element, ...]:
    collector = _Collector()
    collector.feed(text)
    return tuple(collector.elements)


def elements(path_or_text, tag: str | None = None, **attrs) -> list[Element]:
    text = path_or_text.read_text(encoding="utf-8") if isinstance(path_or_text, Path) else path_or_text
    found = []
    for element in _parse(text):
        if tag and element.tag != tag:
            continue
        if all(element.attrs.get(k.rstrip("_").replace("_", "-")) == v for k, v in attrs.items()):
            found.append(element)
    return found


def text_of(path: Path, selector_re: str = r'<article class="md-content__inner md-typeset">(.*?)</article>') -> str:
    match = re.search(selector_re, path.read_text(encoding="utf-8"), re.S)
    body = match.group(1) if match else ""
    body = re.sub(r"<script.*?</script>|<style.*?</style>", " ", body, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


# --- serving and browsing ---------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path):
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="session")
def served(site):
    server = serve(site)
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (tools/ensure-chromium.sh)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    tab = context.new_page()
    yield tab
    context.close()
