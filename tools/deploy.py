"""Deploy one version of the site to the gh-pages branch: `make deploy`.

    python tools/deploy.py --version 1.0 [--alias latest] [--push] [--branch gh-pages] [--remote origin]
    python tools/deploy.py --refresh [--push]   # root files and links only (after `mike alias`/`mike delete`)

The same script runs in GitHub Actions (main -> "dev", a tag v1.2 -> "1.2" + latest)
and in the tests (a temporary repository with a local bare remote). It keeps mike's
layout (tools/ghpages.py) and mike's settings in mkdocs.yml, but builds and commits
itself, so that a rejected push can be retried without building again:

1. Checks, before anything is built or any branch changes (exit 2, "DEPLOY REFUSED"):
   mike's plugin settings in mkdocs.yml (aliases as copies: GitHub Pages refuses a
   branch holding a symlink; `canonical_version` set), plain version and alias names,
   an alias that is not a version and a version that is not an alias, SITE_URL set to
   the public address, a git repository, a local gh-pages that has not diverged.
2. Builds the version once (`mkdocs build --strict` with MIKE_DOCS_VERSION set, as mike
   does), into a temporary folder.
3. Makes one commit on top of gh-pages as the remote has it: the version's folder,
   versions.json (mike's own Versions class), every alias a copy of its version (this
   also replaces a `latest` symlink left by an older deploy), the canonical and hreflang
   links of every version pointed at the default version (its home where it lacks the
   page), and the root files: .nojekyll, index.html, 404.html, sitemap.xml, robots.txt.
   A tree that would still hold a symlink is never committed.
4. Pushes without force. When the push is rejected because gh-pages moved meanwhile (a
   release and a development deploy running at once), it fetches the new gh-pages and
   makes the commit again on top of it (the build is reused), up to five times. So both
   deploys land, whatever their order.

The default alias (`latest`, mike's canonical_version) never moves to a release older
than the one holding it: two release deploys finishing out of order leave it on the
newest. Point it back by hand for a rollback (MAINTAINING.md).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import ghpages
from ghpages import Git, GitError
from sitelib import siteconfig

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
ATTEMPTS = 5
SETTINGS_EXAMPLE = (
    "plugins:\n  - mike:\n      alias_type: copy\n      canonical_version: latest\n      version_selector: true"
)


class DeployError(Exception):
    """Refused before anything changed."""


class DeployFailed(Exception):
    """Failed after the checks (build, commit or push); the remote gh-pages is unchanged."""


def say(message: str) -> None:
    print(f"==> {message}", flush=True)


# --- settings -------------------------------------------------------------------------


@dataclass
class Settings:
    config: Path
    project: Path
    default_alias: str  # mike's canonical_version
    languages: ghpages.Languages
    names: dict[str, str]  # site name per language
    labels: dict[str, dict]  # data/site.yml labels per language


def mike_settings(data: dict) -> dict | None:
    for entry in data.get("plugins") or []:
        if entry == "mike":
            return {}
        if isinstance(entry, dict) and "mike" in entry:
            return entry["mike"] or {}
    return None


def line_of(text: str, field: str) -> int | None:
    """The line (1-based) of `field:` in mike's entry of mkdocs.yml, else of the entry."""
    lines = text.splitlines()
    start = next((n for n, line in enumerate(lines) if re.match(r"^\s*- mike\b", line)), None)
    if start is None:
        return None
    for n in range(start + 1, len(lines)):
        if re.match(r"^\s*- ", lines[n]) or not lines[n].startswith((" ", "\t", "#")) and lines[n].strip():
            break
        if re.match(rf"^\s*{field}:", lines[n]):
            return n + 1
    return start + 1


