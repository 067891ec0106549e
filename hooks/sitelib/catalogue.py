"""Generated parts of pages, as pure functions of the front matter and the model.

Markdown is returned where mkdocs should resolve and check the links (`link`
gives a relative .md path); the catalogue table is HTML because its rows carry
the data the filter needs (`url` gives a final relative URL).
"""

from __future__ import annotations

import heapq
import html
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from .checks import PageInfo
from .model import Model

LinkFn = Callable[[str], "str | None"]  # language-folder path -> link for this page, None if no such page


@dataclass(frozen=True)
class Output:
    path: str
    slug: str
    title: str
    description: str
    type: str
    areas: tuple[int, ...]
    year: int | None
    publisher: str
    relation: str
    status: str
    audiences: tuple[str, ...]
    year_approximate: bool = False  # the sources give the year only approximately ("n. 2021")
    # the rest of the front matter, for the open-data files (sitelib.opendata)
    original_title: str | None = None
    authors: str | None = None
    licence: str = ""
    original_languages: tuple[str, ...] = ()
    sources: tuple[tuple[str, str], ...] = ()  # (title, url)
    item: tuple[str, str] | None = None  # (url, kind)
    lang: str = ""  # language of the page's text (the other one while its translation is pending)

    @property
    def order(self) -> tuple:
        """Newest first, unknown years last; an approximate year after the exact ones of that year."""
        return (-(self.year or 0), self.year_approximate, self.title.casefold())

    @property
    def year_value(self) -> str:
        """The year as the catalogue filter knows it: '2021', '~2021' (approximate) or 'unknown'."""
        if not self.year:
            return "unknown"
        return f"~{self.year}" if self.year_approximate else str(self.year)


def outputs(pages: dict[str, PageInfo]) -> list[Output]:
    """Output pages of one language, newest first (unknown years last; approximate years
    after the exact ones of that year), then by title."""
    found = []
    for info in pages.values():
        if info.kind != "output":
            continue
        meta = info.meta
        year = meta.get("year")
        item = meta.get("item")
        found.append(
            Output(
                path=info.path,
                slug=info.slug,
                title=str(meta.get("title", info.slug)),
                description=str(meta.get("description", "")),
                type=meta.get("type", ""),
                areas=tuple(meta.get("areas") or ()),
                year=year if isinstance(year, int) else None,
                publisher=str(meta.get("publisher", "")),
                relation=meta.get("relation", ""),
                status=meta.get("status", ""),
                audiences=tuple(meta.get("audiences") or ()),
                year_approximate=bool(meta.get("year_approximate")) and isinstance(year, int),
                original_title=_text(meta.get("original_title")),
                authors=_text(meta.get("authors")),
                licence=meta.get("licence", ""),
                original_languages=tuple(meta.get("original_languages") or ()),
                sources=tuple(
                    (str(s.get("title", "")), str(s.get("url", "")))
                    for s in meta.get("sources") or ()
                    if isinstance(s, dict)
                ),
                item=(str(item["url"]), str(item.get("kind", "item")))
                if isinstance(item, dict) and item.get("url")
                else None,
                lang=info.lang,
            )
        )
    return sorted(found, key=lambda o: o.order)


def _text(value) -> str | None:
    return None if value is None else str(value)


def _year(output: Output, model: Model, lang: str) -> str:
    return model.year_text(output.year, output.year_approximate, lang)


def _title(output: Output, model: Model, lang: str) -> str:
    """An output's title, with the marker after any unofficial area name in it."""
    return model.mark_unofficial(output.title, lang)


def _md(text: str) -> str:
    """Escape text for use inside Markdown link text: Markdown syntax, and HTML (Markdown
    passes raw HTML through, so front-matter text would otherwise become markup)."""
    text = text.replace("\\", "\\\\")
    for char in "[]*_`{}":
        text = text.replace(char, "\\" + char)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_NOT_IN_URLS = {c: f"%{ord(c):02X}" for c in ' "<>\\^`{|}'}


