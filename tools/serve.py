"""Live preview that keeps up: `make serve [LANG=sv] [PORT=8000] [VERBOSE=1]`.

    python tools/serve.py [--lang sv] [--host 127.0.0.1] [--port 8000] [--verbose]

One process (this one) serves the site, watches the files and runs one build process
per language. A build process (`--worker LANG`) stays warm: Python, mkdocs, the theme and
the hooks are loaded once, and it builds its own language (SITE_ONLY_LANGUAGE, see
hooks/one_language.py) again after every save:

- a save that changes only the text of existing pages (not their front matter; nothing
  outside the language folders of docs/) builds only those pages, on the last good build
  (tools/servelib/fast.py);
- any other save builds everything, reusing what it cannot have changed: Markdown
  conversions, template output, search entries and charts of unchanged pages, compiled
  templates, the content scan's reading of unchanged files (tools/servelib/cache.py,
  memo.py); a change the caches' keys cannot see (data/, overrides/, mkdocs.yml,
  shared files, pages added or removed) starts them afresh.

The language being edited (LANG, default the site's default language) is built first; the
others after it at a lower CPU priority, and only when the save can change their pages, so
the switcher always leads to their pages (a notice in both languages until the first build
of a language is done).

Every build goes into a new folder; the server switches to it only when the build
succeeds. After a broken save the last good site stays served, with the problems printed
in the terminal and shown in a banner on every served page (added by the server to what
it sends, never to the built files); the next good save clears it (it builds the broken
change again with it). A file of docs/ that is gone is answered with 404 at once, even
while a build fails. Browsers reload by themselves when the pages they show change (a
long-polled /.serve/ address).

Watched: docs/, data/, overrides/, hooks/ and mkdocs.yml. A change in hooks/ restarts the
build processes (a changed hook cannot be reloaded safely into a running process). Quiet
by default: one line per build (language, what changed, seconds); problems in full;
--verbose (make serve VERBOSE=1) adds mkdocs' own log, CPU time and the cache counts.
"""

from __future__ import annotations

import argparse
import html
import http.server
import json
import mimetypes
import os
import posixpath
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from sitelib import frontmatter, siteconfig

RELOAD_PATH = "/.serve/reload"
QUIET_SECONDS = 0.05  # a save is complete when no event came for this long
MOST_WAIT_SECONDS = 0.4  # ... or this long after the first event of a burst
POLL_SECONDS = 25  # a browser's reload request is answered at the latest after this
BACKGROUND_NICE = 10


# --- what changed ---------------------------------------------------------------------

IGNORED_NAMES = ("4913",)  # vim's test file
IGNORED_SUFFIXES = ("~", ".swp", ".swx", ".swpx", ".tmp", ".pyc", ".pyo", ".kate-swp", ".crswap")
IGNORED_PREFIXES = (".#", "#")


def is_ignored(rel: str) -> bool:
    """Editor and Python leftovers, and hidden files (except .pages, the navigation files)."""
    parts = rel.split("/")
    name = parts[-1]
    if "__pycache__" in parts or name in IGNORED_NAMES:
        return True
    if name.endswith(IGNORED_SUFFIXES) or name.startswith(IGNORED_PREFIXES):
        return True
    return any(p.startswith(".") and p != ".pages" for p in parts)


@dataclass
class Layout:
    """Where the parts of the project are, from mkdocs.yml."""

    root: Path
    config: Path
    docs: Path
    data: Path
    overrides: Path | None
    hooks: list[Path]  # the hooks' folders, and the preview's own build code (servelib)
    languages: list[str]
    default: str

    @classmethod
    def read(cls, config: Path) -> Layout:
        settings = siteconfig.read(str(config))
        with open(config, encoding="utf-8") as handle:
            raw = siteconfig.yaml_load(handle) or {}
        root = config.parent
        custom = (raw.get("theme") or {}).get("custom_dir")
        hooks = sorted(
            {(root / h).resolve().parent for h in raw.get("hooks") or []}
            | {Path(__file__).resolve().parent / "servelib"}
        )
        return cls(
            root,
            config,
            Path(settings.docs_dir),
            Path(settings.model_path).parent,
            (root / custom).resolve() if custom else None,
            hooks,
            settings.languages,
            settings.default_language,
        )

    def watched(self) -> list[tuple[Path, bool]]:
        """(folder, recursive) pairs to watch."""
        folders = [self.docs, self.data, *([self.overrides] if self.overrides else []), *self.hooks]
        unique = []
        for folder in folders:
            if folder.is_dir() and not any(folder.is_relative_to(f) for f, _ in unique):
                unique.append((folder, True))
        return unique + [(self.config.parent, False)]

    def relative(self, path: str) -> str:
        try:
            return Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path


