"""Search glue that degrades, in Chromium: when the documents (search_data.js) cannot be
loaded, the search says so in the page's language; when Material's worker messages are not
the expected ones, our worker steps aside and Material's own search still answers."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, serve

sys.path.insert(0, str(Path(__file__).parent / "search"))
import runner

LABELS = yaml.safe_load((ROOT / "data" / "site.yml").read_text(encoding="utf-8"))["labels"]

# Keeps every Worker the page creates (after overrides/main.html wrapped the constructor).
CAPTURE_WORKERS = """(() => {
  const Original = window.Worker;
  window.__workers = [];
  window.Worker = function (url, options) {
    const worker = new Original(url, options);
    window.__workers.push(worker);
    return worker;
  };
  window.Worker.prototype = Original.prototype;
})()"""


@pytest.fixture(scope="module")
def broken_site(site, tmp_path_factory):
    """A copy of the built site without the documents of either language's index."""
    copy = tmp_path_factory.mktemp("no-documents") / "site"
    shutil.copytree(site, copy)
    for data in (copy / "search" / "search_data.js", copy / "sv" / "search" / "search_data.js"):
        data.unlink()
    server = serve(copy)
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_missing_documents_show_search_unavailable_in_the_page_language(page, broken_site, lang):
    warnings = []
    page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    page.goto(broken_site if lang == "fi" else broken_site + "sv/")
    page.keyboard.press("/")
    runner.wait_for_search(page)  # not runner.open_search: it waits for results that never come
    page.locator("input.md-search__input").press_sequentially("hankinta", delay=10)
    page.wait_for_selector("[data-md-component=search][data-search-unavailable]", timeout=15000)
    meta = page.locator(".md-search-result__meta")
    assert meta.inner_text().strip() == LABELS[lang]["search_unavailable"]
    assert meta.get_attribute("aria-live") == "polite"
    assert page.locator(".md-search-result__item").count() == 0
    assert any("search_data.js" in w and "unavailable" in w for w in warnings), warnings
    # a further query gets the same answer from the worker
    page.evaluate("document.querySelector('[data-md-component=search]').removeAttribute('data-search-unavailable')")
    page.locator("input.md-search__input").press_sequentially(" uusi", delay=10)
    page.wait_for_selector("[data-md-component=search][data-search-unavailable]", timeout=15000)
    assert meta.inner_text().strip() == LABELS[lang]["search_unavailable"]


def test_unexpected_worker_message_falls_back_to_materials_own_search(page, served):
    warnings = []
    page.on("console", lambda m: warnings.append(m.text) if m.type == "warning" else None)
    page.add_init_script(CAPTURE_WORKERS)
    runner.open_search(page, served)
    # a message of a shape the glue does not know (as if Material had renumbered them)
    page.evaluate("window.__workers.forEach(w => w.postMessage({type: 42, data: 'x'}))")
    result = runner.search(page, "innovaatiot")
    assert result["links"], result
    assert all("/sv/" not in link for link in result["links"])  # still the page's language
    assert any("Material's own search takes over" in w for w in warnings), warnings
