"""The offline zip (opened from disk), a wget mirror, the handbook PDFs, and privacy:
no cookie, no request to another host, on the hosted and the offline site."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import sitebuild
import yaml
from conftest import ROOT, html_pages, serve
from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).parent / "search"))
import runner  # noqa: E402

PAGE_TYPES = [
    "index.html",
    "areas/innovation.html",
    "outputs/index.html",
    "outputs/lots-guide.html",
    "handbook/strategic-management.html",
    "strategy/index.html",
    "key-figures.html",
    "sv/index.html",
    "sv/outputs/index.html",
    "sv/handbook/index.html",
    "sv/key-figures.html",
]


def run_tool(name: str, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / name), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**sitebuild.ENV, **(env or {})},
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory, site) -> Path:
    """The handbook PDFs, rendered from the session's build of the site (`make pdf` builds
    one of its own, the same: without PDFs there is nothing to link)."""
    out = tmp_path_factory.mktemp("pdf")
    run_tool("pdf.py", "--out", str(out), "--version", "test", "--site", str(site))
    return out


@pytest.fixture(scope="module")
def bundle(tmp_path_factory, pdfs) -> dict:
    out = tmp_path_factory.mktemp("offline")
    run_tool("offline.py", "--out", str(out), "--version", "test", env={"SITE_PDF_DIR": str(pdfs)})
    archive = out / "vaikuttavat-hankinnat-offline-test.zip"
    extracted = out / "x"
    with zipfile.ZipFile(archive) as handle:
        handle.extractall(extracted)
    return {"zip": archive, "root": extracted / "vaikuttavat-hankinnat-offline-test"}


# --- offline zip ----------------------------------------------------------------


def test_the_zip_is_reproducible(bundle, tmp_path):
    """The zip's bytes depend on the files only: packed again from its own files, written
    in another order at another time, it is the same zip. (That the same commit builds the
    same files: tests/test_parallel.py compares two builds made in separate processes.)"""
    import gitinfo
    from conftest import tool

    files = sorted((p for p in bundle["root"].rglob("*") if p.is_file()), reverse=True)
    copy = tmp_path / "copy"
    for path in files:  # a fresh tree: new times, the files created in reverse order
        target = copy / path.relative_to(bundle["root"])
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    again = tmp_path / "again.zip"
    tool("offline").write_zip(copy, again, bundle["root"].name, gitinfo.commit_epoch())  # as offline.py
    assert again.read_bytes() == bundle["zip"].read_bytes()


def test_the_zip_holds_both_languages_and_the_pdfs(bundle):
    root = bundle["root"]
    for rel in (
        "index.html",
        "sv/index.html",
        "search/search_index.js",
        "sv/search/search_index.js",
        "search/search_data.js",
        "sv/search/search_data.js",
        "handbook/handbook-fi.pdf",
        "sv/handbook/handbook-sv.pdf",
        "assets/javascripts/vendor/iframe-worker-shim.js",
    ):
        assert (root / rel).exists(), rel
    assert not (root / "sitemap.xml").exists()


def test_no_link_back_to_the_hosted_site(bundle):
    from conftest import elements

    for page in html_pages(bundle["root"]):
        for element in elements(page):
            for attr in ("href", "src"):
                value = element[attr] or ""
                assert not value.startswith("http://127.0.0.1:8000"), (page, value)
                assert "unpkg.com" not in value, (page, value)


@pytest.mark.timeout(600)
def test_every_page_of_the_offline_zip_is_valid_html(bundle):
    """The W3C Nu HTML checker on the offline build (tests/test_html_valid.py has the hosted one)."""
    import vnu

    pages = html_pages(bundle["root"])
    assert len(pages) > 80 and any('class="page-download"' in p.read_text(encoding="utf-8") for p in pages)
    errors = vnu.check(pages)
    assert errors == [], vnu.report(errors, bundle["root"])


def test_missing_documents_from_disk_show_search_unavailable(bundle, page, tmp_path):
    """The offline search runs in iframe-worker, whose script loading never reports a failure:
    the worker glue loads the documents itself and says when they are missing."""
    root = tmp_path / "copy"
    shutil.copytree(bundle["root"], root)
    (root / "sv" / "search" / "search_data.js").unlink()
    page.goto((root / "sv" / "index.html").as_uri())
    page.keyboard.press("/")
    runner.wait_for_search(page)  # not runner.open_search: it waits for results that never come
    page.locator("input.md-search__input").press_sequentially("upphandling", delay=10)
    page.wait_for_selector("[data-md-component=search][data-search-unavailable]", timeout=15000)
    labels = yaml.safe_load((ROOT / "data" / "site.yml").read_text(encoding="utf-8"))["labels"]
    assert page.locator(".md-search-result__meta").inner_text().strip() == labels["sv"]["search_unavailable"]


def visit(browser, urls: list[str]):
    """Open the pages in one fresh browser context: (context, tab, every URL requested)."""
    context = browser.new_context()
    tab = context.new_page()
    requests = []
    tab.on("request", lambda r: requests.append(r.url))
    for url in urls:
        tab.goto(url)
        tab.wait_for_load_state("load")
    return context, tab, requests


def test_every_page_type_from_disk_makes_file_requests_only(bundle, browser):
    context, _, requests = visit(browser, [(bundle["root"] / rel).as_uri() for rel in PAGE_TYPES])
    assert requests and all(url.startswith(("file://", "data:", "about:")) for url in requests), [
        u for u in requests if not u.startswith(("file://", "data:"))
    ]
    assert context.cookies() == []
    context.close()


def test_navigation_switcher_filter_and_images_from_disk(bundle, page):
    page.goto((bundle["root"] / "index.html").as_uri())
    with page.expect_navigation():
        page.locator(".md-nav--primary a[href$='strategy/index.html']").first.click()
    assert page.url.endswith("/strategy/index.html")
    assert page.evaluate(
        "[...document.images].filter(i => i.src.includes('sailing-boat')).every(i => i.naturalWidth > 0)"
    )
    assert page.evaluate("[...document.images].some(i => i.src.includes('sailing-boat-fi'))")
    with page.expect_navigation():
        page.locator("a.md-select__link[hreflang=sv]").dispatch_event("click")
    assert page.url.endswith("/sv/strategy/index.html")
    page.goto((bundle["root"] / "sv" / "outputs" / "index.html").as_uri())
    total = page.locator("#catalogue-table tbody tr").count()
    page.select_option("#filter-area", "3")
    shown = page.locator("#catalogue-table tbody tr:not([hidden])").count()
    assert 0 < shown < total


@pytest.fixture(scope="module")
def search_from_disk(browser, bundle):
    """search_from_disk(lang): that language's home opened from disk with the search open,
    shared by the queries (runner.SearchTabs)."""
    tabs = runner.SearchTabs(
        browser, lambda lang: ((bundle["root"] if lang == "fi" else bundle["root"] / lang) / "index.html").as_uri()
    )
    yield tabs
    tabs.close()


@pytest.mark.parametrize(
    "lang, query, target",
    [
        ("fi", "hankintapilotin", "outputs/procurement-pilot.html"),
        ("fi", "teemaryhmien", "networks.html"),
        ("sv", "temagrupperna", "networks.html"),
        ("sv", "inköpsfakturorna", "outputs/open-procurement-data.html"),
    ],
)
def test_search_from_disk_in_both_languages(search_from_disk, bundle, lang, query, target):
    root = bundle["root"] if lang == "fi" else bundle["root"] / lang
    page = search_from_disk(lang)
    result = runner.search(page, query)
    pages = [link.split("?")[0].split("#")[0] for link in result["links"]]
    assert (root / target).as_uri() in pages[:10]
    assert all(("/sv/" in p) == (lang == "sv") for p in pages)


def test_charts_are_in_the_offline_bundle(bundle):
    text = (bundle["root"] / "key-figures.html").read_text(encoding="utf-8")
    assert text.count('<svg xmlns="http://www.w3.org/2000/svg"') >= 3 and 'role="img"' in text


# --- mirror by crawling -----------------------------------------------------------


def test_wget_mirror_of_the_served_site_works_from_disk(site, tmp_path, page):
    if not shutil.which("wget"):
        pytest.fail("wget is needed (apt-get install wget)")
    server = serve(site)
    try:
        # The pages' canonical and hreflang links name the address the site was built for
        # (site_url, http://127.0.0.1:8000/ here), not this server's port: wget must not follow them.
        result = subprocess.run(
            [
                "wget",
                "--mirror",
                "--convert-links",
                "--adjust-extension",
                "--page-requisites",
                "--no-parent",
                "-q",
                "-e",
                "robots=off",
                "-P",
                str(tmp_path),
                "--reject-regex",
                r"^http://127\.0\.0\.1:8000/",
                f"http://127.0.0.1:{server.server_port}/",
            ],
            capture_output=True,
            text=True,
        )
    finally:
        server.shutdown()
    assert result.returncode in (0, 8), result.stderr
    mirror = next(tmp_path.iterdir())
    assert (mirror / "index.html").exists() and (mirror / "sv" / "index.html").exists()
    page.goto((mirror / "index.html").as_uri())
    with page.expect_navigation():
        page.locator("a.md-select__link[hreflang=sv]").dispatch_event("click")
    assert page.url.startswith("file://") and "/sv/" in page.url
    assert page.locator("html").get_attribute("lang") == "sv"
    import sitecheck

    broken = [p for p in sitecheck.broken_links(mirror) if "search_index" not in p and "sitemap" not in p]
    assert broken == []


# --- PDFs ---------------------------------------------------------------------------


def chapter_titles(lang: str) -> list[str]:
    """The chapters' titles as the site shows them: an area name that is our own translation
    carries its marker ("... (inofficiell översättning) i praktiken")."""
    from sitelib import model as model_lib

    model = model_lib.load(str(ROOT / "data" / "site.yml"))
    folder = ROOT / "docs" / lang / "handbook"
    order = yaml.safe_load((folder / ".pages").read_text())["nav"]
    titles = []
    for name in order:
        text = (folder / name).read_text(encoding="utf-8")
        titles.append(model.mark_unofficial(yaml.safe_load(text.split("---")[1])["title"], lang))
    return titles


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_handbook_pdf(pdfs, lang):
    reader = PdfReader(pdfs / f"handbook-{lang}.pdf")
    assert len(reader.pages) > 5
    root = reader.trailer["/Root"]
    assert root["/Lang"] == lang
    assert root["/MarkInfo"]["/Marked"]
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline[1:] == chapter_titles(lang)
    text = "\n".join(p.extract_text() for p in reader.pages)
    label = "Strategisia linjauksia" if lang == "fi" else "Strategiska riktlinjer"
    assert label in text  # a chart label, as text
    assert ("Tulostettu" if lang == "fi" else "Utskriven") in text and "test" in text
    fonts = set()
    for pdf_page in reader.pages:
        for font in ((pdf_page.get("/Resources") or {}).get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            fonts.add(
                (
                    str(font["/BaseFont"]),
                    "/FontFile2" in descriptor.get_object() or "/FontFile3" in descriptor.get_object(),
                )
            )
    assert fonts and all(embedded for _, embedded in fonts) and all("Source-Sans" in name for name, _ in fonts)
    internal = 0
    for pdf_page in reader.pages:
        for annotation in pdf_page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Dest") is not None or (annotation.get("/A") or {}).get("/S") == "/GoTo":
                internal += 1
                destination = annotation.get("/Dest") or annotation["/A"]["/D"]
                assert destination is not None
    assert internal >= len(chapter_titles(lang))  # the table of contents at least


def test_handbook_pages_link_to_their_pdf(bundle, pdfs):
    """The bundle is built with SITE_PDF_DIR (as `make offline` after `make pdf`): every
    handbook page links to its language's PDF, with its size; the link leads to that PDF.
    (The hosted layout and each version's own PDFs: tests/test_hosting.py.)"""
    root = bundle["root"]
    for lang, page, label, unit in (
        ("fi", "handbook/innovation.html", "Lataa PDF (PDF, ", " kt)"),
        ("sv", "sv/handbook/index.html", "Ladda ner PDF (PDF, ", " kB)"),
    ):
        html = (root / page).read_text(encoding="utf-8")
        assert label in html and unit in html, page
        links = re.findall(r'<a [^>]*href="([^"]+\.pdf)"', html)
        assert links, page
        for href in links:
            target = ((root / page).parent / href).resolve()
            assert target.read_bytes() == (pdfs / f"handbook-{lang}.pdf").read_bytes(), (page, href)


# --- privacy on the hosted site ---------------------------------------------------------


def test_hosted_pages_set_no_cookie_and_call_no_other_host(browser, served):
    context, tab, requests = visit(
        browser, [served + rel.replace("index.html", "").replace(".html", "/") for rel in PAGE_TYPES]
    )
    # a search loads the documents (search_data.js): wait for its answer on screen,
    # after which the page requests nothing more
    runner.open_search(tab, served)
    assert runner.search(tab, "hankinta")["links"]
    assert any(url.endswith("search/search_data.js") for url in requests)
    assert all(url.startswith(served) for url in requests), [u for u in requests if not u.startswith(served)]
    assert context.cookies() == []
    assert tab.evaluate("document.cookie") == ""
    context.close()
