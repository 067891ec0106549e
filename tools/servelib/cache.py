"""Caches of the live preview (`make serve`, tools/serve.py): work a save cannot change is done once.

Only the preview's build processes load this module; `make build`, CI and the tests'
builds never do. A preview build process keeps one `ServeCache` for its whole life and
builds its language again after every save. `ServePlugin`, added to each build's plugins
by tools/serve.py (it is not listed in mkdocs.yml), lets the build reuse what an earlier
build made from exactly the same input:

- the Markdown conversion of a page, keyed by the final Markdown (after every hook), the
  page's address, the set of files and the generation;
- the theme template's output for a page, keyed by everything the template reads
  (`page_key`): the page's content, table of contents, metadata and neighbours, the
  per-page configuration the hooks set (the switcher), and a token of the whole site
  (every file, every page's title and metadata, the navigation);
- compiled Jinja templates (an in-memory bytecode cache: Jinja checks each against its
  source) and the list of the theme's files;
- through servelib.memo: Material's search entries, charts, front matter, the content
  scan's reading of each file, keyed by their input.

The generation number grows whenever a change can reach pages in ways the keys do not
see (data/, overrides/, mkdocs.yml, shared files, pages added or removed): tools/serve.py
asks for `reset()`, and every key of the old generation misses. A conversion that logged
a warning is never cached, so a broken link fails every build until it is fixed.

Events (ServePlugin; the priorities put it outside every other handler):
- on_config (10000): a build starts; the theme's environment gets the caches.
- on_nav (-10000): remember the final navigation (for the site token).
- on_page_markdown (-10000, after every other handler): look the final Markdown up; the
  page's conversion then either restores the cached result or stores the new one.
- on_env (-10000): the caching template class and the site token (all pages are read).
- on_post_build (-10000, after everything) / on_build_error: keep what this build used
  (on success), or add what it made (on failure).

mkdocs internals relied on (checked by servelib.memo.install, which names the file to
update): mkdocs.commands.build._populate_page converts a page by calling
`page.render(config, files)`, which ServePlugin replaces on that page object.
"""

from __future__ import annotations

import copy
import functools
import json
import logging
import os
from dataclasses import dataclass, field
from typing import Any, ClassVar

import jinja2
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

FIRST, LAST = 10000, -10000
KINDS = ("renders", "outputs", "search", "charts", "memo")

# Template context entries that are the same for every page of a build and are covered
# by the site token (files, navigation, titles, metadata) or by the generation (mkdocs.yml).
# build_date_utc is the clock: no template of this site shows it (tests/test_serve.py
# compares the preview's pages with a plain build's, byte for byte).
SITE_WIDE = {
    "nav",
    "pages",
    "build_date_utc",
    "mkdocs_version",
    "i18n_config",
    "i18n_current_language_config",
    "i18n_alternates",
}


class NotCacheable(Exception):
    """A template context entry the key cannot describe: that page is rendered every time."""


def digest(*parts: Any) -> tuple:
    """A cache key: the parts themselves (strings, numbers, dates). A dict look-up compares
    them exactly, and a string's hash is computed once and kept by Python, which makes this
    several times faster than hashing the text of every page with hashlib."""
    return parts


