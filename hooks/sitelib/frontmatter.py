"""Read the YAML front matter of a Markdown file, keeping line numbers for messages."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import yaml

try:  # libyaml is several times faster; the pure-Python loader gives the same result
    _Base = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Base = yaml.SafeLoader


class _Loader(_Base):
    """Safe loader that keeps an impossible date (2026-13-45) as text, so the schema
    can say "not a date" instead of the loader crashing."""


def _timestamp(loader, node):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)

_FENCE = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


@dataclass
class FrontMatter:
    meta: dict | None  # None when the front matter is unusable
    text: str  # the raw YAML text ("" when absent)
    body: str  # the Markdown after the front matter
    body_line: int  # 1-based line number where the body starts
    error: str | None = None  # what is wrong, for a message
    error_line: int | None = None

    def line_of(self, key: str) -> int:
        """The line of a top-level key in the file (1 when not found)."""
        for number, line in enumerate(self.text.splitlines(), start=2):
            if re.match(rf"{re.escape(key)}\s*:", line):
                return number
        return 1


def split(source: str) -> tuple[str, str, int]:
    """(front matter text, body, 1-based line where the body starts), unparsed."""
    match = _FENCE.match(source)
    if not match:
        return "", source, 1
    return match.group(1) or "", source[match.end() :], source[: match.end()].count("\n") + 1


def parse(source: str) -> FrontMatter:
    """Split `source` into front matter and body. Never raises on bad input."""
    if not _FENCE.match(source):
        return FrontMatter(meta={}, text="", body=source, body_line=1)
    text, body, body_line = split(source)
    try:
        meta = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1  # +1 for '---', +1 for 1-based
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return FrontMatter(None, text, body, body_line, f"invalid YAML: {problem}", line)
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return FrontMatter(
            None,
            text,
            body,
            body_line,
            f"the front matter is a {type(meta).__name__}, not a list of 'key: value' lines",
            2,
        )
    return FrontMatter(meta, text, body, body_line)


def read(path) -> FrontMatter:
    with open(path, encoding="utf-8-sig") as handle:
        return parse(handle.read())


def to_json(value: Any) -> Any:
    """YAML values as JSON Schema sees them: dates become ISO strings."""
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value
