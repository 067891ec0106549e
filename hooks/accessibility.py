"""Accessibility fixes to the HTML that Material writes (WCAG 2.1 AA, checked by axe-core).

Events:
- on_post_page (and on_post_template for 404.html): small, exact replacements in the
  rendered page, each one asserted, so a theme upgrade that changes the markup fails
  the build instead of silently bringing a violation back:
  * the search dialog gets an accessible name in the page's language (axe:
    aria-dialog-name);
  * the header logo is decorative (its link already has the site name), instead of
    the English alt text "logo";
  * the search result count ("3 matching documents", "no results") is a live
    region, so screen readers announce it as the reader types.
Colour contrast and focus fixes are in docs/assets/stylesheets/site.css.
"""

from __future__ import annotations

import html

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

from sitelib import buildstate


def fixes(lang_label: str) -> list[tuple[str, str]]:
    name = html.escape(lang_label, quote=True)
    return [
        ('<div class="md-search" data-md-component="search" role="dialog">',
         f'<div class="md-search" data-md-component="search" role="dialog" aria-label="{name}">'),
        ('alt="logo"', 'alt=""'),
        ('<div class="md-search-result__meta">',
         '<div class="md-search-result__meta" role="status" aria-live="polite">'),
    ]


def apply(output: str, label: str, where: str) -> str:
    for old, new in fixes(label):
        if old not in output:
            raise PluginError(f"accessibility.py: expected {old!r} in {where}; "
                              "Material's markup changed, update the fix.")
        output = output.replace(old, new)
    return output


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    state = buildstate.get(config)
    label = state.model.label(buildstate.current_language(config), "search_dialog")
    return apply(output, label, page.file.src_uri)


@event_priority(10)  # before not_found.py moves the Swedish 404 page to sv/
def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name != "404.html" or not output:
        return output
    state = buildstate.get(config)
    return apply(output, state.model.label(buildstate.current_language(config), "search_dialog"), template_name)
