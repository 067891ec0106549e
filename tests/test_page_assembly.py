"""Page assembly: the blocks at the top of a page (notices, download, metadata box) in one
order, each in its own container, the content in its own language, the H1 written once.

One fixture site (built once for the module) holds every case: a handbook chapter awaiting
translation that also has a PDF download, an overdue review, a Swedish output whose title
starts with its Finnish original title. The pure functions are tested without a build.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import sitebuild
from conftest import elements

REVIEW = "review:\n  owner: Testi\n  last_reviewed: 2026-01-01\n  next_review: {due}\n"
CURRENT = REVIEW.format(due="2099-01-01")
OVERDUE = REVIEW.format(due="2020-01-01")
OUTPUT = (
    "---\ntitle: {title}\n{original}description: Testituotos, jolla kokeillaan sivun kokoamista.\ntype: report\n"
    "areas: [3]\nyear: 2021\npublisher: Valtiovarainministeriö\nsources:\n  - title: Lähde\n"
    "    url: https://example.org/a\nitem:\n  url: https://example.org/a\n  kind: item\n"
    "original_languages: [fi]\nlicence: not-stated\nstatus: current\n"
    "relation: programme-output\n" + CURRENT + "---\n\n## {heading} {{ #summary }}\n\n{text}\n"
)


def page(title: str, body: str, extra: str = CURRENT) -> str:
    return f"---\ntitle: {title}\ndescription: Testisivu, jolla kokeillaan sivun kokoamista.\n{extra}---\n\n{body}"


DOCS = {
    "fi/index.md": page("Koti", "Etusivun teksti.\n"),
    "sv/index.md": page("Hem", "Startsidans text.\n"),
    "fi/handbook/index.md": page("Käsikirja", "## Johdanto { #intro }\n\nKäsikirjan johdanto.\n"),
    "sv/handbook/index.md": page("Handbok", "## Inledning { #intro }\n\nHandbokens inledning.\n"),
    # a chapter awaiting translation into Swedish: shown in Swedish with the Finnish text
    "fi/handbook/chapter.md": page(
        "Luku suomeksi", "## Osa { #part }\n\nSuomenkielinen luvun teksti.\n", "translation: pending\n" + CURRENT
    ),
    # an overdue review
    "fi/old.md": page("Vanha sivu", "## Osa { #part }\n\nVanha teksti.\n", OVERDUE),
    "sv/old.md": page("Gammal sida", "## Del { #part }\n\nGammal text.\n", OVERDUE),
    # a Finnish-only publication: its Swedish title starts with the Finnish original title
    "fi/outputs/index.md": page("Tuotokset", "Kaikki tuotokset.\n"),
    "sv/outputs/index.md": page("Resultat", "Alla resultat.\n"),
    "fi/outputs/manual.md": OUTPUT.format(
        title='"Hankintojen käsikirja & 2023"', original="", heading="Tiivistelmä", text="Teksti."
    ),
    "sv/outputs/manual.md": OUTPUT.format(
        title='"Hankintojen käsikirja & 2023 (på finska)"',
        original='original_title: "Hankintojen käsikirja & 2023"\n',
        heading="Sammanfattning",
        text="Text.",
    ),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("assembly")
    pdfs = tmp / "pdf"
    pdfs.mkdir()
    for lang in ("fi", "sv"):
        (pdfs / f"handbook-{lang}.pdf").write_bytes(b"%PDF-1.7\n" + b"0" * 2000)
    project = sitebuild.make_project(tmp / "project", DOCS)
    result = sitebuild.build(project, env={"SITE_PDF_DIR": str(pdfs)})
    assert result.returncode == 0, result.stderr[-3000:]
    return project / "site"


def article(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', text, re.DOTALL).group(1)


def top_level_blocks(html: str) -> list[str]:
    """The class (or tag) of each block the assembly put at the top of the article, in order."""
    found = re.findall(
        r'<(h1)\b|<div class="(page-notices|page-download|page-content)"|<section class="(output-meta)"', html
    )
    return [next(part for part in match if part) for match in found]


# --- the pending handbook chapter with a PDF download ------------------------------------


def test_pending_chapter_keeps_notices_and_download_in_the_page_language(built):
    html = article(built / "sv" / "handbook" / "chapter" / "index.html")
    assert top_level_blocks(html) == ["h1", "page-notices", "page-download", "page-content"]
    notices = html.split('<div class="page-notices">')[1].split('<div class="page-download">')[0]
    assert "Inte översatt ännu" in notices and "lang=" not in notices
    download = html.split('<div class="page-download">')[1].split('<div class="page-content"')[0]
    assert "Ladda ner PDF" in download and 'href="../handbook-sv.pdf"' in download and "lang=" not in download
    content = html.split('<div class="page-content" lang="fi">')[1]
    assert "Suomenkielinen luvun teksti." in content
    assert "Ladda ner PDF" not in content and "Inte översatt" not in content


def test_pending_chapter_title_is_marked_as_the_source_language(built):
    page = built / "sv" / "handbook" / "chapter" / "index.html"
    assert elements(page, "html")[0]["lang"] == "sv"
    assert re.search(r'<h1 lang="fi">Luku suomeksi</h1>', article(page))
    header = page.read_text(encoding="utf-8").split('data-md-component="header-topic"')[1].split("</div>")[0]
    assert 'lang="fi"' in header and "Luku suomeksi" in header


def test_own_language_chapter_has_download_and_no_language_wrapper(built):
    html = article(built / "handbook" / "chapter" / "index.html")
    assert top_level_blocks(html) == ["h1", "page-download"]
    assert "Lataa PDF" in html and "page-notices" not in html and "lang=" not in html.split("</h1>")[0]


def test_overdue_review_notice_is_an_html_block_in_each_language(built):
    for page, title in (
        (built / "old" / "index.html", "Sisältö voi olla vanhentunutta"),
        (built / "sv" / "old" / "index.html", "Innehållet kan vara föråldrat"),
    ):
        html = article(page)
        assert top_level_blocks(html) == ["h1", "page-notices"]
        notice = html.split('<div class="page-notices">')[1]
        assert f'<div class="admonition warning"><p class="admonition-title">{title}</p>' in notice
        assert "1.1.2020" in notice


def test_notices_download_and_metadata_stay_out_of_the_search_index(built):
    import json

    for folder, content, words in (
        ("search", "Vanha teksti", ["Sisältö voi olla vanhentunutta", "Lataa PDF"]),
        (
            "sv/search",
            "Suomenkielinen luvun teksti",
            ["Inte översatt ännu", "Ladda ner PDF", "Innehållet kan vara föråldrat", "Utgivare"],
        ),
    ):
        text = (built / folder / "search_data.js").read_text(encoding="utf-8")
        docs = json.loads(text[text.index("{") : text.rindex("}") + 1])["docs"]
        indexed = " ".join(d["title"] + " " + d["text"] for d in docs)
        assert content in indexed  # the content itself is found
        for word in words:
            assert word not in indexed, (folder, word)


# --- titles -----------------------------------------------------------------------------


def test_original_title_is_marked_with_its_language_and_escaped(built):
    page = built / "sv" / "outputs" / "manual" / "index.html"
    html = article(page)
    assert top_level_blocks(html)[:2] == ["h1", "output-meta"]
    assert '<h1><span lang="fi">Hankintojen käsikirja &amp; 2023</span> (på finska)</h1>' in html
    fi = article(built / "outputs" / "manual" / "index.html")
    assert "<h1>Hankintojen käsikirja &amp; 2023</h1>" in fi
    assert "<title>Hankintojen käsikirja &amp; 2023 - " in (built / "outputs" / "manual" / "index.html").read_text(
        encoding="utf-8"
    )


def test_exactly_one_h1_on_every_page(built):
    for page in built.rglob("*.html"):
        if "assets" in page.parts:
            continue
        assert len(elements(page, "h1")) == 1, page


# --- the pure functions -----------------------------------------------------------------


def test_assemble_orders_blocks_and_wraps_borrowed_content():
    from sitelib import assembly

    parts = assembly.PageParts()
    parts.add(assembly.Block("meta", "output-meta", '<section class="output-meta">M</section>'))
    parts.add(assembly.Block("download", "handbook-pdf", "<a>D</a>"))
    parts.add(assembly.notice("review-overdue", "warning", "Review", "Old."))
    parts.add(assembly.notice("translation-pending", "info", "Pending", "Not yet."))
    parts.content_lang = "fi"
    parts.title = (assembly.Segment("Otsikko", "fi"),)
    out = assembly.assemble("<p>Teksti</p>", parts, page_lang="sv", title="Otsikko")
    assert out.index("Pending") < out.index("Review") < out.index("<a>D</a>") < out.index("M</section>")
    assert out.startswith('<h1 lang="fi">Otsikko</h1><div class="page-notices">')
    assert out.endswith('<div class="page-content" lang="fi"><p>Teksti</p></div>')
    plain = assembly.assemble("<p>x</p>", assembly.PageParts(), page_lang="fi", title="A & <B>")
    assert plain == "<h1>A &amp; &lt;B&gt;</h1><p>x</p>"
    # a title an earlier hook has already escaped (markupsafe.Markup) is not escaped twice
    from markupsafe import Markup

    marked = assembly.assemble("<p>x</p>", assembly.PageParts(), page_lang="fi", title=Markup("A &amp; &lt;B&gt;"))
    assert marked == plain


def test_assemble_keeps_a_heading_the_content_already_has():
    from sitelib import assembly

    parts = assembly.PageParts()
    parts.add(assembly.notice("review-overdue", "warning", "Review", "Old."))
    out = assembly.assemble('<h1 id="x">Oma</h1>\n<p>x</p>', parts, page_lang="fi", title="Ei tämä")
    assert out.startswith('<h1 id="x">Oma</h1><div class="page-notices">') and "Ei tämä" not in out


def test_bad_blocks_are_refused_with_a_clear_message():
    from sitelib import assembly

    with pytest.raises(ValueError, match="slot 'footer'.*notice, download, meta"):
        assembly.Block("footer", "x", "<p>")
    parts = assembly.PageParts()
    parts.add(assembly.Block("meta", "output-meta", "<section>"))
    with pytest.raises(ValueError, match="second 'meta' block"):
        parts.add(assembly.Block("meta", "other", "<section>"))
    with pytest.raises(TypeError, match="Block"):
        parts.add("<div>notice</div>")


def test_title_segments_for_an_original_title():
    from sitelib import assembly

    segments = assembly.title_segments(
        "Käsikirja 2023 (på finska)", "sv", original="Käsikirja 2023", original_lang="fi"
    )
    assert segments == (assembly.Segment("Käsikirja 2023", "fi"), assembly.Segment(" (på finska)", None))
    assert assembly.title_segments("Handbok", "sv", original="Käsikirja", original_lang="fi") is None
    assert assembly.title_segments("Käsikirja", "fi", original="Käsikirja", original_lang="fi") is None


def test_assembled_pages_are_valid_html(built):
    import vnu

    pages = sorted(p for p in built.rglob("*.html") if "assets" not in p.parts)
    errors = vnu.check(pages)
    assert errors == [], vnu.report(errors, built)
