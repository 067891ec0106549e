"""Charts drawn at build time: accessible SVG in the page's language, the same numbers
as the data file in the table, locale formats, and every bad input stops the build."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import sitebuild
import yaml
from conftest import ROOT
from sitelib import charts

DATA = ROOT / "data" / "charts"


def figures(path: Path) -> list[str]:
    return re.findall(r'<figure class="chart".*?</figure>', path.read_text(encoding="utf-8"), re.S)


@pytest.mark.parametrize(
    "lang, page, title, unit",
    [
        ("fi", "key-figures/index.html", "Julkisten hankintojen vuosittaisen arvon arvioita", "47 mrd. €"),
        ("sv", "sv/key-figures/index.html", "Uppskattningar av det årliga värdet av offentlig upphandling", "47 md €"),
    ],
)
def test_svg_with_title_and_desc_in_the_page_language(site, lang, page, title, unit):
    found = figures(site / page)
    assert len(found) == 3
    svg = found[0]
    assert 'role="img"' in svg and "aria-labelledby=" in svg
    assert re.search(rf"<title id=\"[^\"]+\">{re.escape(title)}</title>", svg)
    assert re.search(r"<desc id=\"[^\"]+\">[^<]{40,}</desc>", svg)
    assert unit in found[1]
    assert "<text" in svg or "font-family" in svg  # labels are text, not paths
    assert "var(--chart-1" in svg  # colours follow the theme
    assert not re.search(r'<svg[^>]*\swidth="', svg)  # scales with the page


@pytest.mark.parametrize("lang, decimal_example", [("fi", "79 %"), ("sv", "79 %")])
def test_table_equals_the_data_file(site, lang, decimal_example):
    data = yaml.safe_load((DATA / "strategic-policies-baseline-2018.yml").read_text(encoding="utf-8"))
    page = site / ("key-figures/index.html" if lang == "fi" else "sv/key-figures/index.html")
    figure = figures(page)[2]
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</th><td>(.*?)</td><td>(\d{4})</td>", figure)
    assert [(label, value, int(year)) for label, value, year in rows] == [
        (row["label"][lang], f"{row['value']} %", row["year"]) for row in data["rows"]
    ]
    assert decimal_example in figure
    assert "<details" in figure and "<summary>" in figure
    assert data["rows"][0]["source"]["url"] in figure


def test_locale_number_formats():
    model = yaml.safe_load((ROOT / "data" / "site.yml").read_text(encoding="utf-8"))
    assert charts.number(47, "eur-bn", "fi", model) == "47 mrd. €"
    assert charts.number(47, "eur-bn", "sv", model) == "47 md €"
    assert charts.number(16.5, "percent", "fi", model) == "16,5 %"
    assert charts.number(16.5, "percent", "sv", model) == "16,5 %"


def test_the_handbook_uses_a_chart(site):
    assert figures(site / "handbook" / "strategic-management" / "index.html")
    assert figures(site / "sv" / "handbook" / "strategic-management" / "index.html")


GOOD = {
    "title": {"fi": "Testikaavio", "sv": "Testdiagram"},
    "description": {
        "fi": "Kaavio testiä varten, jossa on kaksi pylvästä.",
        "sv": "Ett diagram för ett test, med två staplar.",
    },
    "columns": {"label": {"fi": "Nimi", "sv": "Namn"}, "value": {"fi": "Arvo", "sv": "Värde", "unit": "percent"}},
    "rows": [
        {
            "label": {"fi": "A", "sv": "A"},
            "value": 10,
            "year": 2020,
            "source": {"title": "Lähde", "url": "https://example.org/a"},
        },
        {
            "label": {"fi": "B", "sv": "B"},
            "value": 20.5,
            "year": 2021,
            "source": {"title": "Lähde", "url": "https://example.org/b"},
        },
    ],
}


def chart_site(tmp_path: Path, block: str, data: dict | None) -> Path:
    data_dir = tmp_path / "data"
    shutil.copytree(ROOT / "data", data_dir, ignore=shutil.ignore_patterns("charts"))
    (data_dir / "charts").mkdir()
    if data is not None:
        (data_dir / "charts" / "test.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    page = (
        "---\ntitle: {t}\ndescription: Testisivu kaaviolle, jolla kokeillaan virheitä.\n---\n\n"
        "Teksti.\n\n```chart\n{b}\n```\n"
    )
    docs = {"fi/index.md": page.format(t="Koti", b=block), "sv/index.md": page.format(t="Hem", b=block)}
    return sitebuild.make_project(tmp_path / "project", docs, data_file=data_dir / "site.yml")


def test_a_good_chart_builds(tmp_path):
    project = chart_site(tmp_path, "data: test.yml\nkind: line", GOOD)
    result = sitebuild.build(project)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "20,5 %" in (project / "site" / "index.html").read_text(encoding="utf-8")


def broken(**changes) -> dict:
    data = yaml.safe_load(yaml.safe_dump(GOOD))
    for key, value in changes.items():
        row, field = key.split("__")
        if value is None:
            del data["rows"][int(row)][field]
        else:
            data["rows"][int(row)][field] = value
    return data


@pytest.mark.parametrize(
    "block, data, message",
    [
        ("data: missing.yml\nkind: bar", GOOD, "the data file data/charts/missing.yml does not exist"),
        ("data: test.yml\nkind: pie", GOOD, "unknown chart kind 'pie'"),
        ("data: test.yml\nkind: bar\ny: amount", GOOD, "the column 'amount' does not exist"),
        (
            "data: test.yml\nkind: bar",
            broken(**{"1__value": "paljon"}),
            "the value 'paljon' of 'value' is not a number",
        ),
        ("data: test.yml\nkind: bar", broken(**{"0__source": None}), "row 1 of data/charts/test.yml has no source"),
        (
            "data: test.yml\nkind: bar",
            broken(**{"0__source": {"title": "Lähde"}}),
            "row 1 of data/charts/test.yml has no source",
        ),
    ],
)
def test_bad_chart_input_stops_the_build_naming_page_block_and_problem(tmp_path, block, data, message):
    result = sitebuild.build(chart_site(tmp_path, block, data))
    assert result.returncode != 0
    assert "docs/fi/index.md: the chart block at line 8:" in result.stderr, result.stderr[-1500:]
    assert message in result.stderr
