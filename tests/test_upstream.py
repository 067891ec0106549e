"""Canaries: every private attribute, string or file of an upstream package the site relies
on (listed in hooks/sitelib/upstream.py), checked against the installed packages. A
Dependabot bump of Material, mkdocs-static-i18n or mike that breaks one fails here first,
with a message naming the package, its installed version and the file to update (the
playbook is in MAINTAINING.md). No build: these read the installed packages only."""

from __future__ import annotations

import hashlib
import inspect
import re
from importlib import metadata
from pathlib import Path

import pytest
from conftest import ROOT
from sitelib import upstream

MATERIAL = Path(upstream.material_dir())
TEMPLATES = MATERIAL / "templates"


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def bundle() -> str:
    found = sorted((TEMPLATES / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert len(found) == 1, upstream.changed(
        "mkdocs-material", "templates/assets/javascripts/bundle.*.min.js", f"{len(found)} bundles found, expected 1"
    )
    return read(found[0])


def worker() -> str:
    found = sorted((TEMPLATES / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    assert len(found) == 1, upstream.changed(
        "mkdocs-material",
        "templates/assets/javascripts/workers/search.*.min.js",
        f"{len(found)} search workers found, expected 1",
    )
    return read(found[0])


# --- Material: copied partials ----------------------------------------------------------


@pytest.mark.parametrize("name", sorted(upstream.PARTIAL_COPIES))
def test_copied_partial_is_unchanged_upstream(name):
    digest = hashlib.sha256((TEMPLATES / "partials" / name).read_bytes()).hexdigest()
    version = upstream.installed_version("mkdocs-material")
    assert digest == upstream.PARTIAL_COPIES[name], (
        f"Material {version} changed partials/{name}; re-apply our change (see overrides/partials/{name} header "
        f"comment) and record its SHA-256 {digest} in hooks/sitelib/upstream.py (PARTIAL_COPIES)."
    )


def test_every_copied_partial_is_recorded_and_marked():
    ours = {p.name for p in (ROOT / "overrides" / "partials").glob("*.html")}
    copies = {name for name in ours if (TEMPLATES / "partials" / name).exists()}
    assert copies == set(upstream.PARTIAL_COPIES), (
        "overrides/partials/ copies Material partials not listed in hooks/sitelib/upstream.py (PARTIAL_COPIES), "
        f"or lists ones it does not copy: {sorted(copies ^ set(upstream.PARTIAL_COPIES))}"
    )
    for name in copies:
        text = read(ROOT / "overrides" / "partials" / name)
        assert "ours:" in text and "Copy of Material for MkDocs" in text, f"overrides/partials/{name}: say what changed"


# --- Material: patches and strings ------------------------------------------------------


@pytest.mark.parametrize("patch", upstream.PATCHES, ids=lambda p: f"{p.target}:{p.old[:40]}")
def test_patched_string_is_where_the_patch_expects_it(patch):
    source = bundle() if patch.target == "bundle" else read(TEMPLATES / patch.source.removeprefix("templates/"))
    found = source.count(patch.old)
    assert found == patch.count, upstream.changed(
        "mkdocs-material",
        patch.source,
        f"{found} occurrence(s) of {patch.old!r}, expected {patch.count}",
        "the patch in hooks/sitelib/upstream.py (PATCHES)",
    )


def test_patches_fail_the_build_with_a_clear_message():
    with pytest.raises(upstream.UpstreamChanged, match=r"mkdocs-material \S+ changed templates/base.html: page x"):
        upstream.apply("<html>nothing to patch</html>", "html", "page x")


def test_config_block_has_the_shape_overrides_main_html_rewrites():
    base = read(TEMPLATES / "base.html")
    for needed in (
        '<script id="__config" type="application/json">',
        '"base": base_url',
        '"search": "assets/javascripts/workers/search.',
        "{% block config %}",
        "{% block htmltitle %}",
        "{% block scripts %}",
        "{% block site_meta %}",
        "{% block outdated %}",
    ):
        assert needed in base, upstream.changed(
            "mkdocs-material", "templates/base.html", f"no {needed!r}", "overrides/main.html"
        )


def test_search_messages_have_the_numbers_the_worker_glue_expects():
    main, search = bundle(), worker()
    checks = {
        "bundle posts SETUP 0 with config, docs, options": (main, r"\{type:0,data:\{config:\w+,docs:\w+,options:"),
        "bundle posts QUERY 2 with the query string": (main, r"\{type:2,data:\w+\}"),
        "bundle waits for READY 1": (main, r"\.type===1\b"),
        "bundle reads RESULT 3": (main, r"\.type===3\b"),
        "worker answers SETUP 0 with READY 1": (search, r"case 0:.{0,80}\{type:1\}"),
        "worker answers QUERY 2 with RESULT 3": (search, r"case 2:.{0,80}\{type:3,data:"),
        "worker loads lunr's languages with importScripts": (search, r"importScripts\(`\$\{\w+\}/min/lunr\.stemmer"),
        "bundle's nav labels with a tabindex (partials/nav-item.html)": (main, r'"label\[tabindex\]"'),
    }
    for what, (text, pattern) in checks.items():
        assert re.search(pattern, text, re.DOTALL), upstream.changed(
            "mkdocs-material",
            "templates/assets/javascripts (bundle and search worker)",
            f"not found: {what}",
            "docs/assets/javascripts/workers/search-worker.js (kindOf)",
        )


def test_search_index_files_are_where_search_index_py_expects_them():
    main = bundle()
    for needed in ('"search/search_index.json"', '"search/search_index.js"', "__index"):
        assert needed in main, upstream.changed(
            "mkdocs-material", "the bundle", f"no {needed}", "hooks/search_index.py"
        )
    search_plugin = read(MATERIAL / "plugins" / "search" / "plugin.py")
    offline_plugin = read(MATERIAL / "plugins" / "offline" / "plugin.py")
    assert '"search_index.json"' in search_plugin or "search_index.json" in search_plugin, upstream.changed(
        "mkdocs-material",
        "plugins/search/plugin.py",
        "the index is no longer search_index.json",
        "hooks/search_index.py",
    )
    assert "search_index.js" in offline_plugin and "__index" in offline_plugin, upstream.changed(
        "mkdocs-material", "plugins/offline/plugin.py", "no search_index.js with var __index", "hooks/search_index.py"
    )


def test_lunr_language_files_for_the_node_unit_test():
    folder = TEMPLATES / "assets" / "javascripts" / "lunr" / "min"
    for name in ("lunr.stemmer.support.min.js", "lunr.fi.min.js", "lunr.sv.min.js"):
        assert (folder / name).is_file(), upstream.changed(
            "mkdocs-material",
            f"templates/assets/javascripts/lunr/min/{name}",
            "missing",
            "tests/js/search-worker.test.js",
        )


def test_plugin_names_the_hooks_look_up():
    names = {e.name for e in metadata.entry_points(group="mkdocs.plugins")}
    for name in ("material/search", "material/offline", "material/tags", "i18n", "awesome-pages"):
        assert name in names, upstream.changed(
            "mkdocs-material" if name.startswith("material") else name,
            "its entry points",
            f"no mkdocs plugin named {name!r}",
            "hooks/offline.py, mkdocs.yml",
        )


# --- mkdocs-static-i18n -----------------------------------------------------------------


@pytest.fixture(scope="module")
def i18n():
    from mkdocs.config import load_config

    return load_config(str(ROOT / "mkdocs.yml")).plugins["i18n"]


def test_i18n_plugin_attributes_the_hooks_read(i18n):
    def check(ok: bool, what: str, where: str):
        assert ok, upstream.changed("mkdocs-static-i18n", "mkdocs_static_i18n/reconfigure.py", what, where)

    check(
        getattr(i18n, "building", None) is False,
        "I18n.building is not False before a build",
        "hooks/sitelib/buildstate.py (is_first_pass)",
    )
    check(
        hasattr(i18n, "current_language") and i18n.current_language is None,
        "I18n.current_language is not None before a build",
        "hooks/sitelib/buildstate.py, hooks/one_language.py",
    )
    check(
        i18n.default_language == "fi", "I18n.default_language is not the default locale", "hooks/sitelib/buildstate.py"
    )
    check(
        list(i18n.all_languages) == ["fi", "sv"],
        "I18n.all_languages is not the list of locales",
        "hooks/sitelib/buildstate.py, hooks/one_language.py",
    )
    check(
        list(i18n.build_languages) == ["fi", "sv"],
        "I18n.build_languages is not the locales built",
        "hooks/sitelib/buildstate.py",
    )
    check(
        all(
            hasattr(lang, "build") and hasattr(lang, "locale") and hasattr(lang, "name")
            for lang in i18n.config.languages
        ),
        "config.languages[] lack build, locale or name",
        "hooks/one_language.py, hooks/sitelib/buildstate.py",
    )


def test_i18n_functions_and_context_the_hooks_use():
    from mkdocs_static_i18n import folder, plugin, reconfigure

    params = list(inspect.signature(folder.create_i18n_file).parameters)
    assert params == ["file", "current_language", "default_language", "all_languages", "config"], upstream.changed(
        "mkdocs-static-i18n",
        "mkdocs_static_i18n/folder.py",
        f"create_i18n_file takes {params}",
        "hooks/translations.py (on_files)",
    )
    assert 'context["i18n_page_locale"]' in inspect.getsource(plugin.I18n.on_page_context), upstream.changed(
        "mkdocs-static-i18n",
        "mkdocs_static_i18n/plugin.py",
        "no i18n_page_locale in the page context",
        "overrides/main.html (config block)",
    )
    assert "config.extra.alternate = " in inspect.getsource(reconfigure.ExtendedPlugin.reconfigure_page_context), (
        upstream.changed(
            "mkdocs-static-i18n",
            "mkdocs_static_i18n/reconfigure.py",
            "it no longer sets config.extra.alternate as an attribute",
            "hooks/sitelib/switcher.py",
        )
    )
    assert "build(config" in inspect.getsource(plugin.I18n.on_post_build), upstream.changed(
        "mkdocs-static-i18n",
        "mkdocs_static_i18n/plugin.py",
        "on_post_build no longer runs the other languages' builds",
        "hooks/README.md (how a build runs) and every hook that checks is_first_pass",
    )


# --- mike -------------------------------------------------------------------------------


def test_mike_sets_the_version_variable_versions_py_reads():
    from mike import commands, mkdocs_utils

    assert mkdocs_utils.docs_version_var == "MIKE_DOCS_VERSION", upstream.changed(
        "mike", "mike/mkdocs_utils.py", f"the version variable is {mkdocs_utils.docs_version_var}", "hooks/versions.py"
    )
    assert commands.versions_file == "versions.json", upstream.changed(
        "mike",
        "mike/commands.py",
        f"the versions file is {commands.versions_file}",
        "hooks/versions.py, tools/deploy.py",
    )


def test_mike_builds_with_mkdocs_not_properdocs():
    """mike >= 2.2 silently builds with `properdocs` (and properdocs.yml) when that package is
    installed, e.g. pulled in by a plugin's dependency (make properdocs, SITE_ENGINE=properdocs,
    has it on purpose, in its own virtual environment: tests/test_engine.py checks that one)."""
    import sitebuild

    if sitebuild.ENGINE != "mkdocs":
        pytest.skip("the ProperDocs run builds with properdocs on purpose")
    assert upstream.installed_version("properdocs") == "not installed", upstream.changed(
        "mike",
        "mike/mkdocs_utils.py",
        "properdocs is installed, so mike would build with it instead of mkdocs",
        "requirements.txt (find what pulls properdocs in: pip show properdocs)",
    )


def test_mike_plugin_options_and_site_url_the_deploy_relies_on():
    from mike import mkdocs_plugin

    options = dict(mkdocs_plugin.MikePlugin.config_scheme)
    for name in ("alias_type", "canonical_version", "version_selector"):
        assert name in options, upstream.changed(
            "mike",
            "mike/mkdocs_plugin.py",
            f"no plugin option {name}",
            "mkdocs.yml (plugins > mike) and tools/deploy.py",
        )
    source = inspect.getsource(mkdocs_plugin.MikePlugin.on_config)
    assert "canonical_version" in source and "site_url" in source, upstream.changed(
        "mike",
        "mike/mkdocs_plugin.py",
        "on_config no longer sets site_url from canonical_version",
        "tools/deploy.py and the canonical links (partials/meta-links.html)",
    )