def copy_plain(value: Any) -> Any:
    """A copy of plain data (front matter: dicts, lists, strings, numbers, dates)."""
    if isinstance(value, dict):
        return {k: copy_plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [copy_plain(v) for v in value]
    if isinstance(value, (str, int, float, bool, type(None))) or type(value).__name__ in ("date", "datetime"):
        return value
    return copy.deepcopy(value)


def _tag_reference(item) -> dict:
    """Material's tag reference (the `tags` of a page's template): name and links."""
    return {
        "tag": item.name,
        "hidden": item.hidden,
        "parent": str(getattr(item.parent, "name", None)),
        "links": [[link.title, link.url] for link in item.links],
    }


def as_json(value: Any, strict: bool = False) -> str:
    """Text of a value; with `strict`, an object that is not plain data raises NotCacheable."""

    def fallback(item):
        if type(item).__name__ == "TagReference" and hasattr(item, "links"):
            return _tag_reference(item)
        if strict:
            raise NotCacheable(type(item).__name__)
        return str(item)

    return json.dumps(value, sort_keys=True, default=fallback, ensure_ascii=False)


def toc_text(toc) -> str:
    """Everything of a table of contents a template or the search can show."""
    parts = []

    def walk(items, depth):
        for item in items:
            parts.append(f"{depth}|{item.id}|{item.title}|{item.level}|{getattr(item, 'active', '')}")
            walk(item.children, depth + 1)

    walk(toc or [], 0)
    return "\n".join(parts)


def copy_toc(toc):
    """A copy of a table of contents that can be changed without touching the original
    (Material's tags plugin rewrites the table of contents of its listing pages)."""
    if toc is None or not hasattr(toc, "items"):
        return copy.deepcopy(toc)

    def one(link):
        new = copy.copy(link)
        new.children = [one(child) for child in link.children]
        return new

    new = copy.copy(toc)
    new.items = [one(item) for item in toc.items]
    return new


def nav_text(nav: Navigation) -> str:
    """The navigation as text: every item's kind, title, address and depth."""
    parts = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, Page):
                parts.append(f"{depth}|page|{item.title}|{item.url}|{item.file.src_uri}")
            elif isinstance(item, Section):
                parts.append(f"{depth}|section|{item.title}")
                walk(item.children, depth + 1)
            elif isinstance(item, Link):
                parts.append(f"{depth}|link|{item.title}|{item.url}")
            else:
                parts.append(f"{depth}|{type(item).__name__}|{getattr(item, 'title', '')}")

    walk(nav.items, 0)
    return "\n".join(parts)


def files_text(files: Files) -> str:
    """Every file of the build with its address and inclusion (what a link resolves to)."""
    return "\n".join(
        f"{f.src_uri}|{f.dest_uri}|{f.url}|{f.inclusion.name}" for f in sorted(files, key=lambda f: f.src_uri)
    )


def site_token(generation: int, nav: Navigation, files: Files) -> tuple:
    """What the template output of every page may depend on beyond the page itself."""
    pages = []
    for file in sorted(files.documentation_pages(), key=lambda f: f.src_uri):
        page = file.page
        if page is not None:
            pages.append(f"{file.src_uri}|{page.title}|{as_json(page.meta)}")
    return digest(generation, files_text(files), nav_text(nav), "\n".join(pages))


def _neighbour(page) -> str:
    return f"{page.url}|{page.title}" if page is not None else "-"


def page_text(page: Page) -> tuple:
    """Everything of the current page a template reads."""
    return (
        page.file.src_uri,
        page.url,
        page.title,
        page.canonical_url,
        page.edit_url,
        page.abs_url,
        page.is_homepage,
        as_json(page.meta),
        toc_text(page.toc),
        _neighbour(page.previous_page),
        _neighbour(page.next_page),
        page.content,
    )


def config_text(config) -> str:
    """The parts of the configuration the hooks change from page to page (the switcher's
    links in `extra`); the rest changes only with mkdocs.yml (a new generation)."""
    extra = {k: v for k, v in dict(config.extra).items() if k != "model"}
    return as_json({"extra": extra, "language": config.theme.get("language")})


def page_key(token: tuple, template_name: str, context: dict) -> tuple | None:
    """The key of a page's template output, or None when the context holds something the
    key cannot describe (that page is then rendered every time)."""
    page = context.get("page")
    if not isinstance(page, Page):
        return None
    parts = [token, template_name]
    try:
        for name in sorted(context):
            if name in SITE_WIDE:
                continue
            value = context[name]
            if name == "page":
                parts.append(page_text(page))
            elif name == "config":
                parts.append(config_text(value))
            else:
                parts.append(f"{name}={as_json(value, strict=True)}")
    except NotCacheable:
        return None
    return digest(*parts)


def render_key(generation: int, page: Page, markdown: str, files_digest: tuple, markdown_config: str) -> tuple:
    return digest(generation, page.file.src_uri, page.url, files_digest, markdown_config, markdown)


