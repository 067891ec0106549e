"""Abbreviations: tooltips for abbreviations on every page, in the page's language.

Events:
- on_page_markdown: append `--8<-- "abbreviations.<lang>.md"` so pymdownx.snippets
  includes docs/includes/abbreviations.<lang>.md and the abbr extension turns every
  listed abbreviation into <abbr title="...">, shown as a tooltip (content.tooltips).
  The file of the page's source language is used, so a page awaiting translation
  keeps its own abbreviations; a page that uses none of them is left alone (the abbr
  extension costs time on every page it is given definitions for).
"""

from __future__ import annotations

import os
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from sitelib import buildstate


def abbreviations_pattern(path: str) -> re.Pattern | None:
    """One pattern matching any abbreviation defined in the file (None if it has none)."""
    if not os.path.isfile(path):
        return None
    with open(path, encoding="utf-8") as handle:
        names = re.findall(r"^\*\[([^\]]+)\]:", handle.read(), re.M)
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = buildstate.get(config)
    source = os.path.relpath(page.file.abs_src_path, state.docs_dir).replace(os.sep, "/").split("/")[0]
    name = f"abbreviations.{source}.md"
    pattern = state.cached(("abbreviations", source),
                           lambda: abbreviations_pattern(os.path.join(state.docs_dir, "includes", name)))
    # The abbr extension walks the whole page for every definition it is given: a page
    # that uses none of the abbreviations gets none.
    if pattern is not None and pattern.search(markdown):
        return f'{markdown}\n\n--8<-- "{name}"\n'
    return markdown
