"""Handbook PDFs: `make pdf` -> dist/pdf/<handbook>-<lang>.pdf for every handbook.

A handbook is a folder whose pages are of the kind `handbook` (data/site.yml); its
chapters are its pages in the order of its .pages file. The site is built first (so
the PDF shows exactly what the site shows, charts included), then each chapter's
article is taken from the HTML and put into one document: a title page with the print
date and version, a table of contents with page numbers, chapters as bookmarks,
links between chapters turned into links inside the PDF and other links into links
to the hosted site. WeasyPrint renders it with the site's own font files, as tagged
PDF/UA-1, with the document language set.

WeasyPrint is used directly (not an mkdocs PDF plugin): the plugins either predate
mkdocs-static-i18n or render every page of the site; here only the handbook chapters,
in their own order and with their own front page, go into the document.

    python tools/pdf.py [--out dist/pdf] [--site <already built site>]
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import os
import posixpath
import re
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "tools"))

import build  # noqa: E402
import yaml  # noqa: E402
from gitinfo import commit_epoch, version_from_git  # noqa: E402
from sitelib import frontmatter, siteconfig, translations  # noqa: E402
from sitelib import model as model_lib

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
FONTS = ROOT / "docs" / "assets" / "fonts" / "source-sans-3"

PRINT_LABELS = {
    "fi": {
        "printed": "Tulostettu",
        "version": "versio",
        "contents": "Sisällys",
        "page": "Sivu",
        "source": "Verkkoversio",
        "licence": "Tekstit: CC BY 4.0",
    },
    "sv": {
        "printed": "Utskriven",
        "version": "version",
        "contents": "Innehåll",
        "page": "Sida",
        "source": "Webbversion",
        "licence": "Texter: CC BY 4.0",
    },
}


def handbooks(docs: Path, lang: str, model) -> list[str]:
    """Folders (relative to docs/<lang>) whose index page is a handbook chapter."""
    found = []
    for index in sorted((docs / lang).rglob("index.md")):
        rel = index.relative_to(docs / lang).as_posix()
        if rel != "index.md" and model.kind_of(rel) == "handbook":
            found.append(posixpath.dirname(rel))
    return found


def chapters(folder: Path) -> list[str]:
    """Chapter file names in the order of the folder's .pages (the rest sorted after)."""
    names = sorted(p.name for p in folder.glob("*.md"))
    pages_file = folder / ".pages"
    order = []
    if pages_file.exists():
        for entry in (yaml.safe_load(pages_file.read_text(encoding="utf-8")) or {}).get("nav", []):
            name = list(entry.values())[0] if isinstance(entry, dict) else entry
            if name in names:
                order.append(name)
    return order + [n for n in names if n not in order]


def page_url(rel_md: str) -> str:
    """URL of a page inside a language's tree (the language prefix is added by callers)."""
    return translations.page_url(rel_md, "", "", use_directory_urls=True)


def chapter_html(site: Path, prefix: str, handbook: str, name: str, slugs: dict, site_url: str) -> str:
    """One chapter's article, with ids made unique and links rewritten for the PDF."""
    url = prefix + page_url(f"{handbook}/{name}")
    source = (site / url / "index.html").read_text(encoding="utf-8")
    body = ARTICLE.search(source).group(1)
    body = re.sub(r'<nav class="md-tags".*?</nav>', "", body, flags=re.S)
    body = re.sub(r'<a class="headerlink"[^>]*>.*?</a>', "", body, flags=re.S)
    body = re.sub(r'<aside class="md-source-file">.*?</aside>', "", body, flags=re.S)
    body = re.sub(r'<div class="page-download">.*?</div>', "", body, flags=re.S)
    # the edit and "view source" buttons, and the note about them (hooks/edit_links.py)
    body = re.sub(r'<a [^>]*class="md-content__button md-icon"[^>]*>.*?</a>', "", body, flags=re.S)
    body = re.sub(r'<p class="edit-source-note">.*?</p>', "", body, flags=re.S)
    slug = slugs[name]
    body = re.sub(r'\sid="([^"]+)"', lambda m: f' id="{slug}--{m.group(1)}"', body)
    body = re.sub(r"<h1\b", f'<h1 id="{slug}"', body, count=1)  # the page assembly's H1 (maybe with lang)
    base = "http://site.invalid/" + url

    def link(match: re.Match) -> str:
        attr, value = match.group(1), html.unescape(match.group(2))
        if value.startswith("#"):
            return f'{attr}="#{slug}--{value[1:]}"'
        target = urlsplit(urljoin(base, value))
        if target.netloc != "site.invalid":
            return match.group(0)
        path = target.path.lstrip("/")
        for other, other_slug in slugs.items():
            if path == prefix + page_url(f"{handbook}/{other}"):
                anchor = f"#{other_slug}--{target.fragment}" if target.fragment else f"#{other_slug}"
                return f'{attr}="{anchor}"'
        if attr == "src":
            return f'{attr}="{(site / path).as_uri()}"'
        absolute = site_url.rstrip("/") + "/" + path + (f"#{target.fragment}" if target.fragment else "")
        return f'{attr}="{html.escape(absolute)}"'

    return re.sub(r'\b(href|src)="([^"]*)"', link, body)


