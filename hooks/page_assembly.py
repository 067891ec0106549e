"""Page assembly: the top of every page, in one order, in one place.

Events:
- on_page_context (-50: after the search plugin (0) has indexed page.content, before
  the page template): put together the blocks the other hooks handed the page's
  `PageParts` (BuildState.parts; sitelib.assembly): the H1, the notices (translation
  pending, translation may lag, review overdue), the handbook's PDF download and an
  output's metadata box, each in its own container, then the content, wrapped in
  `<div class="page-content" lang>` when it is in another language; and the generated
  lists and tables that go in place of their markers. Added this late, none of them is
  in the search index.

The H1 is written here, not by Material's partials/content.html (which writes
`<h1>{{ page.title }}</h1>` only when the content has none, unescaped and without a
language): a page awaiting translation has its title in the other language, and an
output's Swedish title may start with its Finnish original title. The template gets
the same title for the header (`page_title_html`, `page_title_lang`; see
overrides/partials/header.html).
"""

from __future__ import annotations

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from sitelib import assembly, buildstate


@event_priority(-50)  # after the search plugin (0) indexed page.content; the template comes next
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    state = buildstate.get(config)
    parts = state.parts.take(page.file.src_uri)
    title = page.title or config.site_name
    try:
        page.content = assembly.assemble(page.content or "", parts, buildstate.current_language(config), title)
    except ValueError as error:
        raise PluginError(f"{page.file.src_uri}: {error} (hooks/page_assembly.py)") from None
    context["page_title_html"] = Markup(assembly.title_html(title, parts.title))
    context["page_title_lang"] = assembly.title_lang(parts.title)
    return context
