"""The content model on the real site and on fixture sites: generated lists and
catalogue, metadata boxes, tags, translation and review notices, and reuse by
another programme with other areas and a third language."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import sitebuild
import yaml
from conftest import ROOT, elements, text_of
from sitebuild import git

TRANSLATIONS = ROOT / "tools" / "translations.py"
REVIEW = "review:\n  owner: Testi\n  last_reviewed: 2026-01-01\n  next_review: {due}\n"


# --- on the real site ----------------------------------------------------------------


def output_pages(lang: str) -> list[Path]:
    return sorted(p for p in (ROOT / "docs" / lang / "outputs").glob("*.md") if p.name != "index.md")


def test_catalogue_lists_every_output_without_javascript(site):
    for lang, page in (("fi", site / "outputs" / "index.html"), ("sv", site / "sv" / "outputs" / "index.html")):
        rows = elements(page, "tr")
        data_rows = [r for r in rows if r["data-type"]]
        assert len(data_rows) == len(output_pages(lang)) >= 15
        text = page.read_text(encoding="utf-8")
        assert "<thead>" in text and 'scope="col"' in text
        assert 'hidden aria-controls="catalogue-table"' in text  # the filter appears only with JavaScript


def test_area_page_lists_its_outputs_by_type_newest_first(site):
    model = yaml.safe_load((ROOT / "data" / "site.yml").read_text(encoding="utf-8"))
    html = (site / "areas" / "knowledge-management" / "index.html").read_text(encoding="utf-8")
    groups = re.findall(r'<h3 id="outputs-([a-z-]+)"', html)
    assert groups == [t for t in model["types"] if t in groups] and len(groups) >= 2
    for group in groups:
        section = html.split(f'id="outputs-{group}"')[1].split("<h")[0]
        years = [int(y) for y in re.findall(r"\((\d{4})\)", section)]
        assert years == sorted(years, reverse=True)


def test_output_page_has_metadata_box_related_outputs_and_tags(site):
    page = site / "sv" / "outputs" / "procurement-volume-study" / "index.html"
    html = page.read_text(encoding="utf-8")
    box = html.split('class="output-meta"')[1].split("</section>")[0]
    for label in ("Typ", "Utvecklingsområden", "År", "Utgivare", "Källor", "Licens", "Status"):
        assert f"<dt>{label}</dt>" in box
    assert 'href="../../areas/knowledge-management/"' in box
    assert 'id="related"' in html and "Relaterade resultat" in html
    tags = [t for t in re.findall(r'class="md-tag[^"]*"[^>]*>([^<]+)<', html)]
    assert "Utredning" in [t.strip() for t in tags]


def test_tags_pages_use_translated_names(site):
    def tags(rel):  # the tag headings (page titles under them may quote a Finnish title)
        html = (site / rel).read_text(encoding="utf-8")
        return {re.sub(r"<[^>]+>|&para;", "", t).strip() for t in re.findall(r"<h2[^>]*>(.*?)</h2>", html, re.S)}

    fi, sv = tags("tags/index.html"), tags("sv/tags/index.html")
    assert "Selvitys" in fi and "Innovaatiot" in fi and "Utredning" not in fi
    assert "Utredning" in sv and "Innovationer" in sv and "Selvitys" not in sv


def test_meta_description_comes_from_front_matter(site):
    text = (ROOT / "docs" / "sv" / "outputs" / "lots-guide.md").read_text(encoding="utf-8")
    description = yaml.safe_load(text.split("---")[1])["description"]
    metas = elements(site / "sv" / "outputs" / "lots-guide" / "index.html", "meta", name="description")
    assert metas[0]["content"] == description


def test_related_outputs_and_metadata_stay_out_of_the_search_index(site):
    import json

    text = (site / "sv" / "search" / "search_data.js").read_text(encoding="utf-8")
    docs = json.loads(text[text.index("{") : text.rindex("}") + 1])["docs"]
    page = [d for d in docs if d["location"].startswith("sv/outputs/procurement-volume-study/")]
    assert page and not any(d["location"].endswith("#related") for d in page)
    words = " ".join(d["title"] + " " + d["text"] for d in page)
    assert "Relaterade resultat" not in words and "Utgivare" not in words  # heading, box label
    catalogue = " ".join(
        d["text"] for d in docs if d["location"].startswith("sv/outputs/#") or d["location"] == "sv/outputs/"
    )
    # an output, listed in the table
    title = "Julkiset hankinnat (på finska) – Statskontorets rapporter på Tutkihallintoa.fi"
    assert title in (site / "sv" / "outputs" / "index.html").read_text(encoding="utf-8")
    assert title not in catalogue and any(title in d["title"] for d in docs)  # found on its own page
    html = (site / "sv" / "outputs" / "procurement-volume-study" / "index.html").read_text(encoding="utf-8")
    assert "data-search-exclude" not in html  # it did its work before the page was written
    assert re.search(r'<h2 id="related">.*?</h2><ul class="related-outputs"><li><a href="\.\./', html)


def test_related_outputs_rank_shared_areas_then_newest_then_title():
    from sitelib.catalogue import Output, related

    def out(path, areas, year, title=None):
        return Output(
            path=path,
            slug=path,
            title=title or path.upper(),
            description="",
            type="report",
            areas=tuple(areas),
            year=year,
            publisher="",
            relation="programme-output",
            status="current",
            audiences=(),
        )

    me = out("me", [1, 2], 2022)
    others = [
        out("old-both", [2, 1], 2019),
        out("new-one", [1], 2023),
        out("b-same-year", [2], 2023, "b"),
        out("a-same-year", [1], 2023, "A"),
        out("unknown-year", [1, 2, 1], None),
        out("none", [5], 2024),
    ]
    ranked = [o.path for o in related(me, [me, *others])]
    assert ranked == ["old-both", "unknown-year", "a-same-year", "b-same-year", "new-one"]
    assert [o.path for o in related(me, [me, *others], limit=2)] == ["old-both", "unknown-year"]
    assert related(out("alone", [7], 2020), [me, *others]) == []


def test_abbreviations_match_whole_words_only():
    import abbreviations

    found = abbreviations.read_abbreviations(str(ROOT / "docs" / "includes" / "abbreviations.fi.md"))
    assert "EU" in found.names and found.definitions.startswith("*[")
    for text in ("EU", "EU:n jäsen", "(EU)", "pk-yritykset", "Alku.\nVM ohjeistaa"):
        assert found.used_in(text), text
    for text in ("", "NEU", "EUR", "EU_x", "äEU", "upk", "Ei lyhenteitä."):
        assert not found.used_in(text), text
    assert not abbreviations.read_abbreviations("/nonexistent.md").used_in("EU")


def test_abbreviation_tooltips_only_on_pages_that_use_one(tmp_path):
    docs = small_docs(
        **{
            "fi/guide.md": page("Opas", "## Osa { #part }\n\nEU ja NEUVO.\n", REVIEW.format(due="2099-01-01")),
            "sv/guide.md": page("Guide", "## Del { #part }\n\nEU och NEUTRAL.\n", REVIEW.format(due="2099-01-01")),
        }
    )
    project = sitebuild.make_project(tmp_path, docs)
    result = sitebuild.build(project)
    assert result.returncode == 0, result.stderr[-2000:]
    fi = (project / "site" / "guide" / "index.html").read_text(encoding="utf-8")
    sv = (project / "site" / "sv" / "guide" / "index.html").read_text(encoding="utf-8")
    assert '<abbr title="Euroopan unioni">EU</abbr> ja NEUVO' in fi
    assert '<abbr title="Europeiska unionen">EU</abbr> och NEUTRAL' in sv
    assert "<abbr" not in (project / "site" / "index.html").read_text(encoding="utf-8")


# --- fixture sites ---------------------------------------------------------------------


def page(title: str, body: str, extra: str = "") -> str:
    return (
        f"---\ntitle: {title}\ndescription: Testisivu, jolla kokeillaan sisältömallin koukkuja.\n{extra}---\n\n{body}"
    )


def small_docs(**overrides) -> dict:
    docs = {
        "fi/index.md": page("Koti", "!!! note\n\n    Ilman otsikkoa.\n"),
        "sv/index.md": page("Hem", "!!! note\n\n    Utan rubrik.\n"),
        "fi/guide.md": page("Opas", "## Osa { #part }\n\nTeksti.\n", REVIEW.format(due="2099-01-01")),
        "sv/guide.md": page("Guide", "## Del { #part }\n\nText.\n", REVIEW.format(due="2099-01-01")),
    }
    docs.update(overrides)
    return {k: v for k, v in docs.items() if v is not None}


def test_admonition_titles_in_the_page_language(tmp_path):
    project = sitebuild.make_project(tmp_path, small_docs())
    assert sitebuild.build(project).returncode == 0
    assert '<p class="admonition-title">Huomautus</p>' in (project / "site" / "index.html").read_text()
    assert '<p class="admonition-title">Obs</p>' in (project / "site" / "sv" / "index.html").read_text()


def test_pending_translation_is_shown_with_a_notice_in_the_other_language(tmp_path):
    docs = small_docs(
        **{
            "sv/guide.md": None,
            "fi/guide.md": page(
                "Opas",
                "## Osa { #part }\n\nSuomenkielinen teksti.\n",
                "translation: pending\n" + REVIEW.format(due="2099-01-01"),
            ),
        }
    )
    project = sitebuild.make_project(tmp_path, docs)
    result = sitebuild.build(project)
    assert result.returncode == 0, result.stderr[-2000:]
    sv = (project / "site" / "sv" / "guide" / "index.html").read_text(encoding="utf-8")
    assert "Inte översatt ännu" in sv and "Den här sidan har inte översatts till svenska ännu" in sv
    assert '<div class="page-content" lang="fi">' in sv and "Suomenkielinen teksti." in sv
    assert elements(project / "site" / "sv" / "guide" / "index.html", "html")[0]["lang"] == "sv"
    links = {
        a["hreflang"]: a["href"]
        for a in elements(project / "site" / "sv" / "guide" / "index.html", "a", class_="md-select__link")
    }
    assert links == {"fi": "../../guide/", "sv": "./"}


def test_overdue_review_shows_a_notice(tmp_path):
    docs = small_docs(
        **{
            "fi/guide.md": page("Opas", "## Osa { #part }\n\nTeksti.\n", REVIEW.format(due="2020-01-01")),
            "sv/guide.md": page("Guide", "## Del { #part }\n\nText.\n", REVIEW.format(due="2020-01-01")),
        }
    )
    project = sitebuild.make_project(tmp_path, docs)
    assert sitebuild.build(project).returncode == 0
    assert "Sisältö voi olla vanhentunutta" in (project / "site" / "guide" / "index.html").read_text()
    assert "1.1.2020" in (project / "site" / "guide" / "index.html").read_text()
    assert "Innehållet kan vara föråldrat" in (project / "site" / "sv" / "guide" / "index.html").read_text()


def test_stale_translation_notice_and_make_translations(tmp_path):
    project = sitebuild.make_project(tmp_path, small_docs())
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "both", date="2026-01-05T10:00:00")
    fi = project / "docs" / "fi" / "guide.md"
    fi.write_text(fi.read_text() + "\nUusi kappale.\n")
    git(project, "commit", "-qam", "fi only", date="2026-03-02T10:00:00")
    assert sitebuild.build(project).returncode == 0
    sv = (project / "site" / "sv" / "guide" / "index.html").read_text(encoding="utf-8")
    assert "Översättningen kan vara inaktuell" in sv and "2.3.2026" in sv
    assert 'href="../../guide/" hreflang="fi"' in sv
    assert "Käännös voi olla jäljessä" not in (project / "site" / "guide" / "index.html").read_text()
    report = subprocess.run(
        [sys.executable, str(TRANSLATIONS), "--config", str(project / "mkdocs.yml")], capture_output=True, text=True
    )
    assert report.returncode == 0 and "stale" in report.stdout and "docs/sv/guide.md" in report.stdout
    (project / "docs" / "sv" / "guide.md").unlink()
    report = subprocess.run(
        [sys.executable, str(TRANSLATIONS), "--config", str(project / "mkdocs.yml")], capture_output=True, text=True
    )
    assert report.returncode == 1 and "MISSING" in report.stdout and "docs/sv/guide.md" in report.stdout


# --- reuse: another programme, other areas, a third language ---------------------------


def other_programme(tmp_path: Path) -> Path:
    data_dir = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "schemas", data_dir / "schemas")
    model = yaml.safe_load((ROOT / "data" / "site.yml").read_text(encoding="utf-8"))
    model["areas"] = [
        {
            "number": n,
            "slug": slug,
            "name": names,
            "intention": {k: f"{v}: tahtotila." for k, v in names.items()},
            "unofficial_name": [],
            "unofficial_intention": [],
        }
        for n, slug, names in (
            (1, "digital", {"fi": "Digitalisaatio", "sv": "Digitalisering", "en": "Digitalisation"}),
            (2, "markets", {"fi": "Markkinat", "sv": "Marknader", "en": "Markets"}),
            (3, "people", {"fi": "Ihmiset", "sv": "Människor", "en": "People"}),
        )
    ]
    model["types"] = {
        "report": {"fi": "Selvitys", "sv": "Utredning", "en": "Report"},
        "tool": {"fi": "Työkalu", "sv": "Verktyg", "en": "Tool"},
    }
    for table in ("audiences", "statuses", "relations", "licences", "item_kinds", "language_names", "units"):
        for entry in model[table].values():
            entry["en"] = entry["fi"]
    model["language_names"]["en"] = {"fi": "englanti", "sv": "engelska", "en": "English"}
    for entry in model["language_names"].values():
        entry.setdefault("en", "English")
    model["language_versions"] = {l: {o: f"{o} version" for o in ("fi", "sv", "en")} for l in ("fi", "sv", "en")}
    model["decimal_separator"]["en"] = "."
    english = dict(model["labels"]["fi"])
    english.update(
        type="Type",
        areas="Development areas",
        area="Development area",
        year="Year",
        publisher="Publisher",
        related="Related outputs",
        catalogue_caption="All outputs",
        title="Title",
        details="Details",
        sources="Sources",
        intention="Intention",
        date_format="%Y-%m-%d",
        permalink="Permanent link to this section",
    )
    model["labels"]["en"] = english
    (data_dir / "site.yml").write_text(yaml.safe_dump(model, allow_unicode=True), encoding="utf-8")
    docs = {}
    output = (
        "---\ntitle: {t}\ndescription: A test output of another programme with other areas.\ntype: tool\n"
        "areas: [1, 3]\nyear: 2025\npublisher: {p}\nsources:\n  - title: Source\n    url: https://example.org/t\n"
        "item:\n  url: https://example.org/t\n  kind: item\n"
        "original_languages: [en]\nlicence: cc-by-4.0\nstatus: current\nrelation: programme-output\n"
        + REVIEW.format(due="2099-01-01")
        + "---\n\n## {h} {{ #summary }}\n\nText.\n"
    )
    area = (
        "---\ntitle: {t}\ndescription: An area page of another programme for the reuse test.\narea: 1\n"
        + REVIEW.format(due="2099-01-01")
        + "---\n\n## {h} {{ #outputs }}\n\n<!-- area-outputs -->\n"
    )
    for lang, home, tool, head in (
        ("fi", "Koti", "Testityökalu", "Tiivistelmä"),
        ("sv", "Hem", "Testverktyg", "Sammanfattning"),
        ("en", "Home", "Test tool", "Summary"),
    ):
        docs[f"{lang}/index.md"] = page(home, "<!-- area-cards -->\n")
        docs[f"{lang}/outputs/index.md"] = page(home, "<!-- catalogue -->\n")
        docs[f"{lang}/outputs/test-tool.md"] = output.format(t=tool, p="Publisher", h=head)
        docs[f"{lang}/areas/digital.md"] = area.format(t=model["areas"][0]["name"][lang], h=head)
    project = sitebuild.make_project(tmp_path / "project", docs, data_file=data_dir / "site.yml")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    english_language = (
        "        - locale: en\n          name: English\n          build: true\n          site_name: Another programme\n"
    )
    config = config.replace("  - tags:\n", english_language + "  - tags:\n", 1)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return project


def test_another_programme_with_other_areas_and_english_builds_with_the_same_hooks(tmp_path):
    project = other_programme(tmp_path)
    result = sitebuild.build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    site = project / "site"
    en_catalogue = (site / "en" / "outputs" / "index.html").read_text(encoding="utf-8")
    assert "Test tool" in en_catalogue and ">Tool<" in en_catalogue and "1. Digitalisation" in en_catalogue
    assert elements(site / "en" / "outputs" / "index.html", "html")[0]["lang"] == "en"
    assert "Testverktyg" in (site / "sv" / "areas" / "digital" / "index.html").read_text(encoding="utf-8")
    cards = (site / "en" / "index.html").read_text(encoding="utf-8")
    assert "Digitalisation" in cards and "People" in cards and "Strateginen johtaminen" not in cards
    switcher = {
        a["hreflang"]
        for a in elements(site / "en" / "outputs" / "test-tool" / "index.html", "a", class_="md-select__link")
    }
    assert switcher == {"fi", "sv", "en"}
    assert (site / "en" / "search" / "search_index.json").exists()
    box = (site / "en" / "outputs" / "test-tool" / "index.html").read_text(encoding="utf-8")
    assert "<dt>Publisher</dt>" in box and "Digitalisation" in box


# --- unofficial names and approximate years, wherever they are shown -----------------

MARK = "(inofficiell översättning)"
AREA3 = "Kunskapsbaserad ledning och utvärdering av effekter"
AREA4 = "Fungerande upphandlingar"


def html_of(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def nav_titles(html: str) -> list[str]:
    nav = html[html.find("md-nav--primary") : html.find("md-nav--secondary")]
    return [re.sub(r"\s+", " ", t).strip() for t in re.findall(r'<span class="md-ellipsis">(.*?)</span>', nav, re.S)]


def test_unofficial_area_names_carry_their_marker_in_title_h1_and_navigation(site):
    for rel, title in (
        ("sv/areas/knowledge-management/index.html", f"{AREA3} {MARK}"),
        ("sv/areas/functional-procurement/index.html", f"{AREA4} {MARK}"),
        ("sv/handbook/functional-procurement/index.html", f"{AREA4} {MARK} i praktiken"),
    ):
        html = html_of(site, rel)
        assert f"<title>{title} - " in html, rel
        assert f"<h1>{title}</h1>" in html or f">{title}</h1>" in html, rel
        assert title in nav_titles(html), (rel, nav_titles(html))
    areas = nav_titles(html_of(site, "sv/areas/index.html"))
    assert f"{AREA3} {MARK}" in areas and f"{AREA4} {MARK}" in areas
    assert "Ekonomisk hållbarhet" in areas  # official (vm.fi/sv)
    assert not any(t.startswith("Ekonomisk hållbarhet (") for t in areas)
    assert "(epävirallinen käännös)" not in " ".join(nav_titles(html_of(site, "areas/index.html")))


def test_unofficial_names_are_marked_on_cards_catalogue_box_and_tags(site):
    home = html_of(site, "sv/index.html")
    assert f"{AREA3} {MARK}</a>" in home and f"{AREA4} {MARK}</a>" in home  # card titles
    assert "främja en livskraftig marknad. (inofficiell översättning)" in home  # card intention
    catalogue = html_of(site, "sv/outputs/index.html")
    assert f'<option value="3">3. {AREA3} {MARK}</option>' in catalogue  # filter
    assert f'<option value="4">4. {AREA4} {MARK}</option>' in catalogue
    assert f">3. {AREA3} {MARK}</a>" in catalogue  # row
    box = html_of(site, "sv/outputs/lots-guide/index.html").split('class="output-meta"')[1].split("</section>")[0]
    assert f">{AREA4} {MARK}</a>" in box
    tags = [
        t.strip()
        for t in re.findall(
            r'class="md-tag[^"]*"[^>]*>([^<]+)<', html_of(site, "sv/outputs/open-procurement-data/index.html")
        )
    ]
    assert f"{AREA3} {MARK}" in tags
    assert f"{AREA3} {MARK}" in text_of(site / "sv" / "tags" / "index.html")
    fi_catalogue = html_of(site, "outputs/index.html")
    assert "epävirallinen käännös" not in fi_catalogue and "Tiedolla johtaminen ja vaikuttavuus</a>" in fi_catalogue


def test_the_swedish_sailing_boat_marks_the_unofficial_names():
    svg = (ROOT / "docs" / "assets" / "images" / "sailing-boat-sv.svg").read_text(encoding="utf-8")
    assert f">{AREA3}*</text>" in svg and f">{AREA4}*</text>" in svg
    assert ">* inofficiell översättning</text>" in svg


def test_approximate_years_in_catalogue_filter_box_area_and_related_lists(site):
    catalogue = html_of(site, "sv/outputs/index.html")
    select = catalogue.split('id="filter-year"')[1].split("</select>")[0]
    options = re.findall(r'<option value="(~?\d{4})">([^<]+)</option>', select)
    assert ("~2021", "ca 2021") in options and ("2021", "2021") in options
    assert options.index(("2021", "2021")) < options.index(("~2021", "ca 2021"))  # exact first
    rows = re.findall(
        r'<tr data-type="[^"]*" data-areas="[^"]*" data-year="([^"]*)".*?data-label="År">([^<]*)</td>', catalogue, re.S
    )
    assert ("~2021", "ca 2021") in rows and ("2021", "2021") in rows
    years = [y for y, _ in rows]
    assert years.index("2021") < years.index("~2021") < years.index("2020")  # sorted with its year
    fi_rows = html_of(site, "outputs/index.html")
    assert 'data-year="~2021"' in fi_rows and 'data-label="Vuosi">n. 2021</td>' in fi_rows
    box = html_of(site, "outputs/procurement-pilot/index.html").split('class="output-meta"')[1].split("</section>")[0]
    assert "<dt>Vuosi</dt><dd>n. 2021</dd>" in box
    area = html_of(site, "sv/areas/strategic-management/index.html")
    assert re.search(r">Upphandlingslotsen</a> \(ca 2021\)", area)
    related = [
        page.read_text(encoding="utf-8").split('class="related-outputs"')[1].split("</ul>")[0]
        for page in (site / "sv" / "outputs").glob("*/index.html")
        if 'class="related-outputs"' in page.read_text(encoding="utf-8")
    ]
    assert related and any(re.search(r"\([^()]+, ca \d{4}\)</li>", r) for r in related)
    assert not any(re.search(r", ~\d{4}\)", r) for r in related)


def test_the_metadata_box_starts_with_the_link_to_the_item(site):
    for rel, label, host in (
        ("outputs/public-procurement-handbook/index.html", "Julkaisu", "vm.fi"),
        ("sv/outputs/procurement-pilot/index.html", "Utgivarens sida", "arsberattelse2021.hansel.fi"),
        ("outputs/situation-picture/index.html", "Kuvaus muulla sivustolla", "oikon.fi"),
    ):
        box = html_of(site, rel).split('class="output-meta"')[1].split("</section>")[0]
        first = re.search(r"<dl><dt>([^<]+)</dt><dd><a href=\"(https?://[^\"]+)\">([^<]+)</a></dd>", box)
        assert first and first.group(1) == label and first.group(3) == host, (rel, box[:300])


def test_outputs_sort_approximate_years_after_the_exact_ones():
    from sitelib.catalogue import outputs
    from sitelib.checks import PageInfo

    def info(slug, title, year, approximate=False):
        meta = {"title": title, "year": year, "areas": [1], "type": "report"}
        if approximate:
            meta["year_approximate"] = True
        return PageInfo("fi", f"outputs/{slug}.md", f"docs/fi/outputs/{slug}.md", "output", meta)

    pages = {
        i.path: i
        for i in (
            info("a", "A", 2021, True),
            info("b", "B", 2021),
            info("c", "C", 2022, True),
            info("d", "D", "unknown", True),
            info("e", "E", 2020),
        )
    }
    found = outputs(pages)
    assert [o.slug for o in found] == ["c", "b", "a", "e", "d"]
    assert [o.year_value for o in found] == ["~2022", "2021", "~2021", "2020", "unknown"]
    assert found[-1].year_approximate is False  # an unknown year is not approximate
