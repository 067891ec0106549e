"""Material patches: the exact string replacements that remain where Material has no
extension point, all listed in hooks/sitelib/upstream.py (PATCHES) and asserted: a
Material release that changes a patched string stops the build with a message naming the
package, its version and what to update. Everything else we change in Material goes
through its blocks and partials (overrides/).

Events:
- on_post_page: the HTML patches (base.html's toggles) on every page.
- on_post_template (10, before hooks/not_found.py moves the Swedish 404 page to sv/): the
  same on the 404 page.
- on_post_build (-150, after mkdocs-static-i18n (-100) has run every language pass, each
  of which copies the theme's bundle again): the bundle patches, once, in the first pass.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page
from sitelib import buildstate, upstream


def _apply(text: str, target: str, where: str) -> str:
    try:
        return upstream.apply(text, target, where)
    except upstream.UpstreamChanged as error:
        raise PluginError(str(error)) from None


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return _apply(output, "html", page.file.src_uri)


@event_priority(10)  # before not_found.py (0) writes the Swedish 404 page to sv/
def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name != "404.html" or not output:
        return output
    return _apply(output, "html", template_name)


@event_priority(-150)  # after mkdocs-static-i18n (-100) ran the other language passes
def on_post_build(config: MkDocsConfig) -> None:
    if not buildstate.is_first_pass(config):
        return  # a nested language pass: the first pass's on_post_build comes last
    for bundle in upstream.bundle_files(config.site_dir):
        with open(bundle, encoding="utf-8") as handle:
            source = handle.read()
        if upstream.is_patched(source, "bundle"):
            continue  # already patched (mkdocs serve keeps the file between rebuilds)
        with open(bundle, "w", encoding="utf-8") as handle:
            handle.write(_apply(source, "bundle", bundle))
