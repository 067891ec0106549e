"""Build the real site, or a small fixture site with the real hooks, for the tests.

A fixture project is a copy of a docs tree (and optionally another data file)
with a mkdocs.yml derived from the repository's own: same theme, plugins, hooks
and extensions, only the paths changed. So what is tested is what ships.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

# Variables that change what a build writes or how the tools report. A maintainer may have
# them exported (MAINTAINING.md tells them to set SITE_URL), and CI sets the GitHub ones:
# the tests never inherit them; a test that needs one sets it explicitly.
ISOLATED = (
    "SITE_URL",
    "OFFLINE",
    "SITE_ONLY_LANGUAGE",
    "SITE_PDF_DIR",
    "SOURCE_DATE_EPOCH",
    "MIKE_DOCS_VERSION",
    "REPO_URL",
    "REPO_BRANCH",
    "GITHUB_ACTIONS",
    "GITHUB_STEP_SUMMARY",
    "GITHUB_SERVER_URL",
    "GITHUB_REPOSITORY",
    "GITHUB_BASE_REF",
    "GITHUB_HEAD_REF",
    "GITHUB_DEFAULT_BRANCH",
    "VERBOSE",
)


def isolate(environ) -> None:
    """Remove the ISOLATED variables from `environ` (os.environ at the start of the session)."""
    for name in ISOLATED:
        environ.pop(name, None)


isolate(os.environ)
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
# SITE_ENGINE=properdocs (make properdocs) builds with ProperDocs, the maintained fork of MkDocs 1.x.
ENGINE = os.environ.get("SITE_ENGINE", "mkdocs")


def project_config(
    project: Path, data_file: Path | None = None, extra_yaml: str = "", base_config: Path = ROOT / "mkdocs.yml"
) -> Path:
    """Write <project>/mkdocs.yml: the repository's config pointing at <project>/docs."""
    text = base_config.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^  - hooks/", f"  - {ROOT}/hooks/", text)
    text = text.replace("custom_dir: overrides", f"custom_dir: {ROOT}/overrides")
    text = text.replace("content_model: data/site.yml", f"content_model: {data_file or ROOT / 'data/site.yml'}")
    config = project / "mkdocs.yml"
    config.write_text(text + ("\n" + extra_yaml if extra_yaml else ""), encoding="utf-8")
    return config


def make_project(
    tmp: Path, docs: Path | dict, data_file: Path | None = None, extra_yaml: str = "", with_assets: bool = True
) -> Path:
    """A fixture project in tmp: docs copied (or written from {path: text}), assets shared."""
    project = Path(tmp)
    target = project / "docs"
    if isinstance(docs, dict):
        for rel, content in docs.items():
            path = target / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
    else:
        shutil.copytree(docs, target)
    if with_assets:
        shutil.copytree(ROOT / "docs" / "assets", target / "assets", dirs_exist_ok=True)
        if not (target / "includes").exists():
            shutil.copytree(ROOT / "docs" / "includes", target / "includes")
    project_config(project, data_file, extra_yaml)
    return project


def build(
    project: Path, site: Path | None = None, *args: str, env: dict | None = None, config: str = "mkdocs.yml"
) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of a project; returns the finished process (check returncode)."""
    site = site or project / "site"
    command = [PYTHON, "-m", ENGINE, "build", "--strict", "-f", str(project / config), "-d", str(site), *args]
    return subprocess.run(command, cwd=project, env={**ENV, **(env or {})}, capture_output=True, text=True)


# --- git repositories for the tests ----------------------------------------------

GIT_IDENTITY = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
}


def git(cwd: Path, *args: str, date: str | None = None) -> str:
    """Run git in `cwd` as the test identity (author and committer `date` if given); fail
    with git's own message; return its output."""
    env = {**ENV, **GIT_IDENTITY, **({"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date} if date else {})}
    result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
    return result.stdout


def git_project(project: Path, remote: Path | None = None, push: bool = True) -> Path:
    """Commit `project` (a fixture project) on branch main; with `remote`, a bare repository
    there (created unless it exists) becomes origin, and main is pushed to it."""
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "1.0")
    if remote is not None:
        if not remote.exists():
            git(project.parent, "init", "-q", "--bare", str(remote))
        git(project, "remote", "add", "origin", str(remote))
        if push:
            git(project, "push", "-q", "origin", "main")
    return project
