"""The open-data files of one language of a build, made once per build and shared by
hooks/open_data.py (the files, the catalogue page's links, the feed link) and
hooks/structured_data.py (JSON-LD): the same rows in every format."""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig

from . import buildstate, opendata, stopwatch
from . import model as model_lib
from .catalogue import Output, outputs

# use_directory_urls of the hosted site, per configuration: Material's offline plugin
# turns it off in the offline build, whose open-data files still name the hosted pages.
_HOSTED_DIRECTORY_URLS: dict[int, bool] = {}


def remember_hosted_urls(config: MkDocsConfig, first_pass: bool) -> None:
    """Call in on_config, before Material's offline plugin changes use_directory_urls
    (the later language passes of the same build keep the first pass's value)."""
    if first_pass:
        _HOSTED_DIRECTORY_URLS.clear()
        _HOSTED_DIRECTORY_URLS[id(config)] = config.use_directory_urls
    else:
        _HOSTED_DIRECTORY_URLS.setdefault(id(config), config.use_directory_urls)


def spec(state: buildstate.BuildState) -> dict | None:
    """The `open_data` section of data/site.yml; without it, no open-data files."""
    return state.model.data.get("open_data")


def last_change(state: buildstate.BuildState, lang: str, path: str) -> dt.datetime:
    """The last commit of docs/<lang>/<path>; outside git (or for a file not yet
    committed) SOURCE_DATE_EPOCH, else the Unix epoch: never the time of the build nor
    of the file on disk, so the same sources always give the same bytes."""
    return state.git_date(lang, path) or fallback_time()


def fallback_time() -> dt.datetime:
    return dt.datetime.fromtimestamp(int(os.environ.get("SOURCE_DATE_EPOCH") or 0), tz=dt.UTC)


def site(config: MkDocsConfig, state: buildstate.BuildState, lang: str) -> opendata.Site:
    """What the rows need to know about the site of `lang` (once per build)."""

    def make() -> opendata.Site:
        return opendata.Site(
            lang=lang,
            languages=state.languages,
            default_language=state.default_language,
            base_url=opendata.base_url(config.site_url),
            use_directory_urls=_HOSTED_DIRECTORY_URLS.get(id(config), config.use_directory_urls),
            has_page=state.has_page,
            changed=lambda of, path: last_change(state, of, path),
        )

    return state.cached(("open data site", lang), make)


def site_names(config: MkDocsConfig) -> tuple[dict[str, str], dict[str, str]]:
    """({lang: site name}, {lang: site description}) from mkdocs-static-i18n's languages
    (once per language pass: a language without its own falls back to the pass's)."""

    def make() -> tuple[dict[str, str], dict[str, str]]:
        names, descriptions = {}, {}
        for language in buildstate.i18n(config).config.languages:
            names[language.locale] = language.site_name or config.site_name
            descriptions[language.locale] = language.site_description or config.site_description or ""
        return names, descriptions

    state = buildstate.get(config)
    return state.cached(("site names", buildstate.current_language(config)), make)


@dataclass(frozen=True)
class Files:
    outputs: list[Output]
    doc: dict  # the JSON document
    json: bytes
    csv: bytes
    feed: bytes


def files(config: MkDocsConfig, state: buildstate.BuildState, lang: str) -> Files:
    """The catalogue of `lang` as JSON, CSV and Atom (made on first use in a build)."""

    def make() -> Files:
        with stopwatch.timed("open data"):
            return _make()

    def _make() -> Files:
        paths = spec(state)["files"]
        found = state.cached(("outputs", lang), lambda: outputs(state.visible_pages(lang)))
        where = site(config, state, lang)
        name = site_names(config)[0].get(lang, config.site_name)
        doc = opendata.document(found, state.model, where, name, paths)
        return Files(
            outputs=found,
            doc=doc,
            json=opendata.to_json(doc),
            csv=opendata.to_csv(doc, state.languages, state.model),
            feed=opendata.atom(found, doc, state.model, where, name, fallback_time()),
        )

    return state.cached(("open data", lang), make)


def published_schema(state: buildstate.BuildState) -> bytes:
    """data/schemas/catalogue.schema.json with its allowed values filled in from
    data/site.yml, as the site publishes it."""
    with open(os.path.join(state.model.schema_dir, "catalogue.schema.json"), encoding="utf-8") as handle:
        schema = json.load(handle)
    filled = model_lib._fill(schema, state.model.data, state.today)
    return (json.dumps(filled, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
