"""Valid HTML: 0 errors from the W3C Nu HTML checker on every page of both languages of the
hosted build (`make build`), and the checker shown to find Material's own invalid markup
when it comes back. The offline build (with the handbook PDFs and their download links) is
checked in tests/test_offline_pdf.py, on the zip it builds anyway; the page assembly's
fixture pages (a page awaiting translation, original titles) in tests/test_page_assembly.py."""

from __future__ import annotations

import pytest
import vnu
from conftest import html_pages

# What Material 9.8.2 writes without our overrides (see hooks/sitelib/upstream.py).
MATERIAL_AS_IS = """<!doctype html><html lang="fi"><head><meta charset="utf-8"><title>x</title></head><body>
<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">
<input class="md-nav__toggle md-toggle" type="checkbox" id="__nav_2">
<label class="md-nav__link" for="__nav_2" id="__nav_2_label" tabindex="">x</label>
<label class="md-nav__title" for="__toc">y</label>
<figure><svg></svg><figcaption>c</figcaption><details><summary>s</summary>t</details></figure>
</body></html>
"""


@pytest.mark.timeout(600)
def test_every_page_of_the_hosted_site_is_valid_html(site, tmp_path):
    pages = html_pages(site)
    assert len(pages) > 80 and any(p.relative_to(site).parts[0] == "sv" for p in pages)
    bad = tmp_path / "material-as-is.html"  # in the same run: the checker must find these
    bad.write_text(MATERIAL_AS_IS, encoding="utf-8")
    errors = vnu.check([*pages, bad])
    found = [e for e in errors if e["file"].endswith("material-as-is.html")]
    messages = " | ".join(e["message"] for e in found)
    for expected in ("tabindex", "autocomplete", "“for” attribute", "details"):
        assert expected in messages, f"the checker no longer reports {expected}: {messages}"
    site_errors = [e for e in errors if not e["file"].endswith("material-as-is.html")]
    assert site_errors == [], vnu.report(site_errors, site)


def test_without_java_the_check_fails_and_says_what_to_install():
    with pytest.raises(pytest.fail.Exception, match="apt-get install default-jre-headless"):
        vnu.java(path="/nonexistent")


def test_table_of_contents_title_points_at_the_toggle_wherever_there_is_one(site):
    """overrides/partials/toc.html: `for="__toc"` exactly where partials/nav-item.html wrote
    the toggle (mobile: the title closes the table of contents)."""
    with_toggle = 0
    for page in html_pages(site):
        text = page.read_text(encoding="utf-8")
        secondary = text.split('class="md-nav md-nav--secondary"', 1)[-1]
        title = secondary.split("</label>", 1)[0] if '<label class="md-nav__title"' in secondary[:400] else None
        if title is None:
            continue  # no table of contents on this page
        has_toggle = 'id="__toc"' in text
        with_toggle += has_toggle
        assert ('for="__toc"' in title) == has_toggle, page
    assert with_toggle > 40
