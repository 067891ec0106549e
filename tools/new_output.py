"""A new output page in every language: `make new-output SLUG=<slug> [TYPE=report AREAS=1,3]`.

Writes docs/<lang>/outputs/<slug>.md for every language with every front-matter field of
data/schemas/output.schema.json: the required ones with a value or a `TODO:` placeholder,
the optional ones as commented lines, each with a comment listing its allowed values
(names from data/site.yml, in the file's language). `make check` and the build name
every placeholder left (file, line, field) and fail until all are filled.

The default language's file is the source; the other languages' files are written too,
marked as awaiting translation: their text fields and text are placeholders of their own
("TODO: väntar på översättning - ..."), so the pair is complete and nothing can ship
half-translated. A page whose translation will come later can instead exist in one
language only: delete the other file and add `translation: pending` to the source (the
site then shows the source page in the other language with a notice).

Refuses a slug that is not a valid slug or that already exists in either language, and a
TYPE or AREAS value that data/site.yml does not have, saying what to do.

    python tools/new_output.py <slug> [--type report] [--areas 1,3]    (or --slug=<slug>)
"""

from __future__ import annotations

import argparse
import datetime as dt
import glob
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "hooks"))

from sitelib import checks, siteconfig  # noqa: E402
from sitelib import model as model_lib

SECTIONS = ("summary", "contents", "availability", "strategy-link")  # heading anchors, as on every output page
TODO = checks.PLACEHOLDER


class Refused(Exception):
    pass


def quoted(text: str) -> str:
    """A YAML double-quoted scalar."""
    return json.dumps(text, ensure_ascii=False)


