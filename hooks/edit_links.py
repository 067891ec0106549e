"""Edit and source links: every page links to its own file in the repository.

Material draws the buttons (features `content.action.edit` and `content.action.view`,
from `page.edit_url`) and the header's repository link (`repo_url`, `repo_name`); this
hook gives them the right addresses and words.

Events:
- on_config (-120, after content_model.py (-110) has loaded the content model and after
  mkdocs-static-i18n (-100) has set the language of the pass): the repository from one
  place (sitelib.repository: GITHUB_SERVER_URL + GITHUB_REPOSITORY in CI, else REPO_URL,
  else mkdocs.yml's `repo_url`; the branch likewise) into `repo_url` and `edit_uri`, and
  the header link's name in the pass's language (label `repo_name`; mkdocs-static-i18n
  refuses a per-language `repo_name`).
- on_pre_page: `page.edit_url` is the file of the page's own language
  (docs/sv/outputs/x.md); a page awaiting translation points at its source language's
  file, which is where the text is, and hands the page assembly (hooks/page_assembly.py)
  a note among its notices, under its title, that the links open the other language's
  file (label `edit_source_language`).
- on_post_page (-90, after every other hook's HTML changes): the "view source" button
  gets the raw URL where Material's string replacement would break it; the header's
  repository link gets its title in the page's language and no request to the host's
  API. Each change asserts
  Material's markup and stops the build with the package and file to check if it moved.
- on_post_template (10, before not_found.py (0) writes a non-default language's 404 page):
  the same for the header's repository link on the 404 page, which is a template.
"""

from __future__ import annotations

import html
import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from sitelib import assembly, buildstate, repository

_REPOSITORY = "edit links: repository"


@event_priority(-120)  # after content_model.py (-110) and mkdocs-static-i18n (-100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    state = buildstate.get(config)
    lang = buildstate.current_language(config)
    repo = state.cache.get(_REPOSITORY)
    if repo is None:
        repo = repository.resolve(os.environ, config.repo_url, config.edit_uri)
        state.cache[_REPOSITORY] = repo or False
    if repo:
        config.repo_url = repo.url
        config.edit_uri = repo.edit_uri
        config.repo_name = state.model.label(lang, "repo_name")
    return config


def markup_changed(error: repository.MarkupChanged) -> PluginError:
    return PluginError(
        f"hooks/edit_links.py: Material for MkDocs changed {error}; update "
        "hooks/sitelib/repository.py to the markup of the installed mkdocs-material "
        "(material/templates/partials/)."
    )


def source_of(page: Page, config: MkDocsConfig) -> str | None:
    """The page's file under docs/ ('sv/outputs/x.md'): for a page awaiting translation,
    the source language's file (hooks/translations.py points abs_src_path at it)."""
    if not page.file.abs_src_path:
        return None
    rel = os.path.relpath(page.file.abs_src_path, config.docs_dir).replace(os.sep, "/")
    return None if rel.startswith("../") else rel


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    state = buildstate.get(config)
    repo = state.cache.get(_REPOSITORY)
    source = source_of(page, config) if repo else None
    page.edit_url = repo.edit_url(source) if source else None
    features = config.theme["features"] if "features" in config.theme else []
    source_lang = source.split("/", 1)[0] if source else None
    lang = buildstate.current_language(config)
    if page.edit_url and "content.action.edit" in features and source_lang != lang and source_lang in state.languages:
        file = f"{repo.docs}/{source}" if repo.docs else source
        note = html.escape(state.model.label(lang, "edit_source_language", file="\0"))
        note = note.replace("\0", f"<code>{html.escape(file)}</code>")
        state.parts.of(page.file.src_uri).add(
            assembly.Block("notice", "edit-source-language", f'<p class="edit-source-note">{note}</p>')
        )
    return page


@event_priority(-90)  # after the other hooks' on_post_page (material_patches.py at 0)
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    state = buildstate.get(config)
    repo = state.cache.get(_REPOSITORY)
    if not repo:
        return output
    lang = buildstate.current_language(config)
    features = config.theme["features"] if "features" in config.theme else []
    try:
        output = repository.localise_source_link(output, state.model.label(lang, "repo_link_title"))
        source = source_of(page, config)
        if source and page.edit_url and "content.action.edit" in features:
            if "content.action.view" in features:
                output = repository.fix_view_link(output, page.edit_url, repo.raw_url(source))
    except repository.MarkupChanged as error:
        raise markup_changed(error) from None
    return output


@event_priority(10)  # before not_found.py (0) writes the 404 page of a non-default language
def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    state = buildstate.get(config)
    if template_name != "404.html" or not state.cache.get(_REPOSITORY) or not output:
        return output
    lang = buildstate.current_language(config)
    try:
        return repository.localise_source_link(output, state.model.label(lang, "repo_link_title"))
    except repository.MarkupChanged as error:
        raise markup_changed(error) from None
