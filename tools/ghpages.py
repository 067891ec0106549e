"""The gh-pages branch as tools/deploy.py writes it: mike's layout plus the site root.

mike's layout: one folder per version (`1.0/`, `2.0/`, `dev/`), each alias a full copy
of its version's folder (`latest/`, never a symlink: GitHub Pages refuses those),
`versions.json` (mike's format, read by Material's version selector) and `.nojekyll`.
On top of it, at the root: `index.html` (mike's redirect to the default version),
`404.html` (both languages, works at any depth), `sitemap.xml` (the default version's,
listing the canonical pages) and `robots.txt` pointing at it; and in every version,
canonical and hreflang links pointing at the default version (its home when it does
not have the page).

Pure functions on text and on trees ({path: (mode, sha)}), and a small wrapper of git's
plumbing (`Git`) that writes blobs, trees and commits without a working folder.
"""

from __future__ import annotations

import html
import json
import os
import posixpath
import re
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import jinja2

TEMPLATES = Path(__file__).resolve().parent / "templates"
FILE, SYMLINK, SUBMODULE = "100644", "120000", "160000"
Tree = dict[str, tuple[str, str]]  # path -> (mode, sha)

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"

# The exact tags overrides/partials/meta-links.html and the outdated block of
# overrides/main.html write (and the older form with href first).
CANONICAL = re.compile(r'(\s*)<link rel="canonical" href="[^"]*">')
ALTERNATE = re.compile(
    r'(\s*)<link rel="alternate" '
    r'(?:hreflang="([^"]*)" href="[^"]*"|href="[^"]*" hreflang="([^"]*)")>'
)
LATEST_LINK = re.compile(r'(<a class="site-latest-link" href=")[^"]*(")')


# --- git plumbing -------------------------------------------------------------------


class GitError(Exception):
    pass


class Git:
    def __init__(self, cwd: Path, env: dict | None = None):
        self.cwd, self.env = cwd, env

    def run(
        self, *args: str, input: bytes | None = None, check: bool = True, env: dict | None = None
    ) -> subprocess.CompletedProcess:
        result = subprocess.run(
            ["git", *args],
            cwd=self.cwd,
            input=input,
            capture_output=True,
            check=False,
            env={**(self.env or os.environ), **(env or {})},
        )
        if check and result.returncode != 0:
            raise GitError(f"git {' '.join(args)} failed: {result.stderr.decode(errors='replace').strip()}")
        return result

    def text(self, *args: str, check: bool = True) -> str:
        return self.run(*args, check=check).stdout.decode().strip()

    def rev(self, ref: str) -> str | None:
        result = self.run("rev-parse", "--verify", "-q", f"{ref}^{{commit}}", check=False)
        return result.stdout.decode().strip() or None

    def is_ancestor(self, older: str, newer: str) -> bool:
        return self.run("merge-base", "--is-ancestor", older, newer, check=False).returncode == 0

    def tree(self, commit: str | None) -> Tree:
        if commit is None:
            return {}
        out = self.run("ls-tree", "-r", "-z", "--full-tree", commit).stdout
        entries = {}
        for record in out.split(b"\0"):
            if record:
                meta, path = record.decode().split("\t", 1)
                mode, _kind, sha = meta.split()
                entries[path] = (mode, sha)
        return entries

    def read_blobs(self, shas: list[str]) -> dict[str, bytes]:
        if not shas:
            return {}
        out = self.run("cat-file", "--batch", input="".join(f"{s}\n" for s in shas).encode()).stdout
        blobs, position = {}, 0
        for sha in shas:
            end = out.index(b"\n", position)
            header = out[position:end].split()
            size = int(header[2])
            blobs[sha] = out[end + 1 : end + 1 + size]
            position = end + 1 + size + 1
        return blobs

    def write_files(self, paths: list[Path]) -> list[str]:
        """Store files as blobs (exactly their bytes), returning their shas in order."""
        if not paths:
            return []
        out = (
            self.run(
                "hash-object", "-w", "--no-filters", "--stdin-paths", input="".join(f"{p}\n" for p in paths).encode()
            )
            .stdout.decode()
            .split()
        )
        return out

    def write_blobs(self, contents: list[bytes]) -> list[str]:
        with tempfile.TemporaryDirectory(prefix="ghpages-blobs-") as temp:
            paths = []
            for number, data in enumerate(contents):
                path = Path(temp) / str(number)
                path.write_bytes(data)
                paths.append(path)
            return self.write_files(paths)

    def write_tree(self, tree: Tree) -> str:
        with tempfile.TemporaryDirectory(prefix="ghpages-index-") as temp:
            env = {"GIT_INDEX_FILE": str(Path(temp) / "index")}
            listing = "".join(f"{mode} {sha}\t{path}\0" for path, (mode, sha) in sorted(tree.items()))
            self.run("update-index", "--add", "-z", "--index-info", input=listing.encode(), env=env)
            return self.run("write-tree", env=env).stdout.decode().strip()

    def commit_tree(self, tree: str, parent: str | None, message: str) -> str:
        args = ["commit-tree", tree, "-m", message] + (["-p", parent] if parent else [])
        return self.run(*args).stdout.decode().strip()


