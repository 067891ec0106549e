"""A running live preview (tools/serve.py) for tests/test_serve.py and tools/bench.py.

It starts the preview on a free port in a project folder, keeps every line it prints,
and waits with deadlines: for a line, or for a served page to satisfy a condition.
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COPIED = ("docs", "data", "overrides", "hooks", "tools", "mkdocs.yml")


def copy_project(target: Path, docs: tuple[Path, ...] = ()) -> Path:
    """A copy of what a preview needs of the repository (the real files are never edited).
    With `docs`, the pages are those trees instead, each laid over the one before (their
    README.md files left out), with the real docs/assets and docs/includes."""
    target.mkdir(parents=True, exist_ok=True)
    ignore = shutil.ignore_patterns("__pycache__", "node_modules")
    for name in COPIED:
        source = ROOT / name
        if name == "docs" and docs:
            for tree in docs:
                shutil.copytree(tree, target / "docs", ignore=shutil.ignore_patterns("README.md"), dirs_exist_ok=True)
            for shared in ("assets", "includes"):
                shutil.copytree(source / shared, target / "docs" / shared, ignore=ignore)
        elif source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        else:
            shutil.copy2(source, target / name)
    return target


class Preview:
    """tools/serve.py running in `project` (its own copy of tools/serve.py when it has one)."""

    def __init__(
        self,
        project: Path,
        lang: str = "fi",
        config: Path | None = None,
        startup: float = 240,
        deadline: float = 90,
        extra: list[str] | None = None,
    ):
        self.project = project
        self.deadline = deadline
        self.lines: list[str] = []
        self.new_lines: queue.Queue = queue.Queue()
        script = project / "tools" / "serve.py"
        if not script.exists():
            script = ROOT / "tools" / "serve.py"
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        env.pop("SITE_ONLY_LANGUAGE", None)
        command = [
            sys.executable,
            str(script),
            "--port",
            "0",
            "--lang",
            lang,
            "--config",
            str(config or project / "mkdocs.yml"),
            *(extra or []),
        ]
        self.process = subprocess.Popen(
            command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        threading.Thread(target=self._read, daemon=True).start()
        line = self.wait_for_line(r"Serving (http://\S+/)", startup)
        self.url = re.search(r"Serving (http://\S+/)", line).group(1)

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))
            self.new_lines.put(line.rstrip("\n"))
        self.new_lines.put(None)

    def output(self) -> str:
        return "\n".join(self.lines)

    def wait_for_line(self, pattern: str, deadline: float | None = None, since: int = 0) -> str:
        """The first line (from line number `since` on) matching `pattern`."""
        deadline = self.deadline if deadline is None else deadline
        end = time.monotonic() + deadline
        seen = since
        while True:
            while seen < len(self.lines):
                if re.search(pattern, self.lines[seen]):
                    return self.lines[seen]
                seen += 1
            left = end - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no line matching {pattern!r} within {deadline} s; output:\n{self.output()}")
            try:
                if self.new_lines.get(timeout=min(left, 1.0)) is None and seen >= len(self.lines):
                    raise AssertionError(f"the preview stopped; output:\n{self.output()}")
            except queue.Empty:
                pass

    def get_bytes(self, path: str) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(self.url + urllib.parse.quote(path.lstrip("/")), timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def get(self, path: str) -> tuple[int, str]:
        status, body = self.get_bytes(path)
        return status, body.decode("utf-8", "replace")

    def wait_for(self, path: str, check, deadline: float | None = None, interval: float = 0.02) -> tuple[float, str]:
        """Poll a page until check(status, body) holds; (seconds waited, body)."""
        deadline = self.deadline if deadline is None else deadline
        started = time.monotonic()
        status, body = self.get(path)
        while not check(status, body):
            if time.monotonic() - started > deadline:
                raise AssertionError(f"{path}: still {status} after {deadline} s; output:\n{self.output()}")
            time.sleep(interval)  # the polling interval of a deadline loop
            status, body = self.get(path)
        return time.monotonic() - started, body

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
