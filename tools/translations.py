"""Translation status from the docs tree and git: `make translations`.

Prints every page that is missing in a language (exit status 1, unless the page is
marked `translation: pending`, which is listed but allowed) and every pair whose
pages were last committed at different times (the older one may lag; exit 0).

In GitHub Actions (GITHUB_ACTIONS=true) it also prints a workflow command for each
(`::error` on the page whose partner is missing, `::warning` on the possibly stale one)
and appends them to the job summary (sitelib.annotations); elsewhere the output is
exactly the lines above.

    python tools/translations.py [--config mkdocs.yml]
"""

from __future__ import annotations

import argparse
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "hooks"))

from sitelib import annotations, checks, gitdates, siteconfig, translations  # noqa: E402
from sitelib import model as model_lib


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default=os.path.join(ROOT, "mkdocs.yml"))
    args = parser.parse_args(argv)
    site = siteconfig.read(args.config)
    model = model_lib.load(site.model_path, today=siteconfig.today())
    scan = checks.scan(site.docs_dir, site.languages, model, check_links=False)
    dates = gitdates.last_commits(site.docs_dir)

    def git_date(lang: str, path: str):
        return dates.get(os.path.normpath(os.path.join(site.docs_dir, lang, path)))

    missing, stale = translations.status(scan, site.languages, git_date)
    failing = [m for m in missing if not m.pending]
    docs = os.path.relpath(site.docs_dir, os.path.dirname(os.path.abspath(args.config)))
    for item in missing:
        state = "pending (allowed)" if item.pending else "MISSING"
        print(f"{state:18} {docs}/{item.absent}/{item.path}  (exists in {item.present})")
    for item in stale:
        print(
            f"{'stale':18} {docs}/{item.older}/{item.path}  last committed "
            f"{item.older_date:%Y-%m-%d %H:%M}, {item.newer} version {item.newer_date:%Y-%m-%d %H:%M}"
        )
    pairs = len({p for lang in site.languages for p in scan.pages[lang]})
    closing = (
        f"{pairs} pages: {len(failing)} missing, {len(missing) - len(failing)} pending, {len(stale)} possibly stale."
    )
    print(closing)
    if annotations.active():
        base = os.path.dirname(os.path.abspath(args.config))
        root = annotations.workspace(cwd=base)

        def repo_file(lang: str, path: str) -> str:
            return annotations.repo_path(f"{docs}/{lang}/{path}", base, root)

        findings = [
            annotations.Finding(
                "error",
                repo_file(m.present, m.path),
                1,
                "make translations: missing translation",
                f"{repo_file(m.absent, m.path)} is missing: this page has no '{m.absent}' version.",
                f"Add the translation as {repo_file(m.absent, m.path)}, or mark this page 'translation: pending' "
                "in its front matter until it is translated.",
            )
            for m in failing
        ]
        findings += [
            annotations.Finding(
                "warning",
                repo_file(s.older, s.path),
                1,
                "make translations: possibly stale translation",
                f"this page was last committed {s.older_date:%Y-%m-%d %H:%M}, the {s.newer} version "
                f"({repo_file(s.newer, s.path)}) {s.newer_date:%Y-%m-%d %H:%M}.",
                f"Check what changed in the {s.newer} version and update this page to match in the same pull request.",
            )
            for s in stale
        ]
        pending = [
            annotations.Finding(
                "notice",
                repo_file(m.present, m.path),
                1,
                "make translations: awaiting translation",
                f"this page is marked 'translation: pending': the '{m.absent}' site shows it with a notice.",
                f"When the translation is ready, add {repo_file(m.absent, m.path)} and remove 'translation: pending'.",
            )
            for m in missing
            if m.pending
        ]
        annotations.emit(findings)
        annotations.append_summary(annotations.summary("make translations", findings + pending, closing))
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
