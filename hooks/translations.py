"""Translations: pending pages shown in every language, and notices for stale translations.

Events:
- on_files (after i18n, -110): a page marked `translation: pending` in one language
  is added to the other languages' passes too (same path, so links and the switcher
  keep working); the build has already failed for unmarked missing partners
  (sitelib.checks).
- on_page_markdown: hands the page assembly (hooks/page_assembly.py) a "not yet
  translated" notice in the reader's language on such a page, with the language of
  its text and title (the assembly marks them with `lang`, so screen readers
  pronounce them right, while the notices and a download link stay in the page's
  language); a "translation may lag" notice, with the date and a link, on a page
  whose partner was committed later (dates from one `git log`, see sitelib.gitdates).
"""

from __future__ import annotations

import html
import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs_static_i18n.folder import create_i18n_file
from sitelib import assembly, buildstate
from sitelib.translations import page_url


@event_priority(-110)  # after mkdocs-static-i18n has chosen this language's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = buildstate.get(config)
    lang = buildstate.current_language(config)
    plugin = buildstate.i18n(config)
    for other in state.languages:
        if other == lang:
            continue
        for path, info in state.pages(other).items():
            if info.pending and state.page(lang, path) is None:
                borrowed = File(f"{lang}/{path}", config.docs_dir, config.site_dir, config.use_directory_urls)
                borrowed = create_i18n_file(borrowed, lang, plugin.default_language, plugin.all_languages, config)
                borrowed.abs_src_path = os.path.join(config.docs_dir, other, path)
                files.append(borrowed)
    return files


def source_language(page: Page, state: buildstate.BuildState) -> str:
    rel = os.path.relpath(page.file.abs_src_path, state.docs_dir).replace(os.sep, "/")
    return rel.split("/", 1)[0]


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = buildstate.get(config)
    lang = buildstate.current_language(config)
    model = state.model
    source = source_language(page, state)
    parts = state.parts.of(page.file.src_uri)
    if source != lang:
        parts.content_lang = source
        parts.title = (assembly.Segment(page.title or "", source),)
        parts.add(
            assembly.notice(
                "translation-pending",
                "info",
                model.label(lang, "translation_pending_title"),
                html.escape(model.label(lang, "translation_pending")),
            )
        )
        return markdown
    path = os.path.relpath(page.file.abs_src_path, os.path.join(state.docs_dir, source)).replace(os.sep, "/")
    mine = state.git_date(lang, path)
    for other in state.languages:
        theirs = state.git_date(other, path) if other != lang and state.page(other, path) else None
        if mine and theirs and theirs > mine:
            target = page_url(path, other, state.default_language, config.use_directory_urls)
            href = html.escape(get_relative_url(target, page.url) if target else "./")
            text = html.escape(
                model.label(
                    lang,
                    "translation_stale",
                    version=model.data["language_versions"][lang][other],
                    date=theirs.strftime(model.label(lang, "date_format")),
                )
            )
            more = html.escape(model.label(lang, "translation_stale_link"))
            parts.add(
                assembly.notice(
                    "translation-stale",
                    "warning",
                    model.label(lang, "translation_stale_title"),
                    f'{text} <a href="{href}" hreflang="{other}" lang="{other}">{more}</a>',
                )
            )
    return markdown
