"""The live preview's fast path: after a save that changed only the text of pages, build
only those pages (tools/serve.py; never loaded by `make build`, CI or the tests' builds).

A save that changes only the body of existing pages (not their front matter, not the set
of files, nothing in data/, overrides/, hooks/ or mkdocs.yml: tools/serve.py decides)
cannot change any other page: titles, metadata, navigation, lists and tags come from the
front matter. Such a build runs as mkdocs' own `build(dirty=True)`, with `File.is_modified`
of every file answered here:

- the changed pages are read, converted and written as in any build;
- every other page keeps the state its last good build gave it (its Markdown, metadata,
  content, table of contents, anchors and links to anchors; restored before the theme
  renders anything, so the navigation has every title and mkdocs still checks every
  link to an anchor), and its file is hard-linked from the last good build's folder
  together with the unchanged theme and shared files (never overwritten: only new files
  are written into the new folder);
- a page with a tags listing (Material's tags plugin) is read again, so the plugin knows
  its listings, but not written;
- Material's search index is put together from the new entries of the changed pages and
  the last good build's entries of the others, in the order of a full build.

So the site is byte-for-byte a full build's (tests/test_serve.py compares them). When the
last good build cannot serve as a base (none yet, another file set, a page without a
front-matter title), every file counts as changed: a full build.

Events (PartialBuild; added with ServePlugin by tools/serve.py):
- on_page_markdown (10000, first): note the pages with a tags listing.
- on_files (-9000, after every other handler): decide what is built, answer is_modified.
- on_env (-9000, just before ServePlugin's on_env): restore the unchanged pages, link
  their files, and from here on answer "not modified" for the listing pages.
- on_page_context (-10000): the search entries of each page built.
- on_post_build (10000, before Material's search plugin writes its index): the whole
  index in the order of a full build; (-10000) keep this build's pages as the next base.
Material internals relied on: the search plugin's `search_index.entries` list (asserted).
"""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass
from typing import Any

from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.pages import Page

from .cache import FIRST, LAST, ServeCache

DIRTY_WARNING = "A 'dirty' build is being performed"


