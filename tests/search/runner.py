"""Type queries into the real search box in Chromium and read the result pages.

Shared by the browser tests and `make bench` (recall@10 and latency): what is
measured is what a reader gets, Material's own UI over our per-language index.
"""

from __future__ import annotations

from urllib.parse import urlsplit

# Every query Material sends to its search worker, and every answer, counted in the page
# (an init script wraps the Worker constructor, also the iframe-worker shim's, which the
# offline build assigns later). Message types are Material's: 2 = query, 3 = result.
TRACK = """(() => {
  const track = window.__searchTrack = {queries: [], answers: 0, answeredAt: -1};
  const wrap = (Base) => {
    if (typeof Base !== "function" || Base.__tracked) return Base;
    const Tracked = function (url, options) {
      const worker = new Base(url, options);
      const post = worker.postMessage.bind(worker);
      worker.postMessage = function (message, ...rest) {
        if (message && message.type === 2) track.queries.push(message.data);
        return post(message, ...rest);
      };
      worker.addEventListener("message", (event) => {
        if (event.data && event.data.type === 3) { track.answers += 1; track.answeredAt = performance.now(); }
      });
      return worker;
    };
    Tracked.prototype = Base.prototype;
    Tracked.__tracked = true;
    return Tracked;
  };
  let current = wrap(window.Worker);
  Object.defineProperty(window, "Worker", {configurable: true, get: () => current, set: (v) => { current = wrap(v); }});
})()"""

# The worker has answered every query sent. Until the documents are loaded, the search
# glue answers only the latest query that arrived meanwhile (open_search waits for that
# first load with a query of its own); from then on it answers every query, in order.
ANSWERED = """() => {
  const track = window.__searchTrack;
  return !!track && track.queries.length > 0 && track.answers === track.queries.length;
}"""

# The answer to the text now in the box is on screen: every query is answered (so the last
# answer is the last query's), the last query is the text in the box, and the results were
# redrawn after that answer arrived. No waiting for "quiet": a slower answer to an earlier
# keystroke can never be read as the answer.
READY = """() => {
  const track = window.__searchTrack;
  const meta = document.querySelector('.md-search-result__meta');
  const input = document.querySelector('input.md-search__input');
  if (!track || !meta || !input || !track.queries.length) return false;
  if (track.answers !== track.queries.length) return false;
  if (track.queries[track.queries.length - 1] !== input.value) return false;
  return meta.dataset.q === input.value && (window.__lastResultAt || -1) >= track.answeredAt;
}"""


# Mark which text the drawn results belong to, and when they were drawn.
OBSERVE = """() => {
  const meta = document.querySelector('.md-search-result__meta');
  const input = document.querySelector('input.md-search__input');
  input.addEventListener('keyup', () => { window.__lastKeyAt = performance.now(); });
  new MutationObserver(() => {
    meta.dataset.q = input.value;
    window.__lastResultAt = performance.now();
  }).observe(document.querySelector('.md-search-result'), {childList: true, subtree: true, characterData: true});
}"""


STARTED = (
    "() => { const m = document.querySelector('.md-search-result__meta');"
    " return m && m.textContent.trim() && !m.textContent.match(/Alustetaan|Initierar|Initializing/) }"
)


def wait_for_search(page, timeout: float = 30000) -> None:
    """Wait until the page's search is ready: Material handles keys in the search box
    (Escape included) only once its worker has answered."""
    page.wait_for_function(STARTED, timeout=timeout)


def track_search(page) -> None:
    """Count the search worker's queries and answers in every page the tab opens next."""
    if not getattr(page, "_search_tracked", False):
        page.add_init_script(TRACK)
        page._search_tracked = True


def open_search(page, url: str, timeout: float = 30000) -> None:
    track_search(page)
    page.goto(url)
    page.keyboard.press("/")
    wait_for_search(page, timeout)
    warm_up(page, timeout)


class SearchTabs:
    """tabs(lang): a tab on that language's home (url_of(lang)) with the search open and its
    documents loaded, opened on first use and kept, for tests that only search: each search
    replaces the text in the box and waits for the answer to that text. A tab per test
    would cost each test a page load and a load of the documents again."""

    def __init__(self, browser, url_of):
        self.context = browser.new_context()
        self.url_of = url_of
        self.tabs = {}

    def __call__(self, lang: str):
        if lang not in self.tabs:
            self.tabs[lang] = self.context.new_page()
            open_search(self.tabs[lang], self.url_of(lang))
        return self.tabs[lang]

    def close(self) -> None:
        self.context.close()


def warm_up(page, timeout: float = 30000) -> None:
    """Load the documents with a first query (search_data.js) and wait for its answer: from
    then on every query gets its own answer, so READY can tell which one is on screen."""
    page.evaluate(OBSERVE)
    box = page.locator("input.md-search__input")
    box.fill("a")
    page.wait_for_function(ANSWERED, timeout=timeout, polling="raf")
    box.fill("")
    page.wait_for_function(ANSWERED, timeout=timeout, polling="raf")


def wait_for_answer(page, timeout: float = 15000) -> None:
    """Wait until the results on screen are the answer to the text now in the box."""
    page.wait_for_function(READY, timeout=timeout, polling="raf")


def search(page, query: str, timeout: float = 15000, typed: bool = True) -> dict:
    """Type `query` (a key at a time) and return result pages, text and timing. With
    typed=False the text arrives at once, as a paste does (one input event, one search):
    for recall runs, where the intermediate keystrokes' searches are only cost."""
    box = page.locator("input.md-search__input")
    box.fill("")
    if typed:
        box.press_sequentially(query, delay=10)
    else:
        box.fill(query)
    wait_for_answer(page, timeout)
    typed, done = page.evaluate("[window.__lastKeyAt, window.__lastResultAt]")
    links = page.eval_on_selector_all(
        ".md-search-result__item > .md-search-result__link", "els => els.map(e => e.getAttribute('href'))"
    )
    meta = page.locator(".md-search-result__meta").inner_text()
    return {"links": links, "meta": meta, "ms": max(0.0, done - typed)}


def result_pages(links: list[str], base: str) -> list[str]:
    """Result URLs as page paths relative to `base` (a language root), in order."""
    pages = []
    for link in links:
        path = urlsplit(link).path
        base_path = urlsplit(base).path
        rel = path[len(base_path) :] if path.startswith(base_path) else path
        rel = rel.removesuffix("index.html")
        if rel not in pages:
            pages.append(rel)
    return pages