def read_settings(config: Path) -> Settings:
    if not config.is_file():
        raise DeployError(f"{config} does not exist: pass --config <path to mkdocs.yml>")
    text = config.read_text(encoding="utf-8")
    data = siteconfig.yaml_load(text)
    mike = mike_settings(data)

    def where(field: str) -> str:
        line = line_of(text, field)
        return f"{config}{f':{line}' if line else ''}: plugins > mike > {field}"

    if mike is None:
        raise DeployError(
            f"{config} has no settings for mike's plugin, so mike would make every alias "
            "(latest) a symlink, and GitHub Pages refuses to deploy a branch holding a symlink. "
            f"Add to mkdocs.yml:\n{SETTINGS_EXAMPLE}"
        )
    alias_type = mike.get("alias_type", "symlink")
    if alias_type == "symlink":
        raise DeployError(
            f"{where('alias_type')} is 'symlink' (mike's default when it is not set): GitHub Pages "
            "refuses to deploy a branch holding a symlink. Set alias_type: copy"
        )
    if alias_type != "copy":
        raise DeployError(
            f"{where('alias_type')} is {alias_type!r}: every page's canonical link points at the "
            "same page under the default alias, which must answer with the page itself, not a "
            "redirect. Set alias_type: copy"
        )
    default = mike.get("canonical_version")
    if not default or not isinstance(default, str):
        raise DeployError(
            f"{where('canonical_version')} is not set: set it to the alias of the default "
            "version (canonical_version: latest), which the canonical links point at"
        )
    if not NAME.match(default):
        raise DeployError(f"{where('canonical_version')} {default!r} is not a plain name (letters, digits, . _ -)")
    codes, _default_language = siteconfig.i18n_languages(data.get("plugins"))
    names = {}
    for entry in data["plugins"]:
        if isinstance(entry, dict) and "i18n" in entry:
            names = {l["locale"]: l.get("site_name", data.get("site_name", "")) for l in entry["i18n"]["languages"]}
    model_path = config.parent / (data.get("extra") or {}).get("content_model", "data/site.yml")
    with open(model_path, encoding="utf-8") as handle:
        labels = yaml.safe_load(handle)["labels"]
    return Settings(
        config=config,
        project=config.parent,
        default_alias=default,
        languages=ghpages.Languages(codes),
        names=names,
        labels=labels,
    )


def site_url() -> str:
    url = os.environ.get("SITE_URL", "")
    if not re.match(r"^https?://[^/]+", url) or "127.0.0.1" in url or "localhost" in url:
        raise DeployError(
            "SITE_URL is not set to the public address of the site (for GitHub Pages "
            "https://<owner>.github.io/<repository>/); mkdocs.yml takes site_url from it"
        )
    return url if url.endswith("/") else url + "/"


def check_names(version: str, alias: str | None, settings: Settings) -> None:
    if not version:
        raise DeployError("no version given: make deploy VERSION=1.0 [ALIAS=latest]")
    for label, value in (("version", version), ("alias", alias)):
        if value is not None and not NAME.match(value):
            raise DeployError(
                f"the {label} name {value!r} is not allowed: use letters, digits, "
                "dots, hyphens and underscores only (no spaces or slashes)"
            )
    if alias is not None and alias == version:
        raise DeployError(f"the alias {alias!r} is the version's own name; give another alias or none")


def check_branch(version: str | None, alias: str | None, versions, settings: Settings) -> None:
    """The names against the versions already on gh-pages (mike's Versions)."""
    for info in versions:
        name = str(info.version)
        if version and version in info.aliases and name != version:
            raise DeployError(f"{version!r} is already an alias of version {name!r}; choose another version name")
        if alias and alias == name:
            raise DeployError(f"the alias {alias!r} is already the name of a version; choose another alias")
    if version == settings.default_alias:
        raise DeployError(
            f"{version!r} is the default alias (mike's canonical_version), not a version name: "
            f"deploy a version number with ALIAS={settings.default_alias}"
        )


# --- the branch -----------------------------------------------------------------------


def remote_tip(git: Git, remote: str, branch: str, required: bool) -> str | None:
    """Fetch the remote's branch (into refs/remotes/<remote>/<branch>) and return its commit."""
    listed = git.run("ls-remote", "--heads", remote, f"refs/heads/{branch}", check=False)
    if listed.returncode != 0:
        if required:
            raise DeployError(f"cannot read the remote {remote!r}: {listed.stderr.decode().strip()}")
        return None
    fields = listed.stdout.decode().split()
    if not fields:
        return None
    git.run("fetch", "--quiet", "--no-tags", remote, f"+refs/heads/{branch}:refs/remotes/{remote}/{branch}")
    return fields[0]


