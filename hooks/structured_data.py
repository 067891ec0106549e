"""Structured data in the head of every page: Open Graph, and schema.org JSON-LD where
there is a thing to describe (sitelib.jsonld).

- Every page (the 404 pages too): Open Graph title, description, type, site name,
  address and locale with the other languages' locales as og:locale:alternate
  (data/site.yml open_data.locales). No og:image and nothing from another host.
- The home page: the WebSite in its language, with the other language's WebSite as its
  translation (workTranslation on the default language's home, translationOfWork on
  the others).
- Every output page: the output as the schema.org type of its content type
  (open_data.schema_org_types), from the same row as the open-data files.
- The catalogue page (open_data.page): the catalogue as a Dataset with its downloads.

Events:
- on_page_context (-60, after content_model.py (-50) has added its late HTML; any time
  before the template): `structured_data` for the partials meta-description.html
  (Open Graph) and meta-open-data.html (JSON-LD). Values stay plain text here; the
  partials escape them, and JSON-LD is made safe for its script block by
  jsonld.script_json.
- on_template_context (404.html): the same for the 404 page.

Absolute addresses are site_url + the page's path (sitelib.opendata.Site.url), the
same as in the open-data files and as mkdocs' canonical link (under mike, site_url is
the default version's address, so every version names the canonical page). The offline
build has no og:url, as it has no canonical link.
"""

from __future__ import annotations

import os

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page
from sitelib import buildstate, jsonld, opendata_site, stopwatch


def rows_by_path(config: MkDocsConfig, state: buildstate.BuildState, lang: str) -> dict[str, dict]:
    def make():
        made = opendata_site.files(config, state, lang)
        return {o.path: row for o, row in zip(made.outputs, made.doc["outputs"])}

    return state.cached(("open data rows", lang), make)


def plain(value) -> str:
    """Text of a value that the front_matter_text hook may have escaped for the theme."""
    return str(value.unescape()) if isinstance(value, Markup) else str(value or "")


def head_data(config: MkDocsConfig, path: str | None, title: str, description: str) -> dict:
    state = buildstate.get(config)
    lang = buildstate.current_language(config)
    model = state.model
    where = opendata_site.site(config, state, lang)
    names, descriptions = opendata_site.site_names(config)
    site_name = names.get(lang, config.site_name)
    # og:url only where the site has an address (like the canonical link: none offline)
    offline = config.plugins.get("material/offline") or config.plugins.get("offline")
    hosted = not (offline and offline.config.enabled)
    url = where.url(path) if hosted and path and state.has_page(lang, path) else None
    blocks = []
    spec = opendata_site.spec(state)
    if path == "index.md":
        blocks.append(jsonld.website(where, names, descriptions, model))
    if spec and path:
        row = rows_by_path(config, state, lang).get(path)
        if row:
            area_urls = {
                a["number"]: where.url(f"areas/{a['slug']}.md")
                for a in row["areas"]
                if a["slug"] and state.has_page(lang, f"areas/{a['slug']}.md")
            }
            blocks.append(jsonld.output(row, model, where, area_urls))
        elif path == spec.get("page"):
            blocks.append(jsonld.dataset(opendata_site.files(config, state, lang).doc, where, site_name, model))
    return {
        "open_graph": jsonld.open_graph(
            title, description, url, lang, state.languages, site_name, model, is_home=path == "index.md"
        ),
        "json_ld": [jsonld.script_json(block) for block in blocks],
    }


@event_priority(-60)  # any time before the template; after content_model.py's late HTML (-50)
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    with stopwatch.timed("structured data"):
        state = buildstate.get(config)
        rel = os.path.relpath(page.file.abs_src_path, state.docs_dir).replace(os.sep, "/")
        path = rel.split("/", 1)[1] if "/" in rel else rel
        description = plain((page.meta or {}).get("description")) or config.site_description or ""
        context["structured_data"] = head_data(config, path, plain(page.title), description)
    return context


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    if template_name == "404.html":
        state = buildstate.get(config)
        title = state.model.label(buildstate.current_language(config), "not_found_title")
        context["structured_data"] = head_data(config, None, title, config.site_description or "")
    return context
