"""Front-matter text is text: a hostile fixture site (titles, descriptions, publishers,
source titles and addresses, original titles and .pages titles full of `</script>`,
quotes, `&`, comments and tags) builds, and every format shows the text as text:
the page, its head (<title>, description, Open Graph, JSON-LD), the navigation,
breadcrumbs, footer, catalogue, lists, the search index and Material's search results
in Chromium, the Atom feed, the JSON and the CSV. Control characters are refused with
file, line and field."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import pytest
import sitebuild
from conftest import ROOT, elements, serve

sys.path.insert(0, str(Path(__file__).parent / "search"))
import runner

TITLE = (
    """Paha </title></script><script>pwned("t")</script> "lainaus" 'yksi' & <b class="pwned">lihava</b> """
    """<!-- x {: onclick="pwned()" }"""
)
DESCRIPTION = """Kuvaus </script><img src=x onerror=pwned(2)> & "q" <i class="pwned">k</i> -- ]]> &amp; loppu"""
PUBLISHER = """=HYPERLINK("http://evil.example/") <b class="pwned">Julkaisija</b> & "Oy" </script>"""
ORIGINAL = 'Alkuperäinen <em class="pwned">nimi</em> & </script><!--'
SOURCE_TITLE = """<script>pwned(3)</script> & "lähde" ]]> *a* _b_ {: onclick="pwned()" }"""
SOURCE_URL = 'https://example.org/a?b=1&c="x"</script><script>pwned(4)</script>'
SECTION = "<i class='pwned'>Tuotokset</i> & <script>pwned(5)</script>"
REVIEW = "review:\n  owner: Testi\n  last_reviewed: 2026-01-01\n  next_review: 2099-01-01\n"


def q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a YAML double-quoted scalar


def output(title: str, year: str = "2021\nyear_approximate: true") -> str:
    return (
        f"---\ntitle: {q(title)}\noriginal_title: {q(ORIGINAL)}\ndescription: {q(DESCRIPTION)}\n"
        f"type: report\nareas: [3, 5]\nyear: {year}\npublisher: {q(PUBLISHER)}\nauthors: {q('@Kirjoittaja <u>')}\n"
        f"sources:\n  - title: {q(SOURCE_TITLE)}\n    url: {q(SOURCE_URL)}\nitem:\n  url: {q(SOURCE_URL)}\n"
        "  kind: item\noriginal_languages: [fi, sv]\nlicence: cc-by-4.0\nstatus: current\n"
        f"relation: programme-output\naudiences: [researchers]\n{REVIEW}---\n\n## Otsikko {{ #summary }}\n\nTeksti.\n"
    )


def page(title: str, body: str, extra: str = "") -> str:
    description = 'Tavallinen sivu & <b class="pwned">lihava</b>, jolla ei ole muuta.'
    return f"---\ntitle: {q(title)}\ndescription: {q(description)}\n{extra}---\n\n{body}"


def hostile_docs() -> dict:
    docs = {}
    for lang in ("fi", "sv"):
        docs[f"{lang}/index.md"] = page("Koti", "[Luettelo](outputs/index.md)\n")
        docs[f"{lang}/.pages"] = "nav:\n  - index.md\n  - outputs\n  - areas\n  - guide.md\n"
        docs[f"{lang}/outputs/.pages"] = (
            f"title: {q(SECTION)}\nnav:\n  - index.md\n  - a-first.md\n  - evil.md\n  - z-last.md\n  - ...\n"
        )
        docs[f"{lang}/outputs/index.md"] = page("Tuotokset", "<!-- catalogue -->\n")
        docs[f"{lang}/outputs/a-first.md"] = output("Ensimmäinen tuotos", year="2020")
        docs[f"{lang}/outputs/evil.md"] = output(TITLE)
        docs[f"{lang}/outputs/z-last.md"] = output("Viimeinen tuotos", year="unknown")
        docs[f"{lang}/areas/innovation.md"] = (
            "---\ntitle: Innovaatiot\ndescription: Alueen sivu, jolla on alueen tuotosten luettelo.\narea: 5\n"
            + REVIEW
            + "---\n\n## Tuotokset { #outputs }\n\n<!-- area-outputs -->\n"
        )
        docs[f"{lang}/guide.md"] = page(
            TITLE,
            "## Osa { #part }\n\nTeksti.\n",
            extra=f"sources:\n  - title: {q(SOURCE_TITLE)}\n    url: {q(SOURCE_URL)}\n",
        )
        docs[f"{lang}/tags.md"] = page("Tunnisteet", "<!-- material/tags -->\n")
    # an output in Finnish only, awaiting its Swedish translation
    docs["fi/outputs/only-fi.md"] = output("Vain suomeksi", year="2019").replace(
        "review:\n  owner", "translation: pending\nreview:\n  owner"
    )
    return docs


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Path:
    project = sitebuild.make_project(tmp_path_factory.mktemp("hostile"), hostile_docs())
    result = sitebuild.build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    return project / "site"


class Inspector(HTMLParser):
    """Every element, the text of <title>, <h1> and scripts, as a browser parses them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements, self.scripts, self.open = [], [], []
        self.texts = {"title": "", "h1": ""}

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        self.elements.append((tag, attrs))
        if tag == "script":
            self.scripts.append([attrs.get("type", ""), ""])
        self.open.append(tag)

    def handle_endtag(self, tag):
        while self.open and self.open.pop() != tag:
            pass

    def handle_data(self, data):
        if self.open and self.open[-1] == "script" and self.scripts:
            self.scripts[-1][1] += data
        for tag in self.texts:
            if tag in self.open:
                self.texts[tag] += data


