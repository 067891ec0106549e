"""Errors on the diff: GitHub Actions workflow commands and the job summary.

`make check`, `make translations` and the build (tools/check.py, tools/translations.py,
tools/build.py) report their problems as they always have; when GITHUB_ACTIONS=true they
ALSO print one workflow command per problem (`::error file=...,line=...,title=...::...`,
`::warning` for what does not fail), which GitHub shows on that line of the pull
request's diff, and append a Markdown section to the job summary ($GITHUB_STEP_SUMMARY):
every problem with file, line and what to do, and (from `make check`) the pages the pull
request changes with where to find them in the preview artifact. Outside CI nothing here
prints or writes anything.

Pure functions apart from `emit`, `append_summary` and `changed_files` (git).
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TextIO


@dataclass
class Finding:
    level: str  # "error" (fails), "warning" (reported only) or "notice"
    file: str | None  # repository-relative path, posix ("docs/fi/outputs/x.md")
    line: int | None
    title: str  # short: what kind of problem
    message: str  # what is wrong
    hint: str = ""  # what to do

    @property
    def text(self) -> str:
        return f"{self.message} {self.hint}".strip()


def active(env: Mapping[str, str] | None = None) -> bool:
    """Whether we run in GitHub Actions (the only place the commands mean anything)."""
    return (os.environ if env is None else env).get("GITHUB_ACTIONS") == "true"


# --- workflow commands ------------------------------------------------------


def escape_data(text: str) -> str:
    """The message of a workflow command: %, CR and LF escaped (as @actions/core does)."""
    return str(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (file, title): the data escapes plus ':' and ','."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(finding: Finding) -> str:
    """`::error file=docs/fi/x.md,line=5,title=...::message`"""
    properties = []
    if finding.file:
        properties.append(f"file={escape_property(finding.file)}")
        if finding.line:
            properties.append(f"line={int(finding.line)}")
    if finding.title:
        properties.append(f"title={escape_property(finding.title)}")
    level = finding.level if finding.level in ("error", "warning", "notice") else "error"
    return f"::{level} {','.join(properties)}::{escape_data(finding.text)}"


def emit(findings: Iterable[Finding], env: Mapping[str, str] | None = None, stream: TextIO | None = None) -> None:
    """Print one workflow command per finding, in CI only."""
    if not active(env):
        return
    stream = stream or sys.stdout
    for finding in findings:
        print(command(finding), file=stream)
    stream.flush()


# --- paths ------------------------------------------------------------------


def workspace(env: Mapping[str, str] | None = None, cwd: str | None = None) -> str:
    """The repository root: GITHUB_WORKSPACE in CI, else git's top level, else cwd."""
    env = os.environ if env is None else env
    if env.get("GITHUB_WORKSPACE"):
        return os.path.abspath(env["GITHUB_WORKSPACE"])
    cwd = cwd or os.getcwd()
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], cwd=cwd, capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return os.path.abspath(cwd)
    return top.stdout.strip() if top.returncode == 0 and top.stdout.strip() else os.path.abspath(cwd)


def repo_path(path: str, base_dir: str, root: str) -> str:
    """`path` (relative to base_dir, or absolute) relative to the repository root, posix."""
    full = path if os.path.isabs(path) else os.path.join(base_dir, path)
    rel = os.path.relpath(os.path.realpath(full), os.path.realpath(root))
    if rel.startswith(".."):
        rel = os.path.relpath(full, base_dir)
    return rel.replace(os.sep, "/")


# --- the build log ----------------------------------------------------------

_PROBLEM = re.compile(r"^\s*(?:-\s+)?(?P<file>[^\s:][^:]*?\.(?:md|ya?ml|json|pages)):(?P<line>\d+): (?P<message>.+)$")
_CHART = re.compile(r"^(?:ERROR\s+-\s+)?(?P<file>\S+?\.md): the chart block at line (?P<line>\d+): (?P<message>.+)$")
_LOGGED = re.compile(r"^(?P<level>WARNING|ERROR)\s+-\s+(?P<message>.+)$")
_DOC_FILE = re.compile(r"Doc file '(?P<doc>[^']+)'")
_LINK = re.compile(r"contains a link '(?P<link>[^']+)'")
_NOISE = re.compile(r"^(?:\d+ content problem\(s\)|Error reading page |Aborted with )")