@dataclass
class Change:
    """The files changed since the last build and what they mean for the next one."""

    paths: set[str] = field(default_factory=set)  # relative to the project
    created_or_deleted: bool = False
    reset: bool = False  # the caches' keys cannot see it (see needs_reset)
    text_only: bool = False  # only the text of existing pages: only those pages are built

    def add(self, rel: str, kind: str) -> None:
        self.paths.add(rel)
        if kind in ("created", "deleted", "moved"):
            self.created_or_deleted = True

    def merge(self, other: Change) -> None:
        text_only = (self.text_only or not self.paths) and other.text_only
        self.paths |= other.paths
        self.created_or_deleted |= other.created_or_deleted
        self.reset |= other.reset
        self.text_only = text_only

    def touches_hooks(self, layout: Layout) -> bool:
        hooks = [layout.relative(str(h)) for h in layout.hooks]
        return any(p == h or p.startswith(h + "/") for p in self.paths for h in hooks)

    def needs_reset(self, layout: Layout) -> bool:
        """Anything but an edit of an existing page can reach pages in ways the caches'
        keys do not see (data, templates, configuration, shared files, the file set)."""
        docs = layout.relative(str(layout.docs))
        return self.created_or_deleted or not all(p.startswith(docs + "/") and p.endswith(".md") for p in self.paths)

    def describe(self) -> str:
        names = sorted(self.paths)
        if not names:
            return "start"
        return names[0] if len(names) == 1 else f"{names[0]} and {len(names) - 1} more"


class FrontMatters:
    """The front matter of every page as last seen, to tell an edit of a page's text from
    an edit of its metadata (which can change other pages: lists, navigation, tags)."""

    def __init__(self, layout: Layout):
        self.seen: dict[str, str] = {}
        for path in layout.docs.rglob("*.md"):
            self.seen[layout.relative(str(path))] = self.read(path)

    @staticmethod
    def read(path: Path) -> str | None:
        try:
            source = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return None
        return frontmatter.split(source)[0]

    def update(self, change: Change, layout: Layout) -> bool:
        """Read the changed pages; whether any page's front matter changed (or is new)."""
        changed = False
        for rel in change.paths:
            if not rel.endswith(".md"):
                continue
            now = self.read(layout.root / rel)
            if rel not in self.seen or self.seen.get(rel) != now:
                changed = True
            self.seen[rel] = now
        return changed


# --- serving --------------------------------------------------------------------------


def owner(url_path: str, languages: list[str], default: str) -> str:
    """The language whose build holds a URL path: /sv/... is Swedish, the rest default."""
    first = url_path.lstrip("/").split("/", 1)[0]
    return first if first in languages and first != default else default


def file_for(url_path: str) -> str:
    """The site-relative file of a URL path (directory URLs end in index.html); never
    outside the site."""
    path = urllib.parse.unquote(url_path.split("?", 1)[0].split("#", 1)[0])
    rel = posixpath.normpath("/" + path).lstrip("/")
    if rel in (".", ""):
        return "index.html"
    return rel + "/index.html" if path.endswith("/") else rel


RELOAD_SCRIPT = """<script>(function(){var v=%s,u=%s;function poll(){fetch(u+"?lang="+%s+"&v="+encodeURIComponent(v),{cache:"no-store"}).then(function(r){return r.text()}).then(function(t){if(t&&t!==v){location.reload()}else{poll()}},function(){setTimeout(poll,1000)})}poll()})()</script>"""

BANNER_STYLE = (
    "position:relative;z-index:10;margin:0;padding:.8rem 1rem;background:#fff3cd;color:#3d2a00;"
    "border-bottom:3px solid #b35c00;font:14px/1.45 system-ui,sans-serif"
)