def choose_base(git: Git, local: str | None, remote: str | None, branch: str) -> str | None:
    if local and remote and local != remote:
        if git.is_ancestor(local, remote):
            return remote
        if git.is_ancestor(remote, local):
            return local
        raise DeployError(
            f"the local branch {branch!r} and the remote's have diverged; delete the local one "
            f"(git branch -D {branch}) to deploy on top of the remote's"
        )
    return remote or local


def load_versions(git: Git, tree: ghpages.Tree):
    from mike.versions import Versions

    entry = tree.get("versions.json")
    if entry is None:
        return Versions()
    return Versions.loads(git.read_blobs([entry[1]])[entry[1]].decode("utf-8"))


def is_release(name: str) -> bool:
    return bool(re.match(r"v?\d", name))  # mike/versions.py: releases start with a digit


def add_version(versions, version: str, alias: str | None, settings: Settings) -> list[str]:
    """Add the version (and move its alias) in mike's Versions; returns notes to print."""
    from mike.versions import VersionInfo

    notes, aliases = [], [alias] if alias else []
    holder = versions.find(alias) if alias == settings.default_alias else None
    if (
        holder
        and holder[0] != version
        and is_release(holder[0])
        and is_release(version)
        and versions[holder[0]].version > VersionInfo(version).version
    ):
        notes.append(f"{alias!r} stays on {holder[0]}, which is newer than {version}")
        aliases = []
    try:
        versions.add(version, aliases=aliases, update_aliases=True)
    except ValueError as error:
        raise DeployError(f"mike refuses the versions: {error}") from error
    return notes


def compose(
    git: Git,
    base: str | None,
    settings: Settings,
    url: str,
    version: str | None,
    alias: str | None,
    site: Path | None,
    message: str,
) -> tuple[str, list[str]]:
    """The new gh-pages commit on top of `base` (not yet on any branch) and notes to print."""
    tree = git.tree(base)
    versions = load_versions(git, tree)
    check_branch(version, alias, versions, settings)
    notes = []
    if version:
        notes += add_version(versions, version, alias, settings)
        files = sorted(p for p in site.rglob("*") if p.is_file())
        shas = git.write_files(files)
        ghpages.drop(tree, version)
        for path, sha in zip(files, shas):
            tree[f"{version}/{path.relative_to(site).as_posix()}"] = (ghpages.FILE, sha)
    default = versions.find(settings.default_alias)
    target = default[0] if default else None
    base_url = f"{url}{settings.default_alias}/"
    if target:
        latest_files = set(ghpages.under(tree, target))
        for info in versions:
            rewrite_version(git, tree, str(info.version), settings, latest_files, base_url)
    for info in versions:
        for name in sorted(info.aliases):
            ghpages.copy_folder(tree, str(info.version), name)
    root_files(git, tree, versions, target, settings, url)
    bad = ghpages.links_and_submodules(tree)
    if bad:
        raise DeployFailed(
            "gh-pages would still hold " + ", ".join(bad) + ": GitHub Pages refuses to deploy a "
            "branch with symlinks. Remove them (git rm on the gh-pages branch) and deploy again"
        )
    written = git.write_tree(tree)
    if base and written == git.text("rev-parse", f"{base}^{{tree}}"):
        return base, notes + ["nothing changed on gh-pages"]
    return git.commit_tree(written, base, message), notes


