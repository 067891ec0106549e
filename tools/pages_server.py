"""Serve a branch of a git repository the way GitHub Pages serves a project site.

    python tools/pages_server.py [--repo .] [--branch gh-pages] [--repository NAME] [--port 8000]

Used by the deploy tests (tests/test_hosting.py) and by hand to look at gh-pages before
GitHub does. It reads the branch from git itself (a bare repository is fine), never a
working folder, and follows the rules of GitHub Pages that matter to this site:

- the site lives under /<repository>/ (a project site); anything else is GitHub's 404;
- a folder is served by its index.html; a folder asked for without its trailing slash
  is redirected (301) to the slash, the query string kept;
- any missing path answers status 404 with the branch's root 404.html (GitHub's own
  plain page when there is none);
- without a .nojekyll file at the root, Jekyll runs and drops every path with a part
  starting with "_";
- a branch holding a symlink (or a submodule) is not deployed at all: GitHub refuses it
  with "Failed to deploy site, please ensure the repository does not contain any hard
  links, symlinks" and keeps serving the last good deploy (`PagesSite` raises
  `DeployFailed`; `PagesServer.deploy()` keeps the previous snapshot).

Not emulated: Jekyll's own processing, "foo" served from "foo.html", custom domains,
HTTPS, compression and cache headers.
"""

from __future__ import annotations

import argparse
import http.server
import mimetypes
import posixpath
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

SYMLINK, SUBMODULE = "120000", "160000"
FAILED = "Failed to deploy site, please ensure the repository does not contain any hard links, symlinks"
GITHUB_404 = (
    b"<!DOCTYPE html>\n<html><head><title>Site not found &middot; GitHub Pages</title></head>"
    b"<body><h1>404</h1><p>File not found</p></body></html>\n"
)
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "application/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".woff2": "font/woff2",
    ".pdf": "application/pdf",
    ".gz": "application/gzip",
    ".zip": "application/zip",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".map": "application/json",
}


class DeployFailed(Exception):
    """GitHub Pages would refuse to deploy this tree."""


@dataclass
class Response:
    status: int
    body: bytes = b""
    headers: dict = field(default_factory=dict)


