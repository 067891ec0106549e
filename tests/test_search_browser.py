"""Search in Chromium, typed key by key into Material's own search box: inflected
queries, language isolation, phrases, no-result message, keyboard use."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).parent / "search"))
import runner  # noqa: E402

QUERIES = yaml.safe_load((Path(__file__).parent / "search" / "queries.yml").read_text(encoding="utf-8"))


def root_of(served: str, lang: str) -> str:
    return served if lang == "fi" else f"{served}{lang}/"


@pytest.fixture(scope="module")
def search_in(browser, served):
    """search_in(lang): that language's home with the search open, shared (runner.SearchTabs)."""
    tabs = runner.SearchTabs(browser, lambda lang: root_of(served, lang))
    yield tabs
    tabs.close()


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_inflected_queries_find_their_pages(search_in, served, lang):
    root = root_of(served, lang)
    page = search_in(lang)
    misses = []
    for item in QUERIES[lang]:  # pasted, one search each (typing is tested below)
        result = runner.search(page, item["query"], typed=False)
        found = runner.result_pages(result["links"], root)[:10]
        if not all(p in found for p in item["pages"]):
            misses.append((item["query"], found[:5]))
    assert misses == []


@pytest.mark.parametrize(
    "lang, other_word, own_word",
    [
        ("fi", "upphandlingarna", "hankinnoissa"),
        ("sv", "hankinnoissa", "upphandlingarna"),
    ],
)
def test_results_are_in_the_page_language_only(search_in, lang, other_word, own_word):
    page = search_in(lang)
    own = runner.search(page, own_word)
    assert own["links"], own
    for link in own["links"]:
        assert ("/sv/" in link) == (lang == "sv"), link
    other = runner.search(page, other_word)
    for link in other["links"]:
        assert ("/sv/" in link) == (lang == "sv"), link


@pytest.mark.parametrize("lang, message", [("fi", "Ei täsmääviä dokumentteja"), ("sv", "Inga sökresultat")])
def test_no_results_message_in_the_page_language(search_in, lang, message):
    page = search_in(lang)
    result = runner.search(page, "xyzzyqwv")
    assert result["links"] == []
    assert result["meta"].strip() == message
    assert page.locator(".md-search-result__meta").get_attribute("aria-live") == "polite"


def test_a_quoted_phrase_matches_the_phrase_only(search_in, served):
    page = search_in("fi")
    words = runner.search(page, "kansallinen strategia")
    phrase = runner.search(page, '"kansallinen julkisten hankintojen strategia"')
    reversed_phrase = runner.search(page, '"strategia hankintojen julkisten kansallinen"')
    assert 0 < len(phrase["links"]) <= len(words["links"]) + 20
    assert reversed_phrase["links"] == []
    pages = runner.result_pages(phrase["links"], served)
    assert "outputs/national-procurement-strategy/" in pages


def test_several_words_narrow_the_results(search_in, served):
    page = search_in("fi")
    one = runner.result_pages(runner.search(page, "hankinnat")["links"], served)
    two = runner.result_pages(runner.search(page, "hankinnat kiertotaloudessa")["links"], served)
    assert 0 < len(two) < len(one)
    assert set(two) <= set(one) | set(two)


def test_keyboard_open_move_enter_and_escape(page, served):
    runner.track_search(page)
    page.goto(served + "strategy/")
    page.keyboard.press("/")
    page.wait_for_function("() => document.activeElement.matches('input.md-search__input')", timeout=5000)
    runner.wait_for_search(page)
    runner.warm_up(page)
    page.keyboard.type("innovaatioiden")
    page.keyboard.press("End")
    # the results of the whole word, not of a prefix typed on the way (those are redrawn,
    # and a redraw would take the focus away from the item ArrowDown moves to)
    runner.wait_for_answer(page)
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.closest('.md-search-result__item') !== null")
    assert focused
    href = page.evaluate("document.activeElement.getAttribute('href')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.split("#")[0] == href.split("#")[0]
    page.wait_for_load_state("load")  # Material's key handlers are in place
    page.keyboard.press("s")
    page.wait_for_function("() => document.activeElement.matches('input.md-search__input')", timeout=5000)
    runner.wait_for_search(page)
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('__search').checked", timeout=5000)
    assert not page.evaluate("document.activeElement.matches('input.md-search__input')")
