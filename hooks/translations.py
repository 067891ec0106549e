"""Translations: pending pages shown in every language, and notices for stale translations.

Events:
- on_files (after i18n, -110): a page marked `translation: pending` in one language
  is added to the other languages' passes too (same path, so links and the switcher
  keep working); the build has already failed for unmarked missing partners
  (sitelib.checks).
- on_page_markdown: a "not yet translated" notice in the reader's language on such
  a page; a "translation may lag" notice, with the date and a link, on a page whose
  partner was committed later (dates from one `git log`, see sitelib.gitdates).
- on_page_content: the borrowed text keeps its own language (`<div lang>`), so
  screen readers pronounce it right.
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

from sitelib import buildstate
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
                borrowed = create_i18n_file(borrowed, lang, plugin.default_language,
                                            plugin.all_languages, config)
                borrowed.abs_src_path = os.path.join(config.docs_dir, other, path)
                files.append(borrowed)
    return files


def source_language(page: Page, state: buildstate.BuildState) -> str:
    rel = os.path.relpath(page.file.abs_src_path, state.docs_dir).replace(os.sep, "/")
    return rel.split("/", 1)[0]


@event_priority(-10)
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = buildstate.get(config)
    lang = buildstate.current_language(config)
    model = state.model
    source = source_language(page, state)
    path = os.path.relpath(page.file.abs_src_path, os.path.join(state.docs_dir, source)).replace(os.sep, "/")
    if source != lang:
        return (f'!!! info "{model.label(lang, "translation_pending_title")}"\n\n'
                f"    {model.label(lang, 'translation_pending')}\n\n") + markdown
    mine = state.git_date(lang, path)
    notices = []
    for other in state.languages:
        theirs = state.git_date(other, path) if other != lang and state.page(other, path) else None
        if mine and theirs and theirs > mine:
            target = page_url(path, other, state.default_language, config.use_directory_urls)
            href = html.escape(get_relative_url(target, page.url) if target else "./")
            text = model.label(lang, "translation_stale",
                               version=model.data["language_versions"][lang][other],
                               date=theirs.strftime(model.label(lang, "date_format")))
            more = html.escape(model.label(lang, "translation_stale_link"))
            notices.append(f'!!! warning "{model.label(lang, "translation_stale_title")}"\n\n'
                           f'    {text} <a href="{href}" hreflang="{other}" lang="{other}">{more}</a>\n\n')
    return "".join(notices) + markdown


def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = buildstate.get(config)
    source = source_language(page, state)
    if source == buildstate.current_language(config):
        return html_text
    # The notice is the first block; the borrowed text after it keeps its language.
    notice_end = html_text.find("</div>") + len("</div>")
    return f'{html_text[:notice_end]}<div lang="{source}">{html_text[notice_end:]}</div>'