def banner(errors: dict[str, str]) -> str:
    """The problems of the failed builds, as text in a banner at the top of the page."""
    if not errors:
        return ""
    parts = []
    for lang, text in sorted(errors.items()):
        parts.append(
            f'<p style="margin:0 0 .4rem"><strong>The preview could not be rebuilt ({html.escape(lang)}): '
            "the pages shown are from the last good build. Fix the problem below and save; the page "
            "reloads by itself.</strong></p>"
            f'<pre style="margin:0 0 .6rem;white-space:pre-wrap;font:13px/1.4 monospace">'
            f"{html.escape(text)}</pre>"
        )
    return f'<div id="serve-problems" role="alert" style="{BANNER_STYLE}">{"".join(parts)}</div>'


def inject(page: bytes, version: str, lang: str, errors: dict[str, str]) -> bytes:
    """The reload script before </body>, the problem banner right after <body ...>."""
    text = page.decode("utf-8", errors="surrogateescape")
    script = RELOAD_SCRIPT % (json.dumps(version), json.dumps(RELOAD_PATH), json.dumps(lang))
    end = text.rfind("</body>")
    text = text + script if end < 0 else text[:end] + script + text[end:]
    if errors:
        start = text.find("<body")
        close = text.find(">", start) + 1 if start >= 0 else 0
        text = text[:close] + banner(errors) + text[close:]
    return text.encode("utf-8", errors="surrogateescape")


def notice_page(labels: dict[str, dict[str, str]], languages: list[str]) -> bytes:
    """Served for a language whose pages are not built yet: the notice in every language."""
    blocks = []
    for lang in languages:
        texts = labels.get(lang) or {}
        title = texts.get("live_preview_building_title", "The preview is being built")
        text = texts.get("live_preview_building", "This page reloads by itself when the build is ready.")
        blocks.append(f'<section lang="{lang}"><h1>{html.escape(title)}</h1><p>{html.escape(text)}</p></section>')
    first = languages[0] if languages else "en"
    return (
        f'<!doctype html><html lang="{first}"><head><meta charset="utf-8"><title>'
        f"{html.escape((labels.get(first) or {}).get('live_preview_building_title', 'Preview'))}</title></head>"
        f"<body>{''.join(blocks)}</body></html>"
    ).encode()


class Site:
    """What is served: the latest good build of every language, the problems, versions."""

    def __init__(self, layout: Layout, labels: dict):
        self.layout = layout
        self.labels = labels
        self.lock = threading.Condition()
        self.roots: dict[str, Path] = {}
        self.pages: dict[str, dict[str, str]] = {}  # lang -> {built file: source file}
        self.errors: dict[str, str] = {}
        self.versions: dict[str, int] = {lang: 0 for lang in layout.languages}

    def version(self, lang: str) -> str:
        return f"{self.versions.get(lang, 0)}.{hash(tuple(sorted(self.errors.items()))) & 0xFFFFFF}"

    def publish(self, lang: str, root: Path, pages: dict[str, str]) -> Path | None:
        """A good build of `lang`: serve it; returns the folder it replaces."""
        with self.lock:
            old = self.roots.get(lang)
            self.roots[lang] = root
            self.pages[lang] = pages
            self.errors.pop(lang, None)
            self.versions[lang] = self.versions.get(lang, 0) + 1
            self.lock.notify_all()
        return old

    def fail(self, lang: str, problems: str) -> None:
        with self.lock:
            self.errors[lang] = problems
            self.lock.notify_all()

    def wait(self, lang: str, version: str, timeout: float) -> str:
        with self.lock:
            self.lock.wait_for(lambda: self.version(lang) != version, timeout=timeout)
            return self.version(lang)

    def locate(self, url_path: str) -> tuple[str, Path | None, str, bool]:
        """(owner language, file or None, site-relative path, source deleted)."""
        languages, default = self.layout.languages, self.layout.default
        lang = owner(url_path, languages, default)
        rel = file_for(url_path)
        with self.lock:
            roots = dict(self.roots)
            pages = self.pages.get(lang, {})
        source = pages.get(rel)
        if source is not None and not os.path.exists(source):
            return lang, None, rel, True
        candidates = [roots.get(lang)]
        if lang == default:  # shared files (assets) of a build of another language
            candidates += [r for l, r in roots.items() if l != lang]
        for root in candidates:
            try:
                if root is not None and (root / rel).is_file():
                    return lang, root / rel, rel, False
            except (OSError, ValueError):  # a name no file can have (a NUL byte, too long)
                break
        return lang, None, rel, False

    def is_directory(self, url_path: str) -> bool:
        lang = owner(url_path, self.layout.languages, self.layout.default)
        root = self.roots.get(lang)
        rel = file_for(url_path)
        try:
            return root is not None and (root / rel / "index.html").is_file()
        except (OSError, ValueError):
            return False


