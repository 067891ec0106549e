"""The offline build (`make offline`, OFFLINE=true enables Material's offline plugin).

Events:
- on_config: load the vendored iframe-worker shim (npm iframe-worker 1.0.4, MIT,
  docs/assets/javascripts/vendor/) as a polyfill, so search runs from file:// and
  the offline plugin does not fetch the shim from unpkg.com.
- on_template_context / on_post_build: no sitemap.xml or robots.txt, which would
  hold the hosted site's absolute addresses (an offline copy links back to nothing).
"""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

SHIM = "assets/javascripts/vendor/iframe-worker-shim.js"


def is_offline(config: MkDocsConfig) -> bool:
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)


@event_priority(100)  # before the offline plugin, which adds unpkg.com's copy if none is listed
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if is_offline(config):
        polyfills = config.extra.setdefault("polyfills", [])
        if SHIM not in polyfills:
            polyfills.append(SHIM)
    return config


@event_priority(-160)  # after every language pass has written its files
def on_post_build(config: MkDocsConfig) -> None:
    if is_offline(config):
        for name in ("sitemap.xml", "sitemap.xml.gz", "robots.txt"):
            path = os.path.join(config.site_dir, name)
            if os.path.exists(path):
                os.remove(path)
