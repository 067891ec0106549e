"""The content model: data/site.yml and the JSON Schemas in data/schemas/.

The schemas name their enumerations with `x-enum-from` (a path into the data
file) and the year's upper bound with `x-maximum: current_year`; `load_schemas`
fills both in, so the allowed values live only in data/site.yml.
"""

from __future__ import annotations

import copy
import datetime as dt
import fnmatch
import json
import os
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource


@dataclass
class Model:
    path: str
    data: dict
    schema_dir: str
    validators: dict[str, Draft202012Validator] = field(default_factory=dict)

    # --- look-ups used by hooks and templates -------------------------------
    @property
    def areas(self) -> list[dict]:
        return self.data["areas"]

    def area(self, number: int) -> dict | None:
        return next((a for a in self.areas if a["number"] == number), None)

    def label(self, lang: str, key: str, **values: Any) -> str:
        text = self.data["labels"][lang][key]
        return text.format(**values) if values else text

    def name(self, table: str, key: Any, lang: str) -> str:
        """Translated name of a value: name('types', 'report', 'sv') -> 'Utredning'.
        An area's name carries the unofficial marker where it is our own translation."""
        if table == "areas":
            return self.area_name(key, lang)
        entry = self.data[table].get(key)
        return entry[lang] if entry else str(key)

    def area_name(self, number: int, lang: str, marked: bool = True) -> str:
        """The area's name in `lang`; with `marked`, followed by the unofficial marker
        ("(inofficiell översättning)") when the name is our own translation."""
        area = self.area(number)
        if area is None:
            return str(number)
        name = area["name"][lang]
        if marked and self.is_unofficial(number, lang, "name"):
            name = f"{name} {self.label(lang, 'unofficial_marker')}"
        return name

    def is_unofficial(self, number: int, lang: str, what: str = "name") -> bool:
        """Whether the area's name (what='name') or intention statement
        (what='intention') in `lang` is our own translation."""
        area = self.area(number) or {}
        return lang in (area.get(f"unofficial_{what}") or [])

    def unofficial_names(self, lang: str) -> list[tuple[int, str]]:
        """(number, name) of the areas whose name in `lang` is our own translation."""
        return [
            (a["number"], a["name"][lang])
            for a in self.areas
            if self.is_unofficial(a["number"], lang, "name") and lang in a["name"]
        ]

    def mark_unofficial(self, text: str, lang: str) -> str:
        """`text` with the unofficial marker after every unofficial area name of `lang`
        that lacks it ("Fungerande upphandlingar i praktiken" -> "Fungerande
        upphandlingar (inofficiell översättning) i praktiken")."""
        names = self.unofficial_names(lang)
        if not names or not text:
            return text
        marker = self.label(lang, "unofficial_marker")
        for _, name in names:
            pattern = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)(?!\s*{re.escape(marker)})", re.I)
            text = pattern.sub(lambda m: f"{m.group(0)} {marker}", text)
        return text

    def original_language_marker(self, page_lang: str, original_lang: str) -> str | None:
        """'(på finska)' on a Swedish page for a Finnish original; None if the data has none."""
        return (self.data.get("original_language_markers") or {}).get(page_lang, {}).get(original_lang)

    def cms_backend(self, host: str) -> dict | None:
        """The cms_backends entry of a host (a CMS backend rather than the public site)."""
        return (self.data.get("cms_backends") or {}).get(host.lower())

    def year_text(self, year: Any, approximate: bool, lang: str) -> str:
        """'2021', 'n. 2021' / 'ca 2021', or the 'unknown' label."""
        if not isinstance(year, int) or isinstance(year, bool):
            return self.label(lang, "year_unknown")
        return self.label(lang, "year_approximate", year=year) if approximate else str(year)

    def kind_of(self, rel_path: str) -> str:
        """Kind of a page from its path inside a language folder (first match wins)."""
        rel_path = rel_path.replace(os.sep, "/")
        for kind, spec in self.data["kinds"].items():
            if _matches(rel_path, spec.get("include", [])) and not _matches(rel_path, spec.get("exclude", [])):
                return kind
        return "page"


def _matches(path: str, patterns: list[str]) -> bool:
    for pattern in patterns:
        if fnmatch.fnmatchcase(path, pattern):
            return True
        # "dir/**/*.md" also matches "dir/x.md"
        if "/**/" in pattern and fnmatch.fnmatchcase(path, pattern.replace("/**/", "/")):
            return True
    return False


def resolve(data: dict, path: str) -> list:
    """Values named by an `x-enum-from` path: 'types' (mapping keys) or 'areas[].number'."""
    if "[]." in path:
        head, tail = path.split("[].", 1)
        return [item[tail] for item in data[head]]
    value = data[path]
    return list(value.keys()) if isinstance(value, dict) else list(value)


def _fill(node: Any, data: dict, today: dt.date) -> Any:
    if isinstance(node, dict):
        node = {k: _fill(v, data, today) for k, v in node.items()}
        source = node.pop("x-enum-from", None)
        if source:
            node["enum"] = resolve(data, source)
        if node.pop("x-maximum", None) == "current_year":
            node["maximum"] = today.year
        return node
    if isinstance(node, list):
        return [_fill(v, data, today) for v in node]
    return node


def load(path: str, today: dt.date | None = None) -> Model:
    """Load the data file and build one validator per page kind."""
    today = today or dt.date.today()
    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    schema_dir = os.path.join(os.path.dirname(path), "schemas")
    schemas = {}
    for name in sorted(os.listdir(schema_dir)):
        if name.endswith(".schema.json"):
            with open(os.path.join(schema_dir, name), encoding="utf-8") as handle:
                schemas[name] = _fill(json.load(handle), data, today)
    registry = Registry().with_resources((name, Resource.from_contents(schema)) for name, schema in schemas.items())
    model = Model(path=path, data=data, schema_dir=schema_dir)
    for kind, spec in data["kinds"].items():
        schema = _inline(copy.deepcopy(schemas[spec["schema"]]), schemas)
        model.validators[kind] = Draft202012Validator(schema, registry=registry, format_checker=FormatChecker())
    return model


def _inline(node: Any, schemas: dict) -> Any:
    """Replace "$ref": "other.schema.json#/$defs/x" by the definition itself: validating
    a thousand pages spends most of its time resolving references otherwise."""
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and "#/" in ref and not ref.startswith("#"):
            name, pointer = ref.split("#/", 1)
            target: Any = schemas[name]
            for part in pointer.split("/"):
                target = target[part]
            rest = {k: v for k, v in node.items() if k != "$ref"}
            return {**_inline(copy.deepcopy(target), schemas), **_inline(rest, schemas)}
        return {k: _inline(v, schemas) for k, v in node.items()}
    if isinstance(node, list):
        return [_inline(v, schemas) for v in node]
    return node