class Handler(http.server.BaseHTTPRequestHandler):
    site: Site
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # quiet: one line per build, nothing per request
        pass

    def do_HEAD(self):
        self.do_GET(head=True)

    def do_GET(self, head: bool = False):
        try:
            self.respond(head)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def respond(self, head: bool) -> None:
        site = self.site
        parsed = urllib.parse.urlsplit(self.path)
        if parsed.path == RELOAD_PATH:
            query = urllib.parse.parse_qs(parsed.query)
            lang = (query.get("lang") or [site.layout.default])[0]
            current = site.wait(lang, (query.get("v") or [""])[0], POLL_SECONDS)
            return self.send(200, current.encode(), "text/plain; charset=utf-8", head)
        lang, path, rel, deleted = site.locate(parsed.path)
        if path is None and not deleted and not parsed.path.endswith("/") and site.is_directory(parsed.path):
            self.send_response(301)
            self.send_header("Location", parsed.path + "/" + (f"?{parsed.query}" if parsed.query else ""))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        with site.lock:
            built = lang in site.roots
            errors = dict(site.errors)
        version = site.version(lang)
        if path is None:
            if not built and (rel.endswith(".html") or "." not in posixpath.basename(rel)):
                body = notice_page(site.labels, site.layout.languages)
                return self.send(503, inject(body, version, lang, errors), "text/html; charset=utf-8", head)
            return self.not_found(lang, version, errors, head)
        try:
            body = path.read_bytes()
        except OSError:  # a superseded build just deleted
            return self.not_found(lang, version, errors, head)
        kind = guess_type(path.name)
        if kind.startswith("text/html"):
            body = inject(body, version, lang, errors)
        return self.send(200, body, kind, head)

    def not_found(self, lang: str, version: str, errors: dict, head: bool) -> None:
        prefix = "" if lang == self.site.layout.default else f"{lang}/"
        with self.site.lock:
            root = self.site.roots.get(lang)
        page = root / prefix / "404.html" if root else None
        if page is not None and page.is_file():
            body = inject(page.read_bytes(), version, lang, errors)
        else:
            body = inject(
                b'<!doctype html><html><head><meta charset="utf-8"><title>404</title></head>'
                b"<body><h1>404</h1></body></html>",
                version,
                lang,
                errors,
            )
        self.send(404, body, "text/html; charset=utf-8", head)

    def send(self, status: int, body: bytes, kind: str, head: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not head:
            self.wfile.write(body)


def guess_type(name: str) -> str:
    if name.endswith((".js", ".mjs")):
        return "application/javascript"
    if name.endswith(".html"):
        return "text/html; charset=utf-8"
    kind, _ = mimetypes.guess_type(name)
    return kind or "application/octet-stream"


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


# --- build processes ------------------------------------------------------------------


class Worker:
    """A warm build process of one language (this file with --worker)."""

    def __init__(self, layout: Layout, lang: str, url: str, verbose: bool, events: queue.Queue, background: bool):
        self.lang = lang
        self.busy = False
        command = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--worker",
            lang,
            "--config",
            str(layout.config),
            "--url",
            url,
            "--nice",
            str(BACKGROUND_NICE if background else 0),
        ] + (["--verbose"] if verbose else [])
        env = {
            **os.environ,
            "SITE_ONLY_LANGUAGE": lang,
            "PYTHONDONTWRITEBYTECODE": "1",
            "NO_MKDOCS_2_WARNING": "1",
            "DISABLE_MKDOCS_2_WARNING": "true",
            "PYTHONUNBUFFERED": "1",
        }
        self.process = subprocess.Popen(
            command,
            cwd=layout.root,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            bufsize=1,
        )
        threading.Thread(target=self._read, args=(events,), daemon=True).start()

    def _read(self, events: queue.Queue) -> None:
        for line in self.process.stdout:
            try:
                events.put(("result", self, json.loads(line)))
            except json.JSONDecodeError:
                continue
        events.put(("exit", self, self.process.wait()))

    def build(self, out: Path, reset: bool, only: list[str] | None) -> None:
        """Build into `out`; `only`: the changed pages, when nothing else changed."""
        self.busy = True
        self.process.stdin.write(json.dumps({"out": str(out), "reset": reset, "only": only}) + "\n")
        self.process.stdin.flush()

    def stop(self) -> None:
        if self.process.poll() is None:
            try:
                self.process.stdin.close()
            except OSError:
                pass
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@dataclass
class LanguageState:
    worker: Worker | None = None
    change: Change | None = None  # waiting to be built
    building: Change | None = None  # being built
    started: float = 0.0  # when the change being built was first seen
    first_seen: float = 0.0  # when the waiting change was first seen
    carry: Change | None = None  # a change whose build failed: built again with the next
    restarted: bool = False
    counter: int = 0
    out: Path | None = None  # the folder of the build in progress
    crashed: bool = False  # its process died: wait for the next save


