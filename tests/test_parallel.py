"""The parallel build (`make build`): byte-for-byte the serial build, the CI matrix's
part + merge steps give the same, and a failing language fails it all, first, without
leaving a partial site."""

from __future__ import annotations

import filecmp
import subprocess
import sys
from pathlib import Path

import sitebuild
from conftest import ROOT

BUILD = ROOT / "tools" / "build.py"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(BUILD), *args], cwd=cwd, capture_output=True, text=True, env=sitebuild.ENV
    )


def differences(a: Path, b: Path) -> list[str]:
    found = []
    compared = filecmp.dircmp(a, b)
    found += [f"only in {a.name}: {n}" for n in compared.left_only]
    found += [f"only in {b.name}: {n}" for n in compared.right_only]
    found += [n for n in compared.common_files if not filecmp.cmp(a / n, b / n, shallow=False)]
    for sub in compared.common_dirs:
        found += [f"{sub}/{d}" for d in differences(a / sub, b / sub)]
    return found


def test_parallel_build_equals_the_serial_build(site, tmp_path):
    result = run("--serial", "--site", str(tmp_path / "serial"))
    assert result.returncode == 0, result.stderr[-2000:]
    assert differences(site, tmp_path / "serial") == []


def search_data(path: Path) -> dict:
    """The documents of a language's index (search_data.js, loaded on the first query)."""
    import json

    text = path.read_text(encoding="utf-8")
    return json.loads(text[text.index("{") : text.rindex("}") + 1])


def test_each_language_has_its_own_search_index(site):
    import json

    stub_fi = json.loads((site / "search" / "search_index.json").read_text())
    stub_sv = json.loads((site / "sv" / "search" / "search_index.json").read_text())
    for stub in (stub_fi, stub_sv):
        assert stub["docs"] == [] and stub["config"]["lazy"] is True  # pages load settings only
    fi = search_data(site / "search" / "search_data.js")
    sv = search_data(site / "sv" / "search" / "search_data.js")
    assert fi["config"]["lang"] == ["fi"] and sv["config"]["lang"] == ["sv"]
    assert fi["docs"] and all(not d["location"].startswith("sv/") for d in fi["docs"])
    assert sv["docs"] and all(d["location"].startswith("sv/") for d in sv["docs"])


def test_matrix_parts_and_merge_give_the_same_site(tmp_path):
    """The CI matrix's steps (one job per language, then a merge job that copies) against
    `make build` (which merges by renaming), on the small fixture site."""
    project = sitebuild.make_project(tmp_path / "project", ROOT / "tests" / "fixtures" / "small" / "docs")
    config = str(project / "mkdocs.yml")
    for lang in ("fi", "sv"):
        result = run("--config", config, "--part", lang, "--out", str(tmp_path / "parts" / lang))
        assert result.returncode == 0, result.stderr[-2000:]
    merged = run(
        "--merge", str(tmp_path / "parts" / "fi"), str(tmp_path / "parts" / "sv"), "--site", str(tmp_path / "merged")
    )
    assert merged.returncode == 0, merged.stderr[-2000:]
    assert "merge:" in merged.stdout
    assert run("--config", config, "--site", str(tmp_path / "parallel")).returncode == 0
    assert (tmp_path / "merged" / "sv" / "index.html").is_file()
    assert differences(tmp_path / "parallel", tmp_path / "merged") == []


def test_a_failing_language_fails_the_build_and_keeps_the_old_site(tmp_path):
    fixture = ROOT / "tests" / "fixtures" / "small" / "docs"
    project = sitebuild.make_project(tmp_path / "project", fixture)
    site = tmp_path / "site"
    assert run("--config", str(project / "mkdocs.yml"), "--site", str(site)).returncode == 0
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    broken = project / "docs" / "sv" / "outputs" / "invoice-guide.md"
    broken.write_text(broken.read_text() + "\n[trasig](finns-inte.md)\n")
    result = run("--config", str(project / "mkdocs.yml"), "--site", str(site))
    assert result.returncode == 1
    assert result.stderr.startswith("BUILD FAILED: --- the 'sv' build failed ---")
    assert "finns-inte.md" in result.stderr
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before
    assert not any(p.name.endswith(".building") for p in tmp_path.iterdir())


def test_merge_refuses_parts_that_disagree_on_shared_files(tmp_path):
    for lang in ("fi", "sv"):
        part = tmp_path / lang
        (part / "assets").mkdir(parents=True)
        (part / "assets" / "x.css").write_text(lang)
        (part / lang).mkdir()
    (tmp_path / "sv" / "sv" / "index.html").write_text("sv")
    result = run("--merge", str(tmp_path / "fi"), str(tmp_path / "sv"), "--site", str(tmp_path / "site"))
    assert result.returncode == 1
    assert "disagree on shared files" in result.stderr and "x.css" in result.stderr
    assert not (tmp_path / "site").exists()


