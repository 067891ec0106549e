"""Content checks over docs/<lang>/: front matter, pairs, anchors, links, .pages files.

`scan()` reads every page once and returns what the hooks need (the parsed front
matter of every page) together with every problem found, so a contributor sees
all of them in one run. Each problem names the file, the line, the field and the
value, and says what to do.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import glob
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import yaml
from markdown.extensions.toc import slugify

from . import frontmatter, textcheck
from .model import Model

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
ATTR_ID = re.compile(r"\{[^{}]*?#([A-Za-z][\w:.-]*)[^{}]*\}")
HTML_ID = re.compile(r"""\bid=["']([^"']+)["']""")
FENCE = re.compile(r"^[ \t]*(```|~~~)")
LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
REF_DEF = re.compile(r"^[ ]{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)
# Things a browser would fetch from another host as soon as the page opens: Markdown
# images and HTML embeds with an absolute http(s) or protocol-relative address.
REMOTE = r"(?:https?:)?//[^\s)>\"']+"
EMBED = re.compile(
    rf"!\[[^\]]*\]\(\s*<?({REMOTE})"
    rf"|<(?:img|script|iframe|video|audio|source|track|embed|input)\b[^>]*?\s(?:src|poster)\s*=\s*[\"']?({REMOTE})"
    rf"|<link\b[^>]*?\shref\s*=\s*[\"']?({REMOTE})"
    rf"|<object\b[^>]*?\sdata\s*=\s*[\"']?({REMOTE})",
    re.I,
)
IMAGE_REF = re.compile(r"!\[[^\]]*\]\[([^\]]*)\]")
LABELLED_DEF = re.compile(rf"^[ ]{{0,3}}\[([^\]]+)\]:\s*<?({REMOTE})", re.M)
CODE_SPAN = re.compile(r"(`+).+?\1")

FRONT_MATTER_HELP = "See the front-matter reference in docs/<language>/contributing/front-matter.md."


@dataclass
class Problem:
    file: str
    line: int
    message: str
    hint: str = ""
    field: str | None = None
    value: Any = None

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}: {self.message}"
        return f"{text} {self.hint}".rstrip()


@dataclass
class PageInfo:
    lang: str
    path: str  # inside the language folder, posix: "outputs/x.md"
    file: str  # for messages: "docs/fi/outputs/x.md"
    kind: str
    meta: dict
    anchors: list[str] = field(default_factory=list)  # explicit heading anchors, in order
    ids: set[str] = field(default_factory=set)  # every id a link may point to
    links: list[tuple[int, str]] = field(default_factory=list)
    title_line: int = 1  # line of `title:` in the file

    @property
    def slug(self) -> str:
        stem = os.path.splitext(os.path.basename(self.path))[0]
        return os.path.basename(os.path.dirname(self.path)) if stem == "index" else stem

    @property
    def pending(self) -> bool:
        return self.meta.get("translation") == "pending"


@dataclass
class Scan:
    pages: dict[str, dict[str, PageInfo]]
    problems: list[Problem]
    notices: list[Problem]


# --- reading ----------------------------------------------------------------


def _markdown_files(root: str) -> Iterable[str]:
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".md"):
                yield os.path.relpath(os.path.join(folder, name), root).replace(os.sep, "/")


def _read_body(info: PageInfo, body: str, first_line: int, problems: list[Problem]) -> None:
    in_fence = None
    for offset, line in enumerate(body.splitlines()):
        # most lines hold no fence, heading, id or link (substring tests are the fastest)
        if not (
            line.startswith("#")
            or "{" in line
            or "](" in line
            or "id=" in line
            or "```" in line
            or "~~~" in line
            or "//" in line
        ):
            continue
        number = first_line + offset
        stripped = line.lstrip()
        if stripped.startswith(("```", "~~~")):
            fence = FENCE.match(line)
            if fence:
                in_fence = None if in_fence == fence.group(1) else (in_fence or fence.group(1))
                continue
        if in_fence:
            continue
        heading = HEADING.match(line) if line.startswith("#") else None
        if heading:
            level, text = len(heading.group(1)), heading.group(2)
            explicit = ATTR_ID.search(text)
            if explicit:
                if level > 1:
                    info.anchors.append(explicit.group(1))
                info.ids.add(explicit.group(1))
            else:
                info.ids.add(slugify(re.sub(r"<[^>]+>", "", text), "-"))
                if level > 1:
                    problems.append(
                        Problem(
                            info.file,
                            number,
                            f"the heading '{text}' has no explicit anchor.",
                            f"Write it as '{heading.group(1)} {text} {{ #anchor }}' with an English "
                            "ASCII anchor, and give the heading in the other language the same anchor.",
                        )
                    )
        if "{" in line:
            for match in ATTR_ID.finditer(line):
                info.ids.add(match.group(1))
        if "id=" in line:
            for match in HTML_ID.finditer(line):
                info.ids.add(match.group(1))
        if "](" in line:
            for match in LINK.finditer(line):
                info.links.append((number, match.group(1)))
        if "//" in line:
            for match in EMBED.finditer(CODE_SPAN.sub("", line) if "`" in line else line):
                problems.append(_remote(info, number, next(g for g in match.groups() if g)))
    for match in REF_DEF.finditer(body):
        info.links.append((first_line + body[: match.start()].count("\n"), match.group(1)))
    if "![" in body:
        images = {label.casefold() for label in IMAGE_REF.findall(body)}
        for match in LABELLED_DEF.finditer(body):
            if match.group(1).casefold() in images:
                problems.append(_remote(info, first_line + body[: match.start()].count("\n"), match.group(2)))


def _remote(info: PageInfo, line: int, url: str) -> Problem:
    return Problem(
        info.file,
        line,
        f"the page embeds '{url}' from another server: every reader's browser would request it there.",
        "Save the file under docs/assets/ (if its licence allows) and link to it there: "
        "the site makes no request to another host.",
    )


# --- front matter -----------------------------------------------------------


def _where(path: Iterable[Any]) -> str:
    parts = []
    for part in path:
        parts.append(f"item {part + 1}" if isinstance(part, int) else str(part))
    return " → ".join(parts)


def _explain(error, model: Model, allowed_keys: list[str]) -> tuple[str, str, str | None, Any]:
    """(message, hint, field, value) for one jsonschema error, in plain words."""
    where = _where(error.absolute_path)
    value = error.instance
    kind = error.validator
    if kind == "required":
        name = error.message.split("'")[1]
        target = f"'{name}'" + (f" under '{where}'" if where else "")
        if name == "item" and not where:
            kinds = ", ".join(model.data.get("item_kinds") or ["item", "publisher-page"])
            return (
                f"the field {target} is missing: every output links to the output itself or, "
                "when no source gives its address, to its publisher's page about it.",
                f"Add 'item:' with 'url: https://...' and 'kind:' (one of {kinds}). {FRONT_MATTER_HELP}",
                name,
                None,
            )
        return f"the field {target} is missing.", f"Add it. {FRONT_MATTER_HELP}", name, None
    if kind == "additionalProperties":
        extra = sorted(set(value) - set(error.schema.get("properties", {})))
        names = ", ".join(f"'{k}'" for k in extra)
        close = [difflib.get_close_matches(k, list(error.schema.get("properties", {})), 1) for k in extra]
        guess = "; ".join(f"did you mean '{c[0]}' instead of '{k}'?" for k, c in zip(extra, close) if c)
        allowed = ", ".join(sorted(error.schema.get("properties", {})))
        return (
            f"unknown field {names}" + (f" under '{where}'" if where else "") + ".",
            (guess.capitalize() + " " if guess else "") + f"Allowed fields: {allowed}.",
            extra[0],
            None,
        )
    if kind == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        return (
            f"the field '{where}' has the value {value!r}, which is not allowed.",
            f"Allowed values: {allowed} (listed in data/site.yml).",
            where,
            value,
        )
    if kind == "const":
        return (
            f"the field '{where}' has the value {value!r}, which is not allowed.",
            f"Use {error.validator_value!r}.",
            where,
            value,
        )
    if kind == "maxLength":
        return (
            f"the field '{where}' is {len(value)} characters long; at most {error.validator_value} are allowed.",
            "Shorten it: it is shown as the page summary in search engines.",
            where,
            value,
        )
    if kind == "minLength":
        return (
            f"the field '{where}' is too short ({len(value)} characters; at least {error.validator_value}).",
            "Write it out in full.",
            where,
            value,
        )
    if kind == "minItems":
        return (
            f"the field '{where}' needs at least {error.validator_value} item(s).",
            f"Add them. {FRONT_MATTER_HELP}",
            where,
            value,
        )
    if kind == "uniqueItems":
        return f"the field '{where}' lists the same value twice.", "Remove the duplicate.", where, value
    if kind == "pattern" and where.endswith("url"):
        return (
            f"the field '{where}' has the value {value!r}, which is not a web address.",
            "Give the full address of the original, starting with https:// or http://.",
            where,
            value,
        )
    if kind == "format" and error.validator_value == "date":
        return (
            f"the field '{where}' has the value {value!r}, which is not a date.",
            "Write dates as YYYY-MM-DD, for example 2026-11-25.",
            where,
            value,
        )
    if kind == "oneOf" and where == "year":
        if isinstance(value, int) and not isinstance(value, bool):
            return (
                f"the field 'year' has the value {value}, which is in the future.",
                "Give the year the original was published, or 'unknown'.",
                "year",
                value,
            )
        return (
            f"the field 'year' has the value {value!r}, which is not a year.",
            "Write the year as a number (2021), or 'unknown' when no source gives it.",
            "year",
            value,
        )
    if kind == "type":
        wanted = {
            "array": "a list",
            "object": "a group of 'key: value' lines",
            "string": "text",
            "integer": "a whole number",
            "number": "a number",
        }
        expected = error.validator_value
        expected = expected if isinstance(expected, list) else [expected]
        return (
            f"the field '{where}' must be {' or '.join(wanted.get(e, e) for e in expected)}, not {value!r}.",
            FRONT_MATTER_HELP,
            where,
            value,
        )
    return f"the field '{where}': {error.message}.", FRONT_MATTER_HELP, where, value


def validate_meta(info: PageInfo, fm: frontmatter.FrontMatter, model: Model) -> list[Problem]:
    validator = model.validators[info.kind]
    allowed = list(validator.schema.get("properties", {}))
    problems = []
    errors = sorted(
        validator.iter_errors(frontmatter.to_json(info.meta)),
        key=lambda e: (list(map(str, e.absolute_path)), e.validator),
    )
    for error in errors:
        message, hint, name, value = _explain(error, model, allowed)
        top = str(error.absolute_path[0]) if error.absolute_path else (name or "")
        problems.append(Problem(info.file, fm.line_of(top) if top else 1, f"{message}", hint, name, value))
    return problems


# --- placeholders (make new-output) -------------------------------------------

PLACEHOLDER = "TODO:"  # the one form of a placeholder (tools/new_output.py writes them)


def check_placeholders(info: PageInfo, fm: frontmatter.FrontMatter, problems: list[Problem]) -> None:
    """Every `TODO:` placeholder still left (as `make new-output` writes them): a front-matter
    value, or a line of text, that starts with "TODO:". Each is reported with its file,
    line and field; a field that holds one is not also reported as breaking the schema."""
    if PLACEHOLDER not in fm.text and PLACEHOLDER not in fm.body:
        return  # nearly every page: nothing to look for

    def values(value: Any, path: tuple = ()) -> Iterable[tuple[tuple, str]]:
        if isinstance(value, dict):
            for key, item in value.items():
                yield from values(item, path + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from values(item, path + (index,))
        elif isinstance(value, str) and value.lstrip().startswith(PLACEHOLDER):
            yield path, value.strip()

    found: list[Problem] = []
    lines = [
        n
        for n, text in enumerate(fm.text.splitlines(), start=2)
        if PLACEHOLDER in text.split(" #", 1)[0] and not text.lstrip().startswith("#")
    ]
    placeholders = list(values(info.meta))
    for index, (path, text) in enumerate(placeholders):
        line = lines[index] if len(lines) == len(placeholders) else fm.line_of(str(path[0]))
        found.append(
            Problem(
                info.file,
                line,
                f"the field '{_where(path)}' still holds the placeholder '{text}'.",
                "Replace it with the real value (for a code, the comment above it lists the allowed values).",
                _where(path),
                text,
            )
        )
    fence = None
    for offset, text in enumerate(fm.body.splitlines()):
        stripped = text.strip()
        if stripped.startswith(("```", "~~~")):
            fence = None if fence and stripped.startswith(fence) else (fence or stripped[:3])
            continue
        if fence is None and re.sub(r"^(?:[-*+]|\d+[.)]|>)\s+", "", stripped).startswith(PLACEHOLDER):
            found.append(
                Problem(
                    info.file,
                    fm.body_line + offset,
                    f"the text still holds the placeholder '{stripped[:80]}'.",
                    "Write the text in its place.",
                    "text",
                    stripped,
                )
            )
    if found:
        fields = {p.field for p in found}
        problems[:] = [p for p in problems if p.file != info.file or p.field not in fields]
        problems.extend(found)


# --- the whole tree ---------------------------------------------------------


def scan(
    docs_dir: str,
    languages: list[str],
    model: Model,
    today: dt.date | None = None,
    check_links: bool = True,
    display_root: str | None = None,
    lightly: set[str] | None = None,
) -> Scan:
    """Read docs/<lang>/ for every language and check everything at once.

    `lightly` names languages read only for what a build of another language needs
    (a one-language build: the other languages' builds check their own pages): which
    pages exist, which await translation, and their heading anchors. Pairs and anchors
    are always checked across all languages."""
    lightly = lightly or set()
    today = today or dt.date.today()
    display_root = display_root or os.path.dirname(os.path.abspath(docs_dir))
    problems: list[Problem] = []
    notices: list[Problem] = []
    pages: dict[str, dict[str, PageInfo]] = {lang: {} for lang in languages}

    def shown(path: str) -> str:
        return os.path.relpath(path, display_root).replace(os.sep, "/")

    for lang in languages:
        root = os.path.join(docs_dir, lang)
        if not os.path.isdir(root):
            problems.append(
                Problem(
                    shown(root),
                    1,
                    f"the folder of language '{lang}' is missing.",
                    "Create it with at least an index.md.",
                )
            )
            continue
        for rel in _markdown_files(root):
            abs_path = os.path.join(root, rel)
            if lang in lightly:
                pages[lang][rel] = _read_lightly(lang, rel, abs_path, shown(abs_path), model)
                continue
            fm = frontmatter.read(abs_path)
            info = PageInfo(
                lang, rel, shown(abs_path), model.kind_of(rel), fm.meta or {}, title_line=fm.line_of("title")
            )
            if fm.meta is None:
                problems.append(
                    Problem(
                        info.file,
                        fm.error_line or 1,
                        f"the front matter cannot be read: {fm.error}.",
                        "Fix the YAML between the '---' lines (key: value, one per line).",
                    )
                )
            else:
                problems.extend(validate_meta(info, fm, model))
                check_placeholders(info, fm, problems)
                problems.extend(Problem(info.file, *found) for found in textcheck.problems(fm))
            if not all(SLUG.match(part) for part in rel[:-3].split("/")):
                problems.append(
                    Problem(
                        info.file,
                        1,
                        f"the file name '{rel}' is not a valid slug.",
                        "Use lower-case ASCII letters, digits and hyphens, the same in every language.",
                    )
                )
            _read_body(info, fm.body, fm.body_line, problems)
            if fm.meta is not None:
                problems.extend(_check_unofficial_names(info, fm, model))
                found, noticed = _check_cms_hosts(info, fm, model)
                problems.extend(found)
                notices.extend(noticed)
            review = (fm.meta or {}).get("review") or {}
            due = review.get("next_review") if isinstance(review, dict) else None
            if isinstance(due, dt.date) and due < today:
                notices.append(
                    Problem(
                        info.file,
                        fm.line_of("review"),
                        f"review overdue since {due.isoformat()}",
                        f"(owner: {review.get('owner', 'unknown')}).",
                        "review",
                    )
                )
            pages[lang][rel] = info
        if lang not in lightly:
            problems.extend(_check_pages_files(root, shown))
            problems.extend(_check_figures(docs_dir, lang, model, shown))

    problems.extend(_check_slugs({l: p for l, p in pages.items() if l not in lightly}, model))
    problems.extend(_check_original_titles(pages, lightly, model))
    problems.extend(_check_pairs(pages, languages))
    if check_links:
        problems.extend(_check_links(pages, docs_dir, languages))
    return Scan(pages, problems, notices)


def _read_lightly(lang: str, rel: str, abs_path: str, file: str, model: Model) -> PageInfo:
    """A page of a language read lightly (see `scan`): its YAML is parsed only if it
    may say `translation:`, and nothing is reported."""
    with open(abs_path, encoding="utf-8-sig") as handle:
        source = handle.read()
    text, body, body_line = frontmatter.split(source)
    meta = (frontmatter.parse(source).meta or {}) if "translation" in text else {}
    info = PageInfo(lang, rel, file, model.kind_of(rel), meta)
    _read_body(info, body, body_line, [])
    return info


def _check_slugs(pages, model: Model) -> list[Problem]:
    problems = []
    for by_path in pages.values():
        seen: dict[str, PageInfo] = {}
        for info in by_path.values():
            if info.kind != "output":
                continue
            if info.slug in seen:
                problems.append(
                    Problem(
                        info.file,
                        1,
                        f"the slug '{info.slug}' is already used by {seen[info.slug].file}.",
                        "Give one of the two outputs another file name.",
                    )
                )
            else:
                seen[info.slug] = info
    return problems


# --- names, titles and addresses -------------------------------------------

QUOTED = re.compile(r"”[^”\n]*”|“[^”\n]*”|\"[^\"\n]*\"")
HTML_COMMENT = re.compile(r"<!--.*?-->")
# what may stand between a name and its marker: the end of a link or emphasis, a quote
CLOSERS = re.compile(r"(?:\]\([^)]*\)|\]\[[^\]]*\]|\]|\*+|_+|”|\"|’)*")


@functools.lru_cache(maxsize=16)
def _name_patterns(names: tuple[str, ...], marker: str) -> tuple[list[re.Pattern], re.Pattern]:
    words = [re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.I) for name in names]
    return words, re.compile(rf"\s*{re.escape(marker)}", re.I)


def unmarked_names(text: str, names: list[str], marker: str) -> list[tuple[int, str]]:
    """(offset, name) of each name in `text` not followed by `marker`. Quoted passages
    (”…”: a source's own wording), code spans and HTML comments are not looked at.
    (Called for every line of every page: a line naming no area returns at once.)"""
    folded = text.casefold()
    if not any(name.casefold() in folded for name in names):
        return []
    blank = lambda m: " " * len(m.group(0))  # noqa: E731  (keeps offsets)
    text = HTML_COMMENT.sub(blank, CODE_SPAN.sub(blank, text))
    text = QUOTED.sub(blank, text)
    words, marked = _name_patterns(tuple(names), marker)
    found = []
    for word in words:
        for match in word.finditer(text):
            rest = text[match.end() :]
            rest = rest[CLOSERS.match(rest).end() :]
            if not marked.match(rest):
                found.append((match.start(), text[match.start() : match.end()]))
    return sorted(found)


def _check_unofficial_names(info: PageInfo, fm: frontmatter.FrontMatter, model: Model) -> list[Problem]:
    """An area name that is our own translation in this language, shown without its marker
    in the description or the body. (The hooks add it to titles: content_model.py.)"""
    names = [name for _, name in model.unofficial_names(info.lang)]
    if not names:
        return []
    marker = model.label(info.lang, "unofficial_marker")
    problems = []

    def report(line: int, name: str, where: str) -> None:
        problems.append(
            Problem(
                info.file,
                line,
                f"the area name '{name}' in {where} is our own translation (unofficial_name in "
                f"data/site.yml) and is shown without its marker.",
                f"Write '{name} {marker}' (after a link: '[{name}](...) {marker}'), refer to the area "
                "by its number, or quote the source's own wording in ”…”.",
                "unofficial_name",
                name,
            )
        )

    description = info.meta.get("description")
    if isinstance(description, str):
        for _, name in unmarked_names(description, names, marker):
            report(fm.line_of("description"), name, "the description")
    fence = None
    for offset, line in enumerate(fm.body.splitlines()):
        stripped = line.lstrip()
        if stripped.startswith(("```", "~~~")):
            fence = None if fence and stripped.startswith(fence) else (fence or stripped[:3])
            continue
        if fence:
            continue
        if stripped.startswith(">") and marker.casefold() in line.casefold():
            continue  # a quotation that is our own translation, marked as a whole
        for _, name in unmarked_names(line, names, marker):
            report(fm.body_line + offset, name, "the text")
    return problems


def _addresses(info: PageInfo, fm: frontmatter.FrontMatter) -> Iterable[tuple[int, str, str]]:
    """(line, field, url) of every web address the page cites: sources, item, links."""
    for source in info.meta.get("sources") or []:
        if isinstance(source, dict) and isinstance(source.get("url"), str):
            yield fm.line_of("sources"), "sources", source["url"]
    item = info.meta.get("item")
    if isinstance(item, dict) and isinstance(item.get("url"), str):
        yield fm.line_of("item"), "item", item["url"]
    for line, target in info.links:
        if target.startswith(("http://", "https://")):
            yield line, "link", target


def _check_cms_hosts(info: PageInfo, fm: frontmatter.FrontMatter, model: Model) -> tuple[list[Problem], list[Problem]]:
    """Addresses on a content-management system's backend host (cms_backends in
    data/site.yml): an error where the public address of that page is known, else a notice."""
    if not model.data.get("cms_backends"):
        return [], []
    problems, notices, seen = [], [], set()
    for line, where, url in _addresses(info, fm):
        host = (urlsplit(url).hostname or "").lower()
        backend = model.cms_backend(host) if host else None
        if not backend or url in seen:
            continue
        seen.add(url)
        public_host = backend.get("public_host", "the public site")
        public = (backend.get("public_addresses") or {}).get(url)
        if public:
            problems.append(
                Problem(
                    info.file,
                    line,
                    f"the {where} address '{url}' is on {host}, the backend of a content-management system; "
                    f"the same page is public at '{public}'.",
                    "Use the public address (cms_backends → public_addresses in data/site.yml).",
                    where,
                    url,
                )
            )
        else:
            notices.append(
                Problem(
                    info.file,
                    line,
                    f"the {where} address '{url}' is on {host}, the backend of a content-management system, "
                    f"not the public site {public_host}.",
                    f"When you find the same page on {public_host}, use that address and list the pair under "
                    "cms_backends → public_addresses in data/site.yml.",
                    where,
                    url,
                )
            )
    return problems, notices


def _check_original_titles(pages, lightly: set[str], model: Model) -> list[Problem]:
    """An output that exists only in another language keeps its original title, with the
    marker ("(på finska)"), on the pages of the other languages."""
    problems = []
    for lang, by_path in pages.items():
        if lang in lightly:
            continue
        for info in by_path.values():
            meta = info.meta
            originals = meta.get("original_languages")
            title = meta.get("title")
            if (
                info.kind != "output"
                or not isinstance(originals, list)
                or not originals
                or lang in originals
                or not isinstance(title, str)
            ):
                continue
            original_lang = originals[0]
            marker = model.original_language_marker(lang, original_lang)
            if not marker:
                continue
            original_title = meta.get("original_title")
            same = {original_title} if isinstance(original_title, str) else set()
            for other in originals:
                partner = pages.get(other, {}).get(info.path)
                if partner is not None and isinstance(partner.meta.get("title"), str):
                    same.add(partner.meta["title"])
            base = title.strip()
            language = model.name("language_names", original_lang, lang)
            if base in same:
                problems.append(
                    Problem(
                        info.file,
                        info.title_line,
                        f"the title {title!r} is the title of the {language} original, shown without the marker "
                        f"{marker!r}: original_languages does not include '{lang}'.",
                        f"Write 'title: \"{base} {marker}\"' and 'original_title: \"{base}\"', and describe the "
                        "publication in the page's language (or use a title in this language that a source gives).",
                        "title",
                        title,
                    )
                )
            elif base.endswith(marker) and not isinstance(original_title, str):
                problems.append(
                    Problem(
                        info.file,
                        info.title_line,
                        f"the title {title!r} says the original is in {language}, but 'original_title' is missing.",
                        f"Add 'original_title: \"{base[: -len(marker)].strip()}\"'.",
                        "original_title",
                        None,
                    )
                )
            elif isinstance(original_title, str) and base.startswith(original_title) and marker not in base:
                problems.append(
                    Problem(
                        info.file,
                        info.title_line,
                        f"the title {title!r} starts with the {language} original title but lacks the marker {marker!r}.",
                        f"Write 'title: \"{original_title} {marker}\"', or a title in this language that a source "
                        "gives.",
                        "title",
                        title,
                    )
                )
    return problems


SVG_TEXT = re.compile(r"<(text|title|desc|tspan)\b[^>]*>(.*?)</\1>", re.S)


def _check_figures(docs_dir: str, lang: str, model: Model, shown) -> list[Problem]:
    """Figures of a language (docs/assets/**/*-<lang>.svg) mark an unofficial area name with
    the marker or an asterisk explained in the figure ("* inofficiell översättning")."""
    names = [name for _, name in model.unofficial_names(lang)]
    if not names:
        return []
    marker = model.label(lang, "unofficial_marker")
    note = model.label(lang, "unofficial_translation")
    problems = []
    for path in sorted(glob.glob(os.path.join(docs_dir, "assets", "**", f"*-{lang}.svg"), recursive=True)):
        with open(path, encoding="utf-8") as handle:
            source = handle.read()
        starred = False
        for match in SVG_TEXT.finditer(source):
            text = re.sub(r"<[^>]+>", "", match.group(2))
            for name in names:
                for found in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.I):
                    rest = text[found.end() :]
                    if rest.lstrip().startswith("*"):
                        starred = True
                    elif not re.match(rf"\s*{re.escape(marker)}", rest, re.I):
                        line = source[: match.start()].count("\n") + 1
                        problems.append(
                            Problem(
                                shown(path),
                                line,
                                f"the figure shows the area name '{name}' without its marker: it is our own "
                                "translation (unofficial_name in data/site.yml).",
                                f"Follow it with '{marker}', or with '*' and a line '* {note}' in the figure.",
                                "unofficial_name",
                                name,
                            )
                        )
        texts = " ".join(re.sub(r"<[^>]+>", "", m.group(2)) for m in SVG_TEXT.finditer(source))
        if starred and note.casefold() not in texts.casefold():
            problems.append(
                Problem(
                    shown(path),
                    1,
                    "the figure marks an area name with '*' but does not say what it means.",
                    f"Add a text line '* {note}' to the figure.",
                    "unofficial_name",
                    None,
                )
            )
    return problems


def _check_pairs(pages, languages: list[str]) -> list[Problem]:
    problems = []
    for lang in languages:
        for rel, info in pages[lang].items():
            for other in languages:
                if other == lang:
                    continue
                partner = pages[other].get(rel)
                partner_file = info.file.replace(f"/{lang}/", f"/{other}/", 1)
                if partner is None and not info.pending:
                    problems.append(
                        Problem(
                            info.file,
                            1,
                            f"this page has no '{other}' partner: {partner_file} is missing.",
                            f"Add the translation as {partner_file}, or mark this page "
                            "'translation: pending' in its front matter until it is translated.",
                        )
                    )
                elif partner is not None and info.pending:
                    problems.append(
                        Problem(
                            info.file,
                            1,
                            f"'translation: pending' is set, but {partner_file} exists.",
                            "Remove 'translation: pending' from the front matter.",
                        )
                    )
                elif partner is not None and lang < other and info.anchors != partner.anchors:
                    problems.append(
                        Problem(
                            partner.file,
                            1,
                            f"the heading anchors differ from {info.file}: "
                            f"{partner.anchors} here, {info.anchors} there.",
                            "Matching headings must carry the same { #anchor } in every language, in the same order.",
                        )
                    )
    return problems


def _check_links(pages, docs_dir: str, languages: list[str]) -> list[Problem]:
    problems = []
    for lang in languages:
        visible = dict(pages[lang])
        for other in languages:  # pending pages are shown in every language
            for rel, info in pages[other].items():
                if info.pending:
                    visible.setdefault(rel, info)
        for info in pages[lang].values():
            for line, target in info.links:
                if EXTERNAL.match(target):
                    continue
                path, _, anchor = target.partition("#")
                if not path:
                    if anchor and anchor not in info.ids:
                        problems.append(
                            Problem(
                                info.file,
                                line,
                                f"the link '#{anchor}' points to no heading or id on this page.",
                                "Fix the anchor or the heading.",
                            )
                        )
                    continue
                resolved = os.path.normpath(os.path.join(os.path.dirname(info.path), path)).replace(os.sep, "/")
                if path.endswith(".md"):
                    target_page = visible.get(resolved)
                    if target_page is None:
                        problems.append(
                            Problem(
                                info.file,
                                line,
                                f"the link '{target}' points to a page that does not exist.",
                                "Link to an existing .md file, relative to this file.",
                            )
                        )
                    elif anchor and anchor not in target_page.ids:
                        problems.append(
                            Problem(
                                info.file,
                                line,
                                f"the link '{target}' points to an anchor that {target_page.file} does not have.",
                                f"Use one of its anchors: {', '.join(sorted(target_page.ids))}.",
                            )
                        )
                else:
                    candidates = [
                        os.path.join(docs_dir, lang, resolved),
                        os.path.join(docs_dir, os.path.normpath(os.path.join(lang, os.path.dirname(info.path), path))),
                    ]
                    if not any(os.path.exists(c) for c in candidates):
                        problems.append(
                            Problem(
                                info.file,
                                line,
                                f"the link '{target}' points to a file that does not exist.",
                                "Fix the path.",
                            )
                        )
    return problems


def _check_pages_files(root: str, shown) -> list[Problem]:
    problems = []
    for folder, _dirs, files in os.walk(root):
        if ".pages" not in files:
            continue
        path = os.path.join(folder, ".pages")
        try:
            with open(path, encoding="utf-8") as handle:
                data = yaml.safe_load(handle)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            problems.append(
                Problem(
                    shown(path),
                    (mark.line + 1) if mark else 1,
                    f"invalid YAML: {getattr(exc, 'problem', exc)}.",
                    "Fix the .pages file (see the awesome-pages plugin's format).",
                )
            )
            continue
        if data is None:
            continue
        if not isinstance(data, dict):
            problems.append(
                Problem(
                    shown(path), 1, "a .pages file must be a list of 'key: value' lines.", "Use 'title:' and 'nav:'."
                )
            )
            continue
        for entry in data.get("nav") or []:
            name = list(entry.values())[0] if isinstance(entry, dict) else entry
            if not isinstance(name, str) or name == "..." or EXTERNAL.match(name):
                continue
            if not os.path.exists(os.path.join(folder, name)):
                problems.append(
                    Problem(
                        shown(path),
                        1,
                        f"the nav entry '{name}' names no file or folder.",
                        "Fix the name or remove the entry.",
                    )
                )
    return problems
