"""The GitHub Pages emulation (tools/pages_server.py), rule by rule, on tiny hand-made
repositories: what the deploy tests rely on must itself behave like GitHub Pages."""

from __future__ import annotations

import http.client
import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import ghpages
import pages_server
import pytest

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
}
NOT_FOUND = b"<!DOCTYPE html><title>our 404</title><p>Sivua ei loytynyt</p>\n"


class Symlink(str):
    """A tree entry of mode 120000 pointing at this target."""


def bare_repo(path: Path) -> Path:
    subprocess.run(["git", "init", "-q", "--bare", str(path)], check=True)
    return path


def commit_branch(repo: Path, files: dict, branch: str = "gh-pages") -> str:
    """Write `files` ({path: bytes | Symlink}) as the whole tree of a new commit on branch."""
    import os

    git = ghpages.Git(repo, {**os.environ, **GIT_ENV})
    tree = {}
    for path, content in files.items():
        data = content.encode() if isinstance(content, str) else content
        mode = ghpages.SYMLINK if isinstance(content, Symlink) else ghpages.FILE
        tree[path] = (mode, git.write_blobs([data])[0])
    parent = git.rev(f"refs/heads/{branch}")
    commit = git.commit_tree(git.write_tree(tree), parent, "test")
    git.run("update-ref", f"refs/heads/{branch}", commit)
    return commit


SITE = {
    ".nojekyll": b"",
    "index.html": b"<p>root</p>",
    "404.html": NOT_FOUND,
    "1.0/index.html": b"<p>one</p>",
    "1.0/sv/index.html": b"<p>sv</p>",
    "1.0/assets/site.css": b"body{}",
    "1.0/assets/app.js": b"x=1",
    "1.0/data.json": b"{}",
    "1.0/empty/readme.txt": b"no index here",
    "1.0/_private/index.html": b"<p>underscore</p>",
    "1.0/handbook/book-fi.pdf": b"%PDF-1.4 fake",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    repo = bare_repo(tmp_path_factory.mktemp("pages") / "site.git")
    commit_branch(repo, SITE)
    server = pages_server.serve(repo, "procurement")
    yield server
    server.stop()


def request(server, path: str, method: str = "GET") -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=10)
    connection.request(method, path)
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


def test_a_folder_is_served_by_its_index_html(site):
    for path, body in (
        ("/procurement/", b"<p>root</p>"),
        ("/procurement/1.0/", b"<p>one</p>"),
        ("/procurement/1.0/sv/", b"<p>sv</p>"),
        ("/procurement/1.0/index.html", b"<p>one</p>"),
    ):
        response = request(site, path)
        assert (response.status, response.body) == (200, body), path
        assert response.getheader("Content-Type") == "text/html; charset=utf-8"


def test_a_folder_without_its_slash_is_redirected(site):
    for path, location in (
        ("/procurement", "/procurement/"),
        ("/procurement/1.0", "/procurement/1.0/"),
        ("/procurement/1.0/sv?q=x", "/procurement/1.0/sv/?q=x"),
    ):
        response = request(site, path)
        assert response.status == 301, path
        assert urlsplit(response.getheader("Location")).path == urlsplit(location).path
        assert response.getheader("Location").endswith(location)


@pytest.mark.parametrize(
    "path",
    [
        "/procurement/missing",
        "/procurement/1.0/missing/",
        "/procurement/1.0/a/b/c/missing/",
        "/procurement/1.0/sv/a/b.html",
        "/procurement/1.0/empty/",
        "/procurement/1.0/../index.html",
        "/procurement/1.0/assets/site.css/",
    ],
)
def test_a_missing_path_answers_404_with_the_root_404_page(site, path):
    response = request(site, path)
    assert response.status == 404
    assert response.body == NOT_FOUND


def test_outside_the_repository_is_githubs_own_404(site):
    for path in ("/", "/other/", "/procurementx/1.0/", "/1.0/"):
        response = request(site, path)
        assert response.status == 404 and response.body != NOT_FOUND and b"404" in response.body


def test_files_with_their_types_and_head_requests(site):
    for path, kind, body in (
        ("/procurement/1.0/assets/site.css", "text/css", b"body{}"),
        ("/procurement/1.0/assets/app.js", "application/javascript", b"x=1"),
        ("/procurement/1.0/data.json", "application/json", b"{}"),
        ("/procurement/1.0/handbook/book-fi.pdf", "application/pdf", b"%PDF-1.4 fake"),
    ):
        response = request(site, path)
        assert response.status == 200 and response.body == body
        assert response.getheader("Content-Type").startswith(kind)
    head = request(site, "/procurement/1.0/", "HEAD")
    assert head.status == 200 and head.body == b"" and head.getheader("Content-Length") == str(len(b"<p>one</p>"))


def test_underscore_paths_are_served_with_nojekyll(site):
    assert request(site, "/procurement/1.0/_private/").status == 200


def test_without_nojekyll_underscore_paths_are_dropped(tmp_path):
    repo = bare_repo(tmp_path / "jekyll.git")
    commit_branch(repo, {k: v for k, v in SITE.items() if k != ".nojekyll"})
    site = pages_server.PagesSite(repo, "procurement")
    try:
        assert site.get("/procurement/1.0/_private/").status == 404
        assert site.get("/procurement/1.0/_private/index.html").status == 404
        assert site.get("/procurement/1.0/").status == 200
    finally:
        site.close()


def test_without_a_root_404_page_githubs_own_404(tmp_path):
    repo = bare_repo(tmp_path / "no404.git")
    commit_branch(repo, {k: v for k, v in SITE.items() if k != "404.html"})
    site = pages_server.PagesSite(repo, "procurement")
    try:
        response = site.get("/procurement/1.0/missing/")
        assert response.status == 404 and response.body == pages_server.GITHUB_404
    finally:
        site.close()


def test_a_branch_with_a_symlink_is_refused_and_the_last_good_deploy_stays(tmp_path):
    repo = bare_repo(tmp_path / "links.git")
    commit_branch(repo, SITE)
    server = pages_server.serve(repo, "procurement")
    try:
        commit_branch(repo, {**SITE, "latest": Symlink("1.0")})
        with pytest.raises(pages_server.DeployFailed) as refused:
            server.deploy()
        assert "does not contain any hard links, symlinks" in str(refused.value)
        assert "latest (symlink)" in str(refused.value)
        assert request(server, "/procurement/1.0/").status == 200  # still the last good deploy
        assert request(server, "/procurement/latest/").status == 404
    finally:
        server.stop()
    with pytest.raises(pages_server.DeployFailed):
        pages_server.serve(repo, "procurement")


def test_a_missing_branch_is_a_failed_deploy(tmp_path):
    repo = bare_repo(tmp_path / "empty.git")
    with pytest.raises(pages_server.DeployFailed, match="not found"):
        pages_server.PagesSite(repo, "procurement")


def test_the_branch_is_read_from_git_not_from_a_working_folder(tmp_path):
    """A repository with a working folder: what is served is the committed branch."""
    repo = tmp_path / "work"
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    commit_branch(repo, {"index.html": b"committed", ".nojekyll": b""})
    (repo / "index.html").write_text("working folder")
    site = pages_server.PagesSite(repo, "procurement")
    try:
        assert site.get("/procurement/").body == b"committed"
    finally:
        site.close()
    commit_branch(repo, {"index.html": b"second push", ".nojekyll": b""})
    site = pages_server.PagesSite(repo, "procurement")
    try:
        assert site.get("/procurement/").body == b"second push"
    finally:
        site.close()
