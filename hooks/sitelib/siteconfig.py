"""What the checks need from mkdocs.yml, read without a build (for `make check`)."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

import yaml


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml without mkdocs: custom tags (!ENV, !relative, !!python/name)
    become their plain value; the checks need none of them."""


def _plain(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_Loader.add_multi_constructor("!", _plain)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _plain)


def yaml_load(handle):
    return yaml.load(handle, Loader=_Loader)


@dataclass
class SiteConfig:
    config_file: str
    docs_dir: str
    languages: list[str]  # default language first
    default_language: str
    model_path: str


def today() -> dt.date:
    """The build date: SOURCE_DATE_EPOCH when set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def i18n_languages(plugins) -> tuple[list[str], str]:
    """(languages with the default first, default) from the `plugins` list of mkdocs.yml."""
    for entry in plugins or []:
        if isinstance(entry, dict) and "i18n" in entry:
            langs = entry["i18n"]["languages"]
            default = next(l["locale"] for l in langs if l.get("default"))
            return [default] + [l["locale"] for l in langs if l["locale"] != default], default
    raise ValueError("mkdocs.yml has no i18n plugin with languages")


def read(config_file: str) -> SiteConfig:
    with open(config_file, encoding="utf-8") as handle:
        data = yaml_load(handle)
    while "INHERIT" in data:  # mkdocs' own inheritance, one level at a time
        parent = os.path.join(os.path.dirname(config_file), data.pop("INHERIT"))
        with open(parent, encoding="utf-8") as handle:
            base = yaml_load(handle)
        base.update(data)
        data = base
    root = os.path.dirname(os.path.abspath(config_file))
    languages, default = i18n_languages(data.get("plugins"))
    return SiteConfig(
        config_file=config_file,
        docs_dir=os.path.join(root, data.get("docs_dir", "docs")),
        languages=languages,
        default_language=default,
        model_path=os.path.join(root, (data.get("extra") or {}).get("content_model", "data/site.yml")),
    )
