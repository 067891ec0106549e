"""Sitemap and robots.txt: every page of every language, with its alternates.

Events:
- on_template_context (sitemap.xml): the sitemap lists every page of every language
  with its alternates, computed from the docs tree (identical in every pass and
  process, so the parallel build's parts agree byte for byte).
- on_post_build (first pass only): robots.txt pointing to the sitemap, in plain
  builds only. A version built by mike (MIKE_DOCS_VERSION) gets none: robots.txt
  only counts at the site root, where tools/deploy.py writes one pointing at the
  root sitemap (a copy of the default version's). Each version keeps its own
  sitemap.xml, unadvertised: Material's version selector reads it to stay on the
  same page when the reader switches versions. Under mike, site_url is the default
  version's address ("https://host/repo/latest", mike's canonical_version), so every
  version's sitemap lists the canonical URLs.
"""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils import write_file
from sitelib import buildstate
from sitelib.translations import page_url


def sitemap_entries(state: buildstate.BuildState, site_url: str, use_directory_urls: bool) -> list[dict]:
    """All pages of all languages (pending ones included), each with its alternates."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    paths = sorted({p for lang in state.languages for p in state.pages(lang)} - {"404.md"})
    entries = []
    for lang in state.languages:
        for path in paths:
            if not state.has_page(lang, path):
                continue
            holders = [l for l in state.languages if state.page(l, path)]
            date = state.git_date(lang if lang in holders else holders[0], path)
            links = [
                {"lang": l, "href": base + page_url(path, l, state.default_language, use_directory_urls)}
                for l in state.languages
            ]
            links.append({"lang": "x-default", "href": links[0]["href"]})
            entries.append(
                {
                    "loc": base + page_url(path, lang, state.default_language, use_directory_urls),
                    "lastmod": date.date().isoformat() if date else None,
                    "alternates": links,
                }
            )
    return entries


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    if template_name == "sitemap.xml":
        state = buildstate.get(config)
        key = ("sitemap", config.site_url, config.use_directory_urls)
        if key not in state.cache:
            state.cache[key] = sitemap_entries(state, config.site_url or "", config.use_directory_urls)
        context["sitemap_entries"] = state.cache[key]
    return context


def on_post_build(config: MkDocsConfig) -> None:
    if os.environ.get("MIKE_DOCS_VERSION"):
        return
    if config.site_url and buildstate.is_first_pass(config):
        base = config.site_url if config.site_url.endswith("/") else config.site_url + "/"
        write_file(
            f"User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n".encode(),
            os.path.join(config.site_dir, "robots.txt"),
        )
