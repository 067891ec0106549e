"""Hosting on GitHub Pages, end to end, where the tests can see what GitHub does.

The small fixture site (plus a handbook with fake PDFs, a page that 2.0 retires and a
page only `dev` has) is deployed with tools/deploy.py into a bare remote: 1.0 as latest,
then 2.0 as latest and `dev` at the same time (two checkouts, as two CI jobs would; a
pre-receive hook in the remote holds both pushes until both have arrived, so one of
them is always rejected and must land by retrying). The remote's gh-pages branch is
served by the GitHub Pages emulation (tools/pages_server.py) and browsed in Chromium.
Also: the upgrade from a gh-pages made by mike with a `latest` symlink, refused
configurations, and the pure functions of tools/ghpages.py.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import ghpages
import pages_server
import pytest
import sitebuild
from conftest import ROOT, elements

# The module's fixture builds and deploys three versions (and one test two more): under a
# loaded machine that alone can take minutes.
pytestmark = pytest.mark.timeout(600)

DEPLOY = ROOT / "tools" / "deploy.py"
SITE_URL = "https://example.invalid/procurement/"
REPOSITORY = "procurement"
GIT_ENV = sitebuild.GIT_IDENTITY
REVIEW = "review:\n  owner: Testi\n  last_reviewed: 2026-01-01\n  next_review: 2099-01-01\n"
VERSIONS = ("1.0", "2.0", "latest", "dev")


def page(title: str, description: str, body: str, extra: str = "") -> str:
    return f"---\ntitle: {title}\ndescription: {description}\n{extra}---\n\n{body}"


HANDBOOK = {
    "fi/handbook/index.md": page(
        "Testikäsikirja",
        "Testikäsikirjan etusivu, jolla kokeillaan PDF-linkkejä.",
        "## Osa { #part }\n\nKäsikirjan teksti.\n",
        REVIEW,
    ),
    "sv/handbook/index.md": page(
        "Testhandbok",
        "Testhandbokens startsida där PDF-länkarna prövas.",
        "## Del { #part }\n\nHandbokens text.\n",
        REVIEW,
    ),
}
RETIRED = {  # in 1.0 only
    "fi/retired.md": page(
        "Poistuva sivu", "Sivu, joka on vain versiossa 1.0 ja poistuu versiosta 2.0.", "Vanha sisältö.\n"
    ),
    "sv/retired.md": page(
        "Sida som tas bort", "En sida som bara finns i version 1.0 och tas bort i 2.0.", "Gammalt innehåll.\n"
    ),
}
UPCOMING = {  # in dev only
    "fi/upcoming.md": page(
        "Tuleva sivu", "Sivu, joka on vasta kehitysversiossa eikä vielä julkaistu.", "Uusi sisältö.\n"
    ),
    "sv/upcoming.md": page("Kommande sida", "En sida som bara finns i utvecklingsversionen ännu.", "Nytt innehåll.\n"),
}

# Holds every push carrying RACE_DIR until two have arrived: the two deploys then both
# push on top of the same gh-pages, and the remote accepts only the first.
RACE_HOOK = """#!{python}
import os, pathlib, sys, time
race = os.environ.get("RACE_DIR")
if race:
    folder = pathlib.Path(race)
    (folder / f"push-{{os.getpid()}}").touch()
    deadline = time.monotonic() + 180
    while len(list(folder.glob("push-*"))) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