def parse_log(log: str, base_dir: str, docs_dir: str, root: str, title: str = "Build") -> list[Finding]:
    """Problems in a build log: the content scan's `file:line: message` lines, the chart
    errors (`file: the chart block at line N: ...`) and mkdocs' own warnings and errors
    (`Doc file 'fi/x.md' contains a link ...`, line found in the file). Each once."""
    findings: list[Finding] = []
    seen: set[tuple] = set()

    def add(file: str | None, line: int | None, message: str, hint: str = "") -> None:
        key = (file, line, message)
        if key not in seen:
            seen.add(key)
            findings.append(Finding("error", file, line, title, message.strip(), hint))

    for raw in log.splitlines():
        line = re.sub(r"\x1b\[[0-9;]*m", "", raw).rstrip()
        match = _CHART.match(line)
        if match:
            add(repo_path(match["file"], base_dir, root), int(match["line"]), f"the chart block: {match['message']}")
            continue
        match = _PROBLEM.match(line)
        if match and not line.startswith(("INFO", "DEBUG")):
            add(repo_path(match["file"], base_dir, root), int(match["line"]), match["message"])
            continue
        match = _LOGGED.match(line)
        if not match or _NOISE.match(match["message"]):
            continue
        message = match["message"]
        doc = _DOC_FILE.search(message)
        if doc:
            source = os.path.join(docs_dir, doc["doc"])
            link = _LINK.search(message)
            add(
                repo_path(source, base_dir, root),
                _line_containing(source, link["link"]) if link else None,
                message,
                "Link to an existing .md file, relative to this file, and to an anchor that page has." if link else "",
            )
        else:
            add(None, None, message)
    return findings


def _line_containing(path: str, text: str) -> int | None:
    try:
        with open(path, encoding="utf-8-sig") as handle:
            for number, line in enumerate(handle, start=1):
                if f"({text}" in line or f"]: {text}" in line or f'"{text}"' in line:
                    return number
    except OSError:
        return None
    return None


# --- job summary --------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~])")