@dataclass
class Rendered:
    """A page's Markdown conversion (what Page.render sets)."""

    content: str
    toc: Any
    present_anchor_ids: set
    links_to_anchors: dict | None  # {src_uri: {anchor: original link}}


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept in memory; Jinja checks each against its source."""

    def __init__(self):
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        data = self.store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket):
        self.store[bucket.key] = bucket.bytecode_to_string()


class ListingLoader(jinja2.FileSystemLoader):
    """The theme's loader, listing each folder of the installed theme once per process.

    mkdocs lists every file of the theme in every build (Material's: thousands of icons)
    to copy its assets; files in hidden folders (.icons) are never copied, so they are
    left out of the list. The project's own folder (overrides/) is listed every time."""

    listings: ClassVar[dict[str, list[str]]] = {}  # the installed theme's folders

    def __init__(self, searchpath, project_root: str):
        super().__init__(searchpath)
        self.project_root = project_root

    def _list(self, folder: str) -> list[str]:
        found = []
        for dirpath, dirnames, filenames in os.walk(folder, followlinks=self.followlinks):
            dirnames[:] = [d for d in dirnames if not d.startswith(".")]
            for name in filenames:
                if name.startswith("."):
                    continue
                rel = os.path.relpath(os.path.join(dirpath, name), folder).replace(os.sep, "/")
                found.append(rel.removeprefix("./"))
        return found

    def list_templates(self) -> list[str]:
        found = set()
        for folder in self.searchpath:
            mine = os.path.abspath(folder).startswith(self.project_root + os.sep)
            if mine or folder not in self.listings:
                listing = self._list(folder)
                if mine:
                    found.update(listing)
                    continue
                self.listings[folder] = listing
            found.update(self.listings[folder])
        return sorted(found)


@dataclass
class Stats:
    renders: int = 0
    render_hits: int = 0
    templates: int = 0
    template_hits: int = 0
    search: int = 0
    search_hits: int = 0
    charts: int = 0
    chart_hits: int = 0
    memo: int = 0
    memo_hits: int = 0

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def _empty() -> dict:
    return {kind: {} for kind in KINDS}


@dataclass
class ServeCache:
    """Everything kept from one build to the next in a preview build process."""

    generation: int = 0
    entries: dict = field(default_factory=_empty)
    used: dict = field(default_factory=_empty)  # what the build in progress used or made
    bytecode: MemoryBytecodeCache = field(default_factory=MemoryBytecodeCache)
    stats: Stats = field(default_factory=Stats)
    token: tuple | None = None
    page_map: dict = field(default_factory=dict)  # built file -> its file in docs/, of the last build
    extra: dict = field(default_factory=dict)  # kept by servelib.fast (the last good build)
    partial: bool = False  # the build in progress builds only some pages
    owners: dict = field(default_factory=dict)  # (kind, page) -> the key the page used last
    used_owners: dict = field(default_factory=dict)
    interned: dict = field(default_factory=dict)

    def reset(self) -> None:
        """A change the keys cannot see: a new generation (every key of the old one misses)."""
        self.generation += 1
        for kind in ("renders", "outputs", "search"):
            self.entries[kind].clear()

    def same(self, value):
        """`value`, or the equal one kept from an earlier build: comparing a key that holds
        it with a stored key is then an identity test instead of a comparison of texts."""
        return self.interned.setdefault(value, value)

    def begin(self) -> None:
        if len(self.interned) > 64:
            self.interned.clear()
        self.used = _empty()
        self.used_owners = {}
        self.partial = False
        self.stats = Stats()
        self.token = None

    def lookup(self, kind: str, key, owner: str | None = None):
        if owner is not None:
            self.used_owners[(kind, owner)] = key
        hit = self.used[kind].get(key)
        if hit is None:
            hit = self.entries[kind].get(key)
            if hit is not None:
                self.used[kind][key] = hit
        return hit

    def store(self, kind: str, key, value) -> None:
        self.used[kind][key] = value

    def finish(self) -> None:
        """The build succeeded: keep exactly what it used; after a build of some pages only,
        what the others used before too, without what the built pages no longer use."""
        if not self.partial:
            self.entries, self.owners = self.used, self.used_owners
        else:
            for (kind, owner), key in self.used_owners.items():
                old = self.owners.get((kind, owner))
                if old is not None and old != key:
                    self.entries[kind].pop(old, None)
            for kind, made in self.used.items():
                self.entries[kind].update(made)
            self.owners.update(self.used_owners)
        self.used, self.used_owners = _empty(), {}

    def abandon(self) -> None:
        """The build failed: keep the old entries and what this build made."""
        for kind, made in self.used.items():
            self.entries[kind].update(made)
        self.used, self.used_owners = _empty(), {}


ACTIVE: list[ServeCache] = []  # the cache of the build in progress (set by ServePlugin)


def active() -> ServeCache | None:
    return ACTIVE[0] if ACTIVE else None


class CachingTemplate(jinja2.Template):
    """A template whose output for a page is reused when nothing it reads has changed."""

    def render(self, *args, **kwargs):
        cache = active()
        if cache is None or cache.token is None or getattr(self.environment, "serve_cache", None) is not cache:
            return super().render(*args, **kwargs)
        context = dict(*args, **kwargs)
        key = page_key(cache.token, self.name, context)
        if key is None:
            return super().render(context)
        cache.stats.templates += 1
        hit = cache.lookup("outputs", key, f"{context['page'].file.src_uri} {self.name}")
        if hit is not None:
            cache.stats.template_hits += 1
            return hit
        output = super().render(context)
        cache.store("outputs", key, output)
        return output


def _restore(page: Page, hit: Rendered, config, files) -> None:
    """What Page.render sets, from the cache (only pages with a front-matter title are
    cached, so the title the conversion finds is not needed)."""
    page.content = hit.content
    page.toc = copy_toc(hit.toc)
    page.present_anchor_ids = set(hit.present_anchor_ids)
    if hit.links_to_anchors is not None:
        links = {}
        for src, anchors in hit.links_to_anchors.items():
            target = files.get_file_from_path(src)
            if target is not None:
                links[target] = dict(anchors)
        page.links_to_anchors = links


class _WarningCounter(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


class ServePlugin(BasePlugin):
    """The caches' part in one build (see the module docstring for the events)."""

    def __init__(self, cache: ServeCache):
        super().__init__()
        self.cache = cache
        self.nav: Navigation | None = None
        self.files_digest: tuple = ()
        self.markdown_config = ""
        self.warnings = _WarningCounter()

    @event_priority(FIRST)
    def on_config(self, config):
        self.cache.begin()
        ACTIVE[:] = [self.cache]
        logging.getLogger("mkdocs").addHandler(self.warnings)
        theme = config.theme
        make_env = theme.get_env
        root = os.path.dirname(os.path.abspath(config.config_file_path))
        bytecode = self.cache.bytecode

        @functools.wraps(make_env)
        def get_env():
            env = make_env()
            env.loader = ListingLoader(env.loader.searchpath, root)
            env.bytecode_cache = bytecode
            return env

        theme.get_env = get_env
        return config

    @event_priority(LAST)
    def on_nav(self, nav, config, files):
        self.nav = nav
        return nav

    @event_priority(LAST)
    def on_page_markdown(self, markdown, page, config, files):
        if not self.files_digest:  # once per build, after every on_config (hooks set extension options)
            self.files_digest = self.cache.same(digest(files_text(files)))
            self.markdown_config = self.cache.same(as_json([config["markdown_extensions"], config["mdx_configs"]]))
        if "title" not in page.meta:  # its title would come from the conversion itself
            return markdown
        key = render_key(self.cache.generation, page, markdown, self.files_digest, self.markdown_config)
        self.cache.stats.renders += 1
        hit = self.cache.lookup("renders", key, page.file.src_uri)
        if hit is not None:
            self.cache.stats.render_hits += 1
            page.render = functools.partial(_restore, page, hit)
        else:
            page.render = functools.partial(self._render_and_store, page, key, page.render)
        return markdown

    def _render_and_store(self, page, key, render, config, files):
        warnings = self.warnings.count
        render(config, files)
        if self.warnings.count == warnings:  # a page with a problem is converted every time
            links = page.links_to_anchors
            self.cache.store(
                "renders",
                key,
                Rendered(
                    page.content,
                    copy_toc(page.toc),
                    set(page.present_anchor_ids or ()),
                    None if links is None else {f.src_uri: dict(a) for f, a in links.items()},
                ),
            )

    @event_priority(LAST)
    def on_env(self, env, config, files):
        env.bytecode_cache = self.cache.bytecode
        env.template_class = CachingTemplate
        env.serve_cache = self.cache
        env.cache.clear()  # templates loaded before this point are of the plain class
        # after a save of some pages' text only, the other pages are not rendered: their
        # templates' keys are not needed (and the built pages are new text anyway)
        self.cache.token = (
            None if self.cache.partial else self.cache.same(site_token(self.cache.generation, self.nav, files))
        )
        docs = os.path.join(os.path.abspath(config.docs_dir), "")
        self.cache.page_map = {
            f.dest_uri: f.abs_src_path
            for f in files  # the site's own files, not the theme's
            if f.abs_src_path and os.path.abspath(f.abs_src_path).startswith(docs)
        }
        return env

    @event_priority(LAST)
    def on_post_build(self, config):
        self.cache.finish()
        self._end()

    def on_build_error(self, error):
        self.cache.abandon()
        self._end()

    def _end(self):
        ACTIVE.clear()
        logging.getLogger("mkdocs").removeHandler(self.warnings)