class DirtyWarningFilter(logging.Filter):
    """mkdocs warns about every build(dirty=True), and a warning fails a strict build. The
    fast path makes the navigation and links exact, so that one warning is dropped."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


@dataclass
class PageState:
    """What a page holds after it has been read and converted (before the theme)."""

    markdown: str
    meta: dict
    content: str
    toc: Any
    present_anchor_ids: set | None
    links_to_anchors: dict | None  # {src_uri: {anchor: original link}}
    listing: bool  # has a tags listing


@dataclass
class Base:
    """The last good build, the base of the next fast build (kept in ServeCache.extra)."""

    folder: str
    pages: dict[str, PageState]  # src_uri -> state
    search: dict[str, list]  # src_uri -> search entries


def languages(config) -> list[str]:
    """The languages of the site (mkdocs-static-i18n's)."""
    plugin = config.plugins.get("i18n")
    return list(getattr(plugin, "all_languages", None) or [])


def search_plugin(config):
    plugin = config.plugins.get("material/search") or config.plugins.get("search")
    index = getattr(plugin, "search_index", None)
    entries = getattr(index, "entries", None)
    if plugin is not None and not isinstance(entries, list):
        raise RuntimeError(
            "tools/serve.py's fast path needs the search plugin's `search_index.entries` list "
            "(mkdocs-material 9.8.2, material/plugins/search/plugin.py); Material changed it: "
            "update tools/servelib/fast.py."
        )
    return plugin


class PartialBuild(BasePlugin):
    """Builds only the pages of `changed` (absolute paths of sources), or everything."""

    def __init__(self, cache: ServeCache, changed: set[str] | None):
        super().__init__()
        self.cache = cache
        self.changed = {os.path.realpath(p) for p in changed} if changed is not None else None
        self.partial = False
        self.built: set[str] = set()  # src_uri of the pages built
        self.listings: set[str] = set()  # src_uri of the pages with a tags listing
        self.reading = True
        self.files = None
        self.entries: dict[str, list] = {}
        self.mark = 0  # search entries seen so far
        self.directive = None

    @property
    def base(self) -> Base | None:
        return self.cache.extra.get("base")

    # -- which pages are built --
    @event_priority(FIRST)
    def _note_listing(self, markdown, page, config, files):
        if self.directive is None:
            tags = config.plugins.get("material/tags") or config.plugins.get("tags")
            self.directive = f"<!-- {tags.config.listings_directive}" if tags and tags.config.enabled else ""
        if self.directive and self.directive in markdown:
            self.listings.add(page.file.src_uri)
        return markdown

    on_page_markdown = CombinedEvent(_note_listing)

    @event_priority(LAST + 1000)
    def on_files(self, files, config):
        self.files = files
        pages = list(files.documentation_pages())
        base = self.base
        self.partial = (
            self.changed is not None
            and base is not None
            and os.path.isdir(base.folder)
            and {f.src_uri for f in pages} == set(base.pages)
            and all("title" in state.meta for state in base.pages.values())
        )
        if self.partial:
            self.built = {f.src_uri for f in pages if os.path.realpath(f.abs_src_path) in self.changed}
            sources = {os.path.realpath(f.abs_src_path) for f in pages}
            folders = [os.path.join(os.path.realpath(config.docs_dir), lang, "") for lang in languages(config)]
            # a changed file that is no page of this build must be a page of another language
            # (an included file, docs/includes/abbreviations.fi.md, changes every page using it)
            self.partial = all(
                path in sources or (path.endswith(".md") and path.startswith(tuple(folders))) for path in self.changed
            )
        self.cache.partial = self.partial
        if not self.partial:
            self.built = set()
            return files
        self.listings = {src for src, state in base.pages.items() if state.listing}
        for file in files:
            if file.src_uri in self.built:
                file.is_modified = _yes
            elif file.src_uri in self.listings:
                file.is_modified = self._while_reading
            else:
                file.is_modified = _no
        return files

    def _while_reading(self) -> bool:
        return self.reading

    # -- the unchanged pages --
    @event_priority(LAST + 1000)
    def on_env(self, env, config, files):
        self.reading = False
        if self.partial:
            base = self.base
            for file in files.documentation_pages():
                if file.src_uri in self.built or file.src_uri in self.listings:
                    continue
                page = file.page if file.page is not None else Page(None, file, config)
                _restore(page, base.pages[file.src_uri], files)
            if not os.path.isfile(os.path.join(base.folder, "sitemap.xml")):
                raise BaseUnavailable(f"{base.folder} is gone")
            for file in files:
                source = os.path.join(base.folder, file.dest_uri)
                # what the last build did not write (excluded files, .pages) is not written now either
                if not file.is_modified() and os.path.isfile(source):
                    _link(source, file.abs_dest_path)
        self.cache.extra["next base"] = Base(
            config.site_dir,
            {
                f.src_uri: _state(f.page, f.src_uri in self.listings)
                for f in files.documentation_pages()
                if f.page is not None and f.page.markdown is not None
            },
            {},
        )
        return env

    # -- the search index --
    @event_priority(LAST)
    def on_page_context(self, context, page, config, nav):
        plugin = search_plugin(config)
        if plugin is not None:
            entries = plugin.search_index.entries
            self.entries[page.file.src_uri] = entries[self.mark :]
            self.mark = len(entries)
        return context

    @event_priority(FIRST)
    def _merge_search(self, config):
        plugin = search_plugin(config)
        if plugin is None:
            return
        if self.partial:
            pages = [f.src_uri for f in self.files.documentation_pages()]
            self.entries = {
                src: self.entries[src] if src in self.entries else self.base.search.get(src, []) for src in pages
            }
            plugin.search_index.entries[:] = [copy_entry(e) for src in pages for e in self.entries[src]]

    @event_priority(LAST)
    def _keep_base(self, config):
        base = self.cache.extra.pop("next base", None)
        if base is not None:
            base.search = self.entries
            self.cache.extra["base"] = base

    on_post_build = CombinedEvent(_merge_search, _keep_base)

    def on_build_error(self, error):
        self.cache.extra.pop("next base", None)


def copy_entry(entry: dict) -> dict:
    return {k: (list(v) if isinstance(v, list) else v) for k, v in entry.items()}


def _yes() -> bool:
    return True


def _no() -> bool:
    return False


def _state(page: Page, listing: bool) -> PageState:
    links = page.links_to_anchors
    return PageState(
        page.markdown,
        page.meta,
        page.content,
        page.toc,
        None if page.present_anchor_ids is None else set(page.present_anchor_ids),
        None if links is None else {f.src_uri: dict(a) for f, a in links.items()},
        listing,
    )


def _restore(page: Page, state: PageState, files) -> None:
    """The page as its last good build left it. Nothing changes a page that is not built
    (no page event runs for it), so the values are shared with the kept state, not copied."""
    page.markdown = state.markdown
    page.meta = state.meta
    page.content = state.content
    page.toc = state.toc
    page.present_anchor_ids = state.present_anchor_ids
    if state.links_to_anchors:
        links = {}
        for src, anchors in state.links_to_anchors.items():
            target = files.get_file_from_path(src)
            if target is not None:
                links[target] = dict(anchors)
        page.links_to_anchors = links


class BaseUnavailable(Exception):
    """A file of the last good build is gone: tools/serve.py builds everything instead."""


def _link(source: str, target: str) -> None:
    """The file of the last good build, in the new build's folder (a new name for the
    same file: nothing is copied, and nothing writes to it afterwards)."""
    os.makedirs(os.path.dirname(target), exist_ok=True)
    if os.path.lexists(target):
        return
    try:
        os.link(source, target)
    except FileNotFoundError as error:
        raise BaseUnavailable(str(error)) from None
    except OSError:  # another file system, or no hard links: a copy
        shutil.copy2(source, target)
