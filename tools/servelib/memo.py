"""Remembered results for the live preview's builds (tools/serve.py), keyed by their input.

`install()` wraps, once per preview build process, functions that every build calls for
every page although most of their input has not changed since the last build:

- Material's search plugin's work on a page (`SearchPlugin.on_page_context`: its index
  entries, and the page without the data-search-* attributes), by the page's address,
  title, metadata, table of contents and content;
- mkdocs' front-matter reading (`mkdocs.utils.meta.get_data`), by the file's text;
- the content scan (sitelib.checks, sitelib.frontmatter): front matter by the file's
  text; the schema check by the front matter, the page kind and the generation; the
  reading of headings, anchors and links by the page's text;
- the content model (sitelib.model.load): data/site.yml and the schemas by their text;
- the charts (sitelib.charts): a data file by its text, a drawing by block, data and model.

Each result is copied on the way out, so no build can change what the next one gets. The
wrappers do nothing outside a build that uses the caches (servelib.cache.ACTIVE),
and nothing at all in `make build`, CI or the tests' builds, which never call `install()`.

Functions of other packages and private functions of our own modules are relied on
here; `install()` checks each one's name and parameters, and when one has changed it
leaves that one unwrapped and says which file to update (`problems()`; tools/serve.py
prints them and tests/test_serve.py fails on them).
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import os

from sitelib.siteconfig import today

from .cache import active, as_json, copy_plain, digest, toc_text

_PROBLEMS: list[str] = []
_INSTALLED: set[str] = set()


def problems() -> list[str]:
    return list(_PROBLEMS)


def _expect(owner, name: str, parameters: list[str], where: str):
    """The function `owner.name` with these parameter names, or None (and a problem)."""
    function = getattr(owner, name, None)
    if function is None or not callable(function):
        _PROBLEMS.append(
            f"{where}: `{name}` is gone; the preview builds it without its cache. Update tools/servelib/memo.py."
        )
        return None
    try:
        found = [p for p in inspect.signature(function).parameters if p != "self"]
    except (TypeError, ValueError):
        found = None
    if found != parameters:
        _PROBLEMS.append(
            f"{where}: `{name}` now takes ({', '.join(found or [])}), not "
            f"({', '.join(parameters)}); the preview builds it without its cache. "
            "Update tools/servelib/memo.py."
        )
        return None
    return function


def _remember(kind_key: str, key_parts: tuple, compute, copy_out):
    """`compute()` once per key (while a preview build runs), a copy of it each time."""
    cache = active()
    if cache is None:
        return compute()
    key = digest(kind_key, *key_parts)
    cache.stats.memo += 1
    hit = cache.lookup("memo", key)
    if hit is None:
        hit = compute()
        cache.store("memo", key, copy_out(hit))
    else:
        cache.stats.memo_hits += 1
    return copy_out(hit)


def _text(path: str, encoding: str = "utf-8") -> str:
    with open(path, encoding=encoding) as handle:
        return handle.read()


def _wrap(owner, name: str, make) -> None:
    label = f"{getattr(owner, '__name__', owner)}.{name}"
    if label in _INSTALLED:
        return
    setattr(owner, name, make(getattr(owner, name)))
    _INSTALLED.add(label)


# --- Material's search ---------------------------------------------------------------------


def search_key(page) -> tuple:
    return digest(page.url, page.title, as_json(page.meta), toc_text(page.toc), page.content)


def _copy_entries(entries: list[dict]) -> list[dict]:
    return [{k: (list(v) if isinstance(v, list) else v) for k, v in entry.items()} for entry in entries]


def _search(original):
    """Material's search plugin indexes a page and strips its data-search-* attributes."""

    def on_page_context(self, context, *, page, config, nav):
        cache = active()
        index = getattr(self, "search_index", None)
        entries = getattr(index, "entries", None)
        if cache is None or not self.config.enabled or not isinstance(entries, list):
            return original(self, context, page=page, config=config, nav=nav)
        key = search_key(page)
        cache.stats.search += 1
        hit = cache.lookup("search", key, page.file.src_uri)
        if hit is not None:
            cache.stats.search_hits += 1
            entries.extend(_copy_entries(hit[0]))
            page.content = hit[1]
            return None
        start = len(entries)
        result = original(self, context, page=page, config=config, nav=nav)
        cache.store("search", key, (_copy_entries(entries[start:]), page.content))
        return result

    return functools.wraps(original)(on_page_context)


# --- mkdocs' front matter -----------------------------------------------------------------


def _meta(original):
    def get_data(doc: str):
        return _remember("mkdocs meta", (doc,), lambda: original(doc), lambda value: (value[0], copy_plain(value[1])))

    return get_data


# --- the content scan ---------------------------------------------------------------------


def _copy_front_matter(fm):
    return dataclasses.replace(fm, meta=copy_plain(fm.meta))


def _parse(original):
    def parse(source: str):
        return _remember("front matter", (source,), lambda: original(source), _copy_front_matter)

    return parse


def _validate(original):
    def validate_meta(info, fm, model):
        cache = active()
        generation = cache.generation if cache else 0
        return _remember(
            "schema",
            (generation, today(), info.file, info.kind, fm.text, fm.body_line),
            lambda: original(info, fm, model),
            list,
        )

    return validate_meta


def _read_body(original):
    def read_body(info, body, first_line, problems):
        def compute():
            found: list = []
            scratch = dataclasses.replace(info, anchors=[], ids=set(), links=[])
            original(scratch, body, first_line, found)
            return scratch.anchors, scratch.ids, scratch.links, found

        anchors, ids, links, found = _remember(
            "page body",
            (info.file, first_line, body),
            compute,
            lambda v: (list(v[0]), set(v[1]), list(v[2]), list(v[3])),
        )
        info.anchors.extend(anchors)
        info.ids.update(ids)
        info.links.extend(links)
        problems.extend(found)

    return read_body