# --- trees --------------------------------------------------------------------------


def under(tree: Tree, folder: str) -> dict[str, tuple[str, str]]:
    """The entries inside folder, keyed by their path relative to it."""
    prefix = folder + "/"
    return {path[len(prefix) :]: entry for path, entry in tree.items() if path.startswith(prefix)}


def drop(tree: Tree, folder: str) -> None:
    """Remove a folder (or a file or symlink of that name) from the tree."""
    prefix = folder + "/"
    for path in [p for p in tree if p == folder or p.startswith(prefix)]:
        del tree[path]


def copy_folder(tree: Tree, source: str, target: str) -> None:
    """target := an exact copy of source (the same blobs; git stores them once)."""
    drop(tree, target)
    for rel, entry in under(tree, source).items():
        tree[f"{target}/{rel}"] = entry


def links_and_submodules(tree: Tree) -> list[str]:
    return sorted(
        f"{path} ({'symlink' if mode == SYMLINK else 'submodule'})"
        for path, (mode, _sha) in tree.items()
        if mode in (SYMLINK, SUBMODULE)
    )


# --- canonical and hreflang links of every version ----------------------------------


@dataclass
class Languages:
    codes: list[str]  # default first

    @property
    def default(self) -> str:
        return self.codes[0]

    def prefix(self, lang: str) -> str:
        return "" if lang == self.default else f"{lang}/"

    def split(self, rel: str) -> tuple[str, str]:
        """(language, path inside that language) of a file path inside a version."""
        first, _, rest = rel.partition("/")
        if rest and first in self.codes[1:]:
            return first, rest
        return self.default, rel


def url_of(file_rel: str) -> str:
    """The URL path (relative to a version's root) of an HTML file."""
    if file_rel == "index.html":
        return ""
    return file_rel[: -len("index.html")] if file_rel.endswith("/index.html") else file_rel


def is_not_found_page(rel: str, languages: Languages) -> bool:
    return languages.split(rel)[1] == "404.html"


@dataclass
class PageLinks:
    canonical: str
    alternates: list[tuple[str, str]]  # (hreflang, absolute URL), x-default last
    latest_link: str  # relative link to the same page (or home) in the default version


def page_links(rel: str, languages: Languages, latest_files: set[str], base: str, alias: str) -> PageLinks:
    """Where the head of the page at `rel` (inside a version) must point: the same page in
    the default version (`base` = its absolute URL, with the slash), or that version's
    home in the same language when it does not have the page."""
    lang, inner = languages.split(rel)

    def target(code: str) -> str:
        path = languages.prefix(code) + inner
        return url_of(path) if path in latest_files else languages.prefix(code)

    alternates = [(code, base + target(code)) for code in languages.codes]
    alternates.append(("x-default", alternates[0][1]))
    depth = url_of(rel).count("/")  # as the template's base_url + "/../": one more level up
    return PageLinks(
        canonical=base + target(lang),
        alternates=alternates,
        latest_link="../" * (depth + 1) + f"{alias}/" + target(lang),
    )


def rewrite_page(text: str, links: PageLinks) -> str:
    """The page with its canonical, hreflang and outdated-notice links set to `links`:
    tags are replaced where they are (so an up-to-date page stays byte-identical), missing
    ones added before </head>, hreflang links to other languages than ours dropped."""
    end = text.find("</head>")
    if end < 0:
        return text
    head, body = text[:end], text[end:]
    canonical = f'<link rel="canonical" href="{html.escape(links.canonical)}">'
    wanted = {
        lang: f'<link rel="alternate" hreflang="{html.escape(lang)}" href="{html.escape(href)}">'
        for lang, href in links.alternates
    }
    seen: set[str] = set()

    def first_canonical(match: re.Match) -> str:
        if "canonical" in seen:
            return ""  # a second canonical link goes, with the space before it
        seen.add("canonical")
        return match.group(1) + canonical

    def alternate(match: re.Match) -> str:
        lang = match.group(2) or match.group(3)
        if lang not in wanted or lang in seen:
            return ""
        seen.add(lang)
        return match.group(1) + wanted[lang]

    head = CANONICAL.sub(first_canonical, head)
    head = ALTERNATE.sub(alternate, head)
    missing = ([] if "canonical" in seen else [canonical]) + [tag for lang, tag in wanted.items() if lang not in seen]
    if missing:
        head = head.rstrip() + "".join(f"\n  {tag}" for tag in missing) + "\n"
    body = LATEST_LINK.sub(lambda m: m.group(1) + html.escape(links.latest_link) + m.group(2), body)
    return head + body


