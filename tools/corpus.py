"""A synthetic bilingual corpus for the benchmark, seeded (same seed, same files).

N output pages per language in eight sections (one per development area), each
600-1500 words of Finnish or Swedish built from the words of the real pages, with
headings (shared explicit anchors), lists, a table, an admonition, links to other
pages and front matter valid for the output schema; plus the home page, the
catalogue and the eight area pages, and .pages files. Identical paths in both
languages.

    python tools/corpus.py OUT_DIR --pages 500 [--seed 2026]
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
# The areas, types and audiences of the content model (one source: data/site.yml).
MODEL = yaml.safe_load((ROOT / "data" / "site.yml").read_text(encoding="utf-8"))
AREAS = [area["slug"] for area in MODEL["areas"]]
TYPES = list(MODEL["types"])
AUDIENCES = list(MODEL["audiences"])
HEADINGS = [
    ("summary", "Tiivistelmä", "Sammanfattning"),
    ("background", "Tausta", "Bakgrund"),
    ("use", "Käyttö", "Användning"),
    ("figures", "Luvut", "Siffror"),
    ("next", "Jatko", "Fortsättning"),
]
REVIEW = "review:\n  owner: Benchmark\n  last_reviewed: 2026-01-01\n  next_review: 2099-01-01\n"


def vocabulary(lang: str) -> list[str]:
    words = []
    for path in sorted((ROOT / "docs" / lang).rglob("*.md")):
        text = path.read_text(encoding="utf-8").split("---", 2)[-1]
        words += re.findall(r"[A-Za-zÅÄÖåäö]{3,}", re.sub(r"\(.*?\)|\{.*?\}|<.*?>", " ", text))
    return sorted(set(w.lower() for w in words))


def sentence(rng: random.Random, words: list[str]) -> str:
    chosen = [rng.choice(words) for _ in range(rng.randint(6, 16))]
    return " ".join(chosen).capitalize() + "."


def paragraph(rng: random.Random, words: list[str]) -> str:
    return " ".join(sentence(rng, words) for _ in range(rng.randint(3, 6)))


def page_body(rng: random.Random, words: list[str], lang: str, links: list[str]) -> str:
    target = rng.randint(600, 1500)
    parts, count = [], 0
    column = 1 if lang == "fi" else 2
    for index, heading in enumerate(HEADINGS):
        parts.append(f"## {heading[column]} {{ #{heading[0]} }}\n")
        for _ in range(2):
            text = paragraph(rng, words)
            parts.append(text + "\n")
            count += len(text.split())
        if index == 1:
            parts.append("\n".join(f"- {sentence(rng, words)}" for _ in range(4)) + "\n")
        if index == 2:
            head = "| Kohta | Arvo |" if lang == "fi" else "| Punkt | Värde |"
            rows = "\n".join(f"| {rng.choice(words)} | {rng.randint(1, 99)} % |" for _ in range(4))
            parts.append(f"{head}\n|---|---|\n{rows}\n")
        if index == 3:
            parts.append(f"!!! note\n\n    {sentence(rng, words)}\n")
        if index == 4:
            parts.append(" ".join(f"[{rng.choice(words)}]({link})" for link in links) + "\n")
        if count >= target:
            break
    while count < target:
        text = paragraph(rng, words)
        parts.insert(-1, text + "\n")
        count += len(text.split())
    return "\n".join(parts)


def generate(out: Path, pages: int, seed: int = 2026) -> Path:
    """Write docs/fi and docs/sv under `out` (the folder is replaced)."""
    docs = out / "docs"
    words = {lang: vocabulary(lang) for lang in ("fi", "sv")}
    per_area = [pages // 8 + (1 if i < pages % 8 else 0) for i in range(8)]
    for lang in ("fi", "sv"):
        rng = random.Random(seed)  # same structure in both languages
        text_rng = random.Random(f"{seed}-{lang}")
        base = docs / lang
        (base / "outputs").mkdir(parents=True, exist_ok=True)
        (base / "areas").mkdir(parents=True, exist_ok=True)
        title = "Testikorpus" if lang == "fi" else "Testkorpus"
        (base / "index.md").write_text(
            f"---\ntitle: {title}\ndescription: Synteettinen aineisto suorituskykytestiä varten, kaksikielinen.\n---\n\n"
            f"[{'Luettelo' if lang == 'fi' else 'Förteckning'}](outputs/index.md)\n",
            encoding="utf-8",
        )
        (base / "outputs" / "index.md").write_text(
            f"---\ntitle: {'Tuotokset' if lang == 'fi' else 'Resultat'}\n"
            "description: Kaikki synteettisen aineiston tuotokset luettelona ja suodattimena.\n---\n\n<!-- catalogue -->\n",
            encoding="utf-8",
        )
        (base / ".pages").write_text("nav:\n  - index.md\n  - areas\n  - outputs\n", encoding="utf-8")
        (base / "areas" / ".pages").write_text(f"title: {'Alueet' if lang == 'fi' else 'Områden'}\n", encoding="utf-8")
        (base / "outputs" / ".pages").write_text(
            f"title: {'Tuotokset' if lang == 'fi' else 'Resultat'}\nnav:\n  - index.md\n  - ...\n", encoding="utf-8"
        )
        for number, area in enumerate(AREAS, start=1):
            heading = "Tuotokset" if lang == "fi" else "Resultat"
            (base / "areas" / f"{area}.md").write_text(
                f"---\ntitle: {area.replace('-', ' ').capitalize()}\n"
                f"description: Kehittämisalueen {number} synteettinen sivu suorituskykytestiä varten.\n"
                f"area: {number}\n{REVIEW}---\n\n## {heading} {{ #outputs }}\n\n<!-- area-outputs -->\n",
                encoding="utf-8",
            )
            folder = base / "outputs" / area
            folder.mkdir(exist_ok=True)
            (folder / ".pages").write_text(f"title: {number}. {area}\n", encoding="utf-8")
            for index in range(per_area[number - 1]):
                slug = f"{area}-{index:03d}"
                others = []
                for _ in range(2):
                    target = rng.randrange(8)
                    if per_area[target]:
                        others.append(f"../{AREAS[target]}/{AREAS[target]}-{rng.randrange(per_area[target]):03d}.md")
                areas = sorted({number, rng.randint(1, 8)})
                meta = (
                    f"---\ntitle: {text_rng.choice(words[lang]).capitalize()} {text_rng.choice(words[lang])} {index}\n"
                    f"description: {sentence(text_rng, words[lang])[:150]}\n"
                    f"type: {rng.choice(TYPES)}\nareas: {areas}\nyear: {rng.randint(2015, 2025)}\n"
                    f"publisher: {'Julkaisija' if lang == 'fi' else 'Utgivare'} {rng.randint(1, 20)}\n"
                    "sources:\n  - title: Lähde\n    url: https://example.org/source\n"
                    "item:\n  url: https://example.org/source\n  kind: item\n"
                    f"original_languages: [{lang}]\nlicence: not-stated\nstatus: current\n"
                    f"relation: {rng.choice(['programme-output', 'related-work'])}\n"
                    f"audiences: [{rng.choice(AUDIENCES)}]\n{REVIEW}---\n\n"
                )
                (folder / f"{slug}.md").write_text(
                    meta + page_body(text_rng, words[lang], lang, others), encoding="utf-8"
                )
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    print(generate(args.out, args.pages, args.seed))


if __name__ == "__main__":
    main()
