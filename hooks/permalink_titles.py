"""Heading permalinks: their title in the page's language.

Events:
- on_config (-110, after mkdocs-static-i18n (-100) has set the language of the pass,
  and after hooks/content_model.py (-110, listed before this hook) loaded the model):
  the toc extension's own `permalink_title` option (it writes "Permanent link" in
  English by default) gets the label `permalink` of the pass's language. Every page is
  converted with the pass's configuration, so nothing is replaced in the HTML.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from sitelib import buildstate


@event_priority(-110)  # after mkdocs-static-i18n (-100) set the pass's language
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    toc = config.mdx_configs.get("toc")
    if toc is None or "toc" not in config.markdown_extensions:
        raise PluginError(
            "hooks/permalink_titles.py: mkdocs.yml must list the toc extension "
            "(markdown_extensions: - toc: {permalink: true})"
        )
    state = buildstate.get(config)
    toc["permalink_title"] = state.model.label(buildstate.current_language(config), "permalink")
    return config
