"""Page assembly: the blocks at the top of a page, as typed data, and the one function that
puts them in order.

Hooks do not splice HTML into each other's output. Each hands the page's `PageParts`
(kept per page in `BuildState.parts`, see buildstate.PartsRegistry) a `Block`:

    notice    "translation pending", "translation may lag", "review overdue", ...
    download  the handbook's PDF
    meta      an output's metadata box

and says in which language the content and the title are when they are not the page's
(a page awaiting translation shows the other language's text). hooks/page_assembly.py
calls `assemble()` once per page, after the search plugin has indexed the content, so
none of the blocks reaches the search index:

    <h1 [lang]>title</h1>                  (unless the content has its own H1)
    <div class="page-notices">...</div>    notices, in NOTICE_ORDER
    <div class="page-download">...</div>
    <section class="output-meta">...</section>
    <div class="page-content" lang="fi">content</div>   (the wrapper only when the
                                                         content's language differs)
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Literal

from markupsafe import escape

Slot = Literal["notice", "download", "meta"]
SLOTS: tuple[str, ...] = ("notice", "download", "meta")  # the order on the page
# Notices of these kinds come first, in this order; any other kind after them.
NOTICE_ORDER: tuple[str, ...] = ("translation-pending", "translation-stale", "review-overdue")
SINGLE = ("download", "meta")  # at most one block of these slots per page
LEADING_H1 = re.compile(r"\s*(<h1\b[^>]*>.*?</h1>)", re.DOTALL)
EXCLUDE = re.compile(r" data-search-exclude(?=[ >])")


@dataclass(frozen=True)
class Block:
    """One block for the top of a page. `html` is finished, escaped HTML."""

    slot: Slot
    kind: str  # what it is ("review-overdue", "handbook-pdf", "output-meta"), for ordering and messages
    html: str

    def __post_init__(self):
        if self.slot not in SLOTS:
            raise ValueError(f"a page block has slot {self.slot!r}; use one of: {', '.join(SLOTS)}")
        if not isinstance(self.html, str):
            raise TypeError(f"the {self.kind!r} block's html must be a string, not {type(self.html).__name__}")


@dataclass(frozen=True)
class Segment:
    """A run of the title's text, with its language when it differs from the page's."""

    text: str
    lang: str | None = None


@dataclass(frozen=True)
class Insert:
    """HTML put into the converted content in place of `marker`, an HTML comment alone on
    a line of the Markdown (which Markdown keeps as it is): a generated list or table that
    must stay out of the search index."""

    marker: str  # "<!-- catalogue -->"
    html: str

    def __post_init__(self):
        if not (self.marker.startswith("<!-- ") and self.marker.endswith(" -->")):
            raise ValueError(f"an insert's marker must be an HTML comment ('<!-- name -->'), not {self.marker!r}")


@dataclass
class PageParts:
    """What the hooks hand the assembly for one page."""

    blocks: list[Block] = field(default_factory=list)
    inserts: list[Insert] = field(default_factory=list)
    content_lang: str | None = None  # the content's language, when it is not the page's
    title: tuple[Segment, ...] | None = None  # the title with languages marked; None: page.title as it is

    def add(self, block: Block) -> None:
        if not isinstance(block, Block):
            raise TypeError(f"PageParts.add() takes a sitelib.assembly.Block, not {type(block).__name__}")
        if block.slot in SINGLE and any(b.slot == block.slot for b in self.blocks):
            raise ValueError(f"a second {block.slot!r} block ({block.kind!r}) for one page; a page has one")
        self.blocks.append(block)


def notice(kind: str, level: str, title: str, body_html: str) -> Block:
    """A notice in the look of Material's admonitions (`level`: info, warning, ...).
    `title` is text (escaped here); `body_html` is already escaped HTML."""
    return Block(
        "notice",
        kind,
        f'<div class="admonition {html.escape(level)}"><p class="admonition-title">{html.escape(title)}</p>'
        f"<p>{body_html}</p></div>",
    )


def title_segments(title: str, page_lang: str, original: str | None, original_lang: str | None):
    """The title with its leading original title marked as the original's language
    ('Käsikirja 2023 (på finska)' -> 'Käsikirja 2023' in fi, ' (på finska)'); None when there
    is nothing to mark (no original title, the same language, or a title that does not start
    with it)."""
    if not original or not original_lang or original_lang == page_lang or not title.startswith(original):
        return None
    rest = title[len(original) :]
    return (Segment(original, original_lang),) + ((Segment(rest, None),) if rest else ())


def apply_inserts(content: str, inserts: list[Insert]) -> str:
    """Each insert in place of its marker (which must be there once); then the
    `data-search-exclude` attributes, whose work the search plugin has done, are dropped."""
    for insert in inserts:
        pattern = re.compile(r"\n?" + re.escape(insert.marker))
        found = len(pattern.findall(content))
        if found != 1:
            raise ValueError(f"the {insert.marker} marker is in the converted page {found} times, expected once")
        content = pattern.sub(lambda _, new=insert.html: new, content, count=1)
    return EXCLUDE.sub("", content)


def _lang(lang: str | None) -> str:
    return f' lang="{html.escape(lang)}"' if lang else ""


def title_html(title: str, segments: tuple[Segment, ...] | None) -> str:
    """The title as escaped HTML: a whole title in one other language gets its `lang` on
    the element instead (see `heading`); mixed ones get spans. A title that is already
    markupsafe.Markup (escaped by an earlier hook) is not escaped twice."""
    if not segments:
        return str(escape(title))
    if len(segments) == 1:
        return str(escape(segments[0].text))
    return "".join(f"<span{_lang(s.lang)}>{escape(s.text)}</span>" if s.lang else str(escape(s.text)) for s in segments)


def title_lang(segments: tuple[Segment, ...] | None) -> str | None:
    """The language of the whole title, when it is one other language."""
    return segments[0].lang if segments and len(segments) == 1 else None


def heading(title: str, segments: tuple[Segment, ...] | None) -> str:
    return f"<h1{_lang(title_lang(segments))}>{title_html(title, segments)}</h1>"


def _sorted(blocks: list[Block]) -> list[Block]:
    def rank(item: tuple[int, Block]) -> tuple[int, int, int]:
        index, block = item
        kind = NOTICE_ORDER.index(block.kind) if block.kind in NOTICE_ORDER else len(NOTICE_ORDER)
        return SLOTS.index(block.slot), kind, index

    return [block for _, block in sorted(enumerate(blocks), key=rank)]


def assemble(content: str, parts: PageParts, page_lang: str, title: str) -> str:
    """The article's HTML: heading, notices, download, metadata box, content."""
    content = apply_inserts(content, parts.inserts)
    head = ""
    match = LEADING_H1.match(content)
    if match:  # the Markdown has its own H1: it stays first
        head, content = match.group(1), content[match.end() :]
        if parts.content_lang and parts.content_lang != page_lang and " lang=" not in head[: head.index(">")]:
            head = head.replace("<h1", f"<h1{_lang(parts.content_lang)}", 1)
    elif "<h1" not in content:  # (an H1 further down stays where it is, and Material writes none)
        head = heading(title, parts.title)
    blocks = _sorted(parts.blocks)
    out = [head]
    notices = "".join(b.html for b in blocks if b.slot == "notice")
    if notices:
        out.append(f'<div class="page-notices">{notices}</div>')
    out += [f'<div class="page-download">{b.html}</div>' for b in blocks if b.slot == "download"]
    out += [b.html for b in blocks if b.slot == "meta"]
    if parts.content_lang and parts.content_lang != page_lang:
        out.append(f'<div class="page-content"{_lang(parts.content_lang)}>{content}</div>')
    else:
        out.append(content)
    return "".join(out)