sys.stdin.read()
"""


def run(cwd: Path, *command: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        list(command), cwd=cwd, capture_output=True, text=True, check=False, env={**sitebuild.ENV, **GIT_ENV}
    )
    assert result.returncode == 0, (command, result.stdout, result.stderr)
    return result


def deploy_command(project: Path, *args: str, config: str = "mkdocs.yml") -> list[str]:
    return [sys.executable, str(DEPLOY), "--config", str(project / config), *args]


def deploy_env(**extra) -> dict:
    env = {**os.environ, **sitebuild.ENV, **GIT_ENV, "SITE_URL": SITE_URL, **extra}
    return {k: v for k, v in env.items() if v is not None}


def deploy(project: Path, *args: str, config: str = "mkdocs.yml", **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        deploy_command(project, *args, config=config),
        cwd=project,
        capture_output=True,
        text=True,
        env=deploy_env(**env),
        check=False,
    )


def write_docs(project: Path, files: dict) -> None:
    for rel, text in files.items():
        path = project / "docs" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def fake_pdfs(folder: Path, version: str) -> Path:
    folder.mkdir(parents=True)
    for lang in ("fi", "sv"):
        (folder / f"handbook-{lang}.pdf").write_bytes(f"%PDF-1.4 handbook {version} {lang}\n%%EOF\n".encode())
    return folder


def branch_tree(repo: Path, ref: str = "refs/heads/gh-pages") -> ghpages.Tree:
    return ghpages.Git(repo).tree(ref)


def clone(source: Path, target: Path, remote: Path, revision: str | None = None) -> Path:
    run(source.parent, "git", "clone", "-q", str(source), str(target))
    if revision:
        run(target, "git", "checkout", "-q", revision)
    run(target, "git", "remote", "set-url", "origin", str(remote))
    return target


@pytest.fixture(scope="module")
def hosted(tmp_path_factory):
    base = tmp_path_factory.mktemp("hosting")
    remote = base / "remote.git"
    run(base, "git", "init", "-q", "--bare", str(remote))
    hook = remote / "hooks" / "pre-receive"
    hook.write_text(RACE_HOOK.format(python=sys.executable))
    hook.chmod(0o755)
    project = sitebuild.make_project(base / "project", ROOT / "tests" / "fixtures" / "small" / "docs")
    write_docs(project, {**HANDBOOK, **RETIRED})
    sitebuild.git_project(project, remote)
    pdfs = {v: fake_pdfs(base / f"pdf-{v}", v) for v in ("1.0", "2.0", "dev")}
    steps = {"1.0": deploy(project, "--version", "1.0", "--alias", "latest", "--push", SITE_PDF_DIR=str(pdfs["1.0"]))}
    for rel in RETIRED:
        (project / "docs" / rel).unlink()
    run(project, "git", "commit", "-qam", "2.0: retire a page")
    run(project, "git", "tag", "v2.0")
    write_docs(project, UPCOMING)
    run(project, "git", "add", "-A")
    run(project, "git", "commit", "-qm", "dev: a new page")
    release = clone(project, base / "release", remote, "v2.0")
    main = clone(project, base / "main", remote)
    race = base / "race"
    race.mkdir()
    processes = {
        "2.0": subprocess.Popen(
            deploy_command(release, "--version", "2.0", "--alias", "latest", "--push"),
            cwd=release,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=deploy_env(SITE_PDF_DIR=str(pdfs["2.0"]), RACE_DIR=str(race)),
        ),
        "dev": subprocess.Popen(
            deploy_command(main, "--version", "dev", "--push"),
            cwd=main,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=deploy_env(SITE_PDF_DIR=str(pdfs["dev"]), RACE_DIR=str(race)),
        ),
    }
    for name, process in processes.items():
        output, _ = process.communicate(timeout=240)
        steps[name] = subprocess.CompletedProcess(process.args, process.returncode, output, "")
    server = pages_server.serve(remote, REPOSITORY)
    yield {
        "remote": remote,
        "main": main,
        "steps": steps,
        "server": server,
        "url": server.url,
        "pdfs": pdfs,
        "tree": branch_tree(remote),
    }
    server.stop()


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def served(hosted, absolute: str) -> str:
    """The emulated host's address of a public URL under SITE_URL."""
    assert absolute.startswith(SITE_URL), absolute
    return hosted["url"] + absolute[len(SITE_URL) :]


def blob(repo: Path, tree: ghpages.Tree, path: str) -> str:
    sha = tree[path][1]
    return ghpages.Git(repo).read_blobs([sha])[sha].decode("utf-8")


def read(hosted, path: str) -> str:
    return blob(hosted["remote"], hosted["tree"], path)


def version_pages(hosted, version: str) -> list[str]:
    return sorted(
        rel
        for rel in ghpages.under(hosted["tree"], version)
        if rel.endswith(".html") and rel not in ("404.html", "sv/404.html")
    )


# --- the deploys ----------------------------------------------------------------------


def test_every_deploy_lands(hosted):
    for name, step in hosted["steps"].items():
        assert step.returncode == 0, (name, step.stdout[-3000:], step.stderr[-3000:])
    versions = json.loads(read(hosted, "versions.json"))
    assert [(v["version"], v["aliases"]) for v in versions] == [("dev", []), ("2.0", ["latest"]), ("1.0", [])]


