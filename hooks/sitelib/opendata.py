"""The catalogue of outputs as open data: JSON, CSV and an Atom feed, as pure functions.

Every format is made from the same rows: one per output, in the order of the HTML
catalogue (`catalogue.outputs()`), with the names in the catalogue's language. The
bytes depend only on the sources (front matter, data/site.yml, git dates, site_url):
no build time is written anywhere, so the same commit gives the same files.

Front-matter text is data in every format: JSON escapes it as JSON, the feed as XML
(characters XML cannot hold are dropped; `make check` refuses them anyway), and the CSV
quotes it and neutralises spreadsheet formulas (see `csv_cell`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from .catalogue import Output
from .model import Model
from .translations import page_url


@dataclass(frozen=True)
class Site:
    """What the rows need to know about the site of one language."""

    lang: str
    languages: list[str]  # default first
    default_language: str
    base_url: str  # site_url, ending in "/"
    use_directory_urls: bool  # of the hosted site (also in the offline build)
    has_page: Callable[[str, str], bool]  # (lang, path in the language folder)
    changed: Callable[[str, str], dt.datetime]  # (lang holding the file, path) -> last change

    def url(self, path: str, lang: str | None = None) -> str:
        """Absolute address of a page (path in the language folder, 'outputs/x.md')."""
        return self.base_url + page_url(path, lang or self.lang, self.default_language, self.use_directory_urls)

    def file_url(self, path: str, shared: bool = False) -> str:
        """Absolute address of a generated file ('outputs/catalogue.json') of this language."""
        prefix = "" if shared or self.lang == self.default_language else f"{self.lang}/"
        return self.base_url + prefix + path


def base_url(site_url: str | None) -> str:
    site_url = site_url or "/"
    return site_url if site_url.endswith("/") else site_url + "/"


def iso_date(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).date().isoformat()


def iso_time(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- rows -------------------------------------------------------------------------


def row(o: Output, model: Model, site: Site) -> dict:
    """One output as a JSON object; every key is always present (null when empty)."""
    lang = site.lang
    areas = []
    for number in o.areas:
        area = model.area(number) or {}
        areas.append(
            {
                "number": number,
                "slug": area.get("slug"),
                "name": model.name("areas", number, lang),
                "unofficial_name": model.is_unofficial(number, lang, "name"),
            }
        )
    translations = [
        {"language": other, "url": site.url(o.path, other), "translation_pending": o.lang != other}
        for other in site.languages
        if other != lang and site.has_page(other, o.path)
    ]
    return {
        "id": o.slug,
        "title": model.mark_unofficial(o.title, lang),  # as the catalogue shows it
        "original_title": o.original_title if o.original_title and o.original_title != o.title else None,
        "description": o.description,
        "type": o.type,
        "type_name": model.name("types", o.type, lang),
        "areas": areas,
        "year": o.year,
        "year_approximate": bool(o.year and o.year_approximate),
        "year_text": model.year_text(o.year, o.year_approximate, lang),
        "publisher": o.publisher,
        "authors": o.authors,
        "audiences": [{"id": a, "name": model.name("audiences", a, lang)} for a in o.audiences],
        "relation": o.relation,
        "relation_name": model.name("relations", o.relation, lang),
        "status": o.status,
        "status_name": model.name("statuses", o.status, lang),
        "original_licence": o.licence,
        "original_licence_name": model.name("licences", o.licence, lang),
        "original_languages": [
            {"code": c, "name": model.name("language_names", c, lang)} for c in o.original_languages
        ],
        "sources": [{"title": title, "url": url} for title, url in o.sources],
        "item": {"url": o.item[0], "kind": o.item[1]} if o.item else None,
        "url": site.url(o.path),
        "translations": translations,
        "content_language": o.lang or lang,
        "translation_pending": bool(o.lang) and o.lang != lang,
        "modified": iso_date(site.changed(o.lang or lang, o.path)),
    }


def licence(model: Model, lang: str) -> dict:
    spec = model.data["open_data"]["licence"]
    return {
        "id": spec["id"],
        "name": spec["name"],
        "url": spec["url"],
        "deed": (spec.get("deed") or {}).get(lang, spec["url"]),
    }


def document(outputs: list[Output], model: Model, site: Site, site_name: str, files: dict) -> dict:
    """The whole JSON file of one language: what it is, its licence, and the rows."""
    lang = site.lang
    rows = [row(o, model, site) for o in outputs]
    home = site.url("index.md")
    spec = licence(model, lang)
    page = model.data["open_data"].get("page")
    return {
        "$schema": site.file_url(files["schema"], shared=True),
        "title": model.label(lang, "open_data_title"),
        "description": model.label(lang, "open_data_description"),
        "language": lang,
        "publisher": {"name": site_name, "url": home},
        "licence": {
            "id": spec["id"],
            "url": spec["url"],
            "text": model.label(lang, "open_data_licence", licence=spec["name"], site=site_name),
        },
        "originals": model.label(lang, "open_data_originals"),
        "url": site.file_url(files["json"]),
        "csv": site.file_url(files["csv"]),
        "feed": site.file_url(files["feed"]),
        "page": site.url(page) if page and site.has_page(lang, page) else None,
        "modified": max((r["modified"] for r in rows), default=None),
        "count": len(rows),
        "outputs": rows,
    }


def to_json(doc: dict) -> bytes:
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# --- CSV --------------------------------------------------------------------------

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value) -> str:
    """A value as CSV text: null empty, booleans and numbers as in JSON, and a text that a
    spreadsheet would run as a formula (=, +, -, @, tab, carriage return first) with a
    leading apostrophe, which spreadsheets show as text (OWASP: CSV injection)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_columns(languages: list[str], lang: str) -> list[str]:
    """The CSV header: the JSON keys, lists and objects flattened (documented on the
    contributor pages, section #open-data)."""
    others = [f"url_{other}" for other in languages if other != lang]
    return [
        "id", "title", "original_title", "description", "type", "type_name", "area_numbers", "area_names",
        "year", "year_approximate", "year_text", "publisher", "authors", "audiences", "audience_names",
        "relation", "relation_name", "status", "status_name", "original_licence", "original_licence_name",
        "original_languages", "original_language_names", "source_titles", "source_urls", "item_url", "item_kind",
        "url", *others, "content_language", "translation_pending", "modified",
    ]  # fmt: skip


