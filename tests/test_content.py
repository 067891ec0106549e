"""The programme's content: every required page in both languages, sources on every
output, and no interface text of the other language (or English) on any page."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest
import yaml
from conftest import LANGUAGES, ROOT, html_pages, page_language

MODEL = yaml.safe_load((ROOT / "data" / "site.yml").read_text(encoding="utf-8"))
REQUIRED = [
    "index.md",
    "programme/index.md",
    "strategy/index.md",
    "areas/index.md",
    *[f"areas/{area['slug']}.md" for area in MODEL["areas"]],
    "outputs/index.md",
    "handbook/index.md",
    "handbook/measuring-impact.md",
    "key-figures.md",
    "networks.md",
    "contact.md",
    "glossary.md",
    "about/index.md",
    "about/accessibility.md",
    "about/data-protection.md",
    "contributing/index.md",
    "contributing/front-matter.md",
    "contributing/translations.md",
]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_required_pages_exist(lang):
    assert [area["number"] for area in MODEL["areas"]] == list(range(1, 9))  # the strategy's eight areas
    missing = [p for p in REQUIRED if not (ROOT / "docs" / lang / p).exists()]
    assert missing == []
    chapters = list((ROOT / "docs" / lang / "handbook").glob("*.md"))
    assert len(chapters) >= 10  # introduction, eight areas, impact


@pytest.mark.parametrize("lang", LANGUAGES)
def test_at_least_fifteen_outputs_with_web_sources(lang):
    outputs = [p for p in (ROOT / "docs" / lang / "outputs").glob("*.md") if p.name != "index.md"]
    assert len(outputs) >= 15
    relations = set()
    for path in outputs:
        meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        assert meta["sources"] and all(s["url"].startswith(("https://", "http://")) for s in meta["sources"])
        relations.add(meta["relation"])
    assert relations == {"programme-output", "related-work"}


def ui_strings(lang: str) -> dict[str, str]:
    """Material's interface strings of a language, and our generated labels."""
    partial = Path(material.__file__).parent / "templates" / "partials" / "languages" / f"{lang}.html"
    strings = dict(re.findall(r'"([a-z.]+)": "([^"]+)"', partial.read_text(encoding="utf-8")))
    labels = yaml.safe_load((ROOT / "data" / "site.yml").read_text(encoding="utf-8"))["labels"][lang]
    strings.update({f"label.{k}": v for k, v in labels.items() if "{" not in v and "%" not in v})
    return strings


def foreign_strings(lang: str) -> set[str]:
    mine, theirs = ui_strings(lang), {}
    for other in LANGUAGES:
        if other != lang:
            theirs.update(ui_strings(other))
    return {
        value
        for key, value in theirs.items()
        if len(value) >= 6
        and value != mine.get(key)
        and value not in mine.values()
        and key not in ("language", "direction")
    }


ENGLISH = {
    "Skip to content",
    "Type to start searching",
    "Table of contents",
    "Back to top",
    "Permanent link",
    "Copy to clipboard",
    "No matching documents",
    "Search",
    "logo",
    "Not found",
    "Previous",
    "Next",
    "Made with",
}


def shown_strings(text: str) -> set[str]:
    """Element texts and the attribute values people see or hear."""
    texts = {t.strip() for t in re.findall(r">([^<>]+)<", text)}
    attributes = set(re.findall(r'(?:aria-label|title|placeholder|alt)="([^"]*)"', text))
    return {s for s in texts | attributes if s}


def test_no_page_shows_interface_text_of_the_other_language_or_english(site):
    foreign = {lang: foreign_strings(lang) for lang in LANGUAGES}
    problems = []
    for page in html_pages(site):
        lang = page_language(site, page)
        text = page.read_text(encoding="utf-8")
        text = re.sub(r'<div class="page-content" lang="[a-z]+">.*', "", text, flags=re.S)  # awaiting translation
        text = re.sub(r"<script.*?</script>|<svg.*?</svg>", "", text, flags=re.S)
        shown = shown_strings(text)
        for string in (foreign[lang] | ENGLISH) & shown:
            problems.append(f"{page.relative_to(site)}: {string!r}")
    assert problems == []


def test_unofficial_translations_are_marked():
    """Areas 3 and 4 have no official Swedish name or intention (the sources give one for
    area 6: vm.fi/sv/ekonomisk-hallbarhet); their handbook chapters say so."""
    data = yaml.safe_load((ROOT / "data" / "site.yml").read_text(encoding="utf-8"))
    unofficial = [a for a in data["areas"] if "sv" in a["unofficial_intention"]]
    assert {a["number"] for a in unofficial} == {3, 4}
    assert {a["number"] for a in data["areas"] if "sv" in a["unofficial_name"]} == {3, 4}
    assert data["areas"][5]["name"]["sv"] == "Ekonomisk hållbarhet"
    for area in unofficial:
        page = (ROOT / "docs" / "sv" / "handbook" / f"{area['slug']}.md").read_text(encoding="utf-8")
        assert "inofficiell översättning" in page


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_output_links_to_the_item_and_claims_no_licence_or_audience_section(lang):
    for path in (ROOT / "docs" / lang / "outputs").glob("*.md"):
        if path.name == "index.md":
            continue
        text = path.read_text(encoding="utf-8")
        meta = yaml.safe_load(text.split("---")[1])
        assert meta["item"]["url"].startswith(("https://", "http://")), path
        assert meta["item"]["kind"] in ("item", "publisher-page", "other-page"), path
        assert "{ #audience }" not in text and "{ #use }" not in text, path  # unsourced sections
    for page in (ROOT / "docs" / lang).rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert "saa käyttää vapaasti" not in text and "får använda dem fritt" not in text, page
