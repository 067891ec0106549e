"""What this site relies on in its upstream packages beyond their documented interfaces,
listed in ONE place. tests/test_upstream.py checks every entry against the installed
packages, so a Dependabot bump that breaks one fails there first, with a message naming
the package, its installed version and the file to update (see MAINTAINING.md, "Upgrading
Material, mkdocs-static-i18n or mike"; the same table is in hooks/README.md).

- PARTIAL_COPIES: Material partials copied into overrides/partials/ with a small change
  (each copy's header says what). A new Material release whose partial differs (another
  SHA-256) may have changed what we copied.
- PATCHES: exact string replacements that remain where Material has no extension point:
  in its JavaScript bundle (applied after the build by hooks/material_patches.py) and in
  the HTML of base.html (applied to every page). Each must be found exactly `count`
  times, or the build stops.
- The private names of mkdocs-static-i18n, Material and mike the hooks, templates and
  the search worker use are listed in PRIVATE_NAMES (for the canary tests and the count
  in hooks/README.md).
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from importlib import metadata

# The versions this file was checked against (requirements.txt pins them).
CHECKED_VERSIONS = {"mkdocs": "1.6.1", "mkdocs-material": "9.8.2", "mkdocs-static-i18n": "1.3.1", "mike": "2.2.0"}

# overrides/partials/<name> is a copy of material/templates/partials/<name> with this SHA-256.
PARTIAL_COPIES = {
    "header.html": "8cf3fb15bcf969ff596649616fd99366b3c31c08d57a86d05308efc16d8fa75f",
    "logo.html": "e0925ef6c190174a5162ed1ecc55295016dd8a7beec3018db3e04aac283a2dd9",
    "nav-item.html": "89895208f22d68ce405a4bcb6649b9150eba5bbb04663a6cb3f93f02daf1d2f7",
    "search.html": "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30",
    "toc.html": "fde48f583563364b0e0e6865a5ab1e7060ec1826161f69f5cbee653e621b0f84",
}


@dataclass(frozen=True)
class Patch:
    target: str  # "bundle" (assets/javascripts/bundle.*.min.js) or "html" (every page)
    source: str  # the upstream file the string comes from, inside the material package
    old: str
    new: str
    count: int  # how often `old` must be found (per file, per page)
    why: str


PATCHES = (
    Patch(
        "bundle",
        "templates/assets/javascripts/bundle.*.min.js",
        '"link[rel=alternate]"',
        '"link[rel=alternate][data-md-sitemap]"',
        1,
        "Material's 'stay on page' look-up requests <alternate page>/sitemap.xml for every hreflang link "
        "(404s on every page view; fails from file://). Our switcher already links to the same page.",
    ),
    Patch(
        "html",
        "templates/base.html",
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">',
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">',
        1,
        "autocomplete is not allowed on a checkbox (W3C Nu checker); base.html has no block around it. "
        "overrides/main.html unchecks the toggle when a page is shown again instead.",
    ),
    Patch(
        "html",
        "templates/base.html",
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">',
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">',
        1,
        "as above, for the search toggle.",
    ),
)

# Private (undocumented) names used, by package: name -> where we use it.
PRIVATE_NAMES = {
    "mkdocs-static-i18n": {
        "I18n.current_language": "sitelib/buildstate.py, one_language.py: the language of the pass",
        "I18n.default_language": "sitelib/buildstate.py, translations.py",
        "I18n.all_languages": "sitelib/buildstate.py, one_language.py, translations.py",
        "I18n.build_languages": "sitelib/buildstate.py: is this a one-language build",
        "I18n.building": "sitelib/buildstate.py: nested language pass or first pass",
        "I18n.config.languages[].build": "one_language.py: build one language only",
        "folder.create_i18n_file": "translations.py: a pending page in the other language's pass",
        "config.extra.alternate attribute": "sitelib/switcher.py: the plugin sets it as an attribute too",
        "context i18n_page_locale": "overrides/main.html: the page's language in the config block",
        "on_config -100, on_files -100, on_nav -100, on_post_build -100": "hooks run before/after them",
    },
    "mkdocs-material": {
        "bundle string link[rel=alternate]": "PATCHES (material_patches.py)",
        "base.html drawer and search toggles": "PATCHES (material_patches.py)",
        "__config JSON: base, search": "overrides/main.html config block (worker URL and data file)",
        "worker messages SETUP 0, READY 1, QUERY 2, RESULT 3": "search-worker.js (checked at run time too)",
        "worker file name and importScripts of lunr": "search-worker.js imports Material's worker",
        "search/search_index.json and .js written by the search and offline plugins": "search_index.py",
        "assets/javascripts/lunr/min/lunr.{fi,sv,stemmer.support}.min.js": "tests/js (Node unit test)",
        "plugin names material/search, material/offline": "offline.py, partials/header.html",
        "partials copied": "PARTIAL_COPIES",
    },
    "mike": {
        "MIKE_DOCS_VERSION environment variable": "versions.py: turn the version selector on",
        "properdocs detection": "mike runs `properdocs` when that package is installed",
        "mike plugin: alias_type, canonical_version, version_selector; on_config sets site_url": "mkdocs.yml plugins > mike and hosting's deploy (canonical links point at the default version)",
    },
}


class UpstreamChanged(Exception):
    """An upstream file no longer has what we rely on."""


def installed_version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def material_dir() -> str:
    import material

    return os.path.dirname(material.__file__)


def changed(package: str, file: str, what: str, fix: str = "hooks/sitelib/upstream.py") -> str:
    """The message for a broken assumption: package, installed version, file, what to do."""
    return (
        f"{package} {installed_version(package)} changed {file}: {what}. "
        f"Checked against {CHECKED_VERSIONS.get(package, '?')}; update {fix} (see MAINTAINING.md, "
        f'"Upgrading Material, mkdocs-static-i18n or mike").'
    )


def apply(text: str, target: str, where: str) -> str:
    """Apply the patches of one target ("bundle" or "html") to `text`; raise UpstreamChanged
    with a clear message when a string is not found the expected number of times."""
    for patch in PATCHES:
        if patch.target != target:
            continue
        found = text.count(patch.old)
        if found != patch.count:
            raise UpstreamChanged(
                changed(
                    "mkdocs-material",
                    patch.source,
                    f"{where} has {found} occurrence(s) of {patch.old!r}, expected {patch.count}",
                    "the patch in hooks/sitelib/upstream.py (PATCHES)",
                )
            )
        text = text.replace(patch.old, patch.new)
    return text


def is_patched(text: str, target: str) -> bool:
    """Whether `text` already has every patch of the target (mkdocs serve keeps the bundle)."""
    patches = [p for p in PATCHES if p.target == target]
    return bool(patches) and all(p.new in text and p.old not in text for p in patches)


def bundle_files(site_dir: str) -> list[str]:
    return sorted(glob.glob(os.path.join(site_dir, "assets", "javascripts", "bundle.*.min.js")))
