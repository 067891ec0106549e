"""Content model: validated front matter, generated catalogue, area lists, metadata boxes, tags.

Events:
- on_config (-110, after mkdocs-static-i18n's -100 set the language of the pass): in
  the first language pass, load data/site.yml and the schemas, read and check every
  page of every language once (sitelib.checks; a one-language build checks the front
  matter of its own language only), and stop the build with ALL problems listed.
  Expose the data to templates as `config.extra.model`.
- on_page_markdown (0, before the tags plugin's -50 reads page.meta["tags"]): replace
  the markers (<!-- catalogue -->, <!-- area-outputs -->, <!-- area-cards -->,
  <!-- type-links -->, <!-- audience-links -->), add the intention statement to area
  pages, the sources list to other pages and translated type and area tags; hand the
  page assembly (hooks/page_assembly.py, sitelib.assembly) the review-overdue notice,
  an output's metadata box, its related outputs and the catalogue table (inserted after
  the search plugin has indexed the page: lists of other pages' titles would make every
  page match them; a search finds the output pages themselves), and the language of an
  output title that starts with its original title; put the unofficial marker after
  an area name in the page title where the name is our own translation.

The generated Markdown and HTML come from sitelib.catalogue (pure functions).
"""

from __future__ import annotations

import html
import os
import posixpath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from sitelib import assembly, buildstate, catalogue
from sitelib.translations import page_url


@event_priority(-110)  # after mkdocs-static-i18n has set the language of the pass
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if buildstate.is_first_pass(config):
        state = buildstate.begin(config)
        if state.scan.problems:
            listing = "\n".join(f"  - {p}" for p in state.scan.problems)
            raise PluginError(
                f"{len(state.scan.problems)} content problem(s); fix them and build again "
                f"(`make check` lists them in a second):\n{listing}"
            )
    config.extra["model"] = buildstate.get(config).model.data
    return config


@event_priority(0)  # before the tags plugin (-50) reads page.meta["tags"]
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = buildstate.get(config)
    lang = buildstate.current_language(config)
    path = language_path(page, state)
    info = state.page(lang, path) or next((state.page(l, path) for l in state.languages if state.page(l, path)), None)
    if info is None:
        return markdown
    model = state.model
    # outputs awaiting translation into this language are listed too (in their own language)
    outputs = state.cached(("outputs", lang), lambda: catalogue.outputs(state.visible_pages(lang)))

    def link(target: str) -> str | None:
        """Relative .md link to a page of this language (mkdocs checks and rewrites it)."""
        return posixpath.relpath(target, posixpath.dirname(path) or ".") if state.has_page(lang, target) else None

    def url(target: str) -> str | None:
        """Final relative URL, for the generated HTML that mkdocs does not rewrite."""
        if not state.has_page(lang, target):
            return None
        return get_relative_url(
            page_url(target, lang, state.default_language, config.use_directory_urls) or ".", page.url
        )

    head, tail = "", ""
    parts = state.parts.of(page.file.src_uri)  # what the page assembly adds after search indexing
    meta = info.meta
    # Our `status` (current/superseded/archived) is shown in the metadata box; Material
    # would also read it as its own page status and put an icon in the navigation.
    page.meta.pop("status", None)
    # An area name that is our own translation carries its marker in the title (and so in
    # the navigation, the <title>, tags and PDFs): from the model, never typed by hand.
    if isinstance(page.meta.get("title"), str):
        page.meta["title"] = model.mark_unofficial(page.meta["title"], info.lang)
    if info.kind == "output":
        page.meta["tags"] = [model.name("types", meta["type"], lang)] + [
            model.name("areas", n, lang) for n in meta["areas"]
        ]
        output_index = state.cached(("output index", lang), lambda: catalogue.index(outputs))
        related = catalogue.related(output_index.by_path[info.path], outputs, output_index=output_index)
        parts.add(assembly.Block("meta", "output-meta", catalogue.meta_box(meta, model, lang, url)))
        segments = assembly.title_segments(
            str(meta.get("title", "")), lang, meta.get("original_title"), (meta.get("original_languages") or [None])[0]
        )
        if segments and parts.title is None:  # a page awaiting translation: translations.py marks the whole title
            parts.title = segments
        if related:
            parts.inserts.append(assembly.Insert(RELATED_MARKER, catalogue.related_list(related, model, lang, url)))
            tail += f"\n\n## {model.label(lang, 'related')} {{ #related data-search-exclude }}\n\n{RELATED_MARKER}\n"
    elif info.kind == "area":
        page.meta["tags"] = [model.name("areas", meta["area"], lang)]
        head += catalogue.area_intention(meta["area"], model, lang)
    review = meta.get("review") or {}
    due = review.get("next_review")
    if due and due < state.today:
        date = due.strftime(model.label(lang, "date_format"))
        parts.add(
            assembly.notice(
                "review-overdue",
                "warning",
                model.label(lang, "review_overdue_title"),
                html.escape(model.label(lang, "review_overdue", date=date)),
            )
        )

    def catalogue_later() -> str:
        parts.inserts.append(
            assembly.Insert(
                CATALOGUE_MARKER,
                catalogue.catalogue(
                    outputs, model, lang, url, get_relative_url("assets/javascripts/catalogue-filter.js", page.file.url)
                ),
            )
        )
        return CATALOGUE_MARKER  # kept by Markdown as it is, replaced by the page assembly

    generated = {
        "catalogue": catalogue_later,
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


CATALOGUE_MARKER = "<!-- catalogue -->"
RELATED_MARKER = "<!-- related-outputs -->"


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
