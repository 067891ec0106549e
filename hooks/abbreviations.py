"""Abbreviations: tooltips for abbreviations on every page, in the page's language.

Events:
- on_page_markdown: append the definitions of docs/includes/abbreviations.<lang>.md
  (`*[EU]: Euroopan unioni` lines) to the page, so the abbr extension turns every
  listed abbreviation into <abbr title="...">, shown as a tooltip (content.tooltips).
  The file of the page's source language is used, so a page awaiting translation
  keeps its own abbreviations; a page that uses none of them is left alone (the abbr
  extension costs time on every page it is given definitions for).

Material's own recipe appends the file to every page with pymdownx.snippets'
`auto_append`; that cannot pick the file by language nor skip the pages that need
none, and the snippets extension would cost time on every page.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from sitelib import buildstate

DEFINITION = re.compile(r"^\*\[([^\]]+)\]:", re.M)
WORD_CHARACTER = re.compile(r"\w")


@dataclass(frozen=True)
class Abbreviations:
    definitions: str  # the file's text, appended to a page that uses one
    names: tuple[str, ...]
    pattern: re.Pattern | None  # any name not followed by a word character

    def used_in(self, markdown: str) -> bool:
        """Whether the text has one of the abbreviations as a whole word. (The start of
        the word is checked by hand: a look-behind in the pattern makes it several
        times slower on a page without any.)"""
        if self.pattern is None:
            return False
        return any(
            m.start() == 0 or not WORD_CHARACTER.match(markdown, m.start() - 1) for m in self.pattern.finditer(markdown)
        )


def read_abbreviations(path: str) -> Abbreviations:
    """The definitions file (no file: no abbreviations)."""
    text = ""
    if os.path.isfile(path):
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    names = tuple(DEFINITION.findall(text))
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return Abbreviations(text, names, re.compile(rf"(?:{alternatives})(?!\w)") if names else None)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = buildstate.get(config)
    source = os.path.relpath(page.file.abs_src_path, state.docs_dir).replace(os.sep, "/").split("/")[0]
    found = state.cached(
        ("abbreviations", source),
        lambda: read_abbreviations(os.path.join(state.docs_dir, "includes", f"abbreviations.{source}.md")),
    )
    if found.used_in(markdown):
        return f"{markdown}\n\n{found.definitions}\n"
    return markdown