def md(text: str) -> str:
    """Text for the job summary: Markdown and HTML specials escaped, on one line."""
    text = " ".join(str(text).split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def code(text: str) -> str:
    """A path or value as inline code (backticks inside are dropped)."""
    return f"<code>{html.escape(str(text).replace('`', ''))}</code>"


def summary(heading: str, findings: list[Finding], status: str, extra: str = "") -> str:
    """One Markdown section: the heading, a status line, a table of the findings."""
    parts = [f"### {md(heading)}", "", md(status), ""]
    if findings:
        parts += ["| | File | Line | Problem | What to do |", "| --- | --- | --- | --- | --- |"]
        icons = {"error": "❌", "warning": "⚠️", "notice": "ℹ️"}
        for f in findings:
            parts.append(
                f"| {icons.get(f.level, '')} | {code(f.file) if f.file else ''} | {f.line or ''} | "
                f"{md(f.message)} | {md(f.hint)} |"
            )
        parts.append("")
    if extra:
        parts += [extra, ""]
    return "\n".join(parts) + "\n"


def append_summary(text: str, env: Mapping[str, str] | None = None) -> bool:
    """Append to $GITHUB_STEP_SUMMARY (in CI, when set); True when written."""
    env = os.environ if env is None else env
    target = env.get("GITHUB_STEP_SUMMARY")
    if not active(env) or not target:
        return False
    with open(target, "a", encoding="utf-8") as handle:
        handle.write(text)
    return True


# --- the pages a pull request changes ---------------------------------------


def changed_files(
    env: Mapping[str, str] | None = None, cwd: str | None = None, base: str | None = None
) -> list[str] | None:
    """Files the pull request changes: `git diff --name-only origin/<base>...HEAD` with the
    base branch from GITHUB_BASE_REF (or `base`, any git revision, e.g. 'main' locally).
    None when there is no base (not a pull request) or git cannot tell."""
    env = os.environ if env is None else env
    revision = base or (f"origin/{env['GITHUB_BASE_REF']}" if env.get("GITHUB_BASE_REF") else None)
    if not revision:
        return None
    try:
        result = subprocess.run(
            ["git", "diff", "--name-only", "--no-renames", f"{revision}...HEAD"],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None
    return [line for line in result.stdout.splitlines() if line.strip()]


@dataclass
class ChangedPage:
    source: str  # "docs/sv/outputs/x.md"
    lang: str  # language folder of the source
    path: str  # inside the language folder: "outputs/x.md"
    exists: bool  # False when the pull request deletes it
    pages: dict[str, str]  # language -> the page in the offline build ("sv/outputs/x.html")


def offline_page(path: str, lang: str, default_language: str) -> str:
    """Where the offline build (use_directory_urls: false) writes a page: 'outputs/x.md' ->
    'outputs/x.html', 'index.md' -> 'index.html', other languages under '<lang>/'."""
    stem = path[:-3] if path.endswith(".md") else path
    target = f"{stem}.html"
    return target if lang == default_language else f"{lang}/{target}"


def changed_pages(
    files: list[str], docs_rel: str, languages: list[str], default_language: str, root: str
) -> tuple[list[ChangedPage], list[str]]:
    """(changed pages, other changed files) from the changed files' paths. A page is
    listed once, with its page in every language (the partner, or the same page shown
    as awaiting translation); a deleted page has no pages."""
    pages: dict[str, ChangedPage] = {}
    others: list[str] = []
    prefix = docs_rel.rstrip("/") + "/"
    for name in files:
        parts = name[len(prefix) :].split("/", 1) if name.startswith(prefix) else []
        if len(parts) == 2 and parts[0] in languages and parts[1].endswith(".md"):
            lang, path = parts
            exists = os.path.exists(os.path.join(root, name))
            key = path
            if key in pages and (pages[key].exists or not exists):
                continue  # listed once: under the first changed file that still exists
            shown = {}
            if exists or any(os.path.exists(os.path.join(root, prefix, l, path)) for l in languages):
                shown = {l: offline_page(path, l, default_language) for l in languages}
            pages[key] = ChangedPage(name, lang, path, exists or bool(shown), shown)
        else:
            others.append(name)
    return list(pages.values()), others


def run_url(env: Mapping[str, str]) -> str | None:
    """This workflow run's page (its artifacts are listed at the bottom)."""
    if env.get("GITHUB_SERVER_URL") and env.get("GITHUB_REPOSITORY") and env.get("GITHUB_RUN_ID"):
        return f"{env['GITHUB_SERVER_URL']}/{env['GITHUB_REPOSITORY']}/actions/runs/{env['GITHUB_RUN_ID']}"
    return None


def artifact_name(env: Mapping[str, str]) -> str:
    """The preview artifact's name: site-preview-pr-<n> (PR_NUMBER), else site-preview-<ref>."""
    number = env.get("PR_NUMBER") or _pr_from_ref(env.get("GITHUB_REF", ""))
    if number:
        return f"site-preview-pr-{number}"
    ref = re.sub(r"[^A-Za-z0-9._-]+", "-", env.get("GITHUB_REF_NAME", "") or "local").strip("-")
    return f"site-preview-{ref or 'local'}"


def _pr_from_ref(ref: str) -> str | None:
    match = re.match(r"refs/pull/(\d+)/", ref)
    return match.group(1) if match else None


def changed_pages_summary(
    pages: list[ChangedPage],
    others: list[str],
    env: Mapping[str, str],
    artifact_url: str | None = None,
    folder: str = "site",
) -> str:
    """The "pages this pull request changes" section, with where each page is in the preview."""
    name = artifact_name(env)
    link = artifact_url or run_url(env)
    where = f"[{md(name)}]({link})" if link else code(name)
    lines = ["### Pages this pull request changes", ""]
    if not pages and not others:
        return "\n".join(lines + ["No files changed.", ""]) + "\n"
    lines += [
        f"Preview: download {where}, unzip it and open <code>index.html</code> (it lists these pages; "
        "no web server needed, search works).",
        "",
    ]
    if pages:
        lines += ["| Source file | In the preview |", "| --- | --- |"]
        for page in pages:
            if page.pages:
                shown = " · ".join(f"{lang}: {code(f'{folder}/{target}')}" for lang, target in page.pages.items())
            else:
                shown = "deleted"
            lines.append(f"| {code(page.source)} | {shown} |")
        lines.append("")
    if others:
        lines += [
            "Other changed files (they may change every page): "
            + ", ".join(code(name) for name in others[:30])
            + (f" and {len(others) - 30} more" if len(others) > 30 else ""),
            "",
        ]
    return "\n".join(lines) + "\n"