def csv_row(r: dict, join: Callable[[list], str]) -> dict:
    flat = {k: v for k, v in r.items() if not isinstance(v, (list, dict))}
    flat.update(
        area_numbers=join([a["number"] for a in r["areas"]]),
        area_names=join([a["name"] for a in r["areas"]]),
        audiences=join([a["id"] for a in r["audiences"]]),
        audience_names=join([a["name"] for a in r["audiences"]]),
        original_languages=join([x["code"] for x in r["original_languages"]]),
        original_language_names=join([x["name"] for x in r["original_languages"]]),
        source_titles=join([s["title"] for s in r["sources"]]),
        source_urls=join([s["url"] for s in r["sources"]]),
        item_url=(r["item"] or {}).get("url"),
        item_kind=(r["item"] or {}).get("kind"),
        **{f"url_{t['language']}": t["url"] for t in r["translations"]},
    )
    return flat


def to_csv(doc: dict, languages: list[str], model: Model) -> bytes:
    """UTF-8 with a byte-order mark (so Excel reads ä, ö and å right), one row per output."""
    spec = model.data["open_data"]["csv"]
    separator = spec["list_separator"]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=spec["delimiter"], lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    columns = csv_columns(languages, doc["language"])
    writer.writerow(columns)
    for r in doc["outputs"]:
        flat = csv_row(r, lambda values: separator.join(str(v) for v in values) if values else None)
        writer.writerow([csv_cell(flat.get(column)) for column in columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# --- Atom ---------------------------------------------------------------------------

# Characters XML 1.0 cannot hold, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _text(value: str) -> str:
    return xml_escape(_NOT_XML.sub("", value))


def _attr(value: str) -> str:
    return quoteattr(_NOT_XML.sub("", value))


def atom(outputs: list[Output], doc: dict, model: Model, site: Site, site_name: str, fallback: dt.datetime) -> bytes:
    """An Atom feed (RFC 4287) of the outputs in one language (`doc` is their JSON document),
    the most recently changed first; updated = the last change of the output's page (git),
    never the build time (`fallback`, for a feed without entries, is SOURCE_DATE_EPOCH's)."""
    lang = site.lang
    changed = {r["id"]: site.changed(o.lang or lang, o.path) for o, r in zip(outputs, doc["outputs"])}
    rows = sorted(doc["outputs"], key=lambda r: r["id"])
    rows.sort(key=lambda r: changed[r["id"]], reverse=True)
    updated = max(changed.values(), default=fallback)
    home = site.url("index.md")
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={_attr(lang)}>',
        f"  <id>{_text(doc['feed'])}</id>",
        f'  <title type="text">{_text(model.label(lang, "feed_title", site=site_name))}</title>',
        f'  <subtitle type="text">{_text(model.label(lang, "feed_subtitle"))}</subtitle>',
        f'  <link rel="self" type="application/atom+xml" href={_attr(doc["feed"])}/>',
        f'  <link rel="alternate" type="text/html" href={_attr(doc["page"] or home)}/>',
        f'  <link rel="related" type="application/json" href={_attr(doc["url"])}/>',
        f"  <updated>{iso_time(updated)}</updated>",
        f"  <author><name>{_text(site_name)}</name><uri>{_text(home)}</uri></author>",
        f'  <rights type="text">{_text(doc["licence"]["text"])}</rights>',
    ]
    for r in rows:
        lines += [
            f"  <entry xml:lang={_attr(r['content_language'])}>",
            f"    <id>{_text(r['url'])}</id>",
            f'    <title type="text">{_text(r["title"])}</title>',
            f'    <link rel="alternate" type="text/html" href={_attr(r["url"])}/>',
            f"    <updated>{iso_time(changed[r['id']])}</updated>",
            f'    <summary type="text">{_text(r["description"])}</summary>',
            f"    <category term={_attr(r['type'])} label={_attr(r['type_name'])}/>",
            *(f"    <category term={_attr('area-' + str(a['number']))} label={_attr(a['name'])}/>" for a in r["areas"]),
            "  </entry>",
        ]
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode("utf-8")


# --- sizes --------------------------------------------------------------------------


def size_text(size: int, model: Model, lang: str) -> str:
    """'12 kt' / '12 kB', '1,2 Mt' / '1,2 MB' (labels size_kb, size_mb)."""
    if size < 1_000_000:
        return model.label(lang, "size_kb", value=max(1, round(size / 1000)))
    return model.label(lang, "size_mb", value=f"{size / 1e6:.1f}".replace(".", model.data["decimal_separator"][lang]))
