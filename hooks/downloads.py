"""Downloads: every handbook page links to the handbook's PDF, served next to it.

Events:
- on_page_markdown: on the pages of a handbook (kind `handbook` in data/site.yml),
  when `make pdf` has written dist/pdf/<handbook>-<lang>.pdf (or SITE_PDF_DIR has
  it), hands the page assembly (hooks/page_assembly.py) a "Lataa PDF" / "Ladda ner
  PDF" link with the file's size, in the page's language.
- on_post_build: the PDF is copied into the handbook's folder of that language
  (site/handbook/handbook-fi.pdf, site/sv/handbook/handbook-sv.pdf).
Without the PDFs (a plain `make build`) there is no link, never a broken one.
"""

from __future__ import annotations

import html
import os
import posixpath
import shutil

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from sitelib import assembly, buildstate


def pdf_dir(config: MkDocsConfig) -> str:
    return os.environ.get("SITE_PDF_DIR") or os.path.join(os.path.dirname(config.config_file_path), "dist", "pdf")


def size_text(size: int, labels: dict, separator: str) -> str:
    if size < 1_000_000:
        return labels["size_kb"].format(value=max(1, round(size / 1000)))
    return labels["size_mb"].format(value=f"{size / 1e6:.1f}".replace(".", separator))


def handbook_of(path: str, state: buildstate.BuildState) -> str | None:
    """The handbook folder of a page ('handbook'), if the page is a handbook chapter."""
    if state.model.kind_of(path) != "handbook":
        return None
    return posixpath.dirname(path) if posixpath.basename(path) == "index.md" or "/" in path else None


def _pdfs(config: MkDocsConfig, state, lang: str) -> dict[str, str]:
    """{handbook folder: pdf path} for this language."""
    found = {}
    folders = {handbook_of(p, state) for p in state.pages(lang)} - {None}
    for folder in folders:
        candidate = os.path.join(pdf_dir(config), f"{posixpath.basename(folder)}-{lang}.pdf")
        if os.path.isfile(candidate):
            found[folder] = candidate
    return found


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state = buildstate.get(config)
    lang = buildstate.current_language(config)
    rel = os.path.relpath(page.file.abs_src_path, state.docs_dir).replace(os.sep, "/").split("/", 1)[1]
    folder = handbook_of(rel, state)
    pdfs = state.cached(("pdfs", lang), lambda: _pdfs(config, state, lang))
    if folder not in pdfs:
        return markdown
    labels = state.model.data["labels"][lang]
    name = os.path.basename(pdfs[folder])
    prefix = "" if lang == state.default_language else f"{lang}/"
    href = get_relative_url(f"{prefix}{folder}/{name}", page.url)
    size = size_text(os.path.getsize(pdfs[folder]), labels, state.model.data["decimal_separator"][lang])
    link = (
        f'<a class="md-button" href="{html.escape(href)}" type="application/pdf">'
        f"{html.escape(labels['download_pdf'])} (PDF, {html.escape(size)})</a> "
        f"<span>{html.escape(labels['download_pdf_about'])}</span>"
    )
    state.parts.of(page.file.src_uri).add(assembly.Block("download", "handbook-pdf", link))
    return markdown


def on_post_build(config: MkDocsConfig) -> None:
    state = buildstate.get(config)
    lang = buildstate.current_language(config)
    if state.only_language and state.only_language != lang:
        return
    prefix = "" if lang == state.default_language else lang
    for folder, pdf in _pdfs(config, state, lang).items():
        target = os.path.join(config.site_dir, prefix, folder)
        os.makedirs(target, exist_ok=True)
        shutil.copyfile(pdf, os.path.join(target, os.path.basename(pdf)))