def needs_links(text: str) -> bool:
    head = text[: max(text.find("</head>"), 0)]
    return bool(CANONICAL.search(head) or ALTERNATE.search(head))


# --- root files ---------------------------------------------------------------------


def redirect_page(href: str) -> str:
    """mike's own redirect page (mike/templates/redirect.html), as `mike set-default` writes it."""
    try:
        from importlib import resources

        template = resources.files("mike").joinpath("templates/redirect.html").read_text(encoding="utf-8")
    except (ImportError, FileNotFoundError) as error:
        raise RuntimeError(
            "mike's redirect template (mike/templates/redirect.html) is missing: mike has "
            "changed; update tools/ghpages.py redirect_page()"
        ) from error
    return jinja2.Template(template, autoescape=True, keep_trailing_newline=True).render(href=href)


def robots_txt(site_url: str, with_sitemap: bool) -> str:
    lines = ["User-agent: *", "Allow: /"]
    if with_sitemap:
        lines.append(f"Sitemap: {site_url}sitemap.xml")
    return "\n".join(lines) + "\n"


def root_sitemap(text: str, site_url: str, alias: str, exists: Callable[[str], bool]) -> str:
    """The default version's sitemap, every URL under site_url/<alias>/ (a sitemap built by
    an older deploy under site_url/<version>/ is moved there), entries whose page the
    default version does not have dropped. `exists(path)` gets the path inside the version."""
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    root = ET.fromstring(text.encode("utf-8"))

    def rebase(url: str | None) -> str | None:
        if not url or not url.startswith(site_url):
            return None
        _version, _, path = url[len(site_url) :].partition("/")
        return site_url + f"{alias}/" + path if exists(path) else None

    for entry in list(root.findall(f"{{{SITEMAP_NS}}}url")):
        loc = entry.find(f"{{{SITEMAP_NS}}}loc")
        moved = rebase(loc.text.strip() if loc is not None and loc.text else None)
        if moved is None:
            root.remove(entry)
            continue
        loc.text = moved
        for link in list(entry.findall(f"{{{XHTML_NS}}}link")):
            href = rebase(link.get("href"))
            if href is None:
                entry.remove(link)
            else:
                link.set("href", href)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def head_assets(index_html: str) -> dict:
    """Stylesheets, favicon and logo of a version's home page (paths relative to it)."""
    head = index_html[: max(index_html.find("</head>"), 0)]
    logo = re.search(r'class="md-header__button md-logo"[^>]*>\s*<img src="([^"]+)"', index_html)
    icon = re.search(r'<link rel="icon" href="([^"]+)"', head)
    return {
        "stylesheets": [html.unescape(h) for h in re.findall(r'<link rel="stylesheet" href="([^"]+)"', head)],
        "favicon": html.unescape(icon.group(1)) if icon else None,
        "logo": html.unescape(logo.group(1)) if logo else None,
    }


def not_found_page(
    site_url: str, alias: str, languages: Languages, names: dict[str, str], labels: dict[str, dict], assets: dict
) -> str:
    """The root 404.html: both languages in the file, absolute /<repo>/<alias>/ URLs so it
    works at any depth; its script shows the reader's language and the version's home."""
    root = urlsplit(site_url).path or "/"
    root = root if root.endswith("/") else root + "/"

    def absolute(href: str | None) -> str | None:
        if not href or re.match(r"^[a-z]+:|^/", href):
            return href
        return root + f"{alias}/" + posixpath.normpath(href)

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True, keep_trailing_newline=True
    )
    blocks = [
        {"code": code, "name": names[code], "labels": labels[code], "home": root + f"{alias}/" + languages.prefix(code)}
        for code in languages.codes
    ]
    return environment.get_template("root-404.html").render(
        root=root,
        alias=alias,
        languages=blocks,
        codes=languages.codes,
        titles={b["code"]: f"404 – {b['labels']['not_found_title']}" for b in blocks},
        stylesheets=[absolute(h) for h in assets["stylesheets"]],
        favicon=absolute(assets["favicon"]),
        logo=absolute(assets["logo"]),
    )


def versions_json(text: str | None) -> list[dict]:
    return json.loads(text) if text else []
