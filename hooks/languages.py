"""Languages: switcher, hreflang, sitemap, one 404 per language, top-level nav order.

Events:
- on_files (-120): files outside the language folders (shared images) are part of
  every language's pass, so Swedish pages can link to them too.
- on_nav (-200, after i18n): mkdocs-static-i18n sorts the top level alphabetically;
  put it back in the order of docs/<lang>/.pages.
- on_page_context (-100, after i18n): the switcher and the `<link rel="alternate"
  hreflang>` tags point to the same page in every language, as page-relative links
  (so they survive mike's /<version>/ prefix on every page, home included, and work
  from file://), plus x-default; no canonical link with an absolute address.
- on_template_context: the sitemap lists every page of every language with its
  alternates, computed from the docs tree (identical in every pass and process).
- on_page_content: the heading permalinks' title in the page's language.
- on_post_template: 404.html of a non-default language goes to <lang>/404.html
  instead of overwriting the default language's.
- on_post_build: robots.txt pointing to the sitemap.
"""

from __future__ import annotations

import os

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, get_files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import write_file

from sitelib import buildstate
from sitelib.translations import page_url


@event_priority(-120)  # after mkdocs-static-i18n (-100) chose this language's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    add_shared_files(files, config, buildstate.get(config))
    return files


def add_shared_files(files: Files, config: MkDocsConfig, state: buildstate.BuildState) -> None:
    """Files outside the language folders (docs/assets/...) belong to every language.

    mkdocs-static-i18n (without fallback to the default language) leaves them out of
    the other languages' passes, so their pages could not link to a shared image.
    """
    if "shared" not in state.cache:
        state.cache["shared"] = [
            f for f in get_files(config)
            if f.src_uri.split("/")[0] not in state.languages and not f.is_documentation_page()]
    present = {f.src_uri for f in files}
    for shared in state.cache["shared"]:
        if shared.src_uri not in present:
            files.append(File(shared.src_path, config.docs_dir, config.site_dir, config.use_directory_urls))


@event_priority(-200)  # after mkdocs-static-i18n (-100) flattened and sorted the nav
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    state = buildstate.get(config)
    lang = buildstate.current_language(config)
    order = top_level_order(os.path.join(state.docs_dir, lang, ".pages"))
    if order:
        nav.items.sort(key=lambda item: _rank(item, order, lang))
    for item in nav.items:  # i18n removed the language's own section ("Fi") from the
        if item.parent is not None and item.parent not in nav.items:  # top level, but
            item.parent = None  # not from the breadcrumbs of the items it lifted up
    return nav


def top_level_order(pages_file: str) -> list[str]:
    """Entry names of the nav in a .pages file ('...' and titles skipped)."""
    if not os.path.isfile(pages_file):
        return []
    with open(pages_file, encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    names = []
    for entry in data.get("nav", []):
        name = list(entry.values())[0] if isinstance(entry, dict) else entry
        if isinstance(name, str) and name != "...":
            names.append(name.rstrip("/"))
    return names


def _first_source(item) -> str:
    if isinstance(item, Page):
        return item.file.src_uri
    if isinstance(item, Section):
        for child in item.children:
            found = _first_source(child)
            if found:
                return found
    return ""


def _rank(item, order: list[str], lang: str) -> int:
    parts = _first_source(item).split("/")
    name = parts[1] if len(parts) > 1 and parts[0] == lang else parts[0]
    return order.index(name) if name in order else len(order)


def alternates(path: str, state: buildstate.BuildState, use_directory_urls: bool) -> list[dict]:
    """One entry per language: the same page's site-root-relative URL in that language."""
    return [{"name": state.language_names[l], "lang": l,
             "link": page_url(path, l, state.default_language, use_directory_urls) or "./"}
            for l in state.languages]


@event_priority(-100)  # after mkdocs-static-i18n's own switcher (50)
def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    state = buildstate.get(config)
    rel = os.path.relpath(page.file.abs_src_path, state.docs_dir).replace(os.sep, "/").split("/", 1)[1]
    links = alternates(rel, state, config.use_directory_urls)
    # mkdocs-static-i18n sets `config.extra.alternate` as an attribute, which Jinja reads
    # before the item: replace both.
    config.extra["alternate"] = links
    config.extra.alternate = links
    context["x_default"] = links[0]["link"]
    page.canonical_url = None
    return context


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
            links = [{"lang": l, "href": base + page_url(path, l, state.default_language, use_directory_urls)}
                     for l in state.languages]
            links.append({"lang": "x-default", "href": links[0]["href"]})
            entries.append({"loc": base + page_url(path, lang, state.default_language, use_directory_urls),
                            "lastmod": date.date().isoformat() if date else None,
                            "alternates": links})
    return entries


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    if template_name == "404.html":  # the switcher of the 404 page leads to the home pages
        links = alternates("index.md", buildstate.get(config), config.use_directory_urls)
        config.extra["alternate"] = links
        config.extra.alternate = links
    if template_name == "sitemap.xml":
        state = buildstate.get(config)
        key = ("sitemap", config.site_url, config.use_directory_urls)
        if key not in state.cache:
            state.cache[key] = sitemap_entries(state, config.site_url or "", config.use_directory_urls)
        context["sitemap_entries"] = state.cache[key]
    return context


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The heading permalinks' title, which the toc extension writes in English."""
    state = buildstate.get(config)
    label = state.model.label(buildstate.current_language(config), "permalink")
    return html.replace('title="Permanent link"', f'title="{label}" aria-label="{label}"')


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    state = buildstate.get(config)
    lang = buildstate.current_language(config)
    if template_name == "404.html" and lang != state.default_language:
        write_file(output.encode("utf-8"), os.path.join(config.site_dir, lang, "404.html"))
        return ""  # mkdocs skips an empty template: the root 404.html stays in the default language
    return output


def on_post_build(config: MkDocsConfig) -> None:
    if config.site_url and buildstate.is_first_pass(config):
        base = config.site_url if config.site_url.endswith("/") else config.site_url + "/"
        write_file(f"User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n".encode(),
                   os.path.join(config.site_dir, "robots.txt"))