class Preview:
    """Watches, builds and publishes (the conductor: every decision is made in `run`)."""

    def __init__(self, layout: Layout, lang: str, host: str, port: int, verbose: bool, out=sys.stdout):
        self.layout = layout
        self.lang = lang
        self.verbose = verbose
        self.out = out
        self.events: queue.Queue = queue.Queue()
        self.site = Site(layout, read_labels(layout))
        self.server = Server((host, port), type("SiteHandler", (Handler,), {"site": self.site}))
        self.work = Path(tempfile.mkdtemp(prefix="serve-"))
        self.url = f"http://{host}:{self.server.server_address[1]}/"
        order = [lang] + [l for l in layout.languages if l != lang]
        self.states = {l: LanguageState() for l in order}
        self.retired: list[Path] = []
        self.front_matters = FrontMatters(layout)
        self.stopping = threading.Event()

    # -- output --
    def say(self, text: str) -> None:
        print(f"{time.strftime('%H:%M:%S')} {text}", file=self.out, flush=True)

    # -- life cycle --
    def start_worker(self, lang: str) -> None:
        state = self.states[lang]
        state.worker = Worker(self.layout, lang, self.url, self.verbose, self.events, background=lang != self.lang)

    def stop_workers(self) -> None:
        """Stop every build process; what they were building is built again by the next ones."""
        for state in self.states.values():
            if state.worker is not None:
                state.worker.stop()
                state.worker = None
            if state.building is not None:
                waiting = state.change or Change()
                waiting.merge(state.building)
                state.change, state.building = waiting, None
                if state.out is not None:
                    shutil.rmtree(state.out, ignore_errors=True)

    def run(self) -> None:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        others = [l for l in self.states if l != self.lang]
        after = f", then {', '.join(others)}" if others else ""
        self.say(f"Serving {self.url} (a save is built for {self.lang} first{after}). Ctrl-C stops.")
        observer = self.watch()
        now = time.monotonic()
        for state in self.states.values():
            state.change, state.first_seen = Change(), now
        pending = Change()
        last_event = first_event = 0.0
        try:
            while not self.stopping.is_set():
                timeout = 0.5
                if pending.paths:
                    timeout = max(
                        0.0, min(last_event + QUIET_SECONDS, first_event + MOST_WAIT_SECONDS) - time.monotonic()
                    )
                try:
                    event = self.events.get(timeout=timeout)
                except queue.Empty:
                    event = None
                if event is not None:
                    kind = event[0]
                    if kind == "file":
                        _, rel, what = event
                        if not pending.paths:
                            first_event = time.monotonic()
                        last_event = time.monotonic()
                        pending.add(rel, what)
                    elif kind == "result":
                        self.finished(event[1], event[2])
                    elif kind == "exit":
                        self.exited(event[1], event[2])
                    elif kind == "stop":
                        break
                if pending.paths and (
                    time.monotonic() >= min(last_event + QUIET_SECONDS, first_event + MOST_WAIT_SECONDS)
                ):
                    self.changed(pending, first_event)
                    pending = Change()
                self.dispatch()
        finally:
            observer.stop()
            self.stop_workers()
            self.server.shutdown()
            self.server.server_close()
            shutil.rmtree(self.work, ignore_errors=True)

    def watch(self):
        from watchdog import events
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer
        from watchdog.observers.polling import PollingObserver

        preview = self
        folders = [str(folder) for folder, _ in self.layout.watched()]

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event):
                if event.event_type not in ("created", "deleted", "moved", "modified", "closed"):
                    return
                if event.is_directory and event.event_type == "modified":
                    return
                paths = [event.src_path] + ([event.dest_path] if getattr(event, "dest_path", "") else [])
                for path in paths:
                    path = os.fsdecode(path)
                    inner = next(
                        (os.path.relpath(path, folder) for folder in folders if path.startswith(folder + os.sep)), path
                    )
                    if is_ignored(inner.replace(os.sep, "/")):
                        continue
                    rel = preview.layout.relative(path)
                    if Path(rel).parent == Path(".") and rel != preview.layout.relative(str(preview.layout.config)):
                        continue  # in the project folder itself only mkdocs.yml counts
                    kind = "moved" if event.event_type == "moved" else event.event_type
                    if event.is_directory:
                        kind = "moved"  # a folder of pages came or went
                    preview.events.put(("file", rel, kind))

        # only what a save does (not the opening and reading of every file by each build)
        kinds = [
            events.FileCreatedEvent,
            events.FileDeletedEvent,
            events.FileMovedEvent,
            events.FileModifiedEvent,
            events.FileClosedEvent,
            events.DirCreatedEvent,
            events.DirDeletedEvent,
            events.DirMovedEvent,
        ]
        observer = Observer()
        try:
            for folder, recursive in self.layout.watched():
                observer.schedule(Handler(), str(folder), recursive=recursive, event_filter=kinds)
            observer.start()
        except OSError as error:  # e.g. no inotify instance left: look for changes every half second
            self.say(f"file events unavailable ({error}); looking for changes every 0.5 s instead")
            observer.unschedule_all()
            observer = PollingObserver(timeout=0.5)
            for folder, recursive in self.layout.watched():
                observer.schedule(Handler(), str(folder), recursive=recursive, event_filter=kinds)
            observer.start()
        return observer

    # -- decisions --
    def changed(self, change: Change, seen: float) -> None:
        if change.touches_hooks(self.layout):
            self.say(
                f"{change.describe()} changed: restarting the build processes "
                "(a changed hook is loaded only by a new process)"
            )
            self.stop_workers()  # new ones start in dispatch()
            for state in self.states.values():
                state.restarted = True
        reset = change.needs_reset(self.layout)
        edited = self.front_matters.update(change, self.layout)
        change.reset, change.text_only = reset, not reset and not edited
        for lang, state in self.states.items():
            if lang != self.lang and not reset and not self.concerns(lang, change, edited):
                continue
            if state.change is None:
                state.change, state.first_seen = Change(), seen
            state.change.merge(change)
            state.crashed = False

    def concerns(self, lang: str, change: Change, front_matter_changed: bool) -> bool:
        """Whether an edit of existing pages can change the pages of another language
        `lang`: not when only the bodies of pages of the edited language changed and
        `lang` does not show them (a page awaiting translation is shown in every language)."""
        if front_matter_changed:
            return True
        folder = self.layout.relative(str(self.layout.docs / self.lang)) + "/"
        shown = set(self.site.pages.get(lang, {}).values())
        return any(
            not p.startswith(folder)
            or str((self.layout.root / p).resolve()) in shown
            or os.path.abspath(self.layout.root / p) in shown
            for p in change.paths
        )

    def dispatch(self) -> None:
        """Start the builds that are due: the edited language at once, the others when
        it is not building (they would slow it down; the first builds run side by side)."""
        first = self.states[self.lang]
        for lang, state in self.states.items():
            if state.change is None or state.crashed:
                continue
            if state.worker is None:
                self.start_worker(lang)
            if state.worker.busy:
                continue
            # after the first builds, a language not being edited waits for the edited one
            if (
                lang != self.lang
                and state.counter
                and (first.worker is None or first.worker.busy or first.change is not None)
            ):
                continue
            state.counter += 1
            state.out = self.work / f"{lang}-{state.counter}"
            if state.carry is not None:  # what failed last time is in this build too
                state.change.merge(state.carry)
                state.carry = None
            state.building, state.started, state.change = state.change, state.first_seen, None
            change = state.building
            only = sorted(str(self.layout.root / p) for p in change.paths) if change.text_only else None
            try:
                state.worker.build(state.out, change.reset, only)
            except OSError:  # the process is gone; its exit is reported by its reader
                pass

    def finished(self, worker: Worker, result: dict) -> None:
        state = self.states[worker.lang]
        if worker is not state.worker:
            return  # a stopped process's last word
        worker.busy = False
        change, state.building = state.building or Change(), None
        seconds = time.monotonic() - state.started
        what = change.describe()
        if result.get("ok"):
            old = self.site.publish(worker.lang, state.out, result.get("pages", {}))
            self.retire(old)
            note = " (after a restart)" if state.restarted else ""
            state.restarted = False
            extra = ""
            if self.verbose:
                stats = result.get("stats") or {}
                built = stats.get("pages_built")
                extra = (
                    f" [build {result.get('seconds', 0):.2f} s, CPU {result.get('cpu', 0):.2f} s; "
                    f"{'all pages built' if built is None else f'{built} page(s) built'}; reused: "
                    f"{stats.get('render_hits', 0)}/{stats.get('renders', 0)} conversions, "
                    f"{stats.get('template_hits', 0)}/{stats.get('templates', 0)} templates, "
                    f"{stats.get('search_hits', 0)}/{stats.get('search', 0)} search entries]"
                )
            self.say(f"{worker.lang}: {what}: built in {seconds:.2f} s{note}{extra}")
        else:
            shutil.rmtree(state.out, ignore_errors=True)
            state.carry = change
            problems = result.get("problems") or "the build failed without a message"
            self.site.fail(worker.lang, problems)
            served = "the last good build is still served" if worker.lang in self.site.roots else "nothing to serve yet"
            self.say(
                f"{worker.lang}: {what}: FAILED after {seconds:.2f} s ({served}); fix this and save:\n"
                + "\n".join(f"    {line}" for line in problems.splitlines())
            )

    def exited(self, worker: Worker, code: int) -> None:
        state = self.states[worker.lang]
        if worker is not state.worker or self.stopping.is_set():
            return
        state.worker = None
        if state.building is not None:
            waiting = state.change or Change()
            waiting.merge(state.building)
            state.change, state.building = waiting, None
        state.crashed = True
        message = f"the build process stopped unexpectedly (exit code {code}); it restarts on the next save"
        self.site.fail(worker.lang, message)
        self.say(f"{worker.lang}: {message}")

    def retire(self, old: Path | None) -> None:
        """Delete superseded builds, keeping the newest superseded one a little longer
        (a request may still be reading it)."""
        if old is not None:
            self.retired.append(old)
        while len(self.retired) > len(self.states):
            shutil.rmtree(self.retired.pop(0), ignore_errors=True)


