"""Versions: mike's version selector, the outdated notice and the development notice.

Events:
- on_config (default priority 0; hooks run after the plugins, so after mike's own
  on_config): when mike builds a version (tools/deploy.py and `mike deploy` set
  MIKE_DOCS_VERSION), turn on Material's version selector (`extra.version`, provider
  mike, default = mike's `canonical_version`, e.g. `latest`) and tell the templates
  which version this is (`extra.site_version`: name, and whether it is the development
  version named by `extra.development_version` in mkdocs.yml). Plain builds (make
  build, make serve, the offline zip) leave both off, so no page asks for a
  versions.json that is not there.
The notice itself is the `outdated` block of overrides/main.html. Material's
JavaScript shows that banner on every page of a version that is not the default one
(versions.json, fetched from the site root); our block fills it with "you are reading
an old version" on a release, and with "this is the development version" on the
development version, each in the page's language, with a link to the same page in the
default version (tools/deploy.py points it at that version's home when the page is
not there any more).

mike's plugin (mike/mkdocs_plugin.py) sets `site_url` to urljoin(SITE_URL,
canonical_version), without a trailing slash ("https://host/repo/latest"); mkdocs adds
the slash when it computes `page.canonical_url`. This hook checks that mike did so,
because the canonical links of every version depend on it.
"""

from __future__ import annotations

import os

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

VERSION_VARIABLE = "MIKE_DOCS_VERSION"  # mike/mkdocs_utils.py: docs_version_var


def mike_settings(config: MkDocsConfig) -> dict:
    plugin = config.plugins.get("mike")
    if plugin is None:
        raise PluginError(
            "mkdocs.yml: the `mike` plugin is missing from `plugins` (versions need its "
            "`canonical_version`); add it as in the repository's mkdocs.yml"
        )
    return plugin.config


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    version = os.environ.get(VERSION_VARIABLE)
    if not version:
        return config
    settings = mike_settings(config)
    default = settings["canonical_version"]
    if not default:
        raise PluginError(
            "mkdocs.yml: plugins > mike > canonical_version is not set; set it to the "
            "alias of the default version (latest)"
        )
    if config.site_url and not config.site_url.rstrip("/").endswith("/" + default):
        raise PluginError(
            f"mike did not point site_url at the {default!r} version (site_url is "
            f"{config.site_url!r}): mike's plugin (mike/mkdocs_plugin.py, on_config) has "
            "changed; update hooks/versions.py and tools/deploy.py"
        )
    development = config.extra.get("development_version")
    config.extra["version"] = {"provider": "mike", "default": default, "alias": True}
    config.extra["site_version"] = {"name": version, "development": version == development}
    return config