def _read_lightly(original):
    def read_lightly(lang, rel, abs_path, file, model):
        try:
            text = _text(abs_path, "utf-8-sig")
        except OSError:
            return original(lang, rel, abs_path, file, model)
        return _remember(
            "page lightly",
            (lang, rel, file, model.kind_of(rel), text),
            lambda: original(lang, rel, abs_path, file, model),
            lambda info: dataclasses.replace(
                info, meta=copy_plain(info.meta), anchors=list(info.anchors), ids=set(info.ids), links=list(info.links)
            ),
        )

    return read_lightly


# --- the content model ---------------------------------------------------------------------


def _model(original):
    """data/site.yml and the schemas, read and compiled once per content (a copy of the data
    each time; the compiled validators are shared, nothing changes them)."""

    def load(path: str, today=None):
        folder = os.path.join(os.path.dirname(path), "schemas")
        try:
            texts = [_text(path)] + [
                name + "\0" + _text(os.path.join(folder, name)) for name in sorted(os.listdir(folder))
            ]
        except OSError:
            return original(path, today=today)
        return _remember(
            "model",
            (path, today, *texts),
            lambda: original(path, today=today),
            lambda model: dataclasses.replace(model, data=copy_plain(model.data), validators=dict(model.validators)),
        )

    return load


# --- charts -------------------------------------------------------------------------------


def _chart_data(original):
    def load_data(folder: str, name: str):
        try:
            text = _text(os.path.join(folder, name))
        except OSError:
            return original(folder, name)  # its own message for a missing file
        return _remember("chart data", (folder, name, text), lambda: original(folder, name), copy_plain)

    return load_data


def _chart(original):
    def render(block, data, lang, model_data, chart_id):
        cache = active()
        if cache is None:
            return original(block, data, lang, model_data, chart_id)
        key = digest(repr(block), as_json(data), lang, as_json(model_data), chart_id)
        cache.stats.charts += 1
        hit = cache.lookup("charts", key)
        if hit is None:
            hit = original(block, data, lang, model_data, chart_id)
            cache.store("charts", key, hit)
        else:
            cache.stats.chart_hits += 1
        return hit

    return render


# what the preview expects mkdocs' build to do (mkdocs 1.6.1, mkdocs/commands/build.py)
MKDOCS_BUILD = {
    "_populate_page": ["page.render(config, files)", "if dirty and not page.file.is_modified():"],
    "_build_page": ["if dirty and not page.file.is_modified():", "template.render(context)"],
    "build": ["files.copy_static_files(dirty=dirty", "config.plugins.on_env(env"],
}


def check_mkdocs_build() -> None:
    """servelib.cache replaces `page.render` on the page objects; servelib.fast
    answers `File.is_modified` for mkdocs' dirty build: both rely on these lines."""
    from mkdocs.commands import build

    for name, expected in MKDOCS_BUILD.items():
        try:
            source = inspect.getsource(getattr(build, name))
        except (AttributeError, OSError, TypeError):
            source = ""
        for line in expected:
            if line not in source:
                _PROBLEMS.append(
                    f"mkdocs 1.6.1, mkdocs/commands/build.py: `{name}` no longer has `{line}`; "
                    "the preview's caches and fast path rely on it. Update tools/servelib/cache.py "
                    "and fast.py."
                )


def install() -> list[str]:
    """Wrap the functions (once per process); returns the problems found."""
    from material.plugins.search import plugin as search_plugin
    from mkdocs.utils import meta

    if "check" not in _INSTALLED:
        check_mkdocs_build()
        _INSTALLED.add("check")

    from sitelib import charts, checks, frontmatter, model

    material = "mkdocs-material 9.8.2, material/plugins/search/plugin.py"
    plugin = getattr(search_plugin, "SearchPlugin", None)
    if plugin is None:
        _PROBLEMS.append(f"{material}: SearchPlugin is gone. Update tools/servelib/memo.py.")
    elif _expect(plugin, "on_page_context", ["context", "page", "config", "nav"], material):
        _wrap(plugin, "on_page_context", _search)
    if _expect(meta, "get_data", ["doc"], "mkdocs 1.6.1, mkdocs/utils/meta.py"):
        _wrap(meta, "get_data", _meta)
    if _expect(frontmatter, "parse", ["source"], "hooks/sitelib/frontmatter.py"):
        _wrap(frontmatter, "parse", _parse)
    if _expect(checks, "validate_meta", ["info", "fm", "model"], "hooks/sitelib/checks.py"):
        _wrap(checks, "validate_meta", _validate)
    if _expect(checks, "_read_body", ["info", "body", "first_line", "problems"], "hooks/sitelib/checks.py"):
        _wrap(checks, "_read_body", _read_body)
    if _expect(checks, "_read_lightly", ["lang", "rel", "abs_path", "file", "model"], "hooks/sitelib/checks.py"):
        _wrap(checks, "_read_lightly", _read_lightly)
    if _expect(model, "load", ["path", "today"], "hooks/sitelib/model.py"):
        _wrap(model, "load", _model)
    if _expect(charts, "load_data", ["folder", "name"], "hooks/sitelib/charts.py"):
        _wrap(charts, "load_data", _chart_data)
    if _expect(charts, "render", ["block", "data", "lang", "model_data", "chart_id"], "hooks/sitelib/charts.py"):
        _wrap(charts, "render", _chart)
    return problems()


__all__ = ["install", "problems", "search_key"]