def next_year(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def parse_areas(text: str | None, model: model_lib.Model) -> list[int] | None:
    if not text:
        return None
    known = [a["number"] for a in model.areas]
    try:
        numbers = [int(part) for part in text.replace(" ", "").split(",") if part]
    except ValueError:
        numbers = []
    wrong = [n for n in numbers if n not in known]
    if not numbers or wrong or len(set(numbers)) != len(numbers):
        raise Refused(
            f"AREAS={text!r} is not a list of development area numbers. Give one or more of "
            f"{', '.join(map(str, known))}, separated by commas, e.g. AREAS=1,3 (data/site.yml: areas)."
        )
    return numbers


def render(
    lang: str,
    source_lang: str,
    slug: str,
    docs_rel: str,
    model: model_lib.Model,
    today: dt.date,
    type_: str | None,
    areas: list[int] | None,
) -> str:
    """The Markdown file of one language."""
    label = lambda key, **values: model.label(lang, key, **values)  # noqa: E731
    translating = lang != source_lang
    mark = f"{label('scaffold_awaiting_mark')} – " if translating else ""

    def text(key: str) -> str:  # a text field, written in the file's own language
        return quoted(f"{TODO} {mark}{label(key)}")

    def todo(key: str) -> str:  # a value that is the same in every language
        return quoted(f"{TODO} {label(key)}")

    def allowed(title_key: str, table: str, many: bool = False, optional: bool = False) -> list[str]:
        how = label("scaffold_any_of" if many else "scaffold_one_of")
        if optional:
            how = f"{label('scaffold_optional')}, {how}"
        names = {k: v[lang] for k, v in model.data[table].items()}
        return [f"# {label(title_key)} – {how}:"] + [f"#   {key} = {name}" for key, name in names.items()]

    owner = (model.data.get("review_owner") or {}).get(lang) or f"{TODO} review.owner"  # data/site.yml
    help_page = f"{docs_rel}/{lang}/contributing/front-matter.md"
    lines = ["---", f"# {label('scaffold_intro', help=help_page)}"]
    if translating:
        lines.append(f"# {label('scaffold_awaiting', source=f'{docs_rel}/{source_lang}/outputs/{slug}.md')}")
    lines += [
        f"title: {text('scaffold_title')}",
        f"# original_title: {quoted(label('scaffold_original_title'))}",
        f"description: {text('scaffold_description')}",
    ]
    lines += allowed("type", "types")
    lines.append(f"type: {type_ or todo('scaffold_one_of')}")
    lines.append(f"# {label('areas')} – {label('scaffold_any_of')}:")
    lines += [f"#   {a['number']} = {model.area_name(a['number'], lang)}" for a in model.areas]
    lines.append(f"areas: [{', '.join(map(str, areas))}]" if areas else f"areas: [{todo('scaffold_any_of')}]")
    lines += [
        f"year: {todo('scaffold_year')}",
        f"# year_approximate: true   # {label('scaffold_year_approximate')}",
        f"publisher: {text('scaffold_publisher')}",
        f"# authors: {quoted(label('scaffold_authors'))}   # {label('scaffold_optional')}",
        "sources:",
        f"  - title: {text('scaffold_source_title')}",
        f"    url: {todo('scaffold_url')}",
        "item:",
        f"  url: {todo('scaffold_item_url')}",
        f"  # kind: {label('scaffold_item_kind')}",
        f"  kind: {todo('scaffold_one_of')}",
    ]
    lines += allowed("original_languages", "language_names", many=True)
    lines.append(f"original_languages: [{todo('scaffold_any_of')}]")
    lines += allowed("licence", "licences")
    lines.append(f"licence: {todo('scaffold_one_of')}")
    lines += allowed("status", "statuses")
    lines.append(f"status: {todo('scaffold_one_of')}")
    lines += allowed("relation", "relations")
    lines.append(f"relation: {todo('scaffold_one_of')}")
    lines += allowed("audiences", "audiences", many=True, optional=True)
    lines.append(f"# audiences: [{', '.join(list(model.data['audiences'])[:2])}]")
    lines += [
        "review:",
        f"  owner: {quoted(owner)}",
        f"  last_reviewed: {today.isoformat()}",
        f"  next_review: {next_year(today).isoformat()}",
    ]
    schema = model.validators[model.kind_of(f"outputs/{slug}.md")].schema.get("properties", {})
    if not translating and "translation" in schema:
        lines.append(f"# translation: pending   # {label('scaffold_translation')}")
    if "hide" in schema:
        hidden = schema["hide"].get("items", {}).get("enum", [])
        lines.append(f"# hide: [toc]   # {label('scaffold_optional')}: {', '.join(hidden)}")
    written = {line.lstrip("# ").split(":", 1)[0] for line in lines if ":" in line}
    for name, spec in schema.items():  # a field added to the schema later still shows up
        if name not in written and name != "translation":
            lines.append(f"# {name}:   # {' '.join(str(spec.get('description', '')).split())}".rstrip())
    lines += ["---", ""]
    for anchor in SECTIONS:
        lines += [
            f"## {label(f'scaffold_heading_{anchor}')} {{ #{anchor} }}",
            "",
            f"{TODO} {mark}{label(f'scaffold_text_{anchor}')}",
            "",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("slug", nargs="?", default="", help="file name of the new output, e.g. procurement-guide")
    parser.add_argument("--slug", dest="slug_option", help="the same (for a value that starts with '-')")
    parser.add_argument("--type", default="", help="content type (data/site.yml: types), e.g. report")
    parser.add_argument("--areas", default="", help="development area numbers, e.g. 1,3")
    parser.add_argument("--config", default=os.path.join(ROOT, "mkdocs.yml"))
    args = parser.parse_args(argv)
    site = siteconfig.read(args.config)
    today = siteconfig.today()
    model = model_lib.load(site.model_path, today=today)
    root = os.path.dirname(os.path.abspath(args.config))
    docs_rel = os.path.relpath(site.docs_dir, root).replace(os.sep, "/")
    slug = (args.slug_option if args.slug_option is not None else args.slug).strip()
    try:
        if not slug:
            raise Refused(
                "Give the new output's file name: make new-output SLUG=<slug> [TYPE=report AREAS=1,3], "
                "e.g. SLUG=procurement-guide."
            )
        if not checks.SLUG.match(slug):
            raise Refused(
                f"SLUG={slug!r} is not a valid slug. Use lower-case ASCII letters (a-z), digits and "
                "single hyphens between them, e.g. procurement-guide-2024: it is the page's file name "
                "and address in every language."
            )
        taken = sorted(
            {
                os.path.relpath(path, root).replace(os.sep, "/")
                for lang in site.languages
                for path in glob.glob(os.path.join(site.docs_dir, lang, "outputs", "**", f"{slug}.md"), recursive=True)
            }
        )
        if taken:
            raise Refused(
                f"{', '.join(taken)} already exists: the slug '{slug}' is taken. Choose another "
                "slug, or edit the existing page."
            )
        type_ = args.type.strip() or None
        if type_ and type_ not in model.data["types"]:
            raise Refused(
                f"TYPE={type_!r} is not a content type. Use one of: "
                f"{', '.join(model.data['types'])} (data/site.yml: types)."
            )
        areas = parse_areas(args.areas.strip(), model)
    except Refused as refusal:
        print(f"new-output: {refusal}", file=sys.stderr)
        return 2
    files = {
        os.path.join(site.docs_dir, lang, "outputs", f"{slug}.md"): render(
            lang, site.default_language, slug, docs_rel, model, today, type_, areas
        )
        for lang in site.languages
    }  # all rendered before any is written
    written = []
    for path, text in files.items():
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "x", encoding="utf-8") as handle:
            handle.write(text)
        written.append(
            (os.path.relpath(path, root).replace(os.sep, "/"), text.count(f'"{TODO}') + text.count(f"\n{TODO}"))
        )
    for path, count in written:
        state = "" if path.split("/")[-3] == site.default_language else "  (awaiting translation)"
        print(f"wrote {path}: {count} placeholder(s) to fill{state}")
    print(
        "Fill in every 'TODO:' in both files (the comments list the allowed values), then run `make check`: "
        "it names each placeholder left (file, line, field) and fails until none is."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
