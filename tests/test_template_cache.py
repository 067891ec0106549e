"""hooks/template_cache.py: templates come from Jinja's bytecode cache between builds, a
changed template is compiled again, and environments that compile differently never share
an entry."""

from __future__ import annotations

import sys

import jinja2
from conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
import template_cache  # noqa: E402


def environment(folder, cache, **options) -> jinja2.Environment:
    """A fresh environment, as each build makes one, with the hook's cache in `cache`."""
    env = template_cache.on_env(jinja2.Environment(loader=jinja2.FileSystemLoader(folder), **options), None, None)
    env.bytecode_cache.directory = str(cache)
    return env


def test_a_template_is_compiled_once_and_again_when_it_changes(tmp_path):
    templates, cache = tmp_path / "templates", tmp_path / "cache"
    templates.mkdir()
    cache.mkdir()
    (templates / "page.html").write_text("<p>{{ text }}</p>")
    assert environment(templates, cache).get_template("page.html").render(text="a") == "<p>a</p>"
    entries = list(cache.iterdir())
    assert len(entries) == 1 and entries[0].name.startswith("__mkdocs_")

    compiled = []
    env = environment(templates, cache)
    compile_source = env.compile
    env.compile = lambda *args, **kwargs: compiled.append(args) or compile_source(*args, **kwargs)
    assert env.get_template("page.html").render(text="b") == "<p>b</p>"
    assert compiled == []  # the next build reads the cache

    (templates / "page.html").write_text("<div>{{ text }}</div>")
    assert environment(templates, cache).get_template("page.html").render(text="c") == "<div>c</div>"


def test_environments_that_compile_differently_have_different_entries(tmp_path):
    plain = jinja2.Environment()
    assert template_cache.fingerprint(plain) == template_cache.fingerprint(jinja2.Environment())
    others = [
        jinja2.Environment(extensions=["jinja2.ext.loopcontrols"]),
        jinja2.Environment(autoescape=True),
        jinja2.Environment(trim_blocks=True),
        jinja2.Environment(block_start_string="<%", block_end_string="%>"),
    ]
    prints = {template_cache.fingerprint(env) for env in others}
    assert len(prints) == len(others) and template_cache.fingerprint(plain) not in prints


def test_an_environment_with_its_own_cache_keeps_it():
    own = jinja2.FileSystemBytecodeCache()
    env = jinja2.Environment(bytecode_cache=own)
    assert template_cache.on_env(env, None, None).bytecode_cache is own
