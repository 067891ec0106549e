"""Contributor tooling (issue 18): edit and source links, errors on the diff (workflow
commands and the job summary), the pull-request preview, the `make new-output` scaffold
and its placeholders, the issue forms, the pull-request template and pre-commit."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import sitebuild
import yaml
from conftest import ROOT, elements, html_pages, page_language
from sitebuild import git
from sitelib import annotations, checks, repository, siteconfig
from sitelib import model as model_lib

TOOLS = ROOT / "tools"
BIN = Path(sys.executable).parent
LABELS = yaml.safe_load((ROOT / "data" / "site.yml").read_text(encoding="utf-8"))["labels"]
REVIEW = "review:\n  owner: Testi\n  last_reviewed: 2026-01-01\n  next_review: {due}\n"
CI_VARIABLES = re.compile(r"^(GITHUB_|RUNNER_|REPO_URL$|REPO_BRANCH$|PR_NUMBER$|ARTIFACT_URL$|OFFLINE$)")


def environment(**extra: str) -> dict:
    """The environment of a tool run: no CI variables unless given."""
    env = {k: v for k, v in sitebuild.ENV.items() if not CI_VARIABLES.match(k)}
    env.update(extra)
    return env


def github(tmp_path: Path, root: Path, **extra: str) -> tuple[dict, Path]:
    """A GitHub-Actions-like environment with its job summary file."""
    summary = tmp_path / "step-summary.md"
    return environment(
        GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary), GITHUB_WORKSPACE=str(root), **extra
    ), summary


def tool(name: str, *args: str, env: dict, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(TOOLS / name), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=240
    )


def mkdocs_yml() -> dict:
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as handle:
        return siteconfig.yaml_load(handle)


def configured_repository() -> repository.Repository:
    config = mkdocs_yml()
    return repository.resolve(os.environ, config["repo_url"], config["edit_uri"])


def page(title: str, body: str, extra: str = "") -> str:
    return (
        f"---\ntitle: {title}\ndescription: Testisivu, jolla kokeillaan osallistujan työkaluja.\n{extra}---\n\n{body}"
    )


def small_docs(**overrides) -> dict[str, str]:
    """The small fixture site as {path: text}, with changes (None deletes)."""
    base = ROOT / "tests" / "fixtures" / "small" / "docs"
    docs = {p.relative_to(base).as_posix(): p.read_text(encoding="utf-8") for p in base.rglob("*.md")}
    docs.update(overrides)
    return {k: v for k, v in docs.items() if v is not None}


def commands(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("::")]


# --- edit and source links ----------------------------------------------------


def test_repository_comes_from_ci_then_repo_url_then_mkdocs_yml():
    default = ("https://github.com/o/default", "edit/main/docs/")
    ci = {"GITHUB_SERVER_URL": "https://ghe.example", "GITHUB_REPOSITORY": "org/site", "REPO_URL": "https://x/y"}
    assert repository.resolve(ci, *default).url == "https://ghe.example/org/site"
    assert repository.resolve({"REPO_URL": "https://git.example/a/b/"}, *default).url == "https://git.example/a/b"
    assert repository.resolve({}, *default) == repository.Repository("https://github.com/o/default", "main", "docs")
    assert repository.resolve({"GITHUB_REPOSITORY": "only/half"}, *default).url == "https://github.com/o/default"
    assert repository.resolve({}, "https://h/o/r", "edit/develop/site/docs/").edit_uri == "edit/develop/site/docs/"
    assert repository.resolve({"REPO_BRANCH": "trunk"}, *default).branch == "trunk"
    assert repository.resolve({"GITHUB_DEFAULT_BRANCH": "dev", "REPO_BRANCH": "trunk"}, *default).branch == "dev"
    assert repository.resolve({}, "", None) is None
    repo = repository.Repository("https://github.com/o/editorial", "main", "docs")
    assert repo.edit_url("sv/outputs/credit.md") == "https://github.com/o/editorial/edit/main/docs/sv/outputs/credit.md"
    assert repo.raw_url("sv/outputs/credit.md") == "https://github.com/o/editorial/raw/main/docs/sv/outputs/credit.md"
    # Material's own rule would break such a URL: the hook must put the raw URL in its place
    assert repository.material_view_url(repo.edit_url("sv/x.md")) != repo.raw_url("sv/x.md")


def test_every_page_links_to_its_own_file_of_its_own_language(site):
    repo = configured_repository()
    checked = 0
    for path in html_pages(site):
        if path.name == "404.html":
            continue
        lang = page_language(site, path)
        edit = elements(path, "a", rel="edit")
        assert len(edit) == 1, f"{path.relative_to(site)}: no edit button"
        href = edit[0]["href"]
        prefix = f"{repo.url}/edit/{repo.branch}/docs/{lang}/"
        assert href.startswith(prefix), (path.relative_to(site), href)
        source = ROOT / "docs" / lang / href[len(prefix) :]
        assert source.is_file(), (path.relative_to(site), href)
        view = [a for a in elements(path, "a", class_="md-content__button md-icon") if a["rel"] != "edit"]
        assert [a["href"] for a in view] == [repo.raw_url(f"{lang}/{href[len(prefix) :]}")]
        assert edit[0]["title"] and view[0]["title"]
        checked += 1
    assert checked > 90  # every page of both languages


def test_header_repository_link_is_localised_and_asks_no_api(site):
    repo = configured_repository()
    for path, lang in (
        (site / "index.html", "fi"),
        (site / "sv" / "index.html", "sv"),
        (site / "404.html", "fi"),
        (site / "sv" / "404.html", "sv"),
    ):
        text = path.read_text(encoding="utf-8")
        links = elements(text, "a", class_="md-source")
        assert len(links) == 2, path  # header and the drawer
        assert {a["href"] for a in links} == {repo.url}
        assert {a["title"] for a in links} == {LABELS[lang]["repo_link_title"]}
        # no data-md-component="source": Material would fetch stars and forks from the host's API
        assert 'data-md-component="source"' not in text
        names = re.findall(r'<div class="md-source__repository">\s*(.*?)\s*</div>', text, re.S)
        assert names == [LABELS[lang]["repo_name"]] * 2
        icons = re.findall(r'<div class="md-source__icon md-icon">(.*?)</div>', text, re.S)
        assert icons and all("<title" not in icon and "aria-label" not in icon for icon in icons)


@pytest.mark.timeout(180)
def test_pending_page_links_to_the_source_file_and_says_so_and_env_sets_the_repository(tmp_path):
    docs = small_docs(
        **{
            "sv/credit-guide.md": None,
            "fi/credit-guide.md": page(
                "Luotto-opas",
                "## Osa { #part }\n\nSuomenkielinen teksti.\n",
                "translation: pending\n" + REVIEW.format(due="2099-01-01"),
            ),
        }
    )
    project = sitebuild.make_project(tmp_path / "project", docs)
    env = environment(
        GITHUB_SERVER_URL="https://ghe.example",
        GITHUB_REPOSITORY="org/editorial-site",
        REPO_URL="https://ignored.example/x",
        GITHUB_DEFAULT_BRANCH="trunk",
    )
    result = sitebuild.build(project, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    base = "https://ghe.example/org/editorial-site"
    sv = project / "site" / "sv" / "credit-guide" / "index.html"
    edit = elements(sv, "a", rel="edit")[0]["href"]
    assert edit == f"{base}/edit/trunk/docs/fi/credit-guide.md"  # the source language's file
    view = [a["href"] for a in elements(sv, "a", class_="md-content__button md-icon") if a["rel"] != "edit"]
    assert view == [f"{base}/raw/trunk/docs/fi/credit-guide.md"]  # not ".../raworial-site/..."
    note = re.search(r'<p class="edit-source-note">(.*?)</p>', sv.read_text(encoding="utf-8"), re.S)
    assert note, "the pending page says that the links open the other language's file"
    expected = LABELS["sv"]["edit_source_language"].split("{file}")
    assert note.group(1) == expected[0] + "<code>docs/fi/credit-guide.md</code>" + expected[1]
    assert sv.read_text(encoding="utf-8").index("</h1>") < sv.read_text(encoding="utf-8").index("edit-source-note")
    fi = project / "site" / "credit-guide" / "index.html"
    assert elements(fi, "a", rel="edit")[0]["href"] == f"{base}/edit/trunk/docs/fi/credit-guide.md"
    assert "edit-source-note" not in fi.read_text(encoding="utf-8")  # in its own language: no note
    own = project / "site" / "sv" / "outputs" / "invoice-guide" / "index.html"
    assert elements(own, "a", rel="edit")[0]["href"] == f"{base}/edit/trunk/docs/sv/outputs/invoice-guide.md"
    assert {a["href"] for a in elements(own, "a", class_="md-source")} == {base}


def test_changed_material_markup_stops_with_a_message():
    with pytest.raises(repository.MarkupChanged, match="partials/source.html"):
        repository.localise_source_link("<a href='x' class='md-source'>", "Otsikko")
    with pytest.raises(repository.MarkupChanged, match="partials/actions.html"):
        repository.fix_view_link("<p>no buttons</p>", "https://h/o/r/edit/main/docs/fi/x.md", "raw")


# --- workflow commands and the job summary --------------------------------------


def test_workflow_command_data_and_properties_are_escaped():
    assert annotations.escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert annotations.escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    finding = annotations.Finding("error", "docs/fi/a,b:c.md", 7, "make check: title", "bad: 50%,\nnew line", "Fix it.")
    assert annotations.command(finding) == (
        "::error file=docs/fi/a%2Cb%3Ac.md,line=7,title=make check%3A title::bad: 50%25,%0Anew line Fix it."
    )
    assert annotations.command(annotations.Finding("warning", None, None, "", "x")) == "::warning ::x"
    assert annotations.md("a|b <script>*x*") == "a\\|b &lt;script&gt;\\*x\\*"


def broken_project(tmp_path: Path, assets: bool = True) -> Path:
    """The small site with a Swedish output whose type is wrong (line 4) and an overdue review."""
    docs = small_docs()
    docs["sv/outputs/invoice-guide.md"] = docs["sv/outputs/invoice-guide.md"].replace(
        "type: handbook", "type: raport", 1
    )
    docs["fi/index.md"] = docs["fi/index.md"].replace("---\n\n", REVIEW.format(due="2020-01-01") + "---\n\n", 1)
    return sitebuild.make_project(tmp_path / "project", docs, with_assets=assets)


def test_make_check_annotates_the_line_and_writes_a_job_summary(tmp_path):
    project = broken_project(tmp_path, assets=False)
    assert "type: raport" in (project / "docs/sv/outputs/invoice-guide.md").read_text().splitlines()[3]
    env, summary = github(tmp_path, project)
    result = tool("check.py", "--config", str(project / "mkdocs.yml"), env=env)
    assert result.returncode == 1
    found = commands(result.stdout)
    assert found[0].startswith("::error file=docs/sv/outputs/invoice-guide.md,line=4,title=make check%3A type::")
    assert "'raport'" in found[0] and "Allowed values: strategy, report" in found[0]
    assert any(
        c.startswith("::warning file=docs/fi/index.md,line=4,title=make check%3A review overdue::") for c in found
    )
    text = summary.read_text(encoding="utf-8")
    assert "### make check" in text and "FAILED" in text
    assert "| ❌ | <code>docs/sv/outputs/invoice-guide.md</code> | 4 |" in text
    assert "Allowed values: strategy, report" in text and "⚠️" in text
    # the human-readable lines are still there
    assert "ERROR   docs/sv/outputs/invoice-guide.md:4: the field 'type'" in result.stdout


def test_outside_ci_the_output_is_unchanged(tmp_path):
    project = broken_project(tmp_path)
    summary = tmp_path / "summary.md"
    for env in (environment(), environment(GITHUB_ACTIONS="false", GITHUB_STEP_SUMMARY=str(summary))):
        checked = tool("check.py", "--config", str(project / "mkdocs.yml"), env=env)
        lines = checked.stdout.splitlines()
        assert all(line.startswith(("ERROR   ", "NOTICE  ", "FAILED: ")) for line in lines), lines
        assert lines[-1].startswith("FAILED: ") and "1 problem(s), 1 overdue review(s)." in lines[-1]
        assert lines[0] == (
            "ERROR   docs/sv/outputs/invoice-guide.md:4: the field 'type' has the value 'raport', "
            "which is not allowed. Allowed values: strategy, report, handbook, tool, data-service, "
            "model (listed in data/site.yml)."
        )
        assert not checked.stderr
        translated = tool("translations.py", "--config", str(project / "mkdocs.yml"), env=env)
        assert translated.returncode == 0 and not commands(translated.stdout + translated.stderr)
    built = tool("build.py", "--config", str(project / "mkdocs.yml"), "--site", str(tmp_path / "site"), env=env)
    assert built.returncode == 1 and not commands(built.stdout + built.stderr)
    assert "BUILD FAILED" in built.stderr and "docs/sv/outputs/invoice-guide.md:4:" in built.stderr
    assert not summary.exists()


@pytest.mark.timeout(180)
def test_the_build_annotates_content_chart_and_link_problems(tmp_path):
    project = broken_project(tmp_path)
    env, summary = github(tmp_path, project)
    result = tool("build.py", "--config", str(project / "mkdocs.yml"), "--site", str(tmp_path / "site"), env=env)
    assert result.returncode == 1
    found = commands(result.stdout + result.stderr)
    wrong_type = [c for c in found if c.startswith("::error file=docs/sv/outputs/invoice-guide.md,line=4,")]
    assert len(wrong_type) == 1, found  # once, though both languages' builds report it
    assert "| <code>docs/sv/outputs/invoice-guide.md</code> | 4 |" in summary.read_text(encoding="utf-8")

    # a chart block naming a missing data file (line 27) and, in another build, a broken link (line 26)
    fi = project / "docs" / "fi" / "outputs" / "invoice-guide.md"
    sv = project / "docs" / "sv" / "outputs" / "invoice-guide.md"
    sv.write_text(sv.read_text().replace("type: raport", "type: handbook"), encoding="utf-8")
    original = fi.read_text(encoding="utf-8").rstrip("\n") + "\n"
    line = original.count("\n") + 2
    fi.write_text(original + "\n```chart\ndata: missing.yml\nkind: bar\n```\n", encoding="utf-8")
    env, summary = github(tmp_path / "chart", project)
    (tmp_path / "chart").mkdir()
    result = tool(
        "build.py", "--serial", "--config", str(project / "mkdocs.yml"), "--site", str(tmp_path / "site"), env=env
    )
    assert result.returncode == 1
    assert any(
        c.startswith(f"::error file=docs/fi/outputs/invoice-guide.md,line={line},title=Build::the chart block")
        for c in commands(result.stdout)
    ), result.stdout[-3000:]
    fi.write_text(original + "\nKatso [opas](missing-page.md).\n", encoding="utf-8")
    env, summary = github(tmp_path / "link", project)
    (tmp_path / "link").mkdir()
    result = tool("build.py", "--config", str(project / "mkdocs.yml"), "--site", str(tmp_path / "site"), env=env)
    assert result.returncode == 1
    link = [c for c in commands(result.stdout) if "missing-page.md" in c]
    assert link and link[0].startswith(f"::error file=docs/fi/outputs/invoice-guide.md,line={line},"), link
    assert "missing-page.md" in summary.read_text(encoding="utf-8")


def test_make_translations_annotates_missing_and_stale_translations(tmp_path):
    docs = small_docs(
        **{
            "fi/guide.md": page("Opas", "## Osa { #part }\n\nTeksti.\n"),
            "sv/guide.md": page("Guide", "## Del { #part }\n\nText.\n"),
            "fi/extra.md": page("Lisä", "Vain suomeksi.\n"),
        }
    )
    project = sitebuild.make_project(tmp_path / "project", docs, with_assets=False)
    git(project, "init", "-q")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "both", date="2026-01-05T10:00:00")
    fi = project / "docs" / "fi" / "guide.md"
    fi.write_text(fi.read_text() + "\nLisää tekstiä.\n", encoding="utf-8")
    git(project, "commit", "-qam", "fi only", date="2026-02-10T10:00:00")
    env, summary = github(tmp_path, project)
    result = tool("translations.py", "--config", str(project / "mkdocs.yml"), env=env)
    assert result.returncode == 1
    found = commands(result.stdout)
    assert any(
        c.startswith(
            "::error file=docs/fi/extra.md,line=1,title=make translations%3A missing translation::"
            "docs/sv/extra.md is missing"
        )
        for c in found
    ), found
    assert any(
        c.startswith("::warning file=docs/sv/guide.md,line=1,title=make translations%3A possibly stale") for c in found
    ), found
    text = summary.read_text(encoding="utf-8")
    assert "### make translations" in text and "<code>docs/sv/guide.md</code>" in text
    assert "Add the translation as docs/sv/extra.md" in text


def test_lint_output_passes_through_and_is_annotated_in_ci(tmp_path):
    lines = "docs/fi/a.md:5:1: MD022: Headings should be surrounded by blank lines. [x] (blanks-around-headings)\n"
    for env, annotated in ((environment(), False), (github(tmp_path, tmp_path)[0], True)):
        result = subprocess.run(
            [sys.executable, str(TOOLS / "annotate.py"), "--title", "Markdown lint"],
            input=lines,
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            timeout=60,
        )
        assert result.returncode == 0 and result.stdout.startswith(lines)
        found = commands(result.stdout)
        assert found == (
            [
                "::warning file=docs/fi/a.md,line=5,title=Markdown lint::MD022: Headings should be "
                "surrounded by blank lines. [x] (blanks-around-headings) See the rule's documentation "
                "(its name is in the message)."
            ]
            if annotated
            else []
        )
    assert "| ⚠️ | <code>docs/fi/a.md</code> | 5 |" in (tmp_path / "step-summary.md").read_text(encoding="utf-8")


# --- the scaffold -----------------------------------------------------------------

PLACEHOLDER_LINE = re.compile(r'^(\s*(?:- )?[\w]+: |\s*- |)\[?"TODO: [^"]*"\]?$|^TODO: ')


def scaffold_project(tmp_path: Path, assets: bool = False) -> Path:
    return sitebuild.make_project(tmp_path / "project", small_docs(), with_assets=assets)


def new_output(project: Path, *args: str) -> subprocess.CompletedProcess:
    return tool("new_output.py", "--config", str(project / "mkdocs.yml"), *args, env=environment())


FILLED = {
    "title": {"fi": "Testiopas", "sv": "Testguide"},
    "description": {
        "fi": "Testiopas, jolla kokeillaan uuden tuotoksen pohjaa alusta loppuun.",
        "sv": "En testguide som prövar mallen för ett nytt resultat från början till slut.",
    },
    "year": "2024",
    "publisher": {"fi": "Valtiovarainministeriö", "sv": "Finansministeriet"},
    "title ": {"fi": "Lähde", "sv": "Källa"},
    "url": "https://example.org/test-guide",
    "kind": "item",
    "original_languages": "[fi]",
    "licence": "not-stated",
    "status": "current",
    "relation": "programme-output",
}


def fill(text: str, lang: str) -> str:
    """Replace every placeholder of a scaffolded file with a valid value."""
    out = []
    for line in text.splitlines():
        match = re.match(r'^(\s*)(- )?(\w+): (\[?)"TODO: [^"]*"(\]?)$', line)
        if match:
            indent, dash, key, _, _ = match.groups()
            value = FILLED[f"{key} " if dash else key]
            value = value[lang] if isinstance(value, dict) else value
            line = f"{indent}{dash or ''}{key}: {value}"
        elif line.startswith("TODO: "):
            line = "Tekstiä lähteineen." if lang == "fi" else "Text med källor."
        out.append(line)
    return "\n".join(out) + "\n"


@pytest.mark.timeout(240)
def test_scaffold_round_trip(tmp_path):
    project = scaffold_project(tmp_path, assets=True)
    result = new_output(project, "test-guide", "--type", "handbook", "--areas", "3,5")
    assert result.returncode == 0, result.stderr
    files = {lang: project / "docs" / lang / "outputs" / "test-guide.md" for lang in ("fi", "sv")}
    texts = {lang: path.read_text(encoding="utf-8") for lang, path in files.items()}
    schema = json.loads((ROOT / "data" / "schemas" / "output.schema.json").read_text(encoding="utf-8"))
    for lang, text in texts.items():
        front = text.split("\n---\n", 1)[0]
        for field in schema["properties"]:  # every field, commented or not
            if field == "translation" and lang == "sv":
                continue
            assert re.search(rf"^(# )?{field}:", front, re.M), (lang, field)
        assert "type: handbook" in front and "areas: [3, 5]" in front
        for key in ("strategy", "data-service", "not-stated", "programme-output", "suppliers"):
            assert re.search(rf"^#\s+{key} = ", front, re.M), (lang, key)  # allowed values in comments
    assert "# original_title:" in texts["fi"] and "# year_approximate: true" in texts["fi"]
    assert "Kunskapsbaserad ledning och utvärdering av effekter (inofficiell översättning)" in texts["sv"]
    assert 'title: "TODO: väntar på översättning – ' in texts["sv"]  # the Swedish file awaits translation
    assert "translation: pending" not in re.sub(r"(?m)^#.*$", "", texts["sv"])

    # make check names every placeholder (file, line, field) and nothing else
    check = tool("check.py", "--config", str(project / "mkdocs.yml"), env=environment())
    assert check.returncode == 1
    errors = [line for line in check.stdout.splitlines() if line.startswith("ERROR")]
    expected = []
    for lang, text in texts.items():
        for number, line in enumerate(text.splitlines(), start=1):
            if '"TODO: ' in line or line.startswith("TODO: "):
                expected.append(f"docs/{lang}/outputs/test-guide.md:{number}:")
    assert len(errors) == len(expected) > 20
    assert [e.split()[1] for e in errors] == expected, errors
    assert all("placeholder 'TODO: " in e for e in errors)
    assert any("the field 'sources → item 1 → url' still holds the placeholder" in e for e in errors)
    assert any("the field 'item → kind'" in e for e in errors)
    assert any("the text still holds the placeholder" in e for e in errors)
    built = sitebuild.build(project, tmp_path / "failed-site")
    assert built.returncode != 0 and "still holds the placeholder" in built.stderr

    # fill every placeholder: the check and the build pass, the output is in the catalogue
    for lang, path in files.items():
        path.write_text(fill(texts[lang], lang), encoding="utf-8")
    check = tool("check.py", "--config", str(project / "mkdocs.yml"), env=environment())
    assert check.returncode == 0, check.stdout
    built = sitebuild.build(project, tmp_path / "site")
    assert built.returncode == 0, built.stderr[-3000:]
    for lang, prefix, title in (("fi", "", "Testiopas"), ("sv", "sv/", "Testguide")):
        catalogue = (tmp_path / "site" / prefix / "outputs" / "index.html").read_text(encoding="utf-8")
        assert "test-guide/" in catalogue and title in catalogue, lang
        assert (tmp_path / "site" / prefix / "outputs" / "test-guide" / "index.html").is_file()


REFUSALS = [
    (["Bad_Slug"], "is not a valid slug"),
    (["double--hyphen"], "is not a valid slug"),
    (["--slug=-leading"], "is not a valid slug"),
    (["hankintaopas-ä"], "is not a valid slug"),
    ([""], "Give the new output's file name"),
    (["invoice-guide"], "docs/fi/outputs/invoice-guide.md, docs/sv/outputs/invoice-guide.md already exists"),
    (["only-sv"], "docs/sv/outputs/only-sv.md already exists"),
    (["fine-slug", "--type", "raport"], "TYPE='raport' is not a content type. Use one of: strategy, report"),
    (["fine-slug", "--areas", "9"], "AREAS='9' is not a list of development area numbers"),
    (["fine-slug", "--areas", "1,x"], "AREAS='1,x'"),
    (["fine-slug", "--areas", "2,2"], "AREAS='2,2'"),
]


def test_scaffold_refuses_bad_input_and_says_what_to_do(tmp_path, capsys):
    import new_output

    project = scaffold_project(tmp_path)
    (project / "docs" / "sv" / "outputs" / "only-sv.md").write_text("x", encoding="utf-8")
    before = sorted(p.relative_to(project) for p in (project / "docs").rglob("*.md"))
    for args, message in REFUSALS:
        assert new_output.main(["--config", str(project / "mkdocs.yml"), *args]) == 2, args
        err = capsys.readouterr().err
        assert err.startswith("new-output: ") and message in err, (args, err)
    assert sorted(p.relative_to(project) for p in (project / "docs").rglob("*.md")) == before


def test_make_new_output_passes_slug_type_and_areas():
    result = subprocess.run(
        ["make", "-n", "new-output", "SLUG=x-y", "TYPE=report", "AREAS=1,3"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=environment(),
    )
    assert result.returncode == 0, result.stderr
    assert 'tools/new_output.py --slug="x-y" --type="report" --areas="1,3"' in result.stdout


def test_placeholder_check_ignores_code_and_comments(tmp_path):
    docs = small_docs(
        **{
            "fi/guide.md": page(
                "Opas", "Kirjoita `TODO: x` näin.\n\n```text\nTODO: koodissa\n```\n", "# TODO: kommentissa\n"
            ),
            "sv/guide.md": page("Guide", "- TODO: fyll i\n"),
        }
    )
    project = sitebuild.make_project(tmp_path / "project", docs, with_assets=False)
    result = tool("check.py", "--config", str(project / "mkdocs.yml"), env=environment())
    errors = [line for line in result.stdout.splitlines() if line.startswith("ERROR")]
    assert errors == [
        "ERROR   docs/sv/guide.md:6: the text still holds the placeholder '- TODO: fyll i'. "
        "Write the text in its place."
    ]


# --- the pull-request preview -------------------------------------------------------


@pytest.mark.timeout(240)
def test_preview_is_the_offline_build_with_a_start_page_of_the_changed_pages(tmp_path):
    project = sitebuild.make_project(
        tmp_path / "project",
        small_docs(**{"fi/guide.md": page("Opas", "Teksti.\n"), "sv/guide.md": page("Guide", "Text.\n")}),
    )
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "base")
    git(project, "update-ref", "refs/remotes/origin/main", "HEAD")
    git(project, "checkout", "-qb", "change")
    sv = project / "docs" / "sv" / "outputs" / "invoice-guide.md"
    sv.write_text(sv.read_text(encoding="utf-8").replace("Guide för", "Ny guide för", 1), encoding="utf-8")
    (project / "docs" / "fi" / "guide.md").unlink()
    (project / "docs" / "sv" / "guide.md").unlink()
    (project / "docs" / "fi" / "new-page.md").write_text(
        page("Uusi <sivu>", "Teksti.\n", "translation: pending\n"), encoding="utf-8"
    )
    git(project, "add", "-A")
    git(project, "commit", "-qm", "change")
    out = tmp_path / "preview"
    env = environment(GITHUB_BASE_REF="main", PR_NUMBER="42")
    result = tool("preview.py", "--config", str(project / "mkdocs.yml"), "--out", str(out), env=env, cwd=project)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    start = (out / "index.html").read_text(encoding="utf-8")
    assert "muutosehdotus #42" in start and "ändringsförslag #42" in start
    links = [a["href"] for a in elements(start, "a")]
    assert all(not re.match(r"^[a-z]+:", href) for href in links)  # relative, file:// works
    assert all((out / href).is_file() for href in links), links
    for href in (
        "site/outputs/invoice-guide.html",
        "site/sv/outputs/invoice-guide.html",
        "site/new-page.html",
        "site/sv/new-page.html",
        "site/index.html",
        "site/sv/index.html",
    ):
        assert href in links, href
    assert "Uusi &lt;sivu&gt;" in start and "<sivu>" not in start  # titles are escaped
    assert "docs/fi/guide.md" in start and "poistettu" in start and "raderad" in start
    # the offline build: .html links, the search index as a script, no server needed
    home = (out / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="outputs/index.html"' in home
    assert (out / "site" / "search" / "search_index.js").is_file()
    assert (out / "site" / "sv" / "search" / "search_index.js").is_file()

    # the job summary: from make check (problems + changed pages) and the preview step (the link)
    env, summary = github(
        tmp_path,
        project,
        GITHUB_BASE_REF="main",
        PR_NUMBER="42",
        GITHUB_SERVER_URL="https://github.com",
        GITHUB_REPOSITORY="o/r",
        GITHUB_RUN_ID="9",
    )
    check = tool("check.py", "--config", str(project / "mkdocs.yml"), env=env, cwd=project)
    assert check.returncode == 0, check.stdout
    text = summary.read_text(encoding="utf-8")
    assert "### Pages this pull request changes" in text
    assert "[site-preview-pr-42](https://github.com/o/r/actions/runs/9)" in text
    assert (
        "| <code>docs/sv/outputs/invoice-guide.md</code> | fi: <code>site/outputs/invoice-guide.html</code> · "
        "sv: <code>site/sv/outputs/invoice-guide.html</code> |"
    ) in text
    assert "| <code>docs/fi/guide.md</code> | deleted |" in text
    summary.unlink()
    env["ARTIFACT_URL"] = "https://github.com/o/r/actions/runs/9/artifacts/77"
    result = tool("preview.py", "--config", str(project / "mkdocs.yml"), "--summary", env=env, cwd=project)
    assert result.returncode == 0, result.stderr
    assert "[site-preview-pr-42](https://github.com/o/r/actions/runs/9/artifacts/77)" in summary.read_text()


def test_ci_runs_the_checks_and_uploads_the_offline_preview_named_after_the_pull_request():
    workflow = yaml.load((ROOT / ".github" / "workflows" / "ci.yml").read_text(), Loader=yaml.BaseLoader)
    steps = workflow["jobs"]["test"]["steps"]
    runs = [step.get("run", "") for step in steps]
    order = [
        runs.index("make check"),
        runs.index("make translations"),
        runs.index(".ci/run"),
        runs.index(".venv/bin/python tools/preview.py --out preview"),
    ]
    assert order == sorted(order)
    upload = next(step for step in steps if "upload-artifact" in step.get("uses", ""))
    assert upload["with"]["path"] == "preview/"
    assert "format('pr-{0}', github.event.pull_request.number)" in upload["with"]["name"]
    assert upload["with"]["name"].startswith("site-preview-")
    summary = next(step for step in steps if "--summary" in step.get("run", ""))
    assert summary["env"]["ARTIFACT_URL"] == "${{ steps.upload.outputs.artifact-url }}"
    assert workflow["permissions"] == {"contents": "read"} and "permissions" not in workflow["jobs"]["test"]


# --- issue forms, pull-request template, pre-commit ---------------------------------

FORMS = sorted((ROOT / ".github" / "ISSUE_TEMPLATE").glob("[0-9]*.yml"))


def check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_issue_forms_match_githubs_schema(tmp_path):
    assert [f.stem.split("-", 1)[1] for f in FORMS] == [
        "content-correction",
        "new-output",
        "translation",
        "accessibility",
    ]
    result = check_jsonschema("vendor.github-issue-forms", *FORMS)
    assert result.returncode == 0, result.stdout + result.stderr
    result = check_jsonschema("vendor.github-issue-config", ROOT / ".github" / "ISSUE_TEMPLATE" / "config.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    broken = tmp_path / "broken.yml"  # the check does fail on a broken form
    broken.write_text("name: x\ndescription: y\nbody:\n  - type: input\n    attributes: {}\n", encoding="utf-8")
    assert check_jsonschema("vendor.github-issue-forms", broken).returncode != 0


def test_issue_forms_are_bilingual_and_follow_the_content_model():
    data = yaml.safe_load((ROOT / "data" / "site.yml").read_text(encoding="utf-8"))
    for form in FORMS:
        spec = yaml.safe_load(form.read_text(encoding="utf-8"))
        assert " / " in spec["name"] and " / " in spec["description"], form.name
        for item in spec["body"]:
            if item["type"] != "markdown":
                assert " / " in item["attributes"]["label"], (form.name, item["id"])
    new = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "2-new-output.yml").read_text(encoding="utf-8"))
    fields = {item.get("id"): item for item in new["body"]}
    types = [f"{names['fi']} / {names['sv']}" for names in data["types"].values()]
    assert fields["type"]["attributes"]["options"][: len(types)] == types
    areas = [f"{a['number']} {a['name']['fi']} / {a['name']['sv']}" for a in data["areas"]]
    assert [o["label"] for o in fields["areas"]["attributes"]["options"]] == areas
    config = yaml.safe_load((ROOT / ".github" / "ISSUE_TEMPLATE" / "config.yml").read_text(encoding="utf-8"))
    repo = mkdocs_yml()["repo_url"]
    assert config["contact_links"][0]["url"].startswith(repo + "/")


def test_pull_request_template_has_the_contributor_checklist():
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    items = re.findall(r"^- \[ \] (.+)$", text, re.M)
    assert len(items) >= 6 and all(" / " in item for item in items)
    for needle in (
        "`translation: pending`",
        "`TODO:`",
        "{ #anchor }",
        "`make check`",
        "site-preview-pr-",
        "review.next_review",
    ):
        assert any(needle in item for item in items), needle


@pytest.mark.timeout(180)
def test_pre_commit_runs_the_content_checks(tmp_path):
    config = ROOT / ".pre-commit-config.yaml"
    result = subprocess.run(
        [str(BIN / "pre-commit"), "validate-config", str(config)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    hooks = yaml.safe_load(config.read_text())["repos"][0]["hooks"]
    assert all(hook["language"] == "system" for hook in hooks)  # nothing to download at commit time
    # a checkout: the tools and the venv of this one, a docs tree with a broken page
    repo = broken_project(tmp_path, assets=False)
    for name in ("tools", "hooks", ".pymarkdown.yml", ".pre-commit-config.yaml"):
        (repo / name).symlink_to(ROOT / name)
    (repo / ".venv").symlink_to(Path(sys.executable).parent.parent)
    git(repo, "init", "-q")
    git(repo, "add", "docs", "mkdocs.yml", ".pre-commit-config.yaml")
    env = environment(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"))
    run = [str(BIN / "pre-commit"), "run", "--all-files"]
    result = subprocess.run(run, cwd=repo, capture_output=True, text=True, env=env, timeout=150)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "docs/sv/outputs/invoice-guide.md:4: the field 'type' has the value 'raport'" in result.stdout
    sv = repo / "docs" / "sv" / "outputs" / "invoice-guide.md"
    sv.write_text(sv.read_text().replace("type: raport", "type: handbook"), encoding="utf-8")
    git(repo, "add", "docs")
    result = subprocess.run(
        [*run[:2], "content-check", "--all-files"], cwd=repo, capture_output=True, text=True, env=env, timeout=150
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "content checks" in result.stdout and "Passed" in result.stdout


# --- the contributor pages ------------------------------------------------------------


def test_contributor_pages_document_the_tools_in_both_languages():
    for lang in ("fi", "sv"):
        text = (ROOT / "docs" / lang / "contributing" / "index.md").read_text(encoding="utf-8")
        for anchor in ("scaffold", "edit-links", "errors-on-the-diff", "pr-preview", "issue-forms", "pre-commit"):
            assert f"{{ #{anchor} }}" in text, (lang, anchor)
        for needle in (
            "make new-output SLUG=",
            "`TODO:`",
            "site-preview-pr-",
            ".venv/bin/pre-commit install",
            "REPO_URL",
            "translation: pending",
        ):
            assert needle in text, (lang, needle)
    scan = checks.scan(str(ROOT / "docs"), ["fi", "sv"], model_lib.load(str(ROOT / "data" / "site.yml")))
    assert [str(p) for p in scan.problems if "contributing" in p.file] == []
