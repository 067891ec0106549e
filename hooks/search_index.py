"""Search: one lunr index per language, stemmed, on Material's own search UI.

Events:
- on_post_build (-150: after mkdocs-static-i18n (-100) has built every language and
  written the combined index, and after the offline plugin (-100) has written its
  search_index.js twin): split the index so each language gets only its own pages
  and its own stemmer (`search/` for the default language, `<lang>/search/` for the
  others): `search_index.json` (and `.js` offline) holds the settings only, with
  `config.lazy`; `search_data.js` the documents.

Material's bundle is not patched for this: every page loads Material's fixed
`search/search_index.json` (settings only), and overrides/main.html passes the page's
own language's `search_data.js` to the search worker in the worker's URL. The worker
(docs/assets/javascripts/workers/search-worker.js) loads those documents, with their
language's settings, on the first query, stems the query like the index and filters
phrases; when the message shapes are not the expected ones it hands everything to
Material's own worker, and when the documents cannot be loaded the page says so.
"""

from __future__ import annotations

import json
import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from sitelib import buildstate


def split_index(index: dict, languages: list[str], default: str) -> dict[str, dict]:
    """{lang: index of that language only} from the combined index of all languages."""
    prefixes = {lang: f"{lang}/" for lang in languages if lang != default}
    parts = {lang: [] for lang in languages}
    for doc in index["docs"]:
        owner = next((l for l, p in prefixes.items() if doc["location"].startswith(p)), default)
        parts[owner].append(doc)
    return {
        lang: {
            "config": {**index["config"], "lang": [lang]},
            "docs": docs,
            **{k: v for k, v in index.items() if k not in ("config", "docs")},
        }
        for lang, docs in parts.items()
    }


DATA_FILE = "search_data.js"


def lazy_parts(index: dict) -> tuple[dict, str]:
    """(what every page loads, what the first query loads).

    Material fetches the index as soon as a page opens. The page gets only the
    settings (`lazy: true`); the documents are a script the search worker imports
    when the reader first types (docs/assets/javascripts/workers/search-worker.js),
    over http and from file:// alike. The marker is in `config`, the part of the
    index that Material passes on to its worker unchanged."""
    stub = {**{k: v for k, v in index.items() if k != "docs"}, "docs": [], "config": {**index["config"], "lazy": True}}
    return stub, f"self.__searchIndex = {_dump(index)};"


def _dump(index: dict) -> str:
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


@event_priority(-150)
def on_post_build(config: MkDocsConfig) -> None:
    if not buildstate.is_first_pass(config):
        return  # a nested language pass; the combined index is final only at the end
    state = buildstate.get(config)
    site = config.site_dir
    combined_path = os.path.join(site, "search", "search_index.json")
    with open(combined_path, encoding="utf-8") as handle:
        combined = json.load(handle)
    offline = os.path.exists(os.path.join(site, "search", "search_index.js"))
    for lang, index in split_index(combined, state.languages, state.default_language).items():
        if state.only_language and lang != state.only_language:
            continue
        folder = os.path.join(site, "" if lang == state.default_language else lang, "search")
        os.makedirs(folder, exist_ok=True)
        stub, data = lazy_parts(index)
        with open(os.path.join(folder, "search_index.json"), "w", encoding="utf-8") as handle:
            handle.write(_dump(stub))
        with open(os.path.join(folder, DATA_FILE), "w", encoding="utf-8") as handle:
            handle.write(data)
        if offline:  # file:// cannot fetch JSON: the offline build loads it as a script
            with open(os.path.join(folder, "search_index.js"), "w", encoding="utf-8") as handle:
                handle.write(f"var __index = {_dump(stub)}")