def safe_url(url: str) -> str:
    """A front-matter address as a valid URL for an href: the characters a URL cannot
    hold (space, quotes, angle brackets, ...) percent-encoded; still to be HTML-escaped."""
    return "".join(_NOT_IN_URLS.get(c, c) for c in url)


def _md_url(url: str) -> str:
    """A URL as a Markdown link destination: also the parentheses, which would end it."""
    return safe_url(url).replace("(", "%28").replace(")", "%29")


def area_link(model: Model, lang: str, number: int, link: LinkFn) -> str:
    """The area's name, linked to its page when the site has one."""
    area = model.area(number)
    target = link(f"areas/{area['slug']}.md")
    name = _md(model.area_name(number, lang))
    return f"[{name}]({target})" if target else name


def meta_box(meta: dict, model: Model, lang: str, url: LinkFn) -> str:
    """The metadata box at the top of an output page: a definition list, as HTML
    (built directly: on a thousand pages, Markdown for it would double the time)."""
    esc = html.escape
    label = lambda key: model.label(lang, key)  # noqa: E731
    year = meta.get("year")

    def area(number: int) -> str:
        name = esc(model.name("areas", number, lang))
        target = url(f"areas/{model.area(number)['slug']}.md")
        return f'<a href="{esc(target)}">{name}</a>' if target else name

    rows = []
    item = meta.get("item")
    if isinstance(item, dict) and item.get("url"):
        host = urlsplit(str(item["url"])).hostname or str(item["url"])
        host = host[4:] if host.startswith("www.") else host
        rows.append(
            (
                model.name("item_kinds", item.get("kind", "item"), lang),
                [f'<a href="{esc(safe_url(str(item["url"])))}">{esc(host)}</a>'],
            )
        )
    rows += [
        (label("type"), [esc(model.name("types", meta["type"], lang))]),
        (label("areas"), [area(n) for n in meta["areas"]]),
        (label("year"), [esc(model.year_text(year, bool(meta.get("year_approximate")), lang))]),
        (label("publisher"), [esc(str(meta["publisher"]))]),
    ]
    if meta.get("audiences"):
        rows.append((label("audiences"), [esc(", ".join(model.name("audiences", a, lang) for a in meta["audiences"]))]))
    rows += [
        (label("sources"), [f'<a href="{esc(safe_url(s["url"]))}">{esc(s["title"])}</a>' for s in meta["sources"]]),
        (
            label("original_languages"),
            [esc(", ".join(model.name("language_names", l, lang) for l in meta["original_languages"]))],
        ),
        (label("licence"), [esc(model.name("licences", meta["licence"], lang))]),
        (label("status"), [esc(model.name("statuses", meta["status"], lang))]),
        (label("relation"), [esc(model.name("relations", meta["relation"], lang))]),
    ]
    items = "".join(f"<dt>{esc(term)}</dt>" + "".join(f"<dd>{v}</dd>" for v in values) for term, values in rows)
    return f'<section class="output-meta" aria-label="{esc(label("details"))}"><dl>{items}</dl></section>\n'


def page_sources(sources: list[dict], model: Model, lang: str) -> str:
    """The sources of an ordinary page, listed at its end."""
    items = [f"- [{_md(str(s['title']))}]({_md_url(str(s['url']))})" for s in sources]
    return "\n".join([f"## {model.label(lang, 'sources')} {{ #page-sources }}", "", *items, ""])


@dataclass(frozen=True)
class OutputIndex:
    """Look-ups over one language's outputs, made once per build (see `related`)."""

    by_path: dict[str, Output]
    by_area: dict[int, list[Output]]
    rank: dict[str, int]  # position in (newest first, then title, then path)


