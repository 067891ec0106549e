"""Heading permalinks: their title in the page's language.

Events:
- on_page_content: the toc extension writes title="Permanent link" in English on
  every heading's permalink; put the page language's text there.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from sitelib import buildstate


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = buildstate.get(config)
    label = state.model.label(buildstate.current_language(config), "permalink")
    return html.replace('title="Permanent link"', f'title="{label}" aria-label="{label}"')
