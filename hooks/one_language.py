"""One-language builds: SITE_ONLY_LANGUAGE=sv builds the Swedish pages only.

tools/build.py runs one such build per language at the same time and merges them
(`make build`). Each build checks and renders its own language; it reads the other
languages only for what it needs of them (which pages exist, which await translation,
their heading anchors: see sitelib.checks.scan and buildstate.begin).

Events:
- on_config (200, before mkdocs-static-i18n): the plugin starts with that language
  (its pages still go under sv/, unlike the plugin's own `build_only_locale`, which
  would make it the default language at the site root) and the other languages get
  `build: false`, so the plugin runs no pass for them.
- on_files (100, before mkdocs-static-i18n): the other language folders' files are
  dropped before the plugin sorts every file by language (it would drop them too,
  after more work).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from sitelib import buildstate


@event_priority(200)  # before mkdocs-static-i18n (-100) sets up the pass
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    only = buildstate.only_language()
    plugin = buildstate.i18n(config)
    if only and not plugin.building:
        start_with(plugin, only)
    return config


def start_with(plugin, only: str) -> None:
    """Make `only` the one language the i18n plugin builds."""
    if only not in plugin.all_languages:
        raise PluginError(f"SITE_ONLY_LANGUAGE={only}: not a language of this site ({', '.join(plugin.all_languages)})")
    for language in plugin.config.languages:
        language.build = language.locale == only
    plugin.current_language = only


@event_priority(100)  # before mkdocs-static-i18n (-100) sorts the files by language
def on_files(files: Files, config: MkDocsConfig) -> Files:
    state = buildstate.get(config)
    if not state.only_language:
        return files
    others = set(state.languages) - {state.only_language}
    return Files([f for f in files if f.src_uri.split("/", 1)[0] not in others])
