"""Bad input: each problem fails `make check` and the build with file, field, value
and what to do; all problems are reported in one run."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import sitebuild
import yaml
from conftest import ROOT
from sitelib import checks
from sitelib import model as model_lib

TODAY = dt.date(2026, 11, 25)
REVIEW = "review:\n  owner: Testi\n  last_reviewed: 2026-01-01\n  next_review: 2099-01-01\n"


def output(title="Testituotos", **fields) -> str:
    meta = {
        "title": title,
        "description": "Testisivu, jolla kokeillaan etusivun tarkistuksia.",
        "type": "report",
        "areas": "[3]",
        "year": "2021",
        "publisher": "Testijulkaisija",
        "sources": "\n  - title: Lähde\n    url: https://example.org/x",
        "item": "\n  url: https://example.org/x\n  kind: item",
        "original_languages": "[fi]",
        "licence": "not-stated",
        "status": "current",
        "relation": "programme-output",
    }
    meta.update({k: v for k, v in fields.items() if v is not None})
    for key in [k for k, v in fields.items() if v is None]:
        meta.pop(key, None)
    lines = [f"{k}: {v}" for k, v in meta.items()]
    return "---\n" + "\n".join(lines) + "\n" + REVIEW + "---\n\n## Tiivistelmä { #summary }\n\nTeksti.\n"


def page(title="Sivu", body="Teksti.\n", extra="") -> str:
    return f"---\ntitle: {title}\ndescription: Tavallinen sivu, jolla ei ole mitään erityistä.\n{extra}---\n\n{body}"


def tree(tmp_path: Path, files: dict[str, str]) -> Path:
    docs = tmp_path / "docs"
    for rel, text in files.items():
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return docs


def minimal(**overrides) -> dict[str, str]:
    files = {
        "fi/index.md": page("Koti"),
        "sv/index.md": page("Hem"),
        "fi/outputs/a.md": output(),
        "sv/outputs/a.md": output("Testresultat"),
    }
    files.update(overrides)
    return {k: v for k, v in files.items() if v is not None}


def scan(tmp_path, files, languages=("fi", "sv")):
    docs = tree(tmp_path, files)
    model = model_lib.load(str(ROOT / "data" / "site.yml"), today=TODAY)
    return checks.scan(str(docs), list(languages), model, today=TODAY, display_root=str(tmp_path))


def messages(result) -> list[str]:
    return [str(p) for p in result.problems]


def test_a_clean_tree_has_no_problems(tmp_path):
    assert messages(scan(tmp_path, minimal())) == []


@pytest.mark.parametrize(
    "fields, expected",
    [
        (
            {"areas": "[9]"},
            ["docs/fi/outputs/a.md:5:", "'areas → item 1'", "9", "Allowed values: 1, 2, 3, 4, 5, 6, 7, 8"],
        ),
        ({"type": "raport"}, ["'type'", "'raport'", "Allowed values: strategy, report"]),
        ({"sources": None}, ["the field 'sources' is missing", "Add it"]),
        ({"sources": "\n  - title: Lähde"}, ["'url' under 'sources → item 1' is missing"]),
        (
            {"sources": "\n  - title: Lähde\n    url: ftp://example.org/x"},
            ["'sources → item 1 → url'", "not a web address", "https://"],
        ),
        ({"sources": "[]"}, ["'sources' needs at least 1 item"]),
        ({"year": "2031"}, ["'year' has the value 2031, which is in the future"]),
        ({"year": "viime vuonna"}, ["'year' has the value 'viime vuonna', which is not a year", "'unknown'"]),
        ({"description": "x" * 161}, ["'description' is 161 characters long; at most 160"]),
        ({"aera": "[3]"}, ["unknown field 'aera'", "Did you mean 'areas'"]),
        ({"status": "valid"}, ["'status'", "'valid'", "current, superseded, archived"]),
    ],
)
def test_bad_front_matter_names_file_field_value_and_what_is_allowed(tmp_path, fields, expected):
    problems = messages(scan(tmp_path, minimal(**{"fi/outputs/a.md": output(**fields)})))
    assert problems, fields
    joined = "\n".join(problems)
    for part in expected:
        assert part in joined, (part, joined)
    assert all(p.startswith("docs/fi/outputs/a.md:") for p in problems)


def test_a_date_that_is_not_a_date(tmp_path):
    bad = output().replace("next_review: 2099-01-01", "next_review: 2099-13-45")
    joined = "\n".join(messages(scan(tmp_path, minimal(**{"fi/outputs/a.md": bad}))))
    assert "'review → next_review' has the value '2099-13-45', which is not a date" in joined
    assert "YYYY-MM-DD" in joined


def test_front_matter_that_is_not_a_mapping(tmp_path):
    bad = "---\n- title\n- description\n---\n\nTeksti.\n"
    joined = "\n".join(messages(scan(tmp_path, minimal(**{"fi/index.md": bad}))))
    assert "docs/fi/index.md:2: the front matter cannot be read" in joined
    assert "not a list of 'key: value' lines" in joined


def test_invalid_yaml_names_file_and_line(tmp_path):
    bad = "---\ntitle: Koti\ndescription: [rikki\n---\n\nTeksti.\n"
    joined = "\n".join(messages(scan(tmp_path, minimal(**{"fi/index.md": bad}))))
    assert "docs/fi/index.md:" in joined and "invalid YAML" in joined


def test_invalid_yaml_in_a_pages_file_names_file_and_line(tmp_path):
    result = scan(tmp_path, minimal(**{"fi/.pages": "nav:\n  - index.md\n  - [broken\n"}))
    joined = "\n".join(messages(result))
    assert "docs/fi/.pages:" in joined and "invalid YAML" in joined


def test_duplicate_slug_within_a_language(tmp_path):
    files = minimal(**{"fi/outputs/reports/a.md": output("Toinen"), "sv/outputs/reports/a.md": output("Annan")})
    joined = "\n".join(messages(scan(tmp_path, files)))
    assert "the slug 'a' is already used by docs/fi/outputs/a.md" in joined


def test_a_page_in_one_language_only_names_its_missing_partner(tmp_path):
    joined = "\n".join(messages(scan(tmp_path, minimal(**{"sv/outputs/a.md": None}))))
    assert "docs/fi/outputs/a.md:1: this page has no 'sv' partner: docs/sv/outputs/a.md is missing." in joined
    assert "translation: pending" in joined


def test_a_pending_translation_is_allowed(tmp_path):
    pending = output(translation="pending")
    assert messages(scan(tmp_path, minimal(**{"sv/outputs/a.md": None, "fi/outputs/a.md": pending}))) == []


def test_different_anchors_in_the_two_languages(tmp_path):
    sv = output("Testresultat").replace("{ #summary }", "{ #sammanfattning }")
    joined = "\n".join(messages(scan(tmp_path, minimal(**{"sv/outputs/a.md": sv}))))
    assert "docs/sv/outputs/a.md:1: the heading anchors differ from docs/fi/outputs/a.md" in joined


def test_a_heading_without_an_explicit_anchor(tmp_path):
    files = minimal(**{"fi/index.md": page("Koti", "## Otsikko\n\nTeksti.\n")})
    joined = "\n".join(messages(scan(tmp_path, files)))
    assert "the heading 'Otsikko' has no explicit anchor" in joined


def test_broken_links_and_anchors(tmp_path):
    files = minimal(**{"fi/index.md": page("Koti", "[a](outputs/a.md#nope) [b](missing.md) [c](#here)\n")})
    joined = "\n".join(messages(scan(tmp_path, files)))
    assert "'outputs/a.md#nope' points to an anchor" in joined
    assert "'missing.md' points to a page that does not exist" in joined
    assert "'#here' points to no heading" in joined


def test_files_embedded_from_another_server_are_refused(tmp_path):
    body = textwrap.dedent("""\
        ![Kaavio](https://example.org/chart.png)

        <iframe src="https://video.example.org/embed/1" title="Video"></iframe>

        ![Logo][logo]

        [logo]: //cdn.example.org/logo.svg

        Tavallinen [linkki](https://example.org/) ei lataa mitään etukäteen.
        Koodina `![x](https://example.org/x.png)` ei lataa mitään.

        ```html
        <script src="https://example.org/x.js"></script>
        ```
        """)
    problems = messages(scan(tmp_path, minimal(**{"fi/index.md": page("Koti", body)})))
    assert len(problems) == 3, problems
    assert problems[0].startswith(
        "docs/fi/index.md:6: the page embeds 'https://example.org/chart.png' from another server"
    )
    assert "Save the file under docs/assets/" in problems[0]
    assert problems[1].startswith("docs/fi/index.md:8: the page embeds 'https://video.example.org/embed/1'")
    assert problems[2].startswith("docs/fi/index.md:12: the page embeds '//cdn.example.org/logo.svg'")


def test_all_problems_are_reported_in_one_run(tmp_path):
    files = minimal(
        **{
            "fi/outputs/a.md": output(areas="[9]", type="raport", aera="1"),
            "sv/outputs/b.md": output("Bara på svenska"),
        }
    )
    problems = messages(scan(tmp_path, files))
    assert len(problems) >= 4


def test_overdue_review_is_listed_but_does_not_fail(tmp_path):
    overdue = output().replace("next_review: 2099-01-01", "next_review: 2026-01-01")
    result = scan(tmp_path, minimal(**{"fi/outputs/a.md": overdue}))
    assert result.problems == []
    assert any("review overdue since 2026-01-01" in str(n) for n in result.notices)


def test_make_check_reports_everything_and_fails(tmp_path):
    files = minimal(**{"fi/outputs/a.md": output(areas="[9]"), "sv/outputs/a.md": output(type="x")})
    docs = tree(tmp_path, files)
    sitebuild.project_config(tmp_path)
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "check.py"), "--config", str(tmp_path / "mkdocs.yml")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "docs/fi/outputs/a.md" in result.stdout and "docs/sv/outputs/a.md" in result.stdout
    assert "FAILED" in result.stdout
    assert docs.exists()


def test_the_build_fails_with_the_same_messages(tmp_path):
    project = sitebuild.make_project(tmp_path, minimal(**{"fi/outputs/a.md": output(areas="[9]")}))
    result = sitebuild.build(project)
    assert result.returncode != 0
    assert "docs/fi/outputs/a.md:5: the field 'areas → item 1' has the value 9" in result.stderr


# --- item, original titles, unofficial names, CMS backend hosts ------------------------


def test_an_output_without_item_says_what_to_add(tmp_path):
    problems = messages(scan(tmp_path, minimal(**{"fi/outputs/a.md": output(item=None)})))
    assert len(problems) == 1, problems
    assert problems[0].startswith("docs/fi/outputs/a.md:1: the field 'item' is missing")
    assert "'url: https://...'" in problems[0] and "publisher-page" in problems[0]


@pytest.mark.parametrize(
    "item, expected",
    [
        ("\n  url: ftp://example.org/x\n  kind: item", ["'item → url'", "'ftp://example.org/x'", "not a web address"]),
        ("\n  url: javascript:alert(1)\n  kind: item", ["'item → url'", "not a web address"]),
        (
            "\n  url: https://example.org/x\n  kind: website",
            ["'item → kind'", "'website'", "item, publisher-page, other-page"],
        ),
        ("\n  kind: item", ["'url' under 'item' is missing"]),
    ],
)
def test_a_bad_item_names_the_field_and_what_is_allowed(tmp_path, item, expected):
    joined = "\n".join(messages(scan(tmp_path, minimal(**{"fi/outputs/a.md": output(item=item)}))))
    for part in expected:
        assert part in joined, (part, joined)
    assert "docs/fi/outputs/a.md:" in joined


def sv_output(title, **fields):
    return output(title, **fields)


@pytest.mark.parametrize(
    "sv_fields, expected",
    [
        (
            {"title": "Testituotos"},
            [
                "docs/sv/outputs/a.md:2: the title 'Testituotos' is the title of the finska original, shown without the "
                "marker '(på finska)'",
                'title: "Testituotos (på finska)"',
                'original_title: "Testituotos"',
            ],
        ),
        (
            {"title": "Alkuperäinen", "original_title": "Alkuperäinen"},
            ["the title 'Alkuperäinen' is the title of the finska original"],
        ),
        ({"title": '"Testituotos (på finska)"'}, ["says the original is in finska, but 'original_title' is missing"]),
        (
            {"title": '"Testituotos, en rapport"', "original_title": "Testituotos"},
            ["starts with the finska original title but lacks the marker '(på finska)'"],
        ),
    ],
)
def test_a_title_of_a_finnish_only_original_needs_its_marker(tmp_path, sv_fields, expected):
    title = sv_fields.pop("title")
    files = minimal(**{"sv/outputs/a.md": sv_output(title, **sv_fields)})
    joined = "\n".join(messages(scan(tmp_path, files)))
    for part in expected:
        assert part in joined, (part, joined)


@pytest.mark.parametrize(
    "title, original",
    [
        ('"Testituotos (på finska)"', "Testituotos"),  # the original's title with the marker
        ("Testresultat", None),  # a title in Swedish (given by a source)
    ],
)
def test_a_marked_or_swedish_title_passes(tmp_path, title, original):
    files = minimal(**{"sv/outputs/a.md": sv_output(title, original_title=original)})
    assert messages(scan(tmp_path, files)) == []


def test_a_finnish_page_of_a_swedish_only_original_needs_ruotsiksi(tmp_path):
    files = minimal(
        **{
            "fi/outputs/a.md": output("Rapport", original_languages="[sv]"),
            "sv/outputs/a.md": output("Rapport", original_languages="[sv]"),
        }
    )
    joined = "\n".join(messages(scan(tmp_path, files)))
    assert "docs/fi/outputs/a.md:2: the title 'Rapport' is the title of the ruotsi original" in joined
    assert "(ruotsiksi)" in joined
    assert "docs/sv/outputs/a.md" not in joined


SV_BODY_OK = textwrap.dedent("""\
    Området [Fungerande upphandlingar](outputs/a.md) (inofficiell översättning) och
    **Kunskapsbaserad ledning och utvärdering av effekter** (inofficiell översättning).

    Finansministeriet skriver: ”Kunskapsbaserad ledning och utvärdering av effekter stöder ledningen.”

    > Vi gör fungerande upphandlingar av hög kvalitet. (inofficiell översättning)

    Koden `Fungerande upphandlingar` och <!-- fungerande upphandlingar --> räknas inte.

    ```text
    Fungerande upphandlingar
    ```
    """)


def test_unofficial_area_names_with_their_marker_pass(tmp_path):
    files = minimal(**{"sv/index.md": page("Hem", SV_BODY_OK)})
    assert messages(scan(tmp_path, files)) == []


def test_an_unofficial_area_name_without_its_marker_is_refused(tmp_path):
    body = (
        "Text.\n\nI centrum står fungerande upphandlingar och innovationer.\n\n"
        "Se [Kunskapsbaserad ledning och utvärdering av effekter](outputs/a.md).\n"
    )
    files = minimal(**{"sv/index.md": page("Hem", body, extra="")})
    problems = messages(scan(tmp_path, files))
    assert len(problems) == 2, problems
    assert problems[0].startswith(
        "docs/sv/index.md:8: the area name 'fungerande upphandlingar' in the text is our own translation"
    )
    assert "Write 'fungerande upphandlingar (inofficiell översättning)'" in problems[0]
    assert problems[1].startswith(
        "docs/sv/index.md:10: the area name 'Kunskapsbaserad ledning och utvärdering av effekter'"
    )


def test_an_unofficial_area_name_in_the_description_is_refused_but_not_in_finnish(tmp_path):
    sv = "---\ntitle: Hem\ndescription: Om området Fungerande upphandlingar och dess resultat.\n---\n\nText.\n"
    fi = page("Koti", "Toimivat hankinnat ja Fungerande upphandlingar ruotsiksi ilman merkintää.\n")
    problems = messages(scan(tmp_path, minimal(**{"sv/index.md": sv, "fi/index.md": fi})))
    assert len(problems) == 1, problems
    assert problems[0].startswith("docs/sv/index.md:3: the area name 'Fungerande upphandlingar' in the description")


def figure(*texts: str) -> str:
    lines = "".join(f'  <text x="1" y="{n}">{t}</text>\n' for n, t in enumerate(texts, 1))
    return f'<svg xmlns="http://www.w3.org/2000/svg">\n  <title>Båten</title>\n{lines}</svg>\n'


@pytest.mark.parametrize(
    "svg, expected",
    [
        (figure("Fungerande upphandlingar*", "* inofficiell översättning"), []),
        (figure("Fungerande upphandlingar (inofficiell översättning)"), []),
        (
            figure("Innovationer", "Fungerande upphandlingar"),
            [
                "docs/assets/images/boat-sv.svg:4: the figure shows the area name 'Fungerande upphandlingar' "
                "without its marker"
            ],
        ),
        (
            figure("Fungerande upphandlingar*"),
            ["docs/assets/images/boat-sv.svg:1: the figure marks an area name with '*'"],
        ),
    ],
)
def test_figures_mark_unofficial_area_names(tmp_path, svg, expected):
    files = minimal(**{"assets/images/boat-sv.svg": svg, "assets/images/boat-fi.svg": figure("Toimivat hankinnat")})
    problems = messages(scan(tmp_path, files))
    assert len(problems) == len(expected), problems
    for problem, start in zip(problems, expected):
        assert problem.startswith(start), problem


def model_with_public_address(tmp_path, backend_url: str, public_url: str):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "schemas", data / "schemas")
    site = yaml.safe_load((ROOT / "data" / "site.yml").read_text(encoding="utf-8"))
    site["cms_backends"]["hankintakeino-content.druid.fi"]["public_addresses"] = {backend_url: public_url}
    (data / "site.yml").write_text(yaml.safe_dump(site, allow_unicode=True), encoding="utf-8")
    return model_lib.load(str(data / "site.yml"), today=TODAY)


def test_addresses_on_a_cms_backend_host_are_listed_and_refused_where_the_public_one_is_known(tmp_path):
    backend = "https://hankintakeino-content.druid.fi/fi/uutinen"
    other = "https://hankintakeino-content.druid.fi/fi/toinen"
    files = minimal(
        **{
            "fi/outputs/a.md": output(sources=f"\n  - title: KEINO\n    url: {backend}"),
            "fi/index.md": page("Koti", f"Katso [KEINO]({other}) ja [KEINO]({other}).\n"),
        }
    )
    result = scan(tmp_path, files)
    assert result.problems == []
    notices = [str(n) for n in result.notices]
    assert len(notices) == 2, notices  # one per page and address
    assert any(
        n.startswith(
            "docs/fi/outputs/a.md:8: the sources address 'https://hankintakeino-content.druid.fi/"
            "fi/uutinen' is on hankintakeino-content.druid.fi"
        )
        for n in notices
    ), notices
    assert any(n.startswith("docs/fi/index.md:6: the link address") for n in notices), notices
    assert all("www.hankintakeino.fi" in n for n in notices)

    docs = tree(tmp_path / "second", files)
    model = model_with_public_address(tmp_path, backend, "https://www.hankintakeino.fi/fi/uutinen")
    second = checks.scan(str(docs), ["fi", "sv"], model, today=TODAY, display_root=str(tmp_path / "second"))
    problems = [str(p) for p in second.problems]
    assert len(problems) == 1, problems
    assert problems[0].startswith("docs/fi/outputs/a.md:8: the sources address")
    assert "public at 'https://www.hankintakeino.fi/fi/uutinen'" in problems[0]
    assert "Use the public address" in problems[0]
