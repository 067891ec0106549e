"""Front-matter text is text: a page's title reaches the theme escaped.

MkDocs renders templates without autoescaping, and Material prints the page title as
it is in `<title>`, the header, the navigation, the breadcrumbs, the footer, the page's
<h1> and the tags page, and its search plugin copies it into the search index, whose
results are drawn as HTML. So a title such as `</title><script>…` or `A & <B>` would
become markup. This hook hands the theme the title already escaped, as a
markupsafe.Markup (which Jinja's `|e` leaves alone, so nothing is escaped twice):

- page.title: escaped with quotes (it also goes into attributes: the footer's
  aria-label);
- page.meta["title"]: escaped without quotes, like the rest of the search index's text
  (Material escapes it with quote=False): Material prints it only between tags
  (<title>, header) and in the index. `check_material_templates` asserts that.

Section and link titles from .pages files get the same treatment. Our own templates and
hooks escape every other front-matter field themselves (description, publisher,
sources: meta boxes, catalogue, Open Graph, JSON-LD, feeds, CSV); `make check` refuses
control characters, which no format can carry (sitelib.textcheck).

Events:
- on_config: check Material's templates once per process (see above).
- on_page_markdown (-100, after content_model.py (0) has put the unofficial-translation
  marker after area names in the title; nothing reads the title between that and the
  search plugin and the templates): every page of the pass goes through this event
  before any template renders the navigation, so every title is escaped in time.
- on_nav (-210, after nav_order.py (-200), the last to change the navigation).
"""

from __future__ import annotations

import html
import os
import re

import material
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

# Where Material's templates print page.meta.title, and how (each between tags, or urlencoded).
EXPECTED_META_TITLE = {
    "base.html": ["<title>{{ page.meta.title }} - {{ config.site_name }}</title>"],
    "partials/header.html": ["{{ page.meta.title }}"],
    "partials/feedback.html": ["{% set title = page.meta.title | urlencode %}"],
}
_checked: list[bool] = []


def check_material_templates() -> None:
    """Fail the build if Material prints page.meta.title anywhere else or otherwise."""
    if _checked:
        return
    root = os.path.join(os.path.dirname(material.__file__), "templates")
    found = {}
    for folder, _, names in os.walk(root):
        for name in names:
            if name.endswith(".html"):
                path = os.path.join(folder, name)
                with open(path, encoding="utf-8") as handle:
                    text = handle.read()
                uses = [
                    m.group(0).strip()
                    for m in re.finditer(r"[^\n]*page\.meta\.title[^\n]*", text)
                    if "{{ page.meta.title }}" in m.group(0) or "page.meta.title |" in m.group(0)
                ]
                if uses:
                    found[os.path.relpath(path, root).replace(os.sep, "/")] = uses
    for name, uses in found.items():
        expected = EXPECTED_META_TITLE.get(name, [])
        if any(not any(e in use for e in expected) for use in uses):
            raise PluginError(
                f"front_matter_text.py: Material (mkdocs-material, templates/{name}) prints page.meta.title "
                f"in a place this hook does not know: {uses}. Check that it is printed between tags, then update "
                "EXPECTED_META_TITLE in hooks/front_matter_text.py."
            )
    _checked.append(True)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    check_material_templates()
    return config


def escaped(text, quote: bool) -> Markup:
    if isinstance(text, Markup):
        return text
    return Markup(html.escape(str(text), quote=quote))


@event_priority(-100)  # after content_model.py (0) marks unofficial area names in the title
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    raw = page.meta.get("title")
    if isinstance(raw, Markup):  # escaped before (a page handed to this event twice)
        raw = raw.unescape()
    if raw is not None:
        page.meta["title"] = escaped(raw, quote=False)
    explicit = page.__dict__.get("title")  # a title given in the nav (.pages) wins over front matter
    if explicit is not None or raw is not None:
        page.title = escaped(explicit if explicit is not None else raw, quote=True)
    return markdown


@event_priority(-210)  # after nav_order.py (-200)
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    def walk(items):
        for item in items:
            if isinstance(item, (Section, Link)) and item.title is not None:
                item.title = escaped(item.title, quote=True)
            if isinstance(item, Section):
                walk(item.children)

    walk(nav.items)
    return nav