def test_racing_deploys_both_land_one_by_retrying(hosted):
    """The release and the development deploy pushed on top of the same gh-pages: the
    remote took one, the other was rejected and made its commit again on the new tip."""
    outputs = {name: hosted["steps"][name].stdout for name in ("2.0", "dev")}
    retried = [name for name, out in outputs.items() if "push rejected" in out]
    assert len(retried) == 1, outputs
    assert "making the commit again" in outputs[retried[0]]
    history = run(hosted["remote"], "git", "log", "--format=%s", "gh-pages").stdout.splitlines()
    assert len(history) == 3 and "to 1.0 (latest)" in history[-1]
    assert {"to 2.0 (latest)" in h for h in history[:2]} == {True, False}


def test_no_symlink_and_aliases_are_copies(hosted):
    tree = hosted["tree"]
    assert ghpages.links_and_submodules(tree) == []
    assert ".nojekyll" in tree
    assert ghpages.under(tree, "latest") == ghpages.under(tree, "2.0")
    assert ghpages.under(tree, "1.0") != ghpages.under(tree, "2.0")


def test_root_files(hosted):
    tree = hosted["tree"]
    for name in (".nojekyll", "index.html", "versions.json", "404.html", "sitemap.xml", "robots.txt"):
        assert name in tree, name
    assert read(hosted, "robots.txt") == f"User-agent: *\nAllow: /\nSitemap: {SITE_URL}sitemap.xml\n"
    for version in ("1.0", "2.0", "dev"):
        assert f"{version}/robots.txt" not in tree  # no version advertises its own sitemap
        assert f"{version}/sitemap.xml" in tree  # Material's version selector reads it


def test_mike_canonical_version_and_mkdocs_canonical_url(tmp_path, monkeypatch):
    """mike's canonical_version sets site_url to urljoin(SITE_URL, "latest"): no trailing
    slash. It is stable when mkdocs-static-i18n runs on_config again for the next
    language, and mkdocs adds the slash when it computes page.canonical_url."""
    from urllib.parse import urljoin as join

    from mike.mkdocs_plugin import MikePlugin
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page

    plugin = MikePlugin()
    assert plugin.load_config({"alias_type": "copy", "canonical_version": "latest"}) == ([], [])
    monkeypatch.setenv("MIKE_DOCS_VERSION", "1.0")
    config = MkDocsConfig()
    config.load_dict({"site_name": "Test", "docs_dir": str(tmp_path), "site_url": SITE_URL})
    assert config.validate() == ([], [])
    plugin.on_config(config)
    assert config["site_url"] == SITE_URL + "latest"
    plugin.on_config(config)
    assert config["site_url"] == SITE_URL + "latest"
    file = File("sv/outputs/index.md", str(tmp_path), str(tmp_path / "site"), True)
    assert Page(None, file, config).canonical_url == SITE_URL + "latest/sv/outputs/"
    assert join(config["site_url"], file.url) == SITE_URL + "sv/outputs/"  # why nobody may urljoin site_url


# --- in the browser ---------------------------------------------------------------------


class Reader:
    """One tab that goes from page to page, as a reader does, for the tests that open pages
    and read them (a fresh tab costs each test about a second of CPU: Chromium starts a
    renderer and parses the stylesheets and scripts again). visit() records what failed to
    load for the page it opens: responses of 400 and more, and requests that failed (not
    those a navigation cancels), except the page's own answer."""

    def __init__(self, browser, javascript: bool = True):
        self.context = browser.new_context(java_script_enabled=javascript)
        self.tab = self.context.new_page()
        self.url, self.failed = "", []
        self.tab.on("response", lambda r: self._failed(r.status, r.url) if r.status >= 400 else None)
        self.tab.on("requestfailed", lambda r: None if "ERR_ABORTED" in (r.failure or "") else self._failed(0, r.url))

    def _failed(self, status: int, url: str) -> None:
        if url != self.url:
            self.failed.append((status, url))

    def visit(self, url: str):
        """Open url (after a blank page, so nothing of the last page is still loading):
        (tab, the page's response, what failed to load since)."""
        self.tab.goto("about:blank")
        self.url, self.failed = url, []
        response = self.tab.goto(url)
        self.tab.wait_for_load_state("load")
        return self.tab, response, self.failed


@pytest.fixture(scope="module")
def reader(browser):
    opened = Reader(browser)
    yield opened
    opened.context.close()