class _Blobs:
    """Blob contents through one `git cat-file --batch` process (thread-safe)."""

    def __init__(self, repo: Path):
        self._process = subprocess.Popen(
            ["git", "cat-file", "--batch"], cwd=repo, stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        self._lock = threading.Lock()

    def read(self, sha: str) -> bytes:
        with self._lock:
            self._process.stdin.write(sha.encode() + b"\n")
            self._process.stdin.flush()
            header = self._process.stdout.readline().split()
            if len(header) != 3:
                raise KeyError(sha)
            data = self._process.stdout.read(int(header[2]) + 1)
            return data[:-1]

    def close(self) -> None:
        self._process.stdin.close()
        self._process.wait(timeout=10)


class PagesSite:
    """One deployed snapshot of a branch: what GitHub Pages would serve after a push."""

    def __init__(self, repo: Path | str, repository: str, branch: str = "gh-pages"):
        self.repo, self.repository, self.branch = Path(repo), repository.strip("/"), branch
        listed = subprocess.run(
            ["git", "ls-tree", "-r", "-z", "--full-tree", f"refs/heads/{branch}"],
            cwd=self.repo,
            capture_output=True,
            check=False,
        )
        if listed.returncode != 0:
            raise DeployFailed(f"branch {branch!r} not found in {repo}: {listed.stderr.decode().strip()}")
        self.files: dict[str, str] = {}
        bad = []
        for record in listed.stdout.split(b"\0"):
            if not record:
                continue
            meta, path = record.decode().split("\t", 1)
            mode, _kind, sha = meta.split()
            if mode in (SYMLINK, SUBMODULE):
                bad.append(f"{path} ({'symlink' if mode == SYMLINK else 'submodule'})")
            self.files[path] = sha
        if bad:
            raise DeployFailed(f"{FAILED} (branch {branch!r}: {', '.join(sorted(bad))})")
        self.folders = {""} | {posixpath.dirname(p) for p in self.files}
        for folder in list(self.folders):
            while folder:
                folder = posixpath.dirname(folder)
                self.folders.add(folder)
        self.jekyll = ".nojekyll" not in self.files
        self._blobs = _Blobs(self.repo)

    def close(self) -> None:
        self._blobs.close()

    def _visible(self, path: str) -> bool:
        return not (self.jekyll and any(part.startswith("_") for part in path.split("/")))

    def _file(self, path: str) -> bytes | None:
        if path in self.files and self._visible(path):
            return self._blobs.read(self.files[path])
        return None

    def _not_found(self) -> Response:
        body = self._file("404.html")
        if body is None:
            return Response(404, GITHUB_404, {"Content-Type": "text/html; charset=utf-8"})
        return Response(404, body, {"Content-Type": "text/html; charset=utf-8"})

    def get(self, target: str) -> Response:
        """The response to GET <target> (a path with an optional query string)."""
        parts = urlsplit(target)
        path = unquote(parts.path)
        query = f"?{parts.query}" if parts.query else ""
        prefix = f"/{self.repository}"
        if path == prefix:
            return Response(301, headers={"Location": prefix + "/" + query})
        if not path.startswith(prefix + "/"):
            return Response(404, GITHUB_404, {"Content-Type": "text/html; charset=utf-8"})
        rel = path[len(prefix) + 1 :]
        segments = rel.split("/")
        if any(s in (".", "..") for s in segments) or "\0" in rel:
            return self._not_found()
        if rel.endswith("/") or rel == "":
            folder = rel.rstrip("/")
            if folder in self.folders and self._visible(folder):
                body = self._file(posixpath.join(folder, "index.html") if folder else "index.html")
                if body is not None:
                    return Response(200, body, {"Content-Type": TYPES[".html"]})
            return self._not_found()
        if rel in self.folders and self._visible(rel):
            return Response(301, headers={"Location": f"{prefix}/{rel}/{query}"})
        body = self._file(rel)
        if body is None:
            return self._not_found()
        extension = posixpath.splitext(rel)[1].lower()
        kind = TYPES.get(extension) or mimetypes.guess_type(rel)[0] or "application/octet-stream"
        return Response(200, body, {"Content-Type": kind})


class _Handler(http.server.BaseHTTPRequestHandler):
    server: PagesServer

    def log_message(self, *args):
        pass

    def _respond(self, with_body: bool) -> None:
        response = self.server.site.get(self.path)
        self.send_response(response.status)
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if with_body:
            self.wfile.write(response.body)

    def do_GET(self):
        self._respond(True)

    def do_HEAD(self):
        self._respond(False)


class PagesServer(http.server.ThreadingHTTPServer):
    """A running emulation on 127.0.0.1. `deploy()` takes the branch as it is now (like a
    push); when GitHub would refuse it, it raises DeployFailed and keeps serving the last
    good snapshot."""

    daemon_threads = True

    def __init__(self, repo: Path | str, repository: str, branch: str = "gh-pages", port: int = 0):
        self.repo, self.repository, self.branch = Path(repo), repository.strip("/"), branch
        self.site: PagesSite | None = None
        super().__init__(("127.0.0.1", port), _Handler)
        self.url = f"http://127.0.0.1:{self.server_port}/{self.repository}/"
        self._thread: threading.Thread | None = None

    def deploy(self) -> PagesSite:
        site = PagesSite(self.repo, self.repository, self.branch)
        old, self.site = self.site, site
        if old is not None:
            old.close()
        return site

    def start(self) -> PagesServer:
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
        if self.site is not None:
            self.site.close()


def serve(repo: Path | str, repository: str, branch: str = "gh-pages", port: int = 0) -> PagesServer:
    """Deploy the branch (DeployFailed when GitHub would refuse it) and serve it in a thread."""
    server = PagesServer(repo, repository, branch, port)
    try:
        server.deploy()
    except DeployFailed:
        server.server_close()
        raise
    return server.start()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repo", type=Path, default=Path("."))
    parser.add_argument("--branch", default="gh-pages")
    parser.add_argument("--repository", default=None, help="the repository name (default: the folder's name)")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    name = args.repository or args.repo.resolve().name.removesuffix(".git")
    try:
        server = serve(args.repo, name, args.branch, args.port)
    except DeployFailed as error:
        print(f"GitHub Pages would refuse this branch: {error}", file=sys.stderr)
        return 1
    print(f"Serving {args.branch} of {args.repo} as GitHub Pages would at {server.url} (Ctrl-C stops)")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
