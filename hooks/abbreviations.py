"""Abbreviations: tooltips for abbreviations on every page, in the page's language.

Events:
- on_page_markdown: append `--8<-- "abbreviations.<lang>.md"` so pymdownx.snippets
  includes docs/includes/abbreviations.<lang>.md and the abbr extension turns every
  listed abbreviation into <abbr title="...">, shown as a tooltip (content.tooltips).
  The file of the page's source language is used, so a page awaiting translation
  keeps its own abbreviations.
"""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from sitelib import buildstate


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = buildstate.get(config)
    source = os.path.relpath(page.file.abs_src_path, state.docs_dir).replace(os.sep, "/").split("/")[0]
    name = f"abbreviations.{source}.md"
    if os.path.isfile(os.path.join(state.docs_dir, "includes", name)):
        return f'{markdown}\n\n--8<-- "{name}"\n'
    return markdown
