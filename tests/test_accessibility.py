"""WCAG 2.1 AA in a real browser: axe-core on every page of both languages (the colour
rules in both palettes), no sideways scrolling at 320 px, keyboard paths, links and alt
texts; and each check shown to fail on a page that breaks it."""

from __future__ import annotations

import sys
from pathlib import Path

import a11y_sweep
import pytest
import sitebuild
from conftest import LANGUAGES, ROOT, html_pages

sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "tests" / "search"))
import runner  # noqa: E402
import sitecheck  # noqa: E402


def page_paths(site: Path) -> list[str]:
    return [p.relative_to(site).as_posix().removesuffix("index.html") for p in html_pages(site)]


@pytest.mark.timeout(900)  # every page loaded once: axe, colours on the cover, 320 and 640 px
@pytest.mark.parametrize("lang", LANGUAGES)
def test_axe_and_reflow_on_every_page(site, lang):
    """One test per language, so that parallel test workers share the sweep."""
    others = tuple(f"{other}/" for other in LANGUAGES[1:])  # the first language is at the root
    pages = [
        p for p in page_paths(site) if (p.startswith(f"{lang}/") if lang in LANGUAGES[1:] else not p.startswith(others))
    ]
    assert len(pages) > 40
    colours = a11y_sweep.component_cover(site, pages)
    assert 5 < len(colours) < len(pages)
    assert a11y_sweep.sweep(site, pages, colours=colours) == {}


def test_the_colour_pass_covers_every_component(tmp_path):
    """Pages made of the same components need one colour check between them; a page with a
    component of its own (a class, a class in a new context, an inline colour) is chosen."""
    body = '<body><main class="md-content"><article>{}</article></main></body>'
    pages = {
        "a/": "<p>Teksti</p><ul><li>Kohta</li></ul>",
        "b/": "<p>Toinen teksti</p>",
        "c/": '<div class="admonition warning"><p>Varoitus</p></div>',
        "d/": '<p>Teksti</p><svg><rect fill="#333333"/></svg>',
        "e/": "<p>Kolmas</p>",
    }
    for path, html in pages.items():
        (tmp_path / path).mkdir()
        (tmp_path / path / "index.html").write_text(body.format(html), encoding="utf-8")
    assert sorted(a11y_sweep.component_cover(tmp_path, list(pages))) == ["a/", "c/", "d/"]


def test_a_page_left_out_of_the_colour_pass_gets_every_other_rule(tmp_path):
    """Two pages of the same components: the cover takes one, and an empty link on the
    other is still found (axe's link-name rule), so only the colour rules are shared."""
    palette = (  # what Material does: the palette follows the reader's system setting
        "<script>const dark = matchMedia('(prefers-color-scheme: dark)'); const set = () =>"
        " document.body.dataset.mdColorScheme = dark.matches ? 'slate' : 'default';"
        " set(); dark.addEventListener('change', set)</script>"
    )
    html = (
        '<!doctype html><html lang="fi"><head><title>{0}</title></head>'
        "<body><main><h1>{0}</h1><p>Teksti {1}</p></main>" + palette + "</body></html>"
    )
    pages = {"a/": html.format("A", '<a href="#a">linkki</a>'), "b/": html.format("B", '<a href="#b"></a>')}
    for path, text in pages.items():
        (tmp_path / path).mkdir()
        (tmp_path / path / "index.html").write_text(text, encoding="utf-8")
    colours = a11y_sweep.component_cover(tmp_path, list(pages))
    assert colours == ["a/"]
    found = a11y_sweep.sweep(tmp_path, list(pages), workers=1, colours=colours)
    assert {(path, v["id"]) for path, violations in found.items() for v in violations} == {("b/", "link-name")}


def test_every_internal_link_and_anchor_resolves(site):
    assert sitecheck.broken_links(site) == []


def test_every_image_has_alt_text_in_its_language(site):
    assert sitecheck.images_without_alt(site) == []
    strategy = (site / "sv" / "strategy" / "index.html").read_text(encoding="utf-8")
    assert "sailing-boat-sv.svg" in strategy


def test_tab_order_reaches_skip_link_search_and_language_switcher(page, served):
    page.goto(served + "strategy/")
    seen = []
    for _ in range(40):
        page.keyboard.press("Tab")
        seen.append(
            page.evaluate("""() => { const e = document.activeElement;
            return [e.tagName, e.className || '', e.getAttribute('hreflang') || '', e.getAttribute('for') || '',
                    getComputedStyle(e).outlineStyle] }""")
        )
    assert "md-skip" in seen[0][1]
    kinds = [s[1] for s in seen]
    assert any("md-search__input" in k for k in kinds), seen
    assert any(s[2] == "sv" for s in seen), seen
    assert all(s[4] != "none" for s in seen[:10]), "focus must be visible"


def test_skip_link_moves_focus_to_the_content(page, served):
    page.goto(served + "about/accessibility/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") != ""


def test_escape_closes_search(page, served):
    page.goto(served)
    page.keyboard.press("/")
    # Material opens the search from its key handler asynchronously: wait, do not sample.
    page.wait_for_function("() => document.getElementById('__search').checked", timeout=5000)
    runner.wait_for_search(page)
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('__search').checked", timeout=5000)