def read_labels(layout: Layout) -> dict:
    """The labels of data/site.yml (the notice page's texts); none when it cannot be read."""
    model = layout.data / "site.yml"
    try:
        import yaml

        with open(model, encoding="utf-8") as handle:
            return (yaml.safe_load(handle) or {}).get("labels") or {}
    except (OSError, ValueError, AttributeError):
        return {}


def describe_error(error: BaseException, root: Path) -> str:
    """A Python error during a build: the lines of the project's own files that led to it
    (a hook, usually) and the error itself; mkdocs' and this tool's frames are left out."""
    here = str(Path(__file__).resolve())
    every = traceback.extract_tb(error.__traceback__)
    frames = [f for f in every if f.filename.startswith(str(root.resolve()) + os.sep) and f.filename != here]
    where = "in a hook or template of this site" if frames or isinstance(error, SyntaxError) else "in the build"
    frames = frames or every[-3:]  # not from this site: where it happened, at least
    text = "".join(traceback.format_list(frames)) + "".join(traceback.format_exception_only(type(error), error))
    return f"Python error {where} (fix it and save; the preview builds again):\n{text.rstrip()}"


# --- the build process ----------------------------------------------------------------


def run_worker(config_file: Path, lang: str, url: str, verbose: bool, nice: int = 0) -> int:
    """Build `lang` into the folder named by each request on stdin; answer on stdout."""
    import logging

    if nice:
        os.nice(nice)  # a language built after the edited one gives way to it
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server; it stops us
    channel = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    os.dup2(2, 1)  # anything printed goes to the terminal, not into the answers
    os.environ["SITE_ONLY_LANGUAGE"] = lang

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort
    from servelib import cache as servecache
    from servelib import fast as servefast
    from servelib import memo as servememo

    class Collect(logging.Handler):
        def __init__(self):
            super().__init__(logging.WARNING)
            self.lines: list[str] = []

        def emit(self, record):
            self.lines.append(record.getMessage())

    collect = Collect()
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False
    logger.addHandler(collect)
    if verbose:
        echo = logging.StreamHandler(sys.stderr)
        echo.setLevel(logging.INFO)
        echo.setFormatter(logging.Formatter(f"    [{lang}] %(levelname)s %(message)s"))
        logger.addHandler(echo)
    for problem in servememo.install():
        print(f"{lang}: {problem}", file=sys.stderr)
    cache = servecache.ServeCache()
    logging.getLogger("mkdocs.commands.build").addFilter(servefast.DirtyWarningFilter())

    def run_build(out: str, only: list[str] | None) -> servefast.PartialBuild:
        config = load_config(config_file=str(config_file), site_dir=out, site_url=url)
        config.plugins["serve-cache"] = servecache.ServePlugin(cache)
        partial = servefast.PartialBuild(cache, set(only) if only is not None else None)
        config.plugins["serve-partial"] = partial
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config, serve_url=url, dirty=only is not None)
        finally:
            config.plugins.on_shutdown()
        return partial

    for line in sys.stdin:
        request = json.loads(line)
        if request.get("reset"):
            cache.reset()
        collect.lines.clear()
        started, cpu = time.perf_counter(), time.process_time()
        answer: dict = {"ok": False}
        try:
            try:
                partial = run_build(request["out"], request.get("only"))
            except servefast.BaseUnavailable:  # the last good build's folder is gone: all of it
                shutil.rmtree(request["out"], ignore_errors=True)
                collect.lines.clear()
                partial = run_build(request["out"], None)
            stats = {**cache.stats.as_dict(), "pages_built": len(partial.built) if partial.partial else None}
            answer = {"ok": True, "pages": cache.page_map, "stats": stats}
        except Abort as error:
            lines = collect.lines or [str(error)]
            answer["problems"] = "\n".join(dict.fromkeys(lines))
        except Exception as error:  # noqa: BLE001 (a hook's bug: its traceback is the problem to show)
            answer["problems"] = "\n".join([*dict.fromkeys(collect.lines), describe_error(error, config_file.parent)])
        answer["seconds"] = time.perf_counter() - started
        answer["cpu"] = time.process_time() - cpu
        channel.write(json.dumps(answer) + "\n")
    return 0


# --- command line ---------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    parser.add_argument("--lang", default="", help="the language edited (built first); default: the site's default")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000, help="0 picks a free port")
    parser.add_argument("--verbose", action="store_true", help="mkdocs' own log and the cache counts too")
    parser.add_argument("--worker", metavar="LANG", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--nice", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    config = args.config.resolve()
    if args.worker:
        return run_worker(config, args.worker, args.url, args.verbose, args.nice)
    layout = Layout.read(config)
    lang = args.lang or layout.default
    if lang not in layout.languages:
        print(
            f"LANG={lang}: not a language of this site; use one of {', '.join(layout.languages)} "
            f"(e.g. make serve LANG={layout.languages[-1]}).",
            file=sys.stderr,
        )
        return 2
    try:
        preview = Preview(layout, lang, args.host, args.port, args.verbose)
    except OSError as error:
        print(
            f"Cannot serve at {args.host}:{args.port}: {error}. Is another preview running? "
            "Stop it or choose another port (make serve PORT=8001).",
            file=sys.stderr,
        )
        return 2

    def stop(*_):
        preview.stopping.set()
        preview.events.put(("stop",))

    signal.signal(signal.SIGTERM, stop)
    try:
        preview.run()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
