"""The language switcher's links: the same page in every language."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from .buildstate import BuildState
from .translations import page_url


def language_links(path: str, state: BuildState, use_directory_urls: bool) -> list[dict]:
    """One entry per language: the same page's site-root-relative URL in that language."""
    return [{"name": state.language_names[l], "lang": l,
             "link": page_url(path, l, state.default_language, use_directory_urls) or "./"}
            for l in state.languages]


def set_switcher(config: MkDocsConfig, links: list[dict]) -> None:
    """Material's switcher reads `config.extra.alternate`. mkdocs-static-i18n sets it as
    an attribute, which Jinja reads before the item: replace both."""
    config.extra["alternate"] = links
    config.extra.alternate = links
