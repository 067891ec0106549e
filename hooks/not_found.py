"""The 404 page, one per language.

Events:
- on_template_context (404.html): the switcher of the 404 page leads to the home
  pages of the languages.
- on_post_template (404.html): the 404 page of a non-default language goes to
  <lang>/404.html instead of overwriting the default language's root 404.html.
These pages serve a plain host of one build at a domain root (their asset URLs are
absolute, from site_url's path). On GitHub Pages, where every version is a folder,
tools/deploy.py writes the root 404.html of gh-pages instead: both languages in one
file, working at any depth (tools/templates/root-404.html).
"""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils import write_file
from sitelib import buildstate
from sitelib.switcher import language_links, set_switcher


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    if template_name == "404.html":
        set_switcher(config, language_links("index.md", buildstate.get(config), config.use_directory_urls))
    return context


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    state = buildstate.get(config)
    lang = buildstate.current_language(config)
    if template_name == "404.html" and lang != state.default_language:
        write_file(output.encode("utf-8"), os.path.join(config.site_dir, lang, "404.html"))
        return ""  # mkdocs skips an empty template: the root 404.html stays in the default language
    return output
