"""Language alternates and the canonical link of every page.

Events:
- on_page_context (-100, after mkdocs-static-i18n's own switcher at 50):
  * the language switcher (`config.extra.alternate`, read by Material) points to the
    same page in every language with page-relative links, so it keeps the reader's
    version under mike's /<version>/ prefix and works from file://;
  * the head's `hreflang` links (fi, sv, x-default; `hreflang_links` in the context,
    rendered by overrides/partials/meta-links.html) are absolute: search engines need
    fully-qualified URLs. They and the canonical link use `site_url`, which mike's
    plugin points at the default version (`canonical_version: latest`) when it builds
    a version, so every version's pages name the same page under latest/ (mkdocs
    computes `page.canonical_url` from site_url). tools/deploy.py later points them at
    latest's home for pages latest does not have.
  The offline build (OFFLINE=true) has neither: there is no host to point at.
"""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from sitelib import buildstate
from sitelib.switcher import absolute_links, language_links, set_switcher


def is_offline(config: MkDocsConfig) -> bool:
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)


@event_priority(-100)  # after mkdocs-static-i18n's own switcher (50)
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    state = buildstate.get(config)
    rel = os.path.relpath(page.file.abs_src_path, state.docs_dir).replace(os.sep, "/").split("/", 1)[1]
    links = language_links(rel, state, config.use_directory_urls)
    set_switcher(config, links)
    if config.site_url and not is_offline(config):
        context["hreflang_links"] = absolute_links(links, config.site_url)
    else:
        context["hreflang_links"] = []
        page.canonical_url = None
    return context
