"""Shared files: files outside the language folders belong to every language's pass.

Events:
- on_files (-120, after mkdocs-static-i18n chose this language's files):
  mkdocs-static-i18n (without fallback to the default language) leaves the files
  outside docs/<lang>/ (docs/assets/..., shared images) out of the other languages'
  passes, so a Swedish page could not link to a shared image. Add them back.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, get_files
from sitelib import buildstate


@event_priority(-120)  # after mkdocs-static-i18n (-100) chose this language's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    add_shared_files(files, config, buildstate.get(config))
    return files


def add_shared_files(files: Files, config: MkDocsConfig, state: buildstate.BuildState) -> None:
    """Every non-page file outside the language folders, once per pass."""
    if "shared" not in state.cache:
        state.cache["shared"] = [
            f
            for f in get_files(config)
            if f.src_uri.split("/")[0] not in state.languages and not f.is_documentation_page()
        ]
    present = {f.src_uri for f in files}
    for shared in state.cache["shared"]:
        if shared.src_uri not in present:
            files.append(File(shared.src_path, config.docs_dir, config.site_dir, config.use_directory_urls))
