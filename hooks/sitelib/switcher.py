"""The language switcher's links (the same page in every language) and the head's
absolute `hreflang` links."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from .buildstate import BuildState
from .translations import page_url


def language_links(path: str, state: BuildState, use_directory_urls: bool) -> list[dict]:
    """One entry per language: the same page's site-root-relative URL in that language."""
    return [
        {
            "name": state.language_names[l],
            "lang": l,
            "link": page_url(path, l, state.default_language, use_directory_urls) or "./",
        }
        for l in state.languages
    ]


def absolute_links(links: list[dict], site_url: str) -> list[dict]:
    """The switcher's links as absolute URLs under site_url (for `hreflang`), plus
    x-default = the default language (the first). site_url may lack its trailing slash:
    mike's plugin sets it to "https://host/repo/latest"."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    absolute = [{"lang": l["lang"], "href": base + ("" if l["link"] == "./" else l["link"])} for l in links]
    return absolute + [{"lang": "x-default", "href": absolute[0]["href"]}] if absolute else []


def set_switcher(config: MkDocsConfig, links: list[dict]) -> None:
    """Material's switcher reads `config.extra.alternate`. mkdocs-static-i18n sets it as
    an attribute, which Jinja reads before the item: replace both."""
    config.extra["alternate"] = links
    config.extra.alternate = links
