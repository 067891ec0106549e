"""schema.org JSON-LD and Open Graph for the head of a page, as pure functions.

`script_json` is the only way JSON reaches a `<script type="application/ld+json">`
block: `<`, `>` and `&` are written as \\u003c, \\u003e and \\u0026, so no value (a title
with `</script>` or `<!--` in it) can end the block or open a comment; JSON parsers
read the same text.
"""

from __future__ import annotations

import json

from .model import Model
from .opendata import Site, licence

CONTEXT = "https://schema.org"


def script_json(data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, code in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, code)
    return text


def website(site: Site, names: dict[str, str], descriptions: dict[str, str], model: Model) -> dict:
    """The home page: the WebSite in this language, and its other-language versions as
    translations (the default language's site is the original)."""
    lang = site.lang

    def one(of: str) -> dict:
        url = site.url("index.md", of)
        return {"@type": "WebSite", "@id": url + "#website", "url": url, "name": names[of], "inLanguage": of}

    data = {"@context": CONTEXT, **one(lang)}
    if descriptions.get(lang):
        data["description"] = descriptions[lang]
    data["license"] = licence(model, lang)["url"]
    if lang == site.default_language:
        others = [one(other) for other in site.languages if other != lang]
        if others:
            data["workTranslation"] = others
    else:
        data["translationOfWork"] = one(site.default_language)
    return data


def output(row: dict, model: Model, site: Site, area_urls: dict[int, str | None]) -> dict:
    """An output page: the output as the schema.org type of its content type, described
    in the page's language; url = the page's address."""
    types = model.data["open_data"]["schema_org_types"]
    data = {
        "@context": CONTEXT,
        "@type": types.get(row["type"], "CreativeWork"),
        "@id": row["url"] + "#output",
        "url": row["url"],
        "name": row["title"],
    }
    if row["original_title"]:
        data["alternateName"] = row["original_title"]
    data["description"] = row["description"]
    data["inLanguage"] = row["content_language"]
    if row["year"] is not None:
        # an approximate year is no publication date: it is given as the time the work belongs to
        data["temporalCoverage" if row["year_approximate"] else "datePublished"] = str(row["year"])
    data["publisher"] = {"@type": "Organization", "name": row["publisher"]}
    data["genre"] = row["type_name"]
    about = []
    for area in row["areas"]:
        term = {"@type": "DefinedTerm", "name": area["name"], "termCode": str(area["number"])}
        if area_urls.get(area["number"]):
            term["url"] = area_urls[area["number"]]
        about.append(term)
    data["about"] = about
    data["keywords"] = [area["name"] for area in row["areas"]] + [row["type_name"]]
    data["isBasedOn"] = [source["url"] for source in row["sources"]]
    if row["item"] and row["item"]["kind"] == "item":
        data["sameAs"] = row["item"]["url"]
    elif row["item"]:
        data["subjectOf"] = {"@type": "WebPage", "url": row["item"]["url"]}
    licence_url = (model.data["open_data"].get("licence_urls") or {}).get(row["original_licence"])
    if licence_url:
        data["license"] = licence_url
    data["creativeWorkStatus"] = row["status_name"]
    data["dateModified"] = row["modified"]
    return data


def dataset(doc: dict, site: Site, site_name: str, model: Model) -> dict:
    """The catalogue page: the catalogue as a Dataset with its downloads."""
    lang = site.lang
    data = {
        "@context": CONTEXT,
        "@type": "Dataset",
        "@id": (doc["page"] or doc["url"]) + "#catalogue",
        "url": doc["page"] or doc["url"],
        "name": doc["title"],
        "description": doc["description"],
        "inLanguage": lang,
        "license": licence(model, lang)["url"],
        "creator": {"@type": "Organization", "name": site_name, "url": site.url("index.md")},
        "isAccessibleForFree": True,
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": "application/json", "contentUrl": doc["url"]},
            {"@type": "DataDownload", "encodingFormat": "text/csv", "contentUrl": doc["csv"]},
            {"@type": "DataDownload", "encodingFormat": "application/atom+xml", "contentUrl": doc["feed"]},
        ],
    }
    if doc["modified"]:
        data["dateModified"] = doc["modified"]
    return data


def open_graph(
    title: str,
    description: str,
    url: str | None,
    lang: str,
    languages: list[str],
    site_name: str,
    model: Model,
    is_home: bool,
) -> list[tuple[str, str]]:
    """(property, content) pairs of Open Graph, in the order they are written. No og:image:
    the site has no raster image of its own to offer, and none is taken from elsewhere."""
    locales = model.data["open_data"].get("locales") or {}
    pairs = [
        ("og:type", "website" if is_home else "article"),
        ("og:site_name", site_name),
        ("og:title", title),
        ("og:description", description),
    ]
    if url:
        pairs.append(("og:url", url))
    pairs.append(("og:locale", locales.get(lang, lang)))
    pairs += [("og:locale:alternate", locales.get(other, other)) for other in languages if other != lang]
    return pairs
