"""Deploy one version of the site to the gh-pages branch with mike: `make deploy`.

    python tools/deploy.py --version 1.0 [--alias latest] [--push] [--branch gh-pages]

The same script runs in GitHub Actions (main -> "dev", a tag v1.2 -> "1.2" + latest)
and in the tests (a temporary repository with a local bare remote). Every check
runs before mike touches anything, so a refused deploy leaves gh-pages as it was:

- the version name must be a plain name (letters, digits, . _ -; no spaces or slashes);
- it must not be an alias of another version already on gh-pages;
- SITE_URL must be set to the public address (mkdocs.yml reads it; the local
  default is only for `make serve`);
- the working directory must be a git repository.

`latest` is the default version (the site root redirects to it); the outdated notice
shows on every page of the other versions.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
DEFAULT_ALIAS = "latest"


class DeployError(Exception):
    pass


def git(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=check)


def published_versions(cwd: Path, branch: str, remote: str | None) -> list[dict]:
    """versions.json of the deploy branch (local, else the remote's), [] when none yet."""
    for ref in ([branch] + ([f"{remote}/{branch}"] if remote else [])):
        shown = git(cwd, "show", f"{ref}:versions.json", check=False)
        if shown.returncode == 0:
            return json.loads(shown.stdout)
    return []


def validate(version: str, alias: str | None, cwd: Path, branch: str, remote: str | None) -> None:
    if not version:
        raise DeployError("no version given: make deploy VERSION=1.0 [ALIAS=latest]")
    for label, value in (("version", version), ("alias", alias)):
        if value is not None and not NAME.match(value):
            raise DeployError(f"the {label} name {value!r} is not allowed: use letters, digits, "
                              "dots, hyphens and underscores only (no spaces or slashes)")
    site_url = os.environ.get("SITE_URL", "")
    if not re.match(r"^https?://[^/]+", site_url) or "127.0.0.1" in site_url or "localhost" in site_url:
        raise DeployError("SITE_URL is not set to the public address of the site (for GitHub Pages "
                          "https://<owner>.github.io/<repository>/); mkdocs.yml takes site_url from it")
    if git(cwd, "rev-parse", "--is-inside-work-tree", check=False).returncode != 0:
        raise DeployError(f"{cwd} is not a git repository: mike deploys to a branch of one")
    for entry in published_versions(cwd, branch, remote):
        if version in entry.get("aliases", []) and entry["version"] != version:
            raise DeployError(f"{version!r} is already an alias of version {entry['version']!r}; "
                              "choose another version name")
        if alias and alias == entry["version"]:
            raise DeployError(f"the alias {alias!r} is already the name of a version")


def mike_command() -> list[str]:
    """mike's command line. With SITE_ENGINE=properdocs (make properdocs), MkDocs is not
    installed: mike imports `mkdocs.*` itself, so it runs behind ProperDocs' import alias
    (mike then builds with `properdocs`, which it finds installed)."""
    if os.environ.get("SITE_ENGINE") == "properdocs":
        return [sys.executable, "-c",
                "import sys, properdocs.replacement; from mike.driver import main; sys.exit(main())"]
    return [str(Path(sys.executable).with_name("mike"))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--version", required=True)
    parser.add_argument("--alias", default=None)
    parser.add_argument("--push", action="store_true", help="push the branch to the remote")
    parser.add_argument("--branch", default="gh-pages")
    parser.add_argument("--remote", default="origin")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    args = parser.parse_args(argv)
    cwd = args.config.resolve().parent
    try:
        validate(args.version, args.alias, cwd, args.branch, args.remote)
    except DeployError as error:
        print(f"DEPLOY REFUSED: {error}. Nothing was changed.", file=sys.stderr)
        return 2
    git(cwd, "fetch", args.remote, f"{args.branch}:{args.branch}", check=False)
    mike = mike_command()
    common = ["--config-file", str(args.config), "--branch", args.branch, "--remote", args.remote]
    if args.push:
        common.append("--push")
    bin_dir = str(Path(sys.executable).parent)   # mike runs `mkdocs` from PATH
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true",
           "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}
    steps = [[*mike, "deploy", *common, "--update-aliases", args.version, *([args.alias] if args.alias else [])]]
    if args.alias == DEFAULT_ALIAS:
        steps.append([*mike, "set-default", *common, DEFAULT_ALIAS])
    for step in steps:
        print("==> mike", " ".join(step[1:]))
        if subprocess.run(step, cwd=cwd, env=env).returncode != 0:
            print("DEPLOY FAILED (see above).", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
