"""The real site, built as `make build` builds it: languages, switcher, canonical and
hreflang, sitemap, 404 pages, no third-party URLs, navigation order."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import yaml
from conftest import LANGUAGES, ROOT, elements, html_pages, page_language

BASE = "http://site.invalid/"
LOCAL_SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's site_url without SITE_URL


def url_of(site: Path, page: Path) -> str:
    rel = page.relative_to(site).as_posix()
    return BASE + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def target_file(site: Path, url: str) -> Path:
    path = urlsplit(url).path.lstrip("/")
    candidate = site / path
    return candidate / "index.html" if path == "" or path.endswith("/") else candidate


def same_page_in(site: Path, page: Path, lang: str) -> Path:
    """The file of the same page in another language (fi at the root, sv under sv/)."""
    rel = page.relative_to(site)
    if rel.parts[0] in LANGUAGES[1:]:
        rel = Path(*rel.parts[1:])
    return site / rel if lang == LANGUAGES[0] else site / lang / rel


def content_pages(site: Path) -> list[Path]:
    return [p for p in html_pages(site) if p.name != "404.html"]


def test_both_languages_have_the_same_pages(site):
    fi = {p.relative_to(site) for p in content_pages(site) if page_language(site, p) == "fi"}
    sv = {p.relative_to(site / "sv") for p in content_pages(site) if page_language(site, p) == "sv"}
    assert fi == sv
    assert len(fi) >= 40


def test_html_lang_matches_the_language_of_every_page(site):
    for page in html_pages(site):
        html = elements(page, "html")[0]
        assert html["lang"] == page_language(site, page), page


def test_switcher_goes_to_the_same_page_in_the_other_language(site):
    for page in content_pages(site):
        links = {a["hreflang"]: a["href"] for a in elements(page, "a", class_="md-select__link")}
        assert set(links) == set(LANGUAGES), page
        for lang, href in links.items():
            target = target_file(site, urljoin(url_of(site, page), href))
            assert target == same_page_in(site, page, lang), (page, lang, href)
            assert target.exists()


def test_home_switcher_links_are_relative(site):
    """Relative links keep mike's /<version>/ prefix (mkdocs-static-i18n #265)."""
    for page in (site / "index.html", site / "sv" / "index.html"):
        for a in elements(page, "a", class_="md-select__link"):
            assert not a["href"].startswith("/"), (page, a)


def test_every_page_has_absolute_hreflang_alternates_and_x_default(site):
    """Absolute (search engines need fully-qualified URLs), under site_url (the local
    default of mkdocs.yml here; under mike, the latest version: tests/test_hosting.py)."""
    for page in content_pages(site):
        alternates = {l["hreflang"]: l["href"] for l in elements(page, "link", rel="alternate") if l["hreflang"]}
        assert set(alternates) == {*LANGUAGES, "x-default"}, page
        for lang in LANGUAGES:
            assert alternates[lang].startswith(LOCAL_SITE_URL), (page, alternates[lang])
            target = target_file(site, BASE + alternates[lang][len(LOCAL_SITE_URL) :])
            assert target == same_page_in(site, page, lang)
        assert alternates["x-default"] == alternates[LANGUAGES[0]]


def test_every_page_has_an_absolute_canonical_link_to_itself(site):
    for page in content_pages(site):
        canonical = [l["href"] for l in elements(page, "link", rel="canonical")]
        assert canonical == [LOCAL_SITE_URL + url_of(site, page)[len(BASE) :]], page


def test_404_pages_have_no_canonical_or_hreflang_and_absolute_assets(site):
    """A host at the domain root serves 404.html for any missing path at any depth."""
    for page in (site / "404.html", site / "sv" / "404.html"):
        assert not elements(page, "link", rel="canonical"), page
        assert not [l for l in elements(page, "link", rel="alternate") if l["hreflang"]], page
        assert all(l["href"].startswith("/") for l in elements(page, "link", rel="stylesheet")), page


def test_sitemap_lists_every_page_of_both_languages_with_alternates(site):
    tree = ET.parse(site / "sitemap.xml")
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    entries = {}
    for url in tree.getroot().findall("s:url", ns):
        loc = url.find("s:loc", ns).text
        entries[loc] = {l.get("hreflang"): l.get("href") for l in url.findall("x:link", ns)}
    base = "http://127.0.0.1:8000/"
    expected = {base + p.relative_to(site).as_posix().removesuffix("index.html") for p in content_pages(site)}
    assert set(entries) == expected
    for loc, alternates in entries.items():
        assert set(alternates) == {*LANGUAGES, "x-default"}
        assert loc in alternates.values()
        assert all(href.startswith("http") for href in alternates.values())


def test_a_404_page_per_language(site):
    fi, sv = site / "404.html", site / "sv" / "404.html"
    assert elements(fi, "html")[0]["lang"] == "fi"
    assert elements(sv, "html")[0]["lang"] == "sv"
    assert "Sivua ei löytynyt" in fi.read_text(encoding="utf-8")
    assert "Sidan hittades inte" in sv.read_text(encoding="utf-8")


def test_no_absolute_urls_in_scripts_styles_and_images(site):
    """Only the canonical and hreflang links name the site's address."""
    for page in html_pages(site):
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src")):
            for element in elements(page, tag):
                if tag == "link" and (element["rel"] == "canonical" or element["hreflang"]):
                    continue
                value = element[attr] or ""
                assert not re.match(r"(?i)^(https?:)?//", value), (page, tag, value)


def test_top_level_navigation_follows_pages_files(site):
    """Walking the footer's next links (nav order) meets the top-level entries in the
    order of docs/<lang>/.pages (mkdocs-static-i18n alone would sort them by title)."""
    for lang in LANGUAGES:
        entries = yaml.safe_load((ROOT / "docs" / lang / ".pages").read_text())["nav"]
        expected = [(e if isinstance(e, str) else list(e.values())[0]).removesuffix(".md") for e in entries]
        expected = ["" if e == "index" else e for e in expected]
        home = site / "index.html" if lang == "fi" else site / lang / "index.html"
        seen, current = [], home
        for _ in range(500):
            rel = current.relative_to(site if lang == "fi" else site / lang).as_posix()
            top = rel.split("/")[0] if "/" in rel else ""
            top = top.removesuffix(".html")
            if top not in seen:
                seen.append(top)
            nxt = elements(current, "link", rel="next")
            if not nxt:
                break
            current = target_file(site, urljoin(url_of(site, current), nxt[0]["href"]))
        assert seen == expected, (lang, seen)


def test_robots_txt_points_to_the_sitemap(site):
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in (site / "robots.txt").read_text()


def test_plain_builds_have_no_version_selector_or_notice(site):
    """extra.version is set only when a version is built for gh-pages (hooks/versions.py):
    a plain build never asks for a versions.json that is not there."""
    for page in (site / "index.html", site / "sv" / "handbook" / "index.html"):
        text = page.read_text(encoding="utf-8")
        assert 'data-md-component="outdated"' not in text and '"version": null' in text, page