def styled(tab) -> bool:
    """Material's and the site's stylesheets apply: the header has the site's colour."""
    return tab.evaluate("""() => {
        const header = document.querySelector('.md-header');
        const colour = header && getComputedStyle(header).backgroundColor;
        return document.styleSheets.length >= 4 && !!colour && colour !== 'rgba(0, 0, 0, 0)';
    }""")


def test_the_root_lands_on_latest(hosted, reader):
    tab, _response, failed = reader.visit(hosted["url"])
    tab.wait_for_url(hosted["url"] + "latest/")
    tab.wait_for_load_state("load")
    assert tab.evaluate("document.documentElement.lang") == "fi" and styled(tab)
    assert failed == []


NOTICES = {"outdated": ("vanhaa versiota", "äldre version"), "development": ("kehitysversiota", "utvecklingsversion")}
HOME_NOTICE = {"1.0": "outdated", "2.0": None, "latest": None, "dev": "development"}


def check_notice(hosted, tab, path: str, notice: str | None) -> None:
    """The banner of the page open in tab: hidden, or the notice in the page's language
    with a link to the same page in latest (its home there when latest lacks the page)."""
    tab.wait_for_selector(".md-version__current")  # the version selector has read versions.json
    banner = tab.locator("[data-md-component=outdated]")
    if notice is None:
        assert banner.get_attribute("hidden") is not None, path
        return
    banner.wait_for(state="visible")
    text = banner.inner_text()
    sv = path.split("/")[1] == "sv"
    other = "development" if notice == "outdated" else "outdated"
    assert NOTICES[notice][1 if sv else 0] in text and not any(w in text for w in NOTICES[other]), (path, text)
    target = urljoin(hosted["url"] + path, banner.locator("a").get_attribute("href"))
    inner = path.split("/", 1)[1]
    latest_pages = {ghpages.url_of(rel) for rel in version_pages(hosted, "latest")}
    assert target == hosted["url"] + "latest/" + (inner if inner in latest_pages else ("sv/" if sv else "")), path
    assert fetch(target)[0] == 200


@pytest.mark.parametrize("version", VERSIONS)
def test_every_versions_home_loads_styled_in_both_languages_with_its_notice(hosted, reader, version):
    """Both homes of the version, styled, nothing failing to load; the outdated notice on
    1.0 only, the development notice on dev only."""
    for lang, prefix in (("fi", ""), ("sv", "sv/")):
        url = f"{hosted['url']}{version}/{prefix}"
        tab, response, failed = reader.visit(url)
        assert response.status == 200, url
        assert tab.evaluate("document.documentElement.lang") == lang
        assert styled(tab), url
        check_notice(hosted, tab, f"{version}/{prefix}", HOME_NOTICE[version])
        assert failed == [], (url, failed)


@pytest.mark.parametrize(
    "path, notice",
    [
        ("1.0/sv/retired/", "outdated"),
        ("1.0/outputs/invoice-guide/", "outdated"),
        ("dev/sv/upcoming/", "development"),
        ("latest/sv/outputs/", None),
    ],
)
def test_notices_link_to_the_same_page_in_latest_or_its_home(hosted, reader, path, notice):
    tab, _response, _failed = reader.visit(hosted["url"] + path)
    check_notice(hosted, tab, path, notice)


NOT_FOUND = [  # path, language, version whose home is offered besides latest's
    ("1.0/a/b/missing/", "fi", "1.0"),
    ("1.0/sv/a/b/c/missing/", "sv", "1.0"),
    ("sv/missing.html", "sv", None),
    ("nope/", "fi", None),
    ("latest/sv/x/y/", "sv", None),
    ("dev/deep/er/still/page.html", "fi", "dev"),
    ("2.0/sv/gone", "sv", "2.0"),
]


