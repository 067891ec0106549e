"""The parallel build (`make build`): byte-for-byte the serial build, the CI matrix's
part + merge steps give the same, and a failing language fails it all, first, without
leaving a partial site."""

from __future__ import annotations

import filecmp
import subprocess
import sys
from pathlib import Path

from conftest import ROOT
import sitebuild

BUILD = ROOT / "tools" / "build.py"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(BUILD), *args], cwd=cwd, capture_output=True, text=True,
                          env=sitebuild.ENV)


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
    return json.loads(text[text.index("{"): text.rindex("}") + 1])


def test_each_language_has_its_own_search_index(site):
    import json
    stub_fi = json.loads((site / "search" / "search_index.json").read_text())
    stub_sv = json.loads((site / "sv" / "search" / "search_index.json").read_text())
    assert stub_fi["docs"] == [] and stub_fi["config"]["lazy"] is True    # pages load settings only
    fi = search_data(site / "search" / "search_data.js")
    sv = search_data(site / "sv" / "search" / "search_data.js")
    assert fi["config"]["lang"] == ["fi"] and sv["config"]["lang"] == ["sv"]
    assert fi["docs"] and all(not d["location"].startswith("sv/") for d in fi["docs"])
    assert sv["docs"] and all(d["location"].startswith("sv/") for d in sv["docs"])


def test_matrix_parts_and_merge_give_the_same_site(site, tmp_path):
    for lang in ("fi", "sv"):
        result = run("--part", lang, "--out", str(tmp_path / "parts" / lang))
        assert result.returncode == 0, result.stderr[-2000:]
    merged = run("--merge", str(tmp_path / "parts" / "fi"), str(tmp_path / "parts" / "sv"),
                 "--site", str(tmp_path / "merged"))
    assert merged.returncode == 0, merged.stderr[-2000:]
    assert "merge:" in merged.stdout
    assert differences(site, tmp_path / "merged") == []


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
