"""Navigation order: the top level of the nav in the order of docs/<lang>/.pages.

Events:
- on_nav (-200, after mkdocs-static-i18n): the plugin lifts the language's own
  section ("Fi") out of the top level and sorts what it lifted alphabetically; put
  it back in the order of docs/<lang>/.pages, and remove the lifted section from
  the breadcrumbs of its former children.
"""

from __future__ import annotations

import os

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from sitelib import buildstate


@event_priority(-200)  # after mkdocs-static-i18n (-100) flattened and sorted the nav
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    state = buildstate.get(config)
    lang = buildstate.current_language(config)
    order = top_level_order(os.path.join(state.docs_dir, lang, ".pages"))
    if order:
        nav.items.sort(key=lambda item: _rank(item, order, lang))
    for item in nav.items:  # i18n removed the language's own section ("Fi") from the
        if item.parent is not None and item.parent not in nav.items:  # top level, but
            item.parent = None  # not from the breadcrumbs of the items it lifted up
    return nav


def top_level_order(pages_file: str) -> list[str]:
    """Entry names of the nav in a .pages file ('...' and titles skipped)."""
    if not os.path.isfile(pages_file):
        return []
    with open(pages_file, encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    names = []
    for entry in data.get("nav", []):
        name = list(entry.values())[0] if isinstance(entry, dict) else entry
        if isinstance(name, str) and name != "...":
            names.append(name.rstrip("/"))
    return names


def _first_source(item) -> str:
    if isinstance(item, Page):
        return item.file.src_uri
    if isinstance(item, Section):
        for child in item.children:
            found = _first_source(child)
            if found:
                return found
    return ""


def _rank(item, order: list[str], lang: str) -> int:
    parts = _first_source(item).split("/")
    name = parts[1] if len(parts) > 1 and parts[0] == lang else parts[0]
    return order.index(name) if name in order else len(order)