@pytest.mark.parametrize("path, lang, version", NOT_FOUND)
def test_404_at_any_depth_in_the_readers_language(hosted, reader, path, lang, version):
    url = hosted["url"] + path
    tab, response, failed = reader.visit(url)
    assert response.status == 404
    assert tab.evaluate("document.documentElement.lang") == lang
    assert styled(tab) and failed == [], failed
    title = {"fi": "Sivua ei löytynyt", "sv": "Sidan hittades inte"}
    visible = tab.locator(f'div[data-site-language="{lang}"]')
    assert title[lang] in visible.locator("h1").inner_text() and visible.is_visible()
    other = "sv" if lang == "fi" else "fi"
    assert tab.locator(f'div[data-site-language="{other}"]').is_hidden()
    assert title[lang] in tab.title() and title[other] not in tab.title()
    home = visible.locator("a[data-site-home]")
    assert home.get_attribute("href") == f"/{REPOSITORY}/latest/" + ("sv/" if lang == "sv" else "")
    item = visible.locator("[data-site-version]")
    if version:
        item.wait_for(state="visible")
        href = item.locator("a").get_attribute("href")
        assert href == f"/{REPOSITORY}/{version}/" + ("sv/" if lang == "sv" else "")
        assert version in item.inner_text()
        assert fetch(urljoin(url, home.get_attribute("href")))[0] == 200
        with tab.expect_navigation():
            item.locator("a").click()
    else:
        tab.wait_for_load_state("networkidle")  # versions.json, when asked for, has answered
        assert item.is_hidden()
        with tab.expect_navigation():
            home.click()
    assert tab.evaluate("document.documentElement.lang") == lang and styled(tab)
    assert tab.locator("article h1").count() == 1


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_404_page_passes_axe_and_does_not_scroll_sideways(hosted, browser, scheme):
    """The root 404 page is ours, outside Material's templates: the same checks as every
    page of the site (tests/a11y_sweep.py), in both languages."""
    from a11y_sweep import TAGS
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=scheme)
    tab = context.new_page()
    options = {"runOnly": {"type": "tag", "values": TAGS}}
    for path in ("1.0/a/missing/", "1.0/sv/a/missing/"):
        tab.goto(hosted["url"] + path)
        tab.locator("div[data-site-language] h1 >> visible=true").wait_for()
        violations = Axe().run(tab, options=options).response["violations"]
        assert violations == [], (path, scheme, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations])
        tab.set_viewport_size({"width": 320, "height": 800})
        assert tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
        tab.set_viewport_size({"width": 1280, "height": 800})
    context.close()


def test_404_without_javascript_shows_both_languages(hosted, browser):
    without = Reader(browser, javascript=False)
    tab, response, _failed = without.visit(hosted["url"] + "1.0/sv/gone/")
    assert response.status == 404
    assert tab.locator('div[data-site-language="fi"]').is_visible()
    assert tab.locator('div[data-site-language="sv"]').is_visible()
    assert styled(tab)
    without.context.close()


# --- search engines -------------------------------------------------------------------


def expected_links(hosted, rel: str) -> tuple[str, dict]:
    """Canonical and hreflang URLs of a page (path inside a version), from latest's files."""
    latest = set(ghpages.under(hosted["tree"], "latest"))
    inner = rel.removeprefix("sv/")

    def target(lang: str) -> str:
        prefix = "sv/" if lang == "sv" else ""
        return SITE_URL + "latest/" + (ghpages.url_of(prefix + inner) if prefix + inner in latest else prefix)

    lang = "sv" if rel.startswith("sv/") else "fi"
    return target(lang), {"fi": target("fi"), "sv": target("sv"), "x-default": target("fi")}


@pytest.mark.parametrize("version", VERSIONS)
def test_canonical_and_hreflang_on_every_page_of_every_version(hosted, version):
    pages = version_pages(hosted, version)
    assert len(pages) >= 10
    checked = set()
    for rel in pages:
        text = read(hosted, f"{version}/{rel}")
        canonical = [l["href"] for l in elements(text, "link", rel="canonical")]
        alternates = {l["hreflang"]: l["href"] for l in elements(text, "link", rel="alternate") if l["hreflang"]}
        want_canonical, want_alternates = expected_links(hosted, rel)
        assert canonical == [want_canonical], (version, rel)
        assert alternates == want_alternates, (version, rel)
        for url in (want_canonical, *want_alternates.values()):
            if url not in checked:
                assert fetch(served(hosted, url))[0] == 200, url
                checked.add(url)
    if version == "1.0":
        assert expected_links(hosted, "sv/retired/index.html")[0] == SITE_URL + "latest/sv/"
    if version == "dev":
        assert expected_links(hosted, "upcoming/index.html")[0] == SITE_URL + "latest/"


