"""Open data: the catalogue of outputs as JSON and CSV, an Atom feed, and their JSON Schema.

Per language and version: <lang prefix>outputs/catalogue.json and catalogue.csv and
<lang prefix>feed.xml; the schema once, at schemas/catalogue.schema.json. All of them are
made from the same rows as the HTML catalogue (sitelib.opendata_site; paths, licence
and CSV conventions in the `open_data` section of data/site.yml).

Events:
- on_config (150, before Material's offline plugin at 0 turns directory URLs off):
  remember the hosted site's form of page addresses, which the files of the offline
  build keep.
- on_page_markdown (10, before content_model.py (0) replaces <!-- catalogue -->): on the
  catalogue page, the download links with the files' real sizes, the feed, the schema
  and the licence, in place of a <!-- open-data --> line, or else just before the
  catalogue. Plain HTML with page-relative links, so it works under mike's version
  folders and from file://.
- on_page_context / on_template_context (404.html): `open_data` for
  partials/meta-open-data.html: the feed link in the head of every page.
- on_post_build (0, in each language's own pass, before mkdocs-static-i18n (-100) starts
  the other languages' passes): write this language's files; the default language's
  pass writes the schema. So each part of the parallel build writes its own language's
  files, and the merged site equals the serial build.
  With SITE_TIMINGS set, it also appends the time spent so far in open data and
  structured data to that file, for `make bench` (sitelib.stopwatch).
"""

from __future__ import annotations

import html
import os
import posixpath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url, write_file
from sitelib import buildstate, opendata, opendata_site, stopwatch
from sitelib.translations import page_url

MARKER = "<!-- open-data -->"
CATALOGUE_MARKER = "<!-- catalogue -->"


def prefixed(state: buildstate.BuildState, lang: str, path: str) -> str:
    """Site-root-relative path of a file of `lang` ('sv/outputs/catalogue.json')."""
    return path if lang == state.default_language else f"{lang}/{path}"


@event_priority(150)  # before Material's offline plugin (0) sets use_directory_urls: false
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    first_pass = not buildstate.i18n(config).building
    opendata_site.remember_hosted_urls(config, first_pass)
    if first_pass:
        stopwatch.reset()
    return config


def links_html(config: MkDocsConfig, state: buildstate.BuildState, lang: str, page: Page) -> str:
    """The catalogue page's block: downloads with sizes, feed, schema, licence."""
    model, esc = state.model, html.escape
    paths = opendata_site.spec(state)["files"]
    made = opendata_site.files(config, state, lang)

    def href(path: str, shared: bool = False) -> str:
        target = path if shared else prefixed(state, lang, path)
        return esc(get_relative_url(target, page.url))

    def size(data: bytes) -> str:
        return esc(opendata.size_text(len(data), model, lang))

    def label(key: str, **values) -> str:
        return esc(model.label(lang, key, **values))

    licence = opendata.licence(model, lang)
    site_name = opendata_site.site_names(config)[0].get(lang, config.site_name)
    licence_link = f'<a href="{esc(licence["deed"])}" rel="license" hreflang="{esc(lang)}">{esc(licence["name"])}</a>'
    licence_text = esc(model.data["labels"][lang]["open_data_licence"]).format(
        licence=licence_link, site=esc(site_name)
    )
    help_link = ""
    if state.has_page(lang, "contributing/index.md"):
        contributing = page_url("contributing/index.md", lang, state.default_language, config.use_directory_urls)
        target = get_relative_url(contributing, page.url) + "#open-data"
        help_link = f' <a href="{esc(target)}">{label("open_data_help")}</a>'
    return (
        '<div class="open-data">\n'
        f"<p>{label('open_data_download')}: "
        f'<a href="{href(paths["json"])}" type="application/json" download>JSON ({size(made.json)})</a>, '
        f'<a href="{href(paths["csv"])}" type="text/csv" download>CSV ({size(made.csv)})</a> · '
        f'<a href="{href(paths["schema"], shared=True)}" type="application/schema+json">{label("open_data_schema")}</a>'
        "</p>\n"
        f"<p>{label('open_data_feed')}: "
        f'<a href="{href(paths["feed"])}" type="application/atom+xml">{label("open_data_feed_link")}</a></p>\n'
        f"<p>{licence_text} {label('open_data_originals')}{help_link}</p>\n"
        "</div>\n"
    )


@event_priority(10)  # before content_model.py (0) replaces the catalogue marker
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = buildstate.get(config)
    spec = opendata_site.spec(state)
    if not spec or language_path(page, state) != spec.get("page"):
        return markdown
    with stopwatch.timed("open data"):
        block = "\n" + links_html(config, state, buildstate.current_language(config), page) + "\n"
    lines = markdown.split("\n")
    for marker in (MARKER, CATALOGUE_MARKER):
        if marker in lines:
            at = lines.index(marker)
            return "\n".join(lines[:at] + [block] + lines[at + (marker == MARKER) :])
    return markdown + "\n" + block


def feed_context(config: MkDocsConfig) -> dict | None:
    state = buildstate.get(config)
    spec = opendata_site.spec(state)
    if not spec:
        return None
    lang = buildstate.current_language(config)
    site_name = opendata_site.site_names(config)[0].get(lang, config.site_name)
    return {
        "feed": prefixed(state, lang, spec["files"]["feed"]),
        "feed_title": state.model.label(lang, "feed_title", site=site_name),
    }


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    context["open_data"] = feed_context(config)
    return context


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    if template_name == "404.html":
        context["open_data"] = feed_context(config)
    return context


@event_priority(0)  # in this language's pass, before mkdocs-static-i18n (-100) runs the next
def on_post_build(config: MkDocsConfig) -> None:
    state = buildstate.get(config)
    lang = buildstate.current_language(config)
    spec = opendata_site.spec(state)
    if spec and not (state.only_language and state.only_language != lang):
        with stopwatch.timed("open data"):
            made = opendata_site.files(config, state, lang)
            paths = spec["files"]
            for key, data in (("json", made.json), ("csv", made.csv), ("feed", made.feed)):
                write_file(data, os.path.join(config.site_dir, *prefixed(state, lang, paths[key]).split("/")))
            if lang == state.default_language:
                schema = opendata_site.published_schema(state)
                write_file(schema, os.path.join(config.site_dir, *paths["schema"].split("/")))
    stopwatch.write()  # the totals so far (the last pass's line holds the whole build's)


def language_path(page: Page, state: buildstate.BuildState) -> str:
    """Path of a page inside its language folder ('outputs/index.md')."""
    rel = os.path.relpath(page.file.abs_src_path, state.docs_dir).replace(os.sep, "/")
    return rel.split("/", 1)[1] if "/" in rel else posixpath.basename(rel)