def index(all_outputs: list[Output]) -> OutputIndex:
    by_area: dict[int, list[Output]] = {}
    for output in all_outputs:
        for number in set(output.areas):
            by_area.setdefault(number, []).append(output)
    ordered = sorted(all_outputs, key=lambda o: (*o.order, o.path))
    return OutputIndex({o.path: o for o in all_outputs}, by_area, {o.path: i for i, o in enumerate(ordered)})


def related(
    current: Output, all_outputs: list[Output], limit: int = 5, output_index: OutputIndex | None = None
) -> list[Output]:
    """Other outputs sharing the most development areas, then the newest, then by title."""
    found = output_index or index(all_outputs)
    shared: dict[str, int] = {}
    for number in set(current.areas):
        for other in found.by_area.get(number, ()):
            shared[other.path] = shared.get(other.path, 0) + 1
    shared.pop(current.path, None)
    best = heapq.nsmallest(limit, shared, key=lambda path: (-shared[path], found.rank[path]))
    return [found.by_path[path] for path in best]


def related_list(outputs: list[Output], model: Model, lang: str, url: LinkFn) -> str:
    """The related outputs as an HTML list of links (title, type, year)."""
    esc = html.escape
    items = "".join(
        f'<li><a href="{esc(url(o.path))}">{esc(_title(o, model, lang))}</a> '
        f"({esc(model.name('types', o.type, lang))}, {esc(_year(o, model, lang))})</li>"
        for o in outputs
    )
    return f'<ul class="related-outputs">{items}</ul>\n'


def area_outputs(number: int, all_outputs: list[Output], model: Model, lang: str, link: LinkFn) -> str:
    """Outputs of one area, grouped by type (in the data file's order), newest first."""
    mine = [o for o in all_outputs if number in o.areas]
    if not mine:
        return model.label(lang, "area_outputs_none") + "\n"
    parts = []
    for type_key in model.data["types"]:
        group = [o for o in mine if o.type == type_key]
        if not group:
            continue
        parts += [f"### {model.name('types', type_key, lang)} {{ #outputs-{type_key} }}", ""]
        for o in group:
            note = f" – {model.name('relations', o.relation, lang).lower()}" if o.relation == "related-work" else ""
            parts.append(f"- [{_md(_title(o, model, lang))}]({link(o.path)}) ({_year(o, model, lang)}){note}")
        parts.append("")
    return "\n".join(parts)


def area_intention(number: int, model: Model, lang: str) -> str:
    """The area's intention statement, marked when it is our own translation."""
    area = model.area(number)
    caption = f"{model.label(lang, 'intention')} {number}"
    if model.is_unofficial(number, lang, "intention"):
        caption += f" ({model.label(lang, 'unofficial_translation')})"
    return (
        f'<figure class="area-intention"><blockquote><p>{html.escape(area["intention"][lang])}</p>'
        f"</blockquote><figcaption>{html.escape(caption)}</figcaption></figure>\n"
    )


def area_cards(model: Model, lang: str, link: LinkFn) -> str:
    """Material grid cards, one per development area; our own translations marked."""
    lines = ['<div class="grid cards area-cards" markdown>', ""]
    for area in model.areas:
        intention = area["intention"][lang]
        if model.is_unofficial(area["number"], lang, "intention"):
            intention += f" ({model.label(lang, 'unofficial_translation')})"
        lines += [
            f"-   **{area['number']}. {area_link(model, lang, area['number'], link)}**",
            "",
            "    ---",
            "",
            f"    {_md(intention)}",
            "",
        ]
    lines += ["</div>", ""]
    return "\n".join(lines)


def facet_links(table: str, field: str, all_outputs: list[Output], model: Model, lang: str, link: LinkFn) -> str:
    """Links into the catalogue, pre-filtered by type or audience, with counts."""
    lines = []
    for key in model.data[table]:
        count = sum(1 for o in all_outputs if (o.type == key if field == "type" else key in o.audiences))
        if count:
            lines.append(f"- [{_md(model.name(table, key, lang))}]({link('outputs/index.md')}?{field}={key}) ({count})")
    return "\n".join(lines) + "\n"