def rewrite_version(
    git: Git, tree: ghpages.Tree, version: str, settings: Settings, latest_files: set[str], base_url: str
) -> int:
    pages = {
        rel: entry
        for rel, entry in ghpages.under(tree, version).items()
        if rel.endswith(".html") and not ghpages.is_not_found_page(rel, settings.languages)
    }
    blobs = git.read_blobs(sorted({sha for _mode, sha in pages.values()}))
    changed = {}
    for rel, (mode, sha) in pages.items():
        try:
            text = blobs[sha].decode("utf-8")
        except UnicodeDecodeError:
            continue
        if not ghpages.needs_links(text):
            continue
        links = ghpages.page_links(rel, settings.languages, latest_files, base_url, settings.default_alias)
        new = ghpages.rewrite_page(text, links)
        if new != text:
            changed[rel] = (mode, new.encode("utf-8"))
    shas = git.write_blobs([data for _mode, data in changed.values()])
    for (rel, (mode, _data)), sha in zip(changed.items(), shas):
        tree[f"{version}/{rel}"] = (mode, sha)
    return len(changed)


def root_files(git: Git, tree: ghpages.Tree, versions, target: str | None, settings: Settings, url: str) -> None:
    ordered = [str(info.version) for info in versions]
    home = settings.default_alias if target else ordered[0]
    source = target or ordered[0]
    files = {".nojekyll": "", "versions.json": versions.dumps() + "\n", "index.html": ghpages.redirect_page(home + "/")}
    index = tree.get(f"{source}/index.html")
    assets = (
        ghpages.head_assets(git.read_blobs([index[1]])[index[1]].decode("utf-8"))
        if index
        else {"stylesheets": [], "favicon": None, "logo": None}
    )
    files["404.html"] = ghpages.not_found_page(url, home, settings.languages, settings.names, settings.labels, assets)
    sitemap = tree.get(f"{target}/sitemap.xml") if target else None
    if sitemap:
        latest = set(ghpages.under(tree, target))

        def exists(path: str) -> bool:
            return (path + "index.html" if path == "" or path.endswith("/") else path) in latest

        text = git.read_blobs([sitemap[1]])[sitemap[1]].decode("utf-8")
        files["sitemap.xml"] = ghpages.root_sitemap(text, url, settings.default_alias, exists)
    else:
        tree.pop("sitemap.xml", None)
    files["robots.txt"] = ghpages.robots_txt(url, "sitemap.xml" in files)
    shas = git.write_blobs([text.encode("utf-8") for text in files.values()])
    for name, sha in zip(files, shas):
        tree[name] = (ghpages.FILE, sha)


# --- build and publish ----------------------------------------------------------------


def engine() -> str:
    """The build engine: mkdocs, or properdocs (SITE_ENGINE=properdocs, `make properdocs`:
    ProperDocs, the maintained drop-in fork of MkDocs 1.x), as tools/build.py runs it."""
    return os.environ.get("SITE_ENGINE", "mkdocs")


def build(settings: Settings, version: str, url: str, out: Path) -> None:
    """One version, as `mike deploy` builds it (MIKE_DOCS_VERSION set; mike's plugin in
    mkdocs.yml points site_url at the default version), but with the engine asked for:
    mike itself would switch to ProperDocs silently wherever it is installed."""
    env = {
        **os.environ,
        "MIKE_DOCS_VERSION": version,
        "SITE_URL": url,
        "NO_MKDOCS_2_WARNING": "1",
        "DISABLE_MKDOCS_2_WARNING": "true",
    }
    command = [sys.executable, "-m", engine(), "build", "--strict", "--clean"]
    command += ["--config-file", str(settings.config), "--site-dir", str(out)]
    say(f"building version {version} ({engine()} build --strict, MIKE_DOCS_VERSION={version})")
    if subprocess.run(command, cwd=settings.project, env=env, check=False).returncode != 0:
        raise DeployFailed("the build failed (see above)")
    expected = f'<link rel="canonical" href="{url}{settings.default_alias}/">'
    if expected not in (out / "index.html").read_text(encoding="utf-8"):
        raise DeployFailed(
            f"the home page's canonical link is not {expected}: mike's plugin "
            "(mike/mkdocs_plugin.py, canonical_version) or hooks/alternates.py changed"
        )


def message_for(git: Git, version: str | None, alias: str | None) -> str:
    from importlib import metadata

    from mike.app_version import version as mike_version

    head = git.text("rev-parse", "--short", "HEAD", check=False) or "?"
    what = f"{version}" + (f" ({alias})" if alias else "") if version else "the root files and links"
    return (
        f"Deployed {head} to {what} with tools/deploy.py ({engine()} {metadata.version(engine())}, "
        f"mike {mike_version}'s layout, aliases as copies)"
    )