def inspect(path: Path) -> Inspector:
    found = Inspector()
    found.feed(path.read_text(encoding="utf-8"))
    return found


def all_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.relative_to(site).parts)


def test_no_front_matter_text_becomes_markup_on_any_page(hostile):
    pages = all_pages(hostile)
    assert len(pages) >= 16
    for path in pages:
        found = inspect(path)
        for tag, attrs in found.elements:
            assert "pwned" not in attrs.get("class", ""), (path, tag, attrs)
            assert not any(name.startswith("on") for name in attrs), (path, tag, attrs)
        for kind, text in found.scripts:
            assert "pwned" not in text or kind == "application/ld+json", (path, kind, text[:200])


@pytest.mark.parametrize("lang, prefix", [("fi", ""), ("sv", "sv/")])
def test_the_title_is_shown_as_text_in_head_header_nav_breadcrumbs_footer_and_h1(hostile, lang, prefix):
    evil = hostile / prefix / "outputs" / "evil" / "index.html"
    found = inspect(evil)
    assert found.texts["title"].startswith(TITLE + " - ")
    assert found.texts["h1"].strip() == TITLE
    text = evil.read_text(encoding="utf-8")
    assert html.escape(TITLE, quote=False) in text  # header, navigation, breadcrumbs
    description = elements(evil, "meta", name="description")[0]["content"]
    assert description == DESCRIPTION
    og = {m["property"]: m["content"] for m in elements(evil, "meta") if m["property"]}
    assert og["og:title"] == TITLE and og["og:description"] == DESCRIPTION
    # the navigation of another page, and the footer of the pages before and after it
    for other, rel in (("a-first", "next"), ("z-last", "prev")):
        path = hostile / prefix / "outputs" / other / "index.html"
        links = [
            a
            for a in elements(path, "a")
            if (a["class"] or "").startswith(f"md-footer__link--{rel}")
            or (a["class"] or "").startswith("md-footer__link md-footer__link--")
        ]
        labels = [a["aria-label"] for a in links if a["href"].rstrip("/").endswith("evil")]
        assert labels and labels[0].endswith(": " + TITLE), (other, links)
        # the footer's and the navigation's text (page.title, escaped with its quotes)
        assert f">{html.escape(TITLE)}" in re.sub(r">\s+", ">", path.read_text(encoding="utf-8"))
    # the .pages title of the section, in the navigation
    nav_text = re.sub(r"\s+", " ", evil.read_text(encoding="utf-8"))
    assert html.escape(SECTION, quote=False) in nav_text or html.escape(SECTION) in nav_text


@pytest.mark.parametrize("lang, prefix", [("fi", ""), ("sv", "sv/")])
def test_json_ld_holds_the_text_and_cannot_end_its_script_element(hostile, lang, prefix):
    evil = hostile / prefix / "outputs" / "evil" / "index.html"
    found = inspect(evil)
    blocks = [text for kind, text in found.scripts if kind == "application/ld+json"]
    assert len(blocks) == 1
    assert "<" not in blocks[0] and ">" not in blocks[0] and "&" not in blocks[0]
    data = json.loads(blocks[0])
    assert data["name"] == TITLE and data["description"] == DESCRIPTION and data["alternateName"] == ORIGINAL
    assert data["publisher"]["name"] == PUBLISHER and data["isBasedOn"] == [SOURCE_URL]
    assert data["sameAs"] == SOURCE_URL and data["temporalCoverage"] == "2021" and "datePublished" not in data
    assert data["inLanguage"] == lang