def test_root_sitemap_lists_latest_pages_with_alternates_all_answering_200(hosted):
    ns = {"s": ghpages.SITEMAP_NS, "x": ghpages.XHTML_NS}
    root = ET.fromstring(read(hosted, "sitemap.xml").encode())
    entries = {
        u.find("s:loc", ns).text: {l.get("hreflang"): l.get("href") for l in u.findall("x:link", ns)}
        for u in root.findall("s:url", ns)
    }
    expected = {SITE_URL + "latest/" + ghpages.url_of(rel) for rel in version_pages(hosted, "latest")}
    assert set(entries) == expected
    assert not any("retired" in loc or "upcoming" in loc for loc in entries)
    for loc, alternates in entries.items():
        assert set(alternates) == {"fi", "sv", "x-default"} and loc in alternates.values()
        for url in {loc, *alternates.values()}:
            assert fetch(served(hosted, url))[0] == 200, url
    status, body = fetch(hosted["url"] + "robots.txt")
    assert status == 200 and f"Sitemap: {SITE_URL}sitemap.xml" in body.decode()


@pytest.mark.parametrize("version", ["1.0", "2.0", "latest", "dev"])
def test_handbook_pdf_links_answer_with_their_versions_pdf(hosted, version):
    built = {"latest": "2.0"}.get(version, version)
    for lang, prefix in (("fi", ""), ("sv", "sv/")):
        url = f"{hosted['url']}{version}/{prefix}handbook/"
        status, body = fetch(url)
        assert status == 200, url
        links = [a["href"] for a in elements(body.decode(), "a", type="application/pdf")]
        assert len(links) == 1, (url, links)
        status, pdf = fetch(urljoin(url, links[0]))
        assert status == 200 and urlsplit(urljoin(url, links[0])).path.startswith(f"/{REPOSITORY}/{version}/")
        assert pdf == (hosted["pdfs"][built] / f"handbook-{lang}.pdf").read_bytes()


# --- refused before gh-pages is touched -----------------------------------------------

BAD_CONFIGS = [
    ("no mike settings", lambda t: re.sub(r"(?m)^  - mike:\n(?:      .*\n)+", "", t), "symlink"),
    ("alias_type symlink", lambda t: t.replace("alias_type: copy", "alias_type: symlink"), "alias_type is 'symlink'"),
    ("alias_type redirect", lambda t: t.replace("alias_type: copy", "alias_type: redirect"), "not a redirect"),
    (
        "no canonical_version",
        lambda t: re.sub(r"(?m)^      canonical_version: .*\n", "", t),
        "canonical_version is not set",
    ),
]


@pytest.mark.parametrize("name, change, message", BAD_CONFIGS, ids=[c[0] for c in BAD_CONFIGS])
def test_configurations_that_would_break_pages_are_refused(hosted, name, change, message):
    project = hosted["main"]
    text = (project / "mkdocs.yml").read_text()
    bad = change(text)
    assert bad != text, name
    (project / "bad.yml").write_text(bad)
    before = (branch_tree(hosted["remote"]), ghpages.Git(project).rev("refs/heads/gh-pages"))
    result = deploy(project, "--version", "3.0", "--alias", "latest", "--push", config="bad.yml")
    assert result.returncode == 2, result.stdout + result.stderr
    assert message in result.stderr and "Nothing was changed" in result.stderr
    assert "building" not in result.stdout
    assert (branch_tree(hosted["remote"]), ghpages.Git(project).rev("refs/heads/gh-pages")) == before


@pytest.mark.parametrize(
    "args, message",
    [
        (["--version", "3.0", "--alias", "1.0"], "already the name of a version"),
        (["--version", "latest"], "already an alias of version '2.0'"),
        (["--version", "3.0", "--alias", "3.0"], "the version's own name"),
        (["--version", "dev/x"], "not allowed"),
    ],
)
def test_alias_and_version_clashes_are_refused(hosted, args, message):
    project = hosted["main"]
    before = branch_tree(hosted["remote"])
    result = deploy(project, *args, "--push")
    assert result.returncode == 2 and message in result.stderr, result.stderr
    assert branch_tree(hosted["remote"]) == before


# --- the upgrade from mike's symlink ----------------------------------------------------