def document(
    lang: str,
    title: str,
    subtitle: str,
    bodies: list[tuple[str, str, str]],
    version: str,
    printed: dt.date,
    hosted: str,
    open_data: tuple[str, list[tuple[str, str]]] | None = None,
) -> str:
    """`open_data`: (label, [(format, address)]) of the catalogue's open-data files."""
    labels = PRINT_LABELS[lang]
    data_line = ""
    if open_data:
        links = ", ".join(
            f'{html.escape(kind)} <a href="{html.escape(url)}">{html.escape(url)}</a>' for kind, url in open_data[1]
        )
        data_line = f'\n  <p class="meta">{html.escape(open_data[0])}: {links}</p>'

    fonts = "\n".join(
        f'@font-face {{ font-family: "Source Sans 3"; font-style: {style}; font-weight: {weight}; '
        f'src: url("{(FONTS / f"source-sans-3-latin-{weight}-{style}.woff2").as_uri()}"); }}'
        for weight, style in (("400", "normal"), ("400", "italic"), ("700", "normal"))
    )
    toc = "".join(f'<li><a href="#{slug}">{html.escape(name)}</a></li>' for slug, name, _ in bodies)
    chapters_html = "".join(f'<section class="chapter" lang="{lang}">{body}</section>' for _, _, body in bodies)
    date_text = f"{printed.day}.{printed.month}.{printed.year}"
    css = (ROOT / "tools" / "pdf.css").read_text(encoding="utf-8")
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8">
<title>{html.escape(title)}</title>
<meta name="author" content="{html.escape(subtitle)}">
<meta name="dcterms.created" content="{printed.isoformat()}">
<meta name="dcterms.modified" content="{printed.isoformat()}">
<style>{fonts}
{css}
@page {{ @bottom-right {{ content: "{labels["page"]} " counter(page) " / " counter(pages); }} }}</style>
</head><body>
<section class="title-page">
  <p class="site">{html.escape(subtitle)}</p>
  <h1 class="book-title">{html.escape(title)}</h1>
  <p class="meta">{labels["printed"]} {date_text} · {labels["version"]} {html.escape(version)}</p>
  <p class="meta">{labels["source"]}: <a href="{html.escape(hosted)}">{html.escape(hosted)}</a></p>
  <p class="meta">{labels["licence"]}</p>{data_line}
</section>
<nav class="toc" aria-label="{labels["contents"]}"><h2 class="toc-title">{labels["contents"]}</h2><ol>{toc}</ol></nav>
{chapters_html}
</body></html>"""


def render(html_text: str, target: Path) -> None:
    from weasyprint import HTML

    target.parent.mkdir(parents=True, exist_ok=True)
    HTML(string=html_text, base_url=str(ROOT)).write_pdf(target, pdf_variant="pdf/ua-1", uncompressed_pdf=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "pdf")
    parser.add_argument("--site", type=Path, default=None, help="use this built site instead of building")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    parser.add_argument("--version", default=None)
    args = parser.parse_args(argv)
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(commit_epoch()))
    printed = siteconfig.today()
    version = args.version or version_from_git()
    settings = siteconfig.read(str(args.config))
    model = model_lib.load(settings.model_path, today=printed)
    site_url = os.environ.get("SITE_URL", "http://127.0.0.1:8000/")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as temp:
        site = args.site
        if site is None:
            site = Path(temp) / "site"
            env_pdf = os.environ.pop("SITE_PDF_DIR", None)
            os.environ["SITE_PDF_DIR"] = str(Path(temp) / "none")  # no download links inside the PDF
            if build.main(["--config", str(args.config), "--site", str(site)]) != 0:
                return 1
            os.environ.pop("SITE_PDF_DIR")
            if env_pdf:
                os.environ["SITE_PDF_DIR"] = env_pdf
        docs = Path(settings.docs_dir)
        for lang in settings.languages:
            prefix = "" if lang == settings.default_language else f"{lang}/"
            for handbook in handbooks(docs, lang, model):
                names = chapters(docs / lang / handbook)
                slugs = {n: (posixpath.basename(handbook) if n == "index.md" else n[:-3]) for n in names}
                bodies = []
                for name in names:
                    meta = frontmatter.read(docs / lang / handbook / name).meta or {}
                    body = chapter_html(site, prefix, handbook, name, slugs, site_url)
                    bodies.append((slugs[name], str(meta.get("title", name)), body))
                book = frontmatter.read(docs / lang / handbook / "index.md").meta or {}
                site_name = dict(_site_names(args.config))[lang]
                hosted = site_url.rstrip("/") + "/" + prefix + page_url(f"{handbook}/index.md")
                target = args.out / f"{posixpath.basename(handbook)}-{lang}.pdf"
                render(
                    document(
                        lang,
                        str(book.get("title", handbook)),
                        site_name,
                        bodies,
                        version,
                        printed,
                        hosted,
                        open_data_links(model, settings, lang, site_url),
                    ),
                    target,
                )
                print(
                    f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}: "
                    f"{target.stat().st_size / 1e6:.2f} MB"
                )
    print(f"PDFs written in {time.perf_counter() - started:.1f} s")
    return 0


def open_data_links(model, settings, lang: str, site_url: str) -> tuple[str, list[tuple[str, str]]] | None:
    """Where the catalogue lives as open data (hooks/open_data.py writes the files)."""
    spec = model.data.get("open_data")
    if not spec:
        return None
    prefix = "" if lang == settings.default_language else f"{lang}/"
    base = site_url.rstrip("/") + "/" + prefix
    return (
        model.label(lang, "open_data_pdf"),
        [("JSON", base + spec["files"]["json"]), ("CSV", base + spec["files"]["csv"])],
    )


def _site_names(config: Path) -> list[tuple[str, str]]:
    """(language, site name) pairs from the i18n plugin's settings in mkdocs.yml."""
    with open(config, encoding="utf-8") as handle:
        data = siteconfig.yaml_load(handle)
    for entry in data["plugins"]:
        if isinstance(entry, dict) and "i18n" in entry:
            return [(l["locale"], l.get("site_name", data["site_name"])) for l in entry["i18n"]["languages"]]
    return []


if __name__ == "__main__":
    sys.exit(main())
