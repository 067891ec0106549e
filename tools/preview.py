"""The pull-request preview: the offline build with a start page of the changed pages.

CI uploads <out>/ as the artifact `site-preview-pr-<n>`. A reviewer downloads it, unzips
it and double-clicks `index.html`: a start page in both languages that lists the pages
the pull request changes, each linked in every language, and the site's home pages. The
site itself is `make offline`'s build (<out>/site/: links end in .html, search works from
disk), so no web server is needed and nothing is deployed from a pull request.

    python tools/preview.py [--out preview] [--base main]     # build + start page
    python tools/preview.py --site <offline build> --out preview  # start page only
    python tools/preview.py --summary [--artifact-url URL]    # job summary (CI)

The changed pages come from `git diff --name-only <base>...HEAD`: `--base`, else
origin/$GITHUB_BASE_REF in a pull request's CI run.
"""

from __future__ import annotations

import argparse
import html
import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "tools"))

import build  # noqa: E402
from gitinfo import commit_epoch  # noqa: E402
from sitelib import annotations, frontmatter, siteconfig  # noqa: E402
from sitelib import model as model_lib

FOLDER = "site"  # the offline build inside the preview


def page_title(docs_dir: Path, languages: list[str], lang: str, path: str) -> str | None:
    """The page's title in `lang` (its own file, else the file shown in its place)."""
    for candidate in [lang] + [other for other in languages if other != lang]:
        source = docs_dir / candidate / path
        if source.exists():
            meta = frontmatter.read(source).meta or {}
            title = meta.get("title")
            return str(title) if title else None
    return None


def start_page(
    pages: list[annotations.ChangedPage] | None,
    others: list[str],
    site: Path,
    docs_dir: Path,
    languages: list[str],
    default_language: str,
    model: model_lib.Model,
    number: str | None,
) -> str:
    """The start page's HTML: a section per language, every link relative (file://)."""
    e = html.escape
    label = model.label
    first = default_language
    title = " / ".join(label(lang, "preview_title") for lang in languages)
    if number:
        title += " – " + " / ".join(label(lang, "preview_pull_request", number=number) for lang in languages)
    sections = []
    for lang in languages:
        home = annotations.offline_page("index.md", lang, default_language)
        items = []
        for page in pages or []:
            target = page.pages.get(lang)
            name = page_title(docs_dir, languages, lang, page.path) if page.pages else None
            text = f"{e(name)} <small>({e(page.source)})</small>" if name else e(page.source)
            if target and (site / target).is_file():
                items.append(f'<li><a href="{e(FOLDER + "/" + target)}">{text}</a></li>')
            else:
                items.append(f"<li>{text} – {e(label(lang, 'preview_deleted'))}</li>")
        if pages is None:
            listing = f"<p>{e(label(lang, 'preview_unknown'))}</p>"
        elif items:
            listing = "<ul>\n" + "\n".join(items) + "\n</ul>"
        else:
            listing = f"<p>{e(label(lang, 'preview_none'))}</p>"
        if others:
            listing += (
                f"\n<p>{e(label(lang, 'preview_other'))}</p>\n<ul>\n"
                + "\n".join(f"<li><code>{e(name)}</code></li>" for name in others)
                + "\n</ul>"
            )
        sections.append(
            f'<section lang="{e(lang)}" aria-labelledby="changed-{e(lang)}">\n'
            f"<p>{e(label(lang, 'preview_intro'))}</p>\n"
            f'<p><a href="{e(FOLDER + "/" + home)}">{e(label(lang, "preview_home"))}</a></p>\n'
            f'<h2 id="changed-{e(lang)}">{e(label(lang, "preview_changed"))}</h2>\n{listing}\n</section>'
        )
    return (
        f'<!doctype html>\n<html lang="{e(first)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f"<title>{e(title)}</title>\n"
        "<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;"
        "line-height:1.5}section+section{border-top:1px solid #888;margin-top:2rem}small{color:#555}</style>\n"
        f"</head>\n<body>\n<main>\n<h1>{e(title)}</h1>\n" + "\n".join(sections) + "\n</main>\n</body>\n</html>\n"
    )


def build_offline(config: Path, target: Path) -> int:
    """`make offline`'s build (without the zip) into `target`."""
    os.environ["OFFLINE"] = "true"
    try:
        os.environ.setdefault("SOURCE_DATE_EPOCH", str(commit_epoch()))
    except Exception:  # not a git checkout: the build date is today
        pass
    return build.main(["--config", str(config), "--site", str(target)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    parser.add_argument("--out", type=Path, default=ROOT / "preview", help="the preview folder (uploaded by CI)")
    parser.add_argument("--site", type=Path, help="an existing offline build to use instead of building")
    parser.add_argument("--base", help="git revision to compare with (default: origin/$GITHUB_BASE_REF)")
    parser.add_argument("--summary", action="store_true", help="only append the preview to the job summary")
    parser.add_argument("--artifact-url", default=os.environ.get("ARTIFACT_URL"))
    args = parser.parse_args(argv)
    config = args.config.resolve()
    settings = siteconfig.read(str(config))
    base_dir = str(config.parent)
    root = annotations.workspace(cwd=base_dir)
    docs_rel = annotations.repo_path(settings.docs_dir, base_dir, root)
    changed = annotations.changed_files(cwd=root, base=args.base)
    pages, others = (
        annotations.changed_pages(changed, docs_rel, settings.languages, settings.default_language, root)
        if changed is not None
        else (None, [])
    )
    if args.summary:
        name = annotations.artifact_name(os.environ)
        link = args.artifact_url or annotations.run_url(os.environ)
        count = f"{len(pages)} changed page(s)" if pages is not None else "the changed pages"
        where = f"[{annotations.md(name)}]({link})" if link else annotations.code(name)
        annotations.append_summary(
            f"### Preview\n\nDownload {where}, unzip it and open <code>index.html</code>: "
            f"it lists {count} with links in every language (no web server needed).\n\n"
        )
        return 0
    out = args.out.resolve()
    site = out / FOLDER
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    if args.site:
        shutil.copytree(args.site.resolve(), site)
    elif build_offline(config, site) != 0:
        return 1
    model = model_lib.load(settings.model_path, today=siteconfig.today())
    number = os.environ.get("PR_NUMBER") or None
    text = start_page(
        pages, others, site, Path(settings.docs_dir), settings.languages, settings.default_language, model, number
    )
    (out / "index.html").write_text(text, encoding="utf-8")
    listed = "no list of changed pages" if pages is None else f"{len(pages)} changed page(s)"
    print(f"preview: {out / 'index.html'} ({listed}); the site is in {site}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