def test_each_part_renders_only_its_own_language(tmp_path):
    fixture = ROOT / "tests" / "fixtures" / "small" / "docs"
    project = sitebuild.make_project(tmp_path / "project", fixture)
    for lang in ("fi", "sv"):
        result = run("--config", str(project / "mkdocs.yml"), "--part", lang, "--out", str(tmp_path / lang))
        assert result.returncode == 0, result.stderr[-2000:]
    # no pass is spent on the other language: no page of it is written
    assert not (tmp_path / "fi" / "sv").exists()
    assert not (tmp_path / "sv" / "index.html").exists() and not (tmp_path / "sv" / "outputs").exists()
    assert (tmp_path / "sv" / "sv" / "outputs" / "invoice-guide" / "index.html").is_file()
    # the files every part writes are the same (the merge compares them)
    for shared in ("sitemap.xml", "robots.txt"):
        assert (tmp_path / "fi" / shared).read_bytes() == (tmp_path / "sv" / shared).read_bytes()


def test_an_unknown_language_is_refused(tmp_path):
    fixture = ROOT / "tests" / "fixtures" / "small" / "docs"
    project = sitebuild.make_project(tmp_path / "project", fixture)
    result = run("--config", str(project / "mkdocs.yml"), "--part", "en", "--out", str(tmp_path / "en"))
    assert result.returncode != 0
    assert "SITE_ONLY_LANGUAGE=en: not a language of this site (fi, sv)" in result.stdout + result.stderr


def test_each_language_build_checks_its_own_front_matter(tmp_path):
    """A one-language build reads the other language only for pairs, pending pages and
    anchors; the other language's build reports that language's front matter."""
    fixture = ROOT / "tests" / "fixtures" / "small" / "docs"
    project = sitebuild.make_project(tmp_path / "project", fixture)
    broken = project / "docs" / "sv" / "outputs" / "invoice-guide.md"
    broken.write_text(broken.read_text().replace("year: ", "year: nittonhundra # ", 1))
    fi = run("--config", str(project / "mkdocs.yml"), "--part", "fi", "--out", str(tmp_path / "fi"))
    assert fi.returncode == 0, fi.stderr[-2000:]
    sv = run("--config", str(project / "mkdocs.yml"), "--part", "sv", "--out", str(tmp_path / "sv"))
    assert sv.returncode != 0 and "docs/sv/outputs/invoice-guide.md" in sv.stdout + sv.stderr
    both = run("--config", str(project / "mkdocs.yml"), "--site", str(tmp_path / "site"))
    assert both.returncode == 1 and "docs/sv/outputs/invoice-guide.md" in both.stderr
    assert not (tmp_path / "site").exists()


def test_parallel_equals_serial_with_a_page_awaiting_translation(tmp_path):
    fixture = ROOT / "tests" / "fixtures" / "small" / "docs"
    project = sitebuild.make_project(tmp_path / "project", fixture)
    pending = project / "docs" / "fi" / "outputs" / "invoice-guide.md"
    pending.write_text(pending.read_text().replace("---\n", "---\ntranslation: pending\n", 1))
    (project / "docs" / "sv" / "outputs" / "invoice-guide.md").unlink()
    config = str(project / "mkdocs.yml")
    assert run("--config", config, "--site", str(tmp_path / "parallel")).returncode == 0
    assert run("--config", config, "--serial", "--site", str(tmp_path / "serial")).returncode == 0
    assert differences(tmp_path / "parallel", tmp_path / "serial") == []
    borrowed = (tmp_path / "parallel" / "sv" / "outputs" / "invoice-guide" / "index.html").read_text()
    assert "Inte översatt ännu" in borrowed and 'class="output-meta"' in borrowed
    # an output awaiting translation is still in the other language's catalogue
    assert "Hankintojen laskutusopas" in (tmp_path / "parallel" / "sv" / "outputs" / "index.html").read_text()


def test_without_the_one_language_hook_each_part_builds_everything(tmp_path):
    """A site whose mkdocs.yml predates hooks/one_language.py still builds in parallel,
    only without the saving: SITE_ONLY_LANGUAGE is then ignored by the checks too."""
    fixture = ROOT / "tests" / "fixtures" / "small" / "docs"
    project = sitebuild.make_project(tmp_path / "project", fixture)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "hooks/one_language.py" in text
    config.write_text(
        "\n".join(l for l in text.splitlines() if "hooks/one_language.py" not in l) + "\n", encoding="utf-8"
    )
    part = run("--config", str(config), "--part", "sv", "--out", str(tmp_path / "sv"))
    assert part.returncode == 0, part.stderr[-2000:]
    assert (tmp_path / "sv" / "index.html").is_file()  # the Finnish pages were built too
    assert run("--config", str(config), "--site", str(tmp_path / "parallel")).returncode == 0
    assert run("--config", str(config), "--serial", "--site", str(tmp_path / "serial")).returncode == 0
    assert differences(tmp_path / "parallel", tmp_path / "serial") == []