def _area_html(model: Model, lang: str, number: int, url) -> str:
    area = model.area(number)
    name = html.escape(f"{number}. {model.area_name(number, lang)}")
    target = url(f"areas/{area['slug']}.md")
    return f'<a href="{html.escape(target)}">{name}</a>' if target else name


def catalogue(all_outputs: list[Output], model: Model, lang: str, url: Callable[[str], str], script_url: str) -> str:
    """The catalogue: a complete HTML table, and a filter form that JavaScript reveals."""
    esc = html.escape
    label = lambda key, **v: model.label(lang, key, **v)  # noqa: E731
    # one option per year and exactness, in catalogue order ("2021", then "n. 2021")
    years = sorted({(o.year, o.year_approximate) for o in all_outputs if o.year}, key=lambda y: (-y[0], y[1]))
    audiences = [k for k in model.data["audiences"] if any(k in o.audiences for o in all_outputs)]

    def select(name: str, text: str, options: list[tuple[str, str]]) -> str:
        opts = "".join(f'<option value="{esc(v)}">{esc(t)}</option>' for v, t in options)
        return (
            f'<div class="catalogue-filter__field"><label for="filter-{name}">{esc(text)}</label>'
            f'<select id="filter-{name}" name="{name}"><option value="">{esc(label("filter_all"))}</option>'
            f"{opts}</select></div>"
        )

    form = (
        f'<form class="catalogue-filter" hidden aria-controls="catalogue-table" '
        f'data-count-template="{esc(label("filter_count"))}">'
        f"<fieldset><legend>{esc(label('filter_legend'))}</legend>"
        + select(
            "area",
            label("area"),
            [(str(a["number"]), f"{a['number']}. {model.area_name(a['number'], lang)}") for a in model.areas],
        )
        + select("type", label("type"), [(k, model.name("types", k, lang)) for k in model.data["types"]])
        + select(
            "year",
            label("year"),
            [(f"~{y}" if approx else str(y), model.year_text(y, approx, lang)) for y, approx in years]
            + [("unknown", label("year_unknown"))],
        )
        + select("audience", label("audiences"), [(k, model.name("audiences", k, lang)) for k in audiences])
        + f'<button type="reset" class="md-button">{esc(label("filter_reset"))}</button>'
        "</fieldset>"
        '<p class="catalogue-filter__count" role="status" aria-live="polite"></p>'
        "</form>"
    )
    head = "".join(f'<th scope="col">{esc(label(k))}</th>' for k in ("title", "type", "areas", "year", "publisher"))
    rows = []
    for o in all_outputs:
        areas = ", ".join(_area_html(model, lang, n, url) for n in o.areas)
        related = (
            f' <span class="catalogue-relation">({esc(model.name("relations", o.relation, lang))})</span>'
            if o.relation == "related-work"
            else ""
        )
        rows.append(
            f'<tr data-type="{esc(o.type)}" data-areas="{" ".join(map(str, o.areas))}" '
            f'data-year="{esc(o.year_value)}" data-audience="{" ".join(o.audiences)}">'
            f'<th scope="row"><a href="{esc(url(o.path))}">{esc(_title(o, model, lang))}</a>{related}</th>'
            f'<td data-label="{esc(label("type"))}">{esc(model.name("types", o.type, lang))}</td>'
            f'<td data-label="{esc(label("areas"))}">{areas}</td>'
            f'<td data-label="{esc(label("year"))}">{esc(_year(o, model, lang))}</td>'
            f'<td data-label="{esc(label("publisher"))}">{esc(o.publisher)}</td></tr>'
        )
    table = (
        f'<div class="md-typeset__scrollwrap"><div class="md-typeset__table">'
        f'<table id="catalogue-table" class="catalogue-table">'
        f"<caption>{esc(label('catalogue_caption'))} ({len(all_outputs)})</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div></div>"
    )
    return f'{form}\n{table}\n<script src="{esc(script_url)}" defer></script>\n'