def test_a_gh_pages_with_a_latest_symlink_is_repaired_by_the_next_deploy(tmp_path):
    """Today's layout: `mike deploy --update-aliases 1.0 latest` with mike's default alias
    type (a symlink) and `mike set-default latest`. GitHub Pages refuses that branch; the
    next deploy (here the development version) replaces the symlink by a copy."""
    remote = tmp_path / "remote.git"
    project = sitebuild.make_project(tmp_path / "project", ROOT / "tests" / "fixtures" / "small" / "docs")
    sitebuild.git_project(project, remote, push=False)
    mike = str(Path(sys.executable).with_name("mike"))
    env = {**deploy_env(), "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")}
    for step in (
        ["deploy", "--alias-type", "symlink", "--update-aliases", "--push", "1.0", "latest"],
        ["set-default", "--push", "latest"],
    ):
        result = subprocess.run(
            [mike, *step, "--config-file", str(project / "mkdocs.yml")],
            cwd=project,
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        assert result.returncode == 0, result.stderr[-3000:]
    assert branch_tree(remote)["latest"][0] == ghpages.SYMLINK
    with pytest.raises(pages_server.DeployFailed, match="symlinks"):
        pages_server.serve(remote, REPOSITORY)

    result = deploy(project, "--version", "dev", "--push")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    tree = branch_tree(remote)
    assert ghpages.links_and_submodules(tree) == []
    assert ghpages.under(tree, "latest") == ghpages.under(tree, "1.0")
    server = pages_server.serve(remote, REPOSITORY)
    try:
        for path in ("", "latest/", "latest/sv/outputs/", "1.0/", "dev/sv/", "sitemap.xml", "404.html"):
            assert fetch(server.url + path)[0] == 200, path
        assert fetch(server.url + "latest/missing/")[0] == 404
    finally:
        server.stop()

    # A rollback as MAINTAINING.md describes it: one of mike's commands, then --refresh.
    result = subprocess.run(
        [mike, "delete", "dev", "--config-file", str(project / "mkdocs.yml")],
        cwd=project, capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    result = deploy(project, "--refresh", "--push")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    tree = branch_tree(remote)
    assert [v["version"] for v in json.loads(blob(remote, tree, "versions.json"))] == ["1.0"]
    assert not ghpages.under(tree, "dev") and ghpages.under(tree, "latest") == ghpages.under(tree, "1.0")
    assert ghpages.links_and_submodules(tree) == [] and "sitemap.xml" in tree


# --- tools/ghpages.py ---------------------------------------------------------------------

LANGUAGES = ghpages.Languages(["fi", "sv"])
BASE = SITE_URL + "latest/"
HEAD = (
    '<html><head><title>x</title>\n  <link rel="canonical" href="{c}">\n  <link rel="prev" href="../">'
    '\n  <link rel="alternate" type="application/atom+xml" href="../feed.xml">'
    '\n  <link rel="alternate" hreflang="fi" href="{fi}">\n  <link rel="alternate" hreflang="sv" href="{sv}">'
    '\n  <link rel="alternate" hreflang="x-default" href="{fi}">\n</head><body>'
    '<a class="site-latest-link" href="{l}">x</a></body></html>'
)


def test_page_links_same_page_or_latest_home():
    latest = {"index.html", "sv/index.html", "outputs/index.html", "sv/outputs/index.html"}
    links = ghpages.page_links("sv/outputs/index.html", LANGUAGES, latest, BASE, "latest")
    assert links.canonical == BASE + "sv/outputs/"
    assert links.alternates == [
        ("fi", BASE + "outputs/"),
        ("sv", BASE + "sv/outputs/"),
        ("x-default", BASE + "outputs/"),
    ]
    assert links.latest_link == "../../../latest/sv/outputs/"
    gone = ghpages.page_links("sv/retired/index.html", LANGUAGES, latest, BASE, "latest")
    assert gone.canonical == BASE + "sv/" and gone.alternates[0] == ("fi", BASE)
    assert gone.latest_link == "../../../latest/sv/"
    assert ghpages.page_links("index.html", LANGUAGES, latest, BASE, "latest").latest_link == "../latest/"


def test_an_up_to_date_page_is_left_byte_for_byte():
    latest = {"outputs/index.html", "sv/outputs/index.html"}
    links = ghpages.page_links("outputs/index.html", LANGUAGES, latest, BASE, "latest")
    text = HEAD.format(c=BASE + "outputs/", fi=BASE + "outputs/", sv=BASE + "sv/outputs/", l="../../latest/outputs/")
    assert ghpages.needs_links(text)
    assert ghpages.rewrite_page(text, links) == text


def test_a_page_of_an_older_deploy_gets_absolute_links():
    """No canonical, relative hreflang links with href first (the layout before this deploy)."""
    old = (
        '<html><head><title>x</title>\n  <link rel="alternate" href="./" hreflang="fi">'
        '\n  <link rel="alternate" href="../sv/" hreflang="sv">'
        '\n  <link rel="alternate" href="./" hreflang="x-default">'
        '\n  <link rel="alternate" href="../en/" hreflang="en">\n</head><body><p>x</p></body></html>'
    )
    links = ghpages.page_links("index.html", LANGUAGES, {"index.html", "sv/index.html"}, BASE, "latest")
    new = ghpages.rewrite_page(old, links)
    assert [l["href"] for l in elements(new, "link", rel="canonical")] == [BASE]
    assert {l["hreflang"]: l["href"] for l in elements(new, "link", rel="alternate")} == {
        "fi": BASE,
        "sv": BASE + "sv/",
        "x-default": BASE,
    }
    assert new.endswith("<body><p>x</p></body></html>") and ghpages.rewrite_page(new, links) == new


def test_rewriting_keeps_other_links_and_escapes():
    latest = {"sv/x/index.html"}
    links = ghpages.page_links("sv/x/index.html", LANGUAGES, latest, 'https://h.invalid/a"b&c/latest/', "latest")
    text = HEAD.format(c="old", fi="old", sv="old", l="old")
    new = ghpages.rewrite_page(text, links)
    assert 'type="application/atom+xml" href="../feed.xml"' in new and '<link rel="prev" href="../">' in new
    assert 'href="https://h.invalid/a&quot;b&amp;c/latest/sv/x/"' in new
    assert '<a class="site-latest-link" href="../../../latest/sv/x/">' in new


def test_root_sitemap_moves_an_older_layout_under_latest_and_drops_missing_pages():
    old = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{ghpages.SITEMAP_NS}" '
        f'xmlns:xhtml="{ghpages.XHTML_NS}">'
        f"<url><loc>{SITE_URL}2.0/a/</loc><lastmod>2026-01-02</lastmod>"
        f'<xhtml:link rel="alternate" hreflang="sv" href="{SITE_URL}2.0/sv/a/"/>'
        f'<xhtml:link rel="alternate" hreflang="en" href="{SITE_URL}2.0/en/a/"/></url>'
        f"<url><loc>{SITE_URL}2.0/gone/</loc></url>"
        f"<url><loc>https://elsewhere.invalid/a/</loc></url></urlset>"
    )
    text = ghpages.root_sitemap(old, SITE_URL, "latest", lambda path: path in ("a/", "sv/a/"))
    root = ET.fromstring(text.encode())
    urls = root.findall(f"{{{ghpages.SITEMAP_NS}}}url")
    assert [u.find(f"{{{ghpages.SITEMAP_NS}}}loc").text for u in urls] == [SITE_URL + "latest/a/"]
    assert urls[0].find(f"{{{ghpages.SITEMAP_NS}}}lastmod").text == "2026-01-02"
    assert [l.get("href") for l in urls[0].findall(f"{{{ghpages.XHTML_NS}}}link")] == [SITE_URL + "latest/sv/a/"]


def test_root_404_page_is_escaped_bilingual_and_absolute():
    labels = {
        lang: {
            "not_found_title": f"<b>{lang}</b>",
            "not_found_root_text": "t & t",
            "not_found_home": "home",
            "not_found_version": "version {version}",
        }
        for lang in ("fi", "sv")
    }
    text = ghpages.not_found_page(
        "https://h.invalid/repo/",
        "latest",
        LANGUAGES,
        {"fi": "Nimi", "sv": "Namn"},
        labels,
        {"stylesheets": ["assets/a.css", "/abs.css"], "favicon": "assets/i.svg", "logo": None},
    )
    assert '<link rel="stylesheet" href="/repo/latest/assets/a.css">' in text and 'href="/abs.css"' in text
    assert '<link rel="icon" href="/repo/latest/assets/i.svg">' in text
    assert "&lt;b&gt;fi&lt;/b&gt;" in text and "<b>" not in text and "t &amp; t" in text
    assert '<div lang="fi" data-site-language="fi">' in text and '<div lang="sv" data-site-language="sv">' in text
    assert 'href="/repo/latest/sv/" data-site-home' in text
    assert elements(text, "html")[0]["lang"] == "fi"
