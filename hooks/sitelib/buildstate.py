"""What every hook needs to know about the build, computed once per build.

mkdocs-static-i18n builds the languages one after the other in one process,
running every event again for each language. `begin()` runs at the start of the
first (default-language) pass: it reads the content model, scans all pages of
all languages once and reads the git dates once; the later passes reuse it.

Hooks hand each other data only through typed fields of `BuildState` (`parts`: the
blocks of each page for hooks/page_assembly.py); `cache` holds computed values only.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field

from mkdocs.config.defaults import MkDocsConfig

from . import checks, gitdates, siteconfig
from . import model as model_lib
from .assembly import PageParts

_STATES: dict[int, BuildState] = {}


class PartsRegistry:
    """The `PageParts` of every page of the pass, by the page's source path (`src_uri`):
    filled by the hooks' page events, taken once by hooks/page_assembly.py."""

    def __init__(self) -> None:
        self._pages: dict[str, PageParts] = {}

    def of(self, page_key: str) -> PageParts:
        """The page's parts, to add blocks to (created on first use)."""
        return self._pages.setdefault(page_key, PageParts())

    def take(self, page_key: str) -> PageParts:
        """The page's parts, removed from the registry (empty parts if no hook gave any)."""
        return self._pages.pop(page_key, None) or PageParts()


@dataclass
class BuildState:
    docs_dir: str
    languages: list[str]  # default first
    default_language: str
    language_names: dict[str, str]  # locale -> name in the switcher ("Suomi")
    model: model_lib.Model
    scan: checks.Scan
    git_dates: dict[str, dt.datetime]
    today: dt.date
    only_language: str | None = None  # set for one-language parallel builds
    parts: PartsRegistry = field(default_factory=PartsRegistry)  # page blocks for the assembly
    cache: dict = field(default_factory=dict)  # values computed once per build (see `cached`)

    def cached(self, key, compute):
        """`compute()` once per build (per key), then the stored value."""
        if key not in self.cache:
            self.cache[key] = compute()
        return self.cache[key]

    def pages(self, lang: str) -> dict[str, checks.PageInfo]:
        return self.scan.pages[lang]

    def page(self, lang: str, path: str) -> checks.PageInfo | None:
        return self.scan.pages.get(lang, {}).get(path)

    def visible_pages(self, lang: str) -> dict[str, checks.PageInfo]:
        """The pages the site of `lang` shows: its own, and those awaiting translation
        into it (with the other language's front matter)."""

        def compute():
            shown = dict(self.pages(lang))
            for other in self.languages:
                for path, info in self.pages(other).items():
                    if info.pending and path not in shown:
                        shown[path] = info
            return dict(sorted(shown.items()))

        return self.cached(("visible pages", lang), compute)

    def has_page(self, lang: str, path: str) -> bool:
        """Whether the site of `lang` shows the page: its own, or one awaiting translation."""
        if self.page(lang, path) is not None:
            return True
        return any(info is not None and info.pending for info in (self.page(l, path) for l in self.languages))

    def git_date(self, lang: str, path: str) -> dt.datetime | None:
        return self.git_dates.get(os.path.normpath(os.path.join(self.docs_dir, lang, path)))


def i18n(config: MkDocsConfig):
    plugin = config.plugins.get("i18n")
    if plugin is None:
        raise RuntimeError("these hooks need the mkdocs-static-i18n plugin (plugins: i18n)")
    return plugin


def current_language(config: MkDocsConfig) -> str:
    plugin = i18n(config)
    return plugin.current_language or plugin.default_language


def is_first_pass(config: MkDocsConfig) -> bool:
    return not i18n(config).building


def only_language() -> str | None:
    """The language of a one-language build (SITE_ONLY_LANGUAGE; see hooks/one_language.py)."""
    return os.environ.get("SITE_ONLY_LANGUAGE") or None


def begin(config: MkDocsConfig) -> BuildState:
    """Create the state of a new build (call in the first pass only)."""
    plugin = i18n(config)
    default = plugin.default_language
    languages = [default] + [l for l in plugin.all_languages if l != default]
    today = siteconfig.today()
    model_path = os.path.join(os.path.dirname(config.config_file_path), config.extra["content_model"])
    model = model_lib.load(model_path, today=today)
    only = only_language()
    if only and plugin.build_languages != [only]:
        only = None  # SITE_ONLY_LANGUAGE without hooks/one_language.py: every language is built
    scan = checks.scan(
        config.docs_dir,
        languages,
        model,
        today=today,
        check_links=False,  # mkdocs' own validation checks links in the build
        display_root=os.path.dirname(config.config_file_path),
        lightly=set(languages) - {only} if only else None,
    )
    state = BuildState(
        docs_dir=config.docs_dir,
        languages=languages,
        default_language=default,
        language_names={l.locale: l.name for l in plugin.config.languages},
        model=model,
        scan=scan,
        git_dates=gitdates.last_commits(config.docs_dir),
        today=today,
        only_language=only,
    )
    _STATES.clear()
    _STATES[id(config)] = state
    return state


def get(config: MkDocsConfig) -> BuildState:
    state = _STATES.get(id(config))
    if state is None:
        raise RuntimeError("hooks/content_model.py must be the first hook in mkdocs.yml")
    return state
