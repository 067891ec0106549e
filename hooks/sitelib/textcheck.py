"""Front-matter text that no output format can carry: control characters.

Every front-matter value is shown as text (escaped) in HTML, JSON, JSON-LD, CSV and the
Atom feed, so quotes, `&`, `<` and `>` are all fine. Control characters are not: HTML
treats them as parse errors, XML 1.0 cannot hold them even escaped, and they are
invisible in an editor. A YAML "\\x01" or "\\u000b" escape is the usual way one gets in,
so `make check` and the build refuse them with file, line and field. Tabs and line
breaks are allowed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from .frontmatter import FrontMatter

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def _strings(value: Any, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def _where(path: tuple) -> str:
    return " → ".join(f"item {p + 1}" if isinstance(p, int) else p for p in path)


def problems(fm: FrontMatter) -> list[tuple[int, str, str, str, str]]:
    """(line, message, hint, field, value) of every value with a forbidden character."""
    found = []
    for path, text in _strings(fm.meta or {}, ()):
        match = FORBIDDEN.search(text)
        if match:
            char = match.group(0)
            name = unicodedata.name(char, "a control character").lower()
            found.append(
                (
                    fm.line_of(str(path[0])) if path else 1,
                    f"the field '{_where(path)}' contains an invisible control character (U+{ord(char):04X}, {name}).",
                    "Delete it (retype the text around it): pages, feeds and the open-data files cannot carry it.",
                    _where(path),
                    text,
                )
            )
    return found
