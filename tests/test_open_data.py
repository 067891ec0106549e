"""Open data on the real site, read as their clients read them: the catalogue's JSON
against its JSON Schema and against the HTML catalogue, the CSV with `csv` (as a
spreadsheet gets it), the Atom feeds with feedparser, every JSON-LD block with
json.loads, Open Graph and the description in every head; plus the pure functions."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
import yaml
from conftest import LANGUAGES, ROOT, elements, html_pages, page_language
from jsonschema import Draft202012Validator, FormatChecker

BASE = "http://127.0.0.1:8000/"  # site_url of a build without SITE_URL (mkdocs.yml)
MODEL = yaml.safe_load((ROOT / "data" / "site.yml").read_text(encoding="utf-8"))
PREFIX = {"fi": "", "sv": "sv/"}


def catalogue(site: Path, lang: str) -> dict:
    return json.loads((site / PREFIX[lang] / "outputs" / "catalogue.json").read_text(encoding="utf-8"))


def local(site: Path, url: str) -> Path:
    """The built file an absolute address of the site serves."""
    assert url.startswith(BASE), url
    path = site / url[len(BASE) :].split("#")[0]
    return path / "index.html" if url.endswith("/") else path


def output_files(lang: str) -> list[str]:
    return sorted(p.stem for p in (ROOT / "docs" / lang / "outputs").glob("*.md") if p.name != "index.md")


# --- JSON ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_json_is_valid_against_the_published_schema_and_the_source_schema(site, lang):
    doc = catalogue(site, lang)
    published = json.loads((site / "schemas" / "catalogue.schema.json").read_text(encoding="utf-8"))
    source = json.loads((ROOT / "data" / "schemas" / "catalogue.schema.json").read_text(encoding="utf-8"))
    for schema in (published, source):
        Draft202012Validator.check_schema(schema)
        errors = list(Draft202012Validator(schema, format_checker=FormatChecker()).iter_errors(doc))
        assert errors == [], [e.message for e in errors[:5]]
    # the published copy carries the allowed values of data/site.yml
    output = published["$defs"]["output"]["properties"]
    assert output["type"]["enum"] == list(MODEL["types"])
    assert output["areas"]["items"]["properties"]["number"]["enum"] == [a["number"] for a in MODEL["areas"]]
    assert doc["$schema"] == BASE + "schemas/catalogue.schema.json"
    # a row the schema must refuse
    broken = json.loads(json.dumps(doc))
    broken["outputs"][0]["type"] = "poem"
    assert list(Draft202012Validator(published).iter_errors(broken))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_json_has_the_outputs_of_the_html_catalogue_in_its_order(site, lang):
    doc = catalogue(site, lang)
    page = site / PREFIX[lang] / "outputs" / "index.html"
    table = re.search(r'<table id="catalogue-table".*?</table>', page.read_text(encoding="utf-8"), re.DOTALL).group(0)
    links = [a["href"] for a in elements(table, "a") if "/areas/" not in urljoin("x/outputs/", a["href"])]
    page_url = BASE + PREFIX[lang] + "outputs/"
    assert [o["url"] for o in doc["outputs"]] == [urljoin(page_url, href) for href in links]
    assert sorted(o["id"] for o in doc["outputs"]) == output_files(lang)
    assert doc["count"] == len(doc["outputs"]) and doc["language"] == lang
    assert doc["page"] == page_url and doc["url"] == page_url + "catalogue.json"
    assert doc["licence"]["id"] == "CC-BY-4.0" and "CC BY 4.0" in doc["licence"]["text"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_address_in_the_json_resolves_in_the_built_site(site, lang):
    doc = catalogue(site, lang)
    for key in ("url", "csv", "feed", "page", "$schema"):
        assert local(site, doc[key]).is_file(), doc[key]
    for o in doc["outputs"]:
        assert local(site, o["url"]).is_file(), o["url"]
        assert {t["language"] for t in o["translations"]} == set(LANGUAGES) - {lang}
        for t in o["translations"]:
            assert local(site, t["url"]).is_file(), t["url"]
            assert t["url"] == o["url"].replace(BASE + PREFIX[lang], BASE + PREFIX[t["language"]])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_json_rows_carry_the_front_matter(site, lang):
    from sitelib import frontmatter
    from sitelib import model as model_lib

    model = model_lib.load(str(ROOT / "data" / "site.yml"))
    doc = catalogue(site, lang)
    for o in doc["outputs"]:
        meta = frontmatter.read(ROOT / "docs" / lang / "outputs" / f"{o['id']}.md").meta
        assert o["title"] == model.mark_unofficial(meta["title"], lang) and o["description"] == meta["description"]
        assert o["type"] == meta["type"] and o["type_name"] == MODEL["types"][meta["type"]][lang]
        assert [a["number"] for a in o["areas"]] == meta["areas"]
        assert o["year"] == (meta["year"] if isinstance(meta["year"], int) else None)
        assert o["year_approximate"] is bool(meta.get("year_approximate") and o["year"])
        assert o["publisher"] == meta["publisher"] and o["original_licence"] == meta["licence"]
        assert [(s["title"], s["url"]) for s in o["sources"]] == [(s["title"], s["url"]) for s in meta["sources"]]
        assert o["original_title"] == (
            meta.get("original_title") if meta.get("original_title") != meta["title"] else None
        )
        assert o["content_language"] == lang and o["translation_pending"] is False
        for area in o["areas"]:
            spec = next(a for a in MODEL["areas"] if a["number"] == area["number"])
            assert area["unofficial_name"] is (lang in spec["unofficial_name"])
            assert area["name"].startswith(spec["name"][lang])
            assert area["name"].endswith(MODEL["labels"][lang]["unofficial_marker"]) is area["unofficial_name"]


def test_json_modified_dates_are_the_git_dates(site):
    from sitelib import gitdates

    dates = gitdates.last_commits(str(ROOT / "docs"))
    if not dates:
        pytest.skip("not a git checkout")
    for lang in LANGUAGES:
        for o in catalogue(site, lang)["outputs"]:
            stamp = dates[str((ROOT / "docs" / lang / "outputs" / f"{o['id']}.md").resolve())]
            assert o["modified"] == stamp.date().isoformat(), o["id"]


# --- CSV -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_csv_has_a_bom_semicolons_and_the_same_rows_and_values_as_the_json(site, lang):
    raw = (site / PREFIX[lang] / "outputs" / "catalogue.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with the byte-order mark
    text = raw.decode("utf-8-sig")
    assert "\r\n" in text and csv.Sniffer().sniff(text.splitlines()[0]).delimiter == ";"
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    doc = catalogue(site, lang)
    assert len(rows) == len(doc["outputs"])
    join = MODEL["open_data"]["csv"]["list_separator"]
    other = next(l for l in LANGUAGES if l != lang)
    for row, o in zip(rows, doc["outputs"]):
        for key, value in o.items():
            if isinstance(value, bool):
                assert row[key] == ("true" if value else "false"), key
            elif value is None:
                assert key in ("item",) or row[key] == "", key
            elif not isinstance(value, (list, dict)):
                assert row[key] == str(value), key
        assert row["area_numbers"] == join.join(str(a["number"]) for a in o["areas"])
        assert row["area_names"] == join.join(a["name"] for a in o["areas"])
        assert row["audiences"] == join.join(a["id"] for a in o["audiences"])
        assert row["source_urls"].split(join) == [s["url"] for s in o["sources"]]
        assert row["source_titles"] == join.join(s["title"] for s in o["sources"])
        assert row[f"url_{other}"] == o["translations"][0]["url"]
        assert row["item_url"] == ((o["item"] or {}).get("url") or "")


# --- Atom ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_feed_parses_without_errors_and_links_every_output_page(site, lang):
    feed = feedparser.parse((site / PREFIX[lang] / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.language == lang
    doc = catalogue(site, lang)
    assert len(feed.entries) == len(doc["outputs"])
    by_url = {o["url"]: o for o in doc["outputs"]}
    updated = []
    for entry in feed.entries:
        assert entry.link in by_url and local(site, entry.link).is_file()
        o = by_url[entry.link]
        assert entry.title == o["title"] and entry.summary == o["description"]
        assert entry.title_detail.language == lang
        assert entry.updated_parsed is not None
        assert entry.updated.startswith(o["modified"])
        updated.append(entry.updated)
    assert updated == sorted(updated, reverse=True)  # the most recently changed first
    assert feed.feed.updated == max(updated)
    assert {link.rel for link in feed.feed.links} >= {"self", "alternate"}


def test_every_page_links_the_feed_of_its_language_in_its_head(site):
    for page in html_pages(site):
        lang = page_language(site, page)
        feeds = elements(page, "link", rel="alternate", type="application/atom+xml")
        assert len(feeds) == 1, page
        href = feeds[0]["href"]
        assert not re.match(r"(?i)^(https?:)?//", href)
        if page.name != "404.html":  # the 404 page links from the site root (it is served anywhere)
            target = Path(urljoin(page.as_uri(), href).removeprefix("file://"))
            assert target == site / PREFIX[lang] / "feed.xml", (page, href)


# --- the catalogue page ------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_page_links_the_files_with_their_real_sizes_the_feed_and_the_licence(site, lang):
    page = site / PREFIX[lang] / "outputs" / "index.html"
    html = page.read_text(encoding="utf-8")
    block = re.search(r'<div class="open-data">.*?</div>', html, re.DOTALL).group(0)
    labels = MODEL["labels"][lang]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", block)).strip()
    for name, kind in (("catalogue.json", "JSON"), ("catalogue.csv", "CSV")):
        link = elements(block, "a", href=name)
        assert len(link) == 1, name
        size = (site / PREFIX[lang] / "outputs" / name).stat().st_size
        shown = labels["size_kb"].format(value=max(1, round(size / 1000)))
        assert f"{kind} ({shown})" in text
    assert text.startswith(f"{labels['open_data_download']}: JSON (")
    feed = elements(block, "a", type="application/atom+xml")[0]
    assert Path(urljoin(page.as_uri(), feed["href"]).removeprefix("file://")) == site / PREFIX[lang] / "feed.xml"
    licence = elements(block, "a", rel="license")[0]
    assert licence["href"] == MODEL["open_data"]["licence"]["deed"][lang]
    schema = next(a for a in elements(block, "a") if a["href"].endswith("catalogue.schema.json"))
    assert (
        Path(urljoin(page.as_uri(), schema["href"]).removeprefix("file://"))
        == site / "schemas" / "catalogue.schema.json"
    )
    assert "#open-data" in html and 'id="open-data"' in (site / PREFIX[lang] / "contributing" / "index.html").read_text(
        encoding="utf-8"
    )


# --- head: JSON-LD, description, Open Graph ---------------------------------------------------


def json_ld(page: Path) -> list[dict]:
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', page.read_text(encoding="utf-8"), re.DOTALL
    )
    for block in blocks:
        assert "<" not in block and ">" not in block  # nothing in it can end the script element
    return [json.loads(block) for block in blocks]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_output_page_describes_its_output_in_json_ld(site, lang):
    types = MODEL["open_data"]["schema_org_types"]
    for o in catalogue(site, lang)["outputs"]:
        blocks = json_ld(local(site, o["url"]))
        assert len(blocks) == 1, o["id"]
        data = blocks[0]
        assert data["@context"] == "https://schema.org" and data["@type"] == types[o["type"]]
        assert data["name"] == o["title"] and data["description"] == o["description"]
        assert data["inLanguage"] == lang and data["url"] == o["url"]
        assert data["publisher"] == {"@type": "Organization", "name": o["publisher"]}
        if o["year"] is None:
            assert "datePublished" not in data and "temporalCoverage" not in data
        elif o["year_approximate"]:
            assert data["temporalCoverage"] == str(o["year"]) and "datePublished" not in data
        else:
            assert data["datePublished"] == str(o["year"])
        assert [t["name"] for t in data["about"]] == [a["name"] for a in o["areas"]]
        assert all(a["name"] in data["keywords"] for a in o["areas"])
        assert data["isBasedOn"] == [s["url"] for s in o["sources"]]
        if o["item"] and o["item"]["kind"] == "item":
            assert data["sameAs"] == o["item"]["url"]
        for term in data["about"]:
            assert local(site, term["url"]).is_file()


def test_home_pages_describe_the_website_and_its_translation(site):
    fi, sv = json_ld(site / "index.html"), json_ld(site / "sv" / "index.html")
    assert [b["@type"] for b in fi] == ["WebSite"] and [b["@type"] for b in sv] == ["WebSite"]
    assert fi[0]["inLanguage"] == "fi" and sv[0]["inLanguage"] == "sv"
    assert fi[0]["url"] == BASE and sv[0]["url"] == BASE + "sv/"
    assert fi[0]["workTranslation"][0]["@id"] == sv[0]["@id"]
    assert sv[0]["translationOfWork"]["@id"] == fi[0]["@id"]
    assert fi[0]["workTranslation"][0]["inLanguage"] == "sv"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_page_describes_the_dataset_and_its_downloads(site, lang):
    data = json_ld(site / PREFIX[lang] / "outputs" / "index.html")
    assert [b["@type"] for b in data] == ["Dataset"]
    formats = {d["encodingFormat"]: d["contentUrl"] for d in data[0]["distribution"]}
    doc = catalogue(site, lang)
    assert formats == {"application/json": doc["url"], "text/csv": doc["csv"], "application/atom+xml": doc["feed"]}
    assert data[0]["license"] == MODEL["open_data"]["licence"]["url"] and data[0]["inLanguage"] == lang


def test_every_page_has_a_description_and_open_graph_in_its_language(site):
    locales = MODEL["open_data"]["locales"]
    for page in html_pages(site):
        lang = page_language(site, page)
        meta = {m["property"]: m["content"] for m in elements(page, "meta") if m["property"]}
        description = elements(page, "meta", name="description")
        assert len(description) == 1 and description[0]["content"], page
        assert meta["og:title"] and meta["og:description"] == description[0]["content"], page
        assert meta["og:locale"] == locales[lang], page
        assert meta["og:locale:alternate"] == locales[next(l for l in LANGUAGES if l != lang)], page
        assert "og:image" not in meta
        for block in json_ld(page):  # every JSON-LD block of the site parses
            assert block["@context"] == "https://schema.org"
        if page.name == "404.html":
            continue
        title = elements(page, "title")
        assert meta["og:url"] == BASE + page.relative_to(site).as_posix().removesuffix("index.html"), page
        assert meta["og:type"] == (
            "website" if page.relative_to(site).as_posix() in ("index.html", "sv/index.html") else "article"
        )
        assert title


# --- pure functions ------------------------------------------------------------------------


def test_csv_cells_that_a_spreadsheet_would_run_start_with_an_apostrophe():
    from sitelib.opendata import csv_cell

    for text in ("=1+1", "+358 40", "-2", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x")'):
        assert csv_cell(text) == "'" + text
    for value, shown in (
        ("Hankinta", "Hankinta"),
        ("a=b", "a=b"),
        (None, ""),
        (True, "true"),
        (False, "false"),
        (2021, "2021"),
        ("", ""),
    ):
        assert csv_cell(value) == shown


def test_json_for_a_script_element_cannot_end_it():
    from sitelib.jsonld import script_json

    data = {"name": "</script><script>alert(1)</script> <!-- & \u2028 ]]>"}
    text = script_json(data)
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == data


def test_sizes_are_shown_in_the_language_of_the_page():
    from sitelib import model as model_lib
    from sitelib.opendata import size_text

    model = model_lib.load(str(ROOT / "data" / "site.yml"))
    assert size_text(12_345, model, "fi") == "12 kt" and size_text(12_345, model, "sv") == "12 kB"
    assert size_text(10, model, "fi") == "1 kt" and size_text(1_250_000, model, "sv") == "1,2 MB"


def test_pdf_title_page_says_where_the_open_data_lives():
    import pdf
    from sitelib import model as model_lib
    from sitelib import siteconfig

    settings = siteconfig.read(str(ROOT / "mkdocs.yml"))
    model = model_lib.load(settings.model_path)
    for lang in LANGUAGES:
        links = pdf.open_data_links(model, settings, lang, "https://example.org/site/")
        assert links == (
            MODEL["labels"][lang]["open_data_pdf"],
            [
                ("JSON", f"https://example.org/site/{PREFIX[lang]}outputs/catalogue.json"),
                ("CSV", f"https://example.org/site/{PREFIX[lang]}outputs/catalogue.csv"),
            ],
        )
        page = pdf.document(
            lang,
            "Käsikirja",
            "Sivusto",
            [],
            "test",
            __import__("datetime").date(2026, 1, 1),
            "https://example.org/site/handbook/",
            links,
        )
        title_page = re.search(r'<section class="title-page">.*?</section>', page, re.DOTALL).group(0)
        assert 'href="https://example.org/site/' + PREFIX[lang] + 'outputs/catalogue.csv"' in title_page


def test_the_offline_zip_must_carry_the_json_and_csv_of_every_language(site):
    from conftest import tool

    files = tool("offline").open_data_files(ROOT / "mkdocs.yml")
    assert files == [
        "outputs/catalogue.json",
        "outputs/catalogue.csv",
        "sv/outputs/catalogue.json",
        "sv/outputs/catalogue.csv",
    ]
    assert all((site / path).is_file() for path in files)


def test_the_benchmark_stopwatch_counts_no_second_twice(monkeypatch):
    from sitelib import stopwatch

    clock = iter([0.0, 1.0, 3.0, 4.0])  # a opens, b opens (a paused), b closes, a closes
    cpu = iter([0.0, 0.5, 1.0, 1.5])
    monkeypatch.setattr(stopwatch.time, "perf_counter", lambda: next(clock))
    monkeypatch.setattr(stopwatch.time, "process_time", lambda: next(cpu))
    stopwatch.reset()
    with stopwatch.timed("a"), stopwatch.timed("b"):
        pass
    assert stopwatch.TOTALS == {"a": 2.0, "b": 2.0} and stopwatch.CPU == {"a": 1.0, "b": 0.5}
    stopwatch.reset()