def test_the_tags_page_lists_the_title_as_text(hostile):
    tags = (hostile / "tags" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="\.\./outputs/evil/">\s*' + re.escape(html.escape(TITLE)), tags)


def test_catalogue_lists_and_boxes_show_the_text(hostile):
    catalogue = (hostile / "outputs" / "index.html").read_text(encoding="utf-8")
    link = [a for a in elements(catalogue, "a") if (a["href"] or "").startswith("evil")]
    assert link and f">{html.escape(TITLE)}</a>" in catalogue
    area = (hostile / "areas" / "innovation" / "index.html").read_text(encoding="utf-8")
    assert html.escape(TITLE, quote=False).replace('"', "&quot;") in area or html.escape(TITLE, quote=False) in area
    box = (hostile / "outputs" / "evil" / "index.html").read_text(encoding="utf-8")
    assert html.escape(PUBLISHER) in box and html.escape(SOURCE_TITLE) in box
    # lists made as Markdown show the text as it is (no emphasis, no attributes, no markup)
    for path, text in (
        (hostile / "guide" / "index.html", SOURCE_TITLE),
        (hostile / "areas" / "innovation" / "index.html", TITLE),
    ):
        links = re.findall(r'<li><a href="[^"]*">(.*?)</a>', path.read_text(encoding="utf-8"))
        assert text in [html.unescape(inner) for inner in links], (path, links)
    # addresses stay valid URLs in an href: what a URL cannot hold is percent-encoded
    for path in (hostile / "guide" / "index.html", hostile / "outputs" / "evil" / "index.html"):
        sources = [a["href"] for a in elements(path, "a") if "example.org" in (a["href"] or "")]
        assert sources and all(not set(href) & set(' "<>`{}|\\^') for href in sources), (path, sources)
        assert all(
            html.unescape(href).startswith("https://example.org/a?b=1&c=%22x%22%3C/script%3E") for href in sources
        )


def test_the_search_index_holds_escaped_text_only(hostile):
    text = (hostile / "search" / "search_data.js").read_text(encoding="utf-8")
    docs = json.loads(text[text.index("{") : text.rindex("}") + 1])["docs"]
    titles = [d["title"] for d in docs if "Paha" in d["title"]]
    assert titles and all(html.unescape(t) == TITLE for t in titles)
    for d in docs:  # Material draws titles and texts as HTML: no tag of ours may be in them
        for part in (d["title"], d["text"]):
            found = Inspector()
            found.feed(part)
            assert all(
                tag in ("ul", "ol", "li", "p", "code", "pre", "table", "tr", "th", "td", "thead", "tbody")
                for tag, _ in found.elements
            ), (d["location"], found.elements)


@pytest.mark.timeout(120)
def test_search_results_in_chromium_show_the_title_as_text(hostile, page):
    server = serve(hostile)
    try:
        page.add_init_script("window.pwned = () => { window.__pwned = true }")
        runner.open_search(page, f"http://127.0.0.1:{server.server_port}/")
        result = runner.search(page, "lainaus")
        assert any("outputs/evil/" in link for link in result["links"]), result
        titles = page.eval_on_selector_all(".md-search-result__article h1", "els => els.map(e => e.textContent)")
        assert any("</script><script>pwned" in t for t in titles), titles
        assert page.evaluate("document.querySelectorAll('.md-search-result .pwned, .md-search-result img').length") == 0
        assert page.evaluate("window.__pwned === undefined")
    finally:
        server.shutdown()


def test_feed_json_and_csv_carry_the_text_as_data(hostile):
    feed = feedparser.parse((hostile / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    entry = next(e for e in feed.entries if e.link.endswith("/outputs/evil/"))
    assert entry.title == TITLE and entry.summary == DESCRIPTION
    doc = json.loads((hostile / "outputs" / "catalogue.json").read_text(encoding="utf-8"))
    row = next(o for o in doc["outputs"] if o["id"] == "evil")
    assert (row["title"], row["description"], row["publisher"], row["original_title"]) == (
        TITLE,
        DESCRIPTION,
        PUBLISHER,
        ORIGINAL,
    )
    assert row["sources"] == [{"title": SOURCE_TITLE, "url": SOURCE_URL}]
    text = (hostile / "outputs" / "catalogue.csv").read_bytes().decode("utf-8-sig")
    cells = next(r for r in csv.DictReader(io.StringIO(text, newline=""), delimiter=";") if r["id"] == "evil")
    assert cells["title"] == TITLE and cells["description"] == DESCRIPTION
    assert cells["publisher"] == "'" + PUBLISHER  # no spreadsheet runs it as a formula
    assert cells["authors"] == "'@Kirjoittaja <u>"
    assert cells["source_urls"] == SOURCE_URL


CONTROL = "Ohjausmerkki\\u0001 otsikossa"  # a YAML escape puts U+0001 in the title


def test_control_characters_are_refused_with_file_line_and_field(tmp_path):
    docs = hostile_docs()
    docs["fi/outputs/evil.md"] = docs["fi/outputs/evil.md"].replace(q(TITLE), f'"{CONTROL}"')
    project = sitebuild.make_project(tmp_path / "project", docs)
    check = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "check.py"), "--config", str(project / "mkdocs.yml")],
        capture_output=True,
        text=True,
        env=sitebuild.ENV,
        check=False,
    )
    assert check.returncode == 1
    line = next(x for x in check.stdout.splitlines() if "U+0001" in x)
    assert "docs/fi/outputs/evil.md:2:" in line and "'title'" in line and "Delete it" in line
    build = sitebuild.build(project)
    assert build.returncode != 0 and "docs/fi/outputs/evil.md:2:" in build.stderr and "U+0001" in build.stderr


