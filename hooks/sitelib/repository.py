"""Where the site's source lives: the repository, its default branch, and the links to a
page's source file (GitHub's edit view and raw view).

The repository comes from one place, in this order: GitHub's own variables in CI
(GITHUB_SERVER_URL + GITHUB_REPOSITORY), else REPO_URL, else `repo_url:` in mkdocs.yml
(the documented default). The branch: GITHUB_DEFAULT_BRANCH, else REPO_BRANCH, else the
branch in mkdocs.yml's `edit_uri: edit/<branch>/<docs>/`, else `main`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote

DEFAULT_BRANCH = "main"
_EDIT_URI = re.compile(r"^(?:edit|blob|raw)/(?P<branch>[^/]+)/(?P<docs>.*?)/?$")


@dataclass(frozen=True)
class Repository:
    url: str  # "https://github.com/owner/name", no trailing slash
    branch: str  # "main"
    docs: str  # the docs folder in the repository, "docs"

    @property
    def edit_uri(self) -> str:
        """mkdocs' `edit_uri`, relative to `url`: 'edit/main/docs/'."""
        return f"edit/{self.branch}/{self.docs}/" if self.docs else f"edit/{self.branch}/"

    def _file(self, view: str, source: str) -> str:
        path = f"{self.docs}/{source}" if self.docs else source
        return f"{self.url}/{view}/{quote(self.branch, safe='')}/{quote(path)}"

    def edit_url(self, source: str) -> str:
        """GitHub's edit view of a file under the docs folder ('sv/outputs/x.md')."""
        return self._file("edit", source)

    def raw_url(self, source: str) -> str:
        """GitHub's raw view of the same file."""
        return self._file("raw", source)


def resolve(env: Mapping[str, str], configured_url: str | None, configured_edit_uri: str | None) -> Repository | None:
    """The repository from the environment and mkdocs.yml (see the module docstring)."""
    server, name = env.get("GITHUB_SERVER_URL", "").strip(), env.get("GITHUB_REPOSITORY", "").strip()
    if server and name:
        url = f"{server.rstrip('/')}/{name.strip('/')}"
    else:
        url = (env.get("REPO_URL") or "").strip() or (configured_url or "").strip()
    if not url:
        return None
    configured = _EDIT_URI.match((configured_edit_uri or "").strip().lstrip("/"))
    branch = (env.get("GITHUB_DEFAULT_BRANCH") or env.get("REPO_BRANCH") or "").strip()
    branch = branch or (configured["branch"] if configured else DEFAULT_BRANCH)
    docs = configured["docs"].strip("/") if configured else "docs"
    return Repository(url.rstrip("/"), branch, docs)


def material_view_url(edit_url: str) -> str:
    """What Material 9.8's partials/actions.html makes of `page.edit_url` for the "view
    source" button: every 'blob' (when the URL has '/blob/'), else every 'edit', replaced
    by 'raw' -- also inside the owner, repository or file name."""
    part = "blob" if "/blob/" in edit_url else "edit"
    return edit_url.replace(part, "raw")


# --- Material's markup, adjusted (each step asserted) -----------------------


class MarkupChanged(Exception):
    """Material's markup is not what these functions expect (a Material upgrade)."""


_SOURCE_LINK = re.compile(r'<a href="(?P<href>[^"]*)" title="[^"]*" class="md-source" data-md-component="source">')


def localise_source_link(output: str, title: str) -> str:
    """The header's repository link (Material's partials/source.html, in the header and the
    drawer): our title in the page's language instead of Material's ("Mene repositoryyn",
    "Gå till datakatalog"), and without `data-md-component="source"`, so Material's
    JavaScript does not ask the host's API (api.github.com) for stars and forks: no page
    makes a request to another host."""
    escaped = title.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    output, count = _SOURCE_LINK.subn(lambda m: f'<a href="{m["href"]}" title="{escaped}" class="md-source">', output)
    if count == 0:
        raise MarkupChanged('<a ... class="md-source" data-md-component="source"> (partials/source.html)')
    return output


def fix_view_link(output: str, edit_url: str, raw_url: str) -> str:
    """Material builds the "view source" link by replacing every 'edit' in the edit URL
    (see `material_view_url`); where that is not the raw URL (an 'edit' in the owner,
    repository or file name), put the raw URL in its place."""
    if f'href="{edit_url}"' not in output:
        raise MarkupChanged(f'the edit button <a href="{edit_url}" ... rel="edit"> (partials/actions.html)')
    made = material_view_url(edit_url)
    if made == raw_url:
        return output
    old = f'<a href="{made}" title='
    if old not in output:
        raise MarkupChanged(f'the view button <a href="{made}" title=...> (partials/actions.html)')
    return output.replace(old, f'<a href="{raw_url}" title=', 1)
