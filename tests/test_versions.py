"""Versions with mike's layout, through the same script CI runs (tools/deploy.py), in a
temporary repository with a local bare remote: deploy 1.0, then 2.0 as latest, then 1.0
again. tests/test_hosting.py serves such a branch as GitHub Pages would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import sitebuild
from conftest import ROOT, elements, serve

DEPLOY = ROOT / "tools" / "deploy.py"
SITE_URL = "https://example.invalid/procurement/"
GIT_ENV = sitebuild.GIT_IDENTITY


def run(cwd: Path, *command: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        list(command), cwd=cwd, capture_output=True, text=True, env={**sitebuild.ENV, **GIT_ENV, **(env or {})}
    )


def deploy(project: Path, *args: str, site_url: str | None = SITE_URL) -> subprocess.CompletedProcess:
    env = {"SITE_URL": site_url} if site_url else {}
    full = {**os.environ, **sitebuild.ENV, **GIT_ENV, **env}
    if site_url is None:
        full.pop("SITE_URL", None)
    return subprocess.run(
        [sys.executable, str(DEPLOY), "--config", str(project / "mkdocs.yml"), *args],
        cwd=project,
        capture_output=True,
        text=True,
        env=full,
    )


def remote_head(remote: Path) -> str:
    return run(remote, "git", "rev-parse", "--verify", "-q", "refs/heads/gh-pages").stdout.strip()


@pytest.fixture(scope="module")
def deployed(tmp_path_factory):
    base = tmp_path_factory.mktemp("versions")
    remote = base / "remote.git"
    project = sitebuild.make_project(base / "project", ROOT / "tests" / "fixtures" / "small" / "docs")
    sitebuild.git_project(project, remote)
    steps = {}
    steps["1.0"] = deploy(project, "--version", "1.0", "--push")
    steps["2.0"] = deploy(project, "--version", "2.0", "--alias", "latest", "--push")
    checkout = base / "after-2.0"
    run(base, "git", "clone", "-q", "-b", "gh-pages", str(remote), str(checkout))
    page = project / "docs" / "fi" / "areas" / "innovation.md"
    page.write_text(page.read_text() + "\nKorjaus versioon 1.0.\n")
    run(project, "git", "commit", "-qam", "fix 1.0")
    steps["1.0 again"] = deploy(project, "--version", "1.0", "--push")
    pages = base / "pages"
    run(base, "git", "clone", "-q", "-b", "gh-pages", str(remote), str(pages))
    return {"project": project, "remote": remote, "pages": pages, "after_2": checkout, "steps": steps}


def test_each_deploy_succeeds(deployed):
    for name, step in deployed["steps"].items():
        assert step.returncode == 0, (name, step.stdout[-2000:], step.stderr[-3000:])


def test_versions_json_and_latest(deployed):
    versions = json.loads((deployed["pages"] / "versions.json").read_text())
    assert [(v["version"], v["aliases"]) for v in versions] == [("2.0", ["latest"]), ("1.0", [])]
    latest = deployed["pages"] / "latest"
    assert "2.0" in (latest / "index.html").read_text()
    assert "latest" in (deployed["pages"] / "index.html").read_text()
    # An alias is a copy of its version, never a symlink (GitHub Pages refuses those).
    assert latest.is_dir() and not latest.is_symlink()
    files = sorted(p.relative_to(latest) for p in latest.rglob("*") if p.is_file())
    assert files and files == sorted(
        p.relative_to(deployed["pages"] / "2.0") for p in (deployed["pages"] / "2.0").rglob("*") if p.is_file()
    )
    assert all((latest / f).read_bytes() == (deployed["pages"] / "2.0" / f).read_bytes() for f in files)


def test_both_versions_have_both_languages_complete(deployed):
    pages = deployed["pages"]
    listing = {
        v: sorted(p.relative_to(pages / v).as_posix() for p in (pages / v).rglob("*.html")) for v in ("1.0", "2.0")
    }
    assert listing["1.0"] == listing["2.0"]
    for version in ("1.0", "2.0"):
        for rel in (
            "index.html",
            "sv/index.html",
            "outputs/invoice-guide/index.html",
            "sv/outputs/invoice-guide/index.html",
            "search/search_index.json",
            "sv/search/search_data.js",
        ):
            assert (pages / version / rel).exists(), (version, rel)


def test_redeploying_1_0_changes_1_0_only(deployed):
    before, after = deployed["after_2"], deployed["pages"]
    for path in (before / "2.0").rglob("*"):
        if path.is_file():
            assert path.read_bytes() == (after / path.relative_to(before)).read_bytes(), path
    assert "Korjaus versioon 1.0." in (after / "1.0" / "areas" / "innovation" / "index.html").read_text()
    assert "Korjaus versioon 1.0." not in (after / "2.0" / "areas" / "innovation" / "index.html").read_text()


@pytest.mark.parametrize("start", ["1.0/", "1.0/sv/", "1.0/outputs/invoice-guide/", "1.0/sv/areas/innovation/"])
def test_switcher_keeps_the_version_prefix(deployed, start):
    page = deployed["pages"] / start / "index.html"
    base = "http://host.invalid/" + start
    for link in elements(page, "a", class_="md-select__link"):
        target = urlsplit(urljoin(base, link["href"])).path
        assert target.startswith("/1.0/"), (start, link["href"], target)
        assert (deployed["pages"] / target.lstrip("/") / "index.html").exists()


def test_outdated_notice_on_1_0_only(deployed, page):
    server = serve(deployed["pages"])
    root = f"http://127.0.0.1:{server.server_port}/"
    try:
        for path, outdated in (("1.0/", True), ("1.0/sv/outputs/", True), ("2.0/", False), ("latest/sv/", False)):
            page.goto(root + path)
            page.wait_for_selector(".md-version__current", timeout=10000)
            hidden = page.locator("[data-md-component=outdated]").get_attribute("hidden")
            assert (hidden is None) == outdated, path
            if outdated:
                banner = page.locator("[data-md-component=outdated]").inner_text()
                assert ("vanhaa versiota" in banner) or ("äldre version" in banner)
                href = page.locator("[data-md-component=outdated] a").get_attribute("href")
                target = urlsplit(urljoin(root + path, href)).path
                assert target == "/latest/" + path.split("/", 1)[1]
    finally:
        server.shutdown()


@pytest.mark.parametrize(
    "args, site_url, message",
    [
        (["--version", "2 0"], SITE_URL, "not allowed"),
        (["--version", "a/b"], SITE_URL, "not allowed"),
        (["--version", "latest"], SITE_URL, "already an alias of version '2.0'"),
        (["--version", "3.0"], None, "SITE_URL is not set"),
    ],
)
def test_bad_deploys_are_refused_and_leave_gh_pages_alone(deployed, args, site_url, message):
    head = remote_head(deployed["remote"])
    result = deploy(deployed["project"], *args, "--push", site_url=site_url)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr and "Nothing was changed" in result.stderr
    assert remote_head(deployed["remote"]) == head


def test_deploy_outside_a_git_repository_is_refused(tmp_path):
    project = sitebuild.make_project(tmp_path, ROOT / "tests" / "fixtures" / "small" / "docs")
    result = deploy(project, "--version", "1.0")
    assert result.returncode == 2
    assert "is not a git repository" in result.stderr
    assert not (project / ".git").exists()