def test_an_output_awaiting_translation_is_listed_in_its_own_language(hostile):
    doc = json.loads((hostile / "sv" / "outputs" / "catalogue.json").read_text(encoding="utf-8"))
    row = next(o for o in doc["outputs"] if o["id"] == "only-fi")
    assert row["title"] == "Vain suomeksi" and row["content_language"] == "fi" and row["translation_pending"]
    assert row["url"].endswith("/sv/outputs/only-fi/")
    assert row["translations"] == [
        {"language": "fi", "url": row["url"].replace("/sv/", "/"), "translation_pending": False}
    ]
    fi = json.loads((hostile / "outputs" / "catalogue.json").read_text(encoding="utf-8"))
    assert next(o for o in fi["outputs"] if o["id"] == "only-fi")["translations"][0]["translation_pending"] is True
    feed = feedparser.parse((hostile / "sv" / "feed.xml").read_bytes())
    entry = next(e for e in feed.entries if e.link.endswith("/sv/outputs/only-fi/"))
    assert feed.feed.language == "sv" and entry.title_detail.language == "fi"
    data = json.loads(
        re.search(
            r'<script type="application/ld\+json">(.*?)</script>',
            (hostile / "sv" / "outputs" / "only-fi" / "index.html").read_text(encoding="utf-8"),
        ).group(1)
    )
    assert data["inLanguage"] == "fi" and data["name"] == "Vain suomeksi"


def test_the_same_sources_give_the_same_files(hostile, tmp_path):
    """A second project from the same sources (files written anew, so other times on
    disk; no git): byte for byte the same open-data files and catalogue page."""
    project = sitebuild.make_project(tmp_path / "again", hostile_docs())
    result = sitebuild.build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    for rel in (
        "outputs/catalogue.json",
        "outputs/catalogue.csv",
        "feed.xml",
        "sv/outputs/catalogue.json",
        "sv/outputs/catalogue.csv",
        "sv/feed.xml",
        "schemas/catalogue.schema.json",
        "outputs/index.html",
        "outputs/evil/index.html",
    ):
        assert (project / "site" / rel).read_bytes() == (hostile / rel).read_bytes(), rel


def test_a_material_template_printing_the_title_elsewhere_stops_the_build(monkeypatch):
    import front_matter_text
    from mkdocs.exceptions import PluginError

    front_matter_text.check_material_templates()  # Material as pinned: every use is known
    monkeypatch.setattr(front_matter_text, "_checked", [])
    monkeypatch.delitem(front_matter_text.EXPECTED_META_TITLE, "partials/header.html")
    with pytest.raises(PluginError, match=r"mkdocs-material, templates/partials/header\.html"):
        front_matter_text.check_material_templates()