def publish(
    git: Git,
    settings: Settings,
    url: str,
    version: str | None,
    alias: str | None,
    site: Path | None,
    branch: str,
    remote: str,
    push: bool,
) -> None:
    message = message_for(git, version, alias)
    for attempt in range(1, ATTEMPTS + 1):
        local = git.rev(f"refs/heads/{branch}")
        tip = remote_tip(git, remote, branch, required=push)
        base = choose_base(git, local, tip, branch)
        commit, notes = compose(git, base, settings, url, version, alias, site, message)
        for note in notes:
            say(note)
        if commit != base:
            git.run("update-ref", f"refs/heads/{branch}", commit)
            say(f"{branch} is now {commit[:12]} (on top of {base[:12] if base else 'nothing'})")
        if not push or commit == tip:
            return
        pushed = git.run("push", "--porcelain", remote, f"{commit}:refs/heads/{branch}", check=False)
        if pushed.returncode == 0:
            say(f"pushed {branch} to {remote}")
            return
        now = remote_tip(git, remote, branch, required=True)
        if now == tip:
            raise DeployFailed(f"git push failed: {pushed.stderr.decode().strip() or pushed.stdout.decode()}")
        say(
            f"push rejected: {branch} moved on {remote} (another deploy); making the commit again on top of "
            f"{now[:12] if now else 'nothing'} (attempt {attempt + 1} of {ATTEMPTS})"
        )
        if now:
            git.run("update-ref", f"refs/heads/{branch}", now)
        else:
            git.run("update-ref", "-d", f"refs/heads/{branch}")
    raise DeployFailed(f"{branch} kept moving on {remote}: gave up after {ATTEMPTS} attempts")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", default=None)
    parser.add_argument("--alias", default=None)
    parser.add_argument(
        "--refresh",
        action="store_true",
        help="no new version: rewrite the root files, alias copies and links of gh-pages",
    )
    parser.add_argument("--push", action="store_true", help="push the branch to the remote")
    parser.add_argument("--branch", default="gh-pages")
    parser.add_argument("--remote", default="origin")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    args = parser.parse_args(argv)
    config = args.config.resolve()
    try:
        settings = read_settings(config)
        if args.refresh:
            if args.version or args.alias:
                raise DeployError("--refresh deploys no version: leave out --version and --alias")
        else:
            check_names(args.version or "", args.alias, settings)
        url = site_url()
        git = Git(settings.project)
        if git.run("rev-parse", "--is-inside-work-tree", check=False).returncode != 0:
            raise DeployError(f"{settings.project} is not a git repository: the site is deployed to a branch of one")
        local = git.rev(f"refs/heads/{args.branch}")
        tip = remote_tip(git, args.remote, args.branch, required=args.push)
        base = choose_base(git, local, tip, args.branch)
        versions = load_versions(git, git.tree(base))
        check_branch(args.version, args.alias, versions, settings)
        if args.refresh and not len(versions):
            raise DeployError(f"--refresh: {args.branch} has no versions yet; deploy one first")
    except DeployError as error:
        print(f"DEPLOY REFUSED: {error}. Nothing was changed.", file=sys.stderr)
        return 2
    say(f"{args.branch} is at {base[:12] if base else '(no branch yet)'}" + (f" ({args.remote})" if tip else ""))
    try:
        with tempfile.TemporaryDirectory(prefix="deploy-") as temp:
            site = None
            if not args.refresh:
                site = Path(temp) / "site"
                build(settings, args.version, url, site)
            publish(git, settings, url, args.version, args.alias, site, args.branch, args.remote, args.push)
    except DeployError as error:
        print(f"DEPLOY REFUSED: {error}. The remote {args.branch} was not changed.", file=sys.stderr)
        return 2
    except (DeployFailed, GitError) as error:
        print(f"DEPLOY FAILED: {error}. The remote {args.branch} was not changed.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
