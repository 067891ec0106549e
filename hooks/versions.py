"""Versions: mike's version selector and the outdated-version notice.

Events:
- on_config: when mike builds a version (it sets MIKE_DOCS_VERSION), turn on
  Material's version selector (`extra.version`, provider mike, default `latest`).
  Plain builds (make build, tests, the offline zip) leave it off, so no page asks
  for a versions.json that is not there.
The notice itself is the `outdated` block of overrides/main.html: Material shows it
on every page of a version that is not `latest`, with our text in the page's
language and a link to the same page in `latest`.
"""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig

DEFAULT_ALIAS = "latest"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if os.environ.get("MIKE_DOCS_VERSION"):
        config.extra["version"] = {"provider": "mike", "default": DEFAULT_ALIAS, "alias": True}
    return config
