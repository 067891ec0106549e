"""Language alternates: the switcher and the `hreflang` links of every page.

Events:
- on_page_context (-100, after mkdocs-static-i18n's own switcher at 50): the
  switcher and the `<link rel="alternate" hreflang>` tags point to the same page in
  every language, as page-relative links (so they survive mike's /<version>/ prefix
  on every page, home included, and work from file://), plus x-default; no
  canonical link with an absolute address.
"""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from sitelib import buildstate
from sitelib.switcher import language_links, set_switcher


@event_priority(-100)  # after mkdocs-static-i18n's own switcher (50)
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    state = buildstate.get(config)
    rel = os.path.relpath(page.file.abs_src_path, state.docs_dir).replace(os.sep, "/").split("/", 1)[1]
    links = language_links(rel, state, config.use_directory_urls)
    set_switcher(config, links)
    context["x_default"] = links[0]["link"]
    page.canonical_url = None
    return context
