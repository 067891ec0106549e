"""Content model: validated front matter, generated catalogue, area lists, metadata boxes, tags.

Events:
- on_config (after i18n): in the first language pass, load data/site.yml and the
  schemas, read and check every page of every language once (sitelib.checks), and
  stop the build with ALL problems listed. Expose the data to templates as
  `config.extra.model`.
- on_page_markdown (before the tags plugin, priority -50): replace the markers
  (<!-- catalogue -->, <!-- area-outputs -->, <!-- area-cards -->, <!-- type-links -->,
  <!-- audience-links -->), add related outputs to output pages, the intention
  statement to area pages, the sources list to other pages, the review notice to
  overdue pages, and translated type and area tags.
- on_page_content: the metadata box of an output page, as HTML, after any notice.

The generated Markdown and HTML come from sitelib.catalogue (pure functions).
"""

from __future__ import annotations

import os
import posixpath
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from sitelib import buildstate, catalogue
from sitelib.translations import page_url


@event_priority(-110)  # after mkdocs-static-i18n has set the language of the pass
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if buildstate.is_first_pass(config):
        state = buildstate.begin(config)
        if state.scan.problems:
            listing = "\n".join(f"  - {p}" for p in state.scan.problems)
            raise PluginError(
                f"{len(state.scan.problems)} content problem(s); fix them and build again "
                f"(`make check` lists them in a second):\n{listing}")
    config.extra["model"] = buildstate.get(config).model.data
    return config


@event_priority(0)  # before the tags plugin (-50) reads page.meta["tags"]
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = buildstate.get(config)
    lang = buildstate.current_language(config)
    path = language_path(page, state)
    info = state.page(lang, path) or next(
        (state.page(l, path) for l in state.languages if state.page(l, path)), None)
    if info is None:
        return markdown
    model = state.model
    outputs = state.cached(("outputs", lang), lambda: catalogue.outputs(state.pages(lang)))

    def link(target: str) -> str | None:
        """Relative .md link to a page of this language (mkdocs checks and rewrites it)."""
        return posixpath.relpath(target, posixpath.dirname(path) or ".") if state.has_page(lang, target) else None

    def url(target: str) -> str | None:
        """Final relative URL, for the generated HTML that mkdocs does not rewrite."""
        if not state.has_page(lang, target):
            return None
        return get_relative_url(page_url(target, lang, state.default_language, config.use_directory_urls) or ".",
                                page.url)

    head, tail = "", ""
    meta = info.meta
    # Our `status` (current/superseded/archived) is shown in the metadata box; Material
    # would also read it as its own page status and put an icon in the navigation.
    page.meta.pop("status", None)
    if info.kind == "output":
        page.meta["tags"] = [model.name("types", meta["type"], lang)] + [
            model.name("areas", n, lang) for n in meta["areas"]]
        state.cache[("meta box", page.file.src_uri)] = catalogue.meta_box(meta, model, lang, url)
        current = state.cached(("output by path", lang), lambda: {o.path: o for o in outputs})[info.path]
        areas_index = state.cached(("outputs by area", lang), lambda: catalogue.by_area(outputs))
        tail += "\n" + catalogue.related(current, outputs, model, lang, url, areas_index=areas_index)
    elif info.kind == "area":
        page.meta["tags"] = [model.name("areas", meta["area"], lang)]
        head += catalogue.area_intention(meta["area"], model, lang)
    review = meta.get("review") or {}
    due = review.get("next_review")
    if due and due < state.today:
        date = due.strftime(model.label(lang, "date_format"))
        head = (f'!!! warning "{model.label(lang, "review_overdue_title")}"\n\n'
                f"    {model.label(lang, 'review_overdue', date=date)}\n\n") + head

    generated = {
        "catalogue": lambda: catalogue.catalogue(
            outputs, model, lang, url,
            get_relative_url("assets/javascripts/catalogue-filter.js", page.file.url)),
        "area-outputs": lambda: catalogue.area_outputs(meta["area"], outputs, model, lang, link),
        "area-cards": lambda: catalogue.area_cards(model, lang, link),
        "type-links": lambda: catalogue.facet_links("types", "type", outputs, model, lang, link),
        "audience-links": lambda: catalogue.facet_links("audiences", "audience", outputs, model, lang, link),
    }
    if info.kind not in ("output",) and meta.get("sources"):
        tail += "\n" + catalogue.page_sources(meta["sources"], model, lang)
    if "<!-- " in markdown:
        markdown = replace_markers(markdown, generated, info)
    return head + markdown + tail


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The metadata box goes first on an output page (made in on_page_markdown)."""
    box = buildstate.get(config).cache.pop(("meta box", page.file.src_uri), None)
    if not box:
        return html
    notices = re.match(r'(?:\s*<div class="admonition[^"]*">.*?</div>)*', html, re.S)  # review, translation
    return html[: notices.end()] + box + html[notices.end():]


def replace_markers(markdown: str, generated: dict, info) -> str:
    """Replace marker lines (`<!-- catalogue -->` alone on a line), but not inside code."""
    lines, fence = [], None
    for line in markdown.split("\n"):
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            fence = None if fence and stripped.startswith(fence) else (fence or stripped[:3])
        marker = stripped[5:-4] if stripped.startswith("<!-- ") and stripped.endswith(" -->") else None
        if fence is None and marker in generated and line == stripped:
            if marker == "area-outputs" and info.kind != "area":
                raise PluginError(f"{info.file}: <!-- area-outputs --> only works on area pages.")
            lines.append(generated[marker]())
        else:
            lines.append(line)
    return "\n".join(lines)


def language_path(page: Page, state: buildstate.BuildState) -> str:
    """Path of a page inside its language folder ('outputs/x.md')."""
    rel = os.path.relpath(page.file.abs_src_path, state.docs_dir).replace(os.sep, "/")
    return rel.split("/", 1)[1] if "/" in rel else rel