def test_language_switcher_works_by_keyboard(page, served):
    page.goto(served + "networks/")
    button = page.locator(".md-header__option .md-select button")
    button.focus()
    page.keyboard.press("Tab")
    link = page.evaluate("document.activeElement.getAttribute('hreflang')")
    assert link in ("fi", "sv")
    for _ in range(len(LANGUAGES)):  # the languages' links follow each other
        if page.evaluate("document.activeElement.getAttribute('hreflang')") == "sv":
            break
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('hreflang')") == "sv"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/sv/networks/")


def test_catalogue_filter_by_keyboard(page, served):
    page.goto(served + "outputs/")
    rows = page.locator("#catalogue-table tbody tr")
    total = rows.count()
    page.locator("#filter-type").focus()
    page.keyboard.press("ArrowDown")  # the first type after "all"
    page.keyboard.press("Enter")
    visible = page.locator("#catalogue-table tbody tr:not([hidden])").count()
    assert 0 < visible < total
    status = page.locator(".catalogue-filter__count").inner_text()
    assert f"{visible}/{total}" in status
    assert "type=" in page.url


def test_reduced_motion_is_respected(browser, served):
    context = browser.new_context(reduced_motion="reduce")
    tab = context.new_page()
    tab.goto(served)
    duration = tab.evaluate("getComputedStyle(document.querySelector('.md-search__inner')).transitionDuration")
    context.close()
    assert all(float(d.rstrip("s")) < 0.01 for d in duration.split(","))


# --- each check fails on a page that breaks it -------------------------------


def test_link_check_finds_a_broken_anchor_and_a_missing_file(tmp_path):
    (tmp_path / "a.html").write_text('<a href="b.html#nope">x</a><a href="c.html">y</a><a href="#here">z</a>')
    (tmp_path / "b.html").write_text('<h2 id="there">B</h2>')
    problems = sitecheck.broken_links(tmp_path)
    assert any("b.html#nope -> no id 'nope'" in p for p in problems)
    assert any("c.html -> no such file" in p for p in problems)
    assert any("#here -> no id 'here'" in p for p in problems)


def test_alt_check_finds_a_missing_alt(tmp_path):
    (tmp_path / "a.html").write_text('<article><img src="x.png"><img src="y.png" alt="Kuva"></article>')
    assert sitecheck.images_without_alt(tmp_path) == ['a.html: <img src="x.png"> has no alt text']


def test_build_fails_on_a_broken_anchor_in_markdown(tmp_path):
    docs = {
        "fi/index.md": "---\ntitle: Koti\ndescription: Testisivusto, jolla kokeillaan rikkinäistä ankkuria.\n---\n\n[x](#puuttuu)\n",
        "sv/index.md": "---\ntitle: Hem\ndescription: En testwebbplats där ett trasigt ankare prövas.\n---\n\nText.\n",
    }
    result = sitebuild.build(sitebuild.make_project(tmp_path, docs))
    assert result.returncode != 0
    assert "#puuttuu" in result.stderr


def test_axe_finds_low_contrast_text_in_each_palette(tmp_path):
    """Light grey paragraphs fail in the light palette only, dark grey list items in the
    dark palette only: the sweep must report each under its own scheme, which proves the
    dark pass really runs on the dark palette. The list sits on a deep page, where the
    sweep leaves out the navigation, and a pale navigation link is still found on the
    home page, where it does not."""
    fm = "---\ntitle: {}\ndescription: Testisivusto, jolla on liian vaalea tai tumma teksti.\n---\n\n"
    docs = {
        "fi/index.md": fm.format("Koti") + "Vaalea teksti.\n",
        "sv/index.md": fm.format("Hem") + "Ljus text.\n",
        "fi/osa/sivu.md": fm.format("Sivu") + "- Tumma kohta\n",
        "sv/osa/sivu.md": fm.format("Sida") + "- Mörk punkt\n",
    }
    project = sitebuild.make_project(tmp_path, docs)
    css = project / "docs" / "assets" / "stylesheets" / "site.css"
    css.write_text(
        css.read_text()
        + '\n[data-md-color-scheme="default"] .md-typeset p { color: #c8c8c8 !important; }'
        + '\n[data-md-color-scheme="slate"] .md-typeset li { color: #333 !important; }'
        + '\n[data-md-color-scheme="default"] .md-sidebar--primary .md-nav__link { color: #d0d0d0 !important; }\n'
    )
    assert sitebuild.build(project).returncode == 0
    found = a11y_sweep.sweep(project / "site", ["", "osa/sivu/"], workers=1)
    contrast = {
        (path, v["scheme"], "nav" if "md-nav" in str(t) or "md-ellipsis" in str(t) else t[-1].split()[-1])
        for path, violations in found.items()
        for v in violations
        if v["id"] == "color-contrast"
        for t in v["nodes"]
    }
    assert contrast == {("", "light", "p"), ("", "light", "nav"), ("osa/sivu/", "dark", "li")}, found
