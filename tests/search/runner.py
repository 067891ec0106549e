"""Type queries into the real search box in Chromium and read the result pages.

Shared by the browser tests and `make bench` (recall@10 and latency): what is
measured is what a reader gets, Material's own UI over our per-language index.
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

# Results are drawn for the text now in the box (a count, or the "no results" message,
# not the placeholder), and nothing has been redrawn for 200 ms (a slower answer to an
# earlier keystroke cannot be read as the answer).
READY = """() => {
  const meta = document.querySelector('.md-search-result__meta');
  const input = document.querySelector('input.md-search__input');
  if (!meta || !input || meta.dataset.q !== input.value) return false;
  const text = meta.textContent.trim();
  const answered = /[0-9]/.test(text) || ["Ei täsmääviä dokumentteja", "Inga sökresultat",
                                        "No matching documents"].includes(text);
  return answered && performance.now() - (window.__lastResultAt || 0) > 200;
}"""

# Material writes the result count into .md-search-result__meta; mark which query it
# belongs to, so a stale count of an earlier keystroke is never read as the answer.
OBSERVE = """() => {
  const meta = document.querySelector('.md-search-result__meta');
  const input = document.querySelector('input.md-search__input');
  input.addEventListener('keyup', () => { window.__lastKeyAt = performance.now(); });
  new MutationObserver(() => {
    meta.dataset.q = input.value;
    window.__lastResultAt = performance.now();
  }).observe(document.querySelector('.md-search-result'), {childList: true, subtree: true, characterData: true});
}"""


STARTED = ("() => { const m = document.querySelector('.md-search-result__meta');"
           " return m && m.textContent.trim() && !m.textContent.match(/Alustetaan|Initierar|Initializing/) }")


def wait_for_search(page, timeout: float = 30000) -> None:
    """Wait until the page's search is ready: Material handles keys in the search box
    (Escape included) only once its worker has answered."""
    page.wait_for_function(STARTED, timeout=timeout)


def open_search(page, url: str, timeout: float = 30000) -> None:
    page.goto(url)
    page.keyboard.press("/")
    wait_for_search(page, timeout)
    page.evaluate(OBSERVE)


def search(page, query: str, timeout: float = 15000) -> dict:
    """Type `query` (a key at a time) and return result pages, text and timing."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press_sequentially(query, delay=10)
    page.wait_for_function(READY, timeout=timeout, polling=50)
    typed, done = page.evaluate("[window.__lastKeyAt, window.__lastResultAt]")
    links = page.eval_on_selector_all(
        ".md-search-result__item > .md-search-result__link",
        "els => els.map(e => e.getAttribute('href'))")
    meta = page.locator(".md-search-result__meta").inner_text()
    return {"links": links, "meta": meta, "ms": max(0.0, done - typed)}


def result_pages(links: list[str], base: str) -> list[str]:
    """Result URLs as page paths relative to `base` (a language root), in order."""
    pages = []
    for link in links:
        path = urlsplit(link).path
        base_path = urlsplit(base).path
        rel = path[len(base_path):] if path.startswith(base_path) else path
        rel = rel.removesuffix("index.html")
        if rel not in pages:
            pages.append(rel)
    return pages
