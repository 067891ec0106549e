"""Fast content checks without a build: `make check`.

Reads every page of every language once and reports ALL problems (front matter
against the schemas, missing translations, heading anchors, relative links and
anchors, .pages files, `TODO:` placeholders, unofficial area names without their
marker, titles of originals in another language), then lists notices that do not fail:
pages whose review date has passed and addresses on a CMS backend host. Exit status 1
when there is a problem.

In GitHub Actions (GITHUB_ACTIONS=true) it also prints a workflow command per problem
(`::error`, `::warning` for overdue reviews) so each shows on its line of the pull
request's diff, and appends the problems and the pages the pull request changes to the
job summary (sitelib.annotations). Elsewhere the output is exactly the lines above.

    python tools/check.py [--config mkdocs.yml]
"""

from __future__ import annotations

import argparse
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "hooks"))

from sitelib import annotations, checks, siteconfig  # noqa: E402
from sitelib import model as model_lib


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default=os.path.join(ROOT, "mkdocs.yml"))
    parser.add_argument("--no-links", action="store_true", help="skip the link and anchor checks")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    site = siteconfig.read(args.config)
    model = model_lib.load(site.model_path, today=siteconfig.today())
    result = checks.scan(
        site.docs_dir,
        site.languages,
        model,
        today=siteconfig.today(),
        check_links=not args.no_links,
        display_root=os.path.dirname(args.config),
    )
    pages = sum(len(p) for p in result.pages.values())
    for problem in result.problems:
        print(f"ERROR   {problem}")
    for notice in result.notices:
        print(f"NOTICE  {notice}")
    elapsed = time.perf_counter() - started
    status = "FAILED" if result.problems else "OK"
    reviews = [n for n in result.notices if n.field == "review"]
    others = len(result.notices) - len(reviews)
    closing = (
        f"{status}: {pages} pages in {len(site.languages)} languages checked in {elapsed:.2f} s; "
        f"{len(result.problems)} problem(s), {len(reviews)} overdue review(s)"
        + (f", {others} address(es) on a CMS backend host." if others else ".")
    )
    print(closing)
    if annotations.active():
        report_to_github(result, site, os.path.dirname(os.path.abspath(args.config)), closing)
    return 1 if result.problems else 0


def report_to_github(result: checks.Scan, site: siteconfig.SiteConfig, base: str, closing: str) -> None:
    """Workflow commands and the job summary (GitHub Actions only)."""
    root = annotations.workspace(cwd=base)
    findings = [
        annotations.Finding(
            "error",
            annotations.repo_path(p.file, base, root),
            p.line,
            f"make check: {p.field}" if p.field else "make check",
            p.message,
            p.hint,
        )
        for p in result.problems
    ]
    findings += [
        annotations.Finding(
            "warning",
            annotations.repo_path(n.file, base, root),
            n.line,
            "make check: review overdue",
            f"{n.message} {n.hint}".strip(),
            "Check the page, then update review.last_reviewed and review.next_review in every language.",
        )
        for n in result.notices
        if n.field == "review"
    ]
    findings += [
        annotations.Finding(
            "notice", annotations.repo_path(n.file, base, root), n.line, f"make check: {n.field}", n.message, n.hint
        )
        for n in result.notices
        if n.field != "review"
    ]
    annotations.emit(findings)
    changed = annotations.changed_files(cwd=root)
    extra = ""
    if changed is not None:
        docs_rel = annotations.repo_path(site.docs_dir, base, root)
        pages, others = annotations.changed_pages(changed, docs_rel, site.languages, site.default_language, root)
        extra = annotations.changed_pages_summary(pages, others, os.environ)
    annotations.append_summary(annotations.summary("make check (content checks)", findings, closing, extra))


if __name__ == "__main__":
    sys.exit(main())
