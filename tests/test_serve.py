"""`make serve` (tools/serve.py) in a temporary copy of the repository.

One preview runs for the module (Finnish edited first), on the small fixture site with a
contact page, a glossary and a strategy section added (tests/fixtures/serve/), so that a
full rebuild takes about a second instead of the real site's several (`make bench`
measures the preview on the real site). Each test saves files in the copy and waits, with
a deadline, until the served pages show the result: a Markdown edit, an edit of
data/site.yml and of overrides/, a broken save and its fix, a page added and deleted, a
hook edited. The real docs are never touched. Timings are printed, not asserted.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "tests"))

import serve
from previewrun import Preview, copy_project
from servelib import cache as servecache
from servelib import memo as servememo
from sitelib import siteconfig

STARTUP = 240  # seconds for the first builds of both languages (a loaded 2-core machine)
DEADLINE = 90  # seconds for a save to show (the target is 1 s; the tests only wait)


# --- the preview ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    fixtures = ROOT / "tests" / "fixtures"
    project = copy_project(
        tmp_path_factory.mktemp("serve") / "project", docs=(fixtures / "small" / "docs", fixtures / "serve" / "docs")
    )
    running = Preview(project, startup=STARTUP, deadline=DEADLINE)
    try:
        running.wait_for_line(r"^\S+ fi: start: built in", STARTUP)
        running.wait_for_line(r"^\S+ sv: start: built in", STARTUP)
        yield running
    finally:
        running.stop()
    assert "Traceback" not in running.output(), running.output()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def main_text(body: str) -> str:
    match = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', body, re.DOTALL)
    return match.group(1) if match else ""


# --- the tests, in the order a contributor would meet them ----------------------------


@pytest.mark.timeout(STARTUP + 2 * DEADLINE)
def test_markdown_edit_is_served(preview, record_property):
    page = preview.project / "docs" / "fi" / "contact.md"
    mark = len(preview.lines)
    started = time.monotonic()
    with open(page, "a", encoding="utf-8") as handle:
        handle.write("\nTämä lause lisättiin esikatselun testissä.\n")
    _, body = preview.wait_for("contact/", lambda s, b: "lisättiin esikatselun testissä" in main_text(b))
    seconds = time.monotonic() - started
    record_property("edit_to_served_seconds", round(seconds, 3))
    print(f"edit-to-served: {seconds:.2f} s (not asserted; make bench measures it)")
    line = preview.wait_for_line(r"fi: docs/fi/contact\.md: built in [\d.]+ s", since=mark)
    assert "FAILED" not in line
    # quiet: the build's own line and nothing else (no plugin chatter)
    assert preview.lines[mark:] == [line], preview.lines[mark:]
    assert 'id="serve-problems"' not in body
    assert '"/.serve/reload"' in body  # the browser reloads by itself
    # an edit of the text of a Finnish page does not rebuild the Swedish pages
    assert not any(re.search(r" sv: docs/fi/contact\.md", line) for line in preview.lines[mark:])


@pytest.mark.timeout(STARTUP + 4 * DEADLINE)
def test_preview_equals_a_plain_build(preview, tmp_path):
    """What the caches and the fast path let the preview skip must not change a byte:
    after the edit above (built as the edited page only), every file of a plain build
    of the Finnish pages (with the preview's address) is served exactly so."""
    preview.wait_for_line(r"fi: docs/fi/contact\.md: built in")
    out = tmp_path / "plain"
    env = {**os.environ, "SITE_ONLY_LANGUAGE": "fi", "SITE_URL": preview.url, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
        cwd=preview.project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    files = sorted(p for p in out.rglob("*") if p.is_file())
    assert len([p for p in files if p.suffix == ".html"]) >= 7
    for path in files:
        rel = path.relative_to(out).as_posix()
        status, body = preview.get_bytes(rel.removesuffix("index.html"))
        assert status == 200, rel
        if path.suffix == ".html":
            body = re.sub(rb"<script>\(function\(\)\{var v=.*?</script>", b"", body, count=1, flags=re.DOTALL)
        assert body == path.read_bytes(), f"{rel} differs from a plain build"


@pytest.mark.timeout(STARTUP + 2 * DEADLINE)
def test_included_file_edit_reaches_the_pages_using_it(preview):
    """docs/includes/ holds no page, but every page using an abbreviation shows its text:
    an edit there is not a text-only edit of one page."""
    edit(
        preview.project / "docs" / "includes" / "abbreviations.fi.md",
        "*[EU]: Euroopan unioni",
        "*[EU]: Euroopan unioni (EU)",
    )
    preview.wait_for("glossary/", lambda s, b: '<abbr title="Euroopan unioni (EU)">EU</abbr>' in b)


@pytest.mark.timeout(STARTUP + 2 * DEADLINE)
def test_data_edit_is_served(preview):
    """A label in data/site.yml reaches every page (here: the heading permalinks)."""
    edit(
        preview.project / "data" / "site.yml",
        "permalink: Pysyvä linkki tähän kohtaan",
        "permalink: Pysyvä linkki tähän otsikkoon",
    )
    preview.wait_for("contact/", lambda s, b: 'title="Pysyvä linkki tähän otsikkoon"' in b)
    # the Swedish pages are rebuilt too (a data change can reach every language)
    preview.wait_for_line(r" sv: data/site\.yml: built in")


@pytest.mark.timeout(STARTUP + 2 * DEADLINE)
def test_overrides_edit_is_served(preview):
    edit(
        preview.project / "overrides" / "main.html",
        "{% block extrahead %}\n  {{ super() }}",
        '{% block extrahead %}\n  {{ super() }}\n  <meta name="preview-test" content="overrides">',
    )
    preview.wait_for("", lambda s, b: '<meta name="preview-test" content="overrides">' in b)
    preview.wait_for("sv/", lambda s, b: '<meta name="preview-test" content="overrides">' in b)


@pytest.mark.timeout(STARTUP + 3 * DEADLINE)
def test_broken_edit_keeps_the_last_good_site_and_recovers(preview):
    page = preview.project / "docs" / "fi" / "contact.md"
    good = page.read_text(encoding="utf-8")
    mark = len(preview.lines)
    page.write_text(good.replace("\ntitle:", "\ntitel:", 1) + "\nRikkinäinen tallennus.\n", encoding="utf-8")
    try:
        failed = preview.wait_for_line(r"fi: docs/fi/contact\.md: FAILED", since=mark)
        assert "last good build is still served" in failed
        problem = preview.wait_for_line(r"docs/fi/contact\.md:\d+: .*'titel'", since=mark)  # in full, below
        assert problem.startswith("    ")
        _, body = preview.wait_for("contact/", lambda s, b: 'id="serve-problems"' in b)
        assert "Rikkinäinen tallennus" not in body  # the last good page, not the broken one
        banner = re.search(r'<div id="serve-problems".*?</div>', body, re.DOTALL).group(0)
        assert "docs/fi/contact.md" in banner and "titel" in banner
        # the problem shows on the pages of the other language too
        preview.wait_for("sv/", lambda s, b: 'id="serve-problems"' in b)
    finally:
        page.write_text(good + "\nKorjattu tallennus.\n", encoding="utf-8")
    _, body = preview.wait_for("contact/", lambda s, b: "Korjattu tallennus" in main_text(b))
    assert 'id="serve-problems"' not in body
    preview.wait_for_line(r"fi: docs/fi/contact\.md: built in", since=mark)


@pytest.mark.timeout(STARTUP + 4 * DEADLINE)
def test_a_problem_stays_until_it_is_fixed(preview):
    """A broken link saved in one page, then a good save of another page: the second build
    includes the first page again, so the problem is still reported (not hidden by a build
    of the second page only); the fix clears it and both saves are served."""
    broken = preview.project / "docs" / "fi" / "contact.md"
    other = preview.project / "docs" / "fi" / "glossary.md"
    good = broken.read_text(encoding="utf-8")
    mark = len(preview.lines)
    broken.write_text(good + "\nKatso [puuttuva sivu](puuttuva-sivu.md).\n", encoding="utf-8")
    preview.wait_for_line(r"fi: docs/fi/contact\.md: FAILED", since=mark)
    mark = len(preview.lines)
    with open(other, "a", encoding="utf-8") as handle:
        handle.write("\nSanaston lisäys esikatselun testissä.\n")
    try:
        line = preview.wait_for_line(r"fi: docs/fi/\S+ and 1 more: (FAILED|built)", since=mark)
        assert "FAILED" in line
        preview.wait_for_line(r"puuttuva-sivu\.md", since=mark)  # the problem, printed under it
        assert 'id="serve-problems"' in preview.get("glossary/")[1]
    finally:
        broken.write_text(good + "\nKorjattu linkki.\n", encoding="utf-8")
    preview.wait_for("contact/", lambda s, b: "Korjattu linkki" in b and 'id="serve-problems"' not in b)
    assert "Sanaston lisäys esikatselun testissä" in preview.get("glossary/")[1]


@pytest.mark.timeout(STARTUP + 4 * DEADLINE)
def test_added_page_is_served_and_deleted_page_disappears(preview):
    pages = {lang: preview.project / "docs" / lang / "strategy" / "preview-check.md" for lang in ("fi", "sv")}
    titles = {"fi": "Esikatselun tarkistussivu", "sv": "Förhandsvisningens kontrollsida"}
    for lang, path in pages.items():
        path.write_text(
            f"---\ntitle: {titles[lang]}\ndescription: Sivu, jonka esikatselun testi lisää ja "
            "poistaa.\n---\n\nTeksti.\n",
            encoding="utf-8",
        )
    preview.wait_for("strategy/preview-check/", lambda s, b: s == 200 and titles["fi"] in b)
    preview.wait_for("sv/strategy/preview-check/", lambda s, b: s == 200 and titles["sv"] in b)
    mark = len(preview.lines)
    for path in pages.values():
        path.unlink()
    preview.wait_for("strategy/preview-check/", lambda s, b: s == 404)
    preview.wait_for("sv/strategy/preview-check/", lambda s, b: s == 404)
    preview.wait_for_line(r"fi: docs/\S+ and 1 more: built in", since=mark)
    preview.wait_for_line(r"sv: docs/\S+ and 1 more: built in", since=mark)
    for path in ("strategy/preview-check/", "sv/strategy/preview-check/", "a%00b/", "x" * 300 + "/"):
        assert preview.get(path)[0] == 404, path
    # gone from the navigation of the other pages too
    assert titles["fi"] not in preview.get("strategy/")[1]


@pytest.mark.timeout(STARTUP + 3 * DEADLINE)
def test_hook_edit_restarts_the_build_processes(preview):
    """A hook listed in mkdocs.yml gets an on_post_page handler: only a new build process
    loads it, and then every page shows what it adds."""
    layout = serve.Layout.read(preview.project / "mkdocs.yml")
    hooks = [preview.project / h for h in siteconfig.yaml_load(layout.config.read_text(encoding="utf-8"))["hooks"]]
    hook = next(h for h in hooks if "def on_post_page" not in h.read_text(encoding="utf-8"))
    rel = hook.relative_to(preview.project).as_posix()
    mark = len(preview.lines)
    with open(hook, "a", encoding="utf-8") as handle:
        handle.write(
            "\n\ndef on_post_page(output, page, config):\n"
            '    return output.replace("</body>", "<!-- hook edited --></body>")\n'
        )
    preview.wait_for_line(rf"{re.escape(rel)} changed: restarting the build processes", since=mark)
    preview.wait_for("contact/", lambda s, b: "<!-- hook edited -->" in b, deadline=STARTUP)
    preview.wait_for("sv/", lambda s, b: "<!-- hook edited -->" in b, deadline=STARTUP)
    preview.wait_for_line(rf"fi: {re.escape(rel)}: built in [\d.]+ s \(after a restart\)", since=mark)


# --- pieces, without a preview ----------------------------------------------------------


def test_paths_never_leave_the_site():
    assert serve.file_for("/") == "index.html"
    assert serve.file_for("/sv/outputs/") == "sv/outputs/index.html"
    assert serve.file_for("/../../etc/passwd") == "etc/passwd"
    assert serve.file_for("/%2e%2e/%2e%2e/secret") == "secret"
    assert serve.file_for("/a%00b") == "a\0b"  # no file has such a name: 404 (see the deleted-page test)
    assert serve.owner("/sv/outputs/", ["fi", "sv"], "fi") == "sv"
    assert serve.owner("/svenska/", ["fi", "sv"], "fi") == "fi"
    assert serve.owner("/assets/x.css", ["fi", "sv"], "fi") == "fi"


def test_problems_are_shown_as_text():
    page = b'<!doctype html><html><head></head><body class="x"><p>Sivu</p></body></html>'
    shown = serve.inject(page, "1.0", "fi", {"fi": "docs/fi/a.md:2: <script>alert(1)</script> & more"})
    text = shown.decode()
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in text
    assert text.index('id="serve-problems"') < text.index("<p>Sivu</p>")
    assert text.index("/.serve/reload") < text.index("</body>")
    assert 'id="serve-problems"' not in serve.inject(page, "1.0", "fi", {}).decode()


def test_what_a_change_means():
    layout = serve.Layout.read(ROOT / "mkdocs.yml")
    change = serve.Change()
    change.add("docs/fi/contact.md", "modified")
    assert not change.needs_reset(layout) and not change.touches_hooks(layout)
    change.add("docs/fi/new.md", "created")
    assert change.needs_reset(layout)
    for path in (
        "data/site.yml",
        "overrides/main.html",
        "mkdocs.yml",
        "docs/assets/stylesheets/site.css",
        "docs/fi/.pages",
    ):
        other = serve.Change()
        other.add(path, "modified")
        assert other.needs_reset(layout), path
    for path in ("hooks/sitelib/model.py", "tools/servelib/cache.py"):  # code the build processes loaded
        hook = serve.Change()
        hook.add(path, "modified")
        assert hook.touches_hooks(layout), path
    for name in (
        "docs/fi/.contact.md.swp",
        "docs/fi/contact.md~",
        "hooks/__pycache__/x.pyc",
        "docs/fi/4913",
        "docs/fi/.#contact.md",
    ):
        assert serve.is_ignored(name), name
    assert not serve.is_ignored("docs/fi/.pages")


def test_notice_while_a_language_is_not_built():
    """Both languages' texts, from data/site.yml, as text."""
    layout = serve.Layout.read(ROOT / "mkdocs.yml")
    labels = serve.read_labels(layout)
    page = serve.notice_page(labels, layout.languages).decode()
    for lang in layout.languages:
        assert f'<section lang="{lang}">' in page
        assert labels[lang]["live_preview_building"] in page
    hostile = {"fi": {"live_preview_building_title": "<b>x</b>", "live_preview_building": "a & b"}}
    assert "&lt;b&gt;x&lt;/b&gt;" in serve.notice_page(hostile, ["fi"]).decode()


def test_a_python_error_shows_the_sites_own_lines():
    try:
        compile("def broken(:\n", str(ROOT / "hooks" / "broken.py"), "exec")
    except SyntaxError as error:
        text = serve.describe_error(error, ROOT)
    assert "hooks/broken.py" in text and "line 1" in text and "SyntaxError" in text
    assert "mkdocs" not in text


def test_a_wrong_language_is_refused():
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "serve.py"), "--lang", "de", "--port", "0"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "LANG=de" in result.stderr and "fi, sv" in result.stderr


def test_cached_functions_still_match():
    """The preview wraps functions of Material, mkdocs and our own modules with caches;
    a change of their names or parameters must be noticed (and the file to update named)."""
    assert servememo.install() == []


def test_template_key_covers_the_context():
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page

    class Config(dict):
        extra: dict

    config = Config(use_directory_urls=True)
    config.extra = {"alternate": [{"link": "./"}], "model": {"big": "data"}}
    config.theme = {"language": "fi"}
    page = Page("Otsikko", File("fi/a.md", "/docs", "/site", True), config)
    page.content, page.meta, page.markdown = "<p>a</p>", {"title": "Otsikko"}, "a"
    context = {"page": page, "config": config, "base_url": "..", "nav": object()}
    key = servecache.page_key(("token",), "main.html", context)
    assert key is not None
    assert servecache.page_key(("token",), "main.html", context) == key
    page.content = "<p>b</p>"
    assert servecache.page_key(("token",), "main.html", context) != key
    config.extra["alternate"] = [{"link": "../sv/"}]
    changed = servecache.page_key(("token",), "main.html", context)
    assert changed != key
    assert servecache.page_key(("other token",), "main.html", context) != changed
    context["something_new"] = object()  # not describable: never cached
    assert servecache.page_key(("token",), "main.html", context) is None
